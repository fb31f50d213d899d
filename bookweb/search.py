"""Chinese search: jieba with the project dictionary, and a fix for Sphinx 9.0.x.

Sphinx 9.0 writes `window.Stemmer = ChineseStemmer;` into language_data.js,
but the Chinese search language ships the *English* stemmer, so the search page
dies with "ChineseStemmer is not defined" (sphinx-doc/sphinx#14229, fixed
upstream by deriving the class from the stemmer file). Until the pinned Sphinx
has the fix, register a subclass that emits the right class name.
"""

from __future__ import annotations

import logging

import sphinx
from sphinx.search.zh import SearchChinese

NEEDS_FIX = sphinx.version_info[:2] == (9, 0)

if NEEDS_FIX:
    # Internals: only the private `_MINIFIED_JS_PATH` locates the stemmer files
    # Sphinx ships (no public API names them); 9.0.x is known to hold both below.
    from sphinx.search import _MINIFIED_JS_PATH

    class SearchChineseFixed(SearchChinese):
        js_stemmer_rawcode = ""  # we supply the whole code below

        @property
        def js_stemmer_code(self) -> str:
            return "\n".join((
                (_MINIFIED_JS_PATH / "base-stemmer.js").read_text(encoding="utf-8"),
                (_MINIFIED_JS_PATH / "english-stemmer.js").read_text(encoding="utf-8"),
                "window.Stemmer = EnglishStemmer;",
            ))


def setup(app):
    try:  # jieba prints its start-up chatter to stderr; keep build output clean
        import jieba
        jieba.setLogLevel(logging.WARNING)
    except ImportError:
        pass
    if NEEDS_FIX:
        app.add_search_language(SearchChineseFixed)
