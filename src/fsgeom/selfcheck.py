"""Student self-check: run the VISIBLE checks of one task or of a whole assignment, with friendly,
specific messages in the notebook's language.

In a notebook, through the assignment's own checks module (it knows its module, nothing is guessed)::

    from fsgeom.modules.m01_distances.checks import check, check_all
    check("pairwise_euclidean", globals())   # one task (task name or function name)
    check_all(globals())                      # every task: a table of ✓/✗, points and hints

or generically, naming the module: ``fsgeom.selfcheck.check_all(globals(), "01-distances")``.

From a terminal (executes the notebook in a fresh kernel, then runs the checks in that kernel)::

    python -m fsgeom.selfcheck exercises/uk/01-distances/01-distances.ipynb

The command prints the same table and exits 1 if any visible check fails (2 if the notebook could not be
run at all), unlike ``nbgrader validate``, which exits 0 on failure. Hidden tests used in grading check
more than the visible ones, so passing here is necessary, not sufficient.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from dataclasses import asdict, dataclass
from pathlib import Path

from . import tasks as _tasks
from .grading import CheckFailed, MissingFunction, NotImplementedYet, StudentError, quiet
from .i18n import LANGUAGES, tr

__all__ = ["TaskResult", "run_task", "results", "check", "check_all", "for_module", "format_table", "run_notebook",
           "main"]

PASS, FAIL, TODO, MISSING, ERROR = "pass", "fail", "todo", "missing", "error"
_MARK = {PASS: "✓", FAIL: "✗", TODO: "…", MISSING: "…", ERROR: "✗"}

TEXT = {
    "header": {"uk": "Самоперевірка «{module}»: видимі перевірки", "en": "Self-check '{module}': visible checks"},
    "columns": {"uk": ("№", "завдання", "бали", "результат"), "en": ("#", "task", "points", "result")},
    "status": {
        PASS: {"uk": "пройдено", "en": "passed"},
        FAIL: {"uk": "помилка", "en": "failed"},
        TODO: {"uk": "не реалізовано", "en": "not implemented"},
        MISSING: {"uk": "не знайдено", "en": "not found"},
        ERROR: {"uk": "виняток", "en": "exception"},
    },
    "total": {
        "uk": "Разом: {passed} з {total} завдань, {earned} з {points} балів за видимими перевірками.",
        "en": "Total: {passed} of {total} tasks, {earned} of {points} points by the visible checks.",
    },
    "all_passed": {
        "uk": "Усі видимі перевірки пройдено. Під час оцінювання ще запускаються приховані тести на випадкових даних.",
        "en": "All visible checks passed. Grading also runs hidden tests on random data.",
    },
    "some_failed": {
        "uk": "Виправте позначені ✗ / … завдання (підказки вище) і запустіть перевірку знову.",
        "en": "Fix the tasks marked ✗ / … (hints above) and run the check again.",
    },
    "unknown_task": {
        "uk": "Невідоме завдання {name!r}. Доступні: {names}.",
        "en": "Unknown task {name!r}. Available: {names}.",
    },
    "one_passed": {"uk": "✓ {name}: видимі перевірки пройдено ({points} б.).",
                   "en": "✓ {name}: visible checks passed ({points} pt)."},
    "one_failed": {"uk": "✗ {name}: {hint}", "en": "✗ {name}: {hint}"},
    "run_failed": {"uk": "Не вдалося виконати зошит {path}: {error}", "en": "Could not run the notebook {path}: {error}"},
    "cell_errors": {
        "uk": "Увага: {count} комірок зошита завершились помилкою (тести завдань, що не пройшли, теж рахуються).",
        "en": "Note: {count} notebook cells raised an error (failing task test cells count too).",
    },
}


@dataclass
class TaskResult:
    """The outcome of one task's visible checks."""
    module: str
    task: str
    points: int
    status: str      #: "pass", "fail", "todo" (not implemented), "missing" (not defined) or "error" (exception)
    hint: str        #: the friendly message ("" when passed)

    @property
    def ok(self) -> bool:
        return self.status == PASS

    @property
    def earned(self) -> int:
        return self.points if self.ok else 0


def run_task(task, namespace: dict, module: str = "") -> TaskResult:
    """Run one :class:`fsgeom.tasks.Task` against ``namespace`` and classify the outcome."""
    try:
        with quiet():
            task.run(namespace)
    except MissingFunction as exc:
        return TaskResult(module, task.name, task.points, MISSING, exc.hint)
    except NotImplementedYet as exc:
        return TaskResult(module, task.name, task.points, TODO, exc.hint)
    except StudentError as exc:
        return TaskResult(module, task.name, task.points, ERROR, exc.hint)
    except CheckFailed as exc:
        return TaskResult(module, task.name, task.points, FAIL, exc.hint)
    except Exception as exc:  # noqa: BLE001 - a check must never crash the self-check table
        return TaskResult(module, task.name, task.points, ERROR, f"{type(exc).__name__}: {exc}")
    return TaskResult(module, task.name, task.points, PASS, "")


def results(namespace: dict, module: str) -> list:
    """:class:`TaskResult` for every task of ``module`` (e.g. ``"01-distances"``) against ``namespace``."""
    return [run_task(t, namespace, module) for t in _tasks.tasks(module)]


def format_table(res: list, lang: str | None = None, width: int = 100) -> str:
    """A plain-text table of results, hints wrapped under each failed task, and a total line."""
    cols = tr(TEXT["columns"], lang)
    name_w = max([len(cols[1])] + [len(r.task) for r in res])
    status_w = max(len(tr(v, lang)) for v in TEXT["status"].values())
    lines = [tr(TEXT["header"], lang, module=res[0].module if res else "?"), ""]
    lines.append(f"   {cols[0]:>2}  {cols[1]:<{name_w}}  {cols[2]:>5}  {cols[3]}")
    lines.append("   " + "-" * (2 + 2 + name_w + 2 + 5 + 2 + status_w + 2))
    for i, r in enumerate(res, 1):
        status = tr(TEXT["status"][r.status], lang)
        lines.append(f" {_MARK[r.status]} {i:>2}  {r.task:<{name_w}}  {r.earned:>2}/{r.points:<2}  {status}")
        if r.hint and r.status != TODO:  # "not implemented" needs no further hint
            for para in r.hint.splitlines():
                lines.extend(textwrap.wrap(para, width=width, initial_indent="        ",
                                           subsequent_indent="        ") or [""])
    passed = sum(r.ok for r in res)
    lines.append("")
    lines.append(tr(TEXT["total"], lang, passed=passed, total=len(res), earned=sum(r.earned for r in res),
                    points=sum(r.points for r in res)))
    lines.append(tr(TEXT["all_passed" if passed == len(res) else "some_failed"], lang))
    return "\n".join(lines)


def check_all(namespace: dict, module: str) -> None:
    """Run every task's visible checks of ``module`` and print the table (``namespace``: a notebook's
    ``globals()``)."""
    print(format_table(results(namespace, module)))


def check(name: str, namespace: dict, module: str) -> None:
    """Run the visible checks of one task of ``module`` (task or function name) and print ✓ or ✗ with the hint."""
    try:
        task = _tasks.find_task(name, module)
    except KeyError:
        names = ", ".join(t.name for t in _tasks.tasks(module))
        print(tr(TEXT["unknown_task"], name=name, names=names))
        return
    r = run_task(task, namespace, module)
    if r.ok:
        print(tr(TEXT["one_passed"], name=r.task, points=r.points))
    else:
        print(tr(TEXT["one_failed"], name=r.task, hint=r.hint))


def for_module(module: str):
    """``(check, check_all)`` bound to ``module``: what a module's ``checks.py`` exports, so that a notebook
    calls ``check("task", globals())`` / ``check_all(globals())`` without naming (or guessing) its module."""
    def check_one(name: str, namespace: dict) -> None:
        check(name, namespace, module)

    def check_every(namespace: dict) -> None:
        check_all(namespace, module)

    check_one.__name__, check_every.__name__ = "check", "check_all"
    check_one.__doc__ = f"Run the visible checks of one task of {module} and print ✓ or ✗ with the hint."
    check_every.__doc__ = f"Run every visible check of {module} and print the table of ✓/✗, points and hints."
    return check_one, check_every


# ---------------------------------------------------------------------------- command line
_MARKER = "__FSGEOM_SELFCHECK__"

_PROBE = f"""
import json as _json
from fsgeom.selfcheck import results as _results
from dataclasses import asdict as _asdict
print({_MARKER!r} + _json.dumps([_asdict(_r) for _r in _results(globals(), {{module!r}})]))
"""


def run_notebook(path, module: str | None = None, lang: str | None = None, timeout: int = 120):
    """Execute the notebook ``path`` in a fresh kernel (cwd = its folder), then run the visible checks in
    that kernel. Returns ``(results, n_cell_errors)``."""
    import nbformat
    from nbclient import NotebookClient

    path = Path(path).resolve()
    nb = nbformat.read(path, as_version=4)
    module = module or _module_from_path(path)
    if module is None:
        raise ValueError(f"cannot tell the module of {path.name} from its path: pass --module, e.g. 01-distances")
    n_user = len(nb.cells)
    nb.cells.append(nbformat.v4.new_code_cell(_PROBE.format(module=module)))
    env_lang = lang or _lang_from_path(path)
    old = os.environ.get("COURSE_LANG")
    if env_lang:
        os.environ["COURSE_LANG"] = env_lang  # the kernel inherits it
    try:
        client = NotebookClient(nb, timeout=timeout, allow_errors=True, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        client.execute()
    finally:
        if env_lang:
            if old is None:
                os.environ.pop("COURSE_LANG", None)
            else:
                os.environ["COURSE_LANG"] = old
    errors = sum(1 for c in nb.cells[:n_user] if c.cell_type == "code"
                 and any(o.get("output_type") == "error" for o in c.get("outputs", [])))
    probe = nb.cells[-1]
    for out in probe.get("outputs", []):
        if out.get("output_type") == "stream" and _MARKER in out.get("text", ""):
            text = out["text"].split(_MARKER, 1)[1].strip().splitlines()[0]
            return [TaskResult(**r) for r in json.loads(text)], errors
        if out.get("output_type") == "error":
            raise RuntimeError(f"{out.get('ename')}: {out.get('evalue')}")
    raise RuntimeError("the self-check did not report (the kernel died or the notebook stopped it)")


def _module_from_path(path: Path) -> str | None:
    """The module of an assignment notebook from its path: its stem or a parent folder is the module id
    (``exercises/uk/01-distances/01-distances.ipynb``)."""
    from . import modules
    known = {m.id for m in modules.discover()}
    for part in (path.stem, *(p.name for p in path.parents)):
        if part in known:
            return part
    return None


def _lang_from_path(path: Path) -> str | None:
    for part in reversed(path.parent.parts):
        if part in LANGUAGES:
            return part
    return None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fsgeom.selfcheck",
                                     description="Run a notebook and its visible checks; exit 1 if any fails.")
    parser.add_argument("notebook", help="path to the assignment notebook (.ipynb)")
    parser.add_argument("--module", help="assignment id, e.g. 01-distances (default: from the path)")
    parser.add_argument("--lang", choices=LANGUAGES, help="message language (default: from the path / COURSE_LANG)")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell (default 120)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    args = parser.parse_args(argv)
    lang = args.lang or os.environ.get("COURSE_LANG") or _lang_from_path(Path(args.notebook).resolve())
    try:
        res, errors = run_notebook(args.notebook, args.module, lang, args.timeout)
    except Exception as exc:  # noqa: BLE001
        print(tr(TEXT["run_failed"], lang, path=args.notebook, error=exc), file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([asdict(r) for r in res], ensure_ascii=False, indent=1))
    else:
        print(format_table(res, lang))
        if errors:
            print(tr(TEXT["cell_errors"], lang, count=errors))
    return 0 if all(r.ok for r in res) else 1


if __name__ == "__main__":
    sys.exit(main())
