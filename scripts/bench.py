"""Speed and size of the book against targets (`make bench`, after `make book`).

Targets are budgets, not tests: a miss prints FAIL and exits 1, so a slow or
bloated change is noticed, while `make test` stays free of timing checks.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
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
    """What `make live` runs after a saved chapter (one edition, its own folders)."""
    build = [sys.executable, "-m", "sphinx", "build", "-b", "html", "-n", "-q",
             "-d", "_build/live/doctrees-zh", "docs", "_build/live/zh"]
    env = {**os.environ, "BOOK_LANG": "zh"}
    subprocess.run(build, cwd=ROOT, check=True, capture_output=True, env=env)

    def run():
        CHAPTER.touch()
        subprocess.run(build, cwd=ROOT, check=True, capture_output=True, env=env)
    return median_of_three(run)


def timed_noop_make() -> float:
    start = time.perf_counter()
    subprocess.run(["make", "-s", "book"], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    if not (SITE / ".complete").exists():
        print("no complete site: run `make book` first")
        return 1
    rows = [(what, measure(), budget, unit)
            for what, measure, budget, unit in SIZE_BUDGETS + PAGE_BUDGETS]
    rows.append(("clean HTML build (zh)", timed_html_build(), 60, "s"))
    rows.append(("`make book` with nothing changed", timed_noop_make(), 5, "s"))
    rows.append(("one chapter saved -> `make html` (median)", edited_chapter_make_html(), 5, "s"))
    rows.append(("one chapter saved -> live rebuild (median)", live_rebuild(), 3, "s"))
    failed = 0
    for what, value, budget, unit in rows:
        ok = value <= budget
        failed += not ok
        if unit == "B":
            shown, limit = f"{value / 1e6:.2f} MB", f"{budget / 1e6:.1f} MB"
        elif unit == "pages":
            shown, limit = f"{value} pages", f"{budget} pages"
        else:
            shown, limit = f"{value:.1f} s", f"{budget:.0f} s"
        print(f"{'ok  ' if ok else 'FAIL'} {what:<42} {shown:>10}  (budget {limit})")
    for step, cpu in CPU_SECONDS.items():  # wall time on a busy machine says little alone
        print(f"     {step}: {cpu:.1f} s of CPU (median); load average {os.getloadavg()[0]:.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
