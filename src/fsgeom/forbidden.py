"""The "numpy only" rule: catch a student function that reaches SciPy, scikit-learn or the course's own code.

Usage (the grader's :func:`fsgeom.grading.call` does this for every student function)::

    rule = Rule.default()                       # or Rule.default().allowing("scipy.stats")
    result = run(fn, args, kwargs, rule)        # fn(*args, **kwargs); ForbiddenCall on a violation

The rule is about *calls*, not style: any honest numpy/Python code passes. Two layers:

* **static** (:func:`references`, run first, inside the profiled region): walks the byte code that ``fn`` can
  reach (``dis`` on its code and nested code objects; globals, builtins, closure cells, default arguments,
  attribute chains on modules, imports, ``functools.partial``, bound methods, functions and classes of the
  same notebook) and flags references to forbidden modules, functions, classes and ufuncs. It sees what no
  profiler can: numpy ufuncs and other C callables (``scipy.special.xlogy``), Cython methods.
* **dynamic** (a ``sys.setprofile`` / ``threading.setprofile`` hook while ``fn`` runs) flags Python code of a
  forbidden package being executed, builtins of a forbidden module being called, forbidden imports (through
  ``importlib``), and tampering with the profiler (``sys.setprofile``, ``sys.settrace``, ...).

A module is forbidden when its dotted name starts with (by components) one of ``Rule.forbidden``, unless it
matches ``Rule.allowed`` (code called *from* an allowed region is allowed too) or ``Rule.exempt`` (the
grader's own helpers, never counted). Packages are located with ``importlib.util.find_spec`` without importing
them, so that an ``import scipy`` inside the student's function is caught when scipy's own code runs.

Python callables the grader passes as *arguments* (a reference metric for a kNN task) are trusted, with what
they call. Limits (a deterrent for the honest-but-tempted, not a sandbox): C code reached without a name in the
code (``importlib``/``sys.modules`` lookups of an already imported module, then a ufunc or a Cython method) is
invisible to both layers; threads that existed before the call (a thread pool) are not profiled; work left in
a returned generator or lazy object runs after the check; code that reads this module's state (``sys._getframe``,
frames of ``run``) could erase a violation; a foreign profiler is suspended during the call.

Robustness: only the standard library is imported here (numpy is looked up in ``sys.modules`` when needed);
everything used at grading time is captured at import time; the hook never raises into the student's code;
unknown objects are inspected only through their type's C-level descriptors (a student's ``__getattr__``,
``__eq__``, ``__repr__`` or ``__class__`` are never run). Messages are short English; the caller translates.
"""
from __future__ import annotations

import builtins as _builtins_mod
import dis as _dis
import functools as _functools
import importlib.machinery as _machinery
import importlib.util as _iutil
import os as _os
import sys as _sys
import sysconfig as _sysconfig
import threading as _threading
import types as _types
from dataclasses import dataclass, replace

__all__ = ["Rule", "Violation", "ForbiddenCall", "run", "references", "DEFAULT_FORBIDDEN", "DEFAULT_EXEMPT",
           "HOWS"]

#: packages a graded function must not reach by default
DEFAULT_FORBIDDEN = ("scipy", "sklearn", "fsgeom")
#: the grader's own helpers and the grading guard, nbguard (its audit hook runs below student code): never counted
DEFAULT_EXEMPT = ("fsgeom.grading", "nbguard", "fsgeom.i18n", "fsgeom.forbidden")
#: values of :attr:`ForbiddenCall.how`
HOWS = ("call", "reference", "import", "tamper")

# ---------------------------------------------------------------------------- trusted references
# captured at import time: a notebook that rebinds sys / threading / builtins later does not reach these
_sys_setprofile = _sys.setprofile
_sys_getprofile = _sys.getprofile
_getframe = _sys._getframe
_thr_setprofile = _threading.setprofile
_thr_getprofile = getattr(_threading, "getprofile", None)   # 3.10+
_get_instructions = _dis.get_instructions
_MODULES = _sys.modules
_partial = _functools.partial
_realpath = _os.path.realpath
_isabs = _os.path.isabs
_SEP = _os.sep
_find_spec = _iutil.find_spec
_path_find_spec = _machinery.PathFinder.find_spec
_resolve_name = _iutil.resolve_name
_type = type
_id = id
_len = len
_str = str
_tuple = tuple
_list = list
_dict = dict
_set = set
_frozenset = frozenset
_issubclass = issubclass
_sorted = sorted
_Exception = Exception
_BaseException = BaseException
_KeyboardInterrupt = KeyboardInterrupt
_dict_get = dict.get
_ModuleType = _types.ModuleType
_FunctionType = _types.FunctionType
_CodeType = _types.CodeType
_MethodType = _types.MethodType
_BuiltinFunctionType = _types.BuiltinFunctionType
_GetSetType = _types.GetSetDescriptorType
_MemberType = _types.MemberDescriptorType
_NoneType = type(None)
_staticmethod = staticmethod
_classmethod = classmethod
_property = property
# C-level descriptors: reading a module's / class's namespace never runs a student's __getattr__ or property
_module_dict = _ModuleType.__dict__["__dict__"].__get__
_type_dict = type.__dict__["__dict__"].__get__
_type_mro = type.__dict__["__mro__"].__get__
_type_bases = type.__dict__["__bases__"].__get__
_type_module = type.__dict__["__module__"].__get__
_type_qualname = type.__dict__["__qualname__"].__get__
_partial_func = _partial.__dict__["func"].__get__
_partial_args = _partial.__dict__["args"].__get__
_partial_keywords = _partial.__dict__["keywords"].__get__
_sm_func = _staticmethod.__dict__["__func__"].__get__
_cm_func = _classmethod.__dict__["__func__"].__get__
_prop_fget = _property.__dict__["fget"].__get__
_prop_fset = _property.__dict__["fset"].__get__
_prop_fdel = _property.__dict__["fdel"].__get__
_builtins_dict = _module_dict(_builtins_mod)
_HAS_QUALNAME = hasattr(_CodeType, "co_qualname")          # 3.11+
_MISSING = object()

# instance types that are plain data (never flagged, never looked into)
_DATA_TYPES = frozenset({int, float, complex, str, bytes, bytearray, bool, _NoneType, range, slice,
                         type(Ellipsis), type(NotImplemented), _CodeType})

# ------------------------------------------------------------------------------- statuses
_LIB = 0         # library code (stdlib, site-packages, frozen importlib): transparent
_USER = 1        # the student's code (notebook cells, files outside the installation)
_EXEMPT = 2      # the grader's helpers
_ALLOWED = 3     # Rule.allowed
_FORBIDDEN = 4   # Rule.forbidden
_TAMPER = 5      # a Python function that changes the profiler (threading.setprofile, ...)
_IMPORTER = 6    # importlib's _find_and_load / _gcd_import / _handle_fromlist


def _tamper_objects() -> dict:
    """id -> (object, dotted name) of the functions that replace or read the profiling / tracing hooks."""
    out = {}
    for mod, names in ((_sys, ("setprofile", "settrace", "getprofile", "_setprofileallthreads",
                               "_settraceallthreads")),
                       (_threading, ("setprofile", "settrace", "getprofile", "setprofile_all_threads",
                                     "settrace_all_threads"))):
        for n in names:
            obj = _module_dict(mod).get(n)
            if obj is not None:
                out[_id(obj)] = (obj, f"{mod.__name__}.{n}")
    return out


_TAMPER_OBJECTS = _tamper_objects()
#: C functions among them, checked on every ``c_call`` event (by identity)
_TAMPER_C = {k: v for k, v in _TAMPER_OBJECTS.items() if _type(v[0]) is _BuiltinFunctionType}


def _special_codes() -> dict:
    """id(code) -> (code, status, label) for Python functions the hook treats specially."""
    out = {}
    for obj, name in _TAMPER_OBJECTS.values():
        if _type(obj) is _FunctionType:
            out[_id(obj.__code__)] = (obj.__code__, _TAMPER, name)
    boot = _MODULES.get("_frozen_importlib") or _MODULES.get("importlib._bootstrap")
    if boot is not None:
        for n in ("_find_and_load", "_gcd_import", "_handle_fromlist"):
            f = _module_dict(boot).get(n)
            if _type(f) is _FunctionType:
                out[_id(f.__code__)] = (f.__code__, _IMPORTER, n)
    return out


_SPECIAL = _special_codes()
_BOOT_RESOLVE = _module_dict(_MODULES.get("_frozen_importlib") or _MODULES["importlib._bootstrap"]).get(
    "_resolve_name")


# ---------------------------------------------------------------------------------- the rule
def _check_prefixes(value, what: str) -> tuple:
    if isinstance(value, str):
        value = (value,)
    out = []
    for p in value:
        if not isinstance(p, str) or not p or p.startswith(".") or p.endswith(".") or ".." in p:
            raise ValueError(f"{what}: module prefixes are dotted names like 'scipy.stats', got {p!r}")
        if p not in out:
            out.append(p)
    return tuple(out)


@dataclass(frozen=True)
class Rule:
    """Which modules a graded function may not reach.

    ``forbidden``: module-name prefixes (by dotted components: ``"scipy"`` matches ``scipy`` and
    ``scipy.spatial`` but not ``scipyx``). ``allowed``: prefixes that override ``forbidden`` (code they call is
    allowed too, e.g. ``scipy.stats`` calling ``scipy.special``). ``exempt``: never counted (the grader).
    """
    forbidden: tuple[str, ...]
    allowed: tuple[str, ...] = ()
    exempt: tuple[str, ...] = DEFAULT_EXEMPT

    def __post_init__(self):
        for name in ("forbidden", "allowed", "exempt"):
            object.__setattr__(self, name, _check_prefixes(getattr(self, name), name))

    @classmethod
    def default(cls) -> "Rule":
        """Forbid ``scipy``, ``sklearn`` and ``fsgeom`` (except the grader's own modules)."""
        return cls(DEFAULT_FORBIDDEN, (), DEFAULT_EXEMPT)

    def allowing(self, *prefixes: str) -> "Rule":
        """A copy of this rule that also allows ``prefixes`` (e.g. ``"scipy.stats"``)."""
        return replace(self, allowed=self.allowed + _check_prefixes(prefixes, "allowing"))

    def status(self, module: str) -> str:
        """``"exempt"``, ``"allowed"``, ``"forbidden"`` or ``"ok"`` for a dotted module (or object) name."""
        return ("ok", "user", "exempt", "allowed", "forbidden")[_name_status(_compiled(self), module)]


@dataclass(frozen=True)
class Violation:
    """One forbidden thing reached: ``what`` (dotted name), ``how`` (see :data:`HOWS`), ``via`` (the chain of
    names that led to it from the student's function, for reports; may be empty)."""
    what: str
    how: str
    via: tuple[str, ...] = ()


class ForbiddenCall(Exception):
    """The student's function reached something the rule forbids.

    ``what``: dotted name of the forbidden thing (``"scipy.spatial.distance.cdist"``); ``how``: ``"call"``
    (executed while the function ran), ``"reference"`` (named in its code, closure, defaults...),
    ``"import"`` or ``"tamper"`` (changed the profiler); ``function``: the student function's ``__name__``;
    ``via``: names that led there (may be empty).
    """

    def __init__(self, what: str, how: str, function: str, via: tuple = ()):
        super().__init__(what, how, function)
        self.what = what
        self.how = how
        self.function = function
        self.via = tuple(via)

    def __str__(self):
        if self.how == "tamper":
            return f"{self.function}: changes the profiler ({self.what})"
        return f"{self.function}: uses {self.what} ({self.how}), which is not allowed here"

    def __reduce__(self):
        return (_type(self), (self.what, self.how, self.function, self.via))


# ------------------------------------------------------------------------- compiled rules
def _library_roots() -> tuple:
    """Folders of installed code: the Python installation and site-packages (realpath, trailing separator)."""
    roots = set()
    for p in (_sys.prefix, _sys.base_prefix, _sys.exec_prefix, getattr(_sys, "base_exec_prefix", None)):
        if p:
            roots.add(p)
    try:
        paths = _sysconfig.get_paths()
        for k in ("stdlib", "platstdlib", "purelib", "platlib"):
            if paths.get(k):
                roots.add(paths[k])
    except Exception:  # noqa: BLE001
        pass
    try:
        import site
        roots.update(site.getsitepackages())
        roots.add(site.getusersitepackages())
    except Exception:  # noqa: BLE001 - virtualenv's old site.py
        pass
    out = set()
    for r in roots:
        if isinstance(r, str) and r and _isabs(r):
            r = _realpath(r)
            out.add(r if r.endswith(_SEP) else r + _SEP)
    return tuple(sorted(out))


_LIB_ROOTS: list = []


def _lib_roots() -> tuple:
    if not _LIB_ROOTS:
        _LIB_ROOTS.append(_library_roots())
    return _LIB_ROOTS[0]


def _spec_of(name: str):
    """The module spec of dotted ``name`` WITHOUT importing anything (parents are searched by path)."""
    mod = _MODULES.get(name)
    if mod is not None:
        return _module_dict(mod).get("__spec__") if _issubclass(_type(mod), _ModuleType) else None
    head, _, tail = name.rpartition(".")
    if not head:
        try:
            return _find_spec(name)
        except (ImportError, ValueError, AttributeError):
            return None
    parent = _spec_of(head)
    locs = getattr(parent, "submodule_search_locations", None) if parent is not None else None
    if not locs:
        return None
    try:
        return _path_find_spec(name, list(locs))
    except (ImportError, ValueError, AttributeError, OSError):
        return None


def _locations(name: str) -> tuple:
    """(folders, files) holding the code of module ``name``: package folders with a trailing separator,
    or the module's own source file."""
    spec = _spec_of(name)
    if spec is None:
        return (), ()
    dirs, files = [], []
    locs = getattr(spec, "submodule_search_locations", None)
    if locs:
        for d in list(locs):
            if isinstance(d, str) and d:
                d = _realpath(d)
                dirs.append(d if d.endswith(_SEP) else d + _SEP)
    else:
        origin = getattr(spec, "origin", None)
        if isinstance(origin, str) and _isabs(origin):
            files.append(_realpath(origin))
    return tuple(dirs), tuple(files)


def _match(name: str, prefixes: tuple) -> bool:
    for p in prefixes:
        if name == p or (name.startswith(p) and name[_len(p)] == "."):
            return True
    return False


class _Compiled:
    """A rule turned into file prefixes and caches (one per distinct rule, kept for the process)."""

    def __init__(self, rule: Rule):
        self.rule = rule
        self.forbidden, self.allowed, self.exempt = rule.forbidden, rule.allowed, rule.exempt
        # proper ancestors of allowed modules ("scipy" for "scipy.stats"): importing them is unavoidable
        anc = set()
        for a in rule.allowed:
            parts = a.split(".")
            for i in range(1, _len(parts)):
                anc.add(".".join(parts[:i]))
        self.ancestors = frozenset(anc)
        self.places = []   # (status, dirs, files), most specific category first
        for st, names in ((_EXEMPT, rule.exempt), (_ALLOWED, rule.allowed), (_FORBIDDEN, rule.forbidden)):
            dirs, files = [], []
            for n in names:
                d, f = _locations(n)
                dirs.extend(d)
                files.extend(f)
            self.places.append((st, _tuple(dirs), _frozenset(files)))
        self.code_cache = {}    # id(code) -> (code, status)
        self.file_cache = {}    # absolute filename -> status
        self.name_cache = {}    # module name -> status
        self.ufunc_cache = {}   # id(ufunc) -> (ufunc, dotted name or None)
        self.fast_files = {}    # co_filename -> status, files whose code needs no look (hook's hot path)
        self.fast_mods = {}     # __module__ of builtins -> status (hook's hot path)


_COMPILED: dict = {}


def _compiled(rule: Rule) -> _Compiled:
    comp = _COMPILED.get(rule)
    if comp is None or comp.rule != rule:
        comp = _COMPILED[rule] = _Compiled(rule)
    return comp


def _name_status(comp: _Compiled, name) -> int:
    """Status of a dotted module (or object) name: _EXEMPT, _ALLOWED, _FORBIDDEN or _LIB (= not concerned)."""
    if _type(name) is not _str:
        return _LIB
    st = comp.name_cache.get(name)
    if st is None:
        if _match(name, comp.exempt):
            st = _EXEMPT
        elif _match(name, comp.allowed):
            st = _ALLOWED
        elif _match(name, comp.forbidden):
            st = _FORBIDDEN
        else:
            st = _LIB
        if _len(comp.name_cache) < 100_000:
            comp.name_cache[name] = st
    return st


def _import_status(comp: _Compiled, name) -> int:
    """Like :func:`_name_status`, but importing an ancestor package of an allowed module is allowed."""
    st = _name_status(comp, name)
    if st == _FORBIDDEN and name in comp.ancestors:
        return _ALLOWED
    return st


def _file_status(comp: _Compiled, filename: str) -> int:
    """Status of an absolute source file: exempt / allowed / forbidden by location, else library or user."""
    st = comp.file_cache.get(filename)
    if st is None:
        try:
            real = _realpath(filename)
        except (OSError, ValueError):
            real = filename
        st = -1
        for status, dirs, files in comp.places:
            if real in files:
                st = status
                break
            for d in dirs:
                if real.startswith(d):
                    st = status
                    break
            if st >= 0:
                break
        if st < 0:
            st = _USER
            for r in _lib_roots():
                if real.startswith(r):
                    st = _LIB
                    break
        comp.file_cache[filename] = st
    return st


def _loose_status(comp: _Compiled, filename, modname) -> int:
    """Status of code by its file, or (no real file: ``<string>``, ``<ipython-input-1>``) by its module name."""
    if _type(filename) is _str and _isabs(filename):
        return _file_status(comp, filename)
    if _type(filename) is _str and filename.startswith("<frozen "):
        return _LIB
    st = _name_status(comp, modname)
    if st == _FORBIDDEN:
        return _FORBIDDEN
    if st != _LIB:              # generated code of an allowed / exempt module: transparent, never a licence
        return _LIB
    if _type(modname) is _str and modname != "__main__" and not modname.startswith("__"):
        m = _MODULES.get(modname)
        if m is not None and _issubclass(_type(m), _ModuleType):
            f = _module_dict(m).get("__file__")
            if _type(f) is _str and _isabs(f) and _file_status(comp, f) == _LIB:
                return _LIB
    return _USER


def _code_status(comp: _Compiled, code, frame) -> int:
    """Status of a code object (cached by identity); ``frame`` is one of its frames (for module names)."""
    e = comp.code_cache.get(_id(code))
    if e is not None and e[0] is code:
        return e[1]
    sp = _SPECIAL.get(_id(code))
    if sp is not None and sp[0] is code:
        st = sp[1]
    else:
        g = frame.f_globals if frame is not None else {}
        st = _loose_status(comp, code.co_filename, _dict_get(g, "__name__"))
        if st == _FORBIDDEN and code.co_name == "<module>" and \
                _import_status(comp, _dict_get(g, "__name__")) == _ALLOWED:
            st = _ALLOWED      # the __init__ of a package whose allowed submodule is being imported
    if _len(comp.code_cache) > 200_000:      # pinned code objects: bounded
        comp.code_cache.clear()
    comp.code_cache[_id(code)] = (code, st)
    return st


# --------------------------------------------------------------------- safe introspection
def _descr_attr(obj, name):
    """``obj.<name>`` if ``type(obj)`` provides it through a C-level member/getset descriptor, else _MISSING.

    Never runs Python code of the object (no ``__getattr__``, properties or ``__getattribute__``)."""
    try:
        t = _type(obj)
        for k in _type_mro(t):
            v = _type_dict(k).get(name, _MISSING)
            if v is not _MISSING:
                tv = _type(v)
                if tv is _GetSetType or tv is _MemberType:
                    return v.__get__(obj, t)
                return _MISSING
    except _Exception:  # noqa: BLE001
        pass
    return _MISSING


def _class_lookup(cls, name):
    """The raw value of ``name`` in the class dicts along ``cls.__mro__`` (no descriptor is invoked)."""
    try:
        for k in _type_mro(cls):
            v = _type_dict(k).get(name, _MISSING)
            if v is not _MISSING:
                return v
    except _Exception:  # noqa: BLE001
        pass
    return _MISSING


def _module_name(m):
    try:
        n = _module_dict(m).get("__name__")
    except _Exception:  # noqa: BLE001
        return None
    return n if _type(n) is _str else None


def _class_name(cls) -> str:
    try:
        mod, qual = _type_module(cls), _type_qualname(cls)
    except _Exception:  # noqa: BLE001
        return "?"
    mod = mod if _type(mod) is _str else "?"
    qual = qual if _type(qual) is _str else "?"
    return qual if mod == "builtins" else f"{mod}.{qual}"


def _callable_name(fn) -> str:
    """A student function's ``__name__`` (also through partials and bound methods), without running its code."""
    for _ in range(5):
        t = _type(fn)
        if t is _FunctionType:
            return fn.__name__
        if t is _MethodType:
            fn = fn.__func__
            continue
        if _issubclass(t, _partial):
            fn = _partial_func(fn)
            continue
        if _issubclass(t, type):
            try:
                return _type_qualname(fn)
            except _Exception:  # noqa: BLE001
                return "?"
        n = _descr_attr(fn, "__name__")
        if _type(n) is _str:
            return n
        try:
            return _type_qualname(t)
        except _Exception:  # noqa: BLE001
            return "function"
    return "function"


def _numpy_parts():
    np = _MODULES.get("numpy")
    if np is None or not _issubclass(_type(np), _ModuleType):
        return None, None, None
    d = _module_dict(np)
    return d, d.get("ufunc"), (d.get("ndarray"), d.get("generic"))


# ========================================================================== static layer
_GLOBAL_OPS = frozenset({"LOAD_GLOBAL", "LOAD_NAME", "LOAD_FROM_DICT_OR_GLOBALS"})
_DEREF_OPS = frozenset({"LOAD_DEREF", "LOAD_CLASSDEREF", "LOAD_FROM_DICT_OR_DEREF"})
_FAST_OPS = frozenset({"LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_FAST_AND_CLEAR", "LOAD_FAST_BORROW"})
_PAIR_OPS = frozenset({"LOAD_FAST_LOAD_FAST", "LOAD_FAST_BORROW_LOAD_FAST_BORROW"})
_ATTR_OPS = frozenset({"LOAD_ATTR", "LOAD_METHOD"})
_SKIP_OPS = frozenset({"EXTENDED_ARG", "NOP", "CACHE"})
_STORE_OPS = frozenset({"STORE_FAST", "STORE_NAME", "STORE_GLOBAL", "STORE_DEREF"})
_SHUFFLE_OPS = frozenset({"SWAP", "ROT_TWO", "POP_TOP", "COPY"})
_CONST_OPS = frozenset({"LOAD_CONST", "LOAD_SMALL_INT"})
_PLANS: dict = {}          # id(code) -> (code, plan)
_MAX_CHAIN = 12


def _chain(ins, k) -> tuple:
    out = []
    while k < _len(ins) and ins[k][0] in _ATTR_OPS and _len(out) < _MAX_CHAIN:
        if _type(ins[k][1]) is not _str:
            break
        out.append(ins[k][1])
        k += 1
    return _tuple(out)


def _plan(code) -> tuple:
    """The references in one code object, decoded once (code objects are immutable):
    ``("G"|"D"|"L", name, chain)`` loads, ``("I", module, level, binds, items)`` imports, ``("C", code)``."""
    e = _PLANS.get(_id(code))
    if e is not None and e[0] is code:
        return e[1]
    ins = [(i.opname, i.argval) for i in _get_instructions(code) if i.opname not in _SKIP_OPS]
    plan = []
    n = _len(ins)
    for k in range(n):
        op, arg = ins[k]
        if op in _GLOBAL_OPS or op in _DEREF_OPS or op in _FAST_OPS:
            if _type(arg) is _str:
                kind = "G" if op in _GLOBAL_OPS else ("D" if op in _DEREF_OPS else "L")
                plan.append((kind, arg, _chain(ins, k + 1)))
        elif op in _PAIR_OPS:
            if _type(arg) is _tuple and _len(arg) == 2:
                plan.append(("L", arg[0], ()))
                plan.append(("L", arg[1], _chain(ins, k + 1)))
        elif op == "IMPORT_NAME" and _type(arg) is _str:
            fromlist = ins[k - 1][1] if k >= 1 and ins[k - 1][0] in _CONST_OPS else None
            level = ins[k - 2][1] if k >= 2 and ins[k - 2][0] in _CONST_OPS else 0
            level = level if _type(level) is int else 0
            binds, items = [], []
            j = k + 1
            if not fromlist:
                dotted_as = False
                while j < n and (ins[j][0] == "IMPORT_FROM" or ins[j][0] in _SHUFFLE_OPS) \
                        and not (ins[j][0] == "POP_TOP" and not dotted_as):
                    dotted_as = dotted_as or ins[j][0] == "IMPORT_FROM"
                    j += 1
                if j < n and ins[j][0] in _STORE_OPS and _type(ins[j][1]) is _str:
                    binds.append((ins[j][1], None if dotted_as else "top"))
            else:
                if _type(fromlist) is _tuple:
                    items = [x for x in fromlist if _type(x) is _str]
                while j < n and ins[j][0] == "IMPORT_FROM":
                    attr = ins[j][1]
                    if j + 1 < n and ins[j + 1][0] in _STORE_OPS and _type(ins[j + 1][1]) is _str:
                        binds.append((ins[j + 1][1], attr))
                        j += 2
                    else:
                        j += 1
            plan.append(("I", arg, level, _tuple(binds), _tuple(items)))
    for c in code.co_consts:
        if _type(c) is _CodeType:
            plan.append(("C", c, None))
    plan = _tuple(plan)
    if _len(_PLANS) > 20_000:
        _PLANS.clear()
    _PLANS[_id(code)] = (code, plan)
    return plan


class _Walk:
    """State of one static analysis."""

    def __init__(self, comp: _Compiled, root, first_only: bool, skip=_frozenset()):
        self.comp = comp
        self.first_only = first_only
        self.skip = skip             # ids of the student's functions not to look into (delegates)
        self.found = []
        self.seen = set()
        self.seen_code = set()
        self.pins = []               # keeps visited objects alive, so their ids stay unique
        self.budget = 4000           # objects and code objects analysed at most
        self.done = False
        g = root.__globals__ if _type(root) is _FunctionType else None
        if g is None and _type(root) is _MethodType and _type(root.__func__) is _FunctionType:
            g = root.__func__.__globals__
        self.root_globals = g
        self.root_module = _dict_get(g, "__name__") if g is not None else None
        self.np_dict, self.ufunc_type, self.np_data = _numpy_parts()

    def add(self, what, how, via):
        v = Violation(what, how, _tuple(via))
        if v not in self.found:
            self.found.append(v)
        if self.first_only:
            self.done = True

    def spend(self) -> None:
        self.budget -= 1
        if self.budget <= 0:
            self.done = True

    def first_visit(self, obj) -> bool:
        k = _id(obj)
        if k in self.seen:
            return False
        self.seen.add(k)
        self.pins.append(obj)
        self.spend()
        return True

    # ---------------------------------------------------------------- classification helpers
    def user_function(self, f) -> bool:
        if f.__globals__ is self.root_globals:
            return True
        return _loose_status(self.comp, f.__code__.co_filename, _dict_get(f.__globals__, "__name__")) == _USER

    def user_class(self, cls) -> bool:
        try:
            mod = _type_module(cls)
        except _Exception:  # noqa: BLE001
            return False
        if _type(mod) is not _str or _name_status(self.comp, mod) != _LIB:
            return False
        if mod == self.root_module or mod == "__main__":
            return True
        m = _MODULES.get(mod)
        if m is not None and _issubclass(_type(m), _ModuleType):
            fname = _module_dict(m).get("__file__")
            return _type(fname) is _str and _loose_status(self.comp, fname, mod) == _USER
        for v in _list(_type_dict(cls).values())[:200]:     # a namespace that is no module (exec)
            f = _unwrap_one(v)
            if _type(f) is _FunctionType:
                return self.user_function(f)
        return False

    # -------------------------------------------------------------------------- objects
    def obj(self, x, how, via, depth=0):
        """Check one object reached from the student's code (and look into it if it is the student's own)."""
        if self.done:
            return
        t = _type(x)
        if t in _DATA_TYPES or x is _MODULES:    # naming the module registry is not naming what is in it
            return
        npd = self.np_data
        if npd is not None and npd[0] is not None and _issubclass(t, npd):
            return
        tk = _TAMPER_OBJECTS.get(_id(x))
        if tk is not None and tk[0] is x:
            self.add(tk[1], "tamper", via)
            return
        if _issubclass(t, _ModuleType):
            name = _module_name(x)
            if _name_status(self.comp, name) == _FORBIDDEN:
                self.add(name, how, via)
            return
        if t is _FunctionType:
            mod = x.__module__
            st = _name_status(self.comp, mod)
            if st == _FORBIDDEN:
                self.add(f"{mod}.{x.__qualname__}", how, via)
            elif st == _LIB and _id(x) not in self.skip and self.user_function(x) and self.first_visit(x):
                self.function(x, via + (x.__name__,))
            return
        if t is _MethodType:
            f, s = x.__func__, x.__self__
            self.obj(f, how, via, depth)
            if _issubclass(_type(s), type):
                self.obj(s, how, via, depth)
            else:
                self.instance(s, how, via)
            return
        if _issubclass(t, type):
            self.cls(x, how, via)
            return
        if _issubclass(t, _partial):
            self.obj(_partial_func(x), how, via + ("partial",), depth)
            for a in _partial_args(x) or ():
                self.obj(a, how, via + ("partial",), depth + 1)
            kw = _partial_keywords(x)
            if _type(kw) is _dict:
                for a in _list(kw.values())[:64]:
                    self.obj(a, how, via + ("partial",), depth + 1)
            return
        if _issubclass(t, (_staticmethod, _classmethod, _property)):
            for f in _unwrap_all(x):
                self.obj(f, how, via, depth)
            return
        if t in (_tuple, _list, _set, _frozenset, _dict):
            if depth < 3 and self.first_visit(x):
                items = x.values() if t is _dict else x
                for i, item in enumerate(items):
                    if i >= 64 or self.done:
                        break
                    self.obj(item, how, via, depth + 1)
            return
        if self.ufunc_type is not None and t is self.ufunc_type:
            name = _ufunc_owner(self.comp, x, self.np_dict)
            if name is not None:
                self.add(name, how, via)
            return
        # C callables (builtins, Cython functions): their own __module__ / __objclass__ through C descriptors
        mod = _descr_attr(x, "__module__")
        if _type(mod) is _str:
            if _name_status(self.comp, mod) == _FORBIDDEN:
                q = _descr_attr(x, "__qualname__")
                q = q if _type(q) is _str else _descr_attr(x, "__name__")
                self.add(f"{mod}.{q if _type(q) is _str else '?'}", how, via)
            return
        if t is _BuiltinFunctionType:
            s = _descr_attr(x, "__self__")
            if _issubclass(_type(s), _ModuleType):
                name = _module_name(s)
                if _name_status(self.comp, name) == _FORBIDDEN:
                    self.add(f"{name}.{_descr_attr(x, '__name__')}", how, via)
            return
        oc = _descr_attr(x, "__objclass__")      # method / slot-wrapper descriptors of C types
        if _issubclass(_type(oc), type):
            self.cls(oc, how, via, look_inside=False)
            return
        self.instance(x, how, via)

    def instance(self, x, how, via):
        """A plain instance: never flagged itself (data objects of any library are fine); the class is
        analysed when it is the student's; a wrapper (``functools.wraps``, ``lru_cache``) by what it wraps."""
        t = _type(x)
        if t in _DATA_TYPES or self.done:
            return
        d = _descr_attr(x, "__dict__")
        if self.user_class(t):
            self.cls(t, how, via)
            if _type(d) is _dict and self.first_visit(x):
                for v in _list(d.values())[:64]:
                    self.obj(v, how, via + (_type_qualname(t),), 1)
            return
        if _type(d) is _dict:
            mod = _dict_get(d, "__module__")
            if _type(mod) is _str and _name_status(self.comp, mod) == _FORBIDDEN:
                q = _dict_get(d, "__qualname__") or _dict_get(d, "__name__")
                self.add(f"{mod}.{q if _type(q) is _str else '?'}", how, via)
                return
            w = _dict_get(d, "__wrapped__", _MISSING)
            if w is not _MISSING and self.first_visit(x):
                self.obj(w, how, via)

    def cls(self, c, how, via, look_inside=True):
        try:
            mod = _type_module(c)
        except _Exception:  # noqa: BLE001
            return
        st = _name_status(self.comp, mod)
        if st == _FORBIDDEN:
            self.add(_class_name(c), how, via)
            return
        if st != _LIB or not look_inside or not self.user_class(c) or not self.first_visit(c):
            return
        via = via + (_type_qualname(c),)
        try:
            bases = _type_bases(c)
        except _Exception:  # noqa: BLE001
            bases = ()
        for b in bases:
            self.cls(b, how, via)
        for v in _list(_type_dict(c).values())[:500]:
            if self.done:
                return
            self.obj(v, how, via, 1)

    def attr_chain(self, x, chain, how, via, base_name):
        """``x.a.b.c``: followed through module namespaces (never getattr); on other objects, the first
        attribute is looked up in the class dicts only."""
        dotted = _module_name(x) if _issubclass(_type(x), _ModuleType) else None
        for i, a in enumerate(chain):
            if not _issubclass(_type(x), _ModuleType):
                if i < _len(chain) and not _issubclass(_type(x), type) and _type(x) not in _DATA_TYPES:
                    v = _class_lookup(_type(x), a)
                    if v is not _MISSING and _type(v) not in _DATA_TYPES:
                        self.obj(_unwrap_one(v), how, via + (a,))
                break
            sub = f"{dotted}.{a}" if dotted else None
            if sub is not None and a.startswith("_") and not a.startswith("__") \
                    and _name_status(self.comp, dotted) == _EXEMPT:
                self.add(sub, "tamper", via)      # the grader's internals (this module's sessions, ...)
                return
            d = _module_dict(x)
            v = d.get(a, _MISSING)
            if v is _MISSING and sub is not None:
                v = _MODULES.get(sub, _MISSING)
            if v is _MISSING:
                # not loaded (or a lazy attribute): judge the dotted name itself
                if sub is not None:
                    name = ".".join((sub,) + chain[i + 1:])
                    if _name_status(self.comp, name) == _FORBIDDEN:
                        self.add(name, how, via)
                return
            x = v
            dotted = _module_name(x) if _issubclass(_type(x), _ModuleType) else None
        self.obj(x, how, via)

    def dotted(self, name, chain, how, via):
        """A module reached by name (import alias): resolved through sys.modules, else judged by name."""
        parts = name.split(".")
        m = _MODULES.get(parts[0], _MISSING)
        if m is _MISSING or not _issubclass(_type(m), _ModuleType):
            full = ".".join(_tuple(parts) + chain)
            if _import_status(self.comp, full) == _FORBIDDEN:
                self.add(full, how, via)
            return
        self.attr_chain(m, _tuple(parts[1:]) + chain, how, via, parts[0])

    # ---------------------------------------------------------------------------- code
    def function(self, f, via):
        if self.done:
            return
        g = f.__globals__
        try:
            b = f.__builtins__
        except AttributeError:  # 3.9-
            b = _builtins_dict
        if _type(b) is not _dict:
            b = _builtins_dict
        closure = {}
        self.pins.append(closure)
        cells = f.__closure__ or ()
        for name, cell in zip(f.__code__.co_freevars, cells):
            try:
                closure[name] = cell.cell_contents
            except ValueError:  # empty cell
                pass
        self.code(f.__code__, g, b, closure, {}, via, f)
        for v in f.__defaults__ or ():
            self.obj(v, "reference", via + ("default",))
        kw = f.__kwdefaults__
        if _type(kw) is _dict:
            for v in _list(kw.values())[:64]:
                self.obj(v, "reference", via + ("default",))
        for name, v in closure.items():           # values a nested function uses (not only this code)
            if not _issubclass(_type(v), _ModuleType):
                self.obj(v, "reference", via + (name,))
        d = f.__dict__
        if _type(d) is _dict and d:
            for v in _list(d.values())[:64]:
                self.obj(v, "reference", via)

    def code(self, code, g, b, closure, outer_aliases, via, func=None):
        key = (_id(code), _id(closure))
        if self.done or key in self.seen_code:
            return
        self.seen_code.add(key)
        self.pins.append(code)
        self.spend()
        plan = _plan(code)
        aliases = {}
        pkg = _dict_get(g, "__package__")
        for e in plan:
            if e[0] == "I":
                self.import_(e, pkg, aliases, via)
        for e in plan:
            if self.done:
                return
            kind = e[0]
            if kind == "C":
                self.code(e[1], g, b, closure, {**outer_aliases, **aliases}, via)
                continue
            if kind == "I":
                continue
            name, chain = e[1], e[2]
            here = via + (name,)
            if kind == "L":
                if name in aliases:
                    self.dotted(aliases[name], chain, "import", here)
                continue
            if kind == "D":
                if name in aliases:
                    self.dotted(aliases[name], chain, "import", here)
                elif name in closure:
                    self.ref(closure[name], chain, here)
                elif name in outer_aliases:
                    self.dotted(outer_aliases[name], chain, "import", here)
                continue
            # "G": a global (or a name in a class body / module code)
            if name in aliases:
                self.dotted(aliases[name], chain, "import", here)
                continue
            v = _dict_get(g, name, _MISSING) if _type(g) is _dict or _issubclass(_type(g), _dict) else _MISSING
            if v is _MISSING:
                v = _dict_get(b, name, _MISSING)
            if v is not _MISSING:
                self.ref(v, chain, here)

    def ref(self, v, chain, via):
        if chain and (_issubclass(_type(v), _ModuleType) or _type(v) not in _DATA_TYPES):
            self.attr_chain(v, chain, "reference", via, None)
        else:
            self.obj(v, "reference", via)

    def import_(self, e, pkg, aliases, via):
        _, name, level, binds, items = e
        if level:
            try:
                name = _resolve_name("." * level + name, pkg if _type(pkg) is _str else None)
            except (ImportError, ValueError, TypeError, AttributeError):
                return
        if not name:
            return
        here = via + ("import " + name,)
        comp = self.comp
        if items:
            for it in items:
                if it == "*":
                    if _import_status(comp, name) == _FORBIDDEN:
                        self.add(name, "import", here)
                elif _import_status(comp, f"{name}.{it}") == _FORBIDDEN:
                    self.add(self.canonical(name, it), "import", here)
            for local, attr in binds:
                aliases[local] = f"{name}.{attr}"
            return
        st = _import_status(comp, name)
        if st == _FORBIDDEN and name not in comp.ancestors:
            self.add(name, "import", here)
        for local, mode in binds:
            aliases[local] = name.split(".")[0] if mode == "top" else name

    def canonical(self, module, attr) -> str:
        """``module.attr`` named after the object's own module when it is loaded (``scipy.spatial.distance.cdist``)."""
        m = _MODULES.get(module)
        if m is not None and _issubclass(_type(m), _ModuleType):
            v = _module_dict(m).get(attr, _MISSING)
            if _type(v) is _FunctionType and _type(v.__module__) is _str:
                return f"{v.__module__}.{v.__qualname__}"
            if _issubclass(_type(v), type):
                return _class_name(v)
        return f"{module}.{attr}"


def _unwrap_one(v):
    t = _type(v)
    try:
        if _issubclass(t, _staticmethod):
            return _sm_func(v)
        if _issubclass(t, _classmethod):
            return _cm_func(v)
        if _issubclass(t, _property):
            return _prop_fget(v)
    except _Exception:  # noqa: BLE001
        pass
    return v


def _unwrap_all(v) -> tuple:
    t = _type(v)
    try:
        if _issubclass(t, _property):
            return _tuple(f for f in (_prop_fget(v), _prop_fset(v), _prop_fdel(v)) if f is not None)
    except _Exception:  # noqa: BLE001
        return ()
    return (_unwrap_one(v),)


def _ufunc_owner(comp: _Compiled, u, np_dict):
    """Dotted name of a ufunc that belongs to a forbidden module (None for numpy's own or unknown ufuncs).

    Ufuncs have no ``__module__``: a ufunc is numpy's when numpy's namespace holds it under its name;
    otherwise it is looked up by identity in the loaded modules (numpy and allowed ones clear it)."""
    e = comp.ufunc_cache.get(_id(u))
    if e is not None and e[0] is u:
        return e[1]
    name = _descr_attr(u, "__name__")
    result = None
    if not (_type(name) is _str and np_dict is not None and np_dict.get(name) is u):
        hits = []
        cleared = False
        for modname, m in _list(_MODULES.items()):
            if _type(modname) is not _str or not _issubclass(_type(m), _ModuleType):
                continue
            is_np = modname == "numpy" or modname.startswith("numpy.")
            st = _name_status(comp, modname)
            if not is_np and st not in (_ALLOWED, _FORBIDDEN):
                continue
            try:
                d = _module_dict(m)
            except _Exception:  # noqa: BLE001
                continue
            found = _type(name) is _str and d.get(name) is u
            if not found and st == _FORBIDDEN:
                found = any(v is u for v in _list(d.values()))
            if found:
                if is_np or st == _ALLOWED:
                    cleared = True
                    break
                hits.append(modname)
        if hits and not cleared:
            mod = _sorted(hits, key=lambda s: (s.count("."), _len(s), s))[0]
            result = f"{mod}.{name if _type(name) is _str else '?'}"
    comp.ufunc_cache[_id(u)] = (u, result)
    return result


def _references(fn, comp: _Compiled, first_only: bool, skip=_frozenset()) -> list:
    w = _Walk(comp, fn, first_only, skip)
    name = _callable_name(fn)
    try:
        if _type(fn) is _FunctionType and _name_status(comp, fn.__module__) == _LIB:
            # the root is always looked into, wherever it was defined
            w.first_visit(fn)
            w.function(fn, (name,))
        else:
            w.obj(fn, "reference", (name,))
    except RecursionError:
        pass
    return w.found


def references(fn, rule: Rule | None = None) -> list:
    """Static check: the forbidden things that ``fn``'s code can reach, as a list of :class:`Violation`
    (empty if none). Nothing is called; see the module docstring for what is followed."""
    return _references(fn, _compiled(rule if rule is not None else Rule.default()), first_only=False)


# ========================================================================= dynamic layer
_STACK: list = []        # active sessions, outermost first


class _Session:
    __slots__ = ("comp", "boundary", "outer", "hook", "violation", "done", "closed", "interrupted", "trusted")

    def __init__(self, comp, boundary, outer, trusted=_frozenset()):
        self.comp = comp
        self.boundary = boundary
        self.outer = outer
        self.trusted = trusted
        self.hook = None
        self.violation = None
        self.done = False
        self.closed = False
        self.interrupted = False


def _record(sess: _Session, what: str, how: str, via=()) -> None:
    if sess.violation is None:
        sess.violation = Violation(what, how, _tuple(via))
    sess.done = True


def _in_allowed(comp: _Compiled, f, boundary, import_kind: bool, trusted=_frozenset()) -> bool:
    """Whether frame ``f`` or a library frame above it (up to the student's code) is in an allowed region
    (allowed code, a callable the grader passed as an argument, or, for imports, the grader's code)."""
    n = 0
    user_seen = False        # above the student's own code only a delegate (trusted) frame still counts
    while f is not None and f is not boundary and n < 500:
        code = f.f_code
        if trusted and _id(code) in trusted:
            return True
        st = _code_status(comp, code, f)
        if not user_seen and (st == _ALLOWED or (import_kind and st == _EXEMPT)):
            return True
        if st == _USER:
            if not trusted:
                return False
            user_seen = True
        f = f.f_back
        n += 1
    return False


def _qualname(code, g) -> str:
    """``co_qualname`` (3.11+); on 3.10, found through the module's functions and classes holding ``code``."""
    if _HAS_QUALNAME:
        return code.co_qualname
    try:
        for v in _list(g.values())[:5000]:
            t = _type(v)
            if t is _FunctionType and v.__code__ is code:
                return v.__qualname__
            if _issubclass(t, type):
                for m in _list(_type_dict(v).values())[:500]:
                    for f in _unwrap_all(m):
                        if _type(f) is _FunctionType and f.__code__ is code:
                            return f.__qualname__
    except _Exception:  # noqa: BLE001
        pass
    return code.co_name


def _frame_name(frame, code) -> str:
    g = frame.f_globals
    mod = _dict_get(g, "__name__")
    mod = mod if _type(mod) is _str else "?"
    if code.co_name == "<module>":
        return mod
    return f"{mod}.{_qualname(code, g)}"


def _import_names(code, frame) -> tuple:
    """The module names an importlib frame is about (its arguments)."""
    loc = frame.f_locals
    fname = code.co_name
    if fname == "_handle_fromlist":
        mod = loc.get("module")
        base = _module_name(mod) if _issubclass(_type(mod), _ModuleType) else None
        if base is None:
            return ()
        items = loc.get("fromlist")
        out = []
        if _type(items) in (_tuple, _list):
            for x in items[:50]:
                if _type(x) is _str:
                    out.append(base if x == "*" else f"{base}.{x}")
        return _tuple(out)
    name = loc.get("name")
    if _type(name) is not _str:
        return ()
    level = loc.get("level", 0)
    if fname == "_gcd_import" and _type(level) is int and level > 0 and _BOOT_RESOLVE is not None:
        try:
            name = _BOOT_RESOLVE(name, loc.get("package"), level)
        except _Exception:  # noqa: BLE001
            return ()
    return (name,)


def _on_call(sess: _Session, frame, code, st: int) -> None:
    comp = sess.comp
    if st == _FORBIDDEN:
        name = code.co_name
        if name == "__del__" or _id(code) in sess.trusted:   # finalizers run whenever the GC likes
            return
        module_body = name == "<module>"
        if not _in_allowed(comp, frame.f_back, sess.boundary, module_body, sess.trusted):
            _record(sess, _frame_name(frame, code), "import" if module_body else "call")
    elif st == _IMPORTER:
        for name in _import_names(code, frame):
            if _import_status(comp, name) == _FORBIDDEN:
                if not _in_allowed(comp, frame.f_back, sess.boundary, True, sess.trusted):
                    _record(sess, name, "import")
                return
    elif st == _TAMPER:
        caller = frame.f_back
        if caller is not None and _id(caller.f_code) in _INTERNAL_HOOK_CODES:
            return
        sp = _SPECIAL.get(_id(code))
        _record(sess, sp[2] if sp is not None else _frame_name(frame, code), "tamper")


def _on_c_call(sess: _Session, frame, arg) -> None:
    t = _type(arg)
    if t is not _BuiltinFunctionType and not _issubclass(t, _BuiltinFunctionType):
        return
    tk = _TAMPER_C.get(_id(arg))
    if tk is not None and tk[0] is arg:
        if _id(frame.f_code) not in _INTERNAL_HOOK_CODES:
            _record(sess, tk[1], "tamper")
        return
    mod = arg.__module__
    if mod is None:
        s = arg.__self__
        if not _issubclass(_type(s), _ModuleType):
            return
        mod = _module_name(s)
    if _type(mod) is not _str:
        return
    st = _name_status(sess.comp, mod)
    if mod not in _TAMPER_MODULES and _type(arg.__module__) is _str:
        sess.comp.fast_mods[mod] = st
    if st == _FORBIDDEN and not _in_allowed(sess.comp, frame, sess.boundary, False, sess.trusted):
        name = _descr_attr(arg, "__qualname__")
        if _type(name) is not _str:
            name = _descr_attr(arg, "__name__")
        _record(sess, f"{mod}.{name}", "call")


def _slow_call(sess: _Session, frame, code) -> None:
    """A ``call`` event whose file is not known to be harmless: classify the code, remember harmless files."""
    comp = sess.comp
    st = _code_status(comp, code, frame)
    fname = code.co_filename
    if _type(fname) is _str and fname not in _SPECIAL_FILES:
        if _isabs(fname):
            fst = _file_status(comp, fname)
            if fst < _FORBIDDEN:
                comp.fast_files[fname] = fst
        elif fname.startswith("<ipython-input-") and st < _FORBIDDEN:
            comp.fast_files[fname] = st
    if st >= _FORBIDDEN:
        _on_call(sess, frame, code, st)


def _make_hook(sess: _Session):
    """The profile function of one session. Hot path: one dict lookup per ``call`` (by file name) and per
    ``c_call`` (by module name); everything else only for unknown files / modules and forbidden ones."""
    files_get = sess.comp.fast_files.get
    mods_get = sess.comp.fast_mods.get
    outer = sess.outer

    def forbidden_profile_hook(frame, event, arg):
        if event == "call" or event == "c_call":
            try:
                if sess.done:
                    if sess.closed:               # a thread that outlived run(): take the hook away
                        _close_thread(sess)
                        return None
                elif event == "call":
                    code = frame.f_code
                    st = files_get(code.co_filename)
                    if st is None or st >= _FORBIDDEN:
                        _slow_call(sess, frame, code)
                else:
                    m = arg.__module__
                    if m is None:
                        if _issubclass(_type(arg.__self__), _ModuleType):
                            _on_c_call(sess, frame, arg)
                    else:
                        st = mods_get(m)
                        if st is None or st >= _FORBIDDEN:
                            _on_c_call(sess, frame, arg)
            except _KeyboardInterrupt:
                sess.interrupted = True
                raise
            except _BaseException:  # noqa: BLE001 - never break the student's code
                pass
        if outer is not None:
            return outer(frame, event, arg)
        return None

    return forbidden_profile_hook


def _close_thread(sess: _Session) -> None:
    """In a thread that outlived its run(): hand the thread back to the enclosing run's hook, or to none."""
    outer = sess.outer
    _sys_setprofile(outer if outer is not None and _hook_active(outer) else None)


def _hook_active(h) -> bool:
    for s in _STACK:
        if s.hook is h:
            return True
    return False


def _get_hooks() -> tuple:
    return _sys_getprofile(), (_thr_getprofile() if _thr_getprofile is not None else None)


def _set_hooks(sys_hook, thread_hook) -> None:
    _thr_setprofile(thread_hook)
    _sys_setprofile(sys_hook)


def _finish(sess: _Session, prev: tuple, error) -> Violation | None:
    """Uninstall the hooks, close the session and return its violation (if any)."""
    try:
        now = _get_hooks()
    finally:
        _set_hooks(prev[0], prev[1])
        sess.closed = True
        sess.done = True
        try:
            _STACK.remove(sess)
        except ValueError:
            pass
    if sess.violation is None and not sess.interrupted and not _issubclass(_type(error), _KeyboardInterrupt):
        if now[0] is not sess.hook:
            _record(sess, "sys.setprofile", "tamper")
        elif _thr_getprofile is not None and now[1] is not sess.hook:
            _record(sess, "threading.setprofile", "tamper")
    v = sess.violation
    if v is not None:      # an enclosing run() must learn about it too (its own hook may not have seen it)
        for outer in _STACK:
            if outer.violation is None and (v.how == "tamper" or _name_status(outer.comp, v.what) == _FORBIDDEN):
                _record(outer, v.what, v.how, v.via)
    return v


def _plain_functions(values) -> list:
    """The plain Python functions behind ``values`` (bound methods and partials unwrapped; others dropped)."""
    out = []
    for v in _list(values)[:64]:
        for _ in range(4):
            t = _type(v)
            if t is _MethodType:
                v = v.__func__
            elif _issubclass(t, _partial):
                v = _partial_func(v)
            else:
                break
        if _type(v) is _FunctionType:
            out.append(v)
    return out


def _trusted_codes(comp: _Compiled, args, kwargs) -> frozenset:
    """Code of the forbidden Python functions the grader passes as arguments (e.g. the reference metric for a
    kNN task): they, and what they call, may run. (Only code in forbidden files: a student's function passed
    as an argument is checked like any other.)"""
    values = _list(args) + (_list(kwargs.values()) if _type(kwargs) is _dict else [])
    return _frozenset(_id(f.__code__) for f in _plain_functions(values)
                      if _loose_status(comp, f.__code__.co_filename, _dict_get(f.__globals__, "__name__")) == _FORBIDDEN)


def run(fn, args=(), kwargs=None, rule: Rule | None = None, *, static: bool = True, delegates=()):
    """Call ``fn(*args, **kwargs)`` under ``rule`` (default :meth:`Rule.default`) and return its result.

    Raises :class:`ForbiddenCall` if ``fn`` reaches something forbidden: found by the static check before the
    call (then ``fn`` is not called), or while it runs (then after it returned or raised: a violation wins
    over the student's own exception, which is kept as ``__cause__``). Otherwise exceptions of ``fn``
    propagate unchanged. ``static=False`` skips the static check (tests of the dynamic layer).
    Calls may nest (``run`` inside a function called by ``run``); the previous profile hooks are restored.

    ``delegates``: the student's functions of *other* tasks that ``fn`` may call (e.g. the student's own
    ``zscore_fit`` inside ``scale_train_test``). What they reach is not held against ``fn``: it is charged to
    their own tasks, whose tests call them directly -- so one forbidden call costs one task.
    """
    if rule is None:
        rule = Rule.default()
    if kwargs is None:
        kwargs = {}
    comp = _compiled(rule)
    name = _callable_name(fn)
    prev = _get_hooks()
    outer = prev[0] if _hook_active(prev[0]) else None
    own = _plain_functions(_tuple(delegates))
    trusted = _trusted_codes(comp, args, kwargs) | _frozenset(_id(f.__code__) for f in own)
    sess = _Session(comp, _getframe(0), outer, trusted)
    sess.hook = _make_hook(sess)
    _STACK.append(sess)
    try:
        _set_hooks(sess.hook, sess.hook)
        if static:
            try:
                found = _references(fn, comp, first_only=True, skip=_frozenset(_id(f) for f in own))
            except _Exception:  # noqa: BLE001 - the static check is best effort; the hook still runs
                found = ()
            if found:
                _record(sess, found[0].what, found[0].how, found[0].via)
        if sess.violation is None:
            result = fn(*args, **kwargs)
        else:
            result = None
    except _BaseException as exc:
        v = _finish(sess, prev, exc)
        if v is not None and not _issubclass(_type(exc), _KeyboardInterrupt):
            raise ForbiddenCall(v.what, v.how, name, v.via) from exc
        raise
    v = _finish(sess, prev, None)
    if v is not None:
        raise ForbiddenCall(v.what, v.how, name, v.via)
    return result


#: code objects allowed to call the profiler functions (the hook ignores them there)
_INTERNAL_HOOK_CODES = frozenset({_id(_get_hooks.__code__), _id(_set_hooks.__code__)})
#: files holding special code objects: never on the hook's hot path
_SPECIAL_FILES = frozenset(e[0].co_filename for e in _SPECIAL.values())
#: modules whose builtins may be tamper functions: never on the hook's hot path
_TAMPER_MODULES = frozenset({"sys", "threading", "_thread"})
