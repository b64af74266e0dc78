"""The course's start page, ``START.ipynb``: what ``./course lab`` opens first, in both languages.

Generated from the modules that exist (:func:`fsgeom.modules.discover`), never edited by hand, so a new module
appears on it without touching it: ``./course release`` (or ``python -m fsgeom.startpage``) rewrites it, and a test
checks that the committed page is what this module makes. Markdown cells only: nothing to run.

    python -m fsgeom.startpage            # write START.ipynb in the course root
    python -m fsgeom.startpage --check    # exit 1 if START.ipynb differs from what would be written
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["FILENAME", "build", "render", "write", "main"]

FILENAME = "START.ipynb"

TEXT = {
    "uk": {
        "title": "# Геометрія простору ознак: масштабування, нормалізація, кодування ознак",
        "intro": "Інтерактивний курс до **лекції 4** курсу машинного навчання (Львівська політехніка, кафедра "
                 "прикладної математики). Кожне перетворення ознак — масштабування, нормалізація, кодування, "
                 "перетворення розподілів — змінює *геометрію* простору ознак: які точки близькі, які напрямки "
                 "важливі, чого модель може навчитися. Тут це можна побачити й виміряти.\n\n"
                 "Кожен модуль — це **лекція** (текст за слайдами, інтерактивні віджети, виміряні експерименти) і "
                 "**завдання** nbgrader, у якому ви самі реалізуєте методи в NumPy.",
        "modules": "## Модулі",
        "columns": "| # | модуль | лекція | завдання |\n|---|---|---|---|",
        "lecture": "лекція", "exercise": "завдання",
        "how": "## Як працювати\n\n"
               "1. Відкрийте лекцію й виконайте її згори донизу (*Run → Run All Cells*), рухайте повзунки віджетів.\n"
               "2. Відкрийте завдання, замініть кожне `raise NotImplementedError()` своїм кодом на NumPy (без SciPy, "
               "scikit-learn і пакета курсу `fsgeom`: тести бачать такі виклики).\n"
               "3. **Самоперевірка:** комірка з тестами під кожною функцією одразу пояснює, що не так; остання "
               "комірка завдання, `check_all(globals())`, друкує таблицю всіх завдань; з терміналу — "
               "`python -m fsgeom.selfcheck exercises/uk/<модуль>/<модуль>.ipynb`. Під час оцінювання ще "
               "запускаються приховані тести на випадкових даних.",
        "glossary": "## Глосарій\n\nОдин термін — одне поняття: [GLOSSARY.md](GLOSSARY.md) (українською й англійською).",
        "more": "Викладачам: [README.md](README.md), розділ «For instructors». English below.",
    },
    "en": {
        "title": "# Feature-space geometry: scaling, normalization, feature encoding",
        "intro": "An interactive course for **Lecture 4** of the machine-learning course of Lviv Polytechnic "
                 "(Department of Applied Mathematics). Every preprocessing step -- scaling, normalization, encoding, "
                 "transforming distributions -- changes the *geometry* of the feature space: which points are "
                 "close, which directions matter, what a model can learn. Here you can see and measure that.\n\n"
                 "Each module is a **lecture** (prose following the slides, live widgets, measured experiments) and "
                 "an nbgrader **assignment** in which you implement the methods yourself with NumPy.",
        "modules": "## Modules",
        "columns": "| # | module | lecture | assignment |\n|---|---|---|---|",
        "lecture": "lecture", "exercise": "assignment",
        "how": "## How to work\n\n"
               "1. Open a lecture and run it top to bottom (*Run → Run All Cells*); move the widgets' sliders.\n"
               "2. Open the assignment and replace each `raise NotImplementedError()` with your NumPy code (no SciPy, "
               "scikit-learn or the course package `fsgeom`: the tests see such calls).\n"
               "3. **Self-check:** the test cell under each function tells you at once what is wrong; the "
               "assignment's last cell, `check_all(globals())`, prints a table of all tasks; from a terminal, "
               "`python -m fsgeom.selfcheck exercises/en/<module>/<module>.ipynb`. Grading also runs hidden tests "
               "on random data.",
        "glossary": "## Glossary\n\nOne term per idea: [GLOSSARY.md](GLOSSARY.md) (Ukrainian and English).",
        "more": "Instructors: [README.md](README.md), section \"For instructors\".",
    },
}


def _rows(lang: str, mods) -> str:
    t = TEXT[lang]
    rows = [t["columns"]]
    for m in mods:
        lecture = f"lectures/{lang}/{m.id}.ipynb"
        exercise = f"exercises/{lang}/{m.id}/{m.id}.ipynb"
        rows.append(f"| {m.number} | {m.title[lang]} | [{t['lecture']}]({lecture}) | [{t['exercise']}]({exercise}) |")
    return "\n".join(rows)


def render(mods) -> dict:
    """The start page for the modules ``mods`` (:class:`fsgeom.modules.CourseModule`), as notebook JSON."""
    cells = []
    for lang in ("uk", "en"):
        t = TEXT[lang]
        text = "\n\n".join([t["title"], t["intro"], t["modules"], _rows(lang, mods), t["how"], t["glossary"],
                            t["more"]])
        cells.append({"cell_type": "markdown", "id": f"start-{lang}", "metadata": {}, "source": text})
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                                        "name": "python3"},
                                         "language_info": {"name": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def build() -> str:
    """The text of ``START.ipynb`` for the modules discovered now."""
    from . import modules
    return json.dumps(render(modules.discover()), ensure_ascii=False, indent=1) + "\n"


def write(root: Path | None = None) -> Path:
    from . import course
    path = Path(root or course.root()) / FILENAME
    path.write_text(build(), encoding="utf-8")
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m fsgeom.startpage", description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if START.ipynb is not what would be written")
    args = ap.parse_args(argv)
    from . import course
    path = course.root() / FILENAME
    if args.check:
        same = path.is_file() and path.read_text(encoding="utf-8") == build()
        print(f"{FILENAME} is up to date" if same else f"{FILENAME} differs: run python -m fsgeom.startpage")
        return 0 if same else 1
    print("wrote", write())
    return 0


if __name__ == "__main__":
    sys.exit(main())
