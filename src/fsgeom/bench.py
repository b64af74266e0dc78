"""Benchmarks of the course on the current machine (prints figures; speed goals live here, not in tests).

    python -m fsgeom.bench                       # everything: widgets, notebooks, autograde (20 submissions of the largest assignment)
    python -m fsgeom.bench --only widgets --moves 100
    python -m fsgeom.bench --only autograde --submissions 8 --jobs 2,3 --json bench.json

Sections:

* **widgets**: every widget the modules define (``fsgeom.modules.widgets()``) is built headless (Agg); after a warm-up every
  control is moved through its values (sliders alternate across their range, dropdowns/toggles cycle their
  options), at least ``--moves`` moves per widget in total, and each ``control.value = v`` assignment is
  timed with ``time.perf_counter``: that is the Python-side cost of one update (observer callback plus the
  synchronous canvas draw or blit). Goal: median <= 16 ms (one frame at 60 Hz) and p95 <= 33 ms.
  In the same run the widget's figure is fully redrawn (``canvas.draw()``, at least ``FULL_DRAWS`` times after
  one untimed draw) and each median update cost is also given as a ratio to the median full redraw: a
  figure that does not depend on the machine's speed (below 1: an update is cheaper than redrawing everything).
* **notebooks**: every notebook of ``fsgeom.course.all_notebooks()`` executed with nbclient in a fresh
  kernel (cwd = the notebook's folder), wall-clock seconds each (kernel start included) and in total.
* **autograde**: ``--submissions`` synthetic submissions of one assignment (full solution, release
  untouched, some tasks solved, wrong answers, a cell raising) in a scratch copy of the course, graded by
  plain sequential ``nbgrader autograde`` and by ``python -m nbguard.parallel`` with each ``--jobs``
  value; the gradebooks (every grade and comment) and the autograded notebooks (modulo timestamps, memory
  addresses, kernel temp paths) are compared with the sequential ones, and the speed-up ratio is printed
  only for runs whose results are identical.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["machine_info", "control_values", "time_full_draws", "bench_widget", "bench_widgets", "bench_notebooks",
           "make_submissions", "prepare_course", "gradebook_dump", "autograded_differences", "normalize_notebook", "normalize_json", "coalesce_streams",
           "bench_autograde", "standin_course", "standin_widgets", "main"]

GOAL_MEDIAN_MS = 16.0
GOAL_P95_MS = 33.0
FULL_DRAWS = 20            # timed full redraws of each widget's figure (the ratio's denominator)
DEFAULT_TIMESTAMP = "2026-11-02 10:00:00.000000 UTC"


# ------------------------------------------------------------------------------------------- machine

def machine_info() -> dict:
    import importlib.metadata as md
    info = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    try:
        info["cpus_usable"] = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        pass
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gib"] = round(int(line.split()[1]) / 2**20, 1)
                break
    except OSError:
        pass
    versions = {}
    for dist in ("numpy", "matplotlib", "ipywidgets", "ipympl", "nbgrader", "nbclient", "ipykernel",
                 "jupyterlab", "fsgeom"):
        try:
            versions[dist] = md.version(dist)
        except md.PackageNotFoundError:
            versions[dist] = None
    import sqlite3
    versions["sqlite"] = sqlite3.sqlite_version
    try:
        info["loadavg"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        pass
    info["versions"] = versions
    return info


def _stats(ms: list[float]) -> dict:
    if not ms:
        return {"n": 0, "median_ms": math.nan, "p95_ms": math.nan, "max_ms": math.nan}
    s = sorted(ms)
    # p95 by linear interpolation between closest ranks (numpy's default)
    pos = 0.95 * (len(s) - 1)
    lo, hi = int(math.floor(pos)), int(math.ceil(pos))
    p95 = s[lo] + (s[hi] - s[lo]) * (pos - lo)
    return {"n": len(s), "median_ms": statistics.median(s), "p95_ms": p95, "max_ms": s[-1]}


def _goal(st: dict) -> bool:
    return st["n"] > 0 and st["median_ms"] <= GOAL_MEDIAN_MS and st["p95_ms"] <= GOAL_P95_MS


# ------------------------------------------------------------------------------------------- widgets

def _headless():
    """Agg in this process (widgets fall back to it outside a kernel); the env of child kernels is untouched."""
    import matplotlib
    if matplotlib.get_backend().lower() != "agg":
        matplotlib.use("Agg", force=True)


def control_values(ctrl, n: int) -> list | None:
    """``n`` successive values for a control, each different from the previous one (and from the current
    value), or ``None`` if the control is not movable (e.g. a button or a text box).

    Sliders alternate across their range (low end, high end, a bit higher, a bit lower...); range sliders
    move their interval; selections (dropdowns, toggle buttons, radio buttons, selection sliders) cycle
    through their options; booleans (toggle button, checkbox) flip.
    """
    cur = getattr(ctrl, "value", None)
    opts = getattr(ctrl, "_options_values", None)
    if opts is None and hasattr(ctrl, "options"):
        opts = tuple(o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in ctrl.options)
    if opts is not None:
        opts = list(opts)
        if isinstance(cur, tuple) and not (opts and isinstance(opts[0], tuple)):  # multiple selection
            return None
        if len(opts) < 2:
            return None
        start = opts.index(cur) if cur in opts else -1
        return [opts[(start + 1 + i) % len(opts)] for i in range(n)]
    if isinstance(cur, bool):
        return [(not cur) if i % 2 == 0 else cur for i in range(n)]
    lo, hi = getattr(ctrl, "min", None), getattr(ctrl, "max", None)
    if lo is None or hi is None or hi <= lo:
        return None
    step = getattr(ctrl, "step", None) or (hi - lo) / 100
    is_int = isinstance(lo, int) and isinstance(hi, int) and isinstance(step, int)
    nsteps = max(1, int(round((hi - lo) / step)))

    def at(k):  # k-th grid position, clipped
        k = min(max(k, 0), nsteps)
        v = lo + k * step
        return int(v) if is_int else min(float(v), float(hi))

    # positions alternating across the range: 0, N, 1, N-1, 2, N-2, ... (wraps when exhausted)
    order = []
    a, b = 0, nsteps
    while a <= b:
        order.append(a)
        if a != b:
            order.append(b)
        a, b = a + 1, b - 1
    if isinstance(cur, tuple):  # range slider: move an interval of about a third of the range
        width = max(1, nsteps // 3)
        seq = [(at(min(k, nsteps - width)), at(min(k, nsteps - width) + width)) for k in order]
    else:
        seq = [at(k) for k in order]
    out, prev, i = [], cur, 0
    while len(out) < n:
        v = seq[i % len(seq)]
        i += 1
        if v != prev:
            out.append(v)
            prev = v
        if i > 4 * n + len(seq) and not out:
            return None
    return out


class _DrawSpy:
    """Counts canvas draws and blits of a figure (``canvas.draw``/``draw_idle``/``blit``, ``fig.draw``,
    ``ax.draw_artist``), so the benchmark can tell that a timed move really redrew something."""

    def __init__(self, fig):
        self.count = 0
        self._undo = []
        if fig is None:
            return
        targets = [(fig.canvas, n) for n in ("draw", "draw_idle", "blit")] + [(fig, "draw")]
        targets += [(ax, "draw_artist") for ax in fig.axes]
        for obj, name in targets:
            orig = getattr(obj, name, None)
            if orig is None:
                continue

            def wrapped(*a, __orig=orig, **k):
                self.count += 1
                return __orig(*a, **k)

            had = name in vars(obj)
            setattr(obj, name, wrapped)
            self._undo.append((obj, name, had, orig))

    def close(self):
        for obj, name, had, orig in self._undo:
            if had:
                setattr(obj, name, orig)
            else:
                delattr(obj, name)


def time_full_draws(fig, n: int = FULL_DRAWS) -> dict:
    """Time ``n`` full redraws ``fig.canvas.draw()`` (after one untimed draw); :func:`_stats` of them (ms)."""
    fig.canvas.draw()
    times = []
    for _ in range(max(1, n)):
        t = time.perf_counter()
        fig.canvas.draw()
        times.append((time.perf_counter() - t) * 1e3)
    return _stats(times)


def _ratio(update_ms: float, draw_ms: float) -> float:
    return update_ms / draw_ms if draw_ms > 0 and math.isfinite(update_ms) and math.isfinite(draw_ms) else math.nan


def bench_widget(name: str, factory, moves: int = 60, warmup: int = 3, full_draws: int = FULL_DRAWS) -> dict:
    """Build one widget headless and time ``moves`` (at least) control moves; see the module doc.
    ``drawn`` counts the timed moves during which the figure was drawn or blitted. ``full_draw``: the
    :func:`_stats` of ``full_draws`` full redraws of the same figure (timed after the moves, before the figure is
    closed); ``ratio`` (per widget and per control): median update / median full redraw."""
    _headless()
    import matplotlib.pyplot as plt
    t0 = time.perf_counter()
    w = factory()
    build_ms = (time.perf_counter() - t0) * 1e3
    controls = dict(getattr(w, "controls", {}) or {})
    fig = getattr(getattr(w, "view", None), "fig", None)
    movable = [k for k, c in controls.items() if control_values(c, 2) is not None]
    skipped = [k for k in controls if k not in movable]
    per = math.ceil(moves / len(movable)) if movable else 0
    result = {"widget": name, "build_ms": build_ms, "controls": {}, "skipped_controls": skipped}
    all_ms, drawn_total = [], 0
    spy = None
    try:
        spy = _DrawSpy(fig)
        for key in movable:
            ctrl = controls[key]
            start = ctrl.value
            plan = control_values(ctrl, warmup + per)
            for v in plan[:warmup]:
                ctrl.value = v
            times, drawn = [], 0
            for v in plan[warmup:]:
                before = spy.count
                t = time.perf_counter()
                ctrl.value = v
                times.append((time.perf_counter() - t) * 1e3)
                drawn += spy.count > before
            ctrl.value = start
            st = _stats(times)
            st.update(type=type(ctrl).__name__, goal_met=_goal(st), drawn=drawn)
            result["controls"][key] = st
            all_ms.extend(times)
            drawn_total += drawn
        spy.close()
        spy = None
        full = time_full_draws(fig, full_draws) if fig is not None else _stats([])
        result["full_draw"] = full
        for st in result["controls"].values():
            st["ratio"] = _ratio(st["median_ms"], full["median_ms"])
    finally:
        if spy is not None:
            spy.close()
        if fig is not None:
            plt.close(fig)
        for c in controls.values():
            if hasattr(c, "close"):
                try:
                    c.close()
                except Exception:
                    pass
    st = _stats(all_ms)
    result.update(st, goal_met=_goal(st), drawn=drawn_total,
                  ratio=_ratio(st["median_ms"], result["full_draw"]["median_ms"]))
    return result


def _registry():
    try:
        from . import modules
        reg = modules.widgets()
    except (ImportError, ValueError) as exc:
        return None, f"widgets could not be discovered: {type(exc).__name__}: {exc}"
    if not reg:
        return None, "no module defines a widget (fsgeom.modules.widgets() is empty)"
    return reg, None


def bench_widgets(moves: int = 60, registry: dict | None = None, out=print, only=None) -> dict:
    """Time every widget of ``registry`` (default: every module's widgets, ``fsgeom.modules.widgets()``), or only
    the widgets named in ``only``."""
    _headless()
    note = None
    if registry is None:
        registry, note = _registry()
    if only:
        unknown = sorted(set(only) - set(registry or {}))
        if unknown:
            raise ValueError(f"no widget named {', '.join(unknown)} (known: {', '.join(registry or {})})")
        registry = {k: v for k, v in registry.items() if k in only}
    results = []
    for name, factory in (registry or {}).items():
        try:
            results.append(bench_widget(name, factory, moves))
        except Exception as exc:  # keep benchmarking the others
            results.append({"widget": name, "error": f"{type(exc).__name__}: {exc}"})
    res = {"moves": moves, "goal": {"median_ms": GOAL_MEDIAN_MS, "p95_ms": GOAL_P95_MS}, "full_draws": FULL_DRAWS,
           "widgets": results, "note": note}
    if out:
        _print_widgets(res, out)
    return res


def _print_widgets(res, out):
    out(f"\n== Widgets: Python-side cost of one update (callback + canvas draw), headless Agg, "
        f">= {res['moves']} moves per widget; goal median <= {GOAL_MEDIAN_MS:g} ms, p95 <= {GOAL_P95_MS:g} ms")
    out(f"   '/draw' = median update / median full redraw of the same figure ({res.get('full_draws', FULL_DRAWS)} "
        "canvas.draw() in the same run): independent of the machine's speed")
    if res.get("note"):
        out(f"   ({res['note']})")
    out(f"   {'widget / control':38} {'type':16} {'moves':>5} {'drawn':>5} {'median':>8} {'p95':>8} {'max':>8} "
        f"{'/draw':>6}  goal   (ms)")

    def ratio(x):
        return f"{x:6.2f}" if isinstance(x, (int, float)) and math.isfinite(x) else f"{'?':>6}"

    for r in res["widgets"]:
        if "error" in r:
            out(f"   {r['widget']:38} ERROR {r['error']}")
            continue
        out(f"   {r['widget']:38} {'(build %.0f ms)' % r['build_ms']:16} {r['n']:5d} {r['drawn']:5d} {r['median_ms']:8.2f} "
            f"{r['p95_ms']:8.2f} {r['max_ms']:8.2f} {ratio(r.get('ratio'))}  {'met' if r['goal_met'] else 'MISSED'}"
            + (f"  (no draw seen on {r['n'] - r['drawn']} moves: timing may miss the redraw)"
               if r["drawn"] < r["n"] else ""))
        for k, c in r["controls"].items():
            out(f"     - {k:34} {c['type'][:16]:16} {c['n']:5d} {c['drawn']:5d} {c['median_ms']:8.2f} {c['p95_ms']:8.2f} "
                f"{c['max_ms']:8.2f} {ratio(c.get('ratio'))}  {'met' if c['goal_met'] else 'MISSED'}")
        f = r.get("full_draw")
        if f and f["n"]:
            out(f"     = {'full redraw (canvas.draw)':34} {'':16} {f['n']:5d} {'':5} {f['median_ms']:8.2f} "
                f"{f['p95_ms']:8.2f} {f['max_ms']:8.2f} {ratio(1.0)}")
        if r["skipped_controls"]:
            out(f"     (not moved: {', '.join(r['skipped_controls'])})")
    ok = [r for r in res["widgets"] if r.get("goal_met")]
    out(f"   goal met by {len(ok)}/{len(res['widgets'])} widget(s); 'drawn' = timed moves that drew or blitted "
        "the figure")


# ----------------------------------------------------------------------------------------- notebooks

def bench_notebooks(notebooks=None, timeout: int = 600, out=print, base=None) -> dict:
    """Execute each notebook with nbclient in a fresh kernel (cwd = its folder); seconds each and total."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    if notebooks is None:
        from . import course
        root = Path(base) if base else course.root()
        notebooks = course.all_notebooks(base=root)
    else:
        root = None
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_LANG", "MPLBACKEND")}
    rows = []
    for nb_path in map(Path, notebooks):
        nb = nbformat.read(nb_path, as_version=4)
        client = NotebookClient(nb, timeout=timeout, resources={"metadata": {"path": str(nb_path.parent)}})
        t = time.perf_counter()
        err = None
        try:
            client.execute(env=env, cwd=str(nb_path.parent), stderr=subprocess.DEVNULL)
        except CellExecutionError as exc:
            err = str(exc).strip().splitlines()[-1][:200] if str(exc).strip() else "cell error"
        except Exception as exc:
            err = f"{type(exc).__name__}: {exc}"[:200]
        secs = time.perf_counter() - t
        name = str(nb_path.relative_to(root)) if root and nb_path.is_relative_to(root) else str(nb_path)
        rows.append({"notebook": name, "seconds": secs, "cells": len(nb.cells), "error": err})
    res = {"notebooks": rows, "total_seconds": sum(r["seconds"] for r in rows)}
    if out:
        out("\n== Notebooks: execution in a fresh kernel (nbclient, kernel start included)")
        if not rows:
            out("   (no notebooks found)")
        for r in rows:
            out(f"   {r['notebook']:56} {r['cells']:4d} cells {r['seconds']:8.2f} s"
                + (f"  ERROR {r['error']}" if r["error"] else ""))
        out(f"   {'total':56} {'':10} {res['total_seconds']:8.2f} s")
    return res


# ------------------------------------------------------------------------------- synthetic submissions

_MARK = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")
_RETURN = re.compile(r"^(\s*)return\b.*$", re.M)

#: kinds of synthetic submissions, cycled: (name, which solution cells are filled, mistake)
KINDS = ("full", "untouched", "first-half", "alternate", "wrong-returns", "raises")


def _strip_solution(src: str) -> str:
    return "\n".join(line for line in src.splitlines() if not _MARK.match(line))


def _grade_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _is_solution(cell):
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution"))


def _variant(release_nb, solution_nb, kind: str):
    """The release notebook as a student of ``kind`` would submit it."""
    import copy
    sol = {_grade_id(c): c for c in solution_nb.cells if _is_solution(c)}
    nb = copy.deepcopy(release_nb)
    ids = [_grade_id(c) for c in nb.cells if _is_solution(c) and _grade_id(c) in sol]
    if kind == "untouched":
        chosen = set()
    elif kind == "first-half":
        chosen = set(ids[: max(1, len(ids) // 2)])
    elif kind == "alternate":
        chosen = set(ids[1::2]) or set(ids[:1])
    else:
        chosen = set(ids)
    for i, cell in enumerate(nb.cells):
        gid = _grade_id(cell)
        if not _is_solution(cell) or gid not in chosen:
            continue
        src = _strip_solution(sol[gid].source)
        if cell.cell_type == "code":
            if kind == "wrong-returns" and ids.index(gid) % 2 == 0:
                src = _RETURN.sub(lambda m: f"{m.group(1)}return None  # synthetic mistake", src)
            if kind == "raises" and gid == ids[0]:
                src += "\nraise RuntimeError('synthetic mistake at the end of the cell')"
        cell.source = src
    return nb


def assignment_notebooks(course_dir, assignment: str, lang: str = "uk") -> list[tuple[Path, Path]]:
    """``[(solution_nb, release_nb)]`` of an assignment, discovered through ``fsgeom.course``."""
    from . import course
    base = Path(course_dir)
    pairs = []
    for s in course.solution_notebooks(lang, base=base):
        if s.parent.name == assignment:
            r = base / "exercises" / lang / assignment / s.name
            if not r.exists():
                raise FileNotFoundError(f"no release notebook {r} (run tools/release.py / generate_assignment)")
            pairs.append((s, r))
    if not pairs:
        raise FileNotFoundError(f"assignment {assignment!r} ({lang}) has no notebooks under {base / 'solutions'}")
    return pairs


def make_submissions(course_dir, assignment: str, n: int, lang: str = "uk",
                     timestamp: str = DEFAULT_TIMESTAMP) -> dict:
    """Place ``n`` synthetic submissions in ``course_dir/submitted``; returns ``{student: kind}``.
    Kinds cycle through :data:`KINDS`. All submissions carry the same fixed timestamp (reproducible)."""
    import nbformat
    from .gradetools import submit
    pairs = [(nbformat.read(s, as_version=4), nbformat.read(r, as_version=4), r.name)
             for s, r in assignment_notebooks(course_dir, assignment, lang)]
    out = {}
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        student = f"student{i + 1:03d}"
        files = {name: nbformat.writes(_variant(rel, sol, kind)) for sol, rel, name in pairs}
        submit(course_dir, student, assignment, files, timestamp=timestamp)
        out[student] = kind
    return out


# -------------------------------------------------------------------------------- grade comparisons

def gradebook_dump(course_dir, assignment: str) -> dict:
    """Everything autograde stores per submission, without the random ids: ``{student: {...}}``."""
    from .gradetools import gradebook
    out = {}
    with gradebook(course_dir) as gb:
        for sub in gb.assignment_submissions(assignment):
            nbs = {}
            for nb in sub.notebooks:
                nbs[nb.name] = {
                    "grades": {g.name: (g.auto_score, g.manual_score, g.extra_credit, g.needs_manual_grade,
                                        g.max_score) for g in nb.grades},
                    "comments": {c.name: (c.auto_comment, c.manual_comment) for c in nb.comments},
                    "flagged": nb.flagged, "late_penalty": nb.late_submission_penalty}
            out[sub.student.id] = {"timestamp": str(sub.timestamp), "extension": str(sub.extension),
                                   "score": sub.score, "notebooks": nbs}
    return out


_NORMALIZERS = [
    (re.compile(r"0x[0-9a-fA-F]{6,}"), "0xADDR"),
    # a cell's "file" in tracebacks: $TMPDIR/ipykernel_<pid>/<hash>.py (the guard gives each kernel its own TMPDIR)
    (re.compile(r"(?:/[\w.+-]+)*/ipykernel_\d+/\d+\.py"), "<ipykernel cell>"),
    (re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d| ?UTC)?"), "<timestamp>"),
    (re.compile(r"\b[0-9a-f]{32}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "<uuid>"),
]


def _norm_text(text: str, course_dir: str) -> str:
    text = text.replace(course_dir, "<COURSE>")
    for rx, rep in _NORMALIZERS:
        text = rx.sub(rep, text)
    return text


def coalesce_streams(outputs: list) -> list:
    """Merge consecutive stream outputs of the same stream: how the kernel chunks ``print`` output into
    messages depends on timing (e.g. ``"text"`` and ``"\\n"`` arrive as one or as two outputs)."""
    out = []
    for o in outputs:
        if (o.get("output_type") == "stream" and out and out[-1].get("output_type") == "stream"
                and out[-1].get("name") == o.get("name")):
            prev = dict(out[-1])
            a, b = prev.get("text", ""), o.get("text", "")
            prev["text"] = ("".join(a) if isinstance(a, list) else a) + ("".join(b) if isinstance(b, list) else b)
            out[-1] = prev
        else:
            if o.get("output_type") == "stream" and isinstance(o.get("text"), list):
                o = {**o, "text": "".join(o["text"])}
            out.append(o)
    return out


def normalize_notebook(path, course_dir) -> dict:
    """An autograded notebook as JSON with run-specific details blanked: cell execution timing metadata,
    stream chunking (:func:`coalesce_streams`), timestamps, memory addresses, kernel temp file names,
    uuids and the course folder."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        md = cell.get("metadata", {})
        md.pop("execution", None)
        if "outputs" in cell:
            cell["outputs"] = coalesce_streams(cell["outputs"])
    nb.get("metadata", {}).pop("widgets", None)  # widget state: model ids are random
    text = json.dumps(nb, sort_keys=True, ensure_ascii=False)
    return json.loads(_norm_text(text, str(Path(course_dir).resolve())))


def _input_dependent(item) -> bool:
    """Guard runtime flags that come and go with the random inputs of hidden tests (not with how grading
    is scheduled): scikit-learn's threadpoolctl probing BLAS/OpenMP libraries with ``ctypes.dlopen`` in
    some code paths only, refused by the guard's audit hook."""
    return (isinstance(item, dict) and item.get("kind") == "refused"
            and str(item.get("detail", "")).startswith("ctypes.dlopen"))


def normalize_json(path, course_dir):
    """A JSON side file of an autograded submission (e.g. the guard's ``guard-<notebook>.json``) without
    run-specific values: ``seconds`` entries and input-dependent flags (:func:`_input_dependent`)."""
    def walk(x):
        if isinstance(x, dict):
            return {k: walk(v) for k, v in x.items() if k != "seconds"}
        if isinstance(x, list):
            return [walk(v) for v in x if not _input_dependent(v)]
        return x
    text = _norm_text(Path(path).read_text(encoding="utf-8"), str(Path(course_dir).resolve()))
    return walk(json.loads(text))


def autograded_differences(seq_dir, par_dir, assignment: str) -> list[str]:
    """Differences between two courses' ``autograded/*/<assignment>/`` folders (empty list: identical
    modulo run-specific details, see :func:`normalize_notebook` and :func:`normalize_json`; other files
    byte for byte)."""
    diffs = []
    a_root, b_root = Path(seq_dir) / "autograded", Path(par_dir) / "autograded"
    a_files = sorted(p.relative_to(a_root) for p in a_root.glob(f"*/{assignment}/**/*") if p.is_file())
    b_files = sorted(p.relative_to(b_root) for p in b_root.glob(f"*/{assignment}/**/*") if p.is_file())
    if a_files != b_files:
        diffs.append(f"file lists differ: only sequential {sorted(set(a_files) - set(b_files))[:5]}, "
                     f"only parallel {sorted(set(b_files) - set(a_files))[:5]}")
    for rel in sorted(set(a_files) & set(b_files)):
        a, b = a_root / rel, b_root / rel
        if rel.suffix == ".ipynb":
            na, nb_ = normalize_notebook(a, seq_dir), normalize_notebook(b, par_dir)
            if na != nb_:
                where = "metadata"
                for i, (ca, cb) in enumerate(zip(na.get("cells", []), nb_.get("cells", []))):
                    if ca != cb:
                        where = f"cell {i}"
                        break
                diffs.append(f"{rel}: notebooks differ ({where})")
        elif rel.suffix == ".json":
            try:
                same = normalize_json(a, seq_dir) == normalize_json(b, par_dir)
            except ValueError:
                same = a.read_bytes() == b.read_bytes()
            if not same:
                diffs.append(f"{rel}: contents differ")
        elif a.read_bytes() != b.read_bytes():
            diffs.append(f"{rel}: contents differ")
    return diffs


# ----------------------------------------------------------------------------------------- autograde

def prepare_course(dst, assignment, lang="uk", course_root=None) -> Path:
    """A scratch grading copy of the course (``gradetools.copy_course``) with its gradebook filled by
    ``nbgrader generate_assignment`` (which also regenerates the scratch release)."""
    from .gradetools import copy_course, run_nbgrader
    copy_course(dst, src=course_root)
    # fills the scratch gradebook (assignment, notebooks, cells); regenerates the scratch release
    run_nbgrader(["generate_assignment", assignment, "--force"], cwd=dst, env={"COURSE_LANG": lang})
    return Path(dst)


def _children_cpu() -> float:
    """CPU seconds (user + system) used so far by finished child processes and their waited-for children
    (nbgrader workers and their kernels)."""
    import resource
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _sequential_autograde(course_dir, assignment, env, timeout) -> int:
    """Plain ``nbgrader autograde <assignment>`` in ``course_dir``; its exit status. Output goes to
    ``nbgrader-autograde.log`` next to the course copy. On ``timeout`` it and its kernels are stopped."""
    from .gradetools import kill_process_group, nbgrader_cmd, nbgrader_env
    log = Path(course_dir).with_name(Path(course_dir).name + "-autograde.log")
    with open(log, "w", encoding="utf-8") as f:
        p = subprocess.Popen([*nbgrader_cmd(), "autograde", assignment], cwd=str(course_dir),
                             env=nbgrader_env(env), stdout=f, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            return p.wait(timeout)
        except subprocess.TimeoutExpired:
            kill_process_group(p)
            raise TimeoutError(f"sequential nbgrader autograde did not finish in {timeout} s; see {log}") from None


def largest_assignment(found: list) -> str:
    """Of the assignment ids ``found``, the one whose module has the most graded tasks (ties: the first found);
    ``01-distances`` when nothing is found."""
    if not found:
        return "01-distances"
    try:
        from . import modules
        sizes = {m.id: len(m.tasks()) for m in modules.discover()}
    except Exception:  # noqa: BLE001 - a broken module must not stop the benchmark from choosing
        sizes = {}
    return max(found, key=lambda a: (sizes.get(a, 0), -found.index(a)))


def bench_autograde(submissions: int = 20, assignment: str = "01-distances", lang: str = "uk",
                    jobs=(2,), course_root=None, workdir=None, keep: bool = False, out=print) -> dict:
    """Sequential ``nbgrader autograde`` vs ``nbguard.parallel`` on synthetic submissions (module doc)."""
    from nbguard import parallel
    timeout = 300 + 120 * submissions  # safety net only: a hung grading kernel must not hang the benchmark
    tmp = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="fsgeom-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    env = {"COURSE_LANG": lang}
    res = {"assignment": assignment, "lang": lang, "submissions": submissions, "workdir": str(tmp)}
    try:
        t = time.perf_counter()
        base = prepare_course(tmp / "base", assignment, lang, course_root)
        kinds = make_submissions(base, assignment, submissions, lang)
        res["prepare_seconds"] = time.perf_counter() - t
        res["kinds"] = {k: sum(1 for v in kinds.values() if v == k) for k in KINDS if k in kinds.values()}

        seq = tmp / "sequential"
        shutil.copytree(base, seq)
        t, cpu = time.perf_counter(), _children_cpu()
        rc = _sequential_autograde(seq, assignment, env, timeout)
        secs = time.perf_counter() - t
        res["sequential"] = {"seconds": secs, "returncode": rc, "cpu_seconds": _children_cpu() - cpu,
                             "per_submission_seconds": secs / max(1, submissions)}
        ref = gradebook_dump(seq, assignment)
        res["graded"] = len(ref)
        res["total_score"] = {s: ref[s]["score"] for s in sorted(ref)}
        res["parallel"] = []
        for j in jobs:
            par = tmp / f"parallel-j{j}"
            shutil.copytree(base, par)
            t, cpu = time.perf_counter(), _children_cpu()
            run = parallel.grade(par, assignment, jobs=j, env=env, log=lambda *a: None, timeout=timeout)
            secs = time.perf_counter() - t
            cpu = _children_cpu() - cpu
            got = gradebook_dump(par, assignment)
            diffs = [f"gradebook: {s}" for s in sorted(set(ref) | set(got)) if ref.get(s) != got.get(s)]
            diffs += autograded_differences(seq, par, assignment)
            diffs += [f"changed outside autograded/: {f}" for f in run.other_files_changed]
            res["parallel"].append({
                "jobs": j, "workers": len(run.shares), "seconds": secs, "cpu_seconds": cpu,
                "returncodes": run.returncodes,
                "identical": bool(not diffs and run.returncodes and (max(run.returncodes) != 0) == (rc != 0)),
                "differences": diffs[:20], "ratio": res["sequential"]["seconds"] / secs})
        good = [p for p in res["parallel"] if p["identical"]]
        res["best"] = max(good, key=lambda p: p["ratio"]) if good else None
    finally:
        if not keep and not workdir:
            shutil.rmtree(tmp, ignore_errors=True)
    if out:
        _print_autograde(res, out)
    return res


def _print_autograde(res, out):
    n = res["submissions"]
    out(f"\n== Autograde: {n} synthetic submissions of {res['assignment']} ({res['lang']}); kinds: "
        + ", ".join(f"{k} x{v}" for k, v in res["kinds"].items()))
    out(f"   scratch course prepared (copy, generate_assignment, submissions) in {res['prepare_seconds']:.1f} s")
    s = res["sequential"]
    out(f"   {'':44} {'wall':>8}    {'CPU':>7}  (CPU = user + system seconds of nbgrader and its kernels)")
    out(f"   {'sequential `nbgrader autograde`':44} {s['seconds']:8.1f} s {s['cpu_seconds']:7.1f} s  "
        f"({s['seconds'] / max(1, n):.2f} s per submission, exit {s['returncode']}, {res['graded']} graded)")
    for p in res["parallel"]:
        label = f"nbguard.parallel -j {p['jobs']} ({p['workers']} workers)"
        verdict = "grades IDENTICAL to sequential" if p["identical"] else "DIFFERENT from sequential"
        out(f"   {label:44} {p['seconds']:8.1f} s {p['cpu_seconds']:7.1f} s  speed-up x{p['ratio']:.2f}  {verdict}, "
            f"exits {p['returncodes']}")
        for d in p["differences"]:
            out(f"      ! {d}")
    out("   (identical = every grade and comment in the gradebook, exit status, and the autograded folders: "
        "notebooks modulo execution timestamps, stream chunking, addresses and kernel temp paths; JSON side "
        "files modulo timings)")
    scores = sorted(set(res["total_score"].values()))
    out(f"   distinct total scores among submissions: {', '.join(f'{x:g}' for x in scores)}")
    if res["best"]:
        out(f"   RATIO sequential / fastest correct (nbguard.parallel -j {res['best']['jobs']}): "
            f"x{res['best']['ratio']:.2f}")
    else:
        out("   RATIO: none (no parallel run reproduced the sequential grades)")


# ------------------------------------------------------------------------------------ stand-ins

def standin_course(dst, assignment: str = "toy", lang: str = "uk", config_from=None) -> Path:
    """A tiny course for smoke tests: the real ``nbgrader_config.py`` (from ``config_from``, default the
    course root), one lecture notebook, and a one-notebook nbgrader assignment with two tasks (2 + 3 points,
    visible and hidden tests). Its ``exercises`` release is made by ``nbgrader generate_assignment``."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
    from . import course
    from .gradetools import run_nbgrader
    dst = Path(dst)
    src = Path(config_from) if config_from else course.root()
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src / "nbgrader_config.py", dst / "nbgrader_config.py")

    def meta(gid, **kw):
        d = {"grade": False, "solution": False, "locked": False, "grade_id": gid, "schema_version": 3}
        d.update(kw)
        return {"nbgrader": d}

    cells = [
        new_markdown_cell("# Toy assignment", metadata=meta("intro", locked=True)),
        new_code_cell("import math", metadata=meta("imports", locked=True)),
        new_code_cell("def squared(x):\n    \"\"\"x * x\"\"\"\n    ### BEGIN SOLUTION\n    return x * x\n"
                      "    ### END SOLUTION", metadata=meta("squared", solution=True)),
        new_code_cell("assert squared(3) == 9\n### BEGIN HIDDEN TESTS\nassert squared(-2) == 4\n"
                      "### END HIDDEN TESTS", metadata=meta("test_squared", grade=True, locked=True, points=2)),
        new_code_cell("def norm(v):\n    \"\"\"sqrt(sum v_i^2)\"\"\"\n    ### BEGIN SOLUTION\n"
                      "    return math.sqrt(sum(x * x for x in v))\n    ### END SOLUTION",
                      metadata=meta("norm", solution=True)),
        new_code_cell("assert norm([3, 4]) == 5\n### BEGIN HIDDEN TESTS\nassert norm([1, 0, 0]) == 1\n"
                      "### END HIDDEN TESTS", metadata=meta("test_norm", grade=True, locked=True, points=3)),
    ]
    nb = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                             "language": "python"}})
    sol = dst / "solutions" / lang / assignment / f"{assignment}.ipynb"
    sol.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, sol)
    lec = dst / "lectures" / lang / f"00-{assignment}.ipynb"
    lec.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(new_notebook(cells=[new_code_cell("print(sum(range(10)))")], metadata=nb.metadata), lec)
    run_nbgrader(["generate_assignment", assignment, "--force"], cwd=dst, env={"COURSE_LANG": lang})
    (dst / "gradebook.db").unlink()  # a fresh course: the benchmark fills its own scratch gradebook
    return dst


class _StandinWidget:
    """Shape of a course widget (``controls``, ``view.fig``, ``readout``), drawn synchronously on Agg."""

    def __init__(self):
        import ipywidgets as W
        import matplotlib.pyplot as plt
        import numpy as np
        _headless()
        self._np = np
        fig, ax = plt.subplots(figsize=(5, 4), dpi=100)
        self.view = type("View", (), {"fig": fig})()
        self._x = np.linspace(0, 2 * np.pi, 400)
        (self._line,) = ax.plot(self._x, np.sin(self._x))
        ax.set_ylim(-3, 3)
        self.readout = W.HTML()
        self.controls = {"amplitude": W.FloatSlider(value=1.0, min=0.0, max=2.5, step=0.1),
                         "freq": W.IntSlider(value=1, min=1, max=6),
                         "shape": W.Dropdown(options=[("sine", "sin"), ("cosine", "cos")], value="sin"),
                         "grid": W.ToggleButton(value=False)}
        for c in self.controls.values():
            c.observe(self._update, names="value")
        self._update()

    def _update(self, change=None):
        c = self.controls
        f = getattr(self._np, c["shape"].value)
        self._line.set_ydata(c["amplitude"].value * f(c["freq"].value * self._x))
        self.view.fig.axes[0].grid(c["grid"].value)
        self.view.fig.canvas.draw()
        self.readout.value = f"a={c['amplitude'].value:.1f}"


def standin_widgets() -> dict:
    """A registry with one toy widget (smoke tests of the benchmark that do not depend on any module)."""
    return {"standin-sine": _StandinWidget}


# ---------------------------------------------------------------------------------------------- CLI

def _print_machine(info, out):
    v = info["versions"]
    out("== Machine: " + f"{info.get('cpu_model', '?')}, {info['cpus']} CPUs"
        + (f" ({info['cpus_usable']} usable)" if "cpus_usable" in info else "")
        + (f", {info['memory_gib']} GiB" if "memory_gib" in info else "") + f"; {info['platform']}")
    out(f"   Python {info['python']}; " + ", ".join(f"{k} {val}" for k, val in v.items() if val))
    if "loadavg" in info:
        out(f"   load average at start (1/5/15 min): {' / '.join(map(str, info['loadavg']))} "
            "(other work on the machine slows every figure below)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m fsgeom.bench", description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--moves", type=int, default=60, help="timed control moves per widget (default 60)")
    ap.add_argument("--widget", action="append", default=None, metavar="NAME",
                    help="only this widget (repeatable; default: every widget of every module)")
    ap.add_argument("--submissions", type=int, default=20, help="synthetic submissions (default 20)")
    ap.add_argument("--assignment", default=None,
                    help="assignment id (default: the largest, the one with the most graded tasks)")
    ap.add_argument("--lang", default="uk", choices=("uk", "en"))
    ap.add_argument("--jobs", default="2,3", help="nbguard.parallel worker counts to try (default 2,3)")
    ap.add_argument("--only", choices=("widgets", "notebooks", "autograde"), action="append",
                    help="run only this section (repeatable)")
    ap.add_argument("--json", dest="json_out", help="also write the results as JSON to this file")
    ap.add_argument("--keep", action="store_true", help="keep the autograde scratch folder")
    args = ap.parse_args(argv)
    sections = args.only or ["widgets", "notebooks", "autograde"]
    out = lambda s="": print(s, flush=True)  # noqa: E731

    info = machine_info()
    _print_machine(info, out)
    results = {"machine": info}
    t0 = time.perf_counter()
    if "widgets" in sections:
        results["widgets"] = bench_widgets(args.moves, out=out, only=args.widget)
    if "notebooks" in sections:
        results["notebooks"] = bench_notebooks(out=out)
    if "autograde" in sections:
        from . import course
        assignment = args.assignment
        if assignment is None:
            found = course.assignments(args.lang)
            assignment = largest_assignment(found)
        jobs = [int(j) for j in args.jobs.split(",") if j.strip()]
        results["autograde"] = bench_autograde(args.submissions, assignment, args.lang, jobs=jobs,
                                               keep=args.keep, out=out)
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    out(f"\nbenchmark finished in {time.perf_counter() - t0:.1f} s (load average now {load})")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
        out(f"results written to {args.json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
