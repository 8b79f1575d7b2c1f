"""Fixtures for the browser tests: the test corpus built once, served under
a sub-path by a tiny HTTP server on 127.0.0.1, and Debian's headless Chromium
driven by Playwright.

Chromium (apt package `chromium`), axe-core and vnu-jar (npm) are installed
by `make test-deps`. When one is missing the tests that need it are skipped
with the reason, unless the environment variable CI is set: then they fail.
"""

from __future__ import annotations

import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .corpus import ROOT, build_theme_site

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SUB_PATH = "/kho-luu-tru/"  # the site is served here, as on a static host under a sub-path
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def require(condition: bool, message: str) -> None:
    """Skip with `message` when `condition` is false; fail instead under CI."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set: `make test-deps` must install it)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def theme_site(tmp_path_factory) -> Path:
    """The test corpus built with the project's settings (and its Pagefind index)."""
    return build_theme_site(tmp_path_factory.mktemp("theme-site"))


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site folder at SUB_PATH only, like a static host would."""

    site: Path = Path(".")

    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        if not path.startswith(SUB_PATH):
            return str(self.site / "__outside_the_site__")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.site), **kwargs)


@pytest.fixture(scope="session")
def site_url(theme_site) -> str:
    """http://127.0.0.1:<port>/kho-luu-tru/ serving the built site."""
    yield from serve_site(theme_site)


def serve_site(site: Path):
    """Serve a built site at http://127.0.0.1:<port>/kho-luu-tru/ for as long as the generator lives."""
    handler = type("Handler", (_SubPathHandler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    require(Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None,
            f"Chromium not found at {CHROMIUM}: install it with `make test-deps` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh page (own storage) that records console errors and page errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda message: message.type == "error" and tab.errors.append(message.text))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
