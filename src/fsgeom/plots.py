"""Shared plot pieces: figures made without pyplot, and the blitting base class of every live widget view.

A live view derives from :class:`BlitView`: every artist that changes is created once, marked *animated*
and updated with ``set_data`` / ``set_offsets`` / ``set_array`` / ``set_text``; the static part (axes, ticks,
grid, legend) is rendered once and cached as a background (re-captured on every full draw, e.g. a resize or
a device-pixel-ratio change), and an update is ``restore_region`` + ``draw_artist`` + ``blit`` -- the pattern
of matplotlib's "Faster rendering by using blitting" tutorial. Axis limits are fixed, so nothing ever
rescales. Modules build their views and static figures on these pieces (``fsgeom.modules.<module>.plots``).

This layer does matplotlib only; the numbers come from the math layers.
"""
from __future__ import annotations

import io
import threading

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["new_figure", "style_axes", "display_grid", "BlitView", "marker_line", "set_points"]


def new_figure(figsize=(8.0, 3.6), dpi: int = 90) -> Figure:
    """A :class:`~matplotlib.figure.Figure` on an Agg canvas, made without pyplot (so it is never shown
    twice, never kept alive by pyplot, and works headless)."""
    fig = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def style_axes(ax, title, xlabel=None, ylabel=None):
    """The course's axes style for static figures and widget panels: a 9.5-pt title, 8.5-pt axis labels (only those
    given), 7.5-pt tick labels, a light grid behind the data."""
    ax.set_title(title, fontsize=9.5)
    if xlabel:
        ax.set_xlabel(xlabel, fontsize=8.5)
    if ylabel:
        ax.set_ylabel(ylabel, fontsize=8.5, labelpad=1)
    ax.tick_params(labelsize=7.5)
    ax.grid(True, color="#eeeeee", lw=0.6)
    ax.set_axisbelow(True)


def display_grid(extent, shape=(80, 80)):
    """Cell centres ``(xs, ys)`` of a ``shape = (ny, nx)`` image covering ``extent = (x0, x1, y0, y1)``."""
    x0, x1, y0, y1 = extent
    ny, nx = shape
    xs = x0 + (np.arange(nx) + 0.5) * (x1 - x0) / nx
    ys = y0 + (np.arange(ny) + 0.5) * (y1 - y0) / ny
    return xs, ys


# ----------------------------------------------------------------------------------------- blitting
class BlitView:
    """A figure with a cached static background and a list of animated artists (the blitting pattern).

    * :meth:`animate` registers an artist that changes (it is then skipped by full draws);
    * every full draw (``draw_event``: first draw, resize, dpi change) re-captures the background and
      draws the animated artists on top;
    * :meth:`refresh` restores the background, draws the animated artists and blits -- synchronously;
    * :meth:`png` renders the current state (animated artists included) to PNG bytes.

    ``lock`` (a re-entrant lock) serializes everything that touches the canvas' pixel buffer: in
    JupyterLab with ipykernel >= 7 widget messages run on a kernel *subshell* thread, concurrently with
    the cell running on the main thread, and a blit interleaved with a full draw would leave animated
    artists in the cached background (ghosts). The canvas may bring its own lock (``canvas._fsgeom_lock``,
    see :mod:`fsgeom.widgets`) so that draws it starts itself (browser refresh, resize) take the same one.

    Counters ``full_draws`` and ``blits`` let tests check which path an update took.
    """

    def __init__(self, fig: Figure):
        self.fig = fig
        self.lock = getattr(fig.canvas, "_fsgeom_lock", None) or threading.RLock()
        self._animated: list = []
        self._overlay: list = []     # static artists drawn again above the animated ones (e.g. spines)
        self._background = None
        self._bg_key = None
        self.full_draws = 0
        self.blits = 0
        self._cid = fig.canvas.mpl_connect("draw_event", self._on_draw)

    @property
    def canvas(self):
        """The figure's current canvas (Agg headless, ipympl's in a kernel)."""
        return self.fig.canvas

    @property
    def animated_artists(self) -> list:
        """The artists redrawn by every update (in drawing order)."""
        return list(self._animated)

    def animate(self, artist):
        """Mark ``artist`` as animated (updated in place, drawn by :meth:`refresh`) and return it."""
        artist.set_animated(True)
        self._animated.append(artist)
        self._animated.sort(key=lambda a: a.get_zorder())
        return artist

    def _key(self):
        return (tuple(np.round(self.fig.bbox.size, 3)), float(self.fig.dpi))

    def _on_draw(self, event):
        canvas = self.canvas
        if event is not None and event.canvas is not canvas:
            return                    # a temporary canvas of savefig (another format)
        if canvas.is_saving():
            return                    # savefig draws the animated artists itself
        with self.lock:
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self._bg_key = self._key()
            self._draw_animated()
            self.full_draws += 1

    def _draw_animated(self):
        for artist in self._animated:
            self.fig.draw_artist(artist)
        for artist in self._overlay:
            self.fig.draw_artist(artist)

    def refresh(self):
        """Redraw the animated artists now: restore background, draw them, blit. Falls back to one full
        draw when there is no valid background yet (first call, or the canvas size / dpi changed)."""
        with self.lock:
            canvas = self.canvas
            if self._background is None or self._bg_key != self._key():
                canvas.draw()
                return
            canvas.restore_region(self._background)
            self._draw_animated()
            canvas.blit(self.fig.bbox)
            self.blits += 1

    def png(self) -> bytes:
        """The current figure (animated artists included) as PNG bytes, at the figure's own size."""
        with self.lock:
            ratio = getattr(self.canvas, "device_pixel_ratio", 1) or 1
            buf = io.BytesIO()
            self.fig.savefig(buf, format="png", dpi=self.fig.dpi / ratio, metadata={"Software": None})
            return buf.getvalue()


# ----------------------------------------------------------------------------------------- marker helpers
def marker_line(ax, zorder, **style):
    """An empty marker-only Line2D (cheaper to redraw than a scatter; moved with :func:`set_points`)."""
    return ax.plot([], [], ls="none", zorder=zorder, **style)[0]


def set_points(line, P):
    """Move the markers of ``line`` to the points ``P`` (any shape that reshapes to ``(n, 2)``)."""
    P = np.asarray(P, dtype=float).reshape(-1, 2)
    line.set_data(P[:, 0], P[:, 1])
