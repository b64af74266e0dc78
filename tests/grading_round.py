"""One grading round for the whole course, with plain nbgrader commands, in scratch copies of the course.

Per language: one ``nbgrader generate_assignment "*"`` (every module's release), submissions built from that
fresh release the way a student fills it in, one ``nbgrader autograde "*"`` for every student and module, one
``nbgrader generate_feedback "*"``. Students:

* ``ref``   -- the reference solution of every module;
* ``blank`` -- the untouched release of every module;
* ``<NN>-<name>`` -- a module's own extra submissions (typical mistakes, forbidden calls, honest variants), declared
  as :class:`Submission` in ``SUBMISSIONS`` of ``tests/modules/<package>/submissions.py`` (discovered, optional).

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
    """
    lost: frozenset
    edits: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)
    langs: tuple = ("uk",)
    hints: dict = field(default_factory=dict)
    why: str = ""


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
        plan = {"ref": None, "blank": None}
        plan.update({f"{m.number}-{name}": sub for name, sub in module_submissions(m).items() if lang in sub.langs})
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
