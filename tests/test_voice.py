"""The book's own voice (issue 19), checked on the built HTML of both editions
(`make html` writes _build/stage/<zh|en>/html; `make test` builds them first):

- chapters and the glossary talk about Tianqiao, not about their source: at most
  2 source mentions per 1,000 Han characters (zh) or words (en) of running text,
  and no source locator (S1¶3, C1, …) in it;
- a chapter's tables give measure, value and period, no locator: each value links to
  its data-appendix row, which says where it stands in the article;
- both front pages show at least five figures (fact links) before the chapter list,
  the downloads after them;
- English prose writes the numbers one to nine in words;
- neither edition says 今年 / 当年 / 本年 / 这一年 / 当前 / 正在 (正全面…) / 目前 / 现在 / 如今 / "this year" /
  "that year" / "now" / "currently" / "at present" in its own voice (the book is read later:
  what was going on at the article's date is told as a past state, 已…, "was under way");
- every derived figure in running text is marked as derived in its own sentence:
  推算 or 折合 (zh), "derived", "works out", "converted" or, for hectares, right after
  "mu (" (en, where the fact role writes "588 mu (39.2 ha)").

Running text is what a reader reads through: tables, collapsed notes (<details>) and
footnotes are left out. `python tests/test_voice.py` prints the measurements per page.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
STAGE = ROOT / "_build" / "stage"
EDITIONS = ("zh", "en")
# The pages held to the mention and locator rules; the preface, the method, the data
# appendix and the conflicts page are where the source is named and located.
CHAPTERS = ("overview", "governance", "projects", "renewal", "outlook", "appendix/glossary")
MAX_MENTIONS_PER_1000 = 2.0
MIN_FRONT_PAGE_FIGURES = 5

# Longest first, so that 据报道 counts once.
MENTIONS = {
    "zh": re.compile(r"据报道|据报导|据报|原文|文章|报道|该文|报导|来源"),
    "en": re.compile(r"\bthe\s+article\b|\bthe\s+source\b|\bthe\s+report\b|\baccording\s+to\b"
                     r"|\breported\b|\breports\b", re.IGNORECASE),
}
# The fixed attribution formulas of evaluative claims and the fixed wording that gives a
# contradiction's second value (editorial fix1 §3 and Contradictions) are not talk about
# the source: they are left out before counting.
ATTRIBUTIONS = {
    "zh": re.compile(r"按文中的说法|原文图片说明作"),
    "en": re.compile(r"\bin\s+the\s+article['’]s\s+words\b|\bthe\s+article\s+(?:describes|sums\s+up)\b"
                     r"|\bthe\s+article['’]s\s+photo\s+caption\s+gives\b", re.IGNORECASE),
}
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"[A-Za-z\d]+(?:['’.,-][A-Za-z\d]+)*")
# Paragraph locators (S2¶7), section and caption locators (S1, C2) anywhere; the
# headline and byline locators (H, B) only where they read as one (原文H, source B).
LOCATOR = re.compile(r"(?<![A-Za-z\d])(?:S[1-9]\d*(?:\s*¶\s*\d+)?|C[1-9]\d*)(?![A-Za-z\d])"
                     r"|(?:原文|位置|source|locator)[:：]?\s*[HB](?![A-Za-z\d])")
QUOTED = re.compile(r"“[^”]*”|《[^》]*》|「[^」]*」")
# A derived figure's own sentence says it is derived (fix1 §2).
DERIVED_MARK = {
    "zh": re.compile(r"推算|折合"),
    "en": re.compile(r"\bderived\b|\bworks?\s+out\b|\bworked\s+out\b|\bconverted\b", re.IGNORECASE),
}
SENTENCE_END = {"zh": re.compile(r"(?<=[。！？])"), "en": re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(\d])")}
DERIVED_BLOCKS = "p, li, figcaption, dd"
MARK = "\u2063"  # invisible separator: stands before each derived figure while reading
# 这一年 / "that year" too (review 2), 当前 (review 3): the book names 2023 instead.
TIME_WORDS = re.compile(r"今年|(?<!相)当年|(?<!基)本年|这一年|当前|正在|正(?:全面|加紧|加快|着手)|目前|现在|如今"
                        r"|\b(?:this|that)\s+year\b|\bnow\b|\bcurrently\b|\bat\s+present\b|\bto\s+date\b",
                        re.IGNORECASE)
MONTHS = ("January|February|March|April|May|June|July|August|September|October"
          "|November|December")
UNITS = ("kB|MB|GB|km|m|m²|ha|mu|hectares?|kilometres?|metres?|square|per\\s?cent"
         "|percentage|billion|million")
# A lone digit 1–9 as a number: not part of a longer number, a decimal, a range
# (1–5), a time, a locator (S1, ¶3), a name (G7); not a label's number (part 1,
# paragraph 3, Fig. 3), not a measurement or an amount (1 mu, 6 kB, CNY 2 billion:
# numerals by the style guide) and not a day of a date (3 May).
BARE_DIGIT = re.compile(
    r"(?<![\w.,:/¶–—\-])(?<!part )(?<!parts )(?<!Part )(?<!section )(?<!chapter )"
    r"(?<!paragraph )(?<!Fig\. )(?<!Table )(?<!No\. )(?<!CNY )"
    r"[1-9](?![\w.,:/%–—\-]|\s*%|\s+(?:" + UNITS + "|" + MONTHS + r")\b)")


# ------------------------------------------------------------------ reading ----

def stage(edition: str) -> Path:
    html = STAGE / edition / "html"
    if not (html / "index.html").exists():
        pytest.fail(f"no built {edition} edition in {html}: run `make html` first (make test does)")
    return html


def article(path: Path) -> BeautifulSoup:
    doc = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    found = doc.select_one("article.bd-article") or doc.select_one("article")
    assert found is not None, f"{path}: no <article>"
    for mark in found.select("a.headerlink"):
        mark.decompose()
    return found


def running_text_of(found: BeautifulSoup) -> BeautifulSoup:
    """The article without tables, collapsed notes and footnotes (a copy)."""
    found = BeautifulSoup(str(found), "html.parser")
    for node in found.select("table, details, .sd-dropdown, aside.footnote, .footnote-list,"
                             " section.footnotes, div.footnote, a.footnote-reference"):
        node.decompose()
    return found


def text(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def count_units(edition: str, body: str) -> int:
    return len(HAN.findall(body)) if edition == "zh" else len(WORD.findall(HAN.sub(" ", body)))


def mentions(edition: str, body: str) -> list[str]:
    return [m.group(0) for m in MENTIONS[edition].finditer(ATTRIBUTIONS[edition].sub(" ", body))]


def locators(body: str) -> list[str]:
    return [m.group(0) for m in LOCATOR.finditer(body)]


def source_talk(edition: str, html: str) -> dict:
    """Mentions, their rate per 1,000 units and the locators of one page's running text."""
    body = text(running_text_of(BeautifulSoup(html, "html.parser")))
    units = count_units(edition, body)
    found = mentions(edition, body)
    rate = 1000 * len(found) / units if units else 0.0
    return {"units": units, "mentions": found, "rate": round(rate, 2), "locators": locators(body)}


def front_page_figures(html: str) -> dict:
    """The fact links of the front page before its chapter list, and where the downloads stand."""
    found = BeautifulSoup(html, "html.parser")
    order = list(found.find_all(True))
    toc = found.select_one(".toctree-wrapper")
    end = order.index(toc) if toc is not None else len(order)
    facts = [a for a in found.select("a.fact") if order.index(a) < end and "#fact-" in a.get("href", "")]
    keys = list(dict.fromkeys(a["href"].split("#fact-", 1)[1] for a in facts))
    downloads = [order.index(d) for d in found.select(".book-downloads")]
    last_figure = max((order.index(a) for a in facts), default=-1)
    return {"keys": keys, "toc": toc is not None,
            "downloads_after": all(d > last_figure for d in downloads)}


def bare_digits(html: str) -> list[str]:
    """Lone digits 1–9 in English prose: the <p> of the running text outside figures,
    fact values (the formatter writes those) and figure/table numbers aside."""
    found = running_text_of(BeautifulSoup(html, "html.parser"))
    for node in found.select("figure, a.fact, span.fact, .std-numref, .caption-number, code, pre,"
                             " .fact-source, .section-number"):
        node.decompose()
    hits = []
    for para in found.find_all("p"):
        body = text(para)
        for m in BARE_DIGIT.finditer(body):
            hits.append(body[max(0, m.start() - 30):m.end() + 30])
    return hits


def unmarked_derived(edition: str, html: str) -> list[str]:
    """The sentences of the running text holding a derived figure (a.fact-derived) that do not
    say it is derived; the hectares the English fact role writes after "mu (" are marked by it."""
    found = running_text_of(BeautifulSoup(html, "html.parser"))
    hits = []
    for block in found.select(DERIVED_BLOCKS):
        if block.find(DERIVED_BLOCKS.split(", ")) is not None and block.name == "li":
            continue  # a list item's paragraphs are read as blocks of their own
        links = block.select("a.fact-derived")
        for link in links:
            link.insert(0, MARK)
        body = re.sub(r"\s+", " ", block.get_text("")).strip()
        for link in links:
            link.contents[0].extract()
        start = 0
        for sentence in SENTENCE_END[edition].split(body):
            for at in [m.start() for m in re.finditer(MARK, sentence)]:
                before = sentence[:at].replace(MARK, "")
                if DERIVED_MARK[edition].search(sentence):
                    continue
                if edition == "en" and re.search(r"\bmu\s*\(\s*$", before):
                    continue
                hits.append(sentence.replace(MARK, "[derived]").strip())
            start += len(sentence)
    return hits


def time_words(body: str) -> list[str]:
    """The time words of TIME_WORDS outside quotation marks, with a little context."""
    own = QUOTED.sub("“”", body)
    return [own[max(0, m.start() - 20):m.end() + 10] for m in TIME_WORDS.finditer(own)]


def page_file(edition: str, page: str) -> Path:
    return stage(edition) / f"{page}.html"


def content_pages(edition: str) -> list[Path]:
    root = stage(edition)
    return sorted(p for p in root.rglob("*.html")
                  if not p.relative_to(root).parts[0].startswith(("_", "downloads"))
                  and p.name not in ("404.html", "search.html", "genindex.html"))


# ---------------------------------------------------------- the checks can fail ----

ZH_PAGE = """<article class="bd-article"><h1>治理</h1>
<p>据报道，天桥区建立了联系点（原文S1¶5），文章称效果很好。</p>
<table><tr><td>原文 S2¶7 原文 原文</td></tr></table>
<details><summary>说明</summary><p>原文C1</p></details>
<aside class="footnote"><p>原文S3¶4</p></aside></article>"""

EN_PAGE = """<article class="bd-article"><h1>Governance</h1>
<p>According to the article, the district set up 3 platforms (source S1¶8) in part 1 of
the article; the source H gives 1–5 and 2.5 and 12 and 2023, on 3 May, Fig. 3 shows it.</p>
<figure><figcaption><p>The 2 charts</p></figcaption></figure>
<p>It resolved <a class="fact" href="data.html#fact-x">8</a> problems in 4 levels.</p>
<table><tr><td>the article 4</td></tr></table></article>"""


def test_mention_count_can_fail():
    zh = source_talk("zh", ZH_PAGE)
    assert zh["mentions"] == ["据报道", "原文", "文章"]  # table, note and footnote left out
    assert zh["units"] == 23
    assert zh["rate"] == 130.43
    en = source_talk("en", EN_PAGE)
    assert en["mentions"] == ["According to", "the article", "the article", "the source"]
    assert source_talk("en", "<article><p>Tianqiao set up platforms.</p></article>")["mentions"] == []
    formulas = ("<article><p>In the article's words, it is more caring. The article describes the"
                " district as having entered a stage (the article’s photo caption gives 45 km).</p></article>")
    assert source_talk("en", formulas)["mentions"] == []
    assert source_talk("zh", "<article><p>按文中的说法，原文如此（原文图片说明作45公里）。</p></article>")["mentions"] == ["原文"]


def test_locator_check_can_fail():
    assert source_talk("zh", ZH_PAGE)["locators"] == ["S1¶5"]
    assert source_talk("en", EN_PAGE)["locators"] == ["S1¶8", "source H"]
    assert locators("见第三部分（S3）和图片说明C2；S2 ¶ 7") == ["S3", "C2", "S2 ¶ 7"]
    assert locators("Tianqiao built 3 CO2 plants; ISO 9001; the 23155 work system; 15-minute") == []


def test_front_page_check_can_fail():
    links = "".join(f'<a class="fact" href="appendix/data.html#fact-k{i}">{i}</a>' for i in range(6))
    toc = '<div class="toctree-wrapper"><ul><li>Preface</li></ul></div>'
    dl = '<ul class="book-downloads"><li>PDF</li></ul>'
    good = front_page_figures(f"<article><p>{links}</p>{toc}{dl}</article>")
    assert good == {"keys": [f"k{i}" for i in range(6)], "toc": True, "downloads_after": True}
    late = front_page_figures(f"<article>{dl}{toc}<p>{links}</p></article>")
    assert late["keys"] == [] and late["downloads_after"]
    first = front_page_figures(f"<article>{dl}<p>{links}</p>{toc}</article>")
    assert not first["downloads_after"]


def test_bare_digit_check_can_fail():
    hits = bare_digits(EN_PAGE)
    assert len(hits) == 2  # "3 platforms" and "4 levels"; the fact 8, ranges, decimals, dates, labels aside
    assert "set up 3 platforms" in hits[0] and "in 4 levels" in hits[1]
    assert bare_digits("<article><p>three platforms, 10 sites, 2023, 1–5, 2.5%, 9%, S1, ¶3,"
                       " 1 mu, 6 kB, CNY 2 billion, paragraph 3 of part 2</p></article>") == []


def test_time_word_check_can_fail():
    assert len(time_words("天桥区今年以来策划了项目，当年5月上线，本年度完成")) == 3
    assert len(time_words("This year's launch; the district this year")) == 2
    assert len(time_words("这一年，天桥区召开部署会；That year the district met")) == 2
    assert len(time_words("Pipes laid to date came to 13.5 km; laid to\ndate")) == 2
    assert len(time_words("文中把天桥区当前所处的阶段概括为四个“期”")) == 1
    assert time_words("原文写“当前，天桥区已经进入……”") == []
    assert time_words("原文只说“今年以来”；《今年》；2023年以来；相当年轻；基本年限") == []
    assert time_words("the article says “January–May this year”") == []
    assert len(time_words("产业规划正在编制，目前有4个项目；现在、如今")) == 4
    assert len(time_words("北湖片区正全面进行安置回迁，规划正加紧编制；正式运行，正文")) == 2
    assert len(time_words("The plan is now being drafted; it is currently, at present, known")) == 3
    assert time_words("市民说“现在高楼都建起来了”；“now high-rises have gone up”; snow, nowhere") == []


def test_derived_mark_check_can_fail():
    derived = '<a class="fact fact-derived" href="data.html#fact-x">{}</a>'
    zh = (f"<article><p>用完成比例减去超出的百分点，推算出的时间进度为{derived.format('41.6%')}。"
          f"平均每户{derived.format('约2万元')}。</p>"
          f"<figure><figcaption><p>土地（折合{derived.format('39.2公顷')}）</p></figcaption></figure>"
          f"<table><tr><td>{derived.format('8.7公顷')}</td></tr></table></article>")
    assert unmarked_derived("zh", zh) == ["平均每户[derived]约2万元。"]
    en = (f"<article><p>It expropriated 588 mu ({derived.format('39.2 ha')}) of land. The average"
          f" was {derived.format('CNY 332 million')} per project. The derived benchmark is"
          f" {derived.format('41.6%')}.</p><ul><li><p>Each household got"
          f" {derived.format('CNY 20,000')}.</p></li></ul>"
          f"<details><p>{derived.format('1')}</p></details></article>")
    assert unmarked_derived("en", en) == ["The average was [derived]CNY 332 million per project.",
                                          "Each household got [derived]CNY 20,000."]


# ------------------------------------------------------------- the book itself ----

@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("page", CHAPTERS)
def test_chapters_rarely_mention_their_source(edition, page):
    talk = source_talk(edition, str(article(page_file(edition, page))))
    assert talk["units"] > 100, f"{edition}/{page}: almost no running text"
    assert talk["rate"] <= MAX_MENTIONS_PER_1000, (
        f"{edition}/{page}: {len(talk['mentions'])} source mentions in {talk['units']} "
        f"{'Han characters' if edition == 'zh' else 'words'} = {talk['rate']} per 1,000 "
        f"(at most {MAX_MENTIONS_PER_1000}): {talk['mentions']}")


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("page", CHAPTERS)
def test_no_locators_in_running_text(edition, page):
    assert source_talk(edition, str(article(page_file(edition, page))))["locators"] == []


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("page", ("overview", "projects", "renewal", "appendix/conflicts"))
def test_chapter_tables_leave_locators_to_the_data_appendix(edition, page):
    """A chapter's tables give measure, value and period; where each value stands in
    the article is on its data-appendix row, which the value links to."""
    tables = article(page_file(edition, page)).select("table.fact-table")
    assert tables, f"{edition}/{page}: no fact table"
    for table in tables:
        assert {len(row.find_all(["th", "td"])) for row in table.select("tr")} == {3}
        assert locators(text(table)) == [], f"{edition}/{page}: {locators(text(table))}"
        links = [a["href"] for a in table.select("td a.fact")]
        assert links and all(re.fullmatch(r"(?:appendix/)?data\.html#fact-[\w-]+", href)
                             for href in links), f"{edition}/{page}: {links}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_front_page_shows_findings_before_the_chapter_list(edition):
    front = front_page_figures(str(article(page_file(edition, "index"))))
    assert front["toc"], f"{edition}: no chapter list on the front page"
    assert len(front["keys"]) >= MIN_FRONT_PAGE_FIGURES, front["keys"]
    assert front["downloads_after"], f"{edition}: downloads stand before the findings"


def test_english_prose_spells_out_numbers_under_ten():
    found = {page.relative_to(stage("en")).as_posix(): hits
             for page in content_pages("en") if (hits := bare_digits(str(article(page))))}
    assert found == {}


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_time_words_in_the_books_own_voice(edition):
    found = {page.relative_to(stage(edition)).as_posix(): hits for page in content_pages(edition)
             if (hits := time_words(text(article(page))))}
    assert found == {}


@pytest.mark.parametrize("edition", EDITIONS)
def test_derived_figures_are_marked_in_their_sentence(edition):
    found = {page.relative_to(stage(edition)).as_posix(): hits for page in content_pages(edition)
             if (hits := unmarked_derived(edition, str(article(page))))}
    assert found == {}


# ---------------------------------------------------------------- measuring ----

def report() -> str:
    lines = ["page | zh Han chars | zh mentions | zh per 1,000 | zh locators | en words"
             " | en mentions | en per 1,000 | en locators | en bare digits",
             "--- | " * 9 + "---"]
    for page in CHAPTERS:
        row = [page]
        for edition in EDITIONS:
            talk = source_talk(edition, str(article(page_file(edition, page))))
            row += [str(talk["units"]), str(len(talk["mentions"])), f"{talk['rate']:.2f}",
                    str(len(talk["locators"]))]
        row.append(str(len(bare_digits(str(article(page_file("en", page)))))))
        lines.append(" | ".join(row))
    for edition in EDITIONS:
        front = front_page_figures(str(article(page_file(edition, "index"))))
        lines.append(f"front page {edition}: {len(front['keys'])} figures before the chapter list;"
                     f" downloads after them: {front['downloads_after']}")
    for edition in EDITIONS:
        for page in content_pages(edition):
            if hits := time_words(text(article(page))):
                lines.append(f"time words {edition}/{page.name}: {hits}")
    for page in content_pages("en"):
        if hits := bare_digits(str(article(page))):
            lines.append(f"bare digits en/{page.relative_to(stage('en')).as_posix()}: {hits}")
    return "\n".join(lines)


if __name__ == "__main__":
    pytest.fail = lambda message: sys.exit(message)  # no pytest run: say what is missing
    print(report())
