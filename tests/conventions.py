"""The course's convention checks: what every module must satisfy, one function per convention.

Modelled on scikit-learn's common estimator checks: each ``check_*`` takes a discovered module
(:class:`fsgeom.modules.CourseModule`) and the course root, and raises ``AssertionError`` with a message that
says what to fix. ``tests/test_conventions.py`` runs every check over every discovered module;
``tests/test_conventions_demo.py`` runs them over a throw-away module built in a temp folder, a good one (every
check passes) and deliberately broken ones (the right check fails). Nothing here knows any module by name.

Checks that need an expensive shared result take it as an argument: the release nbgrader generated
(:func:`check_release_is_generated`), the scores of a grading round (:func:`check_reference_and_blank_scores`).
"""
from __future__ import annotations

import ast
import importlib
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from fsgeom.i18n import LANGUAGES
from fsgeom.modules import LAYERS, CourseModule

CYRILLIC = re.compile("[\u0400-\u04FF]")
#: what COURSE-PLAN.md asks of every finished module ("What a finished module has")
MIN_WIDGETS = 2
MIN_AUTOGRADED_TASKS = 6

# --------------------------------------------------------------------------------------------- notebook access
def read_nb(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def src(cell) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def nbg(cell) -> dict:
    return (cell.get("metadata", {}) or {}).get("nbgrader") or {}


def code_cells(nb) -> list:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def lecture_path(root: Path, lang: str, module: CourseModule) -> Path:
    return Path(root) / "lectures" / lang / f"{module.id}.ipynb"


def source_path(root: Path, lang: str, module: CourseModule) -> Path:
    return Path(root) / "solutions" / lang / module.id / f"{module.id}.ipynb"


def release_path(root: Path, lang: str, module: CourseModule) -> Path:
    return Path(root) / "exercises" / lang / module.id / f"{module.id}.ipynb"


def notebooks(root: Path, module: CourseModule, lang: str) -> dict:
    """``{kind: path}`` of the module's notebooks in one language."""
    return {"lecture": lecture_path(root, lang, module), "source": source_path(root, lang, module),
            "release": release_path(root, lang, module)}


def graded_cells(nb) -> list:
    """nbgrader graded cells in notebook order (autograded test cells and manually graded answers)."""
    return [c for c in nb["cells"] if nbg(c).get("grade")]


def is_autograded_test(cell) -> bool:
    """A test cell: graded, not a solution (a graded solution cell is a manually graded answer)."""
    m = nbg(cell)
    return bool(m.get("grade")) and not m.get("solution") and cell["cell_type"] == "code"


def points_master(nb) -> list:
    """``[(grade_id, points, autograded)]`` of the graded cells: the one master of points."""
    return [(nbg(c)["grade_id"], nbg(c).get("points"), is_autograded_test(c)) for c in graded_cells(nb)]


# --------------------------------------------------------------------------------------------- the package
def check_package(module: CourseModule, root: Path) -> None:
    """The folder holds only known layer files (and private ``_*.py`` helpers); ``__init__`` imports nothing."""
    files = sorted(p.stem for p in module.path.glob("*.py"))
    unknown = [f for f in files if f not in LAYERS and f != "__init__" and not f.startswith("_")]
    assert not unknown, (f"{module.id}: unknown files {unknown} in {module.path}; a module folder holds "
                         f"{', '.join(LAYERS)} (and private _*.py helpers)")
    tree = ast.parse((module.path / "__init__.py").read_text(encoding="utf-8"))
    imports = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
               and not (isinstance(n, ast.ImportFrom) and n.module == "__future__")]
    assert not imports, f"{module.id}: __init__.py imports {len(imports)} module(s); it must stay import-free"
    for layer in ("checks", "widgets"):
        assert module.has(layer), f"{module.id}: no {layer}.py (every module has an assignment and widgets)"


def _imported(path: Path, package: str) -> list:
    """``[(line, absolute module name)]`` of the imports of a file of ``package`` (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                mod = f"{base}.{node.module}" if node.module else base
                if not node.module:   # "from . import data, MODULE_ID": a layer name is a module, else a name
                    out += [(node.lineno, f"{mod}.{a.name}" if a.name in LAYERS else mod) for a in node.names]
                    continue
            else:
                mod = node.module
            out.append((node.lineno, mod))
    return out


#: per layer: module-name prefixes it may NOT import (besides other modules' folders and later layers)
_FORBIDDEN_BY_LAYER = {
    "texts": ("numpy", "matplotlib", "ipywidgets", "ipympl", "fsgeom.metrics", "fsgeom.data", "fsgeom.plots",
              "fsgeom.widgets", "fsgeom.figures", "fsgeom.grading"),
    "maths": ("matplotlib", "ipywidgets", "ipympl", "fsgeom.plots", "fsgeom.widgets", "fsgeom.figures"),
    "data": ("matplotlib", "ipywidgets", "ipympl", "fsgeom.plots", "fsgeom.widgets", "fsgeom.figures"),
    "plots": ("ipywidgets", "ipympl", "fsgeom.widgets", "fsgeom.figures"),
    "widgets": ("fsgeom.figures",),
    "figures": (),
    "checks": ("matplotlib", "ipywidgets", "ipympl", "fsgeom.plots", "fsgeom.widgets", "fsgeom.figures",
               "fsgeom.bench", "fsgeom.gradetools", "nbguard"),
}
#: what each layer may import from its own module
_OWN_LAYERS = {"texts": (), "maths": ("texts",), "data": ("texts", "maths"), "plots": ("texts", "maths", "data"),
               "widgets": ("texts", "maths", "data", "plots"), "figures": ("texts", "maths", "data", "plots", "widgets"),
               "checks": ("texts", "maths", "data")}


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def check_import_rules(module: CourseModule, root: Path) -> None:
    """Module folders never import each other; inside a module imports go maths/data <- plots <- widgets <-
    figures; checks import only grading helpers and math (never matplotlib or ipywidgets)."""
    problems = []
    parent = module.package.rsplit(".", 1)[0]            # fsgeom.modules
    for layer in LAYERS:
        if not module.has(layer):
            continue
        path = module.path / f"{layer}.py"
        for line, name in _imported(path, module.package):
            where = f"{module.id}/{layer}.py:{line} imports {name}"
            if _under(name, parent) and not _under(name, module.package) and name != parent:
                problems.append(f"{where}: another module's folder (move shared code down into fsgeom.*)")
            elif _under(name, module.package) and name != module.package:
                own = name[len(module.package) + 1:].split(".")[0]
                if own not in _OWN_LAYERS[layer]:
                    problems.append(f"{where}: {layer} may import only {_OWN_LAYERS[layer] or 'no'} layer(s) of "
                                    f"its own module")
            elif any(_under(name, p) for p in _FORBIDDEN_BY_LAYER[layer]):
                problems.append(f"{where}: not allowed in the {layer} layer")
    assert not problems, "import rules broken:\n  " + "\n  ".join(problems)


def check_checks_stay_light(module: CourseModule, root: Path) -> None:
    """Importing the module's checks (what the grading kernel imports) loads no plotting or widget library."""
    code = textwrap.dedent(f"""
        import importlib, json, sys
        importlib.import_module({module.package + '.checks'!r})
        print(json.dumps(sorted(m for m in ("matplotlib", "ipywidgets", "ipympl", "IPython.display")
                                if m in sys.modules)))
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env=_subprocess_env())
    assert proc.returncode == 0, f"{module.id}: importing checks failed:\n{proc.stderr[-2000:]}"
    heavy = json.loads(proc.stdout.strip().splitlines()[-1])
    assert heavy == [], f"{module.id}: importing {module.package}.checks loads {heavy} (the grading kernel must stay light)"


def _subprocess_env() -> dict:
    import os
    import fsgeom.modules
    env = dict(os.environ)
    # a throw-away module plugged into fsgeom.modules.__path__ must be importable in the child too
    extra = [p for p in fsgeom.modules.__path__ if Path(p).resolve() != Path(fsgeom.modules.__file__).parent.resolve()]
    if extra:
        env["FSGEOM_EXTRA_MODULES"] = os.pathsep.join(extra)
    return env


def is_written_answer(cell) -> bool:
    """A manually graded written answer: a graded markdown solution cell worth points."""
    m = nbg(cell)
    return cell["cell_type"] == "markdown" and bool(m.get("grade")) and bool(m.get("solution")) \
        and float(m.get("points") or 0) > 0


def check_plan_minimums(module: CourseModule, root: Path) -> None:
    """COURSE-PLAN.md: at least two live widgets, six autograded numpy tasks, and one task that asks for thinking
    (a written answer graded by hand, or a task declared ``Task(thinking=True)``: an experiment whose result is
    checked)."""
    widgets = module.widgets()
    assert len(widgets) >= MIN_WIDGETS, f"{module.id}: {len(widgets)} widget(s); a module has at least {MIN_WIDGETS}"
    cells = graded_cells(read_nb(source_path(root, "uk", module)))
    n = sum(1 for c in cells if is_autograded_test(c))
    assert n >= MIN_AUTOGRADED_TASKS, f"{module.id}: {n} autograded task(s); a module has at least {MIN_AUTOGRADED_TASKS}"
    written = sum(1 for c in cells if is_written_answer(c))
    thinking = [t.name for t in module.tasks() if t.thinking]
    assert written or thinking, (
        f"{module.id}: no task asks for thinking; add a manually graded written answer (a markdown solution cell "
        "with points) or an experiment whose result is checked (Task(..., thinking=True))")


# --------------------------------------------------------------------------------------------- notebooks
def check_notebooks_exist(module: CourseModule, root: Path) -> None:
    """Lecture, nbgrader source and student release, in both languages."""
    missing = [str(p.relative_to(root)) for lang in LANGUAGES for p in notebooks(root, module, lang).values()
               if not p.is_file()]
    assert not missing, f"{module.id}: missing notebooks {missing}"


def check_editions_parity(module: CourseModule, root: Path) -> None:
    """The uk and en editions have identical code cells and identical nbgrader metadata (ids, points, flags)."""
    keys = ("grade_id", "points", "grade", "solution", "locked")
    for kind in ("lecture", "source", "release"):
        uk, en = notebooks(root, module, "uk")[kind], notebooks(root, module, "en")[kind]
        a = [(src(c), {k: nbg(c).get(k) for k in keys}) for c in code_cells(read_nb(uk))]
        b = [(src(c), {k: nbg(c).get(k) for k in keys}) for c in code_cells(read_nb(en))]
        assert len(a) == len(b), f"{module.id} {kind}: {len(a)} code cells in uk, {len(b)} in en"
        for i, ((su, mu), (se, me)) in enumerate(zip(a, b)):
            assert su == se, f"{module.id} {kind}: code cell #{i} differs between editions:\n--- uk ---\n{su}\n--- en ---\n{se}"
            assert mu == me, f"{module.id} {kind}: code cell #{i}: nbgrader metadata differ: uk {mu}, en {me}"
        mu, me = ([{k: nbg(c).get(k) for k in keys} for c in read_nb(p)["cells"]
                   if c["cell_type"] == "markdown" and nbg(c).get("grade")] for p in (uk, en))
        assert mu == me, f"{module.id} {kind}: graded markdown cells differ between editions: {mu} vs {me}"


def check_languages(module: CourseModule, root: Path) -> None:
    """uk prose is Ukrainian, en prose has no Cyrillic."""
    for kind in ("lecture", "source", "release"):
        for lang in LANGUAGES:
            path = notebooks(root, module, lang)[kind]
            prose = "".join(src(c) for c in read_nb(path)["cells"] if c["cell_type"] == "markdown")
            letters = len(re.findall(r"[A-Za-z\u0400-\u04FF]", prose))
            cyr = len(CYRILLIC.findall(prose))
            if lang == "uk":
                assert cyr > 0.3 * max(1, letters), f"{path.relative_to(root)}: the prose is not Ukrainian"
            else:
                assert cyr < 0.02 * max(1, len(prose)), f"{path.relative_to(root)}: English prose contains Cyrillic"


def check_hints(module: CourseModule, root: Path) -> None:
    """Every hint of the module's visible checks (``checks.HINTS``) exists in both languages, non-empty, with the same
    placeholders (a ``{name}`` missing from one edition would crash or drop a number there), and the two editions
    differ unless the hint is a formula (``k = 0``, ``alpha < 0``: at most one Latin word, a parameter's name)."""
    hints = getattr(module.layer("checks"), "HINTS", {})
    assert hints, f"{module.id}: checks.HINTS is empty (the visible checks' messages live there)"
    for key, text in hints.items():
        assert isinstance(text, dict) and set(text) == set(LANGUAGES), f"{module.id}: HINTS[{key!r}] is not {{uk, en}}"
        assert all(isinstance(v, str) and v.strip() for v in text.values()), f"{module.id}: HINTS[{key!r}] is empty"
        names = {lang: sorted(set(re.findall(r"\{(\w*)[^{}]*\}", text[lang]))) for lang in LANGUAGES}
        assert names["uk"] == names["en"], (f"{module.id}: HINTS[{key!r}] has placeholders {names['uk']} in uk but "
                                            f"{names['en']} in en")
        if text["uk"] == text["en"]:
            words = _LATIN_WORD.findall(_PLACEHOLDER.sub("", text["en"]))
            assert len(words) <= 1, f"{module.id}: HINTS[{key!r}] is not translated: {text['en']!r}"


# --------------------------------------------------------------------------------------------- points and tasks
_TABLE_ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*(.+?)\s*\|\s*(\d+)\s*\|\s*$", re.M)   # | N | task | points |
_HEADING = re.compile(r"^#{2,4}\s+\S+\s+(\d+)\s+\((\d+)\s+[^\W\d_]+\)", re.M)
_TEST_COMMENT = re.compile(r"^# Tests for task (\d+): (\w+) \((\d+) points?\)", re.M)


def check_points(module: CourseModule, root: Path) -> None:
    """Points have one master, the nbgrader metadata of the source notebooks: uk and en agree; the task registry,
    the task headings, the table of tasks and the test cells' comments say the same."""
    master = points_master(read_nb(source_path(root, "uk", module)))
    assert master, f"{module.id}: the source notebook has no graded cell"
    assert master == points_master(read_nb(source_path(root, "en", module))), \
        f"{module.id}: graded cells / points differ between the uk and en source notebooks"
    for gid, pts, _ in master:
        assert isinstance(pts, (int, float)) and pts > 0, f"{module.id}: {gid} has points {pts!r}"
    by_number = {i: (gid, pts) for i, (gid, pts, _) in enumerate(master, 1)}
    auto = {gid: pts for gid, pts, is_auto in master if is_auto}
    tasks = module.tasks()
    assert {t.grade_id: t.points for t in tasks} == auto, (
        f"{module.id}: TASKS in checks.py say {[(t.grade_id, t.points) for t in tasks]}, the notebook's autograded "
        f"test cells {list(auto.items())}")
    assert [t.grade_id for t in tasks] == list(auto), f"{module.id}: TASKS are not in notebook order"
    for lang in LANGUAGES:
        nb = read_nb(source_path(root, lang, module))
        prose = "\n".join(src(c) for c in nb["cells"] if c["cell_type"] == "markdown")
        code = "\n".join(src(c) for c in code_cells(nb))
        where = f"{module.id} ({lang})"
        headings = {int(n): int(p) for n, p in _HEADING.findall(prose)}
        assert set(headings) == set(by_number), \
            f"{where}: task headings '(N points)' found for tasks {sorted(headings)}, graded cells are 1..{len(master)}"
        for n, p in headings.items():
            assert p == by_number[n][1], f"{where}: the heading of task {n} says {p} points, the metadata {by_number[n][1]}"
        rows = {int(n): (name, int(p)) for n, name, p in _TABLE_ROW.findall(prose)}
        assert set(rows) == set(by_number), f"{where}: the table of tasks lists {sorted(rows)}, graded cells are 1..{len(master)}"
        for n, (name, p) in rows.items():
            assert p == by_number[n][1], f"{where}: the table gives task {n} ({name}) {p} points, the metadata {by_number[n][1]}"
        for n, name, p in _TEST_COMMENT.findall(code):
            gid, pts = by_number[int(n)]
            assert int(p) == pts, f"{where}: the test cell of task {n} ({name}) says {p} points, the metadata {pts}"


def check_tasks(module: CourseModule, root: Path) -> None:
    """Every autograded test cell has a task in checks.py, runs its visible check first and then hidden tests;
    every task's functions are defined by the notebook's solution cells and documented with a docstring."""
    nb = read_nb(source_path(root, "uk", module))
    tasks = {t.grade_id: t for t in module.tasks()}
    solution_src = "\n".join(src(c) for c in nb["cells"] if nbg(c).get("solution") and c["cell_type"] == "code")
    defined = {n.name: n for n in ast.walk(ast.parse(_strip_magics(solution_src)))
               if isinstance(n, ast.FunctionDef)}
    for cell in nb["cells"]:
        if not is_autograded_test(cell):
            continue
        gid, text = nbg(cell)["grade_id"], src(cell)
        assert gid in tasks, f"{module.id}: test cell {gid} has no Task in checks.py"
        t = tasks[gid]
        visible, _, hidden = text.partition("### BEGIN HIDDEN TESTS")
        assert re.search(rf"\bchecks\.{re.escape(t.name)}\(\s*{re.escape(t.functions[0])}\b", visible), \
            f"{module.id}: test cell {gid} does not run its visible check checks.{t.name}({t.functions[0]}, ...) first"
        body = hidden.partition("### END HIDDEN TESTS")[0]
        assert "### END HIDDEN TESTS" in hidden and len(body.strip().splitlines()) >= 3, \
            f"{module.id}: test cell {gid} has no hidden tests (### BEGIN/END HIDDEN TESTS with random inputs)"
        # fresh random inputs at every grading run, yet reproducible in tests (FSGEOM_HIDDEN_SEED): hidden_rng only
        key = gid.removeprefix("test_")
        assert re.search(rf"""hidden_rng\(\s*["']{re.escape(key)}["']\s*\)""", body), \
            f"{module.id}: the hidden tests of {gid} must draw their random inputs from grading.hidden_rng({key!r})"
        assert "default_rng(" not in body, \
            f"{module.id}: the hidden tests of {gid} call default_rng(: a fixed seed is the same test every run, a " \
            f"fresh one cannot be reproduced; use grading.hidden_rng({key!r})"
        if t.allow:
            assert "allow=" in body, f"{module.id}: task {t.name} allows {t.allow}; its hidden tests must pass allow="
        if len(t.functions) > 1:
            assert "uses=" in body, (f"{module.id}: task {t.name} builds on {t.functions[1:]}; its hidden tests must pass "
                                     f"uses=(...) to call() so that a forbidden call there is charged once")
        for fname in t.functions:
            if fname in t.optional:
                continue
            assert fname in defined, f"{module.id}: task {t.name} needs {fname}, which no solution cell defines"
        assert ast.get_docstring(defined[t.functions[0]]), f"{module.id}: {t.functions[0]} has no docstring (the formula)"
    test_ids = {nbg(c)["grade_id"] for c in nb["cells"] if is_autograded_test(c)}
    assert set(tasks) <= test_ids, f"{module.id}: checks.py has tasks without a test cell: {sorted(set(tasks) - test_ids)}"


def _strip_magics(code: str) -> str:
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines())


# --------------------------------------------------------------------------------------------- lecture and assignment
_SECTION = re.compile(r"^##\s+(\d+)\.\s+(.+)$", re.M)
SUMMARY = {"en": "**Section {n} in short.**", "uk": "**Підсумок розділу {n}.**"}
FINAL = {"en": ("Summary", "Exercises"), "uk": ("Підсумки", "Вправи")}


def check_lecture(module: CourseModule, root: Path) -> None:
    """The lecture: first code cell checks versions and seeds; committed executed without errors; plot-only cells
    marked ``# plotting only``; each numbered section ends with its summary; a final summary and exercises that
    link to the assignment; every widget of the module is shown."""
    widget_names = list(module.widgets())
    for lang in LANGUAGES:
        path = lecture_path(root, lang, module)
        rel = path.relative_to(root)
        nb = read_nb(path)
        code = code_cells(nb)
        assert code and "fsgeom.env_check()" in src(code[0]) and "SEED" in src(code[0]), \
            f"{rel}: the first code cell must check versions (fsgeom.env_check()) and set SEED"
        for i, c in enumerate(code):
            assert c.get("execution_count") is not None, f"{rel}: code cell #{i} is not executed (commit it executed)"
            errors = [o for o in c.get("outputs", []) if o["output_type"] == "error"]
            assert not errors, f"{rel}: code cell #{i} has an error output: {errors[0].get('ename')}"
            outs = c.get("outputs", [])
            assert "NBVAL_" not in src(c), (f"{rel}: code cell #{i} carries an nbval comment: use the cell tag "
                                            f"(e.g. nbval-check-output) instead, students read the code")
            marked = src(c).startswith("# plotting only")
            images_only = bool(outs) and all(
                o["output_type"] in ("display_data", "execute_result") and "image/png" in o.get("data", {})
                and "application/vnd.jupyter.widget-view+json" not in o.get("data", {}) for o in outs)
            if images_only:
                assert marked, f"{rel}: code cell #{i} only draws a figure: start it with '# plotting only'"
            if marked:
                assert not any(o["output_type"] == "stream" for o in outs), \
                    f"{rel}: code cell #{i} is marked '# plotting only' but prints text"
        cells = nb["cells"]
        md = [(i, src(c)) for i, c in enumerate(cells) if c["cell_type"] == "markdown"]
        sections = [(i, int(m.group(1)), m.group(2).strip()) for i, text in md for m in _SECTION.finditer(text)]
        assert len(sections) >= 2, f"{rel}: no numbered sections ('## 1. ...')"
        assert [n for _, n, _ in sections] == list(range(1, len(sections) + 1)), f"{rel}: sections are not numbered 1..n"
        final, exercises = FINAL[lang]
        assert sections[-1][2].startswith(final), f"{rel}: the last section must be '## {len(sections)}. {final}'"
        for (start, n, title), (end, _, _) in zip(sections, sections[1:] + [(len(cells), 0, "")]):
            if n == len(sections):
                continue
            body = "\n".join(text for i, text in md if start <= i < end)
            assert SUMMARY[lang].format(n=n) in body, f"{rel}: section {n} ('{title}') does not end with '{SUMMARY[lang].format(n=n)}'"
        tail = "\n".join(text for i, text in md if i >= sections[-1][0])
        assert re.search(rf"^##\s+{exercises}", tail, re.M), f"{rel}: no '## {exercises}' at the end"
        link = f"../../exercises/{lang}/{module.id}/{module.id}.ipynb"
        assert link in tail, f"{rel}: the exercises do not link to the assignment ({link})"
        code_text = "\n".join(src(c) for c in code)
        missing = [w for w in widget_names if not re.search(rf"\bwidgets\.{w}\(", code_text)]
        assert not missing, f"{rel}: the module's widgets {missing} are not shown in the lecture"


def check_assignment(module: CourseModule, root: Path) -> None:
    """The assignment: a locked set-up cell first (numpy, version check); the reference solution uses numpy only and
    its hidden tests name only bad-input descriptions that ``checks.HINTS`` holds; the release keeps only stubs
    that raise NotImplementedError; the last cell runs the module's own self-check."""
    for lang in LANGUAGES:
        for kind in ("source", "release"):
            path = notebooks(root, module, lang)[kind]
            rel = path.relative_to(root)
            nb = read_nb(path)
            code = code_cells(nb)
            first = code[0]
            assert nbg(first).get("locked") and "import numpy as np" in src(first) and "fsgeom.env_check()" in src(first), \
                f"{rel}: the first code cell must be a locked set-up cell importing numpy and calling fsgeom.env_check()"
            last = src(code[-1])
            assert f"from {module.package}.checks import check_all" in last and "check_all(globals())" in last, \
                f"{rel}: the last cell must run `from {module.package}.checks import check_all; check_all(globals())`"
            if kind == "source":
                # the reference solution keeps the rule students are held to, and every bad-input description a
                # hidden test names exists in the module's hints (else the hidden test itself would crash)
                for c in code:
                    if nbg(c).get("solution"):
                        hit = re.search(r"\b(scipy|sklearn|fsgeom)\b", src(c))
                        assert not hit, f"{rel}: solution cell {nbg(c).get('grade_id')} uses {hit.group(1)}: numpy only"
                hints = getattr(importlib.import_module(f"{module.package}.checks"), "HINTS", {})
                named = set(re.findall(r"""checks\.why\(\s*["'](\w+)["']""", "\n".join(src(c) for c in code)))
                assert named <= set(hints), f"{rel}: hidden tests name bad-input descriptions that checks.HINTS lacks: " \
                                            f"{sorted(named - set(hints))}"
            if kind == "release":
                stubs = [c for c in code if nbg(c).get("solution")]
                assert stubs and all("raise NotImplementedError()" in src(c) for c in stubs), \
                    f"{rel}: every solution cell of the release must be a stub raising NotImplementedError()"
                text = path.read_text(encoding="utf-8")
                for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
                    assert marker not in text, f"{rel}: the release contains '{marker}'"


# --------------------------------------------------------------------------------------------- instructor guide
GUIDE_HEADINGS = {"en": ("## Answers to the questions", "## 90-minute plan", "## What students get wrong"),
                  "uk": ("## Відповіді на запитання", "## План на 90 хвилин", "## Типові помилки")}
QUESTIONS = {"en": "Questions to think about", "uk": "Питання для роздумів"}


def guide_path(root: Path, lang: str, module: CourseModule) -> Path:
    return Path(root) / "instructors" / lang / f"{module.id}.md"


def check_instructor_guide(module: CourseModule, root: Path) -> None:
    """An instructor guide per language (``instructors/<lang>/<id>.md``, not linked from what students get): an
    answer to every question the lecture ends with, a timing plan whose minutes add up to 90, and what students
    typically get wrong."""
    for lang in LANGUAGES:
        path = guide_path(root, lang, module)
        assert path.is_file(), f"{module.id}: no instructor guide {path.relative_to(root)}"
        text = path.read_text(encoding="utf-8")
        for heading in GUIDE_HEADINGS[lang]:
            assert heading in text, f"{path.relative_to(root)}: no section '{heading}'"
        answers_part = text.split(GUIDE_HEADINGS[lang][0], 1)[1].split("\n## ", 1)[0]
        answers = re.findall(r"^\d+\. \*\*", answers_part, re.M)
        lecture = "\n".join(src(c) for c in read_nb(lecture_path(root, lang, module))["cells"]
                            if c["cell_type"] == "markdown")
        assert QUESTIONS[lang] in lecture, f"{module.id} ({lang}): the lecture has no '{QUESTIONS[lang]}'"
        questions = re.findall(r"^- ", lecture.split(QUESTIONS[lang], 1)[1], re.M)
        assert len(answers) >= len(questions) > 0, (f"{path.relative_to(root)}: {len(answers)} answers for "
                                                    f"{len(questions)} questions of the lecture")
        plan = text.split(GUIDE_HEADINGS[lang][1], 1)[1].split("\n## ", 1)[0]
        minutes = [int(m) for m in re.findall(r"^\|\s*(\d+)\s*\|", plan, re.M)]
        assert sum(minutes) == 90, f"{path.relative_to(root)}: the plan adds up to {sum(minutes)} minutes, not 90"
        if lang == "uk":
            letters = len(re.findall(r"[A-Za-z\u0400-\u04FF]", text))
            assert len(CYRILLIC.findall(text)) > 0.3 * letters, f"{path.relative_to(root)}: not Ukrainian"
    for where in ("START.ipynb",):
        page = Path(root) / where
        if page.is_file():
            assert "instructors/" not in page.read_text(encoding="utf-8"), f"{where} links the instructor guide"


# --------------------------------------------------------------------------------------------- output language
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _print_literals(tree) -> list:
    """String pieces a ``print(...)`` call writes literally (constants and f-string parts), outside ``T(...)``."""
    found = []

    def walk(node, in_text_call=False):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "T":
            return                                   # a key of the module's text table, not printed text
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append(node.value)
        elif isinstance(node, ast.FormattedValue):
            walk(node.value)                         # the format spec (":>7") is not text
            return
        for child in ast.iter_child_nodes(node):
            walk(child)

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                walk(arg)
    return found


def check_printed_text_is_localized(module: CourseModule, root: Path) -> None:
    """Code cells print no literal words: every printed label comes from the i18n layer (the module's ``texts.T``),
    so that the same cell prints Ukrainian in the uk notebook and English in the en one."""
    for kind in ("lecture", "source"):
        path = notebooks(root, module, "uk")[kind]
        for i, cell in enumerate(code_cells(read_nb(path))):
            try:
                tree = ast.parse(_strip_magics(src(cell)))
            except SyntaxError:
                continue
            words = [w for piece in _print_literals(tree) for w in _LATIN_WORD.findall(piece)]
            assert not words, (f"{path.relative_to(root)}: code cell #{i} prints literal text {words[:5]}: take the "
                               f"label from the module's texts table, print(T('key', ...))")


def i18n_entries(module: CourseModule) -> list:
    """Every ``{"uk": ..., "en": ...}`` message the module's layers and the shared grading / self-check layers hold."""
    import fsgeom.grading
    import fsgeom.selfcheck
    from fsgeom.i18n import Texts
    entries = []

    def collect(obj, depth=0):
        if isinstance(obj, Texts):
            obj = obj.table
        if isinstance(obj, dict):
            if set(obj) == set(LANGUAGES) and all(isinstance(v, str) for v in obj.values()):
                entries.append(obj)
            elif depth < 2:
                for v in obj.values():
                    collect(v, depth + 1)

    mods = [module.layer(layer) for layer in LAYERS if module.has(layer)] + [fsgeom.grading, fsgeom.selfcheck]
    for mod in mods:
        for value in vars(mod).values():
            collect(value)
    return entries


def english_fragments(entries) -> set:
    """Pieces of English messages that a Ukrainian output must never contain: the literal parts of each template
    (placeholders cut out) that have two words or one long word, and do not occur in the Ukrainian text too."""
    out = set()
    for e in entries:
        for piece in _PLACEHOLDER.split(e["en"]):
            piece = piece.strip(" \n:;,.()[]'\"=-|")
            words = _LATIN_WORD.findall(piece)
            if (len(words) >= 2 or any(len(w) >= 7 for w in words)) and piece not in e["uk"]:
                out.add(piece)
    return out


def notebook_text_outputs(path: Path) -> str:
    """What a notebook's code cells show as text: streams and the text/plain of results and displays."""
    parts = []
    for cell in code_cells(read_nb(path)):
        for o in cell.get("outputs", []):
            if o["output_type"] == "stream":
                parts.append(src({"source": o.get("text", "")}))
            elif o["output_type"] in ("execute_result", "display_data") and "text/plain" in o.get("data", {}):
                parts.append(src({"source": o["data"]["text/plain"]}))
            elif o["output_type"] == "error":
                parts.append(f"{o.get('ename')}: {o.get('evalue')}")
    return "\n".join(parts)


def check_ukrainian_outputs(module: CourseModule, root: Path, extra=()) -> None:
    """The Ukrainian lecture's committed outputs (and ``extra`` Ukrainian notebooks, e.g. an autograded reference
    solution) contain no untranslated English label from the i18n tables."""
    fragments = english_fragments(i18n_entries(module))
    for path in (lecture_path(root, "uk", module), *extra):
        # the module id is a name, not a label: the self-check table prints "«02-encoding»" in Ukrainian too
        text = notebook_text_outputs(path).replace(module.id, "")
        # whole words only: "euclidean" is an English label, "pairwise_euclidean" a function name
        leaks = sorted(f for f in fragments if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text))
        assert not leaks, f"{Path(path).name}: English labels in a Ukrainian notebook's output: {leaks[:5]}"


# --------------------------------------------------------------------------------------------- widgets and figures
def other_value(ctrl):
    """A valid value of a control different from the current one."""
    opts = getattr(ctrl, "options", None)
    if opts is not None:
        values = [o[1] if isinstance(o, tuple) else o for o in opts]
        return values[(values.index(ctrl.value) + 1) % len(values)]
    if isinstance(ctrl.value, bool):
        return not ctrl.value
    lo, hi = ctrl.min, ctrl.max
    target = hi if ctrl.value - lo < hi - ctrl.value else lo
    return type(ctrl.value)(target)


def _fingerprint(w):
    import numpy as np
    out = []
    for a in w.view.animated_artists:
        if hasattr(a, "get_xydata"):
            out.append(np.asarray(a.get_xydata(), dtype=float).copy())
        elif hasattr(a, "get_offsets"):
            out.append(np.asarray(a.get_offsets(), dtype=float).copy())
        elif hasattr(a, "get_array") and a.get_array() is not None:
            out.append(np.asarray(a.get_array()).copy())
        elif hasattr(a, "get_text"):
            out.append(a.get_text())
        elif hasattr(a, "get_width"):
            out.append(a.get_width())
        else:
            out.append(None)
    return out, w.readout.value


def _same(a, b) -> bool:
    import numpy as np
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.shape(a) == np.shape(b) and np.array_equal(a, b)
    return a == b


def close_widget(w) -> None:
    for c in w.controls.values():
        c.close()
    w.readout.close()
    w.close()


def check_widget(name: str, factory) -> None:
    """One widget: one call builds it headless; every control changes what the student sees (an artist and the
    readout) in place -- same figure, same artists, axes fixed, exactly one blit, never a full redraw; the display
    bundle carries the live view, a PNG for static viewers and a plain-text summary."""
    import base64

    import ipywidgets as W
    from matplotlib.figure import Figure

    from fsgeom.widgets import CourseWidget
    w = factory()
    try:
        assert isinstance(w, CourseWidget) and isinstance(w, W.VBox), f"{name}() must return a CourseWidget"
        assert w.name == name, f"{name}: CourseWidget.name is {w.name!r}"
        assert w.controls and all(isinstance(c, W.ValueWidget) for c in w.controls.values()), f"{name}: no controls"
        assert isinstance(w.view.fig, Figure) and w.readout in w.children and w.readout.value and w.numbers, \
            f"{name}: a figure, a readout with text and the numbers it shows are needed"
        fig = w.view.fig
        axes = list(fig.axes)
        artists = {id(a) for a in fig.findobj()}
        animated = [id(a) for a in w.view.animated_artists]
        limits = [(ax.get_xlim(), ax.get_ylim()) for ax in axes]
        full_draws = w.view.full_draws
        for cname, ctrl in w.controls.items():
            before, before_text = _fingerprint(w)
            blits = w.view.blits
            ctrl.value = other_value(ctrl)
            after, after_text = _fingerprint(w)
            assert any(not _same(a, b) for a, b in zip(before, after)), f"{name}: control {cname!r} changed no artist"
            assert after_text != before_text, f"{name}: control {cname!r} did not change the readout"
            assert w.view.blits == blits + 1, f"{name}: control {cname!r}: expected exactly one blit"
            assert w.view.fig is fig and list(fig.axes) == axes, f"{name}: control {cname!r} replaced the figure/axes"
            assert {id(a) for a in fig.findobj()} == artists, f"{name}: control {cname!r} created or removed artists"
            assert [id(a) for a in w.view.animated_artists] == animated, f"{name}: {cname!r} changed the animated set"
            assert [(ax.get_xlim(), ax.get_ylim()) for ax in axes] == limits, f"{name}: control {cname!r} moved the axes"
        assert w.view.full_draws == full_draws, f"{name}: a control triggered a full redraw instead of a blit"
        bundle = w._repr_mimebundle_()
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == w.model_id
        assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG\r\n\x1a\n"), f"{name}: no PNG in the bundle"
        assert data["text/plain"].startswith(f"[{name}]") and "<" not in data["text/plain"]
    finally:
        close_widget(w)


def check_widgets(module: CourseModule, root: Path) -> None:
    """Every widget of the module moves in place kernel-side (:func:`check_widget`)."""
    widgets = module.widgets()
    assert widgets, f"{module.id}: no widget marked @course_widget in widgets.py"
    for name, factory in widgets.items():
        check_widget(name, factory)


def check_figures(module: CourseModule, root: Path) -> None:
    """Every figure the module marks is committed in both languages (``./course figures``) and its maker returns
    a matplotlib Figure."""
    from matplotlib.figure import Figure
    figures = module.figures()
    for name, make in figures.items():
        for lang in LANGUAGES:
            png = Path(root) / "figures" / (f"{name}.png" if lang == "en" else f"{name}-{lang}.png")
            assert png.is_file(), f"{module.id}: figure {png.relative_to(root)} is not committed: run ./course figures"
        assert isinstance(make("en"), Figure), f"{module.id}: figure maker {name} does not return a Figure"


# --------------------------------------------------------------------------------------------- expensive, shared
def tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(Path(folder).rglob("*"))
            if p.is_file() and ".ipynb_checkpoints" not in p.parts}


def check_release_is_generated(module: CourseModule, root: Path, generated: dict) -> None:
    """``exercises/<lang>/<id>/`` is byte for byte what ``nbgrader generate_assignment`` makes now
    (``generated``: ``{lang: folder holding the fresh <id>/``})."""
    for lang in LANGUAGES:
        committed = Path(root) / "exercises" / lang / module.id
        fresh = Path(generated[lang]) / module.id
        assert committed.is_dir(), f"exercises/{lang}/{module.id} is not committed: run ./course release"
        a, b = tree(fresh), tree(committed)
        assert sorted(a) == sorted(b), f"exercises/{lang}/{module.id}: files {sorted(a)} vs {sorted(b)}: run ./course release"
        changed = [n for n in a if a[n] != b[n]]
        assert not changed, f"exercises/{lang}/{module.id}: {changed} differ from a fresh release: run ./course release"


def check_item_analysis(module: CourseModule, root: Path, work: Path, students: dict, out: Path) -> None:
    """:mod:`fsgeom.itemanalysis` on a graded class whose outcome is declared: ``students`` maps each student to
    None (``ref``: every autograded point; ``blank``: none) or a ``Submission`` (every autograded point except its
    ``lost`` cells, whose errors contain its declared hints). The expected difficulty, discrimination and Cronbach's
    alpha are computed here from that 0/full matrix, with numpy's own formulas, and compared with the analysis."""
    import csv

    import numpy as np
    import pytest

    from fsgeom import itemanalysis as IA
    master = points_master(read_nb(source_path(root, "uk", module)))
    auto = [(gid, float(p)) for gid, p, is_auto in master if is_auto]
    names = sorted(students)
    expect = np.array([[0.0 if s == "blank" or (students[s] is not None and g in students[s].lost) else p
                        for g, p in auto] for s in names])
    an = IA.analyze(IA.collect(work, module.id))
    assert sorted(an.students) == names, f"{module.id}: students {sorted(an.students)}, expected {names}"
    assert [t.grade_id for t in an.tasks] == [g for g, _, _ in master], f"{module.id}: tasks not in notebook order"
    by_id = {t.grade_id: t for t in an.tasks}
    got = np.array([[an.students[s]["scores"][g] for g, _ in auto] for s in names])
    np.testing.assert_array_equal(got, expect, err_msg=f"{module.id}: per-student scores")
    totals = expect.sum(axis=1)               # the written answers: the blank's is 0, every other still ungraded
    np.testing.assert_allclose(an.totals(), totals, err_msg=f"{module.id}: totals")
    for j, (g, p) in enumerate(auto):
        t, x = by_id[g], expect[:, j]
        assert t.points == p and t.scored == len(names) and not t.manual, f"{module.id}: {g}"
        assert t.difficulty == pytest.approx(x.mean() / p), f"{module.id}: difficulty of {g}"
        rest = totals - x
        want = np.corrcoef(x, rest)[0, 1] if x.std() > 0 and rest.std() > 0 else float("nan")
        assert t.discrimination == pytest.approx(want, nan_ok=True), f"{module.id}: discrimination of {g}"
        failing = [s for s, v in zip(names, x) if v < p]
        assert t.failed == len(failing) and sum(c for _, c, _ in t.hints) == len(failing), f"{module.id}: {g}"
        messages = [m for _, _, ms in t.hints for m in ms]
        for s in failing:                       # every declared hint is among the task's grouped messages
            text = students[s].hints.get("uk", {}).get(g) if students[s] is not None else None
            if text:
                assert any(text in m for m in messages), f"{module.id}: {s}'s hint {text!r} missing from {g}"
    for g, p, is_auto in master:
        if not is_auto:
            t = by_id[g]
            assert t.manual and not t.hints, f"{module.id}: {g} is a written answer"
            assert (t.label, len(names) - 1) in an.pending, f"{module.id}: {g} awaits grading for all but the blank"
    C_ = np.cov(expect, rowvar=False)
    k = expect.shape[1]
    alpha = k / (k - 1) * (1 - np.trace(C_) / C_.sum())
    assert an.alpha == pytest.approx(alpha), f"{module.id}: Cronbach's alpha"
    paths = IA.write(an, out / module.id, "uk")
    for name in ("students.csv", "tasks.csv", "hints.csv"):
        with paths[name].open(encoding="utf-8") as f:
            rows = list(csv.reader(f))
        want_rows = {"students.csv": len(names), "tasks.csv": len(master),
                     "hints.csv": sum(len(t.hints) for t in an.tasks)}[name]
        assert len(rows) == 1 + want_rows, f"{module.id}: {name} has {len(rows) - 1} rows, expected {want_rows}"
    assert rows[0][0] == "завдання"                                     # headers in the course language
    assert paths["item-analysis.png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = paths["report.html"].read_text(encoding="utf-8")
    assert all(t.label in page for t in an.tasks) and "data:image/png;base64," in page


def check_reference_and_blank_scores(module: CourseModule, root: Path, scores: dict) -> None:
    """The reference solution earns every autograded point and the untouched release zero (manually graded
    cells are exempt from both). ``scores``: ``{lang: {"ref": {grade_id: score}, "blank": {...}}}``."""
    master = points_master(read_nb(source_path(root, "uk", module)))
    auto = {gid: float(p) for gid, p, is_auto in master if is_auto}
    for lang, by_student in scores.items():
        ref = {g: s for g, s in by_student["ref"].items() if g in auto}
        blank = {g: s for g, s in by_student["blank"].items() if g in auto}
        assert ref == auto, f"{module.id} ({lang}): the reference solution scores {ref}, expected {auto}"
        assert blank == {g: 0.0 for g in auto}, f"{module.id} ({lang}): the untouched release scores {blank}"


def check_browser_suite(module: CourseModule, root: Path, collected: list) -> None:
    """The browser suite opens both editions of the module's lecture (``collected``: its lecture paths)."""
    have = {Path(p).resolve() for p in collected}
    missing = [str(lecture_path(root, lang, module).relative_to(root)) for lang in LANGUAGES
               if lecture_path(root, lang, module).resolve() not in have]
    assert not missing, f"{module.id}: the browser suite does not open {missing}"


#: the checks that need only the module and the course root, in the order they run
STATIC_CHECKS = (check_package, check_import_rules, check_notebooks_exist, check_editions_parity, check_languages,
                 check_points, check_tasks, check_lecture, check_assignment, check_plan_minimums,
                 check_printed_text_is_localized, check_ukrainian_outputs, check_instructor_guide, check_hints)
#: checks that build things (a subprocess, widgets, figures): still per module, a second or two each
BUILD_CHECKS = (check_checks_stay_light, check_widgets, check_figures)
