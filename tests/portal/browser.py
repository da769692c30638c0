"""A real headless Chromium (Debian's chromium) driven by Playwright for Python, and a web
server on 127.0.0.1 for a built site. Tests skip with the reason when the browser or the
packages are absent; .ci/setup installs them. Playwright is pointed at the system browser:
it never downloads one of its own."""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-dev-shm-usage",
]  # fmt: skip


def require_browser() -> None:
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (.ci/setup installs it)")
    pytest.importorskip("playwright", reason="playwright is a test dependency (.[test])")


@contextlib.contextmanager
def chromium(width: int = 1200, height: int = 900) -> Iterator:
    """A page of a fresh headless Chromium at ``width`` x ``height`` CSS pixels."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser.new_page(viewport={"width": width, "height": height})
        finally:
            browser.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's name
        pass


class SiteServer:
    """``http.server`` serving ``root`` on a free port of 127.0.0.1, in a thread."""

    def __init__(self, root):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)
