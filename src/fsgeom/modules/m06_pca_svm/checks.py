r"""Visible checks of assignment ``06-pca-svm`` (PCA with and without standardization, scores of new data with the
training statistics, the linear SVM's primal objective, its subgradient, subgradient descent, distances to the
hyperplane and the margin width, batch normalization in training and inference mode, layer normalization).

Every check takes the student's function(s), runs it on small fixed examples, and raises
:class:`fsgeom.grading.CheckFailed` with a SPECIFIC hint when the result is wrong (data not centred before PCA, the
explained-variance ratio over the kept components only, the sign convention ignored, new data standardized with its
own statistics, the hinge loss averaged, points beyond the margin counted in the subgradient, ≤ 1 instead of < 1,
the bias never updated, a signed or unnormalized distance, running statistics updated in inference mode, batch
normalization over the feature axis, the unbiased variance where the biased one is specified, layer normalization
over the batch axis, ...). On success it prints one "✓" line. Messages are in the notebook's language
(``fsgeom.i18n``).

Expected values come from small hand-checked examples or from the module's own maths (:mod:`.maths`); the hidden
tests in the notebook use independent oracles (scikit-learn's ``PCA`` and ``StandardScaler``, ``SVC(kernel="linear")``
for the optimum of the primal, the formulas written out) and pass their values to the judges here (``expected=``).

``svm_train`` builds on ``svm_subgradient`` and ``svm_objective``: it is judged with the student's versions REPLACED
by plain-numpy references (:func:`call_built`), so one mistake is charged to one task, and it is judged by the
objective value it reaches (within relative :data:`TRAIN_RTOL` of the optimum) and its accuracy on held-out data,
never by its iterates.

Tolerances: :func:`fsgeom.grading.tolerance` of the precision the result carries times the conditioning (the
eigenvalue gap ``λ₁/min|λᵢ − λⱼ|`` for components, the offset ``|mean|/sd`` of the data for centring and
normalizing, the magnitude of the terms of a sum for the objective and the subgradient).
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
           "REFERENCE", "TRAIN_RTOL", "ACCURACY_SLACK", "pca_fit", "pca_transform", "svm_objective",
           "svm_subgradient", "svm_train", "hyperplane_geometry", "batch_norm_forward", "layer_norm_forward",
           "primal", "judge_pca", "judge_transform", "judge_objective", "judge_subgradient", "judge_train",
           "judge_accuracy", "judge_geometry", "judge_batch_norm", "judge_layer_norm"]

_array = np.array

#: svm_train passes when its objective is within this relative distance of the optimum (the specified method with
#: n_iter=1000, eta0=0.1 reaches about 1e-5 on the hidden tests' data, at worst 2.3e-4 over 40 seeds x 4 data sets)
TRAIN_RTOL = 1e-2
#: svm_train's accuracy on held-out points may be lower than the optimum's by at most this many points
ACCURACY_SLACK = 2

HINTS = {
    # ------------------------------------------------------------------ bad inputs
    "not_2d": {"uk": "X не двовимірна матриця", "en": "X is not a 2-D matrix"},
    "not_finite": {"uk": "X містить nan чи inf", "en": "X holds nan or inf"},
    "too_few": {"uk": "менше ніж 2 об'єкти", "en": "fewer than 2 samples"},
    "bad_k": {"uk": "n_components не ціле число з 1..d", "en": "n_components is not an int in 1..d"},
    "shapes": {"uk": "форми вхідних масивів не узгоджені", "en": "the shapes of the inputs do not match"},
    "bad_labels": {"uk": "мітки не з {−1, +1}", "en": "the labels are not in {−1, +1}"},
    "bad_C": {"uk": "C ≤ 0", "en": "C ≤ 0"},
    "bad_schedule": {"uk": "n_iter < 1 або eta0 ≤ 0", "en": "n_iter < 1 or eta0 ≤ 0"},
    "w_zero": {"uk": "w = 0 (гіперплощини немає)", "en": "w = 0 (there is no hyperplane)"},
    "small_batch": {"uk": "режим навчання з батчем з одного об'єкта (N < 2)",
                    "en": "training mode with a batch of one sample (N < 2)"},
    "arraylike": {
        "uk": "Вхідні дані можуть бути списками чи масивами float32: перетворіть їх на початку функції "
              "(np.asarray(x, dtype=float)).",
        "en": "The inputs may be lists or float32 arrays: convert them at the start of the function "
              "(np.asarray(x, dtype=float)).",
    },
    # ------------------------------------------------------------------ PCA
    "pca_mean": {
        "uk": "mean має бути середнім кожного стовпця X (axis=0), навіть коли standardize=False.",
        "en": "mean must be the mean of every column of X (axis=0), also when standardize=False.",
    },
    "pca_scale_ones": {
        "uk": "без стандартизації scale — вектор одиниць (np.ones(d)): дані лише центрують.",
        "en": "without standardization scale is a vector of ones (np.ones(d)): the data are only centred.",
    },
    "pca_scale_ddof1": {
        "uk": "scale — стандартне відхилення через n − 1 (ddof=1); тут, як у StandardScaler, через n (ddof=0).",
        "en": "scale is the standard deviation over n − 1 (ddof=1); here, as in StandardScaler, it is over n "
              "(ddof=0).",
    },
    "pca_scale_constant": {
        "uk": "для сталого стовпця (стандартне відхилення 0) scale має дорівнювати 1, а не 0 (інакше ділення 0/0).",
        "en": "for a constant column (standard deviation 0) scale must be 1, not 0 (otherwise 0/0).",
    },
    "pca_not_unit": {
        "uk": "рядки components не мають одиничної довжини (норми {norms}): головні компоненти — одиничні "
              "власні вектори Σ.",
        "en": "the rows of components are not unit length (norms {norms}): the principal components are unit "
              "eigenvectors of Σ.",
    },
    "pca_columns": {
        "uk": "власні вектори — це СТОВПЦІ результату np.linalg.eigh; components містить їх як РЯДКИ "
              "(транспонуйте).",
        "en": "the eigenvectors are the COLUMNS of np.linalg.eigh's result; components holds them as ROWS "
              "(transpose).",
    },
    "pca_not_centred": {
        "uk": "дані не центровано: Σ = ZᵀZ/n з Z = X − mean. Без центрування перша «компонента» показує на "
              "середнє, а не вздовж найбільшої дисперсії.",
        "en": "the data were not centred: Σ = ZᵀZ/n with Z = X − mean. Without centring the first \"component\" "
              "points at the mean, not along the largest variance.",
    },
    "pca_not_standardized": {
        "uk": "з standardize=True кожен стовпець треба поділити на його стандартне відхилення: тоді Σ — матриця "
              "кореляції.",
        "en": "with standardize=True every column must be divided by its standard deviation: then Σ is the "
              "correlation matrix.",
    },
    "pca_order": {
        "uk": "компоненти йдуть не за спаданням власних значень: np.linalg.eigh повертає їх за ЗРОСТАННЯМ.",
        "en": "the components are not in order of decreasing eigenvalue: np.linalg.eigh returns them in "
              "INCREASING order.",
    },
    "pca_sign": {
        "uk": "напрямки правильні, але знаки ні: за домовленістю найбільший за модулем елемент кожної компоненти "
              "додатний (помножте рядок на знак цього елемента).",
        "en": "the directions are right but the signs are not: by convention the largest-magnitude entry of every "
              "component is positive (multiply the row by the sign of that entry).",
    },
    "ratio_kept": {
        "uk": "частки поясненої дисперсії в сумі дають 1 лише за збереженими компонентами: ділити треба на "
              "повну дисперсію tr Σ (усі d власних значень).",
        "en": "your ratio sums to 1 over the kept components: divide by the total variance tr Σ (all d "
              "eigenvalues).",
    },
    "ratio_values": {
        "uk": "це власні значення, а не частки: поділіть їх на tr Σ.",
        "en": "these are the eigenvalues, not the ratios: divide them by tr Σ.",
    },
    # ------------------------------------------------------------------ PCA transform
    "transform_own_stats": {
        "uk": "нові дані центровано (чи масштабовано) їхніми ВЛАСНИМИ статистиками: використовуйте mean і scale, "
              "навчені на тренувальних даних (аргументи функції).",
        "en": "the new data were centred (or scaled) with their OWN statistics: use the mean and scale learned on "
              "the training data (the function's arguments).",
    },
    "transform_not_centred": {
        "uk": "від X не віднято mean: оцінки — ((X − mean)/scale) @ componentsᵀ.",
        "en": "mean was not subtracted from X: the scores are ((X − mean)/scale) @ componentsᵀ.",
    },
    "transform_not_scaled": {
        "uk": "(X − mean) не поділено на scale: оцінки — ((X − mean)/scale) @ componentsᵀ.",
        "en": "(X − mean) was not divided by scale: the scores are ((X − mean)/scale) @ componentsᵀ.",
    },
    # ------------------------------------------------------------------ SVM objective and subgradient
    "obj_mean": {
        "uk": "шарнірну функцію втрат усереднено (mean); у формулі SVC — СУМА: C·Σ max(0, 1 − yᵢ(wᵀxᵢ + b)).",
        "en": "the hinge loss was averaged (mean); SVC's primal has the SUM: C·Σ max(0, 1 − yᵢ(wᵀxᵢ + b)).",
    },
    "obj_bias_penalized": {
        "uk": "зсув b штрафовано (½(‖w‖² + b²)): у SVM штрафують лише ½‖w‖².",
        "en": "the bias b was penalized (½(‖w‖² + b²)): the SVM penalizes only ½‖w‖².",
    },
    "obj_no_half": {
        "uk": "бракує множника ½: ціль — ½‖w‖² + C·Σ max(0, 1 − yᵢ(wᵀxᵢ + b)).",
        "en": "the factor ½ is missing: the objective is ½‖w‖² + C·Σ max(0, 1 − yᵢ(wᵀxᵢ + b)).",
    },
    "obj_no_max": {
        "uk": "бракує max(0, ·): точки за межею зазору (відступ > 1) мають нульові втрати, а не від'ємні.",
        "en": "max(0, ·) is missing: points beyond the margin (margin > 1) have zero loss, not a negative one.",
    },
    "sub_all_points": {
        "uk": "у субградієнт увійшли ВСІ точки: ліворуч від зламу шарнірна функція стала, тож враховуються лише "
              "точки з відступом yᵢ(wᵀxᵢ + b) < 1.",
        "en": "ALL points entered the subgradient: beyond its kink the hinge loss is flat, so only the points with "
              "margin yᵢ(wᵀxᵢ + b) < 1 count.",
    },
    "sub_at_margin": {
        "uk": "точки рівно на межі зазору (відступ = 1) теж пораховано: умова строга, yᵢ(wᵀxᵢ + b) < 1 (на межі "
              "субградієнт за домовленістю 0).",
        "en": "the points exactly on the margin (margin = 1) were counted too: the condition is strict, "
              "yᵢ(wᵀxᵢ + b) < 1 (on the margin the subgradient is 0 by convention).",
    },
    "sub_no_w": {
        "uk": "бракує доданка w (градієнта ½‖w‖²): g_w = w − C·Σ yᵢxᵢ.",
        "en": "the term w (the gradient of ½‖w‖²) is missing: g_w = w − C·Σ yᵢxᵢ.",
    },
    "sub_sign": {
        "uk": "знак неправильний: похідна max(0, 1 − m) за w — це −yᵢxᵢ, тож g_w = w − C·Σ yᵢxᵢ, g_b = −C·Σ yᵢ.",
        "en": "the sign is wrong: the derivative of max(0, 1 − m) in w is −yᵢxᵢ, so g_w = w − C·Σ yᵢxᵢ, "
              "g_b = −C·Σ yᵢ.",
    },
    "sub_mean": {
        "uk": "суму по точках усереднено: g_w = w − C·Σ yᵢxᵢ (сума, як у цілі).",
        "en": "the sum over the points was averaged: g_w = w − C·Σ yᵢxᵢ (a sum, as in the objective).",
    },
    # ------------------------------------------------------------------ subgradient descent
    "train_bias_fixed": {
        "uk": "b лишився 0: зсув теж оновлюють, b ← b − η_t·g_b.",
        "en": "b stayed 0: the bias is updated too, b ← b − η_t·g_b.",
    },
    "train_gap": {
        "uk": "ціль у вашій точці {got}, а оптимум {best} (більше на {gap:.2%}, допустимо {tol:.0%}). Перевірте "
              "крок η_t = eta0/√(t + 1), оновлення і w, і b та що повертається НАЙКРАЩА (з найменшою ціллю) з "
              "n_iter + 1 відвіданих точок.",
        "en": "the objective at your point is {got}, the optimum {best} ({gap:.2%} above it, {tol:.0%} allowed). "
              "Check the step η_t = eta0/√(t + 1), that both w and b are updated, and that the BEST (lowest "
              "objective) of the n_iter + 1 visited points is returned.",
    },
    "train_accuracy": {
        "uk": "на відкладених точках ваш класифікатор правий у {got} з {n}, оптимальний — у {best}.",
        "en": "on held-out points your classifier is right on {got} of {n}, the optimal one on {best}.",
    },
    # ------------------------------------------------------------------ geometry
    "dist_signed": {
        "uk": "відстані від'ємні з одного боку гіперплощини: відстань — |wᵀx + b|/‖w‖ (з модулем).",
        "en": "the distances are negative on one side of the hyperplane: the distance is |wᵀx + b|/‖w‖ (with the "
              "absolute value).",
    },
    "dist_not_normalized": {
        "uk": "|wᵀx + b| не поділено на ‖w‖₂: без цього «відстань» змінюється, коли w і b множать на число, а "
              "гіперплощина та сама.",
        "en": "|wᵀx + b| was not divided by ‖w‖₂: without it the \"distance\" changes when w and b are multiplied "
              "by a number, while the hyperplane stays the same.",
    },
    "dist_squared_norm": {
        "uk": "поділено на ‖w‖², а треба на ‖w‖ = √(wᵀw).",
        "en": "divided by ‖w‖², but it is ‖w‖ = √(wᵀw).",
    },
    "width_half": {
        "uk": "1/‖w‖ — це відстань від гіперплощини до межі зазору; ширина зазору (між wᵀx + b = −1 і +1) — 2/‖w‖.",
        "en": "1/‖w‖ is the distance from the hyperplane to the edge of the margin; the margin width (between "
              "wᵀx + b = −1 and +1) is 2/‖w‖.",
    },
    "width_squared": {
        "uk": "ширина зазору — 2/‖w‖, а не 2/‖w‖².",
        "en": "the margin width is 2/‖w‖, not 2/‖w‖².",
    },
    # ------------------------------------------------------------------ batch and layer normalization
    "bn_feature_axis": {
        "uk": "нормалізовано кожен ОБ'ЄКТ за його ознаками (axis=1): batch-нормалізація бере середнє й дисперсію "
              "кожної ОЗНАКИ по батчу (axis=0).",
        "en": "every SAMPLE was normalized over its features (axis=1): batch normalization takes the mean and "
              "variance of every FEATURE over the batch (axis=0).",
    },
    "bn_unbiased": {
        "uk": "для нормалізації взято незміщену дисперсію (ddof=1); тут, як у PyTorch, зміщена (1/N, np.var без "
              "ddof). Незміщену беруть лише для ковзної дисперсії.",
        "en": "the unbiased variance (ddof=1) was used for normalizing; here, as in PyTorch, it is the biased one "
              "(1/N, np.var without ddof). The unbiased one is used only for the running variance.",
    },
    "bn_running_biased": {
        "uk": "ковзну дисперсію оновлено зміщеною дисперсією батча; як у PyTorch, тут незміщена: var·N/(N − 1).",
        "en": "the running variance was updated with the biased batch variance; as in PyTorch, it is the unbiased "
              "one here: var·N/(N − 1).",
    },
    "bn_momentum_swapped": {
        "uk": "momentum переплутано: нове = (1 − momentum)·старе + momentum·значення батча (momentum = 0.1 — "
              "вага НОВОГО значення).",
        "en": "momentum is swapped: new = (1 − momentum)·old + momentum·batch value (momentum = 0.1 is the weight "
              "of the NEW value).",
    },
    "bn_inference_updates": {
        "uk": "у режимі передбачення ковзні статистики змінено: вони лише використовуються, оновлює їх тільки "
              "режим навчання.",
        "en": "the running statistics were changed in inference mode: they are only used there; only training mode "
              "updates them.",
    },
    "bn_inference_batch_stats": {
        "uk": "у режимі передбачення нормалізовано статистиками батча: тут беруть ковзні running_mean і "
              "running_var.",
        "en": "inference mode normalized with the batch statistics: it uses the running running_mean and "
              "running_var.",
    },
    "bn_training_running": {
        "uk": "у режимі навчання нормалізовано ковзними статистиками: тут беруть середнє й дисперсію батча.",
        "en": "training mode normalized with the running statistics: it uses the batch mean and variance.",
    },
    "ln_batch_axis": {
        "uk": "нормалізовано по батчу (axis=0), як у batch-нормалізації: нормалізація шару бере кожен об'єкт "
              "окремо, по його ознаках (остання вісь, axis=-1).",
        "en": "normalized over the batch (axis=0), as batch normalization does: layer normalization takes every "
              "sample on its own, over its features (the last axis, axis=-1).",
    },
    "ln_unbiased": {
        "uk": "взято незміщену дисперсію (ddof=1); нормалізація шару, як у PyTorch, бере зміщену (np.var без ddof).",
        "en": "the unbiased variance (ddof=1) was used; layer normalization, as in PyTorch, takes the biased one "
              "(np.var without ddof).",
    },
    "eps_outside": {
        "uk": "ε має бути під коренем: (x − μ)/√(σ² + ε), а не (x − μ)/(√σ² + ε).",
        "en": "ε goes inside the square root: (x − μ)/√(σ² + ε), not (x − μ)/(√σ² + ε).",
    },
}


#: ``_h(key, **fmt)``: a hint in the notebook's language; ``why(key)``: a bad input's description for the hidden tests
_h, why = bind_hints(HINTS)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _fmt(v) -> str:
    return f"{float(v):.6g}"


def _close(a, b, rtol, atol) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    with np.errstate(all="ignore"):
        return a.shape == b.shape and bool(np.all(np.isfinite(a))) and bool(np.all(np.abs(a - b) <= atol + rtol * np.abs(b)))


# ============================================================================ calling student code
_REFERENCE_SOURCE = '''
def _svm_args(w, b, X, y, C):
    w = np.asarray(w, dtype=float)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or w.ndim != 1 or X.shape != (y.size, w.size):
        raise ValueError("X must be (n, d) with n labels and d weights")
    if not np.all((y == 1) | (y == -1)):
        raise ValueError("the labels must be -1 or +1")
    if not C > 0:
        raise ValueError("C must be positive")
    return w, float(b), X, y


def svm_objective(w, b, X, y, C):
    w, b, X, y = _svm_args(w, b, X, y, C)
    return float(0.5 * (w @ w) + C * np.maximum(0.0, 1.0 - y * (X @ w + b)).sum())


def svm_subgradient(w, b, X, y, C):
    w, b, X, y = _svm_args(w, b, X, y, C)
    active = y * (X @ w + b) < 1.0
    return w - C * (y[active] @ X[active]), float(-C * y[active].sum())
'''

#: the references that replace a student's earlier function while a later task is judged (see :func:`call_built`)
REFERENCE = _grading.compile_references(_REFERENCE_SOURCE, ("svm_objective", "svm_subgradient"))


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


def _mat(X) -> np.ndarray:
    return _array(X, dtype=float)


def _offset(X, axis=0) -> float:
    """``1 + max |mean|/sd`` over the columns (or rows): how much centring loses to cancellation."""
    X = _mat(X)
    sd = X.std(axis=axis)
    mean = np.abs(X.mean(axis=axis))
    with np.errstate(all="ignore"):
        r = np.where(sd > 0, mean / np.where(sd > 0, sd, 1.0), 0.0)
    return 1.0 + float(np.max(r, initial=0.0))


# ============================================================================ 1. PCA
def _stats(X, standardize):
    X = _mat(X)
    mean = X.mean(axis=0)
    if not standardize:
        return mean, np.ones(X.shape[1])
    sd = (X - mean).std(axis=0)
    return mean, np.where(sd > 0, sd, 1.0)


def _flip_rows(V):
    V = _mat(V)
    idx = np.argmax(np.abs(V), axis=1)
    s = np.sign(V[np.arange(V.shape[0]), idx])
    return V * np.where(s == 0, 1.0, s)[:, None]


def _top(S, k, ascending=False):
    evals, evecs = np.linalg.eigh(S)
    order = np.argsort(evals)
    order = order[:k] if ascending else order[::-1][:k]
    return evals[order], _flip_rows(evecs[:, order].T)


def judge_pca(result, X, n_components, standardize=False, expected=None, *, name: str = "pca_fit",
              task: str = "pca_fit"):
    """``result == (mean, scale, components, ratio)`` of PCA of ``X`` with ``n_components`` (``expected``: the same
    four from an oracle, e.g. scikit-learn's ``StandardScaler`` and ``PCA`` in the hidden tests; default
    :func:`.maths.pca_fit`). Components within the eigenvector tolerance ``eps·λ₁/gap`` times the data's offset.
    Hints: not centred, not standardized, columns instead of rows, order, sign convention, not unit, ratio over the
    kept components, eigenvalues instead of ratios, scale over n − 1, a constant column's scale 0."""
    __tracebackhide__ = True
    X = _mat(X)
    n, d = X.shape
    k = int(n_components)
    if expected is None:
        mean_e, scale_e, comps_e, _, ratio_e = _m.pca_fit(X, k, standardize)
    else:
        mean_e, scale_e, comps_e, ratio_e = (_mat(e) for e in expected)
    raw_mean, raw_scale, raw_comps, raw_ratio = check_tuple(result, 4, name=name, task=task)
    off = _offset(X)
    scale_x = max(1.0, float(np.max(np.abs(X))))
    check_array(raw_mean, mean_e, name=name + " → mean", scale=scale_x, task=task,
                mistakes=[(np.zeros(d), _h("pca_mean"))])
    sd1 = X.std(axis=0, ddof=1)
    scale_mistakes = [(np.where(sd1 > 0, sd1, 1.0), _h("pca_scale_ddof1")),
                      (np.where(X.std(axis=0) > 0, X.std(axis=0), 0.0), _h("pca_scale_constant"))]
    if not standardize:
        scale_mistakes.insert(0, (X.std(axis=0), _h("pca_scale_ones")))
    got_scale = as_float_array(raw_scale, name + " → scale", (d,), task)
    if standardize and got_scale.shape == (d,) and np.any(got_scale == 0) and np.any(scale_e == 1.0):
        fail(f"{name} → scale: " + _h("pca_scale_constant"), task)
    if not standardize and got_scale.shape == (d,) and not np.all(got_scale == 1.0) \
            and _close(got_scale, scale_mistakes[0][0], 1e-6, 1e-12):
        fail(f"{name} → scale: " + _h("pca_scale_ones"), task)
    check_array(raw_scale, scale_e, name=name + " → scale", cond=off, scale=float(np.max(scale_e)),
                mistakes=scale_mistakes, task=task)
    # the eigenvalues and their gaps of the expected Σ: the conditioning of the eigenvectors
    Z = (X - mean_e) / scale_e
    S = Z.T @ Z / n
    ev = np.sort(np.linalg.eigvalsh(S))[::-1]
    gaps = [ev[i] - ev[i + 1] for i in range(min(k, d - 1))]
    gaps += [ev[i - 1] - ev[i] for i in range(1, k)]
    gap = min(gaps) if gaps else ev[0]
    cond = off * (1.0 + ev[0] / max(gap, 1e-300))
    got = as_float_array(raw_comps, name + " → components", (k, d), task)
    if got.shape == (k, d) and np.all(np.isfinite(got)):
        norms = np.sqrt((got * got).sum(axis=1))
        rtol_n, _ = tolerance(eps=precision(raw_comps), cond=off, scale=1.0)
        if not np.all(np.abs(norms - 1.0) <= 10 * rtol_n):
            _, V = np.linalg.eigh(S)
            if k == d and _close(np.abs(got), np.abs(V[:, ::-1]), 1e-6, 1e-6):
                fail(f"{name} → components: " + _h("pca_columns"), task)
            fail(f"{name} → components: " + _h("pca_not_unit", norms=np.array2string(norms, precision=4)), task)
    rtol, atol = tolerance(eps=precision(raw_comps), cond=cond, scale=1.0)
    if got.shape == comps_e.shape and np.all(np.isfinite(got)) and not _close(got, comps_e, rtol, atol):
        s = np.sign((got * comps_e).sum(axis=1))
        if _close(got * s[:, None], comps_e, rtol, atol):
            fail(f"{name} → components: " + _h("pca_sign"), task)
        if k == d and _close(np.abs(got), np.abs(comps_e.T), rtol, atol):
            fail(f"{name} → components: " + _h("pca_columns"), task)
    mistakes = []
    Xs = X / scale_e
    mistakes.append((_top(Xs.T @ Xs / n, k)[1], _h("pca_not_centred")))
    if standardize:
        Zc = X - mean_e
        mistakes.append((_top(Zc.T @ Zc / n, k)[1], _h("pca_not_standardized")))
    if k < d:
        mistakes.append((_top(S, k, ascending=True)[1], _h("pca_order")))
    else:
        mistakes.append((comps_e[::-1], _h("pca_order")))
    mistakes.append((comps_e.T if k == d else np.zeros((k, d)), _h("pca_columns")))
    comps = check_array(raw_comps, comps_e, name=name + " → components", rtol=rtol, atol=atol, mistakes=mistakes,
                        task=task)
    total = float(ev.sum())
    kept = ratio_e * total
    rtol_r, atol_r = tolerance(eps=precision(raw_ratio), cond=off * d, scale=1.0)
    ratio_mistakes = [(kept / kept.sum(), _h("ratio_kept")), (kept, _h("ratio_values"))]
    if k > 1:
        ratio_mistakes.append((ratio_e[::-1], _h("pca_order")))
    ratio = check_array(raw_ratio, ratio_e, name=name + " → ratio", rtol=rtol_r, atol=atol_r,
                        mistakes=ratio_mistakes, task=task)
    return mean_e, scale_e, comps, ratio


def pca_fit(fn) -> None:
    """Visible checks of ``pca_fit(X, n_components, standardize=False)``."""
    __tracebackhide__ = True
    task = name = "pca_fit"
    # two features on very different scales, far from the origin: raw PCA follows the big one
    X = _rng(11).normal(size=(40, 3)) * [10.0, 1.0, 0.3] + [50.0, -20.0, 5.0]
    X[:, 1] += 0.5 * (X[:, 0] - 50.0) / 10.0
    judge_pca(call(fn, X, 2, name=name, task=task), X, 2, False, name=name, task=task)
    judge_pca(call(fn, X, 3, standardize=True, name=name, task=task), X, 3, True, name=name, task=task)
    judge_pca(call(fn, X, 1, True, name=name, task=task), X, 1, True, name=name, task=task)
    # a 2-D example by hand: points on the line y = x (and its mirror image): PC1 = (1, 1)/√2, ratio 1
    L = _array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    out = call(fn, L, 1, name=name, task=task)
    judge_pca(out, L, 1, False, (L.mean(axis=0), np.ones(2), np.full((1, 2), np.sqrt(0.5)), [1.0]), name=name,
              task=task)
    R = _rng(12).normal(size=(30, 4)) * [3.0, 2.0, 1.0, 0.5] + 7.0
    R[:, 2] = 4.0                                                  # a constant column keeps scale 1
    judge_pca(call(fn, R, 3, True, name=name, task=task), R, 3, True, name=name, task=task)
    judge_pca(_friendly(call, fn, R.tolist(), 2, name=name, task=task), R, 2, False, name=name, task=task)
    judge_pca(_friendly(call, fn, X.astype(np.float32), 2, True, name=name, task=task), X.astype(np.float32), 2,
              True, name=name, task=task)
    expect_raises(fn, X[:, 0], 1, why=_h("not_2d"), name=name, task=task)
    bad = X.copy()
    bad[3, 1] = np.nan
    expect_raises(fn, bad, 1, why=_h("not_finite"), name=name, task=task)
    expect_raises(fn, X[:1], 1, why=_h("too_few"), name=name, task=task)
    for k in (0, 4, 1.5):
        expect_raises(fn, X, k, why=_h("bad_k"), name=name, task=task)
    passed(name)


# ============================================================================ 2. scores with the training statistics
def judge_transform(result, X, mean, scale, components, expected=None, *, name: str = "pca_transform",
                    task: str = "pca_transform"):
    """``result == ((X − mean)/scale) @ componentsᵀ`` (``expected``: an oracle's, e.g. ``PCA.transform`` of scikit-
    learn in the hidden tests). Hints: the new data's own statistics, mean not subtracted, scale not applied."""
    __tracebackhide__ = True
    X, mean, scale, comps = _mat(X), _mat(mean), _mat(scale), _mat(components)
    expected = (X - mean) / scale @ comps.T if expected is None else _mat(expected)
    d = X.shape[1]
    own_mean = X.mean(axis=0)
    own_sd = X.std(axis=0)
    own_sd = np.where(own_sd > 0, own_sd, 1.0)
    mistakes = [(((X - own_mean) / own_sd) @ comps.T, _h("transform_own_stats")),
                (((X - own_mean) / scale) @ comps.T, _h("transform_own_stats")),
                ((X / scale) @ comps.T, _h("transform_not_centred")),
                ((X - mean) @ comps.T, _h("transform_not_scaled"))]
    mag = np.sqrt(d) * float(np.max((np.abs(X) + np.abs(mean)) / scale, initial=1.0))
    return check_array(result, expected, name=name, scale=mag, mistakes=mistakes, task=task)


def pca_transform(fn) -> None:
    """Visible checks of ``pca_transform(X, mean, scale, components)``."""
    __tracebackhide__ = True
    task = name = "pca_transform"
    X = _array([[1.0, 2.0], [3.0, 6.0]])
    mean, scale = _array([1.0, 2.0]), _array([2.0, 4.0])
    comps = _array([[np.sqrt(0.5), np.sqrt(0.5)]])
    judge_transform(call(fn, X, mean, scale, comps, name=name, task=task), X, mean, scale, comps,
                    [[0.0], [np.sqrt(2.0)]], name=name, task=task)
    rng = _rng(21)
    train = rng.normal(size=(50, 4)) * [5.0, 1.0, 0.2, 2.0] + [10.0, 0.0, -3.0, 1.0]
    test = rng.normal(size=(12, 4)) * [5.0, 1.0, 0.2, 2.0] + [14.0, 1.0, -2.0, 0.0]    # shifted new data
    for standardize, k in ((False, 2), (True, 3)):
        mean, scale, comps, _, _ = _m.pca_fit(train, k, standardize)
        judge_transform(call(fn, test, mean, scale, comps, name=name, task=task), test, mean, scale, comps,
                        name=name, task=task)
    judge_transform(_friendly(call, fn, test.tolist(), list(mean), list(scale), comps.tolist(), name=name,
                              task=task), test, mean, scale, comps, name=name, task=task)
    expect_raises(fn, test[:, :3], mean, scale, comps, why=_h("shapes"), name=name, task=task)
    expect_raises(fn, test, mean[:3], scale, comps, why=_h("shapes"), name=name, task=task)
    expect_raises(fn, test, mean, scale, comps[:, :3], why=_h("shapes"), name=name, task=task)
    passed(name)


# ============================================================================ 3. the primal objective
def primal(w, b, X, y, C) -> float:
    """The SVM's primal objective ½‖w‖² + C·Σ max(0, 1 − yᵢ(wᵀxᵢ + b)) (for the judges; plain numpy)."""
    w, X, y = _mat(w).ravel(), _mat(X), _mat(y).ravel()
    return float(0.5 * (w @ w) + C * np.maximum(0.0, 1.0 - y * (X @ w + float(b))).sum())


def judge_objective(result, w, b, X, y, C, expected=None, *, name: str = "svm_objective",
                    task: str = "svm_objective") -> float:
    """``result`` = the primal objective (``expected``: the formula written out in the hidden tests; default
    :func:`primal`). Rounding at the magnitude of the terms. Hints: mean instead of sum, b penalized, no ½, no max."""
    __tracebackhide__ = True
    w, X, y, b, C = _mat(w).ravel(), _mat(X), _mat(y).ravel(), float(b), float(C)
    expected = primal(w, b, X, y, C) if expected is None else float(expected)
    m = y * (X @ w + b)
    hinge = np.maximum(0.0, 1.0 - m)
    mag = 0.5 * (w @ w) + C * float(np.sum(1.0 + np.abs(m))) + C * float(np.abs(X).sum() * 0 + abs(b) * y.size)
    rtol, atol = tolerance(result, scale=max(1.0, mag))
    cands = [(0.5 * (w @ w) + C * hinge.mean(), "obj_mean"), (0.5 * (w @ w + b * b) + C * hinge.sum(), "obj_bias_penalized"),
             ((w @ w) + C * hinge.sum(), "obj_no_half"), (0.5 * (w @ w) + C * (1.0 - m).sum(), "obj_no_max")]
    t = type(result)
    if issubclass(t, (int, float, np.integer, np.floating, np.ndarray)) and not issubclass(t, bool) \
            and np.size(result) == 1:
        v = float(np.asarray(result, dtype=float).reshape(-1)[0])
        if np.isfinite(v) and abs(v - expected) > atol + rtol * abs(expected):
            for cand, key in cands:
                if abs(v - cand) <= atol + rtol * abs(cand) and abs(cand - expected) > atol + rtol * abs(expected):
                    fail(f"{name}: " + _h(key), task)
    return check_scalar(result, expected, name=name, rtol=rtol, atol=atol, task=task)


def _svm_bad_inputs(fn, *, name, task, caller=expect_raises, **kw):
    __tracebackhide__ = True
    X = _array([[1.0, 2.0], [-1.0, 0.5], [0.0, -1.0]])
    y = _array([1.0, -1.0, 1.0])
    w = _array([0.5, -0.5])
    caller(fn, w, 0.0, X, _array([1.0, 0.0, 1.0]), 1.0, why=_h("bad_labels"), name=name, task=task, **kw)
    caller(fn, w, 0.0, X, _array([1.0, 2.0, -1.0]), 1.0, why=_h("bad_labels"), name=name, task=task, **kw)
    caller(fn, w, 0.0, X, y[:2], 1.0, why=_h("shapes"), name=name, task=task, **kw)
    caller(fn, _array([0.5, -0.5, 1.0]), 0.0, X, y, 1.0, why=_h("shapes"), name=name, task=task, **kw)
    caller(fn, w, 0.0, X, y, 0.0, why=_h("bad_C"), name=name, task=task, **kw)
    caller(fn, w, 0.0, X, y, -1.0, why=_h("bad_C"), name=name, task=task, **kw)


def svm_objective(fn) -> None:
    """Visible checks of ``svm_objective(w, b, X, y, C)``."""
    __tracebackhide__ = True
    task = name = "svm_objective"
    # by hand: margins 2, 0.5, −1 → hinge 0, 0.5, 2; ½‖w‖² = 1; b not penalized
    X = _array([[2.0, 0.0], [0.5, 0.0], [1.0, 0.0]])
    y = _array([1.0, 1.0, -1.0])
    w = _array([1.0, 1.0])
    judge_objective(call(fn, w, 0.0, X, y, 1.0, name=name, task=task), w, 0.0, X, y, 1.0, 3.5, name=name, task=task)
    judge_objective(call(fn, w, 0.0, X, y, 0.5, name=name, task=task), w, 0.0, X, y, 0.5, 2.25, name=name, task=task)
    rng = _rng(31)
    X = rng.normal(size=(40, 3))
    y = np.where(rng.random(40) < 0.5, -1.0, 1.0)
    w = rng.normal(size=3)
    for b, C in ((0.7, 1.0), (-2.0, 0.05), (0.0, 10.0)):
        judge_objective(call(fn, w, b, X, y, C, name=name, task=task), w, b, X, y, C, name=name, task=task)
    judge_objective(_friendly(call, fn, w.tolist(), 1, X.tolist(), y.astype(int).tolist(), 2, name=name, task=task),
                    w, 1.0, X, y, 2.0, name=name, task=task)
    judge_objective(_friendly(call, fn, w.astype(np.float32), 0.5, X.astype(np.float32), y.astype(np.float32), 1.0,
                              name=name, task=task), w.astype(np.float32), 0.5, X.astype(np.float32), y, 1.0,
                    name=name, task=task)
    _svm_bad_inputs(fn, name=name, task=task)
    passed(name)


# ============================================================================ 4. the subgradient
def judge_subgradient(result, w, b, X, y, C, expected=None, *, name: str = "svm_subgradient",
                      task: str = "svm_subgradient"):
    """``result == (g_w, g_b)`` with the points of margin ``< 1`` (strictly) counted (``expected``: the formula
    written out in the hidden tests). Hints: all points, the points on the margin counted (≤ 1), no w term, the
    sign, the mean."""
    __tracebackhide__ = True
    w, X, y, b, C = _mat(w).ravel(), _mat(X), _mat(y).ravel(), float(b), float(C)
    m = y * (X @ w + b)

    def sub(mask, sign=1.0, keep_w=True, div=1.0):
        return (w * keep_w - sign * C * (y[mask] @ X[mask]) / div, float(-sign * C * y[mask].sum() / div))
    if expected is None:
        expected = sub(m < 1.0)
    gw_e, gb_e = _mat(expected[0]).ravel(), float(expected[1])
    raw_gw, raw_gb = check_tuple(result, 2, name=name, task=task)
    cands = [(sub(np.ones(y.size, bool)), "sub_all_points"), (sub(m <= 1.0), "sub_at_margin"),
             (sub(m < 1.0, keep_w=False), "sub_no_w"), (sub(m < 1.0, sign=-1.0), "sub_sign"),
             (sub(m < 1.0, div=y.size), "sub_mean")]
    mag = float(np.max(np.abs(w), initial=0.0)) + C * float(np.abs(X).sum(axis=0).max(initial=0.0))
    gw = check_array(raw_gw, gw_e, name=name + " → g_w", scale=max(1.0, mag),
                     mistakes=[(c[0], _h(k)) for c, k in cands], task=task)
    rtol, atol = tolerance(raw_gb, scale=max(1.0, C * y.size))
    t = type(raw_gb)
    if issubclass(t, (int, float, np.integer, np.floating, np.ndarray)) and not issubclass(t, bool) \
            and np.size(raw_gb) == 1:
        v = float(np.asarray(raw_gb, dtype=float).reshape(-1)[0])
        if abs(v - gb_e) > atol + rtol * abs(gb_e):
            for c, key in cands:
                if abs(v - c[1]) <= atol + rtol * abs(c[1]) and abs(c[1] - gb_e) > atol + rtol * abs(gb_e):
                    fail(f"{name} → g_b: " + _h(key), task)
    gb = check_scalar(raw_gb, gb_e, name=name + " → g_b", rtol=rtol, atol=atol, task=task)
    return gw, gb


def svm_subgradient(fn) -> None:
    """Visible checks of ``svm_subgradient(w, b, X, y, C)``: points inside, beyond and exactly on the margin."""
    __tracebackhide__ = True
    task = name = "svm_subgradient"
    # by hand, integers: margins 2 (beyond), 1 (exactly on the margin: contributes 0), 0 and −1 (inside)
    X = _array([[2.0, 1.0], [1.0, 0.0], [0.0, 3.0], [1.0, 2.0]])
    y = _array([1.0, 1.0, -1.0, -1.0])
    w = _array([1.0, 0.0])
    judge_subgradient(call(fn, w, 0.0, X, y, 1.0, name=name, task=task), w, 0.0, X, y, 1.0,
                      ([1.0 + 1.0, 0.0 + 5.0], 2.0), name=name, task=task)
    rng = _rng(41)
    Xi = rng.integers(-3, 4, size=(30, 3)).astype(float)
    yi = np.where(rng.random(30) < 0.5, -1.0, 1.0)
    wi, bi = _array([1.0, -1.0, 0.0]), 1.0
    judge_subgradient(call(fn, wi, bi, Xi, yi, 0.5, name=name, task=task), wi, bi, Xi, yi, 0.5, name=name, task=task)
    Xr = rng.normal(size=(50, 4))
    yr = np.where(Xr[:, 0] + 0.3 * rng.normal(size=50) > 0, 1.0, -1.0)
    for wr, br, C in ((rng.normal(size=4), 0.3, 1.0), (np.zeros(4), 0.0, 0.1), (5 * rng.normal(size=4), -1.0, 2.0)):
        judge_subgradient(call(fn, wr, br, Xr, yr, C, name=name, task=task), wr, br, Xr, yr, C, name=name, task=task)
    judge_subgradient(_friendly(call, fn, wi.tolist(), 1, Xi.astype(int).tolist(), yi.astype(int).tolist(), 1,
                                name=name, task=task), wi, 1.0, Xi, yi, 1.0, name=name, task=task)
    _svm_bad_inputs(fn, name=name, task=task)
    passed(name)


# ============================================================================ 5. subgradient descent
def judge_train(result, X, y, C, optimum=None, *, rtol: float = TRAIN_RTOL, name: str = "svm_train",
                task: str = "svm_train"):
    """``result == (w, b)`` whose primal objective is within relative ``rtol`` of the optimum ``optimum`` (the
    hidden tests: the objective of ``SVC(kernel="linear", C, tol=1e-6)``'s solution; default: the module's
    certified interior-point solver :func:`.maths.svm_exact`). Never compares iterates. Hints: b never updated,
    the gap with what to check."""
    __tracebackhide__ = True
    X, y, C = _mat(X), _mat(y).ravel(), float(C)
    d = X.shape[1]
    if optimum is None:
        we, be, _ = _m.svm_exact(X, y, C)
        optimum = primal(we, be, X, y, C)
    raw_w, raw_b = check_tuple(result, 2, name=name, task=task)
    w = as_float_array(raw_w, name + " → w", (d,), task)
    if w.shape != (d,):
        check_array(raw_w, np.zeros(d), name=name + " → w", task=task)
    if not np.all(np.isfinite(w)):
        check_array(raw_w, np.zeros(d), name=name + " → w", task=task)
    b = check_scalar(raw_b, 0.0, name=name + " → b", rtol=np.inf, atol=np.inf, task=task)
    got = primal(w, b, X, y, C)
    eps_r, _ = tolerance(eps=precision(raw_w, raw_b))
    allowed = (rtol + eps_r) * abs(optimum)
    if got - optimum > allowed:
        if b == 0.0:
            fail(f"{name}: " + _h("train_bias_fixed"), task)
        fail(f"{name}: " + _h("train_gap", got=_fmt(got), best=_fmt(optimum), gap=(got - optimum) / abs(optimum),
                              tol=rtol), task)
    return w, b


def judge_accuracy(w, b, X_test, y_test, correct_best, *, slack: int = ACCURACY_SLACK, name: str = "svm_train",
                   task: str = "svm_train") -> int:
    """The trained ``(w, b)`` classifies held-out points correctly at most ``slack`` times fewer than the optimum
    (``correct_best``: how many it gets right)."""
    __tracebackhide__ = True
    Xt, yt = _mat(X_test), _mat(y_test).ravel()
    right = int(np.sum(np.sign(Xt @ _mat(w).ravel() + float(b)) == yt))
    if right < int(correct_best) - slack:
        fail(f"{name}: " + _h("train_accuracy", got=right, n=yt.size, best=int(correct_best)), task)
    return right


def svm_train(fn, svm_subgradient=None, svm_objective=None) -> None:
    """Visible checks of ``svm_train(X, y, C, n_iter=1000, eta0=0.1)`` (the student's ``svm_subgradient`` and
    ``svm_objective`` replaced by the references while it runs)."""
    __tracebackhide__ = True
    task = name = "svm_train"
    uses = ("svm_subgradient", "svm_objective")
    # wine, cultivar 0 vs 1, alcohol and proline standardized (the lecture's widget)
    from .data import svm_pair
    X, y = svm_pair()
    Z = (X - X.mean(axis=0)) / X.std(axis=0)
    judge_train(call_built(fn, Z, y, 0.5, uses=uses, name=name, task=task), Z, y, 0.5, name=name, task=task)
    rng = _rng(51)
    A = rng.normal(size=(90, 3))
    s = A @ _array([1.0, -0.5, 0.2]) + 0.4 * rng.normal(size=90)
    yA = np.where(s > np.quantile(s, 0.7), 1.0, -1.0)             # unbalanced: the optimal b is far from 0
    judge_train(call_built(fn, A, yA, 0.2, uses=uses, name=name, task=task), A, yA, 0.2, name=name, task=task)
    judge_train(_friendly(call_built, fn, A.tolist(), yA.astype(int).tolist(), 0.2, uses=uses, name=name, task=task),
                A, yA, 0.2, name=name, task=task)
    expect_raises_built(fn, A, yA * 2, 0.2, uses=uses, why=_h("bad_labels"), name=name, task=task)
    expect_raises_built(fn, A, yA, 0.0, uses=uses, why=_h("bad_C"), name=name, task=task)
    expect_raises_built(fn, A, yA, 0.2, 0, uses=uses, why=_h("bad_schedule"), name=name, task=task)
    expect_raises_built(fn, A, yA, 0.2, 100, 0.0, uses=uses, why=_h("bad_schedule"), name=name, task=task)
    passed(name)


# ============================================================================ 6. distances and margin width
def judge_geometry(result, X, w, b, expected=None, *, name: str = "hyperplane_geometry",
                   task: str = "hyperplane_geometry"):
    """``result == (|Xw + b|/‖w‖, 2/‖w‖)`` (``expected``: the formula written out in the hidden tests). Hints: a signed
    distance, not divided by ‖w‖ or divided by ‖w‖², the width 1/‖w‖ or 2/‖w‖²."""
    __tracebackhide__ = True
    X, w, b = _mat(X), _mat(w).ravel(), float(b)
    nw = float(np.sqrt(w @ w))
    s = X @ w + b
    if expected is None:
        expected = (np.abs(s) / nw, 2.0 / nw)
    d_e, width_e = _mat(expected[0]).ravel(), float(expected[1])
    raw_d, raw_width = check_tuple(result, 2, name=name, task=task)
    mag = float(np.max(np.abs(X) @ np.abs(w) + abs(b), initial=1.0)) / nw
    dist = check_array(raw_d, d_e, name=name + " → distances", scale=max(1.0, mag),
                       mistakes=[(s / nw, _h("dist_signed")), (np.abs(s), _h("dist_not_normalized")),
                                 (np.abs(s) / nw ** 2, _h("dist_squared_norm")), (s, _h("dist_signed"))],
                       task=task)
    rtol, atol = tolerance(raw_width, scale=max(1.0, width_e))
    t = type(raw_width)
    if issubclass(t, (int, float, np.integer, np.floating)) and not issubclass(t, bool):
        v = float(raw_width)
        for cand, key in ((1.0 / nw, "width_half"), (2.0 / nw ** 2, "width_squared")):
            if abs(v - width_e) > atol + rtol * width_e and abs(v - cand) <= atol + rtol * cand \
                    and abs(cand - width_e) > atol + rtol * width_e:
                fail(f"{name} → margin_width: " + _h(key), task)
    width = check_scalar(raw_width, width_e, name=name + " → margin_width", rtol=rtol, atol=atol, task=task)
    return dist, width


def hyperplane_geometry(fn) -> None:
    """Visible checks of ``hyperplane_geometry(X, w, b)``."""
    __tracebackhide__ = True
    task = name = "hyperplane_geometry"
    # by hand: w = (3, 4), ‖w‖ = 5, b = −5: the line 3x + 4y = 5
    X = _array([[0.0, 0.0], [3.0, 4.0], [-1.0, 2.0]])
    w = _array([3.0, 4.0])
    judge_geometry(call(fn, X, w, -5.0, name=name, task=task), X, w, -5.0, ([1.0, 4.0, 0.0], 0.4), name=name,
                   task=task)
    rng = _rng(61)
    R = rng.normal(size=(25, 4)) * 3
    for wr, br in ((rng.normal(size=4), 0.5), (0.01 * rng.normal(size=4), -0.02), (50 * rng.normal(size=4), 3.0)):
        judge_geometry(call(fn, R, wr, br, name=name, task=task), R, wr, br, name=name, task=task)
    judge_geometry(_friendly(call, fn, X.astype(int).tolist(), [3, 4], -5, name=name, task=task), X, w, -5.0,
                   name=name, task=task)
    expect_raises(fn, X, np.zeros(2), 1.0, why=_h("w_zero"), name=name, task=task)
    expect_raises(fn, X, _array([1.0, 2.0, 3.0]), 1.0, why=_h("shapes"), name=name, task=task)
    passed(name)


# ============================================================================ 7. batch normalization
def _bn_expected(x, gamma, beta, rm, rv, training, momentum, eps):
    n = x.shape[0]
    if not training:
        return gamma * (x - rm) / np.sqrt(rv + eps) + beta, rm, rv
    mu, var = x.mean(axis=0), x.var(axis=0)
    return (gamma * (x - mu) / np.sqrt(var + eps) + beta, (1 - momentum) * rm + momentum * mu,
            (1 - momentum) * rv + momentum * var * n / (n - 1))


def judge_batch_norm(result, x, gamma, beta, running_mean, running_var, training, momentum=0.1, eps=1e-5,
                     expected=None, *, name: str = "batch_norm_forward", task: str = "batch_norm_forward"):
    """``result == (out, new_running_mean, new_running_var)`` of batch normalization (``expected``: the formulas
    written out in the hidden tests). Hints: the feature axis, the unbiased variance for normalizing, the biased one
    for the running variance, momentum swapped, running statistics changed in inference mode, the wrong statistics
    for the mode, ε outside the square root."""
    __tracebackhide__ = True
    x, gamma, beta, rm, rv = (_mat(a) for a in (x, gamma, beta, running_mean, running_var))
    n, d = x.shape
    if expected is None:
        expected = _bn_expected(x, gamma, beta, rm, rv, training, momentum, eps)
    out_e, m_e, v_e = (_mat(e) for e in expected)
    raw_out, raw_m, raw_v = check_tuple(result, 3, name=name, task=task)
    mu, var = x.mean(axis=0), x.var(axis=0)
    mistakes = []
    with np.errstate(all="ignore"):
        if training:
            mistakes += [(gamma * (x - x.mean(axis=1, keepdims=True)) / np.sqrt(x.var(axis=1, keepdims=True) + eps)
                          + beta, _h("bn_feature_axis")),
                         (gamma * (x - mu) / np.sqrt(x.var(axis=0, ddof=1) + eps) + beta, _h("bn_unbiased")),
                         (gamma * (x - rm) / np.sqrt(rv + eps) + beta, _h("bn_training_running")),
                         (gamma * (x - mu) / (np.sqrt(var) + eps) + beta, _h("eps_outside"))]
        else:
            mistakes += [(gamma * (x - mu) / np.sqrt(var + eps) + beta, _h("bn_inference_batch_stats")),
                         (gamma * (x - rm) / (np.sqrt(rv) + eps) + beta, _h("eps_outside"))]
    off = _offset(x) if training else 1.0 + float(np.max(np.abs(x - rm) / np.sqrt(rv + eps), initial=0.0))
    mag = max(1.0, float(np.max(np.abs(gamma), initial=0.0)) * off + float(np.max(np.abs(beta), initial=0.0)))
    out = check_array(raw_out, out_e, name=name + " → out", cond=off, scale=mag, mistakes=mistakes, task=task)
    if not training:
        for raw, ref, what in ((raw_m, rm, "new_running_mean"), (raw_v, rv, "new_running_var")):
            got = as_float_array(raw, f"{name} → {what}", (d,), task)
            if got.shape == ref.shape and np.all(np.isfinite(got)) and not _close(got, ref, 1e-12, 1e-300):
                fail(f"{name} → {what}: " + _h("bn_inference_updates"), task)
    unb = var * n / (n - 1)
    m_mist = [(momentum * rm + (1 - momentum) * mu, _h("bn_momentum_swapped"))] if training else []
    v_mist = [((1 - momentum) * rv + momentum * var, _h("bn_running_biased")),
              (momentum * rv + (1 - momentum) * unb, _h("bn_momentum_swapped"))] if training else []
    new_m = check_array(raw_m, m_e, name=name + " → new_running_mean", cond=_offset(x),
                        scale=max(1.0, float(np.max(np.abs(x), initial=0.0))), mistakes=m_mist, task=task)
    new_v = check_array(raw_v, v_e, name=name + " → new_running_var", cond=_offset(x) ** 2,
                        scale=max(1.0, float(np.max(rv, initial=0.0))), mistakes=v_mist, task=task)
    return out, new_m, new_v


def batch_norm_forward(fn) -> None:
    """Visible checks of ``batch_norm_forward(x, gamma, beta, running_mean, running_var, training, momentum=0.1,
    eps=1e-5)``."""
    __tracebackhide__ = True
    task = name = "batch_norm_forward"
    # by hand: feature 0 is 1, 3 → mean 2, biased variance 1 (eps = 0): out −1, +1; the running variance gets the
    # unbiased 2 (momentum 0.5: 0.5·1 + 0.5·2 = 1.5)
    x = _array([[1.0, 10.0], [3.0, 14.0]])
    g, bt, rm, rv = _array([1.0, 2.0]), _array([0.0, 0.5]), _array([0.0, 0.0]), _array([1.0, 1.0])
    judge_batch_norm(call(fn, x, g, bt, rm, rv, True, 0.5, 0.0, name=name, task=task), x, g, bt, rm, rv, True, 0.5,
                     0.0, ([[-1.0, -1.5], [1.0, 2.5]], [1.0, 6.0], [1.5, 4.5]), name=name, task=task)
    rng = _rng(71)
    x = rng.normal(size=(16, 5)) * [1.0, 3.0, 0.1, 10.0, 2.0] + [0.0, 5.0, -1.0, 20.0, 2.0]
    g, bt = rng.uniform(0.5, 2.0, 5), rng.normal(size=5)
    rm, rv = rng.normal(size=5), rng.uniform(0.5, 4.0, 5)
    for training, momentum, eps in ((True, 0.1, 1e-5), (True, 0.3, 1e-3), (False, 0.1, 1e-5)):
        judge_batch_norm(call(fn, x, g, bt, rm, rv, training, momentum, eps, name=name, task=task), x, g, bt, rm, rv,
                         training, momentum, eps, name=name, task=task)
    judge_batch_norm(call(fn, x, g, bt, rm, rv, False, name=name, task=task), x, g, bt, rm, rv, False, name=name,
                     task=task)
    judge_batch_norm(_friendly(call, fn, x.tolist(), g.tolist(), bt.tolist(), rm.tolist(), rv.tolist(), True,
                               name=name, task=task), x, g, bt, rm, rv, True, name=name, task=task)
    judge_batch_norm(_friendly(call, fn, x.astype(np.float32), g, bt, rm, rv, True, name=name, task=task),
                     x.astype(np.float32), g, bt, rm, rv, True, name=name, task=task)
    expect_raises(fn, x[:1], g, bt, rm, rv, True, why=_h("small_batch"), name=name, task=task)
    expect_raises(fn, x, g[:4], bt, rm, rv, True, why=_h("shapes"), name=name, task=task)
    expect_raises(fn, x, g, bt, rm[:4], rv, False, why=_h("shapes"), name=name, task=task)
    expect_raises(fn, x[0], g, bt, rm, rv, True, why=_h("shapes"), name=name, task=task)
    passed(name)


# ============================================================================ 8. layer normalization
def judge_layer_norm(result, x, gamma, beta, eps=1e-5, expected=None, *, name: str = "layer_norm_forward",
                     task: str = "layer_norm_forward"):
    """``result`` = layer normalization of ``x`` over its last axis (``expected``: the formula written out in the
    hidden tests). Hints: the batch axis, the unbiased variance, ε outside the square root."""
    __tracebackhide__ = True
    x, gamma, beta = _mat(x), _mat(gamma), _mat(beta)
    mu, var = x.mean(axis=-1, keepdims=True), x.var(axis=-1, keepdims=True)
    if expected is None:
        expected = gamma * (x - mu) / np.sqrt(var + eps) + beta
    with np.errstate(all="ignore"):
        mistakes = [(gamma * (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps) + beta, _h("ln_batch_axis")),
                    (gamma * (x - mu) / np.sqrt(x.var(axis=-1, ddof=1, keepdims=True) + eps) + beta, _h("ln_unbiased")),
                    (gamma * (x - mu) / (np.sqrt(var) + eps) + beta, _h("eps_outside"))]
    off = _offset(x.reshape(-1, x.shape[-1]), axis=1)
    mag = max(1.0, float(np.max(np.abs(gamma), initial=0.0)) * off + float(np.max(np.abs(beta), initial=0.0)))
    return check_array(result, expected, name=name, cond=off, scale=mag, mistakes=mistakes, task=task)


def layer_norm_forward(fn) -> None:
    """Visible checks of ``layer_norm_forward(x, gamma, beta, eps=1e-5)``."""
    __tracebackhide__ = True
    task = name = "layer_norm_forward"
    # by hand: the row (1, 3) → mean 2, biased variance 1 (eps = 0) → (−1, 1); the row (10, 14) → (−1, 1) too
    x = _array([[1.0, 3.0], [10.0, 14.0]])
    judge_layer_norm(call(fn, x, _array([1.0, 2.0]), _array([0.0, 0.5]), 0.0, name=name, task=task), x,
                     [1.0, 2.0], [0.0, 0.5], 0.0, [[-1.0, 2.5], [-1.0, 2.5]], name=name, task=task)
    rng = _rng(81)
    x2 = rng.normal(size=(6, 5)) * [1.0, 3.0, 0.1, 10.0, 2.0] + [0.0, 5.0, -1.0, 20.0, 2.0]
    g, bt = rng.uniform(0.5, 2.0, 5), rng.normal(size=5)
    judge_layer_norm(call(fn, x2, g, bt, name=name, task=task), x2, g, bt, name=name, task=task)
    x3 = rng.normal(size=(3, 4, 5)) * 2.0 + 1.0
    judge_layer_norm(call(fn, x3, g, bt, 1e-3, name=name, task=task), x3, g, bt, 1e-3, name=name, task=task)
    judge_layer_norm(_friendly(call, fn, x2.tolist(), g.tolist(), bt.tolist(), name=name, task=task), x2, g, bt,
                     name=name, task=task)
    judge_layer_norm(_friendly(call, fn, x2.astype(np.float32), g, bt, name=name, task=task), x2.astype(np.float32),
                     g, bt, name=name, task=task)
    expect_raises(fn, x2, g[:4], bt, why=_h("shapes"), name=name, task=task)
    expect_raises(fn, x2, g, bt[:3], why=_h("shapes"), name=name, task=task)
    passed(name)


TASKS = (
    Task("pca_fit", ("pca_fit",), 3, "test_pca_fit", pca_fit),
    Task("pca_transform", ("pca_transform",), 2, "test_pca_transform", pca_transform),
    Task("svm_objective", ("svm_objective",), 2, "test_svm_objective", svm_objective),
    Task("svm_subgradient", ("svm_subgradient",), 3, "test_svm_subgradient", svm_subgradient),
    Task("svm_train", ("svm_train", "svm_subgradient", "svm_objective"), 3, "test_svm_train", svm_train,
         optional=("svm_subgradient", "svm_objective")),
    Task("hyperplane_geometry", ("hyperplane_geometry",), 2, "test_hyperplane_geometry", hyperplane_geometry),
    Task("batch_norm_forward", ("batch_norm_forward",), 3, "test_batch_norm_forward", batch_norm_forward),
    Task("layer_norm_forward", ("layer_norm_forward",), 2, "test_layer_norm_forward", layer_norm_forward),
)

#: the self-check of this assignment: ``check("pca_fit", globals())`` checks one task, ``check_all(globals())``
#: prints the table of all tasks (the notebook's last cell)
check, check_all = for_module(MODULE_ID)
