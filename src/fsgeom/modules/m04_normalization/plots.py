r"""Module 04 plot pieces: the unit-ball / penalty view and the outlier-lines view (updated in place, on
:class:`fsgeom.plots.BlitView`), plain geometry helpers and the static figure of unit balls.

Geometry helpers (numbers only, no drawing):

* :func:`ball_boundary` -- the unit :math:`L_p` circle as a closed polyline (:func:`fsgeom.metrics.lp_unit_circle`);
* :func:`diamond`, :func:`circle` -- the :math:`L_1` and :math:`L_2` spheres of radius ``r``;
* :func:`level_ellipse` -- the level line of :math:`\frac12 (w - c)^\top A (w - c)` through a point ``w``, an exact
  ellipse (no contour grid);
* :func:`shown_y` -- a value clipped to the axis with the marker that says so (``^`` above, ``v`` below).

Every word shown in a widget or a figure of this module comes from :data:`LABELS` (``{"uk": ..., "en": ...}``), in
the notebook's language or the ``lang`` given.
"""
from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ...i18n import Texts
from ...metrics import lp_unit_circle
from ...plots import BlitView, marker_line as _points, new_figure, set_points as _set_points
from . import maths

__all__ = ["LABELS", "BALL_PS", "BALL_COLORS", "L1_COLOR", "L2_COLOR", "LS_COLOR", "LAD_COLOR", "MOVED_COLOR",
           "ball_boundary", "diamond", "circle", "level_ellipse", "shown_y", "plot_unit_balls", "unit_balls_figure",
           "BallsView", "LinesView"]

LABELS = Texts({
    # ---- unit balls (left panel) and the static figure
    "w_p": {"uk": "p", "en": "p"},
    "w_lam": {"uk": "λ (сила штрафу)", "en": "λ (penalty strength)"},
    "w_ball_title": {"uk": "Одинична куля ‖x‖_p ≤ 1 і нормалізація точок",
                     "en": "Unit ball ‖x‖_p ≤ 1 and normalized points"},
    "w_ball_state": {"uk": "p = {p:.1f}: куля {convex}", "en": "p = {p:.1f}: the ball is {convex}"},
    "w_convex": {"uk": "опукла", "en": "convex"},
    "w_not_convex": {"uk": "НЕ опукла", "en": "NOT convex"},
    "w_boundary": {"uk": "межа одиничної кулі", "en": "unit ball boundary"},
    "w_points": {"uk": "точки x", "en": "points x"},
    "w_images": {"uk": "x / ‖x‖_p (після нормалізації)", "en": "x / ‖x‖_p (normalized)"},
    "w_x1": {"uk": "x₁", "en": "x₁"},
    "w_x2": {"uk": "x₂", "en": "x₂"},
    "f_balls_title": {"uk": "Одиничні кулі ‖x‖_p ≤ 1 на площині", "en": "Unit balls ‖x‖_p ≤ 1 in the plane"},
    "f_ball_p": {"uk": "p = {p}", "en": "p = {p}"},
    "f_ball_p_nonconvex": {"uk": "p = {p} (не опукла)", "en": "p = {p} (not convex)"},
    # ---- penalties (right panel)
    "w_pen_title": {"uk": "Функція втрат + λ·штраф: L1 проти L2", "en": "Loss + λ·penalty: L1 versus L2"},
    "w_pen_state": {"uk": "λ = {lam:.2f}", "en": "λ = {lam:.2f}"},
    "w_w1": {"uk": "w₁", "en": "w₁"},
    "w_w2": {"uk": "w₂", "en": "w₂"},
    "w_minimum": {"uk": "мінімум функції втрат c", "en": "minimum of the loss c"},
    "w_sol_l1": {"uk": "розв'язок зі штрафом L1", "en": "solution with the L1 penalty"},
    "w_sol_l2": {"uk": "розв'язок зі штрафом L2", "en": "solution with the L2 penalty"},
    "w_diamond": {"uk": "‖w‖₁ = ‖w_L1‖₁", "en": "‖w‖₁ = ‖w_L1‖₁"},
    "w_circle": {"uk": "‖w‖₂ = ‖w_L2‖₂", "en": "‖w‖₂ = ‖w_L2‖₂"},
    "w_level": {"uk": "лінія рівня функції втрат", "en": "level line of the loss"},
    # ---- the unit_balls readout
    "w_yes": {"uk": "так", "en": "yes"},
    "w_no": {"uk": "ні", "en": "no"},
    "w_readout_balls": {
        "uk": "<b>Куля</b>: p = {p}; одинична куля опукла: {convex}; середини випадкових пар точок сфери поза кулею: "
              "{viol} з {pairs} пар.<br>"
              "<b>Регуляризація</b>, λ = {lam}: штраф L1 (λ‖w‖₁) дає w = {w_l1}, точний нуль: {l1_zero}; "
              "штраф L2 ((λ/2)‖w‖²) дає w = {w_l2}, точний нуль: {l2_zero}. Мінімум без штрафу c = {c}.",
        "en": "<b>Ball</b>: p = {p}; the unit ball is convex: {convex}; midpoints of random pairs of sphere points "
              "outside the ball: {viol} of {pairs} pairs.<br>"
              "<b>Regularization</b>, λ = {lam}: the L1 penalty (λ‖w‖₁) gives w = {w_l1}, exact zero: {l1_zero}; "
              "the L2 penalty ((λ/2)‖w‖²) gives w = {w_l2}, exact zero: {l2_zero}. Unpenalized minimum c = {c}."},
    # ---- outlier lines
    "w_shift": {"uk": "зсув точки (у σ цілі)", "en": "shift of the point (target sd)"},
    "w_lines_title": {"uk": "Діабет: МНК і метод найменших модулів, одна точка зсунута",
                      "en": "Diabetes: least squares and least absolute deviations, one point moved"},
    "w_bmi": {"uk": "індекс маси тіла (ІМТ), кг/м²", "en": "body mass index (BMI), kg/m²"},
    "w_target": {"uk": "прогресування хвороби за рік", "en": "disease progression after one year"},
    "w_data": {"uk": "пацієнти (40 з 442)", "en": "patients (40 of 442)"},
    "w_moved": {"uk": "зсунута точка", "en": "moved point"},
    "w_original": {"uk": "її початкове місце", "en": "its original place"},
    "w_ls": {"uk": "МНК (сума квадратів)", "en": "least squares (sum of squares)"},
    "w_lad": {"uk": "МНМ (сума модулів)", "en": "least absolute deviations"},
    "w_ls0": {"uk": "МНК без зсуву", "en": "least squares, no shift"},
    "w_lad0": {"uk": "МНМ без зсуву", "en": "least absolute deviations, no shift"},
    "w_mean": {"uk": "середнє y", "en": "mean of y"},
    "w_median": {"uk": "медіана y", "en": "median of y"},
    "w_moved_value": {"uk": "y = {y:.0f}", "en": "y = {y:.0f}"},
    "w_readout_lines": {
        "uk": "Точка з найбільшим ІМТ ({x:.1f} кг/м²) зсунута на {shift} σ цілі: y = {y0:.0f} → {y}.<br>"
              "<b>Нахил МНК</b> (метод найменших квадратів): {ls} (без зсуву {ls0}, зміна {d_ls}); "
              "<b>нахил МНМ</b> (метод найменших модулів): {lad} (без зсуву {lad0}, зміна {d_lad}).<br>"
              "Середнє y: {mean} (без зсуву {mean0}); медіана y: {median} (без зсуву {median0}).",
        "en": "The point with the largest BMI ({x:.1f} kg/m²) moved by {shift} sd: y = {y0:.0f} → {y}.<br>"
              "<b>Least-squares slope</b>: {ls} (no shift {ls0}, change {d_ls}); "
              "<b>least-absolute-deviations slope</b>: {lad} (no shift {lad0}, change {d_lad}).<br>"
              "Mean of y: {mean} (no shift {mean0}); median of y: {median} (no shift {median0})."},
})

#: the p of the static figure of unit balls (inf: the max norm); p < 1 is the one drawn dashed
BALL_PS = (0.5, 1.0, 1.5, 2.0, 4.0, np.inf)
BALL_COLORS = {0.5: "#CC79A7", 1.0: "#D55E00", 1.5: "#E69F00", 2.0: "#0072B2", 4.0: "#009E73", np.inf: "#555555"}
L1_COLOR = "#D55E00"
L2_COLOR = "#0072B2"
LS_COLOR = "#0072B2"
LAD_COLOR = "#D55E00"
MOVED_COLOR = "#CC0000"
POINT_COLOR = "#777777"
IMAGE_COLOR = "#009E73"


def _t(key: str, lang: str | None, **fmt) -> str:
    return LABELS(key, lang=lang, **fmt)


def _p_text(p: float) -> str:
    return "∞" if np.isinf(p) else f"{p:g}"


# ----------------------------------------------------------------------------------------- geometry
def ball_boundary(p: float, n: int = 400) -> np.ndarray:
    """The unit :math:`L_p` circle, ``(n, 2)`` closed polyline."""
    return lp_unit_circle(float(p), n)


def diamond(r: float) -> np.ndarray:
    """The :math:`L_1` sphere :math:`|w_1| + |w_2| = r`, a closed polyline of 5 points."""
    r = float(r)
    return np.array([[r, 0.0], [0.0, r], [-r, 0.0], [0.0, -r], [r, 0.0]])


_TH = np.linspace(0.0, 2.0 * np.pi, 181)
_CIRCLE = np.column_stack([np.cos(_TH), np.sin(_TH)])


def circle(r: float) -> np.ndarray:
    """The :math:`L_2` sphere of radius ``r``, a closed polyline of 181 points."""
    return float(r) * _CIRCLE


def level_ellipse(A, c, w) -> np.ndarray:
    r"""The level line :math:`\frac12 (v - c)^\top A (v - c) = q(w)` through ``w``: the ellipse
    :math:`c + \sqrt{2 q(w)}\; V \Lambda^{-1/2} (\cos\theta, \sin\theta)` (181 points, closed; a single point when
    ``w = c``)."""
    lam, V = np.linalg.eigh(np.asarray(A, dtype=float))
    q = float(maths.quadratic_2d(A, c, w))
    return np.asarray(c, dtype=float) + np.sqrt(2.0 * max(q, 0.0)) * _CIRCLE @ (V / np.sqrt(lam)).T


def shown_y(y: float, ylim) -> tuple:
    """``(y_shown, marker)``: ``y`` inside the limits with marker ``"D"``, else clipped just inside the edge with
    ``"^"`` (above) or ``"v"`` (below)."""
    y0, y1 = ylim
    pad = 0.025 * (y1 - y0)
    if y > y1:
        return y1 - pad, "^"
    if y < y0:
        return y0 + pad, "v"
    return float(y), "D"


def _style_square(ax, xlim, ylim, xlabel, ylabel):
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal", adjustable="box")
    ax.axhline(0, color="#cccccc", lw=0.7, zorder=0)
    ax.axvline(0, color="#cccccc", lw=0.7, zorder=0)
    ax.set_xlabel(xlabel, fontsize=9)
    ax.set_ylabel(ylabel, fontsize=9, labelpad=1)
    ax.tick_params(labelsize=7.5)


# ----------------------------------------------------------------------------------------- static: unit balls
def plot_unit_balls(ax, ps=BALL_PS, lang: str | None = None) -> list:
    """The unit circles of every ``p`` in ``ps`` on ``ax`` (the non-convex ones, p < 1, dashed); returns the lines."""
    lines = []
    for p in ps:
        P = ball_boundary(p, 1441)
        key = "f_ball_p_nonconvex" if p < 1 else "f_ball_p"
        lines.append(ax.plot(P[:, 0], P[:, 1], ls="--" if p < 1 else "-", lw=1.8,
                             color=BALL_COLORS.get(p, "black"), label=_t(key, lang, p=_p_text(p)))[0])
    return lines


def unit_balls_figure(ps=BALL_PS, lang: str | None = None) -> Figure:
    """One axes with the unit balls of :data:`BALL_PS` and a legend outside on the right."""
    fig = new_figure((6.4, 4.6), 100)
    ax = fig.add_axes((0.1, 0.11, 0.52, 0.78))
    _style_square(ax, (-1.25, 1.25), (-1.25, 1.25), _t("w_x1", lang), _t("w_x2", lang))
    plot_unit_balls(ax, ps, lang)
    ax.grid(True, color="#eeeeee", lw=0.6)
    ax.set_axisbelow(True)
    ax.set_title(_t("f_balls_title", lang), fontsize=10)
    ax.legend(loc="center left", bbox_to_anchor=(1.03, 0.5), fontsize=8.5, frameon=False)
    return fig


# ----------------------------------------------------------------------------------------- views
class BallsView(BlitView):
    """Left: the unit :math:`L_p` ball's boundary, a fixed cloud of ``points``, their images ``x / ‖x‖_p`` on the
    boundary joined to them by thin segments. Right: the loss :math:`\\frac12 (w - c)^\\top A (w - c)` with its
    minimum ``c``; the L1-penalized solution with the diamond through it and the loss level line through it, the
    L2-penalized solution with its circle and level line.

    Animated: ``ball``, ``segments`` (LineCollection), ``images``, ``ball_title``; ``diamond``, ``ellipse_l1``,
    ``sol_l1``, ``circle``, ``ellipse_l2``, ``sol_l2``, ``pen_title``. Axis limits fixed."""

    def __init__(self, points, A, c, fig: Figure | None = None, lang: str | None = None, ball_lim: float = 2.2,
                 pen_xlim=(-1.3, 3.1), pen_ylim=(-1.6, 2.8)):
        fig = fig if fig is not None else new_figure((9.6, 5.2), 90)
        super().__init__(fig)
        self.A, self.c = np.asarray(A, dtype=float), np.asarray(c, dtype=float)
        gs = fig.add_gridspec(1, 2, left=0.065, right=0.985, bottom=0.25, top=0.9, wspace=0.2)
        self.ax_ball, self.ax_pen = fig.add_subplot(gs[0]), fig.add_subplot(gs[1])
        a = self.animate
        # ---- left
        ax = self.ax_ball
        _style_square(ax, (-ball_lim, ball_lim), (-ball_lim, ball_lim), _t("w_x1", lang), _t("w_x2", lang))
        ax.set_title(_t("w_ball_title", lang), fontsize=9.5, pad=17)
        self.points = np.asarray(points, dtype=float)
        cloud = _points(ax, 3, marker="o", ms=4, mfc=POINT_COLOR, mec="none", alpha=0.8)
        _set_points(cloud, self.points)
        self.segments = a(LineCollection([], colors=POINT_COLOR, linewidths=0.6, alpha=0.6, zorder=2))
        ax.add_collection(self.segments, autolim=False)
        self.ball = a(ax.plot([], [], "-", color="black", lw=1.8, zorder=4)[0])
        self.images = a(_points(ax, 5, marker="o", ms=4.5, mfc=IMAGE_COLOR, mec="black", mew=0.5))
        self.ball_title = a(ax.text(0.5, 1.012, "", transform=ax.transAxes, ha="center", va="bottom", fontsize=9,
                                   color="#333333"))
        ax.legend(handles=[Line2D([], [], color="black", lw=1.8, label=_t("w_boundary", lang)),
                           Line2D([], [], ls="none", marker="o", ms=4, mfc=POINT_COLOR, mec="none",
                                  label=_t("w_points", lang)),
                           Line2D([], [], ls="none", marker="o", ms=4.5, mfc=IMAGE_COLOR, mec="black", mew=0.5,
                                  label=_t("w_images", lang))],
                  loc="upper center", bbox_to_anchor=(0.5, -0.11), fontsize=7.5, frameon=False)
        # ---- right
        ax = self.ax_pen
        _style_square(ax, pen_xlim, pen_ylim, _t("w_w1", lang), _t("w_w2", lang))
        ax.set_title(_t("w_pen_title", lang), fontsize=9.5, pad=17)
        ax.plot([self.c[0]], [self.c[1]], ls="none", marker="*", ms=13, color="#F0E442", mec="black", zorder=6)
        self.diamond = a(ax.plot([], [], "-", color=L1_COLOR, lw=1.3, alpha=0.9, zorder=3)[0])
        self.circle = a(ax.plot([], [], "-", color=L2_COLOR, lw=1.3, alpha=0.9, zorder=3)[0])
        self.ellipse_l1 = a(ax.plot([], [], ":", color=L1_COLOR, lw=1.4, zorder=2)[0])
        self.ellipse_l2 = a(ax.plot([], [], ":", color=L2_COLOR, lw=1.4, zorder=2)[0])
        self.sol_l1 = a(_points(ax, 7, marker="o", ms=8, mfc=L1_COLOR, mec="black"))
        self.sol_l2 = a(_points(ax, 7, marker="s", ms=7, mfc=L2_COLOR, mec="black"))
        self.pen_title = a(ax.text(0.5, 1.012, "", transform=ax.transAxes, ha="center", va="bottom", fontsize=9,
                                   color="#333333"))
        ax.legend(handles=[Line2D([], [], ls="none", marker="*", ms=11, color="#F0E442", mec="black",
                                  label=_t("w_minimum", lang)),
                           Line2D([], [], ls="none", marker="o", ms=7, mfc=L1_COLOR, mec="black",
                                  label=_t("w_sol_l1", lang)),
                           Line2D([], [], ls="none", marker="s", ms=6, mfc=L2_COLOR, mec="black",
                                  label=_t("w_sol_l2", lang)),
                           Line2D([], [], color=L1_COLOR, lw=1.3, label=_t("w_diamond", lang)),
                           Line2D([], [], color=L2_COLOR, lw=1.3, label=_t("w_circle", lang)),
                           Line2D([], [], color="#555555", ls=":", lw=1.4, label=_t("w_level", lang))],
                  loc="upper center", bbox_to_anchor=(0.5, -0.11), ncol=2, fontsize=7.5, frameon=False)
        self._overlay = [*self.ax_ball.spines.values(), *self.ax_pen.spines.values()]

    def update_ball(self, p: float, images, title: str) -> None:
        """Boundary of the unit :math:`L_p` ball, the normalized ``images`` of the cloud and the segments to them."""
        P = ball_boundary(p)
        self.ball.set_data(P[:, 0], P[:, 1])
        images = np.asarray(images, dtype=float)
        _set_points(self.images, images)
        self.segments.set_segments(np.stack([self.points, images], axis=1))
        self.ball_title.set_text(title)

    def update_penalty(self, w_l1, w_l2, title: str) -> None:
        """The L1 and L2 solutions, the diamond / circle through them and the loss level lines through them."""
        w_l1, w_l2 = np.asarray(w_l1, dtype=float), np.asarray(w_l2, dtype=float)
        D = diamond(np.abs(w_l1).sum())
        self.diamond.set_data(D[:, 0], D[:, 1])
        C = circle(np.linalg.norm(w_l2))
        self.circle.set_data(C[:, 0], C[:, 1])
        E1, E2 = level_ellipse(self.A, self.c, w_l1), level_ellipse(self.A, self.c, w_l2)
        self.ellipse_l1.set_data(E1[:, 0], E1[:, 1])
        self.ellipse_l2.set_data(E2[:, 0], E2[:, 1])
        _set_points(self.sol_l1, w_l1)
        _set_points(self.sol_l2, w_l2)
        self.pen_title.set_text(title)


class LinesView(BlitView):
    """A scatter of ``(x, y)`` (static), the moved point ``moved_index`` (animated; clipped to the axis with a ▲/▼
    marker and its value written when it leaves the plot) and its original place (hollow), the least-squares and
    least-absolute-deviations lines (animated) with their no-shift versions (static, thin dashed), and the mean and
    the median of y as dotted horizontal lines (animated).

    Animated: ``moved``, ``moved_text``, ``ls_line``, ``lad_line``, ``mean_line``, ``median_line``."""

    def __init__(self, x, y, moved_index: int, ls0, lad0, fig: Figure | None = None, lang: str | None = None,
                 ylim=(-60.0, 440.0)):
        fig = fig if fig is not None else new_figure((9.6, 4.4), 90)
        super().__init__(fig)
        self.x, self.y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        self.i = int(moved_index)
        ax = self.ax = fig.add_axes((0.075, 0.12, 0.6, 0.8))
        x0, x1 = float(self.x.min()), float(self.x.max())
        pad = 0.05 * (x1 - x0)
        self.xlim = (x0 - pad, x1 + pad)
        self.ylim = tuple(float(v) for v in ylim)
        ax.set_xlim(*self.xlim)
        ax.set_ylim(*self.ylim)
        ax.set_xlabel(_t("w_bmi", lang), fontsize=9)
        ax.set_ylabel(_t("w_target", lang), fontsize=9)
        ax.set_title(_t("w_lines_title", lang), fontsize=9.5)
        ax.tick_params(labelsize=7.5)
        ax.grid(True, color="#eeeeee", lw=0.6)
        ax.set_axisbelow(True)
        rest = np.delete(np.column_stack([self.x, self.y]), self.i, axis=0)
        _set_points(_points(ax, 3, marker="o", ms=4.5, mfc=POINT_COLOR, mec="none", alpha=0.75), rest)
        _set_points(_points(ax, 3, marker="D", ms=8, mfc="none", mec=MOVED_COLOR, mew=1.0, alpha=0.7),
                    [self.x[self.i], self.y[self.i]])
        self._xs = np.array(self.xlim)
        for (slope, icpt), color in ((ls0, LS_COLOR), (lad0, LAD_COLOR)):
            ax.plot(self._xs, slope * self._xs + icpt, "--", color=color, lw=1.0, alpha=0.55, zorder=2)
        a = self.animate
        self.mean_line = a(ax.plot(self._xs, [0, 0], ":", color=LS_COLOR, lw=1.3, zorder=2)[0])
        self.median_line = a(ax.plot(self._xs, [0, 0], ":", color=LAD_COLOR, lw=1.3, zorder=2)[0])
        self.ls_line = a(ax.plot([], [], "-", color=LS_COLOR, lw=2.0, zorder=4)[0])
        self.lad_line = a(ax.plot([], [], "-", color=LAD_COLOR, lw=2.0, zorder=4)[0])
        self.moved = a(_points(ax, 6, marker="D", ms=9, mfc=MOVED_COLOR, mec="black"))
        self.moved_text = a(ax.text(0, 0, "", ha="right", va="center", fontsize=8, color=MOVED_COLOR, zorder=7,
                                    bbox=dict(fc="white", ec="none", alpha=0.85, pad=1.0)))
        handles = [Line2D([], [], ls="none", marker="o", ms=4.5, mfc=POINT_COLOR, mec="none", label=_t("w_data", lang)),
                   Line2D([], [], ls="none", marker="D", ms=8, mfc=MOVED_COLOR, mec="black", label=_t("w_moved", lang)),
                   Line2D([], [], ls="none", marker="D", ms=8, mfc="none", mec=MOVED_COLOR,
                          label=_t("w_original", lang)),
                   Line2D([], [], color=LS_COLOR, lw=2.0, label=_t("w_ls", lang)),
                   Line2D([], [], color=LAD_COLOR, lw=2.0, label=_t("w_lad", lang)),
                   Line2D([], [], color=LS_COLOR, ls="--", lw=1.0, alpha=0.55, label=_t("w_ls0", lang)),
                   Line2D([], [], color=LAD_COLOR, ls="--", lw=1.0, alpha=0.55, label=_t("w_lad0", lang)),
                   Line2D([], [], color=LS_COLOR, ls=":", lw=1.3, label=_t("w_mean", lang)),
                   Line2D([], [], color=LAD_COLOR, ls=":", lw=1.3, label=_t("w_median", lang))]
        fig.legend(handles=handles, loc="center left", bbox_to_anchor=(0.69, 0.52), fontsize=8, frameon=False)
        self._overlay = list(ax.spines.values())

    def update(self, y_moved: float, ls, lad, mean: float, median: float, value_text: str, draw: bool = True):
        """The moved point at ``y_moved``; the lines ``ls`` and ``lad`` (slope, intercept); mean and median of y."""
        ys, marker = shown_y(float(y_moved), self.ylim)
        if self.moved.get_marker() != marker:
            self.moved.set_marker(marker)
        xi = float(self.x[self.i])
        _set_points(self.moved, [xi, ys])
        self.moved_text.set_position((xi - 0.012 * (self.xlim[1] - self.xlim[0]), ys))
        self.moved_text.set_text(value_text if marker != "D" else "")
        for line, (slope, icpt) in ((self.ls_line, ls), (self.lad_line, lad)):
            line.set_data(self._xs, slope * self._xs + icpt)
        self.mean_line.set_ydata([mean, mean])
        self.median_line.set_ydata([median, median])
        if draw:
            self.refresh()
