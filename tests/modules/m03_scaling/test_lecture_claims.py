"""The claims the 03-scaling lecture notebook makes in its prose, recomputed (no notebook run).

nbval (lax mode) compares the printed numbers of the notebook's cells tagged "nbval-check-output" with the stored
outputs; these tests assert the numbers and the relations the prose draws from them ("κ of wine is 1.21e7 unscaled
and 45.5 z-scored", "GD needs 222 iterations, the bound is 311", "one typo squeezes the bulk by 11.8", "fitting the
scaler on all data inflates the k-NN estimate by 0.0011, selecting features before CV on pure noise gives 0.810"),
computed independently where possible (numpy eigenvalues, closed forms, scikit-learn), so a change of data or code
that would make the text wrong fails here.
"""
from __future__ import annotations

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from fsgeom.data import load_breast_cancer, load_wine, train_test_split
from fsgeom.modules.m03_scaling import maths

SEED = 0


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    with threadpool_limits(1):
        yield


@pytest.fixture(scope="module")
def wine():
    w = load_wine()
    X = w.X
    return dict(X=X, y=w.y, yf=w.y.astype(float), Z=(X - X.mean(0)) / X.std(0), names=w.feature_names)


def kappa(A):
    """κ of the centred Gram matrix from the singular values (independent of maths.gram_condition)."""
    s = np.linalg.svd(A - A.mean(0), compute_uv=False)
    return (s[0] / s[-1]) ** 2


def gd_iterations_closed_form(A, y, tol=1e-6, max_iter=20_000):
    """GD with step 1/L from 0 in the eigenbasis: gap_t = 1/2 Σ λ_i (1 - λ_i/λ_max)^{2t} c_i² (independent loop)."""
    Ac, yc = A - A.mean(0), y - y.mean()
    G = Ac.T @ Ac / len(y)
    lam, V = np.linalg.eigh(G)
    c = V.T @ np.linalg.lstsq(Ac, yc, rcond=None)[0]
    t = np.arange(1, max_iter + 1)[:, None]
    gap = 0.5 * ((1 - lam / lam[-1]) ** (2 * t) * lam * c ** 2).sum(1) / (0.5 * (lam * c ** 2).sum())
    hit = np.flatnonzero(gap <= tol)
    return int(hit[0] + 1) if hit.size else None


# ------------------------------------------------------------------------ 1. geometry of the loss
def test_condition_numbers(wine):
    two = [wine["names"].index("alcohol"), wine["names"].index("proline")]
    assert f"{kappa(wine['X'][:, two]):.2g}" == "2.6e+05" and round(kappa(wine["Z"][:, two]), 1) == 4.6
    assert round(np.sqrt(kappa(wine["X"][:, two])), -2) == 500
    assert f"{kappa(wine['X']):.3g}" == "1.21e+07" and round(kappa(wine["Z"]), 1) == 45.5
    assert np.isclose(maths.gram_condition(wine["X"]), kappa(wine["X"]), rtol=1e-4)


def test_gd_iterations_and_bound(wine):
    assert gd_iterations_closed_form(wine["Z"], wine["yf"]) == maths.gd_iterations(wine["Z"], wine["yf"]) == 222
    assert round(maths.gd_bound(kappa(wine["Z"]))) == 311
    assert round(kappa(wine["Z"]) / 2 * np.log(1e6)) == 314            # the approximation (κ/2) ln(1/ε)
    assert gd_iterations_closed_form(wine["X"], wine["yf"], max_iter=20_000) is None
    assert f"{maths.gd_bound(kappa(wine['X'])):.2g}" == "8.4e+07"


def test_designed_family(wine):
    j = wine["names"].index("proline")
    its, kappas, ratios = [], [], []
    for s in (1, 2, 4, 8, 16):
        A = wine["Z"].copy()
        A[:, j] *= s
        k = kappa(A)
        it = gd_iterations_closed_form(A, wine["yf"], max_iter=20_000)
        its.append(it), kappas.append(k), ratios.append(it / maths.gd_bound(k))
    assert its == [222, 311, 853, 3127, 12248]
    assert round(kappas[-1]) == 2494 and kappas[-1] <= 2.5e3
    assert 0.70 <= min(ratios) and max(ratios) <= 0.72
    assert round(its[-1] / its[0]) == 55


# ------------------------------------------------------------------------ 2. bias-variance
def _bv(levels, R=500, n=60, sigma=0.3):
    f = lambda x: np.sin(2 * np.pi * x)
    xt = (np.arange(200) + 0.5) / 200
    rng = np.random.default_rng(SEED)
    P, Y = np.empty((R, 200)), np.empty((R, 200))
    for r in range(R):
        x = rng.uniform(0, 1, n)
        y = f(x) + sigma * rng.normal(size=n)
        b, bt = np.minimum((x * levels).astype(int), levels - 1), np.minimum((xt * levels).astype(int), levels - 1)
        means = np.array([y[b == k].mean() if np.any(b == k) else y.mean() for k in range(levels)])
        P[r] = means[bt]
        Y[r] = f(xt) + sigma * rng.normal(size=200)
    mean = P.mean(0)
    bias2, var = np.mean((mean - f(xt)) ** 2), np.mean(((P - mean) ** 2).mean(0))
    mse_f, mse_y = np.mean((P - f(xt)) ** 2), np.mean((P - Y) ** 2)
    se = np.sqrt((2 * sigma ** 4 + 4 * sigma ** 2 * mse_f) / P.size)
    return bias2, var, mse_f, mse_y, se


def test_bias_variance_table():
    rows = {b: _bv(b) for b in (2, 8, 60)}
    assert round(rows[2][0], 3) == 0.095 and round(rows[2][1], 3) == 0.006
    assert round(rows[8][0], 3) == 0.025 and round(rows[8][1], 3) == 0.018 and round(rows[8][2], 3) == 0.044
    assert round(rows[60][1], 3) == 0.169 and round(rows[60][0], 3) == 0.068
    assert min(rows, key=lambda b: rows[b][2]) == 8
    for bias2, var, mse_f, mse_y, se in rows.values():
        assert abs(bias2 + var - mse_f) < 1e-15                      # exact identity
        assert abs(mse_y - (mse_f + 0.09)) <= 3 * se                   # Monte-Carlo tolerance


# ------------------------------------------------------------------------ 3. min-max
def test_minmax_claims(wine):
    from sklearn.preprocessing import MinMaxScaler
    X_tr, X_te, _, _ = train_test_split(wine["X"], wine["y"], 0.3, seed=SEED)
    p = wine["X"][:, wine["names"].index("proline")]
    pm = (p - p.min()) / (p.max() - p.min())
    assert abs((p[1] - p[0]) / (p[3] - p[2]) - (pm[1] - pm[0]) / (pm[3] - pm[2])) < 1e-14
    T = MinMaxScaler().fit(X_tr).transform(X_te)
    out = (T < 0) | (T > 1)
    assert round(out.mean(), 3) == 0.009 and out.any(0).sum() == 4
    assert round(T.min(), 3) == -0.041 and round(T.max(), 3) == 1.105
    R = MinMaxScaler((-1, 1)).fit_transform(X_tr)
    assert np.isclose(R.min(), -1) and np.isclose(R.max(), 1)


def _width(v, kind):
    if kind == "minmax":
        s = (v - v.min()) / (v.max() - v.min())
    elif kind == "zscore":
        s = (v - v.mean()) / v.std()
    else:
        q1, med, q3 = np.percentile(v, [25, 50, 75])
        s = (v - med) / (q3 - q1)
    lo, hi = np.quantile(s, [0.025, 0.975])
    return hi - lo


def test_outlier_widths(wine):
    p = wine["X"][:, wine["names"].index("proline")]
    assert p.max() == 1680
    t = p.copy()
    t[np.argmax(t)] *= 10
    w = {k: (_width(p, k), _width(t, k)) for k in ("minmax", "zscore", "robust")}
    assert round(w["minmax"][0], 2) == 0.81 and round(w["minmax"][1], 3) == 0.069
    assert round(w["minmax"][0] / w["minmax"][1], 1) == 11.8
    assert round(w["zscore"][0] / w["zscore"][1], 1) == 3.9
    assert round(w["robust"][0], 3) == round(w["robust"][1], 3) == 2.343
    q1, med, q3 = np.percentile(t, [25, 50, 75])
    assert round((t.max() - med) / (q3 - q1)) == 33


def test_tanh_saturation(wine):
    X = wine["X"]
    W = np.random.default_rng(SEED).normal(0, 1 / np.sqrt(13), (13, 64))
    sat = lambda A: np.mean(np.abs(np.tanh(A @ W)) > 0.99)
    assert round(sat(X), 3) == 0.976
    assert sat((X - X.min(0)) / (X.max(0) - X.min(0))) == 0.0
    assert round(sat(wine["Z"]), 3) == 0.013


# ------------------------------------------------------------------------ 4. z-score
def test_zscore_pca(wine):
    from sklearn.decomposition import PCA
    Z = wine["Z"]
    assert np.abs(np.cov(Z.T, bias=True) - np.corrcoef(wine["X"].T)).max() < 1e-14
    raw = PCA().fit(wine["X"])
    assert round(raw.explained_variance_ratio_[0], 4) == 0.9981
    assert np.argmax(np.abs(raw.components_[0])) == wine["names"].index("proline")
    assert round(np.abs(raw.components_[0]).max(), 5) == 0.99982
    z = PCA().fit(Z)
    assert round(z.explained_variance_ratio_[0], 3) == 0.362 and round(z.explained_variance_ratio_[1], 3) == 0.192
    assert round(np.abs(z.components_[0]).max(), 2) == 0.42
    bc = load_breast_cancer().X
    assert round(PCA().fit((bc - bc.mean(0)) / bc.std(0)).explained_variance_ratio_[0], 3) == 0.443


def test_diabetes_coefficients():
    from sklearn.datasets import load_diabetes
    from sklearn.linear_model import LinearRegression
    from sklearn.preprocessing import StandardScaler
    d = load_diabetes(scaled=False)
    X, y = d.data, d.target
    assert f"{kappa(X):.2g}" == "7.6e+04" and round(kappa((X - X.mean(0)) / X.std(0))) == 470
    raw = LinearRegression().fit(X, y)
    sc = StandardScaler().fit(X)
    z = LinearRegression().fit(sc.transform(X), y)
    names = list(d.feature_names)
    assert names[np.argmax(np.abs(raw.coef_))] == "s5" and round(raw.coef_[names.index("s5")], 1) == 68.5
    assert round(raw.coef_[names.index("s1")], 2) == -1.09
    assert names[np.argmax(np.abs(z.coef_))] == "s1" and round(z.coef_[names.index("s1")], 1) == -37.7
    w, b = maths.unscale_coefficients(z.coef_, z.intercept_, sc.mean_, sc.scale_)
    np.testing.assert_allclose(w, raw.coef_, rtol=1e-9)
    assert np.abs(X @ w + b - raw.predict(X)).max() < 1e-9


def test_svm():
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC
    bc = load_breast_cancer()
    X_tr, X_te, y_tr, y_te = train_test_split(bc.X, bc.y, 0.3, seed=SEED)
    assert round(SVC().fit(X_tr, y_tr).score(X_te, y_te), 3) == 0.924
    assert round(make_pipeline(StandardScaler(), SVC()).fit(X_tr, y_tr).score(X_te, y_te), 3) == 0.953


# ------------------------------------------------------------------------ 5. the table
def test_which_scaler_table(wine):
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler
    X = wine["X"].copy()
    rng = np.random.default_rng(SEED)
    rows = rng.choice(len(X), int(0.1 * len(X)), replace=False)
    X[rows, rng.integers(0, X.shape[1], len(rows))] *= 10
    sets = {"wine": wine["X"], "typos": X}
    scalers = {"none": None, "minmax": MinMaxScaler, "zscore": StandardScaler, "robust": RobustScaler}
    cv = StratifiedKFold(5, shuffle=True, random_state=SEED)
    acc, its, kap = {}, {}, {}
    for dn, A in sets.items():
        for sn, S in scalers.items():
            model = KNeighborsClassifier(5) if S is None else make_pipeline(S(), KNeighborsClassifier(5))
            acc[dn, sn] = cross_val_score(model, A, wine["y"], cv=cv).mean()
            As = A if S is None else S().fit_transform(A)
            kap[dn, sn] = kappa(As)
            its[dn, sn] = gd_iterations_closed_form(As, wine["yf"], max_iter=10_000)
    assert round(acc["wine", "none"], 3) == 0.663
    assert [round(acc["wine", s], 3) for s in ("minmax", "zscore", "robust")] == [0.972, 0.961, 0.955]
    assert [round(acc["typos", s], 3) for s in ("minmax", "zscore", "robust")] == [0.927, 0.916, 0.921]
    assert [its["wine", s] for s in ("minmax", "zscore", "robust")] == [235, 222, 278]
    assert [its["typos", s] for s in ("minmax", "zscore", "robust")] == [62, 40, 6490]
    assert its["wine", "none"] is None and its["typos", "none"] is None
    assert round(kap["typos", "robust"], -1) == 1240 and round(kap["typos", "zscore"], 2) == 8.25
    bc = load_breast_cancer()
    accs = {s: cross_val_score(KNeighborsClassifier(5) if S is None else make_pipeline(S(), KNeighborsClassifier(5)),
                               bc.X, bc.y, cv=cv).mean() for s, S in scalers.items()}
    assert round(accs["none"], 3) == 0.932
    assert [round(accs[s], 3) for s in ("minmax", "zscore", "robust")] == [0.972, 0.965, 0.961]
    for S in (MinMaxScaler, StandardScaler, RobustScaler):
        k = kappa(S().fit_transform(bc.X))
        assert 5e4 < k < 2e5                                           # "κ ≈ 1e5": collinearity, not units
        assert maths.gd_bound(k) > 10_000


# ------------------------------------------------------------------------ 6. leakage
def test_leakage():
    from sklearn.feature_selection import SelectKBest
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    w = load_wine()
    gaps, leaky, honest = [], [], []
    for shuffle in range(5):
        cv = StratifiedKFold(5, shuffle=True, random_state=shuffle)
        a = cross_val_score(KNeighborsClassifier(5), StandardScaler().fit_transform(w.X), w.y, cv=cv).mean()
        b = cross_val_score(make_pipeline(StandardScaler(), KNeighborsClassifier(5)), w.X, w.y, cv=cv).mean()
        leaky.append(a), honest.append(b), gaps.append(a - b)
    assert round(np.mean(leaky), 4) == 0.9597 and round(np.mean(honest), 4) == 0.9586
    assert round(np.mean(gaps), 4) == 0.0011 and round(np.max(np.abs(gaps)), 4) == 0.0057
    assert np.max(np.abs(gaps)) < 1 / 36                                # less than one bottle in a fold of ~36
    rng = np.random.default_rng(SEED)
    X, y = rng.normal(size=(100, 2000)), rng.integers(0, 2, 100)
    cv = StratifiedKFold(5, shuffle=True, random_state=SEED)
    a = cross_val_score(LogisticRegression(), SelectKBest(k=20).fit_transform(X, y), y, cv=cv).mean()
    b = cross_val_score(make_pipeline(SelectKBest(k=20), LogisticRegression()), X, y, cv=cv).mean()
    assert round(a, 3) == 0.810 and round(b, 3) == 0.520


# ------------------------------------------------------------------------ 7. the real tools
def test_sklearn_scalers_agree(wine):
    from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler
    X_tr, X_te, _, _ = train_test_split(wine["X"], wine["y"], 0.3, seed=SEED)
    mm = maths.minmax_fit(X_tr)
    mu, sd = maths.zscore_fit(X_tr)
    rc, rs = maths.robust_fit(X_tr)
    for A in (X_tr, X_te):
        np.testing.assert_array_equal(MinMaxScaler().fit(X_tr).transform(A), maths.minmax_transform(A, *mm))
        np.testing.assert_allclose(StandardScaler().fit(X_tr).transform(A), (A - mu) / sd, rtol=0, atol=1e-15)
        np.testing.assert_allclose(RobustScaler().fit(X_tr).transform(A), maths.robust_transform(A, rc, rs), rtol=0, atol=1e-15)
    x = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 100])
    iqr = lambda m: np.subtract(*np.percentile(x, [75, 25], method=m))
    assert RobustScaler().fit(x[:, None]).scale_[0] == iqr("linear") == 4.5
    assert iqr("midpoint") == 4.0 and round(iqr("median_unbiased"), 2) == 5.17
    assert round(iqr("median_unbiased") / iqr("midpoint") - 1, 2) == 0.29
