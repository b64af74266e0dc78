"""A throw-away module, ``99-demo``, built in a temp folder: a package folder (maths, widgets, figures, checks), a
lecture, an nbgrader source notebook and its release, in both languages -- everything a module has, small.

:func:`build` writes it (optionally with one deliberate defect, ``broken=...``); ``tests/test_conventions_demo.py``
plugs it into discovery (``fsgeom.modules.__path__`` and ``COURSE_ROOT``) and runs the convention checks on it.
The demo shares a task name (``pairwise_euclidean``) with module 01, to show that tasks are found per module.
"""
from __future__ import annotations

import base64
import io
import json
import shutil
import textwrap
from pathlib import Path

MODULE_ID = "99-demo"
PACKAGE = "m99_demo"

#: name, points, reference body (X is a float matrix), visible/hidden reference expression, uk / en heading
TASKS = (
    ("double", 1, "return 2.0 * X", "2.0 * x", "подвоєння", "doubling"),
    ("triple", 1, "return 3.0 * X", "3.0 * x", "потроєння", "tripling"),
    ("square", 1, "return X ** 2", "x ** 2", "квадрат", "squaring"),
    ("negate", 1, "return -X", "-x", "зміна знака", "negation"),
    ("halve", 1, "return X / 2.0", "x / 2.0", "половина", "halving"),
    ("pairwise_euclidean", 2, "return np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))",
     "np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=2))", "відстані між рядками", "row distances"),
)

#: the defects :func:`build` can plant, each against one convention
DEFECTS = ("en_code_differs", "points_disagree", "no_hidden_tests", "maths_imports_matplotlib",
           "checks_import_plots", "imports_another_module", "widget_redraws", "no_summary",
           "plot_cell_unmarked", "widget_not_shown", "wrong_reference", "release_edited", "module_id_mismatch",
           "heading_points_wrong", "unknown_file", "english_print", "untranslated_output", "no_instructor_guide",
           "plan_not_90", "no_thinking_task", "hidden_default_rng", "hint_placeholder")


def _points_word(n: int, lang: str) -> str:
    if lang == "en":
        return "point" if n == 1 else "points"
    return "бал" if n == 1 else ("бали" if 2 <= n <= 4 else "балів")


# --------------------------------------------------------------------------------------------- the package
def _package(pkg: Path, broken: str | None) -> None:
    pkg.mkdir(parents=True)
    module_id = "98-demo" if broken == "module_id_mismatch" else MODULE_ID
    (pkg / "__init__.py").write_text(textwrap.dedent(f'''\
        """Throw-away module built by tests/demo_module.py."""
        MODULE_ID = "{module_id}"
        TITLE = {{"uk": "Демонстраційний модуль", "en": "Demo module"}}
        '''))
    (pkg / "texts.py").write_text(textwrap.dedent('''\
        """Demo labels."""
        from ...i18n import Texts

        T = Texts({"values": {"uk": "значення хвилі:", "en": "wave values:"}})
        '''))
    (pkg / "maths.py").write_text(textwrap.dedent(f'''\
        """Demo math."""
        import numpy as np
        {"import matplotlib.pyplot as plt  # a defect: math must not plot" if broken == "maths_imports_matplotlib" else ""}
        {"from fsgeom.modules.m01_distances.maths import rotation_matrix  # a defect" if broken == "imports_another_module" else ""}


        def wave(x, freq):
            """sin(freq * x)."""
            return np.sin(freq * np.asarray(x, dtype=float))
        '''))
    checks = ['"""Visible checks of the demo."""', "import numpy as np", "",
              "from ...grading import call, check_array, expect_raises, passed",
              "from ...selfcheck import for_module", "from ...tasks import Task", "from . import MODULE_ID",
              "from .maths import wave  # noqa: F401  (checks may use the module's math)"]
    if broken == "checks_import_plots":
        checks.append("from ...plots import new_figure  # noqa: F401  (a defect: checks must stay light)")
    checks += ["", "", "def _check(name, fn, expected_of):",
               "    x = np.array([[1.0, -2.0], [3.5, 0.0], [0.25, 4.0]])",
               "    check_array(call(fn, x, name=name, task=name), expected_of(x), name=name, task=name)",
               "    expect_raises(fn, np.zeros(3), why='1-D input', name=name, task=name)",
               "    passed(name)", ""]
    for name, _, _, expr, _, _ in TASKS:
        checks += ["", f"def {name}(fn):", f'    """Visible checks of {name}(X)."""',
                   f"    _check({name!r}, fn, lambda x: {expr})", ""]
    entries = []
    for name, pts, *_ in TASKS:
        if broken == "points_disagree" and name == "double":
            pts += 1
        thinking = ", thinking=True" if name == TASKS[-1][0] and broken != "no_thinking_task" else ""
        entries.append(f"    Task({name!r}, ({name!r},), {pts}, 'test_{name}', {name}{thinking}),")
    hint_en = "too small: {value}" if broken == "hint_placeholder" else "too small: {got}"   # a defect: {value}
    checks += ["", f"HINTS = {{'too_small': {{'uk': 'замало: {{got}}', 'en': {hint_en!r}}}}}", ""]
    checks += ["", "TASKS = (", *entries, ")", "check, check_all = for_module(MODULE_ID)", ""]
    (pkg / "checks.py").write_text("\n".join(checks))
    redraw = ("ax.clear(); ax.plot(x, maths.wave(x, f))" if broken == "widget_redraws"
              else "line.set_ydata(maths.wave(x, f))")
    (pkg / "widgets.py").write_text(textwrap.dedent(f'''\
        """Demo widgets."""
        import ipywidgets as W
        import numpy as np

        from ...plots import BlitView
        from ...widgets import CourseWidget, course_widget, slider, widget_figure
        from . import maths


        def _wave_widget(name, freq, backend):
            fig, fw, mode = widget_figure((4.0, 2.5), 80, backend)
            view = BlitView(fig)
            ax = fig.add_subplot()
            ax.set_xlim(0, 6.3)
            ax.set_ylim(-1.1, 1.1)
            x = np.linspace(0, 6.3, 200)
            line = view.animate(ax.plot(x, maths.wave(x, freq))[0])
            controls = {{"freq": slider(W.FloatSlider, freq, 0.5, 5.0, 0.5, "freq"),
                         "phase": W.Dropdown(options=[0.0, 1.0, 2.0], value=0.0, description="phase")}}
            readout = W.HTML()
            w = CourseWidget(name, controls, view, readout, fw, mode)

            def update(change):
                f = w.controls["freq"].value + w.controls["phase"].value
                {redraw}
                w.numbers = {{"freq": f}}
                readout.value = f"freq + phase = {{f:.1f}}"
                view.refresh()

            w._connect(update)
            return w


        @course_widget
        def demo_wave(freq=1.0, backend=None):
            """A sine wave."""
            return _wave_widget("demo_wave", freq, backend)


        @course_widget
        def demo_wave_fast(freq=3.0, backend=None):
            """A faster sine wave."""
            return _wave_widget("demo_wave_fast", freq, backend)
        '''))
    (pkg / "figures.py").write_text(textwrap.dedent('''\
        """Demo figures."""
        import numpy as np

        from ...figures import course_figure
        from ...plots import new_figure
        from . import maths


        @course_figure("wave")
        def wave(lang):
            fig = new_figure((3.0, 2.0), 80)
            ax = fig.add_subplot()
            x = np.linspace(0, 6.3, 100)
            ax.plot(x, maths.wave(x, 2.0))
            ax.set_title("хвиля" if lang == "uk" else "a wave")
            return fig
        '''))
    if broken == "unknown_file":
        (pkg / "helpers.py").write_text("X = 1\n")


# --------------------------------------------------------------------------------------------- notebooks
def _nb(cells) -> dict:
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                                       "name": "python3"},
                                        "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def _md(text, cid, meta=None):
    return {"cell_type": "markdown", "id": cid, "metadata": {"nbgrader": meta} if meta else {}, "source": text}


def _code(text, cid, meta=None, outputs=None, count=None):
    return {"cell_type": "code", "execution_count": count, "id": cid, "metadata": {"nbgrader": meta} if meta else {},
            "outputs": outputs or [], "source": text}


def _meta(gid, *, grade=False, solution=False, locked=True, points=None):
    m = {"grade": grade, "grade_id": gid, "locked": locked, "schema_version": 3, "solution": solution}
    if points is not None:
        m["points"] = points
    return m


def _png() -> str:
    from fsgeom.plots import new_figure
    fig = new_figure((1.0, 1.0), 20)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return base64.b64encode(buf.getvalue()).decode()


LECTURE_TEXT = {
    "uk": {"title": "# Модуль 99. Демонстраційний модуль\n\nЦей зошит створює тест: він перевіряє, що нові модулі "
                    "курсу знаходяться автоматично і підлягають тим самим правилам.",
           "s1": "## 1. Хвиля і її частота\n\nСинусоїда змінюється разом із частотою: подивімося на числа й малюнок.",
           "sum1": "**Підсумок розділу 1.** Частота стискає хвилю вздовж осі, а віджет показує це наживо.",
           "final": "## 2. Підсумки\n\n- Хвиля залежить від частоти.\n\n## Вправи\n\nЗавдання модуля: "
                    "[`exercises/uk/99-demo/99-demo.ipynb`](../../exercises/uk/99-demo/99-demo.ipynb).\n\n"
                    "Питання для роздумів:\n- Чому частота стискає хвилю?"},
    "en": {"title": "# Module 99. A demo module\n\nA test builds this notebook: it checks that new course modules are "
                    "discovered automatically and follow the same rules.",
           "s1": "## 1. A wave and its frequency\n\nA sine wave changes with its frequency: let us see numbers and a figure.",
           "sum1": "**Section 1 in short.** The frequency squeezes the wave along the axis; the widget shows it live.",
           "final": "## 2. Summary\n\n- The wave depends on its frequency.\n\n## Exercises\n\nThe module's assignment: "
                    "[`exercises/en/99-demo/99-demo.ipynb`](../../exercises/en/99-demo/99-demo.ipynb).\n\n"
                    "Questions to think about:\n- Why does the frequency squeeze the wave?"},
}


def _lecture(lang: str, broken: str | None) -> dict:
    t = LECTURE_TEXT[lang]
    label = "wave values:" if lang == "en" or broken in ("english_print", "untranslated_output") else "значення хвилі:"
    png = _png()
    image = {"output_type": "display_data", "metadata": {}, "data": {"image/png": png, "text/plain": "<Figure>"}}
    widget = {"output_type": "display_data", "metadata": {},
              "data": {"application/vnd.jupyter.widget-view+json": {"model_id": "0" * 32, "version_major": 2,
                                                                    "version_minor": 0},
                       "image/png": png, "text/plain": "[demo_wave] freq + phase = 1.0"}}
    plot_src = "fig = plt_figure()\nfig" if broken == "plot_cell_unmarked" else "# plotting only\nfig = plt_figure()\nfig"
    cells = [
        _md(t["title"], "c00"),
        _code("import numpy as np\n\nimport fsgeom\nfrom fsgeom.plots import new_figure as plt_figure\n"
              "from fsgeom.modules.m99_demo import maths, widgets\nfrom fsgeom.modules.m99_demo.texts import T\n\n"
              "fsgeom.env_check()\nSEED = 0", "c01", count=1,
              outputs=[{"output_type": "stream", "name": "stdout", "text": "python 3 | numpy 2\n"}]),
        _md(t["s1"], "c02"),
        _code("print(" + ('"wave values:"' if broken == "english_print" else 'T("values")')
              + ", maths.wave(np.array([0.0, np.pi / 2]), 1.0).round(3))", "c03", count=2,
              outputs=[{"output_type": "stream", "name": "stdout", "text": f"{label} [0. 1.]\n"}]),
        _code(plot_src, "c04", count=3, outputs=[{**image, "output_type": "execute_result", "execution_count": 3}]),
        _code("widgets.demo_wave()", "c05", count=4, outputs=[widget]),
    ]
    if broken != "widget_not_shown":
        cells.append(_code("widgets.demo_wave_fast()", "c06", count=5, outputs=[widget]))
    if broken != "no_summary":
        cells.append(_md(t["sum1"], "c07"))
    cells.append(_md(t["final"], "c08"))
    return _nb(cells)


SOURCE_TEXT = {
    "uk": {"intro": "# Практична робота 99. Демо\n\nРеалізуйте шість функцій у numpy. Кожна функція має перевірку.\n\n"
                    "| # | функція | бали |\n|---|---|---|\n",
           "task": "### Завдання {i} ({p} {w}): {title}\n\nРеалізуйте `{name}(X)` для матриці `X`; одновимірний вхід — "
                   "це помилка `ValueError`."},
    "en": {"intro": "# Assignment 99. Demo\n\nImplement six functions in numpy. Each function has a check.\n\n"
                    "| # | function | points |\n|---|---|---|\n",
           "task": "### Task {i} ({p} {w}): {title}\n\nImplement `{name}(X)` for a matrix `X`; a 1-D input raises "
                   "`ValueError`."},
}


def _source(lang: str, broken: str | None) -> dict:
    t = SOURCE_TEXT[lang]
    rows = "".join(f"| {i} | `{name}(X)` | {p} |\n" for i, (name, p, *_) in enumerate(TASKS, 1))
    cells = [_md(t["intro"] + rows, "intro", _meta("intro")),
             _code("import numpy as np\n\nimport fsgeom\n\nfsgeom.env_check();", "setup", _meta("setup"))]
    for i, (name, p, body, expr, uk_title, en_title) in enumerate(TASKS, 1):
        hp = p + 1 if broken == "heading_points_wrong" and lang == "en" and i == 1 else p
        cells.append(_md(t["task"].format(i=i, p=hp, w=_points_word(hp, lang), name=name,
                                          title=uk_title if lang == "uk" else en_title), f"task_{name}", _meta(f"task_{name}")))
        if broken == "wrong_reference" and name == "triple":
            body = "return 2.0 * X"
        comment = "  # the en edition says more" if broken == "en_code_differs" and lang == "en" and i == 2 else ""
        cells.append(_code(f'def {name}(X):\n    """{name} of a matrix X: {body.replace("return ", "")}. ValueError unless X '
                           f'is 2-D."""\n    ### BEGIN SOLUTION\n    X = np.asarray(X, dtype=float){comment}\n'
                           f'    if X.ndim != 2:\n        raise ValueError(f"X must be 2-D, got shape {{X.shape}}")\n'
                           f"    {body}\n    ### END SOLUTION", name, _meta(name, solution=True, locked=False)))
        test = (f"# Tests for task {i}: {name} ({p} {_points_word(p, 'en')})\n"
                f"from fsgeom.modules.m99_demo import checks\nchecks.{name}({name})\n")
        if not (broken == "no_hidden_tests" and name == "square"):
            draw = ("np.random.default_rng()" if broken == "hidden_default_rng" and name == "square"
                    else f"hidden_rng({name!r})")
            test += ("### BEGIN HIDDEN TESTS\ndef _hidden():\n    import numpy as np\n"
                     f"    from fsgeom.grading import call, check_array, hidden_rng\n    rng = {draw}\n"
                     f"    for _ in range(3):\n        x = rng.normal(size=(int(rng.integers(1, 6)), 3))\n"
                     f"        check_array(call({name}, x), {expr}, name={name!r})\n"
                     "_hidden()\n### END HIDDEN TESTS")
        cells.append(_code(test, f"test_{name}", _meta(f"test_{name}", grade=True, points=p)))
    cells.append(_code("from fsgeom.modules.m99_demo.checks import check_all\n\ncheck_all(globals())", "selfcheck"))
    return _nb(cells)


GUIDE = {
    "uk": "# Посібник викладача — модуль 99-demo\n\n## Відповіді на запитання\n\n1. **Частота.** Синус повторюється "
          "частіше, тож хвиля стискається вздовж осі.\n\n## План на 90 хвилин\n\n| хвилини | частина |\n|---|---|\n"
          "| {a} | хвиля |\n| 40 | завдання |\n\n## Типові помилки\n\n- множення замість ділення на два.\n",
    "en": "# Instructor guide — module 99-demo\n\n## Answers to the questions\n\n1. **Frequency.** The sine repeats more "
          "often, so the wave is squeezed along the axis.\n\n## 90-minute plan\n\n| minutes | part |\n|---|---|\n"
          "| {a} | the wave |\n| 40 | the assignment |\n\n## What students get wrong\n\n- multiplying instead of halving.\n",
}


def _write(path: Path, nb: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def build(tmp: Path, broken: str | None = None, release_from: Path | None = None) -> tuple[Path, Path]:
    """Write the demo module under ``tmp``: returns ``(course_root, packages_folder)``.

    The release (``exercises/``) is generated with ``nbgrader generate_assignment`` unless ``release_from`` (a
    course root holding a release made earlier) is given -- generation costs a few seconds per language.
    """
    if broken is not None and broken not in DEFECTS:
        raise ValueError(f"unknown defect {broken!r}; choose from {DEFECTS}")
    from fsgeom import course, gradetools
    tmp = Path(tmp)
    root, pkgs = tmp / "course", tmp / "packages"
    _package(pkgs / PACKAGE, broken)
    root.mkdir(parents=True)
    shutil.copy2(course.root() / "nbgrader_config.py", root / "nbgrader_config.py")
    for lang in ("uk", "en"):
        _write(root / "lectures" / lang / f"{MODULE_ID}.ipynb", _lecture(lang, broken))
        _write(root / "solutions" / lang / MODULE_ID / f"{MODULE_ID}.ipynb", _source(lang, broken))
        if release_from is not None:
            shutil.copytree(Path(release_from) / "exercises" / lang / MODULE_ID, root / "exercises" / lang / MODULE_ID)
        else:
            gradetools.run_nbgrader(["generate_assignment", MODULE_ID], cwd=root, env={"COURSE_LANG": lang})
    (root / "gradebook.db").unlink(missing_ok=True)        # nbgrader's working state, not part of the module
    if broken == "release_edited":          # by hand, in both editions alike
        for lang in ("uk", "en"):
            rel = root / "exercises" / lang / MODULE_ID / f"{MODULE_ID}.ipynb"
            rel.write_text(rel.read_text(encoding="utf-8").replace("raise NotImplementedError()",
                                                                   "raise NotImplementedError()  # edited", 1),
                           encoding="utf-8")
    if broken != "no_instructor_guide":
        for lang in ("uk", "en"):
            guide = root / "instructors" / lang / f"{MODULE_ID}.md"
            guide.parent.mkdir(parents=True, exist_ok=True)
            guide.write_text(GUIDE[lang].format(a=45 if broken == "plan_not_90" else 50), encoding="utf-8")
    (root / "figures").mkdir()
    return root, pkgs


def write_figures(root: Path, module) -> None:
    """Commit the module's figures into ``root/figures`` (what ``./course figures`` does for the real course)."""
    for name, make in module.figures().items():
        for lang in ("uk", "en"):
            make(lang).savefig(Path(root) / "figures" / (f"{name}.png" if lang == "en" else f"{name}-{lang}.png"))
