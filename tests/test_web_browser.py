"""The book as a website in Chromium, served under its path as a static host serves
it: the colour mode set before any script, the trimmed stylesheet styling every element
as the whole one, axe-core (npm, current version) clean on every page, the whole site
under a sub-path, chart text readable on a phone."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from helpers import ROOT
from helpers import site_pages as pages

sys.path.insert(0, str(ROOT / "scripts"))
from siteserver import serve, site_prefix  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"  # screenshots of key pages, to look at
SCREENSHOTS = {"index", "overview", "governance", "renewal", "appendix/data", "en/index",
               "en/projects", "en/renewal"}


@pytest.fixture(scope="module")
def hosted(site):
    """The site served as a static host serves it: gzip, under its sub-path."""
    from browser import browser
    with serve(site, site_prefix(site)) as base, browser() as b:
        yield base, b


def axe_problems(page) -> list[str]:
    """axe's critical, serious and moderate violations on the page, with their elements."""
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']]}"
            for v in result["violations"] if v["impact"] in ("critical", "serious", "moderate")]


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colour_theme_is_set_before_any_script_file(site, hosted, scheme):
    """The theme's inline line resolves the "auto" mode to the reader's light or dark
    setting itself (_templates/layout.html), as the theme's deferred script would: left
    to that script, the change restyles and lays out the whole page a second time (on
    the data appendix, a third of that work). Script files are blocked here."""
    base, b = hosted
    context = b.new_context(color_scheme=scheme)
    context.route("**/*", lambda route: route.abort() if urlsplit(route.request.url).path
                  .endswith(".js") else route.continue_())
    page = context.new_page()
    for name in ("index.html", "appendix/data.html", "en/renewal.html"):
        page.goto(base + name)
        assert page.evaluate("[document.documentElement.dataset.mode, "
                             "document.documentElement.dataset.theme]") == ["auto", scheme], name
    context.close()


# each element as "tag#id.class hash", the hash of all its computed properties (custom
# ones too), sorted: hashed in the page, as the full text of 1,400 elements is slow to move
STYLE_OF_EVERY_ELEMENT = """() => [...document.querySelectorAll('*')].map(e => {
    const s = getComputedStyle(e);
    const text = [...s].sort().map(p => p + ':' + s.getPropertyValue(p)).join(';');
    let hash = 0;
    for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) | 0;
    return e.tagName + '#' + e.id + '.' + e.getAttribute('class') + ' ' + hash;
})"""


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
@pytest.mark.slow
def test_trimmed_theme_css_styles_every_element_as_the_whole_one(site, hosted):
    """bookweb/unusedcss.py drops most of the theme stylesheet's rules: with the whole file
    served instead (less the icon font's rules, bookweb/icons.py), every element has the same
    computed style, every property: an English chapter on a phone with the sidebar open, the
    data appendix on a desktop in dark mode."""
    import gzip
    import pydata_sphinx_theme
    from bookweb.icons import _ICON_FONT_RULE
    whole = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
             / "static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    whole = _ICON_FONT_RULE.sub("", whole).encode()
    trimmed = (site / "_static/styles/pydata-sphinx-theme.css").read_bytes()
    assert len(gzip.compress(trimmed)) < len(gzip.compress(whole)) / 2
    base, b = hosted
    differ = []
    for viewport, scheme, names in (  # each edition has its own trimmed file
            ({"width": 390, "height": 844}, "light", ["en/renewal.html"]),
            ({"width": 1280, "height": 900}, "dark", ["appendix/data.html"])):
        styles = {}
        for serve_whole in (False, True):
            context = b.new_context(viewport=viewport, color_scheme=scheme)
            if serve_whole:
                context.route("**/pydata-sphinx-theme.css*", lambda route: route.fulfill(
                    body=whole, content_type="text/css"))
            page = context.new_page()
            for name in names:
                page.goto(base + name)
                if viewport["width"] < 500:
                    page.locator(".primary-toggle").first.click()
                    page.wait_for_timeout(500)  # the sidebar's transition
                styles[serve_whole, name] = page.evaluate(STYLE_OF_EVERY_ELEMENT)
            context.close()
        for name in names:
            trim, full = styles[False, name], styles[True, name]
            assert len(trim) == len(full), name
            differ += [f"{viewport['width']}px {name}: {a.rsplit(' ', 1)[0]}"
                       for a, c in zip(trim, full) if a != c]
    assert differ == []


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
def test_axe_catches_planted_faults(hosted):
    """An image without alt text, and a button named other than its label reads (the
    rule the Python wrapper's older axe does not run)."""
    _, b = hosted
    page = b.new_page()
    page.set_content('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
                     '<img src="x.png"><button aria-label="Search">Search Ctrl+K</button>'
                     '</main></body></html>')  # (and no h1)
    page.add_script_tag(path=str(AXE))
    assert sorted(problem.split()[0] for problem in axe_problems(page)) == [
        "image-alt", "label-content-name-mismatch", "page-has-heading-one"]
    page.close()


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
@pytest.mark.slow
def test_axe_current_version_clean_on_every_page(site, hosted):
    """axe-core from npm (the Python wrapper bundles an older one that misses
    rules): no critical, serious or moderate violation, desktop and phone."""
    base, b = hosted
    found = []
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        context = b.new_context(viewport=viewport)
        context.add_init_script(path=str(AXE))  # in every page as it opens: no second trip
        page = context.new_page()
        for name in pages(site):
            page.goto(base + name, wait_until="load")
            found += [f"{viewport['width']}px {name}: {problem}" for problem in axe_problems(page)]
        version = page.evaluate("axe.version")
        context.close()
    assert found == []
    npm = json.loads((ROOT / "package.json").read_text())["devDependencies"]["axe-core"]
    assert version == npm


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
@pytest.mark.slow
def test_site_works_under_a_sub_path(site, hosted):
    """Every page of both editions, served as a host serves it (gzip, under the site's
    path): it loads with no failed request, nothing from another server, no script
    error, and every image (the lazy ones too) shows. Then the 404 page at any depth."""
    base, b = hosted
    prefix = urlsplit(base).path
    assert prefix != "/"
    context = b.new_context(viewport={"width": 1280, "height": 900})
    failed, outside, errors = [], [], []
    context.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    context.on("request", lambda r: r.url.startswith(base) or outside.append(r.url))
    names = [name for name in pages(site) if not name.endswith("404.html")]
    assert len(names) > 20
    tabs = [context.new_page() for _ in range(4)]
    for tab in tabs:
        tab.on("pageerror", lambda exc, tab=tab: errors.append(f"{tab.url}: {exc}"))
        tab.on("console", lambda m, tab=tab: m.type == "error" and errors.append(f"{tab.url}: {m.text}"))
    ARTIFACTS.mkdir(exist_ok=True)
    for batch in range(0, len(names), len(tabs)):  # tabs wait for a quiet network together
        loading = list(zip(tabs, names[batch:batch + len(tabs)]))
        for page, name in loading:
            page.goto(base + name, wait_until="commit")
        for page, name in loading:
            page.wait_for_load_state("networkidle")
            # lazy images load when scrolled to: load them all now, then look
            page.eval_on_selector_all("img[loading=lazy]", """els => Promise.all(els.map(e => {
                e.loading = "eager"; return e.decode().catch(() => null); }))""")
            broken = page.eval_on_selector_all(
                "img", "els => els.filter(e => !(e.complete && e.naturalWidth > 0)).map(e => e.src)")
            assert broken == [], name
            if name.removesuffix(".html") in SCREENSHOTS:
                page.screenshot(path=str(ARTIFACTS / name.replace("/", "-").replace(".html", ".png")))
    assert errors == []
    page = tabs[0]
    assert failed == [] and outside == []
    # a missing page, deep under the site: the nearest 404 page (the English one under
    # en/, as scripts/siteserver.py and Cloudflare Pages serve it), styled, and its
    # links work from there
    for missing, title, follow, lands in (
            ("a/b/c/missing.html", "页面未找到", "article a", "index.html"),
            ("en/x/y/missing.html", "Page not found", "article a", "en/index.html")):
        response = page.goto(base + missing, wait_until="networkidle")
        assert response.status == 404
        assert page.locator("article h1").inner_text().strip() == title
        # the theme's stylesheets and icons applied (not the browser's bare page)
        assert page.evaluate("getComputedStyle(document.querySelector('.bd-sidebar-primary')).display") != "inline"
        assert page.locator(".bd-header-article svg.svg-inline--fa").count() > 0
        page.locator(follow).first.click()
        page.wait_for_load_state("networkidle")
        assert page.url == base + lands
    context.close()
    assert failed == [f"404 {base}a/b/c/missing.html", f"404 {base}en/x/y/missing.html"]
    assert outside == []


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
@pytest.mark.parametrize("name", ["projects.html", "en/projects.html"])
def test_chart_text_is_readable_on_a_phone(site, hosted, name):
    """At 390 px the browser picks each chart's narrow variant, and its smallest
    text renders at 11 px or more."""
    base, b = hosted
    context = b.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.goto(base + name, wait_until="networkidle")
    images = page.locator("figure.chart img")
    for i in range(images.count()):  # lazy: each loads once scrolled into view
        images.nth(i).scroll_into_view_if_needed()
        images.nth(i).evaluate("e => e.decode()")
    shown = page.eval_on_selector_all("figure.chart img", "els => els.map(e => [e.currentSrc, e.clientWidth])")
    assert shown
    for src, width in shown:
        assert src.endswith("-narrow.svg"), src
        svg = (site / src.removeprefix(base)).read_text(encoding="utf-8")
        view_width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg)[1])
        sizes = [float(s) * 100 for s in re.findall(r"scale\(([\d.]+) -\1\)", svg)]  # text, pt
        assert sizes, src
        assert min(sizes) * width / view_width >= 11, (src, min(sizes), width)
    if name == "projects.html":
        page.locator("#fig-key-projects").scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "projects-phone-chart.png"))
    context.close()
