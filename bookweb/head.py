"""The page's <head>: one viewport tag, and the filters `_templates/layout.html`
edits the theme's head with.

Sphinx's basic layout writes `<meta name="viewport">`, docutils' HTML writer adds its
own to the page's meta tags (Sphinx issue #11699), and pydata-sphinx-theme a third;
Lighthouse and validators expect one. The layout's tag stays; docutils' copy is taken
out of the meta tags here, the theme's in `_templates/layout.html`.

The layout rewrites the theme's exact markup and script lines (pydata-sphinx-theme
0.20, checked; another version warns, and -W stops the build) with two filters that
fail the build when what they replace or drop is not there: `replace_once` and
`drop_lines` (bookformats/internals.py).
"""

from __future__ import annotations

import re

from bookformats.internals import (checked, expect_match, replace_once, reported, reporting,
                                   substitute)

KNOWN_THEME = ((0, 20),)
_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\s*')


def drop_lines(text: str, needles, name: str) -> str:
    """The lines of `text` that contain none of `needles` (a string or a list)."""
    needles = [needles] if isinstance(needles, str) else list(needles)
    lines = str(text).split("\n")
    kept = [line for line in lines if not any(n in line for n in needles)]
    expect_match(name, len(lines) - len(kept), "the theme's layout")
    return "\n".join(kept)


def add_layout_filters(app, theme_checked: bool):
    """The layout's two filters; a failure is reported, and the page keeps the theme's text."""
    def failing_softly(edit):
        return reporting(app, edit, fallback=lambda text, *args: text)

    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        templates.environment.filters["replace_once"] = failing_softly(
            lambda text, old, new, name: replace_once(name, old, new, str(text), "the theme's layout"))
        templates.environment.filters["drop_lines"] = failing_softly(drop_lines)
        templates.environment.globals["bookweb_edits_theme"] = theme_checked


@reported
def drop_docutils_viewport(app, pagename, templatename, context, doctree):
    if app.builder.name == "html" and "metatags" in context:
        context["metatags"] = (substitute("docutils' viewport tag", _VIEWPORT, "",
                                          context["metatags"], where=pagename)
                               if doctree is not None else _VIEWPORT.sub("", context["metatags"]))


def setup_head(app):
    theme_checked = checked("bookweb's edits of the theme's <head> (_templates/layout.html)",
                            "pydata-sphinx-theme", KNOWN_THEME)
    # the filters exist for every builder, as the layout is compiled for each
    app.connect("builder-inited", lambda app: add_layout_filters(app, theme_checked))
    app.connect("html-page-context", drop_docutils_viewport)
