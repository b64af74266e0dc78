r"""Visible checks of assignment ``02-encoding`` (categories -> codes, one-hot, cross-fitted target encoding, PPMI,
SVD embeddings, cosine neighbours, analogies).

Every check takes the student's function(s), runs it on small fixed examples, and raises
:class:`fsgeom.grading.CheckFailed` with a SPECIFIC hint when the result is wrong (a vocabulary in order of
appearance, an unknown category mapped to a valid code, a target encoding fitted on the rows it encodes, NaN for a
word with no co-occurrences, the singular values dropped, the query words returned as their own answer, ...). On
success it prints one "✓" line. Messages are in the notebook's language (``fsgeom.i18n``).

Expected values come from small hand-checked examples or from explicit formulas written here; the hidden tests in
the notebook compare against independent oracles (scikit-learn's encoders, ``TargetEncoder``, ``TruncatedSVD`` /
``scipy.linalg.svd``, ``cosine_similarity``, ``scipy.sparse``).

Tolerances: every ``judge_*`` hands the quantity's conditioning to :func:`fsgeom.grading.tolerance` (the
precision the student's result carries, times the condition number). Embeddings are compared through their Gram
matrix ``E Eᵀ`` (signs of singular vectors are arbitrary), neighbours through the cosines of what was returned (a
tie may be returned in either order).
"""
from __future__ import annotations

import math

import numpy as np

from ...grading import (CheckFailed, StudentError, allclose, as_float_array, call, check_array, check_tuple,
                        distinct, expect_raises, fail, message, passed, precision, quiet, tolerance)
from ...grading import bind_hints
from ...selfcheck import for_module
from ...tasks import Task
from . import MODULE_ID

__all__ = ["MODULE_ID", "TASKS", "HINTS", "check", "check_all", "why",
           "fit_vocabulary", "integer_encode", "one_hot", "target_encode", "ppmi", "svd_embeddings",
           "cosine_neighbours", "analogy",
           "judge_vocabulary", "judge_codes", "judge_one_hot", "target_reference", "judge_target", "judge_ppmi",
           "judge_embeddings", "judge_neighbours", "analogy_query", "own_analogy", "judge_analogy",
           "analogy_bad_k"]

_array = np.array

HINTS = {
    # ------------------------------------------------------------------ vocabulary
    "vocab_appearance": {
        "uk": "категорії йдуть у порядку першої появи; словник має бути ВІДСОРТОВАНИЙ (як categories_ у "
              "scikit-learn): np.unique повертає відсортовані різні значення.",
        "en": "the categories are in order of first appearance; the vocabulary must be SORTED (like scikit-learn's "
              "categories_): np.unique returns the sorted distinct values.",
    },
    "vocab_unsorted": {
        "uk": "словник не відсортований: кожна категорія має з'являтися один раз, за зростанням.",
        "en": "the vocabulary is not sorted: every category must appear once, in ascending order.",
    },
    "vocab_repeats": {
        "uk": "у словнику є повтори: кожна категорія має з'явитися рівно один раз.",
        "en": "the vocabulary has repeats: every category must appear exactly once.",
    },
    "vocab_differs": {
        "uk": "{name}: очікувалось {expected}, отримано {got}.",
        "en": "{name}: expected {expected}, got {got}.",
    },
    "not_1d": {"uk": "вхід не одновимірний", "en": "the input is not one-dimensional"},
    "empty_values": {"uk": "немає жодного значення", "en": "there are no values"},
    # ------------------------------------------------------------------ integer codes
    "codes_not_int": {
        "uk": "{name}: коди мають бути цілими числами (масив int), а отримано {got}.",
        "en": "{name}: codes must be integers (an int array), got {got}.",
    },
    "codes_one_based": {
        "uk": "коди зсунуті на 1: код першої категорії словника — 0 (індекси в Python починаються з 0).",
        "en": "the codes are off by one: the first category of the vocabulary has code 0 (Python counts from 0).",
    },
    "codes_sorted_vocab": {
        "uk": "коди відповідають ВІДСОРТОВАНОМУ словнику, а не переданому: код i — це позиція категорії в "
              "vocabulary, як його передали (порядок може бути обраний вами, напр. low < medium < high).",
        "en": "the codes follow the SORTED vocabulary, not the one passed in: code i is the category's position in "
              "vocabulary as given (its order may be a chosen one, e.g. low < medium < high).",
    },
    "unknown_valid_code": {
        "uk": "невідома категорія отримала дійсний код (одну з позицій словника): схоже, np.searchsorted без "
              "перевірки, що vocabulary[код] == значення. Невідомій категорії належить unknown_value.",
        "en": "an unknown category got a valid code (a position in the vocabulary): np.searchsorted without checking "
              "that vocabulary[code] == value? An unknown category gets unknown_value.",
    },
    "unknown_category": {
        "uk": "категорії 'snow' немає у словнику, а unknown_value=None",
        "en": "the category 'snow' is not in the vocabulary and unknown_value=None",
    },
    "unknown_any": {
        "uk": "категорії немає у словнику, а unknown_value=None / handle_unknown=\"error\"",
        "en": "a category is not in the vocabulary and unknown_value=None / handle_unknown=\"error\"",
    },
    "unknown_not_named": {
        "uk": "{name}: повідомлення ValueError має назвати невідому категорію ('snow'), а воно таке: {text}",
        "en": "{name}: the ValueError's message should name the unknown category ('snow'); it says: {text}",
    },
    "unknown_value_valid": {
        "uk": "unknown_value — дійсний код (від 0 до m − 1): невідому категорію не можна буде відрізнити",
        "en": "unknown_value is a valid code (0 to m − 1): an unknown category could not be told apart",
    },
    "vocab_duplicates": {"uk": "у vocabulary є повтори", "en": "vocabulary has repeated categories"},
    # ------------------------------------------------------------------ one-hot
    "onehot_codes": {
        "uk": "це цілі коди, а потрібна матриця one-hot форми (n, m): рядок i має 1 у стовпці коду values[i].",
        "en": "these are integer codes; a one-hot matrix of shape (n, m) is needed: row i has a 1 in the column of "
              "values[i]'s code.",
    },
    "onehot_unknown_row": {
        "uk": "з handle_unknown=\"ignore\" рядок невідомої категорії має бути НУЛЬОВИМ (як у OneHotEncoder), а в "
              "ньому є одиниця.",
        "en": "with handle_unknown=\"ignore\" the row of an unknown category must be all ZEROS (as in "
              "OneHotEncoder), but it has a 1.",
    },
    "onehot_sorted_columns": {
        "uk": "стовпці йдуть за відсортованим словником, а мають іти в порядку переданого vocabulary: стовпець j — "
              "категорія vocabulary[j].",
        "en": "the columns follow the sorted vocabulary; they must follow vocabulary as given: column j is the "
              "category vocabulary[j].",
    },
    "bad_handle_unknown": {"uk": "handle_unknown не \"error\" і не \"ignore\"",
                           "en": "handle_unknown is neither \"error\" nor \"ignore\""},
    # ------------------------------------------------------------------ target encoding
    "target_naive": {
        "uk": "кожен рядок закодовано таблицею, навченою на ВСІХ рядках, його власна ціль теж: це витік цілі. "
              "Рядки кожної частини (fold) кодуйте таблицею (і середнім ȳ), навченими лише на ІНШИХ частинах.",
        "en": "every row was encoded with a table fitted on ALL rows, its own target included: that leaks the "
              "target. Encode each fold's rows with the table (and mean ȳ) fitted on the OTHER folds only.",
    },
    "target_own_fold": {
        "uk": "рядки частини закодовано таблицею, навченою на цій самій частині; потрібно навпаки: на всіх рядках "
              "ПОЗА частиною.",
        "en": "a fold's rows were encoded with a table fitted on that same fold; it is the other way round: on all "
              "the rows OUTSIDE the fold.",
    },
    "target_prior_all": {
        "uk": "категорії закодовано по інших частинах, але апріорне середнє ȳ взято по всіх рядках. ȳ теж бачить "
              "ціль рядка, що кодується: беріть середнє y лише по інших частинах (як TargetEncoder у scikit-learn).",
        "en": "the categories were encoded from the other folds, but the prior mean ȳ was taken over all rows. ȳ "
              "sees the encoded row's target too: take the mean of y over the other folds only (as scikit-learn's "
              "TargetEncoder does).",
    },
    "target_no_smoothing": {
        "uk": "згладжування не застосовано: enc(c) = (Σ y + m·ȳ) / (n_c + m), а у вас схоже на просте середнє.",
        "en": "the smoothing is missing: enc(c) = (Σ y + m·ȳ) / (n_c + m); yours looks like the plain mean.",
    },
    "target_unseen": {
        "uk": "категорія, якої немає в інших частинах, має отримати ȳ інших частин (з m = 0 інакше вийде 0/0).",
        "en": "a category absent from the other folds must get ȳ of the other folds (with m = 0 it is 0/0 otherwise).",
    },
    "y_length": {"uk": "довжина y не дорівнює кількості значень", "en": "the length of y differs from the number of values"},
    "folds_overlap": {"uk": "рядок 0 належить двом частинам", "en": "row 0 belongs to two folds"},
    "folds_missing": {"uk": "частини не покривають усі рядки", "en": "the folds do not cover every row"},
    "folds_range": {"uk": "частина містить індекс поза 0..n − 1", "en": "a fold has an index outside 0..n − 1"},
    "folds_all": {"uk": "одна частина містить усі рядки: немає на чому навчати таблицю",
                  "en": "one fold holds every row: nothing to fit the table on"},
    "folds_bad": {"uk": "частини не є розбиттям рядків 0..n − 1", "en": "the folds are not a partition of rows 0..n − 1"},
    "smoothing_negative": {"uk": "smoothing < 0", "en": "smoothing < 0"},
    # ------------------------------------------------------------------ PPMI
    "ppmi_nan": {
        "uk": "Слово (чи контекст) без жодної спільної появи має нульовий рядок (стовпець): там 0 · N / (0 · C) = 0/0. "
              "Нульовий лічильник дає PPMI = 0 — обчислюйте логарифм лише там, де C > 0 (маска або np.divide(…, "
              "where=…)).",
        "en": "A word (or context) with no co-occurrences has a zero row (column): there 0 · N / (0 · C) = 0/0. A zero "
              "count gives PPMI = 0 — take the logarithm only where C > 0 (a mask, or np.divide(…, where=…)).",
    },
    "ppmi_log2": {
        "uk": "це log₂; у цьому завданні натуральний логарифм np.log (значення відрізняються в ln 2 рази).",
        "en": "this is log₂; this task uses the natural logarithm np.log (the values differ by a factor ln 2).",
    },
    "ppmi_log10": {
        "uk": "це log₁₀; у цьому завданні натуральний логарифм np.log.",
        "en": "this is log₁₀; this task uses the natural logarithm np.log.",
    },
    "ppmi_negative": {
        "uk": "це PMI з від'ємними значеннями; PPMI обрізає їх до нуля: max(0, PMI).",
        "en": "this is PMI with its negative values; PPMI clips them at zero: max(0, PMI).",
    },
    "ppmi_no_total": {
        "uk": "схоже, забуто множник N = ΣC: PMI = ln(C_wc · N / (C_w· · C_·c)).",
        "en": "the factor N = ΣC seems to be missing: PMI = ln(C_wc · N / (C_w· · C_·c)).",
    },
    "counts_negative": {"uk": "у counts є від'ємне число", "en": "counts has a negative entry"},
    "counts_not_finite": {"uk": "у counts є NaN або нескінченність", "en": "counts has NaN or infinity"},
    "not_2d": {"uk": "вхід не двовимірна матриця", "en": "the input is not a 2-D matrix"},
    # ------------------------------------------------------------------ SVD
    "svd_no_sigma": {
        "uk": "схоже, повернуто лише U_d, без сингулярних значень: вбудовування — це рядки U_d Σ_d (U[:, :d] * s[:d]).",
        "en": "it looks like only U_d was returned, without the singular values: the embeddings are the rows of "
              "U_d Σ_d (U[:, :d] * s[:d]).",
    },
    "svd_sigma_squared": {
        "uk": "сингулярні значення піднесено до квадрата: потрібно U_d Σ_d, а не U_d Σ_d².",
        "en": "the singular values are squared: U_d Σ_d is needed, not U_d Σ_d².",
    },
    "svd_smallest": {
        "uk": "взято d НАЙМЕНШИХ сингулярних значень; np.linalg.svd повертає їх за спаданням — беріть перші d.",
        "en": "the d SMALLEST singular values were taken; np.linalg.svd returns them in descending order — take the "
              "first d.",
    },
    "svd_columns": {
        "uk": "це вбудовування СТОВПЦІВ (V_d Σ_d, форма (m, d)); потрібні вбудовування рядків: U_d Σ_d, форма (n, d).",
        "en": "these embed the COLUMNS (V_d Σ_d, shape (m, d)); embeddings of the rows are needed: U_d Σ_d, shape "
              "(n, d).",
    },
    "svd_gram": {
        "uk": " (порівнюємо матрицю Грама E Eᵀ: знаки сингулярних векторів довільні, тож самі стовпці можуть "
              "відрізнятися знаком)",
        "en": " (comparing the Gram matrix E Eᵀ: the signs of singular vectors are arbitrary, so the columns "
              "themselves may differ in sign)",
    },
    "d_range": {"uk": "d поза межами 1..min(n, m)", "en": "d is outside 1..min(n, m)"},
    "d_not_int": {"uk": "d не ціле число", "en": "d is not an integer"},
    # ------------------------------------------------------------------ neighbours
    "nbr_indices_type": {
        "uk": "{name}: індекси мають бути масивом цілих чисел форми ({k},), а отримано {got}.",
        "en": "{name}: the indices must be an integer array of shape ({k},), got {got}.",
    },
    "nbr_repeated": {
        "uk": "{name}: індекси повторюються або виходять за межі 0..{last}: {got}.",
        "en": "{name}: the indices repeat or fall outside 0..{last}: {got}.",
    },
    "nbr_excluded": {
        "uk": "{name}: повернуто рядок {index}, який є в exclude; виключені рядки не можуть бути сусідами.",
        "en": "{name}: row {index} was returned, but it is in exclude; excluded rows cannot be neighbours.",
    },
    "nbr_not_top": {
        "uk": "{name}: рядок {index} (косинус {got}) не серед k найподібніших: рядок {better} має косинус {best}.",
        "en": "{name}: row {index} (cosine {got}) is not among the k most similar: row {better} has cosine {best}.",
    },
    "nbr_order": {
        "uk": "{name}: сусіди мають іти за СПАДАННЯМ косинуса (найподібніший перший), а косинуси повернених рядків: "
              "{got}.",
        "en": "{name}: the neighbours must come in DESCENDING order of cosine (most similar first), but the returned "
              "rows' cosines are {got}.",
    },
    "nbr_farthest": {
        "uk": "повернуто НАЙМЕНШ подібні рядки: сортуйте косинуси за спаданням (np.argsort(-cos)).",
        "en": "the LEAST similar rows were returned: sort the cosines in descending order (np.argsort(-cos)).",
    },
    "nbr_dot": {
        "uk": "схоже, ви впорядкували за скалярним добутком, а не за косинусом: поділіть рядки E (і запит) на їхні "
              "норми.",
        "en": "it looks like you ranked by the dot product, not by the cosine: divide the rows of E (and the query) "
              "by their norms.",
    },
    "nbr_cosines": {
        "uk": " → косинуси повернених рядків",
        "en": " → the cosines of the returned rows",
    },
    "zero_row": {
        "uk": " Рядок E з нульовою нормою (слово без спільних появ) має косинус 0 з будь-яким запитом (як "
              "cosine_similarity у scikit-learn), а не NaN.",
        "en": " A row of E with zero norm (a word with no co-occurrences) has cosine 0 with any query (as "
              "scikit-learn's cosine_similarity), not NaN.",
    },
    "query_zero": {"uk": "запит — нульовий вектор", "en": "the query is the zero vector"},
    "query_length": {"uk": "довжина запиту не дорівнює кількості стовпців E",
                     "en": "the query's length differs from the number of columns of E"},
    "k_zero": {"uk": "k = 0", "en": "k = 0"},
    "k_big": {"uk": "k більше, ніж рядків, що лишаються після exclude",
              "en": "k is larger than the number of rows left after exclude"},
    "exclude_range": {"uk": "індекс в exclude поза межами E", "en": "an index in exclude is outside E"},
    # ------------------------------------------------------------------ analogy
    "analogy_inputs": {
        "uk": "серед відповідей є слово із запитання ({word}): у 3CosAdd слова a, b, c виключають із кандидатів "
              "(інакше відповіддю часто буде саме b).",
        "en": "an answer is a word of the question ({word}): 3CosAdd leaves a, b and c out of the candidates "
              "(otherwise the answer is often b itself).",
    },
    "analogy_raw": {
        "uk": "схоже, запит складено з НЕнормованих векторів: 3CosAdd використовує одиничні вектори b̂ − â + ĉ.",
        "en": "the query seems to be built from raw, unnormalized vectors: 3CosAdd uses unit vectors b̂ − â + ĉ.",
    },
    "analogy_sign": {
        "uk": "знаки в запиті переплутано: «a відноситься до b, як c до ?» — це b̂ − â + ĉ (king − man + woman).",
        "en": "the signs of the query are mixed up: \"a is to b as c is to ?\" is b̂ − â + ĉ (king − man + woman).",
    },
    "analogy_words": {
        "uk": "{name}: відповіді мають бути списком із {k} слів (str), а отримано {got}.",
        "en": "{name}: the answers must be a list of {k} words (str), got {got}.",
    },
    "analogy_unknown_word": {
        "uk": "{name}: відповідь {word!r} не є словом зі списку words.",
        "en": "{name}: the answer {word!r} is not a word of the list words.",
    },
    "word_missing": {"uk": "слова 'castle' немає у words", "en": "the word 'castle' is not in words"},
    "words_length": {"uk": "довжина words не дорівнює кількості рядків E",
                     "en": "the length of words differs from the number of rows of E"},
    "analogy_k_big": {"uk": "k більше, ніж слів, окрім a, b, c", "en": "k is larger than the number of words other than a, b, c"},
    # ------------------------------------------------------------------ shared
    "arraylike": {
        "uk": "Вхідні дані можуть бути списками або цілочисельними масивами: перетворіть їх на масиви numpy на "
              "початку функції (np.asarray).",
        "en": "The inputs may be lists or integer arrays: turn them into numpy arrays at the start of the function "
              "(np.asarray).",
    },
}


#: ``_h(key, **fmt)``: a hint in the notebook's language; ``why(key)``: a bad input's description for the hidden tests
_h, why = bind_hints(HINTS)


def _arr(rows) -> np.ndarray:
    return _array(rows, dtype=float)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _call(fn, *args, name: str, task: str, uses=(), **kwargs):
    """:func:`fsgeom.grading.call` for inputs given as lists: if the function fails on them, the message says that
    inputs are array-likes."""
    __tracebackhide__ = True
    try:
        return call(fn, *args, name=name, task=task, uses=uses, **kwargs)
    except StudentError as exc:
        err = StudentError(exc.hint + " " + _h("arraylike"), task)
        raise err from exc.__cause__


def _short_list(values, limit: int = 8) -> str:
    items = list(values)
    text = ", ".join(repr(v) for v in items[:limit])
    return "[" + text + (", …" if len(items) > limit else "") + "]"


def _plain(values) -> list:
    """Python scalars of a 1-D array-like (numpy str/int become str/int), for exact comparisons."""
    return [v.item() if isinstance(v, np.generic) else v for v in np.asarray(values).tolist()]


def _genuine_1d(result, name: str, shape_text: str, task: str) -> np.ndarray:
    """A genuine 1-D ndarray (any dtype but object-of-non-scalars), viewed as a plain ndarray; else a friendly
    failure (None, a list, another type)."""
    __tracebackhide__ = True
    t = type(result)
    if result is None:
        fail(message("returned_none", name=name), task)
    if issubclass(t, (list, tuple)):
        fail(message("returned_list", name=name, tname=t.__name__, shape=shape_text), task)
    if not issubclass(t, np.ndarray):
        fail(message("not_array", name=name, shape=shape_text, tname=t.__name__), task)
    return np.ndarray.view(result, np.ndarray)


# ============================================================================ vocabulary
def _appearance_order(values) -> list:
    seen, out = set(), []
    for v in _plain(values):
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


def judge_vocabulary(result, values, expected=None, *, name: str = "fit_vocabulary",
                     task: str = "fit_vocabulary") -> list:
    """``result`` must be a 1-D ndarray holding the sorted distinct ``values`` (``expected``, e.g. an encoder's
    ``categories_[0]``; default ``np.unique``). A vocabulary in order of first appearance, an unsorted one or one
    with repeats gets its hint. Returns the vocabulary as a Python list."""
    __tracebackhide__ = True
    exp = _plain(np.unique(np.asarray(values)) if expected is None else expected)
    got_arr = _genuine_1d(result, name, f"({len(exp)},)", task)
    if got_arr.ndim != 1:
        fail(message("wrong_shape", name=name, got=got_arr.shape, expected=(len(exp),)), task)
    got = _plain(got_arr)
    if got == exp:
        return got
    if len(set(got)) == len(got) == len(exp) and set(got) == set(exp):
        if got == _appearance_order(values):
            fail(f"{name}: " + _h("vocab_appearance"), task)
        fail(f"{name}: " + _h("vocab_unsorted"), task)
    if set(got) == set(exp):
        fail(f"{name}: " + _h("vocab_repeats"), task)
    fail(_h("vocab_differs", name=name, expected=_short_list(exp), got=_short_list(got)), task)


def fit_vocabulary(fn) -> None:
    """Visible checks of ``fit_vocabulary(values)``."""
    __tracebackhide__ = True
    task = name = "fit_vocabulary"
    weather = ["rain", "sun", "fog", "sun", "rain", "drizzle", "sun"]      # a list: first appearance != sorted
    judge_vocabulary(_call(fn, weather, name=name, task=task), weather, name=name, task=task)
    months = np.array([12, 3, 7, 3, 1, 12, 10])                              # integers: sorted as numbers
    judge_vocabulary(call(fn, months, name=name, task=task), months, name=name, task=task)
    one = np.array(["snow"] * 4)
    judge_vocabulary(call(fn, one, name=name, task=task), one, name=name, task=task)
    expect_raises(fn, np.array([], dtype=str), why=_h("empty_values"), name=name, task=task)
    expect_raises(fn, np.array([["a", "b"], ["b", "c"]]), why=_h("not_1d"), name=name, task=task)
    passed(name)


# ============================================================================ integer codes
def _codes_reference(values, vocabulary, unknown_value) -> np.ndarray:
    position = {v: i for i, v in enumerate(_plain(vocabulary))}
    return np.array([position.get(v, unknown_value) for v in _plain(values)], dtype=np.int64)


def _as_codes(result, n: int, name: str, task: str) -> np.ndarray:
    """Integer codes: an ndarray of shape (n,) with an integer dtype (or floats holding whole numbers)."""
    __tracebackhide__ = True
    got = _genuine_1d(result, name, f"({n},)", task)
    kind = got.dtype.kind
    if kind in "iu":
        codes = got.astype(np.int64)
    elif kind == "f" and bool(np.all(np.isfinite(got))) and bool(np.all(got == np.round(got))):
        codes = got.astype(np.int64)
    else:
        fail(_h("codes_not_int", name=name, got=f"{got.dtype} {_short_list(_plain(got))}"), task)
    if codes.shape != (n,):
        fail(message("wrong_shape", name=name, got=codes.shape, expected=(n,)), task)
    return codes


def judge_codes(result, values, vocabulary, unknown_value=None, expected=None, *, name: str = "integer_encode",
                task: str = "integer_encode") -> np.ndarray:
    """The codes of ``values`` for ``vocabulary`` (``expected`` from an oracle, default an explicit dict), with the
    hints for 1-based codes, codes of the sorted vocabulary and an unknown category mapped to a valid code."""
    __tracebackhide__ = True
    exp = _codes_reference(values, vocabulary, unknown_value) if expected is None else np.asarray(expected, np.int64)
    got = _as_codes(result, exp.size, name, task)
    if np.array_equal(got, exp):
        return got
    known = exp != (unknown_value if unknown_value is not None else -(2 ** 62))
    m = len(_plain(vocabulary))
    if unknown_value is not None and (~known).any() and np.array_equal(got[known], exp[known]) \
            and bool(np.all((got[~known] >= 0) & (got[~known] < m))):
        fail(f"{name}: " + _h("unknown_valid_code"), task)
    if np.array_equal(got[known], exp[known] + 1):
        fail(f"{name}: " + _h("codes_one_based"), task)
    sorted_vocab = sorted(_plain(vocabulary))
    if sorted_vocab != _plain(vocabulary):
        alt = _codes_reference(values, sorted_vocab, unknown_value)
        if np.array_equal(got[known], alt[known]):
            fail(f"{name}: " + _h("codes_sorted_vocab"), task)
    i = int(np.flatnonzero(got != exp)[0])
    fail(message("labels_differ", name=name, count=int((got != exp).sum()), size=exp.size,
                 where=message("labels_where", index=i, e=repr(int(exp[i])), g=repr(int(got[i])))), task)


def integer_encode(fn) -> None:
    """Visible checks of ``integer_encode(values, vocabulary, unknown_value=None)``."""
    __tracebackhide__ = True
    task = name = "integer_encode"
    vocab = np.array(["drizzle", "fog", "rain", "snow", "sun"])
    values = ["sun", "fog", "sun", "rain", "drizzle", "snow"]               # a list
    judge_codes(_call(fn, values, vocab, name=name, task=task), values, vocab, name=name, task=task)
    # a chosen (not sorted) order: code i is the position in vocabulary as given
    levels = np.array(["low", "medium", "high"])
    grades = np.array(["high", "low", "medium", "high", "low"])
    judge_codes(call(fn, grades, levels, name=name, task=task), grades, levels, name=name, task=task)
    # integer categories
    months, used = np.array([1, 4, 7, 10]), np.array([10, 1, 1, 7, 4])
    judge_codes(call(fn, used, months, name=name, task=task), used, months, name=name, task=task)
    # an unknown category: an error naming it, or unknown_value (which must not be a valid code)
    small = np.array(["fog", "rain", "sun"])
    seen = np.array(["rain", "snow", "sun", "fog"])                          # 'snow' sorts between rain and sun
    exc = expect_raises(fn, seen, small, why=_h("unknown_category"), name=name, task=task)
    if "snow" not in str(exc):
        fail(_h("unknown_not_named", name=name, text=str(exc)[:200]), task)
    for u in (-1, 3, 99):
        judge_codes(call(fn, seen, small, u, name=name, task=task), seen, small, u, name=name, task=task)
    expect_raises(fn, seen, small, 1, why=_h("unknown_value_valid"), name=name, task=task)
    expect_raises(fn, seen, np.array(["fog", "rain", "fog"]), -1, why=_h("vocab_duplicates"), name=name, task=task)
    expect_raises(fn, seen[None, :], small, -1, why=_h("not_1d"), name=name, task=task)
    passed(name)


# ============================================================================ one-hot
def _one_hot_reference(values, vocabulary) -> np.ndarray:
    codes = _codes_reference(values, vocabulary, -1)
    out = np.zeros((codes.size, len(_plain(vocabulary))))
    for i, c in enumerate(codes):
        if c >= 0:
            out[i, c] = 1.0
    return out


def judge_one_hot(result, values, vocabulary, expected=None, *, name: str = "one_hot",
                  task: str = "one_hot") -> np.ndarray:
    """The one-hot matrix (n, m) of ``values`` (``expected`` from an oracle, default an explicit loop); integer or
    boolean results holding 0/1 are accepted. Hints: codes instead of a matrix, a non-zero row for an unknown
    category, columns of the sorted vocabulary."""
    __tracebackhide__ = True
    exp = _one_hot_reference(values, vocabulary) if expected is None else _arr(expected)
    n, m = exp.shape
    t = type(result)
    if issubclass(t, np.ndarray) and np.ndarray.view(result, np.ndarray).shape == (n,) and m != 1:
        fail(message("wrong_shape", name=name, got=(n,), expected=(n, m)) + " " + _h("onehot_codes"), task)
    got = as_float_array(result, name, (n, m), task, allow_bool=True)
    unknown = exp.sum(axis=1) == 0
    mistakes = []
    if unknown.any():
        if got.shape == exp.shape and np.all(np.isfinite(got)) and allclose(got[~unknown], exp[~unknown]) \
                and not allclose(got[unknown], 0.0):
            fail(f"{name}: " + _h("onehot_unknown_row"), task)
    sorted_vocab = sorted(_plain(vocabulary))
    if sorted_vocab != _plain(vocabulary):
        mistakes.append((_one_hot_reference(values, sorted_vocab), _h("onehot_sorted_columns")))
    return check_array(got, exp, name=name, mistakes=mistakes, like=result, task=task)


def one_hot(fn) -> None:
    """Visible checks of ``one_hot(values, vocabulary, handle_unknown="error")``."""
    __tracebackhide__ = True
    task = name = "one_hot"
    vocab = np.array(["fog", "rain", "sun"])
    values = ["sun", "fog", "rain", "sun"]                                   # a list
    judge_one_hot(_call(fn, values, vocab, name=name, task=task), values, vocab, name=name, task=task)
    levels = np.array(["low", "medium", "high"])                             # columns follow vocabulary as given
    grades = np.array(["high", "low", "medium", "high"])
    judge_one_hot(call(fn, grades, levels, name=name, task=task), grades, levels, name=name, task=task)
    months, used = np.array([1, 4, 7, 10]), np.array([10, 1, 7])
    judge_one_hot(call(fn, used, months, "error", name=name, task=task), used, months, name=name, task=task)
    seen = np.array(["rain", "snow", "sun", "fog", "hail"])
    judge_one_hot(call(fn, seen, vocab, "ignore", name=name, task=task), seen, vocab, name=name, task=task)
    judge_one_hot(call(fn, seen, vocab, handle_unknown="ignore", name=name, task=task), seen, vocab, name=name,
                  task=task)
    expect_raises(fn, seen, vocab, why=_h("unknown_any"), name=name, task=task)
    expect_raises(fn, seen, vocab, "skip", why=_h("bad_handle_unknown"), name=name, task=task)
    expect_raises(fn, values, np.array(["fog", "sun", "fog"]), "ignore", why=_h("vocab_duplicates"), name=name,
                  task=task)
    passed(name)


# ============================================================================ target encoding
def target_reference(values, y, folds, smoothing: float, *, prior: str = "rest", fit_on: str = "rest") -> np.ndarray:
    r"""Cross-fitted smoothed target encoding by its formula, one fold and one category at a time:
    :math:`\mathrm{enc}(c) = (\sum_{i \notin F,\, x_i = c} y_i + m\,\bar y_{\bar F}) / (n_{c,\bar F} + m)`,
    a category absent outside the fold getting :math:`\bar y_{\bar F}`. The usual mistakes, for hints:
    ``prior="all"`` (the prior over all rows), ``fit_on="all"`` (the naive encoding, folds ignored),
    ``fit_on="fold"`` (fitted on the fold itself)."""
    vals = _plain(values)
    y = _arr(y)
    n = len(vals)
    out = np.empty(n)
    everything = np.arange(n)
    for fold in folds:
        fold = np.asarray(fold, dtype=np.int64).reshape(-1)
        inside = np.zeros(n, bool)
        inside[fold] = True
        rows = {"rest": everything[~inside], "all": everything, "fold": fold}[fit_on]
        prior_rows = rows if prior == "rest" else everything
        ybar = float(y[prior_rows].mean())
        sums: dict = {}
        counts: dict = {}
        for i in rows:
            sums[vals[i]] = sums.get(vals[i], 0.0) + y[i]
            counts[vals[i]] = counts.get(vals[i], 0) + 1
        for i in fold:
            c = counts.get(vals[i], 0)
            out[i] = ybar if c + smoothing == 0 else (sums.get(vals[i], 0.0) + smoothing * ybar) / (c + smoothing)
    return out


def judge_target(result, values, y, folds, smoothing: float, expected=None, *, name: str = "target_encode",
                 task: str = "target_encode") -> np.ndarray:
    """The cross-fitted encoding (``expected`` from an oracle, default :func:`target_reference`), with the hints
    for the naive encoding, a table fitted on the fold itself, the prior over all rows and no smoothing. Tolerance:
    means of ``y``, rounded at ``max |y|``."""
    __tracebackhide__ = True
    exp = target_reference(values, y, folds, smoothing) if expected is None else _arr(expected)
    scale = max(float(np.abs(_arr(y)).max()), 1e-300)
    mistakes = [(target_reference(values, y, folds, smoothing, fit_on="all"), _h("target_naive")),
                (target_reference(values, y, folds, smoothing, fit_on="fold"), _h("target_own_fold")),
                (target_reference(values, y, folds, smoothing, prior="all"), _h("target_prior_all"))]
    if smoothing > 0:
        mistakes.append((target_reference(values, y, folds, 0.0), _h("target_no_smoothing")))
    return check_array(result, exp, name=name, scale=scale, mistakes=mistakes, task=task)


def target_encode(fn) -> None:
    """Visible checks of ``target_encode(values, y, folds, smoothing)``."""
    __tracebackhide__ = True
    task = name = "target_encode"
    # hand-checkable: 2 folds; fold 1 = rows 3..5 is encoded from rows 0..2 (ȳ = 2), and the other way round
    values = ["a", "b", "a", "a", "b", "c"]
    y = [1.0, 2.0, 3.0, 5.0, 4.0, 9.0]
    folds = [np.array([0, 1, 2]), np.array([3, 4, 5])]
    judge_target(_call(fn, values, y, folds, 1.0, name=name, task=task), values, y, folds, 1.0, name=name, task=task)
    # smoothing 0: the plain mean of the other folds; a category absent from them gets their ȳ
    judge_target(call(fn, np.array(values), np.array(y), folds, 0.0, name=name, task=task), values, y, folds, 0.0,
                 name=name, task=task)
    # the Seattle-like case: five weather levels, a 0/1 target, 3 uneven folds given as lists
    rng = _rng(21)
    levels = np.array(["drizzle", "fog", "rain", "snow", "sun"])
    x = levels[rng.choice(5, size=40, p=[0.1, 0.1, 0.4, 0.05, 0.35])]
    yy = (rng.random(40) < np.where(np.isin(x, ["rain", "drizzle", "snow"]), 0.9, 0.15)).astype(int)
    perm = rng.permutation(40)
    folds3 = [perm[:15].tolist(), perm[15:28].tolist(), perm[28:].tolist()]
    judge_target(_call(fn, x, yy, folds3, 2.5, name=name, task=task), x, yy, folds3, 2.5, name=name, task=task)
    # integer categories, five folds
    xi = rng.integers(0, 8, size=30)
    yi = rng.normal(size=30) * 10 + xi
    folds5 = np.array_split(rng.permutation(30), 5)
    judge_target(call(fn, xi, yi, folds5, 4, name=name, task=task), xi, yi, folds5, 4, name=name, task=task)
    # bad input
    expect_raises(fn, values, y[:-1], folds, 1.0, why=_h("y_length"), name=name, task=task)
    expect_raises(fn, values, y, [np.array([0, 1, 2]), np.array([0, 3, 4, 5])], 1.0, why=_h("folds_overlap"),
                  name=name, task=task)
    expect_raises(fn, values, y, [np.array([0, 1, 2]), np.array([3, 4])], 1.0, why=_h("folds_missing"), name=name,
                  task=task)
    expect_raises(fn, values, y, [np.array([0, 1, 2]), np.array([3, 4, 5, 6])], 1.0, why=_h("folds_range"),
                  name=name, task=task)
    expect_raises(fn, values, y, [np.arange(6)], 1.0, why=_h("folds_all"), name=name, task=task)
    expect_raises(fn, values, y, folds, -1.0, why=_h("smoothing_negative"), name=name, task=task)
    passed(name)


# ============================================================================ PPMI
def _ppmi_reference(counts, log=np.log, clip: bool = True, total: bool = True, nan: bool = False) -> np.ndarray:
    C = _arr(counts)
    N = C.sum() if total else 1.0
    r, c = C.sum(axis=1), C.sum(axis=0)
    out = np.zeros_like(C)
    for i, j in zip(*np.nonzero(C)):
        v = log(C[i, j] * N / (r[i] * c[j]))
        out[i, j] = max(v, 0.0) if clip else v
    if nan:
        with np.errstate(all="ignore"):
            out[(r[:, None] * c[None, :]) == 0] = np.nan
    return out


def judge_ppmi(result, counts, expected=None, *, name: str = "ppmi", task: str = "ppmi") -> np.ndarray:
    """PPMI of ``counts`` (``expected`` from an oracle, default an explicit loop over the non-zero counts). Values
    are logarithms of ratios of sums: an absolute error of a few ``eps`` times ``max(1, max PPMI)``."""
    __tracebackhide__ = True
    exp = _ppmi_reference(counts) if expected is None else _arr(expected)
    mistakes = [(_ppmi_reference(counts, log=np.log2), _h("ppmi_log2")),
                (_ppmi_reference(counts, log=np.log10), _h("ppmi_log10")),
                (_ppmi_reference(counts, clip=False), _h("ppmi_negative")),
                (_ppmi_reference(counts, total=False), _h("ppmi_no_total"))]
    return check_array(result, exp, name=name, mistakes=mistakes, nan_hint=_h("ppmi_nan"), task=task)


def ppmi(fn) -> None:
    """Visible checks of ``ppmi(counts)``."""
    __tracebackhide__ = True
    task = name = "ppmi"
    # 2 x 2 by hand: N = 10, rows 5 and 5, columns 6 and 4: PPMI[0, 0] = ln(4 · 10 / 30) = ln(4/3), PMI[0, 1] < 0
    C = [[4, 1], [2, 3]]
    judge_ppmi(_call(fn, C, name=name, task=task), C, name=name, task=task)
    # a word (row 2) and a context (column 3) with no co-occurrences: their PPMI is 0, never NaN
    C = _arr([[10, 0, 3, 0, 1], [2, 8, 0, 0, 5], [0, 0, 0, 0, 0], [1, 1, 6, 0, 2]])
    judge_ppmi(call(fn, C, name=name, task=task), C, name=name, task=task)
    # a symmetric word-word matrix, as the lecture's co-occurrence counts
    rng = _rng(31)
    A = rng.poisson(2.0, size=(6, 6)).astype(float) * rng.integers(0, 2, size=(6, 6))
    S = A + A.T
    S[np.arange(6), np.arange(6)] = 0.0
    judge_ppmi(call(fn, S, name=name, task=task), S, name=name, task=task)
    expect_raises(fn, _arr([[1.0, -1.0], [2.0, 0.0]]), why=_h("counts_negative"), name=name, task=task)
    expect_raises(fn, _arr([[1.0, np.nan], [2.0, 0.0]]), why=_h("counts_not_finite"), name=name, task=task)
    expect_raises(fn, _arr([1.0, 2.0, 3.0]), why=_h("not_2d"), name=name, task=task)
    passed(name)


# ============================================================================ SVD embeddings
def _svd(M):
    U, s, Vt = np.linalg.svd(_arr(M), full_matrices=False)
    return U, s, Vt


def _gram_cond(s, d: int) -> float:
    """How much rounding can move the top-d Gram matrix ``U_d Σ_d² U_dᵀ``, in units of ``eps · s1²``: rounding
    ``M Mᵀ`` by ``eps · s1²`` turns the top-d subspace by ``eps · s1² / (s_d² − s_{d+1}²)``, which moves the Gram
    matrix by ``s_d²`` times that: ``cond = s_d² / (s_d² − s_{d+1}²)`` (1 when ``d`` takes every singular value)."""
    s = np.asarray(s, dtype=float)
    nxt = s[d] if d < s.size else 0.0
    gap = s[d - 1] ** 2 - nxt ** 2
    return math.inf if gap <= 0 else float(s[d - 1] ** 2 / gap)


def judge_embeddings(result, M, d: int, expected_gram=None, *, name: str = "svd_embeddings",
                     task: str = "svd_embeddings") -> np.ndarray:
    """``result`` (n, d) must be the rows of ``U_d Σ_d`` up to the signs of its columns: compared through the Gram
    matrix ``E Eᵀ = U_d Σ_d² U_dᵀ`` (``expected_gram`` from an oracle, default numpy's SVD). Tolerance:
    :func:`fsgeom.grading.tolerance` with ``cond = s_d² / (s_d² − s_{d+1}²)`` (:func:`_gram_cond`), absolute at the
    scale ``s1²``."""
    __tracebackhide__ = True
    M = _arr(M)
    n, m = M.shape
    U, s, Vt = _svd(M)
    shape_hints = {(m, d): _h("svd_columns")} if m != n else None
    t = type(result)
    if issubclass(t, np.ndarray) and np.ndarray.view(result, np.ndarray).shape == (m, d) and m != n:
        fail(message("wrong_shape", name=name, got=(m, d), expected=(n, d)) + " " + _h("svd_columns"), task)
    E = as_float_array(result, name, (n, d), task)
    if E.shape != (n, d):
        check_array(E, np.zeros((n, d)), name=name, shape_hints=shape_hints, task=task)   # the shape message
    if not np.all(np.isfinite(E)):
        check_array(E, np.zeros((n, d)), name=name, task=task)                             # the NaN message
    G = E @ E.T
    exp = (U[:, :d] * s[:d] ** 2) @ U[:, :d].T if expected_gram is None else _arr(expected_gram)
    small = U[:, -d:] * s[-d:] if d <= s.size else U
    mistakes = [(U[:, :d] @ U[:, :d].T, _h("svd_no_sigma")),
                ((U[:, :d] * s[:d] ** 4) @ U[:, :d].T, _h("svd_sigma_squared")),
                (small @ small.T, _h("svd_smallest"))]
    check_array(G, exp, name=name + _h("svd_gram"), cond=_gram_cond(s, d), scale=max(float(s[0]) ** 2, 1e-300),
                like=result, mistakes=mistakes, task=task)
    return E


def _with_singular_values(rng, n: int, m: int, s) -> np.ndarray:
    """A random (n, m) matrix with the given singular values (random orthonormal singular vectors)."""
    k = len(s)
    P = np.linalg.qr(rng.normal(size=(n, k)))[0]
    Q = np.linalg.qr(rng.normal(size=(m, k)))[0]
    return (P * np.asarray(s, dtype=float)) @ Q.T


def svd_embeddings(fn) -> None:
    """Visible checks of ``svd_embeddings(M, d)``."""
    __tracebackhide__ = True
    task = name = "svd_embeddings"
    # a diagonal matrix: the embeddings are (up to sign) the scaled axes
    D = [[3, 0, 0], [0, 0, 0], [0, 0, 1], [0, 2, 0]]
    judge_embeddings(_call(fn, D, 2, name=name, task=task), D, 2, name=name, task=task)
    rng = _rng(41)
    M = _with_singular_values(rng, 7, 5, [9.0, 4.0, 2.0, 0.5, 0.1])
    for d in (1, 3, 5):
        judge_embeddings(call(fn, M, d, name=name, task=task), M, d, name=name, task=task)
    W = _with_singular_values(rng, 4, 9, [5.0, 2.0, 0.7, 0.2])                  # more columns than rows
    judge_embeddings(call(fn, W, 2, name=name, task=task), W, 2, name=name, task=task)
    expect_raises(fn, M, 0, why=_h("d_range"), name=name, task=task)
    expect_raises(fn, M, 6, why=_h("d_range"), name=name, task=task)
    # a non-integer d is a wrong type: TypeError (what slicing raises by itself) is as clear as ValueError
    expect_raises(fn, M, 2.5, exc=(ValueError, TypeError), why=_h("d_not_int"), name=name, task=task)
    expect_raises(fn, M[0], 1, why=_h("not_2d"), name=name, task=task)
    passed(name)


# ============================================================================ cosine neighbours
def _cosines(E, query) -> np.ndarray:
    """Cosine of every row of E with the query (a zero row: 0)."""
    E = _arr(E)
    q = _arr(query)
    norms = np.sqrt((E ** 2).sum(axis=1))
    dots = E @ q / math.sqrt(float(q @ q))
    out = np.zeros(len(E))
    ok = norms > 0
    out[ok] = dots[ok] / norms[ok]
    return out


def _as_indices(raw, k: int, m: int, name: str, task: str) -> np.ndarray:
    __tracebackhide__ = True
    t = type(raw)
    if not issubclass(t, np.ndarray):
        fail(_h("nbr_indices_type", name=name, k=k, got=t.__name__), task)
    idx = np.ndarray.view(raw, np.ndarray)
    if idx.dtype.kind == "f" and bool(np.all(np.isfinite(idx))) and bool(np.all(idx == np.round(idx))):
        idx = idx.astype(np.int64)
    if idx.dtype.kind not in "iu" or idx.shape != (k,):
        fail(_h("nbr_indices_type", name=name, k=k, got=f"{idx.dtype} {idx.shape}"), task)
    idx = idx.astype(np.int64)
    if len(set(idx.tolist())) != k or bool(np.any((idx < 0) | (idx >= m))):
        fail(_h("nbr_repeated", name=name, last=m - 1, got=_short_list(idx.tolist())), task)
    return idx


def _judge_ranked(idx, cos_got, raw_cos, sims, exclude, k: int, name: str, task: str, mistakes=(), zero_rows=()):
    """``idx`` (k distinct row indices) must be a top-k of ``sims`` without ``exclude``, in descending order, and
    ``cos_got`` their cosines -- all within the tolerance of the student's precision (a tie within it may be
    broken either way)."""
    __tracebackhide__ = True
    d_scale = 1.0
    _, tol = tolerance(eps=precision(raw_cos), scale=d_scale * 4)
    tol = max(tol, 4 * tolerance(eps=precision(raw_cos))[0])
    excluded = set(int(j) for j in exclude)
    for j in idx.tolist():
        if j in excluded:
            fail(_h("nbr_excluded", name=name, index=j), task)
    allowed = np.array([j for j in range(len(sims)) if j not in excluded], dtype=np.int64)
    rest = np.setdiff1d(allowed, idx)
    worst = int(idx[np.argmin(sims[idx])])
    if rest.size and sims[worst] < sims[rest].max() - tol:
        for cand, hint in mistakes:
            if set(idx.tolist()) == set(np.asarray(cand).tolist()):
                fail(f"{name}: " + hint, task)
        better = int(rest[np.argmax(sims[rest])])
        e, g = distinct(sims[better], sims[worst])
        fail(_h("nbr_not_top", name=name, index=worst, got=g, better=better, best=e)
             + (_h("zero_row") if better in set(zero_rows) else ""), task)
    chosen = sims[idx]
    if bool(np.any(np.diff(chosen) > tol)):
        fail(_h("nbr_order", name=name, got=_short_list([round(float(v), 6) for v in chosen])), task)
    check_array(cos_got, chosen, name=name + _h("nbr_cosines"), rtol=tol, atol=tol, task=task)


def judge_neighbours(result, E, query, k: int, exclude=(), expected_cosines=None, *, name: str = "cosine_neighbours",
                     task: str = "cosine_neighbours"):
    """``result == (indices, cosines)``: ``indices`` (k,) integer rows of E, none excluded, the k most cosine-similar
    to ``query`` in descending order (ties within tolerance in any order); ``cosines`` (k,) their cosines.
    ``expected_cosines``: every row's cosine with the query from an oracle (default an explicit formula; a zero
    row: 0). Hints: the dot product instead of the cosine, the least similar rows, NaN for a zero row."""
    __tracebackhide__ = True
    E_ = _arr(E)
    m = len(E_)
    sims = _cosines(E_, query) if expected_cosines is None else _arr(expected_cosines)
    raw_idx, raw_cos = check_tuple(result, 2, name=name, task=task)
    cos_got = as_float_array(raw_cos, name + _h("nbr_cosines"), (k,), task)
    if cos_got.shape != (k,):
        fail(message("wrong_shape", name=name + _h("nbr_cosines"), got=cos_got.shape, expected=(k,)), task)
    if not np.all(np.isfinite(cos_got)):
        fail(message("not_finite", name=name + _h("nbr_cosines"), count=int((~np.isfinite(cos_got)).sum()),
                     size=k) + _h("zero_row"), task)
    idx = _as_indices(raw_idx, k, m, name, task)
    excluded = set(int(j) for j in exclude)
    allowed = np.array([j for j in range(m) if j not in excluded], dtype=np.int64)
    dots = E_ @ _arr(query)
    farthest = allowed[np.argsort(sims[allowed], kind="stable")[:k]]
    by_dot = allowed[np.argsort(-dots[allowed], kind="stable")[:k]]
    mistakes = [(farthest, _h("nbr_farthest")), (by_dot, _h("nbr_dot"))]
    zero_rows = np.flatnonzero(~np.any(E_ != 0, axis=1)).tolist()
    _judge_ranked(idx, cos_got, raw_cos, sims, exclude, k, name, task, mistakes=mistakes, zero_rows=zero_rows)
    return idx, cos_got


def cosine_neighbours(fn) -> None:
    """Visible checks of ``cosine_neighbours(E, query, k, exclude=())``."""
    __tracebackhide__ = True
    task = name = "cosine_neighbours"
    E = [[1, 0], [0, 1], [1, 1], [-1, 0], [0, 0], [20, 3], [3, -1]]         # row 4 is zero: cosine 0
    q = [1, 0.2]
    judge_neighbours(_call(fn, E, q, 3, name=name, task=task), E, q, 3, name=name, task=task)
    judge_neighbours(call(fn, _arr(E), _arr(q), 3, exclude=(5, 0), name=name, task=task), E, q, 3, (5, 0),
                     name=name, task=task)
    judge_neighbours(call(fn, _arr(E), _arr([-1.0, -0.5]), 5, name=name, task=task), E, [-1.0, -0.5], 5,
                     name=name, task=task)                                  # reaches the zero row
    rng = _rng(51)
    R = rng.normal(size=(12, 4)) * rng.uniform(0.1, 10, size=(12, 1))     # lengths differ: dot != cosine
    query = rng.normal(size=4)
    judge_neighbours(call(fn, R, query, 4, [2, 7], name=name, task=task), R, query, 4, (2, 7), name=name, task=task)
    expect_raises(fn, R, np.zeros(4), 2, why=_h("query_zero"), name=name, task=task)
    expect_raises(fn, R, query[:3], 2, why=_h("query_length"), name=name, task=task)
    expect_raises(fn, R, query, 0, why=_h("k_zero"), name=name, task=task)
    expect_raises(fn, R, query, 11, (0, 1), why=_h("k_big"), name=name, task=task)
    expect_raises(fn, R, query, 2, (12,), why=_h("exclude_range"), name=name, task=task)
    expect_raises(fn, R[0], query, 1, why=_h("not_2d"), name=name, task=task)
    passed(name)


# ============================================================================ analogy
def _unit(E) -> np.ndarray:
    E = _arr(E)
    norms = np.sqrt((E ** 2).sum(axis=1, keepdims=True))
    return np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)


def analogy_query(E, words, a: str, b: str, c: str, unit: bool = True) -> np.ndarray:
    r"""The 3CosAdd query :math:`\hat b - \hat a + \hat c` (``unit=False``: from the raw vectors)."""
    idx = {w: i for i, w in enumerate(_plain(words))}
    U = _unit(E) if unit else _arr(E)
    return U[idx[b]] - U[idx[a]] + U[idx[c]]


def own_analogy(cosine_neighbours, E, words, a: str, b: str, c: str, k: int) -> list:
    """``[(answers, cosines)]`` that the student's OWN ``cosine_neighbours`` gives for the right query and exclusions
    (on E and on its unit rows), or ``[]`` when it is missing or fails: an analogy built on it is judged by what
    it must do itself (the query and the exclusions), a mistake in ``cosine_neighbours`` is charged to that task."""
    if not callable(cosine_neighbours):
        return []
    vocab = _plain(words)
    idx = {w: i for i, w in enumerate(vocab)}
    q = analogy_query(E, words, a, b, c)
    out = []
    for X in (_arr(E), _unit(E)):
        for excl in ((idx[a], idx[b], idx[c]), [idx[a], idx[b], idx[c]]):
            try:
                with quiet():
                    raw_idx, raw_cos = check_tuple(call(cosine_neighbours, X, q, k, excl), 2)
                    ids = _as_indices(raw_idx, k, len(vocab), "cosine_neighbours", "cosine_neighbours")
                    cos = as_float_array(raw_cos, "cosines")
            except Exception:  # noqa: BLE001 - an unusable helper: judge against the reference only
                continue
            out.append(([vocab[i] for i in ids.tolist()], cos))
    return out


def judge_analogy(result, E, words, a: str, b: str, c: str, k: int, expected_cosines=None, own=(), *,
                  name: str = "analogy", task: str = "analogy"):
    r"""``result == (answers, cosines)``: ``answers`` k words (a list or an array of str), the nearest in cosine to
    :math:`\hat b - \hat a + \hat c` without a, b and c, in descending order; ``cosines`` their cosines with the
    query. Accepted too: exactly what the student's own ``cosine_neighbours`` gives for that query (``own``). Hints:
    an input word returned, raw (not unit) vectors, a wrong sign in the query."""
    __tracebackhide__ = True
    vocab = _plain(words)
    idx_of = {w: i for i, w in enumerate(vocab)}
    raw_words, raw_cos = check_tuple(result, 2, name=name, task=task)
    t = type(raw_words)
    if issubclass(t, np.ndarray):
        got_words = _plain(np.ndarray.view(raw_words, np.ndarray)) if raw_words.ndim == 1 else None
    elif issubclass(t, (list, tuple)):
        got_words = [w.item() if isinstance(w, np.generic) else w for w in raw_words]
    else:
        got_words = None
    if got_words is None or len(got_words) != k or not all(isinstance(w, str) for w in got_words):
        fail(_h("analogy_words", name=name, k=k, got=f"{t.__name__} {_short_list(got_words or [])}"), task)
    for w in got_words:
        if w not in idx_of:
            fail(_h("analogy_unknown_word", name=name, word=w), task)
    cos_got = as_float_array(raw_cos, name + _h("nbr_cosines"), (k,), task)
    if cos_got.shape != (k,):
        fail(message("wrong_shape", name=name + _h("nbr_cosines"), got=cos_got.shape, expected=(k,)), task)
    if not np.all(np.isfinite(cos_got)):
        fail(message("not_finite", name=name + _h("nbr_cosines"), count=int((~np.isfinite(cos_got)).sum()),
                     size=k), task)
    _, tol = tolerance(eps=precision(raw_cos), scale=4.0)
    tol = max(tol, 4 * tolerance(eps=precision(raw_cos))[0])
    for own_words, own_cos in own:
        if own_words == got_words and own_cos.shape == cos_got.shape and allclose(cos_got, own_cos, rtol=tol, atol=tol):
            return got_words, cos_got
    inputs = {idx_of[a], idx_of[b], idx_of[c]}
    ids = np.array([idx_of[w] for w in got_words], dtype=np.int64)
    if len(set(ids.tolist())) != k:
        fail(_h("nbr_repeated", name=name, last=len(vocab) - 1, got=_short_list(got_words)), task)
    for w in got_words:
        if idx_of[w] in inputs:
            fail(f"{name}: " + _h("analogy_inputs", word=repr(w)), task)
    q = analogy_query(E, words, a, b, c)
    sims = _cosines(E, q) if expected_cosines is None else _arr(expected_cosines)
    allowed = np.array([j for j in range(len(vocab)) if j not in inputs], dtype=np.int64)
    mistakes = []
    for query, key in ((analogy_query(E, words, a, b, c, unit=False), "analogy_raw"),
                       (analogy_query(E, words, b, a, c), "analogy_sign"),
                       (analogy_query(E, words, c, b, a), "analogy_sign")):
        if not np.any(query):
            continue
        s = _cosines(E, query)
        top = allowed[np.argsort(-s[allowed], kind="stable")[:k]]
        mistakes.append((top, _h(key)))
        if set(top.tolist()) == set(ids.tolist()) and allclose(cos_got, s[ids], rtol=tol, atol=tol) \
                and not allclose(cos_got, sims[ids], rtol=tol, atol=tol):
            fail(f"{name}: " + _h(key), task)
    _judge_ranked(ids, cos_got, raw_cos, sims, sorted(inputs), k, name, task, mistakes=mistakes)
    return got_words, cos_got


#: a planted embedding: the axes are (royal, common, young, fruit, gender) and a word's gender is a small offset
#: ±0.3 along the last axis -- so b̂ − â + ĉ is nearest to the answer, and then to b itself
PLANTED_WORDS = ("king", "queen", "man", "woman", "prince", "princess", "boy", "girl", "apple", "pear")
PLANTED = np.array([
    [1.0, 0.0, 0.0, 0.0, 0.3], [1.0, 0.0, 0.0, 0.0, -0.3],
    [0.0, 1.0, 0.0, 0.0, 0.3], [0.0, 1.0, 0.0, 0.0, -0.3],
    [1.0, 0.0, 1.0, 0.0, 0.3], [1.0, 0.0, 1.0, 0.0, -0.3],
    [0.0, 1.0, 1.0, 0.0, 0.3], [0.0, 1.0, 1.0, 0.0, -0.3],
    [0.0, 0.0, 0.0, 1.0, 0.05], [0.1, 0.0, 0.0, 1.0, -0.05],
]) * np.array([[2.0], [0.5], [1.0], [3.0], [1.5], [0.7], [1.0], [2.5], [1.0], [1.2]])   # lengths differ


def _check_analogy_case(fn, cn, E, words, a, b, c, k, name, task, caller=None, expected_first=None):
    __tracebackhide__ = True
    uses = (cn,)
    got = (caller or call)(fn, E, words, a, b, c, k, name=name, task=task, uses=uses)
    answers, _ = judge_analogy(got, E, words, a, b, c, k, own=own_analogy(cn, E, words, a, b, c, k), name=name,
                               task=task)
    return answers


def analogy(fn, cosine_neighbours=None) -> None:
    """Visible checks of ``analogy(E, words, a, b, c, k=1)``; ``cosine_neighbours``: the student's own task-6
    function (optional), whose exact output for the right query is accepted too (:func:`own_analogy`)."""
    __tracebackhide__ = True
    task = name = "analogy"
    words = list(PLANTED_WORDS)
    E = PLANTED
    _check_analogy_case(fn, cosine_neighbours, E, words, "man", "king", "woman", 1, name, task)
    _check_analogy_case(fn, cosine_neighbours, E, words, "man", "king", "woman", 3, name, task)   # then king: left out
    _check_analogy_case(fn, cosine_neighbours, E, np.array(words), "girl", "boy", "princess", 2, name, task)
    _check_analogy_case(fn, cosine_neighbours, E.tolist(), words, "king", "prince", "woman", 2, name, task,
                        caller=_call)
    rng = _rng(61)
    R = rng.normal(size=(15, 6)) * rng.uniform(0.2, 5.0, size=(15, 1))
    rwords = [f"w{i:02d}" for i in range(15)]
    _check_analogy_case(fn, cosine_neighbours, R, rwords, "w03", "w07", "w11", 4, name, task)
    uses = (cosine_neighbours,)
    expect_raises(fn, E, words, "man", "castle", "woman", why=_h("word_missing"), name=name, task=task, uses=uses)
    expect_raises(fn, E, words[:-1], "man", "king", "woman", why=_h("words_length"), name=name, task=task, uses=uses)
    analogy_bad_k(fn, cosine_neighbours, E, words, "man", "king", "woman", 8, name=name, task=task)
    passed(name)


def analogy_bad_k(fn, cosine_neighbours, E, words, a: str, b: str, c: str, k: int, *, name: str = "analogy",
                  task: str = "analogy") -> None:
    """``analogy(..., k)`` with ``k`` larger than the number of candidates must raise ValueError -- unless it reuses
    the student's own ``cosine_neighbours`` and that one does not reject such a ``k``: that mistake is charged to
    task 7 only."""
    __tracebackhide__ = True
    if callable(cosine_neighbours):
        idx = {w: i for i, w in enumerate(_plain(words))}
        try:
            with quiet():
                call(cosine_neighbours, _unit(E), analogy_query(E, words, a, b, c), k, (idx[a], idx[b], idx[c]))
        except StudentError as exc:
            if not isinstance(exc.__cause__, ValueError):
                return
        except CheckFailed:
            return
        else:
            return
    expect_raises(fn, E, words, a, b, c, k, why=_h("analogy_k_big"), name=name, task=task, uses=(cosine_neighbours,))


TASKS = (
    Task("fit_vocabulary", ("fit_vocabulary",), 1, "test_fit_vocabulary", fit_vocabulary),
    Task("integer_encode", ("integer_encode",), 2, "test_integer_encode", integer_encode),
    Task("one_hot", ("one_hot",), 2, "test_one_hot", one_hot),
    Task("target_encode", ("target_encode",), 3, "test_target_encode", target_encode),
    Task("ppmi", ("ppmi",), 3, "test_ppmi", ppmi),
    Task("svd_embeddings", ("svd_embeddings",), 3, "test_svd_embeddings", svd_embeddings),
    Task("cosine_neighbours", ("cosine_neighbours",), 3, "test_cosine_neighbours", cosine_neighbours),
    Task("analogy", ("analogy", "cosine_neighbours"), 3, "test_analogy", analogy, optional=("cosine_neighbours",)),
)

#: the self-check of this assignment: ``check("ppmi", globals())`` checks one task, ``check_all(globals())`` prints
#: the table of all tasks (the notebook's last cell)
check, check_all = for_module(MODULE_ID)
