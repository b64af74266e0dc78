"""Static scan of the cells a student can edit, for patterns that tamper with grading.

Findings are *flags for the instructor*, never a score by themselves: a pattern can be innocent (``open`` to
read a provided data file) and a determined cheat can be obfuscated past any scanner. The runtime guard
(:mod:`nbguard.execute`) is what changes scores; the scan explains and catches what the runtime cannot
see (e.g. a patch that restores itself before the check).

Each finding: ``{"rule", "severity" ("high"|"medium"|"low"), "line", "detail"}``.

What is specific to a course is passed in (``GuardFinalize.scan_module_names`` / ``scan_exception_names``,
set by :func:`nbguard.config.apply`): the names under which students may reach the course's grading modules,
and the exception its checks raise.
"""
from __future__ import annotations

import ast
import re

from .runtime import VALUE_VAR

__all__ = ["scan_source", "RULES", "MODULE_NAMES", "EXCEPTION_NAMES"]

#: module aliases whose attributes a submission must not rebind (a course adds its own grading modules)
MODULE_NAMES = frozenset({"np", "numpy", "builtins", "__builtins__", "math", "scipy", "sp", "sklearn", "sys", "os",
                          "IPython", "ipykernel", "testing", "npt", "unittest", "operator", "functools", "warnings",
                          "distance", "spatial"})
#: exceptions whose handlers are reported (``except_base``): catching them can swallow a failed check (a course
#: adds the exception its checks raise)
EXCEPTION_NAMES = frozenset({"BaseException", "AssertionError"})
#: attribute names that only matter for tampering with IPython / the kernel / the guard
SHELL_ATTRS = {"input_transformers_cleanup", "input_transformers_post", "input_transformer_manager",
               "ast_transformers", "register_transformer", "events", "set_custom_exc", "run_cell",
               "run_cell_async", "run_code", "run_ast_nodes", "transform_cell", "showtraceback",
               "_showtraceback", "showsyntaxerror", "user_expressions", "do_execute", "execute_request",
               "shell_handlers", "displayhook", "display_pub", "excepthook", "ex", "ev", "exit_now",
               "ask_exit", "kernel", "session", "iopub_socket", "send_response", "custom_exceptions",
               "CustomTB", "compile", "register_magic_function", "register_magics"}
INTROSPECTION = {"__globals__", "__closure__", "cell_contents", "__code__", "__defaults__", "__kwdefaults__",
                 "f_locals", "f_globals", "f_back", "tb_frame", "tb_next", "__traceback__", "gi_frame",
                 "__subclasses__", "__dict__", "__class__", "__mro__", "__bases__", "__base__"}
DANGEROUS_MODULES = {"ctypes": "high", "_ctypes": "high", "cffi": "high", "subprocess": "high",
                     "_posixsubprocess": "high", "multiprocessing": "high", "pty": "high", "resource": "high",
                     "signal": "high", "_signal": "high", "socket": "high", "sqlite3": "high",
                     "gc": "high", "inspect": "medium", "importlib": "medium", "threading": "medium",
                     "_thread": "medium", "atexit": "medium", "shutil": "medium", "glob": "medium",
                     "pathlib": "low", "nbguard": "high", "nbgrader": "high", "nbformat": "high",
                     "IPython": "medium", "ipykernel": "high", "jupyter_client": "high", "zmq": "high",
                     "sys": "low", "os": "low", "builtins": "high", "unittest.mock": "high", "mmap": "high",
                     "pickle": "low", "marshal": "high", "types": "low"}
CALLS = {  # dotted call name -> (rule, severity)
    "sys.exit": ("exit", "medium"), "os._exit": ("exit", "high"), "exit": ("exit", "medium"),
    "quit": ("exit", "medium"), "os.abort": ("exit", "high"), "os.kill": ("signal", "high"),
    "os.killpg": ("signal", "high"), "signal.signal": ("signal", "high"), "signal.raise_signal": ("signal", "high"),
    "os.system": ("process", "high"), "os.popen": ("process", "high"), "os.fork": ("process", "high"),
    "os.execv": ("process", "high"), "os.execl": ("process", "high"), "os.spawnl": ("process", "high"),
    "os.posix_spawn": ("process", "high"), "resource.setrlimit": ("limits", "high"),
    "resource.prlimit": ("limits", "high"), "setattr": ("setattr", "medium"), "delattr": ("setattr", "medium"),
    "exec": ("dynamic_code", "medium"), "eval": ("dynamic_code", "medium"), "compile": ("dynamic_code", "medium"),
    "__import__": ("dynamic_import", "medium"), "globals": ("namespace", "low"), "vars": ("namespace", "low"),
    "get_ipython": ("ipython", "medium"), "open": ("file_access", "low"), "os.listdir": ("file_access", "medium"),
    "os.scandir": ("file_access", "medium"), "os.walk": ("file_access", "medium"),
    "glob.glob": ("file_access", "medium"), "sys.addaudithook": ("guard", "high"),
    "sys.settrace": ("introspection", "high"), "sys.setprofile": ("introspection", "high"),
    "sys._getframe": ("introspection", "high"), "threading.Thread": ("thread", "medium"),
    "threading.Timer": ("thread", "high"), "atexit.register": ("exit", "medium"),
}
PATH_WORDS = re.compile(r"(solutions|gradebook|\.db\b|autograded|submitted|feedback|nbgrader_config|\.git\b|"
                        r"\.\./|exchange|release/|source/|/work/|/home/|/root|\.ipynb)", re.I)
BIG = 10 ** 8

RULES = ("parse", "monkeypatch", "ipython_internals", "introspection", "guard", "dangerous_import", "exit",
         "raise_exit", "signal", "process", "limits", "setattr", "dynamic_code", "dynamic_import", "namespace",
         "ipython", "file_access", "course_path", "thread", "eq_override", "array_protocol", "infinite_loop",
         "big_allocation", "shell_escape", "cell_magic", "except_base")


def _dotted(node) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    if isinstance(node, ast.Call):
        inner = _dotted(node.func)
        if inner:
            parts.append(inner + "()")
            return ".".join(reversed(parts))
    return None


def _target_chain(t):
    """The nodes an assignment target writes through (not its subscript indices): for ``a.b[i].c = v``
    ``a.b[i].c``, ``a.b[i]``, ``a.b``, ``a``; tuple targets are unpacked."""
    if isinstance(t, (ast.Tuple, ast.List)):
        for e in t.elts:
            yield from _target_chain(e)
        return
    if isinstance(t, ast.Starred):
        yield from _target_chain(t.value)
        return
    node = t
    while True:
        yield node
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        else:
            return


def _to_python(source: str) -> tuple[str, list]:
    """IPython syntax (magics, ``!cmd``) -> Python, plus findings about that syntax."""
    found = []
    for i, line in enumerate(source.splitlines(), 1):
        s = line.strip()
        if s.startswith("!") or re.match(r"^\w+\s*=\s*!", s) or s.startswith("%sx") or s.startswith("%system"):
            found.append(("shell_escape", "high", i, s[:120]))
        elif s.startswith("%%"):
            found.append(("cell_magic", "medium", i, s[:120]))
        elif s.startswith("%"):
            found.append(("ipython", "low", i, s[:120]))
    try:
        from IPython.core.inputtransformer2 import TransformerManager
        return TransformerManager().transform_cell(source), found
    except Exception:  # noqa: BLE001
        return source, found


def _is_big(node) -> bool:
    try:
        v = ast.literal_eval(node)
    except Exception:  # noqa: BLE001
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            try:
                return ast.literal_eval(node.left) ** ast.literal_eval(node.right) >= BIG
            except Exception:  # noqa: BLE001
                return False
        return False
    return isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) >= BIG


def scan_source(source: str, module_names=MODULE_NAMES, exception_names=EXCEPTION_NAMES) -> list:
    """Findings for one cell's source (see the module docstring). ``module_names``: names whose attributes a
    submission must not rebind; ``exception_names``: exceptions a submission should not catch."""
    out = []
    module_names = frozenset(module_names)
    exception_names = frozenset(exception_names)

    def add(rule, severity, line, detail):
        out.append({"rule": rule, "severity": severity, "line": line, "detail": detail[:200]})

    code, magic = _to_python(source)
    for rule, sev, line, detail in magic:
        add(rule, sev, line, detail)
    for m in PATH_WORDS.finditer(source):
        line = source.count("\n", 0, m.start()) + 1
        add("course_path", "medium", line, f"mentions {m.group(0)!r}")
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError) as e:
        add("parse", "low", getattr(e, "lineno", 0) or 0, f"cell does not parse: {e.__class__.__name__}")
        return out

    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        # assignments to attributes / items of modules and IPython internals
        targets = []
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
        for t in targets:
            for sub in _target_chain(t):
                if isinstance(sub, ast.Attribute):
                    base = _dotted(sub.value) or ""
                    root = base.split(".")[0]
                    if root in module_names:
                        add("monkeypatch", "high", line, f"rebinds {base}.{sub.attr}")
                    if sub.attr in SHELL_ATTRS or "get_ipython()" in base:
                        add("ipython_internals", "high", line, f"rebinds {base}.{sub.attr}")
                    if sub.attr in INTROSPECTION:
                        add("introspection", "high", line, f"rebinds .{sub.attr}")
                elif isinstance(sub, ast.Subscript):
                    base = _dotted(sub.value) or ""
                    if base.endswith(("__dict__", "modules", "__builtins__")) or base.startswith(("vars(", "globals(")):
                        add("monkeypatch", "high", line, f"writes into {base}[...]")
                elif isinstance(sub, ast.Name) and sub.id in ("__builtins__", "__import__", "get_ipython"):
                    add("monkeypatch", "high", line, f"rebinds {sub.id}")
        if isinstance(node, ast.Attribute):
            base = _dotted(node.value) or ""
            if node.attr in INTROSPECTION and node.attr not in ("__class__", "__dict__", "__mro__"):
                add("introspection", "high" if node.attr in ("__globals__", "__closure__", "cell_contents",
                                                              "f_locals", "f_globals", "tb_frame",
                                                              "__subclasses__", "__code__") else "medium",
                    line, f"uses .{node.attr}")
            if node.attr in ("input_transformers_cleanup", "input_transformers_post", "ast_transformers",
                             "input_transformer_manager", "register_transformer", "set_custom_exc",
                             "user_expressions", "do_execute", "exit_now", "iopub_socket", "session"):
                add("ipython_internals", "high", line, f"uses {base}.{node.attr}")
            if node.attr == "register" and base.endswith("events"):
                add("ipython_internals", "high", line, f"registers an IPython event callback ({base})")
            if base.startswith(("nbguard", "guard")) or node.attr in ("_GuardEntry", "runtime"):
                add("guard", "high", line, f"touches {base}.{node.attr}")
        if isinstance(node, ast.Name) and node.id in ("_GuardEntry", VALUE_VAR):
            add("guard", "high", line, f"uses {node.id}")
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for name in names:
                for mod, sev in DANGEROUS_MODULES.items():
                    if name == mod or name.startswith(mod + "."):
                        add("dangerous_import", sev, line, f"imports {name}")
                        break
        if isinstance(node, ast.Call):
            name = _dotted(node.func) or ""
            short = name.split(".")[-1]
            for key in (name, short if name.count(".") == 0 else None):
                if key and key in CALLS:
                    rule, sev = CALLS[key]
                    if rule == "setattr" and node.args:
                        target = _dotted(node.args[0]) or ""
                        sev = "high" if target.split(".")[0] in module_names or "get_ipython" in target else sev
                    add(rule, sev, line, f"calls {name}()")
                    break
            if name.endswith(("os._exit", "sys.exit")) and name not in CALLS:
                add("exit", "high", line, f"calls {name}()")
            for arg in list(node.args) + [k.value for k in node.keywords]:
                if _is_big(arg):
                    add("big_allocation", "medium", line, f"{name}() with a huge number")
                    break
        if isinstance(node, ast.Raise) and node.exc is not None:
            exc = _dotted(node.exc.func if isinstance(node.exc, ast.Call) else node.exc) or ""
            if exc.split(".")[-1] in ("SystemExit", "KeyboardInterrupt", "GeneratorExit", "BaseException"):
                add("raise_exit", "high", line, f"raises {exc}")
        if isinstance(node, ast.ExceptHandler):
            t = _dotted(node.type) if node.type is not None else None
            if t is None or t.split(".")[-1] in exception_names:
                add("except_base", "low", line, f"catches {t or 'everything'}")
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    if item.name in ("__eq__", "__ne__", "__bool__", "__lt__", "__le__", "__gt__", "__ge__",
                                     "__abs__", "__sub__", "__rsub__"):
                        add("eq_override", "high", item.lineno, f"class {node.name} defines {item.name}")
                    if item.name in ("__array__", "__array_ufunc__", "__array_function__", "__float__",
                                     "__getattr__", "__getattribute__", "__instancecheck__", "__class__"):
                        add("array_protocol", "medium", item.lineno, f"class {node.name} defines {item.name}")
            for b in node.bases:
                if (_dotted(b) or "").split(".")[-1] in ("ndarray", "float", "int", "ModuleType"):
                    add("array_protocol", "medium", line, f"class {node.name} subclasses {_dotted(b)}")
        if isinstance(node, ast.While):
            try:
                always = bool(ast.literal_eval(node.test))
            except Exception:  # noqa: BLE001
                always = False
            if always and not any(isinstance(n, (ast.Break, ast.Return, ast.Raise)) for n in ast.walk(node)):
                add("infinite_loop", "medium", line, "while-True loop without break/return")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult) and (_is_big(node.left) or _is_big(node.right)):
            add("big_allocation", "medium", line, "multiplication by a huge number")
    # de-duplicate (same rule, line and detail)
    seen, unique = set(), []
    for f in out:
        key = (f["rule"], f["line"], f["detail"])
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique
