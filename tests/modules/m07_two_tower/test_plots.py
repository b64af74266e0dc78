"""Module 07 plot pieces, headless (Agg): the 2-D histogram counts every test rating once, a blitted frame equals a
full redraw, the learning-curve and ablation figures mark diverged runs, the static figures and figure makers build
in both languages without English labels in the Ukrainian edition."""
from __future__ import annotations

import re

import numpy as np
import pytest
from matplotlib.figure import Figure

from fsgeom.modules.m07_two_tower import data, figures, plots, widgets


def _pixels(fig) -> np.ndarray:
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def _texts(fig) -> str:
    fig.canvas.draw()
    return " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))


def test_labels_have_both_languages_and_differ():
    assert all(set(e) == {"uk", "en"} for e in plots.LABELS.table.values())
    long = [k for k, e in plots.LABELS.table.items() if re.search("[A-Za-z]{5}", re.sub(r"\{\w+\}", "", e["en"]))]
    assert long and all(plots.LABELS.table[k]["uk"] != plots.LABELS.table[k]["en"] for k in long)


def test_pred_true_counts_and_rmse():
    true = np.array([0.5, 1.0, 5.0, 5.0, 3.0, 3.0])
    pred = np.array([-2.0, 1.0, 5.0, 9.0, 3.01, np.nan])
    c = plots.pred_true_counts(true, pred)
    assert c.shape == (10, 36) and c.sum() == 5                      # the nan is left out
    assert c[0, 0] == 1 and c[9, 35] == 2 and c[1, 4] == 1 and c[5, 20] == 1
    np.testing.assert_allclose(plots.row_shares(c).sum(axis=1), [1, 1, 0, 0, 0, 1, 0, 0, 0, 1])
    assert np.isnan(plots.stars_rmse(pred, true))
    assert plots.stars_rmse(pred[:5], true[:5]) == pytest.approx(np.sqrt(0.01 ** 2 / 5))
    with pytest.raises(ValueError):
        plots.pred_true_counts([0.7], [1.0])
    with pytest.raises(ValueError):
        plots.pred_true_counts([1.0, 2.0], [1.0])


def test_level_line_and_item_name():
    u = np.array([0.6, -0.8])
    P = plots.level_line(u, 0.3, reach=2.0)
    np.testing.assert_allclose(P @ u, 0.3)
    assert np.all(np.isnan(plots.level_line([0.0, 0.0], 1.0, 1.0)))
    name = plots.item_name(17)
    assert re.fullmatch(r"#17 [a-z-]+(/[a-z-]+){0,2}", name)
    genres = [data.GENRES.index(g) for g in name.split(" ")[1].split("/")]
    assert plots.item_name(17, lang="uk") == "#17 " + "/".join(plots.GENRE_NAMES["uk"][k] for k in genres)
    assert len(set(plots.GENRE_NAMES["uk"])) == len(data.GENRES)   # one Ukrainian name per genre, all different


@pytest.mark.parametrize("make", ["training_lab", "on_the_sphere"])
def test_blit_equals_full_redraw(make):
    w = getattr(widgets, make)(backend="agg", lang="en")
    view = w.view
    view.fig.canvas.draw()
    name, ctrl = next(iter(w.controls.items()))
    if make == "training_lab":
        w.controls["lr"].value = 1.0
        w.controls["normalize"].value = False
    else:
        ctrl.value = ctrl.options[-1][1]
    assert view.blits >= 1
    blitted = _pixels(view.fig)
    view.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(view.fig))


def _run(n, s, lr, seed=0):
    return widgets.cell(n, s, lr, seed)


def test_curves_figure_marks_diverged_runs():
    runs = [("ok", _run(True, True, 0.1)), ("dead", _run(False, True, 0.1)),
            ("late", {"train_loss": np.r_[0.5, 0.3, np.inf, np.nan], "val_rmse": np.r_[1.2, 1.0, np.nan, np.nan],
                      "diverged": True})]
    fig = plots.curves_figure(runs, lang="en", title="T")
    ax_l, ax_v = fig.axes[:2]
    assert ax_l.get_yscale() == "log" and fig._suptitle.get_text() == "T"
    crosses = [ln for ln in ax_l.get_lines() if ln.get_marker() == "x"]
    assert len(crosses) == 2
    xs = sorted(float(c.get_xdata()[0]) for c in crosses)
    assert xs == [1.0, 2.0]                                     # no epoch finished → epoch 1; else the last finite
    top = ax_l.get_ylim()[1]
    assert any(float(c.get_ydata()[0]) == pytest.approx(top) for c in crosses)
    assert all(np.all(np.isfinite(ln.get_ydata())) for ax in (ax_l, ax_v) for ln in ax.get_lines())
    assert "training diverged" in _texts(fig)
    assert "розбіглося" in _texts(plots.curves_figure([("a", _run(False, False, 1.0))], lang="uk"))
    with pytest.raises(ValueError):
        plots.curves_figure([])


def test_ablation_figure_from_the_grid():
    table = {(n, s): {lr: [_run(n, s, lr, k)["test_rmse"] for k in widgets.SEEDS] for lr in widgets.LRS}
             for n in (True, False) for s in (True, False)}
    fig = plots.ablation_figure(table, lang="en")
    assert len(fig.axes) == 4
    gids = [a.get_gid() for a in fig.findobj() if a.get_gid()]
    assert sum(g.startswith("bar:") for g in gids) == 2 * len(widgets.LRS) + 2      # the two normalized rows + lr 0.01
    assert sum(g.startswith("div:") for g in gids) == 2 * (len(widgets.LRS) - 1)
    bars = {g: a for a in fig.findobj() if (g := a.get_gid()) and g.startswith("bar:")}
    assert bars["bar:True:True:0.1"].get_height() == pytest.approx(np.mean(table[(True, True)][0.1]))
    # the flat and the triple forms give the same bars
    flat = {k: [v for lr in widgets.LRS for v in d[lr]] for k, d in table.items()}
    triples = {k: [(lr, s, d[lr][s]) for lr in widgets.LRS for s in widgets.SEEDS] for k, d in table.items()}
    for other in (plots.ablation_figure(flat, lang="en", lrs=widgets.LRS, seeds=widgets.SEEDS),
                  plots.ablation_figure(triples, lang="en")):
        h = {a.get_gid(): a.get_height() for a in other.findobj() if (a.get_gid() or "").startswith("bar:")}
        assert h == {g: b.get_height() for g, b in bars.items()}
    with pytest.raises(ValueError):
        plots.ablation_figure({(True, True): [0.8, 0.9, 1.0]})
    with pytest.raises(ValueError):
        plots.ablation_figure({})


def test_pred_vs_true_figure():
    true = np.repeat(plots.STAR_VALUES, 3)
    fig = plots.pred_vs_true_figure(true, true + 0.1, lang="en")
    img = fig.axes[0].get_images()[0]
    np.testing.assert_allclose(np.asarray(img.get_array()).sum(axis=1), 1.0)
    assert f"RMSE = {np.sqrt(27 * 0.01 / 30):.3f}" in _texts(fig)          # 5.1 is clipped to 5
    assert "no predictions" in _texts(plots.pred_vs_true_figure(true, np.full(true.size, np.nan), lang="en"))


@pytest.mark.parametrize("make", [
    lambda lang: plots.curves_figure([("η = 0.1", _run(True, True, 0.1)), ("η = 1", _run(False, True, 1.0))],
                                     lang=lang),
    lambda lang: plots.ablation_figure({(True, True): {0.1: [0.8, 0.81]}, (False, False): {0.1: [np.nan, np.nan]}},
                                       lang=lang),
    lambda lang: plots.pred_vs_true_figure([1.0, 2.0, 4.5], [1.2, 2.6, 4.0], lang=lang),
    figures.training_lab_fig, figures.on_the_sphere_fig,
])
def test_static_figures_in_both_languages(make):
    texts = {}
    for lang in ("uk", "en"):
        fig = make(lang)
        assert isinstance(fig, Figure)
        texts[lang] = _texts(fig)
    assert texts["uk"] != texts["en"]
    uk = re.sub(r"#\d+ [a-z/-]+", " ", texts["uk"])                # genre names are data
    en_words = {w for e in plots.LABELS.table.values() for w in re.findall(r"[A-Za-z]{4,}", re.sub(r"\{\w+\}", "", e["en"]))
                if w not in e["uk"]}
    leaks = sorted(w for w in en_words if re.search(rf"\b{w}\b", uk))
    assert not leaks, leaks


def test_figure_makers_show_the_documented_states():
    lab = _texts(figures.training_lab_fig("en"))
    assert "cosine similarity (L2-normalized); ratings in stars 0.5–5; learning rate 0.1; seed 0" in lab
    assert "RMSE = 2.571 stars" in lab
    sphere = _texts(figures.on_the_sphere_fig("en"))
    assert "#0, 15 ratings" in sphere and "‖u‖ = 1.34" in sphere
