"""Language of messages: Ukrainian (``uk``, the course default) or English (``en``).

Code cells are identical in both editions of a notebook, so the language cannot be written in the code.
:func:`language` finds it, in this order: the ``COURSE_LANG`` environment variable (set by
``nbgrader_config.py`` for grading); a ``uk`` or ``en`` folder in the current working directory's path
(a kernel starts in the notebook's folder, e.g. ``exercises/en/01-distances``); else ``uk``.
"""
from __future__ import annotations

import os
from pathlib import Path

LANGUAGES = ("uk", "en")
DEFAULT = "uk"

__all__ = ["LANGUAGES", "DEFAULT", "language", "tr"]


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
