r"""Module 02 maths (numpy): the course's own encoders and embedding tools.

Every function here is a reference implementation that the lecture uses and the tests compare with scikit-learn /
SciPy; students write their own versions in the assignment (where these may not be called).

* categories -> codes: :func:`fit_vocabulary`, :func:`integer_encode`, :func:`one_hot`, :func:`one_hot_csr`,
  :func:`code_orders`, :func:`recode`;
* many levels: :func:`target_encoding_table`, :func:`target_encode_crossfit`, :func:`kfold_indices`,
  :func:`hash_buckets`, :func:`collision_rate`, :func:`expected_collision_rate`, :func:`dense_nbytes`;
* embeddings: :func:`cooccurrence`, :func:`ppmi`, :func:`svd_embeddings`, :func:`unit_rows`,
  :func:`cosine_matrix`, :func:`cosine_neighbours`, :func:`analogy`, :func:`random_rotation`,
  :func:`train_category_embedding`.
"""
from __future__ import annotations

import hashlib
import itertools

import numpy as np

__all__ = ["fit_vocabulary", "integer_encode", "one_hot", "one_hot_csr", "code_orders", "recode",
           "kfold_indices", "target_encoding_table", "target_encode_crossfit", "target_encode_naive",
           "hash_buckets", "collision_rate", "expected_collision_rate", "dense_nbytes",
           "cooccurrence", "ppmi", "svd_embeddings", "unit_rows", "cosine_matrix", "cosine_neighbours",
           "analogy", "random_rotation", "train_category_embedding", "pairwise_code_distances"]


# ----------------------------------------------------------------------------------------- categories -> codes
def _as_1d(values, name: str = "values") -> np.ndarray:
    a = np.asarray(values)
    if a.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {a.shape}")
    return a


def fit_vocabulary(values) -> np.ndarray:
    """The sorted distinct categories of ``values`` (what scikit-learn's encoders store in ``categories_``)."""
    a = _as_1d(values)
    if a.size == 0:
        raise ValueError("cannot fit a vocabulary on no values")
    return np.unique(a)


def integer_encode(values, vocabulary, unknown_value: int | None = None) -> np.ndarray:
    """Code ``i`` for ``vocabulary[i]`` (0-based, int64). A category outside the vocabulary raises ``ValueError``
    when ``unknown_value`` is None, else gets ``unknown_value``, which must not be a valid code (e.g. -1)."""
    a, vocab = _as_1d(values), _as_1d(vocabulary, "vocabulary")
    if unknown_value is not None and 0 <= unknown_value < vocab.size:
        raise ValueError(f"unknown_value={unknown_value} is a valid code (0..{vocab.size - 1})")
    pos = np.searchsorted(vocab, a)
    pos_c = np.minimum(pos, vocab.size - 1)
    known = vocab[pos_c] == a
    if not known.all():
        if unknown_value is None:
            raise ValueError(f"unknown categories {sorted(set(a[~known].tolist()))[:5]} are not in the vocabulary")
    return np.where(known, pos_c, -1 if unknown_value is None else unknown_value).astype(np.int64)


def one_hot(values, vocabulary, handle_unknown: str = "error") -> np.ndarray:
    """Dense one-hot matrix (n, m) of float64; an unknown category is an error or, with ``"ignore"``, a row of
    zeros (scikit-learn's ``OneHotEncoder(handle_unknown="ignore")``)."""
    if handle_unknown not in ("error", "ignore"):
        raise ValueError(f"handle_unknown must be 'error' or 'ignore', got {handle_unknown!r}")
    vocab = _as_1d(vocabulary, "vocabulary")
    codes = integer_encode(values, vocab, None if handle_unknown == "error" else -1)
    out = np.zeros((codes.size, vocab.size))
    ok = codes >= 0
    out[np.flatnonzero(ok), codes[ok]] = 1.0
    return out


def one_hot_csr(codes, m: int):
    """The one-hot matrix of integer ``codes`` (0..m-1) as a SciPy CSR matrix: n stored ones, never dense."""
    from scipy import sparse
    codes = _as_1d(codes, "codes").astype(np.int64)
    n = codes.size
    return sparse.csr_matrix((np.ones(n), codes, np.arange(n + 1)), shape=(n, m))


def dense_nbytes(n: int, m: int, dtype=np.float64) -> int:
    """Bytes a dense (n, m) array of ``dtype`` would take, computed without allocating it."""
    return int(n) * int(m) * np.dtype(dtype).itemsize


def code_orders(m: int):
    """Every assignment of the codes 0..m-1 to m categories: the m! permutations, in lexicographic order."""
    return [np.array(p) for p in itertools.permutations(range(m))]


def recode(codes, order) -> np.ndarray:
    """Apply a code assignment: category ``c`` (code ``c`` in the sorted vocabulary) gets the code ``order[c]``."""
    return np.asarray(order)[np.asarray(codes)]


def pairwise_code_distances(E) -> np.ndarray:
    """Euclidean distances between the rows of a category representation ``E`` (m, d) (codes as (m, 1))."""
    E = np.asarray(E, dtype=float)
    if E.ndim == 1:
        E = E[:, None]
    diff = E[:, None, :] - E[None, :, :]
    return np.sqrt((diff ** 2).sum(-1))


# ----------------------------------------------------------------------------------------- many levels
def kfold_indices(n: int, n_splits: int = 5, seed: int = 0):
    """Shuffled K-fold: a list of ``n_splits`` disjoint index arrays covering 0..n-1 (sizes differ by at most 1,
    the larger folds first, as scikit-learn's ``KFold(shuffle=True)`` makes them)."""
    if not 2 <= n_splits <= n:
        raise ValueError(f"n_splits must be in [2, n={n}], got {n_splits}")
    perm = np.random.default_rng(seed).permutation(n)
    sizes = np.full(n_splits, n // n_splits)
    sizes[: n % n_splits] += 1
    return [np.sort(f) for f in np.split(perm, np.cumsum(sizes)[:-1])]


def target_encoding_table(codes, y, m: int, smoothing: float):
    r"""Smoothed target mean per category, fitted on ``(codes, y)``:
    :math:`\mathrm{enc}(c) = \frac{\sum_{i: x_i = c} y_i + s\,\bar y}{n_c + s}` with the prior :math:`\bar y`
    the mean of ``y``; an unseen category gets :math:`\bar y`. Returns ``(table (m,), prior)``."""
    codes = _as_1d(codes, "codes").astype(np.int64)
    y = _as_1d(y, "y").astype(float)
    if smoothing < 0:
        raise ValueError(f"smoothing must be >= 0, got {smoothing}")
    prior = y.mean()
    sums = np.bincount(codes, weights=y, minlength=m)
    counts = np.bincount(codes, minlength=m).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        table = (sums + smoothing * prior) / (counts + smoothing)
    table[counts + smoothing == 0] = prior
    return table, prior


def target_encode_naive(codes, y, m: int, smoothing: float) -> np.ndarray:
    """The leaky way: encode every row with the table fitted on all rows, its own target included."""
    table, _ = target_encoding_table(codes, y, m, smoothing)
    return table[np.asarray(codes)]


def target_encode_crossfit(codes, y, m: int, smoothing: float, folds) -> np.ndarray:
    """Cross-fitted target encoding: the rows of each fold are encoded with the table (and prior) fitted on the
    other folds, so no row sees its own target (scikit-learn's ``TargetEncoder.fit_transform``)."""
    codes = _as_1d(codes, "codes").astype(np.int64)
    y = _as_1d(y, "y").astype(float)
    out = np.full(codes.size, np.nan)
    for fold in folds:
        rest = np.ones(codes.size, bool)
        rest[fold] = False
        table, _ = target_encoding_table(codes[rest], y[rest], m, smoothing)
        out[fold] = table[codes[fold]]
    if np.isnan(out).any():
        raise ValueError("the folds do not cover every row")
    return out


def hash_buckets(values, n_buckets: int) -> np.ndarray:
    """The hashing trick: bucket ``h(str(value)) mod n_buckets`` of every value, with ``h`` the first 8 bytes of
    BLAKE2b (deterministic across runs and machines, unlike Python's salted ``hash``). A checksum such as CRC32 is
    not a good hash here: it is linear, and on IDs "0", "1", ... it spreads them far more evenly than chance
    (at 2**18 buckets, 10 000 IDs collide 0 % of the time instead of the expected 3.7 %)."""
    if n_buckets < 1:
        raise ValueError(f"n_buckets must be positive, got {n_buckets}")
    return np.array([int.from_bytes(hashlib.blake2b(str(v).encode("utf-8"), digest_size=8).digest(), "little")
                     % n_buckets for v in values], dtype=np.int64)


def collision_rate(buckets) -> float:
    """Share of distinct levels that share their bucket with at least one other level."""
    b = _as_1d(buckets, "buckets")
    _, inverse, counts = np.unique(b, return_inverse=True, return_counts=True)
    return float((counts[inverse] > 1).mean())


def expected_collision_rate(m: int, n_buckets: int) -> float:
    r"""For uniformly random buckets: :math:`1 - (1 - 1/B)^{m-1}`."""
    return 1.0 - (1.0 - 1.0 / n_buckets) ** (m - 1)


# ----------------------------------------------------------------------------------------- embeddings
def cooccurrence(sentences, vocabulary, window: int | None = None) -> np.ndarray:
    """Symmetric word-word co-occurrence counts (m, m): every ordered pair of positions i != j within ``window``
    of each other (None: the whole sentence) adds one to C[w_i, w_j]."""
    vocab = _as_1d(vocabulary, "vocabulary")
    m = vocab.size
    C = np.zeros((m, m))
    for s in sentences:
        codes = integer_encode(np.asarray(s), vocab)
        L = codes.size
        if window is None:
            counts = np.bincount(codes, minlength=m).astype(float)
            C += np.outer(counts, counts)           # every pair of positions, a word with itself included
            C[np.arange(m), np.arange(m)] -= counts  # minus the pairs (i, i)
        else:
            for off in range(1, window + 1):
                if off >= L:
                    break
                np.add.at(C, (codes[:-off], codes[off:]), 1.0)
                np.add.at(C, (codes[off:], codes[:-off]), 1.0)
    return C


def ppmi(counts) -> np.ndarray:
    r"""Positive pointwise mutual information of a co-occurrence matrix (natural log):
    :math:`\mathrm{PPMI}_{wc} = \max\bigl(0, \ln\frac{C_{wc}\,N}{C_{w\cdot}\,C_{\cdot c}}\bigr)`, :math:`N=\sum C`;
    a zero count (and so a word or context with no co-occurrences) gives 0, never NaN."""
    C = np.asarray(counts, dtype=float)
    if C.ndim != 2:
        raise ValueError(f"counts must be a matrix, got shape {C.shape}")
    if (C < 0).any() or not np.isfinite(C).all():
        raise ValueError("counts must be finite and non-negative")
    N = C.sum()
    rows, cols = C.sum(1, keepdims=True), C.sum(0, keepdims=True)
    out = np.zeros_like(C)
    nz = C > 0
    expected = (rows * cols)[nz]
    out[nz] = np.maximum(np.log(C[nz] * N / expected), 0.0)
    return out


def svd_embeddings(M, d: int) -> np.ndarray:
    r"""Rows of :math:`U_d\Sigma_d` from the truncated SVD :math:`M \approx U_d\Sigma_d V_d^\top` (what scikit-learn's
    ``TruncatedSVD.fit_transform`` returns); unique up to the signs of the columns."""
    M = np.asarray(M, dtype=float)
    if not 1 <= d <= min(M.shape):
        raise ValueError(f"d must be in [1, {min(M.shape)}], got {d}")
    U, s, _ = np.linalg.svd(M, full_matrices=False)
    return U[:, :d] * s[:d]


def unit_rows(E) -> np.ndarray:
    """Rows scaled to unit L2 norm (a zero row stays zero)."""
    E = np.asarray(E, dtype=float)
    norms = np.linalg.norm(E, axis=-1, keepdims=True)
    return np.divide(E, norms, out=np.zeros_like(E), where=norms > 0)


def cosine_matrix(E) -> np.ndarray:
    """Cosine similarities between all rows of ``E``."""
    U = unit_rows(E)
    return U @ U.T


def cosine_neighbours(E, query, k: int = 5, exclude=()):
    """The ``k`` rows of ``E`` most cosine-similar to the vector ``query`` (ties: the smaller index first), leaving
    out the row indices in ``exclude``. Returns ``(indices, cosines)``."""
    U = unit_rows(E)
    q = unit_rows(np.asarray(query, dtype=float)[None, :])[0]
    sims = U @ q
    order = np.lexsort((np.arange(sims.size), -sims))
    order = np.array([i for i in order if i not in set(int(j) for j in exclude)])
    if not 1 <= k <= order.size:
        raise ValueError(f"k must be in [1, {order.size}], got {k}")
    return order[:k], sims[order[:k]]


def analogy(E, words, a: str, b: str, c: str, k: int = 1, exclude_inputs: bool = True):
    r"""3CosAdd: "a is to b as c is to ?" — the words nearest in cosine to :math:`\hat b - \hat a + \hat c` (hats:
    unit vectors), without a, b and c when ``exclude_inputs`` (the usual convention). king − man + woman is
    ``analogy(E, words, "man", "king", "woman")``. Returns ``(list of words, cosines)``."""
    words = list(words)
    idx = {w: i for i, w in enumerate(words)}
    for w in (a, b, c):
        if w not in idx:
            raise ValueError(f"{w!r} is not in the vocabulary")
    U = unit_rows(E)
    q = U[idx[b]] - U[idx[a]] + U[idx[c]]
    excl = (idx[a], idx[b], idx[c]) if exclude_inputs else ()
    ids, sims = cosine_neighbours(U, q, k, exclude=excl)
    return [words[i] for i in ids], sims


def random_rotation(d: int, seed: int = 0) -> np.ndarray:
    """A random orthogonal d x d matrix (QR of a Gaussian matrix, signs fixed): rotates, keeps every cosine."""
    Q, R = np.linalg.qr(np.random.default_rng(seed).normal(size=(d, d)))
    return Q * np.sign(np.diag(R))


def train_category_embedding(codes, Y, m: int, d: int = 2, steps: int = 3000, lr: float = 0.05,
                             seed: int = 0, weight_decay: float = 1e-4):
    r"""Learn an embedding :math:`\phi: \{0..m-1\} \to \mathbb{R}^d` from a supervised task in numpy: the model
    :math:`\hat Y_i = \phi(c_i) W + b` is fitted to the (standardized) targets ``Y`` (n, t) by full-batch Adam on
    the mean squared error (+ ``weight_decay`` times the squared norms of φ and W). Returns ``(Phi (m, d), W, b,
    losses)``. With a linear head the optimum spans the top-d principal directions of the per-category mean
    targets; the embedding shows which categories the task treats alike."""
    codes = _as_1d(codes, "codes").astype(np.int64)
    Y = np.asarray(Y, dtype=float)
    if Y.ndim == 1:
        Y = Y[:, None]
    n, t = Y.shape
    rng = np.random.default_rng(seed)
    params = {"Phi": rng.normal(scale=0.1, size=(m, d)), "W": rng.normal(scale=0.1, size=(d, t)),
              "b": np.zeros(t)}
    mom = {k: np.zeros_like(v) for k, v in params.items()}
    vel = {k: np.zeros_like(v) for k, v in params.items()}
    counts = np.bincount(codes, minlength=m).astype(float)
    sums = np.zeros((m, t))
    np.add.at(sums, codes, Y)
    losses = []
    yy = (Y ** 2).sum()
    for step in range(1, steps + 1):
        Phi, W, b = params["Phi"], params["W"], params["b"]
        P = Phi @ W + b                                  # prediction for each category (m, t)
        # mean squared error over rows, computed from per-category sums (identical to the row-wise loss)
        loss = ((counts[:, None] * P ** 2).sum() - 2 * (sums * P).sum() + yy) / (n * t)
        losses.append(loss)
        G = 2 * (counts[:, None] * P - sums) / (n * t)   # dLoss/dP (m, t)
        grads = {"Phi": G @ W.T + 2 * weight_decay * Phi, "W": Phi.T @ G + 2 * weight_decay * W,
                 "b": G.sum(0)}
        for k in params:
            mom[k] = 0.9 * mom[k] + 0.1 * grads[k]
            vel[k] = 0.999 * vel[k] + 0.001 * grads[k] ** 2
            params[k] = params[k] - lr * (mom[k] / (1 - 0.9 ** step)) / (
                np.sqrt(vel[k] / (1 - 0.999 ** step)) + 1e-8)
    return params["Phi"], params["W"], params["b"], np.array(losses)
