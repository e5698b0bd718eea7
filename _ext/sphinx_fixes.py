"""A Sphinx extension with the site's small fixes, loaded from ``_config.yml``.

- sphinx-thebe (which Jupyter Book always loads) adds its configuration script twice, so
  every page raised "Identifier 'THEBE_JS_URL' has already been declared" in the browser
  console; sphinx-togglebutton's selector is doubled the same way. Each script is now
  included once.
- myst-nb executes the notebooks (``make book``) with nbclient, which sends each Output
  widget's outputs back to the kernel while it waits for the cell's reply: after an explorer
  cell a run then often waits about 4 s more, and now and then hangs. The echo is switched
  off with the grader's ``tools.grade.quiet_output_widgets``, which says why that is safe.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `tools` lives at the repository's top level
    sys.path.insert(0, str(ROOT))

from tools.grade import quiet_output_widgets  # noqa: E402


def _drop_duplicate_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    seen, unique = set(), []
    for script in context.get("script_files", []):
        # The copies differ only in an empty file name: None in one, "" in the other.
        attributes = tuple(sorted((k, str(v)) for k, v in script.attributes.items()))
        key = (script.filename or "", attributes)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the fixes with Sphinx."""
    quiet_output_widgets()  # before myst-nb executes a notebook (see above)
    # Run after the other extensions (priority > 500), once the list is complete.
    app.connect("html-page-context", _drop_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
