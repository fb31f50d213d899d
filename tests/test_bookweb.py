"""bookweb's code in isolation: the stylesheet trimming rule, the social card's title
fitting, and (sphinx.testing) the card drawn again only when what it shows changes."""

from __future__ import annotations

import pytest

from helpers import ROOT, conf_settings, edit, fresh_copy, output


def test_unused_theme_css_rules_go_and_the_rest_stay():
    from bookweb.unusedcss import trim_css
    css = ('@charset "UTF-8";/*! licence */.used{a:1}.unused{b:2}.used,.unused>p{c:3}'
           '.x:not(.unused){d:4}a[href$=".pdf"]{e:5}@media (min-width:1px){.unused{f:6}'
           '.used .also{g:7}}@media print{#used{h:8}}:root,[data-theme=dark]{--v:1}'
           '.bs-tooltip-auto{i:9}@keyframes k{0%{opacity:0}}/* a note */')
    assert trim_css(css, {"used", "x"}) == (
        '@charset "UTF-8";/*! licence */.used{a:1}.used{c:3}.x:not(.unused){d:4}'
        'a[href$=".pdf"]{e:5}@media print{#used{h:8}}:root,[data-theme=dark]{--v:1}'
        '.bs-tooltip-auto{i:9}@keyframes k{0%{opacity:0}}')


@pytest.mark.parametrize("edition", ["zh", "en"])
def test_social_card_title_fits_and_an_overlong_one_is_reported(edition, tmp_path,
                                                                 caplog):
    from bookweb.socialcard import draw_card
    from factbook.data import load_facts
    card = conf_settings(BOOK_LANG=edition)["bookweb_social_card"]
    facts = load_facts(ROOT / "facts.yaml")
    draw_card(facts, edition, card["title"], card["subtitle"], list(card["keys"]), tmp_path / "a.png")
    assert "does not fit" not in caplog.text
    draw_card(facts, edition, card["title"] * 4, card["subtitle"], list(card["keys"]),
              tmp_path / "b.png")
    assert "does not fit the card" in caplog.text


CARD = {"title": "测试", "subtitle": "副标题", "keys": ["land", "problems"]}


@pytest.mark.sphinx("html", testroot="factbook", srcdir="bookweb-social-card",
                    confoverrides={"extensions": ["myst_parser", "factbook", "bookformats", "bookweb"],
                                   "bookweb_edition": "zh", "bookweb_social_card": CARD})
@pytest.mark.slow
def test_social_card_is_drawn_again_only_when_what_it_shows_changes(app_params, make_app,
                                                                      rootdir):
    """Most rebuilds change a sentence: the card (half a second of matplotlib) stays;
    a changed figure it shows draws it again."""
    args, kwargs = app_params
    src = fresh_copy(rootdir / "test-factbook", kwargs["srcdir"])

    def build():
        app = make_app(*args, **kwargs)
        app.build()
        assert app.statuscode == 0
        card = app.outdir / "_static" / "social-card-zh.png"
        return card.stat().st_mtime_ns, card.read_bytes()

    first = build()
    chapter = src / "chapter.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n又一句。\n", encoding="utf-8")
    assert build() == first  # the same file, not drawn again
    data = src / "facts.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("value: 470.4", "value: 470.5", 1),
                    encoding="utf-8")
    again = build()
    assert again[0] != first[0] and again[1] != first[1]


@pytest.mark.sphinx("html", testroot="factbook", srcdir="bookweb-search-index",
                    confoverrides={"extensions": ["myst_parser", "factbook", "bookformats", "bookweb"],
                                   "bookweb_edition": "zh"})
def test_an_incremental_build_keeps_the_glossary_in_the_search_index(app_params, make_app,
                                                                     rootdir):
    """Sphinx pickles the environment before writing and does not load the index entries
    back from searchindex.js: a page not written again (the glossary) lost its terms."""
    from sphinx.search import js_index
    args, kwargs = app_params
    src = fresh_copy(rootdir / "test-factbook", kwargs["srcdir"])

    def index_entries():
        app = make_app(*args, **kwargs)
        app.build()
        assert app.statuscode == 0
        said = [line for line in output(app).splitlines()  # a second app in one process
                if " is already registered" not in line]
        assert said == []
        index = js_index.loads((app.outdir / "searchindex.js").read_text(encoding="utf-8"))
        return {entry: [(index["docnames"][doc], target, main) for doc, target, main in places]
                for entry, places in index["indexentries"].items()}

    first = index_entries()
    assert first == {"供地": [("places", "term-0", True)]}
    edit(src / "chapter.md", "# ", "# 新")  # another page, written again alone
    assert index_entries() == first
