"""Submissions of 06-pca-svm that the course's grading round grades with nbgrader (tests/grading_round.py): typical
mistakes, each of which must lose exactly its task; honest variants written differently from the reference (SVD
instead of eigh, loops, np.where instead of boolean masks, einsum); one computing in float32 where the
specification allows it; and calls the "numpy only" rule forbids, which must lose exactly the task whose function
reaches them. svm_train is judged with the reference svm_subgradient and svm_objective in place of the student's,
so a mistake there is charged once. tests/modules/m06_pca_svm/test_seeds.py grades them in-process over many fixed
hidden-test seeds."""
from __future__ import annotations

from tests.grading_round import Submission

# ------------------------------------------------------------------------------------- typical mistakes
_PCA_NOT_CENTRED = [("    Z = X - mean\n", "    Z = X.copy()\n")]
_PCA_RATIO_KEPT = [("ratio = evals[order] / np.trace(S)", "ratio = evals[order] / evals[order].sum()")]
_PCA_NO_SIGN = [("components = components * signs[:, None]", "components = components")]
_TRANSFORM_OWN = [("return ((X - mean) / scale) @ components.T",
                   "return ((X - X.mean(axis=0)) / X.std(axis=0)) @ components.T")]
_OBJ_MEAN = [("np.maximum(0.0, 1.0 - margins).sum()", "np.maximum(0.0, 1.0 - margins).mean()")]
_SUB_ALL = [("active = y * (X @ w + b) < 1.0", "active = np.ones(y.size, dtype=bool)")]
_SUB_LE = [("active = y * (X @ w + b) < 1.0", "active = y * (X @ w + b) <= 1.0")]
_TRAIN_NO_BIAS = [("w, b = w - eta * g_w, b - eta * g_b", "w = w - eta * g_w")]
_GEOM_SIGNED = [("return np.abs(X @ w + float(b)) / norm, 2.0 / norm", "return (X @ w + float(b)) / norm, 2.0 / norm")]
_GEOM_NOT_NORMALIZED = [("return np.abs(X @ w + float(b)) / norm, 2.0 / norm",
                         "return np.abs(X @ w + float(b)), 2.0 / norm")]
_BN_INFERENCE_UPDATES = [("return out, running_mean.copy(), running_var.copy()",
                          "return out, (1 - momentum) * running_mean + momentum * x.mean(axis=0), "
                          "(1 - momentum) * running_var + momentum * x.var(axis=0, ddof=1)")]
_BN_FEATURE_AXIS = [("mu = x.mean(axis=0)\n", "mu = x.mean(axis=1, keepdims=True)\n"),
                    ("var = x.var(axis=0)    ", "var = x.var(axis=1, keepdims=True)    ")]
_BN_UNBIASED = [("var = x.var(axis=0)    ", "var = x.var(axis=0, ddof=1)    "),
                ("momentum * var * n / (n - 1)", "momentum * var")]
_LN_BATCH_AXIS = [("mu = x.mean(axis=-1, keepdims=True)", "mu = x.mean(axis=0, keepdims=True)"),
                  ("var = x.var(axis=-1, keepdims=True)", "var = x.var(axis=0, keepdims=True)")]
_LN_UNBIASED = [("var = x.var(axis=-1, keepdims=True)", "var = x.var(axis=-1, ddof=1, keepdims=True)")]

SUBMISSIONS = {
    "mistakes": Submission(
        lost=frozenset({"test_pca_fit", "test_pca_transform", "test_svm_objective", "test_svm_subgradient",
                        "test_hyperplane_geometry", "test_batch_norm_forward", "test_layer_norm_forward"}),
        edits={"pca_fit": _PCA_RATIO_KEPT, "pca_transform": _TRANSFORM_OWN, "svm_objective": _OBJ_MEAN,
               "svm_subgradient": _SUB_LE, "hyperplane_geometry": _GEOM_SIGNED,
               "batch_norm_forward": _BN_INFERENCE_UPDATES, "layer_norm_forward": _LN_BATCH_AXIS},
        langs=("uk", "en"),
        hints={"uk": {"test_pca_fit": "лише за збереженими компонентами", "test_pca_transform": "ВЛАСНИМИ статистиками",
                      "test_svm_objective": "усереднено", "test_svm_subgradient": "рівно на межі зазору",
                      "test_hyperplane_geometry": "з модулем", "test_batch_norm_forward": "режимі передбачення",
                      "test_layer_norm_forward": "по батчу"},
               "en": {"test_pca_fit": "over the kept components", "test_pca_transform": "OWN statistics",
                      "test_svm_objective": "averaged", "test_svm_subgradient": "exactly on the margin",
                      "test_hyperplane_geometry": "absolute value", "test_batch_norm_forward": "inference mode",
                      "test_layer_norm_forward": "over the batch"}},
        why="seven typical mistakes lose exactly their seven tasks, with the specific hint in the notebook's "
            "language; svm_train, built on the faulty svm_subgradient and svm_objective, is judged with the "
            "references and keeps its points"),
    "pca-not-centred": Submission(
        lost=frozenset({"test_pca_fit"}), edits={"pca_fit": _PCA_NOT_CENTRED},
        why="PCA of uncentred data loses the PCA task only"),
    "pca-no-sign": Submission(
        lost=frozenset({"test_pca_fit"}), edits={"pca_fit": _PCA_NO_SIGN},
        hints={"uk": {"test_pca_fit": "знаки ні"}},
        why="the sign convention ignored loses the PCA task only (the hidden tests draw data where eigh returns a "
            "negative component)"),
    "sub-all-points": Submission(
        lost=frozenset({"test_svm_subgradient"}), edits={"svm_subgradient": _SUB_ALL},
        hints={"uk": {"test_svm_subgradient": "ВСІ точки"}},
        why="every point counted in the subgradient loses that task only"),
    "train-no-bias": Submission(
        lost=frozenset({"test_svm_train"}), edits={"svm_train": _TRAIN_NO_BIAS},
        hints={"uk": {"test_svm_train": "b лишився 0"}, "en": {"test_svm_train": "b stayed 0"}},
        langs=("uk", "en"),
        why="subgradient descent that never updates b misses the optimum by about 10 % or more on unbalanced classes and "
            "loses the training task only"),
    "geometry-not-normalized": Submission(
        lost=frozenset({"test_hyperplane_geometry"}), edits={"hyperplane_geometry": _GEOM_NOT_NORMALIZED},
        why="|wᵀx + b| not divided by ‖w‖ loses the geometry task only"),
    "bn-feature-axis": Submission(
        lost=frozenset({"test_batch_norm_forward"}), edits={"batch_norm_forward": _BN_FEATURE_AXIS},
        hints={"uk": {"test_batch_norm_forward": "axis=1"}},
        why="batch normalization over the feature axis loses the batch-norm task only"),
    "bn-unbiased": Submission(
        lost=frozenset({"test_batch_norm_forward"}), edits={"batch_norm_forward": _BN_UNBIASED},
        why="the unbiased variance for normalizing loses the batch-norm task only"),
    "ln-unbiased": Submission(
        lost=frozenset({"test_layer_norm_forward"}), edits={"layer_norm_forward": _LN_UNBIASED},
        hints={"uk": {"test_layer_norm_forward": "незміщену дисперсію"}},
        why="the unbiased variance in layer normalization loses that task only"),
}

# ------------------------------------------------------------------------------------- the numpy-only rule
SKLEARN_PCA = '''import numpy as np
from sklearn.decomposition import PCA


def pca_fit(X, n_components, standardize=False):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or not np.all(np.isfinite(X)) or X.shape[0] < 2:
        raise ValueError("bad X")
    if isinstance(n_components, bool) or not isinstance(n_components, (int, np.integer)) \\
            or not 1 <= n_components <= X.shape[1]:
        raise ValueError("bad n_components")
    mean = X.mean(axis=0)
    sd = X.std(axis=0)
    scale = np.where(sd > 0, sd, 1.0) if standardize else np.ones(X.shape[1])
    p = PCA(n_components=n_components, svd_solver="full").fit((X - mean) / scale)
    V = p.components_
    V = V * np.sign(V[np.arange(V.shape[0]), np.argmax(np.abs(V), axis=1)])[:, None]
    return mean, scale, V, p.explained_variance_ratio_
'''
SCIPY_SUBGRADIENT = '''import numpy as np
from scipy.special import expit


def svm_subgradient(w, b, X, y, C):
    w, X, y = np.asarray(w, dtype=float), np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape != (y.size, w.size) or not np.all(np.abs(y) == 1) or not C > 0:
        raise ValueError("bad input")
    active = expit(1e6 * (1.0 - y * (X @ w + b))) > 0.5          # a heaviside through scipy
    return w - C * (y[active] @ X[active]), float(-C * y[active].sum())
'''
COURSE_REFERENCE = "from fsgeom.modules.m06_pca_svm.maths import layer_norm as layer_norm_forward  # the course's own code\n"

SUBMISSIONS.update({
    "forbidden": Submission(
        lost=frozenset({"test_pca_fit", "test_svm_subgradient"}),
        cells={"pca_fit": SKLEARN_PCA, "svm_subgradient": SCIPY_SUBGRADIENT},
        langs=("uk", "en"),
        hints={"uk": {"test_pca_fit": "sklearn", "test_svm_subgradient": "scipy"},
               "en": {"test_pca_fit": "sklearn", "test_svm_subgradient": "scipy"}},
        why="scikit-learn's PCA and scipy.special each lose their task; svm_train (which calls the forbidden "
            "svm_subgradient) does not pay twice"),
    "course-reference": Submission(
        lost=frozenset({"test_layer_norm_forward"}), cells={"layer_norm_forward": COURSE_REFERENCE},
        hints={"uk": {"test_layer_norm_forward": "fsgeom.modules.m06_pca_svm.maths"}},
        why="the course's own reference bound to the graded name loses its task"),
})

# ------------------------------------------------------------------------------------- honest variants
HONEST_VARIANTS = {
    "pca_fit": '''def pca_fit(X, n_components, standardize=False):
    X = np.array(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[0] < 2 or np.isnan(X).any() or np.isinf(X).any():
        raise ValueError("X must be a finite 2-D matrix with at least 2 rows")
    n, d = X.shape
    if type(n_components) is bool or not isinstance(n_components, (int, np.integer)) or n_components < 1 \\
            or n_components > d:
        raise ValueError("bad n_components")
    mean = np.sum(X, axis=0) / n
    Z = X - mean
    scale = np.ones(d)
    if standardize:
        sd = np.sqrt(np.sum(Z ** 2, axis=0) / n)
        scale[sd > 0] = sd[sd > 0]
    Z = Z / scale
    _, s, Vt = np.linalg.svd(Z / np.sqrt(n), full_matrices=False)   # SVD instead of eigh: s**2 are the eigenvalues
    V = Vt[:n_components].copy()
    for i in range(n_components):                                     # a loop for the sign convention
        j = np.argmax(np.abs(V[i]))
        if V[i, j] < 0:
            V[i] = -V[i]
    lam = np.zeros(d)
    lam[:s.size] = s ** 2
    return mean, scale, V, lam[:n_components] / np.sum(Z ** 2 / n)
''',
    "pca_transform": '''def pca_transform(X, mean, scale, components):
    X, components = np.atleast_2d(np.asarray(X, dtype=float)), np.asarray(components, dtype=float)
    mean, scale = np.ravel(np.asarray(mean, dtype=float)), np.ravel(np.asarray(scale, dtype=float))
    if np.ndim(X) != 2 or components.ndim != 2 or not (X.shape[1] == mean.size == scale.size == components.shape[1]):
        raise ValueError("shapes do not match")
    return np.einsum("nd,kd->nk", (X - mean) / scale, components)
''',
    "svm_objective": '''def svm_objective(w, b, X, y, C):
    w, X, y = np.asarray(w, dtype=float), np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[0] != len(y) or X.shape[1] != len(w):
        raise ValueError("shapes")
    if np.any((y != 1) & (y != -1)):
        raise ValueError("labels")
    if C <= 0:
        raise ValueError("C")
    total = 0.0
    for xi, yi in zip(X, y):                                         # a loop over the points
        total += max(0.0, 1.0 - yi * (float(np.dot(w, xi)) + b))
    return 0.5 * float(np.dot(w, w)) + C * total
''',
    "svm_subgradient": '''def svm_subgradient(w, b, X, y, C):
    w, X, y = np.asarray(w, dtype=float), np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[0] != len(y) or X.shape[1] != len(w):
        raise ValueError("shapes")
    if not np.all(np.isin(y, [-1, 1])):
        raise ValueError("labels")
    if not C > 0:
        raise ValueError("C")
    weight = np.where(y * (X @ w + b) < 1, y, 0.0)                   # np.where instead of a boolean mask
    return w - C * (X.T @ weight), -C * np.sum(weight)
''',
    "svm_train": '''def svm_train(X, y, C, n_iter=1000, eta0=0.1):
    X = np.asarray(X, dtype=float)
    if n_iter < 1 or eta0 <= 0:
        raise ValueError("schedule")
    w, b = np.zeros(X.shape[1]), 0.0
    history = [(svm_objective(w, b, X, y, C), w, b)]
    t = 0
    while t < n_iter:
        g_w, g_b = svm_subgradient(w, b, X, y, C)
        step = eta0 / (t + 1) ** 0.5
        w = w - step * g_w
        b = b - step * g_b
        history.append((svm_objective(w, b, X, y, C), w, b))
        t += 1
    best = min(range(len(history)), key=lambda i: history[i][0])
    return history[best][1], history[best][2]
''',
    "hyperplane_geometry": '''import math


def hyperplane_geometry(X, w, b):
    X, w = np.asarray(X, dtype=float), np.asarray(w, dtype=float)
    if X.ndim != 2 or w.shape != (X.shape[1],):
        raise ValueError("shapes")
    norm = math.sqrt(sum(v * v for v in w.tolist()))
    if norm == 0:
        raise ValueError("w = 0")
    return np.array([abs(float(row @ w) + b) / norm for row in X]), 2 / norm
''',
    "batch_norm_forward": '''def batch_norm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5):
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError("x must be 2-D")
    N, D = x.shape
    params = [np.asarray(p, dtype=float) for p in (gamma, beta, running_mean, running_var)]
    if any(p.shape != (D,) for p in params):
        raise ValueError("shapes")
    gamma, beta, rm, rv = params
    if training:
        if N < 2:
            raise ValueError("N < 2")
        mu = np.mean(x, axis=0, keepdims=True)
        sq = np.mean((x - mu) ** 2, axis=0, keepdims=True)
        xhat = (x - mu) / np.sqrt(sq + eps)
        return (gamma * xhat + beta, rm + momentum * (mu[0] - rm),
                rm * 0 + rv + momentum * (sq[0] * N / (N - 1) - rv))
    return gamma * (x - rm) / np.sqrt(rv + eps) + beta, rm, rv
''',
    "layer_norm_forward": '''def layer_norm_forward(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=float)
    gamma, beta = np.asarray(gamma, dtype=float), np.asarray(beta, dtype=float)
    if x.ndim < 2 or gamma.shape != x.shape[-1:] or beta.shape != x.shape[-1:]:
        raise ValueError("shapes")
    flat = x.reshape(-1, x.shape[-1])
    out = np.empty_like(flat)
    for i, row in enumerate(flat):                                    # one sample at a time
        c = row - row.mean()
        out[i] = c / np.sqrt(np.mean(c * c) + eps)
    return out.reshape(x.shape) * gamma + beta
''',
}

#: correct work computed in float32 and returned as float32 where the specification allows it
FLOAT32_VARIANT = {
    "pca_transform": '''def pca_transform(X, mean, scale, components):
    X = np.asarray(X, dtype=np.float32)
    mean, scale = np.asarray(mean, dtype=np.float32), np.asarray(scale, dtype=np.float32)
    components = np.asarray(components, dtype=np.float32)
    if X.ndim != 2 or components.ndim != 2 or not (X.shape[1] == mean.size == scale.size == components.shape[1]):
        raise ValueError("shapes")
    return ((X - mean) / scale) @ components.T
''',
    "hyperplane_geometry": '''def hyperplane_geometry(X, w, b):
    X, w = np.asarray(X, dtype=np.float32), np.asarray(w, dtype=np.float32)
    if X.ndim != 2 or w.shape != (X.shape[1],):
        raise ValueError("shapes")
    norm = np.sqrt(w @ w)
    if norm == 0:
        raise ValueError("w = 0")
    return np.abs(X @ w + np.float32(b)) / norm, np.float32(2) / norm
''',
    "layer_norm_forward": '''def layer_norm_forward(x, gamma, beta, eps=1e-5):
    x = np.asarray(x, dtype=np.float32)
    gamma, beta = np.asarray(gamma, dtype=np.float32), np.asarray(beta, dtype=np.float32)
    if x.ndim < 2 or gamma.shape != x.shape[-1:] or beta.shape != x.shape[-1:]:
        raise ValueError("shapes")
    mu = x.mean(axis=-1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(x.var(axis=-1, keepdims=True) + np.float32(eps)) + beta
''',
}

SUBMISSIONS.update({
    "honest-variants": Submission(
        lost=frozenset(), cells=HONEST_VARIANTS,
        why="SVD instead of eigh, loops, np.where instead of boolean masks, einsum, a history list for the best "
            "iterate: full marks"),
    "float32": Submission(
        lost=frozenset(), cells=FLOAT32_VARIANT,
        why="correct work returning float32 where the specification allows it keeps every point"),
})
