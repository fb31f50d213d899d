"""Sphinx's own messages, made to say where to act.

"document isn't included in any toctree" names the page, not where the book's
toctrees are: the message adds the root document's file (docs/index.md).
"""

from __future__ import annotations

import logging
import os


class SayWhereTheToctreesAre(logging.Filter):
    def __init__(self, root: str):
        super().__init__()
        self.root = root

    def filter(self, record):
        if getattr(record, "subtype", None) == "not_included" and "toctree" in str(record.msg):
            record.msg = (f"{record.msg}: list it in a toctree of {self.root} (or mark "
                          "it `orphan: true` in its front matter)")
        return True


def _name_the_root(app):
    root = app.env.doc2path(app.config.root_doc)
    try:
        root = os.path.relpath(root)
    except ValueError:  # another drive
        pass
    log = logging.getLogger("sphinx.sphinx.environment")
    log.filters = [f for f in log.filters if not isinstance(f, SayWhereTheToctreesAre)]
    log.addFilter(SayWhereTheToctreesAre(str(root)))


def setup(app):
    app.connect("builder-inited", _name_the_root)
