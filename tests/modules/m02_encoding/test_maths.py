"""The module's reference maths (fsgeom.modules.m02_encoding.maths), which the lecture uses and the visible checks
may call, against scikit-learn and SciPy: encoders, cross-fitted target encoding, PPMI, SVD embeddings, neighbours."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.model_selection import KFold
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, TargetEncoder

from fsgeom.modules.m02_encoding import maths as M


@pytest.mark.parametrize("seed", range(5))
def test_vocabulary_codes_and_one_hot_match_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    x = np.array([f"c{v}" for v in rng.integers(0, 12, size=60)])
    vocab = M.fit_vocabulary(x)
    assert vocab.tolist() == OrdinalEncoder().fit(x[:, None]).categories_[0].tolist()
    assert M.integer_encode(x, vocab).tolist() == OrdinalEncoder(dtype=np.int64).fit_transform(x[:, None])[:, 0].tolist()
    seen = np.array(["zzz", "c1", "aaa"])
    enc = OneHotEncoder(categories=[vocab], handle_unknown="ignore", sparse_output=False).fit(x[:, None])
    assert np.array_equal(M.one_hot(seen, vocab, "ignore"), enc.transform(seen[:, None]))
    with pytest.raises(ValueError):
        M.integer_encode(seen, vocab)


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
    assert np.allclose(M.target_encode_crossfit(codes, y, m, s, folds), oracle, rtol=1e-12, atol=1e-12)


def test_ppmi_matches_a_sparse_formula_and_has_no_nan():
    rng = np.random.default_rng(0)
    C = rng.poisson(2.0, size=(7, 9)).astype(float)
    C[3] = 0.0
    C[:, 4] = 0.0
    S = sparse.coo_matrix(C)
    rows, cols = C.sum(1), C.sum(0)
    expected = sparse.coo_matrix((np.maximum(np.log(S.data * C.sum() / (rows[S.row] * cols[S.col])), 0),
                                  (S.row, S.col)), shape=C.shape).toarray()
    out = M.ppmi(C)
    assert np.isfinite(out).all() and np.allclose(out, expected)


def test_svd_embeddings_and_neighbours_match_scikit_learn():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(12, 8)) @ np.diag(2.0 ** -np.arange(8))
    E = M.svd_embeddings(X, 3)
    T = TruncatedSVD(3, algorithm="arpack", random_state=0).fit_transform(X)
    assert np.allclose(E @ E.T, T @ T.T)
    q = rng.normal(size=3)
    idx, cos = M.cosine_neighbours(E, q, 4, exclude=(0,))
    sims = cosine_similarity(E, q[None])[:, 0]
    sims[0] = -np.inf
    assert idx.tolist() == np.argsort(-sims)[:4].tolist() and np.allclose(cos, sims[idx])
