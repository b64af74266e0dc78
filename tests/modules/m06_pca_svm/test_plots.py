"""Module 06 plot pieces, headless (Agg): the shaded sets of the normalization-axes figure are the sets of maths
(probed) and of NORM_AXES (by definition), the live ticks map data to the unit axes, a blitted frame equals a full
redraw, the loss-curve figure cuts inf/nan, the static figures and figure makers build in both languages."""
from __future__ import annotations

import re

import numpy as np
import pytest
from matplotlib.figure import Figure

from fsgeom.modules.m06_pca_svm import figures, maths, plots, widgets

N, C = plots.NORM_SHAPE[:2]


def _pixels(fig) -> np.ndarray:
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def _texts(fig) -> str:
    fig.canvas.draw()
    return " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))


def test_labels_have_both_languages_and_differ():
    assert all(set(e) == {"uk", "en"} for e in plots.LABELS.table.values())
    long = [k for k, e in plots.LABELS.table.items() if re.search("[A-Za-z]{5}", re.sub(r"\{\w+\}", "", e["en"]))
            and not k.startswith(("w_alcohol", "w_proline", "w_svm_state"))]
    assert long and all(plots.LABELS.table[k]["uk"] != plots.LABELS.table[k]["en"] for k in long)


def _expected_sets(kind, groups):
    """Cells (n, c) -> the key of their set, from the definition: the axes N and C not averaged over keep cells
    apart (NORM_AXES); group normalization keeps samples and groups of C/G consecutive channels apart."""
    axes = maths.NORM_AXES[kind]
    if axes is None:
        return {(n, c): (n, c // (C // groups)) for n in range(N) for c in range(C)}
    return {(n, c): (None if 0 in axes else n, None if 1 in axes else c) for n in range(N) for c in range(C)}


@pytest.mark.parametrize("groups", [1, 2, 3, 6])
@pytest.mark.parametrize("kind", plots.NORM_KINDS)
def test_norm_sets_match_norm_axes(kind, groups):
    labels = plots.norm_sets(kind, N, C, groups)
    key = _expected_sets(kind, groups)
    for a in key:
        for b in key:
            assert (labels[a] == labels[b]) == (key[a] == key[b]), (kind, a, b)


def test_norm_sets_edge_cases():
    np.testing.assert_array_equal(plots.norm_sets("group", N, C, 1), plots.norm_sets("layer", N, C))
    np.testing.assert_array_equal(plots.norm_sets("group", N, C, C), plots.norm_sets("instance", N, C))
    with pytest.raises(ValueError):
        plots.norm_sets("group", N, C, 4)
    with pytest.raises(ValueError):
        plots.norm_sets("weight", N, C)
    assert [plots.norm_axes_text(k) for k in plots.NORM_KINDS] == ["N, H, W", "C, H, W", "H, W", "C/G, H, W"]


@pytest.mark.parametrize("groups", [2, 3])
def test_norm_axes_figure_shades_the_sets_of_maths(groups):
    fig = plots.norm_axes_figure(groups=groups, lang="en")
    cells = [p for p in fig.findobj(lambda a: (a.get_gid() or "").count(":") >= 3)]
    assert len(cells) == 4 * N * C
    strong = {k: sum(1 for p in cells if p.get_gid().startswith(k + ":") and p.get_gid().endswith(":strong"))
              for k in plots.NORM_KINDS}
    assert strong == {"batch": N, "layer": C, "instance": 1, "group": C // groups}
    for kind in plots.NORM_KINDS:
        n_sets = len({p.get_gid().split(":")[3] for p in cells if p.get_gid().startswith(kind + ":")})
        assert n_sets == {"batch": C, "layer": N, "instance": N * C, "group": N * groups}[kind]
        # neighbouring different sets have different light shades only where the set changes
        colors = {tuple(map(int, p.get_gid().split(":")[1:3])): (p.get_gid().split(":")[3], p.get_facecolor())
                  for p in cells if p.get_gid().startswith(kind + ":")}
        for (n, c), (lab, col) in colors.items():
            for nb in ((n, c + 1), (n + 1, c)):
                if nb in colors and colors[nb][0] == lab:
                    assert colors[nb][1] == col
    text = _texts(fig)
    assert "mean over N, H, W" in text and f"C/G = {C // groups} channels" in text


def test_unit_ticks_and_line_in_box():
    view = plots.SVMView()
    ticks = view.x_ticks.set_range(11.0, 15.0)
    assert ticks[0] >= 11.0 and ticks[-1] <= 15.0 and len(ticks) >= 3
    np.testing.assert_allclose(view.x_ticks.to_unit([11.0, 15.0]), [0.0, 1.0])
    np.testing.assert_allclose(view.x_ticks.to_data(view.x_ticks.to_unit([12.3])), [12.3])
    shown = [t.get_text() for t in view.x_ticks.texts if t.get_text()]
    assert len(shown) == len(ticks)
    view.y_ticks.set_range(-2.0, 2.0)
    assert "−" in " ".join(t.get_text() for t in view.y_ticks.texts)
    P = plots.line_in_box(1.0, 2.0, 0.7)
    np.testing.assert_allclose(P @ [1.0, 2.0], 0.7)
    assert np.all(np.abs(P) > 1)                                     # both ends outside the unit box
    with pytest.raises(ValueError):
        view.x_ticks.set_range(1.0, 1.0)


def test_svm_view_blit_equals_full_redraw():
    w = widgets.svm_margin(backend="agg", lang="en")
    view = w.view
    view.fig.canvas.draw()
    w.controls["C"].value = 100.0
    w.controls["standardize"].value = True
    assert view.blits >= 2
    blitted = _pixels(view.fig)
    view.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(view.fig))


def test_pca_view_blit_equals_full_redraw():
    w = widgets.pca_units(backend="agg", lang="en")
    view = w.view
    view.fig.canvas.draw()
    w.controls["factor"].value = 1e-3
    assert view.blits >= 1
    blitted = _pixels(view.fig)
    view.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(view.fig))


def test_loss_curves_cut_inf_and_nan():
    good = 2.0 * 0.9 ** np.arange(50)
    bad = np.r_[1.0, 3.0, 40.0, 1e5, np.inf, np.inf, np.nan]
    fig = plots.loss_curves_figure([("a", good), ("b", bad), ("c", [np.nan, 1.0])], lang="en", title="T")
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and ax.get_title() == "T"
    lines = [ln for ln in ax.get_lines() if ln.get_linestyle() == "-"]
    assert [len(ln.get_xdata()) for ln in lines] == [50, 4, 0]
    assert all(np.all(np.isfinite(ln.get_ydata())) for ln in ax.get_lines())
    crosses = [ln for ln in ax.get_lines() if ln.get_marker() == "x"]
    assert len(crosses) == 1 and crosses[0].get_ydata()[0] == 1e5
    lo, hi = ax.get_ylim()
    assert lo < good.min() and hi > 1e5 and np.isfinite(hi)
    assert "diverged" in _texts(fig)
    assert "розбіжність" in _texts(plots.loss_curves_figure([("a", bad)], lang="uk"))
    with pytest.raises(ValueError):
        plots.loss_curves_figure([])


def test_bn_mismatch_figure():
    sizes = [2, 4, 8, 16, 32, 64]
    fig = plots.bn_mismatch_figure(sizes, [0.5, 0.3, 0.2, 0.1, 0.06, 0.04], lang="en")
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and ax.get_xaxis().get_scale() == "log"
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(s) for s in sizes]
    assert ax.get_lines()[0].get_marker() == "o"
    with pytest.raises(ValueError):
        plots.bn_mismatch_figure([2, 4], [0.1])


@pytest.mark.parametrize("make", [
    lambda lang: plots.norm_axes_figure(lang=lang),
    lambda lang: plots.loss_curves_figure([("η = 0.1", [1.0, 0.5, np.inf])], lang=lang),
    lambda lang: plots.bn_mismatch_figure([2, 8, 32], [0.3, 0.1, 0.05], lang=lang),
    figures.pca_units_fig, figures.svm_margin_fig, figures.norm_axes_fig,
])
def test_static_figures_in_both_languages(make):
    texts = {}
    for lang in ("uk", "en"):
        fig = make(lang)
        assert isinstance(fig, Figure)
        texts[lang] = _texts(fig)
    assert texts["uk"] != texts["en"]
    # no English label of the table in the Ukrainian figure (the feature names are data, not labels)
    en_words = {w for e in plots.LABELS.table.values() for w in re.findall(r"[A-Za-z]{4,}", re.sub(r"\{\w+\}", "", e["en"]))
                if w not in e["uk"]}
    leaks = sorted(w for w in en_words if re.search(rf"\b{w}\b", texts["uk"]))
    assert not leaks, leaks


def test_figure_makers_show_the_documented_states():
    pca = figures.pca_units_fig("en")
    assert "proline × 0.001, raw" in _texts(pca)
    assert "0.909" in _texts(pca)
    svm = _texts(figures.svm_margin_fig("en"))
    assert "C = 1, proline × 1, raw" in svm and "proline, mg/L" in svm and "−0.00528" in svm
