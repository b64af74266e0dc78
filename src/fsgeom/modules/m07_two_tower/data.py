r"""Module 07 data: a seeded ratings set with user and item content features, from a documented latent model.

No ratings set with user and item features ships offline (TOOLING-FACTS, "Offline data"), so we generate one whose
structure is known:

* **items** ``m``: 1–3 of :data:`GENRES` (genre multi-hot ``g_m``), a release year 1950–2020, a quality term
  ``q_m ~ N(0, 0.45²)`` and a popularity ``p_m ~ LogNormal(0, 1.2)`` (a few items are rated very often);
* **users** ``u``: genre tastes ``t_u ~ N(0, 1)`` per genre, a personal offset ``o_u ~ N(0, 0.35²)`` and an
  activity ``a_u ~ LogNormal(0, 0.9)`` (a few users rate hundreds of items);
* **observations**: user ``u`` rates ``k_u = clip(round(15·a_u), 5, 250)`` distinct items, drawn with probability
  proportional to ``p_m`` (popular items are seen more often);
* **rating**: ``r = 3.4 + o_u + q_m + 0.55·⟨t_u, g_m⟩/√|g_m| + ε``, ``ε ~ N(0, 0.55²)``, clipped to [0.5, 5] and
  rounded to the nearest 0.5 (as the lab's 0.5–5.0 stars); ``|g_m|`` is the item's number of genres.

The split holds out a random 20 % of **each user's** ratings for test and 10 % for validation (at least one rating of
each user stays in train). Content features (as the course lab the forum question comes from) are computed from the
**training ratings only**: user — number of ratings, average rating, average rating per genre (the user's average
where the user rated no item of that genre); item — year, average rating (the global training mean for an item with
no training rating), genre one-hot.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

__all__ = ["GENRES", "Ratings", "generate", "expected_stars", "split", "Features", "features", "ratings", "prepared"]

GENRES = ("action", "adventure", "animation", "comedy", "crime", "documentary", "drama", "fantasy", "horror",
          "romance", "sci-fi", "thriller")
STARS = np.arange(0.5, 5.01, 0.5)


@dataclass(frozen=True)
class Ratings:
    """One generated data set: the observed triples and the latent truth behind them."""
    user: np.ndarray          # (n,) user index of each rating
    item: np.ndarray          # (n,) item index
    rating: np.ndarray        # (n,) stars in {0.5, 1.0, ..., 5.0}
    genres: np.ndarray        # (n_items, G) 0/1
    year: np.ndarray          # (n_items,)
    quality: np.ndarray       # (n_items,) latent
    popularity: np.ndarray    # (n_items,) latent sampling weight
    taste: np.ndarray         # (n_users, G) latent
    offset: np.ndarray        # (n_users,) latent
    activity: np.ndarray      # (n_users,) latent

    @property
    def n_users(self) -> int:
        return self.taste.shape[0]

    @property
    def n_items(self) -> int:
        return self.genres.shape[0]


def generate(n_users: int = 600, n_items: int = 400, seed: int = 0) -> Ratings:
    """The latent model of the module docstring, seeded."""
    rng = np.random.default_rng(seed)
    G = len(GENRES)
    genres = np.zeros((n_items, G))
    for m in range(n_items):
        genres[m, rng.choice(G, size=int(rng.integers(1, 4)), replace=False)] = 1.0
    year = rng.integers(1950, 2021, size=n_items).astype(float)
    quality = rng.normal(0.0, 0.45, n_items)
    popularity = rng.lognormal(0.0, 1.2, n_items)
    taste = rng.normal(0.0, 1.0, (n_users, G))
    offset = rng.normal(0.0, 0.35, n_users)
    activity = rng.lognormal(0.0, 0.9, n_users)
    p = popularity / popularity.sum()
    users, items = [], []
    for u in range(n_users):
        k = int(np.clip(round(15 * activity[u]), 5, min(250, n_items)))
        chosen = rng.choice(n_items, size=k, replace=False, p=p)
        users.append(np.full(k, u))
        items.append(chosen)
    user, item = np.concatenate(users), np.concatenate(items)
    raw = _noise_free(offset[user], quality[item], taste[user], genres[item]) + rng.normal(0.0, 0.55, user.size)
    rating = np.round(np.clip(raw, 0.5, 5.0) * 2) / 2
    return Ratings(user, item, rating, genres, year, quality, popularity, taste, offset, activity)


def _noise_free(offset, quality, taste, genres):
    """``3.4 + o_u + q_m + 0.55·⟨t_u, g_m⟩/√|g_m|`` for aligned rows (the rating before noise, clipping, rounding)."""
    affinity = (taste * genres).sum(axis=-1) / np.sqrt(genres.sum(axis=-1))
    return 3.4 + offset + quality + 0.55 * affinity


def expected_stars(r: Ratings) -> np.ndarray:
    """``(n_users, n_items)``: what the latent model says every user would give every item, without the noise and
    the rounding, ``clip(3.4 + o_u + q_m + 0.55·⟨t_u, g_m⟩/√|g_m|, 0.5, 5)``. Only synthetic data know it: it lets us
    judge a list of recommendations by the ratings the user would really give, also for items never rated."""
    raw = _noise_free(r.offset[:, None], r.quality[None, :], r.taste[:, None, :], r.genres[None, :, :])
    return np.clip(raw, 0.5, 5.0)


def split(r: Ratings, test: float = 0.2, val: float = 0.1, seed: int = 0):
    """Boolean masks ``(train, val, test)`` over the ratings: per user, a random ``test`` share for test and ``val``
    for validation (rounded; at least one rating of every user stays in train)."""
    rng = np.random.default_rng(seed)
    n = r.user.size
    role = np.zeros(n, dtype=int)                       # 0 train, 1 val, 2 test
    order = np.argsort(r.user, kind="stable")
    bounds = np.flatnonzero(np.diff(r.user[order])) + 1
    for idx in np.split(order, bounds):
        idx = rng.permutation(idx)
        k = idx.size
        n_test = min(int(round(test * k)), k - 1)
        n_val = min(int(round(val * k)), k - 1 - n_test)
        role[idx[:n_test]] = 2
        role[idx[n_test:n_test + n_val]] = 1
    return role == 0, role == 1, role == 2


@dataclass(frozen=True)
class Features:
    """Content features computed from the training ratings only."""
    user: np.ndarray          # (n_users, 2 + G): number of ratings, average, average per genre
    item: np.ndarray          # (n_items, 2 + G): year, average rating, genre one-hot
    user_names: tuple
    item_names: tuple


def features(r: Ratings, train) -> Features:
    """The lab's content features from the ratings selected by ``train``."""
    train = np.asarray(train, bool)
    u, m, y = r.user[train], r.item[train], r.rating[train]
    G = len(GENRES)
    count = np.bincount(u, minlength=r.n_users).astype(float)
    total = np.bincount(u, weights=y, minlength=r.n_users)
    mean_all = y.mean()
    user_avg = np.where(count > 0, total / np.maximum(count, 1), mean_all)
    g = r.genres[m]                                     # (n_train, G)
    per_genre_sum = np.zeros((r.n_users, G))
    per_genre_cnt = np.zeros((r.n_users, G))
    np.add.at(per_genre_sum, u, g * y[:, None])
    np.add.at(per_genre_cnt, u, g)
    per_genre = np.where(per_genre_cnt > 0, per_genre_sum / np.maximum(per_genre_cnt, 1), user_avg[:, None])
    item_cnt = np.bincount(m, minlength=r.n_items).astype(float)
    item_sum = np.bincount(m, weights=y, minlength=r.n_items)
    item_avg = np.where(item_cnt > 0, item_sum / np.maximum(item_cnt, 1), mean_all)
    user_x = np.column_stack([count, user_avg, per_genre])
    item_x = np.column_stack([r.year, item_avg, r.genres])
    return Features(user_x, item_x, ("n_ratings", "avg_rating") + tuple(f"avg_{g}" for g in GENRES),
                    ("year", "avg_rating") + tuple(GENRES))


@lru_cache(maxsize=2)
def ratings(seed: int = 0) -> Ratings:
    """The module's data set (600 users, 400 items, seed 0), cached."""
    return generate(seed=seed)


@lru_cache(maxsize=2)
def prepared(seed: int = 0):
    """Everything the lecture, widgets and experiments share, fitted on train only: a dict with the ratings ``r``,
    the masks ``train``, ``val``, ``test``, raw ``features``, the standardized feature rows ``Xu``, ``Xm`` (means and
    standard deviations of the training users' and items' feature rows), and ``target_stats`` (the min and max of
    the training stars, for MinMax scaling to [−1, 1])."""
    r = ratings(seed)
    train, val, test = split(r, seed=seed)
    f = features(r, train)

    def standardize(F):
        mu, sd = F.mean(axis=0), F.std(axis=0)
        return (F - mu) / np.where(sd > 0, sd, 1.0)
    y = r.rating[train]
    return {"r": r, "train": train, "val": val, "test": test, "features": f, "Xu": standardize(f.user),
            "Xm": standardize(f.item), "target_stats": (float(y.min()), float(y.max()))}
