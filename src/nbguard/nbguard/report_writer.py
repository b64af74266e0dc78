"""``GuardReport`` (autograde, last): writes ``guard-<notebook>.json`` next to the autograded notebook
(sanitize, scan and runtime findings, per-cell scores as nbgrader determines them) and removes the guard's
metadata from the notebook. :func:`load_reports` reads them back (``python -m nbguard.report``)."""
from __future__ import annotations

import json
import os

from nbgrader import utils as nbu
from nbgrader.preprocessors import NbGraderPreprocessor

from .keys import META_KEY, REPORT_NAME, RESOURCES_KEY

__all__ = ["GuardReport", "load_reports", "REPORT_NAME"]


class GuardReport(NbGraderPreprocessor):
    """Write the per-notebook guard report next to the autograded notebook."""

    def preprocess(self, nb, resources):
        guard = nb.metadata.pop(META_KEY, None) or {}
        runtime = resources.get(RESOURCES_KEY, {}).get("runtime", {})
        scores = {}
        for cell in nb.cells:
            if nbu.is_grade(cell):
                score, max_score = nbu.determine_grade(cell, self.log)
                scores[cell.metadata["nbgrader"]["grade_id"]] = {"score": score, "max": max_score}
        info = resources["nbgrader"]
        report = {
            "student": info["student"],
            "assignment": info["assignment"],
            "notebook": info["notebook"],
            "sanitize": guard.get("sanitize", []),
            "scan": guard.get("scan", []),
            "runtime": runtime.get("flags", []),
            "restarts": runtime.get("restarts", 0),
            "timing": runtime.get("timing", {}),
            "scores": scores,
        }
        path = resources.get("metadata", {}).get("path")
        if path:
            out = os.path.join(path, REPORT_NAME.format(notebook=info["notebook"]))
            with open(out, "w", encoding="utf-8") as f:
                json.dump(report, f, indent=1, ensure_ascii=False)
        return nb, resources


def load_reports(folder) -> list:
    """All guard reports in an autograded submission folder."""
    out = []
    if not os.path.isdir(folder):
        return out
    prefix, suffix = REPORT_NAME.split("{notebook}")
    for name in sorted(os.listdir(folder)):
        if name.startswith(prefix) and name.endswith(suffix):
            try:
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    out.append(json.load(f))
            except (OSError, ValueError):
                pass
    return out
