"""Module 05 plot pieces, headless (Agg): the live ticks map data to the unit axes, the views update their artists in
place and a blitted frame equals a full redraw, the Yeo–Johnson-units figure shows SciPy's λ̂ per scale, the figure
makers return figures in both languages."""
from __future__ import annotations

import re

import numpy as np
import pytest
from matplotlib.figure import Figure
from scipy import stats

from fsgeom.modules.m05_skew import data, figures, maths, plots, widgets


def _pixels(fig) -> np.ndarray:
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_labels_have_both_languages_and_differ():
    assert all(set(e) == {"uk", "en"} for e in plots.LABELS.table.values())
    long = [k for k, e in plots.LABELS.table.items() if re.search("[A-Za-z]{5}", re.sub(r"\{\w+\}", "", e["en"]))
            and not k.startswith(("d_area", "d_fractal", "g_"))]
    assert long and all(plots.LABELS.table[k]["uk"] != plots.LABELS.table[k]["en"] for k in long)
    assert all(f"d_{k}" in plots.LABELS for k in data.DATASETS) and tuple(data.DATASETS) == plots.DATA_KEYS


def test_live_ticks_map_data_to_the_unit_axis():
    view = plots.DensityView(widgets.density_sample(), 0.7, 0.5, lang="en")
    ticks = view.y_ticks.set_range(-1.3, 2.45)
    assert ticks[0] >= -1.3 and ticks[-1] <= 2.45 and len(ticks) >= 3
    np.testing.assert_allclose(view.y_ticks.to_unit([-1.3, 2.45]), [0.0, 1.0])
    shown = [t.get_text() for t in view.y_ticks.texts if t.get_text()]
    assert len(shown) == len(ticks) and all("-" not in s for s in shown)
    np.testing.assert_allclose(view.y_ticks.marks.get_xdata(), view.y_ticks.to_unit(ticks))
    assert view.ax_y.get_xlim() == (0.0, 1.0) and view.ax_y.get_ylim() == (0.0, 1.0)


def test_lambda_view_blit_equals_full_redraw():
    view = plots.LambdaView(lang="en")
    view.fig.canvas.draw()
    artists = {id(a) for a in view.fig.findobj()}
    x = data.dataset("area_error")
    lam_hat, interval, top, drop = widgets.fit("area_error", "box-cox")
    view.set_profile(widgets.LAM_GRID, drop, lam_hat, interval, "")
    y = maths.boxcox(x, 0.3)
    view.set_state((y - y.mean()) / y.std(), maths.normal_qq(y), 0.3, maths.llf(0.3, x) - top, "s")
    view.refresh()
    assert view.blits == 1 and view.full_draws == 1 and {id(a) for a in view.fig.findobj()} == artists
    assert view.current_point.get_marker() == "v"                     # ℓ drops far below the axis at λ = 0.3
    blitted = _pixels(view.fig)
    view.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(view.fig))
    view.set_invalid("msg", 1.0, "s")
    view.refresh()
    assert not view.hist.get_visible() and all(m.get_text() == "msg" for m in view.messages)
    blitted = _pixels(view.fig)
    view.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(view.fig))


def test_density_view_blit_equals_full_redraw():
    w = widgets.density_change(g="boxcox", lam=1.5, lang="en")
    view = w.view
    view.fig.canvas.draw()
    w.controls["lam"].value = -0.5
    assert view.blits >= 1
    blitted = _pixels(view.fig)
    view.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(view.fig))


def test_yeo_johnson_units_profiles_against_scipy():
    x = data.dataset("fractal_dimension_error")
    profiles, (bl, bd, b_hat) = plots.yj_units_profiles(x)
    expected = (-279.8, -28.7, -0.68, -0.35)
    for (c, lams, drop, lam_hat), want in zip(profiles, expected):
        with np.errstate(all="ignore"):
            _, ref = stats.yeojohnson(c * x)
        assert lam_hat == pytest.approx(ref, rel=1e-6, abs=1e-6) and lam_hat == pytest.approx(want, abs=0.06)
        assert lams[0] < lam_hat < lams[-1] and drop.max() <= 1e-9 and drop.max() > -0.05
        k = len(lams) // 3
        with np.errstate(all="ignore"):
            ref_drop = stats.yeojohnson_llf(lams[k], c * x) - stats.yeojohnson_llf(ref, c * x)
        assert drop[k] == pytest.approx(ref_drop, abs=1e-5 * abs(stats.yeojohnson_llf(ref, c * x)))
    assert b_hat == pytest.approx(stats.boxcox(x)[1], abs=1e-6) and b_hat == pytest.approx(-0.31, abs=0.005)
    assert bd.max() <= 1e-9


@pytest.mark.parametrize("name", ["lambda-explorer", "yeo-johnson-units", "density-change"])
def test_figure_makers_in_both_languages(name):
    make = {"lambda-explorer": figures.lambda_explorer_fig, "yeo-johnson-units": figures.yeo_johnson_units,
            "density-change": figures.density_change_fig}[name]
    texts = {}
    for lang in ("uk", "en"):
        fig = make(lang)
        assert isinstance(fig, Figure)
        fig.canvas.draw()
        texts[lang] = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
    assert texts["uk"] != texts["en"]


def test_lambda_explorer_figure_is_at_the_rounded_mle():
    fig = figures.lambda_explorer_fig("en")
    texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    assert "Box–Cox, λ = −0.45" in texts
