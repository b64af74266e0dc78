r"""Visible checks of assignment ``03-scaling`` (min-max scaling and its inverse, fitting on the training data only,
robust scaling, the condition number of least squares, gradient descent, coefficients back in original units, the
bias-variance decomposition).

Every check takes the student's function(s), runs it on small fixed examples, and raises
:class:`fsgeom.grading.CheckFailed` with a SPECIFIC hint when the result is wrong (``feature_range`` ignored, NaN
for a constant feature, min/max taken from the test data, Q1 and Q3 swapped, the condition number of X instead of
XᵀX, uncentred data, the intercept left as it was, the bias measured against the noisy targets, ...). On success it
prints one "✓" line. Messages are in the notebook's language (``fsgeom.i18n``).

Expected values come from small hand-checked examples or from explicit formulas written here; the hidden tests in
the notebook compare against independent oracles (scikit-learn's ``MinMaxScaler``, ``RobustScaler``,
``StandardScaler`` + ``LinearRegression``, numpy formulas written differently, the closed form of gradient descent).

Tolerances: every ``judge_*`` hands the quantity's conditioning to :func:`fsgeom.grading.tolerance` (the precision
the student's result carries, times the condition number): ``κ`` for the condition number itself, ``κ + steps``
for a gradient-descent history, the magnitude of the data a difference is taken from for scalers and for the
bias-variance terms.
"""
from __future__ import annotations

import numpy as np

from ...grading import (StudentError, allclose, as_float_array, call, check_array, check_scalar,
                        check_tuple, expect_raises, fail, message, passed, precision, quiet, tolerance)
from ...grading import bind_hints
from ...selfcheck import for_module
from ...tasks import Task
from . import MODULE_ID

__all__ = ["MODULE_ID", "TASKS", "HINTS", "check", "check_all", "why",
           "minmax", "scale_train_test", "robust", "gram_condition", "gradient_descent", "unscale_coefficients",
           "bias_variance",
           "minmax_reference", "judge_minmax_fit", "judge_minmax_transform", "judge_minmax_inverse", "own_scaling",
           "judge_scaled", "judge_robust_fit", "judge_robust_transform", "gram_reference", "judge_gram",
           "gd_reference", "judge_gd", "judge_unscaled", "bias_variance_reference", "judge_bias_variance"]

_array = np.array

HINTS = {
    # ------------------------------------------------------------------ shared bad inputs
    "not_2d": {"uk": "X не двовимірна матриця", "en": "X is not a 2-D matrix"},
    "no_rows": {"uk": "X не має жодного рядка", "en": "X has no rows"},
    "bad_range": {"uk": "feature_range = (a, b) з a ≥ b", "en": "feature_range = (a, b) with a ≥ b"},
    "params_length": {"uk": "довжина параметрів не дорівнює кількості стовпців X",
                      "en": "the parameters' length differs from the number of columns of X"},
    "scale_zero": {"uk": "scale містить нуль", "en": "scale holds a zero"},
    "bad_features": {"uk": "X_test має іншу кількість стовпців, ніж X_train",
                     "en": "X_test has a different number of columns than X_train"},
    "arraylike": {
        "uk": "Вхідні дані можуть бути списками або цілочисельними масивами: перетворіть їх на масиви numpy на "
              "початку функції (np.asarray(..., dtype=float)).",
        "en": "The inputs may be lists or integer arrays: turn them into numpy arrays at the start of the function "
              "(np.asarray(..., dtype=float)).",
    },
    # ------------------------------------------------------------------ min-max
    "minmax_range_ignored": {
        "uk": "результат такий, ніби feature_range = (0, 1), а передано {range}: scale = (b − a) / (max − min), "
              "min_ = a − min · scale.",
        "en": "the result is as if feature_range were (0, 1), but {range} was passed: scale = (b − a) / (max − min), "
              "min_ = a − min · scale.",
    },
    "minmax_inverted": {
        "uk": "scale обернено: потрібно (b − a) / (max − min), а не (max − min) / (b − a).",
        "en": "scale is upside down: it is (b − a) / (max − min), not (max − min) / (b − a).",
    },
    "minmax_constant": {
        "uk": "Стовпець зі сталим значенням має max − min = 0, звідси ділення на нуль. Як у MinMaxScaler, "
              "вважайте його розмах рівним 1: scale = (b − a) / 1 (np.where(span > 0, span, 1.0)).",
        "en": "A constant column has max − min = 0, hence a division by zero. As MinMaxScaler does, treat its "
              "range as 1: scale = (b − a) / 1 (np.where(span > 0, span, 1.0)).",
    },
    "minmax_min_sign": {
        "uk": "min_ має протилежний знак: x' = x · scale + min_, тож min_ = a − min · scale.",
        "en": "min_ has the opposite sign: x' = x · scale + min_, so min_ = a − min · scale.",
    },
    "transform_order": {
        "uk": "схоже, ви спершу додали min_, а потім помножили на scale: x' = x · scale + min_.",
        "en": "it looks like min_ was added before multiplying by scale: x' = x · scale + min_.",
    },
    "inverse_forward": {
        "uk": "це знову пряме перетворення x' · scale + min_; обернене: x = (x' − min_) / scale.",
        "en": "this is the forward map x' · scale + min_ again; the inverse is x = (x' − min_) / scale.",
    },
    "inverse_order": {
        "uk": "порядок дій переплутано: обернене перетворення — x = (x' − min_) / scale, а не x' / scale − min_.",
        "en": "the order of operations is mixed up: the inverse is x = (x' − min_) / scale, not x' / scale − min_.",
    },
    # ------------------------------------------------------------------ train / test
    "swapped_train_test": {
        "uk": "схоже, повернуто (X_test_scaled, X_train_scaled): порядок — спершу навчальна, потім тестова.",
        "en": "it looks like (X_test_scaled, X_train_scaled) was returned: the training set comes first.",
    },
    "leak_test_own": {
        "uk": "тестову вибірку масштабовано за її ВЛАСНИМИ min і max: це витік, і ті самі значення ознаки "
              "отримують різні коди в навчальних і тестових даних. Параметри (scale, min_) навчають лише на "
              "X_train і застосовують до обох вибірок.",
        "en": "the test set was scaled with its OWN min and max: that leaks, and the same feature value gets "
              "different codes in the training and test data. Fit (scale, min_) on X_train only and apply it to "
              "both sets.",
    },
    "leak_concat": {
        "uk": "min і max взято з УСІХ даних (навчальних і тестових разом): тестова вибірка «просочилася» в "
              "навчання. Параметри навчають лише на X_train.",
        "en": "min and max were taken from ALL the data (training and test together): the test set leaked into "
              "training. Fit the parameters on X_train only.",
    },
    "train_unscaled": {"uk": "навчальну вибірку не масштабовано.", "en": "the training set was not scaled."},
    "test_unscaled": {"uk": "тестову вибірку не масштабовано.", "en": "the test set was not scaled."},
    # ------------------------------------------------------------------ robust
    "robust_swapped": {
        "uk": "scale від'ємний: Q1 і Q3 переплутано. IQR = Q3 − Q1 = np.percentile(X, 75, axis=0) − "
              "np.percentile(X, 25, axis=0) ≥ 0.",
        "en": "scale is negative: Q1 and Q3 are swapped. IQR = Q3 − Q1 = np.percentile(X, 75, axis=0) − "
              "np.percentile(X, 25, axis=0) ≥ 0.",
    },
    "robust_mean": {
        "uk": "центр — це середнє; робастне масштабування центрує за МЕДІАНОЮ (її не зсуває викид).",
        "en": "the centre is the mean; robust scaling centres on the MEDIAN (an outlier does not move it).",
    },
    "robust_std": {
        "uk": "scale — стандартне відхилення; робастне масштабування ділить на міжквартильний розмах Q3 − Q1.",
        "en": "scale is the standard deviation; robust scaling divides by the interquartile range Q3 − Q1.",
    },
    "robust_zero_iqr": {
        "uk": "Стовпець, у якого Q3 = Q1, має IQR = 0: як у RobustScaler, його scale дорівнює 1 (інакше ділення "
              "на нуль).",
        "en": "A column with Q3 = Q1 has IQR = 0: as in RobustScaler its scale is 1 (a division by zero otherwise).",
    },
    "robust_percentile_rule": {
        "uk": "квартилі обчислено не за типовим правилом np.percentile (лінійна інтерполяція між сусідніми "
              "впорядкованими значеннями), а, схоже, як найближче значення.",
        "en": "the quartiles are not numpy's default np.percentile rule (linear interpolation between neighbouring "
              "sorted values); they look like the nearest value.",
    },
    # ------------------------------------------------------------------ condition number
    "gram_sqrt": {
        "uk": "це κ(X_c) = σ_max / σ_min — квадратний корінь із потрібного. Потрібне число обумовленості "
              "матриці Грама X_cᵀX_c: κ = λ_max / λ_min = (σ_max / σ_min)².",
        "en": "this is κ(X_c) = σ_max / σ_min — the square root of what is asked. The condition number of the Gram "
              "matrix X_cᵀX_c is needed: κ = λ_max / λ_min = (σ_max / σ_min)².",
    },
    "gram_uncentred": {
        "uk": "ознаки не центровано: κ рахують для X_c = X − mean(X) (зсув b окремо), а κ(XᵀX) з нецентрованими "
              "ознаками завищує його через середні.",
        "en": "the features are not centred: κ is that of X_c = X − mean(X) (the intercept is separate); κ(XᵀX) "
              "with uncentred features is inflated by the means.",
    },
    "gram_inverted": {
        "uk": "це λ_min / λ_max; число обумовленості — λ_max / λ_min ≥ 1.",
        "en": "this is λ_min / λ_max; the condition number is λ_max / λ_min ≥ 1.",
    },
    "constant_feature": {"uk": "у X є стала ознака (λ_min = 0, κ нескінченне)",
                         "en": "X has a constant feature (λ_min = 0, κ is infinite)"},
    "few_rows": {"uk": "X має менше двох рядків", "en": "X has fewer than two rows"},
    # ------------------------------------------------------------------ gradient descent
    "gd_no_w0": {
        "uk": "в історії бракує початкової точки w_0 = 0: потрібна форма (steps + 1, d), рядок 0 — нулі.",
        "en": "the history lacks the starting point w_0 = 0: the shape is (steps + 1, d) and row 0 is zeros.",
    },
    "gd_start": {
        "uk": "рядок 0 історії має бути початковою точкою w_0 = 0.",
        "en": "row 0 of the history must be the starting point w_0 = 0.",
    },
    "gd_uncentred": {
        "uk": "градієнтний спуск виконано на НЕцентрованих даних: у цьому завданні X_c = X − mean(X), y_c = y − "
              "mean(y) (зсув окремо), градієнт (1/n) X_cᵀ(X_c w − y_c).",
        "en": "gradient descent ran on UNcentred data: here X_c = X − mean(X), y_c = y − mean(y) (the intercept is "
              "separate), gradient (1/n) X_cᵀ(X_c w − y_c).",
    },
    "gd_no_n": {
        "uk": "у градієнті бракує множника 1/n: втрата — (1/(2n))‖X_c w − y_c‖², градієнт (1/n) X_cᵀ(X_c w − y_c).",
        "en": "the gradient lacks the factor 1/n: the loss is (1/(2n))‖X_c w − y_c‖², the gradient "
              "(1/n) X_cᵀ(X_c w − y_c).",
    },
    "gd_ascent": {
        "uk": "крок зроблено ВЗДОВЖ градієнта: w ← w − lr · ∇L(w) (мінус).",
        "en": "the step went ALONG the gradient: w ← w − lr · ∇L(w) (minus).",
    },
    "lr_bad": {"uk": "lr ≤ 0", "en": "lr ≤ 0"},
    "steps_bad": {"uk": "steps — від'ємне або не ціле число", "en": "steps is negative or not an integer"},
    "y_length": {"uk": "довжина y не дорівнює кількості рядків X",
                 "en": "the length of y differs from the number of rows of X"},
    # ------------------------------------------------------------------ coefficients back in original units
    "unscale_intercept": {
        "uk": "зсув не перераховано: b = b' − Σ_j w'_j μ_j / s_j (модель на (x − μ)/s має зсув, що враховує "
              "центрування).",
        "en": "the intercept was not adjusted: b = b' − Σ_j w'_j μ_j / s_j (the model on (x − μ)/s has an intercept "
              "that accounts for the centring).",
    },
    "unscale_times": {
        "uk": "ваги помножено на s: ознаку поділено на s, тож вага в початкових одиницях — w = w' / s.",
        "en": "the weights were multiplied by s: the feature was divided by s, so the weight in original units is "
              "w = w' / s.",
    },
    "unscale_intercept_sign": {
        "uk": "знак поправки зсуву переплутано: b = b' − Σ_j w'_j μ_j / s_j.",
        "en": "the intercept's correction has the wrong sign: b = b' − Σ_j w'_j μ_j / s_j.",
    },
    "unscale_predictions": {
        "uk": "{name}: прогнози X @ w + b в початкових одиницях мають збігатися з прогнозами моделі на "
              "масштабованих даних.",
        "en": "{name}: the predictions X @ w + b in original units must equal those of the model on scaled data.",
    },
    "lengths_differ": {"uk": "довжини w_scaled, mean і scale різні",
                       "en": "w_scaled, mean and scale have different lengths"},
    "scale_nonpositive": {"uk": "scale містить нуль або від'ємне число", "en": "scale holds a zero or a negative number"},
    # ------------------------------------------------------------------ bias-variance
    "bv_noisy": {
        "uk": "зміщення виміряно відносно ЗАШУМЛЕНИХ цілей y_noisy; Bias² — це відстань середнього прогнозу до "
              "ІСТИННОЇ функції f_true: mean_i (mean_r P[r, i] − f_true[i])². Шум потрапляє лише в mse_noisy.",
        "en": "the bias was measured against the NOISY targets y_noisy; Bias² is the distance of the mean prediction "
              "from the TRUE function f_true: mean_i (mean_r P[r, i] − f_true[i])². The noise only enters mse_noisy.",
    },
    "bv_ddof": {
        "uk": "дисперсію обчислено з ddof=1 (вибіркова); тут — дисперсія генеральної сукупності (ділення на R), "
              "тоді Bias² + Variance точно дорівнює MSE відносно f_true.",
        "en": "the variance was computed with ddof=1 (sample); here it is the population variance (divide by R), so "
              "that Bias² + Variance equals the MSE against f_true exactly.",
    },
    "bv_no_square": {
        "uk": "зміщення не піднесено до квадрата (або знак залишився): Bias² = mean_i (f̄_i − f_i)².",
        "en": "the bias was not squared (or kept its sign): Bias² = mean_i (f̄_i − f_i)².",
    },
    "bv_mse_true": {
        "uk": "mse_noisy обчислено відносно f_true; потрібно відносно y_noisy: mean_{r,i} (P[r, i] − y_noisy[r, i])².",
        "en": "mse_noisy was computed against f_true; it is against y_noisy: mean_{r,i} (P[r, i] − y_noisy[r, i])².",
    },
    "bv_shapes": {"uk": "форми predictions (R, n), f_true (n,) і y_noisy (R, n) не узгоджені",
                  "en": "the shapes of predictions (R, n), f_true (n,) and y_noisy (R, n) do not match"},
    "bv_names": {"uk": " (Bias², Variance, MSE відносно y_noisy)", "en": " (Bias², Variance, MSE against y_noisy)"},
}


#: ``_h(key, **fmt)``: a hint in the notebook's language; ``why(key)``: a bad input's description for the hidden tests
_h, why = bind_hints(HINTS)


def _arr(rows) -> np.ndarray:
    return _array(rows, dtype=float)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _call(fn, *args, name: str, task: str, uses=(), **kwargs):
    """:func:`fsgeom.grading.call` for inputs given as lists or integers: if the function fails on them, the message
    says that inputs are array-likes."""
    __tracebackhide__ = True
    try:
        return call(fn, *args, name=name, task=task, uses=uses, **kwargs)
    except StudentError as exc:
        err = StudentError(exc.hint + " " + _h("arraylike"), task)
        raise err from exc.__cause__


def _close(a, b, rtol, atol) -> bool:
    a, b = _arr(a), _arr(b)
    return a.shape == b.shape and allclose(a, b, rtol=rtol, atol=atol)


def _pair(result, name, d, task, names=("scale", "min_")):
    """``result == (p, q)``, two float arrays of shape (d,)."""
    __tracebackhide__ = True
    raw_p, raw_q = check_tuple(result, 2, name=name, task=task)
    p = as_float_array(raw_p, f"{name} → {names[0]}", (d,), task)
    q = as_float_array(raw_q, f"{name} → {names[1]}", (d,), task)
    for v, label in ((p, names[0]), (q, names[1])):
        if v.shape != (d,):
            fail(message("wrong_shape", name=f"{name} → {label}", got=v.shape, expected=(d,)), task)
    return raw_p, raw_q, p, q


# ============================================================================ min-max
def minmax_reference(X, feature_range=(0.0, 1.0)):
    """``(scale, min_)`` of scikit-learn's MinMaxScaler, written out (a constant column: range 1)."""
    X = _arr(X)
    a, b = float(feature_range[0]), float(feature_range[1])
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = hi - lo
    span[span == 0] = 1.0
    scale = (b - a) / span
    return scale, a - lo * scale


def _minmax_tol(X, feature_range, eps):
    """Per-column ``(rtol, atol_scale, atol_min)``: ``max − min`` cancels, so the relative error of ``scale`` is
    ``eps · max(|min|, |max|) / (max − min)``; ``min_`` is rounded at ``|a| + |min| · scale``."""
    X = _arr(X)
    a, b = float(feature_range[0]), float(feature_range[1])
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    cond = float(np.max(np.maximum(np.abs(lo), np.abs(hi)) / span))
    scale = (b - a) / span
    rtol, unit = tolerance(eps=eps, cond=max(1.0, cond), scale=1.0)
    return rtol, unit * scale, unit * (abs(a) + abs(b) + np.abs(lo) * scale)


def judge_minmax_fit(result, X, feature_range=(0.0, 1.0), expected=None, *, name: str = "minmax_fit",
                     task: str = "minmax"):
    """``result == (scale, min_)``, arrays (d,) as MinMaxScaler's ``scale_`` and ``min_`` (``expected``: an
    oracle's pair; default the formula). Hints: feature_range ignored, scale upside down, NaN for a constant
    column, the sign of min_."""
    __tracebackhide__ = True
    X = _arr(X)
    d = X.shape[1]
    raw_s, raw_m, s, m = _pair(result, name, d, task)
    es, em = minmax_reference(X, feature_range) if expected is None else map(_arr, expected)
    if not (np.all(np.isfinite(s)) and np.all(np.isfinite(m))):
        fail(message("not_finite", name=name, count=int((~np.isfinite(s)).sum() + (~np.isfinite(m)).sum()),
                     size=2 * d) + " " + _h("minmax_constant"), task)
    rtol, atol_s, atol_m = _minmax_tol(X, feature_range, precision(raw_s, raw_m))
    if _close(s, es, rtol, atol_s) and _close(m, em, rtol, atol_m):
        return s, m
    a, b = float(feature_range[0]), float(feature_range[1])
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    if (a, b) != (0.0, 1.0):
        s01, m01 = minmax_reference(X, (0.0, 1.0))
        if _close(s, s01, rtol, atol_s / (b - a)) and not _close(es, s01, rtol, atol_s / (b - a)):
            fail(f"{name}: " + _h("minmax_range_ignored", range=(a, b)), task)
    if _close(s, span / (b - a), rtol, 0.0) and not _close(es, span / (b - a), rtol, 0.0):
        fail(f"{name}: " + _h("minmax_inverted"), task)
    if _close(s, es, rtol, atol_s) and _close(m, -em, rtol, atol_m) and not _close(em, -em, rtol, atol_m):
        fail(f"{name}: " + _h("minmax_min_sign"), task)
    check_array(s, es, name=name + " → scale", rtol=rtol, atol=atol_s, task=task)
    check_array(m, em, name=name + " → min_", rtol=rtol, atol=atol_m, task=task)
    return s, m


def judge_minmax_transform(result, X, scale, min_, expected=None, *, name: str = "minmax_transform",
                           task: str = "minmax"):
    """``x · scale + min_`` (``expected``: an oracle's; default the formula); rounded at ``|x| · |scale| + |min_|``
    per column. Hint: min_ added before multiplying."""
    __tracebackhide__ = True
    X, scale, min_ = _arr(X), _arr(scale), _arr(min_)
    expected = X * scale + min_ if expected is None else _arr(expected)
    col = np.max(np.abs(X), axis=0) * np.abs(scale) + np.abs(min_) + 1e-300
    return check_array(result, expected, name=name, scale=col, task=task,
                       mistakes=[((X + min_) * scale, _h("transform_order"))])


def judge_minmax_inverse(result, Xs, scale, min_, expected=None, *, name: str = "minmax_inverse",
                         task: str = "minmax"):
    """``(x' − min_) / scale`` (``expected``: an oracle's); rounded at ``(|x'| + |min_|) / |scale|`` per column.
    Hints: the forward map again, the operations in the wrong order."""
    __tracebackhide__ = True
    Xs, scale, min_ = _arr(Xs), _arr(scale), _arr(min_)
    expected = (Xs - min_) / scale if expected is None else _arr(expected)
    col = (np.max(np.abs(Xs), axis=0) + np.abs(min_)) / np.abs(scale)
    return check_array(result, expected, name=name, scale=col, task=task,
                       mistakes=[(Xs * scale + min_, _h("inverse_forward")), (Xs / scale - min_, _h("inverse_order"))])


def _minmax_case(fit, transform, inverse, X, feature_range, caller, name_task):
    __tracebackhide__ = True
    task = name_task
    args = (X,) if feature_range is None else (X, feature_range)
    fr = (0.0, 1.0) if feature_range is None else feature_range
    s, m = judge_minmax_fit(caller(fit, *args, name="minmax_fit", task=task), X, fr, name="minmax_fit", task=task)
    es, em = minmax_reference(X, fr)
    judge_minmax_transform(caller(transform, X, es, em, name="minmax_transform", task=task), X, es, em, task=task)
    Xs = _arr(X) * es + em
    judge_minmax_inverse(call(inverse, Xs, es, em, name="minmax_inverse", task=task), Xs, es, em, task=task)


def minmax(fit, transform, inverse) -> None:
    """Visible checks of ``minmax_fit(X, feature_range=(0, 1)) -> (scale, min_)``, ``minmax_transform(X, scale,
    min_)`` and ``minmax_inverse(X_scaled, scale, min_)``."""
    __tracebackhide__ = True
    task = "minmax"
    X = _arr([[20.0, 1_000.0, 3.0], [35.0, 4_000.0, 3.0], [50.0, 2_500.0, 3.0], [65.0, 10_000.0, 3.0]])  # col 2: constant
    judge_minmax_fit(call(fit, X, name="minmax_fit", task=task), X, name="minmax_fit", task=task)
    _minmax_case(fit, transform, inverse, X, (-1.0, 1.0), call, task)
    rng = _rng(11)
    R = rng.normal(size=(9, 4)) * [1.0, 100.0, 0.01, 5.0] + [0.0, -300.0, 2.0, 40.0]
    _minmax_case(fit, transform, inverse, R, (2.0, 5.0), call, task)
    Xi = [[1, 10], [4, 30], [2, 20]]                                     # a list of integers
    _minmax_case(fit, transform, inverse, Xi, None, _call, task)
    expect_raises(fit, X, (1.0, 1.0), why=_h("bad_range"), name="minmax_fit", task=task)
    expect_raises(fit, X, (2.0, -1.0), why=_h("bad_range"), name="minmax_fit", task=task)
    expect_raises(fit, X[0], why=_h("not_2d"), name="minmax_fit", task=task)
    expect_raises(fit, X[:0], why=_h("no_rows"), name="minmax_fit", task=task)
    s, m = minmax_reference(X)
    expect_raises(transform, X, s[:2], m[:2], why=_h("params_length"), name="minmax_transform", task=task)
    expect_raises(inverse, X, s[:2], m[:2], why=_h("params_length"), name="minmax_inverse", task=task)
    expect_raises(inverse, X, np.r_[s[:2], 0.0], m, why=_h("scale_zero"), name="minmax_inverse", task=task)
    passed("minmax")


# ============================================================================ train / test
def own_scaling(minmax_fit, minmax_transform, X_train, X_test, feature_range) -> list:
    """``[(A, B)]``: the student's OWN ``minmax_fit`` / ``minmax_transform`` composed correctly (fit on ``X_train``,
    transform both), or ``[]`` if they are missing or fail: ``scale_train_test`` is judged on what it must do
    itself (fit on the training data only, apply to both); a mistake in task 1 is charged to task 1 alone."""
    if not (callable(minmax_fit) and callable(minmax_transform)):
        return []
    try:
        with quiet():
            raw_s, raw_m = check_tuple(call(minmax_fit, _arr(X_train), feature_range), 2)
            A = as_float_array(call(minmax_transform, _arr(X_train), raw_s, raw_m), "A")
            B = as_float_array(call(minmax_transform, _arr(X_test), raw_s, raw_m), "B")
    except Exception:  # noqa: BLE001 - unusable helpers: judge against the reference only
        return []
    return [(A, B)]


def judge_scaled(result, X_train, X_test, feature_range=(0.0, 1.0), expected=None, own=(), *,
                 name: str = "scale_train_test", task: str = "scale_train_test"):
    """``result == (X_train_scaled, X_test_scaled)`` equal to the reference (``expected``: an oracle's pair; default
    the formula) OR to the student's own fit/transform composed correctly (``own``, see :func:`own_scaling`). On
    failure: leakage (the test set's own min/max, or min/max of all the data), an unscaled part, swapped order."""
    __tracebackhide__ = True
    X_train, X_test = _arr(X_train), _arr(X_test)
    raw_a, raw_b = check_tuple(result, 2, name=name, task=task)
    A = as_float_array(raw_a, name + " → X_train_scaled", X_train.shape, task)
    B = as_float_array(raw_b, name + " → X_test_scaled", X_test.shape, task)
    if A.shape == X_test.shape and B.shape == X_train.shape and A.shape != B.shape:
        fail(f"{name}: " + _h("swapped_train_test"), task)
    s, m = minmax_reference(X_train, feature_range)
    if expected is None:
        expected = (X_train * s + m, X_test * s + m)
    everything = np.concatenate([X_train, X_test])
    a, b = map(float, feature_range)
    lo, hi = X_train.min(axis=0), X_train.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    col = (np.max(np.abs(everything), axis=0) + np.abs(lo)) * np.abs(s) + abs(a) + abs(b)
    rt, at = tolerance(eps=precision(raw_a, raw_b), scale=col,
                       cond=float(np.max(np.maximum(np.abs(lo), np.abs(hi)) / span)))

    def close(got, cand):
        return _close(got, cand, rt, at)

    for ta, tb in [tuple(expected)] + list(own):
        if close(A, ta) and close(B, tb):
            return A, B
    st, mt = minmax_reference(X_test, feature_range)
    sb, mb = minmax_reference(everything, feature_range)
    diagnoses = [(B, X_test * st + mt, "leak_test_own"), (A, X_train * sb + mb, "leak_concat"),
                 (B, X_test * sb + mb, "leak_concat"), (A, X_train, "train_unscaled"), (B, X_test, "test_unscaled")]
    for got, cand, key in diagnoses:
        if close(got, cand):
            fail(f"{name}: " + _h(key), task)
    ta, tb = expected
    check_array(A, ta, name=name + " → X_train_scaled", rtol=rt, atol=at, task=task)
    check_array(B, tb, name=name + " → X_test_scaled", rtol=rt, atol=at, task=task)
    return A, B


def scale_train_test(fn, minmax_fit=None, minmax_transform=None) -> None:
    """Visible checks of ``scale_train_test(X_train, X_test, feature_range=(0, 1)) -> (X_train_scaled,
    X_test_scaled)``: accepted if it equals the reference OR the student's own ``minmax_fit`` / ``minmax_transform``
    composed correctly (:func:`own_scaling`)."""
    __tracebackhide__ = True
    task = name = "scale_train_test"
    rng = _rng(21)
    X_train = np.column_stack([rng.uniform(18, 60, 8), rng.uniform(1_000, 50_000, 8)])
    X_test = np.column_stack([rng.uniform(40, 90, 5), rng.uniform(20_000, 100_000, 5)])  # shifted: leakage shows
    uses = (minmax_fit, minmax_transform)
    for A, B, fr, caller in ((X_train, X_test, None, call), (X_train, X_test, (-1.0, 1.0), call),
                             (np.round(X_train).astype(int), np.round(X_test).astype(int).tolist(), None, _call)):
        frv = (0.0, 1.0) if fr is None else fr
        args = (A, B) if fr is None else (A, B, fr)
        own = own_scaling(minmax_fit, minmax_transform, A, B, frv)
        judge_scaled(caller(fn, *args, name=name, task=task, uses=uses), A, B, frv, own=own, name=name, task=task)
    expect_raises(fn, X_train, _arr([[1.0, 2.0, 3.0]]), why=_h("bad_features"), name=name, task=task, uses=uses)
    passed(name)


# ============================================================================ robust
def _robust_reference(X, method="linear"):
    X = _arr(X)
    q1, med, q3 = np.percentile(X, [25.0, 50.0, 75.0], axis=0, method=method)
    iqr = q3 - q1
    return med, np.where(iqr > 0, iqr, 1.0), q1, q3


def judge_robust_fit(result, X, expected=None, *, name: str = "robust_fit", task: str = "robust"):
    """``result == (center, scale)``: the median and the IQR Q3 − Q1 (numpy's default percentile rule; 1 where it
    is 0), as RobustScaler's ``center_`` and ``scale_`` (``expected``: an oracle's pair). Rounded at the column's
    ``max |x|``. Hints: Q1/Q3 swapped, the mean, the standard deviation, IQR = 0 not replaced, another percentile
    rule."""
    __tracebackhide__ = True
    X = _arr(X)
    d = X.shape[1]
    raw_c, raw_s, c, s = _pair(result, name, d, task, names=("center", "scale"))
    med, iqr, q1, q3 = _robust_reference(X)
    ec, es = (med, iqr) if expected is None else map(_arr, expected)
    col = np.max(np.abs(X), axis=0)
    rt, at = tolerance(eps=precision(raw_c, raw_s), scale=col)
    zero = (q3 - q1) == 0
    if not np.all(np.isfinite(c)) or not np.all(np.isfinite(s)) or np.any(s[zero] == 0):
        fail(f"{name}: " + _h("robust_zero_iqr"), task)
    if _close(c, ec, rt, at) and _close(s, es, rt, at):
        return c, s
    if np.any(s < 0):
        fail(f"{name}: " + _h("robust_swapped"), task)
    if not _close(c, ec, rt, at) and _close(c, X.mean(axis=0), rt, at):
        fail(f"{name}: " + _h("robust_mean"), task)
    sd = X.std(axis=0)
    if _close(s, sd, rt, at) or (len(X) > 1 and _close(s, X.std(axis=0, ddof=1), rt, at)):
        fail(f"{name}: " + _h("robust_std"), task)
    if _close(s, np.where(zero, 0.0, es), rt, at):
        fail(f"{name}: " + _h("robust_zero_iqr"), task)
    for method in ("nearest", "lower", "higher", "midpoint", "inverted_cdf", "hazen", "weibull", "median_unbiased"):
        mc, ms, _, _ = _robust_reference(X, method)
        if _close(c, mc, rt, at) and _close(s, ms, rt, at):
            fail(f"{name}: " + _h("robust_percentile_rule"), task)
    check_array(c, ec, name=name + " → center", rtol=rt, atol=at, task=task)
    check_array(s, es, name=name + " → scale", rtol=rt, atol=at, task=task)
    return c, s


def judge_robust_transform(result, X, center, scale, expected=None, *, name: str = "robust_transform",
                           task: str = "robust"):
    """``(x − center) / scale``; rounded at ``(|x| + |center|) / |scale|`` per column."""
    __tracebackhide__ = True
    X, center, scale = _arr(X), _arr(center), _arr(scale)
    expected = (X - center) / scale if expected is None else _arr(expected)
    col = (np.max(np.abs(X), axis=0) + np.abs(center)) / np.abs(scale)
    return check_array(result, expected, name=name, scale=col, task=task,
                       mistakes=[(X / scale - center, _h("inverse_order"))])


def robust(fit, transform) -> None:
    """Visible checks of ``robust_fit(X) -> (center, scale)`` and ``robust_transform(X, center, scale)``."""
    __tracebackhide__ = True
    task = "robust"
    X = _arr([[1.0, 5.0, 2.0], [2.0, 5.0, 4.0], [3.0, 5.0, 6.0], [4.0, 6.0, 8.0], [100.0, 5.0, 1000.0]])
    judge_robust_fit(call(fit, X, name="robust_fit", task=task), X, task=task)      # col 1: IQR = 0 -> scale 1
    rng = _rng(31)
    R = rng.lognormal(size=(12, 3)) * [1.0, 1_000.0, 0.01]
    R[0] = [50.0, 1e6, 3.0]                                                # outliers
    for data, caller in ((R, call), (R[:7].round().astype(int).tolist(), _call)):
        c, s = judge_robust_fit(caller(fit, data, name="robust_fit", task=task), data, task=task)
        ec, es, _, _ = _robust_reference(data)
        judge_robust_transform(caller(transform, data, ec, es, name="robust_transform", task=task), data, ec, es,
                               task=task)
    expect_raises(fit, R[0], why=_h("not_2d"), name="robust_fit", task=task)
    expect_raises(fit, R[:0], why=_h("no_rows"), name="robust_fit", task=task)
    ec, es, _, _ = _robust_reference(R)
    expect_raises(transform, R, ec[:2], es[:2], why=_h("params_length"), name="robust_transform", task=task)
    expect_raises(transform, R, ec, np.r_[es[:2], 0.0], why=_h("scale_zero"), name="robust_transform", task=task)
    passed("robust")


# ============================================================================ condition number
def _offset(X) -> float:
    """How far the data sit from their mean, per spread: ``max_j max_i |x_ij| / std_j`` (at least 1). Centring
    (or any mean taken) in a precision ``eps`` perturbs a column by ``eps · max |x|``, i.e. by ``eps · offset``
    relative to its spread."""
    X = _arr(X)
    X = X.reshape(len(X), -1)
    sd = X.std(axis=0)
    big = np.max(np.abs(X), axis=0)
    with np.errstate(all="ignore"):
        ratio = np.where(sd > 0, big / np.where(sd > 0, sd, 1.0), 1.0)
    return float(max(1.0, np.max(ratio))) if ratio.size else 1.0


def gram_reference(X) -> float:
    """κ(X_cᵀX_c) from the singular values of the centred X (squared ratio)."""
    X = _arr(X)
    sv = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    return float((sv[0] / sv[-1]) ** 2)


def judge_gram(result, X, expected=None, *, name: str = "gram_condition", task: str = "gram_condition"):
    """``result`` = κ(X_cᵀX_c), one number (``expected``: an oracle's; default :func:`gram_reference`); its relative
    error is ``eps · κ``. Hints: κ(X_c) (the square root), uncentred features, λ_min / λ_max."""
    __tracebackhide__ = True
    X = _arr(X)
    kappa = gram_reference(X) if expected is None else float(expected)
    rtol, _ = tolerance(result, cond=kappa * (1.0 + np.sqrt(len(X))) * _offset(X))
    t = type(result)
    ok = issubclass(t, (int, float, np.integer, np.floating)) and not issubclass(t, bool)
    if issubclass(t, np.ndarray):
        ok = result.size == 1 and result.dtype.kind in "iuf"
    value = float(np.asarray(result, dtype=float).reshape(-1)[0]) if ok else None
    if ok and np.isfinite(value) and abs(value - kappa) > rtol * kappa:
        sv = np.linalg.svd(X, compute_uv=False)
        for cand, key in ((np.sqrt(kappa), "gram_sqrt"), (1.0 / kappa, "gram_inverted"),
                          (float((sv[0] / sv[-1]) ** 2) if sv[-1] > 0 else np.inf, "gram_uncentred"),
                          (float(sv[0] / sv[-1]) if sv[-1] > 0 else np.inf, "gram_uncentred")):
            if np.isfinite(cand) and abs(value - cand) <= rtol * cand and abs(cand - kappa) > rtol * kappa:
                fail(f"{name}: " + _h(key), task)
    return check_scalar(result, kappa, name=name, rtol=rtol, atol=0.0, task=task)


def gram_condition(fn) -> None:
    """Visible checks of ``gram_condition(X) -> κ(X_cᵀX_c)``."""
    __tracebackhide__ = True
    task = name = "gram_condition"
    X = _arr([[0.0, 0.0], [2.0, 0.0], [0.0, 1.0], [2.0, 1.0]]) + [10.0, 5.0]     # κ = (2 / 1)² = 4
    judge_gram(call(fn, X, name=name, task=task), X, 4.0, name=name, task=task)
    rng = _rng(41)
    Z = rng.normal(size=(30, 3))
    R = (Z @ _arr([[1.0, 0.8, 0.0], [0.0, 0.6, 0.3], [0.0, 0.0, 0.2]])) * [1.0, 50.0, 0.1] + [3.0, -100.0, 7.0]
    judge_gram(call(fn, R, name=name, task=task), R, name=name, task=task)
    judge_gram(_call(fn, [[1, 2], [3, 1], [4, 7], [0, 0]], name=name, task=task), [[1, 2], [3, 1], [4, 7], [0, 0]],
               name=name, task=task)
    judge_gram(call(fn, R[:, :1], name=name, task=task), R[:, :1], 1.0, name=name, task=task)   # d = 1: κ = 1
    expect_raises(fn, R[:, 0], why=_h("not_2d"), name=name, task=task)
    expect_raises(fn, R[:1], why=_h("few_rows"), name=name, task=task)
    expect_raises(fn, np.column_stack([R[:, 0], np.full(30, 4.0)]), why=_h("constant_feature"), name=name, task=task)
    passed(name)


# ============================================================================ gradient descent
def gd_reference(X, y, lr: float, steps: int) -> np.ndarray:
    r"""The history in closed form: with :math:`G = X_c^\top X_c/n = V\Lambda V^\top`, :math:`h = X_c^\top y_c/n`,
    :math:`w_t = V\,\mathrm{diag}\big(\sum_{k<t}(1 - lr\,\lambda)^k\,lr\big)V^\top h`."""
    X, y = _arr(X), _arr(y)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    n = len(X)
    lam, V = np.linalg.eigh(Xc.T @ Xc / n)
    g = V.T @ (Xc.T @ yc / n)
    r = 1.0 - lr * lam
    t = np.arange(steps + 1)[:, None]
    with np.errstate(all="ignore"):
        geo = np.where(np.abs(lr * lam) > 1e-12, (1.0 - r ** t) / np.where(lam != 0, lam, 1.0), lr * t)
    return (geo * g) @ V.T


def _gd_plain(X, y, lr, steps, centre=True, n_factor=True):
    X, y = _arr(X), _arr(y)
    if centre:
        X, y = X - X.mean(axis=0), y - y.mean()
    n = len(X) if n_factor else 1.0
    W = np.zeros((steps + 1, X.shape[1]))
    with np.errstate(all="ignore"):
        for t in range(steps):
            W[t + 1] = W[t] - lr * (X.T @ (X @ W[t] - y)) / n
    return W


def judge_gd(result, X, y, lr: float, steps: int, expected=None, *, name: str = "gradient_descent",
             task: str = "gradient_descent"):
    """``result`` = the history ``(steps + 1, d)`` of gradient descent on ``(1/(2n))‖X_c w − y_c‖²`` from ``w_0 = 0``
    (``expected``: an oracle's; default :func:`gd_reference`). Rounding accumulates over the steps and is amplified
    by the conditioning of ``G`` and by centring far-off data: ``cond = (κ(G) + steps) · offset``, at the scale of the largest weight. Hints: w_0 missing,
    uncentred data, the 1/n missing, the step taken uphill."""
    __tracebackhide__ = True
    X, y = _arr(X), _arr(y)
    d = X.shape[1]
    expected = gd_reference(X, y, lr, steps) if expected is None else _arr(expected)
    got = as_float_array(result, name, (steps + 1, d), task)
    if got.shape == (steps, d) and steps > 0:
        fail(f"{name}: " + _h("gd_no_w0"), task)
    Xc = X - X.mean(axis=0)
    lam = np.linalg.eigvalsh(Xc.T @ Xc)
    kappa = float(lam[-1] / lam[0]) if lam[0] > 0 else 1e12
    big = float(np.max(np.abs(expected))) if expected.size else 1.0
    cond = (kappa + steps + 1) * max(_offset(X), _offset(y))
    if got.shape == expected.shape and got.size and np.any(got[0] != 0):
        fail(f"{name}: " + _h("gd_start"), task)
    mistakes = [(_gd_plain(X, y, lr, steps, centre=False), _h("gd_uncentred")),
                (_gd_plain(X, y, lr, steps, n_factor=False), _h("gd_no_n")),
                (_gd_plain(X, y, -lr, steps), _h("gd_ascent"))]
    return check_array(result, expected, name=name, cond=cond, scale=max(big, 1e-300), task=task,
                       mistakes=[(c, h) for c, h in mistakes if np.all(np.isfinite(c))],
                       shape_hints={(steps, d): _h("gd_no_w0")})


def gradient_descent(fn) -> None:
    """Visible checks of ``gradient_descent(X, y, lr, steps) -> W`` (steps + 1, d)."""
    __tracebackhide__ = True
    task = name = "gradient_descent"
    X = _arr([[1.0, 0.0], [-1.0, 0.0], [0.0, 2.0], [0.0, -2.0]]) + [5.0, 1.0]    # G = diag(0.5, 2)
    y = _arr([1.0, -1.0, 4.0, -4.0]) + 3.0                                       # w* = (1, 2)
    W = judge_gd(call(fn, X, y, 0.25, 3, name=name, task=task), X, y, 0.25, 3,
                 _arr([[0, 0], [0.125, 1.0], [0.234375, 1.5], [0.330078125, 1.75]]), name=name, task=task)
    rng = _rng(51)
    R = rng.normal(size=(25, 3)) * [1.0, 3.0, 0.5] + [2.0, -1.0, 10.0]
    w_true = _arr([1.5, -0.5, 2.0])
    yr = R @ w_true + 0.1 * rng.normal(size=25) + 4.0
    Rc = R - R.mean(axis=0)
    L = float(np.linalg.eigvalsh(Rc.T @ Rc / 25)[-1])
    judge_gd(call(fn, R, yr, 1.0 / L, 40, name=name, task=task), R, yr, 1.0 / L, 40, name=name, task=task)
    judge_gd(_call(fn, [[1, 2], [2, 1], [4, 0], [3, 3]], [1, 2, 3, 5], 0.1, 5, name=name, task=task),
             [[1, 2], [2, 1], [4, 0], [3, 3]], [1, 2, 3, 5], 0.1, 5, name=name, task=task)
    judge_gd(call(fn, R, yr, 0.01, 0, name=name, task=task), R, yr, 0.01, 0, name=name, task=task)   # w_0 only
    del W
    expect_raises(fn, R, yr, 0.0, 5, why=_h("lr_bad"), name=name, task=task)
    expect_raises(fn, R, yr, 0.1, -1, why=_h("steps_bad"), name=name, task=task)
    expect_raises(fn, R, yr[:-1], 0.1, 5, why=_h("y_length"), name=name, task=task)
    expect_raises(fn, R[:, 0], yr, 0.1, 5, why=_h("not_2d"), name=name, task=task)
    passed(name)


# ============================================================================ coefficients in original units
def judge_unscaled(result, w_scaled, b_scaled, mean, scale, X=None, expected_predictions=None, cond: float = 1.0, *,
                   name: str = "unscale_coefficients", task: str = "unscale_coefficients"):
    """``result == (w, b)``: ``w = w'/s`` (array (d,)) and ``b = b' − Σ w'_j μ_j / s_j`` (a number); and, when
    ``X`` and ``expected_predictions`` (an oracle's, e.g. LinearRegression fitted on the raw data) are given,
    ``X @ w + b`` equals them (``cond``: the conditioning of that oracle's fit). Hints: the intercept not adjusted,
    its correction's sign, w' · s."""
    __tracebackhide__ = True
    ws, mu, s = _arr(w_scaled).reshape(-1), _arr(mean).reshape(-1), _arr(scale).reshape(-1)
    bs = float(b_scaled)
    d = ws.size
    raw_w, raw_b = check_tuple(result, 2, name=name, task=task)
    w = as_float_array(raw_w, name + " → w", (d,), task)
    if w.shape != (d,):
        fail(message("wrong_shape", name=name + " → w", got=w.shape, expected=(d,)), task)
    ew = ws / s
    eb = bs - float(np.sum(ws * mu / s))
    b_scale = abs(bs) + float(np.sum(np.abs(ws * mu / s)))
    eps = precision(raw_w, raw_b)
    rt, at = tolerance(eps=eps, scale=1.0)
    tb = at * b_scale
    if not _close(w, ew, rt, 0.0):
        check_array(raw_w, ew, name=name + " → w", rtol=rt, atol=0.0, task=task,
                    mistakes=[(ws * s, _h("unscale_times"))])
    bv = _maybe_float(raw_b)
    if bv is not None and not abs(bv - eb) <= rt * abs(eb) + tb:
        for cand, key in ((bs, "unscale_intercept"), (bs + float(np.sum(ws * mu / s)), "unscale_intercept_sign")):
            if abs(bv - cand) <= rt * abs(cand) + tb and abs(eb - cand) > rt * abs(cand) + tb:
                fail(f"{name}: " + _h(key), task)
    b_val = check_scalar(raw_b, eb, name=name + " → b", rtol=rt, atol=tb, task=task)
    if X is not None and expected_predictions is not None:
        X = _arr(X)
        pred = X @ w + b_val
        col = np.abs(X) @ np.abs(w) + abs(b_val) + b_scale
        r2, a2 = tolerance(eps=eps, cond=cond, scale=col)
        if not _close(pred, _arr(expected_predictions), r2, a2):
            fail(_h("unscale_predictions", name=name), task)
    return w, b_val


def _maybe_float(v):
    try:
        a = np.asarray(v, dtype=float)
    except (TypeError, ValueError):
        return None
    return float(a.reshape(-1)[0]) if a.size == 1 else None


def _scalar_close(v, e, rtol, atol) -> bool:
    f = _maybe_float(v)
    return f is not None and np.isfinite(f) and abs(f - e) <= atol + rtol * abs(e)


def unscale_coefficients(fn) -> None:
    """Visible checks of ``unscale_coefficients(w_scaled, b_scaled, mean, scale) -> (w, b)``."""
    __tracebackhide__ = True
    task = name = "unscale_coefficients"
    # price = 50 + 2 · area − 3 · age; features standardized with mean (100, 20), scale (25, 10)
    judge_unscaled(call(fn, _arr([50.0, -30.0]), 190.0, _arr([100.0, 20.0]), _arr([25.0, 10.0]), name=name,
                        task=task), [50.0, -30.0], 190.0, [100.0, 20.0], [25.0, 10.0], name=name, task=task)
    rng = _rng(61)
    X = rng.normal(size=(40, 3)) * [1_000.0, 0.01, 5.0] + [5_000.0, 0.5, -20.0]
    y = X @ _arr([0.002, 300.0, -1.5]) + 7.0 + 0.1 * rng.normal(size=40)
    mu, sd = X.mean(axis=0), X.std(axis=0)
    Z = (X - mu) / sd
    coef = np.linalg.lstsq(np.column_stack([Z, np.ones(40)]), y, rcond=None)[0]
    ws, bs = coef[:3], float(coef[3])
    raw = np.linalg.lstsq(np.column_stack([X, np.ones(40)]), y, rcond=None)[0]
    judge_unscaled(call(fn, ws, bs, mu, sd, name=name, task=task), ws, bs, mu, sd, X,
                   np.column_stack([X, np.ones(40)]) @ raw, cond=float(np.linalg.cond(X - mu)), name=name, task=task)
    judge_unscaled(_call(fn, [2, 4], 1, [1, 2], [2, 4], name=name, task=task), [2, 4], 1, [1, 2], [2, 4],
                   name=name, task=task)
    expect_raises(fn, ws, bs, mu, np.r_[sd[:2], 0.0], why=_h("scale_nonpositive"), name=name, task=task)
    expect_raises(fn, ws, bs, mu[:2], sd, why=_h("lengths_differ"), name=name, task=task)
    passed(name)


# ============================================================================ bias-variance
def bias_variance_reference(P, f_true, y_noisy):
    """``(bias2, variance, mse_noisy)`` written out."""
    P, f, Y = _arr(P), _arr(f_true), _arr(y_noisy)
    mean = P.mean(axis=0)
    return (float(np.mean((mean - f) ** 2)), float(np.mean(((P - mean) ** 2).mean(axis=0))),
            float(np.mean((P - Y) ** 2)))


def judge_bias_variance(result, P, f_true, y_noisy, expected=None, *, name: str = "bias_variance",
                        task: str = "bias_variance"):
    """``result == (bias2, variance, mse_noisy)``, three numbers (``expected``: an oracle's triple); differences of
    numbers of magnitude ``M = max |P|, |f|, |y|`` are squared, so each is rounded at ``M²``. Hints: the bias
    against the noisy targets, the sample variance, the bias not squared, mse_noisy against f_true."""
    __tracebackhide__ = True
    P, f, Y = _arr(P), _arr(f_true), _arr(y_noisy)
    eb, ev, em = bias_variance_reference(P, f, Y) if expected is None else map(float, expected)
    items = check_tuple(result, 3, name=name + _h("bv_names"), task=task)
    M = max(float(np.max(np.abs(P))), float(np.max(np.abs(f))), float(np.max(np.abs(Y))), 1e-300)
    eps = precision(*items)
    rt, at = tolerance(eps=eps, scale=M * M)
    vals = [_maybe_float(v) for v in items]
    mean = P.mean(axis=0)
    R = P.shape[0]
    if vals[0] is not None and not abs(vals[0] - eb) <= at + rt * abs(eb):
        for cand in (np.mean((mean - Y.mean(axis=0)) ** 2), np.mean((mean - Y) ** 2), np.mean((P - Y) ** 2) - ev):
            if abs(vals[0] - cand) <= at + rt * abs(cand) and abs(cand - eb) > at + rt * abs(eb):
                fail(f"{name} → bias2: " + _h("bv_noisy"), task)
        for cand in (np.mean(mean - f), np.mean(np.abs(mean - f))):
            if abs(vals[0] - cand) <= at + rt * abs(cand) and abs(cand - eb) > at + rt * abs(eb):
                fail(f"{name} → bias2: " + _h("bv_no_square"), task)
    if vals[1] is not None and R > 1 and not abs(vals[1] - ev) <= at + rt * abs(ev):
        cand = ev * R / (R - 1)
        if abs(vals[1] - cand) <= at + rt * abs(cand):
            fail(f"{name} → variance: " + _h("bv_ddof"), task)
    if vals[2] is not None and not abs(vals[2] - em) <= at + rt * abs(em):
        cand = float(np.mean((P - f) ** 2))
        if abs(vals[2] - cand) <= at + rt * abs(cand) and abs(cand - em) > at + rt * abs(em):
            fail(f"{name} → mse_noisy: " + _h("bv_mse_true"), task)
    out = []
    for v, e, label in zip(items, (eb, ev, em), ("bias2", "variance", "mse_noisy")):
        out.append(check_scalar(v, e, name=f"{name} → {label}", rtol=rt, atol=at, task=task))
    return tuple(out)


def bias_variance(fn) -> None:
    """Visible checks of ``bias_variance(predictions, f_true, y_noisy) -> (bias2, variance, mse_noisy)``."""
    __tracebackhide__ = True
    task = name = "bias_variance"
    P = _arr([[1.0, 2.0], [3.0, 2.0]])           # mean (2, 2); f = (1, 3): bias2 = 1; variance = (1 + 0) / 2
    f = _arr([1.0, 3.0])
    Y = _arr([[0.0, 3.0], [2.0, 5.0]])
    judge_bias_variance(call(fn, P, f, Y, name=name, task=task), P, f, Y, (1.0, 0.5, 3.0), name=name, task=task)
    rng = _rng(71)
    x = np.linspace(0, 1, 15)
    f = np.sin(2 * np.pi * x) * 10 + 50
    P = f + 1.5 + rng.normal(size=(30, 15)) * 2.0            # biased by 1.5, spread 2
    Y = f + rng.normal(size=(30, 15)) * 3.0
    judge_bias_variance(call(fn, P, f, Y, name=name, task=task), P, f, Y, name=name, task=task)
    judge_bias_variance(_call(fn, P[:4].round().astype(int).tolist(), f.round().astype(int).tolist(),
                              Y[:4].round().tolist(), name=name, task=task),
                        P[:4].round(), f.round(), Y[:4].round(), name=name, task=task)
    expect_raises(fn, P, f[:-1], Y, why=_h("bv_shapes"), name=name, task=task)
    expect_raises(fn, P, f, Y[:-1], why=_h("bv_shapes"), name=name, task=task)
    expect_raises(fn, P[0], f, Y[0], why=_h("bv_shapes"), name=name, task=task)
    passed(name)


TASKS = (
    Task("minmax", ("minmax_fit", "minmax_transform", "minmax_inverse"), 3, "test_minmax", minmax),
    Task("scale_train_test", ("scale_train_test", "minmax_fit", "minmax_transform"), 2, "test_scale_train_test",
         scale_train_test, optional=("minmax_fit", "minmax_transform")),
    Task("robust", ("robust_fit", "robust_transform"), 3, "test_robust", robust),
    Task("gram_condition", ("gram_condition",), 3, "test_gram_condition", gram_condition),
    Task("gradient_descent", ("gradient_descent",), 3, "test_gradient_descent", gradient_descent),
    Task("unscale_coefficients", ("unscale_coefficients",), 3, "test_unscale_coefficients", unscale_coefficients),
    Task("bias_variance", ("bias_variance",), 3, "test_bias_variance", bias_variance),
)

#: the self-check of this assignment: ``check("robust", globals())`` checks one task, ``check_all(globals())``
#: prints the table of all tasks (the notebook's last cell)
check, check_all = for_module(MODULE_ID)
