"""Module 02 plot pieces: the encoding-geometry and analogy views (updated in place, on
:class:`fsgeom.plots.BlitView`) and plain drawing functions the lecture may call for static plots.

Drawing functions take an ``ax`` and the numbers (they compute nothing but 2-D positions), draw, and return the
artists they made, so a view can mark them animated and move them later:

* :func:`plot_distance_matrix` -- an m x m distance heatmap with the numbers written in it;
* :func:`plot_category_layout` -- categories as labelled points in the plane (with optional edges);
* :func:`plot_code_order_spread` -- the test accuracies of every code order as bars, with reference lines;
* :func:`plot_analogy` -- word vectors in a 2-D projection, the arrow a -> b and the same arrow drawn from c;
* :func:`plot_king_queen` -- the lecture's king / queen / man / woman parallelogram from our own vectors.

Figure text comes from :mod:`.texts` (keys ``w_*``) in the notebook's language (:func:`fsgeom.i18n.language`) or
the ``lang`` given. Numbers come from :mod:`.maths` (see :mod:`.widgets` for how the widgets compute them).
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import offset_copy

from ...plots import BlitView, marker_line as _points, new_figure, set_points as _set_points
from .texts import T

__all__ = ["CATEGORY_COLORS", "MALE_COLOR", "FEMALE_COLOR", "ARROW_COLOR", "ANSWER_COLOR", "DIST_CMAP",
           "category_labels", "category_layout_positions", "plot_distance_matrix", "set_distance_matrix",
           "plot_category_layout", "set_category_layout", "plot_code_order_spread", "plot_analogy",
           "plot_king_queen", "king_queen_legend_handles", "EncodingView", "AnalogyView", "king_queen_figure"]

# Okabe-Ito colours (colour-blind safe), one per weather category in sorted order
CATEGORY_COLORS = ("#56B4E9", "#999999", "#0072B2", "#CC79A7", "#E69F00")
MALE_COLOR = "#0072B2"
FEMALE_COLOR = "#D55E00"
ARROW_COLOR = "#009E73"
ANSWER_COLOR = "#111111"
INPUT_COLOR = "#D55E00"
OTHER_COLOR = "#8a8a8a"
DIST_CMAP = "YlGnBu"
_ENCODING_COLOR = {"integer": "#D55E00", "onehot": "#0072B2", "embedding": "#009E73"}


def _t(key: str, lang: str | None, **fmt) -> str:
    return T(key, lang=lang, **fmt)


def category_labels(levels, lang: str | None = None) -> list[str]:
    """The weather levels' names in the notebook's language (``w_cat_<level>``; other names stay as they are)."""
    return [_t(f"w_cat_{v}", lang) if f"w_cat_{v}" in T else str(v) for v in levels]


# ----------------------------------------------------------------------------------------- distance heatmap
def _text_color(value: float, vmax: float) -> str:
    return "white" if value > 0.55 * vmax else "black"


def plot_distance_matrix(ax, D, labels, vmax: float | None = None, cmap: str = DIST_CMAP, fontsize: float = 8.0,
                         upper: bool = False):
    """Draw the distance matrix ``D`` (m, m) as a heatmap with every value written in its cell (2 decimals), or,
    with ``upper``, only the cells above the diagonal (a distance matrix is symmetric with zeros on the diagonal;
    fewer texts are also quicker to redraw); rows and columns named by ``labels``, colours from 0 to ``vmax``
    (default ``D.max()``; give one ``vmax`` to compare several matrices). Returns ``(image, texts)``
    (``texts[i][j]`` is the text of cell (i, j), empty where no number is written); :func:`set_distance_matrix`
    updates them in place."""
    D = np.asarray(D, dtype=float)
    m = D.shape[0]
    vmax = float(D.max()) if vmax is None else float(vmax)
    image = ax.imshow(D, cmap=cmap, vmin=0.0, vmax=vmax if vmax > 0 else 1.0, interpolation="nearest")
    ax.set_xticks(range(m), labels, rotation=40, ha="right", rotation_mode="anchor")
    ax.set_yticks(range(m), labels)
    ax.tick_params(length=0)
    texts = [[ax.text(j, i, "", ha="center", va="center", fontsize=fontsize) for j in range(m)] for i in range(m)]
    set_distance_matrix(image, texts, D, upper=upper)
    return image, texts


def set_distance_matrix(image, texts, D, upper: bool = False) -> None:
    """Show the matrix ``D`` in the artists made by :func:`plot_distance_matrix` (colours and numbers; ``upper``:
    numbers above the diagonal only)."""
    D = np.asarray(D, dtype=float)
    image.set_data(D)
    vmax = image.norm.vmax
    for i, row in enumerate(texts):
        for j, text in enumerate(row):
            text.set_text(f"{D[i, j]:.2f}" if j > i or not upper else "")
            text.set_color(_text_color(D[i, j], vmax))


# ----------------------------------------------------------------------------------------- categories in 2-D
def category_layout_positions(P, radial: bool = False, offset: float = 0.16) -> np.ndarray:
    """Where the labels of the points ``P`` (m, 2) go: alternately above and below the points taken from left to
    right (so neighbours' names do not overlap), or (``radial``) outwards from the points' centroid."""
    P = np.asarray(P, dtype=float)
    if radial:
        out = P - P.mean(0)
        norm = np.linalg.norm(out, axis=1, keepdims=True)
        out = np.divide(out, norm, out=np.tile([0.0, 1.0], (len(P), 1)), where=norm > 1e-12)
        return P + offset * out
    sign = np.ones(len(P))
    sign[np.argsort(P[:, 0], kind="stable")[1::2]] = -1.0
    return P + np.column_stack([np.zeros(len(P)), sign * offset])


def plot_category_layout(ax, P, labels, colors=CATEGORY_COLORS, edges: bool = False, radial: bool = False,
                         fontsize: float = 8.0):
    """Draw categories as coloured points at ``P`` (m, 2) with their names; ``edges`` joins every pair by a thin
    line (one-hot: all pairs at the same distance). Returns ``(points, texts, edge_line)`` (a scatter, m texts,
    one Line2D with NaN-separated segments); :func:`set_category_layout` moves them."""
    P = np.asarray(P, dtype=float)
    edge_line = ax.plot([], [], color="#b0b0b0", lw=0.8, zorder=1)[0]
    points = ax.scatter(P[:, 0], P[:, 1], s=70, c=list(colors)[:len(P)], edgecolors="black", linewidths=0.6,
                        zorder=3)
    texts = [ax.text(0, 0, str(name), ha="center", va="bottom", fontsize=fontsize, zorder=4) for name in labels]
    set_category_layout(points, texts, edge_line, P, edges=edges, radial=radial)
    return points, texts, edge_line


def set_category_layout(points, texts, edge_line, P, edges: bool = False, radial: bool = False) -> None:
    """Move the artists of :func:`plot_category_layout` to the positions ``P`` (labels placed by
    :func:`category_layout_positions`)."""
    P = np.asarray(P, dtype=float)
    points.set_offsets(P)
    L = category_layout_positions(P, radial)
    for text, p, q in zip(texts, P, L):
        text.set_position((q[0], q[1]))
        dx, dy = q - p
        text.set_va("bottom" if dy > 0.3 * abs(dx) else ("top" if dy < -0.3 * abs(dx) else "center"))
        text.set_ha("center" if abs(dx) < 0.5 * abs(dy) else ("left" if dx > 0 else "right"))
    if edges:
        i, j = np.triu_indices(len(P), 1)
        seg = np.full((len(i), 3, 2), np.nan)
        seg[:, 0], seg[:, 1] = P[i], P[j]
        seg = seg.reshape(-1, 2)
        edge_line.set_data(seg[:, 0], seg[:, 1])
    else:
        edge_line.set_data([], [])


# ----------------------------------------------------------------------------------------- accuracy spread
def plot_code_order_spread(ax, accuracies, references: dict | None = None, n_test: int | None = None,
                           color: str = "#c9c9c9", lang: str | None = None):
    """Bars of how many code orders reach each test accuracy (``accuracies``: one number per order; accuracies
    on ``n_test`` test rows are multiples of 1/n_test, so each distinct value gets a bar ``0.8/n_test`` wide) and a
    vertical line per entry of ``references`` (``{label: (accuracy, colour, linestyle)}``, e.g. one-hot).
    Returns ``{"bars": BarContainer, "values": distinct accuracies, "counts": orders per value, "lines": {label:
    Line2D}}``. Axis labels in the notebook's language."""
    acc = np.asarray(accuracies, dtype=float)
    values, counts = np.unique(acc, return_counts=True)
    step = 1.0 / n_test if n_test else (np.diff(values).min() if values.size > 1 else 0.01)
    bars = ax.bar(values, counts, width=0.8 * step, color=color, edgecolor="#7a7a7a", linewidth=0.5, zorder=2,
                  label=_t("w_spread_orders", lang, n=acc.size))
    lines = {}
    for label, (x, col, ls) in (references or {}).items():
        lines[label] = ax.axvline(x, color=col, ls=ls, lw=1.4, zorder=3, label=label)
    ax.set_xlabel(_t("w_spread_x", lang), fontsize=8.5, labelpad=1)
    ax.set_ylabel(_t("w_spread_y", lang), fontsize=8.5, labelpad=1)
    ax.set_ylim(0, counts.max() * 1.35 + 1)
    ax.grid(True, axis="y", color="#e9e9e9", lw=0.6)
    ax.set_axisbelow(True)
    return {"bars": bars, "values": values, "counts": counts, "lines": lines}


# ----------------------------------------------------------------------------------------- analogies
def plot_analogy(ax, coords, words, a: str, b: str, c: str, target=None, genders=None, fontsize: float = 7.5):
    """Words as labelled points at ``coords`` (n, 2) (coloured by ``genders``, a sequence of "male"/"female", if
    given); the arrow a -> b, and the same arrow drawn from c (to ``target``, default ``c + b - a`` in these
    coordinates; pass the projection of the high-dimensional ``c + b - a`` for a linear projection it is the same).
    Returns a dict of the artists made (``points``, ``texts``, ``arrow_ab``, ``arrow_c``, ``target``)."""
    coords = np.asarray(coords, dtype=float)
    idx = {w: i for i, w in enumerate(words)}
    pa, pb, pc = coords[idx[a]], coords[idx[b]], coords[idx[c]]
    target = pc + pb - pa if target is None else np.asarray(target, dtype=float)
    colors = ([MALE_COLOR if g == "male" else FEMALE_COLOR for g in genders] if genders is not None
              else [OTHER_COLOR] * len(words))
    points = ax.scatter(coords[:, 0], coords[:, 1], s=18, c=colors, zorder=2, linewidths=0)
    texts = [ax.text(x, y, f" {w}", fontsize=fontsize, va="center", ha="left", zorder=2.5, color="#333333")
             for w, (x, y) in zip(words, coords)]
    style = dict(arrowstyle="-|>", lw=1.8, color=ARROW_COLOR, shrinkA=2, shrinkB=2, mutation_scale=12)
    arrow_ab = ax.annotate("", xy=pb, xytext=pa, arrowprops=style, zorder=4)
    arrow_c = ax.annotate("", xy=target, xytext=pc, arrowprops=dict(style, ls="--"), zorder=4)
    tgt = ax.plot([target[0]], [target[1]], ls="none", marker="X", ms=9, color=ARROW_COLOR, mec="white", zorder=5)[0]
    return {"points": points, "texts": texts, "arrow_ab": arrow_ab, "arrow_c": arrow_c, "target": tgt}


def king_queen_legend_handles(lang: str | None = None) -> list:
    """Legend entries of :func:`plot_king_queen`."""
    return [Line2D([], [], color=ARROW_COLOR, lw=2.2, label=_t("w_kq_gender", lang)),
            Line2D([], [], color="#CC79A7", lw=2.2, label=_t("w_kq_royal", lang)),
            Line2D([], [], color="#b5b5b5", lw=0.8, label=_t("w_kq_pairs", lang)),
            Line2D([], [], ls="none", marker="o", color=MALE_COLOR, label=_t("w_male", lang)),
            Line2D([], [], ls="none", marker="o", color=FEMALE_COLOR, label=_t("w_female", lang))]


def plot_king_queen(ax, coords, words, pairs, d: int | None = None, lang: str | None = None,
                    legend: bool = True):
    """The lecture's picture from our vectors: the words of ``pairs`` (``(male, female)`` tuples) at ``coords``
    (rows in the order of ``words``), every male -> female arrow thin and grey, and the parallelogram
    man -> woman, king -> queen (gender, green) and man -> king, woman -> queen (person -> monarch, purple) bold.
    ``legend=False`` leaves the legend out (:func:`king_queen_legend_handles` gives its entries). Returns the
    arrows drawn (a dict)."""
    coords = np.asarray(coords, dtype=float)
    idx = {w: i for i, w in enumerate(words)}
    P = lambda w: coords[idx[w]]  # noqa: E731
    grey = dict(arrowstyle="-|>", lw=0.8, color="#b5b5b5", shrinkA=3, shrinkB=3, mutation_scale=8)
    out = {}
    for m, f in pairs:
        if (m, f) in (("man", "woman"), ("king", "queen")):
            continue
        out[(m, f)] = ax.annotate("", xy=P(f), xytext=P(m), arrowprops=grey, zorder=1)
    bold = dict(arrowstyle="-|>", lw=2.2, shrinkA=4, shrinkB=4, mutation_scale=14)
    for (u, v), color in (((("man", "woman"), ARROW_COLOR)), ((("king", "queen"), ARROW_COLOR)),
                          ((("man", "king"), "#CC79A7")), ((("woman", "queen"), "#CC79A7"))):
        out[(u, v)] = ax.annotate("", xy=P(v), xytext=P(u), arrowprops=dict(bold, color=color), zorder=3)
    for m, f in pairs:
        for w, col in ((m, MALE_COLOR), (f, FEMALE_COLOR)):
            big = w in ("man", "woman", "king", "queen")
            ax.plot(*P(w), "o", color=col, ms=8 if big else 4.5, mec="white", mew=0.6, zorder=4)
            ax.annotate(w, P(w), xytext=(4, 3), textcoords="offset points", fontsize=10 if big else 7.5,
                        fontweight="bold" if big else "normal", color="#222222" if big else "#666666", zorder=5)
    ax.set_xlabel(_t("w_kq_x", lang), fontsize=9)
    ax.set_ylabel(_t("w_kq_y", lang), fontsize=9)
    ax.tick_params(labelsize=7.5)
    ax.grid(True, color="#eeeeee", lw=0.6)
    ax.set_axisbelow(True)
    ax.margins(x=0.16, y=0.08)
    ax.set_aspect("equal", adjustable="datalim")
    if d is not None:
        ax.set_title(_t("w_kq_title", lang, d=d), fontsize=10)
    if legend:
        ax.legend(handles=king_queen_legend_handles(lang), fontsize=7.5, loc="best", framealpha=0.9)
    return out


def king_queen_figure(coords, words, pairs, d: int, lang: str | None = None) -> Figure:
    """:func:`plot_king_queen` on a figure of its own (made without pyplot)."""
    fig = new_figure((6.4, 5.4), 100)
    ax = fig.add_subplot(1, 1, 1)
    fig.subplots_adjust(left=0.11, right=0.98, bottom=0.18, top=0.93)
    plot_king_queen(ax, coords, words, pairs, d=d, lang=lang, legend=False)
    fig.legend(handles=king_queen_legend_handles(lang), loc="lower center", ncol=3, frameon=False, fontsize=8)
    return fig


# ----------------------------------------------------------------------------------------- views
class EncodingView(BlitView):
    """Three panels for one encoding of the weather category: (a) the m x m distance matrix between the
    categories (heatmap, one colour scale for every encoding, numbers above the diagonal), (b) the categories in the plane,
    (c) bars of the k-NN test accuracy over every integer code order, with reference lines (one-hot, learned
    embedding), a star on the current order's bar and a vertical line at the chosen encoding's accuracy.

    ``layout_extent`` = (x0, x1, y0, y1) of panel (b), fixed (it must hold every layout the widget shows).
    Attributes: ``ax_dist``, ``ax_layout``, ``ax_spread``; animated ``image``, ``cell_texts`` (m x m),
    ``points``, ``labels``, ``edges``, ``note``, ``order_star``, ``current_line``, ``info``; ``spread`` (the dict
    of :func:`plot_code_order_spread`).
    """

    def __init__(self, levels, order_accuracies, references: dict, vmax: float, layout_extent, n_test: int,
                 k: int, fig: Figure | None = None, lang: str | None = None):
        fig = fig if fig is not None else new_figure((9.6, 3.4), 90)
        super().__init__(fig)
        m = len(levels)
        names = category_labels(levels, lang)
        gs = fig.add_gridspec(1, 3, width_ratios=[1.0, 1.55, 1.2], left=0.07, right=0.99, bottom=0.23,
                              top=0.91, wspace=0.3)
        self.ax_dist, self.ax_layout, self.ax_spread = (fig.add_subplot(gs[i]) for i in range(3))
        a = self.animate
        # (a) distances
        image, texts = plot_distance_matrix(self.ax_dist, np.zeros((m, m)), names, vmax=vmax, fontsize=7.5,
                                            upper=True)
        self.image = a(image)
        self.cell_texts = [[a(t) for t in row] for row in texts]
        self.ax_dist.set_title(_t("w_dist_title", lang), fontsize=9.5)
        self.ax_dist.tick_params(labelsize=7.5)
        # (b) layout
        ax = self.ax_layout
        x0, x1, y0, y1 = layout_extent
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        ax.grid(True, color="#eeeeee", lw=0.6)
        ax.set_axisbelow(True)
        ax.tick_params(labelsize=7.5)
        ax.set_title(_t("w_layout_title", lang), fontsize=9.5)
        points, labels, edges = plot_category_layout(ax, np.zeros((m, 2)), names, fontsize=7.5)
        self.points, self.edges = a(points), a(edges)
        self.labels = [a(t) for t in labels]
        below = offset_copy(ax.transAxes, fig=fig, y=-20, units="points")      # 20 pt under the panel
        self.note = a(ax.text(0.5, 0.0, "", transform=below, ha="center", va="top", fontsize=8, zorder=6))
        # (c) accuracy over every code order
        ax = self.ax_spread
        self.spread = plot_code_order_spread(ax, order_accuracies, references, n_test=n_test, lang=lang)
        xs = np.concatenate([np.asarray(order_accuracies, dtype=float), [v[0] for v in references.values()]])
        pad = 0.15 * (xs.max() - xs.min()) + 0.5 / n_test
        ax.set_xlim(xs.min() - pad, xs.max() + pad)
        ax.tick_params(labelsize=7.5)
        ax.set_title(_t("w_spread_title", lang, k=k), fontsize=9.5)
        self.order_star = a(_points(ax, 5, marker="*", ms=13, mfc=_ENCODING_COLOR["integer"], mec="black",
                                    mew=0.6))
        self.current_line = a(ax.axvline(np.nan, color="black", lw=2.4, alpha=0.55, zorder=4))
        self.info = a(ax.text(0.03, 0.96, "", transform=ax.transAxes, ha="left", va="top", fontsize=8, zorder=6))
        handles = [Patch(fc="#c9c9c9", ec="#7a7a7a", label=_t("w_spread_orders", lang, n=len(order_accuracies))),
                   Line2D([], [], ls="none", marker="*", ms=11, mfc=_ENCODING_COLOR["integer"], mec="black",
                          label=_t("w_spread_this", lang))]
        handles += [Line2D([], [], color=col, ls=ls, lw=1.4, label=label) for label, (_, col, ls) in references.items()]
        handles += [Line2D([], [], color="black", alpha=0.55, lw=2.4, label=_t("w_spread_current", lang))]
        fig.legend(handles=handles, loc="lower right", bbox_to_anchor=(0.995, 0.0), ncol=len(handles),
                   frameon=False, fontsize=7.5, handlelength=1.5, columnspacing=1.0, handletextpad=0.4)
        self._overlay = [*self.ax_layout.spines.values(), *self.ax_spread.spines.values()]

    def update(self, D, P, edges: bool, radial: bool, note: str, order_acc: float, order_count: int,
               current_acc: float, info: str, draw: bool = True):
        """Show the distance matrix ``D``, the layout ``P`` (m, 2) (``edges``: join every pair; ``radial``:
        labels outwards, else alternately above / below), the ``note``, the star at ``(order_acc, order_count)``
        (the current order's bar), the chosen encoding's accuracy line and the ``info`` text; then blit."""
        set_distance_matrix(self.image, self.cell_texts, D, upper=True)
        set_category_layout(self.points, self.labels, self.edges, P, edges=edges, radial=radial)
        self.note.set_text(note)
        _set_points(self.order_star, [order_acc, order_count + 0.9])
        self.current_line.set_xdata([current_acc, current_acc])
        self.info.set_text(info)
        if draw:
            self.refresh()


class AnalogyView(BlitView):
    """Left: the person words projected on the plane through the unit vectors of a, b and c (``coords`` from the
    widget; points coloured by gender, names), the arrow a -> b, the same arrow drawn from c (to the point of
    b - a + c), a ring on the nearest word. Right: the top-5 words
    by cosine to b - a + c as bars (query words in vermilion), with the mode in the title.

    ``extent`` = (x0, x1, y0, y1) of the left panel, fixed. Attributes: ``ax``, ``ax_bars``; animated ``points``
    (one marker line per gender), ``texts`` (names of a, b, c (bold) and of the answer when it is a
    person word; the others empty), ``inputs`` (rings on a, b, c), ``arrow_ab``, ``arrow_c``, ``target``,
    ``answer``, ``title``, ``bars``, ``bar_texts``, ``bar_title``.
    """

    def __init__(self, words, genders, extent, n_top: int = 5, fig: Figure | None = None, lang: str | None = None):
        fig = fig if fig is not None else new_figure((9.6, 4.2), 90)
        super().__init__(fig)
        self.words = list(words)
        self.genders = np.asarray(genders)
        self.n_top = n_top
        gs = fig.add_gridspec(1, 2, width_ratios=[1.9, 1.0], left=0.06, right=0.985, bottom=0.17, top=0.92,
                              wspace=0.1)
        self.ax = ax = fig.add_subplot(gs[0])
        self.ax_bars = axb = fig.add_subplot(gs[1])
        x0, x1, y0, y1 = extent
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal", adjustable="box")
        ax.grid(True, color="#eeeeee", lw=0.6)
        ax.set_axisbelow(True)
        ax.tick_params(labelsize=7.5)
        ax.set_xlabel(_t("w_plane_x", lang), fontsize=8.5, labelpad=1)
        ax.set_ylabel(_t("w_plane_y", lang), fontsize=8.5, labelpad=1)
        a = self.animate
        self.points = {g: a(_points(ax, 2, marker="o", ms=4.5, color=col, mew=0))
                       for g, col in (("male", MALE_COLOR), ("female", FEMALE_COLOR))}
        # names of a, b, c and of the answer only (24 names overlap, the bars name the others, and every text
        # redrawn costs time on each update)
        self.texts = [a(ax.text(0, 0, "", fontsize=8, va="center", ha="left", zorder=6, color="#222222",
                                clip_on=True)) for _ in range(4)]
        style = dict(arrowstyle="-|>", lw=1.8, color=ARROW_COLOR, shrinkA=2, shrinkB=2, mutation_scale=12)
        self.arrow_ab = a(ax.annotate("", xy=(0, 0), xytext=(0, 0), arrowprops=style, zorder=4))
        self.arrow_c = a(ax.annotate("", xy=(0, 0), xytext=(0, 0), arrowprops=dict(style, ls="--"), zorder=4))
        self.target = a(_points(ax, 5, marker="X", ms=9, color=ARROW_COLOR, mec="white"))
        self.inputs = a(_points(ax, 3.5, marker="o", ms=10, mfc="none", mec=ARROW_COLOR, mew=1.6))
        self.answer = a(_points(ax, 3.6, marker="o", ms=15, mfc="none", mec=ANSWER_COLOR, mew=1.6))
        self.title = a(ax.text(0.0, 1.02, "", transform=ax.transAxes, ha="left", va="bottom", fontsize=9.5))
        # bars
        axb.set_xlim(-0.25, 1.12)
        axb.set_ylim(-0.6, n_top - 0.4)
        axb.set_yticks([])
        axb.axvline(0, color="#999999", lw=0.6)
        axb.set_xlabel(_t("w_top_x", lang), fontsize=8.5, labelpad=1)
        axb.tick_params(labelsize=7.5)
        axb.grid(True, axis="x", color="#eeeeee", lw=0.6)
        axb.set_axisbelow(True)
        ys = np.arange(n_top)[::-1]
        self.bars = [a(r) for r in axb.barh(ys, np.zeros(n_top), height=0.65, color=OTHER_COLOR, zorder=2)]
        self.bar_texts = [a(axb.text(0.02, y, "", va="center", ha="left", fontsize=8.5, zorder=3, color="white",
                                     fontweight="bold")) for y in ys]
        self.bar_title = a(axb.text(0.5, 1.02, "", transform=axb.transAxes, ha="center", va="bottom",
                                    fontsize=9.5))
        handles = [Line2D([], [], ls="none", marker="o", ms=5, color=MALE_COLOR, label=_t("w_male", lang)),
                   Line2D([], [], ls="none", marker="o", ms=5, color=FEMALE_COLOR, label=_t("w_female", lang)),
                   Line2D([], [], color=ARROW_COLOR, lw=1.8, label=_t("w_arrow_ab", lang)),
                   Line2D([], [], color=ARROW_COLOR, lw=1.8, ls="--", label=_t("w_arrow_c", lang)),
                   Line2D([], [], ls="none", marker="o", ms=11, mfc="none", mec=ANSWER_COLOR, mew=1.6,
                          label=_t("w_answer", lang)),
                   Patch(fc=INPUT_COLOR, label="a, b, c")]
        fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False, fontsize=7.5,
                   handlelength=1.6, columnspacing=1.2, handletextpad=0.4)
        self._overlay = [*ax.spines.values(), *axb.spines.values()]

    def update(self, coords, a_b_c, target, top_words, top_cosines, inputs, title: str, bar_title: str,
               draw: bool = True):
        """``coords`` (n, 2) of the words; ``a_b_c``: the three query words; ``target``: the 2-D point of
        b - a + c; ``top_words`` / ``top_cosines``: the nearest words (first = the answer); ``inputs``: the words
        to colour as query words. Then blit (``draw=True``)."""
        coords = np.asarray(coords, dtype=float)
        idx = {w: i for i, w in enumerate(self.words)}
        for g, line in self.points.items():
            _set_points(line, coords[self.genders == g])
        named = list(dict.fromkeys([*a_b_c, *(w for w in top_words[:1] if w in idx)]))
        for i, text in enumerate(self.texts):
            if i < len(named):
                p = coords[idx[named[i]]]
                text.set_position((p[0], p[1]))
                text.set_text(f"  {named[i]}")
                text.set_fontweight("bold" if i < 3 else "normal")
            else:
                text.set_text("")
        pa, pb, pc = (coords[idx[w]] for w in a_b_c)
        self.arrow_ab.xy, self.arrow_ab.xyann = tuple(pb), tuple(pa)
        self.arrow_c.xy, self.arrow_c.xyann = tuple(target), tuple(pc)
        _set_points(self.target, target)
        _set_points(self.inputs, [pa, pb, pc])
        top = top_words[0]
        _set_points(self.answer, coords[idx[top]] if top in idx else [np.nan, np.nan])
        self.title.set_text(title)
        inputs = set(inputs)
        for bar, text, w, cos in zip(self.bars, self.bar_texts, top_words, top_cosines):
            bar.set_width(float(cos))
            bar.set_color(INPUT_COLOR if w in inputs else (ANSWER_COLOR if w == top else OTHER_COLOR))
            text.set_text(f"{w}  {cos:.3f}")
            inside = cos > 0.45                      # white on the bar, else dark after it
            text.set_x(0.02 if inside else max(float(cos), 0.0) + 0.02)
            text.set_color("white" if inside else "#222222")
        self.bar_title.set_text(bar_title)
        if draw:
            self.refresh()
