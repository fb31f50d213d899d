"""Offer the book's PDF and EPUB from every HTML page (a "下载" menu in the
header) and from the front page ({download-links} directive).

The files are copied into `<site>/downloads/` by `make book`; links are plain
relative URLs so the site works from any host or folder.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .words import WORDS, lang_of



def _files(config):
    return config.bookformats_downloads  # [(label, path under the site root, description)]


def add_download_menu(app, pagename, templatename, context, doctree):
    if app.builder.name != "html" or "header_buttons" not in context:
        return
    words = WORDS[lang_of(app.config)]
    buttons = [{"type": "link", "url": context["pathto"](path, 1), "text": label,
                "tooltip": desc, "icon": "fas fa-file-pdf" if path.endswith(".pdf")
                else "fas fa-book", "label": f"download-{label.lower()}-button"}
               for label, path, desc in _files(app.config)]
    context["header_buttons"].insert(0, {
        "type": "group", "tooltip": words["download_book"], "icon": "fas fa-download",
        "buttons": buttons, "label": "download-book-buttons"})


class DownloadLinks(SphinxDirective):
    """A list of the book's downloadable files; HTML builders only."""

    def run(self):
        colon = WORDS[lang_of(self.config)]["colon"]
        depth = self.env.docname.count("/")
        items = nodes.bullet_list(classes=["book-downloads"])
        for label, path, desc in _files(self.config):
            ref = nodes.reference("", "", nodes.strong(text=label), refuri="../" * depth + path)
            para = nodes.paragraph("", "", ref, nodes.Text(colon + desc))
            items += nodes.list_item("", para)
        only = addnodes.only(expr="html and not epub")  # not in the files themselves
        only += items
        return [only]


def setup(app):
    app.add_config_value("bookformats_downloads", [], "html", types=[list])
    app.add_directive("download-links", DownloadLinks)
    # After sphinx-book-theme fills header_buttons (its handlers run at 501), so the
    # menu goes first in the list the theme has already built.
    app.connect("html-page-context", add_download_menu, priority=502)
