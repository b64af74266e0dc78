"""``GuardedExecute``: nbgrader's ``Execute`` preprocessor made resilient and watchful.

Registered in ``Autograde.autograde_preprocessors`` in place of ``Execute`` (see :mod:`nbguard.config`).
Compared with stock nbgrader it

* starts the kernel through :mod:`nbguard.kernel` (memory limit, audit hook, trusted-state snapshot;
  :mod:`nbguard.launch`);
* before every code cell restores the trusted state in the kernel (:func:`nbguard.runtime.sync`, reached
  through :mod:`nbguard.channel`);
* appends a per-run nonce call to every graded test cell (:mod:`nbguard.cells`) and fails the cell (error
  output, so nbgrader scores 0) if the call did not run, or if protected state changed while the cell ran;
  the nonce is removed from the saved notebook;
* survives a dead kernel (``os._exit``, a memory kill, a segfault) and a kernel that stays busy after the
  timeout interrupt (SIGINT ignored): the cell gets an error output, the kernel is restarted, the cells that
  had completed are re-run silently, and grading continues with the next cell — so the submission's other
  tasks keep their points and the batch never aborts (:class:`nbguard.launch.Recovery`);
* caps each cell's output (bytes) while it arrives (:mod:`nbguard.output_cap`);
* records what happened (restarts, timeouts, refused file access, restored state, missing nonce) in
  ``resources["nbguard"]`` for :class:`nbguard.report_writer.GuardReport`.

Messages written into the notebook come from :mod:`nbguard.messages` in :attr:`GuardedExecute.language`.
"""
from __future__ import annotations

import os
import time

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_output
from nbgrader import utils as nbu
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer, List, Unicode

from . import cells as gcells
from .channel import RuntimeChannel
from .coursedir import find_coursedir
from .events import EventLog, Flags
from .keys import RESOURCES_KEY
from .launch import GuardSpecManager, KernelSetup, Recovery, kernel_argv, parse_size
from .messages import message
from .output_cap import OutputCap
from .runtime import FROZEN_DEFAULT, PROTECTED_PREFIXES

__all__ = ["GuardedExecute", "parse_size", "DEFAULT_PREIMPORT"]

#: modules every grading kernel imports (and protects) before student code runs
DEFAULT_PREIMPORT = ("numpy", "numpy.testing", "numpy.linalg")


class GuardedExecute(Execute):
    """Execute with a guarded kernel, per-cell integrity checks and crash recovery."""

    memory_limit = Unicode(
        os.environ.get("NBGUARD_MEMORY", "2G"),
        help="Address-space limit of the grading kernel (RLIMIT_AS), e.g. '2G'; '0' for none. "
             "Default: $NBGUARD_MEMORY or 2G.").tag(config=True)
    file_size_limit = Unicode("64M", help="Largest file the kernel may write (RLIMIT_FSIZE).").tag(config=True)
    max_restarts = Integer(3, help="Kernel restarts per notebook before the remaining cells fail.").tag(config=True)
    start_attempts = Integer(3, help="Kernel starts tried before student code runs (a failed start is a "
                                     "grader-side accident, e.g. a port race, and is retried).").tag(config=True)
    sync_timeout = Integer(5, help="Seconds to wait for the guard's own requests (an idle kernel answers "
                                   "in milliseconds).").tag(config=True)
    max_output_bytes = Integer(1_000_000, help="Output kept per cell (bytes); the rest is dropped.").tag(config=True)
    preimport = List(list(DEFAULT_PREIMPORT),
                     help="Modules imported (and protected) before student code runs; modules that "
                          "locked cells import are added automatically.").tag(config=True)
    protected_modules = List(list(PROTECTED_PREFIXES),
                             help="Module prefixes whose namespaces are restored before every cell (a module "
                                  "and its submodules, when loaded at kernel start).").tag(config=True)
    frozen_modules = List(list(FROZEN_DEFAULT),
                          help="Modules whose existing attributes cannot be rebound while grading (exact names; "
                               "pre-imported modules are frozen too).").tag(config=True)
    frozen_packages = List([], help="Packages frozen together with every submodule loaded at kernel start "
                                    "(e.g. the course's own package).").tag(config=True)
    deny_paths = List([], help="Extra folders the kernel may not read (e.g. the course repository).").tag(config=True)
    nonce_checks = Bool(True, help="Append a completion nonce to graded test cells.").tag(config=True)
    language = Unicode("en", help="Language of the messages the guard writes into notebooks "
                                  "(en, uk).").tag(config=True)

    # ------------------------------------------------------------------ set-up
    def create_kernel_manager(self):
        self.km = self.kernel_manager_class(
            kernel_name="python3", config=self.config,
            kernel_spec_manager=GuardSpecManager(kernel_argv(), self._setup.env))
        return self.km

    def _msg(self, key, **fmt):
        return message(key, self.language, **fmt)

    def _fail(self, cell, ename, key, **fmt):
        evalue = self._msg(key, **fmt)
        cell.setdefault("outputs", []).append(new_output(
            "error", ename=ename, evalue=evalue, traceback=[f"\x1b[0;31m{ename}\x1b[0m: {evalue}"]))

    def _start_guard(self, nb):
        self._setup = KernelSetup(self, nb, find_coursedir(self))
        self._events = EventLog(self._setup.log_path)
        self._runtime = RuntimeChannel(self, self.sync_timeout)
        self._flags = Flags(nb)
        self._recovery = Recovery(self, self._runtime, self._flags, self.max_restarts)
        self._cap = OutputCap(self.max_output_bytes, self._flags, self._msg("truncated", limit=self.max_output_bytes))
        self._cells_run = 0

    # ------------------------------------------------------------------ main loop
    def preprocess(self, nb, resources=None, km=None):
        from nbclient.client import NotebookClient
        NotebookClient.__init__(self, nb, km)
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        self.skip_cells_with_tag = "nbguard-never-" + gcells.new_nonce()  # tags cannot skip cells
        self.shutdown_kernel = "immediate"
        self._start_guard(nb)
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
                    self._flags.add("kernel_start_retry", None, f"attempt {attempt}: {exc}"[:300])
                    self.km, self.kc = None, None
        finally:
            self._flags.refused(self._events.read_new(), None)
            restarts = self._recovery.restarts
            timing = {"cells": self._cells_run, "restarts": restarts, "seconds": round(time.monotonic() - t0, 3)}
            self.resources.setdefault(RESOURCES_KEY, {})["runtime"] = {
                "flags": list(self._flags), "restarts": restarts, "timing": timing}
            self._setup.cleanup()
        self.set_widgets_metadata()
        return self.nb, self.resources

    def _run_all(self):
        prev = None
        for index, cell in enumerate(self.nb.cells):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            if self._recovery.exhausted:
                cell.outputs = []
                self._fail(cell, "GuardError", "exhausted")
                continue
            self._cells_run += 1
            graded = nbu.is_grade(cell) and not nbu.is_solution(cell)
            if not self._sync_before(cell, index, prev, graded):
                continue
            prev = index
            status = self._run_cell(cell, index, graded)
            self._flags.refused(self._events.read_new(), index)
            if status in ("dead", "hung"):
                dead = status == "dead"
                self._fail(cell, "KernelDied" if dead else "CellTimeoutError", status)
                self._flags.add("kernel_died" if dead else "kernel_unresponsive", index, "kernel restarted", "error")
                self._recovery.recover()
                continue
            if status == "timeout":
                self._flags.add("timeout", index, f"interrupted after {self.timeout} s")
            if any(o.get("output_type") == "error" and "MemoryError" in f"{o.get('ename')} {o.get('evalue')}"
                   for o in cell.get("outputs", [])):
                self._flags.add("memory_limit", index, f"MemoryError at the {self.memory_limit} memory cap")
            if self._check_after(cell, index, graded) and status != "timeout":
                self._recovery.replayable.append(index)   # else: the next sync notices a dead kernel

    def _sync_before(self, cell, index, prev, graded) -> bool:
        """Restore the trusted state before a cell; False if the cell cannot run (restart budget spent)."""
        spec = self._sync_spec(cell, graded)
        res = self._runtime.call("sync", spec)
        if res is None or not res.get("ok"):
            # the kernel died or hung after the previous cell (a background thread, a faked reply, ...)
            if prev is not None:
                self._fail(self.nb.cells[prev], "KernelDied", "dead_after")
                self._recovery.replayable = [j for j in self._recovery.replayable if j != prev]
            self._flags.add("kernel_dead_after_cell", prev, "kernel dead or unresponsive before the next cell",
                            "error")
            if not self._recovery.recover():
                cell.outputs = []
                self._fail(cell, "GuardError", "exhausted")
                return False
            res = self._runtime.call("sync", spec)
            if res is None or not res.get("ok"):
                self._recovery.exhausted = True
                self._fail(cell, "GuardError", "exhausted")
                return False
        self._flags.refused(self._events.read_new(), prev)
        if res.get("restored"):
            self._flags.add("restored_state", index, "changed by earlier cells, restored before this cell: "
                            + ", ".join(res["restored"][:20]))
        return True

    def _check_after(self, cell, index, graded) -> bool:
        """Check a test cell's nonce and tampering, capture what a read-only cell defined; False if the
        kernel did not answer."""
        locked = nbu.is_locked(cell)
        nonce = cell.metadata.pop(gcells.NONCE_KEY, None)
        if not (graded or locked):
            return True
        post = self._runtime.call("check", {"nonce": nonce,
                                            "capture": gcells.bound_names(cell.source) if locked else []})
        if post is None or not post.get("ok"):
            error = str((post or {}).get("error", "no reply"))
            if graded:
                self._fail(cell, "GuardError", "guard_broken", what=error)
            self._flags.add("guard_check_failed", index, error, "error")
            return False
        if graded and post.get("tampered"):
            what = ", ".join(post["tampered"][:10])
            self._fail(cell, "GuardError", "tampered", what=what)
            self._flags.add("tampered_during_test", index, what, "error")
        if graded and self.nonce_checks and not post.get("marked") and not nbu.has_failed(cell):
            self._fail(cell, "GuardError", "incomplete")
            self._flags.add("test_not_completed", index, "completion nonce missing", "error")
        return True

    @staticmethod
    def _sync_spec(cell, graded):
        if not graded:
            return {"graded": False}
        return {"graded": True, "hide": gcells.builtin_shadows(cell.source),
                "bind": sorted(gcells.loaded_names(cell.source))}

    def _run_cell(self, cell, index, graded) -> str:
        """Execute one cell (a test cell with its nonce): "ok", "timeout" (interrupted), "dead" or "hung"."""
        self._cap.start(index)
        with gcells.instrumented(cell, graded and self.nonce_checks):
            try:
                self.execute_cell(cell, index, store_history=True)
            except (DeadKernelError, RuntimeError) as e:
                self.log.warning("guard: kernel died in cell %s: %s", index, e)
                return "dead"
            except CellTimeoutError as e:
                self.log.warning("guard: cell %s hung: %s", index, e)
                return "hung"
            except Exception as e:  # noqa: BLE001  (zmq/asyncio failures of a broken kernel)
                self.log.warning("guard: cell %s failed unexpectedly: %r", index, e)
                return "dead"
        timed_out = any(o.get("output_type") == "error" and o.get("ename") == "CellTimeoutError" for o in cell.outputs)
        return "timeout" if timed_out else "ok"

    def output(self, outs, msg, display_id, cell_index):
        """nbclient's output handler behind the output cap."""
        if not self._cap.admit(outs, msg, cell_index):
            return None
        return super().output(outs, msg, display_id, cell_index)
