import json, os, sys
sys.path.insert(0, '/work/main/tools/wip/nb07')
from markdown import MD
from solutions import SOL
from tests_cells import TESTS
from experiment import EXPERIMENT

POINTS = {"minmax_scale": 3, "minmax_inverse": 2, "l2_normalize_rows": 2, "l2_normalize_backward": 3,
          "tower_forward": 3, "predict": 2, "sgd_step": 3, "to_stars": 2}


def meta(gid, grade=False, solution=False, locked=True, points=None):
    m = {"grade": grade, "solution": solution, "locked": locked, "grade_id": gid, "schema_version": 3}
    if points is not None:
        m["points"] = points
    return {"nbgrader": m}


def lines(text):
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def md(gid, lang, **kw):
    return {"cell_type": "markdown", "metadata": meta(gid, **kw), "source": lines(MD[gid][lang])}


def code(src, m):
    return {"cell_type": "code", "execution_count": None, "metadata": m, "outputs": [], "source": lines(src.rstrip("\n"))}


SETUP = "import numpy as np\n\nimport fsgeom\n\nfsgeom.env_check();"
LAST = "from fsgeom.modules.m07_two_tower.checks import check_all\n\ncheck_all(globals())"


def task(name, mdid, lang):
    return [md(mdid, lang), code(SOL[name], meta(name, solution=True, locked=False)),
            code(TESTS[name], meta("test_" + name, grade=True, points=POINTS[name]))]


def build(lang):
    cells = [md("intro", lang), code(SETUP, meta("setup")), md("part1", lang)]
    cells += task("minmax_scale", "task_scale", lang)
    cells += task("minmax_inverse", "task_inverse", lang)
    cells += [md("part2", lang)]
    cells += task("l2_normalize_rows", "task_l2", lang)
    cells += task("l2_normalize_backward", "task_backward", lang)
    cells += [md("part3", lang)]
    cells += task("tower_forward", "task_tower", lang)
    cells += task("predict", "task_predict", lang)
    cells += task("sgd_step", "task_sgd", lang)
    cells += task("to_stars", "task_stars", lang)
    cells += [md("experiment_md", lang), code(EXPERIMENT, meta("experiment")), md("task_forum", lang),
              md("forum_answer", lang, grade=True, solution=True, locked=False, points=3),
              md("selfcheck_md", lang), code(LAST, {})]
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                                        "name": "python3"},
                                         "language_info": {"name": "python", "pygments_lexer": "ipython3"}},
            "nbformat": 4, "nbformat_minor": 5}


ref = json.load(open('/work/main/solutions/en/05-skew/05-skew.ipynb'))
for lang in ("uk", "en"):
    nb = build(lang)
    nb["nbformat_minor"] = ref.get("nbformat_minor", 5)
    if "id" in ref["cells"][0]:
        for c in nb["cells"]:
            gid = c["metadata"].get("nbgrader", {}).get("grade_id")
            c["id"] = gid if gid else "selfcheck"
    d = f'/work/main/solutions/{lang}/07-two-tower'
    os.makedirs(d, exist_ok=True)
    with open(f'{d}/07-two-tower.ipynb', 'w', encoding='utf-8') as f:
        json.dump(nb, f, ensure_ascii=False, indent=1)
        f.write("\n")
print("written")
