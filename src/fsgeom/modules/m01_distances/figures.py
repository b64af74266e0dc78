"""Module 01 figures for the README and static viewers (``./course figures``): each function takes the
language and returns a matplotlib Figure; the same code draws the lecture's figures, so the PNGs match what
students see.

* ``01-iso-distance``: the iso-distance explorer widget's figure (raw-space Mahalanobis ellipses vs
  Euclidean circles, the same neighbourhoods after whitening with A^-1, where the cloud is the fixed Z) -- the
  README's hero image;
* ``01-age-income-knn``: kNN decision regions for the bank clients, income in $ vs k$ vs z-scored;
* ``01-unit-balls``: unit balls for p = 1, 2, inf (one colour per p), general p, and the cosine distance's cones;
* ``01-scale-distortion``: the lecture's Sigma = diag(1, 10^4): Euclidean vs Mahalanobis balls and neighbours (an
  inset magnifies the small Mahalanobis circle in z-units).
"""
from __future__ import annotations

from ...figures import course_figure
from . import plots


@course_figure("iso-distance")
def iso_distance(lang):
    from .widgets import iso_distance_explorer
    return iso_distance_explorer(backend="agg", lang=lang).view.fig


@course_figure("age-income-knn")
def age_income(lang):
    return plots.age_income_units_figure(k=5, lang=lang)


@course_figure("unit-balls")
def unit_balls(lang):
    return plots.unit_balls_figure(lang=lang)


@course_figure("scale-distortion")
def scale_distortion(lang):
    return plots.scale_distortion_figure(lang=lang)
