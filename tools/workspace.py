"""The learner's workspace: their own copy of every chapter, in ``practice/``, never overwritten.

``make workspace`` writes a learner notebook (solutions removed, outputs cleared, see
:mod:`tools.student`) into ``practice/`` for each chapter that is not there yet, and keeps
every notebook that is: a learner's answers survive any later ``make`` command, and a chapter
the book gains is added beside them. ``make practice-reset CHAPTER=03`` moves the learner's
copy of one chapter to ``practice/backup/<stem>.<timestamp>.ipynb`` and writes a fresh one.

Usage::

    python -m tools.workspace chapters practice              # make workspace
    python -m tools.workspace chapters practice --reset 03   # make practice-reset CHAPTER=03
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import sys
from pathlib import Path

import nbformat

from tools.student import strip_solutions

BACKUP = "backup"


def _write_new(notebook: nbformat.NotebookNode, path: Path) -> bool:
    """Write ``notebook`` to ``path`` unless a file is already there; say whether it wrote."""
    try:
        # "x": create, or fail if the file exists, so that nothing is ever overwritten, even
        # by two commands running at once.
        with open(path, "x", encoding="utf-8") as file:
            nbformat.write(notebook, file)
    except FileExistsError:
        return False
    return True


def update_workspace(chapters: Path, practice: Path) -> tuple[list[str], list[str]]:
    """Add to ``practice`` a learner copy of each chapter it does not have yet.

    Returns
    -------
    added, kept : list of str
        The notebook names written, and those already there (left as they are).
    """
    sources = sorted(chapters.glob("*.ipynb"))
    if not sources:
        raise ValueError(f"no chapter notebooks (*.ipynb) in {chapters}")
    practice.mkdir(parents=True, exist_ok=True)
    added, kept = [], []
    for source in sources:
        target = practice / source.name
        if target.exists():
            kept.append(source.name)
            continue
        student = strip_solutions(nbformat.read(source, as_version=4))
        (added if _write_new(student, target) else kept).append(source.name)
    return added, kept


def find_chapter(chapters: Path, chapter: str) -> Path:
    """The chapter notebook named by ``chapter``: its number (``"03"``, ``"3"``) or its stem.

    Raises
    ------
    ValueError
        If no chapter, or more than one, matches.
    """
    known = sorted(chapters.glob("*.ipynb"))
    wanted = chapter.strip().removesuffix(".ipynb")
    if wanted.isdigit():
        wanted = wanted.zfill(2)
    matches = [path for path in known if path.stem == wanted or path.stem.startswith(wanted + "_")]
    if len(matches) != 1:
        names = ", ".join(path.stem for path in known)
        reason = "no chapter" if not matches else "more than one chapter"
        raise ValueError(
            f"{reason} matches CHAPTER={chapter!r}: give its number, e.g. CHAPTER=03 "
            f"(chapters: {names})"
        )
    return matches[0]


def reset_chapter(
    chapters: Path, practice: Path, chapter: str, now: datetime.datetime | None = None
) -> tuple[Path | None, Path]:
    """Give a fresh learner copy of one chapter, after moving the old one to ``backup/``.

    Parameters
    ----------
    chapter : str
        The chapter's number (``"03"``) or notebook stem.
    now : datetime.datetime, optional
        The time stamped into the backup's name (default: now).

    Returns
    -------
    backup, fresh : pathlib.Path
        Where the old copy went (None if there was none) and the fresh notebook.
    """
    source = find_chapter(chapters, chapter)
    target = practice / source.name
    backup = None
    if target.exists():
        stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
        (practice / BACKUP).mkdir(parents=True, exist_ok=True)
        backup = practice / BACKUP / f"{source.stem}.{stamp}.ipynb"
        number = 1
        while backup.exists():  # two resets in one second: never overwrite a backup
            backup = practice / BACKUP / f"{source.stem}.{stamp}-{number}.ipynb"
            number += 1
        shutil.move(target, backup)
    practice.mkdir(parents=True, exist_ok=True)
    if not _write_new(strip_solutions(nbformat.read(source, as_version=4)), target):
        raise RuntimeError(f"{target} appeared while it was being reset; nothing was changed")
    return backup, target


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("chapters", type=Path, help="folder of the book's chapter notebooks")
    parser.add_argument("practice", type=Path, help="the learner's folder, e.g. practice")
    parser.add_argument(
        "--reset",
        metavar="CHAPTER",
        help="back up the learner's copy of CHAPTER, write a fresh one",
    )
    args = parser.parse_args(argv)
    try:
        if args.reset is not None:
            if not args.reset.strip():
                raise ValueError("say which chapter to reset: make practice-reset CHAPTER=03")
            backup, fresh = reset_chapter(args.chapters, args.practice, args.reset)
            if backup is not None:
                print(f"your previous {fresh.name} is kept as {backup}")
            print(f"wrote a fresh {fresh}")
            return
        added, kept = update_workspace(args.chapters, args.practice)
    except ValueError as error:
        sys.exit(f"error: {error}")
    print(f"Your workspace is {args.practice}/ (yours: no make command overwrites or deletes it).")
    print(f"  added: {', '.join(added) if added else 'nothing (every chapter is there)'}")
    print(f"  kept:  {', '.join(kept) if kept else 'nothing (a new workspace)'}")


if __name__ == "__main__":
    main()
