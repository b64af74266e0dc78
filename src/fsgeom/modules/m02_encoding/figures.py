"""Module 02 figures for the README and static viewers (``./course figures``): each function takes the language and
returns a matplotlib Figure drawn by the same code as the widgets, so the PNGs match what students see.

* ``02-encoding-geometry``: the encoding explorer with integer codes (alphabetical order): distances, the codes on
  a line, the k-NN accuracy over all 120 code orders;
* ``02-encoding-onehot``: the same with one-hot (every distance sqrt 2);
* ``02-analogy``: the analogy explorer's default, man : king = woman : ? at d = 16 (a space with a gender
  direction);
* ``02-king-queen``: the lecture's king / queen / man / woman picture from our own vectors, at d = 8 (no gender
  direction: each male word and its female twin have cosine 0.999 on average, woman lies on man; the captions say
  so) and d = 16 (the parallelogram).
"""
from __future__ import annotations

from ...figures import course_figure
from ...plots import new_figure
from . import data, plots
from .texts import T


@course_figure("encoding-geometry")
def encoding_geometry(lang):
    from .widgets import encoding_explorer
    return encoding_explorer(backend="agg", lang=lang).view.fig


@course_figure("encoding-onehot")
def encoding_onehot(lang):
    from .widgets import encoding_explorer
    return encoding_explorer(encoding="onehot", backend="agg", lang=lang).view.fig


@course_figure("analogy")
def analogy(lang):
    from .widgets import analogy_explorer
    return analogy_explorer(backend="agg", lang=lang).view.fig


@course_figure("king-queen")
def king_queen(lang, dims=(8, 16)):
    from .widgets import analogy_space
    sp = analogy_space()
    fig = new_figure((10.8, 4.9), 100)
    axes = fig.subplots(1, len(dims))
    fig.subplots_adjust(left=0.06, right=0.95, bottom=0.16, top=0.89, wspace=0.2)
    for ax, d in zip(axes, dims):
        coords = sp.person_plane(d, "man", "king", "woman")[0]
        plots.plot_king_queen(ax, coords, sp.person, [p[:2] for p in data.PAIRS], lang=lang, legend=False)
        note = T("w_kq_no_gender" if sp.twin_cosine[d] > 0.95 else "w_kq_has_gender", lang=lang,
                 twin=sp.twin_cosine[d])
        ax.set_title(T("w_kq_title", lang=lang, d=d) + "\n" + note, fontsize=9.5)
    fig.legend(handles=plots.king_queen_legend_handles(lang), loc="lower center", ncol=5, frameon=False, fontsize=8.5)
    return fig
