"""Module 01 data: the lecture's bank clients (age in years, income in dollars) and seeded Gaussian clouds
with a chosen covariance. Every generator takes ``seed``; nothing downloads anything."""
from __future__ import annotations

import numpy as np

from ...data import Dataset, train_test_split
from .maths import covariance_from_scales
from .texts import T

__all__ = ["AGE_RANGE", "INCOME_RANGE", "INCOME_UNITS", "age_income", "age_income_split", "income_in_units",
           "correlated_cloud"]

AGE_RANGE = (18.0, 90.0)          # years (the lecture's example)
INCOME_RANGE = (1_000.0, 100_000.0)  # dollars per year (the lecture's example)


def age_income(n: int = 300, seed: int = 0, label_noise: float = 0.05) -> Dataset:
    r"""Bank clients: age (years, 18–90) and income (dollars, 1 000–100 000), label 1 = high credit risk.

    The risk depends on BOTH features in comparable measure: a client is risky when
    :math:`\tfrac{age - 18}{72} + \tfrac{income - 1000}{99000} < 0.75` (young and poor), then a fraction
    ``label_noise`` of labels is flipped. In dollars, income differences are ~1000x larger than age
    differences, so a Euclidean kNN on raw features effectively ignores age — the lecture's first example.
    """
    if n < 2:
        raise ValueError(f"n must be at least 2, got {n}")
    if not 0 <= label_noise < 0.5:
        raise ValueError(f"label_noise must be in [0, 0.5), got {label_noise}")
    rng = np.random.default_rng(seed)
    age = rng.uniform(*AGE_RANGE, size=n)
    income = rng.uniform(*INCOME_RANGE, size=n)
    score = (age - AGE_RANGE[0]) / np.ptp(AGE_RANGE) + (income - INCOME_RANGE[0]) / np.ptp(INCOME_RANGE)
    y = (score < 0.75).astype(int)
    flip = rng.random(n) < label_noise
    y[flip] = 1 - y[flip]
    X = np.column_stack([age, income])
    return Dataset(X, y, (T("feature_age"), T("feature_income")), T("clients_description"))


def correlated_cloud(n: int = 200, s1: float = 1.0, s2: float = 1.0, theta: float = 0.0, seed: int = 0):
    r"""Gaussian cloud with covariance :math:`R(\theta)\,\mathrm{diag}(s_1^2, s_2^2)\,R(\theta)^\top`.

    Returns ``(X, Z)``: the cloud ``X`` (n, 2) and the standard-normal draws ``Z`` it was made from, so that a
    widget can move the cloud by changing s1, s2, theta without redrawing random numbers.
    """
    Z = np.random.default_rng(seed).standard_normal((n, 2))
    A = np.linalg.cholesky(covariance_from_scales(s1, s2, theta))
    return Z @ A.T, Z


#: income units offered by the lecture's widget: multiply dollars by the factor
INCOME_UNITS = {"$": 1.0, "k$": 1e-3, "M$": 1e-6}


def age_income_split(n: int = 300, seed: int = 0, test_fraction: float = 0.3):
    """The lecture's bank clients (:func:`age_income`) split into ``X_train, X_test, y_train, y_test``
    (features in years and dollars); the same split the lecture notebook and its widget use."""
    ds = age_income(n=n, seed=seed)
    return train_test_split(ds.X, ds.y, test_fraction=test_fraction, seed=seed)


def income_in_units(X, unit: str = "$") -> np.ndarray:
    """Copy of ``X`` (age in years, income in dollars) with income expressed in ``unit`` (a key of
    :data:`INCOME_UNITS`: ``"$"``, ``"k$"``, ``"M$"``). Age stays in years."""
    if unit not in INCOME_UNITS:
        raise ValueError(f"unknown income unit {unit!r}; choose one of {list(INCOME_UNITS)}")
    X = np.array(X, dtype=float, copy=True)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must be (n, 2): age and income, got shape {X.shape}")
    X[:, 1] *= INCOME_UNITS[unit]
    return X
