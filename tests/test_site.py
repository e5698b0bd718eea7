"""The built site (make book / make test build it first): pages, exercises, solutions."""

import re
from pathlib import Path

import pytest

HTML = Path(__file__).parent.parent / "_build" / "html"
CHAPTERS = sorted((Path(__file__).parent.parent / "chapters").glob("*.ipynb"))


@pytest.fixture(scope="module")
def site():
    if not (HTML / "index.html").exists():
        pytest.fail("the site is not built: run `make book` (make test builds it first)")
    return HTML


def text_of(page: Path) -> str:
    return re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))


def test_landing_page_explains_read_run_practise(site):
    text = text_of(site / "intro.html")
    for word in ("Read", "Run", "Practise", "make book", "make test"):
        assert word in text


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda path: path.name)
def test_chapter_page_has_exercises_with_dropdown_solutions(site, path):
    page = (site / "chapters" / f"{path.stem}.html").read_text(encoding="utf-8")
    assert page.count('class="exercise admonition"') >= 3
    assert page.count('class="solution dropdown admonition"') >= 3
    assert "Traceback" not in page and "output error" not in page
    assert "<img" in page  # figures made it


def test_every_chapter_is_in_the_table_of_contents(site):
    index = (site / "intro.html").read_text(encoding="utf-8")
    for path in CHAPTERS:
        assert f"chapters/{path.stem}.html" in index
