"""Visible checks of 03-scaling (fsgeom.modules.m03_scaling.checks): they accept correct implementations written in
different ways (np.ptp, np.quantile, eigvalsh of the covariance, loops, float32, ...) and reject the common
mistakes with the right, specific hint, in both languages; a mistake in minmax_fit is not charged to
scale_train_test, which builds on it."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom import tasks
from fsgeom.grading import CheckFailed, NotImplementedYet, StudentError
from fsgeom.i18n import tr
from fsgeom.modules.m03_scaling import checks as C
from tests.assignment_kit import fails_with, reference_namespace
from tests.modules.m03_scaling.submissions import FLOAT32_VARIANT, HONEST_VARIANTS, PLAIN_PYTHON

REF = reference_namespace("03-scaling")


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
    ns = reference_namespace("03-scaling", "en")
    for task in C.TASKS:
        task.run(ns)


def test_reasonable_result_types_are_accepted():
    C.gram_condition(lambda X: np.array([REF["gram_condition"](X)]))          # a size-1 array
    C.unscale_coefficients(lambda *a: (REF["unscale_coefficients"](*a)[0], np.float64(REF["unscale_coefficients"](*a)[1])))
    C.bias_variance(lambda *a: list(REF["bias_variance"](*a)))                  # a list of three numbers
    C.minmax(lambda X, fr=(0, 1): list(REF["minmax_fit"](X, fr)), REF["minmax_transform"], REF["minmax_inverse"])


# ============================================================================ common mistakes -> the right hint
def _minmax(fit):
    return fit, REF["minmax_transform"], REF["minmax_inverse"]


def test_minmax_mistakes(lang):
    ref_fit = REF["minmax_fit"]
    fails_with(C.minmax, *_minmax(lambda X, fr=(0, 1): ref_fit(X)), contains=hint("minmax_range_ignored", lang,
                                                                                   range=(-1.0, 1.0))[:30])

    def no_guard(X, feature_range=(0.0, 1.0)):
        ref_fit(X, feature_range)
        X = np.asarray(X, dtype=float)
        with np.errstate(all="ignore"):
            scale = (feature_range[1] - feature_range[0]) / (X.max(axis=0) - X.min(axis=0))
        return scale, feature_range[0] - X.min(axis=0) * scale
    fails_with(C.minmax, *_minmax(no_guard), contains=hint("minmax_constant", lang))

    def inverted(X, feature_range=(0.0, 1.0)):
        s, _ = ref_fit(X, feature_range)
        s = np.where(np.ptp(np.asarray(X, dtype=float), axis=0) > 0, 1.0 / s * (feature_range[1] - feature_range[0]) ** 2, s)
        return s, feature_range[0] - np.asarray(X, dtype=float).min(axis=0) * s
    fails_with(C.minmax, *_minmax(inverted), contains=hint("minmax_inverted", lang))
    fails_with(C.minmax, *_minmax(lambda X, fr=(0, 1): (ref_fit(X, fr)[0], -ref_fit(X, fr)[1])),
               contains=hint("minmax_min_sign", lang))
    fails_with(C.minmax, REF["minmax_fit"], lambda X, s, m: (np.asarray(X, dtype=float) + m) * s,
               REF["minmax_inverse"], contains=hint("transform_order", lang))
    fails_with(C.minmax, REF["minmax_fit"], REF["minmax_transform"], REF["minmax_transform"],
               contains=hint("inverse_forward", lang))
    fails_with(C.minmax, REF["minmax_fit"], REF["minmax_transform"],
               lambda X, s, m: np.asarray(X, dtype=float) / s - m, contains=hint("inverse_order", lang))

    def no_range_check(X, feature_range=(0.0, 1.0)):
        return ref_fit(X, sorted(feature_range)) if feature_range[0] != feature_range[1] else ref_fit(X)
    fails_with(C.minmax, *_minmax(no_range_check), contains="ValueError")


def test_scale_train_test_mistakes(lang):
    fit, transform = REF["minmax_fit"], REF["minmax_transform"]

    def own_test(X_train, X_test, feature_range=(0.0, 1.0)):
        return transform(X_train, *fit(X_train, feature_range)), transform(X_test, *fit(X_test, feature_range))
    fails_with(C.scale_train_test, own_test, fit, transform, contains=hint("leak_test_own", lang))

    def all_data(X_train, X_test, feature_range=(0.0, 1.0)):
        p = fit(np.concatenate([np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)]), feature_range)
        return transform(X_train, *p), transform(X_test, *p)
    fails_with(C.scale_train_test, all_data, fit, transform, contains=hint("leak_concat", lang))
    fails_with(C.scale_train_test, lambda A, B, fr=(0, 1): REF["scale_train_test"](A, B, fr)[::-1], fit, transform,
               contains=hint("swapped_train_test", lang))
    fails_with(C.scale_train_test, lambda A, B, fr=(0, 1): (REF["scale_train_test"](A, B, fr)[0],
                                                             np.asarray(B, dtype=float)), fit, transform,
               contains=hint("test_unscaled", lang))


def test_scale_train_test_is_judged_with_the_students_own_fit():
    """A mistake in minmax_fit (feature_range ignored) is charged to task 1 only: scale_train_test that composes it
    correctly is accepted with it, and still judged by itself (fitting on the test set is caught)."""
    ref_fit, transform = REF["minmax_fit"], REF["minmax_transform"]

    def fit01(X, feature_range=(0.0, 1.0)):
        return ref_fit(X)
    ns = dict(REF)
    ns["minmax_fit"] = fit01
    exec(_REF_STT, ns)
    with pytest.raises(CheckFailed):
        C.scale_train_test(ns["scale_train_test"], REF["minmax_fit"], transform)     # with the reference: wrong
    C.scale_train_test(ns["scale_train_test"], fit01, transform)                  # with the student's own: accepted
    with pytest.raises(CheckFailed):
        C.scale_train_test(ns["scale_train_test"])                                # ... but not without them
    ns2 = dict(ns)
    exec(_REF_STT.replace("minmax_transform(X_test, scale, min_)",
                          "minmax_transform(X_test, *minmax_fit(X_test, feature_range))"), ns2)
    with pytest.raises(CheckFailed):
        C.scale_train_test(ns2["scale_train_test"], fit01, transform)


_REF_STT = '''
def scale_train_test(X_train, X_test, feature_range=(0.0, 1.0)):
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    if X_train.ndim != 2 or X_test.ndim != 2 or X_test.shape[1] != X_train.shape[1]:
        raise ValueError("bad shapes")
    scale, min_ = minmax_fit(X_train, feature_range)
    return minmax_transform(X_train, scale, min_), minmax_transform(X_test, scale, min_)
'''


def test_robust_mistakes(lang):
    tr_ = REF["robust_transform"]

    def robust_with(center, scale, zero_to_one=True):
        def fit(X):
            REF["robust_fit"](X)
            X = np.asarray(X, dtype=float)
            q1, med, q3 = np.percentile(X, [25, 50, 75], axis=0)
            c = {"median": med, "mean": X.mean(axis=0)}[center]
            s = {"iqr": q3 - q1, "swapped": q1 - q3, "std": X.std(axis=0),
                 "nearest": np.subtract(*np.percentile(X, [75, 25], axis=0, method="nearest"))}[scale]
            if center == "median" and scale == "nearest":
                c = np.percentile(X, 50, axis=0, method="nearest")
            return c, (np.where(s == 0, 1.0, s) if zero_to_one else s)
        return fit
    fails_with(C.robust, robust_with("median", "swapped"), tr_, contains=hint("robust_swapped", lang))
    fails_with(C.robust, robust_with("mean", "iqr"), tr_, contains=hint("robust_mean", lang))
    fails_with(C.robust, robust_with("median", "std"), tr_, contains=hint("robust_std", lang))
    fails_with(C.robust, robust_with("median", "iqr", zero_to_one=False), tr_, contains=hint("robust_zero_iqr", lang))
    fails_with(C.robust, robust_with("median", "nearest"), tr_, contains=hint("robust_percentile_rule", lang))
    C.robust(robust_with("median", "iqr"), tr_)                                  # no mistake: passes


def test_gram_mistakes(lang):
    ref = REF["gram_condition"]
    fails_with(C.gram_condition, lambda X: np.sqrt(ref(X)), contains=hint("gram_sqrt", lang))
    fails_with(C.gram_condition, lambda X: 1.0 / ref(X), contains=hint("gram_inverted", lang))

    def uncentred(X):
        ref(X)
        s = np.linalg.svd(np.asarray(X, dtype=float), compute_uv=False)
        return float((s[0] / s[-1]) ** 2)
    fails_with(C.gram_condition, uncentred, contains=hint("gram_uncentred", lang))

    def no_constant_check(X):
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or len(X) < 2:
            raise ValueError("bad X")
        s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
        return float((s[0] / s[-1]) ** 2) if s[-1] > 0 else float("inf")
    fails_with(C.gram_condition, no_constant_check, contains="ValueError")


def test_gradient_descent_mistakes(lang):
    ref = REF["gradient_descent"]

    def variant(centre=True, n_factor=True, sign=1.0, keep_w0=True):
        def gd(X, y, lr, steps):
            ref(X, y, lr, steps)                                                   # the bad-input checks
            X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
            if centre:
                X, y = X - X.mean(axis=0), y - y.mean()
            n = len(X) if n_factor else 1
            W = [np.zeros(X.shape[1])]
            for _ in range(steps):
                W.append(W[-1] - sign * lr * X.T @ (X @ W[-1] - y) / n)
            return np.array(W if keep_w0 else W[1:]).reshape(-1, X.shape[1])
        return gd
    fails_with(C.gradient_descent, variant(centre=False), contains=hint("gd_uncentred", lang))
    fails_with(C.gradient_descent, variant(n_factor=False), contains=hint("gd_no_n", lang))
    fails_with(C.gradient_descent, variant(sign=-1.0), contains=hint("gd_ascent", lang))
    fails_with(C.gradient_descent, variant(keep_w0=False), contains=hint("gd_no_w0", lang))
    fails_with(C.gradient_descent, lambda X, y, lr, steps: ref(X, y, lr, steps) + 1.0, contains=hint("gd_start", lang))
    C.gradient_descent(variant())                                                  # no mistake: passes


def test_unscale_mistakes(lang):
    ref = REF["unscale_coefficients"]
    fails_with(C.unscale_coefficients, lambda w, b, m, s: (ref(w, b, m, s)[0], float(b)),
               contains=hint("unscale_intercept", lang))
    fails_with(C.unscale_coefficients, lambda w, b, m, s: (ref(w, b, m, s)[0], 2 * float(b) - ref(w, b, m, s)[1]),
               contains=hint("unscale_intercept_sign", lang))
    fails_with(C.unscale_coefficients, lambda w, b, m, s: (np.asarray(w, dtype=float) * np.asarray(s, dtype=float),
                                                           ref(w, b, m, s)[1]),
               contains=hint("unscale_times", lang))


def test_bias_variance_mistakes(lang):
    ref = REF["bias_variance"]

    def variant(kind):
        def bv(P, f, Y):
            bias2, var, mse = ref(P, f, Y)
            P, f, Y = (np.asarray(v, dtype=float) for v in (P, f, Y))
            if kind == "noisy":
                bias2 = float(np.mean((P.mean(axis=0) - Y) ** 2))
            elif kind == "noisy-mean":
                bias2 = float(np.mean((P.mean(axis=0) - Y.mean(axis=0)) ** 2))
            elif kind == "ddof":
                var = float(np.mean(P.var(axis=0, ddof=1)))
            elif kind == "unsquared":
                bias2 = float(np.mean(P.mean(axis=0) - f))
            elif kind == "mse-true":
                mse = float(np.mean((P - f) ** 2))
            return bias2, var, mse
        return bv
    fails_with(C.bias_variance, variant("noisy"), contains=hint("bv_noisy", lang))
    fails_with(C.bias_variance, variant("noisy-mean"), contains=hint("bv_noisy", lang))
    fails_with(C.bias_variance, variant("ddof"), contains=hint("bv_ddof", lang))
    fails_with(C.bias_variance, variant("unsquared"), contains=hint("bv_no_square", lang))
    fails_with(C.bias_variance, variant("mse-true"), contains=hint("bv_mse_true", lang))
    fails_with(C.bias_variance, lambda P, f, Y: np.array(ref(P, f, Y)), contains="3")
    C.bias_variance(variant("none"))


def test_float32_results_are_judged_with_float32_tolerance():
    """float32 results pass; a float64 result off by 1e-5 relative does not."""
    ref = REF["robust_fit"]
    with pytest.raises(CheckFailed):
        C.robust(lambda X: tuple(v * (1 + 1e-5) for v in ref(X)), REF["robust_transform"])
    C.robust(lambda X: tuple(v.astype(np.float32) for v in ref(X)), REF["robust_transform"])
    with pytest.raises(CheckFailed):
        C.gram_condition(lambda X: REF["gram_condition"](X) * (1 + 1e-5))
    C.gram_condition(lambda X: np.float32(REF["gram_condition"](X)))


def test_not_implemented_and_student_exceptions_are_reported_kindly(lang):
    def todo(*args, **kwargs):
        raise NotImplementedError()
    for task in C.TASKS:
        with pytest.raises(NotImplementedYet) as info:
            task.check(*([todo] * len(task.functions)))
        assert task.name in str(info.value) or task.functions[0] in str(info.value)
        assert ("ще не реалізовано" if lang == "uk" else "not implemented yet") in str(info.value)

    def boom(X):
        return X[0][0] / {}
    with pytest.raises(StudentError) as info:
        C.gram_condition(boom)
    assert "TypeError" in str(info.value) and isinstance(info.value.__cause__, TypeError)


def test_tasks_are_found_by_task_function_or_grade_id():
    assert tasks.tasks("03-scaling") == C.TASKS
    assert tasks.find_task("test_robust", "03-scaling").name == "robust"
    assert tasks.find_task("scale_train_test", "03-scaling").functions == ("scale_train_test", "minmax_fit",
                                                                           "minmax_transform")
