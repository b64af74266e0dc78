r"""Module 04 maths (numpy): row-wise Lp normalization, unit balls and convexity, cosine similarity, TF-IDF with
scikit-learn's conventions, and the regularized least squares the blog confuses with normalization (soft
thresholding, coordinate-descent Lasso, ridge in closed form, exact 2-D penalized and constrained problems), plus
the least-absolute-deviations line.

Conventions fixed once for the module (the lecture, the widgets and the assignment use the same):

* **normalization acts on rows** (samples): :math:`x' = x / \lVert x\rVert_p`; a zero row stays zero (as
  ``sklearn.preprocessing.normalize``);
* ``idf`` as ``TfidfTransformer``: smooth :math:`\ln\frac{1+n}{1+df} + 1`, plain :math:`\ln\frac{n}{df} + 1`;
* Lasso minimizes :math:`\frac{1}{2n}\lVert y - Xw\rVert^2 + \alpha\lVert w\rVert_1` (scikit-learn's scaling, no
  intercept); ridge minimizes :math:`\lVert y - Xw - b\rVert^2 + \alpha\lVert w\rVert^2` (no :math:`1/n`, the
  intercept :math:`b` not penalized), as ``sklearn.linear_model.Ridge``.
"""
from __future__ import annotations

import numpy as np

from ...metrics import as_matrix

__all__ = ["NORMS", "lp_norms", "normalize_rows", "lp_normalize", "sphere_samples", "midpoint_excess",
           "convexity_violations", "row_angles", "cosine_similarity", "cosine_distance", "nearest",
           "document_frequency", "idf", "tfidf", "soft_threshold", "lasso_objective", "lasso_cd",
           "ridge_closed_form", "lasso_2d", "ridge_2d", "l1_constrained_2d", "l2_constrained_2d",
           "random_quadratics", "quadratic_2d", "ls_line", "lad_line"]

#: the row norms of ``normalize_rows`` (scikit-learn's names)
NORMS = ("l1", "l2", "max")
_P = {"l1": 1.0, "l2": 2.0, "max": np.inf}


# ----------------------------------------------------------------------------------------- norms of rows
def _p(p) -> float:
    if isinstance(p, str):
        if p not in _P:
            raise ValueError(f"norm must be one of {NORMS} or a number p > 0, got {p!r}")
        return _P[p]
    p = float(p)
    if not p > 0:
        raise ValueError(f"p must be positive (or inf), got {p}")
    return p


def lp_norms(X, p=2.0) -> np.ndarray:
    r""":math:`\lVert x_i\rVert_p = (\sum_j |x_{ij}|^p)^{1/p}` of every row (``p = inf``: the largest
    :math:`|x_{ij}|`; ``0 < p < 1`` gives the quasi-norm, whose unit ball is not convex). ``p`` may be ``"l1"``,
    ``"l2"``, ``"max"``."""
    X, p = as_matrix(X), _p(p)
    A = np.abs(X)
    if np.isinf(p):
        return A.max(axis=1)
    if p == 1.0:
        return A.sum(axis=1)
    if p == 2.0:
        return np.sqrt(np.einsum("ij,ij->i", X, X))
    m = A.max(axis=1)                                # scale first: no overflow / underflow of |x|^p
    safe = np.where(m > 0, m, 1.0)
    return m * ((A / safe[:, None]) ** p).sum(axis=1) ** (1.0 / p)


def lp_normalize(X, p=2.0) -> np.ndarray:
    r"""Every row divided by its :math:`L_p` norm; rows of norm 0 stay 0 (scikit-learn's rule)."""
    X = as_matrix(X)
    n = lp_norms(X, p)
    return X / np.where(n > 0, n, 1.0)[:, None]


def normalize_rows(X, norm: str = "l2") -> np.ndarray:
    """``sklearn.preprocessing.normalize(X, norm)`` for ``norm`` in ``("l1", "l2", "max")``: rows scaled to unit
    norm, zero rows left as they are. A 1-D input is one row."""
    if norm not in NORMS:
        raise ValueError(f"norm must be one of {NORMS}, got {norm!r}")
    return lp_normalize(X, norm)


# ----------------------------------------------------------------------------------------- unit balls, convexity
def sphere_samples(p, n: int, d: int = 2, seed: int = 0) -> np.ndarray:
    r"""``n`` points on the unit :math:`L_p` sphere of :math:`\mathbb{R}^d` (Gaussian directions divided by their
    :math:`L_p` norm; not uniform in surface measure, which the midpoint test does not need)."""
    Z = np.random.default_rng(seed).standard_normal((int(n), int(d)))
    return lp_normalize(Z, p)


def midpoint_excess(f, A, B) -> np.ndarray:
    r""":math:`f(\frac{a+b}{2}) - \frac{f(a) + f(b)}{2}` for every pair of rows: never positive for a convex ``f``
    (up to rounding); a positive value is a witness of non-convexity. ``f`` maps an (n, d) array to (n,)."""
    A, B = as_matrix(A, "A"), as_matrix(B, "B")
    return np.asarray(f((A + B) / 2.0)) - (np.asarray(f(A)) + np.asarray(f(B))) / 2.0


def convexity_violations(p, n_pairs: int = 10_000, d: int = 2, seed: int = 0, rtol: float = 1e-12) -> float:
    r"""Share of random pairs of points on the unit :math:`L_p` sphere whose midpoint lies **outside** the unit
    ball (:math:`\lVert\frac{a+b}{2}\rVert_p > 1`): 0 for :math:`p \ge 1` (the ball is convex), positive below 1."""
    S = sphere_samples(p, 2 * int(n_pairs), d, seed)
    mid = lp_norms((S[0::2] + S[1::2]) / 2.0, p)
    return float(np.mean(mid > 1.0 + rtol))


def row_angles(X, Y) -> np.ndarray:
    """Angle in degrees between row i of ``X`` and row i of ``Y`` (how far a transformation turned each vector)."""
    X, Y = as_matrix(X, "X"), as_matrix(Y, "Y")
    c = np.einsum("ij,ij->i", X, Y) / (lp_norms(X) * lp_norms(Y))
    return np.degrees(np.arccos(np.clip(c, -1.0, 1.0)))


# ----------------------------------------------------------------------------------------- cosine
def cosine_similarity(X, Y=None) -> np.ndarray:
    r""":math:`S_{ij} = \langle \hat x_i, \hat y_j\rangle` with rows L2-normalized first (so :math:`\cos\theta`);
    a zero row has similarity 0 with everything (``sklearn.metrics.pairwise.cosine_similarity``)."""
    Xn = normalize_rows(X, "l2")
    Yn = Xn if Y is None else normalize_rows(Y, "l2")
    if Xn.shape[1] != Yn.shape[1]:
        raise ValueError(f"X and Y must have the same number of columns, got {Xn.shape[1]} and {Yn.shape[1]}")
    return Xn @ Yn.T


def cosine_distance(X, Y=None) -> np.ndarray:
    r""":math:`d_{\cos} = 1 - \cos\theta` (= :math:`\frac12\lVert \hat x - \hat y\rVert^2` on the unit sphere)."""
    return 1.0 - cosine_similarity(X, Y)


def nearest(M, k: int = 1, largest: bool = False, exclude_self: bool = True) -> np.ndarray:
    """``(n, k)`` column indices of the ``k`` smallest (or largest) entries of every row of the square matrix ``M``
    (a distance or similarity matrix), the diagonal excluded; ties broken by the lower index (stable sort)."""
    M = np.array(M, dtype=float)
    if largest:
        M = -M
    if exclude_self:
        np.fill_diagonal(M, np.inf)
    return np.argsort(M, axis=1, kind="stable")[:, :int(k)]


# ----------------------------------------------------------------------------------------- TF-IDF
def document_frequency(counts) -> np.ndarray:
    """Number of documents (rows) in which each term (column) occurs."""
    C = as_matrix(counts, "counts")
    if np.any(C < 0):
        raise ValueError("counts must be non-negative")
    return (C > 0).sum(axis=0)


def idf(counts, smooth_idf: bool = True) -> np.ndarray:
    r"""Inverse document frequency as ``TfidfTransformer``: smooth :math:`\ln\frac{1+n}{1+df} + 1` (as if one extra
    document held every term once), plain :math:`\ln\frac{n}{df} + 1` (needs :math:`df > 0` for every term)."""
    C = as_matrix(counts, "counts")
    df = document_frequency(C).astype(float)
    n = C.shape[0]
    if smooth_idf:
        return np.log((1.0 + n) / (1.0 + df)) + 1.0
    if np.any(df == 0):
        raise ValueError("a term occurs in no document: its plain idf ln(n/0) is infinite (use smooth_idf=True)")
    return np.log(n / df) + 1.0


def tfidf(counts, smooth_idf: bool = True, norm: str | None = "l2", sublinear_tf: bool = False) -> np.ndarray:
    r"""TF-IDF as ``TfidfTransformer``: :math:`tf_{ij} \cdot idf_j` (``sublinear_tf``: :math:`1 + \ln tf` for
    :math:`tf > 0`), then every row normalized by ``norm`` (``None``: not normalized)."""
    C = as_matrix(counts, "counts")
    tf = C.copy()
    if sublinear_tf:
        pos = tf > 0
        tf[pos] = 1.0 + np.log(tf[pos])
    W = tf * idf(C, smooth_idf)
    return W if norm is None else normalize_rows(W, norm)


# ----------------------------------------------------------------------------------------- regularized least squares
def soft_threshold(z, t):
    r""":math:`S_t(z) = \operatorname{sign}(z)\max(|z| - t, 0)`: the minimizer of :math:`\frac12(w - z)^2 + t|w|`
    (exactly 0 for :math:`|z| \le t`)."""
    z = np.asarray(z, dtype=float)
    t = float(t)
    if t < 0:
        raise ValueError(f"the threshold must be non-negative, got {t}")
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


def _xy(X, y):
    X = as_matrix(X)
    y = np.asarray(y, dtype=float).ravel()
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]} values")
    if not np.all(np.isfinite(y)):
        raise ValueError("y contains NaN or infinite values")
    return X, y


def lasso_objective(X, y, w, alpha: float) -> float:
    r""":math:`\frac{1}{2n}\lVert y - Xw\rVert^2 + \alpha\lVert w\rVert_1`."""
    X, y = _xy(X, y)
    r = y - X @ np.asarray(w, dtype=float)
    return float(r @ r / (2 * X.shape[0]) + float(alpha) * np.abs(w).sum())


def lasso_cd(X, y, alpha: float, w0=None, tol: float = 1e-10, max_iter: int = 100_000):
    r"""Cyclic coordinate descent for :math:`\frac{1}{2n}\lVert y - Xw\rVert^2 + \alpha\lVert w\rVert_1` (no
    intercept). Coordinate update :math:`w_j \leftarrow S_{\alpha}(\frac1n x_j^\top r_j) / (\frac1n\lVert
    x_j\rVert^2)` with :math:`r_j = y - Xw + x_j w_j`; a zero column gets :math:`w_j = 0`. Stops after the first
    full sweep whose largest :math:`|\Delta w_j|` is at most ``tol``. Returns ``(w, sweeps)``."""
    X, y = _xy(X, y)
    alpha = float(alpha)
    if alpha < 0:
        raise ValueError(f"alpha must be non-negative, got {alpha}")
    n, d = X.shape
    w = np.zeros(d) if w0 is None else np.array(w0, dtype=float).ravel()
    col = np.einsum("ij,ij->j", X, X) / n
    r = y - X @ w
    for sweep in range(1, int(max_iter) + 1):
        biggest = 0.0
        for j in range(d):
            old = w[j]
            if col[j] == 0.0:
                new = 0.0
            else:
                rho = X[:, j] @ r / n + col[j] * old
                new = float(np.sign(rho) * max(abs(rho) - alpha, 0.0) / col[j])
            if new != old:
                r -= X[:, j] * (new - old)
                w[j] = new
                biggest = max(biggest, abs(new - old))
        if biggest <= tol:
            return w, sweep
    return w, int(max_iter)


def ridge_closed_form(X, y, alpha: float, fit_intercept: bool = True):
    r"""The minimizer of :math:`\lVert y - Xw - b\rVert^2 + \alpha\lVert w\rVert^2` (``sklearn.linear_model.Ridge``):
    centre :math:`X` and :math:`y`, solve :math:`(X_c^\top X_c + \alpha I)w = X_c^\top y_c`, then
    :math:`b = \bar y - \bar x^\top w` (the intercept is not penalized). Returns ``(w, b)``."""
    X, y = _xy(X, y)
    alpha = float(alpha)
    if alpha < 0:
        raise ValueError(f"alpha must be non-negative, got {alpha}")
    if fit_intercept:
        mx, my = X.mean(axis=0), float(y.mean())
    else:
        mx, my = np.zeros(X.shape[1]), 0.0
    Xc, yc = X - mx, y - my
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ yc)
    return w, float(my - mx @ w)


# ----------------------------------------------------------------------------------------- exact 2-D problems
def quadratic_2d(A, c, W) -> np.ndarray:
    r""":math:`\frac12 (w - c)^\top A (w - c)` for points ``W`` (..., 2) and a batch of ``A`` (..., 2, 2), ``c``
    (..., 2) broadcast together."""
    E = np.asarray(W, dtype=float) - np.asarray(c, dtype=float)
    return 0.5 * np.einsum("...i,...ij,...j->...", E, np.asarray(A, dtype=float), E)


def lasso_2d(A, c, lam):
    r"""Exact minimizer of :math:`\frac12 (w - c)^\top A (w - c) + \lambda\lVert w\rVert_1` in
    :math:`\mathbb{R}^2` (``A`` symmetric positive definite), batched over leading axes.

    The minimizer is one of seven candidates: the stationary point :math:`c - \lambda A^{-1}s` of each sign
    pattern :math:`s \in \{\pm1\}^2`, the minimizer along each axis (a soft threshold), and the origin; the
    objective is strictly convex, so the candidate with the least objective is the minimizer, and a coordinate is
    **exactly** zero when an axis candidate or the origin wins. Returns ``w`` (..., 2)."""
    A = np.asarray(A, dtype=float)
    c = np.asarray(c, dtype=float)
    lam = np.asarray(lam, dtype=float)
    Ac = np.einsum("...ij,...j->...i", A, c)
    Ainv = np.linalg.inv(A)
    cands = []
    for s in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
        s = np.array(s, dtype=float)
        cands.append(c - lam[..., None] * np.einsum("...ij,j->...i", Ainv, s))
    for j in (0, 1):                                  # on axis j (the other coordinate 0)
        a = A[..., j, j]
        v = Ac[..., j]
        wj = np.sign(v) * np.maximum(np.abs(v) - lam, 0.0) / a
        w = np.zeros(np.broadcast_shapes(c.shape, lam.shape + (2,)))
        w[..., j] = wj
        cands.append(w)
    cands.append(np.zeros_like(cands[-1]))
    C = np.stack(np.broadcast_arrays(*cands), axis=-2)                       # (..., 7, 2)
    obj = quadratic_2d(A[..., None, :, :], c[..., None, :], C) + lam[..., None] * np.abs(C).sum(axis=-1)
    return np.take_along_axis(C, np.argmin(obj, axis=-1)[..., None, None], axis=-2)[..., 0, :]


def ridge_2d(A, c, lam):
    r"""Minimizer of :math:`\frac12 (w - c)^\top A (w - c) + \frac{\lambda}{2}\lVert w\rVert^2`:
    :math:`w = (A + \lambda I)^{-1} A c` (batched)."""
    A = np.asarray(A, dtype=float)
    lam = np.asarray(lam, dtype=float)
    M = A + lam[..., None, None] * np.eye(2)
    return np.linalg.solve(M, np.einsum("...ij,...j->...i", A, np.asarray(c, dtype=float))[..., None])[..., 0]


def l1_constrained_2d(A, c, t: float = 1.0):
    r"""Exact minimizer of :math:`\frac12 (w - c)^\top A (w - c)` subject to :math:`\lVert w\rVert_1 \le t`
    (batched). If :math:`\lVert c\rVert_1 \le t` it is ``c``; otherwise it lies on one of the diamond's four
    edges, each minimized in closed form with the edge parameter clipped to [0, 1] (a clipped end is a vertex:
    an exact zero). Returns ``w`` (..., 2)."""
    A = np.asarray(A, dtype=float)
    c = np.asarray(c, dtype=float)
    t = float(t)
    V = t * np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
    best, best_obj = None, None
    for k in range(4):
        a, b = V[k], V[(k + 1) % 4]
        e = b - a
        # q(tau) = 1/2 (a + tau e - c)^T A (a + tau e - c): tau* = -e^T A (a - c) / e^T A e
        eAe = np.einsum("i,...ij,j->...", e, A, e)
        eAd = np.einsum("i,...ij,...j->...", e, A, a - c)
        tau = np.clip(-eAd / eAe, 0.0, 1.0)
        w = a + tau[..., None] * e
        obj = quadratic_2d(A, c, w)
        if best is None:
            best, best_obj = w, obj
        else:
            take = obj < best_obj
            best = np.where(take[..., None], w, best)
            best_obj = np.where(take, obj, best_obj)
    inside = np.abs(c).sum(axis=-1) <= t
    return np.where(inside[..., None], c, best)


def l2_constrained_2d(A, c, t: float = 1.0, iters: int = 100):
    r"""Minimizer of :math:`\frac12 (w - c)^\top A (w - c)` subject to :math:`\lVert w\rVert_2 \le t` (batched):
    ``c`` if inside, else :math:`w(\mu) = (A + \mu I)^{-1}Ac` with :math:`\mu > 0` found by bisection on
    :math:`\lVert w(\mu)\rVert = t` (the norm decreases in :math:`\mu`)."""
    A = np.asarray(A, dtype=float)
    c = np.asarray(c, dtype=float)
    t = float(t)
    lo = np.zeros(c.shape[:-1])
    hi = np.ones(c.shape[:-1])
    while True:                                          # grow hi until ||w(hi)|| <= t
        big = np.linalg.norm(ridge_2d(A, c, hi), axis=-1) > t
        if not np.any(big):
            break
        hi = np.where(big, hi * 4.0, hi)
    for _ in range(int(iters)):
        mid = (lo + hi) / 2.0
        out = np.linalg.norm(ridge_2d(A, c, mid), axis=-1) > t
        lo, hi = np.where(out, mid, lo), np.where(out, hi, mid)
    w = ridge_2d(A, c, hi)
    inside = np.linalg.norm(c, axis=-1) <= t
    return np.where(inside[..., None], c, w)


def random_quadratics(n: int, seed: int = 0, radius: float = 5.0, max_ratio: float = 10.0):
    r"""``(A, c)``: ``n`` random 2-D quadratic losses in the spirit of Parr's experiment: a random orientation,
    eigenvalues 1 and :math:`r \sim` log-uniform on [1, ``max_ratio``], the minimum ``c`` uniform in the square
    :math:`[-radius, radius]^2` but outside the unit L1 and L2 balls (so the constraint binds)."""
    rng = np.random.default_rng(seed)
    out_c = np.empty((0, 2))
    while out_c.shape[0] < n:
        c = rng.uniform(-radius, radius, size=(2 * n, 2))
        keep = np.linalg.norm(c, axis=1) > 1.0                          # outside the L2 ball, hence the L1 too
        out_c = np.vstack([out_c, c[keep]])
    c = out_c[:n]
    th = rng.uniform(0.0, np.pi, n)
    r = np.exp(rng.uniform(0.0, np.log(max_ratio), n))
    R = np.stack([np.stack([np.cos(th), -np.sin(th)], -1), np.stack([np.sin(th), np.cos(th)], -1)], -2)
    D = np.zeros((n, 2, 2))
    D[:, 0, 0], D[:, 1, 1] = 1.0, r
    return R @ D @ np.swapaxes(R, -1, -2), c


# ----------------------------------------------------------------------------------------- lines: squares vs absolute values
def _line_xy(x, y):
    x = np.asarray(x, dtype=float).ravel()
    y = np.asarray(y, dtype=float).ravel()
    if x.shape != y.shape or x.size < 2:
        raise ValueError(f"x and y must have the same length >= 2, got {x.size} and {y.size}")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise ValueError("x and y must be finite")
    return x, y


def ls_line(x, y):
    r"""Least squares :math:`\min_{a,b}\sum_i (y_i - a x_i - b)^2`: ``(slope, intercept)``."""
    x, y = _line_xy(x, y)
    xc = x - x.mean()
    if not np.any(xc):
        raise ValueError("all x are equal: the slope is undefined")
    a = float(xc @ (y - y.mean()) / (xc @ xc))
    return a, float(y.mean() - a * x.mean())


def lad_line(x, y):
    r"""Least absolute deviations :math:`\min_{a,b}\sum_i |y_i - a x_i - b|`, exactly: a minimizing line passes
    through two data points (a vertex of the linear program), so every line through two points with different
    ``x`` is tried and the one with the least sum of absolute residuals is returned (the first one on ties):
    ``(slope, intercept)``. :math:`O(n^3)` time, fine for n up to a few hundred."""
    x, y = _line_xy(x, y)
    i, j = np.triu_indices(x.size, k=1)
    ok = x[i] != x[j]
    if not np.any(ok):
        raise ValueError("all x are equal: the slope is undefined")
    i, j = i[ok], j[ok]
    a = (y[j] - y[i]) / (x[j] - x[i])
    b = y[i] - a * x[i]
    cost = np.abs(y[None, :] - a[:, None] * x[None, :] - b[:, None]).sum(axis=1)
    k = int(np.argmin(cost))
    return float(a[k]), float(b[k])
