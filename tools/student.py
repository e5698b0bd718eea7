"""Write learner notebooks: the chapters with their reference solutions removed.

In a chapter notebook each solution sits between two markdown cells holding the
sphinx-exercise directives ``{solution-start}`` and ``{solution-end}``. This tool copies each
notebook, drops those cells and everything between them, and clears all outputs, so that a
learner starts from the stub and the check cell reports "not implemented yet".

Usage: ``python -m tools.student chapters _build/student`` (``make student``).
"""

from __future__ import annotations

import argparse
import copy
from pathlib import Path

import nbformat

SOLUTION_START = "{solution-start}"
SOLUTION_END = "{solution-end}"


def _is_marker(cell: nbformat.NotebookNode, marker: str) -> bool:
    return cell.cell_type == "markdown" and marker in cell.source


def strip_solutions(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a copy of ``notebook`` without solutions and without outputs.

    Raises
    ------
    ValueError
        If a ``{solution-start}`` has no matching ``{solution-end}`` or the reverse.
    """
    student = copy.deepcopy(notebook)
    kept, inside = [], False
    for index, cell in enumerate(student.cells):
        if _is_marker(cell, SOLUTION_START):
            if inside:
                raise ValueError(f"cell {index}: a solution starts inside another solution")
            inside = True
        elif _is_marker(cell, SOLUTION_END):
            if not inside:
                raise ValueError(f"cell {index}: a solution ends that never started")
            inside = False
        elif not inside:
            kept.append(cell)
    if inside:
        raise ValueError("the last solution never ends: add a {solution-end} cell")
    for cell in kept:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    student.cells = kept
    student.metadata.pop("widgets", None)
    return student


def write_student_notebooks(source: Path, target: Path) -> list[Path]:
    """Write a learner copy of every notebook in ``source`` into ``target``.

    Returns
    -------
    list of pathlib.Path
        The notebooks written.
    """
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(source.glob("*.ipynb")):
        student = strip_solutions(nbformat.read(path, as_version=4))
        nbformat.write(student, target / path.name)
        written.append(target / path.name)
    return written


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder of the chapter notebooks")
    parser.add_argument("target", type=Path, help="folder to write the learner notebooks to")
    args = parser.parse_args()
    for path in write_student_notebooks(args.source, args.target):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
