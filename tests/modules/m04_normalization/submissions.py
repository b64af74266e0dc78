"""Submissions of 04-normalization that the course's grading round grades with nbgrader (tests/grading_round.py):
typical mistakes, each of which must lose exactly its task; honest variants written differently from the
reference (and one computing in float32, one in plain Python), which must keep every point; and calls the "numpy
only" rule forbids, which must lose exactly the task whose function reaches them. Tasks that build on earlier ones
(cosine similarity and TF-IDF on normalize_rows, Lasso on soft_threshold) are judged with the reference in place of
the student's earlier function, so a mistake there is charged once. tests/modules/m04_normalization/test_seeds.py
grades them in-process over many fixed hidden-test seeds."""
from __future__ import annotations

from tests.grading_round import Submission

# ------------------------------------------------------------------------------------- typical mistakes
#: the norms of the COLUMNS (axis=0): every column has unit norm, not every row
_COLUMNS = [("norms = np.abs(X).sum(axis=1)", "norms = np.abs(X).sum(axis=0)"),
            ("norms = np.sqrt((X * X).sum(axis=1))", "norms = np.sqrt((X * X).sum(axis=0))"),
            ("return X / norms[:, None]", "return X / norms")]
#: no guard: a zero row divides 0 by 0 (NaN)
_ZERO_NAN = [("norms = np.where(norms > 0, norms, 1.0)                   # a zero row stays zero", "pass")]
#: the plain idf when smoothing is asked (and the reverse)
_PLAIN_ALWAYS = [("if smooth_idf:", "if False:")]
_SMOOTH_ALWAYS = [("if smooth_idf:", "if True:")]
#: soft-thresholding with the sign error sign(z)·max(t − |z|, 0), and without the max
_ST_INVERTED = [("np.maximum(np.abs(z) - t, 0.0)", "np.maximum(t - np.abs(z), 0.0)")]
_ST_NO_MAX = [("return np.sign(z) * np.maximum(np.abs(z) - t, 0.0) + 0.0", "return z - t * np.sign(z)")]
#: the Lasso objective without the 1/2
_OBJ_NO_HALF = [("residual @ residual / (2 * X.shape[0])", "residual @ residual / X.shape[0]")]
#: Lasso's alpha scaled by n: minimizing 1/2 ||y - Xw||^2 + alpha ||w||_1 (no 1/n in the step)
_LASSO_ALPHA_N = [("col = (X * X).sum(axis=0) / n ", "col = (X * X).sum(axis=0) "),
                  ("rho = X[:, j] @ r / n + col[j] * old", "rho = X[:, j] @ r + col[j] * old")]
#: the intercept penalized: a column of ones appended and (A^T A + alpha I) solved
_RIDGE_PENALIZED = [("""    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ yc)
    return w, float(y_mean - x_mean @ w)""", """    A = np.column_stack([X, np.ones(len(X))])
    beta = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ y)
    return beta[:-1], float(beta[-1])""")]

SUBMISSIONS = {
    "mistakes": Submission(
        lost=frozenset({"test_normalize_rows", "test_tfidf", "test_soft_threshold", "test_lasso_objective",
                        "test_lasso_cd", "test_ridge_fit"}),
        edits={"normalize_rows": _COLUMNS, "tfidf": _SMOOTH_ALWAYS, "soft_threshold": _ST_INVERTED,
               "lasso_objective": _OBJ_NO_HALF, "lasso_cd": _LASSO_ALPHA_N, "ridge_fit": _RIDGE_PENALIZED},
        langs=("uk", "en"),
        hints={"uk": {"test_normalize_rows": "нормалізували СТОВПЦІ", "test_tfidf": "idf згладжено",
                      "test_soft_threshold": "sign(z)·max(t − |z|, 0)", "test_lasso_objective": "множника 1/2",
                      "test_lasso_cd": "без 1/n", "test_ridge_fit": "вільний член оштрафовано"},
               "en": {"test_normalize_rows": "you normalized COLUMNS", "test_tfidf": "the idf was smoothed",
                      "test_soft_threshold": "sign(z)·max(t − |z|, 0)", "test_lasso_objective": "factor 1/2",
                      "test_lasso_cd": "without 1/n", "test_ridge_fit": "intercept was penalized"}},
        why="six typical mistakes lose exactly their six tasks, with the specific hint in the notebook's language; "
            "cosine_similarity_matrix, built on the column-normalizing normalize_rows, keeps its points (it is "
            "judged with the reference normalize_rows), and so does lasso_cd's use of the faulty soft_threshold"),
    "zero-rows-nan": Submission(
        lost=frozenset({"test_normalize_rows"}), edits={"normalize_rows": _ZERO_NAN},
        langs=("uk", "en"),
        hints={"uk": {"test_normalize_rows": "нульовий рядок лишається нульовим"},
               "en": {"test_normalize_rows": "a zero row stays zero"}},
        why="NaN rows from dividing zero rows lose the normalization task only; cosine similarity and TF-IDF (which "
            "call it on zero rows) keep their points"),
    "plain-when-smooth": Submission(
        lost=frozenset({"test_tfidf"}), edits={"tfidf": _PLAIN_ALWAYS},
        why="the plain idf when smoothing is asked loses the TF-IDF task"),
    "soft-no-max": Submission(
        lost=frozenset({"test_soft_threshold"}), edits={"soft_threshold": _ST_NO_MAX},
        hints={"uk": {"test_soft_threshold": "бракує max(·, 0)"}},
        why="z − t·sign(z) without the max loses the soft-thresholding task only; lasso_cd keeps its points"),
    "lasso-alpha-n": Submission(
        lost=frozenset({"test_lasso_cd"}), edits={"lasso_cd": _LASSO_ALPHA_N},
        hints={"uk": {"test_lasso_cd": "без 1/n"}},
        why="Lasso's alpha scaled by n loses the coordinate-descent task with the 1/n hint"),
}

# ------------------------------------------------------------------------------------- the numpy-only rule
#: the course's own reference implementation bound to the graded name
COURSE_REFERENCE = "from fsgeom.modules.m04_normalization.maths import soft_threshold  # the course's own code\n"
#: scikit-learn's normalize inside normalize_rows; cosine similarity and TF-IDF reuse it and must not pay twice
SKLEARN_NORMALIZE = '''import numpy as np
from sklearn.preprocessing import normalize


def normalize_rows(X, norm="l2"):
    if norm not in ("l1", "l2"):
        raise ValueError("norm must be l1 or l2")
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    return normalize(X, norm=norm)
'''
#: scikit-learn's Lasso behind a helper
SKLEARN_LASSO = '''import numpy as np
from sklearn import linear_model as _lm


def _fit(X, y, alpha, tol, max_iter):
    return _lm.Lasso(alpha=alpha, fit_intercept=False, tol=tol, max_iter=max_iter).fit(X, y).coef_


def lasso_cd(X, y, alpha, tol=1e-8, max_iter=10_000, w0=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or alpha < 0 or tol < 0 or max_iter < 1:
        raise ValueError("bad input")
    if w0 is not None and np.shape(w0) != (X.shape[1],):
        raise ValueError("bad w0")
    return _fit(X, y, alpha, 1e-12, 1_000_000)
'''
#: scikit-learn's Ridge
SKLEARN_RIDGE = '''import numpy as np
from sklearn.linear_model import Ridge


def ridge_fit(X, y, alpha):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],) or alpha < 0:
        raise ValueError("bad input")
    model = Ridge(alpha=alpha).fit(X, y)
    return model.coef_, float(model.intercept_)
'''

# right only on the shapes the visible checks use, the plain idf elsewhere: passes every visible check, and the
# hidden tests (fresh random shapes) take its points
_FITTED_TO_VISIBLE = [("if smooth_idf:", "if smooth_idf and C.shape in ((6, 3), (9, 8), (9, 7), (3, 3)):")]
SUBMISSIONS["fitted-to-visible"] = Submission(
    lost=frozenset({"test_tfidf"}), edits={"tfidf": _FITTED_TO_VISIBLE},
    why="an answer fitted to the visible checks' inputs passes them and loses the task on the hidden tests")

SUBMISSIONS.update({
    "forbidden": Submission(
        lost=frozenset({"test_normalize_rows", "test_lasso_cd", "test_ridge_fit"}),
        cells={"normalize_rows": SKLEARN_NORMALIZE, "lasso_cd": SKLEARN_LASSO, "ridge_fit": SKLEARN_RIDGE},
        langs=("uk", "en"),
        hints={"uk": {"test_normalize_rows": "sklearn.preprocessing", "test_lasso_cd": "sklearn",
                      "test_ridge_fit": "sklearn"},
               "en": {"test_normalize_rows": "sklearn.preprocessing", "test_ridge_fit": "sklearn"}},
        why="sklearn's normalize inside normalize_rows, Lasso behind a helper, Ridge: each loses its task; cosine "
            "similarity and TF-IDF (which reuse normalize_rows) do not pay twice"),
    "course-reference": Submission(
        lost=frozenset({"test_soft_threshold"}), cells={"soft_threshold": COURSE_REFERENCE},
        hints={"uk": {"test_soft_threshold": "fsgeom.modules.m04_normalization.maths"}},
        why="the course's own reference bound to the graded name loses its task; lasso_cd, which calls it, does not"),
})

# ------------------------------------------------------------------------------------- honest variants
#: honest numpy written other ways than the reference: np.linalg.norm(keepdims=True) and np.divide(where=), cosine
#: without normalize_rows (dot products over the outer product of norms), df by a loop and np.log1p, np.where for
#: soft-thresholding, np.mean for the objective, coordinate descent on the Gram matrix, ridge through an augmented
#: system with an unpenalized intercept row
HONEST_VARIANTS = {
    "normalize_rows": '''import numpy as np


def normalize_rows(X, norm="l2"):
    orders = {"l1": 1, "l2": 2}
    if norm not in orders:
        raise ValueError("unknown norm " + repr(norm))
    X = np.array(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError("X must be a matrix")
    lengths = np.linalg.norm(X, ord=orders[norm], axis=1, keepdims=True)
    return np.divide(X, lengths, out=np.zeros_like(X), where=lengths != 0)
''',
    "cosine_similarity_matrix": '''import numpy as np


def cosine_similarity_matrix(X, Y=None):
    X = np.asarray(X, dtype=float)
    Y = X if Y is None else np.asarray(Y, dtype=float)
    if X.ndim != 2 or Y.ndim != 2 or X.shape[1] != Y.shape[1]:
        raise ValueError("X and Y need the same number of columns")
    nx, ny = np.linalg.norm(X, axis=1), np.linalg.norm(Y, axis=1)
    denominator = np.outer(nx, ny)
    return np.divide(X @ Y.T, denominator, out=np.zeros(denominator.shape), where=denominator > 0)
''',
    "tfidf": '''import numpy as np


def tfidf(counts, smooth_idf=True):
    C = np.array(counts, dtype=float)
    if C.ndim != 2 or (C < 0).any():
        raise ValueError("counts must be a non-negative matrix")
    n, d = C.shape
    df = np.array([np.count_nonzero(C[:, j]) for j in range(d)], dtype=float)
    if smooth_idf:
        idf = np.log1p(n) - np.log1p(df) + 1.0
    elif (df == 0).any():
        raise ValueError("a term with df = 0")
    else:
        idf = np.log(n) - np.log(df) + 1.0
    W = C * idf[np.newaxis, :]
    return normalize_rows(W)
''',
    "soft_threshold": '''import numpy as np


def soft_threshold(z, t):
    if not t >= 0:
        raise ValueError("t must be non-negative")
    z = np.asarray(z, dtype=float)
    return np.where(np.abs(z) > t, z - t * np.sign(z), 0.0)
''',
    "lasso_objective": '''import numpy as np


def lasso_objective(X, y, w, alpha):
    X, y, w = np.atleast_1d(np.asarray(X, dtype=float)), np.asarray(y, dtype=float), np.asarray(w, dtype=float)
    if X.ndim != 2 or y.shape != X.shape[:1] or w.shape != X.shape[1:] or alpha < 0:
        raise ValueError("bad shapes or alpha")
    return np.mean((y - X @ w) ** 2) / 2 + alpha * np.linalg.norm(w, 1)
''',
    "lasso_cd": '''import numpy as np


def lasso_cd(X, y, alpha, tol=1e-8, max_iter=10_000, w0=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ValueError("X must be (n, d) and y (n,)")
    if alpha < 0 or tol < 0 or max_iter < 1:
        raise ValueError("need alpha >= 0, tol >= 0, max_iter >= 1")
    n, d = X.shape
    w = np.zeros(d) if w0 is None else np.asarray(w0, dtype=float).copy()
    if w.shape != (d,):
        raise ValueError("w0 must have d entries")
    G, c = X.T @ X / n, X.T @ y / n                  # the Gram matrix: no residual kept
    sweeps = 0
    while sweeps < max_iter:
        sweeps += 1
        biggest = 0.0
        for j in range(d):
            if G[j, j] == 0:
                step = -w[j]
            else:
                rho = c[j] - G[j] @ w + G[j, j] * w[j]
                step = soft_threshold(rho, alpha) / G[j, j] - w[j]
            w[j] += step
            biggest = max(biggest, abs(step))
        if biggest <= tol:
            break
    return w
''',
    "ridge_fit": '''import numpy as np


def ridge_fit(X, y, alpha):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2 or y.ndim != 1 or len(y) != len(X):
        raise ValueError("X must be (n, d) and y (n,)")
    if alpha < 0:
        raise ValueError("alpha must be non-negative")
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    penalty = alpha * np.eye(d + 1)
    penalty[d, d] = 0.0                              # the intercept is not penalized
    beta = np.linalg.lstsq(A.T @ A + penalty, A.T @ y, rcond=None)[0]
    return beta[:d], beta[d]
''',
}

#: correct work computed in float32 and returned as float32 (arrays and numbers)
FLOAT32_VARIANT = {
    "normalize_rows": '''import numpy as np


def normalize_rows(X, norm="l2"):
    if norm not in ("l1", "l2"):
        raise ValueError("bad norm")
    X = np.asarray(X, dtype=np.float32)
    if X.ndim != 2:
        raise ValueError("bad X")
    norms = np.abs(X).sum(axis=1) if norm == "l1" else np.sqrt((X * X).sum(axis=1))
    return X / np.where(norms > 0, norms, np.float32(1))[:, None]
''',
    "cosine_similarity_matrix": '''import numpy as np


def cosine_similarity_matrix(X, Y=None):
    X = np.asarray(X, dtype=np.float32)
    Y = X if Y is None else np.asarray(Y, dtype=np.float32)
    if X.ndim != 2 or Y.ndim != 2 or X.shape[1] != Y.shape[1]:
        raise ValueError("bad shapes")
    return (normalize_rows(X) @ normalize_rows(Y).T).astype(np.float32)
''',
    "tfidf": '''import numpy as np


def tfidf(counts, smooth_idf=True):
    C = np.asarray(counts, dtype=np.float32)
    if C.ndim != 2 or np.any(C < 0):
        raise ValueError("bad counts")
    n = np.float32(C.shape[0])
    df = (C > 0).sum(axis=0).astype(np.float32)
    if smooth_idf:
        idf = np.log((1 + n) / (1 + df)) + np.float32(1)
    else:
        if np.any(df == 0):
            raise ValueError("df = 0")
        idf = np.log(n / df) + np.float32(1)
    W = C * idf
    norms = np.sqrt((W * W).sum(axis=1))
    return W / np.where(norms > 0, norms, np.float32(1))[:, None]
''',
    "soft_threshold": '''import numpy as np


def soft_threshold(z, t):
    if t < 0:
        raise ValueError("t < 0")
    z = np.asarray(z, dtype=np.float32)
    return np.sign(z) * np.maximum(np.abs(z) - np.float32(t), np.float32(0))
''',
    "lasso_objective": '''import numpy as np


def lasso_objective(X, y, w, alpha):
    X, y, w = (np.asarray(v, dtype=np.float32) for v in (X, y, w))
    if X.ndim != 2 or y.shape != (X.shape[0],) or w.shape != (X.shape[1],) or alpha < 0:
        raise ValueError("bad input")
    r = y - X @ w
    return np.float32(r @ r / np.float32(2 * X.shape[0]) + np.float32(alpha) * np.abs(w).sum())
''',
    "lasso_cd": '''import numpy as np


def lasso_cd(X, y, alpha, tol=1e-8, max_iter=10_000, w0=None):
    X, y = np.asarray(X, dtype=np.float32), np.asarray(y, dtype=np.float32)
    if X.ndim != 2 or y.shape != (X.shape[0],) or alpha < 0 or tol < 0 or max_iter < 1:
        raise ValueError("bad input")
    n, d = X.shape
    w = np.zeros(d, dtype=np.float32) if w0 is None else np.array(w0, dtype=np.float32)
    if w.shape != (d,):
        raise ValueError("bad w0")
    alpha = np.float32(alpha)
    col = (X * X).sum(axis=0) / np.float32(n)
    r = y - X @ w
    for _ in range(max_iter):
        largest = np.float32(0)
        for j in range(d):
            old = w[j]
            new = np.float32(0) if col[j] == 0 else \\
                np.float32(soft_threshold(X[:, j] @ r / np.float32(n) + col[j] * old, alpha) / col[j])
            if new != old:
                r -= X[:, j] * (new - old)
                w[j] = new
                largest = max(largest, abs(new - old))
        if largest <= tol:
            break
    return w
''',
    "ridge_fit": '''import numpy as np


def ridge_fit(X, y, alpha):
    X, y = np.asarray(X, dtype=np.float32), np.asarray(y, dtype=np.float32)
    if X.ndim != 2 or y.shape != (X.shape[0],) or alpha < 0:
        raise ValueError("bad input")
    mx, my = X.mean(axis=0), y.mean()
    Xc, yc = X - mx, y - my
    w = np.linalg.solve(Xc.T @ Xc + np.float32(alpha) * np.eye(X.shape[1], dtype=np.float32), Xc.T @ yc)
    return w, np.float32(my - mx @ w)
''',
}

#: an independently written, plain-Python submission (lists, loops, math.sqrt / math.log, its own linear solver by
#: Gaussian elimination)
PLAIN_PYTHON = {
    "normalize_rows": '''import math


def normalize_rows(X, norm="l2"):
    if norm not in ("l1", "l2"):
        raise ValueError("norm must be 'l1' or 'l2'")
    rows = np.array(X, dtype=float).tolist()
    if not isinstance(rows, list) or not rows or not isinstance(rows[0], list):
        raise ValueError("X must be a 2-D matrix")
    out = []
    for row in rows:
        size = sum(abs(v) for v in row) if norm == "l1" else math.sqrt(sum(v * v for v in row))
        out.append([v / size for v in row] if size > 0 else [0.0] * len(row))
    return np.array(out)
''',
    "cosine_similarity_matrix": '''def cosine_similarity_matrix(X, Y=None):
    A = normalize_rows(X).tolist()
    B = A if Y is None else normalize_rows(Y).tolist()
    if len(A[0]) != len(B[0]):
        raise ValueError("X and Y need the same number of columns")
    return np.array([[sum(a * b for a, b in zip(u, v)) for v in B] for u in A])
''',
    "tfidf": '''import math


def tfidf(counts, smooth_idf=True):
    rows = np.array(counts, dtype=float).tolist()
    if not rows or not isinstance(rows[0], list):
        raise ValueError("counts must be 2-D")
    if any(v < 0 for row in rows for v in row):
        raise ValueError("negative count")
    n, d = len(rows), len(rows[0])
    idf = []
    for j in range(d):
        df = sum(1 for row in rows if row[j] > 0)
        if smooth_idf:
            idf.append(math.log((1 + n) / (1 + df)) + 1)
        elif df == 0:
            raise ValueError("term " + str(j) + " occurs in no document")
        else:
            idf.append(math.log(n / df) + 1)
    return normalize_rows([[v * f for v, f in zip(row, idf)] for row in rows])
''',
    "soft_threshold": '''def soft_threshold(z, t):
    if t < 0:
        raise ValueError("negative threshold")
    z = np.asarray(z, dtype=float)

    def one(v):
        if v > t:
            return v - t
        if v < -t:
            return v + t
        return 0.0
    return np.array([one(v) for v in z.ravel().tolist()]).reshape(z.shape)
''',
    "lasso_objective": '''def lasso_objective(X, y, w, alpha):
    rows, ys, ws = np.array(X, dtype=float).tolist(), np.array(y, dtype=float).tolist(), np.array(w, dtype=float).tolist()
    if not isinstance(rows[0], list) or len(ys) != len(rows) or len(ws) != len(rows[0]) or alpha < 0:
        raise ValueError("bad input")
    n = len(rows)
    squares = sum((t - sum(a * b for a, b in zip(row, ws))) ** 2 for row, t in zip(rows, ys))
    return squares / (2 * n) + alpha * sum(abs(v) for v in ws)
''',
    "lasso_cd": '''def lasso_cd(X, y, alpha, tol=1e-8, max_iter=10_000, w0=None):
    rows, ys = np.array(X, dtype=float).tolist(), np.array(y, dtype=float).tolist()
    if not rows or not isinstance(rows[0], list) or not isinstance(ys, list) or len(ys) != len(rows):
        raise ValueError("X must be (n, d), y (n,)")
    if alpha < 0 or tol < 0 or max_iter < 1:
        raise ValueError("bad alpha, tol or max_iter")
    n, d = len(rows), len(rows[0])
    w = [0.0] * d if w0 is None else [float(v) for v in np.ravel(w0)]
    if len(w) != d or np.ndim(w0 if w0 is not None else w) != 1:
        raise ValueError("w0 must have d entries")
    cols = [[row[j] for row in rows] for j in range(d)]
    sq = [sum(v * v for v in c) / n for c in cols]
    r = [t - sum(a * b for a, b in zip(row, w)) for row, t in zip(rows, ys)]
    for _ in range(max_iter):
        largest = 0.0
        for j in range(d):
            old = w[j]
            if sq[j] == 0:
                new = 0.0
            else:
                rho = sum(a * b for a, b in zip(cols[j], r)) / n + sq[j] * old
                new = (rho - alpha if rho > alpha else rho + alpha if rho < -alpha else 0.0) / sq[j]
            if new != old:
                r = [ri - a * (new - old) for ri, a in zip(r, cols[j])]
                w[j] = new
                largest = max(largest, abs(new - old))
        if largest <= tol:
            break
    return np.array(w)
''',
    "ridge_fit": '''def ridge_fit(X, y, alpha):
    rows, ys = np.array(X, dtype=float).tolist(), np.array(y, dtype=float).tolist()
    if not rows or not isinstance(rows[0], list) or not isinstance(ys, list) or len(ys) != len(rows):
        raise ValueError("X must be (n, d), y (n,)")
    if alpha < 0:
        raise ValueError("alpha must be non-negative")
    n, d = len(rows), len(rows[0])
    means = [sum(row[j] for row in rows) / n for j in range(d)]
    y_mean = sum(ys) / n
    Xc = [[row[j] - means[j] for j in range(d)] for row in rows]
    yc = [t - y_mean for t in ys]
    M = [[sum(r[i] * r[k] for r in Xc) + (alpha if i == k else 0.0) for k in range(d)]
         + [sum(r[i] * t for r, t in zip(Xc, yc))] for i in range(d)]
    for i in range(d):                               # Gaussian elimination with partial pivoting
        p = max(range(i, d), key=lambda k: abs(M[k][i]))
        M[i], M[p] = M[p], M[i]
        for k in range(i + 1, d):
            f = M[k][i] / M[i][i]
            M[k] = [a - f * b for a, b in zip(M[k], M[i])]
    w = [0.0] * d
    for i in reversed(range(d)):
        w[i] = (M[i][d] - sum(M[i][k] * w[k] for k in range(i + 1, d))) / M[i][i]
    return np.array(w), y_mean - sum(m * v for m, v in zip(means, w))
''',
}

SUBMISSIONS.update({
    "honest-variants": Submission(
        lost=frozenset(), cells=HONEST_VARIANTS,
        why="np.linalg.norm(keepdims=True), np.divide(where=), cosine over the outer product of norms, np.log1p, "
            "np.where, np.mean, coordinate descent on the Gram matrix, ridge through an augmented system: full marks"),
    "plain-python": Submission(
        lost=frozenset(), cells=PLAIN_PYTHON,
        why="an independently written plain-Python submission (loops, math, its own Gaussian elimination): full marks"),
    "float32": Submission(
        lost=frozenset(), cells=FLOAT32_VARIANT,
        why="correct work returning float32 arrays and numbers keeps every point (tolerances follow the dtype)"),
})
