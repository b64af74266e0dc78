"""The doctored submissions: each :class:`Case` builds one student's notebook (or raw file) from the honest
submission and says what the guard must make of it.

Task ids of 01-distances (test cell -> function): test_pairwise_euclidean (pairwise_euclidean, 2 points),
test_pairwise_manhattan (1), test_pairwise_cosine_distance (2), test_knn_predict (2), test_zscore_fit (2),
test_zscore_transform (1), test_scale_train_test (2, uses zscore_fit/zscore_transform),
test_pairwise_mahalanobis (2), test_iso_ellipse_axes (2).

``zero``: test cells that must score 0 (the cheated tasks). Every other test cell must keep the points the
honest reference submission gets. ``flags``: flag kinds of which at least one must appear in the instructor's
report for this student (``scan:<rule>`` for static findings). ``stock``: what stock nbgrader 0.9.6 does
with it (documentation only; the suite never runs the dangerous ones unguarded).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import nbformat

from tests.modules.m01_distances import submissions as m01

from .notebooks import Submission, honest

T1, T2, T3, T4 = "test_pairwise_euclidean", "test_pairwise_manhattan", "test_pairwise_cosine_distance", "test_knn_predict"
T5, T6, T7 = "test_zscore_fit", "test_zscore_transform", "test_scale_train_test"
T8, T9 = "test_pairwise_mahalanobis", "test_iso_ellipse_axes"
ALL = ("*",)   # every graded cell of the notebook, whatever tasks it has


@dataclass
class Case:
    name: str
    what: str
    build: Callable  # (release_nb, solution_nb) -> str | bytes | None (None: no notebook at all)
    zero: tuple = ()
    flags: tuple = ()
    stock: str = ""
    keep: tuple = field(default=())   # tasks that must keep full points although the cell around them misbehaves


def _h(rel, sol) -> Submission:
    return honest(rel, sol)


# ------------------------------------------------------------------------------------------- locked cells
def edit_test_cell(rel, sol):
    s = _h(rel, sol)
    s.set_code(T2, "# tests removed by the student\nprint('all good')\n")
    s.set_code("pairwise_manhattan", "def pairwise_manhattan(X, Y):\n    return 0\n")
    return s.text()


def delete_test_cell(rel, sol):
    s = _h(rel, sol)
    s.delete(T3)
    s.set_code("pairwise_cosine_distance", "def pairwise_cosine_distance(X, Y):\n    return None\n")
    return s.text()


def edit_test_metadata(rel, sol):
    s = _h(rel, sol)
    c = s.cell(T4)
    c.metadata["nbgrader"].update(locked=False, grade=False, solution=True, points=0)
    c.source = "pass\n"
    s.set_code("knn_predict", "def knn_predict(X_train, y_train, X_test, k):\n    raise NotImplementedError\n")
    # malformed nbgrader metadata on an extra cell (stock nbgrader crashes on it: KeyError 'grade_id')
    s.nb.cells.insert(1, nbformat.v4.new_code_cell("x = 1", metadata={"nbgrader": {"locked": True}}))
    return s.text()


def skip_execution_tag(rel, sol):
    s = _h(rel, sol)
    s.cell(T8).metadata["tags"] = ["skip-execution"]
    s.set_code("pairwise_mahalanobis", "def pairwise_mahalanobis(X, Y, cov):\n    raise NotImplementedError\n")
    return s.text()


# ------------------------------------------------------------------------------------------- monkeypatching
PATCH_NUMPY = '''
import numpy as np
import numpy.testing
def iso_ellipse_axes(cov, r):
    return (1.0, 1.0, 0.0)
np.allclose = lambda *a, **k: True
np.isclose = lambda a, b, *r, **k: np.ones(np.broadcast(np.asarray(a), np.asarray(b)).shape, bool)
np.testing.assert_allclose = lambda *a, **k: None
np.array_equal = lambda *a, **k: True
'''


def patch_numpy(rel, sol):
    return _h(rel, sol).set_code("iso_ellipse_axes", PATCH_NUMPY).text()


PATCH_DICT = '''
import numpy as np
import fsgeom.grading as _g
import fsgeom.modules.m01_distances.checks as _d
def pairwise_euclidean(X, Y):
    return np.zeros((len(X), len(Y)))
_ok = lambda *a, **k: (a[0] if a else None)
# module __dict__ writes bypass attribute protection; the test helpers are rebound to no-ops
vars(np)["allclose"] = lambda *a, **k: True
for _name in ("check_array", "check_labels", "check_scalar", "expect_raises", "call"):
    _g.__dict__[_name] = (lambda f, *a, **k: f(*a)) if _name == "call" else _ok
    _d.__dict__[_name] = _g.__dict__[_name]
_d.__dict__["pairwise_euclidean"] = lambda f: None
'''


def patch_helpers_dict(rel, sol):
    return _h(rel, sol).set_code("pairwise_euclidean", PATCH_DICT).text()


PATCH_IN_FUNCTION = '''
import sys
import numpy as np
def pairwise_mahalanobis(X, Y, cov):
    # 1. replace the check helpers *while the test runs* (after the test cell's own imports): the hidden
    #    tests, which import them later, get no-ops. The modules are looked up and their namespaces reached with
    #    vars(): importing the course package or naming its internals in a graded function is caught by the
    #    numpy-only rule before the function runs (fsgeom.forbidden); this cheat is for the guard.
    g = vars(sys.modules["fsgeom.grading"])
    d = vars(sys.modules["fsgeom.modules.m01_distances.checks"])
    ok = lambda *a, **k: (a[0] if a else None)
    for name in ("check_array", "expect_raises"):
        g[name] = ok
        d[name] = ok
    g["call"] = lambda f, *a, **k: f(*a)
    d["call"] = g["call"]
    # 2. the visible checks computed the expected answer before calling: take it from the caller's frame
    f = sys._getframe(1)
    while f is not None:
        e = f.f_locals.get("expected")
        if e is not None and np.shape(e) == (len(X), len(Y)):
            return e
        f = f.f_back
    return np.zeros((len(X), len(Y)))
'''


def patch_during_test(rel, sol):
    return _h(rel, sol).set_code("pairwise_mahalanobis", PATCH_IN_FUNCTION).text()


FAKE_MODULES = '''
import sys, types
import numpy as np
def iso_ellipse_axes(cov, r):
    return (0.0, 0.0, 0.0)
class _Anything(types.ModuleType):
    def __getattr__(self, name):
        return lambda *a, **k: (a[0] if a else None)
fake = _Anything("fsgeom.grading")
fake.call = lambda f, *a, **k: f(*a)
sys.modules["fsgeom.grading"] = fake
sys.modules["fsgeom.modules.m01_distances.checks"] = _Anything("fsgeom.modules.m01_distances.checks")
import fsgeom.modules.m01_distances
fsgeom.modules.m01_distances.__dict__["checks"] = sys.modules["fsgeom.modules.m01_distances.checks"]
'''


def fake_modules(rel, sol):
    return _h(rel, sol).set_code("iso_ellipse_axes", FAKE_MODULES).text()


SHADOW_BUILTINS = '''
import builtins
import numpy as np
def pairwise_euclidean(X, Y):
    return np.zeros((len(X), len(Y)))
# user-level shadows of builtins the tests use (range -> the loop over random cases runs 0 times;
# globals() -> the scale_train_test test cannot see zscore_fit); the honest functions use neither
range = lambda *a, **k: ()
_real_globals = globals
def globals():
    return {}
# and the builtins module itself, through its __dict__
builtins.__dict__["abs"] = lambda x: 0
builtins.__dict__["sum"] = lambda *a, **k: 0
'''


def shadow_builtins(rel, sol):
    return _h(rel, sol).set_code("pairwise_euclidean", SHADOW_BUILTINS).text()


# ------------------------------------------------------------------------------------------- wrong values
ALWAYS_EQUAL = '''
import numpy as np
class Anything(np.ndarray):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __bool__(self): return True
class AlwaysEqual:
    shape = property(lambda self: (0, 0))
    dtype = np.dtype(float)
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __array__(self, *a, **k): return np.zeros((1, 1))
    def __getattr__(self, name): return lambda *a, **k: self
def pairwise_euclidean(X, Y):
    return AlwaysEqual()
def pairwise_manhattan(X, Y):
    return np.zeros((len(X), len(Y))).view(Anything)
'''


def always_equal(rel, sol):
    s = _h(rel, sol)
    s.set_code("pairwise_euclidean", ALWAYS_EQUAL)
    s.set_code("pairwise_manhattan", "# defined above\n")
    return s.text()


def list_and_shape(rel, sol):
    s = _h(rel, sol)
    honest_src = s.cell("pairwise_manhattan").source
    s.set_code("pairwise_manhattan", honest_src.replace("def pairwise_manhattan(", "def _manhattan(", 1)
               + "\n\ndef pairwise_manhattan(X, Y):\n    return _manhattan(X, Y).tolist()\n")
    honest_src = s.cell("pairwise_cosine_distance").source
    s.set_code("pairwise_cosine_distance", honest_src.replace("def pairwise_cosine_distance(", "def _cos(", 1)
               + "\n\ndef pairwise_cosine_distance(X, Y):\n    return _cos(X, Y).T.ravel()\n")
    return s.text()


NAN_INF = '''
import numpy as np
def pairwise_mahalanobis(X, Y, cov):
    return np.full((len(X), len(Y)), np.nan)
'''
NAN_INF_2 = '''
import numpy as np
def iso_ellipse_axes(cov, r):
    return (np.inf, np.inf, np.nan)
'''


def nan_inf(rel, sol):
    return _h(rel, sol).set_code("pairwise_mahalanobis", NAN_INF).set_code("iso_ellipse_axes", NAN_INF_2).text()


# ------------------------------------------------------------------------------------------- blanking later cells
BLANKER = '''
import ast
ip = get_ipython()
def knn_predict(X_train, y_train, X_test, k):
    raise NotImplementedError
def _blank_lines(lines):
    return [] if any("checks" in l or "_hidden" in l for l in lines) else lines
class _Blank(ast.NodeTransformer):
    def visit_Module(self, node):
        return ast.Module(body=[], type_ignores=[]) if "checks" in ast.dump(node) else node
def _again(*args):
    if _blank_lines not in ip.input_transformers_cleanup:
        ip.input_transformers_cleanup.append(_blank_lines)
    if not any(isinstance(t, _Blank) for t in ip.ast_transformers):
        ip.ast_transformers.append(_Blank())
_again()
ip.events.register("post_run_cell", _again)
ip.events.register("pre_execute", _again)
_orig_transform = ip.transform_cell
ip.transform_cell = lambda cell: "" if "checks" in cell else _orig_transform(cell)
'''


def input_transformer(rel, sol):
    return _h(rel, sol).set_code("knn_predict", BLANKER).text()


# ------------------------------------------------------------------------------------------- exits
SYS_EXIT = '''
import sys
def pairwise_cosine_distance(X, Y):
    sys.exit(0)
'''
KEYBOARD = '''
def pairwise_mahalanobis(X, Y, cov):
    raise KeyboardInterrupt
'''


def exits_and_interrupts(rel, sol):
    s = _h(rel, sol)
    s.set_code("pairwise_cosine_distance", SYS_EXIT)
    s.set_code("pairwise_mahalanobis", KEYBOARD)
    # top level, after a correct definition: only the cell fails, the task keeps its points
    s.append_code("iso_ellipse_axes", "raise SystemExit('bye')")
    s.append_code("pairwise_euclidean", "raise KeyboardInterrupt")
    return s.text()


def os_exit_in_function(rel, sol):
    # passes the visible checks, kills the kernel under the hidden tests (stock: no grade at all)
    return _honest_but(_h(rel, sol), "pairwise_manhattan", "import os\nos._exit(0)").text()


def os_exit_top_level(rel, sol):
    s = _h(rel, sol)
    s.append_code("iso_ellipse_axes", "import os\nos._exit(1)")
    return s.text()


IPY_EXIT = '''
def knn_predict(X_train, y_train, X_test, k):
    get_ipython().ask_exit()
    exit()
    import numpy as np
    return np.asarray(y_train)[: len(X_test)]
'''


def ipython_exit(rel, sol):
    return _h(rel, sol).set_code("knn_predict", IPY_EXIT).text()


# ------------------------------------------------------------------------------------------- loops, signals, memory, output
FROM_HIDDEN = '''
import sys
def _from_hidden_tests():
    # "test detection": behave for the visible checks, misbehave only when the hidden tests call
    f = sys._getframe(1)
    while f is not None:
        if f.f_code.co_name == "_hidden":
            return True
        f = f.f_back
    return False
'''


def _honest_but(sub, func, when_hidden):
    """The honest function renamed, plus a wrapper that runs ``when_hidden`` under the hidden tests."""
    src = sub.cell(func).source.replace(f"def {func}(", f"def _honest_{func}(", 1)
    wrapper = (f"\n\ndef {func}(*args, **kwargs):\n    if _from_hidden_tests():\n"
               + "".join("        " + line + "\n" for line in when_hidden.strip().splitlines())
               + f"    return _honest_{func}(*args, **kwargs)\n")
    return sub.set_code(func, FROM_HIDDEN + "\n" + src + wrapper)


def infinite_loop_in_function(rel, sol):
    return _honest_but(_h(rel, sol), "pairwise_manhattan", "while True:\n    pass").text()


def infinite_loop_top_level(rel, sol):
    return _h(rel, sol).append_code("pairwise_cosine_distance", "while True:\n    pass").text()


def sigint_ignored(rel, sol):
    # inside the call: ipykernel re-installs its SIGINT handler before every request, so a top-level
    # signal.signal(SIGINT, SIG_IGN) does not survive until the test; one made during the test does
    return _honest_but(_h(rel, sol), "pairwise_manhattan",
                       "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass").text()


MEMORY = '''
import numpy as np
def pairwise_mahalanobis(X, Y, cov):
    hog = []
    while True:                        # grows until the memory limit stops it
        hog.append(np.ones(2 ** 24))   # 128 MiB per block
def iso_ellipse_axes(cov, r):
    return np.empty((10 ** 6, 10 ** 6))   # 8 TB at once
'''


def memory_bomb(rel, sol):
    s = _h(rel, sol)
    s.set_code("pairwise_mahalanobis", MEMORY)
    s.set_code("iso_ellipse_axes", "# defined above\n")
    return s.text()


FLOOD = '''
print("spam " * 1_000_000)                 # 5 MB at top level
for _i in range(20_000):
    print("line", _i, "x" * 100)            # 2 MB in many messages
'''


def output_flood(rel, sol):
    s = _h(rel, sol)
    src = s.cell("pairwise_euclidean").source
    s.set_code("pairwise_euclidean", src + "\n" + FLOOD)
    return s.text()


# ------------------------------------------------------------------------------------------- the file system and processes
READ_SOLUTIONS = '''
import glob, json, os
import numpy as np
def _steal():
    here = os.getcwd()
    roots = [os.path.join(here, "..", "..", ".."), "/work/main", os.environ.get("HOME", "/root")]
    for root in roots:
        for path in glob.glob(os.path.join(root, "solutions", "*", "01-distances", "*.ipynb")) + \\
                [os.path.join(root, "solutions", "uk", "01-distances", "01-distances.ipynb")]:
            try:
                nb = json.load(open(path))
            except Exception:
                continue
            for cell in nb["cells"]:
                src = "".join(cell["source"])
                if src.startswith("def pairwise_manhattan"):
                    ns = {"np": np}
                    exec(src, ns)
                    return ns["pairwise_manhattan"]
    try:
        own = json.load(open(os.path.join(here, "01-distances.ipynb")))   # the autograded copy: hidden tests
    except Exception:
        pass
    return None
_stolen = _steal()
def pairwise_manhattan(X, Y):
    f = _stolen or _steal()
    return f(X, Y) if f else np.zeros((len(X), len(Y)))
'''


def read_solutions(rel, sol):
    return _h(rel, sol).set_code("pairwise_manhattan", READ_SOLUTIONS).text()


GRADEBOOK = '''
import os, sqlite3
import numpy as np
def _rig():
    db = os.path.abspath(os.path.join(os.getcwd(), "..", "..", "..", "gradebook.db"))
    try:
        con = sqlite3.connect(db)
        con.execute("UPDATE grade SET auto_score = 0")
        con.commit()
    except Exception:
        pass
    try:
        with open(db, "r+b") as f:        # raw write: corrupt the gradebook
            f.seek(100)
            f.write(b"\\0" * 64)
    except Exception:
        pass
    try:
        os.link(db, "gb-copy.db")
    except Exception:
        pass
    try:
        os.symlink(os.path.dirname(db), "course")
    except Exception:
        pass
def pairwise_cosine_distance(X, Y):
    _rig()
    return np.zeros((len(X), len(Y)))
_rig()
'''


def gradebook_tamper(rel, sol):
    return _h(rel, sol).set_code("pairwise_cosine_distance", GRADEBOOK).text()


KILL = '''
import os, signal
def iso_ellipse_axes(cov, r):
    for pid in (os.getppid(), os.getpid()):
        try:
            os.kill(pid, signal.SIGKILL)
        except Exception:
            pass
    try:
        os.killpg(os.getpgid(os.getppid()), signal.SIGKILL)
    except Exception:
        pass
    return (1.0, 1.0, 0.0)
'''


def kill_grader(rel, sol):
    return _h(rel, sol).set_code("iso_ellipse_axes", KILL).text()


SUBPROCESS = '''
import os, subprocess
import numpy as np
def pairwise_euclidean(X, Y):
    out = ""
    for cmd in (["sh", "-c", "cat ../../../solutions/*/01-distances/*.ipynb"], ["python3", "-c", "print(1)"]):
        try:
            out += subprocess.run(cmd, capture_output=True, text=True).stdout
        except Exception:
            pass
    try:
        os.system("cp -r ../../../solutions /tmp/stolen")
    except Exception:
        pass
    try:
        import ctypes
        ctypes.CDLL(None).system(b"true")
    except Exception:
        pass
    try:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    except Exception:
        pass
    return np.zeros((len(X), len(Y)))
'''


def processes_and_limits(rel, sol):
    return _h(rel, sol).set_code("pairwise_euclidean", SUBPROCESS).text()


# ------------------------------------------------------------------------------------------- numpy only
def forbidden_calls(rel, sol):
    """Three ways around the numpy-only rule in one notebook: the course's own implementation imported under the
    graded name, SciPy behind two helpers of the student's, scikit-learn inside zscore_fit (which
    scale_train_test reuses: charged to zscore_fit only)."""
    return (_h(rel, sol).set_code("iso_ellipse_axes", m01.COURSE_REFERENCE)
            .set_code("pairwise_cosine_distance", m01.SCIPY_WRAPPED).set_code("zscore_fit", m01.SKLEARN_FIT).text())


# ------------------------------------------------------------------------------------------- broken files
def corrupted_notebook(rel, sol):
    text = _h(rel, sol).text()
    return text[: len(text) // 2].encode()          # truncated JSON


def missing_notebook(rel, sol):
    return None


CASES = [
    Case("edit_test_cell", "test cell of task 2 replaced by a print", edit_test_cell, zero=(T2,),
         flags=("locked_cell_edited",), stock="restored from checksum: 0"),
    Case("delete_test_cell", "test cell of task 3 deleted", delete_test_cell, zero=(T3,),
         flags=("locked_cell_deleted",), stock="grade cell missing from the notebook"),
    Case("edit_test_metadata", "test cell of task 4 made an unlocked, ungraded solution cell; malformed "
         "nbgrader metadata on an extra cell", edit_test_metadata, zero=(T4,),
         flags=("metadata_edited", "unknown_nbgrader_cell"), stock="crash (KeyError) for this student"),
    Case("skip_execution_tag", "test cell of task 8 tagged skip-execution", skip_execution_tag, zero=(T8,),
         flags=("execution_tag",), stock="test not run: FULL points"),
    Case("patch_numpy", "np.allclose / np.isclose / np.testing.assert_allclose rebound", patch_numpy, zero=(T9,),
         flags=("scan:monkeypatch",), stock="0 (fsgeom.grading captured numpy at import)"),
    Case("patch_helpers_dict", "fsgeom.grading / the module's checks helpers replaced through module __dict__",
         patch_helpers_dict, zero=(T1,), flags=("restored_state",), stock="FULL points"),
    Case("patch_during_test", "the graded function replaces the check helpers while the test runs and "
         "returns the visible check's expected value read from the caller's frame",
         patch_during_test, zero=(T8,), flags=("tampered_during_test",), stock="FULL points"),
    Case("fake_modules", "sys.modules entries of fsgeom.grading / fsgeom.modules.m01_distances.checks replaced",
         fake_modules, zero=(T9,), flags=("restored_state",), stock="FULL points"),
    Case("shadow_builtins", "range/globals shadowed in the notebook, builtins abs/sum replaced",
         shadow_builtins, zero=(T1,), flags=("restored_state", "scan:monkeypatch"), stock="0"),
    Case("always_equal", "results whose __eq__ is always True (plain object and ndarray subclass)",
         always_equal, zero=(T1, T2), flags=("scan:eq_override",), stock="0 (fsgeom.grading rejects them)"),
    Case("list_and_shape", "correct values returned as a list; transposed and flattened result",
         list_and_shape, zero=(T2, T3), flags=(), stock="0"),
    Case("nan_inf", "NaN matrix; inf/NaN ellipse", nan_inf, zero=(T8, T9), flags=(), stock="0"),
    Case("input_transformer", "input transformer + AST transformer + event hooks + transform_cell override "
         "blank every later test cell", input_transformer, zero=(T4,),
         flags=("restored_state", "scan:ipython_internals"), stock="FULL points for every task"),
    Case("exits_and_interrupts", "sys.exit / KeyboardInterrupt in functions and at top level",
         exits_and_interrupts, zero=(T3, T8), flags=("scan:exit", "scan:raise_exit"), keep=(T1, T9),
         stock="0 for those tasks"),
    Case("os_exit_in_function", "os._exit(0) inside the graded function (under the hidden tests)",
         os_exit_in_function, zero=(T2,),
         flags=("kernel_died",), stock="DeadKernelError: no grade for the whole submission, batch exit 1"),
    Case("os_exit_top_level", "os._exit(1) at top level after a correct definition", os_exit_top_level,
         zero=(T9,), flags=("kernel_died",), stock="DeadKernelError: no grade for the whole submission"),
    Case("ipython_exit", "exit() / ask_exit() in the graded function", ipython_exit, zero=(T4,),
         flags=("tampered_during_test", "restored_state"), stock="kernel stops 0.1 s later, in a later cell"),
    Case("infinite_loop_in_function", "while True in the graded function (under the hidden tests)",
         infinite_loop_in_function,
         zero=(T2,), flags=("timeout",), stock="interrupted: 0 for the task"),
    Case("infinite_loop_top_level", "while True at top level after a correct definition",
         infinite_loop_top_level, zero=(), keep=(T3,), flags=("timeout",), stock="interrupted, task keeps points"),
    Case("sigint_ignored", "SIGINT ignored + endless loop in the graded function (under the hidden tests)",
         sigint_ignored, zero=(T2,),
         flags=("kernel_unresponsive",), stock="exit 1, no autograded folder for the student"),
    Case("memory_bomb", "unbounded allocation in a loop; one 8 TB array", memory_bomb, zero=(T8, T9),
         flags=("memory_limit",), stock="uses all RAM of the machine (not run unguarded)"),
    Case("output_flood", "7 MB of printed output at top level", output_flood, zero=(), keep=(T1,),
         flags=("output_truncated",), stock="7 MB written into the autograded notebook"),
    Case("read_solutions", "reads solutions/ and the autograded notebook from disk, execs the solution",
         read_solutions, zero=(T2,), flags=("refused",), stock="FULL points (solution read from disk)"),
    Case("gradebook_tamper", "sqlite3 UPDATE of every grade, raw write into gradebook.db, hard link, symlink",
         gradebook_tamper, zero=(T3,), flags=("refused",), stock="other students' grades zeroed"),
    Case("kill_grader", "SIGKILL to the grader process (nbgrader) and its process group", kill_grader,
         zero=(T9,), flags=("refused",), stock="nbgrader killed: the whole batch aborts"),
    Case("processes_and_limits", "subprocess / os.system / ctypes / raising RLIMIT_AS", processes_and_limits,
         zero=(T1,), flags=("refused",), stock="commands run with the grader's rights"),
    Case("forbidden_calls", "the course's own iso_ellipse_axes imported under the graded name; scipy's cdist "
         "behind two helpers; StandardScaler inside zscore_fit, which scale_train_test reuses", forbidden_calls,
         zero=(T3, T5, T9), keep=(T7,), stock="FULL points before the numpy-only rule"),
    Case("corrupted_notebook", "truncated JSON", corrupted_notebook, zero=ALL,
         flags=("unreadable_notebook",), stock="error for this student, batch exit 1"),
    Case("missing_notebook", "submission folder without a notebook", missing_notebook,
         zero=ALL, flags=("missing_notebook",),
         stock="student skipped (no submission in the gradebook)"),
]


def by_name(name: str) -> Case:
    return next(c for c in CASES if c.name == name)
