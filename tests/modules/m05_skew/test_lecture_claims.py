"""The claims the 05-skew lecture notebook makes in its prose, recomputed (no notebook run).

nbval (lax mode) compares the printed numbers of the notebook's cells tagged "nbval-check-output" with the stored
outputs; these tests assert the numbers and the relations the prose draws from them ("area error: skewness 5.43,
0.80 after log", "λ̂ = −0.4357 with the interval (−0.5423, −0.3305) that excludes 0 and 1", "Yeo–Johnson's λ̂ is
−279.84 raw and −0.35 ×10⁴ while Box–Cox's stays −0.3081", "GaussianNB 0.9123 → 0.9357"), computed independently
where possible (SciPy, scikit-learn, numpy) so that a change of data or code that would make the text wrong fails
here. The last test checks that the uk and en editions quote the same numbers.
"""
from __future__ import annotations

import json
import re
import warnings
from collections import Counter

import numpy as np
import pytest
from scipy import integrate, optimize, special, stats
from threadpoolctl import threadpool_limits

from fsgeom import course
from fsgeom.modules.m05_skew import data, maths

SEED = 0


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    with threadpool_limits(1):
        yield


@pytest.fixture(scope="module")
def bc():
    from sklearn.datasets import load_breast_cancer
    b = load_breast_cancer()
    return b.data, b.target, list(b.feature_names)


def col(bc, name):
    X, _, names = bc
    return X[:, names.index(name)]


def yj_mle(x):
    """Yeo–Johnson's λ̂ by SciPy's own optimizer (Brent, unbounded)."""
    return stats.yeojohnson(x)[1]


# ------------------------------------------------------------------------ 1. skewed features
def test_skewed_features(bc):
    X, _, names = bc
    assert X.shape == (569, 30)
    positive = (X > 0).all(0)
    assert positive.sum() == 24 and (~positive).sum() == 6
    sk = stats.skew(X, axis=0)
    top = [names[j] for j in np.argsort(-np.abs(sk))[:5]]
    assert top == ["area error", "concavity error", "fractal dimension error", "perimeter error", "radius error"]
    assert [round(float(s), 2) for s in sorted(np.abs(sk), reverse=True)[:5]] == [5.43, 5.10, 3.91, 3.43, 3.08]
    a = col(bc, "area error")
    assert (round(a.min(), 1), round(a.max(), 1)) == (6.8, 542.2)
    rain = data.precipitation()
    assert rain.size == 1461 and round(stats.skew(rain), 2) == 3.50
    assert round(np.mean(rain == 0), 3) == 0.574 and round(100 * np.mean(rain == 0)) == 57 and rain.max() == 55.9


# ------------------------------------------------------------------------ 2. log
def test_log_lowers_skewness(bc):
    got = {n: (round(stats.skew(col(bc, n)), 2), round(stats.skew(np.log(col(bc, n))), 2))
           for n in ("area error", "fractal dimension error", "perimeter error", "radius error")}
    assert got == {"area error": (5.43, 0.80), "fractal dimension error": (3.91, 0.53),
                   "perimeter error": (3.43, 0.64), "radius error": (3.08, 0.57)}


def test_log_shift_of_precipitation():
    rain = data.precipitation()
    assert int(np.sum(rain <= 0)) == 838 and rain[rain > 0].min() == 0.3
    skews, rs = [], []
    for c in (0.01, 0.1, 1, 10):
        z = np.log(rain + c)
        skews.append(round(stats.skew(z), 2))
        rs.append(round(stats.probplot(z, fit=True)[1][2], 3))
        assert round(np.mean(z == np.log(c)), 3) == 0.574
    assert skews == [0.53, 0.77, 1.27, 2.15] and rs == [0.860, 0.868, 0.851, 0.795]
    assert [round(np.log(c), 2) for c in (0.01, 0.1, 1, 10)] == [-4.61, -2.30, 0.00, 2.30]
    wet = rain[rain > 0]
    assert wet.size == 623 and (round(stats.skew(wet), 2), round(stats.skew(np.log(wet)), 2)) == (2.27, -0.22)


# ------------------------------------------------------------------------ 3. Box–Cox
def test_without_jacobian_the_maximum_runs_off(bc):
    a = col(bc, "area error")
    lams = np.linspace(-5, 5, 201)
    crit = [-a.size / 2 * np.log(np.var(special.boxcox(a, lam))) for lam in lams]
    assert lams[int(np.argmax(crit))] == -5.0 and f"{np.var(special.boxcox(a, -5.0)):.1e}" == "1.1e-12"


def test_boxcox_mle_and_interval(bc):
    from sklearn.preprocessing import PowerTransformer
    a = col(bc, "area error")
    _, lam, (lo, hi) = stats.boxcox(a, alpha=0.05)
    assert (round(lam, 4), round(lo, 4), round(hi, 4)) == (-0.4357, -0.5423, -0.3305)
    assert round(stats.chi2.ppf(0.95, 1), 4) == 3.8415 and round(stats.chi2.ppf(0.95, 1) / 2, 4) == 1.9207
    ll = lambda l: stats.boxcox_llf(l, a)
    assert round(ll(lam), 2) == -1707.44 and round(ll(0), 2) == -1742.09 and round(ll(1), 2) == -2171.67
    assert (round(ll(lam) - ll(0), 2), round(ll(lam) - ll(1), 2)) == (34.65, 464.23)
    assert not lo < 0 < hi and not lo < 1 < hi
    assert abs(ll(lo) - (ll(lam) - 1.9207)) < 1e-3 and abs(ll(hi) - (ll(lam) - 1.9207)) < 1e-3
    assert round(stats.skew(special.boxcox(a, lam)), 2) == 0.06
    # ours agrees with SciPy and scikit-learn (the prose: "a difference of ~1e-8")
    ours = maths.mle_lambda(a)
    olo, ohi = maths.lambda_interval(a, lam_hat=ours)
    assert max(abs(ours - lam), abs(olo - lo), abs(ohi - hi)) < 1e-7
    assert round(PowerTransformer(method="box-cox").fit(a[:, None]).lambdas_[0], 4) == -0.4357


def test_boxcox_normmax_default_is_not_the_mle(bc):
    a = col(bc, "area error")
    pr = stats.boxcox_normmax(a)
    assert round(pr, 4) == -0.4752 and round(stats.boxcox_normmax(a, method="mle"), 4) == -0.4357
    # it maximizes the Q–Q correlation instead
    r = lambda l: stats.pearsonr(*stats.probplot(special.boxcox(a, l), fit=False))[0]
    assert r(pr) > r(-0.4357)
    _, lam, (lo, hi) = stats.boxcox(a, alpha=0.05)
    assert lo < pr < hi and round(stats.boxcox_llf(lam, a) - stats.boxcox_llf(pr, a), 2) == 0.27


def test_naive_formula_loses_digits(bc):
    a = col(bc, "area error")
    lam = 1e-12
    exact = np.log(a) + lam * np.log(a) ** 2 / 2
    naive = np.max(np.abs((a ** lam - 1) / lam / exact - 1))
    stable = np.max(np.abs(special.boxcox(a, lam) / exact - 1))
    assert f"{naive:.1e}" == "4.6e-05" and stable < 1e-15


# ------------------------------------------------------------------------ 4. Yeo–Johnson
def test_yeojohnson_is_continuous_in_lambda():
    xs = np.array([-3.0, -0.5, 0.0, 0.5, 3.0])
    for l0 in (0.0, 2.0):
        base = stats.yeojohnson(xs, l0)
        for e in (-1e-6, 1e-6):
            d = np.abs(stats.yeojohnson(xs, l0 + e) - base).max()
            assert f"{d:.1e}" == "7.3e-06"
            # first order in the step: |∂ψ/∂λ| is largest at x = −3, d/du [(4^u − 1)/u] at u = 2 − λ = 2 (λ₀ = 0)
            assert abs(d - 1e-6 * (2 * 16 * np.log(4) - 15) / 4) < 1e-10
            assert abs(np.abs(stats.yeojohnson(xs, l0 + e * 1e-3) - base).max() / d - 1e-3) < 1e-5
        np.testing.assert_allclose(maths.yeojohnson(xs, l0), base, atol=1e-15)


def test_yeojohnson_on_left_skew_and_negatives():
    out = {}
    for name in ("left", "negatives"):
        x = np.asarray(data.synthetic(name))
        lam = yj_mle(x)
        assert abs(lam - maths.mle_lambda(x, "yeo-johnson", bounds=(-5, 15))) < 1e-6
        z = stats.yeojohnson(x, lam)
        out[name] = (round(stats.skew(x), 2), round(stats.skew(z), 2), round(stats.probplot(x)[1][2], 3),
                     round(stats.probplot(z)[1][2], 3), round(np.mean(x < 0), 3))
        out[name + "_lam"] = lam
    assert out["left"] == (-1.96, -0.22, 0.920, 0.992, 0.0) and round(out["left_lam"], 2) == 7.80
    assert out["negatives"] == (1.96, 0.16, 0.920, 0.994, 0.746) and round(out["negatives_lam"], 4) == -0.1209
    assert out["left_lam"] > 5 and round(100 * 0.746) == 75
    assert data.synthetic("left").size == data.synthetic("negatives").size == 500


def test_the_unit_trap(bc):
    from sklearn.preprocessing import PowerTransformer, StandardScaler
    f = col(bc, "fractal dimension error")
    assert (round(f.min(), 4), round(f.max(), 2)) == (0.0009, 0.03)
    yj = [yj_mle(k * f) for k in (1, 10, 1000, 10_000)]
    assert [round(v, 2) for v in yj] == [-279.84, -28.73, -0.68, -0.35]
    for k, v in zip((1, 10, 1000, 10_000), yj):
        assert abs(v - maths.mle_lambda(k * f, "yeo-johnson", bounds=(-400, 50), grid=451)) < 1e-4 * max(1, abs(v))
        assert round(stats.boxcox(k * f)[1], 4) == -0.3081
    assert [round(stats.skew(stats.yeojohnson(k * f, v)), 2) for k, v in zip((1, 10, 1000, 10_000), yj)] == \
        [0.23, 0.22, 0.02, 0.00]
    pt = [PowerTransformer().fit((k * f)[:, None]).lambdas_[0] for k in (1, 10_000)]
    assert (round(pt[0], 2), round(pt[1], 2)) == (-279.84, -0.35)
    std = [yj_mle(StandardScaler().fit_transform((k * f)[:, None]).ravel()) for k in (1, 10, 1000, 10_000)]
    assert all(round(v, 4) == -0.2572 for v in std)
    z = StandardScaler().fit_transform(f[:, None]).ravel()
    assert round(stats.skew(stats.yeojohnson(z, std[0])), 2) == 0.10


# ------------------------------------------------------------------------ 5. change of density
def test_change_of_density():
    sd = 0.6
    lognormal = stats.lognorm(s=sd)
    y = np.linspace(-4, 4, 2001)
    f_y = lognormal.pdf(np.exp(y)) * np.exp(y)
    assert np.abs(f_y - stats.norm(0, sd).pdf(y)).max() < 1e-15
    assert np.abs(maths.density_after("log", lambda t: maths.lognormal_pdf(t, 0, sd), y) - stats.norm(0, sd).pdf(y)).max() < 1e-15
    # f_Y integrates to 1 (computed here by hand, not with maths.density_after)
    dens = {"log": (lambda t: lognormal.pdf(np.exp(t)) * np.exp(t), -12, 12),  # N(0, 0.6²) beyond ±12: < 1e-40
            "sqrt": (lambda t: lognormal.pdf(t ** 2) * 2 * t, 0, np.inf),
            "boxcox": (lambda t: lognormal.pdf((1 + 0.5 * t) ** 2) * (1 + 0.5 * t), -2, np.inf)}
    for g, (fy, a, b) in dens.items():
        assert abs(integrate.quad(fy, a, b, limit=200)[0] - 1) < 1e-10, g


def test_histogram_against_formula():
    sample = np.exp(np.random.default_rng(SEED).normal(0.0, 0.6, 5000))
    f_x = stats.lognorm(s=0.6).pdf

    def l1(ys, fy):
        edges = np.linspace(ys.min(), ys.max(), 41)
        hist, _ = np.histogram(ys, bins=edges, density=True)
        mass = [integrate.quad(fy, a, b)[0] for a, b in zip(edges[:-1], edges[1:])]
        return np.sum(np.abs(hist * np.diff(edges) - mass))

    got = {"log": l1(np.log(sample), lambda t: f_x(np.exp(t)) * np.exp(t)),
           "sqrt": l1(np.sqrt(sample), lambda t: f_x(t ** 2) * 2 * t),
           "boxcox": l1(special.boxcox(sample, 0.5), lambda t: f_x((1 + 0.5 * t) ** 2) * (1 + 0.5 * t)),
           "nojac": l1(np.log(sample), lambda t: f_x(np.exp(t)))}
    # the lecture uses a 9-point midpoint rule per bin (maths.histogram_l1); the exact bin integrals differ by < 0.001
    assert abs(got["log"] - 0.045) < 0.0015 and abs(got["sqrt"] - 0.056) < 0.0015
    assert abs(got["boxcox"] - got["sqrt"]) < 1e-9 and abs(got["nojac"] - 0.526) < 0.0015
    assert got["nojac"] > 10 * got["log"]


# ------------------------------------------------------------------------ 6. on a model
def test_normality_measures(bc):
    rows = {}
    for name in ("area error", "fractal dimension error"):
        x = col(bc, name)
        lam = stats.boxcox(x)[1]
        rows[name] = [(round(stats.skew(v), 2), round(stats.probplot(v)[1][2], 3), round(stats.shapiro(v).statistic, 3))
                      for v in (x, np.log(x), special.boxcox(x, lam))]
    assert rows["area error"] == [(5.43, 0.747, 0.564), (0.80, 0.975, 0.950), (0.06, 0.995, 0.989)]
    assert [r[1] for r in rows["fractal dimension error"]] == [0.831, 0.992, 0.999]
    assert stats.shapiro(special.boxcox(col(bc, "area error"), stats.boxcox(col(bc, "area error"))[1])).pvalue < 0.05
    assert np.isclose(maths.qq_correlation(col(bc, "area error")), stats.probplot(col(bc, "area error"))[1][2], atol=1e-12)


def test_gaussian_nb(bc):
    from sklearn.model_selection import train_test_split
    from sklearn.naive_bayes import GaussianNB
    from sklearn.preprocessing import PowerTransformer, QuantileTransformer, StandardScaler
    X, y, _ = bc
    A, B, ya, yb = train_test_split(X, y, test_size=0.3, random_state=SEED)
    assert (len(A), len(B)) == (398, 171)
    acc = {"raw": GaussianNB().fit(A, ya).score(B, yb)}
    tfs = {"z": StandardScaler().fit(A), "yj": PowerTransformer().fit(A),
           "qt": QuantileTransformer(output_distribution="normal", n_quantiles=len(A)).fit(A)}
    for k, tf in tfs.items():
        acc[k] = GaussianNB().fit(tf.transform(A), ya).score(tf.transform(B), yb)
    assert {k: round(v * 171) for k, v in acc.items()} == {"raw": 158, "z": 156, "yj": 160, "qt": 157}
    assert {k: round(v, 4) for k, v in acc.items()} == {"raw": 0.9240, "z": 0.9123, "yj": 0.9357, "qt": 0.9181}
    # raw ≠ z-scored only through var_smoothing (1e-9 × the largest variance): without it they agree
    assert GaussianNB(var_smoothing=1e-15).fit(A, ya).score(B, yb) == acc["z"]
    within = lambda M: np.median([abs(stats.skew(M[ya == k, j])) for k in (0, 1) for j in range(M.shape[1])])
    assert (round(within(tfs["z"].transform(A)), 2), round(within(tfs["yj"].transform(A)), 2)) == (1.02, 0.30)
    scores = []
    for seed in range(20):
        A, B, ya, yb = train_test_split(X, y, test_size=0.3, random_state=seed)
        scores.append([GaussianNB().fit(tf.transform(A), ya).score(tf.transform(B), yb)
                       for tf in (StandardScaler().fit(A), PowerTransformer().fit(A))])
    s = np.array(scores)
    assert (round(s[:, 0].mean(), 4), round(s[:, 1].mean(), 4)) == (0.9327, 0.9465)
    assert (int(np.sum(s[:, 1] > s[:, 0])), int(np.sum(s[:, 1] < s[:, 0]))) == (17, 2)
    assert round(100 * (s[:, 1].mean() - s[:, 0].mean()), 1) == 1.4


def test_quantile_transformer_overfits_small_train(bc):
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import PowerTransformer, QuantileTransformer
    a = col(bc, "area error")
    tr, te = train_test_split(a, train_size=30, random_state=SEED)
    assert te.size == 539
    zq = QuantileTransformer(output_distribution="normal", n_quantiles=30).fit(tr[:, None]).transform(te[:, None]).ravel()
    zp = PowerTransformer(method="box-cox").fit(tr[:, None]).transform(te[:, None]).ravel()
    assert (round(stats.probplot(zq)[1][2], 3), round(stats.probplot(zp)[1][2], 3)) == (0.948, 0.991)
    out = (te < tr.min()) | (te > tr.max())
    assert round(out.mean(), 3) == 0.045 and round(100 * out.mean(), 1) == 4.5
    assert set(np.round(np.abs(zq[out]), 2)) == {5.20} and round(stats.norm.ppf(1 - 1e-7), 2) == 5.20
    assert (round(zp[out].min(), 2), round(zp[out].max(), 2)) == (-3.87, 2.53)


# ------------------------------------------------------------------------ 7. the real tools
def test_tools_agree(bc):
    from sklearn.preprocessing import PowerTransformer
    a = col(bc, "area error")
    neg = np.asarray(data.synthetic("negatives"))
    lam = stats.boxcox(a)[1]
    assert np.abs(stats.boxcox(a, lam) - maths.boxcox(a, lam)).max() <= 4.5e-16
    assert np.abs(special.boxcox(a, 1e-12) - maths.boxcox(a, 1e-12)).max() <= 4.5e-16
    assert np.abs(stats.yeojohnson(neg, 0.7) - maths.yeojohnson(neg, 0.7)).max() <= 4.5e-16
    assert abs(stats.boxcox_llf(lam, a) - maths.llf(lam, a)) < 1e-12 * 1e3
    assert abs(stats.yeojohnson_llf(0.7, neg) - maths.llf(0.7, neg, "yeo-johnson")) < 1e-12
    assert abs(stats.skew(a) - maths.skewness(a)) < 1e-14
    pt = PowerTransformer(method="box-cox", standardize=False).fit(a[:, None])
    assert abs(pt.lambdas_[0] - maths.mle_lambda(a)) < 1e-7
    back = pt.inverse_transform(pt.transform(a[:, None])).ravel()
    assert np.abs(back - a).max() < 1e-11 and a.max() < 543
    _, lo, hi = (None, *stats.boxcox(a, alpha=0.05)[2])
    assert round(hi - lo, 2) == 0.21


# ------------------------------------------------------------------------ the two editions
def test_editions_quote_the_same_numbers():
    def numbers(lang):
        path = course.root() / "lectures" / lang / "05-skew.ipynb"
        nb = json.loads(path.read_text(encoding="utf-8"))
        text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
        text = re.sub(r"(?<=\d)[  ](?=\d{3}\b)", "", text)
        return Counter(re.findall(r"−?\d+(?:\.\d+)?", text))
    uk, en = numbers("uk"), numbers("en")
    assert uk == en, f"only in uk: {uk - en}; only in en: {en - uk}"
    for quoted in ("5.43", "0.80", "3.50", "0.574", "0.53", "2.15", "0.860", "0.868", "838", "0.4357", "0.5423",
                   "0.3305", "34.65", "464.23", "0.06", "0.4752", "0.27", "7.80", "0.1209", "279.84", "28.73",
                   "0.68", "0.35", "0.3081", "0.2572", "0.045", "0.526", "0.747", "0.995", "0.564", "0.989",
                   "0.9123", "0.9357", "0.9327", "0.9465", "17", "0.948", "0.991", "5.20"):
        assert uk[quoted] > 0, quoted
