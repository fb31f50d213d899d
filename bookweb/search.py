"""Search: jieba with the project dictionary, and two fixes for Sphinx 9.0.x.

jieba's search cut splits a dictionary word into its 2- and 3-character pieces only, so
a page naming the “15分钟党群服务站” in full was not found by a search for 党群服务站
(itself a dictionary word). `SearchChineseBook` also indexes the project dictionary's
words found inside a longer token.

The index entries of pages an incremental build does not write again (the glossary's
terms, when one chapter changed) went missing from searchindex.js: Sphinx pickles the
environment before writing, so the entries it collects while writing are not saved,
and it loads the other parts of the last index from searchindex.js but not these.
`keep_index_entries` loads them back before Sphinx's index builder starts; the pages
written again replace theirs. Internals: the environment's private
`_search_index_index_entries` and the index's format; checked on Sphinx 9.0.

Sphinx 9.0 writes `window.Stemmer = ChineseStemmer;` into language_data.js,
but the Chinese search language ships the *English* stemmer, so the search page
dies with "ChineseStemmer is not defined" (sphinx-doc/sphinx#14229, fixed
upstream by deriving the class from the stemmer file). Until the pinned Sphinx
has the fix, register a subclass that emits the right class name.
"""

from __future__ import annotations

import logging
from pathlib import Path

import sphinx
from sphinx.search.zh import SearchChinese

from bookformats.internals import checked

NEEDS_FIX = sphinx.version_info[:2] == (9, 0)
KNOWN_SPHINX = ((9, 0),)


def dictionary_words(path) -> list[str]:
    """The words of a jieba user dictionary (one per line: word, frequency, tag)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines() if path else []
    except OSError:
        return []
    return sorted({line.split()[0] for line in lines if line.strip()})


class SearchChineseBook(SearchChinese):
    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.book_words = dictionary_words(options.get("dict"))

    def split(self, input: str) -> list[str]:
        words = super().split(input)
        inside = [w for token in set(words) if len(token) > 3
                  for w in self.book_words if w != token and w in token]
        return words + inside


SearchLanguageClass = SearchChineseBook

if NEEDS_FIX:
    # Internals: only the private `_MINIFIED_JS_PATH` locates the stemmer files
    # Sphinx ships (no public API names them); 9.0.x is known to hold both below.
    from sphinx.search import _MINIFIED_JS_PATH

    class SearchChineseFixed(SearchChineseBook):
        js_stemmer_rawcode = ""  # we supply the whole code below

        @property
        def js_stemmer_code(self) -> str:
            return "\n".join((
                (_MINIFIED_JS_PATH / "base-stemmer.js").read_text(encoding="utf-8"),
                (_MINIFIED_JS_PATH / "english-stemmer.js").read_text(encoding="utf-8"),
                "window.Stemmer = EnglishStemmer;",
            ))

    SearchLanguageClass = SearchChineseFixed


def keep_index_entries(app, builder):
    """write-started: the last index's entries of the pages that still exist, back in
    the environment (in page order, as a full build has them) before Sphinx's index
    builder takes them from there."""
    if not getattr(builder, "search", False) or getattr(builder, "indexer_format", None) is None:
        return
    path = builder.outdir / builder.searchindex_filename
    try:
        frozen = builder.indexer_format.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # no last index (a first build): nothing to keep
    if not isinstance(frozen, dict) or frozen.get("envversion") != builder.env.version:
        return  # Sphinx itself discards an index of another version
    docnames = frozen["docnames"]
    kept: dict[str, set] = {}
    for entry, places in frozen.get("indexentries", {}).items():
        for doc, target, main in places:
            kept.setdefault(docnames[doc], set()).add((entry, target, "main" if main else ""))
    entries = builder.env._search_index_index_entries
    for docname in sorted(kept.keys() & set(builder.env.all_docs)):
        entries.setdefault(docname, sorted(kept[docname]))


def setup(app):
    try:  # jieba prints its start-up chatter to stderr; keep build output clean
        import jieba
        jieba.setLogLevel(logging.WARNING)
    except ImportError:
        pass
    app.add_search_language(SearchLanguageClass)
    if checked("bookweb's index entries kept by incremental builds (Sphinx's private "
               "_search_index_index_entries)", "sphinx", KNOWN_SPHINX):
        app.connect("write-started", keep_index_entries)
