"""Module 07 maths and data: min-max scaling = scikit-learn's MinMaxScaler((-1, 1)) and its inverse; L2
normalization = scikit-learn's normalize and TensorFlow's formula x / sqrt(max(Σx², ε)); its backward pass and the
towers' gradients against finite differences; the generated data's documented structure."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.preprocessing import MinMaxScaler, normalize

from fsgeom.modules.m07_two_tower import data, maths

R = data.ratings()


# ----------------------------------------------------------------------------------------- data
def test_generated_ratings_have_the_documented_structure():
    assert (R.n_users, R.n_items) == (600, 400)
    assert set(np.unique(R.rating)) <= set(data.STARS) and R.rating.min() == 0.5 and R.rating.max() == 5.0
    per_item = np.bincount(R.item, minlength=R.n_items)
    per_user = np.bincount(R.user, minlength=R.n_users)
    assert per_item.max() > 10 * np.median(per_item)          # popularity varies a lot
    assert per_user.min() >= 5 and per_user.max() > 8 * np.median(per_user)
    pairs = R.user * R.n_items + R.item
    assert np.unique(pairs).size == pairs.size                # no user rates an item twice
    assert np.all(R.genres.sum(axis=1) >= 1) and np.all(R.genres.sum(axis=1) <= 3)
    assert data.generate(seed=0).rating.tolist() == R.rating.tolist()     # deterministic


def test_split_is_per_user_and_keeps_everyone_in_train():
    tr, va, te = data.split(R)
    assert np.all(tr ^ va ^ te) and not np.any(tr & va) and not np.any(tr & te) and not np.any(va & te)
    assert np.all(np.bincount(R.user[tr], minlength=R.n_users) >= 1)
    assert te.mean() == pytest.approx(0.2, abs=0.02) and va.mean() == pytest.approx(0.1, abs=0.02)


def test_features_use_training_ratings_only():
    tr, va, te = data.split(R)
    f = data.features(R, tr)
    u = 7
    mine = tr & (R.user == u)
    assert f.user[u, 0] == mine.sum() and f.user[u, 1] == pytest.approx(R.rating[mine].mean())
    y = R.rating.copy()
    y[te] = 5.0                                              # changing test ratings changes no feature
    changed = data.Ratings(R.user, R.item, y, *[getattr(R, k) for k in ("genres", "year", "quality", "popularity",
                                                                      "taste", "offset", "activity")])
    np.testing.assert_array_equal(data.features(changed, tr).user, f.user)
    np.testing.assert_array_equal(data.features(changed, tr).item, f.item)
    assert f.user.shape == (600, 2 + len(data.GENRES)) and f.item.shape == (400, 2 + len(data.GENRES))


# ----------------------------------------------------------------------------------------- scaling
def test_minmax_equals_scikit_learn_and_inverts():
    tr, _, te = data.split(R)
    sk = MinMaxScaler(feature_range=(-1, 1)).fit(R.rating[tr].reshape(-1, 1))
    stats = maths.minmax_fit(R.rating[tr])
    np.testing.assert_allclose(maths.minmax_transform(R.rating[te], stats), sk.transform(R.rating[te].reshape(-1, 1)).ravel())
    z = np.linspace(-1.2, 1.2, 25)
    np.testing.assert_allclose(maths.minmax_inverse(z, stats), sk.inverse_transform(z.reshape(-1, 1)).ravel())
    np.testing.assert_allclose(maths.minmax_inverse(maths.minmax_transform(R.rating, stats), stats), R.rating)
    with pytest.raises(ValueError, match="constant"):
        maths.minmax_fit([3.0, 3.0])


def test_to_stars_clips_and_rounds():
    np.testing.assert_array_equal(maths.to_stars([-3.0, 0.74, 0.76, 2.2, 4.9, 7.0]), [0.5, 0.5, 1.0, 2.0, 5.0, 5.0])


# ----------------------------------------------------------------------------------------- L2 normalization
def test_l2_normalize_equals_scikit_learn_and_tensorflows_formula():
    rng = np.random.default_rng(0)
    V = rng.normal(size=(50, 8))
    V[3] = 0.0
    V[4] = 1e-8
    np.testing.assert_allclose(maths.l2_normalize(V)[np.r_[0:3, 5:50]], normalize(V)[np.r_[0:3, 5:50]], rtol=1e-12)
    assert np.all(maths.l2_normalize(V)[3] == 0.0)
    np.testing.assert_allclose(maths.l2_normalize(V)[4], V[4] / np.sqrt(1e-12))     # below ε: x / sqrt(ε)


def test_l2_normalize_backward_matches_finite_differences_and_is_orthogonal():
    rng = np.random.default_rng(1)
    V, G = rng.normal(size=(6, 5)) * rng.uniform(0.1, 10, (6, 1)), rng.normal(size=(6, 5))
    back = maths.l2_normalize_backward(V, G)
    np.testing.assert_allclose((back * V).sum(axis=1), 0.0, atol=1e-12)      # orthogonal to v
    h = 1e-6
    for i in range(6):
        for j in range(5):
            E = np.zeros_like(V)
            E[i, j] = h
            fd = ((maths.l2_normalize(V + E) - maths.l2_normalize(V - E)) * G).sum() / (2 * h)
            assert fd == pytest.approx(back[i, j], rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("normalize_, scale", [(True, False), (False, False), (True, True)])
def test_two_tower_gradients_match_finite_differences(normalize_, scale):
    rng = np.random.default_rng(2)
    Xu, Xm, y = rng.normal(size=(20, 6)), rng.normal(size=(20, 5)), rng.uniform(-1, 1, 20)
    model = maths.TwoTower(6, 5, hidden=7, d=4, normalize=normalize_, learnable_scale=scale, seed=3)
    model.s, model.b = 2.5, 0.3
    _, g = model.loss_and_grads(Xu, Xm, y)
    h = 1e-6
    for tower in ("user", "item"):
        for k in ("W1", "b1", "W2", "b2"):
            P = getattr(model, tower)[k]
            for _ in range(3):
                idx = tuple(rng.integers(0, s) for s in P.shape)
                old = P[idx]
                P[idx] = old + h
                plus = maths.mse(model.predict(Xu, Xm), y)
                P[idx] = old - h
                minus = maths.mse(model.predict(Xu, Xm), y)
                P[idx] = old
                assert (plus - minus) / (2 * h) == pytest.approx(g[tower][k][idx], rel=1e-5, abs=1e-9)
    if scale:
        for name in ("s", "b"):
            old = getattr(model, name)
            setattr(model, name, old + h)
            plus = maths.mse(model.predict(Xu, Xm), y)
            setattr(model, name, old - h)
            minus = maths.mse(model.predict(Xu, Xm), y)
            setattr(model, name, old)
            assert (plus - minus) / (2 * h) == pytest.approx(g[name], rel=1e-6)


def test_normalized_prediction_is_a_cosine_in_minus_one_one():
    rng = np.random.default_rng(4)
    vu, vm = rng.normal(size=(100, 8)) * 50, rng.normal(size=(100, 8))
    p = maths.predict(vu, vm)
    assert np.all(np.abs(p) <= 1 + 1e-12)
    np.testing.assert_allclose(p, (vu * vm).sum(1) / np.linalg.norm(vu, axis=1) / np.linalg.norm(vm, axis=1))
