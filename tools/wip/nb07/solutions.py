SOL = {}
SOL["minmax_scale"] = '''def minmax_scale(y_train, y_test, lo=-1.0, hi=1.0):
    """Min-max scaling of a target to [lo, hi], fitted on the TRAINING target only and applied to both:

        stats = (y_min, y_max) = (min of y_train, max of y_train)
        z     = lo + (y - y_min) * (hi - lo) / (y_max - y_min)        (as MinMaxScaler(feature_range=(lo, hi)))

    Test values outside [y_min, y_max] land outside [lo, hi]: they are NOT clipped.

    y_train, y_test: array-likes (lists, float32 too) of numbers; lo < hi.
    Returns (z_train, z_test, stats): float arrays of the inputs' shapes and the tuple (y_min, y_max) of floats.
    Raises ValueError if y_train is empty, constant or holds nan or inf, or lo >= hi.
    """
    ### BEGIN SOLUTION
    y_train = np.asarray(y_train, dtype=float)
    y_test = np.asarray(y_test, dtype=float)
    if y_train.size == 0:
        raise ValueError("the training target is empty")
    if not np.all(np.isfinite(y_train)):
        raise ValueError("the training target holds nan or inf")
    if not lo < hi:
        raise ValueError(f"the range needs lo < hi, got lo={lo}, hi={hi}")
    y_min, y_max = float(y_train.min()), float(y_train.max())
    if y_max == y_min:
        raise ValueError("a constant training target cannot be min-max scaled")
    factor = (hi - lo) / (y_max - y_min)
    return lo + (y_train - y_min) * factor, lo + (y_test - y_min) * factor, (y_min, y_max)
    ### END SOLUTION
'''
SOL["minmax_inverse"] = '''def minmax_inverse(z, stats, lo=-1.0, hi=1.0):
    """The inverse of minmax_scale: back from [lo, hi] to the target's units,

        y = y_min + (z - lo) * (y_max - y_min) / (hi - lo),      stats = (y_min, y_max)

    z: array-like; stats: (y_min, y_max) with y_min < y_max; lo < hi.
    Returns a float array of z's shape.
    Raises ValueError if lo >= hi or y_min >= y_max.
    """
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=float)
    y_min, y_max = (float(s) for s in stats)
    if not lo < hi:
        raise ValueError(f"the range needs lo < hi, got lo={lo}, hi={hi}")
    if not y_min < y_max:
        raise ValueError(f"stats must be (y_min, y_max) with y_min < y_max, got {stats}")
    return y_min + (z - lo) * (y_max - y_min) / (hi - lo)
    ### END SOLUTION
'''
SOL["l2_normalize_rows"] = '''def l2_normalize_rows(V, eps=1e-12):
    """L2 normalization of every ROW of V (one vector per user or per item), as TensorFlow's
    tf.math.l2_normalize(V, axis=1):

        u_i = v_i / sqrt(max(sum_j v_ij^2, eps))

    (eps under the square root, through max: a row with ||v||^2 < eps is divided by sqrt(eps), a zero row stays 0).

    V: array-like (n, d). Returns a float array (n, d).
    Raises ValueError if V is not 2-D.
    """
    ### BEGIN SOLUTION
    V = np.asarray(V, dtype=float)
    if V.ndim != 2:
        raise ValueError(f"V must be a 2-D matrix (one row per vector), got shape {V.shape}")
    return V / np.sqrt(np.maximum((V * V).sum(axis=1, keepdims=True), eps))
    ### END SOLUTION
'''
SOL["l2_normalize_backward"] = '''def l2_normalize_backward(V, G, eps=1e-12):
    """The backward pass of l2_normalize_rows: the vector-Jacobian product for an upstream gradient G (one row per
    row of V). With u = v / ||v|| the Jacobian of a row is (I - u u^T) / ||v||, so per row

        dv = (g - (g . u) u) / ||v||           (for ||v||^2 >= eps: orthogonal to v)
        dv = g / sqrt(eps)                     (for ||v||^2 < eps, where the map is v / sqrt(eps))

    V, G: array-likes (n, d). Returns a float array (n, d).
    Raises ValueError if V is not 2-D or G does not have V's shape.
    """
    ### BEGIN SOLUTION
    V = np.asarray(V, dtype=float)
    G = np.asarray(G, dtype=float)
    if V.ndim != 2 or G.shape != V.shape:
        raise ValueError(f"V must be 2-D and G of the same shape, got {V.shape} and {G.shape}")
    sq = (V * V).sum(axis=1, keepdims=True)
    norm = np.sqrt(np.maximum(sq, eps))
    U = V / norm
    proj = np.where(sq >= eps, (G * U).sum(axis=1, keepdims=True), 0.0)
    return (G - proj * U) / norm
    ### END SOLUTION
'''
SOL["tower_forward"] = '''def tower_forward(params, X):
    """One tower, dense -> ReLU -> dense, on a batch of feature rows X (n, d_in):

        Z = X W1 + b1,   H = max(Z, 0),   V = H W2 + b2

    params: a dict with "W1" (d_in, h), "b1" (h,), "W2" (h, d_out), "b2" (d_out,).
    Returns (V (n, d_out), cache): cache holds what tower_backward needs (e.g. (X, Z, H)).
    Raises ValueError if X is not 2-D or has not d_in columns.
    """
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=float)
    W1 = np.asarray(params["W1"], dtype=float)
    if X.ndim != 2 or X.shape[1] != W1.shape[0]:
        raise ValueError(f"X must be (n, {W1.shape[0]}), got shape {X.shape}")
    Z = X @ W1 + params["b1"]
    H = np.maximum(Z, 0.0)
    return H @ params["W2"] + params["b2"], (X, Z, H)
    ### END SOLUTION


def tower_backward(params, cache, dV):
    """Backpropagation through tower_forward: the gradients of a loss L from dV = dL/dV (n, d_out):

        dW2 = H^T dV,   db2 = sum over rows of dV,   dH = dV W2^T,
        dZ  = dH * [Z > 0],   dW1 = X^T dZ,   db1 = sum over rows of dZ

    params: the dict of tower_forward; cache: what tower_forward returned with V.
    Returns a dict {"W1", "b1", "W2", "b2"} of float arrays with the shapes of the parameters.
    """
    ### BEGIN SOLUTION
    X, Z, H = cache
    dV = np.asarray(dV, dtype=float)
    dZ = (dV @ np.asarray(params["W2"], dtype=float).T) * (Z > 0)
    return {"W1": X.T @ dZ, "b1": dZ.sum(axis=0), "W2": H.T @ dV, "b2": dV.sum(axis=0)}
    ### END SOLUTION
'''
SOL["predict"] = '''def predict(vu, vm, normalize):
    """The two-tower prediction of each (user, item) pair, row by row:

        normalize=True:   pred_i = <l2_normalize_rows(vu)_i, l2_normalize_rows(vm)_i>   (the cosine, in [-1, 1])
        normalize=False:  pred_i = <vu_i, vm_i>                                         (the plain dot product)

    Use your l2_normalize_rows.
    vu, vm: array-likes (n, d) (row i of both belongs to the same pair); normalize: bool.
    Returns a float array (n,).
    Raises ValueError if vu and vm are not 2-D of the same shape.
    """
    ### BEGIN SOLUTION
    vu = np.asarray(vu, dtype=float)
    vm = np.asarray(vm, dtype=float)
    if vu.ndim != 2 or vu.shape != vm.shape:
        raise ValueError(f"vu and vm must be 2-D of the same shape, got {vu.shape} and {vm.shape}")
    if normalize:
        vu, vm = l2_normalize_rows(vu), l2_normalize_rows(vm)
    return (vu * vm).sum(axis=1)
    ### END SOLUTION
'''
SOL["sgd_step"] = '''def sgd_step(params_u, params_m, Xu, Xm, y, lr, normalize):
    """One deterministic full-batch gradient step of the two-tower model on the mean squared error:

        vu, cache_u = tower_forward(params_u, Xu);   vm, cache_m = tower_forward(params_m, Xm)
        pred = predict(vu, vm, normalize);           loss = mean((pred - y)^2)
        dpred = 2 (pred - y) / n
        normalize=True:  nu, nm = the normalized rows;  dvu = l2_normalize_backward(vu, dpred[:, None] * nm),
                                                         dvm = l2_normalize_backward(vm, dpred[:, None] * nu)
        normalize=False: dvu = dpred[:, None] * vm,     dvm = dpred[:, None] * vu
        grads = tower_backward(...) of each tower;  new parameter = parameter - lr * its gradient (both towers)

    Use your tower_forward, tower_backward, predict, l2_normalize_rows and l2_normalize_backward.
    params_u, params_m: dicts as in tower_forward (NOT modified: new dicts are returned); Xu (n, d_u), Xm (n, d_m):
    the feature rows of the n rated pairs; y: (n,) targets; lr > 0; normalize: bool.
    Returns (loss_before, new_params_u, new_params_m): the loss before the step (a float) and two new dicts.
    Raises ValueError if y does not hold one target per row of Xu and Xm, or lr <= 0.
    """
    ### BEGIN SOLUTION
    y = np.asarray(y, dtype=float)
    Xu = np.asarray(Xu, dtype=float)
    Xm = np.asarray(Xm, dtype=float)
    if y.ndim != 1 or Xu.ndim != 2 or Xm.ndim != 2 or not y.size == Xu.shape[0] == Xm.shape[0]:
        raise ValueError(f"y must hold one target per row of Xu and Xm: y {y.shape}, Xu {Xu.shape}, Xm {Xm.shape}")
    if not lr > 0:
        raise ValueError(f"the learning rate must be positive, got {lr}")
    vu, cache_u = tower_forward(params_u, Xu)
    vm, cache_m = tower_forward(params_m, Xm)
    pred = predict(vu, vm, normalize)
    loss = float(np.mean((pred - y) ** 2))
    dpred = 2.0 * (pred - y) / y.size
    if normalize:
        nu, nm = l2_normalize_rows(vu), l2_normalize_rows(vm)
        dvu = l2_normalize_backward(vu, dpred[:, None] * nm)
        dvm = l2_normalize_backward(vm, dpred[:, None] * nu)
    else:
        dvu, dvm = dpred[:, None] * vm, dpred[:, None] * vu
    grads_u = tower_backward(params_u, cache_u, dvu)
    grads_m = tower_backward(params_m, cache_m, dvm)
    new_u = {k: params_u[k] - lr * grads_u[k] for k in params_u}
    new_m = {k: params_m[k] - lr * grads_m[k] for k in params_m}
    return loss, new_u, new_m
    ### END SOLUTION
'''
SOL["to_stars"] = '''def to_stars(z, stats, lo=-1.0, hi=1.0):
    """Scaled predictions back to stars: the inverse min-max transform (your minmax_inverse), clipped to
    [0.5, 5.0] and rounded to the nearest half star:

        stars = round(clip(minmax_inverse(z, stats, lo, hi), 0.5, 5.0) * 2) / 2

    (an exact tie, e.g. 2.25, may go either way; the tests avoid ties).
    z: array-like; stats, lo, hi: as in minmax_inverse.
    Returns a float array of z's shape with values in {0.5, 1.0, ..., 5.0}.
    Raises ValueError as minmax_inverse.
    """
    ### BEGIN SOLUTION
    y = minmax_inverse(z, stats, lo, hi)
    return np.round(np.clip(y, 0.5, 5.0) * 2.0) / 2.0
    ### END SOLUTION
'''
