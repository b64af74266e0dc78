"""Module 06 figures for the README and static viewers (``./course figures``): each function takes the language and
returns a matplotlib Figure drawn by the same code as the widgets, so the PNGs match what students see.

* ``06-pca-units``: the :func:`.widgets.pca_units` widget with proline in g/L (factor 10⁻³), raw: the first principal
  component has turned 88.5° from proline to magnesium (explained variance ratio 0.909);
* ``06-svm-margin``: the :func:`.widgets.svm_margin` widget at its defaults (proline in mg/L, C = 1, raw): proline's
  weight is tiny (−0.0053) yet its |wⱼ|·σⱼ is the largest;
* ``06-norm-axes``: which cells (sample, channel) share one mean and variance in batch, layer, instance and group
  normalization (:func:`.plots.norm_axes_figure`).
"""
from __future__ import annotations

from ...figures import course_figure
from . import plots


@course_figure("pca-units")
def pca_units_fig(lang):
    from .widgets import pca_units
    return pca_units(factor=1e-3, standardize=False, backend="agg", lang=lang).view.fig


@course_figure("svm-margin")
def svm_margin_fig(lang):
    from .widgets import svm_margin
    return svm_margin(backend="agg", lang=lang).view.fig


@course_figure("norm-axes")
def norm_axes_fig(lang):
    return plots.norm_axes_figure(lang=lang)


__all__ = ["pca_units_fig", "svm_margin_fig", "norm_axes_fig"]
