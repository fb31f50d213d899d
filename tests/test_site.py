"""The built HTML book: numbers, facts, charts, search, numbering."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys

import pytest
import yaml
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


# Every figure as the Chinese edition prints it, written out by hand from facts.yaml (value,
# scale, 约/余, unit) and, for derived figures, from their formulas (see test_opendata.py).
ZH_PRINTED = {
    "three_year_action_span": "3年", "party_committees_with_projects": "21个",
    "party_leading_projects": "88项", "party_building_key_tasks": "26项",
    "joint_meeting_levels": "4级", "joint_meeting_issues_resolved": "890余个",
    "secretary_contact_points": "728个", "secretary_visits": "1250余次",
    "urgent_issues_solved": "500余个", "service_stations_rebuilt": "26个",
    "grid_matters_closed": "980余件", "studios_2020": "2个", "studios_exploration_years": "2年",
    "studios_new_2022": "8个", "data_ports": "6个", "special_groups": "11类",
    "pioneer_platform_launch_month": "4月", "pioneer_platform_functions": "3个",
    "party_service_centres": "215个", "volunteer_teams": "318支", "projects_planned": "105个",
    "industry_clusters": "5个", "provincial_municipal_key_projects": "183个",
    "green_transition_projects": "98个", "investment_trips": "7次", "projects_introduced": "50个",
    "projects_introduced_amount": "166亿元", "full_process_assistance": "100%",
    "bank_business_events": "9场", "special_bond_projects": "7个",
    "legal_adviser_projects": "201个", "provincial_projects_completion": "54.2%",
    "municipal_projects_completion": "73.4%", "district_projects_completion": "69.1%",
    "provincial_projects_ahead": "12.6个百分点", "municipal_projects_ahead": "31.8个百分点",
    "district_projects_ahead": "27.5个百分点", "tech_transfer_turnover": "28.28亿元",
    "tech_transfer_rank": "第一", "old_community_projects": "8个",
    "old_community_floor_area": "69.9万平方米", "old_community_households": "1万余户",
    "old_community_investment": "约2亿元", "rain_pipes_laid": "约3.11公里",
    "sewage_pipes_laid": "约13.5公里", "telecom_lines_sorted": "约4.4公里",
    "waterlogging_points": "29处", "land_expropriated": "588亩", "land_supplied_parcels": "5宗",
    "land_supplied": "470.4亩", "land_listing_parcels": "2宗", "land_listing": "131.2亩",
    "land_approved_unsupplied": "3033亩", "relocation_projects": "4个",
    "construction_started_projects": "6个", "illegal_structures_removed": "8165平方米",
    "green_space_added": "1.4万平方米", "green_space_added_caption": "14万平方米",
    "greenway_added": "4.5公里", "greenway_added_caption": "45公里", "city_parks_added": "5个",
    "time_progress_provincial": "41.6%", "time_progress_municipal": "41.6%",
    "time_progress_district": "41.6%",
    "land_expropriated_ha": "39.2公顷", "land_supplied_ha": "约31.4公顷",
    "land_listing_ha": "约8.7公顷", "land_approved_unsupplied_ha": "202.2公顷",
    "green_space_conflict_ratio": "10倍", "greenway_conflict_ratio": "10倍",
}


def test_rendered_numbers_equal_the_data(site, facts):
    assert set(ZH_PRINTED) == set(facts)  # a new figure needs its printed form here too
    checked, wrong = 0, []
    for page in pages(site):
        for a in soup(page).select("a.fact"):
            key = a["href"].rsplit("#fact-", 1)[1]
            if a.get_text() != ZH_PRINTED[key]:
                wrong.append((page.name, key, a.get_text()))
            checked += 1
    assert wrong == [] and checked > len(facts)


def test_fact_links_land_on_appendix_rows(site, facts):
    appendix = soup(site / APPENDIX)
    for key, fact in facts.items():
        row = appendix.select_one(f"tr#fact-{key}")
        assert row is not None, key
        text = row.get_text(" ")
        assert fact.text("zh") in text and fact.period_text("zh") in text
        # only its key does, as the permalink to copy (bookpublish/citation.py)
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
    assert len(found) >= 1  # one chart since review 2 (key projects; the land chart was dropped)


def test_chapters_numbered_and_in_order(site):
    index = soup(site / "index.html")
    titles = [a.get_text(" ", strip=True) for a in index.select(".toctree-wrapper a.reference")]
    numbered = [t for t in titles if re.match(r"\d+\. ", t)]
    assert numbered == ["1. 前言", "2. 总览", "3. 基层党建引领基层治理", "4. 项目建设", "5. 城市更新",
                        "6. 展望"]
    assert titles[0] == "1. 前言" and titles[-4:] == ["数据表", "数据说明", "术语表", "方法与来源"]


def search_terms(site) -> dict:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1:text.rindex(")")])
    return data["terms"]


def test_search_index_holds_domain_words(site):
    terms = search_terms(site)
    for word in ("老旧小区", "城市更新", "党群服务站", "专项债", "筑基赋能年"):
        assert word in terms, word


def test_dictionary_words_inside_a_longer_name_are_indexed():
    """jieba's search cut gives 15分钟党群服务站 as 分钟/党群/服务/服务站 and the whole name:
    the book's tokenizer adds the dictionary word 党群服务站 found inside it."""
    from sphinx.search.zh import SearchChinese
    from bookweb.search import SearchChineseBook
    options = {"dict": str(ROOT / "book" / "jieba_dict.txt")}
    text = "改建扩建的“15分钟党群服务站”有26个"
    assert "党群服务站" not in SearchChinese(options).split(text)  # the gap this closes
    words = SearchChineseBook(options).split(text)
    assert "党群服务站" in words and "15分钟党群服务站" in words
    assert SearchChineseBook(options).split("党群服务站") == SearchChinese(options).split("党群服务站")


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
    assert soup(site / "index.html").title.get_text() == "天桥 2023：“筑基赋能年”报告"
    assert soup(site / "overview.html").title.get_text() == "2. 总览 — 天桥 2023：“筑基赋能年”报告"


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


# Proper names (organisations, programmes, the source's subheadings as cited in
# the method appendix) may stand as the source writes them.
LISTED_NAMES = ["新型制造业组团", "现代农业组团", "高科技发展组团", "高端服务业发展组团", "商贸发展组团",
                "山东优配车联", "1922电竞新媒体产业园", "国电投山东绿色能源",
                "中电建生态投资发展（济南）有限公司", "新旧动能转换推动绿色低碳高质量发展",
                "基层党建引领基层治理联席会议制度", "高位推动统筹谋划守正创新赋能基层",
                "领导包挂建专班抓落实项目建设"]
COPY_LIMIT = 16  # characters of prose, fact values and quotations aside
PROVENANCE = yaml.safe_load((ROOT / "provenance.yaml").read_text(encoding="utf-8"))
_spec = importlib.util.spec_from_file_location("check_provenance",
                                               ROOT / "scripts" / "check_provenance.py")
_check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_check)
in_filter, unfolded = _check.in_filter, _check.unfolded  # one definition, with the script's


def copied_runs(text: str, spec: dict) -> list[str]:
    """The runs of COPY_LIMIT characters or more of `text` that stand in the source, asked of
    provenance.yaml's filter of the source's runs of spec["window"] characters (the article
    is not in this repository): a copied run is that many filter runs in a row."""
    window = spec["window"]
    need = COPY_LIMIT - window + 1  # windows in a row
    hits = [in_filter(text[i:i + window], spec) for i in range(len(text) - window + 1)]
    runs, start = [], None
    for i, hit in enumerate(hits + [False]):
        if hit and start is None:
            start = i
        elif not hit and start is not None:
            if i - start >= need:
                runs.append(text[start:i - 1 + window])
            start = None
    return runs


def test_no_sentence_copied_from_the_source(site):
    """The book's prose is its own: with fact values, quotations and names set
    aside, no run of COPY_LIMIT characters matches the source article."""
    spec = unfolded(PROVENANCE["copy_filter"])
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
            copied += [(page.name, run) for run in copied_runs(text, spec)]
    assert copied == []


def test_the_copy_check_finds_a_copied_sentence_and_only_that():
    """The filter is the source's: a clause of the article (S3¶4) is found, exactly; the
    same fact in the book's own words is not."""
    spec = unfolded(PROVENANCE["copy_filter"])
    assert copied_runs("书中写道：天桥区成立城市更新项目策划专班和招商队伍。", spec) == [
        "天桥区成立城市更新项目策划专班和招商队伍"]
    assert copied_runs("天桥区为城市更新专门组建了策划和招商两支队伍。", spec) == []
    assert copied_runs("天桥区成立城市更新项目", spec) == []  # 11 characters: too short to count


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chapter_tables_word_periods_as_the_chapters_do(site, facts, lang):
    """A chapter's table says "2023年以来" where its prose does, and gives no period
    where the article gives none; only the data appendix carries the exact labels
    (“2023年初至报道时”, “原文未说明”), once, for researchers."""
    root = site / "en" if lang == "en" else site
    appendix_only = re.compile(r"年初至报道时|报道时的状况|原文未说明|article’s date|not stated in the article")
    cells = []
    for name in CHAPTERS:
        for table in soup(root / f"{name}.html").select("table.fact-table"):
            cells += [row.find_all("td")[-1].get_text(strip=True) for row in table.select("tbody tr")]
    assert len(cells) > 20
    assert [c for c in cells if appendix_only.search(c)] == []
    assert ("2023年以来" if lang == "zh" else "since the start of 2023") in cells and "—" in cells
    appendix = soup(root / APPENDIX).get_text(" ")
    assert all(facts[k].period_text(lang) in appendix for k in facts)
