"""The site in a real browser: search works for Chinese words, pages load cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import CHROMIUM, browser, serve

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")]

ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def page_on_site(site):
    with serve(site) as base, browser() as b:
        context = b.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        yield base, page, errors
        context.close()


@pytest.mark.parametrize("query, expected", [
    ("老旧小区", "renewal.html"),
    ("专项债", "projects.html"),
    ("党群服务站", "governance.html"),
    ("城市更新", "renewal.html"),
])
def test_chinese_search_finds_the_right_page(page_on_site, query, expected):
    base, page, errors = page_on_site
    errors.clear()
    page.goto(f"{base}/search.html?q={query}")
    page.wait_for_selector("#search-results ul li", timeout=15000)
    hrefs = page.eval_on_selector_all("#search-results ul li a", "els => els.map(e => e.href)")
    assert any(expected in h for h in hrefs), hrefs
    assert errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    if query == "老旧小区":
        page.screenshot(path=str(ARTIFACTS / "search-zh.png"))


@pytest.mark.parametrize("name", ["index", "overview", "governance", "projects", "renewal",
                                  "appendix/data"])
def test_pages_load_without_errors(page_on_site, name):
    base, page, errors = page_on_site
    errors.clear()
    page.goto(f"{base}/{name}.html")
    page.wait_for_load_state("networkidle")
    broken = page.eval_on_selector_all(
        "img", "els => els.filter(e => !(e.complete && e.naturalWidth > 0)).map(e => e.src)")
    assert broken == []
    assert errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name.replace('/', '-')}.png"), full_page=False)
