"""Module 04 widgets, headless: what each readout says and each view draws, recomputed independently (scikit-learn's
Lasso on an equivalent least-squares problem, the ridge normal equations, np.polyfit, a linear program for the
least-absolute-deviations line, Monte-Carlo midpoints), every control moved through its values, artists updated in
place, both languages. The common widget contract is checked for every module by tests/test_conventions.py."""
from __future__ import annotations

import re

import numpy as np
import pytest
from scipy.optimize import linprog
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso

from fsgeom.modules.m04_normalization import widgets
from tests.conventions import check_widget, close_widget as _close

A, C = widgets.PEN_A, widgets.PEN_C


def _span(readout: str, cls: str) -> str:
    m = re.search(rf'<span class="fsgeom-{cls}">([^<]*)</span>', readout)
    assert m, f"no fsgeom-{cls} span in {readout!r}"
    return m.group(1)


def _vec(text: str) -> np.ndarray:
    return np.array([float(v) for v in text.strip("()").split(",")])


# ------------------------------------------------------------------------------------- independent oracles
def _lasso_sklearn(lam: float) -> np.ndarray:
    """1/2 (w - c)^T A (w - c) = 1/(2n) ||y - X w||^2 + const with X = sqrt(n) L^T (A = L L^T), y = X c."""
    n = 2
    L = np.linalg.cholesky(A)
    X = np.sqrt(n) * L.T
    y = X @ C
    if lam == 0:
        return C.copy()
    return Lasso(alpha=lam, fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(X, y).coef_


def _ridge(lam: float) -> np.ndarray:
    # gradient A (w - c) + lam w = 0
    return np.linalg.solve(A + lam * np.eye(2), A @ C)


def _lp_norm(X, p):
    return (np.abs(X) ** p).sum(axis=1) ** (1 / p)


def _lad_linprog(x, y):
    """min sum(u + v) s.t. a x_i + b + u_i - v_i = y_i, u, v >= 0."""
    n = x.size
    cost = np.r_[0.0, 0.0, np.ones(2 * n)]
    A_eq = np.hstack([x[:, None], np.ones((n, 1)), np.eye(n), -np.eye(n)])
    bounds = [(None, None), (None, None)] + [(0, None)] * (2 * n)
    res = linprog(cost, A_eq=A_eq, b_eq=y, bounds=bounds, method="highs")
    assert res.success
    return res.x[0], res.x[1], res.fun


def _subsample():
    d = load_diabetes(scaled=False)
    rows = np.sort(np.random.default_rng(widgets.LINES_SEED).choice(442, 40, replace=False))
    x = d.data[rows, list(d.feature_names).index("bmi")]
    return x, d.target[rows].astype(float)


# ------------------------------------------------------------------------------------- unit_balls
def test_penalty_loss_story_lambda_ranges():
    """The documented ranges: L1 interior below 1.43, on the corner w2 = 0 for 1.43 <= lam < 2.42, 0 from 2.42;
    L2 never has a zero coordinate."""
    for lam in np.round(np.arange(0.0, widgets.LAM_MAX + 1e-9, 0.05), 2):
        w1, w2 = widgets.penalty_solutions(lam)
        ref = _lasso_sklearn(lam)
        np.testing.assert_allclose(w1, ref, atol=1e-7)
        np.testing.assert_array_equal(w1 == 0.0, np.abs(ref) < 1e-12)
        np.testing.assert_allclose(w2, _ridge(lam), rtol=1e-12)
        assert np.all(w2 != 0.0)
        if lam < 1.43:
            assert np.all(w1 != 0.0), lam
        elif lam < 2.42:
            assert w1[0] > 0 and w1[1] == 0.0, lam
        else:
            assert np.all(w1 == 0.0), lam
    assert (A @ C)[0] == pytest.approx(2.42)


def test_cloud_inside_the_panel_and_on_both_sides_of_the_balls():
    P = widgets.cloud()
    assert P.shape == (30, 2) and np.abs(P).max() < 2.2
    r2 = np.linalg.norm(P, axis=1)
    assert 5 < np.sum(r2 < 1) < 25


def _check_balls_state(w):
    p, lam = round(w.controls["p"].value, 2), round(w.controls["lam"].value, 4)
    n = w.numbers
    assert n["p"] == pytest.approx(p) and n["lam"] == pytest.approx(lam)
    # images on the sphere, same direction as the points
    P = widgets.cloud()
    img = n["images"]
    np.testing.assert_allclose(_lp_norm(img, p), 1.0, rtol=1e-10)
    np.testing.assert_allclose(img * _lp_norm(P, p)[:, None], P, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(w.view.images.get_xydata(), img)
    segs = w.view.segments.get_segments()
    assert len(segs) == 30 and np.allclose(segs[3], [P[3], img[3]])
    ball = w.view.ball.get_xydata()
    np.testing.assert_allclose(_lp_norm(ball, p), 1.0, rtol=1e-9)
    # convexity and violations: Monte-Carlo midpoints computed here
    assert n["convex"] is (p >= 1)
    rng = np.random.default_rng(0)
    S = rng.standard_normal((2 * widgets.VIOLATION_PAIRS, 2))
    S = S / _lp_norm(S, p)[:, None]
    mid = _lp_norm((S[0::2] + S[1::2]) / 2, p)
    share = np.mean(mid > 1 + 1e-12)
    assert n["violations"] == pytest.approx(share)
    assert bool(share > 0) is (p < 1)
    assert _span(w.readout.value, "violations") == f"{100 * share:.1f} %"
    # penalties
    ref1, ref2 = _lasso_sklearn(lam), _ridge(lam)
    np.testing.assert_allclose(n["w_l1"], ref1, atol=1e-7)
    np.testing.assert_allclose(n["w_l2"], ref2, rtol=1e-12)
    np.testing.assert_allclose(_vec(_span(w.readout.value, "w-l1")), ref1, atol=6e-4)
    np.testing.assert_allclose(_vec(_span(w.readout.value, "w-l2")), ref2, atol=6e-4)
    assert n["l1_zero"] is bool(np.any(np.abs(ref1) < 1e-12)) and n["l2_zero"] is False
    np.testing.assert_allclose(w.view.sol_l1.get_xydata(), [n["w_l1"]])
    np.testing.assert_allclose(w.view.sol_l2.get_xydata(), [n["w_l2"]])
    D = w.view.diamond.get_xydata()
    np.testing.assert_allclose(np.abs(D).sum(axis=1), np.abs(ref1).sum(), atol=1e-7)
    np.testing.assert_allclose(np.linalg.norm(w.view.circle.get_xydata(), axis=1), np.linalg.norm(ref2), rtol=1e-9)
    for line, wsol in ((w.view.ellipse_l1, n["w_l1"]), (w.view.ellipse_l2, n["w_l2"])):
        E = line.get_xydata() - C
        q = 0.5 * np.einsum("ti,ij,tj->t", E, A, E)
        wc = wsol - C
        np.testing.assert_allclose(q, 0.5 * wc @ A @ wc, rtol=1e-9, atol=1e-12)


def test_unit_balls_every_control_value_in_place():
    w = widgets.unit_balls(lang="en")
    try:
        w.view.fig.canvas.draw()
        artists = {id(a) for a in w.view.fig.findobj()}
        draws = w.view.full_draws
        for p in (0.5, 0.7, 0.9, 1.0, 1.3, 2.0, 3.1, 4.0):
            w.controls["p"].value = p
            for lam in (0.0, 0.5, 1.4, 1.45, 1.8, 2.4, 2.45, 3.0):
                w.controls["lam"].value = lam
                _check_balls_state(w)
        assert {id(a) for a in w.view.fig.findobj()} == artists and w.view.full_draws == draws
        w.controls["p"].value = 0.5
        assert _span(w.readout.value, "convex") == "no" and w.numbers["violations"] > 0.05
        w.controls["lam"].value = 1.8
        assert _span(w.readout.value, "l1-zero") == "yes" and _span(w.readout.value, "l2-zero") == "no"
        w.controls["lam"].value = 1.0
        assert _span(w.readout.value, "l1-zero") == "no"
    finally:
        _close(w)


def test_violations_cached_per_rounded_p():
    widgets._violations.cache_clear()
    a = widgets.violations(0.7)
    b = widgets.violations(0.7000000001)
    assert a == b and widgets._violations.cache_info().hits >= 1


# ------------------------------------------------------------------------------------- outlier_lines
def test_lines_data_is_the_documented_subsample():
    x, y = _subsample()
    lx, ly, i, sd, rows = widgets.lines_data()
    np.testing.assert_array_equal(lx, x)
    np.testing.assert_array_equal(ly, y)
    assert i == int(np.argmax(x)) and rows[i] == 366 and x[i] == pytest.approx(39.1) and y[i] == 233
    assert sd == pytest.approx(y.std())


def test_outlier_lines_every_shift_against_polyfit_and_linprog():
    x, y = _subsample()
    i, sd = int(np.argmax(x)), y.std()
    ls0 = np.polyfit(x, y, 1)
    w = widgets.outlier_lines(lang="en")
    try:
        artists = {id(a) for a in w.view.fig.findobj()}
        for s in np.arange(-10.0, 10.01, 0.5):
            w.controls["shift"].value = float(s)
            yy = y.copy()
            yy[i] += s * sd
            n = w.numbers
            assert n["shift"] == s and n["y_moved"] == pytest.approx(yy[i])
            np.testing.assert_allclose(n["ls"], np.polyfit(x, yy, 1), rtol=1e-9)
            np.testing.assert_allclose(n["ls0"], ls0, rtol=1e-9)
            a, b, cost = _lad_linprog(x, yy)
            got = np.abs(yy - n["lad"][0] * x - n["lad"][1]).sum()
            assert got == pytest.approx(cost, rel=1e-9)          # an optimal LAD line
            assert n["lad"][0] == pytest.approx(a, abs=1e-6)      # unique here
            assert n["mean"] == pytest.approx(yy.mean()) and n["median"] == np.median(yy)
            assert _span(w.readout.value, "ls-slope") == f"{n['ls'][0]:.2f}"
            assert _span(w.readout.value, "lad-slope") == f"{n['lad'][0]:.2f}"
            assert float(_span(w.readout.value, "ls-change").replace("−", "-")) == pytest.approx(
                n["ls"][0] - ls0[0], abs=6e-3)
            xs = w.view.ls_line.get_xdata()
            np.testing.assert_allclose(w.view.ls_line.get_ydata(), n["ls"][0] * xs + n["ls"][1])
            np.testing.assert_allclose(w.view.lad_line.get_ydata(), n["lad"][0] * xs + n["lad"][1])
            np.testing.assert_allclose(w.view.mean_line.get_ydata(), yy.mean())
            np.testing.assert_allclose(w.view.median_line.get_ydata(), np.median(yy))
            (mx, my), = w.view.moved.get_xydata()
            assert mx == x[i]
            y0, y1 = w.view.ax.get_ylim()
            if y0 <= yy[i] <= y1:
                assert my == pytest.approx(yy[i]) and w.view.moved.get_marker() == "D"
            else:
                assert w.view.moved.get_marker() == ("^" if yy[i] > y1 else "v") and y0 < my < y1
                assert w.view.moved_text.get_text() == f"y = {yy[i]:.0f}"
        assert {id(a) for a in w.view.fig.findobj()} == artists
    finally:
        _close(w)


def test_outlier_lines_story_mean_breaks_median_holds():
    """Least squares and the mean follow the moved point; LAD and the median barely move."""
    w = widgets.outlier_lines(shift=0.0, lang="en")
    try:
        base = dict(w.numbers)
        for s in (-10.0, 10.0):
            w.controls["shift"].value = s
            n = w.numbers
            assert abs(n["ls"][0] - base["ls"][0]) > 10
            assert abs(n["lad"][0] - base["lad"][0]) < 0.3 * abs(n["ls"][0] - base["ls"][0])
            assert abs(n["mean"] - base["mean"]) > 15 and abs(n["median"] - base["median"]) < 10
    finally:
        _close(w)


@pytest.mark.parametrize("name", ["unit_balls", "outlier_lines"])
def test_widget_contract(name):
    check_widget(name, getattr(widgets, name))


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_readouts_in_both_languages(lang):
    words = {"uk": ("опукла", "точний нуль", "Нахил МНК", "медіана"),
             "en": ("convex", "exact zero", "Least-squares slope", "median")}[lang]
    b, o = widgets.unit_balls(lang=lang), widgets.outlier_lines(lang=lang)
    try:
        assert words[0] in b.readout.value and words[1] in b.readout.value
        assert words[2] in o.readout.value and words[3] in o.readout.value
        texts = " ".join(t.get_text() for t in b.view.fig.findobj(lambda a: hasattr(a, "get_text")))
        assert ("Одинична куля" in texts) is (lang == "uk")
        other = "en" if lang == "uk" else "uk"
        b2 = widgets.unit_balls(lang=other)
        assert b2.readout.value != b.readout.value
        _close(b2)
    finally:
        _close(b)
        _close(o)
