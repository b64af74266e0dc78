"""``GuardedExecute``: nbgrader's ``Execute`` preprocessor made resilient and watchful.

Registered in ``Autograde.autograde_preprocessors`` in place of ``Execute`` (see :mod:`fsgeom.guard.config`).
Compared with stock nbgrader it

* starts the kernel through :mod:`fsgeom.guard.kernel` (memory limit, audit hook, trusted-state snapshot);
* before every code cell restores the trusted state in the kernel (:func:`fsgeom.guard.runtime.sync`);
* appends a per-run nonce call to every graded test cell and fails the cell (error output, so nbgrader
  scores 0) if the call did not run, or if protected state changed while the cell ran; the nonce is removed
  from the saved notebook;
* survives a dead kernel (``os._exit``, a memory kill, a segfault) and a kernel that stays busy after the
  timeout interrupt (SIGINT ignored): the cell gets an error output, the kernel is restarted, the cells that
  had completed are re-run silently, and grading continues with the next cell — so the submission's other
  tasks keep their points and the batch never aborts;
* caps each cell's output (bytes) while it arrives;
* records what happened (restarts, timeouts, refused file access, restored state, missing nonce) in
  ``resources["fsgeom_guard"]`` for :class:`fsgeom.guard.sanitize.GuardReport`.
"""
from __future__ import annotations

import ast
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty

from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async, run_sync
from nbformat.v4 import new_output
from nbgrader import utils as nbu
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer, List, Unicode

from . import cells as gcells
from .runtime import ENTRY

__all__ = ["GuardedExecute", "parse_size"]

MESSAGES = {
    "dead": {"uk": "Ядро Python завершилося під час виконання цієї клітинки (os._exit, sys.exit у потоці, "
                   "нестача пам'яті або збій). Ядро перезапущено, решту завдань оцінено.",
             "en": "The Python kernel died while this cell ran (os._exit, a crash or running out of memory). "
                   "The kernel was restarted and the remaining tasks were graded."},
    "dead_after": {"uk": "Ядро Python завершилося або зависло одразу після цієї клітинки.",
                   "en": "The Python kernel died or hung right after this cell."},
    "hung": {"uk": "Клітинка не завершилася за відведений час і не відповіла на переривання; ядро "
                   "перезапущено.",
             "en": "The cell did not finish in time and ignored the interrupt; the kernel was restarted."},
    "incomplete": {"uk": "Тестова клітинка не виконалася до кінця (її код було змінено або пропущено під час "
                         "виконання).",
                   "en": "The test cell did not run to its end (its code was changed or skipped at run time)."},
    "tampered": {"uk": "Під час тесту змінено захищені функції або модулі: {what}",
                 "en": "Protected functions or modules were changed during this test: {what}"},
    "exhausted": {"uk": "Не виконано: ядро перезапускалося забагато разів.",
                  "en": "Not run: the kernel had to be restarted too many times."},
    "guard_broken": {"uk": "Перевірку середовища оцінювання не вдалося виконати: {what}",
                     "en": "The grading environment could not be checked: {what}"},
    "truncated": {"uk": "\n[... вивід обрізано: понад {limit} байт ...]\n",
                  "en": "\n[... output truncated: more than {limit} bytes ...]\n"},
}


def _msg(key, **fmt):
    from ..i18n import tr
    return tr(MESSAGES[key], **fmt)


def parse_size(text) -> int:
    """``"2G"``, ``"512M"``, ``"100k"`` or a number of bytes -> bytes; ``0``/``""``/``"none"`` -> 0 (no limit)."""
    if text is None:
        return 0
    s = str(text).strip().lower()
    if s in ("", "0", "none", "off", "unlimited"):
        return 0
    mult = 1
    for suffix, m in (("gib", 2**30), ("mib", 2**20), ("kib", 2**10), ("g", 2**30), ("m", 2**20),
                      ("k", 2**10), ("b", 1)):
        if s.endswith(suffix):
            s, mult = s[: -len(suffix)], m
            break
    return int(float(s) * mult)


def _repo_root() -> str | None:
    here = Path(__file__).resolve()
    for p in here.parents:
        if (p / "nbgrader_config.py").is_file():
            return str(p)
    return None


class _GuardSpecManager(KernelSpecManager):
    """Hands out the guard kernel whatever kernel name the notebook asks for (the course is Python-only)."""

    def __init__(self, argv, env, **kw):
        super().__init__(**kw)
        self._guard_argv = list(argv)
        self._guard_env = dict(env)

    def get_kernel_spec(self, kernel_name):
        return KernelSpec(argv=self._guard_argv, env=self._guard_env, language="python",
                          display_name="Python 3 (grading guard)", interrupt_mode="signal", metadata={})


class GuardedExecute(Execute):
    """Execute with a guarded kernel, per-cell integrity checks and crash recovery."""

    memory_limit = Unicode(
        os.environ.get("FSGEOM_GUARD_MEMORY", "2G"),
        help="Address-space limit of the grading kernel (RLIMIT_AS), e.g. '2G'; '0' for none. "
             "Default: $FSGEOM_GUARD_MEMORY or 2G.").tag(config=True)
    file_size_limit = Unicode("64M", help="Largest file the kernel may write (RLIMIT_FSIZE).").tag(config=True)
    max_restarts = Integer(3, help="Kernel restarts per notebook before the remaining cells fail.").tag(config=True)
    start_attempts = Integer(3, help="Kernel starts tried before student code runs (a failed start is a "
                                     "grader-side accident, e.g. a port race, and is retried).").tag(config=True)
    sync_timeout = Integer(5, help="Seconds to wait for the guard's own requests (an idle kernel answers "
                                   "in milliseconds).").tag(config=True)
    max_output_bytes = Integer(1_000_000, help="Output kept per cell (bytes); the rest is dropped.").tag(config=True)
    preimport = List(["numpy", "numpy.testing", "numpy.linalg", "fsgeom", "fsgeom.grading", "fsgeom.tasks"],
                     help="Modules imported (and protected) before student code runs; modules that "
                          "locked cells import are added automatically.").tag(config=True)
    deny_paths = List([], help="Extra folders the kernel may not read.").tag(config=True)
    nonce_checks = Bool(True, help="Append a completion nonce to graded test cells.").tag(config=True)

    # ------------------------------------------------------------------ kernel
    def create_kernel_manager(self):
        argv = [sys.executable, "-m", "fsgeom.guard.kernel", "-f", "{connection_file}"]
        self.km = self.kernel_manager_class(kernel_name="python3", config=self.config,
                                            kernel_spec_manager=_GuardSpecManager(argv, self._kernel_env))
        return self.km

    def _setup_guard(self, nb, resources):
        self._guard_dir = tempfile.mkdtemp(prefix="fsgeom-guard-")
        tmp = os.path.join(self._guard_dir, "tmp")
        os.makedirs(os.path.join(tmp, "mpl"))
        self._log_path = os.path.join(self._guard_dir, "events.jsonl")
        self._log_pos = 0
        preimport = list(self.preimport)
        for cell in nb.cells:
            if cell.cell_type == "code" and nbu.is_locked(cell):
                for mod in _imported_modules(cell.source):
                    if mod not in preimport:
                        preimport.append(mod)
        from .sanitize import _coursedir
        cd = _coursedir(self)
        course_root = os.path.abspath(cd.root if cd is not None else os.getcwd())
        deny = [course_root, os.path.expanduser("~"), "/srv/nbgrader", *self.deny_paths]
        if cd is not None and str(cd.db_url).startswith("sqlite:///"):
            deny.append(os.path.dirname(os.path.abspath(cd.db_url[len("sqlite:///"):])))
        repo = _repo_root()
        if repo:
            deny.append(repo)
        cfg = {"memory": parse_size(self.memory_limit), "fsize": parse_size(self.file_size_limit),
               "preimport": preimport, "deny": deny, "tmp": tmp, "log": self._log_path}
        self._kernel_env = {
            "FSGEOM_GUARD_KERNEL": json.dumps(cfg), "TMPDIR": tmp, "MPLCONFIGDIR": os.path.join(tmp, "mpl"),
            "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
            "MALLOC_ARENA_MAX": "2", "PYTHONDONTWRITEBYTECODE": "1", "JPY_SESSION_NAME": "",
        }
        self._flags = []
        self._restarts = 0
        self._exhausted = False
        self._replayable = []
        self._out_bytes = {}
        self._truncated = set()
        self._timing = {"cells": 0, "restarts": 0}

    def _flag(self, kind, index=None, detail="", severity="warning"):
        cell = self.nb.cells[index] if index is not None and index < len(self.nb.cells) else None
        gid = cell.metadata.get("nbgrader", {}).get("grade_id") if cell is not None else None
        self._flags.append({"kind": kind, "severity": severity, "cell": index, "grade_id": gid,
                            "detail": detail})

    # ------------------------------------------------------------------ main loop
    def preprocess(self, nb, resources=None, km=None):
        from nbclient.client import NotebookClient
        NotebookClient.__init__(self, nb, km)
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        self.skip_cells_with_tag = "fsgeom-guard-never-" + gcells.new_nonce()  # tags cannot skip cells
        self.shutdown_kernel = "immediate"
        self._setup_guard(nb, resources)
        t0 = time.monotonic()
        try:
            for attempt in range(1, self.start_attempts + 1):
                started = False
                try:
                    with self.setup_kernel():
                        info_msg = self.wait_for_reply(self.kc.kernel_info())
                        self.nb.metadata["language_info"] = info_msg["content"]["language_info"]
                        started = True
                        self._run_all()
                    break
                except Exception as exc:  # noqa: BLE001
                    if started or attempt == self.start_attempts:
                        raise
                    # the kernel died or stayed silent before student code ran (e.g. a port taken by another
                    # process between choosing and binding it): a new kernel manager picks new ports
                    self.log.warning("guard: kernel start failed (%s); retrying on new ports", exc)
                    self._flag("kernel_start_retry", None, f"attempt {attempt}: {exc}"[:300])
                    self.km, self.kc = None, None
        finally:
            self._read_events(None)
            self._timing["seconds"] = round(time.monotonic() - t0, 3)
            guard = self.resources.setdefault("fsgeom_guard", {})
            guard["runtime"] = {"flags": self._flags, "restarts": self._restarts, "timing": self._timing}
            shutil.rmtree(self._guard_dir, ignore_errors=True)
        self.set_widgets_metadata()
        return self.nb, self.resources

    def _run_all(self):
        prev = None
        for index, cell in enumerate(self.nb.cells):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            if self._exhausted:
                cell.outputs = []
                self._fail(cell, "GuardError", _msg("exhausted"))
                continue
            self._timing["cells"] += 1
            graded = nbu.is_grade(cell) and not nbu.is_solution(cell)
            locked = nbu.is_locked(cell) and not nbu.is_solution(cell)
            spec = self._sync_spec(cell, graded)
            res = self._guard_call("sync", spec)
            if res is None or not res.get("ok"):
                # the kernel died or hung after the previous cell (a background thread, a faked reply, ...)
                if prev is not None:
                    self._fail(self.nb.cells[prev], "KernelDied", _msg("dead_after"))
                    self._replayable = [j for j in self._replayable if j != prev]
                self._flag("kernel_dead_after_cell", prev, "kernel dead or unresponsive before the next cell",
                           "error")
                if not self._recover():
                    cell.outputs = []
                    self._fail(cell, "GuardError", _msg("exhausted"))
                    continue
                res = self._guard_call("sync", spec)
                if res is None or not res.get("ok"):
                    self._exhausted = True
                    self._fail(cell, "GuardError", _msg("exhausted"))
                    continue
            self._read_events(prev)
            if res.get("restored"):
                self._flag("restored_state", index, "changed by earlier cells, restored before this cell: "
                           + ", ".join(res["restored"][:20]))
            prev = index
            status = self._run_cell(cell, index, graded)
            self._read_events(index)
            if status in ("dead", "hung"):
                self._fail(cell, "KernelDied" if status == "dead" else "CellTimeoutError",
                           _msg("dead" if status == "dead" else "hung"))
                self._flag("kernel_died" if status == "dead" else "kernel_unresponsive", index,
                           "kernel restarted", "error")
                if not self._recover():
                    continue
                continue
            if status == "timeout":
                self._flag("timeout", index, f"interrupted after {self.timeout} s")
            if any(o.get("output_type") == "error" and "MemoryError" in f"{o.get('ename')} {o.get('evalue')}"
                   for o in cell.get("outputs", [])):
                self._flag("memory_limit", index, f"MemoryError at the {self.memory_limit} memory cap")
            if graded or locked:
                post = self._guard_call("check", {"nonce": cell.metadata.get("_guard_nonce"),
                                                  "capture": gcells.bound_names(cell.source) if locked else []})
                cell.metadata.pop("_guard_nonce", None)
                if post is None or not post.get("ok"):
                    if graded:
                        self._fail(cell, "GuardError", _msg("guard_broken", what=(post or {}).get("error", "no reply")))
                    self._flag("guard_check_failed", index, str((post or {}).get("error", "no reply")), "error")
                    continue   # the next sync notices a dead kernel
                if graded and post.get("tampered"):
                    what = ", ".join(post["tampered"][:10])
                    self._fail(cell, "GuardError", _msg("tampered", what=what))
                    self._flag("tampered_during_test", index, what, "error")
                if graded and self.nonce_checks and not post.get("marked") and not _has_error(cell):
                    self._fail(cell, "GuardError", _msg("incomplete"))
                    self._flag("test_not_completed", index, "completion nonce missing", "error")
            else:
                cell.metadata.pop("_guard_nonce", None)
            if status != "timeout":
                self._replayable.append(index)

    def _sync_spec(self, cell, graded):
        if not graded:
            return {"graded": False}
        return {"graded": True, "hide": gcells.builtin_shadows(cell.source),
                "bind": sorted(gcells.loaded_names(cell.source))}

    def _run_cell(self, cell, index, graded) -> str:
        original = cell.source
        nonce = None
        if graded and self.nonce_checks:
            nonce = gcells.new_nonce()
            cell.source = gcells.inject_nonce(original, nonce)
        self._out_bytes[index] = 0
        try:
            self.execute_cell(cell, index, store_history=True)
            status = "ok"
            if any(o.get("output_type") == "error" and o.get("ename") == "CellTimeoutError" for o in cell.outputs):
                status = "timeout"
        except (DeadKernelError, RuntimeError) as e:
            self.log.warning("guard: kernel died in cell %s: %s", index, e)
            status = "dead"
        except CellTimeoutError as e:
            self.log.warning("guard: cell %s hung: %s", index, e)
            status = "hung"
        except Exception as e:  # noqa: BLE001  (zmq/asyncio failures of a broken kernel)
            self.log.warning("guard: cell %s failed unexpectedly: %r", index, e)
            status = "dead"
        finally:
            cell.source = original
        if nonce:
            cell.metadata["_guard_nonce"] = nonce
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    out["traceback"] = [gcells.scrub(t, nonce) for t in out.get("traceback", [])]
                    out["evalue"] = gcells.scrub(out.get("evalue", ""), nonce)
                elif out.get("output_type") == "stream":
                    out["text"] = gcells.scrub(out.get("text", ""), nonce)
        return status

    def _fail(self, cell, ename, evalue):
        cell.setdefault("outputs", []).append(new_output(
            "error", ename=ename, evalue=evalue, traceback=[f"\x1b[0;31m{ename}\x1b[0m: {evalue}"]))

    # ------------------------------------------------------------------ output cap
    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        size = len(content.get("text", "") or "")
        for v in (content.get("data") or {}).values():
            size += len(v) if isinstance(v, str) else len(json.dumps(v))
        used = self._out_bytes.get(cell_index, 0) + size
        self._out_bytes[cell_index] = used
        if self.max_output_bytes and used > self.max_output_bytes and msg.get("msg_type") != "error":
            if cell_index not in self._truncated:
                self._truncated.add(cell_index)
                outs.append(new_output("stream", name="stdout",
                                       text=_msg("truncated", limit=self.max_output_bytes)))
                self._flag("output_truncated", cell_index, f"more than {self.max_output_bytes} bytes of output")
            return None
        return super().output(outs, msg, display_id, cell_index)

    # ------------------------------------------------------------------ talking to the runtime
    def _guard_call(self, name, spec):
        try:
            return run_sync(self._async_guard_call)(name, spec)
        except Exception as e:  # noqa: BLE001
            self.log.warning("guard: %s call failed: %r", name, e)
            return None

    async def _async_guard_call(self, name, spec):
        expr = f"{ENTRY}.{name}({json.dumps(spec)!r})"
        reply = await self._async_request("", {"r": expr}, self.sync_timeout)
        if reply is None:
            return None
        content = reply["content"]
        if content.get("status") != "ok":
            return {"ok": False, "error": f"{content.get('ename')}: {content.get('evalue')}"}
        r = content.get("user_expressions", {}).get("r", {})
        if r.get("status") != "ok":
            return {"ok": False, "error": f"{r.get('ename')}: {r.get('evalue')}"}
        try:
            return json.loads(ast.literal_eval(r["data"]["text/plain"]))
        except Exception as e:  # noqa: BLE001
            return {"ok": False, "error": f"unreadable reply ({e!r})"}

    async def _async_request(self, code, user_expressions, timeout, silent=True):
        """Send an execute request and wait for its reply; ``None`` if the kernel is dead or silent."""
        if self.kc is None:
            return None
        msg_id = self.kc.execute(code, silent=silent, store_history=False,
                                 user_expressions=user_expressions, allow_stdin=False, stop_on_error=False)
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                msg = await ensure_async(self.kc.shell_channel.get_msg(timeout=min(remaining, 1.0)))
            except Empty:
                if not await ensure_async(self.km.is_alive()):
                    return None
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    # ------------------------------------------------------------------ recovery
    def _recover(self) -> bool:
        if self._restarts >= self.max_restarts:
            self._exhausted = True
            self._flag("restart_budget_exhausted", None, f"{self._restarts} restarts", "error")
            return False
        self._restarts += 1
        self._timing["restarts"] = self._restarts
        try:
            run_sync(self._async_restart)()
        except Exception as e:  # noqa: BLE001
            self.log.error("guard: kernel restart failed: %r", e)
            self._exhausted = True
            return False
        ok = run_sync(self._async_replay)()
        if not ok:
            self._flag("replay_failed", None, "re-running earlier cells after a restart failed", "error")
        return True

    async def _async_restart(self):
        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception:  # noqa: BLE001
                pass
            self.kc = None
        # restart (not shutdown + start): a plain shutdown destroys the manager's zmq context
        await ensure_async(self.km.restart_kernel(now=True))
        await self.async_start_new_kernel_client()

    async def _async_replay(self) -> bool:
        """Re-run the cells that had completed, silently, in the fresh kernel."""
        for j in list(self._replayable):
            cell = self.nb.cells[j]
            graded = nbu.is_grade(cell) and not nbu.is_solution(cell)
            locked = nbu.is_locked(cell) and not nbu.is_solution(cell)
            if graded:
                continue   # test cells only check; re-running them would re-run whatever the tests call
            res = await self._async_guard_call("sync", self._sync_spec(cell, graded))
            if res is None or not res.get("ok"):
                return False
            reply = await self._async_request(cell.source, {}, self.timeout or 30, silent=True)
            if reply is None:
                return False
            if graded or locked:
                post = await self._async_guard_call("check", {"nonce": None, "capture":
                                                               gcells.bound_names(cell.source) if locked else []})
                if post is None or not post.get("ok"):
                    return False
        return True

    # ------------------------------------------------------------------ refused operations
    def _read_events(self, index):
        try:
            with open(self._log_path, "rb") as f:
                f.seek(self._log_pos)
                data = f.read(1_000_000)
                self._log_pos += len(data)
        except OSError:
            return
        for line in data.decode("utf-8", errors="replace").splitlines()[:50]:
            try:
                ev = json.loads(line)
            except ValueError:
                ev = {"event": "?", "detail": line[:200], "why": "unreadable log line"}
            self._flag("refused", index, f"{ev.get('event')} {ev.get('detail', '')} ({ev.get('why')})", "error")


def _has_error(cell) -> bool:
    return any(o.get("output_type") == "error" or (o.get("output_type") == "stream" and o.get("name") == "stderr")
               for o in cell.get("outputs", []))


def _imported_modules(source: str) -> list:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    mods = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            mods += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            mods.append(node.module)
            mods += [f"{node.module}.{a.name}" for a in node.names if a.name != "*"]
    return mods
