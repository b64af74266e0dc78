"""Course-wide invariants: discovery, language detection, pinned environment, the CI command. (Per-module
conventions, uk/en parity included, are in tests/test_conventions.py.)"""
import re

from fsgeom import course, i18n

ROOT = course.root()


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


def _pins_requirements():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-e"):  # a local package installed editable (nbguard), not a pin
            continue
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


def test_shared_layers_never_import_a_module_folder():
    """Shared code stays below the modules: nothing outside fsgeom/modules/ imports a module's folder (the
    discovery package ``fsgeom.modules`` itself may be used, e.g. by ``./course figures`` and the benchmark)."""
    import ast
    pkg = ROOT / "src" / "fsgeom"
    offenders = []
    for path in sorted(pkg.rglob("*.py")):
        if (pkg / "modules") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                if re.match(r"(fsgeom\.|\.+)?modules\.m\d\d_", name) or re.match(r"fsgeom\.modules\.m\d\d_", name):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert not offenders, offenders


def test_points_quoted_in_the_readme_agree_with_the_notebooks():
    """'(<module>: N in all)' in the README is the sum of the points in the module's source notebook (the master)."""
    import json
    quoted = re.findall(r"(\d\d-[a-z0-9-]+): (\d+) in all", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert quoted, "the README quotes no module's total points"
    for module_id, total in quoted:
        nb = json.loads((ROOT / "solutions" / "uk" / module_id / f"{module_id}.ipynb").read_text(encoding="utf-8"))
        points = sum((c.get("metadata", {}).get("nbgrader") or {}).get("points", 0) for c in nb["cells"]
                     if (c.get("metadata", {}).get("nbgrader") or {}).get("grade"))
        assert int(total) == points, f"README says {module_id} has {total} points, the notebook {points}"


def test_start_page_is_generated_from_the_modules_and_every_link_resolves():
    """START.ipynb (what ./course lab opens) is exactly what fsgeom.startpage makes from the discovered modules,
    in both languages, and every relative link on it points to a file of the course."""
    import json
    from fsgeom import modules, startpage
    page = ROOT / startpage.FILENAME
    assert page.read_text(encoding="utf-8") == startpage.build(), "START.ipynb is stale: run ./course release"
    cells = json.loads(page.read_text(encoding="utf-8"))["cells"]
    text = "\n".join(c["source"] if isinstance(c["source"], str) else "".join(c["source"]) for c in cells)
    links = re.findall(r"\]\(([^)#]+)\)", text)
    assert links and all((ROOT / link).exists() for link in links), [l for l in links if not (ROOT / l).exists()]
    for m in modules.discover():
        for lang in ("uk", "en"):
            assert f"lectures/{lang}/{m.id}.ipynb" in links and f"exercises/{lang}/{m.id}/{m.id}.ipynb" in links
            assert m.title[lang] in text
    assert "GLOSSARY.md" in links


def test_course_lab_settings_turn_news_and_update_checks_off():
    import json
    from fsgeom import lab
    args = lab.course_args(ROOT)
    assert "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate" in args
    overrides = json.loads((lab.settings_dir(ROOT) / "overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
    assert (ROOT / lab.START_PAGE).is_file()
    assert "fsgeom.lab" in (ROOT / "course").read_text()          # ./course lab runs it


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


LOCK = ROOT / "requirements-py3.11.lock"
NOT_LOCKED = {"fsgeom", "nbguard", "pip", "setuptools", "wheel"}


def _lock() -> dict:
    pins = {}
    for line in LOCK.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[_canonical(name)] = version
    return pins


def test_lock_agrees_with_requirements():
    """Every direct pin of requirements.txt (for Python 3.11) is in the complete lock at the same version, and the
    lock pins everything the guard relies on."""
    lock = _lock()
    for name, version in _pins_requirements().items():
        assert lock.get(_canonical(name)) == version, f"{name}=={version} in requirements.txt, lock has {lock.get(_canonical(name))}"
    for internal in ("nbclient", "ipykernel", "ipython", "jupyter-client", "nbconvert", "nbformat", "traitlets"):
        assert internal in lock, f"the lock does not pin {internal}, which the grading guard relies on"
    assert not NOT_LOCKED & set(lock), NOT_LOCKED & set(lock)


def test_the_environment_is_the_lock():
    """On the lock's Python, ./course installs exactly the lock: every installed distribution at its locked version
    and nothing missing (a fresh clone in CI proves the lock installs)."""
    import sys
    from importlib import metadata
    if sys.version_info[:2] != (3, 11):
        import pytest
        pytest.skip("the lock is for Python 3.11; this environment resolves requirements.txt alone")
    lock = _lock()
    installed = {_canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}
    installed = {k: v for k, v in installed.items() if k not in NOT_LOCKED}
    wrong = {k: (v, lock.get(k)) for k, v in installed.items() if lock.get(k) != v}
    missing = sorted(set(lock) - set(installed))
    assert not wrong and not missing, f"installed vs lock: {wrong}; locked but not installed: {missing}"
