"""Correct work keeps every point whatever the hidden tests draw: one submission graded in-process
(tests.grading_round.grade_in_process) over many fixed hidden-test seeds (``FSGEOM_HIDDEN_SEED``).

Variants: the reference solution; a correct submission computing in float32 where the specification allows it; the
honest variants of submissions.py (np.linalg.norm, einsum, an explicit Jacobian per row, a dict cache, deepcopy). The typical
mistakes of submissions.py lose exactly their task on every seed, also when only the hidden tests judge. And the
hidden tests do pass lists: a submission that accepts only ndarrays loses every task on the hidden tests alone."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom.modules.m07_two_tower import checks as C
from tests.assignment_kit import (assert_hidden_tests_pass_array_likes, assert_loses_exactly,
                                  assert_visible_checks_pass_array_likes, graded_part, hidden_only, lost_on_seeds,
                                  source, strict_cells, with_cells)
from tests.modules.m07_two_tower.submissions import FLOAT32_VARIANT, HONEST_VARIANTS, SUBMISSIONS

SEEDS = range(40)
SOURCE = graded_part(source("07-two-tower"))
VARIANTS = {"reference": SOURCE, "float32": with_cells(SOURCE, FLOAT32_VARIANT),
            "honest": with_cells(SOURCE, HONEST_VARIANTS)}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_correct_work_keeps_every_point_on_every_seed(variant, monkeypatch):
    lost = lost_on_seeds(SOURCE, VARIANTS[variant], SEEDS, monkeypatch)
    assert not lost, f"{variant}: tasks lost on hidden-test seeds {lost}"


MISTAKES = {name: sub for name, sub in SUBMISSIONS.items() if sub.lost}


@pytest.mark.parametrize("name", list(MISTAKES))
def test_each_mistake_loses_exactly_its_task_on_every_seed(name, monkeypatch):
    assert_loses_exactly(SOURCE, MISTAKES[name], range(0, 40, 8), monkeypatch)


@pytest.mark.parametrize("name", list(MISTAKES))
def test_the_hidden_tests_alone_catch_each_mistake(name, monkeypatch):
    hidden = hidden_only(SOURCE, "fsgeom.modules.m07_two_tower")
    assert_loses_exactly(hidden, MISTAKES[name], range(3, 40, 9), monkeypatch)


def test_the_float32_variant_really_returns_float32():
    ns: dict = {"np": np}
    for code in FLOAT32_VARIANT.values():
        exec(code, ns)
    x = np.array([[1.0, 2.0, 4.0], [0.5, -1.0, 3.0]])
    assert ns["l2_normalize_rows"](x).dtype == np.float32
    assert ns["predict"](x, x, True).dtype == np.float32
    assert ns["minmax_inverse"](x, (0.5, 5.0)).dtype == np.float32


# ------------------------------------------------------------------------------------- array-like inputs
_ARRAY_ARGS = {   # which positional arguments each function documents as array-likes
    "minmax_scale": (0, 1), "minmax_inverse": (0,), "l2_normalize_rows": (0,), "l2_normalize_backward": (0, 1),
    "tower_forward": (1,), "predict": (0, 1), "sgd_step": (2, 3, 4), "to_stars": (0,),
}


def _strict_cells(nb: dict) -> dict:
    """The reference solution wrapped so that every function rejects anything but ndarrays."""
    return strict_cells(nb, _ARRAY_ARGS, "isinstance(a, np.ndarray)", "arrays only")


def test_hidden_tests_pass_lists(monkeypatch):
    monkeypatch.setenv("FSGEOM_HIDDEN_SEED", "0")
    assert_hidden_tests_pass_array_likes(SOURCE, "fsgeom.modules.m07_two_tower", _strict_cells(SOURCE))


def test_visible_checks_pass_lists_too():
    assert_visible_checks_pass_array_likes(C.TASKS, _strict_cells(SOURCE), "arrays only")
