"""The English edition: complete catalogues, English figures, no leftover Chinese,
and a language switch that leads to the same page in the other edition."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from helpers import ROOT, pages, soup
from factbook.roles import SENTENCE_END, words_text

LOCALE = ROOT / "locales" / "en" / "LC_MESSAGES"
HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def en_site(site):
    return site / "en"


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """Message templates made afresh from the Chinese sources."""
    out = tmp_path_factory.mktemp("gettext")
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "gettext", "-E", "-q", "docs", str(out)],
                   cwd=ROOT, check=True, capture_output=True)
    return {p.relative_to(out).with_suffix("").as_posix(): p for p in out.rglob("*.pot")}


def test_every_message_translated_and_none_fuzzy(templates):
    problems = []
    for doc, pot in sorted(templates.items()):
        po_path = LOCALE / f"{doc}.po"
        if not po_path.exists():
            problems.append(f"{doc}: no catalogue (run `make po`)")
            continue
        with pot.open("rb") as f:
            wanted = [m.id for m in read_po(f) if m.id]
        with po_path.open("rb") as f:
            catalogue = read_po(f)
        for msgid in wanted:
            message = catalogue.get(msgid)
            if message is None or not message.string:
                problems.append(f"{doc}: untranslated: {msgid[:50]}")
            elif message.fuzzy:
                problems.append(f"{doc}: fuzzy: {msgid[:50]}")
    assert problems == [], "\n".join(problems[:30])


def test_facts_render_in_english(en_site, facts):
    checked = 0
    used = set()
    for page in pages(en_site):
        for a in soup(page).select("a.fact"):
            key = a["href"].rsplit("#fact-", 1)[1]
            # running text writes one to nine as words ("four levels"); tables and a key
            # figure standing alone keep digits
            alone = a.parent.get_text(strip=True) == a.get_text(strip=True)
            digits = a.find_parent("table") or alone
            expected = facts[key].text("en") if digits else words_text(facts[key],
                                                                       opens_sentence(a))
            assert a.get_text() == expected, (page.name, key)
            checked += 1
            if page.name != "data.html":
                used.add(key)
    assert set(facts) - used == set()
    assert checked > len(facts)


def opens_sentence(a) -> bool:
    """The figure is the first thing in its paragraph, or follows a full stop."""
    if a.parent.name != "p":
        return False
    before = []
    for text in a.parent.strings:
        if a in text.parents:
            break
        before.append(text)
    before = "".join(before)
    return not before.strip() or bool(SENTENCE_END.search(before))


def test_no_english_sentence_opens_with_digits(en_site):
    """Chicago 9.5: a figure opening a sentence is spelled out, or the sentence recast
    (a measure such as "29 km" cannot be spelled out)."""
    openings = []
    for page in pages(en_site):
        for a in soup(page).select("p a.fact"):
            rest = a.parent.get_text(strip=True).replace(a.get_text(strip=True), "", 1)
            alone = re.fullmatch(r"(\(.*, converted\))?", rest)  # a key figure, hectares beside
            if not alone and not a.find_parent("table") and opens_sentence(a):
                openings.append((page.name, a.get_text()))
    assert [o for o in openings if o[1][:1].isdigit()] == []
    assert all(text[:1].isupper() for _, text in openings), openings


def test_areas_in_mu_carry_hectares_in_english(en_site, facts):
    """588亩 -> "588 mu (39.2 ha, converted)": the hectares are the derived fact, linked,
    and every conversion says it is one."""
    doc = soup(en_site / "renewal.html")
    expected = f"{facts['land_expropriated'].text('en')} ({facts['land_expropriated_ha'].text('en')}"
    assert expected == "588 mu (39.2 ha"
    text = re.sub(r"\s+", " ", doc.select_one("article").get_text())
    assert expected + ", converted)" in text
    assert re.findall(r"\d ha\)", text) == []  # none without the word
    link = doc.select_one("a.fact-derived[href$='#fact-land_expropriated_ha']")
    assert link is not None and link.find_previous("a", class_="fact")["href"].endswith(
        "#fact-land_expropriated")


def test_english_pages_have_no_leftover_chinese(en_site):
    """Chinese may stand only in brackets after an English name (first use),
    in 《titles》, on the switch to the Chinese edition, in the Chinese edition's
    BibTeX entry and on the glossary page, which is bilingual by design."""
    for page in pages(en_site):
        if page.name in ("glossary.html", "search.html", "genindex.html"):
            continue
        doc = soup(page)
        assert doc.html["lang"] == "en"
        for switch in doc.body.select(".edition-switch, .bibtex-entry"):
            switch.decompose()  # the BibTeX entries cite each edition by its own title
        text = doc.body.get_text(" ")
        text = re.sub(r"\([^()]*\)|（[^（）]*）|《[^《》]*》", " ", text)
        leftovers = HAN.findall(text)
        assert len(leftovers) == 0, (page.relative_to(en_site).as_posix(),
                                     re.findall(r".{0,20}[\u3400-\u9fff]+.{0,20}", text)[:5])


def test_chinese_in_english_pages_is_marked_as_chinese(en_site):
    """So screen readers switch voice and browsers choose a Chinese font."""
    for page in pages(en_site):
        if page.name in ("search.html", "genindex.html"):
            continue
        doc = soup(page)
        for marked in doc.body.select('[lang^="zh"]'):
            marked.decompose()
        unmarked = HAN.findall(doc.body.get_text(" "))
        assert unmarked == [], (page.relative_to(en_site).as_posix(), unmarked[:5])


def switch_href(page):
    link = soup(page).select_one("a.edition-switch, .edition-switch a, a[class*=edition-switch]")
    assert link is not None, page
    return link["href"]


def test_language_switch_leads_to_the_same_page_both_ways(site, en_site):
    zh_pages = pages(site)
    assert zh_pages
    for page in zh_pages:
        rel = page.relative_to(site)
        target = (page.parent / switch_href(page)).resolve()
        assert target == (en_site / rel).resolve(), rel
        back = (target.parent / switch_href(target)).resolve()
        assert back == page.resolve(), rel


def test_english_downloads_offered_and_present(en_site):
    doc = soup(en_site / "index.html")
    hrefs = [a["href"] for a in doc.select("a[href]") if "downloads/" in a["href"]]
    assert any(h.endswith("tianqiao-2023-en.pdf") for h in hrefs)
    assert any(h.endswith("tianqiao-2023-en.epub") for h in hrefs)
    for href in hrefs:
        assert (en_site / href).resolve().exists(), href


def test_english_charts_and_numbering(en_site, facts):
    doc = soup(en_site / "projects.html")  # the book's one chart (the land chart was dropped)
    figs = doc.select("figure.chart")
    assert figs
    for fig in figs:
        img = fig.find("img")
        assert not HAN.search(img["alt"]), img["alt"]
        assert fig.select_one(".caption-number").get_text().startswith("Figure 4.")
    assert facts["land_expropriated"].text("en") in soup(en_site / "renewal.html").get_text()


def test_english_search_index(en_site):
    text = (en_site / "searchindex.js").read_text(encoding="utf-8")
    assert '"renov' in text and '"sewag' in text
