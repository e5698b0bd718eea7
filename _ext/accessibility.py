"""A Sphinx extension: the site's accessibility fixes, where the project controls the markup.

axe-core (tests/test_accessibility.py) found, on the theme's pages:

- ``label-content-name-mismatch`` (WCAG 2.1 A, 2.5.3): the search buttons read "Search" to
  a screen reader while they show "Search Ctrl+K", and the theme switch's icons carry
  titles that are not in its name. The buttons' own text becomes their name; the icons are
  hidden from assistive technology (the button keeps its label "Color mode").
- ``region``: the book's title in the sidebar sits outside any landmark; it becomes a named
  region.
- ``empty-table-header``: a pandas table whose index has no name has an empty corner cell;
  it is given a name that only screen readers hear ("row").
- ``aria-required-children`` and ``aria-deprecated-role`` on the references page: docutils
  marks each bibliography entry with the deprecated role ``doc-biblioentry`` inside a
  ``list``; each entry becomes a ``listitem``.

The header is drawn by the theme's templates, so those fixes are a few lines of JavaScript
inline in each page; the body's are made in the HTML as it is written.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx

HEADER_FIXES = """
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".search-button-field[aria-label]").forEach((button) => {
    button.removeAttribute("aria-label");
  });
  // Font Awesome turns the theme switch's icons into SVGs titled "Light", "Dark"...:
  // keep them out of the button's name, now and whenever they are redrawn.
  const untitle = (button) => button.querySelectorAll("title, [title]").forEach((node) => {
    if (node.tagName.toLowerCase() === "title") node.remove(); else node.removeAttribute("title");
  });
  document.querySelectorAll(".theme-switch-button").forEach((button) => {
    untitle(button);
    new MutationObserver(() => untitle(button)).observe(button, {childList: true, subtree: true});
  });
  const title = document.querySelector(
    ".sidebar-primary-items__start > .sidebar-primary-item:first-child");
  if (title && !title.closest("[role], nav, header, main, aside, footer")) {
    title.setAttribute("role", "region");
    title.setAttribute("aria-label", "Book title");
  }
});
"""
EMPTY_CORNER = re.compile(
    r"(<table[^>]*class=\"dataframe\"[^>]*>\s*<thead>\s*<tr[^>]*>\s*)<th></th>"
)
CORNER = '<th><span class="visually-hidden">row</span></th>'


def _fix_body(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body")
    if not body:
        return
    body = EMPTY_CORNER.sub(lambda match: match.group(1) + CORNER, body)
    body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    context["body"] = body


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the fixes with Sphinx."""
    app.add_js_file(None, body=HEADER_FIXES)
    app.connect("html-page-context", _fix_body, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
