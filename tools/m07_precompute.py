"""Regenerate module 07's precomputed training runs (src/fsgeom/modules/m07_two_tower/training_grid.json).

    .venv/bin/python tools/m07_precompute.py            # every cell of the grid (about 15 s)

The training lab (fsgeom.modules.m07_two_tower.widgets.training_lab) shows these runs instead of training on every
move; tests/modules/m07_two_tower/test_widgets.py recomputes some cells and compares. Run this after any change to
the module's maths.fit, data, or the grid (LRS, SEEDS, EPOCHS, BATCH in widgets.py).
"""
from __future__ import annotations

import time

from fsgeom.modules.m07_two_tower import widgets


def main() -> None:
    t = time.perf_counter()
    out = widgets.write_grid(widgets.GRID_FILE)
    print(f"wrote {len(out['cells'])} runs to {widgets.GRID_FILE} in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
