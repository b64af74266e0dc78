"""What the grading kernel may touch: a path policy and the audit hook that enforces it.

The hook is installed with :func:`sys.addaudithook` inside the grading kernel (see :mod:`nbguard.kernel`)
once ipykernel is initialised. Audit hooks cannot be removed from Python code, and the hook keeps its whole
state in immutable values of its closure (the function itself is referenced only by the interpreter's hook
list, and the ``gc`` introspection that could reach it is refused).

It refuses (raises :class:`PermissionError`):

* reading anything under the *denied roots* (the course folder being graded, the gradebook's folder, the
  grader's home, nbgrader's exchange, extra paths such as the course repository) except the submission's own
  folder, the Python installation, site-packages and the packages imported before student code; notebooks
  (``*.ipynb``) in the submission folder (the autograded copy contains the hidden tests) and any database
  file (``*.db``, ``*.sqlite*``) anywhere;
* writing anywhere except the submission folder and the kernel's private temporary folder;
* ``ctypes`` except what threadpoolctl needs (site-packages BLAS/OpenMP libraries and their thread-count
  functions; never libc, the interpreter or raw memory);
* hard and symbolic links, starting processes (``os.system``, ``subprocess``, ``exec*``, ``fork``,
  ``posix_spawn``), signalling processes (``os.kill``, ``killpg``, ``pthread_kill``), changing resource
  limits, ``sqlite3``, network connections, new audit hooks, ``gc`` object walking and replacing
  a function's ``__code__``.

Every refusal is appended as one JSON line to a log file descriptor opened before the hook was installed
(the file lies outside the writable folders), so the grader can report it even when the student's code
swallowed the exception.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field

__all__ = ["PathPolicy", "make_audit_hook", "DENIED_EVENTS", "DB_SUFFIXES", "is_write_open"]

#: events refused outright once the hook is armed
DENIED_EVENTS = frozenset({
    "os.system", "subprocess.Popen", "os.exec", "os.fork", "os.forkpty", "os.posix_spawn", "os.spawn",
    "pty.spawn", "os.startfile",
    "os.kill", "os.killpg", "signal.pthread_kill",
    "resource.setrlimit", "resource.prlimit",
    "sys.addaudithook",
    "gc.get_objects", "gc.get_referrers", "gc.get_referents",
    "socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg",
    "os.link", "os.symlink",
    "webbrowser.open",
    "os.truncate",   # ftruncate of an inherited descriptor (e.g. the guard's own log) or of any file
})
#: event-name prefixes refused outright
DENIED_PREFIXES = ("ctypes.", "_winapi.", "winreg.")
#: native functions threadpoolctl looks up (BLAS / OpenMP thread controls); nothing in libc matches
THREADPOOL_SYMBOLS = ("openblas_", "scipy_openblas", "omp_", "MKL_", "mkl_", "bli_", "flexiblas_", "goto_")


def _ctypes_memory_funcs() -> frozenset:
    try:
        import _ctypes  # noqa: F401
        import ctypes
    except ImportError:
        return frozenset()
    return frozenset(getattr(ctypes, a) for a in ("_memmove_addr", "_memset_addr", "_string_at_addr",
                                                  "_wstring_at_addr", "_cast_addr") if hasattr(ctypes, a))


_CTYPES_MEMORY_FUNCS = _ctypes_memory_funcs()
#: database files are never readable by student code (nbgrader's gradebook may live anywhere)
DB_SUFFIXES = (".db", ".sqlite", ".sqlite3", ".db-journal", ".db-wal")

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


def is_write_open(mode, flags) -> bool:
    """Whether an ``open`` audit event (``mode`` str or None, ``flags`` int) asks for write access."""
    if isinstance(mode, str):
        return any(ch in mode for ch in "wax+")
    try:
        return bool(int(flags) & _WRITE_FLAGS)
    except (TypeError, ValueError):
        return True


def _norm(path) -> str | None:
    """Absolute, symlink-resolved form of a path argument; None for file descriptors / unknown types."""
    if isinstance(path, int) or path is None:
        return None
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, str):
        try:
            path = os.fspath(path)
        except TypeError:
            return None
        if isinstance(path, bytes):
            path = os.fsdecode(path)
    return os.path.realpath(os.path.abspath(path))


def _under(path: str, roots) -> bool:
    for root in roots:
        if path == root or path.startswith(root + os.sep) or root == os.sep:
            return True
    return False


@dataclass(frozen=True)
class PathPolicy:
    """Which paths the grading kernel may read and write. All paths absolute and symlink-resolved."""

    own: str                                   #: the submission's folder (the kernel's cwd)
    deny_roots: tuple = ()                     #: no reading below these, except ``read_roots``
    read_roots: tuple = ()                     #: readable even inside a denied root (python, packages)
    write_roots: tuple = ()                    #: the only places student code may write (besides ``own``)
    write_files: tuple = (os.devnull,)         #: single files that may be opened for writing
    lib_roots: tuple = ()                      #: native libraries ctypes may load (site-packages)

    @classmethod
    def build(cls, own, deny_roots=(), read_roots=(), write_roots=(), lib_roots=()) -> "PathPolicy":
        n = lambda xs: tuple(dict.fromkeys(p for p in (_norm(x) for x in xs) if p))  # noqa: E731
        own_n = _norm(own)
        denies = n(deny_roots)
        # a read root that *contains* a denied root would re-open it (e.g. '' or the repo root on sys.path)
        reads = tuple(r for r in n(read_roots) if not any(d == r or d.startswith(r + os.sep) for d in denies))
        return cls(own=own_n, deny_roots=denies, read_roots=reads, write_roots=n(write_roots),
                   lib_roots=n(lib_roots))

    # ------------------------------------------------------------------ decisions
    def can_read(self, path) -> tuple[bool, str]:
        p = _norm(path)
        if p is None:
            return True, ""
        if p.endswith(DB_SUFFIXES):
            return False, "database file"
        if p.endswith(".ipynb") and _under(p, (self.own,) + self.deny_roots):
            return False, "notebook file"
        if _under(p, (self.own,)) or _under(p, self.read_roots) or _under(p, self.write_roots):
            return True, ""
        if _under(p, self.deny_roots):
            return False, "outside the submission folder"
        return True, ""

    def can_write(self, path) -> tuple[bool, str]:
        p = _norm(path)
        if p is None:
            return True, ""
        if p in self.write_files:
            return True, ""
        if p.endswith(DB_SUFFIXES) or p.endswith(".ipynb"):
            return False, "protected file type"
        if _under(p, (self.own,) + self.write_roots):
            return True, ""
        return False, "writing outside the submission folder"

    def _check_ctypes(self, event: str, args: tuple) -> str | None:
        """threadpoolctl (used by scikit-learn) loads the BLAS/OpenMP libraries shipped in site-packages and
        calls their thread-count functions through ctypes; everything else in ctypes is refused: other
        libraries (libc: system, setrlimit, kill), the interpreter itself (pythonapi) and raw memory access."""
        if event == "ctypes.dlopen":
            name = args[0] if args else None
            p = _norm(name) if isinstance(name, (str, bytes)) and os.path.isabs(os.fsdecode(name)) else None
            return None if p and _under(p, self.lib_roots) else "loading a native library"
        if event == "ctypes.dlsym":
            lib, sym = (tuple(args) + (None, None))[:2]
            name = getattr(lib, "_name", None)
            p = _norm(name) if isinstance(name, (str, bytes)) and os.path.isabs(os.fsdecode(name)) else None
            ok = (p and _under(p, self.lib_roots) and isinstance(sym, str) and sym.startswith(THREADPOOL_SYMBOLS))
            return None if ok else "looking up a native function"
        if event == "ctypes.call_function":
            ptr = args[0] if args else None
            return "raw memory access" if ptr in _CTYPES_MEMORY_FUNCS else None
        if event in ("ctypes.cdata", "ctypes.string_at", "ctypes.wstring_at", "ctypes.dlsym/handle",
                     "ctypes.set_exception", "ctypes.seh_exception"):
            return "raw memory access"
        return None

    def check_event(self, event: str, args: tuple) -> str | None:
        """``None`` if the audit event is allowed, else the reason it is refused."""
        if event.startswith("ctypes."):
            return self._check_ctypes(event, args)
        if event in DENIED_EVENTS or event.startswith(DENIED_PREFIXES):
            return "not allowed while grading"
        if event == "open":
            path, mode, flags = (tuple(args) + (None, None, None))[:3]
            ok, why = (self.can_write(path) if is_write_open(mode, flags) else self.can_read(path))
            return None if ok else why
        if event in ("os.listdir", "os.scandir"):
            path = args[0] if args else None
            ok, why = self.can_read("." if path is None else path)
            return None if ok else why
        if event == "glob.glob" and args:
            ok, why = self.can_read(os.path.dirname(_glob_base(args[0])) or ".")
            return None if ok else why
        if event in _WRITE_PATH_EVENTS:
            for path in _path_args(event, args):
                ok, why = self.can_write(path)
                if not ok:
                    return why
            return None
        if event in ("shutil.copyfile", "shutil.copytree", "shutil.move", "shutil.copymode", "shutil.copystat"):
            src, dst = (tuple(args) + (None, None))[:2]
            ok, why = self.can_read(src)
            if ok and event in ("shutil.copyfile", "shutil.copytree", "shutil.move"):
                ok, why = self.can_write(dst)
            return None if ok else why
        if event in ("shutil.make_archive", "shutil.unpack_archive", "shutil.rmtree"):
            return "not allowed while grading"
        if event in ("sqlite3.connect", "sqlite3.connect/handle"):
            db = args[0] if args else None
            return None if db in (":memory:", b":memory:", "") else "database access"
        if event == "object.__setattr__" and len(args) >= 2 and args[1] in _FUNC_INTERNALS:
            return "replacing a function's code"
        return None


_FUNC_INTERNALS = ("__code__",)  # libraries set __defaults__ while importing

_WRITE_PATH_EVENTS = {
    "os.remove": 1, "os.rmdir": 1, "os.mkdir": 1, "os.chmod": 1, "os.chown": 1, "os.utime": 1,
    "os.chflags": 1, "os.lchflags": 1, "os.setxattr": 1, "os.removexattr": 1, "os.rename": 2,
    "os.mkfifo": 1, "os.mknod": 1,
}


def _path_args(event, args):
    return [a for a in tuple(args)[:_WRITE_PATH_EVENTS[event]] if not isinstance(a, int)]


def _glob_base(pattern) -> str:
    if isinstance(pattern, bytes):
        pattern = os.fsdecode(pattern)
    pattern = str(pattern)
    for i, ch in enumerate(pattern):
        if ch in "*?[":
            return pattern[:i]
    return pattern


def make_audit_hook(policy: PathPolicy, log_fd: int | None = None):
    """An audit hook enforcing ``policy``; refusals are logged as JSON lines to ``log_fd`` (if given).

    Everything the hook needs is bound as default arguments and closure constants at creation time, so
    rebinding ``os``, ``json`` or builtins later does not change what it does.
    """
    # the hook keeps no reference to ``policy`` (a frozen dataclass can still be changed with
    # object.__setattr__): only a fresh, private copy reached through positional defaults
    check = PathPolicy(policy.own, tuple(policy.deny_roots), tuple(policy.read_roots),
                       tuple(policy.write_roots), tuple(policy.write_files), tuple(policy.lib_roots)).check_event
    cheap = frozenset({"compile", "exec", "builtins.id", "sys._getframe", "object.__getattr__", "import",
                       "marshal.loads", "marshal.dumps", "code.__new__", "function.__new__", "os.chdir",
                       "sys._current_frames", "sys.settrace", "sys.setprofile", "time.sleep",
                       "cpython.run_command", "os.putenv", "os.unsetenv", "socket.getaddrinfo",
                       "socket.gethostname", "socket.__new__", "array.__new__", "mmap.__new__",
                       "fcntl.fcntl", "fcntl.ioctl", "os.getxattr", "os.listxattr", "pickle.find_class",
                       "sys.excepthook", "sys.unraisablehook", "os.walk", "os.fwalk"})

    def guard_audit_hook(event, args, _check=check, _cheap=cheap, _write=os.write, _dumps=json.dumps,
                         _fd=log_fd, _PE=PermissionError, _str=str, _repr=repr):
        if event in _cheap:
            return
        why = _check(event, args)
        if why is None:
            return
        detail = ""
        try:
            detail = _repr(args[0])[:300] if args else ""
        except Exception:  # noqa: BLE001  (a hostile __repr__)
            detail = "?"
        if _fd is not None:
            try:
                _write(_fd, (_dumps({"event": event, "detail": detail, "why": why}) + "\n").encode())
            except Exception:  # noqa: BLE001
                pass
        raise _PE(f"grading guard: {event} {detail} refused ({why})")

    return guard_audit_hook
