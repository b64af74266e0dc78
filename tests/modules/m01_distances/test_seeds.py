"""Correct work keeps every point whatever the hidden tests draw: one submission graded in-process
(tests.grading_round.grade_in_process: the source notebook's cells, hidden tests included, with the submission's
solution cells) over many fixed hidden-test seeds (``FSGEOM_HIDDEN_SEED``, read by ``fsgeom.grading.hidden_rng``).

Variants: the reference solution; a correct submission computing in float32 and returning float32 arrays and
scalars (judged with float32's tolerance, not float64's); the honest variants of submissions.py (loops, einsum,
Cholesky, an inverse Cholesky factor as the whitening, ...). And the hidden tests do pass lists and integer arrays:
a submission that accepts only float ndarrays loses every task on the hidden tests alone."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom.grading import hidden_rng
from fsgeom.modules.m01_distances import checks as C
from tests.modules.m01_distances.submissions import FLOAT32_VARIANT, HONEST_VARIANTS
from tests.assignment_kit import (assert_hidden_tests_pass_array_likes, assert_visible_checks_pass_array_likes,
                                  graded_part, lost_on_seeds, source, strict_cells, with_cells)

SEEDS = range(40)
SOURCE = graded_part(source("01-distances"))
VARIANTS = {"reference": SOURCE, "float32": with_cells(SOURCE, FLOAT32_VARIANT),
            "honest": with_cells(SOURCE, HONEST_VARIANTS)}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_correct_work_keeps_every_point_on_every_seed(variant, monkeypatch):
    lost = lost_on_seeds(SOURCE, VARIANTS[variant], SEEDS, monkeypatch)
    assert not lost, f"{variant}: tasks lost on hidden-test seeds {lost}"


def test_the_float32_variant_really_returns_float32():
    ns: dict = {}
    for gid in ("pairwise_euclidean", "zscore_fit", "pairwise_mahalanobis", "iso_ellipse_axes", "whitening_matrix"):
        exec(FLOAT32_VARIANT[gid], ns)
    X = np.arange(6.0).reshape(3, 2)
    assert ns["pairwise_euclidean"](X, X).dtype == np.float32
    assert ns["zscore_fit"](X)[1].dtype == np.float32
    assert ns["pairwise_mahalanobis"](X, X, np.eye(2)).dtype == np.float32
    assert all(isinstance(v, np.float32) for v in ns["iso_ellipse_axes"]([[2.0, 0.5], [0.5, 1.0]], 1.0))
    assert ns["whitening_matrix"]([[2.0, 0.5], [0.5, 1.0]]).dtype == np.float32


# ------------------------------------------------------------------------------------- array-like inputs
_ARRAY_ARGS = {   # the arguments each function documents as array-likes (numbers of leading positional ones)
    "pairwise_euclidean": 2, "pairwise_manhattan": 2, "pairwise_cosine_distance": 2, "knn_predict": (0, 2),
    "zscore_fit": 1, "zscore_transform": 3, "scale_train_test": 2, "pairwise_mahalanobis": 3,
    "iso_ellipse_axes": 1, "whitening_matrix": 1,
}


def _strict_cells(nb: dict) -> dict:
    """The reference solution wrapped so that every function rejects anything but float ndarrays."""
    return strict_cells(nb, _ARRAY_ARGS, "isinstance(a, np.ndarray) and a.dtype.kind == 'f'", "float arrays only")


@pytest.mark.parametrize("seed", [0, 1])
def test_hidden_tests_pass_lists_and_integer_arrays(seed, monkeypatch):
    monkeypatch.setenv("FSGEOM_HIDDEN_SEED", str(seed))
    assert_hidden_tests_pass_array_likes(SOURCE, "fsgeom.modules.m01_distances", _strict_cells(SOURCE))


def test_visible_checks_pass_lists_and_integer_arrays_too():
    assert_visible_checks_pass_array_likes(C.TASKS, _strict_cells(SOURCE), "float arrays only")


# ------------------------------------------------------------------------------------- the seed helper
def test_hidden_rng_is_fresh_unless_seeded(monkeypatch):
    monkeypatch.delenv("FSGEOM_HIDDEN_SEED", raising=False)
    assert hidden_rng("t").integers(1 << 62) != hidden_rng("t").integers(1 << 62)
    monkeypatch.setenv("FSGEOM_HIDDEN_SEED", "7")
    a, b, other = hidden_rng("t").integers(1 << 62), hidden_rng("t").integers(1 << 62), hidden_rng("u").integers(1 << 62)
    assert a == b != other
    monkeypatch.setenv("FSGEOM_HIDDEN_SEED", "8")
    assert hidden_rng("t").integers(1 << 62) != a
