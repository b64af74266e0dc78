"""Module 01 widgets, headless: the numbers each readout shows and what each view draws, recomputed independently
(fsgeom.metrics and this module's maths/data), and the stories the lecture tells with their default settings.
The common widget contract (every control moves artists in place, one blit, a PNG for static viewers) is checked
for every module by tests/test_conventions.py."""
from __future__ import annotations

import re

import numpy as np
import pytest

from fsgeom import metrics
from fsgeom.plots import display_grid
from tests.conventions import close_widget as _close
from fsgeom.modules.m01_distances import data, maths, plots, widgets


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
        cov = maths.covariance_from_scales(s1, s2, theta)
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
        Wm = maths.whitening_matrix(cov)
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
        xs, ys = display_grid(w.view.extent, w.view.grid_shape)
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
        shares = maths.squared_distance_shares(uq, U[idx])
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
