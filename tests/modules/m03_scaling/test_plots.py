"""Module 03 plot pieces, headless (Agg): the drawing functions draw what they claim, the views update their artists
in place and a blitted frame equals a full redraw, the figure makers return figures in both languages."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from fsgeom.modules.m03_scaling import figures, maths, plots, widgets
from fsgeom.plots import new_figure


def _ax():
    return new_figure((4, 3), 80).add_subplot(1, 1, 1)


def _pixels(fig) -> np.ndarray:
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_loss_ellipses_lie_on_their_levels():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(2, 2))
    G = A @ A.T + 0.1 * np.eye(2)
    w_star, gap0, scale = np.array([0.7, -0.4]), 0.3, 0.8
    for lv, E in zip(plots.LEVELS, plots.loss_ellipses(G, w_star / scale, gap0, scale=scale)):
        e = E * scale - w_star                                    # back to weights
        gaps = 0.5 * np.einsum("ti,ij,tj->t", e, G, e)
        np.testing.assert_allclose(gaps / gap0, lv, rtol=1e-10)


def test_plot_loss_contours_and_path_in_place():
    ax = _ax()
    G = np.diag([4.0, 1.0])
    lines = plots.plot_loss_contours(ax, G, (1.0, 0.0), 2.0)
    assert len(lines.get_segments()) == len(plots.LEVELS)
    W = np.array([[0.0, 0.0], [0.5, 0.1], [0.9, 0.05]])
    path, start, opt = plots.plot_gd_path(ax, W, w_star=np.array([2.0, 0.0]), scale=2.0)
    np.testing.assert_allclose(path.get_xydata(), W / 2)
    np.testing.assert_allclose(start.get_xydata(), [[0, 0]])
    np.testing.assert_allclose(opt.get_xydata(), [[1.0, 0.0]])
    plots.set_loss_contours(lines, np.eye(2), (0.0, 1.0), 1.0)
    assert np.allclose(np.mean(lines.get_segments()[0][:-1], axis=0), [0.0, 1.0], atol=1e-9)


def test_scaled_strip_band_is_middle_95_percent():
    ax = _ax()
    ax.set_xlim(-3, 3)
    x = np.random.default_rng(1).normal(size=400)
    art = plots.plot_scaled_strip(ax, x, x[:50], outlier=10.0, lang="en")
    lo, hi = np.quantile(x, [0.025, 0.975])
    assert art["band"].get_x() == pytest.approx(lo) and art["band"].get_width() == pytest.approx(hi - lo)
    assert art["width"].get_text().endswith(f"{hi - lo:.3f}")
    assert art["outlier"].get_marker() == ">" and art["outlier"].get_xydata()[0, 0] <= 3   # beyond: at the edge
    plots.set_scaled_strip(art, ax, x, None, 1.0, lang="en")
    assert art["outlier"].get_marker() == "D" and len(art["test"].get_xdata()) == 0
    np.testing.assert_allclose(art["outlier"].get_xydata(), [[1.0, 1.0]])


def test_gd_view_blit_equals_full_redraw():
    s = widgets.gd_study()["zscore"]
    y = widgets._target()
    view = plots.GDView(widgets.GD_FEATURES, 100, lang="en")
    view.fig.canvas.draw()
    artists = {id(a) for a in view.fig.findobj()}
    Wh = maths.gd_least_squares(s.X, y, 20)
    view.update(s.G, s.w_star, s.gap0, Wh, maths.gd_gap_curve(s.X, y, 1 / s.L, 20), "t", "w")
    assert view.blits == 1 and {id(a) for a in view.fig.findobj()} == artists
    blitted = _pixels(view.fig)
    view.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(view.fig))


def test_outlier_view_blit_equals_full_redraw():
    tr, te, sd = widgets.outlier_data()
    view = plots.OutlierView("bmi", lang="en")
    view.fig.canvas.draw()
    tf = widgets.outlier_transform(tr, te, 25.0, sd)
    widths = view.update(tf, lang="en")
    for sc, (bulk, _, _) in tf.items():
        assert widths[sc] == pytest.approx(maths.middle_interval_width(bulk))
    assert view.blits == 1
    blitted = _pixels(view.fig)
    view.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(view.fig))


@pytest.mark.parametrize("name", ["gd-loss", "loss-geometry", "outliers"])
def test_figure_makers_in_both_languages(name):
    make = {"gd-loss": figures.gd_loss, "loss-geometry": figures.loss_geometry, "outliers": figures.outliers}[name]
    texts = {}
    for lang in ("uk", "en"):
        fig = make(lang)
        assert isinstance(fig, Figure)
        fig.canvas.draw()
        texts[lang] = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
    assert texts["uk"] != texts["en"]


def test_loss_geometry_titles_quote_the_study():
    fig = figures.loss_geometry("en")
    study = widgets.gd_study()
    t_raw, t_z = (ax.get_title() for ax in fig.axes[:2])
    assert f"{study['none'].kappa:.3g}" in t_raw and "> 200 000" in t_raw
    assert f"{study['zscore'].kappa:.3g}" in t_z and f": {study['zscore'].iterations[0.5]}" in t_z
