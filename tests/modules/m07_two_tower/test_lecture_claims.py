"""The claims the 07-two-tower lecture notebook makes in its prose, recomputed (no notebook run).

nbval (lax mode) compares the printed numbers of the notebook's cells tagged "nbval-check-output" with the stored
outputs; these tests assert the numbers and the relations the prose draws from them ("the gradient through L2
normalization is orthogonal to v", "a cosine cannot exceed 1 star: floor 2.566, measured 2.567", "without
normalization 4 of 6 runs diverge, with it 0", "normalized + scaled 0.786 against the baselines 0.939 and 0.845",
"s·cos θ + b reaches stars (0.804) but diverges at η = 1.0", "vector lengths do not track popularity (−0.113)",
"top 5 by dot product and by cosine share 0.975 of 5 and
are equally good by the latent truth, 3.78 / 3.76 stars; the model trained normalized 4.14", "TensorFlow's ε leaves a tiny vector at length 0.500"),
computed independently where possible (numpy, SciPy, scikit-learn, TensorFlow's documented formula) so that a change
of data or code that would make the text wrong fails here. The last test checks that the uk and en editions quote the
same numbers.
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
from fsgeom.modules.m07_two_tower import data, maths

SEED = 0
LRS, SEEDS = (0.01, 0.1, 1.0), (0, 1)


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    with threadpool_limits(1):
        yield


@pytest.fixture(scope="module")
def P():
    return data.prepared(SEED)


def to_stars(pred, scaled, st):
    return np.clip(maths.minmax_inverse(pred, st), 0.5, 5.0) if scaled else np.clip(pred, 0.5, 5.0)


def run(P, normalize, scaled, lr, seed, learnable_scale=False):
    r, tr, te, st = P["r"], P["train"], P["test"], P["target_stats"]
    target = maths.minmax_transform(r.rating, st) if scaled else r.rating
    model, hist = maths.fit(P["Xu"], P["Xm"], r.user[tr], r.item[tr], target[tr], normalize=normalize,
                            learnable_scale=learnable_scale, lr=lr, seed=seed)
    if hist["diverged"]:
        return model, hist, np.nan
    pred = to_stars(model.predict(P["Xu"][r.user[te]], P["Xm"][r.item[te]]), scaled, st)
    return model, hist, float(np.sqrt(np.mean((pred - r.rating[te]) ** 2)))


@pytest.fixture(scope="module")
def ablation(P):
    return {(n, s, lr, seed): run(P, n, s, lr, seed) for n in (True, False) for s in (True, False)
            for lr in LRS for seed in SEEDS}


def diverged_epoch(hist):
    return int(np.sum(np.isfinite(hist["train_loss"]))) + 1


# ------------------------------------------------------------------------ 0. data
def test_data_as_quoted(P):
    r = P["r"]
    assert (r.rating.size, r.n_users, r.n_items) == (12468, 600, 400)
    assert round(r.rating.mean(), 3) == 3.372
    pu, pi = np.bincount(r.user, minlength=600), np.bincount(r.item, minlength=400)
    assert (pu.min(), np.median(pu), pu.max()) == (5, 15, 172)
    assert (pi.min(), np.median(pi), pi.max()) == (0, 19, 238)
    assert (P["train"].sum(), P["val"].sum(), P["test"].sum()) == (8755, 1226, 2487)
    assert P["Xu"].shape[1] == P["Xm"].shape[1] == 14


# ------------------------------------------------------------------------ 1. the model
def test_l2_backward_against_finite_differences():
    rng = np.random.default_rng(SEED)
    V, G = rng.normal(size=(6, 16)), rng.normal(size=(6, 16))
    back = maths.l2_normalize_backward(V, G)
    # independent: the Jacobian (I - nn^T)/|v| row by row
    for v, g, b in zip(V, G, back):
        n = v / np.linalg.norm(v)
        assert np.allclose((np.eye(16) - np.outer(n, n)) @ g / np.linalg.norm(v), b, atol=1e-15)
    h = 1e-6
    fd = np.zeros_like(V)
    for i in range(6):
        for j in range(16):
            E = np.zeros_like(V)
            E[i, j] = h
            fd[i, j] = (np.sum(G * maths.l2_normalize(V + E)) - np.sum(G * maths.l2_normalize(V - E))) / (2 * h)
    err, orth = np.abs(back - fd).max(), np.abs(np.sum(back * V, axis=1)).max()
    assert f"{err:.1e}" == "5.9e-10" and round(np.abs(back).max(), 2) == 0.60
    assert orth < 1e-15 and f"{orth:.1e}" == "1.7e-16"


def test_model_gradients_and_initial_loss(P):
    r, tr = P["r"], P["train"]
    batch = np.flatnonzero(tr)[:64]
    y = maths.minmax_transform(r.rating[batch], P["target_stats"])
    Xu, Xm = P["Xu"][r.user[batch]], P["Xm"][r.item[batch]]
    got = {}
    for normalize in (True, False):
        model = maths.TwoTower(14, 14, normalize=normalize, seed=SEED)
        loss, grads = model.loss_and_grads(Xu, Xm, y)
        worst, h = 0.0, 1e-6
        for tower, name in ((model.user, "user"), (model.item, "item")):
            for key in ("W1", "b1", "W2", "b2"):
                for idx in list(np.ndindex(tower[key].shape))[:20]:
                    old = tower[key][idx]
                    tower[key][idx] = old + h
                    up = model.loss_and_grads(Xu, Xm, y)[0]
                    tower[key][idx] = old - h
                    down = model.loss_and_grads(Xu, Xm, y)[0]
                    tower[key][idx] = old
                    worst = max(worst, abs((up - down) / (2 * h) - grads[name][key][idx]))
        got[normalize] = (round(loss, 4), f"{worst:.1e}")
    assert got == {True: (0.2664, "4.9e-11"), False: (10.7891, "2.1e-09")}
    assert round(10.7891 / 0.2664) == 40


# ------------------------------------------------------------------------ 2. range matching
def test_scaling_and_floor(P):
    r, tr, te = P["r"], P["train"], P["test"]
    assert P["target_stats"] == (0.5, 5.0) == (r.rating.min(), r.rating.max())
    ys = maths.minmax_transform(r.rating, P["target_stats"])
    assert np.allclose(maths.minmax_transform(data.STARS, (0.5, 5.0)), np.linspace(-1, 1, 10))
    assert (round(ys[tr].mean(), 3), round(np.mean(ys[tr] > 0), 3)) == (0.274, 0.736)
    stars = r.rating[te]
    floor = np.sqrt(np.mean((stars - 1.0) ** 2))
    assert round(floor, 3) == 2.566 and round(np.mean(stars > 1.0), 3) == 0.985
    # the floor is a floor: no prediction <= 1 does better (ratings below 1 are 0.5 stars: predicting 1 costs 0.5)
    best = np.sqrt(np.mean((stars - np.minimum(stars, 1.0)) ** 2))
    assert best <= floor and round(best, 3) == 2.566
    assert round(100 * np.mean(stars <= 1.0), 1) == 1.5
    assert floor > 0.939                                          # worse than the global mean


def test_floor_runs(P, ablation):
    r, te = P["r"], P["test"]
    got = {}
    for scaled in (True, False):
        model, _, rmse = ablation[True, scaled, 1.0, 0]
        pred = model.predict(P["Xu"][r.user[te]], P["Xm"][r.item[te]])
        got[scaled] = (round(rmse, 3), round(pred.min(), 3), round(pred.max(), 3))
    assert got[True] == (0.786, -0.716, 0.879)
    assert got[False] == (2.567, 0.997, 1.0)


# ------------------------------------------------------------------------ 3. the ablation
def test_ablation_table(ablation):
    rm = {k: (round(v[2], 3) if np.isfinite(v[2]) else None) for k, v in ablation.items()}
    def row(n, s, lr):
        return [rm[n, s, lr, seed] for seed in SEEDS]
    assert row(True, True, 0.01) == [0.910, 0.923] and row(True, True, 0.1) == [0.806, 0.814]
    assert row(True, True, 1.0) == [0.786, 0.801]
    assert row(True, False, 0.01) == [2.606, 2.608] and row(True, False, 0.1) == [2.571, 2.571]
    assert row(True, False, 1.0) == [2.567, 2.567]
    assert row(False, True, 0.01) == [1.004, 1.050] and row(False, False, 0.01) == [0.877, 0.935]
    for s in (True, False):
        for lr in (0.1, 1.0):
            for seed in SEEDS:
                _, hist, rmse = ablation[False, s, lr, seed]
                assert hist["diverged"] and np.isnan(rmse) and diverged_epoch(hist) == 1
    n_div = {(n, s): sum(ablation[n, s, lr, seed][1]["diverged"] for lr in LRS for seed in SEEDS)
             for n in (True, False) for s in (True, False)}
    assert n_div == {(True, True): 0, (True, False): 0, (False, True): 4, (False, False): 4}
    assert n_div[True, True] + n_div[True, False] == 0 and n_div[False, True] + n_div[False, False] == 8  # "0 of 12", "8 of 12"
    best = np.nanmin([v[2] for v in ablation.values()])
    assert round(best, 3) == 0.786 and best == ablation[True, True, 1.0, 0][2]
    # the best model without normalization
    assert round(np.nanmin([v[2] for k, v in ablation.items() if not k[0]]), 3) == 0.877


def test_baselines(P):
    r, tr, te = P["r"], P["train"], P["test"]
    y = r.rating
    glob = np.sqrt(np.mean((y[tr].mean() - y[te]) ** 2))
    cnt = np.bincount(r.item[tr], minlength=r.n_items)
    tot = np.bincount(r.item[tr], weights=y[tr], minlength=r.n_items)
    item_mean = np.where(cnt > 0, tot / np.maximum(cnt, 1), y[tr].mean())
    assert np.allclose(item_mean, P["features"].item[:, 1])
    item = np.sqrt(np.mean((item_mean[r.item[te]] - y[te]) ** 2))
    assert (round(glob, 3), round(item, 3)) == (0.939, 0.845)
    assert 1.004 > glob > 0.877 > item > 0.786                     # the comparisons the prose draws


def test_learnable_scale(P):
    got = {}
    for scaled in (True, False):
        for lr in (0.1, 1.0):
            m, h, rmse = run(P, True, scaled, lr, SEED, learnable_scale=True)
            got[scaled, lr] = ((round(rmse, 3), round(m.s, 2), round(m.b, 2)) if not h["diverged"]
                               else ("diverged", diverged_epoch(h)))
            if scaled and lr == 1.0:
                losses = [f"{x:.3g}" for x in h["train_loss"] if np.isfinite(x)]
                assert losses == ["2.52", "4.42", "6.3", "7.7", "8.26", "11.9", "9.92e+09"]
    assert got[True, 0.1] == (0.808, 0.97, 0.20) and got[False, 0.1] == (0.804, 2.67, 2.70)
    assert got[True, 1.0] == ("diverged", 8) and got[False, 1.0] == ("diverged", 1)


# ------------------------------------------------------------------------ 4. what normalization removes
def test_lengths_and_top5(P, ablation):
    r, tr = P["r"], P["train"]
    model = ablation[False, True, 0.01, 0][0]
    vu = maths.tower_forward(model.user, P["Xu"])[0]
    vm = maths.tower_forward(model.item, P["Xm"])[0]
    lu, lm = np.linalg.norm(vu, axis=1), np.linalg.norm(vm, axis=1)
    assert (round(lu.min(), 2), round(lu.max(), 2), round(lm.min(), 2), round(lm.max(), 2)) == (0.54, 5.35, 0.79, 4.21)
    n_item = np.bincount(r.item[tr], minlength=r.n_items)
    n_user = np.bincount(r.user[tr], minlength=r.n_users)
    assert round(stats.spearmanr(lm, n_item).statistic, 3) == -0.113
    assert round(stats.pearsonr(lm, n_item).statistic, 3) == -0.127
    assert round(stats.spearmanr(lu, n_user).statistic, 3) == -0.088
    assert round(stats.spearmanr(lm, P["features"].item[:, 1]).statistic, 3) == 0.090
    # what the length tracks instead: the number of genres, through the standardized genre columns
    assert round(stats.spearmanr(lm, r.genres.sum(axis=1)).statistic, 3) == 0.538
    G = P["Xm"][:, -len(data.GENRES):]                                # the standardized genre one-hot columns
    assert np.array_equal(G > 0, r.genres > 0)
    assert round(stats.spearmanr(np.linalg.norm(P["Xm"], axis=1), r.genres.sum(axis=1)).statistic, 3) == 0.915  # guide
    assert (round(G[G > 0].min(), 2), round(G.max(), 2), round(G.min(), 2), round(G[G < 0].max(), 2)) == (1.95, 2.53, -0.51, -0.40)
    dots = vu @ vm.T
    assert round(stats.pearsonr(dots.ravel(), np.tile(lm, r.n_users)).statistic, 3) == 0.101
    assert round(stats.spearmanr(dots.mean(axis=0), lm).statistic, 3) == 0.236
    # the cosine of the same vectors: dot / (|vu| |vm|), by hand
    cosines = dots / np.outer(lu, lm)
    seen = np.zeros((r.n_users, r.n_items), bool)
    seen[r.user[tr], r.item[tr]] = True
    # rated-in-train items are never recommended: they sort last (+inf); ties by index
    top_dot = np.argsort(np.where(seen, np.inf, -dots), axis=1, kind="stable")[:, :5]
    top_cos = np.argsort(np.where(seen, np.inf, -cosines), axis=1, kind="stable")[:, :5]
    assert not np.take_along_axis(seen, top_dot, 1).any() and not np.take_along_axis(seen, top_cos, 1).any()
    overlap = np.array([len(set(a) & set(b)) for a, b in zip(top_dot, top_cos)])
    assert overlap.mean() == 0.975                                    # "fewer than one of 5 in common"
    counts = np.bincount(overlap, minlength=6)
    assert counts.tolist() == [234, 196, 127, 37, 6, 0]
    assert (round(lm[top_dot].mean(), 2), round(lm[top_cos].mean(), 2), round(lm.mean(), 2)) == (3.09, 1.59, 2.11)
    assert (round(n_item[top_dot].mean(), 1), round(n_item[top_cos].mean(), 1), round(n_item.mean(), 1)) == (13.6, 24.2, 21.9)
    # hubs: fewer distinct items in the dot product's lists, one item in 219 of 600 lists
    assert (np.unique(top_dot).size, np.unique(top_cos).size) == (162, 249)
    assert (np.bincount(top_dot.ravel()).max(), np.bincount(top_cos.ravel()).max()) == (219, 153)
    # the latent truth, from the generating formula written out here (not data.expected_stars)
    aff = (r.taste[:, None, :] * r.genres[None, :, :]).sum(axis=2) / np.sqrt(r.genres.sum(axis=1))[None, :]
    truth = np.clip(3.4 + r.offset[:, None] + r.quality[None, :] + 0.55 * aff, 0.5, 5.0)
    np.testing.assert_allclose(data.expected_stars(r), truth, rtol=1e-12)
    normed = ablation[True, True, 1.0, 0][0]
    a = maths.tower_forward(normed.user, P["Xu"])[0]
    b = maths.tower_forward(normed.item, P["Xm"])[0]
    c = (a @ b.T) / np.outer(np.linalg.norm(a, axis=1), np.linalg.norm(b, axis=1))
    top_norm = np.argsort(np.where(seen, np.inf, -c), axis=1, kind="stable")[:, :5]
    worth = [round(float(np.take_along_axis(truth, t, 1).mean()), 2) for t in (top_dot, top_cos, top_norm)]
    assert worth == [3.78, 3.76, 4.14]                                  # equal lists' worth; the normalized model's better
    best = np.sort(np.where(seen, -np.inf, truth), axis=1)[:, -5:]
    assert (round(best.mean(), 2), round(truth[~seen].mean(), 2)) == (4.86, 3.42)


# ------------------------------------------------------------------------ 5. the real tool
def test_tools_agree(P):
    from sklearn.preprocessing import MinMaxScaler, normalize
    r, tr, st = P["r"], P["train"], P["target_stats"]
    sc = MinMaxScaler(feature_range=(-1, 1)).fit(r.rating[tr].reshape(-1, 1))
    assert (sc.data_min_[0], sc.data_max_[0]) == (0.5, 5.0)
    fwd = np.abs(sc.transform(r.rating.reshape(-1, 1)).ravel() - maths.minmax_transform(r.rating, st)).max()
    z = np.linspace(-1.5, 1.5, 31)
    inv = np.abs(sc.inverse_transform(z.reshape(-1, 1)).ravel() - maths.minmax_inverse(z, st)).max()
    assert f"{fwd:.1e}" == "2.2e-16" and f"{inv:.1e}" == "8.9e-16"
    rng = np.random.default_rng(SEED)
    rng.normal(size=(6, 16))
    rng.normal(size=(6, 16))                                      # the notebook's rng has drawn V and G first
    W = np.vstack([rng.normal(size=(5, 16)), np.zeros(16)])
    assert f"{np.abs(normalize(W) - maths.l2_normalize(W)).max():.1e}" == "5.6e-17"
    assert np.all(maths.l2_normalize(W)[-1] == 0)

    def tf_l2_normalize(x, axis=-1, epsilon=1e-12):               # TensorFlow's documented formula
        return x / np.sqrt(np.maximum(np.sum(x ** 2, axis=axis, keepdims=True), epsilon))
    tiny = np.array([[3e-7, 4e-7]])
    assert np.abs(tf_l2_normalize(W, axis=1) - maths.l2_normalize(W)).max() == 0
    assert np.abs(tf_l2_normalize(tiny, axis=1) - maths.l2_normalize(tiny)).max() == 0
    assert round(np.linalg.norm(tf_l2_normalize(tiny, axis=1)), 3) == 0.5
    assert round(np.linalg.norm(normalize(tiny)), 3) == 1.0


# ------------------------------------------------------------------------ 6. the replies
def test_replies(P, ablation):
    r, te, st = P["r"], P["test"], P["target_stats"]
    m_on, m_off = ablation[True, True, 0.1, 0][0], ablation[False, True, 0.01, 0][0]
    sizes = [sum(p.size for t in (m.user, m.item) for p in t.values()) for m in (m_on, m_off)]
    assert sizes == [2016, 2016] and 2 * 256 * 16 == 8192
    Xu, Xm = P["Xu"][r.user[te]], P["Xm"][r.item[te]]
    on, off = m_on.predict(Xu, Xm), m_off.predict(Xu, Xm)
    assert np.unique(maths.minmax_transform(r.rating, st)).size == 10
    assert np.unique(on).size == te.sum() == 2487
    assert (round(on.min(), 3), round(on.max(), 3)) == (-0.477, 0.885)
    assert (round(off.min(), 3), round(off.max(), 3)) == (-1.648, 2.308)
    assert round(np.mean(np.abs(off) > 1), 4) == 0.0422
    assert (round(float(maths.minmax_inverse(off.min(), st)), 2), round(float(maths.minmax_inverse(off.max(), st)), 2)) == (-0.96, 7.94)


# ------------------------------------------------------------------------ the two editions
def test_editions_quote_the_same_numbers():
    def numbers(lang):
        path = course.root() / "lectures" / lang / "07-two-tower.ipynb"
        nb = json.loads(path.read_text(encoding="utf-8"))
        text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
        text = re.sub(r"(?<=\d)[  ,](?=\d{3}\b)", "", text)
        return Counter(re.findall(r"−?\d+(?:\.\d+)?", text))
    uk, en = numbers("uk"), numbers("en")
    assert uk == en, f"only in uk: {uk - en}; only in en: {en - uk}"
    for quoted in ("12468", "3.372", "172", "238", "8755", "1226", "2487", "5.9", "0.60", "1.7", "4.9", "2.1",
                   "0.2664", "10.7891", "0.274", "0.736", "2.566", "0.985", "0.786", "−0.716", "0.879", "2.567",
                   "0.997", "0.910", "0.923", "0.806", "0.814", "0.801", "2.606", "1.004", "1.050",
                   "0.877", "0.935", "0.939", "0.845", "0.808", "0.804", "2.67", "2.70", "11.9", "−0.113",
                   "−0.127", "−0.088", "0.090", "0.538", "1.95", "2.53", "−0.51", "−0.40", "0.101", "0.236",
                   "0.975", "234", "3.09", "1.59", "2.11", "13.6", "24.2", "162", "249", "219", "153", "3.78",
                   "3.76", "4.14", "4.86", "3.42", "0.36", "0.79", "4.21", "0.54", "5.35", "2.2", "8.9", "5.6",
                   "0.500", "1.000", "2016",
                   "8192", "−1.648", "2.308", "−0.96", "7.94", "0.0422", "−0.477", "0.885", "1.5"):
        assert uk[quoted] > 0, quoted
