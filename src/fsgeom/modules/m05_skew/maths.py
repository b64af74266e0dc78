r"""Module 05 maths (numpy, with ``scipy.special.ndtri`` for normal quantiles): skewness, :math:`\log(x + c)`,
Box–Cox and Yeo–Johnson (all four cases) and their inverses, their profile log-likelihoods, λ by maximum likelihood
with a bounded golden-section search, the likelihood interval of λ, Q–Q points, and the change-of-density formula.

Conventions fixed once for the module (the lecture, the widgets and the assignment use the same; they are SciPy's):

* skewness is the population (biased) :math:`g_1 = m_3 / m_2^{3/2}` unless ``bias=False`` (``scipy.stats.skew``);
* Box–Cox :math:`\frac{x^\lambda - 1}{\lambda}` is computed as ``expm1(λ·log x)/λ`` (exact to rounding for every
  λ ≠ 0, also λ = 1e-12) and :math:`\log x` at λ = 0;
* the profile log-likelihood drops constants: :math:`\ell(\lambda) = -\frac n2 \log\hat\sigma^2(y_\lambda) +
  (\lambda - 1)\sum_i \log x_i` with the biased variance :math:`\hat\sigma^2` (``scipy.stats.boxcox_llf``); the last
  term is the log of the Jacobian :math:`\prod_i |dy_i/dx_i| = \prod_i x_i^{\lambda-1}`; for Yeo–Johnson it is
  :math:`(\lambda - 1)\sum_i \operatorname{sign}(x_i)\log(1 + |x_i|)` (``scipy.stats.yeojohnson_llf``);
* the 95 % interval of λ is where :math:`\ell` is within :math:`\chi^2_1(0.95)/2 \approx 1.92` of its maximum
  (``scipy.stats.boxcox(x, alpha=0.05)``).
"""
from __future__ import annotations

import numpy as np
from scipy.special import ndtri

__all__ = ["CHI2_1_95", "METHODS", "skewness", "log_shift", "boxcox", "boxcox_inverse", "yeojohnson",
           "yeojohnson_inverse", "transform", "inverse", "log_jacobian", "llf", "profile", "golden_section_max",
           "mle_lambda", "lambda_interval", "normal_qq", "qq_correlation", "TRANSFORMS", "density_after",
           "histogram_l1", "lognormal_pdf", "normal_pdf"]

#: the 0.95 quantile of the chi-square distribution with one degree of freedom (scipy.stats.chi2.ppf(0.95, 1))
CHI2_1_95 = 3.841458820694124
METHODS = ("box-cox", "yeo-johnson")


def _vec(x, name: str = "x") -> np.ndarray:
    try:
        a = np.asarray(x, dtype=float).ravel()
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric: {exc}") from None
    if a.size == 0:
        raise ValueError(f"{name} is empty")
    if not np.all(np.isfinite(a)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return a


def _method(method: str) -> str:
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    return method


# ----------------------------------------------------------------------------------------- moments
def skewness(x, bias: bool = True) -> float:
    r"""Population skewness :math:`g_1 = m_3 / m_2^{3/2}` (central moments with :math:`1/n`); ``bias=False``: the
    adjusted :math:`G_1 = g_1\sqrt{n(n-1)}/(n-2)` (needs n > 2). 0 for constant data (as ``scipy.stats.skew``
    returns nan there, we say 0: no asymmetry)."""
    x = _vec(x)
    d = x - x.mean()
    m2, m3 = np.mean(d ** 2), np.mean(d ** 3)
    if m2 <= (np.finfo(float).eps * max(1.0, abs(x.mean()))) ** 2:
        return 0.0
    g1 = float(m3 / m2 ** 1.5)
    if bias:
        return g1
    n = x.size
    if n < 3:
        raise ValueError("the adjusted skewness needs at least 3 values")
    return g1 * np.sqrt(n * (n - 1.0)) / (n - 2.0)


# ----------------------------------------------------------------------------------------- transforms
def log_shift(x, c: float = 1.0) -> np.ndarray:
    r""":math:`\log(x + c)`; every :math:`x + c` must be positive."""
    x = _vec(x)
    c = float(c)
    if not np.all(x + c > 0):
        raise ValueError(f"log(x + c) needs x + c > 0 everywhere; min(x) + c = {x.min() + c:g}")
    return np.log(x + c)


def boxcox(x, lam: float) -> np.ndarray:
    r"""Box–Cox :math:`\frac{x^\lambda - 1}{\lambda}` (λ ≠ 0) or :math:`\log x` (λ = 0), for :math:`x > 0`;
    computed as ``expm1(λ log x) / λ``, accurate to rounding near λ = 0 (``scipy.special.boxcox``)."""
    x = _vec(x)
    if not np.all(x > 0):
        raise ValueError("Box–Cox needs x > 0 (use Yeo–Johnson or a shift for zeros and negatives)")
    lam = float(lam)
    lx = np.log(x)
    return lx if lam == 0.0 else np.expm1(lam * lx) / lam


def boxcox_inverse(y, lam: float) -> np.ndarray:
    r""":math:`x = (1 + \lambda y)^{1/\lambda}` (λ ≠ 0, needs :math:`1 + \lambda y > 0`) or :math:`e^y` (λ = 0)."""
    y = _vec(y, "y")
    lam = float(lam)
    if lam == 0.0:
        return np.exp(y)
    if not np.all(1.0 + lam * y > 0):
        raise ValueError("1 + λy must be positive: y is outside the range of Box–Cox with this λ")
    return np.exp(np.log1p(lam * y) / lam)


def yeojohnson(x, lam: float) -> np.ndarray:
    r"""Yeo–Johnson, all four cases:

    .. math::
        \psi(x, \lambda) = \begin{cases} ((x+1)^\lambda - 1)/\lambda & x \ge 0,\ \lambda \ne 0\\
        \log(1 + x) & x \ge 0,\ \lambda = 0\\
        -((1-x)^{2-\lambda} - 1)/(2 - \lambda) & x < 0,\ \lambda \ne 2\\
        -\log(1 - x) & x < 0,\ \lambda = 2 \end{cases}

    (the slide shows the first and the third); ``expm1``/``log1p`` keep every case accurate near its special λ."""
    x = _vec(x)
    lam = float(lam)
    out = np.empty_like(x)
    pos = x >= 0
    lp, ln = np.log1p(x[pos]), np.log1p(-x[~pos])
    out[pos] = lp if lam == 0.0 else np.expm1(lam * lp) / lam
    out[~pos] = -ln if lam == 2.0 else -np.expm1((2.0 - lam) * ln) / (2.0 - lam)
    return out


def yeojohnson_inverse(y, lam: float) -> np.ndarray:
    """The inverse of :func:`yeojohnson` (the sign of ``y`` is the sign of ``x``)."""
    y = _vec(y, "y")
    lam = float(lam)
    out = np.empty_like(y)
    pos = y >= 0
    yp, yn = y[pos], y[~pos]
    if lam == 0.0:
        out[pos] = np.expm1(yp)
    else:
        if not np.all(1.0 + lam * yp > 0):
            raise ValueError("y is outside the range of Yeo–Johnson with this λ")
        out[pos] = np.expm1(np.log1p(lam * yp) / lam)
    if lam == 2.0:
        out[~pos] = -np.expm1(-yn)
    else:
        if not np.all(1.0 - (2.0 - lam) * yn > 0):
            raise ValueError("y is outside the range of Yeo–Johnson with this λ")
        out[~pos] = -np.expm1(np.log1p(-(2.0 - lam) * yn) / (2.0 - lam))
    return out


def transform(x, lam: float, method: str = "box-cox") -> np.ndarray:
    """:func:`boxcox` or :func:`yeojohnson`."""
    return boxcox(x, lam) if _method(method) == "box-cox" else yeojohnson(x, lam)


def inverse(y, lam: float, method: str = "box-cox") -> np.ndarray:
    """:func:`boxcox_inverse` or :func:`yeojohnson_inverse`."""
    return boxcox_inverse(y, lam) if _method(method) == "box-cox" else yeojohnson_inverse(y, lam)


# ----------------------------------------------------------------------------------------- likelihood
def log_jacobian(x, lam: float, method: str = "box-cox") -> float:
    r""":math:`\log\prod_i |dy_i/dx_i|`: :math:`(\lambda - 1)\sum\log x_i` (Box–Cox) or
    :math:`(\lambda - 1)\sum\operatorname{sign}(x_i)\log(1 + |x_i|)` (Yeo–Johnson)."""
    x = _vec(x)
    if _method(method) == "box-cox":
        return float((float(lam) - 1.0) * np.log(x).sum())
    return float((float(lam) - 1.0) * (np.sign(x) * np.log1p(np.abs(x))).sum())


def llf(lam: float, x, method: str = "box-cox") -> float:
    r"""Profile log-likelihood of λ (constants dropped): :math:`-\frac n2\log\hat\sigma^2(y_\lambda)` plus
    :func:`log_jacobian` (``scipy.stats.boxcox_llf`` / ``yeojohnson_llf``). The variance is computed after
    dividing by the largest :math:`|y|`, so huge or tiny transformed values do not overflow."""
    x = _vec(x)
    y = transform(x, lam, method)
    s = np.max(np.abs(y))
    if not np.isfinite(s) or s == 0.0:
        return -np.inf
    var = np.var(y / s)
    if var <= 0:
        return -np.inf
    return float(-0.5 * x.size * (np.log(var) + 2.0 * np.log(s)) + log_jacobian(x, lam, method))


def profile(x, lams, method: str = "box-cox") -> np.ndarray:
    """:func:`llf` at every λ of ``lams``."""
    x = _vec(x)
    return np.array([llf(float(lam), x, method) for lam in np.asarray(lams, dtype=float).ravel()])


def golden_section_max(f, lo: float, hi: float, tol: float = 1e-10, max_iter: int = 500) -> float:
    r"""The maximizer of a unimodal ``f`` on ``[lo, hi]`` by golden-section search: keep two inner points at the
    golden ratio, drop the part beyond the worse one; stop when the bracket is shorter than
    ``tol · (1 + |centre|)``."""
    lo, hi = float(lo), float(hi)
    if not lo < hi:
        raise ValueError(f"need lo < hi, got [{lo}, {hi}]")
    r = (np.sqrt(5.0) - 1.0) / 2.0
    a, b = lo, hi
    c, d = b - r * (b - a), a + r * (b - a)
    fc, fd = f(c), f(d)
    for _ in range(int(max_iter)):
        if b - a <= tol * (1.0 + abs(a + b) / 2.0):
            break
        if fc >= fd:
            b, d, fd = d, c, fc
            c = b - r * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + r * (b - a)
            fd = f(d)
    return (a + b) / 2.0


def mle_lambda(x, method: str = "box-cox", bounds=(-5.0, 5.0), grid: int = 201) -> float:
    """λ maximizing :func:`llf` within ``bounds``: a grid of ``grid`` points locates the best cell, golden-section
    search refines it (the profile is unimodal in practice; the grid guards against a flat start)."""
    x = _vec(x)
    lo, hi = map(float, bounds)
    lams = np.linspace(lo, hi, int(grid))
    k = int(np.nanargmax(profile(x, lams, method)))
    a, b = lams[max(k - 1, 0)], lams[min(k + 1, len(lams) - 1)]
    return golden_section_max(lambda lam: llf(lam, x, method), a, b)


def lambda_interval(x, method: str = "box-cox", alpha: float = 0.05, lam_hat: float | None = None,
                    tol: float = 1e-10):
    r"""``(lo, hi)``: the λ where :func:`llf` is within :math:`\chi^2_1(1 - \alpha)/2` of its maximum (the
    likelihood-ratio interval of ``scipy.stats.boxcox(x, alpha=...)``), found by bisection on each side of
    :math:`\hat\lambda`. Only ``alpha = 0.05`` is tabulated here (``CHI2_1_95``)."""
    if float(alpha) != 0.05:
        raise ValueError("only alpha = 0.05 is supported (chi-square quantile 3.8415)")
    x = _vec(x)
    lam_hat = mle_lambda(x, method) if lam_hat is None else float(lam_hat)
    target = llf(lam_hat, x, method) - CHI2_1_95 / 2.0

    def side(step):
        inner, outer = lam_hat, lam_hat + step
        while llf(outer, x, method) > target:
            inner, outer = outer, outer + step
            step *= 2.0
            if abs(outer) > 1e6:
                raise ValueError("the log-likelihood does not drop by 1.92 on this side")
        while abs(outer - inner) > tol * (1.0 + abs(inner)):
            mid = (inner + outer) / 2.0
            inner, outer = (mid, outer) if llf(mid, x, method) > target else (inner, mid)
        return (inner + outer) / 2.0

    return side(-0.1), side(0.1)


# ----------------------------------------------------------------------------------------- normality
def normal_qq(x):
    r"""``(theoretical, ordered)``: standard normal quantiles at Filliben's plotting positions (as
    ``scipy.stats.probplot``) and the sorted, standardized data; points on the diagonal = normal."""
    x = _vec(x)
    n = x.size
    p = (np.arange(1, n + 1) - 0.3175) / (n + 0.365)
    p[0], p[-1] = 1.0 - 0.5 ** (1.0 / n), 0.5 ** (1.0 / n)
    z = np.sort(x)
    sd = z.std()
    return ndtri(p), (z - z.mean()) / (sd if sd > 0 else 1.0)


def qq_correlation(x) -> float:
    """Correlation of the Q–Q points (``probplot``'s r): 1 for perfectly normal-shaped data."""
    q, z = normal_qq(x)
    return float(np.corrcoef(q, z)[0, 1])


# ----------------------------------------------------------------------------------------- change of density
def normal_pdf(y, mu: float = 0.0, sigma: float = 1.0) -> np.ndarray:
    y = np.asarray(y, dtype=float)
    return np.exp(-0.5 * ((y - mu) / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))


def lognormal_pdf(x, mu: float = 0.0, sigma: float = 1.0) -> np.ndarray:
    """Density of :math:`e^Z`, :math:`Z \\sim N(\\mu, \\sigma^2)` (0 for x <= 0)."""
    x = np.asarray(x, dtype=float)
    out = np.zeros_like(x)
    pos = x > 0
    out[pos] = normal_pdf(np.log(x[pos]), mu, sigma) / x[pos]
    return out


def _bc_inv_prime(y, lam):
    y = np.asarray(y, dtype=float)
    if lam == 0.0:
        return np.exp(y)
    base = 1.0 + lam * y
    out = np.zeros_like(y)
    ok = base > 0
    out[ok] = np.exp((1.0 / lam - 1.0) * np.log(base[ok]))
    return out


#: g, its inverse and the derivative of the inverse for the change-of-density formula (x > 0); ``lam`` is used by
#: Box–Cox only. The inverse may return nan outside the range of g; the density is 0 there.
TRANSFORMS = {
    "log": (lambda x, lam: np.log(x), lambda y, lam: np.exp(y), lambda y, lam: np.exp(y)),
    "sqrt": (lambda x, lam: np.sqrt(x), lambda y, lam: np.where(y >= 0, y ** 2, np.nan),
             lambda y, lam: np.where(y >= 0, 2 * y, 0.0)),
    "boxcox": (lambda x, lam: boxcox(x, lam),
               lambda y, lam: np.exp(np.log(np.maximum(1 + lam * y, 1e-300)) / lam) if lam != 0 else np.exp(y),
               _bc_inv_prime),
}


def density_after(name: str, f_x, y, lam: float = 0.0) -> np.ndarray:
    r""":math:`f_Y(y) = f_X(g^{-1}(y))\,\left|\frac{d g^{-1}}{dy}(y)\right|` for ``g = TRANSFORMS[name]``."""
    if name not in TRANSFORMS:
        raise ValueError(f"g must be one of {tuple(TRANSFORMS)}, got {name!r}")
    _, g_inv, dg_inv = TRANSFORMS[name]
    y = np.asarray(y, dtype=float)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        x = g_inv(y, float(lam))
        jac = np.abs(dg_inv(y, float(lam)))
        fx = np.where(np.isfinite(x), f_x(np.where(np.isfinite(x), x, 1.0)), 0.0)
    out = fx * jac
    return np.where(np.isfinite(out), out, 0.0)


def histogram_l1(samples, density, edges) -> float:
    r""":math:`\int |\hat f - f|` over ``edges``: the histogram density of ``samples`` (normalized by the count of all
    samples, so mass outside the edges counts as missing) against ``density`` averaged over each bin (midpoint rule
    on 9 points per bin)."""
    samples = _vec(samples, "samples")
    edges = np.asarray(edges, dtype=float)
    counts, _ = np.histogram(samples, bins=edges)
    width = np.diff(edges)
    hist = counts / (samples.size * width)
    t = (np.arange(9) + 0.5) / 9
    pts = edges[:-1, None] + width[:, None] * t[None, :]
    f = np.asarray(density(pts), dtype=float).mean(axis=1)
    return float(np.sum(np.abs(hist - f) * width))
