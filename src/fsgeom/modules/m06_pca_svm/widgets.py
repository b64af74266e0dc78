r"""Module 06 widgets: PCA of the 178 wines when the unit of one feature changes, raw or standardized
(:func:`pca_units`); the linear SVM on alcohol and proline when the unit of proline and C change, raw or standardized
(:func:`svm_margin`). One call each; see :class:`fsgeom.widgets.CourseWidget` for what they return.

The unit factors and C move on logarithmic grids (:data:`FACTOR_GRID`, :data:`SCALE_GRID`, :data:`C_GRID`) through
``SelectionSlider`` controls: the benchmark and the convention checks drive a selection by its options, and a grid
lets every SVM fit be cached (:func:`svm_fit`, one interior-point solve of 3–30 ms per grid cell and setting, computed
once per process). Building :func:`svm_margin` solves the row and the column of the grid through its start values
(about 60 fits); any other cell is solved the first time it is shown.

The SVM's unit slider stops at 10⁰ = mg/L: with proline in units of 10⁻¹ mg/L or smaller (values above 10⁴ next to
alcohol's 11–15) and C ≳ 0.5, :func:`.maths.svm_exact` no longer certifies its optimum (relative gaps up to 0.9 were
measured at × 10 and C ≈ 56; see its docstring), while on this grid the worst certified relative gap is below 10⁻⁴
(tests/modules/m06_pca_svm/test_widgets.py checks every cell).
"""
from __future__ import annotations

from functools import lru_cache

import ipywidgets as W
import numpy as np

from ...i18n import language
from ...widgets import CourseWidget, course_widget, span as _span, widget_figure as _figure
from . import data, maths, plots

__all__ = ["FACTOR_GRID", "SCALE_GRID", "C_GRID", "grid_index", "grid_label", "pca_state", "pca_reference",
           "svm_split", "svm_coords", "svm_fit", "svm_state", "pca_units", "svm_margin", "SVM_TOL"]

#: unit factors of the PCA widget: 10⁻⁴ … 10² in 25 steps (10^(k/4)); 1 = the data's own unit, 10⁻³ = g/L for proline
FACTOR_GRID = tuple(float(10.0 ** (e / 4)) for e in range(-16, 9))
#: unit factors of proline in the SVM widget: 10⁻³ … 10⁰ in 13 steps (1 = mg/L, 10⁻³ = g/L)
SCALE_GRID = tuple(float(10.0 ** (e / 4)) for e in range(-12, 1))
#: C of the SVM widget: 10⁻² … 10² in 17 steps
C_GRID = tuple(float(10.0 ** (e / 4)) for e in range(-8, 9))
#: test share and seed of the SVM's stratified split (91 training / 39 test wines)
TEST_FRACTION = 0.3
SPLIT_SEED = 0


def grid_index(grid, value, name: str) -> int:
    """The index of the grid point nearest to ``value`` in log scale; ``ValueError`` when ``value`` is not positive
    or lies more than half a step outside the grid."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a positive number, got {value!r}") from None
    if not (np.isfinite(v) and v > 0):
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    logs = np.log10(np.asarray(grid))
    half = (logs[1] - logs[0]) / 2
    lv = np.log10(v)
    if lv < logs[0] - half or lv > logs[-1] + half:
        raise ValueError(f"{name} must be in [{grid[0]:g}, {grid[-1]:g}], got {value!r}")
    return int(np.argmin(np.abs(logs - lv)))


def grid_label(v: float) -> str:
    """The slider's text for a grid value (3 significant digits)."""
    return f"{v:.3g}"


def _options(grid):
    return [(grid_label(v), v) for v in grid]


def _selection(grid, index: int, description: str, width: str = "380px"):
    return W.SelectionSlider(options=_options(grid), value=grid[index], description=description,
                             continuous_update=True, style={"description_width": "initial"},
                             layout=W.Layout(width=width))


def _standardize_box(value: bool, lang):
    return W.Checkbox(value=bool(value), description=plots.LABELS("w_standardize", lang=lang), indent=False,
                      layout=W.Layout(width="170px"))


def _check_bool(value, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return bool(value)


# ----------------------------------------------------------------------------------------- PCA and units
def pca_state(factor: float, standardize: bool, feature: str = data.PROLINE):
    """PCA of all 178 wines with ``feature`` multiplied by ``factor``: ``(scores (178, 2), components (2, 13),
    ratio (2,))`` (:func:`.maths.pca_fit`, :func:`.maths.pca_transform`)."""
    X = data.wine().X
    Xf = maths.change_units(X, data.feature_index(feature), factor)
    mean, scale, comps, _, ratio = maths.pca_fit(Xf, 2, standardize=standardize)
    return maths.pca_transform(Xf, mean, scale, comps), comps, ratio


@lru_cache(maxsize=None)
def pca_reference(standardize: bool, feature: str = data.PROLINE) -> np.ndarray:
    """The first component in the data's own units (factor 1), read-only."""
    c = pca_state(1.0, standardize, feature)[1][0].copy()
    c.setflags(write=False)
    return c


@course_widget
def pca_units(factor: float = 1.0, standardize: bool = False, feature: str = data.PROLINE,
              backend: str | None = None, lang: str | None = None) -> CourseWidget:
    """All 178 wines on their first two principal components (coloured by cultivar, equal axis scales) and the 13
    loadings of the first component, with ``feature`` multiplied by a unit factor.

    Controls: ``factor`` (SelectionSlider over :data:`FACTOR_GRID`, 10⁻⁴ … 10²; 1 = the data's unit, 10⁻³ = g/L for
    proline), ``standardize`` (Checkbox: PCA of the correlation matrix). Readout / ``numbers``: ``factor``,
    ``standardize``, ``feature``, ``ratio`` (explained variance ratio of components 1 and 2), ``top_feature`` and
    ``top_loading`` (the largest |loading| of component 1), ``feature_loading`` (the loading of ``feature``),
    ``angle`` (degrees between component 1 now and at factor 1 with the same standardize setting,
    :func:`.maths.component_angle`).
    """
    lang = lang or language()
    j = data.feature_index(feature)
    k0 = grid_index(FACTOR_GRID, factor, "factor")
    std0 = _check_bool(standardize, "standardize")
    ds = data.wine()
    names = tuple(ds.feature_names)
    y = np.asarray(ds.y)
    for s in (False, True):
        pca_reference(s, feature)
    fig, fw, mode = _figure((11.0, 4.4), 90, backend)
    view = plots.PCAView(names, fig=fig, lang=lang)
    controls = {
        "factor": _selection(FACTOR_GRID, k0, plots.LABELS("w_factor", lang=lang, feature=feature), "430px"),
        "standardize": _standardize_box(std0, lang),
    }
    readout = W.HTML()
    w = CourseWidget("pca_units", controls, view, readout, fw, mode)
    num = plots._num

    def update(change):
        f = float(controls["factor"].value)
        std = bool(controls["standardize"].value)
        scores, comps, ratio = pca_state(f, std, feature)
        pc1 = comps[0]
        top = int(np.argmax(np.abs(pc1)))
        angle = maths.component_angle(pc1, pca_reference(std, feature))
        w.numbers = {"factor": f, "standardize": std, "feature": feature, "ratio": (float(ratio[0]), float(ratio[1])),
                     "top_feature": names[top], "top_loading": float(pc1[top]), "feature_loading": float(pc1[j]),
                     "angle": angle}
        mode_text = plots.LABELS("w_mode_std" if std else "w_mode_raw", lang=lang)
        readout.value = plots.LABELS(
            "w_readout_pca", lang=lang, r1=_span("ratio1", f"{ratio[0]:.3f}"), r2=_span("ratio2", f"{ratio[1]:.3f}"),
            top=_span("top", plots.short_name(names[top])), top_value=_span("top-value", num(pc1[top], ".4f")),
            feature=feature, feature_value=_span("feature-value", num(pc1[j], ".4f")), mode=mode_text,
            angle=_span("angle", f"{angle:.1f}"))
        state = plots.LABELS("w_state_std" if std else "w_state_raw", lang=lang, feature=feature,
                             factor=grid_label(f))
        note = plots.LABELS("w_ratio_note", lang=lang, r1=f"{ratio[0]:.3f}", r2=f"{ratio[1]:.3f}")
        view.update(scores, y, pc1, state, note)

    w._connect(update)
    return w


# ----------------------------------------------------------------------------------------- SVM margin
@lru_cache(maxsize=1)
def svm_split():
    """``(X, y, train, test)``: :func:`.data.svm_pair` (alcohol, proline in mg/L; y in {−1, +1}) and its stratified
    split (:func:`.data.train_test_indices`, 39 test wines)."""
    X, y = data.svm_pair()
    train, test = data.train_test_indices(len(y), test_fraction=TEST_FRACTION, seed=SPLIT_SEED, y=y)
    return X, y, train, test


def _readonly(*arrays):
    for a in arrays:
        a.setflags(write=False)
    return arrays


@lru_cache(maxsize=None)
def svm_coords(i_scale: int, standardize: bool):
    """The coordinates the SVM sees for ``SCALE_GRID[i_scale]`` (proline × scale, then z-scores with the training
    statistics when ``standardize``): ``(X_train, y_train, X_test, y_test)``, read-only."""
    X, y, train, test = svm_split()
    Z = maths.change_units(X, 1, SCALE_GRID[i_scale])
    if standardize:
        mean, sd = maths.standardize_stats(Z[train])
        Z = (Z - mean) / sd
    return _readonly(Z[train].copy(), y[train].copy(), Z[test].copy(), y[test].copy())


#: the certified relative gap the widget solves to (the default of maths.svm_exact)
SVM_TOL = 1e-10


@lru_cache(maxsize=None)
def svm_fit(i_scale: int, i_C: int, standardize: bool) -> dict:
    """:func:`.maths.svm_exact` on the training wines in the coordinates of :func:`svm_coords` with ``C_GRID[i_C]``:
    ``{"w", "b", "alpha", "gap"}`` (``gap``: svm_objective − svm_dual_objective, relative to 1 + the objective).
    Solved to the solver's default certified gap (:data:`SVM_TOL`): a looser 1e-7 would be 1.7× faster, but the
    count of support vectors (margins ≤ 1 + 1e-6) would then change with the tolerance."""
    Xtr, ytr, _, _ = svm_coords(i_scale, standardize)
    C = C_GRID[i_C]
    w, b, alpha = maths.svm_exact(Xtr, ytr, C, tol=SVM_TOL)
    f = maths.svm_objective(w, b, Xtr, ytr, C)
    gap = (f - maths.svm_dual_objective(alpha, Xtr, ytr, C)) / (1.0 + abs(f))
    w.setflags(write=False)
    alpha.setflags(write=False)
    return {"w": w, "b": float(b), "alpha": alpha, "gap": float(gap)}


def svm_state(i_scale: int, i_C: int, standardize: bool) -> dict:
    """What :func:`svm_margin` shows for one grid cell: ``w``, ``b``, ``margin`` (2/‖w‖), ``train_acc``,
    ``test_acc``, ``support`` (mask of the training points), ``n_sv``, ``sigma`` (training standard deviations of the
    SVM's two coordinates; 1 when standardized), ``w_sigma``, ``gap``."""
    Xtr, ytr, Xte, yte = svm_coords(i_scale, standardize)
    fit = svm_fit(i_scale, i_C, standardize)
    w, b = fit["w"], fit["b"]
    support = maths.support_mask(w, b, Xtr, ytr)
    sigma = Xtr.std(axis=0)
    return {"w": w, "b": b, "margin": maths.margin_width(w), "train_acc": maths.accuracy(w, b, Xtr, ytr),
            "test_acc": maths.accuracy(w, b, Xte, yte), "support": support, "n_sv": int(support.sum()),
            "sigma": sigma, "w_sigma": w * sigma, "gap": fit["gap"]}


@lru_cache(maxsize=None)
def _svm_ranges(i_scale: int, standardize: bool):
    Xtr, _, Xte, _ = svm_coords(i_scale, standardize)
    P = np.vstack([Xtr, Xte])
    if standardize:
        return plots.square_ranges(P)
    return plots.padded_range(P[:, 0]), plots.padded_range(P[:, 1])


def _axis_labels(i_scale: int, standardize: bool, lang) -> tuple:
    L = plots.LABELS
    if standardize:
        return (L("w_std_axis", lang=lang, feature=data.SVM_PAIR[0]), L("w_std_axis", lang=lang, feature=data.SVM_PAIR[1]))
    s = SCALE_GRID[i_scale]
    y = (L("w_proline_mg", lang=lang) if s == 1.0 else L("w_proline_g", lang=lang) if s == 1e-3
         else L("w_proline_x", lang=lang, s=grid_label(s)))
    return L("w_alcohol_raw", lang=lang), y


def _shares(v) -> np.ndarray:
    a = np.abs(np.asarray(v, dtype=float))
    total = a.sum()
    return a / total if total > 0 else np.zeros_like(a)


def _sig(v: float) -> str:
    return f"{float(v):.3g}".replace("-", "−")


@course_widget
def svm_margin(scale: float = 1.0, C: float = 1.0, standardize: bool = False, backend: str | None = None,
               lang: str | None = None) -> CourseWidget:
    """The linear SVM (:func:`.maths.svm_exact`) on 91 training wines of cultivars 0 (y = −1) and 1 (y = +1), features
    alcohol and proline (:func:`svm_split`), drawn in the coordinates it sees: training points by class, test points
    hollow, support vectors ringed, the separating hyperplane and the margin edges wᵀx + b = ±1; bars of the shares of
    |wⱼ| and |wⱼ|·σⱼ.

    Controls: ``scale`` (SelectionSlider over :data:`SCALE_GRID`: proline × scale, 1 = mg/L, 10⁻³ = g/L), ``C``
    (SelectionSlider over :data:`C_GRID`), ``standardize`` (Checkbox: z-scores with the training statistics, applied to
    the test wines too). Readout / ``numbers``: ``scale``, ``C``, ``standardize``, ``w``, ``b``, ``margin`` (2/‖w‖ in
    the SVM's units), ``train_acc``, ``test_acc``, ``n_sv``, ``n_train``, ``sigma``, ``w_sigma`` (wⱼσⱼ), ``gap`` (the
    certified relative gap of the fit).
    """
    lang = lang or language()
    i_s0 = grid_index(SCALE_GRID, scale, "scale")
    i_c0 = grid_index(C_GRID, C, "C")
    std0 = _check_bool(standardize, "standardize")
    for s in (False, True):                 # the row and the column through the start: no first move solves
        for i in range(len(C_GRID)):
            svm_fit(i_s0, i, s)
        for i in range(len(SCALE_GRID)):
            svm_fit(i, i_c0, s)
    fig, fw, mode = _figure((11.0, 4.6), 90, backend)
    view = plots.SVMView(data.SVM_PAIR, fig=fig, lang=lang)
    controls = {
        "scale": _selection(SCALE_GRID, i_s0, plots.LABELS("w_scale", lang=lang), "470px"),
        "C": _selection(C_GRID, i_c0, plots.LABELS("w_C", lang=lang), "300px"),
        "standardize": _standardize_box(std0, lang),
    }
    readout = W.HTML()
    w = CourseWidget("svm_margin", controls, view, readout, fw, mode)
    L = plots.LABELS

    def update(change):
        i_s = grid_index(SCALE_GRID, controls["scale"].value, "scale")
        i_c = grid_index(C_GRID, controls["C"].value, "C")
        std = bool(controls["standardize"].value)
        st = svm_state(i_s, i_c, std)
        Xtr, ytr, Xte, yte = svm_coords(i_s, std)
        wv, ws = st["w"], st["w_sigma"]
        w.numbers = {"scale": SCALE_GRID[i_s], "C": C_GRID[i_c], "standardize": std,
                     "w": (float(wv[0]), float(wv[1])), "b": st["b"], "margin": st["margin"],
                     "train_acc": st["train_acc"], "test_acc": st["test_acc"], "n_sv": st["n_sv"],
                     "n_train": int(ytr.size), "sigma": (float(st["sigma"][0]), float(st["sigma"][1])),
                     "w_sigma": (float(ws[0]), float(ws[1])), "gap": st["gap"]}
        readout.value = L("w_readout_svm", lang=lang, margin=_span("margin", f"{st['margin']:.4g}"),
                          train=_span("train-acc", f"{st['train_acc']:.3f}"),
                          test=_span("test-acc", f"{st['test_acc']:.3f}"), n_sv=_span("n-sv", str(st["n_sv"])),
                          n_train=ytr.size, w1=_span("w1", _sig(wv[0])), w2=_span("w2", _sig(wv[1])),
                          ws1=_span("ws1", _sig(ws[0])), ws2=_span("ws2", _sig(ws[1])))
        x_range, y_range = _svm_ranges(i_s, std)
        view.set_ranges(x_range, y_range, *_axis_labels(i_s, std, lang))
        state = L("w_svm_state", lang=lang, C=grid_label(C_GRID[i_c]), s=grid_label(SCALE_GRID[i_s]),
                  mode=L("w_std" if std else "w_raw", lang=lang))
        view.update(Xtr, ytr, Xte, yte, st["support"], wv, st["b"], _shares(wv), _shares(ws),
                    [_sig(v) for v in wv], [_sig(v) for v in ws], state,
                    L("w_margin_note", lang=lang, m=f"{st['margin']:.4g}"))

    w._connect(update)
    return w
