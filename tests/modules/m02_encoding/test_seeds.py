"""Correct work keeps every point whatever the hidden tests draw: one submission graded in-process
(tests.grading_round.grade_in_process: the source notebook's cells, hidden tests included, with the submission's
solution cells) over many fixed hidden-test seeds (``FSGEOM_HIDDEN_SEED``, read by ``fsgeom.grading.hidden_rng``).

Variants: the reference solution; a correct submission computing in float32 and returning float32 arrays (judged
with float32's tolerance); the honest variants of submissions.py (sets, dicts, loops, eigh of M Mᵀ, ...). The typical
mistakes of submissions.py lose exactly their task on every seed. And the hidden tests do pass lists: a submission
that accepts only ndarrays loses every task on the hidden tests alone."""
from __future__ import annotations

import json
import re

import numpy as np
import pytest

from fsgeom import course
from fsgeom.modules.m02_encoding import checks as C
from tests.grading_round import SOLUTION_MARKERS, grade_in_process
from tests.modules.m02_encoding.submissions import FLOAT32_VARIANT, HONEST_VARIANTS, SUBMISSIONS

ROOT = course.root()
SEEDS = range(40)


def _nbg(cell) -> dict:
    return (cell.get("metadata", {}) or {}).get("nbgrader") or {}


def _source(lang: str = "uk") -> dict:
    return json.loads((ROOT / "solutions" / lang / "02-encoding" / "02-encoding.ipynb").read_text("utf-8"))


def graded_part(nb: dict) -> dict:
    """The set-up cell, the solution cells and the test cells only (the experiments and the self-check are left
    out: the hidden seed changes nothing there)."""
    nb = json.loads(json.dumps(nb))
    nb["cells"] = [c for c in nb["cells"] if c["cell_type"] == "code"
                   and (_nbg(c).get("grade_id") == "setup" or _nbg(c).get("solution") or _nbg(c).get("grade"))]
    return nb


def with_cells(nb: dict, cells: dict, edits: dict | None = None) -> dict:
    nb = json.loads(json.dumps(nb))
    for c in nb["cells"]:
        gid = _nbg(c).get("grade_id")
        if not _nbg(c).get("solution"):
            continue
        code = SOLUTION_MARKERS.sub("", "".join(c["source"]))
        for old, new in (edits or {}).get(gid, []):
            assert code.count(old) == 1, (gid, old)
            code = code.replace(old, new)
        c["source"] = cells.get(gid, code)
    return nb


SOURCE = graded_part(_source())
FULL = {_nbg(c)["grade_id"]: float(_nbg(c)["points"]) for c in SOURCE["cells"]
        if _nbg(c).get("grade") and not _nbg(c).get("solution")}
VARIANTS = {"reference": SOURCE, "float32": with_cells(SOURCE, FLOAT32_VARIANT),
            "honest": with_cells(SOURCE, HONEST_VARIANTS)}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_correct_work_keeps_every_point_on_every_seed(variant, monkeypatch):
    lost = {}
    for seed in SEEDS:
        monkeypatch.setenv("FSGEOM_HIDDEN_SEED", str(seed))
        scores = grade_in_process(SOURCE, VARIANTS[variant])
        assert set(scores) == set(FULL)
        for gid, score in scores.items():
            if score != FULL[gid]:
                lost.setdefault(gid, []).append(seed)
    assert not lost, f"{variant}: tasks lost on hidden-test seeds {lost}"


MISTAKES = {name: sub for name, sub in SUBMISSIONS.items() if sub.lost}


@pytest.mark.parametrize("name", list(MISTAKES))
def test_each_mistake_loses_exactly_its_task_on_every_seed(name, monkeypatch):
    sub = MISTAKES[name]
    nb = with_cells(SOURCE, sub.cells, sub.edits)
    for seed in range(0, 40, 8):
        monkeypatch.setenv("FSGEOM_HIDDEN_SEED", str(seed))
        scores = grade_in_process(SOURCE, nb)
        assert {g for g, s in scores.items() if s == 0} == set(sub.lost), (name, seed, scores)
        assert all(scores[g] == FULL[g] for g in FULL if g not in sub.lost)


def test_the_float32_variant_really_returns_float32():
    ns: dict = {}
    for code in FLOAT32_VARIANT.values():
        exec(code, ns)
    assert ns["one_hot"](["a", "b"], ["a", "b"]).dtype == np.float32
    assert ns["target_encode"](["a", "a", "b"], [1.0, 2.0, 3.0], [[0], [1, 2]], 1.0).dtype == np.float32
    assert ns["ppmi"]([[1.0, 2.0], [0.0, 3.0]]).dtype == np.float32
    assert ns["svd_embeddings"](np.eye(3), 2).dtype == np.float32
    assert ns["cosine_neighbours"](np.eye(3), np.ones(3), 2)[1].dtype == np.float32


# ------------------------------------------------------------------------------------- array-like inputs
_ARRAY_ARGS = {   # how many leading positional arguments each function documents as array-likes
    "fit_vocabulary": 1, "integer_encode": 1, "one_hot": 1, "target_encode": 2, "ppmi": 1, "svd_embeddings": 1,
    "cosine_neighbours": 2, "analogy": 1,
}


def _strict_cells(nb: dict) -> dict:
    """The reference solution wrapped so that every function rejects anything but ndarrays."""
    cells = {}
    for c in nb["cells"]:
        gid = _nbg(c).get("grade_id")
        if not _nbg(c).get("solution") or gid not in _ARRAY_ARGS:
            continue
        code = re.sub(r"[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", "", "".join(c["source"]))
        cells[gid] = (code + f"\n\n_lenient_{gid} = {gid}\n\n\ndef {gid}(*args, **kwargs):\n"
                      f"    for i in range({_ARRAY_ARGS[gid]}):\n"
                      f"        if not isinstance(args[i], np.ndarray):\n"
                      f"            raise TypeError('arrays only')\n"
                      f"    return _lenient_{gid}(*args, **kwargs)\n")
    return cells


def _hidden_only(nb: dict) -> dict:
    """Test cells without their visible check: only the hidden tests judge."""
    nb = json.loads(json.dumps(nb))
    for c in nb["cells"]:
        if _nbg(c).get("grade") and not _nbg(c).get("solution"):
            hidden = "".join(c["source"]).split("### BEGIN HIDDEN TESTS", 1)[1]
            c["source"] = "from fsgeom.modules.m02_encoding import checks\n### BEGIN HIDDEN TESTS" + hidden
    return nb


def test_hidden_tests_pass_lists(monkeypatch):
    monkeypatch.setenv("FSGEOM_HIDDEN_SEED", "0")
    source = _hidden_only(SOURCE)
    assert grade_in_process(source, source) == FULL
    strict = grade_in_process(source, with_cells(source, _strict_cells(SOURCE)))
    assert {gid for gid, score in strict.items() if score == 0} == set(FULL), strict


def test_visible_checks_pass_lists_too():
    ns: dict = {"np": np}
    for code in _strict_cells(SOURCE).values():
        exec(code, ns)
    for task in C.TASKS:
        with pytest.raises(C.CheckFailed) as info:
            task.run(ns)
        assert "arrays only" in str(info.value.__cause__ or info.value), task.name


def test_every_hidden_test_draws_from_hidden_rng():
    for lang in ("uk", "en"):
        for c in _source(lang)["cells"]:
            if _nbg(c).get("grade") and not _nbg(c).get("solution"):
                hidden = "".join(c["source"]).split("### BEGIN HIDDEN TESTS", 1)[1]
                assert f'hidden_rng("{_nbg(c)["grade_id"][5:]}")' in hidden, _nbg(c)["grade_id"]
                assert "default_rng(" not in hidden, _nbg(c)["grade_id"]
