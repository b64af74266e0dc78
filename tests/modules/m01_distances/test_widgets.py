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
        # whitened panel (whitening W = A^-1, which undoes the map that made the cloud): the cloud is Z, the
        # query z_q; Mahalanobis rings are circles, Euclidean rings ellipses (the roles swap)
        A = np.linalg.cholesky(cov)
        white = w.view.white
        np.testing.assert_allclose(white.cloud.get_xydata(), Z, atol=1e-12)
        np.testing.assert_allclose(white.query.get_xydata(), [[1.0, 0.5]], atol=1e-12)
        for ring, f in zip(white.mahal_rings, plots.RING_FRACTIONS):
            np.testing.assert_allclose(metrics.pairwise_euclidean([1.0, 0.5], ring.get_xydata())[0], f * r_m,
                                       rtol=1e-9)
        for ring, f in zip(white.euclid_rings, plots.RING_FRACTIONS):
            back = ring.get_xydata() @ A.T                                   # back to raw space: x = A w
            np.testing.assert_allclose(metrics.pairwise_euclidean(q, back)[0], f * r_e, rtol=1e-9)
        assert {tuple(np.round(p, 9)) for p in white.mahal_nb.get_xydata()} == {tuple(np.round(p, 9)) for p in Z[m]}
        assert {tuple(np.round(p, 9)) for p in white.euclid_nb.get_xydata()} == {tuple(np.round(p, 9)) for p in Z[e]}
        assert w.view.info.get_text() == f"shared neighbours: {shared} of {k}"
    finally:
        _close(w)


def test_iso_whitened_panel_stands_still():
    """Whitening with A^-1 (A the Cholesky factor the cloud is made with) gives back exactly Z for every slider
    state: the cloud, the query, the Mahalanobis neighbours and rings of the whitened panel never move; only the
    Euclidean rings and neighbours (the raw ruler seen after whitening) do. Every value of each slider."""
    w = widgets.iso_distance_explorer(lang="en")
    try:
        Z = data.correlated_cloud(150, seed=0)[1]
        white = w.view.white
        still = lambda: [white.cloud.get_xydata().copy(), white.query.get_xydata().copy(),   # noqa: E731
                         white.mahal_nb.get_xydata().copy(), *(r.get_xydata().copy() for r in white.mahal_rings)]
        start = still()
        np.testing.assert_allclose(start[0], Z, atol=1e-12)
        euclid_seen = set()
        for name in ("s1", "s2", "theta"):
            ctrl = w.controls[name]
            first = ctrl.value
            for value in np.arange(ctrl.min, ctrl.max + ctrl.step / 2, ctrl.step):
                ctrl.value = float(np.round(value, 6))
                cov = w.numbers["cov"]
                A = np.linalg.cholesky(cov)
                np.testing.assert_allclose(cov, maths.covariance_from_scales(
                    w.controls["s1"].value, w.controls["s2"].value, np.radians(w.controls["theta"].value)))
                for a, b in zip(still(), start):
                    np.testing.assert_allclose(a, b, atol=1e-9)
                # the raw cloud is Z A^T, and whitening it is the identity on Z
                np.testing.assert_allclose(w.view.raw.cloud.get_xydata(), Z @ A.T, atol=1e-12)
                np.testing.assert_allclose(np.linalg.solve(A, w.view.raw.cloud.get_xydata().T).T, Z, atol=1e-12)
                euclid_seen.add(np.round(white.euclid_rings[0].get_xydata()[0], 6).tobytes())
            ctrl.value = first
        assert len(euclid_seen) > 10                       # the Euclidean ellipse does move
        # a slider move still changes the whitened panel's Euclidean ring, and it maps back to a circle
        w.controls["theta"].value = 40.0
        A = np.linalg.cholesky(w.numbers["cov"])
        back = white.euclid_rings[0].get_xydata() @ A.T
        q = A @ np.array([1.0, 0.5])
        d = metrics.pairwise_euclidean(q, back)[0]
        np.testing.assert_allclose(d, w.numbers["r_euclid"], rtol=1e-9)
    finally:
        _close(w)


def test_iso_whitened_euclid_ellipse_is_not_the_inverse_covariance():
    """The raw Euclidean circle seen after whitening with W = A^-1 is the iso-ellipse of W W^T = A^-1 A^-T: same
    semi-axes r/s1, r/s2 as Sigma^-1's, but another orientation (unless A is symmetric)."""
    s1, s2, theta, r = 0.6, 2.5, np.radians(-30.0), 1.3
    cov = maths.covariance_from_scales(s1, s2, theta)
    A = np.linalg.cholesky(cov)
    Wm = np.linalg.inv(A)
    ring = maths.ellipse_points([0.0, 0.0], Wm @ Wm.T, r, 721)
    np.testing.assert_allclose(np.linalg.norm(ring @ A.T, axis=1), r, rtol=1e-12)      # a raw circle of radius r
    a, b, angle = maths.iso_ellipse_axes(Wm @ Wm.T, r)
    assert sorted([a, b]) == pytest.approx(sorted([r / s1, r / s2]))
    a_inv, b_inv, angle_inv = maths.iso_ellipse_axes(np.linalg.inv(cov), r)
    assert (a_inv, b_inv) == pytest.approx((a, b))
    assert abs(angle - angle_inv) > 0.1                  # Sigma^-1 would draw the wrong ellipse
    wrong = maths.ellipse_points([0.0, 0.0], np.linalg.inv(cov), r, 721) @ A.T
    assert np.ptp(np.linalg.norm(wrong, axis=1)) > 0.1


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


def _classifier_reference(unit, scaler, k_values, split_seed=0, grid=80):
    """The decision regions and test accuracy for each k, computed as the widget did before it precomputed them:
    the scaler fitted in this unit, knn_grid_predict (float32) on the display grid, knn_predict on test."""
    Xtr, Xte, ytr, yte = data.age_income_split(seed=split_seed)
    ytr, yte = np.asarray(ytr).astype(int), np.asarray(yte).astype(int)
    xs, ys = display_grid((18.0, 90.0, 1.0, 100.0), (grid, grid))
    T = data.income_in_units(Xtr, unit)
    center, scale = metrics.fit_scaler(scaler, T)
    Ttr = metrics.apply_scaler(T, center, scale)
    Tte = metrics.apply_scaler(data.income_in_units(Xte, unit), center, scale)
    xs_u = (xs - center[0]) / scale[0]
    ys_u = (ys * 1e3 * data.INCOME_UNITS[unit] - center[1]) / scale[1]
    return {k: (metrics.knn_grid_predict(Ttr, ytr, xs_u, ys_u, k, dtype=np.float32),
                metrics.accuracy(yte, metrics.knn_predict(Ttr, ytr, Tte, k))) for k in k_values}


def test_age_income_precomputed_classifier_equals_direct_computation_for_every_control_value():
    """Every unit x scaler x k the widget offers: the precomputed regions and accuracy are exactly what a direct
    computation in that unit gives (same float32 grid distances, same tie rules), and the readout says it."""
    w = widgets.age_income_knn(lang="en")
    try:
        ks = list(range(w.controls["k"].min, w.controls["k"].max + 1))
        assert ks[-1] == widgets._K_MAX
        for unit in w.controls["unit"].options:
            for scaler in metrics.SCALERS:
                ref = _classifier_reference(unit, scaler, ks)
                w.controls["unit"].value, w.controls["scaler"].value = unit, scaler
                for k in ks:
                    w.controls["k"].value = k
                    regions, acc = ref[k]
                    np.testing.assert_array_equal(w.view.regions, regions, err_msg=f"{unit} {scaler} k={k}")
                    assert w.numbers["accuracy"] == acc, (unit, scaler, k)
                    assert _span(w.readout.value, "acc") == f"{acc:.3f}"
                    rgb = np.asarray(w.view.image.get_array())
                    np.testing.assert_array_equal(rgb, w.view._lut[regions])
    finally:
        _close(w)


def test_age_income_query_numbers_in_every_classifier_space():
    """The query's neighbours, votes, prediction and shares are computed in the chosen unit's own scaled space."""
    Xtr, _, ytr, _ = data.age_income_split()
    ytr = np.asarray(ytr).astype(int)
    w = widgets.age_income_knn(lang="en")
    try:
        for unit, scaler, k, age, income in (("$", "none", 31, 70, 12.0), ("M$", "minmax", 4, 20, 99.0),
                                             ("k$", "robust", 2, 45, 50.0), ("k$", "zscore", 30, 88, 3.0)):
            for name, value in dict(unit=unit, scaler=scaler, k=k, query_age=age, query_income=income).items():
                w.controls[name].value = value
            T = data.income_in_units(Xtr, unit)
            center, scale = metrics.fit_scaler(scaler, T)
            U = metrics.apply_scaler(T, center, scale)
            uq = metrics.apply_scaler(data.income_in_units(np.array([[age, income * 1e3]]), unit), center, scale)
            idx = metrics.knn_neighbors(U, uq, k)[0]
            np.testing.assert_array_equal(w.numbers["neighbour_idx"], idx)
            assert w.numbers["votes_high"] == int(ytr[idx].sum())
            assert w.numbers["prediction"] == int(metrics.knn_predict(U, ytr, uq, k)[0])
            np.testing.assert_array_equal(w.numbers["shares"], maths.squared_distance_shares(uq, U[idx]))
            np.testing.assert_array_equal(w.numbers["center"], center)
    finally:
        _close(w)


@pytest.mark.parametrize("seed", range(6))
def test_every_k_helpers_equal_knn_for_each_k_with_ties(seed):
    """maths.knn_grid_predict_every_k / knn_predict_every_k against metrics.knn_grid_predict / knn_predict for
    each k, on lattice data full of equal distances (ties at the k-th distance, beyond the kept prefix, tied
    votes, three labels)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(8, 60))
    X = rng.integers(0, 4, size=(n, 2)).astype(float)
    y = rng.integers(0, 2 + seed % 2, size=n) * 10 + 3
    y[:2] = [3, 13]
    xs, ys = np.arange(-1.0, 5.0, 0.5), np.arange(-1.0, 5.0, 1.0)
    k_max = int(rng.integers(1, n + 1))
    for dtype in (np.float32, np.float64):
        every = maths.knn_grid_predict_every_k(X, y, xs, ys, k_max, dtype=dtype)
        assert every.shape == (k_max, ys.size, xs.size)
        for k in range(1, k_max + 1):
            np.testing.assert_array_equal(every[k - 1], metrics.knn_grid_predict(X, y, xs, ys, k, dtype=dtype))
    Q = rng.integers(0, 4, size=(25, 2)).astype(float)
    every = maths.knn_predict_every_k(X, y, Q, k_max)
    for k in range(1, k_max + 1):
        np.testing.assert_array_equal(every[k - 1], metrics.knn_predict(X, y, Q, k))
    with pytest.raises(ValueError, match="k_max"):
        maths.knn_predict_every_k(X, y, Q, n + 1)


def test_age_income_scaler_labels_are_translated():
    """The scaler toggle and the readout speak the notebook's language; the values stay the scalers' names."""
    for lang, labels in (("uk", ("немає", "min-max", "стандартизація", "робастне")),
                         ("en", ("none", "min-max", "z-score", "robust"))):
        w = widgets.age_income_knn(lang=lang)
        try:
            toggle = w.controls["scaler"]
            assert tuple(toggle._options_labels) == labels
            assert tuple(toggle._options_values) == ("none", "minmax", "zscore", "robust")
            width = int(toggle.style.button_width.removesuffix("px"))
            assert width >= 8 * max(map(len, labels)) + 20 or lang == "en"    # ~7.6 px a letter at 13 px, padding
            for value, label in zip(("none", "minmax", "zscore", "robust"), labels):
                toggle.value = value
                assert f": {label};" in w.readout.value
            if lang == "uk":
                assert "параметри оцінюємо лише на train" in w.readout.value
                assert not {"z-score", "robust", "підібрано"} & set(re.findall(r"[\w-]+", w.readout.value))
        finally:
            _close(w)
