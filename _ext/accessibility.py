"""A Sphinx extension: the site's accessibility fixes, where the project controls the markup.

axe-core (tests/test_accessibility.py) found, on the theme's pages:

- ``label-content-name-mismatch`` (WCAG 2.1 A, 2.5.3): the search buttons read "Search" to
  a screen reader while they show "Search Ctrl+K", and the theme switch's icons carry
  titles that are not in its name. The buttons' own text becomes their name; the icons are
  hidden from assistive technology (the button keeps its label "Color mode").
- ``region``: the book's title in the sidebar sits outside any landmark; it becomes a named
  region.
- ``empty-table-header``: a pandas table has an empty corner cell; it gets the index's name
  (which pandas puts in a header row of its own, otherwise empty), or one that only screen
  readers hear ("row").
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
HEAD = re.compile(r"(<table[^>]*class=\"dataframe\"[^>]*>\s*<thead>)(.*?)(</thead>)", re.DOTALL)
ROW = re.compile(r"<tr[^>]*>.*?</tr>", re.DOTALL)
NAMES_ROW = re.compile(r"<tr>\s*<th>([^<]+)</th>(?:\s*<th></th>)+\s*</tr>")


def _name_the_corner(head: str) -> str:
    """Give a pandas table's empty corner cell a name.

    A named index makes pandas write a second header row holding only that name; the name
    moves up into the corner cell and the row goes (unless the corner already names the
    columns). An unnamed index gets a name that only screen readers hear ("row").
    """
    rows = ROW.findall(head)
    corner = '<span class="visually-hidden">row</span>'
    names = len(rows) == 2 and NAMES_ROW.fullmatch(rows[1].strip())
    if names and "<th></th>" in rows[0]:  # the corner is free: the index's name goes there
        corner, head = names.group(1), head.replace(rows[1], "")
    elif names:  # the corner names the columns: keep both rows, blank cells said to be so
        blank = '<th><span class="visually-hidden">no label</span></th>'
        head = head.replace(rows[1], rows[1].replace("<th></th>", blank))
    return head.replace("<th></th>", f"<th>{corner}</th>", 1)


def _fix_body(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body")
    if not body:
        return
    body = HEAD.sub(lambda m: m.group(1) + _name_the_corner(m.group(2)) + m.group(3), body)
    body = body.replace('role="doc-biblioentry"', 'role="listitem"')
    context["body"] = body


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the fixes with Sphinx."""
    app.add_js_file(None, body=HEADER_FIXES)
    app.connect("html-page-context", _fix_body, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
