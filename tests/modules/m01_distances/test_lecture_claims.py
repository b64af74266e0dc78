"""The claims the 01-distances lecture notebook makes in its prose, recomputed with fsgeom (no notebook run).

nbval (lax mode) compares the printed numbers of the notebook's cells tagged "nbval-check-output" with the stored
outputs; these tests assert the relations the prose draws from them ("raw kNN is no better than the trivial
rule", "diagonal-Sigma Mahalanobis equals z-scored Euclidean", ...), so a change of data or code that would
make the text wrong fails here with a readable message.
"""
from __future__ import annotations

import json

import numpy as np
import pytest
from scipy.spatial.distance import cdist

from fsgeom import course, metrics
from fsgeom.modules.m01_distances import data, maths, widgets

K = 5
SEED = 0


@pytest.fixture(scope="module")
def split():
    return data.age_income_split(seed=SEED)


@pytest.fixture(scope="module")
def zscored(split):
    Xtr, Xte, _, _ = split
    center, scale = metrics.fit_scaler("zscore", Xtr)
    return metrics.apply_scaler(Xtr, center, scale), metrics.apply_scaler(Xte, center, scale), center, scale


def _acc(split, **kwargs):
    Xtr, Xte, ytr, yte = split
    return metrics.accuracy(yte, metrics.scaled_knn_predict(Xtr, ytr, Xte, k=K, **kwargs))


# ------------------------------------------------------------------------ section 2: age and income
def test_income_term_is_a_million_times_the_age_term():
    assert 10_000.0 ** 2 / 10.0 ** 2 == 1e6
    a = np.array([30.0, 40_000.0])
    d = metrics.pairwise_euclidean(a, a + [10.0, 10_000.0])[0, 0]
    assert d - 10_000.0 == pytest.approx(0.005, abs=1e-4)       # ten years add half a cent


def test_income_dominates_squared_distance_for_almost_all_pairs(split):
    Xtr = split[0]
    pairs = np.triu_indices(len(Xtr), k=1)
    diff2 = (Xtr[:, None, :] - Xtr[None, :, :])[pairs] ** 2
    share = diff2[:, 1] / diff2.sum(axis=1)
    assert np.median(share) > 0.9999
    assert np.mean(share > 0.99) > 0.99
    ratio = Xtr[:, 1].std() / Xtr[:, 0].std()
    assert 1100 < ratio < 1300                                  # "about 1 200 times"


def test_raw_knn_is_no_better_than_majority_and_zscore_helps(split, zscored):
    Xtr, Xte, ytr, yte = split
    Ztr, Zte, _, _ = zscored
    acc_raw = metrics.accuracy(yte, metrics.knn_predict(Xtr, ytr, Xte, k=K))
    acc_z = metrics.accuracy(yte, metrics.knn_predict(Ztr, ytr, Zte, k=K))
    majority = metrics.accuracy(yte, np.zeros_like(yte))
    assert acc_raw <= majority + 1e-12
    assert acc_z >= acc_raw + 0.15
    assert (round(acc_raw, 3), round(acc_z, 3), round(majority, 3)) == (0.689, 0.867, 0.689)


def test_neighbours_of_the_young_client(split, zscored):
    Xtr, _, ytr, _ = split
    Ztr, _, center, scale = zscored
    client = np.array([[25.0, 45_000.0]])
    raw = metrics.knn_neighbors(Xtr, client, K)[0]
    z = metrics.knn_neighbors(Ztr, metrics.apply_scaler(client, center, scale), K)[0]
    assert np.ptp(Xtr[raw, 0]) > 50 and np.ptp(Xtr[raw, 1]) < 2_000     # ages 20..81, incomes within $1 500
    assert np.ptp(Xtr[z, 0]) <= 8                                         # ages 20..27
    assert ytr[raw].sum() == 2 and ytr[z].sum() == K
    score = (25 - 18) / 72 + (45_000 - 1_000) / 99_000
    assert score < 0.75                                                   # truly high risk by the rule


def test_zscore_gain_holds_on_ten_data_sets():
    gains = []
    for seed in range(10):
        s = data.age_income_split(seed=seed)
        gains.append(_acc(s, scaler="zscore") - _acc(s, scaler="none"))
    assert min(gains) > 0.1
    assert 0.2 < np.mean(gains) < 0.23
    assert max(gains) == pytest.approx(0.3, abs=1e-3)


def test_scaled_knn_does_not_depend_on_the_income_unit(split):
    Xtr, Xte, ytr, yte = split
    table = {}
    for unit in data.INCOME_UNITS:
        T, Q = data.income_in_units(Xtr, unit), data.income_in_units(Xte, unit)
        table[unit] = {s: metrics.accuracy(yte, metrics.scaled_knn_predict(T, ytr, Q, k=K, scaler=s))
                       for s in ("none", "minmax", "zscore", "robust")}
    raw = [table[u]["none"] for u in table]
    assert max(raw) - min(raw) > 0.15                                     # 0.689 / 0.889 / 0.678
    assert table["k$"]["none"] > table["$"]["none"] > table["M$"]["none"]
    for s in ("minmax", "zscore", "robust"):
        assert len({round(table[u][s], 12) for u in table}) == 1, f"{s} depends on the unit"


# ------------------------------------------------------------------------ section 3: metrics
def test_example_pair_distances():
    x, y = np.array([1.0, 2.0]), np.array([4.0, 6.0])
    d1 = metrics.pairwise_manhattan(x, y)[0, 0]
    d2 = metrics.pairwise_euclidean(x, y)[0, 0]
    d3 = metrics.pairwise_minkowski(x, y, p=3)[0, 0]
    dinf = metrics.pairwise_minkowski(x, y, p=np.inf)[0, 0]
    assert (d1, d2, dinf) == (7.0, 5.0, 4.0) and d1 >= d2 >= d3 >= dinf
    assert metrics.pairwise_cosine_distance(x, y)[0, 0] < 0.01


def test_metric_axioms_and_their_violations():
    P = np.random.default_rng(SEED).normal(size=(40, 2)) + [2.0, 0.0]
    for D in (metrics.pairwise_euclidean(P), metrics.pairwise_manhattan(P), metrics.pairwise_minkowski(P, p=np.inf)):
        assert np.allclose(D, D.T) and np.allclose(np.diag(D), 0)
        assert maths.triangle_violations(D) == (0, 64_000)
    p05 = (np.abs(P[:, None, :] - P[None, :, :]) ** 0.5).sum(axis=2) ** 2
    assert maths.triangle_violations(p05)[0] == 9330
    assert maths.triangle_violations(metrics.pairwise_cosine_distance(P))[0] == 19480
    assert metrics.pairwise_cosine_distance(P[0], 3 * P[0])[0, 0] == pytest.approx(0.0, abs=1e-12)


def test_other_metrics_keep_fewer_neighbours(zscored):
    Ztr, Zte, _, _ = zscored
    base = metrics.knn_neighbors(Ztr, Zte, K)

    def shared(**kw):
        other = metrics.knn_neighbors(Ztr, Zte, K, **kw)
        return np.mean([len(set(a) & set(b)) for a, b in zip(base, other)]) / K

    man, cheb, cos = shared(metric="manhattan"), shared(metric="minkowski", p=np.inf), shared(metric="cosine")
    assert (round(man, 3), round(cheb, 3), round(cos, 3)) == (0.884, 0.927, 0.384)
    assert cheb > man > 0.85 > 0.5 > cos


# ------------------------------------------------------------------------ section 4: distorted geometry
def test_diag_1_1e4_euclidean_neighbours_ignore_x1():
    cov = np.diag([1.0, 1e4])
    X, _ = data.correlated_cloud(n=400, s1=1.0, s2=100.0, seed=SEED)
    q = np.array([1.2, 40.0])
    e = metrics.knn_neighbors(X, q, 10)[0]
    m = metrics.knn_neighbors(X, q, 10, metric="mahalanobis", cov=cov)[0]
    dev_e = np.abs(X[e] - q) / [1.0, 100.0]
    dev_m = np.abs(X[m] - q) / [1.0, 100.0]
    assert dev_e[:, 0].max() > 3 and dev_e[:, 1].max() < 0.05          # 3.45 sigma_1 vs 0.03 sigma_2
    assert dev_m.max() < 0.3                                             # evenly close in both
    assert not set(e) & set(m)


def test_diagonal_mahalanobis_equals_zscored_euclidean(split, zscored):
    Xtr, Xte, _, _ = split
    Ztr, Zte, _, _ = zscored
    D_m = metrics.pairwise_mahalanobis(Xte, Xtr, cov=np.diag(Xtr.var(axis=0)))
    D_z = metrics.pairwise_euclidean(Zte, Ztr)
    assert D_m.size == 18_900
    np.testing.assert_allclose(D_m, D_z, rtol=1e-12, atol=1e-12)


def test_full_sigma_needs_whitening_not_just_zscoring():
    X, _ = data.correlated_cloud(n=500, s1=0.6, s2=2.5, theta=np.radians(-30), seed=SEED)
    S = metrics.covariance(X)
    mu, sd = metrics.zscore_fit(X)
    Z = metrics.apply_scaler(X, mu, sd)
    Wx = (X - mu) @ maths.whitening_matrix(S).T
    C_z = metrics.covariance(Z)
    assert C_z[0, 1] == pytest.approx(0.867, abs=5e-4)                   # the correlation is left
    np.testing.assert_allclose(np.diag(C_z), 1.0)
    np.testing.assert_allclose(metrics.covariance(Wx), np.eye(2), atol=1e-12)
    D_M = metrics.pairwise_mahalanobis(X[:50], X, cov=S)
    D_z = metrics.pairwise_euclidean(Z[:50], Z)
    pos = D_M > 0
    assert np.max(np.abs(D_z - D_M)[pos] / D_M[pos]) == pytest.approx(0.63, abs=0.005)
    np.testing.assert_allclose(metrics.pairwise_euclidean(Wx[:50], Wx), D_M, atol=1e-10)


def test_mahalanobis_neighbours_invariant_to_feature_scales():
    Z = data.correlated_cloud(n=150, seed=SEED)[1]
    zq = np.array([1.0, 0.5])
    mahal_sets, shared = [], []
    for s1, s2, theta in ((0.6, 2.5, -30), (2.0, 0.5, 10), (3.0, 0.3, 60), (1.5, 1.5, 45)):
        cov = maths.covariance_from_scales(s1, s2, np.radians(theta))
        A = np.linalg.cholesky(cov)
        X, q = Z @ A.T, A @ zq
        e = metrics.knn_neighbors(X, q, 8)[0]
        m = metrics.knn_neighbors(X, q, 8, metric="mahalanobis", cov=cov)[0]
        mahal_sets.append(frozenset(m.tolist()))
        shared.append(len(set(e) & set(m)))
    assert len(set(mahal_sets)) == 1
    assert shared == [4, 5, 4, 8]


def test_metric_changes_the_accuracy(split):
    acc = {name: _acc(split, **kw) for name, kw in {
        "euclid raw": {}, "manhattan raw": dict(metric="manhattan"), "cosine raw": dict(metric="cosine"),
        "mahalanobis raw": dict(metric="mahalanobis"), "euclid z": dict(scaler="zscore"),
        "manhattan z": dict(scaler="zscore", metric="manhattan"), "cosine z": dict(scaler="zscore", metric="cosine"),
    }.items()}
    assert acc["euclid raw"] == acc["manhattan raw"] == pytest.approx(0.689, abs=5e-4)
    assert acc["mahalanobis raw"] == acc["euclid z"] == pytest.approx(0.867, abs=5e-4)
    assert acc["cosine raw"] == pytest.approx(0.644, abs=5e-4) and acc["cosine z"] == pytest.approx(0.822, abs=5e-4)
    assert min(acc.values()) == acc["cosine raw"] and max(acc.values()) == acc["euclid z"]


# ------------------------------------------------------------------------ section 5: the real tools
def test_fsgeom_agrees_with_scipy_and_sklearn(split):
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    Xtr, Xte, ytr, yte = split
    S = metrics.covariance(Xtr)
    for ours, name, kw in ((metrics.pairwise_euclidean(Xte, Xtr), "euclidean", {}),
                           (metrics.pairwise_manhattan(Xte, Xtr), "cityblock", {}),
                           (metrics.pairwise_minkowski(Xte, Xtr, p=3), "minkowski", dict(p=3)),
                           (metrics.pairwise_cosine_distance(Xte, Xtr), "cosine", {}),
                           (metrics.pairwise_mahalanobis(Xte, Xtr, cov=S), "mahalanobis", dict(VI=np.linalg.inv(S)))):
        np.testing.assert_allclose(ours, cdist(Xte, Xtr, name, **kw), rtol=1e-9, atol=1e-9)
    for model, kw in ((KNeighborsClassifier(n_neighbors=K), {}),
                      (make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=K)), dict(scaler="zscore"))):
        pred = model.fit(Xtr, ytr).predict(Xte)
        np.testing.assert_array_equal(pred, metrics.scaled_knn_predict(Xtr, ytr, Xte, k=K, **kw))


# ------------------------------------------------------------------------ widgets' opening state
def test_iso_widget_opens_with_four_of_eight_shared():
    w = widgets.iso_distance_explorer(lang="en")
    try:
        assert (w.numbers["shared"], w.numbers["k"]) == (4, 8)
        assert w.numbers["rho"] == pytest.approx(0.86, abs=0.005)
    finally:
        w.close()


# ------------------------------------------------------------------------ the notebooks themselves
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_notebook_conventions(lang):
    path = course.root() / "lectures" / lang / "01-distances.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "code"]
    assert "fsgeom.env_check()" in code[0] and "SEED" in code[0]
    checked = [c for c in nb["cells"] if c["cell_type"] == "code"
               and "nbval-check-output" in c.get("metadata", {}).get("tags", [])]
    assert len(checked) >= 17                                   # the cells whose numbers the prose quotes
    assert not [c for c in code if "NBVAL_" in c], "use the nbval-check-output tag, not a comment students see"
    for c in nb["cells"]:                                 # committed executed, without errors
        if c["cell_type"] == "code":
            assert c.get("execution_count") is not None
            assert not [o for o in c.get("outputs", []) if o["output_type"] == "error"]
    link = f"../../exercises/{lang}/01-distances/01-distances.ipynb"
    assert link in "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert (path.parent / link).resolve().exists()


# ------------------------------------------------------------------------ second edition: new quoted numbers
def test_the_first_printed_client_is_a_flipped_label():
    clients = data.age_income(n=300, seed=SEED)
    age, income = clients.X[0]
    score = (age - 18) / 72 + (income - 1_000) / 99_000
    assert round(score, 2) == 1.53 and score >= 0.75 and clients.y[0] == 1      # rule: low risk; label: high
    for (a, i), y in zip(clients.X[1:3], clients.y[1:3]):                        # the other two follow the rule
        assert ((a - 18) / 72 + (i - 1_000) / 99_000 < 0.75) == bool(y)


def test_scalers_differ_by_noise_over_ten_data_sets():
    acc = {s: [] for s in ("minmax", "zscore", "robust", "k$")}
    for seed in range(10):
        Xtr, Xte, ytr, yte = data.age_income_split(seed=seed)
        for s in ("minmax", "zscore", "robust"):
            acc[s].append(metrics.accuracy(yte, metrics.scaled_knn_predict(Xtr, ytr, Xte, k=K, scaler=s)))
        A, B = data.income_in_units(Xtr, "k$"), data.income_in_units(Xte, "k$")
        acc["k$"].append(metrics.accuracy(yte, metrics.scaled_knn_predict(A, ytr, B, k=K)))
    means = {s: round(float(np.mean(v)), 3) for s, v in acc.items()}
    assert means == {"minmax": 0.934, "zscore": 0.932, "robust": 0.933, "k$": 0.936}
    diff = np.array(acc["minmax"]) - np.array(acc["zscore"])
    assert (diff > 0).sum() == 2 and (diff < 0).sum() == 0
    assert np.allclose(diff[diff > 0], 1 / 90)                                  # one test client each time
    assert round(1 / 90, 3) == 0.011


def test_raw_wine_pca_is_one_feature_and_standardized_is_not():
    from fsgeom.data import load_wine
    wine = load_wine()
    Xc = wine.X - wine.X.mean(axis=0)
    _, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    top = int(np.argmax(np.abs(Vt[0])))
    assert wine.feature_names[top] == "proline" and round(abs(Vt[0, top]), 4) == 0.9998
    assert round(s[0] ** 2 / np.sum(s ** 2), 3) == 0.998
    sd = wine.X.std(axis=0)
    assert round(sd[top], 1) == 314.0 and round(sd[top] / np.sort(sd)[-2]) == 22
    _, s2, Vt2 = np.linalg.svd(Xc / sd, full_matrices=False)
    assert round(s2[0] ** 2 / np.sum(s2 ** 2), 3) == 0.362
    names = [wine.feature_names[j] for j in np.argsort(-np.abs(Vt2[0]))[:3]]
    assert names == ["flavanoids", "total_phenols", "od280/od315_of_diluted_wines"]
    assert np.abs(Vt2[0]).max() < 0.5                                           # no single feature dominates
    # the same numbers through scikit-learn (the "real tool")
    from sklearn.decomposition import PCA
    from sklearn.preprocessing import StandardScaler
    assert abs(PCA(1).fit(wine.X).explained_variance_ratio_[0] - s[0] ** 2 / np.sum(s ** 2)) < 1e-12
    assert abs(PCA(1).fit(StandardScaler().fit_transform(wine.X)).explained_variance_ratio_[0]
               - s2[0] ** 2 / np.sum(s2 ** 2)) < 1e-12
