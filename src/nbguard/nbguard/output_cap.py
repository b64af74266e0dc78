"""The per-cell output cap: output messages beyond ``limit`` bytes are dropped as they arrive (a submission
printing megabytes must not bloat the autograded notebook or the grader's memory); one notice is shown."""
from __future__ import annotations

import json

from nbformat.v4 import new_output

__all__ = ["OutputCap"]


class OutputCap:
    """Counts output bytes per cell; ``notice`` is the text appended once when a cell goes over the limit."""

    def __init__(self, limit: int, flags, notice: str):
        self.limit = limit
        self.flags = flags
        self.notice = notice
        self.used: dict = {}
        self.truncated: set = set()

    def start(self, index: int) -> None:
        self.used[index] = 0

    def admit(self, outs: list, msg: dict, index: int) -> bool:
        """Whether the output message ``msg`` of cell ``index`` is kept (errors always are)."""
        content = msg.get("content", {})
        size = len(content.get("text", "") or "")
        for v in (content.get("data") or {}).values():
            size += len(v) if isinstance(v, str) else len(json.dumps(v))
        used = self.used.get(index, 0) + size
        self.used[index] = used
        if not self.limit or used <= self.limit or msg.get("msg_type") == "error":
            return True
        if index not in self.truncated:
            self.truncated.add(index)
            outs.append(new_output("stream", name="stdout", text=self.notice))
            self.flags.add("output_truncated", index, f"more than {self.limit} bytes of output")
        return False
