"""Module 02 plot pieces, headless (Agg): the drawing functions draw what they claim, the views update their artists
in place and a blitted frame equals a full redraw, the figure makers return figures in both languages."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from fsgeom.modules.m02_encoding import data, figures, maths, plots, widgets
from fsgeom.plots import new_figure


def _ax():
    return new_figure((4, 3), 80).add_subplot(1, 1, 1)


def _pixels(fig) -> np.ndarray:
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_plot_distance_matrix_writes_every_number():
    ax = _ax()
    D = maths.pairwise_code_distances(np.array([0.0, 1.0, 3.0]))
    image, texts = plots.plot_distance_matrix(ax, D, ["x", "y", "z"], vmax=4.0)
    np.testing.assert_array_equal(np.asarray(image.get_array()), D)
    assert image.norm.vmin == 0.0 and image.norm.vmax == 4.0
    assert [[t.get_text() for t in row] for row in texts] == [["0.00", "1.00", "3.00"], ["1.00", "0.00", "2.00"],
                                                              ["3.00", "2.00", "0.00"]]
    assert [t.get_position() for t in texts[0]] == [(0, 0), (1, 0), (2, 0)]       # text (i, j) sits on cell (i, j)
    assert texts[0][2].get_color() == "white" and texts[0][1].get_color() == "black"   # readable on dark cells
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x", "y", "z"]
    plots.set_distance_matrix(image, texts, 2 * D)
    assert texts[2][0].get_text() == "6.00"


def test_plot_category_layout_points_labels_edges():
    ax = _ax()
    P = maths.simplex_plane(5)
    points, texts, edges = plots.plot_category_layout(ax, P, list("abcde"), edges=True, radial=True)
    np.testing.assert_allclose(points.get_offsets(), P)
    assert [t.get_text() for t in texts] == list("abcde")
    seg = edges.get_xydata()
    assert np.isnan(seg[:, 0]).sum() == 10 and len(seg) == 30                     # 10 pairs, NaN-separated
    for t, p in zip(texts, P):                                                    # labels outwards
        assert np.dot(np.asarray(t.get_position()) - p, p) > 0
    line = np.column_stack([np.arange(5.0), np.zeros(5)])
    plots.set_category_layout(points, texts, edges, line)
    assert len(edges.get_xydata()) == 0
    ys = [t.get_position()[1] for t in texts]
    assert ys == pytest.approx([0.16, -0.16, 0.16, -0.16, 0.16])                  # alternately above / below


def test_plot_code_order_spread_counts_orders():
    ax = _ax()
    acc = np.array([0.8, 0.8, 0.9, 0.85, 0.9, 0.9])
    out = plots.plot_code_order_spread(ax, acc, {"one-hot": (0.87, "C0", "--")}, n_test=20, lang="en")
    assert list(out["values"]) == [0.8, 0.85, 0.9] and list(out["counts"]) == [2, 1, 3]
    assert [b.get_height() for b in out["bars"]] == [2, 1, 3]
    assert [b.get_x() + b.get_width() / 2 for b in out["bars"]] == pytest.approx([0.8, 0.85, 0.9])
    assert out["bars"][0].get_width() == pytest.approx(0.8 / 20)
    assert list(out["lines"]["one-hot"].get_xdata()) == [0.87, 0.87]
    assert ax.get_xlabel() == "test accuracy"


def test_plot_analogy_draws_the_parallel_arrow():
    ax = _ax()
    coords = np.array([[0.0, 0.0], [2.0, 0.5], [0.2, 1.0], [2.1, 1.6]])
    art = plots.plot_analogy(ax, coords, ["man", "king", "woman", "queen"], "man", "king", "woman",
                             genders=["male", "male", "female", "female"])
    assert isinstance(art["arrow_ab"], Annotation)
    np.testing.assert_allclose(art["arrow_ab"].xy, [2.0, 0.5])
    np.testing.assert_allclose(art["arrow_c"].xyann, [0.2, 1.0])
    np.testing.assert_allclose(art["arrow_c"].xy, [2.2, 1.5])                     # c + b - a
    np.testing.assert_allclose(art["target"].get_xydata(), [[2.2, 1.5]])
    assert [t.get_text().strip() for t in art["texts"]] == ["man", "king", "woman", "queen"]


def test_plot_king_queen_parallelogram_and_language():
    sp = widgets.analogy_space()
    coords = sp.person_plane(16, "man", "king", "woman")[0]
    pairs = [p[:2] for p in data.PAIRS]
    for lang, xlabel in (("uk", "уздовж king − man"), ("en", "along king − man")):
        ax = _ax()
        arrows = plots.plot_king_queen(ax, coords, sp.person, pairs, d=16, lang=lang)
        assert ax.get_xlabel() == xlabel
        assert len(arrows) == len(pairs) - 2 + 4                                  # grey pairs + the 4 bold ones
        pid = {w: i for i, w in enumerate(sp.person)}
        np.testing.assert_allclose(arrows[("king", "queen")].xy, coords[pid["queen"]])
        np.testing.assert_allclose(arrows[("man", "woman")].xyann, coords[pid["man"]])


def _encoding_view():
    study = widgets.encoding_study()
    refs = {"one-hot": (study.onehot_accuracy, "C0", "--")}
    view = plots.EncodingView(study.levels, study.order_accuracies, refs, 4.0, (-0.8, 4.8, -1.0, 1.0),
                              study.n_test, study.k, lang="en")
    return view, study


def test_encoding_view_blit_equals_full_redraw_and_keeps_artists():
    view, study = _encoding_view()
    line = np.column_stack([np.arange(5.0), np.zeros(5)])
    D = maths.pairwise_code_distances(np.arange(5.0))
    view.update(D, line, edges=False, radial=False, note="n1", order_acc=study.order_accuracies[0],
                order_count=3, current_acc=study.order_accuracies[0], info="i1")
    artists = {id(a) for a in view.fig.findobj()}
    limits = [(ax.get_xlim(), ax.get_ylim()) for ax in view.fig.axes]
    P = maths.simplex_plane(5) + [2.0, 0.0]
    view.update(np.sqrt(2) * (1 - np.eye(5)), P, edges=True, radial=True, note="n2",
                order_acc=study.order_accuracies[5], order_count=4, current_acc=study.onehot_accuracy, info="i2")
    assert view.blits == 1 and {id(a) for a in view.fig.findobj()} == artists
    assert [(ax.get_xlim(), ax.get_ylim()) for ax in view.fig.axes] == limits
    assert view.note.get_text() == "n2" and view.info.get_text() == "i2"
    np.testing.assert_allclose(view.points.get_offsets(), P)
    blitted = _pixels(view.fig)
    view.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(view.fig))


def test_analogy_view_update_in_place():
    sp = widgets.analogy_space()
    view = plots.AnalogyView(sp.person, sp.genders, sp.extent, lang="en")
    coords = sp.person_plane(16, "man", "king", "woman")[0]
    pid = {w: i for i, w in enumerate(sp.person)}
    target = coords[pid["woman"]] + coords[pid["king"]] - coords[pid["man"]]
    view.update(coords, ("man", "king", "woman"), target, ["queen", "crown", "king", "a", "b"],
                np.array([0.9, 0.5, 0.3, 0.1, -0.1]), inputs=("man", "king", "woman"), title="t", bar_title="bt")
    artists = {id(a) for a in view.fig.findobj()}
    names = [t.get_text().strip() for t in view.texts]
    assert names[:4] == ["man", "king", "woman", "queen"] and names[4:] == [""] * (len(names) - 4)
    assert [b.get_width() for b in view.bars] == pytest.approx([0.9, 0.5, 0.3, 0.1, -0.1])
    np.testing.assert_allclose(view.answer.get_xydata(), [coords[pid["queen"]]])
    assert view.bars[2].get_facecolor()[:3] != view.bars[1].get_facecolor()[:3]        # king is a query word
    view.update(coords, ("man", "king", "woman"), target, ["crown"] * 5, np.zeros(5), inputs=(), title="t2",
                bar_title="bt2")
    assert np.isnan(view.answer.get_xydata()).all()                               # not a person word: no ring
    assert {id(a) for a in view.fig.findobj()} == artists and view.blits == 1
    blitted = _pixels(view.fig)
    view.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(view.fig))


@pytest.mark.parametrize("name", ["encoding-geometry", "encoding-onehot", "analogy", "king-queen"])
def test_figure_makers_in_both_languages(name):
    make = {"encoding-geometry": figures.encoding_geometry, "encoding-onehot": figures.encoding_onehot,
            "analogy": figures.analogy, "king-queen": figures.king_queen}[name]
    texts = {}
    for lang in ("uk", "en"):
        fig = make(lang)
        assert isinstance(fig, Figure)
        fig.canvas.draw()
        texts[lang] = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
    assert texts["uk"] != texts["en"]
    assert any(word in texts["uk"] for word in ("відстані", "слова-особи", "наші вектори"))


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_figures_show_d16_and_caption_d8_without_gender(lang):
    """02-analogy is the explorer's default at d = 16; 02-king-queen puts d = 8 beside d = 16 and its captions say
    which of them has a gender direction (mean male/female pair cosine 0.999 vs 0.834)."""
    sp = widgets.analogy_space()
    fig = figures.analogy(lang)
    fig.canvas.draw()
    texts = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
    assert "d = 16" in texts and "d = 8" not in texts
    fig = figures.king_queen(lang)
    t8, t16 = (ax.get_title() for ax in fig.axes[:2])
    no_gender = {"uk": "напрямку роду ще немає", "en": "no gender direction yet"}[lang]
    has_gender = {"uk": "рід представлено", "en": "gender is represented"}[lang]
    assert f"{sp.twin_cosine[8]:.3f}" == "0.999" and f"{sp.twin_cosine[16]:.3f}" == "0.834"
    assert "d = 8" in t8 and no_gender in t8 and "0.999" in t8 and has_gender not in t8
    assert "d = 16" in t16 and has_gender in t16 and "0.834" in t16
