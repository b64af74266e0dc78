"""Module 01 math: Mahalanobis geometry in the plane (whitening, iso-distance ellipses, rotated covariances)
and the lecture's measurements (each feature's share of squared distances, triangle-inequality counts).

Pure numpy (no plotting); shared math (distances, scalers, kNN, covariance) lives in :mod:`fsgeom.metrics`.
"""
from __future__ import annotations

import numpy as np

from ...metrics import as_matrix, check_covariance, pairwise_euclidean

__all__ = ["whitening_matrix", "iso_ellipse_axes", "ellipse_points", "rotation_matrix", "covariance_from_scales",
           "squared_distance_shares", "triangle_violations", "knn_predict_every_k", "knn_grid_predict_every_k"]


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


# ----------------------------------------------------------------------------------------- kNN for every k at once
def _label_codes(y_train, n_train: int):
    y = np.asarray(y_train)
    if y.ndim != 1 or y.shape[0] != n_train:
        raise ValueError(f"y_train must be 1-D with one label per training row ({n_train}), got shape {y.shape}")
    return np.unique(y, return_inverse=True)


def _check_k_max(k_max, n_train: int) -> int:
    if not (isinstance(k_max, (int, np.integer)) and 1 <= k_max <= n_train):
        raise ValueError(f"k_max must be an integer between 1 and the number of training samples ({n_train}), "
                         f"got {k_max!r}")
    return int(k_max)


def knn_predict_every_k(X_train, y_train, X_query, k_max: int) -> np.ndarray:
    r"""Euclidean kNN predictions for every :math:`k = 1, \dots, k_{max}` from ONE sort of the distances:
    ``out[k - 1]`` equals :func:`fsgeom.metrics.knn_predict` ``(X_train, y_train, X_query, k)`` exactly (the same
    distances, the same stable order -- ties broken by the lower training index -- and a tied vote going to the
    smallest label). Returns ``(k_max, n_query)`` labels."""
    X_train = as_matrix(X_train, "X_train")
    labels, codes = _label_codes(y_train, X_train.shape[0])
    k_max = _check_k_max(k_max, X_train.shape[0])
    D = pairwise_euclidean(X_query, X_train)
    nearest = np.argsort(D, axis=1, kind="stable")[:, :k_max]              # (n_query, k_max), nearest first
    onehot = codes[nearest][:, :, None] == np.arange(labels.size)          # (n_query, k_max, n_labels)
    votes = np.cumsum(onehot, axis=1)                                      # votes among the first k, every k
    return labels[votes.argmax(axis=2)].T


def knn_grid_predict_every_k(X_train, y_train, xs, ys, k_max: int, dtype=np.float32) -> np.ndarray:
    r""":func:`fsgeom.metrics.knn_grid_predict` for every :math:`k = 1, \dots, k_{max}` at once:
    ``out[k - 1]`` equals ``knn_grid_predict(X_train, y_train, xs, ys, k, dtype)`` exactly. Returns
    ``(k_max, len(ys), len(xs))`` labels.

    The same squared distances (the two per-axis tables in ``dtype``, summed in ``dtype``) and the same rule:
    a node's voters are the training points not farther than its k-th nearest (a tie at the k-th distance
    admits every tied point), a tied vote goes to the smallest label. Each node's distances are sorted once,
    overall and per label; the voters for k are the sorted distances up to the last one equal to the k-th,
    and a label's votes are its own sorted distances not beyond that value. A run of ties reaching past the
    ``k_max + 1`` nearest distances (kept per node) is counted over the node's full row.
    """
    X_train = as_matrix(X_train, "X_train")
    if X_train.shape[1] != 2:
        raise ValueError(f"knn_grid_predict_every_k works on 2 features, X_train has {X_train.shape[1]}")
    n_train = X_train.shape[0]
    labels, codes = _label_codes(y_train, n_train)
    k_max = _check_k_max(k_max, n_train)
    xs = np.asarray(xs, dtype=float).ravel()
    ys = np.asarray(ys, dtype=float).ravel()
    order = np.argsort(codes, kind="stable")                   # training columns grouped by label
    bounds = np.searchsorted(codes[order], np.arange(labels.size + 1))
    T = X_train[order]
    dx2 = ((xs[:, None] - T[None, :, 0]) ** 2).astype(dtype, copy=False)    # as knn_grid_predict
    dy2 = ((ys[:, None] - T[None, :, 1]) ** 2).astype(dtype, copy=False)
    D = (dy2[:, None, :] + dx2[None, :, :]).reshape(-1, n_train)          # (nodes, n_train)
    n_nodes = D.shape[0]
    m = min(k_max + 1, n_train)                                          # nearest distances kept per node
    S = np.ascontiguousarray(np.sort(D, axis=1)[:, :m].T)                # (m, nodes), sorted down each column
    # last[j]: index of the last kept distance equal to S[j] (the end of its run of ties); the voters for k
    # are the distances S[:last[k - 1] + 1]
    last = np.empty(S.shape, dtype=np.intp)
    last[m - 1] = m - 1
    for j in range(m - 2, -1, -1):
        last[j] = np.where(S[j] == S[j + 1], last[j + 1], j)
    ends = last[:k_max]                                                  # (k_max, nodes)
    votes = np.empty((labels.size, k_max, n_nodes), dtype=np.intp)
    votes[-1] = ends + 1                                                 # all voters; the others subtracted
    flat = np.arange(n_nodes) * (m + 1)
    for code in range(labels.size - 1):
        # seen[j]: how many of this label's distances are <= S[j], walking the two sorted lists at once (exact
        # at the end of every run of ties, the only places read)
        S_l = np.full((n_nodes, m + 1), np.inf, dtype=S.dtype)
        lo, hi = bounds[code], bounds[code + 1]
        width = min(m, hi - lo)
        S_l[:, :width] = np.sort(D[:, lo:hi], axis=1)[:, :width]
        S_l = S_l.ravel()
        at = np.zeros(n_nodes, dtype=np.intp)
        seen = np.empty(S.shape, dtype=np.intp)
        for j in range(m):
            at += S_l[flat + at] == S[j]
            seen[j] = at
        votes[code] = np.take_along_axis(seen, ends, axis=0)
        votes[-1] -= votes[code]
    if m < n_train:                          # a run of ties reaching the last kept distance: count the row
        for j, r in zip(*np.nonzero(ends == m - 1)):
            votes[:, j, r] = np.bincount(codes[order][D[r] <= S[j, r]], minlength=labels.size)
    best = np.zeros((k_max, n_nodes), dtype=np.intp)                     # a tied vote: the smallest label
    for code in range(1, labels.size):
        best = np.where(votes[code] > np.take_along_axis(votes, best[None], axis=0)[0], code, best)
    return labels[best].reshape(k_max, ys.size, xs.size)
