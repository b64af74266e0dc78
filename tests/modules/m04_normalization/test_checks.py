"""Visible checks of 04-normalization (fsgeom.modules.m04_normalization.checks): they accept correct implementations
written in different ways (np.linalg.norm, the Gram matrix, an augmented system, loops, float32, ...) and reject the
common mistakes with the right, specific hint, in both languages; a mistake in normalize_rows is not charged to
cosine_similarity_matrix or tfidf, and one in soft_threshold not to lasso_cd (they are judged with the reference in
its place)."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom import tasks
from fsgeom.grading import CheckFailed, ForbiddenUse, NotImplementedYet, StudentError
from fsgeom.i18n import tr
from fsgeom.modules.m04_normalization import checks as C
from fsgeom.modules.m04_normalization import maths as M
from fsgeom.modules.m04_normalization.data import GUIDE_COUNTS
from tests.assignment_kit import fails_with, reference_namespace
from tests.modules.m04_normalization.submissions import FLOAT32_VARIANT, HONEST_VARIANTS, PLAIN_PYTHON

REF = reference_namespace("04-normalization")


def namespace_of(cells: dict) -> dict:
    ns = dict(REF)
    for code in cells.values():
        exec(code, ns)
    return ns


def hint(key, lang, **fmt):
    return tr(C.HINTS[key], lang, **fmt)


# ============================================================================ correct, written differently
@pytest.mark.parametrize("variant", ["reference", "honest", "float32", "plain-python"])
def test_every_task_accepts_correct_implementations(variant, lang, capsys):
    ns = {"reference": REF, "honest": namespace_of(HONEST_VARIANTS), "float32": namespace_of(FLOAT32_VARIANT),
          "plain-python": namespace_of(PLAIN_PYTHON)}[variant]
    for task in C.TASKS:
        task.run(ns)
    assert capsys.readouterr().out.count("✓") == len(C.TASKS)


def test_the_english_reference_passes_too():
    ns = reference_namespace("04-normalization", "en")
    for task in C.TASKS:
        task.run(ns)


def test_the_guide_example_of_scikit_learn():
    """The first document of scikit-learn's TF-IDF guide: [0.8194, 0, 0.5732] plain, [0.8515, 0, 0.5243] smooth."""
    np.testing.assert_allclose(REF["tfidf"](GUIDE_COUNTS, smooth_idf=False)[0], [0.8194, 0.0, 0.5732], atol=5e-5)
    np.testing.assert_allclose(REF["tfidf"](GUIDE_COUNTS)[0], [0.8515, 0.0, 0.5243], atol=5e-5)


def test_the_substituted_references_agree_with_the_modules_maths():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(6, 3))
    X[2] = 0.0
    for norm in ("l1", "l2"):
        np.testing.assert_allclose(C.REFERENCE["normalize_rows"](X, norm), M.normalize_rows(X, norm))
    np.testing.assert_allclose(C.REFERENCE["soft_threshold"](X, 0.5), M.soft_threshold(X, 0.5))


# ============================================================================ common mistakes -> the right hint
def test_normalize_rows_mistakes(lang):
    def variant(kind):
        def normalize_rows(X, norm="l2"):
            REF["normalize_rows"](X, norm)                                    # the bad-input checks
            X = np.asarray(X, dtype=float)
            if kind == "columns":
                n = np.linalg.norm(X, ord=1 if norm == "l1" else 2, axis=0)
                return X / np.where(n > 0, n, 1.0)
            if kind == "nan":
                with np.errstate(all="ignore"):
                    return X / np.linalg.norm(X, ord=1 if norm == "l1" else 2, axis=1, keepdims=True)
            if kind == "other":
                return REF["normalize_rows"](X, "l1" if norm == "l2" else "l2")
            if kind == "squared":
                s = (X * X).sum(axis=1) if norm == "l2" else np.abs(X).sum(axis=1)
                return X / np.where(s > 0, s, 1.0)[:, None]
            if kind == "no-abs":
                s = X.sum(axis=1) if norm == "l1" else np.sqrt((X * X).sum(axis=1))
                return X / np.where(s != 0, s, 1.0)[:, None]
            return REF["normalize_rows"](X, norm)
        return normalize_rows
    fails_with(C.normalize_rows, variant("columns"), contains=hint("normalized_columns", lang))
    fails_with(C.normalize_rows, variant("nan"), contains=hint("zero_rows_nan", lang))
    fails_with(C.normalize_rows, variant("other"), contains=hint("wrong_norm", lang, other="L1", norm="L2"))
    fails_with(C.normalize_rows, variant("squared"), contains=hint("squared_norm", lang))
    fails_with(C.normalize_rows, variant("no-abs"), contains=hint("l1_no_abs", lang))
    fails_with(C.normalize_rows, lambda X, norm="l2": REF["normalize_rows"](X, norm if norm not in ("l3", "max") else "l2"),
               contains="ValueError")
    C.normalize_rows(variant("none"))                                           # no mistake: passes


def test_cosine_mistakes(lang):
    def variant(kind):
        def cosine_similarity_matrix(X, Y=None):
            REF["cosine_similarity_matrix"](X, Y)
            X = np.asarray(X, dtype=float)
            Y = X if Y is None else np.asarray(Y, dtype=float)
            if kind == "raw":
                return X @ Y.T
            if kind == "distance":
                return 1.0 - REF["cosine_similarity_matrix"](X, Y)
            if kind == "one-side":
                return REF["normalize_rows"](X) @ Y.T
            if kind == "nan":
                with np.errstate(all="ignore"):
                    return X @ Y.T / np.outer(np.linalg.norm(X, axis=1), np.linalg.norm(Y, axis=1))
            return REF["cosine_similarity_matrix"](X, Y)
        return cosine_similarity_matrix
    fails_with(C.cosine_similarity_matrix, variant("raw"), contains=hint("cos_raw_dot", lang))
    fails_with(C.cosine_similarity_matrix, variant("distance"), contains=hint("cos_distance", lang))
    fails_with(C.cosine_similarity_matrix, variant("one-side"), contains=hint("cos_one_side", lang))
    fails_with(C.cosine_similarity_matrix, variant("nan"), contains=hint("cos_zero_rows", lang))
    fails_with(C.cosine_similarity_matrix, lambda X, Y=None: REF["cosine_similarity_matrix"](X, Y if Y is not None
                                                                                             else X[:2]),
               contains=hint("cos_none", lang))
    C.cosine_similarity_matrix(variant("none"))


def test_tfidf_mistakes(lang):
    def variant(kind):
        def tfidf(counts, smooth_idf=True):
            REF["tfidf"](counts, smooth_idf)
            Cm = np.asarray(counts, dtype=float)
            n, df = Cm.shape[0], (Cm > 0).sum(axis=0)
            smooth = np.log((1 + n) / (1 + df)) + 1
            with np.errstate(all="ignore"):
                plain = np.log(n / df) + 1
            idf = {"plain": plain, "smooth": smooth, "no-one": (smooth if smooth_idf else plain) - 1,
                   "log10": (np.log10((1 + n) / (1 + df)) if smooth_idf else np.log10(n / df)) + 1}.get(
                kind, smooth if smooth_idf else plain)
            W = Cm * idf
            if kind == "unnormalized":
                return W
            if kind == "columns":
                return W / np.where(np.linalg.norm(W, axis=0) > 0, np.linalg.norm(W, axis=0), 1.0)
            return REF["normalize_rows"](W)
        return tfidf
    fails_with(C.tfidf, variant("plain"), contains=hint("tfidf_plain_not_smooth", lang))
    fails_with(C.tfidf, variant("smooth"), contains=hint("tfidf_smooth_not_plain", lang))
    fails_with(C.tfidf, variant("unnormalized"), contains=hint("tfidf_not_normalized", lang))
    fails_with(C.tfidf, variant("no-one"), contains=hint("tfidf_no_plus_one", lang))
    fails_with(C.tfidf, variant("log10"), contains=hint("tfidf_log10", lang))
    fails_with(C.tfidf, variant("columns"), contains=hint("tfidf_columns", lang))
    C.tfidf(variant("none"))


def test_soft_threshold_mistakes(lang):
    def variant(kind):
        def soft_threshold(z, t):
            REF["soft_threshold"](z, t)
            z = np.asarray(z, dtype=float)
            return {"inverted": np.sign(z) * np.maximum(t - np.abs(z), 0.0), "no-max": z - t * np.sign(z),
                    "hard": np.where(np.abs(z) > t, z, 0.0), "one-sided": np.maximum(z - t, 0.0)}.get(
                kind, np.sign(z) * np.maximum(np.abs(z) - t, 0.0))
        return soft_threshold
    fails_with(C.soft_threshold, variant("inverted"), contains=hint("st_inverted", lang))
    fails_with(C.soft_threshold, variant("no-max"), contains=hint("st_no_max", lang))
    fails_with(C.soft_threshold, variant("hard"), contains=hint("st_hard", lang))
    fails_with(C.soft_threshold, variant("one-sided"), contains=hint("st_one_sided", lang))
    C.soft_threshold(variant("none"))
    C.soft_threshold(lambda z, t: float(REF["soft_threshold"](z, t)) if np.ndim(z) == 0
                     else REF["soft_threshold"](z, t))                          # a number for a number


def test_lasso_objective_mistakes(lang):
    def variant(kind):
        def lasso_objective(X, y, w, alpha):
            REF["lasso_objective"](X, y, w, alpha)
            X, y, w = (np.asarray(v, dtype=float) for v in (X, y, w))
            rss, n = float(((y - X @ w) ** 2).sum()), len(X)
            return {"no-half": rss / n + alpha * np.abs(w).sum(), "no-n": rss / 2 + alpha * np.abs(w).sum(),
                    "l2": rss / (2 * n) + alpha * (w @ w), "no-abs": rss / (2 * n) + alpha * w.sum()}[kind]
        return lasso_objective
    fails_with(C.lasso_objective, variant("no-half"), contains=hint("obj_no_half", lang))
    fails_with(C.lasso_objective, variant("no-n"), contains=hint("obj_no_n", lang))
    fails_with(C.lasso_objective, variant("l2"), contains=hint("obj_l2", lang))
    fails_with(C.lasso_objective, variant("no-abs"), contains=hint("obj_no_abs", lang))


def _lasso_with(step="cyclic", scale_n=True, zero_snap=True):
    """Coordinate descent with one thing changed: Jacobi steps, no 1/n, or proximal gradient (tiny nonzeros)."""
    def lasso_cd(X, y, alpha, tol=1e-8, max_iter=10_000, w0=None):
        REF["lasso_cd"](X, y, alpha, tol, 1, w0)                                    # the bad-input checks
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        n, d = X.shape
        m = n if scale_n else 1.0
        w = np.zeros(d) if w0 is None else np.array(w0, dtype=float)
        col = (X * X).sum(axis=0) / m
        for _ in range(max_iter):
            old = w.copy()
            if step == "jacobi":
                rho = X.T @ (y - X @ old) / m + col * old
                w = np.sign(rho) * np.maximum(np.abs(rho) - alpha, 0) / col
            else:
                for j in range(d):
                    rho = X[:, j] @ (y - X @ w) / m + col[j] * w[j]
                    w[j] = np.sign(rho) * max(abs(rho) - alpha, 0) / col[j]
            if not zero_snap:
                w = w + 1e-7 * (w == 0)
            if np.max(np.abs(w - old)) <= tol:
                break
        return w
    return lasso_cd


def test_lasso_cd_mistakes(lang):
    fails_with(C.lasso_cd, _lasso_with(scale_n=False), contains=hint("lasso_alpha_n", lang)[:40])
    fails_with(C.lasso_cd, _lasso_with(step="jacobi"), contains=hint("lasso_jacobi", lang)[:40])
    fails_with(C.lasso_cd, _lasso_with(zero_snap=False), contains=hint("lasso_not_zero", lang, index=1,
                                                                          value="1e-07"))
    fails_with(C.lasso_cd, lambda X, y, alpha, tol=1e-8, max_iter=10_000, w0=None:
               REF["lasso_cd"](X, y, alpha, tol, max_iter), contains=hint("lasso_w0_ignored", lang))
    fails_with(C.lasso_cd, lambda X, y, alpha, tol=1e-8, max_iter=10_000, w0=None:
               REF["lasso_cd"](X, y, alpha, tol, min(max_iter, 3), w0),
               contains=hint("lasso_objective_high", lang, got="X", best="X", gap="X", tol="X").split("X")[2])
    C.lasso_cd(_lasso_with())                                                    # no mistake: passes


def test_ridge_mistakes(lang):
    ref = REF["ridge_fit"]

    def penalized(X, y, alpha):
        ref(X, y, alpha)
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        A = np.column_stack([X, np.ones(len(X))])
        beta = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ y)
        return beta[:-1], float(beta[-1])

    def no_intercept(X, y, alpha):
        ref(X, y, alpha)
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        return np.linalg.solve(X.T @ X + alpha * np.eye(X.shape[1]), X.T @ y), 0.0
    fails_with(C.ridge_fit, penalized, contains=hint("ridge_intercept_penalized", lang))
    fails_with(C.ridge_fit, no_intercept, contains=hint("ridge_no_intercept", lang))
    fails_with(C.ridge_fit, lambda X, y, a: ref(X, y, a * len(X)), contains=hint("ridge_alpha_n", lang))
    fails_with(C.ridge_fit, lambda X, y, a: (ref(X, y, a)[0], 2 * float(np.mean(y)) - ref(X, y, a)[1]),
               contains=hint("ridge_b_sign", lang))


# ============================================================================ one mistake, one task
def test_later_tasks_are_judged_with_the_reference_in_place_of_earlier_ones():
    """A column-normalizing (or forbidden) normalize_rows is charged to task 1 only: cosine similarity and TF-IDF
    that call it are judged with the reference in its place; the same for lasso_cd and soft_threshold. The
    student's own functions are back in place afterwards."""
    ns = dict(REF)
    exec(REF_SOURCE_COLUMNS, ns)
    bad = ns["normalize_rows"]
    with pytest.raises(CheckFailed):
        C.normalize_rows(bad)
    C.cosine_similarity_matrix(ns["cosine_similarity_matrix"], bad)
    C.tfidf(ns["tfidf"], bad)
    assert ns["normalize_rows"] is bad                                           # restored
    exec("from sklearn.preprocessing import normalize as _n\n"
         "def normalize_rows(X, norm='l2'):\n    return _n(np.asarray(X, dtype=float), norm=norm)\n", ns)
    with pytest.raises(ForbiddenUse):
        C.normalize_rows(ns["normalize_rows"])
    C.cosine_similarity_matrix(ns["cosine_similarity_matrix"], ns["normalize_rows"])
    C.tfidf(ns["tfidf"], ns["normalize_rows"])
    exec("def soft_threshold(z, t):\n    return np.sign(z) * np.maximum(t - np.abs(z), 0.0)\n", ns)
    with pytest.raises(CheckFailed):
        C.soft_threshold(ns["soft_threshold"])
    C.lasso_cd(ns["lasso_cd"], ns["soft_threshold"])


def test_a_forbidden_call_in_the_task_itself_is_still_caught():
    ns = dict(REF)
    exec("from sklearn.metrics.pairwise import cosine_similarity as _cs\n"
         "def cosine_similarity_matrix(X, Y=None):\n    return _cs(X, Y)\n", ns)
    with pytest.raises(ForbiddenUse):
        C.cosine_similarity_matrix(ns["cosine_similarity_matrix"], ns["normalize_rows"])
    exec("from fsgeom.modules.m04_normalization.maths import lasso_cd as _cd\n"
         "def lasso_cd(X, y, alpha, tol=1e-8, max_iter=10_000, w0=None):\n"
         "    return _cd(X, y, alpha, w0=w0, tol=tol, max_iter=max_iter)[0]\n", ns)
    with pytest.raises(ForbiddenUse):
        C.lasso_cd(ns["lasso_cd"], ns["soft_threshold"])


REF_SOURCE_COLUMNS = '''
def normalize_rows(X, norm="l2"):
    if norm not in ("l1", "l2"):
        raise ValueError("bad norm")
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    n = np.linalg.norm(X, ord=1 if norm == "l1" else 2, axis=0)
    return X / np.where(n > 0, n, 1.0)
'''


# ============================================================================ tolerances, messages
def test_float32_results_are_judged_with_float32_tolerance():
    """float32 results pass; a float64 result off by 1e-5 relative does not."""
    ref = REF["normalize_rows"]
    with pytest.raises(CheckFailed):
        C.normalize_rows(lambda X, norm="l2": ref(X, norm) * (1 + 1e-5))
    C.normalize_rows(lambda X, norm="l2": ref(X, norm).astype(np.float32))
    with pytest.raises(CheckFailed):
        C.ridge_fit(lambda X, y, a: (REF["ridge_fit"](X, y, a)[0] * (1 + 1e-5), REF["ridge_fit"](X, y, a)[1]))
    C.ridge_fit(lambda X, y, a: tuple(np.float32(v) if np.ndim(v) == 0 else v.astype(np.float32)
                                      for v in REF["ridge_fit"](X, y, a)))


def test_not_implemented_and_student_exceptions_are_reported_kindly(lang):
    def todo(*args, **kwargs):
        raise NotImplementedError()
    for task in C.TASKS:
        with pytest.raises(NotImplementedYet) as info:
            task.check(*([todo] * len(task.functions)))
        assert task.name in str(info.value) or task.functions[0] in str(info.value)
        assert ("ще не реалізовано" if lang == "uk" else "not implemented yet") in str(info.value)

    def boom(X, norm="l2"):
        return X[0][0] / {}
    with pytest.raises(StudentError) as info:
        C.normalize_rows(boom)
    assert "TypeError" in str(info.value) and isinstance(info.value.__cause__, TypeError)


def test_tasks_are_found_by_task_function_or_grade_id():
    assert tasks.tasks("04-normalization") == C.TASKS
    assert tasks.find_task("test_lasso_cd", "04-normalization").name == "lasso_cd"
    assert tasks.find_task("tfidf", "04-normalization").functions == ("tfidf", "normalize_rows")
    assert sum(t.points for t in C.TASKS) == 20
