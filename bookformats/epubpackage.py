"""The EPUB: Sphinx's EPUB 3 builder with what it leaves out.

- Each page's <html> gets lang/xml:lang (the builder's fixed tag has none, so
  reading systems fall back to the package language, or guess).
- The cover image is declared EPUB 3 style, properties="cover-image"; Sphinx
  writes only the EPUB 2 <meta name="cover">, which EPUB 3 readers may ignore.
- The cover image itself (the file `epub_cover` names) is drawn from the words
  in `bookformats_cover`, into the EPUB only: it is no web asset.
- The navigation document's heading and the guide's titles in the edition's
  language (Sphinx writes them in English whatever epub_language says).
- Accessibility: package metadata, ARIA role on the navigation, heading levels
  on toctree captions (bookformats/epubaccess.py).
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

from sphinx.builders.epub3 import HTML_TAG, Epub3Builder
from sphinx.locale import _

from . import epubaccess
from .cover import draw_cover


class BookEpub3Builder(Epub3Builder):
    """Registered as "epub" in place of Sphinx's own (same name, same options)."""

    default_translator_class = epubaccess.EpubTranslator

    def init(self) -> None:
        super().init()
        lang = self.config.epub_language
        self.html_tag = HTML_TAG.replace(">", f' lang="{lang}" xml:lang="{lang}">', 1)
        self.guide_titles = {"toc": _("Table of Contents"), "cover": _("Cover")}

    def copy_static_files(self) -> None:
        super().copy_static_files()
        words = self.config.bookformats_cover
        if words and self.config.epub_cover:
            draw_cover(words, Path(self.outdir) / self.config.epub_cover[0])

    def build_content(self) -> None:
        super().build_content()
        opf = Path(self.outdir) / "content.opf"
        opf.write_text(self.adjust_package(opf.read_text(encoding="utf-8")), encoding="utf-8")

    def adjust_package(self, text: str) -> str:
        """content.opf as Sphinx wrote it -> as this book ships it."""
        cover = re.search(r'<meta name="cover" content="([^"]+)"\s*/>', text)
        if cover:
            item = re.compile(rf'(<item id="{re.escape(cover[1])}" [^>]*?)\s*/>')
            text = item.sub(r'\1 properties="cover-image" />', text, count=1)
        return epubaccess.describe_package(text, self.config.bookformats_accessibility_summary)

    def build_navigation_doc(self) -> None:
        super().build_navigation_doc()
        nav = Path(self.outdir) / "nav.xhtml"
        nav.write_text(epubaccess.mark_navigation(nav.read_text(encoding="utf-8")),
                       encoding="utf-8")

    def build_epub(self) -> None:
        """Sphinx's build_epub, with fixed entry dates and modes."""
        outdir = Path(self.outdir)
        stamp = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())))
        date_time = max(stamp[:6], (1980, 1, 1, 0, 0, 0))  # the earliest a zip can record
        names = ["mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", *self.files]
        with ZipFile(outdir / f"{self.config.epub_basename}.epub", "w") as epub:
            for name in names:
                entry = ZipInfo(name, date_time)
                entry.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
                # the mimetype comes first and uncompressed, as the EPUB format requires
                entry.compress_type = ZIP_STORED if name == "mimetype" else ZIP_DEFLATED
                epub.writestr(entry, (outdir / name).read_bytes())


def setup(app):
    app.add_config_value("bookformats_cover", {}, "env", types=[dict])
    app.add_config_value("bookformats_accessibility_summary", "", "epub", types=[str])
    app.add_builder(BookEpub3Builder, override=True)
