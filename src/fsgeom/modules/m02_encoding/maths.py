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
    """Code ``i`` for ``vocabulary[i]`` (0-based, int64; the vocabulary in any order). A category outside the vocabulary raises ``ValueError``
    when ``unknown_value`` is None, else gets ``unknown_value``, which must not be a valid code (e.g. -1)."""
    a, vocab = _as_1d(values), _as_1d(vocabulary, "vocabulary")
    if unknown_value is not None and 0 <= unknown_value < vocab.size:
        raise ValueError(f"unknown_value={unknown_value} is a valid code (0..{vocab.size - 1})")
    if vocab.size == 0 or np.unique(vocab).size != vocab.size:
        raise ValueError("the vocabulary must hold at least one category, each exactly once")
    order = np.argsort(vocab, kind="stable")          # the vocabulary may be in any order (e.g. low < medium < high)
    pos = np.minimum(np.searchsorted(vocab[order], a), vocab.size - 1)
    known = vocab[order][pos] == a                     # searchsorted alone would give an unknown category a code
    if not known.all() and unknown_value is None:
        raise ValueError(f"unknown categories {sorted(set(a[~known].tolist()))[:5]} are not in the vocabulary")
    return np.where(known, order[pos], -1 if unknown_value is None else unknown_value).astype(np.int64)


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


# ---- widgets
# Numeric helpers of the widgets and figures (fsgeom.modules.m02_encoding.widgets / plots): exact shortcuts whose
# results the tests compare with the direct computation (fsgeom.metrics.knn_predict, analogy).
def knn_predict_from_distances(D, y_train, k: int) -> np.ndarray:
    """Majority vote of the ``k`` nearest training rows given the distances ``D`` (n_query, n_train), with exactly
    the rules of :func:`fsgeom.metrics.knn_predict`: the neighbours are the first ``k`` of a stable sort (a tie in
    distance goes to the lower training index) and a tied vote to the smallest label. Uses a partition instead of a
    full sort (the widget runs it for 60 distance tables at build time)."""
    D = np.asarray(D, dtype=float)
    labels, codes = np.unique(np.asarray(y_train), return_inverse=True)
    n_q, n_t = D.shape
    if not 1 <= k <= n_t:
        raise ValueError(f"k must be in [1, {n_t}], got {k}")
    kth = np.partition(D, k - 1, axis=1)[:, k - 1:k]
    less = D < kth
    tied = D == kth
    room = k - less.sum(1, keepdims=True)                    # how many of the tied rows fit, lowest index first
    voter = less | (tied & (np.cumsum(tied, axis=1) <= room))
    votes = np.stack([(voter & (codes == c)).sum(1) for c in range(labels.size)], axis=1)
    return labels[votes.argmax(axis=1)]


def code_order_accuracies(D2_rest, cat_test, cat_train, y_train, y_test, orders, k: int = 15,
                          return_shares: bool = False):
    r"""Test accuracy of k-NN on ``[other features, integer code]`` for every code assignment in ``orders``.

    ``D2_rest`` (n_test, n_train): squared Euclidean distances over the other features, accumulated one feature at
    a time as :func:`fsgeom.metrics.pairwise_euclidean` does; the code is the LAST column, so
    :math:`d = \sqrt{d^2_{\mathrm{rest}} + (o[c_i] - o[c_j])^2}` is bit for bit what ``pairwise_euclidean`` gives on
    the full matrix and the accuracies equal those of :func:`fsgeom.metrics.knn_predict`. Orders with the same
    table :math:`|o[c_i] - o[c_j]|` (an order and its reverse, for one) share one k-NN run. Returns an array
    ``(len(orders),)``; with ``return_shares`` also the model's decision per category, ``(len(orders), m)``: the
    share of each category's test rows predicted as class 1 (NaN for a category with no test rows)."""
    D2_rest = np.asarray(D2_rest, dtype=float)
    cat_test, cat_train = np.asarray(cat_test), np.asarray(cat_train)
    m = int(max(cat_test.max(), cat_train.max())) + 1
    pair = cat_test[:, None] * m + cat_train[None, :]          # which category pair each distance belongs to
    y_test = np.asarray(y_test)
    done: dict = {}
    out = np.empty(len(orders))
    shares = np.empty((len(orders), m))
    for i, order in enumerate(orders):
        o = np.asarray(order, dtype=float)
        gap2 = (o[:, None] - o[None, :]) ** 2
        key = gap2.tobytes()
        if key not in done:
            D = np.sqrt(D2_rest + gap2.ravel()[pair])
            pred = knn_predict_from_distances(D, y_train, k)
            done[key] = (float(np.mean(pred == y_test)), category_shares(cat_test, pred == 1, m))
        out[i], shares[i] = done[key]
    return (out, shares) if return_shares else out


def category_shares(categories, flags, m: int) -> np.ndarray:
    """Share of rows with ``flags`` true within each category 0..m-1 (NaN for a category with no rows)."""
    categories = np.asarray(categories)
    counts = np.bincount(categories, minlength=m).astype(float)
    hits = np.bincount(categories, weights=np.asarray(flags, dtype=float), minlength=m)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, hits / counts, np.nan)


def simplex_plane(m: int) -> np.ndarray:
    r"""2-D coordinates (m, 2) of the one-hot vectors :math:`e_0 .. e_{m-1}` projected onto a principal plane of
    the centred identity :math:`I - \frac1m \mathbf{1}\mathbf{1}^\top`. Its m - 1 principal variances are all
    equal, so every plane in its span is a principal plane; this one, spanned by
    :math:`\sqrt{2/m}\,(\cos 2\pi j/m)_j` and :math:`\sqrt{2/m}\,(\sin 2\pi j/m)_j` (orthonormal, orthogonal to
    :math:`\mathbf{1}`), shows the vertices as a regular m-gon. In :math:`\mathbb{R}^m` all of them are
    :math:`\sqrt 2` apart; no picture in the plane can show five equidistant points."""
    if m < 3:
        raise ValueError(f"need m >= 3 categories, got {m}")
    t = 2 * np.pi * np.arange(m) / m
    B = np.sqrt(2.0 / m) * np.column_stack([np.cos(t), np.sin(t)])       # (m, 2), orthonormal columns
    Xc = np.eye(m) - 1.0 / m
    return Xc @ B


def analogy_accuracy(E, words, questions, exclude_inputs: bool = True) -> float:
    """Share of ``questions`` (tuples ``(a, b, c, answer)``) whose 3CosAdd top word (:func:`analogy`) is the
    answer; all questions at once (the same ranking and tie rule: the highest cosine, then the lower index)."""
    words = list(words)
    idx = {w: i for i, w in enumerate(words)}
    Q = np.array([[idx[w] for w in q] for q in questions])
    U = unit_rows(E)
    V = U[Q[:, 1]] - U[Q[:, 0]] + U[Q[:, 2]]
    sims = U @ unit_rows(V).T                                # (vocabulary, questions)
    if exclude_inputs:
        cols = np.arange(len(Q))
        for j in range(3):
            sims[Q[:, j], cols] = -np.inf
    return float(np.mean(sims.argmax(0) == Q[:, 3]))


def query_plane(E, ia: int, ib: int, ic: int):
    r"""Coordinates (n, 2) of the rows of ``E`` in the plane through the rows ``ia``, ``ib``, ``ic`` (a, b, c of an
    analogy): origin at a, first axis along b - a, second along the part of c - a orthogonal to it (when c - a is
    parallel to b - a, the first principal direction of the rows orthogonal to b - a). a, b, c and
    :math:`c + b - a` lie in this plane, so the picture shows their parallelogram undistorted (equal scales); every
    other row is its orthogonal projection onto the plane. Returns ``(coords, origin, components (2, d))``."""
    E = np.asarray(E, dtype=float)
    a, b, c = E[ia], E[ib], E[ic]
    d = E.shape[1]

    def unit(v):
        n = np.linalg.norm(v)
        return v / n if n > 1e-12 else None

    e1 = unit(b - a)
    if e1 is None:
        e1 = unit(c - a)
    if e1 is None:
        e1 = np.eye(d)[0]
    e2 = unit((c - a) - ((c - a) @ e1) * e1)
    if e2 is None:
        R = (E - E.mean(0)) - np.outer((E - E.mean(0)) @ e1, e1)
        e2 = np.linalg.svd(R, full_matrices=False)[2][0]
        e2 = unit(e2 - (e2 @ e1) * e1)
        if e2 is None:
            e2 = np.zeros(d)
    comps = np.vstack([e1, e2])
    return (E - a) @ comps.T, a, comps


# ---- lecture experiments
def level_effect_data(m: int, n: int, seed: int = 0, noise: float = 1.0):
    r"""The lecture's bias-variance experiment for one-hot at many categories (synthetic, documented): ``m``
    categories with true effects :math:`a_c \sim \mathcal N(0, 1)`, ``n`` training and ``n`` test rows whose
    categories are drawn uniformly, :math:`y = a_c + \varepsilon`, :math:`\varepsilon \sim \mathcal N(0,
    \mathrm{noise}^2)`. The best possible mean squared error is ``noise**2``. Returns
    ``(c_train, y_train, c_test, y_test)``."""
    if m < 1 or n < 1 or noise < 0:
        raise ValueError(f"need m >= 1, n >= 1 and noise >= 0, got m={m}, n={n}, noise={noise}")
    rng = np.random.default_rng(seed)
    effect = rng.normal(size=m)
    c_train, c_test = rng.integers(m, size=n), rng.integers(m, size=n)
    y_train = effect[c_train] + rng.normal(scale=noise, size=n)
    y_test = effect[c_test] + rng.normal(scale=noise, size=n)
    return c_train, y_train, c_test, y_test


def only_b_accuracy(E, words, questions) -> float:
    r"""The "only-b" baseline of an analogy test (Linzen 2016, "Issues in evaluating semantic spaces using word
    analogies"): the share of ``questions`` (tuples ``(a, b, c, answer)``) whose answer is the word nearest in
    cosine to :math:`\hat b` ALONE, with a, b and c excluded as in :func:`analogy_accuracy` (same tie rule: the
    highest cosine, then the lower index). It ignores a and c, so it knows nothing about the relation; when it
    scores as high as 3CosAdd, the analogy score measures the exclusion of the query words (the answer is simply
    b's nearest other word), not an offset shared by the pairs."""
    words = list(words)
    idx = {w: i for i, w in enumerate(words)}
    Q = np.array([[idx[w] for w in q] for q in questions])
    U = unit_rows(E)
    sims = U @ U[Q[:, 1]].T                                  # (vocabulary, questions)
    cols = np.arange(len(Q))
    for j in range(3):
        sims[Q[:, j], cols] = -np.inf
    return float(np.mean(sims.argmax(0) == Q[:, 3]))


def pair_cosines(E, words, pairs) -> np.ndarray:
    """Cosine between the two words of each pair (``pairs``: tuples whose first two items are words, e.g.
    :data:`.data.PAIRS`, male and female twin). Near 1 for every pair: the vectors cannot tell the twins apart."""
    words = list(words)
    idx = {w: i for i, w in enumerate(words)}
    U = unit_rows(E)
    ia = np.array([idx[p[0]] for p in pairs])
    ib = np.array([idx[p[1]] for p in pairs])
    return np.einsum("ij,ij->i", U[ia], U[ib])
