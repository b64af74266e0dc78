"""Submissions of 03-scaling that the course's grading round grades with nbgrader (tests/grading_round.py):
typical mistakes, each of which must lose exactly its task; honest variants written differently from the
reference (and one computing in float32), which must keep every point; and calls the "numpy only" rule forbids,
which must lose exactly the task whose function reaches them. tests/modules/m03_scaling/test_seeds.py grades the
honest ones in-process over many fixed hidden-test seeds."""
from __future__ import annotations

from tests.grading_round import Submission

# ------------------------------------------------------------------------------------- typical mistakes
#: feature_range ignored: always [0, 1]
_RANGE_IGNORED = ("scale = (b - a) / span", "scale = 1.0 / span")
#: the range not guarded: a constant column divides by zero
_CONSTANT_NAN = ("span = np.where(hi > lo, hi - lo, 1.0)                    # a constant column: range 1",
                 "span = hi - lo")
#: the test set scaled with its own min and max
_LEAK_TEST = ("minmax_transform(X_test, scale, min_)", "minmax_transform(X_test, *minmax_fit(X_test, feature_range))")
#: min and max of all the data (train and test together)
_LEAK_ALL = ("scale, min_ = minmax_fit(X_train, feature_range)         # fitted on the training set only",
             "scale, min_ = minmax_fit(np.concatenate([X_train, X_test]), feature_range)")
#: Q1 and Q3 swapped: a negative scale
_SWAPPED = ("q1, median, q3 = np.percentile(X, [25.0, 50.0, 75.0], axis=0)",
            "q3, median, q1 = np.percentile(X, [25.0, 50.0, 75.0], axis=0)")
#: the condition number of X_c, not of X_c^T X_c (the square root)
_SQRT = ("return float((s[0] / s[-1]) ** 2)", "return float(s[0] / s[-1])")
#: gradient descent on uncentred data
_UNCENTRED = ("Xc, yc = X - X.mean(axis=0), y - y.mean()", "Xc, yc = X, y")
#: the intercept left as it was
_INTERCEPT = ("b = float(b_scaled) - float(np.sum(w * mean))", "b = float(b_scaled)")
#: the bias measured against the noisy targets
_BIAS_NOISY = ("bias2 = float(np.mean((mean_prediction - f) ** 2))", "bias2 = float(np.mean((mean_prediction - Y) ** 2))")

SUBMISSIONS = {
    "mistakes": Submission(
        lost=frozenset({"test_minmax", "test_robust", "test_gram_condition", "test_unscale_coefficients",
                        "test_bias_variance"}),
        edits={"minmax_fit": [_RANGE_IGNORED], "robust_fit": [_SWAPPED], "gram_condition": [_SQRT],
               "unscale_coefficients": [_INTERCEPT], "bias_variance": [_BIAS_NOISY]},
        langs=("uk", "en"),
        hints={"uk": {"test_minmax": "feature_range = (0, 1)", "test_robust": "Q1 і Q3 переплутано",
                      "test_gram_condition": "квадратний корінь", "test_unscale_coefficients": "зсув не перераховано",
                      "test_bias_variance": "ЗАШУМЛЕНИХ"},
               "en": {"test_minmax": "feature_range were (0, 1)", "test_robust": "Q1 and Q3 are swapped",
                      "test_gram_condition": "the square root", "test_unscale_coefficients": "not adjusted",
                      "test_bias_variance": "NOISY targets"}},
        why="five typical mistakes lose exactly their five tasks, with the specific hint in the notebook's language; "
            "scale_train_test, built on the faulty minmax_fit, keeps its points"),
    "leak-test": Submission(
        lost=frozenset({"test_scale_train_test"}), edits={"scale_train_test": [_LEAK_TEST]},
        langs=("uk", "en"),
        hints={"uk": {"test_scale_train_test": "ВЛАСНИМИ min і max"},
               "en": {"test_scale_train_test": "OWN min and max"}},
        why="min and max taken from the test set lose exactly the train/test task, with the leakage hint"),
    "leak-all": Submission(
        lost=frozenset({"test_scale_train_test"}), edits={"scale_train_test": [_LEAK_ALL]},
        hints={"uk": {"test_scale_train_test": "з УСІХ даних"}},
        why="min and max of all the data lose exactly the train/test task"),
    "constant-nan": Submission(
        lost=frozenset({"test_minmax"}), edits={"minmax_fit": [_CONSTANT_NAN]},
        hints={"uk": {"test_minmax": "Стовпець зі сталим значенням"}},
        why="a constant column divided by zero loses the min-max task only"),
    "uncentred-gd": Submission(
        lost=frozenset({"test_gradient_descent"}), edits={"gradient_descent": [_UNCENTRED]},
        hints={"uk": {"test_gradient_descent": "НЕцентрованих"}},
        why="gradient descent on uncentred data loses its task with the centring hint"),
}

# ------------------------------------------------------------------------------------- the numpy-only rule
#: the course's own reference implementation bound to the graded name
COURSE_REFERENCE = "from fsgeom.modules.m03_scaling.maths import gram_condition  # the course's own code\n"
#: scikit-learn's RobustScaler behind a helper
SKLEARN_ROBUST = '''import numpy as np
from sklearn.preprocessing import RobustScaler as _Scaler


def _fit(X):
    scaler = _Scaler().fit(X)
    return scaler.center_, scaler.scale_


def robust_fit(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError("X must be a non-empty 2-D matrix")
    return _fit(X)
'''
#: scikit-learn's MinMaxScaler inside minmax_fit; scale_train_test reuses it and must not pay twice
SKLEARN_MINMAX = '''import numpy as np
from sklearn.preprocessing import MinMaxScaler


def minmax_fit(X, feature_range=(0.0, 1.0)):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError("X must be a non-empty 2-D matrix")
    if not feature_range[0] < feature_range[1]:
        raise ValueError("feature_range must be (a, b) with a < b")
    scaler = MinMaxScaler(feature_range=feature_range).fit(X)
    return scaler.scale_, scaler.min_
'''
#: SciPy's linear algebra for the singular values
SCIPY_GRAM = '''import numpy as np
import scipy.linalg as _la


def gram_condition(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] < 2:
        raise ValueError("X must be 2-D with at least two rows")
    if np.any(X.max(axis=0) == X.min(axis=0)):
        raise ValueError("a constant feature")
    s = _la.svdvals(X - X.mean(axis=0))
    return float((s[0] / s[-1]) ** 2)
'''

# right only on the shapes the visible checks use, the square root elsewhere: passes every visible check, and the
# hidden tests (fresh random shapes) take its points
_FITTED_TO_VISIBLE = ("return float((s[0] / s[-1]) ** 2)",
                      "return float((s[0] / s[-1]) ** (2 if X.shape in ((4, 2), (30, 3), (30, 1)) else 1))")
SUBMISSIONS["fitted-to-visible"] = Submission(
    lost=frozenset({"test_gram_condition"}), edits={"gram_condition": [_FITTED_TO_VISIBLE]},
    why="an answer fitted to the visible checks' inputs passes them and loses the task on the hidden tests")

SUBMISSIONS.update({
    "forbidden": Submission(
        lost=frozenset({"test_minmax", "test_robust", "test_gram_condition"}),
        cells={"minmax_fit": SKLEARN_MINMAX, "robust_fit": SKLEARN_ROBUST, "gram_condition": SCIPY_GRAM},
        langs=("uk", "en"),
        hints={"uk": {"test_minmax": "sklearn.preprocessing", "test_robust": "sklearn.preprocessing",
                      "test_gram_condition": "scipy.linalg"},
               "en": {"test_minmax": "sklearn.preprocessing", "test_gram_condition": "scipy.linalg"}},
        why="MinMaxScaler inside minmax_fit, RobustScaler behind a helper, scipy.linalg.svdvals: each loses its task; "
            "scale_train_test (which reuses minmax_fit) does not pay twice"),
    "course-reference": Submission(
        lost=frozenset({"test_gram_condition"}), cells={"gram_condition": COURSE_REFERENCE},
        hints={"uk": {"test_gram_condition": "fsgeom.modules.m03_scaling.maths"}},
        why="the course's own reference bound to the graded name loses its task"),
})

# ------------------------------------------------------------------------------------- honest variants
#: honest numpy written other ways than the reference: np.ptp, np.divide(where=), a diagonal matrix product, the
#: formula a + (x - min) * scale inline, np.quantile and np.median, eigvalsh of the covariance, a history list,
#: the intercept through mean / scale, the variance as E[x²] − E[x]²
HONEST_VARIANTS = {
    "minmax_fit": '''import numpy as np


def minmax_fit(X, feature_range=(0.0, 1.0)):
    X = np.array(X, dtype=np.float64, ndmin=1)
    if X.ndim != 2 or len(X) == 0:
        raise ValueError("X must be a 2-D matrix with rows")
    a, b = feature_range
    if a >= b:
        raise ValueError("need a < b")
    span = np.ptp(X, axis=0)
    scale = np.divide(b - a, span, out=np.full(span.shape, float(b - a)), where=span != 0)
    min_ = a - np.min(X, axis=0) * scale
    return scale, min_
''',
    "minmax_transform": '''import numpy as np


def minmax_transform(X, scale, min_):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or len(scale) != X.shape[1] or len(min_) != X.shape[1]:
        raise ValueError("shapes do not match")
    return X @ np.diag(np.asarray(scale, dtype=float)) + np.asarray(min_, dtype=float)
''',
    "minmax_inverse": '''import numpy as np


def minmax_inverse(X_scaled, scale, min_):
    X_scaled = np.asarray(X_scaled, dtype=float)
    scale, min_ = np.asarray(scale, dtype=float), np.asarray(min_, dtype=float)
    if X_scaled.ndim != 2 or scale.shape != min_.shape or scale.shape != X_scaled.shape[1:]:
        raise ValueError("shapes do not match")
    if not np.all(scale):
        raise ValueError("zero scale")
    return (X_scaled - min_) * (1.0 / scale)
''',
    "scale_train_test": '''import numpy as np


def scale_train_test(X_train, X_test, feature_range=(0.0, 1.0)):
    A, B = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError("X_train and X_test need the same columns")
    a, b = feature_range
    lo, hi = A.min(axis=0), A.max(axis=0)
    width = np.where(hi == lo, 1.0, hi - lo)
    return a + (A - lo) * ((b - a) / width), a + (B - lo) * ((b - a) / width)
''',
    "robust_fit": '''import numpy as np


def robust_fit(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] < 1:
        raise ValueError("X must be a 2-D matrix with rows")
    q1, q3 = np.quantile(X, [0.25, 0.75], axis=0)
    iqr = q3 - q1
    iqr[iqr == 0] = 1.0
    return np.median(X, axis=0), iqr
''',
    "robust_transform": '''import numpy as np


def robust_transform(X, center, scale):
    X = np.asarray(X, dtype=float)
    center, scale = np.asarray(center, dtype=float), np.asarray(scale, dtype=float)
    if X.ndim != 2 or center.shape != (X.shape[1],) or scale.shape != (X.shape[1],) or np.any(scale == 0):
        raise ValueError("bad center / scale")
    return np.divide(X - center, scale)
''',
    "gram_condition": '''import numpy as np


def gram_condition(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] < 2:
        raise ValueError("X must be 2-D with at least two rows")
    if np.any(np.ptp(X, axis=0) == 0):
        raise ValueError("constant feature")
    eigenvalues = np.linalg.eigvalsh(np.atleast_2d(np.cov(X, rowvar=False)))   # a multiple of Xc^T Xc
    return eigenvalues.max() / eigenvalues.min()
''',
    "gradient_descent": '''import numpy as np


def gradient_descent(X, y, lr, steps):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float).ravel()
    if X.ndim != 2 or len(y) != len(X) or np.asarray(y).size != len(X):
        raise ValueError("X must be 2-D and y have one value per row")
    if lr <= 0 or steps < 0 or int(steps) != steps:
        raise ValueError("lr must be positive and steps a non-negative integer")
    n = len(X)
    Xc = X - X.mean(axis=0)
    G, h = Xc.T @ Xc / n, Xc.T @ (y - y.mean()) / n
    w = np.zeros(X.shape[1])
    history = [w]
    for _ in range(int(steps)):
        w = w - lr * (G @ w - h)
        history.append(w)
    return np.array(history)
''',
    "unscale_coefficients": '''import numpy as np


def unscale_coefficients(w_scaled, b_scaled, mean, scale):
    w_scaled, mean, scale = (np.asarray(v, dtype=float) for v in (w_scaled, mean, scale))
    if not (w_scaled.ndim == 1 and w_scaled.shape == mean.shape == scale.shape):
        raise ValueError("lengths differ")
    if (scale <= 0).any():
        raise ValueError("scale must be positive")
    return w_scaled / scale, b_scaled - w_scaled @ (mean / scale)
''',
    "bias_variance": '''import numpy as np


def bias_variance(predictions, f_true, y_noisy):
    P, f, Y = (np.asarray(v, dtype=float) for v in (predictions, f_true, y_noisy))
    if P.ndim != 2 or f.shape != P.shape[1:] or Y.shape != P.shape:
        raise ValueError("shapes do not match")
    mean = P.mean(axis=0)
    variance = ((P ** 2).mean(axis=0) - mean ** 2).mean()          # E[x^2] - E[x]^2
    return ((mean - f) ** 2).mean(), variance, ((P - Y) ** 2).mean()
''',
}

#: correct work computed in float32 and returned as float32 (arrays and numbers)
FLOAT32_VARIANT = {
    "minmax_fit": '''import numpy as np


def minmax_fit(X, feature_range=(0.0, 1.0)):
    X = np.asarray(X, dtype=np.float32)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError("bad X")
    a, b = (np.float32(v) for v in feature_range)
    if not a < b:
        raise ValueError("need a < b")
    lo, hi = X.min(axis=0), X.max(axis=0)
    scale = (b - a) / np.where(hi > lo, hi - lo, np.float32(1))
    return scale, a - lo * scale
''',
    "minmax_transform": '''import numpy as np


def minmax_transform(X, scale, min_):
    X = np.asarray(X, dtype=np.float32)
    scale, min_ = np.asarray(scale, dtype=np.float32), np.asarray(min_, dtype=np.float32)
    if X.ndim != 2 or scale.shape != (X.shape[1],) or min_.shape != (X.shape[1],):
        raise ValueError("bad shapes")
    return X * scale + min_
''',
    "minmax_inverse": '''import numpy as np


def minmax_inverse(X_scaled, scale, min_):
    X = np.asarray(X_scaled, dtype=np.float32)
    scale, min_ = np.asarray(scale, dtype=np.float32), np.asarray(min_, dtype=np.float32)
    if X.ndim != 2 or scale.shape != (X.shape[1],) or min_.shape != (X.shape[1],) or np.any(scale == 0):
        raise ValueError("bad shapes or zero scale")
    return (X - min_) / scale
''',
    "scale_train_test": '''import numpy as np


def scale_train_test(X_train, X_test, feature_range=(0.0, 1.0)):
    A, B = np.asarray(X_train, dtype=np.float32), np.asarray(X_test, dtype=np.float32)
    if A.ndim != 2 or B.ndim != 2 or A.shape[1] != B.shape[1]:
        raise ValueError("bad shapes")
    scale, min_ = minmax_fit(A, feature_range)
    return minmax_transform(A, scale, min_), minmax_transform(B, scale, min_)
''',
    "robust_fit": '''import numpy as np


def robust_fit(X):
    X = np.asarray(X, dtype=np.float32)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError("bad X")
    q1, med, q3 = np.percentile(X, [25, 50, 75], axis=0).astype(np.float32)
    iqr = q3 - q1
    return med, np.where(iqr == 0, np.float32(1), iqr)
''',
    "robust_transform": '''import numpy as np


def robust_transform(X, center, scale):
    X = np.asarray(X, dtype=np.float32)
    center, scale = np.asarray(center, dtype=np.float32), np.asarray(scale, dtype=np.float32)
    if X.ndim != 2 or center.shape != (X.shape[1],) or scale.shape != (X.shape[1],) or np.any(scale == 0):
        raise ValueError("bad shapes or zero scale")
    return (X - center) / scale
''',
    "gram_condition": '''import numpy as np


def gram_condition(X):
    X = np.asarray(X, dtype=np.float32)
    if X.ndim != 2 or X.shape[0] < 2:
        raise ValueError("bad X")
    if np.any(X.max(axis=0) == X.min(axis=0)):
        raise ValueError("constant feature")
    Xc = X - X.mean(axis=0)
    ev = np.linalg.eigvalsh(Xc.T @ Xc)
    return np.float32(ev[-1] / ev[0])
''',
    "gradient_descent": '''import numpy as np


def gradient_descent(X, y, lr, steps):
    X, y = np.asarray(X, dtype=np.float32), np.asarray(y, dtype=np.float32)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("bad shapes")
    if not lr > 0 or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise ValueError("bad lr or steps")
    n = np.float32(X.shape[0])
    lr = np.float32(lr)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    W = np.zeros((steps + 1, X.shape[1]), dtype=np.float32)
    for t in range(steps):
        W[t + 1] = W[t] - lr * (Xc.T @ (Xc @ W[t] - yc)) / n
    return W
''',
    "unscale_coefficients": '''import numpy as np


def unscale_coefficients(w_scaled, b_scaled, mean, scale):
    w_scaled, mean, scale = (np.asarray(v, dtype=np.float32) for v in (w_scaled, mean, scale))
    if w_scaled.ndim != 1 or mean.shape != w_scaled.shape or scale.shape != w_scaled.shape:
        raise ValueError("lengths differ")
    if np.any(scale <= 0):
        raise ValueError("scale must be positive")
    w = w_scaled / scale
    return w, np.float32(b_scaled) - np.float32(np.sum(w * mean, dtype=np.float32))
''',
    "bias_variance": '''import numpy as np


def bias_variance(predictions, f_true, y_noisy):
    P, f, Y = (np.asarray(v, dtype=np.float32) for v in (predictions, f_true, y_noisy))
    if P.ndim != 2 or f.shape != (P.shape[1],) or Y.shape != P.shape:
        raise ValueError("shapes do not match")
    m = P.mean(axis=0)
    return np.mean((m - f) ** 2), np.mean(P.var(axis=0)), np.mean((P - Y) ** 2)
''',
}

#: an independently written, plain-Python submission (lists, loops, sorted(), math.fsum, its own linear-interpolation
#: percentile, a 2 x 2 / power-iteration-free κ through numpy's eigvalsh on a Gram matrix built by loops)
PLAIN_PYTHON = {
    "minmax_fit": '''def minmax_fit(X, feature_range=(0.0, 1.0)):
    rows = np.array(X, dtype=float).tolist()
    if not rows or not isinstance(rows[0], list):
        raise ValueError("X must be a non-empty 2-D matrix")
    a, b = float(feature_range[0]), float(feature_range[1])
    if a >= b:
        raise ValueError("feature_range: a must be below b")
    scale, min_ = [], []
    for column in zip(*rows):
        lo, hi = min(column), max(column)
        s = (b - a) / (hi - lo) if hi > lo else (b - a)
        scale.append(s)
        min_.append(a - lo * s)
    return np.array(scale), np.array(min_)
''',
    "minmax_transform": '''def minmax_transform(X, scale, min_):
    rows = np.array(X, dtype=float).tolist()
    scale, min_ = list(np.array(scale, dtype=float).ravel()), list(np.array(min_, dtype=float).ravel())
    if not rows or not isinstance(rows[0], list) or len(scale) != len(rows[0]) or len(min_) != len(rows[0]):
        raise ValueError("X and the parameters do not match")
    return np.array([[x * s + m for x, s, m in zip(row, scale, min_)] for row in rows])
''',
    "minmax_inverse": '''def minmax_inverse(X_scaled, scale, min_):
    rows = np.array(X_scaled, dtype=float).tolist()
    scale, min_ = list(np.array(scale, dtype=float).ravel()), list(np.array(min_, dtype=float).ravel())
    if not rows or not isinstance(rows[0], list) or len(scale) != len(rows[0]) or len(min_) != len(rows[0]):
        raise ValueError("X and the parameters do not match")
    if 0.0 in scale:
        raise ValueError("a zero scale cannot be inverted")
    return np.array([[(x - m) / s for x, s, m in zip(row, scale, min_)] for row in rows])
''',
    "scale_train_test": '''def scale_train_test(X_train, X_test, feature_range=(0.0, 1.0)):
    train, test = np.array(X_train, dtype=float), np.array(X_test, dtype=float)
    if train.ndim != 2 or test.ndim != 2 or train.shape[1] != test.shape[1]:
        raise ValueError("X_train and X_test need the same number of columns")
    parameters = minmax_fit(train, feature_range)
    return minmax_transform(train, *parameters), minmax_transform(test, *parameters)
''',
    "robust_fit": '''def robust_fit(X):
    rows = np.array(X, dtype=float).tolist()
    if not rows or not isinstance(rows[0], list):
        raise ValueError("X must be a non-empty 2-D matrix")

    def percentile(values, q):
        values = sorted(values)
        position = (len(values) - 1) * q / 100
        low = int(position)
        high = min(low + 1, len(values) - 1)
        return values[low] + (values[high] - values[low]) * (position - low)

    center, scale = [], []
    for column in zip(*rows):
        center.append(percentile(column, 50))
        iqr = percentile(column, 75) - percentile(column, 25)
        scale.append(iqr if iqr != 0 else 1.0)
    return np.array(center), np.array(scale)
''',
    "robust_transform": '''def robust_transform(X, center, scale):
    rows = np.array(X, dtype=float).tolist()
    center, scale = list(np.array(center, dtype=float).ravel()), list(np.array(scale, dtype=float).ravel())
    if not rows or not isinstance(rows[0], list) or len(center) != len(rows[0]) or len(scale) != len(rows[0]):
        raise ValueError("X and the parameters do not match")
    if 0.0 in scale:
        raise ValueError("zero scale")
    return np.array([[(x - c) / s for x, c, s in zip(row, center, scale)] for row in rows])
''',
    "gram_condition": '''import math


def gram_condition(X):
    rows = np.array(X, dtype=float).tolist()
    if not rows or not isinstance(rows[0], list):
        raise ValueError("X must be 2-D")
    if len(rows) < 2:
        raise ValueError("at least two rows are needed")
    columns = [list(c) for c in zip(*rows)]
    if any(min(c) == max(c) for c in columns):
        raise ValueError("a constant feature")
    centred = [[x - math.fsum(c) / len(c) for x in c] for c in columns]
    gram = [[math.fsum(u * v for u, v in zip(ci, cj)) for cj in centred] for ci in centred]
    eigenvalues = sorted(np.linalg.eigvalsh(np.array(gram)).tolist())
    return eigenvalues[-1] / eigenvalues[0]
''',
    "gradient_descent": '''def gradient_descent(X, y, lr, steps):
    rows, targets = np.array(X, dtype=float).tolist(), np.array(y, dtype=float).tolist()
    if not rows or not isinstance(rows[0], list):
        raise ValueError("X must be 2-D")
    if not isinstance(targets, list) or len(targets) != len(rows):
        raise ValueError("y must have one value per row")
    if lr <= 0 or not isinstance(steps, int) or steps < 0:
        raise ValueError("lr must be positive and steps a non-negative integer")
    n, d = len(rows), len(rows[0])
    means = [sum(r[j] for r in rows) / n for j in range(d)]
    y_mean = sum(targets) / n
    Xc = [[r[j] - means[j] for j in range(d)] for r in rows]
    yc = [t - y_mean for t in targets]
    w = [0.0] * d
    history = [list(w)]
    for _ in range(steps):
        residual = [sum(x[j] * w[j] for j in range(d)) - t for x, t in zip(Xc, yc)]
        gradient = [sum(x[j] * r for x, r in zip(Xc, residual)) / n for j in range(d)]
        w = [w[j] - lr * gradient[j] for j in range(d)]
        history.append(list(w))
    return np.array(history)
''',
    "unscale_coefficients": '''def unscale_coefficients(w_scaled, b_scaled, mean, scale):
    w_scaled, mean, scale = (list(np.array(v, dtype=float).reshape(-1)) for v in (w_scaled, mean, scale))
    if not len(w_scaled) == len(mean) == len(scale) or np.ndim(np.array(w_scaled)) != 1:
        raise ValueError("lengths differ")
    if any(s <= 0 for s in scale):
        raise ValueError("scale must be positive")
    w = [wj / sj for wj, sj in zip(w_scaled, scale)]
    b = float(b_scaled) - sum(wj * mj for wj, mj in zip(w, mean))
    return np.array(w), b
''',
    "bias_variance": '''def bias_variance(predictions, f_true, y_noisy):
    P, f, Y = (np.array(v, dtype=float).tolist() for v in (predictions, f_true, y_noisy))
    if not isinstance(P, list) or not P or not isinstance(P[0], list):
        raise ValueError("predictions must be 2-D")
    R, n = len(P), len(P[0])
    if not isinstance(f, list) or len(f) != n or any(isinstance(v, list) for v in f):
        raise ValueError("f_true must have n values")
    if not isinstance(Y, list) or len(Y) != R or any(not isinstance(row, list) or len(row) != n for row in Y):
        raise ValueError("y_noisy must be (R, n)")
    bias2 = variance = mse = 0.0
    for i in range(n):
        column = [P[r][i] for r in range(R)]
        mean = sum(column) / R
        bias2 += (mean - f[i]) ** 2 / n
        variance += sum((p - mean) ** 2 for p in column) / (R * n)
        mse += sum((P[r][i] - Y[r][i]) ** 2 for r in range(R)) / (R * n)
    return bias2, variance, mse
''',
}

SUBMISSIONS.update({
    "honest-variants": Submission(
        lost=frozenset(), cells=HONEST_VARIANTS,
        why="np.ptp, np.divide(where=), a diagonal product, a + (x − min)·scale inline, np.quantile, eigvalsh of the "
            "covariance, a history list, the intercept through mean / scale, E[x²] − E[x]²: full marks"),
    "plain-python": Submission(
        lost=frozenset(), cells=PLAIN_PYTHON,
        why="an independently written plain-Python submission (loops, sorted(), its own percentile): full marks"),
    "float32": Submission(
        lost=frozenset(), cells=FLOAT32_VARIANT,
        why="correct work returning float32 arrays and numbers keeps every point (tolerances follow the dtype)"),
})
