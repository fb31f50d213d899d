"""Speed and size of the book against targets (`make bench`, after `make book`).

Targets are budgets, not tests: a miss prints FAIL and exits 1, so a slow or
bloated change is noticed, while `make test` stays free of timing checks.
"""

from __future__ import annotations

import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"

# (what, measure, budget, unit)
SIZE_BUDGETS = [
    ("whole site", lambda: sum(p.stat().st_size for p in SITE.rglob("*") if p.is_file()), 15e6, "B"),
    ("Chinese PDF", lambda: (SITE / "downloads/tianqiao-2023-zh.pdf").stat().st_size, 3e6, "B"),
    ("English PDF", lambda: (SITE / "en/downloads/tianqiao-2023-en.pdf").stat().st_size, 3e6, "B"),
    ("Chinese EPUB", lambda: (SITE / "downloads/tianqiao-2023-zh.epub").stat().st_size, 1e6, "B"),
    ("English EPUB", lambda: (SITE / "en/downloads/tianqiao-2023-en.epub").stat().st_size, 1e6, "B"),
    # what a phone downloads for the heaviest page (the data appendix), images aside
    ("largest HTML page", lambda: max(p.stat().st_size for p in SITE.rglob("*.html")), 300e3, "B"),
    ("largest chart SVG", lambda: max(p.stat().st_size for p in SITE.glob("_images/*.svg")), 400e3, "B"),
    ("search index (zh)", lambda: (SITE / "searchindex.js").stat().st_size, 1e6, "B"),
]


# -- the hosted site on a phone: measured in Chromium and Lighthouse, served gzip under
#    a sub-path by scripts/siteserver.py (what a static host does) ------------------------
FIRST_LOAD_BUDGET = 300e3   # the front page, nothing cached (HTML, CSS, JS, fonts, images)
FURTHER_PAGE_BUDGET = 60e3  # any other page, after the front page (assets cached)
LIGHTHOUSE_PAGES = ["index.html", "renewal.html", "appendix/data.html", "en/renewal.html"]
LIGHTHOUSE_TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LIGHTHOUSE_RUNS = int(os.environ.get("BENCH_LIGHTHOUSE_RUNS", "3"))  # median of this many
CHROMIUM = "/usr/bin/chromium"
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75,
         "is_mobile": True, "has_touch": True}  # Lighthouse's mobile screen


def site_pages() -> list[str]:
    return sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html")
                  if not any(part.startswith("_") or part == "downloads"
                             for part in p.relative_to(SITE).parts) and p.name != "404.html")


def transferred(context, url: str) -> int:
    """Bytes over the wire (gzip, headers included) to load `url` and what it pulls in,
    with whatever the context has cached."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    total = [0]
    cdp.on("Network.loadingFinished", lambda e: total.__setitem__(0, total[0] + e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    page.close()
    return total[0]


def page_weights(base: str) -> list[tuple[str, float, float, str]]:
    from playwright.sync_api import sync_playwright
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            context = browser.new_context(**PHONE)
            rows.append(("front page, first load (gzip)", transferred(context, base + "index.html"),
                         FIRST_LOAD_BUDGET, "B"))
            context.close()
            heaviest = ("", 0)
            for edition in ("", "en/"):  # a reader who opened the edition's front page
                context = browser.new_context(**PHONE)
                transferred(context, base + edition + "index.html")
                for name in site_pages():
                    if name.startswith("en/") == (edition == "en/") and name != edition + "index.html":
                        weight = transferred(context, base + name)
                        heaviest = max(heaviest, (name, weight), key=lambda t: t[1])
                context.close()
            rows.append((f"heaviest further page: {heaviest[0]}", heaviest[1],
                         FURTHER_PAGE_BUDGET, "B"))
        finally:
            browser.close()
    return rows


def lighthouse(base: str) -> list[tuple[str, float, float, str]]:
    """Lighthouse 12 (npm), default mobile settings; the median score of each category."""
    import json
    import statistics
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    rows = []
    for name in LIGHTHOUSE_PAGES:
        runs = []
        for _ in range(LIGHTHOUSE_RUNS):
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "report.json"
                subprocess.run(
                    [str(binary), base + name, "--quiet", "--output=json", f"--output-path={out}",
                     "--only-categories=performance,accessibility,best-practices,seo",
                     "--chrome-flags=--headless=new --no-sandbox"],
                    check=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
                runs.append(json.loads(out.read_text()))
        for category, target in LIGHTHOUSE_TARGETS.items():
            score = statistics.median(r["categories"][category]["score"] * 100 for r in runs)
            rows.append((f"Lighthouse {category}: {name}", score, target, "score"))
        for audit, label in (("largest-contentful-paint", "LCP"),
                             ("total-byte-weight", "transferred")):
            value = statistics.median(r["audits"][audit]["numericValue"] for r in runs)
            shown = f"{value / 1000:.2f} s" if audit.endswith("paint") else f"{value / 1024:.0f} KiB"
            print(f"     {label} {name}: {shown}")
        for r in runs:  # what to fix, when a category misses
            for category in LIGHTHOUSE_TARGETS:
                for ref in r["categories"][category]["auditRefs"]:
                    a = r["audits"][ref["id"]]
                    if ref["weight"] and a["score"] is not None and a["score"] < 1 and category != "performance":
                        print(f"     {category} {name}: {a['id']} ({a['title']})")
            break
    return rows


def pdf_pages(path: str) -> int:
    from pypdf import PdfReader
    return len(PdfReader(str(SITE / path)).pages)


# A4 pages of each PDF (the EPUBs reflow: they have no pages to count)
PAGE_BUDGETS = [
    ("Chinese PDF", lambda: pdf_pages("downloads/tianqiao-2023-zh.pdf"), 80, "pages"),
    ("English PDF", lambda: pdf_pages("en/downloads/tianqiao-2023-en.pdf"), 80, "pages"),
]


def timed_html_build() -> float:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "sphinx", "-E", "-q", "-b", "html", "docs", out],
                       cwd=ROOT, check=True, env={**os.environ, "BOOK_LANG": "zh"})
        return time.perf_counter() - start


CPU_SECONDS: dict[str, float] = {}  # what each timed step cost in CPU (shared machines)


def median_of_three(run) -> float:
    times, cpu = [], []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    CPU_SECONDS[run.__qualname__.split(".")[0]] = statistics.median(cpu)
    return statistics.median(times)


CHAPTER = ROOT / "docs" / "renewal.md"


def edited_chapter_make_html() -> float:
    """An editor saves one chapter, then `make html` (both editions)."""
    subprocess.run(["make", "-s", "html"], cwd=ROOT, check=True, capture_output=True)

    def run():
        CHAPTER.touch()
        subprocess.run(["make", "-s", "html"], cwd=ROOT, check=True, capture_output=True)
    return median_of_three(run)


def live_rebuild() -> float:
    """What `make live` does after a saved chapter: from the save to the server saying
    it serves the new pages (its own folders; one edition). Its builds run in processes
    forked from its warm server, so their CPU time is read from /proc."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handle, name = tempfile.mkstemp(suffix=".log")
    os.close(handle)
    log = Path(name)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log.open("w") as out:
        live = subprocess.Popen(["make", "-s", "live", f"PORT={port}"], cwd=ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def served(count):
        deadline = time.monotonic() + 300
        while log.read_text().count("Serving on") < count:
            if live.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"`make live` failed:\n{log.read_text()}")
            time.sleep(0.02)

    try:
        served(1)  # the first build; the watcher starts with the web server, after it
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        time.sleep(0.5)  # for the watcher to be watching
        builds, cpu = [1], []

        def run():
            before = _tree_cpu(live.pid)
            CHAPTER.touch()
            builds[0] += 1
            served(builds[0])
            cpu.append(_tree_cpu(live.pid) - before)
        seconds = median_of_three(run)
        CPU_SECONDS["live_rebuild"] = statistics.median(cpu)
        if "The build failed" in log.read_text():  # scripts/live.py's line for a failed build
            raise RuntimeError(f"a live rebuild failed:\n{log.read_text()}")
        return seconds
    finally:
        os.killpg(live.pid, signal.SIGTERM)
        live.wait(timeout=30)
        log.unlink()


def _tree_cpu(pid: int) -> float:
    """CPU seconds of a process and its descendants, with the children they reaped."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:  # gone meanwhile
        return 0.0
    own = sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime .. cstime
    return own + sum(_tree_cpu(int(child)) for child in children)


def timed_noop_make() -> float:
    start = time.perf_counter()
    subprocess.run(["make", "-s", "book"], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def timed_tests(target: str) -> float:
    """`make check` or `make test` with the book already built, as an editor runs them."""
    subprocess.run(["make", "-s", "book"], cwd=ROOT, check=True, capture_output=True)  # the chapter touched above
    start = time.perf_counter()
    subprocess.run(["make", "-s", target], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    if not (SITE / ".complete").exists():
        print("no complete site: run `make book` first")
        return 1
    rows = [(what, measure(), budget, unit)
            for what, measure, budget, unit in SIZE_BUDGETS + PAGE_BUDGETS]
    sys.path.insert(0, str(ROOT / "scripts"))
    from siteserver import serve, site_prefix
    with serve(SITE, site_prefix(SITE)) as base:
        rows += page_weights(base)
        rows += lighthouse(base)
    rows.append(("clean HTML build (zh)", timed_html_build(), 60, "s"))
    rows.append(("`make book` with nothing changed", timed_noop_make(), 5, "s"))
    rows.append(("one chapter saved -> `make html` (median)", edited_chapter_make_html(), 5, "s"))
    rows.append(("one chapter saved -> live rebuild (median)", live_rebuild(), 3, "s"))
    rows.append(("`make check`", timed_tests("check"), 60, "s"))
    rows.append(("`make test`, the book built", timed_tests("test"), 240, "s"))
    failed = 0
    for what, value, budget, unit in rows:
        ok = value >= budget if unit == "score" else value <= budget
        failed += not ok
        if unit == "score":
            shown, limit = f"{value:.0f}", f"at least {budget}"
        elif unit == "B" and budget < 1e6:
            shown, limit = f"{value / 1e3:.1f} KB", f"{budget / 1e3:.0f} KB"
        elif unit == "B":
            shown, limit = f"{value / 1e6:.2f} MB", f"{budget / 1e6:.1f} MB"
        elif unit == "pages":
            shown, limit = f"{value} pages", f"{budget} pages"
        else:
            shown, limit = f"{value:.1f} s", f"{budget:.0f} s"
        print(f"{'ok  ' if ok else 'FAIL'} {what:<52} {shown:>10}  (budget {limit})")
    for step, cpu in CPU_SECONDS.items():  # wall time on a busy machine says little alone
        print(f"     {step}: {cpu:.1f} s of CPU (median); load average {os.getloadavg()[0]:.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
