"""The data file's loader, validator, formatter and derived values."""

from __future__ import annotations

import textwrap

import pytest

from factbook.data import FactDataError, load_facts
from factbook.formatting import format_period, format_value

from helpers import ROOT

GOOD = """\
facts:
  land:
    label: 供地面积
    value: 470.4
    unit: 亩
    qualifier: exact
    period: 2023-ytd
    topic: renewal
    source: S3¶4
"""


TOPICS = ("governance", "projects", "renewal")  # conf.py: factbook_topics


def load_text(tmp_path, text):
    path = tmp_path / "facts.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_facts(path, topics=TOPICS)


def error_of(tmp_path, text) -> str:
    with pytest.raises(FactDataError) as info:
        load_text(tmp_path, text)
    return str(info.value)


def test_good_file_loads(tmp_path):
    facts = load_text(tmp_path, GOOD)
    assert facts["land"].text() == "470.4亩"
    assert facts["land"].line == 2


def test_wrong_type_names_file_line_record_and_field(tmp_path):
    assert error_of(tmp_path, GOOD.replace("value: 470.4", "value: 四百七十")) == (
        "facts.yaml:4: key 'land': field 'value' must be a number, not '四百七十'")


def test_value_with_chinese_marks_gets_a_suggestion_at_its_own_line(tmp_path):
    assert error_of(tmp_path, GOOD.replace("value: 470.4", "value: 约20")) == (
        "facts.yaml:4: key 'land': field 'value' must be a number, not '约20': "
        "write value: 20 and qualifier: about")
    assert error_of(tmp_path, GOOD.replace("value: 470.4", "value: 20余")) == (
        "facts.yaml:4: key 'land': field 'value' must be a number, not '20余': "
        "write value: 20 and qualifier: more_than")


def test_missing_field(tmp_path):
    assert error_of(tmp_path, GOOD.replace("    source: S3¶4\n", "")) == (
        "facts.yaml:2: key 'land': missing field(s): source (a record needs label, unit, "
        "period, topic, value, qualifier, source)")


def test_duplicate_key(tmp_path):
    second = GOOD.split("\n", 1)[1]
    assert error_of(tmp_path, GOOD + second) == (
        "facts.yaml:10: key 'land': duplicate key (first defined on line 2)")


def test_syntax_error_names_line(tmp_path):
    assert error_of(tmp_path, GOOD.replace("    unit: 亩", "    unit: [亩")) == (
        "facts.yaml:5: YAML syntax error while parsing a flow sequence here: "
        "expected ',' or ']', but got ':' on line 6")


def test_unknown_unit_qualifier_topic_period(tmp_path):
    assert error_of(tmp_path, GOOD.replace("unit: 亩", "unit: 斤")) == (
        "facts.yaml:5: key 'land': field 'unit' must be one of 个 项 次 件 户 支 处 宗 场 类 级 张"
        " 年 月 倍 亩 公顷 平方米 千米 公里 元 元每平方米 元每户 % 个百分点 rank, not '斤'")
    assert error_of(tmp_path, GOOD.replace("exact", "roughly")) == (
        "facts.yaml:6: key 'land': field 'qualifier' must be one of exact about more_than, "
        "not 'roughly'")
    assert error_of(tmp_path, GOOD.replace("renewal", "weather")) == (
        "facts.yaml:8: key 'land': field 'topic' must be one of governance, projects, renewal, "
        "not 'weather'")
    assert error_of(tmp_path, GOOD.replace("2023-ytd", "last spring")) == (
        "facts.yaml:7: key 'land': field 'period' must be one of the forms 2023, 2023Q1 "
        "(quarters 1–4), 2023-04 (months 01–12), 2023-01/2023-05, 2020/2022, 2023-ytd, "
        "as-reported, not-stated, not 'last spring'")


# An unknown locator: tests/test_provenance.py (the locators are in provenance.yaml, in
# every clone).


def test_conflicts_must_name_an_existing_record(tmp_path):
    text = GOOD.replace("    source: S3¶4\n", "    source: S3¶4\n    conflicts_with: nothing\n")
    assert error_of(tmp_path, text) == (
        "facts.yaml:10: key 'land': field 'conflicts_with' names unknown key 'nothing'")


def test_formula_errors(tmp_path):
    derived = GOOD + textwrap.indent(textwrap.dedent("""\
        land_ha:
          label: 公顷
          formula: land / missing
          digits: 1
          unit: 公顷
          period: 2023-ytd
          topic: renewal
        """), "  ")
    assert error_of(tmp_path, derived) == (
        "facts.yaml:12: key 'land_ha': field 'formula' names unknown key 'missing'")
    assert error_of(tmp_path, derived.replace("land / missing", "__import__('os')")) == (
        "facts.yaml:12: key 'land_ha': field 'formula' may use only keys, numbers, + - * / "
        "and brackets")


def test_derived_values(facts):
    assert facts["time_progress_provincial"].text() == "41.6%"
    assert facts["time_progress_municipal"].text() == "41.6%"
    assert facts["time_progress_district"].text() == "41.6%"
    assert facts["land_expropriated_ha"].text() == "39.2公顷"
    assert facts["land_listing_ha"].text() == "约8.7公顷"  # rounded, so marked 约
    assert facts["land_supplied_ha"].text() == "约31.4公顷"  # 470.4亩: one decimal, as the input
    assert facts["green_space_conflict_ratio"].text() == "10倍"


def test_time_progress_disagreement_fails(tmp_path):
    text = (ROOT / "facts.yaml").read_text(encoding="utf-8").replace(
        "value: 27.5", "value: 27.4")
    where, _, msg = error_of(tmp_path, text).partition(": ")
    assert where.startswith("facts.yaml:") and msg == (  # 69.1 − 27.4 against 54.2 − 12.6
        "key 'time_progress_provincial': field 'agrees_with' names 'time_progress_district' = "
        "41.7%, which disagrees with this record's 41.6%")


def test_every_source_figure_has_a_locator(facts):
    for f in facts.values():
        assert f.derived or f.source, f.key


def test_every_fact_has_english_label_and_notes(facts):
    assert [k for k, f in facts.items() if not f.label_en] == []
    assert [k for k, f in facts.items() if f.note and not f.note_en] == []


def test_note_needs_english_note(tmp_path):
    assert error_of(tmp_path, GOOD + "    note: 说明\n") == (
        "facts.yaml:10: key 'land': field 'note' needs 'note_en' too (the English edition "
        "shows it)")


def test_both_conflicts_recorded(facts):
    assert facts["green_space_added"].conflicts_with == "green_space_added_caption"
    assert facts["greenway_added_caption"].source == "C1"
    assert facts["greenway_added"].source == "S3¶4"


@pytest.mark.parametrize("args, zh, en", [
    ((470.4, "亩"), "470.4亩", "470.4 mu"),
    ((890, "个", "", "more_than"), "890余个", "more than 890"),
    ((2, "元", "亿", "about"), "约2亿元", "about CNY 200 million"),
    ((166, "元", "亿"), "166亿元", "CNY 16.6 billion"),
    ((69.9, "平方米", "万"), "69.9万平方米", "699,000 m²"),
    ((1, "户", "万", "more_than"), "1万余户", "more than 10,000 households"),
    ((54.2, "%"), "54.2%", "54.2%"),
    ((12.6, "个百分点"), "12.6个百分点", "12.6 percentage points"),
    ((1, "rank"), "第一", "first"),
    ((28.28, "元", "亿"), "28.28亿元", "CNY 2,828 million"),
])
def test_formatter(args, zh, en):
    assert format_value(*args) == zh
    assert format_value(*args, lang="en") == en


def test_periods():
    assert format_period("2023-01/2023-05") == "2023年1—5月"
    assert format_period("2023Q1") == "2023年第一季度"
    assert format_period("2023-01/2023-05", "en") == "January–May 2023"
    assert format_period("2023Q1", "en") == "Q1 2023"
    assert format_period("2020/2022") == "2020—2022年"
    assert format_period("2020/2022", "en") == "2020–2022"
    assert format_period("not-stated", "en") == "not stated in the article"
    # a chapter's table words periods as its prose does; the data appendix keeps the labels
    assert format_period("2023-ytd") == "2023年初至报道时"
    assert format_period("2023-ytd", chapter=True) == "2023年以来"
    assert format_period("2023-ytd", "en", chapter=True) == "since the start of 2023"
    assert format_period("as-reported", chapter=True) == format_period("not-stated", "en", chapter=True) == "—"
    assert format_period("2023Q1", chapter=True) == format_period("2023Q1")
    from factbook.formatting import valid_period
    assert not valid_period("2020/2023-05") and not valid_period("2023Q1/2023-05")


def test_readable_formula_keeps_hyphens_in_labels(tmp_path):
    from factbook.data import readable_formula
    facts = load_text(tmp_path, GOOD.replace("    label: 供地面积\n",
                                             "    label: 供地面积\n    label_en: Land-supply area\n")
                      + """\
  land_ha:
    label: 供地面积（公顷）
    formula: land / 15 - land / 30
    digits: 1
    unit: 公顷
    period: 2023-ytd
    topic: renewal
""")
    assert readable_formula(facts["land_ha"], facts, "en") == (
        "Land-supply area ÷ 15 − Land-supply area ÷ 30")
