# The code cells of the 07-two-tower lecture, in order (name, source, tags).  Imported by cells_m07.py.
CODE = {}

CODE["setup"] = r"""
%matplotlib inline
import numpy as np
import fsgeom
from fsgeom.modules.m07_two_tower import data, maths, plots, widgets  # this module's data, formulas, figures, widgets
from fsgeom.modules.m07_two_tower.texts import T  # printed labels, in the notebook's language
from sklearn.preprocessing import MinMaxScaler, normalize
from scipy import stats
from threadpoolctl import threadpool_limits

threadpool_limits(1)  # many small matrix products: one BLAS thread is fastest (and steady on a shared machine)
fsgeom.env_check()
SEED = 0  # the data, the split, every initialization and shuffle below are seeded
"""

CODE["data"] = r"""
P = data.prepared(SEED)  # ratings, per-user split, features from the training ratings, standardized rows
r = P["r"]
train, val, test = P["train"], P["val"], P["test"]
users, items, stars = r.user, r.item, r.rating
Xu, Xm = P["Xu"], P["Xm"]
per_user = np.bincount(users, minlength=r.n_users)
per_item = np.bincount(items, minlength=r.n_items)
print(T("data_shape", n=stars.size, n_users=r.n_users, n_items=r.n_items, lo=stars.min(), hi=stars.max(), mean=stars.mean()))
print(T("data_counts", u_min=per_user.min(), u_med=np.median(per_user), u_max=per_user.max(),
        i_min=per_item.min(), i_med=np.median(per_item), i_max=per_item.max()))
print(T("data_split", n_train=train.sum(), n_val=val.sum(), n_test=test.sum()))
print(T("data_features", du=Xu.shape[1], dm=Xm.shape[1]))
"""

CODE["fd_l2"] = r"""
rng = np.random.default_rng(SEED)
V = rng.normal(size=(6, 16))   # six tower outputs v, d = 16
G = rng.normal(size=(6, 16))   # an upstream gradient dL/du
back = maths.l2_normalize_backward(V, G)
h = 1e-6
fd = np.zeros_like(V)
for i in range(V.shape[0]):
    for j in range(V.shape[1]):
        E = np.zeros_like(V)
        E[i, j] = h
        fd[i, j] = (np.sum(G * maths.l2_normalize(V + E)) - np.sum(G * maths.l2_normalize(V - E))) / (2 * h)
print(T("fd_l2", err=np.abs(back - fd).max(), size=np.abs(back).max(), orth=np.abs(np.sum(back * V, axis=1)).max()))
"""

CODE["fd_model"] = r"""
batch = np.flatnonzero(train)[:64]
y_batch = maths.minmax_transform(stars[batch], P["target_stats"])
for normalize_ in (True, False):
    model = maths.TwoTower(Xu.shape[1], Xm.shape[1], normalize=normalize_, seed=SEED)
    loss, grads = model.loss_and_grads(Xu[users[batch]], Xm[items[batch]], y_batch)
    worst = 0.0
    for tower, name in ((model.user, "user"), (model.item, "item")):
        for key in ("W1", "b1", "W2", "b2"):
            for idx in list(np.ndindex(tower[key].shape))[:20]:
                old = tower[key][idx]
                tower[key][idx] = old + h
                up = model.loss_and_grads(Xu[users[batch]], Xm[items[batch]], y_batch)[0]
                tower[key][idx] = old - h
                down = model.loss_and_grads(Xu[users[batch]], Xm[items[batch]], y_batch)[0]
                tower[key][idx] = old
                worst = max(worst, abs((up - down) / (2 * h) - grads[name][key][idx]))
    print(T("fd_model", kind=T("norm_on" if normalize_ else "norm_off"), loss=loss, err=worst))
"""

CODE["range"] = r"""
lo, hi = P["target_stats"]  # min and max of the TRAINING stars
y_scaled = maths.minmax_transform(stars, (lo, hi))
print(T("target_stats", lo=lo, hi=hi, lo_all=stars.min(), hi_all=stars.max()))
print(T("scaled_map", pairs=", ".join(f"{s:g} → {z:+.2f}" for s, z in zip(data.STARS, maths.minmax_transform(data.STARS, (lo, hi))))))
print(T("scaled_mean", mean=y_scaled[train].mean(), share=np.mean(y_scaled[train] > 0)))
floor = np.sqrt(np.mean((stars[test] - 1.0) ** 2))
print(T("floor", floor=floor, above=np.mean(stars[test] > 1.0)))
"""

CODE["helpers"] = r"""
def to_stars_scaled(pred):
    # the model's output on the scaled target -> stars: inverse min-max, then clipped to [0.5, 5]
    return np.clip(maths.minmax_inverse(pred, (lo, hi)), 0.5, 5.0)


def to_stars_raw(pred):
    return np.clip(pred, 0.5, 5.0)


def rmse(pred, true):
    return float(np.sqrt(np.mean((pred - true) ** 2)))


RUNS = {}  # (normalize, scaled, lr, seed, learnable_scale) -> (model, history, test RMSE in stars or nan)


def train_run(normalize, scaled, lr, seed, learnable_scale=False):
    key = (normalize, scaled, lr, seed, learnable_scale)
    if key not in RUNS:
        target, back = (y_scaled, to_stars_scaled) if scaled else (stars, to_stars_raw)
        model, hist = maths.fit(Xu, Xm, users[train], items[train], target[train], normalize=normalize,
                                learnable_scale=learnable_scale, lr=lr, seed=seed,
                                val=(users[val], items[val], stars[val]), to_stars_fn=back)
        test_rmse = np.nan if hist["diverged"] else rmse(back(model.predict(Xu[users[test]], Xm[items[test]])), stars[test])
        RUNS[key] = (model, hist, test_rmse)
    return RUNS[key]
"""

CODE["floor_run"] = r"""
for scaled in (True, False):
    model, hist, test_rmse = train_run(True, scaled, 1.0, SEED)
    raw_pred = model.predict(Xu[users[test]], Xm[items[test]])
    print(T("floor_run", target=T("target_scaled" if scaled else "target_raw"), rmse=test_rmse,
            pmin=raw_pred.min(), pmax=raw_pred.max()))
"""

CODE["ablation"] = r"""
LRS, SEEDS = (0.01, 0.1, 1.0), (0, 1)
CONFIGS = [(True, True), (True, False), (False, True), (False, False)]  # (L2-normalize, min-max scale the target)
table = {}
for normalize_, scaled in CONFIGS:
    table[normalize_, scaled] = []
    for lr in LRS:
        cells = []
        for seed in SEEDS:
            _, hist, test_rmse = train_run(normalize_, scaled, lr, seed)
            table[normalize_, scaled].append(test_rmse)
            cells.append(f"{test_rmse:.3f}" if hist["diverged"] is False else
                         T("diverged", epoch=int(np.sum(np.isfinite(hist["train_loss"]))) + 1))
        print(T("abl_row", cfg=T(f"cfg_{int(normalize_)}{int(scaled)}"), lr=lr, runs=" | ".join(cells)))
n_div = {cfg: int(np.sum(np.isnan(v))) for cfg, v in table.items()}
print(T("abl_div", nn=n_div[True, True], nr=n_div[True, False], rn=n_div[False, True], rr=n_div[False, False],
        total=len(LRS) * len(SEEDS)))
"""

CODE["baselines"] = r"""
global_mean = stars[train].mean()
item_mean = P["features"].item[:, 1]  # the item's average training rating (the global mean if it has none)
print(T("baselines", glob=rmse(np.full(test.sum(), global_mean), stars[test]), item=rmse(item_mean[items[test]], stars[test]),
        best=np.nanmin(table[True, True])))
"""

CODE["curves"] = r"""
# plotting only
curves = [(T("curve", cfg=T(f"cfg_{int(n_)}{int(s_)}"), lr=0.01), train_run(n_, s_, 0.01, SEED)[1]) for n_, s_ in CONFIGS]
curves += [(T("curve", cfg=T("cfg_11"), lr=lr), train_run(True, True, lr, SEED)[1]) for lr in (0.1, 1.0)]
plots.curves_figure(curves, title=T("curves_title"))
"""

CODE["ablation_fig"] = r"""
# plotting only
plots.ablation_figure(table, lrs=LRS, seeds=SEEDS)
"""

CODE["learnable"] = r"""
for scaled in (True, False):
    for lr in (0.1, 1.0):
        m, h, t = train_run(True, scaled, lr, SEED, learnable_scale=True)
        result = (T("learn_ok", rmse=t, s=m.s, b=m.b) if not h["diverged"] else
                  T("diverged", epoch=int(np.sum(np.isfinite(h["train_loss"]))) + 1))
        print(T("learn_row", target=T("target_scaled" if scaled else "target_raw"), lr=lr, runs=result))
"""

CODE["learn_loss"] = r"""
_, hist, _ = train_run(True, True, 1.0, SEED, learnable_scale=True)
print(T("learn_loss", losses=", ".join(f"{x:.3g}" for x in hist["train_loss"] if np.isfinite(x))))
"""

CODE["training_lab"] = r"""
widgets.training_lab(normalize=True, scale_target=True, lr=0.1, seed=SEED)
"""

CODE["norms"] = r"""
model, _, _ = train_run(False, True, 0.01, SEED)  # no normalization, scaled target: the dot product is the prediction
vu = maths.tower_forward(model.user, Xu)[0]
vm = maths.tower_forward(model.item, Xm)[0]
len_u, len_m = np.linalg.norm(vu, axis=1), np.linalg.norm(vm, axis=1)
n_item = np.bincount(items[train], minlength=r.n_items)  # popularity: training ratings per item
n_user = np.bincount(users[train], minlength=r.n_users)  # activity: training ratings per user
print(T("norm_ranges", u_lo=len_u.min(), u_hi=len_u.max(), m_lo=len_m.min(), m_hi=len_m.max()))
print(T("norm_pop", rho=stats.spearmanr(len_m, n_item).statistic, r=np.corrcoef(len_m, n_item)[0, 1]))
print(T("norm_act", rho=stats.spearmanr(len_u, n_user).statistic, r=np.corrcoef(len_u, n_user)[0, 1]))
print(T("norm_avg", rho=stats.spearmanr(len_m, item_mean).statistic))
print(T("norm_genres", rho=stats.spearmanr(len_m, r.genres.sum(axis=1)).statistic))
dots = vu @ vm.T
print(T("score_norm", r=np.corrcoef(dots.ravel(), np.tile(len_m, r.n_users))[0, 1],
        rho=stats.spearmanr(dots.mean(axis=0), len_m).statistic))
"""

CODE["top5"] = r"""
cosines = maths.l2_normalize(vu) @ maths.l2_normalize(vm).T
seen = np.zeros((r.n_users, r.n_items), bool)
seen[users[train], items[train]] = True  # recommend only items the user has not rated in train


def top5(scores):
    # per user, the 5 items with the largest score among those not rated in train (rated ones sort last)
    return np.argsort(np.where(seen, np.inf, -scores), axis=1, kind="stable")[:, :5]


top_dot, top_cos = top5(dots), top5(cosines)
overlap = np.array([np.intersect1d(a, b).size for a, b in zip(top_dot, top_cos)])
print(T("top5_overlap", mean=overlap.mean(), hist=", ".join(f"{k}: {c}" for k, c in enumerate(np.bincount(overlap, minlength=6)))))
print(T("top5_props", len_dot=len_m[top_dot].mean(), len_cos=len_m[top_cos].mean(), len_all=len_m.mean(),
        n_dot=n_item[top_dot].mean(), n_cos=n_item[top_cos].mean(), n_all=n_item.mean()))
print(T("top5_spread", k_dot=np.unique(top_dot).size, k_cos=np.unique(top_cos).size,
        max_dot=np.bincount(top_dot.ravel()).max(), max_cos=np.bincount(top_cos.ravel()).max()))
for u in (0, 1, 2):
    print(T("top5_user", u=u, dot=" ".join(map(str, top_dot[u])), cos=" ".join(map(str, top_cos[u])), k=overlap[u]))
"""

CODE["top5_truth"] = r"""
truth = data.expected_stars(r)  # (users, items): the latent model's rating without noise; synthetic data know it
model_n, _, _ = train_run(True, True, 1.0, SEED)  # the model trained WITH normalization (section 3's best run)
top_norm = top5(maths.l2_normalize(maths.tower_forward(model_n.user, Xu)[0])
                @ maths.l2_normalize(maths.tower_forward(model_n.item, Xm)[0]).T)
best = np.sort(np.where(seen, -np.inf, truth), axis=1)[:, -5:]  # the 5 unrated items the user would like most
print(T("top5_truth", dot=np.take_along_axis(truth, top_dot, 1).mean(), cos=np.take_along_axis(truth, top_cos, 1).mean(),
        norm=np.take_along_axis(truth, top_norm, 1).mean(), best=best.mean(), all=truth[~seen].mean()))
"""

CODE["on_the_sphere"] = r"""
widgets.on_the_sphere(user=0)
"""

CODE["tool_minmax"] = r"""
scaler = MinMaxScaler(feature_range=(-1, 1)).fit(stars[train].reshape(-1, 1))  # fitted on train only
z = np.linspace(-1.5, 1.5, 31)  # predictions, also outside [-1, 1]
print(T("tool_minmax", lo=scaler.data_min_[0], hi=scaler.data_max_[0],
        fwd=np.abs(scaler.transform(stars.reshape(-1, 1)).ravel() - y_scaled).max(),
        inv=np.abs(scaler.inverse_transform(z.reshape(-1, 1)).ravel() - maths.minmax_inverse(z, (lo, hi))).max()))
"""

CODE["tool_l2"] = r"""
def tf_l2_normalize(x, axis=-1, epsilon=1e-12):
    # TensorFlow's documented formula for tf.math.l2_normalize, written in numpy
    return x / np.sqrt(np.maximum(np.sum(x ** 2, axis=axis, keepdims=True), epsilon))


W = np.vstack([rng.normal(size=(5, 16)), np.zeros(16)])  # five rows and a zero row
tiny = np.array([[3e-7, 4e-7]])  # squared length 2.5e-13 < 1e-12
print(T("tool_normalize", d=np.abs(normalize(W) - maths.l2_normalize(W)).max(), zero=np.abs(maths.l2_normalize(W)[-1]).max()))
print(T("tool_tf", d=np.abs(tf_l2_normalize(W, axis=1) - maths.l2_normalize(W)).max(),
        d_tiny=np.abs(tf_l2_normalize(tiny, axis=1) - maths.l2_normalize(tiny)).max(),
        tf_len=np.linalg.norm(tf_l2_normalize(tiny, axis=1)), sk_len=np.linalg.norm(normalize(tiny))))
"""

CODE["replies"] = r"""
m_on, _, _ = train_run(True, True, 0.1, SEED)
m_off, _, _ = train_run(False, True, 0.01, SEED)
n_params = [sum(p.size for tower in (m.user, m.item) for p in tower.values()) for m in (m_on, m_off)]
print(T("reply_memory", on=n_params[0], off=n_params[1], extra=2 * 256 * 16))
pred_on = m_on.predict(Xu[users[test]], Xm[items[test]])
pred_off = m_off.predict(Xu[users[test]], Xm[items[test]])
print(T("reply_continuous", levels=np.unique(y_scaled).size, distinct=np.unique(pred_on).size, n=test.sum()))
print(T("reply_bounds", on_lo=pred_on.min(), on_hi=pred_on.max(), off_lo=pred_off.min(), off_hi=pred_off.max(),
        out=np.mean(np.abs(pred_off) > 1), lo_star=maths.minmax_inverse(pred_off.min(), (lo, hi)),
        hi_star=maths.minmax_inverse(pred_off.max(), (lo, hi))))
"""

CODE["floor_fig"] = r"""
# plotting only
model, _, _ = train_run(True, False, 1.0, SEED)
plots.pred_vs_true_figure(stars[test], to_stars_raw(model.predict(Xu[users[test]], Xm[items[test]])))
"""
