"""The instructor's grader: every status, every row, and the submissions left untouched.

The submissions are built from the book's first chapter as it is at test time (its exercises
may change): the learner's notebook solved (the book's own solution cells kept); a third of it
solved, a third wrong and a third untouched (each chapter notebook graded costs a kernel and
the chapter's imports, so one notebook shows all three); and tiny notebooks for each way a
notebook can go wrong or try to cheat.
"""

import csv
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import cloudpickle
import nbformat
import pytest

from descent.checks import CHAPTER_EXERCISES, EXERCISES, Exercise, ValueExercise
from tools import grade
from tools.grade import (
    COLUMNS,
    _kill_kernel,
    _why_missing,
    answer_names,
    book_answer_names,
    execute_and_save,
    find_submissions,
    grade_class,
    judge,
    main,
    start_kernel,
    summary,
)
from tools.student import SOLUTION_END, SOLUTION_START

ROOT = Path(__file__).parent.parent
CHAPTER = "01_linear_models"
BOOK = nbformat.read(ROOT / "chapters" / f"{CHAPTER}.ipynb", as_version=4)
IDS = CHAPTER_EXERCISES[CHAPTER]
NAMES = answer_names(BOOK)
# Exercises whose check cell the book lacks (a chapter being rewritten) get `error` rows.
CHECKED = [exercise for exercise in IDS if exercise in NAMES]
# The mixed learner: the first third solved, the second third wrong, the rest untouched.
THIRD = (len(CHECKED) + 2) // 3
SOLVED, WRONG, UNTOUCHED = CHECKED[:THIRD], CHECKED[THIRD : 2 * THIRD], CHECKED[2 * THIRD :]


def solved(keep):
    """The learner's notebook with the book's solution cells of the exercises in ``keep``."""
    notebook = nbformat.v4.new_notebook(metadata=BOOK.metadata)
    exercise = None
    for cell in BOOK.cells:
        if cell.cell_type == "markdown" and SOLUTION_START in cell.source:
            exercise = next(e for e in IDS if f"ex-{e}" in cell.source.split("\n")[0])
            continue
        if cell.cell_type == "markdown" and SOLUTION_END in cell.source:
            exercise = None
            continue
        if exercise is None or exercise in keep:
            notebook.cells.append(
                nbformat.v4.new_code_cell(cell.source) if cell.cell_type == "code" else cell
            )
    return notebook


def wrong(notebook, exercises):
    """``notebook`` with a wrong answer before the check cell of each of ``exercises``."""
    cells = []
    for cell in notebook.cells:
        checked = answer_names(tiny(cell.source)) if cell.cell_type == "code" else {}
        for exercise, name in checked.items():
            if exercise not in exercises:
                continue
            if callable(EXERCISES[exercise].solution):
                source = f"def {name}(*args, **kwargs):\n    return 'wrong'"
            else:
                source = f"{name} = 'wrong'"
            cells.append(nbformat.v4.new_code_cell(source))
        cells.append(cell)
    notebook.cells = cells
    return notebook


def tiny(*sources, outputs=None):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    for cell, output in zip(notebook.cells, outputs or [], strict=False):
        if output:
            cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": output})]
            cell.execution_count = 1
    return notebook


def stub(exercise):
    name = NAMES[exercise]
    if callable(EXERCISES[exercise].solution):
        return f"def {name}(*args, **kwargs):\n    raise NotImplementedError"
    return f"{name} = ..."


FIRST_FUNCTION = next(e for e in CHECKED if callable(EXERCISES[e].solution))


def cheat():
    """Stubs only, with checks.check redefined to pass and a pasted ✓ under each check cell."""
    sources = ["from descent import checks\nchecks.check = lambda *args, **kwargs: '✓ correct'"]
    outputs = [None]
    for exercise in CHECKED:
        sources += [stub(exercise), f'checks.check("{exercise}", {NAMES[exercise]})']
        outputs += [None, f"✓ {exercise}: correct on all 5 test inputs."]
    return tiny(*sources, outputs=outputs)


def write(folder, learner, content, name=f"{CHAPTER}.ipynb"):
    path = folder / learner / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        nbformat.write(content, path)


def tree_hash(folder):
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.name != "grades.csv":
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes() if path.is_file() else b"dir")
    return digest.hexdigest()


def read_grades(folder):
    with open(folder / "grades.csv", newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert tuple(rows[0]) == COLUMNS
    return {(row[0], row[2]): (row[3], row[4]) for row in rows[1:]}, rows[1:]


def test_the_book_names_the_answer_of_its_exercises():
    names = book_answer_names(ROOT / "chapters", CHAPTER, IDS)
    assert list(names) == IDS
    assert CHECKED and all(names[exercise].isidentifier() for exercise in CHECKED)


def test_answer_names_come_from_check_cells_with_a_bare_name():
    notebook = tiny(
        'checks.check("a", mse)',
        "checks.check( 'b-2' ,  my_answer )\n",
        'checks.check("c", mse(1, 2))',
        'print(checks.check("d", mse))',
    )
    assert answer_names(notebook) == {"a": "mse", "b-2": "my_answer"}


def test_a_missing_answer_is_an_error_only_when_a_cell_broke_the_notebook():
    wrong_answer = [3, "CheckFailed", "Mean squared error: expected 2.0, got 4.0"]
    stub_deleted = [5, "NameError", "name 'mse' is not defined"]
    assert _why_missing("mse", [wrong_answer, stub_deleted]) is None
    broken = [1, "ModuleNotFoundError", "No module named 'numpyy'"]
    assert _why_missing("mse", [wrong_answer, broken, stub_deleted]) == (
        "cell 1 raised ModuleNotFoundError: No module named 'numpyy'"
    )
    assert _why_missing("predict", [stub_deleted]) == (
        "cell 5 raised NameError: name 'mse' is not defined"
    )


def test_the_judge_runs_the_books_checker_and_refuses_the_books_own_function(tmp_path):
    """In process: the answers as the kernel would have saved them."""
    functions = [e for e in EXERCISES if isinstance(EXERCISES[e], Exercise)]
    values = [e for e in EXERCISES if isinstance(EXERCISES[e], ValueExercise)]
    own, copied, value = functions[0], functions[1], values[0]
    reference = EXERCISES[own].solution
    answers = {
        own: lambda *args: reference(*args),  # a learner's function (it may call anything)
        copied: EXERCISES[copied].solution,  # the book's own
        value: EXERCISES[value].solution,  # the right value: the same object, still passed
    }
    (tmp_path / "answers").mkdir()
    for exercise, answer in answers.items():
        (tmp_path / "answers" / f"{exercise}.pickle").write_bytes(cloudpickle.dumps(answer))
    judge(tmp_path, list(answers))
    lines = [json.loads(line) for line in (tmp_path / "judged.jsonl").read_text().splitlines()]
    verdicts = {line["exercise"]: line for line in lines if "exercise" in line}
    assert [line.get("started") for line in lines[::2]] == list(answers)
    assert verdicts[own]["status"] == "passed"
    assert verdicts[value]["status"] == "passed"
    assert verdicts[copied]["status"] == "failed"
    assert "the book's own descent." in verdicts[copied]["message"]


@pytest.mark.skipif(not Path("/proc/self/cwd").exists(), reason="needs Linux's /proc")
def test_only_the_kernel_running_in_the_notebooks_folder_is_killed(tmp_path):
    ours, elsewhere = tmp_path / "ours", tmp_path / "elsewhere"
    ours.mkdir(), elsewhere.mkdir()
    pid_file = ours / "kernel.pid"
    with subprocess.Popen(["sleep", "60"], cwd=ours, start_new_session=True) as kernel:
        for forged in ["1", str(os.getpid()), "not a number"]:  # rewritten by a learner's code
            pid_file.write_text(forged)
            _kill_kernel(pid_file, ours)
        pid_file.write_text(str(kernel.pid))
        _kill_kernel(pid_file, elsewhere)
        assert kernel.poll() is None  # nothing was killed so far
        _kill_kernel(pid_file, ours)
        assert kernel.wait(timeout=10) == -signal.SIGKILL


# A kernel that dies as it starts, the first ``failures`` times, as one does when another
# process took one of its ports; then a real ipykernel.
FLAKY_KERNEL = """
import pathlib, runpy, sys
starts = pathlib.Path(sys.argv.pop(1))
failures = int(sys.argv.pop(1))
before = len(starts.read_text()) if starts.exists() else 0
starts.write_text("x" * (before + 1))
if before < failures:
    sys.exit("zmq.error.ZMQError: Address already in use")
runpy.run_module("ipykernel_launcher", run_name="__main__")
"""


def flaky_client(folder, monkeypatch, failures):
    (folder / "flaky.py").write_text(FLAKY_KERNEL)
    spec = folder / "kernels" / "flaky"
    spec.mkdir(parents=True)
    launcher = [sys.executable, str(folder / "flaky.py"), str(folder / "starts"), str(failures)]
    argv = [*launcher, "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "flaky", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel))
    monkeypatch.setenv("JUPYTER_PATH", str(folder))
    from nbclient import NotebookClient

    notebook = tiny("print(6 * 7)")
    return notebook, NotebookClient(notebook, kernel_name="flaky")


def starts(folder):
    return len((folder / "starts").read_text())


@pytest.mark.parametrize("failures", [0, 2])
def test_a_kernel_that_dies_as_it_starts_is_started_again(tmp_path, monkeypatch, failures):
    notebook, client = flaky_client(tmp_path, monkeypatch, failures)
    with start_kernel(client, str(tmp_path), attempts=3):
        client.execute_cell(notebook.cells[0], 0)
    assert notebook.cells[0].outputs[0]["text"] == "42\n"
    assert starts(tmp_path) == failures + 1


def test_a_kernel_that_never_starts_fails_after_the_last_attempt(tmp_path, monkeypatch):
    notebook, client = flaky_client(tmp_path, monkeypatch, failures=5)
    with pytest.raises(RuntimeError, match="died"):
        start_kernel(client, str(tmp_path), attempts=3)
    assert starts(tmp_path) == 3


def test_a_kernel_start_needs_at_least_one_attempt():
    with pytest.raises(ValueError, match="attempts must be at least 1, got 0"):
        start_kernel(client=None, cwd=".", attempts=0)


def test_a_notebook_whose_kernel_cannot_start_is_an_error_to_grade_again(tmp_path, monkeypatch):
    def dies(client, cwd):
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(grade, "start_kernel", dies)
    monkeypatch.setenv("JUPYTER_PATH", "")  # execute_and_save puts its kernel first here
    nbformat.write(tiny("x = 1"), tmp_path / "notebook.ipynb")
    (tmp_path / "names.json").write_text("{}")
    execute_and_save(tmp_path, 10)
    outcome = json.loads((tmp_path / "executed.json").read_text())
    assert outcome["status"] == "error"
    assert "could not start a kernel (RuntimeError: Kernel died" in outcome["reason"]
    assert "grade it again" in outcome["reason"]


def test_how_the_notebook_ended_is_kept_when_its_kernel_will_not_shut_down(tmp_path, monkeypatch):
    start = grade.start_kernel

    def fail(*exception):
        raise RuntimeError("zmq went away")

    def stubborn(client, cwd):
        kernel = start(client, cwd)
        kernel.push(fail)  # runs first as the kernel is shut down; the shutdown still happens
        return kernel

    monkeypatch.setattr(grade, "start_kernel", stubborn)
    monkeypatch.setenv("JUPYTER_PATH", "")  # execute_and_save puts its kernel first here
    nbformat.write(tiny("while True:\n    pass"), tmp_path / "notebook.ipynb")
    (tmp_path / "names.json").write_text("{}")
    with pytest.raises(RuntimeError, match="zmq went away"):
        execute_and_save(tmp_path, 3)
    outcome = json.loads((tmp_path / "executed.json").read_text())
    assert outcome["status"] == "timeout" and "cell 1 was running" in outcome["reason"]


def test_make_grade_asks_for_the_submissions_folder(tmp_path):
    make = ["make", "--no-print-directory", "-C", str(ROOT), "-o", ".venv/.installed", "-n"]
    refused = subprocess.run([*make, "grade"], capture_output=True, text=True)
    assert refused.returncode != 0 and "make grade SUBMISSIONS=dir" in refused.stderr
    command = subprocess.run(
        [*make, "grade", f"SUBMISSIONS={tmp_path}", "GRADE_TIMEOUT=7"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f'python -m tools.grade "{tmp_path}" --timeout 7' in command
    with pytest.raises(SystemExit, match="error: SUBMISSIONS must be a folder"):
        main([str(tmp_path / "missing")])


def test_bad_arguments_get_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="folder of learners"):
        grade_class(tmp_path / "missing")
    with pytest.raises(ValueError, match="timeout"):
        grade_class(tmp_path, timeout=0)


def test_only_chapter_notebooks_in_learner_folders_are_graded(tmp_path):
    write(tmp_path, "ana", b"{}")
    write(tmp_path, "ana", b"notes", name="notes.txt")
    write(tmp_path, "ana", b"{}", name="99_unknown.ipynb")
    (tmp_path / "grades.csv").write_text("an earlier run")
    found, skipped = find_submissions(tmp_path, CHAPTER_EXERCISES)
    assert [(learner, chapter) for learner, chapter, _ in found] == [("ana", CHAPTER)]
    assert sorted(path.name for path in skipped) == ["99_unknown.ipynb", "notes.txt"]


def expected(statuses):
    """The rows of one learner: ``statuses`` for the exercises the book checks, else error."""
    given = dict(zip(CHECKED, statuses, strict=True))
    return [given.get(exercise, "error") for exercise in IDS]


def only_first_function(status):
    return expected([status if e == FIRST_FUNCTION else "not attempted" for e in CHECKED])


@pytest.mark.slow
def test_a_class_of_mixed_submissions(tmp_path):
    write(tmp_path, "solved", solved(keep=IDS))
    write(tmp_path, "mixed", wrong(solved(keep=SOLVED), WRONG))
    write(tmp_path, "exits", tiny("import sys\nsys.exit(3)"))
    write(tmp_path, "kills", tiny("import os\nos._exit(1)"))
    write(tmp_path, "raises", tiny("raise RuntimeError('boom on the first cell')"))
    write(tmp_path, "notjson", b'{"cells": [')
    write(tmp_path, "notnotebook", b'{"hello": "world"}')
    write(tmp_path, "binary", bytes(range(256)))
    write(tmp_path, "cheats", cheat())
    solution = f"checks.EXERCISES['{FIRST_FUNCTION}'].solution"
    write(
        tmp_path,
        "copies",
        tiny(f"from descent import checks\n{NAMES[FIRST_FUNCTION]} = {solution}"),
    )
    crash = f"def {NAMES[FIRST_FUNCTION]}(*args):\n    import os\n    os._exit(7)"
    write(tmp_path, "crashes-checker", tiny(crash))
    write(tmp_path, "solved", b"not a chapter", name="notes.txt")
    (tmp_path / "readme.txt").write_text("a file beside the learners' folders")
    before = tree_hash(tmp_path)

    # No notebook here hangs: a generous limit, so that a busy machine causes no timeout.
    grades = grade_class(tmp_path, timeout=300, jobs=2)

    assert tree_hash(tmp_path) == before  # the submissions are untouched
    assert sorted(path.name for path in tmp_path.iterdir() if path.is_file()) == [
        "grades.csv",
        "readme.txt",
    ]
    table, rows = read_grades(tmp_path)
    learners = sorted(path.name for path in tmp_path.iterdir() if path.is_dir())
    assert len(rows) == len(grades) == len(learners) * len(IDS) == len(table)
    assert [row[:3] for row in rows] == [
        [learner, CHAPTER, exercise] for learner in learners for exercise in IDS
    ]

    def statuses(learner):
        return [table[learner, exercise][0] for exercise in IDS]

    def messages(learner):
        return " | ".join(table[learner, exercise][1] for exercise in IDS)

    checked = len(CHECKED)
    assert statuses("solved") == expected(["passed"] * checked), messages("solved")
    mixed = ["passed"] * len(SOLVED) + ["failed"] * len(WRONG) + ["not attempted"] * len(UNTOUCHED)
    assert statuses("mixed") == expected(mixed), messages("mixed")
    assert all(table["mixed", e][1] for e in WRONG)  # the checker's hint
    assert all("not implemented yet" in table["mixed", e][1] for e in UNTOUCHED)
    assert statuses("cheats") == expected(["not attempted"] * checked)  # no ✓ is believed
    for learner, reason in [
        ("exits", "SystemExit"),
        ("kills", "kernel died"),
        ("raises", "boom on the first cell"),
        ("notjson", "not JSON"),
        ("notnotebook", "not a Jupyter notebook"),
        ("binary", "not JSON"),
    ]:
        assert statuses(learner) == ["error"] * len(IDS), learner
        assert all(reason in table[learner, e][1] for e in CHECKED), messages(learner)
    assert statuses("copies") == only_first_function("failed"), messages("copies")
    assert "the book's own" in table["copies", FIRST_FUNCTION][1]
    assert statuses("crashes-checker") == only_first_function("error")
    assert "exit status 7" in table["crashes-checker", FIRST_FUNCTION][1]

    printed = summary(grades)
    first = CHECKED[0]
    passed = sum(table[learner, first][0] == "passed" for learner in learners)
    assert re.search(rf"{CHAPTER} {first} +{passed}/{len(learners)} ", printed)
    assert re.search(
        rf"\n +solved +{checked}/{len(IDS)}(\n|$|  \({len(IDS) - checked} error\))", printed
    )
    others = f"{len(WRONG)} failed, {len(UNTOUCHED)} not attempted"
    assert re.search(rf"\n +mixed +{len(SOLVED)}/{len(IDS)} +\({others}", printed)


@pytest.mark.slow
def test_notebooks_that_hang_time_out_and_the_others_are_graded(tmp_path, capsys):
    write(tmp_path, "loops", tiny("x = 1", "while True:\n    pass"))
    hang = f"def {NAMES[FIRST_FUNCTION]}(*args):\n    while True:\n        pass"
    write(tmp_path, "hangs-checker", tiny(hang))
    write(tmp_path, "empty", tiny())
    before = tree_hash(tmp_path)

    # 10 s: the endless loops use it all, while the empty notebook needs a fraction of it
    # even on a loaded machine (a kernel's start and the imports are not instant there).
    main([str(tmp_path), "--timeout", "10", "--jobs", "2"])

    assert tree_hash(tmp_path) == before
    table, rows = read_grades(tmp_path)
    assert len(rows) == 3 * len(IDS)
    loops = [table["loops", e] for e in IDS]
    assert [status for status, _ in loops] == ["timeout"] * len(IDS), loops[0][1]
    assert all("time limit of 10 s (cell 2 was running)" in table["loops", e][1] for e in IDS)
    assert [table["empty", e][0] for e in IDS] == expected(["not attempted"] * len(CHECKED))
    assert (
        table["empty", FIRST_FUNCTION][1]
        == f"`{NAMES[FIRST_FUNCTION]}` is not defined in the notebook"
    )
    hangs = [table["hangs-checker", e] for e in IDS]
    assert [status for status, _ in hangs] == only_first_function("timeout"), hangs
    output = capsys.readouterr().out
    assert "graded 3 notebooks" in output and "s a notebook" in output
    assert re.search(rf"\n +loops +0/{len(IDS)} +\({len(IDS)} timeout\)\n", output)
