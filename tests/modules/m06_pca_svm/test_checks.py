"""Visible checks of 06-pca-svm (fsgeom.modules.m06_pca_svm.checks): they accept correct implementations written in
different ways (SVD, loops, np.where, float32 where allowed) and reject the common mistakes with the right, specific
hint, in both languages; a mistake in svm_subgradient or svm_objective is not charged to svm_train (judged with the
references)."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom import tasks
from fsgeom.grading import ForbiddenUse, NotImplementedYet
from fsgeom.i18n import tr
from fsgeom.modules.m06_pca_svm import checks as C
from fsgeom.modules.m06_pca_svm import maths as M
from tests.assignment_kit import fails_with, nbg, reference_namespace, source
from tests.grading_round import SOLUTION_MARKERS
from tests.modules.m06_pca_svm import submissions as S

REF = reference_namespace("06-pca-svm")


def namespace_of(cells: dict) -> dict:
    ns = dict(REF)
    for code in cells.values():
        exec(code, ns)
    return ns


def hint(key, lang, **fmt):
    return tr(C.HINTS[key], lang, **fmt)


def _with(name, edits):
    ns = dict(REF)
    for c in source("06-pca-svm")["cells"]:
        if nbg(c).get("grade_id") == name and nbg(c).get("solution"):
            code = SOLUTION_MARKERS.sub("", "".join(c["source"]))
            for old, new in edits:
                assert code.count(old) == 1, old
                code = code.replace(old, new)
            exec(code, ns)
    return ns[name]


@pytest.mark.parametrize("variant", ["reference", "honest", "float32"])
def test_every_task_accepts_correct_implementations(variant, lang, capsys):
    ns = {"reference": REF, "honest": namespace_of(S.HONEST_VARIANTS), "float32": namespace_of(S.FLOAT32_VARIANT)}[variant]
    for task in C.TASKS:
        task.run(ns)
    assert capsys.readouterr().out.count("✓") == len(C.TASKS)


def test_the_english_reference_passes_too():
    ns = reference_namespace("06-pca-svm", "en")
    for task in C.TASKS:
        task.run(ns)


def test_the_references_agree_with_the_modules_maths():
    rng = np.random.default_rng(0)
    X = rng.integers(-3, 4, size=(30, 3)).astype(float)
    y = np.where(rng.random(30) < 0.5, -1.0, 1.0)
    w, b = np.array([1.0, -1.0, 0.0]), 1.0
    gw, gb = C.REFERENCE["svm_subgradient"](w, b, X, y, 0.5)
    mw, mb = M.svm_subgradient(w, b, X, y, 0.5)
    np.testing.assert_array_equal(gw, mw)
    assert gb == mb
    assert C.REFERENCE["svm_objective"](w, b, X, y, 0.5) == pytest.approx(M.svm_objective(w, b, X, y, 0.5), rel=1e-14)


def test_pca_mistakes(lang):
    fails_with(C.pca_fit, _with("pca_fit", S._PCA_RATIO_KEPT), contains=hint("ratio_kept", lang))
    fails_with(C.pca_fit, _with("pca_fit", S._PCA_NOT_CENTRED), contains=hint("pca_not_centred", lang))
    fails_with(C.pca_fit, _with("pca_fit", [("order = np.argsort(evals)[::-1][:n_components]",
                                             "order = np.argsort(evals)[:n_components]")]),
               contains=hint("pca_order", lang))
    fails_with(C.pca_fit, _with("pca_fit", [("ratio = evals[order] / np.trace(S)", "ratio = evals[order]")]),
               contains=hint("ratio_values", lang))
    fails_with(C.pca_fit, _with("pca_fit", [("components = evecs[:, order].T", "components = 2 * evecs[:, order].T")]),
               contains=hint("pca_not_unit", lang, norms="X").split("X")[0])
    fails_with(C.pca_fit, _with("pca_fit", [("sd = Z.std(axis=0)", "sd = Z.std(axis=0, ddof=1)")]),
               contains=hint("pca_scale_ddof1", lang))


def test_pca_sign_convention(lang):
    fails_with(C.pca_fit, lambda X, k, standardize=False: (lambda r: (r[0], r[1], -r[2], r[3]))(
        REF["pca_fit"](X, k, standardize)), contains=hint("pca_sign", lang))


def test_transform_mistakes(lang):
    fails_with(C.pca_transform, _with("pca_transform", S._TRANSFORM_OWN), contains=hint("transform_own_stats", lang))
    fails_with(C.pca_transform, _with("pca_transform", [("return ((X - mean) / scale)", "return (X / scale)")]),
               contains=hint("transform_not_centred", lang))


def test_svm_mistakes(lang):
    fails_with(C.svm_objective, _with("svm_objective", S._OBJ_MEAN), contains=hint("obj_mean", lang))
    fails_with(C.svm_objective, _with("svm_objective", [("0.5 * (w @ w)", "0.5 * (w @ w + b * b)")]),
               contains=hint("obj_bias_penalized", lang))
    fails_with(C.svm_subgradient, _with("svm_subgradient", S._SUB_LE), contains=hint("sub_at_margin", lang))
    fails_with(C.svm_subgradient, _with("svm_subgradient", S._SUB_ALL), contains=hint("sub_all_points", lang))
    fails_with(C.svm_train, _with("svm_train", S._TRAIN_NO_BIAS), contains=hint("train_bias_fixed", lang))
    fails_with(C.hyperplane_geometry, _with("hyperplane_geometry", S._GEOM_SIGNED), contains=hint("dist_signed", lang))
    fails_with(C.hyperplane_geometry, _with("hyperplane_geometry", S._GEOM_NOT_NORMALIZED),
               contains=hint("dist_not_normalized", lang))
    fails_with(C.hyperplane_geometry, _with("hyperplane_geometry", [("2.0 / norm", "1.0 / norm")]),
               contains=hint("width_half", lang))


def test_normalization_mistakes(lang):
    fails_with(C.batch_norm_forward, _with("batch_norm_forward", S._BN_INFERENCE_UPDATES),
               contains=hint("bn_inference_updates", lang))
    fails_with(C.batch_norm_forward, _with("batch_norm_forward", S._BN_FEATURE_AXIS),
               contains=hint("bn_feature_axis", lang))
    fails_with(C.batch_norm_forward, _with("batch_norm_forward", S._BN_UNBIASED), contains=hint("bn_unbiased", lang))
    fails_with(C.batch_norm_forward, _with("batch_norm_forward", [("momentum * var * n / (n - 1)", "momentum * var")]),
               contains=hint("bn_running_biased", lang))
    fails_with(C.layer_norm_forward, _with("layer_norm_forward", S._LN_BATCH_AXIS), contains=hint("ln_batch_axis", lang))
    fails_with(C.layer_norm_forward, _with("layer_norm_forward", S._LN_UNBIASED), contains=hint("ln_unbiased", lang))


def test_svm_train_is_judged_with_the_references():
    ns = dict(REF)
    exec(S.SCIPY_SUBGRADIENT, ns)
    with pytest.raises(ForbiddenUse):
        C.svm_subgradient(ns["svm_subgradient"])
    exec("def svm_objective(w, b, X, y, C):\n    return 0.0\n", ns)
    C.svm_train(ns["svm_train"], ns["svm_subgradient"], ns["svm_objective"])


def test_not_implemented_is_reported_kindly(lang):
    def todo(*args, **kwargs):
        raise NotImplementedError()
    for task in C.TASKS:
        with pytest.raises(NotImplementedYet):
            task.check(*([todo] * len(task.functions)))


def test_tasks_and_points():
    assert tasks.tasks("06-pca-svm") == C.TASKS
    assert sum(t.points for t in C.TASKS) == 20
