"""What happened while a notebook was graded, as the executor records it.

* :class:`Flags` — the runtime findings (kind, severity, cell, grade id, detail) that end up in the
  ``runtime`` list of ``guard-<notebook>.json``;
* :class:`EventLog` — the refused-operations log: the audit hook in the kernel (:mod:`nbguard.policy`)
  appends one JSON line per refusal to a file the kernel cannot write to otherwise; the executor reads what
  is new after every cell.
"""
from __future__ import annotations

import json

__all__ = ["Flags", "EventLog"]


class Flags(list):
    """Runtime findings of one notebook (a list of dicts)."""

    def __init__(self, nb):
        super().__init__()
        self.nb = nb

    def add(self, kind, index=None, detail="", severity="warning") -> None:
        cell = self.nb.cells[index] if index is not None and index < len(self.nb.cells) else None
        gid = cell.metadata.get("nbgrader", {}).get("grade_id") if cell is not None else None
        self.append({"kind": kind, "severity": severity, "cell": index, "grade_id": gid, "detail": detail})

    def refused(self, events, index) -> None:
        for ev in events:
            self.add("refused", index, EventLog.describe(ev), "error")


class EventLog:
    """Reads a growing JSON-lines file incrementally."""

    #: bytes read per call and events reported per call (a loop of refusals must not flood the report)
    max_bytes = 1_000_000
    max_events = 50

    def __init__(self, path: str):
        self.path = path
        self.pos = 0

    def read_new(self) -> list:
        """Events appended since the last call, as ``{"event", "detail", "why"}`` dicts."""
        try:
            with open(self.path, "rb") as f:
                f.seek(self.pos)
                data = f.read(self.max_bytes)
                self.pos += len(data)
        except OSError:
            return []
        events = []
        for line in data.decode("utf-8", errors="replace").splitlines()[: self.max_events]:
            try:
                events.append(json.loads(line))
            except ValueError:
                events.append({"event": "?", "detail": line[:200], "why": "unreadable log line"})
        return events

    @staticmethod
    def describe(ev: dict) -> str:
        return f"{ev.get('event')} {ev.get('detail', '')} ({ev.get('why')})"
