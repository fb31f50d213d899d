"""bookformats: what the book's two editions and its three formats add to Sphinx.

The facts live in the `factbook` extension; this one knows nothing of them.
Each module is one touch, registered by its own `setup`:

  downloads    the PDF and EPUB offered from every HTML page, other files (data)
               where a page lists them; each list with the files' sizes
  numbering    appendix tables numbered A.1 in HTML, as the PDF does
  langspans    English HTML: Chinese words marked lang="zh-Hans"  (post-transform)
  epubpackage  EPUB: page language, EPUB 3 cover, cover image,    (builder subclass)
               accessibility (epubaccess), reproducible zip
  messages     Sphinx's own messages say where to act (a page in no toctree:
               list it in the root document, docs/index.md)

Shared by every extension of the book (knowing no facts): words.lang_of (the
edition's language), fonts.py (the font stack of what is drawn with matplotlib),
internals.py (the fences around library internals).

Configuration (conf.py):
  bookformats_downloads      [(label, path under the site root, description)]
  bookformats_data_downloads the same, for `{download-links}` with `:data:`
  bookformats_download_sources  {path under the site root: built file}, for sizes
  bookformats_appendices     docnames lettered A, B, … (the PDF's appendices)
  bookformats_cover          {"title", "subtitle", "note"}: the EPUB cover's words
  bookformats_accessibility_summary  the EPUB's accessibility summary, in its language
"""

from __future__ import annotations

import bookbuild

from . import downloads, epubpackage, langspans, messages, numbering

__version__ = "1.0"


def setup(app):
    app.setup_extension("bookbuild")  # its post-transforms and builder touch every page
    bookbuild.code_affects(app, "bookformats", bookbuild.EVERY_PAGE)
    for module in (downloads, numbering, langspans, epubpackage, messages):
        module.setup(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
