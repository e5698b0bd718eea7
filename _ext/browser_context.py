"""Which exercises can run in the browser, and which earlier cells of the chapter they need.

The browser has NumPy and ``descent``, not PyTorch, SciPy, scikit-learn, pandas or
matplotlib. An exercise often uses data the chapter made earlier (``x, y`` of the toy
points, say). For each exercise this script runs, in a Python where those libraries cannot
be imported, the book's own solution and its check cell after the browser's preamble; each
time a name is missing it adds the latest earlier statement of the chapter (never of a
solution) that defines it, and tries again. What results is the *context* the page runs before the
reader's code, or the reason the exercise cannot run in a browser.

Run by ``_ext/browser_python.py`` in a subprocess (so the blocked libraries stay blocked
there only): ``python browser_context.py < exercises.json > contexts.json``.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import sys

BLOCKED = ("torch", "scipy", "sklearn", "pandas", "matplotlib", "ipywidgets", "IPython")
# `glue` records a number for the book's text; in the browser it does nothing.
GLUE = "def glue(*args, **kwargs):\n    pass\n"
MAX_STATEMENTS = 16


def defined_names(source: str) -> set[str]:
    """The names a cell binds at its top level (assignments, defs, imports)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics
        return set()
    names = set()
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.For | ast.With):
            targets = [node.target] if isinstance(node, ast.For) else []
        for target in targets:
            names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


def _run(preamble: str, context: list[str], solution: list[str], check: str) -> None:
    namespace: dict = {"__name__": "__main__"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(preamble + GLUE, namespace)
        for source in context + solution:
            exec(source, namespace)
        report = eval(check, namespace)
    if not report.passed:
        raise AssertionError(f"the book's solution does not pass here: {report!r}")


def statements(cells: list[str]) -> list[str]:
    """The top-level statements of the cells, in order (a cell that does not parse, whole)."""
    found = []
    for source in cells:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            found.append(source)
            continue
        found += [ast.get_source_segment(source, node) or "" for node in tree.body]
    return found


def context_of(exercise: dict, preamble: str) -> dict:
    """The earlier statements an exercise needs in the browser, or why it cannot run there."""
    earlier = statements(exercise["earlier"])
    chosen: list[int] = []
    for _ in range(MAX_STATEMENTS + 1):
        context = [earlier[i] for i in sorted(chosen)]
        try:
            _run(preamble, context, exercise["solution"], exercise["check"])
            return {"runs": True, "context": GLUE + "".join(line + "\n" for line in context)}
        except NameError as error:
            name = getattr(error, "name", None)
            where = [i for i, source in enumerate(earlier) if name in defined_names(source)]
            if not where or where[-1] in chosen or len(chosen) == MAX_STATEMENTS:
                return {"runs": False, "reason": f"it uses `{name}` from the chapter"}
            chosen.append(where[-1])
        except ImportError as error:
            library = (error.name or "a library").split(".")[0]
            return {"runs": False, "reason": f"it needs {library}, which the browser does not have"}
        except Exception as error:  # noqa: BLE001 - any failure means: not in the browser
            return {"runs": False, "reason": f"{type(error).__name__}: {error}"[:200]}
    return {"runs": False, "reason": "it needs too much of the chapter"}


def main() -> None:
    """Read the exercises as JSON on stdin; write their contexts as JSON on stdout."""
    for name in BLOCKED:
        sys.modules[name] = None  # type: ignore[assignment]  # `import torch` raises
    request = json.load(sys.stdin)
    result = {ex["id"]: context_of(ex, request["preamble"]) for ex in request["exercises"]}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
