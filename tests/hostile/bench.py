"""Autograde time per submission with and without the guard (honest submissions of 01-distances).

    python -m tests.hostile.bench [-n 6] [--timeout 30] [--rounds 2]

Makes a scratch course, submits ``n`` honest students (alternating the reference solution and a partial one),
and times ``nbgrader autograde`` on identical copies, alternating guarded (the course configuration) and stock
(``NBGUARD=off``), keeping the fastest of ``--rounds`` runs of each. Prints seconds per submission and checks the two runs agree on every score.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from fsgeom import gradetools

from . import notebooks as N

ASSIGNMENT = "01-distances"


def run(n: int, timeout: int, rounds: int = 1) -> dict:
    with tempfile.TemporaryDirectory(prefix="guard-bench-") as tmp:
        base = gradetools.copy_course(Path(tmp) / "base")
        gradetools.run_nbgrader(["generate_assignment", ASSIGNMENT, "--force"], cwd=base)
        rel = N.read(base / "exercises" / "uk" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
        sol = N.read(base / "solutions" / "uk" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
        for i in range(n):
            make = N.honest if i % 2 == 0 else N.partial
            gradetools.submit(base, f"s{i:02d}", ASSIGNMENT, {f"{ASSIGNMENT}.ipynb": make(rel, sol).text()})
        out = {}
        for r in range(rounds):           # alternate, keep the fastest run of each (less noise from load)
            for label, env in (("guarded", {}), ("stock", {"NBGUARD": "off"})):
                course = Path(shutil.copytree(base, Path(tmp) / f"{label}-{r}"))
                t0 = time.monotonic()
                gradetools.run_nbgrader(["autograde", ASSIGNMENT, f"--Execute.timeout={timeout}"], cwd=course,
                                        env={"COURSE_LANG": "uk", **env})
                seconds = time.monotonic() - t0
                if label not in out or seconds < out[label]["seconds"]:
                    out[label] = {"seconds": seconds, "scores": gradetools.cell_scores(course, ASSIGNMENT)}
        return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=6)
    ap.add_argument("--timeout", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=2, help="alternating runs per mode; the fastest is shown")
    args = ap.parse_args(argv)
    out = run(args.n, args.timeout, args.rounds)
    for label, r in out.items():
        print(f"{label:8s} {r['seconds']:6.1f} s total, {r['seconds'] / args.n:5.2f} s per submission")
    same = out["guarded"]["scores"] == out["stock"]["scores"]
    print("scores identical:", same)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
