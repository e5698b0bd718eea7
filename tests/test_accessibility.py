"""Accessibility of the built site: axe-core on every page, and every figure described.

axe-core (from npm, pinned in package-lock.json like MathJax) runs in Debian's headless
Chromium on every page, opened from disk with every network request refused, with the WCAG
2.0 and 2.1 A/AA rules and axe's best practices. The project fixes what it controls
(_ext/accessibility.py, book.css); a violation that only the upstream theme could fix would
be listed in KNOWN_UPSTREAM with its reason (none is needed today).

Without a browser: every content image has a description, not a file path, as its alt text,
and every figure a caption.
"""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

# Reads the built site: `make test` runs it after the site build (see the Makefile).
pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = sorted(
    path.relative_to(HTML).as_posix()
    for path in HTML.rglob("*.html")
    if "_static" not in path.parts and path.name not in ("index.html", "genindex.html")
)
CHAPTERS = [page for page in PAGES if page.startswith("chapters/")]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# rule id -> why the project cannot fix it (with the upstream issue). Empty: all fixed.
KNOWN_UPSTREAM: dict[str, str] = {}


def _soup(page):
    return BeautifulSoup((HTML / page).read_text(), "html.parser")


def test_the_site_is_built():
    assert CHAPTERS, "the site is not built: run `make book` first"


@pytest.mark.parametrize("page", CHAPTERS)
def test_every_content_image_is_described_and_every_figure_captioned(page):
    article = _soup(page).select_one("article") or _soup(page)
    images = article.select(".cell_output img")
    assert images
    for image in images:
        alt = image.get("alt", "").strip()
        assert alt, f"an image without alt text: {image.get('src', '')[:60]}"
        assert not re.search(r"\.(png|svg|jpe?g)\b|_images/|^data:", alt), alt
        if image.find_parent(class_="slider-frames") is None:
            figure = image.find_parent("figure")
            assert figure is not None and figure.find("figcaption"), alt
            assert re.match(r"Fig\. \d+\.\d+", figure.find("figcaption").get_text(" ", strip=True))


@pytest.fixture(scope="module")
def browser(chromium):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make assets does)")
    return chromium


def _violations(browser, page, scheme):
    tab = browser.new_page(color_scheme=scheme)
    tab.route("http*://**", lambda route: route.abort())
    tab.goto((HTML / page).as_uri(), wait_until="load")
    if tab.evaluate("typeof MathJax !== 'undefined' && !!MathJax.startup"):
        tab.evaluate("MathJax.startup.promise")
    tab.add_script_tag(path=str(AXE))
    found = tab.evaluate(
        """async (tags) => {
          const result = await axe.run(document, {
            runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
          return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} x `
            + v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(" | "));
        }""",
        TAGS,
    )
    tab.close()
    return [line for line in found if line.split(" ")[0] not in KNOWN_UPSTREAM]


@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_no_violation_in_light_mode(browser, page):
    assert _violations(browser, page, "light") == []


@pytest.mark.parametrize("page", ["intro.html", *CHAPTERS[:1]])
def test_axe_finds_no_violation_in_dark_mode(browser, page):
    assert _violations(browser, page, "dark") == []
