"""bookweb: what the hosted book needs to be a complete, light website.

The book's content comes from `factbook`; this extension only touches the HTML
site of each edition (nothing here runs for PDF or EPUB):

- editions.py   a link on every page to the same page in the other edition
- siteassets.py CSS and JavaScript for the website only, kept out of the EPUB
- search.py     search: jieba chatter off, Sphinx 9.0.x stemmer fix, index entries kept
                by incremental builds (Sphinx 9.0 dropped those of pages not written again)
- icons.py       the theme's Font Awesome icons as inline SVG (no 1.5 MB script)
- images.py      width/height and lazy loading on every image; the phone variant
                 of each chart through <picture>
- alternates.py  <link rel="alternate" hreflang> between the two editions' pages,
                 and a 404 page whose language switch works at any depth
- sitemap.py     hreflang alternates in each edition's sitemap.xml (written by
                 sphinx-sitemap) and robots.txt naming both sitemaps
- socialcard.py  the Open Graph image of each edition, drawn from the data
- deferjs.py     the themes' and Sphinx's scripts deferred, so they do not delay
                 the first paint (the search page aside)
- head.py        one viewport tag per page (Sphinx, docutils and the theme each write one);
                 the checked filters _templates/layout.html edits the theme's <head> with
- unusedcss.py   the theme's stylesheet without the rules no page can use (a third of
                 its size), as every page waits for it before the first paint

Canonical links (Sphinx, from html_baseurl), meta descriptions and Open Graph tags
(sphinxext-opengraph), the sitemap itself (sphinx-sitemap) and the 404 page
(sphinx-notfound-page) come from those libraries; conf.py configures them.
"""

from __future__ import annotations

import bookbuild

from . import (alternates, deferjs, editions, head, icons, images, search, siteassets, sitemap,
               socialcard, unusedcss)

__version__ = "1.0"


def setup(app):
    app.setup_extension("bookbuild")  # it edits every page's HTML
    bookbuild.code_affects(app, "bookweb", bookbuild.EVERY_PAGE)
    # the site's root URL (both editions) and where each edition lives under it
    app.add_config_value("bookweb_site_url", "", "html", types=[str])
    app.add_config_value("bookweb_editions", {}, "html", types=[dict])
    app.add_config_value("bookweb_edition", "", "html", types=[str])
    app.add_config_value("bookweb_social_card", {}, "html", types=[dict])
    for module in (editions, siteassets, search):
        module.setup(app)
    icons.setup_icons(app)
    images.setup_images(app)
    alternates.setup_alternates(app)
    sitemap.setup_sitemap(app)
    socialcard.setup_socialcard(app)
    deferjs.setup_deferjs(app)
    head.setup_head(app)
    unusedcss.setup_unusedcss(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
