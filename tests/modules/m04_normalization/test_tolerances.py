"""The tolerance rule of module 04's checks (fsgeom.grading.tolerance, used by the visible checks and the hidden
tests alike): it follows the precision of the student's result and the conditioning of the quantity -- 1 for unit
rows and cosines, κ(X_cᵀX_c + αI) times the data's offset for ridge, and for Lasso the accuracy the stopping rule
itself guarantees with the given ``tol`` -- so correct float32 work passes over the hidden tests' whole
distribution, a float64 result off by 1e-5 does not, and a coordinate descent stopped early passes for a loose
``tol`` and fails for a tight one."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom import grading as G
from fsgeom.modules.m04_normalization import checks as C
from fsgeom.modules.m04_normalization import maths as M


def _lasso_data(rng):
    """Drawn as the hidden tests draw it: correlated features, cond(X) < 30, alpha below alpha_max."""
    while True:
        n, d = int(rng.integers(15, 60)), int(rng.integers(2, 9))
        X = rng.normal(size=(n, d)) @ (np.eye(d) + 0.3 * rng.normal(size=(d, d)))
        X *= 10.0 ** rng.uniform(-0.5, 0.5, size=d)
        if np.linalg.cond(X) < 30:
            break
    y = X @ (rng.normal(size=d) * 2 * (rng.random(d) < 0.6)) + rng.normal(size=n) * rng.uniform(0.1, 1.0)
    alpha = float(np.max(np.abs(X.T @ y)) / n * 10.0 ** rng.uniform(-2, -0.3))
    return X, y, alpha


def _cd32(X, y, alpha, tol, max_iter=10_000):
    """Coordinate descent computed in float32 throughout."""
    X, y = X.astype(np.float32), y.astype(np.float32)
    n, d = X.shape
    w = np.zeros(d, dtype=np.float32)
    col = (X * X).sum(axis=0) / np.float32(n)
    r = y.copy()
    for _ in range(max_iter):
        big = 0.0
        for j in range(d):
            rho = X[:, j] @ r / np.float32(n) + col[j] * w[j]
            new = np.float32(np.sign(rho) * max(abs(rho) - np.float32(alpha), 0) / col[j])
            if new != w[j]:
                r -= X[:, j] * (new - w[j])
                big = max(big, abs(float(new - w[j])))
                w[j] = new
        if big <= tol:
            break
    return w


def test_float32_lasso_passes_over_the_hidden_distribution():
    rng = np.random.default_rng(0)
    for _ in range(60):
        X, y, alpha = _lasso_data(rng)
        best = M.lasso_cd(X, y, alpha, tol=1e-14, max_iter=1_000_000)[0]
        C.judge_lasso(_cd32(X, y, alpha, 1e-8), X, y, alpha, 1e-8, best)


def test_the_lasso_tolerance_follows_tol():
    """A coordinate descent stopped by a loose tol passes when judged with that tol and fails with a tight one."""
    rng = np.random.default_rng(1)
    X, y, alpha = _lasso_data(rng)
    X = X @ (np.eye(X.shape[1]) + 0.8)                       # strongly correlated: slow convergence
    best = M.lasso_cd(X, y, alpha, tol=1e-14, max_iter=1_000_000)[0]
    loose = M.lasso_cd(X, y, alpha, tol=1e-3, max_iter=1_000_000)[0]
    C.judge_lasso(loose, X, y, alpha, 1e-3, best)
    with pytest.raises(G.CheckFailed):
        C.judge_lasso(loose, X, y, alpha, 1e-10, best)


def test_wrong_lasso_results_still_fail():
    rng = np.random.default_rng(2)
    X, y, alpha = _lasso_data(rng)
    best = M.lasso_cd(X, y, alpha, tol=1e-14, max_iter=1_000_000)[0]
    with pytest.raises(G.CheckFailed):
        C.judge_lasso(best * (1 + 1e-4), X, y, alpha, 1e-8, best)
    with pytest.raises(G.CheckFailed):
        C.judge_lasso(M.lasso_cd(X, y, alpha * 1.01, tol=1e-14)[0], X, y, alpha, 1e-8, best)


def _ridge_data(rng):
    n, d = int(rng.integers(6, 60)), int(rng.integers(1, 6))
    spread = 10.0 ** rng.uniform(-1, 1, size=d)
    X = rng.normal(size=(n, d)) * spread + rng.normal(size=d) * spread * 3
    y = X @ (rng.normal(size=d) / spread) + rng.normal() * 10 + rng.normal(size=n)
    return X, y, float(10.0 ** rng.uniform(-1, 2.5))


def test_float32_ridge_passes_over_the_hidden_distribution():
    rng = np.random.default_rng(3)
    for _ in range(300):
        X, y, alpha = _ridge_data(rng)
        X32, y32 = X.astype(np.float32), y.astype(np.float32)
        mx, my = X32.mean(axis=0), y32.mean()
        Xc, yc = X32 - mx, y32 - my
        w = np.linalg.solve(Xc.T @ Xc + np.float32(alpha) * np.eye(X.shape[1], dtype=np.float32), Xc.T @ yc)
        C.judge_ridge((w, np.float32(my - mx @ w)), X, y, alpha)


def test_wrong_ridge_results_still_fail():
    rng = np.random.default_rng(4)
    X, y, alpha = _ridge_data(rng)
    w, b = M.ridge_closed_form(X, y, alpha)
    with pytest.raises(G.CheckFailed):
        C.judge_ridge((w * (1 + 1e-5), b), X, y, alpha)
    with pytest.raises(G.CheckFailed):
        C.judge_ridge(((w * 1.01).astype(np.float32), np.float32(b)), X, y, alpha)


def test_float32_rows_and_cosines_pass_and_wrong_ones_fail():
    rng = np.random.default_rng(5)
    for _ in range(100):
        X = rng.normal(size=(int(rng.integers(2, 30)), int(rng.integers(1, 10)))) * 10.0 ** rng.uniform(-3, 3)
        X[0] = 0.0
        X32 = X.astype(np.float32)
        n32 = np.sqrt((X32 * X32).sum(axis=1))
        N = X32 / np.where(n32 > 0, n32, np.float32(1))[:, None]
        C.judge_normalize(N, X, "l2")
        C.judge_cosine(N @ N.T, X)
    with pytest.raises(G.CheckFailed):
        C.judge_normalize(M.normalize_rows(X) * (1 + 1e-5), X, "l2")
    with pytest.raises(G.CheckFailed):
        C.judge_cosine(M.cosine_similarity(X) * (1 + 1e-5), X)
