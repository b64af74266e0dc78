"""Module 04 figures for the README and static viewers (``./course figures``): each function takes the language and
returns a matplotlib Figure drawn by the same code as the widgets, so the PNGs match what students see.

* ``04-unit-balls``: the unit balls of p = 0.5, 1, 1.5, 2, 4, ∞ in one axes (the non-convex p = 0.5 dashed);
* ``04-penalties``: the :func:`.widgets.unit_balls` widget at p = 1, λ = 1.8 (the L1 solution on the corner
  w₂ = 0, the L2 solution with both coordinates non-zero);
* ``04-outlier-lines``: the :func:`.widgets.outlier_lines` widget with the largest-BMI patient moved 8 sd up.
"""
from __future__ import annotations

from ...figures import course_figure
from . import plots

#: the λ of the ``penalties`` figure (the L1 solution has an exact zero for 1.43 <= λ < 2.42)
PENALTIES_LAM = 1.8
#: the shift (target sd) of the ``outlier-lines`` figure
OUTLIER_SHIFT = 8.0


@course_figure("unit-balls")
def unit_balls_fig(lang):
    return plots.unit_balls_figure(lang=lang)


@course_figure("penalties")
def penalties(lang):
    from .widgets import unit_balls
    return unit_balls(p=1.0, lam=PENALTIES_LAM, backend="agg", lang=lang).view.fig


@course_figure("outlier-lines")
def outlier_lines_fig(lang):
    from .widgets import outlier_lines
    return outlier_lines(shift=OUTLIER_SHIFT, backend="agg", lang=lang).view.fig


__all__ = ["PENALTIES_LAM", "OUTLIER_SHIFT", "unit_balls_fig", "penalties", "outlier_lines_fig"]
