"""Launcher of the grading kernel: ``python -m fsgeom.guard.kernel -f {connection_file}``.

Configured by the executor through the ``FSGEOM_GUARD_KERNEL`` environment variable (JSON: ``memory``,
``fsize`` in bytes, ``preimport`` module list, ``deny`` folders, private ``tmp`` folder, ``log`` file).
Before ipykernel starts it sets resource limits (RLIMIT_AS memory cap, RLIMIT_FSIZE, no core dumps) and
imports the trusted modules; once ipykernel is initialised it records the trusted state
(:func:`fsgeom.guard.runtime.install`) and installs the audit hook (:mod:`fsgeom.guard.policy`) — ipykernel
itself needs sockets, threads and files while it starts, student code runs only afterwards.
"""
from __future__ import annotations

import importlib
import json
import os
import resource
import site
import sys


def set_limits(memory: int = 0, fsize: int = 0) -> dict:
    """Soft = hard limits (a hard limit can only be raised by a privileged process, and the audit hook
    refuses ``setrlimit``/``prlimit`` to the kernel's code). Returns what was set."""
    done = {}
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        done["RLIMIT_AS"] = memory
    if fsize:
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        done["RLIMIT_FSIZE"] = fsize
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return done


def read_roots() -> list:
    """Folders the kernel must keep reading: the Python installation, site-packages, sys.path entries."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    try:
        roots.update(site.getsitepackages())
        roots.add(site.getusersitepackages())
    except AttributeError:
        pass
    roots.update(p for p in sys.path if p and os.path.isdir(p))
    import fsgeom
    roots.add(os.path.dirname(os.path.abspath(fsgeom.__file__)))
    return sorted(roots)


def lib_roots() -> list:
    """Where native libraries that ctypes may load live: site-packages only (not the system's libc)."""
    try:
        return sorted(set(site.getsitepackages()))
    except AttributeError:
        return []


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    cfg = json.loads(os.environ.get("FSGEOM_GUARD_KERNEL", "{}"))
    set_limits(int(cfg.get("memory", 0)), int(cfg.get("fsize", 0)))
    for mod in cfg.get("preimport", []):
        try:
            importlib.import_module(mod)
        except Exception:  # noqa: BLE001  (e.g. "numpy.allclose" is not a module)
            pass

    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    try:
        app.initialize(argv)
    except BaseException:  # noqa: BLE001  e.g. ZMQError "Address already in use" (a port race at start-up)
        # die at once: threads ipykernel already started would otherwise keep a silent process alive, and
        # the executor would wait for a kernel that never answers; a dead kernel is retried on new ports
        import traceback
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(3)

    from . import policy, runtime

    loaded = [m for m in cfg.get("preimport", []) if m in sys.modules]
    fsgeom_mods = [m for m in sys.modules if m == "fsgeom" or m.startswith("fsgeom.")]
    runtime.install(app.shell, extra_freeze=loaded + fsgeom_mods)
    tmp = cfg.get("tmp") or os.environ.get("TMPDIR") or "/tmp"
    pol = policy.PathPolicy.build(own=os.getcwd(), deny_roots=cfg.get("deny", []), read_roots=read_roots(),
                                  write_roots=[tmp], lib_roots=lib_roots())
    fd = None
    if cfg.get("log"):
        fd = os.open(cfg["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    sys.addaudithook(policy.make_audit_hook(pol, fd))
    app.start()


if __name__ == "__main__":
    main()
