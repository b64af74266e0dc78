r"""Module 07 plot pieces: the training lab (training loss and validation RMSE per epoch, the test set's predicted
against true stars as a row-normalized 2-D histogram) and the two towers' 2-D outputs before and after L2
normalization (dot-product contours of one user on the left, cosine contours on the unit circle on the right), both
updated in place on :class:`fsgeom.plots.BlitView`; and the static figures of the lecture: learning curves of several
runs (:func:`curves_figure`), the 2 × 2 ablation of normalization and target scaling (:func:`ablation_figure`) and
predicted against true stars (:func:`pred_vs_true_figure`).

Axis limits never change: the training lab's axes cover every cell of the widget's grid, the towers' axes every
tower output of the fixed d = 2 model. A diverged run (``history["diverged"]``) draws its finite epochs and ends in a
× marker; when no epoch finished, the × sits at epoch 1 on the top edge of the axes.

Every word shown in a widget or a figure of this module comes from :data:`LABELS` (``{"uk": ..., "en": ...}``), in
the notebook's language or the ``lang`` given. Genre names are the data's names (:data:`.data.GENRES`) in both
languages: they are data, not labels.
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Patch

from ...i18n import Texts
from ...plots import BlitView, marker_line as _points, new_figure, set_points as _set_points, style_axes as _style
from . import data, maths

__all__ = ["LABELS", "STAR_VALUES", "PRED_EDGES", "pred_true_counts", "row_shares", "clip_stars", "stars_rmse",
           "test_baselines", "level_line", "GENRE_NAMES", "item_name", "TrainingView", "SphereView", "curves_figure",
           "ablation_figure", "pred_vs_true_figure", "LOSS_LIMITS", "RMSE_LIMITS"]

GENRE_NAMES = {"uk": ("бойовик", "пригоди", "анімація", "комедія", "кримінал", "документальний", "драма", "фентезі",
                      "жахи", "мелодрама", "фантастика", "трилер"),
               "en": data.GENRES}

LABELS = Texts({
    # ---- training lab: controls
    "w_normalize": {"uk": "L2-нормалізація обох веж", "en": "L2-normalize both towers"},
    "w_scale": {"uk": "min-max масштабування оцінок до [−1, 1]", "en": "min-max scale the ratings to [−1, 1]"},
    "w_lr": {"uk": "крок навчання", "en": "learning rate"},
    "w_seed": {"uk": "seed", "en": "seed"},
    # ---- training lab: panels
    "w_loss_title": {"uk": "Функція втрат на навчальній вибірці", "en": "Training loss"},
    "w_loss_y": {"uk": "MSE цілі (логарифмічна шкала)", "en": "MSE of the target (log scale)"},
    "w_val_title": {"uk": "RMSE на валідаційній вибірці, зірки", "en": "Validation RMSE, stars"},
    "w_val_y": {"uk": "RMSE, зірки", "en": "RMSE, stars"},
    "w_epoch": {"uk": "епоха", "en": "epoch"},
    "w_hist_title": {"uk": "Тестова вибірка: прогноз проти оцінки", "en": "Test set: predicted against true"},
    "w_pred_x": {"uk": "прогноз, зірки (обрізано до [0.5, 5])", "en": "predicted stars (clipped to [0.5, 5])"},
    "w_true_y": {"uk": "оцінка, зірки", "en": "true rating, stars"},
    "w_this_seed": {"uk": "цей seed", "en": "this seed"},
    "w_other_seeds": {"uk": "інші seed", "en": "other seeds"},
    "w_global_mean": {"uk": "середня оцінка: {v}", "en": "global mean: {v}"},
    "w_item_mean": {"uk": "середня оцінка фільму: {v}", "en": "item mean: {v}"},
    "w_diverged_mark": {"uk": "× — навчання розбіглося", "en": "× — training diverged"},
    "w_diverged_at": {"uk": "навчання розбіглося на епосі {epoch}", "en": "training diverged in epoch {epoch}"},
    "w_no_predictions": {"uk": "навчання розбіглося:\nпрогнозів немає", "en": "training diverged:\nno predictions"},
    "w_rmse_note": {"uk": "RMSE = {rmse} зірки", "en": "RMSE = {rmse} stars"},
    "w_share": {"uk": "частка рядка", "en": "share of the row"},
    "w_state": {"uk": "{norm}; {scale}; крок навчання {lr}; seed {seed}",
                "en": "{norm}; {scale}; learning rate {lr}; seed {seed}"},
    "w_norm_on": {"uk": "косинусна подібність (L2-нормалізація)", "en": "cosine similarity (L2-normalized)"},
    "w_norm_off": {"uk": "скалярний добуток (без нормалізації)", "en": "dot product (not normalized)"},
    "w_scale_on": {"uk": "оцінки в [−1, 1]", "en": "ratings in [−1, 1]"},
    "w_scale_off": {"uk": "оцінки в зірках 0.5–5", "en": "ratings in stars 0.5–5"},
    # ---- training lab: readout
    "w_readout_train": {
        "uk": "<b>Налаштування</b>: {state}.<br>"
              "<b>RMSE на тестовій вибірці</b>: {rmse} зірки; {status}.<br>"
              "<b>Базові прогнози</b> на тестовій вибірці: середня оцінка — {global_mean}, середня оцінка фільму — "
              "{item_mean}; RMSE на валідаційній вибірці після останньої епохи: {val}.",
        "en": "<b>Settings</b>: {state}.<br>"
              "<b>Test RMSE</b>: {rmse} stars; {status}.<br>"
              "<b>Baselines</b> on the test set: global mean {global_mean}, item mean {item_mean}; "
              "validation RMSE after the last epoch: {val}."},
    "w_converged": {"uk": "навчання не розбіглося", "en": "training did not diverge"},
    "w_diverged": {"uk": "<b>навчання розбіглося</b> на епосі {epoch}",
                   "en": "<b>training diverged</b> in epoch {epoch}"},
    # ---- on the sphere: controls and panels
    "w_user": {"uk": "користувач", "en": "user"},
    "w_user_option": {"uk": "#{u} (оцінок: {n})", "en": "#{u} ({n} ratings)"},
    "w_raw_title": {"uk": "Виходи веж до нормалізації; лінії — прогноз ⟨u, v⟩",
                    "en": "Tower outputs before normalization; lines: the prediction ⟨u, v⟩"},
    "w_cos_title": {"uk": "Після L2-нормалізації: одиничне коло; лінії — cos θ",
                    "en": "After L2 normalization: the unit circle; lines: cos θ"},
    "w_coord1": {"uk": "вихід 1", "en": "output 1"},
    "w_coord2": {"uk": "вихід 2", "en": "output 2"},
    "w_items": {"uk": "вектори фільмів (колір — середня оцінка фільму)",
                "en": "item vectors (colour: the item's mean rating)"},
    "w_item_avg": {"uk": "середня оцінка фільму, зірки", "en": "item mean rating, stars"},
    "w_the_user": {"uk": "вектор користувача", "en": "user vector"},
    "w_top_dot": {"uk": "топ-5 за скалярним добутком", "en": "top 5 by dot product"},
    "w_top_cos": {"uk": "топ-5 за косинусною подібністю", "en": "top 5 by cosine similarity"},
    "w_sphere_state": {"uk": "Вежа користувача: #{u}, оцінок: {n}, ‖u‖ = {norm}",
                       "en": "User tower: #{u}, {n} ratings, ‖u‖ = {norm}"},
    "w_stars_level": {"uk": "{s}★", "en": "{s}★"},
    "w_cos_level": {"uk": "cos = {c}", "en": "cos = {c}"},
    # ---- on the sphere: readout
    "w_readout_sphere": {
        "uk": "<b>Користувач</b> #{u}: оцінок на навчальній вибірці — {n}, ‖u‖ = {norm}.<br>"
              "Серед фільмів, яких він ще не оцінював: <b>топ-5 за скалярним добутком</b> (прогноз моделі): {top_dot}.<br>"
              "<b>Топ-5 за косинусною подібністю</b>: {top_cos}.<br>"
              "<b>Спільних фільмів</b>: {overlap} з 5. <b>Кореляція</b> довжини вектора фільму з кількістю його "
              "оцінок: {r_pop}; із середньою оцінкою фільму: {r_avg}.",
        "en": "<b>User</b> #{u}: {n} training ratings, ‖u‖ = {norm}.<br>"
              "Among the items not yet rated: <b>top 5 by dot product</b> (the model's prediction): {top_dot}.<br>"
              "<b>Top 5 by cosine similarity</b>: {top_cos}.<br>"
              "<b>Items in common</b>: {overlap} of 5. <b>Correlation</b> of an item vector's length with its "
              "number of ratings: {r_pop}; with the item's mean rating: {r_avg}."},
    # ---- static figures
    "f_curves_title": {"uk": "Криві навчання", "en": "Learning curves"},
    "f_ablation_title": {"uk": "RMSE на тестовій вибірці: L2-нормалізація × min-max масштабування",
                         "en": "Test RMSE: L2 normalization × min-max scaling"},
    "f_ablation_y": {"uk": "RMSE, зірки", "en": "RMSE, stars"},
    "f_ablation_x": {"uk": "крок навчання", "en": "learning rate"},
    "f_panel": {"uk": "{norm}\n{scale}", "en": "{norm}\n{scale}"},
    "f_mean": {"uk": "середнє за seed", "en": "mean over seeds"},
    "f_seed_dots": {"uk": "окремі seed", "en": "single seeds"},
    "f_div": {"uk": "розбіглося", "en": "diverged"},
    "f_pvt_title": {"uk": "Прогноз проти оцінки (тестова вибірка)", "en": "Predicted against true (test set)"},
})

#: the ten star values of a rating, 0.5 … 5.0
STAR_VALUES = tuple(float(s) for s in data.STARS)
#: bins of the predicted stars (clipped to [0.5, 5]) in the 2-D histogram: 36 bins of 1/8 star
PRED_EDGES = np.linspace(0.5, 5.0, 37)
#: the fixed y ranges of the training lab's curves
LOSS_LIMITS = (0.05, 40.0)
RMSE_LIMITS = (0.6, 3.2)
#: cosine levels drawn on the unit circle
COS_LEVELS = (-0.5, 0.0, 0.5, 0.9)
#: star levels of the dot-product lines (the model's prediction, mapped back to stars)
STAR_LEVELS = (1.0, 2.0, 3.0, 4.0, 5.0)

THIS_COLOR, OTHER_COLOR, DIV_COLOR = "#0072B2", "#9ecae1", "#D55E00"
BASE_GLOBAL, BASE_ITEM = "#777777", "#009E73"
DOT_COLOR, COS_COLOR, USER_COLOR = "#D55E00", "#0072B2", "#CC79A7"
SETTING_COLORS = {(True, True): "#0072B2", (True, False): "#56B4E9", (False, True): "#D55E00", (False, False): "#E69F00"}


def _t(key: str, lang: str | None, **fmt) -> str:
    return LABELS(key, lang=lang, **fmt)


def _num(v: float, fmt: str = ".3f") -> str:
    return format(float(v), fmt).replace("-", "−")


# ----------------------------------------------------------------------------------------- numbers shown
def clip_stars(pred) -> np.ndarray:
    """Predictions in stars clipped to [0.5, 5] (not rounded: the RMSE of the module is of clipped predictions)."""
    return np.clip(np.asarray(pred, dtype=float), 0.5, 5.0)


def stars_rmse(pred_stars, true_stars) -> float:
    """RMSE of clipped predicted stars against the true stars (nan when a prediction is not finite)."""
    p = np.asarray(pred_stars, dtype=float)
    if not np.all(np.isfinite(p)):
        return float("nan")
    return float(np.sqrt(np.mean((clip_stars(p) - np.asarray(true_stars, dtype=float)) ** 2)))


def pred_true_counts(true_stars, pred_stars) -> np.ndarray:
    """Counts (10, 36): rows the true stars 0.5 … 5.0, columns the bins :data:`PRED_EDGES` of the clipped predicted
    stars (5.0 falls in the last bin). Non-finite predictions are left out."""
    t = np.asarray(true_stars, dtype=float).ravel()
    p = np.asarray(pred_stars, dtype=float).ravel()
    if t.size != p.size:
        raise ValueError(f"need as many predictions as ratings, got {p.size} and {t.size}")
    ok = np.isfinite(p)
    rows = np.rint((t[ok] - 0.5) * 2).astype(int)
    if rows.size and (rows.min() < 0 or rows.max() > 9 or not np.allclose(rows / 2 + 0.5, t[ok])):
        raise ValueError("true ratings must be stars 0.5, 1.0, ..., 5.0")
    nb = PRED_EDGES.size - 1
    cols = np.clip(np.floor((clip_stars(p[ok]) - 0.5) / (4.5 / nb)).astype(int), 0, nb - 1)
    counts = np.zeros((10, nb), dtype=int)
    np.add.at(counts, (rows, cols), 1)
    return counts


def row_shares(counts) -> np.ndarray:
    """Each row of ``counts`` divided by its sum (rows without counts stay zero)."""
    c = np.asarray(counts, dtype=float)
    s = c.sum(axis=1, keepdims=True)
    return np.divide(c, s, out=np.zeros_like(c), where=s > 0)


def test_baselines(seed: int = 0) -> dict:
    """Test RMSE in stars of the global training mean and of each item's training mean (the item feature
    ``avg_rating``; the global mean for an item without training ratings): ``{"global": ., "item": .}``."""
    P = data.prepared(seed)
    r, tr, te = P["r"], P["train"], P["test"]
    truth = r.rating[te]
    g = float(r.rating[tr].mean())
    item_mean = P["features"].item[:, 1]
    return {"global": stars_rmse(np.full(truth.size, g), truth), "item": stars_rmse(item_mean[r.item[te]], truth)}


def level_line(u, level: float, reach: float) -> np.ndarray:
    """Two points (2, 2) of the line ⟨u, v⟩ = level, far enough (``reach`` beyond its foot) that the axes clip it."""
    u = np.asarray(u, dtype=float)
    nn = float(u @ u)
    if nn == 0 or not np.isfinite(nn):
        return np.full((2, 2), np.nan)
    foot = level * u / nn
    direction = np.array([-u[1], u[0]]) / np.sqrt(nn)
    t = reach + float(np.linalg.norm(foot))
    return np.array([foot - t * direction, foot + t * direction])


def item_name(m: int, genres=None, lang: str = "en") -> str:
    """``"#17 comedy/romance"`` (``"#17 комедія/мелодрама"``): the item's index and its genres in ``lang``
    (:data:`GENRE_NAMES`, in the order of :data:`.data.GENRES`)."""
    g = data.ratings().genres if genres is None else genres
    names = [GENRE_NAMES[lang][k] for k in np.flatnonzero(g[m])]
    return f"#{int(m)} " + "/".join(names)


# ----------------------------------------------------------------------------------------- training lab
def _diverged_mark(losses, top: float):
    """(x, y) of the × of a diverged run: its last finite epoch, or epoch 1 at ``top`` when none finished."""
    L = np.asarray(losses, dtype=float)
    finite = np.flatnonzero(np.isfinite(L))
    if finite.size == 0:
        return 1.0, top
    k = int(finite[-1])
    return float(k + 1), float(L[k])


def _first_bad_epoch(losses) -> int:
    L = np.asarray(losses, dtype=float)
    bad = np.flatnonzero(~np.isfinite(L))
    return int(bad[0]) + 1 if bad.size else L.size


class TrainingView(BlitView):
    """Left: the training loss per epoch (log y); middle: the validation RMSE in stars per epoch with the two
    baselines (dashed); right: the test set's predicted stars (columns, :data:`PRED_EDGES`) against the true stars
    (rows) as shares of each row. The chosen seed is drawn dark, the other seeds of the same setting light; a diverged
    run ends in a × (:func:`_diverged_mark`).

    Animated: ``loss_lines``/``val_lines`` (chosen first, then the others), ``loss_x``/``val_x`` (× markers),
    ``image``, ``hist_note``, ``div_note``, ``state``. Axis limits fixed."""

    def __init__(self, epochs: int, n_other: int, baselines: dict, fig: Figure | None = None,
                 lang: str | None = None):
        fig = fig if fig is not None else new_figure((12.0, 4.3), 90)
        super().__init__(fig)
        self.epochs = int(epochs)
        gs = fig.add_gridspec(1, 3, width_ratios=[1.0, 1.0, 1.15], left=0.055, right=0.955, bottom=0.25, top=0.84,
                              wspace=0.3)
        self.ax_loss, self.ax_val, self.ax_hist = (fig.add_subplot(gs[k]) for k in range(3))
        a = self.animate
        x_lim = (0.5, self.epochs + 0.5)
        ticks = [k for k in range(1, self.epochs + 1) if k == 1 or k % 2 == 0]
        # ---- loss
        ax = self.ax_loss
        _style(ax, _t("w_loss_title", lang), _t("w_epoch", lang), _t("w_loss_y", lang))
        ax.set_yscale("log")
        ax.set_xlim(*x_lim)
        ax.set_ylim(*LOSS_LIMITS)
        ax.set_xticks(ticks)
        # ---- validation RMSE
        ax = self.ax_val
        _style(ax, _t("w_val_title", lang), _t("w_epoch", lang), _t("w_val_y", lang))
        ax.set_xlim(*x_lim)
        ax.set_ylim(*RMSE_LIMITS)
        ax.set_xticks(ticks)
        ax.axhline(baselines["global"], color=BASE_GLOBAL, ls="--", lw=1.0, zorder=1)
        ax.axhline(baselines["item"], color=BASE_ITEM, ls="--", lw=1.0, zorder=1)
        self.loss_lines, self.val_lines, self.loss_x, self.val_x = [], [], [], []
        for k in range(1 + n_other):
            style = dict(color=THIS_COLOR if k == 0 else OTHER_COLOR, lw=2.0 if k == 0 else 1.1,
                         marker="o", ms=3.2 if k == 0 else 2.0, zorder=4 if k == 0 else 3)
            self.loss_lines.append(a(self.ax_loss.plot([], [], **style)[0]))
            self.val_lines.append(a(self.ax_val.plot([], [], **style)[0]))
            xs = dict(ls="none", marker="x", ms=9 if k == 0 else 6, mew=2.2 if k == 0 else 1.4, color=DIV_COLOR,
                      clip_on=False, zorder=6)
            self.loss_x.append(a(self.ax_loss.plot([], [], **xs)[0]))
            self.val_x.append(a(self.ax_val.plot([], [], **xs)[0]))
        self.div_note = a(self.ax_val.text(0.5, 0.55, "", transform=self.ax_val.transAxes, ha="center", va="center",
                                           fontsize=9, color=DIV_COLOR, zorder=8,
                                           bbox=dict(fc="white", ec="none", alpha=0.85, pad=1.5)))
        # ---- predicted against true
        ax = self.ax_hist
        _style(ax, _t("w_hist_title", lang), _t("w_pred_x", lang), _t("w_true_y", lang))
        ax.grid(False)
        self.image = a(ax.imshow(np.zeros((10, PRED_EDGES.size - 1)), origin="lower", aspect="auto",
                                 extent=(0.5, 5.0, 0.25, 5.25), cmap="Blues", vmin=0.0, vmax=0.5,
                                 interpolation="nearest", zorder=1))
        ax.plot([0.5, 5.0], [0.5, 5.0], color="#333333", lw=0.9, ls=":", zorder=2)
        ax.set_xlim(0.5, 5.0)
        ax.set_ylim(0.25, 5.25)
        ax.set_yticks([1, 2, 3, 4, 5])
        cb = fig.colorbar(self.image, ax=ax, fraction=0.05, pad=0.02)
        cb.set_label(_t("w_share", lang), fontsize=8)
        cb.ax.tick_params(labelsize=7)
        self.hist_note = a(ax.text(0.03, 0.97, "", transform=ax.transAxes, ha="left", va="top", fontsize=8.5,
                                   zorder=8, bbox=dict(fc="white", ec="none", alpha=0.85, pad=1.2)))
        self.state = a(self.ax_val.text(0.5, 0.975, "", transform=fig.transFigure, ha="center", va="top",
                                        fontsize=10, color="#333333"))
        handles = [Line2D([], [], color=THIS_COLOR, lw=2.0, marker="o", ms=3.2, label=_t("w_this_seed", lang)),
                   Line2D([], [], color=OTHER_COLOR, lw=1.1, marker="o", ms=2.0, label=_t("w_other_seeds", lang)),
                   Line2D([], [], ls="none", marker="x", ms=8, mew=2.0, color=DIV_COLOR,
                          label=_t("w_diverged_mark", lang)),
                   Line2D([], [], color=BASE_GLOBAL, ls="--", lw=1.0,
                          label=_t("w_global_mean", lang, v=_num(baselines["global"]))),
                   Line2D([], [], color=BASE_ITEM, ls="--", lw=1.0,
                          label=_t("w_item_mean", lang, v=_num(baselines["item"])))]
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.4, 0.0), ncol=5, fontsize=8, frameon=False)
        self.lang = lang
        self._overlay = [*self.ax_loss.spines.values(), *self.ax_val.spines.values(), *self.ax_hist.spines.values()]

    def _curve(self, line, xmark, values, diverged: bool, top: float, floor: float | None = None):
        v = np.asarray(values, dtype=float)
        ok = np.isfinite(v)
        x = np.arange(1, v.size + 1, dtype=float)
        y = np.maximum(v[ok], floor) if floor is not None else v[ok]
        line.set_data(x[ok], y)
        if diverged:
            xm, ym = _diverged_mark(v, top)
            if floor is not None:
                ym = max(ym, floor)
            xmark.set_data([xm], [min(ym, top)])
        else:
            xmark.set_data([], [])

    def update(self, runs, counts, rmse: float, state: str, draw: bool = True) -> None:
        """``runs``: histories (``train_loss``, ``val_rmse``, ``diverged``), the chosen seed first; ``counts`` (10, 36)
        from :func:`pred_true_counts` of the chosen run's test predictions; ``rmse`` its test RMSE (nan when it
        diverged); then (``draw=True``) blit."""
        for k, h in enumerate(runs):
            div = bool(h["diverged"])
            self._curve(self.loss_lines[k], self.loss_x[k], h["train_loss"], div, LOSS_LIMITS[1], LOSS_LIMITS[0])
            self._curve(self.val_lines[k], self.val_x[k], h["val_rmse"], div, RMSE_LIMITS[1])
        chosen = runs[0]
        if chosen["diverged"]:
            self.div_note.set_text(_t("w_diverged_at", self.lang, epoch=_first_bad_epoch(chosen["train_loss"])))
            self.hist_note.set_text(_t("w_no_predictions", self.lang))
        else:
            self.div_note.set_text("")
            self.hist_note.set_text(_t("w_rmse_note", self.lang, rmse=_num(rmse)))
        self.image.set_data(row_shares(counts))
        self.state.set_text(state)
        if draw:
            self.refresh()


# ----------------------------------------------------------------------------------------- on the sphere
class SphereView(BlitView):
    """Left (square, equal scales): every item's tower output before normalization (coloured by the item's mean
    training rating), the chosen user's vector (an arrow from the origin), the lines of equal dot product
    ⟨u, v⟩ = level where the model predicts 1, 2, … 5 stars, the top 5 items by dot product ringed. Right: the same
    vectors L2-normalized, on the unit circle (exact positions), the lines cos θ = c (chords), the top 5 by cosine
    ringed.

    Animated: ``user_raw``/``user_cos`` (arrow lines), ``levels_raw``/``level_texts_raw``, ``levels_cos``/
    ``level_texts_cos``, ``top_raw``/``top_cos`` (rings), ``state``. Items are
    static. Axis limits fixed (``limit``: half-width of the left panel)."""

    def __init__(self, item_vectors, item_colors, limit: float, fig: Figure | None = None, lang: str | None = None):
        fig = fig if fig is not None else new_figure((11.5, 6.0), 90)
        super().__init__(fig)
        self.lang = lang
        self.limit = float(limit)
        V = np.asarray(item_vectors, dtype=float)
        U = maths.l2_normalize(V)
        gs = fig.add_gridspec(1, 2, left=0.06, right=0.9, bottom=0.16, top=0.9, wspace=0.22)
        self.ax_raw, self.ax_cos = fig.add_subplot(gs[0]), fig.add_subplot(gs[1])
        a = self.animate
        L = self.limit
        sc = None
        for ax, P, lim, title in ((self.ax_raw, V, L, "w_raw_title"), (self.ax_cos, U, 1.35, "w_cos_title")):
            _style(ax, _t(title, lang), _t("w_coord1", lang), _t("w_coord2", lang))
            ax.title.set_fontsize(8.8)
            ax.set_xlim(-lim, lim)
            ax.set_ylim(-lim, lim)
            ax.set_aspect("equal")
            ax.axhline(0, color="#cccccc", lw=0.7, zorder=0)
            ax.axvline(0, color="#cccccc", lw=0.7, zorder=0)
            sc = ax.scatter(P[:, 0], P[:, 1], c=item_colors, cmap="viridis", vmin=1.5, vmax=4.5, s=9,
                            edgecolors="none", alpha=0.8, zorder=2)
        self.ax_cos.add_patch(Circle((0, 0), 1.0, fc="none", ec="#555555", lw=1.0, zorder=1))
        cax = fig.add_axes([0.915, 0.16, 0.012, 0.74])
        cb = fig.colorbar(sc, cax=cax)
        cb.set_label(_t("w_item_avg", lang), fontsize=8)
        cb.ax.tick_params(labelsize=7)
        self.levels_raw = [a(self.ax_raw.plot([], [], color="#444444", lw=0.9, ls="--", zorder=3)[0])
                           for _ in STAR_LEVELS]
        self.level_texts_raw = [a(self.ax_raw.text(0, 0, "", fontsize=7.5, color="#222222", ha="center",
                                                   va="center", zorder=7, clip_on=True,
                                                   bbox=dict(fc="white", ec="none", alpha=0.8, pad=0.6)))
                                for _ in STAR_LEVELS]
        self.levels_cos = [a(self.ax_cos.plot([], [], color="#444444", lw=0.9, ls="--", zorder=3)[0])
                           for _ in COS_LEVELS]
        self.level_texts_cos = [a(self.ax_cos.text(0, 0, "", fontsize=7.5, color="#222222", ha="center",
                                                   va="center", zorder=7, clip_on=True,
                                                   bbox=dict(fc="white", ec="none", alpha=0.8, pad=0.6)))
                                for _ in COS_LEVELS]
        self.top_raw = a(_points(self.ax_raw, 7, marker="o", ms=9, mfc="none", mec=DOT_COLOR, mew=1.6))
        self.top_cos = a(_points(self.ax_cos, 7, marker="o", ms=9, mfc="none", mec=COS_COLOR, mew=1.6))
        self.user_raw = a(self.ax_raw.plot([], [], "-", color=USER_COLOR, lw=2.2, marker="*", ms=13,
                                           markevery=[1], mec="black", mew=0.6, zorder=6)[0])
        self.user_cos = a(self.ax_cos.plot([], [], "-", color=USER_COLOR, lw=2.2, marker="*", ms=13,
                                           markevery=[1], mec="black", mew=0.6, zorder=6)[0])
        self.state = a(self.ax_raw.text(0.5, 0.975, "", transform=fig.transFigure, ha="center", va="top",
                                        fontsize=10, color="#333333"))
        handles = [Line2D([], [], ls="none", marker="o", ms=5, mfc="#3b528b", mec="none", label=_t("w_items", lang)),
                   Line2D([], [], color=USER_COLOR, lw=2.2, marker="*", ms=11, mec="black", mew=0.6,
                          label=_t("w_the_user", lang)),
                   Line2D([], [], ls="none", marker="o", ms=8, mfc="none", mec=DOT_COLOR, mew=1.6,
                          label=_t("w_top_dot", lang)),
                   Line2D([], [], ls="none", marker="o", ms=8, mfc="none", mec=COS_COLOR, mew=1.6,
                          label=_t("w_top_cos", lang))]
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.48, 0.0), ncol=4, fontsize=8,
                   frameon=False)
        self.items_raw, self.items_cos = V, U
        self._overlay = [*self.ax_raw.spines.values(), *self.ax_cos.spines.values()]

    @staticmethod
    def _label_at(text, P, lim, label):
        """Put ``label`` on the segment P (2, 2) where it is inside the box [−0.9 lim, 0.9 lim]², else hide it."""
        if not np.all(np.isfinite(P)):
            text.set_text("")
            return
        ts = np.linspace(0.0, 1.0, 401)
        pts = P[0] + ts[:, None] * (P[1] - P[0])
        inside = np.all(np.abs(pts) <= 0.88 * lim, axis=1)
        if not inside.any():
            text.set_text("")
            text.set_position((0.0, 0.0))
            return
        idx = np.flatnonzero(inside)
        x, y = pts[idx[int(0.8 * (idx.size - 1))]]
        text.set_position((float(x), float(y)))
        text.set_text(label)

    def update(self, u, star_levels, top_dot, top_cos, state: str, draw: bool = True) -> None:
        """``u`` the user's tower output (2,), ``star_levels`` the dot-product values where the model predicts the
        stars of :data:`STAR_LEVELS`, ``top_dot``/``top_cos`` the item indices of the two top 5s (listed in the
        widget's readout, not here: multi-line texts would double the cost of an update) and the state text; then
        (``draw=True``) blit."""
        u = np.asarray(u, dtype=float)
        n = float(np.linalg.norm(u))
        self.user_raw.set_data([0.0, u[0]], [0.0, u[1]])
        e = u / n if n > 0 else u
        self.user_cos.set_data([0.0, e[0]], [0.0, e[1]])
        reach = 3.0 * self.limit
        for line, text, z, s in zip(self.levels_raw, self.level_texts_raw, star_levels, STAR_LEVELS):
            P = level_line(u, z, reach)
            line.set_data(P[:, 0], P[:, 1])
            self._label_at(text, P, self.limit, _t("w_stars_level", self.lang, s=f"{s:g}"))
        for line, text, c in zip(self.levels_cos, self.level_texts_cos, COS_LEVELS):
            P = level_line(e, c, 3.0)
            line.set_data(P[:, 0], P[:, 1])
            self._label_at(text, P, 1.35, _t("w_cos_level", self.lang, c=_num(c, "g")))
        _set_points(self.top_raw, self.items_raw[np.asarray(top_dot, dtype=int)])
        _set_points(self.top_cos, self.items_cos[np.asarray(top_cos, dtype=int)])
        self.state.set_text(state)
        if draw:
            self.refresh()


# ----------------------------------------------------------------------------------------- static figures
CURVE_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def curves_figure(runs, lang: str | None = None, title: str | None = None) -> Figure:
    """Two axes side by side: the training loss per epoch (log y) and the validation RMSE in stars per epoch of each
    ``(label, history)`` in ``runs`` (labels come localized from the caller; a history has ``train_loss``,
    ``val_rmse`` and ``diverged``). A diverged run is drawn up to its last finite epoch and ends in a × (on the top
    edge at epoch 1 when no epoch finished)."""
    runs = list(runs)
    if not runs:
        raise ValueError("curves_figure needs at least one (label, history) run")
    fig = new_figure((10.5, 4.0), 100)
    ax_l, ax_v = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
    fig.subplots_adjust(left=0.07, right=0.985, bottom=0.25, top=0.86, wspace=0.22)
    _style(ax_l, _t("w_loss_title", lang), _t("w_epoch", lang), _t("w_loss_y", lang))
    _style(ax_v, _t("w_val_title", lang), _t("w_epoch", lang), _t("w_val_y", lang))
    ax_l.set_yscale("log")
    epochs = max(np.asarray(h["train_loss"]).size for _, h in runs)
    finite_l = np.concatenate([np.asarray(h["train_loss"], float) for _, h in runs])
    finite_l = finite_l[np.isfinite(finite_l) & (finite_l > 0)]
    finite_v = np.concatenate([np.asarray(h["val_rmse"], float) for _, h in runs])
    finite_v = finite_v[np.isfinite(finite_v)]
    l_top = finite_l.max() * 2.0 if finite_l.size else 10.0
    l_lim = (finite_l.min() / 1.5 if finite_l.size else 0.1, l_top)
    v_top = finite_v.max() + 0.15 if finite_v.size else 3.0
    v_lim = (max(0.0, finite_v.min() - 0.1) if finite_v.size else 0.5, v_top)
    any_div = False
    for k, (label, h) in enumerate(runs):
        color = CURVE_COLORS[k % len(CURVE_COLORS)]
        div = bool(h.get("diverged", False)) or not np.all(np.isfinite(np.asarray(h["train_loss"], float)))
        for ax, key, top in ((ax_l, "train_loss", l_lim[1]), (ax_v, "val_rmse", v_lim[1])):
            v = np.asarray(h[key], dtype=float)
            ok = np.isfinite(v) & ((v > 0) if key == "train_loss" else True)
            x = np.arange(1, v.size + 1)
            ax.plot(x[ok], v[ok], "-o", color=color, lw=1.6, ms=3, label=str(label) if ax is ax_l else None)
            if div:
                xm, ym = _diverged_mark(np.where(ok, v, np.nan), top)
                ax.plot([xm], [min(ym, top)], "x", color=color, ms=10, mew=2.2, clip_on=False, zorder=6)
        any_div |= div
    ax_l.set_ylim(*l_lim)
    ax_v.set_ylim(*v_lim)
    for ax in (ax_l, ax_v):
        ax.set_xlim(0.5, epochs + 0.5)
    handles, labels = ax_l.get_legend_handles_labels()
    if any_div:
        handles.append(Line2D([], [], ls="none", marker="x", color="#333333", ms=8, mew=2.0))
        labels.append(_t("w_diverged_mark", lang))
    fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=min(4, len(labels)),
               fontsize=8, frameon=False)
    fig.suptitle(title if title is not None else _t("f_curves_title", lang), fontsize=10.5)
    return fig


def _ablation_cells(values, lrs, seeds):
    """``{lr: array of seeds}`` from a mapping ``{lr: seq}``, a sequence of ``(lr, seed, rmse)`` triples, or a flat
    sequence in lr-major order (``lrs`` and ``seeds`` given)."""
    if isinstance(values, dict):
        return {float(lr): np.asarray(v, dtype=float).ravel() for lr, v in values.items()}
    vals = list(values)
    if vals and isinstance(vals[0], (tuple, list)) and len(vals[0]) == 3:
        out: dict = {}
        for lr, _seed, v in vals:
            out.setdefault(float(lr), []).append(float(v))
        return {lr: np.asarray(v, dtype=float) for lr, v in out.items()}
    if lrs is None:
        raise ValueError("a flat list of RMSE values needs lrs= (and seeds=) to place them")
    arr = np.asarray(vals, dtype=float)
    n_seeds = len(seeds) if seeds is not None else arr.size // len(lrs)
    if arr.size != len(lrs) * n_seeds:
        raise ValueError(f"{arr.size} values do not fill {len(lrs)} learning rates × {n_seeds} seeds")
    arr = arr.reshape(len(lrs), n_seeds)
    return {float(lr): arr[k] for k, lr in enumerate(lrs)}


def ablation_figure(table, lang: str | None = None, lrs=None, seeds=None, baselines: dict | None = None) -> Figure:
    """A 2 × 2 panel: rows L2-normalized or not, columns ratings min-max scaled to [−1, 1] or raw stars; in each,
    the test RMSE per learning rate (bar: mean over the seeds that did not diverge; dots: single seeds) and a red
    × "diverged" where a seed diverged (nan). ``table``: ``{(normalize, scale_y): values}`` with values a mapping
    ``{lr: [rmse per seed]}``, a list of ``(lr, seed, rmse)`` or a flat lr-major list (with ``lrs=``, ``seeds=``).
    Baselines (dashed): ``baselines`` or :func:`test_baselines`. Every panel has the same y range."""
    if not table:
        raise ValueError("ablation_figure needs at least one cell")
    cells = {(bool(k[0]), bool(k[1])): _ablation_cells(v, lrs, seeds) for k, v in table.items()}
    base = baselines if baselines is not None else test_baselines()
    all_v = np.concatenate([v for c in cells.values() for v in c.values()])
    finite = all_v[np.isfinite(all_v)]
    top = max(3.0, float(finite.max()) * 1.12) if finite.size else 3.0
    fig = new_figure((10.5, 6.4), 100)
    gs = fig.add_gridspec(2, 2, left=0.08, right=0.985, bottom=0.12, top=0.86, hspace=0.42, wspace=0.12)
    rng = np.random.default_rng(0)
    for i, norm in enumerate((True, False)):
        for j, scale in enumerate((True, False)):
            ax = fig.add_subplot(gs[i, j])
            title = _t("f_panel", lang, norm=_t("w_norm_on" if norm else "w_norm_off", lang),
                       scale=_t("w_scale_on" if scale else "w_scale_off", lang))
            _style(ax, title, _t("f_ablation_x", lang) if i == 1 else None, _t("f_ablation_y", lang) if j == 0 else None)
            ax.title.set_fontsize(8.8)
            ax.set_ylim(0.0, top)
            ax.axhline(base["global"], color=BASE_GLOBAL, ls="--", lw=1.0, zorder=1)
            ax.axhline(base["item"], color=BASE_ITEM, ls="--", lw=1.0, zorder=1)
            c = cells.get((norm, scale))
            if c is None:
                ax.set_xticks([])
                continue
            lr_list = sorted(c)
            color = SETTING_COLORS[(norm, scale)]
            for k, lr in enumerate(lr_list):
                v = c[lr]
                ok = np.isfinite(v)
                if ok.any():
                    mean = float(v[ok].mean())
                    ax.bar(k, mean, width=0.65, color=color, alpha=0.75, zorder=2, gid=f"bar:{norm}:{scale}:{lr:g}")
                    ax.text(k, mean + 0.03 * top, _num(mean, ".2f"), ha="center", va="bottom", fontsize=7.5, zorder=4)
                    ax.plot(k + rng.uniform(-0.15, 0.15, ok.sum()), v[ok], "o", ms=3.2, mfc="white", mec="#222222",
                            mew=0.7, zorder=3)
                if (~ok).any():
                    y = 0.9 * top if not ok.any() else min(0.9 * top, float(v[ok].mean()) + 0.2 * top)
                    ax.plot([k], [y], "x", color=DIV_COLOR, ms=10, mew=2.2, zorder=5, gid=f"div:{norm}:{scale}:{lr:g}")
                    ax.text(k, y - 0.07 * top, f"{_t('f_div', lang)} {int((~ok).sum())}/{v.size}", ha="center",
                            va="top", fontsize=7, color=DIV_COLOR, zorder=5)
            ax.set_xticks(np.arange(len(lr_list)), [f"{lr:g}" for lr in lr_list])
            ax.set_xlim(-0.6, len(lr_list) - 0.4)
    handles = [Patch(fc="#999999", alpha=0.75, label=_t("f_mean", lang)),
               Line2D([], [], ls="none", marker="o", ms=4, mfc="white", mec="#222222", label=_t("f_seed_dots", lang)),
               Line2D([], [], ls="none", marker="x", ms=8, mew=2.0, color=DIV_COLOR, label=_t("f_div", lang)),
               Line2D([], [], color=BASE_GLOBAL, ls="--", label=_t("w_global_mean", lang, v=_num(base["global"]))),
               Line2D([], [], color=BASE_ITEM, ls="--", label=_t("w_item_mean", lang, v=_num(base["item"])))]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=5, fontsize=8, frameon=False)
    fig.suptitle(_t("f_ablation_title", lang), fontsize=10.5)
    return fig


def pred_vs_true_figure(true_stars, pred_stars, lang: str | None = None) -> Figure:
    """The test set's predicted stars (clipped to [0.5, 5]) against the true stars: the row-normalized 2-D histogram
    of :func:`pred_true_counts` with the diagonal and the RMSE."""
    counts = pred_true_counts(true_stars, pred_stars)
    fig = new_figure((5.6, 4.4), 100)
    ax = fig.add_subplot(1, 1, 1)
    fig.subplots_adjust(left=0.12, right=0.95, bottom=0.13, top=0.9)
    _style(ax, _t("f_pvt_title", lang), _t("w_pred_x", lang), _t("w_true_y", lang))
    ax.grid(False)
    im = ax.imshow(row_shares(counts), origin="lower", aspect="auto", extent=(0.5, 5.0, 0.25, 5.25), cmap="Blues",
                   vmin=0.0, vmax=0.5, interpolation="nearest")
    ax.plot([0.5, 5.0], [0.5, 5.0], color="#333333", lw=0.9, ls=":")
    ax.set_xlim(0.5, 5.0)
    ax.set_ylim(0.25, 5.25)
    ax.set_yticks([1, 2, 3, 4, 5])
    cb = fig.colorbar(im, ax=ax, fraction=0.05, pad=0.02)
    cb.set_label(_t("w_share", lang), fontsize=8)
    rmse = stars_rmse(pred_stars, true_stars)
    note = _t("w_rmse_note", lang, rmse=_num(rmse)) if np.isfinite(rmse) else _t("w_no_predictions", lang)
    ax.text(0.03, 0.97, note, transform=ax.transAxes, ha="left", va="top", fontsize=8.5,
            bbox=dict(fc="white", ec="none", alpha=0.85, pad=1.2))
    return fig
