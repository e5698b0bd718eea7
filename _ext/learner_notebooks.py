"""A Sphinx extension: each chapter page offers its learner notebook for download.

The theme's download menu offers the chapter's notebook *with* its solutions. Next to it,
this extension adds "learner .ipynb": the same notebook with the solutions removed and the
outputs cleared (``tools.student.strip_solutions``, as ``make student`` writes them), saved
with the site under ``learner/<chapter>.ipynb``. ``make book`` produces them; no extra step.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import nbformat
from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `tools` lives at the repository's top level
    sys.path.insert(0, str(ROOT))

from tools.student import strip_solutions  # noqa: E402

FOLDER = "learner"
# The theme opens its download links in a new tab, where a browser shows a notebook as JSON
# text; the `download` attribute saves the learner notebook instead.
SAVE_AS_FILE = f"""
document.addEventListener("DOMContentLoaded", () => {{
  document.querySelectorAll('a[href*="{FOLDER}/"][href$=".ipynb"]').forEach((link) => {{
    link.setAttribute("download", link.getAttribute("href").split("/").pop());
    link.removeAttribute("target");
  }});
}});
"""


def _add_learner_notebook(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if context.get("page_source_suffix") != ".ipynb":
        return
    source = Path(app.srcdir) / f"{pagename}.ipynb"
    if not source.exists():
        return
    name = f"{Path(pagename).name}.ipynb"
    target = Path(app.outdir) / FOLDER / name
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(strip_solutions(nbformat.read(source, as_version=4)), target)
    button = {
        "type": "link",
        "url": f"{context['pathto'](FOLDER, 1)}/{name}",
        "text": "learner .ipynb",
        "tooltip": "Download the notebook to practise in: solutions removed, outputs cleared",
        "icon": "fas fa-pencil-alt",
        "label": "download-learner-notebook-button",
    }
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].insert(1, button)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the learner download with Sphinx."""
    app.add_js_file(None, body=SAVE_AS_FILE)
    # After sphinx-book-theme has built its header buttons (priority 501).
    app.connect("html-page-context", _add_learner_notebook, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
