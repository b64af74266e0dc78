"""The grading round trip of assignment 01-distances with plain nbgrader commands, in scratch course copies.

One module-scoped fixture per language: ``nbgrader generate_assignment`` (the release must equal the committed
``exercises/`` byte for byte), then several submissions graded by ONE ``nbgrader autograde`` call, then
``nbgrader generate_feedback``. Submissions (built from the generated release, as a student would fill it):

* ``ref``       — the reference solutions: full marks;
* ``blank``     — the untouched release: zero;
* ``mistakes``  — typical mistakes (sample std, distances not square-rooted, scaler fitted on the test
                  data): loses exactly those three tasks;
* ``ddof``      — only the sample-std mistake: loses zscore_fit only (scale_train_test reuses the student's
                  own zscore_fit and is not charged twice);
* ``hardcoded`` — Manhattan correct only on small inputs (passes the visible checks): the hidden tests
                  take its point.
"""
from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from fsgeom import course, gradetools

ASSIGNMENT = "01-distances"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
ROOT = course.root()

POINTS = {  # grade cell -> points (the notebook's test cells)
    "test_pairwise_euclidean": 2, "test_pairwise_manhattan": 1, "test_pairwise_cosine_distance": 2,
    "test_knn_predict": 2, "test_zscore_fit": 2, "test_zscore_transform": 1, "test_scale_train_test": 2,
    "test_pairwise_mahalanobis": 2, "test_iso_ellipse_axes": 2,
}

#: cell grade_id -> list of (old, new) source replacements applied to the reference solution
MISTAKES = {
    "pairwise_euclidean": [("return np.sqrt((diff ** 2).sum(axis=2))", "return (diff ** 2).sum(axis=2)")],
    "zscore_fit": [("std = X.std(axis=0)", "std = X.std(axis=0, ddof=1)")],
    "scale_train_test": [("mean, std = zscore_fit(X_train)\n    return", "mean, std = zscore_fit(X_test)\n    return")],
}
DDOF_ONLY = {"zscore_fit": MISTAKES["zscore_fit"]}
HARDCODED = {"pairwise_manhattan": [(
    "return np.abs(X[:, None, :] - Y[None, :, :]).sum(axis=2)",
    "if X.shape[0] <= 5 and Y.shape[0] <= 5:\n"
    "        return np.abs(X[:, None, :] - Y[None, :, :]).sum(axis=2)\n"
    "    return np.sqrt(((X[:, None, :] - Y[None, :, :]) ** 2).sum(axis=2))")]}


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def reference_solutions(lang: str) -> dict:
    """``{grade_id: solution source}`` from the nbgrader source notebook, SOLUTION markers removed."""
    nb = _read(ROOT / "solutions" / lang / ASSIGNMENT / NOTEBOOK)
    out = {}
    for cell in nb["cells"]:
        meta = _nbgrader(cell)
        if meta.get("solution"):
            src = "".join(cell["source"])
            out[meta["grade_id"]] = re.sub(r"[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", "", src)
    return out


def fill_release(release_nb: dict, solutions: dict, edits: dict | None = None) -> str:
    """A student submission: the release notebook with every solution cell filled in (then ``edits``)."""
    nb = json.loads(json.dumps(release_nb))
    edits = edits or {}
    for cell in nb["cells"]:
        meta = _nbgrader(cell)
        if meta.get("solution"):
            src = solutions[meta["grade_id"]]
            for old, new in edits.get(meta["grade_id"], []):
                assert src.count(old) == 1, f"edit {old!r} does not match exactly once in {meta['grade_id']}"
                src = src.replace(old, new)
            cell["source"] = src
    return json.dumps(nb, ensure_ascii=False, indent=1)


def _tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
            and ".ipynb_checkpoints" not in p.parts}


class Round:
    """Results of one language's round trip."""

    def __init__(self, lang, work, generated, scores, feedback, autograde_seconds, n_students):
        self.lang, self.work, self.generated, self.scores = lang, work, generated, scores
        self.feedback, self.autograde_seconds, self.n_students = feedback, autograde_seconds, n_students


def _round(tmp: Path, lang: str, students: dict) -> Round:
    import time

    work = gradetools.copy_course(tmp / "course", ROOT)
    shutil.rmtree(work / "exercises", ignore_errors=True)  # generate from scratch, not over the committed copy
    env = {"COURSE_LANG": lang}
    gradetools.run_nbgrader(["generate_assignment", ASSIGNMENT], cwd=work, env=env)
    generated = work / "exercises" / lang / ASSIGNMENT
    release_nb = _read(generated / NOTEBOOK)
    sols = reference_solutions(lang)
    for student, edits in students.items():
        content = json.dumps(release_nb) if edits is None else fill_release(release_nb, sols, edits)
        gradetools.submit(work, student, ASSIGNMENT, {NOTEBOOK: content})
    t0 = time.perf_counter()
    gradetools.run_nbgrader(["autograde", ASSIGNMENT], cwd=work, env=env)
    seconds = time.perf_counter() - t0
    gradetools.run_nbgrader(["generate_feedback", ASSIGNMENT], cwd=work, env=env)
    feedback = {s: (work / "feedback" / s / ASSIGNMENT / f"{ASSIGNMENT}.html") for s in students}
    return Round(lang, work, generated, gradetools.cell_scores(work, ASSIGNMENT), feedback, seconds, len(students))


@pytest.fixture(scope="module")
def uk(tmp_path_factory):
    return _round(tmp_path_factory.mktemp("uk"), "uk",
                  {"ref": {}, "blank": None, "mistakes": MISTAKES, "ddof": DDOF_ONLY, "hardcoded": HARDCODED})


@pytest.fixture(scope="module")
def en(tmp_path_factory):
    return _round(tmp_path_factory.mktemp("en"), "en", {"ref": {}, "mistakes": MISTAKES})


# ------------------------------------------------------------------------------------------ (a) release
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_release_reproduces_committed_exercises(lang, request):
    r = request.getfixturevalue(lang)
    committed = ROOT / "exercises" / lang / ASSIGNMENT
    assert committed.is_dir(), f"exercises/{lang}/{ASSIGNMENT} is not committed: run python tools/release.py"
    fresh, old = _tree(r.generated), _tree(committed)
    assert sorted(fresh) == sorted(old), "different files: run python tools/release.py"
    changed = [name for name in fresh if fresh[name] != old[name]]
    assert not changed, f"exercises/{lang}/{ASSIGNMENT}: {changed} differ from a fresh release: run tools/release.py"


def test_release_has_no_solutions_or_hidden_tests(uk):
    text = (uk.generated / NOTEBOOK).read_text(encoding="utf-8")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "_hidden()"):
        assert marker not in text
    nb = _read(uk.generated / NOTEBOOK)
    stubs = [c for c in nb["cells"] if _nbgrader(c).get("solution")]
    assert len(stubs) == 9 and all("raise NotImplementedError()" in "".join(c["source"]) for c in stubs)
    grades = {_nbgrader(c)["grade_id"]: _nbgrader(c)["points"] for c in nb["cells"] if _nbgrader(c).get("grade")}
    assert grades == POINTS


# ------------------------------------------------------------------------------------------ (b), (c), (f)
def test_reference_solution_gets_full_marks(uk):
    assert uk.scores["ref"] == {k: float(v) for k, v in POINTS.items()}
    assert gradetools.total_score(uk.work, ASSIGNMENT, "ref") == sum(POINTS.values())
    assert gradetools.max_score(uk.work, ASSIGNMENT) == sum(POINTS.values())


def test_untouched_release_scores_zero(uk):
    assert uk.scores["blank"] == {k: 0.0 for k in POINTS}


def test_english_reference_solution_gets_full_marks(en):
    assert en.scores["ref"] == {k: float(v) for k, v in POINTS.items()}


# ------------------------------------------------------------------------------------------ (d) mistakes
def test_typical_mistakes_lose_exactly_their_tasks(uk):
    lost = {"test_pairwise_euclidean", "test_zscore_fit", "test_scale_train_test"}
    assert uk.scores["mistakes"] == {k: (0.0 if k in lost else float(v)) for k, v in POINTS.items()}


def test_english_typical_mistakes_lose_exactly_their_tasks(en):
    lost = {"test_pairwise_euclidean", "test_zscore_fit", "test_scale_train_test"}
    assert en.scores["mistakes"] == {k: (0.0 if k in lost else float(v)) for k, v in POINTS.items()}


def test_sample_std_costs_only_zscore_fit(uk):
    assert uk.scores["ddof"] == {k: (0.0 if k == "test_zscore_fit" else float(v)) for k, v in POINTS.items()}


def test_hidden_tests_catch_what_visible_checks_miss(uk):
    assert uk.scores["hardcoded"] == {k: (0.0 if k == "test_pairwise_manhattan" else float(v))
                                      for k, v in POINTS.items()}


def test_mistake_hints_reach_the_autograded_notebook(uk, en):
    expected = {
        "uk": ("квадратний корінь", "ddof=1", "ВЛАСНИМИ статистиками"),
        "en": ("square root", "ddof=1", "OWN statistics"),
    }
    for r in (uk, en):
        nb = _read(r.work / "autograded" / "mistakes" / ASSIGNMENT / NOTEBOOK)
        errors = {_nbgrader(c)["grade_id"]: o["evalue"] for c in nb["cells"] if _nbgrader(c).get("grade")
                  for o in c.get("outputs", []) if o["output_type"] == "error"}
        assert set(errors) == {"test_pairwise_euclidean", "test_zscore_fit", "test_scale_train_test"}
        hints = expected[r.lang]
        assert hints[0] in errors["test_pairwise_euclidean"]
        assert hints[1] in errors["test_zscore_fit"]
        assert hints[2] in errors["test_scale_train_test"]


# ------------------------------------------------------------------------------------------ (e) feedback
def _hidden_lines(lang: str) -> list:
    """Distinctive source lines of the hidden-test regions (whitespace-normalized)."""
    nb = _read(ROOT / "solutions" / lang / ASSIGNMENT / NOTEBOOK)
    lines = []
    for cell in nb["cells"]:
        inside = False
        for line in "".join(cell["source"]).splitlines():
            if "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END HIDDEN TESTS" in line:
                inside = False
            elif inside and len(line.strip()) >= 12 and line.strip() not in ("import numpy as np",):
                lines.append(" ".join(line.split()))
    return sorted(set(lines))


def _html_text(path: Path) -> str:
    text = re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))
    return " ".join(html.unescape(text).split())


def test_feedback_reveals_no_hidden_tests(uk, en):
    for r in (uk, en):
        hidden = _hidden_lines(r.lang)
        assert len(hidden) > 50
        for student, path in r.feedback.items():
            assert path.is_file(), f"no feedback for {student}"
            raw = path.read_text(encoding="utf-8")
            text = _html_text(path)
            for marker in ("HIDDEN TESTS", "BEGIN HIDDEN", "END HIDDEN", "_hidden"):
                assert marker not in raw and marker not in text, f"{marker!r} in feedback of {student}"
            leaked = [line for line in hidden if line in text]
            assert not leaked, f"hidden test source in the feedback of {student} ({r.lang}): {leaked[:3]}"


def test_feedback_keeps_the_friendly_hint(uk):
    text = _html_text(uk.feedback["mistakes"])
    assert "квадратний корінь" in text and "ddof=1" in text
    for traceback_piece in ("most recent call last", "--->", "Cell In["):
        assert traceback_piece not in text


def test_autograde_time_per_submission(uk):
    per = uk.autograde_seconds / uk.n_students
    print(f"\nautograde: {uk.autograde_seconds:.1f} s for {uk.n_students} submissions = {per:.1f} s each")
    assert per < 30
