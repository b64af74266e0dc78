"""The claims the 04-normalization lecture notebook makes in its prose, recomputed (no notebook run).

nbval (lax mode) compares the printed numbers of the notebook's cells tagged "nbval-check-output" with the stored
outputs; these tests assert the numbers and the relations the prose draws from them ("row normalization turns no
vector, z-scoring turns them by 85.6° (median)", "the midpoint test fails for 0.3072 of the pairs at p = 0.5", "222
facets of 1024", "0.9967 of the neighbours are among the longest documents without normalization", "the LAD slope
stays 10.400", "0.7270 exact zeros under L1"), computed independently where possible (numpy, scikit-learn, scipy),
so that a change of data or code that would make the text wrong fails here. The last test checks that the uk and
en editions quote the same numbers.
"""
from __future__ import annotations

import json
import re
from collections import Counter

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from fsgeom import course
from fsgeom.modules.m04_normalization import data, maths

SEED = 0


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    with threadpool_limits(1):
        yield


@pytest.fixture(scope="module")
def diabetes():
    raw, X, names, y = data.load_diabetes_both()
    return dict(raw=raw, X=X, names=list(names), y=y, yc=y - y.mean())


def angles(A, B):
    """Angle in degrees between matching rows, computed with numpy only."""
    c = (A * B).sum(1) / (np.linalg.norm(A, axis=1) * np.linalg.norm(B, axis=1))
    return np.degrees(np.arccos(np.clip(c, -1, 1)))


# ------------------------------------------------------------------------ 1. rows and columns
def test_rows_versus_columns(diabetes):
    from sklearn.preprocessing import normalize
    A = np.array([[3.0, 4.0], [30.0, 40.0], [1.0, 0.0]])
    R = normalize(A)
    assert np.allclose(R[0], [0.6, 0.8]) and np.allclose(R[1], [0.6, 0.8])
    Cs = A / np.linalg.norm(A, axis=0)
    assert np.allclose(Cs[0], [0.0995, 0.0995], atol=1e-4) and round(Cs[1, 0] / Cs[0, 0]) == 10
    assert round(np.degrees(np.arctan2(Cs[0, 1], Cs[0, 0]))) == 45 and round(np.degrees(np.arctan2(4, 3))) == 53
    X, raw, names = diabetes["X"], diabetes["raw"], diabetes["names"]
    assert X.shape == (442, 10)
    np.testing.assert_allclose(np.linalg.norm(X, axis=0), 1.0, atol=1e-12)
    r = np.linalg.norm(X, axis=1)
    assert (round(r.min(), 3), round(r.max(), 3), round(np.median(r), 4)) == (0.062, 0.332, 0.1386)
    c = np.linalg.norm(normalize(raw), axis=0)
    assert (round(c.min(), 3), round(c.max(), 3)) == (0.123, 14.661)
    assert names[int(np.argmin(c))] == "sex" and names[int(np.argmax(c))] == "s1"
    assert np.abs(np.linalg.norm(normalize(raw), axis=1) - 1).max() < 1e-15


def test_orientation(diabetes):
    raw, X = diabetes["raw"], diabetes["X"]
    Z = (raw - raw.mean(0)) / raw.std(0)
    assert angles(raw, raw / np.linalg.norm(raw, axis=1, keepdims=True)).max() < 5e-5     # prints 0.0000°
    assert maths.row_angles(raw, maths.normalize_rows(raw, "l2")).max() < 5e-5
    t = angles(raw, Z)
    assert (round(np.median(t), 1), round(t.min(), 1), round(t.max(), 1)) == (85.6, 30.2, 147.3)
    assert angles(Z, X).max() < 5e-5                                                      # default = z-score / √n
    np.testing.assert_allclose(X, Z / np.sqrt(len(Z)), atol=1e-12)


# ------------------------------------------------------------------------ 2. norms and convexity
def _lp(V, p):
    return np.abs(V).max(1) if np.isinf(p) else (np.abs(V) ** p).sum(1) ** (1 / p)


def test_norms_example():
    x = np.array([3.0, -4.0, 1.0])
    got = [round(float(_lp(x[None], p)[0]), 3) for p in (0.5, 1, 2, 4, np.inf)]
    assert got == [22.392, 8.0, 5.099, 4.288, 4.0] and got == sorted(got, reverse=True)


def test_midpoint_convexity():
    shares = {}
    for p in (0.5, 0.8, 1, 1.5, 2, np.inf):
        S = np.random.default_rng(SEED).standard_normal((20_000, 2))
        S = S / _lp(S, p)[:, None]
        shares[p] = np.mean(_lp((S[0::2] + S[1::2]) / 2, p) > 1 + 1e-12)
        assert shares[p] == maths.convexity_violations(p, n_pairs=10_000, seed=SEED)
    assert round(shares[0.5], 4) == 0.3072 and round(shares[0.8], 4) == 0.2755
    assert all(shares[p] == 0 for p in (1, 1.5, 2, np.inf))


# ------------------------------------------------------------------------ 3. L1 normalization
def test_l1_simplex_and_facets(diabetes):
    from sklearn.preprocessing import normalize
    corpus = data.topic_corpus()
    assert corpus.counts.shape == (240, 80) and (corpus.length.min(), corpus.length.max()) == (10, 1969)
    F = normalize(corpus.counts.astype(float), norm="l1")
    assert np.abs(F.sum(1) - 1).max() < 1e-15 and not np.any(F < 0)
    assert round(np.mean(corpus.counts == 0), 4) == round(np.mean(F == 0), 4) == 0.6682
    P = normalize(diabetes["X"], norm="l1")
    assert len(np.unique(np.sign(P), axis=0)) == 222 and 2 ** 10 == 1024
    assert (round(P.sum(1).min(), 3), round(P.sum(1).max(), 3)) == (-1.0, 0.975)
    assert np.mean(diabetes["X"] == 0) == np.mean(P == 0) == 0
    Pr = normalize(diabetes["raw"], norm="l1")
    assert len(np.unique(np.sign(Pr), axis=0)) == 1 and np.abs(Pr.sum(1) - 1).max() < 1e-15


# ------------------------------------------------------------------------ 4. L2 normalization
def test_chord_identity(diabetes):
    from scipy.spatial.distance import pdist
    U = diabetes["raw"] / np.linalg.norm(diabetes["raw"], axis=1, keepdims=True)
    sq = pdist(U, "sqeuclidean")
    cos = 1 - pdist(U, "cosine")
    assert len(sq) == 97_461
    assert np.abs(sq - (2 - 2 * cos)).max() < 1e-14


# ------------------------------------------------------------------------ 5. cosine
def test_knn_euclidean_equals_cosine():
    from sklearn.neighbors import NearestNeighbors
    from sklearn.preprocessing import normalize
    C = data.topic_corpus().counts.astype(float)
    e = NearestNeighbors(n_neighbors=6).fit(normalize(C)).kneighbors(normalize(C), return_distance=False)
    c = NearestNeighbors(n_neighbors=6, metric="cosine", algorithm="brute").fit(C).kneighbors(C, return_distance=False)
    differ = sum(set(a) - {i} != set(b) - {i} for i, (a, b) in enumerate(zip(e, c)))
    assert differ == 0
    U = normalize(C)
    E = np.sqrt(((U[:, None] - U[None]) ** 2).sum(-1))
    assert np.array_equal(maths.nearest(E, 5), maths.nearest(maths.cosine_similarity(C), 5, largest=True))


def test_tfidf_guide():
    from sklearn.feature_extraction.text import TfidfTransformer
    G = data.GUIDE_COUNTS
    plain = TfidfTransformer(smooth_idf=False).fit(G)
    smooth = TfidfTransformer().fit(G)
    assert np.allclose(plain.idf_, [1.0, 2.7918, 2.0986], atol=1e-4) and np.allclose(smooth.idf_, [1.0, 2.2528, 1.8473], atol=1e-4)
    assert np.allclose(plain.transform(G).toarray()[0], [0.8194, 0, 0.5732], atol=1e-4)
    assert np.allclose(smooth.transform(G).toarray()[0], [0.8515, 0, 0.5243], atol=1e-4)
    for sm, tool in ((False, plain), (True, smooth)):
        assert np.abs(maths.tfidf(G, smooth_idf=sm) - tool.transform(G).toarray()).max() < 1e-15


def test_long_documents_dominate():
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.metrics.pairwise import cosine_similarity
    corpus = data.topic_corpus()
    W = TfidfTransformer(norm=None).fit_transform(corpus.counts).toarray()
    longest = corpus.length >= np.quantile(corpus.length, 0.9)
    assert longest.sum() == 24
    out = {}
    for name, S in (("dot", W @ W.T), ("cos", cosine_similarity(W))):
        S = S.copy()
        np.fill_diagonal(S, -np.inf)
        nb = np.argsort(-S, axis=1, kind="stable")[:, :5]
        out[name] = (round(longest[nb].mean(), 4), round((corpus.topic[nb] == corpus.topic[:, None]).mean(), 4),
                     len(set(nb[:, 0])))
    assert out["dot"] == (0.9967, 0.8383, 8)
    assert out["cos"] == (0.3392, 0.9875, 122)
    n = len(corpus.topic)
    assert round(24 / (n - 1), 3) == 0.100
    assert round((sum(np.sum(corpus.topic == k) ** 2 for k in range(4)) - n) / (n * (n - 1)), 3) == 0.250


# ------------------------------------------------------------------------ 6. the blog on trial
def test_a_convexity_and_one_minimum(diabetes):
    from sklearn.linear_model import Lasso
    rng = np.random.default_rng(SEED)
    a, b = rng.integers(-100, 101, size=(2, 100_000, 10)).astype(float)
    ex1 = np.abs((a + b) / 2).sum(1) - (np.abs(a).sum(1) + np.abs(b).sum(1)) / 2
    assert ex1.max() == 0.0
    ex05 = _lp((a + b) / 2, 0.5) - (_lp(a, 0.5) + _lp(b, 0.5)) / 2
    assert round(np.mean(ex05 > 1e-9), 4) == 0.0161
    X, yc, names = diabetes["X"], diabetes["yc"], diabetes["names"]
    fits = [maths.lasso_cd(X, yc, 0.1, w0=rng.normal(0, 1000, 10))[0] for _ in range(50)]
    obj = np.array([maths.lasso_objective(X, yc, w, 0.1) for w in fits])
    assert obj.max() - obj.min() < 1e-11 and np.abs(np.array(fits) - fits[0]).max() < 1e-9
    sk = Lasso(alpha=0.1, fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(X, yc).coef_
    sk_obj = ((yc - X @ sk) ** 2).sum() / (2 * len(yc)) + 0.1 * np.abs(sk).sum()
    assert f"{sk_obj:.6f}" == "1629.054543" and abs(obj.min() - sk_obj) < 1e-9
    assert [names[j] for j in np.flatnonzero(sk == 0)] == ["age", "s2", "s4"]
    assert all([names[j] for j in np.flatnonzero(w == 0)] == ["age", "s2", "s4"] for w in fits)


def _lad_objective_min(x, y):
    """The least sum of absolute residuals by linear programming (scipy), independent of maths.lad_line."""
    from scipy.optimize import linprog
    n = len(x)
    # variables a, b, u_1..u_n; minimize Σu subject to -u <= y - a x - b <= u
    c = np.r_[0, 0, np.ones(n)]
    A = np.block([[-x[:, None], -np.ones((n, 1)), -np.eye(n)], [x[:, None], np.ones((n, 1)), -np.eye(n)]])
    res = linprog(c, A_ub=A, b_ub=np.r_[-y, y], bounds=[(None, None)] * 2 + [(0, None)] * n, method="highs")
    return res.fun


def test_b_outliers(diabetes):
    raw, y, names = diabetes["raw"], diabetes["y"], diabetes["names"]
    rows = np.sort(np.random.default_rng(SEED).choice(len(y), 40, replace=False))
    x, t = raw[rows, names.index("bmi")], y[rows]
    k, sd = int(np.argmax(x)), t.std()
    assert (x[k], t[k], round(sd, 1)) == (39.1, 233.0, 69.9)
    ls, lad = [], []
    for shift in (0, -2, -5, -20):
        t2 = t.copy()
        t2[k] += shift * sd
        ls.append(round(np.polyfit(x, t2, 1)[0], 3))
        a, b = maths.lad_line(x, t2)
        assert np.isclose(np.abs(t2 - a * x - b).sum(), _lad_objective_min(x, t2), rtol=1e-9)
        lad.append(round(a, 3))
    assert ls == [7.507, 5.278, 1.933, -14.79] and lad == [10.4] * 4
    # moved up instead: while the point crosses the LAD line the line follows it (slope 10.40 -> 12.62), once it is
    # above, the slope stays at 12.62 however far it goes; the LS slope keeps growing
    up_lad, up_ls = [], []
    for shift in np.arange(0.0, 20.5, 0.5):
        t2 = t.copy()
        t2[k] += shift * sd
        up_lad.append(round(maths.lad_line(x, t2)[0], 2))
        up_ls.append(np.polyfit(x, t2, 1)[0])
    assert up_lad[:2] == [10.4, 10.4] and set(up_lad[3:]) == {12.62}
    assert all(10.4 <= v <= 12.62 for v in up_lad) and np.all(np.diff(up_lad) >= 0)
    assert np.all(np.diff(up_ls) > 0)
    big = y.copy()
    j = int(np.argmin(y))
    big[j] = 1e6
    assert y[j] == 25 and round(big.mean() - y.mean(), 2) == round((1e6 - 25) / 442, 2) == 2262.39
    assert round(y.mean(), 2) == 152.13 and round(big.mean(), 2) == 2414.52
    assert (np.median(y), np.median(big)) == (140.5, 141.0)


def test_c_sparsity():
    from sklearn.datasets import make_regression
    from sklearn.linear_model import Lasso, Ridge
    Q, c = maths.random_quadratics(10_000, seed=SEED)
    w1, w2 = maths.l1_constrained_2d(Q, c), maths.l2_constrained_2d(Q, c)
    assert np.all(np.abs(w1).sum(1) <= 1 + 1e-12) and np.all(np.linalg.norm(w2, axis=1) <= 1 + 1e-9)
    assert round(np.mean((w1 == 0).any(1)), 4) == 0.7270
    assert np.mean((w2 == 0).any(1)) == 0 and round(np.mean((np.abs(w2) < 0.01).any(1)), 4) == 0.0110
    # the exact L1 solution is optimal: no point of the diamond's boundary grid does better
    th = np.linspace(0, 1, 201)
    grid = np.concatenate([np.c_[s1 * (1 - th), s2 * th] for s1 in (1, -1) for s2 in (1, -1)])
    for i in range(0, 10_000, 997):
        q = lambda W: 0.5 * np.einsum("ni,ij,nj->n", W - c[i], Q[i], W - c[i])
        assert q(w1[i:i + 1])[0] <= q(grid).min() + 1e-12
    zl, zr = [], []
    for s in range(100):
        Xs, ys = make_regression(n_samples=100, n_features=20, n_informative=5, noise=10, random_state=s)
        zl.append(np.mean(Lasso(alpha=1.0).fit(Xs, ys).coef_ == 0))
        zr.append(np.mean(Ridge(alpha=1.0).fit(Xs, ys).coef_ == 0))
    assert round(np.mean(zl), 4) == 0.5265 and np.mean(zr) == 0


def test_d_closed_forms(diabetes):
    from sklearn.linear_model import Lasso, Ridge
    X, y, yc = diabetes["X"], diabetes["y"], diabetes["yc"]
    w, b = maths.ridge_closed_form(X, y, 1.0)
    r = Ridge(alpha=1.0).fit(X, y)
    assert np.abs(w - r.coef_).max() < 1e-10 and abs(b - r.intercept_) < 1e-10
    n = len(y)
    Xo = np.sqrt(n) * np.linalg.qr(np.random.default_rng(SEED).standard_normal((n, 10)))[0]
    np.testing.assert_allclose(Xo.T @ Xo / n, np.eye(10), atol=1e-12)
    z = Xo.T @ yc / n
    soft = np.sign(z) * np.maximum(np.abs(z) - 5.0, 0)
    sk = Lasso(alpha=5.0, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(Xo, yc).coef_
    assert np.abs(soft - sk).max() < 1e-12 and np.sum(soft == 0) == 7


def test_e_correlated_features(diabetes):
    from sklearn.linear_model import Lasso, Ridge
    X, y, names = diabetes["X"], diabetes["y"], diabetes["names"]
    s1, s2 = names.index("s1"), names.index("s2")
    assert round(np.corrcoef(X[:, s1], X[:, s2])[0, 1], 3) == 0.897
    boot = np.random.default_rng(SEED)
    picks, rc = Counter(), []
    for _ in range(200):
        i = boot.integers(0, len(y), len(y))
        w = Lasso(alpha=0.1).fit(X[i], y[i]).coef_
        picks[(w[s1] != 0, w[s2] != 0)] += 1
        rc.append(Ridge(alpha=0.1).fit(X[i], y[i]).coef_[[s1, s2]])
    assert (picks[(True, False)], picks[(False, True)], picks[(True, True)], picks[(False, False)]) == (107, 41, 13, 39)
    assert picks[(True, False)] + picks[(False, True)] == 148
    rc = np.array(rc)
    assert [round(v, 1) for v in (rc[:, 0].mean(), rc[:, 0].std(), rc[:, 1].mean(), rc[:, 1].std())] == [-78.8, 42.1, -69.6, 49.1]
    assert (round(np.mean(rc[:, 0] < 0), 3), round(np.mean(rc[:, 1] < 0), 3)) == (0.970, 0.905)


def test_f_generalization():
    from sklearn.linear_model import LassoCV, RidgeCV
    from sklearn.model_selection import KFold

    def test_mse(truth, rep, n=100, d=50, n_test=1000):
        rng = np.random.default_rng([SEED, rep, truth == "dense"])
        w = np.r_[np.full(3, 3.0), np.zeros(d - 3)] if truth == "sparse" else rng.normal(0, 0.5, d)
        X_tr, X_te = rng.standard_normal((n, d)), rng.standard_normal((n_test, d))
        y_tr, y_te = X_tr @ w + rng.standard_normal(n), X_te @ w + rng.standard_normal(n_test)
        lasso = LassoCV(alphas=30, cv=KFold(5, shuffle=True, random_state=rep)).fit(X_tr, y_tr)
        ridge = RidgeCV(alphas=np.logspace(-2, 4, 30)).fit(X_tr, y_tr)
        return np.mean((lasso.predict(X_te) - y_te) ** 2), np.mean((ridge.predict(X_te) - y_te) ** 2)

    out = {}
    for truth in ("sparse", "dense"):
        res = np.array([test_mse(truth, rep) for rep in range(20)])
        out[truth] = (round(res[:, 0].mean(), 3), round(res[:, 1].mean(), 3),
                      round(res[:, 0].mean() / res[:, 1].mean(), 3), int(np.sum(res[:, 0] < res[:, 1])))
    assert out["sparse"] == (1.148, 2.021, 0.568, 20)
    assert out["dense"] == (2.134, 2.004, 1.065, 3)
    assert min(out["sparse"][:2] + out["dense"][:2]) > 1.0                       # the noise σ² = 1 is the floor


def test_g_normalization_is_not_regularization(diabetes):
    from sklearn.linear_model import Lasso, LinearRegression
    from sklearn.preprocessing import Normalizer
    lr = LinearRegression().fit(Normalizer(norm="l1").fit_transform(diabetes["raw"]), diabetes["y"])
    assert np.sum(lr.coef_ == 0) == 0
    lasso = Lasso(alpha=0.1).fit(diabetes["X"], diabetes["y"])
    assert [diabetes["names"][j] for j in np.flatnonzero(lasso.coef_ == 0)] == ["age", "s2", "s4"]


# ------------------------------------------------------------------------ 7. the real tools
def test_sklearn_tools_agree(diabetes):
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.linear_model import Lasso
    from sklearn.preprocessing import Normalizer, normalize
    raw, X, yc = diabetes["raw"], diabetes["X"], diabetes["yc"]
    for norm in ("l1", "l2", "max"):
        assert np.array_equal(normalize(raw, norm=norm), maths.normalize_rows(raw, norm))
        assert np.array_equal(Normalizer(norm=norm).fit_transform(X), maths.normalize_rows(X, norm))
    texts = ["the cat sat on the mat", "the dog sat on the log", "cats and dogs", "the mat and the log"]
    C = CountVectorizer().fit_transform(texts).toarray()
    assert np.abs(TfidfVectorizer().fit_transform(texts).toarray() - maths.tfidf(C)).max() < 1e-15
    w_cd = maths.lasso_cd(X, yc, 0.1)[0]
    w_sk = Lasso(alpha=0.1, fit_intercept=False, tol=1e-14, max_iter=1_000_000).fit(X, yc).coef_
    assert np.abs(w_cd - w_sk).max() < 1e-9


# ------------------------------------------------------------------------ both editions quote the same numbers
def test_editions_quote_the_same_numbers():
    def numbers(lang):
        path = course.root() / "lectures" / lang / "04-normalization.ipynb"
        nb = json.loads(path.read_text(encoding="utf-8"))
        text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
        text = re.sub(r"(?<=\d)[  ](?=\d{3}\b)", "", text)                     # 97 461 -> 97461
        return Counter(re.findall(r"−?\d+(?:\.\d+)?", text))
    uk, en = numbers("uk"), numbers("en")
    assert uk == en, f"only in uk: {uk - en}; only in en: {en - uk}"
    for quoted in ("85.6", "0.3072", "0.2755", "222", "1024", "0.6682", "0.9967", "0.3392", "0.8383", "0.9875", "122",
                   "7.507", "−14.790", "10.400", "0.7270", "0.0110", "0.5265", "0.568", "1.065", "107", "41", "148"):
        assert uk[quoted] > 0, quoted
