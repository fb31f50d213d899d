"""Incremental builds: a change to an extension's code re-reads what depends on it."""

from __future__ import annotations

from types import SimpleNamespace

import bookbuild
from bookbuild import rebuilds


def test_comment_docstring_and_layout_edits_leave_the_code_digest():
    code = b'"""Doc."""\nx = 1  # one\ndef f():\n    """Doc."""\n    return x\n'
    reworded = b'"""Other words."""\n# a new comment\nx = 1\n\n\ndef f():\n    return x\n'
    changed = b'x = 2\ndef f():\n    return x\n'
    assert rebuilds.syntax_digest(code) == rebuilds.syntax_digest(reworded)
    assert rebuilds.syntax_digest(code) != rebuilds.syntax_digest(changed)


def test_changed_extension_rereads_what_it_registered(monkeypatch):
    """Each extension re-reads what it registered; one that registered nothing, everything."""
    app = SimpleNamespace(config=SimpleNamespace(root_doc="index"))
    env = SimpleNamespace(found_docs={"index", "chapter", "glossary", "genindex-like"})
    bookbuild.code_affects(app, "factbook", lambda app, env: {"chapter", "glossary", "gone"})
    bookbuild.code_affects(app, "bookpublish", lambda app, env: {"index"})
    bookbuild.code_affects(app, "bookbuild", bookbuild.NO_PAGE)
    bookbuild.code_affects(app, "bookformats", bookbuild.EVERY_PAGE)

    def rebuild(**changed):
        """The pages read again after the last build saw `base`, with `changed` new."""
        env.bookbuild_code = dict(base)
        monkeypatch.setattr(rebuilds, "code_digests", lambda app: {**base, **changed})
        return rebuilds.outdated_by_code(app, env)

    everything = {"index", "chapter", "glossary", "genindex-like"}
    base = dict(factbook="a", bookpublish="p", bookbuild="x", bookformats="b", bookweb="c")
    assert rebuild() == set()  # unchanged
    assert rebuild(factbook="A") == {"chapter", "glossary"}  # of those registered, the found pages
    assert rebuild(bookpublish="P") == {"index"}
    assert rebuild(factbook="A", bookpublish="P") == {"chapter", "glossary", "index"}
    assert rebuild(bookbuild="X") == set()
    assert rebuild(bookformats="B") == everything
    assert rebuild(bookweb="C") == everything  # registered nothing
    assert rebuild(extra="new") == everything  # a new extension
    del env.bookbuild_code
    monkeypatch.setattr(rebuilds, "code_digests", lambda app: base)
    assert rebuilds.outdated_by_code(app, env) == everything  # a first build


def test_the_code_digests_cover_each_local_extension_and_nothing_installed():
    app = SimpleNamespace(extensions=dict.fromkeys(["factbook", "bookbuild", "sphinx.ext.mathjax",
                                                    "myst_parser"]))
    import factbook  # noqa: F401 (loaded, as Sphinx loads it)
    import myst_parser  # noqa: F401
    import sphinx.ext.mathjax  # noqa: F401
    assert sorted(rebuilds.code_digests(app)) == ["bookbuild", "factbook"]
