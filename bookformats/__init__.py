"""bookformats: what the book's two editions and its three formats add to Sphinx.

The facts live in the `factbook` extension; this one knows nothing of them.
Each module is one touch, registered by its own `setup`:

  editions     a link on every HTML page to the same page in the other edition
  downloads    the PDF and EPUB offered from every HTML page, other files (data)
               where a page lists them; each list with the files' sizes
  siteassets   CSS and JavaScript for the website only, kept out of the EPUB
  search       Chinese search: jieba chatter off, Sphinx 9.0.x stemmer fix
  numbering    appendix tables numbered A.1 in HTML, as LaTeX does
  langspans    English HTML: Chinese words marked lang="zh-Hans"  (post-transform)
  latexspaces  LaTeX: deliberate spaces and figures tied           (post-transform)
  epubpackage  EPUB: page language, EPUB 3 cover, cover image,    (builder subclass)
               accessibility (epubaccess), reproducible zip

Configuration (conf.py):
  bookformats_other_edition  (label, site path) of the other edition, or ()
  bookformats_downloads      [(label, path under the site root, description)]
  bookformats_data_downloads the same, for `{download-links}` with `:data:`
  bookformats_download_sources  {path under the site root: built file}, for sizes
  bookformats_appendices     docnames lettered A, B, … (usually latex_appendices)
  bookformats_cover          {"title", "subtitle", "note"}: the EPUB cover's words
  bookformats_accessibility_summary  the EPUB's accessibility summary, in its language
  bookformats_site_css, bookformats_site_js   website-only files under html_static_path
"""

from __future__ import annotations

from . import (downloads, editions, epubpackage, langspans, latexspaces, numbering, search,
               siteassets)

__version__ = "1.0"


def setup(app):
    for module in (editions, downloads, siteassets, search, numbering, langspans, latexspaces,
                   epubpackage):
        module.setup(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
