"""Feedback that does not reveal hidden tests.

``nbgrader generate_feedback`` renders autograded notebooks to HTML. ``nbgrader.preprocessors.
ClearHiddenTests`` removes the ``### BEGIN/END HIDDEN TESTS`` region from the test cells' source, but an
error output still carries IPython's traceback, which prints the failing source lines of the cell — the
hidden test code. :class:`ReduceTestErrors` cuts the error outputs of test cells down to one line,
``ename: evalue`` (so a check should put its hint for the student in the exception's message).

In ``nbgrader_config.py``::

    c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, ReduceTestErrors, CSSHTMLHeaderPreprocessor]
"""
from __future__ import annotations

import re

import nbformat
from nbconvert.preprocessors import Preprocessor
from nbformat.notebooknode import NotebookNode
from nbgrader import utils as nbu
from traitlets import Bool

__all__ = ["ReduceTestErrors", "reduce_error", "is_test_cell"]

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def is_test_cell(cell) -> bool:
    """An nbgrader test cell: a grade code cell that is not a solution cell (the cells that hold tests)."""
    if not isinstance(cell, NotebookNode):
        cell = nbformat.from_dict(cell)
    if not isinstance(cell.get("metadata", {}).get("nbgrader"), dict):
        return False
    return cell.get("cell_type") == "code" and bool(nbu.is_grade(cell)) and not nbu.is_solution(cell)


def reduce_error(output: dict) -> dict:
    """Replace an error output's traceback by the single line ``ename: evalue`` (ANSI colours removed)."""
    ename = _ANSI.sub("", str(output.get("ename", "Error")))
    evalue = _ANSI.sub("", str(output.get("evalue", "")))
    output["ename"] = ename
    output["evalue"] = evalue
    output["traceback"] = [f"{ename}: {evalue}" if evalue else ename]
    return output


class ReduceTestErrors(Preprocessor):
    """Reduce error outputs of test cells to ``ename: evalue`` so tracebacks cannot show hidden-test source."""

    enabled = Bool(True, help="on by default (nbconvert preprocessors default to off)").tag(config=True)
    all_code_cells = Bool(False, help="apply to every code cell, not only nbgrader test cells").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.get("cell_type") == "code" and (self.all_code_cells or is_test_cell(cell)):
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error":
                    reduce_error(out)
        return cell, resources
