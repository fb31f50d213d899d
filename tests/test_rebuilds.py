"""Incremental builds: a change to an extension's code re-reads what depends on it."""

from __future__ import annotations

from types import SimpleNamespace

import factbook.rebuilds as rebuilds


def test_comment_docstring_and_layout_edits_leave_the_code_digest():
    code = b'"""Doc."""\nx = 1  # one\ndef f():\n    """Doc."""\n    return x\n'
    reworded = b'"""Other words."""\n# a new comment\nx = 1\n\n\ndef f():\n    return x\n'
    changed = b'x = 2\ndef f():\n    return x\n'
    assert rebuilds.syntax_digest(code) == rebuilds.syntax_digest(reworded)
    assert rebuilds.syntax_digest(code) != rebuilds.syntax_digest(changed)


def test_changed_extension_rereads_what_depends_on_it(monkeypatch):
    app = SimpleNamespace(config=SimpleNamespace(root_doc="index"))
    env = SimpleNamespace(found_docs={"index", "chapter", "glossary", "genindex-like"})
    fact_pages = {"chapter", "glossary"}

    def build(**digests):
        monkeypatch.setattr(rebuilds, "code_digests", lambda app: digests)
        return rebuilds.outdated_by_code(app, env, fact_pages)

    assert build(factbook="a", bookformats="b", bookweb="c") == env.found_docs  # first build
    assert build(factbook="a", bookformats="b", bookweb="c") == set()           # unchanged
    assert build(factbook="A", bookformats="b", bookweb="c") == {"index", "chapter", "glossary"}
    assert build(factbook="A", bookformats="B", bookweb="c") == env.found_docs
    assert build(factbook="A", bookformats="B", bookweb="C") == env.found_docs
