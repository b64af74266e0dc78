"""Hostile submissions vs. the autograde guard (nbguard), through the real ``nbgrader autograde``.

One batch grades every doctored submission of ``01-distances`` (tests/hostile/cheats.py) together with three
honest students (the reference solution, the same numpy written other ways, and a partially correct one) in a scratch copy of the course, with
the course's own ``nbgrader_config.py`` (its "autograde guard" section), a short cell timeout and a 1 GiB
memory cap on the kernel. Then, per grade cell: cheated tasks score 0, every other task keeps the points
the honest reference gets, the instructor's report flags the cheat, the honest students score exactly what
they score when graded alone (with and without the guard), and the batch completed for everyone.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nbguard import report as guard_report

from fsgeom import gradetools
from tests.hostile import cheats, notebooks as N

ASSIGNMENT = "01-distances"
NOTEBOOK = ASSIGNMENT + ".ipynb"
TIMEOUT = 8           # seconds per cell
MEMORY = "1G"         # RLIMIT_AS of the grading kernel
HONEST = {"a-honest": N.honest, "a-partial": N.partial}
#: honest numpy written other ways than the reference: graded in the batch only, must keep every point
VARIANTS = {"a-variants": N.variants}
ENV = {"COURSE_LANG": "uk", "NBGUARD_MEMORY": MEMORY}
TIMINGS = {}


def _sid(case) -> str:
    return "cheat-" + case.name.replace("_", "-")


def _autograde(course, env=None, args=()):
    t0 = time.monotonic()
    proc = gradetools.run_nbgrader(["autograde", ASSIGNMENT, f"--Execute.timeout={TIMEOUT}", *args], cwd=course,
                                   env={**ENV, **(env or {})}, check=False, timeout=1200)
    return proc, time.monotonic() - t0


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    course = gradetools.copy_course(root / "base")
    assert "# --- autograde guard ---" in (course / "nbgrader_config.py").read_text(), \
        "nbgrader_config.py has no autograde guard section"
    gradetools.run_nbgrader(["generate_assignment", ASSIGNMENT, "--force"], cwd=course, env=ENV)
    rel = N.read(course / "exercises" / "uk" / ASSIGNMENT / NOTEBOOK)
    sol = N.read(course / "solutions" / "uk" / ASSIGNMENT / NOTEBOOK)
    return {"root": root, "course": course, "rel": rel, "sol": sol}


def _fresh(base, name) -> Path:
    import shutil
    dst = base["root"] / name
    shutil.copytree(base["course"], dst)
    return dst


def _submit_honest(course, base):
    for sid, make in HONEST.items():
        gradetools.submit(course, sid, ASSIGNMENT, {NOTEBOOK: make(base["rel"], base["sol"]).text()})


@pytest.fixture(scope="module")
def reference(base):
    """The honest students graded alone: with the guard, and with stock nbgrader (NBGUARD=off)."""
    out = {}
    for label, env in (("guarded", {}), ("stock", {"NBGUARD": "off"})):
        course = _fresh(base, f"reference-{label}")
        _submit_honest(course, base)
        proc, seconds = _autograde(course, env)
        assert proc.returncode == 0, proc.stderr[-3000:]
        out[label] = gradetools.cell_scores(course, ASSIGNMENT)
        TIMINGS[f"reference {label} (2 submissions)"] = seconds
    return out


@pytest.fixture(scope="module")
def batch(base):
    course = _fresh(base, "batch")
    _submit_honest(course, base)
    for sid, make in VARIANTS.items():
        gradetools.submit(course, sid, ASSIGNMENT, {NOTEBOOK: make(base["rel"], base["sol"]).text()})
    for case in cheats.CASES:
        content = case.build(base["rel"], base["sol"])
        files = {} if content is None else {NOTEBOOK: content}
        gradetools.submit(course, _sid(case), ASSIGNMENT, files)
    proc, seconds = _autograde(course)
    TIMINGS[f"batch ({len(cheats.CASES) + len(HONEST)} submissions)"] = seconds
    scores = gradetools.cell_scores(course, ASSIGNMENT)
    data = guard_report.collect(course, ASSIGNMENT)
    (base["root"] / "batch-report.txt").write_text(guard_report.format_report(data, "medium"))
    return {"course": course, "proc": proc, "scores": scores, "report": data}


def _kinds(data, sid) -> set:
    return {f["kind"] for f in data["students"][sid]["flags"]}


# ------------------------------------------------------------------------------------------- batch-level
def test_batch_completes_for_everyone(batch):
    proc, course = batch["proc"], batch["course"]
    assert proc.returncode == 0, proc.stderr[-5000:]
    assert "Traceback" not in proc.stdout
    for case in cheats.CASES:
        sid = _sid(case)
        if case.name == "missing_notebook":
            continue
        assert sid in batch["scores"], f"{sid} was not graded"
        folder = course / "autograded" / sid / ASSIGNMENT
        assert (folder / NOTEBOOK).is_file(), f"no autograded notebook for {sid}"
        assert (folder / f"guard-{ASSIGNMENT}.json").is_file(), f"no guard report for {sid}"


def test_honest_students_unchanged(batch, reference):
    """Same per-cell scores alone and in the hostile batch, with or without the guard."""
    for sid in HONEST:
        assert batch["scores"][sid] == reference["guarded"][sid] == reference["stock"][sid], sid
    top = gradetools.max_code_score(batch["course"], ASSIGNMENT)     # a written answer is graded by hand
    assert sum(reference["guarded"]["a-honest"].values()) == top
    for sid in VARIANTS:                                                    # honest numpy, any style: full marks
        assert batch["scores"][sid] == reference["guarded"]["a-honest"], sid
    assert 0 < sum(reference["guarded"]["a-partial"].values()) < top


def test_honest_students_not_flagged(batch):
    for sid in [*HONEST, *VARIANTS]:
        serious = [f for f in batch["report"]["students"][sid]["flags"] if f["severity"] in ("error", "high")]
        assert serious == [], serious


def test_gradebook_intact(batch):
    db = batch["course"] / "gradebook.db"
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not (batch["course"] / "autograded" / _sid(cheats.by_name("gradebook_tamper")) / ASSIGNMENT
                / "gb-copy.db").exists()
    assert not Path("/tmp/stolen").exists()


def test_no_hidden_tests_or_nonce_left_in_notebooks(batch):
    for sid in batch["scores"]:
        text = (batch["course"] / "autograded" / sid / ASSIGNMENT / NOTEBOOK).read_text()
        assert "_GuardEntry" not in text and "__nbguard_v__" not in text, sid
        nb = json.loads(text)
        assert "nbguard" not in nb["metadata"], sid


def test_report_command_lists_everyone(batch):
    proc = subprocess.run(
        [sys.executable, "-m", "nbguard.report", ASSIGNMENT], cwd=batch["course"],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    for case in cheats.CASES:
        assert _sid(case) in proc.stdout
    assert "missing_notebook" in proc.stdout and "unreadable_notebook" in proc.stdout


# ------------------------------------------------------------------------------------------- per case
@pytest.mark.parametrize("case", cheats.CASES, ids=[c.name for c in cheats.CASES])
def test_cheat(batch, reference, case):
    sid = _sid(case)
    honest = reference["guarded"]["a-honest"]
    got = batch["scores"].get(sid, {})
    if case.name == "missing_notebook":
        assert got == {}
        assert batch["report"]["students"][sid]["score"] in (0, 0.0)
    else:
        for test_id in honest:
            lost = case.zero == cheats.ALL or test_id in case.zero
            expected = 0.0 if lost else honest[test_id]
            assert got[test_id] == expected, f"{sid}: {test_id} scored {got[test_id]}, expected {expected}"
    if case.flags:
        kinds = _kinds(batch["report"], sid)
        assert kinds & set(case.flags), f"{sid}: none of {case.flags} in {sorted(kinds)}"


def test_timings_reported(batch, reference, capsys):
    with capsys.disabled():
        print("\n" + "\n".join(f"  {k}: {v:.1f} s" for k, v in TIMINGS.items()))


# ------------------------------------------------------------------------------------------- stock nbgrader
#: cheats that are safe to grade without the guard, and what stock nbgrader 0.9.6 gives the cheated task
STOCK_FOOLED = {"skip_execution_tag": "full", "input_transformer": "full", "patch_helpers_dict": "full",
                "patch_during_test": "full", "fake_modules": "full", "read_solutions": "full",
                "os_exit_in_function": "ungraded", "corrupted_notebook": "ungraded",
                "edit_test_metadata": "ungraded"}


@pytest.mark.skipif(not os.environ.get("FSGEOM_HOSTILE_STOCK"),
                    reason="demonstration run of stock nbgrader (set FSGEOM_HOSTILE_STOCK=1, ~40 s)")
def test_stock_nbgrader_is_fooled(base):
    """Why the guard exists: the same submissions graded by stock nbgrader (NBGUARD=off)."""
    course = _fresh(base, "stock-cheats")
    for name in STOCK_FOOLED:
        case = cheats.by_name(name)
        gradetools.submit(course, _sid(case), ASSIGNMENT, {NOTEBOOK: case.build(base["rel"], base["sol"])})
    proc, seconds = _autograde(course, {"NBGUARD": "off"})
    TIMINGS[f"stock, {len(STOCK_FOOLED)} cheats"] = seconds
    assert proc.returncode != 0          # stock nbgrader reports failed submissions
    scores = gradetools.cell_scores(course, ASSIGNMENT)
    outcome = {}
    for name, expected in STOCK_FOOLED.items():
        case = cheats.by_name(name)
        got = scores.get(_sid(case), {})
        graded = (course / "autograded" / _sid(case) / ASSIGNMENT / NOTEBOOK).exists()
        if not graded:
            outcome[name] = "ungraded"
        elif all(got.get(t, 0) > 0 for t in case.zero):
            outcome[name] = "full"
        else:
            outcome[name] = "zero"
    print("\n  stock nbgrader:", outcome)
    assert outcome == STOCK_FOOLED
