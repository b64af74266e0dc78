"""Instructor's grading report: ``python -m nbguard.report <assignment> [--course DIR] [--json]``.

Run in the course folder after ``nbgrader autograde <assignment>``. One line per student who has a submission
folder (``submitted/<student>/<assignment>/`` by default, so students whose notebook is missing, or whom
nbgrader could not grade, are listed too), with the gradebook score and the guard's flags; then details per
student.

Flags come from ``autograded/<student>/<assignment>/guard-<notebook>.json`` (written by the guard during
autograde) and from the folders themselves (no notebook submitted, a notebook the assignment does not have,
notebook not autograded). Folders and the gradebook are nbgrader's ``CourseDirectory`` ones: the command
loads the course's ``nbgrader_config.py`` (``--no-config``: nbgrader's defaults under ``--course``).
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import sys
from pathlib import Path

from .coursedir import course_directory
from .gradebook import gradebook, sqlite_path
from .report_writer import load_reports

__all__ = ["collect", "format_report", "main"]

SEVERITY_ORDER = {"error": 0, "high": 0, "warning": 1, "medium": 1, "low": 2}


def _gradebook_scores(cd, assignment: str) -> tuple[dict, float | None, list]:
    """``({student: {...}}, max score, notebook names)`` from the gradebook (empty if there is none)."""
    db = sqlite_path(cd)
    if db is not None and not db.exists():   # opening a missing SQLite gradebook would create it
        return {}, None, []
    from nbgrader.api import MissingEntry

    out = {}
    with gradebook(cd) as gb:
        try:
            a = gb.find_assignment(assignment)
            top = float(a.max_score)
            notebooks = sorted(nb.name + ".ipynb" for nb in a.notebooks)
        except MissingEntry:
            return {}, None, []
        for sub in gb.assignment_submissions(assignment):
            cells = {g.name: (None if g.score is None else float(g.score)) for nb in sub.notebooks for g in nb.grades}
            needs = any(g.needs_manual_grade for nb in sub.notebooks for g in nb.grades)
            out[sub.student.id] = {"score": float(sub.score), "cells": cells, "needs_manual_grade": needs}
    return out, top, notebooks


def collect(course, assignment: str, coursedir=None) -> dict:
    """Everything the report shows, as data: ``{"assignment", "max_score", "students": {id: {...}}}``.

    ``coursedir``: nbgrader's ``CourseDirectory`` of the course (default: nbgrader's defaults rooted at
    ``course``). The assignment's notebooks are the ones the gradebook knows.
    """
    cd = coursedir if coursedir is not None else course_directory(course)
    scores, top, release = _gradebook_scores(cd, assignment)
    students = {}
    pattern = cd.format_path(cd.submitted_directory, "*", assignment)
    submitted = sorted(Path(p).parent.name for p in glob.glob(pattern) if os.path.isdir(p))
    for sid in sorted(set(submitted) | set(scores)):
        sub_dir = Path(cd.format_path(cd.submitted_directory, sid, assignment))
        auto_dir = Path(cd.format_path(cd.autograded_directory, sid, assignment))
        flags = []
        notebooks = sorted(p.name for p in sub_dir.glob("*.ipynb")) if sub_dir.is_dir() else []
        if sub_dir.is_dir() and not notebooks:
            flags.append({"kind": "missing_notebook", "severity": "error",
                          "detail": "no notebook in the submission (nbgrader skips it: score 0)"})
        for name in notebooks:
            if release and name not in release:
                flags.append({"kind": "unknown_notebook", "severity": "error",
                              "detail": f"{name} is not part of the assignment (expected {', '.join(release)})"})
        reports = load_reports(auto_dir)
        if notebooks and not reports:
            flags.append({"kind": "not_autograded", "severity": "error",
                          "detail": "no guard report: nbgrader failed for this submission (see its log)"})
        for rep in reports:
            for f in rep.get("sanitize", []):
                flags.append({**f, "notebook": rep["notebook"]})
            for f in rep.get("runtime", []):
                flags.append({**f, "notebook": rep["notebook"]})
            for f in rep.get("scan", []):
                sev = f.get("severity", "low")
                flags.append({"kind": "scan:" + f["rule"], "severity": sev, "grade_id": f.get("grade_id"),
                              "cell": f.get("cell"), "detail": f"line {f.get('line')}: {f.get('detail')}",
                              "notebook": rep["notebook"]})
        info = scores.get(sid, {})
        students[sid] = {"score": info.get("score", 0.0 if sub_dir.is_dir() else None),
                         "cells": info.get("cells", {}), "needs_manual_grade": info.get("needs_manual_grade", False),
                         "restarts": sum(r.get("restarts", 0) for r in reports),
                         "seconds": round(sum(r.get("timing", {}).get("seconds", 0) for r in reports), 2),
                         "flags": sorted(flags, key=lambda f: SEVERITY_ORDER.get(f.get("severity"), 3))}
    return {"assignment": assignment, "max_score": top, "students": students}


def format_report(data: dict, min_severity: str = "low") -> str:
    limit = SEVERITY_ORDER.get(min_severity, 2)
    top = data["max_score"]
    lines = [f"Grading report for {data['assignment']} (max {top if top is not None else '?'})", ""]
    lines.append(f"{'student':<24} {'score':>7} {'errors':>6} {'warn':>5} {'restarts':>8}  summary")
    for sid, s in data["students"].items():
        errors = [f for f in s["flags"] if SEVERITY_ORDER.get(f.get("severity"), 3) == 0]
        warns = [f for f in s["flags"] if SEVERITY_ORDER.get(f.get("severity"), 3) == 1]
        kinds = sorted({f["kind"] for f in errors}) or sorted({f["kind"] for f in warns})[:3]
        score = "-" if s["score"] is None else f"{s['score']:g}"
        lines.append(f"{sid:<24} {score:>7} {len(errors):>6} {len(warns):>5} {s['restarts']:>8}  "
                     + (", ".join(kinds) if kinds else "ok"))
    lines.append("")
    for sid, s in data["students"].items():
        shown = [f for f in s["flags"] if SEVERITY_ORDER.get(f.get("severity"), 3) <= limit]
        if not shown:
            continue
        lines.append(f"== {sid}: score {s['score']}  cells {s['cells']}")
        for f in shown:
            where = f.get("grade_id") or (f"cell {f['cell']}" if f.get("cell") is not None else "")
            lines.append(f"   [{f.get('severity')}] {f['kind']} {where}: {f.get('detail', '')}")
        lines.append("")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m nbguard.report", description=__doc__.splitlines()[0])
    ap.add_argument("assignment")
    ap.add_argument("--course", default=os.getcwd(), help="course folder (default: current folder)")
    ap.add_argument("--no-config", action="store_true",
                    help="do not load the course's nbgrader_config.py (nbgrader's default folders and gradebook)")
    ap.add_argument("--json", action="store_true", help="print the data as JSON")
    ap.add_argument("--min-severity", default="medium", choices=["low", "medium", "warning", "high", "error"],
                    help="detail lines to show (default: medium and worse)")
    args = ap.parse_args(argv)
    cd = course_directory(args.course, config=None if args.no_config else True)
    data = collect(args.course, args.assignment, cd)
    if args.json:
        json.dump(data, sys.stdout, indent=1, ensure_ascii=False)
        print()
    else:
        print(format_report(data, args.min_severity))
    return 0


if __name__ == "__main__":
    sys.exit(main())
