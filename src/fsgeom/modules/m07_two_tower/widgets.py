r"""Module 07 widgets: the training lab (:func:`training_lab`: L2 normalization on or off, the ratings min-max scaled
or raw, the learning rate and the seed → learning curves, predicted against true stars, test RMSE and baselines) and
the towers' outputs on the plane and on the unit circle (:func:`on_the_sphere`: a d = 2 model, one user's dot-product
and cosine contours, the top 5 items by each). One call each; see :class:`fsgeom.widgets.CourseWidget` for what they
return.

**The training lab shows precomputed runs.** One run of :func:`.maths.fit` (12 epochs, batch 256) takes about
0.2 s, and the grid (2 × 2 settings × :data:`LRS` × :data:`SEEDS` = 60 runs) about 12 s: too slow for a slider
and for building the widget. The runs are computed once by ``tools/m07_precompute.py`` (:func:`run_cell` for every
cell, :func:`write_grid`) and ship as ``training_grid.json`` next to this file (training loss and validation RMSE per
epoch, whether the run diverged, the test RMSE, the 10 × 36 counts of predicted against true test stars);
:func:`precomputed` reads it once per process. ``tests/modules/m07_two_tower/test_widgets.py`` recomputes some
cells with :func:`run_cell` and compares (and the readout against a direct :func:`.maths.fit`).

:func:`on_the_sphere` trains its model once per process (:func:`sphere_model`, about 0.1 s): d = 2 outputs per
tower, **not** normalized (so the lengths it learned are there to be seen and to be removed), ratings min-max scaled,
learning rate 0.01, seed 0 (:data:`SPHERE`).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import ipywidgets as W
import numpy as np

from ...i18n import language
from ...widgets import CourseWidget, course_widget, span as _span, widget_figure as _figure
from . import data, maths, plots

__all__ = ["LRS", "SEEDS", "EPOCHS", "BATCH", "GRID_FILE", "SPHERE", "cell_key", "to_stars_fn", "run_cell",
           "write_grid", "precomputed", "cell", "baselines", "training_lab", "sphere_model", "picker_users",
           "top_items", "on_the_sphere"]

#: the learning rates and seeds of the training lab's grid (every combination with normalize, scale_target)
LRS = (0.01, 0.03, 0.1, 0.3, 1.0)
SEEDS = (0, 1, 2)
EPOCHS = 12
BATCH = 256
GRID_FILE = Path(__file__).with_name("training_grid.json")
#: the model of :func:`on_the_sphere`
SPHERE = {"d": 2, "normalize": False, "scale_target": True, "lr": 0.01, "seed": 0}
N_PICKER = 10


def _check_bool(value, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def _check_lr(lr) -> float:
    try:
        v = float(lr)
    except (TypeError, ValueError):
        raise ValueError(f"lr must be one of {LRS}, got {lr!r}") from None
    for g in LRS:
        if np.isclose(v, g, rtol=1e-9, atol=0.0):
            return g
    raise ValueError(f"lr must be one of {LRS}, got {lr!r}")


def _check_seed(seed) -> int:
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) or int(seed) not in SEEDS:
        raise ValueError(f"seed must be one of {SEEDS}, got {seed!r}")
    return int(seed)


def cell_key(normalize: bool, scale_target: bool, lr: float, seed: int) -> str:
    """The key of one grid cell in :data:`GRID_FILE`, e.g. ``"norm=1 scale=1 lr=0.1 seed=0"``."""
    return f"norm={int(bool(normalize))} scale={int(bool(scale_target))} lr={_check_lr(lr):g} seed={_check_seed(seed)}"


# ----------------------------------------------------------------------------------------- training lab: runs
def to_stars_fn(scale_target: bool, stats):
    """The model's output → stars, clipped to [0.5, 5]: the inverse min-max (``scale_target``) or the output itself."""
    if scale_target:
        return lambda p: plots.clip_stars(maths.minmax_inverse(p, stats))
    return plots.clip_stars


def run_cell(normalize: bool, scale_target: bool, lr: float, seed: int, epochs: int = EPOCHS,
             batch: int = BATCH) -> dict:
    """Train one cell of the grid with :func:`.maths.fit` on :func:`.data.prepared` (target min-max scaled to
    [−1, 1] with the training statistics, or raw stars) and evaluate it on the test set: ``{"train_loss",
    "val_rmse"`` (per epoch, nan after a divergence), ``"diverged"``, ``"test_rmse"`` (stars, clipped; nan when the
    run diverged), ``"counts"`` (:func:`.plots.pred_true_counts` of the test set; zeros when diverged)``}``."""
    P = data.prepared()
    r, tr, va, te = P["r"], P["train"], P["val"], P["test"]
    stats = P["target_stats"]
    y = maths.minmax_transform(r.rating[tr], stats) if scale_target else r.rating[tr]
    fn = to_stars_fn(scale_target, stats)
    model, hist = maths.fit(P["Xu"], P["Xm"], r.user[tr], r.item[tr], y, normalize=bool(normalize), lr=float(lr),
                            epochs=epochs, batch=batch, seed=int(seed), val=(r.user[va], r.item[va], r.rating[va]),
                            to_stars_fn=fn)
    out = {"train_loss": np.asarray(hist["train_loss"], float), "val_rmse": np.asarray(hist["val_rmse"], float),
           "diverged": bool(hist["diverged"])}
    truth = r.rating[te]
    if out["diverged"]:
        out["test_rmse"], out["counts"] = float("nan"), np.zeros((10, plots.PRED_EDGES.size - 1), dtype=int)
        return out
    with np.errstate(over="ignore", invalid="ignore"):
        pred = fn(model.predict(P["Xu"][r.user[te]], P["Xm"][r.item[te]]))
    out["test_rmse"] = plots.stars_rmse(pred, truth)
    out["counts"] = plots.pred_true_counts(truth, pred)
    return out


def _jsonable(v):
    if isinstance(v, np.ndarray):
        return [_jsonable(x) for x in v.tolist()]
    if isinstance(v, list):
        return [_jsonable(x) for x in v]
    if isinstance(v, float) and not np.isfinite(v):
        return None
    return v


def write_grid(path: Path | str = GRID_FILE, cells=None) -> dict:
    """Compute every cell (or the keys ``cells`` as ``(normalize, scale_target, lr, seed)``) with :func:`run_cell`
    and write them as JSON to ``path`` (nan as null). Returns the written dict."""
    keys = cells if cells is not None else [(n, s, lr, seed) for n in (True, False) for s in (True, False)
                                            for lr in LRS for seed in SEEDS]
    out = {"about": "module 07 training lab: precomputed runs of maths.fit; regenerate with tools/m07_precompute.py",
           "epochs": EPOCHS, "batch": BATCH, "lrs": list(LRS), "seeds": list(SEEDS),
           "pred_edges": plots.PRED_EDGES.tolist(), "cells": {}}
    for n, s, lr, seed in keys:
        c = run_cell(n, s, lr, seed)
        out["cells"][cell_key(n, s, lr, seed)] = {k: _jsonable(v.tolist() if isinstance(v, np.ndarray) else v)
                                                  for k, v in c.items()}
    Path(path).write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    return out


def _readonly(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


@lru_cache(maxsize=1)
def precomputed() -> dict:
    """``{cell_key: {"train_loss", "val_rmse", "diverged", "test_rmse", "counts"}}`` read from :data:`GRID_FILE`
    (arrays read-only; null → nan). Raises ``RuntimeError`` when the file does not cover the grid."""
    raw = json.loads(GRID_FILE.read_text(encoding="utf-8"))
    if (raw.get("epochs"), raw.get("batch"), tuple(raw.get("lrs", ())), tuple(raw.get("seeds", ()))) != \
            (EPOCHS, BATCH, LRS, SEEDS):
        raise RuntimeError(f"{GRID_FILE.name} was made for another grid: run tools/m07_precompute.py")

    def arr(v, dtype=float):
        return _readonly(np.array([np.nan if x is None else x for x in v], dtype=dtype))

    out = {}
    for key, c in raw["cells"].items():
        out[key] = {"train_loss": arr(c["train_loss"]), "val_rmse": arr(c["val_rmse"]),
                    "diverged": bool(c["diverged"]),
                    "test_rmse": float("nan") if c["test_rmse"] is None else float(c["test_rmse"]),
                    "counts": _readonly(np.array(c["counts"], dtype=int))}
    missing = [cell_key(n, s, lr, seed) for n in (True, False) for s in (True, False) for lr in LRS for seed in SEEDS
               if cell_key(n, s, lr, seed) not in out]
    if missing:
        raise RuntimeError(f"{GRID_FILE.name} misses {len(missing)} cells: run tools/m07_precompute.py")
    return out


def cell(normalize: bool, scale_target: bool, lr: float, seed: int) -> dict:
    """One precomputed run (:func:`precomputed`)."""
    return precomputed()[cell_key(normalize, scale_target, lr, seed)]


@lru_cache(maxsize=1)
def baselines() -> dict:
    """:func:`.plots.test_baselines`: test RMSE of the global mean and of the item means, in stars."""
    return plots.test_baselines()


def _last_finite(v) -> float:
    v = np.asarray(v, float)
    ok = np.flatnonzero(np.isfinite(v))
    return float(v[ok[-1]]) if ok.size else float("nan")


def _fmt(v: float) -> str:
    return plots._num(v) if np.isfinite(v) else "—"


@course_widget
def training_lab(normalize: bool = True, scale_target: bool = True, lr: float = 0.1, seed: int = 0,
                 backend: str | None = None, lang: str | None = None) -> CourseWidget:
    """The two-tower model of :func:`.maths.fit` (d = 16, 12 epochs, batch 256) trained on the module's ratings
    with or without L2 normalization of both towers and with the ratings min-max scaled to [−1, 1] or raw: the
    training loss and the validation RMSE per epoch (the chosen seed dark, the other seeds light; × where a run
    diverged), the test set's predicted against true stars, and the readout.

    Controls: ``normalize`` and ``scale_target`` (Checkboxes), ``lr`` (SelectionSlider over :data:`LRS`), ``seed``
    (ToggleButtons over :data:`SEEDS`). Readout / ``numbers``: ``normalize``, ``scale_target``, ``lr``, ``seed``,
    ``test_rmse`` (stars, clipped; nan when diverged), ``diverged``, ``diverged_epoch`` (None when not),
    ``val_rmse_last`` (the last finite validation RMSE), ``baseline_global``, ``baseline_item``. The runs are
    precomputed (module docstring)."""
    lang = lang or language()
    n0, s0 = _check_bool(normalize, "normalize"), _check_bool(scale_target, "scale_target")
    lr0, seed0 = _check_lr(lr), _check_seed(seed)
    grid = precomputed()
    base = baselines()
    fig, fw, mode = _figure((12.0, 4.3), 90, backend)
    view = plots.TrainingView(EPOCHS, len(SEEDS) - 1, base, fig=fig, lang=lang)
    L = plots.LABELS
    controls = {
        "normalize": W.Checkbox(value=n0, description=L("w_normalize", lang=lang), indent=False,
                                layout=W.Layout(width="230px")),
        "scale_target": W.Checkbox(value=s0, description=L("w_scale", lang=lang), indent=False,
                                   layout=W.Layout(width="330px")),
        "lr": W.SelectionSlider(options=[(f"{v:g}", v) for v in LRS], value=lr0, description=L("w_lr", lang=lang),
                                continuous_update=True, style={"description_width": "initial"},
                                layout=W.Layout(width="300px")),
        "seed": W.ToggleButtons(options=[(str(s), s) for s in SEEDS], value=seed0, description=L("w_seed", lang=lang),
                                style={"description_width": "initial", "button_width": "36px"}),
    }
    readout = W.HTML()
    w = CourseWidget("training_lab", controls, view, readout, fw, mode)

    def update(change):
        n, s = bool(controls["normalize"].value), bool(controls["scale_target"].value)
        lr_, sd = _check_lr(controls["lr"].value), int(controls["seed"].value)
        keys = [sd] + [k for k in SEEDS if k != sd]
        runs = [grid[cell_key(n, s, lr_, k)] for k in keys]
        c = runs[0]
        div = c["diverged"]
        bad = np.flatnonzero(~np.isfinite(c["train_loss"]))
        div_epoch = int(bad[0]) + 1 if div and bad.size else None
        val_last = _last_finite(c["val_rmse"])
        w.numbers = {"normalize": n, "scale_target": s, "lr": lr_, "seed": sd, "test_rmse": c["test_rmse"],
                     "diverged": div, "diverged_epoch": div_epoch, "val_rmse_last": val_last,
                     "baseline_global": base["global"], "baseline_item": base["item"]}
        state = L("w_state", lang=lang, norm=L("w_norm_on" if n else "w_norm_off", lang=lang),
                  scale=L("w_scale_on" if s else "w_scale_off", lang=lang), lr=f"{lr_:g}", seed=sd)
        status = (L("w_diverged", lang=lang, epoch=_span("diverged-epoch", div_epoch)) if div
                  else L("w_converged", lang=lang))
        readout.value = L("w_readout_train", lang=lang, state=state, rmse=_span("test-rmse", _fmt(c["test_rmse"])),
                          status=status, global_mean=_span("baseline-global", _fmt(base["global"])),
                          item_mean=_span("baseline-item", _fmt(base["item"])), val=_span("val-last", _fmt(val_last)))
        view.update(runs, c["counts"], c["test_rmse"], state)

    w._connect(update)
    return w


# ----------------------------------------------------------------------------------------- on the sphere
@lru_cache(maxsize=1)
def sphere_model() -> dict:
    """The d = 2 model of :data:`SPHERE` trained once per process on the training ratings, and what
    :func:`on_the_sphere` shows: ``vu`` (600, 2) and ``vm`` (400, 2) tower outputs before normalization,
    ``levels`` (the dot products where the model predicts 1, 2, … 5 stars, :data:`.plots.STAR_LEVELS`),
    ``item_avg`` (the item feature ``avg_rating``), ``popularity`` (training ratings per item), ``activity``
    (training ratings per user), ``seen`` (users × items: rated in train), ``r_pop`` / ``r_avg`` (Pearson correlation of ‖v_item‖ with popularity / with the
    item's mean rating), ``test_rmse`` (stars), ``history``. Arrays read-only."""
    P = data.prepared()
    r, tr, te = P["r"], P["train"], P["test"]
    stats = P["target_stats"]
    y = maths.minmax_transform(r.rating[tr], stats) if SPHERE["scale_target"] else r.rating[tr]
    model, hist = maths.fit(P["Xu"], P["Xm"], r.user[tr], r.item[tr], y, normalize=SPHERE["normalize"],
                            lr=SPHERE["lr"], d=SPHERE["d"], seed=SPHERE["seed"], epochs=EPOCHS, batch=BATCH)
    vu = maths.tower_forward(model.user, P["Xu"])[0]
    vm = maths.tower_forward(model.item, P["Xm"])[0]
    fn = to_stars_fn(SPHERE["scale_target"], stats)
    rmse = plots.stars_rmse(fn(model.predict(P["Xu"][r.user[te]], P["Xm"][r.item[te]])), r.rating[te])
    levels = (maths.minmax_transform(np.array(plots.STAR_LEVELS), stats) if SPHERE["scale_target"]
              else np.array(plots.STAR_LEVELS))
    pop = np.bincount(r.item[tr], minlength=r.n_items).astype(float)
    act = np.bincount(r.user[tr], minlength=r.n_users).astype(float)
    avg = P["features"].item[:, 1].copy()
    norms = np.linalg.norm(vm, axis=1)
    seen = np.zeros((r.n_users, r.n_items), dtype=bool)
    seen[r.user[tr], r.item[tr]] = True
    out = {"vu": vu, "vm": vm, "levels": levels, "item_avg": avg, "popularity": pop, "activity": act, "seen": seen,
           "r_pop": float(np.corrcoef(norms, pop)[0, 1]), "r_avg": float(np.corrcoef(norms, avg)[0, 1]),
           "test_rmse": rmse, "history": hist, "model": model}
    for k in ("vu", "vm", "levels", "item_avg", "popularity", "activity", "seen"):
        _readonly(out[k])
    return out


def picker_users(extra: int | None = None) -> tuple:
    """The users of the picker: :data:`N_PICKER` users at evenly spaced ranks of their number of training ratings
    (fewest to most; ties broken by index), plus ``extra`` when given, ordered by that number."""
    act = sphere_model()["activity"]
    order = np.lexsort((np.arange(act.size), act))
    chosen = {int(order[int(round(q))]) for q in np.linspace(0, act.size - 1, N_PICKER)}
    if extra is not None:
        chosen.add(int(extra))
    return tuple(sorted(chosen, key=lambda u: (act[u], u)))


def top_items(u: int, k: int = 5):
    """``(by_dot, by_cos)``: among the items user ``u`` has not rated in train (what a recommender would offer), the
    ``k`` with the largest dot product ⟨u, v⟩ (the model's prediction) and the ``k`` with the largest cosine
    similarity with the user's tower output, best first (ties by index)."""
    m = sphere_model()
    vu, vm = m["vu"][u], m["vm"]
    dots = vm @ vu
    coss = maths.l2_normalize(vm) @ maths.l2_normalize(vu[None, :])[0]
    idx, unseen = np.arange(dots.size), ~m["seen"][u]
    by_dot = np.lexsort((idx, -dots, ~unseen))[:k]          # last key first: unseen items, then the score, then index
    by_cos = np.lexsort((idx, -coss, ~unseen))[:k]
    return by_dot, by_cos


def _check_user(user) -> int:
    n = data.ratings().n_users
    if isinstance(user, (bool, np.bool_)) or not isinstance(user, (int, np.integer)) or not 0 <= int(user) < n:
        raise ValueError(f"user must be an integer in [0, {n - 1}], got {user!r}")
    return int(user)


@course_widget
def on_the_sphere(user: int = 0, backend: str | None = None, lang: str | None = None) -> CourseWidget:
    """A two-tower model with d = 2 outputs per tower, trained without normalization (:data:`SPHERE`,
    :func:`sphere_model`). Left: every item's tower output (colour: the item's mean rating) and the chosen user's,
    with the lines where the model's dot product predicts 1 … 5 stars; right: the same vectors L2-normalized, on the
    unit circle, with lines of equal cosine similarity. The top 5 items by dot product and by cosine (among the items the
    user has not rated in train, :func:`top_items`) are ringed and
    listed in the readout ("#17 comedy/romance (4.4★)").

    Controls: ``user`` (Dropdown over :func:`picker_users`: users from the fewest to the most ratings). Readout /
    ``numbers``: ``user``, ``n_ratings``, ``user_norm``, ``top_dot`` and ``top_cos`` (item indices), ``dots``
    (their dot products), ``cosines``, ``pred_stars`` (the model's prediction of the top 5 by dot product in stars,
    not clipped: a dot product has no upper bound),
    ``overlap`` (items in both), ``r_pop`` and ``r_avg`` (correlation of the item vectors' lengths with the items'
    number of training ratings and with their mean rating)."""
    lang = lang or language()
    u0 = _check_user(user)
    m = sphere_model()
    r = data.ratings()
    P = data.prepared()
    stats = P["target_stats"]
    users = picker_users(u0)
    vu_all, vm = m["vu"], m["vm"]
    limit = 1.08 * float(max(np.abs(vm).max(), np.abs(vu_all[list(users)]).max()))
    fig, fw, mode = _figure((11.5, 6.0), 90, backend)
    view = plots.SphereView(vm, m["item_avg"], limit, fig=fig, lang=lang)
    L = plots.LABELS
    act = m["activity"]
    controls = {"user": W.Dropdown(options=[(L("w_user_option", lang=lang, u=k, n=int(act[k])), k) for k in users],
                                   value=u0, description=L("w_user", lang=lang),
                                   style={"description_width": "initial"}, layout=W.Layout(width="260px"))}
    readout = W.HTML()
    w = CourseWidget("on_the_sphere", controls, view, readout, fw, mode)
    unit_items = maths.l2_normalize(vm)

    def update(change):
        u = int(controls["user"].value)
        vu = vu_all[u]
        by_dot, by_cos = top_items(u)
        dots = vm[by_dot] @ vu
        coss = unit_items[by_cos] @ maths.l2_normalize(vu[None, :])[0]
        stars = maths.minmax_inverse(dots, stats) if SPHERE["scale_target"] else dots
        norm = float(np.linalg.norm(vu))
        overlap = len(set(by_dot.tolist()) & set(by_cos.tolist()))
        w.numbers = {"user": u, "n_ratings": int(act[u]), "user_norm": norm, "top_dot": tuple(int(i) for i in by_dot),
                     "top_cos": tuple(int(i) for i in by_cos), "dots": tuple(float(v) for v in dots),
                     "cosines": tuple(float(v) for v in coss), "pred_stars": tuple(float(v) for v in stars),
                     "overlap": overlap, "r_pop": m["r_pop"], "r_avg": m["r_avg"]}
        names_dot = [f"{plots.item_name(i, r.genres, lang)} ({s:.1f}★)" for i, s in zip(by_dot, stars)]
        names_cos = [f"{plots.item_name(i, r.genres, lang)} (cos {plots._num(c, '.3f')})" for i, c in zip(by_cos, coss)]
        readout.value = L("w_readout_sphere", lang=lang, u=_span("user", u), n=_span("n-ratings", int(act[u])),
                          norm=_span("user-norm", plots._num(norm, ".2f")),
                          top_dot=_span("top-dot", "; ".join(names_dot)),
                          top_cos=_span("top-cos", "; ".join(names_cos)), overlap=_span("overlap", overlap),
                          r_pop=_span("r-pop", plots._num(m["r_pop"], ".2f")),
                          r_avg=_span("r-avg", plots._num(m["r_avg"], ".2f")))
        state = L("w_sphere_state", lang=lang, u=u, n=int(act[u]), norm=plots._num(norm, ".2f"))
        view.update(vu, m["levels"], by_dot, by_cos, state)

    w._connect(update)
    return w
