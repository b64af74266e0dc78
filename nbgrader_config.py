"""nbgrader configuration for the feature-space geometry course.

Layout: ``solutions/<lang>/<assignment>/`` is nbgrader's source (instructor versions with solutions and
hidden tests); ``exercises/<lang>/<assignment>/`` is the student release. Submissions, the gradebook and
feedback use nbgrader's default folders (``submitted/``, ``autograded/``, ``feedback/``, ``gradebook.db``)
in the course root; they are git-ignored.

One setting chooses the course language: the ``COURSE_LANG`` environment variable, ``uk`` (default) or
``en``. Assignment ids and notebook names are the same in both languages, e.g.

    COURSE_LANG=en nbgrader generate_assignment 01-distances
"""
import os

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

LANG = os.environ.setdefault("COURSE_LANG", "uk")  # the kernels nbgrader starts inherit it (message language)
if LANG not in ("uk", "en"):
    raise ValueError(f"COURSE_LANG must be 'uk' or 'en', got {LANG!r}")

c.CourseDirectory.course_id = "feature-space-geometry"
c.CourseDirectory.source_directory = os.path.join("solutions", LANG)
c.CourseDirectory.release_directory = os.path.join("exercises", LANG)
# what a written answer (a manually graded markdown cell) shows in the release, in the notebook's language
c.ClearSolutions.text_stub = {"uk": "ВАША ВІДПОВІДЬ ТУТ", "en": "YOUR ANSWER HERE"}[LANG]

# --- feedback ---
# Feedback HTML must not reveal hidden tests: remove the hidden-test regions from test cells
# (ClearHiddenTests) and cut the test cells' error tracebacks, which would print the failing hidden source
# lines, down to "ename: evalue" (nbguard.feedback.ReduceTestErrors). Owner: assignment/grading helpers.
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import ClearHiddenTests, GetGrades  # noqa: E402

from nbguard.feedback import ReduceTestErrors  # noqa: E402

c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, ReduceTestErrors, CSSHTMLHeaderPreprocessor]
# The guard's report (autograded/<student>/<assignment>/guard-<notebook>.json) is for the instructor: nbgrader copies
# every other file of a folder along (autograded -> feedback), so it is ignored like a checkpoint (which also keeps a
# student's own guard-*.json out of autograded/). The first four are nbgrader's defaults.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "guard-*.json"]
# --- end feedback ---

# --- autograde guard ---
# Hardened `nbgrader autograde` against hostile submissions with nbguard (src/nbguard; threat model: README,
# "For instructors"), plugged in through nbgrader's own extension points (Autograde.exporter_class /
# sanitize_preprocessors / autograde_preprocessors): guarded kernel (memory cap, audit hook), trusted state
# restored before every cell, completion nonce on test cells, kernel restart instead of an aborted
# submission, per-notebook reports (`python -m nbguard.report <assignment>`). Memory cap: $NBGUARD_MEMORY
# (default 2G) or c.GuardedExecute.memory_limit. NBGUARD=off grades with stock nbgrader. What this course
# protects (each list is added to nbguard's generic defaults: numpy, builtins, math, ...):
#   preimport    imported, recorded and frozen in the grading kernel before student code runs
#   protect      module prefixes whose namespaces are restored before every cell
#   freeze       packages frozen with every submodule loaded at kernel start (rebinding raises)
#   deny_paths   extra folders the kernel may not read: the repository the course package is installed from
#                (its solutions/), also when a scratch copy of the course is graded
#   scan_*       what the static scan treats as grading modules (and their usual names in notebooks) and as
#                the checks' exception
#   language     language of the messages the guard writes into notebooks
# Owner: guard.
import importlib.util  # noqa: E402
from pathlib import Path  # noqa: E402

from nbguard import config as nbguard  # noqa: E402

_package = Path(importlib.util.find_spec("fsgeom").origin).resolve()
_repository = next((str(p) for p in _package.parents if (p / "nbgrader_config.py").is_file()), None)

nbguard.apply(
    c,
    preimport=["fsgeom", "fsgeom.grading", "fsgeom.tasks"],
    protect=["fsgeom", "scipy", "sklearn"],
    freeze=["fsgeom"],
    deny_paths=[_repository] if _repository else [],
    scan_module_names=["fsgeom", "grading", "checks"],
    scan_exception_names=["CheckFailed"],
    language=LANG,
)
# --- end autograde guard ---
