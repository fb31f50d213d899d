"""scripts/siteserver.py serves a missing page as a static host does: 404 with the
nearest 404.html up the tree (the English one under en/), the site's own elsewhere."""

from __future__ import annotations

import sys
import urllib.error
import urllib.request

import pytest

from helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import siteserver  # noqa: E402


@pytest.fixture
def site(tmp_path):
    (tmp_path / "en" / "deep").mkdir(parents=True)
    (tmp_path / "index.html").write_text("<h1>天桥</h1>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>页面未找到</h1>", encoding="utf-8")
    (tmp_path / "en" / "404.html").write_text("<h1>Page not found</h1>", encoding="utf-8")
    return tmp_path


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.mark.parametrize("path, answer", [
    ("index.html", (200, "<h1>天桥</h1>")),
    ("missing.html", (404, "<h1>页面未找到</h1>")),
    ("a/b/c/missing.html", (404, "<h1>页面未找到</h1>")),
    ("en/missing.html", (404, "<h1>Page not found</h1>")),
    ("en/x/y/missing.html", (404, "<h1>Page not found</h1>")),
    ("en/deep/missing.html", (404, "<h1>Page not found</h1>")),
    ("enx/missing.html", (404, "<h1>页面未找到</h1>")),
    ("../../etc/passwd", (404, "<h1>页面未找到</h1>")),
])
def test_missing_page_gets_the_nearest_404_page(site, path, answer):
    with siteserver.serve(site, compress=False) as base:
        assert fetch(base + path) == answer


def test_site_without_404_page_answers_plain_404(tmp_path):
    (tmp_path / "index.html").write_text("x", encoding="utf-8")
    with siteserver.serve(tmp_path, compress=False) as base:
        assert fetch(base + "en/missing.html") == (404, "not found")
