"""How the executor talks to the kernel-side runtime (:mod:`nbguard.runtime`): empty execute requests whose
``user_expressions`` call ``sync``/``check`` (IPython evaluates them with ``eval``, never through input or AST
transformers a submission may have installed), with a deadline, never waiting on a dead kernel."""
from __future__ import annotations

import ast
import json
import time
from queue import Empty

from nbclient.util import ensure_async, run_sync

from .cells import entry_call

__all__ = ["RuntimeChannel"]


class RuntimeChannel:
    """Requests to the kernel of ``client`` (an nbclient ``NotebookClient``; its ``kc``/``km`` are read at
    every call, so a restarted kernel is used as soon as the client has it)."""

    def __init__(self, client, timeout: float):
        self.client = client
        self.timeout = timeout

    def call(self, name: str, spec: dict):
        """``runtime.<name>(spec)`` in the kernel; its JSON reply as a dict, or None if the kernel is dead or
        silent (``{"ok": False, "error": ...}`` when the call itself failed)."""
        try:
            return run_sync(self.acall)(name, spec)
        except Exception as e:  # noqa: BLE001
            self.client.log.warning("guard: %s call failed: %r", name, e)
            return None

    async def acall(self, name: str, spec: dict):
        reply = await self.request("", {"r": entry_call(name, spec)}, self.timeout)
        if reply is None:
            return None
        content = reply["content"]
        if content.get("status") != "ok":
            return {"ok": False, "error": f"{content.get('ename')}: {content.get('evalue')}"}
        r = content.get("user_expressions", {}).get("r", {})
        if r.get("status") != "ok":
            return {"ok": False, "error": f"{r.get('ename')}: {r.get('evalue')}"}
        try:
            return json.loads(ast.literal_eval(r["data"]["text/plain"]))
        except Exception as e:  # noqa: BLE001
            return {"ok": False, "error": f"unreadable reply ({e!r})"}

    async def request(self, code: str, user_expressions: dict, timeout: float, silent: bool = True):
        """Send an execute request and wait for its reply; ``None`` if the kernel is dead or silent."""
        kc, km = self.client.kc, self.client.km
        if kc is None:
            return None
        msg_id = kc.execute(code, silent=silent, store_history=False, user_expressions=user_expressions,
                            allow_stdin=False, stop_on_error=False)
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                msg = await ensure_async(kc.shell_channel.get_msg(timeout=min(remaining, 1.0)))
            except Empty:
                if not await ensure_async(km.is_alive()):
                    return None
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg
