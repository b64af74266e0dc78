"""Shared widget machinery (fsgeom.widgets), headless: the figure backend is chosen right, the PNG backend
refreshes its image, ipympl's canvas is live, and updates racing with browser-requested draws (ipykernel >= 7 runs
widget messages on a thread) leave no ghosts. Run on a real course widget (the first one discovered); the widget
contract itself is checked for every widget of every module by tests/test_conventions.py."""
from __future__ import annotations

import base64
import time

import ipywidgets as W
import numpy as np
import pytest

from fsgeom import modules, widgets
from tests.conventions import close_widget as _close, other_value as _other_value

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NAME, FACTORY = next(iter(modules.widgets().items()))


def test_backend_choice(monkeypatch):
    monkeypatch.delenv(widgets.BACKEND_ENV, raising=False)
    assert widgets.widget_backend() == "agg"                 # not inside a kernel
    monkeypatch.setenv(widgets.BACKEND_ENV, "png")
    assert widgets.widget_backend() == "png"
    assert widgets.widget_backend("agg") == "agg"
    with pytest.raises(ValueError, match="unknown widget backend"):
        widgets.widget_backend("tk")




def test_png_backend_refreshes_image():
    w = FACTORY(backend="png")
    try:
        assert isinstance(w.figure_widget, W.Image) and w.figure_widget in w.children
        before = w.figure_widget.value
        assert bytes(before).startswith(PNG_SIGNATURE)
        ctrl = next(iter(w.controls.values()))
        ctrl.value = _other_value(ctrl)
        assert w.figure_widget.value != before
    finally:
        _close(w)


@pytest.mark.filterwarnings("ignore:Passing unrecognized arguments:DeprecationWarning")  # inside ipympl's Toolbar
def test_ipympl_backend_builds_a_live_canvas():
    pytest.importorskip("ipympl")
    from ipympl.backend_nbagg import Canvas
    w = FACTORY(backend="ipympl")
    try:
        canvas = w.view.fig.canvas
        assert isinstance(canvas, Canvas) and w.figure_widget is canvas and canvas in w.children
        assert canvas.toolbar_visible in (False, "hidden") and not canvas.header_visible
        blits = w.view.blits
        ctrl = next(iter(w.controls.values()))
        ctrl.value = _other_value(ctrl)
        assert w.view.blits == blits + 1
        bundle = w._repr_mimebundle_()
        assert base64.b64decode(bundle["image/png"]).startswith(PNG_SIGNATURE)
    finally:
        _close(w)


@pytest.mark.filterwarnings("ignore:Passing unrecognized arguments:DeprecationWarning")
def test_ipympl_updates_and_browser_draws_from_two_threads_leave_no_ghosts():
    """ipykernel >= 7 runs widget messages on a subshell thread while the main thread runs cells: slider
    updates and browser-requested full draws interleave. The cached background must stay clean."""
    pytest.importorskip("ipympl")
    import threading
    w = FACTORY(backend="ipympl")
    canvas = w.view.fig.canvas
    canvas.syncing_data_url = False         # as once a browser view is live (no PNG snapshot in the state)
    controls = list(w.controls.values())
    stop = threading.Event()
    errors = []

    def browser():                          # a burst of full draws, as the frontend asks for on refresh
        try:
            for _ in range(10):
                canvas._handle_message(canvas, {"type": "draw"}, [])
                time.sleep(0.002)
        except Exception as exc:            # pragma: no cover - reported below
            errors.append(exc)
        finally:
            stop.set()

    t = threading.Thread(target=browser)
    t.start()
    try:
        i = 0
        while not stop.is_set():
            ctrl = controls[i % len(controls)]
            ctrl.value = _other_value(ctrl)
            i += 1
    finally:
        stop.set()
        t.join()
        try:
            assert not errors
            ctrl = controls[0]
            ctrl.value = _other_value(ctrl)                  # one more blit on whatever background is cached
            blitted = np.asarray(canvas.buffer_rgba()).copy()
            canvas.draw()
            np.testing.assert_array_equal(blitted, np.asarray(canvas.buffer_rgba()))
        finally:
            _close(w)
