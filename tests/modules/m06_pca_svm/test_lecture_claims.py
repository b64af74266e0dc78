"""The claims the 06-pca-svm lecture notebook makes in its prose, recomputed (no notebook run).

nbval (lax mode) compares the printed numbers of the notebook's cells tagged "nbval-check-output" with the stored
outputs; these tests assert the numbers and the relations the prose draws from them ("PC1 of the raw wines explains
99.8 % with proline's loading 0.9998, 36.2 % standardized", "mg/L → g/L turns the raw PC1 by 88.5°", "subgradient
descent stays ≥ 4.0× above the optimum on raw features", "proline gets one of the two smallest weights but the largest
wⱼσⱼ", "largest stable learning rate 5.6e-6 against 17.8", "batch-norm mismatch 0.766 at B = 2"), computed
independently where possible (numpy, SciPy, scikit-learn) so that a change of data or code that would make the text
wrong fails here. The last test checks that the uk and en editions quote the same numbers.
"""
from __future__ import annotations

import json
import re
from collections import Counter

import numpy as np
import pytest
from scipy import stats
from threadpoolctl import threadpool_limits

from fsgeom import course
from fsgeom.modules.m06_pca_svm import data, maths

SEED = 0


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    with threadpool_limits(1):
        yield


@pytest.fixture(scope="module")
def wine():
    ds = data.wine()
    return ds.X.astype(float), ds.y, list(ds.feature_names)


@pytest.fixture(scope="module")
def svm_split():
    Xb, yb = data.wine_binary()
    tr, te = data.train_test_indices(yb.size, y=yb, seed=SEED)
    mu, sd = maths.standardize_stats(Xb[tr])
    return dict(Xtr=Xb[tr], Xte=Xb[te], ytr=yb[tr], yte=yb[te], Ztr=(Xb[tr] - mu) / sd, Zte=(Xb[te] - mu) / sd, sd=sd)


def col(names, name):
    return names.index(name)


def pca_numpy(X, standardize=False):
    """Independent PCA: SVD of the centred (and scaled) data; components sign-fixed like the module."""
    Z = X - X.mean(0)
    if standardize:
        Z = Z / X.std(0)
    _, s, Vt = np.linalg.svd(Z, full_matrices=False)
    Vt = Vt * np.sign(Vt[np.arange(len(Vt)), np.abs(Vt).argmax(1)])[:, None]
    ev = s ** 2 / len(X)
    return Vt, ev, ev / ev.sum()


# ------------------------------------------------------------------------ 1. PCA
def test_feature_scales(wine):
    X, y, names = wine
    assert X.shape == (178, 13) and np.unique(y).size == 3
    sd = X.std(0)
    assert round(sd[col(names, "proline")]) == 314 and round(sd[col(names, "magnesium")], 1) == 14.2
    assert round(sd[col(names, "hue")], 2) == 0.23 and round(sd[col(names, "nonflavanoid_phenols")], 2) == 0.12
    assert round(sd.max() / sd.min()) > 1000
    assert round(sd[col(names, "proline")] ** 2 / np.sum(sd ** 2), 3) == 0.998


def test_pca_raw_and_standardized(wine):
    X, _, names = wine
    V, _, r = pca_numpy(X)
    assert round(100 * r[0], 1) == 99.8 and round(V[0, col(names, "proline")], 4) == 0.9998
    Vs, evs, rs = pca_numpy(X, standardize=True)
    assert (round(100 * rs[0], 1), round(100 * rs[1], 1), round(100 * rs[:2].sum(), 1)) == (36.2, 19.2, 55.4)
    top = [names[j] for j in np.argsort(-np.abs(Vs[0]))[:3]]
    assert top == ["flavanoids", "total_phenols", "od280/od315_of_diluted_wines"]
    assert round(abs(Vs[0, col(names, "proline")]), 3) == 0.287
    # the module agrees with the SVD
    _, _, comp, _, ratio = maths.pca_fit(X, standardize=True)
    assert np.abs(comp - Vs).max() < 1e-10 and np.abs(ratio - rs).max() < 1e-12


def test_pca_of_standardized_is_correlation_eigenvectors(wine):
    X, _, _ = wine
    _, _, comp, ev, _ = maths.pca_fit(X, standardize=True)
    lam, V = np.linalg.eigh(np.corrcoef(X, rowvar=False))
    V = V[:, ::-1]
    angle = max(maths.component_angle(comp[k], V[:, k]) for k in range(13))
    assert angle < 1e-5 and np.abs(lam[::-1] - ev).max() < 1e-13
    assert (round(lam.max(), 2), round(lam.min(), 3), round(lam.max() / lam.min(), 1)) == (4.71, 0.103, 45.5)
    # n - 1: same components, eigenvalues × 178/177
    _, _, comp_raw, ev_raw, ratio_raw = maths.pca_fit(X)
    lc, Vc = np.linalg.eigh(np.cov(X, rowvar=False))
    assert round(lc[-1] / ev_raw[0], 5) == round(178 / 177, 5) == 1.00565
    assert max(maths.component_angle(comp_raw[k], Vc[:, -1 - k]) for k in range(3)) < 1e-6
    # whitening makes the covariance the identity
    Z = (X - X.mean(0)) / X.std(0)
    lw, Vw = np.linalg.eigh(Z.T @ Z / len(Z))
    W = Z @ Vw / np.sqrt(lw)
    assert np.abs(W.T @ W / len(W) - np.eye(13)).max() < 1e-14


def test_change_of_units_turns_raw_pc1(wine):
    X, _, names = wine
    p = col(names, "proline")
    Xg = X.copy()
    Xg[:, p] /= 1000
    V, _, _ = pca_numpy(X)
    Vg, _, rg = pca_numpy(Xg)
    angle = np.degrees(np.arccos(min(1.0, abs(V[0] @ Vg[0]))))
    assert round(angle, 1) == 88.5
    assert names[np.argmax(np.abs(Vg[0]))] == "magnesium" and round(Vg[0, col(names, "magnesium")], 4) == 0.9989
    assert round(rg[0], 3) == 0.909
    _, _, c1, _, _ = maths.pca_fit(X, standardize=True)
    _, _, c2, _, _ = maths.pca_fit(maths.change_units(X, p, 1e-3), standardize=True)
    assert maths.component_angle(c1[0], c2[0]) < 1e-6


def test_pca_then_logistic_regression(wine):
    from sklearn.decomposition import PCA
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    X, y, _ = wine
    raw = cross_val_score(make_pipeline(PCA(2), LogisticRegression(max_iter=1000)), X, y, cv=10).mean()
    std = cross_val_score(make_pipeline(StandardScaler(), PCA(2), LogisticRegression(max_iter=1000)), X, y, cv=10).mean()
    assert (round(raw, 3), round(std, 3)) == (0.687, 0.961)


# ------------------------------------------------------------------------ 2. SVM
def test_svm_split_and_subgradient(svm_split):
    s = svm_split
    assert (s["ytr"].size, s["yte"].size) == (91, 39)
    Xb, yb = data.wine_binary()
    assert (int(np.sum(yb < 0)), int(np.sum(yb > 0))) == (59, 71)
    C = 0.1
    w, b, a = maths.svm_exact(s["Ztr"], s["ytr"], C)
    f = maths.svm_objective(w, b, s["Ztr"], s["ytr"], C)
    assert f - maths.svm_dual_objective(a, s["Ztr"], s["ytr"], C) < 1e-8 and round(f, 5) == 0.97176
    ws, bs = maths.svm_subgradient_descent(s["Ztr"], s["ytr"], C, n_iter=1000, eta0=0.1)
    rel = (maths.svm_objective(ws, bs, s["Ztr"], s["ytr"], C) - f) / f
    assert 0 <= rel < 2e-4 and f"{rel:.1e}" == "1.7e-04"
    wr, br, ar = maths.svm_exact(s["Xtr"], s["ytr"], C)
    fr = maths.svm_objective(wr, br, s["Xtr"], s["ytr"], C)
    assert fr - maths.svm_dual_objective(ar, s["Xtr"], s["ytr"], C) < 1e-6 and round(fr, 4) == 0.4951
    ratios = []
    for eta0 in (1e-7, 1e-6, 1e-5, 1e-4, 1e-3):
        w_, b_ = maths.svm_subgradient_descent(s["Xtr"], s["ytr"], C, n_iter=1000, eta0=eta0)
        ratios.append(maths.svm_objective(w_, b_, s["Xtr"], s["ytr"], C) / fr)
    assert min(ratios) > 2 and round(min(ratios), 1) == 4.0 and np.argmin(ratios) == 2
    assert round(sorted(ratios)[1], 1) == 5.3 and round(max(ratios), 1) == 18.4


def test_svm_raw_against_standardized(svm_split):
    s = svm_split
    got = {}
    for kind, A, B in (("raw", s["Xtr"], s["Xte"]), ("std", s["Ztr"], s["Zte"])):
        w, b, alpha = maths.svm_exact(A, s["ytr"], 1.0)
        sv = maths.support_mask(w, b, A, s["ytr"])
        free = (alpha > 1e-6) & (alpha < 1 - 1e-6)
        d = maths.distance_to_hyperplane(A[free], w, b)
        assert np.abs(d * np.linalg.norm(w) - 1).max() < 1e-6
        got[kind] = (round(maths.accuracy(w, b, A, s["ytr"]), 3), round(maths.accuracy(w, b, B, s["yte"]), 3),
                     int(sv.sum()), int(free.sum()), round(2 / np.linalg.norm(w), 3), sv)
    assert got["raw"][:5] == (0.989, 1.0, 10, 9, 1.697)
    assert got["std"][:5] == (1.0, 0.974, 11, 10, 1.111)
    assert int(np.sum(got["raw"][5] & got["std"][5])) == 7


def test_svm_over_20_splits():
    X, y = data.wine_binary()
    acc = {}
    for seed in range(20):
        a, t = data.train_test_indices(y.size, y=y, seed=seed)
        m, s = maths.standardize_stats(X[a])
        for kind, A, B in (("raw", X[a], X[t]), ("std", (X[a] - m) / s, (X[t] - m) / s)):
            for C in (0.01, 1.0):
                w, b, _ = maths.svm_exact(A, y[a], C)
                acc.setdefault((kind, C), []).append(maths.accuracy(w, b, B, y[t]))
    got = {k: round(float(np.mean(v)), 3) for k, v in acc.items()}
    assert got == {("raw", 0.01): 0.921, ("std", 0.01): 0.969, ("raw", 1.0): 0.965, ("std", 1.0): 0.977}


def test_svm_weights_and_distance(svm_split, wine):
    _, _, names = wine
    s = svm_split
    wr, br, _ = maths.svm_exact(s["Xtr"], s["ytr"], 1.0)
    wz, bz, _ = maths.svm_exact(s["Ztr"], s["ytr"], 1.0)
    p, mg, al = col(names, "proline"), col(names, "magnesium"), col(names, "alcohol")
    order = list(np.argsort(np.abs(wr)))
    assert order[:2] == [mg, p]                                   # the two largest-scale features: smallest |w|
    assert round(wr[mg], 4) == 0.0018 and round(wr[p], 4) == -0.0057
    ws = wr * s["sd"]
    assert np.argmax(np.abs(ws)) == p and round(ws[p], 2) == -2.01
    second = np.sort(np.abs(ws))[-2]
    assert names[int(np.argsort(np.abs(ws))[-2])] == "color_intensity" and round(second, 2) == 0.70
    assert round(abs(ws[p]) / second, 1) == 2.9
    assert round(s["sd"][p]) == 354 and round(s["sd"][col(names, "nonflavanoid_phenols")], 2) == 0.11
    top = [names[j] for j in np.argsort(-np.abs(wz))[:3]]
    assert top == ["proline", "alcalinity_of_ash", "alcohol"]
    assert [round(float(wz[col(names, n)]), 2) for n in top] == [-0.97, 0.80, -0.78]
    nw = np.linalg.norm(wr)
    assert round(abs(wr[p]) / nw, 4) == 0.0048 and round(abs(wr[al]) / nw, 3) == 0.284
    assert round(abs(wr[p]) * s["sd"][p] / nw, 2) == 1.71 and round(abs(wr[al]) * s["sd"][al] / nw, 2) == 0.25
    score = s["Xtr"] @ wr + br
    assert round(np.corrcoef(score, s["Xtr"][:, p] * wr[p])[0, 1], 3) == 0.959
    dr = np.abs(s["Xtr"] @ wr + br) / nw
    dz = np.abs(s["Ztr"] @ wz + bz) / np.linalg.norm(wz)
    assert round(stats.spearmanr(dr, dz).statistic, 3) == 0.738
    assert np.intersect1d(np.argsort(dr)[:10], np.argsort(dz)[:10]).size == 7


# ------------------------------------------------------------------------ 3. neural networks
def test_first_layer_gradients(wine):
    X, y, names = wine
    p, h = col(names, "proline"), col(names, "hue")
    Z = (X - X.mean(0)) / X.std(0)
    params = maths.mlp_init(13, 16, 3, SEED)
    rows = {}
    for kind, A in (("raw", X), ("std", Z)):
        rows[kind] = np.linalg.norm(maths.mlp_loss_grad(params, A, y)[1][0], axis=1)
    assert round(rows["raw"][p], 2) == 0.28 and f"{rows['raw'][h]:.1e}" == "3.1e-05"
    assert round(rows["raw"].max() / rows["raw"].min(), -3) == 9000 and np.argmax(rows["raw"]) == p
    assert round(rows["std"].max() / rows["std"].min(), 1) == 3.4
    W1 = params[0].copy()
    W1[h] /= 1000
    Xh = X.copy()
    Xh[:, h] *= 1000
    g0 = maths.mlp_loss_grad(params, X, y)[1][0]
    g1 = maths.mlp_loss_grad((W1, *params[1:]), Xh, y)[1][0]
    assert abs(np.linalg.norm(g1[h]) / np.linalg.norm(g0[h]) - 1000) < 1e-6
    assert np.abs(np.delete(g1 - g0, h, axis=0)).max() < 1e-15
    g2 = maths.mlp_loss_grad(params, Xh, y)[1][0]
    assert round(np.linalg.norm(g2[h]) / np.linalg.norm(g0[h]), -3) == 145000


def test_largest_stable_learning_rates(wine):
    X, y, _ = wine
    Z = (X - X.mean(0)) / X.std(0)
    grid = 10.0 ** np.arange(-7, 2.01, 0.25)
    got = {}
    for kind, A in (("raw", X), ("std", Z)):
        X1 = np.hstack([A, np.ones((len(A), 1))])
        bound = 4 / np.linalg.eigvalsh(X1.T @ X1 / len(A)).max()
        lr = maths.largest_stable_lr(lambda r: maths.logreg_gd(A, y, r), grid)
        got["logreg", kind] = (float(f"{lr:.2g}"), float(f"{bound:.2g}"))
        lr = maths.largest_stable_lr(lambda r: maths.mlp_gd(A, y, r), grid)
        got["mlp", kind] = (float(f"{lr:.2g}"), round(float(maths.mlp_gd(A, y, lr)[-1]), 5))
    assert got["logreg", "raw"] == (5.6e-6, 6.0e-6) and got["logreg", "std"] == (18.0, 0.85)
    assert got["mlp", "raw"] == (1.8e-3, 1.02333) and got["mlp", "std"] == (3.2, 0.00075)
    # the measured edge is the last grid point below the bound on raw data
    assert 10 ** -5.25 < 6.0e-6 < 1e-5
    assert round(17.78 / 5.62e-6, -5) == 3.2e6 and round(17.78 / 0.85) == 21


# ------------------------------------------------------------------------ 4. batch normalization
def test_batch_norm_facts(wine):
    X, _, names = wine
    out, _, _ = maths.batch_norm_train(X[:2], eps=0.0)
    assert np.array_equal(np.unique(np.round(out, 12)), [-1.0, 1.0])
    out, _, _ = maths.batch_norm_train(X[:2])
    h = col(names, "hue")
    assert np.argmin(np.abs(out[0])) == h and round(abs(out[0, h]), 3) == 0.845 and round(abs(X[0, h] - X[1, h]), 2) == 0.01
    mg = col(names, "magnesium")
    _, rm, rv = maths.batch_norm_train(X[:8])
    assert abs(rv[mg] - (0.9 + 0.1 * X[:8, mg].var(ddof=1))) < 1e-12
    mism = np.array([[maths.bn_mismatch(X, B, seed=s) for B in (2, 4, 8, 16, 32, 64)] for s in range(5)]).mean(0)
    assert [round(float(m), 3) for m in mism] == [0.766, 0.475, 0.340, 0.237, 0.149, 0.084]
    k = int(np.argmax(np.abs(stats.skew(X, axis=0))))
    assert names[k] == "magnesium"
    bn, _, _ = maths.batch_norm_train(X)
    assert round(stats.skew(X[:, k]), 2) == round(stats.skew(bn[:, k]), 2) == 1.09
    w, p = stats.shapiro(bn[:, k])
    assert round(w, 3) == 0.938 and round(p * 1e7) == 6 and round(bn[:, k].var(), 3) == 1.0


def test_layer_instance_group(wine):
    A = data.activations()
    assert A.shape == (4, 6, 3, 3)
    assert np.abs(maths.group_norm(A, 1) - maths.normalize_over(A, maths.NORM_AXES["layer"])).max() == 0
    assert np.abs(maths.group_norm(A, 6) - maths.instance_norm(A)).max() == 0
    A64 = data.activations((64, 6, 3, 3), seed=SEED)
    ln = maths.normalize_over(A64, maths.NORM_AXES["layer"])
    assert np.abs(ln[:2] - maths.normalize_over(A64[:2], maths.NORM_AXES["layer"])).max() == 0
    assert np.abs(ln[:1] - maths.normalize_over(A64[:1], maths.NORM_AXES["layer"])).max() == 0
    bn = maths.normalize_over(A64, maths.NORM_AXES["batch"])
    assert round(np.abs(bn[:2] - maths.normalize_over(A64[:2], maths.NORM_AXES["batch"])).max(), 3) == 0.546


# ------------------------------------------------------------------------ 5. the real tool
def test_tools_agree(wine, svm_split):
    import warnings

    from sklearn.decomposition import PCA
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC, LinearSVC
    X, _, _ = wine
    n = len(X)
    for skl, std, tol in ((PCA().fit(X), False, 3e-11), (make_pipeline(StandardScaler(), PCA()).fit(X)[-1], True, 1e-14)):
        _, _, comp, ev, ratio = maths.pca_fit(X, standardize=std)
        assert np.abs(skl.components_ - comp).max() < tol
        assert np.abs(skl.explained_variance_ratio_ - ratio).max() < 4e-16
        assert abs(skl.explained_variance_[0] / ev[0] - n / (n - 1)) < 1e-12
    s = svm_split
    rel = {}
    for kind, A in (("std", s["Ztr"]), ("raw", s["Xtr"])):
        for C in (1.0, 10.0):
            w, b, a = maths.svm_exact(A, s["ytr"], C)
            f = maths.svm_objective(w, b, A, s["ytr"], C)
            rel[kind, C, "gap"] = (f - maths.svm_dual_objective(a, A, s["ytr"], C)) / f
            for tol in (1e-3, 1e-10):
                svc = SVC(kernel="linear", C=C, tol=tol).fit(A, s["ytr"])
                rel[kind, C, tol] = (maths.svm_objective(svc.coef_.ravel(), svc.intercept_[0], A, s["ytr"], C) - f) / f
    fmt = {k: f"{v:.1e}" for k, v in rel.items()}
    assert (fmt["std", 1.0, 1e-3], fmt["std", 10.0, 1e-3], fmt["std", 1.0, 1e-10], fmt["std", 10.0, 1e-10]) == \
        ("6.6e-04", "5.3e-03", "3.8e-07", "7.8e-06")
    assert round(100 * rel["raw", 1.0, 1e-3], 1) == round(100 * rel["raw", 1.0, 1e-10], 1) == 5.7
    assert round(100 * rel["raw", 10.0, 1e-3]) == round(100 * rel["raw", 10.0, 1e-10]) == 113
    assert rel["raw", 1.0, "gap"] < 1e-7 and round(rel["raw", 10.0, "gap"], 5) == 0.00014
    with warnings.catch_warnings():
        warnings.simplefilter("error")                             # the lecture prints no warning
        l = LinearSVC(C=1.0).fit(s["Ztr"], s["ytr"])
    w, b = l.coef_.ravel(), l.intercept_[0]
    own = 0.5 * (w @ w + b * b) + np.sum(np.maximum(0, 1 - s["ytr"] * (s["Ztr"] @ w + b)) ** 2)
    w1, b1, _ = maths.svm_exact(s["Ztr"], s["ytr"], 1.0)
    assert (round(own, 3), round(maths.svm_objective(w, b, s["Ztr"], s["ytr"], 1.0), 3),
            round(maths.svm_objective(w1, b1, s["Ztr"], s["ytr"], 1.0), 3)) == (1.529, 2.702, 2.0)
    assert round(maths.accuracy(w, b, s["Zte"], s["yte"]), 3) == 0.974


# ------------------------------------------------------------------------ the two editions
def test_editions_quote_the_same_numbers():
    def numbers(lang):
        path = course.root() / "lectures" / lang / "06-pca-svm.ipynb"
        nb = json.loads(path.read_text(encoding="utf-8"))
        text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
        text = re.sub(r"(?<=\d)[  ,](?=\d{3}\b)", "", text)
        return Counter(re.findall(r"−?\d+(?:\.\d+)?", text))
    uk, en = numbers("uk"), numbers("en")
    assert uk == en, f"only in uk: {uk - en}; only in en: {en - uk}"
    for quoted in ("99.8", "0.9998", "36.2", "19.2", "88.5", "0.909", "0.687", "0.961", "4.71", "0.103", "45.5",
                   "0.97176", "4.0", "18.4", "0.989", "0.974", "1.697", "1.111", "0.0057", "2.01", "0.738", "0.959",
                   "0.28", "9000", "3.4", "145000", "17.8", "3.16", "1.02", "0.00075", "0.766", "0.084", "1.09",
                   "0.938", "0.546", "5.7", "113", "1.529", "2.702"):
        assert uk[quoted] > 0, quoted
