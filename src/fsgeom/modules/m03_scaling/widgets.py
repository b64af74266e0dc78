"""Module 03 widgets: gradient descent on the loss surface of real wine data under four scalers
(:func:`gd_explorer`) and what min-max, z-score and robust scaling do with one outlier (:func:`outlier_scalers`).
One call each; see :class:`fsgeom.widgets.CourseWidget` for what they return.

What is expensive is computed once, when the widget is built (:func:`gd_study`, :func:`outlier_data`, both public
so the lecture can quote the same numbers); moving a control recomputes a short path / a few quantiles and moves
artists in place.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ipywidgets as W
import numpy as np

from ... import data as shared_data
from ...i18n import language
from ...widgets import CourseWidget, course_widget, slider as _slider, span as _span, widget_figure as _figure
from . import maths, plots
from .texts import T

__all__ = ["SCALERS", "GD_FEATURES", "GD_TARGET", "LR_FRACTIONS", "scale_features", "GDScaled", "gd_study",
           "gd_explorer", "OUTLIER_FEATURE", "OUTLIER_SPLIT_SEED", "outlier_data", "outlier_transform", "outlier_scalers"]

#: the scalers of :func:`gd_explorer` (values of its ``scaler`` control)
SCALERS = ("none", "minmax", "zscore", "robust")
#: two wine features with very different scales (sd 314 and 0.23) and the target regressed on them
GD_FEATURES = ("proline", "hue")
GD_TARGET = "alcohol"
#: the values of the learning-rate slider, as fractions of 2/L (above 1 gradient descent diverges)
LR_FRACTIONS = tuple(round(0.05 * i, 2) for i in range(1, 22))
TOL = 1e-6
MAX_ITER = 200_000


def scale_features(X, scaler: str) -> np.ndarray:
    """``X`` after ``scaler`` (none, minmax, zscore, robust) fitted on ``X`` itself (:mod:`.maths`)."""
    X = np.asarray(X, dtype=float)
    if scaler == "none":
        return X.copy()
    if scaler == "minmax":
        return maths.minmax_transform(X, *maths.minmax_fit(X))
    if scaler == "zscore":
        mean, sd = maths.zscore_fit(X)
        return (X - mean) / sd
    if scaler == "robust":
        return maths.robust_transform(X, *maths.robust_fit(X))
    raise ValueError(f"scaler must be one of {SCALERS}, got {scaler!r}")


# ----------------------------------------------------------------------------------------- gd study
@dataclass(frozen=True, eq=False)
class GDScaled:
    """Least squares on the scaled features ``X``: ``G`` = XcᵀXc/n, minimum ``w_star``, ``gap0`` = L(0) - L*,
    ``kappa`` (:func:`.maths.gram_condition`), ``L`` (:func:`.maths.lipschitz`), ``bound`` (:func:`.maths.gd_bound`)
    and ``iterations[frac]`` (:func:`.maths.gd_iterations` with step frac · 2/L, None if not within 200 000)."""
    X: np.ndarray
    G: np.ndarray
    w_star: np.ndarray
    gap0: float
    kappa: float
    L: float
    bound: float
    iterations: dict


@lru_cache(maxsize=2)
def gd_study(features=GD_FEATURES, target: str = GD_TARGET) -> dict:
    """``{scaler: GDScaled}`` for wine (:func:`fsgeom.data.load_wine`): ``target`` regressed on ``features``.
    Iterations come from :func:`.maths.gd_iterations_fast` (the same numbers as :func:`.maths.gd_iterations`).
    Cached."""
    wine = shared_data.load_wine()
    names = list(wine.feature_names)
    X0 = wine.X[:, [names.index(f) for f in features]].astype(float)
    y = wine.X[:, names.index(target)].astype(float)
    out = {}
    for sc in SCALERS:
        X = scale_features(X0, sc)
        Xc = maths.centred(X)
        G = Xc.T @ Xc / Xc.shape[0]
        w_star, _ = maths.lstsq_centred(X, y)
        L = maths.lipschitz(X)
        kappa = maths.gram_condition(X)
        its = {f: maths.gd_iterations_fast(X, y, tol=TOL, max_iter=MAX_ITER, lr=f * 2.0 / L) for f in LR_FRACTIONS}
        out[sc] = GDScaled(X=X, G=G, w_star=w_star, gap0=float(0.5 * w_star @ G @ w_star), kappa=kappa, L=L,
                           bound=maths.gd_bound(kappa, TOL), iterations=its)
    return out


def _target():
    wine = shared_data.load_wine()
    return wine.X[:, list(wine.feature_names).index(GD_TARGET)].astype(float)


def _fmt_g(v: float) -> str:
    return f"{v:.3g}" if abs(v) < 1e5 else f"{v:.3e}"


@course_widget
def gd_explorer(scaler: str = "none", lr: float = 0.5, steps: int = 40, backend: str | None = None,
                lang: str | None = None) -> CourseWidget:
    """Gradient descent from w0 = 0 on 1/(2n)‖Xc w − yc‖² for wine: alcohol on proline and hue (sd 314 and 0.23).

    Controls: ``scaler`` (ToggleButtons: none, minmax, zscore, robust), ``lr`` (FloatSlider 0.05..1.05: the step as a
    fraction of 2/L; above 1 GD diverges), ``steps`` (IntSlider 1..100). Left panel: the loss's level lines in
    the chosen scaler's weights divided by ‖w*‖ (exact ellipses), the path and the minimum; right: the relative
    gap per step. Readout / ``numbers``: κ, L, step, iterations to a relative gap 1e-6 (measured), the bound
    (κ/2)·ln(1/ε) for step 1/L, the relative gap after ``steps`` steps.
    """
    lang = lang or language()
    if scaler not in SCALERS:
        raise ValueError(f"scaler must be one of {SCALERS}, got {scaler!r}")
    study = gd_study()
    y = _target()
    max_steps = 100
    fig, fw, mode = _figure((9.6, 4.1), 90, backend)
    view = plots.GDView(GD_FEATURES, max_steps, fig=fig, lang=lang)
    controls = {
        "scaler": W.ToggleButtons(options=[(T(f"w_sc_{s}", lang=lang), s) for s in SCALERS], value=scaler,
                                  description=T("w_scaler", lang=lang),
                                  style={"description_width": "initial", "button_width": "90px"}),
        "lr": _slider(W.FloatSlider, float(lr), LR_FRACTIONS[0], LR_FRACTIONS[-1], 0.05, T("w_lr", lang=lang),
                      readout_format=".2f"),
        "steps": _slider(W.IntSlider, int(steps), 1, max_steps, 1, T("w_steps", lang=lang)),
    }
    readout = W.HTML()
    w = CourseWidget("gd_explorer", controls, view, readout, fw, mode)

    def update(change):
        c = w.controls
        sc, frac, n = c["scaler"].value, round(float(c["lr"].value), 2), int(c["steps"].value)
        s = study[sc]
        step = frac * 2.0 / s.L
        Wh = maths.gd_least_squares(s.X, y, n, lr=step)
        E = Wh - s.w_star
        with np.errstate(over="ignore", invalid="ignore"):
            gaps = 0.5 * np.einsum("ti,ij,tj->t", E, s.G, E) / s.gap0
        its = s.iterations[frac] if frac in s.iterations else maths.gd_iterations_fast(
            s.X, y, tol=TOL, max_iter=MAX_ITER, lr=step)
        name = T(f"w_sc_{sc}", lang=lang)
        if its is not None:
            its_text = str(its)
        elif frac >= 1.0:
            its_text = T("w_diverges", lang=lang)
        else:
            its_text = T("w_not_within", lang=lang, n=f"{MAX_ITER:,}".replace(",", " "))
        w.numbers = {"scaler": sc, "lr_fraction": frac, "lr": step, "steps": n, "kappa": s.kappa, "L": s.L,
                     "iterations": its, "bound": s.bound, "gap": float(gaps[-1]), "gaps": gaps, "path": Wh,
                     "w_star": s.w_star}
        readout.value = T("w_readout_gd", lang=lang, f1=GD_FEATURES[0], f2=GD_FEATURES[1], scaler=name,
                          kappa=_span("kappa", _fmt_g(s.kappa)), L=_span("L", _fmt_g(s.L)),
                          frac=_span("frac", f"{frac:.2f}"), lr=_span("lr", f"{step:.3g}"),
                          iters=_span("iterations", its_text), bound=_span("bound", f"{np.ceil(s.bound):.0f}"),
                          steps=_span("steps", n), gap=_span("gap", f"{gaps[-1]:.3g}"))
        norm = float(np.linalg.norm(s.w_star))
        view.update(s.G, s.w_star, s.gap0, Wh, gaps, T("w_contour_title", lang=lang, scaler=name),
                    T("w_wstar", lang=lang, w1=s.w_star[0], w2=s.w_star[1], norm=norm))

    w._connect(update)
    return w


# ----------------------------------------------------------------------------------------- outliers
#: the diabetes feature of :func:`outlier_scalers` (raw units, kg/m²)
OUTLIER_FEATURE = "bmi"
#: the split of :func:`outlier_data`: with seed 1 the smallest (18.0) and the largest (42.2) BMI of the data set land
#: in test, so min-max fitted on train maps them outside [0, 1] (seed 0 has no such test point)
OUTLIER_SPLIT_SEED = 1


@lru_cache(maxsize=1)
def outlier_data(feature: str = OUTLIER_FEATURE, seed: int = OUTLIER_SPLIT_SEED):
    """``(train, test, sd)``: one raw diabetes feature (``sklearn.datasets.load_diabetes(scaled=False)``) split by
    :func:`fsgeom.data.train_test_split` (30 % test, ``seed``), and the training sd (the outlier's unit)."""
    from sklearn.datasets import load_diabetes
    d = load_diabetes(scaled=False)
    x = d.data[:, list(d.feature_names).index(feature)].astype(float)
    tr, te, _, _ = shared_data.train_test_split(x, x, seed=seed)
    tr.setflags(write=False)
    te.setflags(write=False)
    return tr, te, float(tr.std())


def outlier_transform(train, test, k: float, sd: float | None = None) -> dict:
    """The training maximum moved to ``max + k·sd`` (``sd``: the training sd before the move, by default); every
    scaler fitted on that training set. ``{scaler: (train_bulk, test, outlier)}`` transformed (bulk = the training
    points but the moved one)."""
    train = np.array(train, dtype=float)
    i = int(np.argmax(train))
    train[i] = train[i] + float(k) * (float(train.std()) if sd is None else float(sd))
    return _transform(train, np.asarray(test, dtype=float), i)


def _transform(train, test, i):
    bulk = np.delete(train, i)
    X, T_ = train[:, None], test[:, None]
    out = {}
    fits = {"minmax": (maths.minmax_transform, maths.minmax_fit(X)),
            "zscore": (lambda A, m, s: (A - m) / s, maths.zscore_fit(X)),
            "robust": (maths.robust_transform, maths.robust_fit(X))}
    for sc, (tf, params) in fits.items():
        out[sc] = (tf(bulk[:, None], *params)[:, 0], tf(T_, *params)[:, 0], float(tf(train[i:i + 1, None],
                                                                                      *params)[0, 0]))
    return out


@course_widget
def outlier_scalers(k: float = 10.0, show_test: bool = True, backend: str | None = None,
                    lang: str | None = None) -> CourseWidget:
    """Min-max, z-score and robust scaling of diabetes BMI (raw units) side by side, with one training point (the
    maximum) moved ``k`` training standard deviations further out; the scalers are fitted on train, test data
    are transformed with the train parameters (min-max may put them outside [0, 1]).

    Controls: ``k`` (FloatSlider 0..60: 0 = the data as they are), ``show_test`` (Checkbox). Each panel shades the
    interval holding the middle 95 % of the training bulk (every training point but the moved one) and writes its
    width. Readout / ``numbers``: the widths per scaler now and without the outlier, the outlier's raw value,
    the test points outside [0, 1] after min-max.
    """
    lang = lang or language()
    train, test, sd = outlier_data()
    i = int(np.argmax(train))
    base = _transform(np.array(train), np.array(test), i)
    widths0 = {sc: maths.middle_interval_width(v[0]) for sc, v in base.items()}
    fig, fw, mode = _figure((9.6, 3.3), 90, backend)
    view = plots.OutlierView(OUTLIER_FEATURE, fig=fig, lang=lang)
    controls = {
        "k": _slider(W.FloatSlider, float(k), 0.0, 60.0, 1.0, T("w_outlier", lang=lang), readout_format=".0f"),
        "show_test": W.Checkbox(value=bool(show_test), description=T("w_show_test", lang=lang), indent=False),
    }
    readout = W.HTML()
    w = CourseWidget("outlier_scalers", controls, view, readout, fw, mode)
    f3 = lambda v: f"{v:.3f}"  # noqa: E731

    def update(change):
        kk, show = float(controls["k"].value), bool(controls["show_test"].value)
        moved_value = float(train[i] + kk * sd)
        tf = outlier_transform(train, test, kk, sd)
        te01 = tf["minmax"][1]
        outside = int(np.sum((te01 < 0) | (te01 > 1)))
        shown = {sc: (v[0], v[1] if show else None, v[2]) for sc, v in tf.items()}
        widths = view.update(shown, lang=lang, draw=False)
        w.numbers = {"k": kk, "outlier_raw": moved_value, "widths": widths, "widths_without": widths0,
                     "outside_test": outside, "n_test": int(test.size), "show_test": show,
                     "transformed": tf}
        readout.value = T("w_readout_outliers", lang=lang, name=OUTLIER_FEATURE, xmax=float(train[i]),
                          xout=moved_value, k=kk,
                          **{f"w_{sc}": _span(f"width-{sc}", f3(widths[sc])) for sc in widths},
                          **{f"w0_{sc}": f3(widths0[sc]) for sc in widths0},
                          out_test=_span("outside", outside), n_test=test.size,
                          test=T("w_test_on" if show else "w_test_off", lang=lang))
        view.refresh()

    w._connect(update)
    return w
