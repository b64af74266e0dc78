"""Visible checks of assignment ``01-distances`` (distances, kNN, z-scoring, Mahalanobis geometry, whitening).

Every check takes the student's function(s), runs it on small fixed examples (some taken from the
lecture), and raises :class:`fsgeom.grading.CheckFailed` with a SPECIFIC hint when the result is wrong
(a squared distance, ``ddof=1``, a scaler fitted on test data, a list instead of an array, …). On success it
prints one "✓" line. Messages are in the notebook's language (``fsgeom.i18n``).

Expected values come from small hand-checked examples or :mod:`fsgeom.metrics` (the course's reference
implementation); the hidden tests in the notebook compare against independent oracles (scipy, scikit-learn).

Tolerances: the visible checks and the hidden tests judge a result through the same ``judge_*`` functions
below, which hand the task's conditioning to :func:`fsgeom.grading.tolerance` (the one rule: the precision the
student's result carries, times the condition number of the quantity). The stated edge-case rules are
:data:`CONSTANT_RTOL` (a constant feature) and :data:`SINGULAR_RTOL` (a singular covariance), both relative.
"""
from __future__ import annotations

import math

import numpy as np

from ... import metrics as _ref
from ...grading import (EPS_FACTOR, CheckFailed, StudentError, allclose, as_float_array, call, check_array, check_labels,
                        check_scalar, check_tuple, distinct, expect_raises, fail, passed, precision, quiet, tolerance)
from ...grading import bind_hints
from ...selfcheck import for_module
from ...tasks import Task
from . import MODULE_ID
from .maths import covariance_from_scales

__all__ = ["MODULE_ID", "TASKS", "HINTS", "CONSTANT_RTOL", "SINGULAR_RTOL", "check", "check_all",
           "pairwise_euclidean", "pairwise_manhattan", "pairwise_cosine_distance", "knn_predict", "zscore_fit",
           "zscore_transform", "scale_train_test", "pairwise_mahalanobis", "iso_ellipse_axes", "whitening_matrix",
           "judge_euclidean", "judge_manhattan", "judge_cosine", "decided_queries", "judge_zscore_fit",
           "judge_zscore_transform", "own_scaling", "judge_scaled", "judge_mahalanobis", "judge_ellipse",
           "judge_whitening", "collinear_covariance", "why"]

_array = np.array
_PI = math.pi
_EPS32 = float(np.finfo(np.float32).eps)

#: a feature whose population std is at most ``CONSTANT_RTOL * max_i |x_ij|`` counts as constant (std = 1):
#: ``np.std`` of a constant column of 0.1 is about 1e-17, not 0
CONSTANT_RTOL = 1e-10
#: a covariance whose smallest eigenvalue is at most ``SINGULAR_RTOL * λmax`` counts as singular: one computed from
#: data with a column ``a * other + b`` has ``λmin ≈ ±1e-17 · λmax``, rarely exactly 0
SINGULAR_RTOL = 1e-10

HINTS = {
    # ------------------------------------------------------------------ distances
    "squared": {
        "uk": "відстані схожі на квадрати правильних — чи не забули ви взяти квадратний корінь (np.sqrt)?",
        "en": "the distances look squared — did you forget the square root (np.sqrt)?",
    },
    "euclid_is_manhattan": {
        "uk": "це манхеттенські відстані (сума |x_i − y_i|), а потрібна евклідова: корінь із суми квадратів.",
        "en": "these are Manhattan distances (sum of |x_i − y_i|); the Euclidean one is the root of the sum of squares.",
    },
    "sqrt_nan": {
        "uk": "Якщо ви використовуєте ||x||² + ||y||² − 2⟨x, y⟩, через округлення під коренем можуть з'явитися "
              "малі від'ємні числа: обріжте їх np.maximum(…, 0) перед np.sqrt.",
        "en": "If you use ||x||² + ||y||² − 2⟨x, y⟩, rounding can leave tiny negative numbers under the root: "
              "clip them with np.maximum(…, 0) before np.sqrt.",
    },
    "paired_rows": {
        "uk": "Схоже, ви порахували відстані лише між парами X[i] і Y[i]; потрібні ВСІ пари — матриця (n, m).",
        "en": "It looks like you computed distances only between paired rows X[i] and Y[i]; ALL pairs are "
              "needed — an (n, m) matrix.",
    },
    "not_symmetric": {
        "uk": "{name}(X, X) має бути симетричною матрицею (d(x, y) = d(y, x)), а найбільша різниця D − Dᵀ = {diff:.3g}.",
        "en": "{name}(X, X) must be a symmetric matrix (d(x, y) = d(y, x)), but the largest entry of D − Dᵀ is {diff:.3g}.",
    },
    "diag_nonzero": {
        "uk": "{name}(X, X): відстань точки до самої себе має бути 0, а на діагоналі є {value:.3g}.",
        "en": "{name}(X, X): the distance from a point to itself must be 0, but the diagonal has {value:.3g}.",
    },
    "large_values": {
        "uk": " (перевірка на даних великого масштабу — доходи в доларах, як у лекції)",
        "en": " (check on large-magnitude data — incomes in dollars, as in the lecture)",
    },
    "bad_features": {
        "uk": "X і Y мають різну кількість ознак (стовпців)",
        "en": "X and Y have different numbers of features (columns)",
    },
    "manhattan_is_euclid": {
        "uk": "це евклідові відстані; манхеттенська — сума модулів різниць |x_i − y_i|, без квадратів і кореня.",
        "en": "these are Euclidean distances; the Manhattan distance is the sum of |x_i − y_i|, no squares, no root.",
    },
    "manhattan_no_abs": {
        "uk": "схоже, ви забули модуль: потрібна сума |x_i − y_i|, а не x_i − y_i (np.abs).",
        "en": "it looks like the absolute value is missing: sum |x_i − y_i|, not x_i − y_i (np.abs).",
    },
    "cos_similarity": {
        "uk": "це косинусна ПОДІБНІСТЬ cos θ; косинусна відстань — 1 − cos θ.",
        "en": "this is the cosine SIMILARITY cos θ; the cosine distance is 1 − cos θ.",
    },
    "cos_unnormalized": {
        "uk": "скалярний добуток не поділено на норми: d = 1 − ⟨x, y⟩ / (‖x‖·‖y‖).",
        "en": "the dot product is not divided by the norms: d = 1 − ⟨x, y⟩ / (‖x‖·‖y‖).",
    },
    "cos_angle": {
        "uk": "ви повернули кут θ (arccos); косинусна відстань з лекції — 1 − cos θ, без arccos.",
        "en": "you returned the angle θ (arccos); the lecture's cosine distance is 1 − cos θ, no arccos.",
    },
    "zero_vector": {
        "uk": "рядок X[0] — нульовий вектор: кут з ним не визначений",
        "en": "row X[0] is the zero vector: the angle to it is undefined",
    },
    "zero_vector_y": {
        "uk": "рядок Y[1] — нульовий вектор: кут з ним не визначений",
        "en": "row Y[1] is the zero vector: the angle to it is undefined",
    },
    "arraylike": {
        "uk": "Вхідні дані можуть бути списками або цілочисельними масивами: перетворіть їх на масиви дійсних чисел "
              "на початку функції (np.asarray з dtype=float).",
        "en": "The inputs may be lists or integer arrays: turn them into float arrays at the start of the function "
              "(np.asarray with dtype=float).",
    },
    "not_2d": {
        "uk": "вхід одновимірний, а потрібна матриця (n_samples, n_features)",
        "en": "the input is 1-D, but a matrix (n_samples, n_features) is required",
    },
    # ------------------------------------------------------------------ kNN
    "knn_k1": {
        "uk": "схоже, голосує лише найближчий сусід (k = 1); візьміть більшість серед k найближчих.",
        "en": "it looks like only the nearest neighbour votes (k = 1); take the majority among the k nearest.",
    },
    "knn_farthest": {
        "uk": "схоже, ви взяли k НАЙДАЛЬШИХ точок: сортуйте відстані за зростанням (np.argsort).",
        "en": "it looks like you took the k FARTHEST points: sort distances in ascending order (np.argsort).",
    },
    "knn_indices": {
        "uk": "повертайте мітки з y_train, а не індекси сусідів чи номери класів.",
        "en": "return labels taken from y_train, not neighbour indices or class numbers.",
    },
    "knn_k_zero": {"uk": "k = 0", "en": "k = 0"},
    "knn_k_big": {"uk": "k більше за кількість навчальних точок", "en": "k is larger than the number of training points"},
    "knn_y_len": {"uk": "довжина y_train не дорівнює кількості рядків X_train",
                  "en": "the length of y_train differs from the number of rows of X_train"},
    # ------------------------------------------------------------------ z-score
    "ddof1": {
        "uk": "ваше std обчислено з ddof=1 (вибіркове, ділення на n − 1); у лекції — формула для генеральної "
              "сукупності: σ² = (1/n)·Σ(x − μ)², тобто ddof=0 (як у np.std за замовчуванням і в StandardScaler).",
        "en": "your std uses ddof=1 (sample, dividing by n − 1); the lecture uses the population formula "
              "σ² = (1/n)·Σ(x − μ)², i.e. ddof=0 (np.std's default and StandardScaler's choice).",
    },
    "variance": {
        "uk": "це дисперсія σ², а потрібне стандартне відхилення σ (корінь).",
        "en": "this is the variance σ²; the standard deviation σ (its square root) is needed.",
    },
    "rows_not_cols": {
        "uk": "статистики рахуються для кожної ОЗНАКИ, тобто по стовпцях: axis=0.",
        "en": "the statistics are per FEATURE, i.e. per column: axis=0.",
    },
    "swapped_mean_std": {
        "uk": "порядок результату: спершу mean, потім std.",
        "en": "the order of the result is mean first, then std.",
    },
    "global_stats": {
        "uk": "одне число на всю матрицю; потрібен вектор — по одному значенню на кожну ознаку (axis=0).",
        "en": "one number for the whole matrix; a vector is needed — one value per feature (axis=0).",
    },
    "constant_feature": {
        "uk": "для сталої ознаки σ = 0, але через округлення np.std сталого стовпця дає ≈ 1e-17, а не рівно 0 "
              "(тож перевірка std == 0 її пропускає). Правило (як у scikit-learn): σⱼ ≤ 10⁻¹⁰ · maxᵢ|xᵢⱼ| вважаємо "
              "нулем — для такої ознаки повертайте std = 1 (вона лише центрується).",
        "en": "for a constant feature σ = 0, but rounding makes np.std of a constant column ≈ 1e-17, not exactly 0 "
              "(so a check std == 0 misses it). The rule (as in scikit-learn): σⱼ ≤ 10⁻¹⁰ · maxᵢ|xᵢⱼ| counts as 0 "
              "— return std = 1 for such a feature (it is only centred).",
    },
    "nearly_constant": {
        "uk": "ознака {j} майже стала, але справжня (σ = {sigma:.3g}, а 10⁻¹⁰ · max|x| = {bound:.3g}): вона має "
              "зберегти своє σ, а ви повернули std = 1. Поріг сталої ознаки відносний і малий: σⱼ ≤ 10⁻¹⁰ · maxᵢ|xᵢⱼ|.",
        "en": "feature {j} is nearly constant but real (σ = {sigma:.3g}, while 10⁻¹⁰ · max|x| = {bound:.3g}): it must "
              "keep its σ, but you returned std = 1. The threshold for a constant feature is relative and small: "
              "σⱼ ≤ 10⁻¹⁰ · maxᵢ|xᵢⱼ|.",
    },
    "empty": {"uk": "X не має жодного рядка", "en": "X has no rows"},
    "transform_multiplied": {
        "uk": "схоже, ви помножили на std замість ділення: x' = (x − μ) / σ.",
        "en": "it looks like you multiplied by std instead of dividing: x' = (x − μ) / σ.",
    },
    "transform_variance": {
        "uk": "схоже, ви поділили на σ² замість σ.",
        "en": "it looks like you divided by σ² instead of σ.",
    },
    "transform_refit": {
        "uk": "ви заново обчислили середнє і std з самого X; використайте передані mean і std "
              "(вони вивчені на навчальних даних).",
        "en": "you recomputed mean and std from X itself; use the mean and std passed in "
              "(they were learned on the training data).",
    },
    "transform_order": {
        "uk": "порядок операцій: спершу відняти μ, потім поділити на σ: (x − μ) / σ, а не x / σ − μ.",
        "en": "the order of operations: subtract μ first, then divide by σ: (x − μ) / σ, not x / σ − μ.",
    },
    "params_mismatch": {
        "uk": "довжина mean/std не дорівнює кількості ознак X",
        "en": "the length of mean/std differs from the number of features of X",
    },
    "zero_std": {"uk": "std містить нуль (ділення на нуль)", "en": "std contains a zero (division by zero)"},
    "leak_test_own": {
        "uk": "тестові дані масштабовано їхніми ВЛАСНИМИ статистиками — це витік інформації. "
              "Обчисліть mean і std лише на X_train (fit) і застосуйте їх до обох масивів (transform).",
        "en": "the test data were scaled with their OWN statistics — that leaks information. "
              "Fit mean and std on X_train only and apply them to both arrays (transform).",
    },
    "leak_concat": {
        "uk": "статистики обчислено на об'єднанні train і test — це витік інформації з тесту. "
              "Fit лише на X_train.",
        "en": "the statistics were fitted on train and test together — that leaks test information. "
              "Fit on X_train only.",
    },
    "train_unscaled": {
        "uk": "X_train повернуто без масштабування: трансформуйте обидва масиви.",
        "en": "X_train was returned unscaled: transform both arrays.",
    },
    "test_unscaled": {
        "uk": "X_test повернуто без масштабування: застосуйте до нього ті самі mean і std, що й до X_train.",
        "en": "X_test was returned unscaled: apply the same mean and std as for X_train.",
    },
    "swapped_train_test": {
        "uk": "порядок результату: (X_train_scaled, X_test_scaled).",
        "en": "the order of the result is (X_train_scaled, X_test_scaled).",
    },
    "scale_ddof1": {
        "uk": "X_train після масштабування має std ≠ 1: схоже на ddof=1. Використайте формулу з лекції (ddof=0).",
        "en": "the scaled X_train does not have std 1: this looks like ddof=1. Use the lecture's formula (ddof=0).",
    },
    # ------------------------------------------------------------------ Mahalanobis
    "maha_used_cov": {
        "uk": "схоже, ви помножили на Σ замість Σ⁻¹: d_M = sqrt((x − y)ᵀ Σ⁻¹ (x − y)) (np.linalg.inv або solve).",
        "en": "it looks like you multiplied by Σ instead of Σ⁻¹: d_M = sqrt((x − y)ᵀ Σ⁻¹ (x − y)) (np.linalg.inv or solve).",
    },
    "maha_euclid": {
        "uk": "це звичайні евклідові відстані: матриця коваріації не використана.",
        "en": "these are plain Euclidean distances: the covariance matrix was not used.",
    },
    "maha_diag_only": {
        "uk": "схоже, використано лише діагональ Σ (дисперсії); для недіагональної Σ потрібна повна обернена матриця.",
        "en": "it looks like only the diagonal of Σ (the variances) was used; a non-diagonal Σ needs the full inverse.",
    },
    "cov_not_symmetric": {"uk": "cov несиметрична", "en": "cov is not symmetric"},
    "cov_singular": {"uk": "cov вироджена (не має оберненої)", "en": "cov is singular (has no inverse)"},
    "cov_collinear": {
        "uk": "cov обчислено з даних, де одна ознака — це a · інша + b: вона вироджена (λmin ≈ 0 відносно λmax)",
        "en": "cov is computed from data in which one feature is a · another + b: it is singular (λmin ≈ 0 "
              "relative to λmax)",
    },
    "cov_small_units": {
        "uk": "ця cov невироджена (λmin/λmax = {ratio:.2g}), у неї лише малі одиниці виміру ({lmax:.2g}), а ваша функція "
              "викликала ValueError. Поріг виродженості має бути відносним: λmin ≤ 10⁻¹⁰ · λmax.",
        "en": "this cov is regular (λmin/λmax = {ratio:.2g}), only its units are small ({lmax:.2g}), yet your function "
              "raised ValueError. The threshold for a singular cov must be relative: λmin ≤ 10⁻¹⁰ · λmax.",
    },
    "cov_not_square": {"uk": "cov не квадратна", "en": "cov is not square"},
    "cov_wrong_size": {"uk": "cov має розмір 3×3, а дані — 2 ознаки", "en": "cov is 3×3 but the data have 2 features"},
    "cov_not_2x2": {"uk": "cov має розмір 3×3, а еліпс — двовимірний", "en": "cov is 3×3, but the ellipse is 2-D"},
    "r_nonpositive": {"uk": "r ≤ 0", "en": "r ≤ 0"},
    "not_2d_any": {"uk": "вхідний масив не двовимірний", "en": "an input array is not 2-D"},
    "zero_vector_any": {"uk": "рядок X або Y — нульовий вектор", "en": "a row of X or Y is the zero vector"},
    "cov_wrong_shape": {"uk": "cov має неправильний розмір", "en": "cov has the wrong shape"},
    # ------------------------------------------------------------------ ellipse
    "ellipse_eigenvalues": {
        "uk": "півосі — це r·sqrt(λ), а не власні значення λ самі по собі.",
        "en": "the semi-axes are r·sqrt(λ), not the eigenvalues λ themselves.",
    },
    "ellipse_no_r": {
        "uk": "півосі мають масштабуватися з r: a = r·sqrt(λ₁), b = r·sqrt(λ₂).",
        "en": "the semi-axes must scale with r: a = r·sqrt(λ₁), b = r·sqrt(λ₂).",
    },
    "ellipse_inverse": {
        "uk": "схоже, ви взяли власні значення Σ⁻¹: півосі еліпса {x : d_M(x, μ) = r} — r·sqrt(λ) власних значень Σ.",
        "en": "it looks like you used the eigenvalues of Σ⁻¹: the semi-axes of {x : d_M(x, μ) = r} are r·sqrt(λ) of Σ.",
    },
    "ellipse_swapped": {
        "uk": "a має бути БІЛЬШОЮ піввіссю (a ≥ b); np.linalg.eigh повертає власні значення за зростанням.",
        "en": "a must be the LARGER semi-axis (a ≥ b); np.linalg.eigh returns eigenvalues in ascending order.",
    },
    "ellipse_minor_angle": {
        "uk": "кут відрізняється на π/2: це напрямок МАЛОЇ осі. Потрібен власний вектор найбільшого власного значення.",
        "en": "the angle is off by π/2: this is the MINOR axis. Use the eigenvector of the largest eigenvalue.",
    },
    "ellipse_degrees": {
        "uk": "кут має бути в радіанах, а не в градусах.",
        "en": "the angle must be in radians, not degrees.",
    },
    "ellipse_range": {
        "uk": "кут правильний з точністю до π, але має лежати в [0, π): наприклад, angle % np.pi.",
        "en": "the angle is right up to π, but it must lie in [0, π): e.g. angle % np.pi.",
    },
    "ellipse_angle": {
        "uk": "кут головної осі: очікувалось {expected} рад, отримано {got}. "
              "Кут власного вектора v = (v₁, v₂) найбільшого власного значення: np.arctan2(v₂, v₁) % π.",
        "en": "major-axis angle: expected {expected} rad, got {got}. "
              "The angle of the eigenvector v = (v₁, v₂) of the largest eigenvalue: np.arctan2(v₂, v₁) % π.",
    },
    "ellipse_case": {
        "uk": " [Σ = {cov}, r = {r}]",
        "en": " [Σ = {cov}, r = {r}]",
    },
    # ------------------------------------------------------------------ whitening
    "white_variance": {
        "uk": "схоже, ви повернули Σ⁻¹: це метричний тензор (d_M² = vᵀ Σ⁻¹ v), а W — його «корінь», WᵀW = Σ⁻¹: "
              "вибілювання ділить на стандартні відхилення, а не на дисперсії.",
        "en": "it looks like you returned Σ⁻¹: that is the metric tensor (d_M² = vᵀ Σ⁻¹ v), and W is its \"square root\", "
              "WᵀW = Σ⁻¹: whitening divides by standard deviations, not by variances.",
    },
    "white_inverse": {
        "uk": "ваша W розтягує дані замість стискати: W Wᵀ = Σ (як у Σ^(1/2) чи множника Холецького L), тож вибілює "
              "обернена до неї матриця.",
        "en": "your W stretches the data instead of shrinking them: W Wᵀ = Σ (as for Σ^(1/2) or the Cholesky factor L), "
              "so it is its inverse that whitens.",
    },
    "white_diag_only": {
        "uk": "використано лише діагональ Σ (W = diag(1/σⱼ), тобто стандартизація): для недіагональної Σ кореляції "
              "не зникають, і W Σ Wᵀ ≠ I.",
        "en": "only the diagonal of Σ was used (W = diag(1/σⱼ), i.e. z-scoring): for a non-diagonal Σ the correlations "
              "remain and W Σ Wᵀ ≠ I.",
    },
    "white_transposed": {
        "uk": "ваша матриця вибілює як x ↦ Wᵀx (Wᵀ Σ W = I), а потрібно x ↦ W x (W Σ Wᵀ = I; для рядків даних — "
              "X @ W.T): поверніть транспоновану.",
        "en": "your matrix whitens as x ↦ Wᵀx (Wᵀ Σ W = I), but x ↦ W x is required (W Σ Wᵀ = I; for data rows, "
              "X @ W.T): return its transpose.",
    },
    "white_not_identity": {
        "uk": "W Σ Wᵀ має бути одиничною матрицею I, а найбільший елемент |W Σ Wᵀ − I| = {err} (допуск {tol}).",
        "en": "W Σ Wᵀ must be the identity I, but the largest entry of |W Σ Wᵀ − I| is {err} (tolerance {tol}).",
    },
    "white_distances": {
        "uk": " → евклідові відстані після вибілювання ‖W(x − y)‖ порівняно з d_M(x, y)",
        "en": " → Euclidean distances after whitening ‖W(x − y)‖ vs d_M(x, y)",
    },
}

#: ``_h(key, **fmt)``: a hint in the notebook's language; ``why(key)``: a bad input's description for the hidden tests
_h, why = bind_hints(HINTS)


def _arr(rows) -> np.ndarray:
    return _array(rows, dtype=float)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


# ============================================================================ shared helpers
def _max_row_norm(*arrays) -> float:
    """The largest Euclidean norm of a row of the given (array-like) matrices."""
    m = 0.0
    for A in arrays:
        A = _array(A, dtype=float)
        if A.size:
            m = max(m, float(np.sqrt((A.reshape(-1, A.shape[-1]) ** 2).sum(axis=1)).max()))
    return m


def _col_max(*arrays) -> np.ndarray:
    """``max_i |x_ij|`` per column over the given (array-like) matrices with the same number of columns."""
    stacked = np.concatenate([_array(A, dtype=float).reshape(-1, _array(A).shape[-1]) for A in arrays])
    return np.abs(stacked).max(axis=0) if stacked.size else np.zeros(stacked.shape[1])


def _close(a, b, rtol, atol) -> bool:
    return allclose(a, b, rtol=rtol, atol=atol)


def _call(fn, *args, name: str, task: str, uses=()):
    """:func:`fsgeom.grading.call` for inputs given as lists or integer arrays: if the function fails on them,
    the message says that inputs are array-likes."""
    __tracebackhide__ = True
    try:
        return call(fn, *args, name=name, task=task, uses=uses)
    except StudentError as exc:
        err = StudentError(exc.hint + " " + _h("arraylike"), task)
        raise err from exc.__cause__


def _check_square_self(D, name: str, atol: float, task: str):
    """``D = f(X, X)`` must be symmetric with a zero diagonal (within ``atol``)."""
    __tracebackhide__ = True
    D = as_float_array(D, name, task=task)
    if D.ndim != 2 or D.shape[0] != D.shape[1]:
        return
    if not np.all(np.isfinite(D)):
        return  # check_array reports it
    asym = float(np.max(np.abs(D - D.T))) if D.size else 0.0
    if asym > atol:
        fail(f"{name}: " + _h("not_symmetric", name=name, diff=asym), task)
    diag = float(np.max(np.abs(np.diag(D)))) if D.size else 0.0
    if diag > atol:
        fail(f"{name}: " + _h("diag_nonzero", name=name, value=diag), task)


def _eigvals(cov) -> np.ndarray:
    return np.linalg.eigvalsh(_array(cov, dtype=float))


def _mahalanobis(X, Y, cov) -> np.ndarray:
    """Reference Mahalanobis distances (Cholesky whitening, then differences): no threshold on cov's units."""
    L = np.linalg.cholesky(_arr(cov))
    Xw, Yw = np.linalg.solve(L, _arr(X).T).T, np.linalg.solve(L, _arr(Y).T).T
    return np.sqrt(((Xw[:, None, :] - Yw[None, :, :]) ** 2).sum(axis=2))


def collinear_covariance(rng: np.random.Generator, d: int, n: int | None = None) -> np.ndarray:
    """The population covariance of ``n`` random points in ``d`` features, one of which is ``a * another + b``:
    singular in exact arithmetic, while rounding leaves its smallest eigenvalue about ±1e-17·λmax (so a test
    ``λmin <= 0`` misses it about half the time). Input for the bad-input checks; exactly symmetric."""
    n = n or max(10, 3 * d)
    X = rng.normal(size=(n, d)) * 10.0 ** rng.uniform(-2, 3, size=d)
    j, k = (int(v) for v in rng.choice(d, size=2, replace=False))
    X[:, j] = rng.uniform(0.5, 3.0) * rng.choice([-1.0, 1.0]) * X[:, k] + rng.normal() * 10.0
    Xc = X - X.mean(axis=0)
    S = Xc.T @ Xc / n
    return (S + S.T) / 2


def _regular_small_units(fn, *args, cov, name: str, task: str):
    """Call ``fn`` with a regular covariance in tiny units: a ValueError there means an absolute threshold."""
    __tracebackhide__ = True
    try:
        return _call(fn, *args, name=name, task=task)
    except StudentError as exc:
        if isinstance(exc.__cause__, ValueError):
            w = _eigvals(cov)
            fail(f"{name}: " + _h("cov_small_units", ratio=w[0] / w[-1], lmax=w[-1]), task)
        raise


# ============================================================================ distances
def judge_euclidean(result, expected, X, Y, *, name: str = "pairwise_euclidean", task: str = "pairwise_euclidean",
                    mistakes=(), shape_hints=None) -> np.ndarray:
    """Euclidean distances of the rows of X and Y. Tolerance (:func:`fsgeom.grading.tolerance`): relative, plus
    the ``sqrt(eps)·|x|`` that the expansion ``||x||² + ||y||² − 2⟨x, y⟩`` loses near zero."""
    __tracebackhide__ = True
    return check_array(result, expected, name=name, root_scale=_max_row_norm(X, Y), mistakes=mistakes,
                       nan_hint=_h("sqrt_nan"), shape_hints=shape_hints, task=task)


def judge_manhattan(result, expected, X, Y, *, name: str = "pairwise_manhattan", task: str = "pairwise_manhattan",
                    mistakes=(), shape_hints=None) -> np.ndarray:
    """Manhattan distances of the rows of X and Y: each of the d differences is rounded at the data's magnitude,
    so the absolute tolerance scales with ``Σ_k max |x_k|``."""
    __tracebackhide__ = True
    return check_array(result, expected, name=name, scale=float(_col_max(X, Y).sum()), mistakes=mistakes,
                       shape_hints=shape_hints, task=task)


def judge_cosine(result, expected, X, Y, *, name: str = "pairwise_cosine_distance",
                 task: str = "pairwise_cosine_distance", mistakes=(), shape_hints=None) -> np.ndarray:
    """Cosine distances (values in [0, 2]): a sum of d products of normalized numbers, absolute error ~ d·eps."""
    __tracebackhide__ = True
    return check_array(result, expected, name=name, scale=float(max(1, _array(X).shape[-1])), mistakes=mistakes,
                       shape_hints=shape_hints, task=task)


def _bad_pairs(fn, name, task):
    """The bad-input checks shared by the pairwise distance functions."""
    __tracebackhide__ = True
    X = _arr([[1.0, 2.0], [3.0, 5.0], [0.5, -1.0]])
    expect_raises(fn, X, _arr([[1.0, 2.0, 3.0]]), why=_h("bad_features"), name=name, task=task)
    expect_raises(fn, _arr([1.0, 2.0]), X, why=_h("not_2d"), name=name, task=task)


def _lecture_clients(seed: int = 4):
    """Age (years) and income (dollars) rows as in the lecture's kNN example."""
    rng = _rng(seed)
    X = np.column_stack([rng.uniform(18, 90, 6), rng.uniform(1_000, 100_000, 6)])
    Y = np.column_stack([rng.uniform(18, 90, 4), rng.uniform(1_000, 100_000, 4)])
    return X, Y


def pairwise_euclidean(fn) -> None:
    """Visible checks of ``pairwise_euclidean(X, Y)``."""
    __tracebackhide__ = True
    task = name = "pairwise_euclidean"
    X = _arr([[0.0, 0.0], [3.0, 4.0], [1.0, 1.0]])
    Y = _arr([[0.0, 0.0], [6.0, 8.0]])
    expected = _arr([[0.0, 10.0], [5.0, 5.0], [math.sqrt(2.0), math.sqrt(74.0)]])
    manhattan = _arr([[0.0, 14.0], [7.0, 7.0], [2.0, 12.0]])
    mistakes = [(expected ** 2, _h("squared")), (manhattan, _h("euclid_is_manhattan"))]
    judge_euclidean(call(fn, X, Y, name=name, task=task), expected, X, Y, mistakes=mistakes,
                    shape_hints={(2,): _h("paired_rows")})
    # three features, given as lists of integers (array-likes): 3 = |(1, 2, 2)|, 7 = |(2, 3, 6)|
    X3, Y3 = [[0, 0, 0], [1, 2, 2], [2, 3, 6]], [[0, 0, 0], [1, 2, 2]]
    expected = _arr([[0.0, 3.0], [3.0, 0.0], [7.0, math.sqrt(18.0)]])
    judge_euclidean(_call(fn, X3, Y3, name=name, task=task), expected, X3, Y3,
                    mistakes=[(expected ** 2, _h("squared"))])
    # symmetric with zero diagonal, on data of the lecture's magnitude (incomes in dollars)
    C, Z = _lecture_clients()
    D = call(fn, C, C, name=name, task=task)
    ref = _ref.pairwise_euclidean(C, C)
    _check_square_self(D, name, tolerance(D, scale=max(1.0, ref.max()), root_scale=_max_row_norm(C))[1], task)
    judge_euclidean(D, ref, C, C, name=name + _h("large_values"), task=task, mistakes=[(ref ** 2, _h("squared"))])
    ref = _ref.pairwise_euclidean(C, Z)
    judge_euclidean(call(fn, C, Z, name=name, task=task), ref, C, Z, name=name + _h("large_values"), task=task,
                    mistakes=[(ref ** 2, _h("squared"))])
    _bad_pairs(fn, name, task)
    passed(name)


def pairwise_manhattan(fn) -> None:
    """Visible checks of ``pairwise_manhattan(X, Y)``."""
    __tracebackhide__ = True
    task = name = "pairwise_manhattan"
    X = np.array([[0, 0], [1, 2], [-1, 3]])                  # integer arrays are array-likes too
    Y = np.array([[0, 0], [2, -1]])
    expected = _ref.pairwise_manhattan(X, Y)
    Xf, Yf = _arr(X), _arr(Y)
    mistakes = [(_ref.pairwise_euclidean(X, Y), _h("manhattan_is_euclid")),
                ((Xf[:, None, :] - Yf[None, :, :]).sum(axis=2), _h("manhattan_no_abs")),
                ((Yf[None, :, :] - Xf[:, None, :]).sum(axis=2), _h("manhattan_no_abs"))]
    judge_manhattan(_call(fn, X, Y, name=name, task=task), expected, X, Y, mistakes=mistakes,
                    shape_hints={(2,): _h("paired_rows")})
    rng = _rng(11)
    A, B = rng.normal(size=(5, 4)) * [1.0, 10.0, 100.0, 0.1], rng.normal(size=(3, 4))
    D = call(fn, A, A, name=name, task=task)
    ref = _ref.pairwise_manhattan(A, A)
    _check_square_self(D, name, tolerance(D, scale=float(_col_max(A).sum()))[1], task)
    judge_manhattan(D, ref, A, A, name=name, task=task)
    ref = _ref.pairwise_manhattan(A, B)
    judge_manhattan(call(fn, A, B, name=name, task=task), ref, A, B, name=name, task=task,
                    mistakes=[(_ref.pairwise_euclidean(A, B), _h("manhattan_is_euclid"))])
    _bad_pairs(fn, name, task)
    passed(name)


def pairwise_cosine_distance(fn) -> None:
    """Visible checks of ``pairwise_cosine_distance(X, Y)``."""
    __tracebackhide__ = True
    task = name = "pairwise_cosine_distance"
    X = _arr([[1.0, 0.0], [1.0, 1.0], [3.0, 4.0]])
    Y = _arr([[2.0, 0.0], [0.0, 5.0], [-1.0, 0.0]])
    expected = _ref.pairwise_cosine_distance(X, Y)
    cos = 1.0 - expected
    mistakes = [(cos, _h("cos_similarity")), (1.0 - X @ Y.T, _h("cos_unnormalized")),
                (np.arccos(np.clip(cos, -1, 1)), _h("cos_angle"))]
    judge_cosine(_call(fn, X.tolist(), Y.tolist(), name=name, task=task), expected, X, Y, mistakes=mistakes,
                 shape_hints={(3,): _h("paired_rows")})
    rng = _rng(12)
    A, B = rng.normal(size=(5, 3)) * [1.0, 100.0, 0.01], rng.normal(size=(4, 3))
    D = call(fn, A, A, name=name, task=task)
    _check_square_self(D, name, tolerance(D, scale=3.0)[1], task)
    judge_cosine(D, _ref.pairwise_cosine_distance(A, A), A, A, name=name, task=task)
    ref = _ref.pairwise_cosine_distance(A, B)
    judge_cosine(call(fn, A, B, name=name, task=task), ref, A, B, name=name, task=task,
                 mistakes=[(1.0 - ref, _h("cos_similarity"))])
    _bad_pairs(fn, name, task)
    expect_raises(fn, _arr([[0.0, 0.0], [1.0, 1.0]]), Y, why=_h("zero_vector"), name=name, task=task)
    expect_raises(fn, X, _arr([[1.0, 1.0], [0.0, 0.0]]), why=_h("zero_vector_y"), name=name, task=task)
    passed(name)


# ============================================================================ kNN
def decided_queries(X_train, X_test, k: int) -> np.ndarray:
    """Boolean mask of the rows of ``X_test`` whose k nearest training rows are decided beyond rounding: the k-th
    and (k+1)-th smallest squared distances differ by more than float32 rounding can move them,
    ``EPS_FACTOR · eps32 · (|q|² + max |x|²)``. A correct implementation (in float32, or by the expansion trick)
    may order two nearly equidistant neighbours either way, so hidden tests grade only these queries (and only
    untied votes)."""
    A = _array(X_train, dtype=float)
    Q = _array(X_test, dtype=float)
    if k >= A.shape[0]:
        return np.ones(Q.shape[0], dtype=bool)
    d2 = np.sort(((Q[:, None, :] - A[None, :, :]) ** 2).sum(axis=2), axis=1)
    margin = EPS_FACTOR * _EPS32 * ((Q ** 2).sum(axis=1) + (A ** 2).sum(axis=1).max())
    return (d2[:, k] - d2[:, k - 1]) > margin


def _knn_reference(X_train, y_train, X_test, k):
    return _ref.knn_predict(_arr(X_train), np.asarray(y_train), _arr(X_test), k)


def _knn_variants(X_train, y_train, X_test, k):
    X_train, y_train, X_test = _arr(X_train), np.asarray(y_train), _arr(X_test)
    D = _ref.pairwise_euclidean(X_test, X_train)
    far = np.argsort(-D, axis=1, kind="stable")[:, :k]
    labels, codes = np.unique(y_train, return_inverse=True)
    votes = np.stack([np.bincount(codes[row], minlength=labels.size) for row in far])
    return {
        "knn_k1": _ref.knn_predict(X_train, y_train, X_test, 1),
        "knn_farthest": labels[votes.argmax(axis=1)],
    }


def _check_knn_case(fn, X_train, y_train, X_test, k, name, task):
    __tracebackhide__ = True
    expected = _knn_reference(X_train, y_train, X_test, k)
    got = _call(fn, X_train, y_train, X_test, k, name=name, task=task)
    try:
        return check_labels(got, expected, name=name, task=task)
    except CheckFailed as exc:
        try:
            g = _array(np.ndarray.view(got, np.ndarray), copy=True) if isinstance(got, np.ndarray) else None
        except Exception:  # noqa: BLE001
            g = None
        if g is not None and g.shape == expected.shape:
            for key, cand in _knn_variants(X_train, y_train, X_test, k).items():
                if not np.array_equal(cand, expected) and _labels_equal(g, cand):
                    fail(f"{name}: " + _h(key), task)
            if expected.dtype.kind in "US" and g.dtype.kind in "iuf":
                fail(f"{name}: " + _h("knn_indices"), task)
        fail(exc.hint, task)


def _labels_equal(a, b) -> bool:
    try:
        if a.dtype.kind in "US" or b.dtype.kind in "US":
            return bool(np.all(a.astype(str) == b.astype(str)))
        return bool(np.all(a.astype(float) == b.astype(float)))
    except (TypeError, ValueError):
        return False


def knn_predict(fn) -> None:
    """Visible checks of ``knn_predict(X_train, y_train, X_test, k)``."""
    __tracebackhide__ = True
    task = name = "knn_predict"
    # two clusters and a class-1 point inside cluster 0: k = 1 and k = 3 disagree near it (given as lists)
    X_train = _arr([[0, 0], [0, 1], [1, 0], [1, 1.2], [0.55, 0.45], [5, 5], [5, 6], [6, 5], [6.5, 6.5]])
    y_train = np.array([0, 0, 0, 0, 1, 1, 1, 1, 1])
    X_test = _arr([[0.2, 0.2], [5.5, 5.5], [0.6, 0.45], [4.0, 4.0], [1.5, 1.5]])
    _check_knn_case(fn, X_train.tolist(), y_train.tolist(), X_test.tolist(), 3, name, task)
    # string labels must come back as they are
    y_str = np.array(["low", "low", "low", "low", "high", "high", "high", "high", "high"])
    _check_knn_case(fn, X_train, y_str, X_test, 5, name, task)
    # the lecture's clients: three classes, tie-free by construction (odd k, well separated)
    rng = _rng(21)
    centers = _arr([[30, 20_000], [50, 60_000], [70, 90_000]])
    Xtr = np.concatenate([c + rng.normal(size=(12, 2)) * [5, 4_000] for c in centers])
    ytr = np.repeat([0, 1, 2], 12)
    Xte = np.concatenate([c + rng.normal(size=(4, 2)) * [5, 4_000] for c in centers])
    _check_knn_case(fn, Xtr, ytr, Xte, 5, name, task)
    # three features: the classes differ only in x3 (a kNN that reads two columns fails here)
    rng = _rng(22)
    y3 = np.repeat([0, 1], 10)
    X3 = np.column_stack([rng.uniform(0, 4, 20), rng.uniform(0, 4, 20), 3.0 * y3 + rng.normal(size=20) * 0.3])
    Xq = np.column_stack([rng.uniform(0, 4, 8), rng.uniform(0, 4, 8), np.tile([0.0, 3.0], 4)])
    _check_knn_case(fn, X3, y3, Xq, 3, name, task)
    # bad input
    expect_raises(fn, X_train, y_train, X_test, 0, why=_h("knn_k_zero"), name=name, task=task)
    expect_raises(fn, X_train, y_train, X_test, 10, why=_h("knn_k_big"), name=name, task=task)
    expect_raises(fn, X_train, y_train[:-1], X_test, 3, why=_h("knn_y_len"), name=name, task=task)
    expect_raises(fn, X_train, y_train, _arr([[1.0, 2.0, 3.0]]), 3, why=_h("bad_features"), name=name, task=task)
    passed(name)


# ============================================================================ z-score
def _fit_reference(X):
    """``(mean, std)`` by the stated rule: population std; a constant feature (σⱼ ≤ CONSTANT_RTOL · maxᵢ|xᵢⱼ|)
    gets std 1."""
    X = _array(X, dtype=float)
    sd = X.std(axis=0)
    return X.mean(axis=0), np.where(sd <= CONSTANT_RTOL * np.abs(X).max(axis=0), 1.0, sd)


def _constant_columns(X) -> np.ndarray:
    X = _array(X, dtype=float)
    return X.std(axis=0) <= CONSTANT_RTOL * np.abs(X).max(axis=0)


def _zfit_result(result, d, name, task):
    """Validate the ``(mean, std)`` pair returned by a fit function; return the raw pair and two float arrays."""
    __tracebackhide__ = True
    mean, std = check_tuple(result, 2, name=name, task=task)
    if any(isinstance(v, (float, int, np.floating, np.integer)) for v in (mean, std)):
        fail(f"{name}: " + _h("global_stats"), task)
    return (mean, std), as_float_array(mean, name + " → mean", (d,), task), as_float_array(std, name + " → std",
                                                                                         (d,), task)


def judge_zscore_fit(result, X, mean, std, *, name: str = "zscore_fit", task: str = "zscore_fit"):
    """Check ``result == (mean, std)`` for the data X (expected ``mean``, ``std`` from an oracle), with the hints
    for rows instead of columns, one global number, swapped results, ``ddof=1``, the variance, a constant feature
    that was not given std 1, and a nearly constant (real) feature that was. Tolerances: the mean and the std of
    column j are rounded at the column's magnitude, ``scale = maxᵢ|xᵢⱼ|``."""
    __tracebackhide__ = True
    X = _array(X, dtype=float)
    n, d = X.shape
    mu, sd = _array(mean, dtype=float), _array(std, dtype=float)
    (raw_mean, raw_std), m, s = _zfit_result(result, d, name, task)
    if n != d and (m.shape == (n,) or s.shape == (n,)):
        fail(f"{name}: " + _h("rows_not_cols"), task)
    if d > 1 and (m.size == 1 or s.size == 1):
        fail(f"{name}: " + _h("global_stats"), task)
    scale = _col_max(X)
    rt, at = tolerance(eps=precision(raw_mean, raw_std), scale=scale)
    if m.shape == s.shape == (d,):
        if _close(m, sd, rt, at) and _close(s, mu, rt, at) and not _close(mu, sd, rt, at):
            fail(f"{name}: " + _h("swapped_mean_std"), task)
        const = _constant_columns(X)
        if np.isfinite(s).all() and _close(s[~const], sd[~const], rt, at[~const]) \
                and not _close(s[const], 1.0, rt, at[const]):
            fail(f"{name}: " + _h("constant_feature"), task)
        for j in np.flatnonzero(~const):
            if abs(s[j] - 1.0) <= rt + at[j] and abs(sd[j] - 1.0) > 10 * (rt + at[j]) \
                    and sd[j] < 1e-3 * scale[j]:
                fail(f"{name}: " + _h("nearly_constant", j=int(j), sigma=sd[j], bound=CONSTANT_RTOL * scale[j]), task)
    check_array(m, mu, name=name + " → mean", scale=scale, like=raw_mean, shape_hints={(n,): _h("rows_not_cols")},
                task=task)
    const = _constant_columns(X)
    sd1 = np.where(const, 1.0, X.std(axis=0, ddof=1)) if n > 1 else sd
    check_array(s, sd, name=name + " → std", scale=scale, like=raw_std, task=task,
                mistakes=[(sd1, _h("ddof1")), (np.where(const, 1.0, sd ** 2), _h("variance")),
                          (np.where(const, 1.0, sd1 ** 2), _h("ddof1") + " " + _h("variance"))],
                shape_hints={(n,): _h("rows_not_cols")})
    return m, s


def zscore_fit(fn) -> None:
    """Visible checks of ``zscore_fit(X) -> (mean, std)`` (population std, constant feature -> 1)."""
    __tracebackhide__ = True
    task = name = "zscore_fit"
    X = [[1, 10], [2, 20], [3, 60], [6, 30]]                          # a list of integers is an array-like
    judge_zscore_fit(_call(fn, X, name=name, task=task), X, *_fit_reference(X), name=name, task=task)
    # lecture magnitudes, and constant features whose np.std is not exactly 0 (0.1, 1e6 + 0.3, −7.3) or is (−7.25)
    C, _ = _lecture_clients(5)
    C = np.column_stack([C[:, 0], np.full(6, 0.1), C[:, 1], np.full(6, 1e6 + 0.3), np.full(6, -7.3),
                         np.full(6, -7.25)])
    C = np.vstack([C, C[:1]])                                          # 7 rows: np.std(0.1 × 7) ≈ 1.4e-17
    judge_zscore_fit(call(fn, C, name=name, task=task), C, *_fit_reference(C), name=name, task=task)
    # nearly constant but real features keep their σ: relative spreads 1e-4 and 1e-5
    rng = _rng(51)
    N = np.column_stack([0.1 + 1e-5 * rng.normal(size=8), 1e6 + 10.0 * rng.normal(size=8), rng.normal(size=8)])
    judge_zscore_fit(call(fn, N, name=name, task=task), N, *_fit_reference(N), name=name, task=task)
    expect_raises(fn, _arr([1.0, 2.0, 3.0]), why=_h("not_2d"), name=name, task=task)
    expect_raises(fn, np.zeros((0, 3)), why=_h("empty"), name=name, task=task)
    passed(name)


def judge_zscore_transform(result, expected, X, mean, std, *, name: str = "zscore_transform",
                           task: str = "zscore_transform", mistakes=()) -> np.ndarray:
    """Check ``(X − mean) / std``: column j is rounded at ``(maxᵢ|xᵢⱼ| + |meanⱼ|) / stdⱼ``."""
    __tracebackhide__ = True
    mean, std = _array(mean, dtype=float).reshape(-1), _array(std, dtype=float).reshape(-1)
    scale = (_col_max(X) + np.abs(mean)) / np.abs(std)
    return check_array(result, expected, name=name, scale=scale, mistakes=mistakes, task=task)


def zscore_transform(fn) -> None:
    """Visible checks of ``zscore_transform(X, mean, std)`` with GIVEN parameters (not X's own)."""
    __tracebackhide__ = True
    task = name = "zscore_transform"
    X = _arr([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0]])
    mean, std = _arr([2.0, 5.0]), _arr([0.5, 4.0])
    expected = (X - mean) / std
    own = (X - X.mean(axis=0)) / X.std(axis=0)
    mistakes = [((X - mean) * std, _h("transform_multiplied")), ((X - mean) / std ** 2, _h("transform_variance")),
                (own, _h("transform_refit")), ((X - X.mean(axis=0)) / X.std(axis=0, ddof=1), _h("transform_refit")),
                (X / std - mean, _h("transform_order"))]
    judge_zscore_transform(call(fn, X, mean, std, name=name, task=task), expected, X, mean, std, mistakes=mistakes)
    # the parameters as lists, X as integers (array-likes)
    Xi = np.array([[1, 10], [2, 20], [3, 60]])
    judge_zscore_transform(_call(fn, Xi, [2.0, 5.0], [0.5, 4.0], name=name, task=task), expected, Xi, mean, std,
                           mistakes=mistakes)
    C, _ = _lecture_clients(6)
    m, s = _arr([50.0, 40_000.0]), _arr([20.0, 25_000.0])
    judge_zscore_transform(call(fn, C, m, s, name=name, task=task), (C - m) / s, C, m, s)
    expect_raises(fn, X, _arr([1.0, 2.0, 3.0]), std, why=_h("params_mismatch"), name=name, task=task)
    expect_raises(fn, X, mean, _arr([1.0, 0.0]), why=_h("zero_std"), name=name, task=task)
    expect_raises(fn, _arr([1.0, 2.0]), mean, std, why=_h("not_2d"), name=name, task=task)
    passed(name)


def own_scaling(zscore_fit, zscore_transform, X_train, X_test) -> list:
    """``[(A, B)]``: the student's OWN ``zscore_fit``/``zscore_transform`` composed correctly (fit on
    ``X_train``, transform both), or ``[]`` if they are unusable.

    Used only when the student's fit is sane — the right mean and a population OR sample std — so a ddof
    mistake (or a wrong transform) is charged to those tasks alone, while ``scale_train_test`` is judged on
    what it must do itself: fit on train only, apply to both."""
    if not (callable(zscore_fit) and callable(zscore_transform)):
        return []
    X_train = _array(X_train, dtype=float)
    X_test = _array(X_test, dtype=float)
    try:
        with quiet():
            raw_mean, raw_std = check_tuple(call(zscore_fit, X_train), 2)
            mean = as_float_array(raw_mean, "mean")
            std = as_float_array(raw_std, "std")
            mu, sd = _fit_reference(X_train)
            sd1 = np.where(_constant_columns(X_train), 1.0, X_train.std(axis=0, ddof=1)) if X_train.shape[0] > 1 else sd
            if mean.shape != mu.shape or std.shape != sd.shape:
                return []
            rt, at = tolerance(eps=precision(raw_mean, raw_std), scale=_col_max(X_train))
            if not _close(mean, mu, rt, at):
                return []
            if not (_close(std, sd, rt, at) or _close(std, sd1, rt, at)):
                return []
            A = as_float_array(call(zscore_transform, X_train, mean, std), "A")
            B = as_float_array(call(zscore_transform, X_test, mean, std), "B")
    except Exception:  # noqa: BLE001 - unusable helpers: judge against the reference only
        return []
    return [(A, B)]


def judge_scaled(result, X_train, X_test, targets, name: str = "scale_train_test", task: str = "scale_train_test"):
    """Check ``result == (X_train_scaled, X_test_scaled)`` for ANY of the acceptable ``targets`` (pairs of
    arrays); on failure diagnose leakage, unscaled parts, swapped order or ddof=1 with a specific hint.
    Tolerance: column j is rounded at ``(maxᵢ|xᵢⱼ| + |μⱼ|) / σⱼ`` (train and test together)."""
    __tracebackhide__ = True
    X_train = _array(X_train, dtype=float)
    X_test = _array(X_test, dtype=float)
    raw_a, raw_b = check_tuple(result, 2, name=name, task=task)
    A = as_float_array(raw_a, name + " → X_train_scaled", X_train.shape, task)
    B = as_float_array(raw_b, name + " → X_test_scaled", X_test.shape, task)
    if A.shape == X_test.shape and B.shape == X_train.shape and A.shape != B.shape:
        fail(f"{name}: " + _h("swapped_train_test"), task)
    mu, sd = _fit_reference(X_train)
    scale = (_col_max(X_train, X_test) + np.abs(mu)) / sd
    rt, at = tolerance(eps=precision(raw_a, raw_b), scale=scale)

    def close(got, cand):
        return got.shape == cand.shape and _close(got, cand, rt, at)

    for ta, tb in targets:
        ta, tb = _array(ta, dtype=float), _array(tb, dtype=float)
        if close(A, ta) and close(B, tb):
            return A, B
    mt, st = _fit_reference(X_test)
    mb, sb = _fit_reference(np.concatenate([X_train, X_test]))
    diagnoses = [(B, (X_test - mt) / st, "leak_test_own"), (A, (X_train - mb) / sb, "leak_concat"),
                 (B, (X_test - mb) / sb, "leak_concat"), (A, X_train, "train_unscaled"), (B, X_test, "test_unscaled")]
    if X_test.shape[0] > 1:
        diagnoses.append((B, (X_test - mt) / X_test.std(axis=0, ddof=1), "leak_test_own"))
    if X_train.shape[0] > 1:
        diagnoses.append((A, (X_train - mu) / X_train.std(axis=0, ddof=1), "scale_ddof1"))
    with np.errstate(all="ignore"):
        for got, cand, key in diagnoses:
            if close(got, cand):
                fail(f"{name}: " + _h(key), task)
    ta, tb = targets[0]
    check_array(A, ta, name=name + " → X_train_scaled", scale=scale, like=raw_a, task=task)
    check_array(B, tb, name=name + " → X_test_scaled", scale=scale, like=raw_b, task=task)
    return A, B


def scale_train_test(fn, zscore_fit=None, zscore_transform=None) -> None:
    """Visible checks of ``scale_train_test(X_train, X_test) -> (X_train_scaled, X_test_scaled)``.

    The result is accepted if it equals the reference (population std) OR the student's own
    ``zscore_fit``/``zscore_transform`` composed correctly (:func:`own_scaling`)."""
    __tracebackhide__ = True
    task = name = "scale_train_test"
    rng = _rng(31)
    X_train = np.column_stack([rng.uniform(18, 90, 8), rng.uniform(1_000, 100_000, 8)])
    X_test = np.column_stack([rng.uniform(40, 90, 5), rng.uniform(50_000, 100_000, 5)])  # shifted: leakage shows
    uses = (zscore_fit, zscore_transform)      # a forbidden call inside them is charged to their own tasks
    cases = ((X_train, X_test, call), (np.round(X_train).astype(int), np.round(X_test).astype(int).tolist(), _call))
    for A, B, caller in cases:                 # the second: integer X_train, X_test as a list (array-likes)
        mu, sd = _fit_reference(A)
        targets = [((_arr(A) - mu) / sd, (_arr(B) - mu) / sd)] + own_scaling(zscore_fit, zscore_transform, A, B)
        judge_scaled(caller(fn, A, B, name=name, task=task, uses=uses), A, B, targets, name, task)
    expect_raises(fn, X_train, _arr([[1.0, 2.0, 3.0]]), why=_h("bad_features"), name=name, task=task, uses=uses)
    passed(name)


# ============================================================================ Mahalanobis
def judge_mahalanobis(result, expected, X, Y, cov, *, name: str = "pairwise_mahalanobis",
                      task: str = "pairwise_mahalanobis", mistakes=(), shape_hints=None) -> np.ndarray:
    """Mahalanobis distances: everything goes through Σ⁻¹, so ``cond = λmax/λmin``; the expansion
    ``xᵀAx + yᵀAy − 2xᵀAy`` (A = Σ⁻¹) loses ``sqrt(eps·cond)·|x|/sqrt(λmin)`` near zero."""
    __tracebackhide__ = True
    w = _eigvals(cov)
    return check_array(result, expected, name=name, cond=w[-1] / w[0],
                       root_scale=_max_row_norm(X, Y) / math.sqrt(w[0]), mistakes=mistakes,
                       nan_hint=_h("sqrt_nan"), shape_hints=shape_hints, task=task)


def _rotation3(a: float, b: float, c: float) -> np.ndarray:
    """A 3-D rotation (about z by a, then x by b, then z by c)."""
    def rz(t):
        return _arr([[math.cos(t), -math.sin(t), 0.0], [math.sin(t), math.cos(t), 0.0], [0.0, 0.0, 1.0]])
    rx = _arr([[1.0, 0.0, 0.0], [0.0, math.cos(b), -math.sin(b)], [0.0, math.sin(b), math.cos(b)]])
    return rz(c) @ rx @ rz(a)


def _cov3() -> np.ndarray:
    """A correlated 3×3 covariance (eigenvalues 9, 1, 0.25)."""
    R = _rotation3(0.4, 0.9, -0.7)
    S = R @ np.diag([9.0, 1.0, 0.25]) @ R.T
    return (S + S.T) / 2


def _bad_cov(fn, name, task):
    __tracebackhide__ = True
    X = _arr([[0.0, 0.0], [1.0, 2.0]])
    Y = _arr([[1.0, 1.0]])
    expect_raises(fn, X, Y, _arr([[2.0, 0.5], [0.0, 1.0]]), why=_h("cov_not_symmetric"), name=name, task=task)
    expect_raises(fn, X, Y, _arr([[1.0, 1.0], [1.0, 1.0]]), why=_h("cov_singular"), name=name, task=task)
    # from data with a column a * other + b: lambda_min ~ +1e-17 lambda_max here, and Cholesky and inv succeed
    expect_raises(fn, X, Y, collinear_covariance(_rng(42), 2), why=_h("cov_collinear"), name=name, task=task)
    expect_raises(fn, X, Y, np.eye(3), why=_h("cov_wrong_size"), name=name, task=task)
    expect_raises(fn, X, _arr([[1.0, 1.0, 1.0]]), np.eye(2), why=_h("bad_features"), name=name, task=task)


def _maha_mistakes(A, B, cov, expected):
    A, B, cov = _arr(A), _arr(B), _arr(cov)
    with_cov = np.sqrt(np.einsum("ijk,kl,ijl->ij", A[:, None] - B[None], cov, A[:, None] - B[None]))
    out = [(expected ** 2, _h("squared")), (with_cov, _h("maha_used_cov")),
           (_ref.pairwise_euclidean(A, B), _h("maha_euclid"))]
    if np.count_nonzero(cov - np.diag(np.diag(cov))):
        out.append((_mahalanobis(A, B, np.diag(np.diag(cov))), _h("maha_diag_only")))
    return out


def pairwise_mahalanobis(fn) -> None:
    """Visible checks of ``pairwise_mahalanobis(X, Y, cov)``."""
    __tracebackhide__ = True
    task = name = "pairwise_mahalanobis"
    # the lecture's covariance: variances 1 and 10 000 (all three inputs as lists of integers)
    cov, X, Y = [[1, 0], [0, 10_000]], [[0, 0], [1, 100]], [[0, 0], [2, 0], [0, 200]]
    expected = _mahalanobis(X, Y, cov)
    judge_mahalanobis(_call(fn, X, Y, cov, name=name, task=task), expected, X, Y, cov,
                      mistakes=_maha_mistakes(X, Y, cov, expected))
    # a full (correlated) covariance
    cov = covariance_from_scales(3.0, 0.5, 0.6)
    rng = _rng(41)
    A, B = rng.normal(size=(5, 2)) * 2, rng.normal(size=(4, 2)) * 2
    expected = _mahalanobis(A, B, cov)
    judge_mahalanobis(call(fn, A, B, cov, name=name, task=task), expected, A, B, cov,
                      mistakes=_maha_mistakes(A, B, cov, expected))
    D = call(fn, A, A, cov, name=name, task=task)
    w = _eigvals(cov)
    _check_square_self(D, name, tolerance(D, cond=w[-1] / w[0], root_scale=_max_row_norm(A) / math.sqrt(w[0]))[1],
                       task)
    # three correlated features
    cov = _cov3()
    rng = _rng(42)
    A, B = rng.normal(size=(5, 3)) * 2, rng.normal(size=(4, 3)) * 2
    expected = _mahalanobis(A, B, cov)
    judge_mahalanobis(call(fn, A, B, cov, name=name, task=task), expected, A, B, cov,
                      mistakes=_maha_mistakes(A, B, cov, expected))
    # a regular covariance in tiny units (singular means small RELATIVE to the largest eigenvalue)
    small = 1e-12 * covariance_from_scales(3.0, 0.5, 0.6)
    A, B = A[:, :2] * 1e-6, B[:, :2] * 1e-6
    judge_mahalanobis(_regular_small_units(fn, A, B, small, cov=small, name=name, task=task),
                      _mahalanobis(A, B, small), A, B, small)
    _bad_cov(fn, name, task)
    passed(name)


# ============================================================================ ellipse
def _angle_diff(a: float, b: float) -> float:
    """Distance between two axis directions (angles modulo pi)."""
    d = (a - b) % _PI
    return min(d, _PI - d)


def _in_range(angle: float) -> bool:
    """``angle`` in [0, pi), allowing rounding at both ends (``-1e-17 % pi`` gives exactly pi)."""
    return -1e-9 <= angle <= _PI + 1e-9


def judge_ellipse(result, expected, *, cov=None, r=None, check_angle: bool = True, name: str = "iso_ellipse_axes",
                  task: str = "iso_ellipse_axes"):
    """Check ``result == (a, b, angle)`` against ``expected`` (angles compared as axis directions, i.e.
    modulo pi; the returned angle must lie in [0, pi)). With ``cov`` and ``r`` given, a wrong answer is
    matched against the usual mistakes for a specific hint. Returns ``(a, b, angle)`` as floats.

    Tolerances (:func:`fsgeom.grading.tolerance`, the result's precision): ``a`` is well conditioned; ``b`` comes
    from ``λ2`` whose rounding is relative to ``λ1``, so ``cond = λ1/λ2 = (a/b)²``; the angle of an eigenvector is
    ill-conditioned when ``λ1 ≈ λ2``: ``cond = λ1/(λ1 − λ2)``, an absolute tolerance in radians (a circle,
    ``λ1 = λ2``, has any angle)."""
    __tracebackhide__ = True
    case = "" if cov is None else _h("ellipse_case", cov=np.array2string(np.asarray(cov, dtype=float), separator=", ")
                                     .replace("\n", ""), r=r)
    a_ref, b_ref, ang_ref = (float(v) for v in expected)
    raw = check_tuple(result, 3, name=name + case, task=task)
    a, b, ang = (_real(v, f"{name} → {label}", task) for label, v in zip(("a", "b", "angle"), raw))
    eps = precision(*raw)
    ratio = (a_ref / b_ref) ** 2 if b_ref > 0 else math.inf

    def close(x, y, cond=1.0):
        rtol, atol = tolerance(eps=eps, cond=cond, scale=abs(y))
        return abs(x - y) <= atol + rtol * abs(y)

    if not (close(a, a_ref) and close(b, b_ref, ratio)):
        if cov is not None:
            w = np.linalg.eigvalsh(np.asarray(cov, dtype=float))
            candidates = [
                ((w[1], w[0]), "ellipse_eigenvalues"), ((r * r * w[1], r * r * w[0]), "ellipse_eigenvalues"),
                ((r * w[1], r * w[0]), "ellipse_eigenvalues"),
                ((math.sqrt(w[1]), math.sqrt(w[0])), "ellipse_no_r"),
                ((r / math.sqrt(w[0]), r / math.sqrt(w[1])), "ellipse_inverse"),
                ((r / math.sqrt(w[1]), r / math.sqrt(w[0])), "ellipse_inverse"),
            ]
            for (ca, cb), key in candidates:
                if close(a, ca) and close(b, cb, ratio):
                    fail(f"{name}{case}: " + _h(key), task)
        if close(a, b_ref, ratio) and close(b, a_ref):
            fail(f"{name}{case}: " + _h("ellipse_swapped"), task)
        fail(check_fail_text(name + " → (a, b)" + case, (a_ref, b_ref), (a, b)), task)
    cond = a_ref ** 2 / (a_ref ** 2 - b_ref ** 2) if a_ref > b_ref else math.inf
    tol = tolerance(eps=eps, cond=cond)[0]
    if check_angle and tol < _PI / 4 and _angle_diff(ang, ang_ref) > tol:
        if _angle_diff(ang, ang_ref + _PI / 2) <= tol:
            fail(f"{name}{case}: " + _h("ellipse_minor_angle"), task)
        if abs(ang) > 1e-6 and _angle_diff(math.radians(ang), ang_ref) <= tol:
            fail(f"{name}{case}: " + _h("ellipse_degrees"), task)
        e, g = distinct(ang_ref, ang)
        fail(f"{name}{case}: " + _h("ellipse_angle", expected=e, got=g), task)
    if not _in_range(ang):
        fail(f"{name}{case}: " + _h("ellipse_range"), task)
    return a, b, ang


def _check_ellipse_case(fn, cov, r, name, task, check_angle=True, caller=None):
    __tracebackhide__ = True
    w, V = np.linalg.eigh(_arr(cov))
    expected = (r * math.sqrt(w[1]), r * math.sqrt(w[0]), math.atan2(V[1, 1], V[0, 1]) % _PI)
    got = (caller or call)(fn, cov, r, name=name, task=task)
    judge_ellipse(got, expected, cov=cov, r=r, check_angle=check_angle, name=name, task=task)


def _real(value, name, task) -> float:
    """A finite real number (Python/numpy scalar or size-1 array) as float, else a friendly failure."""
    __tracebackhide__ = True
    return check_scalar(value, 0.0, name=name, rtol=0.0, atol=math.inf, task=task)


def check_fail_text(name, expected, got) -> str:
    from ...grading import message
    pairs = [distinct(e, g) for e, g in zip(expected, got)]
    return message("scalar_differs", name=name, expected="(" + ", ".join(e for e, _ in pairs) + ")",
                   got="(" + ", ".join(g for _, g in pairs) + ")")


def iso_ellipse_axes(fn) -> None:
    """Visible checks of ``iso_ellipse_axes(cov, r) -> (a, b, angle)``."""
    __tracebackhide__ = True
    task = name = "iso_ellipse_axes"
    _check_ellipse_case(fn, np.diag([1.0, 10_000.0]), 1.0, name, task)     # the lecture: (100, 1, pi/2)
    _check_ellipse_case(fn, [[4, 0], [0, 1]], 2, name, task, caller=_call)  # (4, 2, 0); lists and an integer r
    _check_ellipse_case(fn, covariance_from_scales(3.0, 1.0, _PI / 6), 1.5, name, task)
    _check_ellipse_case(fn, covariance_from_scales(2.0, 0.5, 2 * _PI / 3), 1.0, name, task)
    _check_ellipse_case(fn, 2.0 * np.eye(2), 1.0, name, task, check_angle=False)  # circle: any angle
    small = 1e-12 * covariance_from_scales(3.0, 1.0, _PI / 6)                       # regular, in tiny units
    _check_ellipse_case(fn, small, 1.0, name, task,
                        caller=lambda f, c, r, **kw: _regular_small_units(f, c, r, cov=c, **kw))
    expect_raises(fn, np.eye(3), 1.0, why=_h("cov_not_2x2"), name=name, task=task)
    expect_raises(fn, _arr([[2.0, 0.5], [0.0, 1.0]]), 1.0, why=_h("cov_not_symmetric"), name=name, task=task)
    expect_raises(fn, _arr([[1.0, 1.0], [1.0, 1.0]]), 1.0, why=_h("cov_singular"), name=name, task=task)
    expect_raises(fn, collinear_covariance(_rng(54), 2), 1.0, why=_h("cov_collinear"), name=name, task=task)
    expect_raises(fn, np.eye(2), 0.0, why=_h("r_nonpositive"), name=name, task=task)
    passed(name)


# ============================================================================ whitening
def judge_whitening(result, cov, X=None, Y=None, expected=None, *, name: str = "whitening_matrix",
                    task: str = "whitening_matrix") -> np.ndarray:
    """Check that ``W = result`` whitens ``cov`` -- by its properties, so that ANY whitening passes (ZCA
    ``Σ^(-1/2)``, Cholesky ``L⁻¹``, PCA ``Λ^(-1/2) Vᵀ``, or a rotation of them): ``W Σ Wᵀ = I`` and, with ``X``,
    ``Y`` and the ``expected`` Mahalanobis distances from an oracle, ``‖W(x − y)‖ = d_M(x, y)``. A failure is
    matched against the usual mistakes (``Σ⁻¹``, ``Σ^(1/2)`` or ``L``, ``diag(1/σ)``, the transpose).

    Tolerance: :func:`fsgeom.grading.tolerance` of W's precision with ``cond = λmax/λmin`` (rounding W by a
    relative ``eps`` moves ``W Σ Wᵀ`` by about ``2·eps·cond``), absolute on the entries of ``W Σ Wᵀ − I``."""
    __tracebackhide__ = True
    C = _array(cov, dtype=float)
    d = C.shape[0]
    W = check_array_shape(result, (d, d), name, task)
    w = np.linalg.eigvalsh(C)
    kappa = w[-1] / w[0]
    tol = tolerance(result, cond=kappa)[0]
    eye = np.eye(d)
    err = float(np.abs(W @ C @ W.T - eye).max())
    if not err <= tol:

        def near(M, T):
            return M.shape == T.shape and float(np.abs(M - T).max()) <= tol * float(np.abs(T).max())

        if float(np.abs(W.T @ C @ W - eye).max()) <= tol:
            fail(f"{name}: " + _h("white_transposed"), task)
        if near(W, np.linalg.inv(C)):
            fail(f"{name}: " + _h("white_variance"), task)
        if near(W @ W.T, C) or near(W.T @ W, C):
            fail(f"{name}: " + _h("white_inverse"), task)
        if np.count_nonzero(C - np.diag(np.diag(C))) and near(W, np.diag(1.0 / np.sqrt(np.diag(C)))):
            fail(f"{name}: " + _h("white_diag_only"), task)
        e, t = distinct(err, tol, least=3)
        fail(f"{name}: " + _h("white_not_identity", err=e, tol=t), task)
    if X is not None:
        Xw, Yw = _arr(X) @ W.T, _arr(Y) @ W.T
        D = np.sqrt(((Xw[:, None, :] - Yw[None, :, :]) ** 2).sum(axis=2))
        check_array(D, expected, name=name + _h("white_distances"), cond=kappa, like=result, task=task)
    return W


def check_array_shape(result, shape, name, task) -> np.ndarray:
    """A genuine numeric ndarray of ``shape`` with finite entries, as a float copy (else a friendly failure)."""
    __tracebackhide__ = True
    from ...grading import message
    A = as_float_array(result, name, shape, task)
    if A.shape != tuple(shape):
        fail(message("wrong_shape", name=name, got=A.shape, expected=tuple(shape)), task)
    if not np.all(np.isfinite(A)):
        fail(message("not_finite", name=name, count=int(A.size - np.isfinite(A).sum()), size=A.size), task)
    return A


def _check_whitening_case(fn, cov, seed, name, task, caller=None):
    __tracebackhide__ = True
    C = _arr(cov)
    rng = _rng(seed)
    root = np.linalg.cholesky(C)
    X, Y = rng.normal(size=(6, C.shape[0])) @ root.T, rng.normal(size=(5, C.shape[0])) @ root.T
    W = (caller or call)(fn, cov, name=name, task=task)
    judge_whitening(W, C, X, Y, _mahalanobis(X, Y, C), name=name, task=task)


def whitening_matrix(fn) -> None:
    """Visible checks of ``whitening_matrix(cov) -> W`` (any whitening: judged by ``W Σ Wᵀ = I`` and distances)."""
    __tracebackhide__ = True
    task = name = "whitening_matrix"
    _check_whitening_case(fn, [[4, 0], [0, 1]], 61, name, task, caller=_call)   # a list of integers
    _check_whitening_case(fn, covariance_from_scales(3.0, 0.5, 0.6), 62, name, task)
    _check_whitening_case(fn, _cov3(), 63, name, task)
    small = 1e-12 * _cov3()                                                       # regular, in tiny units
    _check_whitening_case(fn, small, 64, name, task,
                          caller=lambda f, c, **kw: _regular_small_units(f, c, cov=c, **kw))
    expect_raises(fn, np.ones((2, 3)), why=_h("cov_not_square"), name=name, task=task)
    expect_raises(fn, _arr([1.0, 2.0]), why=_h("not_2d_any"), name=name, task=task)
    expect_raises(fn, _arr([[2.0, 0.5], [0.0, 1.0]]), why=_h("cov_not_symmetric"), name=name, task=task)
    expect_raises(fn, _arr([[1.0, 1.0], [1.0, 1.0]]), why=_h("cov_singular"), name=name, task=task)
    expect_raises(fn, collinear_covariance(_rng(44), 3), why=_h("cov_collinear"), name=name, task=task)
    passed(name)


TASKS = (
    Task("pairwise_euclidean", ("pairwise_euclidean",), 2, "test_pairwise_euclidean", pairwise_euclidean),
    Task("pairwise_manhattan", ("pairwise_manhattan",), 1, "test_pairwise_manhattan", pairwise_manhattan),
    Task("pairwise_cosine_distance", ("pairwise_cosine_distance",), 2, "test_pairwise_cosine_distance",
         pairwise_cosine_distance),
    Task("knn_predict", ("knn_predict",), 2, "test_knn_predict", knn_predict),
    Task("zscore_fit", ("zscore_fit",), 2, "test_zscore_fit", zscore_fit),
    Task("zscore_transform", ("zscore_transform",), 1, "test_zscore_transform", zscore_transform),
    Task("scale_train_test", ("scale_train_test", "zscore_fit", "zscore_transform"), 2, "test_scale_train_test",
         scale_train_test, optional=("zscore_fit", "zscore_transform")),
    Task("pairwise_mahalanobis", ("pairwise_mahalanobis",), 2, "test_pairwise_mahalanobis", pairwise_mahalanobis),
    Task("iso_ellipse_axes", ("iso_ellipse_axes",), 2, "test_iso_ellipse_axes", iso_ellipse_axes),
    Task("whitening_matrix", ("whitening_matrix",), 2, "test_whitening_matrix", whitening_matrix, thinking=True),
)

#: the self-check of this assignment: ``check("pairwise_euclidean", globals())`` checks one task,
#: ``check_all(globals())`` prints the table of all tasks (the notebook's last cell)
check, check_all = for_module(MODULE_ID)
