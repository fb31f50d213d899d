"""Offer the book's PDF and EPUB from every HTML page (a "下载" menu in the
header) and from the front page ({download-links} directive); other files
(`:data:`, the data files) from the pages that list them.

The PDF and EPUB are copied into `<site>/downloads/` by `make book`, other
files written there by other extensions; links are plain relative URLs so the
site works from any host or folder. Each list names the files' sizes.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.util.docutils import SphinxDirective

from .words import WORDS, lang_of

def _files(config, data=False):
    # [(label, path under the site root, description)]
    return config.bookformats_data_downloads if data else config.bookformats_downloads


class download_size(nodes.Inline, nodes.TextElement):
    """A file's size, filled in when the page is written (the PDF and EPUB are
    built before the HTML: see the Makefile)."""


def file_size(app, path) -> int | None:
    """Bytes of a download: written into this output, or built elsewhere
    (`bookformats_download_sources` maps its site path to the built file)."""
    for candidate in (Path(app.outdir) / path,
                      Path(app.config.bookformats_download_sources.get(path, "/nonexistent"))):
        if candidate.is_file():
            return candidate.stat().st_size
    return None


def size_text(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} kB"


def fill_sizes(app, doctree, docname):
    words = WORDS[lang_of(app.config)]
    for node in list(doctree.findall(download_size)):
        size = file_size(app, node["path"])
        if size is None:  # a plain sphinx-build without the PDF: no size rather than a wrong one
            node.parent.remove(node)
        else:
            text = words["size"].format(size_text(size))
            node.replace_self(nodes.inline("", text, classes=["download-size"]))


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
    """A list of the book's downloadable files (`:data:` the data files); HTML builders only."""

    option_spec = {"data": directives.flag}

    def run(self):
        self.env.domains[DownloadPages.name].note(self.env.docname)
        colon = WORDS[lang_of(self.config)]["colon"]
        depth = self.env.docname.count("/")
        items = nodes.bullet_list(classes=["book-downloads"])
        for label, path, desc in _files(self.config, "data" in self.options):
            ref = nodes.reference("", "", nodes.strong(text=label), refuri="../" * depth + path)
            para = nodes.paragraph("", "", ref, download_size(path=path),
                                   nodes.Text(colon + desc))
            items += nodes.list_item("", para)
        only = addnodes.only(expr="html and not epub")  # not in the files themselves
        only += items
        return [only]


class DownloadPages(Domain):
    """Which pages list downloads: kept with the environment as a domain's data, so
    Sphinx drops a page's entry when the page is read again or removed and merges
    the entries of a parallel read (no directive, role or object of its own)."""

    name = "bookformats-downloads"
    label = "Pages listing downloads"
    initial_data = {"pages": set()}

    def note(self, docname: str) -> None:
        self.data["pages"].add(docname)

    def clear_doc(self, docname: str) -> None:
        self.data["pages"].discard(docname)

    def merge_domaindata(self, docnames, otherdata) -> None:
        self.data["pages"] |= otherdata["pages"] & set(docnames)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []  # it names nothing a reference could mean


def reread_download_pages(app, env, added, changed, removed):
    """Pages listing downloads are written afresh each build: the files' sizes
    change without any source of the page changing."""
    return sorted(env.domains[DownloadPages.name].data["pages"] & env.found_docs)


def setup(app):
    app.add_config_value("bookformats_downloads", [], "html", types=[list])
    app.add_config_value("bookformats_data_downloads", [], "html", types=[list])
    app.add_config_value("bookformats_download_sources", {}, "html", types=[dict])
    app.add_node(download_size)
    app.connect("doctree-resolved", fill_sizes)
    app.connect("env-get-outdated", reread_download_pages)
    app.add_domain(DownloadPages)
    app.add_directive("download-links", DownloadLinks)
    # After sphinx-book-theme fills header_buttons (its handlers run at 501), so the
    # menu goes first in the list the theme has already built.
    app.connect("html-page-context", add_download_menu, priority=502)
