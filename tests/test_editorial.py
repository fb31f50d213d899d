"""Editorial rules the build cannot see by itself:

- one name per thing: the term base (locales/terms.yaml) against the glossary, the
  data labels, the chart labels, TRANSLATING.md and every page of both editions;
- no 今年 / "this year" in the book's own voice (quotations of the source aside),
  in the built HTML and in the text of both PDFs.
"""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from helpers import ROOT, drawn_texts

TERMS = yaml.safe_load((ROOT / "locales" / "terms.yaml").read_text(encoding="utf-8"))["terms"]
GLOSSARY_MD = ROOT / "docs" / "appendix" / "glossary.md"
GLOSSARY_PO = ROOT / "locales" / "en" / "LC_MESSAGES" / "appendix" / "glossary.po"


def norm(text: str) -> str:
    """Compare English loosely: case, curly apostrophes, hyphens and line breaks aside."""
    text = text.replace("\u2019", "'").replace("\u00ad", "").replace("-", " ")
    return re.sub(r"\s+", " ", text).lower()


def glossary_headwords() -> list[str]:
    words, inside = [], False
    for line in GLOSSARY_MD.read_text(encoding="utf-8").splitlines():
        if line.startswith(":::{glossary}"):
            inside = True
        elif line.startswith(":::"):
            inside = False
        elif inside and line and not line[0].isspace():
            words.append(line)
    return words


def chart_label_pairs(facts):
    """Every label the chart functions of book/chart_drawings.py draw, as (where, zh, en):
    each chart is drawn in both languages and its texts are paired in drawing order
    (one drawing function, so the same order); the chart titles too. Chinese labels are
    wrapped by inserting line breaks, which are taken out again."""
    from factbook.charts import load_chart_module

    module = load_chart_module(str(ROOT / "book" / "chart_drawings.py"))
    for name, chart in module.CHARTS.items():
        yield f"chart {name} (title)", chart.title["zh"], chart.title["en"]
        zh, en = drawn_texts(chart.draw(facts, "zh")), drawn_texts(chart.draw(facts, "en"))
        assert len(zh) == len(en), f"chart {name}: {len(zh)} texts in Chinese, {len(en)} in English"
        for zh_text, en_text in zip(zh, en):
            if zh_text.strip() or en_text.strip():
                yield f"chart {name}", zh_text.replace("\n", ""), en_text


def data_label_pairs():
    data = yaml.safe_load((ROOT / "facts.yaml").read_text(encoding="utf-8"))["facts"]
    for key, record in data.items():
        yield f"facts.yaml {key}", record["label"], record["label_en"]


def label_problems(pairs) -> list[str]:
    problems = []
    for where, zh, en in pairs:
        core = re.sub(r"（[^（）]*）", "", zh)  # bracketed examples and scopes aside
        for term in TERMS:
            if term["zh"] in core:
                names = [term["en"], *term.get("forms", [])]
                if not any(norm(name) in norm(en) for name in names):
                    problems.append(f"{where}: {zh!r} has {term['zh']} but {en!r} lacks {term['en']!r}")
            for variant in term.get("avoid", []):
                if norm(variant) in norm(en):
                    problems.append(f"{where}: {en!r} uses {variant!r} (say {term['en']!r})")
            for variant in term.get("avoid_zh", []):
                if variant in zh:
                    problems.append(f"{where}: {zh!r} uses {variant!r} (say {term['zh']!r})")
    return problems


def test_term_base_is_well_formed():
    seen = set()
    for term in TERMS:
        assert set(term) <= {"zh", "en", "pinyin", "glossary", "forms", "avoid", "avoid_zh"}, term
        assert "pinyin" in term or not term.get("glossary"), f"glossary term {term['zh']} has no pinyin"
        assert term["zh"] not in seen, f"{term['zh']} listed twice"
        seen.add(term["zh"])
        for variant in term.get("avoid", []):  # the right name itself is never flagged
            for name in [term["en"], *term.get("forms", [])]:
                assert norm(variant) not in norm(name), (term["zh"], variant, name)
        for variant in term.get("avoid_zh", []):
            assert variant not in term["zh"], (term["zh"], variant)


def repeated_keys(text: str) -> list[str]:
    """Keys given twice in one mapping: YAML keeps the last silently, so an earlier
    avoid list would stop being checked."""
    repeated = []

    class Loader(yaml.SafeLoader):
        pass

    def mapping(loader, node):
        keys = [key.value for key, _ in node.value]
        repeated.extend(f"line {node.start_mark.line + 1}: {key}"
                        for key in sorted(set(keys)) if keys.count(key) > 1)
        return loader.construct_mapping(node)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    yaml.load(text, Loader=Loader)
    return repeated


def test_term_base_gives_each_key_once():
    assert repeated_keys((ROOT / "locales" / "terms.yaml").read_text(encoding="utf-8")) == []
    assert repeated_keys("terms:\n- zh: a\n  avoid: [x]\n  avoid: [y]\n") == ["line 2: avoid"]


def test_glossary_headwords_are_the_term_base():
    """Every glossary headword has a term; its English headword is the term's `en`."""
    with GLOSSARY_PO.open("rb") as f:
        catalogue = read_po(f)
    headwords = glossary_headwords()
    in_base = {t["zh"]: t for t in TERMS if t.get("glossary")}
    problems = [f"{zh}: no entry with glossary: true in locales/terms.yaml"
                for zh in headwords if zh not in in_base]
    problems += [f"{zh}: in terms.yaml as a glossary term but not in the glossary"
                 for zh in in_base if zh not in headwords]
    for zh in headwords:
        message = catalogue.get(zh)
        if zh in in_base and (message is None or message.string != in_base[zh]["en"]):
            problems.append(f"{zh}: glossary says {message.string if message else None!r}, "
                            f"terms.yaml says {in_base[zh]['en']!r}")
    assert problems == []


def pinyin_problems(texts) -> list[str]:
    """Every "(<term>, <pinyin>" or "<term> (<pinyin>" in English text gives the term's one
    pinyin form (texts: (where, text) pairs)."""
    problems = []
    for where, text in texts:
        text = re.sub(r"\s+", " ", text)
        for term in TERMS:
            if "pinyin" not in term:
                continue
            for opening in (f"({term['zh']}, ", f"{term['zh']} ("):
                start = text.find(opening)
                while start != -1:
                    after = text[start + len(opening):]
                    inside_a_word = opening[0] != "(" and start and re.match(r"[\u4e00-\u9fff+]", text[start - 1])
                    if (re.match(r"[a-zA-Z\u00c0-\u024f]", after) and not inside_a_word
                            and not after.startswith(term["pinyin"])):
                        problems.append(f"{where}: {opening}{after[:len(term['pinyin']) + 5]} (say {term['pinyin']!r})")
                    start = text.find(opening, start + 1)
    return problems


def english_messages():
    for po in sorted((ROOT / "locales" / "en" / "LC_MESSAGES").rglob("*.po")):
        with po.open("rb") as f:
            for message in read_po(f):
                if message.id and message.string:
                    yield f"{po.name}: {message.id[:20]}", message.string


def test_pinyin_is_one_form_per_term():
    """One pinyin per term, in the glossary and the chapters; every glossary entry opens with
    its headwords and their pinyin."""
    assert pinyin_problems(english_messages()) == []
    with GLOSSARY_PO.open("rb") as f:
        glossary = " ".join(m.string for m in read_po(f) if m.id)
    glossary = re.sub(r"\s+", " ", glossary)
    missing = [t["zh"] for t in TERMS if t.get("glossary") and f"{t['zh']} ({t['pinyin']}" not in glossary]
    assert missing == []


def test_pinyin_check_can_fail():
    assert pinyin_problems([("x", "the Four Networks in One upgrade (四网合一, sì wǎng hé yī)")]) == [
        "x: (四网合一, sì wǎng hé yī) (say 'sìwǎng héyī')"]
    assert pinyin_problems([("x", "the platform (先锋天桥, Xiānfēng Tiānqiáo)"), ("y", "网格 (wǎnggé). A grid")]) == []


def test_data_labels_use_the_term_base():
    assert label_problems(data_label_pairs()) == []


def test_chart_labels_use_the_term_base(facts):
    pairs = list(chart_label_pairs(facts))
    assert len(pairs) >= 20  # the walk found the chart wordings (key_projects alone gives 20)
    assert label_problems(pairs) == []


def test_chart_label_walk_reads_what_a_chart_draws():
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    ax.barh([0, 1], [3, 4])
    ax.set_yticks([0, 1], ["新旧动能\n转换项目", "策划的项目"])
    ax.set_xlabel("项目数量（个）")
    ax.text(3, 0, "98个")
    ax.legend(handles=ax.patches[:1], labels=["统计时段"])
    words = [t for t in drawn_texts(fig) if re.search(r"[^\d.,\s\u2212-]", t)]  # numeric ticks aside
    assert words == [
        "项目数量（个）", "新旧动能\n转换项目", "策划的项目", "98个", "统计时段"]


def test_label_check_can_fail():
    bad = [("x", "破解的急难愁盼问题", "Pressing problems of residents solved")]
    assert len(label_problems(bad)) == 3  # lacks 破解 and 急难愁盼, and uses a listed variant
    wrapped = [("chart x", "区级领导包挂的新旧动\n能转换项目".replace("\n", ""), "Green projects under district leaders")]
    assert [p.split(" lacks ")[-1] for p in label_problems(wrapped) if " lacks " in p] == [
        "'assignment of district leaders to projects'", "'projects replacing old growth drivers'",
        "'replacing old growth drivers with new ones'"]
    assert label_problems([("x", "配备专项法律顾问的重点项目", "Key projects with a dedicated legal adviser")]) == [
        "x: '配备专项法律顾问的重点项目' uses '配备专项法律顾问' (say '专项法律顾问')"]


def test_translating_guide_draws_on_the_term_base():
    guide = (ROOT / "locales" / "TRANSLATING.md").read_text(encoding="utf-8")
    assert "locales/terms.yaml" in guide
    used = [v for t in TERMS for v in t.get("avoid", []) if norm(v) in norm(guide)]
    assert used == []


# ---------------------------------------------------------------- pages ----

def page_texts(site):
    """(edition, page, text) for every content page of both editions."""
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        if rel.parts[0].startswith(("_", "downloads")) or page.name in ("search.html", "genindex.html"):
            continue
        edition = "en" if rel.parts[0] == "en" else "zh"
        if edition == "en" and len(rel.parts) > 1 and rel.parts[1].startswith(("_", "downloads")):
            continue
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for switch in doc.select(".edition-switch"):
            switch.decompose()
        yield edition, rel.as_posix(), doc.body.get_text(" ")


def test_pages_use_no_listed_variant(site):
    found = []
    for edition, page, text in page_texts(site):
        if edition == "en":
            flat = norm(text)
            found += [(page, v) for t in TERMS for v in t.get("avoid", []) if norm(v) in flat]
        else:
            flat = re.sub(r"\s+", "", text)
            found += [(page, v) for t in TERMS for v in t.get("avoid_zh", []) if v in flat]
    assert found == []


# ----------------------------------------------------------- time words ----

QUOTED = re.compile(r"“[^”]*”|《[^》]*》")
TIME_WORDS = re.compile(r"今年|\bthis\s+year\b", re.IGNORECASE)


def time_words_in_own_voice(text: str) -> list[str]:
    """今年 / "this year" outside quotation marks, with a little context."""
    own = QUOTED.sub("“”", text)
    return [re.sub(r"\s+", " ", own[max(0, m.start() - 25):m.end() + 15])
            for m in TIME_WORDS.finditer(own)]


def test_time_word_check_can_fail():
    assert time_words_in_own_voice("天桥区今年以来策划了项目") != []
    assert time_words_in_own_voice("This year's launch") != []
    assert time_words_in_own_voice("the district this\nyear") != []
    assert time_words_in_own_voice("原文只说“今年以来”；2023年以来") == []
    assert time_words_in_own_voice("the source says “January–May this year”") == []


def test_no_time_words_in_the_books_own_voice_html(site):
    found = [(page, hit) for _, page, text in page_texts(site)
             for hit in time_words_in_own_voice(text)]
    assert found == []


@pytest.mark.parametrize("pdf", ["downloads/tianqiao-2023-zh.pdf", "en/downloads/tianqiao-2023-en.pdf"])
def test_no_time_words_in_the_books_own_voice_pdf(site, pdf):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(site / pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert len(text) > 10_000
    text = re.sub(r"-\n", "", text)  # words hyphenated at a line end
    assert time_words_in_own_voice(text) == []


# ------------------------------------------------------------ catalogues ----

def test_catalogues_hold_no_stale_entries():
    """`make po` keeps removed messages as #~ and old msgids as #|: translators
    delete them once the new text is translated."""
    stale = []
    for po in sorted((ROOT / "locales" / "en" / "LC_MESSAGES").rglob("*.po")):
        with po.open("rb") as f:
            catalogue = read_po(f)
        stale += [f"{po.name}: #~ {m.id[:40]}" for m in catalogue.obsolete.values()]
        stale += [f"{po.name}: #| {m.id[:40]}" for m in catalogue if m.previous_id]
    assert stale == []


def test_counts_of_times_render_as_nouns_in_english(facts):
    """次 is a count: the English text names what was counted (7 missions), never "7 times"."""
    assert facts["investment_trips"].text("en") == "7"
    assert facts["secretary_visits"].text("en") == "more than 1,250"


# -------------------------------------------------------------- periods ----

STANDING = r"正在|已进入挂牌公告程序|已批待供"


def standing_amounts_misdated(records: dict) -> list[str]:
    """A standing amount (the article's 正在…, labelled 已进入…程序; 已批待供) is a state at the
    article's date, even after a period phrase such as 今年以来: its period is as-reported
    (method appendix)."""
    return [key for key, record in records.items()
            if re.search(STANDING, record["label"]) and record["period"] != "as-reported"]


def test_standing_amounts_are_dated_at_the_articles_date():
    data = yaml.safe_load((ROOT / "facts.yaml").read_text(encoding="utf-8"))["facts"]
    assert standing_amounts_misdated(data) == []
    assert {k for k in data if re.search(STANDING, data[k]["label"])} == {
        "land_listing_parcels", "land_listing", "land_approved_unsupplied", "land_listing_ha",
        "land_approved_unsupplied_ha"}


def test_standing_amount_check_can_fail():
    assert standing_amounts_misdated({
        "a": {"label": "已批待供土地", "period": "2023-ytd"},
        "b": {"label": "正在挂牌公告的土地面积", "period": "as-reported"},
        "c": {"label": "供地面积", "period": "2023-ytd"}}) == ["a"]
