"""Checks a publisher would run on the built site: links and anchors (LinkChecker),
markup (Nu HTML Checker), and that each check really fails on a planted fault."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser import serve
from helpers import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Warnings count: a missing anchor is only a warning to LinkChecker.
LINKCHECKER = [sys.executable, "-m", "linkcheck", "-f", str(ROOT / "tests" / "linkcheckerrc")]


def linkcheck(start: Path) -> subprocess.CompletedProcess:
    """Crawl from `start` over HTTP: as root, LinkChecker drops to user nobody,
    who may not read the build folder; the server (this process) can."""
    with serve(start.parent) as base:
        return subprocess.run([*LINKCHECKER, f"{base}/{start.name}"], capture_output=True,
                              text=True, timeout=900)


def html_pages(site: Path) -> list[str]:
    return [str(p) for p in site.rglob("*.html") if "_static" not in p.parts]


def vnu(paths) -> subprocess.CompletedProcess:
    return subprocess.run(["java", "-jar", str(VNU), "--errors-only", *paths],
                          capture_output=True, text=True, timeout=600)


def plant(tmp_path, body: str) -> Path:
    (tmp_path / "target.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        '<body><h1 id="here">t</h1></body></html>', encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>i</title>'
                    f'</head><body>{body}</body></html>', encoding="utf-8")
    return page


def test_every_internal_link_and_anchor_resolves(site):
    result = linkcheck(site / "index.html")
    assert result.returncode == 0, result.stdout[-3000:]
    assert " 0 errors found" in result.stdout and " 0 warnings found" in result.stdout
    # Both editions were crawled (the language switch links them).
    checked = int(result.stdout.split(" links in ")[0].rsplit("\n", 1)[-1].split()[-1])
    assert checked > 500, result.stdout[-500:]


@pytest.mark.parametrize("body", [
    '<a href="missing.html">a broken link</a>',
    '<a href="target.html#nowhere">a broken anchor</a>',
    '<img src="missing.png" alt="a missing image">',
])
def test_linkchecker_catches_planted_faults(tmp_path, body):
    assert linkcheck(plant(tmp_path, body)).returncode != 0
    ok = plant(tmp_path, '<a href="target.html#here">fine</a>')
    assert linkcheck(ok).returncode == 0


@pytest.mark.skipif(not VNU.exists(), reason="needs npm vnu-jar (make test installs it)")
def test_markup_is_valid(site):
    result = vnu(html_pages(site))
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.skipif(not VNU.exists(), reason="needs npm vnu-jar (make test installs it)")
def test_vnu_catches_planted_fault(tmp_path):
    page = plant(tmp_path, "<p><div>block in a paragraph</p></div>")
    assert vnu([str(page)]).returncode != 0
