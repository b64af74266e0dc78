"""Visible checks of 07-two-tower (fsgeom.modules.m07_two_tower.checks): they accept correct implementations written
in different ways (np.linalg.norm, einsum, an explicit Jacobian, float32 where allowed) and reject the common
mistakes with the right, specific hint, in both languages; a mistake in an earlier task is not charged to predict,
sgd_step or to_stars (judged with the references)."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom import tasks
from fsgeom.grading import ForbiddenUse, NotImplementedYet
from fsgeom.i18n import tr
from fsgeom.modules.m07_two_tower import checks as C
from fsgeom.modules.m07_two_tower import maths as M
from tests.assignment_kit import fails_with, nbg, reference_namespace, source
from tests.grading_round import SOLUTION_MARKERS
from tests.modules.m07_two_tower import submissions as S

REF = reference_namespace("07-two-tower")


def namespace_of(cells: dict) -> dict:
    ns = dict(REF)
    for code in cells.values():
        exec(code, ns)
    return ns


def hint(key, lang, **fmt):
    return tr(C.HINTS[key], lang, **fmt)


def _with(name, edits, fn=None):
    ns = dict(REF)
    for c in source("07-two-tower")["cells"]:
        if nbg(c).get("grade_id") == name and nbg(c).get("solution"):
            code = SOLUTION_MARKERS.sub("", "".join(c["source"]))
            for old, new in edits:
                assert code.count(old) == 1, old
                code = code.replace(old, new)
            exec(code, ns)
    return ns[fn or name] if fn is None else (ns[name], ns[fn])


def _prefix(text):
    return text.split("{")[0]


@pytest.mark.parametrize("variant", ["reference", "honest", "float32"])
def test_every_task_accepts_correct_implementations(variant, lang, capsys):
    ns = {"reference": REF, "honest": namespace_of(S.HONEST_VARIANTS), "float32": namespace_of(S.FLOAT32_VARIANT)}[variant]
    for task in C.TASKS:
        task.run(ns)
    assert capsys.readouterr().out.count("✓") == len(C.TASKS)


def test_the_english_reference_passes_too():
    ns = reference_namespace("07-two-tower", "en")
    for task in C.TASKS:
        task.run(ns)


def test_the_references_agree_with_the_modules_maths():
    rng = np.random.default_rng(0)
    V, Gm = rng.normal(size=(6, 4)), rng.normal(size=(6, 4))
    np.testing.assert_allclose(C.REFERENCE["l2_normalize_rows"](V), M.l2_normalize(V), rtol=1e-14)
    np.testing.assert_allclose(C.REFERENCE["l2_normalize_backward"](V, Gm), M.l2_normalize_backward(V, Gm),
                               rtol=1e-12)
    np.testing.assert_allclose(C.REFERENCE["predict"](V, Gm, True), M.predict(V, Gm, True), rtol=1e-12)
    z = np.linspace(-1.5, 1.5, 7)
    np.testing.assert_allclose(C.REFERENCE["minmax_inverse"](z, (0.5, 5.0)), M.minmax_inverse(z, (0.5, 5.0)))
    p = M.init_tower(4, 5, 3, rng)
    v, cache = C.REFERENCE["tower_forward"](p, V)
    np.testing.assert_allclose(v, M.tower_forward(p, V)[0])
    dV = rng.normal(size=v.shape)
    for k, g in M.tower_backward(p, M.tower_forward(p, V)[1], dV).items():
        np.testing.assert_allclose(C.REFERENCE["tower_backward"](p, cache, dV)[k], g)


def test_scaling_mistakes(lang):
    fails_with(C.minmax_scale, _with("minmax_scale", S._SCALE_LEAK), contains=_prefix(hint("scale_leak", lang)))
    fails_with(C.minmax_scale, _with("minmax_scale", S._SCALE_CLIPPED), contains=hint("scale_clipped", lang))
    fails_with(C.minmax_inverse, _with("minmax_inverse", S._INVERSE_NO_SHIFT), contains=hint("inverse_no_shift", lang))
    fails_with(C.minmax_inverse, _with("minmax_inverse", S._INVERSE_UPSIDE_DOWN),
               contains=hint("inverse_upside_down", lang))


def test_normalization_mistakes(lang):
    fails_with(C.l2_normalize_rows, _with("l2_normalize_rows", S._L2_COLUMNS), contains=hint("l2_columns", lang))
    fails_with(C.l2_normalize_rows, _with("l2_normalize_rows", S._L2_EPS_OUTSIDE),
               contains=hint("l2_eps_outside", lang))
    fails_with(C.l2_normalize_backward, _with("l2_normalize_backward", S._BACK_NO_PROJECTION),
               contains=hint("back_no_projection", lang))


def test_tower_and_training_mistakes(lang):
    fwd, bwd = _with("tower_forward", S._TOWER_NO_MASK, "tower_backward")
    fails_with(C.tower_forward, fwd, bwd, contains=hint("grad_no_mask", lang))
    fails_with(C.predict, _with("predict", S._PREDICT_ONE_TOWER), contains=hint("predict_one_tower", lang))
    fails_with(C.sgd_step, _with("sgd_step", S._SGD_NO_TWO), contains=hint("sgd_no_two", lang))
    fails_with(C.sgd_step, _with("sgd_step", S._SGD_IN_PLACE), contains=_prefix(hint("sgd_mutated", lang)))
    fails_with(C.to_stars, _with("to_stars", S._STARS_NOT_CLIPPED), contains=hint("stars_not_clipped", lang))


def test_later_tasks_are_judged_with_the_references():
    ns = dict(REF)
    exec(S.SKLEARN_NORMALIZE, ns)
    with pytest.raises(ForbiddenUse):
        C.l2_normalize_rows(ns["l2_normalize_rows"])
    exec("def minmax_inverse(z, stats, lo=-1.0, hi=1.0):\n    return np.asarray(z) * 0\n", ns)
    exec("def l2_normalize_backward(V, G, eps=1e-12):\n    return G\n", ns)
    for task in C.TASKS:
        if task.name in ("predict", "sgd_step", "to_stars"):
            task.run(ns)


def test_not_implemented_is_reported_kindly(lang):
    def todo(*args, **kwargs):
        raise NotImplementedError()
    for task in C.TASKS:
        with pytest.raises(NotImplementedYet):
            task.check(*([todo] * len(task.functions)))


def test_tasks_and_points():
    assert tasks.tasks("07-two-tower") == C.TASKS
    assert sum(t.points for t in C.TASKS) == 20
