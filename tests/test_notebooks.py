"""The chapter notebooks are committed executed, in order, with outputs and no errors;
their learner versions run to the end with every check saying "not implemented yet"."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tools.grade import quiet_output_widgets
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


# Between two learner notebooks run in the same kernel: nothing a notebook defined survives
# (imported modules stay loaded, but each notebook must import them itself to use them).
FRESH_START = "%reset -f\nimport matplotlib.pyplot\nmatplotlib.pyplot.close('all')\n%reset -f"


@pytest.mark.slow
def test_every_learner_version_runs_and_reports_not_implemented_yet(tmp_path):
    """The learner notebooks, one after the other in one kernel (a kernel's start and the
    imports are paid once): each runs to its end without an error, and its check cells say
    "not implemented yet"."""
    learner = nbformat.v4.new_notebook()
    checks = {}  # chapter -> the check cells of its learner version
    for path in CHAPTERS:
        notebook = strip_solutions(nbformat.read(path, as_version=4))
        assert count(notebook, "{solution-start}") == 0
        assert all(not cell.outputs for cell in code_cells(notebook))
        learner.cells.append(nbformat.v4.new_code_cell(FRESH_START))
        learner.cells += code_cells(notebook)
        checks[path.name] = [
            cell for cell in code_cells(notebook) if "checks.check(" in cell.source
        ]
    # a cell that raises stops the run with a CellExecutionError naming it
    quiet_output_widgets()  # no stall after each explorer cell (see tools/grade.py)
    NotebookClient(learner, timeout=120, resources={"metadata": {"path": tmp_path}}).execute()
    for chapter, cells in checks.items():
        assert len(cells) >= 3, chapter
        for cell in cells:
            text = "".join(str(out.get("data", {}).get("text/plain", "")) for out in cell.outputs)
            assert "not implemented yet" in text, (chapter, cell.source, text)


def test_a_learner_notebook_cannot_use_what_the_one_before_it_defined(tmp_path):
    """The fresh start between learner notebooks really forgets the previous one's names."""
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("import numpy as np\nleft_over = np.zeros(1)"),
            nbformat.v4.new_code_cell(FRESH_START),
            nbformat.v4.new_code_cell(
                "print(sorted(k for k in ('np', 'left_over') if k in dir()))"
            ),
        ]
    )
    NotebookClient(notebook, timeout=60, resources={"metadata": {"path": tmp_path}}).execute()
    assert notebook.cells[-1].outputs[0]["text"] == "[]\n"
