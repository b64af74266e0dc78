"""fsgeom.forbidden: "numpy only" — a student function must not reach scipy, scikit-learn or fsgeom's own
reference implementations, whichever way it is written; honest numpy code is never flagged.

Student functions are defined the way a notebook defines them: compiled from source with a notebook-like file
name into a namespace dict (so ``co_filename`` and ``__globals__`` look like a Jupyter cell's)."""
from __future__ import annotations

import math
import pickle
import subprocess
import sys
import threading
import warnings

import numpy as np
import pytest
import scipy.spatial.distance
import scipy.special
import scipy.stats
from sklearn.preprocessing import StandardScaler

from fsgeom import forbidden as F
from fsgeom import metrics as M

RNG = np.random.default_rng(4)
X = RNG.normal(size=(7, 3))
Y = RNG.normal(size=(5, 3))
CDIST = "scipy.spatial.distance.cdist"
_CELL = [0]


def notebook(src: str, **extra) -> dict:
    """Run ``src`` as a notebook cell would: a fresh namespace, a ``<ipython-input-N>`` file name."""
    _CELL[0] += 1
    ns = {"__name__": "__main__", "__builtins__": __builtins__}
    ns.update(extra)
    exec(compile(src, f"<ipython-input-{_CELL[0]}-0123456789ab>", "exec"), ns)
    return ns


NB_IMPORTS = """
import math, functools, warnings, collections
import numpy as np
"""


def run(fn, *args, rule=None, static=True, **kwargs):
    return F.run(fn, args, kwargs, rule if rule is not None else F.Rule.default(), static=static)


def caught(fn, *args, rule=None, static=True, **kwargs) -> F.ForbiddenCall:
    with pytest.raises(F.ForbiddenCall) as info:
        run(fn, *args, rule=rule, static=static, **kwargs)
    err = info.value
    assert err.how in F.HOWS
    return err


@pytest.fixture(autouse=True)
def _no_hook_left_behind():
    before = sys.getprofile(), threading.getprofile(), sys.gettrace()
    yield
    assert (sys.getprofile(), threading.getprofile(), sys.gettrace()) == before


# ====================================================================== honest code passes
HONEST = NB_IMPORTS + '''
def euclid_loops(X, Y):
    X = np.asarray(X, dtype=float); Y = np.asarray(Y, dtype=float)
    D = np.zeros((X.shape[0], Y.shape[0]))
    for i in range(X.shape[0]):
        for j in range(Y.shape[0]):
            s = 0.0
            for k in range(X.shape[1]):
                s += (X[i, k] - Y[j, k]) ** 2
            D[i, j] = math.sqrt(s)
    return D

def euclid_broadcast(X, Y):
    return np.sqrt(((X[:, None, :] - Y[None, :, :]) ** 2).sum(axis=-1))

def euclid_expansion(X, Y):
    sq = (X ** 2).sum(1)[:, None] + (Y ** 2).sum(1)[None, :] - 2 * X @ Y.T
    return np.sqrt(np.maximum(sq, 0.0))

def euclid_norm(X, Y):
    return np.linalg.norm(X[:, None, :] - Y[None, :, :], axis=2)

def euclid_einsum(X, Y):
    D = X[:, None, :] - Y[None, :, :]
    return np.sqrt(np.einsum("ijk,ijk->ij", D, D))

def euclid_comprehension(X, Y):
    return np.array([[math.sqrt(sum((a - b) ** 2 for a, b in zip(x, y))) for y in Y] for x in X])

def zscore_std(X):
    X = np.asarray(X, dtype=float)
    return X.mean(axis=0), X.std(axis=0)

def zscore_loops(X):
    n, d = len(X), len(X[0])
    mu = [sum(X[i][j] for i in range(n)) / n for j in range(d)]
    sd = [math.sqrt(sum((X[i][j] - mu[j]) ** 2 for i in range(n)) / n) for j in range(d)]
    return np.array(mu), np.array(sd)

def zscore_float32(X):
    X32 = np.asarray(X, dtype=np.float32)
    mu = X32.mean(axis=0, dtype=np.float64)
    with np.errstate(all="ignore"):
        sd = np.sqrt(((X32 - mu) ** 2).mean(axis=0))
    return mu, sd

def _diff(X, Y):
    return X[:, None, :] - Y[None, :, :]

def maha_inv(X, Y, cov):
    D = _diff(X, Y)
    return np.sqrt(np.einsum("ijk,kl,ijl->ij", D, np.linalg.inv(cov), D))

def maha_solve(X, Y, cov):
    D = _diff(X, Y)
    S = np.linalg.solve(cov, D.reshape(-1, D.shape[-1]).T).T.reshape(D.shape)
    return np.sqrt((D * S).sum(-1))

def maha_cholesky(X, Y, cov):
    L = np.linalg.cholesky(cov)
    Z = np.linalg.solve(L, _diff(X, Y).reshape(-1, X.shape[1]).T)
    return np.sqrt((Z ** 2).sum(0)).reshape(len(X), len(Y))

def ellipse_eigh(cov, r=1.0):
    w, V = np.linalg.eigh(np.asarray(cov, dtype=float))
    order = np.argsort(w)[::-1]
    w, V = w[order], V[:, order]
    return r * np.sqrt(w), float(np.arctan2(V[1, 0], V[0, 0]))

def ellipse_math(cov, r=1.0):
    a, b, c = cov[0][0], cov[0][1], cov[1][1]
    t = math.sqrt(((a - c) / 2) ** 2 + b ** 2)
    l1, l2 = (a + c) / 2 + t, (a + c) / 2 - t
    if not l2 > 0:
        raise ValueError(f"cov must be positive definite, smallest eigenvalue {l2:.3g}")
    angle = math.atan2(l1 - a, b) if b else (0.0 if a >= c else math.pi / 2)
    return r * np.array([math.sqrt(l1), math.sqrt(l2)]), angle

def knn_predict(X_train, y_train, X_test, k=3):
    D = euclid_broadcast(X_test, X_train)
    idx = np.argsort(D, axis=1, kind="stable")[:, :k]
    votes = np.array([np.bincount(y_train[row], minlength=y_train.max() + 1).argmax() for row in idx])
    check = [collections.Counter(y_train[row].tolist()).most_common(1)[0][0] for row in idx]
    assert isinstance(check, list) and id(check) != id(votes)
    return votes

class RowStats:
    """A notebook-defined helper class."""
    def __init__(self, X):
        self.X = np.asarray(X, dtype=float)
    def means(self):
        return np.array([sum(col) / len(col) for col in self.columns()])
    def columns(self):
        for j in range(self.X.shape[1]):
            yield self.X[:, j]

def means_with_class(X):
    return RowStats(X).means()

def _fact(n):
    return 1 if n <= 1 else n * _fact(n - 1)

def misc(X):
    warnings.warn("just a warning")
    total = functools.reduce(lambda a, b: a + b, (float(v) for v in np.ravel(X)), 0.0)
    label = f"{type(X).__name__}:{id(X) > 0}:{isinstance(X, np.ndarray)}:{_fact(5)}"
    np.testing.assert_allclose(total, np.sum(X))
    return np.array([total, len(label)], dtype=np.float64)
'''


@pytest.fixture(scope="module")
def honest():
    return notebook(HONEST)


@pytest.mark.parametrize("name", ["euclid_loops", "euclid_broadcast", "euclid_expansion", "euclid_norm",
                                  "euclid_einsum", "euclid_comprehension"])
def test_honest_euclidean_passes_and_is_right(honest, name):
    expected = M.pairwise_euclidean(X, Y)
    for args in ((X, Y), (X.astype(np.float32), Y.astype(np.float32)), (X.tolist(), Y.tolist())):
        if name != "euclid_loops" and isinstance(args[0], list):
            continue
        got = run(honest[name], *args)
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)
    assert F.references(honest[name]) == []


def test_honest_zscore_passes(honest):
    mu, sd = X.mean(0), X.std(0)
    for name, args in (("zscore_std", (X,)), ("zscore_std", (X.tolist(),)), ("zscore_loops", (X.tolist(),)),
                       ("zscore_float32", (X,)), ("zscore_std", (X.astype(int),))):
        m, s = run(honest[name], *args)
        ref = np.asarray(args[0], dtype=float)
        np.testing.assert_allclose(m, ref.mean(0), rtol=1e-5)
        np.testing.assert_allclose(s, ref.std(0), rtol=1e-5)
    np.testing.assert_allclose(run(honest["zscore_std"], X)[1], sd)
    np.testing.assert_allclose(run(honest["zscore_loops"], X)[0], mu)


def test_honest_mahalanobis_and_ellipse_pass(honest):
    cov = np.array([[2.0, 0.6, 0.1], [0.6, 1.0, 0.2], [0.1, 0.2, 0.5]])
    expected = scipy.spatial.distance.cdist(X, Y, "mahalanobis", VI=np.linalg.inv(cov))
    for name in ("maha_inv", "maha_solve", "maha_cholesky"):
        np.testing.assert_allclose(run(honest[name], X, Y, cov), expected, rtol=1e-9)
    cov2 = np.array([[3.0, 1.0], [1.0, 2.0]])
    axes, angle = run(honest["ellipse_eigh"], cov2, 2.0)
    axes2, angle2 = run(honest["ellipse_math"], cov2.tolist(), r=2.0)
    np.testing.assert_allclose(axes, 2.0 * np.sqrt(np.linalg.eigvalsh(cov2)[::-1]))
    np.testing.assert_allclose(axes2, axes)
    assert math.isclose(math.tan(angle), math.tan(angle2), rel_tol=1e-9)


def test_honest_knn_class_generator_and_builtins_pass(honest):
    y = np.array([0, 1, 1, 0, 2, 2, 1])
    expected = np.array([np.bincount(y[np.argsort(np.linalg.norm(X - q, axis=1), kind="stable")[:3]],
                                     minlength=3).argmax() for q in Y])
    np.testing.assert_array_equal(run(honest["knn_predict"], X, y, Y, k=3), expected)
    np.testing.assert_allclose(run(honest["means_with_class"], X), X.mean(0))
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        out = run(honest["misc"], X)
    assert out[0] == pytest.approx(X.sum())
    for name in ("knn_predict", "means_with_class", "misc"):
        assert F.references(honest[name]) == [], name


def test_student_exceptions_propagate_unchanged(honest):
    with pytest.raises(ValueError, match="positive definite"):
        run(honest["ellipse_math"], [[1.0, 2.0], [2.0, 1.0]])
    ns = notebook("""
class Boom(Exception):
    pass
RAISED = []
def f(X):
    e = Boom("from the student")
    RAISED.append(e)
    raise e
""")
    with pytest.raises(ns["Boom"]) as info:
        run(ns["f"], X)
    assert info.value is ns["RAISED"][0]
    with pytest.raises(NotImplementedError):
        run(notebook("def f(X):\n    raise NotImplementedError()\n")["f"], X)


def test_the_grader_s_own_helpers_are_exempt():
    ns = notebook(NB_IMPORTS + """
from fsgeom import grading
def f(X):
    assert grading.allclose(X, X)
    return X
""")
    assert run(ns["f"], X) is not None
    assert F.references(ns["f"]) == []


# ========================================================================== caught
CHEATS = NB_IMPORTS + '''
import functools, threading, sys
import scipy, scipy.spatial.distance, scipy.special
import fsgeom, fsgeom.metrics
from scipy.spatial.distance import cdist
from scipy.spatial.distance import cdist as distance_matrix
from fsgeom.metrics import pairwise_euclidean as my_euclid
from sklearn.preprocessing import StandardScaler
from scipy.special import xlogy

def direct(X, Y):
    return cdist(X, Y)

def aliased(X, Y):
    return distance_matrix(X, Y)

def _inner(A, B):
    return cdist(A, B, "euclidean")

def _middle(A, B):
    return _inner(np.asarray(A), np.asarray(B))

def wrapped(X, Y):
    return _middle(X, Y)

_via_lambda = lambda A, B: cdist(A, B)

def with_lambda(X, Y):
    return _via_lambda(X, Y)

_partial = functools.partial(cdist, metric="euclidean")

def with_partial(X, Y):
    return _partial(X, Y)

def with_default(X, Y, _d=cdist):
    return _d(X, Y)

def _make():
    d = scipy.spatial.distance.cdist
    def closure(X, Y):
        return d(X, Y)
    return closure

with_closure = _make()

def with_import(X, Y):
    import scipy.spatial.distance as dist
    return dist.cdist(X, Y)

def with_from_import(X, Y):
    from scipy.spatial.distance import cdist as c
    return c(X, Y)

def with_sklearn(X):
    s = StandardScaler().fit(X)
    return s.mean_, s.scale_

def reference_aliased(X, Y):
    return my_euclid(X, Y)

def reference_chain(X, Y):
    return fsgeom.metrics.pairwise_euclidean(X, Y)

def with_ufunc(X):
    return xlogy(X, X).sum()

def with_ufunc_chain(X):
    return scipy.special.xlogy(X, X).sum()

def _worker(out, X, Y):
    out.append(cdist(X, Y))

def in_thread(X, Y):
    out = []
    t = threading.Thread(target=_worker, args=(out, X, Y))
    t.start()
    t.join()
    return out[0] if out else np.zeros((len(X), len(Y)))

def tamper(X, Y):
    sys.setprofile(None)
    return cdist(X, Y)

class Metric:
    def __init__(self):
        self.fn = cdist
    def __call__(self, X, Y):
        return self.fn(X, Y)

def with_class(X, Y):
    return Metric()(X, Y)
'''


@pytest.fixture(scope="module")
def cheats():
    return notebook(CHEATS)


@pytest.mark.parametrize("name, what, how", [
    ("direct", CDIST, "reference"),
    ("aliased", CDIST, "reference"),
    ("wrapped", CDIST, "reference"),
    ("with_lambda", CDIST, "reference"),
    ("with_partial", CDIST, "reference"),
    ("with_default", CDIST, "reference"),
    ("with_closure", CDIST, "reference"),
    ("with_import", "scipy.spatial.distance", "import"),
    ("with_from_import", CDIST, "import"),
    ("with_sklearn", "sklearn.preprocessing._data.StandardScaler", "reference"),
    ("reference_aliased", "fsgeom.metrics.pairwise_euclidean", "reference"),
    ("reference_chain", "fsgeom.metrics.pairwise_euclidean", "reference"),
    ("with_ufunc", "scipy.special.xlogy", "reference"),
    ("with_ufunc_chain", "scipy.special.xlogy", "reference"),
    ("in_thread", CDIST, "reference"),
    ("tamper", "sys.setprofile", "tamper"),
    ("with_class", CDIST, "reference"),
])
def test_static_layer_catches_before_calling(cheats, name, what, how):
    fn = cheats[name]
    args = (X,) if name in ("with_sklearn", "with_ufunc", "with_ufunc_chain") else (np.abs(X), np.abs(Y))
    err = caught(fn, *args)
    assert (err.what, err.how, err.function) == (what, how, fn.__name__)
    assert what in str(err) and fn.__name__ in str(err)
    assert F.references(fn)[0] == F.Violation(err.what, err.how, err.via)


@pytest.mark.parametrize("name, what", [
    ("direct", CDIST), ("aliased", CDIST), ("wrapped", CDIST), ("with_lambda", CDIST),
    ("with_partial", CDIST), ("with_default", CDIST), ("with_closure", CDIST), ("with_import", CDIST),
    ("with_from_import", CDIST), ("reference_aliased", "fsgeom.metrics.pairwise_euclidean"),
    ("reference_chain", "fsgeom.metrics.pairwise_euclidean"), ("in_thread", CDIST), ("with_class", CDIST),
    ("with_sklearn", "sklearn.preprocessing._data.StandardScaler.__init__"),
])
def test_dynamic_layer_catches_while_running(cheats, name, what):
    fn = cheats[name]
    err = caught(fn, *((X,) if name == "with_sklearn" else (X, Y)), static=False)
    assert (err.what, err.how, err.function) == (what, "call", fn.__name__)


def test_dynamic_layer_catches_tampering_and_restores_the_hooks(cheats):
    err = caught(cheats["tamper"], X, Y, static=False)
    assert (err.what, err.how) == ("sys.setprofile", "tamper")
    ns = notebook("""
import sys, threading
def f(X):
    threading.setprofile(None)
    return X
def g(X):
    return sys.getprofile()
""")
    assert caught(ns["f"], X, static=False).what == "threading.setprofile"
    assert caught(ns["g"], X, static=False).how == "tamper"
    ns = notebook("""
import fsgeom.forbidden, fsgeom.grading
def h(X):
    fsgeom.forbidden._STACK.clear()
    return X
def ok(X):
    return fsgeom.grading.allclose(X, X)
""")
    err = caught(ns["h"], X)
    assert (err.what, err.how) == ("fsgeom.forbidden._STACK", "tamper")
    assert run(ns["ok"], X) is True


def test_obfuscated_lookups_are_caught_when_they_run():
    ns = notebook(NB_IMPORTS + """
import importlib
def by_name(X, Y):
    mod = importlib.import_module("scipy.spatial." + "distance")
    return getattr(mod, "c" + "dist")(X, Y)
def by_globals(X, Y):
    return globals()["c" + "dist"](X, Y)
def estimator_instance(X):
    return SCALER.fit(X).mean_
""", cdist=scipy.spatial.distance.cdist, SCALER=StandardScaler())
    assert F.references(ns["by_name"]) == [] and F.references(ns["by_globals"]) == []
    err = caught(ns["by_name"], X, Y)
    assert (err.what, err.how) == ("scipy.spatial.distance", "import")      # importlib saw the name
    assert (caught(ns["by_globals"], X, Y).what, caught(ns["by_globals"], X, Y).how) == (CDIST, "call")
    err = caught(ns["estimator_instance"], X)            # a method looked up in the instance's class
    assert (err.what, err.how) == ("sklearn.preprocessing._data.StandardScaler.fit", "reference")
    err = caught(ns["estimator_instance"], X, static=False)
    assert (err.what, err.how) == ("sklearn.preprocessing._data.StandardScaler.fit", "call")


def test_violation_wins_over_the_student_s_exception():
    ns = notebook("""
def f(X, Y):
    D = cdist(X, Y)
    raise ValueError("and then it failed")
""", cdist=scipy.spatial.distance.cdist)
    err = caught(ns["f"], X, Y, static=False)
    assert err.what == CDIST and isinstance(err.__cause__, ValueError)


def test_violation_swallowed_by_the_student_is_still_reported():
    ns = notebook(NB_IMPORTS + """
def f(X, Y):
    try:
        return cdist(X, Y, metric="no-such-metric")
    except Exception:
        return np.zeros((len(X), len(Y)))
""", cdist=scipy.spatial.distance.cdist)
    assert caught(ns["f"], X, Y, static=False).what == CDIST


# ======================================================================= allowed regions
def test_allowing_a_subpackage_lets_it_through_and_still_catches_the_rest():
    rule = F.Rule.default().allowing("scipy.stats")
    ns = notebook(NB_IMPORTS + """
import scipy, scipy.stats
from scipy import stats
from scipy.stats import skew
def skew_attr(x):
    return scipy.stats.skew(x)
def skew_from(x):
    return stats.skew(x) + skew(x)
def skew_import(x):
    import scipy.stats as st
    from scipy import stats as st2
    return st.skew(x) + st2.skew(x)
def skew_and_cdist(x):
    return scipy.stats.skew(x) + scipy.spatial.distance.cdist(x[:, None], x[:, None]).sum()
""")
    x = X[:, 0]
    for name in ("skew_attr", "skew_from", "skew_import"):
        for static in (True, False):
            assert run(ns[name], x, rule=rule, static=static) == pytest.approx(
                scipy.stats.skew(x) * (1 if name == "skew_attr" else 2))
        assert F.references(ns[name], rule) == []
        assert caught(ns[name], x).what.startswith("scipy.stats")          # the default rule forbids it
    err = caught(ns["skew_and_cdist"], x, rule=rule)
    assert (err.what, err.how) == (CDIST, "reference")
    assert caught(ns["skew_and_cdist"], x, rule=rule, static=False).what == CDIST


def test_rule_matches_dotted_components_and_is_immutable():
    rule = F.Rule.default()
    assert rule.forbidden == ("scipy", "sklearn", "fsgeom")
    assert rule.status("scipy") == rule.status("scipy.spatial.distance") == "forbidden"
    assert rule.status("scipyx") == rule.status("numpy") == "ok"
    assert rule.status("fsgeom.grading") == rule.status("nbguard.policy") == "exempt"
    looser = rule.allowing("scipy.stats", "scipy.stats")
    assert looser.allowed == ("scipy.stats",) and rule.allowed == ()
    assert looser.status("scipy.stats._stats_py") == "allowed" and looser.status("scipy.special") == "forbidden"
    with pytest.raises(Exception):
        rule.allowed = ("scipy",)
    with pytest.raises(ValueError):
        F.Rule(("scipy.",))
    assert F.Rule(("scipy",)).exempt == F.DEFAULT_EXEMPT


def test_forbidden_call_carries_its_fields_and_pickles():
    err = F.ForbiddenCall(CDIST, "call", "pairwise_euclidean")
    assert (err.what, err.how, err.function) == (CDIST, "call", "pairwise_euclidean")
    back = pickle.loads(pickle.dumps(err))
    assert (back.what, back.how, back.function, str(back)) == (err.what, err.how, err.function, str(err))


# ======================================================================== the hooks
def test_previous_profile_hooks_are_restored_after_success_error_and_violation(cheats, honest):
    calls = []

    def mine(frame, event, arg):
        calls.append(event)

    def mine_t(frame, event, arg):
        pass

    old_t = threading.getprofile()
    threading.setprofile(mine_t)
    sys.setprofile(mine)
    try:
        run(honest["euclid_broadcast"], X, Y)
        assert sys.getprofile() is mine and threading.getprofile() is mine_t
        with pytest.raises(ValueError):
            run(honest["ellipse_math"], [[1.0, 2.0], [2.0, 1.0]])
        assert sys.getprofile() is mine and threading.getprofile() is mine_t
        with pytest.raises(F.ForbiddenCall):
            run(cheats["direct"], X, Y, static=False)
        assert sys.getprofile() is mine and threading.getprofile() is mine_t
        with pytest.raises(F.ForbiddenCall):
            run(cheats["tamper"], X, Y, static=False)
        assert sys.getprofile() is mine and threading.getprofile() is mine_t
    finally:
        sys.setprofile(None)
        threading.setprofile(old_t)


def test_nested_runs_keep_the_outer_check(honest):
    ns = notebook(NB_IMPORTS + """
from fsgeom import forbidden
def task(X, Y):
    D = forbidden.run(euclid, (X, Y), {}, forbidden.Rule.default())
    return D.sum()
def task_then_cheat(X, Y):
    D = forbidden.run(euclid, (X, Y), {}, forbidden.Rule.default())
    return D.sum() + CDIST(X, Y).sum()
def task_catching_inner(X, Y):
    try:
        return forbidden.run(cheat, (X, Y), {}, forbidden.Rule.default(), static=False)
    except forbidden.ForbiddenCall:
        return np.zeros(1)
def task_inner_lenient(X, Y):
    return forbidden.run(cheat, (X, Y), {}, forbidden.Rule.default().allowing("scipy"), static=False)
def cheat(X, Y):
    return CDIST(X, Y)
""", euclid=honest["euclid_broadcast"], CDIST=scipy.spatial.distance.cdist)
    assert run(ns["task"], X, Y) == pytest.approx(M.pairwise_euclidean(X, Y).sum())
    for name in ("task_then_cheat", "task_catching_inner", "task_inner_lenient"):
        err = caught(ns[name], X, Y, static=False)
        assert (err.what, err.how, err.function) == (CDIST, "call", name)


def test_hostile_objects_are_never_asked_anything():
    ns = notebook(NB_IMPORTS + """
TOUCHED = []
class Meta(type):
    def __getattribute__(cls, name):
        TOUCHED.append(("meta", name))
        return type.__getattribute__(cls, name)
class Hostile(metaclass=Meta):
    def __getattr__(self, name):
        TOUCHED.append(name)
        raise AttributeError(name)
    def __getattribute__(self, name):
        TOUCHED.append(name)
        return object.__getattribute__(self, name)
    def __eq__(self, other):
        TOUCHED.append("eq")
        return True
    __hash__ = object.__hash__
    def __repr__(self):
        TOUCHED.append("repr")
        return "hostile"
    @property
    def __class__(self):
        TOUCHED.append("class")
        return np.ndarray
H = Hostile()
def f(X, h=H, hs=(H, [H])):
    return np.asarray(X) * (H.anything is None)
""")
    F.references(ns["f"])
    with pytest.raises(AttributeError):
        run(ns["f"], X)
    touched = [t for t in ns["TOUCHED"] if t != "anything"]
    assert touched == [], touched


def test_importing_the_module_needs_only_the_standard_library():
    code = ("import sys; import fsgeom.forbidden as f; "
            "print(sorted(m for m in ('numpy', 'scipy', 'sklearn', 'matplotlib', 'ipywidgets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_thread_outliving_the_call_drops_the_hook():
    ns = notebook(NB_IMPORTS + """
import sys, threading
GO = threading.Event()
SEEN = []
def f(X):
    def later():
        GO.wait(5)
        sum(range(3))                  # a few events after run() returned
        SEEN.append(sys.getprofile())
    T.append(threading.Thread(target=later))
    T[0].start()
    return X
T = []
""")
    run(ns["f"], X, static=False)           # (statically, sys.getprofile is tampering)
    ns["GO"].set()
    ns["T"][0].join(5)
    assert ns["SEEN"] == [None]


def test_reference_callables_passed_by_the_grader_are_trusted():
    ns = notebook(NB_IMPORTS + """
def knn(X_train, y_train, X_test, metric, k=1):
    D = metric(X_test, X_train)
    return y_train[np.argsort(D, axis=1)[:, :k]][:, 0]
def student_metric(A, B):
    return CDIST(A, B)
""", CDIST=scipy.spatial.distance.cdist)
    y = np.arange(len(X))
    for static in (True, False):
        np.testing.assert_array_equal(run(ns["knn"], X, y, X, M.pairwise_euclidean, static=static), y)
        np.testing.assert_array_equal(run(ns["knn"], X, y, X, metric=M.pairwise_manhattan, static=static), y)
        err = caught(ns["knn"], X, y, X, ns["student_metric"], static=static)
        assert (err.what, err.how) == (CDIST, "call")       # the student's own metric is not trusted


# ================================================= imports of packages that are not loaded yet
@pytest.fixture
def fake_pkg(tmp_path, monkeypatch):
    """A fresh forbidden package ``fzpkg_<n>`` (never imported before): ``sub.dist``, and ``open_sub`` (to be
    allowed) whose ``wrapper`` uses ``sub`` internally."""
    _CELL[0] += 1
    name = f"fzpkg_{_CELL[0]}"
    root = tmp_path / name
    (root / "open_sub").mkdir(parents=True)
    (root / "__init__.py").write_text("LOADED = True\n")
    (root / "sub.py").write_text("import numpy as np\n\ndef dist(A, B):\n"
                                 "    return np.sqrt(((A[:, None] - B[None]) ** 2).sum(-1))\n")
    (root / "open_sub" / "__init__.py").write_text(
        f"from {name} import sub\n\ndef wrapper(A, B):\n    return sub.dist(A, B)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name
    for m in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[m]


@pytest.mark.parametrize("static", [True, False])
def test_an_import_inside_the_function_is_caught(fake_pkg, static):
    ns = notebook(f"""
def f(X, Y):
    import {fake_pkg}.sub
    return {fake_pkg}.sub.dist(X, Y)
""")
    rule = F.Rule((fake_pkg,))
    err = caught(ns["f"], X, Y, rule=rule, static=static)
    assert (err.what, err.how) == (f"{fake_pkg}.sub", "import")
    assert (fake_pkg in sys.modules) is not static          # the static check refused before running it


@pytest.mark.parametrize("static", [True, False])
def test_an_allowed_subpackage_may_be_imported_and_use_its_siblings(fake_pkg, static):
    ns = notebook(f"""
def f(X, Y):
    import {fake_pkg}.open_sub
    from {fake_pkg} import open_sub as o
    return {fake_pkg}.open_sub.wrapper(X, Y) + o.wrapper(X, Y)
def g(X, Y):
    from {fake_pkg}.open_sub import wrapper
    from {fake_pkg}.sub import dist
    return wrapper(X, Y) + dist(X, Y)
""")
    rule = F.Rule((fake_pkg,)).allowing(f"{fake_pkg}.open_sub")
    np.testing.assert_allclose(run(ns["f"], X, Y, rule=rule, static=static), 2 * M.pairwise_euclidean(X, Y))
    err = caught(ns["g"], X, Y, rule=rule, static=static)
    assert err.what == f"{fake_pkg}.sub.dist" and err.how == ("import" if static else "call")


# ------------------------------------------------------------------------------------- delegates
DELEGATE_SRC = '''
import numpy as np
from sklearn.preprocessing import StandardScaler

def _fit_helper(X):
    s = StandardScaler().fit(X)
    return s.mean_, s.scale_

def zscore_fit(X):
    return _fit_helper(np.asarray(X, dtype=float))

def zscore_transform(X, mean, std):
    return (np.asarray(X, dtype=float) - mean) / std

def scale_train_test(A, B):
    m, s = zscore_fit(A)
    return zscore_transform(A, m, s), zscore_transform(B, m, s)

def scale_alone(A, B):
    s = StandardScaler().fit(A)
    return s.transform(A), s.transform(B)
'''


def test_delegates_charge_a_forbidden_call_to_the_earlier_task_only():
    ns = notebook(DELEGATE_SRC)
    A, B = np.arange(6.0).reshape(3, 2), np.ones((2, 2))
    with pytest.raises(F.ForbiddenCall):                       # the earlier task pays
        F.run(ns["zscore_fit"], (A,))
    with pytest.raises(F.ForbiddenCall):                       # without delegates the later one too
        F.run(ns["scale_train_test"], (A, B))
    got = F.run(ns["scale_train_test"], (A, B), delegates=(ns["zscore_fit"], ns["zscore_transform"]))
    np.testing.assert_allclose(got[0].mean(axis=0), 0.0, atol=1e-12)
    # delegating does not excuse the function's own forbidden calls
    with pytest.raises(F.ForbiddenCall) as info:
        F.run(ns["scale_alone"], (A, B), delegates=(ns["zscore_fit"], ns["zscore_transform"]))
    assert "StandardScaler" in info.value.what


def test_naming_the_module_registry_is_not_a_forbidden_reference():
    # sys.modules holds scipy, sklearn and fsgeom once they are imported (a grading kernel pre-imports them):
    # a function that merely looks a module up there has not reached them (calling into one would be caught)
    import fsgeom.metrics  # noqa: F401
    ns = notebook(NB_IMPORTS + """
import sys
def numpy_version(X):
    return sys.modules["numpy"].__version__, np.asarray(X).sum()
def reach_through_the_registry(X, Y):
    return sys.modules["fsgeom.metrics"].pairwise_euclidean(X, Y)
""")
    assert F.references(ns["numpy_version"]) == []
    run(ns["numpy_version"], np.ones(3))
    # as in a grading kernel, where the course package is imported first (among the first entries of sys.modules)
    code = ("import fsgeom, fsgeom.metrics, sys\nfrom fsgeom import forbidden\n"
            "assert list(sys.modules).index('fsgeom') < 64\n"
            "ns = {'__name__': '__main__'}\n"
            "exec(compile('import sys\\ndef f(X):\\n    return sys.modules[\"numpy\"]', '<ipython-input-1>', 'exec'), ns)\n"
            "print(forbidden.references(ns['f']))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == "[]", out.stdout + out.stderr
    assert caught(ns["reach_through_the_registry"], np.ones((2, 2)), np.ones((1, 2))).how == "call"
