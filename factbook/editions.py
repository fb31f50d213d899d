"""A link on every page to the same page in the other language edition.

The Chinese edition is the site root and the English one lives in `en/`, so
`governance.html` <-> `en/governance.html`, at any depth.
"""

from __future__ import annotations


def other_edition_url(pagename: str, site_path: str) -> str:
    """Relative URL from `pagename` to the same page in the other edition."""
    up = "../" * pagename.count("/")
    return f"{up}{site_path}{pagename}.html"


def add_edition_switch(app, pagename, templatename, context, doctree):
    other = app.config.factbook_other_edition
    if not other or app.builder.name != "html" or "header_buttons" not in context:
        return
    label, site_path = other
    lang = "zh-CN" if label == "中文" else "en"
    context["header_buttons"].insert(0, {
        "type": "link", "url": other_edition_url(pagename, site_path),
        "text": label, "tooltip": label, "icon": "fas fa-language",
        "label": "edition-switch-button", "classes": f"edition-switch lang-{lang}"})


def setup_editions(app):
    app.add_config_value("factbook_other_edition", (), "html", types=[tuple, list])
    app.connect("html-page-context", add_edition_switch, priority=503)
