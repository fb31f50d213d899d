"""booktypst: the book's PDF through Typst (issue 20), tagged.

`sphinx-build -b typst` assembles the whole book (the root document, its
numbered toctree, then `booktypst_appendices`), writes it as one
Typst source (translator.py) beside the page design (book.typ), and compiles it
with the Typst compiler that the `typst` wheel bundles: no TeX, no network, no
package from Typst Universe.

Modules:
  builder     the builder: assemble, translate, draw the charts with real text, compile
  tables      fact tables in print: the data appendix folded, column widths
  ties        no-break spaces: deliberate ones between Chinese words, inside figures
  translator  docutils nodes -> Typst markup
  book.typ    the page design: fonts, cover, contents, running heads, numbering

Configuration (booktypst/conf/conf.py): the book's `project`, `author`, `today`, plus
  booktypst_basename    the PDF's file name without extension
  booktypst_appendices  docnames appended after the chapters, lettered A, B, …
  booktypst_words       {"subtitle", "source", "dataline", "subject", "keywords"}
"""

from __future__ import annotations

from .builder import FoldAppendixForPrint, TypstBuilder
from .ties import TieSpaces

__version__ = "0.1"


def setup(app):
    app.add_builder(TypstBuilder)
    app.add_config_value("booktypst_basename", "document", "env", types=[str])  # not "book": book.typ is the design
    app.add_config_value("booktypst_appendices", [], "env", types=[list])
    app.add_config_value("booktypst_words", {}, "env", types=[dict])
    app.add_post_transform(FoldAppendixForPrint)
    app.add_post_transform(TieSpaces)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
