"""Shared math on numpy arrays, used by several modules: distances, scalers, k-nearest neighbours, covariance.

This layer has no plotting, no widgets and no I/O. Every function validates its input and raises
``ValueError`` with a message a student can act on. Conventions:

* data matrices are ``(n_samples, n_features)`` float arrays; a 1-D input is read as ONE sample;
* pairwise functions return an ``(n, m)`` matrix ``D[i, j] = d(X[i], Y[j])``; ``Y=None`` means ``Y = X``;
* scalers are split into ``*_fit`` (learn parameters on training data) and ``*_transform`` (apply them).
"""
from __future__ import annotations

import numpy as np

__all__ = [
    "as_matrix", "pairwise_euclidean", "pairwise_manhattan", "pairwise_minkowski",
    "pairwise_cosine_distance", "pairwise_mahalanobis", "pairwise_distances", "METRICS",
    "zscore_fit", "zscore_transform", "minmax_fit", "minmax_transform", "robust_fit",
    "robust_transform", "SCALERS", "fit_scaler", "apply_scaler", "knn_neighbors", "knn_predict",
    "scaled_knn_predict", "knn_grid_predict", "accuracy", "covariance", "check_covariance", "lp_unit_circle",
    "SINGULAR_RTOL", "CONSTANT_RTOL",
]

# ----------------------------------------------------------------------------------------- input checks
def as_matrix(X, name: str = "X") -> np.ndarray:
    """Return ``X`` as a finite 2-D float array ``(n_samples, n_features)``.

    A 1-D array is read as a single sample (one row). Raises ``ValueError`` for empty input, more than two
    dimensions, non-numeric or non-finite entries.
    """
    try:
        A = np.asarray(X, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric, got {type(X).__name__}: {exc}") from None
    if A.ndim == 1:
        A = A[None, :]
    if A.ndim != 2:
        raise ValueError(f"{name} must be 1-D or 2-D (n_samples, n_features), got shape {A.shape}")
    if A.size == 0:
        raise ValueError(f"{name} is empty (shape {A.shape})")
    if not np.all(np.isfinite(A)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return A


def _pair(X, Y):
    X = as_matrix(X, "X")
    Y = X if Y is None else as_matrix(Y, "Y")
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"X and Y must have the same number of features (columns): X has {X.shape[1]}, Y has {Y.shape[1]}")
    return X, Y


# ----------------------------------------------------------------------------------------- distances
def _accumulate(X, Y, term) -> np.ndarray:
    """``sum_k term(X[:, k, None] - Y[None, :, k])``: one (n, m) array per feature, no (n, m, d) temporary."""
    out = np.zeros((X.shape[0], Y.shape[0]))
    for k in range(X.shape[1]):
        out += term(X[:, k, None] - Y[None, :, k])
    return out


def pairwise_euclidean(X, Y=None) -> np.ndarray:
    r"""Euclidean distances :math:`d_2(x, y) = \sqrt{\sum_i (x_i - y_i)^2}` between rows of X and rows of Y.

    Computed from the differences themselves (one feature at a time), so d(x, x) is exactly 0 and
    data far from the origin (incomes in dollars) lose no digits, unlike the
    :math:`\|x\|^2 + \|y\|^2 - 2\langle x, y\rangle` expansion.
    """
    X, Y = _pair(X, Y)
    return np.sqrt(_accumulate(X, Y, np.square))


def pairwise_manhattan(X, Y=None) -> np.ndarray:
    r"""Manhattan (city-block) distances :math:`d_1(x, y) = \sum_i |x_i - y_i|`."""
    X, Y = _pair(X, Y)
    return _accumulate(X, Y, np.abs)


def pairwise_minkowski(X, Y=None, p: float = 2.0) -> np.ndarray:
    r"""Minkowski distances :math:`d_p(x, y) = (\sum_i |x_i - y_i|^p)^{1/p}`, ``p >= 1``; ``p=np.inf`` is Chebyshev."""
    X, Y = _pair(X, Y)
    if not (p >= 1):
        raise ValueError(f"p must be >= 1 for a metric (the unit ball is not convex for p < 1), got {p}")
    if np.isinf(p):
        out = np.zeros((X.shape[0], Y.shape[0]))
        for k in range(X.shape[1]):
            np.maximum(out, np.abs(X[:, k, None] - Y[None, :, k]), out=out)
        return out
    return _accumulate(X, Y, lambda D: np.abs(D) ** p) ** (1.0 / p)


def pairwise_cosine_distance(X, Y=None) -> np.ndarray:
    r"""Cosine distances :math:`d_{\cos}(x, y) = 1 - \frac{\langle x, y\rangle}{\|x\|_2 \|y\|_2}`, in [0, 2].

    Raises ``ValueError`` if any row is the zero vector (its direction, hence the angle, is undefined).
    """
    X, Y = _pair(X, Y)
    nx, ny = np.linalg.norm(X, axis=1), np.linalg.norm(Y, axis=1)
    for name, norms in (("X", nx), ("Y", ny)):
        zero = np.flatnonzero(norms == 0)
        if zero.size:
            raise ValueError(f"cosine distance is undefined for zero vectors: {name} rows {zero.tolist()[:5]} are all zeros")
    cos = (X / nx[:, None]) @ (Y / ny[:, None]).T
    return 1.0 - np.clip(cos, -1.0, 1.0)


#: a covariance is singular when its smallest eigenvalue is at most this fraction of the largest (a rank-deficient
#: covariance computed from data has a smallest eigenvalue of about 1e-16 of the largest, of either sign)
SINGULAR_RTOL = 1e-10
#: a feature is constant when its standard deviation is at most this fraction of its largest absolute value
#: (``np.std`` of a constant column of 0.1 is about 1e-17, not 0); scikit-learn's StandardScaler uses a similar bound
CONSTANT_RTOL = 1e-10


def check_covariance(cov, n_features: int | None = None, name: str = "cov") -> np.ndarray:
    """Validate a covariance matrix: square, symmetric, positive definite (so it can be inverted): the smallest
    eigenvalue must exceed :data:`SINGULAR_RTOL` times the largest.

    Raises ``ValueError`` naming the problem (shape, asymmetry, singular / not positive definite).
    """
    C = np.asarray(cov, dtype=float)
    if C.ndim != 2 or C.shape[0] != C.shape[1]:
        raise ValueError(f"{name} must be a square matrix, got shape {C.shape}")
    if n_features is not None and C.shape[0] != n_features:
        raise ValueError(f"{name} is {C.shape[0]}x{C.shape[0]} but the data have {n_features} features")
    if not np.all(np.isfinite(C)):
        raise ValueError(f"{name} contains NaN or infinite values")
    if not np.allclose(C, C.T, rtol=1e-10, atol=1e-12 * max(1.0, np.abs(C).max())):
        raise ValueError(f"{name} must be symmetric")
    eig = np.linalg.eigvalsh(C)
    if eig[0] <= SINGULAR_RTOL * eig[-1]:        # relative to the largest: units do not matter
        raise ValueError(
            f"{name} is singular or not positive definite (smallest eigenvalue {eig[0]:.3g}): "
            "some direction has zero variance, so the Mahalanobis distance is undefined")
    return C


def pairwise_mahalanobis(X, Y=None, cov=None) -> np.ndarray:
    r"""Mahalanobis distances :math:`d_M(x, y) = \sqrt{(x-y)^\top \Sigma^{-1} (x-y)}`.

    Computed as Euclidean distance after whitening with :math:`L^{-1}`, where :math:`\Sigma = L L^\top`
    (Cholesky). ``cov=None`` uses the population covariance of X.
    """
    X, Y = _pair(X, Y)
    C = covariance(X) if cov is None else cov
    C = check_covariance(C, X.shape[1])
    L = np.linalg.cholesky(C)
    Xw = np.linalg.solve(L, X.T).T
    Yw = np.linalg.solve(L, Y.T).T
    return pairwise_euclidean(Xw, Yw)


METRICS = {
    "euclidean": pairwise_euclidean,
    "manhattan": pairwise_manhattan,
    "cosine": pairwise_cosine_distance,
    "mahalanobis": pairwise_mahalanobis,
}


def pairwise_distances(X, Y=None, metric: str = "euclidean", **kwargs) -> np.ndarray:
    """Dispatch to ``pairwise_<metric>``; ``metric`` is one of :data:`METRICS` or ``"minkowski"`` (with ``p=``)."""
    if metric == "minkowski":
        return pairwise_minkowski(X, Y, **kwargs)
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; choose one of {sorted(METRICS) + ['minkowski']}")
    return METRICS[metric](X, Y, **kwargs)


# ----------------------------------------------------------------------------------------- scalers
def zscore_fit(X, ddof: int = 0):
    r"""Learn z-score parameters on training data: :math:`\mu_j = \frac1n\sum_i x_{ij}`,
    :math:`\sigma_j^2 = \frac1n \sum_i (x_{ij}-\mu_j)^2` (population variance, ``ddof=0``, as in the lecture
    and in scikit-learn's StandardScaler). A constant feature -- :math:`\sigma_j \le` :data:`CONSTANT_RTOL`
    :math:`\cdot \max_i |x_{ij}|`, which rounding makes of an exactly constant column -- gets :math:`\sigma_j = 1`
    (it is only centred).
    """
    X = as_matrix(X)
    mu = X.mean(axis=0)
    sigma = X.std(axis=0, ddof=ddof)
    constant = sigma <= CONSTANT_RTOL * np.abs(X).max(axis=0)
    return mu, np.where(constant, 1.0, sigma)


def zscore_transform(X, mean, std) -> np.ndarray:
    r""":math:`x'_{ij} = (x_{ij} - \mu_j) / \sigma_j` with parameters from :func:`zscore_fit`."""
    return apply_scaler(X, mean, std)


def minmax_fit(X):
    r"""Min-max parameters: centre :math:`\min_j`, scale :math:`\max_j - \min_j` (1 for a constant feature)."""
    X = as_matrix(X)
    lo, hi = X.min(axis=0), X.max(axis=0)
    return lo, np.where(hi > lo, hi - lo, 1.0)


def minmax_transform(X, lo, span) -> np.ndarray:
    r""":math:`x' = (x - \min) / (\max - \min)`; training data land in [0, 1], new data may fall outside."""
    return apply_scaler(X, lo, span)


def robust_fit(X):
    r"""Robust parameters: centre = median, scale = :math:`IQR = Q_3 - Q_1` (1 where the IQR is 0)."""
    X = as_matrix(X)
    q1, med, q3 = np.percentile(X, [25, 50, 75], axis=0)
    iqr = q3 - q1
    return med, np.where(iqr > 0, iqr, 1.0)


def robust_transform(X, median, iqr) -> np.ndarray:
    r""":math:`x' = (x - \mathrm{median}) / IQR`."""
    return apply_scaler(X, median, iqr)


SCALERS = {"none": None, "minmax": minmax_fit, "zscore": zscore_fit, "robust": robust_fit}


def fit_scaler(kind: str, X):
    """Return ``(center, scale)`` for scaler ``kind`` in :data:`SCALERS` (``"none"`` gives 0 and 1)."""
    if kind not in SCALERS:
        raise ValueError(f"unknown scaler {kind!r}; choose one of {sorted(SCALERS)}")
    X = as_matrix(X)
    if kind == "none":
        return np.zeros(X.shape[1]), np.ones(X.shape[1])
    return SCALERS[kind](X)


def apply_scaler(X, center, scale) -> np.ndarray:
    """Return ``(X - center) / scale`` after checking that the parameters match X's columns."""
    X = as_matrix(X)
    center = np.asarray(center, dtype=float).ravel()
    scale = np.asarray(scale, dtype=float).ravel()
    if center.shape != (X.shape[1],) or scale.shape != (X.shape[1],):
        raise ValueError(
            f"scaler parameters have {center.size} / {scale.size} entries but X has {X.shape[1]} features")
    if np.any(scale == 0):
        raise ValueError("scale contains zeros")
    return (X - center) / scale


# ----------------------------------------------------------------------------------------- kNN
def _check_k(k, n_train: int) -> None:
    if not (isinstance(k, (int, np.integer)) and 1 <= k <= n_train):
        raise ValueError(f"k must be an integer between 1 and the number of training samples ({n_train}), got {k!r}")


def _check_labels(y_train, n_train: int) -> np.ndarray:
    y_train = np.asarray(y_train)
    if y_train.ndim != 1 or y_train.shape[0] != n_train:
        raise ValueError(f"y_train must be 1-D with one label per training row ({n_train}), got shape {y_train.shape}")
    return y_train


def knn_neighbors(X_train, X_query, k: int, metric: str = "euclidean", **kwargs) -> np.ndarray:
    """Indices ``(n_query, k)`` of the k nearest training rows for each query row, nearest first.

    Ties in distance are broken by the lower training index (a stable sort), so results are deterministic.
    For ``metric="mahalanobis"`` without ``cov=``, the covariance is learned on the TRAINING rows.
    """
    if metric == "mahalanobis" and kwargs.get("cov") is None:
        kwargs["cov"] = covariance(X_train)
    D = pairwise_distances(X_query, X_train, metric=metric, **kwargs)
    n_train = D.shape[1]
    _check_k(k, n_train)
    return np.argsort(D, axis=1, kind="stable")[:, :k]


def knn_predict(X_train, y_train, X_query, k: int = 5, metric: str = "euclidean", **kwargs) -> np.ndarray:
    """Majority vote of the k nearest neighbours; a tied vote goes to the smallest label."""
    X_train = as_matrix(X_train, "X_train")
    y_train = _check_labels(y_train, X_train.shape[0])
    idx = knn_neighbors(X_train, X_query, k, metric=metric, **kwargs)
    labels, codes = np.unique(y_train, return_inverse=True)
    votes = np.zeros((idx.shape[0], labels.size), dtype=int)
    np.add.at(votes, (np.repeat(np.arange(idx.shape[0]), idx.shape[1]), codes[idx].ravel()), 1)
    return labels[votes.argmax(axis=1)]


def accuracy(y_true, y_pred) -> float:
    """Fraction of equal labels."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"shapes differ: {y_true.shape} vs {y_pred.shape}")
    return float(np.mean(y_true == y_pred))


# ----------------------------------------------------------------------------------------- covariance, unit balls
def covariance(X, ddof: int = 0) -> np.ndarray:
    r"""Covariance matrix :math:`\Sigma = \frac{1}{n - \mathrm{ddof}} (X-\mu)^\top (X-\mu)`."""
    X = as_matrix(X)
    if X.shape[0] <= ddof:
        raise ValueError(f"need more than {ddof} samples, got {X.shape[0]}")
    Xc = X - X.mean(axis=0)
    return Xc.T @ Xc / (X.shape[0] - ddof)


def lp_unit_circle(p: float, n: int = 400) -> np.ndarray:
    r"""``(n, 2)`` closed polyline of the unit circle :math:`\{x \in \mathbb{R}^2 : \|x\|_p = 1\}`, ``p > 0``."""
    if not (p > 0):
        raise ValueError(f"p must be positive, got {p}")
    t = np.linspace(0.0, 2.0 * np.pi, n)
    c, s = np.cos(t), np.sin(t)
    if np.isinf(p):
        m = np.maximum(np.abs(c), np.abs(s))
        return np.stack([c / m, s / m], axis=1)
    norm = (np.abs(c) ** p + np.abs(s) ** p) ** (1.0 / p)
    return np.stack([c / norm, s / norm], axis=1)

# ----------------------------------------------------------------------------------------- kNN on a grid, kNN after scaling
def knn_grid_predict(X_train, y_train, xs, ys, k: int = 5, dtype=np.float64) -> np.ndarray:
    r"""Euclidean k-NN majority vote at every node of the grid ``xs`` x ``ys`` (2-D features only).

    Returns an array of labels of shape ``(len(ys), len(xs))`` (row ``i`` is ``ys[i]``), the layout
    ``imshow(..., origin="lower")`` expects. Vectorized for speed (decision regions in a live widget): the
    squared distance separates, :math:`d^2 = (x_1 - t_1)^2 + (x_2 - t_2)^2`, so it is built from two small
    ``(len, n_train)`` tables; a node's voters are the training points not farther than its k-th nearest.
    A tied vote goes to the smallest label (as :func:`knn_predict`); exact ties in distance at the k-th
    neighbour (measure zero for continuous data) would admit the tied points as extra voters.
    Computed in blocks of grid rows that fit in the CPU cache. ``dtype=np.float32`` halves the memory
    traffic (about 2x faster); the widget uses it.
    """
    X_train = as_matrix(X_train, "X_train")
    if X_train.shape[1] != 2:
        raise ValueError(f"knn_grid_predict works on 2 features, X_train has {X_train.shape[1]}")
    y_train = _check_labels(y_train, X_train.shape[0])
    n_train = X_train.shape[0]
    _check_k(k, n_train)
    xs = np.asarray(xs, dtype=float).ravel()
    ys = np.asarray(ys, dtype=float).ravel()
    labels, codes = np.unique(y_train, return_inverse=True)
    order = np.argsort(codes, kind="stable")                   # training columns grouped by label
    bounds = np.searchsorted(codes[order], np.arange(labels.size + 1))
    T = X_train[order]
    dx2 = ((xs[:, None] - T[None, :, 0]) ** 2).astype(dtype, copy=False)   # (nx, n_train)
    dy2 = ((ys[:, None] - T[None, :, 1]) ** 2).astype(dtype, copy=False)   # (ny, n_train)
    out = np.empty((ys.size, xs.size), dtype=np.intp)
    rows = max(1, (1 << 17) // max(1, xs.size * n_train))      # grid rows per block: the block stays in cache
    for a in range(0, ys.size, rows):
        D = dy2[a:a + rows, None, :] + dx2[None, :, :]          # (rows, nx, n_train) squared distances
        kth = np.partition(D, k - 1, axis=2)[:, :, k - 1:k]
        voter = D <= kth
        votes = np.stack([np.count_nonzero(voter[:, :, lo:hi], axis=2) for lo, hi in zip(bounds[:-1], bounds[1:])],
                         axis=2)                                # (rows, nx, n_labels)
        out[a:a + rows] = votes.argmax(axis=2)
    return labels[out]


def scaled_knn_predict(X_train, y_train, X_query, k: int = 5, scaler: str = "none", metric: str = "euclidean",
                       **kwargs) -> np.ndarray:
    """k-NN after a scaler fitted on the TRAINING rows only (``scaler`` in :data:`SCALERS`), then applied to
    both sets. ``metric="mahalanobis"`` uses the covariance of the scaled training rows unless ``cov=`` is
    given; other keyword arguments go to :func:`pairwise_distances` (e.g. ``p=`` for Minkowski)."""
    center, scale = fit_scaler(scaler, X_train)
    T = apply_scaler(X_train, center, scale)
    Q = apply_scaler(X_query, center, scale)
    return knn_predict(T, y_train, Q, k=k, metric=metric, **kwargs)  # Mahalanobis: cov learned on T


