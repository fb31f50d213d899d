"""The built HTML book: numbers, facts, charts, search, numbering."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, pages, soup
from factbook.data import readable_formula

CHAPTERS = ["preface", "overview", "governance", "projects", "renewal", "outlook"]
APPENDIX = "appendix/data.html"


@pytest.fixture(scope="module")
def chart_module():
    from factbook.charts import load_chart_module
    return load_chart_module(str(ROOT / "book" / "chart_drawings.py"))


@pytest.mark.slow
def test_sphinx_build_as_typed_has_no_warnings(tmp_path):
    """`sphinx-build docs <out>` works as typed and warns about nothing."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-n", "--keep-going", "-q", "docs", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""
    assert (tmp_path / "out" / "renewal.html").exists()
    assert list((tmp_path / "out" / "_images").glob("*.svg"))


def test_every_fact_is_used_outside_the_appendix(site, facts):
    linked = set()
    for page in pages(site):
        if page.relative_to(site).as_posix() == APPENDIX:
            continue
        for a in soup(page).select("a.fact"):
            linked.add(a["href"].rsplit("#fact-", 1)[1])
    assert set(facts) - linked == set()


def test_rendered_numbers_equal_the_data(site, facts):
    checked = 0
    for page in pages(site):
        for a in soup(page).select("a.fact"):
            key = a["href"].rsplit("#fact-", 1)[1]
            assert a.get_text() == facts[key].text("zh"), (page.name, key)
            checked += 1
    assert checked > len(facts)


def test_fact_links_land_on_appendix_rows(site, facts):
    appendix = soup(site / APPENDIX)
    for key, fact in facts.items():
        row = appendix.select_one(f"tr#fact-{key}")
        assert row is not None, key
        text = row.get_text(" ")
        assert fact.text("zh") in text and fact.period_text("zh") in text
        # only its key does, as the permalink to copy (factbook/citation.py)
        assert not row.select(f'a[href$="#fact-{key}"]:not(.fact-permalink)'), \
            f"{key}: row links to itself"
        if fact.derived:
            assert "推算：" + readable_formula(fact, facts, "zh") in text
        else:
            assert fact.source in text
    first = soup(site / "renewal.html").select_one("a.fact")
    assert first["href"].startswith("appendix/data.html#fact-")
    assert "来源" in first["title"] or "推算" in first["title"]


def test_conflicts_shown_side_by_side(site, facts):
    page = soup(site / "appendix" / "conflicts.html")
    text = page.get_text(" ")
    for key in ("green_space_added", "green_space_added_caption", "greenway_added",
                "greenway_added_caption"):
        assert facts[key].text("zh") in text
    assert "C1" in text and "S3¶4" in text


def test_every_chart_is_a_numbered_referenced_figure_with_alt_and_table(site, facts, chart_module):
    found = {}
    for page in pages(site):
        doc = soup(page)
        for fig in doc.select("figure.chart"):
            img = fig.find("img")
            name = img["src"].rsplit("/", 1)[1].split(".")[0]
            found[name] = page
            assert (page.parent / img["src"]).exists(), img["src"]
            assert img["src"].endswith(".svg")
            alt = img.get("alt", "")
            assert len(alt) > 20 and re.search(r"\d", alt), (name, alt)
            number = fig.select_one(".caption-number").get_text()
            assert re.match(r"图 \d+\.\d+", number), number
            assert doc.select_one(f'a.reference[href="#{fig["id"]}"]'), f"{name} never referenced"
            table = doc.select_one(f'table#{fig["id"]}-data')
            assert table is not None
            assert table.find_parent("details", class_="chart-data-fold"), name  # folded on the web
            for key in chart_module.CHARTS[name].keys:
                assert facts[key].text("zh") in table.get_text()
    assert set(found) == set(chart_module.CHARTS)
    assert len(found) >= 2


def test_chapters_numbered_and_in_order(site):
    index = soup(site / "index.html")
    titles = [a.get_text(" ", strip=True) for a in index.select(".toctree-wrapper a.reference")]
    assert titles[0].startswith("1. 前言") or titles[0].startswith("1 前言")


def search_terms(site) -> dict:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1:text.rindex(")")])
    return data["terms"]


def test_search_index_holds_domain_words(site):
    terms = search_terms(site)
    for word in ("老旧小区", "城市更新", "党群服务站", "专项债", "筑基赋能年"):
        assert word in terms, word


def test_chinese_stemmer_workaround(site):
    js = (site / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "ChineseStemmer" not in js
    assert "window.Stemmer = EnglishStemmer" in js


def test_no_buttons_to_nowhere(site):
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        assert "github.com" not in html and "edit this page" not in html.lower(), page.name
        doc = BeautifulSoup(html, "html.parser")
        for button in ("repository", "edit", "issues", "launch"):
            assert not doc.select(f'[class*="btn-source-{button}"], [class*="{button}-button"]'), (
                page.name, button)


def test_theme_interface_speaks_chinese(site):
    """The themes leave some of their buttons and labels in English; the book's
    own catalogue (locales/zh_CN) and template overrides translate them."""
    doc = soup(site / "overview.html")
    for script in doc(["script", "style"]):
        script.decompose()
    shown = " ".join([doc.get_text(" ")] + [
        el.get(attr) for attr in ("title", "aria-label", "placeholder")
        for el in doc.find_all(attrs={attr: True})])
    for english in ("System Settings", "Color mode", "Toggle primary sidebar",
                    "Toggle secondary sidebar", "Search...", "Main"):
        assert english not in shown, english


def test_page_titles_name_the_book_once(site):
    assert soup(site / "index.html").title.get_text() == "天桥 2023：筑基赋能年报告"
    assert soup(site / "overview.html").title.get_text() == "2. 总览 — 天桥 2023：筑基赋能年报告"


def test_lang_attribute(site):
    assert soup(site / "index.html").html["lang"] == "zh-CN"


NAMES = ["孙战宇", "田象霞", "杜春霞", "李梦瑶", "王群", "田悦", "云锦湖公园", "建邦黄河大桥",
         "山东优配车联", "1922电竞新媒体产业园", "国电投山东绿色能源", "中电建生态投资发展（济南）有限公司",
         "济南火车站南广场", "北湖片区", "黄岗保障房", "京津冀", "长三角", "珠三角", "新材料", "智能制造",
         "数字经济", "预制菜", "筑基赋能年", "项目突破年", "23155", "强新优富美高", "先锋天桥", "数智中枢",
         "项目管家", "四网合一", "雨污分流", "15分钟党群服务站", "双十", "长者食堂"]


def test_every_name_of_the_source_appears(site):
    text = " ".join(soup(p).get_text(" ") for p in pages(site))
    text = text.replace("(", "（").replace(")", "）")
    missing = [name for name in NAMES if name not in text]
    assert missing == []


def test_headings_in_order(site):
    """Each page's article has one h1, first, and never skips a level going down
    (both editions)."""
    checked = 0
    for page in sorted(p for p in site.rglob("*.html")
                       if not any(part.startswith("_") for part in p.relative_to(site).parts)):
        article = soup(page).select_one("article.bd-article")
        if article is None:  # search and index pages
            continue
        levels = [int(h.name[1]) for h in article.find_all(re.compile(r"^h[1-6]$"))]
        where = page.relative_to(site).as_posix()
        assert levels and levels[0] == 1 and levels.count(1) == 1, (where, levels)
        jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert jumps == [], (where, jumps)
        checked += 1
    assert checked >= 2 * 11


SOURCE_TEXT = ROOT.parent / "shared" / "source" / "article.zh.txt"
# Proper names (organisations, programmes, the source's subheadings as cited in
# the method appendix) may stand as the source writes them.
LISTED_NAMES = ["新型制造业组团", "现代农业组团", "高科技发展组团", "高端服务业发展组团", "商贸发展组团",
                "山东优配车联", "1922电竞新媒体产业园", "国电投山东绿色能源",
                "中电建生态投资发展（济南）有限公司", "新旧动能转换推动绿色低碳高质量发展",
                "基层党建引领基层治理联席会议制度", "高位推动统筹谋划守正创新赋能基层",
                "领导包挂建专班抓落实项目建设"]
COPY_LIMIT = 16  # characters of prose, fact values and quotations aside


@pytest.mark.skipif(not SOURCE_TEXT.exists(), reason="needs ../shared/source/article.zh.txt")
def test_no_sentence_copied_from_the_source(site):
    """The book's prose is its own: with fact values, quotations and names set
    aside, no run of COPY_LIMIT characters matches the source article."""
    from difflib import SequenceMatcher
    source = re.sub(r"\s+", "", SOURCE_TEXT.read_text(encoding="utf-8"))
    source = source.translate(str.maketrans(",;:()!?", "，；：（）！？"))  # it mixes both widths
    copied = []
    for page in pages(site):
        article = soup(page).select_one("article")
        if article is None or page.name == "genindex.html":  # the index lists terms
            continue
        for fact in article.select("a.fact"):
            fact.string = "□"  # figures carry over; the words around them must not
        for block in article.find_all(["p", "li"]):
            text = re.sub(r"\s+", "", block.get_text())
            text = re.sub(r"“[^”]*”|《[^》]*》", "“”", text)
            for name in LISTED_NAMES:
                text = text.replace(name, "□")
            match = SequenceMatcher(None, text, source, autojunk=False).find_longest_match(
                0, len(text), 0, len(source))
            if match.size >= COPY_LIMIT:
                copied.append((page.name, text[match.a:match.a + match.size]))
    assert copied == []
