"""The course's modules: one subpackage per module, discovered from this folder, never listed by hand.

Module ``NN-name`` (e.g. ``01-distances``; the same id names its assignment and its notebooks) is the
subpackage ``fsgeom.modules.mNN_name``. Its ``__init__.py`` sets ``MODULE_ID`` and ``TITLE`` and imports
nothing; its layers are files, each optional, imported only when asked for:

==============  =======================================================  ===========================================
file            what                                                     may import (besides numpy and stdlib)
==============  =======================================================  ===========================================
``texts.py``    printed labels, ``T = Texts({...})`` (uk and en)         ``fsgeom.i18n``
``maths.py``    the module's own numpy math                              ``fsgeom.metrics``, ``fsgeom.data``
``data.py``     seeded / bundled data                                    the above, ``.maths``
``plots.py``    views updated in place, static figures                   the above, matplotlib, ``fsgeom.plots``
``widgets.py``  live widgets, marked ``@course_widget``                  the above, ipywidgets, ``fsgeom.widgets``
``figures.py``  README figures, marked ``@course_figure("name")``        the above, ``fsgeom.figures``
``checks.py``   visible checks, hints, ``TASKS`` of the assignment       ``fsgeom.grading/tasks/selfcheck/i18n``,
                                                                         ``fsgeom.metrics/data``, ``.maths``, ``.data``,
                                                                         ``.texts``
==============  =======================================================  ===========================================

A module never imports another module's folder (shared code moves down into ``fsgeom.metrics``, ``fsgeom.data``,
``fsgeom.plots``, ``fsgeom.widgets``); checks never import matplotlib or ipywidgets, so the grading kernel stays
light. ``tests/test_import_rules.py`` enforces both on every discovered module.

Everything the course finds by module goes through here: :func:`discover`, :func:`get`, :func:`widgets`,
:func:`figures` (used by ``./course figures``, the benchmark, the kernel-side widget tests and the browser suite)
and :meth:`CourseModule.tasks` (self-check, convention tests). A module lives in this package's ``__path__``:
folders listed in the environment variable ``FSGEOM_EXTRA_MODULES`` (``os.pathsep``-separated) are appended to
it, which is how the convention tests plug a throw-away module into child processes (kernels, nbgrader).
"""
from __future__ import annotations

import importlib
import os
import pkgutil
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CourseModule", "LAYERS", "package_name", "discover", "get", "widgets", "figures"]

__path__ += [p for p in os.environ.get("FSGEOM_EXTRA_MODULES", "").split(os.pathsep) if p and p not in __path__]

#: the files a module folder may hold, in import order (a layer imports only layers before it; checks: see above)
LAYERS = ("texts", "maths", "data", "plots", "widgets", "figures", "checks")
_ID = re.compile(r"(\d\d)-([a-z0-9]+(?:-[a-z0-9]+)*)")
_PACKAGE = re.compile(r"m\d\d_[a-z0-9_]+")


def package_name(module_id: str) -> str:
    """``"01-distances"`` -> ``"m01_distances"`` (the subpackage's name)."""
    if not _ID.fullmatch(module_id):
        raise ValueError(f"a module id looks like '01-distances' (two digits, dash, lower-case words), got {module_id!r}")
    return "m" + module_id.replace("-", "_")


@dataclass(frozen=True)
class CourseModule:
    """One discovered module: its id (``01-distances``), package (``fsgeom.modules.m01_distances``) and folder."""
    id: str
    package: str
    path: Path
    title: dict

    @property
    def number(self) -> str:
        """``"01"``."""
        return self.id[:2]

    def has(self, layer: str) -> bool:
        """Whether the module folder has the file ``<layer>.py``."""
        return (self.path / f"{layer}.py").is_file()

    def layer(self, layer: str):
        """Import and return ``<package>.<layer>`` (``None`` if the module has no such file)."""
        if layer not in LAYERS:
            raise ValueError(f"unknown layer {layer!r}; layers are {LAYERS}")
        return importlib.import_module(f"{self.package}.{layer}") if self.has(layer) else None

    def tasks(self) -> tuple:
        """The graded tasks (:class:`fsgeom.tasks.Task`) of the module's assignment, in notebook order
        (``TASKS`` of its ``checks.py``; empty if it has none)."""
        checks = self.layer("checks")
        return tuple(getattr(checks, "TASKS", ())) if checks is not None else ()

    def widgets(self) -> dict:
        """``{name: function}`` for the functions of ``widgets.py`` marked ``@course_widget``, in source order."""
        from ..widgets import is_course_widget
        return _marked(self.layer("widgets"), is_course_widget, lambda fn: fn.__name__)

    def figures(self) -> dict:
        """``{"NN-name": function(lang)}`` for the functions of ``figures.py`` marked ``@course_figure``."""
        from ..figures import figure_name
        return _marked(self.layer("figures"), figure_name, lambda fn: f"{self.number}-{figure_name(fn)}")


def _marked(mod, is_marked, name_of) -> dict:
    if mod is None:
        return {}
    found = [fn for fn in vars(mod).values()
             if callable(fn) and getattr(fn, "__module__", None) == mod.__name__ and is_marked(fn)]
    found.sort(key=lambda fn: fn.__code__.co_firstlineno)
    return {name_of(fn): fn for fn in found}


def discover() -> list[CourseModule]:
    """Every module subpackage of this package's ``__path__``, sorted by id. Raises ``ValueError`` if a
    package's ``MODULE_ID`` does not match its folder name or two packages claim the same id."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if not (info.ispkg and _PACKAGE.fullmatch(info.name)):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        module_id = getattr(mod, "MODULE_ID", None)
        if not isinstance(module_id, str) or package_name(module_id) != info.name:
            raise ValueError(f"{mod.__name__}: MODULE_ID {module_id!r} does not match the package name "
                             f"(module '01-distances' lives in 'm01_distances')")
        if module_id in found:
            raise ValueError(f"two packages for module {module_id!r}")
        title = getattr(mod, "TITLE", None)
        if not (isinstance(title, dict) and {"uk", "en"} <= set(title)):
            raise ValueError(f"{mod.__name__}: TITLE must be a dict with 'uk' and 'en' entries")
        found[module_id] = CourseModule(module_id, mod.__name__, Path(mod.__file__).parent, title)
    return [found[k] for k in sorted(found)]


def get(module_id: str) -> CourseModule:
    """The module ``module_id`` (``KeyError`` naming the known ids if there is none)."""
    for m in discover():
        if m.id == module_id:
            return m
    raise KeyError(f"no module {module_id!r}; known: {[m.id for m in discover()]}")


def _union(what: str) -> dict:
    out, owner = {}, {}
    for m in discover():
        for name, fn in getattr(m, what)().items():
            if name in out:
                raise ValueError(f"{what[:-1]} {name!r} is defined by both {owner[name]} and {m.id}")
            out[name], owner[name] = fn, m.id
    return out


def widgets() -> dict:
    """``{name: function}`` of every module's widgets (names are unique across the course)."""
    return _union("widgets")


def figures() -> dict:
    """``{"NN-name": function(lang)}`` of every module's figures."""
    return _union("figures")
