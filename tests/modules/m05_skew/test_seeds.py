"""Correct work keeps every point whatever the hidden tests draw: one submission graded in-process
(tests.grading_round.grade_in_process: the source notebook's cells, hidden tests included, with the submission's
solution cells) over many fixed hidden-test seeds (``FSGEOM_HIDDEN_SEED``, read by ``fsgeom.grading.hidden_rng``).

Variants: the reference solution; a correct submission computing in float32 where the specification allows it; the
honest variants of submissions.py (loops, np.power with a series near λ = 0, a one-pass variance, a fixed number of
golden-section steps, ...). The typical mistakes of submissions.py lose exactly their task on every seed, also when
only the hidden tests judge. And the hidden tests do pass lists: a submission that accepts only ndarrays loses
every task on the hidden tests alone."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom.modules.m05_skew import checks as C
from tests.assignment_kit import (assert_hidden_tests_pass_array_likes, assert_loses_exactly,
                                  assert_visible_checks_pass_array_likes, graded_part, hidden_only, lost_on_seeds,
                                  source, strict_cells, with_cells)
from tests.modules.m05_skew.submissions import FLOAT32_VARIANT, HONEST_VARIANTS, SUBMISSIONS

SEEDS = range(40)
SOURCE = graded_part(source("05-skew"))
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
    hidden = hidden_only(SOURCE, "fsgeom.modules.m05_skew")
    assert_loses_exactly(hidden, MISTAKES[name], range(3, 40, 9), monkeypatch)


def test_the_float32_variant_really_returns_float32():
    ns: dict = {"np": np}
    for code in FLOAT32_VARIANT.values():
        exec(code, ns)
    x = np.array([-1.0, 0.5, 2.0, 7.0])
    assert ns["log_shift"](x, 2.0).dtype == np.float32
    assert ns["yeojohnson"](x, 0.5).dtype == np.float32
    assert type(ns["skewness"](x)) is np.float32


# ------------------------------------------------------------------------------------- array-like inputs
_ARRAY_ARGS = {   # which positional arguments each function documents as array-likes
    "log_shift": (0,), "boxcox": (0,), "boxcox_llf": (1,), "boxcox_mle": (0,), "fit_transform_boxcox": (0, 1),
    "yeojohnson": (0,), "yeojohnson_inverse": (0,), "skewness": (0,),
}


def _strict_cells(nb: dict) -> dict:
    """The reference solution wrapped so that every function rejects anything but ndarrays."""
    return strict_cells(nb, _ARRAY_ARGS, "isinstance(a, np.ndarray)", "arrays only")


def test_hidden_tests_pass_lists(monkeypatch):
    monkeypatch.setenv("FSGEOM_HIDDEN_SEED", "0")
    assert_hidden_tests_pass_array_likes(SOURCE, "fsgeom.modules.m05_skew", _strict_cells(SOURCE))


def test_visible_checks_pass_lists_too():
    assert_visible_checks_pass_array_likes(C.TASKS, _strict_cells(SOURCE), "arrays only")
