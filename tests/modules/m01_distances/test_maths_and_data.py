"""Module 01 math and data (fsgeom.modules.m01_distances.maths / .data) against independent references and the
lecture's claims: whitening, iso-distance ellipses, the bank clients, correlated clouds."""
import numpy as np
import pytest
from scipy.spatial.distance import cdist

from fsgeom import data as shared_data, metrics as m
from fsgeom.modules.m01_distances import data, maths

RNG = np.random.default_rng(20261121)


def test_mahalanobis_matches_scipy_and_whitening():
    A = RNG.normal(size=(3, 3))
    cov = A @ A.T + 0.5 * np.eye(3)
    X, Y = RNG.normal(size=(9, 3)), RNG.normal(size=(5, 3))
    ref = cdist(X, Y, "mahalanobis", VI=np.linalg.inv(cov))
    np.testing.assert_allclose(m.pairwise_mahalanobis(X, Y, cov), ref, rtol=1e-9)
    W = maths.whitening_matrix(cov)
    np.testing.assert_allclose(m.pairwise_euclidean(X @ W.T, Y @ W.T), ref, rtol=1e-9)
    np.testing.assert_allclose(W @ cov @ W.T, np.eye(3), atol=1e-10)


def test_iso_ellipse_axes_and_points_agree():
    cov = maths.covariance_from_scales(3.0, 1.0, np.deg2rad(30))
    a, b, angle = maths.iso_ellipse_axes(cov, r=2.0)
    assert a == pytest.approx(6.0) and b == pytest.approx(2.0) and angle == pytest.approx(np.deg2rad(30))
    pts = maths.ellipse_points([1.0, -1.0], cov, r=2.0)
    np.testing.assert_allclose(m.pairwise_mahalanobis(pts, np.array([[1.0, -1.0]]), cov).ravel(), 2.0, rtol=1e-9)
    assert np.max(np.linalg.norm(pts - [1.0, -1.0], axis=1)) == pytest.approx(6.0, rel=1e-3)
    # the lecture's example: Sigma = diag(1, 10^4) -> semi-axes 100 r and r, major axis vertical
    a, b, angle = maths.iso_ellipse_axes(np.diag([1.0, 1e4]))
    assert (a, b) == (pytest.approx(100.0), pytest.approx(1.0)) and angle == pytest.approx(np.pi / 2)
    assert maths.iso_ellipse_axes(np.eye(2) * 4)[2] == 0.0  # circle: angle defined as 0


def test_age_income_is_seeded_and_in_range():
    a, b = data.age_income(200, seed=3), data.age_income(200, seed=3)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.y, b.y)
    assert not np.array_equal(a.X, data.age_income(200, seed=4).X)
    assert a.X[:, 0].min() >= 18 and a.X[:, 0].max() <= 90
    assert a.X[:, 1].min() >= 1_000 and a.X[:, 1].max() <= 100_000
    assert set(np.unique(a.y)) == {0, 1}


def test_scaling_rescues_knn_on_age_income():
    """The lecture's first example: in dollars, income swamps age; after z-scoring kNN uses both."""
    accs = {}
    for seed in range(5):
        ds = data.age_income(300, seed=seed)
        Xtr, Xte, ytr, yte = shared_data.train_test_split(ds.X, ds.y, 0.3, seed=seed)
        for kind in ("none", "zscore"):
            c, s = m.fit_scaler(kind, Xtr)
            pred = m.knn_predict(m.apply_scaler(Xtr, c, s), ytr, m.apply_scaler(Xte, c, s), k=5)
            accs.setdefault(kind, []).append(m.accuracy(yte, pred))
    assert np.mean(accs["zscore"]) > np.mean(accs["none"]) + 0.10


def test_correlated_cloud_has_requested_covariance():
    X, Z = data.correlated_cloud(20_000, 3.0, 0.5, np.deg2rad(40), seed=1)
    np.testing.assert_allclose(m.covariance(X), maths.covariance_from_scales(3.0, 0.5, np.deg2rad(40)), atol=0.15)
    assert Z.shape == X.shape
