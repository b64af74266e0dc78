"""The tolerance rule of module 02's checks (fsgeom.grading.tolerance, used by the visible checks and the hidden tests
alike): it follows the precision of the student's result and the conditioning of the quantity -- correct float32
work passes over the hidden tests' whole distribution, a float64 result off by 1e-5 does not; neighbours that tie
within rounding may come in either order, a real swap does not."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom import grading as G
from fsgeom.modules.m02_encoding import checks as C


def _decaying(rng, n, m):
    """A matrix drawn as the hidden tests draw it: singular values decaying by 1.25-2 per step."""
    r = min(n, m)
    s = 10.0 ** rng.uniform(-1, 3) * np.cumprod(np.r_[1.0, rng.uniform(1.25, 2.0, size=r - 1) ** -1])
    P, Q = np.linalg.qr(rng.normal(size=(n, r)))[0], np.linalg.qr(rng.normal(size=(m, r)))[0]
    return (P * s) @ Q.T, s


def test_gram_conditioning_follows_the_gap_at_d():
    assert C._gram_cond([4.0, 2.0, 1.0], 1) == pytest.approx(16 / 12)
    assert C._gram_cond([4.0, 2.0, 1.0], 3) == 1.0
    assert C._gram_cond([2.0, 2.0], 1) == np.inf                       # a tie at d: any subspace is right


def test_float32_and_eigh_embeddings_pass_over_the_hidden_distribution():
    rng = np.random.default_rng(0)
    for _ in range(300):
        n, m = int(rng.integers(2, 30)), int(rng.integers(2, 30))
        M, s = _decaying(rng, n, m)
        d = int(rng.integers(1, min(n, m) + 1))
        U, sv, _ = np.linalg.svd(M.astype(np.float32), full_matrices=False)
        C.judge_embeddings(U[:, :d] * sv[:d], M, d)                   # float32
        w, V = np.linalg.eigh(M @ M.T)                                 # eigh of M Mᵀ: squares the conditioning
        top = np.argsort(w)[::-1][:d]
        C.judge_embeddings(V[:, top] * np.sqrt(np.maximum(w[top], 0)), M, d)


def test_wrong_embeddings_still_fail():
    rng = np.random.default_rng(1)
    M, s = _decaying(rng, 8, 6)
    U, sv, _ = np.linalg.svd(M, full_matrices=False)
    with pytest.raises(G.CheckFailed):
        C.judge_embeddings(U[:, :3] * sv[:3] * (1 + 1e-5), M, 3)       # float64, 1e-5 off
    with pytest.raises(G.CheckFailed):
        C.judge_embeddings((U[:, :3] * sv[:3]).astype(np.float32) * np.float32(1 + 1e-3), M, 3)


def test_neighbours_that_tie_within_rounding_may_come_in_either_order():
    E = np.array([[1.0, 0.0], [1.0, 1e-9], [0.0, 1.0], [-1.0, 0.0]])
    q = np.array([1.0, 0.0])
    cos = C._cosines(E, q)
    C.judge_neighbours((np.array([1, 0]), cos[[1, 0]]), E, q, 2)       # 1 - 5e-19 vs 1: a tie
    C.judge_neighbours((np.array([0, 1]), cos[[0, 1]]), E, q, 2)
    E2 = np.array([[1.0, 0.0], [1.0, 0.1], [0.0, 1.0]])
    cos2 = C._cosines(E2, q)
    with pytest.raises(G.CheckFailed):                                  # 1 vs 0.995: a real swap
        C.judge_neighbours((np.array([1, 0]), cos2[[1, 0]]), E2, q, 2)


def test_float32_neighbours_pass_over_the_hidden_distribution():
    rng = np.random.default_rng(2)
    for _ in range(300):
        m, d = int(rng.integers(3, 60)), int(rng.integers(2, 40))
        E = rng.normal(size=(m, d)) * 10.0 ** rng.uniform(-3, 3, size=(m, 1))
        q = rng.normal(size=d) * 10.0 ** rng.uniform(-3, 3)
        k = int(rng.integers(1, m + 1))
        E32, q32 = E.astype(np.float32), q.astype(np.float32)
        cos = (E32 @ q32) / (np.linalg.norm(E32, axis=1) * np.linalg.norm(q32))
        top = np.argsort(-cos, kind="stable")[:k]
        C.judge_neighbours((top, cos[top]), E, q, k)


def test_float32_target_encoding_and_ppmi_pass():
    rng = np.random.default_rng(3)
    for _ in range(100):
        n = int(rng.integers(10, 120))
        x = rng.integers(0, 10, size=n)
        y = rng.normal(size=n) * 10.0 ** rng.uniform(-2, 3) + rng.normal() * 5
        folds = np.array_split(rng.permutation(n), int(rng.integers(2, 6)))
        s = float(rng.uniform(0.25, 20))
        C.judge_target(C.target_reference(x, y.astype(np.float32), folds, s).astype(np.float32), x, y, folds, s)
        counts = rng.poisson(2.0, size=(8, 9)) * 10.0 ** rng.uniform(-3, 6)
        counts[0] = 0
        C.judge_ppmi(C._ppmi_reference(counts.astype(np.float32)).astype(np.float32), counts)


def test_messages_show_enough_digits():
    cos = np.array([0.7234567, 0.7234561])
    with pytest.raises(G.CheckFailed) as info:
        C.judge_neighbours((np.array([1, 0]), cos[::-1].copy() + np.array([0.0, -1e-3])),
                           np.array([[0.7234567, np.sqrt(1 - 0.7234567 ** 2)], [0.7234561, np.sqrt(1 - 0.7234561 ** 2)]]),
                           np.array([1.0, 0.0]), 2)
    assert "0.72345" in str(info.value)
