"""fsgeom.itemanalysis on hand-made data (no nbgrader): the statistics, the grouping of messages, written answers.
The same tool on a real graded class: ``test_item_analysis_of_the_graded_class`` in test_conventions.py."""
from __future__ import annotations

import math

import numpy as np
import pytest

from fsgeom import itemanalysis as IA

CELLS = [("test_a", 2.0, False), ("test_b", 3.0, False), ("test_c", 1.0, False), ("answer", 3.0, True)]
SCORES = {  # a: 3 of 4 earn it, b: 2 of 4, c: 1 of 4 (only the strongest); the written answer: two graded
    "s1": {"test_a": 2.0, "test_b": 3.0, "test_c": 1.0, "answer": 3.0},
    "s2": {"test_a": 2.0, "test_b": 3.0, "test_c": 0.0, "answer": None},
    "s3": {"test_a": 2.0, "test_b": 0.0, "test_c": 0.0, "answer": 1.0},
    "s4": {"test_a": 0.0, "test_b": 0.0, "test_c": 0.0, "answer": None},
}
ERRORS = {
    "s2": {"test_c": "c: expected 0.5, got 0.75"},
    "s3": {"test_b": "b is not implemented yet", "test_c": "c: expected 1.5, got -2e-3"},
    "s4": {"test_a": "a is not implemented yet", "test_b": "b is not implemented yet", "test_c": "c: wrong axis"},
}


def data():
    return {"assignment": "xx", "max_score": 9.0, "cells": CELLS, "scores": SCORES, "errors": ERRORS}


def test_difficulty_discrimination_alpha_by_hand():
    an = IA.analyze(data())
    a, b, c, w = an.tasks
    assert [t.label for t in an.tasks] == ["a", "b", "c", "answer"]
    assert (a.difficulty, b.difficulty, c.difficulty) == (0.75, 0.5, 0.25)
    assert (a.failed, b.failed, c.failed) == (1, 2, 3)
    totals = {"s1": 9.0, "s2": 5.0, "s3": 3.0, "s4": 0.0}          # the ungraded answers left out
    assert {s: v["total"] for s, v in an.students.items()} == totals
    # discrimination of c: its scores (1, 0, 0, 0) against the rest (8, 5, 3, 0), Pearson by hand
    x, rest = np.array([1.0, 0, 0, 0]), np.array([8.0, 5, 3, 0])
    xm, rm = x - x.mean(), rest - rest.mean()
    assert c.discrimination == pytest.approx(xm @ rm / math.sqrt((xm @ xm) * (rm @ rm)))
    assert all(t.discrimination > 0.5 for t in (a, b, c))          # every task separates strong from weak here
    # the written answer: graded for two students, so it has a mean but is still pending for two
    assert w.manual and w.scored == 2 and w.mean == 2.0 and w.hints == []
    assert an.pending == [("answer", 2)]
    assert math.isnan(w.discrimination)                            # two graded students: too few for a correlation
    # Cronbach's alpha over the three autograded tasks: k/(k-1) (1 - sum of item variances / variance of the sum)
    X = np.array([[2, 3, 1], [2, 3, 0], [2, 0, 0], [0, 0, 0]], dtype=float)
    k = 3
    assert an.alpha == pytest.approx(k / (k - 1) * (1 - X.var(axis=0, ddof=1).sum() / X.sum(axis=1).var(ddof=1)))


def test_messages_grouped_with_numbers_masked():
    an = IA.analyze(data())
    c = an.tasks[2]
    assert c.hints[0][:2] == ("c: expected …, got …", 2)           # 0.5/0.75 and 1.5/-2e-3 are one group
    assert sorted(c.hints[0][2]) == ["c: expected 0.5, got 0.75", "c: expected 1.5, got -2e-3"]
    assert c.hints[1][:2] == ("c: wrong axis", 1)
    assert IA.hint_pattern("shape (3, 4) ≠ (4,3); x1 stays") == "shape (…, …) ≠ (…,…); x1 stays"   # names keep digits


def test_no_spread_gives_no_discrimination():
    d = data()
    d["scores"] = {s: dict(v, test_a=2.0) for s, v in SCORES.items()}   # everybody earns a
    an = IA.analyze(d)
    assert an.tasks[0].difficulty == 1.0 and an.tasks[0].failed == 0 and math.isnan(an.tasks[0].discrimination)
    assert an.tasks[0].hints == []


def test_files_in_both_languages(tmp_path):
    an = IA.analyze(data())
    for lang, head in (("uk", "завдання"), ("en", "task")):
        paths = IA.write(an, tmp_path / lang, lang)
        rows = paths["tasks.csv"].read_text(encoding="utf-8").splitlines()
        assert rows[0].split(",")[0] == head and len(rows) == 1 + 4
        assert len(paths["hints.csv"].read_text(encoding="utf-8").splitlines()) == 1 + 4   # a 1, b 1 (twice), c 2
        assert paths["item-analysis.png"].read_bytes()[:4] == b"\x89PNG"
        assert f"lang='{lang}'" in paths["report.html"].read_text(encoding="utf-8")
    assert "очікують ручного оцінювання" in IA.summary(an, "uk") and "awaiting manual grading" in IA.summary(an, "en")


def test_cli_without_a_gradebook(tmp_path, capsys):
    assert IA.main(["xx", "--course", str(tmp_path)]) == 2
    assert "no gradebook" in capsys.readouterr().err
