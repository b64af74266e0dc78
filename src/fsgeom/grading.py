"""Robust building blocks for nbgrader test cells: compare a student's result with an expected one and
explain a failure in the notebook's language (``fsgeom.i18n``).

Design rules
------------
* A failure raises :class:`CheckFailed` (an ``AssertionError`` subclass) whose message is the friendly
  hint; nbgrader shows it and scores the cell 0.
* Only real ``numpy.ndarray`` results are accepted: lists get a hint, objects that merely claim to be
  arrays (``__eq__`` always True, a faked ``__class__``) are rejected, ndarray subclasses are viewed as plain
  ndarrays (their overridden methods are never called) and copied to float only after the dtype was
  checked to be numeric.
* The numpy functions used for comparing are captured when this module is imported, so a notebook that
  later rebinds ``np.allclose``, ``np.isclose`` or ``np.testing`` cannot change what the checks see.
* Student code is called through :func:`call`, which records (and so silences) warnings: nbgrader scores a
  test cell 0 for ANY stderr output, and a warning is not a wrong answer; wrong values are judged by value.
* Tolerances follow the student's result and the problem, never a fixed number (:func:`tolerance`): the
  machine epsilon of the precision the result carries (:func:`precision`: float32 results get float32's),
  times the conditioning of the quantity (``cond``), for relative errors, for errors of the data's magnitude
  (``scale``) and for the ``sqrt(eps)`` loss of squared forms such as ``||x||² + ||y||² − 2⟨x, y⟩``
  (``root_scale``). Messages that show an expected and an obtained number print as many significant digits as
  it takes to see them differ (:func:`distinct`).
* Hidden tests draw their random inputs from :func:`hidden_rng`: fresh every grading, reproducible when the
  environment variable ``FSGEOM_HIDDEN_SEED`` is set (the course's seed tests).
* :func:`call` (and :func:`expect_raises`) also enforce the "numpy only" rule (:mod:`fsgeom.forbidden`): a
  student function that reaches SciPy, scikit-learn or the course package -- directly, aliased or through a
  wrapper -- fails with :class:`ForbiddenUse` naming the call. A task may allow more (``allow=``).
"""
from __future__ import annotations

import builtins as _builtins
import math as _math
import os as _os
import traceback as _traceback
import warnings as _warnings
import zlib as _zlib

import numpy as np

from . import forbidden as _forbidden
from .i18n import tr

__all__ = ["bind_hints", "CheckFailed", "NotImplementedYet", "MissingFunction", "StudentError", "ForbiddenUse", "call", "check_array",
           "check_labels",
           "check_scalar", "expect_raises", "compile_references", "call_built", "expect_raises_built", "bind_references", "allclose", "data_atol", "fail", "passed", "quiet", "MESSAGES",
           "precision", "tolerance", "distinct", "hidden_rng", "RTOL_FLOOR", "ATOL_FLOOR", "EPS_FACTOR", "ROOT_FACTOR"]

# ---------------------------------------------------------------------------- trusted references
# captured at import time: rebinding numpy attributes (or builtins) in a notebook does not reach these
_ndarray = np.ndarray
_ndarray_view = np.ndarray.view
_array = np.array
_dtype = np.dtype
_abs = np.absolute
_sub = np.subtract
_mul = np.multiply
_add = np.add
_le = np.less_equal
_isfinite_u = np.isfinite
_and_reduce = np.logical_and.reduce
_max_reduce = np.maximum.reduce
_errstate = np.errstate
_float = float
_int = int
_type = type
_issubclass = issubclass
_isinstance = isinstance
_len = len
_repr = repr
_str = str
_print = print
_bool = bool
_babs = abs
_bmax = max
_np_integer = np.integer
_np_floating = np.floating
_broadcast_arrays = np.broadcast_arrays
_argmax = np.argmax
_unravel_index = np.unravel_index
_flatnonzero = np.flatnonzero
_printoptions = np.printoptions
_array2string = np.array2string
_BaseException = BaseException
_NotImplementedError = NotImplementedError
_float32 = np.float32
_float64 = np.float64
_EPS32 = _float(np.finfo(np.float32).eps)
_EPS64 = _float(np.finfo(np.float64).eps)
_sqrt = _math.sqrt
_environ = _os.environ
_default_rng = np.random.default_rng
_crc32 = _zlib.crc32
_builtin_names = frozenset(dir(_builtins))


class CheckFailed(AssertionError):
    """A visible or hidden check failed; the message is a friendly, specific hint for the student.

    In IPython the exception renders as just ``CheckFailed: <hint>`` (``_render_traceback_``): the frames
    of the checking code would only distract, and a test cell's source must not be shown in tracebacks.
    """

    def __init__(self, message: str, task: str | None = None):
        super().__init__(message)
        self.hint = message
        self.task = task

    def _render_traceback_(self):
        return [f"\x1b[0;31m{_type(self).__name__}\x1b[0m: {self.hint}"]


class NotImplementedYet(CheckFailed):
    """The student's function still raises ``NotImplementedError``."""


class MissingFunction(NotImplementedYet):
    """The function is not defined in the notebook's namespace (its cell was not run, or it was renamed)."""


_OWN_FILES = frozenset({__file__, _forbidden.__file__})


class StudentError(CheckFailed):
    """The student's function raised an unexpected exception (kept as ``__cause__``).

    Rendered as the hint followed by the traceback of the student's own code (frames of this module
    are left out), so the student sees where their function failed."""

    def _render_traceback_(self):
        lines = CheckFailed._render_traceback_(self)
        cause = self.__cause__
        if cause is not None:
            tb = cause.__traceback__
            while tb is not None and tb.tb_frame.f_code.co_filename in _OWN_FILES:
                tb = tb.tb_next  # skip call()'s own frame(s) and the numpy-only monitor's
            lines.append("")
            lines.extend(l.rstrip("\n") for l in _traceback.format_exception(_type(cause), cause, tb))
        return lines


class ForbiddenUse(CheckFailed):
    """The student's function reached something the "numpy only" rule forbids (:mod:`fsgeom.forbidden`);
    ``what`` names it (``"scipy.spatial.distance.cdist"``)."""

    def __init__(self, message: str, task: str | None = None, what: str = ""):
        super().__init__(message, task)
        self.what = what


MESSAGES = {
    "forbidden": {
        "uk": "{name} використовує {what} — у цьому завданні це заборонено. Обчисліть результат самостійно засобами "
              "numpy: SciPy, scikit-learn і функції пакета курсу fsgeom служать для перевірки, а не для розв'язку.",
        "en": "{name} uses {what}, which this task does not allow. Compute the result yourself with numpy: SciPy, "
              "scikit-learn and the course package fsgeom are for checking, not for the solution.",
    },
    "forbidden_tamper": {
        "uk": "{name} змінює профайлер Python ({what}); під час перевірки це заборонено.",
        "en": "{name} changes Python's profiler ({what}); that is not allowed while grading.",
    },
    "not_implemented": {
        "uk": "{name} ще не реалізовано (функція досі виконує raise NotImplementedError()).",
        "en": "{name} is not implemented yet (it still raises NotImplementedError()).",
    },
    "raised": {
        "uk": "{name}{args} завершилась помилкою {etype}: {evalue}",
        "en": "{name}{args} raised {etype}: {evalue}",
    },
    "returned_none": {
        "uk": "{name} повернула None — чи не забули ви `return`?",
        "en": "{name} returned None — did you forget `return`?",
    },
    "returned_list": {
        "uk": "{name} повернула {tname}; поверніть масив numpy (np.ndarray) форми {shape}, наприклад np.array(...).",
        "en": "{name} returned a {tname}; return a numpy array (np.ndarray) of shape {shape}, e.g. np.array(...).",
    },
    "not_array": {
        "uk": "{name} має повернути масив numpy (np.ndarray) форми {shape}, а повернула об'єкт типу {tname}.",
        "en": "{name} must return a numpy array (np.ndarray) of shape {shape}, but returned an object of type {tname}.",
    },
    "bad_dtype": {
        "uk": "{name} повернула масив з типом елементів {dtype}; очікуються дійсні числа (float).",
        "en": "{name} returned an array with dtype {dtype}; real numbers (float) are expected.",
    },
    "complex_dtype": {
        "uk": "{name} повернула комплексні числа ({dtype}): можливо, корінь з від'ємного числа? Очікуються дійсні числа.",
        "en": "{name} returned complex numbers ({dtype}): a square root of a negative number? Real numbers are expected.",
    },
    "wrong_shape": {
        "uk": "{name}: очікувана форма результату {expected}, а отримано {got}.",
        "en": "{name}: the result should have shape {expected}, got {got}.",
    },
    "transposed": {
        "uk": "{name}: форма {got} замість {expected} — результат транспоновано? Рядок i відповідає X[i], стовпець j — Y[j].",
        "en": "{name}: shape {got} instead of {expected} — is the result transposed? Row i belongs to X[i], column j to Y[j].",
    },
    "flattened": {
        "uk": "{name}: отримано одновимірний масив форми {got}, а потрібна матриця форми {expected} (не сплющуйте результат).",
        "en": "{name}: got a 1-D array of shape {got}, but a matrix of shape {expected} is needed (do not flatten the result).",
    },
    "not_finite": {
        "uk": "{name}: результат містить NaN або нескінченність ({count} з {size} значень).",
        "en": "{name}: the result contains NaN or infinity ({count} of {size} values).",
    },
    "values_differ": {
        "uk": "{name}: значення не збігаються з очікуваними{where}.\n  очікувалось: {expected}\n  отримано:    {got}",
        "en": "{name}: the values differ from the expected ones{where}.\n  expected: {expected}\n  got:      {got}",
    },
    "where": {
        "uk": " (найбільша розбіжність у позиції {index}: очікувалось {e}, отримано {g})",
        "en": " (largest difference at index {index}: expected {e}, got {g})",
    },
    "no_raise": {
        "uk": "{name}{args} мала б викликати {exc} ({why}), але повернула результат без помилки.",
        "en": "{name}{args} should raise {exc} ({why}), but returned a result without an error.",
    },
    "wrong_exception": {
        "uk": "{name}{args} мала б викликати {exc} ({why}), а викликала {etype}: {evalue}",
        "en": "{name}{args} should raise {exc} ({why}), but raised {etype}: {evalue}",
    },
    "not_scalar": {
        "uk": "{name}: очікувалось одне дійсне число, а отримано {tname} {value}.",
        "en": "{name}: a single real number was expected, got {tname} {value}.",
    },
    "scalar_differs": {
        "uk": "{name}: очікувалось {expected}, отримано {got}.",
        "en": "{name}: expected {expected}, got {got}.",
    },
    "not_tuple": {
        "uk": "{name} має повернути кортеж з {n} значень, а повернула {tname}.",
        "en": "{name} must return a tuple of {n} values, but returned {tname}.",
    },
    "labels_differ": {
        "uk": "{name}: передбачені мітки не збігаються з очікуваними у {count} з {size} точок{where}.",
        "en": "{name}: the predicted labels differ from the expected ones at {count} of {size} points{where}.",
    },
    "labels_where": {
        "uk": " (напр., точка {index}: очікувалось {e}, отримано {g})",
        "en": " (e.g. point {index}: expected {e}, got {g})",
    },
    "missing_function": {
        "uk": "функцію {name} не знайдено: виконайте комірку, де вона визначена.",
        "en": "function {name} was not found: run the cell that defines it.",
    },
    "passed": {
        "uk": "✓ {name}: видимі перевірки пройдено.",
        "en": "✓ {name}: visible checks passed.",
    },
}


def message(key: str, **fmt) -> str:
    """The message ``key`` of :data:`MESSAGES` in the notebook's language."""
    return tr(MESSAGES[key], **fmt)


def fail(text: str, task: str | None = None, cls=CheckFailed):
    """Raise ``cls(text)`` (a :class:`CheckFailed`) without chaining the exception being handled."""
    __tracebackhide__ = True
    raise cls(text, task) from None


# ---------------------------------------------------------------------------- quiet mode (self-check)
_QUIET = [0]


class quiet:
    """Context manager: inside it, :func:`passed` prints nothing (the self-check collects results itself)."""

    def __enter__(self):
        _QUIET[0] += 1
        return self

    def __exit__(self, *exc):
        _QUIET[0] -= 1
        return False


def passed(name: str) -> None:
    """Print the one-line success message for a task (unless in :class:`quiet` mode)."""
    if not _QUIET[0]:
        _print(message("passed", name=name))


# ---------------------------------------------------------------------------- formatting
def _digits(expected, got, least: int = 6) -> int:
    """The fewest significant digits (at least ``least``, at most 17) that tell two numbers apart."""
    try:
        e, g = _float(expected), _float(got)
    except (TypeError, ValueError):
        return least
    for n in range(least, 17):
        if f"{e:.{n}g}" != f"{g:.{n}g}":
            return n
    return 17


def distinct(expected, got, least: int = 6) -> tuple:
    """``(expected, got)`` formatted with as many significant digits as it takes to see them differ (at least
    ``least``, at most 17): never "expected 2.09652, got 2.09652"."""
    n = _digits(expected, got, least)
    return f"{_float(expected):.{n}g}", f"{_float(got):.{n}g}"


def _short(value, limit: int = 300, digits: int = 6) -> str:
    """A compact, size-limited repr of an array or value for messages."""
    try:
        if _issubclass(_type(value), _ndarray):
            with _printoptions(precision=digits, suppress=False, threshold=20, edgeitems=3, linewidth=100):
                text = _array2string(_ndarray_view(value, _ndarray), separator=", ")
        else:
            text = _repr(value)
    except _BaseException:  # a hostile __repr__ must not break the check
        text = f"<{_type(value).__name__}>"
    text = text.replace("\n", "\n              ")
    return text if _len(text) <= limit else text[:limit] + " …"


def _trunc(text, limit: int = 200) -> str:
    try:
        text = _str(text)
    except _BaseException:  # a hostile __str__ must not break the check
        text = f"<{_type(text).__name__}>"
    return text if _len(text) <= limit else text[:limit] + " …"


def _args_text(args) -> str:
    if not args:
        return "()"
    parts = []
    for a in args:
        if _issubclass(_type(a), _ndarray):
            parts.append(f"array{a.shape}")
        else:
            parts.append(_short(a, 40))
    return "(" + ", ".join(parts) + ")"


# ---------------------------------------------------------------------------- calling student code
_RULE = _forbidden.Rule.default()
_ForbiddenCall = _forbidden.ForbiddenCall
_forbidden_run = _forbidden.run


def _rule(allow) -> "_forbidden.Rule":
    return _RULE.allowing(*allow) if allow else _RULE


def _forbidden_use(exc, name: str, task: str | None) -> ForbiddenUse:
    key = "forbidden_tamper" if exc.how == "tamper" else "forbidden"
    return ForbiddenUse(message(key, name=name, what=exc.what), task, exc.what)


def call(fn, *args, name: str | None = None, task: str | None = None, allow=(), uses=(), **kwargs):
    """Call student function ``fn(*args, **kwargs)`` and return its result.

    Array arguments are copied (a function that modifies its input cannot spoil later checks). Warnings
    are recorded and dropped (they would go to stderr, which zeroes an nbgrader test cell), and numpy
    floating-point errors are not reported. ``NotImplementedError`` becomes :class:`NotImplementedYet`;
    any other exception becomes :class:`StudentError` with the original chained as its cause.

    The "numpy only" rule: if ``fn`` reaches SciPy, scikit-learn or the course package (:mod:`fsgeom.forbidden`),
    :class:`ForbiddenUse` names the call. ``allow``: module prefixes the task allows beyond numpy (its
    ``Task.allow``); ``uses``: the student's functions of earlier tasks that ``fn`` may call -- what they reach
    is charged to their own tasks, so one forbidden call costs one task.
    """
    __tracebackhide__ = True
    name = name or getattr(fn, "__name__", "function")
    safe_args = [_array(a, copy=True) if _issubclass(_type(a), _ndarray) else a for a in args]
    try:
        with _warnings.catch_warnings(record=True), _errstate(all="ignore"):
            _warnings.simplefilter("always")
            return _forbidden_run(fn, safe_args, kwargs, _rule(allow), delegates=uses)
    except _ForbiddenCall as exc:
        raise _forbidden_use(exc, name, task) from None
    except _NotImplementedError:
        raise NotImplementedYet(message("not_implemented", name=name), task) from None
    except CheckFailed:
        raise
    except Exception as exc:  # noqa: BLE001 - report whatever the student's code raised
        err = StudentError(message("raised", name=name, args=_args_text(args), etype=_type(exc).__name__,
                                   evalue=_trunc(exc)), task)
        raise err from exc


def expect_raises(fn, *args, exc=ValueError, why: str = "", name: str | None = None, task: str | None = None,
                  allow=(), uses=(), **kwargs):
    """Check that ``fn(*args, **kwargs)`` raises ``exc`` (``ValueError`` by default), pytest-style.

    ``why`` names the bad input in the message (e.g. "X is 1-D"). Warnings emitted on the way are dropped.
    Returns the exception that was raised. The "numpy only" rule applies as in :func:`call`.
    """
    __tracebackhide__ = True
    name = name or getattr(fn, "__name__", "function")
    safe_args = [_array(a, copy=True) if _issubclass(_type(a), _ndarray) else a for a in args]
    exc_name = exc.__name__ if _isinstance(exc, _type) else " / ".join(e.__name__ for e in exc)
    try:
        with _warnings.catch_warnings(record=True), _errstate(all="ignore"):
            _warnings.simplefilter("always")
            _forbidden_run(fn, safe_args, kwargs, _rule(allow), delegates=uses)
    except _ForbiddenCall as forbidden_exc:
        raise _forbidden_use(forbidden_exc, name, task) from None
    except _NotImplementedError:
        raise NotImplementedYet(message("not_implemented", name=name), task) from None
    except exc as raised:
        return raised
    except Exception as other:  # noqa: BLE001
        raise CheckFailed(message("wrong_exception", name=name, args=_args_text(args), exc=exc_name, why=why,
                                  etype=_type(other).__name__, evalue=_trunc(other)), task) from None
    raise CheckFailed(message("no_raise", name=name, args=_args_text(args), exc=exc_name, why=why), task)


# ---------------------------------------------------------------------------- tasks built on earlier tasks
def compile_references(source: str, names) -> dict:
    """``{name: function}`` for the ``names`` defined by ``source``: reference functions a later task is judged with
    instead of a student's earlier ones (see :func:`call_built`). Compiled as notebook code (file
    ``<course reference>``, not a module of the course package) with ``np`` bound, so they obey the same numpy-only
    rule as the student code they replace."""
    ns = {"np": np, "__name__": "__course_reference__"}
    exec(compile(source, "<course reference>", "exec"), ns)   # noqa: S102 - the course's own fixed source
    return {n: ns[n] for n in names}


class _Substituted:
    """While inside: the names ``names`` in ``fn``'s module globals (the notebook's namespace) that hold a function
    other than ``fn`` are bound to ``references[name]``; restored afterwards. ``refs``: the references put in place."""

    def __init__(self, fn, names, references):
        self.g = getattr(fn, "__globals__", None)
        self.saved = {}
        if _isinstance(self.g, dict):
            for n in names:
                if n in references and callable(self.g.get(n)) and self.g.get(n) is not fn:
                    self.saved[n] = self.g[n]
        self.references = references
        self.refs = tuple(references[n] for n in self.saved)

    def __enter__(self):
        for n in self.saved:
            self.g[n] = self.references[n]
        return self.refs

    def __exit__(self, *exc):
        for n, value in self.saved.items():
            self.g[n] = value
        return False


def call_built(fn, *args, references: dict, uses=(), name: str | None = None, task: str | None = None, **kwargs):
    """:func:`call` for a student function that may build on the student's functions of earlier tasks (``uses``:
    their names), with those REPLACED by ``references`` (:func:`compile_references`) for the duration of the call:
    the task is judged on what it does itself, so a mistake (or a forbidden call) in an earlier task is charged to
    that task alone."""
    __tracebackhide__ = True
    with _Substituted(fn, uses, references) as refs:
        return call(fn, *args, name=name, task=task, uses=refs, **kwargs)


def expect_raises_built(fn, *args, references: dict, uses=(), why: str = "", name: str | None = None,
                        task: str | None = None, **kwargs):
    """:func:`expect_raises` with the student's earlier functions ``uses`` replaced by ``references`` (as
    :func:`call_built`)."""
    __tracebackhide__ = True
    with _Substituted(fn, uses, references) as refs:
        return expect_raises(fn, *args, why=why, name=name, task=task, uses=refs, **kwargs)


def bind_hints(hints: dict):
    """``(_h, why)`` for a module's ``HINTS`` table (``{key: {"uk": ..., "en": ...}}``), what every ``checks`` module
    binds once (``_h, why = grading.bind_hints(HINTS)``): ``_h(key, **fmt)`` is a hint in the notebook's language,
    ``why(key)`` the short description of a bad input for ``expect_raises(..., why=...)`` -- hidden tests use it, so
    their messages are bilingual too."""

    def hint(key: str, **fmt) -> str:
        return tr(hints[key], **fmt)

    def why(key: str) -> str:
        """The short description of a bad input (a ``HINTS`` key) in the notebook's language."""
        return tr(hints[key])
    hint.__name__ = hint.__qualname__ = "_h"
    return hint, why


def bind_references(references: dict):
    """``(call_built, expect_raises_built)`` with ``references`` bound: what a module's ``checks`` exports to its
    hidden tests (``call_built, expect_raises_built = grading.bind_references(REFERENCE)``), so that a test cell
    writes ``checks.call_built(fn, ..., uses=("earlier_task",))``."""

    def bound_call_built(fn, *args, uses=(), name: str | None = None, task: str | None = None, **kwargs):
        """Call a student function that may build on the student's functions of earlier tasks (``uses``: their
        names), with those REPLACED by the course's references for the duration of the call: a mistake (or a
        forbidden call) in an earlier task is charged to that task alone. Otherwise as :func:`call`."""
        __tracebackhide__ = True
        return call_built(fn, *args, references=references, uses=uses, name=name, task=task, **kwargs)

    def bound_expect_raises_built(fn, *args, uses=(), why: str = "", name: str | None = None,
                                  task: str | None = None, **kwargs):
        """:func:`expect_raises` with the student's earlier functions ``uses`` replaced by the references."""
        __tracebackhide__ = True
        return expect_raises_built(fn, *args, references=references, uses=uses, why=why, name=name, task=task,
                                   **kwargs)
    bound_call_built.__name__ = bound_call_built.__qualname__ = "call_built"
    bound_expect_raises_built.__name__ = bound_expect_raises_built.__qualname__ = "expect_raises_built"
    return bound_call_built, bound_expect_raises_built


# ---------------------------------------------------------------------------- tolerances
#: float64's long-standing tolerances, kept as floors: relative, and absolute per unit of the data's magnitude.
#: Wide enough for correct but numerically weaker float64 code (a one-pass variance, an explicit inverse), far
#: below any typical mistake.
RTOL_FLOOR = 1e-6
ATOL_FLOOR = 1e-9
#: rounding errors of a few dozen operations, with margin: a float32 result gets 100·eps ≈ 1.2e-5 relative
EPS_FACTOR = 100.0
#: the sqrt(eps) loss of squared forms: ``||x||² + ||y||² − 2⟨x, y⟩`` loses about ``2·sqrt(d·eps)·|x|`` near 0
ROOT_FACTOR = 30.0
_finfo = np.finfo


def _value_eps(value) -> float:
    t = _type(value)   # type() cannot be faked; a hostile object counts as float64 (it is rejected elsewhere)
    if _issubclass(t, _ndarray):
        data = _ndarray_view(value, _ndarray)
    elif _issubclass(t, (_float, _np_floating)):
        data = _array(value)
    else:
        return _EPS64                     # integers and bools are exact
    if data.dtype.kind != "f":
        return _EPS64
    eps = _float(_finfo(data.dtype).eps)
    if eps >= _EPS32:
        return _EPS32                     # float16 is judged as float32: less precision is not accepted
    try:
        with _errstate(all="ignore"):
            wide = _array(data, dtype=_float64)
            narrow = _array(_array(wide, dtype=_float32), dtype=_float64)
            finite = _isfinite_u(wide)
            if wide.size and _bool(finite.any()) and _bool(_and_reduce(narrow[finite] == wide[finite], axis=None)):
                return _EPS32             # only float32 values: computed in float32, then cast to float64
    except _BaseException:  # noqa: BLE001 - precision is advisory; never break a check
        pass
    return _EPS64                         # float64 (a longer float is judged as float64 too)


def precision(*values) -> float:
    """Machine epsilon of the precision a student's result carries (the coarsest over ``values``).

    A floating array or scalar carries its dtype's (float16 counts as float32: a coarser result is not
    accepted); a float64 (or Python float) result whose values float32 holds exactly counts as float32 (it was
    computed in float32 and cast back); integers, bools and anything else count as float64 (exact or rejected).
    """
    return _bmax([_value_eps(v) for v in values] or [_EPS64])


def tolerance(result=None, *, cond: float = 1.0, scale=0.0, root_scale: float = 0.0, eps: float | None = None):
    """``(rtol, atol)`` for comparing a student's ``result`` with the exact answer: THE rule of every check.

    With ``e = eps · cond`` -- ``eps`` the machine epsilon of the precision ``result`` carries (:func:`precision`,
    or given), ``cond`` the condition number of the quantity (``λ1/(λ1 − λ2)`` for an eigenvector's angle,
    ``λmax/λmin`` for anything computed through Σ⁻¹, 1 for a well-conditioned one)::

        rtol = max(RTOL_FLOOR, EPS_FACTOR · e)
        atol = max(ATOL_FLOOR, EPS_FACTOR · e) · scale  +  ROOT_FACTOR · sqrt(e) · root_scale

    ``scale``: the magnitude of the numbers the result is computed from, where rounding happens (``max |x|``
    of a column for its mean and std, ``Σ_k max |x_k|`` for a Manhattan distance; an array gives a per-column
    ``atol``). ``root_scale``: the magnitude ``|x|`` of vectors whose squared norms cancel (distances by the
    expansion trick lose ``≈ sqrt(eps)·|x|`` near zero). float64 results keep the floors (1e-6 relative), a float32
    result gets ``100·eps32 ≈ 1.2e-5`` relative, times ``cond``.
    """
    if eps is None:
        eps = precision(result)
    e = _float(eps) * _bmax(1.0, _float(cond))
    if not _math.isfinite(e):
        return _math.inf, _math.inf
    unit = _bmax(ATOL_FLOOR, EPS_FACTOR * e)
    scale = _array(scale, dtype=_float)
    atol = _add(_mul(unit, scale), ROOT_FACTOR * _sqrt(e) * _float(root_scale))
    return _bmax(RTOL_FLOOR, EPS_FACTOR * e), (_float(atol) if atol.ndim == 0 else atol)


def hidden_rng(task: str) -> np.random.Generator:
    """The random generator of a hidden test: ``np.random.default_rng()`` (fresh inputs at every grading), or,
    when the environment variable ``FSGEOM_HIDDEN_SEED`` holds a non-negative integer, a reproducible generator
    derived from ``(seed, task)`` -- each task its own stream, so the course's tests can grade a submission over
    many fixed seeds."""
    seed = _str(_environ.get("FSGEOM_HIDDEN_SEED", "")).strip()
    if not seed:
        return _default_rng()
    return _default_rng([_int(seed), _crc32(_str(task).encode("utf-8"))])


# ---------------------------------------------------------------------------- comparing
def allclose(a, b, rtol: float = 1e-6, atol: float = 0.0) -> bool:
    """``|a - b| <= atol + rtol * |b|`` everywhere, on plain float arrays of broadcastable shapes, using
    ufuncs captured at import time. NaN anywhere gives False."""
    a = _array(a, dtype=_float, copy=True)
    b = _array(b, dtype=_float, copy=True)
    if a.shape != b.shape:
        try:
            a, b = _broadcast_arrays(a, b)
        except ValueError:
            return False
    with _errstate(all="ignore"):
        ok = _le(_abs(_sub(a, b)), _add(atol, _mul(rtol, _abs(b))))
    return _bool(_and_reduce(ok, axis=None)) if ok.size else True


def data_atol(*arrays, factor: float = 1e-6) -> float:
    """An absolute tolerance scaled to the data: ``factor * max(1e-12, max |a|)`` over the given arrays.

    Distances computed by the expansion ``||x||² + ||y||² − 2⟨x, y⟩`` lose about ``sqrt(eps)·||x||`` near
    zero, so the tolerance has to grow with the magnitude of the data, not of the result.
    """
    m = 0.0
    for a in arrays:
        a = _array(a, dtype=_float)
        if a.size:
            m = _bmax(m, _float(_max_reduce(_abs(a), axis=None)))
    return factor * _bmax(m, 1e-12)


def as_float_array(result, name: str, shape=None, task: str | None = None, allow_bool: bool = False):
    """Validate that ``result`` is a genuine numeric ndarray and return a plain float COPY of it.

    ``shape`` (optional) is only used in the messages for non-arrays.
    """
    __tracebackhide__ = True
    shape_text = "…" if shape is None else _str(tuple(shape))
    t = _type(result)  # type() cannot be faked by a __class__ property, isinstance() can
    if result is None:
        fail(message("returned_none", name=name), task)
    if _issubclass(t, (list, tuple)):
        fail(message("returned_list", name=name, tname=t.__name__, shape=shape_text), task)
    if not _issubclass(t, _ndarray):
        fail(message("not_array", name=name, shape=shape_text, tname=t.__name__), task)
    base = _ndarray_view(result, _ndarray)  # plain ndarray view: subclass overrides are never called
    kind = base.dtype.kind
    if kind == "c":
        fail(message("complex_dtype", name=name, dtype=_str(base.dtype)), task)
    if kind not in ("iuf" + ("b" if allow_bool else "")):
        fail(message("bad_dtype", name=name, dtype=_str(base.dtype)), task)
    return _array(base, dtype=_float, copy=True)


def check_array(result, expected, *, name: str = "result", rtol: float | None = None, atol=None,
                cond: float = 1.0, scale=None, root_scale: float = 0.0, like=None, mistakes=(),
                nan_hint: str | None = None, shape_hints=None, task: str | None = None) -> np.ndarray:
    """Check that ``result`` is a numpy array equal to ``expected`` within tolerance; return it as float.

    Order of checks: a real numeric ndarray (:func:`as_float_array`), the shape (with hints for a
    transposed or flattened result), finiteness (``nan_hint`` is appended to that message), then the
    values: if they differ, each ``(candidate, hint)`` in ``mistakes`` that the result matches (and the
    expected answer does not) gives its specific hint; otherwise the message shows both arrays.
    ``shape_hints`` maps a wrong shape to an extra hint (e.g. paired rows instead of all pairs).

    Tolerance: :func:`tolerance` of the result's precision (or of ``like``'s, when the compared array was
    derived from a student's result) with ``cond``, ``scale`` (default ``max(1, max |expected|)``) and
    ``root_scale``; an explicit ``rtol`` / ``atol`` replaces the computed one.
    """
    __tracebackhide__ = True
    expected = _array(expected, dtype=_float, copy=True)
    got = as_float_array(result, name, expected.shape, task)
    if got.shape != expected.shape:
        if shape_hints and got.shape in shape_hints:
            fail(message("wrong_shape", name=name, got=got.shape, expected=expected.shape) + " "
                 + shape_hints[got.shape], task)
        if got.ndim == 2 and got.shape == expected.shape[::-1] and expected.ndim == 2:
            fail(message("transposed", name=name, got=got.shape, expected=expected.shape), task)
        if got.ndim == 1 and expected.ndim == 2 and got.size == expected.size:
            fail(message("flattened", name=name, got=got.shape, expected=expected.shape), task)
        fail(message("wrong_shape", name=name, got=got.shape, expected=expected.shape), task)
    finite = _isfinite_u(got)
    if got.size and not _bool(_and_reduce(finite, axis=None)):
        bad = _int(got.size - _int(finite.sum()))
        text = message("not_finite", name=name, count=bad, size=got.size)
        fail(text + (" " + nan_hint if nan_hint else ""), task)
    if scale is None:
        scale = _bmax(1.0, data_atol(expected, factor=1.0))
    r, a = tolerance(cond=cond, scale=scale, root_scale=root_scale,
                     eps=precision(result if like is None else like))
    rtol = r if rtol is None else rtol
    atol = a if atol is None else atol
    if allclose(got, expected, rtol=rtol, atol=atol):
        return got
    for candidate, hint in mistakes:
        try:
            cand = _array(candidate, dtype=_float)
        except (TypeError, ValueError):
            continue
        if cand.shape == got.shape and allclose(got, cand, rtol=rtol, atol=atol) \
                and not allclose(expected, cand, rtol=rtol, atol=atol):
            fail(f"{name}: {hint}", task)
    where, digits = "", 6
    if got.size:
        with _errstate(all="ignore"):
            excess = _sub(_abs(_sub(got, expected)), _add(atol, _mul(rtol, _abs(expected))))
        flat = _int(_argmax(excess))
        index = _unravel_index(flat, got.shape)
        index = tuple(_int(i) for i in index)
        digits = _digits(expected[index], got[index])
        e, g = distinct(expected[index], got[index])
        where = message("where", index=index if _len(index) > 1 else index[0], e=e, g=g)
    fail(message("values_differ", name=name, where=where, expected=_short(expected, digits=digits),
                 got=_short(got, digits=digits)), task)


def check_scalar(result, expected, *, name: str = "result", rtol: float | None = None, atol: float | None = None,
                 cond: float = 1.0, scale: float | None = None, task: str | None = None) -> float:
    """Check that ``result`` is one real number (Python or numpy scalar, or a size-1 array) close to
    ``expected``; return it as a Python float. Tolerance: :func:`tolerance` of the result's precision with
    ``cond`` and ``scale`` (default ``max(1, |expected|)``); an explicit ``rtol`` / ``atol`` replaces it."""
    __tracebackhide__ = True
    t = _type(result)
    ok = _issubclass(t, (_int, _float, _np_integer, _np_floating)) and not _issubclass(t, _bool)
    if _issubclass(t, _ndarray):
        base = _ndarray_view(result, _ndarray)
        ok = base.size == 1 and base.dtype.kind in "iuf"
        value = _float(base.reshape(-1)[0]) if ok else None
    else:
        value = _float(result) if ok else None
    if not ok:
        fail(message("not_scalar", name=name, tname=t.__name__, value=_short(result, 80)), task)
    if not _math.isfinite(value):
        fail(message("not_finite", name=name, count=1, size=1), task)
    expected = _float(expected)
    r, a = tolerance(result, cond=cond, scale=_bmax(1.0, _babs(expected)) if scale is None else scale)
    rtol = r if rtol is None else rtol
    atol = a if atol is None else atol
    if _babs(value - expected) > atol + rtol * _babs(expected):
        e, g = distinct(expected, value)
        fail(message("scalar_differs", name=name, expected=e, got=g), task)
    return value


def check_tuple(result, n: int, *, name: str = "result", task: str | None = None) -> tuple:
    """Check that ``result`` is a tuple (or list) of ``n`` items and return it as a tuple."""
    __tracebackhide__ = True
    t = _type(result)
    if not _issubclass(t, (tuple, list)) or _len(result) != n:
        what = t.__name__ if not _issubclass(t, (tuple, list)) else f"{t.__name__} ({_len(result)})"
        fail(message("not_tuple", name=name, n=n, tname=what), task)
    return tuple(result)


def check_labels(result, expected, *, name: str = "result", task: str | None = None) -> np.ndarray:
    """Check predicted class labels: a genuine 1-D ndarray of the expected length, equal element-wise."""
    __tracebackhide__ = True
    expected = _array(expected)
    t = _type(result)
    shape_text = _str(expected.shape)
    if result is None:
        fail(message("returned_none", name=name), task)
    if _issubclass(t, (list, tuple)):
        fail(message("returned_list", name=name, tname=t.__name__, shape=shape_text), task)
    if not _issubclass(t, _ndarray):
        fail(message("not_array", name=name, shape=shape_text, tname=t.__name__), task)
    got = _array(_ndarray_view(result, _ndarray), copy=True)
    if got.dtype.kind == "O":
        fail(message("bad_dtype", name=name, dtype=_str(got.dtype)), task)
    if got.shape != expected.shape:
        fail(message("wrong_shape", name=name, got=got.shape, expected=expected.shape), task)
    if expected.dtype.kind in "iuf" and got.dtype.kind in "iufb":
        eq = got.astype(_float) == expected.astype(_float)
    elif expected.dtype.kind in "US" and got.dtype.kind in "US":
        eq = got.astype(_str) == expected.astype(_str)
    else:
        fail(message("bad_dtype", name=name, dtype=_str(got.dtype)), task)
    eq = _array(eq, dtype=_bool)
    if not _bool(_and_reduce(eq, axis=None)):
        bad = _flatnonzero(~eq)
        i = _int(bad[0])
        where = message("labels_where", index=i, e=_repr(expected[i].item()), g=_repr(got[i].item()))
        fail(message("labels_differ", name=name, count=_int(bad.size), size=_int(expected.size), where=where), task)
    return got
