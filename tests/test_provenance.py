"""Every figure against its place in the source, in any clone: provenance.yaml holds,
per paragraph of the source, its hash and the short phrase in which each figure stands
(the article itself stays outside this repository). scripts/check_provenance.py checks
those phrases and hashes against the full source where it is present."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from helpers import ROOT

PROVENANCE = yaml.safe_load((ROOT / "provenance.yaml").read_text(encoding="utf-8"))["paragraphs"]
NUMERALS = {1: "一", 2: "两二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}


def written_forms(fact) -> list[str]:
    """The figure as the source may write it: digits (Python's own, not the book's
    formatter) with 约, the scale word and 余; a small whole number also in Chinese
    numerals (三年行动, 四级, 第一)."""
    value = fact.value
    digits = str(int(value)) if float(value).is_integer() else repr(value)
    about = "约" if fact.qualifier == "about" else ""
    more = "余" if fact.qualifier == "more_than" else ""
    forms = [f"{about}{digits}{fact.scale}{more}"]
    if float(value).is_integer() and int(value) in NUMERALS:
        forms += [f"{about}{n}{fact.scale}{more}{fact.unit}" for n in NUMERALS[int(value)]]
    if fact.unit == "rank":
        forms = [f"第{n}" for n in NUMERALS.get(int(value), digits)]
    return forms


def test_the_copy_filter_is_coarse_enough_not_to_give_the_article_back():
    """About 1 % of runs the source does not have answer "yes" (10 bits and 7 hashes per
    run): enough to find a copied run of 16 characters (5 runs in a row), too many to
    spell the article out one character at a time."""
    spec = yaml.safe_load((ROOT / "provenance.yaml").read_text(encoding="utf-8"))["copy_filter"]
    import base64
    ones = sum(bin(b).count("1") for b in base64.b64decode("".join(spec["filter"].split())))
    assert spec["window"] == 12
    assert 0.45 < ones / spec["bits"] < 0.55  # half the bits set: (1/2)^7 ≈ 0.8 % false "yes"


def test_the_locators_are_the_sources_paragraphs():
    assert list(PROVENANCE)[:5] == ["C1", "H", "B", "S1", "S1¶1"]
    assert len(PROVENANCE) == 28  # locators.tsv: 30 rows, B twice, one split paragraph
    for loc, entry in PROVENANCE.items():
        assert re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]), loc


def test_every_figure_stands_in_a_phrase_of_each_of_its_places(facts):
    missing, wrong = [], []
    for key, fact in facts.items():
        for loc in fact.sources():
            phrase = (PROVENANCE.get(loc, {}).get("phrases") or {}).get(key)
            if phrase is None:
                missing.append((key, loc))
            elif not any(form in phrase for form in written_forms(fact)):
                wrong.append((key, loc, phrase, written_forms(fact)))
    assert missing == [] and wrong == []
    checked = sum(len(f.sources()) for f in facts.values())
    assert checked == 62  # every source record, with its also_in places


def test_phrases_are_short_and_name_source_records(facts):
    for loc, entry in PROVENANCE.items():
        for key, phrase in (entry.get("phrases") or {}).items():
            assert key in facts and not facts[key].derived, (loc, key)
            assert loc in facts[key].sources(), (loc, key)
            assert 2 <= len(phrase) <= 32, (loc, key, phrase)  # a phrase, not the article


def test_written_forms_are_the_sources_ways():
    from types import SimpleNamespace as F
    assert written_forms(F(value=890, qualifier="more_than", scale="", unit="个")) == ["890余"]
    assert written_forms(F(value=2, qualifier="about", scale="亿", unit="元")) == [
        "约2亿", "约两亿元", "约二亿元"]
    assert written_forms(F(value=470.4, qualifier="exact", scale="", unit="亩")) == ["470.4"]
    assert written_forms(F(value=1, qualifier="exact", scale="", unit="rank")) == ["第一"]


def test_a_figure_changed_in_the_data_no_longer_matches(facts):
    fact = facts["land_supplied"]
    phrase = PROVENANCE["S3¶4"]["phrases"]["land_supplied"]
    assert phrase == "实现供地5宗,470.4亩"
    fact_changed = type(fact)(**{**fact.__dict__, "value": 407.4})
    assert not any(form in phrase for form in written_forms(fact_changed))


def test_unknown_locator_fails_the_build_check(tmp_path):
    """The build's locators come from provenance.yaml (conf.py), in every clone."""
    from factbook.data import load_facts, load_locators, FactDataError
    locators = load_locators(ROOT / "provenance.yaml")
    assert {"C1", "S3¶4", "S2¶7"} <= locators and "S9¶9" not in locators
    path = tmp_path / "facts.yaml"
    path.write_text("facts:\n  land:\n    label: 供地面积\n    value: 470.4\n    unit: 亩\n"
                    "    qualifier: exact\n    period: 2023-ytd\n    topic: renewal\n"
                    "    source: S9¶9\n", encoding="utf-8")
    with pytest.raises(FactDataError) as info:
        load_facts(path, locators)
    assert str(info.value) == ("facts.yaml:9: key 'land': field 'source' names 'S9¶9', which is "
                               "not a locator of the source (provenance.yaml)")


# -- scripts/check_provenance.py, on a small source made here (the real one is not in
# every clone; where it is, the last test here runs the script on it) --

ARTICLE = "\n\n甲乙丙丁，供地5宗。\n\n第二段\n续\n"
LOCATORS = "# locator\topening\nP1\t甲乙丙…\nP2\t第二段…\n"
# sha256 of "甲乙丙丁，供地5宗。" and of "第二段\n续" (computed once with sha256sum)
HASHES = {"P1": "ad5b5a133070a89bd0d662b5da991d653ec5d6adf46addc7a4a84cfabe8e6bed",
          "P2": "f385fcfffddf75fcf51bac0699648b80f9ba690e5d75b5c8dae1d0c196e27843"}


def run_script(*args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "check_provenance.py"), *args],
                          capture_output=True, text=True, timeout=60)


def small_source(tmp_path, phrase="供地5宗", hashes=None):
    source = tmp_path / "source"
    source.mkdir()
    (source / "article.zh.txt").write_text(ARTICLE, encoding="utf-8")
    (source / "locators.tsv").write_text(LOCATORS, encoding="utf-8")
    hashes = hashes or HASHES
    (tmp_path / "provenance.yaml").write_text(
        f"paragraphs:\n  P1:\n    sha256: {hashes['P1']}\n    phrases:\n      parcels: {phrase}\n"
        f"  P2:\n    sha256: {hashes['P2']}\n", encoding="utf-8")
    return ["--source", str(source), "--provenance", str(tmp_path / "provenance.yaml")]


def test_check_provenance_says_what_it_checked(tmp_path):
    result = run_script(*small_source(tmp_path))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (f"checked against {tmp_path}/source/article.zh.txt: 2 paragraph "
                             "hashes and 1 phrases of 1 figures: all match\n")


def test_check_provenance_names_each_mismatch(tmp_path):
    wrong = {"P1": HASHES["P1"], "P2": "0" * 64}
    result = run_script(*small_source(tmp_path, phrase="供地6宗", hashes=wrong))
    assert result.returncode == 1
    assert result.stdout == (
        f"provenance.yaml: P1: the phrase of 'parcels', '供地6宗', is not in the paragraph\n"
        f"provenance.yaml: P2: the paragraph's hash differs (the source's is {HASHES['P2']})\n")


def test_check_provenance_without_a_source_checks_nothing_and_says_so(tmp_path):
    result = run_script("--source", str(tmp_path / "none"))
    assert result.returncode == 1
    assert result.stdout == (f"no source at {tmp_path}/none: nothing checked (every clone checks "
                             "each figure against its phrase: tests/test_provenance.py)\n")


def test_check_provenance_on_this_repository():
    """Beside this repository's CI the full source is present and every phrase and hash
    is checked; in a clone with nothing beside it the script says it checked nothing
    (and the tests above checked every figure against its phrase)."""
    result = run_script()
    source = ROOT.parent / "shared" / "source"
    if (source / "article.zh.txt").exists():
        assert (result.returncode, result.stdout) == (0, (
            f"checked against {source}/article.zh.txt: 28 paragraph hashes and the copy filter"
            " and 62 phrases of 61 figures: all match\n"))
    else:
        assert (result.returncode, result.stdout) == (1, (
            f"no source at {source}: nothing checked (every clone checks each figure against "
            "its phrase: tests/test_provenance.py)\n"))


# -- scripts/echoes.py, the editor's list of sentences that follow a source sentence --

def run_echoes(*args):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "echoes.py"), *args],
                          capture_output=True, text=True, timeout=60)


def test_echoes_lists_a_sentence_in_the_source_order_and_not_one_of_its_own(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    (source / "article.zh.txt").write_text(
        "\n天桥区建立和完善了四级联席会议制度，已经化解老旧小区问题890余个。\n", encoding="utf-8")
    (source / "locators.tsv").write_text("# locator\topening\nP1\t天桥区建立…\n", encoding="utf-8")
    chapter = tmp_path / "chapter.md"
    chapter.write_text("# 标题\n\n天桥区建立并完善了四级的联席会议制度，化解老旧小区问题{fact}`issues`。"
                       "全区居民对“老旧小区”改造的看法各不相同，这里只记下三种。\n", encoding="utf-8")
    result = run_echoes("--source", str(source), str(chapter))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"0.92 {chapter}:3\n"  # 22 of its 24 Han characters, in order
        "  book:   天桥区建立并完善了四级的联席会议制度，化解老旧小区问题{fact}`issues`。\n"
        "  P1: 天桥区建立和完善了四级联席会议制度，已经化解老旧小区问题890余个。\n"
        "1 sentences at or above 0.60 of their characters in a source sentence's order\n")


def test_echoes_without_a_source_compares_nothing_and_says_so(tmp_path):
    result = run_echoes("--source", str(tmp_path / "none"))
    assert (result.returncode, result.stdout) == (1, f"no source at {tmp_path}/none: nothing compared\n")
