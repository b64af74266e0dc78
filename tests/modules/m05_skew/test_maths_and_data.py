"""Module 05 maths and data against independent oracles: SciPy (special.boxcox, stats.boxcox with its interval,
boxcox_llf, yeojohnson, yeojohnson_llf, skew, probplot), scikit-learn (PowerTransformer), numerical integration for
the change-of-density formula."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, special, stats
from sklearn.preprocessing import PowerTransformer

from fsgeom.modules.m05_skew import data, maths

AREA = data.breast_cancer_feature("area error")
FRACTAL = data.breast_cancer_feature("fractal dimension error")


# ----------------------------------------------------------------------------------------- skewness
@pytest.mark.parametrize("key", sorted(data.DATASETS))
def test_skewness_equals_scipy(key):
    x = data.dataset(key)
    assert maths.skewness(x) == pytest.approx(stats.skew(x), rel=1e-12)
    assert maths.skewness(x, bias=False) == pytest.approx(stats.skew(x, bias=False), rel=1e-12)
    assert maths.skewness(np.full(5, 3.0)) == 0.0


# ----------------------------------------------------------------------------------------- transforms
@pytest.mark.parametrize("lam", [0.0, 1e-12, -1e-10, 1e-6, -0.5, 0.3, 1.0, 2.7])
def test_boxcox_equals_scipy_also_near_zero(lam):
    x = np.concatenate([AREA, [1e-8, 1.0, 1e8]])
    np.testing.assert_allclose(maths.boxcox(x, lam), special.boxcox(x, lam), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(maths.boxcox_inverse(maths.boxcox(AREA, lam), lam), AREA, rtol=1e-9)
    if 0 < abs(lam) < 1e-9:          # the naive formula loses 4-8 digits there: the reason for expm1
        naive = (AREA ** lam - 1) / lam
        assert np.max(np.abs(naive - special.boxcox(AREA, lam)) / np.abs(special.boxcox(AREA, lam))) > 1e-8


def test_boxcox_and_log_shift_refuse_bad_input():
    with pytest.raises(ValueError, match="x > 0"):
        maths.boxcox([1.0, 0.0], 0.5)
    with pytest.raises(ValueError, match="x \\+ c > 0"):
        maths.log_shift([0.0, 1.0], 0.0)
    np.testing.assert_allclose(maths.log_shift([0.0, 1.0], 1.0), np.log([1.0, 2.0]))


@pytest.mark.parametrize("lam", [0.0, 2.0, 1e-13, 2 - 1e-13, -1.3, 0.4, 1.0, 3.5])
def test_yeojohnson_all_four_cases_equal_scipy_and_invert(lam):
    x = np.concatenate([data.synthetic("negatives"), [-50.0, -1e-9, 0.0, 1e-9, 50.0]])
    np.testing.assert_allclose(maths.yeojohnson(x, lam), stats.yeojohnson(x, lam), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(maths.yeojohnson_inverse(maths.yeojohnson(x, lam), lam), x, rtol=1e-9, atol=1e-12)


def test_yeojohnson_is_continuous_in_lambda_at_its_special_values():
    x = np.array([-3.0, -0.5, 0.5, 3.0])
    for lam in (0.0, 2.0):
        np.testing.assert_allclose(maths.yeojohnson(x, lam + 1e-9), maths.yeojohnson(x, lam), atol=1e-8)


# ----------------------------------------------------------------------------------------- likelihood, λ
@pytest.mark.parametrize("lam", [-1.0, -0.4, 0.0, 0.7])
def test_llf_equals_scipy(lam):
    assert maths.llf(lam, AREA) == pytest.approx(stats.boxcox_llf(lam, AREA), rel=1e-10)
    x = data.synthetic("negatives")
    assert maths.llf(lam, x, "yeo-johnson") == pytest.approx(stats.yeojohnson_llf(lam, x), rel=1e-10)


def test_the_jacobian_is_the_only_difference_from_a_plain_normal_fit():
    y = maths.boxcox(AREA, 0.3)
    plain = -0.5 * AREA.size * np.log(np.var(y))
    assert maths.llf(0.3, AREA) - plain == pytest.approx(-0.7 * np.log(AREA).sum(), rel=1e-12)


def test_golden_section_finds_the_maximum():
    f = lambda t: -(t - 0.3) ** 2  # noqa: E731
    assert maths.golden_section_max(f, -5, 5, tol=1e-12) == pytest.approx(0.3, abs=1e-9)
    assert maths.golden_section_max(f, 1, 5) == pytest.approx(1.0, abs=1e-8)        # the maximum on the border
    with pytest.raises(ValueError):
        maths.golden_section_max(f, 1, 1)


def test_mle_lambda_and_interval_equal_scipy_and_sklearn():
    _, lam, (lo, hi) = stats.boxcox(AREA, alpha=0.05)
    ours = maths.mle_lambda(AREA)
    assert ours == pytest.approx(lam, abs=1e-6)
    assert maths.llf(ours, AREA) >= stats.boxcox_llf(lam, AREA) - 1e-9
    np.testing.assert_allclose(maths.lambda_interval(AREA, lam_hat=ours), (lo, hi), atol=1e-6)
    pt = PowerTransformer(method="box-cox", standardize=False).fit(AREA[:, None])
    assert ours == pytest.approx(pt.lambdas_[0], abs=1e-6)
    for lim in maths.lambda_interval(AREA, lam_hat=ours):
        assert maths.llf(lim, AREA) == pytest.approx(maths.llf(ours, AREA) - maths.CHI2_1_95 / 2, abs=1e-6)


@pytest.mark.parametrize("scale, expected", [(1, -279.84), (10, -28.73), (1000, -0.677), (1e4, -0.3476)])
def test_yeojohnson_lambda_depends_on_units_boxcox_does_not(scale, expected):
    x = FRACTAL * scale
    lam = maths.mle_lambda(x, "yeo-johnson", bounds=(-400, 50), grid=451)
    assert lam == pytest.approx(stats.yeojohnson(x)[1], abs=1e-4)
    assert lam == pytest.approx(expected, rel=2e-3)
    assert maths.mle_lambda(x) == pytest.approx(-0.3081, abs=1e-3)


# ----------------------------------------------------------------------------------------- Q-Q
def test_normal_qq_equals_probplot():
    (osm, osr), (_, _, r) = stats.probplot(AREA)
    q, z = maths.normal_qq(AREA)
    np.testing.assert_allclose(q, osm, atol=1e-12)
    np.testing.assert_allclose(z, (np.sort(AREA) - AREA.mean()) / AREA.std(), rtol=1e-12)
    assert maths.qq_correlation(AREA) == pytest.approx(r, rel=1e-10)


# ----------------------------------------------------------------------------------------- change of density
@pytest.mark.parametrize("name, lam", [("log", 0.0), ("sqrt", 0.0), ("boxcox", 0.5), ("boxcox", -0.5),
                                       ("boxcox", 0.0)])
def test_transformed_density_integrates_to_one_and_matches_samples(name, lam):
    f_x = lambda t: maths.lognormal_pdf(t, 0.7, 0.5)  # noqa: E731
    total, _ = integrate.quad(lambda y: float(maths.density_after(name, f_x, np.array([y]), lam)[0]), -60, 60,
                              limit=400, points=[0.0])
    assert total == pytest.approx(1.0, abs=1e-6)
    s = np.exp(np.random.default_rng(0).normal(0.7, 0.5, 200_000))
    g = maths.TRANSFORMS[name][0]
    y = g(s, lam)
    edges = np.quantile(y, [0.001, 0.999])
    l1 = maths.histogram_l1(y, lambda t: maths.density_after(name, f_x, t, lam), np.linspace(*edges, 61))
    assert l1 < 0.03


def test_log_of_lognormal_is_exactly_normal():
    y = np.linspace(-2, 3, 101)
    f = maths.density_after("log", lambda t: maths.lognormal_pdf(t, 0.7, 0.5), y)
    np.testing.assert_allclose(f, stats.norm.pdf(y, 0.7, 0.5), rtol=1e-12, atol=1e-300)


# ----------------------------------------------------------------------------------------- data
def test_data_as_documented():
    assert AREA.shape == (569,) and AREA.min() > 0
    p = data.precipitation()
    assert p.shape == (1461,) and np.mean(p == 0) == pytest.approx(0.574, abs=0.005)
    np.testing.assert_array_equal(data.synthetic("lognormal"), data.synthetic("lognormal", 500, 0))
    assert np.mean(data.synthetic("negatives") < 0) > 0.5 and data.synthetic("left").min() > 0
    assert maths.skewness(data.synthetic("left")) < -1 < 1 < maths.skewness(data.synthetic("lognormal"))
    with pytest.raises(ValueError):
        data.dataset("nope")
