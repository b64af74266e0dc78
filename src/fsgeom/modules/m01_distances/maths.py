"""Module 01 math: Mahalanobis geometry in the plane (whitening, iso-distance ellipses, rotated covariances)
and the lecture's measurements (each feature's share of squared distances, triangle-inequality counts).

Pure numpy (no plotting); shared math (distances, scalers, kNN, covariance) lives in :mod:`fsgeom.metrics`.
"""
from __future__ import annotations

import numpy as np

from ...metrics import as_matrix, check_covariance

__all__ = ["whitening_matrix", "iso_ellipse_axes", "ellipse_points", "rotation_matrix", "covariance_from_scales",
           "squared_distance_shares", "triangle_violations"]


def whitening_matrix(cov) -> np.ndarray:
    r"""Symmetric (ZCA) whitening matrix :math:`W = \Sigma^{-1/2}`: if :math:`\mathrm{Cov}(x)=\Sigma` then
    :math:`\mathrm{Cov}(Wx) = I`, and :math:`\|W(x-y)\|_2 = d_M(x, y)`."""
    C = check_covariance(cov)
    w, V = np.linalg.eigh(C)
    return (V / np.sqrt(w)) @ V.T


def iso_ellipse_axes(cov, r: float = 1.0):
    r"""Semi-axes and angle of the 2-D ellipse :math:`\{x : d_M(x, \mu) = r\}`.

    With :math:`\Sigma = V \Lambda V^\top`, the semi-axes are :math:`r\sqrt{\lambda_1} \ge r\sqrt{\lambda_2}`
    along the eigenvectors. Returns ``(a, b, angle)``: ``a >= b`` and ``angle`` in ``[0, pi)``, the angle of
    the major axis from the x1 axis (0 for a circle, where every direction is a major axis).
    """
    C = check_covariance(cov)
    if C.shape != (2, 2):
        raise ValueError(f"iso-distance ellipses are 2-D: cov must be 2x2, got {C.shape}")
    if not (np.isfinite(r) and r > 0):
        raise ValueError(f"r must be a positive number, got {r}")
    w, V = np.linalg.eigh(C)
    a, b = r * np.sqrt(w[1]), r * np.sqrt(w[0])
    if np.isclose(w[1], w[0], rtol=1e-12, atol=0):
        return a, b, 0.0
    angle = float(np.arctan2(V[1, 1], V[0, 1]) % np.pi)
    return a, b, angle


def ellipse_points(center, cov, r: float = 1.0, n: int = 181) -> np.ndarray:
    r"""``(n, 2)`` points on :math:`\{x : d_M(x, c) = r\}`, closed (first point repeated at the end).

    The ellipse is the image of the circle of radius r under :math:`\Sigma^{1/2}`.
    """
    C = check_covariance(cov, 2)
    t = np.linspace(0.0, 2.0 * np.pi, n)
    circle = r * np.stack([np.cos(t), np.sin(t)], axis=1)
    w, V = np.linalg.eigh(C)
    root = (V * np.sqrt(w)) @ V.T
    return np.asarray(center, dtype=float).reshape(1, 2) + circle @ root.T


def rotation_matrix(theta: float) -> np.ndarray:
    """2-D counter-clockwise rotation by ``theta`` radians."""
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])


def covariance_from_scales(s1: float, s2: float, theta: float = 0.0) -> np.ndarray:
    r""":math:`\Sigma = R(\theta)\,\mathrm{diag}(s_1^2, s_2^2)\,R(\theta)^\top`: feature scales s1, s2, then rotated."""
    if not (s1 > 0 and s2 > 0):
        raise ValueError(f"scales must be positive, got {s1}, {s2}")
    R = rotation_matrix(theta)
    return R @ np.diag([s1 ** 2, s2 ** 2]) @ R.T


def squared_distance_shares(x, Y) -> np.ndarray:
    r"""Share of each feature in the total squared Euclidean distance from ``x`` to the rows of ``Y``:
    :math:`s_j = \sum_i (x_j - y_{ij})^2 / \sum_i \|x - y_i\|^2`. Returns ``(n_features,)`` summing to 1
    (all zeros if every row equals ``x``)."""
    x = as_matrix(x, "x")
    Y = as_matrix(Y, "Y")
    if x.shape[0] != 1 or x.shape[1] != Y.shape[1]:
        raise ValueError(f"x must be one sample with {Y.shape[1]} features, got shape {x.shape}")
    per = ((Y - x) ** 2).sum(axis=0)
    total = per.sum()
    return per / total if total > 0 else np.zeros_like(per)


def triangle_violations(D, tol: float = 1e-12):
    r"""Count ordered triples ``(i, j, l)`` of a square distance matrix with
    :math:`D_{il} > D_{ij} + D_{jl}` (beyond ``tol`` relative to the largest entry).

    Returns ``(violations, triples)``. A metric has no violations; e.g. the cosine "distance" does."""
    D = np.asarray(D, dtype=float)
    if D.ndim != 2 or D.shape[0] != D.shape[1]:
        raise ValueError(f"D must be a square matrix, got shape {D.shape}")
    n = D.shape[0]
    slack = tol * max(1.0, float(np.abs(D).max()))
    over = D[:, None, :] > D[:, :, None] + D[None, :, :] + slack   # [i, j, l]: D[i,l] > D[i,j] + D[j,l]
    return int(over.sum()), n ** 3
