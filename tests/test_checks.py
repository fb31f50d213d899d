"""Checks a publisher would run on the built site: links (LinkChecker), anchors,
markup (Nu HTML Checker), and that each check really fails on a planted fault."""

from __future__ import annotations

import html.parser
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser import serve
from helpers import JAVA, ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Warnings count (a redirect, say, is only a warning to LinkChecker).
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
    return subprocess.run([*JAVA, "-jar", str(VNU), "--errors-only", *paths],
                          capture_output=True, text=True, timeout=600)


def plant(tmp_path, body: str) -> Path:
    (tmp_path / "target.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        '<body><h1 id="here">t</h1></body></html>', encoding="utf-8")
    page = tmp_path / "index.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>i</title>'
                    f'</head><body>{body}</body></html>', encoding="utf-8")
    return page


class _Anchors(html.parser.HTMLParser):
    """The ids a page defines and the fragment links it makes."""

    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids.update(v for k, v in attrs.items() if k == "id" or (k == "name" and tag == "a"))
        if tag == "a" and "#" in (attrs.get("href") or ""):
            self.links.append(attrs["href"])


def broken_anchors(root: Path) -> list[str]:
    """Every `<a href="page#fragment">` within the site whose page has no such id.
    LinkChecker's own anchor check fetches and parses a page again for every link
    with a fragment (750 fetches, over two minutes here): here each page is parsed once."""
    parsed = {}
    for path in root.rglob("*.html"):
        parser = _Anchors()
        parser.feed(path.read_text(encoding="utf-8"))
        parsed[path] = parser
    broken = []
    for path, parser in sorted(parsed.items()):
        for href in parser.links:
            url = urlsplit(href)
            if url.scheme or url.netloc or not url.fragment:
                continue
            target = (path.parent / unquote(url.path)).resolve() if url.path else path
            if target.is_dir():
                target = target / "index.html"
            if target in parsed and unquote(url.fragment) not in parsed[target].ids:
                broken.append(f"{path.relative_to(root)}: {href}")
    return broken


@pytest.mark.slow
def test_every_internal_link_and_anchor_resolves(site):
    result = linkcheck(site / "index.html")
    assert result.returncode == 0, result.stdout[-3000:]
    assert " 0 errors found" in result.stdout and " 0 warnings found" in result.stdout
    # Both editions were crawled (the language switch links them): pages, assets, downloads.
    checked = int(result.stdout.split(" links in ")[0].rsplit("\n", 1)[-1].split()[-1])
    assert checked > 100, result.stdout[-500:]
    assert broken_anchors(site) == []


@pytest.mark.parametrize("body", [
    '<a href="missing.html">a broken link</a>',
    '<img src="missing.png" alt="a missing image">',
])
def test_linkchecker_catches_planted_faults(tmp_path, body):
    assert linkcheck(plant(tmp_path, body)).returncode != 0
    ok = plant(tmp_path, '<a href="target.html#here">fine</a>')
    assert linkcheck(ok).returncode == 0


def test_broken_anchor_is_caught(tmp_path):
    plant(tmp_path, '<a href="target.html#here">fine</a> <a href="#top">top</a><a id="top"></a>')
    assert broken_anchors(tmp_path) == []
    plant(tmp_path, '<a href="target.html#nowhere">a broken anchor</a> <a href="#gone">gone</a>')
    assert broken_anchors(tmp_path) == ["index.html: target.html#nowhere", "index.html: #gone"]


@pytest.mark.skipif(not VNU.exists(), reason="needs npm vnu-jar (make test installs it)")
@pytest.mark.slow
def test_markup_is_valid(site):
    result = vnu(html_pages(site))
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.skipif(not VNU.exists(), reason="needs npm vnu-jar (make test installs it)")
def test_vnu_catches_planted_fault(tmp_path):
    page = plant(tmp_path, "<p><div>block in a paragraph</p></div>")
    assert vnu([str(page)]).returncode != 0
