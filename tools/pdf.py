"""Print the built site into one PDF of the whole book: ``make pdf`` -> ``_build/pdf/book.pdf``.

Debian's Chromium prints each page of the table of contents, in order, from the built HTML
(``make book`` first): the maths as MathJax renders it on the site, the figures, and every
solution opened in place. The pages are joined into one file with a bookmark per page, and
a copy is put into the site as ``book.pdf``, which the landing page links to.

Nothing is fetched: the pages are read from disk with every network request refused. The
Chinese terms need a CJK font on the machine (Debian's ``fonts-wqy-microhei``, which
``.ci/run`` installs as it installs Chromium); without one Chromium would print empty boxes,
so this script stops with a message instead. Chromium embeds the fonts it uses.

Usage: ``python -m tools.pdf [--html _build/html] [--output _build/pdf/book.pdf]``;
``make book`` runs it with ``--optional``, which skips it on a machine without Chromium.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from pypdf import PdfReader, PdfWriter

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Open every solution dropdown and every <details>, so that the solutions print in place.
EXPAND = """() => {
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  document.querySelectorAll('.toggle-hidden').forEach((e) => e.classList.remove('toggle-hidden'));
  document.querySelectorAll('.dropdown').forEach((e) => e.classList.add('toggle-shown'));
}"""


def pages_in_order(root: Path = ROOT) -> list[str]:
    """The pages of ``_toc.yml`` in reading order, as paths without a suffix."""
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [chapter["file"] for chapter in part["chapters"]]
    return pages


def has_cjk_font() -> bool:
    """Whether fontconfig knows a font that covers Chinese."""
    if shutil.which("fc-list") is None:
        return False
    listing = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True)
    return bool(listing.stdout.strip())


def print_book(html: Path, output: Path) -> int:
    """Print every page of ``html`` in table-of-contents order into ``output``; page count."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise SystemExit("make pdf needs Debian's chromium: apt-get install -y chromium")
    if not has_cjk_font():
        raise SystemExit(
            "make pdf needs a CJK font, or the Chinese terms print as empty boxes: "
            "apt-get install -y fonts-wqy-microhei"
        )
    writer = PdfWriter()
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.route("http*://**", lambda route: route.abort())
        for name in pages_in_order():
            path = html / f"{name}.html"
            if not path.exists():
                raise SystemExit(f"{path} is missing: run `make book` first")
            page.goto(path.as_uri(), wait_until="load")
            if page.evaluate("typeof MathJax !== 'undefined' && !!MathJax.startup"):
                page.evaluate("MathJax.startup.promise")
            page.evaluate(EXPAND)
            page.emulate_media(media="print")
            pdf = page.pdf(
                format="A4",
                print_background=True,
                margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
            )
            first = len(writer.pages)
            for sheet in PdfReader(io.BytesIO(pdf)).pages:
                writer.add_page(sheet)
            title = page.title().split("\N{EM DASH}")[0].split(" - ")[0].strip() or name
            writer.add_outline_item(title=title, page_number=first)
        browser.close()
    writer.add_metadata({"/Title": "Learning by Descent"})
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as file:
        writer.write(file)
    return len(writer.pages)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--output", type=Path, default=ROOT / "_build" / "pdf" / "book.pdf")
    parser.add_argument(
        "--optional",
        action="store_true",
        help="without Chromium or a CJK font, say so and skip (as `make book` does)",
    )
    args = parser.parse_args(argv)
    if args.optional and (shutil.which("chromium") is None or not has_cjk_font()):
        print("no PDF: make pdf needs Debian's chromium and fonts-wqy-microhei (apt-get install)")
        return 0
    count = print_book(args.html, args.output)
    shutil.copyfile(args.output, args.html / "book.pdf")  # the site links to it
    print(f"wrote {args.output} ({count} pages) and {args.html / 'book.pdf'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
