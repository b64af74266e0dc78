"""Module 03 widgets, headless: what each readout says and each view draws, recomputed independently (this module's
maths called directly on the raw data, numpy quantiles), every control moved through its values, artists updated in
place, both languages. The common widget contract is checked for every module by tests/test_conventions.py."""
from __future__ import annotations

import re

import numpy as np
import pytest
from sklearn.datasets import load_diabetes

from fsgeom import data as shared_data
from fsgeom.modules.m03_scaling import maths, widgets
from tests.conventions import check_widget, close_widget as _close


def _span(readout: str, cls: str) -> str:
    m = re.search(rf'<span class="fsgeom-{cls}">([^<]*)</span>', readout)
    assert m, f"no fsgeom-{cls} span in {readout!r}"
    return m.group(1)


def _wine():
    wine = shared_data.load_wine()
    names = list(wine.feature_names)
    return wine.X[:, [names.index("proline"), names.index("hue")]], wine.X[:, names.index("alcohol")]


def _scaled(X, sc):
    if sc == "none":
        return X
    if sc == "minmax":
        return (X - X.min(0)) / (X.max(0) - X.min(0))
    if sc == "zscore":
        return (X - X.mean(0)) / X.std(0)
    q1, med, q3 = np.percentile(X, [25, 50, 75], axis=0)
    return (X - med) / (q3 - q1)


# ------------------------------------------------------------------------------------- gradient descent
def test_gd_study_numbers_equal_direct_computation():
    X0, y = _wine()
    study = widgets.gd_study()
    for sc in widgets.SCALERS:
        X = _scaled(X0, sc)
        s = study[sc]
        np.testing.assert_allclose(s.X, X, rtol=1e-12, atol=1e-12)
        Xc = X - X.mean(0)
        ev = np.linalg.eigvalsh(Xc.T @ Xc)
        assert s.kappa == pytest.approx(ev[-1] / ev[0], rel=1e-9)
        assert s.L == pytest.approx(ev[-1] / len(y), rel=1e-12)
        for frac in (0.25, 0.5, 0.95):                    # the measured iterations are gd_iterations' own
            if sc != "none":
                assert s.iterations[frac] == maths.gd_iterations(X, y, lr=frac * 2 / s.L)
    # the story: raw features are hopeless, every scaler makes the problem easy
    assert study["none"].kappa > 1e6 and all(study[sc].kappa < 2 for sc in ("minmax", "zscore", "robust"))
    assert all(study["none"].iterations[f] is None for f in widgets.LR_FRACTIONS)
    assert study["zscore"].iterations[0.5] <= np.ceil(study["zscore"].bound)


def test_gd_raw_iterations_none_within_200000_steps():
    """The shortcut's None for raw data is what 200 000 real steps give (one slow run)."""
    X0, y = _wine()
    s = widgets.gd_study()["none"]
    assert maths.gd_iterations(X0, y, lr=1.0 / s.L) is None
    assert maths.gd_iterations_fast(X0, y, lr=1.0 / s.L) is None


def test_gd_gap_curve_closed_form_equals_iteration():
    X0, y = _wine()
    for sc in widgets.SCALERS:
        X = _scaled(X0, sc)
        L = maths.lipschitz(X)
        Wh = maths.gd_least_squares(X, y, 30, lr=0.8 / L)
        w_star = maths.lstsq_centred(X, y)[0]
        Xc, yc = X - X.mean(0), y - y.mean()
        loss = lambda w: 0.5 * np.mean((Xc @ w - yc) ** 2)  # noqa: E731
        direct = np.array([(loss(w) - loss(w_star)) / (loss(np.zeros(2)) - loss(w_star)) for w in Wh])
        np.testing.assert_allclose(maths.gd_gap_curve(X, y, 0.8 / L, 30), direct, rtol=1e-5, atol=1e-9)


def _check_gd_state(w, study, y):
    sc, frac, n = w.controls["scaler"].value, round(w.controls["lr"].value, 2), w.controls["steps"].value
    s = study[sc]
    lr = frac * 2 / s.L
    Wh = maths.gd_least_squares(s.X, y, n, lr=lr)
    np.testing.assert_allclose(w.numbers["path"], Wh)
    Xc, yc = s.X - s.X.mean(0), y - y.mean()
    loss = lambda v: 0.5 * np.mean((Xc @ v - yc) ** 2)  # noqa: E731
    gap = (loss(Wh[-1]) - loss(s.w_star)) / (loss(np.zeros(2)) - loss(s.w_star))
    assert w.numbers["gap"] == pytest.approx(gap, rel=1e-6, abs=1e-12)
    assert _span(w.readout.value, "gap") == f"{w.numbers['gap']:.3g}"
    assert w.numbers["kappa"] == s.kappa and w.numbers["iterations"] == s.iterations[frac]
    k_txt = _span(w.readout.value, "kappa")
    assert float(k_txt) == pytest.approx(s.kappa, rel=5e-3)
    its = _span(w.readout.value, "iterations")
    if s.iterations[frac] is not None:
        assert its == str(s.iterations[frac])
    assert _span(w.readout.value, "bound") == f"{np.ceil(maths.gd_bound(s.kappa)):.0f}"
    norm = np.linalg.norm(s.w_star)
    np.testing.assert_allclose(w.view.path.get_xydata(), Wh / norm)
    np.testing.assert_allclose(w.view.optimum.get_xydata(), [s.w_star / norm])
    assert len(w.view.gap_line.get_xdata()) == n + 1


def test_gd_explorer_every_control_value_in_place():
    study, y = widgets.gd_study(), widgets._target()
    w = widgets.gd_explorer(lang="en")
    try:
        artists = {id(a) for a in w.view.fig.findobj()}
        for sc in widgets.SCALERS:
            w.controls["scaler"].value = sc
            for frac in widgets.LR_FRACTIONS[::4] + (1.0, 1.05):
                w.controls["lr"].value = frac
                for n in (1, 17, 100):
                    w.controls["steps"].value = n
                    _check_gd_state(w, study, y)
            if sc != "none":
                w.controls["lr"].value = 1.05
                assert "diverges" in w.readout.value and w.numbers["gap"] > 1       # above 2/L: divergence
                w.controls["lr"].value = 0.5
                assert w.numbers["gap"] < 1e-6 or w.controls["steps"].value < 20
        w.controls["scaler"].value = "none"
        assert "not within 200 000" in w.readout.value
        assert {id(a) for a in w.view.fig.findobj()} == artists and w.view.full_draws <= 1
    finally:
        _close(w)


# ------------------------------------------------------------------------------------- outliers
def _bmi():
    d = load_diabetes(scaled=False)
    x = d.data[:, list(d.feature_names).index("bmi")]
    tr, te, _, _ = shared_data.train_test_split(x, x, seed=1)
    return tr, te


def test_outlier_scalers_every_k_widths_equal_quantiles():
    tr, te = _bmi()
    sd, i = tr.std(), int(np.argmax(tr))
    w = widgets.outlier_scalers(lang="en")
    try:
        artists = {id(a) for a in w.view.fig.findobj()}
        for k in (0.0, 1.0, 5.0, 20.0, 60.0):
            for show in (True, False):
                w.controls["k"].value = k
                w.controls["show_test"].value = show
                moved = tr.copy()
                moved[i] += k * sd
                bulk = np.delete(moved, i)
                direct = {"minmax": (bulk - moved.min()) / (moved.max() - moved.min()),
                          "zscore": (bulk - moved.mean()) / moved.std(),
                          "robust": (bulk - np.median(moved)) / np.subtract(*np.percentile(moved, [75, 25]))}
                for sc, z in direct.items():
                    lo, hi = np.quantile(z, [0.025, 0.975])
                    assert w.numbers["widths"][sc] == pytest.approx(hi - lo, rel=1e-9)
                    assert _span(w.readout.value, f"width-{sc}") == f"{hi - lo:.3f}"
                    band = w.view.strips[sc]["band"]
                    assert band.get_x() == pytest.approx(lo) and band.get_width() == pytest.approx(hi - lo)
                    np.testing.assert_allclose(w.view.strips[sc]["train"].get_xdata(), z, rtol=1e-9, atol=1e-12)
                    assert len(w.view.strips[sc]["test"].get_xdata()) == (te.size if show else 0)
                te01 = (te - moved.min()) / (moved.max() - moved.min())
                assert w.numbers["outside_test"] == int(np.sum((te01 < 0) | (te01 > 1)))
                assert w.numbers["outlier_raw"] == pytest.approx(tr[i] + k * sd)
        # the robust width does not move with the outlier; min-max and z-score shrink
        w.controls["k"].value = 0.0
        w0 = dict(w.numbers["widths"])
        w.controls["k"].value = 60.0
        w60 = w.numbers["widths"]
        assert w60["robust"] == pytest.approx(w0["robust"])
        assert w60["minmax"] < w0["minmax"] / 5 and w60["zscore"] < w0["zscore"]
        assert {id(a) for a in w.view.fig.findobj()} == artists
    finally:
        _close(w)


def test_outlier_test_points_outside_unit_interval_without_outlier():
    """Min-max fitted on train: at k = 0 some test values exceed the training range (shown and counted)."""
    tr, te = _bmi()
    w = widgets.outlier_scalers(k=0.0, lang="en")
    try:
        n = int(np.sum((te < tr.min()) | (te > tr.max())))
        assert n == 2 and w.numbers["outside_test"] == n and _span(w.readout.value, "outside") == str(n)
    finally:
        _close(w)


@pytest.mark.parametrize("name", ["gd_explorer", "outlier_scalers"])
def test_widget_contract(name):
    check_widget(name, getattr(widgets, name))


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_readouts_in_both_languages(lang):
    words = {"uk": ("Вино", "ітерацій", "Діабет", "Ширина"), "en": ("Wine", "iterations", "Diabetes", "Width")}[lang]
    g, o = widgets.gd_explorer(lang=lang), widgets.outlier_scalers(lang=lang)
    try:
        assert words[0] in g.readout.value and words[1] in g.readout.value.lower()
        assert words[2] in o.readout.value and words[3] in o.readout.value
        other = "en" if lang == "uk" else "uk"
        g2 = widgets.gd_explorer(lang=other)
        assert g2.readout.value != g.readout.value
        _close(g2)
    finally:
        _close(g)
        _close(o)
