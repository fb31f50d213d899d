"""English number forms from the stack (Babel), and small numbers as words in prose."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from factbook.formatting import format_value
from helpers import fresh_copy


@pytest.mark.parametrize("args, en", [
    ((166, "元", "亿"), "CNY 16.6 billion"),
    ((28.28, "元", "亿"), "CNY 2,828 million"),  # billions would round: millions keep it exact
    ((1.23456, "元", "亿"), "about CNY 123.46 million"),  # two decimals at most: rounded, so "about"
    ((123.4567, "元", "亿"), "about CNY 12.35 billion"),
    ((3.32, "元", "亿"), "CNY 332 million"),
    ((2, "元", "亿", "about"), "about CNY 200 million"),
    ((2, "元每户", "万", "about"), "about CNY 20,000 per household"),  # below a million: digits
])
def test_money_in_english_is_babels_long_compact_form(args, en):
    assert format_value(*args, lang="en") == en


@pytest.mark.parametrize("args, words, digits", [
    ((4, "级"), "four levels", "4 levels"),
    ((5, "个"), "five", "5"),              # the sentence names what: "five parks"
    ((2, "户"), "two households", "2 households"),
    ((3, "倍"), "three times", "3 times"),
    ((9, "宗"), "nine parcels", "9 parcels"),
    ((10, "个"), "10", "10"),              # ten and above: digits
    ((5, "个", "", "about"), "about 5", "about 5"),  # not exact: digits
    ((3, "千米"), "3 km", "3 km"),          # a measure with a symbol: digits
    ((5, "亩"), "5 mu", "5 mu"),
    ((2, "%"), "2%", "2%"),
    ((3, "个", "万"), "30,000", "30,000"),  # scaled: digits
])
def test_small_whole_numbers_are_words_in_english_prose(args, words, digits):
    assert format_value(*args, lang="en", words=True) == words
    assert format_value(*args, lang="en") == digits
    assert format_value(*args, lang="zh", words=True) == format_value(*args, lang="zh")


def fact_record(key: str, label: str, label_en: str, value: int, unit: str) -> str:
    """A record for the test project's data file (a count since the start of 2023)."""
    return (f"  {key}:\n    label: {label}\n    label_en: {label_en}\n    value: {value}\n"
            f"    unit: {unit}\n    qualifier: exact\n    period: 2023-ytd\n    topic: governance\n"
            "    source: S1¶5\n")


def english_chapter(app_params, make_app, rootdir, record: str, text: str):
    """The test project in English with one more record and text added to its chapter:
    the app and the chapter page, built."""
    args, kwargs = app_params
    src = fresh_copy(rootdir / "test-factbook", kwargs["srcdir"])
    data = src / "facts.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("facts:\n", "facts:\n" + record, 1),
                    encoding="utf-8")
    chapter = src / "chapter.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + text, encoding="utf-8")
    app = make_app(*args, **kwargs)
    app.build()
    assert app.statuscode == 0
    return app, BeautifulSoup((app.outdir / "chapter.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="factbook", srcdir="numbers-in-words",
                    confoverrides={"language": "en"}, freshenv=True)
def test_fact_role_writes_words_in_prose_and_digits_in_tables(app_params, make_app, rootdir):
    app, page = english_chapter(
        app_params, make_app, rootdir,
        fact_record("levels", "联席会议层级", "Levels of the joint meeting", 4, "级"),
        "\n会议覆盖{fact}`levels`。\n\n| 层级 |\n| --- |\n| {fact}`levels` |\n\n"
        ":::{fact-table}\n:keys: levels\n:name: tab-levels\n层级\n:::\n")
    links = page.select('a.fact[href="data.html#fact-levels"]')
    in_table = [a.get_text() for a in links if a.find_parent("table")]
    in_prose = [a.get_text() for a in links if not a.find_parent("table")]
    assert in_prose == ["four levels"]
    assert in_table == ["4 levels", "4 levels"]  # the Markdown table and the fact-table
    assert links[0].parent.name == "p"  # no wrapper left around the link
    data_page = (app.outdir / "data.html").read_text(encoding="utf-8")
    assert "four" not in data_page


@pytest.mark.parametrize("args, opening", [
    ((26, "个"), "Twenty-six"),             # a count up to 99 is spelled out
    ((4, "级"), "Four levels"),
    ((10, "个"), "Ten"),
    ((40, "个"), "Forty"),
    ((99, "个"), "Ninety-nine"),
    ((100, "个"), "100"),                   # larger: digits (the sentence should be recast)
    ((890, "个", "", "more_than"), "More than 890"),
    ((4.4, "千米", "", "about"), "About 4.4 km"),
    ((29, "千米"), "29 km"),                 # a measure keeps digits
    ((2, "元", "亿", "about"), "About CNY 200 million"),
])
def test_a_figure_opening_an_english_sentence_is_capitalised_and_spelled(args, opening):
    assert format_value(*args, lang="en", words=True, sentence_start=True) == opening
    assert format_value(*args, lang="zh", sentence_start=True) == format_value(*args, lang="zh")


@pytest.mark.sphinx("html", testroot="factbook", srcdir="numbers-at-sentence-start",
                    confoverrides={"language": "en"}, freshenv=True)
def test_fact_opening_a_sentence_is_spelled_out_in_english(app_params, make_app, rootdir):
    """After a full stop or first in its paragraph, not after "e.g." or inside a sentence,
    nor in a table or standing alone."""
    _, page = english_chapter(
        app_params, make_app, rootdir,
        fact_record("stations", "改建扩建的站点", "Stations rebuilt or expanded", 26, "个"),
        "\n{fact}`stations` 15-minute stations. Then {fact}`stations`.\n\n"
        "Rebuilt. {fact}`problems` settled, e.g. {fact}`stations` of them.\n\n"
        "{fact}`stations`\n\n| 站点 |\n| --- |\n| {fact}`stations` |\n")
    values = [a.get_text() for a in page.select('a.fact[href$="#fact-stations"],'
                                                 ' a.fact[href$="#fact-problems"]')]
    assert values[-6:] == ["Twenty-six", "26", "More than 890", "26", "26", "26"]
    assert "Twenty-six 15-minute stations. Then 26." in page.get_text()
