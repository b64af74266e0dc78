"""Build lectures/{uk,en}/07-two-tower.ipynb from one list of cells (shared code, uk/en markdown)."""
import json
from pathlib import Path

ROOT = Path("/work/main")
CELLS = []
CHECK = ["nbval-check-output"]


def md(uk, en):
    CELLS.append(("markdown", uk.strip("\n"), en.strip("\n"), None))


def code(src, tags=None):
    CELLS.append(("code", src.strip("\n"), None, tags))


def details(uk, en):
    md(f"<details><summary><b>Відповідь (відкрийте після запуску)</b></summary>\n\n{uk.strip()}\n</details>",
       f"<details><summary><b>Answer (open after running)</b></summary>\n\n{en.strip()}\n</details>")


exec(Path(__file__).with_name("cells_m07.py").read_text(encoding="utf-8"))


def notebook(lang):
    cells = []
    for i, (kind, uk, en, tags) in enumerate(CELLS):
        cid = f"m07-{i:03d}"
        if kind == "markdown":
            cells.append({"cell_type": "markdown", "id": cid, "metadata": {}, "source": uk if lang == "uk" else en})
        else:
            meta = {"tags": list(tags)} if tags else {}
            cells.append({"cell_type": "code", "id": cid, "metadata": meta, "execution_count": None,
                          "outputs": [], "source": uk})
    return {"cells": cells, "metadata": {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}


if __name__ == "__main__":
    for lang in ("uk", "en"):
        path = ROOT / "lectures" / lang / "07-two-tower.ipynb"
        path.write_text(json.dumps(notebook(lang), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print("wrote", path)
