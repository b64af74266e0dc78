"""The tolerance rules of module 06's checks. The one that needs a measurement is svm_train's: judged by the
objective it reaches, within relative ``TRAIN_RTOL`` = 1e-2 of the optimum of ``SVC(kernel="linear", tol=1e-6)``.
On the hidden tests' distribution (standardized, n 80–150, d 2–6, C in [0.05, 1], unbalanced classes) the specified
method (n_iter=1000, eta0=0.1) stays below 1e-3 over 40 seeds x 4 data sets (measured worst 8e-4): a margin of more
than 10; SVC itself agrees with the certified interior-point optimum to 1e-7. Never updating b misses by 15 % or more
on every data set. Eigenvectors are judged at the eigenvalue gap's conditioning, float32 at float32's precision."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.svm import SVC

from fsgeom import grading as G
from fsgeom.modules.m06_pca_svm import checks as C
from fsgeom.modules.m06_pca_svm import maths as M


def _draw(rng):
    """One data set as the hidden test of svm_train draws it."""
    n, d, m = int(rng.integers(80, 151)), int(rng.integers(2, 7)), 60
    X = rng.normal(size=(n + m, d))
    u = rng.normal(size=d)
    s = X @ (u / np.linalg.norm(u)) + rng.uniform(0.2, 1.0) * rng.normal(size=n + m)
    q = rng.uniform(0.2, 0.35)
    y = np.where(s > np.quantile(s, q if rng.random() < 0.5 else 1 - q), 1.0, -1.0)
    X = X * rng.uniform(0.5, 3.0, size=d) + rng.normal(size=d) * 3.0
    Xtr, ytr = X[:n], y[:n]
    Xtr = (Xtr - Xtr.mean(axis=0)) / Xtr.std(axis=0)
    return Xtr, ytr, float(np.exp(rng.uniform(np.log(0.05), np.log(1.0))))


def _no_bias(X, y, C_, n_iter=1000, eta0=0.1):
    w, best = np.zeros(X.shape[1]), (C.primal(np.zeros(X.shape[1]), 0.0, X, y, C_), np.zeros(X.shape[1]))
    for t in range(n_iter):
        g, _ = M.svm_subgradient(w, 0.0, X, y, C_)
        w = w - eta0 / np.sqrt(t + 1.0) * g
        f = C.primal(w, 0.0, X, y, C_)
        if f < best[0]:
            best = (f, w.copy())
    return best[1]


def test_svm_train_tolerance_has_a_clear_margin():
    gaps, no_bias = [], []
    for seed in range(40):
        rng = np.random.default_rng([seed, 7])
        for _ in range(4):
            X, y, C_ = _draw(rng)
            svc = SVC(kernel="linear", C=C_, tol=1e-6).fit(X, y)
            opt = C.primal(svc.coef_.ravel(), float(svc.intercept_[0]), X, y, C_)
            w, b = M.svm_subgradient_descent(X, y, C_, 1000, 0.1)
            gaps.append((C.primal(w, b, X, y, C_) - opt) / opt)
            no_bias.append((C.primal(_no_bias(X, y, C_), 0.0, X, y, C_) - opt) / opt)
    assert max(gaps) < C.TRAIN_RTOL / 10, max(gaps)
    assert min(no_bias) > 5 * C.TRAIN_RTOL, min(no_bias)


def test_svc_agrees_with_the_certified_optimum():
    rng = np.random.default_rng(3)
    for _ in range(5):
        X, y, C_ = _draw(rng)
        svc = SVC(kernel="linear", C=C_, tol=1e-6).fit(X, y)
        we, be, alpha = M.svm_exact(X, y, C_)
        exact = C.primal(we, be, X, y, C_)
        assert exact - M.svm_dual_objective(alpha, X, y, C_) < 1e-8 * exact
        assert abs(C.primal(svc.coef_.ravel(), float(svc.intercept_[0]), X, y, C_) - exact) < 1e-6 * exact


def test_svc_at_the_hidden_tests_tol_is_fast():
    import time
    rng = np.random.default_rng(1)
    for _ in range(40):          # the first 40 include one where tol=1e-10 takes about 10 s
        X, y, C_ = _draw(rng)
        t = time.perf_counter()
        SVC(kernel="linear", C=C_, tol=1e-6).fit(X, y)
        assert time.perf_counter() - t < 1.0


def test_components_judged_at_the_eigengap():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(60, 4)) * [4.0, 2.0, 1.0, 0.5] + 10.0
    mean, scale, comps, _, ratio = M.pca_fit(X, 2)
    C.judge_pca((mean, scale, comps * (1 + 1e-12), ratio), X, 2)
    with pytest.raises(G.CheckFailed):
        C.judge_pca((mean, scale, comps + 1e-5, ratio), X, 2)
    X32 = X.astype(np.float32)
    mean, scale, comps, _, ratio = M.pca_fit(X32, 2)
    C.judge_pca((mean.astype(np.float32), scale.astype(np.float32),
                 (comps + 1e-7).astype(np.float32), ratio.astype(np.float32)), X32, 2)


def test_wrong_values_still_fail():
    x = np.random.default_rng(5).normal(size=(8, 3)) + 2.0
    g, b = np.ones(3), np.zeros(3)
    with pytest.raises(G.CheckFailed):
        C.judge_layer_norm(M.layer_norm(x, g, b) * (1 + 1e-5), x, g, b)
    w = np.array([1.0, -2.0, 0.5])
    y = np.array([1.0, -1.0, 1.0, -1.0, 1.0, 1.0, -1.0, 1.0])
    with pytest.raises(G.CheckFailed):
        C.judge_objective(C.primal(w, 0.3, x, y, 1.0) * (1 + 1e-5), w, 0.3, x, y, 1.0)
