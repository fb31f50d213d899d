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
- The package metadata, the EPUB 3 cover and the navigation's role come from
  Sphinx's own templates for content.opf and nav.xhtml, copied into
  bookformats/epub3/ with those lines added (each marked "bookformats").
- The zip is reproducible: Sphinx stores each file's modification time (the
  checkout's, so two clones give two EPUBs) and its permissions; here every file
  gets SOURCE_DATE_EPOCH and the same mode before Sphinx zips them.

Internals: the copied templates and the zip's reliance on file times are Sphinx
9.0's (checked); on another version the build warns (-W stops it) and the EPUB
is Sphinx's own until they are checked again.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sphinx.builders.epub3 import HTML_TAG, Epub3Builder
from sphinx.locale import _

from . import epubaccess
from .cover import draw_cover
from .internals import checked, replace_once

KNOWN_SPHINX = ((9, 0),)
TEMPLATES = Path(__file__).parent / "epub3"  # Sphinx 9.0's, with the book's lines


class BookEpub3Builder(Epub3Builder):
    """Registered as "epub" in place of Sphinx's own (same name, same options)."""

    default_translator_class = epubaccess.EpubTranslator

    def init(self) -> None:
        super().init()
        lang = self.config.epub_language
        self.html_tag = replace_once("the EPUB pages' <html> tag", ">",
                                     f' lang="{lang}" xml:lang="{lang}">', HTML_TAG)
        self.guide_titles = {"toc": _("Table of Contents"), "cover": _("Cover")}

    def copy_static_files(self) -> None:
        super().copy_static_files()
        words = self.config.bookformats_cover
        if words and self.config.epub_cover:
            draw_cover(words, Path(self.outdir) / self.config.epub_cover[0])

    def content_metadata(self) -> dict:
        metadata = super().content_metadata()
        metadata["accessibility"] = epubaccess.accessibility_metadata(
            self.config.bookformats_accessibility_summary)
        return metadata

    def build_epub(self) -> None:
        """Sphinx's build_epub, each file dated SOURCE_DATE_EPOCH with one mode.

        The zip records each file's time as local time: the file gets the moment
        whose local time reads as SOURCE_DATE_EPOCH in UTC, so the EPUB is the same
        in every time zone."""
        outdir = Path(self.outdir)
        epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())),
                    315532800)  # 1980-01-01, the earliest a zip can record
        mtime = time.mktime(time.gmtime(epoch))
        for name in ["mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", *self.files]:
            path = outdir / name
            os.chmod(path, 0o644)  # a regular file, rw-r--r--
            os.utime(path, (mtime, mtime))
        super().build_epub()


def setup(app):
    app.add_config_value("bookformats_cover", {}, "env", types=[dict])
    app.add_config_value("bookformats_accessibility_summary", "", "epub", types=[str])
    if checked("bookformats' EPUB package (Sphinx's EPUB templates and zip)", "sphinx",
               KNOWN_SPHINX):
        BookEpub3Builder.template_dir = TEMPLATES
    app.add_builder(BookEpub3Builder, override=True)
