"""``GuardedNotebookExporter`` (``Autograde.exporter_class``): a tolerant notebook reader.

A submission that cannot be read as a notebook (corrupted JSON, not a notebook, too large, structurally
broken) is replaced by the blank release notebook, so the student scores 0 everywhere, is flagged (by
:class:`nbguard.inspect_cells.GuardInspect`), and nbgrader does not error for that student.
"""
from __future__ import annotations

import os

import nbformat
from nbconvert.exporters import NotebookExporter
from traitlets import Integer

from .coursedir import find_coursedir, release_notebook
from .keys import UNREADABLE_KEY

__all__ = ["GuardedNotebookExporter", "structurally_ok"]


def structurally_ok(nb) -> str | None:
    """None if ``nb`` (parsed JSON) has the shape nbgrader relies on, else what is wrong."""
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return "no list of cells"
    for i, c in enumerate(nb["cells"]):
        if not isinstance(c, dict) or c.get("cell_type") not in ("code", "markdown", "raw"):
            return f"cell {i} is malformed"
        if not isinstance(c.get("source", ""), (str, list)) or not isinstance(c.get("metadata", {}), dict):
            return f"cell {i} is malformed"
        if c["cell_type"] == "code" and not isinstance(c.get("outputs", []), list):
            return f"cell {i} is malformed"
    if not isinstance(nb.get("metadata", {}), dict):
        return "notebook metadata is malformed"
    return None


def _set_paths(resources, filename) -> None:
    resources.setdefault("metadata", {})
    resources["metadata"].setdefault("path", os.path.dirname(os.path.abspath(filename)))
    resources["metadata"].setdefault("name", os.path.splitext(os.path.basename(filename))[0])


class GuardedNotebookExporter(NotebookExporter):
    """A NotebookExporter that turns an unreadable submission into the blank release notebook."""

    max_notebook_bytes = Integer(20 * 2**20, help="Larger submissions are treated as unreadable.").tag(config=True)

    def from_filename(self, filename, resources=None, **kw):
        resources = {} if resources is None else resources
        try:
            size = os.path.getsize(filename)
            if size > self.max_notebook_bytes:
                raise ValueError(f"file is {size} bytes (limit {self.max_notebook_bytes})")
            with open(filename, encoding="utf-8") as f:
                nb = nbformat.read(f, as_version=4)
            problem = structurally_ok(nb)
            if problem:
                raise ValueError(problem)
        except Exception as e:  # noqa: BLE001  (any unreadable file)
            return self._replacement(filename, resources, f"{type(e).__name__}: {str(e)[:300]}", **kw)
        _set_paths(resources, filename)
        return self.from_notebook_node(nb, resources=resources, **kw)

    def _replacement(self, filename, resources, why, **kw):
        self.log.error("guard: %s cannot be read as a notebook (%s); grading the blank release instead",
                       filename, why)
        nb = None
        cd = find_coursedir(self)
        if cd is not None:
            assignment = os.path.basename(os.path.dirname(os.path.abspath(filename)))
            try:
                nb = nbformat.read(release_notebook(cd, assignment, os.path.basename(filename)), as_version=4)
            except Exception:  # noqa: BLE001
                nb = None
        if nb is None:
            nb = nbformat.v4.new_notebook()
        _set_paths(resources, filename)
        resources[UNREADABLE_KEY] = why
        return self.from_notebook_node(nb, resources=resources, **kw)
