"""nbgrader's ``CourseDirectory``, as the guard finds or builds it (never re-implemented here).

* inside ``nbgrader autograde``: :func:`find_coursedir` walks up the traitlets parents of a preprocessor or
  exporter to the converter's ``coursedir`` (configured by the course's ``nbgrader_config.py``);
* in the instructor tools: :func:`course_directory` builds one for a course folder, optionally with the
  folder's ``nbgrader_config.py`` loaded (:func:`load_config`).
"""
from __future__ import annotations

import os

__all__ = ["find_coursedir", "course_directory", "load_config", "release_notebook"]


def find_coursedir(obj, depth: int = 4):
    """The Autograde converter's ``CourseDirectory`` above ``obj`` (a preprocessor, exporter...), or None."""
    p = obj
    for _ in range(depth):
        p = getattr(p, "parent", None)
        if p is None:
            return None
        cd = getattr(p, "coursedir", None)
        if cd is not None:
            return cd
    return None


def load_config(root, filename: str = "nbgrader_config.py"):
    """The traitlets ``Config`` of the course's ``nbgrader_config.py`` in ``root`` (empty if there is none).
    This runs the course's configuration file, as every ``nbgrader`` command does, but leaves this process's
    environment as it was: a configuration may set variables for the kernels nbgrader starts (a course language,
    say), which an instructor tool reading folders must not pass on to whatever it runs next."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader
    if not os.path.isfile(os.path.join(root, filename)):
        return Config()
    saved = dict(os.environ)
    try:
        return PyFileConfigLoader(filename, path=str(root)).load_config()
    finally:
        os.environ.clear()
        os.environ.update(saved)


def course_directory(root, config=None):
    """An nbgrader ``CourseDirectory`` rooted at the course folder ``root`` (nbgrader's defaults for every
    folder and the gradebook unless ``config`` says otherwise; ``config=True`` loads ``root``'s
    ``nbgrader_config.py``)."""
    from nbgrader.coursedir import CourseDirectory
    root = os.path.abspath(os.fspath(root))
    if config is True:
        config = load_config(root)
    return CourseDirectory(config=config, root=root) if config is not None else CourseDirectory(root=root)


def release_notebook(cd, assignment: str, notebook_file: str) -> str:
    """Path of a notebook of the release version of ``assignment`` (what the students received)."""
    return os.path.join(cd.format_path(cd.release_directory, ".", assignment), notebook_file)
