"""Submissions of 01-distances that the course's grading round grades with nbgrader (tests/grading_round.py):
typical mistakes, each of which must lose exactly its task; honest variants written differently from the
reference (and one computing in float32), which must keep every point; and calls the "numpy only" rule forbids,
which must lose exactly the task whose function reaches them. tests/modules/m01_distances/test_seeds.py grades the
honest ones in-process over many fixed hidden-test seeds."""
from __future__ import annotations

from tests.grading_round import Submission

_SQUARED = ("return np.sqrt((diff ** 2).sum(axis=2))", "return (diff ** 2).sum(axis=2)")
_DDOF1 = ("std = X.std(axis=0)", "std = X.std(axis=0, ddof=1)")
_LEAK = ("mean, std = zscore_fit(X_train)\n    return", "mean, std = zscore_fit(X_test)\n    return")

SUBMISSIONS = {
    # sample instead of population std, distances not square-rooted, scaler fitted on the test data
    "mistakes": Submission(
        lost=frozenset({"test_pairwise_euclidean", "test_zscore_fit", "test_scale_train_test"}),
        edits={"pairwise_euclidean": [_SQUARED], "zscore_fit": [_DDOF1], "scale_train_test": [_LEAK]},
        langs=("uk", "en"),
        hints={"uk": {"test_pairwise_euclidean": "квадратний корінь", "test_zscore_fit": "ddof=1",
                      "test_scale_train_test": "ВЛАСНИМИ статистиками"},
               "en": {"test_pairwise_euclidean": "square root", "test_zscore_fit": "ddof=1",
                      "test_scale_train_test": "OWN statistics"}},
        why="three typical mistakes lose exactly their three tasks, with the specific hint in the notebook's language"),
    # only the sample std: scale_train_test reuses the student's own zscore_fit and is not charged twice
    "ddof": Submission(
        lost=frozenset({"test_zscore_fit"}), edits={"zscore_fit": [_DDOF1]},
        why="a mistake in zscore_fit is charged to zscore_fit only"),
    # Manhattan right only on small inputs (passes the visible checks): the hidden tests take its point
    "hardcoded": Submission(
        lost=frozenset({"test_pairwise_manhattan"}),
        edits={"pairwise_manhattan": [(
            "return np.abs(X[:, None, :] - Y[None, :, :]).sum(axis=2)",
            "if X.shape[0] <= 5 and Y.shape[0] <= 5:\n"
            "        return np.abs(X[:, None, :] - Y[None, :, :]).sum(axis=2)\n"
            "    return np.sqrt(((X[:, None, :] - Y[None, :, :]) ** 2).sum(axis=2))")]},
        why="hidden tests catch what the visible checks miss"),
}

# ------------------------------------------------------------------------------------- whitening (task 10)
_ZCA = "return (eigenvectors / np.sqrt(eigenvalues)) @ eigenvectors.T"
_VALIDATE_COV = '''    cov = np.asarray(cov, dtype=float)
    if cov.ndim != 2 or cov.shape[0] != cov.shape[1] or not np.allclose(cov, cov.T):
        raise ValueError("cov must be a symmetric square matrix")
    w = np.linalg.eigvalsh(cov)
    if w[0] <= 1e-10 * w[-1]:
        raise ValueError("cov is singular")
'''
#: only the diagonal of cov: z-scoring, not whitening (right for a diagonal cov only)
WHITEN_DIAGONAL = '''import numpy as np


def whitening_matrix(cov):
''' + _VALIDATE_COV + '''    return np.diag(1.0 / np.sqrt(np.diag(cov)))
'''
#: the inverse Cholesky factor, transposed: it whitens as x -> W^T x (W^T cov W = I), not as x -> W x
WHITEN_TRANSPOSED = '''import numpy as np


def whitening_matrix(cov):
''' + _VALIDATE_COV + '''    return np.linalg.inv(np.linalg.cholesky(cov)).T
'''

SUBMISSIONS.update({
    # W = cov^-1: divides by the variances (the metric tensor, not its square root)
    "whiten-inverse-cov": Submission(
        lost=frozenset({"test_whitening_matrix"}),
        edits={"whitening_matrix": [(_ZCA, "return (eigenvectors / eigenvalues) @ eigenvectors.T")]},
        langs=("uk", "en"),
        hints={"uk": {"test_whitening_matrix": "схоже, ви повернули Σ⁻¹"},
               "en": {"test_whitening_matrix": "it looks like you returned Σ⁻¹"}},
        why="W = Σ⁻¹ loses the whitening task with the variance hint"),
    # W = cov^(1/2): stretches instead of shrinking
    "whiten-sqrt-cov": Submission(
        lost=frozenset({"test_whitening_matrix"}),
        edits={"whitening_matrix": [(_ZCA, "return (eigenvectors * np.sqrt(eigenvalues)) @ eigenvectors.T")]},
        hints={"uk": {"test_whitening_matrix": "розтягує дані замість стискати"}},
        why="W = Σ^(1/2) loses the whitening task with the inverse hint"),
    "whiten-diagonal": Submission(
        lost=frozenset({"test_whitening_matrix"}), cells={"whitening_matrix": WHITEN_DIAGONAL},
        hints={"uk": {"test_whitening_matrix": "використано лише діагональ Σ"}},
        why="W = diag(1/σ) passes a diagonal Σ, loses the task on a correlated one with the diagonal-only hint"),
    "whiten-transposed": Submission(
        lost=frozenset({"test_whitening_matrix"}), cells={"whitening_matrix": WHITEN_TRANSPOSED},
        hints={"uk": {"test_whitening_matrix": "поверніть транспоновану"}},
        why="a non-symmetric whitening returned transposed (Wᵀ Σ W = I) loses the task with the transpose hint"),
})


# ------------------------------------------------------------------------------------- the numpy-only rule
_VALIDATE_XY = '''    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if X.ndim != 2 or Y.ndim != 2:
        raise ValueError(f"X and Y must be 2-D, got shapes {X.shape} and {Y.shape}")
    if X.shape[1] != Y.shape[1]:
        raise ValueError(f"X and Y must have the same number of features, got {X.shape[1]} and {Y.shape[1]}")
'''
_VALIDATE_KNN = '''    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    y_train = np.asarray(y_train)
    if X_train.ndim != 2 or X_test.ndim != 2 or X_train.shape[1] != X_test.shape[1]:
        raise ValueError("X_train and X_test must be 2-D with the same number of features")
    if y_train.shape != (len(X_train),):
        raise ValueError("y_train must have one label per training row")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= len(X_train):
        raise ValueError(f"k must be an integer in [1, {len(X_train)}]")
'''

#: the course's own reference implementation bound to the graded name (the import alone is the "solution")
COURSE_REFERENCE = "from fsgeom.modules.m01_distances.maths import iso_ellipse_axes  # the course's own code\n"
#: the shared reference, aliased
COURSE_ALIAS = "import fsgeom.metrics as _m\n\npairwise_manhattan = _m.pairwise_manhattan\n"
#: SciPy behind two layers of the student's own helpers
SCIPY_WRAPPED = '''import numpy as np
from scipy.spatial import distance as _dist


def _angle_based(A, B):
    return _dist.cdist(A, B, "cosine")


def _cosine(A, B):
    return _angle_based(A, B)


def pairwise_cosine_distance(X, Y):
''' + _VALIDATE_XY + '''    if (np.linalg.norm(X, axis=1) == 0).any() or (np.linalg.norm(Y, axis=1) == 0).any():
        raise ValueError("cosine distance is undefined for a zero vector")
    return _cosine(X, Y)
'''
#: scikit-learn's StandardScaler inside zscore_fit; scale_train_test reuses it and must not pay twice
SKLEARN_FIT = '''import numpy as np
from sklearn.preprocessing import StandardScaler as _Scaler


def zscore_fit(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D, got shape {X.shape}")
    if X.shape[0] == 0:
        raise ValueError("X has no rows")
    s = _Scaler().fit(X)
    return s.mean_, s.scale_
'''

#: honest numpy written other ways than the reference: loops, comprehensions, einsum, np.linalg, math, Counter
HONEST_VARIANTS = {
    "pairwise_euclidean": '''import math
import numpy as np


def pairwise_euclidean(X, Y):
''' + _VALIDATE_XY + '''    D = np.empty((X.shape[0], Y.shape[0]))
    for i in range(X.shape[0]):              # plain loops over pairs: slow, but honest numpy + Python
        for j in range(Y.shape[0]):
            D[i, j] = math.sqrt(float(np.sum((X[i] - Y[j]) ** 2)))
    return D
''',
    "pairwise_manhattan": '''import numpy as np


def pairwise_manhattan(X, Y):
''' + _VALIDATE_XY + '''    return np.array([[np.abs(x - y).sum() for y in Y] for x in X]).reshape(len(X), len(Y))
''',
    "knn_predict": '''from collections import Counter

import numpy as np


def knn_predict(X_train, y_train, X_test, k):
''' + _VALIDATE_KNN + '''    diff = X_test[:, None, :] - X_train[None, :, :]
    dist = np.sqrt(np.einsum("ijk,ijk->ij", diff, diff))
    out = []
    for row in dist:
        votes = Counter(y_train[np.argsort(row, kind="stable")[:k]].tolist())
        best = max(votes.values())
        out.append(min(label for label, n in votes.items() if n == best))
    return np.array(out, dtype=y_train.dtype)
''',
    "zscore_fit": '''import numpy as np


def zscore_fit(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D, got shape {X.shape}")
    n = X.shape[0]
    if n == 0:
        raise ValueError("X has no rows")
    mean = np.array([sum(col) / n for col in X.T])
    std = np.array([np.sqrt(((col - m) ** 2).mean()) for col, m in zip(X.T, mean)])
    std[np.ptp(X, axis=0) == 0] = 1.0
    return mean, std
''',
    "pairwise_mahalanobis": '''import numpy as np


def pairwise_mahalanobis(X, Y, cov):
''' + _VALIDATE_XY + '''    cov = np.asarray(cov, dtype=float)
    d = X.shape[1]
    if cov.shape != (d, d):
        raise ValueError(f"cov must be ({d}, {d}), got {cov.shape}")
    if not np.allclose(cov, cov.T):
        raise ValueError("cov must be symmetric")
    w = np.linalg.eigvalsh(cov)
    if w[0] <= 1e-10 * w[-1]:                       # singular relative to the largest eigenvalue
        raise ValueError("cov is singular")
    L = np.linalg.cholesky(cov)                     # cov = L L^T: d_M = Euclidean after whitening by L^-1
    Xw = np.linalg.solve(L, X.T).T
    Yw = np.linalg.solve(L, Y.T).T
    return np.linalg.norm(Xw[:, None, :] - Yw[None, :, :], axis=2)
''',
    "iso_ellipse_axes": '''import math
import numpy as np


def iso_ellipse_axes(cov, r):
    cov = np.asarray(cov, dtype=float)
    if cov.shape != (2, 2) or not np.allclose(cov, cov.T):
        raise ValueError("cov must be a symmetric 2x2 matrix")
    if not (np.isscalar(r) and np.isfinite(r) and r > 0):
        raise ValueError("r must be positive")
    w, V = np.linalg.eigh(cov)
    if w[0] <= 1e-10 * w[1]:
        raise ValueError("cov is singular")
    angle = math.atan2(V[1, 1], V[0, 1])
    if angle < 0:
        angle += math.pi
    if angle >= math.pi:
        angle -= math.pi
    return r * math.sqrt(w[1]), r * math.sqrt(w[0]), angle
''',
    "whitening_matrix": '''import numpy as np


def whitening_matrix(cov):
''' + _VALIDATE_COV + '''    L = np.linalg.cholesky(cov)                     # cov = L L^T: W = L^-1 gives W cov W^T = I (not symmetric)
    return np.linalg.solve(L, np.eye(cov.shape[0]))
''',
}

# ------------------------------------------------------------------------------------- float32 results
_XY32 = '''    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if X.ndim != 2 or Y.ndim != 2 or X.shape[1] != Y.shape[1]:
        raise ValueError("X and Y must be 2-D with the same number of columns")
    X, Y = X.astype(np.float32), Y.astype(np.float32)
'''
#: a correct submission that computes in float32 and returns float32 arrays and scalars (inputs are validated,
#: and the stated rules -- constant feature, singular cov -- decided, on the data as given). Its results are
#: judged with float32's tolerance: 1e-5 relative, not 1e-7; the expansion trick in float32 loses sqrt(eps32)·|x|.
FLOAT32_VARIANT = {
    "pairwise_euclidean": '''import numpy as np


def pairwise_euclidean(X, Y):
''' + _XY32 + '''    sq = (X ** 2).sum(1)[:, None] + (Y ** 2).sum(1)[None, :] - np.float32(2) * X @ Y.T    # the expansion trick
    return np.sqrt(np.maximum(sq, np.float32(0)))
''',
    "pairwise_manhattan": '''import numpy as np


def pairwise_manhattan(X, Y):
''' + _XY32 + '''    return np.abs(X[:, None, :] - Y[None, :, :]).sum(axis=2)
''',
    "pairwise_cosine_distance": '''import numpy as np


def pairwise_cosine_distance(X, Y):
''' + _XY32 + '''    nx, ny = np.linalg.norm(X, axis=1), np.linalg.norm(Y, axis=1)
    if np.any(nx == 0) or np.any(ny == 0):
        raise ValueError("cosine distance is undefined for a zero vector")
    return np.float32(1) - (X / nx[:, None]) @ (Y / ny[:, None]).T
''',
    "knn_predict": '''import numpy as np


def knn_predict(X_train, y_train, X_test, k):
''' + _VALIDATE_KNN + '''    A, B = X_test.astype(np.float32), X_train.astype(np.float32)
    sq = (A ** 2).sum(1)[:, None] + (B ** 2).sum(1)[None, :] - np.float32(2) * A @ B.T
    nearest = np.argsort(sq, axis=1, kind="stable")[:, :k]
    labels, codes = np.unique(y_train, return_inverse=True)
    votes = (codes[nearest][:, :, None] == np.arange(labels.size)).sum(axis=1)
    return labels[votes.argmax(axis=1)]
''',
    "zscore_fit": '''import numpy as np


def zscore_fit(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] == 0:
        raise ValueError(f"X must be 2-D with at least one row, got shape {X.shape}")
    constant = X.std(axis=0) <= 1e-10 * np.abs(X).max(axis=0)     # the stated rule, on the data as given
    X = X.astype(np.float32)
    mean, std = X.mean(axis=0), X.std(axis=0)
    std[constant] = 1
    return mean, std
''',
    "zscore_transform": '''import numpy as np


def zscore_transform(X, mean, std):
    X, mean, std = (np.asarray(a, dtype=float) for a in (X, mean, std))
    if X.ndim != 2 or mean.shape != (X.shape[1],) or std.shape != (X.shape[1],):
        raise ValueError("mean and std must have one entry per feature of a 2-D X")
    if np.any(std <= 0):
        raise ValueError("std must be positive")
    X, mean, std = (a.astype(np.float32) for a in (X, mean, std))
    return (X - mean) / std
''',
    "pairwise_mahalanobis": '''import numpy as np


def pairwise_mahalanobis(X, Y, cov):
''' + _XY32.replace("    X, Y = X.astype(np.float32), Y.astype(np.float32)\n", "") + '''    if np.shape(cov) != (X.shape[1], X.shape[1]):
        raise ValueError("cov must be (d, d)")
''' + _VALIDATE_COV + '''    VI = np.linalg.inv(cov.astype(np.float32))
    X, Y = X.astype(np.float32), Y.astype(np.float32)
    sq = (np.einsum("ij,jk,ik->i", X, VI, X)[:, None] + np.einsum("ij,jk,ik->i", Y, VI, Y)[None, :]
          - np.float32(2) * X @ VI @ Y.T)                                 # the expansion trick, in float32
    return np.sqrt(np.maximum(sq, np.float32(0)))
''',
    "iso_ellipse_axes": '''import numpy as np


def iso_ellipse_axes(cov, r):
''' + _VALIDATE_COV + '''    if cov.shape != (2, 2) or not (np.isscalar(r) and r > 0):
        raise ValueError("cov must be 2x2 and r positive")
    w, V = np.linalg.eigh(cov.astype(np.float32))
    r = np.float32(r)
    return r * np.sqrt(w[1]), r * np.sqrt(w[0]), np.arctan2(V[1, 1], V[0, 1]) % np.float32(np.pi)
''',
    "whitening_matrix": '''import numpy as np


def whitening_matrix(cov):
''' + _VALIDATE_COV + '''    w, V = np.linalg.eigh(cov.astype(np.float32))
    return (V / np.sqrt(w)) @ V.T
''',
}

SUBMISSIONS.update({
    "forbidden": Submission(
        lost=frozenset({"test_iso_ellipse_axes", "test_pairwise_manhattan", "test_pairwise_cosine_distance",
                        "test_zscore_fit"}),
        cells={"iso_ellipse_axes": COURSE_REFERENCE, "pairwise_manhattan": COURSE_ALIAS,
               "pairwise_cosine_distance": SCIPY_WRAPPED, "zscore_fit": SKLEARN_FIT},
        langs=("uk", "en"),
        hints={"uk": {"test_iso_ellipse_axes": "fsgeom.modules.m01_distances.maths.iso_ellipse_axes",
                      "test_pairwise_manhattan": "fsgeom.metrics.pairwise_manhattan",
                      "test_pairwise_cosine_distance": "scipy.spatial.distance.cdist",
                      "test_zscore_fit": "sklearn.preprocessing"},
               "en": {"test_iso_ellipse_axes": "which this task does not allow",
                      "test_pairwise_cosine_distance": "scipy.spatial.distance.cdist",
                      "test_zscore_fit": "sklearn.preprocessing"}},
        why="the course's reference bound to the graded name, an alias of the shared reference, SciPy behind two "
            "helpers, scikit-learn inside zscore_fit: each loses its task, scale_train_test (which reuses zscore_fit) "
            "does not pay twice"),
    "honest-variants": Submission(
        lost=frozenset(), cells=HONEST_VARIANTS,
        why="loops, comprehensions, einsum, Cholesky + solve, math.atan2, collections.Counter, an inverse Cholesky "
            "factor as the whitening: full marks"),
    "float32": Submission(
        lost=frozenset(), cells=FLOAT32_VARIANT,
        why="correct work returning float32 arrays and scalars keeps every point (tolerances follow the dtype)"),
})
