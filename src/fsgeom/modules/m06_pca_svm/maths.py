r"""Module 06 maths (numpy only): PCA from the covariance or the correlation matrix, a change of units and the angle
it turns the first component; the linear SVM's primal (hinge loss), its subgradient, full-batch subgradient descent
and an exact interior-point solver; distance to the hyperplane and margin width; a one-hidden-layer network and
logistic regression trained by gradient descent (gradients scale with the inputs, the largest stable learning rate);
batch normalization in training and inference mode, layer, instance and group normalization as one operation over
different axes.

Conventions fixed once for the module (the lecture, the widgets and the assignment use the same):

* **PCA** centres the data; :math:`\Sigma = X_c^\top X_c / n` (the slide's :math:`1/n`; scikit-learn divides by
  :math:`n - 1`, which changes no component and no ratio); with ``standardize=True`` every column is divided by its
  population standard deviation (ddof = 0, as ``StandardScaler``; a constant column keeps scale 1), so
  :math:`\Sigma` becomes the correlation matrix. Components are unit rows in order of decreasing variance, **each
  with its largest-magnitude entry positive** (scikit-learn ≥ 1.5 flips signs the same way); the explained-variance
  ratio divides by the total variance :math:`\operatorname{tr}\Sigma` (all components, not only the kept ones).
* **SVM** labels are :math:`y_i \in \{-1, +1\}`; the primal is scikit-learn ``SVC(kernel="linear")``'s
  :math:`F(w, b) = \tfrac12\lVert w\rVert^2 + C\sum_i \max(0, 1 - y_i(w^\top x_i + b))` (sum, not mean; :math:`b`
  not penalized); its subgradient counts only the points with margin :math:`y_i(w^\top x_i + b) < 1` (strictly: a
  point exactly on the margin contributes 0).
* **Subgradient descent** starts at :math:`w = 0, b = 0`, steps :math:`\eta_t = \eta_0 / \sqrt{t + 1}`,
  :math:`t = 0, 1, \dots, T-1`, and returns the iterate with the lowest objective among the :math:`T + 1` visited
  (the first on ties).
* **Batch normalization** (PyTorch's ``BatchNorm1d``): training mode normalizes each feature with the batch mean
  and the **biased** batch variance, :math:`\hat x = (x - \mu_B)/\sqrt{\sigma_B^2 + \varepsilon}`, and updates
  running = (1 − momentum)·running + momentum·batch with the **unbiased** batch variance for the running variance;
  inference mode uses the running statistics and changes nothing. Layer normalization normalizes each sample over
  its features (the last axis), with the biased variance and :math:`\varepsilon` inside the square root.
"""
from __future__ import annotations

import numpy as np

from ...metrics import as_matrix

__all__ = ["standardize_stats", "pca_fit", "pca_transform", "component_angle", "change_units",
           "svm_labels", "svm_margins", "svm_objective", "svm_subgradient", "svm_subgradient_descent", "svm_exact", "best_bias", "svm_dual_objective",
           "distance_to_hyperplane", "margin_width", "support_mask", "accuracy",
           "softmax", "cross_entropy", "logreg_gd", "mlp_init", "mlp_loss_grad", "mlp_gd", "largest_stable_lr",
           "batch_norm_train", "batch_norm_infer", "normalize_over", "layer_norm", "instance_norm", "group_norm",
           "NORM_AXES", "bn_mismatch"]


# ----------------------------------------------------------------------------------------- PCA
def standardize_stats(X, ddof: int = 0):
    """Column means and standard deviations (ddof 0 as ``StandardScaler``; a constant column gets scale 1)."""
    X = as_matrix(X)
    mean = X.mean(axis=0)
    sd = X.std(axis=0, ddof=ddof)
    tiny = 10 * np.finfo(float).eps * np.maximum(np.abs(mean), 1.0)
    return mean, np.where(sd > tiny, sd, 1.0)


def _flip(V):
    """Make the largest-magnitude entry of every row positive."""
    idx = np.argmax(np.abs(V), axis=1)
    signs = np.sign(V[np.arange(V.shape[0]), idx])
    return V * np.where(signs == 0, 1.0, signs)[:, None]


def pca_fit(X, n_components=None, standardize: bool = False):
    r"""PCA of ``X`` (n, d): returns ``mean, scale, components, explained_variance, ratio``.

    ``components`` (k, d) are the top-k eigenvectors of :math:`\Sigma = Z^\top Z/n`, :math:`Z = (X - \text{mean}) /
    \text{scale}` (scale = 1 without standardization), as unit rows with the largest-magnitude entry positive;
    ``explained_variance`` their eigenvalues; ``ratio`` = eigenvalues / tr Σ."""
    X = as_matrix(X)
    n, d = X.shape
    if n < 2:
        raise ValueError(f"PCA needs at least 2 samples, got {n}")
    k = d if n_components is None else int(n_components)
    if not 1 <= k <= d:
        raise ValueError(f"n_components must be in 1..{d}, got {n_components}")
    mean, scale = standardize_stats(X) if standardize else (X.mean(axis=0), np.ones(d))
    Z = (X - mean) / scale
    S = Z.T @ Z / n
    evals, evecs = np.linalg.eigh(S)
    order = np.argsort(evals)[::-1][:k]
    evals = np.clip(evals[order], 0.0, None)
    comps = _flip(evecs[:, order].T)
    total = float(np.trace(S))
    ratio = evals / total if total > 0 else np.zeros_like(evals)
    return mean, scale, comps, evals, ratio


def pca_transform(X, mean, scale, components):
    """Scores of ``X`` on the components: ``((X - mean) / scale) @ components.T`` with the training statistics."""
    X = as_matrix(X)
    return ((X - np.asarray(mean, float)) / np.asarray(scale, float)) @ np.asarray(components, float).T


def component_angle(u, v) -> float:
    """The angle in degrees between two components as lines (sign-free): arccos |⟨u, v⟩| / (‖u‖‖v‖)."""
    u, v = np.asarray(u, float).ravel(), np.asarray(v, float).ravel()
    c = abs(float(u @ v)) / (np.linalg.norm(u) * np.linalg.norm(v))
    return float(np.degrees(np.arccos(min(1.0, c))))


def change_units(X, column: int, factor: float) -> np.ndarray:
    """A copy of ``X`` with one column multiplied by ``factor`` (mg/L → g/L is ``factor = 1e-3``)."""
    X = np.array(as_matrix(X), dtype=float)
    if not factor > 0:
        raise ValueError(f"a unit factor must be positive, got {factor}")
    X[:, column] *= factor
    return X


# ----------------------------------------------------------------------------------------- linear SVM
def svm_labels(y) -> np.ndarray:
    """``y`` as floats in {−1, +1} (raises ``ValueError`` for anything else)."""
    y = np.asarray(y, dtype=float).ravel()
    if y.size == 0 or not np.all(np.isin(y, (-1.0, 1.0))):
        raise ValueError("SVM labels must be -1 or +1")
    return y


def _svm_args(w, b, X, y):
    X = as_matrix(X)
    y = svm_labels(y)
    w = np.asarray(w, dtype=float).ravel()
    if X.shape != (y.size, w.size):
        raise ValueError(f"X has shape {X.shape}, y {y.size} labels and w {w.size} entries")
    return w, float(b), X, y


def svm_margins(w, b, X, y) -> np.ndarray:
    r"""Functional margins :math:`y_i(w^\top x_i + b)`."""
    w, b, X, y = _svm_args(w, b, X, y)
    return y * (X @ w + b)


def svm_objective(w, b, X, y, C: float) -> float:
    r""":math:`\tfrac12\lVert w\rVert^2 + C\sum_i \max(0, 1 - y_i(w^\top x_i + b))`."""
    w, b, X, y = _svm_args(w, b, X, y)
    return float(0.5 * w @ w + C * np.maximum(0.0, 1.0 - y * (X @ w + b)).sum())


def svm_subgradient(w, b, X, y, C: float):
    r"""A subgradient of :func:`svm_objective`: :math:`(w - C\sum_{m_i < 1} y_i x_i,\ -C\sum_{m_i < 1} y_i)`."""
    w, b, X, y = _svm_args(w, b, X, y)
    active = y * (X @ w + b) < 1.0
    return w - C * (y[active] @ X[active]), float(-C * y[active].sum())


def svm_subgradient_descent(X, y, C: float, n_iter: int = 1000, eta0: float = 0.01, history: bool = False):
    r"""Full-batch subgradient descent from 0 with :math:`\eta_t = \eta_0/\sqrt{t+1}`; returns the best iterate
    ``(w, b)`` (and the objective of every iterate with ``history=True``)."""
    X = as_matrix(X)
    y = svm_labels(y)
    w, b = np.zeros(X.shape[1]), 0.0
    # validated once; each iterate's margins serve both its objective and its subgradient (the same expressions
    # as svm_objective and svm_subgradient, without re-validating or recomputing X @ w twice per step)
    m = y * (X @ w + b)
    best_w, best_b = w.copy(), b
    best = float(0.5 * w @ w + C * np.maximum(0.0, 1.0 - m).sum())
    objs = [best]
    for t in range(int(n_iter)):
        active = m < 1.0
        gw, gb = w - C * (y[active] @ X[active]), float(-C * y[active].sum())
        eta = eta0 / np.sqrt(t + 1.0)
        w, b = w - eta * gw, b - eta * gb
        m = y * (X @ w + b)
        f = float(0.5 * w @ w + C * np.maximum(0.0, 1.0 - m).sum())
        objs.append(f)
        if f < best:
            best, best_w, best_b = f, w.copy(), b
    if history:
        return best_w, best_b, np.array(objs)
    return best_w, best_b


def svm_exact(X, y, C: float, tol: float = 1e-10, max_iter: int = 80):
    r"""The optimum of the primal by a primal–dual interior-point method (Mehrotra's predictor–corrector) on the dual
    :math:`\min_u \tfrac12 u^\top \tilde Q u - \mathbf 1^\top u`, :math:`y^\top u = 0`, :math:`0 \le u \le 1`,
    :math:`\tilde Q = C\,GG^\top`, :math:`G = \operatorname{diag}(y)X`, :math:`\alpha = Cu`. Newton systems by the
    Woodbury identity with a QR factorization, :math:`O(nd^2)` per iteration; each iterate's :math:`w = G^\top\alpha`
    gets its exactly best :math:`b` (:func:`best_bias`), and the run stops when the primal objective is within
    ``tol`` (relative) of the dual bound :func:`svm_dual_objective` (a certificate). Returns ``w, b, alpha``.

    Limitation (measured in the tests): when one feature is about 10⁵ times larger than another, the tiny weight it
    needs comes out of :math:`\sum_i\alpha_i y_i x_i` by cancellation and the certified gap stays near 10⁻³; check
    ``svm_objective(w, b, …) - svm_dual_objective(alpha, …)`` where it matters."""
    X = as_matrix(X)
    y = svm_labels(y)
    if not C > 0:
        raise ValueError(f"C must be positive, got {C}")
    if np.all(y == y[0]):
        raise ValueError("the SVM needs both classes")
    n, d = X.shape
    G = np.sqrt(C) * (y[:, None] * X)
    u = np.full(n, 0.5)
    sl, tl = np.ones(n), np.ones(n)                      # multipliers of u >= 0 and u <= 1
    beta = 0.0                                           # multiplier of y'u = 0
    best = (np.inf, None, None, None)

    pos = y > 0

    def primal(u):                                       # (validation-free copies of svm_objective, best_bias)
        w = np.sqrt(C) * (G.T @ u)
        sc = X @ w
        b = _best_bias(sc, y)
        return float(0.5 * w @ w + C * np.maximum(0.0, 1.0 - y * (sc + b)).sum()), w, b

    def dual(u):                                         # (a validation-free copy of svm_dual_objective)
        a = C * u
        sp, sn = a[pos].sum(), a[~pos].sum()
        a = a * np.where(pos, min(1.0, sn / sp), min(1.0, sp / sn))
        v = (a * y) @ X
        return float(a.sum() - 0.5 * v @ v)

    for _ in range(max_iter):
        f, w, b = primal(u)
        if f < best[0]:
            best = (f, w, b, C * u)
        if best[0] - dual(u) <= tol * (1.0 + abs(best[0])):
            break
        rd = G @ (G.T @ u) - 1.0 + beta * y - sl + tl
        rp = -(y @ u)
        v = 1.0 - u
        gap = u @ sl + v @ tl
        Dinv = 1.0 / (sl / u + tl / v)
        # I + G'D^-1 G = R'R from the QR factorization of [I; D^-1/2 G]
        R = np.linalg.qr(np.vstack([np.eye(d), np.sqrt(Dinv)[:, None] * G]), mode="r")

        def Minv(z):
            t = Dinv * z
            return t - Dinv * (G @ np.linalg.solve(R, np.linalg.solve(R.T, G.T @ t)))
        My = Minv(y)
        yMy = y @ My

        def newton(rs, rt):
            # linearized complementarity: s du + u ds = rs, -t du + v dt = rt
            Mr = Minv(-rd + rs / u - rt / v)
            db = (y @ Mr - rp) / yMy
            du = Mr - db * My
            return du, db, (rs - sl * du) / u, (rt + tl * du) / v

        def max_step(du, ds, dt):
            val, dv = np.concatenate((u, v, sl, tl)), np.concatenate((du, -du, ds, dt))
            neg = dv < 0
            return min(1.0, float(np.min(-val[neg] / dv[neg]))) if neg.any() else 1.0
        du, db, ds, dt = newton(-u * sl, -v * tl)                       # predictor
        a_aff = max_step(du, ds, dt)
        gap_aff = (u + a_aff * du) @ (sl + a_aff * ds) + (v - a_aff * du) @ (tl + a_aff * dt)
        sigma_mu = (gap_aff / gap) ** 3 * gap / (2 * n)
        du, db, ds, dt = newton(sigma_mu - u * sl - du * ds, sigma_mu - v * tl + du * dt)   # corrector
        a = min(1.0, 0.995 * max_step(du, ds, dt))
        if a < 1e-14:
            break
        u, beta, sl, tl = np.clip(u + a * du, 1e-300, 1.0 - 1e-16), beta + a * db, sl + a * ds, tl + a * dt
    f, w, b = primal(u)
    if f < best[0]:
        best = (f, w, b, C * u)
    return best[1], float(best[2]), best[3]


def best_bias(w, X, y) -> float:
    r"""For a fixed :math:`w`, the :math:`b` minimizing :math:`\sum_i \max(0, 1 - y_i(w^\top x_i + b))` exactly (the
    objective is piecewise linear in :math:`b` with breakpoints :math:`b = y_i - w^\top x_i`: one of them is optimal)."""
    X = as_matrix(X)
    return _best_bias(X @ np.asarray(w, float), svm_labels(y))


def _best_bias(s, y) -> float:
    c = np.unique(y - s)                                 # the breakpoints
    if c.size <= 512:
        loss = np.maximum(0.0, 1.0 - y[:, None] * (s[:, None] + c[None, :])).sum(axis=0)
    else:
        loss = np.array([np.maximum(0.0, 1.0 - y * (s + ck)).sum() for ck in c])
    return float(c[np.argmin(loss)])


def svm_dual_objective(alpha, X, y, C: float) -> float:
    r"""A lower bound on the optimum (weak duality): :math:`\sum_i\alpha_i - \tfrac12\lVert\sum_i\alpha_i y_i x_i\rVert^2`
    at ``alpha`` made feasible (clipped to [0, C], the larger class side shrunk until :math:`y^\top\alpha = 0`).
    Primal objective − this = a certified bound on how far a solution is from the optimum."""
    X = as_matrix(X)
    y = svm_labels(y)
    a = np.clip(np.asarray(alpha, float).ravel(), 0.0, C)
    pos, neg = a[y > 0].sum(), a[y < 0].sum()
    if pos > neg:
        a[y > 0] *= neg / pos
    elif neg > pos:
        a[y < 0] *= pos / neg
    v = (a * y) @ X
    return float(a.sum() - 0.5 * v @ v)


def distance_to_hyperplane(X, w, b) -> np.ndarray:
    r""":math:`d(x) = |w^\top x + b| / \lVert w\rVert_2` for every row."""
    X = as_matrix(X)
    w = np.asarray(w, float).ravel()
    nw = np.linalg.norm(w)
    if nw == 0:
        raise ValueError("w = 0 defines no hyperplane")
    return np.abs(X @ w + float(b)) / nw


def margin_width(w) -> float:
    r"""The width of the band between :math:`w^\top x + b = \pm 1`: :math:`2 / \lVert w\rVert_2`."""
    nw = float(np.linalg.norm(np.asarray(w, float)))
    if nw == 0:
        raise ValueError("w = 0 defines no hyperplane")
    return 2.0 / nw


def support_mask(w, b, X, y, tol: float = 1e-6) -> np.ndarray:
    r"""Support vectors: points with margin :math:`y_i(w^\top x_i + b) \le 1` (on or inside the band, up to tol)."""
    return svm_margins(w, b, X, y) <= 1.0 + tol


def accuracy(w, b, X, y) -> float:
    """Share of points on their side: sign(wᵀx + b) = y (0 counts as wrong)."""
    return float(np.mean(svm_margins(w, b, X, y) > 0))


# ----------------------------------------------------------------------------------------- neural networks
def softmax(Z) -> np.ndarray:
    Z = np.asarray(Z, float)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def cross_entropy(P, y) -> float:
    """Mean −log p(y) (probabilities clipped at 1e-300 so a diverged run gives a large finite number)."""
    y = np.asarray(y, int)
    return float(-np.mean(np.log(np.maximum(P[np.arange(y.size), y], 1e-300))))


def logreg_gd(X, y, lr: float, n_iter: int = 200):
    """Multinomial logistic regression (softmax, with an intercept) by full-batch gradient descent from 0;
    returns the loss before every step and after the last (``n_iter + 1`` values; inf once it overflows)."""
    X = as_matrix(X)
    y = np.asarray(y, int)
    k = int(y.max()) + 1
    W, c = np.zeros((X.shape[1], k)), np.zeros(k)
    Y = np.eye(k)[y]
    losses = []
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(int(n_iter) + 1):
            P = softmax(X @ W + c)
            L = cross_entropy(P, y)
            losses.append(L if np.isfinite(L) else np.inf)
            if not np.isfinite(L):
                losses += [np.inf] * (int(n_iter) + 1 - len(losses))
                break
            G = (P - Y) / X.shape[0]
            W, c = W - lr * X.T @ G, c - lr * G.sum(axis=0)
    return np.array(losses)


def mlp_init(d: int, hidden: int, k: int, seed: int = 0):
    """He-style initial weights of a d → hidden (tanh) → k (softmax) network: ``(W1, b1, W2, b2)``."""
    rng = np.random.default_rng(seed)
    return (rng.normal(0, 1 / np.sqrt(d), (d, hidden)), np.zeros(hidden),
            rng.normal(0, 1 / np.sqrt(hidden), (hidden, k)), np.zeros(k))


def mlp_loss_grad(params, X, y):
    """Cross-entropy of the network and its gradients ``(loss, (dW1, db1, dW2, db2))`` by backpropagation."""
    W1, b1, W2, b2 = params
    X = np.asarray(X, float)
    y = np.asarray(y, int)
    n = X.shape[0]
    H = np.tanh(X @ W1 + b1)
    P = softmax(H @ W2 + b2)
    loss = cross_entropy(P, y)
    dZ2 = P.copy()
    dZ2[np.arange(n), y] -= 1.0
    dZ2 /= n
    dW2, db2 = H.T @ dZ2, dZ2.sum(axis=0)
    dZ1 = (dZ2 @ W2.T) * (1.0 - H ** 2)
    return loss, (X.T @ dZ1, dZ1.sum(axis=0), dW2, db2)


def mlp_gd(X, y, lr: float, n_iter: int = 200, hidden: int = 16, seed: int = 0):
    """Full-batch gradient descent on the network of :func:`mlp_init`; the loss before every step and after the last
    (inf from the first non-finite value on)."""
    X = as_matrix(X)
    y = np.asarray(y, int)
    params = mlp_init(X.shape[1], hidden, int(y.max()) + 1, seed)
    losses = []
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(int(n_iter)):
            loss, grads = mlp_loss_grad(params, X, y)
            if not np.isfinite(loss) or not all(np.all(np.isfinite(g)) for g in grads):
                break
            losses.append(loss)
            params = tuple(p - lr * g for p, g in zip(params, grads))
        else:
            losses.append(mlp_loss_grad(params, X, y)[0])
    losses += [np.inf] * (int(n_iter) + 1 - len(losses))
    return np.array(losses)


def largest_stable_lr(run, lrs, rule=None, bisect: bool = False) -> float:
    """The largest learning rate of the grid ``lrs`` such that it and every smaller one are stable; ``run(lr)``
    returns a loss curve; stable (default): every value finite and the loss never rises from one step to the next
    (gradient descent's guarantee for a step below 2/L on a function with L-Lipschitz gradient). 0.0 if even the
    smallest is unstable.

    ``bisect=True`` assumes that stability is monotone along the grid (stable up to an edge, unstable beyond) and
    finds the edge in about log2(len(lrs)) runs instead of one run per grid point; the tests check that both ways
    agree on the lecture's problems."""
    rule = rule or (lambda L: bool(np.all(np.isfinite(L)) and np.all(np.diff(L) <= 1e-12 * np.abs(L[:-1]))))
    grid = sorted(float(v) for v in lrs)
    if not bisect:
        best = 0.0
        for lr in grid:
            if not rule(run(lr)):
                break
            best = lr
        return best
    lo, hi = -1, len(grid)                               # grid[lo] stable (or none), grid[hi] unstable (or none)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if rule(run(grid[mid])):
            lo = mid
        else:
            hi = mid
    return grid[lo] if lo >= 0 else 0.0


# ----------------------------------------------------------------------------------------- normalization layers
def _bn_args(x, gamma, beta):
    x = as_matrix(x, "x")
    d = x.shape[1]
    gamma = np.ones(d) if gamma is None else np.asarray(gamma, float).ravel()
    beta = np.zeros(d) if beta is None else np.asarray(beta, float).ravel()
    if gamma.size != d or beta.size != d:
        raise ValueError(f"gamma and beta need {d} entries")
    return x, gamma, beta


def batch_norm_train(x, gamma=None, beta=None, running_mean=None, running_var=None, momentum: float = 0.1,
                     eps: float = 1e-5):
    """Training mode: ``(out, new_running_mean, new_running_var)`` (inputs untouched)."""
    x, gamma, beta = _bn_args(x, gamma, beta)
    n, d = x.shape
    if n < 2:
        raise ValueError("batch normalization in training mode needs a batch of at least 2")
    rm = np.zeros(d) if running_mean is None else np.asarray(running_mean, float)
    rv = np.ones(d) if running_var is None else np.asarray(running_var, float)
    mu, var = x.mean(axis=0), x.var(axis=0)
    out = gamma * (x - mu) / np.sqrt(var + eps) + beta
    return out, (1 - momentum) * rm + momentum * mu, (1 - momentum) * rv + momentum * var * n / (n - 1)


def batch_norm_infer(x, gamma=None, beta=None, running_mean=None, running_var=None, eps: float = 1e-5):
    """Inference mode: normalize with the running statistics."""
    x, gamma, beta = _bn_args(x, gamma, beta)
    d = x.shape[1]
    rm = np.zeros(d) if running_mean is None else np.asarray(running_mean, float)
    rv = np.ones(d) if running_var is None else np.asarray(running_var, float)
    return gamma * (x - rm) / np.sqrt(rv + eps) + beta


def normalize_over(x, axes, eps: float = 1e-5) -> np.ndarray:
    """(x − mean) / sqrt(var + eps) with mean and biased variance over ``axes`` (no γ, β)."""
    x = np.asarray(x, float)
    mu = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    return (x - mu) / np.sqrt(var + eps)


#: which axes of an (N, C, H, W) tensor each normalization averages over
NORM_AXES = {"batch": (0, 2, 3), "layer": (1, 2, 3), "instance": (2, 3), "group": None}


def layer_norm(x, gamma=None, beta=None, eps: float = 1e-5) -> np.ndarray:
    """Each sample over its last axis (features), then ``gamma * x̂ + beta``."""
    x = np.asarray(x, float)
    out = normalize_over(x, -1, eps)
    if gamma is not None:
        out = out * np.asarray(gamma, float)
    if beta is not None:
        out = out + np.asarray(beta, float)
    return out


def instance_norm(x, eps: float = 1e-5) -> np.ndarray:
    """(N, C, H, W): every sample and channel over H, W."""
    return normalize_over(x, (2, 3), eps)


def group_norm(x, groups: int, eps: float = 1e-5) -> np.ndarray:
    """(N, C, H, W): channels split into ``groups`` consecutive groups; each sample and group over its channels and
    H, W. ``groups = 1`` is layer normalization, ``groups = C`` instance normalization."""
    x = np.asarray(x, float)
    N, C, H, W = x.shape
    if groups < 1 or C % groups:
        raise ValueError(f"groups must divide the {C} channels, got {groups}")
    return normalize_over(x.reshape(N, groups, C // groups, H, W), (2, 3, 4), eps).reshape(N, C, H, W)


def bn_mismatch(X, batch_size: int, updates: int = 300, momentum: float = 0.1, eps: float = 1e-5, seed: int = 0):
    """Train/inference mismatch of batch normalization on the rows of ``X``: ``updates`` training-mode passes over
    batches of ``batch_size`` rows (reshuffled every epoch, the last short batch dropped, as ``drop_last=True``)
    update the running statistics; then every batch of one more shuffled epoch is normalized in both modes and the
    mean |difference| over all entries is returned."""
    X = as_matrix(X)
    n, d = X.shape
    if not 2 <= batch_size <= n:
        raise ValueError(f"batch_size must be in 2..{n}, got {batch_size}")
    rng = np.random.default_rng(seed)

    def batches():
        perm = rng.permutation(n)
        return [perm[i:i + batch_size] for i in range(0, n - batch_size + 1, batch_size)]
    rm, rv = np.zeros(d), np.ones(d)
    done = 0
    while done < updates:
        for idx in batches():
            if done == updates:
                break
            _, rm, rv = batch_norm_train(X[idx], running_mean=rm, running_var=rv, momentum=momentum, eps=eps)
            done += 1
    diffs = []
    for idx in batches():
        tr, _, _ = batch_norm_train(X[idx], running_mean=rm, running_var=rv, momentum=momentum, eps=eps)
        diffs.append(np.abs(tr - batch_norm_infer(X[idx], running_mean=rm, running_var=rv, eps=eps)).ravel())
    return float(np.mean(np.concatenate(diffs)))
