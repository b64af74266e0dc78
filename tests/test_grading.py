"""fsgeom.grading: robust comparisons that a notebook cannot fool, friendly bilingual messages, silent
warnings; nbguard.feedback: test-cell tracebacks reduced to one line."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

from fsgeom import grading as G
from nbguard.feedback import ReduceTestErrors, is_test_cell, reduce_error

EXPECTED = np.array([[0.0, 1.0], [2.0, 3.5]])


@pytest.fixture(params=["uk", "en"])
def lang(request, monkeypatch):
    monkeypatch.setenv("COURSE_LANG", request.param)
    return request.param


def msg(key, lang, **fmt):
    return G.message(key, **fmt) if False else G.tr(G.MESSAGES[key], lang, **fmt)


# ------------------------------------------------------------------------------------------ check_array
def test_accepts_arrays_of_any_numeric_dtype_and_layout():
    for got in (EXPECTED.copy(), EXPECTED.astype(np.float32), np.asfortranarray(EXPECTED),
                EXPECTED.T.copy().T, np.array([[0, 1], [2, 3.5]], dtype=np.longdouble)):
        out = G.check_array(got, EXPECTED)
        assert type(out) is np.ndarray and out.dtype == float
    G.check_array(np.array([[0, 1], [2, 4]]), [[0, 1], [2, 4]])          # integers are numbers too
    G.check_array(EXPECTED + 1e-9, EXPECTED)                               # within tolerance


def test_rejects_lists_with_a_hint(lang):
    with pytest.raises(G.CheckFailed) as info:
        G.check_array(EXPECTED.tolist(), EXPECTED, name="f")
    assert str(info.value) == msg("returned_list", lang, name="f", tname="list", shape="(2, 2)")
    with pytest.raises(G.CheckFailed, match="tuple"):
        G.check_array(tuple(EXPECTED), EXPECTED, name="f")


def test_rejects_none_strings_objects_and_complex(lang):
    with pytest.raises(G.CheckFailed) as info:
        G.check_array(None, EXPECTED, name="f")
    assert "return" in str(info.value)
    for bad in (np.array([["a", "b"], ["c", "d"]]), EXPECTED.astype(object), EXPECTED.astype(bool)):
        with pytest.raises(G.CheckFailed):
            G.check_array(bad, EXPECTED)
    with pytest.raises(G.CheckFailed, match="square root|кор[іе]н"):
        G.check_array(EXPECTED.astype(complex), EXPECTED)


class AlwaysEqual:
    """The classic cheat: equal to everything."""
    shape = EXPECTED.shape
    dtype = np.dtype(float)

    def __eq__(self, other):
        return True

    def __array__(self, dtype=None, copy=None):
        return EXPECTED.copy()


class Impostor:
    """Claims to be an ndarray through a __class__ property (fools isinstance, not type)."""
    __class__ = property(lambda self: np.ndarray)

    def __eq__(self, other):
        return True


def test_rejects_objects_that_claim_equality_or_fake_their_class():
    assert isinstance(Impostor(), np.ndarray)               # isinstance is fooled ...
    for cheat in (AlwaysEqual(), Impostor()):
        with pytest.raises(G.CheckFailed):                  # ... the check is not
            G.check_array(cheat, EXPECTED)


class Liar(np.ndarray):
    """An ndarray subclass whose comparisons and conversions lie."""

    def __eq__(self, other):
        return np.ones(np.shape(other), dtype=bool)

    def __array__(self, dtype=None, copy=None):
        return EXPECTED.copy()

    def astype(self, *args, **kwargs):
        return EXPECTED.copy()

    @property
    def dtype(self):
        return np.dtype(float)

    def __sub__(self, other):
        return np.zeros_like(EXPECTED)


def test_ndarray_subclass_is_judged_by_its_real_data():
    wrong = np.full((2, 2), 99.0).view(Liar)
    with pytest.raises(G.CheckFailed):
        G.check_array(wrong, EXPECTED)
    right = EXPECTED.copy().view(Liar)
    out = G.check_array(right, EXPECTED)
    assert type(out) is np.ndarray
    text = np.array([["x", "y"], ["z", "w"]]).view(Liar)     # dtype property lies: the real dtype is checked
    with pytest.raises(G.CheckFailed):
        G.check_array(text, EXPECTED)


def test_rebinding_numpy_in_a_notebook_does_not_fool_the_checks(monkeypatch):
    monkeypatch.setattr(np, "allclose", lambda *a, **k: True)
    monkeypatch.setattr(np, "isclose", lambda a, b, *r, **k: np.ones(np.broadcast(a, b).shape, bool))
    monkeypatch.setattr(np, "array_equal", lambda *a, **k: True)
    monkeypatch.setattr(np, "all", lambda *a, **k: True)
    monkeypatch.setattr(np, "isfinite", lambda x: np.ones(np.shape(x), bool))
    monkeypatch.setattr(np, "abs", lambda x: x * 0)
    monkeypatch.setattr(np, "absolute", lambda x: x * 0)
    monkeypatch.setattr(np, "broadcast_arrays", lambda a, b: (b, b))
    monkeypatch.setattr(np, "testing", None)
    with pytest.raises(G.CheckFailed):
        G.check_array(EXPECTED + 1.0, EXPECTED)
    with pytest.raises(G.CheckFailed):
        G.check_array(np.full((2, 2), np.nan), EXPECTED)
    with pytest.raises(G.CheckFailed):
        G.check_labels(np.array([0, 1, 1]), np.array([0, 1, 0]))
    assert not G.allclose([1.0, 2.0], [1.0, 2.5])


def test_shape_messages(lang):
    with pytest.raises(G.CheckFailed) as info:
        G.check_array(EXPECTED[:, :1].T.copy().reshape(1, 2), np.zeros((2, 1)), name="f")
    assert str(info.value) == msg("transposed", lang, name="f", got=(1, 2), expected=(2, 1))
    with pytest.raises(G.CheckFailed) as info:
        G.check_array(EXPECTED.ravel(), EXPECTED, name="f")
    assert str(info.value) == msg("flattened", lang, name="f", got=(4,), expected=(2, 2))
    with pytest.raises(G.CheckFailed) as info:
        G.check_array(np.zeros(3), EXPECTED, name="f", shape_hints={(3,): "EXTRA"})
    assert str(info.value).endswith("EXTRA")


def test_nan_and_mistake_hints(lang):
    bad = EXPECTED.copy()
    bad[0, 1] = np.nan
    with pytest.raises(G.CheckFailed) as info:
        G.check_array(bad, EXPECTED, name="f", nan_hint="NANHINT")
    assert msg("not_finite", lang, name="f", count=1, size=4) in str(info.value) and "NANHINT" in str(info.value)
    with pytest.raises(G.CheckFailed) as info:
        G.check_array(EXPECTED ** 2, EXPECTED, name="f", mistakes=[(EXPECTED * 7, "no"), (EXPECTED ** 2, "SQUARED")])
    assert str(info.value) == "f: SQUARED"
    with pytest.raises(G.CheckFailed) as info:                 # a mistake equal to the answer is never blamed
        G.check_array(EXPECTED + 5, EXPECTED, name="f", mistakes=[(EXPECTED, "WRONG HINT")])
    assert "WRONG HINT" not in str(info.value) and "8.5" in str(info.value)


def test_tolerance_scaled_to_data_magnitude():
    X = np.array([[40_000.0, 30.0], [40_000.5, 31.0]])
    assert G.data_atol(X) == pytest.approx(1e-6 * 40_000.5)
    D = np.array([[0.0, 1.1180339887], [1.1180339887, 0.0]])
    G.check_array(D + 3e-3 * np.eye(2), D, atol=G.data_atol(X))   # expansion-trick error on the diagonal
    with pytest.raises(G.CheckFailed):
        G.check_array(D + 1.0 * np.eye(2), D, atol=G.data_atol(X))


# ------------------------------------------------------------------------------------------ call / expect_raises
def test_call_silences_warnings_and_copies_arrays(recwarn):
    def noisy(X):
        warnings.warn("deprecated!", DeprecationWarning)
        X[0, 0] = 100.0                                   # mutates its (copied) input
        return np.sqrt(np.array([-1.0, 4.0]))             # RuntimeWarning: invalid value
    X = EXPECTED.copy()
    out = G.call(noisy, X)
    assert np.isnan(out[0]) and out[1] == 2.0
    assert X[0, 0] == 0.0
    assert len(recwarn) == 0


def test_call_reports_not_implemented_and_student_errors(lang):
    def todo(x):
        raise NotImplementedError()
    with pytest.raises(G.NotImplementedYet) as info:
        G.call(todo, 1, task="t")
    assert str(info.value) == msg("not_implemented", lang, name="todo") and info.value.task == "t"

    def broken(x):
        return x / 0
    with pytest.raises(G.StudentError) as info:
        G.call(broken, 1.0)
    assert "ZeroDivisionError" in str(info.value) and isinstance(info.value.__cause__, ZeroDivisionError)
    assert isinstance(info.value, AssertionError)


def test_expect_raises(lang):
    def strict(x):
        if x < 0:
            raise ValueError("negative")
        return x

    def lax(x):
        return x

    def wrong(x):
        raise IndexError("oops")
    assert isinstance(G.expect_raises(strict, -1), ValueError)
    with pytest.raises(G.CheckFailed) as info:
        G.expect_raises(lax, -1, why="x < 0", name="lax")
    assert str(info.value) == msg("no_raise", lang, name="lax", args="(-1)", exc="ValueError", why="x < 0")
    with pytest.raises(G.CheckFailed, match="IndexError"):
        G.expect_raises(wrong, -1)
    import numpy.linalg as la

    def singular(x):
        return la.inv(np.ones((2, 2)))
    G.expect_raises(singular, 0)                          # LinAlgError is a ValueError
    G.expect_raises(wrong, 0, exc=(ValueError, IndexError))


def test_expect_raises_drops_warnings_of_the_failing_call(recwarn):
    def warns_then_raises(x):
        np.array([1.0]) / np.array([0.0])
        warnings.warn("careful", UserWarning)
        raise ValueError("bad")
    G.expect_raises(warns_then_raises, 0)
    assert len(recwarn) == 0


# ------------------------------------------------------------------------------------------ scalars, tuples, labels
def test_check_scalar_and_tuple():
    assert G.check_scalar(np.float64(2.0), 2.0) == 2.0
    assert G.check_scalar(np.array([2.0]), 2.0) == 2.0
    assert G.check_scalar(2, 2.0) == 2.0
    for bad in ("2", [2.0], None, True, np.array([1.0, 2.0])):
        with pytest.raises(G.CheckFailed):
            G.check_scalar(bad, 2.0)
    with pytest.raises(G.CheckFailed):
        G.check_scalar(2.1, 2.0)
    assert G.check_tuple([1, 2], 2) == (1, 2)
    with pytest.raises(G.CheckFailed):
        G.check_tuple((1, 2, 3), 2)
    with pytest.raises(G.CheckFailed):
        G.check_tuple(np.array([1, 2]), 2)


def test_check_labels(lang):
    G.check_labels(np.array(["a", "b"]), np.array(["a", "b"]))
    G.check_labels(np.array([1.0, 2.0]), np.array([1, 2]))
    with pytest.raises(G.CheckFailed) as info:
        G.check_labels(np.array(["a", "a", "c"]), np.array(["a", "b", "c"]), name="knn")
    assert "1" in str(info.value) and "'b'" in str(info.value)
    with pytest.raises(G.CheckFailed, match="list|списк"):
        G.check_labels(["a", "b"], np.array(["a", "b"]))
    with pytest.raises(G.CheckFailed):
        G.check_labels(np.array([0, 1]), np.array(["a", "b"]))


def test_all_messages_are_bilingual():
    for key, text in G.MESSAGES.items():
        assert set(text) == {"uk", "en"}, key


def test_check_failed_renders_as_one_line_in_ipython():
    err = G.CheckFailed("a friendly hint", "task")
    assert err._render_traceback_() == ["\x1b[0;31mCheckFailed\x1b[0m: a friendly hint"]


# ------------------------------------------------------------------------------------------ feedback
def test_reduce_test_errors_cuts_tracebacks_of_test_cells_only():
    import nbformat
    tb = ["\x1b[0;31m----> 3 secret_hidden_line()\x1b[0m", "CheckFailed: hint"]
    test_cell = nbformat.v4.new_code_cell("x", metadata={"nbgrader": {"grade": True, "solution": False}})
    test_cell.outputs = [nbformat.v4.new_output("error", ename="CheckFailed", evalue="hint", traceback=tb)]
    student = nbformat.v4.new_code_cell("y", metadata={"nbgrader": {"grade": False, "solution": True}})
    student.outputs = [nbformat.v4.new_output("error", ename="E", evalue="v", traceback=list(tb))]
    nb = nbformat.v4.new_notebook(cells=[test_cell, student])
    assert is_test_cell(test_cell) and not is_test_cell(student)
    nb, _ = ReduceTestErrors().preprocess(nb, {})
    assert nb.cells[0].outputs[0]["traceback"] == ["CheckFailed: hint"]
    assert nb.cells[1].outputs[0]["traceback"] == tb
    assert reduce_error({"ename": "E", "evalue": "", "traceback": tb})["traceback"] == ["E"]
    assert ReduceTestErrors().enabled


# ------------------------------------------------------------------------------------- the numpy-only rule
def _cdist_euclid(X, Y):
    from scipy.spatial.distance import cdist
    return cdist(X, Y)


@pytest.mark.parametrize("lang, text", [("uk", "у цьому завданні це заборонено"), ("en", "which this task does not allow")])
def test_call_names_a_forbidden_call_in_the_notebooks_language(lang, text, monkeypatch):
    monkeypatch.setenv("COURSE_LANG", lang)
    X = np.ones((2, 2))
    with pytest.raises(G.ForbiddenUse) as info:
        G.call(_cdist_euclid, X, X, task="pairwise_euclidean")
    assert text in str(info.value) and "scipy.spatial.distance.cdist" in str(info.value)
    assert info.value.what == "scipy.spatial.distance.cdist" and info.value.task == "pairwise_euclidean"
    with pytest.raises(G.ForbiddenUse):                       # bad-input checks watch the calls too
        G.expect_raises(_cdist_euclid, X, np.ones((2, 3)), why="different feature counts")


def test_call_allows_what_a_task_allows_and_charges_earlier_tasks_once():
    X = np.ones((2, 2))
    np.testing.assert_array_equal(G.call(_cdist_euclid, X, X, allow=("scipy.spatial",)), np.zeros((2, 2)))

    def later_task(A):                       # builds on an earlier task's (forbidden) function
        return _cdist_euclid(A, A).sum()
    with pytest.raises(G.ForbiddenUse):
        G.call(later_task, X)
    assert G.call(later_task, X, uses=(_cdist_euclid,)) == 0.0


def test_a_student_error_under_the_monitor_shows_only_the_students_frames():
    def boom(X):
        return X[0, 0] / {}
    with pytest.raises(G.StudentError) as info:
        G.call(boom, np.ones((2, 2)))
    rendered = "\n".join(info.value._render_traceback_())
    assert "boom" in rendered
    assert "fsgeom/forbidden.py" not in rendered and "fsgeom/grading.py" not in rendered


def test_bind_references_judges_a_later_task_with_the_reference_of_an_earlier_one():
    """``call_built, expect_raises_built = grading.bind_references(REFERENCE)``: while the later function runs, the
    student's earlier function is replaced by the reference (one mistake charged once) and restored afterwards."""
    from fsgeom import grading
    reference = grading.compile_references("def double(x):\n    return 2 * np.asarray(x)\n", ("double",))
    call_built, expect_raises_built = grading.bind_references(reference)
    assert (call_built.__name__, expect_raises_built.__name__) == ("call_built", "expect_raises_built")
    notebook = {"np": np}
    exec(compile("def double(x):\n    return 3 * np.asarray(x)\n"           # the student's wrong earlier task
                 "def quadruple(x):\n"
                 "    if np.any(np.asarray(x) < 0):\n        raise ValueError('negative')\n"
                 "    return double(double(x))\n", "<notebook>", "exec"), notebook)
    wrong_earlier, later = notebook["double"], notebook["quadruple"]
    np.testing.assert_array_equal(call_built(later, np.array([1.0, 2.0]), uses=("double",)), [4.0, 8.0])
    assert notebook["double"] is wrong_earlier                              # restored
    np.testing.assert_array_equal(grading.call(later, np.array([1.0])), [9.0])   # unbound: the student's own
    expect_raises_built(later, np.array([-1.0]), uses=("double",), why="negative")
    assert notebook["double"] is wrong_earlier


def test_bind_hints_speaks_the_notebooks_language(monkeypatch):
    """``_h, why = grading.bind_hints(HINTS)``, what every module's checks bind: a hint with its fields filled in, and
    a bad input's description, each in the language of the moment (not of the binding)."""
    hints = {"k": {"uk": "ключ {n}", "en": "key {n}"}, "bad": {"uk": "погано", "en": "bad"}}
    h, why = G.bind_hints(hints)
    for lang, text, bad in (("uk", "ключ 3", "погано"), ("en", "key 3", "bad")):
        monkeypatch.setenv("COURSE_LANG", lang)
        assert h("k", n=3) == text and why("bad") == bad
    with pytest.raises(KeyError):
        why("missing")
