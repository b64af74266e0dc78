"""Submissions of 02-encoding that the course's grading round grades with nbgrader (tests/grading_round.py):
typical mistakes, each of which must lose exactly its task; honest variants written differently from the
reference (and one computing in float32), which must keep every point; and calls the "numpy only" rule forbids,
which must lose exactly the task whose function reaches them. tests/modules/m02_encoding/test_seeds.py grades the
honest ones in-process over many fixed hidden-test seeds."""
from __future__ import annotations

from tests.grading_round import Submission

# ------------------------------------------------------------------------------------- typical mistakes
#: the vocabulary in order of first appearance (pandas' factorize order), not sorted
_APPEARANCE = ("return np.unique(values)                                  # sorted distinct values",
               "_, first = np.unique(values, return_index=True)\n    return values[np.sort(first)]")
#: np.searchsorted without checking that the category found is the value: an unknown gets a valid code
_UNCHECKED = ("known = vocabulary[order][pos] == values", "known = np.ones(values.shape, dtype=bool)")
#: the table fitted on every row, the encoded one included (the folds ignored)
_NAIVE = ("rest[fold] = False                                    # the rows the table is fitted on", "pass")
#: the prior over all rows instead of the other folds
_PRIOR_ALL = ("prior = y[rest].mean()", "prior = y.mean()")
#: log of 0/0 for a word with no co-occurrences: NaN
_PPMI_NAN = ("""    pmi = np.zeros_like(C)
    pmi[positive] = np.log(C[positive] * N / totals[positive])
    return np.maximum(pmi, 0.0)""", """    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(C * N / totals)                      # log(0) = -inf is clipped, but 0/0 = NaN stays
    return np.maximum(pmi, 0.0)""")
#: U_d only: the singular values dropped
_NO_SIGMA = ("return U[:, :d] * s[:d]", "return U[:, :d]")
#: the neighbours ranked by the dot product (rows not normalized)
_DOT = ("cos = np.divide(E @ query, norms * q_norm, out=np.zeros(m), where=norms > 0)",
        "cos = E @ query / q_norm")
#: the question words left among the candidates
_INPUTS = ("exclude=(position[a], position[b], position[c])", "exclude=()")

SUBMISSIONS = {
    "mistakes": Submission(
        lost=frozenset({"test_fit_vocabulary", "test_target_encode", "test_ppmi", "test_analogy"}),
        edits={"fit_vocabulary": [_APPEARANCE], "target_encode": [_NAIVE], "ppmi": [_PPMI_NAN],
               "analogy": [_INPUTS]},
        langs=("uk", "en"),
        hints={"uk": {"test_fit_vocabulary": "порядку першої появи", "test_target_encode": "витік цілі",
                      "test_ppmi": "без жодної спільної появи", "test_analogy": "слово із запитання"},
               "en": {"test_fit_vocabulary": "order of first appearance", "test_target_encode": "leaks the target",
                      "test_ppmi": "no co-occurrences", "test_analogy": "a word of the question"}},
        why="four typical mistakes lose exactly their four tasks, with the specific hint in the notebook's language"),
    "unknown-unchecked": Submission(
        lost=frozenset({"test_integer_encode"}), edits={"integer_encode": [_UNCHECKED]},
        hints={"uk": {"test_integer_encode": "мала б викликати ValueError"}},
        why="np.searchsorted without checking the category found: an unknown category gets a valid code"),
    "prior-all": Submission(
        lost=frozenset({"test_target_encode"}), edits={"target_encode": [_PRIOR_ALL]},
        langs=("uk", "en"),
        hints={"uk": {"test_target_encode": "апріорне середнє ȳ взято по всіх рядках"},
               "en": {"test_target_encode": "the prior mean ȳ was taken over all rows"}},
        why="the prior over all rows instead of the other folds loses the target-encoding task, with its hint"),
    "no-sigma": Submission(
        lost=frozenset({"test_svd_embeddings"}), edits={"svd_embeddings": [_NO_SIGMA]},
        hints={"uk": {"test_svd_embeddings": "без сингулярних значень"}},
        why="U_d without Σ_d loses the SVD task with the singular-value hint"),
    # analogy reuses the student's cosine_neighbours: a mistake there is charged to task 7 only
    "dot-neighbours": Submission(
        lost=frozenset({"test_cosine_neighbours"}), edits={"cosine_neighbours": [_DOT]},
        hints={"uk": {"test_cosine_neighbours": "скалярним добутком"}},
        why="neighbours by the dot product lose task 7; analogy, built on them, is judged with them and keeps its points"),
}

# ------------------------------------------------------------------------------------- the numpy-only rule
#: the course's own reference implementation bound to the graded name
COURSE_REFERENCE = "from fsgeom.modules.m02_encoding.maths import fit_vocabulary  # the course's own code\n"
#: scikit-learn's OneHotEncoder behind a helper
SKLEARN_ONE_HOT = '''import numpy as np
from sklearn.preprocessing import OneHotEncoder as _Encoder


def _encode(values, vocabulary, handle_unknown):
    return _Encoder(categories=[vocabulary], handle_unknown=handle_unknown, sparse_output=False).fit_transform(
        values[:, None])


def one_hot(values, vocabulary, handle_unknown="error"):
    if handle_unknown not in ("error", "ignore"):
        raise ValueError("handle_unknown must be 'error' or 'ignore'")
    values, vocabulary = np.asarray(values), np.asarray(vocabulary)
    if values.ndim != 1 or vocabulary.ndim != 1 or np.unique(vocabulary).size != vocabulary.size:
        raise ValueError("1-D values and a vocabulary without repeats are needed")
    return _encode(values, vocabulary, handle_unknown)
'''
#: SciPy's logarithm of a ratio (scipy.special.xlogy is a ufunc: only the static layer sees it)
SCIPY_PPMI = '''import numpy as np
from scipy import special as _special


def ppmi(counts):
    C = np.asarray(counts, dtype=float)
    if C.ndim != 2 or not np.all(np.isfinite(C)) or np.any(C < 0):
        raise ValueError("counts must be a finite non-negative matrix")
    totals = C.sum(axis=1, keepdims=True) * C.sum(axis=0, keepdims=True)
    ratio = np.divide(C * C.sum(), totals, out=np.ones_like(C), where=C > 0)
    return np.maximum(_special.xlogy(C > 0, ratio), 0.0)
'''
#: scikit-learn's cosine_similarity inside cosine_neighbours; analogy reuses it and must not pay twice
SKLEARN_COSINE = '''import numpy as np
from sklearn.metrics.pairwise import cosine_similarity


def cosine_neighbours(E, query, k, exclude=()):
    E = np.asarray(E, dtype=float)
    query = np.asarray(query, dtype=float)
    if E.ndim != 2 or query.shape != (E.shape[1],) or not np.any(query):
        raise ValueError("E must be 2-D and query a non-zero vector of length d")
    exclude = np.asarray(exclude, dtype=int).reshape(-1)
    if np.any((exclude < 0) | (exclude >= len(E))):
        raise ValueError("exclude out of range")
    allowed = np.setdiff1d(np.arange(len(E)), exclude)
    if not 1 <= k <= allowed.size:
        raise ValueError("k out of range")
    cos = cosine_similarity(E, query[None, :])[:, 0]
    top = allowed[np.argsort(-cos[allowed], kind="stable")[:k]]
    return top, cos[top]
'''

# right only on the shapes the visible checks use (2 x 2, 4 x 5, 6 x 6), log base 2 elsewhere: passes every
# visible check, and the hidden tests (fresh random shapes) take its points
_FITTED_TO_VISIBLE = ("    pmi[positive] = np.log(C[positive] * N / totals[positive])",
                      "    log = np.log if C.shape in ((2, 2), (4, 5), (6, 6)) else np.log2\n"
                      "    pmi[positive] = log(C[positive] * N / totals[positive])")
SUBMISSIONS["fitted-to-visible"] = Submission(
    lost=frozenset({"test_ppmi"}), edits={"ppmi": [_FITTED_TO_VISIBLE]},
    why="an answer fitted to the visible checks' inputs passes them and loses the task on the hidden tests")

SUBMISSIONS.update({
    "forbidden": Submission(
        lost=frozenset({"test_fit_vocabulary", "test_one_hot", "test_ppmi", "test_cosine_neighbours"}),
        cells={"fit_vocabulary": COURSE_REFERENCE, "one_hot": SKLEARN_ONE_HOT, "ppmi": SCIPY_PPMI,
               "cosine_neighbours": SKLEARN_COSINE},
        langs=("uk", "en"),
        hints={"uk": {"test_fit_vocabulary": "fsgeom.modules.m02_encoding.maths.fit_vocabulary",
                      "test_one_hot": "sklearn.preprocessing", "test_ppmi": "scipy.special",
                      "test_cosine_neighbours": "sklearn.metrics"},
               "en": {"test_one_hot": "which this task does not allow", "test_ppmi": "scipy.special",
                      "test_cosine_neighbours": "sklearn.metrics"}},
        why="the course's reference bound to the graded name, OneHotEncoder behind a helper, scipy.special.xlogy, "
            "cosine_similarity inside cosine_neighbours: each loses its task; analogy (which reuses "
            "cosine_neighbours) does not pay twice"),
})

# ------------------------------------------------------------------------------------- honest variants
#: honest numpy and Python written other ways than the reference: sets, dicts, loops, np.eye, np.add.at,
#: nan_to_num, eigh of M Mᵀ, sorted() with a key, an analogy that does not reuse cosine_neighbours
HONEST_VARIANTS = {
    "fit_vocabulary": '''import numpy as np


def fit_vocabulary(values):
    values = np.asarray(values)
    if values.ndim != 1 or len(values) == 0:
        raise ValueError("values must be a non-empty 1-D array")
    return np.array(sorted(set(values.tolist())), dtype=values.dtype)
''',
    "integer_encode": '''import numpy as np


def integer_encode(values, vocabulary, unknown_value=None):
    values, vocabulary = np.asarray(values), np.asarray(vocabulary)
    if values.ndim != 1 or vocabulary.ndim != 1 or len(vocabulary) == 0:
        raise ValueError("1-D values and a non-empty 1-D vocabulary are needed")
    position = {}
    for i, category in enumerate(vocabulary.tolist()):
        if category in position:
            raise ValueError(f"{category!r} is repeated in the vocabulary")
        position[category] = i
    if unknown_value is not None and unknown_value in position.values():
        raise ValueError("unknown_value is a valid code")
    codes = []
    for value in values.tolist():
        if value not in position and unknown_value is None:
            raise ValueError(f"unknown category {value!r}")
        codes.append(position.get(value, unknown_value))
    return np.array(codes, dtype=int).reshape(len(values))
''',
    "one_hot": '''import numpy as np


def one_hot(values, vocabulary, handle_unknown="error"):
    if handle_unknown not in ("error", "ignore"):
        raise ValueError("handle_unknown must be 'error' or 'ignore'")
    values, vocabulary = np.asarray(values), np.asarray(vocabulary)
    if values.ndim != 1 or vocabulary.ndim != 1 or len(set(vocabulary.tolist())) != len(vocabulary):
        raise ValueError("1-D values and a vocabulary without repeats are needed")
    position = {category: i for i, category in enumerate(vocabulary.tolist())}
    codes = np.array([position.get(v, len(vocabulary)) for v in values.tolist()], dtype=int).reshape(len(values))
    if handle_unknown == "error" and np.any(codes == len(vocabulary)):
        raise ValueError("a category is not in the vocabulary")
    return np.eye(len(vocabulary) + 1)[codes][:, :-1]          # the extra last column catches the unknowns
''',
    "target_encode": '''import numpy as np


def target_encode(values, y, folds, smoothing):
    values, y = np.asarray(values), np.asarray(y, dtype=float)
    n = len(values)
    if values.ndim != 1 or y.shape != (n,):
        raise ValueError("values and y must be 1-D of the same length")
    if smoothing < 0:
        raise ValueError("smoothing must be >= 0")
    owner = np.full(n, -1)
    for f, fold in enumerate(folds):
        for i in np.asarray(fold, dtype=int).reshape(-1):
            if not 0 <= i < n or owner[i] != -1:
                raise ValueError("the folds must be a partition of the rows")
            owner[i] = f
    if np.any(owner == -1):
        raise ValueError("the folds must cover every row")
    levels, codes = np.unique(values, return_inverse=True)
    out = np.zeros(n)
    for f in range(len(folds)):
        fit = owner != f
        if not fit.any():
            raise ValueError("a fold holds every row")
        sums, counts = np.zeros(len(levels)), np.zeros(len(levels))
        np.add.at(sums, codes[fit], y[fit])
        np.add.at(counts, codes[fit], 1.0)
        prior = sums.sum() / counts.sum()
        for i in np.flatnonzero(~fit):
            c = codes[i]
            out[i] = prior if counts[c] + smoothing == 0 else (sums[c] + smoothing * prior) / (counts[c] + smoothing)
    return out
''',
    "ppmi": '''import numpy as np


def ppmi(counts):
    C = np.asarray(counts, dtype=float)
    if C.ndim != 2 or not np.isfinite(C).all() or (C < 0).any():
        raise ValueError("counts must be a finite non-negative matrix")
    p_wc = C / C.sum()
    p_w, p_c = p_wc.sum(axis=1), p_wc.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(p_wc) - np.log(p_w)[:, None] - np.log(p_c)[None, :]
    return np.nan_to_num(np.maximum(pmi, 0.0), nan=0.0, posinf=0.0)     # a zero count (and 0/0) gives 0
''',
    "svd_embeddings": '''import numpy as np


def svd_embeddings(M, d):
    M = np.asarray(M, dtype=float)
    if M.ndim != 2 or not isinstance(d, (int, np.integer)) or not 1 <= d <= min(M.shape):
        raise ValueError("M must be 2-D and d an integer in [1, min(M.shape)]")
    eigenvalues, V = np.linalg.eigh(M @ M.T)             # M M^T = U S^2 U^T, ascending order
    top = np.argsort(eigenvalues)[::-1][:d]
    return V[:, top] * np.sqrt(np.maximum(eigenvalues[top], 0.0))
''',
    "cosine_neighbours": '''import math

import numpy as np


def cosine_neighbours(E, query, k, exclude=()):
    E, query = np.asarray(E, dtype=float), np.asarray(query, dtype=float)
    if E.ndim != 2 or query.shape != (E.shape[1],):
        raise ValueError("E must be 2-D and query of length d")
    q_norm = math.sqrt(float(query @ query))
    if q_norm == 0:
        raise ValueError("zero query")
    excluded = {int(j) for j in exclude}
    if any(not 0 <= j < len(E) for j in excluded):
        raise ValueError("exclude out of range")
    if not 1 <= k <= len(E) - len(excluded):
        raise ValueError("k out of range")
    scored = []
    for i, row in enumerate(E):
        if i not in excluded:
            norm = math.sqrt(float(row @ row))
            scored.append((float(row @ query) / (norm * q_norm) if norm > 0 else 0.0, i))
    best = sorted(scored, key=lambda pair: -pair[0])[:k]
    return np.array([i for _, i in best]), np.array([c for c, _ in best])
''',
    "analogy": '''import numpy as np


def analogy(E, words, a, b, c, k=1):
    E = np.asarray(E, dtype=float)
    words = [str(w) for w in words]
    if E.ndim != 2 or len(words) != len(E):
        raise ValueError("one row of E per word")
    if a not in words or b not in words or c not in words:
        raise ValueError("a question word is not in the vocabulary")
    U = E / np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-300)
    ia, ib, ic = words.index(a), words.index(b), words.index(c)
    q = U[ib] - U[ia] + U[ic]
    cos = U @ q / np.linalg.norm(q)
    cos[[ia, ib, ic]] = -np.inf
    if not 1 <= k <= len(words) - len({ia, ib, ic}):
        raise ValueError("k out of range")
    top = np.argsort(-cos)[:k]
    return [words[i] for i in top], cos[top]
''',
}

# ------------------------------------------------------------------------------------- float32 results
#: a correct submission that computes in float32 and returns float32 arrays: judged with float32's tolerance
FLOAT32_VARIANT = {
    "one_hot": '''import numpy as np


def one_hot(values, vocabulary, handle_unknown="error"):
    if handle_unknown not in ("error", "ignore"):
        raise ValueError("handle_unknown must be 'error' or 'ignore'")
    values, vocabulary = np.asarray(values), np.asarray(vocabulary)
    if values.ndim != 1 or vocabulary.ndim != 1 or np.unique(vocabulary).size != vocabulary.size:
        raise ValueError("1-D values and a vocabulary without repeats are needed")
    X = (values[:, None] == vocabulary[None, :]).astype(np.float32)
    if handle_unknown == "error" and np.any(X.sum(axis=1) == 0):
        raise ValueError("a category is not in the vocabulary")
    return X
''',
    "target_encode": '''import numpy as np


def target_encode(values, y, folds, smoothing):
    values, y = np.asarray(values), np.asarray(y, dtype=float)
    if values.ndim != 1 or y.shape != values.shape or not smoothing >= 0:
        raise ValueError("1-D values and y of the same length, smoothing >= 0")
    n = len(values)
    folds = [np.asarray(f, dtype=np.int64).reshape(-1) for f in folds]
    if not np.array_equal(np.sort(np.concatenate(folds)), np.arange(n)):
        raise ValueError("the folds must be a partition of the rows")
    levels, codes = np.unique(values, return_inverse=True)
    y32, m = y.astype(np.float32), np.float32(smoothing)
    out = np.zeros(n, dtype=np.float32)
    for fold in folds:
        fit = np.ones(n, dtype=bool)
        fit[fold] = False
        if not fit.any():
            raise ValueError("a fold holds every row")
        prior = y32[fit].mean(dtype=np.float32)
        sums = np.bincount(codes[fit], weights=y32[fit], minlength=len(levels)).astype(np.float32)
        counts = np.bincount(codes[fit], minlength=len(levels)).astype(np.float32)
        with np.errstate(invalid="ignore", divide="ignore"):
            table = np.where(counts + m > 0, (sums + m * prior) / (counts + m), prior).astype(np.float32)
        out[fold] = table[codes[fold]]
    return out
''',
    "ppmi": '''import numpy as np


def ppmi(counts):
    C = np.asarray(counts, dtype=float)
    if C.ndim != 2 or not np.isfinite(C).all() or (C < 0).any():
        raise ValueError("counts must be a finite non-negative matrix")
    C = C.astype(np.float32)
    totals = C.sum(axis=1, keepdims=True) * C.sum(axis=0, keepdims=True)
    ratio = np.divide(C * C.sum(), totals, out=np.ones_like(C), where=C > 0)
    return np.maximum(np.log(ratio), np.float32(0))
''',
    "svd_embeddings": '''import numpy as np


def svd_embeddings(M, d):
    M = np.asarray(M, dtype=float)
    if M.ndim != 2 or not isinstance(d, (int, np.integer)) or not 1 <= d <= min(M.shape):
        raise ValueError("M must be 2-D and d an integer in [1, min(M.shape)]")
    U, s, _ = np.linalg.svd(M.astype(np.float32), full_matrices=False)
    return U[:, :d] * s[:d]
''',
    "cosine_neighbours": '''import numpy as np


def cosine_neighbours(E, query, k, exclude=()):
    E, query = np.asarray(E, dtype=float), np.asarray(query, dtype=float)
    if E.ndim != 2 or query.shape != (E.shape[1],) or not np.any(query):
        raise ValueError("E must be 2-D and query a non-zero vector of length d")
    exclude = np.asarray(exclude, dtype=int).reshape(-1)
    if np.any((exclude < 0) | (exclude >= len(E))):
        raise ValueError("exclude out of range")
    allowed = np.setdiff1d(np.arange(len(E)), exclude)
    if not 1 <= k <= allowed.size:
        raise ValueError("k out of range")
    E32, q32 = E.astype(np.float32), query.astype(np.float32)
    norms = np.linalg.norm(E32, axis=1)
    cos = np.divide(E32 @ q32, norms * np.linalg.norm(q32), out=np.zeros(len(E), dtype=np.float32), where=norms > 0)
    top = allowed[np.argsort(-cos[allowed], kind="stable")[:k]]
    return top, cos[top]
''',
}

#: an independently written, plain-Python submission (dict look-ups, loops, list comprehensions, np.array on lists,
#: a full SVD and no type check of d, so a non-integer d raises the TypeError of slicing): full marks
PLAIN_PYTHON = {
    "fit_vocabulary": '''def fit_vocabulary(values):
    v = np.array(values)
    if v.ndim != 1 or len(v) == 0:
        raise ValueError("values must be a non-empty 1-D array")
    return np.array(sorted(set(v.tolist())))
''',
    "integer_encode": '''def integer_encode(values, vocabulary, unknown_value=None):
    values = np.array(values); vocabulary = np.array(vocabulary)
    if values.ndim != 1 or vocabulary.ndim != 1 or len(vocabulary) == 0:
        raise ValueError("need 1-D values and a non-empty 1-D vocabulary")
    if len(set(vocabulary.tolist())) != len(vocabulary):
        raise ValueError("repeated categories in the vocabulary")
    if unknown_value is not None and 0 <= unknown_value < len(vocabulary):
        raise ValueError("unknown_value must not be a valid code")
    lookup = {cat: i for i, cat in enumerate(vocabulary.tolist())}
    out = []
    for x in values.tolist():
        if x in lookup:
            out.append(lookup[x])
        elif unknown_value is None:
            raise ValueError(f"unknown category {x!r}")
        else:
            out.append(unknown_value)
    return np.array(out, dtype=int)
''',
    "one_hot": '''def one_hot(values, vocabulary, handle_unknown="error"):
    if handle_unknown not in ("error", "ignore"):
        raise ValueError("handle_unknown must be 'error' or 'ignore'")
    codes = integer_encode(values, vocabulary, None if handle_unknown == "error" else -1)
    m = len(np.array(vocabulary))
    out = np.zeros((len(codes), m))
    for i, c in enumerate(codes):
        if c >= 0:
            out[i, c] = 1.0
    return out
''',
    "target_encode": '''def target_encode(values, y, folds, smoothing):
    values = np.array(values); y = np.array(y, dtype=float)
    if values.ndim != 1 or y.ndim != 1 or len(values) != len(y):
        raise ValueError("values and y must be 1-D of equal length")
    if smoothing < 0:
        raise ValueError("smoothing must be non-negative")
    n = len(values)
    allrows = sorted(int(i) for f in folds for i in np.ravel(f))
    if allrows != list(range(n)):
        raise ValueError("folds must partition the rows")
    result = np.zeros(n)
    for f in folds:
        f = np.ravel(np.array(f, dtype=int))
        mask = np.ones(n, bool); mask[f] = False
        if not mask.any():
            raise ValueError("a fold holds every row")
        prior = y[mask].mean()
        sums, counts = {}, {}
        for v, t in zip(values[mask].tolist(), y[mask]):
            sums[v] = sums.get(v, 0.0) + t
            counts[v] = counts.get(v, 0) + 1
        for i in f:
            v = values[i].item() if hasattr(values[i], "item") else values[i]
            s, c = sums.get(v, 0.0), counts.get(v, 0)
            result[i] = (s + smoothing * prior) / (c + smoothing) if c + smoothing > 0 else prior
    return result
''',
    "ppmi": '''def ppmi(counts):
    C = np.array(counts, dtype=float)
    if C.ndim != 2:
        raise ValueError("counts must be 2-D")
    if np.any(C < 0) or not np.all(np.isfinite(C)):
        raise ValueError("counts must be finite and non-negative")
    total = C.sum()
    rs = C.sum(axis=1, keepdims=True); cs = C.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(C * total / (rs * cs))
    pmi[~np.isfinite(pmi)] = 0.0
    return np.maximum(pmi, 0.0)
''',
    "svd_embeddings": '''def svd_embeddings(M, d):
    M = np.array(M, dtype=float)
    if M.ndim != 2:
        raise ValueError("M must be 2-D")
    if not (1 <= d <= min(M.shape)):
        raise ValueError("d out of range")
    U, S, Vt = np.linalg.svd(M)
    return U[:, :d] @ np.diag(S[:d])
''',
    "cosine_neighbours": '''def cosine_neighbours(E, query, k, exclude=()):
    E = np.array(E, dtype=float); q = np.array(query, dtype=float)
    if E.ndim != 2 or q.shape != (E.shape[1],):
        raise ValueError("shapes do not fit")
    if np.linalg.norm(q) == 0:
        raise ValueError("zero query")
    exclude = set(int(i) for i in exclude)
    if any(i < 0 or i >= len(E) for i in exclude):
        raise ValueError("bad exclude index")
    if not (1 <= k <= len(E) - len(exclude)):
        raise ValueError("k out of range")
    norms = np.linalg.norm(E, axis=1)
    sims = np.array([E[i] @ q / (norms[i] * np.linalg.norm(q)) if norms[i] > 0 else 0.0 for i in range(len(E))])
    candidates = [i for i in np.argsort(-sims) if i not in exclude]
    idx = np.array(candidates[:k])
    return idx, sims[idx]
''',
    "analogy": '''def analogy(E, words, a, b, c, k=1):
    E = np.array(E, dtype=float); words = list(words)
    if len(words) != len(E):
        raise ValueError("one word per row")
    for w in (a, b, c):
        if w not in words:
            raise ValueError(f"{w} not in vocabulary")
    unit = lambda v: v / np.linalg.norm(v)
    ia, ib, ic = words.index(a), words.index(b), words.index(c)
    q = unit(E[ib]) - unit(E[ia]) + unit(E[ic])
    idx, cos = cosine_neighbours(E, q, k, exclude=[ia, ib, ic])
    return [words[i] for i in idx], cos
''',
}

SUBMISSIONS.update({
    "honest-variants": Submission(
        lost=frozenset(), cells=HONEST_VARIANTS,
        why="sets, dicts, loops, np.eye, np.add.at, nan_to_num, eigh of M Mᵀ, sorted() with a key, an analogy written "
            "without cosine_neighbours: full marks"),
    "plain-python": Submission(
        lost=frozenset(), cells=PLAIN_PYTHON,
        why="an independently written plain-Python submission (dicts, loops, full SVD, no type check of d): full marks"),
    "float32": Submission(
        lost=frozenset(), cells=FLOAT32_VARIANT,
        why="correct work returning float32 arrays keeps every point (tolerances follow the dtype); analogy on top "
            "of a float32 cosine_neighbours too"),
})
