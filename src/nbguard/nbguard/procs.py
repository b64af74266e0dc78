"""Running plain ``nbgrader`` commands from Python: the executable, its environment, a timeout that also stops
the kernels it started."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

__all__ = ["DEFAULT_TIMEOUT", "nbgrader_cmd", "nbgrader_env", "kill_process_group", "run_nbgrader"]

#: seconds an nbgrader command may take in run_nbgrader before it and its kernels are killed; a hung
#: kernel start must fail a test, not stall a CI run ($NBGUARD_NBGRADER_TIMEOUT)
DEFAULT_TIMEOUT = float(os.environ.get("NBGUARD_NBGRADER_TIMEOUT", 900))


def nbgrader_cmd() -> list[str]:
    """The ``nbgrader`` executable of the running Python environment."""
    exe = Path(sys.executable).with_name("nbgrader")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "nbgrader"]


def nbgrader_env(extra=None) -> dict:
    """The environment for an nbgrader subprocess: ours plus ``extra``, with this Python's ``bin`` folder first
    on PATH — nbgrader runs helper programs by name (``alembic`` when it creates a gradebook), so a
    non-activated virtual environment must still provide them."""
    env = {**os.environ, **(extra or {})}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def kill_process_group(p: subprocess.Popen, grace: float = 5.0) -> None:
    """Stop ``p`` and everything it started (e.g. nbgrader's kernels); ``p`` must lead its own process group
    (``start_new_session=True``). SIGTERM first, SIGKILL after ``grace`` seconds."""
    if p.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(p.pid, sig)
        except ProcessLookupError:
            return
        try:
            p.wait(grace)
            return
        except subprocess.TimeoutExpired:
            continue


def run_nbgrader(args, cwd, env=None, check=True, timeout=DEFAULT_TIMEOUT) -> subprocess.CompletedProcess:
    """Run ``nbgrader *args`` in the course folder ``cwd``; output is captured (``.stdout``/``.stderr``).

    ``env`` entries are added to the current environment. With ``check=True`` a non-zero exit raises
    ``RuntimeError`` carrying nbgrader's log. After ``timeout`` seconds (``None``: no limit) nbgrader and
    its kernels are killed and ``RuntimeError`` is raised.
    """
    cmd = [*nbgrader_cmd(), *map(str, args)]
    p = subprocess.Popen(cmd, cwd=str(cwd), env=nbgrader_env(env), text=True, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_process_group(p)
        out, err = p.communicate()
        raise RuntimeError(f"nbgrader {' '.join(map(str, args))} did not finish in {timeout:.0f} s (killed)\n"
                           f"--- stderr (end) ---\n{(err or '')[-8000:]}") from None
    proc = subprocess.CompletedProcess(cmd, p.returncode, out, err)
    if check and proc.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(map(str, args))} exited {proc.returncode}\n"
                           f"--- stdout ---\n{proc.stdout[-4000:]}\n--- stderr ---\n{proc.stderr[-8000:]}")
    return proc
