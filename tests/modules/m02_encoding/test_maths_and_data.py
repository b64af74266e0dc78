"""Module 02's own maths and data against scikit-learn / SciPy / brute force (the lecture relies on these)."""
from __future__ import annotations

import itertools
import subprocess
import sys

import numpy as np
import pytest
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.model_selection import KFold
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, TargetEncoder

from fsgeom.data import load_seattle_weather, vega_data_path
from fsgeom.modules.m02_encoding import data, maths


# ----------------------------------------------------------------------------------------- data
def test_seattle_weather_is_the_real_file_read_without_pandas():
    d = load_seattle_weather()
    assert len(d["date"]) == 1461 and d["date"][0] == "2012/01/01" and d["date"][-1] == "2015/12/31"
    levels, counts = np.unique(d["weather"], return_counts=True)
    assert dict(zip(levels.tolist(), counts.tolist())) == {"drizzle": 54, "fog": 411, "rain": 259, "snow": 23,
                                                           "sun": 714}
    assert tuple(levels) == data.WEATHER_LEVELS
    assert set(d["month"]) == set(range(1, 13)) and (d["precipitation"] >= 0).all()
    code = "import sys; from fsgeom.modules.m02_encoding import data; data.weather_wet(); print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_vega_data_path_names_a_missing_file():
    with pytest.raises(FileNotFoundError, match="no-such.csv"):
        vega_data_path("no-such.csv")


def test_weather_wet_and_month_targets_shapes():
    w, X, y = data.weather_wet()
    assert w.shape == (1461,) and X.shape == (1461, 3) and set(np.unique(y)) == {0, 1}
    codes, Y, names = data.month_targets()
    assert codes.min() == 0 and codes.max() == 11 and Y.shape == (1461, 4) and len(names) == 4
    assert np.allclose(Y.mean(0), 0) and np.allclose(Y.std(0), 1)


def test_corpus_follows_its_documented_structure():
    sents = data.corpus(n_sentences=300, length=6, seed=3)
    vocab = set(data.corpus_vocabulary())
    people = {w for m, f, _ in data.PAIRS for w in (m, f)}
    assert len(sents) == 300 and all(len(s) == 6 for s in sents)
    assert all(s[0] in people and set(s) <= vocab for s in sents)
    king = [w for s in sents if s[0] == "king" for w in s[1:]]
    allowed = set(data.CONTEXTS["male"]) | set(data.CONTEXTS["royal"]) | set(data.CONTEXTS["adult"]) | set(data.FILLER)
    assert king and set(king) <= allowed
    assert data.corpus(50, seed=1) == data.corpus(50, seed=1) != data.corpus(50, seed=2)
    assert len(data.gender_analogies()) == 2 * 12 * 11


def test_noise_ids_have_no_signal():
    ids, y = data.noise_ids(n=20_000, n_levels=10_000, seed=0)
    assert ids.max() < 10_000 and abs(np.corrcoef(ids, y)[0, 1]) < 0.03


# ----------------------------------------------------------------------------------------- categories -> codes
def test_vocabulary_and_integer_codes_match_ordinal_encoder():
    x = np.array(["sun", "rain", "fog", "sun", "snow"])
    vocab = maths.fit_vocabulary(x)
    assert vocab.tolist() == ["fog", "rain", "snow", "sun"]
    enc = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1).fit(x[:, None])
    test = np.array(["snow", "hail", "fog"])
    assert np.array_equal(maths.integer_encode(test, vocab, unknown_value=-1), enc.transform(test[:, None])[:, 0])
    with pytest.raises(ValueError, match="hail"):
        maths.integer_encode(test, vocab)
    with pytest.raises(ValueError, match="valid code"):
        maths.integer_encode(test, vocab, unknown_value=2)


@pytest.mark.parametrize("handle_unknown", ["error", "ignore"])
def test_one_hot_matches_one_hot_encoder(handle_unknown):
    rng = np.random.default_rng(0)
    x = rng.choice(np.array(list("abcde")), 50)
    vocab = maths.fit_vocabulary(x)
    enc = OneHotEncoder(handle_unknown=handle_unknown, sparse_output=False).fit(x[:, None])
    test = x if handle_unknown == "error" else np.append(x, "z")
    assert np.array_equal(maths.one_hot(test, vocab, handle_unknown), enc.transform(test[:, None]))
    codes = maths.integer_encode(x, vocab)
    assert np.array_equal(maths.one_hot_csr(codes, vocab.size).toarray(), maths.one_hot(x, vocab))
    assert maths.one_hot_csr(codes, vocab.size).nnz == 50
    assert maths.dense_nbytes(20_000, 10_000) == 20_000 * 10_000 * 8


def test_code_orders_and_recode():
    orders = maths.code_orders(4)
    assert len(orders) == 24 and len({tuple(o) for o in orders}) == 24
    assert maths.recode([0, 1, 2], [2, 0, 1]).tolist() == [2, 0, 1]
    D = maths.pairwise_code_distances(np.array([1.0, 2.0, 3.0]))
    assert D[0, 2] == 2 * D[0, 1] == 2.0
    assert np.allclose(maths.pairwise_code_distances(np.eye(5))[~np.eye(5, dtype=bool)], np.sqrt(2))


# ----------------------------------------------------------------------------------------- many levels
def test_kfold_indices_partition():
    folds = maths.kfold_indices(23, 5, seed=1)
    assert [f.size for f in folds] == [5, 5, 5, 4, 4]
    assert np.array_equal(np.sort(np.concatenate(folds)), np.arange(23))


def test_fit_then_transform_of_target_encoder_is_the_naive_encoding():
    rng = np.random.default_rng(5)
    x = rng.choice(np.array(list("abcdefg")), 300)
    y = rng.normal(size=300) + (x == "a")
    vocab = maths.fit_vocabulary(x)
    codes = maths.integer_encode(x, vocab)
    te = TargetEncoder(categories=[vocab], target_type="continuous", smooth=2.5).fit(x[:, None], y)
    # fit().transform() on the same rows is the leaky full-data table, unlike fit_transform (cross-fitted)
    assert np.allclose(maths.target_encode_naive(codes, y, vocab.size, 2.5), te.transform(x[:, None])[:, 0],
                       atol=1e-12)


def test_naive_target_encoding_invents_signal_that_crossfitting_does_not():
    ids, y = data.noise_ids(n=20_000, n_levels=10_000, seed=0)
    naive = maths.target_encode_naive(ids, y, 10_000, 1.0)
    cross = maths.target_encode_crossfit(ids, y, 10_000, 1.0, maths.kfold_indices(ids.size, 5, seed=0))
    assert np.corrcoef(naive, y)[0, 1] > 0.5 > 0.05 > abs(np.corrcoef(cross, y)[0, 1])


def test_collision_rate_follows_the_formula_and_feature_hasher():
    from sklearn.feature_extraction import FeatureHasher
    ids = np.arange(10_000)
    assert maths.collision_rate([0, 0, 1, 2]) == 0.5
    for B in (2 ** 12, 2 ** 14, 2 ** 16):
        ours = maths.collision_rate(maths.hash_buckets(ids, B))
        theirs = maths.collision_rate(FeatureHasher(n_features=B, input_type="string")
                                      .transform([[str(i)] for i in ids]).indices)
        p = maths.expected_collision_rate(10_000, B)
        se = np.sqrt(p * (1 - p) / 10_000)
        assert abs(ours - p) < 6 * se + 0.01 and abs(theirs - p) < 6 * se + 0.01


# ----------------------------------------------------------------------------------------- embeddings
def _brute_cooccurrence(sentences, vocab, window):
    idx = {w: i for i, w in enumerate(vocab)}
    C = np.zeros((len(vocab), len(vocab)))
    for s in sentences:
        for i, j in itertools.permutations(range(len(s)), 2):
            if window is None or abs(i - j) <= window:
                C[idx[s[i]], idx[s[j]]] += 1
    return C


@pytest.mark.parametrize("window", [None, 1, 2])
def test_cooccurrence_against_brute_force(window):
    sents = data.corpus(40, length=6, seed=4)
    vocab = data.corpus_vocabulary()
    C = maths.cooccurrence(sents, vocab, window=window)
    assert np.array_equal(C, _brute_cooccurrence(sents, list(vocab), window)) and np.array_equal(C, C.T)


def test_ppmi_formula_and_zero_rows():
    C = np.array([[0, 2, 1, 0], [2, 0, 3, 0], [1, 3, 0, 0], [0, 0, 0, 0]], float)
    P = maths.ppmi(C)
    N = C.sum()
    expected = max(0.0, np.log(C[0, 1] * N / (C[0].sum() * C[:, 1].sum())))
    assert np.isclose(P[0, 1], expected) and np.isfinite(P).all() and (P[3] == 0).all() and (P >= 0).all()
    with pytest.raises(ValueError):
        maths.ppmi(-C)


def test_analogy_leaves_the_inputs_out():
    E = np.random.default_rng(3).normal(size=(12, 4))
    words = [f"w{i}" for i in range(12)]
    got, _ = maths.analogy(E, words, "w1", "w2", "w3", k=3)
    assert not {"w1", "w2", "w3"} & set(got)
    with pytest.raises(ValueError, match="w99"):
        maths.analogy(E, words, "w1", "w2", "w99")


def test_rotation_keeps_cosines_changes_coordinates():
    E = np.random.default_rng(4).normal(size=(20, 8))
    R = maths.random_rotation(8, seed=1)
    assert np.allclose(R @ R.T, np.eye(8))
    assert np.allclose(maths.cosine_matrix(E @ R), maths.cosine_matrix(E), atol=1e-12)
    assert np.abs(E @ R - E).max() > 0.5


def test_category_embedding_reaches_the_rank_d_optimum():
    codes, Y, _ = data.month_targets()
    Phi, W, b, losses = maths.train_category_embedding(codes, Y, 12, d=2)
    assert losses[-1] < losses[0]
    # optimum of the weighted rank-2 affine fit of the per-month means, plus the within-month spread
    n, t = Y.shape
    counts = np.bincount(codes, minlength=12).astype(float)
    means = np.zeros((12, t))
    np.add.at(means, codes, Y)
    means /= counts[:, None]
    within = ((Y - means[codes]) ** 2).sum()
    centre = (counts[:, None] * means).sum(0) / n
    s = np.linalg.svd(np.sqrt(counts)[:, None] * (means - centre), compute_uv=False)
    optimum = (within + (s[2:] ** 2).sum()) / (n * t)
    assert optimum <= losses[-1] + 1e-9 and losses[-1] - optimum < 2e-3


def test_integer_codes_follow_a_chosen_vocabulary_order():
    assert maths.integer_encode(["high", "low", "medium"], ["low", "medium", "high"]).tolist() == [2, 0, 1]
    with pytest.raises(ValueError, match="each exactly once"):
        maths.integer_encode(["a"], ["a", "a"])


def test_only_b_baseline_ignores_a_and_c_and_excludes_the_query():
    # b = "king" has "queen" as its nearest other word, so the baseline answers queen whatever a and c are
    words = ["man", "woman", "king", "queen", "crown"]
    E = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.2, 1.0], [0.5, 0.0, 1.0]])
    assert maths.only_b_accuracy(E, words, [("man", "king", "woman", "queen")]) == 1.0
    assert maths.only_b_accuracy(E, words, [("woman", "king", "man", "crown")]) == 0.0
    # "queen" is excluded when it is a query word: the next nearest to king, crown, is the answer
    assert maths.only_b_accuracy(E, words, [("queen", "king", "man", "crown")]) == 1.0
    # against a loop on random vectors (ties impossible), and never looking at a or c
    rng = np.random.default_rng(5)
    E = rng.normal(size=(15, 4))
    words = [f"w{i}" for i in range(15)]
    qs = [tuple(words[i] for i in rng.choice(15, 4, replace=False)) for _ in range(40)]
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    loop = []
    for a, b, c, ans in qs:
        sims = {w: U[i] @ U[words.index(b)] for i, w in enumerate(words) if w not in (a, b, c)}
        loop.append(max(sims, key=sims.get) == ans)
    assert maths.only_b_accuracy(E, words, qs) == np.mean(loop)
    swapped = [(c, b, a, ans) for a, b, c, ans in qs]
    assert maths.only_b_accuracy(E, words, swapped) == maths.only_b_accuracy(E, words, qs)


def test_pair_cosines():
    words = ["a", "b", "c"]
    E = np.array([[1.0, 0.0], [3.0, 3.0], [0.0, -2.0]])
    got = maths.pair_cosines(E, words, [("a", "b", ("x",)), ("a", "c")])
    np.testing.assert_allclose(got, [1 / np.sqrt(2), 0.0], atol=1e-12)


# ----------------------------------------------------------------------------------------- against scikit-learn / SciPy, several seeds
@pytest.mark.parametrize("seed", range(5))
def test_vocabulary_codes_and_one_hot_match_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    x = np.array([f"c{v}" for v in rng.integers(0, 12, size=60)])
    vocab = maths.fit_vocabulary(x)
    assert vocab.tolist() == OrdinalEncoder().fit(x[:, None]).categories_[0].tolist()
    assert maths.integer_encode(x, vocab).tolist() == OrdinalEncoder(dtype=np.int64).fit_transform(x[:, None])[:, 0].tolist()
    seen = np.array(["zzz", "c1", "aaa"])
    enc = OneHotEncoder(categories=[vocab], handle_unknown="ignore", sparse_output=False).fit(x[:, None])
    assert np.array_equal(maths.one_hot(seen, vocab, "ignore"), enc.transform(seen[:, None]))
    with pytest.raises(ValueError):
        maths.integer_encode(seen, vocab)


@pytest.mark.parametrize("seed", range(5))
def test_cross_fitted_target_encoding_is_scikit_learns(seed):
    rng = np.random.default_rng(seed)
    n, m, k = int(rng.integers(20, 200)), int(rng.integers(2, 15)), int(rng.integers(2, 6))
    codes = rng.integers(0, m, size=n)
    y = rng.normal(size=n) * 3 + 1
    s, r = float(rng.uniform(0.1, 10)), int(rng.integers(1000))
    folds = [test for _, test in KFold(k, shuffle=True, random_state=r).split(codes[:, None])]
    oracle = TargetEncoder(categories=[np.arange(m)], target_type="continuous", smooth=s, cv=k, shuffle=True,
                           random_state=r).fit_transform(codes[:, None], y)[:, 0]
    assert np.allclose(maths.target_encode_crossfit(codes, y, m, s, folds), oracle, rtol=1e-12, atol=1e-12)


def test_ppmi_matches_a_sparse_formula_and_has_no_nan():
    rng = np.random.default_rng(0)
    C = rng.poisson(2.0, size=(7, 9)).astype(float)
    C[3] = 0.0
    C[:, 4] = 0.0
    S = sparse.coo_matrix(C)
    rows, cols = C.sum(1), C.sum(0)
    expected = sparse.coo_matrix((np.maximum(np.log(S.data * C.sum() / (rows[S.row] * cols[S.col])), 0),
                                  (S.row, S.col)), shape=C.shape).toarray()
    out = maths.ppmi(C)
    assert np.isfinite(out).all() and np.allclose(out, expected)


def test_svd_embeddings_and_neighbours_match_scikit_learn():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(12, 8)) @ np.diag(2.0 ** -np.arange(8))
    E = maths.svd_embeddings(X, 3)
    T = TruncatedSVD(3, algorithm="arpack", random_state=0).fit_transform(X)
    assert np.allclose(E @ E.T, T @ T.T)
    q = rng.normal(size=3)
    idx, cos = maths.cosine_neighbours(E, q, 4, exclude=(0,))
    sims = cosine_similarity(E, q[None])[:, 0]
    sims[0] = -np.inf
    assert idx.tolist() == np.argsort(-sims)[:4].tolist() and np.allclose(cos, sims[idx])
