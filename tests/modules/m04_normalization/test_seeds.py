"""Correct work keeps every point whatever the hidden tests draw: one submission graded in-process
(tests.grading_round.grade_in_process: the source notebook's cells, hidden tests included, with the submission's
solution cells) over many fixed hidden-test seeds (``FSGEOM_HIDDEN_SEED``, read by ``fsgeom.grading.hidden_rng``).

Variants: the reference solution; a correct submission computing in float32 and returning float32 arrays and
numbers (judged with float32's tolerance); the honest variants of submissions.py (np.linalg.norm(keepdims=True),
cosine over the outer product of norms, coordinate descent on the Gram matrix, ridge through an augmented system,
...); an independently written plain-Python one. The typical mistakes of submissions.py lose exactly their task on
every seed, also when only the hidden tests judge (a student who fits the visible checks gains nothing). And the
hidden tests do pass lists: a submission that accepts only ndarrays loses every task on the hidden tests alone."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom.modules.m04_normalization import checks as C
from tests.modules.m04_normalization.submissions import FLOAT32_VARIANT, HONEST_VARIANTS, PLAIN_PYTHON, SUBMISSIONS
from tests.assignment_kit import (assert_hidden_tests_pass_array_likes, assert_loses_exactly,
                                  assert_visible_checks_pass_array_likes, graded_part, hidden_only, lost_on_seeds,
                                  source, strict_cells, with_cells)

SEEDS = range(40)
SOURCE = graded_part(source("04-normalization"))
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


@pytest.mark.parametrize("name", list(MISTAKES))
def test_the_hidden_tests_alone_catch_each_mistake(name, monkeypatch):
    hidden = hidden_only(SOURCE, "fsgeom.modules.m04_normalization")
    assert_loses_exactly(hidden, MISTAKES[name], range(3, 40, 9), monkeypatch)


def test_the_float32_variant_really_returns_float32():
    ns: dict = {}
    for code in FLOAT32_VARIANT.values():
        exec(code, ns)
    X = np.array([[1.0, 2.0], [3.0, 5.0], [4.0, 4.0]])
    y = np.array([1.0, 2.0, 4.0])
    assert ns["normalize_rows"](X).dtype == np.float32
    assert ns["cosine_similarity_matrix"](X).dtype == np.float32
    assert ns["tfidf"](X).dtype == np.float32
    assert ns["soft_threshold"](X, 1.0).dtype == np.float32
    assert type(ns["lasso_objective"](X, y, np.ones(2), 0.1)) is np.float32
    assert ns["lasso_cd"](X, y, 0.1).dtype == np.float32
    w, b = ns["ridge_fit"](X, y, 1.0)
    assert w.dtype == np.float32 and type(b) is np.float32


# ------------------------------------------------------------------------------------- array-like inputs
_ARRAY_ARGS = {   # which positional arguments each function documents as array-likes
    "normalize_rows": 1, "cosine_similarity_matrix": 1, "tfidf": 1, "soft_threshold": 1, "lasso_objective": 3,
    "lasso_cd": 2, "ridge_fit": 2,
}


def _strict_cells(nb: dict) -> dict:
    """The reference solution wrapped so that every function rejects anything but ndarrays."""
    return strict_cells(nb, _ARRAY_ARGS, "isinstance(a, np.ndarray)", "arrays only")


def test_hidden_tests_pass_lists(monkeypatch):
    monkeypatch.setenv("FSGEOM_HIDDEN_SEED", "0")
    assert_hidden_tests_pass_array_likes(SOURCE, "fsgeom.modules.m04_normalization", _strict_cells(SOURCE))


def test_visible_checks_pass_lists_too():
    assert_visible_checks_pass_array_likes(C.TASKS, _strict_cells(SOURCE), "arrays only")
