"""The PDF of the whole book (`make pdf`, which `make test` runs after the site build).

Checked in its text layer: every chapter is there under its title, the Chinese terms are
characters (a machine without a CJK font would print empty boxes, which have no text), the
maths was rendered (no raw `$$` left), and the solutions print with their exercises. The text
is read with poppler's pdftotext where it is installed (.ci/run installs poppler-utils), else
with pypdf.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tools import pdf

# Reads the built site: `make test` runs it after the site build (see the Makefile).
pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "_build" / "pdf" / "book.pdf"


def _title(notebook):
    cells = json.loads(notebook.read_text())["cells"]
    first = "".join(cells[0]["source"]) if cells else ""
    return first.splitlines()[0].lstrip("# ").strip()


@pytest.fixture(scope="module")
def text():
    if not BOOK.exists():
        message = "no PDF: run `make pdf` (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    reader = PdfReader(BOOK)
    if shutil.which("pdftotext"):  # poppler's, in C: a second, where pypdf takes twenty
        command = ["pdftotext", "-enc", "UTF-8", str(BOOK), "-"]
        text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    else:
        text = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())  # a title may wrap onto two lines


def test_the_pdf_has_every_chapter_under_its_title(text):
    pages, body = text
    chapters = sorted((ROOT / "chapters").glob("*.ipynb"))
    assert pages >= 10 * len(chapters)
    for notebook in chapters:
        assert _title(notebook) in body, notebook.name


def test_chinese_terms_print_as_characters(text):
    _, body = text
    for term in ("梯度下降", "损失函数", "交叉熵"):
        assert term in body


def test_maths_is_rendered_not_raw_tex(text):
    _, body = text
    assert "$$" not in body
    assert "\\begin{" not in body


def test_solutions_print_with_their_exercises(text):
    _, body = text
    assert body.count("Solution to Exercise") >= 5 * len(list((ROOT / "chapters").glob("*.ipynb")))


def test_the_pages_come_in_the_order_of_the_table_of_contents():
    order = pdf.pages_in_order()
    assert order[0] == "intro"
    chapters = [page for page in order if page.startswith("chapters/")]
    assert chapters == sorted(chapters) and len(chapters) == 6
