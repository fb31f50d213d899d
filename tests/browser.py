"""Serve the built site on loopback and drive Debian's Chromium with Playwright."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import siteserver  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


@contextlib.contextmanager
def serve(directory: Path):
    """`directory` at the root of a loopback server (scripts/siteserver.py, uncompressed);
    the URL without its final slash."""
    # LinkChecker limits itself to ~3 requests a second per host unless the server
    # answers with a "LinkChecker" header (then maxrequestspersecond holds).
    with siteserver.serve(directory, prefix="/", compress=False,
                          headers={"LinkChecker": "unthrottled"}) as url:
        yield url.rstrip("/")


@contextlib.contextmanager
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()
