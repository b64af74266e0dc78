"""Visible checks for the nbgrader assignments, one module per assignment, plus a task registry.

Each check module (e.g. :mod:`fsgeom.checks.distances`) defines

* ``MODULE_ID``: the assignment id, e.g. ``"01-distances"``;
* one public check per task, ``check(student_fn, ...)``, which raises
  :class:`fsgeom.grading.CheckFailed` with a specific hint in the notebook's language, or prints a
  one-line "✓ passed";
* ``TASKS``: a tuple of :class:`Task` in notebook order (name, the notebook functions the check needs,
  points, the nbgrader grade id of the task's test cell).

Modules are discovered (:func:`registry`), never listed here, so a later module only adds a file.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Callable

__all__ = ["Task", "registry", "tasks", "find_task", "module_for"]


@dataclass(frozen=True)
class Task:
    """One graded task of an assignment."""
    name: str                 #: task name = name of its visible check = the main student function
    functions: tuple          #: notebook names passed to ``check`` (first: the task's own function)
    points: int               #: points of the task's test cell
    grade_id: str             #: nbgrader ``grade_id`` of the test cell
    check: Callable = field(repr=False)  #: the visible check
    optional: tuple = ()      #: names in ``functions`` that may be missing or unimplemented

    def run(self, namespace: dict):
        """Run the visible check with the functions found in ``namespace`` (a notebook's ``globals()``)."""
        args = []
        for fname in self.functions:
            fn = namespace.get(fname)
            if fn is None and fname not in self.optional:
                from ..grading import MissingFunction, message
                raise MissingFunction(message("missing_function", name=fname), self.name)
            args.append(fn)
        return self.check(*args)


def registry() -> dict:
    """``{module_id: check module}`` for every check module in this package."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        module_id = getattr(mod, "MODULE_ID", None)
        if module_id and hasattr(mod, "TASKS"):
            found[module_id] = mod
    return dict(sorted(found.items()))


def tasks(module_id: str) -> tuple:
    """The :class:`Task` tuple of an assignment (``KeyError`` naming the known ids if unknown)."""
    reg = registry()
    if module_id not in reg:
        raise KeyError(f"no checks for assignment {module_id!r}; known: {sorted(reg)}")
    return tuple(reg[module_id].TASKS)


def module_for(namespace: dict) -> str:
    """Guess the assignment of a notebook from the task functions defined in its ``namespace``."""
    best, best_hits = None, 0
    for module_id, mod in registry().items():
        hits = sum(1 for t in mod.TASKS if callable(namespace.get(t.name)))
        if hits > best_hits:
            best, best_hits = module_id, hits
    if best is None:
        raise LookupError("this notebook defines none of the graded functions of any assignment")
    return best


def find_task(name: str, module_id: str | None = None) -> tuple:
    """``(module_id, Task)`` for a task given by task name, function name or grade id."""
    reg = registry()
    for mid, mod in reg.items():
        if module_id and mid != module_id:
            continue
        for t in mod.TASKS:
            if name in (t.name, t.grade_id) or name == t.functions[0]:
                return mid, t
    raise KeyError(name)
