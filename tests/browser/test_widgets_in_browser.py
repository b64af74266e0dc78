"""Every lecture notebook, in a real JupyterLab in a real Chromium: run all cells, then move every widget control
and check that what the student sees (ipympl canvas pixels and/or the readout text) changes, and that no widget
shows "Error displaying widget" / "model not found".

Lecture notebooks are discovered with ``fsgeom.course.lectures()`` (both languages); nothing is listed by hand. A
lecture whose module defines widgets (``fsgeom.modules``) must show controls to move.
``test_harness_selftest`` checks the harness itself on a generated notebook: it must see live widgets change,
see a dead slider NOT change, and flag a view of a missing model and the "model not found" error text.

Run just this suite:  ``python -m pytest tests/browser -rA`` (add ``-n 2 --dist loadscope`` as the README does;
``-s`` prints every control moved). Needs /usr/bin/chromium (``.ci/install-browser.sh``); without it the suite
skips, or fails under CI=true / COURSE_REQUIRE_BROWSER=1. Timings are printed in the "browser timings" section.
Failures save a screenshot (scrolled to the cell in trouble) and the browser console log under the test's tmp_path.
"""
from __future__ import annotations

import json
import re
import statistics
import warnings
from pathlib import Path

import pytest

from fsgeom import course, modules
from fsgeom.lab import START_PAGE

LECTURES = course.lectures()
COURSE_ROOT = course.root()

# A notebook whose code matches this is expected to show at least one widget control (as is the lecture of a
# module that defines widgets).
USES_WIDGETS = re.compile(
    r"fsgeom\.widgets|\bwidgets\.\w+\(|\bimport\s+ipywidgets|\bfrom\s+ipywidgets\s+import|%matplotlib\s+(widget|ipympl)"
)


def _module_has_widgets(nb_path: Path) -> bool:
    try:
        return bool(modules.get(nb_path.stem).widgets())
    except KeyError:
        return False


def _code(nb_path: Path) -> str:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    return "\n".join("".join(c.get("source", "")) for c in nb.get("cells", []) if c.get("cell_type") == "code")


def _ms_summary(values: list[float]) -> str:
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    return f"median {statistics.median(values):.0f} / max {max(values):.0f} (n={len(values)})"


@pytest.mark.parametrize(
    "notebook",
    LECTURES,
    ids=[p.relative_to(COURSE_ROOT / "lectures").with_suffix("").as_posix() for p in LECTURES],
)
def test_lecture_widgets_respond(notebook: Path, lab, tmp_path, timing):
    rel = notebook.relative_to(COURSE_ROOT).as_posix()
    expects_widgets = _module_has_widgets(notebook) or bool(USES_WIDGETS.search(_code(notebook)))
    with lab.failure_artifacts(tmp_path, rel.replace("/", "-")):
        timing("open_to_kernel_ready_s", lab.open(rel))
        stale = lab.widget_errors()
        if stale:
            warnings.warn(f"{rel}: before running, the saved outputs show widget errors ({len(stale)}: "
                          f"{stale[0]['text'][:80]!r}); a student opening the lecture sees them until cells run",
                          UserWarning, stacklevel=1)
        timing("run_all_s", lab.run_all())
        timing("render_s", lab.wait_rendered())
        lab.assert_no_widget_errors("after running all cells")

        counts = lab.js("() => window.__fsgeom.widgetCounts()")
        controls = lab.controls()
        if not controls:
            if expects_widgets:
                pytest.fail(f"{rel} uses widgets (fsgeom.widgets / ipywidgets / ipympl) but shows no control to move "
                            f"after running all cells (widget views: {counts['views']}, ipympl figures: {counts['figures']})",
                            pytrace=False)
            pytest.skip(f"{rel} has no widgets: nothing to move (not counted as a pass)")

        results = lab.exercise_all()
        report = "\n".join(f"  {r}" for r in results)
        print(f"{rel}: {len(results)} controls\n{report}")
        timing("controls", len(results))
        timing("input_to_canvas_ms", _ms_summary([r.canvas_ms for r in results]))
        timing("input_to_text_ms", _ms_summary([r.text_ms for r in results]))
        timing("keypress_to_seen_wall_ms", _ms_summary([r.wall_ms for r in results if r.changed and r.wall_ms]))

        dead = [r for r in results if not r.changed]
        assert not dead, (f"{rel}: moving these controls changed nothing the student sees "
                          f"(no canvas pixel, no readout text within the time limit):\n"
                          + "\n".join(f"  {r}" for r in dead) + f"\nall controls:\n{report}")
        lab.assert_no_widget_errors("after moving every control")

        unhandled = lab.js("() => window.__fsgeom.unhandled()")
        if unhandled:
            warnings.warn(f"{rel}: widgets the harness does not move (not tested): {unhandled}", UserWarning, stacklevel=1)


# ----------------------------------------------------------------------------------------------- self-test
def _selftest_notebook() -> dict:
    """A small notebook: live ipympl widgets, a text-only widget, a dead slider and a widget view whose model
    does not exist ("model not found")."""
    import nbformat.v4 as v4

    cells = [
        v4.new_markdown_cell("# Harness self-test (generated by tests/browser)"),
        v4.new_code_cell("%matplotlib widget\nimport numpy as np\nimport matplotlib.pyplot as plt\n"
                         "import ipywidgets as W\nplt.ioff();"),
        v4.new_code_cell(
            "x = np.linspace(0, 1, 60)\n"
            "fig, ax = plt.subplots(figsize=(4, 3))\n"
            "line, = ax.plot(x, x)\n"
            "ax.set_ylim(0, 1)\n"
            "power = W.IntSlider(value=1, min=1, max=6, description='power')\n"
            "style = W.Dropdown(options=['solid', 'dashed', 'dotted'], value='solid', description='style')\n"
            "color = W.ToggleButtons(options=['C0', 'C1', 'C2'], description='color')\n"
            "grid = W.Checkbox(value=False, description='grid')\n"
            "readout = W.HTML()\n"
            "def update(change=None):\n"
            "    line.set_ydata(x ** power.value)\n"
            "    line.set_linestyle(style.value)\n"
            "    line.set_color(color.value)\n"
            "    ax.grid(grid.value)\n"
            "    readout.value = f'<b>power = {power.value}</b>, {style.value}, {color.value}, grid={grid.value}'\n"
            "    fig.canvas.draw_idle()\n"
            "for w in (power, style, color, grid):\n"
            "    w.observe(update, 'value')\n"
            "update()\n"
            "W.VBox([power, style, color, grid, fig.canvas, readout])"
        ),
        v4.new_code_cell(
            "count = W.IntSlider(value=2, min=0, max=2, description='text-only')\n"
            "shown = W.HTML()\n"
            "count.observe(lambda ch: setattr(shown, 'value', f'count = {ch.new}'), 'value')\n"
            "shown.value = f'count = {count.value}'\n"
            "W.VBox([count, shown])"
        ),
        v4.new_code_cell(
            "fig2, ax2 = plt.subplots(figsize=(3, 2))\n"
            "ax2.plot([0, 1], [1, 0])\n"
            "dead = W.IntSlider(value=3, min=0, max=10, description='dead')  # observed by nobody\n"
            "W.VBox([dead, fig2.canvas])"
        ),
        v4.new_code_cell(  # a view of a model that does not exist: JupyterLab shows "Loading widget..." forever
            "from IPython.display import display, HTML\n"
            "display({'application/vnd.jupyter.widget-view+json':\n"
            "         {'model_id': '0' * 32, 'version_major': 2, 'version_minor': 0}}, raw=True)"
        ),
        v4.new_code_cell("HTML('<p>Error displaying widget: model not found</p>')  # what the error text looks like"),
    ]
    nb = v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    return nb


def test_harness_selftest(lab, tmp_path, timing):
    import nbformat

    rel = "harness-selftest/selftest.ipynb"
    path = lab.server.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(_selftest_notebook(), str(path))

    with lab.failure_artifacts(tmp_path, "harness-selftest"):
        timing("open_to_kernel_ready_s", lab.open(rel))
        timing("run_all_s", lab.run_all())
        # The view of a missing model shows "Error displaying widget: model not found" once JupyterLab's widget
        # manager has restored its state from the kernel, else "Loading widget..." forever (a race in
        # jupyterlab_widgets): the harness must flag cell 5 either way, and cell 6 (the error text) always.
        try:
            lab.wait_rendered(timeout=5)
            stuck = ""
        except AssertionError as exc:
            stuck = str(exc)
        errors = lab.widget_errors()
        flagged = {e["cell"] for e in errors} | ({5} if "stuck at 'Loading widget...' in cells [5]" in stuck else set())
        assert flagged == {5, 6}, f"the harness must flag cells 5 and 6 only: errors={errors}, render wait: {stuck!r}"

        found = {(d["kind"], d["label"]) for d in lab.controls()}
        expected = {("slider", "power"), ("dropdown", "style"), ("toggle-buttons", "color"), ("checkbox", "grid"),
                    ("slider", "text-only"), ("slider", "dead")}
        assert expected <= found, f"controls found: {sorted(found)}"

        results = {}
        for i, d in enumerate(lab.controls()):
            results[d["label"]] = lab.exercise(i, d, change_timeout=2 if d["label"] == "dead" else 10)
        report = "\n".join(f"  {r}" for r in results.values())
        print(report)

        for label in ("power", "style", "color", "grid"):
            r = results[label]
            assert r.changed and r.canvas_ms is not None and r.text_ms is not None, f"{label}: {r}\n{report}"
        assert results["text-only"].changed and results["text-only"].canvas_ms is None, report
        assert results["text-only"].action.startswith("ArrowLeft"), f"a slider at its max must be moved left: {report}"
        assert not results["dead"].changed, f"the dead slider must be reported as unchanged: {report}"
        timing("keypress_to_canvas_ms", results["power"].canvas_ms)
        timing("keypress_to_seen_wall_ms", results["power"].wall_ms)


# ----------------------------------------------------------------------------------------------- start page
# ``./course lab`` opens the course's start page without JupyterLab's news pop-up. The test server runs with the same
# options as ``./course lab`` (``fsgeom.lab.course_args``, nothing of its own) and opens the page it opens: the start
# page is the current document with both languages' titles and a link to every module's lecture and assignment; the
# effective notification settings are the course's (news off, no update check); no toast mentions news or updates.
# (In this file, not its own: one JupyterLab server per worker serves both.)
NEWS_WORDS = ("news", "новин", "update", "оновлен")


def test_course_lab_opens_the_start_page_without_news(lab, timing):
    timing("start_page_open_s", lab.open(START_PAGE))
    shown = lab.wait_js(
        """() => {
            const w = window.jupyterapp.shell.currentWidget;
            const md = [...document.querySelectorAll('.jp-RenderedMarkdown')].map(e => e.innerText).join('\\n');
            const links = [...document.querySelectorAll('.jp-RenderedMarkdown a')].map(a => a.getAttribute('href'));
            return md.length > 200 ? {path: w.context.path, text: md, links: links} : false;
        }""", timeout=30, what="the start page's markdown to render")
    assert shown["path"] == START_PAGE
    assert "Геометрія простору ознак" in shown["text"] and "Feature-space geometry" in shown["text"]
    links = " ".join(shown["links"])    # JupyterLab resolves them to absolute /files/... URLs
    for m in modules.discover():
        for lang in ("uk", "en"):
            assert f"/lectures/{lang}/{m.id}.ipynb" in links, (m.id, lang, shown["links"])
            assert f"/exercises/{lang}/{m.id}/{m.id}.ipynb" in links, (m.id, lang, shown["links"])
    # what the frontend will use: the schema defaults (where the course's overrides.json lands) under the user's
    # own settings (none on this server)
    reply = lab.server.api("GET", "/lab/api/settings/@jupyterlab/apputils-extension:notification")
    effective = {k: v.get("default") for k, v in reply["schema"]["properties"].items()} | (reply.get("settings") or {})
    assert effective.get("fetchNews") == "false" and effective.get("checkForUpdates") is False, json.dumps(reply)[:500]
    lab.page.wait_for_timeout(3000)     # the news consent toast appears within a second or two of start-up
    toasts = lab.js("() => [...document.querySelectorAll('.Toastify__toast, .jp-toast-message')].map(t => t.innerText)")
    noisy = [t for t in toasts if any(w in t.lower() for w in NEWS_WORDS)]
    assert not noisy, f"JupyterLab showed: {noisy}"
