r"""Module 06 plot pieces: the PCA-and-units view (the wines on their first two principal components and the loadings of
the first), the SVM-margin view (two features, the separating hyperplane, the margin, support vectors, and the shares
of |wⱼ| and |wⱼ|·σⱼ), both updated in place on :class:`fsgeom.plots.BlitView`; and the static figures of the lecture:
which cells of an (N, C, H, W) tensor share one mean and variance in batch, layer, instance and group normalization
(:func:`norm_axes_figure`), loss curves (:func:`loss_curves_figure`) and the training/inference mismatch of batch
normalization against the batch size (:func:`bn_mismatch_figure`).

Axis limits never change. Where the range of the numbers does (the scores on the components change by a factor of
10⁴ with the unit of proline, the SVM's coordinates with the unit and with standardization), the axes run over [0, 1]
and the data are mapped into them; the tick labels of those axes are animated texts (:class:`UnitTicks`), so an update
is still a blit.

Every word shown in a widget or a figure of this module comes from :data:`LABELS` (``{"uk": ..., "en": ...}``), in
the notebook's language or the ``lang`` given. The wine feature names are scikit-learn's column names in both
languages (:data:`SHORT_NAMES`); they are data, not labels.
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import TICKDOWN, TICKLEFT, Line2D
from matplotlib.patches import Patch, Polygon, Rectangle
from matplotlib.ticker import MaxNLocator, NullLocator

from ...i18n import Texts
from ...plots import BlitView, marker_line as _points, new_figure, set_points as _set_points, style_axes as _style
from . import maths

__all__ = ["LABELS", "SHORT_NAMES", "short_name", "UnitTicks", "padded_range", "square_ranges", "line_in_box",
           "PCAView", "SVMView", "norm_sets", "norm_axes_text", "norm_axes_figure", "loss_curves_figure",
           "bn_mismatch_figure", "NORM_KINDS", "NORM_SHAPE"]

LABELS = Texts({
    # ---- PCA and units: controls
    "w_factor": {"uk": "множник одиниці ознаки «{feature}»", "en": "unit factor of “{feature}”"},
    "w_standardize": {"uk": "стандартизація", "en": "z-scoring"},
    # ---- PCA and units: panels
    "w_scores_title": {"uk": "Вина на головних компонентах 1 і 2 (масштаб осей однаковий)",
                       "en": "Wines on principal components 1 and 2 (equal axis scales)"},
    "w_pc1": {"uk": "головна компонента 1", "en": "principal component 1"},
    "w_pc2": {"uk": "головна компонента 2", "en": "principal component 2"},
    "w_cultivar": {"uk": "сорт {k}", "en": "cultivar {k}"},
    "w_loadings_title": {"uk": "Навантаження головної компоненти 1", "en": "Loadings of principal component 1"},
    "w_loading": {"uk": "навантаження", "en": "loading"},
    "w_state_raw": {"uk": "{feature} × {factor}, без стандартизації", "en": "{feature} × {factor}, raw"},
    "w_state_std": {"uk": "{feature} × {factor}, стандартизовано", "en": "{feature} × {factor}, z-scored"},
    "w_ratio_note": {"uk": "частка поясненої дисперсії: {r1} і {r2}", "en": "explained variance ratio: {r1} and {r2}"},
    # ---- PCA and units: readout
    "w_readout_pca": {
        "uk": "<b>Частка поясненої дисперсії</b>: головна компонента 1 — {r1}, головна компонента 2 — {r2}.<br>"
              "<b>Найбільше за модулем навантаження</b> в головній компоненті 1: {top} ({top_value}); "
              "навантаження ознаки «{feature}»: {feature_value}.<br>"
              "<b>Кут</b> між головною компонентою 1 і головною компонентою 1 за множника 1 ({mode}): {angle}°.",
        "en": "<b>Explained variance ratio</b>: principal component 1 {r1}, principal component 2 {r2}.<br>"
              "<b>Largest loading in absolute value</b> in principal component 1: {top} ({top_value}); "
              "the loading of “{feature}”: {feature_value}.<br>"
              "<b>Angle</b> between principal component 1 and principal component 1 at factor 1 ({mode}): {angle}°."},
    "w_mode_raw": {"uk": "теж без стандартизації", "en": "also raw"},
    "w_mode_std": {"uk": "теж зі стандартизацією", "en": "also z-scored"},
    # ---- SVM margin: controls
    "w_scale": {"uk": "одиниця proline: × (1 = мг/л, 0.001 = г/л)", "en": "unit of proline: × (1 = mg/L, 0.001 = g/L)"},
    "w_C": {"uk": "C", "en": "C"},
    # ---- SVM margin: panels
    "w_svm_title": {"uk": "Метод опорних векторів у координатах, які він бачить",
                    "en": "The SVM in the coordinates it sees"},
    "w_alcohol_raw": {"uk": "alcohol, % об.", "en": "alcohol, % vol"},
    "w_proline_mg": {"uk": "proline, мг/л", "en": "proline, mg/L"},
    "w_proline_g": {"uk": "proline, г/л", "en": "proline, g/L"},
    "w_proline_x": {"uk": "proline, мг/л × {s}", "en": "proline, mg/L × {s}"},
    "w_std_axis": {"uk": "{feature}, стандартизовано", "en": "{feature}, z-scored"},
    "w_class_neg": {"uk": "сорт 0 (y = −1)", "en": "cultivar 0 (y = −1)"},
    "w_class_pos": {"uk": "сорт 1 (y = +1)", "en": "cultivar 1 (y = +1)"},
    "w_test_points": {"uk": "тестові (порожні)", "en": "test (hollow)"},
    "w_support": {"uk": "опорні вектори", "en": "support vectors"},
    "w_hyperplane": {"uk": "розділяюча гіперплощина wᵀx + b = 0", "en": "separating hyperplane wᵀx + b = 0"},
    "w_margin_lines": {"uk": "межі зазору wᵀx + b = ±1", "en": "margin edges wᵀx + b = ±1"},
    "w_shares_title": {"uk": "Частки ваг: |wⱼ| і |wⱼ|·σⱼ", "en": "Shares of the weights: |wⱼ| and |wⱼ|·σⱼ"},
    "w_share": {"uk": "частка", "en": "share"},
    "w_share_w": {"uk": "|wⱼ|", "en": "|wⱼ|"},
    "w_share_ws": {"uk": "|wⱼ|·σⱼ", "en": "|wⱼ|·σⱼ"},
    "w_svm_state": {"uk": "C = {C}, proline × {s}, {mode}", "en": "C = {C}, proline × {s}, {mode}"},
    "w_raw": {"uk": "без стандартизації", "en": "raw"},
    "w_std": {"uk": "стандартизовано", "en": "z-scored"},
    "w_margin_note": {"uk": "ширина зазору 2/‖w‖ = {m}", "en": "margin width 2/‖w‖ = {m}"},
    # ---- SVM margin: readout
    "w_readout_svm": {
        "uk": "<b>Ширина зазору</b> 2/‖w‖ = {margin} (в одиницях, які бачить метод опорних векторів). "
              "<b>Точність</b>: на навчальних даних {train}, на тестових {test}. "
              "<b>Опорні вектори</b>: {n_sv} з {n_train}.<br>"
              "<b>w</b>: alcohol {w1}, proline {w2}; <b>w·σ</b>: alcohol {ws1}, proline {ws2} "
              "(σⱼ — стандартне відхилення ознаки на навчальних даних у поточних одиницях).",
        "en": "<b>Margin width</b> 2/‖w‖ = {margin} (in the units the SVM sees). "
              "<b>Accuracy</b>: training data {train}, test data {test}. "
              "<b>Support vectors</b>: {n_sv} of {n_train}.<br>"
              "<b>w</b>: alcohol {w1}, proline {w2}; <b>w·σ</b>: alcohol {ws1}, proline {ws2} "
              "(σⱼ is the feature's standard deviation on the training data in the current units)."},
    # ---- static: normalization axes
    "f_norm_batch": {"uk": "Batch-нормалізація: середнє по {axes}", "en": "Batch normalization: mean over {axes}"},
    "f_norm_layer": {"uk": "Нормалізація шару: середнє по {axes}", "en": "Layer normalization: mean over {axes}"},
    "f_norm_instance": {"uk": "Instance-нормалізація: середнє по {axes}",
                        "en": "Instance normalization: mean over {axes}"},
    "f_norm_group": {"uk": "Групова нормалізація (G = {G}): середнє по C/G = {k} каналах, H, W",
                     "en": "Group normalization (G = {G}): mean over C/G = {k} channels, H, W"},
    "f_norm_x": {"uk": "канал c", "en": "channel c"},
    "f_norm_y": {"uk": "об'єкт n у батчі", "en": "sample n in the batch"},
    "f_norm_suptitle": {"uk": "Які комірки (n, c) мають спільні середнє і дисперсію; комірка — площина H × W",
                        "en": "Which cells (n, c) share one mean and variance; a cell is an H × W plane"},
    "f_norm_strong": {"uk": "множина комірки n = 1, c = 1", "en": "the set of cell n = 1, c = 1"},
    "f_norm_light": {"uk": "інші множини (чергування відтінків)", "en": "the other sets (alternating shades)"},
    # ---- static: loss curves and the batch-norm mismatch
    "f_loss_title": {"uk": "Функція втрат під час навчання", "en": "The loss during training"},
    "f_loss_x": {"uk": "крок", "en": "step"},
    "f_loss_y": {"uk": "функція втрат (логарифмічна шкала)", "en": "loss (log scale)"},
    "f_diverged": {"uk": "× — розбіжність (далі нескінченність)", "en": "× — diverged (infinite from here on)"},
    "f_bn_title": {"uk": "Batch-нормалізація: режим навчання проти режиму передбачення",
                   "en": "Batch normalization: training mode against inference mode"},
    "f_bn_x": {"uk": "розмір батча", "en": "batch size"},
    "f_bn_y": {"uk": "середнє |режим навчання − режим передбачення|",
               "en": "mean |training mode − inference mode|"},
})

#: short display names of the 13 wine features (scikit-learn's column names; one is shortened)
SHORT_NAMES = {"od280/od315_of_diluted_wines": "od280/od315"}
CULTIVAR_COLORS = ("#0072B2", "#D55E00", "#009E73")
NEG_COLOR, POS_COLOR = "#0072B2", "#D55E00"
FEATURE_COLORS = ("#999999", "#CC79A7")            # alcohol, proline (the bars of the SVM view)
BAR_COLOR, TOP_COLOR = "#9ecae1", "#08519c"
LINE_COLOR = "#222222"
BAND_COLOR = "#F0E442"
STRONG_COLOR = "#D55E00"
LIGHT_SHADES = ("#dbe9f6", "#f3f3f3")
#: the four normalizations of :func:`norm_axes_figure`, in panel order, and the (N, C, H, W) shape drawn
NORM_KINDS = ("batch", "layer", "instance", "group")
NORM_SHAPE = (4, 6, 2, 2)


def _t(key: str, lang: str | None, **fmt) -> str:
    return LABELS(key, lang=lang, **fmt)


def _num(v: float, fmt: str = ".2f") -> str:
    return format(float(v), fmt).replace("-", "−")


def short_name(name: str) -> str:
    """The display name of a wine feature (scikit-learn's name, ``od280/od315_of_diluted_wines`` shortened)."""
    return SHORT_NAMES.get(name, name)


# ----------------------------------------------------------------------------------------- animated ticks
class UnitTicks:
    """Tick marks and labels of one axis (``"x"`` or ``"y"``) of an axes whose limits on that axis are [0, 1]; the
    data range ``[lo, hi]`` shown there changes with :meth:`set_range` (animated texts in a fixed pool). The axis
    label is animated too (:meth:`set_label`), since the unit shown changes with the controls."""

    def __init__(self, view: BlitView, ax, which: str, n: int = 10, nbins: int = 6, label_pad: float = 0.1):
        self.ax, self.which = ax, which
        self.locator = MaxNLocator(nbins=nbins)
        tr = ax.transAxes
        if which == "x":
            ax.set_xlim(0.0, 1.0)
            ax.set_xticks([])
            self.marks = view.animate(ax.plot([], [], ls="none", marker=TICKDOWN, ms=3.5, color="black",
                                              transform=tr, clip_on=False, zorder=5)[0])
            self.texts = [view.animate(ax.text(0, -0.025, "", transform=tr, ha="center", va="top", fontsize=7.5))
                          for _ in range(n)]
            self.label = view.animate(ax.text(0.5, -label_pad, "", transform=tr, ha="center", va="top",
                                              fontsize=8.5))
        else:
            ax.set_ylim(0.0, 1.0)
            ax.set_yticks([])
            self.marks = view.animate(ax.plot([], [], ls="none", marker=TICKLEFT, ms=3.5, color="black",
                                              transform=tr, clip_on=False, zorder=5)[0])
            self.texts = [view.animate(ax.text(-0.02, 0, "", transform=tr, ha="right", va="center", fontsize=7.5))
                          for _ in range(n)]
            self.label = view.animate(ax.text(-label_pad, 0.5, "", transform=tr, ha="right", va="center",
                                              rotation=90, fontsize=8.5, rotation_mode="anchor"))
        self.lo, self.hi = 0.0, 1.0

    def to_unit(self, v):
        """Data values -> axes coordinates [0, 1]."""
        return (np.asarray(v, dtype=float) - self.lo) / (self.hi - self.lo)

    def to_data(self, u):
        """Axes coordinates -> data values."""
        return self.lo + np.asarray(u, dtype=float) * (self.hi - self.lo)

    def set_label(self, text: str) -> None:
        self.label.set_text(text)

    def set_range(self, lo: float, hi: float) -> np.ndarray:
        """Show data ``[lo, hi]`` on this axis; returns the tick values."""
        if not hi > lo:
            raise ValueError(f"an axis range needs lo < hi, got [{lo}, {hi}]")
        self.lo, self.hi = float(lo), float(hi)
        ticks = np.asarray(self.locator.tick_values(self.lo, self.hi), dtype=float)
        ticks = ticks[(ticks >= self.lo - 1e-12 * abs(self.hi - self.lo)) &
                      (ticks <= self.hi + 1e-12 * abs(self.hi - self.lo))][:len(self.texts)]
        u = self.to_unit(ticks)
        if self.which == "x":
            self.marks.set_data(u, np.zeros_like(u))
        else:
            self.marks.set_data(np.zeros_like(u), u)
        step = float(ticks[1] - ticks[0]) if ticks.size > 1 else 1.0
        for k, text in enumerate(self.texts):
            if k < ticks.size:
                v = 0.0 if abs(ticks[k]) < 1e-9 * step else ticks[k]
                text.set_position((u[k], -0.025) if self.which == "x" else (-0.02, u[k]))
                text.set_text(f"{v:.4g}".replace("-", "−"))
            else:
                text.set_text("")
        return ticks


def padded_range(values, pad: float = 0.06) -> tuple:
    """``(lo, hi)``: the range of ``values`` widened by ``pad`` of its width on each side (1 when it is a point)."""
    v = np.asarray(values, dtype=float)
    lo, hi = float(np.min(v)), float(np.max(v))
    width = hi - lo if hi > lo else max(1.0, abs(lo))
    return lo - pad * width, hi + pad * width


def square_ranges(P, pad: float = 0.06) -> tuple:
    """``((x0, x1), (y0, y1))`` of equal width around the points ``P`` (n, 2): on square axes one unit of x has
    the length of one unit of y."""
    P = np.asarray(P, dtype=float)
    (x0, x1), (y0, y1) = padded_range(P[:, 0], pad), padded_range(P[:, 1], pad)
    half = max(x1 - x0, y1 - y0) / 2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return (cx - half, cx + half), (cy - half, cy + half)


def line_in_box(a: float, c: float, level: float, reach: float = 4.0) -> np.ndarray:
    r"""Two points (2, 2) of the line :math:`a u + c v = \text{level}` in unit-axes coordinates, far enough out on
    both sides that the axes clip it (the unit box lies within ``reach`` of the line's foot; when the line is farther
    from the origin than that it misses the box anyway)."""
    n = np.array([a, c], dtype=float)
    nn = float(n @ n)
    if nn == 0 or not np.isfinite(nn):
        return np.full((2, 2), np.nan)
    foot = level * n / nn
    direction = np.array([-c, a]) / np.sqrt(nn)
    t = reach + float(np.linalg.norm(foot))
    return np.array([foot - t * direction, foot + t * direction])


# ----------------------------------------------------------------------------------------- PCA and units
class PCAView(BlitView):
    """Left: the wines on their first two principal components, coloured by cultivar, on square axes with equal
    scales (the ranges follow the data through :class:`UnitTicks`); right: the 13 loadings of the first component
    (bars; the largest in absolute value dark).

    Animated: ``points`` (one marker line per cultivar), the live ticks and axis labels, ``bars``, ``top_text``,
    ``state``, ``ratio_note``. Axis limits fixed."""

    def __init__(self, feature_names, fig: Figure | None = None, lang: str | None = None):
        fig = fig if fig is not None else new_figure((11.0, 4.4), 90)
        super().__init__(fig)
        self.feature_names = tuple(feature_names)
        d = len(self.feature_names)
        gs = fig.add_gridspec(1, 2, width_ratios=[1.0, 1.35], left=0.075, right=0.99, bottom=0.3, top=0.86,
                              wspace=0.22)
        self.ax_scores, self.ax_load = fig.add_subplot(gs[0]), fig.add_subplot(gs[1])
        a = self.animate
        # ---- scores
        ax = self.ax_scores
        _style(ax, _t("w_scores_title", lang))
        ax.title.set_fontsize(8.8)
        ax.set_box_aspect(1.0)
        self.x_ticks = UnitTicks(self, ax, "x", label_pad=0.075)
        self.y_ticks = UnitTicks(self, ax, "y", label_pad=0.2)
        self.x_ticks.set_label(_t("w_pc1", lang))
        self.y_ticks.set_label(_t("w_pc2", lang))
        self.points = [a(_points(ax, 3 + k, marker="o", ms=3.6, mfc=CULTIVAR_COLORS[k], mec="white", mew=0.3,
                                 alpha=0.85)) for k in range(3)]
        self.ratio_note = a(ax.text(0.02, 0.98, "", transform=ax.transAxes, ha="left", va="top", fontsize=7.5,
                                    zorder=8, bbox=dict(fc="white", ec="none", alpha=0.85, pad=1.0)))
        # ---- loadings
        ax = self.ax_load
        _style(ax, _t("w_loadings_title", lang), None, _t("w_loading", lang))
        ax.set_xlim(-0.6, d - 0.4)
        ax.set_ylim(-1.12, 1.12)
        ax.axhline(0.0, color="#777777", lw=0.8, zorder=1)
        ax.set_xticks(np.arange(d), [short_name(n) for n in self.feature_names], rotation=55, ha="right",
                      rotation_mode="anchor", fontsize=7.5)
        self.bars = [a(b) for b in ax.bar(np.arange(d), np.zeros(d), width=0.7, color=BAR_COLOR, zorder=2)]
        self.top_text = a(ax.text(0, 0, "", ha="center", va="bottom", fontsize=7.5, color=TOP_COLOR, zorder=4))
        # an axes text in figure coordinates: savefig draws animated artists of axes, not of the figure
        self.state = a(self.ax_load.text(0.5, 0.975, "", transform=fig.transFigure, ha="center", va="top",
                                         fontsize=10, color="#333333"))
        handles = [Line2D([], [], ls="none", marker="o", ms=5, mfc=CULTIVAR_COLORS[k], mec="white",
                          label=_t("w_cultivar", lang, k=k)) for k in range(3)]
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.0), ncol=3, fontsize=8, frameon=False)
        self._overlay = [*self.ax_scores.spines.values(), *self.ax_load.spines.values()]

    def update(self, scores, y, loadings, state: str, ratio_note: str, draw: bool = True) -> None:
        """``scores`` (n, 2) on the first two components, ``y`` the cultivars (0, 1, 2), ``loadings`` (d,) of the
        first component; then (``draw=True``) blit."""
        scores = np.asarray(scores, dtype=float)
        (x0, x1), (y0, y1) = square_ranges(scores)
        self.x_ticks.set_range(x0, x1)
        self.y_ticks.set_range(y0, y1)
        U = np.c_[self.x_ticks.to_unit(scores[:, 0]), self.y_ticks.to_unit(scores[:, 1])]
        y = np.asarray(y)
        for k, line in enumerate(self.points):
            _set_points(line, U[y == k])
        loadings = np.asarray(loadings, dtype=float)
        top = int(np.argmax(np.abs(loadings)))
        for j, (bar, v) in enumerate(zip(self.bars, loadings)):
            bar.set_height(v)
            bar.set_facecolor(TOP_COLOR if j == top else BAR_COLOR)
        v = loadings[top]
        self.top_text.set_position((top, v + (0.03 if v >= 0 else -0.03)))
        self.top_text.set_va("bottom" if v >= 0 else "top")
        self.top_text.set_text(_num(v, ".3f"))
        self.state.set_text(state)
        self.ratio_note.set_text(ratio_note)
        if draw:
            self.refresh()


# ----------------------------------------------------------------------------------------- SVM margin
class SVMView(BlitView):
    """Left (square axes): the training points by class (filled), the test points (hollow), the support vectors
    (ringed), the separating hyperplane wᵀx + b = 0, the margin edges wᵀx + b = ±1 and the band between them, in the
    coordinates the SVM sees (mapped to [0, 1] by :class:`UnitTicks`; equal scales when both ranges are equal, as
    the widget makes them for standardized data). Right: the shares of |wⱼ| and of |wⱼ|·σⱼ of the two features, with
    the values.

    Animated: ``train`` / ``test`` (two marker lines each, classes −1, +1), ``support``, ``hyperplane``,
    ``margins`` (two lines), ``band`` (Polygon), the live ticks and axis labels, ``bars`` (2 × 2), ``bar_texts``,
    ``state``, ``margin_note``. Axis limits fixed."""

    def __init__(self, feature_names=("alcohol", "proline"), fig: Figure | None = None, lang: str | None = None):
        fig = fig if fig is not None else new_figure((11.0, 4.6), 90)
        super().__init__(fig)
        self.feature_names = tuple(feature_names)
        gs = fig.add_gridspec(1, 2, width_ratios=[1.0, 0.8], left=0.085, right=0.985, bottom=0.25, top=0.87,
                              wspace=0.25)
        self.ax, self.ax_w = fig.add_subplot(gs[0]), fig.add_subplot(gs[1])
        a = self.animate
        ax = self.ax
        _style(ax, _t("w_svm_title", lang))
        ax.set_box_aspect(1.0)
        self.x_ticks = UnitTicks(self, ax, "x", label_pad=0.075)
        self.y_ticks = UnitTicks(self, ax, "y", label_pad=0.17)
        self.band = a(Polygon(np.zeros((4, 2)), closed=True, fc=BAND_COLOR, ec="none", alpha=0.35, zorder=1))
        ax.add_patch(self.band)
        self.margins = [a(ax.plot([], [], "--", color=LINE_COLOR, lw=1.1, zorder=2)[0]) for _ in range(2)]
        self.hyperplane = a(ax.plot([], [], "-", color=LINE_COLOR, lw=1.8, zorder=2)[0])
        colors = (NEG_COLOR, POS_COLOR)
        self.train = [a(_points(ax, 4, marker="o", ms=4.6, mfc=c, mec="white", mew=0.4)) for c in colors]
        self.test = [a(_points(ax, 4, marker="o", ms=4.6, mfc="none", mec=c, mew=1.2)) for c in colors]
        self.support = a(_points(ax, 5, marker="o", ms=9.0, mfc="none", mec="black", mew=1.0))
        self.margin_note = a(ax.text(0.02, 0.02, "", transform=ax.transAxes, ha="left", va="bottom", fontsize=7.5,
                                     zorder=8, bbox=dict(fc="white", ec="none", alpha=0.85, pad=1.0)))
        # ---- shares of |w_j| and |w_j| sigma_j
        ax = self.ax_w
        _style(ax, _t("w_shares_title", lang), None, _t("w_share", lang))
        ax.set_xlim(-0.6, 3.6)
        ax.set_ylim(0.0, 1.18)
        ax.set_xticks([0.5, 2.5], [_t("w_share_w", lang), _t("w_share_ws", lang)], fontsize=9)
        xs = (0.0, 1.0, 2.0, 3.0)
        self.bars = [a(b) for b in ax.bar(xs, np.zeros(4), width=0.8,
                                          color=[FEATURE_COLORS[k % 2] for k in range(4)], zorder=2)]
        self.bar_texts = [a(ax.text(x, 0.0, "", ha="center", va="bottom", fontsize=7.5, zorder=4)) for x in xs]
        self.state = a(self.ax_w.text(0.5, 0.975, "", transform=fig.transFigure, ha="center", va="top",
                                      fontsize=10, color="#333333"))
        handles = [Line2D([], [], ls="none", marker="o", ms=5, mfc=NEG_COLOR, mec="white", label=_t("w_class_neg", lang)),
                   Line2D([], [], ls="none", marker="o", ms=5, mfc=POS_COLOR, mec="white", label=_t("w_class_pos", lang)),
                   Line2D([], [], ls="none", marker="o", ms=5, mfc="none", mec="#555555", mew=1.2,
                          label=_t("w_test_points", lang)),
                   Line2D([], [], ls="none", marker="o", ms=8, mfc="none", mec="black", label=_t("w_support", lang)),
                   Line2D([], [], color=LINE_COLOR, lw=1.8, label=_t("w_hyperplane", lang)),
                   Line2D([], [], color=LINE_COLOR, lw=1.1, ls="--", label=_t("w_margin_lines", lang)),
                   Patch(fc=FEATURE_COLORS[0], label=short_name(self.feature_names[0])),
                   Patch(fc=FEATURE_COLORS[1], label=short_name(self.feature_names[1]))]
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=4, fontsize=7.8,
                   frameon=False, columnspacing=1.2, handletextpad=0.5)
        self._overlay = [*self.ax.spines.values(), *self.ax_w.spines.values()]

    def set_ranges(self, x_range, y_range, x_label: str, y_label: str) -> None:
        self.x_ticks.set_range(*x_range)
        self.y_ticks.set_range(*y_range)
        self.x_ticks.set_label(x_label)
        self.y_ticks.set_label(y_label)

    def to_unit(self, P) -> np.ndarray:
        P = np.asarray(P, dtype=float).reshape(-1, 2)
        return np.c_[self.x_ticks.to_unit(P[:, 0]), self.y_ticks.to_unit(P[:, 1])]

    def to_data(self, U) -> np.ndarray:
        """Unit-axes coordinates (n, 2) -> the SVM's coordinates."""
        U = np.asarray(U, dtype=float).reshape(-1, 2)
        return np.c_[self.x_ticks.to_data(U[:, 0]), self.y_ticks.to_data(U[:, 1])]

    def line_points(self, w, b, level: float) -> np.ndarray:
        """Two unit-axes points of the line wᵀx + b = level (x in the SVM's coordinates)."""
        w1, w2 = (float(v) for v in np.asarray(w, dtype=float).ravel())
        t, s = self.x_ticks, self.y_ticks
        a_, c_ = w1 * (t.hi - t.lo), w2 * (s.hi - s.lo)
        return line_in_box(a_, c_, level - float(b) - w1 * t.lo - w2 * s.lo)

    def update(self, X_train, y_train, X_test, y_test, support, w, b, shares_w, shares_ws, values_w, values_ws,
               state: str, margin_note: str, draw: bool = True) -> None:
        """Points in the SVM's coordinates (the ranges set by :meth:`set_ranges` before), ``support`` a boolean mask
        of the training points, the hyperplane ``(w, b)``; bar heights ``shares_*`` (alcohol, proline) and the value
        texts ``values_*``; then (``draw=True``) blit."""
        for k, c in enumerate((-1.0, 1.0)):
            _set_points(self.train[k], self.to_unit(X_train[y_train == c]))
            _set_points(self.test[k], self.to_unit(X_test[y_test == c]))
        _set_points(self.support, self.to_unit(X_train[np.asarray(support, bool)]))
        h = self.line_points(w, b, 0.0)
        self.hyperplane.set_data(h[:, 0], h[:, 1])
        edges = [self.line_points(w, b, lev) for lev in (1.0, -1.0)]
        for line, P in zip(self.margins, edges):
            line.set_data(P[:, 0], P[:, 1])
        self.band.set_xy(np.vstack([edges[0], edges[1][::-1]]))
        heights = [shares_w[0], shares_w[1], shares_ws[0], shares_ws[1]]
        texts = [values_w[0], values_w[1], values_ws[0], values_ws[1]]
        for bar, txt, hgt, s in zip(self.bars, self.bar_texts, heights, texts):
            bar.set_height(float(hgt))
            txt.set_position((bar.get_x() + bar.get_width() / 2, float(hgt) + 0.015))
            txt.set_text(s)
        self.state.set_text(state)
        self.margin_note.set_text(margin_note)
        if draw:
            self.refresh()


# ----------------------------------------------------------------------------------------- static: normalization axes
def _normalize(kind: str, x, groups: int):
    if kind == "group":
        return maths.group_norm(x, groups)
    return maths.normalize_over(x, maths.NORM_AXES[kind])


def norm_sets(kind: str, N: int = NORM_SHAPE[0], C: int = NORM_SHAPE[1], groups: int = 2) -> np.ndarray:
    """An (N, C) array of labels 0, 1, …: cells (n, c) with the same label share one mean and variance under the
    normalization ``kind`` (one of :data:`NORM_KINDS`). Found by probing the maths: a cell's set is every cell whose
    output moves when one value of that cell's H × W plane moves (:func:`.maths.normalize_over` over
    :data:`.maths.NORM_AXES`, :func:`.maths.group_norm`), so the figure cannot disagree with the maths."""
    if kind not in NORM_KINDS:
        raise ValueError(f"kind must be one of {NORM_KINDS}, got {kind!r}")
    if kind == "group" and (groups < 1 or C % groups):
        raise ValueError(f"groups must divide the {C} channels, got {groups}")
    H, W = 2, 2
    base = np.random.default_rng(0).normal(size=(N, C, H, W))
    out0 = _normalize(kind, base, groups)
    labels = -np.ones((N, C), dtype=int)
    nxt = 0
    for n in range(N):
        for c in range(C):
            if labels[n, c] >= 0:
                continue
            x = base.copy()
            x[n, c, 0, 0] += 1.0
            moved = np.any(np.abs(_normalize(kind, x, groups) - out0) > 1e-9, axis=(2, 3))
            labels[moved & (labels < 0)] = nxt
            nxt += 1
    return labels


def norm_axes_text(kind: str) -> str:
    """The axes of (N, C, H, W) averaged over, as letters: ``"N, H, W"`` for batch normalization (from
    :data:`.maths.NORM_AXES`; the group normalization averages over C/G channels and H, W)."""
    axes = maths.NORM_AXES[kind]
    if axes is None:
        return "C/G, H, W"
    return ", ".join("NCHW"[k] for k in axes)


def _shade_index(labels) -> np.ndarray:
    """Alternating shade per set: the parity of (rank of its first row + rank of its first column)."""
    labels = np.asarray(labels)
    out = np.zeros_like(labels)
    firsts = {}
    for lab in np.unique(labels):
        rows, cols = np.nonzero(labels == lab)
        firsts[lab] = (rows.min(), cols.min())
    row_rank = {r: k for k, r in enumerate(sorted({f[0] for f in firsts.values()}))}
    col_rank = {c: k for k, c in enumerate(sorted({f[1] for f in firsts.values()}))}
    for lab, (r, c) in firsts.items():
        out[labels == lab] = (row_rank[r] + col_rank[c]) % 2
    return out


def norm_axes_figure(groups: int = 2, lang: str | None = None) -> Figure:
    """Four panels (batch, layer, instance, group normalization), each an N × C grid of cells (rows: samples
    n = 1..N, columns: channels c = 1..C, N, C = :data:`NORM_SHAPE`; a cell stands for one H × W plane): the set that
    shares the mean and variance of cell n = 1, c = 1 strongly shaded, the other sets in alternating light shades,
    borders between sets thick (:func:`norm_sets`). Each cell rectangle carries ``gid = "kind:n:c:label"`` and the
    strongly shaded ones ``"…:strong"`` at the end."""
    N, C = NORM_SHAPE[:2]
    fig = new_figure((11.5, 3.4), 100)
    gs = fig.add_gridspec(1, 4, left=0.04, right=0.995, bottom=0.17, top=0.8, wspace=0.18)
    for k, kind in enumerate(NORM_KINDS):
        ax = fig.add_subplot(gs[k])
        labels = norm_sets(kind, N, C, groups)
        shades = _shade_index(labels)
        strong = labels[0, 0]
        for n in range(N):
            for c in range(C):
                is_strong = labels[n, c] == strong
                color = STRONG_COLOR if is_strong else LIGHT_SHADES[shades[n, c]]
                gid = f"{kind}:{n}:{c}:{labels[n, c]}" + (":strong" if is_strong else "")
                ax.add_patch(Rectangle((c, n), 1, 1, fc=color, ec="#bbbbbb", lw=0.5, gid=gid,
                                       alpha=0.85 if is_strong else 1.0))
        # thick borders where the set changes
        for n in range(N):
            for c in range(C):
                if c + 1 < C and labels[n, c] != labels[n, c + 1]:
                    ax.plot([c + 1, c + 1], [n, n + 1], color="#333333", lw=1.6, solid_capstyle="butt")
                if n + 1 < N and labels[n, c] != labels[n + 1, c]:
                    ax.plot([c, c + 1], [n + 1, n + 1], color="#333333", lw=1.6, solid_capstyle="butt")
        ax.add_patch(Rectangle((0, 0), C, N, fc="none", ec="#333333", lw=1.6))
        ax.text(0.5, 0.5, "μ, σ²", ha="center", va="center", fontsize=7, color="white", fontweight="bold")
        ax.set_xlim(0, C)
        ax.set_ylim(N, 0)
        ax.set_aspect("equal")
        ax.set_xticks(np.arange(C) + 0.5, [str(c + 1) for c in range(C)], fontsize=7.5)
        ax.set_yticks(np.arange(N) + 0.5, [str(n + 1) for n in range(N)], fontsize=7.5)
        ax.tick_params(length=0)
        ax.set_xlabel(_t("f_norm_x", lang), fontsize=8.5)
        if k == 0:
            ax.set_ylabel(_t("f_norm_y", lang), fontsize=8.5)
        for s in ax.spines.values():
            s.set_visible(False)
        title = (_t("f_norm_group", lang, G=groups, k=C // groups) if kind == "group"
                 else _t(f"f_norm_{kind}", lang, axes=norm_axes_text(kind)))
        # two lines: the name, then what is averaged over
        name, _, rest = title.partition(": ")
        ax.set_title(f"{name}\n{rest}", fontsize=8.8)
    handles = [Patch(fc=STRONG_COLOR, alpha=0.85, label=_t("f_norm_strong", lang)),
               Patch(fc=LIGHT_SHADES[0], ec="#bbbbbb", label=_t("f_norm_light", lang))]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=2, fontsize=8.5, frameon=False)
    fig.suptitle(_t("f_norm_suptitle", lang), fontsize=10.5)
    return fig


# ----------------------------------------------------------------------------------------- static: losses, mismatch
LOSS_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def loss_curves_figure(curves, lang: str | None = None, title: str | None = None) -> Figure:
    """One axis: the loss per step of each ``(label, losses)`` in ``curves`` (labels come localized from the caller),
    log-scale y. A curve is cut at its first non-finite (or non-positive) value; a cut curve ends in a × marker."""
    curves = list(curves)
    if not curves:
        raise ValueError("loss_curves_figure needs at least one (label, losses) curve")
    fig = new_figure((7.2, 4.0), 100)
    ax = fig.add_subplot(1, 1, 1)
    fig.subplots_adjust(left=0.11, right=0.98, bottom=0.13, top=0.9)
    _style(ax, title if title is not None else _t("f_loss_title", lang), _t("f_loss_x", lang), _t("f_loss_y", lang))
    ax.set_yscale("log")
    any_cut, shown = False, []
    for k, (label, losses) in enumerate(curves):
        L = np.asarray(losses, dtype=float).ravel()
        bad = np.flatnonzero(~np.isfinite(L) | (L <= 0))
        end = int(bad[0]) if bad.size else L.size
        color = LOSS_COLORS[k % len(LOSS_COLORS)]
        ax.plot(np.arange(end), L[:end], "-", color=color, lw=1.6, label=str(label))
        if end > 0:
            shown.append(L[:end])
        if end < L.size and end > 0:
            any_cut = True
            ax.plot([end - 1], [L[end - 1]], "x", color=color, ms=9, mew=2.0, zorder=5)
    if shown:
        allv = np.concatenate(shown)
        ax.set_ylim(allv.min() / 1.5, allv.max() * 1.5)
    ax.set_xlim(0, max(len(np.asarray(c[1]).ravel()) for c in curves) - 1 or 1)
    handles, labels = ax.get_legend_handles_labels()
    if any_cut:
        handles.append(Line2D([], [], ls="none", marker="x", color="#333333", ms=8, mew=2.0))
        labels.append(_t("f_diverged", lang))
    ax.legend(handles, labels, fontsize=8, loc="best", framealpha=0.9)
    return fig


def bn_mismatch_figure(batch_sizes, mismatches, lang: str | None = None) -> Figure:
    """The mismatch of batch normalization (mean |training-mode output − inference-mode output|) against the batch
    size: log₂ x axis, markers (log y when every value is positive)."""
    b = np.asarray(batch_sizes, dtype=float).ravel()
    m = np.asarray(mismatches, dtype=float).ravel()
    if b.size == 0 or b.size != m.size:
        raise ValueError(f"need as many mismatches as batch sizes, got {b.size} and {m.size}")
    if np.any(b <= 0):
        raise ValueError("batch sizes must be positive")
    fig = new_figure((6.4, 3.9), 100)
    ax = fig.add_subplot(1, 1, 1)
    fig.subplots_adjust(left=0.13, right=0.97, bottom=0.14, top=0.9)
    _style(ax, _t("f_bn_title", lang), _t("f_bn_x", lang), _t("f_bn_y", lang))
    ax.set_xscale("log", base=2)
    if np.all(m[np.isfinite(m)] > 0):
        ax.set_yscale("log")
    ax.plot(b, m, "-o", color="#0072B2", ms=6, mfc="#0072B2", mec="black", mew=0.6, lw=1.3)
    ax.set_xticks(b, [f"{int(v)}" if float(v).is_integer() else f"{v:g}" for v in b])
    ax.xaxis.set_minor_locator(NullLocator())
    return fig
