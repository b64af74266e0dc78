"""Grading hardening for ``nbgrader autograde`` (threat model: README, "For instructors").

Pieces (all plugged in through nbgrader's own configuration, see :mod:`fsgeom.guard.config`):

* :mod:`~fsgeom.guard.kernel` — launcher of the grading kernel: memory/file-size limits, trusted imports,
  trusted-state snapshot, audit hook;
* :mod:`~fsgeom.guard.policy` — the audit hook: what the kernel may read, write, start or signal;
* :mod:`~fsgeom.guard.runtime` — kernel-side restore/check of trusted state, reached through
  ``user_expressions`` (never through input transformers);
* :mod:`~fsgeom.guard.execute` — ``GuardedExecute``: per-cell restore, completion nonce on test cells,
  crash/hang recovery with kernel restart and replay, output cap;
* :mod:`~fsgeom.guard.sanitize` — tolerant reader for corrupted notebooks, metadata/locked-cell repair,
  static scan, per-notebook report file;
* :mod:`~fsgeom.guard.scan` — static cheat-pattern scanner;
* :mod:`~fsgeom.guard.report` — ``python -m fsgeom.guard.report <assignment>``: instructor's grading report.
"""
from __future__ import annotations

__all__ = ["config", "policy", "runtime", "cells", "scan", "execute", "sanitize", "report", "kernel"]
