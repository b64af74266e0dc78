import numpy as np, time
from fsgeom.modules.m07_two_tower import data as D, maths as M
r = D.ratings(); tr, va, te = D.split(r); f = D.features(r, tr)
mu_u, sd_u = f.user.mean(0), f.user.std(0); sd_u[sd_u == 0] = 1
mu_m, sd_m = f.item.mean(0), f.item.std(0); sd_m[sd_m == 0] = 1
Xu, Xm = (f.user - mu_u) / sd_u, (f.item - mu_m) / sd_m
stats = M.minmax_fit(r.rating[tr])
def run(normalize, scale_y, lr, seed, epochs=30, learnable=False):
    model = M.TwoTower(Xu.shape[1], Xm.shape[1], normalize=normalize, learnable_scale=learnable, seed=seed)
    y = M.minmax_transform(r.rating, stats) if scale_y else r.rating.copy()
    idx = np.flatnonzero(tr); rng = np.random.default_rng(seed)
    for ep in range(epochs):
        rng.shuffle(idx)
        for i in range(0, idx.size, 128):
            b = idx[i:i+128]
            with np.errstate(all="ignore"):
                loss = model.sgd_step(Xu[r.user[b]], Xm[r.item[b]], y[b], lr)
            if not np.isfinite(loss): return np.nan, True
    with np.errstate(all="ignore"):
        p = model.predict(Xu[r.user[te]], Xm[r.item[te]])
    stars = M.minmax_inverse(p, stats) if scale_y else p
    stars = np.clip(stars, 0.5, 5.0)
    if not np.all(np.isfinite(stars)): return np.nan, True
    return float(np.sqrt(np.mean((stars - r.rating[te])**2))), False
print("baselines: global", np.sqrt(np.mean((r.rating[te]-r.rating[tr].mean())**2)))
im = f.item[:, 1]; print("item mean", np.sqrt(np.mean((im[r.item[te]]-r.rating[te])**2)))
t=time.perf_counter()
for norm in (True, False):
    for sy in (True, False):
        for lr in (0.01, 0.1, 1.0):
            res = [run(norm, sy, lr, s) for s in range(2)]
            print(f"norm={norm!s:5} scale_y={sy!s:5} lr={lr:<5} rmse", [round(x,3) if not d else "div" for x,d in res])
print("learnable s*cos+b, scaled y:", [round(run(True, True, lr, 0, learnable=True)[0],3) for lr in (0.01, 0.1, 1.0)])
print(f"{time.perf_counter()-t:.1f}s")
