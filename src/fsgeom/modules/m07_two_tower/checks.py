r"""Visible checks of assignment ``07-two-tower`` (min-max scaling of the target fitted on train only and its
inverse, L2 normalization of rows and its vector–Jacobian product, one tower dense → ReLU → dense with its
backward pass, the two-tower prediction, one full-batch gradient step, predictions back to stars).

Every check takes the student's function(s), runs it on small fixed examples, and raises
:class:`fsgeom.grading.CheckFailed` with a SPECIFIC hint when the result is wrong (the scaler fitted on train and
test together, test values clipped, the inverse without the shift by ``lo`` or with the factor upside down, rows
normalized along the wrong axis, ε outside the square root, the backward pass without the projection term, the
ReLU mask forgotten, one tower normalized only, the factor 2 of the MSE gradient forgotten, the parameters modified
in place, stars not clipped or not rounded, ...). On success it prints one "✓" line. Messages are in the notebook's
language (``fsgeom.i18n``).

Expected values come from small hand-checked examples or from the module's own maths (:mod:`.maths`); the hidden
tests in the notebook use independent oracles (scikit-learn's ``MinMaxScaler`` and ``normalize``, the formulas
written out, central finite differences for every gradient) and pass their values to the judges here
(``expected=``).

``predict``, ``sgd_step`` and ``to_stars`` build on earlier tasks: they are judged with the student's earlier
functions REPLACED by plain-numpy references (:func:`call_built`), so one mistake is charged to one task.

Tolerances: :func:`fsgeom.grading.tolerance` of the precision the result carries, at the magnitude of the numbers
the result is computed from; gradients compared with finite differences get :data:`FD_RTOL` (central differences
of a piecewise-smooth function with step 1e-6 agree to about 1e-9 relative, the hidden tests keep every ReLU
input at least 1e-3 away from its kink).
"""
from __future__ import annotations

import numpy as np

from ...grading import (StudentError, as_float_array, call, check_array, check_scalar, check_tuple, expect_raises,
                        fail, passed, precision, tolerance)
from ... import grading as _grading
from ...grading import bind_hints
from ...selfcheck import for_module
from ...tasks import Task
from . import MODULE_ID
from . import maths as _m

__all__ = ["MODULE_ID", "TASKS", "HINTS", "check", "check_all", "why", "call_built", "expect_raises_built",
           "REFERENCE", "FD_RTOL", "minmax_scale", "minmax_inverse", "l2_normalize_rows", "l2_normalize_backward",
           "tower_forward", "predict", "sgd_step", "to_stars", "judge_scale", "judge_inverse", "judge_l2",
           "judge_backward", "judge_tower_forward", "judge_tower_grads", "judge_predict", "judge_sgd",
           "judge_stars"]

_array = np.array

#: relative tolerance of a gradient judged against central finite differences (measured agreement about 1e-9)
FD_RTOL = 1e-5

HINTS = {
    # ------------------------------------------------------------------ bad inputs
    "empty_target": {"uk": "навчальна цільова змінна порожня", "en": "the training target is empty"},
    "constant_target": {"uk": "навчальна цільова змінна стала (y_max = y_min)",
                        "en": "the training target is constant (y_max = y_min)"},
    "not_finite": {"uk": "y_train містить nan чи inf", "en": "y_train holds nan or inf"},
    "bad_range": {"uk": "lo ≥ hi", "en": "lo ≥ hi"},
    "bad_stats": {"uk": "stats = (y_min, y_max) з y_min ≥ y_max", "en": "stats = (y_min, y_max) with y_min ≥ y_max"},
    "not_2d": {"uk": "V не двовимірна матриця", "en": "V is not a 2-D matrix"},
    "shapes": {"uk": "форми вхідних масивів не узгоджені", "en": "the shapes of the inputs do not match"},
    "bad_lr": {"uk": "крок навчання lr ≤ 0", "en": "the learning rate lr ≤ 0"},
    "arraylike": {
        "uk": "Вхідні дані можуть бути списками чи масивами float32: перетворіть їх на початку функції "
              "(np.asarray(x, dtype=float)).",
        "en": "The inputs may be lists or float32 arrays: convert them at the start of the function "
              "(np.asarray(x, dtype=float)).",
    },
    # ------------------------------------------------------------------ min-max scaling
    "scale_leak": {
        "uk": "параметри масштабування оцінено не лише на train: ваші (min, max) — {got}, а min і max "
              "НАВЧАЛЬНОЇ вибірки — {train}. Параметри оцінюємо лише на train, тестову вибірку лише перетворюємо "
              "ними (інакше тест «підглядає» у власні оцінки).",
        "en": "the scaling parameters were not estimated on train only: your (min, max) is {got}, the TRAINING "
              "set's min and max are {train}. Estimate them on train only and only transform the test set with "
              "them (otherwise the test set peeks at its own ratings).",
    },
    "scale_clipped": {
        "uk": "тестові значення обрізано до [lo, hi]: оцінка тесту поза діапазоном train має лягти поза [lo, hi] "
              "(як у MinMaxScaler без clip).",
        "en": "the test values were clipped to [lo, hi]: a test rating outside the training range must land "
              "outside [lo, hi] (as MinMaxScaler without clip).",
    },
    "scale_01": {
        "uk": "це масштабування до [0, 1]: для [lo, hi] — z = lo + (y − y_min)·(hi − lo)/(y_max − y_min).",
        "en": "this scales to [0, 1]: for [lo, hi] it is z = lo + (y − y_min)·(hi − lo)/(y_max − y_min).",
    },
    "scale_no_shift": {
        "uk": "бракує зсуву на lo: z = lo + (y − y_min)·(hi − lo)/(y_max − y_min).",
        "en": "the shift by lo is missing: z = lo + (y − y_min)·(hi − lo)/(y_max − y_min).",
    },
    "stats_not_floats": {
        "uk": "stats має бути парою чисел (y_min, y_max) навчальної цільової змінної.",
        "en": "stats must be a pair of numbers (y_min, y_max) of the training target.",
    },
    # ------------------------------------------------------------------ inverse
    "inverse_no_shift": {
        "uk": "забуто відняти lo: y = y_min + (z − lo)·(y_max − y_min)/(hi − lo).",
        "en": "lo was not subtracted: y = y_min + (z − lo)·(y_max − y_min)/(hi − lo).",
    },
    "inverse_upside_down": {
        "uk": "множник обернено (чисельник і знаменник помінялися місцями): у зворотному перетворенні — "
              "(y_max − y_min)/(hi − lo), а не (hi − lo)/(y_max − y_min).",
        "en": "the factor is upside down: the inverse multiplies by (y_max − y_min)/(hi − lo), not "
              "(hi − lo)/(y_max − y_min).",
    },
    "inverse_forward": {
        "uk": "це пряме перетворення (y → z), а треба зворотне: y = y_min + (z − lo)·(y_max − y_min)/(hi − lo).",
        "en": "this is the forward transform (y → z); the inverse is y = y_min + (z − lo)·(y_max − y_min)/(hi − lo).",
    },
    # ------------------------------------------------------------------ L2 normalization
    "l2_columns": {
        "uk": "нормалізовано СТОВПЦІ (axis=0): кожен РЯДОК — вектор одного користувача чи фільму, тож суму "
              "квадратів беремо по рядку (axis=1, keepdims=True).",
        "en": "the COLUMNS were normalized (axis=0): every ROW is the vector of one user or item, so the sum of "
              "squares goes along the row (axis=1, keepdims=True).",
    },
    "l2_eps_outside": {
        "uk": "ε має бути під коренем через max: v/√max(Σv², ε), а не v/(‖v‖ + ε) — різниця видна на рядках з "
              "‖v‖² < ε.",
        "en": "ε goes under the square root through max: v/√max(Σv², ε), not v/(‖v‖ + ε); the difference shows on "
              "rows with ‖v‖² < ε.",
    },
    "l2_eps_added": {
        "uk": "ε не додають, а беруть max: v/√max(Σv², ε), а не v/√(Σv² + ε) — різниця видна на рядках з ‖v‖² < ε.",
        "en": "ε is not added but taken with max: v/√max(Σv², ε), not v/√(Σv² + ε); the difference shows on rows "
              "with ‖v‖² < ε.",
    },
    "l2_squared": {
        "uk": "поділено на ‖v‖², а треба на ‖v‖ = √(Σv²).",
        "en": "divided by ‖v‖², but it is ‖v‖ = √(Σv²).",
    },
    "l2_zero_row": {
        "uk": "нульовий рядок дав nan (0/0): з ε у знаменнику √max(Σv², ε) нульовий рядок лишається нульовим.",
        "en": "a zero row gave nan (0/0): with ε in the denominator √max(Σv², ε) a zero row stays zero.",
    },
    # ------------------------------------------------------------------ backward of the normalization
    "back_no_projection": {
        "uk": "бракує проєкції: якобіан u = v/‖v‖ — (I − uuᵀ)/‖v‖, тож добуток вектора на якобіан — "
              "(g − (g·u)u)/‖v‖, а не g/‖v‖ (зміна довжини v не змінює u).",
        "en": "the projection is missing: the Jacobian of u = v/‖v‖ is (I − uuᵀ)/‖v‖, so the vector–Jacobian "
              "product is (g − (g·u)u)/‖v‖, not g/‖v‖ (changing the length of v does not change u).",
    },
    "back_not_divided": {
        "uk": "(g − (g·u)u) не поділено на ‖v‖: довший вектор повертається повільніше.",
        "en": "(g − (g·u)u) was not divided by ‖v‖: a longer vector turns more slowly.",
    },
    "back_sign": {
        "uk": "знак проєкції неправильний: (g − (g·u)u)/‖v‖, з мінусом.",
        "en": "the sign of the projection is wrong: (g − (g·u)u)/‖v‖, with a minus.",
    },
    "back_rows": {
        "uk": "скалярний добуток g·u треба брати по КОЖНОМУ рядку окремо ((G*U).sum(axis=1, keepdims=True)).",
        "en": "the dot product g·u is taken for EVERY row on its own ((G*U).sum(axis=1, keepdims=True)).",
    },
    # ------------------------------------------------------------------ tower
    "tower_no_relu": {
        "uk": "ReLU не застосовано: H = max(XW1 + b1, 0), потім V = HW2 + b2.",
        "en": "the ReLU is missing: H = max(XW1 + b1, 0), then V = HW2 + b2.",
    },
    "tower_relu_output": {
        "uk": "ReLU застосовано й до виходу: вихід вежі V = HW2 + b2 лінійний (інакше від'ємні координати зникають).",
        "en": "the ReLU was applied to the output too: the tower's output V = HW2 + b2 is linear (otherwise the "
              "negative coordinates vanish).",
    },
    "tower_not_dict": {
        "uk": "tower_backward має повертати словник {{\"W1\", \"b1\", \"W2\", \"b2\"}} з градієнтами, бракує {key}.",
        "en": "tower_backward must return a dict {{\"W1\", \"b1\", \"W2\", \"b2\"}} of gradients; {key} is missing.",
    },
    "grad_no_mask": {
        "uk": "градієнт не пропущено через похідну ReLU: dZ = dH · [Z > 0] (там, де ReLU обнулила, градієнт 0).",
        "en": "the gradient did not go through the ReLU's derivative: dZ = dH · [Z > 0] (where the ReLU gave 0, "
              "the gradient is 0).",
    },
    "grad_bias_mean": {
        "uk": "градієнт зсуву — СУМА dV (чи dZ) по рядках батча, а не середнє.",
        "en": "the gradient of a bias is the SUM of dV (or dZ) over the rows of the batch, not the mean.",
    },
    # ------------------------------------------------------------------ prediction
    "predict_matrix": {
        "uk": "це матриця всіх пар vu @ vm.T: потрібен скалярний добуток РЯДОК з рядком, (vu * vm).sum(axis=1).",
        "en": "this is the matrix of all pairs vu @ vm.T: the dot product is row with row, (vu * vm).sum(axis=1).",
    },
    "predict_one_tower": {
        "uk": "нормалізовано лише одну вежу: косинусна подібність — скалярний добуток ОБОХ L2-нормалізованих "
              "векторів (вежі користувача і вежі фільму).",
        "en": "only one tower was normalized: the cosine similarity is the dot product of BOTH L2-normalized "
              "vectors (the user tower's and the item tower's).",
    },
    "predict_flag": {
        "uk": "normalize проігноровано: з normalize=True — косинус (обидві вежі L2-нормалізовано), з "
              "normalize=False — звичайний скалярний добуток.",
        "en": "normalize was ignored: with normalize=True the cosine (both towers L2-normalized), with "
              "normalize=False the plain dot product.",
    },
    # ------------------------------------------------------------------ gradient step
    "sgd_no_two": {
        "uk": "крок удвічі менший: похідна MSE = mean((pred − y)²) за pred — 2(pred − y)/n (забуто множник 2).",
        "en": "the step is half as long: the derivative of the MSE mean((pred − y)²) in pred is 2(pred − y)/n "
              "(the factor 2 is missing).",
    },
    "sgd_no_mean": {
        "uk": "крок у n разів більший: похідна СЕРЕДНЬОЇ квадратичної помилки — 2(pred − y)/n (бракує ділення на n).",
        "en": "the step is n times too long: the derivative of the MEAN squared error is 2(pred − y)/n (the "
              "division by n is missing).",
    },
    "sgd_sign": {
        "uk": "крок зроблено вгору: параметр ← параметр − lr · градієнт (з мінусом).",
        "en": "the step went uphill: parameter ← parameter − lr · gradient (with a minus).",
    },
    "sgd_one_tower": {
        "uk": "оновлено лише одну вежу: градієнт функції втрат тече в ОБИДВІ (вежу користувача і вежу фільму).",
        "en": "only one tower was updated: the loss's gradient flows into BOTH (the user tower and the item tower).",
    },
    "sgd_no_normalize_backward": {
        "uk": "з normalize=True градієнт має пройти через L2-нормалізацію: dvu = l2_normalize_backward(vu, "
              "dpred[:, None] * nm) (і так само для фільму).",
        "en": "with normalize=True the gradient must go through the L2 normalization: dvu = "
              "l2_normalize_backward(vu, dpred[:, None] * nm) (and likewise for the item).",
    },
    "sgd_loss_after": {
        "uk": "повернуто втрату ПІСЛЯ кроку: потрібна втрата до кроку (з якою рахували градієнт).",
        "en": "the loss AFTER the step was returned: it is the loss before the step (the one the gradient was "
              "computed from).",
    },
    "sgd_mutated": {
        "uk": "вхідний словник параметрів {which} змінено: поверніть НОВІ словники, вхідні не чіпайте "
              "(params[k] = ... чи -= змінює словник того, хто викликав).",
        "en": "the input parameter dict {which} was modified: return NEW dicts and leave the inputs alone "
              "(params[k] = ... or -= changes the caller's dict).",
    },
    "sgd_keys": {
        "uk": "новий словник параметрів {which} має містити ті самі ключі W1, b1, W2, b2 (бракує {key}).",
        "en": "the new parameter dict {which} must hold the same keys W1, b1, W2, b2 ({key} is missing).",
    },
    # ------------------------------------------------------------------ stars
    "stars_not_clipped": {
        "uk": "зірки поза [0.5, 5.0]: після зворотного перетворення обріжте (np.clip) до [0.5, 5.0], потім "
              "округліть до 0.5.",
        "en": "stars outside [0.5, 5.0]: after the inverse transform clip (np.clip) to [0.5, 5.0], then round to "
              "0.5.",
    },
    "stars_not_rounded": {
        "uk": "не округлено до півзірки: round(y·2)/2.",
        "en": "not rounded to half a star: round(y·2)/2.",
    },
    "stars_whole": {
        "uk": "округлено до цілих зірок: крок оцінок — 0.5, тож round(y·2)/2.",
        "en": "rounded to whole stars: ratings come in steps of 0.5, so round(y·2)/2.",
    },
    "stars_no_inverse": {
        "uk": "не зроблено зворотного min-max перетворення: спершу minmax_inverse(z, stats, lo, hi), потім clip і "
              "округлення.",
        "en": "the inverse min-max transform is missing: first minmax_inverse(z, stats, lo, hi), then clip and "
              "round.",
    },
}


#: ``_h(key, **fmt)``: a hint in the notebook's language; ``why(key)``: a bad input's description for the hidden tests
_h, why = bind_hints(HINTS)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _mat(X) -> np.ndarray:
    return _array(X, dtype=float)


def _close(a, b, rtol, atol) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    with np.errstate(all="ignore"):
        return a.shape == b.shape and bool(np.all(np.isfinite(a))) and bool(np.all(np.abs(a - b) <= atol + rtol * np.abs(b)))


# ============================================================================ calling student code
_REFERENCE_SOURCE = '''
def minmax_inverse(z, stats, lo=-1.0, hi=1.0):
    y_min, y_max = (float(s) for s in stats)
    if not lo < hi or not y_min < y_max:
        raise ValueError("lo < hi and y_min < y_max are needed")
    return y_min + (np.asarray(z, dtype=float) - lo) * (y_max - y_min) / (hi - lo)


def l2_normalize_rows(V, eps=1e-12):
    V = np.asarray(V, dtype=float)
    if V.ndim != 2:
        raise ValueError("V must be 2-D")
    return V / np.sqrt(np.maximum((V * V).sum(axis=1, keepdims=True), eps))


def l2_normalize_backward(V, G, eps=1e-12):
    V, G = np.asarray(V, dtype=float), np.asarray(G, dtype=float)
    if V.ndim != 2 or G.shape != V.shape:
        raise ValueError("V must be 2-D and G of its shape")
    sq = (V * V).sum(axis=1, keepdims=True)
    norm = np.sqrt(np.maximum(sq, eps))
    U = V / norm
    return (G - np.where(sq >= eps, (G * U).sum(axis=1, keepdims=True), 0.0) * U) / norm


def tower_forward(params, X):
    X = np.asarray(X, dtype=float)
    W1 = np.asarray(params["W1"], dtype=float)
    if X.ndim != 2 or X.shape[1] != W1.shape[0]:
        raise ValueError("X must be (n, d_in)")
    Z = X @ W1 + params["b1"]
    H = np.maximum(Z, 0.0)
    return H @ params["W2"] + params["b2"], (X, Z, H)


def tower_backward(params, cache, dV):
    X, Z, H = cache
    dV = np.asarray(dV, dtype=float)
    dZ = (dV @ np.asarray(params["W2"], dtype=float).T) * (Z > 0)
    return {"W1": X.T @ dZ, "b1": dZ.sum(axis=0), "W2": H.T @ dV, "b2": dV.sum(axis=0)}


def predict(vu, vm, normalize):
    vu, vm = np.asarray(vu, dtype=float), np.asarray(vm, dtype=float)
    if vu.ndim != 2 or vu.shape != vm.shape:
        raise ValueError("vu and vm must be 2-D of the same shape")
    if normalize:
        vu, vm = l2_normalize_rows(vu), l2_normalize_rows(vm)
    return (vu * vm).sum(axis=1)
'''

#: the references that replace a student's earlier function while a later task is judged (see :func:`call_built`)
REFERENCE = _grading.compile_references(_REFERENCE_SOURCE, ("minmax_inverse", "l2_normalize_rows",
                                                            "l2_normalize_backward", "tower_forward",
                                                            "tower_backward", "predict"))

#: call a later task with the student's earlier functions replaced by REFERENCE (one mistake is charged once)
call_built, expect_raises_built = _grading.bind_references(REFERENCE)


def _friendly(caller, fn, *args, name: str, task: str, **kwargs):
    """``caller(fn, ...)`` for inputs given as lists or float32: a failure adds the array-like hint."""
    __tracebackhide__ = True
    try:
        return caller(fn, *args, name=name, task=task, **kwargs)
    except StudentError as exc:
        err = StudentError(exc.hint + " " + _h("arraylike"), task)
        raise err from exc.__cause__


def _is_number(v) -> bool:
    t = type(v)
    if issubclass(t, np.ndarray):
        return v.size == 1 and v.dtype.kind in "iuf"
    return issubclass(t, (int, float, np.integer, np.floating)) and not issubclass(t, bool)


def _fmt_pair(p) -> str:
    return "(" + ", ".join(f"{float(np.asarray(v, dtype=float).reshape(-1)[0]):.6g}" for v in p) + ")"


# ============================================================================ 1. min-max scaling
def _scale(y, y_min, y_max, lo, hi):
    return lo + (_mat(y) - y_min) * (hi - lo) / (y_max - y_min)


def judge_scale(result, y_train, y_test, lo=-1.0, hi=1.0, expected=None, *, name: str = "minmax_scale",
                task: str = "minmax_scale"):
    """``result == (z_train, z_test, (y_min, y_max))`` with the statistics of ``y_train`` only (``expected``: an
    oracle's, e.g. scikit-learn's ``MinMaxScaler((lo, hi)).fit(y_train)`` in the hidden tests). Hints: leakage
    (fitted on train and test together, or on test), test values clipped, [0, 1] instead of [lo, hi], no shift."""
    __tracebackhide__ = True
    ytr, yte = _mat(y_train), _mat(y_test)
    y_min, y_max = float(ytr.min()), float(ytr.max())
    if expected is None:
        expected = (_scale(ytr, y_min, y_max, lo, hi), _scale(yte, y_min, y_max, lo, hi), (y_min, y_max))
    zt_e, zs_e = _mat(expected[0]), _mat(expected[1])
    st_e = tuple(float(v) for v in expected[2])
    raw_zt, raw_zs, raw_st = check_tuple(result, 3, name=name, task=task)
    both = np.concatenate([ytr.ravel(), yte.ravel()])
    leaks = [(float(both.min()), float(both.max())), (float(yte.min()), float(yte.max()))] if yte.size else []
    leaks = [lk for lk in leaks if lk[1] > lk[0] and not np.allclose(lk, st_e)]
    # the statistics first: leakage shows there most clearly
    st = check_tuple(raw_st, 2, name=name + " → stats", task=task)
    if not all(_is_number(v) for v in st):
        fail(f"{name} → stats: " + _h("stats_not_floats"), task)
    got_st = tuple(float(np.asarray(v, dtype=float).reshape(-1)[0]) for v in st)
    mag_y = max(1.0, float(np.max(np.abs(both), initial=0.0)))
    rtol, atol = tolerance(eps=precision(*st), scale=mag_y)
    if not _close(got_st, st_e, rtol, atol):
        for lk in leaks:
            if _close(got_st, lk, rtol, atol):
                fail(f"{name} → stats: " + _h("scale_leak", got=_fmt_pair(got_st), train=_fmt_pair(st_e)), task)
        for v, e, what in zip(st, st_e, ("y_min", "y_max")):
            check_scalar(v, e, name=f"{name} → stats ({what})", rtol=rtol, atol=atol, task=task)
    factor = abs(hi - lo) / (y_max - y_min)
    mag = max(1.0, (mag_y + abs(y_min)) * factor + abs(lo) + abs(hi))

    def mistakes(y):
        out = [(_scale(y, a, b, lo, hi), _h("scale_leak", got=_fmt_pair((a, b)), train=_fmt_pair(st_e)))
               for a, b in leaks]
        out += [(_scale(y, y_min, y_max, 0.0, 1.0), _h("scale_01")),
                ((_mat(y) - y_min) * (hi - lo) / (y_max - y_min), _h("scale_no_shift"))]
        return out
    zt = check_array(raw_zt, zt_e, name=name + " → z_train", scale=mag, mistakes=mistakes(ytr), task=task)
    zs = check_array(raw_zs, zs_e, name=name + " → z_test", scale=mag,
                     mistakes=[(np.clip(zs_e, min(lo, hi), max(lo, hi)), _h("scale_clipped"))] + mistakes(yte),
                     task=task)
    return zt, zs, got_st


def minmax_scale(fn) -> None:
    """Visible checks of ``minmax_scale(y_train, y_test, lo=-1.0, hi=1.0)``."""
    __tracebackhide__ = True
    task = name = "minmax_scale"
    # by hand: train stars 1..4 → [−1, 1] with factor 2/3; the test's 5 stars lies beyond: 1 + 2/3
    ytr, yte = _array([1.0, 2.0, 4.0, 3.0]), _array([0.5, 5.0, 2.5])
    judge_scale(call(fn, ytr, yte, name=name, task=task), ytr, yte, -1.0, 1.0,
                ([-1.0, -1 / 3, 1.0, 1 / 3], [-4 / 3, 5 / 3, 0.0], (1.0, 4.0)), name=name, task=task)
    judge_scale(call(fn, ytr, yte, 0.0, 10.0, name=name, task=task), ytr, yte, 0.0, 10.0, name=name, task=task)
    rng = _rng(11)
    ytr = np.round(rng.uniform(1.0, 4.5, 60) * 2) / 2
    yte = np.round(rng.uniform(0.5, 5.0, 25) * 2) / 2
    judge_scale(call(fn, ytr, yte, name=name, task=task), ytr, yte, name=name, task=task)
    judge_scale(call(fn, ytr, yte, -3.0, -0.5, name=name, task=task), ytr, yte, -3.0, -0.5, name=name, task=task)
    judge_scale(_friendly(call, fn, ytr.tolist(), [1, 5, 3], name=name, task=task), ytr, [1.0, 5.0, 3.0],
                name=name, task=task)
    judge_scale(_friendly(call, fn, ytr.astype(np.float32), yte.astype(np.float32), name=name, task=task), ytr,
                yte, name=name, task=task)
    expect_raises(fn, _array([]), yte, why=_h("empty_target"), name=name, task=task)
    expect_raises(fn, np.full(5, 3.0), yte, why=_h("constant_target"), name=name, task=task)
    expect_raises(fn, _array([1.0, np.nan, 3.0]), yte, why=_h("not_finite"), name=name, task=task)
    expect_raises(fn, ytr, yte, 1.0, 1.0, why=_h("bad_range"), name=name, task=task)
    expect_raises(fn, ytr, yte, 1.0, -1.0, why=_h("bad_range"), name=name, task=task)
    passed(name)


# ============================================================================ 2. the inverse
def judge_inverse(result, z, stats, lo=-1.0, hi=1.0, expected=None, *, name: str = "minmax_inverse",
                  task: str = "minmax_inverse"):
    """``result == y_min + (z − lo)·(y_max − y_min)/(hi − lo)`` (``expected``: an oracle's, e.g.
    ``MinMaxScaler.inverse_transform`` in the hidden tests). Hints: no shift by lo, the factor upside down, the
    forward transform."""
    __tracebackhide__ = True
    z = _mat(z)
    y_min, y_max = (float(s) for s in stats)
    if expected is None:
        expected = y_min + (z - lo) * (y_max - y_min) / (hi - lo)
    mistakes = [(y_min + z * (y_max - y_min) / (hi - lo), _h("inverse_no_shift")),
                (y_min + (z - lo) * (hi - lo) / (y_max - y_min), _h("inverse_upside_down")),
                (lo + (z - y_min) * (hi - lo) / (y_max - y_min), _h("inverse_forward"))]
    mag = max(1.0, abs(y_min) + (float(np.max(np.abs(z), initial=0.0)) + abs(lo)) * (y_max - y_min) / (hi - lo))
    return check_array(result, expected, name=name, scale=mag, mistakes=mistakes, task=task)


def minmax_inverse(fn) -> None:
    """Visible checks of ``minmax_inverse(z, stats, lo=-1.0, hi=1.0)``."""
    __tracebackhide__ = True
    task = name = "minmax_inverse"
    # by hand: stats (0.5, 5.0), [−1, 1]: z = −1 → 0.5, 0 → 2.75, 1 → 5.0, 1.5 → 6.125
    z = _array([-1.0, 0.0, 1.0, 1.5])
    judge_inverse(call(fn, z, (0.5, 5.0), name=name, task=task), z, (0.5, 5.0), -1.0, 1.0,
                  [0.5, 2.75, 5.0, 6.125], name=name, task=task)
    rng = _rng(21)
    zr = rng.uniform(-1.5, 1.5, 30)
    for stats, lo, hi in (((1.0, 4.5), -1.0, 1.0), ((-3.0, 12.0), 0.5, 2.0), ((100.0, 100.5), -4.0, -1.0)):
        judge_inverse(call(fn, zr, stats, lo, hi, name=name, task=task), zr, stats, lo, hi, name=name, task=task)
    judge_inverse(call(fn, zr.reshape(5, 6), (1.0, 4.5), name=name, task=task), zr.reshape(5, 6), (1.0, 4.5),
                  name=name, task=task)
    judge_inverse(_friendly(call, fn, zr.tolist(), [1, 5], name=name, task=task), zr, (1.0, 5.0), name=name,
                  task=task)
    judge_inverse(_friendly(call, fn, zr.astype(np.float32), (0.5, 5.0), name=name, task=task),
                  zr.astype(np.float32), (0.5, 5.0), name=name, task=task)
    expect_raises(fn, zr, (0.5, 5.0), 1.0, 1.0, why=_h("bad_range"), name=name, task=task)
    expect_raises(fn, zr, (5.0, 5.0), why=_h("bad_stats"), name=name, task=task)
    expect_raises(fn, zr, (5.0, 0.5), why=_h("bad_stats"), name=name, task=task)
    passed(name)


# ============================================================================ 3. L2 normalization of rows
def judge_l2(result, V, eps=1e-12, expected=None, *, name: str = "l2_normalize_rows",
             task: str = "l2_normalize_rows"):
    """``result`` = every row divided by ``sqrt(max(Σ v², eps))`` (``expected``: an oracle's, e.g. scikit-learn's
    ``normalize`` with the rows of ``‖v‖² < eps`` divided by ``sqrt(eps)`` in the hidden tests). Hints: columns,
    ε outside the root or added, the squared norm, nan on a zero row."""
    __tracebackhide__ = True
    V = _mat(V)
    sq = (V * V).sum(axis=1, keepdims=True)
    if expected is None:
        expected = V / np.sqrt(np.maximum(sq, eps))
    with np.errstate(all="ignore"):
        mistakes = [(V / np.sqrt(np.maximum((V * V).sum(axis=0, keepdims=True), eps)), _h("l2_columns")),
                    (V / (np.sqrt(sq) + eps), _h("l2_eps_outside")),
                    (V / np.sqrt(sq + eps), _h("l2_eps_added")),
                    (V / np.maximum(sq, eps), _h("l2_squared"))]
    nan_hint = _h("l2_zero_row") if np.any(sq == 0) else None
    return check_array(result, expected, name=name, scale=1.0, mistakes=mistakes, nan_hint=nan_hint, task=task)


def l2_normalize_rows(fn) -> None:
    """Visible checks of ``l2_normalize_rows(V, eps=1e-12)``."""
    __tracebackhide__ = True
    task = name = "l2_normalize_rows"
    # by hand: (3, 4) → (0.6, 0.8); a zero row stays zero; (1e-7, 0) has ‖v‖² = 1e-14 < ε: divided by √ε = 1e-6
    V = _array([[3.0, 4.0], [0.0, 0.0], [1e-7, 0.0], [-2.0, 0.0]])
    judge_l2(call(fn, V, name=name, task=task), V, 1e-12, [[0.6, 0.8], [0.0, 0.0], [0.1, 0.0], [-1.0, 0.0]],
             name=name, task=task)
    rng = _rng(31)
    R = rng.normal(size=(12, 5)) * rng.uniform(0.1, 10.0, size=(12, 1))
    judge_l2(call(fn, R, name=name, task=task), R, name=name, task=task)
    judge_l2(call(fn, R * 1e-4, 1e-6, name=name, task=task), R * 1e-4, 1e-6, name=name, task=task)
    judge_l2(call(fn, R[:3].T, name=name, task=task), R[:3].T, name=name, task=task)
    judge_l2(_friendly(call, fn, [[3, 4], [0, 0], [1, 1]], name=name, task=task), [[3, 4], [0, 0], [1, 1]],
             name=name, task=task)
    judge_l2(_friendly(call, fn, R.astype(np.float32), name=name, task=task), R.astype(np.float32), name=name,
             task=task)
    expect_raises(fn, R[0], why=_h("not_2d"), name=name, task=task)
    passed(name)


# ============================================================================ 4. its vector–Jacobian product
def _vjp(V, G, eps):
    sq = (V * V).sum(axis=1, keepdims=True)
    norm = np.sqrt(np.maximum(sq, eps))
    U = V / norm
    proj = np.where(sq >= eps, (G * U).sum(axis=1, keepdims=True), 0.0)
    return G, U, proj, norm


def judge_backward(result, V, G, eps=1e-12, expected=None, *, name: str = "l2_normalize_backward",
                   task: str = "l2_normalize_backward"):
    """``result`` = ``(g − (g·u)u)/‖v‖`` per row (``expected``: central finite differences of the forward formula
    written out, in the hidden tests; then compared at :data:`FD_RTOL`). Hints: no projection, not divided by
    ‖v‖, the projection's sign, g·u over the whole matrix."""
    __tracebackhide__ = True
    V, G = _mat(V), _mat(G)
    G, U, proj, norm = _vjp(V, G, eps)
    exact = (G - proj * U) / norm
    fd = expected is not None
    expected = exact if expected is None else _mat(expected)
    with np.errstate(all="ignore"):
        mistakes = [(G / norm, _h("back_no_projection")), (G - proj * U, _h("back_not_divided")),
                    ((G + proj * U) / norm, _h("back_sign")), ((G - (G * U).sum() * U) / norm, _h("back_rows"))]
    mag = max(1.0, float(np.max(np.abs(G) / norm, initial=0.0)))
    if fd:
        r, a = tolerance(result, scale=mag)
        return check_array(result, expected, name=name, rtol=max(r, FD_RTOL), atol=max(a, FD_RTOL * mag),
                           mistakes=mistakes, task=task)
    return check_array(result, expected, name=name, scale=mag, mistakes=mistakes, task=task)


def l2_normalize_backward(fn) -> None:
    """Visible checks of ``l2_normalize_backward(V, G, eps=1e-12)``."""
    __tracebackhide__ = True
    task = name = "l2_normalize_backward"
    # by hand: v = (3, 4), ‖v‖ = 5, u = (0.6, 0.8); g = (1, 0): g·u = 0.6, g − 0.6u = (0.64, −0.48), / 5 →
    # (0.128, −0.096): orthogonal to v. g = u (along v) → 0. A zero row: g/√ε.
    V = _array([[3.0, 4.0], [3.0, 4.0], [0.0, 0.0]])
    G = _array([[1.0, 0.0], [0.6, 0.8], [1e-6, -2e-6]])
    judge_backward(call(fn, V, G, name=name, task=task), V, G, 1e-12,
                   None, name=name, task=task)
    got = call(fn, V, G, name=name, task=task)
    check_array(got, [[0.128, -0.096], [0.0, 0.0], [1.0, -2.0]], name=name, scale=1.0,
                mistakes=[([[0.2, 0.0], [0.12, 0.16], [1.0, -2.0]], _h("back_no_projection"))], task=task)
    rng = _rng(41)
    R = rng.normal(size=(10, 4)) * rng.uniform(0.2, 5.0, size=(10, 1))
    Gr = rng.normal(size=(10, 4))
    judge_backward(call(fn, R, Gr, name=name, task=task), R, Gr, name=name, task=task)
    judge_backward(call(fn, R * 1e-3, Gr, 1e-8, name=name, task=task), R * 1e-3, Gr, 1e-8, name=name, task=task)
    judge_backward(_friendly(call, fn, R.tolist(), Gr.tolist(), name=name, task=task), R, Gr, name=name, task=task)
    expect_raises(fn, R, Gr[:, :3], why=_h("shapes"), name=name, task=task)
    expect_raises(fn, R[0], Gr[0], why=_h("shapes"), name=name, task=task)
    passed(name)


# ============================================================================ 5. one tower, forward and backward
def _forward(params, X):
    X = _mat(X)
    Z = X @ _mat(params["W1"]) + _mat(params["b1"])
    H = np.maximum(Z, 0.0)
    return H @ _mat(params["W2"]) + _mat(params["b2"]), X, Z, H


def _tower_mag(params, X) -> float:
    X = _mat(X)
    a = np.abs(X) @ np.abs(_mat(params["W1"])) + np.abs(_mat(params["b1"]))
    return max(1.0, float(np.max(a @ np.abs(_mat(params["W2"])) + np.abs(_mat(params["b2"])), initial=0.0)))


def judge_tower_forward(result, params, X, expected=None, *, name: str = "tower_forward",
                        task: str = "tower_forward"):
    """``result == (V, cache)`` with ``V = relu(X W1 + b1) W2 + b2`` (``expected``: the formula written out in the
    hidden tests); the cache is the student's own (passed to their ``tower_backward``). Returns ``(V, cache)``.
    Hints: no ReLU, ReLU on the output."""
    __tracebackhide__ = True
    V_e, X, Z, H = _forward(params, X)
    if expected is not None:
        V_e = _mat(expected)
    raw_V, cache = check_tuple(result, 2, name=name, task=task)
    mistakes = [(Z @ _mat(params["W2"]) + _mat(params["b2"]), _h("tower_no_relu")),
                (np.maximum(V_e, 0.0), _h("tower_relu_output"))]
    V = check_array(raw_V, V_e, name=name + " → V", scale=_tower_mag(params, X), mistakes=mistakes, task=task)
    return V, cache


def judge_tower_grads(result, params, X, dV, expected=None, *, name: str = "tower_backward",
                      task: str = "tower_forward"):
    """``result`` = the dict of gradients ``{"W1", "b1", "W2", "b2"}`` of ``L = Σ V·dV`` (``expected``: central
    finite differences in the hidden tests, compared at :data:`FD_RTOL`; default: the chain rule of
    :mod:`.maths`). Hints: the ReLU mask forgotten, a bias gradient averaged."""
    __tracebackhide__ = True
    _, X, Z, H = _forward(params, X)
    dV = _mat(dV)
    W2 = _mat(params["W2"])
    exact = _m.tower_backward({k: _mat(v) for k, v in params.items()}, (X, Z, H), dV)
    fd = expected is not None
    expected = exact if expected is None else {k: _mat(v) for k, v in expected.items()}
    dH = dV @ W2.T
    n = X.shape[0]
    cands = {"W1": [(X.T @ dH, _h("grad_no_mask"))],
             "b1": [(dH.sum(axis=0), _h("grad_no_mask")), (exact["b1"] / n, _h("grad_bias_mean"))],
             "W2": [], "b2": [(dV.sum(axis=0) / n, _h("grad_bias_mean"))]}
    t = type(result)
    if not issubclass(t, dict):
        fail(f"{name}: " + _h("tower_not_dict", key="W1, b1, W2, b2"), task)
    out = {}
    for key in ("W2", "b2", "W1", "b1"):
        if key not in result:
            fail(f"{name}: " + _h("tower_not_dict", key=key), task)
        mag = max(1.0, float(np.max(np.abs(expected[key]), initial=0.0)),
                  float(np.abs(dV).sum() * max(1.0, float(np.max(np.abs(W2), initial=0.0)))
                        * max(1.0, float(np.max(np.abs(X), initial=0.0)), float(np.max(np.abs(H), initial=0.0)))))
        if fd:
            r, a = tolerance(result[key], scale=mag)
            out[key] = check_array(result[key], expected[key], name=f"{name} → {key}", rtol=max(r, FD_RTOL),
                                   atol=max(a, FD_RTOL * float(np.max(np.abs(expected[key]), initial=1.0))),
                                   mistakes=cands[key], task=task)
        else:
            out[key] = check_array(result[key], expected[key], name=f"{name} → {key}", scale=mag,
                                   mistakes=cands[key], task=task)
    return out


def _params(rng, d_in, h, d_out, scale=1.0):
    return {"W1": rng.normal(size=(d_in, h)) * scale, "b1": rng.normal(size=h) * 0.5,
            "W2": rng.normal(size=(h, d_out)) * scale, "b2": rng.normal(size=d_out) * 0.5}


def tower_forward(fn, backward) -> None:
    """Visible checks of ``tower_forward(params, X)`` and ``tower_backward(params, cache, dV)``."""
    __tracebackhide__ = True
    task = name = "tower_forward"
    # by hand: W1 = I, b1 = (0, −1): Z = (2, −1) → H = (2, 0); W2 = (1, 1)ᵀ, b2 = 0.5 → V = 2.5
    p = {"W1": np.eye(2), "b1": _array([0.0, -1.0]), "W2": _array([[1.0], [1.0]]), "b2": _array([0.5])}
    X = _array([[2.0, 0.0]])
    _, cache = judge_tower_forward(call(fn, p, X, name=name, task=task), p, X, [[2.5]], name=name, task=task)
    # dV = 1: dW2 = Hᵀ = (2, 0)ᵀ, db2 = 1, dH = (1, 1), dZ = (1, 0) (the ReLU is off at the second unit)
    grads = call(backward, p, cache, _array([[1.0]]), name="tower_backward", task=task)
    judge_tower_grads(grads, p, X, [[1.0]], None, task=task)
    check_array(grads["b1"], [1.0, 0.0], name="tower_backward → b1", scale=1.0,
                mistakes=[([1.0, 1.0], _h("grad_no_mask"))], task=task)
    rng = _rng(51)
    for n, d_in, h, d_out in ((7, 4, 6, 3), (1, 3, 5, 2), (20, 2, 8, 4)):
        p = _params(rng, d_in, h, d_out)
        X = rng.normal(size=(n, d_in))
        dV = rng.normal(size=(n, d_out))
        _, cache = judge_tower_forward(call(fn, p, X, name=name, task=task), p, X, name=name, task=task)
        judge_tower_grads(call(backward, p, cache, dV, name="tower_backward", task=task), p, X, dV, task=task)
    judge_tower_forward(_friendly(call, fn, p, X.tolist(), name=name, task=task), p, X, name=name, task=task)
    judge_tower_forward(_friendly(call, fn, p, X.astype(np.float32), name=name, task=task), p,
                        X.astype(np.float32).astype(float), name=name, task=task)
    expect_raises(fn, p, X[:, :1], why=_h("shapes"), name=name, task=task)
    expect_raises(fn, p, X[0], why=_h("shapes"), name=name, task=task)
    passed(name)


# ============================================================================ 6. the prediction
def judge_predict(result, vu, vm, normalize, expected=None, *, name: str = "predict", task: str = "predict"):
    """``result`` = the row-wise dot product of ``vu`` and ``vm``, of their L2-normalized rows with ``normalize``
    (``expected``: the formula written out in the hidden tests). Hints: the matrix of all pairs, one tower
    normalized, the flag ignored."""
    __tracebackhide__ = True
    vu, vm = _mat(vu), _mat(vm)
    nu, nm = (_m.l2_normalize(v) for v in (vu, vm))
    dot, cos = (vu * vm).sum(axis=1), (nu * nm).sum(axis=1)
    if expected is None:
        expected = cos if normalize else dot
    n = vu.shape[0]
    mistakes = [((nu * vm).sum(axis=1), _h("predict_one_tower")), ((vu * nm).sum(axis=1), _h("predict_one_tower")),
                (dot if normalize else cos, _h("predict_flag"))]
    mag = 1.0 if normalize else max(1.0, float(np.max(np.abs(vu) * np.abs(vm), initial=0.0)) * vu.shape[1])
    return check_array(result, expected, name=name, scale=mag, mistakes=mistakes,
                       shape_hints={(n, n): _h("predict_matrix")} if n > 1 else None, task=task)


def predict(fn, l2_normalize_rows=None) -> None:
    """Visible checks of ``predict(vu, vm, normalize)`` (the student's ``l2_normalize_rows`` replaced by the
    reference while it runs)."""
    __tracebackhide__ = True
    task = name = "predict"
    uses = ("l2_normalize_rows",)
    # by hand: ⟨(3, 4), (4, 3)⟩ = 24, cos = 24/25; ⟨(1, 0), (0, 2)⟩ = 0; ⟨(2, 0), (−5, 0)⟩ = −10, cos = −1
    vu = _array([[3.0, 4.0], [1.0, 0.0], [2.0, 0.0]])
    vm = _array([[4.0, 3.0], [0.0, 2.0], [-5.0, 0.0]])
    judge_predict(call_built(fn, vu, vm, False, uses=uses, name=name, task=task), vu, vm, False, [24.0, 0.0, -10.0],
                  name=name, task=task)
    judge_predict(call_built(fn, vu, vm, True, uses=uses, name=name, task=task), vu, vm, True, [0.96, 0.0, -1.0],
                  name=name, task=task)
    rng = _rng(61)
    A, B = rng.normal(size=(9, 5)) * 3, rng.normal(size=(9, 5)) * 0.2
    for normalize in (True, False):
        judge_predict(call_built(fn, A, B, normalize, uses=uses, name=name, task=task), A, B, normalize, name=name,
                      task=task)
    judge_predict(_friendly(call_built, fn, A.tolist(), B.tolist(), True, uses=uses, name=name, task=task), A, B,
                  True, name=name, task=task)
    judge_predict(_friendly(call_built, fn, A.astype(np.float32), B.astype(np.float32), True, uses=uses, name=name,
                            task=task), A.astype(np.float32), B.astype(np.float32), True, name=name, task=task)
    expect_raises_built(fn, A, B[:, :4], True, uses=uses, why=_h("shapes"), name=name, task=task)
    expect_raises_built(fn, A[0], B[0], False, uses=uses, why=_h("shapes"), name=name, task=task)
    passed(name)


# ============================================================================ 7. one gradient step
def _loss_and_grads(pu, pm, Xu, Xm, y, normalize):
    """The MSE and its gradients (the chain rule of :mod:`.maths`): the visible checks' expected values."""
    pu = {k: _mat(v) for k, v in pu.items()}
    pm = {k: _mat(v) for k, v in pm.items()}
    vu, cu = _m.tower_forward(pu, Xu)
    vm, cm = _m.tower_forward(pm, Xm)
    nu, nm = (_m.l2_normalize(vu), _m.l2_normalize(vm)) if normalize else (vu, vm)
    pred = (nu * nm).sum(axis=1)
    y = _mat(y)
    dpred = 2.0 * (pred - y) / y.size
    dnu, dnm = dpred[:, None] * nm, dpred[:, None] * nu
    if normalize:
        dvu, dvm = _m.l2_normalize_backward(vu, dnu), _m.l2_normalize_backward(vm, dnm)
        plain = (_m.tower_backward(pu, cu, dnu), _m.tower_backward(pm, cm, dnm))
    else:
        dvu, dvm, plain = dnu, dnm, None
    return float(np.mean((pred - y) ** 2)), _m.tower_backward(pu, cu, dvu), _m.tower_backward(pm, cm, dvm), plain


def _loss(pu, pm, Xu, Xm, y, normalize) -> float:
    return _loss_and_grads(pu, pm, Xu, Xm, y, normalize)[0]


def judge_sgd(result, params_u, params_m, Xu, Xm, y, lr, normalize, expected=None, *, passed_in=None,
              name: str = "sgd_step", task: str = "sgd_step"):
    """``result == (loss_before, new_params_u, new_params_m)`` with ``new = params − lr·gradient`` of the MSE
    through both towers (``expected = (loss, grads_u, grads_m)``: the loss written out and its gradients by
    central finite differences in the hidden tests, compared at :data:`FD_RTOL`). ``passed_in``: the dicts the
    student's function received, which must still equal ``params_u``, ``params_m`` (copies taken before the
    call). Hints: the inputs modified, the factor 2, the mean, the sign, one tower, no backward pass through the
    normalization, the loss after the step."""
    __tracebackhide__ = True
    pu = {k: _mat(v) for k, v in params_u.items()}
    pm = {k: _mat(v) for k, v in params_m.items()}
    Xu, Xm, y = _mat(Xu), _mat(Xm), _mat(y)
    loss_x, gu_x, gm_x, plain = _loss_and_grads(pu, pm, Xu, Xm, y, normalize)
    fd = expected is not None
    loss_e, gu_e, gm_e = (loss_x, gu_x, gm_x) if not fd else (float(expected[0]), expected[1], expected[2])
    if passed_in is not None:
        for which, before, given in (("params_u", pu, passed_in[0]), ("params_m", pm, passed_in[1])):
            if set(given) != set(before) or not all(
                    np.shape(given[k]) == before[k].shape and np.array_equal(_mat(given[k]), before[k])
                    for k in before):
                fail(f"{name}: " + _h("sgd_mutated", which=which), task)
    raw_loss, new_u, new_m = check_tuple(result, 3, name=name, task=task)
    r_l, a_l = tolerance(raw_loss, scale=max(1.0, loss_e))
    if _is_number(raw_loss):
        v = float(np.asarray(raw_loss, dtype=float).reshape(-1)[0])
        if np.isfinite(v) and abs(v - loss_e) > a_l + r_l * abs(loss_e):
            after = _loss({k: pu[k] - lr * gu_x[k] for k in pu}, {k: pm[k] - lr * gm_x[k] for k in pm}, Xu, Xm,
                          y, normalize)
            if abs(v - after) <= a_l + r_l * abs(after) and abs(after - loss_e) > a_l + r_l * abs(loss_e):
                fail(f"{name} → loss_before: " + _h("sgd_loss_after"), task)
    check_scalar(raw_loss, loss_e, name=name + " → loss_before", rtol=r_l, atol=a_l, task=task)
    n = y.size
    for which, before, new, g_e, g_x, g_plain in (("new_params_u", pu, new_u, gu_e, gu_x, plain and plain[0]),
                                                  ("new_params_m", pm, new_m, gm_e, gm_x, plain and plain[1])):
        if not issubclass(type(new), dict):
            fail(f"{name}: " + _h("sgd_keys", which=which, key="W1, b1, W2, b2"), task)
        for key in ("W1", "b1", "W2", "b2"):
            if key not in new:
                fail(f"{name}: " + _h("sgd_keys", which=which, key=key), task)
            p, g = before[key], _mat(g_e[key])
            gmax = float(np.max(np.abs(g), initial=0.0))
            r, a = tolerance(new[key], scale=max(1.0, float(np.max(np.abs(p), initial=0.0))))
            atol = a + (FD_RTOL if fd else 1e-9) * lr * max(gmax, 1e-12)
            cands = [(p - 0.5 * lr * g, _h("sgd_no_two")), (p - n * lr * g, _h("sgd_no_mean")),
                     (p + lr * g, _h("sgd_sign")), (p, _h("sgd_one_tower"))]
            if g_plain is not None:
                cands.append((p - lr * g_plain[key], _h("sgd_no_normalize_backward")))
            check_array(new[key], p - lr * g, name=f"{name} → {which}[{key!r}]", rtol=0.0, atol=atol,
                        mistakes=cands, task=task)
    return loss_e


def _copy(p):
    return {k: _mat(v).copy() for k, v in p.items()}


def _sgd_case(rng, n, du, dm, h, d, normalize_scale=1.0):
    pu, pm = _params(rng, du, h, d, normalize_scale), _params(rng, dm, h, d, normalize_scale)
    Xu, Xm = rng.normal(size=(n, du)), rng.normal(size=(n, dm))
    y = rng.uniform(-1.0, 1.0, n)
    return pu, pm, Xu, Xm, y


def sgd_step(fn, tower_forward=None, tower_backward=None, predict=None, l2_normalize_rows=None,
             l2_normalize_backward=None) -> None:
    """Visible checks of ``sgd_step(params_u, params_m, Xu, Xm, y, lr, normalize)`` (the student's earlier
    functions replaced by the references while it runs)."""
    __tracebackhide__ = True
    task = name = "sgd_step"
    uses = ("tower_forward", "tower_backward", "predict", "l2_normalize_rows", "l2_normalize_backward")
    rng = _rng(71)
    for n, normalize, lr in ((6, True, 0.5), (6, False, 0.05), (1, True, 2.0), (15, False, 0.01)):
        pu, pm, Xu, Xm, y = _sgd_case(rng, n, 3, 4, 5, 2)
        cu, cm = _copy(pu), _copy(pm)
        out = call_built(fn, pu, pm, Xu, Xm, y, lr, normalize, uses=uses, name=name, task=task)
        judge_sgd(out, cu, cm, Xu, Xm, y, lr, normalize, passed_in=(pu, pm), name=name, task=task)
    cu, cm = _copy(pu), _copy(pm)
    out = _friendly(call_built, fn, pu, pm, Xu.tolist(), Xm.tolist(), y.tolist(), lr, True, uses=uses, name=name,
                    task=task)
    judge_sgd(out, cu, cm, Xu, Xm, y, lr, True, passed_in=(pu, pm), name=name, task=task)
    expect_raises_built(fn, pu, pm, Xu, Xm, y[:-1], lr, True, uses=uses, why=_h("shapes"), name=name, task=task)
    expect_raises_built(fn, pu, pm, Xu, Xm, y, 0.0, True, uses=uses, why=_h("bad_lr"), name=name, task=task)
    passed(name)


# ============================================================================ 8. back to stars
def judge_stars(result, z, stats, lo=-1.0, hi=1.0, expected=None, *, name: str = "to_stars", task: str = "to_stars"):
    """``result`` = the inverse min-max transform clipped to [0.5, 5] and rounded to the nearest half star
    (``expected``: the formula written out in the hidden tests, which avoid ties). Hints: not clipped, not
    rounded, whole stars, no inverse transform."""
    __tracebackhide__ = True
    z = _mat(z)
    y_min, y_max = (float(s) for s in stats)
    y = y_min + (z - lo) * (y_max - y_min) / (hi - lo)
    if expected is None:
        expected = np.round(np.clip(y, 0.5, 5.0) * 2) / 2
    mistakes = [(np.round(y * 2) / 2, _h("stars_not_clipped")), (np.clip(y, 0.5, 5.0), _h("stars_not_rounded")),
                (np.clip(np.round(y), 0.5, 5.0), _h("stars_whole")), (np.clip(np.round(y), 1.0, 5.0), _h("stars_whole")),
                (np.round(np.clip(z, 0.5, 5.0) * 2) / 2, _h("stars_no_inverse"))]
    got = as_float_array(result, name, np.shape(expected), task)
    if got.shape == np.shape(expected) and np.all(np.isfinite(got)) and (got.min(initial=1.0) < 0.5 - 1e-9
                                                                          or got.max(initial=1.0) > 5.0 + 1e-9):
        fail(f"{name}: " + _h("stars_not_clipped"), task)
    return check_array(result, expected, name=name, rtol=1e-9, atol=1e-9, mistakes=mistakes, task=task)


def to_stars(fn, minmax_inverse=None) -> None:
    """Visible checks of ``to_stars(z, stats, lo=-1.0, hi=1.0)`` (the student's ``minmax_inverse`` replaced by the
    reference while it runs)."""
    __tracebackhide__ = True
    task = name = "to_stars"
    uses = ("minmax_inverse",)
    # by hand, stats (0.5, 5.0): z = 0.1 → 2.975 → 3.0; z = −1.2 → 0.05 → clipped 0.5; z = 1.3 → 5.675 →
    # clipped 5.0; z = 0.5 → 3.875 → 4.0; z = −0.43 → 1.7825 → 2.0 (no ties: y·2 is never k + 0.5)
    z = _array([0.1, -1.2, 1.3, 0.5, -0.43])
    judge_stars(call_built(fn, z, (0.5, 5.0), uses=uses, name=name, task=task), z, (0.5, 5.0), -1.0, 1.0,
                [3.0, 0.5, 5.0, 4.0, 2.0], name=name, task=task)
    rng = _rng(81)
    zr = rng.uniform(-1.6, 1.6, 40)
    for stats, lo, hi in (((0.5, 5.0), -1.0, 1.0), ((1.0, 4.5), 0.0, 1.0), ((2.0, 3.0), -1.0, 1.0)):
        judge_stars(call_built(fn, zr, stats, lo, hi, uses=uses, name=name, task=task), zr, stats, lo, hi,
                    name=name, task=task)
    judge_stars(_friendly(call_built, fn, zr.tolist(), [0.5, 5], uses=uses, name=name, task=task), zr, (0.5, 5.0),
                name=name, task=task)
    expect_raises_built(fn, zr, (5.0, 0.5), uses=uses, why=_h("bad_stats"), name=name, task=task)
    passed(name)


TASKS = (
    Task("minmax_scale", ("minmax_scale",), 3, "test_minmax_scale", minmax_scale),
    Task("minmax_inverse", ("minmax_inverse",), 2, "test_minmax_inverse", minmax_inverse),
    Task("l2_normalize_rows", ("l2_normalize_rows",), 2, "test_l2_normalize_rows", l2_normalize_rows),
    Task("l2_normalize_backward", ("l2_normalize_backward",), 3, "test_l2_normalize_backward",
         l2_normalize_backward),
    Task("tower_forward", ("tower_forward", "tower_backward"), 3, "test_tower_forward", tower_forward),
    Task("predict", ("predict", "l2_normalize_rows"), 2, "test_predict", predict, optional=("l2_normalize_rows",)),
    Task("sgd_step", ("sgd_step", "tower_forward", "tower_backward", "predict", "l2_normalize_rows",
                      "l2_normalize_backward"), 3, "test_sgd_step", sgd_step,
         optional=("tower_forward", "tower_backward", "predict", "l2_normalize_rows", "l2_normalize_backward")),
    Task("to_stars", ("to_stars", "minmax_inverse"), 2, "test_to_stars", to_stars, optional=("minmax_inverse",)),
)

#: the self-check of this assignment: ``check("minmax_scale", globals())`` checks one task, ``check_all(globals())``
#: prints the table of all tasks (the notebook's last cell)
check, check_all = for_module(MODULE_ID)
