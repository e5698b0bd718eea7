"""The built site (make book / make test build it first): pages, exercises, solutions."""

import re
from pathlib import Path

import pytest

# Reads the built site: `make test` runs it after the site build (see the Makefile).
pytestmark = pytest.mark.site

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


EXTERNAL_ASSET = re.compile(
    r"<script[^>]*\ssrc=\"(https?:)?//|<link[^>]*rel=\"stylesheet\"[^>]*href=\"(https?:)?//"
)


def test_no_page_loads_an_external_script_or_stylesheet(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= len(CHAPTERS) + 3
    offenders = [
        page.relative_to(site).as_posix()
        for page in pages
        if EXTERNAL_ASSET.search(page.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_mathjax_is_served_with_the_site(site):
    assert (site / "_static" / "mathjax" / "tex-mml-chtml.js").stat().st_size > 100_000
    assert (site / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").is_dir()


def test_glossary_gives_chinese_names_and_chapters_link_to_it(site):
    glossary = text_of(site / "glossary.html")
    for term in (
        "梯度",
        "损失函数",
        "均方误差",
        "平均绝对误差",
        "熵",
        "交叉熵",
        "相对熵",
        "学习率",
        "独热编码",
        "归一化指数函数",
    ):
        assert term in glossary
    for path in CHAPTERS:
        page = (site / "chapters" / f"{path.stem}.html").read_text(encoding="utf-8")
        assert 'href="../glossary.html#term-' in page, f"{path.name} links no glossary term"


def test_references_and_launch_buttons(site):
    assert "Elements of Information Theory" in text_of(site / "references.html")
    chapter = (site / "chapters" / f"{CHAPTERS[0].stem}.html").read_text(encoding="utf-8")
    assert "mybinder.org/v2/gh/" in chapter and "colab.research.google.com/github/" in chapter
    assert f"_sources/chapters/{CHAPTERS[0].name}" in chapter  # download the notebook
