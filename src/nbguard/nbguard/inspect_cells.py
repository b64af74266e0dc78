"""``GuardInspect`` (sanitize, before ``DeduplicateIds``): record and repair edits of nbgrader cells.

Compares every cell carrying nbgrader metadata with the gradebook, records edits (changed locked source,
metadata, cell type, tags), normalises the metadata to the gradebook's truth (malformed metadata would
otherwise crash nbgrader for that student), drops nbgrader metadata the gradebook does not know, and
re-inserts deleted locked cells (tests *and* instructor set-up cells) at their place. Findings go to the
notebook metadata (``nbguard``) for :class:`nbguard.report_writer.GuardReport`.
"""
from __future__ import annotations

import copy

import nbformat
from nbgrader import utils as nbu
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

from .coursedir import find_coursedir, release_notebook
from .keys import EXECUTION_TAGS, META_KEY, UNREADABLE_KEY

__all__ = ["GuardInspect"]


def _source_cells(gb, notebook_id, assignment_id):
    nb = gb.find_notebook(notebook_id, assignment_id)
    grade = {c.name: c for c in nb.grade_cells}
    solution = {c.name for c in nb.solution_cells}
    return nb.source_cells, grade, solution


def _release_sources(pp, resources) -> dict:
    """``{grade_id: source}`` of the release notebook (what the student received); {} if unavailable."""
    cd = find_coursedir(pp)
    if cd is None:
        return {}
    info = resources["nbgrader"]
    try:
        rel = nbformat.read(release_notebook(cd, info["assignment"], info["notebook"] + ".ipynb"), as_version=4)
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


def _claims_nbgrader_role(cell) -> bool:
    """Whether a cell's (possibly malformed) nbgrader metadata makes it a grade, solution, locked or task
    cell, as nbgrader would read it."""
    if not isinstance(cell.metadata.get("nbgrader"), dict):
        return False
    return bool(nbu.is_grade(cell) or nbu.is_solution(cell) or nbu.is_locked(cell) or nbu.is_task(cell))


class GuardInspect(NbGraderPreprocessor):
    """Record and repair edits of nbgrader cells (runs before nbgrader's own checks)."""

    def preprocess(self, nb, resources):
        findings = []
        add = lambda kind, detail, grade_id=None, severity="warning": findings.append(  # noqa: E731
            {"kind": kind, "severity": severity, "grade_id": grade_id, "detail": detail})
        nb.metadata.pop(META_KEY, None)  # whatever the student wrote there is not ours
        unreadable = resources.pop(UNREADABLE_KEY, None)
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
                    if _claims_nbgrader_role(cell):
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
            self._reinsert_deleted(nb, source_cells, by_name, grade, seen, add)
        nb.metadata[META_KEY] = {"sanitize": findings}
        return nb, resources

    @staticmethod
    def _reinsert_deleted(nb, source_cells, by_name, grade, seen, add):
        """Deleted locked cells (tests and instructor set-up cells) go back in their place."""
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

