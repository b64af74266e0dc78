"""How the course starts JupyterLab (``./course lab``), in one place that the browser suite uses too.

* it opens the start page, ``START.ipynb`` (:mod:`fsgeom.startpage`), not a lecture;
* JupyterLab's news and update checks are off for the course: the application settings folder is the course's
  ``lab/`` (its ``overrides.json`` sets ``fetchNews: "false"`` and ``checkForUpdates: false`` as defaults, which a
  student can still change in *Settings*), and the server never checks for updates. Nothing is written to the
  student's own Jupyter settings.

    python -m fsgeom.lab [jupyter lab options...]      # what ./course lab runs
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["START_PAGE", "settings_dir", "course_args", "main"]

#: what ./course lab opens, relative to the course root
START_PAGE = "START.ipynb"


def settings_dir(root: Path) -> Path:
    """The course's JupyterLab application settings folder (holds ``overrides.json``)."""
    return Path(root) / "lab"


def course_args(root: Path) -> list[str]:
    """JupyterLab options every course server uses (``./course lab`` and the browser suite)."""
    return [f"--LabApp.app_settings_dir={settings_dir(root)}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]


def main(argv=None) -> int:
    from . import course
    argv = list(sys.argv[1:] if argv is None else argv)
    root = course.root()
    args = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}", *course_args(root)]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")            # containers and CI machines run as root; JupyterLab refuses otherwise
    args += [*argv, str(root / START_PAGE)]
    os.execv(sys.executable, args)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
