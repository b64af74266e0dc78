"""Module 06 maths and data against independent oracles: scikit-learn (PCA, StandardScaler + PCA in a Pipeline, SVC
on standardized data), numpy (corrcoef, eigh), finite differences for every gradient, and the definitions of the
normalization layers."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.decomposition import PCA
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from fsgeom.modules.m06_pca_svm import data, maths

WINE = data.wine()
XB, YB = data.wine_binary()


def standardized(X):
    return (X - X.mean(0)) / X.std(0)


# ----------------------------------------------------------------------------------------- data
def test_data_shapes_and_labels():
    assert WINE.X.shape == (178, 13) and XB.shape == (130, 13)
    assert sorted(np.unique(YB)) == [-1.0, 1.0] and int((YB == -1).sum()) == 59
    Xp, yp = data.svm_pair()
    np.testing.assert_array_equal(Xp[:, 1], XB[:, data.feature_index("proline")])
    tr, te = data.train_test_indices(130, y=YB)
    assert len(te) == 39 and not set(tr) & set(te)
    assert abs((YB[te] == 1).mean() - (YB == 1).mean()) < 0.02
    with pytest.raises(ValueError, match="no wine feature"):
        data.feature_index("colour")


# ----------------------------------------------------------------------------------------- PCA
@pytest.mark.parametrize("standardize", [False, True])
def test_pca_equals_scikit_learn(standardize):
    X = WINE.X
    mean, scale, comps, var, ratio = maths.pca_fit(X, 5, standardize=standardize)
    sk = make_pipeline(StandardScaler(), PCA(5)) if standardize else make_pipeline(PCA(5))
    sk.fit(X)
    pca = sk[-1]
    np.testing.assert_allclose(ratio, pca.explained_variance_ratio_, rtol=1e-9)
    np.testing.assert_allclose(var, pca.explained_variance_ * (len(X) - 1) / len(X), rtol=1e-9)
    # scikit-learn >= 1.5 flips every component so that its largest-magnitude entry is positive, as we do
    np.testing.assert_allclose(comps, pca.components_, atol=1e-9)
    np.testing.assert_allclose(maths.pca_transform(X, mean, scale, comps), sk.transform(X), atol=1e-8)
    np.testing.assert_allclose(np.linalg.norm(comps, axis=1), 1.0, rtol=1e-12)
    assert np.all(comps[np.arange(5), np.argmax(np.abs(comps), axis=1)] > 0)


def test_standardized_pca_is_the_correlation_matrix():
    _, _, comps, var, ratio = maths.pca_fit(WINE.X, standardize=True)
    evals, evecs = np.linalg.eigh(np.corrcoef(WINE.X.T))
    np.testing.assert_allclose(var, evals[::-1], atol=1e-12)
    for k in range(13):
        assert maths.component_angle(comps[k], evecs[:, 12 - k]) < 1e-5
    assert ratio.sum() == pytest.approx(1.0, abs=1e-12)


def test_proline_dominates_raw_pca_and_units_rotate_it():
    p = data.feature_index("proline")
    _, _, c_raw, _, r_raw = maths.pca_fit(WINE.X, 2)
    _, _, c_std, _, r_std = maths.pca_fit(WINE.X, 2, standardize=True)
    assert r_raw[0] == pytest.approx(0.998, abs=5e-4) and r_std[0] == pytest.approx(0.362, abs=5e-4)
    assert np.argmax(np.abs(c_raw[0])) == p and abs(c_raw[0, p]) > 0.9998
    X_g = maths.change_units(WINE.X, p, 1e-3)                       # mg/L -> g/L
    _, _, c_raw_g, _, _ = maths.pca_fit(X_g, 1)
    _, _, c_std_g, _, _ = maths.pca_fit(X_g, 1, standardize=True)
    assert maths.component_angle(c_raw[0], c_raw_g[0]) > 80.0        # proline -> magnesium
    assert maths.component_angle(c_std[0], c_std_g[0]) < 1e-5


def test_pca_refuses_bad_input():
    with pytest.raises(ValueError, match="n_components"):
        maths.pca_fit(WINE.X, 14)
    with pytest.raises(ValueError, match="at least 2"):
        maths.pca_fit(WINE.X[:1])
    with pytest.raises(ValueError, match="NaN"):
        maths.pca_fit(np.array([[1.0, np.nan], [2.0, 3.0]]))
    _, scale, _, _, _ = maths.pca_fit(np.c_[np.arange(5.0), np.full(5, 3.0)], standardize=True)
    assert scale[1] == 1.0


# ----------------------------------------------------------------------------------------- SVM
def test_svm_subgradient_matches_directional_derivatives():
    rng = np.random.default_rng(1)
    X = standardized(XB)
    w, b = rng.normal(size=13) * 0.3, 0.1
    gw, gb = maths.svm_subgradient(w, b, X, YB, 0.7)
    for _ in range(5):                                # no margin is exactly 1 here: the objective is differentiable
        v, vb = rng.normal(size=13), rng.normal()
        h = 1e-7
        fd = (maths.svm_objective(w + h * v, b + h * vb, X, YB, 0.7)
              - maths.svm_objective(w - h * v, b - h * vb, X, YB, 0.7)) / (2 * h)
        assert fd == pytest.approx(gw @ v + gb * vb, rel=1e-5)


def test_svm_subgradient_ignores_points_on_and_beyond_the_margin():
    X = np.array([[1.0, 0.0], [2.0, 0.0], [-1.0, 0.0], [0.5, 0.0]])
    y = np.array([1.0, 1.0, -1.0, 1.0])
    w, b = np.array([1.0, 0.0]), 0.0                  # margins 1, 2, 1, 0.5: only the last point counts
    gw, gb = maths.svm_subgradient(w, b, X, y, 2.0)
    np.testing.assert_allclose(gw, [1.0 - 2.0 * 0.5, 0.0])
    assert gb == -2.0
    assert maths.svm_objective(w, b, X, y, 2.0) == pytest.approx(0.5 + 2.0 * 0.5)


@pytest.mark.parametrize("C", [0.01, 0.1, 1.0, 10.0])
def test_svm_exact_equals_svc_on_standardized_data_and_certifies_itself(C):
    X = standardized(XB)
    w, b, alpha = maths.svm_exact(X, YB, C)
    f = maths.svm_objective(w, b, X, YB, C)
    assert f - maths.svm_dual_objective(alpha, X, YB, C) <= 1e-9 * (1 + f)
    svc = SVC(kernel="linear", C=C, tol=1e-10).fit(X, YB)
    f_svc = maths.svm_objective(svc.coef_[0], svc.intercept_[0], X, YB, C)
    assert f <= f_svc * (1 + 1e-9) and f_svc == pytest.approx(f, rel=1e-5)
    np.testing.assert_allclose(w, svc.coef_[0], atol=1e-3 * np.linalg.norm(w))


def test_svm_exact_on_raw_features_beats_svc_and_is_certified():
    """On raw wine (proline ~10³, hue ~1) libsvm's stopping rule leaves its primal objective about 5 % above the
    optimum; ours is certified by the dual bound."""
    C = 1.0
    w, b, alpha = maths.svm_exact(XB, YB, C)
    f = maths.svm_objective(w, b, XB, YB, C)
    assert f - maths.svm_dual_objective(alpha, XB, YB, C) <= 1e-5 * f
    svc = SVC(kernel="linear", C=C, tol=1e-8).fit(XB, YB)
    assert maths.svm_objective(svc.coef_[0], svc.intercept_[0], XB, YB, C) > 1.01 * f


def test_subgradient_descent_reaches_the_optimum_on_scaled_data_only():
    C = 0.1
    Xs = standardized(XB)
    w, b, _ = maths.svm_exact(Xs, YB, C)
    f_opt = maths.svm_objective(w, b, Xs, YB, C)
    ws, bs, hist = maths.svm_subgradient_descent(Xs, YB, C, 1000, 0.1, history=True)
    assert maths.svm_objective(ws, bs, Xs, YB, C) == pytest.approx(hist.min()) and hist.size == 1001
    assert hist.min() <= f_opt * (1 + 1e-3)
    w, b, _ = maths.svm_exact(XB, YB, C)
    f_raw = maths.svm_objective(w, b, XB, YB, C)
    best_raw = min(maths.svm_objective(*maths.svm_subgradient_descent(XB, YB, C, 1000, eta), XB, YB, C)
                   for eta in (1e-6, 1e-5, 1e-4, 1e-3))
    assert best_raw > 2 * f_raw


def test_distance_margin_and_support_vectors():
    X = standardized(XB)
    w, b, alpha = maths.svm_exact(X, YB, 1.0)
    d = maths.distance_to_hyperplane(X, w, b)
    np.testing.assert_allclose(d, np.abs(X @ w + b) / np.sqrt(w @ w))
    free = (alpha > 1e-6) & (alpha < 1.0 - 1e-6)
    assert free.any()
    np.testing.assert_allclose(d[free], maths.margin_width(w) / 2, rtol=1e-5)
    sv = maths.support_mask(w, b, X, YB)
    assert np.all(sv[alpha > 1e-6])
    with pytest.raises(ValueError, match="no hyperplane"):
        maths.margin_width([0.0, 0.0])
    with pytest.raises(ValueError, match="-1 or \\+1"):
        maths.svm_objective([1.0], 0.0, [[1.0]], [0.0], 1.0)


def test_best_bias_is_optimal_for_fixed_w():
    X = standardized(XB)
    w = maths.svm_exact(X, YB, 0.5)[0]
    b = maths.best_bias(w, X, YB)
    grid = np.linspace(b - 2, b + 2, 4001)
    assert maths.svm_objective(w, b, X, YB, 0.5) <= min(maths.svm_objective(w, g, X, YB, 0.5) for g in grid) + 1e-12


# ----------------------------------------------------------------------------------------- neural networks
def test_mlp_gradients_match_finite_differences():
    X = standardized(WINE.X)[:40]
    y = WINE.y[:40]
    params = maths.mlp_init(13, 5, 3, seed=2)
    _, grads = maths.mlp_loss_grad(params, X, y)
    rng = np.random.default_rng(0)
    for k, P in enumerate(params):
        for _ in range(3):
            idx = tuple(rng.integers(0, s) for s in P.shape)
            h = 1e-6
            plus = [p.copy() for p in params]
            minus = [p.copy() for p in params]
            plus[k][idx] += h
            minus[k][idx] -= h
            fd = (maths.mlp_loss_grad(plus, X, y)[0] - maths.mlp_loss_grad(minus, X, y)[0]) / (2 * h)
            assert fd == pytest.approx(grads[k][idx], rel=1e-5, abs=1e-9)


def test_first_layer_gradients_scale_with_the_inputs():
    """dL/dW1[j, :] = sum_i x_ij delta_i: multiplying feature j by 1000 multiplies its row of the gradient by 1000."""
    X = standardized(WINE.X)
    params = maths.mlp_init(13, 8, 3, seed=0)
    X2 = maths.change_units(X, 3, 1000.0)
    params2 = (params[0].copy(), *params[1:])
    params2[0][3] /= 1000.0                              # the same network in the new unit
    g1, g2 = maths.mlp_loss_grad(params, X, WINE.y)[1][0], maths.mlp_loss_grad(params2, X2, WINE.y)[1][0]
    np.testing.assert_allclose(g2[3], g1[3] * 1000.0, rtol=1e-9)
    np.testing.assert_allclose(np.delete(g2, 3, 0), np.delete(g1, 3, 0), rtol=1e-9)


def test_largest_stable_learning_rate_raw_vs_scaled():
    lrs = 10.0 ** np.arange(-8, 3.01, 0.25)
    raw = maths.largest_stable_lr(lambda lr: maths.logreg_gd(WINE.X, WINE.y, lr, 200), lrs)
    std = maths.largest_stable_lr(lambda lr: maths.logreg_gd(standardized(WINE.X), WINE.y, lr, 200), lrs)
    assert raw < 1e-4 and std >= 10.0 and std / raw > 1e5
    assert np.all(np.isinf(maths.logreg_gd(WINE.X, WINE.y, 1.0, 50)[-5:])) or maths.logreg_gd(WINE.X, WINE.y, 1.0, 50)[-1] > 1.0


# ----------------------------------------------------------------------------------------- normalization layers
def test_batch_norm_training_and_inference():
    rng = np.random.default_rng(0)
    x = rng.normal(3.0, 2.0, (16, 4))
    gamma, beta = rng.normal(size=4), rng.normal(size=4)
    rm, rv = rng.normal(size=4), rng.uniform(0.5, 2, 4)
    out, rm2, rv2 = maths.batch_norm_train(x, gamma, beta, rm, rv, momentum=0.2, eps=1e-3)
    np.testing.assert_allclose(out, gamma * (x - x.mean(0)) / np.sqrt(x.var(0) + 1e-3) + beta)
    np.testing.assert_allclose(rm2, 0.8 * rm + 0.2 * x.mean(0))
    np.testing.assert_allclose(rv2, 0.8 * rv + 0.2 * x.var(0, ddof=1))
    np.testing.assert_allclose(maths.batch_norm_infer(x, gamma, beta, rm, rv, eps=1e-3),
                               gamma * (x - rm) / np.sqrt(rv + 1e-3) + beta)
    two, _, _ = maths.batch_norm_train(x[:2], eps=0.0)
    np.testing.assert_allclose(np.abs(two), 1.0)     # a batch of two: every output is exactly ±1
    with pytest.raises(ValueError, match="at least 2"):
        maths.batch_norm_train(x[:1])


def test_layer_instance_group_norm_are_one_operation_over_different_axes():
    a = data.activations()
    N, C, H, W = a.shape
    ln = maths.normalize_over(a, (1, 2, 3))
    np.testing.assert_allclose(maths.group_norm(a, 1), ln, atol=1e-12)
    np.testing.assert_allclose(maths.group_norm(a, C), maths.instance_norm(a), atol=1e-12)
    np.testing.assert_allclose(maths.layer_norm(a.reshape(N, -1)), ln.reshape(N, -1), atol=1e-12)
    bn = maths.normalize_over(a, maths.NORM_AXES["batch"])
    np.testing.assert_allclose(bn.mean(axis=(0, 2, 3)), 0.0, atol=1e-12)
    g = maths.group_norm(a, 2).reshape(N, 2, -1)
    np.testing.assert_allclose(g.mean(axis=2), 0.0, atol=1e-12)
    np.testing.assert_allclose(g.var(axis=2), 1.0, rtol=1e-3)
    with pytest.raises(ValueError, match="divide"):
        maths.group_norm(a, 4)


def test_batch_norm_mismatch_shrinks_with_the_batch():
    small = maths.bn_mismatch(WINE.X, 2)
    large = maths.bn_mismatch(WINE.X, 64)
    assert small > 0.6 and large < 0.15 and small > 5 * large


def test_bisection_finds_the_same_stable_edge_as_the_full_scan():
    lrs = 10.0 ** np.arange(-7, 2.01, 0.25)
    Z = standardized(WINE.X)
    for A in (WINE.X, Z):
        for run in (lambda lr: maths.logreg_gd(A, WINE.y, lr, 200), lambda lr: maths.mlp_gd(A, WINE.y, lr, 200)):
            assert maths.largest_stable_lr(run, lrs, bisect=True) == maths.largest_stable_lr(run, lrs)
