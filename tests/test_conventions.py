"""Every convention check (tests/conventions.py) over every discovered module, like scikit-learn's common
estimator checks: a new module folder is picked up here without listing it anywhere.

Cheap checks run per module. The grading checks share one round of plain nbgrader commands per language
(tests/grading_round.py): ``generate_assignment "*"`` (the release must be what nbgrader generates),
``autograde "*"`` of every module's reference solution, untouched release and the module's own declared
submissions (tests/modules/<package>/submissions.py: typical mistakes lose exactly their task, honest variants
keep every point, forbidden calls lose their task), ``generate_feedback "*"`` (no hidden test leaks). One nbgrader
start per language, whatever the number of modules."""
from __future__ import annotations

import html
import re

import pytest

from fsgeom import course, gradetools, modules
from tests import conventions as C
from tests.grading_round import CourseRound, read, round_plan

MODULES = modules.discover()
IDS = [m.id for m in MODULES]
ROOT = course.root()
CHEAP = C.STATIC_CHECKS + C.BUILD_CHECKS
DECLARED = [(m, student.split("-", 1)[1], sub, lang) for m in MODULES for lang in ("uk", "en")
            for student, sub in round_plan(m, lang, ROOT).items() if sub is not None]


def test_every_module_is_discovered_and_every_notebook_has_a_module():
    assert MODULES, "no module discovered under fsgeom/modules"
    ids = set(IDS)
    for lang in ("uk", "en"):
        assert {p.stem for p in course.lectures(lang)} == ids, f"lectures/{lang} vs module folders"
        assert set(course.assignments(lang)) == ids, f"solutions/{lang} vs module folders"


@pytest.mark.parametrize("check", CHEAP, ids=[c.__name__ for c in CHEAP])
@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_convention(module, check):
    check(module, ROOT)


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_browser_suite_opens_the_lectures(module):
    from tests.browser.test_widgets_in_browser import LECTURES
    C.check_browser_suite(module, ROOT, LECTURES)


# ------------------------------------------------------------------------------------------ the grading round
@pytest.fixture(scope="module")
def course_round(tmp_path_factory):
    return CourseRound(tmp_path_factory.mktemp("round"), ROOT, MODULES)


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_release_is_what_nbgrader_generates(module, course_round):
    C.check_release_is_generated(module, ROOT, course_round.generated)


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_reference_earns_every_point_and_the_release_none(module, course_round):
    C.check_reference_and_blank_scores(module, ROOT, course_round.reference_and_blank(module.id))


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_the_reference_runs_top_to_bottom_without_error(module, course_round):
    """The source notebook -- the reference solution with its hidden tests -- as ``nbgrader autograde`` executed it
    top to bottom in a fresh kernel: every code cell ran and none shows an error. (This is what nbval over
    ``solutions/`` checked: the solutions have no output-checked cells; the round already runs them, so nbval does not
    run them a second time.)"""
    for lang, r in course_round.rounds.items():
        graded = read(r.work / "autograded" / "ref" / module.id / f"{module.id}.ipynb")
        code = [c for c in graded["cells"] if c["cell_type"] == "code"]
        expected = sum(c["cell_type"] == "code" for c in read(C.source_path(ROOT, lang, module))["cells"])
        assert len(code) == expected, f"{module.id} ({lang}): {len(code)} code cells graded, the source has {expected}"
        for i, c in enumerate(code):
            assert c.get("execution_count") is not None, f"{module.id} ({lang}): code cell #{i} did not run"
            errors = [f"{o.get('ename')}: {o.get('evalue')}" for o in c.get("outputs", []) if o["output_type"] == "error"]
            assert not errors, f"{module.id} ({lang}): code cell #{i} of the reference failed: {errors[0][:300]}"


@pytest.mark.parametrize("module, name, sub, lang", DECLARED,
                         ids=[f"{m.id}-{name}-{lang}" for m, name, sub, lang in DECLARED])
def test_declared_submission_loses_exactly_its_tasks(module, name, sub, lang, course_round):
    r = course_round.rounds[lang]
    student = f"{module.number}-{name}"
    auto = {gid: float(p) for gid, p, is_auto in C.points_master(read(C.source_path(ROOT, lang, module))) if is_auto}
    got = {g: s for g, s in r.scores[module.id][student].items() if g in auto}
    expected = {g: 0.0 if g in sub.lost else p for g, p in auto.items()}
    assert got == expected, f"{student} ({sub.why}): scored {got}"
    errors = r.errors(module.id, student)
    assert set(errors) == set(sub.lost), f"{student}: test cells with errors {sorted(errors)}, expected {sorted(sub.lost)}"
    for gid, text in sub.hints.get(lang, {}).items():
        assert text in errors[gid], f"{student}: the error of {gid} does not say {text!r}: {errors[gid]}"


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_the_guard_flags_the_hostile_submissions(module, course_round):
    """The representative cheats of every assignment (grading_round.hostile_submissions) are graded as declared
    (test_declared_submission_loses_exactly_its_tasks) and named in the instructor's report."""
    from nbguard import report
    r = course_round.rounds["uk"]
    data = report.collect(r.work, module.id)
    hostile = {s: sub for s, sub in r.students[module.id].items() if sub is not None and sub.flags}
    assert hostile, f"{module.id}: no hostile submission in the round"
    for student, sub in hostile.items():
        kinds = {f["kind"] for f in data["students"][student]["flags"]}
        assert set(sub.flags) <= kinds, f"{module.id}: {student} ({sub.why}) flagged {sorted(kinds)}, expected {sub.flags}"
    for student in ("ref", "blank"):
        serious = [f for f in data["students"][student]["flags"] if f["severity"] in ("error", "high")]
        assert not serious, f"{module.id}: {student} flagged {serious}"


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_item_analysis_of_the_graded_class(module, course_round, tmp_path):
    """The item analysis (``python -m fsgeom.itemanalysis``) of the round's class -- the reference, the blank release and
    the module's declared submissions, whose scores and hints are known in advance -- gives the statistics computed
    here from the declarations alone."""
    r = course_round.rounds["uk"]
    C.check_item_analysis(module, ROOT, r.work, r.students[module.id], tmp_path)


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_the_ukrainian_assignment_prints_ukrainian(module, course_round):
    """The uk reference solution as nbgrader executed it: its outputs carry no English label of the i18n tables."""
    graded = course_round.rounds["uk"].work / "autograded" / "ref" / module.id / f"{module.id}.ipynb"
    C.check_ukrainian_outputs(module, ROOT, extra=[graded])


def _hidden_lines(module, lang) -> list:
    """Distinctive source lines of the hidden-test regions of a module's source notebook."""
    lines = []
    for cell in read(C.source_path(ROOT, lang, module))["cells"]:
        inside = False
        for line in C.src(cell).splitlines():
            if "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END HIDDEN TESTS" in line:
                inside = False
            elif inside and len(line.strip()) >= 12 and line.strip() not in ("import numpy as np",):
                lines.append(" ".join(line.split()))
    return sorted(set(lines))


def _html_text(path) -> str:
    text = re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))
    return " ".join(html.unescape(text).split())


@pytest.mark.parametrize("module", MODULES, ids=IDS)
def test_feedback_reveals_no_hidden_tests_and_keeps_hints(module, course_round):
    for lang, r in course_round.rounds.items():
        hidden = _hidden_lines(module, lang)
        assert len(hidden) >= 3 * len(module.tasks()), f"{module.id}: too few hidden-test lines found"
        for student in r.students[module.id]:
            path = r.feedback(module.id, student)
            assert path.is_file(), f"no feedback for {student} ({lang})"
            assert not list(path.parent.glob("guard-*.json")), f"the guard's report went out with {student}'s feedback"
            raw, text = path.read_text(encoding="utf-8"), _html_text(path)
            for marker in ("HIDDEN TESTS", "BEGIN HIDDEN", "END HIDDEN", "_hidden"):
                assert marker not in raw and marker not in text, f"{marker!r} in the feedback of {student} ({lang})"
            own = " ".join(" ".join(C.src(c).split()) for c in
                           read(r.work / "submitted" / student / module.id / f"{module.id}.ipynb")["cells"])
            leaked = [line for line in hidden if line in text and line not in own]   # the student's own code may match
            assert not leaked, f"hidden test source in the feedback of {student} ({lang}): {leaked[:3]}"
            sub = r.students[module.id][student]
            # the blank release's stubs break its ungraded experiment cells; a cheater's own cells raise at top level
            if student != "blank" and not (sub and sub.flags):
                for piece in ("most recent call last", "--->", "Cell In["):
                    assert piece not in text, f"a traceback in the feedback of {student} ({lang})"
            for hint in (sub.hints.get(lang, {}).values() if sub else ()):
                assert hint in text, f"the hint {hint!r} is missing from the feedback of {student} ({lang})"


def test_round_timing_is_reported(course_round, capsys):
    with capsys.disabled():
        for lang, r in course_round.rounds.items():
            n = sum(len(s) for s in r.students.values())
            print(f"\n  grading round {lang}: {n} submissions; " +
                  ", ".join(f"{k} {v:.1f} s" for k, v in r.seconds.items()))
    assert gradetools.max_score(course_round.rounds["uk"].work, MODULES[0].id) > 0
