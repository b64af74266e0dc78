"""Module 05 figures for the README and static viewers (``./course figures``): each function takes the language and
returns a matplotlib Figure drawn by the same code as the widgets, so the PNGs match what students see.

* ``05-lambda-explorer``: the :func:`.widgets.lambda_explorer` widget on breast_cancer "area error", Box–Cox, at λ̂
  rounded to the slider step (−0.45);
* ``05-yeo-johnson-units``: Yeo–Johnson's profile log-likelihood for "fractal dimension error" × 1, × 10, × 1000,
  × 10⁴ (λ̂ ≈ −279.8, −28.7, −0.68, −0.35) against Box–Cox's λ̂ = −0.31, the same for every scale;
* ``05-density-change``: the :func:`.widgets.density_change` widget at g = log (f_Y is exactly N(0.7, 0.5²)).
"""
from __future__ import annotations

from ...figures import course_figure
from . import data, plots


@course_figure("lambda-explorer")
def lambda_explorer_fig(lang):
    from .widgets import lambda_explorer
    return lambda_explorer(data="area_error", method="box-cox", backend="agg", lang=lang).view.fig


@course_figure("yeo-johnson-units")
def yeo_johnson_units(lang):
    return plots.yj_units_figure(data.dataset("fractal_dimension_error"), lang=lang)


@course_figure("density-change")
def density_change_fig(lang):
    from .widgets import density_change
    return density_change(g="log", backend="agg", lang=lang).view.fig


__all__ = ["lambda_explorer_fig", "yeo_johnson_units", "density_change_fig"]
