"""The chapter notebooks are committed executed, in order, with outputs and no errors;
their learner versions run to the end with every check saying "not implemented yet"."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tools.student import strip_solutions

CHAPTERS = sorted((Path(__file__).parent.parent / "chapters").glob("*.ipynb"))


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code" and cell.source.strip()]


def count(notebook, text):
    return sum(text in cell.source for cell in notebook.cells)


def test_there_are_chapters():
    assert CHAPTERS


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.name)
def test_committed_executed_top_to_bottom_with_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    cells = code_cells(notebook)
    counts = [cell.execution_count for cell in cells]
    assert counts == list(range(1, len(cells) + 1)), "re-run the notebook top to bottom"
    assert sum(bool(cell.outputs) for cell in cells) >= len(cells) // 3, "outputs missing"
    errors = [o for cell in cells for o in cell.outputs if o.output_type == "error"]
    assert not errors, f"committed with errors: {[e.ename for e in errors]}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.name)
def test_every_exercise_has_a_solution_and_a_check(path):
    notebook = nbformat.read(path, as_version=4)
    exercises = count(notebook, "{exercise}")
    assert exercises >= 3, "each chapter has at least three exercises"
    assert count(notebook, "{solution-start}") == count(notebook, "{solution-end}") == exercises
    assert count(notebook, "checks.check(") == exercises


def test_strip_solutions_refuses_an_unclosed_solution():
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell(":::{solution-start} ex\n:::")]
    )
    with pytest.raises(ValueError, match="never ends"):
        strip_solutions(notebook)


@pytest.mark.slow
@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.name)
def test_learner_version_runs_and_reports_not_implemented_yet(path, tmp_path):
    notebook = strip_solutions(nbformat.read(path, as_version=4))
    assert count(notebook, "{solution-start}") == 0
    assert all(not cell.outputs for cell in code_cells(notebook))
    NotebookClient(notebook, timeout=60, resources={"metadata": {"path": tmp_path}}).execute()
    check_outputs = [
        "".join(str(output.get("data", {}).get("text/plain", "")) for output in cell.outputs)
        for cell in code_cells(notebook)
        if "checks.check(" in cell.source
    ]
    assert len(check_outputs) >= 3
    for text in check_outputs:
        assert "not implemented yet" in text
