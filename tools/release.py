"""Regenerate the student release ``exercises/<lang>/<assignment>/`` for every language and assignment, and the
start page ``START.ipynb`` (``fsgeom.startpage``), which lists every module.

Assignments are discovered from ``solutions/<lang>/*/`` (``fsgeom.course``), never listed. For each
language, a scratch copy of the course (``fsgeom.gradetools.copy_course``) runs plain

    COURSE_LANG=<lang> nbgrader generate_assignment <assignment> --force

and the generated folder replaces ``exercises/<lang>/<assignment>/`` in the course. Nothing else in the
course is touched (the scratch gradebook and logs are thrown away).

    python tools/release.py                 # everything
    python tools/release.py --lang en       # one language
    python tools/release.py 01-distances    # one assignment, all languages
    python tools/release.py --check         # exit 1 if exercises/ differs from a fresh release
"""
from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
import tempfile
from pathlib import Path

from fsgeom import course, gradetools, startpage
from fsgeom.i18n import LANGUAGES


def generate(lang: str, assignments, src: Path, out: Path) -> dict:
    """Generate ``assignments`` for ``lang`` from course ``src`` into ``out/<assignment>/``.

    Returns ``{assignment: generated folder}``.
    """
    with tempfile.TemporaryDirectory(prefix=f"release-{lang}-") as tmp:
        work = gradetools.copy_course(Path(tmp) / "course", src)
        release = work / "exercises" / lang
        done = {}
        for aid in assignments:
            if (release / aid).exists():
                shutil.rmtree(release / aid)  # generate from the source only, never merge with an old release
            gradetools.run_nbgrader(["generate_assignment", aid, "--force"], cwd=work, env={"COURSE_LANG": lang})
            target = out / aid
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(release / aid, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
            done[aid] = target
        return done


def release(root: Path | None = None, langs=LANGUAGES, only=None, dest: Path | None = None) -> list:
    """Regenerate releases under ``dest`` (default: the course's ``exercises/``). Returns the folders written."""
    root = Path(root) if root else course.root()
    dest = Path(dest) if dest else root / "exercises"
    written = []
    for lang in langs:
        aids = [a for a in course.assignments(lang, base=root) if not only or a in only]
        if not aids:
            continue
        (dest / lang).mkdir(parents=True, exist_ok=True)
        written.extend(generate(lang, aids, root, dest / lang).values())
    return written


def diff_trees(a: Path, b: Path) -> list:
    """Relative paths that differ between two folders (missing on either side or different bytes)."""
    out = []

    def walk(cmp: filecmp.dircmp, rel: Path):
        out.extend(str(rel / n) + " (only in " + str(a) + ")" for n in cmp.left_only)
        out.extend(str(rel / n) + " (only in " + str(b) + ")" for n in cmp.right_only)
        for n in cmp.common_files:
            if (Path(cmp.left) / n).read_bytes() != (Path(cmp.right) / n).read_bytes():
                out.append(str(rel / n))
        for n, sub in cmp.subdirs.items():
            walk(sub, rel / n)

    walk(filecmp.dircmp(a, b, ignore=[".ipynb_checkpoints", "__pycache__"]), Path("."))
    return sorted(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignments", nargs="*", help="assignment ids (default: all)")
    parser.add_argument("--lang", choices=LANGUAGES, action="append", help="language (repeatable; default: all)")
    parser.add_argument("--check", action="store_true", help="only compare with a fresh release; exit 1 on difference")
    args = parser.parse_args(argv)
    root = course.root()
    langs = args.lang or LANGUAGES
    if args.check:
        with tempfile.TemporaryDirectory(prefix="release-check-") as tmp:
            fresh = Path(tmp) / "exercises"
            release(root, langs, args.assignments or None, dest=fresh)
            problems = []
            for lang in langs:
                for aid in course.assignments(lang, base=root):
                    if args.assignments and aid not in args.assignments:
                        continue
                    committed = root / "exercises" / lang / aid
                    if not committed.is_dir():
                        problems.append(f"exercises/{lang}/{aid} is missing")
                        continue
                    problems += [f"exercises/{lang}/{aid}/{p}" for p in diff_trees(committed, fresh / lang / aid)]
            if startpage.main(["--check"]) != 0:
                problems.append(startpage.FILENAME)
            for p in problems:
                print("differs:", p)
            print("release is up to date" if not problems else f"{len(problems)} difference(s): run python tools/release.py")
            return 1 if problems else 0
    for folder in release(root, langs, args.assignments or None):
        print("released", folder.relative_to(root))
    print("wrote", startpage.write(root).relative_to(root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
