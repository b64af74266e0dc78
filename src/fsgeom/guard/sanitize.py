"""nbgrader-side pieces of the guard: a tolerant notebook reader and three preprocessors.

* :class:`GuardedNotebookExporter` (``Autograde.exporter_class``): a submission that cannot be read as a
  notebook (corrupted JSON, not a notebook, too large, structurally broken) is replaced by the blank release
  notebook, so the student scores 0 everywhere, is flagged, and nbgrader does not error for that student.
* :class:`GuardInspect` (sanitize, before ``DeduplicateIds``): compares every cell carrying nbgrader metadata
  with the gradebook, records edits (changed locked source, metadata, cell type, tags), normalises the
  metadata to the gradebook's truth (malformed metadata would otherwise crash nbgrader for that student),
  drops nbgrader metadata the gradebook does not know, and re-inserts deleted locked cells (tests *and*
  instructor set-up cells) at their place.
* :class:`GuardFinalize` (sanitize, last): strips tags/metadata that change execution (``skip-execution``,
  ``raises-exception``), scans student-editable cells for cheat patterns (:mod:`fsgeom.guard.scan`) and
  stores the findings in the notebook metadata for the autograde pass.
* :class:`GuardReport` (autograde, last): writes ``guard-<notebook>.json`` next to the autograded notebook
  (sanitize + runtime findings, per-cell scores) and removes the guard metadata from the notebook.
"""
from __future__ import annotations

import copy
import json
import os
import time

import nbformat
from nbconvert.exporters import NotebookExporter
from nbformat.notebooknode import NotebookNode
from nbgrader import utils as nbu
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer

from . import scan as gscan

__all__ = ["GuardedNotebookExporter", "GuardInspect", "GuardFinalize", "GuardReport", "REPORT_NAME"]

META = "fsgeom_guard"
#: per-notebook report file in the autograded folder
REPORT_NAME = "guard-{notebook}.json"
EXECUTION_TAGS = ("skip-execution", "raises-exception")


def _coursedir(obj):
    """The Autograde converter's CourseDirectory, walking up the traitlets parents."""
    p = obj
    for _ in range(4):
        p = getattr(p, "parent", None)
        if p is None:
            return None
        cd = getattr(p, "coursedir", None)
        if cd is not None:
            return cd
    return None


def _structurally_ok(nb) -> str | None:
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return "no list of cells"
    for i, c in enumerate(nb["cells"]):
        if not isinstance(c, dict) or c.get("cell_type") not in ("code", "markdown", "raw"):
            return f"cell {i} is malformed"
        if not isinstance(c.get("source", ""), (str, list)) or not isinstance(c.get("metadata", {}), dict):
            return f"cell {i} is malformed"
        if c["cell_type"] == "code" and not isinstance(c.get("outputs", []), list):
            return f"cell {i} is malformed"
    if not isinstance(nb.get("metadata", {}), dict):
        return "notebook metadata is malformed"
    return None


class GuardedNotebookExporter(NotebookExporter):
    """A NotebookExporter that turns an unreadable submission into the blank release notebook."""

    max_notebook_bytes = Integer(20 * 2**20, help="Larger submissions are treated as unreadable.").tag(config=True)

    def from_filename(self, filename, resources=None, **kw):
        resources = {} if resources is None else resources
        try:
            size = os.path.getsize(filename)
            if size > self.max_notebook_bytes:
                raise ValueError(f"file is {size} bytes (limit {self.max_notebook_bytes})")
            with open(filename, encoding="utf-8") as f:
                nb = nbformat.read(f, as_version=4)
            problem = _structurally_ok(nb)
            if problem:
                raise ValueError(problem)
        except Exception as e:  # noqa: BLE001  (any unreadable file)
            return self._replacement(filename, resources, f"{type(e).__name__}: {str(e)[:300]}", **kw)
        resources.setdefault("metadata", {})
        resources["metadata"].setdefault("path", os.path.dirname(os.path.abspath(filename)))
        resources["metadata"].setdefault("name", os.path.splitext(os.path.basename(filename))[0])
        return self.from_notebook_node(nb, resources=resources, **kw)

    def _replacement(self, filename, resources, why, **kw):
        self.log.error("guard: %s cannot be read as a notebook (%s); grading the blank release instead",
                       filename, why)
        nb = None
        cd = _coursedir(self)
        if cd is not None:
            assignment = os.path.basename(os.path.dirname(os.path.abspath(filename)))
            release = os.path.join(cd.format_path(cd.release_directory, ".", assignment), os.path.basename(filename))
            try:
                nb = nbformat.read(release, as_version=4)
            except Exception:  # noqa: BLE001
                nb = None
        if nb is None:
            nb = nbformat.v4.new_notebook()
        resources.setdefault("metadata", {})
        resources["metadata"].setdefault("path", os.path.dirname(os.path.abspath(filename)))
        resources["metadata"].setdefault("name", os.path.splitext(os.path.basename(filename))[0])
        resources["fsgeom_guard_unreadable"] = why
        return self.from_notebook_node(nb, resources=resources, **kw)


def _source_cells(gb, notebook_id, assignment_id):
    nb = gb.find_notebook(notebook_id, assignment_id)
    grade = {c.name: c for c in nb.grade_cells}
    solution = {c.name for c in nb.solution_cells}
    return nb.source_cells, grade, solution


def _release_sources(pp, resources) -> dict:
    """``{grade_id: source}`` of the release notebook (what the student received); {} if unavailable."""
    cd = _coursedir(pp)
    if cd is None:
        return {}
    nbname = resources["nbgrader"]["notebook"] + ".ipynb"
    path = os.path.join(cd.format_path(cd.release_directory, ".", resources["nbgrader"]["assignment"]), nbname)
    try:
        rel = nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001
        return {}
    return {c.metadata["nbgrader"]["grade_id"]: c.source for c in rel.cells
            if isinstance(c.metadata.get("nbgrader"), dict) and c.metadata["nbgrader"].get("grade_id")}


def _edited(cell, src, truth, release_source) -> bool:
    """Whether a locked cell's source differs from what the student received."""
    if release_source is not None:
        return cell.source != release_source
    probe = copy.deepcopy(cell)
    probe.cell_type = src.cell_type
    probe.metadata["nbgrader"] = dict(truth)
    return nbu.compute_checksum(probe) != src.checksum


class GuardInspect(NbGraderPreprocessor):
    """Record and repair edits of nbgrader cells (runs before nbgrader's own checks)."""

    def preprocess(self, nb, resources):
        findings = []
        add = lambda kind, detail, grade_id=None, severity="warning": findings.append(  # noqa: E731
            {"kind": kind, "severity": severity, "grade_id": grade_id, "detail": detail})
        nb.metadata.pop(META, None)  # whatever the student wrote there is not ours
        unreadable = resources.pop("fsgeom_guard_unreadable", None)
        if unreadable:
            add("unreadable_notebook", unreadable + " — graded as the blank release notebook", severity="error")
        release = _release_sources(self, resources)
        with Gradebook(resources["nbgrader"]["db_url"]) as gb:
            source_cells, grade, solution = _source_cells(
                gb, resources["nbgrader"]["notebook"], resources["nbgrader"]["assignment"])
            by_name = {c.name: c for c in source_cells}
            seen = set()
            for i, cell in enumerate(nb.cells):
                md = cell.get("metadata", {})
                tags = md.get("tags", [])
                if isinstance(tags, list) and any(t in EXECUTION_TAGS for t in tags if isinstance(t, str)):
                    add("execution_tag", f"cell {i} tagged {[t for t in tags if t in EXECUTION_TAGS]}",
                        severity="error")
                if "nbgrader" not in md:
                    continue
                meta = md["nbgrader"]
                gid = meta.get("grade_id") if isinstance(meta, dict) else None
                src = by_name.get(gid) if isinstance(gid, str) else None
                if src is None or gid in seen:
                    if isinstance(meta, dict) and (meta.get("grade") or meta.get("locked") or meta.get("solution")):
                        add("unknown_nbgrader_cell", f"cell {i}: nbgrader metadata with unknown or repeated id "
                            f"{gid!r} removed", gid)
                    del md["nbgrader"]
                    continue
                seen.add(gid)
                truth = {"grade": gid in grade, "solution": gid in solution, "locked": bool(src.locked),
                         "grade_id": gid, "schema_version": 3}
                if gid in grade:
                    truth["points"] = float(grade[gid].max_score)
                if src.checksum:
                    truth["checksum"] = src.checksum
                changed = sorted(k for k in ("grade", "solution", "locked", "points")
                                 if not isinstance(meta, dict) or meta.get(k, truth.get(k, False)) != truth.get(k, False))
                if changed:
                    add("metadata_edited", f"cell {gid}: nbgrader {', '.join(changed)} changed", gid, "error")
                if cell.cell_type != src.cell_type:
                    add("cell_type_changed", f"cell {gid}: {cell.cell_type} -> {src.cell_type}", gid, "error")
                if src.locked and _edited(cell, src, truth, release.get(gid)):
                    add("locked_cell_edited", f"cell {gid}: source of a read-only cell was edited "
                        "(restored from the gradebook)", gid, "error" if gid in grade else "warning")
                md["nbgrader"] = truth
            # deleted locked cells (tests and instructor set-up cells) go back in their place
            order = [c.name for c in source_cells]
            for k, name in enumerate(order):
                src = by_name[name]
                if name in seen or not src.locked:
                    continue
                present = {c.metadata.get("nbgrader", {}).get("grade_id"): j for j, c in enumerate(nb.cells)
                           if "nbgrader" in c.metadata}
                pos = 0
                for prev in reversed(order[:k]):
                    if prev in present:
                        pos = present[prev] + 1
                        break
                truth = {"grade": name in grade, "solution": False, "locked": True, "grade_id": name,
                         "schema_version": 3, "checksum": src.checksum}
                if name in grade:
                    truth["points"] = float(grade[name].max_score)
                if src.cell_type == "code":
                    new = nbformat.v4.new_code_cell(src.source, metadata={"nbgrader": truth})
                else:
                    new = nbformat.v4.new_markdown_cell(src.source, metadata={"nbgrader": truth})
                nb.cells.insert(pos, new)
                seen.add(name)
                add("locked_cell_deleted", f"cell {name}: deleted, re-inserted from the gradebook", name,
                    "error" if name in grade else "warning")
        nb.metadata[META] = {"sanitize": findings}
        return nb, resources


class GuardFinalize(NbGraderPreprocessor):
    """Strip execution-changing tags and scan the student's own cells for cheat patterns."""

    def preprocess(self, nb, resources):
        guard = nb.metadata.setdefault(META, {"sanitize": []})
        findings = []
        for i, cell in enumerate(nb.cells):
            md = cell.setdefault("metadata", {})
            tags = md.get("tags")
            if isinstance(tags, list):
                md["tags"] = [t for t in tags if t not in EXECUTION_TAGS]
            md.pop("execution", None)
            if cell.cell_type != "code" or (nbu.is_locked(cell) and not nbu.is_solution(cell)):
                continue
            for f in gscan.scan_source(cell.source):
                f = dict(f)
                f["cell"] = i
                f["grade_id"] = md.get("nbgrader", {}).get("grade_id")
                findings.append(f)
        guard["scan"] = findings
        guard["sanitized_at"] = time.time()
        return nb, resources


class GuardReport(NbGraderPreprocessor):
    """Write the per-notebook guard report next to the autograded notebook."""

    def preprocess(self, nb, resources):
        guard = nb.metadata.pop(META, None) or {}
        runtime = resources.get("fsgeom_guard", {}).get("runtime", {})
        scores = {}
        for cell in nb.cells:
            if nbu.is_grade(cell):
                score, max_score = nbu.determine_grade(cell, self.log)
                scores[cell.metadata["nbgrader"]["grade_id"]] = {"score": score, "max": max_score}
        report = {
            "student": resources["nbgrader"]["student"],
            "assignment": resources["nbgrader"]["assignment"],
            "notebook": resources["nbgrader"]["notebook"],
            "sanitize": guard.get("sanitize", []),
            "scan": guard.get("scan", []),
            "runtime": runtime.get("flags", []),
            "restarts": runtime.get("restarts", 0),
            "timing": runtime.get("timing", {}),
            "scores": scores,
        }
        path = resources.get("metadata", {}).get("path")
        if path:
            out = os.path.join(path, REPORT_NAME.format(notebook=resources["nbgrader"]["notebook"]))
            with open(out, "w", encoding="utf-8") as f:
                json.dump(report, f, indent=1, ensure_ascii=False)
        return nb, resources


def load_reports(folder) -> list:
    """All guard reports in an autograded submission folder."""
    out = []
    if not os.path.isdir(folder):
        return out
    for name in sorted(os.listdir(folder)):
        if name.startswith("guard-") and name.endswith(".json"):
            try:
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    out.append(json.load(f))
            except (OSError, ValueError):
                pass
    return out


_ = (MissingEntry, NotebookNode)
