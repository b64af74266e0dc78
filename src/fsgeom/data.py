"""Data: seeded synthetic generators and loaders for scikit-learn's bundled (offline) datasets.

Every generator takes ``seed`` and returns the same arrays for the same arguments on every machine.
Nothing here downloads anything.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Dataset", "train_test_split", "load_wine", "load_breast_cancer", "vega_data_path", "load_seattle_weather"]


@dataclass(frozen=True)
class Dataset:
    """Features ``X`` (n, d), labels ``y`` (n,), column names and a one-line description."""
    X: np.ndarray
    y: np.ndarray
    feature_names: tuple
    description: str


def train_test_split(X, y, test_fraction: float = 0.3, seed: int = 0):
    """Shuffle with ``seed`` and split into ``X_train, X_test, y_train, y_test``."""
    X, y = np.asarray(X), np.asarray(y)
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]} labels")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be in (0, 1), got {test_fraction}")
    n = X.shape[0]
    perm = np.random.default_rng(seed).permutation(n)
    n_test = max(1, int(round(test_fraction * n)))
    te, tr = perm[:n_test], perm[n_test:]
    return X[tr], X[te], y[tr], y[te]


def _sklearn_dataset(loader, name):
    data = loader()
    return Dataset(np.asarray(data.data, dtype=float), np.asarray(data.target), tuple(data.feature_names),
                   f"scikit-learn bundled dataset '{name}' (no download)")


def load_wine() -> Dataset:
    """scikit-learn's bundled wine data (178 x 13); ships inside the package, read offline."""
    from sklearn.datasets import load_wine as _load
    return _sklearn_dataset(_load, "wine")


def load_breast_cancer() -> Dataset:
    """scikit-learn's bundled breast_cancer data (569 x 30); ships inside the package, read offline."""
    from sklearn.datasets import load_breast_cancer as _load
    return _sklearn_dataset(_load, "breast_cancer")


def vega_data_path(name: str):
    """Path of a file that the pinned ``vega_datasets`` package ships in ``vega_datasets/_data/`` (read offline).

    The package is located without importing it (its ``__init__`` imports pandas, which the course does not need).
    """
    import importlib.util
    from pathlib import Path
    spec = importlib.util.find_spec("vega_datasets")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the package vega_datasets is not installed (it is pinned in requirements.txt)")
    path = Path(list(spec.submodule_search_locations)[0]) / "_data" / name
    if not path.is_file():
        raise FileNotFoundError(f"vega_datasets ships no file {name!r}")
    return path


def load_seattle_weather() -> dict:
    """Daily Seattle weather 2012-2015 (1461 days, NOAA data as shipped by ``vega_datasets``): columns as arrays.

    Returns a dict with ``date`` (str, 'YYYY/MM/DD'), ``month`` (int 1-12), ``year`` (int), ``precipitation``
    (mm), ``temp_max`` and ``temp_min`` (deg C), ``wind`` (m/s) and ``weather`` (str: drizzle, fog, rain, snow, sun).
    """
    import csv
    with open(vega_data_path("seattle-weather.csv"), newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = {"date": np.array([r["date"] for r in rows]),
           "weather": np.array([r["weather"] for r in rows])}
    for key in ("precipitation", "temp_max", "temp_min", "wind"):
        out[key] = np.array([float(r[key]) for r in rows])
    out["year"] = np.array([int(r["date"][:4]) for r in rows])
    out["month"] = np.array([int(r["date"][5:7]) for r in rows])
    return out
