"""Module 03 plot pieces: the gradient-descent and scalers-with-outliers views (updated in place, on
:class:`fsgeom.plots.BlitView`) and plain drawing functions the lecture may call for static plots.

Drawing functions take an ``ax`` and the numbers, draw, and return the artists they made:

* :func:`loss_ellipses` -- the level lines of a 2-D least-squares loss (exact ellipses, no grid);
* :func:`plot_loss_contours` -- those level lines on ``ax`` (a LineCollection, one colour per level);
* :func:`plot_gd_path` -- a gradient-descent path from ``w0`` with the start and the minimum marked;
* :func:`plot_scaled_strip` -- train / test values of one feature after a scaler as a strip plot with the
  middle-95 % interval of the training bulk shaded.

Coordinates of the loss pictures: the weights divided by :math:`\\lVert w^*\\rVert` (one number for both axes, so
the geometry -- round or a narrow valley -- is what it is; the minimum lies on the unit circle). Text from
:mod:`.texts` (keys ``w_*``) in the notebook's language or the ``lang`` given.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ...plots import BlitView, marker_line as _points, new_figure, set_points as _set_points
from .texts import T

__all__ = ["LEVELS", "LEVEL_CMAP", "SCALER_COLORS", "loss_ellipses", "plot_loss_contours", "set_loss_contours",
           "plot_gd_path", "set_gd_path", "plot_scaled_strip", "GDView", "OutlierView", "loss_geometry_figure"]

#: relative-gap levels of the drawn level lines, (L(w) - L*) / (L(0) - L*)
LEVELS = (0.01, 0.05, 0.2, 0.5, 1.0, 2.0, 4.0)
LEVEL_CMAP = "viridis"
SCALER_COLORS = {"minmax": "#E69F00", "zscore": "#0072B2", "robust": "#009E73", "none": "#555555"}
PATH_COLOR = "#D55E00"
TRAIN_COLOR = "#0072B2"
TEST_COLOR = "#E69F00"
OUTLIER_COLOR = "#D55E00"


def _t(key: str, lang: str | None, **fmt) -> str:
    return T(key, lang=lang, **fmt)


# ----------------------------------------------------------------------------------------- loss level lines
def loss_ellipses(G, center, gap0: float, levels=LEVELS, scale: float = 1.0, points: int = 181) -> list:
    r"""Level lines of :math:`\frac12 (w - w^*)^\top G (w - w^*) = \ell \cdot gap_0` for every relative level
    :math:`\ell` in ``levels``, in coordinates :math:`u = w / scale` centred at ``center`` (= w*/scale):
    ellipses :math:`u = u^* + \sqrt{2\ell\, gap_0}/scale \cdot V \Lambda^{-1/2} (\cos\theta, \sin\theta)`.
    Returns one (points, 2) array per level."""
    lam, V = np.linalg.eigh(np.asarray(G, dtype=float))
    th = np.linspace(0.0, 2 * np.pi, points)
    circle = np.column_stack([np.cos(th), np.sin(th)])
    axes = V / np.sqrt(np.maximum(lam, 1e-300))
    return [np.asarray(center, dtype=float) + np.sqrt(2.0 * lv * gap0) / scale * circle @ axes.T for lv in levels]


def plot_loss_contours(ax, G, center, gap0: float, levels=LEVELS, scale: float = 1.0, cmap: str = LEVEL_CMAP):
    """Draw the level lines of :func:`loss_ellipses` on ``ax`` (one LineCollection, coloured by log level).
    Returns the collection; :func:`set_loss_contours` moves it in place."""
    lines = LineCollection(loss_ellipses(G, center, gap0, levels, scale), cmap=cmap, linewidths=1.1, zorder=2)
    lines.set_array(np.log10(np.asarray(levels, dtype=float)))
    lines.set_clim(np.log10(min(levels)), np.log10(max(levels)))
    ax.add_collection(lines, autolim=False)
    return lines


def set_loss_contours(lines, G, center, gap0: float, levels=LEVELS, scale: float = 1.0) -> None:
    """Show the level lines of another quadratic in the artist of :func:`plot_loss_contours`."""
    lines.set_segments(loss_ellipses(G, center, gap0, levels, scale))


def plot_gd_path(ax, W, w_star=None, scale: float = 1.0, color: str = PATH_COLOR, lang: str | None = None):
    """Draw the gradient-descent weight history ``W`` (steps + 1, 2) divided by ``scale``: a polyline with a dot per
    step, the start (square) and, if given, the minimum ``w_star`` (star). Returns ``(path, start, optimum)``."""
    path = ax.plot([], [], "-o", color=color, lw=1.3, ms=3.2, zorder=4, label=_t("w_path", lang))[0]
    start = ax.plot([], [], ls="none", marker="s", ms=7, color="black", zorder=5, label=_t("w_start", lang))[0]
    optimum = ax.plot([], [], ls="none", marker="*", ms=14, color="#F0E442", mec="black", zorder=5,
                      label=_t("w_optimum", lang))[0]
    set_gd_path(path, start, optimum, W, w_star, scale)
    return path, start, optimum


def set_gd_path(path, start, optimum, W, w_star=None, scale: float = 1.0) -> None:
    """Move the artists of :func:`plot_gd_path` to the history ``W`` (and minimum ``w_star``)."""
    U = np.asarray(W, dtype=float).reshape(-1, 2) / scale
    path.set_data(U[:, 0], U[:, 1])
    _set_points(start, U[:1])
    _set_points(optimum, np.empty((0, 2)) if w_star is None else np.asarray(w_star, dtype=float) / scale)


def _style_loss_axes(ax, names, lim: float, lang):
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal", adjustable="box")
    ax.axhline(0, color="#dddddd", lw=0.7, zorder=0)
    ax.axvline(0, color="#dddddd", lw=0.7, zorder=0)
    ax.set_xlabel(_t("w_axis_w", lang, name=names[0]), fontsize=9)
    ax.set_ylabel(_t("w_axis_w", lang, name=names[1]), fontsize=9)
    ax.tick_params(labelsize=7.5)


# ----------------------------------------------------------------------------------------- strip plot
@lru_cache(maxsize=32)
def _jitter(n: int, seed: int) -> np.ndarray:
    out = np.random.default_rng(seed).uniform(-0.22, 0.22, n)
    out.setflags(write=False)
    return out


def plot_scaled_strip(ax, train, test=None, outlier=None, lang: str | None = None, share: float = 0.95):
    """A strip plot of one scaled feature: ``train`` values at height 1, ``test`` at height 0 (jittered), the
    ``outlier`` (a value or None) as a red diamond at height 1 (a triangle at the right edge when it lies beyond the
    x-limits) and the interval between the (1 - share)/2 and (1 + share)/2 quantiles of
    ``train`` shaded, its width written. Returns the dict of artists ``band``, ``train``, ``test``, ``outlier``,
    ``width``, ``outside`` (rings on test points outside [0, 1], see :func:`set_scaled_strip`)."""
    out = {
        "band": ax.add_patch(Rectangle((0, 0.55), 0, 0.9, fc="#0072B2", alpha=0.13, ec="#0072B2", lw=0.8, zorder=1)),
        "train": _points(ax, 3, marker="o", ms=3.2, mfc=TRAIN_COLOR, mec="none", alpha=0.55),
        "test": _points(ax, 3, marker="o", ms=3.2, mfc=TEST_COLOR, mec="none", alpha=0.75),
        "outlier": _points(ax, 5, marker="D", ms=8, mfc=OUTLIER_COLOR, mec="black"),
        "width": ax.text(0.02, 0.97, "", transform=ax.transAxes, ha="left", va="top", fontsize=8, zorder=6),
        "outside": _points(ax, 4, marker="o", ms=5.5, mfc="none", mec=OUTLIER_COLOR, mew=1.3),
    }
    ax.set_ylim(-0.6, 1.75)
    ax.set_yticks([0, 1], [_t("w_test", lang), _t("w_train", lang)])
    ax.tick_params(labelsize=7.5)
    ax.grid(True, axis="x", color="#eeeeee", lw=0.6)
    ax.set_axisbelow(True)
    if train is not None:
        set_scaled_strip(out, ax, train, test, outlier, share=share, lang=lang)
    return out


def set_scaled_strip(art, ax, train, test=None, outlier=None, share: float = 0.95, lang=None, unit: bool = False):
    """Move the artists of :func:`plot_scaled_strip`: values, the shaded middle interval and its width; ``unit``
    rings the test points outside [0, 1] (min-max fitted on train)."""
    train = np.asarray(train, dtype=float)
    art["train"].set_data(train, 1 + _jitter(train.size, 1))
    test = np.empty(0) if test is None else np.asarray(test, dtype=float)
    jt = _jitter(test.size, 2)
    art["test"].set_data(test, jt)
    off = (test < 0) | (test > 1) if unit else np.zeros(test.size, bool)
    art["outside"].set_data(test[off], jt[off])
    lo, hi = np.quantile(train, [(1 - share) / 2, (1 + share) / 2])
    art["band"].set_x(lo)
    art["band"].set_width(hi - lo)
    art["width"].set_text(_t("w_width", lang, w=hi - lo))
    x0, x1 = ax.get_xlim()
    if outlier is None:
        _set_points(art["outlier"], np.empty((0, 2)))
    else:
        shown = min(max(float(outlier), x0), x1)
        marker = ">" if float(outlier) > x1 else "D"
        if art["outlier"].get_marker() != marker:
            art["outlier"].set_marker(marker)
        _set_points(art["outlier"], [shown - 0.015 * (x1 - x0) if float(outlier) > x1 else shown, 1.0])
    return float(hi - lo)


# ----------------------------------------------------------------------------------------- views
class GDView(BlitView):
    """Left: loss level lines over the two weights (relative-gap levels :data:`LEVELS`, in units of ‖w*‖),
    the GD path from 0 and the minimum; right: the relative gap per step (log scale) with the tolerance 1e-6.

    Animated: ``contours`` (LineCollection), ``path``, ``start``, ``optimum``, ``title``, ``wstar_text``,
    ``gap_line``, ``gap_end``. Axis limits fixed (``lim`` for the weights, ``max_steps`` steps)."""

    def __init__(self, names, max_steps: int, fig: Figure | None = None, lang: str | None = None, lim: float = 1.45):
        fig = fig if fig is not None else new_figure((9.6, 4.1), 90)
        super().__init__(fig)
        gs = fig.add_gridspec(1, 2, width_ratios=[1.0, 1.0], left=0.02, right=0.98, bottom=0.13, top=0.9,
                              wspace=0.12)
        self.ax_loss, self.ax_gap = fig.add_subplot(gs[0]), fig.add_subplot(gs[1])
        a = self.animate
        ax = self.ax_loss
        _style_loss_axes(ax, names, lim, lang)
        self.contours = a(plot_loss_contours(ax, np.eye(2), (0.5, 0.5), 0.1))
        self.path, self.start, self.optimum = (a(x) for x in plot_gd_path(ax, np.zeros((1, 2)), lang=lang))
        self.title = a(ax.text(0.5, 1.03, "", transform=ax.transAxes, ha="center", va="bottom", fontsize=9.5))
        self.wstar_text = a(ax.text(0.02, 0.02, "", transform=ax.transAxes, ha="left", va="bottom", fontsize=7.5,
                                    zorder=6, bbox=dict(fc="white", ec="none", alpha=0.8, pad=1.5)))
        ax.legend(loc="upper left", fontsize=7, framealpha=0.9)
        ax = self.ax_gap
        ax.set_yscale("log")
        ax.set_xlim(0, max_steps)
        ax.set_ylim(1e-9, 1e3)
        ax.axhline(1e-6, color="black", ls="--", lw=0.9)
        ax.text(0.98 * max_steps, 1.6e-6, _t("w_tol", lang), ha="right", va="bottom", fontsize=8)
        ax.set_xlabel(_t("w_gap_x", lang), fontsize=9)
        ax.set_title(_t("w_gap_title", lang), fontsize=9.5)
        ax.grid(True, color="#eeeeee", lw=0.6)
        ax.tick_params(labelsize=7.5)
        self.gap_line = a(ax.plot([], [], "-", color=PATH_COLOR, lw=1.6, zorder=3)[0])
        self.gap_end = a(_points(ax, 4, marker="o", ms=6, mfc=PATH_COLOR, mec="black"))
        self._overlay = [*self.ax_loss.spines.values(), *self.ax_gap.spines.values()]

    def update(self, G, w_star, gap0, W, gaps, title: str, wstar_text: str, draw: bool = True):
        """Show the loss of Gram ``G`` / minimum ``w_star`` / ``gap0`` = L(0) - L*, the path ``W`` and the
        relative gaps ``gaps`` (one per step); coordinates divided by ‖w*‖; then blit."""
        scale = float(np.linalg.norm(w_star)) or 1.0
        set_loss_contours(self.contours, G, np.asarray(w_star) / scale, gap0, scale=scale)
        set_gd_path(self.path, self.start, self.optimum, W, w_star, scale)
        gaps = np.asarray(gaps, dtype=float)
        shown = np.clip(gaps, 1e-300, 1e300)
        self.gap_line.set_data(np.arange(gaps.size), shown)
        _set_points(self.gap_end, [gaps.size - 1, shown[-1]])
        self.title.set_text(title)
        self.wstar_text.set_text(wstar_text)
        if draw:
            self.refresh()


class OutlierView(BlitView):
    """One strip plot per scaler (min-max, z-score, robust; :func:`plot_scaled_strip`), x-limits fixed; the
    min-max panel marks [0, 1]. ``strips[scaler]`` is the dict of animated artists of that panel."""

    SCALERS = ("minmax", "zscore", "robust")
    XLIM = {"minmax": (-0.3, 1.3), "zscore": (-4.0, 8.0), "robust": (-4.0, 8.0)}

    def __init__(self, name: str, fig: Figure | None = None, lang: str | None = None):
        fig = fig if fig is not None else new_figure((9.6, 3.3), 90)
        super().__init__(fig)
        axes = fig.subplots(1, 3, gridspec_kw=dict(left=0.06, right=0.99, bottom=0.27, top=0.9, wspace=0.12))
        self.axes = dict(zip(self.SCALERS, axes))
        self.strips = {}
        for sc, ax in self.axes.items():
            ax.set_xlim(*self.XLIM[sc])
            ax.set_title(_t(f"w_sc_{sc}", lang), fontsize=10, color=SCALER_COLORS[sc])
            ax.set_xlabel(_t("w_strip_x", lang, name=name), fontsize=8.5)
            if sc == "minmax":
                for v in (0.0, 1.0):
                    ax.axvline(v, color="#444444", ls="--", lw=0.9, zorder=0)
            art = plot_scaled_strip(ax, None, lang=lang)
            self.strips[sc] = {k: self.animate(v) for k, v in art.items()}
            if sc != "minmax":
                ax.set_yticklabels([])
        handles = [Line2D([], [], ls="none", marker="o", mfc=TRAIN_COLOR, mec="none", label=_t("w_train", lang)),
                   Line2D([], [], ls="none", marker="o", mfc=TEST_COLOR, mec="none", label=_t("w_test", lang)),
                   Line2D([], [], ls="none", marker="D", mfc=OUTLIER_COLOR, mec="black",
                          label=_t("w_outlier_pt", lang)),
                   Rectangle((0, 0), 1, 1, fc="#0072B2", alpha=0.13, ec="#0072B2", label=_t("w_middle", lang))]
        handles.insert(2, Line2D([], [], ls="none", marker="o", mfc="none", mec=OUTLIER_COLOR, mew=1.3,
                                 label=_t("w_outside_legend", lang)))
        fig.legend(handles=handles, loc="lower center", ncol=5, frameon=False, fontsize=8)

    def update(self, transformed: dict, lang=None, draw: bool = True) -> dict:
        """``transformed[scaler] = (train_bulk, test_or_None, outlier_or_None)``; returns the middle-95 % widths
        (test points outside [0, 1] are ringed in the min-max panel)."""
        widths = {}
        for sc, (tr, te, out) in transformed.items():
            widths[sc] = set_scaled_strip(self.strips[sc], self.axes[sc], tr, te, out, lang=lang,
                                          unit=sc == "minmax")
        if draw:
            self.refresh()
        return widths


def loss_geometry_figure(panels, names, lang: str | None = None, lim: float = 1.45) -> Figure:
    """Side-by-side loss pictures: ``panels`` is a list of dicts with ``G``, ``w_star``, ``gap0``, ``W`` (a GD
    path) and ``title``; drawn with :func:`plot_loss_contours` and :func:`plot_gd_path`."""
    fig = new_figure((4.3 * len(panels), 4.4), 100)
    axes = np.atleast_1d(fig.subplots(1, len(panels)))
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.12, top=0.88, wspace=0.25)
    for ax, p in zip(axes, panels):
        _style_loss_axes(ax, names, lim, lang)
        scale = float(np.linalg.norm(p["w_star"]))
        plot_loss_contours(ax, p["G"], np.asarray(p["w_star"]) / scale, p["gap0"], scale=scale)
        plot_gd_path(ax, p["W"], p["w_star"], scale, lang=lang)
        ax.set_title(p["title"], fontsize=9.5)
    axes[0].legend(loc="upper left", fontsize=7, framealpha=0.9)
    return fig
