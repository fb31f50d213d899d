"""A link on every page to the same page in the other language edition.

The Chinese edition is the site root and the English one lives in `en/`, so
`governance.html` <-> `en/governance.html`, at any depth.
"""

from __future__ import annotations

from bookformats.words import lang_of

from .words import WORDS


def other_edition_url(pagename: str, site_path: str) -> str:
    """Relative URL from `pagename` to the same page in the other edition."""
    up = "../" * pagename.count("/")
    return f"{up}{site_path}{pagename}.html"


def add_edition_switch(app, pagename, templatename, context, doctree):
    """Context for the `edition-switch.html` header component."""
    other = app.config.bookweb_other_edition
    if not other or app.builder.name != "html":
        return
    label, site_path = other
    # the link speaks the other edition's language (two editions: the other one)
    words = WORDS["zh" if lang_of(app.config) == "en" else "en"]
    context["edition_switch"] = {"url": other_edition_url(pagename, site_path), "label": label,
                                 "lang": words["html_lang"], "title": words["read_this_page"]}


def setup(app):
    app.add_config_value("bookweb_other_edition", (), "html", types=[tuple, list])
    app.connect("html-page-context", add_edition_switch)
