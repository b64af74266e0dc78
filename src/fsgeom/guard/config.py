"""Wire the guard into nbgrader's own extension points (used by ``nbgrader_config.py``).

Only ``nbgrader autograde`` is affected: ``Autograde.exporter_class``, ``Autograde.sanitize_preprocessors``
and ``Autograde.autograde_preprocessors``. nbgrader itself is not patched. Set ``FSGEOM_GUARD=off`` in the
environment to grade with stock nbgrader (e.g. to compare).
"""
from __future__ import annotations

import os

__all__ = ["apply", "enabled"]


def enabled() -> bool:
    return os.environ.get("FSGEOM_GUARD", "on").strip().lower() not in ("0", "off", "no", "false")


def apply(c, memory: str | None = None) -> bool:
    """Configure ``c`` (an nbgrader config object) for guarded autograding. Returns whether it did."""
    if not enabled():
        return False
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearOutput, DeduplicateIds,
                                        IgnorePattern, LimitOutput, OverwriteCells, OverwriteKernelspec,
                                        SaveAutoGrades)

    from .execute import GuardedExecute
    from .sanitize import GuardedNotebookExporter, GuardFinalize, GuardInspect, GuardReport

    c.Autograde.exporter_class = GuardedNotebookExporter
    c.Autograde.sanitize_preprocessors = [ClearOutput, GuardInspect, DeduplicateIds, OverwriteKernelspec,
                                          OverwriteCells, CheckCellMetadata, GuardFinalize]
    c.Autograde.autograde_preprocessors = [GuardedExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                                           SaveAutoGrades, AssignLatePenalties, CheckCellMetadata, GuardReport]
    if memory is not None:
        c.GuardedExecute.memory_limit = memory
    return True
