"""Smoke tests of the benchmark (``python -m fsgeom.bench``): every section runs with tiny numbers.
No timing assertions: speed goals are printed by the benchmark, not tested."""
import json
import subprocess
import sys

import ipywidgets as W
import pytest

from fsgeom import bench


@pytest.fixture(scope="module")
def standin(tmp_path_factory):
    return bench.standin_course(tmp_path_factory.mktemp("bench") / "course")


def _moves_ok(ctrl, values):
    prev = ctrl.value
    for v in values:
        assert v != prev
        prev = v


@pytest.mark.parametrize("ctrl", [
    W.FloatSlider(value=0.3, min=0.0, max=1.0, step=0.1),
    W.IntSlider(value=2, min=0, max=3),
    W.IntRangeSlider(value=(1, 4), min=0, max=10),
    W.SelectionSlider(options=["a", "b", "c"], value="b"),
    W.Dropdown(options=[("one", 1), ("two", 2), ("three", 3)], value=1),
    W.ToggleButtons(options=["x", "y"]),
    W.ToggleButton(value=False),
    W.Checkbox(value=True),
], ids=lambda c: type(c).__name__)
def test_control_values_move_every_time(ctrl):
    values = bench.control_values(ctrl, 25)
    assert len(values) == 25
    _moves_ok(ctrl, values)
    for v in values:  # every value is accepted by the control
        ctrl.value = v
        assert ctrl.value == v
    if hasattr(ctrl, "min") and not hasattr(ctrl, "options") and not isinstance(ctrl.value, tuple):
        assert min(values) == ctrl.min and max(values) == ctrl.max  # sliders sweep their whole range


def test_unmovable_controls_are_skipped():
    assert bench.control_values(W.Button(), 5) is None
    assert bench.control_values(W.Text("x"), 5) is None
    assert bench.control_values(W.Dropdown(options=["only"]), 5) is None


def test_bench_widgets_on_the_standin():
    res = bench.bench_widgets(3, registry=bench.standin_widgets(), out=None)
    (w,) = res["widgets"]
    assert "error" not in w
    assert w["n"] >= 3 and set(w["controls"]) == {"amplitude", "freq", "shape", "grid"}
    assert all(c["n"] >= 1 for c in w["controls"].values())
    assert w["drawn"] == w["n"]  # every timed move redrew the figure
    _ratios_reported(w)


def _ratios_reported(w):
    """The update cost as a ratio to a full redraw of the same figure: measured, reported, positive."""
    full = w["full_draw"]
    assert full["n"] >= bench.FULL_DRAWS >= 20 and full["median_ms"] > 0
    assert w["ratio"] > 0 and w["ratio"] == pytest.approx(w["median_ms"] / full["median_ms"])
    for c in w["controls"].values():
        assert c["ratio"] > 0 and c["ratio"] == pytest.approx(c["median_ms"] / full["median_ms"])


def test_time_full_draws():
    import matplotlib
    matplotlib.use("Agg", force=True)
    from fsgeom.plots import new_figure
    fig = new_figure((3, 2), 50)
    fig.subplots().plot([0, 1], [1, 0])
    st = bench.time_full_draws(fig, 5)
    assert st["n"] == 5 and 0 < st["median_ms"] <= st["max_ms"]


def test_bench_widgets_on_the_course_registry():
    registry, note = bench._registry()
    if registry is None:
        pytest.skip(note)
    res = bench.bench_widgets(3, registry=registry, out=None)
    errors = {w["widget"]: w["error"] for w in res["widgets"] if "error" in w}
    assert errors == {}
    for w in res["widgets"]:
        assert w["n"] >= 3, f"{w['widget']}: no movable control"
        _ratios_reported(w)


def test_bench_notebooks_on_the_standin(standin):
    lines = []
    res = bench.bench_notebooks(base=standin, out=lines.append)
    assert [r["notebook"] for r in res["notebooks"]] == ["lectures/uk/00-toy.ipynb", "solutions/uk/toy/toy.ipynb"]
    assert all(r["error"] is None for r in res["notebooks"]), res
    assert any("total" in line for line in lines)


def test_bench_autograde_on_the_standin(standin):
    lines = []
    res = bench.bench_autograde(2, "toy", jobs=(2,), course_root=standin, out=lines.append)
    assert res["graded"] == 2
    (par,) = res["parallel"]
    assert par["identical"], par["differences"]
    assert res["best"] is par
    assert any("RATIO" in line for line in lines)


def test_cli_widgets_only_with_json(tmp_path):
    out = tmp_path / "b.json"
    # the command line's plumbing (one widget; every widget is benched in-process just above)
    proc = subprocess.run([sys.executable, "-m", "fsgeom.bench", "--only", "widgets", "--moves", "3",
                           "--widget", "iso_distance_explorer", "--json", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "== Machine" in proc.stdout and "== Widgets" in proc.stdout
    assert "/draw" in proc.stdout and "full redraw (canvas.draw)" in proc.stdout
    data = json.loads(out.read_text())
    assert data["machine"]["cpus"] >= 1 and [w["widget"] for w in data["widgets"]["widgets"]] == ["iso_distance_explorer"]
    for w in data["widgets"]["widgets"]:
        assert w["ratio"] > 0 and w["full_draw"]["median_ms"] > 0
        assert all(c["ratio"] > 0 for c in w["controls"].values())


def test_unknown_widget_name_is_refused():
    with pytest.raises(ValueError, match="no widget named nope"):
        bench.bench_widgets(1, out=None, only=["nope"])


def test_the_autograde_benchmark_picks_the_largest_assignment():
    from fsgeom import course, modules
    found = course.assignments("uk")
    sizes = {m.id: len(m.tasks()) for m in modules.discover()}
    chosen = bench.largest_assignment(found)
    assert sizes[chosen] == max(sizes[a] for a in found)
    assert bench.largest_assignment([]) == "01-distances"
