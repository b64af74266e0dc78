"""``GuardFinalize`` (sanitize, last): strip tags and metadata that change execution (``skip-execution``,
``raises-exception``), scan the cells a student can edit for cheat patterns (:mod:`nbguard.scan`) and store
the findings in the notebook metadata for the autograde pass."""
from __future__ import annotations

import time

from nbgrader import utils as nbu
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import List

from . import scan
from .keys import EXECUTION_TAGS, META_KEY

__all__ = ["GuardFinalize"]


class GuardFinalize(NbGraderPreprocessor):
    """Strip execution-changing tags and scan the student's own cells for cheat patterns."""

    scan_module_names = List(sorted(scan.MODULE_NAMES),
                             help="Names (modules and usual aliases) whose attributes a submission must not "
                                  "rebind; a course adds its grading modules.").tag(config=True)
    scan_exception_names = List(sorted(scan.EXCEPTION_NAMES),
                                help="Exceptions a submission should not catch (a course adds the exception its "
                                     "checks raise).").tag(config=True)

    def preprocess(self, nb, resources):
        guard = nb.metadata.setdefault(META_KEY, {"sanitize": []})
        findings = []
        for i, cell in enumerate(nb.cells):
            md = cell.setdefault("metadata", {})
            tags = md.get("tags")
            if isinstance(tags, list):
                md["tags"] = [t for t in tags if t not in EXECUTION_TAGS]
            md.pop("execution", None)
            if cell.cell_type != "code" or nbu.is_locked(cell):
                continue
            for f in scan.scan_source(cell.source, self.scan_module_names, self.scan_exception_names):
                f = dict(f)
                f["cell"] = i
                f["grade_id"] = md.get("nbgrader", {}).get("grade_id")
                findings.append(f)
        guard["scan"] = findings
        guard["sanitized_at"] = time.time()
        return nb, resources
