"""Module 06: every label the lecture prints, in both languages (``T(key, **fmt)``).

The code cells are identical in the Ukrainian and English notebooks; what they print comes from here, in the
notebook's language (:func:`fsgeom.i18n.language`). Widget and figure labels live in :mod:`.plots` (``LABELS``).
"""
from __future__ import annotations

from ...i18n import Texts

__all__ = ["T", "TEXTS"]

TEXTS = {
}

T = Texts(TEXTS)
