"""A reader of the site downloads a chapter's learner notebook, as a person would: in Chromium,
from the page's download menu, on the site served over local http (as GitHub Pages serves
it), with every request to another host refused."""

import json
from pathlib import Path

import nbformat
import pytest
from conftest import refuse_other_hosts

# Reads the built site: `make test` runs it after the site build (see the Makefile).
pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
CHAPTERS = sorted(path.stem for path in (ROOT / "chapters").glob("*.ipynb"))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_page_links_its_learner_notebook(chapter):
    page = (HTML / "chapters" / f"{chapter}.html").read_text()
    assert f'href="../learner/{chapter}.ipynb"' in page
    learner = nbformat.read(HTML / "learner" / f"{chapter}.ipynb", as_version=4)
    nbformat.validate(learner)
    text = json.dumps(learner)
    assert "solution-start" not in text
    assert all(cell.get("outputs", []) == [] for cell in learner.cells)


def test_a_reader_downloads_the_learner_notebook_from_the_page(chromium, site, tmp_path):
    chapter = CHAPTERS[0]
    page = chromium.new_page(accept_downloads=True)
    refused = refuse_other_hosts(page, site)
    page.goto(f"{site}/chapters/{chapter}.html", wait_until="load")
    page.get_by_role("button", name="Download this page").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="learner .ipynb").click()
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    page.close()
    assert target.name == f"{chapter}.ipynb"
    notebook = nbformat.read(target, as_version=4)
    nbformat.validate(notebook)
    sources = "\n".join(cell.source for cell in notebook.cells)
    assert "{solution-start}" not in sources and "{exercise}" in sources
    assert "NotImplementedError" in sources
    assert refused == []
