"""A Sphinx extension: every exercise of a chapter page can be tried in the page itself.

Below each exercise it puts a "Run in your browser" button. The reader edits the exercise's
stub in a text box and presses "Check": Python (Pyodide, WebAssembly) runs their code and the
exercise's check cell with the book's own checker, and the page shows its verdict: a tick,
"not implemented yet", or the hint. Exercises whose code needs PyTorch, which cannot run in
a browser, say so instead.

What each exercise needs (its stub and check cell) is read from the chapter's notebook, and
whether it needs PyTorch from the registry, ``descent.checks.EXERCISES``. The earlier cells of
the chapter that it uses (its data, say) are found by ``browser_context.py``, which runs the
book's solution in a Python without PyTorch, SciPy or matplotlib; an exercise that cannot run
there says why. The files Python
runs with are assembled by ``tools/pyodide_assets.py`` (``make book``) and loaded from the
site only when a reader asks: the reading experience does not change.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
from sphinx.application import Sphinx

SCRIPT = (Path(__file__).parent / "browser_python.js").read_text()
# Run in the browser before each exercise: what a chapter's first cells import.
PREAMBLE = (
    "import math\nimport numpy as np\nfrom descent import checks, data, losses, optim, search\n"
)
# Defined once in the browser's Python: run the reader's code, then the check cell.
RUNNER = """
import contextlib, io, traceback
from descent.exercises.base import CheckFailed

def run_exercise(preamble, code, check):
    namespace, printed = {"__name__": "__main__"}, io.StringIO()
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            exec(preamble, namespace)
            exec(compile(code, "<your code>", "exec"), namespace)
            report = eval(check, namespace)
    except CheckFailed as failure:
        return ["failed", printed.getvalue() + "\\n".join(failure._render_traceback_())]
    except Exception:
        return ["error", printed.getvalue() + traceback.format_exc(limit=-2)]
    return ["passed" if report.passed else "pending", printed.getvalue() + repr(report)]
"""
TORCH = re.compile(r"^\s*(import torch|from torch)", re.MULTILINE)


def exercises_of(notebook: nbformat.NotebookNode) -> list[dict[str, Any]]:
    """Each exercise of a chapter notebook, with its stub, check cell and solution.

    Also whether it needs torch, and the code cells before it (see `with_browser_context`).
    """
    from descent.checks import EXERCISES

    found, pending, earlier, in_solution = [], None, [], False
    for cell in notebook.cells:
        label = re.search(r"^:label: ex-(\S+)", cell.source, re.MULTILINE)
        if cell.cell_type == "markdown":
            if "{exercise}" in cell.source and label:
                pending = {
                    "id": label.group(1),
                    "stub": None,
                    "solution": [],
                    "earlier": list(earlier),
                }
            in_solution = ("{solution-start}" in cell.source) or (
                in_solution and "{solution-end}" not in cell.source
            )
            continue
        if cell.cell_type != "code":
            continue
        if in_solution:
            if pending is not None:
                pending["solution"].append(cell.source)
            continue
        if not cell.source.lstrip().startswith(("%", "!")) and "%pip" not in cell.source:
            earlier.append(cell.source)
        if pending is None:
            continue
        if pending["stub"] is None:
            pending["stub"] = cell.source
        check = re.search(rf'checks\.check\("{re.escape(pending["id"])}",[^\n]*\)', cell.source)
        if check:
            exercise = EXERCISES.get(pending["id"])
            pending["check"] = check.group(0)
            pending["needs_torch"] = bool(
                (exercise is not None and exercise.needs_torch) or TORCH.search(pending["stub"])
            )
            found.append(pending)
            pending = None
    return found


def with_browser_context(exercises: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the page needs of each exercise: does it run in the browser, with which cells.

    The earlier cells it needs there are found by ``browser_context.py``, in a Python
    without torch.
    """
    wanted = [exercise for exercise in exercises if not exercise["needs_torch"]]
    request = json.dumps({"preamble": PREAMBLE, "exercises": wanted})
    found = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "browser_context.py")],
        input=request,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    contexts = json.loads(found.stdout)
    page = []
    for exercise in exercises:
        context = contexts.get(exercise["id"], {"runs": False, "reason": "it needs PyTorch"})
        page.append(
            {
                "id": exercise["id"],
                "stub": exercise["stub"],
                "check": exercise["check"],
                "runs": context["runs"],
                "context": context.get("context", ""),
                "reason": context.get("reason", ""),
            }
        )
    return page


def _add_runner(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    source = Path(app.srcdir) / f"{pagename}.ipynb"
    if context.get("page_source_suffix") != ".ipynb" or not source.exists():
        return
    exercises = exercises_of(nbformat.read(source, as_version=4))
    if not exercises:
        return
    exercises = with_browser_context(exercises)
    data = {"exercises": exercises, "preamble": PREAMBLE, "runner": RUNNER}
    payload = json.dumps(data).replace("</", "<\\/")
    context["body"] += (
        f'<script type="application/json" id="browser-python-data">{payload}</script>\n'
        f"<script>{SCRIPT}</script>\n"
    )


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the in-browser runner with Sphinx."""
    app.connect("html-page-context", _add_runner, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
