"""The first code cell of every chapter: install the book's package where it is missing.

On Colab (or any Jupyter without the book's venv) ``import descent`` fails. So each chapter
starts with a cell that installs ``descent`` when, and only when, it cannot be imported. Where
it installs from is derived from one place, ``repository.url`` in ``_config.yml``, at the
release the notebook belongs to (the tag ``v`` + the package version in ``pyproject.toml``).
The environment variable ``DESCENT_PACKAGE`` overrides it (the tests point it at a locally
built wheel).

Usage: ``python -m tools.colab chapters/*.ipynb`` writes (or updates) that cell;
``python -m tools.colab --check chapters/*.ipynb`` fails if a notebook's cell is out of date.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
TAG = "install-descent"


def package_source(root: Path = ROOT) -> str:
    """The pip requirement of the book's package: the repository at this release."""
    url = yaml.safe_load((root / "_config.yml").read_text())["repository"]["url"]
    version = tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]
    return f"descent @ git+{url.rstrip('/')}@v{version}"


def install_cell_source(root: Path = ROOT) -> str:
    """The text of the install cell."""
    return (
        "# The book's helpers are the package `descent`. Where it is not installed (on Colab,\n"
        "# say) this cell installs it, leaving torch as it is (and numpy too, where it is 1.26\n"
        "# or newer, as on Colab); elsewhere it does nothing. DESCENT_PACKAGE may name another\n"
        "# source, such as a local wheel.\n"
        "import importlib.util\n"
        "import os\n"
        "\n"
        'if importlib.util.find_spec("descent") is None:\n'
        f'    source = os.environ.get("DESCENT_PACKAGE", "{package_source(root)}")\n'
        '    %pip install --quiet "{source}"'
    )


def _is_install_cell(cell: nbformat.NotebookNode) -> bool:
    return cell.cell_type == "code" and TAG in cell.metadata.get("tags", [])


def with_install_cell(notebook: nbformat.NotebookNode, root: Path = ROOT) -> bool:
    """Put the install cell first among the code cells of ``notebook``; True if it changed."""
    source = install_cell_source(root)
    for cell in notebook.cells:
        if _is_install_cell(cell):
            if cell.source == source:
                return False
            cell.source = source
            return True
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = ["remove-cell", TAG]  # not shown on the site
    first_code = next(
        (i for i, other in enumerate(notebook.cells) if other.cell_type == "code"),
        len(notebook.cells),
    )
    notebook.cells.insert(first_code, cell)
    return True


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="only report stale cells")
    args = parser.parse_args(argv)
    stale = []
    for path in args.notebooks:
        notebook = nbformat.read(path, as_version=4)
        if with_install_cell(notebook):
            stale.append(path)
            if not args.check:
                nbformat.write(notebook, path)
    for path in stale:
        print(f"{'stale' if args.check else 'updated'}: {path}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
