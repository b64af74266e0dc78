"""Seeded data generators: reproducible, in the lecture's ranges, and showing the effect the lecture claims."""
import numpy as np
import pytest

from fsgeom import data, metrics as m


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
        Xtr, Xte, ytr, yte = data.train_test_split(ds.X, ds.y, 0.3, seed=seed)
        for kind in ("none", "zscore"):
            c, s = m.fit_scaler(kind, Xtr)
            pred = m.knn_predict(m.apply_scaler(Xtr, c, s), ytr, m.apply_scaler(Xte, c, s), k=5)
            accs.setdefault(kind, []).append(m.accuracy(yte, pred))
    assert np.mean(accs["zscore"]) > np.mean(accs["none"]) + 0.10


def test_train_test_split_partitions():
    X, y = np.arange(20).reshape(10, 2), np.arange(10)
    Xtr, Xte, ytr, yte = data.train_test_split(X, y, 0.3, seed=1)
    assert len(yte) == 3 and len(ytr) == 7
    assert sorted(np.concatenate([ytr, yte]).tolist()) == list(range(10))
    with pytest.raises(ValueError):
        data.train_test_split(X, y[:5])


def test_correlated_cloud_has_requested_covariance():
    X, Z = data.correlated_cloud(20_000, 3.0, 0.5, np.deg2rad(40), seed=1)
    np.testing.assert_allclose(m.covariance(X), m.covariance_from_scales(3.0, 0.5, np.deg2rad(40)), atol=0.15)
    assert Z.shape == X.shape


def test_bundled_datasets_load_offline():
    wine, bc = data.load_wine(), data.load_breast_cancer()
    assert wine.X.shape == (178, 13) and "proline" in wine.feature_names
    assert bc.X.shape == (569, 30)
