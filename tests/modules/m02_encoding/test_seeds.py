"""Correct work keeps every point whatever the hidden tests draw: one submission graded in-process
(tests.grading_round.grade_in_process: the source notebook's cells, hidden tests included, with the submission's
solution cells) over many fixed hidden-test seeds (``FSGEOM_HIDDEN_SEED``, read by ``fsgeom.grading.hidden_rng``).

Variants: the reference solution; a correct submission computing in float32 and returning float32 arrays (judged
with float32's tolerance); the honest variants of submissions.py (sets, dicts, loops, eigh of M Mᵀ, ...). The typical
mistakes of submissions.py lose exactly their task on every seed. And the hidden tests do pass lists: a submission
that accepts only ndarrays loses every task on the hidden tests alone."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom.modules.m02_encoding import checks as C
from tests.modules.m02_encoding.submissions import FLOAT32_VARIANT, HONEST_VARIANTS, PLAIN_PYTHON, SUBMISSIONS
from tests.assignment_kit import (assert_hidden_tests_pass_array_likes, assert_loses_exactly,
                                  assert_visible_checks_pass_array_likes, graded_part, lost_on_seeds,
                                  source, strict_cells, with_cells)

SEEDS = range(40)
SOURCE = graded_part(source("02-encoding"))
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
    return strict_cells(nb, _ARRAY_ARGS, "isinstance(a, np.ndarray)", "arrays only")


def test_hidden_tests_pass_lists(monkeypatch):
    monkeypatch.setenv("FSGEOM_HIDDEN_SEED", "0")
    assert_hidden_tests_pass_array_likes(SOURCE, "fsgeom.modules.m02_encoding", _strict_cells(SOURCE))


def test_visible_checks_pass_lists_too():
    assert_visible_checks_pass_array_likes(C.TASKS, _strict_cells(SOURCE), "arrays only")