"""Measure the book on this machine against its budgets (``make bench``).

A budget in absolute seconds fails on a slow machine and says nothing on a fast one, so each
budget here is relative to something measured in the same run:

- every chapter notebook against the *floor*, a notebook that only imports numpy,
  matplotlib, torch, myst-nb and descent, draws one figure and makes the first `glue` call and
  the first `torch.optim` step (starting a kernel, importing and those first uses cost the
  same in every chapter): a chapter's own work beyond the floor is at most 5 s;
- ``make test`` against one nbval pass over all notebooks: at most 2.5 times as long (it runs
  nbval once, executes the learner notebooks once, and builds the site from the committed
  outputs without executing them).

Prints a table of wall times and peak memory, and exits with status 1 if a budget is
exceeded. Wall time is measured here only: the tests never assert it.

Usage: ``python -m tools.bench`` (``make bench``), from the repository's root.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

CHAPTER_WORK_BUDGET_S = 5.0
TEST_OVER_NBVAL_BUDGET = 2.5
TEST_LOG = Path("_build") / "bench" / "make-test.log"  # what `make test` printed

# What every chapter pays before its own work: a kernel, the imports, one figure, and two
# costs paid on first use that the import line hides: myst-nb's first `glue` (it loads
# nbformat and jsonschema) and the first `torch.optim` optimiser (it loads torch._dynamo).
FLOOR_CELLS = [
    "import matplotlib.pyplot as plt\nimport numpy as np\nimport torch\n"
    "from myst_nb import glue\n\n"
    "from descent import checks, data, losses, models, optim, plots",
    "fig, ax = plt.subplots()\nax.plot(np.arange(10), np.arange(10) ** 2)",
    'glue("floor", 1.0, display=False)\n'
    "torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1).step()",
]

# Runs a command (its output to the file argv[1]), then prints its wall time and the peak
# RSS (KiB) of its process tree.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
with open(sys.argv[1], "wb") as log:
    code = subprocess.run(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT).returncode
print(json.dumps({"seconds": time.perf_counter() - start, "code": code,
                  "peak_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def measure(command: list[str], log: Path | str = os.devnull) -> tuple[float, float, int]:
    """Run ``command``, its output to ``log``; return its wall seconds, peak MiB, exit status."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(log), *command],
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout)
    return figures["seconds"], figures["peak_kib"] / 1024, figures["code"]


# Executes a notebook in place as `jupyter execute --inplace` does, without nbclient's echo
# of Output widgets, which stalls a run after each explorer cell (tools/grade.py says why).
_EXECUTE = """
import sys, nbformat
from nbclient import NotebookClient
from tools.grade import quiet_output_widgets
quiet_output_widgets()
notebook = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(notebook, resources={"metadata": {"path": sys.argv[2]}}).execute()
nbformat.write(notebook, sys.argv[1])
"""


def execute(notebook: Path) -> tuple[float, float, int]:
    """Measure the execution of ``notebook`` (a copy: the file is left as is)."""
    return measure([sys.executable, "-c", _EXECUTE, str(notebook), str(notebook.parent)])


def row(what: str, seconds: float, mib: float, compared: str = "", verdict: str = "") -> None:
    """Print one line of the table."""
    print(f"{what:<40} {seconds:8.1f} s {mib:7.0f} MiB  {compared:<24} {verdict}")


def judge(within: bool, code: int) -> str:
    """The verdict of one measurement: a failed command fails the bench too."""
    if code != 0:
        return f"FAILED (exit status {code})"
    return "ok" if within else "OVER BUDGET"


def main() -> None:
    """Run every measurement, print the table, exit 1 if a budget is exceeded."""
    print(f"{'what':<40} {'wall':>10} {'peak':>11}  {'against its budget':<24}")
    with tempfile.TemporaryDirectory() as scratch:
        floor_notebook = Path(scratch) / "floor.ipynb"
        cells = [nbformat.v4.new_code_cell(source) for source in FLOOR_CELLS]
        nbformat.write(nbformat.v4.new_notebook(cells=cells), floor_notebook)
        # Every chapter twice, and the floor before each chapter and after the last: on a
        # machine that other work shares, the smallest time is the least disturbed one. (A
        # minimum over more runs can only be lower, so this can make a chapter's own work
        # look larger, never smaller.)
        floor, floor_mib, code = execute(floor_notebook)
        chapters = {}
        for notebook in sorted(Path("chapters").glob("*.ipynb")):
            if chapters:
                floor = min(floor, execute(floor_notebook)[0])
            copy = Path(shutil.copy(notebook, scratch))
            runs = [execute(copy), execute(copy)]
            failed = [code for _, _, code in runs if code != 0]
            chapters[notebook.name] = (
                min(seconds for seconds, _, _ in runs),
                max(mib for _, mib, _ in runs),
                failed[0] if failed else 0,
            )
        floor = min(floor, execute(floor_notebook)[0])
    within = [code == 0]
    row("import-only notebook (the floor)", floor, floor_mib, "", judge(True, code))
    for name, (seconds, mib, code) in chapters.items():
        work = seconds - floor
        within.append(work <= CHAPTER_WORK_BUDGET_S and code == 0)
        verdict = judge(work <= CHAPTER_WORK_BUDGET_S, code)
        row(
            f"execute {name}",
            seconds,
            mib,
            f"floor + {work:4.1f} s (<= {CHAPTER_WORK_BUDGET_S:g})",
            verdict,
        )
    nbval, nbval_mib, code = measure(
        ["pytest", "-p", "no:cacheprovider", "-n", "2", "--dist", "loadfile", "chapters"]
    )
    within.append(code == 0)
    row("nbval, all notebooks (pytest -n 2)", nbval, nbval_mib, "", judge(True, code))
    TEST_LOG.parent.mkdir(parents=True, exist_ok=True)
    test, test_mib, code = measure(["make", "--no-print-directory", "test"], TEST_LOG)
    ratio = test / nbval
    within.append(ratio <= TEST_OVER_NBVAL_BUDGET and code == 0)
    verdict = judge(ratio <= TEST_OVER_NBVAL_BUDGET, code)
    row(
        "make test",
        test,
        test_mib,
        f"{ratio:4.2f} x nbval (<= {TEST_OVER_NBVAL_BUDGET:g})",
        verdict,
    )
    if code != 0:
        summary = [
            line
            for line in TEST_LOG.read_text(errors="replace").splitlines()
            if line.startswith(("FAILED", "ERROR", "make"))
        ]
        print(f"make test failed; its output is in {TEST_LOG}:", *summary[-20:], sep="\n  ")
    if not all(within):
        sys.exit(1)


if __name__ == "__main__":
    main()
