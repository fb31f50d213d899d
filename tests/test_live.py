"""The editor's loop, used as an editor would: `make live` with its output going
to a file (and no PYTHONUNBUFFERED), a browser on the page, save a chapter, then
facts.yaml in every way editors and tools save it (write-and-rename, again, rm and
recreate, in place); each save shows without a reload by hand, and no page keeps
the old number. A mistake saved prints its located error and nothing else; the
pages keep their last good figures, with a banner naming the problem; a page
fetched during the rebuilds always comes whole; the next good save shows; a chapter
deleted leaves no page behind.
(Its builds run forked from a warm process, scripts/live.py.)"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import ROOT, edit, project_copy

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
SKIP = {".git", ".venv", "_build", "node_modules", "tests", ".pytest_cache", "__pycache__"}


@pytest.fixture
def project(tmp_path):
    """A copy of the project to edit (charts already drawn are copied too)."""
    return project_copy(tmp_path, SKIP, ("*.mo", ".lock"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)  # sphinx-autobuild's colours


def replaced_by_rename(path: Path, old: str, new: str):
    """How most editors and `sed -i` save: a new file renamed over the old one."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    part = path.with_name(f".{path.name}.swp")
    part.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(part, path)


def removed_and_recreated(path: Path, old: str, new: str):
    """rm and recreate (and `git checkout FILE`, which unlinks and writes anew)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.unlink()
    time.sleep(0.3)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class Fetcher(threading.Thread):
    """Fetches pages over and over while the book rebuilds: each answer must be whole."""

    def __init__(self, urls):
        super().__init__(daemon=True)
        self.urls, self.stop, self.problems, self.count = urls, threading.Event(), [], 0

    def run(self):
        while not self.stop.is_set():
            for url in self.urls:
                try:
                    with urllib.request.urlopen(url, timeout=30) as answer:
                        body = answer.read()
                        length = int(answer.headers["Content-Length"])
                    if len(body) != length or not body.rstrip().endswith(b"</script>"):
                        self.problems.append(f"{url}: {len(body)} of {length} bytes")
                    self.count += 1
                except Exception as error:  # noqa: BLE001 - every failure is the finding
                    self.problems.append(f"{url}: {error!r}")
            time.sleep(0.05)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
@pytest.mark.slow
def test_live_preview_shows_every_save_and_keeps_the_last_good_pages(project, tmp_path):
    from playwright.sync_api import sync_playwright

    port = free_port()
    log = tmp_path / "live.log"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    with log.open("w") as out:
        live = subprocess.Popen(["make", "live", f"PORT={port}"], cwd=project, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True, env=env)
    base = f"http://127.0.0.1:{port}"
    fetcher = Fetcher([f"{base}/renewal.html", f"{base}/appendix/data.html"])
    deadline = time.monotonic() + 600

    def served_again(since: int):
        while log.read_text().count("Serving on") == since:
            assert live.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)

    def settled() -> str:
        """The log once the last build has ended (its pages show a moment before)."""
        while not plain(log.read_text()).rstrip().endswith(
                (f"Serving on {base}", "Waiting to detect changes...")):
            assert live.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        return log.read_text()

    def quiet() -> str:
        """The log once no build has started for longer than the watcher gathers changes
        (watchfiles waits 1.6 s) and the last build's reload has been sent: a few saves in
        a row can make two builds, and the second one's reload must not land mid-step."""
        text = settled()
        while True:
            time.sleep(3)
            if (again := settled()) == text:
                page.wait_for_load_state()
                return text
            text = again

    try:
        while "Serving on" not in log.read_text():  # unbuffered: the line is in the file
            assert live.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"{base}/renewal.html")
            fetcher.start()  # the web server is up (it starts after the first build)
            assert "470.4亩" in page.inner_text("article")

            chapter = project / "docs" / "renewal.md"
            title = chapter.read_text(encoding="utf-8").splitlines()[0]  # "# 城市更新"
            edit(chapter, title, title + "（刚刚保存）")
            page.wait_for_function("document.body.innerText.includes('刚刚保存')", timeout=120_000)

            # facts.yaml saved every way, each save seen (a watch on the file itself saw
            # the first replacing save and nothing after it)
            data = project / "facts.yaml"
            for save, old, new in [(replaced_by_rename, "470.4", "470.5"),
                                   (replaced_by_rename, "470.5", "470.6"),
                                   (removed_and_recreated, "470.6", "470.7"),
                                   (edit, "470.7", "470.8")]:
                save(data, f"    value: {old}\n", f"    value: {new}\n")
                page.wait_for_function(f"document.body.innerText.includes('{new}亩')",
                                       timeout=120_000)
            quiet()  # saves in a row can make two builds: the second's reload not mid-goto
            for name in ("renewal", "overview", "appendix/data"):  # every page showing it
                page.goto(f"{base}/{name}.html")
                text = page.inner_text("article")
                assert "470.8亩" in text and "470.7亩" not in text, name

            # a misspelt key: its located error with a suggestion, and nothing else
            line = next(n for n, text in enumerate(chapter.read_text(encoding="utf-8").splitlines(), 1)
                        if "`land_supplied_parcels`" in text)
            page.goto(f"{base}/renewal.html")
            figures = page.locator("article a.fact").count()
            assert figures > 10
            before = quiet()
            page.evaluate("window.beforeTheMistake = true")  # gone once the page reloads
            edit(chapter, "`land_supplied_parcels`", "`land_supplied_parcelz`")
            served_again(before.count("Serving on"))
            error = (f"docs/renewal.md:{line}: ERROR: unknown fact key 'land_supplied_parcelz': "
                     "did you mean 'land_supplied_parcels'? [factbook.unknown]")
            summary = "ERROR: 1 problem in the data and the text (listed above): the build failed"
            command = ("python -m sphinx build -b html -n -q -d _build/live/doctrees-zh "
                       "docs _build/live/zh.building")
            assert plain(log.read_text()[len(before):]).splitlines() == [
                "[sphinx-autobuild] Detected changes (docs/renewal.md)",
                "[sphinx-autobuild] Rebuilding...",
                f"[sphinx-autobuild] > {command}",
                f"{chapter.parent}/{error.removeprefix('docs/')}",
                summary,
                "[sphinx-autobuild] The build failed: the last good pages stay served, "
                "with the problems at their top",
                f"[sphinx-autobuild] Serving on http://127.0.0.1:{port}",
            ]
            # the server reloads the page after every build, failed or not
            page.wait_for_function("window.beforeTheMistake === undefined", timeout=60_000)
            page.wait_for_load_state()
            article = page.inner_text("article")
            assert "刚刚保存" in article and "470.8亩" in article  # the last good page, its figures
            assert page.locator("article a.fact").count() == figures
            assert page.locator("article .problematic").count() == 0 and "{fact}" not in article
            assert page.inner_text("#live-problems").splitlines()[1:] == [error, summary]
            page.screenshot(path=str(tmp_path / "failed-save.png"))

            def save_and_reload(save) -> str:
                """A save; back once its build has ended and the open page has reloaded
                (a page opened before that reload could be reloaded under the test's hands)."""
                before = quiet()
                page.evaluate("window.beforeTheSave = true")
                save()
                served_again(before.count("Serving on"))
                page.wait_for_function("window.beforeTheSave === undefined", timeout=60_000)
                page.wait_for_load_state()
                return before

            # broken YAML: still every figure of the last good pages, on every page
            before = save_and_reload(lambda: edit(data, "    value: 470.8\n", "    value: [470.8\n"))
            for name in ("renewal", "overview"):
                page.goto(f"{base}/{name}.html")
                assert "470.8亩" in page.inner_text("article"), name
                assert page.locator("article .problematic").count() == 0, name
                assert "facts.yaml:" in page.inner_text("#live-problems"), name
            assert "Traceback" not in log.read_text()[len(before):]

            # both put right: the banner goes, the new text shows
            page.goto(f"{base}/renewal.html")
            edit(data, "    value: [470.8\n", "    value: 470.8\n")
            edit(chapter, "`land_supplied_parcelz`", "`land_supplied_parcels`")
            edit(chapter, "（刚刚保存）", "（已改正）")
            page.wait_for_function("document.body.innerText.includes('已改正')", timeout=120_000)
            assert page.locator("#live-problems").count() == 0

            # a chapter added, then deleted: its page comes, then goes
            parks = project / "docs" / "parks.md"
            save_and_reload(lambda: parks.write_text(
                "---\norphan: true\n---\n\n# 口袋公园\n\n2023年新增口袋公园。\n", encoding="utf-8"))
            assert page.goto(f"{base}/parks.html").status == 200
            page.goto(f"{base}/renewal.html")
            save_and_reload(parks.unlink)
            assert page.goto(f"{base}/parks.html").status == 404
            browser.close()
    finally:
        fetcher.stop.set()
        if fetcher.is_alive():
            fetcher.join(timeout=60)  # before the server stops
        os.killpg(live.pid, signal.SIGTERM)
        live.wait(timeout=30)
    assert fetcher.problems == [] and fetcher.count > 20
    text = log.read_text()
    assert "Traceback" not in text and "h11" not in text, text
