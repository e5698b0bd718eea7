"""The exercises run in the page: Python in the browser (Pyodide), offline, with the book's checker.

The built site is served over local http (as GitHub Pages or `python -m http.server` serve
it) to Debian's headless Chromium, with every request to another host refused. A reader
opens a NumPy exercise, runs a correct answer and sees the tick, then a wrong one and sees
the checker's hint; nothing leaves the machine. Without a browser, every exercise of every
chapter is found in its notebook with its stub and check cell.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from conftest import refuse_other_hosts

from descent import checks

# Reads the built site: `make test` runs it after the site build (see the Makefile).
pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
sys.path.insert(0, str(ROOT / "_ext"))
browser_python = pytest.importorskip("browser_python")


@pytest.mark.parametrize("chapter", sorted(checks.CHAPTER_EXERCISES))
def test_every_exercise_is_found_with_its_stub_and_check_cell(chapter):
    notebook = nbformat.read(ROOT / "chapters" / f"{chapter}.ipynb", as_version=4)
    found = browser_python.exercises_of(notebook)
    assert [exercise["id"] for exercise in found] == checks.CHAPTER_EXERCISES[chapter]
    for exercise in found:
        assert exercise["check"].startswith(f'checks.check("{exercise["id"]}",')
        assert exercise["needs_torch"] == checks.EXERCISES[exercise["id"]].needs_torch or (
            "torch" in exercise["stub"]
        )


def test_exercises_run_in_the_browser_with_the_cells_they_need_or_say_why_not():
    runnable = []
    for chapter in sorted(checks.CHAPTER_EXERCISES):
        notebook = nbformat.read(ROOT / "chapters" / f"{chapter}.ipynb", as_version=4)
        for exercise in browser_python.with_browser_context(browser_python.exercises_of(notebook)):
            if checks.EXERCISES[exercise["id"]].needs_torch:
                assert not exercise["runs"] and "PyTorch" in exercise["reason"]
            if exercise["runs"]:
                runnable.append(exercise["id"])
                assert "import torch" not in exercise["context"]
            else:
                assert exercise["reason"]
    # the book's solution of each of these passed its checker in a Python without torch
    assert len(runnable) >= len(checks.EXERCISES) * 2 // 3, runnable
    assert {"linear-mse", "search-grid", "info-kl", "softmax-stable"} <= set(runnable)


def test_the_checkers_import_without_torch_scipy_or_widgets():
    """What the browser has: NumPy. The registry must import with nothing else."""
    probe = (
        "import sys, descent.checks; "
        "bad = [m for m in ('torch', 'scipy', 'ipywidgets', 'matplotlib', 'pandas') "
        "if m in sys.modules]; print(bad)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


@pytest.fixture(scope="module")
def served(site):
    if not (HTML / "_static" / "pyodide" / "pyodide.asm.wasm").exists():
        pytest.fail("the in-browser Python is not built: make book runs tools.pyodide_assets")
    return site


def _verdict(page, panel, code):
    panel.locator("textarea").fill(code)
    panel.locator("button.browser-python-check").click()
    page.wait_for_function(
        "(pre) => pre.dataset.state && pre.dataset.state !== 'busy'",
        arg=panel.locator("pre").element_handle(),
        timeout=180_000,
    )
    return panel.locator("pre").get_attribute("data-state"), panel.locator("pre").text_content()


def test_a_reader_solves_a_numpy_exercise_in_the_page_offline(chromium, served):
    site, errors = served, []
    page = chromium.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    refused = refuse_other_hosts(page, site)
    started = time.perf_counter()
    page.goto(f"{site}/chapters/01_linear_models.html", wait_until="load")
    data = json.loads(page.locator("#browser-python-data").text_content())
    assert {exercise["id"] for exercise in data["exercises"]} == set(
        checks.CHAPTER_EXERCISES["01_linear_models"]
    )
    panel = page.locator("#ex-linear-mse + .browser-python")
    panel.get_by_role("button", name="Run in your browser").click()
    assert "raise NotImplementedError" in panel.locator("textarea").input_value()
    state, text = _verdict(
        page,
        panel,
        "def mse(y_pred, y_true):\n"
        "    errors = np.asarray(y_pred, float) - np.asarray(y_true, float)\n"
        "    return float(np.mean(errors ** 2))\n",
    )
    first_verdict = time.perf_counter() - started
    assert state == "passed", text
    assert text.startswith("\N{CHECK MARK} linear-mse")
    state, text = _verdict(
        page,
        panel,
        "def mse(y_pred, y_true):\n"
        "    return float(np.sum((np.asarray(y_pred) - np.asarray(y_true)) ** 2))\n",
    )
    assert state == "failed"
    assert "Hint: off by a factor of n" in text
    page.close()
    print(f"first verdict {first_verdict:.1f} s after the page was opened")  # reported, not judged
    assert refused == [] and errors == []
