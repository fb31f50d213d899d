"""The fences around Sphinx, docutils and theme internals (bookformats/internals.py).

Each use of an internal runs only on the versions it was checked against, and
warns on any other; each substitution on what a library wrote fails the build
when it matches nothing, with an error that names it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import ROOT, output

EXTENSIONS = ["myst_parser", "factbook", "bookformats", "bookweb"]
WEB = {"extensions": EXTENSIONS, "bookweb_edition": "zh"}


# -- the two guards --------------------------------------------------------------------

def test_substitution_that_matches_nothing_raises_naming_it():
    from bookformats.internals import SubstitutionFailed, replace_once, substitute
    assert substitute("a name", re.compile("b+"), "c", "abba") == "aca"
    assert replace_once("a name", "b", "c", "abba") == "acba"
    with pytest.raises(SubstitutionFailed) as failed:
        substitute("the colour mode", re.compile("x"), "y", "abba", where="index")
    assert str(failed.value) == ("the colour mode: matched nothing in index; the library's "
                                 "output changed, check this substitution again")
    with pytest.raises(SubstitutionFailed) as failed:
        replace_once("basic.css linked itself", "theme.css", "basic.css", "<link href=x.css>")
    assert str(failed.value) == ("basic.css linked itself: matched nothing; the library's "
                                 "output changed, check this substitution again")


def test_layout_filter_drops_lines_or_fails():
    from bookformats.internals import SubstitutionFailed
    from bookweb.head import drop_lines
    assert drop_lines("a\nfontawesome.js\nb", "fontawesome.js", "icons") == "a\nb"
    assert drop_lines("a\nx.js\ny.js\nb", ["x.js", "y.js"], "search") == "a\nb"
    with pytest.raises(SubstitutionFailed, match="^icons: matched nothing in the theme's layout;"):
        drop_lines("a\nb", "fontawesome.js", "icons")


def test_unrecognised_book_image_fails(tmp_path):
    from bookformats.internals import SubstitutionFailed
    from bookweb.images import rewrite_images
    (tmp_path / "land.svg").write_text('<svg width="540pt" height="288pt"></svg>', encoding="utf-8")
    page = '<img alt="a" loading="lazy" src="_images/land.svg" />'
    assert rewrite_images(page, tmp_path, {}) == (
        '<img alt="a" loading="lazy" src="_images/land.svg" width="720" height="384" '
        'decoding="async" />')
    with pytest.raises(SubstitutionFailed, match=r"^image sizes and <picture>: 1 book image"):
        rewrite_images('<img alt="a" src="_images/land.png" />', tmp_path, {})


def test_installed_docutils_has_the_image_loading_option():
    from bookweb.images import DOCUTILS_LOADING
    assert DOCUTILS_LOADING  # docutils >= 0.22: lazy loading is docutils' own


# -- on the test project, every extension loaded ------------------------------------------

@pytest.mark.sphinx("html", testroot="factbook", srcdir="internals-unchecked",
                    confoverrides=WEB, freshenv=True)
def test_unchecked_versions_warn_and_leave_their_touch_out(app_params, make_app, monkeypatch):
    import bookformats.internals
    monkeypatch.setattr(bookformats.internals, "version_of", lambda name: (99, 0))
    args, kwargs = app_params
    app = make_app(*args, **kwargs)
    app.build()
    checked_on = {"sphinx": "9.0", "pydata-sphinx-theme": "0.20"}
    expected = [
        f"WARNING: while setting up extension {extension}: {what} is unchecked on {dist} 99.0 "
        f"(checked on {checked_on[dist]}): left out until checked again [bookformats.internals]"
        for extension, what, dist in [
            ("bookbuild", "bookbuild's saved configuration (Sphinx's private stable_str and the "
             "order of pickling the environment)", "sphinx"),
            ("bookformats", "bookformats' appendix numbers (Sphinx's env.toc_fignumbers)", "sphinx"),
            ("bookformats", "bookformats' EPUB package (Sphinx's EPUB templates and zip)", "sphinx"),
            ("bookweb", "bookweb's index entries kept by incremental builds (Sphinx's private "
             "_search_index_index_entries)", "sphinx"),
            ("bookweb", "bookweb's inline icons (the theme's fontawesome.js and markup)",
             "pydata-sphinx-theme"),
            ("bookweb", "bookweb's deferred scripts (Sphinx's private _JavaScript)", "sphinx"),
            ("bookweb", "bookweb's edits of the theme's <head> (_templates/layout.html)",
             "pydata-sphinx-theme"),
            ("bookweb", "bookweb's trimmed stylesheet (the theme's CSS and Bootstrap's classes)",
             "pydata-sphinx-theme"),
        ]]
    assert output(app).splitlines() == expected
    # the deferred scripts were left out: Sphinx's own tags
    page = (app.outdir / "chapter.html").read_text(encoding="utf-8")
    assert '<script src="_static/documentation_options.js' in page and "defer" not in page


@pytest.mark.sphinx("html", testroot="factbook", srcdir="internals-nomatch",
                    confoverrides=WEB, freshenv=True)
def test_substitution_matching_nothing_fails_the_build_naming_it(app_params, make_app, monkeypatch):
    import bookweb.head
    monkeypatch.setattr(bookweb.head, "_VIEWPORT", re.compile("<meta name=never>"))
    args, kwargs = app_params
    app = make_app(*args, **kwargs)
    app.build()
    assert app.statuscode == 1
    assert output(app).splitlines() == [
        f"ERROR: docutils' viewport tag: matched nothing in {page}; the library's output "
        "changed, check this substitution again [bookformats.substitution]"
        for page in ("chapter", "data", "index", "places")]


# -- the EPUB templates: Sphinx's own, plus the book's lines --------------------------------

def test_epub_templates_are_sphinxs_own_plus_the_books_lines():
    import sphinx
    own = Path(sphinx.__file__).parent / "templates" / "epub3"
    ours = ROOT / "bookformats" / "epub3"
    assert sorted(p.name for p in ours.iterdir()) == sorted(p.name for p in own.iterdir())
    added = {
        "content.opf.jinja": [
            '    {#- bookformats: the EPUB\'s accessibility metadata (epubaccess.py) #}\n'
            '    {%- for property, value in accessibility %}\n'
            '    <meta property="{{ property }}">{{ value }}</meta>\n'
            '    {%- endfor %}\n',
            '{# bookformats: the cover the EPUB 3 way #}'
            '{% if cover and item.id == cover %} properties="cover-image"{% endif %}'],
        "nav.xhtml.jinja": [' role="doc-toc">{#- bookformats: its ARIA twin (epubaccess.py) #}'],
    }
    for template in own.iterdir():
        text = (ours / template.name).read_text(encoding="utf-8")
        for lines in added.get(template.name, []):
            assert lines in text, (template.name, lines)
            text = text.replace(lines, ">" if lines.startswith(" role=") else "", 1)
        assert text == template.read_text(encoding="utf-8"), template.name


@pytest.mark.slow
def test_substitution_matching_nothing_fails_the_real_book(make_app, tmp_path, monkeypatch):
    """Once on the real book, every extension loaded: the same failure, and nothing else."""
    import bookweb.head
    monkeypatch.setenv("BOOK_LANG", "zh")
    monkeypatch.setattr(bookweb.head, "_VIEWPORT", re.compile("<meta name=never>"))
    app = make_app("html", srcdir=ROOT / "docs", builddir=tmp_path, freshenv=True)
    app.build()
    assert app.statuscode == 1
    pages = ["appendix/conflicts", "appendix/data", "appendix/glossary", "appendix/method",
             "governance", "index", "outlook", "overview", "preface", "projects", "renewal"]
    assert output(app).splitlines() == [
        f"ERROR: docutils' viewport tag: matched nothing in {page}; the library's output "
        "changed, check this substitution again [bookformats.substitution]" for page in pages]
