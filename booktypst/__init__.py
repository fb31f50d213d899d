"""booktypst: a prototype PDF of the book through Typst (issue 20), tagged.

`sphinx-build -b typst` assembles the whole book as the LaTeX builder does (the
root document, its numbered toctree, then `latex_appendices`), writes it as one
Typst source (translator.py) beside the page design (book.typ), and compiles it
with the Typst compiler that the `typst` wheel bundles: no TeX, no network, no
package from Typst Universe.

Modules:
  builder     the builder: assemble, translate, draw the charts with real text, compile
  translator  docutils nodes -> Typst markup
  book.typ    the page design: fonts, cover, contents, running heads, numbering

Configuration (conf.py): the builder reads what the LaTeX route reads
(`latex_appendices`, `project`, `author`, `today`), plus
  booktypst_words   {"subtitle", "source", "dataline", "subject", "keywords"}
"""

from __future__ import annotations

from .builder import FoldAppendixForPrint, TieSpacesForPrint, TypstBuilder

__version__ = "0.1"


def setup(app):
    app.add_builder(TypstBuilder)
    app.add_config_value("booktypst_words", {}, "env", types=[dict])
    app.add_post_transform(FoldAppendixForPrint)
    app.add_post_transform(TieSpacesForPrint)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
