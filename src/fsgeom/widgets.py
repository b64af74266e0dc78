"""Shared widget machinery: the :class:`CourseWidget` every course widget returns, its figure backend, and the
:func:`course_widget` marker by which widgets are discovered (each module defines its widgets in
``fsgeom.modules.<module>.widgets``; :func:`fsgeom.modules.widgets` finds them, nothing lists them by hand).

A :class:`CourseWidget` is an ``ipywidgets.VBox`` (controls, the figure, a readout) with attributes

* ``controls`` -- ``{name: ipywidgets control}``; every control is observed on ``"value"``, so
  ``w.controls["s1"].value = 3.0`` runs the update synchronously (tests and benchmarks drive widgets so);
* ``view`` -- the plot piece (a :class:`fsgeom.plots.BlitView`) (``view.fig`` is the matplotlib figure);
* ``readout`` -- an ``ipywidgets.HTML`` with the numbers shown to the student;
* ``numbers`` -- the same numbers as a dict (what the readout says, for code and tests).

Figures: inside a Jupyter kernel with ipympl installed the figure gets ipympl's canvas (a live widget,
created directly, without pyplot or ``%matplotlib widget``, so it is never displayed twice); a kernel
without ipympl gets a PNG image refreshed after each update; outside a kernel (tests, benchmarks) plain
Agg. Every update moves artists in place and ends with a synchronous blit (see :class:`fsgeom.plots.BlitView`).

``CourseWidget._repr_mimebundle_`` returns the widget view PLUS an ``image/png`` of the current figure and a
plain-text summary: JupyterLab renders the live widget (its renderer outranks ``image/png``); static viewers
(GitHub, nbviewer, an untrusted notebook) show the picture.
"""
from __future__ import annotations

import base64
import contextlib
import html
import itertools
import os
import re
import threading

import ipywidgets as W
from matplotlib.figure import Figure

from . import plots

__all__ = ["CourseWidget", "course_widget", "is_course_widget", "widget_figure", "widget_backend", "slider", "span",
           "BACKEND_ENV"]

#: environment variable that forces a figure backend for widgets: ``ipympl``, ``png`` or ``agg``
BACKEND_ENV = "FSGEOM_WIDGET_BACKEND"
_BACKENDS = ("ipympl", "png", "agg")
_figure_numbers = itertools.count(1)
_MARK = "__course_widget__"


def course_widget(fn):
    """Mark ``fn`` (a function returning a :class:`CourseWidget`) as one of the course's widgets: the benchmark,
    the kernel-side widget tests and the browser suite find it through :func:`fsgeom.modules.widgets`. Every
    argument must have a default: a widget opens with one call, ``fn()``."""
    setattr(fn, _MARK, True)
    return fn


def is_course_widget(obj) -> bool:
    """Whether ``obj`` was marked with :func:`course_widget`."""
    return callable(obj) and getattr(obj, _MARK, False) is True


# ----------------------------------------------------------------------------------------- backend
def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    ip = get_ipython()
    return ip is not None and getattr(ip, "kernel", None) is not None


def _has_ipympl() -> bool:
    try:
        import ipympl.backend_nbagg  # noqa: F401
    except Exception:
        return False
    return True


def widget_backend(backend: str | None = None) -> str:
    """The figure backend a widget will use: ``backend`` if given, else ``$FSGEOM_WIDGET_BACKEND``, else
    ``"ipympl"`` in a Jupyter kernel with ipympl, ``"png"`` in a kernel without it, ``"agg"`` elsewhere."""
    choice = (backend or os.environ.get(BACKEND_ENV, "") or "auto").strip().lower()
    if choice == "auto":
        if not _in_kernel():
            return "agg"
        return "ipympl" if _has_ipympl() else "png"
    if choice not in _BACKENDS:
        raise ValueError(f"unknown widget backend {choice!r}; choose one of {('auto',) + _BACKENDS}")
    return choice


_DATA_URL_PREFIX = "data:image/png;base64,"
_CANVAS_CLASS = None
_NO_LOCK = contextlib.nullcontext()


def _canvas_class():
    """ipympl's Canvas that always sends full frames and keeps ``_data_url`` a valid ``data:`` URL.

    ipympl keeps ``_data_url`` in the widget state until the browser view reports it is initialized (and
    forever under nbconvert); its ``send_binary`` stores bare base64 there, which the browser then loads as
    an image source and fails on ("drawImage ... broken state") when the canvas is not displayed through its
    own ``_repr_mimebundle_`` -- as here, where it sits inside a VBox. The subclass adds the prefix.
    """
    global _CANVAS_CLASS
    if _CANVAS_CLASS is None:
        from ipympl.backend_nbagg import Canvas

        class CourseCanvas(Canvas):
            _fsgeom_lock = None        # set per instance: the lock shared with the BlitView

            def _handle_message(self, object, content, buffers):
                # browser messages (refresh, resize, draw...) may arrive on a kernel subshell thread while a
                # cell or a widget callback draws on the main thread: serialize on the view's lock
                with self._fsgeom_lock or _NO_LOCK:
                    super()._handle_message(object, content, buffers)

            def draw(self):
                with self._fsgeom_lock or _NO_LOCK:
                    super().draw()

            def get_diff_image(self):
                # Every frame a key frame. webagg sends diffs against the last frame it sent, and the browser
                # drops a frame when the next one arrives before it has loaded; with blitting a dropped
                # diff leaves stale artists on screen (matplotlib issue #19116). The PNG is encoded either
                # way; a full frame only costs more bytes on a local socket.
                self._force_full = True
                return super().get_diff_image()

            def send_binary(self, data):
                super().send_binary(data)
                url = self._data_url
                if self.syncing_data_url and isinstance(url, str) and url and not url.startswith("data:"):
                    self._data_url = _DATA_URL_PREFIX + url

        _CANVAS_CLASS = CourseCanvas
    return _CANVAS_CLASS


def widget_figure(figsize, dpi, backend):
    """``(fig, figure_widget, mode)``: a Figure on the right canvas and the widget that shows it (or None)."""
    mode = widget_backend(backend)
    if mode == "ipympl":
        from ipympl.backend_nbagg import FigureManager
        fig = Figure(figsize=figsize, dpi=dpi)
        canvas = _canvas_class()(fig)
        canvas._fsgeom_lock = threading.RLock()
        manager = FigureManager(canvas, next(_figure_numbers))
        if getattr(manager, "key_press_handler_id", None) is not None:   # no 'l'/'k' log-scale keys etc.
            canvas.mpl_disconnect(manager.key_press_handler_id)
        canvas.header_visible = False
        canvas.footer_visible = False
        canvas.toolbar_visible = False
        canvas.resizable = False
        canvas.capture_scroll = False
        canvas._size = (int(round(fig.bbox.width)), int(round(fig.bbox.height)))
        return fig, canvas, mode
    fig = plots.new_figure(figsize, dpi)
    if mode == "png":
        return fig, W.Image(format="png"), mode
    return fig, None, mode


# ----------------------------------------------------------------------------------------- CourseWidget
_TAGS = re.compile(r"<[^>]+>")


class CourseWidget(W.VBox):
    """A course widget: controls on top, the figure, the readout below (an ``ipywidgets.VBox``).

    Attributes: ``name``, ``controls`` (dict name -> control), ``view`` (plot piece with ``.fig``),
    ``readout`` (``ipywidgets.HTML``), ``numbers`` (dict of the numbers shown), ``figure_widget`` (ipympl
    canvas, ``ipywidgets.Image`` or ``None`` headless), ``backend`` (``"ipympl"``, ``"png"`` or ``"agg"``).
    """

    def __init__(self, name: str, controls: dict, view, readout: W.HTML, figure_widget=None,
                 backend: str = "agg", **kwargs):
        rows = W.HBox(list(controls.values()),
                      layout=W.Layout(flex_flow="row wrap", align_items="center", grid_gap="2px 14px"))
        children = [rows] + ([figure_widget] if figure_widget is not None else []) + [readout]
        super().__init__(children=children, **kwargs)
        self.name = name
        self.controls = dict(controls)
        self.view = view
        self.readout = readout
        self.figure_widget = figure_widget
        self.backend = backend
        self.numbers: dict = {}
        self._update_fn = None

    def _connect(self, update_fn):
        """Observe every control's value with ``update_fn(change)`` and run it once."""
        self._update_fn = update_fn
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self._on_change(None)

    def _on_change(self, change):
        # one update at a time, and never during a draw the browser asked for: widget messages may run on
        # a kernel subshell thread (ipykernel >= 7) concurrently with the main thread
        with self.view.lock:
            self._update_fn(change)
            if self.backend == "png" and isinstance(self.figure_widget, W.Image):
                self.figure_widget.value = self.view.png()

    def plain_text(self) -> str:
        """The readout as plain text."""
        text = _TAGS.sub("", self.readout.value.replace("<br>", "\n"))
        text = "\n".join(" ".join(line.split()) for line in html.unescape(text).splitlines())
        return f"[{self.name}] {text.strip()}"

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data_, meta = (bundle if isinstance(bundle, tuple) else (bundle, None))
        data_ = dict(data_ or {})
        data_["text/plain"] = self.plain_text()
        png = base64.b64encode(self.view.png()).decode("ascii")
        data_["image/png"] = png
        canvas = self.figure_widget
        if self.backend == "ipympl" and getattr(canvas, "syncing_data_url", False):
            canvas._data_url = _DATA_URL_PREFIX + png    # the snapshot a not-yet-live canvas view starts from
        return (data_, meta) if meta is not None else data_


def slider(cls, value, lo, hi, step, description, width="330px", **kw):
    return cls(value=value, min=lo, max=hi, step=step, description=description, continuous_update=True,
               style={"description_width": "initial"}, layout=W.Layout(width=width), **kw)


def span(cls: str, text) -> str:
    return f'<span class="fsgeom-{cls}">{text}</span>'


