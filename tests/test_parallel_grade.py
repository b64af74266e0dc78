"""Parallel grading (``python -m nbguard.parallel``) gives exactly what sequential ``nbgrader autograde``
gives: per grade cell scores, every gradebook field autograde writes, and the autograded notebooks (modulo
execution timestamps and other run-specific details), on a scratch copy of the course with synthetic
submissions of varied quality. Uses the real assignment ``01-distances`` when its source and release exist,
else a tiny stand-in assignment (same nbgrader config)."""
import json
import re
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from nbguard import parallel

from fsgeom import bench, course
from fsgeom.gradetools import DEFAULT_TIMEOUT, cell_scores, max_code_score, run_nbgrader, total_score

REAL = "01-distances"
N_SUBMISSIONS = 6  # one of each kind of bench.KINDS


def _real_available() -> bool:
    try:
        return bool(bench.assignment_notebooks(course.root(), REAL, "uk"))
    except FileNotFoundError:
        return False


def _files(root: Path) -> dict:
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("parallel-grade")
    if _real_available():
        src, assignment = course.root(), REAL
    else:
        src, assignment = bench.standin_course(tmp / "standin"), "toy"
    base = bench.prepare_course(tmp / "base", assignment, "uk", src)
    kinds = bench.make_submissions(base, assignment, N_SUBMISSIONS)
    # a student folder without a notebook: nbgrader skips it, parallel grading must too
    (base / "submitted" / "nobody" / assignment).mkdir(parents=True)
    (base / "submitted" / "nobody" / assignment / "timestamp.txt").write_text(bench.DEFAULT_TIMESTAMP)
    seq = Path(shutil.copytree(base, tmp / "sequential"))
    par = Path(shutil.copytree(base, tmp / "parallel"))

    before = _files(seq)
    time.sleep(0.01)
    seq_proc = run_nbgrader(["autograde", assignment], cwd=seq, env={"COURSE_LANG": "uk"}, check=False)
    after = _files(seq)
    run = parallel.grade(par, assignment, jobs=2, env={"COURSE_LANG": "uk"}, log=lambda *a: None,
                               timeout=DEFAULT_TIMEOUT)
    return dict(assignment=assignment, kinds=kinds, seq=seq, par=par, seq_proc=seq_proc, run=run,
                seq_changed=sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k)))


def test_submissions_are_varied(graded):
    a, seq, kinds = graded["assignment"], graded["seq"], graded["kinds"]
    top = max_code_score(seq, a)          # all that autograding can award (a written answer is graded by hand)
    totals = {kind: total_score(seq, a, s) for s, kind in kinds.items()}
    assert totals["full"] == top > 0
    assert totals["untouched"] < top
    assert totals["wrong-returns"] < top
    assert len(set(totals.values())) >= 3, totals


def test_every_student_graded_once_by_one_worker(graded):
    run, kinds = graded["run"], graded["kinds"]
    assert sorted(run.students) == sorted(kinds)  # "nobody" (no notebook) skipped, as nbgrader does
    shares = [s for share in run.shares for s in share]
    assert sorted(shares) == sorted(kinds) and len(shares) == len(set(shares))
    assert len(run.shares) == 2
    for share in run.shares:  # each worker wrote only its own autograded folders
        assert share
    assert sorted(p.name for p in (graded["par"] / "autograded").iterdir()) == sorted(kinds)


def test_exit_status_matches_sequential(graded):
    assert graded["run"].ok == (graded["seq_proc"].returncode == 0), graded["seq_proc"].stderr[-3000:]


def test_per_grade_cell_scores_identical(graded):
    a = graded["assignment"]
    seq, par = cell_scores(graded["seq"], a), cell_scores(graded["par"], a)
    assert set(seq) == set(graded["kinds"])
    assert all(seq[s] for s in seq)  # grade cells were scored
    assert par == seq


def test_whole_gradebook_entries_identical(graded):
    """Every field autograde writes (auto/manual score, extra credit, needs_manual_grade, comments,
    timestamps, late penalty, flags), compared without nbgrader's random ids."""
    a = graded["assignment"]
    assert bench.gradebook_dump(graded["par"], a) == bench.gradebook_dump(graded["seq"], a)


def test_gradebook_row_counts_identical(graded):
    def counts(db):
        with sqlite3.connect(db) as c:
            tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            return {t: c.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
    assert counts(graded["par"] / "gradebook.db") == counts(graded["seq"] / "gradebook.db")


def test_autograded_notebooks_identical(graded):
    a, seq, par = graded["assignment"], graded["seq"], graded["par"]
    assert bench.autograded_differences(seq, par, a) == []
    # the comparison is not vacuous: outputs are there, and the "raises" submission shows its error
    raises = next(s for s, k in graded["kinds"].items() if k == "raises")
    nb = json.loads(next((seq / "autograded" / raises / a).glob("*.ipynb")).read_text())
    assert any(o.get("output_type") == "error" for c in nb["cells"] for o in c.get("outputs", []))


def test_only_run_specific_details_differ_before_normalizing(graded):
    """Raw JSON comparison with only three run-specific details removed: cell execution timing metadata, the
    kernel's temp file names in tracebacks (``$TMPDIR/ipykernel_<pid>/<hash>.py``) and how stdout was chunked
    into stream messages. The notebooks are then equal, so the broader normalizations of
    bench.normalize_notebook (addresses, uuids, timestamps) are not hiding anything here."""
    a, seq, par = graded["assignment"], graded["seq"], graded["par"]
    cellfile = re.compile(r"(?:/[\w.+-]+)*/ipykernel_\d+/\d+\.py")
    for nb_seq in sorted((seq / "autograded").glob(f"*/{a}/*.ipynb")):
        nb_par = par / nb_seq.relative_to(seq)
        x, y = (json.loads(cellfile.sub("CELL.py", f.read_text())) for f in (nb_seq, nb_par))
        for nb in (x, y):
            for c in nb["cells"]:
                c.get("metadata", {}).pop("execution", None)
                if "outputs" in c:
                    c["outputs"] = bench.coalesce_streams(c["outputs"])
        assert x == y, nb_seq


def test_nbgrader_writes_nothing_shared_but_the_gradebook(graded):
    """What a sequential `nbgrader autograde` changes in the course: gradebook.db and autograded/<student>/."""
    others = [f for f in graded["seq_changed"] if f != "gradebook.db" and not f.startswith("autograded/")]
    assert others == []
    assert {f.split("/")[1] for f in graded["seq_changed"] if f.startswith("autograded/")} == set(graded["kinds"])
    assert graded["run"].other_files_changed == []


def test_regrading_a_newer_submission_matches_sequential(graded):
    """Second round (updates of existing gradebook rows, not inserts): one student resubmits a full
    solution; a plain `nbgrader autograde` re-grades only that newer submission, so must nbguard.parallel."""
    a, kinds = graded["assignment"], graded["kinds"]
    student = next(s for s, k in kinds.items() if k == "untouched")
    full = next(s for s, k in kinds.items() if k == "full")
    for root in (graded["seq"], graded["par"]):
        sub = root / "submitted" / student / a
        for nb in (root / "submitted" / full / a).glob("*.ipynb"):
            shutil.copy2(nb, sub / nb.name)
        (sub / "timestamp.txt").write_text("2026-11-03 09:00:00.000000 UTC")
    proc = run_nbgrader(["autograde", a], cwd=graded["seq"], env={"COURSE_LANG": "uk"}, check=False)
    run = parallel.grade(graded["par"], a, jobs=2, env={"COURSE_LANG": "uk"}, log=lambda *x: None,
                               timeout=DEFAULT_TIMEOUT)
    assert run.ok == (proc.returncode == 0), (proc.stdout + proc.stderr)[-3000:] + "\n".join(run.logs)[-3000:]
    assert total_score(graded["seq"], a, student) == max_code_score(graded["seq"], a)
    assert cell_scores(graded["par"], a) == cell_scores(graded["seq"], a)
    assert bench.gradebook_dump(graded["par"], a) == bench.gradebook_dump(graded["seq"], a)
    assert bench.autograded_differences(graded["seq"], graded["par"], a) == []


# ------------------------------------------------------------------------------ merge, without nbgrader

def _db(path, rows):
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE parent (id TEXT PRIMARY KEY, v TEXT)")
        c.execute("CREATE TABLE child (id TEXT PRIMARY KEY, parent_id TEXT REFERENCES parent(id), v REAL)")
        c.execute("CREATE TABLE version (num TEXT NOT NULL)")
        c.execute("INSERT INTO version VALUES ('1')")
        for table, row in rows:
            c.execute(f"INSERT INTO {table} VALUES ({','.join('?' * len(row))})", row)
    c.close()
    return path


def _dump(path):
    with sqlite3.connect(path) as c:
        out = {t: sorted(c.execute(f"SELECT * FROM {t}").fetchall()) for t in ("parent", "child", "version")}
    c.close()
    return out


def test_merge_applies_each_workers_changes(tmp_path):
    start = [("parent", ("p0", "a")), ("child", ("c0", "p0", 1.0))]
    main = _db(tmp_path / "main.db", start)
    base = parallel.snapshot_db(main, tmp_path / "base.db")
    w1 = parallel.snapshot_db(main, tmp_path / "w1.db")
    w2 = parallel.snapshot_db(main, tmp_path / "w2.db")
    with sqlite3.connect(w1) as c:
        c.execute("INSERT INTO parent VALUES ('p1', 'x')")
        c.execute("INSERT INTO child VALUES ('c1', 'p1', 0.5)")
        c.execute("UPDATE child SET v = 2.0 WHERE id = 'c0'")
        c.execute("INSERT INTO parent VALUES ('shared', 'same')")
    with sqlite3.connect(w2) as c:
        c.execute("INSERT INTO parent VALUES ('p2', 'y')")
        c.execute("INSERT INTO parent VALUES ('shared', 'same')")  # identical change: applied once
    written = parallel.merge_gradebooks(main, [(base, w1), (base, w2)])
    assert written == {"parent": 3, "child": 2}
    assert _dump(main) == {"parent": [("p0", "a"), ("p1", "x"), ("p2", "y"), ("shared", "same")],
                           "child": [("c0", "p0", 2.0), ("c1", "p1", 0.5)], "version": [("1",)]}


def test_merge_refuses_conflicts_and_writes_nothing(tmp_path):
    main = _db(tmp_path / "main.db", [("parent", ("p0", "a"))])
    base = parallel.snapshot_db(main, tmp_path / "base.db")
    w1 = parallel.snapshot_db(main, tmp_path / "w1.db")
    w2 = parallel.snapshot_db(main, tmp_path / "w2.db")
    with sqlite3.connect(w1) as c:
        c.execute("UPDATE parent SET v = 'one' WHERE id = 'p0'")
        c.execute("INSERT INTO parent VALUES ('p1', 'x')")
    with sqlite3.connect(w2) as c:
        c.execute("UPDATE parent SET v = 'two' WHERE id = 'p0'")
    before = _dump(main)
    with pytest.raises(parallel.MergeConflict):
        parallel.merge_gradebooks(main, [(base, w1), (base, w2)])
    assert _dump(main) == before
    # the course gradebook changed a row a worker also changed: conflict too
    with sqlite3.connect(main) as c:
        c.execute("UPDATE parent SET v = 'meanwhile' WHERE id = 'p0'")
    with pytest.raises(parallel.MergeConflict):
        parallel.merge_gradebooks(main, [(base, w1)])


def test_split_is_a_balanced_partition():
    students = [f"s{i}" for i in range(7)]
    shares = parallel.split(students, 3)
    assert sorted(s for sh in shares for s in sh) == students
    assert [len(s) for s in shares] == [3, 2, 2]
    assert parallel.split(students[:1], 4) == [["s0"]]
    assert parallel.split([], 2) == []


def _processes_in(folder: Path) -> list:
    import psutil
    out = []
    for p in psutil.process_iter(["pid"]):
        try:
            if Path(p.cwd()).is_relative_to(folder) and p.status() != psutil.STATUS_ZOMBIE:
                out.append(p)
        except (psutil.Error, OSError):
            pass
    return out


def test_timeout_stops_workers_and_their_kernels(tmp_path):
    """A hung grading (a submission sleeping in a cell, and a grading timeout shorter than that) stops every
    process working in the course: the workers and their kernels (jupyter_client starts kernels in their own
    sessions; they exit when their parent dies)."""
    import threading

    import nbformat
    from fsgeom.gradetools import submit
    src = bench.standin_course(tmp_path / "standin")
    base = bench.prepare_course(tmp_path / "c", "toy", "uk", src)
    nb = nbformat.read(base / "exercises" / "uk" / "toy" / "toy.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "squared":
            cell.source = "import time\ntime.sleep(600)\ndef squared(x):\n    return x * x"
    for student in ("sleepy1", "sleepy2"):
        submit(base, student, "toy", {"toy.ipynb": nbformat.writes(nb)})
    seen, done = set(), threading.Event()

    def watch():
        while not done.is_set():
            seen.update(p.pid for p in _processes_in(base / "autograded"))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        with pytest.raises(TimeoutError):
            parallel.grade(base, "toy", jobs=2, timeout=12, log=lambda *a: None)
        deadline = time.monotonic() + 15
        while _processes_in(base) and time.monotonic() < deadline:
            time.sleep(0.3)
    finally:
        done.set()
        watcher.join()
    assert seen, "no grading kernel was seen running: the test did not exercise the timeout"
    assert _processes_in(base) == []
    assert bench.gradebook_dump(base, "toy") == {}  # nothing merged


def test_reserved_options_rejected(tmp_path):
    with pytest.raises(ValueError):
        parallel.grade(tmp_path, "x", extra_args=["--student=alice"])
