"""The tolerance rule of module 05's checks: it follows the precision of the result and the conditioning -- Box–Cox
at relative 1e-10 near λ = 0 (expm1 passes, the naive formula fails), the log-likelihood at the scale rounding acts
on, λ by the log-likelihood it reaches within what the stopping rule allows (a loose tol passes when judged with it,
fails with a tight one), float32 Yeo–Johnson and skewness over the hidden tests' distribution."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from scipy.special import boxcox as scipy_boxcox

from fsgeom import grading as G
from fsgeom.modules.m05_skew import checks as C


def test_near_zero_boxcox_expm1_passes_naive_fails():
    rng = np.random.default_rng(0)
    for lam in (1e-12, 1e-9, -1e-10):
        x = rng.lognormal(0.5, 0.8, 100)
        C.judge_boxcox(np.expm1(lam * np.log(x)) / lam, x, lam, scipy_boxcox(x, lam))
        with pytest.raises(G.CheckFailed):
            C.judge_boxcox((x ** lam - 1) / lam, x, lam, scipy_boxcox(x, lam))


def test_mle_tolerance_follows_tol():
    rng = np.random.default_rng(1)
    x = rng.gamma(3.0, 2.0, 150)
    best = float(stats.boxcox(x)[1])
    loose = best + 4e-3
    C.judge_mle(loose, x, -5, 5, 1e-2, best, stats.boxcox_llf)
    with pytest.raises(G.CheckFailed):
        C.judge_mle(loose, x, -5, 5, 1e-8, best, stats.boxcox_llf)
    C.judge_mle(best + 1e-9, x, -5, 5, 1e-8, best, stats.boxcox_llf)


def test_float32_yeojohnson_and_skewness_pass_over_the_hidden_distribution():
    rng = np.random.default_rng(2)
    for _ in range(200):
        x = rng.lognormal(0, rng.uniform(0.3, 1.2), int(rng.integers(2, 200))) - rng.uniform(0.5, 3)
        lam = float(rng.choice([0.0, 2.0, rng.uniform(-2, 4), 2.001, 1e-3]))
        x32 = x.astype(np.float32)
        lp, ln = np.log1p(x32[x32 >= 0]), np.log1p(-x32[x32 < 0])
        out = np.empty_like(x32)
        l32 = np.float32(lam)
        out[x32 >= 0] = lp if lam == 0 else np.expm1(l32 * lp) / l32
        out[x32 < 0] = -ln if lam == 2 else -np.expm1((np.float32(2) - l32) * ln) / (np.float32(2) - l32)
        C.judge_yeojohnson(out, x32, lam, stats.yeojohnson(x32.astype(float), lmbda=lam))
        g = rng.gamma(rng.uniform(0.5, 5), 3.0, int(rng.integers(3, 500))).astype(np.float32)
        d = g - g.mean()
        C.judge_skewness(np.float32(np.mean(d ** 3) / np.mean(d * d) ** 1.5), g, float(stats.skew(g.astype(float))))


def test_wrong_values_still_fail():
    x = np.random.default_rng(3).lognormal(1.0, 0.6, 80)
    with pytest.raises(G.CheckFailed):
        C.judge_llf(stats.boxcox_llf(0.3, x) + 1e-3, 0.3, x, stats.boxcox_llf(0.3, x))
    with pytest.raises(G.CheckFailed):
        C.judge_skewness(float(stats.skew(x)) * (1 + 1e-5), x, float(stats.skew(x)))
    with pytest.raises(G.CheckFailed):
        C.judge_yeojohnson(stats.yeojohnson(x, lmbda=0.5) * (1 + 1e-5), x, 0.5, stats.yeojohnson(x, lmbda=0.5))
