import sys, time, os
sys.path.insert(0, "/work/main/tools/wip/m07_lecture")
os.environ["COURSE_LANG"] = sys.argv[1] if len(sys.argv) > 1 else "en"
from code_cells import CODE
skip = set(sys.argv[2:])
g = {}
t0 = time.perf_counter()
for name, src in CODE.items():
    if name in ("curves", "ablation_fig", "training_lab", "on_the_sphere") or name in skip:
        continue
    src = src.replace("%matplotlib inline", "")
    t = time.perf_counter()
    print(f"--- {name}")
    exec(src.replace("from fsgeom.modules.m07_two_tower import data, maths, plots, widgets", "from fsgeom.modules.m07_two_tower import data, maths"), g)
    print(f"    [{time.perf_counter() - t:.2f} s]")
print("total", time.perf_counter() - t0)
