"""Submissions of 05-skew that the course's grading round grades with nbgrader (tests/grading_round.py): typical
mistakes, each of which must lose exactly its task; honest variants written differently from the reference (loops,
np.power with a series near λ = 0, a one-pass variance, a fixed number of golden-section steps), one computing in
float32 where the specification allows it; and calls the "numpy only" rule forbids, which must lose exactly the task
whose function reaches them. Tasks that build on earlier ones (the log-likelihood on boxcox, the search on the
log-likelihood, the fit on the search and boxcox) are judged with the references in place of the student's earlier
functions, so a mistake there is charged once. tests/modules/m05_skew/test_seeds.py grades them in-process over
many fixed hidden-test seeds."""
from __future__ import annotations

from tests.grading_round import Submission

# ------------------------------------------------------------------------------------- typical mistakes
#: Box–Cox without the λ = 0 branch: 0/0 = nan at λ = 0
_BC_NO_LAMBDA0 = [("    if lam == 0:\n        return lx\n", "")]
#: the naive formula: (x**λ − 1)/λ, inaccurate near λ = 0 (λ = 0 itself handled)
_BC_NAIVE = [("return np.expm1(lam * lx) / lam", "return (x ** lam - 1) / lam")]
#: the log-likelihood without the log-Jacobian (λ − 1)·Σ log x
_LLF_NO_JACOBIAN = [(" + (lam - 1.0) * np.log(x).sum())", ")")]
#: a golden-section search that keeps the worse part: it finds a minimum
_MLE_MINIMIZES = [("if fc >= fd:", "if fc <= fd:")]
#: λ learned on the test data, or on train and test together
_FIT_ON_TEST = [("lam = boxcox_mle(x_train)\n", "lam = boxcox_mle(x_test)\n")]
_FIT_ON_ALL = [("lam = boxcox_mle(x_train)\n", "lam = boxcox_mle(np.concatenate([x_train, x_test]))\n")]
#: Yeo–Johnson without the λ = 2 branch for negatives (0/0 = nan at λ = 2), and with the sign of that branch flipped
_YJ_NO_LAMBDA2 = [("out[~pos] = -ln if lam == 2 else -np.expm1((2.0 - lam) * ln) / (2.0 - lam)",
                   "out[~pos] = -np.expm1((2.0 - lam) * ln) / (2.0 - lam)")]
_YJ_SIGN = [("out[~pos] = -ln if lam == 2 else -np.expm1((2.0 - lam) * ln) / (2.0 - lam)",
             "out[~pos] = ln if lam == 2 else np.expm1((2.0 - lam) * ln) / (2.0 - lam)")]
#: the inverse without its λ = 2 branch
_YJI_NO_LAMBDA2 = [("    if lam == 2:\n        out[~pos] = -np.expm1(-yn)\n    else:\n", "    if True:\n")]
#: the bias-corrected G1 instead of the population g1
_SKEW_ADJUSTED = [("return float(m3 / m2 ** 1.5)",
                   "return float(m3 / m2 ** 1.5 * np.sqrt(x.size * (x.size - 1.0)) / (x.size - 2.0))")]

SUBMISSIONS = {
    "mistakes": Submission(
        lost=frozenset({"test_boxcox", "test_boxcox_llf", "test_fit_transform_boxcox", "test_yeojohnson",
                        "test_skewness"}),
        edits={"boxcox": _BC_NO_LAMBDA0, "boxcox_llf": _LLF_NO_JACOBIAN, "fit_transform_boxcox": _FIT_ON_ALL,
               "yeojohnson": _YJ_NO_LAMBDA2, "skewness": _SKEW_ADJUSTED},
        langs=("uk", "en"),
        hints={"uk": {"test_boxcox": "при λ = 0 вийшло ділення 0/0", "test_boxcox_llf": "логарифма якобіана",
                      "test_fit_transform_boxcox": "разом з x_test", "test_yeojohnson": "при λ = 2",
                      "test_skewness": "скоригована асиметрія"},
               "en": {"test_boxcox": "at λ = 0 this is 0/0", "test_boxcox_llf": "log of the Jacobian",
                      "test_fit_transform_boxcox": "x_train and x_test together", "test_yeojohnson": "at λ = 2",
                      "test_skewness": "adjusted skewness"}},
        why="five typical mistakes lose exactly their five tasks, with the specific hint in the notebook's language; "
            "boxcox_llf, boxcox_mle and fit_transform_boxcox, built on the faulty boxcox and boxcox_llf, are judged "
            "with the references and keep (or lose) only their own points"),
    "naive-near-zero": Submission(
        lost=frozenset({"test_boxcox"}), edits={"boxcox": _BC_NAIVE}, langs=("uk", "en"),
        hints={"uk": {"test_boxcox": "expm1(λ·log x)/λ"}, "en": {"test_boxcox": "expm1(λ·log x)/λ"}},
        why="the naive (x**λ − 1)/λ keeps about 4 digits at λ = 1e-12 and loses the Box–Cox task only"),
    "mle-minimizes": Submission(
        lost=frozenset({"test_boxcox_mle"}), edits={"boxcox_mle": _MLE_MINIMIZES},
        why="a golden-section search that keeps the worse part finds a minimum and loses the search task only"),
    "fit-on-test": Submission(
        lost=frozenset({"test_fit_transform_boxcox"}), edits={"fit_transform_boxcox": _FIT_ON_TEST},
        hints={"uk": {"test_fit_transform_boxcox": "навчено на тестових даних"}},
        why="λ learned on the test data loses exactly the fit task"),
    "yj-sign": Submission(
        lost=frozenset({"test_yeojohnson"}), edits={"yeojohnson": _YJ_SIGN},
        hints={"uk": {"test_yeojohnson": "знак неправильний"}},
        why="a sign error in the negative branch of Yeo–Johnson loses that task only"),
    "yji-no-lambda2": Submission(
        lost=frozenset({"test_yeojohnson_inverse"}), edits={"yeojohnson_inverse": _YJI_NO_LAMBDA2},
        why="the inverse without its λ = 2 branch loses the inverse task only"),
}

# ------------------------------------------------------------------------------------- the numpy-only rule
SCIPY_BOXCOX = '''import numpy as np
from scipy.special import boxcox as _bc


def boxcox(x, lam):
    x = np.asarray(x, dtype=float)
    if np.any(x <= 0):
        raise ValueError("x must be positive")
    return _bc(x, lam)
'''
SCIPY_YEOJOHNSON = '''import numpy as np
from scipy import stats


def yeojohnson(x, lam):
    x = np.asarray(x, dtype=float)
    if not np.all(np.isfinite(x)):
        raise ValueError("x must be finite")
    return stats.yeojohnson(x, lmbda=lam)
'''
SCIPY_SKEW = '''import numpy as np
from scipy.stats import skew as _skew


def skewness(x):
    x = np.asarray(x, dtype=float)
    if x.size == 0 or np.all(x == x[0]):
        raise ValueError("empty or constant")
    return float(_skew(x))
'''
SKLEARN_POWER = '''import numpy as np
from sklearn.preprocessing import PowerTransformer


def fit_transform_boxcox(x_train, x_test):
    pt = PowerTransformer(method="box-cox", standardize=False)
    y_train = pt.fit_transform(np.asarray(x_train, dtype=float).reshape(-1, 1)).ravel()
    y_test = pt.transform(np.asarray(x_test, dtype=float).reshape(-1, 1)).ravel()
    return float(pt.lambdas_[0]), y_train, y_test
'''
COURSE_REFERENCE = "from fsgeom.modules.m05_skew.maths import log_shift  # the course's own code\n"

SUBMISSIONS.update({
    "forbidden": Submission(
        lost=frozenset({"test_boxcox", "test_yeojohnson", "test_skewness", "test_fit_transform_boxcox"}),
        cells={"boxcox": SCIPY_BOXCOX, "yeojohnson": SCIPY_YEOJOHNSON, "skewness": SCIPY_SKEW,
               "fit_transform_boxcox": SKLEARN_POWER},
        langs=("uk", "en"),
        hints={"uk": {"test_boxcox": "scipy.special", "test_skewness": "scipy.stats"},
               "en": {"test_boxcox": "scipy.special", "test_yeojohnson": "scipy.stats",
                      "test_fit_transform_boxcox": "sklearn"}},
        why="scipy.special.boxcox, scipy.stats.yeojohnson, scipy.stats.skew and sklearn's PowerTransformer each "
            "lose their task; boxcox_llf and boxcox_mle (which call the forbidden boxcox) do not pay twice"),
    "course-reference": Submission(
        lost=frozenset({"test_log_shift"}), cells={"log_shift": COURSE_REFERENCE},
        hints={"uk": {"test_log_shift": "fsgeom.modules.m05_skew.maths"}},
        why="the course's own reference bound to the graded name loses its task"),
})

# ------------------------------------------------------------------------------------- honest variants
#: honest code written other ways than the reference: Python loops with math, np.power with a series near λ = 0,
#: a one-pass variance, a fixed number of golden-section steps, np.where for the inverse, np.power for the moments
HONEST_VARIANTS = {
    "log_shift": '''import math


def log_shift(x, c=1.0):
    if not math.isfinite(c):
        raise ValueError("c must be finite")
    values = [float(v) for v in np.ravel(np.asarray(x, dtype=float))]
    if any(v + c <= 0 for v in values):
        raise ValueError("x + c must be positive")
    return np.array([math.log(v + c) for v in values])
''',
    "boxcox": '''def boxcox(x, lam):
    x = np.array(x, dtype=np.float64)
    if (x <= 0).any():
        raise ValueError("x must be positive")
    L = np.log(x)
    if abs(lam) < 1e-4:                              # series of (e^(lam L) - 1)/lam: exact to rounding here
        return L * (1 + lam * L / 2 + (lam * L) ** 2 / 6 + (lam * L) ** 3 / 24 + (lam * L) ** 4 / 120)
    return (np.power(x, lam) - 1.0) / lam
''',
    "boxcox_llf": '''def boxcox_llf(lam, x):
    x = np.asarray(x, dtype=float)
    y = boxcox(x, lam)
    n = len(y)
    variance = np.sum(y * y) / n - (np.sum(y) / n) ** 2      # one pass
    return -n / 2 * np.log(variance) + (lam - 1) * np.sum(np.log(x))
''',
    "boxcox_mle": '''import math


def boxcox_mle(x, lo=-5.0, hi=5.0, tol=1e-8):
    if lo >= hi or tol <= 0:
        raise ValueError("need lo < hi and tol > 0")
    x = np.asarray(x, dtype=float)
    if np.any(x <= 0):
        raise ValueError("x must be positive")
    g = (math.sqrt(5) - 1) / 2
    steps = max(0, math.ceil(math.log(tol / (hi - lo)) / math.log(g)))   # (hi - lo) g^steps <= tol
    a, b = lo, hi
    for _ in range(steps):
        c, d = b - g * (b - a), a + g * (b - a)
        if boxcox_llf(c, x) >= boxcox_llf(d, x):
            b = d
        else:
            a = c
    return 0.5 * (a + b)
''',
    "fit_transform_boxcox": '''def fit_transform_boxcox(x_train, x_test):
    lam = boxcox_mle(list(np.ravel(x_train)), -5.0, 5.0, 1e-9)
    return lam, boxcox(x_train, lam), boxcox(x_test, lam)
''',
    "yeojohnson": '''import math


def yeojohnson(x, lam):
    out = []
    for v in np.ravel(np.asarray(x, dtype=float)).tolist():
        if not math.isfinite(v):
            raise ValueError("x must be finite")
        if v >= 0:
            out.append(math.log1p(v) if lam == 0 else math.expm1(lam * math.log1p(v)) / lam)
        else:
            out.append(-math.log1p(-v) if lam == 2 else -math.expm1((2 - lam) * math.log1p(-v)) / (2 - lam))
    return np.array(out)
''',
    "yeojohnson_inverse": '''def yeojohnson_inverse(y, lam):
    y = np.asarray(y, dtype=float)
    pos = y >= 0
    base_pos = 1 + lam * y
    base_neg = 1 - (2 - lam) * y
    if (lam != 0 and np.any(pos & (base_pos <= 0))) or (lam != 2 and np.any(~pos & (base_neg <= 0))):
        raise ValueError("y out of range")
    with np.errstate(all="ignore"):
        up = np.exp(y) - 1 if lam == 0 else np.power(np.where(pos, base_pos, 1.0), 1 / lam) - 1
        down = 1 - np.exp(-y) if lam == 2 else 1 - np.power(np.where(pos, 1.0, base_neg), 1 / (2 - lam))
    return np.where(pos, up, down)
''',
    "skewness": '''def skewness(x):
    x = np.asarray(x, dtype=float)
    n = x.size
    if n == 0:
        raise ValueError("empty")
    d = x - np.sum(x) / n
    m2 = np.sum(np.power(d, 2)) / n
    if m2 == 0:
        raise ValueError("constant data")
    return np.sum(np.power(d, 3)) / n / np.power(m2, 1.5)
''',
}

#: correct work computed in float32 and returned as float32 where the specification allows it (log_shift,
#: yeojohnson, skewness: "a float array", "a number"); boxcox keeps float64 as specified
FLOAT32_VARIANT = {
    "log_shift": '''def log_shift(x, c=1.0):
    if not np.isfinite(c):
        raise ValueError("c must be finite")
    x = np.asarray(x, dtype=np.float32).ravel()
    c32 = np.float32(c)
    if np.any(x.astype(float) + c <= 0):
        raise ValueError("x + c must be positive")
    return np.log(x.astype(float) + c).astype(np.float32) if np.any(x + c32 <= 0) else np.log(x + c32)
''',
    "yeojohnson": '''def yeojohnson(x, lam):
    x = np.asarray(x, dtype=np.float32).ravel()
    if not np.all(np.isfinite(x)):
        raise ValueError("x must be finite")
    lam = np.float32(lam)
    out = np.empty_like(x)
    pos = x >= 0
    lp, ln = np.log1p(x[pos]), np.log1p(-x[~pos])
    out[pos] = lp if lam == 0 else np.expm1(lam * lp) / lam
    out[~pos] = -ln if lam == 2 else -np.expm1((np.float32(2) - lam) * ln) / (np.float32(2) - lam)
    return out
''',
    "skewness": '''def skewness(x):
    x = np.asarray(x, dtype=np.float32).ravel()
    if x.size == 0:
        raise ValueError("empty")
    d = x - x.mean()
    m2 = np.mean(d * d)
    if m2 == 0:
        raise ValueError("constant")
    return np.float32(np.mean(d * d * d) / m2 ** np.float32(1.5))
''',
}

SUBMISSIONS.update({
    "honest-variants": Submission(
        lost=frozenset(), cells=HONEST_VARIANTS,
        why="loops with math, np.power with a series near λ = 0, a one-pass variance, a fixed number of "
            "golden-section steps, np.where for the inverse: full marks"),
    "float32": Submission(
        lost=frozenset(), cells=FLOAT32_VARIANT,
        why="correct work returning float32 where the specification allows it keeps every point"),
})
