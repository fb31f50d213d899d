"""The EPUB: Sphinx's EPUB 3 builder with what it leaves out.

- Each page's <html> gets lang/xml:lang (the builder's fixed tag has none, so
  reading systems fall back to the package language, or guess).
- The cover image is declared EPUB 3 style, properties="cover-image"; Sphinx
  writes only the EPUB 2 <meta name="cover">, which EPUB 3 readers may ignore.
- The cover image itself (the file `epub_cover` names) is drawn from the words
  in `bookformats_cover`, into the EPUB only: it is no web asset.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.builders.epub3 import HTML_TAG, Epub3Builder

from .cover import draw_cover


class BookEpub3Builder(Epub3Builder):
    """Registered as "epub" in place of Sphinx's own (same name, same options)."""

    def init(self) -> None:
        super().init()
        lang = self.config.epub_language
        self.html_tag = HTML_TAG.replace(">", f' lang="{lang}" xml:lang="{lang}">', 1)

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
        return text


def setup(app):
    app.add_config_value("bookformats_cover", {}, "env", types=[dict])
    app.add_builder(BookEpub3Builder, override=True)
