"""Visible checks of assignment ``01-distances`` (distances, kNN, z-scoring, Mahalanobis geometry).

Every check takes the student's function(s), runs it on small fixed examples (some taken from the
lecture), and raises :class:`fsgeom.grading.CheckFailed` with a SPECIFIC hint when the result is wrong
(a squared distance, ``ddof=1``, a scaler fitted on test data, a list instead of an array, …). On success it
prints one "✓" line. Messages are in the notebook's language (``fsgeom.i18n``).

Expected values come from small hand-checked examples or :mod:`fsgeom.metrics` (the course's reference
implementation); the hidden tests in the notebook compare against independent oracles (scipy, scikit-learn).
"""
from __future__ import annotations

import math

import numpy as np

from ... import metrics as _ref
from ...grading import (CheckFailed, call, check_array, check_labels, check_scalar, check_tuple, data_atol,
                        expect_raises, allclose, fail, passed, quiet, as_float_array)
from ...i18n import tr
from ...selfcheck import for_module
from ...tasks import Task
from . import MODULE_ID
from .maths import covariance_from_scales

__all__ = ["MODULE_ID", "TASKS", "HINTS", "check", "check_all", "pairwise_euclidean", "pairwise_manhattan", "pairwise_cosine_distance",
           "knn_predict", "zscore_fit", "zscore_transform", "scale_train_test", "pairwise_mahalanobis",
           "iso_ellipse_axes", "own_scaling", "judge_scaled", "judge_ellipse", "why"]

_array = np.array
_PI = math.pi

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
        "uk": "для сталої ознаки σ = 0, і ділення дасть inf/NaN. Домовленість (як у scikit-learn): "
              "повертайте для неї std = 1 (ознака лише центрується).",
        "en": "for a constant feature σ = 0 and dividing gives inf/NaN. The convention (as in scikit-learn): "
              "return std = 1 for it (the feature is only centred).",
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
        "uk": "схоже, ви взяли власні значення Σ⁻¹: півосі еліпса {{x : d_M(x, μ) = r}} — r·sqrt(λ) власних значень Σ.",
        "en": "it looks like you used the eigenvalues of Σ⁻¹: the semi-axes of {{x : d_M(x, μ) = r}} are r·sqrt(λ) of Σ.",
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
        "uk": "кут головної осі: очікувалось {expected:.6g} рад, отримано {got:.6g}. "
              "Кут власного вектора v = (v₁, v₂) найбільшого власного значення: np.arctan2(v₂, v₁) % π.",
        "en": "major-axis angle: expected {expected:.6g} rad, got {got:.6g}. "
              "The angle of the eigenvector v = (v₁, v₂) of the largest eigenvalue: np.arctan2(v₂, v₁) % π.",
    },
    "ellipse_case": {
        "uk": " [Σ = {cov}, r = {r}]",
        "en": " [Σ = {cov}, r = {r}]",
    },
}


def _h(key: str, **fmt) -> str:
    return tr(HINTS[key], **fmt)


def why(key: str) -> str:
    """The short description of a bad input (a :data:`HINTS` key) for ``expect_raises(..., why=...)``,
    in the notebook's language — hidden tests use it, so their messages are bilingual too."""
    return _h(key)


def _arr(rows) -> np.ndarray:
    return _array(rows, dtype=float)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _check_square_self(D, name: str, scale: float, task: str):
    """``D = f(X, X)`` must be symmetric with a zero diagonal (within a data-scaled tolerance)."""
    __tracebackhide__ = True
    D = as_float_array(D, name, task=task)
    if D.ndim != 2 or D.shape[0] != D.shape[1]:
        return
    if not np.all(np.isfinite(D)):
        return  # check_array reports it
    asym = float(np.max(np.abs(D - D.T))) if D.size else 0.0
    if asym > scale:
        fail(f"{name}: " + _h("not_symmetric", name=name, diff=asym), task)
    diag = float(np.max(np.abs(np.diag(D)))) if D.size else 0.0
    if diag > scale:
        fail(f"{name}: " + _h("diag_nonzero", name=name, value=diag), task)


# ============================================================================ distances
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
    check_array(call(fn, X, Y, name=name, task=task), expected, name=name, mistakes=mistakes,
                nan_hint=_h("sqrt_nan"), shape_hints={(2,): _h("paired_rows")}, task=task)
    # symmetric with zero diagonal, on data of the lecture's magnitude (incomes in dollars)
    C, Z = _lecture_clients()
    atol = data_atol(C, Z)
    D = call(fn, C, C, name=name, task=task)
    _check_square_self(D, name, atol, task)
    ref = _ref.pairwise_euclidean(C, C)
    check_array(D, ref, name=name + _h("large_values"), atol=atol, mistakes=[(ref ** 2, _h("squared"))],
                nan_hint=_h("sqrt_nan"), task=task)
    ref = _ref.pairwise_euclidean(C, Z)
    check_array(call(fn, C, Z, name=name, task=task), ref, name=name + _h("large_values"), atol=atol,
                mistakes=[(ref ** 2, _h("squared"))], nan_hint=_h("sqrt_nan"), task=task)
    _bad_pairs(fn, name, task)
    passed(name)


def pairwise_manhattan(fn) -> None:
    """Visible checks of ``pairwise_manhattan(X, Y)``."""
    __tracebackhide__ = True
    task = name = "pairwise_manhattan"
    X = _arr([[0.0, 0.0], [1.0, 2.0], [-1.0, 3.0]])
    Y = _arr([[0.0, 0.0], [2.0, -1.0]])
    expected = _ref.pairwise_manhattan(X, Y)
    mistakes = [(_ref.pairwise_euclidean(X, Y), _h("manhattan_is_euclid")),
                ((X[:, None, :] - Y[None, :, :]).sum(axis=2), _h("manhattan_no_abs")),
                ((Y[None, :, :] - X[:, None, :]).sum(axis=2), _h("manhattan_no_abs"))]
    check_array(call(fn, X, Y, name=name, task=task), expected, name=name, mistakes=mistakes,
                shape_hints={(2,): _h("paired_rows")}, task=task)
    rng = _rng(11)
    A, B = rng.normal(size=(5, 4)) * [1.0, 10.0, 100.0, 0.1], rng.normal(size=(3, 4))
    D = call(fn, A, A, name=name, task=task)
    _check_square_self(D, name, data_atol(A), task)
    check_array(D, _ref.pairwise_manhattan(A, A), name=name, atol=data_atol(A), task=task)
    ref = _ref.pairwise_manhattan(A, B)
    check_array(call(fn, A, B, name=name, task=task), ref, name=name, atol=data_atol(A, B),
                mistakes=[(_ref.pairwise_euclidean(A, B), _h("manhattan_is_euclid"))], task=task)
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
    check_array(call(fn, X, Y, name=name, task=task), expected, name=name, mistakes=mistakes, atol=1e-8,
                shape_hints={(3,): _h("paired_rows")}, task=task)
    rng = _rng(12)
    A, B = rng.normal(size=(5, 3)) * [1.0, 100.0, 0.01], rng.normal(size=(4, 3))
    D = call(fn, A, A, name=name, task=task)
    _check_square_self(D, name, 1e-7, task)
    check_array(D, _ref.pairwise_cosine_distance(A, A), name=name, atol=1e-7, task=task)
    ref = _ref.pairwise_cosine_distance(A, B)
    check_array(call(fn, A, B, name=name, task=task), ref, name=name, atol=1e-8,
                mistakes=[(1.0 - ref, _h("cos_similarity"))], task=task)
    _bad_pairs(fn, name, task)
    expect_raises(fn, _arr([[0.0, 0.0], [1.0, 1.0]]), Y, why=_h("zero_vector"), name=name, task=task)
    expect_raises(fn, X, _arr([[1.0, 1.0], [0.0, 0.0]]), why=_h("zero_vector_y"), name=name, task=task)
    passed(name)


# ============================================================================ kNN
def _knn_reference(X_train, y_train, X_test, k):
    return _ref.knn_predict(X_train, y_train, X_test, k)


def _knn_variants(X_train, y_train, X_test, k):
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
    got = call(fn, X_train, y_train, X_test, k, name=name, task=task)
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
    # two clusters and a class-1 point inside cluster 0: k = 1 and k = 3 disagree near it
    X_train = _arr([[0, 0], [0, 1], [1, 0], [1, 1.2], [0.55, 0.45], [5, 5], [5, 6], [6, 5], [6.5, 6.5]])
    y_train = np.array([0, 0, 0, 0, 1, 1, 1, 1, 1])
    X_test = _arr([[0.2, 0.2], [5.5, 5.5], [0.6, 0.45], [4.0, 4.0], [1.5, 1.5]])
    _check_knn_case(fn, X_train, y_train, X_test, 3, name, task)
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
    # bad input
    expect_raises(fn, X_train, y_train, X_test, 0, why=_h("knn_k_zero"), name=name, task=task)
    expect_raises(fn, X_train, y_train, X_test, 10, why=_h("knn_k_big"), name=name, task=task)
    expect_raises(fn, X_train, y_train[:-1], X_test, 3, why=_h("knn_y_len"), name=name, task=task)
    expect_raises(fn, X_train, y_train, _arr([[1.0, 2.0, 3.0]]), 3, why=_h("bad_features"), name=name, task=task)
    passed(name)


# ============================================================================ z-score
def _zfit_result(result, d, name, task):
    """Validate the ``(mean, std)`` pair returned by a fit function; return two float arrays."""
    __tracebackhide__ = True
    mean, std = check_tuple(result, 2, name=name, task=task)
    if any(isinstance(v, (float, int, np.floating, np.integer)) for v in (mean, std)):
        fail(f"{name}: " + _h("global_stats"), task)
    mean = as_float_array(mean, name + " → mean", (d,), task)
    std = as_float_array(std, name + " → std", (d,), task)
    return mean, std


def zscore_fit(fn) -> None:
    """Visible checks of ``zscore_fit(X) -> (mean, std)`` (population std, constant feature -> 1)."""
    __tracebackhide__ = True
    task = name = "zscore_fit"
    X = _arr([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0], [6.0, 30.0]])
    mu, sd = X.mean(axis=0), X.std(axis=0)
    mean, std = _zfit_result(call(fn, X, name=name, task=task), 2, name, task)
    if mean.shape == (4,) or std.shape == (4,):
        fail(f"{name}: " + _h("rows_not_cols"), task)
    if mean.shape == () or std.shape == () or mean.size == 1 or std.size == 1:
        fail(f"{name}: " + _h("global_stats"), task)
    if allclose(mean, sd) and allclose(std, mu):
        fail(f"{name}: " + _h("swapped_mean_std"), task)
    check_array(mean, mu, name=name + " → mean", shape_hints={(4,): _h("rows_not_cols")}, task=task)
    check_array(std, sd, name=name + " → std", task=task,
                mistakes=[(X.std(axis=0, ddof=1), _h("ddof1")), (sd ** 2, _h("variance")),
                          (X.var(axis=0, ddof=1), _h("ddof1") + " " + _h("variance"))],
                shape_hints={(4,): _h("rows_not_cols")})
    # lecture magnitudes, and a constant feature
    C, _ = _lecture_clients(5)
    C = np.column_stack([C, np.full(C.shape[0], 7.0)])
    mean, std = _zfit_result(call(fn, C, name=name, task=task), 3, name, task)
    check_array(mean, C.mean(axis=0), name=name + " → mean", atol=data_atol(C, factor=1e-9), task=task)
    sd = C.std(axis=0)
    if np.isfinite(std).all() and allclose(std[:2], sd[:2]) and abs(std[2] - 1.0) > 1e-12:
        fail(f"{name}: " + _h("constant_feature"), task)
    check_array(std, np.where(sd > 0, sd, 1.0), name=name + " → std", task=task,
                mistakes=[(C.std(axis=0, ddof=1), _h("ddof1"))])
    expect_raises(fn, _arr([1.0, 2.0, 3.0]), why=_h("not_2d"), name=name, task=task)
    expect_raises(fn, np.zeros((0, 3)), why=_h("empty"), name=name, task=task)
    passed(name)


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
    check_array(call(fn, X, mean, std, name=name, task=task), expected, name=name, mistakes=mistakes, task=task)
    C, _ = _lecture_clients(6)
    m, s = _arr([50.0, 40_000.0]), _arr([20.0, 25_000.0])
    check_array(call(fn, C, m, s, name=name, task=task), (C - m) / s, name=name, task=task)
    expect_raises(fn, X, _arr([1.0, 2.0, 3.0]), std, why=_h("params_mismatch"), name=name, task=task)
    expect_raises(fn, X, mean, _arr([1.0, 0.0]), why=_h("zero_std"), name=name, task=task)
    expect_raises(fn, _arr([1.0, 2.0]), mean, std, why=_h("not_2d"), name=name, task=task)
    passed(name)


def _pop_fit(X):
    sd = X.std(axis=0)
    return X.mean(axis=0), np.where(sd > 0, sd, 1.0)


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
            mean, std = check_tuple(call(zscore_fit, X_train), 2)
            mean = as_float_array(mean, "mean")
            std = as_float_array(std, "std")
            mu, sd = _pop_fit(X_train)
            sd1 = X_train.std(axis=0, ddof=1) if X_train.shape[0] > 1 else sd
            if mean.shape != mu.shape or std.shape != sd.shape:
                return []
            if not allclose(mean, mu, atol=data_atol(X_train, factor=1e-9)):
                return []
            if not (allclose(std, sd) or allclose(std, np.where(sd1 > 0, sd1, 1.0))):
                return []
            A = as_float_array(call(zscore_transform, X_train, mean, std), "A")
            B = as_float_array(call(zscore_transform, X_test, mean, std), "B")
    except Exception:  # noqa: BLE001 - unusable helpers: judge against the reference only
        return []
    return [(A, B)]


def judge_scaled(result, X_train, X_test, targets, name: str = "scale_train_test", task: str = "scale_train_test"):
    """Check ``result == (X_train_scaled, X_test_scaled)`` for ANY of the acceptable ``targets`` (pairs of
    arrays); on failure diagnose leakage, unscaled parts, swapped order or ddof=1 with a specific hint."""
    __tracebackhide__ = True
    X_train = _array(X_train, dtype=float)
    X_test = _array(X_test, dtype=float)
    A, B = check_tuple(result, 2, name=name, task=task)
    A = as_float_array(A, name + " → X_train_scaled", X_train.shape, task)
    B = as_float_array(B, name + " → X_test_scaled", X_test.shape, task)
    if A.shape == X_test.shape and B.shape == X_train.shape and A.shape != B.shape:
        fail(f"{name}: " + _h("swapped_train_test"), task)
    for ta, tb in targets:
        ta, tb = _array(ta, dtype=float), _array(tb, dtype=float)
        if A.shape == ta.shape and B.shape == tb.shape and allclose(A, ta, atol=1e-8) and allclose(B, tb, atol=1e-8):
            return A, B
    mu, sd = _pop_fit(X_train)
    mt, st = _pop_fit(X_test)
    mb, sb = _pop_fit(np.concatenate([X_train, X_test]))
    diagnoses = [(B, (X_test - mt) / st, "leak_test_own"), (A, (X_train - mb) / sb, "leak_concat"),
                 (B, (X_test - mb) / sb, "leak_concat"), (A, X_train, "train_unscaled"), (B, X_test, "test_unscaled")]
    if X_test.shape[0] > 1:
        diagnoses.append((B, (X_test - mt) / X_test.std(axis=0, ddof=1), "leak_test_own"))
    if X_train.shape[0] > 1:
        diagnoses.append((A, (X_train - mu) / X_train.std(axis=0, ddof=1), "scale_ddof1"))
    for got, cand, key in diagnoses:
        if got.shape == cand.shape and allclose(got, cand, atol=1e-8):
            fail(f"{name}: " + _h(key), task)
    ta, tb = targets[0]
    check_array(A, ta, name=name + " → X_train_scaled", atol=1e-8, task=task)
    check_array(B, tb, name=name + " → X_test_scaled", atol=1e-8, task=task)
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
    mu, sd = _pop_fit(X_train)
    targets = [((X_train - mu) / sd, (X_test - mu) / sd)] + own_scaling(zscore_fit, zscore_transform, X_train, X_test)
    uses = (zscore_fit, zscore_transform)      # a forbidden call inside them is charged to their own tasks
    judge_scaled(call(fn, X_train, X_test, name=name, task=task, uses=uses), X_train, X_test, targets, name, task)
    expect_raises(fn, X_train, _arr([[1.0, 2.0, 3.0]]), why=_h("bad_features"), name=name, task=task, uses=uses)
    passed(name)


# ============================================================================ Mahalanobis
def _bad_cov(fn, name, task):
    __tracebackhide__ = True
    X = _arr([[0.0, 0.0], [1.0, 2.0]])
    Y = _arr([[1.0, 1.0]])
    expect_raises(fn, X, Y, _arr([[2.0, 0.5], [0.0, 1.0]]), why=_h("cov_not_symmetric"), name=name, task=task)
    expect_raises(fn, X, Y, _arr([[1.0, 1.0], [1.0, 1.0]]), why=_h("cov_singular"), name=name, task=task)
    expect_raises(fn, X, Y, np.eye(3), why=_h("cov_wrong_size"), name=name, task=task)
    expect_raises(fn, X, _arr([[1.0, 1.0, 1.0]]), np.eye(2), why=_h("bad_features"), name=name, task=task)


def pairwise_mahalanobis(fn) -> None:
    """Visible checks of ``pairwise_mahalanobis(X, Y, cov)``."""
    __tracebackhide__ = True
    task = name = "pairwise_mahalanobis"
    # the lecture's covariance: variances 1 and 10 000
    cov = np.diag([1.0, 10_000.0])
    X = _arr([[0.0, 0.0], [1.0, 100.0]])
    Y = _arr([[0.0, 0.0], [2.0, 0.0], [0.0, 200.0]])
    expected = _ref.pairwise_mahalanobis(X, Y, cov)
    with_cov = np.sqrt(np.einsum("ijk,kl,ijl->ij", X[:, None] - Y[None], cov, X[:, None] - Y[None]))
    mistakes = [(expected ** 2, _h("squared")), (_ref.pairwise_euclidean(X, Y), _h("maha_euclid")),
                (with_cov, _h("maha_used_cov"))]
    check_array(call(fn, X, Y, cov, name=name, task=task), expected, name=name, mistakes=mistakes,
                nan_hint=_h("sqrt_nan"), task=task)
    # a full (correlated) covariance
    cov = covariance_from_scales(3.0, 0.5, 0.6)
    rng = _rng(41)
    A, B = rng.normal(size=(5, 2)) * 2, rng.normal(size=(4, 2)) * 2
    expected = _ref.pairwise_mahalanobis(A, B, cov)
    diag_only = _ref.pairwise_mahalanobis(A, B, np.diag(np.diag(cov)))
    with_cov = np.sqrt(np.einsum("ijk,kl,ijl->ij", A[:, None] - B[None], cov, A[:, None] - B[None]))
    atol = 1e-6 * (1 + np.linalg.norm(np.r_[A, B], axis=1).max()) * math.sqrt(np.linalg.norm(np.linalg.inv(cov), 2))
    check_array(call(fn, A, B, cov, name=name, task=task), expected, name=name, atol=atol,
                mistakes=[(expected ** 2, _h("squared")), (diag_only, _h("maha_diag_only")),
                          (with_cov, _h("maha_used_cov")), (_ref.pairwise_euclidean(A, B), _h("maha_euclid"))],
                nan_hint=_h("sqrt_nan"), task=task)
    D = call(fn, A, A, cov, name=name, task=task)
    _check_square_self(D, name, atol, task)
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
    matched against the usual mistakes for a specific hint. Returns ``(a, b, angle)`` as floats."""
    __tracebackhide__ = True
    case = "" if cov is None else _h("ellipse_case", cov=np.array2string(np.asarray(cov), separator=", ")
                                     .replace("\n", ""), r=r)
    a_ref, b_ref, ang_ref = (float(v) for v in expected)
    a, b, ang = check_tuple(result, 3, name=name + case, task=task)
    a, b, ang = (_real(v, f"{name} → {label}", task) for label, v in (("a", a), ("b", b), ("angle", ang)))
    tol = 1e-7 * max(1.0, a_ref)

    def close(x, y):
        return abs(x - y) <= tol + 1e-7 * abs(y)

    if not (close(a, a_ref) and close(b, b_ref)):
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
                if close(a, ca) and close(b, cb):
                    fail(f"{name}{case}: " + _h(key), task)
        if close(a, b_ref) and close(b, a_ref):
            fail(f"{name}{case}: " + _h("ellipse_swapped"), task)
        fail(check_fail_text(name + " → (a, b)" + case, (a_ref, b_ref), (a, b)), task)
    if check_angle and _angle_diff(ang, ang_ref) > 1e-7:
        if _angle_diff(ang, ang_ref + _PI / 2) <= 1e-7:
            fail(f"{name}{case}: " + _h("ellipse_minor_angle"), task)
        if abs(ang) > 1e-6 and _angle_diff(math.radians(ang), ang_ref) <= 1e-7:
            fail(f"{name}{case}: " + _h("ellipse_degrees"), task)
        fail(f"{name}{case}: " + _h("ellipse_angle", expected=ang_ref, got=ang), task)
    if not _in_range(ang):
        fail(f"{name}{case}: " + _h("ellipse_range"), task)
    return a, b, ang


def _check_ellipse_case(fn, cov, r, name, task, check_angle=True):
    __tracebackhide__ = True
    w, V = np.linalg.eigh(cov)
    expected = (r * math.sqrt(w[1]), r * math.sqrt(w[0]), math.atan2(V[1, 1], V[0, 1]) % _PI)
    judge_ellipse(call(fn, cov, r, name=name, task=task), expected, cov=cov, r=r, check_angle=check_angle,
                  name=name, task=task)


def _real(value, name, task) -> float:
    """A finite real number (Python/numpy scalar or size-1 array) as float, else a friendly failure."""
    __tracebackhide__ = True
    return check_scalar(value, 0.0, name=name, rtol=0.0, atol=math.inf, task=task)


def check_fail_text(name, expected, got) -> str:
    from ...grading import message
    return message("scalar_differs", name=name, expected=_short_tuple(expected), got=_short_tuple(got))


def _short_tuple(t) -> str:
    return "(" + ", ".join(f"{float(x):.8g}" for x in t) + ")"


def iso_ellipse_axes(fn) -> None:
    """Visible checks of ``iso_ellipse_axes(cov, r) -> (a, b, angle)``."""
    __tracebackhide__ = True
    task = name = "iso_ellipse_axes"
    _check_ellipse_case(fn, np.diag([1.0, 10_000.0]), 1.0, name, task)     # the lecture: (100, 1, pi/2)
    _check_ellipse_case(fn, np.diag([4.0, 1.0]), 2.0, name, task)          # (4, 2, 0)
    _check_ellipse_case(fn, covariance_from_scales(3.0, 1.0, _PI / 6), 1.5, name, task)
    _check_ellipse_case(fn, covariance_from_scales(2.0, 0.5, 2 * _PI / 3), 1.0, name, task)
    _check_ellipse_case(fn, 2.0 * np.eye(2), 1.0, name, task, check_angle=False)  # circle: any angle
    expect_raises(fn, np.eye(3), 1.0, why=_h("cov_not_2x2"), name=name, task=task)
    expect_raises(fn, _arr([[2.0, 0.5], [0.0, 1.0]]), 1.0, why=_h("cov_not_symmetric"), name=name, task=task)
    expect_raises(fn, _arr([[1.0, 1.0], [1.0, 1.0]]), 1.0, why=_h("cov_singular"), name=name, task=task)
    expect_raises(fn, np.eye(2), 0.0, why=_h("r_nonpositive"), name=name, task=task)
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
)

#: the self-check of this assignment: ``check("pairwise_euclidean", globals())`` checks one task,
#: ``check_all(globals())`` prints the table of all tasks (the notebook's last cell)
check, check_all = for_module(MODULE_ID)
