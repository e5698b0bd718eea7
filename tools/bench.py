"""Measure the book on this machine: wall time and peak memory of its builds and tests.

Prints, for a clean site build, for nbval over every notebook, and for the execution of
each notebook, the wall-clock seconds and the peak resident memory of the largest process,
and exits with status 1 if a budget is exceeded.

Usage: ``python -m tools.bench`` (``make bench``), from the repository's root.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

NOTEBOOK_BUDGET_S = 10.0
BUILD_BUDGET_S = 90.0

# Runs a command, then prints its wall time and the peak RSS (KiB) of its process tree.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(json.dumps({"seconds": time.perf_counter() - start, "code": code,
                  "peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def measure(command: list[str]) -> tuple[float, float]:
    """Run ``command`` and return its wall seconds and peak memory in MiB.

    Raises
    ------
    RuntimeError
        If the command fails.
    """
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True
    )
    figures = json.loads(result.stdout)
    if figures["code"] != 0:
        raise RuntimeError(f"{' '.join(command)} exited with status {figures['code']}")
    return figures["seconds"], figures["peak_kib"] / 1024


def _row(name: str, seconds: float, mib: float, budget: float | None = None) -> bool:
    within = budget is None or seconds <= budget
    verdict = "" if budget is None else ("ok" if within else "OVER BUDGET")
    limit = "" if budget is None else f"< {budget:.0f} s"
    print(f"{name:<44} {seconds:8.1f} s {mib:9.0f} MiB  {limit:>7} {verdict}")
    return within


def main() -> None:
    """Run every measurement and print the table."""
    notebooks = sorted(Path("chapters").glob("*.ipynb"))
    print(f"{'what':<44} {'wall':>10} {'peak memory':>13}  budget")
    within = []
    with tempfile.TemporaryDirectory() as scratch:
        for notebook in notebooks:
            copy = shutil.copy(notebook, scratch)  # execute a copy: leave chapters/ untouched
            seconds, mib = measure(["jupyter", "execute", "--inplace", str(copy)])
            within.append(_row(f"execute {notebook.name}", seconds, mib, NOTEBOOK_BUDGET_S))
    seconds, mib = measure(
        ["pytest", "-p", "no:cacheprovider", "-n", "2", "--dist", "loadfile", "chapters"]
    )
    _row("nbval, all notebooks (pytest -n 2)", seconds, mib)
    shutil.rmtree("_build", ignore_errors=True)  # nothing of an earlier build is reused
    seconds, mib = measure(["make", "--no-print-directory", "book"])
    within.append(_row("clean site build (make book)", seconds, mib, BUILD_BUDGET_S))
    if not all(within):
        sys.exit(1)


if __name__ == "__main__":
    main()
