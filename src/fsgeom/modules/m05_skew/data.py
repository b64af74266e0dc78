r"""Module 05 data: real skewed features (scikit-learn's bundled breast_cancer; the daily precipitation of Seattle
2012–2015 from the pinned ``vega_datasets``, 57 % zeros) and small seeded synthetic samples where a known truth is
needed (a lognormal sample is right-skewed with a known normal behind it; its mirror is left-skewed; a shifted one
crosses zero, which Box–Cox cannot take and Yeo–Johnson can).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from ... import data as shared_data

__all__ = ["breast_cancer_feature", "precipitation", "SYNTHETIC", "synthetic", "DATASETS", "dataset"]


def breast_cancer_feature(name: str) -> np.ndarray:
    """One column of scikit-learn's breast_cancer (569 values, all positive), read-only."""
    bc = shared_data.load_breast_cancer()
    names = list(bc.feature_names)
    if name not in names:
        raise ValueError(f"no breast_cancer feature {name!r}; choose from {names}")
    x = bc.X[:, names.index(name)].astype(float)
    x.setflags(write=False)
    return x


@lru_cache(maxsize=1)
def precipitation() -> np.ndarray:
    """Daily precipitation in Seattle, 2012–2015 (mm; 1461 days, about 57 % exactly 0), read-only."""
    x = np.asarray(shared_data.load_seattle_weather()["precipitation"], dtype=float)
    x.setflags(write=False)
    return x


#: the synthetic samples: name -> (description, generator(rng, n))
SYNTHETIC = {
    "lognormal": ("exp(N(0, 0.6²)): right-skewed, log of it is exactly normal",
                  lambda rng, n: np.exp(rng.normal(0.0, 0.6, n))),
    "left": ("10 − exp(N(0, 0.6²)): left-skewed, positive", lambda rng, n: 10.0 - np.exp(rng.normal(0.0, 0.6, n))),
    "negatives": ("exp(N(0, 0.6²)) − 1.5: right-skewed with about 75 % negative values",
                  lambda rng, n: np.exp(rng.normal(0.0, 0.6, n)) - 1.5),
}


@lru_cache(maxsize=16)
def synthetic(name: str, n: int = 500, seed: int = 0) -> np.ndarray:
    """A seeded sample of :data:`SYNTHETIC` (read-only)."""
    if name not in SYNTHETIC:
        raise ValueError(f"no synthetic sample {name!r}; choose from {tuple(SYNTHETIC)}")
    x = SYNTHETIC[name][1](np.random.default_rng(seed), int(n)).astype(float)
    x.setflags(write=False)
    return x


#: the data sets the λ explorer offers: key -> loader (all real ones positive except where said)
DATASETS = {
    "lognormal": lambda: synthetic("lognormal"),
    "left": lambda: synthetic("left"),
    "negatives": lambda: synthetic("negatives"),
    "area_error": lambda: breast_cancer_feature("area error"),
    "fractal_dimension_error": lambda: breast_cancer_feature("fractal dimension error"),
    "precipitation": precipitation,
}


def dataset(key: str) -> np.ndarray:
    """A data set of :data:`DATASETS`."""
    if key not in DATASETS:
        raise ValueError(f"no data set {key!r}; choose from {tuple(DATASETS)}")
    return DATASETS[key]()
