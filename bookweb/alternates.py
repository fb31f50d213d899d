"""Links between the two editions for search engines and for lost readers.

Each page names its counterpart in the other edition (`<link rel="alternate"
hreflang>`, absolute, from the site URL); the Chinese edition is the x-default.
The 404 page is served at any depth, so its language switch gets an absolute link.
Utility pages (search, index, 404) ask search engines not to index them.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit


def edition_url(app, edition: str, pagename: str) -> str:
    _lang, path = app.config.bookweb_editions[edition]
    return f"{app.config.bookweb_site_url}{path}{pagename}.html"


def add_alternates(app, pagename, templatename, context, doctree):
    if app.builder.name != "html" or not app.config.bookweb_site_url:
        return
    editions = app.config.bookweb_editions
    if pagename in ("404", "search", "genindex"):  # utility pages: not for search engines
        context["metatags"] = context.get("metatags", "") + '\n<meta name="robots" content="noindex" />'
    if pagename == "404":
        # served in place of any missing URL: a relative link would break
        other = next(ed for ed in editions if ed != app.config.bookweb_edition)
        if context.get("edition_switch"):
            url = edition_url(app, other, "index")
            context["edition_switch"] = {**context["edition_switch"],
                                         "url": urlsplit(url).path}
        return
    if pagename in ("search", "genindex"):
        return
    links = [f'<link rel="alternate" hreflang="{lang}" href="{escape(edition_url(app, ed, pagename))}" />'
             for ed, (lang, _path) in editions.items()]
    first = next(iter(editions))
    links.append(f'<link rel="alternate" hreflang="x-default" '
                 f'href="{escape(edition_url(app, first, pagename))}" />')
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links)


def setup_alternates(app):
    # after factbook's edition switch (default priority 500)
    app.connect("html-page-context", add_alternates, priority=600)
