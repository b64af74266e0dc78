"""Module 05 widgets, headless: what each readout says and each view draws, recomputed independently (SciPy's boxcox /
yeojohnson for λ̂ and the Box–Cox interval, the *_llf functions and brentq for the Yeo–Johnson interval, stats.skew,
stats.probplot's r, scipy.integrate.quad and closed-form densities), every control moved through its values, artists
updated in place, the invalid Box–Cox case, both languages. The common widget contract is checked for every module by
tests/test_conventions.py (and here, before the notebooks exist)."""
from __future__ import annotations

import re

import numpy as np
import pytest
from scipy import stats
from scipy.integrate import quad
from scipy.optimize import brentq

from fsgeom.modules.m05_skew import data, plots, widgets
from tests.conventions import check_widget, close_widget as _close

CHI = stats.chi2.ppf(0.95, 1) / 2


def _span(readout: str, cls: str) -> str:
    m = re.search(rf'<span class="fsgeom-{cls}">(.*?)</span>', readout)
    assert m, f"no fsgeom-{cls} span in {readout!r}"
    return m.group(1)


def _f(text: str) -> float:
    return float(text.replace("−", "-"))


# ------------------------------------------------------------------------------------- independent oracles
def _llf(lam, x, method):
    with np.errstate(all="ignore"):
        return stats.boxcox_llf(lam, x) if method == "box-cox" else stats.yeojohnson_llf(lam, x)


def _oracle_fit(x, method):
    """(λ̂, (lo, hi)) from SciPy: boxcox(alpha=0.05) for Box–Cox; yeojohnson and brentq on yeojohnson_llf."""
    if method == "box-cox":
        _, lam, ci = stats.boxcox(x, alpha=0.05)
        return lam, ci
    with np.errstate(all="ignore"):
        _, lam = stats.yeojohnson(x)
    top = _llf(lam, x, method)
    g = lambda t: _llf(t, x, method) - (top - CHI)  # noqa: E731
    step = max(1.0, abs(lam))
    lo = brentq(g, lam - 10 * step if g(lam - 10 * step) < 0 else lam - 100 * step, lam, xtol=1e-12)
    hi = brentq(g, lam, lam + 10 * step if g(lam + 10 * step) < 0 else lam + 100 * step, xtol=1e-12)
    return lam, (lo, hi)


def _transform(x, lam, method):
    with np.errstate(all="ignore"):
        return stats.boxcox(x, lam) if method == "box-cox" else stats.yeojohnson(x, lam)


ORACLE = {(k, m): _oracle_fit(data.dataset(k), m) for k in plots.DATA_KEYS for m in ("box-cox", "yeo-johnson")
          if m == "yeo-johnson" or data.dataset(k).min() > 0}


def _check_lambda_state(w):
    key, method, lam = w.controls["data"].value, w.controls["method"].value, round(w.controls["lam"].value, 4)
    x = data.dataset(key)
    n, r, v = w.numbers, w.readout.value, w.view
    assert (n["data"], n["method"], n["lam"]) == (key, method, pytest.approx(lam))
    assert n["skew_before"] == pytest.approx(stats.skew(x), rel=1e-9)
    assert _f(_span(r, "skew-before")) == pytest.approx(stats.skew(x), abs=6e-3)
    if (key, method) not in ORACLE:
        assert x.min() <= 0 and n["valid"] is False and np.isnan(n["lam_hat"]) and np.isnan(n["skew_after"])
        assert "x > 0" in _span(r, "invalid")
        assert not v.hist.get_visible() and not v.qq.get_visible() and not v.curve.get_visible()
        assert all(m.get_visible() and "x > 0" in m.get_text() for m in v.messages)
        return
    lam_hat, (lo, hi) = ORACLE[(key, method)]
    assert n["valid"] is True and all(not m.get_visible() for m in v.messages)
    assert n["lam_hat"] == pytest.approx(lam_hat, rel=1e-6, abs=1e-6)
    np.testing.assert_allclose(n["interval"], (lo, hi), rtol=1e-6, atol=1e-6)
    assert _f(_span(r, "lam-hat")) == pytest.approx(lam_hat, abs=6e-4)
    assert _f(_span(r, "interval-lo")) == pytest.approx(lo, abs=6e-4)
    assert _f(_span(r, "interval-hi")) == pytest.approx(hi, abs=6e-4)
    assert _f(_span(r, "lam")) == pytest.approx(lam, abs=6e-3)
    y = _transform(x, lam, method)
    assert n["skew_after"] == pytest.approx(stats.skew(y), rel=1e-6, abs=1e-9)
    (osm, osr), (_, _, r_pp) = stats.probplot(y)
    assert n["qq_r"] == pytest.approx(r_pp, abs=1e-9)
    assert _span(r, "qq-r") == f"{r_pp:.4f}"
    # the panels
    z = (y - y.mean()) / y.std()
    counts, _ = np.histogram(z, bins=plots.HIST_EDGES)
    np.testing.assert_allclose(v.hist.get_data().values, counts / (z.size * 0.2), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(v.qq.get_xdata(), osm, atol=1e-9)
    np.testing.assert_allclose(v.qq.get_ydata(), (osr - osr.mean()) / osr.std(), atol=1e-6)
    lams, drop = v.curve.get_data()
    top = _llf(lam_hat, x, method)
    for k in (0, 60, 120, 180, 240):
        assert drop[k] == pytest.approx(_llf(lams[k], x, method) - top, abs=1e-6 * max(1.0, abs(top)))
    assert v.mle.get_xdata()[0] == pytest.approx(lam_hat, rel=1e-6, abs=1e-6)
    assert v.band.get_x() == pytest.approx(lo, rel=1e-6, abs=1e-6)
    assert v.band.get_width() == pytest.approx(hi - lo, rel=1e-5, abs=1e-6)
    assert v.current.get_xdata()[0] == pytest.approx(lam)
    (px, py), = v.current_point.get_xydata()
    d = _llf(lam, x, method) - top
    assert px == pytest.approx(lam)
    assert (py == pytest.approx(d, abs=1e-6 * max(1.0, abs(top)))) if d > -29.4 else v.current_point.get_marker() == "v"
    assert ('class="fsgeom-outside"' in r) is bool(abs(lam_hat) > 3)


def test_fits_match_scipy_and_documented_numbers():
    lam_hat, (lo, hi), _, _ = widgets.fit("area_error", "box-cox")
    assert lam_hat == pytest.approx(-0.4357, abs=1e-4) and (lo, hi) == (pytest.approx(-0.5423, abs=1e-4),
                                                                         pytest.approx(-0.3305, abs=1e-4))
    assert widgets.default_lambda("area_error", "box-cox") == pytest.approx(-0.45)
    assert widgets.default_lambda("left", "box-cox") == 3.0          # λ̂ = 7.03, clipped to the slider
    assert widgets.fit("fractal_dimension_error", "yeo-johnson")[0] == pytest.approx(-279.84, abs=0.01)
    assert widgets.fit("negatives", "box-cox") is None and widgets.fit("precipitation", "box-cox") is None
    for (k, m), (lam, ci) in ORACLE.items():
        f = widgets.fit(k, m)
        assert f[0] == pytest.approx(lam, rel=1e-6, abs=1e-6), (k, m)
        np.testing.assert_allclose(f[1], ci, rtol=1e-6, atol=1e-6)


def test_lambda_explorer_every_control_value_in_place():
    w = widgets.lambda_explorer(lang="en")
    try:
        _check_lambda_state(w)
        w.view.fig.canvas.draw()
        artists = {id(a) for a in w.view.fig.findobj()}
        limits = [(ax.get_xlim(), ax.get_ylim()) for ax in w.view.fig.axes]
        draws = w.view.full_draws
        for key in plots.DATA_KEYS:
            w.controls["data"].value = key
            for method in ("yeo-johnson", "box-cox"):
                w.controls["method"].value = method
                for lam in (-3.0, -1.0, -0.45, 0.0, 0.05, 0.5, 1.0, 3.0):
                    w.controls["lam"].value = lam
                    _check_lambda_state(w)
        assert {id(a) for a in w.view.fig.findobj()} == artists and w.view.full_draws == draws
        assert [(ax.get_xlim(), ax.get_ylim()) for ax in w.view.fig.axes] == limits
    finally:
        _close(w)


@pytest.mark.parametrize("key", ["negatives", "precipitation"])
def test_box_cox_on_data_that_are_not_positive(key):
    w = widgets.lambda_explorer(data=key, method="box-cox", lang="en")
    try:
        assert w.numbers["valid"] is False and w.controls["lam"].value == 1.0
        assert "Box–Cox needs x > 0: choose Yeo–Johnson" in w.readout.value
        png = w.view.png()
        assert png.startswith(b"\x89PNG")
        w.controls["lam"].value = 0.0                      # log of zeros: still no crash, still the message
        assert w.numbers["valid"] is False
        w.controls["method"].value = "yeo-johnson"
        assert w.numbers["valid"] is True and w.view.hist.get_visible()
        _check_lambda_state(w)
        w.controls["method"].value = "box-cox"
        assert w.numbers["valid"] is False and not w.view.hist.get_visible()
    finally:
        _close(w)


def test_lambda_explorer_story_mle_symmetrizes():
    w = widgets.lambda_explorer(data="area_error", method="box-cox", lang="en")
    try:
        assert w.controls["lam"].value == pytest.approx(-0.45)
        at_mle = dict(w.numbers)
        assert abs(at_mle["skew_after"]) < 0.1 < 5 < at_mle["skew_before"] and at_mle["qq_r"] > 0.99
        w.controls["lam"].value = 1.0
        assert w.numbers["skew_after"] == pytest.approx(at_mle["skew_before"], rel=1e-9)   # linear map
        assert w.numbers["qq_r"] < 0.9
    finally:
        _close(w)


# ------------------------------------------------------------------------------------- density change
MU, SIGMA = widgets.DENSITY_MU, widgets.DENSITY_SIGMA


def _f_y_closed(g, lam):
    """f_Y by hand: log -> N(0.7, 0.5²); sqrt -> lognormal(0.35, 0.25²); Box–Cox: f_X(x)·x^(1−λ) at
    x = (1 + λy)^(1/λ)."""
    if g == "log" or (g == "boxcox" and lam == 0):
        return lambda y: stats.norm.pdf(y, MU, SIGMA)
    if g == "sqrt":
        return lambda y: stats.lognorm.pdf(y, SIGMA / 2, scale=np.exp(MU / 2))

    def f(y):
        base = 1 + lam * np.asarray(y, dtype=float)
        with np.errstate(all="ignore"):
            x = np.where(base > 0, np.abs(base) ** (1 / lam), np.nan)
            out = stats.lognorm.pdf(x, SIGMA, scale=np.exp(MU)) * x ** (1 - lam)
        return np.where(np.isfinite(out), out, 0.0)
    return f


def _support(g, lam):
    """Where Y lives up to 1e-33 of mass: g of exp(0.7 ± 12·0.5), with g written here."""
    x = np.exp(MU + np.arange(-12.0, 12.5, 0.5) * SIGMA)
    y = np.log(x) if g == "log" else np.sqrt(x) if g == "sqrt" else (np.log(x) if lam == 0 else (x ** lam - 1) / lam)
    return y


def _check_density_state(w):
    g, lam = w.controls["g"].value, round(w.controls["lam"].value, 4)
    n, r, v = w.numbers, w.readout.value, w.view
    assert (n["g"], n["lam"]) == (g, pytest.approx(lam))
    X = np.exp(np.random.default_rng(widgets.DENSITY_SEED).normal(MU, SIGMA, 20_000))
    np.testing.assert_array_equal(widgets.density_sample(), X)
    y = np.log(X) if g == "log" else np.sqrt(X) if g == "sqrt" else stats.boxcox(X, lam)
    f = _f_y_closed(g, lam)
    ys = _support(g, lam)
    total = sum(quad(f, a, b)[0] for a, b in zip(ys[:-1], ys[1:]))
    assert total == pytest.approx(1.0, abs=1e-6)
    assert n["integral"] == pytest.approx(1.0, abs=2e-4)
    assert _f(_span(r, "integral")) == pytest.approx(n["integral"], abs=6e-5)
    lo, hi = n["range"]
    q0, q1 = np.quantile(y, [0.0005, 0.9995])
    assert (lo, hi) == (pytest.approx(q0 - 0.05 * (q1 - q0)), pytest.approx(q1 + 0.05 * (q1 - q0)))
    edges = np.linspace(lo, hi, 61)
    counts, _ = np.histogram(y, bins=edges)
    width = edges[1] - edges[0]
    hist = counts / (y.size * width)
    bin_mean = np.array([quad(f, e, e + width)[0] / width for e in edges[:-1]])
    l1 = np.sum(np.abs(hist - bin_mean)) * width
    assert n["l1"] == pytest.approx(l1, abs=1e-3)          # 9-point midpoint rule per bin vs quad
    assert 0.005 < n["l1"] < 0.08                       # sampling noise only: the formula is right
    assert _f(_span(r, "l1")) == pytest.approx(n["l1"], abs=6e-5)
    # the panels: the map and f_Y in the live [lo, hi] coordinates
    top = v.d_ticks.hi
    np.testing.assert_allclose(v.hist_y.get_data().values * top, hist, rtol=1e-9, atol=1e-12)
    u, fy = v.fy.get_data()
    yy = lo + u * (hi - lo)
    np.testing.assert_allclose(fy * top, f(yy), rtol=1e-7, atol=1e-10)
    gx = np.log(v.x_grid) if g == "log" else np.sqrt(v.x_grid) if g == "sqrt" else stats.boxcox(v.x_grid, lam)
    np.testing.assert_allclose(lo + v.g_curve.get_ydata() * (hi - lo), gx, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(lo + v.ghost.get_ydata() * (hi - lo), stats.boxcox(v.x_grid, lam), rtol=1e-9,
                               atol=1e-9)
    if g == "log":
        assert n["max_diff_normal"] < 1e-12 and "exactly N(0.7, 0.5²)" in r
    else:
        assert np.isnan(n["max_diff_normal"])
    assert (v.ghost_label.get_text() == "") is (g == "boxcox")


def test_density_change_every_control_value_in_place():
    w = widgets.density_change(lang="en")
    try:
        _check_density_state(w)
        w.view.fig.canvas.draw()
        artists = {id(a) for a in w.view.fig.findobj()}
        limits = [(ax.get_xlim(), ax.get_ylim()) for ax in w.view.fig.axes]
        draws = w.view.full_draws
        for g in ("sqrt", "boxcox", "log"):
            w.controls["g"].value = g
            for lam in (-1.0, -0.5, 0.0, 0.05, 0.5, 1.0, 2.0):
                w.controls["lam"].value = lam
                _check_density_state(w)
        assert {id(a) for a in w.view.fig.findobj()} == artists and w.view.full_draws == draws
        assert [(ax.get_xlim(), ax.get_ylim()) for ax in w.view.fig.axes] == limits
    finally:
        _close(w)


def test_density_change_boxcox_at_zero_is_log():
    w = widgets.density_change(g="boxcox", lam=0.0, lang="en")
    try:
        bc = dict(w.numbers)
        w.controls["g"].value = "log"
        assert bc["integral"] == pytest.approx(w.numbers["integral"]) and bc["l1"] == pytest.approx(w.numbers["l1"])
    finally:
        _close(w)


# ------------------------------------------------------------------------------------- contract and languages
@pytest.mark.parametrize("name", ["lambda_explorer", "density_change"])
def test_widget_contract(name):
    check_widget(name, getattr(widgets, name))


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_readouts_in_both_languages(lang):
    words = {"uk": ("Асиметрія", "інтервал", "Інтеграл f_Y", "Відстань L1", "потребує x > 0"),
             "en": ("Skewness", "interval", "Integral of f_Y", "L1 distance", "needs x > 0")}[lang]
    a, d = widgets.lambda_explorer(lang=lang), widgets.density_change(lang=lang)
    try:
        assert words[0] in a.readout.value and words[1] in a.readout.value
        assert words[2] in d.readout.value and words[3] in d.readout.value
        a.controls["data"].value = "precipitation"
        assert words[4] in a.readout.value
        assert a.controls["data"].label == plots.LABELS("d_precipitation", lang=lang)
        texts = " ".join(t.get_text() for t in a.view.fig.findobj(lambda o: hasattr(o, "get_text")))
        assert ("Профіль" in texts) is (lang == "uk")
        other = "en" if lang == "uk" else "uk"
        d2 = widgets.density_change(lang=other)
        assert d2.readout.value != d.readout.value
        _close(d2)
    finally:
        _close(a)
        _close(d)
