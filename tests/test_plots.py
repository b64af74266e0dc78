"""Shared plot pieces of fsgeom.plots, headless (Agg): figures without pyplot, display grids, the blitting base
class (first refresh draws fully, later ones blit). The modules' views are tested in tests/modules/."""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from fsgeom import plots


def test_new_figure_is_agg_and_not_pyplot_managed():
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    fig = plots.new_figure((4, 3), 80)
    assert isinstance(fig, Figure) and isinstance(fig.canvas, FigureCanvasAgg)
    assert fig not in [plt.figure(n) for n in plt.get_fignums()]


def test_display_grid_cell_centres():
    xs, ys = plots.display_grid((0.0, 10.0, 100.0, 200.0), shape=(4, 5))
    np.testing.assert_allclose(xs, [1, 3, 5, 7, 9])
    np.testing.assert_allclose(ys, [112.5, 137.5, 162.5, 187.5])


def test_blit_view_first_refresh_draws_fully_then_blits():
    fig = plots.new_figure((3, 2), 80)
    view = plots.BlitView(fig)
    ax = fig.add_subplot()
    ax.set_xlim(0, 1)
    line = view.animate(ax.plot([0, 1], [0, 1])[0])
    assert line.get_animated() and view.animated_artists == [line]
    view.refresh()
    assert (view.full_draws, view.blits) == (1, 0)
    line.set_ydata([1, 0])
    view.refresh()
    assert (view.full_draws, view.blits) == (1, 1)
