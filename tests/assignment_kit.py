"""Shared pieces of every module's assignment tests (``test_seeds.py``, ``test_checks.py``).

``test_seeds``: correct work keeps every point whatever the hidden tests draw. A module's seed tests grade submissions in-process (:func:`tests.grading_round.grade_in_process`: the source
notebook's cells, hidden tests included, with the submission's solution cells) over many fixed hidden-test seeds
(``FSGEOM_HIDDEN_SEED``, read by ``fsgeom.grading.hidden_rng``). What differs between modules (the variants, which
arguments are array-likes, what a strict wrapper accepts) is passed in; the notebook plumbing lives here.
"""
from __future__ import annotations

import json

import numpy as np
import pytest

from fsgeom import course
from fsgeom.grading import CheckFailed
from tests.grading_round import SOLUTION_MARKERS, grade_in_process

__all__ = ["nbg", "source", "graded_part", "with_cells", "full_points", "strict_cells", "hidden_only",
           "lost_on_seeds", "assert_loses_exactly",
           "assert_hidden_tests_pass_array_likes", "assert_visible_checks_pass_array_likes", "reference_namespace",
           "fails_with"]


def nbg(cell) -> dict:
    """A cell's nbgrader metadata (empty for an ordinary cell)."""
    return (cell.get("metadata", {}) or {}).get("nbgrader") or {}


def source(module_id: str, lang: str = "uk") -> dict:
    """The module's nbgrader source notebook (reference solution, visible and hidden tests)."""
    path = course.root() / "solutions" / lang / module_id / f"{module_id}.ipynb"
    return json.loads(path.read_text("utf-8"))


def graded_part(nb: dict) -> dict:
    """The set-up cell, the solution cells and the test cells only: the hidden seed changes nothing else (the
    ungraded experiments and the self-check are left out to keep many seeds x variants fast)."""
    nb = json.loads(json.dumps(nb))
    nb["cells"] = [c for c in nb["cells"] if c["cell_type"] == "code"
                   and (nbg(c).get("grade_id") == "setup" or nbg(c).get("solution") or nbg(c).get("grade"))]
    return nb


def with_cells(nb: dict, cells: dict, edits: dict | None = None) -> dict:
    """``nb`` with solution cells replaced: ``cells`` maps a grade id to the new source; ``edits`` maps a grade id to
    ``[(old, new), ...]`` replacements in the reference solution (each ``old`` must occur exactly once)."""
    nb = json.loads(json.dumps(nb))
    for c in nb["cells"]:
        gid = nbg(c).get("grade_id")
        if not nbg(c).get("solution"):
            continue
        if gid in cells:
            c["source"] = cells[gid]
        elif gid in (edits or {}):
            code = SOLUTION_MARKERS.sub("", "".join(c["source"]))
            for old, new in edits[gid]:
                assert code.count(old) == 1, (gid, old)
                code = code.replace(old, new)
            c["source"] = code
    return nb


def full_points(nb: dict) -> dict:
    """``{grade_id: points}`` of the autograded test cells."""
    return {nbg(c)["grade_id"]: float(nbg(c)["points"]) for c in nb["cells"]
            if nbg(c).get("grade") and not nbg(c).get("solution")}


def strict_cells(nb: dict, array_args: dict, accept: str, message: str) -> dict:
    """The reference solution wrapped so that every function rejects array-likes its docstring allows.

    ``array_args`` maps a function (= its grade id) to the number of its leading positional array-like arguments,
    or to a tuple of their positions; ``accept`` is a Python expression in ``a`` (one argument) that the wrapper
    requires, e.g. ``"isinstance(a, np.ndarray)"``; otherwise it raises ``TypeError(message)``."""
    cells = {}
    for c in nb["cells"]:
        gid = nbg(c).get("grade_id")
        if not nbg(c).get("solution") or gid not in array_args:
            continue
        which = array_args[gid]
        which = tuple(range(which)) if isinstance(which, int) else tuple(which)
        code = SOLUTION_MARKERS.sub("", "".join(c["source"]))
        cells[gid] = (code + f"\n\n_lenient_{gid} = {gid}\n\n\ndef {gid}(*args, **kwargs):\n"
                      f"    for i in {which!r}:\n"
                      f"        a = args[i]\n"
                      f"        if not ({accept}):\n"
                      f"            raise TypeError({message!r})\n"
                      f"    return _lenient_{gid}(*args, **kwargs)\n")
    return cells


def hidden_only(nb: dict, checks_module: str) -> dict:
    """Test cells without their visible check: only the hidden tests judge (``checks_module`` is imported as
    ``checks``, which the hidden tests use for their judging helpers)."""
    nb = json.loads(json.dumps(nb))
    for c in nb["cells"]:
        if nbg(c).get("grade") and not nbg(c).get("solution"):
            hidden = "".join(c["source"]).split("### BEGIN HIDDEN TESTS", 1)[1]
            c["source"] = f"from {checks_module} import checks\n### BEGIN HIDDEN TESTS" + hidden
    return nb


def lost_on_seeds(source_nb: dict, submission_nb: dict, seeds, monkeypatch) -> dict:
    """``{grade_id: [seeds]}`` where the submission scored less than full points, graded in-process with each
    hidden-test seed (``FSGEOM_HIDDEN_SEED``); empty for correct work."""
    full = full_points(source_nb)
    lost: dict = {}
    for seed in seeds:
        monkeypatch.setenv("FSGEOM_HIDDEN_SEED", str(seed))
        scores = grade_in_process(source_nb, submission_nb)
        assert set(scores) == set(full)
        for gid, score in scores.items():
            if score != full[gid]:
                lost.setdefault(gid, []).append(seed)
    return lost


def assert_loses_exactly(source_nb: dict, sub, seeds, monkeypatch) -> None:
    """A doctored submission (:class:`tests.grading_round.Submission`) scores 0 on exactly ``sub.lost`` and full
    points everywhere else, on every seed."""
    full = full_points(source_nb)
    nb = with_cells(source_nb, sub.cells, sub.edits)
    for seed in seeds:
        monkeypatch.setenv("FSGEOM_HIDDEN_SEED", str(seed))
        scores = grade_in_process(source_nb, nb)
        assert {g for g, v in scores.items() if v == 0} == set(sub.lost), (seed, scores)
        assert all(scores[g] == full[g] for g in full if g not in sub.lost), (seed, scores)

def assert_hidden_tests_pass_array_likes(nb: dict, checks_module: str, strict: dict) -> None:
    """The hidden tests alone (no visible check) give the reference every point, and the ``strict`` cells (see
    :func:`strict_cells`) none: so every hidden test passes at least one array-like the docstring allows."""
    hidden = hidden_only(nb, checks_module)
    full = full_points(nb)
    assert grade_in_process(hidden, hidden) == full
    scores = grade_in_process(hidden, with_cells(hidden, strict))
    assert {gid for gid, score in scores.items() if score == 0} == set(full), scores


def assert_visible_checks_pass_array_likes(tasks, strict: dict, message: str) -> None:
    """Every visible check of ``tasks`` fails the ``strict`` cells with their ``message``: the visible checks pass
    array-likes too."""
    ns: dict = {"np": np}
    for code in strict.values():
        exec(code, ns)
    for task in tasks:
        with pytest.raises(CheckFailed) as info:
            task.run(ns)
        assert message in str(info.value.__cause__ or info.value), task.name

# --------------------------------------------------------------------------------------------- test_checks
def reference_namespace(module_id: str, lang: str = "uk") -> dict:
    """Execute the reference solution cells of the source notebook (markers stripped) into a namespace (the
    hand-graded written answer is a markdown cell and is skipped)."""
    ns: dict = {"np": np}
    for cell in source(module_id, lang)["cells"]:
        if nbg(cell).get("solution") and cell["cell_type"] == "code":
            exec(SOLUTION_MARKERS.sub("", "".join(cell["source"])), ns)
    return ns


def fails_with(check, *fns, contains: str):
    """Run a visible check that must fail, and return its message, which must contain ``contains``."""
    with pytest.raises(CheckFailed) as info:
        check(*fns)
    assert contains in str(info.value), f"expected {contains!r} in:\n{info.value}"
    return info.value
