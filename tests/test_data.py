"""Shared data helpers: the seeded split and the bundled (offline) datasets."""
import numpy as np
import pytest

from fsgeom import data


def test_train_test_split_partitions():
    X, y = np.arange(20).reshape(10, 2), np.arange(10)
    Xtr, Xte, ytr, yte = data.train_test_split(X, y, 0.3, seed=1)
    assert len(yte) == 3 and len(ytr) == 7
    assert sorted(np.concatenate([ytr, yte]).tolist()) == list(range(10))
    with pytest.raises(ValueError):
        data.train_test_split(X, y[:5])


def test_bundled_datasets_load_offline():
    wine, bc = data.load_wine(), data.load_breast_cancer()
    assert wine.X.shape == (178, 13) and "proline" in wine.feature_names
    assert bc.X.shape == (569, 30)
