"""Visible checks of 02-encoding (fsgeom.modules.m02_encoding.checks): they accept correct implementations written in
different ways (dicts, loops, eigh, float32, ...) and reject the common mistakes with the right, specific hint, in
both languages; a mistake in cosine_neighbours is not charged to analogy, which builds on it."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom import tasks
from fsgeom.grading import CheckFailed, NotImplementedYet, StudentError
from fsgeom.i18n import tr
from fsgeom.modules.m02_encoding import checks as C
from tests.assignment_kit import fails_with, nbg, reference_namespace, source
from tests.grading_round import SOLUTION_MARKERS
from tests.modules.m02_encoding.submissions import FLOAT32_VARIANT, HONEST_VARIANTS

REF = reference_namespace("02-encoding")


def namespace_of(cells: dict) -> dict:
    ns = dict(REF)
    for code in cells.values():
        exec(code, ns)
    return ns


def hint(key, lang, **fmt):
    return tr(C.HINTS[key], lang, **fmt)


# ============================================================================ correct, written differently
@pytest.mark.parametrize("variant", ["reference", "honest", "float32"])
def test_every_task_accepts_correct_implementations(variant, lang, capsys):
    ns = {"reference": REF, "honest": namespace_of(HONEST_VARIANTS), "float32": namespace_of(FLOAT32_VARIANT)}[variant]
    for task in C.TASKS:
        task.run(ns)
    assert capsys.readouterr().out.count("✓") == len(C.TASKS)


def test_the_english_reference_passes_too():
    ns = reference_namespace("02-encoding", "en")
    for task in C.TASKS:
        task.run(ns)


def vocab_object_array(values):
    values = np.asarray(values)
    if values.ndim != 1 or not values.size:
        raise ValueError("bad values")
    return np.array(sorted(set(values.tolist())), dtype=object)


def codes_float(values, vocabulary, unknown_value=None):           # whole numbers in a float array are codes too
    return REF["integer_encode"](values, vocabulary, unknown_value).astype(float)


def one_hot_bool(values, vocabulary, handle_unknown="error"):
    return REF["one_hot"](values, vocabulary, handle_unknown).astype(bool)


def one_hot_int(values, vocabulary, handle_unknown="error"):
    return REF["one_hot"](values, vocabulary, handle_unknown).astype(np.int8)


def svd_flipped(M, d):                                              # any signs of the columns
    E = REF["svd_embeddings"](M, d)
    return E * np.where(np.arange(d) % 2, -1.0, 1.0)


def neighbours_float_indices(E, query, k, exclude=()):
    idx, cos = REF["cosine_neighbours"](E, query, k, exclude)
    return idx.astype(float), cos


def analogy_array(E, words, a, b, c, k=1):
    answers, cos = REF["analogy"](E, words, a, b, c, k)
    return np.array(answers), cos


@pytest.mark.parametrize("check, fn", [(C.fit_vocabulary, vocab_object_array), (C.integer_encode, codes_float),
                                       (C.one_hot, one_hot_bool), (C.one_hot, one_hot_int),
                                       (C.svd_embeddings, svd_flipped),
                                       (C.cosine_neighbours, neighbours_float_indices)])
def test_reasonable_result_types_are_accepted(check, fn):
    check(fn)


def test_analogy_answers_as_an_array_of_words_are_accepted():
    C.analogy(analogy_array, REF["cosine_neighbours"])
    C.analogy(analogy_array)                                        # without the student's cosine_neighbours


# ============================================================================ common mistakes -> the right hint
def test_vocabulary_mistakes(lang):
    def appearance(values):
        values = np.asarray(values)
        _, first = np.unique(values, return_index=True)
        return values[np.sort(first)]
    fails_with(C.fit_vocabulary, appearance, contains=hint("vocab_appearance", lang))
    fails_with(C.fit_vocabulary, lambda v: np.unique(v)[::-1], contains=hint("vocab_unsorted", lang))
    fails_with(C.fit_vocabulary, lambda v: np.sort(np.asarray(v)), contains=hint("vocab_repeats", lang))
    fails_with(C.fit_vocabulary, lambda v: list(np.unique(v)), contains="list")

    def no_checks(values):
        return np.unique(np.asarray(values).ravel())
    fails_with(C.fit_vocabulary, no_checks, contains="ValueError")


def test_integer_encode_mistakes(lang):
    ref = REF["integer_encode"]

    def unchecked(values, vocabulary, unknown_value=None):     # searchsorted alone: unknowns get a valid code
        values, vocabulary = np.asarray(values), np.asarray(vocabulary)
        order = np.argsort(vocabulary)
        return order[np.minimum(np.searchsorted(vocabulary[order], values), len(vocabulary) - 1)]
    fails_with(C.integer_encode, unchecked, contains="snow")

    def unchecked_but_raises_on_none(values, vocabulary, unknown_value=None):
        if unknown_value is None or (0 <= unknown_value < len(vocabulary)) or len(set(vocabulary)) != len(vocabulary):
            return ref(values, vocabulary, unknown_value)
        return unchecked(values, vocabulary)
    fails_with(C.integer_encode, unchecked_but_raises_on_none, contains=hint("unknown_valid_code", lang))
    fails_with(C.integer_encode, lambda v, voc, u=None: ref(v, np.sort(np.asarray(voc)), u),
               contains=hint("codes_sorted_vocab", lang))
    fails_with(C.integer_encode, lambda v, voc, u=None: ref(v, voc, u) + 1, contains=hint("codes_one_based", lang))
    fails_with(C.integer_encode, lambda v, voc, u=None: ref(v, voc, u) + 0.5, contains="int")

    def vague_message(values, vocabulary, unknown_value=None):
        try:
            return ref(values, vocabulary, unknown_value)
        except ValueError:
            raise ValueError("bad input") from None
    fails_with(C.integer_encode, vague_message, contains="'snow'")

    def valid_unknown_value_accepted(values, vocabulary, unknown_value=None):
        if unknown_value is not None and 0 <= unknown_value < len(vocabulary):
            return np.zeros(len(values), dtype=int)
        return ref(values, vocabulary, unknown_value)
    fails_with(C.integer_encode, valid_unknown_value_accepted, contains=hint("unknown_value_valid", lang))


def test_one_hot_mistakes(lang):
    ref = REF["one_hot"]

    def unknown_first_column(values, vocabulary, handle_unknown="error"):
        X = ref(values, vocabulary, handle_unknown)
        X[X.sum(axis=1) == 0, 0] = 1.0
        return X
    fails_with(C.one_hot, unknown_first_column, contains=hint("onehot_unknown_row", lang))
    fails_with(C.one_hot, lambda v, voc, handle_unknown="error": ref(v, np.sort(np.asarray(voc)), handle_unknown),
               contains=hint("onehot_sorted_columns", lang))
    fails_with(C.one_hot, lambda v, voc, handle_unknown="error": REF["integer_encode"](
        v, voc, None if handle_unknown == "error" else -1),
               contains=hint("onehot_codes", lang))
    fails_with(C.one_hot, lambda v, voc, handle_unknown="error": ref(v, voc, handle_unknown).T, contains="(3, 4)")
    fails_with(C.one_hot, lambda v, voc, handle_unknown="error": ref(v, voc, "ignore"), contains="ValueError")


def _te(prior="rest", fit_on="rest", smoothing_used=True):
    """A numpy target encoding with one of the usual mistakes (inputs validated as the reference does)."""
    def encode(values, y, folds, smoothing):
        REF["target_encode"](values, y, folds, smoothing)       # the bad-input checks
        values, y = np.asarray(values), np.asarray(y, dtype=float)
        levels, codes = np.unique(values, return_inverse=True)
        n, m = len(values), (smoothing if smoothing_used else 0.0)
        out = np.empty(n)
        for fold in folds:
            fold = np.asarray(fold, dtype=int)
            rows = {"rest": np.setdiff1d(np.arange(n), fold), "all": np.arange(n), "fold": fold}[fit_on]
            ybar = y[rows].mean() if prior == "rest" else y.mean()
            sums = np.bincount(codes[rows], weights=y[rows], minlength=len(levels))
            counts = np.bincount(codes[rows], minlength=len(levels))
            with np.errstate(all="ignore"):
                table = np.where(counts + m > 0, (sums + m * ybar) / (counts + m), ybar)
            out[fold] = table[codes[fold]]
        return out
    return encode


def test_target_encode_mistakes(lang):
    fails_with(C.target_encode, _te(fit_on="all"), contains=hint("target_naive", lang))
    fails_with(C.target_encode, _te(fit_on="fold"), contains=hint("target_own_fold", lang))
    fails_with(C.target_encode, _te(prior="all"), contains=hint("target_prior_all", lang))
    fails_with(C.target_encode, _te(smoothing_used=False), contains=hint("target_no_smoothing", lang))
    C.target_encode(_te())                                            # the same code without a mistake passes

    def no_partition_check(values, y, folds, smoothing):        # overlapping or missing rows slip by
        if len(folds) == 1 or smoothing < 0 or len(y) != len(values):
            raise ValueError("bad input")
        folds = [np.asarray(f, dtype=int) for f in folds]
        return np.zeros(len(values)) if any(f.max() >= len(values) for f in folds) else _te()(values, y, folds,
                                                                                             smoothing)
    fails_with(C.target_encode, no_partition_check, contains="ValueError")


def test_ppmi_mistakes(lang):
    ref = REF["ppmi"]

    def nan_rows(counts):
        C_ = np.asarray(counts, dtype=float)
        if C_.ndim != 2 or (C_ < 0).any() or not np.isfinite(C_).all():
            raise ValueError("bad counts")
        with np.errstate(all="ignore"):
            return np.maximum(np.log(C_ * C_.sum() / (C_.sum(1, keepdims=True) * C_.sum(0, keepdims=True))), 0)
    fails_with(C.ppmi, nan_rows, contains=hint("ppmi_nan", lang))
    fails_with(C.ppmi, lambda c: ref(c) / np.log(2), contains=hint("ppmi_log2", lang))
    fails_with(C.ppmi, lambda c: ref(c) / np.log(10), contains=hint("ppmi_log10", lang))

    def pmi(counts):
        C_ = np.asarray(counts, dtype=float)
        if C_.ndim != 2 or (C_ < 0).any() or not np.isfinite(C_).all():
            raise ValueError("bad counts")
        out = np.zeros_like(C_)
        pos = C_ > 0
        out[pos] = np.log((C_ * C_.sum() / (C_.sum(1, keepdims=True) * C_.sum(0, keepdims=True)))[pos])
        return out
    fails_with(C.ppmi, pmi, contains=hint("ppmi_negative", lang))

    def no_negative_check(counts):
        return ref(np.abs(np.nan_to_num(np.asarray(counts, dtype=float))))
    fails_with(C.ppmi, no_negative_check, contains="ValueError")


def test_svd_mistakes(lang):
    def parts(M, d):
        REF["svd_embeddings"](M, d)
        return np.linalg.svd(np.asarray(M, dtype=float), full_matrices=False)
    fails_with(C.svd_embeddings, lambda M, d: parts(M, d)[0][:, :d], contains=hint("svd_no_sigma", lang))
    fails_with(C.svd_embeddings, lambda M, d: parts(M, d)[0][:, :d] * parts(M, d)[1][:d] ** 2,
               contains=hint("svd_sigma_squared", lang))
    fails_with(C.svd_embeddings, lambda M, d: parts(M, d)[2][:d].T * parts(M, d)[1][:d],
               contains=hint("svd_columns", lang))

    def smallest(M, d):
        U, s, _ = parts(M, d)
        return U[:, -d:] * s[-d:] if d < len(s) else U * s
    fails_with(C.svd_embeddings, smallest, contains=hint("svd_smallest", lang))


def test_neighbour_mistakes(lang):
    ref = REF["cosine_neighbours"]

    def by_dot(E, query, k, exclude=()):
        ref(E, query, k, exclude)
        E, q = np.asarray(E, dtype=float), np.asarray(query, dtype=float)
        allowed = np.setdiff1d(np.arange(len(E)), np.asarray(exclude, dtype=int))
        top = allowed[np.argsort(-(E @ q)[allowed], kind="stable")[:k]]
        return top, (E @ q)[top] / np.linalg.norm(q)
    fails_with(C.cosine_neighbours, by_dot, contains=hint("nbr_dot", lang))

    def farthest(E, query, k, exclude=()):
        idx, cos = ref(E, query, len(E) - len(set(exclude)), exclude)
        return idx[::-1][:k], cos[::-1][:k]
    fails_with(C.cosine_neighbours, farthest, contains=hint("nbr_farthest", lang))

    def nan_zero_row(E, query, k, exclude=()):
        ref(E, query, k, exclude)
        E, q = np.asarray(E, dtype=float), np.asarray(query, dtype=float)
        with np.errstate(all="ignore"):
            cos = E @ q / (np.linalg.norm(E, axis=1) * np.linalg.norm(q))
        allowed = np.setdiff1d(np.arange(len(E)), np.asarray(exclude, dtype=int))
        top = allowed[np.argsort(-np.nan_to_num(cos[allowed], nan=-2.0), kind="stable")[:k]]
        return top, cos[top]
    fails_with(C.cosine_neighbours, nan_zero_row, contains=hint("zero_row", lang).strip())

    def ignores_exclude(E, query, k, exclude=()):
        return ref(E, query, k)
    fails_with(C.cosine_neighbours, ignores_exclude, contains="exclude")
    fails_with(C.cosine_neighbours, lambda E, q, k, exclude=(): (ref(E, q, k, exclude)[0][::-1],
                                                                 ref(E, q, k, exclude)[1][::-1]),
               contains="cosine_neighbours")
    fails_with(C.cosine_neighbours, lambda E, q, k, exclude=(): list(ref(E, q, k, exclude)[0]), contains="2")


def test_analogy_mistakes(lang):
    ref_cn = REF["cosine_neighbours"]

    def analogy_with(make_query, exclude_inputs=True):
        def analogy(E, words, a, b, c, k=1):
            REF["analogy"](E, words, a, b, c, k)                      # the bad-input checks
            E = np.asarray(E, dtype=float)
            words = [str(w) for w in words]
            at = {w: i for i, w in enumerate(words)}
            U = E / np.linalg.norm(E, axis=1, keepdims=True)
            q = make_query(E, U, at[a], at[b], at[c])
            idx, cos = ref_cn(E, q, k, (at[a], at[b], at[c]) if exclude_inputs else ())
            return [words[i] for i in idx], cos
        return analogy
    fails_with(C.analogy, analogy_with(lambda E, U, a, b, c: U[b] - U[a] + U[c], exclude_inputs=False),
               ref_cn, contains=hint("analogy_inputs", lang, word="'king'")[:40])
    fails_with(C.analogy, analogy_with(lambda E, U, a, b, c: E[b] - E[a] + E[c]), ref_cn,
               contains=hint("analogy_raw", lang))
    fails_with(C.analogy, analogy_with(lambda E, U, a, b, c: U[a] - U[b] + U[c]), ref_cn,
               contains=hint("analogy_sign", lang))
    C.analogy(analogy_with(lambda E, U, a, b, c: U[b] - U[a] + U[c]), ref_cn)     # no mistake: passes


def test_analogy_is_judged_with_the_students_own_neighbours():
    """A mistake in cosine_neighbours (ranking by the dot product) is charged to task 7 only: an analogy that
    reuses it is accepted with it, and still judged by itself (the inputs must be left out)."""
    def by_dot(E, query, k, exclude=()):
        E, q = np.asarray(E, dtype=float), np.asarray(query, dtype=float)
        allowed = np.setdiff1d(np.arange(len(E)), np.asarray(exclude, dtype=int))
        top = allowed[np.argsort(-(E @ q)[allowed], kind="stable")[:k]]
        return top, (E @ q)[top]
    ns = dict(REF)
    ns["cosine_neighbours"] = by_dot
    exec(SOLUTION_MARKERS.sub("", REF_SOURCE["analogy"]), ns)
    with pytest.raises(CheckFailed):
        C.analogy(ns["analogy"], REF["cosine_neighbours"])             # judged with the reference: wrong
    C.analogy(ns["analogy"], by_dot)                                   # with the student's own: accepted
    ns2 = dict(ns)
    exec(SOLUTION_MARKERS.sub("", REF_SOURCE["analogy"])
         .replace("exclude=(position[a], position[b], position[c])", "exclude=()"), ns2)
    with pytest.raises(CheckFailed):
        C.analogy(ns2["analogy"], by_dot)                              # own neighbours, but the inputs not left out


REF_SOURCE = {nbg(c).get("grade_id"): "".join(c["source"]) for c in source("02-encoding")["cells"]}


def test_float32_results_are_judged_with_float32_tolerance():
    """float32 results pass; a float64 result off by 1e-5 relative does not."""
    ref = REF["target_encode"]
    with pytest.raises(CheckFailed):
        C.target_encode(lambda *a: ref(*a) * (1 + 1e-5))
    C.target_encode(lambda *a: ref(*a).astype(np.float32))
    with pytest.raises(CheckFailed):
        C.ppmi(lambda c: REF["ppmi"](c) * (1 + 1e-5) + 1e-5)
    C.ppmi(lambda c: REF["ppmi"](c).astype(np.float32))


def test_not_implemented_and_student_exceptions_are_reported_kindly(lang):
    def todo(*args, **kwargs):
        raise NotImplementedError()
    for task in C.TASKS:
        with pytest.raises(NotImplementedYet) as info:
            task.check(*([todo] * len(task.functions)))
        assert task.name in str(info.value)
        assert ("ще не реалізовано" if lang == "uk" else "not implemented yet") in str(info.value)

    def boom(counts):
        return counts[0][0] / {}
    with pytest.raises(StudentError) as info:
        C.ppmi(boom)
    assert "TypeError" in str(info.value) and isinstance(info.value.__cause__, TypeError)


def test_tasks_are_found_by_task_function_or_grade_id():
    assert tasks.tasks("02-encoding") == C.TASKS
    assert tasks.find_task("test_ppmi", "02-encoding").name == "ppmi"
    assert tasks.find_task("analogy", "02-encoding").functions == ("analogy", "cosine_neighbours")
