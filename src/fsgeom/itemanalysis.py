"""Item analysis of an autograded assignment: what the class could do and what it got wrong.

Run in the course folder after ``nbgrader autograde <assignment>`` (also ``./course analyze <assignment>``)::

    python -m fsgeom.itemanalysis 07-two-tower            # writes item-analysis/07-two-tower/
    python -m fsgeom.itemanalysis 07-two-tower --out DIR --lang en

It reads only what nbgrader left: the gradebook (every grade cell's score) and the autograded notebooks (the error a
failing test cell showed: the visible check's hint when the visible check failed, else the hidden test's message).
Per task (one grade cell; its label is the grade id without ``test_``):

* **difficulty** ``p = mean score / points``: the share of the task's points the class earned (1 = everybody);
* **discrimination**: the Pearson correlation of the task's score with the **rest** of the score (the total without
  this task, so the task does not correlate with itself); near 0 or negative: the task does not separate students who
  do well from those who do not (or there is no spread to measure: then it is empty);
* **failed**: the students who did not earn all its points, and the messages they saw, grouped by their wording with
  the numbers masked ("expected 0.5, got 0.7" and "expected 1.2, got 3" are one group), most frequent first.

A written answer graded by hand counts once it is graded; until then it is "awaiting manual grading" and left out of
the totals. The whole score's reliability is Cronbach's alpha over the tasks that every student has a score for.

Output, in the course language (``COURSE_LANG``, or ``--lang``): ``students.csv`` (a row per student: total and each
task), ``tasks.csv`` (the statistics above), ``hints.csv`` (the message groups per task), ``item-analysis.png`` (score
distribution, difficulty, discrimination) and ``report.html`` (the figure and the tables in one page).
"""
from __future__ import annotations

import argparse
import base64
import csv
import html
import io
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .i18n import LANGUAGES, Texts, language

__all__ = ["TaskStats", "Analysis", "collect", "analyze", "hint_pattern", "write", "main"]

L = Texts({
    "title": {"uk": "Аналіз завдань: {a}", "en": "Item analysis: {a}"},
    "students": {"uk": "студентів: {n}; середній бал {mean:.1f} з {top:g} (медіана {median:g}); альфа Кронбаха {alpha}",
                 "en": "students: {n}; mean score {mean:.1f} of {top:g} (median {median:g}); Cronbach's alpha {alpha}"},
    "pending": {"uk": "очікують ручного оцінювання (у суми не входять): {tasks}",
                "en": "awaiting manual grading (left out of the totals): {tasks}"},
    "pending_item": {"uk": "{task} — {n} з {of}", "en": "{task}: {n} of {of}"},
    "fig_pending": {"uk": "очікує ручного оцінювання: {n} з {of}", "en": "awaiting manual grading: {n} of {of}"},
    "col_student": {"uk": "студент", "en": "student"},
    "col_total": {"uk": "сума", "en": "total"},
    "col_task": {"uk": "завдання", "en": "task"},
    "col_grade_id": {"uk": "grade_id", "en": "grade_id"},
    "col_points": {"uk": "бали", "en": "points"},
    "col_scored": {"uk": "оцінено", "en": "scored"},
    "col_mean": {"uk": "середнє", "en": "mean"},
    "col_difficulty": {"uk": "складність (частка балів)", "en": "difficulty (share of points)"},
    "col_discrimination": {"uk": "дискримінація", "en": "discrimination"},
    "col_failed": {"uk": "не зараховано", "en": "failed"},
    "col_count": {"uk": "скільки", "en": "count"},
    "col_share": {"uk": "частка не зарахованих", "en": "share of failed"},
    "col_message": {"uk": "повідомлення", "en": "message"},
    "col_pattern": {"uk": "шаблон", "en": "pattern"},
    "manual": {"uk": "вручну", "en": "by hand"},
    "no_message": {"uk": "(без повідомлення про помилку)", "en": "(no error message)"},
    "fig_hist": {"uk": "Розподіл балів", "en": "Score distribution"},
    "fig_hist_x": {"uk": "бали (з {top:g})", "en": "score (of {top:g})"},
    "fig_hist_y": {"uk": "студентів", "en": "students"},
    "fig_diff": {"uk": "Складність: частка балів", "en": "Difficulty: share of points"},
    "fig_disc": {"uk": "Дискримінація", "en": "Discrimination"},
    "fig_disc_x": {"uk": "кореляція з рештою балів", "en": "correlation with the rest of the score"},
    "fig_empty": {"uk": "немає розкиду", "en": "no spread"},
    "html_tasks": {"uk": "Завдання", "en": "Tasks"},
    "html_hints": {"uk": "Що клас зробив не так (найчастіші повідомлення)",
                   "en": "What the class got wrong (most frequent messages)"},
    "html_how": {"uk": "Складність — частка балів завдання, яку заробив клас; дискримінація — кореляція балу за "
                       "завдання з рештою балів. Повідомлення — те, що показала комірка тестів у не зарахованих "
                       "роботах (числа замасковано для групування).",
                 "en": "Difficulty is the share of the task's points the class earned; discrimination the correlation "
                       "of the task's score with the rest of the score. Messages are what the test cell showed in "
                       "the failing submissions (numbers masked for grouping)."},
})

_NUMBER = re.compile(r"(?<![\w.])[-−+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def hint_pattern(message: str) -> str:
    """The wording of a message with its numbers masked (``…``) and its whitespace collapsed: messages that differ
    only in their numbers fall into one group."""
    return " ".join(_NUMBER.sub("…", message).split())


@dataclass
class TaskStats:
    """One task (one grade cell) over the class."""
    grade_id: str
    label: str
    points: float
    manual: bool                  #: graded by hand (a written answer)
    scored: int                   #: students with a score for it (a manual task: graded ones)
    mean: float                   #: mean score (nan if nobody has one)
    difficulty: float             #: mean / points
    discrimination: float         #: corr(score, total − score); nan without spread
    failed: int                   #: students who did not earn all its points
    hints: list = field(default_factory=list)   #: [(pattern, count, [messages, most frequent first])]


@dataclass
class Analysis:
    assignment: str
    max_score: float
    tasks: list                   #: [TaskStats] in notebook order
    students: dict                #: {student: {"total": float, "scores": {grade_id: float | None}}}
    alpha: float                  #: Cronbach's alpha over the tasks every student has a score for
    pending: list                 #: [(label, students not graded yet)] of the manual tasks not graded for everyone

    def totals(self) -> np.ndarray:
        return np.array([s["total"] for s in self.students.values()], dtype=float)


def _error_message(outputs) -> str | None:
    for o in outputs or ():
        if o.get("output_type") == "error":
            text = _ANSI.sub("", str(o.get("evalue") or "")).strip()
            return text or _ANSI.sub("", str(o.get("ename") or "")).strip()
    return None


def _nbgrader(cell) -> dict:
    return (cell.get("metadata") or {}).get("nbgrader") or {}


def collect(course, assignment: str, coursedir=None) -> dict:
    """What nbgrader left for ``assignment``, as data: ``{"assignment", "max_score", "cells": [(grade_id, points,
    manual)] in notebook order, "scores": {student: {grade_id: score or None (not graded yet)}}, "errors": {student:
    {grade_id: message}}}``. ``coursedir``: nbgrader's ``CourseDirectory`` (default: the course's own
    ``nbgrader_config.py``)."""
    from nbgrader.api import MissingEntry
    from nbguard.coursedir import course_directory
    from nbguard.gradebook import gradebook, sqlite_path

    cd = coursedir if coursedir is not None else course_directory(course, config=True)
    db = sqlite_path(cd)
    if db is not None and not db.exists():
        raise ValueError(f"no gradebook at {db}: run `nbgrader autograde {assignment}` first")
    scores, points, manual, notebooks = {}, {}, {}, []
    with gradebook(cd) as gb:
        try:
            a = gb.find_assignment(assignment)
        except MissingEntry:
            raise ValueError(f"the gradebook knows no assignment {assignment!r}") from None
        top = float(a.max_score)
        for nb in a.notebooks:
            notebooks.append(nb.name)
            for gc in nb.grade_cells:
                points[gc.name] = float(gc.max_score)
                manual[gc.name] = gc.cell_type == "markdown"       # a written answer; code answers below
        for sub in gb.assignment_submissions(assignment):
            per = {}
            for nb in sub.notebooks:
                for g in nb.grades:
                    graded = not (g.auto_score is None and g.manual_score is None)
                    per[g.name] = float(g.score) if graded and not g.needs_manual_grade else None
                    if g.needs_manual_grade or g.manual_score is not None:
                        manual[g.name] = True
            scores[sub.student.id] = per
    order, errors = [], {}
    for sid in sorted(scores):
        errors[sid] = {}
        for name in notebooks:
            path = Path(cd.format_path(cd.autograded_directory, sid, assignment)) / f"{name}.ipynb"
            if not path.is_file():
                continue
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
            ids = [_nbgrader(c).get("grade_id") for c in cells if _nbgrader(c).get("grade")]
            if len(ids) > len(order):
                order = ids
            for c in cells:
                if _nbgrader(c).get("grade"):
                    msg = _error_message(c.get("outputs"))
                    if msg is not None:
                        errors[sid][_nbgrader(c)["grade_id"]] = msg
    order = [g for g in order if g in points] + sorted(g for g in points if g not in order)
    return {"assignment": assignment, "max_score": top, "cells": [(g, points[g], bool(manual[g])) for g in order],
            "scores": scores, "errors": errors}


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    if a.size < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def _label(grade_id: str) -> str:
    return grade_id[5:] if grade_id.startswith("test_") else grade_id


def analyze(data: dict) -> Analysis:
    """The statistics of :func:`collect`'s data (see the module docstring)."""
    students = sorted(data["scores"])
    cells = data["cells"]
    S = np.array([[np.nan if data["scores"][s].get(g) is None else data["scores"][s][g] for g, _, _ in cells]
                  for s in students], dtype=float).reshape(len(students), len(cells))
    totals = np.nansum(S, axis=1) if S.size else np.zeros(len(students))
    tasks, pending = [], []
    for j, (gid, pts, manual) in enumerate(cells):
        col = S[:, j]
        have = ~np.isnan(col)
        mean = float(col[have].mean()) if have.any() else float("nan")
        disc = _corr(col[have], totals[have] - col[have]) if have.any() else float("nan")
        failed = [students[i] for i in np.flatnonzero(have & (col < pts))]
        groups = {}
        for s in failed if not manual else ():      # a written answer has no test output to group
            msg = data["errors"].get(s, {}).get(gid)
            if msg is None:
                msg = ""
            groups.setdefault(hint_pattern(msg), Counter())[msg] += 1
        hints = sorted(((p, sum(c.values()), [m for m, _ in c.most_common()]) for p, c in groups.items()),
                       key=lambda h: (-h[1], h[0]))
        if manual and not have.all():
            pending.append((_label(gid), int((~have).sum())))
        tasks.append(TaskStats(gid, _label(gid), pts, manual, int(have.sum()), mean,
                               mean / pts if pts else float("nan"), disc, len(failed), hints))
    full = ~np.isnan(S).any(axis=0) if S.size else np.zeros(0, bool)
    alpha = float("nan")
    if full.sum() >= 2 and len(students) >= 2:
        X = S[:, full]
        total_var = X.sum(axis=1).var(ddof=1)
        if total_var > 0:
            k = X.shape[1]
            alpha = float(k / (k - 1) * (1 - X.var(axis=0, ddof=1).sum() / total_var))
    per = {s: {"total": float(totals[i]), "scores": {g: (None if np.isnan(S[i, j]) else float(S[i, j]))
                                                      for j, (g, _, _) in enumerate(cells)}}
           for i, s in enumerate(students)}
    return Analysis(data["assignment"], float(data["max_score"]), tasks, per, alpha, pending)


def _fmt(v: float, spec: str = ".3f") -> str:
    return "" if v is None or (isinstance(v, float) and np.isnan(v)) else format(v, spec)


def figure(an: Analysis, lang: str):
    """Score distribution, difficulty and discrimination per task (a matplotlib ``Figure``)."""
    from matplotlib.ticker import MaxNLocator

    from .plots import new_figure, style_axes
    n = len(an.tasks)
    fig = new_figure((11.0, max(3.2, 0.9 + 0.32 * n)), 100)
    ax_h, ax_d, ax_r = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1.1, 1.0, 1.0]})
    totals = an.totals()
    edges = np.arange(0.0, max(an.max_score, 1.0) + 2.0) - 0.5
    ax_h.hist(totals, bins=edges, color="#4c72b0", edgecolor="white")
    ax_h.axvline(an.max_score, color="#444444", lw=1.0, ls="--")
    ax_h.yaxis.set_major_locator(MaxNLocator(integer=True))
    style_axes(ax_h, L("fig_hist", lang), L("fig_hist_x", lang, top=an.max_score), L("fig_hist_y", lang))
    y = np.arange(n)[::-1]
    labels = [t.label + (f" ({L('manual', lang)})" if t.manual else "") for t in an.tasks]
    diff = np.array([t.difficulty for t in an.tasks], dtype=float)
    disc = np.array([t.discrimination for t in an.tasks], dtype=float)
    ax_d.barh(y, np.nan_to_num(diff), color=np.where(diff < 0.5, "#dd8452", "#55a868"))
    ax_d.set_xlim(0, 1)
    waiting = dict(an.pending)
    for yi, t in zip(y, an.tasks):
        if t.label in waiting:
            ax_d.text(0.02, yi, L("fig_pending", lang, n=waiting[t.label], of=len(an.students)), va="center",
                      fontsize=7, color="#777777")
    ax_d.set_yticks(y, labels)
    style_axes(ax_d, L("fig_diff", lang))
    ax_r.barh(y, np.nan_to_num(disc), color=np.where(np.nan_to_num(disc) < 0.2, "#c44e52", "#4c72b0"))
    for yi, d in zip(y, disc):
        if np.isnan(d):
            ax_r.text(0.02, yi, L("fig_empty", lang), va="center", fontsize=7, color="#777777")
    ax_r.axvline(0, color="#444444", lw=0.8)
    ax_r.set_xlim(-1, 1)
    ax_r.set_xticks([-1, -0.5, 0, 0.5, 1])
    ax_r.set_yticks(y, [""] * n)
    style_axes(ax_r, L("fig_disc", lang), L("fig_disc_x", lang))
    fig.subplots_adjust(left=0.05, right=0.99, bottom=0.16, top=0.9, wspace=0.45)
    return fig


def _csv(path: Path, header: list, rows: list):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def _pending(an: Analysis, lang: str) -> str:
    n = len(an.students)
    return L("pending", lang, tasks=", ".join(L("pending_item", lang, task=t, n=k, of=n) for t, k in an.pending))


def summary(an: Analysis, lang: str) -> str:
    t = an.totals()
    lines = [L("title", lang, a=an.assignment),
             L("students", lang, n=t.size, mean=float(t.mean()) if t.size else 0.0, top=an.max_score,
               median=float(np.median(t)) if t.size else 0.0, alpha=_fmt(an.alpha, ".2f") or "—")]
    if an.pending:
        lines.append(_pending(an, lang))
    w = max([len(x.label) for x in an.tasks] + [len(L("col_task", lang))])
    lines.append(f"{L('col_task', lang):<{w}}  {L('col_points', lang):>6}  {L('col_difficulty', lang):>26}  "
                 f"{L('col_discrimination', lang):>14}  {L('col_failed', lang):>13}")
    for x in an.tasks:
        lines.append(f"{x.label:<{w}}  {x.points:>6g}  {_fmt(x.difficulty, '.2f'):>26}  {_fmt(x.discrimination, '+.2f'):>14}"
                     f"  {x.failed:>13}")
        for pattern, count, msgs in x.hints[:3]:
            shown = msgs[0] or L("no_message", lang)
            lines.append(f"{'':<{w}}    {count} × {shown[:150]}")
    return "\n".join(lines)


def write(an: Analysis, out, lang: str | None = None) -> dict:
    """Write ``students.csv``, ``tasks.csv``, ``hints.csv``, ``item-analysis.png`` and ``report.html`` to ``out``;
    return their paths by name."""
    lang = lang or language()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {k: out / k for k in ("students.csv", "tasks.csv", "hints.csv", "item-analysis.png", "report.html")}
    _csv(paths["students.csv"], [L("col_student", lang), L("col_total", lang)] + [t.label for t in an.tasks],
         [[s, _fmt(v["total"], "g")] + [_fmt(v["scores"][t.grade_id], "g") for t in an.tasks]
          for s, v in an.students.items()])
    _csv(paths["tasks.csv"], [L(k, lang) for k in ("col_task", "col_grade_id", "col_points", "col_scored", "col_mean",
                                                   "col_difficulty", "col_discrimination", "col_failed")],
         [[t.label, t.grade_id, _fmt(t.points, "g"), t.scored, _fmt(t.mean, ".4f"), _fmt(t.difficulty, ".4f"),
           _fmt(t.discrimination, ".4f"), t.failed] for t in an.tasks])
    _csv(paths["hints.csv"], [L(k, lang) for k in ("col_task", "col_count", "col_share", "col_message", "col_pattern")],
         [[t.label, count, _fmt(count / t.failed, ".4f"), msgs[0], pattern]
          for t in an.tasks for pattern, count, msgs in t.hints])
    fig = figure(an, lang)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    paths["item-analysis.png"].write_bytes(buf.getvalue())
    img = base64.b64encode(buf.getvalue()).decode("ascii")
    e = html.escape
    rows = "".join(f"<tr><td>{e(t.label)}</td><td>{t.points:g}</td><td>{t.scored}</td><td>{_fmt(t.difficulty, '.2f')}"
                   f"</td><td>{_fmt(t.discrimination, '+.2f')}</td><td>{t.failed}</td></tr>" for t in an.tasks)
    hints = "".join(f"<h3>{e(t.label)}: {t.failed}</h3><ul>" + "".join(
        f"<li><b>{count}</b> × {e(msgs[0] or L('no_message', lang))}</li>" for _, count, msgs in t.hints) + "</ul>"
        for t in an.tasks if t.hints)
    head = "".join(f"<th>{e(L(k, lang))}</th>" for k in ("col_task", "col_points", "col_scored", "col_difficulty",
                                                          "col_discrimination", "col_failed"))
    page = (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{e(L('title', lang, a=an.assignment))}"
            "</title><style>body{font-family:sans-serif;max-width:1100px;margin:1em auto}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}td:first-child{text-align:left}</style></head>"
            f"<body><h1>{e(L('title', lang, a=an.assignment))}</h1><p>{e(summary(an, lang).splitlines()[1])}</p>"
            + (f"<p>{e(_pending(an, lang))}</p>" if an.pending else "")
            + f"<p>{e(L('html_how', lang))}</p><img alt='' src='data:image/png;base64,{img}' style='max-width:100%'>"
            f"<h2>{e(L('html_tasks', lang))}</h2><table><tr>{head}</tr>{rows}</table>"
            f"<h2>{e(L('html_hints', lang))}</h2>{hints}</body></html>")
    paths["report.html"].write_text(page, encoding="utf-8")
    return paths


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m fsgeom.itemanalysis", description=__doc__.splitlines()[0])
    ap.add_argument("assignment")
    ap.add_argument("--course", default=os.getcwd(), help="course folder (default: the current folder)")
    ap.add_argument("--out", default=None, help="output folder (default: <course>/item-analysis/<assignment>)")
    ap.add_argument("--lang", choices=LANGUAGES, default=None, help="language of the output (default: COURSE_LANG)")
    args = ap.parse_args(argv)
    lang = args.lang or language()
    try:
        an = analyze(collect(args.course, args.assignment))
    except ValueError as exc:
        print(f"itemanalysis: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else Path(args.course) / "item-analysis" / args.assignment
    paths = write(an, out, lang)
    print(summary(an, lang))
    print("\n" + "\n".join(str(p) for p in paths.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
