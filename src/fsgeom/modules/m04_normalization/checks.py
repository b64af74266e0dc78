r"""Visible checks of assignment ``04-normalization`` (row normalization, cosine similarity, TF-IDF, soft-thresholding,
the Lasso objective and its coordinate descent, ridge regression in closed form).

Every check takes the student's function(s), runs it on small fixed examples, and raises
:class:`fsgeom.grading.CheckFailed` with a SPECIFIC hint when the result is wrong (columns normalized instead of
rows, NaN for a zero row, the smoothing of idf ignored, a sign error in soft-thresholding, Lasso's alpha scaled by
n, the intercept penalized in ridge, ...). On success it prints one "✓" line. Messages are in the notebook's
language (``fsgeom.i18n``).

Expected values come from small hand-checked examples or from the module's own maths (:mod:`.maths`); the hidden
tests in the notebook compare against independent oracles (``sklearn.preprocessing.normalize``,
``sklearn.metrics.pairwise.cosine_similarity``, ``TfidfTransformer``, ``Lasso(fit_intercept=False)``, ``Ridge``,
numpy formulas written differently).

Tasks that build on earlier ones (cosine similarity and TF-IDF on ``normalize_rows``, Lasso on ``soft_threshold``)
are judged with the student's earlier function REPLACED by the reference (:func:`call_built`): a mistake in
``normalize_rows`` costs task 1 only, and a forbidden call there is not charged again.

Tolerances: :func:`fsgeom.grading.tolerance` of the precision the student's result carries, times the conditioning
(``κ`` of the Gram matrix for ridge; for Lasso the accuracy its own stopping rule guarantees: after a sweep whose
largest step is at most ``tol`` a subgradient of size ``tol · Σ_k |G_jk|`` remains, so the objective is within
``‖g‖² / μ`` of the optimum and ``w`` within ``‖g‖ / μ``, ``μ = λ_min(XᵀX / n)``).
"""
from __future__ import annotations

import numpy as np

from ...grading import (StudentError, allclose, as_float_array, call, check_array, check_scalar, check_tuple,
                        expect_raises, fail, passed, precision, tolerance)
from ... import grading as _grading
from ...grading import bind_hints
from ...selfcheck import for_module
from ...tasks import Task
from . import MODULE_ID
from . import maths as _m
from .data import GUIDE_COUNTS

__all__ = ["MODULE_ID", "TASKS", "HINTS", "check", "check_all", "why", "call_built", "expect_raises_built", "REFERENCE",
           "normalize_rows", "cosine_similarity_matrix", "tfidf", "soft_threshold", "lasso_objective", "lasso_cd",
           "ridge_fit",
           "judge_normalize", "judge_cosine", "judge_tfidf", "judge_soft", "judge_objective", "lasso_accuracy",
           "judge_lasso", "judge_ridge"]

_array = np.array

HINTS = {
    # ------------------------------------------------------------------ shared bad inputs
    "not_2d": {"uk": "X не двовимірна матриця", "en": "X is not a 2-D matrix"},
    "bad_norm": {"uk": "norm не \"l1\" і не \"l2\"", "en": "norm is neither \"l1\" nor \"l2\""},
    "columns_differ": {"uk": "X і Y мають різну кількість стовпців", "en": "X and Y have different numbers of columns"},
    "negative_counts": {"uk": "counts містить від'ємне число", "en": "counts holds a negative number"},
    "plain_df_zero": {"uk": "smooth_idf=False, а один термін не трапляється в жодному документі (df = 0, ln(n/0))",
                      "en": "smooth_idf=False and a term occurs in no document (df = 0, ln(n/0))"},
    "negative_t": {"uk": "поріг t < 0", "en": "the threshold t < 0"},
    "negative_alpha": {"uk": "alpha < 0", "en": "alpha < 0"},
    "y_length": {"uk": "довжина y не дорівнює кількості рядків X",
                 "en": "the length of y differs from the number of rows of X"},
    "w_length": {"uk": "довжина w не дорівнює кількості стовпців X",
                 "en": "the length of w differs from the number of columns of X"},
    "w0_length": {"uk": "довжина w0 не дорівнює кількості стовпців X",
                  "en": "the length of w0 differs from the number of columns of X"},
    "arraylike": {
        "uk": "Вхідні дані можуть бути списками або цілочисельними масивами: перетворіть їх на масиви numpy на "
              "початку функції (np.asarray(..., dtype=float)).",
        "en": "The inputs may be lists or integer arrays: turn them into numpy arrays at the start of the function "
              "(np.asarray(..., dtype=float)).",
    },
    # ------------------------------------------------------------------ row normalization
    "normalized_columns": {
        "uk": "рядки не мають одиничної норми, а стовпці мають: ви нормалізували СТОВПЦІ (axis=0). Нормалізація "
              "рядків ділить кожен рядок (об'єкт) на його власну норму: norm обчислюють з axis=1, а ділять з "
              "keepdims=True (або [:, None]).",
        "en": "the rows are not unit length but the columns are: you normalized COLUMNS (axis=0). Row normalization "
              "divides every row (sample) by its own norm: compute the norm with axis=1 and divide with "
              "keepdims=True (or [:, None]).",
    },
    "zero_rows_nan": {
        "uk": "Нульовий рядок має норму 0, звідси 0/0 = NaN. Як у sklearn.preprocessing.normalize, нульовий рядок "
              "лишається нульовим: діліть на np.where(norm > 0, norm, 1.0).",
        "en": "A zero row has norm 0, hence 0/0 = NaN. As sklearn.preprocessing.normalize does, a zero row stays "
              "zero: divide by np.where(norm > 0, norm, 1.0).",
    },
    "wrong_norm": {
        "uk": "рядки мають одиничну норму {other}, а просили {norm}: L1 — сума модулів Σ|x_j|, L2 — корінь із "
              "суми квадратів √(Σ x_j²).",
        "en": "the rows have unit {other} norm, but {norm} was asked: L1 is the sum of absolute values Σ|x_j|, L2 "
              "the square root of the sum of squares √(Σ x_j²).",
    },
    "squared_norm": {
        "uk": "рядки поділено на КВАДРАТ L2-норми ‖x‖² = Σ x_j²; потрібно на саму норму ‖x‖ = √(Σ x_j²).",
        "en": "the rows were divided by the SQUARED L2 norm ‖x‖² = Σ x_j²; divide by the norm ‖x‖ = √(Σ x_j²) itself.",
    },
    "l1_no_abs": {
        "uk": "рядки поділено на суму Σ x_j без модулів: для від'ємних чисел вона менша за норму (навіть 0 чи "
              "від'ємна). L1-норма — Σ|x_j| (np.abs).",
        "en": "the rows were divided by the sum Σ x_j without absolute values: with negative numbers it is smaller "
              "than the norm (even 0 or negative). The L1 norm is Σ|x_j| (np.abs).",
    },
    # ------------------------------------------------------------------ cosine similarity
    "cos_raw_dot": {
        "uk": "це скалярні добутки ⟨x_i, y_j⟩ без нормалізації: косинусна подібність — скалярний добуток "
              "нормалізованих рядків, ⟨x_i/‖x_i‖, y_j/‖y_j‖⟩ (спершу normalize_rows).",
        "en": "these are dot products ⟨x_i, y_j⟩ without normalization: the cosine similarity is the dot product of "
              "the normalized rows, ⟨x_i/‖x_i‖, y_j/‖y_j‖⟩ (normalize_rows first).",
    },
    "cos_distance": {
        "uk": "це косинусна ВІДСТАНЬ 1 − cos θ; потрібна подібність cos θ.",
        "en": "this is the cosine DISTANCE 1 − cos θ; the similarity cos θ is asked.",
    },
    "cos_one_side": {
        "uk": "нормалізовано лише один бік: нормалізуйте рядки і X, і Y (коли Y = None, то Y = X).",
        "en": "only one side was normalized: normalize the rows of both X and Y (when Y is None, Y = X).",
    },
    "cos_zero_rows": {
        "uk": "Нульовий рядок не має напрямку: його подібність з усім дорівнює 0 (як у sklearn), а не NaN. Це "
              "виходить саме собою, якщо нормалізувати рядки так, що нульовий лишається нульовим.",
        "en": "A zero row has no direction: its similarity with everything is 0 (as in sklearn), not NaN. That "
              "comes by itself when the rows are normalized so that a zero row stays zero.",
    },
    "cos_none": {
        "uk": "з Y = None потрібна подібність рядків X між собою, матриця (n, n): Y = X.",
        "en": "with Y = None the similarities of the rows of X among themselves are asked, an (n, n) matrix: Y = X.",
    },
    # ------------------------------------------------------------------ TF-IDF
    "tfidf_plain_not_smooth": {
        "uk": "idf обчислено без згладжування, ln(n/df) + 1, а smooth_idf=True: потрібно ln((1 + n)/(1 + df)) + 1 "
              "(ніби є ще один документ, що містить кожен термін).",
        "en": "the idf was computed without smoothing, ln(n/df) + 1, but smooth_idf=True: it is "
              "ln((1 + n)/(1 + df)) + 1 (as if one more document held every term).",
    },
    "tfidf_smooth_not_plain": {
        "uk": "idf згладжено, ln((1 + n)/(1 + df)) + 1, а smooth_idf=False: потрібно ln(n/df) + 1.",
        "en": "the idf was smoothed, ln((1 + n)/(1 + df)) + 1, but smooth_idf=False: it is ln(n/df) + 1.",
    },
    "tfidf_not_normalized": {
        "uk": "рядки tf · idf не нормалізовано: останній крок — L2-нормалізація кожного рядка (документа).",
        "en": "the rows of tf · idf were not normalized: the last step is the L2 normalization of every row "
              "(document).",
    },
    "tfidf_no_plus_one": {
        "uk": "у idf бракує «+ 1»: idf = ln(...) + 1, інакше термін, що є в усіх документах, отримує вагу 0.",
        "en": "the idf lacks the '+ 1': idf = ln(...) + 1, otherwise a term found in every document gets weight 0.",
    },
    "tfidf_log10": {
        "uk": "idf обчислено з log10; тут (як у scikit-learn) — натуральний логарифм np.log.",
        "en": "the idf was computed with log10; here (as in scikit-learn) it is the natural logarithm np.log.",
    },
    "tfidf_columns": {
        "uk": "нормалізовано стовпці (терміни), а не рядки (документи): кожен ДОКУМЕНТ має одиничну L2-норму.",
        "en": "the columns (terms) were normalized, not the rows (documents): every DOCUMENT has unit L2 norm.",
    },
    "tfidf_empty_doc": {
        "uk": "Порожній документ (рядок нулів) має лишитися нульовим рядком, а не NaN.",
        "en": "An empty document (a row of zeros) must stay a zero row, not NaN.",
    },
    # ------------------------------------------------------------------ soft-thresholding
    "st_inverted": {
        "uk": "знак/порядок переплутано: вийшло sign(z)·max(t − |z|, 0) — ненульове всередині [−t, t] і нуль "
              "поза ним. Правильно навпаки: S_t(z) = sign(z)·max(|z| − t, 0).",
        "en": "the sign/order is mixed up: this is sign(z)·max(t − |z|, 0) — nonzero inside [−t, t] and zero outside. "
              "It is the other way round: S_t(z) = sign(z)·max(|z| − t, 0).",
    },
    "st_no_max": {
        "uk": "бракує max(·, 0): z − t·sign(z) перескакує через нуль. Значення з |z| ≤ t мають стати РІВНО 0: "
              "S_t(z) = sign(z)·max(|z| − t, 0).",
        "en": "the max(·, 0) is missing: z − t·sign(z) jumps over zero. Values with |z| ≤ t must become EXACTLY 0: "
              "S_t(z) = sign(z)·max(|z| − t, 0).",
    },
    "st_hard": {
        "uk": "це жорстке порогування z·[|z| > t]: великі значення теж треба зменшити на t, "
              "S_t(z) = sign(z)·max(|z| − t, 0).",
        "en": "this is hard thresholding z·[|z| > t]: large values must be shrunk by t as well, "
              "S_t(z) = sign(z)·max(|z| − t, 0).",
    },
    "st_one_sided": {
        "uk": "від'ємні z стали нулем: max(z − t, 0) працює лише для z > 0. Потрібен знак: "
              "S_t(z) = sign(z)·max(|z| − t, 0).",
        "en": "negative z became zero: max(z − t, 0) only works for z > 0. The sign is needed: "
              "S_t(z) = sign(z)·max(|z| − t, 0).",
    },
    "st_shape": {"uk": "результат має форму z (для числа z — одне число)",
                 "en": "the result has the shape of z (one number for a number z)"},
    # ------------------------------------------------------------------ Lasso objective
    "obj_no_half": {
        "uk": "бракує множника 1/2: перший доданок — (1/(2n))‖y − Xw‖², а не (1/n)‖y − Xw‖².",
        "en": "the factor 1/2 is missing: the first term is (1/(2n))‖y − Xw‖², not (1/n)‖y − Xw‖².",
    },
    "obj_no_n": {
        "uk": "бракує ділення на n: перший доданок — (1/(2n))‖y − Xw‖² (масштаб scikit-learn), а не ½‖y − Xw‖².",
        "en": "the division by n is missing: the first term is (1/(2n))‖y − Xw‖² (scikit-learn's scaling), not "
              "½‖y − Xw‖².",
    },
    "obj_l2": {
        "uk": "штраф квадратичний (α‖w‖², як у гребеневій регресії); у Lasso він α‖w‖₁ = α Σ|w_j|.",
        "en": "the penalty is quadratic (α‖w‖², as in ridge); Lasso's is α‖w‖₁ = α Σ|w_j|.",
    },
    "obj_no_abs": {
        "uk": "у штрафі бракує модулів: α Σ w_j; потрібно α Σ|w_j|.",
        "en": "the penalty lacks absolute values: α Σ w_j; it is α Σ|w_j|.",
    },
    # ------------------------------------------------------------------ Lasso by coordinate descent
    "lasso_alpha_n": {
        "uk": "це розв'язок задачі ½‖y − Xw‖² + α‖w‖₁ (без 1/n), тобто штраф фактично α/n. Тут мінімізують "
              "(1/(2n))‖y − Xw‖² + α‖w‖₁: поріг у кроці — α при ρ_j = x_jᵀr_j / n і знаменнику ‖x_j‖² / n.",
        "en": "this solves ½‖y − Xw‖² + α‖w‖₁ (without 1/n), i.e. the penalty is effectively α/n. Here "
              "(1/(2n))‖y − Xw‖² + α‖w‖₁ is minimized: the threshold in a step is α with ρ_j = x_jᵀr_j / n and the "
              "denominator ‖x_j‖² / n.",
    },
    "lasso_not_zero": {
        "uk": "коефіцієнт {index} мав би бути РІВНО 0 (умова оптимальності |x_jᵀr| / n < α виконується із "
              "запасом), а він {value}. Покоординатний спуск з м'яким порогуванням дає точні нулі; градієнтні "
              "методи — лише малі числа.",
        "en": "coefficient {index} should be EXACTLY 0 (the optimality condition |x_jᵀr| / n < α holds with a "
              "margin), but it is {value}. Coordinate descent with soft-thresholding gives exact zeros; gradient "
              "methods only small numbers.",
    },
    "lasso_objective_high": {
        "uk": "значення цілі {got} більше за мінімум {best} на {gap}, більше, ніж дозволяє правило зупинки з tol = "
              "{tol}. Перевірте крок w_j ← S_α(ρ_j) / (‖x_j‖²/n) з ρ_j = x_jᵀ(y − Xw + x_j w_j) / n, оновлення "
              "залишку після кожного кроку і правило зупинки (найбільша |Δw_j| за весь прохід ≤ tol).",
        "en": "the objective {got} exceeds the minimum {best} by {gap}, more than the stopping rule with tol = {tol} "
              "allows. Check the step w_j ← S_α(ρ_j) / (‖x_j‖²/n) with ρ_j = x_jᵀ(y − Xw + x_j w_j) / n, the "
              "update of the residual after every step and the stopping rule (the largest |Δw_j| of a whole sweep "
              "≤ tol).",
    },
    "lasso_jacobi": {
        "uk": "один прохід (max_iter=1) дав інше w: у циклічному покоординатному спуску w_j оновлюють по черзі, "
              "j = 0, 1, …, d − 1, і кожен крок уже бачить нові значення попередніх (залишок оновлюють одразу), а "
              "не всі координати разом за старим w.",
        "en": "one sweep (max_iter=1) gave another w: cyclic coordinate descent updates w_j one after another, "
              "j = 0, 1, …, d − 1, and every step already sees the new values of the previous ones (the residual is "
              "updated at once), not all coordinates together from the old w.",
    },
    "lasso_w0_ignored": {
        "uk": "початкову точку w0 проігноровано: з w0 = розв'язок один прохід має лишити w на місці.",
        "en": "the starting point w0 was ignored: from w0 = the solution one sweep must leave w where it is.",
    },
    "lasso_all_zero": {
        "uk": "для α ≥ max_j |x_jᵀy| / n розв'язок Lasso — w = 0 (рівно).",
        "en": "for α ≥ max_j |x_jᵀy| / n the Lasso solution is w = 0 (exactly).",
    },
    "bad_tol": {"uk": "tol < 0 або max_iter < 1", "en": "tol < 0 or max_iter < 1"},
    # ------------------------------------------------------------------ ridge
    "ridge_intercept_penalized": {
        "uk": "вільний член оштрафовано: стовпець одиниць додано до X і розв'язано (AᵀA + αI)β = Aᵀy, тож α "
              "стягує до нуля і b. Вільний член не штрафують: центруйте X і y, розв'яжіть (X_cᵀX_c + αI)w = "
              "X_cᵀy_c, а тоді b = ȳ − x̄ᵀw.",
        "en": "the intercept was penalized: a column of ones was appended to X and (AᵀA + αI)β = Aᵀy solved, so α "
              "pulls b towards zero too. The intercept is not penalized: centre X and y, solve "
              "(X_cᵀX_c + αI)w = X_cᵀy_c, then b = ȳ − x̄ᵀw.",
    },
    "ridge_no_intercept": {
        "uk": "модель без вільного члена (X і y не центровано, b = 0): мінімізують ‖y − Xw − b‖² + α‖w‖², "
              "b = ȳ − x̄ᵀw.",
        "en": "the model has no intercept (X and y not centred, b = 0): ‖y − Xw − b‖² + α‖w‖² is minimized, "
              "b = ȳ − x̄ᵀw.",
    },
    "ridge_alpha_n": {
        "uk": "α помножено або поділено на n: тут (як у sklearn.linear_model.Ridge) ціль ‖y − Xw − b‖² + α‖w‖² "
              "без 1/n, тож (X_cᵀX_c + αI)w = X_cᵀy_c.",
        "en": "α was multiplied or divided by n: here (as in sklearn.linear_model.Ridge) the objective is "
              "‖y − Xw − b‖² + α‖w‖² without 1/n, so (X_cᵀX_c + αI)w = X_cᵀy_c.",
    },
    "ridge_b_sign": {
        "uk": "знак у вільному члені переплутано: b = ȳ − x̄ᵀw.",
        "en": "the intercept has the wrong sign: b = ȳ − x̄ᵀw.",
    },
}


#: ``_h(key, **fmt)``: a hint in the notebook's language; ``why(key)``: a bad input's description for the hidden tests
_h, why = bind_hints(HINTS)


def _arr(rows) -> np.ndarray:
    return _array(rows, dtype=float)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


# ============================================================================ calling student code
_REFERENCE_SOURCE = '''
def normalize_rows(X, norm="l2"):
    if norm not in ("l1", "l2"):
        raise ValueError(f'norm must be "l1" or "l2", got {norm!r}')
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D matrix, got shape {X.shape}")
    norms = np.abs(X).sum(axis=1) if norm == "l1" else np.sqrt((X * X).sum(axis=1))
    return X / np.where(norms > 0, norms, 1.0)[:, None]


def soft_threshold(z, t):
    if t < 0:
        raise ValueError(f"the threshold t must be non-negative, got {t}")
    z = np.asarray(z, dtype=float)
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)
'''


#: the references that replace a student's earlier function while a later task is judged (see :func:`call_built`)
REFERENCE = _grading.compile_references(_REFERENCE_SOURCE, ("normalize_rows", "soft_threshold"))


def _call(fn, *args, name: str, task: str, uses=(), **kwargs):
    """:func:`fsgeom.grading.call` for inputs given as lists or integers: if the function fails on them, the message
    says that inputs are array-likes."""
    __tracebackhide__ = True
    try:
        return call(fn, *args, name=name, task=task, uses=uses, **kwargs)
    except StudentError as exc:
        err = StudentError(exc.hint + " " + _h("arraylike"), task)
        raise err from exc.__cause__


#: call a later task with the student's earlier functions replaced by REFERENCE (one mistake is charged once)
call_built, expect_raises_built = _grading.bind_references(REFERENCE)


def _call_built(fn, *args, uses=(), name: str, task: str, **kwargs):
    """:func:`call_built` with the array-like hint of :func:`_call`."""
    __tracebackhide__ = True
    try:
        return call_built(fn, *args, uses=uses, name=name, task=task, **kwargs)
    except StudentError as exc:
        err = StudentError(exc.hint + " " + _h("arraylike"), task)
        raise err from exc.__cause__


def _close(a, b, rtol, atol) -> bool:
    a, b = _arr(a), _arr(b)
    return a.shape == b.shape and bool(np.all(np.isfinite(a))) and allclose(a, b, rtol=rtol, atol=atol)


def _divide_rows(X, norms):
    with np.errstate(all="ignore"):
        return X / np.where(norms != 0, norms, 1.0)[:, None]


# ============================================================================ 1. row normalization
def judge_normalize(result, X, norm="l2", expected=None, *, name: str = "normalize_rows",
                    task: str = "normalize_rows") -> np.ndarray:
    """``result`` = every row of ``X`` divided by its ``norm`` ("l1" / "l2"), zero rows left zero (``expected``: an
    oracle's; default :func:`.maths.normalize_rows`). Entries are at most 1 in size: rounded at 1. Hints: columns
    normalized, NaN for a zero row, the other norm, the squared L2 norm, the L1 norm without absolute values."""
    __tracebackhide__ = True
    X = _arr(X)
    expected = _m.normalize_rows(X, norm) if expected is None else _arr(expected)
    got = as_float_array(result, name, X.shape, task)
    zero = ~np.any(X != 0, axis=1)
    nan_hint = _h("zero_rows_nan") if np.any(zero) else None
    if got.shape == X.shape and not np.all(np.isfinite(got)):
        finite = np.all(np.isfinite(got), axis=1)
        if norm == "l1" and np.any(~finite & ~zero & (X.sum(axis=1) == 0)):
            fail(f"{name}: " + _h("l1_no_abs"), task)          # a row summing to 0 without absolute values
        if np.any(zero) and np.all(finite[~zero]):
            fail(f"{name}: " + _h("zero_rows_nan"), task)
    other = "l1" if norm == "l2" else "l2"
    A = np.abs(X)
    mistakes = [
        (X / np.where(np.linalg.norm(X, ord=2 if norm == "l2" else 1, axis=0) > 0,
                      np.linalg.norm(X, ord=2 if norm == "l2" else 1, axis=0), 1.0), _h("normalized_columns")),
        (_m.normalize_rows(X, other), _h("wrong_norm", other=other.upper(), norm=norm.upper())),
    ]
    if norm == "l2":
        mistakes.append((_divide_rows(X, (X * X).sum(axis=1)), _h("squared_norm")))
    else:
        mistakes.append((_divide_rows(X, X.sum(axis=1)), _h("l1_no_abs")))
    del A
    rtol, atol = tolerance(eps=precision(result), scale=1.0)
    return check_array(result, expected, name=name, rtol=rtol, atol=atol, nan_hint=nan_hint, task=task,
                       mistakes=[(c, h) for c, h in mistakes if np.all(np.isfinite(c))])


def normalize_rows(fn) -> None:
    """Visible checks of ``normalize_rows(X, norm="l2")``."""
    __tracebackhide__ = True
    task = name = "normalize_rows"
    X = _arr([[3.0, 4.0], [0.0, 0.0], [1.0, -1.0], [-2.0, 0.0], [6.0, 8.0]])        # row 1: a zero row
    judge_normalize(call(fn, X, name=name, task=task), X, "l2",
                    [[0.6, 0.8], [0, 0], [2 ** -0.5, -(2 ** -0.5)], [-1, 0], [0.6, 0.8]], name=name, task=task)
    judge_normalize(call(fn, X, "l1", name=name, task=task), X, "l1",
                    [[3 / 7, 4 / 7], [0, 0], [0.5, -0.5], [-1, 0], [3 / 7, 4 / 7]], name=name, task=task)
    rng = _rng(11)
    R = rng.normal(size=(7, 4)) * 10.0 ** rng.uniform(-3, 3, size=(7, 1))
    R[3] = 0.0
    for norm in ("l2", "l1"):
        judge_normalize(call(fn, R, norm, name=name, task=task), R, norm, name=name, task=task)
    judge_normalize(call(fn, R[:1], name=name, task=task), R[:1], "l2", name=name, task=task)   # one row
    Xi = [[1, 2, 2], [0, 0, 0], [4, 0, -3]]                                       # a list of integers
    judge_normalize(_call(fn, Xi, name=name, task=task), Xi, "l2", name=name, task=task)
    judge_normalize(_call(fn, Xi, "l1", name=name, task=task), Xi, "l1", name=name, task=task)
    expect_raises(fn, X, "l3", why=_h("bad_norm"), name=name, task=task)
    expect_raises(fn, X, "max", why=_h("bad_norm"), name=name, task=task)
    expect_raises(fn, X[0], why=_h("not_2d"), name=name, task=task)
    passed(name)


# ============================================================================ 2. cosine similarity
def judge_cosine(result, X, Y=None, expected=None, *, name: str = "cosine_similarity_matrix",
                 task: str = "cosine_similarity_matrix") -> np.ndarray:
    """``result`` = the (n, m) matrix of ``cos θ`` between the rows of ``X`` and ``Y`` (``Y = X`` if None), 0 for a
    zero row (``expected``: an oracle's; default :func:`.maths.cosine_similarity`). Rounded at 1 (unit vectors, d
    terms). Hints: raw dot products, 1 − cos, one side normalized, NaN for a zero row, Y = None not handled."""
    __tracebackhide__ = True
    X = _arr(X)
    Yv = X if Y is None else _arr(Y)
    expected = _m.cosine_similarity(X, Yv) if expected is None else _arr(expected)
    zero = ~np.any(X != 0, axis=1)
    zero_y = ~np.any(Yv != 0, axis=1)
    got = as_float_array(result, name, expected.shape, task)
    if got.shape == expected.shape and not np.all(np.isfinite(got)):
        if np.any(zero) or np.any(zero_y):
            fail(f"{name}: " + _h("cos_zero_rows"), task)
    Xn, Yn = _m.normalize_rows(X), _m.normalize_rows(Yv)
    mistakes = [(X @ Yv.T, _h("cos_raw_dot")), (1.0 - expected, _h("cos_distance")),
                (Xn @ Yv.T, _h("cos_one_side")), (X @ Yn.T, _h("cos_one_side"))]
    d = X.shape[1]
    rtol, atol = tolerance(eps=precision(result), scale=float(d))
    return check_array(result, expected, name=name, rtol=rtol, atol=atol, task=task,
                       nan_hint=_h("cos_zero_rows") if (np.any(zero) or np.any(zero_y)) else None,
                       mistakes=mistakes)


def cosine_similarity_matrix(fn, normalize_rows=None) -> None:
    """Visible checks of ``cosine_similarity_matrix(X, Y=None)``: the student's ``normalize_rows`` is replaced by the
    reference while it runs (:func:`call_built`), so a mistake in task 1 is not charged again."""
    __tracebackhide__ = True
    task = name = "cosine_similarity_matrix"
    uses = ("normalize_rows",)
    X = _arr([[1.0, 0.0], [1.0, 1.0], [0.0, 0.0], [0.0, -3.0]])                 # row 2: a zero row
    Y = _arr([[2.0, 0.0], [-1.0, 1.0], [0.0, 5.0]])
    s = 2 ** -0.5
    judge_cosine(call_built(fn, X, Y, uses=uses, name=name, task=task), X, Y,
                 [[1, -s, 0], [s, 0, s], [0, 0, 0], [0, -s, -1]], name=name, task=task)
    got = call_built(fn, X, uses=uses, name=name, task=task)
    exp = _m.cosine_similarity(X)
    if type(got) is np.ndarray and got.shape != exp.shape:
        fail(f"{name}: " + _h("cos_none"), task)
    judge_cosine(got, X, None, exp, name=name, task=task)
    rng = _rng(21)
    A = rng.normal(size=(6, 5)) * 10.0 ** rng.uniform(-2, 2, size=(6, 1))
    B = rng.normal(size=(4, 5)) * 10.0 ** rng.uniform(-2, 2, size=(4, 1))
    B[1] = 0.0
    judge_cosine(call_built(fn, A, B, uses=uses, name=name, task=task), A, B, name=name, task=task)
    Ai, Bi = [[1, 2], [3, 0], [0, 0]], [[0, 1], [2, 2]]                           # lists of integers
    judge_cosine(_call_built(fn, Ai, Bi, uses=uses, name=name, task=task), Ai, Bi, name=name, task=task)
    expect_raises_built(fn, A, B[:, :3], uses=uses, why=_h("columns_differ"), name=name, task=task)
    passed(name)


# ============================================================================ 3. TF-IDF
def _tfidf_variant(C, idf, normalize=True):
    W = C * idf
    return _m.normalize_rows(W) if normalize else W


def judge_tfidf(result, counts, smooth_idf=True, expected=None, *, name: str = "tfidf", task: str = "tfidf"):
    """``result`` = tf · idf with every row L2-normalized (``expected``: an oracle's; default :func:`.maths.tfidf`).
    Rounded at 1. Hints: smoothing ignored or applied when not asked, not normalized, idf without "+ 1", log10,
    columns normalized, NaN for an empty document."""
    __tracebackhide__ = True
    C = _arr(counts)
    expected = _m.tfidf(C, smooth_idf) if expected is None else _arr(expected)
    got = as_float_array(result, name, C.shape, task)
    empty = ~np.any(C != 0, axis=1)
    if got.shape == C.shape and not np.all(np.isfinite(got)) and np.any(empty) \
            and np.all(np.isfinite(got[~empty])):
        fail(f"{name}: " + _h("tfidf_empty_doc"), task)
    n = C.shape[0]
    df = (C > 0).sum(axis=0).astype(float)
    smooth = np.log((1 + n) / (1 + df)) + 1
    mistakes = [(_tfidf_variant(C, smooth), _h("tfidf_smooth_not_plain"))]
    if np.all(df > 0):
        plain = np.log(n / df) + 1
        mistakes += [(_tfidf_variant(C, plain), _h("tfidf_plain_not_smooth")),
                     (_tfidf_variant(C, plain - 1), _h("tfidf_no_plus_one")),
                     (_tfidf_variant(C, np.log10(n / df) + 1), _h("tfidf_log10"))]
    idf_true = smooth if smooth_idf else np.log(n / np.where(df > 0, df, 1.0)) + 1
    W = C * idf_true
    mistakes += [(W, _h("tfidf_not_normalized")), (_tfidf_variant(C, smooth - 1), _h("tfidf_no_plus_one")),
                 (_tfidf_variant(C, np.log10((1 + n) / (1 + df)) + 1), _h("tfidf_log10")),
                 (W / np.where(np.linalg.norm(W, axis=0) > 0, np.linalg.norm(W, axis=0), 1.0), _h("tfidf_columns"))]
    rtol, atol = tolerance(eps=precision(result), scale=1.0)
    return check_array(result, expected, name=name, rtol=rtol, atol=atol, task=task,
                       nan_hint=_h("tfidf_empty_doc") if np.any(empty) else None,
                       mistakes=[(c, h) for c, h in mistakes if np.all(np.isfinite(c))])


def tfidf(fn, normalize_rows=None) -> None:
    """Visible checks of ``tfidf(counts, smooth_idf=True)`` (the student's ``normalize_rows`` replaced by the
    reference while it runs, :func:`call_built`)."""
    __tracebackhide__ = True
    task = name = "tfidf"
    uses = ("normalize_rows",)
    G = _arr(GUIDE_COUNTS)
    plain = judge_tfidf(call_built(fn, G, False, uses=uses, name=name, task=task), G, False, name=name, task=task)
    smooth = judge_tfidf(call_built(fn, G, uses=uses, name=name, task=task), G, True, name=name, task=task)
    # scikit-learn's guide: the first document becomes [0.8194, 0, 0.5732] (plain) and [0.8515, 0, 0.5243] (smooth)
    check_array(plain[0], [0.8194, 0.0, 0.5732], name=name + "(smooth_idf=False)[0]", rtol=0.0, atol=6e-5, task=task)
    check_array(smooth[0], [0.8515, 0.0, 0.5243], name=name + "[0]", rtol=0.0, atol=6e-5, task=task)
    rng = _rng(31)
    R = rng.poisson(rng.uniform(0.2, 3.0, size=8), size=(9, 8)).astype(float)
    R[2] = 0.0                                                                  # an empty document
    R[:, 5] = 0.0                                                               # a term in no document
    judge_tfidf(call_built(fn, R, uses=uses, name=name, task=task), R, True, name=name, task=task)
    P = R[:, [0, 1, 2, 3, 4, 6, 7]]
    P[0] += 1.0                                                                 # every term in some document
    judge_tfidf(call_built(fn, P, False, uses=uses, name=name, task=task), P, False, name=name, task=task)
    judge_tfidf(call_built(fn, P, True, uses=uses, name=name, task=task), P, True, name=name, task=task)
    Ci = [[1, 0, 2], [0, 0, 1], [3, 1, 0]]                                       # a list of integers
    judge_tfidf(_call_built(fn, Ci, uses=uses, name=name, task=task), Ci, True, name=name, task=task)
    expect_raises_built(fn, [[1, -1], [0, 2]], uses=uses, why=_h("negative_counts"), name=name, task=task)
    expect_raises_built(fn, R, False, uses=uses, why=_h("plain_df_zero"), name=name, task=task)
    expect_raises_built(fn, R[0], uses=uses, why=_h("not_2d"), name=name, task=task)
    passed(name)


# ============================================================================ 4. soft-thresholding
def _soft_candidates(z, t):
    with np.errstate(all="ignore"):
        return [(np.sign(z) * np.maximum(t - np.abs(z), 0.0), _h("st_inverted")),
                (z - t * np.sign(z), _h("st_no_max")),
                (np.where(np.abs(z) > t, z, 0.0), _h("st_hard")),
                (np.maximum(z - t, 0.0), _h("st_one_sided"))]


def judge_soft(result, z, t, expected=None, *, name: str = "soft_threshold", task: str = "soft_threshold"):
    """``result`` = ``sign(z)·max(|z| − t, 0)`` elementwise, of z's shape (a number, or a size-1 array, for a number
    ``z``) (``expected``: an oracle's). Rounded at ``max(|z|, t)``. Hints: the inverted threshold, the max missing,
    hard thresholding, negative values zeroed."""
    __tracebackhide__ = True
    zv = _arr(z)
    t = float(t)
    expected = _m.soft_threshold(zv, t) if expected is None else _arr(expected)
    eps = precision(result)
    rtol, atol = tolerance(eps=eps, scale=max(float(np.max(np.abs(zv))) if zv.size else 0.0, t, 1e-300))
    if zv.ndim == 0:
        t_ = type(result)
        if issubclass(t_, np.ndarray) and result.size == 1 and result.dtype.kind in "iuf":
            value = float(result.reshape(-1)[0])
        elif issubclass(t_, (int, float, np.integer, np.floating)) and not issubclass(t_, bool):
            value = float(result)
        else:
            return check_scalar(result, float(expected), name=name, rtol=rtol, atol=atol, task=task)
        e = float(expected)
        if np.isfinite(value) and abs(value - e) > atol + rtol * abs(e):
            for cand, hint in _soft_candidates(zv, t):
                c = float(cand)
                if abs(value - c) <= atol + rtol * abs(c) and abs(c - e) > atol + rtol * abs(e):
                    fail(f"{name}: {hint}", task)
        return check_scalar(value, e, name=name, rtol=rtol, atol=atol, task=task)
    return check_array(result, expected, name=name, rtol=rtol, atol=atol, task=task,
                       mistakes=_soft_candidates(zv, t))


def soft_threshold(fn) -> None:
    """Visible checks of ``soft_threshold(z, t)``."""
    __tracebackhide__ = True
    task = name = "soft_threshold"
    z = _arr([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
    judge_soft(call(fn, z, 1.0, name=name, task=task), z, 1.0, [-2, 0, 0, 0, 0, 0, 2], name=name, task=task)
    judge_soft(call(fn, 2.5, 1.0, name=name, task=task), 2.5, 1.0, 1.5, name=name, task=task)       # a number
    judge_soft(call(fn, -0.25, 0.5, name=name, task=task), -0.25, 0.5, 0.0, name=name, task=task)
    rng = _rng(41)
    Z = rng.normal(size=(5, 4)) * 3
    judge_soft(call(fn, Z, 1.5, name=name, task=task), Z, 1.5, name=name, task=task)                 # a matrix
    judge_soft(call(fn, Z[0], 0.0, name=name, task=task), Z[0], 0.0, Z[0], name=name, task=task)      # t = 0
    judge_soft(_call(fn, [-4, -2, 0, 1, 5], 2, name=name, task=task), [-4, -2, 0, 1, 5], 2.0, name=name, task=task)
    expect_raises(fn, z, -0.1, why=_h("negative_t"), name=name, task=task)
    passed(name)


# ============================================================================ 5. Lasso objective
def judge_objective(result, X, y, w, alpha, expected=None, *, name: str = "lasso_objective",
                    task: str = "lasso_objective") -> float:
    """``result`` = ``(1/(2n))‖y − Xw‖² + α‖w‖₁`` (``expected``: an oracle's); rounded at ``(‖y‖² + (‖X‖‖w‖)²) / n +
    α‖w‖₁``. Hints: the 1/2 missing, the 1/n missing, α‖w‖², no absolute values."""
    __tracebackhide__ = True
    X, y, w = _arr(X), _arr(y), _arr(w)
    n = X.shape[0]
    r = y - X @ w
    rss = float(r @ r)
    pen = float(alpha) * float(np.abs(w).sum())
    e = rss / (2 * n) + pen if expected is None else float(expected)
    scale = (float(y @ y) + float((np.abs(X) @ np.abs(w)) @ (np.abs(X) @ np.abs(w)))) / n + pen + 1e-300
    rtol, atol = tolerance(result, scale=scale)
    value = None
    t_ = type(result)
    if issubclass(t_, (int, float, np.integer, np.floating)) and not issubclass(t_, bool):
        value = float(result)
    elif issubclass(t_, np.ndarray) and result.size == 1 and result.dtype.kind in "iuf":
        value = float(result.reshape(-1)[0])
    if value is not None and np.isfinite(value) and abs(value - e) > atol + rtol * abs(e):
        for cand, key in ((rss / n + pen, "obj_no_half"), (rss / 2 + pen, "obj_no_n"), (rss + pen, "obj_no_n"),
                          (rss / (2 * n) + float(alpha) * float(w @ w), "obj_l2"),
                          (rss / (2 * n) + float(alpha) * float(w.sum()), "obj_no_abs")):
            if abs(value - cand) <= atol + rtol * abs(cand) and abs(cand - e) > atol + rtol * abs(e):
                fail(f"{name}: " + _h(key), task)
    return check_scalar(result, e, name=name, rtol=rtol, atol=atol, task=task)


def lasso_objective(fn) -> None:
    """Visible checks of ``lasso_objective(X, y, w, alpha)``."""
    __tracebackhide__ = True
    task = name = "lasso_objective"
    X = _arr([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    y = _arr([1.0, 2.0, 3.0])
    w = _arr([1.0, 1.0])                                   # residual (0, 1, 1): 2 / 6 + 0.5 · 2 = 4/3
    judge_objective(call(fn, X, y, w, 0.5, name=name, task=task), X, y, w, 0.5, 4.0 / 3.0, name=name, task=task)
    rng = _rng(51)
    R = rng.normal(size=(12, 4))
    yr = R @ _arr([2.0, 0.0, -1.0, 0.5]) + rng.normal(size=12)
    wr = _arr([1.5, -0.3, -0.8, 0.0])
    judge_objective(call(fn, R, yr, wr, 0.3, name=name, task=task), R, yr, wr, 0.3, name=name, task=task)
    judge_objective(call(fn, R, yr, np.zeros(4), 2.0, name=name, task=task), R, yr, np.zeros(4), 2.0, name=name,
                    task=task)
    judge_objective(_call(fn, [[1, 2], [3, 4]], [1, 0], [1, -1], 1, name=name, task=task), [[1, 2], [3, 4]],
                    [1, 0], [1, -1], 1.0, name=name, task=task)
    expect_raises(fn, R, yr[:-1], wr, 0.3, why=_h("y_length"), name=name, task=task)
    expect_raises(fn, R, yr, wr[:-1], 0.3, why=_h("w_length"), name=name, task=task)
    expect_raises(fn, R, yr, wr, -0.3, why=_h("negative_alpha"), name=name, task=task)
    passed(name)


# ============================================================================ 6. Lasso by coordinate descent
def _dual_gap(X, y, w, alpha) -> float:
    """The duality gap of ``w`` for ``(1/(2n))‖y − Xw‖² + α‖w‖₁`` (an upper bound of its excess objective)."""
    n = X.shape[0]
    r = y - X @ w
    primal = float(r @ r) / (2 * n) + alpha * float(np.abs(w).sum())
    c = float(np.max(np.abs(X.T @ r))) / n if X.shape[1] else 0.0
    theta = r / max(1.0, c / alpha) if alpha > 0 else r
    dual = (float(y @ y) - float((y - theta) @ (y - theta))) / (2 * n)
    return max(0.0, primal - dual)


def lasso_accuracy(X, y, alpha, tol, w_best, eps) -> dict:
    r"""What a correct coordinate descent stopped by ``tol`` (result precision ``eps``) must achieve, next to the
    oracle's ``w_best``:

    * after the last sweep (every ``|Δw_j| ≤ tol``) coordinate j was optimal when it was updated, and the later
      steps moved its partial gradient by at most ``tol · Σ_k |G_jk|`` (``G = XᵀX/n``): a subgradient ``g`` with
      ``‖g‖ ≤ tol ‖rowsum|G|‖`` remains, so with ``μ = λ_min(G)`` the objective is within ``‖g‖²/μ`` of the minimum
      and ``w`` within ``‖g‖/μ`` of the minimizer;
    * the oracle itself is within ``√(2 gap / μ)`` (its duality gap);
    * rounding: ``eps · κ`` relative, at the objective's and the weights' magnitude.

    Returns ``{"objective", "gap", "dist", "margin", "mu"}``: the best objective, the allowed excess, the allowed
    distance per coefficient and the KKT slack above which a coefficient must be exactly 0."""
    X, y, w_best = _arr(X), _arr(y), _arr(w_best)
    n, d = X.shape
    G = X.T @ X / n
    lam = np.linalg.eigvalsh(G)
    mu = float(lam[0])
    kappa = float(lam[-1] / mu) if mu > 0 else 1e12
    rows = np.abs(G).sum(axis=1)
    g = float(tol) * float(np.linalg.norm(rows))
    r = y - X @ w_best
    f_best = float(r @ r) / (2 * n) + alpha * float(np.abs(w_best).sum())
    base = float(y @ y) / (2 * n)
    oracle = np.sqrt(2.0 * _dual_gap(X, y, w_best, alpha) / mu) if mu > 0 else 0.0
    rt, at_f = tolerance(eps=eps, cond=kappa, scale=base + alpha * float(np.abs(w_best).sum()))
    _, at_w = tolerance(eps=eps, cond=kappa, scale=float(np.max(np.abs(w_best))) if d else 0.0)
    dist = 10.0 * g / max(mu, 1e-300) + 2.0 * oracle + at_w
    gap = 10.0 * g * g / max(mu, 1e-300) + 10.0 * g * dist + at_f
    margin = max(1e-3 * alpha, 10.0 * float(np.max(rows)) * dist * np.sqrt(d))
    return {"objective": f_best, "gap": gap, "dist": dist, "margin": margin, "mu": mu, "rt": rt}


def judge_lasso(result, X, y, alpha, tol=1e-8, expected=None, *, name: str = "lasso_cd", task: str = "lasso_cd"):
    """``result`` = ``w`` (d,) minimizing ``(1/(2n))‖y − Xw‖² + α‖w‖₁`` as accurately as the stopping rule with ``tol``
    guarantees (:func:`lasso_accuracy`), compared with ``expected`` (an oracle's minimizer; default the course's
    coordinate descent run to ``tol = 1e-13``) by the objective value and the coefficients; coefficients whose
    optimality condition holds with a margin (``|x_jᵀr|/n < α − margin`` at the optimum) must be exactly 0. Hints:
    alpha scaled by n, not exact zeros, the objective too high."""
    __tracebackhide__ = True
    X, y = _arr(X), _arr(y)
    alpha, tol = float(alpha), float(tol)
    n, d = X.shape
    if expected is None:
        expected = _m.lasso_cd(X, y, alpha, tol=1e-13, max_iter=1_000_000)[0]
    w_best = _arr(expected)
    got = as_float_array(result, name, (d,), task)
    if got.shape != (d,):
        check_array(result, w_best, name=name, task=task)          # the shape message
    if not np.all(np.isfinite(got)):
        check_array(result, w_best, name=name, task=task)          # the NaN message
    acc = lasso_accuracy(X, y, alpha, tol, w_best, precision(result))
    slack = alpha - np.abs(X.T @ (y - X @ w_best)) / n
    must_zero = (w_best == 0) & (slack > acc["margin"])
    bad = np.flatnonzero(must_zero & (got != 0))
    small = 1e-3 * (float(np.max(np.abs(w_best))) + 1e-300)
    if bad.size and np.all(np.abs(got[bad]) <= small) and np.all(np.abs(got - w_best)[~must_zero] <= small):
        j = int(bad[0])                                            # right but for tiny nonzeros: say so first
        fail(f"{name}: " + _h("lasso_not_zero", index=j, value=f"{got[j]:.3g}"), task)
    r = y - X @ got
    f = float(r @ r) / (2 * n) + alpha * float(np.abs(got).sum())
    ok_f = f <= acc["objective"] + acc["gap"]
    ok_w = bool(np.all(np.abs(got - w_best) <= acc["dist"]))
    if not (ok_f and ok_w):
        w_n = _m.lasso_cd(X, y, alpha / n, tol=1e-13, max_iter=1_000_000)[0]
        if np.all(np.abs(got - w_n) <= max(acc["dist"], 1e-6 * float(np.max(np.abs(w_n)) + 1e-300))) \
                and not np.all(np.abs(w_n - w_best) <= acc["dist"]):
            fail(f"{name}: " + _h("lasso_alpha_n"), task)
        if not ok_f:
            gbest, ggot = acc["objective"], f
            fail(f"{name}: " + _h("lasso_objective_high", got=f"{ggot:.10g}", best=f"{gbest:.10g}",
                                  gap=f"{ggot - gbest:.3g}", tol=tol), task)
        check_array(got, w_best, name=name, rtol=0.0, atol=acc["dist"], task=task)
    if bad.size:
        j = int(bad[0])
        fail(f"{name}: " + _h("lasso_not_zero", index=j, value=f"{got[j]:.3g}"), task)
    return got


def _sweeps(X, y, alpha, w0=None, sweeps=1):
    X, y = _arr(X), _arr(y)
    w0 = np.zeros(X.shape[1]) if w0 is None else _arr(w0)
    return _m.lasso_cd(X, y, alpha, w0=w0, tol=-1.0, max_iter=sweeps)[0]


def lasso_cd(fn, soft_threshold=None) -> None:
    """Visible checks of ``lasso_cd(X, y, alpha, tol=1e-8, max_iter=10_000, w0=None)`` (the student's
    ``soft_threshold`` replaced by the reference while it runs, :func:`call_built`)."""
    __tracebackhide__ = True
    task = name = "lasso_cd"
    uses = ("soft_threshold",)
    # orthogonal columns with x_jᵀx_j / n = 1: w_j = S_α(x_jᵀy / n) = S_1.5((2, 1)) = (0.5, 0)
    X = _arr([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]])
    y = _arr([3.0, 1.0, -1.0, -3.0])
    judge_lasso(call_built(fn, X, y, 1.5, uses=uses, name=name, task=task), X, y, 1.5, 1e-8, [0.5, 0.0],
                name=name, task=task)
    rng = _rng(61)
    n, d = 40, 6
    R = rng.normal(size=(n, d)) @ (np.eye(d) + 0.4 * rng.normal(size=(d, d)))
    yr = R @ _arr([3.0, 0.0, -2.0, 0.0, 0.0, 1.0]) + 0.5 * rng.normal(size=n)
    # one sweep (max_iter=1): cyclic, each step with the latest residual
    one = _sweeps(R, yr, 0.3)
    got = call_built(fn, R, yr, 0.3, 1e-8, 1, uses=uses, name=name, task=task)
    check_array(got, one, name=name + "(…, max_iter=1)", scale=float(np.max(np.abs(one))), cond=10.0, task=task,
                mistakes=[(_jacobi(R, yr, 0.3), _h("lasso_jacobi")), (_sweeps(R, yr, 0.3 / n), _h("lasso_alpha_n"))])
    for alpha in (0.3, 0.05):
        judge_lasso(call_built(fn, R, yr, alpha, uses=uses, name=name, task=task), R, yr, alpha, 1e-8,
                    name=name, task=task)
    judge_lasso(call_built(fn, R, yr, 0.3, 1e-5, uses=uses, name=name, task=task), R, yr, 0.3, 1e-5,
                name=name, task=task)
    w_star = _m.lasso_cd(R, yr, 0.3, tol=1e-13, max_iter=100_000)[0]
    got = call_built(fn, R, yr, 0.3, 1e-8, 1, w_star, uses=uses, name=name, task=task)
    check_array(got, w_star, name=name + "(…, max_iter=1, w0=w*)", scale=float(np.max(np.abs(w_star))), cond=10.0,
                task=task, mistakes=[(one, _h("lasso_w0_ignored"))])
    big = float(np.max(np.abs(R.T @ yr))) / n * 1.01
    got = call_built(fn, R, yr, big, uses=uses, name=name, task=task)
    if type(got) is np.ndarray and got.shape == (d,) and np.any(got != 0):
        fail(f"{name}: " + _h("lasso_all_zero"), task)
    judge_lasso(got, R, yr, big, 1e-8, np.zeros(d), name=name, task=task)
    Xi, yi = [[1, 0], [0, 2], [1, 1], [2, -1]], [2, 3, 2, 1]                      # lists of integers
    judge_lasso(_call_built(fn, Xi, yi, 0.1, uses=uses, name=name, task=task), Xi, yi, 0.1, 1e-8, name=name,
                task=task)
    expect_raises_built(fn, R, yr, -0.1, uses=uses, why=_h("negative_alpha"), name=name, task=task)
    expect_raises_built(fn, R, yr[:-1], 0.1, uses=uses, why=_h("y_length"), name=name, task=task)
    expect_raises_built(fn, R[:, 0], yr, 0.1, uses=uses, why=_h("not_2d"), name=name, task=task)
    expect_raises_built(fn, R, yr, 0.1, 1e-8, 100, np.zeros(d + 1), uses=uses, why=_h("w0_length"), name=name,
                        task=task)
    passed(name)


def _jacobi(X, y, alpha):
    """One sweep of the Jacobi mistake: every coordinate updated from the old w (here w = 0)."""
    X, y = _arr(X), _arr(y)
    n = X.shape[0]
    col = (X * X).sum(axis=0) / n
    rho = X.T @ y / n
    return np.sign(rho) * np.maximum(np.abs(rho) - alpha, 0.0) / col


# ============================================================================ 7. ridge
def _ridge_candidates(X, y, alpha):
    n, d = X.shape
    A = np.column_stack([X, np.ones(n)])
    beta = np.linalg.solve(A.T @ A + alpha * np.eye(d + 1), A.T @ y)
    w0 = np.linalg.solve(X.T @ X + alpha * np.eye(d), X.T @ y)
    out = [((beta[:d], float(beta[d])), "ridge_intercept_penalized"), ((w0, 0.0), "ridge_no_intercept")]
    for a in (alpha * n, alpha / n):
        out.append((_m.ridge_closed_form(X, y, a), "ridge_alpha_n"))
    w, b = _m.ridge_closed_form(X, y, alpha)
    out.append(((w, float(y.mean() + X.mean(axis=0) @ w)), "ridge_b_sign"))
    return out


def judge_ridge(result, X, y, alpha, expected=None, *, name: str = "ridge_fit", task: str = "ridge_fit"):
    """``result == (w, b)`` minimizing ``‖y − Xw − b‖² + α‖w‖²`` with ``b`` not penalized (``expected``: an oracle's
    pair; default :func:`.maths.ridge_closed_form`). Tolerance: ``κ(X_cᵀX_c + αI)`` times how far the data sit from
    their mean; ``w`` at its largest entry, ``b`` at ``|ȳ| + Σ|x̄_j w_j|``. Hints: the intercept penalized, no
    intercept, α scaled by n, the sign of b."""
    __tracebackhide__ = True
    X, y = _arr(X), _arr(y)
    n, d = X.shape
    ew, eb = _m.ridge_closed_form(X, y, alpha) if expected is None else (_arr(expected[0]), float(expected[1]))
    raw_w, raw_b = check_tuple(result, 2, name=name, task=task)
    w = as_float_array(raw_w, name + " → w", (d,), task)
    mx, my = X.mean(axis=0), float(y.mean())
    Xc = X - mx
    A = Xc.T @ Xc + alpha * np.eye(d)
    s = np.sqrt(np.where(np.diag(A) > 0, np.diag(A), 1.0))
    lam = np.linalg.eigvalsh(A / np.outer(s, s))           # equilibrated: column units do not count
    kappa = float(lam[-1] / lam[0]) if lam[0] > 0 else 1e12
    sd = np.where(Xc.std(axis=0) > 0, Xc.std(axis=0), 1.0)
    offset = max(1.0, float(np.max(np.abs(X) / sd)), float(np.max(np.abs(y)) / max(float(y.std()), 1e-300)))
    eps = precision(raw_w, raw_b)
    rt, unit = tolerance(eps=eps, cond=kappa * offset, scale=1.0)
    at = unit * float(np.max(s * np.abs(ew))) / s + 1e-300          # errors are even in the scaled weights s·w
    rt_b, at_b = tolerance(eps=eps, cond=kappa * offset, scale=abs(my) + float(np.abs(mx) @ np.abs(ew)) + 1e-300)
    at_b = at_b + float(np.abs(mx) @ at)
    bv = None
    try:
        bv = float(np.asarray(raw_b, dtype=float).reshape(-1)[0]) if np.asarray(raw_b).size == 1 else None
    except (TypeError, ValueError):
        bv = None
    ok_w = w.shape == (d,) and _close(w, ew, rt, at)
    ok_b = bv is not None and np.isfinite(bv) and abs(bv - eb) <= at_b + rt_b * abs(eb)
    if not (ok_w and ok_b) and w.shape == (d,) and bv is not None:
        for (cw, cb), key in _ridge_candidates(X, y, alpha):
            if _close(w, cw, rt, at + 1e-9 * np.abs(cw)) \
                    and abs(bv - cb) <= at_b + rt_b * abs(cb) + 1e-9 * abs(cb) \
                    and not (_close(cw, ew, rt, at) and abs(cb - eb) <= at_b + rt_b * abs(eb)):
                fail(f"{name}: " + _h(key), task)
    w = check_array(raw_w, ew, name=name + " → w", rtol=rt, atol=at, task=task)
    b = check_scalar(raw_b, eb, name=name + " → b", rtol=rt_b, atol=at_b, task=task)
    return w, b


def ridge_fit(fn) -> None:
    """Visible checks of ``ridge_fit(X, y, alpha) -> (w, b)``."""
    __tracebackhide__ = True
    task = name = "ridge_fit"
    X = _arr([[0.0], [1.0], [2.0], [3.0]])
    y = _arr([1.0, 3.0, 5.0, 7.0])                  # y = 2x + 1; X_cᵀX_c = 5, X_cᵀy_c = 10
    judge_ridge(call(fn, X, y, 0.0, name=name, task=task), X, y, 0.0, ([2.0], 1.0), name=name, task=task)
    judge_ridge(call(fn, X, y, 5.0, name=name, task=task), X, y, 5.0, ([1.0], 2.5), name=name, task=task)
    rng = _rng(71)
    R = rng.normal(size=(30, 4)) * [1.0, 5.0, 0.2, 2.0] + [10.0, -3.0, 1.0, 50.0]
    yr = R @ _arr([1.0, -0.5, 3.0, 0.2]) + 7.0 + rng.normal(size=30)
    for alpha in (0.1, 10.0, 300.0):
        judge_ridge(call(fn, R, yr, alpha, name=name, task=task), R, yr, alpha, name=name, task=task)
    Xi, yi = [[1, 2], [2, 0], [3, 5], [4, 1]], [3, 1, 9, 4]                        # lists of integers
    judge_ridge(_call(fn, Xi, yi, 1, name=name, task=task), Xi, yi, 1.0, name=name, task=task)
    expect_raises(fn, R, yr, -1.0, why=_h("negative_alpha"), name=name, task=task)
    expect_raises(fn, R, yr[:-1], 1.0, why=_h("y_length"), name=name, task=task)
    expect_raises(fn, R[:, 0], yr, 1.0, why=_h("not_2d"), name=name, task=task)
    passed(name)


TASKS = (
    Task("normalize_rows", ("normalize_rows",), 3, "test_normalize_rows", normalize_rows),
    Task("cosine_similarity_matrix", ("cosine_similarity_matrix", "normalize_rows"), 2,
         "test_cosine_similarity_matrix", cosine_similarity_matrix, optional=("normalize_rows",)),
    Task("tfidf", ("tfidf", "normalize_rows"), 3, "test_tfidf", tfidf, optional=("normalize_rows",)),
    Task("soft_threshold", ("soft_threshold",), 2, "test_soft_threshold", soft_threshold),
    Task("lasso_objective", ("lasso_objective",), 2, "test_lasso_objective", lasso_objective),
    Task("lasso_cd", ("lasso_cd", "soft_threshold"), 4, "test_lasso_cd", lasso_cd, optional=("soft_threshold",)),
    Task("ridge_fit", ("ridge_fit",), 4, "test_ridge_fit", ridge_fit),
)

#: the self-check of this assignment: ``check("tfidf", globals())`` checks one task, ``check_all(globals())`` prints
#: the table of all tasks (the notebook's last cell)
check, check_all = for_module(MODULE_ID)
