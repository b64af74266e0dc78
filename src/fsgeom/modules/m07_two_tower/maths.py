r"""Module 07 maths (numpy): min-max scaling of the target and its inverse, L2 normalization of rows (TensorFlow's
``l2_normalize``: :math:`x / \sqrt{\max(\sum x^2, \varepsilon)}`) and its backward pass, a tower (dense → ReLU →
dense) forward and backward, the two-tower prediction with and without normalization (and the learnable
:math:`s\cos\theta + b`), the MSE loss and its gradients, one SGD step, and converting scaled predictions to stars.

Conventions fixed once for the module:

* the target scaler is fitted on **train only**: :math:`y' = lo + (y - y_{\min})\frac{hi - lo}{y_{\max} - y_{\min}}`,
  inverse :math:`y = y_{\min} + (y' - lo)\frac{y_{\max} - y_{\min}}{hi - lo}` (``MinMaxScaler(feature_range=(lo, hi))``);
* normalization acts on **rows** (one vector per user or item); for :math:`\lVert v\rVert^2 \ge \varepsilon` the
  Jacobian of :math:`u = v/\lVert v\rVert` is :math:`(I - uu^\top)/\lVert v\rVert`, so the backward pass of an upstream
  gradient :math:`g` is :math:`(g - (g^\top u)u)/\lVert v\rVert`: orthogonal to :math:`v` (below :math:`\varepsilon`
  the map is :math:`v/\sqrt\varepsilon`, whose Jacobian is :math:`I/\sqrt\varepsilon`);
* the loss is the mean squared error :math:`\frac1n\sum_i (\hat y_i - y_i)^2` on the (scaled or raw) target.
"""
from __future__ import annotations

import numpy as np

__all__ = ["minmax_fit", "minmax_transform", "minmax_inverse", "to_stars", "l2_normalize", "l2_normalize_backward",
           "init_tower", "tower_forward", "tower_backward", "predict", "mse", "TwoTower", "fit"]

EPS = 1e-12


# ----------------------------------------------------------------------------------------- target scaling
def minmax_fit(y):
    """``(y_min, y_max)`` of the training target (raises ``ValueError`` for a constant or empty target)."""
    y = np.asarray(y, float).ravel()
    if y.size == 0 or not np.all(np.isfinite(y)):
        raise ValueError("the target must be a non-empty finite array")
    lo, hi = float(y.min()), float(y.max())
    if hi == lo:
        raise ValueError("a constant target cannot be min-max scaled")
    return lo, hi


def minmax_transform(y, stats, feature_range=(-1.0, 1.0)) -> np.ndarray:
    y_min, y_max = stats
    lo, hi = feature_range
    return lo + (np.asarray(y, float) - y_min) * (hi - lo) / (y_max - y_min)


def minmax_inverse(z, stats, feature_range=(-1.0, 1.0)) -> np.ndarray:
    y_min, y_max = stats
    lo, hi = feature_range
    return y_min + (np.asarray(z, float) - lo) * (y_max - y_min) / (hi - lo)


def to_stars(y, lo: float = 0.5, hi: float = 5.0, step: float = 0.5) -> np.ndarray:
    """Predictions in stars clipped to [lo, hi] and rounded to the nearest ``step`` (ties away from zero not needed:
    ``np.round`` rounds half to even, so 2.25 → 2.0 and 2.75 → 3.0 on the half-star grid)."""
    return np.round(np.clip(np.asarray(y, float), lo, hi) / step) * step


# ----------------------------------------------------------------------------------------- L2 normalization
def l2_normalize(V, eps: float = EPS) -> np.ndarray:
    r"""Rows divided by :math:`\sqrt{\max(\lVert v\rVert^2, \varepsilon)}` (``tf.math.l2_normalize(V, axis=1)``)."""
    V = np.asarray(V, float)
    return V / np.sqrt(np.maximum((V * V).sum(axis=-1, keepdims=True), eps))


def l2_normalize_backward(V, G, eps: float = EPS) -> np.ndarray:
    r"""Vector–Jacobian product of :func:`l2_normalize`: :math:`(g - (g^\top u)u)/\lVert v\rVert` per row."""
    V, G = np.asarray(V, float), np.asarray(G, float)
    sq = (V * V).sum(axis=-1, keepdims=True)
    norm = np.sqrt(np.maximum(sq, eps))
    U = V / norm
    proj = np.where(sq >= eps, (G * U).sum(axis=-1, keepdims=True), 0.0)
    return (G - proj * U) / norm


# ----------------------------------------------------------------------------------------- towers
def init_tower(d_in: int, hidden: int, d_out: int, rng) -> dict:
    """He-initialized dense → ReLU → dense."""
    return {"W1": rng.normal(0.0, np.sqrt(2.0 / d_in), (d_in, hidden)), "b1": np.zeros(hidden),
            "W2": rng.normal(0.0, np.sqrt(1.0 / hidden), (hidden, d_out)), "b2": np.zeros(d_out)}


def tower_forward(params: dict, X):
    """``v = relu(X W1 + b1) W2 + b2``; returns ``v`` and the cache for :func:`tower_backward`."""
    X = np.asarray(X, float)
    Z = X @ params["W1"] + params["b1"]
    H = np.maximum(Z, 0.0)
    return H @ params["W2"] + params["b2"], (X, Z, H)


def tower_backward(params: dict, cache, dV) -> dict:
    """Gradients of the parameters from the upstream gradient ``dV`` (same shape as the output)."""
    X, Z, H = cache
    dH = dV @ params["W2"].T
    dZ = dH * (Z > 0)
    return {"W1": X.T @ dZ, "b1": dZ.sum(axis=0), "W2": H.T @ dV, "b2": dV.sum(axis=0)}


def predict(vu, vm, normalize: bool = True) -> np.ndarray:
    """Row-wise ⟨vu, vm⟩, or the cosine of the L2-normalized vectors."""
    if normalize:
        vu, vm = l2_normalize(vu), l2_normalize(vm)
    return (np.asarray(vu, float) * np.asarray(vm, float)).sum(axis=-1)


def mse(pred, y) -> float:
    return float(np.mean((np.asarray(pred, float) - np.asarray(y, float)) ** 2))


class TwoTower:
    """A user tower and an item tower; prediction ``⟨vu, vm⟩``, ``cos θ`` (normalize) or ``s·cos θ + b`` (learnable
    scale). Trained by plain mini-batch SGD on the MSE of the given target."""

    def __init__(self, d_user: int, d_item: int, hidden: int = 32, d: int = 16, normalize: bool = True,
                 learnable_scale: bool = False, seed: int = 0):
        rng = np.random.default_rng(seed)
        self.user = init_tower(d_user, hidden, d, rng)
        self.item = init_tower(d_item, hidden, d, rng)
        self.normalize = bool(normalize)
        self.learnable_scale = bool(learnable_scale)
        self.s, self.b = 1.0, 0.0

    def forward(self, Xu, Xm):
        vu, cu = tower_forward(self.user, Xu)
        vm, cm = tower_forward(self.item, Xm)
        if self.normalize:
            nu, nm = l2_normalize(vu), l2_normalize(vm)
        else:
            nu, nm = vu, vm
        dot = (nu * nm).sum(axis=1)
        pred = self.s * dot + self.b if self.learnable_scale else dot
        return pred, (vu, vm, nu, nm, dot, cu, cm)

    def predict(self, Xu, Xm) -> np.ndarray:
        return self.forward(Xu, Xm)[0]

    def loss_and_grads(self, Xu, Xm, y):
        """MSE and the gradients of every parameter (``{"user": {...}, "item": {...}, "s": ., "b": .}``)."""
        pred, (vu, vm, nu, nm, dot, cu, cm) = self.forward(Xu, Xm)
        y = np.asarray(y, float)
        n = y.size
        dpred = 2.0 * (pred - y) / n
        grads = {}
        if self.learnable_scale:
            grads["s"], grads["b"] = float(dpred @ dot), float(dpred.sum())
            ddot = dpred * self.s
        else:
            ddot = dpred
        dnu, dnm = ddot[:, None] * nm, ddot[:, None] * nu
        if self.normalize:
            dvu, dvm = l2_normalize_backward(vu, dnu), l2_normalize_backward(vm, dnm)
        else:
            dvu, dvm = dnu, dnm
        grads["user"] = tower_backward(self.user, cu, dvu)
        grads["item"] = tower_backward(self.item, cm, dvm)
        return mse(pred, y), grads

    def sgd_step(self, Xu, Xm, y, lr: float) -> float:
        """One SGD step on this batch; returns the batch loss before the step."""
        loss, g = self.loss_and_grads(Xu, Xm, y)
        for tower, name in ((self.user, "user"), (self.item, "item")):
            for k in tower:
                tower[k] = tower[k] - lr * g[name][k]
        if self.learnable_scale:
            self.s -= lr * g["s"]
            self.b -= lr * g["b"]
        return loss


def fit(Xu, Xm, users, items, y, *, normalize: bool = True, learnable_scale: bool = False, lr: float = 0.1,
        epochs: int = 12, batch: int = 256, hidden: int = 32, d: int = 16, seed: int = 0, val=None,
        to_stars_fn=None):
    """Train a :class:`TwoTower` by mini-batch SGD on the ratings ``(users, items, y)`` (indices into the feature
    rows ``Xu``, ``Xm``; ``y`` the target the model fits, scaled or not). Shuffled with ``seed`` every epoch.

    ``val = (users_v, items_v, stars_v)`` and ``to_stars_fn`` (the model's output → stars, e.g. the inverse
    min-max then clipping) add the validation RMSE in stars per epoch. Returns ``(model, history)`` with
    ``history = {"train_loss": per-epoch mean batch loss, "val_rmse": per epoch, "diverged": bool}``; training
    stops at the first non-finite loss (``diverged`` True; the remaining epochs are ``nan``)."""
    users, items, y = np.asarray(users), np.asarray(items), np.asarray(y, float)
    model = TwoTower(Xu.shape[1], Xm.shape[1], hidden=hidden, d=d, normalize=normalize,
                     learnable_scale=learnable_scale, seed=seed)
    rng = np.random.default_rng(seed)
    idx = np.arange(y.size)
    hist = {"train_loss": np.full(epochs, np.nan), "val_rmse": np.full(epochs, np.nan), "diverged": False}
    with np.errstate(over="ignore", invalid="ignore"):
        for ep in range(epochs):
            rng.shuffle(idx)
            losses = []
            for i in range(0, idx.size, batch):
                b = idx[i:i + batch]
                loss = model.sgd_step(Xu[users[b]], Xm[items[b]], y[b], lr)
                if not np.isfinite(loss) or loss > 1e12:
                    hist["diverged"] = True
                    return model, hist
                losses.append(loss)
            hist["train_loss"][ep] = float(np.mean(losses))
            if val is not None:
                uv, iv, sv = val
                pred = model.predict(Xu[uv], Xm[iv])
                stars = to_stars_fn(pred) if to_stars_fn else pred
                hist["val_rmse"][ep] = float(np.sqrt(np.mean((stars - sv) ** 2)))
    return model, hist
