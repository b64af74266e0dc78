"""Module 07 figures for the README and static viewers (``./course figures``): each function takes the language and
returns a matplotlib Figure drawn by the same code as the widgets, so the PNGs match what students see.

* ``07-training-lab``: the :func:`.widgets.training_lab` widget with L2 normalization but the ratings in raw
  stars, learning rate 0.1: a cosine cannot exceed 1, so every prediction lands at ≤ 1 star and the test RMSE stays
  at 2.571 (the floor is 2.566), far above the baselines;
* ``07-on-the-sphere``: the :func:`.widgets.on_the_sphere` widget at its default user: the top 5 items by dot
  product and by cosine similarity differ, and the long item vectors are the items with a high mean rating.
"""
from __future__ import annotations

from ...figures import course_figure


@course_figure("training-lab")
def training_lab_fig(lang):
    from .widgets import training_lab
    return training_lab(normalize=True, scale_target=False, lr=0.1, backend="agg", lang=lang).view.fig


@course_figure("on-the-sphere")
def on_the_sphere_fig(lang):
    from .widgets import on_the_sphere
    return on_the_sphere(backend="agg", lang=lang).view.fig


__all__ = ["training_lab_fig", "on_the_sphere_fig"]
