"""Every page of the built site in a real browser (Debian's headless Chromium, via Playwright).

The pages are opened from disk (file://) with every network request refused, which is how a
reader sees a copy of the site on a machine with no network. On each page: no request leaves
the machine, no JavaScript error, math rendered by the vendored MathJax (no raw TeX left),
every image loads, every internal link resolves; dropdown solutions open on click and the
precomputed explorers change picture when a slider moves.

Needs `chromium` on the PATH (`apt-get install chromium`); skipped without it, except in CI
(CI=true), where `.ci/run` installs it and a missing browser fails the run.
"""

from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest

# Reads the built site: `make test` runs it after the site build (see the Makefile).
pytestmark = pytest.mark.site

playwright = pytest.importorskip("playwright.sync_api")

HTML = Path(__file__).parent.parent / "_build" / "html"
CHAPTERS = Path(__file__).parent.parent / "chapters"
# index.html only redirects to intro.html (tested below); every other page is visited.
PAGES = sorted(
    p.relative_to(HTML).as_posix()
    for p in HTML.rglob("*.html")
    if "_static" not in p.parts and p.name != "index.html"
)


@pytest.fixture(scope="module")
def browser(chromium):
    if not PAGES:
        pytest.fail("the site is not built: run `make book` first")
    return chromium


class Visit:
    """A page opened offline, with its console errors and attempted network requests."""

    def __init__(self, browser, path):
        self.page = browser.new_page()
        self.errors, self.external = [], []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "console",
            lambda message: message.type == "error" and self.errors.append(message.text),
        )
        self.page.route("http*://**", self._refuse)
        self.page.goto((HTML / path).as_uri(), wait_until="load")
        if self.page.evaluate("typeof MathJax !== 'undefined' && !!MathJax.startup"):
            self.page.evaluate("MathJax.startup.promise")

    def _refuse(self, route):
        self.external.append(route.request.url)
        route.abort()


def expected_count(page_url, cell_type, text):
    """How many cells of the page's notebook contain ``text`` (0 for pages without one)."""
    page = Path(unquote(urlparse(page_url).path))
    notebook = CHAPTERS / page.with_suffix(".ipynb").name
    if page.parent.name != "chapters" or not notebook.exists():
        return 0
    cells = nbformat.read(notebook, as_version=4).cells
    return sum(cell.cell_type == cell_type and text in cell.source for cell in cells)


@pytest.fixture(scope="module", params=PAGES)
def visit(browser, request):
    opened = Visit(browser, request.param)
    yield opened
    opened.page.close()


def test_no_request_leaves_the_machine_and_no_script_error(visit):
    assert visit.external == []
    assert visit.errors == []


def test_math_is_rendered(visit):
    raw = visit.page.locator(".math:not(:has(mjx-container))")
    assert raw.count() == 0, raw.first.text_content()[:80]


def test_every_image_loads(visit):
    broken = visit.page.evaluate(
        "Array.from(document.images).filter(img => !img.complete || img.naturalWidth === 0)"
        ".map(img => img.src.slice(0, 80))"
    )
    assert broken == []


def test_every_internal_link_resolves(visit):
    hrefs = visit.page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    for href in hrefs:
        url = urlparse(href)
        if url.scheme != "file":
            continue
        target = Path(unquote(url.path))
        assert target.exists(), f"broken link to {href}"
        if url.fragment and target.suffix == ".html":
            anchor = f'id="{unquote(url.fragment)}"'
            assert anchor in target.read_text(encoding="utf-8"), f"no anchor for {href}"


def test_dropdown_solutions_open_on_click(visit):
    solutions = visit.page.locator(".solution.dropdown")
    # every solution of the notebook is a dropdown on its page (and a chapter has some)
    assert solutions.count() == expected_count(visit.page.url, "markdown", "{solution-start}")
    if "/chapters/" in visit.page.url:
        assert solutions.count() >= 3
    for i in range(solutions.count()):
        body = solutions.nth(i).locator("section").last
        assert not body.is_visible()
        solutions.nth(i).locator(".toggle-button").click()
        body.wait_for(state="visible", timeout=2000)


def test_precomputed_explorers_respond_to_their_sliders(visit):
    explorers = visit.page.locator(".slider-frames")
    # every slider_frames call of the notebook is an explorer on its page
    calls = expected_count(visit.page.url, "code", "static_explorers.slider_frames(")
    assert explorers.count() == calls
    for i in range(explorers.count()):
        image = explorers.nth(i).locator("img")
        before = image.get_attribute("src")
        slider = explorers.nth(i).locator("input[type=range]").first
        slider.fill(slider.get_attribute("max"))
        slider.dispatch_event("input")
        assert image.get_attribute("src") != before


def test_index_redirects_to_the_landing_page():
    assert "url=intro.html" in (HTML / "index.html").read_text(encoding="utf-8")


def test_search_finds_a_chapter_offline(browser):
    page = browser.new_page()
    page.goto((HTML / "search.html").as_uri() + "?q=cross-entropy")
    results = page.locator("#search-results li a")
    results.first.wait_for(timeout=10_000)
    titles = results.all_text_contents()
    assert any("cross-entropy" in title.lower() for title in titles), titles
    page.close()
