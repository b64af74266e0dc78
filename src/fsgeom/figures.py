"""Regenerate the committed figures (``figures/*.png``) deterministically, headless (Agg).

    python -m fsgeom.figures                 # all figures, English (README) and Ukrainian (-uk suffix)
    python -m fsgeom.figures --lang en --out /tmp/figs

Files (``<name>.png`` in English, ``<name>-uk.png`` in Ukrainian):

* ``01-iso-distance``: the iso-distance explorer widget's figure (raw-space Mahalanobis ellipses vs
  Euclidean circles, the same neighbourhoods after whitening) -- the README's hero image;
* ``01-age-income-knn``: kNN decision regions for the bank clients, income in $ vs k$ vs z-scored;
* ``01-unit-balls``: unit circles for p = 1, 2, inf, general p, and the cosine distance's cones;
* ``01-scale-distortion``: the lecture's Sigma = diag(1, 10^4): Euclidean vs Mahalanobis balls and neighbours.

The same code draws the lecture notebook's figures, so the PNGs match what students see.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["FIGURES", "make_figures", "main"]

_DPI = 150
_METADATA = {"Software": None}      # no version string: identical bytes on identical library versions

def _iso_distance(lang):
    from .widgets import iso_distance_explorer
    return iso_distance_explorer(backend="agg", lang=lang).view.fig


def _age_income(lang):
    from .plots import age_income_units_figure
    return age_income_units_figure(k=5, lang=lang)


def _unit_balls(lang):
    from .plots import unit_balls_figure
    return unit_balls_figure(lang=lang)


def _scale_distortion(lang):
    from .plots import scale_distortion_figure
    return scale_distortion_figure(lang=lang)


#: figure name -> function(lang) returning a matplotlib Figure
FIGURES = {
    "01-iso-distance": _iso_distance,
    "01-age-income-knn": _age_income,
    "01-unit-balls": _unit_balls,
    "01-scale-distortion": _scale_distortion,
}


def make_figures(out_dir=None, langs=("en", "uk"), names=None) -> list[Path]:
    """Write the figures to ``out_dir`` (default ``<course root>/figures``); return the paths written."""
    import matplotlib
    matplotlib.use("Agg", force=True)
    if out_dir is None:
        from . import course
        out_dir = course.root() / "figures"
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in FIGURES.items():
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
    ap = argparse.ArgumentParser(prog="python -m fsgeom.figures", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=None, help="output folder (default: <course root>/figures)")
    ap.add_argument("--lang", choices=("en", "uk"), action="append", help="language(s) (default: both)")
    ap.add_argument("names", nargs="*", help=f"figure names (default: all of {', '.join(FIGURES)})")
    args = ap.parse_args(argv)
    unknown = [n for n in args.names if n not in FIGURES]
    if unknown:
        ap.error(f"unknown figure(s) {unknown}; choose from {list(FIGURES)}")
    for path in make_figures(args.out, tuple(args.lang or ("en", "uk")), args.names or None):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
