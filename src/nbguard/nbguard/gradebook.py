"""Where the gradebook is: one reading of nbgrader's ``CourseDirectory.db_url`` for every nbguard tool.

nbgrader stores the gradebook location as a SQLAlchemy URL (default
``sqlite:///<CourseDirectory.root>/gradebook.db``). The grading kernel's deny list, parallel grading (which
copies and merges SQLite files) and the report all need the file behind it; they ask :func:`sqlite_path`.
"""
from __future__ import annotations

import os
from pathlib import Path

from .coursedir import course_directory

__all__ = ["db_url", "sqlite_path", "sqlite_url", "gradebook"]

_PREFIX = "sqlite:///"


def db_url(course) -> str:
    """The gradebook URL of ``course``: a ``CourseDirectory`` (its configured ``db_url``), a URL string, or a
    course folder (nbgrader's default for that root: ``<root>/gradebook.db``)."""
    if isinstance(course, str) and "://" in course:
        return course
    if isinstance(course, (str, os.PathLike)):
        course = course_directory(course)
    return str(course.db_url)


def _parse(url: str) -> str | None:
    """The database part of a SQLite URL (None for other databases and in-memory SQLite)."""
    try:
        from sqlalchemy.engine import make_url
    except ImportError:  # nbgrader depends on SQLAlchemy; this is only a fallback
        return url[len(_PREFIX):].split("?", 1)[0] if url.startswith(_PREFIX) else None
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return u.database


def sqlite_path(course, base=None) -> Path | None:
    """The SQLite file of ``course``'s gradebook (see :func:`db_url` for what ``course`` may be), or None
    when the gradebook is not a SQLite file. A relative path is taken relative to ``base`` (default: the
    ``CourseDirectory``'s root when one is given, else left relative: the cwd, as SQLAlchemy reads it)."""
    db = _parse(db_url(course))
    if db is None:
        return None
    path = Path(db)
    if base is None and not isinstance(course, (str, os.PathLike)):
        base = getattr(course, "root", None)
    if not path.is_absolute() and base is not None:
        path = Path(base) / path
    return path


def sqlite_url(path) -> str:
    """The ``db_url`` of a SQLite gradebook file (absolute)."""
    return _PREFIX + str(Path(path).resolve())


def gradebook(course):
    """nbgrader's ``Gradebook`` on ``course``'s gradebook (see :func:`db_url`); use it as a context manager.
    Opening it creates the database if it does not exist."""
    from nbgrader.api import Gradebook
    return Gradebook(db_url(course))
