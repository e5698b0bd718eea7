"""Open the book anywhere: the Colab install cell, the Binder environment, the licence.

Colab and Binder themselves cannot be reached from here; what can be checked offline is:
the install cell of every chapter is up to date and installs the package only when it is
missing; a wheel and an sdist of the package build; chapter 1's install cell, imports and
first check run in a fresh environment that has every dependency but `descent`, installing
it from that wheel; and binder/ asks for exactly the versions of requirements.txt.
"""

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import nbformat
import pytest
import yaml

from tools import colab
from tools.student import strip_solutions

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))


def _pins(path):
    return [
        line.strip()
        for line in path.read_text().splitlines()
        if line.strip() and not line.startswith(("#", "-"))
    ]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.stem)
def test_every_chapter_starts_with_the_install_cell(path):
    notebook = nbformat.read(path, as_version=4)
    first_code = next(cell for cell in notebook.cells if cell.cell_type == "code")
    assert first_code.source == colab.install_cell_source()
    assert "remove-cell" in first_code.metadata["tags"]


def test_the_install_source_is_the_repository_of_config_yml_at_this_release():
    url = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    source = colab.package_source()
    assert source.startswith(f"descent @ git+{url}@v")
    assert source.endswith("@v0.1.0")
    # the package's own dependencies are ranges, so installing it never replaces Colab's
    # numpy or torch; exact pins live in requirements.txt only
    pyproject = (ROOT / "pyproject.toml").read_text()
    dependencies = pyproject.split("dependencies = [")[1].split("]")[0]
    assert "==" not in dependencies and "torch" not in dependencies


def test_binder_pins_the_versions_of_requirements_txt_with_the_cpu_build_of_torch():
    book = _pins(ROOT / "requirements.txt")
    binder = _pins(ROOT / "binder" / "requirements.txt")
    torch = next(pin for pin in book if pin.startswith("torch=="))
    assert f"{torch}+cpu" in binder
    assert sorted(pin for pin in binder if pin != f"{torch}+cpu") == sorted(
        pin for pin in book if pin != torch
    )
    text = (ROOT / "binder" / "requirements.txt").read_text()
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in text
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    post_build = ROOT / "binder" / "postBuild"
    assert os.access(post_build, os.X_OK)
    assert "pip install --no-deps" in post_build.read_text()


def test_the_licence_says_which_part_is_under_which_licence():
    summary = (ROOT / "LICENSE").read_text()
    assert "CC BY-SA 4.0" in summary and "MIT" in summary
    assert "Attribution-ShareAlike 4.0 International" in (ROOT / "LICENSE-TEXT").read_text()
    assert "Permission is hereby granted" in (ROOT / "LICENSE-CODE").read_text()
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0"
    assert citation["title"].startswith("Learning by Descent")


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    target = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(target), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return target


def test_the_package_builds_as_a_wheel_and_an_sdist_without_the_maintainer_tools(dist):
    (wheel,) = dist.glob("descent-*.whl")
    assert list(dist.glob("descent-*.tar.gz"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "descent/losses.py" in names and "descent/checks.py" in names
    assert not [name for name in names if name.startswith(("tools/", "descent/tools/"))]


def _environment_without_descent(root: Path) -> Path:
    """A venv that sees every package of the book's venv except `descent` itself."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    ours = Path(sysconfig.get_paths()["purelib"])
    theirs = next((root / "lib").glob("python3.*")) / "site-packages"
    for entry in ours.iterdir():
        if "descent" in entry.name:  # the editable install and its metadata
            continue
        (theirs / entry.name).symlink_to(entry)
    return root / "bin" / "python"


@pytest.mark.slow
def test_chapter_1_starts_where_descent_is_missing_by_installing_the_wheel(dist, tmp_path):
    """Chapter 1's install cell and imports, then its first exercise's stub and check cell as
    a learner gets them, in an environment without `descent` (nbval runs the rest of the
    chapter, which uses nothing of the package that these imports do not load)."""
    (wheel,) = dist.glob("descent-*.whl")
    python = _environment_without_descent(tmp_path / "venv")

    def run_python(code):
        return subprocess.run(
            [python, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
        ).stdout

    assert run_python("import importlib.util; print(importlib.util.find_spec('descent'))") == (
        "None\n"
    )
    learner = strip_solutions(nbformat.read(ROOT / "chapters" / "01_linear_models.ipynb", 4))
    code = [cell for cell in learner.cells if cell.cell_type == "code"]
    check = next(index for index, cell in enumerate(code) if "checks.check(" in cell.source)
    notebook = nbformat.v4.new_notebook(metadata=learner.metadata)
    notebook.cells = [*code[:2], code[check - 1], code[check]]  # set-up, stub, check
    path = tmp_path / "01_linear_models.ipynb"
    nbformat.write(notebook, path)
    environment = {**os.environ, "DESCENT_PACKAGE": str(wheel), "PYTHONPATH": ""}
    run = subprocess.run(
        [python, "-m", "nbconvert", "--to", "notebook", "--execute", "--inplace", str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert str(tmp_path / "venv") in run_python("import descent; print(descent.__file__)")
    executed = nbformat.read(path, as_version=4)
    printed = "".join(
        str(output.get("data", {}).get("text/plain", output.get("text", "")))
        for output in executed.cells[-1].outputs
    )
    assert "not implemented yet" in printed  # the stub of the learner's first exercise
