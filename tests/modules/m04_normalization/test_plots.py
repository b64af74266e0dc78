"""Module 04 plot pieces, headless (Agg): the geometry helpers give what they claim, the views update their artists
in place and a blitted frame equals a full redraw, the figure makers return figures in both languages."""
from __future__ import annotations

import re

import numpy as np
import pytest
from matplotlib.figure import Figure

from fsgeom.modules.m04_normalization import figures, maths, plots, widgets


def _pixels(fig) -> np.ndarray:
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_labels_have_both_languages_and_differ():
    assert all(set(e) == {"uk", "en"} for e in plots.LABELS.table.values())
    long = [k for k, e in plots.LABELS.table.items() if re.search("[A-Za-z]{4}", e["en"])]   # words, not formulas
    assert long and all(plots.LABELS.table[k]["uk"] != plots.LABELS.table[k]["en"] for k in long)


@pytest.mark.parametrize("p", [0.5, 1.0, 1.7, 2.0, 4.0, np.inf])
def test_ball_boundary_on_the_unit_sphere(p):
    B = plots.ball_boundary(p)
    np.testing.assert_allclose(maths.lp_norms(B, p), 1.0, rtol=1e-10)
    np.testing.assert_allclose(B[0], B[-1], atol=1e-12)


def test_diamond_circle_and_level_ellipse():
    np.testing.assert_allclose(np.abs(plots.diamond(0.7)).sum(axis=1), 0.7)
    np.testing.assert_allclose(np.linalg.norm(plots.circle(1.3), axis=1), 1.3)
    rng = np.random.default_rng(0)
    M = rng.normal(size=(2, 2))
    A = M @ M.T + 0.2 * np.eye(2)
    c, w = np.array([0.5, -1.0]), np.array([2.0, 0.3])
    E = plots.level_ellipse(A, c, w)
    np.testing.assert_allclose(maths.quadratic_2d(A, c, E), maths.quadratic_2d(A, c, w), rtol=1e-10)
    assert np.min(np.linalg.norm(E - w, axis=1)) < 0.1          # the line passes through w
    np.testing.assert_allclose(plots.level_ellipse(A, c, c), np.tile(c, (181, 1)))


def test_shown_y_clips_with_a_marker():
    assert plots.shown_y(10.0, (0, 100)) == (10.0, "D")
    y, m = plots.shown_y(500.0, (0, 100))
    assert m == "^" and 90 < y < 100
    y, m = plots.shown_y(-5.0, (0, 100))
    assert m == "v" and 0 < y < 10


def test_unit_balls_figure_dashes_the_non_convex_ball():
    for lang in ("uk", "en"):
        fig = plots.unit_balls_figure(lang=lang)
        ax = fig.axes[0]
        lines = [ln for ln in ax.get_lines() if ln.get_label().startswith("p =")]
        assert len(lines) == len(plots.BALL_PS)
        styles = {ln.get_label(): ln.get_linestyle() for ln in lines}
        dashed = [k for k, v in styles.items() if v == "--"]
        assert len(dashed) == 1 and dashed[0].startswith("p = 0.5")
        assert "p = ∞" in styles
        assert ax.get_legend() is not None


def test_balls_view_blit_equals_full_redraw():
    P = widgets.cloud()
    view = plots.BallsView(P, widgets.PEN_A, widgets.PEN_C, lang="en")
    view.fig.canvas.draw()
    artists = {id(a) for a in view.fig.findobj()}
    w1, w2 = widgets.penalty_solutions(1.8)
    view.update_ball(0.7, maths.lp_normalize(P, 0.7), "t")
    view.update_penalty(w1, w2, "l")
    view.refresh()
    assert view.blits == 1 and view.full_draws == 1 and {id(a) for a in view.fig.findobj()} == artists
    np.testing.assert_allclose(view.sol_l1.get_xydata(), [w1])
    blitted = _pixels(view.fig)
    view.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(view.fig))


def test_lines_view_blit_equals_full_redraw():
    x, y, i, sd, _ = widgets.lines_data()
    view = plots.LinesView(x, y, i, maths.ls_line(x, y), maths.lad_line(x, y), lang="en")
    view.fig.canvas.draw()
    artists = {id(a) for a in view.fig.findobj()}
    yy = np.array(y)
    yy[i] += 9 * sd
    view.update(yy[i], maths.ls_line(x, yy), maths.lad_line(x, yy), yy.mean(), np.median(yy), "v")
    assert view.blits == 1 and {id(a) for a in view.fig.findobj()} == artists
    assert view.moved.get_marker() == "^" and view.moved_text.get_text() == "v"
    blitted = _pixels(view.fig)
    view.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(view.fig))


@pytest.mark.parametrize("name", ["unit-balls", "penalties", "outlier-lines"])
def test_figure_makers_in_both_languages(name):
    make = {"unit-balls": figures.unit_balls_fig, "penalties": figures.penalties,
            "outlier-lines": figures.outlier_lines_fig}[name]
    texts = {}
    for lang in ("uk", "en"):
        fig = make(lang)
        assert isinstance(fig, Figure)
        fig.canvas.draw()
        texts[lang] = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
    assert texts["uk"] != texts["en"]


def test_penalties_figure_shows_a_corner_and_outlier_figure_a_clipped_point():
    w1, w2 = widgets.penalty_solutions(figures.PENALTIES_LAM)
    assert w1[1] == 0.0 and w1[0] > 0 and np.all(w2 != 0)
    fig = figures.outlier_lines_fig("en")
    texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    x, y, i, sd, _ = widgets.lines_data()
    assert f"y = {y[i] + figures.OUTLIER_SHIFT * sd:.0f}" in texts
