"""Student self-check (fsgeom.selfcheck): in-notebook ``check`` / ``check_all`` (bound to a module by its checks,
so nothing is guessed from function names) and the command ``python -m fsgeom.selfcheck <notebook>``, which exits
non-zero when a visible check fails. Exercised on module 01-distances."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import numpy as np
import pytest

from fsgeom import course, selfcheck
from fsgeom.modules.m01_distances import checks as m01

N_TASKS = len(m01.TASKS)                       # the autograded tasks the self-check knows
TOTAL = sum(t.points for t in m01.TASKS)
MISTAKES_COST = 4                               # the two mistakes below: euclidean (2) and zscore_fit (2)

ROOT = course.root()
A = "01-distances"


def _solution_sources(lang="uk") -> dict:
    nb = json.loads((ROOT / "solutions" / lang / A / f"{A}.ipynb").read_text("utf-8"))
    return {c["metadata"]["nbgrader"]["grade_id"]: re.sub(r"[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", "",
                                                          "".join(c["source"]))
            for c in nb["cells"] if c["cell_type"] == "code" and (c.get("metadata", {}).get("nbgrader") or {}).get("solution")}


def namespace(edits=None, lang="uk") -> dict:
    ns = {"np": np}
    for gid, src in _solution_sources(lang).items():
        for old, new in (edits or {}).get(gid, []):
            src = src.replace(old, new)
        exec(src, ns)
    return ns


MISTAKES = {
    "pairwise_euclidean": [("return np.sqrt((diff ** 2).sum(axis=2))", "return (diff ** 2).sum(axis=2)")],
    "zscore_fit": [("std = X.std(axis=0)", "std = X.std(axis=0, ddof=1)")],
}


@pytest.fixture(params=["uk", "en"])
def lang(request, monkeypatch):
    monkeypatch.setenv("COURSE_LANG", request.param)
    return request.param


def test_all_pass_for_the_reference(lang, capsys):
    res = selfcheck.results(namespace(), A)
    assert [r.status for r in res] == ["pass"] * N_TASKS and sum(r.earned for r in res) == TOTAL
    m01.check_all(namespace())
    out = capsys.readouterr().out
    assert out.count("✓") == N_TASKS
    assert (f"{TOTAL} з {TOTAL}" if lang == "uk" else f"{TOTAL} of {TOTAL}") in out


def test_table_shows_specific_hints(lang, capsys):
    ns = namespace(MISTAKES)
    res = {r.task: r for r in selfcheck.results(ns, "01-distances")}
    assert res["pairwise_euclidean"].status == "fail"
    assert ("квадратний корінь" if lang == "uk" else "square root") in res["pairwise_euclidean"].hint
    assert res["zscore_fit"].status == "fail" and "ddof=1" in res["zscore_fit"].hint
    assert res["scale_train_test"].ok                 # not charged again for zscore_fit's ddof
    assert res["knn_predict"].ok
    m01.check_all(ns)
    out = capsys.readouterr().out
    assert "ddof=1" in out and sum(line.startswith(" ✗") for line in out.splitlines()) == 2
    left = TOTAL - MISTAKES_COST
    assert (f"{left} з {TOTAL}" if lang == "uk" else f"{left} of {TOTAL}") in out


def test_missing_and_unimplemented_tasks(lang):
    ns = namespace()
    del ns["iso_ellipse_axes"]

    def todo(*args):
        raise NotImplementedError()
    ns["knn_predict"] = todo
    res = {r.task: r for r in selfcheck.results(ns, "01-distances")}
    assert res["knn_predict"].status == "todo" and res["iso_ellipse_axes"].status == "missing"
    assert "iso_ellipse_axes" in res["iso_ellipse_axes"].hint
    table = selfcheck.format_table(list(res.values()))
    assert ("виконайте комірку" if lang == "uk" else "run the cell") in table
    assert "NotImplementedError" not in table             # "not implemented" needs no extra hint
    ns["pairwise_manhattan"] = lambda X, Y: 1 / 0
    assert {r.task: r for r in selfcheck.results(ns, A)}["pairwise_manhattan"].status == "error"


def test_one_task_form(lang, capsys):
    ns = namespace(MISTAKES)
    m01.check("pairwise_manhattan", ns)
    assert capsys.readouterr().out.startswith("✓ pairwise_manhattan")
    m01.check("test_zscore_fit", ns)              # grade ids work too
    out = capsys.readouterr().out
    assert out.startswith("✗ zscore_fit") and "ddof=1" in out
    m01.check("no_such_task", ns)
    assert "pairwise_euclidean" in capsys.readouterr().out


def test_check_all_returns_nothing_numeric(lang):
    # a numeric execute_result in a test cell would be taken by nbgrader as partial credit
    assert m01.check_all(namespace()) is None
    assert m01.check("pairwise_euclidean", namespace()) is None


# ------------------------------------------------------------------------------------------ command line
def _notebook(tmp_path, lang, edits=None, blank=False):
    rel = json.loads((ROOT / "exercises" / lang / A / f"{A}.ipynb").read_text("utf-8"))
    if not blank:
        sols = _solution_sources(lang)
        for cell in rel["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader") or {}
            if meta.get("solution") and cell["cell_type"] == "code":
                src = sols[meta["grade_id"]]
                for old, new in (edits or {}).get(meta["grade_id"], []):
                    src = src.replace(old, new)
                cell["source"] = src
    folder = tmp_path / lang / A
    folder.mkdir(parents=True)
    path = folder / f"{A}.ipynb"
    path.write_text(json.dumps(rel), encoding="utf-8")
    return path


def test_command_exits_nonzero_on_the_untouched_release(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSE_LANG", raising=False)
    path = _notebook(tmp_path, "uk", blank=True)
    proc = subprocess.run([sys.executable, "-m", "fsgeom.selfcheck", str(path)], capture_output=True, text=True,
                          timeout=300, env={k: v for k, v in __import__("os").environ.items() if k != "COURSE_LANG"})
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.count("не реалізовано") >= N_TASKS and f"0 з {TOTAL}" in proc.stdout


def test_command_reports_mistakes_and_passes_a_correct_notebook(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("COURSE_LANG", raising=False)
    bad = _notebook(tmp_path / "a", "en", MISTAKES)
    assert selfcheck.main([str(bad)]) == 1
    out = capsys.readouterr().out
    assert "square root" in out and "ddof=1" in out and f"{TOTAL - MISTAKES_COST} of {TOTAL}" in out
    good = _notebook(tmp_path / "b", "en")
    assert selfcheck.main([str(good), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["status"] for d in data] == ["pass"] * N_TASKS


def test_command_exit_2_when_the_notebook_cannot_run(tmp_path, capsys):
    assert selfcheck.main([str(tmp_path / "missing.ipynb")]) == 2
