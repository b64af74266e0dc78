TESTS = {}
TESTS["minmax_scale"] = '''# Tests for task 1: minmax_scale (3 points)
from fsgeom.modules.m07_two_tower import checks
checks.minmax_scale(minmax_scale)
### BEGIN HIDDEN TESTS
def _hidden():
    import numpy as np
    from sklearn.preprocessing import MinMaxScaler
    from fsgeom.grading import call, expect_raises, hidden_rng
    rng = hidden_rng("minmax_scale")
    for trial in range(6):
        n, m = int(rng.integers(2, 300)), int(rng.integers(2, 100))
        lo = float(rng.choice([-1.0, 0.0, -2.0, 0.5])) if trial else -1.0
        hi = lo + float(rng.uniform(0.5, 4.0))
        if trial % 2 == 0:                       # stars: train inside [1, 4.5], test reaching 0.5 and 5.0
            y_train = np.round(rng.uniform(1.0, 4.5, n) * 2) / 2
            y_train[:2] = [1.0, 4.5]
            y_test = np.round(rng.uniform(0.5, 5.0, m) * 2) / 2
            y_test[:2] = [0.5, 5.0]
        else:                                    # continuous targets; the test set extends beyond both ends
            centre, spread = rng.normal() * 10, 10.0 ** rng.uniform(-1, 2)
            y_train = centre + spread * rng.normal(size=n)
            y_test = centre + spread * 1.5 * rng.normal(size=m)
            y_test[:2] = [y_train.min() - spread * rng.uniform(0.1, 1), y_train.max() + spread * rng.uniform(0.1, 1)]
        if trial == 3:
            y_train, y_test = y_train.astype(np.float32), y_test.astype(np.float32)
        yt, ys = y_train.astype(float), y_test.astype(float)
        scaler = MinMaxScaler(feature_range=(lo, hi)).fit(yt.reshape(-1, 1))
        expected = (scaler.transform(yt.reshape(-1, 1)).ravel(), scaler.transform(ys.reshape(-1, 1)).ravel(),
                    (float(scaler.data_min_[0]), float(scaler.data_max_[0])))
        args = (y_train.tolist(), y_test.tolist()) if trial == 4 else (y_train, y_test)
        checks.judge_scale(call(minmax_scale, *args, lo, hi), yt, ys, lo, hi, expected)
    expect_raises(minmax_scale, np.full(4, y_train[0]), y_test, why=checks.why("constant_target"))
    expect_raises(minmax_scale, y_train[:0], y_test, why=checks.why("empty_target"))
    expect_raises(minmax_scale, y_train, y_test, hi, lo, why=checks.why("bad_range"))
_hidden()
### END HIDDEN TESTS
'''
TESTS["minmax_inverse"] = '''# Tests for task 2: minmax_inverse (2 points)
from fsgeom.modules.m07_two_tower import checks
checks.minmax_inverse(minmax_inverse)
### BEGIN HIDDEN TESTS
def _hidden():
    import numpy as np
    from sklearn.preprocessing import MinMaxScaler
    from fsgeom.grading import call, expect_raises, hidden_rng
    rng = hidden_rng("minmax_inverse")
    for trial in range(5):
        lo = float(rng.uniform(-3.0, 1.0))
        hi = lo + float(10.0 ** rng.uniform(-0.5, 0.8))
        y_fit = rng.normal(size=int(rng.integers(2, 50))) * 10.0 ** rng.uniform(-1, 2) + rng.normal() * 5
        scaler = MinMaxScaler(feature_range=(lo, hi)).fit(y_fit.reshape(-1, 1))
        stats = (float(scaler.data_min_[0]), float(scaler.data_max_[0]))
        z = rng.uniform(lo - 0.5 * (hi - lo), hi + 0.5 * (hi - lo), int(rng.integers(1, 80)))
        expected = scaler.inverse_transform(z.reshape(-1, 1)).ravel()
        args = (z.tolist(), list(stats)) if trial == 4 else (z, stats)
        checks.judge_inverse(call(minmax_inverse, *args, lo, hi), z, stats, lo, hi, expected)
    expect_raises(minmax_inverse, z, stats, hi, lo, why=checks.why("bad_range"))
    expect_raises(minmax_inverse, z, stats[::-1], lo, hi, why=checks.why("bad_stats"))
_hidden()
### END HIDDEN TESTS
'''
TESTS["l2_normalize_rows"] = '''# Tests for task 3: l2_normalize_rows (2 points)
from fsgeom.modules.m07_two_tower import checks
checks.l2_normalize_rows(l2_normalize_rows)
### BEGIN HIDDEN TESTS
def _hidden():
    import numpy as np
    from sklearn.preprocessing import normalize
    from fsgeom.grading import call, expect_raises, hidden_rng
    rng = hidden_rng("l2_normalize_rows")
    for trial in range(5):
        n, d = int(rng.integers(3, 60)), int(rng.integers(2, 20))
        eps = float(rng.choice([1e-12, 1e-8, 1e-4])) if trial else 1e-12
        V = rng.normal(size=(n, d)) * 10.0 ** rng.uniform(-1, 1, size=(n, 1))
        tiny = rng.choice(n, size=2, replace=False)          # rows with ||v||^2 < eps: divided by sqrt(eps)
        V[tiny] *= np.sqrt(eps * rng.uniform(0.05, 0.5, size=(2, 1)) / np.sum(V[tiny] ** 2, axis=1, keepdims=True))
        if trial == 1:
            V[int(rng.integers(n))] = 0.0                     # a zero row stays zero
        sq = np.sum(V ** 2, axis=1, keepdims=True)
        expected = np.where(sq >= eps, normalize(V), V / np.sqrt(eps))
        args = (V.tolist(),) if trial == 4 else (V,)
        checks.judge_l2(call(l2_normalize_rows, *args, eps) if eps != 1e-12 else call(l2_normalize_rows, *args),
                        V, eps, expected)
    expect_raises(l2_normalize_rows, V[0], why=checks.why("not_2d"))
_hidden()
### END HIDDEN TESTS
'''
TESTS["l2_normalize_backward"] = '''# Tests for task 4: l2_normalize_backward (3 points)
from fsgeom.modules.m07_two_tower import checks
checks.l2_normalize_backward(l2_normalize_backward)
### BEGIN HIDDEN TESTS
def _hidden():
    import numpy as np
    from fsgeom.grading import call, expect_raises, hidden_rng
    rng = hidden_rng("l2_normalize_backward")

    def unit(v, eps):                                        # the forward map of one row, written out
        return v / np.sqrt(max(float(np.sum(v * v)), eps))
    for trial in range(4):
        n, d = int(rng.integers(1, 15)), int(rng.integers(2, 9))
        eps = 1e-12 if trial < 2 else float(rng.choice([1e-10, 1e-6]))
        V = rng.normal(size=(n, d)) * 10.0 ** rng.uniform(-1, 1, size=(n, 1))
        G = rng.normal(size=(n, d)) * 10.0 ** rng.uniform(-1, 1)
        if trial == 1:
            V[0] = 0.0                                       # a zero row: the map is v / sqrt(eps) there
        expected = np.zeros((n, d))                          # central finite differences, row by row
        for i in range(n):
            norm = np.sqrt(np.sum(V[i] ** 2))
            h = 1e-6 * norm if norm > 0 else 1e-3 * np.sqrt(eps)
            for j in range(d):
                e = np.zeros(d)
                e[j] = h
                expected[i, j] = G[i] @ (unit(V[i] + e, eps) - unit(V[i] - e, eps)) / (2 * h)
        args = (V.tolist(), G.tolist()) if trial == 3 else (V, G)
        result = call(l2_normalize_backward, *args, eps) if eps != 1e-12 else call(l2_normalize_backward, *args)
        checks.judge_backward(result, V, G, eps, expected)
    expect_raises(l2_normalize_backward, V, G[:, 1:], why=checks.why("shapes"))
_hidden()
### END HIDDEN TESTS
'''
TESTS["tower_forward"] = '''# Tests for task 5: tower_forward (3 points)
from fsgeom.modules.m07_two_tower import checks
checks.tower_forward(tower_forward, tower_backward)
### BEGIN HIDDEN TESTS
def _hidden():
    import numpy as np
    from fsgeom.grading import call, expect_raises, hidden_rng
    rng = hidden_rng("tower_forward")

    def forward(p, X):                                       # dense -> ReLU -> dense, written out
        return np.maximum(X @ p["W1"] + p["b1"], 0.0) @ p["W2"] + p["b2"]
    for trial in range(4):
        n, d_in, h, d_out = int(rng.integers(1, 30)), int(rng.integers(1, 7)), int(rng.integers(2, 11)), \\
            int(rng.integers(1, 6))
        X = rng.normal(size=(n, d_in)) * 10.0 ** rng.uniform(-0.5, 0.5)
        p = {"W1": rng.normal(size=(d_in, h)), "b1": rng.normal(size=h), "W2": rng.normal(size=(h, d_out)),
             "b2": rng.normal(size=d_out)}
        while np.min(np.abs(X @ p["W1"] + p["b1"])) < 1e-3:  # every ReLU input away from its kink
            p["b1"] = rng.normal(size=h)
        dV = rng.normal(size=(n, d_out))
        grads = {}                                           # central finite differences of L = sum(V * dV)
        for k in ("W1", "b1", "W2", "b2"):
            grads[k] = np.zeros_like(p[k])
            for idx in np.ndindex(p[k].shape):
                plus = {q: v.copy() for q, v in p.items()}
                minus = {q: v.copy() for q, v in p.items()}
                plus[k][idx] += 1e-5
                minus[k][idx] -= 1e-5
                grads[k][idx] = np.sum((forward(plus, X) - forward(minus, X)) * dV) / 2e-5
        Xa = X.tolist() if trial == 3 else X
        V, cache = checks.judge_tower_forward(call(tower_forward, p, Xa), p, X, forward(p, X))
        result = call(tower_backward, p, cache, dV, uses=(tower_forward,))
        checks.judge_tower_grads(result, p, X, dV, grads)
    expect_raises(tower_forward, p, np.ones((3, d_in + 1)), why=checks.why("shapes"))
_hidden()
### END HIDDEN TESTS
'''
TESTS["predict"] = '''# Tests for task 6: predict (2 points)
from fsgeom.modules.m07_two_tower import checks
checks.predict(predict, globals().get("l2_normalize_rows"))
### BEGIN HIDDEN TESTS
def _hidden():
    import numpy as np
    from fsgeom.grading import hidden_rng
    rng = hidden_rng("predict")
    uses = ("l2_normalize_rows",)            # judged with the reference: task 3 pays once
    for trial in range(5):
        n, d = int(rng.integers(2, 50)), int(rng.integers(1, 20))
        vu = rng.normal(size=(n, d)) * 10.0 ** rng.uniform(-1, 1, size=(n, 1))
        vm = rng.normal(size=(n, d)) * 10.0 ** rng.uniform(-1, 1, size=(n, 1))
        normalize = trial % 2 == 0
        dot = np.sum(vu * vm, axis=1)
        norms = np.sqrt(np.maximum(np.sum(vu ** 2, axis=1), 1e-12) * np.maximum(np.sum(vm ** 2, axis=1), 1e-12))
        expected = dot / norms if normalize else dot                 # the formulas
        args = (vu.tolist(), vm.tolist()) if trial == 4 else (vu, vm)
        checks.judge_predict(checks.call_built(predict, *args, normalize, uses=uses), vu, vm, normalize, expected)
    checks.expect_raises_built(predict, vu, vm[:, :0] if d > 1 else vm[:1], True, uses=uses, why=checks.why("shapes"))
_hidden()
### END HIDDEN TESTS
'''
TESTS["sgd_step"] = '''# Tests for task 7: sgd_step (3 points)
from fsgeom.modules.m07_two_tower import checks
checks.sgd_step(sgd_step, globals().get("tower_forward"), globals().get("tower_backward"), globals().get("predict"),
                globals().get("l2_normalize_rows"), globals().get("l2_normalize_backward"))
### BEGIN HIDDEN TESTS
def _hidden():
    import numpy as np
    from fsgeom.grading import hidden_rng
    rng = hidden_rng("sgd_step")
    uses = ("tower_forward", "tower_backward", "predict", "l2_normalize_rows", "l2_normalize_backward")

    def loss(pu, pm, Xu, Xm, y, normalize):                  # the model and its MSE, written out
        vu = np.maximum(Xu @ pu["W1"] + pu["b1"], 0.0) @ pu["W2"] + pu["b2"]
        vm = np.maximum(Xm @ pm["W1"] + pm["b1"], 0.0) @ pm["W2"] + pm["b2"]
        if normalize:
            vu = vu / np.sqrt(np.maximum(np.sum(vu ** 2, axis=1, keepdims=True), 1e-12))
            vm = vm / np.sqrt(np.maximum(np.sum(vm ** 2, axis=1, keepdims=True), 1e-12))
        return np.mean((np.sum(vu * vm, axis=1) - y) ** 2)

    def tower(d_in, h, d_out, X):
        p = {"W1": rng.normal(size=(d_in, h)) * np.sqrt(2 / d_in), "b1": rng.normal(size=h) * 0.3,
             "W2": rng.normal(size=(h, d_out)) * np.sqrt(1 / h), "b2": rng.normal(size=d_out) * 0.3}
        while np.min(np.abs(X @ p["W1"] + p["b1"])) < 1e-3:  # every ReLU input away from its kink
            p["b1"] = rng.normal(size=h) * 0.3
        return p
    for trial in range(4):
        n, du, dm, h, d = (int(rng.integers(2, 25)), int(rng.integers(2, 6)), int(rng.integers(2, 6)),
                           int(rng.integers(3, 8)), int(rng.integers(2, 5)))
        Xu, Xm = rng.normal(size=(n, du)), rng.normal(size=(n, dm))
        pu, pm = tower(du, h, d, Xu), tower(dm, h, d, Xm)
        normalize = trial % 2 == 0
        y = rng.uniform(-1, 1, n) if normalize else rng.normal(size=n)
        lr = float(10.0 ** rng.uniform(-2, 0))
        grads = []                                           # central finite differences of the loss
        for which in (0, 1):
            g = {}
            for k in ("W1", "b1", "W2", "b2"):
                g[k] = np.zeros_like((pu, pm)[which][k])
                for idx in np.ndindex(g[k].shape):
                    plus = [{q: v.copy() for q, v in p.items()} for p in (pu, pm)]
                    minus = [{q: v.copy() for q, v in p.items()} for p in (pu, pm)]
                    plus[which][k][idx] += 1e-6
                    minus[which][k][idx] -= 1e-6
                    g[k][idx] = (loss(*plus, Xu, Xm, y, normalize) - loss(*minus, Xu, Xm, y, normalize)) / 2e-6
            grads.append(g)
        expected = (loss(pu, pm, Xu, Xm, y, normalize), grads[0], grads[1])
        before = ({k: v.copy() for k, v in pu.items()}, {k: v.copy() for k, v in pm.items()})
        args = (Xu.tolist(), Xm.tolist(), y.tolist()) if trial == 3 else (Xu, Xm, y)
        result = checks.call_built(sgd_step, pu, pm, *args, lr, normalize, uses=uses)
        checks.judge_sgd(result, before[0], before[1], Xu, Xm, y, lr, normalize, expected, passed_in=(pu, pm))
    checks.expect_raises_built(sgd_step, pu, pm, Xu, Xm, y[1:], lr, True, uses=uses, why=checks.why("shapes"))
    checks.expect_raises_built(sgd_step, pu, pm, Xu, Xm, y, -lr, True, uses=uses, why=checks.why("bad_lr"))
_hidden()
### END HIDDEN TESTS
'''
TESTS["to_stars"] = '''# Tests for task 8: to_stars (2 points)
from fsgeom.modules.m07_two_tower import checks
checks.to_stars(to_stars, globals().get("minmax_inverse"))
### BEGIN HIDDEN TESTS
def _hidden():
    import numpy as np
    from fsgeom.grading import hidden_rng
    rng = hidden_rng("to_stars")
    uses = ("minmax_inverse",)               # judged with the reference: task 2 pays once
    for trial in range(5):
        lo = float(rng.uniform(-2.0, 0.5))
        hi = lo + float(rng.uniform(0.5, 3.0))
        y_min = float(rng.choice([0.5, 1.0, 1.5]))
        stats = (y_min, y_min + float(rng.uniform(2.0, 4.5)))
        z = rng.uniform(lo - 0.6 * (hi - lo), hi + 0.6 * (hi - lo), int(rng.integers(20, 80)))
        z[:2] = [lo - 0.5 * (hi - lo), hi + 0.5 * (hi - lo)]     # beyond both ends: clipping matters
        y = stats[0] + (z - lo) * (stats[1] - stats[0]) / (hi - lo)
        keep = np.abs((2 * y) % 1.0 - 0.5) > 1e-6             # no ties on the half-star grid
        z, y = z[keep], y[keep]
        expected = np.round(np.clip(y, 0.5, 5.0) * 2) / 2       # the formula
        args = (z.tolist(), list(stats)) if trial == 4 else (z, stats)
        checks.judge_stars(checks.call_built(to_stars, *args, lo, hi, uses=uses), z, stats, lo, hi, expected)
    checks.expect_raises_built(to_stars, z, stats[::-1], lo, hi, uses=uses, why=checks.why("bad_stats"))
_hidden()
### END HIDDEN TESTS
'''
