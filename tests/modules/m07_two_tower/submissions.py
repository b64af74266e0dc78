"""Submissions of 07-two-tower that the course's grading round grades with nbgrader (tests/grading_round.py): typical
mistakes, each of which must lose exactly its task; honest variants written differently from the reference
(np.linalg.norm instead of a square root of sums, einsum, an explicit Jacobian per row, loops, deepcopy, floor
instead of round); one computing in float32 where the specification allows it; and calls the "numpy only" rule
forbids, which must lose exactly the task whose function reaches them. predict, sgd_step and to_stars are judged
with the references of the earlier tasks in place of the student's, so a mistake there is charged once.
tests/modules/m07_two_tower/test_seeds.py grades them in-process over many fixed hidden-test seeds."""
from __future__ import annotations

from tests.grading_round import Submission

# ------------------------------------------------------------------------------------- typical mistakes
_SCALE_LEAK = [("y_min, y_max = float(y_train.min()), float(y_train.max())",
                "both = np.concatenate([y_train.ravel(), y_test.ravel()])      # fitted on train AND test\n"
                "    y_min, y_max = float(both.min()), float(both.max())")]
_SCALE_CLIPPED = [("lo + (y_test - y_min) * factor, (y_min, y_max)",
                   "np.clip(lo + (y_test - y_min) * factor, lo, hi), (y_min, y_max)")]
_INVERSE_NO_SHIFT = [("return y_min + (z - lo) * (y_max - y_min) / (hi - lo)",
                      "return y_min + z * (y_max - y_min) / (hi - lo)")]
_INVERSE_UPSIDE_DOWN = [("return y_min + (z - lo) * (y_max - y_min) / (hi - lo)",
                         "return y_min + (z - lo) * (hi - lo) / (y_max - y_min)")]
_L2_COLUMNS = [("return V / np.sqrt(np.maximum((V * V).sum(axis=1, keepdims=True), eps))",
                "return V / np.sqrt(np.maximum((V * V).sum(axis=0, keepdims=True), eps))")]
_L2_EPS_OUTSIDE = [("return V / np.sqrt(np.maximum((V * V).sum(axis=1, keepdims=True), eps))",
                    "return V / (np.sqrt((V * V).sum(axis=1, keepdims=True)) + eps)")]
_BACK_NO_PROJECTION = [("return (G - proj * U) / norm", "return G / norm")]
_TOWER_NO_MASK = [("dZ = (dV @ np.asarray(params[\"W2\"], dtype=float).T) * (Z > 0)",
                   "dZ = dV @ np.asarray(params[\"W2\"], dtype=float).T")]
_PREDICT_ONE_TOWER = [("vu, vm = l2_normalize_rows(vu), l2_normalize_rows(vm)", "vu = l2_normalize_rows(vu)")]
_SGD_NO_TWO = [("dpred = 2.0 * (pred - y) / y.size", "dpred = (pred - y) / y.size")]
_SGD_IN_PLACE = [("new_u = {k: params_u[k] - lr * grads_u[k] for k in params_u}\n"
                  "    new_m = {k: params_m[k] - lr * grads_m[k] for k in params_m}",
                  "for k in params_u:\n        params_u[k] -= lr * grads_u[k]\n"
                  "    for k in params_m:\n        params_m[k] -= lr * grads_m[k]\n"
                  "    new_u, new_m = params_u, params_m")]
_STARS_NOT_CLIPPED = [("return np.round(np.clip(y, 0.5, 5.0) * 2.0) / 2.0", "return np.round(y * 2.0) / 2.0")]

SUBMISSIONS = {
    "mistakes": Submission(
        lost=frozenset({"test_minmax_scale", "test_minmax_inverse", "test_l2_normalize_rows",
                        "test_l2_normalize_backward", "test_tower_forward", "test_predict", "test_sgd_step",
                        "test_to_stars"}),
        edits={"minmax_scale": _SCALE_LEAK, "minmax_inverse": _INVERSE_NO_SHIFT, "l2_normalize_rows": _L2_COLUMNS,
               "l2_normalize_backward": _BACK_NO_PROJECTION, "tower_forward": _TOWER_NO_MASK,
               "predict": _PREDICT_ONE_TOWER, "sgd_step": _SGD_NO_TWO, "to_stars": _STARS_NOT_CLIPPED},
        langs=("uk", "en"),
        hints={"uk": {"test_minmax_scale": "не лише на train", "test_minmax_inverse": "відняти lo",
                      "test_l2_normalize_rows": "СТОВПЦІ", "test_l2_normalize_backward": "бракує проєкції",
                      "test_tower_forward": "похідну ReLU", "test_predict": "лише одну вежу",
                      "test_sgd_step": "множник 2", "test_to_stars": "поза [0.5, 5.0]"},
               "en": {"test_minmax_scale": "not estimated on train only", "test_minmax_inverse": "lo was not subtracted",
                      "test_l2_normalize_rows": "COLUMNS", "test_l2_normalize_backward": "projection is missing",
                      "test_tower_forward": "ReLU's derivative", "test_predict": "only one tower",
                      "test_sgd_step": "factor 2", "test_to_stars": "outside [0.5, 5.0]"}},
        why="eight typical mistakes lose exactly their eight tasks, with the specific hint in the notebook's "
            "language; predict, sgd_step and to_stars, built on faulty earlier functions, are judged with the "
            "references and pay only for their own mistake"),
    "scale-clipped": Submission(
        lost=frozenset({"test_minmax_scale"}), edits={"minmax_scale": _SCALE_CLIPPED},
        hints={"uk": {"test_minmax_scale": "обрізано"}},
        why="test values clipped to [lo, hi] lose the scaling task only"),
    "inverse-upside-down": Submission(
        lost=frozenset({"test_minmax_inverse"}), edits={"minmax_inverse": _INVERSE_UPSIDE_DOWN},
        hints={"uk": {"test_minmax_inverse": "множник обернено"}},
        why="the inverse with (hi − lo)/(y_max − y_min) loses the inverse task only; to_stars keeps its points"),
    "l2-eps-outside": Submission(
        lost=frozenset({"test_l2_normalize_rows"}), edits={"l2_normalize_rows": _L2_EPS_OUTSIDE},
        hints={"uk": {"test_l2_normalize_rows": "під коренем"}},
        why="v/(‖v‖ + ε) differs from v/√max(‖v‖², ε) only on rows with ‖v‖² < ε, which the tests hold: it loses "
            "the normalization task only"),
    "sgd-in-place": Submission(
        lost=frozenset({"test_sgd_step"}), edits={"sgd_step": _SGD_IN_PLACE},
        hints={"uk": {"test_sgd_step": "змінено"}, "en": {"test_sgd_step": "was modified"}},
        langs=("uk", "en"),
        why="a gradient step that modifies the caller's parameter dicts loses the step task only"),
}

# ------------------------------------------------------------------------------------- the numpy-only rule
SKLEARN_SCALE = '''import numpy as np
from sklearn.preprocessing import MinMaxScaler


def minmax_scale(y_train, y_test, lo=-1.0, hi=1.0):
    y_train, y_test = np.asarray(y_train, dtype=float), np.asarray(y_test, dtype=float)
    if y_train.size == 0 or not np.all(np.isfinite(y_train)) or not lo < hi or y_train.min() == y_train.max():
        raise ValueError("bad input")
    s = MinMaxScaler(feature_range=(lo, hi)).fit(y_train.reshape(-1, 1))
    return (s.transform(y_train.reshape(-1, 1)).ravel(), s.transform(y_test.reshape(-1, 1)).ravel(),
            (float(s.data_min_[0]), float(s.data_max_[0])))
'''
SKLEARN_NORMALIZE = '''import numpy as np
from sklearn.preprocessing import normalize as _normalize


def l2_normalize_rows(V, eps=1e-12):
    V = np.asarray(V, dtype=float)
    if V.ndim != 2:
        raise ValueError("V must be 2-D")
    sq = (V * V).sum(axis=1, keepdims=True)
    return np.where(sq >= eps, _normalize(V), V / np.sqrt(eps))
'''
COURSE_REFERENCE = ("from fsgeom.modules.m07_two_tower.maths import tower_backward  # the course's own code\n\n\n"
                    "def tower_forward(params, X):\n"
                    "    X = np.asarray(X, dtype=float)\n"
                    "    if X.ndim != 2 or X.shape[1] != np.shape(params['W1'])[0]:\n"
                    "        raise ValueError('shapes')\n"
                    "    Z = X @ params['W1'] + params['b1']\n"
                    "    H = np.maximum(Z, 0.0)\n"
                    "    return H @ params['W2'] + params['b2'], (X, Z, H)\n")

SUBMISSIONS.update({
    "forbidden": Submission(
        lost=frozenset({"test_minmax_scale", "test_l2_normalize_rows"}),
        cells={"minmax_scale": SKLEARN_SCALE, "l2_normalize_rows": SKLEARN_NORMALIZE},
        langs=("uk", "en"),
        hints={"uk": {"test_minmax_scale": "sklearn", "test_l2_normalize_rows": "sklearn"},
               "en": {"test_minmax_scale": "sklearn", "test_l2_normalize_rows": "sklearn"}},
        why="scikit-learn's MinMaxScaler and normalize each lose their task; predict and sgd_step (which call the "
            "forbidden l2_normalize_rows) do not pay twice"),
    "course-reference": Submission(
        lost=frozenset({"test_tower_forward"}), cells={"tower_forward": COURSE_REFERENCE},
        hints={"uk": {"test_tower_forward": "fsgeom.modules.m07_two_tower.maths"}},
        why="the course's own tower_backward bound to the graded name loses the tower task; sgd_step keeps its "
            "points"),
})

# ------------------------------------------------------------------------------------- honest variants
HONEST_VARIANTS = {
    "minmax_scale": '''def minmax_scale(y_train, y_test, lo=-1.0, hi=1.0):
    y_train, y_test = np.array(y_train, dtype=np.float64), np.array(y_test, dtype=np.float64)
    if len(y_train.ravel()) == 0 or np.isnan(y_train).any() or np.isinf(y_train).any():
        raise ValueError("the training target must be non-empty and finite")
    if lo >= hi:
        raise ValueError("lo >= hi")
    ordered = np.sort(y_train.ravel())
    y_min, y_max = ordered[0], ordered[-1]
    if np.ptp(ordered) == 0:
        raise ValueError("constant target")
    unit = lambda y: (y - y_min) / (y_max - y_min)               # to [0, 1], then stretched to [lo, hi]
    return unit(y_train) * (hi - lo) + lo, unit(y_test) * (hi - lo) + lo, (float(y_min), float(y_max))
''',
    "minmax_inverse": '''def minmax_inverse(z, stats, lo=-1.0, hi=1.0):
    y_min, y_max = stats
    if hi <= lo or y_max <= y_min:
        raise ValueError("bad range or stats")
    return (np.asarray(z, dtype=float) - lo) / (hi - lo) * (y_max - y_min) + y_min
''',
    "l2_normalize_rows": '''def l2_normalize_rows(V, eps=1e-12):
    V = np.asarray(V, dtype=float)
    if len(V.shape) != 2:
        raise ValueError("V must be 2-D")
    norms = np.linalg.norm(V, axis=1)                          # max(||v||, sqrt(eps)) = sqrt(max(||v||^2, eps))
    return V / np.maximum(norms, np.sqrt(eps))[:, None]
''',
    "l2_normalize_backward": '''def l2_normalize_backward(V, G, eps=1e-12):
    V, G = np.asarray(V, dtype=float), np.asarray(G, dtype=float)
    if V.ndim != 2 or V.shape != G.shape:
        raise ValueError("shapes")
    out = np.empty_like(V)
    for i in range(V.shape[0]):                                 # the explicit Jacobian, one row at a time
        sq = float(np.dot(V[i], V[i]))
        if sq < eps:
            out[i] = G[i] / np.sqrt(eps)
            continue
        norm = np.sqrt(sq)
        u = V[i] / norm
        J = (np.eye(V.shape[1]) - np.outer(u, u)) / norm
        out[i] = J.T @ G[i]
    return out
''',
    "tower_forward": '''def tower_forward(params, X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != np.shape(params["W1"])[0]:
        raise ValueError("shapes")
    Z = np.einsum("nd,dh->nh", X, params["W1"]) + params["b1"]
    H = np.where(Z > 0, Z, 0.0)
    return np.einsum("nh,ho->no", H, params["W2"]) + params["b2"], {"X": X, "Z": Z, "H": H}


def tower_backward(params, cache, dV):
    dV = np.asarray(dV, dtype=float)
    grads = {"W2": cache["H"].T @ dV, "b2": np.sum(dV, axis=0)}
    dZ = np.where(cache["Z"] > 0, dV @ np.transpose(params["W2"]), 0.0)
    grads["W1"] = cache["X"].T @ dZ
    grads["b1"] = np.sum(dZ, axis=0)
    return grads
''',
    "predict": '''def predict(vu, vm, normalize):
    vu, vm = np.asarray(vu, dtype=float), np.asarray(vm, dtype=float)
    if vu.ndim != 2 or vu.shape != vm.shape:
        raise ValueError("shapes")
    if normalize:
        return np.einsum("ij,ij->i", l2_normalize_rows(vu), l2_normalize_rows(vm))
    return np.einsum("ij,ij->i", vu, vm)
''',
    "sgd_step": '''import copy


def sgd_step(params_u, params_m, Xu, Xm, y, lr, normalize):
    y = np.asarray(y, dtype=float).ravel()
    Xu, Xm = np.asarray(Xu, dtype=float), np.asarray(Xm, dtype=float)
    if len(y) != len(Xu) or len(y) != len(Xm):
        raise ValueError("one target per pair")
    if lr <= 0:
        raise ValueError("lr must be positive")
    vu, cu = tower_forward(params_u, Xu)
    vm, cm = tower_forward(params_m, Xm)
    err = predict(vu, vm, normalize) - y
    g = (2 / len(y)) * err[:, None]
    if normalize:
        gu = l2_normalize_backward(vu, g * l2_normalize_rows(vm))
        gm = l2_normalize_backward(vm, g * l2_normalize_rows(vu))
    else:
        gu, gm = g * vm, g * vu
    new = []
    for params, cache, grad in ((params_u, cu, gu), (params_m, cm, gm)):
        fresh = copy.deepcopy(params)
        for key, value in tower_backward(params, cache, grad).items():
            fresh[key] = fresh[key] - lr * value
        new.append(fresh)
    return float(np.dot(err, err) / len(y)), new[0], new[1]
''',
    "to_stars": '''def to_stars(z, stats, lo=-1.0, hi=1.0):
    y = minmax_inverse(z, stats, lo, hi)
    y = np.minimum(np.maximum(y, 0.5), 5.0)
    return np.floor(2 * y + 0.5) / 2                              # no ties in the tests: floor(x + 1/2) = round
''',
}

#: correct work computed in float32 and returned as float32 where the specification allows it
FLOAT32_VARIANT = {
    "minmax_inverse": '''def minmax_inverse(z, stats, lo=-1.0, hi=1.0):
    y_min, y_max = (np.float32(s) for s in stats)
    if not lo < hi or not y_min < y_max:
        raise ValueError("bad range or stats")
    z = np.asarray(z, dtype=np.float32)
    return y_min + (z - np.float32(lo)) * (y_max - y_min) / np.float32(hi - lo)
''',
    "l2_normalize_rows": '''def l2_normalize_rows(V, eps=1e-12):
    V = np.asarray(V, dtype=np.float32)
    if V.ndim != 2:
        raise ValueError("V must be 2-D")
    return V / np.sqrt(np.maximum((V * V).sum(axis=1, keepdims=True), np.float32(eps)))
''',
    "predict": '''def predict(vu, vm, normalize):
    vu, vm = np.asarray(vu, dtype=np.float32), np.asarray(vm, dtype=np.float32)
    if vu.ndim != 2 or vu.shape != vm.shape:
        raise ValueError("shapes")
    if normalize:
        vu = vu / np.sqrt(np.maximum((vu * vu).sum(axis=1, keepdims=True), np.float32(1e-12)))
        vm = vm / np.sqrt(np.maximum((vm * vm).sum(axis=1, keepdims=True), np.float32(1e-12)))
    return (vu * vm).sum(axis=1)
''',
}

SUBMISSIONS.update({
    "honest-variants": Submission(
        lost=frozenset(), cells=HONEST_VARIANTS,
        why="np.linalg.norm, einsum, an explicit Jacobian per row, a dict cache, deepcopy, floor(x + 1/2): full marks"),
    "float32": Submission(
        lost=frozenset(), cells=FLOAT32_VARIANT,
        why="correct work returning float32 where the specification allows it keeps every point"),
})
