"""The tolerance rule of module 03's checks (fsgeom.grading.tolerance, used by the visible checks and the hidden tests
alike): it follows the precision of the student's result and the conditioning of the quantity -- κ for the
condition number, κ + steps for a gradient-descent history, the offset of the data for anything centred, max − min
cancelling for min-max -- so correct float32 work passes over the hidden tests' whole distribution, and a float64
result off by 1e-5 does not."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom import grading as G
from fsgeom.modules.m03_scaling import checks as C


def _gram_data(rng):
    """Drawn as the hidden tests draw it: correlated features of different scales and offsets, κ < 1e5."""
    while True:
        n, d = int(rng.integers(6, 60)), int(rng.integers(1, 5))
        spread = 10.0 ** rng.uniform(-1.5, 1.5, size=d)
        X = (rng.normal(size=(n, d)) @ (np.eye(d) + 0.7 * rng.normal(size=(d, d)))) * spread \
            + rng.normal(size=d) * spread * 10.0 ** rng.uniform(0, 2, size=d)
        ev = np.linalg.eigvalsh(np.atleast_2d(np.cov(X, rowvar=False)))
        if ev[0] > 0 and ev[-1] / ev[0] < 1e5:
            return X, ev[-1] / ev[0]


def test_float32_condition_numbers_pass_over_the_hidden_distribution():
    rng = np.random.default_rng(0)
    for _ in range(300):
        X, kappa = _gram_data(rng)
        X32 = X.astype(np.float32)
        Xc = X32 - X32.mean(axis=0)
        ev = np.linalg.eigvalsh(Xc.T @ Xc)                            # float32 Gram: squares the conditioning
        C.judge_gram(np.float32(ev[-1] / ev[0]), X, kappa)
        s = np.linalg.svd(Xc, compute_uv=False)
        C.judge_gram((s[0] / s[-1]) ** 2, X, kappa)                   # a float32 result (numpy float32 scalar)


def test_wrong_condition_numbers_still_fail():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(30, 3)) * [1.0, 3.0, 0.3]
    kappa = C.gram_reference(X)
    with pytest.raises(G.CheckFailed):
        C.judge_gram(kappa * (1 + 1e-5), X)                           # float64, 1e-5 off
    with pytest.raises(G.CheckFailed):
        C.judge_gram(np.float32(kappa * 1.05), X)                      # float32, 5 % off


def test_float32_gradient_descent_passes_over_the_hidden_distribution():
    rng = np.random.default_rng(2)
    for _ in range(150):
        while True:
            n, d = int(rng.integers(5, 50)), int(rng.integers(1, 4))
            X = rng.normal(size=(n, d)) * 10.0 ** rng.uniform(-1, 1, size=d) + rng.normal(size=d) * 5
            Xc = X - X.mean(axis=0)
            lam = np.linalg.eigvalsh(Xc.T @ Xc / n)
            if lam[0] > 0 and lam[-1] / lam[0] < 1e4:
                break
        y = X @ rng.normal(size=d) + rng.normal(size=n) + rng.normal() * 10
        lr = float(rng.uniform(0.1, 1.9)) / lam[-1]
        steps = int(rng.integers(0, 60))
        X32, y32 = X.astype(np.float32), y.astype(np.float32)
        Xc32, yc32 = X32 - X32.mean(axis=0), y32 - y32.mean()
        W = np.zeros((steps + 1, d), dtype=np.float32)
        for t in range(steps):
            W[t + 1] = W[t] - np.float32(lr) * (Xc32.T @ (Xc32 @ W[t] - yc32)) / np.float32(n)
        C.judge_gd(W, X, y, lr, steps)


def test_wrong_gradient_descent_still_fails():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(20, 2)) * [1.0, 2.0]
    y = X @ [1.0, -1.0] + rng.normal(size=20)
    W = C.gd_reference(X, y, 0.1, 20)
    with pytest.raises(G.CheckFailed):
        C.judge_gd(W * (1 + 1e-5), X, y, 0.1, 20)
    with pytest.raises(G.CheckFailed):
        C.judge_gd((W * 1.01).astype(np.float32), X, y, 0.1, 20)


def test_float32_scalers_pass_far_from_zero():
    rng = np.random.default_rng(4)
    for _ in range(200):
        n, d = int(rng.integers(2, 40)), int(rng.integers(1, 6))
        spread = 10.0 ** rng.uniform(-2, 3, size=d)
        X = rng.normal(size=(n, d)) * spread + rng.normal(size=d) * spread * 10.0 ** rng.uniform(0, 1.5, size=d)
        a = float(rng.uniform(-5, 5))
        fr = (a, a + float(rng.uniform(0.5, 10)))
        X32 = X.astype(np.float32)
        lo, hi = X32.min(axis=0), X32.max(axis=0)
        s = np.float32(fr[1] - fr[0]) / np.where(hi > lo, hi - lo, np.float32(1))
        C.judge_minmax_fit((s, np.float32(fr[0]) - lo * s), X, fr)
        es, em = C.minmax_reference(X, fr)
        C.judge_minmax_transform(X32 * es.astype(np.float32) + em.astype(np.float32), X, es, em)
        q1, med, q3 = np.percentile(X32, [25, 50, 75], axis=0).astype(np.float32)
        C.judge_robust_fit((med, np.where(q3 > q1, q3 - q1, np.float32(1))), X)


def test_wrong_scalers_still_fail():
    X = np.array([[1.0, 10.0], [2.0, 30.0], [4.0, 20.0]])
    s, m = C.minmax_reference(X, (0.0, 1.0))
    with pytest.raises(G.CheckFailed):
        C.judge_minmax_fit((s * (1 + 1e-5), m), X)
    with pytest.raises(G.CheckFailed):
        C.judge_robust_fit((np.median(X, axis=0) + 1e-4, np.ones(2)), X)


def test_float32_bias_variance_with_cancellation_passes():
    rng = np.random.default_rng(5)
    for _ in range(100):
        R, n = int(rng.integers(2, 40)), int(rng.integers(2, 30))
        f = rng.normal(size=n) * rng.uniform(0.5, 20) + rng.normal() * 100
        P = (f + rng.normal(size=(R, n)) * rng.uniform(0.01, 3)).astype(np.float32)
        Y = (f + rng.normal(size=(R, n))).astype(np.float32)
        m = P.mean(axis=0)
        var = ((P ** 2).mean(axis=0) - m ** 2).mean()                  # E[x²] − E[x]²: cancels
        C.judge_bias_variance((np.mean((m - f.astype(np.float32)) ** 2), var, np.mean((P - Y) ** 2)), P, f, Y)


def test_messages_show_enough_digits():
    X = np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 1.0], [2.0, 1.0]])
    with pytest.raises(G.CheckFailed) as info:
        C.judge_gram(4.0001234, X, 4.0)
    assert "4.0001" in str(info.value)
