"""Module 07 widgets, headless: the training lab's precomputed runs equal fresh maths.fit runs (a few cells), its
readout equals a direct maths.fit on the same settings, every control moves artists in place; the d = 2 model's top 5
lists equal a direct ranking by dot product and by cosine; bad arguments; both languages."""
from __future__ import annotations

import re

import numpy as np
import pytest

from fsgeom.modules.m07_two_tower import data, maths, plots, widgets
from tests.conventions import check_widget, close_widget as _close

P = data.prepared()
R, TR, VA, TE = P["r"], P["train"], P["val"], P["test"]
STATS = P["target_stats"]


def _span(readout: str, cls: str) -> str:
    m = re.search(rf'<span class="fsgeom-{cls}">(.*?)</span>', readout)
    assert m, f"no fsgeom-{cls} span in {readout!r}"
    return m.group(1)


def _direct(normalize, scale, lr, seed):
    """Test RMSE (stars, clipped) of maths.fit written out here, independently of widgets.run_cell."""
    y = R.rating[TR]
    target = (y - STATS[0]) / (STATS[1] - STATS[0]) * 2 - 1 if scale else y
    model, hist = maths.fit(P["Xu"], P["Xm"], R.user[TR], R.item[TR], target, normalize=normalize, lr=lr,
                            epochs=12, batch=256, seed=seed)
    with np.errstate(all="ignore"):
        out = model.predict(P["Xu"][R.user[TE]], P["Xm"][R.item[TE]])
    stars = (out + 1) / 2 * (STATS[1] - STATS[0]) + STATS[0] if scale else out
    if hist["diverged"]:
        return float("nan"), True, hist
    return float(np.sqrt(np.mean((np.clip(stars, 0.5, 5.0) - R.rating[TE]) ** 2))), False, hist


# ------------------------------------------------------------------------------------- the precomputed grid
@pytest.mark.parametrize("key", [(True, True, 0.1, 0), (True, False, 1.0, 2), (False, False, 0.01, 1),
                                 (False, True, 0.03, 0)])
def test_precomputed_cells_equal_a_fresh_run(key):
    fresh, stored = widgets.run_cell(*key), widgets.cell(*key)
    assert fresh["diverged"] == stored["diverged"]
    for k in ("train_loss", "val_rmse"):
        np.testing.assert_allclose(stored[k], fresh[k], rtol=1e-6, atol=1e-9, equal_nan=True)
    if fresh["diverged"]:
        assert np.isnan(stored["test_rmse"]) and stored["counts"].sum() == 0
    else:
        assert stored["test_rmse"] == pytest.approx(fresh["test_rmse"], rel=1e-6)
        assert np.abs(stored["counts"] - fresh["counts"]).sum() <= 4          # a point on a bin edge may move
        assert stored["counts"].sum() == TE.sum()


def test_grid_covers_the_story():
    g = widgets.precomputed()
    assert len(g) == 4 * len(widgets.LRS) * len(widgets.SEEDS)
    rm = {k: np.array([widgets.cell(*k, s)["test_rmse"] for s in widgets.SEEDS])
          for k in [(n, sc, lr) for n in (True, False) for sc in (True, False) for lr in widgets.LRS]}
    # normalized + scaled: every run converges, and better than the item-mean baseline from lr 0.1 on
    assert all(np.all(np.isfinite(rm[(True, True, lr)])) for lr in widgets.LRS)
    assert rm[(True, True, 0.1)].mean() == pytest.approx(0.806, abs=0.005)
    assert rm[(True, True, 0.1)].max() < widgets.baselines()["item"]
    assert rm[(True, True, 1.0)].mean() == pytest.approx(0.787, abs=0.005)
    # normalized + raw stars: the cosine cannot exceed 1 star, so the RMSE is stuck at the floor 2.566
    floor = np.sqrt(np.mean((R.rating[TE] - 1.0) ** 2))
    assert floor == pytest.approx(2.566, abs=1e-3)
    for lr in widgets.LRS:
        assert np.all(rm[(True, False, lr)] >= floor - 1e-9) and np.all(rm[(True, False, lr)] < 2.62)
    # not normalized: only lr 0.01 trains; from 0.03 on every seed diverges in the first epoch
    for sc in (True, False):
        assert np.all(np.isfinite(rm[(False, sc, 0.01)]))
        for lr in widgets.LRS[1:]:
            assert np.all(np.isnan(rm[(False, sc, lr)]))
            assert all(widgets.cell(False, sc, lr, s)["diverged"] and
                       np.all(np.isnan(widgets.cell(False, sc, lr, s)["train_loss"])) for s in widgets.SEEDS)
    assert rm[(False, True, 0.01)].mean() == pytest.approx(1.032, abs=0.005)
    assert rm[(False, False, 0.01)].mean() == pytest.approx(0.900, abs=0.005)


def test_baselines_equal_a_direct_computation():
    b = widgets.baselines()
    truth = R.rating[TE]
    g = R.rating[TR].mean()
    assert b["global"] == pytest.approx(np.sqrt(np.mean((truth - g) ** 2)), rel=1e-12)
    item_sum = np.bincount(R.item[TR], weights=R.rating[TR], minlength=R.n_items)
    item_cnt = np.bincount(R.item[TR], minlength=R.n_items)
    item_mean = np.where(item_cnt > 0, item_sum / np.maximum(item_cnt, 1), g)
    assert b["item"] == pytest.approx(np.sqrt(np.mean((np.clip(item_mean[R.item[TE]], 0.5, 5) - truth) ** 2)), rel=1e-12)
    assert (round(b["global"], 3), round(b["item"], 3)) == (0.939, 0.845)


# ------------------------------------------------------------------------------------- training lab
def _check_lab(w):
    c = w.controls
    n, s, lr, seed = c["normalize"].value, c["scale_target"].value, c["lr"].value, c["seed"].value
    stored = widgets.cell(n, s, lr, seed)
    num, text, v = w.numbers, w.readout.value, w.view
    assert (num["normalize"], num["scale_target"], num["lr"], num["seed"]) == (n, s, lr, seed)
    assert num["diverged"] == stored["diverged"]
    if stored["diverged"]:
        assert np.isnan(num["test_rmse"]) and num["diverged_epoch"] == 1 and _span(text, "test-rmse") == "—"
        assert _span(text, "diverged-epoch") == "1"
        assert len(v.loss_lines[0].get_xdata()) == 0 and len(v.loss_x[0].get_xdata()) == 1
        assert v.hist_note.get_text() and not np.any(v.image.get_array())
    else:
        assert num["test_rmse"] == stored["test_rmse"] and num["diverged_epoch"] is None
        assert _span(text, "test-rmse") == f"{stored['test_rmse']:.3f}"
        np.testing.assert_allclose(v.val_lines[0].get_ydata(), stored["val_rmse"])
        np.testing.assert_allclose(v.loss_lines[0].get_ydata(), np.maximum(stored["train_loss"], plots.LOSS_LIMITS[0]))
        assert len(v.loss_x[0].get_xdata()) == 0
        shares = np.asarray(v.image.get_array())
        np.testing.assert_allclose(shares, plots.row_shares(stored["counts"]))
        np.testing.assert_allclose(shares.sum(axis=1), 1.0)
    assert _span(text, "baseline-global") == "0.939" and _span(text, "baseline-item") == "0.845"
    others = [k for k in widgets.SEEDS if k != seed]
    for line, k in zip(v.val_lines[1:], others):
        o = widgets.cell(n, s, lr, k)["val_rmse"]
        np.testing.assert_allclose(line.get_ydata(), o[np.isfinite(o)])


@pytest.mark.parametrize("key", [(True, True, 0.1, 0), (False, False, 0.01, 2)])
def test_lab_readout_equals_a_direct_fit(key):
    n, s, lr, seed = key
    w = widgets.training_lab(normalize=n, scale_target=s, lr=lr, seed=seed, backend="agg", lang="en")
    try:
        rmse, div, hist = _direct(*key)
        assert not div and not w.numbers["diverged"]
        assert w.numbers["test_rmse"] == pytest.approx(rmse, rel=1e-6)
        assert w.numbers["val_rmse_last"] == pytest.approx(widgets.run_cell(*key)["val_rmse"][-1], rel=1e-6)
        assert _span(w.readout.value, "test-rmse") == f"{rmse:.3f}"
        np.testing.assert_allclose(w.view.loss_lines[0].get_ydata(), hist["train_loss"], rtol=1e-6)
        _check_lab(w)
    finally:
        _close(w)
    assert {(True, True, 0.1, 0): 0.806, (False, False, 0.01, 2): 0.887}[key] == pytest.approx(rmse, abs=5e-4)


def test_lab_diverged_run_equals_a_direct_fit():
    rmse, div, hist = _direct(False, True, 0.1, 0)
    assert div and np.isnan(rmse) and np.all(np.isnan(hist["train_loss"]))
    w = widgets.training_lab(normalize=False, backend="agg", lang="en")
    try:
        assert w.numbers["diverged"] and w.numbers["diverged_epoch"] == 1 and np.isnan(w.numbers["test_rmse"])
        assert "training diverged" in w.readout.value
        _check_lab(w)
    finally:
        _close(w)


def test_lab_every_control_value_in_place():
    w = widgets.training_lab(backend="agg", lang="en")
    try:
        w.view.fig.canvas.draw()
        artists = {id(a) for a in w.view.fig.findobj()}
        limits = [(ax.get_xlim(), ax.get_ylim()) for ax in w.view.fig.axes]
        draws, blits = w.view.full_draws, w.view.blits
        moves = 0
        for n in (True, False):
            w.controls["normalize"].value = n
            for s in (False, True):
                w.controls["scale_target"].value = s
                for lr in widgets.LRS:
                    w.controls["lr"].value = lr
                    for seed in (2, 0, 1):
                        w.controls["seed"].value = seed
                        moves += 1
                        _check_lab(w)
        assert moves == 60 and w.view.blits > blits
        assert {id(a) for a in w.view.fig.findobj()} == artists and w.view.full_draws == draws
        assert [(ax.get_xlim(), ax.get_ylim()) for ax in w.view.fig.axes] == limits
    finally:
        _close(w)


# ------------------------------------------------------------------------------------- on the sphere
def test_sphere_model_and_correlations():
    m = widgets.sphere_model()
    assert m["vu"].shape == (600, 2) and m["vm"].shape == (400, 2) and not m["history"]["diverged"]
    # the same model trained here directly
    y = maths.minmax_transform(R.rating[TR], STATS)
    model, _ = maths.fit(P["Xu"], P["Xm"], R.user[TR], R.item[TR], y, normalize=False, lr=0.01, d=2, seed=0)
    np.testing.assert_allclose(m["vm"], maths.tower_forward(model.item, P["Xm"])[0], rtol=1e-9, atol=1e-12)
    norms = np.linalg.norm(m["vm"], axis=1)
    pop = np.bincount(R.item[TR], minlength=R.n_items)
    assert m["r_pop"] == pytest.approx(np.corrcoef(norms, pop)[0, 1], rel=1e-9)
    assert m["r_pop"] == pytest.approx(-0.103, abs=0.005)           # length does not follow popularity here ...
    assert m["r_avg"] == pytest.approx(0.687, abs=0.005)            # ... but the item's mean rating
    assert m["test_rmse"] == pytest.approx(0.894, abs=0.005)
    # the contour levels are where the model predicts 1..5 stars
    np.testing.assert_allclose(maths.minmax_inverse(m["levels"], STATS), plots.STAR_LEVELS)


def _check_sphere(w):
    u = w.controls["user"].value
    m = widgets.sphere_model()
    vu, vm = m["vu"][u], m["vm"]
    dots = vm @ vu
    coss = dots / np.linalg.norm(vm, axis=1) / np.linalg.norm(vu)
    rated = np.isin(np.arange(vm.shape[0]), R.item[TR][R.user[TR] == u])       # rated in train: never recommended
    by_dot = np.argsort(np.where(rated, np.inf, -dots), kind="stable")[:5]
    by_cos = np.argsort(np.where(rated, np.inf, -coss), kind="stable")[:5]
    assert not rated[by_dot].any() and not rated[by_cos].any()
    n, text, v = w.numbers, w.readout.value, w.view
    assert n["user"] == u and n["n_ratings"] == int((R.user[TR] == u).sum())
    assert n["top_dot"] == tuple(by_dot) and n["top_cos"] == tuple(by_cos)
    np.testing.assert_allclose(n["dots"], dots[by_dot], rtol=1e-12)
    np.testing.assert_allclose(n["cosines"], coss[by_cos], rtol=1e-9)
    np.testing.assert_allclose(n["pred_stars"], maths.minmax_inverse(dots[by_dot], STATS), rtol=1e-12)
    assert n["overlap"] == len(set(by_dot) & set(by_cos))
    assert n["user_norm"] == pytest.approx(np.linalg.norm(vu))
    lang = "uk" if "Користувач" in text else "en"
    assert _span(text, "top-dot").startswith(plots.item_name(by_dot[0], lang=lang))
    names = [plots.item_name(i, lang=lang) for i in by_cos]
    assert all(nm in _span(text, "top-cos") for nm in names)
    # the view: the user's arrow, the rings on the top 5, the level lines where ⟨u, v⟩ = level
    np.testing.assert_allclose(v.user_raw.get_xydata()[1], vu)
    np.testing.assert_allclose(np.linalg.norm(v.user_cos.get_xydata()[1]), 1.0)
    np.testing.assert_allclose(v.top_raw.get_xydata(), vm[by_dot])
    np.testing.assert_allclose(np.linalg.norm(v.top_cos.get_xydata(), axis=1), 1.0)
    for line, z in zip(v.levels_raw, m["levels"]):
        np.testing.assert_allclose(line.get_xydata() @ vu, z, atol=1e-9)
    e = vu / np.linalg.norm(vu)
    for line, c in zip(v.levels_cos, plots.COS_LEVELS):
        np.testing.assert_allclose(line.get_xydata() @ e, c, atol=1e-9)


def test_sphere_every_user_in_place():
    w = widgets.on_the_sphere(backend="agg", lang="en")
    try:
        users = [o[1] for o in w.controls["user"].options]
        act = widgets.sphere_model()["activity"]
        assert len(users) >= 10 and 0 in users and [act[u] for u in users] == sorted(act[u] for u in users)
        assert act[users[0]] == act.min() and act[users[-1]] == act.max()
        w.view.fig.canvas.draw()
        artists = {id(a) for a in w.view.fig.findobj()}
        draws = w.view.full_draws
        overlaps = []
        for u in users[::-1]:
            w.controls["user"].value = u
            _check_sphere(w)
            overlaps.append(w.numbers["overlap"])
        assert {id(a) for a in w.view.fig.findobj()} == artists and w.view.full_draws == draws
        assert max(overlaps) <= 2              # dot product and cosine disagree on almost every top 5
    finally:
        _close(w)


def test_sphere_default_user_and_other_start():
    w = widgets.on_the_sphere(backend="agg", lang="en")
    try:
        assert w.numbers["user"] == 0 and w.numbers["n_ratings"] == 15
        assert w.numbers["top_dot"][0] == 311 and w.numbers["overlap"] == 0
        assert w.numbers["pred_stars"][0] > 5.0            # the dot product predicts beyond 5 stars
    finally:
        _close(w)
    w = widgets.on_the_sphere(user=123, backend="agg", lang="uk")
    try:
        assert 123 in [o[1] for o in w.controls["user"].options] and w.numbers["user"] == 123
        _check_sphere(w)                                   # also the Ukrainian genre names in the readout
    finally:
        _close(w)


# ------------------------------------------------------------------------------------- contract, arguments, languages
@pytest.mark.parametrize("name", ["training_lab", "on_the_sphere"])
def test_widget_contract(name):
    check_widget(name, getattr(widgets, name))


@pytest.mark.parametrize("call", [
    lambda: widgets.training_lab(lr=0.05, backend="agg"),
    lambda: widgets.training_lab(lr=-1, backend="agg"),
    lambda: widgets.training_lab(lr="fast", backend="agg"),
    lambda: widgets.training_lab(seed=3, backend="agg"),
    lambda: widgets.training_lab(seed=1.0, backend="agg"),
    lambda: widgets.training_lab(normalize="yes", backend="agg"),
    lambda: widgets.training_lab(scale_target=None, backend="agg"),
    lambda: widgets.training_lab(backend="svg"),
    lambda: widgets.on_the_sphere(user=-1, backend="agg"),
    lambda: widgets.on_the_sphere(user=600, backend="agg"),
    lambda: widgets.on_the_sphere(user=2.0, backend="agg"),
    lambda: widgets.on_the_sphere(user=True, backend="agg"),
])
def test_bad_arguments_raise_value_error(call):
    with pytest.raises(ValueError):
        call()


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_readouts_in_both_languages(lang):
    words = {"uk": ("RMSE на тестовій вибірці", "Базові прогнози", "Топ-5 за косинусною подібністю", "Кореляція"),
             "en": ("Test RMSE", "Baselines", "Top 5 by cosine similarity", "Correlation")}[lang]
    a, s = widgets.training_lab(backend="agg", lang=lang), widgets.on_the_sphere(backend="agg", lang=lang)
    try:
        assert words[0] in a.readout.value and words[1] in a.readout.value
        assert words[2] in s.readout.value and words[3] in s.readout.value
        texts = " ".join(t.get_text() for fig in (a.view.fig, s.view.fig)
                         for t in fig.findobj(lambda o: hasattr(o, "get_text")))
        assert ("крок навчання" in texts) is (lang == "uk")
        assert ("одиничне коло" in texts) is (lang == "uk")
        if lang == "uk":
            shown = texts + re.sub(r"<[^>]+>", " ", a.readout.value + s.readout.value)
            # no English word may leak; "seed" is the course's Ukrainian term too (GLOSSARY), genres have Ukrainian names
            assert not re.search(r"\b(learning|rate|loss|diverged|ratings|user|test|stars|comedy|drama|action|horror|"
                                 r"romance|thriller|fantasy|crime)\b", shown, re.I)
    finally:
        _close(a)
        _close(s)
