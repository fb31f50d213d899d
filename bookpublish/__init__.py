"""bookpublish: what a publisher and a researcher need besides the pages.

The facts come from `factbook` (set up first); this extension publishes them:

- export.py    the facts as open data: CSV, JSON and a Frictionless data package
               per edition, in the HTML edition's downloads/
- citation.py  how to cite the book: `{bibtex-entries}`, and a permalink on each
               row of the data appendix (the stable address of a fact)
- jsonld.py    schema.org JSON-LD on each front page: the Book and its Dataset

Configuration (conf.py): bookpublish_open_data (the data package's metadata),
bookpublish_citation (the editions' entries), bookpublish_site_url (the published
address, BOOK_BASE_URL; unset, links are relative and entries carry no url).
"""

from __future__ import annotations

import bookbuild

from . import citation, export, jsonld

__version__ = "1.0"


def pages_its_code_affects(app, env) -> set[str]:
    """What a change of this extension's code re-reads (bookbuild): the front page
    (its JSON-LD), the data appendix (its permalinks) and the pages with BibTeX entries."""
    return ({app.config.root_doc, app.config.factbook_appendix_doc}
            | {doc for doc, meta in env.metadata.items() if meta.get(citation.ENTRIES_HERE)})


def setup(app):
    app.setup_extension("factbook")
    bookbuild.code_affects(app, "bookpublish", pages_its_code_affects)
    export.setup_export(app)
    citation.setup_citation(app)
    jsonld.setup_jsonld(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
