"""The learner's workspace: chapters added where missing, a learner's edits never lost."""

import datetime
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from tools.student import strip_solutions
from tools.workspace import find_chapter, main, reset_chapter, update_workspace

ROOT = Path(__file__).parent.parent
CHAPTERS = ROOT / "chapters"
FIRST = sorted(CHAPTERS.glob("*.ipynb"))[0]
MAKE = ["make", "--no-print-directory", "-C", str(ROOT), "-o", ".venv/.installed"]


def learner_copy(path):
    return strip_solutions(nbformat.read(path, as_version=4))


def edit(path, text="my answer: 42"):
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(text))
    nbformat.write(notebook, path)
    return path.read_bytes()


@pytest.fixture
def book(tmp_path):
    """A small book: copies of the first chapter under two chapter names."""
    chapters = tmp_path / "chapters"
    chapters.mkdir()
    shutil.copy(FIRST, chapters / "01_one.ipynb")
    shutil.copy(FIRST, chapters / "02_two.ipynb")
    return chapters


def test_workspace_writes_learner_notebooks_without_solutions(book, tmp_path):
    practice = tmp_path / "practice"
    added, kept = update_workspace(book, practice)
    assert (added, kept) == (["01_one.ipynb", "02_two.ipynb"], [])
    written = nbformat.read(practice / "01_one.ipynb", as_version=4)
    assert written == learner_copy(book / "01_one.ipynb")
    assert not any("{solution-start}" in cell.source for cell in written.cells)
    assert not any(cell.get("outputs") for cell in written.cells)


def test_an_edit_survives_workspace_and_a_new_chapter_is_added(book, tmp_path):
    practice = tmp_path / "practice"
    update_workspace(book, practice)
    mine = edit(practice / "01_one.ipynb")
    shutil.copy(FIRST, book / "03_three.ipynb")  # the book gains a chapter
    added, kept = update_workspace(book, practice)
    assert (added, kept) == (["03_three.ipynb"], ["01_one.ipynb", "02_two.ipynb"])
    assert (practice / "01_one.ipynb").read_bytes() == mine
    (practice / "02_two.ipynb").unlink()  # a learner deletes a chapter: it comes back
    assert update_workspace(book, practice)[0] == ["02_two.ipynb"]
    assert (practice / "01_one.ipynb").read_bytes() == mine


def test_reset_keeps_a_timestamped_backup_and_writes_a_fresh_copy(book, tmp_path):
    practice = tmp_path / "practice"
    update_workspace(book, practice)
    mine = edit(practice / "02_two.ipynb")
    other = edit(practice / "01_one.ipynb", "untouched by the reset")
    now = datetime.datetime(2026, 3, 4, 5, 6, 7)
    backup, fresh = reset_chapter(book, practice, "02", now=now)
    assert backup == practice / "backup" / "02_two.20260304-050607.ipynb"
    assert backup.read_bytes() == mine
    assert fresh == practice / "02_two.ipynb"
    assert nbformat.read(fresh, as_version=4) == learner_copy(book / "02_two.ipynb")
    assert (practice / "01_one.ipynb").read_bytes() == other
    # A second reset in the same second keeps both backups.
    second_edit = edit(fresh, "second try")
    second, _ = reset_chapter(book, practice, "2", now=now)
    assert second == practice / "backup" / "02_two.20260304-050607-1.ipynb"
    assert second.read_bytes() == second_edit and backup.read_bytes() == mine


def test_reset_of_a_chapter_never_copied_just_writes_it(book, tmp_path):
    backup, fresh = reset_chapter(book, tmp_path / "practice", "01_one")
    assert backup is None and fresh.exists()


@pytest.mark.parametrize("chapter", ["99", "", "three", "0"])
def test_reset_refuses_an_unknown_chapter_and_names_the_known_ones(book, chapter):
    with pytest.raises(ValueError, match="01_one, 02_two"):
        find_chapter(book, chapter)


def test_command_line_says_what_it_added_and_kept(book, tmp_path, capsys):
    practice = tmp_path / "practice"
    main([str(book), str(practice)])
    assert "added: 01_one.ipynb, 02_two.ipynb" in capsys.readouterr().out
    main([str(book), str(practice)])
    output = capsys.readouterr().out
    assert "added: nothing" in output and "kept:  01_one.ipynb, 02_two.ipynb" in output
    with pytest.raises(SystemExit, match="CHAPTER=03"):
        main([str(book), str(practice), "--reset", ""])


def test_make_workspace_and_reset_on_the_real_book(tmp_path):
    practice = tmp_path / "practice"
    run = [*MAKE, f"PRACTICE={practice}"]
    first = subprocess.run([*run, "workspace"], capture_output=True, text=True, check=True)
    assert f"added: {FIRST.name}" in first.stdout
    mine = edit(practice / FIRST.name)
    again = subprocess.run([*run, "workspace"], capture_output=True, text=True, check=True)
    assert "added: nothing" in again.stdout and FIRST.name in again.stdout
    assert (practice / FIRST.name).read_bytes() == mine
    number = FIRST.name[:2]
    subprocess.run([*run, "practice-reset", f"CHAPTER={number}"], check=True, capture_output=True)
    (backup,) = (practice / "backup").iterdir()
    assert backup.name.startswith(FIRST.stem + ".") and backup.read_bytes() == mine
    assert nbformat.read(practice / FIRST.name, as_version=4) == learner_copy(FIRST)


def test_no_other_make_target_touches_practice():
    """Dry runs (nothing executed): only workspace, practice and practice-reset name it."""
    sentinel = "/nonexistent/the-learners-practice-folder"
    for target in ["book", "test", "lab", "student", "bench", "clean", "grade", "assets"]:
        commands = subprocess.run(
            [*MAKE, "-n", target, f"PRACTICE={sentinel}", "SUBMISSIONS=/tmp/class"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert commands.strip(), target
        assert sentinel not in commands and "practice" not in commands, target
    for target in ["workspace", "practice", "practice-reset"]:
        commands = subprocess.run(
            [*MAKE, "-n", target, f"PRACTICE={sentinel}"], capture_output=True, text=True
        ).stdout
        assert sentinel in commands, target
        assert "rm " not in commands, target


def test_make_clean_removes_the_build_and_keeps_practice(tmp_path):
    """The real `make clean`, run on a copy of the Makefile beside a build and a workspace."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "_build" / "student").mkdir(parents=True)
    (tmp_path / "practice" / "backup").mkdir(parents=True)
    mine = tmp_path / "practice" / "01_linear_models.ipynb"
    mine.write_text("my answers")
    (tmp_path / "practice" / "backup" / "01_linear_models.1.ipynb").write_text("older answers")
    subprocess.run(["make", "--no-print-directory", "-C", str(tmp_path), "clean"], check=True)
    assert not (tmp_path / "_build").exists()
    assert mine.read_text() == "my answers"
    assert (tmp_path / "practice" / "backup" / "01_linear_models.1.ipynb").exists()


def test_the_book_and_the_linter_leave_practice_alone():
    config = (ROOT / "_config.yml").read_text()
    assert "only_build_toc_files: true" in config  # the site builds the table of contents only
    assert "practice" not in (ROOT / "_toc.yml").read_text()
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"practice"]' in pyproject  # neither ruff nor pytest read a learner's notebooks
    assert "practice/" in (ROOT / ".gitignore").read_text().splitlines()
