"""Visible checks of 01-distances (fsgeom.modules.m01_distances.checks): they accept correct implementations written in
different ways (loops, broadcasting, the expansion trick, Cholesky, float32, …) and reject the common mistakes
with the right, specific hint, in both languages. (That the task registry matches the notebook is a convention check
of every module: tests/test_conventions.py.)"""
from __future__ import annotations

import re

import numpy as np
import pytest

from fsgeom import tasks
from fsgeom.modules.m01_distances import checks as C
from fsgeom.grading import CheckFailed, NotImplementedYet, StudentError
from fsgeom.i18n import tr
from tests.assignment_kit import fails_with, nbg, reference_namespace, source

REF = reference_namespace("01-distances")


def hint(key, lang, **fmt):
    return tr(C.HINTS[key], lang, **fmt)


def _2d(*arrays):
    out = [np.asarray(a, dtype=float) for a in arrays]
    if any(a.ndim != 2 for a in out) or len({a.shape[1] for a in out}) != 1:
        raise ValueError("bad input")
    return out


# ============================================================================ correct, written differently
def euclid_loops(X, Y):
    X, Y = _2d(X, Y)
    D = np.empty((len(X), len(Y)))
    for i in range(len(X)):
        for j in range(len(Y)):
            D[i, j] = np.sqrt(np.sum((X[i] - Y[j]) ** 2))
    return D


def euclid_expansion(X, Y):
    X, Y = _2d(X, Y)
    sq = (X ** 2).sum(1)[:, None] + (Y ** 2).sum(1)[None, :] - 2 * X @ Y.T
    return np.sqrt(np.maximum(sq, 0))


def euclid_norm(X, Y):
    X, Y = _2d(X, Y)
    return np.linalg.norm(X[:, None, :] - Y[None, :, :], axis=-1)


def euclid_einsum_fortran(X, Y):  # einsum, and a Fortran-ordered result
    X, Y = _2d(X, Y)
    diff = X[:, None, :] - Y[None, :, :]
    return np.asfortranarray(np.sqrt(np.einsum("ijk,ijk->ij", diff, diff)))


@pytest.mark.parametrize("fn", [REF["pairwise_euclidean"], euclid_loops, euclid_expansion, euclid_norm,
                                euclid_einsum_fortran])
def test_euclidean_accepts_correct_implementations(fn, capsys):
    C.pairwise_euclidean(fn)
    assert "✓" in capsys.readouterr().out


def manhattan_loops(X, Y):
    X, Y = _2d(X, Y)
    return np.array([[np.abs(x - y).sum() for y in Y] for x in X])


def manhattan_cdist_like(X, Y):
    X, Y = _2d(X, Y)
    return sum(np.abs(X[:, k][:, None] - Y[:, k][None, :]) for k in range(X.shape[1]))


@pytest.mark.parametrize("fn", [REF["pairwise_manhattan"], manhattan_loops, manhattan_cdist_like])
def test_manhattan_accepts_correct_implementations(fn):
    C.pairwise_manhattan(fn)


def cosine_unclipped(X, Y):
    X, Y = _2d(X, Y)
    nx, ny = np.linalg.norm(X, axis=1), np.linalg.norm(Y, axis=1)
    if (nx == 0).any() or (ny == 0).any():
        raise ValueError("zero vector")
    return 1 - (X @ Y.T) / np.outer(nx, ny)


def cosine_loops(X, Y):
    X, Y = _2d(X, Y)
    out = np.zeros((len(X), len(Y)))
    for i, x in enumerate(X):
        for j, y in enumerate(Y):
            if not x.any() or not y.any():
                raise ValueError("zero vector")
            out[i, j] = 1 - x @ y / np.sqrt((x @ x) * (y @ y))
    return out


@pytest.mark.parametrize("fn", [REF["pairwise_cosine_distance"], cosine_unclipped, cosine_loops])
def test_cosine_accepts_correct_implementations(fn):
    C.pairwise_cosine_distance(fn)


def knn_loops(X_train, y_train, X_test, k):
    X_train, X_test = _2d(X_train, X_test)
    y_train = np.asarray(y_train)
    if len(y_train) != len(X_train) or not (isinstance(k, (int, np.integer)) and 1 <= k <= len(X_train)):
        raise ValueError("bad input")
    out = []
    for x in X_test:
        d = np.sqrt(((X_train - x) ** 2).sum(1))
        near = y_train[np.argsort(d, kind="stable")[:k]]
        values, counts = np.unique(near, return_counts=True)
        out.append(values[np.argmax(counts)])
    return np.array(out)


@pytest.mark.parametrize("fn", [REF["knn_predict"], knn_loops])
def test_knn_accepts_correct_implementations(fn):
    C.knn_predict(fn)


def zfit_manual(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or len(X) == 0:
        raise ValueError("bad X")
    mu = X.sum(0) / len(X)
    sd = np.sqrt(((X - mu) ** 2).sum(0) / len(X))
    return mu, np.where(sd <= 1e-10 * np.abs(X).max(0), 1.0, sd)      # the stated (relative) rule


def zfit_float32(X):                                 # computed in float32, constant features decided as given
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or len(X) == 0:
        raise ValueError("bad X")
    constant = np.ptp(X, axis=0) == 0
    X = X.astype(np.float32)
    sd = X.std(0)
    sd[constant] = 1
    return X.mean(0), sd


def zfit_one_pass(X):  # sqrt(E[x²] − E[x]²): numerically weaker, still accepted on reasonable data
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or len(X) == 0:
        raise ValueError("bad X")
    mu = X.mean(0)
    sd = np.sqrt(np.maximum((X ** 2).mean(0) - mu ** 2, 0))
    sd[np.ptp(X, axis=0) == 0] = 1.0
    return mu, sd


@pytest.mark.parametrize("fn", [REF["zscore_fit"], zfit_manual, zfit_one_pass, zfit_float32])
def test_zscore_fit_accepts_correct_implementations(fn):
    C.zscore_fit(fn)


def scale_inline(X_train, X_test):
    X_train, X_test = _2d(X_train, X_test)
    mu, sd = X_train.mean(0), X_train.std(0)
    return (X_train - mu) / sd, (X_test - mu) / sd


def test_scale_train_test_accepts_reference_and_inline_versions():
    C.scale_train_test(REF["scale_train_test"], REF["zscore_fit"], REF["zscore_transform"])
    C.scale_train_test(scale_inline, REF["zscore_fit"], REF["zscore_transform"])
    C.scale_train_test(scale_inline)                      # helpers missing: judged on the reference alone
    C.scale_train_test(scale_inline, None, None)


def _cov(cov, d):
    """Validate cov by the stated rule: (d, d), symmetric, singular when lambda_min <= 1e-10 lambda_max."""
    cov = np.asarray(cov, dtype=float)
    if cov.shape != (d, d) or not np.allclose(cov, cov.T):
        raise ValueError("bad cov")
    w = np.linalg.eigvalsh(cov)
    if w[0] <= 1e-10 * w[-1]:
        raise ValueError("singular cov")
    return cov


def maha_cholesky(X, Y, cov):
    X, Y = _2d(X, Y)
    L = np.linalg.cholesky(_cov(cov, X.shape[1]))
    Xw, Yw = np.linalg.solve(L, X.T).T, np.linalg.solve(L, Y.T).T
    return euclid_expansion(Xw, Yw)


def maha_loops(X, Y, cov):
    X, Y = _2d(X, Y)
    VI = np.linalg.inv(_cov(cov, X.shape[1]))
    return np.array([[np.sqrt((x - y) @ VI @ (x - y)) for y in Y] for x in X])


def maha_expansion(X, Y, cov):
    X, Y = _2d(X, Y)
    VI = np.linalg.inv(_cov(cov, X.shape[1]))
    sq = np.einsum("ij,jk,ik->i", X, VI, X)[:, None] + np.einsum("ij,jk,ik->i", Y, VI, Y)[None, :] - 2 * X @ VI @ Y.T
    return np.sqrt(np.clip(sq, 0, None))


def maha_float32(X, Y, cov):                          # the expansion trick in float32
    X, Y = _2d(X, Y)
    VI = np.linalg.inv(_cov(cov, X.shape[1]).astype(np.float32))
    X, Y = X.astype(np.float32), Y.astype(np.float32)
    sq = np.einsum("ij,jk,ik->i", X, VI, X)[:, None] + np.einsum("ij,jk,ik->i", Y, VI, Y)[None, :] - 2 * X @ VI @ Y.T
    return np.sqrt(np.clip(sq, 0, None))


@pytest.mark.parametrize("fn", [REF["pairwise_mahalanobis"], maha_cholesky, maha_loops, maha_expansion, maha_float32])
def test_mahalanobis_accepts_correct_implementations(fn):
    C.pairwise_mahalanobis(fn)


def ellipse_closed_form(cov, r):
    cov = np.asarray(cov, dtype=float)
    if cov.shape != (2, 2) or cov[0, 1] != cov[1, 0] or r <= 0:
        raise ValueError("bad input")
    a, b, c = cov[0, 0], cov[0, 1], cov[1, 1]
    root = np.hypot((a - c) / 2, b)
    l1, l2 = (a + c) / 2 + root, (a + c) / 2 - root
    if l2 <= 1e-12 * l1:
        raise ValueError("singular")
    angle = 0.5 * np.arctan2(2 * b, a - c)            # in (-pi/2, pi/2]
    return r * np.sqrt(l1), r * np.sqrt(l2), angle % np.pi


def ellipse_eig(cov, r):
    cov = np.asarray(cov, dtype=float)
    if cov.shape != (2, 2) or not np.allclose(cov, cov.T) or not r > 0:
        raise ValueError("bad input")
    w, V = np.linalg.eig(cov)
    i = int(np.argmax(w))
    if w.min() <= 1e-10 * w.max():
        raise ValueError("singular")
    return np.float64(r * np.sqrt(w.max())), np.array(r * np.sqrt(w.min())), np.arctan2(V[1, i], V[0, i]) % np.pi


def ellipse_float32(cov, r):                          # np.float32 scalars: judged with float32's tolerance
    _cov(cov, 2)
    if not r > 0:
        raise ValueError("bad r")
    w, V = np.linalg.eigh(np.asarray(cov, dtype=np.float32))
    return np.float32(r) * np.sqrt(w[1]), np.float32(r) * np.sqrt(w[0]), np.arctan2(V[1, 1], V[0, 1]) % np.float32(np.pi)


@pytest.mark.parametrize("fn", [REF["iso_ellipse_axes"], ellipse_closed_form, ellipse_eig, ellipse_float32])
def test_ellipse_accepts_correct_implementations(fn):
    C.iso_ellipse_axes(fn)


def white_cholesky(cov):                              # W = L^-1: not symmetric
    cov = _cov(cov, np.shape(cov)[0] if np.ndim(cov) == 2 else -1)
    return np.linalg.inv(np.linalg.cholesky(cov))


def white_pca(cov):                                   # W = Lambda^-1/2 V^T
    cov = _cov(cov, np.shape(cov)[0] if np.ndim(cov) == 2 else -1)
    w, V = np.linalg.eigh(cov)
    return V.T / np.sqrt(w)[:, None]


def white_rotated(cov):                               # any rotation Q of a whitening whitens too
    W = white_pca(cov)
    Q = np.linalg.qr(np.random.default_rng(5).normal(size=W.shape))[0]
    return Q @ W


def white_float32(cov):
    cov = _cov(cov, np.shape(cov)[0] if np.ndim(cov) == 2 else -1)
    w, V = np.linalg.eigh(cov.astype(np.float32))
    return (V / np.sqrt(w)) @ V.T


@pytest.mark.parametrize("fn", [REF["whitening_matrix"], white_cholesky, white_pca, white_rotated, white_float32])
def test_whitening_accepts_any_whitening(fn, capsys):
    C.whitening_matrix(fn)
    assert "✓" in capsys.readouterr().out


# ============================================================================ common mistakes -> the right hint
def test_euclidean_mistakes(lang):
    ref = REF["pairwise_euclidean"]
    fails_with(C.pairwise_euclidean, lambda X, Y: ref(X, Y) ** 2, contains=hint("squared", lang))
    fails_with(C.pairwise_euclidean, REF["pairwise_manhattan"], contains=hint("euclid_is_manhattan", lang))
    fails_with(C.pairwise_euclidean, lambda X, Y: ref(X, Y).tolist(), contains="list")
    fails_with(C.pairwise_euclidean, lambda X, Y: ref(Y, X), contains="(2, 3)")
    fails_with(C.pairwise_euclidean, lambda X, Y: np.sqrt(((np.asarray(X) - np.asarray(Y)[:len(X)]) ** 2).sum(1))
               if len(X) == len(Y) else ref(X, Y)[:, 0], contains="(3,)")

    def expansion_no_clip(X, Y):
        X, Y = _2d(X, Y)
        return np.sqrt((X ** 2).sum(1)[:, None] + (Y ** 2).sum(1)[None, :] - 2 * X @ Y.T)
    fails_with(C.pairwise_euclidean, expansion_no_clip, contains=hint("sqrt_nan", lang))

    def no_validation(X, Y):
        X, Y = np.asarray(X, float), np.asarray(Y, float)
        return np.sqrt(((X[..., None, :] - Y[None, :]) ** 2).sum(-1)) if X.ndim == 2 else np.zeros((1, len(Y)))
    fails_with(C.pairwise_euclidean, no_validation, contains="ValueError")


def test_manhattan_mistakes(lang):
    fails_with(C.pairwise_manhattan, REF["pairwise_euclidean"], contains=hint("manhattan_is_euclid", lang))
    fails_with(C.pairwise_manhattan, lambda X, Y: (np.asarray(X)[:, None] - np.asarray(Y)[None]).sum(2),
               contains=hint("manhattan_no_abs", lang))


def test_cosine_mistakes(lang):
    ref = REF["pairwise_cosine_distance"]
    fails_with(C.pairwise_cosine_distance, lambda X, Y: 1 - ref(X, Y), contains=hint("cos_similarity", lang))
    fails_with(C.pairwise_cosine_distance, lambda X, Y: 1 - np.asarray(X) @ np.asarray(Y).T,
               contains=hint("cos_unnormalized", lang))
    fails_with(C.pairwise_cosine_distance, lambda X, Y: np.arccos(1 - ref(X, Y)), contains=hint("cos_angle", lang))

    def no_zero_check(X, Y):
        X, Y = _2d(X, Y)
        with np.errstate(all="ignore"):
            return 1 - (X @ Y.T) / np.outer(np.linalg.norm(X, axis=1), np.linalg.norm(Y, axis=1))
    fails_with(C.pairwise_cosine_distance, no_zero_check, contains=hint("zero_vector", lang))


def test_knn_mistakes(lang):
    ref = REF["knn_predict"]
    fails_with(C.knn_predict, lambda a, y, b, k: ref(a, y, b, 1), contains=hint("knn_k1", lang))

    def farthest(X_train, y_train, X_test, k):
        D = REF["pairwise_euclidean"](X_test, X_train)
        idx = np.argsort(-D, axis=1, kind="stable")[:, :k]
        labels, codes = np.unique(y_train, return_inverse=True)
        return labels[np.array([np.bincount(codes[i], minlength=len(labels)).argmax() for i in idx])]
    fails_with(C.knn_predict, farthest, contains=hint("knn_farthest", lang))
    fails_with(C.knn_predict, lambda a, y, b, k: list(ref(a, y, b, k)), contains="list")

    def codes_not_labels(X_train, y_train, X_test, k):
        return np.searchsorted(np.unique(y_train), ref(X_train, y_train, X_test, k))
    fails_with(C.knn_predict, codes_not_labels, contains=hint("knn_indices", lang))

    def no_k_check(X_train, y_train, X_test, k):
        return ref(X_train, y_train, X_test, max(1, min(k, len(X_train))))
    fails_with(C.knn_predict, no_k_check, contains="k = 0")


def test_zscore_fit_mistakes(lang):
    def ddof1(X):
        X = np.asarray(X, float)
        if X.ndim != 2 or not len(X):
            raise ValueError
        s = X.std(0, ddof=1)
        return X.mean(0), np.where(np.ptp(X, 0) == 0, 1.0, s)
    fails_with(C.zscore_fit, ddof1, contains=hint("ddof1", lang))
    fails_with(C.zscore_fit, lambda X: (np.mean(X, 0), np.var(X, 0)), contains=hint("variance", lang))
    fails_with(C.zscore_fit, lambda X: (np.mean(X, 1), np.std(X, 1)), contains=hint("rows_not_cols", lang))
    fails_with(C.zscore_fit, lambda X: (np.mean(X), np.std(X)), contains=hint("global_stats", lang))
    fails_with(C.zscore_fit, lambda X: (np.std(X, 0), np.mean(X, 0)), contains=hint("swapped_mean_std", lang))
    fails_with(C.zscore_fit, lambda X: (np.mean(X, 0), np.std(X, 0)), contains=hint("constant_feature", lang))

    def exact_zero_test(X):                           # std == 0 misses np.std(0.1 x 7) = 1.4e-17
        X = np.asarray(X, float)
        sd = X.std(0)
        return X.mean(0), np.where(sd == 0, 1.0, sd)
    fails_with(C.zscore_fit, exact_zero_test, contains=hint("constant_feature", lang))

    def large_threshold(X):                           # a nearly constant, real feature is not constant
        X = np.asarray(X, float)
        sd = X.std(0)
        return X.mean(0), np.where(sd <= 1e-3 * np.abs(X).max(0), 1.0, sd)
    fails_with(C.zscore_fit, large_threshold, contains=tr(C.HINTS["nearly_constant"], lang, j=0, sigma=1, bound=1)[:30])


def test_zscore_transform_mistakes(lang):
    fails_with(C.zscore_transform, lambda X, m, s: (X - m) * s, contains=hint("transform_multiplied", lang))
    fails_with(C.zscore_transform, lambda X, m, s: (X - m) / s ** 2, contains=hint("transform_variance", lang))
    fails_with(C.zscore_transform, lambda X, m, s: (X - X.mean(0)) / X.std(0), contains=hint("transform_refit", lang))
    fails_with(C.zscore_transform, lambda X, m, s: X / s - m, contains=hint("transform_order", lang))


def test_scale_train_test_mistakes(lang):
    fit, transform = REF["zscore_fit"], REF["zscore_transform"]

    def leak_own(A, B):
        return transform(A, *fit(A)), transform(B, *fit(B))

    def leak_concat(A, B):
        p = fit(np.concatenate([A, B]))
        return transform(A, *p), transform(B, *p)
    fails_with(C.scale_train_test, leak_own, fit, transform, contains=hint("leak_test_own", lang))
    fails_with(C.scale_train_test, leak_concat, fit, transform, contains=hint("leak_concat", lang))
    fails_with(C.scale_train_test, lambda A, B: (A, transform(B, *fit(A))), fit, transform,
               contains=hint("train_unscaled", lang))
    fails_with(C.scale_train_test, lambda A, B: (transform(A, *fit(A)), B), fit, transform,
               contains=hint("test_unscaled", lang))
    fails_with(C.scale_train_test, lambda A, B: (transform(B, *fit(A)), transform(A, *fit(A))), fit, transform,
               contains=hint("swapped_train_test", lang))
    fails_with(C.scale_train_test, lambda A, B: transform(A, *fit(A)), fit, transform, contains="2")

    def ddof1_inline(A, B):
        m, s = A.mean(0), A.std(0, ddof=1)
        return (A - m) / s, (B - m) / s
    fails_with(C.scale_train_test, ddof1_inline, fit, transform, contains=hint("scale_ddof1", lang))


def test_scale_train_test_is_not_charged_for_a_ddof_mistake_in_zscore_fit():
    def fit1(X):
        X = np.asarray(X, float)
        return X.mean(0), X.std(0, ddof=1)

    def scale(A, B):
        p = fit1(A)
        return REF["zscore_transform"](A, *p), REF["zscore_transform"](B, *p)
    C.scale_train_test(scale, fit1, REF["zscore_transform"])      # consistent with the student's own fit
    with pytest.raises(CheckFailed):
        C.scale_train_test(scale, REF["zscore_fit"], REF["zscore_transform"])


def test_scale_train_test_leak_is_caught_even_with_the_students_own_helpers():
    fit, transform = REF["zscore_fit"], REF["zscore_transform"]
    with pytest.raises(CheckFailed):
        C.scale_train_test(lambda A, B: (transform(A, *fit(A)), transform(B, *fit(B))), fit, transform)


def test_mahalanobis_mistakes(lang):
    ref = REF["pairwise_mahalanobis"]
    fails_with(C.pairwise_mahalanobis, lambda X, Y, S: ref(X, Y, S) ** 2, contains=hint("squared", lang))
    fails_with(C.pairwise_mahalanobis, lambda X, Y, S: ref(X, Y, np.linalg.inv(S)), contains=hint("maha_used_cov", lang))
    fails_with(C.pairwise_mahalanobis, lambda X, Y, S: REF["pairwise_euclidean"](X, Y),
               contains=hint("maha_euclid", lang))

    def diag_only(X, Y, S):
        S = np.asarray(S)
        return ref(X, Y, np.diag(np.diag(S))) if np.allclose(S, S.T) else ref(X, Y, S)
    fails_with(C.pairwise_mahalanobis, diag_only, contains=hint("maha_diag_only", lang))

    def no_symmetry_check(X, Y, S):
        S = np.asarray(S, float)
        return ref(X, Y, (S + S.T) / 2)
    fails_with(C.pairwise_mahalanobis, no_symmetry_check, contains=hint("cov_not_symmetric", lang))

    def nonpositive_test(X, Y, S):                    # eigvalsh(cov).min() <= 0 misses collinear data's cov
        if np.linalg.eigvalsh(np.asarray(S, float))[0] <= 0:
            raise ValueError("singular")
        return _maha_no_rule(X, Y, S)
    fails_with(C.pairwise_mahalanobis, nonpositive_test, contains=hint("cov_collinear", lang))
    fails_with(C.pairwise_mahalanobis, _maha_no_rule, contains=hint("cov_singular", lang))

    def absolute_threshold(X, Y, S):                  # 1e-12 * max(1, lambda_max) rejects a regular cov in tiny units
        if np.linalg.eigvalsh(np.asarray(S, float))[0] <= 1e-12 * max(1.0, np.linalg.eigvalsh(S)[-1]):
            raise ValueError("singular")
        return ref(X, Y, S)
    fails_with(C.pairwise_mahalanobis, absolute_threshold, contains=tr(C.HINTS["cov_small_units"], lang,
                                                                       ratio=1, lmax=1)[:25])

    def two_features_only(X, Y, S):                   # a 2-D-only implementation fails the 3-feature case
        X, Y, S = np.asarray(X, float), np.asarray(Y, float), np.asarray(S, float)
        return ref(X[:, :2], Y[:, :2], S[:2, :2])
    fails_with(C.pairwise_mahalanobis, two_features_only, contains="pairwise_mahalanobis")


def _maha_no_rule(X, Y, S):
    """Mahalanobis with the symmetry check but no test for a singular cov (inv of a near-singular one works)."""
    X, Y, S = np.asarray(X, float), np.asarray(Y, float), np.asarray(S, float)
    if S.shape != (X.shape[1],) * 2 or not np.allclose(S, S.T) or X.shape[1] != Y.shape[1]:
        raise ValueError("bad input")
    VI = np.linalg.pinv(S)
    diff = X[:, None] - Y[None]
    return np.sqrt(np.abs(np.einsum("ijk,kl,ijl->ij", diff, VI, diff)))


def test_ellipse_mistakes(lang):
    ref = REF["iso_ellipse_axes"]

    def eigenvalues(S, r):
        a, b, t = ref(S, r)
        return (a / r) ** 2, (b / r) ** 2, t
    fails_with(C.iso_ellipse_axes, eigenvalues, contains=hint("ellipse_eigenvalues", lang))
    fails_with(C.iso_ellipse_axes, lambda S, r: (ref(S, r)[0] / r, ref(S, r)[1] / r, ref(S, r)[2]),
               contains=hint("ellipse_no_r", lang))
    fails_with(C.iso_ellipse_axes, lambda S, r: (ref(S, r)[1], ref(S, r)[0], ref(S, r)[2]),
               contains=hint("ellipse_swapped", lang))
    fails_with(C.iso_ellipse_axes, lambda S, r: (*ref(S, r)[:2], (ref(S, r)[2] + np.pi / 2) % np.pi),
               contains=hint("ellipse_minor_angle", lang))
    fails_with(C.iso_ellipse_axes, lambda S, r: (*ref(S, r)[:2], np.degrees(ref(S, r)[2])),
               contains=hint("ellipse_degrees", lang))
    fails_with(C.iso_ellipse_axes, lambda S, r: (*ref(S, r)[:2], ref(S, r)[2] - np.pi),
               contains=hint("ellipse_range", lang))
    fails_with(C.iso_ellipse_axes, lambda S, r: (r ** 2 / ref(S, 1.0)[1], r ** 2 / ref(S, 1.0)[0], ref(S, r)[2])
               if False else (r / ref(S, 1.0)[1], r / ref(S, 1.0)[0], ref(S, r)[2]),
               contains=hint("ellipse_inverse", lang))
    fails_with(C.iso_ellipse_axes, lambda S, r: list(ref(S, r))[:2], contains="3")


def test_whitening_mistakes(lang):
    ref = REF["whitening_matrix"]

    def inverse_cov(S):
        return np.linalg.inv(_cov(S, len(S)))

    def sqrt_cov(S):
        w, V = np.linalg.eigh(_cov(S, len(S)))
        return (V * np.sqrt(w)) @ V.T

    def cholesky_factor(S):
        return np.linalg.cholesky(_cov(S, len(S)))

    def diagonal(S):
        return np.diag(1 / np.sqrt(np.diag(_cov(S, len(S)))))

    def transposed(S):
        return white_cholesky(S).T
    fails_with(C.whitening_matrix, inverse_cov, contains=hint("white_variance", lang))
    fails_with(C.whitening_matrix, sqrt_cov, contains=hint("white_inverse", lang))
    fails_with(C.whitening_matrix, cholesky_factor, contains=hint("white_inverse", lang))
    fails_with(C.whitening_matrix, diagonal, contains=hint("white_diag_only", lang))
    fails_with(C.whitening_matrix, transposed, contains=hint("white_transposed", lang))
    fails_with(C.whitening_matrix, lambda S: 2 * ref(S), contains=tr(C.HINTS["white_not_identity"], lang, err=1,
                                                                    tol=1)[:20])
    fails_with(C.whitening_matrix, lambda S: ref(S).tolist(), contains="list")

    def no_symmetry_check(S):                         # eigh reads one triangle only: a non-symmetric cov slips by
        w, V = np.linalg.eigh(np.asarray(S, float))
        if w[0] <= 1e-10 * w[-1]:
            raise ValueError("singular")
        return (V / np.sqrt(w)) @ V.T
    fails_with(C.whitening_matrix, no_symmetry_check, contains=hint("cov_not_symmetric", lang))

    def nonpositive_test(S):
        S = np.asarray(S, float)
        if S.ndim != 2 or S.shape[0] != S.shape[1] or not np.allclose(S, S.T) or np.linalg.eigvalsh(S)[0] <= 0:
            raise ValueError("bad cov")
        w, V = np.linalg.eigh(S)
        return (V / np.sqrt(np.abs(w))) @ V.T
    fails_with(C.whitening_matrix, nonpositive_test, contains=hint("cov_collinear", lang))


def test_float32_results_are_judged_with_float32_tolerance():
    """Correct float32 results pass every task's visible checks; float64 ones are still judged at 1e-6."""
    def f32(fn):
        def wrapped(*args):
            out = fn(*args)
            if isinstance(out, tuple):
                return tuple(np.asarray(v).astype(np.float32)[()] if np.ndim(v) == 0 else np.asarray(v, np.float32)
                             for v in out)
            return out.astype(np.float32) if out.dtype.kind == "f" else out
        return wrapped
    for task in C.TASKS:
        task.check(*[f32(REF[name]) for name in task.functions])
    ref = REF["pairwise_euclidean"]
    with pytest.raises(CheckFailed):                  # a float64 result 1e-5 off is wrong
        C.pairwise_euclidean(lambda X, Y: ref(X, Y) * (1 + 1e-5))


def test_not_implemented_and_student_exceptions_are_reported_kindly(lang):
    def todo(*args):
        raise NotImplementedError()
    for task in C.TASKS:
        with pytest.raises(NotImplementedYet) as info:
            task.check(*([todo] * len(task.functions)))
        assert task.name in str(info.value)
        assert ("ще не реалізовано" if lang == "uk" else "not implemented yet") in str(info.value)

    def boom(X, Y):
        return X[0, 0] / {}
    with pytest.raises(StudentError) as info:
        C.pairwise_euclidean(boom)
    assert "TypeError" in str(info.value)
    assert isinstance(info.value.__cause__, TypeError)
    rendered = "\n".join(info.value._render_traceback_())
    assert "boom" in rendered and "grading.py" not in rendered


# ============================================================================ task lookup
def test_tasks_are_found_by_task_function_or_grade_id():
    assert tasks.tasks("01-distances") == C.TASKS
    assert tasks.find_task("test_zscore_fit", "01-distances").name == "zscore_fit"
    assert tasks.find_task("scale_train_test", "01-distances").functions[1:] == ("zscore_fit", "zscore_transform")
    with pytest.raises(KeyError):
        tasks.find_task("zscore_fit", "99-nothing")


def test_reference_solution_passes_every_visible_check(lang):
    for task in C.TASKS:
        task.run(REF)


def test_reference_solutions_are_vectorized():
    for lang in ("uk", "en"):
        for cell in source("01-distances", lang)["cells"]:
            if nbg(cell).get("solution") and cell["cell_type"] == "code":
                body = "".join(cell["source"]).split("### BEGIN SOLUTION")[1]
                assert not re.search(r"^\s*(for|while) ", body, re.M), "the reference solutions are vectorized"
