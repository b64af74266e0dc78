"""Module 01 plot pieces, headless (Agg): blitting is correct (a blitted frame equals a full redraw), artists are
updated in place, static figures are built from the metrics they claim to show."""
from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from fsgeom import metrics
from fsgeom.modules.m01_distances import data, maths, plots

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _pixels(fig) -> np.ndarray:
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def _iso_panels(seed=0, k=6, shift=0.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(60, 2)) * [1.0, 2.0] + shift
    q = np.array([0.5, 0.5]) + shift
    cov = np.diag([1.0, 4.0])
    ie = metrics.knn_neighbors(X, q, k)[0]
    im = metrics.knn_neighbors(X, q, k, metric="mahalanobis", cov=cov)[0]
    rings_e = [maths.ellipse_points(q, np.eye(2), f) for f in plots.RING_FRACTIONS]
    rings_m = [maths.ellipse_points(q, cov, f) for f in plots.RING_FRACTIONS]
    return plots.NeighbourhoodPanel(X, q, rings_e, rings_m, X[ie], X[im])


@pytest.fixture
def iso_view():
    view = plots.IsoDistanceView(lang="en")
    p = _iso_panels()
    view.update(p, p, info="start")
    return view


def test_blitted_frame_equals_full_redraw(iso_view):
    """restore_region + draw_artist must give exactly the picture a full draw gives (no stale pixels)."""
    p = _iso_panels(seed=1, k=9, shift=0.7)
    iso_view.update(p, p, info="moved")
    assert iso_view.blits >= 1
    blitted = _pixels(iso_view.fig)
    full_before = iso_view.full_draws
    iso_view.fig.canvas.draw()                     # full redraw: background re-captured, artists drawn on top
    assert iso_view.full_draws == full_before + 1
    np.testing.assert_array_equal(blitted, _pixels(iso_view.fig))


def test_update_moves_artists_in_place(iso_view):
    artists_before = {id(a) for a in iso_view.fig.findobj()}
    p = _iso_panels(seed=2, k=4)
    iso_view.update(p, p, info="again")
    assert {id(a) for a in iso_view.fig.findobj()} == artists_before
    np.testing.assert_allclose(iso_view.raw.cloud.get_xydata(), p.points)
    np.testing.assert_allclose(iso_view.raw.euclid_nb.get_xydata(), p.euclid_neighbours)
    np.testing.assert_allclose(iso_view.white.mahal_nb.get_xydata(), p.mahal_neighbours)
    np.testing.assert_allclose(iso_view.raw.query.get_xydata(), p.query[None, :])
    for line, ring in zip(iso_view.raw.mahal_rings, p.mahal_rings):
        np.testing.assert_allclose(line.get_xydata(), ring)
    assert iso_view.info.get_text() == "again"


def test_axis_limits_are_fixed(iso_view):
    limits = [(ax.get_xlim(), ax.get_ylim()) for ax in iso_view.fig.axes]
    p = _iso_panels(seed=3, shift=50.0)            # far outside the view: the axes must not follow
    iso_view.update(p, p)
    assert [(ax.get_xlim(), ax.get_ylim()) for ax in iso_view.fig.axes] == limits


def test_png_includes_animated_artists_and_keeps_blitting(iso_view):
    png1 = iso_view.png()
    assert png1.startswith(PNG_SIGNATURE)
    p = _iso_panels(seed=4, shift=1.5)
    iso_view.update(p, p, info="moved")
    png2 = iso_view.png()
    assert png2 != png1                            # the animated artists are in the picture
    full, blits = iso_view.full_draws, iso_view.blits
    iso_view.update(p, p, info="after savefig")
    assert (iso_view.full_draws, iso_view.blits) == (full, blits + 1)   # savefig did not spoil the cache


def test_resize_invalidates_background(iso_view):
    full = iso_view.full_draws
    iso_view.fig.set_size_inches(6, 3)
    p = _iso_panels(seed=5)
    iso_view.update(p, p)
    assert iso_view.full_draws == full + 1         # a new background at the new size
    blitted = _pixels(iso_view.fig)
    assert blitted.shape[:2] == (int(3 * iso_view.fig.dpi), int(6 * iso_view.fig.dpi))


def _age_income_view():
    Xtr, _, ytr, _ = data.age_income_split()
    D = Xtr * [1.0, 1e-3]
    return plots.AgeIncomeView(D, ytr, grid_shape=(20, 30), lang="en"), D, np.asarray(ytr)


def test_age_income_view_update():
    view, D, y = _age_income_view()
    regions = (np.arange(600).reshape(20, 30) % 2)
    circle = maths.ellipse_points([40, 50], np.eye(2), 5.0)
    view.update(regions=regions, query=[40, 50], neighbours=D[:3], ball=circle, shares=[0.25, 0.75],
                info="test accuracy: 0.5")
    np.testing.assert_array_equal(view.regions, regions)
    rgb = np.asarray(view.image.get_array())
    np.testing.assert_array_equal(rgb[0, 0], view._lut[0])
    np.testing.assert_array_equal(rgb[0, 1], view._lut[1])
    np.testing.assert_allclose(view.query.get_xydata(), [[40, 50]])
    np.testing.assert_allclose(view.neighbours.get_xydata(), D[:3])
    np.testing.assert_allclose(view.ball.get_xydata(), circle)
    assert [b.get_width() for b in view.bars] == pytest.approx([25.0, 75.0])
    assert [t.get_text() for t in view.bar_labels] == ["25%", "75%"]
    for c, line in enumerate(view.train):
        np.testing.assert_allclose(line.get_xydata(), D[y == c])
    with pytest.raises(ValueError, match="shape"):
        view.update(regions=np.zeros((3, 3), dtype=int))


def test_age_income_view_blit_equals_full_redraw():
    view, D, _ = _age_income_view()
    view.update(regions=np.zeros((20, 30), dtype=int))   # first refresh of a fresh view: one full draw
    assert (view.full_draws, view.blits) == (1, 0)
    view.update(regions=np.eye(20, 30, dtype=int), query=[30, 30], neighbours=D[:5],
                ball=maths.ellipse_points([30, 30], np.eye(2), 8.0), shares=[0.999, 0.001], info="x")
    assert (view.full_draws, view.blits) == (1, 1)
    blitted = _pixels(view.fig)
    view.fig.canvas.draw()
    np.testing.assert_array_equal(blitted, _pixels(view.fig))


def test_unit_balls_figure():
    fig = plots.unit_balls_figure(lang="en")
    assert isinstance(fig, Figure) and len(fig.axes) == 3
    lines = [ln for ln in fig.axes[0].lines if isinstance(ln, Line2D) and ln.get_label().startswith("$p")]
    assert len(lines) == 3                         # p = 1, 2, inf
    for line, p in zip(lines, (1, 2, np.inf)):
        pts = line.get_xydata()
        norms = np.abs(pts).max(axis=1) if np.isinf(p) else (np.abs(pts) ** p).sum(axis=1) ** (1 / p)
        np.testing.assert_allclose(norms, 1.0, atol=1e-9)
    assert "unit balls" in fig.axes[0].get_title()
    assert "одиничні кулі" in plots.unit_balls_figure(lang="uk").axes[0].get_title()
    # one colour per p in both panels (p = 1, 2, inf are drawn in each)
    family = {}
    for line in fig.axes[1].lines:
        pts = line.get_xydata()
        if len(pts) < 100 or line.get_linestyle() != "-":
            continue                                # the diagonal and the non-norm p = 0.5
        corner = pts[np.argmin(np.abs(pts[:, 0] - pts[:, 1]) + (pts < 0).any(axis=1) * 9)]
        family[round(float(corner[0]), 6)] = line.get_color()  # where the curve crosses the diagonal
    for line, p in zip(lines, (1, 2, np.inf)):
        d = 1.0 if np.isinf(p) else 2.0 ** (-1.0 / p)
        match = [c for x, c in family.items() if abs(x - d) < 2e-3]
        assert match == [line.get_color()], (p, line.get_color(), family)
    assert len(set(family.values())) == len(family)    # and different p, different colours


def test_scale_distortion_figure_rings_are_metric_balls():
    fig = plots.scale_distortion_figure(k=10, lang="en")
    ax_raw, ax_z = fig.axes
    e_ring, m_ring = ax_raw.lines[:2]
    q = np.array([1.2, 40.0])
    d_e = metrics.pairwise_euclidean(q, e_ring.get_xydata())[0]
    d_m = metrics.pairwise_mahalanobis(q, m_ring.get_xydata(), cov=np.diag([1.0, 1e4]))[0]
    assert np.ptp(d_e) < 1e-9 and np.ptp(d_m) < 1e-9          # constant distance: iso-distance curves
    assert ax_raw.get_aspect() == 1.0 and ax_z.get_aspect() == 1.0


def test_scale_distortion_figure_shows_the_small_mahalanobis_circle():
    """In z-units the Mahalanobis circle (radius ~0.24) is small: the query's star is drawn under the rings, and an
    inset magnifies the query's surroundings, where the whole circle is visible and several times the star's size."""
    fig = plots.scale_distortion_figure(k=10, lang="en")
    fig.canvas.draw()
    ax_z = fig.axes[1]
    qz = np.array([1.2, 0.4])
    m_ring = ax_z.lines[1]
    r = metrics.pairwise_euclidean(qz, m_ring.get_xydata())[0]
    assert np.ptp(r) < 1e-9 and 0.2 < r[0] < 0.3
    star = [c for c in ax_z.collections if len(c.get_offsets()) == 1 and np.allclose(c.get_offsets()[0], qz)]
    assert len(star) == 1 and star[0].get_zorder() < m_ring.get_zorder()
    (inset,) = ax_z.child_axes
    assert inset.get_aspect() == 1.0
    x0, x1 = inset.get_xlim()
    y0, y1 = inset.get_ylim()
    ring = inset.lines[1].get_xydata()
    np.testing.assert_allclose(ring, m_ring.get_xydata())
    assert x0 < ring[:, 0].min() and ring[:, 0].max() < x1 and y0 < ring[:, 1].min() and ring[:, 1].max() < y1
    diameter_px = np.ptp(inset.transData.transform(ring)[:, 0])
    (inset_star,) = [c for c in inset.collections if len(c.get_offsets()) == 1]
    star_px = np.sqrt(inset_star.get_sizes()[0]) * fig.dpi / 72
    assert inset_star.get_zorder() < inset.lines[1].get_zorder()
    assert diameter_px > 3 * star_px
    assert "фрагмент" in plots.scale_distortion_figure(lang="uk").axes[0].get_title()
    assert plots.scale_distortion_figure(lang="uk").axes[1].get_title() == "після стандартизації (= Махаланобіс)"


def test_age_income_regions_figure_titles_carry_measured_accuracy():
    split = data.age_income_split()
    Xtr, Xte, ytr, yte = split
    fig = plots.age_income_regions_figure({"raw": dict(), "z": dict(scaler="zscore")}, k=5, split=split,
                                          grid_shape=(20, 20), lang="en")
    assert len(fig.axes) == 2
    for ax, kw in zip(fig.axes, (dict(), dict(scaler="zscore"))):
        acc = metrics.accuracy(yte, metrics.scaled_knn_predict(Xtr, ytr, Xte, k=5, **kw))
        assert f"{acc:.3f}" in ax.get_title()
        assert ax.get_xlim() == (18.0, 90.0) and ax.get_ylim() == (1.0, 100.0)


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_convenience_figures_localized(lang):
    units = plots.age_income_units_figure(lang=lang)
    metric = plots.age_income_metrics_figure(lang=lang)
    assert len(units.axes) == 3 and len(metric.axes) == 4
    word = {"uk": "евклідова", "en": "Euclidean"}[lang]
    assert word in units.axes[0].get_title() and word in metric.axes[0].get_title()
    if lang == "uk":
        assert units.axes[2].get_title().startswith("евклідова після стандартизації")
        assert metric.axes[2].get_title().startswith("манхеттенська, стандартизація")


def test_metrics_figure_is_readable_in_a_lecture_hall():
    """Two by two, with titles, labels and ticks at least 1.5 times the one-row figures' sizes."""
    fig = plots.age_income_metrics_figure(lang="en")
    fig.canvas.draw()
    axes = fig.axes
    assert len(axes) == 4
    rows = sorted({round(ax.get_position().y0, 3) for ax in axes})
    assert len(rows) == 2
    for ax in axes:
        assert ax.title.get_fontsize() >= 13
        assert all(t.get_fontsize() >= 11 for t in ax.get_xticklabels() + ax.get_yticklabels())
    assert axes[0].yaxis.label.get_fontsize() >= 12 and axes[2].xaxis.label.get_fontsize() >= 12
    w, h = fig.get_size_inches()
    assert w <= 10.0 and h <= 7.5                       # shown at about its own size, fonts stay large
    # no title overlaps the panel above it
    renderer = fig.canvas.get_renderer()
    for upper, lower in ((axes[0], axes[2]), (axes[1], axes[3])):
        assert lower.title.get_window_extent(renderer).y1 < upper.get_window_extent(renderer).y0
