"""Course widgets (fsgeom.widgets.WIDGETS), headless, driven exactly as the benchmark drives them:
``w.controls[name].value = v`` runs the update synchronously.

For every registered widget: each control changes what the student sees (artists and readout), in place (same
figure, same artist objects, blitted, never fully redrawn), axis limits never move, and the display bundle
carries a PNG for static viewers. For the two widgets of 01-distances the numbers in the readout are recomputed
independently with fsgeom.metrics.
"""
from __future__ import annotations

import base64
import re
import time

import ipywidgets as W
import numpy as np
import pytest
from matplotlib.figure import Figure

from fsgeom import data, metrics, plots, widgets

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _close(w):
    for c in w.controls.values():
        c.close()
    w.readout.close()
    w.close()


@pytest.fixture(params=sorted(widgets.WIDGETS))
def widget(request):
    w = widgets.WIDGETS[request.param]()
    yield w
    _close(w)


def _other_value(ctrl):
    """A valid value different from the current one."""
    opts = getattr(ctrl, "options", None)
    if opts is not None:
        values = [o[1] if isinstance(o, tuple) else o for o in opts]
        return values[(values.index(ctrl.value) + 1) % len(values)]
    if isinstance(ctrl.value, bool):
        return not ctrl.value
    lo, hi = ctrl.min, ctrl.max
    target = hi if ctrl.value - lo < hi - ctrl.value else lo
    return type(ctrl.value)(target)


def _state(w):
    """Fingerprint of everything that may change: every animated artist and the readout."""
    out = []
    for a in w.view.animated_artists:
        if hasattr(a, "get_xydata"):
            out.append(np.asarray(a.get_xydata(), dtype=float).copy())
        elif hasattr(a, "get_offsets"):
            out.append(np.asarray(a.get_offsets(), dtype=float).copy())
        elif hasattr(a, "get_array") and a.get_array() is not None:
            out.append(np.asarray(a.get_array()).copy())
        elif hasattr(a, "get_text"):
            out.append(a.get_text())
        elif hasattr(a, "get_width"):
            out.append(a.get_width())
    return out, w.readout.value


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.shape(a) == np.shape(b) and np.array_equal(a, b)
    return a == b


def test_registry_and_attributes(widget):
    assert isinstance(widget, widgets.CourseWidget) and isinstance(widget, W.VBox)
    assert widget.name in widgets.WIDGETS
    assert widget.controls and all(isinstance(c, W.ValueWidget) for c in widget.controls.values())
    assert isinstance(widget.view.fig, Figure)
    assert isinstance(widget.readout, W.HTML) and widget.readout.value
    assert widget.backend == "agg" and widget.figure_widget is None     # outside a kernel
    assert widget.readout in widget.children
    assert widget.numbers


def test_every_control_updates_in_place(widget):
    fig = widget.view.fig
    axes = list(fig.axes)
    artists = {id(a) for a in fig.findobj()}
    animated = [id(a) for a in widget.view.animated_artists]
    limits = [(ax.get_xlim(), ax.get_ylim()) for ax in axes]
    full_draws = widget.view.full_draws
    for name, ctrl in widget.controls.items():
        before_artists, before_text = _state(widget)
        blits = widget.view.blits
        ctrl.value = _other_value(ctrl)
        after_artists, after_text = _state(widget)
        changed = [i for i, (a, b) in enumerate(zip(before_artists, after_artists)) if not _same(a, b)]
        assert changed, f"control {name!r} changed no artist"
        assert after_text != before_text, f"control {name!r} did not change the readout"
        assert widget.view.blits == blits + 1, f"control {name!r}: expected exactly one blit"
        assert widget.view.fig is fig and list(fig.axes) == axes
        assert {id(a) for a in fig.findobj()} == artists, f"control {name!r} created or removed artists"
        assert [id(a) for a in widget.view.animated_artists] == animated
        assert [(ax.get_xlim(), ax.get_ylim()) for ax in axes] == limits, f"control {name!r} moved the axes"
    assert widget.view.full_draws == full_draws, "a control triggered a full redraw instead of a blit"


def test_mimebundle_has_widget_view_png_and_text(widget):
    bundle = widget._repr_mimebundle_()
    data_ = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data_["application/vnd.jupyter.widget-view+json"]["model_id"] == widget.model_id
    png = base64.b64decode(data_["image/png"])
    assert png.startswith(PNG_SIGNATURE) and len(png) > 5000
    assert data_["text/plain"].startswith(f"[{widget.name}]") and "<" not in data_["text/plain"]
    # rendering the PNG must not break the blitting cache
    full, blits = widget.view.full_draws, widget.view.blits
    ctrl = next(iter(widget.controls.values()))
    ctrl.value = _other_value(ctrl)
    assert (widget.view.full_draws, widget.view.blits) == (full, blits + 1)


def _span(readout: str, cls: str) -> str:
    m = re.search(rf'<span class="fsgeom-{cls}">([^<]*)</span>', readout)
    assert m, f"no fsgeom-{cls} span in {readout!r}"
    return m.group(1)


# ------------------------------------------------------------------------------------- iso-distance
ISO_SETTINGS = [dict(s1=0.6, s2=2.5, theta=-30.0, k=8), dict(s1=3.0, s2=0.3, theta=60.0, k=3),
                dict(s1=1.2, s2=1.2, theta=15.0, k=12), dict(s1=0.3, s2=3.0, theta=-90.0, k=30),
                dict(s1=2.0, s2=0.5, theta=10.0, k=1)]


@pytest.mark.parametrize("setting", ISO_SETTINGS)
def test_iso_readout_matches_independent_computation(setting):
    w = widgets.iso_distance_explorer(lang="en")
    try:
        for name, value in setting.items():
            w.controls[name].value = value
        s1, s2, theta, k = setting["s1"], setting["s2"], np.radians(setting["theta"]), setting["k"]
        cov = metrics.covariance_from_scales(s1, s2, theta)
        X, Z = data.correlated_cloud(150, s1, s2, theta, seed=0)          # the widget's cloud, independently
        q = np.linalg.cholesky(cov) @ np.array([1.0, 0.5])
        e = metrics.knn_neighbors(X, q, k)[0]
        D_m = metrics.pairwise_mahalanobis(q, X, cov=cov)[0]
        m = np.argsort(D_m, kind="stable")[:k]
        shared = len(set(e.tolist()) & set(m.tolist()))
        assert int(_span(w.readout.value, "shared")) == shared == w.numbers["shared"]
        assert int(_span(w.readout.value, "k")) == k
        assert f"{cov[0, 1]:.2f}" in w.readout.value
        np.testing.assert_allclose(w.numbers["cov"], cov)
        # what is drawn: the cloud, the query and both neighbour sets in raw space
        raw = w.view.raw
        np.testing.assert_allclose(raw.cloud.get_xydata(), X, atol=1e-12)
        np.testing.assert_allclose(raw.query.get_xydata(), q[None, :], atol=1e-12)
        assert {tuple(np.round(p, 9)) for p in raw.euclid_nb.get_xydata()} == {tuple(np.round(p, 9)) for p in X[e]}
        assert {tuple(np.round(p, 9)) for p in raw.mahal_nb.get_xydata()} == {tuple(np.round(p, 9)) for p in X[m]}
        # the solid rings are iso-distance curves through the k-th neighbour of each metric
        r_e = metrics.pairwise_euclidean(q, X[e[-1]])[0, 0]
        r_m = D_m[m[-1]]
        np.testing.assert_allclose(metrics.pairwise_euclidean(q, raw.euclid_rings[0].get_xydata())[0], r_e)
        np.testing.assert_allclose(metrics.pairwise_mahalanobis(q, raw.mahal_rings[0].get_xydata(), cov=cov)[0],
                                   r_m, rtol=1e-9)
        for ring, f in zip(raw.mahal_rings, plots.RING_FRACTIONS):
            np.testing.assert_allclose(metrics.pairwise_mahalanobis(q, ring.get_xydata(), cov=cov)[0], f * r_m,
                                       rtol=1e-9)
        # whitened panel: Mahalanobis rings are circles, Euclidean rings ellipses (the roles swap)
        Wm = metrics.whitening_matrix(cov)
        qw = Wm @ q
        np.testing.assert_allclose(w.view.white.cloud.get_xydata(), X @ Wm.T, atol=1e-9)
        np.testing.assert_allclose(metrics.pairwise_euclidean(qw, w.view.white.mahal_rings[0].get_xydata())[0],
                                   r_m, rtol=1e-9)
        back = w.view.white.euclid_rings[0].get_xydata() @ np.linalg.inv(Wm).T    # back to raw space
        np.testing.assert_allclose(metrics.pairwise_euclidean(q, back)[0], r_e, rtol=1e-9)
        assert w.view.info.get_text() == f"shared neighbours: {shared} of {k}"
    finally:
        _close(w)


def test_iso_mahalanobis_neighbours_do_not_depend_on_scales():
    w = widgets.iso_distance_explorer(lang="en")
    try:
        base = set(w.numbers["mahal_idx"].tolist())
        seen_euclid = set()
        for s1, s2, th in ((3.0, 0.3, 60.0), (1.0, 2.0, 0.0), (0.4, 0.4, 45.0)):
            w.controls["s1"].value, w.controls["s2"].value, w.controls["theta"].value = s1, s2, th
            assert set(w.numbers["mahal_idx"].tolist()) == base
            seen_euclid.add(frozenset(w.numbers["euclid_idx"].tolist()))
        assert len(seen_euclid) > 1
        assert w.numbers["shared"] == w.numbers["k"]      # s1 == s2: both metrics agree
    finally:
        _close(w)


# ------------------------------------------------------------------------------------- age / income
AI_SETTINGS = [dict(unit="$", scaler="none", k=5), dict(unit="$", scaler="zscore", k=5),
               dict(unit="k$", scaler="none", k=9), dict(unit="M$", scaler="none", k=3),
               dict(unit="M$", scaler="robust", k=15), dict(unit="k$", scaler="minmax", k=1)]


@pytest.mark.parametrize("setting", AI_SETTINGS)
def test_age_income_matches_independent_computation(setting):
    w = widgets.age_income_knn(lang="en")
    try:
        for name, value in setting.items():
            w.controls[name].value = value
        w.controls["query_age"].value = 33
        w.controls["query_income"].value = 62.0
        unit, scaler, k = setting["unit"], setting["scaler"], setting["k"]
        Xtr, Xte, ytr, yte = data.age_income_split()
        T, Q = data.income_in_units(Xtr, unit), data.income_in_units(Xte, unit)
        acc = metrics.accuracy(yte, metrics.scaled_knn_predict(T, ytr, Q, k=k, scaler=scaler))
        assert _span(w.readout.value, "acc") == f"{acc:.3f}"
        assert w.view.info.get_text() == f"test accuracy: {acc:.3f}"
        # decision regions: kNN at every cell centre of the display grid, computed the slow way
        xs, ys = plots.display_grid(w.view.extent, w.view.grid_shape)
        gx, gy = np.meshgrid(xs, ys)
        grid = data.income_in_units(np.column_stack([gx.ravel(), gy.ravel() * 1e3]), unit)
        expected = metrics.scaled_knn_predict(T, ytr, grid, k=k, scaler=scaler).reshape(w.view.grid_shape)
        np.testing.assert_array_equal(w.view.regions, expected)
        # the query's neighbours, votes and each feature's share of d^2
        center, scale = metrics.fit_scaler(scaler, T)
        U = metrics.apply_scaler(T, center, scale)
        uq = metrics.apply_scaler(data.income_in_units(np.array([[33.0, 62_000.0]]), unit), center, scale)
        idx = metrics.knn_neighbors(U, uq, k)[0]
        np.testing.assert_allclose(w.view.neighbours.get_xydata(), Xtr[idx] * [1.0, 1e-3])
        assert int(_span(w.readout.value, "votes")) == int(np.asarray(ytr)[idx].sum())
        shares = metrics.squared_distance_shares(uq, U[idx])
        assert [b.get_width() for b in w.view.bars] == pytest.approx(100 * shares)
        assert _span(w.readout.value, "share-income") == f"{100 * shares[1]:.2f}%"
        # the ball through the k-th neighbour, in display units, has the classifier's distance r everywhere
        r = np.linalg.norm(U[idx[-1]] - uq[0])
        ball = w.view.ball.get_xydata()
        ball_u = metrics.apply_scaler(data.income_in_units(ball * [1.0, 1e3], unit), center, scale)
        np.testing.assert_allclose(np.linalg.norm(ball_u - uq, axis=1), r, rtol=1e-9)
    finally:
        _close(w)


def test_age_income_query_moves_do_not_recompute_regions():
    w = widgets.age_income_knn(lang="en")
    try:
        regions = w.view.regions
        w.controls["query_age"].value = 70
        w.controls["query_income"].value = 12.0
        assert w.view.regions is regions                   # same array object: nothing recomputed
        w.controls["scaler"].value = "zscore"
        assert w.view.regions is not regions
    finally:
        _close(w)


def test_age_income_default_story():
    """The defaults tell the lecture's story: in dollars income swamps age and kNN equals the trivial rule."""
    w = widgets.age_income_knn(lang="en")
    try:
        assert w.numbers["accuracy"] == pytest.approx(0.689, abs=5e-4)
        assert w.numbers["shares"][1] > 0.99
        assert w.numbers["prediction"] == 0
        w.controls["scaler"].value = "zscore"
        assert w.numbers["accuracy"] == pytest.approx(0.867, abs=5e-4)
        assert w.numbers["prediction"] == 1 and w.numbers["votes_high"] == 5
    finally:
        _close(w)


# ------------------------------------------------------------------------------------- backends
def test_backend_choice(monkeypatch):
    monkeypatch.delenv(widgets.BACKEND_ENV, raising=False)
    assert widgets.widget_backend() == "agg"                 # not inside a kernel
    monkeypatch.setenv(widgets.BACKEND_ENV, "png")
    assert widgets.widget_backend() == "png"
    assert widgets.widget_backend("agg") == "agg"
    with pytest.raises(ValueError, match="unknown widget backend"):
        widgets.widget_backend("tk")


def test_png_backend_refreshes_image():
    w = widgets.age_income_knn(backend="png")
    try:
        assert isinstance(w.figure_widget, W.Image) and w.figure_widget in w.children
        before = w.figure_widget.value
        assert bytes(before).startswith(PNG_SIGNATURE)
        w.controls["k"].value = 11
        assert w.figure_widget.value != before
    finally:
        _close(w)


@pytest.mark.filterwarnings("ignore:Passing unrecognized arguments:DeprecationWarning")  # inside ipympl's Toolbar
def test_ipympl_backend_builds_a_live_canvas():
    pytest.importorskip("ipympl")
    from ipympl.backend_nbagg import Canvas
    w = widgets.iso_distance_explorer(backend="ipympl")
    try:
        canvas = w.view.fig.canvas
        assert isinstance(canvas, Canvas) and w.figure_widget is canvas and canvas in w.children
        assert canvas.toolbar_visible in (False, "hidden") and not canvas.header_visible
        blits = w.view.blits
        w.controls["s2"].value = 1.0
        assert w.view.blits == blits + 1
        bundle = w._repr_mimebundle_()
        assert base64.b64decode(bundle["image/png"]).startswith(PNG_SIGNATURE)
    finally:
        _close(w)


@pytest.mark.filterwarnings("ignore:Passing unrecognized arguments:DeprecationWarning")
def test_ipympl_updates_and_browser_draws_from_two_threads_leave_no_ghosts():
    """ipykernel >= 7 runs widget messages on a subshell thread while the main thread runs cells: slider
    updates and browser-requested full draws interleave. The cached background must stay clean."""
    pytest.importorskip("ipympl")
    import threading
    w = widgets.iso_distance_explorer(backend="ipympl")
    canvas = w.view.fig.canvas
    canvas.syncing_data_url = False         # as once a browser view is live (no PNG snapshot in the state)
    stop = threading.Event()
    errors = []

    def browser():                          # a burst of full draws, as the frontend asks for on refresh
        try:
            for _ in range(10):
                canvas._handle_message(canvas, {"type": "draw"}, [])
                time.sleep(0.002)
        except Exception as exc:            # pragma: no cover - reported below
            errors.append(exc)
        finally:
            stop.set()

    t = threading.Thread(target=browser)
    t.start()
    try:
        i = 0
        while not stop.is_set():
            w.controls["theta"].value = float(-90 + 5 * (i % 37))
            w.controls["s1"].value = round(0.3 + 0.1 * (i % 27), 1)
            i += 1
    finally:
        stop.set()
        t.join()
        try:
            assert not errors
            w.controls["k"].value = 3                        # one more blit on whatever background is cached
            blitted = np.asarray(canvas.buffer_rgba()).copy()
            canvas.draw()
            np.testing.assert_array_equal(blitted, np.asarray(canvas.buffer_rgba()))
        finally:
            _close(w)
