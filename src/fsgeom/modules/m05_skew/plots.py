r"""Module 05 plot pieces: the λ-explorer view (histogram after the transform, Q–Q plot, profile log-likelihood) and
the change-of-density view (f_X, the map y = g(x), f_Y), both updated in place on :class:`fsgeom.plots.BlitView`,
and the static figure of Yeo–Johnson's λ against the units of a feature.

Axis limits never change. Where the range of the numbers does (the map y = g(x) and f_Y of the change-of-density view,
whose range depends on g and λ), the axes run over [0, 1] and the data are mapped into them; the tick labels of that
axis are animated texts (:class:`LiveTicks`), so an update is still a blit.

Every word shown in a widget or a figure of this module comes from :data:`LABELS` (``{"uk": ..., "en": ...}``), in
the notebook's language or the ``lang`` given.
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import TICKDOWN, TICKLEFT, Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import blended_transform_factory

from ...i18n import Texts
from ...plots import BlitView, marker_line as _points, new_figure, set_points as _set_points, style_axes as _style
from . import maths

__all__ = ["LABELS", "DATA_KEYS", "HIST_EDGES", "QQ_LIM", "PROFILE_LIM", "DROP_95", "LiveTicks", "LambdaView",
           "DensityView", "YJ_SCALES", "yj_units_profiles", "yj_units_figure"]

LABELS = Texts({
    # ---- λ explorer: controls
    "w_data": {"uk": "дані", "en": "data"},
    "w_method": {"uk": "перетворення", "en": "transform"},
    "w_lam": {"uk": "λ", "en": "λ"},
    "d_lognormal": {"uk": "синтетичні: правостороння асиметрія (логнормальні)",
                    "en": "synthetic: right skew (lognormal)"},
    "d_left": {"uk": "синтетичні: лівостороння асиметрія", "en": "synthetic: left skew"},
    "d_negatives": {"uk": "синтетичні: з від'ємними значеннями", "en": "synthetic: with negative values"},
    "d_area_error": {"uk": "breast_cancer: «area error»", "en": "breast_cancer: “area error”"},
    "d_fractal_dimension_error": {"uk": "breast_cancer: «fractal dimension error»",
                                  "en": "breast_cancer: “fractal dimension error”"},
    "d_precipitation": {"uk": "опади в Сіетлі (57 % нулів)", "en": "Seattle precipitation (57 % zeros)"},
    # ---- λ explorer: panels
    "w_hist_title": {"uk": "Після перетворення (стандартизовано)", "en": "After the transform (standardized)"},
    "w_hist_x": {"uk": "(y − середнє) / σ", "en": "(y − mean) / sd"},
    "w_density": {"uk": "щільність", "en": "density"},
    "w_normal": {"uk": "N(0, 1)", "en": "N(0, 1)"},
    "w_qq_title": {"uk": "Q–Q графік проти нормального", "en": "Normal Q–Q plot"},
    "w_qq_x": {"uk": "квантилі N(0, 1)", "en": "N(0, 1) quantiles"},
    "w_qq_y": {"uk": "впорядковані стандартизовані y", "en": "ordered standardized y"},
    "w_prof_title": {"uk": "Профіль логарифма правдоподібності", "en": "Profile log-likelihood"},
    "w_prof_y": {"uk": "ℓ(λ) − ℓ(λ̂)", "en": "ℓ(λ) − ℓ(λ̂)"},
    "w_drop": {"uk": "−1.92: межа 95 % інтервалу", "en": "−1.92: edge of the 95 % interval"},
    "w_band": {"uk": "95 % інтервал λ", "en": "95 % interval of λ"},
    "w_mle": {"uk": "λ̂ (максимум правдоподібності)", "en": "λ̂ (maximum likelihood)"},
    "w_current": {"uk": "поточне λ", "en": "current λ"},
    "w_mle_outside": {"uk": "λ̂ = {lam} поза віссю {arrow}", "en": "λ̂ = {lam} off the axis {arrow}"},
    "w_invalid_short": {"uk": "Box–Cox потребує x > 0:\nоберіть Yeo–Johnson", "en": "Box–Cox needs x > 0:\nchoose Yeo–Johnson"},
    "w_state": {"uk": "{method}, λ = {lam}", "en": "{method}, λ = {lam}"},
    # ---- λ explorer: readout
    "w_readout_lambda": {
        "uk": "<b>λ</b> = {lam}; <b>λ̂</b> за максимумом правдоподібності = {lam_hat}, 95 % інтервал [{lo}, {hi}] "
              "(де ℓ(λ) нижче за максимум не більше ніж на 1.92){outside}.<br>"
              "<b>Асиметрія</b>: до перетворення {skew_before}, після {skew_after}. "
              "<b>Кореляція Q–Q</b> r = {qq_r} (1 для нормальної форми).",
        "en": "<b>λ</b> = {lam}; maximum-likelihood <b>λ̂</b> = {lam_hat}, 95 % interval [{lo}, {hi}] "
              "(where ℓ(λ) is within 1.92 of its maximum){outside}.<br>"
              "<b>Skewness</b>: before the transform {skew_before}, after {skew_after}. "
              "<b>Q–Q correlation</b> r = {qq_r} (1 for a normal shape)."},
    "w_readout_outside": {"uk": "; λ̂ поза межами повзунка −3..3", "en": "; λ̂ is outside the slider's −3..3"},
    "w_readout_invalid": {
        "uk": "{message} (у цих даних {zeros} нулів і {negatives} від'ємних значень; log x і x^λ для них "
              "не визначені).<br><b>Асиметрія</b> до перетворення: {skew_before}.",
        "en": "{message} (this data set has {zeros} zeros and {negatives} negative values; log x and x^λ "
              "are undefined for them).<br><b>Skewness</b> before the transform: {skew_before}."},
    "w_invalid": {"uk": "Box–Cox потребує x > 0: оберіть Yeo–Johnson", "en": "Box–Cox needs x > 0: choose Yeo–Johnson"},
    # ---- density change
    "w_g": {"uk": "g", "en": "g"},
    "w_lam_bc": {"uk": "λ (для Box–Cox)", "en": "λ (for Box–Cox)"},
    "g_log": {"uk": "log", "en": "log"},
    "g_sqrt": {"uk": "√x", "en": "√x"},
    "g_boxcox": {"uk": "Box–Cox", "en": "Box–Cox"},
    "w_fx_title": {"uk": "X = exp(N(0.7, 0.5²)): щільність f_X", "en": "X = exp(N(0.7, 0.5²)): density f_X"},
    "w_x": {"uk": "x", "en": "x"},
    "w_map_title": {"uk": "Перетворення y = g(x)", "en": "The map y = g(x)"},
    "w_y": {"uk": "y", "en": "y"},
    "w_fy_title": {"uk": "Y = g(X): щільність f_Y за формулою", "en": "Y = g(X): density f_Y by the formula"},
    "w_hist_sample": {"uk": "гістограма вибірки (20 000)", "en": "histogram of the sample (20 000)"},
    "w_fx": {"uk": "f_X (логнормальна)", "en": "f_X (lognormal)"},
    "w_fy": {"uk": "f_Y(y) = f_X(g⁻¹(y))·|dg⁻¹/dy|", "en": "f_Y(y) = f_X(g⁻¹(y))·|dg⁻¹/dy|"},
    "w_g_curve": {"uk": "y = g(x)", "en": "y = g(x)"},
    "w_bc_ghost": {"uk": "Box–Cox з λ = {lam} (для порівняння)", "en": "Box–Cox with λ = {lam} (for comparison)"},
    "w_g_state": {"uk": "g = {g}", "en": "g = {g}"},
    "w_readout_density": {
        "uk": "<b>g</b> = {g}{lam_note}. Інтеграл f_Y (трапеції на широкій сітці): {integral}. "
              "<b>Відстань L1</b> між гістограмою g(вибірки) і формулою: {l1}.<br>{note}",
        "en": "<b>g</b> = {g}{lam_note}. Integral of f_Y (trapezoid rule over a wide grid): {integral}. "
              "<b>L1 distance</b> between the histogram of g(sample) and the formula: {l1}.<br>{note}"},
    "w_lam_note": {"uk": " з λ = {lam}", "en": " with λ = {lam}"},
    "w_lam_unused": {"uk": " (λ = {lam} тут не використовується, лише Box–Cox)",
                     "en": " (λ = {lam} is not used here, only by Box–Cox)"},
    "w_note_log": {"uk": "Для log щільність f_Y — це точно N(0.7, 0.5²): найбільша різниця з нормальною щільністю {diff}.",
                   "en": "For log, f_Y is exactly N(0.7, 0.5²): the largest difference from the normal density "
                         "is {diff}."},
    "w_note_sqrt": {"uk": "√X = exp(N(0.35, 0.25²)): знову логнормальна, асиметрія менша.",
                    "en": "√X = exp(N(0.35, 0.25²)): lognormal again, less skewed."},
    "w_note_boxcox": {"uk": "Box–Cox з λ = 0 — це log; що далі λ від 0, то менш симетрична f_Y.",
                      "en": "Box–Cox with λ = 0 is log; the further λ is from 0, the less symmetric f_Y."},
    # ---- static figure: Yeo–Johnson and the units
    "f_yj_title": {"uk": "Yeo–Johnson залежить від одиниць: «fractal dimension error» × c",
                   "en": "Yeo–Johnson depends on the units: “fractal dimension error” × c"},
    "f_yj_scale": {"uk": "× {c}: λ̂ = {lam}", "en": "× {c}: λ̂ = {lam}"},
    "f_bc": {"uk": "Box–Cox (будь-яке c): λ̂ = {lam}", "en": "Box–Cox (any c): λ̂ = {lam}"},
    "f_yj_x": {"uk": "λ", "en": "λ"},
})

#: the data sets of the λ explorer, in the order of the dropdown (the keys of :data:`.data.DATASETS`)
DATA_KEYS = ("lognormal", "left", "negatives", "area_error", "fractal_dimension_error", "precipitation")
#: fixed bins of the standardized histogram
HIST_EDGES = np.linspace(-4.0, 4.0, 41)
HIST_YMAX = 0.8
QQ_LIM = (-3.6, 3.6)
QQ_YLIM = (-4.5, 4.5)
#: x and y limits of the profile panel: λ in [−3, 3], the log-likelihood minus its maximum
PROFILE_LIM = ((-3.0, 3.0), (-30.0, 3.0))
#: χ²₁(0.95) / 2: the drop of ℓ at the edges of the 95 % interval
DROP_95 = maths.CHI2_1_95 / 2.0
HIST_COLOR = "#56B4E9"
NORMAL_COLOR = "#D55E00"
POINT_COLOR = "#0072B2"
PROFILE_COLOR = "#333333"
BAND_COLOR = "#F0E442"
MLE_COLOR = "#009E73"
CURRENT_COLOR = "#CC0000"
GHOST_COLOR = "#999999"
INVALID_COLOR = "#AA0000"


def _t(key: str, lang: str | None, **fmt) -> str:
    return LABELS(key, lang=lang, **fmt)


def _num(v: float, fmt: str = ".2f") -> str:
    return format(float(v), fmt).replace("-", "−")


# ----------------------------------------------------------------------------------------- animated ticks
class LiveTicks:
    """Tick marks and labels of one axis (``"x"`` or ``"y"``) of an axes whose limits on that axis are [0, 1]; the
    data range ``[lo, hi]`` shown there changes with :meth:`set_range` (animated texts in a fixed pool)."""

    def __init__(self, view: BlitView, ax, which: str, n: int = 10, fmt: str = "{:g}", nbins: int = 6):
        self.ax, self.which, self.fmt = ax, which, fmt
        self.locator = MaxNLocator(nbins=nbins)
        if which == "x":
            ax.set_xlim(0.0, 1.0)
            ax.set_xticks([])
            ax.xaxis.labelpad = 13
            tr = blended_transform_factory(ax.transAxes, ax.transAxes)
            self.marks = view.animate(ax.plot([], [], ls="none", marker=TICKDOWN, ms=3.5, color="black",
                                              transform=tr, clip_on=False, zorder=5)[0])
            self.texts = [view.animate(ax.text(0, -0.035, "", transform=tr, ha="center", va="top", fontsize=7.5))
                          for _ in range(n)]
        else:
            ax.set_ylim(0.0, 1.0)
            ax.set_yticks([])
            ax.yaxis.labelpad = 24
            tr = ax.transAxes
            self.marks = view.animate(ax.plot([], [], ls="none", marker=TICKLEFT, ms=3.5, color="black",
                                              transform=tr, clip_on=False, zorder=5)[0])
            self.texts = [view.animate(ax.text(-0.03, 0, "", transform=tr, ha="right", va="center", fontsize=7.5))
                          for _ in range(n)]
        self.lo, self.hi = 0.0, 1.0

    def to_unit(self, v):
        """Data values -> axes coordinates [0, 1]."""
        return (np.asarray(v, dtype=float) - self.lo) / (self.hi - self.lo)

    def set_range(self, lo: float, hi: float) -> np.ndarray:
        """Show data ``[lo, hi]`` on this axis; returns the tick values."""
        self.lo, self.hi = float(lo), float(hi)
        ticks = np.asarray(self.locator.tick_values(self.lo, self.hi), dtype=float)
        ticks = ticks[(ticks >= self.lo - 1e-12) & (ticks <= self.hi + 1e-12)][:len(self.texts)]
        u = self.to_unit(ticks)
        if self.which == "x":
            self.marks.set_data(u, np.zeros_like(u))
        else:
            self.marks.set_data(np.zeros_like(u), u)
        for k, text in enumerate(self.texts):
            if k < ticks.size:
                text.set_position((u[k], -0.035) if self.which == "x" else (-0.03, u[k]))
                text.set_text(self.fmt.format(0.0 if ticks[k] == 0 else ticks[k]).replace("-", "−"))
            else:
                text.set_text("")
        return ticks


# ----------------------------------------------------------------------------------------- λ explorer
class LambdaView(BlitView):
    """(a) histogram of the transformed values, standardized, over −4..4 with the N(0, 1) density; (b) the normal
    Q–Q plot with the diagonal; (c) the profile log-likelihood minus its maximum over λ ∈ [−3, 3], the 95 % band
    (drop 1.92), the maximum-likelihood λ̂ and the current λ.

    Animated: ``hist`` (StepPatch), ``qq``, ``curve``, ``band`` (Rectangle, x in data, y in axes units), ``mle``,
    ``current``, ``current_point``, ``mle_note``, ``state``, ``messages`` (one text per panel, shown when Box–Cox
    meets data that are not all positive). Axis limits fixed."""

    def __init__(self, fig: Figure | None = None, lang: str | None = None):
        fig = fig if fig is not None else new_figure((11.0, 4.1), 90)
        super().__init__(fig)
        gs = fig.add_gridspec(1, 3, left=0.05, right=0.99, bottom=0.27, top=0.88, wspace=0.28)
        self.ax_hist, self.ax_qq, self.ax_prof = (fig.add_subplot(gs[k]) for k in range(3))
        a = self.animate
        # ---- (a)
        ax = self.ax_hist
        _style(ax, _t("w_hist_title", lang), _t("w_hist_x", lang), _t("w_density", lang))
        ax.set_xlim(HIST_EDGES[0], HIST_EDGES[-1])
        ax.set_ylim(0.0, HIST_YMAX)
        t = np.linspace(HIST_EDGES[0], HIST_EDGES[-1], 321)
        ax.plot(t, maths.normal_pdf(t), color=NORMAL_COLOR, lw=1.8, zorder=4)
        self.hist = a(ax.stairs(np.zeros(HIST_EDGES.size - 1), HIST_EDGES, fill=True, color=HIST_COLOR, alpha=0.75,
                                zorder=2))
        # ---- (b)
        ax = self.ax_qq
        _style(ax, _t("w_qq_title", lang), _t("w_qq_x", lang), _t("w_qq_y", lang))
        ax.set_xlim(*QQ_LIM)
        ax.set_ylim(*QQ_YLIM)
        ax.plot(QQ_LIM, QQ_LIM, "--", color=NORMAL_COLOR, lw=1.2, zorder=2)
        self.qq = a(_points(ax, 3, marker="o", ms=2.6, mfc=POINT_COLOR, mec="none", alpha=0.7))
        # ---- (c)
        ax = self.ax_prof
        _style(ax, _t("w_prof_title", lang), "λ", _t("w_prof_y", lang))
        (x0, x1), (y0, y1) = PROFILE_LIM
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.axhline(0.0, color="#bbbbbb", lw=0.8, zorder=1)
        ax.axhline(-DROP_95, color=MLE_COLOR, ls=":", lw=1.2, zorder=2)
        tr = blended_transform_factory(ax.transData, ax.transAxes)
        self.band = a(Rectangle((0.0, 0.0), 0.0, 1.0, transform=tr, color=BAND_COLOR, alpha=0.55, lw=0, zorder=1))
        ax.add_patch(self.band)
        self.curve = a(ax.plot([], [], "-", color=PROFILE_COLOR, lw=1.6, zorder=3)[0])
        self.mle = a(ax.plot([0, 0], [0, 1], "-", color=MLE_COLOR, lw=1.6, transform=tr, zorder=4)[0])
        self.current = a(ax.plot([0, 0], [0, 1], "--", color=CURRENT_COLOR, lw=1.3, transform=tr, zorder=5)[0])
        self.current_point = a(_points(ax, 6, marker="o", ms=6.5, mfc=CURRENT_COLOR, mec="black", mew=0.6))
        self.mle_note = a(ax.text(0.5, 0.06, "", transform=ax.transAxes, ha="center", va="bottom", fontsize=8,
                                  color=MLE_COLOR, zorder=7, bbox=dict(fc="white", ec="none", alpha=0.85, pad=1.0)))
        self.state = a(self.ax_qq.text(0.5, 0.975, "", transform=fig.transFigure, ha="center", va="top", fontsize=10,
                                       color="#333333"))
        self.messages = [a(axx.text(0.5, 0.5, "", transform=axx.transAxes, ha="center", va="center", fontsize=9.5,
                                    color=INVALID_COLOR, zorder=8, bbox=dict(fc="white", ec=INVALID_COLOR, pad=4.0)))
                         for axx in (self.ax_hist, self.ax_qq, self.ax_prof)]
        handles = [Patch(color=HIST_COLOR, alpha=0.75, label=_t("w_hist_sample", lang).split(" (")[0]),
                   Line2D([], [], color=NORMAL_COLOR, lw=1.8, label=_t("w_normal", lang)),
                   Line2D([], [], ls="none", marker="o", ms=4, mfc=POINT_COLOR, mec="none", label=_t("w_qq_y", lang)),
                   Line2D([], [], color=PROFILE_COLOR, lw=1.6, label=_t("w_prof_y", lang)),
                   Patch(color=BAND_COLOR, alpha=0.55, label=_t("w_band", lang)),
                   Line2D([], [], color=MLE_COLOR, ls=":", lw=1.2, label=_t("w_drop", lang)),
                   Line2D([], [], color=MLE_COLOR, lw=1.6, label=_t("w_mle", lang)),
                   Line2D([], [], color=CURRENT_COLOR, ls="--", lw=1.3, marker="o", ms=5, mfc=CURRENT_COLOR,
                          mec="black", label=_t("w_current", lang))]
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=4, fontsize=8,
                   frameon=False)
        self._overlay = [s for axx in (self.ax_hist, self.ax_qq, self.ax_prof) for s in axx.spines.values()]
        self._prof_x = np.array(PROFILE_LIM[0])

    def set_profile(self, lams, drop, lam_hat: float, interval, note: str) -> None:
        """The profile curve ``drop = ℓ(λ) − ℓ(λ̂)`` over ``lams``, the λ̂ line and the 95 % band."""
        self.curve.set_data(lams, drop)
        self.mle.set_xdata([lam_hat, lam_hat])
        lo, hi = interval
        self.band.set_x(lo)
        self.band.set_width(hi - lo)
        self.mle_note.set_text(note)
        for artist in (self.curve, self.mle, self.band):
            artist.set_visible(True)

    def set_state(self, z, qq, lam: float, drop_at_lam: float, state: str) -> None:
        """Standardized transformed values ``z``, Q–Q points ``qq = (theoretical, ordered)``, the current λ."""
        counts, _ = np.histogram(z, bins=HIST_EDGES)
        self.hist.set_data(counts / (z.size * np.diff(HIST_EDGES)))
        self.qq.set_data(qq[0], qq[1])
        self.current.set_xdata([lam, lam])
        y0 = PROFILE_LIM[1][0]
        shown = max(drop_at_lam, y0 + 0.6)
        marker = "o" if drop_at_lam > y0 + 0.6 else "v"
        if self.current_point.get_marker() != marker:
            self.current_point.set_marker(marker)
        _set_points(self.current_point, [lam, shown])
        self.state.set_text(state)
        for artist in (self.hist, self.qq, self.current, self.current_point):
            artist.set_visible(True)
        for m in self.messages:
            m.set_text("")
            m.set_visible(False)

    def set_invalid(self, message: str, lam: float, state: str) -> None:
        """Box–Cox cannot take the data: every data artist hidden, ``message`` on each panel."""
        for artist in (self.hist, self.qq, self.curve, self.mle, self.band, self.current_point):
            artist.set_visible(False)
        self.current.set_xdata([lam, lam])
        self.mle_note.set_text("")
        self.state.set_text(state)
        for m in self.messages:
            m.set_text(message)
            m.set_visible(True)


# ----------------------------------------------------------------------------------------- density change
class DensityView(BlitView):
    """Left: the histogram of the sample of X with the lognormal density f_X (static). Middle: the map y = g(x) (and,
    faint, Box–Cox at the slider's λ for comparison). Right: the histogram of g(sample) with f_Y from the
    change-of-density formula. The y axis of the middle panel and the x axis of the right one show the same data
    range ``[lo, hi]`` (which follows g and λ) on fixed [0, 1] axes with :class:`LiveTicks`; the right panel's
    density axis too.

    Animated: ``g_curve``, ``ghost``, ``hist_y`` (StepPatch on fixed unit bins), ``fy``, ``state``, ``ghost_label``
    and the live ticks. Axis limits fixed."""

    N_BINS = 60

    def __init__(self, samples, mu: float, sigma: float, x_max: float = 8.0, fig: Figure | None = None,
                 lang: str | None = None):
        fig = fig if fig is not None else new_figure((11.0, 4.1), 90)
        super().__init__(fig)
        gs = fig.add_gridspec(1, 3, left=0.05, right=0.99, bottom=0.27, top=0.88, wspace=0.3)
        self.ax_x, self.ax_map, self.ax_y = (fig.add_subplot(gs[k]) for k in range(3))
        a = self.animate
        # ---- f_X (static)
        ax = self.ax_x
        _style(ax, _t("w_fx_title", lang), _t("w_x", lang), _t("w_density", lang))
        edges = np.linspace(0.0, x_max, 61)
        counts, _ = np.histogram(samples, bins=edges)
        hist = counts / (samples.size * np.diff(edges))
        ax.stairs(hist, edges, fill=True, color=HIST_COLOR, alpha=0.75, zorder=2)
        self.x_grid = np.linspace(x_max / 400, x_max, 400)
        fx = maths.lognormal_pdf(self.x_grid, mu, sigma)
        ax.plot(self.x_grid, fx, color=NORMAL_COLOR, lw=1.8, zorder=3)
        ax.set_xlim(0.0, x_max)
        ax.set_ylim(0.0, 1.15 * max(hist.max(), fx.max()))
        # ---- the map
        ax = self.ax_map
        _style(ax, _t("w_map_title", lang), _t("w_x", lang), _t("w_y", lang))
        ax.set_xlim(0.0, x_max)
        self.map_ticks = LiveTicks(self, ax, "y")
        self.ghost = a(ax.plot([], [], "--", color=GHOST_COLOR, lw=1.2, zorder=2)[0])
        self.g_curve = a(ax.plot([], [], "-", color=POINT_COLOR, lw=2.0, zorder=3)[0])
        self.ghost_label = a(ax.text(0.98, 0.04, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=7.5,
                                     color="#666666", zorder=6))
        # ---- f_Y
        ax = self.ax_y
        _style(ax, _t("w_fy_title", lang), _t("w_y", lang), _t("w_density", lang))
        self.y_ticks = LiveTicks(self, ax, "x")
        self.d_ticks = LiveTicks(self, ax, "y", fmt="{:.2g}", nbins=5)
        self.unit_edges = np.linspace(0.0, 1.0, self.N_BINS + 1)
        self.hist_y = a(ax.stairs(np.zeros(self.N_BINS), self.unit_edges, fill=True, color=HIST_COLOR, alpha=0.75,
                                  zorder=2))
        self.fy = a(ax.plot([], [], "-", color=NORMAL_COLOR, lw=1.8, zorder=3)[0])
        self.state = a(self.ax_map.text(0.5, 0.975, "", transform=fig.transFigure, ha="center", va="top",
                                        fontsize=10, color="#333333"))
        handles = [Patch(color=HIST_COLOR, alpha=0.75, label=_t("w_hist_sample", lang)),
                   Line2D([], [], color=NORMAL_COLOR, lw=1.8, label=_t("w_fx", lang)),
                   Line2D([], [], color=POINT_COLOR, lw=2.0, label=_t("w_g_curve", lang)),
                   Line2D([], [], color=NORMAL_COLOR, lw=1.8, label=_t("w_fy", lang))]
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=4, fontsize=8,
                   frameon=False)
        self._overlay = [s for axx in (self.ax_x, self.ax_map, self.ax_y) for s in axx.spines.values()]

    def update(self, y_range, g_y, ghost_y, hist, y_grid, fy, state: str, ghost_label: str, draw: bool = True):
        """Show ``[lo, hi] = y_range``: the map ``g_y`` (= g on :attr:`x_grid`) and the faint ``ghost_y``, the
        histogram density ``hist`` on :attr:`N_BINS` equal bins of the range, the formula ``fy`` on ``y_grid``."""
        lo, hi = y_range
        self.map_ticks.set_range(lo, hi)
        self.y_ticks.set_range(lo, hi)
        top = 1.15 * max(float(np.max(hist)), float(np.max(fy)))
        self.d_ticks.set_range(0.0, top)
        self.g_curve.set_data(self.x_grid, self.map_ticks.to_unit(g_y))
        self.ghost.set_data(self.x_grid, self.map_ticks.to_unit(ghost_y))
        self.ghost_label.set_text(ghost_label)
        self.hist_y.set_data(np.asarray(hist, dtype=float) / top)
        self.fy.set_data(self.y_ticks.to_unit(y_grid), np.asarray(fy, dtype=float) / top)
        self.state.set_text(state)
        if draw:
            self.refresh()


# ----------------------------------------------------------------------------------------- static: YJ and units
#: the scales of the ``yeo-johnson-units`` figure and the λ range searched / drawn for each
YJ_SCALES = ((1.0, (-420.0, -150.0)), (10.0, (-45.0, -15.0)), (1000.0, (-1.6, 0.2)), (1e4, (-1.2, 0.5)))
YJ_COLORS = ("#CC79A7", "#E69F00", "#0072B2", "#009E73")


def yj_units_profiles(x, n: int = 161):
    """For each ``(c, (lo, hi))`` of :data:`YJ_SCALES`: ``(c, lams, ℓ(λ) − ℓ(λ̂), λ̂)`` of Yeo–Johnson on ``c·x``
    (λ̂ by :func:`.maths.mle_lambda` on ``(lo, hi)``); and Box–Cox's ``(lams, drop, λ̂)`` on ``x`` (scale-free)."""
    out = []
    with np.errstate(all="ignore"):
        for c, (lo, hi) in YJ_SCALES:
            xc = c * np.asarray(x, dtype=float)
            lam_hat = maths.mle_lambda(xc, "yeo-johnson", bounds=(lo, hi), grid=201)
            lams = np.linspace(lo, hi, n)
            out.append((c, lams, maths.profile(xc, lams, "yeo-johnson") - maths.llf(lam_hat, xc, "yeo-johnson"),
                        lam_hat))
        bc_hat = maths.mle_lambda(x, "box-cox")
        lams = np.linspace(-1.6, 0.5, n)
        bc = (lams, maths.profile(x, lams, "box-cox") - maths.llf(bc_hat, x, "box-cox"), bc_hat)
    return out, bc


def _scale_text(c: float) -> str:
    return "10⁴" if c == 1e4 else f"{c:g}"


def yj_units_figure(x, lang: str | None = None) -> Figure:
    """Four panels, one per scale c of :data:`YJ_SCALES`: the Yeo–Johnson profile log-likelihood (minus its maximum)
    of ``c·x`` over its own λ range with λ̂ marked; Box–Cox's profile (the same for every c) in the last two, where
    the ranges overlap, and its λ̂ in every legend."""
    fig = new_figure((11.0, 3.9), 100)
    profiles, (bl, bd, b_hat) = yj_units_profiles(x)
    gs = fig.add_gridspec(1, 4, left=0.055, right=0.99, bottom=0.3, top=0.84, wspace=0.3)
    for k, ((c, lams, drop, lam_hat), color) in enumerate(zip(profiles, YJ_COLORS)):
        ax = fig.add_subplot(gs[k])
        _style(ax, "", _t("f_yj_x", lang), _t("w_prof_y", lang) if k == 0 else None)
        ax.set_title(f"× {_scale_text(c)}", fontsize=10)
        ax.set_xlim(lams[0], lams[-1])
        ax.set_ylim(-12.0, 1.5)
        ax.axhline(-DROP_95, color=MLE_COLOR, ls=":", lw=1.1)
        ax.plot(lams, drop, color=color, lw=1.8)
        ax.axvline(lam_hat, color=color, lw=1.2, ls="--")
        ax.plot([lam_hat], [0.0], "o", color=color, mec="black", ms=6)
        ax.text(0.5, 0.04, f"λ̂ = {_num(lam_hat, '.2f')}", transform=ax.transAxes, ha="center", va="bottom",
                fontsize=9, color="black", zorder=10, bbox=dict(fc="white", ec="none", alpha=0.9, pad=1.5))
        if lams[0] <= b_hat <= lams[-1]:
            ax.plot(bl, bd, color="#555555", lw=1.2, ls="-.")
            ax.axvline(b_hat, color="#555555", lw=1.0, ls="-.")
    handles = [Line2D([], [], color=col, lw=1.8, label=_t("f_yj_scale", lang, c=_scale_text(c), lam=_num(h, ".2f")))
               for (c, _, _, h), col in zip(profiles, YJ_COLORS)]
    handles.append(Line2D([], [], color="#555555", lw=1.2, ls="-.", label=_t("f_bc", lang, lam=_num(b_hat, ".2f"))))
    handles.append(Line2D([], [], color=MLE_COLOR, ls=":", lw=1.1, label=_t("w_drop", lang)))
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=3, fontsize=8.5, frameon=False)
    fig.suptitle(_t("f_yj_title", lang), fontsize=11)
    return fig
