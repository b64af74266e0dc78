"""nbguard (src/nbguard) is a package of its own: it never imports the course package ``fsgeom`` — not at the
top of a file, not inside a function, not through ``importlib`` — so another nbgrader course can use it."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import nbguard

PACKAGE = Path(nbguard.__file__).resolve().parent
COURSE = "fsgeom"


def _is_course(name) -> bool:
    return isinstance(name, str) and (name == COURSE or name.startswith(COURSE + "."))


def _course_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module or ""]
        elif isinstance(node, ast.Call):   # importlib.import_module("fsgeom..."), __import__("fsgeom")
            func = node.func
            fname = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if fname in ("import_module", "__import__", "find_spec") and node.args \
                    and isinstance(node.args[0], ast.Constant):
                names = [node.args[0].value]
        found += [f"{path.relative_to(PACKAGE.parent)}:{node.lineno} imports {n}" for n in names if _is_course(n)]
    return found


def test_package_is_the_one_in_the_repository():
    assert PACKAGE == Path(__file__).resolve().parents[1] / "src" / "nbguard" / "nbguard"


def test_no_file_imports_the_course_package():
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 10, files
    offenders = [hit for path in files for hit in _course_imports(path)]
    assert not offenders, offenders


def test_importing_every_module_loads_no_course_module(tmp_path):
    script = (
        "import importlib, json, pkgutil, sys\n"
        "import nbguard\n"
        "names = [m.name for m in pkgutil.walk_packages(nbguard.__path__, 'nbguard.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps({{'modules': names, 'course': sorted(m for m in sys.modules "
        f"if m == {COURSE!r} or m.startswith({COURSE + '.'!r}))}}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    expected = {f"nbguard.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert set(out["modules"]) == expected
    assert out["course"] == [], f"importing nbguard loaded {out['course']}"
