"""Shared test settings, and the browser and web server the site's tests share."""

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import settings

from tools.pdf import CHROMIUM_FLAGS  # the flags the PDF is printed with

# No per-example deadline: two cores shared with notebook kernels make timings noisy.
# In CI the examples are derandomized, so a run is reproducible and cannot flake.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


# --- The built site in Debian's headless Chromium (the browser tests share these) ------------

HTML = Path(__file__).resolve().parents[1] / "_build" / "html"


@pytest.fixture(scope="module")
def chromium():
    """Debian's headless Chromium through Playwright; skipped without it, except in CI."""
    executable = shutil.which("chromium")
    if executable is None:
        message = "Debian's chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    """The built site served over local http, as GitHub Pages serves it; its base URL."""
    handler = functools.partial(_Quiet, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def refuse_other_hosts(page, base):
    """Abort every request not to ``base``; return the list the refused URLs go into."""
    refused = []

    def elsewhere(route):
        refused.append(route.request.url)
        route.abort()

    page.route(lambda url: not url.startswith(base), elsewhere)
    return refused
