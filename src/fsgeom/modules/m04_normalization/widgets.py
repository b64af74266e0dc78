r"""Module 04 widgets: unit balls, normalization onto them and what the L1 / L2 penalties do to a 2-D loss
(:func:`unit_balls`); least squares against least absolute deviations on real diabetes data with one point moved
(:func:`outlier_lines`). One call each; see :class:`fsgeom.widgets.CourseWidget` for what they return.

The fixed loss of the penalty panel is :math:`\frac12 (w - c)^\top A (w - c)` with :data:`PEN_A`, :data:`PEN_C`:
the L1 solution (:func:`.maths.lasso_2d`) is interior for :math:`\lambda < 1.43`, sits on the corner
:math:`w_2 = 0` (an exact zero) for :math:`1.43 \le \lambda < 2.42` and is the origin from
:math:`\lambda = (Ac)_1 = 2.42` on; the L2 solution (:func:`.maths.ridge_2d`) never has a zero coordinate.
"""
from __future__ import annotations

from functools import lru_cache

import ipywidgets as W
import numpy as np

from ...i18n import language
from ...widgets import CourseWidget, course_widget, slider as _slider, span as _span, widget_figure as _figure
from . import data, maths, plots

__all__ = ["CLOUD_SEED", "CLOUD_SIZE", "cloud", "VIOLATION_PAIRS", "violations", "PEN_A", "PEN_C", "LAM_MAX",
           "penalty_solutions", "LINES_FEATURE", "LINES_SEED", "LINES_N", "lines_data", "unit_balls",
           "outlier_lines"]

#: the fixed point cloud of the left panel: CLOUD_SIZE Gaussian points (sd 0.9) drawn with CLOUD_SEED
CLOUD_SEED = 10
CLOUD_SIZE = 30
#: random pairs of sphere points in the convexity readout (:func:`.maths.convexity_violations`)
VIOLATION_PAIRS = 2000
#: the fixed loss 1/2 (w - c)^T A (w - c) of the penalty panel (eigenvalues 0.39 and 1.81)
PEN_A = np.array([[1.0, 0.7], [0.7, 1.2]])
PEN_C = np.array([2.0, 0.6])
for _a in (PEN_A, PEN_C):
    _a.setflags(write=False)
#: the end of the λ slider (above (Ac)_1 = 2.42 the L1 solution is 0)
LAM_MAX = 3.0


@lru_cache(maxsize=1)
def cloud() -> np.ndarray:
    """The ``(CLOUD_SIZE, 2)`` point cloud of :func:`unit_balls` (seeded, read-only)."""
    P = np.random.default_rng(CLOUD_SEED).normal(scale=0.9, size=(CLOUD_SIZE, 2))
    P.setflags(write=False)
    return P


@lru_cache(maxsize=128)
def _violations(p2: float) -> float:
    return maths.convexity_violations(p2, n_pairs=VIOLATION_PAIRS)


def violations(p: float) -> float:
    """Share of :data:`VIOLATION_PAIRS` random pairs on the unit :math:`L_p` sphere whose midpoint lies outside the
    ball (:func:`.maths.convexity_violations`, seed 0), cached per ``round(p, 2)``."""
    return _violations(round(float(p), 2))


def penalty_solutions(lam: float, A=PEN_A, c=PEN_C):
    """``(w_l1, w_l2)``: the minimizers of the loss plus :math:`\\lambda\\lVert w\\rVert_1` and plus
    :math:`\\frac{\\lambda}{2}\\lVert w\\rVert^2` (:func:`.maths.lasso_2d`, :func:`.maths.ridge_2d`)."""
    return (np.asarray(maths.lasso_2d(A, c, float(lam)), dtype=float),
            np.asarray(maths.ridge_2d(A, c, float(lam)), dtype=float))


def _vec(w) -> str:
    return "(" + ", ".join(f"{v:.3f}" for v in np.asarray(w, dtype=float)) + ")"


@course_widget
def unit_balls(p: float = 1.0, lam: float = 1.0, backend: str | None = None, lang: str | None = None) -> CourseWidget:
    """Left: the unit :math:`L_p` ball's boundary, a fixed cloud of 30 points (:func:`cloud`) and their images after
    :math:`L_p` normalization (:func:`.maths.lp_normalize`) joined to them. Right: the loss
    :math:`\\frac12 (w - c)^\\top A (w - c)` (:data:`PEN_A`, :data:`PEN_C`) with the L1-penalized solution, the
    diamond and the level line through it, and the L2-penalized one with its circle and level line.

    Controls: ``p`` (FloatSlider 0.5..4, step 0.1), ``lam`` (FloatSlider 0..3, step 0.05). Readout / ``numbers``:
    ``p``, ``lam``, ``convex`` (p >= 1), ``violations`` (:func:`violations`), ``w_l1``, ``w_l2``, ``l1_zero``,
    ``l2_zero`` (a coordinate exactly 0.0), ``images``.
    """
    lang = lang or language()
    P = cloud()
    fig, fw, mode = _figure((9.6, 5.2), 90, backend)
    view = plots.BallsView(P, PEN_A, PEN_C, fig=fig, lang=lang)
    controls = {
        "p": _slider(W.FloatSlider, float(p), 0.5, 4.0, 0.1, plots.LABELS("w_p", lang=lang), readout_format=".1f"),
        "lam": _slider(W.FloatSlider, float(lam), 0.0, LAM_MAX, 0.05, plots.LABELS("w_lam", lang=lang),
                       readout_format=".2f"),
    }
    readout = W.HTML()
    w = CourseWidget("unit_balls", controls, view, readout, fw, mode)
    yes, no = plots.LABELS("w_yes", lang=lang), plots.LABELS("w_no", lang=lang)

    def update(change):
        pp = round(float(controls["p"].value), 2)
        ll = round(float(controls["lam"].value), 4)
        images = maths.lp_normalize(P, pp)
        convex = bool(pp >= 1.0)
        viol = violations(pp)
        w_l1, w_l2 = penalty_solutions(ll)
        l1_zero, l2_zero = bool(np.any(w_l1 == 0.0)), bool(np.any(w_l2 == 0.0))
        w.numbers = {"p": pp, "lam": ll, "convex": convex, "violations": viol, "w_l1": w_l1, "w_l2": w_l2,
                     "l1_zero": l1_zero, "l2_zero": l2_zero, "images": images}
        readout.value = plots.LABELS(
            "w_readout_balls", lang=lang, p=_span("p", f"{pp:.1f}"), convex=_span("convex", yes if convex else no),
            viol=_span("violations", f"{100 * viol:.1f} %"), pairs=VIOLATION_PAIRS, lam=_span("lam", f"{ll:.2f}"),
            w_l1=_span("w-l1", _vec(w_l1)), l1_zero=_span("l1-zero", yes if l1_zero else no),
            w_l2=_span("w-l2", _vec(w_l2)), l2_zero=_span("l2-zero", yes if l2_zero else no), c=_vec(PEN_C))
        view.update_ball(pp, images, plots.LABELS("w_ball_state", lang=lang, p=pp, convex=plots.LABELS(
            "w_convex" if convex else "w_not_convex", lang=lang)))
        view.update_penalty(w_l1, w_l2, plots.LABELS("w_pen_state", lang=lang, lam=ll))
        view.refresh()

    w._connect(update)
    return w


# ----------------------------------------------------------------------------------------- outlier lines
#: the feature (raw units, kg/m²) and the subsample of :func:`outlier_lines`: LINES_N of the 442 patients drawn
#: without replacement with ``default_rng(LINES_SEED)``, sorted; the moved point is the subsample's largest BMI
#: (patient 366 of the data set: BMI 39.1, y = 233)
LINES_FEATURE = "bmi"
LINES_SEED = 0
LINES_N = 40


@lru_cache(maxsize=1)
def lines_data():
    """``(x, y, i, sd, rows)``: BMI and the target of the subsample (read-only), the index ``i`` of the moved point
    in it (largest BMI), the target's sd in the subsample (the unit of the shift), the rows in the data set."""
    raw, _, names, target = data.load_diabetes_both()
    rows = np.sort(np.random.default_rng(LINES_SEED).choice(raw.shape[0], LINES_N, replace=False))
    x = raw[rows, list(names).index(LINES_FEATURE)].astype(float)
    y = target[rows].astype(float)
    for a in (x, y, rows):
        a.setflags(write=False)
    return x, y, int(np.argmax(x)), float(y.std()), rows


def _signed(v: float, fmt: str = ".2f") -> str:
    return f"{v:+{fmt}}".replace("-", "−")


@course_widget
def outlier_lines(shift: float = 0.0, backend: str | None = None, lang: str | None = None) -> CourseWidget:
    """Diabetes (40 patients, :func:`lines_data`): disease progression against BMI, the least-squares line
    (:func:`.maths.ls_line`) and the least-absolute-deviations line (:func:`.maths.lad_line`) refitted while the
    point with the largest BMI is moved by ``shift`` target standard deviations.

    Control: ``shift`` (FloatSlider −10..10, step 0.5). Readout / ``numbers``: ``shift``, ``y_moved``, ``ls`` and
    ``lad`` (slope, intercept) now, ``ls0`` and ``lad0`` at shift 0, ``mean`` / ``median`` of y (and ``mean0`` /
    ``median0`` at shift 0).
    """
    lang = lang or language()
    x, y, i, sd, _ = lines_data()
    ls0, lad0 = maths.ls_line(x, y), maths.lad_line(x, y)
    mean0, median0 = float(np.mean(y)), float(np.median(y))
    fig, fw, mode = _figure((9.6, 4.4), 90, backend)
    view = plots.LinesView(x, y, i, ls0, lad0, fig=fig, lang=lang)
    controls = {"shift": _slider(W.FloatSlider, float(shift), -10.0, 10.0, 0.5, plots.LABELS("w_shift", lang=lang),
                                 readout_format=".1f")}
    readout = W.HTML()
    w = CourseWidget("outlier_lines", controls, view, readout, fw, mode)
    f2 = lambda v: f"{v:.2f}"  # noqa: E731
    f1 = lambda v: f"{v:.1f}"  # noqa: E731

    def update(change):
        s = float(controls["shift"].value)
        yy = np.array(y)
        yy[i] += s * sd
        ls, lad = maths.ls_line(x, yy), maths.lad_line(x, yy)
        mean, median = float(np.mean(yy)), float(np.median(yy))
        w.numbers = {"shift": s, "y_moved": float(yy[i]), "ls": ls, "lad": lad, "ls0": ls0, "lad0": lad0,
                     "mean": mean, "median": median, "mean0": mean0, "median0": median0}
        readout.value = plots.LABELS(
            "w_readout_lines", lang=lang, x=float(x[i]), shift=_span("shift", f"{s:+.1f}".replace("-", "−")),
            y0=float(y[i]), y=_span("y-moved", f"{yy[i]:.0f}".replace("-", "−")),
            ls=_span("ls-slope", f2(ls[0])), ls0=_span("ls0-slope", f2(ls0[0])),
            d_ls=_span("ls-change", _signed(ls[0] - ls0[0])),
            lad=_span("lad-slope", f2(lad[0])), lad0=_span("lad0-slope", f2(lad0[0])),
            d_lad=_span("lad-change", _signed(lad[0] - lad0[0])),
            mean=_span("mean", f1(mean)), mean0=f1(mean0), median=_span("median", f1(median)), median0=f1(median0))
        view.update(yy[i], ls, lad, mean, median, plots.LABELS("w_moved_value", lang=lang, y=yy[i]))

    w._connect(update)
    return w
