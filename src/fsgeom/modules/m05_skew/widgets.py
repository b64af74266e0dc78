r"""Module 05 widgets: λ of Box–Cox / Yeo–Johnson on real and synthetic skewed data, with the histogram after the
transform, the Q–Q plot and the profile log-likelihood (:func:`lambda_explorer`); the change-of-density formula
checked against a sample of 20 000 (:func:`density_change`). One call each; see :class:`fsgeom.widgets.CourseWidget`
for what they return.

λ̂ is found on a wide range (:data:`LAM_BOUNDS`, :func:`.maths.mle_lambda`): Yeo–Johnson on "fractal dimension
error" (values about 0.004) has λ̂ ≈ −280, far outside the slider's −3..3; Box–Cox on the left-skewed sample has
λ̂ ≈ 7.03. The fit of every data set × method is computed once per process (:func:`fit`).
"""
from __future__ import annotations

from functools import lru_cache

import ipywidgets as W
import numpy as np

from ...i18n import language
from ...widgets import CourseWidget, course_widget, slider as _slider, span as _span, widget_figure as _figure
from . import data, maths, plots

__all__ = ["LAM_BOUNDS", "LAM_GRID", "LAM_STEP", "fit", "default_lambda", "density_sample", "DENSITY_MU",
           "DENSITY_SIGMA", "DENSITY_SEED", "DENSITY_N", "y_range", "integral_f_y", "lambda_explorer",
           "density_change"]

#: the search range of λ̂ (a grid of 401 points, then golden section): wide enough for every data set offered
LAM_BOUNDS = (-1000.0, 1000.0)
LAM_STEP = 0.05
#: the λ of the drawn profile (the slider's range, step 0.025)
LAM_GRID = np.round(np.linspace(-3.0, 3.0, 241), 6)
LAM_GRID.setflags(write=False)


@lru_cache(maxsize=None)
def fit(key: str, method: str):
    """``None`` when ``method`` cannot take the data (Box–Cox with zeros or negatives), else
    ``(lam_hat, (lo, hi), llf_max, drop)``: λ̂, the 95 % likelihood interval, ℓ(λ̂) and ℓ − ℓ(λ̂) on
    :data:`LAM_GRID` (read-only)."""
    x = data.dataset(key)
    if method == "box-cox" and not np.all(x > 0):
        return None
    with np.errstate(all="ignore"):
        lam_hat = float(maths.mle_lambda(x, method, bounds=LAM_BOUNDS, grid=401))
        lo, hi = maths.lambda_interval(x, method, lam_hat=lam_hat)
        top = maths.llf(lam_hat, x, method)
        drop = maths.profile(x, LAM_GRID, method) - top
    drop.setflags(write=False)
    return lam_hat, (float(lo), float(hi)), float(top), drop


def default_lambda(key: str, method: str) -> float:
    """Where the slider starts: λ̂ rounded to the slider's step and clipped to −3..3 (1.0 when there is no fit)."""
    f = fit(key, method)
    if f is None:
        return 1.0
    return float(np.clip(round(f[0] / LAM_STEP) * LAM_STEP, -3.0, 3.0))


def _data_options(lang):
    return [(plots.LABELS(f"d_{k}", lang=lang), k) for k in plots.DATA_KEYS]


@course_widget
def lambda_explorer(data: str = "area_error", method: str = "box-cox", lam: float | None = None,
                    backend: str | None = None, lang: str | None = None) -> CourseWidget:
    """(a) The histogram of the transformed data (standardized) against N(0, 1); (b) the normal Q–Q plot; (c) the
    profile log-likelihood ℓ(λ) − ℓ(λ̂) over λ ∈ [−3, 3] with λ̂ (:func:`fit`), its 95 % interval (drop 1.92) and the
    current λ.

    Controls: ``data`` (Dropdown over :data:`.plots.DATA_KEYS`), ``method`` (ToggleButtons box-cox / yeo-johnson),
    ``lam`` (FloatSlider −3..3, step 0.05; ``None``: start at :func:`default_lambda`). Box–Cox with data that are not
    all positive shows a message instead of the data (``valid`` False). Readout / ``numbers``: ``data``, ``method``,
    ``lam``, ``lam_hat``, ``interval``, ``skew_before``, ``skew_after``, ``qq_r``, ``valid``.
    """
    lang = lang or language()
    key0 = data
    if key0 not in plots.DATA_KEYS:
        raise ValueError(f"no data set {key0!r}; choose from {plots.DATA_KEYS}")
    if method not in maths.METHODS:
        raise ValueError(f"method must be one of {maths.METHODS}, got {method!r}")
    for k in plots.DATA_KEYS:                     # every fit once per process: no control move computes one
        for m in maths.METHODS:
            fit(k, m)
    lam0 = default_lambda(key0, method) if lam is None else float(lam)
    fig, fw, mode = _figure((11.0, 4.1), 90, backend)
    view = plots.LambdaView(fig=fig, lang=lang)
    controls = {
        "data": W.Dropdown(options=_data_options(lang), value=key0, description=plots.LABELS("w_data", lang=lang),
                           style={"description_width": "initial"}, layout=W.Layout(width="420px")),
        "method": W.ToggleButtons(options=[("Box–Cox", "box-cox"), ("Yeo–Johnson", "yeo-johnson")], value=method,
                                  description=plots.LABELS("w_method", lang=lang),
                                  style={"description_width": "initial", "button_width": "110px"}),
        "lam": _slider(W.FloatSlider, lam0, -3.0, 3.0, LAM_STEP, plots.LABELS("w_lam", lang=lang),
                       readout_format=".2f"),
    }
    readout = W.HTML()
    w = CourseWidget("lambda_explorer", controls, view, readout, fw, mode)
    names = {"box-cox": "Box–Cox", "yeo-johnson": "Yeo–Johnson"}
    shown = {"profile": None}
    num = plots._num

    def update(change):
        key, meth = controls["data"].value, controls["method"].value
        lam_ = round(float(controls["lam"].value), 4)
        x = data_of(key)
        skew_before = maths.skewness(x)
        f = fit(key, meth)
        state = plots.LABELS("w_state", lang=lang, method=names[meth], lam=num(lam_))
        if f is None:
            w.numbers = {"data": key, "method": meth, "lam": lam_, "lam_hat": float("nan"),
                         "interval": (float("nan"), float("nan")), "skew_before": skew_before,
                         "skew_after": float("nan"), "qq_r": float("nan"), "valid": False}
            readout.value = plots.LABELS(
                "w_readout_invalid", lang=lang, message=_span("invalid", "<b>" + plots.LABELS("w_invalid", lang=lang)
                                                             + "</b>"),
                zeros=int(np.sum(x == 0)), negatives=int(np.sum(x < 0)),
                skew_before=_span("skew-before", num(skew_before)))
            view.set_invalid(plots.LABELS("w_invalid_short", lang=lang), lam_, state)
            shown["profile"] = None
            view.refresh()
            return
        lam_hat, (lo, hi), top, drop = f
        with np.errstate(all="ignore"):
            y = maths.transform(x, lam_, meth)
            drop_at = maths.llf(lam_, x, meth) - top
        skew_after = maths.skewness(y)
        qq = maths.normal_qq(y)
        qq_r = float(np.corrcoef(qq[0], qq[1])[0, 1])
        sd = y.std()
        z = (y - y.mean()) / (sd if sd > 0 else 1.0)
        outside = not (-3.0 <= lam_hat <= 3.0)
        w.numbers = {"data": key, "method": meth, "lam": lam_, "lam_hat": lam_hat, "interval": (lo, hi),
                     "skew_before": skew_before, "skew_after": skew_after, "qq_r": qq_r, "valid": True}
        readout.value = plots.LABELS(
            "w_readout_lambda", lang=lang, lam=_span("lam", num(lam_)), lam_hat=_span("lam-hat", num(lam_hat, ".3f")),
            lo=_span("interval-lo", num(lo, ".3f")), hi=_span("interval-hi", num(hi, ".3f")),
            outside=_span("outside", plots.LABELS("w_readout_outside", lang=lang)) if outside else "",
            skew_before=_span("skew-before", num(skew_before)), skew_after=_span("skew-after", num(skew_after)),
            qq_r=_span("qq-r", f"{qq_r:.4f}"))
        if shown["profile"] != (key, meth):
            note = plots.LABELS("w_mle_outside", lang=lang, lam=num(lam_hat), arrow="←" if lam_hat < 0 else "→") \
                if outside else ""
            view.set_profile(LAM_GRID, drop, lam_hat, (lo, hi), note)
            shown["profile"] = (key, meth)
        view.set_state(z, qq, lam_, drop_at, state)
        view.refresh()

    w._connect(update)
    return w


def data_of(key: str) -> np.ndarray:
    """The data set ``key`` (:func:`.data.dataset`)."""
    return data.dataset(key)


# ----------------------------------------------------------------------------------------- density change
#: X = exp(N(DENSITY_MU, DENSITY_SIGMA²)): DENSITY_N values drawn with default_rng(DENSITY_SEED)
DENSITY_MU = 0.7
DENSITY_SIGMA = 0.5
DENSITY_SEED = 0
DENSITY_N = 20_000
#: the x of the wide grid on which f_Y is integrated (through y = g(x), so the grid follows g)
_X_WIDE = np.geomspace(1e-3, 1e3, 40_001)
_G_NAMES = {"log": "g_log", "sqrt": "g_sqrt", "boxcox": "g_boxcox"}


@lru_cache(maxsize=1)
def density_sample() -> np.ndarray:
    """The fixed sample of X (read-only)."""
    x = np.exp(np.random.default_rng(DENSITY_SEED).normal(DENSITY_MU, DENSITY_SIGMA, DENSITY_N))
    x.setflags(write=False)
    return x


def _f_x(x):
    return maths.lognormal_pdf(x, DENSITY_MU, DENSITY_SIGMA)


def _g(name: str, x, lam: float):
    return maths.TRANSFORMS[name][0](x, lam)


def y_range(gy) -> tuple:
    """The shown range of Y: its 0.05 % and 99.95 % sample quantiles, widened by 5 % on each side."""
    q0, q1 = np.quantile(gy, [0.0005, 0.9995])
    pad = 0.05 * (q1 - q0)
    return float(q0 - pad), float(q1 + pad)


def integral_f_y(name: str, lam: float) -> float:
    """:math:`\\int f_Y` by the trapezoid rule on ``y = g(x)`` over x from 1e-3 to 1e3 (40 001 geometric points;
    g is increasing, so the y grid is too)."""
    y = _g(name, _X_WIDE, lam)
    return float(np.trapezoid(maths.density_after(name, _f_x, y, lam), y))


@course_widget
def density_change(g: str = "log", lam: float = 0.5, backend: str | None = None,
                   lang: str | None = None) -> CourseWidget:
    """X = exp(N(0.7, 0.5²)) (:func:`density_sample`, 20 000 values): its histogram and density f_X; the map
    y = g(x); the histogram of g(sample) and f_Y from :func:`.maths.density_after`.

    Controls: ``g`` (ToggleButtons log / sqrt / boxcox), ``lam`` (FloatSlider −1..2, step 0.05; used by Box–Cox, and
    drawn faint in the map panel for comparison otherwise). Readout / ``numbers``: ``g``, ``lam``, ``integral``
    (:func:`integral_f_y`), ``l1`` (:func:`.maths.histogram_l1` on the 60 bins shown), ``range`` (:func:`y_range`),
    ``max_diff_normal`` (log only: the largest |f_Y − N(0.7, 0.5²) density| on the drawn grid, else nan).
    """
    lang = lang or language()
    if g not in _G_NAMES:
        raise ValueError(f"g must be one of {tuple(_G_NAMES)}, got {g!r}")
    X = density_sample()
    fig, fw, mode = _figure((11.0, 4.1), 90, backend)
    view = plots.DensityView(X, DENSITY_MU, DENSITY_SIGMA, fig=fig, lang=lang)
    controls = {
        "g": W.ToggleButtons(options=[(plots.LABELS(v, lang=lang), k) for k, v in _G_NAMES.items()], value=g,
                             description=plots.LABELS("w_g", lang=lang),
                             style={"description_width": "initial", "button_width": "80px"}),
        "lam": _slider(W.FloatSlider, float(lam), -1.0, 2.0, 0.05, plots.LABELS("w_lam_bc", lang=lang),
                       readout_format=".2f"),
    }
    readout = W.HTML()
    w = CourseWidget("density_change", controls, view, readout, fw, mode)
    num = plots._num
    n_bins = plots.DensityView.N_BINS

    def update(change):
        name = controls["g"].value
        lam_ = round(float(controls["lam"].value), 4)
        gy = _g(name, X, lam_)
        lo, hi = y_range(gy)
        edges = np.linspace(lo, hi, n_bins + 1)
        counts, _ = np.histogram(gy, bins=edges)
        hist = counts / (gy.size * np.diff(edges))
        y_grid = np.linspace(lo, hi, 400)

        def f_y(y):
            return maths.density_after(name, _f_x, y, lam_)

        fy = f_y(y_grid)
        integral = integral_f_y(name, lam_)
        l1 = maths.histogram_l1(gy, f_y, edges)
        diff = float(np.max(np.abs(fy - maths.normal_pdf(y_grid, DENSITY_MU, DENSITY_SIGMA)))) if name == "log" \
            else float("nan")
        w.numbers = {"g": name, "lam": lam_, "integral": integral, "l1": l1, "range": (lo, hi),
                     "max_diff_normal": diff}
        g_text = plots.LABELS(_G_NAMES[name], lang=lang)
        note = {"log": plots.LABELS("w_note_log", lang=lang, diff=_span("normal-diff", f"{diff:.1e}")),
                "sqrt": plots.LABELS("w_note_sqrt", lang=lang),
                "boxcox": plots.LABELS("w_note_boxcox", lang=lang)}[name]
        lam_note = plots.LABELS("w_lam_note" if name == "boxcox" else "w_lam_unused", lang=lang,
                                lam=_span("lam", num(lam_)))
        readout.value = plots.LABELS("w_readout_density", lang=lang, g=_span("g", g_text), lam_note=lam_note,
                                     integral=_span("integral", f"{integral:.4f}"), l1=_span("l1", f"{l1:.4f}"),
                                     note=note)
        g_y = _g(name, view.x_grid, lam_)
        ghost_y = maths.boxcox(view.x_grid, lam_)
        state = plots.LABELS("w_g_state", lang=lang, g=g_text) + (f", λ = {num(lam_)}" if name == "boxcox" else "")
        ghost_label = "" if name == "boxcox" else plots.LABELS("w_bc_ghost", lang=lang, lam=num(lam_))
        view.update((lo, hi), g_y, ghost_y, hist, y_grid, fy, state, ghost_label)

    w._connect(update)
    return w
