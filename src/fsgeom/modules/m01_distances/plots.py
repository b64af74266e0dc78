"""Module 01 plot pieces: the iso-distance and age-income views (updated in place, on
:class:`fsgeom.plots.BlitView`) and the lecture's static figures.

Static figure functions (:func:`unit_balls_figure`, :func:`scale_distortion_figure`,
:func:`age_income_regions_figure`, ...) return a :class:`matplotlib.figure.Figure` made without pyplot (no
global state; a notebook displays it as the cell's value). Figure text follows :func:`fsgeom.i18n.language`.
The numbers come from :mod:`fsgeom.metrics` and this module's :mod:`.maths` and :mod:`.data`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import matplotlib
import numpy as np
from matplotlib.colors import ListedColormap, to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from ... import metrics
from ...i18n import tr
from ...plots import BlitView, display_grid, marker_line as _points, new_figure, set_points as _set_points
from . import data as _data
from . import maths

__all__ = [
    "EUCLID_COLOR", "MAHAL_COLOR", "QUERY_COLOR", "CLASS_COLORS", "REGION_COLORS", "RING_FRACTIONS",
    "NeighbourhoodPanel", "IsoDistanceView", "AgeIncomeView", "unit_balls_figure", "scale_distortion_figure",
    "age_income_regions_figure", "age_income_units_figure", "age_income_metrics_figure",
]

# Okabe-Ito colours (colour-blind safe)
EUCLID_COLOR = "#D55E00"   # vermilion: Euclidean distance in raw units
MAHAL_COLOR = "#0072B2"    # blue: Mahalanobis distance (= Euclidean after whitening)
QUERY_COLOR = "#111111"
CLOUD_COLOR = "#9a9a9a"
CLASS_COLORS = ("#0072B2", "#E69F00")          # age-income: 0 = low risk, 1 = high risk
REGION_COLORS = ("#d5e6f3", "#fbe9c6")         # the same, pale and opaque (an image must fully cover)
#: iso-distance contours are drawn at these multiples of the distance to the k-th neighbour (the first, solid,
#: is the neighbourhood's boundary; the others, dashed and dotted, show the shape of the metric's balls)
RING_FRACTIONS = (1.0, 2.0, 3.0)

_T = {
    "raw": {"uk": "сирі ознаки: кола Евкліда, еліпси Махаланобіса",
            "en": "raw features: Euclidean circles, Mahalanobis ellipses"},
    "white": {"uk": "після вибілювання: ролі міняються",
              "en": "whitened: the roles swap"},
    "euclid": {"uk": "Евклід (сирі одиниці)", "en": "Euclidean (raw units)"},
    "mahal": {"uk": "Махаланобіс", "en": "Mahalanobis"},
    "nb_euclid": {"uk": "k сусідів за Евклідом", "en": "k neighbours, Euclidean"},
    "nb_mahal": {"uk": "k сусідів за Махаланобісом", "en": "k neighbours, Mahalanobis"},
    "query": {"uk": "запит", "en": "query"},
    "points": {"uk": "дані", "en": "data"},
    "age": {"uk": "вік, роки", "en": "age, years"},
    "income": {"uk": "дохід, тис. $", "en": "income, k$"},
    "low": {"uk": "низький ризик", "en": "low risk"},
    "high": {"uk": "високий ризик", "en": "high risk"},
    "neighbours": {"uk": "k сусідів запиту", "en": "the query's k neighbours"},
    "ball": {"uk": "«куля» метрики через k-го сусіда", "en": "the metric's ball through the k-th neighbour"},
    "shares": {"uk": "внесок у $d^2$ до сусідів, %", "en": "share of $d^2$ to neighbours, %"},
    "age_short": {"uk": "вік", "en": "age"},
    "income_short": {"uk": "дохід", "en": "income"},
    "regions": {"uk": "області kNN", "en": "kNN regions"},
    "acc": {"uk": "точність на тесті {acc:.3f}", "en": "test accuracy {acc:.3f}"},
    "balls_title": {"uk": "одиничні кулі: $p = 1, 2, \\infty$", "en": "unit balls: $p = 1, 2, \\infty$"},
    "family_title": {"uk": "$\\|x\\|_p = 1$ для різних $p$ (чверть площини)",
                     "en": "$\\|x\\|_p = 1$ for several $p$ (one quadrant)"},
    "not_norm": {"uk": "$p=0.5$: не норма", "en": "$p=0.5$: not a norm"},
    "cos_title": {"uk": "косинусна: «кулі» — це конуси", "en": "cosine: the 'balls' are cones"},
    "cos_ref": {"uk": "$x_0$ і $2x_0$: $d_{\\cos}=0$", "en": "$x_0$ and $2x_0$: $d_{\\cos}=0$"},
    "raw_scale": {"uk": "сирі одиниці, у масштабі 1:1 (фрагмент біля запиту)",
                  "en": "raw units, drawn to scale (zoom at the query)"},
    "z_scale": {"uk": "після стандартизації (= Махаланобіс)", "en": "after z-scoring (= Mahalanobis)"},
}


def _t(key: str, lang: str | None, **fmt) -> str:
    return tr(_T[key], lang, **fmt)


# ----------------------------------------------------------------------------------------- iso-distance
@dataclass
class NeighbourhoodPanel:
    """What one panel of :class:`IsoDistanceView` shows (all coordinates in that panel's space).

    ``euclid_rings`` / ``mahal_rings``: one ``(m, 2)`` closed polyline per radius of
    :data:`RING_FRACTIONS` (the first one passes through the k-th neighbour).
    """
    points: np.ndarray
    query: np.ndarray
    euclid_rings: Sequence[np.ndarray]
    mahal_rings: Sequence[np.ndarray]
    euclid_neighbours: np.ndarray
    mahal_neighbours: np.ndarray


class _PanelArtists:
    def __init__(self, view: BlitView, ax, n_rings: int):
        a = view.animate
        self.cloud = a(_points(ax, 2, marker="o", ms=3.2, color=CLOUD_COLOR, mew=0))
        styles = ([(1.8, "-")] + [(1.0, "--"), (0.9, ":")])[:n_rings]
        self.mahal_rings = [a(ax.plot([], [], color=MAHAL_COLOR, lw=lw, ls=ls, zorder=3)[0]) for lw, ls in styles]
        self.euclid_rings = [a(ax.plot([], [], color=EUCLID_COLOR, lw=lw, ls=ls, zorder=3.1)[0]) for lw, ls in styles]
        self.euclid_nb = a(_points(ax, 4, marker="o", ms=8, mfc="none", mec=EUCLID_COLOR, mew=1.5))
        self.mahal_nb = a(_points(ax, 5, marker="x", ms=6, color=MAHAL_COLOR, mew=1.6))
        self.query = a(_points(ax, 6, marker="*", ms=13, mfc=QUERY_COLOR, mec="white", mew=0.8))

    def set(self, p: NeighbourhoodPanel):
        _set_points(self.cloud, p.points)
        for line, ring in zip(self.euclid_rings, p.euclid_rings):
            line.set_data(ring[:, 0], ring[:, 1])
        for line, ring in zip(self.mahal_rings, p.mahal_rings):
            line.set_data(ring[:, 0], ring[:, 1])
        _set_points(self.euclid_nb, p.euclid_neighbours)
        _set_points(self.mahal_nb, p.mahal_neighbours)
        _set_points(self.query, p.query)


class IsoDistanceView(BlitView):
    """Two panels, raw feature space and whitened space, each with a point cloud, a query, iso-distance
    contours of the Euclidean and the Mahalanobis distance around it (parametric lines, not ``contour``)
    and the k nearest neighbours under each metric (hollow circles: Euclidean; crosses: Mahalanobis).

    Attributes: ``fig``, ``ax_raw``, ``ax_white``, ``raw`` / ``white`` (the panels' artists: ``cloud``,
    ``euclid_rings``, ``mahal_rings``, ``euclid_nb``, ``mahal_nb``, ``query``), ``info`` (a text artist).
    """

    def __init__(self, fig: Figure | None = None, raw_lim: float = 7.0, white_lim: float = 3.5,
                 n_rings: int = len(RING_FRACTIONS), lang: str | None = None):
        fig = fig if fig is not None else new_figure((8.0, 3.6), 90)
        super().__init__(fig)
        self.ax_raw, self.ax_white = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.06, right=0.985, bottom=0.2, top=0.91, wspace=0.2)
        for ax, lim, key, labels in ((self.ax_raw, raw_lim, "raw", ("$x_1$", "$x_2$")),
                                     (self.ax_white, white_lim, "white", ("$w_1$", "$w_2$"))):
            ax.set_xlim(-lim, lim)
            ax.set_ylim(-lim, lim)
            ax.set_aspect("equal", adjustable="box")
            ax.grid(True, color="#e4e4e4", lw=0.6)
            ax.set_axisbelow(True)
            ax.set_title(_t(key, lang), fontsize=9.5)
            ax.set_xlabel(labels[0], fontsize=9, labelpad=1)
            ax.set_ylabel(labels[1], fontsize=9, labelpad=0)
            ax.tick_params(labelsize=7.5)
        self.raw = _PanelArtists(self, self.ax_raw, n_rings)
        self.white = _PanelArtists(self, self.ax_white, n_rings)
        self.info = self.animate(self.ax_white.text(
            0.02, 0.02, "", transform=self.ax_white.transAxes, fontsize=8, zorder=7, va="bottom",
            bbox=dict(boxstyle="round,pad=0.25", fc="white", ec="#bbbbbb", alpha=0.9)))
        handles = [
            Line2D([], [], ls="none", marker="o", ms=3, color=CLOUD_COLOR, label=_t("points", lang)),
            Line2D([], [], marker="*", ls="none", ms=11, color=QUERY_COLOR, label=_t("query", lang)),
            Line2D([], [], color=EUCLID_COLOR, lw=1.8, label=_t("euclid", lang)),
            Line2D([], [], color=MAHAL_COLOR, lw=1.8, label=_t("mahal", lang)),
            Line2D([], [], ls="none", marker="o", ms=8, mfc="none", mec=EUCLID_COLOR, mew=1.5,
                   label=_t("nb_euclid", lang)),
            Line2D([], [], ls="none", marker="x", ms=6, color=MAHAL_COLOR, mew=1.6, label=_t("nb_mahal", lang)),
        ]
        fig.legend(handles=handles, loc="lower center", ncol=6, frameon=False, fontsize=7.5,
                   handlelength=1.6, columnspacing=1.1, handletextpad=0.4)
        self._overlay = [*self.ax_raw.spines.values(), *self.ax_white.spines.values()]

    def update(self, raw: NeighbourhoodPanel, white: NeighbourhoodPanel, info: str = "", draw: bool = True):
        """Move every animated artist to the new state, then (``draw=True``) blit synchronously."""
        self.raw.set(raw)
        self.white.set(white)
        self.info.set_text(info)
        if draw:
            self.refresh()


# ----------------------------------------------------------------------------------------- age / income
class AgeIncomeView(BlitView):
    """Bank clients in fixed display axes (age in years, income in k$): kNN decision regions (an image
    updated with ``set_data``), training points coloured by class, a query client, its k neighbours, the
    classifier's iso-distance "ball" through the k-th neighbour, and bars with each feature's share of the
    squared distances to those neighbours.

    Attributes: ``fig``, ``ax`` (regions), ``ax_bars``, ``image`` (RGB, from the labels via a colour table),
    ``regions`` (the last label array), ``train`` (two marker lines, one per class), ``query``,
    ``neighbours`` (marker lines), ``ball`` (line), ``bars`` (two rectangles: age, income), ``bar_labels``,
    ``info``; ``extent``, ``grid_shape``.
    """

    def __init__(self, X_train, y_train, extent=(18.0, 90.0, 1.0, 100.0), grid_shape=(80, 80),
                 fig: Figure | None = None, lang: str | None = None):
        fig = fig if fig is not None else new_figure((8.0, 3.6), 90)
        super().__init__(fig)
        self.extent = tuple(float(v) for v in extent)
        self.grid_shape = tuple(grid_shape)
        self.regions = np.zeros(self.grid_shape, dtype=int)
        X_train = np.asarray(X_train, dtype=float)
        y_train = np.asarray(y_train).astype(int)
        gs = fig.add_gridspec(1, 2, width_ratios=[2.35, 1.0], left=0.075, right=0.975, bottom=0.25, top=0.9,
                              wspace=0.3)
        self.ax = ax = fig.add_subplot(gs[0])
        self.ax_bars = axb = fig.add_subplot(gs[1])
        x0, x1, y0, y1 = self.extent
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_xlabel(_t("age", lang), fontsize=9, labelpad=1)
        ax.set_ylabel(_t("income", lang), fontsize=9, labelpad=1)
        ax.tick_params(labelsize=7.5)
        ax.set_title(_t("regions", lang), fontsize=9.5)
        a = self.animate
        self._lut = (np.array([to_rgb(c) for c in REGION_COLORS]) * 255).round().astype(np.uint8)
        self.image = a(ax.imshow(self._lut[np.zeros(self.grid_shape, dtype=int)], extent=self.extent,
                                 origin="lower", aspect="auto", interpolation="nearest", zorder=0.5))
        self.train = [a(_points(ax, 2, marker="o", ms=3.6, color=CLASS_COLORS[c], mew=0,
                                label=f"class {c}")) for c in (0, 1)]
        for c, line in enumerate(self.train):
            _set_points(line, X_train[y_train == c])
        self.ball = a(ax.plot([], [], color=QUERY_COLOR, lw=1.3, zorder=3)[0])
        self.neighbours = a(_points(ax, 4, marker="o", ms=8, mfc="none", mec=QUERY_COLOR, mew=1.3))
        self.query = a(_points(ax, 5, marker="*", ms=14, mfc=QUERY_COLOR, mec="white", mew=0.9))
        # bars: share of each feature in the squared distance to the neighbours
        axb.set_xlim(0, 100)
        axb.set_ylim(-0.6, 2.4)
        axb.set_yticks([1, 0], [_t("age_short", lang), _t("income_short", lang)], fontsize=8.5)
        axb.set_xticks([0, 25, 50, 75, 100])
        axb.tick_params(labelsize=7.5)
        axb.set_title(_t("shares", lang), fontsize=9)
        axb.grid(True, axis="x", color="#e4e4e4", lw=0.6)
        axb.set_axisbelow(True)
        bars = axb.barh([1, 0], [0, 0], height=0.6, color=["#7f7f7f", "#4d4d4d"], zorder=2)
        self.bars = [a(b) for b in bars]
        self.bar_labels = [a(axb.text(2, y, "", va="center", fontsize=8, zorder=3)) for y in (1, 0)]
        self.info = a(axb.text(0.5, 0.95, "", transform=axb.transAxes, ha="center", va="top", fontsize=9,
                               fontweight="bold", zorder=3))
        handles = [
            Patch(fc=REGION_COLORS[0], ec=CLASS_COLORS[0], label=_t("low", lang)),
            Patch(fc=REGION_COLORS[1], ec=CLASS_COLORS[1], label=_t("high", lang)),
            Line2D([], [], marker="*", ls="none", ms=11, color=QUERY_COLOR, label=_t("query", lang)),
            Line2D([], [], ls="none", marker="o", ms=7, mfc="none", mec=QUERY_COLOR, label=_t("neighbours", lang)),
            Line2D([], [], color=QUERY_COLOR, lw=1.3, label=_t("ball", lang)),
        ]
        fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.01, 0.0), ncol=5, frameon=False,
                   fontsize=7.5, handlelength=1.4, columnspacing=1.0, handletextpad=0.4)
        self._overlay = [*ax.spines.values()]

    def update(self, regions=None, query=None, neighbours=None, ball=None, shares=None, info: str | None = None,
               draw: bool = True):
        """Update what is given (``None`` keeps the current state), then (``draw=True``) blit synchronously.

        ``regions``: ``grid_shape`` array of labels 0/1; ``query``: (2,); ``neighbours``: (k, 2); ``ball``:
        (m, 2) polyline; ``shares``: (age, income) fractions; all in display units (years, k$)."""
        if regions is not None:
            regions = np.asarray(regions)
            if regions.shape != self.grid_shape:
                raise ValueError(f"regions must have shape {self.grid_shape}, got {regions.shape}")
            self.regions = regions
            self.image.set_data(self._lut[regions.astype(int)])
        if query is not None:
            _set_points(self.query, query)
        if neighbours is not None:
            _set_points(self.neighbours, neighbours)
        if ball is not None:
            ball = np.asarray(ball, dtype=float)
            self.ball.set_data(ball[:, 0], ball[:, 1])
        if shares is not None:
            for bar, label, s in zip(self.bars, self.bar_labels, shares):
                pct = 100.0 * float(s)
                bar.set_width(pct)
                label.set_text(f"{pct:.2f}%" if 0 < pct < 1 or 99 < pct < 100 else f"{pct:.0f}%")
                label.set_x(pct + 2 if pct < 70 else pct - 2)
                label.set_ha("left" if pct < 70 else "right")
                label.set_color("black" if pct < 70 else "white")
        if info is not None:
            self.info.set_text(info)
        if draw:
            self.refresh()


# ----------------------------------------------------------------------------------------- static figures
def _p_color(p: float) -> str:
    """One colour per p >= 1 in every panel: viridis at 1 - 1/p (p = 1 dark violet ... p = inf green)."""
    f = 1.0 if np.isinf(p) else 1.0 - 1.0 / float(p)
    return to_hex(matplotlib.colormaps["viridis"](0.85 * f))


def unit_balls_figure(ps=(1.5, 3, 6), lang: str | None = None) -> Figure:
    r"""Three panels: the unit balls of :math:`\|\cdot\|_1` (diamond), :math:`\|\cdot\|_2` (circle) and
    :math:`\|\cdot\|_\infty` (square); the family :math:`\|x\|_p = 1` for general p (with the non-convex
    p = 0.5, which is not a norm); and the cosine distance, whose "balls" around :math:`x_0` are cones. Each p
    has one colour in both panels (:func:`_p_color`)."""
    fig = new_figure((9.0, 3.2), 100)
    axes = fig.subplots(1, 3)
    fig.subplots_adjust(left=0.04, right=0.99, bottom=0.1, top=0.88, wspace=0.22)
    for ax in axes:
        ax.set_aspect("equal")
        ax.axhline(0, color="#999999", lw=0.6, zorder=0)
        ax.axvline(0, color="#999999", lw=0.6, zorder=0)
        ax.tick_params(labelsize=7.5)
        ax.grid(True, color="#eeeeee", lw=0.6)
        ax.set_axisbelow(True)
    ax = axes[0]
    for p, name in ((1, "$p=1$"), (2, "$p=2$"), (np.inf, r"$p=\infty$")):
        color = _p_color(p)
        pts = metrics.lp_unit_circle(p, 721)
        ax.fill(pts[:, 0], pts[:, 1], color=color, alpha=0.07)
        ax.plot(pts[:, 0], pts[:, 1], color=color, lw=2, label=name)
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.35, 1.35)
    ax.legend(fontsize=8, loc="upper right", framealpha=0.9)
    ax.set_title(_t("balls_title", lang), fontsize=10)

    ax = axes[1]
    family = [0.5] + sorted({1.0, 2.0, *map(float, ps)}) + [np.inf]
    ax.plot([0, 1.3], [0, 1.3], color="#cccccc", lw=0.6, zorder=0)
    for i, p in enumerate(family):
        pts = metrics.lp_unit_circle(p, 1441)
        if p < 1:
            color, ls, label = "#777777", "--", _t("not_norm", lang)
        else:
            color, ls = _p_color(p), "-"
            label = r"$p=\infty$" if np.isinf(p) else f"$p={p:g}$"
        ax.plot(pts[:, 0], pts[:, 1], color=color, lw=1.6, ls=ls)
        d = 1.0 if np.isinf(p) else 2.0 ** (-1.0 / p)        # where the curve crosses the diagonal
        left = i % 2 == 0 and p >= 1
        ax.annotate(label, (d, d), xytext=(-6, 5) if left else (6, -5), textcoords="offset points",
                    fontsize=7.5, color=color if p >= 1 else "#555555", ha="right" if left else "left",
                    va="bottom" if left else "top")
    ax.set_xlim(-0.02, 1.3)
    ax.set_ylim(-0.02, 1.3)
    ax.set_title(_t("family_title", lang), fontsize=10)

    ax = axes[2]
    x0 = np.array([1.4, 0.7])
    phi0 = np.arctan2(x0[1], x0[0])
    R = 3.4
    for r, alpha in ((0.2, 0.10), (0.05, 0.16), (0.01, 0.26)):
        half = np.arccos(1 - r)
        t = np.linspace(phi0 - half, phi0 + half, 60)
        poly = np.vstack([[0, 0], np.column_stack([R * np.cos(t), R * np.sin(t)])])
        ax.add_patch(Polygon(poly, closed=True, fc=MAHAL_COLOR, alpha=alpha, ec="none"))
        ax.text(2.9 * np.cos(phi0 + half), 2.9 * np.sin(phi0 + half), f"r = {r:g}", fontsize=7.5,
                color=MAHAL_COLOR, ha="center", va="center", rotation=np.degrees(phi0 + half),
                bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.8))
    ax.plot([0, R * np.cos(phi0)], [0, R * np.sin(phi0)], color=MAHAL_COLOR, lw=0.8, ls="--")
    ax.plot(*x0, "o", color=QUERY_COLOR, ms=6, zorder=3)
    ax.plot(*(2 * x0), "s", color=QUERY_COLOR, ms=5, zorder=3)
    ax.annotate("$x_0$", x0, xytext=(4, -13), textcoords="offset points", fontsize=9)
    ax.annotate("$2x_0$", 2 * x0, xytext=(4, -13), textcoords="offset points", fontsize=9)
    ax.set_xlim(-0.3, 3.3)
    ax.set_ylim(-0.3, 3.3)
    ax.set_title(_t("cos_title", lang), fontsize=10)
    ax.text(0.03, 0.97, "$d_{\\cos}(x, x_0) \\leq r$", transform=ax.transAxes, fontsize=8.5, va="top")
    ax.text(0.97, 0.03, _t("cos_ref", lang), transform=ax.transAxes, fontsize=8, ha="right", va="bottom",
            bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="#cccccc", alpha=0.9))
    return fig


def scale_distortion_figure(scales=(1.0, 100.0), n: int = 400, k: int = 10, query=(1.2, 40.0), seed: int = 0,
                            zoom: float = 14.0, lang: str | None = None) -> Figure:
    r"""The lecture's :math:`\Sigma = \mathrm{diag}(s_1^2, s_2^2)` (default 1 and :math:`10^4`) around a query.

    Left: raw units drawn to scale (equal aspect, zoomed at the query): the Euclidean ball through the k-th
    Euclidean neighbour is a circle, the Mahalanobis ball through the k-th Mahalanobis neighbour a needle
    100 times taller than wide. Right: the same after z-scoring (with the true scales): the Mahalanobis ball
    is a circle and the Euclidean one a slit -- Euclidean neighbours in raw units ignore :math:`x_1`. The
    Mahalanobis circle is small there (radius about 0.24), so the right panel has an inset that magnifies the
    query's surroundings; the query's star is drawn small and under the rings, so it never hides them.
    """
    s = np.asarray(scales, dtype=float)
    cov = np.diag(s ** 2)
    X, _ = _data.correlated_cloud(n, s[0], s[1], 0.0, seed)
    q = np.asarray(query, dtype=float)
    idx_e = metrics.knn_neighbors(X, q, k)[0]
    idx_m = metrics.knn_neighbors(X, q, k, metric="mahalanobis", cov=cov)[0]
    r_e = float(metrics.pairwise_euclidean(q, X[idx_e[-1]])[0, 0])
    r_m = float(metrics.pairwise_mahalanobis(q, X[idx_m[-1]], cov=cov)[0, 0])
    Zs, qz = X / s, q / s

    fig = new_figure((8.6, 3.7), 100)
    axL, axR = fig.subplots(1, 2)
    fig.subplots_adjust(left=0.07, right=0.99, bottom=0.2, top=0.9, wspace=0.25)
    # the inset of the right panel: the query's surroundings, magnified (lower right, below the Euclidean slit)
    half = 1.75 * r_m
    inset = axR.inset_axes([0.575, 0.025, 0.4, 0.4])
    panels = (
        (axL, X, q, maths.ellipse_points(q, np.eye(2), r_e, 361), maths.ellipse_points(q, cov, r_m, 361),
         (q[0] - zoom, q[0] + zoom, q[1] - zoom, q[1] + zoom), ("$x_1$", "$x_2$"), "raw_scale", None),
        (axR, Zs, qz, maths.ellipse_points(qz, np.diag(1 / s ** 2), r_e, 721),
         maths.ellipse_points(qz, np.eye(2), r_m, 361), (-3.5, 3.5, -3.5, 3.5),
         ("$z_1 = x_1/\\sigma_1$", "$z_2 = x_2/\\sigma_2$"), "z_scale", 55),
        (inset, Zs, qz, None, None, (qz[0] - half, qz[0] + half, qz[1] - half, qz[1] + half), None, None, 120),
    )
    rings = {}
    for ax, P, qq, e_ring, m_ring, lim, labels, title, star in panels:
        big = 1.35 if ax is inset else 1.0
        if e_ring is None:                     # the inset draws the right panel's rings again
            e_ring, m_ring = rings[axR]
        rings[ax] = (e_ring, m_ring)
        ax.scatter(P[:, 0], P[:, 1], s=9 * big, c=CLOUD_COLOR, linewidths=0, zorder=2)
        ax.plot(e_ring[:, 0], e_ring[:, 1], color=EUCLID_COLOR, lw=1.8, zorder=3)
        ax.plot(m_ring[:, 0], m_ring[:, 1], color=MAHAL_COLOR, lw=1.8, zorder=3)
        ax.scatter(P[idx_e, 0], P[idx_e, 1], s=60 * big, facecolors="none", edgecolors=EUCLID_COLOR,
                   linewidths=1.4, zorder=4)
        ax.scatter(P[idx_m, 0], P[idx_m, 1], s=32 * big, marker="x", c=MAHAL_COLOR, linewidths=1.5, zorder=5)
        if star is None:     # raw units: the big star on top, as in the widget
            ax.scatter([qq[0]], [qq[1]], s=170, marker="*", c=QUERY_COLOR, edgecolors="white", linewidths=0.8,
                       zorder=6)
        else:                # z-units: a smaller star UNDER the rings, so it never hides the small Mahalanobis circle
            ax.scatter([qq[0]], [qq[1]], s=star, marker="*", c=QUERY_COLOR, edgecolors="white", linewidths=0.5,
                       zorder=2.5)
        ax.set_xlim(lim[:2])
        ax.set_ylim(lim[2:])
        ax.set_aspect("equal", adjustable="box")
        ax.grid(True, color="#e9e9e9", lw=0.6)
        ax.set_axisbelow(True)
        if labels is None:
            ax.tick_params(left=False, bottom=False, labelleft=False, labelbottom=False)
            for spine in ax.spines.values():
                spine.set_edgecolor("#555555")
            continue
        ax.set_xlabel(labels[0], fontsize=9)
        ax.set_ylabel(labels[1], fontsize=9)
        ax.tick_params(labelsize=7.5)
        ax.set_title(_t(title, lang), fontsize=9.5)
    inset.set_facecolor("white")
    axR.indicate_inset_zoom(inset, edgecolor="#555555", alpha=0.9, linewidth=0.8)
    handles = [
        Line2D([], [], marker="*", ls="none", ms=11, color=QUERY_COLOR, label=_t("query", lang)),
        Line2D([], [], color=EUCLID_COLOR, lw=1.8, label=_t("euclid", lang)),
        Line2D([], [], color=MAHAL_COLOR, lw=1.8, label=_t("mahal", lang)),
        Line2D([], [], ls="none", marker="o", ms=8, mfc="none", mec=EUCLID_COLOR, mew=1.4,
               label=_t("nb_euclid", lang).replace("k ", f"{k} ")),
        Line2D([], [], ls="none", marker="x", ms=6, color=MAHAL_COLOR, mew=1.5,
               label=_t("nb_mahal", lang).replace("k ", f"{k} ")),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=5, frameon=False, fontsize=8)
    return fig


def age_income_regions_figure(setups: dict, k: int = 5, split=None, grid_shape=(120, 120),
                              extent=(18.0, 90.0, 1.0, 100.0), lang: str | None = None, ncols: int | None = None,
                              font_scale: float = 1.0, panel_size=(2.75, 3.35)) -> Figure:
    """kNN decision regions on the bank clients, one panel per entry of ``setups``.

    ``setups`` maps a panel title to keyword arguments of :func:`fsgeom.metrics.scaled_knn_predict`
    (``scaler=``, ``metric=``...) plus optionally ``unit=`` (income unit, default ``"$"``). ``split`` is
    ``(X_train, X_test, y_train, y_test)`` (default :func:`.data.age_income_split`). Every panel is
    drawn in the same display axes (age in years, income in k$) and titled with its test accuracy.
    Layout: ``ncols`` panels per row (default: all in one row), each about ``panel_size`` inches;
    ``font_scale`` multiplies every font size (titles, labels, ticks, legend).
    """
    Xtr, Xte, ytr, yte = split if split is not None else _data.age_income_split()
    xs, ys = display_grid(extent, grid_shape)
    gx, gy = np.meshgrid(xs, ys)
    grid = np.column_stack([gx.ravel(), gy.ravel() * 1000.0])      # back to dollars
    n = len(setups)
    ncols = n if ncols is None else max(1, min(int(ncols), n))
    nrows = -(-n // ncols)
    fs = float(font_scale)
    pw, ph = panel_size
    fig = new_figure((pw * ncols + 0.4, ph * nrows), 100)
    if nrows > 1:                    # titles of the lower rows need room: let matplotlib lay the grid out
        fig.set_layout_engine("constrained", w_pad=0.04, h_pad=0.06, wspace=0.02, hspace=0.04)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=nrows > 1, sharey=True, squeeze=False).ravel())
    for ax in axes[n:]:
        ax.set_visible(False)
    if nrows == 1:
        fig.subplots_adjust(left=0.06 if n > 2 else 0.1, right=0.99, bottom=0.25, top=0.86, wspace=0.08)
    ytr = np.asarray(ytr).astype(int)
    for i, (ax, (title, cfg)) in enumerate(zip(axes, setups.items())):
        cfg = dict(cfg)
        unit = cfg.pop("unit", "$")
        T, Q, G = (_data.income_in_units(A, unit) for A in (Xtr, Xte, grid))
        regions = metrics.scaled_knn_predict(T, ytr, G, k=k, **cfg).reshape(grid_shape)
        acc = metrics.accuracy(yte, metrics.scaled_knn_predict(T, ytr, Q, k=k, **cfg))
        ax.imshow(regions, extent=extent, origin="lower", aspect="auto", cmap=ListedColormap(REGION_COLORS),
                  vmin=0, vmax=1, interpolation="nearest")
        ax.scatter(Xtr[:, 0], Xtr[:, 1] / 1000, s=10 * fs, c=np.asarray(CLASS_COLORS)[ytr], edgecolors="white",
                   linewidths=0.3)
        ax.set_xlim(extent[:2])
        ax.set_ylim(extent[2:])
        ax.set_title(f"{title}\n{_t('acc', lang, acc=acc)}", fontsize=9 * fs)
        if i // ncols == nrows - 1 or i + ncols >= n:                # bottom panel of its column
            ax.set_xlabel(_t("age", lang), fontsize=8.5 * fs)
        if i % ncols == 0:
            ax.set_ylabel(_t("income", lang), fontsize=8.5 * fs)
        ax.tick_params(labelsize=7.5 * fs)
    handles = [Patch(fc=REGION_COLORS[c], ec=CLASS_COLORS[c], label=_t(name, lang))
               for c, name in ((0, "low"), (1, "high"))]
    fig.legend(handles=handles, loc="outside lower center" if nrows > 1 else "lower center", ncol=2, frameon=False,
               fontsize=8 * fs)
    return fig


_UNIT_PANELS = (
    ({"uk": "евклідова, дохід у $", "en": "Euclidean, income in $"}, dict(unit="$")),
    ({"uk": "евклідова, дохід у тис. $", "en": "Euclidean, income in k$"}, dict(unit="k$")),
    ({"uk": "евклідова після стандартизації", "en": "Euclidean after z-scoring"}, dict(unit="$", scaler="zscore")),
)
_METRIC_PANELS = (
    ({"uk": "евклідова, сирі $", "en": "Euclidean, raw $"}, dict()),
    ({"uk": "Махаланобіс, сирі $", "en": "Mahalanobis, raw $"}, dict(metric="mahalanobis")),
    ({"uk": "манхеттенська, стандартизація", "en": "Manhattan, z-scored"}, dict(scaler="zscore", metric="manhattan")),
    ({"uk": "косинусна, сирі $", "en": "cosine, raw $"}, dict(metric="cosine")),
)


def age_income_units_figure(k: int = 5, split=None, lang: str | None = None) -> Figure:
    """:func:`age_income_regions_figure` for the lecture's first example: Euclidean kNN with income in
    dollars, in thousands of dollars, and after z-scoring (fitted on train)."""
    return age_income_regions_figure({tr(t, lang): cfg for t, cfg in _UNIT_PANELS}, k=k, split=split, lang=lang)


def age_income_metrics_figure(k: int = 5, split=None, lang: str | None = None) -> Figure:
    """:func:`age_income_regions_figure` with four metrics: Euclidean and Mahalanobis on raw features,
    Manhattan after z-scoring, cosine on raw features -- the boundaries change with the metric. Two by two,
    with fonts large enough to project in a lecture hall."""
    return age_income_regions_figure({tr(t, lang): cfg for t, cfg in _METRIC_PANELS}, k=k, split=split, lang=lang,
                                     ncols=2, font_scale=1.5, panel_size=(4.6, 3.5))
