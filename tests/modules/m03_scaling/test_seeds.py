"""Correct work keeps every point whatever the hidden tests draw: one submission graded in-process
(tests.grading_round.grade_in_process: the source notebook's cells, hidden tests included, with the submission's
solution cells) over many fixed hidden-test seeds (``FSGEOM_HIDDEN_SEED``, read by ``fsgeom.grading.hidden_rng``).

Variants: the reference solution; a correct submission computing in float32 and returning float32 arrays and
numbers (judged with float32's tolerance); the honest variants of submissions.py (np.ptp, np.quantile, eigvalsh of
the covariance, E[x²] − E[x]², ...); an independently written plain-Python one. The typical mistakes of
submissions.py lose exactly their task on every seed. And the hidden tests do pass lists: a submission that accepts
only ndarrays loses every task on the hidden tests alone."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom.modules.m03_scaling import checks as C
from tests.modules.m03_scaling.submissions import FLOAT32_VARIANT, HONEST_VARIANTS, PLAIN_PYTHON, SUBMISSIONS
from tests.assignment_kit import (assert_hidden_tests_pass_array_likes, assert_loses_exactly,
                                  assert_visible_checks_pass_array_likes, graded_part, lost_on_seeds,
                                  source, strict_cells, with_cells)

SEEDS = range(40)
SOURCE = graded_part(source("03-scaling"))
VARIANTS = {"reference": SOURCE, "float32": with_cells(SOURCE, FLOAT32_VARIANT),
            "honest": with_cells(SOURCE, HONEST_VARIANTS), "plain-python": with_cells(SOURCE, PLAIN_PYTHON)}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_correct_work_keeps_every_point_on_every_seed(variant, monkeypatch):
    lost = lost_on_seeds(SOURCE, VARIANTS[variant], SEEDS, monkeypatch)
    assert not lost, f"{variant}: tasks lost on hidden-test seeds {lost}"


MISTAKES = {name: sub for name, sub in SUBMISSIONS.items() if sub.lost}


@pytest.mark.parametrize("name", list(MISTAKES))
def test_each_mistake_loses_exactly_its_task_on_every_seed(name, monkeypatch):
    assert_loses_exactly(SOURCE, MISTAKES[name], range(0, 40, 8), monkeypatch)


def test_the_float32_variant_really_returns_float32():
    ns: dict = {}
    for code in FLOAT32_VARIANT.values():
        exec(code, ns)
    X = np.array([[1.0, 2.0], [3.0, 5.0], [4.0, 4.0]])
    assert all(a.dtype == np.float32 for a in ns["minmax_fit"](X))
    assert ns["minmax_inverse"](X, np.ones(2), np.zeros(2)).dtype == np.float32
    assert all(a.dtype == np.float32 for a in ns["scale_train_test"](X, X))
    assert all(a.dtype == np.float32 for a in ns["robust_fit"](X))
    assert type(ns["gram_condition"](X)) is np.float32
    assert ns["gradient_descent"](X, np.array([1.0, 2.0, 4.0]), 0.1, 3).dtype == np.float32
    w, b = ns["unscale_coefficients"](np.ones(2), 1.0, np.ones(2), np.ones(2))
    assert w.dtype == np.float32 and type(b) is np.float32
    assert all(type(v) is np.float32 for v in ns["bias_variance"](X.T, X[:, 0], X.T))


# ------------------------------------------------------------------------------------- array-like inputs
_ARRAY_ARGS = {   # which positional arguments each function documents as array-likes
    "minmax_fit": 1, "minmax_transform": 3, "minmax_inverse": 3, "scale_train_test": 2, "robust_fit": 1,
    "robust_transform": 3, "gram_condition": 1, "gradient_descent": 2, "unscale_coefficients": (0, 2, 3),
    "bias_variance": 3,
}


def _strict_cells(nb: dict) -> dict:
    """The reference solution wrapped so that every function rejects anything but ndarrays."""
    return strict_cells(nb, _ARRAY_ARGS, "isinstance(a, np.ndarray)", "arrays only")


def test_hidden_tests_pass_lists(monkeypatch):
    monkeypatch.setenv("FSGEOM_HIDDEN_SEED", "0")
    assert_hidden_tests_pass_array_likes(SOURCE, "fsgeom.modules.m03_scaling", _strict_cells(SOURCE))


def test_visible_checks_pass_lists_too():
    assert_visible_checks_pass_array_likes(C.TASKS, _strict_cells(SOURCE), "arrays only")
