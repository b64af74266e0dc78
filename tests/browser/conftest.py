"""Real-browser fixtures: a throwaway JupyterLab server and Debian's Chromium driven by Playwright for Python.

* ``lab_server`` (session, one per xdist worker): ``jupyter lab`` on 127.0.0.1 with a port chosen by the OS
  (read back from the server's runtime file, so parallel workers never collide), no token, no XSRF check,
  ``window.jupyterapp`` exposed, the course's own JupyterLab options (``fsgeom.lab``), and every Jupyter directory (config, data, runtime,
  settings, workspaces, IPython) temporary. Its root is a temporary COPY of ``lectures/`` and ``figures/``;
  the repository is never written to. Killed (with its kernels) at teardown.
* ``chromium_browser`` (session): ``/usr/bin/chromium`` launched by Playwright. Never ``playwright install``.
  Missing browser: skip, unless ``CI=true`` or ``COURSE_REQUIRE_BROWSER=1``, then fail.
* ``lab`` (function): a fresh browser context + page wrapped in :class:`LabDriver`, which opens a notebook,
  waits for its kernel, runs all cells, finds the widget controls and moves them one by one.

Helpers live here (not in an importable module) so the tests work under any pytest import mode and xdist.
Timings are attached to each test's ``user_properties`` and printed in the terminal summary.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fsgeom.lab import course_args

CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INSTALL_HINT = "install it with: sudo .ci/install-browser.sh  (apt-get install -y --no-install-recommends chromium)"
HARNESS_JS = Path(__file__).with_name("harness.js")

# Bounded waits, in seconds. Generous: 2 shared cores, other test suites may run at the same time.
SERVER_START_TIMEOUT = 90
KERNEL_READY_TIMEOUT = 90
RUN_ALL_TIMEOUT = 240
RENDER_TIMEOUT = 30
CHANGE_TIMEOUT = 10
KERNEL_IDLE_MS = 300  # the kernel counts as ready after being idle (and connected) this long
QUIET_MS = 400  # a scope counts as settled after this long without a visible change

# Text that means a widget failed to render (searched case-insensitively in the notebook's DOM text).
WIDGET_ERROR_TEXTS = ("Error displaying widget", "model not found", "Error creating widget", "Failed to load model class")

# Environment variables that would make the server's kernels differ from a student's.
_SCRUBBED_ENV = ("MPLBACKEND", "COURSE_LANG", "JUPYTER_TOKEN", "JUPYTER_PORT", "JUPYTER_CONFIG_PATH", "JUPYTER_PATH")


def _truthy(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def browser_required() -> bool:
    """CI (``CI=true``) or ``COURSE_REQUIRE_BROWSER=1``: a missing browser fails instead of skipping."""
    return _truthy("CI") or _truthy("COURSE_REQUIRE_BROWSER")


def skip_or_fail(reason: str) -> None:
    if browser_required():
        pytest.fail(f"{reason}\n(CI=true or COURSE_REQUIRE_BROWSER=1: the browser suite must run, not skip)", pytrace=False)
    pytest.skip(reason)


def course_root() -> Path:
    from fsgeom.course import root

    return root()


# --------------------------------------------------------------------------------------------------- timings
def _timing(request, key: str, value) -> None:
    """Attach a timing (seconds or ms, see key) to the current test; shown in the terminal summary."""
    request.node.user_properties.append((f"timing:{key}", value))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    rows = []
    for reports in terminalreporter.stats.values():
        for rep in reports:
            if getattr(rep, "when", None) != "call" or not hasattr(rep, "user_properties"):
                continue
            t = {k[len("timing:"):]: v for k, v in rep.user_properties if str(k).startswith("timing:")}
            if t:
                rows.append((rep.nodeid, rep.outcome, t))
    if not rows:
        return
    tr = terminalreporter
    tr.section("browser timings")
    for nodeid, outcome, t in sorted(rows):
        tr.write_line(f"{nodeid.split('::', 1)[-1]} [{outcome}]")
        tr.write_line("    " + ", ".join(f"{k}={v}" for k, v in t.items()))


# ---------------------------------------------------------------------------------------------------- server
@dataclass
class LabServer:
    url: str
    root: Path
    log: Path
    proc: subprocess.Popen
    start_s: float

    def api(self, method: str, path: str, timeout: float = 10):
        req = urllib.request.Request(self.url + path, method=method, data=b"" if method in ("POST", "PUT") else None)
        with urllib.request.urlopen(req, timeout=timeout) as r:
            body = r.read()
        return json.loads(body) if body.strip() else None

    def shutdown_kernels(self) -> None:
        """Delete every session (and its kernel): each notebook test starts from a fresh kernel and memory."""
        with contextlib.suppress(Exception):
            for s in self.api("GET", "/api/sessions") or []:
                with contextlib.suppress(Exception):
                    self.api("DELETE", f"/api/sessions/{s['id']}")
        with contextlib.suppress(Exception):
            for k in self.api("GET", "/api/kernels") or []:
                with contextlib.suppress(Exception):
                    self.api("DELETE", f"/api/kernels/{k['id']}")

    def log_tail(self, n: int = 40) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        return "(no server log)"


def _copy_course(src: Path, dst: Path) -> None:
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    dst.mkdir(parents=True, exist_ok=True)
    for name in ("lectures", "figures", "lab"):
        if (src / name).is_dir():
            shutil.copytree(src / name, dst / name, ignore=ignore)
    for name in ("START.ipynb", "GLOSSARY.md", "README.md"):
        if (src / name).is_file():
            shutil.copy2(src / name, dst / name)


def start_lab_server(base: Path, root: Path) -> LabServer:
    """Start ``jupyter lab`` serving ``root``; wait (bounded) until /api/status answers."""
    dirs = {k: base / k for k in ("config", "data", "runtime", "settings", "workspaces", "ipython")}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    # No settings of our own: the server runs with the course's JupyterLab options (fsgeom.lab.course_args: its
    # application settings turn the news pop-up and update checks off), exactly as ./course lab does. The news
    # URL is cleared only because this machine is offline (None is only expressible in a config file).
    (dirs["config"] / "jupyter_lab_config.py").write_text("c.LabApp.news_url = None\n")

    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED_ENV}
    env.update(
        JUPYTER_CONFIG_DIR=str(dirs["config"]),
        JUPYTER_DATA_DIR=str(dirs["data"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        JUPYTERLAB_SETTINGS_DIR=str(dirs["settings"]),
        JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]),
        IPYTHONDIR=str(dirs["ipython"]),
        JUPYTER_PREFER_ENV_PATH="1",
        PYTHONUNBUFFERED="1",
    )
    cmd = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port=0",  # the OS picks a free port; read back from the runtime file below
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        "--ServerApp.terminals_enabled=False",
        "--LabApp.expose_app_in_browser=True",
        f"--LabApp.workspaces_dir={dirs['workspaces']}",
        f"--LabApp.user_settings_dir={dirs['settings']}",
        *course_args(root),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")

    last_error = ""
    for attempt in range(3):  # a port grabbed between the server's probe and its bind makes it exit: retry
        log = base / f"jupyterlab-{attempt}.log"
        t0 = time.perf_counter()
        with open(log, "wb") as out:
            proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = t0 + SERVER_START_TIMEOUT
        url = None
        while time.perf_counter() < deadline and proc.poll() is None:
            if url is None:
                for f in dirs["runtime"].glob(f"jpserver-{proc.pid}.json"):
                    with contextlib.suppress(ValueError, OSError, KeyError):
                        url = f"http://127.0.0.1:{json.loads(f.read_text())['port']}"
            if url is not None:
                with contextlib.suppress(urllib.error.URLError, OSError, ValueError):
                    with urllib.request.urlopen(url + "/api/status", timeout=2) as r:
                        if r.status == 200:
                            return LabServer(url, root, log, proc, round(time.perf_counter() - t0, 2))
            time.sleep(0.1)
        srv = LabServer(url or "?", root, log, proc, 0.0)
        last_error = f"attempt {attempt + 1}: server {'exited with ' + str(proc.returncode) if proc.poll() is not None else 'not ready after ' + str(SERVER_START_TIMEOUT) + ' s'}\n{srv.log_tail()}"
        stop_lab_server(srv)
    raise RuntimeError(f"JupyterLab did not start:\n{last_error}")


def stop_lab_server(server: LabServer) -> None:
    """Shut down kernels and server through the API, then kill the process group if anything is left."""
    proc = server.proc
    if proc.poll() is None and server.url.startswith("http"):
        with contextlib.suppress(Exception):
            server.api("POST", "/api/shutdown", timeout=5)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=15)
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            break
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=wait)


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        skip_or_fail(f"real-browser tests need Chromium at {CHROMIUM}; {INSTALL_HINT}")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        skip_or_fail("real-browser tests need the 'playwright' Python package (pip install playwright; "
                     "do NOT run 'playwright install', the tests use Debian's /usr/bin/chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory, chromium_executable):
    """One JupyterLab server per test session (per xdist worker), serving a temporary copy of the course."""
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "course"
    _copy_course(course_root(), root)
    server = start_lab_server(base, root)
    try:
        yield server
    finally:
        stop_lab_server(server)


@pytest.fixture(scope="session")
def chromium_browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    t0 = time.perf_counter()
    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=str(chromium_executable), args=CHROMIUM_ARGS, headless=True)
    except Exception:
        pw.stop()
        raise
    browser.launch_s = round(time.perf_counter() - t0, 2)  # type: ignore[attr-defined]
    try:
        yield browser
    finally:
        with contextlib.suppress(Exception):
            browser.close()
        with contextlib.suppress(Exception):
            pw.stop()


# ---------------------------------------------------------------------------------------------------- driver
@dataclass
class ControlResult:
    kind: str
    label: str
    cell: int
    action: str
    changed: bool
    canvas_ms: float | None = None  # input event -> first changed canvas pixels (page clock)
    text_ms: float | None = None  # input event -> first changed readout text
    wall_ms: float = 0.0  # Python: just before the action -> change seen
    note: str = ""

    def __str__(self) -> str:
        what = []
        if self.canvas_ms is not None:
            what.append(f"canvas {self.canvas_ms:.0f} ms")
        if self.text_ms is not None:
            what.append(f"text {self.text_ms:.0f} ms")
        return (f"cell {self.cell} {self.kind} {self.label!r} ({self.action}): "
                + (("changed: " + ", ".join(what)) if self.changed else "NOTHING VISIBLE CHANGED")
                + (f" [{self.note}]" if self.note else ""))


class LabDriver:
    """Drives one notebook in JupyterLab through ``window.jupyterapp`` and the DOM."""

    def __init__(self, page, server: LabServer):
        self.page = page
        self.server = server
        self.console: list[str] = []
        self.path: str | None = None
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console.append(f"pageerror: {exc}"))
        page.on("crash", lambda *_: self.console.append("page crashed"))
        page.on("requestfailed", lambda r: self.console.append(f"request failed: {r.method} {r.url[:200]} ({r.failure})"))
        self._quiet_cell: int | None = None  # cell known to be quiet right after the last control's wait

    def _on_console(self, msg) -> None:
        if msg.type in ("error", "warning"):
            self.console.append(f"console.{msg.type}: {msg.text}"[:500])

    def console_errors(self) -> list[str]:
        return [c for c in self.console if not c.startswith("console.warning")]

    def scroll_to_cell(self, index: int) -> None:
        """Bring notebook cell ``index`` into view (for screenshots)."""
        with contextlib.suppress(Exception):
            self.js("""(i) => { const c = window.__fsgeom.notebook().querySelectorAll('.jp-Cell')[i];
                              if (c) c.scrollIntoView({block: 'start'}); }""", index)

    def console_report(self, limit: int = 30) -> str:
        errs = self.console_errors()
        if not errs:
            return "browser console: no errors"
        return "browser console errors:\n  " + "\n  ".join(errs[:limit]) + (f"\n  ... {len(errs) - limit} more" if len(errs) > limit else "")

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def wait_js(self, expr: str, arg=None, timeout: float = 10, what: str = "condition", polling="raf"):
        """Poll a JS predicate (bounded); return its truthy value or raise AssertionError naming ``what``."""
        from playwright.sync_api import TimeoutError as PWTimeout

        try:
            return self.page.wait_for_function(expr, arg=arg, timeout=timeout * 1000, polling=polling).json_value()
        except PWTimeout:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}") from None

    # ---------------------------------------------------------------- open / kernel
    def open(self, relpath: str) -> float:
        """Open ``relpath`` (relative to the server root) with a reset layout; wait until its kernel is ready
        and idle. Returns the seconds from navigation to ready."""
        self.path = relpath
        t0 = time.perf_counter()
        self.page.goto(f"{self.server.url}/lab/tree/{relpath}?reset", wait_until="domcontentloaded")
        state = self.wait_js(
            """([path, IDLE_MS]) => {
                const dlg = document.querySelector('.jp-Dialog');
                if (dlg) return {dialog: dlg.innerText.slice(0, 500)};
                const app = window.jupyterapp;
                const w = app && app.shell && app.shell.currentWidget;
                if (!w || !w.context || w.context.path !== path || !w.context.isReady || !w.sessionContext) return false;
                const sc = w.sessionContext;
                const k = sc.session && sc.session.kernel;
                if (!sc.isReady || !k || k.status !== 'idle' || k.connectionStatus !== 'connected') {
                    window.__fsgeomIdleSince = null;
                    return false;
                }
                if (!window.__fsgeom) return {error: 'harness.js not loaded'};
                // Idle must hold for a moment: a starting kernel flips idle/busy while it is being set up.
                const now = performance.now();
                if (!window.__fsgeomIdleSince) window.__fsgeomIdleSince = now;
                if (now - window.__fsgeomIdleSince < IDLE_MS) return false;
                return {ready: true, kernel: k.name};
            }""",
            [relpath, KERNEL_IDLE_MS], timeout=KERNEL_READY_TIMEOUT, what=f"{relpath} to open with an idle, connected kernel", polling=50)
        if not state.get("ready"):
            raise AssertionError(f"{relpath}: JupyterLab did not reach a ready kernel: {state}")
        return round(time.perf_counter() - t0, 2)

    def run_all(self) -> float:
        """Clear outputs (so fresh execution counts are visible), run all cells, wait until every non-empty code
        cell has an execution count, none shows ``[*]`` and the kernel is idle. Fails fast on an error output."""
        t0 = time.perf_counter()
        self.js("""async () => {
            const app = window.jupyterapp;
            await app.commands.execute('notebook:clear-all-cell-outputs');
            const st = window.__fsgeomRunAll = {done: false, ok: null, error: null};
            app.commands.execute('notebook:run-all-cells').then(
                (r) => { st.done = true; st.ok = r; },
                (e) => { st.done = true; st.ok = false; st.error = String(e); });
        }""")
        state = self.wait_js(
            """() => {
                const st = window.__fsgeomRunAll;
                const w = window.jupyterapp.shell.currentWidget;
                const all = w.content.widgets;
                const code = all.filter((c) => c.model.type === 'code' && c.model.sharedModel.getSource().trim());
                for (const c of code) {
                    for (const o of c.model.outputs.toJSON()) {
                        if (o.output_type === 'error') {
                            const tb = (o.traceback || []).join('\\n').replace(/\\u001b\\[[0-9;]*m/g, '');
                            return {error: true, cell: all.indexOf(c), ename: o.ename, evalue: o.evalue, traceback: tb.slice(-3000)};
                        }
                    }
                }
                if (!st.done) return false;
                const k = w.sessionContext.session && w.sessionContext.session.kernel;
                if (!k || k.status !== 'idle') return false;
                const pending = code.filter((c) => c.model.executionCount === null
                    || ((c.node.querySelector('.jp-InputPrompt') || {}).textContent || '').includes('*'));
                if (pending.length) return st.ok === false ? {error: true, notRun: pending.map((c) => all.indexOf(c)), runAll: st} : false;
                return {ok: true, cells: code.length};
            }""",
            timeout=RUN_ALL_TIMEOUT, what=f"{self.path}: run-all to finish (kernel idle, every code cell numbered)", polling=100)
        if state.get("error"):
            if "ename" in state:
                raise AssertionError(f"{self.path}: cell {state['cell']} raised {state['ename']}: {state['evalue']}\n{state['traceback']}")
            raise AssertionError(f"{self.path}: run-all stopped; cells never executed: {state['notRun']} ({state['runAll']})")
        return round(time.perf_counter() - t0, 2)

    def wait_rendered(self, timeout: float = RENDER_TIMEOUT) -> float:
        """Wait until every widget view is rendered (none stuck at "Loading widget..."), every ipympl figure has
        drawn, and the notebook is quiet. Returns seconds."""
        t0 = time.perf_counter()
        try:
            self.wait_js("() => window.__fsgeom.rendered().ok", timeout=timeout, polling=100, what="widgets to render")
        except AssertionError:
            st = self.js("() => window.__fsgeom.rendered()")
            problems = []
            if st["stuck"]:
                problems.append(f"widget views stuck at 'Loading widget...' in cells {st['stuck']} "
                                "(model never reached the page)")
            if st["blank"]:
                problems.append(f"ipympl figures never drawn (blank canvas) in cells {st['blank']}")
            raise AssertionError(f"{self.path}: after {timeout} s: " + "; ".join(problems or ["render wait timed out"])) from None
        self.js("() => window.__fsgeom.watch(window.__fsgeom.notebook())")
        self.wait_js(f"() => window.__fsgeom.watchStatus().quietMs >= {QUIET_MS}", timeout=timeout, polling=100,
                     what=f"{self.path}: the notebook to stop redrawing")
        self.js("() => window.__fsgeom.current.stop()")
        return round(time.perf_counter() - t0, 2)

    # ---------------------------------------------------------------- widgets
    def widget_errors(self) -> list[dict]:
        return self.js("(n) => window.__fsgeom.widgetErrors(n)", list(WIDGET_ERROR_TEXTS))

    def assert_no_widget_errors(self, when: str) -> None:
        errs = self.widget_errors()
        assert not errs, f"{self.path}: widget error shown {when}: " + "; ".join(f"cell {e['cell']}: {e['text']}" for e in errs)

    def controls(self) -> list[dict]:
        return self.js("() => window.__fsgeom.describeAll()")

    def exercise_all(self, change_timeout: float = CHANGE_TIMEOUT, max_controls: int = 60) -> list[ControlResult]:
        """Move every control once (controls that appear after another moved are moved too)."""
        results: list[ControlResult] = []
        seen: set[tuple] = set()
        for _ in range(max_controls):
            todo = None
            occurrences: dict[tuple, int] = {}
            for i, d in enumerate(self.controls()):
                ident = (d["kind"], d["cell"], d["label"])
                occurrences[ident] = occurrences.get(ident, 0) + 1
                key = (*ident, occurrences[ident])
                if key not in seen:
                    todo = (i, d, key)
                    break
            if todo is None:
                break
            i, d, key = todo
            seen.add(key)
            results.append(self.exercise(i, d, change_timeout))
            self.assert_no_widget_errors(f"after moving {results[-1]}")
        return results

    def exercise(self, index: int, desc: dict, change_timeout: float = CHANGE_TIMEOUT) -> ControlResult:
        page = self.page
        res = ControlResult(desc["kind"], desc["label"], desc["cell"], action="", changed=False)
        if desc["disabled"]:
            res.action, res.note, res.changed = "skipped", "disabled", True
            return res
        el = page.evaluate_handle("(i) => window.__fsgeom.controls()[i].el", index).as_element()
        el.scroll_into_view_if_needed(timeout=5000)
        # Settle: the scope must be quiet before the "before" picture is taken (already known when the previous
        # control, in the same cell, was followed by a quiet period).
        if self._quiet_cell != desc["cell"]:
            self.js("(el) => window.__fsgeom.watch(window.__fsgeom.scopeOf(el))", el)
            self.wait_js(f"() => window.__fsgeom.watchStatus().quietMs >= {QUIET_MS}", timeout=RENDER_TIMEOUT,
                         polling=50, what=f"cell {desc['cell']} to stop redrawing before moving {desc['label']!r}")
        self._quiet_cell = None
        before = self.js("(el) => window.__fsgeom.watch(window.__fsgeom.scopeOf(el))", el)
        if not (before["nCanvas"] or before["nText"] or before["nImg"]):
            res.note = "no canvas/readout on the page"
        t0 = time.perf_counter()
        res.action = self._act(el, desc)
        if res.action.startswith("cannot"):
            self.js("() => window.__fsgeom.current.stop()")
            res.changed, res.note = True, res.action
            return res
        try:
            self.wait_js("() => window.__fsgeom.watchStatus().changed", timeout=change_timeout, polling="raf",
                         what="a visible change")
            res.wall_ms = round((time.perf_counter() - t0) * 1000, 1)
            # Let follow-up redraws land (e.g. text first, canvas a few frames later) before reading the times.
            with contextlib.suppress(AssertionError):
                self.wait_js(f"() => window.__fsgeom.watchStatus().quietMs >= {QUIET_MS}", timeout=5, polling=50)
                self._quiet_cell = desc["cell"]
        except AssertionError:
            pass
        st = self.js("() => { const s = window.__fsgeom.watchStatus(); window.__fsgeom.current.stop(); return s; }")
        res.changed = bool(st["changed"])
        res.canvas_ms, res.text_ms = st["canvasMs"], st["textMs"]
        if st["imgMs"] is not None and res.canvas_ms is None:
            res.canvas_ms = st["imgMs"]
        if not st["inputSeen"]:
            res.note = (res.note + "; " if res.note else "") + "no input event reached the page"
        return res

    def _act(self, el, desc: dict) -> str:
        kind = desc["kind"]
        if kind == "slider":
            handles = el.query_selector_all(".noUi-handle")
            for h in handles:
                now, lo, hi = (h.get_attribute(a) for a in ("aria-valuenow", "aria-valuemin", "aria-valuemax"))
                try:
                    now, lo, hi = float(now), float(lo), float(hi)
                except (TypeError, ValueError):
                    now = lo = hi = None
                key = "ArrowRight" if now is None or now < hi else ("ArrowLeft" if now > lo else None)
                if key:
                    h.focus()
                    self.page.keyboard.press(key)
                    return f"{key} on handle {handles.index(h)}"
            return "cannot move: every handle is pinned"
        if kind in ("dropdown", "select"):
            n, cur = el.evaluate("(s) => [s.options.length, s.selectedIndex]")
            if n < 2:
                return "cannot change: fewer than two options"
            new = (cur + 1) % n
            el.select_option(index=new)
            return f"option {cur} -> {new}"
        if kind == "toggle-buttons":
            btn = el.query_selector("button:not(.mod-active):not([disabled])")
            if btn is None:
                return "cannot change: no inactive button"
            btn.click()
            return f"clicked {btn.inner_text().strip()!r}"
        if kind == "radio":
            inp = el.query_selector("input[type=radio]:not(:checked):not([disabled])")
            if inp is None:
                return "cannot change: no unchecked option"
            inp.click()
            return "clicked another option"
        if kind in ("checkbox", "toggle-button"):
            el.click()
            return "clicked"
        return f"cannot move: unknown kind {kind}"

    # ---------------------------------------------------------------- failure artifacts
    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path), full_page=True, timeout=15000)
        return path

    @contextlib.contextmanager
    def failure_artifacts(self, tmp_path: Path, name: str):
        """On any failure inside the block: scroll to the cell in trouble, save a full-page screenshot and the
        console log under ``tmp_path`` and fail with their paths and the console errors in the message."""
        message = None
        try:
            yield
        except (pytest.skip.Exception, KeyboardInterrupt):
            raise
        except BaseException as exc:  # AssertionError, pytest.fail, Playwright errors
            message = str(getattr(exc, "msg", None) or exc) or type(exc).__name__
            cells = [int(c) for c in re.findall(r"\bcells? \[?(\d+)", message)]
            if cells:
                self.scroll_to_cell(cells[0])
            safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
            extra = []
            try:
                extra.append(f"screenshot: {self.screenshot(tmp_path / f'{safe}.png')}")
            except Exception as e:  # the page may have crashed
                extra.append(f"screenshot failed: {e}")
            log = tmp_path / f"{safe}.console.txt"
            log.write_text("\n".join(self.console) + "\n")
            extra += [f"console log: {log}", f"server log: {self.server.log}", self.console_report()]
            message += "\n\n" + "\n".join(extra)
        if message is not None:
            try:
                pytest.fail(message, pytrace=False)
            except pytest.fail.Exception as failure:
                raise failure from None  # the message already says everything; no chained traceback


@pytest.fixture
def lab(request, lab_server, chromium_browser):
    """A fresh browser context on the test server; kernels are shut down afterwards."""
    _timing(request, "server_start_s", lab_server.start_s)
    _timing(request, "browser_launch_s", chromium_browser.launch_s)
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(path=str(HARNESS_JS))
    page = context.new_page()
    page.set_default_timeout(30000)
    driver = LabDriver(page, lab_server)
    try:
        yield driver
    finally:
        with contextlib.suppress(Exception):
            context.close()
        lab_server.shutdown_kernels()


@pytest.fixture
def timing(request):
    """``timing(key, value)``: record a timing for the terminal summary."""
    return lambda key, value: _timing(request, key, value)
