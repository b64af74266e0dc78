"""Language of messages: Ukrainian (``uk``, the course default) or English (``en``).

Code cells are identical in both editions of a notebook, so the language cannot be written in the code.
:func:`language` finds it, in this order: the ``COURSE_LANG`` environment variable (set by
``nbgrader_config.py`` for grading); a ``uk`` or ``en`` folder in the current working directory's path
(a kernel starts in the notebook's folder, e.g. ``exercises/en/01-distances``); else ``uk``.

Everything code shows a reader -- printed tables, labels, readouts, figure text, hints -- comes from such tables, so
that the same code cell prints Ukrainian in the Ukrainian notebook and English in the English one. A module keeps its
printed labels in ``fsgeom.modules.<module>.texts`` as a :class:`Texts` table ``T``: ``print(T("split", n=210))``.
"""
from __future__ import annotations

import os
from pathlib import Path

LANGUAGES = ("uk", "en")
DEFAULT = "uk"

__all__ = ["LANGUAGES", "DEFAULT", "language", "tr", "Texts"]


def language() -> str:
    """Return ``"uk"`` or ``"en"`` (see the module docstring for how it is chosen)."""
    env = os.environ.get("COURSE_LANG", "").strip().lower()
    if env in LANGUAGES:
        return env
    for part in reversed(Path.cwd().parts):
        if part in LANGUAGES:
            return part
    return DEFAULT


def tr(messages: dict, lang: str | None = None, **fmt) -> str:
    """Pick ``messages[lang]`` (a ``{"uk": ..., "en": ...}`` dict) and ``str.format`` it with ``fmt``."""
    lang = lang or language()
    text = messages.get(lang) or messages[DEFAULT]
    return text.format(**fmt) if fmt else text


class Texts:
    """A table ``{key: {"uk": ..., "en": ...}}`` of printed labels; ``T(key, **fmt)`` formats the entry in the
    notebook's language (:func:`language`), ``T(key, lang="en", ...)`` in a given one.

    Every entry needs both languages (checked when the table is built), so a notebook never prints a missing
    translation."""

    def __init__(self, table: dict):
        for key, entry in table.items():
            if not (isinstance(entry, dict) and set(entry) == set(LANGUAGES)):
                raise ValueError(f"text {key!r} must have exactly the languages {LANGUAGES}, got {entry!r}")
        self.table = dict(table)

    def __call__(self, key: str, lang: str | None = None, **fmt) -> str:
        return tr(self.table[key], lang, **fmt)

    def __contains__(self, key) -> bool:
        return key in self.table
