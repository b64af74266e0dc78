r"""Module 06 data: scikit-learn's bundled wine (178 wines × 13 chemical measurements, 3 cultivars; read offline).

* PCA uses all 13 features; proline (mg/L, standard deviation 314) has about 99.8 % of the total variance;
* the SVM separates cultivar 0 (label −1) from cultivar 1 (label +1): 59 + 71 = 130 wines, all 13 features or the
  two the widget draws (alcohol, % vol; proline, mg/L);
* the neural-network and batch-normalization experiments use all 178 wines and the 3 classes.

No synthetic data here: the only generated arrays are the seeded (N, C, H, W) activations that show which axes
layer, instance and group normalization average over (:func:`activations`).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from ... import data as shared_data

__all__ = ["wine", "feature_index", "PROLINE", "SVM_CLASSES", "SVM_PAIR", "wine_binary", "svm_pair",
           "train_test_indices", "activations"]

#: the feature whose unit the lecture changes (mg/L → g/L is a factor 1e-3)
PROLINE = "proline"
#: cultivar 0 → label −1, cultivar 1 → label +1
SVM_CLASSES = (0, 1)
#: the two features the SVM widget draws (alcohol in % vol, sd 0.81; proline in mg/L, sd 314)
SVM_PAIR = ("alcohol", "proline")


def wine():
    """The whole wine data set (:class:`fsgeom.data.Dataset`: X 178 × 13, y in {0, 1, 2})."""
    return shared_data.load_wine()


def feature_index(name: str) -> int:
    names = list(wine().feature_names)
    if name not in names:
        raise ValueError(f"no wine feature {name!r}; choose from {names}")
    return names.index(name)


@lru_cache(maxsize=4)
def wine_binary(classes=SVM_CLASSES):
    """Wines of two cultivars: ``X`` (n, 13) and ``y`` in {−1, +1} (the first cultivar is −1), read-only."""
    ds = wine()
    a, b = classes
    mask = (ds.y == a) | (ds.y == b)
    X = ds.X[mask].astype(float)
    y = np.where(ds.y[mask] == a, -1.0, 1.0)
    X.setflags(write=False)
    y.setflags(write=False)
    return X, y


def svm_pair(features=SVM_PAIR, classes=SVM_CLASSES):
    """Two columns of :func:`wine_binary`: ``X`` (n, 2), ``y`` in {−1, +1}."""
    X, y = wine_binary(tuple(classes))
    cols = [feature_index(f) for f in features]
    return X[:, cols], y


def train_test_indices(n: int, test_fraction: float = 0.3, seed: int = 0, y=None):
    """Seeded train/test indices; with ``y`` the split is stratified (the same share of every class in test)."""
    rng = np.random.default_rng(seed)
    if y is None:
        perm = rng.permutation(n)
        k = int(round(test_fraction * n))
        return np.sort(perm[k:]), np.sort(perm[:k])
    y = np.asarray(y)
    test = []
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        test.append(idx[:int(round(test_fraction * idx.size))])
    test = np.sort(np.concatenate(test))
    return np.setdiff1d(np.arange(n), test), test


def activations(shape=(4, 6, 3, 3), seed: int = 0) -> np.ndarray:
    """A seeded (N, C, H, W) tensor of activations with channel-dependent offsets and scales (channel c has mean c
    and standard deviation 1 + c), so that each normalization visibly removes something different."""
    rng = np.random.default_rng(seed)
    N, C, H, W = shape
    c = np.arange(C, dtype=float)[None, :, None, None]
    return c + (1.0 + c) * rng.normal(size=shape)
