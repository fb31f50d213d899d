"""The book as a website, checked on the built site without a browser: light pages
(icons inline, no blocking script, the search index on the search page only, images
that keep their space), complete metadata between the two editions, social cards,
sitemaps and a 404 page at any depth. In Chromium: test_web_browser.py; bookweb's
code in isolation: test_bookweb.py."""

from __future__ import annotations

import re
import struct
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

from helpers import site_pages as pages
from helpers import soup

NOT_LISTED = {"search", "genindex", "404"}  # pages kept out of sitemaps and alternates
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def site_url(site: Path) -> str:
    canonical = soup(site / "index.html").find("link", rel="canonical")["href"]
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
        page = soup(site / name)
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
        for script in soup(site / name).head.find_all("script"):
            if script.get("type", "text/javascript") not in ("text/javascript", "module"):
                continue  # data, not code (the front page's JSON-LD)
            if script.get("src") and not (script.has_attr("defer") or script.has_attr("async")):
                blocking.append(f"{name}: {script['src']}")
            elif not script.get("src") and script.get("type") != "module" \
                    and "localStorage" not in script.get_text():
                blocking.append(f"{name}: inline {script.get_text().strip()[:40]!r}")
    assert not blocking, "\n".join(blocking)


def test_search_index_loads_on_the_search_page_only(site):
    for name in pages(site):
        html = (site / name).read_text(encoding="utf-8")
        wanted = name.endswith("search.html")
        assert ("searchindex.js" in html) == wanted, name
        assert ("searchtools.js" in html) == wanted, name


def test_images_keep_their_space_and_load_lazily(site):
    charts = 0
    for name in pages(site):
        for img in soup(site / name).select("article img"):
            assert img.get("width") and img.get("height"), (name, img.get("src"))
            assert img.get("loading") == "lazy" and img.get("decoding") == "async", name
            if "chart" in img.find_parent("figure").get("class", []):
                charts += 1
                source = img.find_parent("picture").find("source")
                assert source["media"] == "(max-width: 599.98px)"
                assert source["width"] and source["height"]
                assert (site / name).parent.joinpath(source["srcset"]).resolve().exists()
    assert charts >= 2  # the chart in each edition


# ------------------------------------------------------------- metadata ----

def test_every_page_has_canonical_description_open_graph_and_alternates(site):
    base = site_url(site)
    for name in pages(site):
        page = soup(site / name)
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
        tags = soup(site / name).find_all("meta", attrs={"name": "viewport"})
        assert [tag["content"] for tag in tags] == ["width=device-width, initial-scale=1.0"], name


def test_social_cards_are_large_pngs_per_edition(site):
    cards = [site / "_static/social-card-zh.png", site / "en/_static/social-card-en.png"]
    for card in cards:
        width, height = png_size(card)
        assert width >= 1200 and height >= 630 and abs(width / height - 1200 / 630) < 0.01
    assert cards[0].read_bytes() != cards[1].read_bytes()


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
        page = soup(site / name)
        refs = [tag.get("href") or tag.get("src") for tag in page.select("link[href], script[src], img[src]")]
        refs += [a["href"] for a in page.select("a[href]") if not a["href"].startswith("#")]
        assert refs and all(r.startswith(("/", "http")) for r in refs), name
        assert all(r.startswith(prefix) for r in refs if r.startswith("/")), name
        assert page.select_one("a.edition-switch")["href"].startswith(prefix)
