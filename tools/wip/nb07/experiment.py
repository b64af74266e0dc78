EXPERIMENT = '''# Experiment for task 9: train the two towers with YOUR functions, three ways (full-batch steps, a few seconds)
from fsgeom.modules.m07_two_tower.data import prepared

P = prepared()
r = P["r"]
users, items, stars = r.user, r.item, r.rating
train, test = P["train"], P["test"]


def init(d_in, seed):                          # He-initialized dense -> ReLU -> dense, 32 hidden units, 16 outputs
    g = np.random.default_rng(seed)
    return {"W1": g.normal(0.0, np.sqrt(2.0 / d_in), (d_in, 32)), "b1": np.zeros(32),
            "W2": g.normal(0.0, np.sqrt(1.0 / 32), (32, 16)), "b2": np.zeros(16)}


def train_towers(y, normalize, lr, steps=20):
    pu, pm = init(P["Xu"].shape[1], 1), init(P["Xm"].shape[1], 2)
    Xu, Xm = P["Xu"][users[train]], P["Xm"][items[train]]
    losses = []
    for _ in range(steps):
        loss, pu, pm = sgd_step(pu, pm, Xu, Xm, y, lr, normalize)
        losses.append(loss)
        if not np.isfinite(loss) or loss > 1e12:
            break
    vu, _ = tower_forward(pu, P["Xu"][users[test]])
    vm, _ = tower_forward(pm, P["Xm"][items[test]])
    return losses, predict(vu, vm, normalize)


with np.errstate(all="ignore"):                 # a diverging run gives inf and nan here, not an error
    z_train, z_test, stats = minmax_scale(stars[train], stars[test])
    rmse = lambda s: float(np.sqrt(np.mean((s - stars[test]) ** 2)))
    _, pred = train_towers(z_train, True, 3.0)                       # cosine, target scaled to [-1, 1]
    print(round(rmse(to_stars(pred, stats)), 3))                        # test RMSE in stars
    _, pred = train_towers(stars[train], True, 3.0)                  # cosine, raw stars as the target
    print(round(rmse(np.clip(pred, 0.5, 5.0)), 3), round(float(np.max(pred)), 3))   # RMSE, largest prediction
    print(round(float(np.sqrt(np.mean((stars[test] - 1.0) ** 2))), 3))  # the floor: predict 1 star everywhere
    for lr in (0.01, 0.1):                                              # dot product, no normalization
        losses, _ = train_towers(z_train, False, lr)
        print(lr, len(losses), float(losses[-1]))                       # fewer than 20 steps: the loss exploded
'''
