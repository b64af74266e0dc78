"""Fixtures shared by the modules' own tests."""
from __future__ import annotations

import pytest


@pytest.fixture(params=["uk", "en"])
def lang(request, monkeypatch):
    """Run the test once per course language (the language messages and labels are printed in)."""
    monkeypatch.setenv("COURSE_LANG", request.param)
    return request.param
