"""Two things Sphinx's EPUB 3 builder leaves out, added after it writes them.

- Each page's <html> gets lang/xml:lang (the builder's fixed tag has none, so
  reading systems fall back to the package language, or guess).
- The cover image is declared EPUB 3 style, properties="cover-image"; Sphinx
  writes only the EPUB 2 <meta name="cover">, which EPUB 3 readers may ignore.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.builders.epub3 import HTML_TAG


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
            opf.write_text(text, encoding="utf-8")

    builder.build_content = build_content


def tweak_epub(app):
    if app.builder.name != "epub":
        return
    lang = app.config.epub_language
    app.builder.html_tag = HTML_TAG.replace(">", f' lang="{lang}" xml:lang="{lang}">', 1)
    _wrap_build_content(app.builder)


def setup_epubpackage(app):
    app.connect("builder-inited", tweak_epub)
