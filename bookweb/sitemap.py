"""Each edition's sitemap.xml names the page's counterpart in the other edition,
and the site root gets a robots.txt that names both sitemaps.

sphinx-sitemap writes the sitemap of the edition being built. Its hreflang
alternates assume every language lives under `<lang>/`, which is not this site's
layout (Chinese at the root, English in `en/`), and it lists only the pages
written in that run; so it runs with alternates off and this module completes
its output: every page of the edition, each with its `xhtml:link` alternates.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from xml.etree import ElementTree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def page_urls(app) -> list[str]:
    base = app.config.html_baseurl
    links = [f"{doc}.html" for doc in sorted(app.env.found_docs)]
    links = [link for link in links
             if not any(fnmatch.fnmatch(link, pat) for pat in app.config.sitemap_excludes)]
    return [base + link for link in links]


def complete_sitemap(app, exception):
    if exception or app.builder.name != "html" or not app.config.bookweb_site_url:
        return
    site, editions = app.config.bookweb_site_url, app.config.bookweb_editions
    base = app.config.html_baseurl
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    root = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for url in page_urls(app):
        page = url.removeprefix(base)
        entry = ElementTree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ElementTree.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = url
        for lang, path in editions.values():
            ElementTree.SubElement(entry, f"{{{XHTML_NS}}}link", rel="alternate",
                                   hreflang=lang, href=f"{site}{path}{page}")
    ElementTree.indent(root)
    target = Path(app.outdir) / app.config.sitemap_filename
    ElementTree.ElementTree(root).write(target, xml_declaration=True, encoding="utf-8")
    if editions[app.config.bookweb_edition][1] == "":  # the edition at the site root
        sitemaps = "".join(f"Sitemap: {site}{path}{app.config.sitemap_filename}\n"
                           for _lang, path in editions.values())
        (Path(app.outdir) / "robots.txt").write_text(
            f"User-agent: *\nAllow: /\n\n{sitemaps}", encoding="utf-8")


def setup_sitemap(app):
    # after sphinx-sitemap's own build-finished handler (priority 500)
    app.connect("build-finished", complete_sitemap, priority=600)
