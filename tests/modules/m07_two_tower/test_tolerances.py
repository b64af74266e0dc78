"""The tolerance rules of module 07's checks. Gradients are judged against central finite differences at relative
``FD_RTOL`` = 1e-5: on the hidden tests' distributions the reference agrees with the differences to about 1e-8 at
worst (measured here over 40 seeds), a margin of more than 100; the typical mistakes (no projection, no ReLU mask,
the factor 2) differ by order 1. Values are judged at the floors of fsgeom.grading.tolerance (1e-6 relative)."""
from __future__ import annotations

import numpy as np
import pytest

from fsgeom import grading as G
from fsgeom.modules.m07_two_tower import checks as C
from fsgeom.modules.m07_two_tower import maths as M


def _unit(v, eps=1e-12):
    return v / np.sqrt(max(float(np.sum(v * v)), eps))


def test_finite_differences_of_the_normalization_agree_far_below_the_tolerance():
    worst = 0.0
    for seed in range(40):
        rng = np.random.default_rng([seed, 4])
        n, d = int(rng.integers(1, 15)), int(rng.integers(2, 9))
        V = rng.normal(size=(n, d)) * 10.0 ** rng.uniform(-1, 1, size=(n, 1))
        Gm = rng.normal(size=(n, d)) * 10.0 ** rng.uniform(-1, 1)
        fd = np.zeros((n, d))
        for i in range(n):
            h = 1e-6 * np.sqrt(np.sum(V[i] ** 2))
            for j in range(d):
                e = np.zeros(d)
                e[j] = h
                fd[i, j] = Gm[i] @ (_unit(V[i] + e) - _unit(V[i] - e)) / (2 * h)
        exact = M.l2_normalize_backward(V, Gm)
        scale = np.max(np.abs(Gm) / np.sqrt(np.sum(V ** 2, axis=1, keepdims=True)))
        worst = max(worst, float(np.max(np.abs(fd - exact)) / scale))
    assert worst < C.FD_RTOL / 100, worst


def test_finite_differences_of_the_towers_agree_far_below_the_tolerance():
    worst = 0.0
    for seed in range(10):
        rng = np.random.default_rng([seed, 5])
        n, du, dm, h, d = 12, 4, 3, 6, 3
        Xu, Xm = rng.normal(size=(n, du)), rng.normal(size=(n, dm))
        pu, pm = M.init_tower(du, h, d, rng), M.init_tower(dm, h, d, rng)
        pu["b1"], pm["b1"] = rng.normal(size=h) * 0.3, rng.normal(size=h) * 0.3
        y = rng.uniform(-1, 1, n)
        model = M.TwoTower(du, dm, hidden=h, d=d)
        model.user, model.item = pu, pm
        _, grads = model.loss_and_grads(Xu, Xm, y)
        for key in ("W1", "b1", "W2", "b2"):
            fd = np.zeros_like(pu[key])
            for idx in np.ndindex(fd.shape):
                for sign in (1, -1):
                    pu[key][idx] += sign * 1e-6
                    fd[idx] += sign * M.mse(model.predict(Xu, Xm), y) / 2e-6
                    pu[key][idx] -= sign * 1e-6
            g = grads["user"][key]
            worst = max(worst, float(np.max(np.abs(fd - g)) / max(np.max(np.abs(g)), 1e-12)))
    assert worst < C.FD_RTOL / 100, worst


def test_eps_outside_the_root_is_told_apart_only_on_tiny_rows():
    V = np.random.default_rng(6).normal(size=(8, 5))
    C.judge_l2(V / (np.sqrt((V * V).sum(axis=1, keepdims=True)) + 1e-12), V)      # ordinary rows: 1e-12 apart
    V[3] *= 1e-8                                                                   # ||v||^2 ~ 5e-16 < eps
    with pytest.raises(G.CheckFailed, match="ε"):
        C.judge_l2(V / (np.sqrt((V * V).sum(axis=1, keepdims=True)) + 1e-12), V)


def test_wrong_values_still_fail():
    V = np.random.default_rng(7).normal(size=(6, 4))
    with pytest.raises(G.CheckFailed):
        C.judge_l2(M.l2_normalize(V) * (1 + 1e-5), V)
    z = np.linspace(-1, 1, 9)
    with pytest.raises(G.CheckFailed):
        C.judge_inverse(M.minmax_inverse(z, (0.5, 5.0)) * (1 + 1e-5), z, (0.5, 5.0))
