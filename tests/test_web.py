"""The book as a website: light pages, complete metadata between the two editions,
a sitemap, social cards, a 404 page at any depth, the site under a sub-path, charts
readable on a phone, and axe-core (npm, current version) clean on every page."""

from __future__ import annotations

import json
import re
import struct
import sys
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from siteserver import serve, site_prefix  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"  # screenshots of key pages, to look at
SCREENSHOTS = {"index", "overview", "governance", "renewal", "appendix/data", "en/index",
               "en/projects", "en/renewal"}
NOT_LISTED = {"search", "genindex", "404"}  # pages kept out of sitemaps and alternates
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not any(part.startswith("_") or part == "downloads"
                             for part in p.relative_to(site).parts))


def soup(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def site_url(site: Path) -> str:
    canonical = soup(site, "index.html").find("link", rel="canonical")["href"]
    return canonical.removesuffix("index.html")


def counterpart(name: str) -> tuple[str, str]:
    """(Chinese page, English page) for a page of either edition."""
    zh = name.removeprefix("en/")
    return zh, "en/" + zh


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


# ---------------------------------------------------------------- weight ----

def test_icons_are_inline_svg_without_fontawesome_script(site):
    assert not (site / "_static/scripts/fontawesome.js").exists()
    for name in pages(site):
        html = (site / name).read_text(encoding="utf-8")
        assert "fontawesome.js" not in html, name
        assert not re.search(r'<(i|span) class="[^"]*\bfa-', html), name
        page = soup(site, name)
        # the buttons a reader sees still show their icons
        for selector in (".primary-toggle", ".theme-switch-button", ".edition-switch",
                         ".search-button-field"):
            button = page.select_one(selector)
            assert button is not None and button.select_one("svg.svg-inline--fa path[d]"), \
                (name, selector)


def test_no_script_blocks_the_first_paint(site):
    """Every script in <head> is deferred (or a module), so the page paints as soon as it is
    parsed; the theme's one inline line that picks the colour mode must run at once, and the
    search page keeps its scripts as they are (bookweb/deferjs.py)."""
    blocking = []
    for name in pages(site):
        if name.endswith("search.html"):
            continue
        for script in soup(site, name).head.find_all("script"):
            if script.get("type", "text/javascript") not in ("text/javascript", "module"):
                continue  # data, not code (the front page's JSON-LD)
            if script.get("src") and not (script.has_attr("defer") or script.has_attr("async")):
                blocking.append(f"{name}: {script['src']}")
            elif not script.get("src") and script.get("type") != "module" \
                    and "localStorage" not in script.get_text():
                blocking.append(f"{name}: inline {script.get_text().strip()[:40]!r}")
    assert not blocking, "\n".join(blocking)


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


def test_unused_theme_css_rules_go_and_the_rest_stay():
    from bookweb.unusedcss import trim_css
    css = ('@charset "UTF-8";/*! licence */.used{a:1}.unused{b:2}.used,.unused>p{c:3}'
           '.x:not(.unused){d:4}a[href$=".pdf"]{e:5}@media (min-width:1px){.unused{f:6}'
           '.used .also{g:7}}@media print{#used{h:8}}:root,[data-theme=dark]{--v:1}'
           '.bs-tooltip-auto{i:9}@keyframes k{0%{opacity:0}}/* a note */')
    assert trim_css(css, {"used", "x"}) == (
        '@charset "UTF-8";/*! licence */.used{a:1}.used{c:3}.x:not(.unused){d:4}'
        'a[href$=".pdf"]{e:5}@media print{#used{h:8}}:root,[data-theme=dark]{--v:1}'
        '.bs-tooltip-auto{i:9}@keyframes k{0%{opacity:0}}')


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


def test_search_index_loads_on_the_search_page_only(site):
    for name in pages(site):
        html = (site / name).read_text(encoding="utf-8")
        wanted = name.endswith("search.html")
        assert ("searchindex.js" in html) == wanted, name
        assert ("searchtools.js" in html) == wanted, name


def test_images_keep_their_space_and_load_lazily(site):
    charts = 0
    for name in pages(site):
        for img in soup(site, name).select("article img"):
            assert img.get("width") and img.get("height"), (name, img.get("src"))
            assert img.get("loading") == "lazy" and img.get("decoding") == "async", name
            if "chart" in img.find_parent("figure").get("class", []):
                charts += 1
                source = img.find_parent("picture").find("source")
                assert source["media"] == "(max-width: 599.98px)"
                assert source["width"] and source["height"]
                assert (site / name).parent.joinpath(source["srcset"]).resolve().exists()
    assert charts >= 4  # two charts in each edition


# ------------------------------------------------------------- metadata ----

def test_every_page_has_canonical_description_open_graph_and_alternates(site):
    base = site_url(site)
    for name in pages(site):
        page = soup(site, name)
        stem = name.removesuffix(".html")
        canonical = page.find_all("link", rel="canonical")
        assert [c["href"] for c in canonical] == [base + name], name
        robots = page.find("meta", attrs={"name": "robots"})
        if stem.split("/")[-1] in NOT_LISTED:  # utility pages: noindex, no card
            assert robots["content"] == "noindex", name
            continue
        assert robots is None, name
        description = page.find("meta", attrs={"name": "description"})
        assert description and len(description["content"].strip()) > 20, name
        og = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
        edition = "en" if name.startswith("en/") else "zh"
        assert og["og:url"] == base + name, name
        assert og["og:title"].strip(), name
        image = og["og:image"]
        assert image == base + ("en/" if edition == "en" else "") + f"_static/social-card-{edition}.png"
        assert (site / image.removeprefix(base)).exists()
        assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
        alternates = {link["hreflang"]: link["href"]
                      for link in page.find_all("link", rel="alternate", hreflang=True)}
        zh, en = counterpart(name)
        assert alternates == {"zh-CN": base + zh, "en": base + en, "x-default": base + zh}, name
        assert (site / zh).exists() and (site / en).exists()


def test_every_page_has_one_viewport_tag(site):
    """Sphinx's layout, docutils and the theme each write one; the layout's stays
    (bookweb/head.py, _templates/layout.html)."""
    for name in pages(site):
        tags = soup(site, name).find_all("meta", attrs={"name": "viewport"})
        assert [tag["content"] for tag in tags] == ["width=device-width, initial-scale=1.0"], name


def test_social_cards_are_large_pngs_per_edition(site):
    cards = [site / "_static/social-card-zh.png", site / "en/_static/social-card-en.png"]
    for card in cards:
        width, height = png_size(card)
        assert width >= 1200 and height >= 630 and abs(width / height - 1200 / 630) < 0.01
    assert cards[0].read_bytes() != cards[1].read_bytes()


@pytest.mark.parametrize("edition", ["zh", "en"])
def test_social_card_title_fits_and_an_overlong_one_is_reported(edition, tmp_path, monkeypatch,
                                                                 caplog):
    import runpy
    from bookweb.socialcard import draw_card
    from factbook.data import load_facts
    monkeypatch.setenv("BOOK_LANG", edition)
    card = runpy.run_path(str(ROOT / "conf.py"))["bookweb_social_card"]
    facts = load_facts(ROOT / "facts.yaml")
    draw_card(facts, edition, card["title"], card["subtitle"], list(card["keys"]), tmp_path / "a.png")
    assert "does not fit" not in caplog.text
    draw_card(facts, edition, card["title"] * 3, card["subtitle"], list(card["keys"]),
              tmp_path / "b.png")
    assert "does not fit the card" in caplog.text


CARD = {"title": "测试", "subtitle": "副标题", "keys": ["land", "problems"]}


@pytest.mark.sphinx("html", testroot="factbook", srcdir="bookweb-social-card",
                    confoverrides={"extensions": ["myst_parser", "factbook", "bookformats", "bookweb"],
                                   "bookweb_edition": "zh", "bookweb_social_card": CARD})
@pytest.mark.slow
def test_social_card_is_drawn_again_only_when_what_it_shows_changes(app_params, make_app,
                                                                      rootdir):
    """Most rebuilds change a sentence: the card (half a second of matplotlib) stays;
    a changed figure it shows draws it again."""
    import shutil
    args, kwargs = app_params
    src = kwargs["srcdir"]
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree(rootdir / "test-factbook", src)

    def build():
        app = make_app(*args, **kwargs)
        app.build()
        assert app.statuscode == 0
        card = app.outdir / "_static" / "social-card-zh.png"
        return card.stat().st_mtime_ns, card.read_bytes()

    first = build()
    chapter = src / "chapter.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n又一句。\n", encoding="utf-8")
    assert build() == first  # the same file, not drawn again
    data = src / "facts.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("value: 470.4", "value: 470.5", 1),
                    encoding="utf-8")
    again = build()
    assert again[0] != first[0] and again[1] != first[1]


def test_sitemaps_cover_both_editions_and_robots_names_them(site):
    base = site_url(site)
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert robots == (f"User-agent: *\nAllow: /\n\n"
                      f"Sitemap: {base}sitemap.xml\nSitemap: {base}en/sitemap.xml\n")
    for edition in ("", "en/"):
        tree = ElementTree.parse(site / edition / "sitemap.xml")
        urls = tree.getroot().findall(f"{SM}url")
        expected = sorted(base + p for p in pages(site)
                          if p.startswith("en/") == (edition == "en/")
                          and Path(p).stem not in NOT_LISTED)
        assert sorted(u.findtext(f"{SM}loc") for u in urls) == expected
        for url in urls:
            name = url.findtext(f"{SM}loc").removeprefix(base)
            links = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
            zh, en = counterpart(name)
            assert links == {"zh-CN": base + zh, "en": base + en}


def test_404_page_links_are_absolute(site):
    prefix = urlsplit(site_url(site)).path
    for name, edition_prefix in (("404.html", prefix), ("en/404.html", prefix + "en/")):
        page = soup(site, name)
        refs = [tag.get("href") or tag.get("src") for tag in page.select("link[href], script[src], img[src]")]
        refs += [a["href"] for a in page.select("a[href]") if not a["href"].startswith("#")]
        assert refs and all(r.startswith(("/", "http")) for r in refs), name
        assert all(r.startswith(prefix) for r in refs if r.startswith("/")), name
        assert page.select_one("a.edition-switch")["href"].startswith(prefix)


# -------------------------------------------------------------- browser ----

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
    # a missing page, deep under the site: the site's 404 page (a static host serves
    # the root one for every missing URL), styled, and its links work from there
    for missing, follow, lands in (("a/b/c/missing.html", "article a", "index.html"),
                                   ("en/x/y/missing.html", "a.edition-switch", "en/index.html")):
        response = page.goto(base + missing, wait_until="networkidle")
        assert response.status == 404
        assert page.locator("article h1").inner_text().strip() == "页面未找到"
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
@pytest.mark.parametrize("name", ["projects.html", "renewal.html", "en/projects.html", "en/renewal.html"])
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
    if name == "renewal.html":
        page.locator("#fig-land").scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "renewal-phone-chart.png"))
    context.close()
