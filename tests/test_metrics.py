"""The shared math layer (fsgeom.metrics) against independent references (scipy, scikit-learn) and its contracts."""
import numpy as np
import pytest
from scipy.spatial.distance import cdist
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler

from fsgeom import metrics as m

RNG = np.random.default_rng(20261121)


def _data(n=17, m_=11, d=4, scale=1.0, shift=0.0):
    return RNG.normal(shift, scale, (n, d)), RNG.normal(shift, scale, (m_, d))


@pytest.mark.parametrize("ours, name", [(m.pairwise_euclidean, "euclidean"), (m.pairwise_manhattan, "cityblock"),
                                        (m.pairwise_cosine_distance, "cosine")])
@pytest.mark.parametrize("scale, shift", [(1.0, 0.0), (1e4, 5e4), (1e-3, 0.0)])
def test_pairwise_matches_scipy(ours, name, scale, shift):
    X, Y = _data(scale=scale, shift=shift)
    np.testing.assert_allclose(ours(X, Y), cdist(X, Y, name), rtol=1e-9, atol=1e-9 * scale)


def test_euclidean_far_from_origin_is_accurate():
    # incomes in dollars: the naive ||x||^2+||y||^2-2xy expansion loses digits here; centring keeps them
    X = np.array([[30.0, 100_000.0], [31.0, 100_001.0]])
    np.testing.assert_allclose(m.pairwise_euclidean(X)[0, 1], np.sqrt(2.0), rtol=1e-12)
    assert np.all(np.diag(m.pairwise_euclidean(X)) == 0)


@pytest.mark.parametrize("p", [1, 1.5, 2, 3, np.inf])
def test_minkowski_matches_scipy(p):
    X, Y = _data()
    ref = cdist(X, Y, "chebyshev") if np.isinf(p) else cdist(X, Y, "minkowski", p=p)
    np.testing.assert_allclose(m.pairwise_minkowski(X, Y, p), ref, rtol=1e-10)


def test_diagonal_mahalanobis_equals_zscored_euclidean():
    X = RNG.normal(size=(40, 2)) * [1.0, 100.0] + [40.0, 50_000.0]
    mu, sd = m.zscore_fit(X)
    Z = m.zscore_transform(X, mu, sd)
    np.testing.assert_allclose(m.pairwise_mahalanobis(X, X, np.diag(sd ** 2)), m.pairwise_euclidean(Z), atol=1e-9)


@pytest.mark.parametrize("bad, match", [(np.diag([1.0, 0.0]), "singular"), (np.array([[1.0, 2.0], [0.0, 1.0]]), "symmetric"),
                                        (np.eye(3), "3x3"), (np.ones(3), "square")])
def test_mahalanobis_rejects_bad_covariance(bad, match):
    with pytest.raises(ValueError, match=match):
        m.pairwise_mahalanobis(np.zeros((2, 2)), np.ones((1, 2)), bad)


def test_clear_errors_on_bad_input():
    with pytest.raises(ValueError, match="same number of features"):
        m.pairwise_euclidean(np.ones((2, 3)), np.ones((2, 2)))
    with pytest.raises(ValueError, match="zero vectors"):
        m.pairwise_cosine_distance(np.array([[0.0, 0.0], [1.0, 0.0]]), np.ones((1, 2)))
    with pytest.raises(ValueError, match="NaN"):
        m.pairwise_manhattan(np.array([[np.nan, 1.0]]))
    with pytest.raises(ValueError, match="1-D or 2-D"):
        m.pairwise_euclidean(np.ones((2, 2, 2)))
    with pytest.raises(ValueError, match="k must be"):
        m.knn_predict(np.ones((3, 2)), [0, 1, 0], np.ones((1, 2)), k=4)
    with pytest.raises(ValueError, match="p must be >= 1"):
        m.pairwise_minkowski(np.ones((1, 2)), p=0.5)


@pytest.mark.parametrize("kind, ref", [("zscore", StandardScaler), ("minmax", MinMaxScaler), ("robust", RobustScaler)])
def test_scalers_match_sklearn_fit_on_train(kind, ref):
    Xtr = RNG.lognormal(size=(50, 3)) * [1, 10, 1000]
    Xte = RNG.lognormal(size=(20, 3)) * [1, 10, 1000]
    c, s = m.fit_scaler(kind, Xtr)
    sk = ref().fit(Xtr)
    np.testing.assert_allclose(m.apply_scaler(Xte, c, s), sk.transform(Xte), rtol=1e-10, atol=1e-12)


def test_zscore_is_population_std_and_constant_feature_is_only_centred():
    X = np.array([[1.0, 5.0], [3.0, 5.0]])
    mu, sd = m.zscore_fit(X)
    np.testing.assert_allclose(sd, [1.0, 1.0])  # population std of (1, 3) is 1; the constant column gets 1
    np.testing.assert_allclose(m.zscore_transform(X, mu, sd), [[-1.0, 0.0], [1.0, 0.0]])


@pytest.mark.parametrize("metric", ["euclidean", "manhattan"])
def test_knn_matches_sklearn(metric):
    X = RNG.normal(size=(80, 3))
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(int)
    Q = RNG.normal(size=(30, 3))
    for k in (1, 3, 7):
        ref = KNeighborsClassifier(k, metric=metric, algorithm="brute").fit(X, y).predict(Q)
        np.testing.assert_array_equal(m.knn_predict(X, y, Q, k, metric=metric), ref)


def test_knn_tie_goes_to_smallest_label_and_neighbours_are_stable():
    X = np.array([[0.0], [1.0], [-1.0], [2.0]])
    assert m.knn_predict(X, [5, 3, 3, 5], np.array([[0.0]]), k=2)[0] == 3  # votes 5 and 3: tie -> 3
    np.testing.assert_array_equal(m.knn_neighbors(X, np.array([[0.0]]), 3), [[0, 1, 2]])  # 1 and -1 tie: lower index


def test_lp_unit_circle_lies_on_the_unit_sphere_of_its_norm():
    for p in (0.5, 1, 2, 4, np.inf):
        pts = m.lp_unit_circle(p)
        norms = np.max(np.abs(pts), axis=1) if np.isinf(p) else (np.abs(pts) ** p).sum(1) ** (1 / p)
        np.testing.assert_allclose(norms, 1.0, rtol=1e-12)


def test_covariance_matches_numpy():
    X = RNG.normal(size=(30, 3))
    np.testing.assert_allclose(m.covariance(X), np.cov(X, rowvar=False, ddof=0))
    np.testing.assert_allclose(m.covariance(X, ddof=1), np.cov(X, rowvar=False))


def test_knn_mahalanobis_learns_covariance_on_training_rows():
    X = RNG.normal(size=(60, 2)) * [1.0, 30.0]
    Q = RNG.normal(size=(3, 2)) * [5.0, 1.0]  # a query set with a very different spread
    expected = np.argsort(m.pairwise_mahalanobis(Q, X, m.covariance(X)), axis=1, kind="stable")[:, :4]
    np.testing.assert_array_equal(m.knn_neighbors(X, Q, 4, metric="mahalanobis"), expected)


def test_constant_features_and_singular_covariances_are_judged_relative_to_scale():
    for value in (0.1, 1e6 + 0.3, -7.3, 2 / 3):
        X = np.column_stack([np.full(37, value), RNG.normal(size=37)])
        assert X[:, 0].std() != 0 or value in (2 / 3,)          # rounding: not exactly 0 (for most of them)
        _, sd = m.zscore_fit(X)
        assert sd[0] == 1.0 and sd[1] != 1.0                    # constant -> only centred; the real one kept
    tiny = np.column_stack([RNG.normal(size=30) * 1e-12, RNG.normal(size=30)])
    assert m.zscore_fit(tiny)[1][0] != 1.0                      # a small but real spread is not constant
    A = RNG.normal(size=(50, 2))
    collinear = np.column_stack([A, 3.0 * A[:, 0] - 2.0])      # rank 2 of 3: the computed covariance is singular
    with pytest.raises(ValueError, match="singular"):
        m.check_covariance(m.covariance(collinear))
    m.check_covariance(m.covariance(A) * 1e-12)                  # regular in tiny units: accepted
