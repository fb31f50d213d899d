"""bookbuild: incremental builds of the book that are both fast and right.

Sphinx notices a changed page and a changed conf.py, not a changed extension. Each
local extension sets this one up and says which pages its code affects; when its
code changes, those pages (and only those) are read again (rebuilds.py):

    app.setup_extension("bookbuild")
    bookbuild.code_affects(app, "factbook", pages)  # pages(app, env) -> docnames
    bookbuild.code_affects(app, "bookweb", bookbuild.EVERY_PAGE)

An extension that says nothing affects every page. The same module saves the
configuration as conf.py wrote it (the themes' additions are no change).
"""

from __future__ import annotations

from . import rebuilds
from .rebuilds import EVERY_PAGE, NO_PAGE, code_affects, syntax_digest

__all__ = ["EVERY_PAGE", "NO_PAGE", "code_affects", "syntax_digest"]
__version__ = "1.0"


def setup(app):
    rebuilds.setup_rebuilds(app)
    code_affects(app, "bookbuild", NO_PAGE)  # what it reads is code and configuration
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
