"""Course-wide invariants: discovery, language detection, uk/en edition parity, pinned environment."""
import json
import re
from pathlib import Path

import pytest

from fsgeom import course, i18n

ROOT = course.root()
CYRILLIC = re.compile("[\u0400-\u04FF]")


def test_discovery_finds_both_editions():
    assert course.lectures("uk") and course.lectures("en")
    assert course.assignments("uk") == course.assignments("en")


def test_language_detection(monkeypatch, tmp_path):
    monkeypatch.delenv("COURSE_LANG", raising=False)
    (tmp_path / "exercises" / "en" / "01-x").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "exercises" / "en" / "01-x")
    assert i18n.language() == "en"
    monkeypatch.chdir(tmp_path)
    assert i18n.language() == "uk"
    monkeypatch.setenv("COURSE_LANG", "en")
    assert i18n.language() == "en"
    assert i18n.tr({"uk": "так {n}", "en": "yes {n}"}, "uk", n=1) == "так 1"


def _counterpart(path: Path) -> Path:
    rel = path.relative_to(ROOT).parts
    return ROOT.joinpath(rel[0], "en", *rel[2:])


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _src(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


UK_NOTEBOOKS = course.lectures("uk") + course.solution_notebooks("uk") + course.release_notebooks("uk")


@pytest.mark.parametrize("uk", UK_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_editions_have_identical_code_cells(uk):
    en = _counterpart(uk)
    assert en.exists(), f"missing English edition {en.relative_to(ROOT)}"
    code_uk = [(_src(c), c.get("metadata", {}).get("nbgrader")) for c in _cells(uk) if c["cell_type"] == "code"]
    code_en = [(_src(c), c.get("metadata", {}).get("nbgrader")) for c in _cells(en) if c["cell_type"] == "code"]
    assert len(code_uk) == len(code_en), f"{len(code_uk)} code cells in uk vs {len(code_en)} in en"
    for i, ((su, mu), (se, me)) in enumerate(zip(code_uk, code_en)):
        assert su == se, f"code cell #{i} differs between editions:\n--- uk ---\n{su}\n--- en ---\n{se}"
        if mu or me:  # nbgrader ids and points must match (checksums differ only via markdown cells)
            keys = ("grade_id", "points", "grade", "solution", "locked")
            assert {k: (mu or {}).get(k) for k in keys} == {k: (me or {}).get(k) for k in keys}, f"cell #{i} nbgrader metadata"


@pytest.mark.parametrize("uk", UK_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_editions_are_in_their_language(uk):
    md = lambda p: "".join(_src(c) for c in _cells(p) if c["cell_type"] == "markdown")
    uk_md, en_md = md(uk), md(_counterpart(uk))
    assert len(CYRILLIC.findall(uk_md)) > 0.3 * len(re.findall(r"[A-Za-z\u0400-\u04FF]", uk_md)), "uk prose is not Ukrainian"
    assert len(CYRILLIC.findall(en_md)) < 0.02 * max(1, len(en_md)), "en prose contains Cyrillic text"


def _pins_requirements():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if ";" in line:  # environment markers: conda's environment has Python >= 3.11
            line, marker = (part.strip() for part in line.split(";", 1))
            if "< \"3.11\"" in marker:
                continue
        if line:
            name, version = line.split("==")
            pins[name.strip().lower()] = version.strip()
    return pins


def _pins_environment():
    pins, in_deps = {}, False
    for raw in (ROOT / "environment.yml").read_text().splitlines():
        item = raw.split("#")[0].strip()
        if item.endswith(":") and not item.startswith("-"):
            in_deps = item == "dependencies:"
            continue
        if not in_deps or not item.startswith("- ") or item == "- pip:":
            continue
        spec = item[2:].strip()
        if spec.startswith("-e") or spec in ("pip",) or spec.startswith("python"):
            continue
        name, version = re.split(r"==|=", spec, maxsplit=1)
        pins[name.strip().lower()] = version.strip()
    return pins


def test_environment_yml_agrees_with_requirements():
    req, env = _pins_requirements(), _pins_environment()
    assert req, "no pins parsed from requirements.txt"
    assert env == req, f"environment.yml and requirements.txt disagree: only in requirements {set(req.items()) - set(env.items())}, only in environment.yml {set(env.items()) - set(req.items())}"


def test_every_pin_has_a_comment_saying_why():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if "==" in line:
            assert "#" in line and len(line.split("#", 1)[1].strip()) > 10, f"pin without a reason: {line}"


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text()
    commands = [l.strip() for l in ci.splitlines() if l.strip() and not l.strip().startswith(("#", "set ", "cd ", "export ", "bash .ci/"))]
    assert commands == ["./course test"], commands
    assert "./course test" in readme and "./course lab" in readme
