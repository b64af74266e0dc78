r"""Module 03 maths (numpy): scalers with scikit-learn's conventions, the conditioning of least squares, gradient
descent, coefficients mapped back to original units, and the bias-variance decomposition.

Conventions fixed once for the module (the lecture, the widgets and the assignment use the same):

* the least-squares design :math:`X` is the matrix of **centred** features; the intercept is handled separately
  (it is the mean of :math:`y`), so :math:`\kappa = \kappa(X^\top X) = \lambda_{\max}/\lambda_{\min}`;
* the loss is :math:`L(w) = \frac{1}{2n}\lVert Xw - y_c\rVert^2` with gradient :math:`\frac1n X^\top(Xw - y_c)` and
  Lipschitz constant :math:`L = \lambda_{\max}(X^\top X)/n`; gradient descent starts at :math:`w = 0`.
"""
from __future__ import annotations

import numpy as np

from ...metrics import as_matrix

__all__ = ["minmax_fit", "minmax_transform", "minmax_inverse", "robust_fit", "robust_transform",
           "zscore_fit", "centred", "gram_condition", "lipschitz", "gd_least_squares", "gd_iterations",
           "gd_bound", "lstsq_centred", "unscale_coefficients", "bias_variance", "middle_interval_width",
           "saturated_fraction"]


# ----------------------------------------------------------------------------------------- scalers
def minmax_fit(X, feature_range=(0.0, 1.0)):
    r"""Min-max parameters as scikit-learn's ``MinMaxScaler``: ``scale = (b - a) / (max - min)`` and
    ``min_ = a - min * scale`` so that :math:`x' = x \cdot scale + min\_`; a constant feature gets scale
    ``b - a`` (its range is treated as 1). Returns ``(scale, min_)``."""
    X = as_matrix(X)
    a, b = map(float, feature_range)
    if not a < b:
        raise ValueError(f"feature_range must be (a, b) with a < b, got {feature_range}")
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    scale = (b - a) / span
    return scale, a - lo * scale


def minmax_transform(X, scale, min_) -> np.ndarray:
    """:math:`x' = x \\cdot scale + min\\_` (training data land in ``feature_range``; new data may fall outside)."""
    return as_matrix(X) * scale + min_


def minmax_inverse(Xs, scale, min_) -> np.ndarray:
    """The inverse map :math:`x = (x' - min\\_) / scale`."""
    return (as_matrix(Xs) - min_) / scale


def robust_fit(X, quantile_range=(25.0, 75.0)):
    r"""Robust parameters as scikit-learn's ``RobustScaler``: centre = median, scale = :math:`Q_3 - Q_1` with
    numpy's default (linear) percentile rule; 1 where the IQR is 0. Returns ``(center, scale)``."""
    X = as_matrix(X)
    q1, med, q3 = np.percentile(X, [quantile_range[0], 50.0, quantile_range[1]], axis=0)
    iqr = q3 - q1
    return med, np.where(iqr > 0, iqr, 1.0)


def robust_transform(X, center, scale) -> np.ndarray:
    return (as_matrix(X) - center) / scale


def zscore_fit(X):
    """Mean and population standard deviation (1 for a constant feature), as ``StandardScaler``."""
    X = as_matrix(X)
    sd = X.std(axis=0)
    return X.mean(axis=0), np.where(sd > 0, sd, 1.0)


# ----------------------------------------------------------------------------------------- conditioning, GD
def centred(X) -> np.ndarray:
    X = as_matrix(X)
    return X - X.mean(axis=0)


def gram_condition(X) -> float:
    r""":math:`\kappa(X_c^\top X_c)` of the centred features (eigenvalues of the Gram matrix, largest / smallest)."""
    Xc = centred(X)
    ev = np.linalg.eigvalsh(Xc.T @ Xc)
    return float(ev[-1] / ev[0])


def lipschitz(X) -> float:
    r""":math:`L = \lambda_{\max}(X_c^\top X_c) / n`, the Lipschitz constant of the loss' gradient."""
    Xc = centred(X)
    return float(np.linalg.eigvalsh(Xc.T @ Xc)[-1] / Xc.shape[0])


def lstsq_centred(X, y):
    """The least-squares solution on centred data: ``(w, b)`` with ``b = mean(y) - mean(X) @ w``."""
    X = as_matrix(X)
    y = np.asarray(y, dtype=float)
    w = np.linalg.lstsq(centred(X), y - y.mean(), rcond=None)[0]
    return w, float(y.mean() - X.mean(axis=0) @ w)


def gd_least_squares(X, y, steps: int, lr: float | None = None) -> np.ndarray:
    r"""Gradient descent on :math:`\frac{1}{2n}\lVert X_c w - y_c\rVert^2` from :math:`w_0 = 0` with step ``lr``
    (default :math:`1/L`). Returns the weight history ``(steps + 1, d)``."""
    Xc = centred(X)
    yc = np.asarray(y, dtype=float) - np.mean(y)
    n = Xc.shape[0]
    lr = 1.0 / lipschitz(X) if lr is None else float(lr)
    G, h = Xc.T @ Xc / n, Xc.T @ yc / n
    W = np.zeros((steps + 1, Xc.shape[1]))
    for t in range(steps):
        W[t + 1] = W[t] - lr * (G @ W[t] - h)
    return W


def gd_iterations(X, y, tol: float = 1e-6, max_iter: int = 200_000, lr: float | None = None) -> int | None:
    r"""Iterations of :func:`gd_least_squares` until the relative optimality gap
    :math:`(L(w_t) - L^*) / (L(w_0) - L^*)` falls below ``tol``; None if not within ``max_iter``."""
    Xc = centred(X)
    yc = np.asarray(y, dtype=float) - np.mean(y)
    n = Xc.shape[0]
    lr = 1.0 / lipschitz(X) if lr is None else float(lr)
    G, h = Xc.T @ Xc / n, Xc.T @ yc / n
    w_star = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    # L(w) - L* = 1/2 (w - w*)^T G (w - w*)
    gap0 = 0.5 * w_star @ G @ w_star
    w = np.zeros_like(w_star)
    for t in range(1, max_iter + 1):
        w = w - lr * (G @ w - h)
        e = w - w_star
        if 0.5 * e @ G @ e <= tol * gap0:
            return t
    return None


def gd_bound(kappa: float, tol: float = 1e-6) -> float:
    r"""Iterations that step :math:`1/L` needs at most for a relative gap ``tol``: the gap shrinks at least by
    :math:`(1 - 1/\kappa)^2` per step, so :math:`t \ge \ln(1/\varepsilon) / (-2\ln(1 - 1/\kappa)) \approx
    \frac{\kappa}{2}\ln\frac1\varepsilon`."""
    if kappa <= 1:
        return 1.0
    return float(np.log(1.0 / tol) / (-2.0 * np.log1p(-1.0 / kappa)))


def unscale_coefficients(w_scaled, b_scaled, mean, scale):
    r"""Coefficients learned on :math:`(x - \mu)/s` mapped back to original units:
    :math:`w = w'/s`, :math:`b = b' - \sum_j w'_j \mu_j / s_j`, so that predictions are the same."""
    w_scaled = np.asarray(w_scaled, dtype=float)
    w = w_scaled / np.asarray(scale, dtype=float)
    return w, float(b_scaled - w @ np.asarray(mean, dtype=float))


# ----------------------------------------------------------------------------------------- bias-variance
def bias_variance(predictions, f_true, y_noisy=None):
    r"""Decomposition from ``predictions`` (R, n): R models (one per training set) at n test points.

    :math:`\mathrm{Bias}^2 = \frac1n\sum_i(\bar f_i - f_i)^2`, :math:`\mathrm{Var} = \frac1n\sum_i \frac1R
    \sum_r (\hat f_{ri} - \bar f_i)^2` (population variance), with :math:`\bar f_i` the mean prediction and
    :math:`f_i` the TRUE function; then Bias² + Var equals the mean squared error against ``f_true`` exactly.
    Returns a dict with ``bias2``, ``variance``, ``mse_true`` and, when noisy targets ``y_noisy`` (R, n) or (n,)
    are given, ``mse_noisy``."""
    P = np.asarray(predictions, dtype=float)
    f = np.asarray(f_true, dtype=float)
    if P.ndim != 2 or f.shape != (P.shape[1],):
        raise ValueError(f"predictions must be (R, n) and f_true (n,), got {P.shape} and {f.shape}")
    mean = P.mean(axis=0)
    out = {"bias2": float(np.mean((mean - f) ** 2)), "variance": float(np.mean(P.var(axis=0))),
           "mse_true": float(np.mean((P - f) ** 2))}
    if y_noisy is not None:
        out["mse_noisy"] = float(np.mean((P - np.asarray(y_noisy, dtype=float)) ** 2))
    return out


# ----------------------------------------------------------------------------------------- outliers, saturation
def middle_interval_width(x, share: float = 0.95) -> float:
    """Width of the interval between the (1 - share)/2 and (1 + share)/2 quantiles of ``x``."""
    lo, hi = np.quantile(np.asarray(x, dtype=float), [(1 - share) / 2, (1 + share) / 2])
    return float(hi - lo)


def saturated_fraction(X, W, b=0.0, activation: str = "tanh", threshold: float = 0.99) -> float:
    r"""Share of hidden units (over rows and units) whose activation of :math:`XW + b` is saturated:
    :math:`|\tanh| > 0.99` or a sigmoid outside :math:`[0.01, 0.99]`."""
    Z = as_matrix(X) @ np.asarray(W, dtype=float) + b
    if activation == "tanh":
        return float(np.mean(np.abs(np.tanh(Z)) > threshold))
    if activation == "sigmoid":
        s = 1.0 / (1.0 + np.exp(-Z))
        return float(np.mean((s > threshold) | (s < 1 - threshold)))
    raise ValueError(f"activation must be 'tanh' or 'sigmoid', got {activation!r}")


# ---- widgets
def gd_gap_curve(X, y, lr: float, steps: int) -> np.ndarray:
    r"""Relative optimality gap :math:`(L(w_t) - L^*) / (L(w_0) - L^*)` for :math:`t = 0..steps` of
    :func:`gd_least_squares` in closed form: in the eigenbasis of :math:`G = X_c^\top X_c / n` the gap is
    :math:`\frac12\sum_i \lambda_i c_i^2 (1 - \eta\lambda_i)^{2t}` with :math:`c = V^\top w^*` (w0 = 0)."""
    lam, c2 = _gd_modes(X, y)
    q = (1.0 - float(lr) * lam) ** 2
    t = np.arange(int(steps) + 1)[:, None]
    with np.errstate(over="ignore"):
        gaps = (lam * c2 * q[None, :] ** t).sum(axis=1)
    return gaps / (lam * c2).sum()


def _gd_modes(X, y):
    Xc = centred(X)
    yc = np.asarray(y, dtype=float) - np.mean(y)
    G = Xc.T @ Xc / Xc.shape[0]
    lam, V = np.linalg.eigh(G)
    w_star = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    return lam, (V.T @ w_star) ** 2


def gd_iterations_fast(X, y, tol: float = 1e-6, max_iter: int = 200_000, lr: float | None = None) -> int | None:
    """The same number as :func:`gd_iterations`, without running 200 000 steps when it is hopeless: the closed
    form of :func:`gd_gap_curve` decides first (a factor >= 1 on a mode that matters, or more than ``max_iter``
    steps needed: None); otherwise :func:`gd_iterations` runs (a few hundred steps on scaled data)."""
    lam, c2 = _gd_modes(X, y)
    lr_ = 1.0 / lipschitz(X) if lr is None else float(lr)
    a = lam * c2
    a = a / a.sum()
    q = (1.0 - lr_ * lam) ** 2
    live = a > 1e-14
    if np.any(q[live] >= 1.0):
        return None

    def gap(t):
        return float(np.sum(a[live] * q[live] ** t))

    if gap(max_iter) > tol * (1 + 1e-6):
        return None
    return gd_iterations(X, y, tol=tol, max_iter=max_iter, lr=lr_)


__all__ += ["gd_gap_curve", "gd_iterations_fast"]
