"""One viewport tag per page.

Sphinx's basic layout writes `<meta name="viewport">`, docutils' HTML writer adds its
own to the page's meta tags (Sphinx issue #11699), and pydata-sphinx-theme a third;
Lighthouse and validators expect one. The layout's tag stays; docutils' copy is taken
out of the meta tags here, the theme's in `_templates/layout.html`.
"""

from __future__ import annotations

import re

_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\s*')


def drop_docutils_viewport(app, pagename, templatename, context, doctree):
    if app.builder.name == "html" and "metatags" in context:
        context["metatags"] = _VIEWPORT.sub("", context["metatags"])


def setup_head(app):
    app.connect("html-page-context", drop_docutils_viewport)
