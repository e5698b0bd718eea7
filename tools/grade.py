"""Grade a class: run each learner's notebooks and judge every exercise from the grader's side.

``SUBMISSIONS`` holds one folder per learner, each with any of the chapter notebooks under
their book names, e.g. ``SUBMISSIONS/ana/03_gradient_descent.ipynb``. For each notebook:

1. it is copied into a fresh temporary folder and executed there, in a fresh kernel, with a
   time limit (``--timeout``, default ``GRADE_TIMEOUT`` or 120 s, for all its cells); a cell
   that raises does not stop the cells after it;
2. the grader then runs one more cell in that kernel, which saves (with cloudpickle) the
   object each exercise's check cell names in the *book's* notebook, e.g. ``mse`` for
   ``checks.check("linear-mse", mse)``;
3. a separate, fresh grader process loads those objects and calls the book's checker,
   ``descent.checks.EXERCISES[id].check(answer)``, on each, with the same time limit.

Nothing the notebook printed is read, so a notebook that redefines ``checks.check``, deletes
its check cells or pastes a ✓ output gains nothing. Statuses:

* ``passed``: the book's checker accepts the answer;
* ``failed``: it rejects it (the message is the checker's hint), or the answer is the book's
  own function (``descent...``) rather than the learner's;
* ``not attempted``: the stub is untouched, or the name is not defined at all;
* ``error``: the notebook is not valid JSON or not a notebook, its kernel died (``os._exit``,
  out of memory), the answer could not be saved or loaded, or the name is missing after a
  cell raised (the message quotes that cell's error); or, rarely, no kernel would start, even
  after ``KERNEL_ATTEMPTS`` tries (the message says so, and to grade that notebook again);
* ``timeout``: the notebook, or the checker calling the learner's function, ran out of time.

The grades go to ``SUBMISSIONS/grades.csv`` (the only file written there) with the columns
``learner,chapter,exercise,status,message``, one row for each learner, submitted chapter and
exercise of that chapter; a summary is printed. Notebooks run in parallel, one kernel a core.

This is not a sandbox: a learner's code runs with your user's rights, can read and write your
files and reach the network; see the README.

Usage: ``python -m tools.grade SUBMISSIONS [--timeout 120] [--jobs N]`` (``make grade``).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

BOOK = Path(__file__).resolve().parent.parent / "chapters"
COLUMNS = ("learner", "chapter", "exercise", "status", "message")
STATUSES = ("passed", "failed", "not attempted", "error", "timeout")
GRADES = "grades.csv"
DEFAULT_TIMEOUT = 120.0
# Time allowed, beyond the notebook's own limit, to start its kernel and save the answers.
KERNEL_START_S = 120.0
# Starts tried, within KERNEL_START_S, when a kernel dies as it starts (see start_kernel).
KERNEL_ATTEMPTS = 3
SAVE_S = 60.0
# Time allowed to the grader's checking process to start (import descent, PyTorch).
JUDGE_START_S = 120.0
# A check cell of the book: checks.check("<exercise id>", <bare name>).
CHECK_CELL = re.compile(r"""^\s*checks\.check\(\s*["']([\w-]+)["']\s*,\s*([A-Za-z_]\w*)\s*\)\s*$""")


@dataclass(frozen=True)
class Grade:
    """One row of grades.csv."""

    learner: str
    chapter: str
    exercise: str
    status: str
    message: str


def answer_names(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """Map each exercise id to the name its check cell passes, in the book's ``notebook``."""
    names = {}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            match = CHECK_CELL.match(cell.source)
            if match:
                names[match.group(1)] = match.group(2)
    return names


def book_answer_names(book: Path, chapter: str, exercise_ids: list[str]) -> dict[str, str | None]:
    """The answer name of each exercise of ``chapter``, read from the book's notebook.

    An exercise without a check cell ``checks.check("<id>", <name>)`` in the book (a book
    being edited) gets None, and an ``error`` row for every learner.
    """
    names = answer_names(nbformat.read(book / f"{chapter}.ipynb", as_version=4))
    return {exercise: names.get(exercise) for exercise in exercise_ids}


def _one_line(text: str, limit: int = 500) -> str:
    line = " ".join(part.strip() for part in str(text).splitlines() if part.strip())
    return line if len(line) <= limit else line[: limit - 1] + "…"


# --- Step 1 and 2, in a subprocess: execute the notebook, save the answers -------------------

_SAVE_ANSWERS = """
def _grader_save_answers(names, folder):
    import json, os, cloudpickle, IPython
    namespace = IPython.get_ipython().user_ns
    saved = {}
    for exercise, name in names.items():
        if name not in namespace:
            saved[exercise] = "missing"
            continue
        try:
            data = cloudpickle.dumps(namespace[name])
        except BaseException as error:
            saved[exercise] = f"could not be saved: {type(error).__name__}: {error}"
            continue
        with open(os.path.join(folder, exercise + ".pickle"), "wb") as file:
            file.write(data)
        saved[exercise] = "saved"
    with open(os.path.join(folder, "saved.json"), "w") as file:
        json.dump(saved, file)
"""


def _errors(notebook: nbformat.NotebookNode) -> list[list]:
    """Each error a cell raised: [cell number (from 1), exception name, message]."""
    return [
        [index + 1, output.get("ename", ""), _one_line(output.get("evalue", ""), 200)]
        for index, cell in enumerate(notebook.cells)
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]


def _why_missing(name: str, errors: list[list]) -> str | None:
    """The first error that may explain why ``name`` is not defined, or None if none does.

    A check cell failing on a wrong answer (CheckFailed), or on this very name being
    undefined (the stub deleted), does not: that name is simply not attempted.
    """
    for cell, ename, evalue in errors:
        if ename != "CheckFailed" and not (ename == "NameError" and f"'{name}'" in evalue):
            return f"cell {cell} raised {ename}: {evalue}"
    return None


def quiet_output_widgets() -> None:
    """Keep nbclient from sending an Output widget's outputs back to the kernel.

    Run headless, nbclient stands in for the browser: when a cell's output goes into an
    ipywidgets Output widget (an explorer draws its figure into one), it sends the kernel the
    widget's new state on the shell channel, the channel on which it is waiting for that very
    cell's reply. Measured here on a loaded machine, a notebook of 15 explorer cells took 65 s
    with the echo (about 4 s more per explorer cell: nbclient's time limit for a cell's last
    output) and 5 s without; and now and then the reply was never noticed and the run hung
    until its time limit (seen in the grader and the Colab test; cf. jupyter/nbclient#312).
    The echo only keeps the kernel's copy of the widget in step, which nothing headless
    reads: the executed notebook records the outputs from nbclient's own copy.
    """
    from nbclient.output_widget import OutputWidget

    OutputWidget.sync_state = lambda self: None


def start_kernel(
    client, cwd: str, within: float = KERNEL_START_S, attempts: int = KERNEL_ATTEMPTS
) -> contextlib.ExitStack:
    """Start ``client``'s kernel in ``cwd``; return what shuts it down (use it in a ``with``).

    A kernel's ports are chosen free by the grader and bound by the kernel a second later;
    when another process takes one of them in between (two kernels starting at once, say),
    the kernel dies before it has run a line (cf. jupyter/jupyter_client#487). That is not
    the learner's doing, so a start that fails is tried again with fresh ports, up to
    ``attempts`` times within ``within`` seconds in all; then the last failure is raised.
    """
    if attempts < 1:
        raise ValueError(f"attempts must be at least 1, got {attempts!r}")
    deadline = time.monotonic() + within
    for attempt in range(1, attempts + 1):
        client.startup_timeout = max(int(deadline - time.monotonic()), 1)
        kernel = contextlib.ExitStack()
        try:
            kernel.enter_context(client.setup_kernel(cwd=cwd))
            return kernel
        except Exception:
            if attempt == attempts or time.monotonic() >= deadline:
                raise
            if client.km is not None and not client.km.has_kernel:
                client.km = None  # its kernel never launched: the next start picks new ports
    raise AssertionError("unreachable: the last attempt returns or raises")


def execute_and_save(work: Path, timeout: float) -> None:
    """Execute ``work/notebook.ipynb`` in a fresh kernel, save its answers into ``work``.

    Reads ``work/names.json`` (exercise id -> answer name); writes ``work/answers/<id>.pickle``,
    ``work/answers/saved.json`` and ``work/executed.json`` (how the execution ended).
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    quiet_output_widgets()
    notebook = nbformat.read(work / "notebook.ipynb", as_version=4)
    names = json.loads((work / "names.json").read_text())
    answers = work / "answers"
    answers.mkdir()
    deadline: list[float] = []

    def remaining(cell: nbformat.NotebookNode) -> float:
        return max(deadline[0] - time.monotonic(), 0.1)

    # The kernel is this Python (the book's venv), whatever kernel the submission names and
    # whatever "python3" kernel the user has installed elsewhere: JUPYTER_PATH comes first.
    spec = work / "jupyter" / "kernels" / "grader-python"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel_json = {"argv": argv, "display_name": "Python (grader)", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel_json))
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(work / "jupyter"), os.environ.get("JUPYTER_PATH")])
    )
    client = NotebookClient(
        notebook,
        kernel_name="grader-python",
        allow_errors=True,
        timeout_func=remaining,
        resources={"metadata": {"path": str(work)}},
    )
    outcome = {"status": "ok", "reason": None}
    try:
        kernel = start_kernel(client, str(work))
    except Exception as error:
        outcome = {
            "status": "error",
            "reason": f"the grader could not start a kernel ({type(error).__name__}: {error}); "
            "the notebook did not run, so grade it again",
        }
        (work / "executed.json").write_text(json.dumps(outcome))
        return
    with kernel:
        process = getattr(client.km.provisioner, "process", None)
        if process is not None:  # for the parent, should this process itself be killed
            (work / "kernel.pid").write_text(str(process.pid))
        deadline.append(time.monotonic() + timeout)
        running = "the grader's cell that saves the answers"
        try:
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type == "code":
                    running = f"cell {index + 1}"
                    client.execute_cell(cell, index)
            outcome["errors"] = _errors(notebook)
            running = "the grader's cell that saves the answers"
            call = f"_grader_save_answers({names!r}, {str(answers)!r})\ndel _grader_save_answers"
            source = _SAVE_ANSWERS + call
            notebook.cells.append(nbformat.v4.new_code_cell(source))
            deadline[0] = time.monotonic() + SAVE_S
            client.execute_cell(notebook.cells[-1], len(notebook.cells) - 1)
            if not (answers / "saved.json").exists():
                failure = _errors(nbformat.v4.new_notebook(cells=[notebook.cells[-1]]))
                outcome = {
                    "status": "error",
                    "reason": "the grader could not take the answers from the kernel"
                    + (f": {failure[0][1]}: {failure[0][2]}" if failure else ""),
                }
        except CellTimeoutError:
            outcome = {
                "status": "timeout",
                "reason": f"the notebook did not finish within the time limit of {timeout:g} s "
                f"({running} was running)",
            }
        except DeadKernelError:
            outcome = {
                "status": "error",
                "reason": f"the kernel died while running {running} (sys.exit in a thread? "
                "os._exit? out of memory?)",
            }
        # Written before the kernel is shut down, so that a shutdown that fails loses nothing.
        (work / "executed.json").write_text(json.dumps(outcome))


# --- Step 3, in a fresh subprocess: the book's checker judges each answer -------------------


def judge(work: Path, exercise_ids: list[str]) -> None:
    """Load each saved answer and run the book's checker on it; append to ``work/judged.jsonl``.

    One line is written (and flushed) per exercise, so that when a learner's function hangs or
    kills this process, the parent knows which exercise did it.
    """
    import inspect

    import cloudpickle

    from descent.checks import EXERCISES, CheckFailed

    with open(work / "judged.jsonl", "a", encoding="utf-8") as results:
        for exercise_id in exercise_ids:
            results.write(json.dumps({"started": exercise_id}) + "\n")
            results.flush()
            exercise = EXERCISES[exercise_id]
            try:
                answer = cloudpickle.loads(
                    (work / "answers" / f"{exercise_id}.pickle").read_bytes()
                )
            except BaseException as error:
                status, message = "error", f"the answer could not be loaded: {error!r}"
            else:
                # A function of the book's own package (the reference solution, or the helper
                # it is), not the learner's. Values are not compared by identity: 3 is 3.
                module = getattr(answer, "__module__", None) or ""
                if inspect.isroutine(answer) and module.split(".")[0] == "descent":
                    status = "failed"
                    message = (
                        f"your answer is the book's own {module}.{answer.__qualname__}: "
                        "write your own"
                    )
                else:
                    try:
                        report = exercise.check(answer)
                    except CheckFailed as failure:
                        status, message = "failed", str(failure)
                    except BaseException as error:
                        status = "error"
                        message = f"checking the answer raised {type(error).__name__}: {error}"
                    else:
                        status = "passed" if report.passed else "not attempted"
                        message = report.message
            record = {"exercise": exercise_id, "status": status, "message": _one_line(message)}
            results.write(json.dumps(record) + "\n")
            results.flush()


# --- The parent: one notebook -----------------------------------------------------------------


def _run(
    step: list[str], work: Path, limit: float, progress: Path | None = None, step_limit: float = 0
) -> tuple[int | None, str]:
    """Run this file's ``step`` in a subprocess in ``work``; None as the code if out of time.

    The step has ``limit`` seconds; with ``progress``, each line it appends to that file
    (an exercise started) gives it ``step_limit`` seconds from then instead.
    """
    # -I: neither the working folder (the learner's files) nor PYTHONPATH is on sys.path.
    command = [sys.executable, "-I", str(Path(__file__).resolve()), *step]
    with (
        tempfile.TemporaryFile() as stderr,
        subprocess.Popen(
            command,
            cwd=work,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,  # so that killing it kills what it started
        ) as process,
    ):
        deadline, lines = time.monotonic() + limit, 0
        while process.poll() is None:
            if progress is not None and progress.exists():
                count = progress.read_bytes().count(b"\n")
                if count != lines:
                    deadline, lines = time.monotonic() + step_limit, count
            if time.monotonic() > deadline:
                _kill_group(process.pid)
                process.wait()
                return None, ""
            time.sleep(0.05)
        stderr.seek(max(stderr.seek(0, os.SEEK_END) - 4096, 0))  # the end says why it stopped
        return process.returncode, stderr.read().decode(errors="replace")


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _kill_kernel(pid_file: Path, work: Path) -> None:
    """Kill the kernel whose pid ``pid_file`` holds, if it is still the one running in ``work``.

    The file is in the kernel's own folder, so the learner's code could have rewritten it:
    only a process-group leader whose working folder is ``work`` is killed (Linux's /proc;
    elsewhere nothing is, and a kernel whose step was killed may outlive it).
    """
    try:
        pid = int(pid_file.read_text())
        if Path(f"/proc/{pid}/cwd").resolve() == work.resolve() and os.getpgid(pid) == pid:
            _kill_group(pid)
    except (OSError, ValueError):
        pass


def _judge_all(work: Path, exercise_ids: list[str], timeout: float) -> dict[str, tuple[str, str]]:
    """Judge every saved answer; a hang or a crash costs only the exercise that caused it."""
    verdicts: dict[str, tuple[str, str]] = {}
    todo = list(exercise_ids)
    while todo:
        (work / "judged.jsonl").unlink(missing_ok=True)
        code, stderr = _run(
            ["judge", str(work), *todo], work, JUDGE_START_S, work / "judged.jsonl", timeout
        )
        started = None
        path = work / "judged.jsonl"
        for line in path.read_text().splitlines() if path.exists() else []:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if "started" in record:
                started = record["started"]
            elif record.get("exercise") in todo:
                verdicts[record["exercise"]] = (record["status"], record["message"])
                started = None
        todo = [exercise for exercise in todo if exercise not in verdicts]
        if not todo:
            break
        culprit = started if started in todo else todo[0]
        if code is None:
            verdicts[culprit] = (
                "timeout",
                f"checking the answer took longer than the time limit of {timeout:g} s "
                "(an endless loop in your function?)",
            )
        else:
            last = _one_line(stderr.strip().splitlines()[-1]) if stderr.strip() else ""
            verdicts[culprit] = (
                "error",
                f"the grader's process stopped (exit status {code}) while checking the answer"
                + (f": {last}" if last else ""),
            )
        todo.remove(culprit)
    return verdicts


NO_CHECK_CELL = (
    'not graded: the book\'s notebook has no check cell `checks.check("<id>", <name>)` for '
    "this exercise, from which the grader reads the answer's name"
)


def grade_notebook(
    path: Path, learner: str, chapter: str, names: dict[str, str | None], timeout: float
) -> list[Grade]:
    """Grade one submitted notebook: a row for each exercise of its chapter."""
    exercise_ids = list(names)

    def every(status: str, message: str) -> list[Grade]:
        return [Grade(learner, chapter, e, status, _one_line(message)) for e in exercise_ids]

    raw = path.read_bytes()
    try:
        content = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return every("error", f"not a valid notebook file (not JSON: {error})")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            notebook = nbformat.reads(json.dumps(content), as_version=4)
        if not isinstance(notebook.get("cells"), list):
            raise ValueError("it has no list of cells")
    except Exception as error:
        return every("error", f"not a Jupyter notebook: {type(error).__name__}: {error}")

    work = Path(tempfile.mkdtemp(prefix=f"grade-{learner}-{chapter}-"))
    try:
        nbformat.write(notebook, work / "notebook.ipynb")
        named = {exercise: name for exercise, name in names.items() if name is not None}
        (work / "names.json").write_text(json.dumps(named))
        limit = KERNEL_START_S + timeout + SAVE_S
        code, stderr = _run(["execute", str(work), str(timeout)], work, limit)
        executed = work / "executed.json"
        pid = work / "kernel.pid"
        if code != 0 or not executed.exists():
            _kill_kernel(pid, work)  # a kernel left behind by a killed step
        if code is None:
            return every("timeout", f"the notebook did not finish within {limit:g} s")
        if not executed.exists():
            last = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit status {code}"
            return every("error", f"the notebook could not be executed: {last}")
        outcome = json.loads(executed.read_text())
        if outcome["status"] != "ok":
            return every(outcome["status"], outcome["reason"])
        saved = json.loads((work / "answers" / "saved.json").read_text())
        verdicts = _judge_all(work, [e for e in exercise_ids if saved.get(e) == "saved"], timeout)
        grades = []
        for exercise, name in names.items():
            state = saved.get(exercise, "missing")
            if name is None:
                status, message = "error", NO_CHECK_CELL
            elif exercise in verdicts:
                status, message = verdicts[exercise]
            elif state == "missing" and _why_missing(name, outcome["errors"]):
                status = "error"
                message = f"`{name}` is not defined; {_why_missing(name, outcome['errors'])}"
            elif state == "missing":
                status, message = "not attempted", f"`{name}` is not defined in the notebook"
            else:
                status, message = "error", f"`{name}` {state}"
            grades.append(Grade(learner, chapter, exercise, status, _one_line(message)))
        return grades
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _grade_safely(
    path: Path, learner: str, chapter: str, names: dict[str, str | None], timeout: float
) -> list[Grade]:
    """:func:`grade_notebook`, where a failure of the grader itself becomes ``error`` rows."""
    try:
        return grade_notebook(path, learner, chapter, names, timeout)
    except Exception as error:
        message = _one_line(f"the grader failed on this notebook: {type(error).__name__}: {error}")
        return [Grade(learner, chapter, exercise, "error", message) for exercise in names]


# --- The parent: a class ----------------------------------------------------------------------


def find_submissions(
    submissions: Path, chapters: dict[str, list[str]]
) -> tuple[list[tuple[str, str, Path]], list[Path]]:
    """The (learner, chapter, path) of each submitted chapter notebook, and the files skipped.

    Raises
    ------
    ValueError
        If ``submissions`` is not a folder.
    """
    if not submissions.is_dir():
        raise ValueError(f"SUBMISSIONS must be a folder of learners' folders, got {submissions}")
    found, skipped = [], []
    for folder in sorted(submissions.iterdir()):
        if folder.name.startswith(".") or not folder.is_dir():
            if folder.name != GRADES and not folder.name.startswith("."):
                skipped.append(folder)
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix == ".ipynb" and path.stem in chapters and path.is_file():
                found.append((folder.name, path.stem, path))
            elif not path.name.startswith("."):
                skipped.append(path)
    return found, skipped


def grade_class(
    submissions: Path,
    timeout: float = DEFAULT_TIMEOUT,
    jobs: int | None = None,
    book: Path = BOOK,
) -> list[Grade]:
    """Grade every submission in ``submissions`` and write ``submissions/grades.csv``.

    Raises
    ------
    ValueError
        If ``submissions`` is not a folder, or ``timeout`` or ``jobs`` is not positive.
    """
    from descent.checks import CHAPTER_EXERCISES

    if not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    jobs = jobs or os.cpu_count() or 1
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    found, skipped = find_submissions(submissions, CHAPTER_EXERCISES)
    for path in skipped:
        print(f"skipped {path.relative_to(submissions)}: not a chapter notebook of the book")
    names = {
        chapter: book_answer_names(book, chapter, CHAPTER_EXERCISES[chapter])
        for chapter in sorted({chapter for _, chapter, _ in found})
    }
    for chapter, chapter_names in names.items():
        for exercise in (exercise for exercise, name in chapter_names.items() if name is None):
            print(f"warning: the book's {chapter}.ipynb has no check cell for {exercise}")
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [
            pool.submit(_grade_safely, path, learner, chapter, names[chapter], timeout)
            for learner, chapter, path in found
        ]
        grades = [grade for future in futures for grade in future.result()]
    with open(submissions / GRADES, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        writer.writerows([getattr(grade, column) for column in COLUMNS] for grade in grades)
    return grades


def summary(grades: list[Grade]) -> str:
    """For each exercise, how many passed; for each learner, the total."""
    by_exercise: dict[str, Counter] = defaultdict(Counter)
    by_learner: dict[str, Counter] = defaultdict(Counter)
    for grade in grades:
        by_exercise[f"{grade.chapter} {grade.exercise}"][grade.status] += 1
        by_learner[grade.learner][grade.status] += 1
    lines = []
    for title, table in [("exercise", by_exercise), ("learner", dict(sorted(by_learner.items())))]:
        lines.append(f"passed, by {title}:")
        width = max((len(key) for key in table), default=0)
        for key, counts in table.items():
            others = ", ".join(f"{counts[s]} {s}" for s in STATUSES[1:] if counts[s])
            line = f"  {key:<{width}}  {counts['passed']}/{counts.total()}"
            lines.append(f"{line}  ({others})" if others else line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["execute"]:  # the grader's own subprocesses
        execute_and_save(Path(argv[1]), float(argv[2]))
        return
    if argv[:1] == ["judge"]:
        judge(Path(argv[1]), argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", type=Path, help="a folder of learners' folders")
    parser.add_argument(
        "--timeout",
        type=float,
        default=float(os.environ.get("GRADE_TIMEOUT", DEFAULT_TIMEOUT)),
        help="seconds each notebook may run, and its checks (default: GRADE_TIMEOUT or 120)",
    )
    parser.add_argument(
        "--jobs", type=int, default=None, help="notebooks graded at once (default: the cores)"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        grades = grade_class(args.submissions, args.timeout, args.jobs)
    except ValueError as error:
        sys.exit(f"error: {error}")
    seconds = time.perf_counter() - start
    notebooks = len({(grade.learner, grade.chapter) for grade in grades})
    print(summary(grades))
    jobs = args.jobs or os.cpu_count()
    per = f", {seconds / notebooks:.1f} s a notebook" if notebooks else ""
    print(f"graded {notebooks} notebooks in {seconds:.0f} s with {jobs} at once{per}")
    print(f"wrote {args.submissions / GRADES}")


if __name__ == "__main__":
    main()
