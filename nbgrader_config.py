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

# --- feedback ---
# Feedback HTML must not reveal hidden tests: remove the hidden-test regions from test cells
# (ClearHiddenTests) and cut the test cells' error tracebacks, which would print the failing hidden source
# lines, down to "ename: evalue" (fsgeom.feedback.ReduceTestErrors). Owner: assignment/grading helpers.
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import ClearHiddenTests, GetGrades  # noqa: E402

from fsgeom.feedback import ReduceTestErrors  # noqa: E402

c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, ReduceTestErrors, CSSHTMLHeaderPreprocessor]
# --- end feedback ---

# --- autograde guard ---
# Hardened `nbgrader autograde` against hostile submissions (threat model: README, "For instructors"), plugged in
# through nbgrader's own extension points (Autograde.exporter_class / sanitize_preprocessors /
# autograde_preprocessors): guarded kernel (memory cap, audit hook), trusted state restored before every
# cell, completion nonce on test cells, kernel restart instead of an aborted submission, per-notebook
# reports (`python -m fsgeom.guard.report <assignment>`). Memory cap: $FSGEOM_GUARD_MEMORY (default 2G) or
# c.GuardedExecute.memory_limit. FSGEOM_GUARD=off grades with stock nbgrader. Owner: guard.
from fsgeom.guard import config as _guard  # noqa: E402

_guard.apply(c)
# --- end autograde guard ---
