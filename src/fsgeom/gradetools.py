"""Instructor-side helpers around plain nbgrader commands: a scratch copy of the course, submissions,
and reading grades back from the gradebook. Used by the test suite and the benchmarks; an instructor can
use them too, but every grading step here is an ordinary ``nbgrader`` command.
"""
from __future__ import annotations

import datetime as _dt
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from . import course

__all__ = ["COURSE_FILES", "DEFAULT_TIMEOUT", "copy_course", "nbgrader_cmd", "nbgrader_env", "kill_process_group",
           "run_nbgrader", "submit", "gradebook", "cell_scores", "total_score", "max_score"]

#: seconds an nbgrader command may take in run_nbgrader before it and its kernels are killed; a hung
#: kernel start must fail a test, not stall a CI run
DEFAULT_TIMEOUT = float(os.environ.get("FSGEOM_NBGRADER_TIMEOUT", 900))

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


def nbgrader_cmd() -> list[str]:
    """The ``nbgrader`` executable of the running Python environment."""
    exe = Path(sys.executable).with_name("nbgrader")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "nbgrader"]


def nbgrader_env(extra=None) -> dict:
    """The environment for an nbgrader subprocess: ours plus ``extra``, with this Python's ``bin`` folder first
    on PATH — nbgrader runs helper programs by name (``alembic`` when it creates a gradebook), so a
    non-activated virtual environment must still provide them."""
    env = {**os.environ, **(extra or {})}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def kill_process_group(p: subprocess.Popen, grace: float = 5.0) -> None:
    """Stop ``p`` and everything it started (e.g. nbgrader's kernels); ``p`` must lead its own process group
    (``start_new_session=True``). SIGTERM first, SIGKILL after ``grace`` seconds."""
    if p.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(p.pid, sig)
        except ProcessLookupError:
            return
        try:
            p.wait(grace)
            return
        except subprocess.TimeoutExpired:
            continue


def run_nbgrader(args, cwd, env=None, check=True, timeout=DEFAULT_TIMEOUT) -> subprocess.CompletedProcess:
    """Run ``nbgrader *args`` in the course folder ``cwd``; output is captured (``.stdout``/``.stderr``).

    ``env`` entries are added to the current environment. With ``check=True`` a non-zero exit raises
    ``RuntimeError`` carrying nbgrader's log. After ``timeout`` seconds (``None``: no limit) nbgrader and
    its kernels are killed and ``RuntimeError`` is raised.
    """
    cmd = [*nbgrader_cmd(), *map(str, args)]
    p = subprocess.Popen(cmd, cwd=str(cwd), env=nbgrader_env(env), text=True, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_process_group(p)
        out, err = p.communicate()
        raise RuntimeError(f"nbgrader {' '.join(map(str, args))} did not finish in {timeout:.0f} s (killed)\n"
                           f"--- stderr (end) ---\n{(err or '')[-8000:]}") from None
    proc = subprocess.CompletedProcess(cmd, p.returncode, out, err)
    if check and proc.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(map(str, args))} exited {proc.returncode}\n"
                           f"--- stdout ---\n{proc.stdout[-4000:]}\n--- stderr ---\n{proc.stderr[-8000:]}")
    return proc


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


def gradebook(course_dir):
    """nbgrader's ``Gradebook`` on ``<course_dir>/gradebook.db`` (use it as a context manager). Note that
    opening it creates the file if it does not exist."""
    from nbgrader.api import Gradebook
    return Gradebook(f"sqlite:///{Path(course_dir).resolve() / 'gradebook.db'}")


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
