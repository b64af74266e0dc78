"""One grading round for the whole course, with plain nbgrader commands, in scratch copies of the course.

Per language: one ``nbgrader generate_assignment "*"`` (every module's release), submissions built from that
fresh release the way a student fills it in, one ``nbgrader autograde "*"`` for every student and module, one
``nbgrader generate_feedback "*"``. Students:

* ``ref``   -- the reference solution of every module;
* ``blank`` -- the untouched release of every module;
* ``<NN>-<name>`` -- a module's own extra submissions (typical mistakes, forbidden calls, honest variants), declared
  as :class:`Submission` in ``SUBMISSIONS`` of ``tests/modules/<package>/submissions.py`` (discovered, optional);
* ``<NN>-hostile`` -- a representative cheater, the same for every assignment (:func:`hostile_submissions`,
  Ukrainian round): the reference solution read from disk (the kernel's file policy), numpy's comparisons rebound
  (frozen modules) and ``os._exit`` at top level (crash recovery). The whole hostile set, 29 cases, runs against
  ``01-distances`` in ``tests/test_hostile.py``.

Batching is what keeps the suite's grading time nearly flat in the number of modules: nbgrader starts once per
language, not once per module, and a submission costs one kernel start (about 3 s).
"""
from __future__ import annotations

import importlib
import json
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from fsgeom import gradetools
from fsgeom.i18n import LANGUAGES

SOLUTION_MARKERS = re.compile(r"[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?")


@dataclass(frozen=True)
class Submission:
    """A doctored copy of the reference solution, and what grading must make of it.

    ``edits``: ``{grade_id: [(old, new), ...]}`` replacements in the reference solution cells (each ``old`` must
    occur exactly once); ``cells``: ``{grade_id: source}`` solution cells replaced whole (a student's own code).
    ``lost``: the grade ids that must score 0 -- every other autograded cell keeps its full points (one mistake
    costs exactly its task). ``hints``: ``{lang: {grade_id: text}}`` the error shown in that test cell must contain.
    ``append``: code added at the end of solution cells; ``flags``: what the guard's report must say of it.
    """
    lost: frozenset
    edits: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)
    langs: tuple = ("uk",)
    hints: dict = field(default_factory=dict)
    why: str = ""
    #: ``{grade_id: code}`` appended to a solution cell (after ``edits`` and ``cells``)
    append: dict = field(default_factory=dict)
    #: guard flag kinds of which each must appear in ``python -m nbguard.report`` for this student
    flags: tuple = ()


def module_submissions(module) -> dict:
    """``{name: Submission}`` declared by ``tests/modules/<package>/submissions.py`` (empty if there is none)."""
    short = module.package.rsplit(".", 1)[1]
    try:
        mod = importlib.import_module(f"tests.modules.{short}.submissions")
    except ModuleNotFoundError as exc:
        if exc.name in (f"tests.modules.{short}", f"tests.modules.{short}.submissions"):
            return {}
        raise
    return dict(getattr(mod, "SUBMISSIONS", {}))


def leaf_tasks(module, root: Path | None = None) -> list:
    """The module's tasks whose function no other task uses and whose solution cell is named after it, in notebook
    order (a cheat there costs only that task)."""
    from fsgeom import course
    src = read((root or course.root()) / "solutions" / "uk" / module.id / f"{module.id}.ipynb")
    cells = {_nbg(c).get("grade_id") for c in src["cells"] if _nbg(c).get("solution")}
    tasks = module.tasks()
    used = {f for t in tasks for f in t.functions[1:]}
    return [t for t in tasks if t.name not in used and t.name in cells]


_STEAL_AND_PATCH = """
def {name}(*args, **kwargs):      # the reference solution, read from the course folder and executed ...
    import json, os
    here = os.getcwd()            # autograded/<student>/<assignment>/
    for root in (os.path.join(here, "..", "..", ".."), os.path.join(here, "..", "..")):
        path = os.path.join(root, "solutions", "uk", "{module}", "{module}.ipynb")
        nb = json.load(open(path))
        for cell in nb["cells"]:
            src = "".join(cell["source"])
            if "def {name}(" in src:
                ns = {{}}
                exec(src, ns)
                return ns["{name}"](*args, **kwargs)
    raise RuntimeError("nothing found")
import numpy as np                # ... and numpy's comparisons rebound, so that the tests would accept anything
import numpy.testing
np.allclose = lambda *a, **k: True
np.isclose = lambda a, b, *r, **k: np.ones(np.broadcast(np.asarray(a), np.asarray(b)).shape, bool)
np.testing.assert_allclose = lambda *a, **k: None
np.array_equal = lambda *a, **k: True
"""

_OS_EXIT = """
import os
os._exit(1)                       # the kernel dies after a correct definition
"""


def hostile_submissions(module, root: Path | None = None) -> dict:
    """``{"hostile": Submission}``: one student per assignment who attacks the guard on two of the module's
    :func:`leaf_tasks` -- the last one reads the reference solution from disk and rebinds numpy's comparisons, the one
    before it kills its kernel with ``os._exit(1)`` after a correct definition. Exactly those two tasks are lost, and
    the instructor's report flags the monkeypatching, the refused file access and the dead kernel."""
    leaves = leaf_tasks(module, root)
    if len(leaves) < 2:
        return {}
    steal, die = leaves[-1], leaves[-2]
    return {"hostile": Submission(
        frozenset({steal.grade_id, die.grade_id}),
        append={steal.name: _STEAL_AND_PATCH.format(name=steal.name, module=module.id), die.name: _OS_EXIT},
        flags=("scan:monkeypatch", "refused", "kernel_died"),
        why="solution read from disk + numpy rebound; os._exit at top level")}


def all_submissions(module, root: Path | None = None) -> dict:
    """The module's declared submissions and the hostile one, by name."""
    return {**module_submissions(module), **hostile_submissions(module, root)}


#: the English round grades the reference, the blank release and this many of a module's submissions declared for
#: English (the first ones): every declared mistake is graded through nbgrader in Ukrainian, and its English hint is
#: checked in-process (the module's test_checks); English grading itself needs only one hint to be seen end to end
EN_DECLARED = 1


def round_plan(module, lang: str, root: Path | None = None) -> dict:
    """``{student: Submission | None}`` of one language's round for one module (see the module docstring)."""
    plan = {"ref": None, "blank": None}
    subs = [(name, sub) for name, sub in all_submissions(module, root).items() if lang in sub.langs]
    if lang != "uk":
        subs = subs[:EN_DECLARED]
    plan.update({f"{module.number}-{name}": sub for name, sub in subs})
    return plan


def read(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _nbg(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def reference_solutions(source_nb: dict) -> dict:
    """``{grade_id: source}`` of the solution cells of an nbgrader source notebook, markers removed."""
    return {_nbg(c)["grade_id"]: SOLUTION_MARKERS.sub("", "".join(c["source"]))
            for c in source_nb["cells"] if _nbg(c).get("solution")}


def fill(release_nb: dict, solutions: dict, sub: Submission | None = None) -> str:
    """A student's notebook: the release with every solution cell filled in (then ``sub``'s changes)."""
    nb = json.loads(json.dumps(release_nb))
    if sub is not None:
        ids = {_nbg(c).get("grade_id") for c in nb["cells"] if _nbg(c).get("solution")}
        assert set(sub.append) <= ids, f"append to cells that are not solution cells: {set(sub.append) - ids}"
    for cell in nb["cells"]:
        meta = _nbg(cell)
        if not meta.get("solution"):
            continue
        gid = meta["grade_id"]
        code = solutions[gid]
        if sub is not None:
            for old, new in sub.edits.get(gid, []):
                assert code.count(old) == 1, f"edit {old!r} does not occur exactly once in {gid}"
                code = code.replace(old, new)
            code = sub.cells.get(gid, code)
            if gid in sub.append:
                code = code.rstrip("\n") + "\n" + sub.append[gid]
        cell["source"] = code
    return json.dumps(nb, ensure_ascii=False, indent=1)


@dataclass
class Round:
    """What one language's round produced."""
    lang: str
    work: Path                   #: the scratch course (submitted/, autograded/, feedback/, gradebook.db)
    generated: Path              #: ``exercises/<lang>`` as generate_assignment made it
    scores: dict                 #: ``{module_id: {student: {grade_id: score}}}``
    students: dict               #: ``{module_id: {student: Submission | None}}``
    seconds: dict                #: wall time of each nbgrader step

    def errors(self, module_id: str, student: str) -> dict:
        """``{grade_id: error text}`` of the test cells that failed in a student's autograded notebook."""
        nb = read(self.work / "autograded" / student / module_id / f"{module_id}.ipynb")
        return {_nbg(c)["grade_id"]: f"{o.get('ename')}: {o.get('evalue')}" for c in nb["cells"] if _nbg(c).get("grade")
                for o in c.get("outputs", []) if o["output_type"] == "error"}

    def feedback(self, module_id: str, student: str) -> Path:
        return self.work / "feedback" / student / module_id / f"{module_id}.html"


def run_round(tmp: Path, root: Path, modules, lang: str) -> Round:
    """Generate, submit, autograde and give feedback for every module in one language (see the module docstring)."""
    work = gradetools.copy_course(Path(tmp) / f"course-{lang}", root)
    shutil.rmtree(work / "exercises", ignore_errors=True)      # generate from the sources only
    env = {"COURSE_LANG": lang}
    seconds = {}
    t0 = time.perf_counter()
    gradetools.run_nbgrader(["generate_assignment", "*"], cwd=work, env=env)
    seconds["generate_assignment"] = time.perf_counter() - t0
    students = {}
    for m in modules:
        release = read(work / "exercises" / lang / m.id / f"{m.id}.ipynb")
        sols = reference_solutions(read(root / "solutions" / lang / m.id / f"{m.id}.ipynb"))
        plan = round_plan(m, lang, root)
        for student, sub in plan.items():
            text = json.dumps(release) if student == "blank" else fill(release, sols, sub)
            gradetools.submit(work, student, m.id, {f"{m.id}.ipynb": text})
        students[m.id] = plan
    for step in ("autograde", "generate_feedback"):
        t0 = time.perf_counter()
        gradetools.run_nbgrader([step, "*"], cwd=work, env=env)
        seconds[step] = time.perf_counter() - t0
    scores = {m.id: gradetools.cell_scores(work, m.id) for m in modules}
    return Round(lang, work, work / "exercises" / lang, scores, students, seconds)


class CourseRound:
    """Both languages' rounds (built lazily, once per test module that asks for the fixture)."""

    def __init__(self, tmp: Path, root: Path, modules, langs=LANGUAGES):
        self.rounds = {lang: run_round(tmp, root, modules, lang) for lang in langs}

    @property
    def generated(self) -> dict:
        return {lang: r.generated for lang, r in self.rounds.items()}

    def reference_and_blank(self, module_id: str) -> dict:
        return {lang: {s: r.scores[module_id].get(s, {}) for s in ("ref", "blank")} for lang, r in self.rounds.items()}


# --------------------------------------------------------------------------------------------- in-process grading
def grade_in_process(source_nb: dict, submission_nb: dict) -> dict:
    """``{grade_id: score}`` as ``nbgrader autograde`` would give, without a kernel: the source notebook's cells
    (hidden tests included) run in order in one namespace, with the submission's solution cells in place of the
    reference ones; a test cell scores its points unless it raises or writes to stderr. For throw-away modules
    and quick mistake matrices; the real round trip (:func:`run_round`) is what proves the grading pipeline."""
    import contextlib
    import io

    own = {_nbg(c)["grade_id"]: "".join(c["source"]) for c in submission_nb["cells"] if _nbg(c).get("solution")}
    ns: dict = {"__name__": "__main__"}
    scores = {}
    for i, cell in enumerate(source_nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        meta = _nbg(cell)
        code = own.get(meta.get("grade_id"), "".join(cell["source"])) if meta.get("solution") else "".join(cell["source"])
        err = io.StringIO()
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                exec(compile(code, f"<cell {i}>", "exec"), ns)
            ok = not err.getvalue()
        except Exception:  # noqa: BLE001 - a failing cell is what grading measures
            ok = False
        if meta.get("grade") and not meta.get("solution"):
            scores[meta["grade_id"]] = float(meta.get("points", 0)) if ok else 0.0
    return scores
