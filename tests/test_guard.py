"""Unit tests of the guard's pieces (nbguard): path policy and audit hook, cell analysis and the
completion nonce, the kernel-side restore, the static scanner, the tolerant reader. The end-to-end behaviour
through nbgrader is tested in tests/test_hostile.py."""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from nbguard import cells, policy, runtime, scan
from nbguard.launch import parse_size


# ------------------------------------------------------------------------------------------- policy
@pytest.fixture
def course(tmp_path):
    root = tmp_path / "course"
    own = root / "autograded" / "alice" / "a1"
    for d in (own, root / "solutions" / "uk" / "a1", root / "submitted" / "bob" / "a1", tmp_path / "venv" / "lib",
              tmp_path / "private"):
        d.mkdir(parents=True)
    (root / "gradebook.db").write_bytes(b"")
    (root / "solutions" / "uk" / "a1" / "a1.ipynb").write_text("{}")
    (own / "a1.ipynb").write_text("{}")
    (own / "data.csv").write_text("1,2\n")
    pol = policy.PathPolicy.build(own=own, deny_roots=[root], read_roots=[tmp_path / "venv", ""],
                                  write_roots=[tmp_path / "private"], lib_roots=[tmp_path / "venv"])
    return types.SimpleNamespace(root=root, own=own, pol=pol, tmp=tmp_path)


def test_reads(course):
    ok = lambda p: course.pol.can_read(p)[0]  # noqa: E731
    assert ok(course.own / "data.csv")
    assert ok(course.tmp / "venv" / "lib" / "numpy.py")
    assert ok("/etc/hostname")                                   # outside the denied roots
    assert not ok(course.own / "a1.ipynb")                       # the autograded copy holds hidden tests
    assert not ok(course.root / "solutions" / "uk" / "a1" / "a1.ipynb")
    assert not ok(course.root / "submitted" / "bob" / "a1")
    assert not ok(course.root / "gradebook.db")
    assert not ok("/anywhere/else/grades.sqlite")
    assert not ok(course.own / ".." / ".." / ".." / "nbgrader_config.py")


def test_symlink_resolved(course):
    link = course.own / "sneaky"
    os.symlink(course.root / "solutions", link)
    assert not course.pol.can_read(link / "uk" / "a1" / "a1.ipynb")[0]


def test_writes(course):
    ok = lambda p: course.pol.can_write(p)[0]  # noqa: E731
    assert ok(course.own / "out.txt")
    assert ok(course.tmp / "private" / "x")
    assert ok(os.devnull)
    assert not ok(course.tmp / "venv" / "lib" / "numpy.py")     # readable, not writable
    assert not ok(course.root / "autograded" / "bob" / "a1" / "x")
    assert not ok(os.path.expanduser("~/.ipython/profile_default/startup/evil.py"))
    assert not ok(course.own / "gb.db")


def test_read_root_containing_a_denied_root_is_dropped(course):
    pol = policy.PathPolicy.build(own=course.own, deny_roots=[course.root], read_roots=[course.root.parent])
    assert pol.read_roots == ()
    assert not pol.can_read(course.root / "gradebook.db")[0]


@pytest.mark.parametrize("event,args,refused", [
    ("open", ("{sol}", "r", 0), True),
    ("open", ("{own}/data.csv", "r", 0), False),
    ("open", ("{own}/x.txt", None, os.O_WRONLY | os.O_CREAT), False),
    ("open", ("/etc/passwd", "w", 0), True),
    ("open", (3, "r", 0), False),
    ("os.listdir", ("{root}",), True),
    ("os.scandir", (None,), False),             # the cwd = own folder? no: the test process cwd (not denied)
    ("glob.glob", ("{root}/solutions/*/*", False), True),
    ("os.remove", ("{root}/gradebook.db", None), True),
    ("os.rename", ("{own}/a", "{root}/b", None, None), True),
    ("shutil.copyfile", ("{sol}", "{own}/stolen"), True),
    ("sqlite3.connect", ("{root}/gradebook.db",), True),
    ("sqlite3.connect", (":memory:",), False),
    ("os.system", (b"ls",), True), ("subprocess.Popen", ("ls", ["ls"], None, None), True),
    ("os.kill", (1, 9), True), ("os.killpg", (1, 9), True), ("resource.setrlimit", (9, (1, 1)), True),
    ("sys.addaudithook", (), True), ("gc.get_objects", (-1,), True), ("socket.connect", (None, ("h", 1)), True),
    ("os.link", ("a", "b", None, None), True), ("os.symlink", ("a", "b", None), True),
    ("ctypes.dlopen", (None,), True), ("ctypes.dlopen", ("libc.so.6",), True),
    ("ctypes.dlopen", ("{venv}/lib/libopenblas.so",), False),
    ("ctypes.cdata", (12345,), True), ("ctypes.string_at", (1, 2), True),
    ("object.__setattr__", (len, "__code__", None), True),
    ("object.__setattr__", (type, "__doc__", "x"), False),
    ("compile", (b"x", "<string>"), False), ("import", ("json", None, [], [], []), False),
])
def test_check_event(course, event, args, refused):
    fill = dict(sol=course.root / "solutions" / "uk" / "a1" / "a1.ipynb", own=course.own, root=course.root,
                venv=course.tmp / "venv")
    args = tuple(a.format(**fill) if isinstance(a, str) else a for a in args)
    assert (course.pol.check_event(event, args) is not None) == refused


def test_ctypes_dlsym_only_thread_controls(course):
    lib = types.SimpleNamespace(_name=str(course.tmp / "venv" / "lib" / "libopenblas.so"))
    assert course.pol.check_event("ctypes.dlsym", (lib, "openblas_set_num_threads")) is None
    assert course.pol.check_event("ctypes.dlsym", (lib, "system")) is not None       # libc via dependencies
    assert course.pol.check_event("ctypes.dlsym", (types.SimpleNamespace(_name=None), "getpid")) is not None


def test_audit_hook_in_a_subprocess(course, tmp_path):
    """Installed for real: refusals raise PermissionError, are logged, and the hook cannot be bypassed by
    adding another hook or by rebinding the policy object."""
    log = tmp_path / "events.jsonl"
    script = textwrap.dedent(f"""
        import os, sys, json, subprocess
        from nbguard import policy
        pol = policy.PathPolicy.build(own={str(course.own)!r}, deny_roots=[{str(course.root)!r}])
        fd = os.open({str(log)!r}, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        sys.addaudithook(policy.make_audit_hook(pol, fd))
        object.__setattr__(pol, "deny_roots", ())          # the hook holds its own copy
        results = {{}}
        def attempt(name, fn):
            try:
                fn(); results[name] = "allowed"
            except PermissionError:
                results[name] = "refused"
        attempt("read_solution", lambda: open({str(course.root / "solutions/uk/a1/a1.ipynb")!r}).read())
        attempt("read_own", lambda: open({str(course.own / "data.csv")!r}).read())
        attempt("subprocess", lambda: subprocess.run(["true"]))
        attempt("kill_parent", lambda: os.kill(os.getppid(), 0))
        called = []
        sys.addaudithook(lambda ev, args: called.append(ev))   # refused: CPython then drops it silently
        results["new_hook"] = "added" if (open(os.devnull).close() or called) else "not added"
        import resource
        attempt("setrlimit", lambda: resource.setrlimit(resource.RLIMIT_CORE, (0, 0)))
        print(json.dumps(results))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          cwd=course.own)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout.strip().splitlines()[-1])
    assert results == {"read_solution": "refused", "read_own": "allowed", "subprocess": "refused",
                       "kill_parent": "refused", "new_hook": "not added", "setrlimit": "refused"}
    events = [json.loads(line)["event"] for line in log.read_text().splitlines()]
    assert events == ["open", "subprocess.Popen", "os.kill", "sys.addaudithook", "resource.setrlimit"]


# ------------------------------------------------------------------------------------------- cells / nonce
def test_loaded_and_bound_names():
    src = "import numpy as np\nfrom a.b import c as d\nx = f(y)\nfor i in range(3):\n    z = np.abs(i)\n" \
          "def g(k):\n    return k + w\n"
    assert cells.loaded_names(src) == {"f", "y", "range", "w"}
    assert cells.bound_names(src) == ["np", "d", "x", "i", "z", "g"]
    assert cells.builtin_shadows(src) == ["__import__", "range"]


def _run_injected(src, nonce):
    marks = []
    entry = types.SimpleNamespace(mark=marks.append)
    code = cells.inject_nonce(src, nonce)
    ast.parse(code)
    ns = {"_entry": entry}
    exec(code.replace(runtime.ENTRY, "_entry"), ns)  # noqa: S102  (test of our own generated code)
    return code, ns, marks


@pytest.mark.parametrize("src,value", [
    ("x = 1\nassert x == 1\n", None),
    ("x = 2\nx * 3", 6),
    ("x = 2; x * 4  # comment", 8),
    ("f = lambda: 'привіт'\n(f()\n + '!')\n", "привіт!"),
    ("if True:\n    y = 5\n", None),
    ("", None),
])
def test_inject_nonce_keeps_the_displayed_value(src, value):
    code, ns, marks = _run_injected(src, "abc")
    assert marks == ["abc"]
    if value is not None:
        tree = ast.parse(code)
        assert isinstance(tree.body[-1], ast.Expr)
        assert eval(compile(ast.Expression(tree.body[-1].value), "<x>", "eval"), ns) == value  # noqa: S307


def test_nonce_missing_when_the_cell_stops_early():
    with pytest.raises(AssertionError):
        _run_injected("assert False\n", "n1")


def test_scrub_removes_the_marker():
    nonce = "deadbeef"
    code = cells.inject_nonce("x = 1\nx + 1", nonce)
    assert cells.scrub(code, nonce) == "x = 1\n(x + 1\n)"
    assert nonce not in cells.scrub(code, nonce) and "_GuardEntry" not in cells.scrub(code, nonce)


def test_nonces_are_unique():
    assert len({cells.new_nonce() for _ in range(1000)}) == 1000


# ------------------------------------------------------------------------------------------- runtime
class _Events:
    def __init__(self):
        self.callbacks = {"pre_execute": [], "post_run_cell": []}


class _TM:
    def __init__(self):
        self.cleanup_transforms, self.line_transforms, self.token_transformers = [], [], []


class _Shell:
    def run_cell(self):
        return "real"

    def __init__(self):
        self.user_ns = {}
        self.input_transformers_cleanup = []
        self.input_transformers_post = []
        self.input_transformer_manager = _TM()
        self.ast_transformers = []
        self.events = _Events()
        self.exit_now = False
        self.kernel = None


@pytest.fixture
def rt(monkeypatch):
    """runtime.install on a fake shell with a fake protected module (the real one is used in the kernel)."""
    mod = types.ModuleType("fake_numpy")
    mod.allclose = lambda *a, **k: "real"
    mod.pi = 3.14
    monkeypatch.setitem(sys.modules, "fake_numpy", mod)
    shell = _Shell()
    saved = dict(runtime._STATE)
    runtime.install(shell, protect=("fake_numpy",), freeze=(), extra_freeze=("fake_numpy",))
    yield types.SimpleNamespace(shell=shell, mod=sys.modules["fake_numpy"])
    object.__setattr__(mod, "__class__", types.ModuleType)
    runtime._STATE.clear()
    runtime._STATE.update(saved)


def test_frozen_module_refuses_rebinding(rt):
    with pytest.raises(PermissionError):
        rt.mod.allclose = lambda *a, **k: True
    with pytest.raises(PermissionError):
        del rt.mod.allclose
    with pytest.raises(PermissionError):
        rt.mod.__class__ = types.ModuleType
    rt.mod.new_name = 1                       # importing a submodule adds a name: allowed


def test_sync_restores_and_reports(rt):
    vars(rt.mod)["allclose"] = lambda *a, **k: "fake"       # the __dict__ route around the freeze
    rt.shell.input_transformers_cleanup.append(lambda lines: [])
    rt.shell.ast_transformers.append(object())
    rt.shell.events.callbacks["post_run_cell"].append(print)
    rt.shell.run_cell = lambda *a: "fake"                     # instance attribute shadowing a method
    out = json.loads(runtime.sync("{}"))
    assert rt.mod.allclose() == "real"
    assert rt.shell.input_transformers_cleanup == [] and rt.shell.ast_transformers == []
    assert rt.shell.events.callbacks["post_run_cell"] == []
    assert rt.shell.run_cell() == "real"
    assert {"fake_numpy.allclose", "shell.input_transformers_cleanup[]", "shell.ast_transformers[]",
            "events.post_run_cell", "_Shell.run_cell"} <= set(out["restored"])
    assert json.loads(runtime.sync("{}"))["restored"] == []


def test_check_reports_marks_tampering_and_captures(rt):
    runtime.sync(json.dumps({"graded": True, "hide": ["all"], "bind": []}))
    runtime.mark("n1")
    out = json.loads(runtime.check(json.dumps({"nonce": "n1"})))
    assert out["marked"] and out["tampered"] == []
    runtime.sync("{}")
    vars(rt.mod)["allclose"] = lambda *a, **k: "fake"         # during the "test"
    out = json.loads(runtime.check(json.dumps({"nonce": "n2"})))
    assert not out["marked"] and out["tampered"] == ["fake_numpy.allclose"]


def test_graded_sync_hides_builtin_shadows_and_binds_trusted_names(rt):
    ns = rt.shell.user_ns
    ns["data"] = [1, 2, 3]
    runtime.check(json.dumps({"capture": ["data"]}))          # after an instructor cell
    ns["data"] = [0]                                          # the student overwrites it
    ns["all"] = lambda x: True                                # and shadows a builtin
    out = json.loads(runtime.sync(json.dumps({"graded": True, "hide": ["all"], "bind": ["data"]})))
    assert ns["data"] == [1, 2, 3] and "all" not in ns
    assert out["bound"] == ["data"] and out["hidden"] == ["all"]
    ns["data"].append(4)                                      # a fresh copy each time
    runtime.check(json.dumps({}))
    assert "all" in ns                                        # the student's name comes back after the test
    runtime.sync(json.dumps({"graded": True, "bind": ["data"]}))
    assert ns["data"] == [1, 2, 3]


def test_entry_expression_finds_the_runtime():
    entry = eval(runtime.ENTRY, {"__builtins__": {}})       # noqa: S307  (no names needed at all)
    assert entry is runtime._GuardEntry


# ------------------------------------------------------------------------------------------- scanner
def _rules(src):
    return {f["rule"] for f in scan.scan_source(textwrap.dedent(src))}


@pytest.mark.parametrize("src,rule", [
    ("import numpy as np\nnp.allclose = lambda *a, **k: True", "monkeypatch"),
    ("import numpy as np\nsetattr(np, 'allclose', f)", "setattr"),
    ("import fsgeom.grading as g\ng.__dict__['call'] = f", "monkeypatch"),
    ("import sys\nsys.modules['fsgeom.grading'] = x", "monkeypatch"),
    ("get_ipython().input_transformers_cleanup.append(f)", "ipython_internals"),
    ("ip = get_ipython()\nip.events.register('post_run_cell', f)", "ipython_internals"),
    ("import os\nos._exit(0)", "exit"),
    ("raise SystemExit", "raise_exit"),
    ("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)", "signal"),
    ("class A:\n    def __eq__(self, o): return True", "eq_override"),
    ("while True:\n    pass", "infinite_loop"),
    ("x = [0] * 10**10", "big_allocation"),
    ("open('../../../solutions/uk/a/a.ipynb')", "course_path"),
    ("import ctypes", "dangerous_import"),
    ("!cat /etc/passwd", "shell_escape"),
    ("f.__globals__['x'] = 1", "introspection"),
])
def test_scanner_finds(src, rule):
    assert rule in _rules(src)


def test_scanner_quiet_on_honest_code():
    src = '''
    import numpy as np
    def zscore_fit(X):
        X = np.asarray(X, dtype=float)
        std = X.std(axis=0)
        std[np.ptp(X, axis=0) == 0] = 1.0
        while True:
            break
        return X.mean(axis=0), std
    '''
    assert _rules(src) == set()


def test_scanner_takes_the_course_names_from_configuration():
    """nbguard knows no course: the grading modules and the checks' exception are passed in."""
    src = "import mycourse.grading as grading\ngrading.call = f\ntry:\n    x()\nexcept CheckFailed:\n    pass\n"
    assert not {"monkeypatch", "except_base"} & _rules(src)
    found = {f["rule"] for f in scan.scan_source(src, scan.MODULE_NAMES | {"grading"},
                                                 scan.EXCEPTION_NAMES | {"CheckFailed"})}
    assert {"monkeypatch", "except_base"} <= found


# ------------------------------------------------------------------------------------------- configuration
def _course_config(monkeypatch, **env):
    from nbguard import coursedir
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("COURSE_LANG", env.get("COURSE_LANG", "uk"))   # the config sets it only by default
    return coursedir.load_config(Path(__file__).resolve().parents[1])


def test_course_configuration_of_the_guard(monkeypatch):
    """The course's nbgrader_config.py gives nbguard what used to be hard-wired: pre-imports, protected and
    frozen packages, the repository as a denied folder, the scanner's names, the message language."""
    from nbguard import execute, finalize, inspect_cells, report_writer
    cfg = _course_config(monkeypatch, COURSE_LANG="en")
    assert cfg.Autograde.exporter_class.__module__ == "nbguard.exporter"
    assert _guard_pieces(cfg) == [inspect_cells.GuardInspect, finalize.GuardFinalize, execute.GuardedExecute,
                                report_writer.GuardReport]
    ge = cfg.GuardedExecute
    assert ge.preimport == ["numpy", "numpy.testing", "numpy.linalg", "fsgeom", "fsgeom.grading", "fsgeom.tasks"]
    assert set(ge.protected_modules) == set(runtime.PROTECTED_PREFIXES) | {"fsgeom", "scipy", "sklearn"}
    assert ge.frozen_packages == ["fsgeom"] and ge.language == "en"
    assert ge.deny_paths == [str(Path(__file__).resolve().parents[1])]
    assert {"fsgeom", "grading", "checks"} <= set(cfg.GuardFinalize.scan_module_names)
    assert "CheckFailed" in cfg.GuardFinalize.scan_exception_names
    assert cfg.GenerateFeedback.preprocessors[2].__module__ == "nbguard.feedback"


def _code_lines(text: str) -> list:
    return [ln.split("#")[0].rstrip() for ln in text.splitlines() if ln.split("#")[0].strip()]


def test_readme_shows_the_guard_block_of_the_config():
    """The block another course copies (README) is the course's own guard block (nbgrader_config.py)."""
    root = Path(__file__).resolve().parents[1]
    config = (root / "nbgrader_config.py").read_text(encoding="utf-8")
    block = config.split("# --- autograde guard ---", 1)[1].split("# --- end autograde guard ---", 1)[0]
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Using the guard in another nbgrader course", 1)[1]
    shown = section.split("```python", 1)[1].split("```", 1)[0]
    assert _code_lines(shown) == _code_lines(block)


def _guard_pieces(cfg):
    return [p for p in [*cfg.Autograde.sanitize_preprocessors, *cfg.Autograde.autograde_preprocessors]
            if p.__module__.startswith("nbguard.")]


def test_off_switch(monkeypatch):
    cfg = _course_config(monkeypatch, NBGUARD="off")
    assert "exporter_class" not in cfg.Autograde and "GuardedExecute" not in cfg


def test_messages_in_the_configured_language():
    from nbguard.messages import MESSAGES, message
    assert all(set(text) == {"uk", "en"} for text in MESSAGES.values())
    assert message("truncated", "uk", limit=5) == MESSAGES["truncated"]["uk"].format(limit=5)
    assert message("exhausted", "de") == MESSAGES["exhausted"]["en"]


def test_gradebook_location_from_nbgrader(tmp_path):
    from nbguard import coursedir, gradebook
    cd = coursedir.course_directory(tmp_path)
    assert gradebook.db_url(tmp_path) == cd.db_url == f"sqlite:///{tmp_path / 'gradebook.db'}"
    assert gradebook.sqlite_path(cd) == gradebook.sqlite_path(tmp_path) == tmp_path / "gradebook.db"
    assert gradebook.sqlite_path("sqlite:///gb.db", base=tmp_path) == tmp_path / "gb.db"
    assert gradebook.sqlite_path("sqlite:///gb.db?mode=ro") == Path("gb.db")
    assert gradebook.sqlite_path("postgresql://u@h/db") is None and gradebook.sqlite_path("sqlite://") is None
    assert gradebook.sqlite_path(gradebook.sqlite_url(tmp_path / "x.db")) == (tmp_path / "x.db").resolve()


def test_kernel_reads_the_folders_of_preimported_packages():
    """Read roots come from the pre-imported modules' files (an editable install may live inside a denied
    folder, e.g. the course repository), not from a package name nbguard knows."""
    import email.mime.text  # noqa: F401  (a package loaded with a submodule)

    from nbguard import kernel
    resolved = lambda paths: {str(Path(p).resolve()) for p in paths}  # noqa: E731
    roots = resolved(kernel.package_roots(["email.mime.text", "nbguard.scan", "not.loaded"]))
    assert resolved(sys.modules["email"].__path__) | resolved(sys.modules["email.mime"].__path__) <= roots
    assert str(Path(scan.__file__).resolve().parent) in roots
    assert str(Path(kernel.__file__).resolve().parent) in resolved(kernel.read_roots())


# ------------------------------------------------------------------------------------------- misc
def test_parse_size():
    assert parse_size("2G") == 2 * 2**30 and parse_size("512M") == 512 * 2**20 and parse_size("0") == 0
    assert parse_size("1.5GiB") == int(1.5 * 2**30) and parse_size(None) == 0 and parse_size("100") == 100


def test_structural_check_of_notebooks():
    from nbguard.exporter import structurally_ok
    assert structurally_ok({"cells": [], "metadata": {}}) is None
    assert structurally_ok({"cells": {}}) is not None
    assert structurally_ok({"cells": [{"cell_type": "code", "source": 3}]}) is not None
    assert structurally_ok([]) is not None


def test_failed_kernel_start_is_retried_on_a_new_kernel_manager(tmp_path, monkeypatch):
    """A kernel that dies before answering (e.g. its port was taken between choosing and binding it) is a
    grader-side accident: the executor starts a new kernel manager (new ports) and grades normally."""
    import nbformat
    from nbguard import execute as gexec

    real = gexec.GuardedExecute.create_kernel_manager
    calls = []

    def flaky(self):
        km = real(self)
        calls.append(km)
        if len(calls) == 1:  # first start: a "kernel" that dies at once, like ipykernel on EADDRINUSE
            km.kernel_spec_manager._guard_argv = [sys.executable, "-c", "import sys; sys.exit(3)"]
        return km

    monkeypatch.setattr(gexec.GuardedExecute, "create_kernel_manager", flaky)
    monkeypatch.chdir(tmp_path)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    ep = gexec.GuardedExecute(timeout=30, startup_timeout=20)
    nb, res = ep.preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    assert len(calls) == 2, "the failed start was not retried with a new kernel manager"
    assert calls[0] is not calls[1]
    assert nb.cells[0].outputs[0]["text"].strip() == "42"
    flags = res["nbguard"]["runtime"]["flags"]
    assert any(f["kind"] == "kernel_start_retry" for f in flags)


def test_reading_a_course_configuration_leaves_the_environment_alone(tmp_path, monkeypatch):
    """A course's nbgrader_config.py may set variables for its kernels (this course: COURSE_LANG); an instructor tool
    that only reads the configuration must not carry them into this process (it once made every English lecture run
    later in the same test process print Ukrainian)."""
    from nbguard import coursedir
    (tmp_path / "nbgrader_config.py").write_text(
        "import os\nos.environ.setdefault('COURSE_LANG', 'uk')\nos.environ['NBGUARD_TEST_VAR'] = '1'\n"
        "c = get_config()\nc.CourseDirectory.source_directory = 'src-here'\n")
    monkeypatch.delenv("COURSE_LANG", raising=False)
    cd = coursedir.course_directory(tmp_path, config=True)
    assert cd.source_directory == "src-here"                           # the configuration was read ...
    assert "COURSE_LANG" not in os.environ and "NBGUARD_TEST_VAR" not in os.environ   # ... and left no trace
