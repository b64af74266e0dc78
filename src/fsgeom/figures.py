"""Regenerate the committed figures (``figures/*.png``) deterministically, headless (Agg).

    python -m fsgeom.figures                 # all figures, English (README) and Ukrainian (-uk suffix)
    python -m fsgeom.figures --lang en --out /tmp/figs
    python -m fsgeom.figures 01-unit-balls   # some figures, by name

Figures are discovered, never listed: a module marks its figure makers in ``fsgeom.modules.<module>.figures``
with :func:`course_figure` (``@course_figure("unit-balls")`` in module ``01-distances`` makes the figure
``01-unit-balls``); :func:`fsgeom.modules.figures` collects them. Files: ``<name>.png`` in English,
``<name>-uk.png`` in Ukrainian.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["course_figure", "figure_name", "make_figures", "main"]

_DPI = 150
_METADATA = {"Software": None}      # no version string: identical bytes on identical library versions
_MARK = "__course_figure__"


def course_figure(name: str):
    """Mark a function ``fn(lang) -> matplotlib Figure`` as a course figure called ``<NN>-<name>`` (``NN`` is
    the module's number)."""
    def mark(fn):
        setattr(fn, _MARK, name)
        return fn
    return mark


def figure_name(fn) -> str | None:
    """The short name a function was marked with by :func:`course_figure` (``None`` if it was not)."""
    name = getattr(fn, _MARK, None) if callable(fn) else None
    return name if isinstance(name, str) else None


def make_figures(out_dir=None, langs=("en", "uk"), names=None) -> list[Path]:
    """Write the figures to ``out_dir`` (default ``<course root>/figures``); return the paths written."""
    import matplotlib
    matplotlib.use("Agg", force=True)
    from . import modules
    if out_dir is None:
        from . import course
        out_dir = course.root() / "figures"
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in modules.figures().items():
        if names and name not in names:
            continue
        for lang in langs:
            fig = make(lang)
            path = out_dir / (f"{name}.png" if lang == "en" else f"{name}-{lang}.png")
            fig.savefig(path, dpi=_DPI, metadata=_METADATA, facecolor="white")
            written.append(path)
    return written


def main(argv=None) -> int:
    """Command line: ``python -m fsgeom.figures [--out DIR] [--lang en|uk] [names...]``; prints the paths."""
    from . import modules
    known = list(modules.figures())
    ap = argparse.ArgumentParser(prog="python -m fsgeom.figures", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=None, help="output folder (default: <course root>/figures)")
    ap.add_argument("--lang", choices=("en", "uk"), action="append", help="language(s) (default: both)")
    ap.add_argument("names", nargs="*", help=f"figure names (default: all of {', '.join(known)})")
    args = ap.parse_args(argv)
    unknown = [n for n in args.names if n not in known]
    if unknown:
        ap.error(f"unknown figure(s) {unknown}; choose from {known}")
    for path in make_figures(args.out, tuple(args.lang or ("en", "uk")), args.names or None):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
