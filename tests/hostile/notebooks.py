"""Reading the assignment and building submissions from the release and the instructor's solution.

A submission is built the way a student makes one: start from the *release* notebook (what students get) and
put code into the solution cells. ``honest`` uses the reference solution for every task; the cheat builders
in :mod:`tests.hostile.cheats` start from ``honest`` and change one or two tasks.
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import nbformat

SOLUTION_MARKERS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$", re.M)


def read(path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def grade_id(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def solution_code(solution_nb) -> dict:
    """``{grade_id: source}`` of the solution cells, with the BEGIN/END SOLUTION markers removed."""
    out = {}
    for cell in solution_nb.cells:
        md = cell.metadata.get("nbgrader", {})
        if md.get("solution") and cell.cell_type == "code":
            out[md["grade_id"]] = SOLUTION_MARKERS.sub("", cell.source).replace("\n\n\n", "\n\n")
    return out


def tasks(solution_nb) -> list:
    """``[(solution_id, test_id, points)]`` in notebook order: each solution cell and the test cell after it."""
    out, pending = [], None
    for cell in solution_nb.cells:
        md = cell.metadata.get("nbgrader", {})
        if md.get("solution") and cell.cell_type == "code":
            pending = md["grade_id"]
        elif md.get("grade") and not md.get("solution") and pending:
            out.append((pending, md["grade_id"], float(md["points"])))
            pending = None
    return out


class Submission:
    """A mutable student notebook with helpers to edit cells by grade id."""

    def __init__(self, nb):
        self.nb = copy.deepcopy(nb)

    def cell(self, gid):
        for c in self.nb.cells:
            if grade_id(c) == gid:
                return c
        raise KeyError(gid)

    def index(self, gid) -> int:
        return next(i for i, c in enumerate(self.nb.cells) if grade_id(c) == gid)

    def set_code(self, gid, source):
        self.cell(gid).source = source
        return self

    def append_code(self, gid, source):
        c = self.cell(gid)
        c.source = c.source.rstrip("\n") + "\n\n" + source
        return self

    def insert_after(self, gid, source):
        """A new (student-made, unmarked) code cell after the cell ``gid``."""
        self.nb.cells.insert(self.index(gid) + 1, nbformat.v4.new_code_cell(source))
        return self

    def delete(self, gid):
        del self.nb.cells[self.index(gid)]
        return self

    def text(self) -> str:
        return nbformat.writes(self.nb)


def honest(release_nb, solution_nb) -> Submission:
    sub = Submission(release_nb)
    for gid, code in solution_code(solution_nb).items():
        sub.set_code(gid, code)
    return sub


def blank(release_nb) -> Submission:
    return Submission(release_nb)


def stub(name: str, args: str = "*args, **kwargs") -> str:
    return f"def {name}({args}):\n    raise NotImplementedError()\n"


def dumps(obj) -> str:
    return json.dumps(obj)


_ = Path


PARTIAL_COSINE = "def pairwise_cosine_distance(X, Y):\n    raise NotImplementedError()\n"
PARTIAL_KNN = ("def knn_predict(X_train, y_train, X_test, k):\n"
               "    # wrong: always the first training label\n"
               "    y_train = np.asarray(y_train)\n"
               "    return np.full(len(X_test), y_train[0])\n")


def variants(release_nb, solution_nb) -> Submission:
    """An honest student whose numpy is written other ways than the reference (loops, comprehensions, einsum,
    Cholesky, math.atan2, Counter): the numpy-only rule must not cost a point."""
    from tests.modules.m01_distances.submissions import HONEST_VARIANTS
    sub = honest(release_nb, solution_nb)
    for gid, code in HONEST_VARIANTS.items():
        sub.set_code(gid, code)
    return sub


def partial(release_nb, solution_nb) -> Submission:
    """An honest student who solved most tasks: cosine not done, kNN wrong, the rest correct."""
    sub = honest(release_nb, solution_nb)
    sub.set_code("pairwise_cosine_distance", PARTIAL_COSINE)
    sub.set_code("knn_predict", PARTIAL_KNN)
    return sub
