"""fsgeom: shared code of the feature-space geometry course (Lecture 4: scaling, normalization, encoding).

Each module of the course is a folder, ``fsgeom.modules.mNN_name`` (its maths, data, plots, widgets, figures and
visible checks), discovered by :mod:`fsgeom.modules`. Shared layers (import direction top to bottom):
``metrics``/``data`` (math and data several modules use) -> ``plots`` (blitting) -> ``widgets`` (CourseWidget);
``grading``/``forbidden``/``tasks``/``selfcheck`` (test cells, the numpy-only rule, self-check); ``gradetools``/``bench``
(instructor tools). The grading guard is the separate package ``nbguard`` (src/nbguard). See CONTRIBUTING.md.
"""
from __future__ import annotations

__version__ = "0.1.0"

#: minimum versions the notebooks are written against (requirements.txt pins exact ones)
MINIMUM_VERSIONS = {"python": (3, 10), "numpy": (1, 26), "matplotlib": (3, 8), "ipywidgets": (8, 0)}


def _vtuple(text: str) -> tuple:
    parts = []
    for piece in text.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def env_check(verbose: bool = True) -> dict:
    """Check that Python and the key libraries are recent enough; print one line of versions.

    Raises ``RuntimeError`` naming what is too old (re-run ``./course lab`` to repair the environment).
    Returns ``{name: version}``.
    """
    import platform
    import matplotlib
    import numpy
    import ipywidgets

    found = {"python": platform.python_version(), "numpy": numpy.__version__,
             "matplotlib": matplotlib.__version__, "ipywidgets": ipywidgets.__version__, "fsgeom": __version__}
    old = [f"{name} {found[name]} < {'.'.join(map(str, need))}" for name, need in MINIMUM_VERSIONS.items()
           if _vtuple(found[name]) < need]
    if old:
        raise RuntimeError("too old: " + ", ".join(old) + " — run ./course lab to rebuild the environment")
    if verbose:
        print(" | ".join(f"{k} {v}" for k, v in found.items()))
    return found
