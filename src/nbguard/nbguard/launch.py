"""Launching and restarting the grading kernel for :class:`nbguard.execute.GuardedExecute`.

* :class:`GuardSpecManager` hands out the guarded launcher (``python -m nbguard.kernel``) whatever kernel the
  notebook names;
* :class:`KernelSetup` is one notebook's private folder (the kernel's ``TMPDIR`` and the refused-operations
  log) and the ``NBGUARD_KERNEL`` configuration the launcher reads (limits, trusted imports, protected and
  frozen modules, denied folders);
* :class:`Recovery` replaces a dead or hung kernel on the same kernel manager (:func:`restart`) and re-runs,
  silently, the cells that had completed, within a restart budget.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile

from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from nbclient.util import ensure_async, run_sync
from nbgrader.utils import is_grade, is_locked, is_solution

from . import cells
from .gradebook import sqlite_path

__all__ = ["parse_size", "GuardSpecManager", "KernelSetup", "Recovery", "kernel_argv", "restart", "ENV_KERNEL",
           "EXCHANGE_ROOT"]

#: environment variable carrying the launcher's configuration (JSON)
ENV_KERNEL = "NBGUARD_KERNEL"
#: nbgrader's default exchange folder (other students' releases and submissions)
EXCHANGE_ROOT = "/srv/nbgrader"


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


def kernel_argv() -> list:
    return [sys.executable, "-m", "nbguard.kernel", "-f", "{connection_file}"]


class GuardSpecManager(KernelSpecManager):
    """Hands out the guard kernel whatever kernel name the notebook asks for (grading is Python-only)."""

    def __init__(self, argv, env, **kw):
        super().__init__(**kw)
        self._guard_argv = list(argv)
        self._guard_env = dict(env)

    def get_kernel_spec(self, kernel_name):
        return KernelSpec(argv=self._guard_argv, env=self._guard_env, language="python",
                          display_name="Python 3 (grading guard)", interrupt_mode="signal", metadata={})


class KernelSetup:
    """One notebook's kernel configuration and private folder (removed by :meth:`cleanup`).

    ``ep`` is the executor (its traits: limits, ``preimport``, ``protected_modules``, ``frozen_modules``,
    ``frozen_packages``, ``deny_paths``); ``nb`` the notebook (modules its read-only cells import are
    pre-imported too); ``coursedir`` nbgrader's ``CourseDirectory`` of the run, if known.
    """

    def __init__(self, ep, nb, coursedir=None):
        self.dir = tempfile.mkdtemp(prefix="nbguard-")
        self.tmp = os.path.join(self.dir, "tmp")
        os.makedirs(os.path.join(self.tmp, "mpl"))
        self.log_path = os.path.join(self.dir, "events.jsonl")
        preimport = list(ep.preimport)
        for cell in nb.cells:
            if cell.cell_type == "code" and is_locked(cell):
                for mod in cells.imported_modules(cell.source):
                    if mod not in preimport:
                        preimport.append(mod)
        self.config = {"memory": parse_size(ep.memory_limit), "fsize": parse_size(ep.file_size_limit),
                       "preimport": preimport, "protect": list(ep.protected_modules),
                       "freeze": list(ep.frozen_modules), "freeze_packages": list(ep.frozen_packages),
                       "deny": deny_roots(coursedir, ep.deny_paths), "tmp": self.tmp, "log": self.log_path}
        self.env = {
            ENV_KERNEL: json.dumps(self.config), "TMPDIR": self.tmp, "MPLCONFIGDIR": os.path.join(self.tmp, "mpl"),
            "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
            "MALLOC_ARENA_MAX": "2", "PYTHONDONTWRITEBYTECODE": "1", "JPY_SESSION_NAME": "",
        }

    def cleanup(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def deny_roots(coursedir, extra=()) -> list:
    """Folders the kernel may not read (besides its own submission folder and the Python installation): the
    course root, the gradebook's folder, the grader's home, nbgrader's exchange and ``extra``."""
    course_root = os.path.abspath(coursedir.root if coursedir is not None else os.getcwd())
    deny = [course_root, os.path.expanduser("~"), EXCHANGE_ROOT, *extra]
    db = sqlite_path(coursedir) if coursedir is not None else None
    if db is not None:
        deny.append(os.path.dirname(os.path.abspath(db)))
    return deny


async def restart(ep) -> None:
    """Restart the kernel of the executor ``ep`` (an nbclient client) and connect a new client to it."""
    if ep.kc is not None:
        try:
            ep.kc.stop_channels()
        except Exception:  # noqa: BLE001
            pass
        ep.kc = None
    # restart (not shutdown + start): a plain shutdown destroys the manager's zmq context
    await ensure_async(ep.km.restart_kernel(now=True))
    await ep.async_start_new_kernel_client()


class Recovery:
    """Restarts of one notebook's kernel: at most ``max_restarts``, each followed by a silent replay of the
    cells in :attr:`replayable` (cells that had completed; test cells only check, so they are skipped —
    re-running them would re-run whatever the tests call). ``ep`` is the executor, ``runtime`` its
    :class:`nbguard.channel.RuntimeChannel`, ``flags`` its :class:`nbguard.events.Flags`."""

    def __init__(self, ep, runtime, flags, max_restarts: int):
        self.ep, self.runtime, self.flags = ep, runtime, flags
        self.max_restarts = max_restarts
        self.restarts = 0
        self.exhausted = False
        self.replayable: list = []

    def recover(self) -> bool:
        """Restart and replay; False when the budget is spent or the restart failed (grading stops)."""
        if self.restarts >= self.max_restarts:
            self.exhausted = True
            self.flags.add("restart_budget_exhausted", None, f"{self.restarts} restarts", "error")
            return False
        self.restarts += 1
        try:
            run_sync(restart)(self.ep)
        except Exception as e:  # noqa: BLE001
            self.ep.log.error("guard: kernel restart failed: %r", e)
            self.exhausted = True
            return False
        if not run_sync(self._replay)():
            self.flags.add("replay_failed", None, "re-running earlier cells after a restart failed", "error")
        return True

    async def _replay(self) -> bool:
        for j in list(self.replayable):
            cell = self.ep.nb.cells[j]
            if is_grade(cell) and not is_solution(cell):
                continue
            res = await self.runtime.acall("sync", {"graded": False})
            if res is None or not res.get("ok"):
                return False
            if await self.runtime.request(cell.source, {}, self.ep.timeout or 30, silent=True) is None:
                return False
            if is_locked(cell):
                post = await self.runtime.acall("check", {"nonce": None, "capture": cells.bound_names(cell.source)})
                if post is None or not post.get("ok"):
                    return False
        return True
