"""Autograde an assignment's submissions in parallel, with plain ``nbgrader autograde`` underneath.

    python -m nbguard.parallel ps1                # -j = number of CPUs
    python -m nbguard.parallel ps1 -j 3 --force --Execute.timeout=60

Run it in the course root (or pass ``--course-dir DIR``), where you would run ``nbgrader autograde``.
Options this command does not know are passed unchanged to every ``nbgrader autograde`` worker (all except
the ones that choose students or the gradebook: ``--student``, ``--db`` ...).

How it works (nbgrader grades one submission after another, issue #174):

1. ``-j`` worker processes start at once, each in the course root. A worker is the application the
   ``nbgrader`` command runs (``NbGraderApp`` with argv ``autograde <assignment> ...``, the course's
   ``nbgrader_config.py`` loaded as usual, so every configured sanitize/autograde preprocessor, timeout and
   guard applies). After ``initialize`` and before ``start`` it only changes two ``CourseDirectory``
   settings, as ``--CourseDirectory.db_url=...`` / ``--CourseDirectory.student_id_exclude=...`` would:
   ``db_url`` points at a private copy (SQLite online backup) of the course gradebook, and
   ``student_id_exclude`` adds every student outside the worker's share. Shares are dealt round-robin from
   the list of students nbgrader would grade (found the way nbgrader finds them: the ``student_id`` glob, a
   matching notebook, the configured ``student_id_exclude``). Each worker lists them itself; the parent checks
   that all listings agree.
   The gradebook copies, listings and logs live in ``<course root>/.parallel-grade/<assignment>-XXXX/``
   (removed afterwards unless ``--keep-workdir``): inside the course root, which the grading guard forbids
   grading kernels to read, like ``gradebook.db`` itself.
2. Merge: for every table, the rows a worker inserted, updated or deleted relative to the snapshot it
   started from (rows keyed by primary key; nbgrader ids are UUID strings, so different workers' new rows
   never share a key) are applied to the course gradebook in one transaction, parents before children. Two
   workers changing the same row differently, or a worker changing a row that something else changed in the
   course gradebook meanwhile, is a conflict: nothing is written and the command fails. Identical changes
   (e.g. the ``default_course`` row nbgrader's ``Gradebook`` creates) are applied once.

What else nbgrader writes in the course: ``autograded/<student>/<assignment>/`` (one folder per student, so
workers never write the same folder) and nothing else unless the configuration sets a log file. This is
checked at run time: the course's files (except ``autograded/``, ``submitted/`` and hidden folders such as
``.git``/``.venv``) are listed before and after, and any other file that changed is reported.
The result is meant to equal a sequential ``nbgrader autograde``: per grade cell scores, every gradebook field
autograde writes, and the autograded notebooks modulo execution timestamps (a course can test exactly that
on its own assignments).

Exit status: 0 when every worker exited 0. As with ``nbgrader autograde``, a failing submission makes its
worker exit 1 and its rows are still merged, as a sequential run would keep them.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .gradebook import sqlite_path, sqlite_url
from .procs import kill_process_group, nbgrader_env

__all__ = ["snapshot_db", "split", "grade", "merge_gradebooks", "db_diff", "GradeRun", "main"]

#: scratch folder (in the course root) for the workers' gradebook copies, listings and logs
SCRATCH = ".parallel-grade"

#: options that would defeat the split between workers
_RESERVED = ("--student", "--CourseDirectory.student_id", "--CourseDirectory.student_id_exclude",
             "--CourseDirectory.db_url", "--db", "--assignment", "--CourseDirectory.assignment_id",
             "--CourseDirectory.root")


def _sqlite_path(course, base=None) -> Path:
    """The gradebook file of ``course`` (a ``CourseDirectory`` or a ``db_url``); only SQLite can be split."""
    path = sqlite_path(course, base)
    if path is None:
        url = course if isinstance(course, str) else getattr(course, "db_url", course)
        raise ValueError(f"only SQLite gradebooks can be split between workers, got {url!r}")
    return path


def snapshot_db(src, dst) -> Path:
    """A consistent copy of the SQLite database ``src`` at ``dst`` (online backup API)."""
    dst = Path(dst)
    if dst.exists():
        dst.unlink()
    with sqlite3.connect(str(src)) as s, sqlite3.connect(str(dst)) as d:
        s.backup(d)
    s.close()
    d.close()
    return dst


def split(students, jobs: int) -> list[list[str]]:
    """Deal ``students`` round-robin into at most ``jobs`` non-empty shares."""
    jobs = max(1, min(int(jobs), len(students)))
    return [list(students[i::jobs]) for i in range(jobs)] if students else []


# ----------------------------------------------------------------------------------------------- merging

def _tables(conn) -> list[str]:
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    # parents before children (foreign keys), stable by name
    deps = {t: {r[2] for r in conn.execute(f'PRAGMA foreign_key_list("{t}")')} & set(names) - {t}
            for t in names}
    order, done = [], set()
    while len(order) < len(names):
        ready = sorted(t for t in names if t not in done and deps[t] <= done)
        if not ready:  # a cycle: keep the rest alphabetical
            ready = sorted(t for t in names if t not in done)
        for t in ready:
            order.append(t)
            done.add(t)
    return order


def _columns(conn, table) -> tuple[list[str], list[str]]:
    info = list(conn.execute(f'PRAGMA table_info("{table}")'))
    cols = [r[1] for r in info]
    pk = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5] > 0]
    return cols, pk


def _rows(conn, table) -> dict:
    """``{key: row}`` with ``key`` the primary key tuple, or the whole row for tables without one
    (``alembic_version``)."""
    cols, pk = _columns(conn, table)
    idx = [cols.index(c) for c in pk] if pk else list(range(len(cols)))
    out = {}
    for row in conn.execute(f'SELECT * FROM "{table}"'):
        out[tuple(row[i] for i in idx)] = tuple(row)
    return out


def _load(path) -> dict:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        data = {t: (_columns(conn, t), _rows(conn, t)) for t in _tables(conn)}
    conn.close()
    return data


def db_diff(base: dict, new: dict) -> dict:
    """``{table: {key: row or None}}``: rows inserted/updated (new row) or deleted (``None``) in ``new``."""
    out = {}
    for table, (_, new_rows) in new.items():
        base_rows = base.get(table, (None, {}))[1]
        changes = {k: r for k, r in new_rows.items() if base_rows.get(k) != r}
        changes.update({k: None for k in base_rows if k not in new_rows})
        if changes:
            out[table] = changes
    for table in base:
        if table not in new:
            raise RuntimeError(f"a worker's gradebook lost table {table!r}")
    return out


class MergeConflict(RuntimeError):
    pass


def merge_gradebooks(main_db, pairs) -> dict:
    """Apply every worker's changes to ``main_db`` in one transaction; ``pairs`` is a list of
    ``(base_db, worker_db)``: the snapshot a worker started from and its gradebook after grading.

    Returns ``{table: number_of_rows_written}``. Raises :class:`MergeConflict` (writing nothing) if two
    workers changed a row differently or ``main_db`` changed a row since the snapshot that a worker changed.
    """
    merged: dict = {}   # table -> key -> (base_row, new_row)
    owner: dict = {}
    loaded_bases: dict = {}
    for i, (b, w) in enumerate(pairs):
        base = _load(b)
        loaded_bases[i] = base
        for table, changes in db_diff(base, _load(w)).items():
            dst = merged.setdefault(table, {})
            base_rows = base[table][1] if table in base else {}
            for key, row in changes.items():
                if key in dst and dst[key][1] != row:
                    raise MergeConflict(f"workers {owner[table, key]} and {i} changed {table} {key} differently")
                dst[key] = (base_rows.get(key), row)
                owner[table, key] = i
    main = _load(main_db)
    for table, changes in merged.items():
        if table not in main:
            raise MergeConflict(f"table {table!r} is not in the course gradebook")
        main_rows = main[table][1]
        for key, (base_row, row) in changes.items():
            if main_rows.get(key) not in (base_row, row):
                raise MergeConflict(f"{table} {key} was changed in the course gradebook while grading")
    merged = {t: {k: r for k, (_, r) in ch.items()} for t, ch in merged.items()}

    written = {}
    conn = sqlite3.connect(str(main_db), isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        order = _tables(conn)
        for table in reversed(order):  # deletions: children first
            changes = merged.get(table, {})
            (cols, pk), main_rows = main[table]
            for key, row in changes.items():
                if row is None and key in main_rows:
                    keycols = pk or cols
                    conn.execute(f'DELETE FROM "{table}" WHERE ' + " AND ".join(f'"{c}" IS ?' for c in keycols),
                                 key)
                    written[table] = written.get(table, 0) + 1
        for table in order:  # inserts and updates: parents first
            changes = merged.get(table, {})
            (cols, pk), main_rows = main[table]
            collist = ", ".join(f'"{c}"' for c in cols)
            marks = ", ".join("?" for _ in cols)
            for key, row in changes.items():
                if row is None or main_rows.get(key) == row:
                    continue
                if key in main_rows and pk:
                    conn.execute(f'UPDATE "{table}" SET ' + ", ".join(f'"{c}" = ?' for c in cols)
                                 + " WHERE " + " AND ".join(f'"{c}" IS ?' for c in pk), (*row, *key))
                else:
                    conn.execute(f'INSERT INTO "{table}" ({collist}) VALUES ({marks})', row)
                written[table] = written.get(table, 0) + 1
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return written


# ------------------------------------------------------------------------------------- shared-file check

_SKIP_DIRS = {"autograded", "submitted", "__pycache__", "node_modules"}


def _tree_state(root: Path, skip: set) -> dict:
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        rel = Path(dirpath).relative_to(root)
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and
                       not (rel == Path(".") and d in _SKIP_DIRS) and d != "__pycache__"]
        for f in filenames:
            p = Path(dirpath) / f
            if p.resolve() in skip:
                continue
            try:
                st = p.stat()
            except OSError:
                continue
            state[str(p.relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return state


# ------------------------------------------------------------------------------------------------- grade

@dataclass
class GradeRun:
    assignment: str
    students: list
    shares: list
    returncodes: list = field(default_factory=list)
    logs: list = field(default_factory=list)
    written: dict = field(default_factory=dict)
    other_files_changed: list = field(default_factory=list)
    seconds: float = 0.0
    workdir: str | None = None

    @property
    def ok(self) -> bool:
        return all(rc == 0 for rc in self.returncodes)


def _list_students(coursedir, assignment: str) -> list[str]:
    """The students ``nbgrader autograde`` would grade, found exactly as ``BaseConverter.init_notebooks`` and
    ``convert_notebooks`` do (``student_id`` glob, a matching notebook, ``student_id_exclude``)."""
    import glob
    import re
    submitted = coursedir.submitted_directory
    pattern = coursedir.format_path(submitted, coursedir.student_id, assignment)
    regexp = coursedir.format_path(submitted, "(?P<student_id>.*)", "(?P<assignment_id>.*)", escape=True)
    exclude = set(filter(None, coursedir.student_id_exclude.split(",")))
    students = []
    for path in sorted(glob.glob(pattern)):
        if not glob.glob(os.path.join(path, coursedir.notebook_id + ".ipynb")):
            continue
        m = re.match(regexp, path)
        if m and m.group("student_id") not in exclude:
            students.append(m.group("student_id"))
    return students


def _worker(index: int, jobs: int, workdir: Path, argv: list[str]) -> None:
    """One worker: ``nbgrader autograde *argv`` (the same application object the ``nbgrader`` command
    builds, with the course's config loaded), narrowed to share ``index`` of ``jobs`` and writing to a
    private snapshot of the course gradebook. Every worker lists the students itself (identical listings
    are checked by the parent), so no extra nbgrader start-up is paid before the workers run."""
    from jupyter_core.application import NoStart
    from jupyter_core.utils import ensure_event_loop
    from nbgrader.apps.nbgraderapp import NbGraderApp
    # what `nbgrader ...` does: NbGraderApp.launch_instance() (jupyter_core + traitlets), in two halves
    loop = ensure_event_loop()
    app = NbGraderApp.instance()
    app.initialize(["autograde", *argv])
    sub = app.subapp
    cd = sub.coursedir
    if not cd.assignment_id and sub.extra_args:
        assignment = sub.extra_args[0]
    else:
        assignment = cd.assignment_id
    students = _list_students(cd, assignment)
    share = split(students, jobs)[index] if index < min(jobs, len(students)) else []
    main_db = _sqlite_path(cd)
    if not main_db.exists():
        raise SystemExit(f"no gradebook at {main_db}: run `nbgrader generate_assignment {assignment}` first")
    base = snapshot_db(main_db, workdir / f"base-{index}.db")
    mine = workdir / f"worker-{index}.db"
    shutil.copyfile(base, mine)
    info = {"students": students, "share": share, "db_url": cd.db_url, "base": str(base), "db": str(mine)}
    (workdir / f"worker-{index}.json").write_text(json.dumps(info))
    if not share:
        return
    cd.db_url = sqlite_url(mine)
    cd.student_id_exclude = ",".join(sorted(set(filter(None, cd.student_id_exclude.split(",")))
                                            | (set(students) - set(share))))
    try:
        app.start()
    except NoStart:
        return
    loop.close()


def grade(course_dir, assignment: str, jobs: int = 2, extra_args=(), env=None, keep_workdir: bool = False,
          log=print, timeout: float | None = None) -> GradeRun:
    """Autograde every submission of ``assignment`` in ``course_dir`` with ``jobs`` parallel
    ``nbgrader autograde`` workers and merge their gradebooks into the course gradebook (see module doc).

    ``timeout`` (seconds, default none) stops all workers and raises ``TimeoutError`` (nothing merged, the
    scratch folder kept) if grading takes longer: a safety net against a grading kernel that hangs
    nbgrader."""
    t0 = time.perf_counter()
    course_dir = Path(course_dir).resolve()
    extra_args = [str(a) for a in extra_args]
    for a in extra_args:
        if a.split("=", 1)[0] in _RESERVED:
            raise ValueError(f"{a!r} cannot be combined with parallel grading")
    jobs = max(1, int(jobs))
    full_env = nbgrader_env(env)
    # scratch inside the course root: the grading guard denies grading kernels any read there (and any
    # *.db anywhere), so the gradebook copies and worker logs are as protected as gradebook.db itself
    scratch = course_dir / SCRATCH
    scratch.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"{assignment}-", dir=scratch))
    run = GradeRun(assignment, [], [], workdir=str(work))
    before = _tree_state(course_dir, set())
    procs = []
    try:
        for i in range(jobs):
            cmd = [sys.executable, "-m", "nbguard.parallel", "--worker", f"{i}/{jobs}", "--workdir", str(work),
                   assignment, *extra_args]
            logf = open(work / f"worker-{i}.log", "w", encoding="utf-8")
            procs.append((subprocess.Popen(cmd, cwd=str(course_dir), env=full_env, stdout=logf,
                                           stderr=subprocess.STDOUT, text=True, start_new_session=True), logf))
        deadline = None if timeout is None else time.monotonic() + timeout
        for i, (p, logf) in enumerate(procs):
            try:
                p.wait(None if deadline is None else max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                tail = (work / f"worker-{i}.log").read_text(encoding="utf-8", errors="replace")[-4000:]
                raise TimeoutError(f"grading did not finish in {timeout:g} s (worker {i} still running; scratch "
                                   f"folder kept: {work}); end of its log:\n{tail}") from None
        infos = []
        for i, (p, logf) in enumerate(procs):
            logf.close()
            text = (work / f"worker-{i}.log").read_text(encoding="utf-8", errors="replace")
            f = work / f"worker-{i}.json"
            if not f.exists():
                raise RuntimeError(f"worker {i} failed before grading (exit {p.returncode}):\n{text[-6000:]}")
            infos.append(json.loads(f.read_text()))
            if infos[-1]["share"]:
                run.logs.append(text)
                run.returncodes.append(p.returncode)
                run.shares.append(infos[-1]["share"])
        listings = {json.dumps(x["students"]) for x in infos}
        if len(listings) != 1 or len({x["db_url"] for x in infos}) != 1:
            raise RuntimeError("the workers saw different submissions or gradebooks (did submissions change "
                               "while grading started?); nothing was merged")
        run.students = infos[0]["students"]
        main_db = _sqlite_path(infos[0]["db_url"], base=course_dir)  # relative: to the workers' cwd, the root
        run.written = merge_gradebooks(main_db, [(x["base"], x["db"]) for x in infos if x["share"]])
    except BaseException:
        for p, _ in procs:
            kill_process_group(p)
        keep_workdir = True
        raise
    finally:
        for _, logf in procs:
            logf.close()
        if not keep_workdir:
            shutil.rmtree(work, ignore_errors=True)
            run.workdir = None
            try:
                scratch.rmdir()  # only if empty (no other run, nothing kept)
            except OSError:
                pass
    after = _tree_state(course_dir, set())
    dbs = {str(main_db.resolve().relative_to(course_dir)) + sfx for sfx in ("", "-journal", "-wal", "-shm")} \
        if main_db.resolve().is_relative_to(course_dir) else set()
    run.other_files_changed = sorted(k for k in set(before) | set(after)
                                     if before.get(k) != after.get(k) and k not in dbs)
    if run.other_files_changed:
        log("WARNING: files outside autograded/ and the gradebook changed while grading (not merged, check "
            "that no worker overwrote another's): " + ", ".join(run.other_files_changed[:20]))
    if not run.students:
        log(f"no submissions of {assignment} to grade")
    run.seconds = time.perf_counter() - t0
    return run


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m nbguard.parallel", allow_abbrev=False,
        description="Autograde all submissions of an assignment with parallel plain `nbgrader autograde` "
                    "workers (one SQLite gradebook copy each, merged back into the course gradebook). "
                    "Unknown options are passed to every `nbgrader autograde` call.")
    ap.add_argument("assignment")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2, help="worker processes (default: CPUs)")
    ap.add_argument("--course-dir", default=".", help="course root (default: the current folder)")
    ap.add_argument("--keep-workdir", action="store_true", help="keep the workers' gradebooks and logs")
    ap.add_argument("-q", "--quiet", action="store_true", help="do not print the workers' logs")
    ap.add_argument("--timeout", type=float, default=None,
                    help="stop everything after this many seconds (default: no limit)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--workdir", help=argparse.SUPPRESS)
    args, extra = ap.parse_known_args(argv)
    if args.worker:
        index, jobs = map(int, args.worker.split("/"))
        _worker(index, jobs, Path(args.workdir), [args.assignment, *extra])
        return 0
    run = grade(args.course_dir, args.assignment, jobs=args.jobs, extra_args=extra, keep_workdir=args.keep_workdir,
                timeout=args.timeout)
    if not args.quiet:
        for i, text in enumerate(run.logs):
            print(f"===== worker {i}: {', '.join(run.shares[i])} (exit {run.returncodes[i]})")
            print(text.rstrip())
    rows = ", ".join(f"{t} {n}" for t, n in run.written.items()) or "none"
    print(f"graded {len(run.students)} submission(s) of {args.assignment} with {len(run.shares)} worker(s) "
          f"in {run.seconds:.1f} s; rows merged into the gradebook: {rows}")
    if run.workdir:
        print(f"worker gradebooks and logs kept in {run.workdir}")
    if not run.ok:
        print("some submissions failed (see the logs above); their rows were merged as a sequential "
              "`nbgrader autograde` would keep them", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
