"""Launcher of the grading kernel: ``python -m nbguard.kernel -f {connection_file}``.

Configured by the executor through the ``NBGUARD_KERNEL`` environment variable (JSON, see
:class:`nbguard.launch.KernelSetup`: ``memory``, ``fsize`` in bytes, ``preimport`` module list, ``protect``
module prefixes, ``freeze`` module names, ``freeze_packages``, ``deny`` folders, private ``tmp`` folder,
``log`` file). Before ipykernel starts it sets resource limits (RLIMIT_AS memory cap, RLIMIT_FSIZE, no core
dumps) and imports the trusted modules; once ipykernel is initialised it records the trusted state
(:func:`nbguard.runtime.install`) and installs the audit hook (:mod:`nbguard.policy`) — ipykernel itself needs
sockets, threads and files while it starts, student code runs only afterwards.
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


def package_roots(modules) -> set:
    """Where the loaded ``modules`` and the packages above them live: every folder of a package's
    ``__path__`` (namespace packages and extended ``__path__`` included), the file of a plain module."""
    roots = set()
    for name in modules:
        parts = name.split(".")
        for i in range(1, len(parts) + 1):
            mod = sys.modules.get(".".join(parts[:i]))
            if mod is None:
                continue
            path = getattr(mod, "__path__", None)
            if path is not None:
                try:
                    roots.update(os.path.abspath(p) for p in list(path) if isinstance(p, str) and p)
                except TypeError:
                    pass
            else:
                f = getattr(mod, "__file__", None)
                if isinstance(f, str) and f:
                    roots.add(os.path.abspath(f))
    return roots


def read_roots(preimported=()) -> list:
    """Folders the kernel must keep reading: the Python installation, site-packages, sys.path entries, the
    pre-imported packages (wherever they are installed, e.g. an editable install inside a denied folder) and
    nbguard itself."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    try:
        roots.update(site.getsitepackages())
        roots.add(site.getusersitepackages())
    except AttributeError:
        pass
    roots.update(p for p in sys.path if p and os.path.isdir(p))
    roots.update(package_roots(preimported))
    roots.add(os.path.dirname(os.path.abspath(__file__)))
    return sorted(roots)


def lib_roots() -> list:
    """Where native libraries that ctypes may load live: site-packages only (not the system's libc)."""
    try:
        return sorted(set(site.getsitepackages()))
    except AttributeError:
        return []


def _under(name: str, prefixes) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    cfg = json.loads(os.environ.get("NBGUARD_KERNEL", "{}"))
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
    packages = tuple(cfg.get("freeze_packages", ()))
    in_packages = [m for m in sys.modules if _under(m, packages)] if packages else []
    runtime.install(app.shell, protect=tuple(cfg.get("protect", runtime.PROTECTED_PREFIXES)),
                    freeze=tuple(cfg.get("freeze", runtime.FROZEN_DEFAULT)), extra_freeze=loaded + in_packages)
    tmp = cfg.get("tmp") or os.environ.get("TMPDIR") or "/tmp"
    pol = policy.PathPolicy.build(own=os.getcwd(), deny_roots=cfg.get("deny", []), read_roots=read_roots(loaded),
                                  write_roots=[tmp], lib_roots=lib_roots())
    fd = None
    if cfg.get("log"):
        fd = os.open(cfg["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    sys.addaudithook(policy.make_audit_hook(pol, fd))
    app.start()


if __name__ == "__main__":
    main()
