"""Module 03 figures for the README and static viewers (``./course figures``): each function takes the language and
returns a matplotlib Figure drawn by the same code as the widgets, so the PNGs match what students see.

* ``03-gd-loss``: the gradient-descent explorer on raw wine features (proline, hue): a valley κ ≈ 2·10⁶ wide
  and long, 40 steps of 1/L that barely move along it;
* ``03-loss-geometry``: the same loss without scaling and z-scored, side by side, with 40 GD steps of 1/L each;
* ``03-outliers``: min-max, z-score and robust scaling of diabetes BMI with one training point moved 30 sd out.
"""
from __future__ import annotations

from ...figures import course_figure
from . import maths, plots
from .texts import T


@course_figure("gd-loss")
def gd_loss(lang):
    from .widgets import gd_explorer
    return gd_explorer(scaler="none", backend="agg", lang=lang).view.fig


@course_figure("loss-geometry")
def loss_geometry(lang, scalers=("none", "zscore"), steps: int = 40):
    from .widgets import GD_FEATURES, _target, gd_study
    study, y = gd_study(), _target()
    panels = []
    for sc in scalers:
        s = study[sc]
        its = s.iterations[0.5]
        panels.append(dict(G=s.G, w_star=s.w_star, gap0=s.gap0, W=maths.gd_least_squares(s.X, y, steps),
                           title=T("w_geom_title", lang=lang, scaler=T(f"w_sc_{sc}", lang=lang),
                                   kappa=f"{s.kappa:.3g}",
                                   iters=its if its is not None else "> 200 000")))
    return plots.loss_geometry_figure(panels, GD_FEATURES, lang=lang)


@course_figure("outliers")
def outliers(lang):
    from .widgets import outlier_scalers
    return outlier_scalers(k=30.0, backend="agg", lang=lang).view.fig


__all__ = ["gd_loss", "loss_geometry", "outliers"]
