"""Module 04 maths and data against independent oracles: scikit-learn (normalize, cosine_similarity,
TfidfTransformer, Lasso, Ridge), SciPy (linprog for least absolute deviations, a general constrained minimizer for
the 2-D problems), brute force where a formula is the claim."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linprog, minimize
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import Lasso, Ridge
from sklearn.metrics.pairwise import cosine_similarity as sk_cosine
from sklearn.preprocessing import normalize

from fsgeom.modules.m04_normalization import data, maths


def _X(seed, n=25, d=6, zero_rows=(3,)):
    X = np.random.default_rng(seed).normal(size=(n, d)) * 10.0 ** np.random.default_rng(seed + 1).uniform(-2, 2, d)
    X[list(zero_rows)] = 0.0
    return X


# ----------------------------------------------------------------------------------------- norms
@pytest.mark.parametrize("norm", ["l1", "l2", "max"])
def test_normalize_rows_equals_sklearn_and_keeps_zero_rows(norm):
    X = _X(0)
    out = maths.normalize_rows(X, norm)
    np.testing.assert_allclose(out, normalize(X, norm=norm), rtol=1e-13, atol=1e-15)
    assert np.all(out[3] == 0.0) and np.all(np.isfinite(out))
    assert np.allclose(maths.lp_norms(np.delete(out, 3, axis=0), norm), 1.0)


def test_lp_norms_general_p_and_extreme_scales():
    X = _X(1, zero_rows=())
    for p in (0.5, 1.5, 3.0):
        np.testing.assert_allclose(maths.lp_norms(X, p), (np.abs(X) ** p).sum(1) ** (1 / p), rtol=1e-12)
    big = np.array([[1e200, 1e200], [1e-200, 3e-200]])                # no overflow / underflow
    np.testing.assert_allclose(maths.lp_norms(big, 3.0), [2 ** (1 / 3) * 1e200, (1 + 27) ** (1 / 3) * 1e-200])
    with pytest.raises(ValueError):
        maths.normalize_rows(X, "l3")
    with pytest.raises(ValueError):
        maths.lp_norms(X, -1)


def test_convexity_violations_only_below_one():
    for p in (1.0, 1.5, 2.0, np.inf):
        assert maths.convexity_violations(p, 5000, seed=3) == 0.0
    for p in (0.5, 0.8):
        assert maths.convexity_violations(p, 5000, seed=3) > 0.1
    # a witness by hand: (1, 0) and (0, 1) lie on the L_0.5 sphere, their midpoint has quasi-norm 2 > 1
    assert maths.lp_norms([[0.5, 0.5]], 0.5)[0] == pytest.approx(2.0)
    A, B = maths.sphere_samples(1.0, 1000, 3, seed=1), maths.sphere_samples(1.0, 1000, 3, seed=2)
    assert maths.midpoint_excess(lambda Z: maths.lp_norms(Z, 1), A, B).max() <= 1e-15


def test_row_normalization_turns_no_vector():
    X = _X(4, zero_rows=())
    assert maths.row_angles(X, maths.normalize_rows(X)).max() < 1e-5
    Z = (X - X.mean(0)) / X.std(0)
    assert maths.row_angles(X, Z).max() > 10.0


# ----------------------------------------------------------------------------------------- cosine
def test_cosine_similarity_equals_sklearn_and_sphere_identity():
    X, Y = _X(5), _X(6, n=7)
    np.testing.assert_allclose(maths.cosine_similarity(X, Y), sk_cosine(X, Y), atol=1e-14)
    Xn = maths.normalize_rows(np.delete(X, 3, axis=0))
    D2 = ((Xn[:, None, :] - Xn[None, :, :]) ** 2).sum(-1)
    np.testing.assert_allclose(D2, 2 - 2 * Xn @ Xn.T, atol=1e-13)
    np.testing.assert_allclose(maths.cosine_distance(Xn), 1 - Xn @ Xn.T, atol=1e-15)


def test_nearest_excludes_self_and_breaks_ties_by_index():
    M = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 2.0], [1.0, 2.0, 0.0]])
    assert maths.nearest(M, 1).ravel().tolist() == [1, 0, 0]
    assert maths.nearest(-M, 1, largest=True).ravel().tolist() == [1, 0, 0]


# ----------------------------------------------------------------------------------------- TF-IDF
@pytest.mark.parametrize("smooth", [True, False])
@pytest.mark.parametrize("sublinear", [True, False])
def test_tfidf_equals_sklearn(smooth, sublinear):
    C = np.asarray(data.topic_corpus().counts[:60])
    C = C[:, (C > 0).any(axis=0)]
    ours = maths.tfidf(C, smooth_idf=smooth, sublinear_tf=sublinear)
    sk = TfidfTransformer(smooth_idf=smooth, sublinear_tf=sublinear).fit_transform(C).toarray()
    np.testing.assert_allclose(ours, sk, rtol=1e-12, atol=1e-15)


def test_tfidf_guide_example():
    np.testing.assert_allclose(maths.tfidf(data.GUIDE_COUNTS, smooth_idf=False)[0], [0.8194, 0, 0.5732], atol=5e-5)
    np.testing.assert_allclose(maths.tfidf(data.GUIDE_COUNTS)[0], [0.8515, 0, 0.5243], atol=5e-5)
    with pytest.raises(ValueError, match="smooth_idf"):
        maths.idf([[1, 0], [2, 0]], smooth_idf=False)
    with pytest.raises(ValueError, match="non-negative"):
        maths.tfidf([[1, -1]])


# ----------------------------------------------------------------------------------------- Lasso, ridge
def test_soft_threshold_is_the_prox_of_abs():
    z = np.linspace(-3, 3, 61)
    grid = np.linspace(-4, 4, 80001)
    brute = grid[np.argmin(0.5 * (grid[None, :] - z[:, None]) ** 2 + 1.2 * np.abs(grid[None, :]), axis=1)]
    np.testing.assert_allclose(maths.soft_threshold(z, 1.2), brute, atol=1e-4)
    assert np.all(maths.soft_threshold(np.array([-1.2, 0.3, 1.2]), 1.2) == 0.0)
    with pytest.raises(ValueError):
        maths.soft_threshold(z, -1)


@pytest.mark.parametrize("seed", range(4))
def test_lasso_cd_equals_sklearn(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, 8)) @ (np.eye(8) + 0.5 * rng.normal(size=(8, 8)))
    y = X @ np.r_[2.0, -1.0, np.zeros(6)] + rng.normal(size=40)
    for alpha in (0.01, 0.3, 1.0):
        w, sweeps = maths.lasso_cd(X, y, alpha, tol=1e-13)
        sk = Lasso(alpha=alpha, fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(X, y).coef_
        assert maths.lasso_objective(X, y, w, alpha) <= maths.lasso_objective(X, y, sk, alpha) + 1e-12
        np.testing.assert_allclose(w, sk, atol=1e-7)
        assert sweeps < 100_000
    # from any start the same minimum (convexity)
    ws = [maths.lasso_cd(X, y, 0.3, w0=rng.normal(size=8) * 5, tol=1e-13)[0] for _ in range(5)]
    assert np.ptp([maths.lasso_objective(X, y, w, 0.3) for w in ws]) < 1e-12


def test_lasso_cd_large_alpha_gives_zero_and_zero_column():
    rng = np.random.default_rng(7)
    X = rng.normal(size=(30, 4))
    X[:, 2] = 0.0
    y = rng.normal(size=30)
    w, _ = maths.lasso_cd(X, y, alpha=np.abs(X.T @ y).max() / 30 * 1.0001)
    assert np.all(w == 0.0)
    assert maths.lasso_cd(X, y, 0.01)[0][2] == 0.0


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_ridge_closed_form_equals_sklearn(fit_intercept):
    rng = np.random.default_rng(8)
    X = rng.normal(size=(50, 5)) * [1, 10, 100, 0.1, 1] + 30
    y = X @ rng.normal(size=5) + 7 + rng.normal(size=50)
    for alpha in (0.0, 0.5, 50.0):
        w, b = maths.ridge_closed_form(X, y, alpha, fit_intercept=fit_intercept)
        sk = Ridge(alpha=alpha, fit_intercept=fit_intercept, solver="cholesky").fit(X, y)
        np.testing.assert_allclose(w, sk.coef_, rtol=1e-8, atol=1e-10)
        assert b == pytest.approx(sk.intercept_, rel=1e-8, abs=1e-8)


# ----------------------------------------------------------------------------------------- exact 2-D problems
def _lasso_numeric(A, c, lam):
    # split w = u - v with u, v >= 0: a smooth problem SciPy solves to high precision
    f = lambda z: maths.quadratic_2d(A, c, z[:2] - z[2:]) + lam * z.sum()  # noqa: E731
    res = minimize(f, np.ones(4), bounds=[(0, None)] * 4, method="L-BFGS-B", options={"ftol": 1e-15, "gtol": 1e-12})
    return res.x[:2] - res.x[2:], res.fun


def test_lasso_2d_matches_a_general_solver_and_gives_exact_zeros():
    A, c = maths.random_quadratics(60, seed=11)
    lam = np.random.default_rng(12).uniform(0, 3, size=60)
    W = maths.lasso_2d(A, c, lam)
    zeros = 0
    for k in range(60):
        _, best = _lasso_numeric(A[k], c[k], lam[k])
        ours = maths.quadratic_2d(A[k], c[k], W[k]) + lam[k] * np.abs(W[k]).sum()
        assert ours <= best + 1e-9
        zeros += bool(np.any(W[k] == 0.0))
    assert zeros > 0


def test_ridge_2d_stationary():
    A, c = maths.random_quadratics(20, seed=13)
    W = maths.ridge_2d(A, c, np.full(20, 0.7))
    grad = np.einsum("kij,kj->ki", A, W - c) + 0.7 * W
    assert np.abs(grad).max() < 1e-12


def test_constrained_2d_solutions():
    A, c = maths.random_quadratics(40, seed=14)
    W1, W2 = maths.l1_constrained_2d(A, c), maths.l2_constrained_2d(A, c)
    np.testing.assert_allclose(np.abs(W1).sum(1), 1.0, atol=1e-12)   # c lies outside: the constraint binds
    np.testing.assert_allclose(np.linalg.norm(W2, axis=1), 1.0, atol=1e-10)
    # no point of the boundary does better (dense sampling of both unit circles)
    for P, W in ((np.array([[np.cos(t), np.sin(t)] for t in np.linspace(0, 2 * np.pi, 20001)]), W2),):
        for k in range(40):
            assert maths.quadratic_2d(A[k], c[k], W[k]) <= maths.quadratic_2d(A[k], c[k], P).min() + 1e-9
    D = np.array([[np.cos(t), np.sin(t)] for t in np.linspace(0, 2 * np.pi, 20001)])
    D = D / np.abs(D).sum(1, keepdims=True)
    for k in range(40):
        assert maths.quadratic_2d(A[k], c[k], W1[k]) <= maths.quadratic_2d(A[k], c[k], D).min() + 1e-12
    inside = maths.l1_constrained_2d(A[:1], np.array([[0.2, 0.3]]))
    np.testing.assert_array_equal(inside, [[0.2, 0.3]])


# ----------------------------------------------------------------------------------------- lines
def test_ls_and_lad_lines():
    rng = np.random.default_rng(15)
    x = rng.uniform(0, 10, 35)
    y = 2 * x + 1 + rng.standard_t(2, 35)
    assert maths.ls_line(x, y) == pytest.approx(tuple(np.polyfit(x, y, 1)), rel=1e-10)
    a, b = maths.lad_line(x, y)
    # the LP: min sum(e+ + e-) s.t. a x + b + e+ - e- = y
    n = x.size
    res = linprog(np.r_[0, 0, np.ones(2 * n)], A_eq=np.c_[x, np.ones(n), np.eye(n), -np.eye(n)], b_eq=y,
                  bounds=[(None, None)] * 2 + [(0, None)] * (2 * n), method="highs")
    assert np.abs(y - a * x - b).sum() == pytest.approx(res.fun, rel=1e-10)
    with pytest.raises(ValueError):
        maths.lad_line([1, 1, 1], [1, 2, 3])


# ----------------------------------------------------------------------------------------- data
def test_diabetes_both_forms():
    raw, default, names, y = data.load_diabetes_both()
    assert raw.shape == default.shape == (442, 10) and len(names) == 10 and y.shape == (442,)
    np.testing.assert_allclose(np.linalg.norm(default, axis=0), 1.0, rtol=1e-6)
    np.testing.assert_allclose(default.mean(axis=0), 0.0, atol=1e-10)
    assert not np.allclose(np.linalg.norm(default, axis=1), 1.0)
    # the default columns are the raw ones centred and scaled
    Xc = raw - raw.mean(0)
    np.testing.assert_allclose(Xc / np.linalg.norm(Xc, axis=0), default, atol=1e-6)


def test_topic_corpus_is_seeded_and_as_documented():
    a, b = data.topic_corpus(), data.topic_corpus(seed=0)
    np.testing.assert_array_equal(a.counts, b.counts)
    assert a.counts.shape == (240, 80) and len(a.terms) == 80
    np.testing.assert_array_equal(a.counts.sum(axis=1), a.length)
    assert a.length.min() >= 10 and a.length.max() <= 2000 and a.length.max() / a.length.min() > 100
    # every document's topic block holds its topic's words only
    for k in range(4):
        block = a.counts[:, k * 15:(k + 1) * 15].sum(axis=1)
        assert np.all(block[a.topic != k] == 0)
