"""What Sphinx's EPUB 3 builder leaves out of the package, added as it writes it.

- Each page's <html> gets lang/xml:lang (the builder's fixed tag has none, so
  reading systems fall back to the package language, or guess).
- The cover image is declared EPUB 3 style, properties="cover-image"; Sphinx
  writes only the EPUB 2 <meta name="cover">, which EPUB 3 readers may ignore.
- The navigation document's heading and the guide's titles in the edition's
  language (Sphinx writes them in English whatever epub_language says).
- Accessibility metadata and ARIA roles (factbook/epubaccess.py).
- The zip is reproducible: Sphinx stores each file's modification time (the
  checkout's, so two clones give two EPUBs) and its permissions; here every
  entry carries SOURCE_DATE_EPOCH and the same mode, in Sphinx's fixed order.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

from sphinx.builders.epub3 import HTML_TAG
from sphinx.locale import _

from . import epubaccess


def _wrap_build_content(builder):
    original = builder.build_content

    def build_content():
        original()
        opf = Path(builder.outdir) / "content.opf"
        text = opf.read_text(encoding="utf-8")
        cover = re.search(r'<meta name="cover" content="([^"]+)"\s*/>', text)
        if cover:
            item = re.compile(rf'(<item id="{re.escape(cover[1])}" [^>]*?)\s*/>')
            text = item.sub(r'\1 properties="cover-image" />', text, count=1)
        text = epubaccess.describe_package(text, builder.config.epub_accessibility_summary)
        opf.write_text(text, encoding="utf-8")

    builder.build_content = build_content


def _wrap_build_navigation_doc(builder):
    original = builder.build_navigation_doc

    def build_navigation_doc():
        original()
        nav = Path(builder.outdir) / "nav.xhtml"
        nav.write_text(epubaccess.mark_navigation(nav.read_text(encoding="utf-8")),
                       encoding="utf-8")

    builder.build_navigation_doc = build_navigation_doc


def write_reproducible_epub(builder) -> None:
    """Sphinx's build_epub, with fixed entry dates and modes."""
    outdir = Path(builder.outdir)
    stamp = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())))
    date_time = max(stamp[:6], (1980, 1, 1, 0, 0, 0))  # the earliest a zip can record
    names = ["mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", *builder.files]
    with ZipFile(outdir / f"{builder.config.epub_basename}.epub", "w") as epub:
        for name in names:
            entry = ZipInfo(name, date_time)
            entry.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            # the mimetype comes first and uncompressed, as the EPUB format requires
            entry.compress_type = ZIP_STORED if name == "mimetype" else ZIP_DEFLATED
            epub.writestr(entry, (outdir / name).read_bytes())


def tweak_epub(app):
    if app.builder.name != "epub":
        return
    lang = app.config.epub_language
    app.builder.html_tag = HTML_TAG.replace(">", f' lang="{lang}" xml:lang="{lang}">', 1)
    app.builder.guide_titles = {"toc": _("Table of Contents"), "cover": _("Cover")}
    # Only now, in an EPUB build: a translator registered at setup would make the
    # HTML theme wrap it instead of the HTML one, and lose its own touches there.
    app.set_translator("epub", epubaccess.EpubTranslator, override=True)
    _wrap_build_content(app.builder)
    _wrap_build_navigation_doc(app.builder)
    app.builder.build_epub = lambda: write_reproducible_epub(app.builder)


def setup_epubpackage(app):
    app.add_config_value("epub_accessibility_summary", "", "epub", types=[str])
    app.connect("builder-inited", tweak_epub)
