"""Where the suite's time goes: after every run (CI's log included) a table of the time spent per part of the course.

The seconds are the sum of every test's setup, call and teardown over all pytest-xdist workers (so with 2 workers the
column adds up to about twice the wall time); a module-scoped fixture such as the grading round is counted where it is
built (the setup of the first test that asks for it). ``--durations`` (``./course test`` passes 15) names the slowest
single steps.
"""
from __future__ import annotations

import re
import time
from collections import Counter

#: (label, node-id prefixes): the first match wins; a module's own tests are split by module folder
PARTS = (
    ("lecture notebooks (nbval)", ("lectures/",)),
    ("solution notebooks (nbval)", ("solutions/",)),
    ("conventions over every module + the grading round", ("tests/test_conventions.py",)),
    ("hostile submissions", ("tests/test_hostile.py",)),
    ("browser suite", ("tests/browser/",)),
    ("guard, parallel grading, self-check", ("tests/test_guard.py", "tests/test_parallel_grade.py",
                                             "tests/test_nbguard_isolation.py", "tests/test_selfcheck.py",
                                             "tests/test_grading.py", "tests/test_forbidden.py")),
    ("benchmarks' own tests", ("tests/test_bench.py",)),
    ("module tests", ("tests/modules/",)),
)
_STARTED = time.time()


def part_of(nodeid: str) -> str:
    """The row of :data:`PARTS` a test belongs to (a module's own tests: ``module tests: mNN_name``)."""
    for label, prefixes in PARTS:
        if nodeid.startswith(prefixes):
            if label == "module tests":
                m = re.match(r"tests/modules/([^/]+)/", nodeid)
                return f"{label}: {m.group(1)}" if m else label
            return label
    return "everything else"


def pytest_terminal_summary(terminalreporter):
    seconds, tests = Counter(), Counter()
    for reports in terminalreporter.stats.values():
        for rep in reports:
            nodeid, duration = getattr(rep, "nodeid", None), getattr(rep, "duration", None)
            if not nodeid or duration is None or getattr(rep, "when", None) is None:
                continue
            part = part_of(nodeid)
            seconds[part] += duration
            tests[part] += rep.when == "call"
    if not seconds:
        return
    total = sum(seconds.values())
    tr = terminalreporter
    tr.section("time per part of the course")
    tr.write_line(f"{'part':<55} {'tests':>6} {'seconds':>9} {'share':>6}")
    for part, s in sorted(seconds.items(), key=lambda kv: -kv[1]):
        tr.write_line(f"{part:<55} {tests[part]:>6} {s:>9.1f} {s / total:>6.1%}")
    tr.write_line(f"{'all (summed over workers)':<55} {sum(tests.values()):>6} {total:>9.1f}; "
                  f"wall time of the run {time.time() - _STARTED:.1f} s")
