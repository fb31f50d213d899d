"""The site in a real browser (Debian's Chromium via Playwright): search, the download
menu and language switch, dark mode, a phone's width. (Every page loading cleanly under
the site's path, and axe: test_web.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import CHROMIUM, browser, serve

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")]

ARTIFACTS = Path(__file__).parent / "artifacts"
class Session:
    """One browser page on the served site that records what goes wrong."""

    def __init__(self, base, context):
        self.base = base
        self.page = context.new_page()
        self.errors, self.outside = [], []
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        # Nothing may leave the site: record and block every other host.
        context.route("**/*", self._route)

    def _route(self, route):
        if route.request.url.startswith(self.base):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, path):
        self.errors.clear()
        self.page.goto(f"{self.base}/{path}", wait_until="networkidle")
        return self.page


@pytest.fixture(scope="module")
def served(site):
    """One server and one browser for the module (Playwright's sync API allows
    only one instance at a time)."""
    ARTIFACTS.mkdir(exist_ok=True)
    with serve(site) as base, browser() as b:
        yield base, b


@pytest.fixture(scope="module")
def session(served):
    base, b = served
    context = b.new_context(viewport={"width": 1280, "height": 900})
    yield Session(base, context)
    context.close()


@pytest.fixture(scope="module")
def dark_session(served):
    base, b = served
    context = b.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    yield Session(base, context)
    context.close()


@pytest.mark.parametrize("query, expected", [
    ("老旧小区", "renewal.html"),
    ("专项债", "projects.html"),
    ("党群服务站", "governance.html"),
    ("城市更新", "renewal.html"),
    ("en:renovation", "renewal.html"),
    ("en:bonds", "projects.html"),
])
def test_search_finds_the_right_page(session, query, expected):
    prefix = "en/" if query.startswith("en:") else ""
    words = query.removeprefix("en:")
    page = session.open(f"{prefix}search.html?q={words}")
    page.wait_for_selector("#search-results ul li", timeout=15000)
    hrefs = page.eval_on_selector_all("#search-results ul li a", "els => els.map(e => e.href)")
    assert any(h.endswith(prefix + expected) or f"/{prefix}{expected}" in h for h in hrefs), hrefs
    # snippets come from the article, not the header's buttons
    page.wait_for_selector("#search-results ul li p.context", timeout=15000)
    snippets = " ".join(page.eval_on_selector_all("#search-results ul li p.context",
                                                  "els => els.map(e => e.textContent)"))
    for header_label in ("颜色模式", "跟随系统", "System Settings", "Color mode", "亮色"):
        assert header_label not in snippets, snippets[:300]
    assert session.errors == []
    if words == "老旧小区":
        page.screenshot(path=str(ARTIFACTS / "search-zh.png"))


def test_download_menu_and_language_switch_work(session):
    page = session.open("governance.html")
    page.click(".edition-switch")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/en/governance.html")
    page.click(".edition-switch")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/governance.html") and "/en/" not in page.url
    page = session.open("search.html?q=专项债")  # the search page keeps its query
    page.click(".edition-switch")
    page.wait_for_load_state("networkidle")
    assert "/en/search.html?q=" in page.url
    for href in page.eval_on_selector_all(
            "a[href*='downloads/']", "els => els.map(e => e.href)"):
        response = page.request.get(href)
        assert response.ok, href


def test_charts_stay_legible_in_dark_mode(dark_session):
    page = dark_session.open("projects.html")  # the chapter with the chart
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    backgrounds = page.eval_on_selector_all(
        "figure.chart img", "els => els.map(e => getComputedStyle(e).backgroundColor)")
    assert backgrounds and all(b == "rgb(255, 255, 255)" for b in backgrounds)
    page.screenshot(path=str(ARTIFACTS / "projects-dark.png"))


@pytest.fixture(scope="module")
def phone_session(served):
    base, b = served
    context = b.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    yield Session(base, context)
    context.close()


@pytest.mark.parametrize("name", ["overview", "projects", "renewal", "en/overview", "en/renewal"])
def test_pages_fit_a_phone(phone_session, name):
    """On a 390-pixel phone nothing pushes the page sideways, and the chapters'
    tables of facts fit the column (only the wide data appendix may scroll)."""
    page = phone_session.open(f"{name}.html")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    tolerance = 0 if not name.startswith("en/") else 40  # long English words may poke out
    overflow = page.eval_on_selector_all(
        "article table.fact-table:not(.fact-appendix)",
        "ts => ts.map(t => t.scrollWidth - t.parentElement.clientWidth)")
    assert overflow and max(overflow) <= tolerance, overflow
    if name == "overview":
        page.locator("article table.fact-table").first.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "overview-phone.png"))


def test_header_controls_show_keyboard_focus(session):
    page = session.open("overview.html")
    for selector in (".edition-switch", ".bd-header-article .btn"):
        page.focus(selector)
        outline = page.eval_on_selector(selector, "e => getComputedStyle(e).outlineStyle")
        # :focus-visible applies to keyboard focus; Playwright's focus() counts as such
        assert outline != "none", selector
