"""Graded tasks of the assignments: what each test cell checks, and how to find a module's tasks.

A module's ``checks.py`` (e.g. :mod:`fsgeom.modules.m01_distances.checks`) defines one public visible check
per task, ``check(student_fn, ...)``, which raises :class:`fsgeom.grading.CheckFailed` with a specific hint
in the notebook's language or prints a one-line "✓ passed", and ``TASKS``: a tuple of :class:`Task` in notebook
order. Modules are discovered (:mod:`fsgeom.modules`), so a new module only adds its folder.

Points have one master: the nbgrader metadata of the source notebooks (``solutions/<lang>/<id>/<id>.ipynb``).
``Task.points`` repeats it for the self-check table (a student's kernel may not see the source notebooks);
the convention tests check that the two agree, in both languages.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

__all__ = ["Task", "tasks", "find_task"]


@dataclass(frozen=True)
class Task:
    """One graded task of an assignment."""
    name: str                 #: task name = name of its visible check = the main student function
    #: notebook names passed to ``check``: first the task's own function, then the student's functions of earlier
    #: tasks it builds on (judged with the student's own versions; ``call(..., uses=...)`` charges a forbidden
    #: call inside them to their own tasks)
    functions: tuple
    points: int               #: points of the task's test cell (tested equal to the notebook metadata)
    grade_id: str             #: nbgrader ``grade_id`` of the test cell
    check: Callable = field(repr=False)  #: the visible check
    optional: tuple = ()      #: names in ``functions`` that may be missing or unimplemented
    #: what the student's functions MAY call beyond numpy, as module prefixes (e.g. ``("scipy.stats",)``);
    #: the default forbids SciPy, scikit-learn and the course package (:mod:`fsgeom.forbidden`). The visible
    #: check and the hidden tests pass it on to :func:`fsgeom.grading.call`.
    allow: tuple = ()
    #: the task asks for thinking rather than bookkeeping (COURSE-PLAN: "an experiment whose result is checked"):
    #: a module needs one such task or a manually graded written answer
    thinking: bool = False

    def run(self, namespace: dict):
        """Run the visible check with the functions found in ``namespace`` (a notebook's ``globals()``)."""
        args = []
        for fname in self.functions:
            fn = namespace.get(fname)
            if fn is None and fname not in self.optional:
                from .grading import MissingFunction, message
                raise MissingFunction(message("missing_function", name=fname), self.name)
            args.append(fn)
        return self.check(*args)


def tasks(module_id: str) -> tuple:
    """The :class:`Task` tuple of module ``module_id`` (``KeyError`` naming the known modules if unknown)."""
    from . import modules
    return modules.get(module_id).tasks()


def find_task(name: str, module_id: str) -> Task:
    """The task of module ``module_id`` given by task name, function name or grade id (``KeyError`` if none)."""
    for t in tasks(module_id):
        if name in (t.name, t.grade_id) or name == t.functions[0]:
            return t
    raise KeyError(name)
