"""The downloadable PDFs are tagged (issue 20): a screen reader walking each one's
structure tree meets the book's headings, paragraphs, lists, tables with header
cells and its chart with the HTML's alt text, in the edition's language (the
Chinese names of the English edition as Chinese); running heads and page numbers
are artifacts, outside the text it reads."""

from __future__ import annotations

import re

import pytest
from helpers import soup

from pdftags import TaggedPdf

DOWNLOADS = {"zh": "downloads/tianqiao-2023-zh.pdf", "en": "en/downloads/tianqiao-2023-en.pdf"}
PREFIX = {"zh": "", "en": "en/"}
LANGS = {"zh": "zh-CN", "en": "en"}
# The book's pages in reading order: the numbered chapters, then the appendices A-D.
CHAPTERS = ["preface", "overview", "governance", "projects", "renewal", "outlook"]
APPENDICES = ["appendix/data", "appendix/conflicts", "appendix/glossary", "appendix/method"]
NUMBERS = ["1", "2", "3", "4", "5", "6", "A", "B", "C", "D"]
# What the PDF puts before a chapter's or appendix's title (its label line).
LABELS = {"zh": ("第{}章", "附录{}"), "en": ("Chapter {}", "Appendix {}")}
# Before the chapters: the cover's title, the contents and the two lists.
FRONT = {"zh": ["天桥 2023：“筑基赋能年”报告", "目 录", "插图目录", "表格目录"],
         "en": ["Tianqiao 2023: A Report on the Year of Building Foundations and Empowerment",
                "Contents", "List of Figures", "List of Tables"]}
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def flat(text: str) -> str:
    return re.sub(r"[\s\u00ad]+", "", text)  # spaces, line ends and soft hyphens


@pytest.fixture(scope="module", params=list(DOWNLOADS))
def edition(request):
    return request.param


@pytest.fixture(scope="module")
def tagged(site, edition):
    return TaggedPdf(site / DOWNLOADS[edition])


def html_headings(site, edition) -> tuple[list[str], list[list[str]]]:
    """Each page's title (h1) and its sections' titles (h2), as the HTML shows them."""
    titles, sections = [], []
    for page in CHAPTERS + APPENDICES:
        article = soup(site / f"{PREFIX[edition]}{page}.html").select_one("article")
        for heading in article.select("h1, h2"):
            for extra in heading.select("a.headerlink, span.section-number"):
                extra.decompose()
        titles.append(flat(article.select_one("h1").get_text()))
        sections.append([flat(h.get_text()) for h in article.select("h2")])
    return titles, sections


def test_marked_with_language_title_and_ua_identification(tagged, edition):
    catalog = tagged.pdf.Root
    assert catalog.MarkInfo.Marked is True
    assert str(catalog.Lang) == LANGS[edition]
    assert catalog.ViewerPreferences.DisplayDocTitle is True
    assert str(tagged.pdf.open_metadata().get("pdfuaid:part")) == "1"
    kinds = {e.kind for e in tagged.root.walk()}
    assert {"Document", "H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Table", "TH", "TD",
            "Figure", "Caption", "Link", "TOC", "TOCI"} <= kinds, kinds


def test_headings_are_the_chapters_and_sections(site, tagged, edition):
    """H1: the cover's title, the contents and lists, then each chapter and appendix
    with its label; H2: each section, numbered; in the HTML's order and words."""
    titles, sections = html_headings(site, edition)
    chapter, appendix = LABELS[edition]
    expected_h1 = [flat(t) for t in FRONT[edition]] + [
        flat((chapter if number.isdigit() else appendix).format(number)) + title
        for number, title in zip(NUMBERS, titles)]
    expected_h2 = [f"{number}.{n}{title}" for number, titles_ in zip(NUMBERS, sections)
                   for n, title in enumerate(titles_, 1)]
    assert [flat(h.text(tagged)) for h in tagged.elements("H1")] == expected_h1
    assert [flat(h.text(tagged)) for h in tagged.elements("H2")] == expected_h2
    assert len(expected_h2) > 30
    # no heading level skipped: H3 and below only under an H2
    assert not tagged.elements("H4") and not tagged.elements("H")


def test_bookmarks_are_the_chapters_and_sections(site, edition):
    """A bookmark for every chapter and appendix, and under it one for each of its
    sections, numbered as printed, in the HTML's words."""
    from pypdf import PdfReader
    titles, sections = html_headings(site, edition)
    outline = PdfReader(str(site / DOWNLOADS[edition])).outline
    chapters = [o for o in outline if not isinstance(o, list)]
    below = [o for o in outline if isinstance(o, list)]
    assert [flat(c.title) for c in chapters] == [n + t for n, t in zip(NUMBERS, titles)]
    assert len(below) == len([s for s in sections if s])
    assert [[flat(e.title) for e in group] for group in below] == [
        [f"{number}.{n}{title}" for n, title in enumerate(titles_, 1)]
        for number, titles_ in zip(NUMBERS, sections) if titles_]


def test_paragraphs_lists_and_tables(tagged):
    assert len(tagged.elements("P")) > 100
    lists = tagged.elements("L")
    assert len(lists) >= 8
    for element in lists:
        items = [c for c in element.children if getattr(c, "kind", None) == "LI"]
        assert items, "a list without items"
        for item in items:
            assert [c.kind for c in item.children if hasattr(c, "kind")][-1] == "LBody"
    tables = tagged.elements("Table")
    assert len(tables) >= 6
    for table in tables:
        kinds = [e.kind for e in table.walk()]
        assert "TH" in kinds and "TD" in kinds, kinds[:20]
        headers = [flat(e.text(tagged)) for e in table.walk() if e.kind == "TH"]
        assert all(headers), headers  # no empty header cell


def test_every_chart_is_a_figure_with_the_htmls_alt_text(site, tagged, edition):
    """Each chart is a Figure whose /Alt is the alt text of the HTML's chart image;
    no Figure without one."""
    alts = []
    for page in CHAPTERS + APPENDICES:
        doc = soup(site / f"{PREFIX[edition]}{page}.html")
        alts += [img["alt"] for img in doc.select("figure.chart img")]
    assert alts, "no chart in the HTML"
    figures = tagged.elements("Figure")
    assert [str(f.attrs.get("/Alt", "")) for f in figures] == alts
    assert all(alt.strip() for alt in alts)


def test_running_heads_and_page_numbers_are_artifacts(tagged, edition):
    """On each page of the body its number is drawn as an artifact, and so is the
    book's title at the head of every page that opens no chapter; nothing is drawn
    outside a marked-content sequence; the body text holds no running head."""
    from pypdf import PdfReader
    labels = PdfReader(str(tagged.pdf.filename)).page_labels
    title = flat(FRONT[edition][0])
    openers = {next(h.parts())[0] for h in tagged.elements("H1")}
    body = labels.index("1")
    heads = 0
    for index in range(body, len(tagged.pages)):
        artifacts = flat(tagged.artifact_text[index])
        assert artifacts.endswith(labels[index]), (labels[index], artifacts[-40:])
        if index not in openers:
            assert artifacts.startswith(title), (labels[index], artifacts[:60])
            heads += 1
    assert heads > 15
    assert {i: t for i, t in tagged.unmarked_text.items() if t.strip()} == {}
    # the running title is not read as part of any page's text (the cover's title aside)
    read = [flat(t) for (page, _), t in tagged.mcid_text.items() if page > 0]
    assert not [t for t in read if title in t]


def test_chinese_in_the_english_edition_is_marked_chinese(site):
    """Every Han character of the English PDF is read as Chinese (its marked
    content or an enclosing element says zh), every English word as English, and
    whatever is marked zh holds Chinese. (Typst gives a list the language of its
    first item's first words: the glossary's lists are zh-CN, their English runs
    marked en one by one; a reader gets each run right.)"""
    tagged = TaggedPdf(site / DOWNLOADS["en"])
    inherited: dict[tuple[int, int], str] = {}

    def walk(element, lang):
        lang = element.lang or lang
        for child in element.children:
            if isinstance(child, tuple):
                inherited[child] = lang
            else:
                walk(child, lang)

    walk(tagged.root, "en")
    unmarked, wrongly = [], []
    for key, text in tagged.mcid_text.items():
        lang = tagged.mcid_lang.get(key) or inherited.get(key, "en")
        if HAN.search(text) and not lang.startswith("zh"):
            unmarked.append(text)
        if tagged.mcid_lang.get(key, "") and tagged.mcid_lang[key].startswith("zh") \
                and not re.search(r"[\u3000-\u303f\u3400-\u9fff\uff01-\uff65]", text):
            wrongly.append(text)
    assert unmarked == [] and wrongly == []
    zh_runs = [t for k, t in tagged.mcid_text.items() if (tagged.mcid_lang.get(k) or "").startswith("zh")]
    assert len(zh_runs) > 50, len(zh_runs)


def test_the_chinese_edition_is_chinese_throughout(site):
    """The Chinese edition's elements and runs are marked Chinese or nothing (the
    document's language), English only where a run is English (none today)."""
    tagged = TaggedPdf(site / DOWNLOADS["zh"])
    langs = {lang for lang in tagged.mcid_lang.values() if lang} | \
        {e.lang for e in tagged.root.walk() if e.lang}
    assert langs <= {"zh-CN"}, langs


def test_a_broken_input_fails(tmp_path, site):
    """The walk can fail: the same PDF without its tags and language fails the
    catalogue check; the chart's alt text removed fails the figure check."""
    import pikepdf
    broken = tmp_path / "untagged.pdf"
    with pikepdf.open(site / DOWNLOADS["zh"]) as pdf:
        del pdf.Root["/MarkInfo"]
        del pdf.Root["/Lang"]
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure":
                del obj["/Alt"]
        pdf.save(broken)
    tagged = TaggedPdf(broken)
    with pytest.raises(AttributeError):
        test_marked_with_language_title_and_ua_identification(tagged, "zh")
    with pytest.raises(AssertionError):
        test_every_chart_is_a_figure_with_the_htmls_alt_text(site, tagged, "zh")
