"""Kernel-side half of the guard: runs inside the grading kernel, driven by :mod:`nbguard.execute`.

The executor talks to it only through ``user_expressions`` of empty execute requests. IPython evaluates
those with ``eval`` directly — *not* through input transformers, AST transformers or cell magics — so a
submission that installed a transformer cannot intercept them. Before every cell :func:`sync` restores the
trusted state recorded by :func:`install` when the kernel started:

* IPython's input/AST transformers, event callbacks, display/traceback machinery, and methods of the shell and
  kernel objects and classes (an instance attribute shadowing a method is removed);
* the namespaces of protected modules (builtins, math, numpy, ... and what the course adds, e.g. its own
  package): any module, class, callable
  or constant that was replaced is put back, ``sys.modules`` entries too, ``__code__`` of their functions;
* before a graded test cell: names that instructor (locked) cells defined (e.g. ``np``, data) are re-bound to
  the values those cells produced, and names the test cell uses that shadow builtins are hidden for the
  duration of the cell (so ``def all(x): return True`` cannot change a test);

After a graded test cell :func:`check` reports whether the cell ran to its end (the executor appended a call
to :func:`mark` with a per-run nonce) and whether any protected state changed *during* the cell.

Protected modules are also *frozen*: ``np.allclose = f`` raises :class:`PermissionError` at once.
"""
from __future__ import annotations

import builtins
import copy
import json
import sys
import types

__all__ = ["install", "sync", "check", "mark", "FrozenModule", "PROTECTED_PREFIXES", "FROZEN_DEFAULT", "VALUE_VAR",
           "ENTRY"]

#: modules whose namespaces are restored before every cell (prefix match on the module name); a course adds
#: its own packages (``GuardedExecute.protected_modules``)
PROTECTED_PREFIXES = ("builtins", "numpy", "math", "cmath", "operator", "functools", "itertools", "statistics",
                      "collections", "copy", "json", "re", "types", "warnings", "decimal", "fractions", "random",
                      "unittest", "inspect", "traceback")
#: modules that are additionally frozen (setattr/delattr of an existing name raises)
FROZEN_DEFAULT = ("builtins", "math", "numpy", "numpy.testing", "numpy.linalg", "numpy.random")
#: variable holding a graded cell's final expression while the nonce call runs (see :mod:`nbguard.cells`)
VALUE_VAR = "__nbguard_v__"
_SYS_ATTRS = ("modules", "audit", "addaudithook", "exit", "stdout", "stderr", "stdin", "displayhook",
              "excepthook", "meta_path", "path_hooks", "settrace", "setprofile", "getrecursionlimit")
_SHELL_ATTRS = ("input_transformers_cleanup", "input_transformers_post", "input_transformer_manager",
                "ast_transformers", "events", "compile", "displayhook", "display_pub", "display_trap",
                "builtin_trap", "InteractiveTB", "SyntaxTB", "ast_node_interactivity", "payload_manager",
                "history_manager", "kernel", "user_ns", "autocall", "loop_runner", "display_formatter",
                "custom_exceptions", "keepkernel_on_exit")
#: names that the kernel machinery itself rebinds around every request (ipykernel swaps builtins.input)
_VOLATILE = {"builtins": frozenset({"input", "raw_input", "_", "__", "___"}), "getpass": frozenset({"getpass"})}
_MISSING = object()
_MARKS: list = []
_STATE: dict = {}
_CONSTANT_TYPES = (int, float, complex, str, bytes, bool, frozenset, tuple)
_deepcopy = copy.deepcopy
_dumps = json.dumps
_loads = json.loads
_isinstance = isinstance
_callable = callable
_getattr = getattr
_setattr = setattr
_ModuleType = types.ModuleType
_FunctionType = types.FunctionType


class FrozenModule(types.ModuleType):
    """A module whose existing attributes cannot be rebound or deleted (new names may be added)."""

    def __setattr__(self, name, value):
        d = types.ModuleType.__getattribute__(self, "__dict__")
        if name in _VOLATILE.get(d.get("__name__"), ()):
            return types.ModuleType.__setattr__(self, name, value)
        if name == "__class__" or (name in d and d[name] is not value and not name.startswith("__warn")):
            raise PermissionError(f"grading guard: {d.get('__name__', '?')}.{name} is read-only while grading")
        types.ModuleType.__setattr__(self, name, value)

    def __delattr__(self, name):
        d = types.ModuleType.__getattribute__(self, "__dict__")
        raise PermissionError(f"grading guard: {d.get('__name__', '?')}.{name} cannot be deleted while grading")


def _protected_value(v) -> bool:
    """Only modules, classes, callables and constants are restored: caches that start as ``None`` or hold
    mutable data legitimately change while a kernel runs."""
    if v is None:
        return False
    return _isinstance(v, (_ModuleType, type)) or _callable(v) or type(v) in _CONSTANT_TYPES


def _module_names(prefixes):
    return [n for n, m in list(sys.modules.items())
            if m is not None and _isinstance(m, _ModuleType) and (n in prefixes or n.startswith(
                tuple(p + "." for p in prefixes)))]


def install(shell=None, protect=PROTECTED_PREFIXES, freeze=FROZEN_DEFAULT, extra_freeze=()) -> dict:
    """Record the trusted state (call once, after the kernel is initialised). Returns a summary."""
    shell = shell or _get_shell()
    # exit()/quit()/ask_exit() must not stop the kernel: ipykernel stops its event loop 0.1 s after
    # ``exit_now`` is set, i.e. in the middle of some *later* cell, which would then be blamed
    try:
        shell.keepkernel_on_exit = True
    except Exception:  # noqa: BLE001  (another shell class)
        pass
    for cls in type(shell).__mro__:
        handler = vars(cls).get("_update_exit_now")   # the traitlets ObserveHandler (not the bound method)
        if handler is not None:
            try:
                shell.unobserve(handler, names="exit_now")
            except Exception:  # noqa: BLE001
                pass
    mods = {}
    for name in _module_names(protect):
        m = sys.modules[name]
        skip = _VOLATILE.get(name, ())
        snap = {k: v for k, v in vars(m).items()
                if _protected_value(v) and k != "__warningregistry__" and k not in skip}
        codes = {k: v.__code__ for k, v in snap.items() if _isinstance(v, _FunctionType)}
        mods[name] = (m, snap, codes)
    classes = {}
    for obj in (shell, _getattr(shell, "kernel", None)):
        if obj is None:
            continue
        for cls in type(obj).__mro__:
            if cls is object or cls.__module__.startswith(("traitlets", "builtins")):
                continue
            classes[cls] = {k: v for k, v in vars(cls).items() if _callable(v) or _isinstance(
                v, (property, classmethod, staticmethod))}
    shell_attrs = {}
    for name in _SHELL_ATTRS:
        val = _getattr(shell, name, _MISSING)
        if val is not _MISSING:
            shell_attrs[name] = (val, list(val) if _isinstance(val, list) else None)
    tm = shell.input_transformer_manager
    tm_lists = {a: (_getattr(tm, a), list(_getattr(tm, a))) for a in ("cleanup_transforms", "line_transforms",
                                                                         "token_transformers")
                if _isinstance(_getattr(tm, a, None), list)}
    events = {k: list(v) for k, v in shell.events.callbacks.items()}
    kernel = _getattr(shell, "kernel", None)
    inst = {id(o): (o, set(vars(o))) for o in (shell, kernel, shell.events, tm) if o is not None}
    frozen = []
    for name in tuple(freeze) + tuple(extra_freeze):
        m = sys.modules.get(name)
        if m is not None and type(m) is _ModuleType:
            m.__class__ = FrozenModule
            frozen.append(name)
    sys_attrs = {a: _getattr(sys, a) for a in _SYS_ATTRS if hasattr(sys, a)}
    sys_lists = {a: list(sys_attrs[a]) for a in ("meta_path", "path_hooks") if a in sys_attrs}
    _STATE.clear()
    _STATE.update(shell=shell, mods=mods, classes=classes, shell_attrs=shell_attrs, tm=tm, tm_lists=tm_lists,
                  events=events, inst=inst, frozen=tuple(frozen), sys_attrs=sys_attrs, sys_lists=sys_lists,
                  builtins=builtins, trusted={}, hidden={}, user_ns=shell.user_ns)
    return {"modules": len(mods), "frozen": frozen, "classes": len(classes)}


def _get_shell():
    from IPython import get_ipython
    return get_ipython()


def _restore() -> list:
    """Put the trusted state back; return a list of what had been changed."""
    st = _STATE
    changed = []
    add = changed.append
    # sys first: the rest relies on sys.modules
    for a, v in st["sys_attrs"].items():
        if _getattr(sys, a, _MISSING) is not v:
            _setattr(sys, a, v)
            add(f"sys.{a}")
    for a, saved in st["sys_lists"].items():
        cur = _getattr(sys, a)
        if cur != saved:
            cur[:] = saved
            add(f"sys.{a}[]")
    for name, (m, snap, codes) in st["mods"].items():
        if sys.modules.get(name) is not m:
            sys.modules[name] = m
            add(f"sys.modules[{name!r}]")
        if name in st["frozen"] and type(m) is not FrozenModule:
            object.__setattr__(m, "__class__", FrozenModule)
            add(f"{name}.__class__")
        d = vars(m)
        for k, v in snap.items():
            if d.get(k, _MISSING) is not v:
                d[k] = v
                add(f"{name}.{k}")
        for k, code in codes.items():
            f = snap[k]
            if f.__code__ is not code:
                try:
                    f.__code__ = code
                except Exception:  # noqa: BLE001  (the audit hook refuses __code__ changes anyway)
                    pass
                add(f"{name}.{k}.__code__")
    for cls, snap in st["classes"].items():
        d = cls.__dict__
        for k, v in snap.items():
            if d.get(k, _MISSING) is not v:
                _setattr(cls, k, v)
                add(f"{cls.__name__}.{k}")
    shell = st["shell"]
    sd = vars(shell)
    tv = _getattr(shell, "_trait_values", {})
    for name, (val, items) in st["shell_attrs"].items():
        cur = _getattr(shell, name, _MISSING)
        if cur is not val:
            if name in tv:
                tv[name] = val
            else:
                sd[name] = val
            add(f"shell.{name}")
        if items is not None and list(val) != items:
            val[:] = items
            add(f"shell.{name}[]")
    tm = st["tm"]
    for a, (lst, items) in st["tm_lists"].items():
        if _getattr(tm, a, None) is not lst:
            _setattr(tm, a, lst)
            add(f"input_transformer_manager.{a}")
        if list(lst) != items:
            lst[:] = items
            add(f"input_transformer_manager.{a}[]")
    cbs = shell.events.callbacks
    for k, items in st["events"].items():
        if cbs.get(k) != items:
            cbs[k] = list(items)
            add(f"events.{k}")
    for k in [k for k in cbs if k not in st["events"]]:
        del cbs[k]
        add(f"events.{k}")
    # instance attributes that shadow methods (e.g. ``get_ipython().run_cell = fake``)
    for o, keys in st["inst"].values():
        od = vars(o)
        for k in [k for k in od if k not in keys]:
            if _callable(_getattr(type(o), k, None)):
                del od[k]
                add(f"{type(o).__name__}.{k}")
    if _getattr(shell, "exit_now", False):
        shell.exit_now = False
        add("shell.exit_now")
    ns = st["user_ns"]
    if shell.user_ns is not ns:
        shell.user_ns = ns
        add("shell.user_ns")
    if ns.get("__builtins__") is not builtins:
        ns["__builtins__"] = builtins
        add("user_ns.__builtins__")
    return changed


def sync(spec: str = "{}") -> str:
    """Restore trusted state; for a graded cell also bind trusted names and hide builtin shadows.

    ``spec`` (JSON): ``{"graded": bool, "hide": [names], "bind": [names]}``. Returns JSON
    ``{"ok": true, "restored": [...], "bound": [...], "hidden": [...]}``.
    """
    opts = _loads(spec)
    restored = _restore()
    bound, hidden = [], []
    if opts.get("graded"):
        ns = _STATE["user_ns"]
        trusted = _STATE["trusted"]
        for name in opts.get("bind", ()):
            if name in trusted:
                ns[name] = _fresh(trusted[name])
                bound.append(name)
            elif name in _DEFAULT_ALIASES and _DEFAULT_ALIASES[name] in sys.modules:
                ns[name] = sys.modules[_DEFAULT_ALIASES[name]]
                bound.append(name)
        stash = _STATE["hidden"]
        stash.clear()
        for name in opts.get("hide", ()):
            if name in ns and name not in trusted:
                stash[name] = ns.pop(name)
                hidden.append(name)
    del _MARKS[:]
    return _dumps({"ok": True, "restored": restored, "bound": bound, "hidden": hidden})


_DEFAULT_ALIASES = {"np": "numpy", "numpy": "numpy", "math": "math", "scipy": "scipy"}


def _fresh(value):
    """A trusted value for re-binding: modules, functions and classes as they are, data as a deep copy."""
    kind, v = value
    if kind == "ref":
        return v
    try:
        return _deepcopy(v)
    except Exception:  # noqa: BLE001
        return v


def mark(nonce: str) -> None:
    """Called by the line the executor appends to a graded test cell: proves the cell ran to its end."""
    _MARKS.append(nonce)


def check(spec: str = "{}") -> str:
    """After a cell: restore (reporting what changed during the cell), check the nonce, capture names.

    ``spec`` (JSON): ``{"nonce": str|null, "capture": [names]}``. Returns JSON ``{"ok": true, "marked":
    bool, "tampered": [...], "captured": [...]}``.
    """
    opts = _loads(spec)
    nonce = opts.get("nonce")
    marked = bool(nonce) and nonce in _MARKS
    del _MARKS[:]
    tampered = _restore()
    ns = _STATE["user_ns"]
    for name, val in _STATE["hidden"].items():
        if name not in ns:
            ns[name] = val
    _STATE["hidden"].clear()
    ns.pop(VALUE_VAR, None)
    captured = []
    for name in opts.get("capture", ()):
        if name in ns:
            v = ns[name]
            if _isinstance(v, (_ModuleType, type)) or _callable(v):
                _STATE["trusted"][name] = ("ref", v)
            else:
                try:
                    _STATE["trusted"][name] = ("copy", _deepcopy(v))
                except Exception:  # noqa: BLE001
                    _STATE["trusted"][name] = ("ref", v)
            captured.append(name)
    return _dumps({"ok": True, "marked": marked, "tampered": tampered, "captured": captured})


class _GuardEntry:
    """How the executor reaches this module without looking up any name a submission could rebind:
    ``[c for c in ().__class__.__base__.__subclasses__() if c.__name__ == '_GuardEntry'][0]`` (the
    earliest such class is this one: it is created when the kernel starts, before any student code)."""

    sync = staticmethod(sync)
    check = staticmethod(check)
    mark = staticmethod(mark)


#: expression prefix that evaluates to :class:`_GuardEntry` using no global names
ENTRY = ("[c for c in ().__class__.__base__.__subclasses__() if c.__name__ == '_GuardEntry' "
         "and c.__module__ == 'nbguard.runtime'][0]")
