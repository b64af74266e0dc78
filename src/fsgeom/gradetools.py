"""Instructor-side helpers around plain nbgrader commands: a scratch copy of the course, submissions,
and reading grades back from the gradebook. Used by the test suite and the benchmarks; an instructor can
use them too, but every grading step here is an ordinary ``nbgrader`` command. Running nbgrader and
opening the gradebook are nbguard's helpers (:mod:`nbguard.procs`, :mod:`nbguard.gradebook`), re-exported.
"""
from __future__ import annotations

import datetime as _dt
import shutil
from pathlib import Path

from nbguard.gradebook import gradebook
from nbguard.procs import DEFAULT_TIMEOUT, kill_process_group, nbgrader_cmd, nbgrader_env, run_nbgrader

from . import course

__all__ = ["COURSE_FILES", "DEFAULT_TIMEOUT", "copy_course", "nbgrader_cmd", "nbgrader_env", "kill_process_group",
           "run_nbgrader", "submit", "gradebook", "cell_scores", "total_score", "max_score", "max_code_score"]

#: what a grading round needs from the course (tests, lectures and figures are not part of grading)
COURSE_FILES = ("nbgrader_config.py", "solutions", "exercises")


def copy_course(dst, src=None) -> Path:
    """Copy what grading needs (``COURSE_FILES``) from the course ``src`` to a fresh folder ``dst``."""
    src = Path(src) if src else course.root()
    dst = Path(dst)
    dst.mkdir(parents=True, exist_ok=True)
    for name in COURSE_FILES:
        s = src / name
        if s.is_dir():
            shutil.copytree(s, dst / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        else:
            shutil.copy2(s, dst / name)
    return dst


def submit(course_dir, student: str, assignment: str, files: dict, timestamp: str | None = None) -> Path:
    """Place a submission as ``nbgrader collect`` would: ``submitted/<student>/<assignment>/``.

    ``files`` maps a file name (e.g. ``"01-distances.ipynb"``) to a ``Path`` to copy, ``str`` text or
    ``bytes``. A ``timestamp.txt`` is written (now, UTC, unless given).
    """
    dest = Path(course_dir) / "submitted" / student / assignment
    dest.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = dest / name
        if isinstance(content, Path):
            shutil.copy2(content, target)
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    stamp = timestamp or _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f %Z")
    (dest / "timestamp.txt").write_text(stamp)
    return dest


def cell_scores(course_dir, assignment: str) -> dict:
    """``{student: {grade_cell_name: score}}`` for every submission of ``assignment`` in the gradebook."""
    out = {}
    with gradebook(course_dir) as gb:
        for sub in gb.assignment_submissions(assignment):
            per = {}
            for nb in sub.notebooks:
                for g in nb.grades:
                    per[g.name] = float(g.score)
            out[sub.student.id] = per
    return out


def total_score(course_dir, assignment: str, student: str) -> float:
    """A student's total score for an assignment."""
    with gradebook(course_dir) as gb:
        return float(gb.find_submission(assignment, student).score)


def max_score(course_dir, assignment: str) -> float:
    """The assignment's maximum score."""
    with gradebook(course_dir) as gb:
        return float(gb.find_assignment(assignment).max_score)


def max_code_score(course_dir, assignment: str) -> float:
    """The points of the assignment's code grade cells: all that autograding can award (a written answer, graded
    by hand, is not included)."""
    with gradebook(course_dir) as gb:
        return float(gb.find_assignment(assignment).max_code_score)
