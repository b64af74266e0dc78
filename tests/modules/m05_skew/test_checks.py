"""Visible checks of 05-skew (fsgeom.modules.m05_skew.checks): they accept correct implementations written in
different ways (loops, np.power with a series, a one-pass variance, float32 where allowed) and reject the common
mistakes with the right, specific hint, in both languages; a mistake in boxcox is not charged to boxcox_llf, one in
boxcox_llf not to boxcox_mle, one in boxcox_mle not to fit_transform_boxcox (judged with the references)."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom import tasks
from fsgeom.grading import CheckFailed, ForbiddenUse, NotImplementedYet
from fsgeom.i18n import tr
from fsgeom.modules.m05_skew import checks as C
from fsgeom.modules.m05_skew import maths as M
from tests.assignment_kit import fails_with, reference_namespace
from tests.modules.m05_skew.submissions import FLOAT32_VARIANT, HONEST_VARIANTS

REF = reference_namespace("05-skew")


def namespace_of(cells: dict) -> dict:
    ns = dict(REF)
    for code in cells.values():
        exec(code, ns)
    return ns


def hint(key, lang, **fmt):
    return tr(C.HINTS[key], lang, **fmt)


@pytest.mark.parametrize("variant", ["reference", "honest", "float32"])
def test_every_task_accepts_correct_implementations(variant, lang, capsys):
    ns = {"reference": REF, "honest": namespace_of(HONEST_VARIANTS), "float32": namespace_of(FLOAT32_VARIANT)}[variant]
    for task in C.TASKS:
        task.run(ns)
    assert capsys.readouterr().out.count("✓") == len(C.TASKS)


def test_the_english_reference_passes_too():
    ns = reference_namespace("05-skew", "en")
    for task in C.TASKS:
        task.run(ns)


def test_the_references_agree_with_the_modules_maths():
    x = np.random.default_rng(0).lognormal(1.0, 0.6, 80)
    for lam in (0.0, 1e-12, -0.7, 2.0):
        np.testing.assert_allclose(C.REFERENCE["boxcox"](x, lam), M.boxcox(x, lam), rtol=1e-13)
        assert C.REFERENCE["boxcox_llf"](lam, x) == pytest.approx(M.llf(lam, x), rel=1e-12)
    lam = C.REFERENCE["boxcox_mle"](x)
    assert M.llf(M.mle_lambda(x), x) - M.llf(lam, x) < 1e-9


def _with(name, old, new):
    ns = dict(REF)
    from tests.grading_round import SOLUTION_MARKERS
    import json
    from tests.assignment_kit import source, nbg
    for c in source("05-skew")["cells"]:
        if nbg(c).get("grade_id") == name and nbg(c).get("solution"):
            code = SOLUTION_MARKERS.sub("", "".join(c["source"]))
            assert code.count(old) == 1
            exec(code.replace(old, new), ns)
    del json
    return ns[name]


def test_boxcox_mistakes(lang):
    fails_with(C.boxcox, _with("boxcox", "    if lam == 0:\n        return lx\n", ""), contains=hint("bc_lambda0", lang))
    fails_with(C.boxcox, _with("boxcox", "return np.expm1(lam * lx) / lam", "return (x ** lam - 1) / lam"),
               contains=hint("bc_naive", lang, lam="1e-09"))
    fails_with(C.boxcox, _with("boxcox", "return np.expm1(lam * lx) / lam", "return np.exp(lam * lx) / lam"),
               contains=hint("bc_no_minus_one", lang))
    fails_with(C.boxcox, lambda x, lam: REF["boxcox"](x, lam).astype(np.float32), contains="float64")
    def no_check(x, lam):
        lx = np.log(np.asarray(x, dtype=float))
        return lx if lam == 0 else np.expm1(lam * lx) / lam
    fails_with(C.boxcox, no_check, contains="ValueError")


def test_llf_mistakes(lang):
    fails_with(C.boxcox_llf, _with("boxcox_llf", " + (lam - 1.0) * np.log(x).sum())", ")"), REF["boxcox"],
               contains=hint("llf_no_jacobian", lang))
    fails_with(C.boxcox_llf, _with("boxcox_llf", "np.var(y)", "np.var(y, ddof=1)"), REF["boxcox"],
               contains=hint("llf_unbiased", lang))
    fails_with(C.boxcox_llf, _with("boxcox_llf", "np.log(np.var(y))", "np.log(np.std(y))"), REF["boxcox"],
               contains=hint("llf_std", lang))


def test_mle_mistakes(lang):
    fails_with(C.boxcox_mle, _with("boxcox_mle", "if fc >= fd:", "if fc <= fd:"), REF["boxcox_llf"],
               contains=hint("mle_minimized", lang))
    fails_with(C.boxcox_mle, _with("boxcox_mle", "while b - a > tol:", "while b - a > 1e-2:"), REF["boxcox_llf"],
               contains=hint("mle_low", lang, got="X", llf_got="X", lo="X", hi="X", llf_best="X", best="X", gap="X",
                             tol="X").split("X")[0])


def test_fit_mistakes(lang):
    fails_with(C.fit_transform_boxcox, _with("fit_transform_boxcox", "lam = boxcox_mle(x_train)\n",
                                             "lam = boxcox_mle(x_test)\n"), REF["boxcox_mle"], REF["boxcox"],
               contains=hint("fit_on_test", lang, got="X").split("X")[1][:20])
    fails_with(C.fit_transform_boxcox, _with("fit_transform_boxcox", "lam = boxcox_mle(x_train)\n",
                                             "lam = boxcox_mle(np.concatenate([x_train, x_test]))\n"),
               REF["boxcox_mle"], REF["boxcox"], contains=hint("fit_on_all", lang, got="X").split("X")[1][:20])


def test_yeojohnson_mistakes(lang):
    line = "out[~pos] = -ln if lam == 2 else -np.expm1((2.0 - lam) * ln) / (2.0 - lam)"
    fails_with(C.yeojohnson, _with("yeojohnson", line, "out[~pos] = -np.expm1((2.0 - lam) * ln) / (2.0 - lam)"),
               contains=hint("yj_lambda2", lang))
    fails_with(C.yeojohnson, _with("yeojohnson", line, "out[~pos] = ln if lam == 2 else np.expm1((2.0 - lam) * ln) "
                                                       "/ (2.0 - lam)"), contains=hint("yj_sign", lang))
    fails_with(C.yeojohnson, _with("yeojohnson", "out[pos] = lp if lam == 0 else", "out[pos] ="),
               contains=hint("yj_lambda0", lang))
    fails_with(C.yeojohnson_inverse, lambda y, lam: -REF["yeojohnson_inverse"](y, lam),
               contains=hint("yji_not_inverse", lang))


def test_skewness_mistakes(lang):
    fails_with(C.skewness, _with("skewness", "return float(m3 / m2 ** 1.5)",
                                 "return float(m3 / m2 ** 1.5 * np.sqrt(x.size * (x.size - 1.0)) / (x.size - 2.0))"),
               contains=hint("skew_adjusted", lang))
    fails_with(C.skewness, lambda x: float(np.mean((np.asarray(x, float) - np.mean(x)) ** 3)
                                           / np.std(x, ddof=1) ** 3) if np.ptp(x) else REF["skewness"](x),
               contains=hint("skew_ddof1", lang))


def test_later_tasks_are_judged_with_the_references():
    ns = dict(REF)
    exec("from scipy.special import boxcox as _bc\ndef boxcox(x, lam):\n    return _bc(np.asarray(x, float), lam)\n", ns)
    with pytest.raises(ForbiddenUse):
        C.boxcox(ns["boxcox"])
    C.boxcox_llf(ns["boxcox_llf"], ns["boxcox"])
    C.boxcox_mle(ns["boxcox_mle"], ns["boxcox_llf"])
    C.fit_transform_boxcox(ns["fit_transform_boxcox"], ns["boxcox_mle"], ns["boxcox"])


def test_not_implemented_is_reported_kindly(lang):
    def todo(*args, **kwargs):
        raise NotImplementedError()
    for task in C.TASKS:
        with pytest.raises(NotImplementedYet):
            task.check(*([todo] * len(task.functions)))


def test_tasks_and_points():
    assert tasks.tasks("05-skew") == C.TASKS
    assert sum(t.points for t in C.TASKS) == 20
    with pytest.raises(CheckFailed):
        C.judge_boxcox(M.boxcox(np.array([2.0, 3.0]), 1e-12) * (1 + 1e-9), [2.0, 3.0], 1e-12)
