"""The editor's loop, used as an editor would: `make live`, a browser on the
page, save a chapter, then a number in facts.yaml; both show without a reload
by hand, and no page keeps the old number."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from helpers import ROOT

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
SKIP = {".git", ".venv", "_build", "node_modules", "tests", ".pytest_cache", "__pycache__"}


@pytest.fixture
def project(tmp_path):
    """A copy of the project to edit (charts already drawn are copied too)."""
    dest = tmp_path / "book"
    dest.mkdir()
    for src in ROOT.iterdir():
        if src.name in SKIP:
            continue
        if src.is_dir():
            shutil.copytree(src, dest / src.name, ignore=shutil.ignore_patterns("*.mo", ".lock"))
        else:
            shutil.copy2(src, dest / src.name)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    shared = ROOT.parent / "shared"
    if shared.exists():
        (tmp_path / "shared").symlink_to(shared)
    return dest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def replace(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
@pytest.mark.slow
def test_live_preview_shows_saved_chapter_and_number(project, tmp_path):
    from playwright.sync_api import sync_playwright

    port = free_port()
    log = tmp_path / "live.log"
    with log.open("w") as out:
        live = subprocess.Popen(["make", "live", f"PORT={port}"], cwd=project, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while "Serving on" not in log.read_text():
            assert live.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            page = browser.new_page()
            base = f"http://127.0.0.1:{port}"
            page.goto(f"{base}/renewal.html")
            assert "470.4亩" in page.inner_text("article")

            replace(project / "docs" / "renewal.md", "实现供地", "实现供地（刚刚保存）")
            page.wait_for_function("document.body.innerText.includes('刚刚保存')", timeout=120_000)

            replace(project / "facts.yaml", "    value: 470.4\n", "    value: 470.5\n")
            page.wait_for_function("document.body.innerText.includes('470.5亩')", timeout=120_000)
            for name in ("renewal", "overview", "appendix/data"):  # every page showing it
                page.goto(f"{base}/{name}.html")
                text = page.inner_text("article")
                assert "470.5亩" in text and "470.4亩" not in text, name
            browser.close()
    finally:
        os.killpg(live.pid, signal.SIGTERM)
        live.wait(timeout=30)
    assert "Traceback" not in log.read_text()
