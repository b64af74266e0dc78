"""One course, not seven notebooks: every lecture ends with its connections to the other modules.

The last cell of each lecture, in both editions, starts with "Connections to other modules" and links the lectures
it builds on or leads to (``NN-name.ipynb`` in the same folder) and the glossary. The links exist, both editions
link the same modules, and every link is answered by a link back (if 03 says "see 07", 07 says "see 03"). The links
the course plan asks for are there: scaling 01 → 03 → 07, the unit sphere 04 → 07, one-hot and variance 02 → 03.
"""
from __future__ import annotations

import json
import re

import pytest

from fsgeom import course, modules
from fsgeom.i18n import LANGUAGES

ROOT = course.root()
MODULES = [m for m in modules.discover() if (ROOT / "lectures" / "uk" / f"{m.id}.ipynb").is_file()]
HEAD = {"uk": "**Зв'язки з іншими модулями.**", "en": "**Connections to other modules.**"}
REQUIRED = [("01-distances", "03-scaling"), ("03-scaling", "07-two-tower"), ("04-normalization", "07-two-tower"),
            ("02-encoding", "03-scaling")]
_LINK = re.compile(r"\]\((\d\d-[a-z0-9-]+)\.ipynb\)")


def connections(module_id: str, lang: str) -> tuple[str, set]:
    nb = json.loads((ROOT / "lectures" / lang / f"{module_id}.ipynb").read_text(encoding="utf-8"))
    last = nb["cells"][-1]
    text = "".join(last["source"]) if last["cell_type"] == "markdown" else ""
    return text, set(_LINK.findall(text))


@pytest.mark.parametrize("module", MODULES, ids=[m.id for m in MODULES])
def test_each_lecture_ends_with_its_connections(module):
    links = {}
    for lang in LANGUAGES:
        text, linked = connections(module.id, lang)
        assert text.startswith(HEAD[lang]), f"{lang}/{module.id}: the last cell must start with {HEAD[lang]!r}"
        assert "](../../GLOSSARY.md)" in text, f"{lang}/{module.id}: the connections do not link the glossary"
        assert linked and module.id not in linked, f"{lang}/{module.id}: links no other module: {linked}"
        for other in linked:
            assert (ROOT / "lectures" / lang / f"{other}.ipynb").is_file(), f"{lang}/{module.id}: no lecture {other}"
        links[lang] = linked
    assert links["uk"] == links["en"], f"{module.id}: the editions link different modules: {links}"
    for other in links["uk"]:
        assert module.id in connections(other, "uk")[1], f"{module.id} links {other}, but {other} does not link back"


def test_the_links_the_course_plan_asks_for():
    ids = {m.id for m in MODULES}
    for a, b in REQUIRED:
        if {a, b} <= ids:
            assert b in connections(a, "uk")[1] and a in connections(b, "uk")[1], f"{a} and {b} must link each other"
