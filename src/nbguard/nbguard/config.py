"""Wire the guard into nbgrader's own extension points (call :func:`apply` from ``nbgrader_config.py``).

Only ``nbgrader autograde`` is affected: ``Autograde.exporter_class``, ``Autograde.sanitize_preprocessors``
and ``Autograde.autograde_preprocessors``. nbgrader itself is not patched. Set ``NBGUARD=off`` in the
environment to grade with stock nbgrader (e.g. to compare).

What a course protects is configuration of the preprocessors (plain traitlets, so ``nbgrader_config.py`` or
the command line may also set them directly); :func:`apply` adds the course's names to nbguard's generic
defaults::

    from nbguard import config as nbguard
    nbguard.apply(c, preimport=["mycourse.grading"], protect=["mycourse", "scipy"], freeze=["mycourse"],
                  scan_module_names=["mycourse", "grading"], language="en")
"""
from __future__ import annotations

import os

__all__ = ["apply", "enabled", "ENV_SWITCH"]

#: environment variable that turns the guard off (``off``/``0``/``no``/``false``)
ENV_SWITCH = "NBGUARD"


def enabled() -> bool:
    return os.environ.get(ENV_SWITCH, "on").strip().lower() not in ("0", "off", "no", "false")


def _extend(defaults, extra) -> list:
    out = list(defaults)
    for x in extra or ():
        if x not in out:
            out.append(x)
    return out


def apply(c, *, preimport=(), protect=(), freeze=(), deny_paths=(), scan_module_names=(), scan_exception_names=(),
          language: str | None = None, memory: str | None = None) -> bool:
    """Configure ``c`` (an nbgrader config object) for guarded autograding. Returns whether it did (not when
    ``$NBGUARD`` is off).

    Every list is added to nbguard's generic defaults:

    * ``preimport`` — modules the grading kernel imports, records and freezes before student code
      (``GuardedExecute.preimport``; default numpy, numpy.testing, numpy.linalg; modules that read-only cells
      import are added per notebook);
    * ``protect`` — module prefixes whose namespaces are restored before every cell
      (``GuardedExecute.protected_modules``; default builtins, numpy, math and other standard modules);
    * ``freeze`` — packages frozen with all their submodules loaded at kernel start
      (``GuardedExecute.frozen_packages``; ``np.allclose = f``-style rebinding raises);
    * ``deny_paths`` — extra folders the kernel may not read (``GuardedExecute.deny_paths``; the course folder,
      the gradebook's folder, the grader's home and nbgrader's exchange are always denied);
    * ``scan_module_names`` / ``scan_exception_names`` — names the static scanner treats as protected modules
      and exceptions not to catch (``GuardFinalize``);
    * ``language`` — language of the messages written into notebooks (``GuardedExecute.language``, "en"/"uk");
    * ``memory`` — the kernel's address-space cap (``GuardedExecute.memory_limit``, default $NBGUARD_MEMORY or 2G).
    """
    if not enabled():
        return False
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearOutput, DeduplicateIds,
                                        IgnorePattern, LimitOutput, OverwriteCells, OverwriteKernelspec,
                                        SaveAutoGrades)

    from . import scan
    from .execute import DEFAULT_PREIMPORT, GuardedExecute
    from .exporter import GuardedNotebookExporter
    from .finalize import GuardFinalize
    from .inspect_cells import GuardInspect
    from .report_writer import GuardReport
    from .runtime import PROTECTED_PREFIXES

    c.Autograde.exporter_class = GuardedNotebookExporter
    c.Autograde.sanitize_preprocessors = [ClearOutput, GuardInspect, DeduplicateIds, OverwriteKernelspec,
                                          OverwriteCells, CheckCellMetadata, GuardFinalize]
    c.Autograde.autograde_preprocessors = [GuardedExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                                           SaveAutoGrades, AssignLatePenalties, CheckCellMetadata, GuardReport]
    ge, gf = c.GuardedExecute, c.GuardFinalize
    if preimport:
        ge.preimport = _extend(DEFAULT_PREIMPORT, preimport)
    if protect:
        ge.protected_modules = _extend(PROTECTED_PREFIXES, protect)
    if freeze:
        ge.frozen_packages = _extend((), freeze)
    if deny_paths:
        ge.deny_paths = _extend((), (str(p) for p in deny_paths))
    if scan_module_names:
        gf.scan_module_names = _extend(sorted(scan.MODULE_NAMES), scan_module_names)
    if scan_exception_names:
        gf.scan_exception_names = _extend(sorted(scan.EXCEPTION_NAMES), scan_exception_names)
    if language is not None:
        ge.language = language
    if memory is not None:
        ge.memory_limit = memory
    return True
