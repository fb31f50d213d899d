"""One planted fault per rule of the data file's schema (factbook/schema.py and the
rules between records in factbook/data.py): each gives exactly the located messages
listed here, written out by hand, and nothing else. The build prints each as
`facts.yaml:LINE: ERROR: MESSAGE` (tests/test_extension.py, tests/test_robustness.py)."""

from __future__ import annotations

import pytest

from factbook.data import read_facts

from helpers import ROOT

GOOD = (ROOT / "tests" / "roots" / "test-factbook" / "facts.yaml").read_text(encoding="utf-8")
LOCATORS = {"S3¶4", "S1¶5", "C1"}
TOPICS = ["governance", "renewal"]
UNITS = "个 项 次 件 户 支 处 宗 场 类 级 张 年 月 倍 亩 公顷 平方米 千米 公里 元 元每平方米 元每户 % 个百分点 rank"

# (rule, text replaced in the good file, its replacement, every message as LINE: text)
FAULTS = [
    ('type: value not a number',
     'value: 890', 'value: lots',
     ["12: key 'problems': field 'value' must be a number, not 'lots'"]),
    ('type: value true',
     'value: 890', 'value: true',
     ["12: key 'problems': field 'value' must be a number, not true"]),
    ('type: value a list',
     'value: 890', 'value: [1, 2]',
     ["12: key 'problems': field 'value' must be a number, not a list"]),
    ('type: value empty',
     'value: 890', 'value:',
     ["12: key 'problems': field 'value' must be a number, not nothing (an empty field)"]),
    ('type: label not text',
     'label: 化解的问题', 'label: 5',
     ["11: key 'problems': field 'label' must be a text, not 5"]),
    ('type: label blank',
     'label: 化解的问题', "label: ' '",
     ["11: key 'problems': field 'label' must be a non-empty text"]),
    ('type: period a date',
     'period: 2023-ytd\n    topic: governance', 'period: 2023-01-05\n    topic: governance',
     ["15: key 'problems': field 'period' must be a text, not date 2023-01-05"]),
    ('type: digits a fraction',
     'digits: 2', 'digits: 1.5',
     ["21: key 'land_ha': field 'digits' must be a whole number from 0 to 6 (decimals to round to), not 1.5"]),
    ('shape: conflicts_with a list',
     'source: S1¶5', 'source: S1¶5\n    conflicts_with: [land]',
     ["18: key 'problems': field 'conflicts_with' must be the key of a source record, not a list"]),
    ('shape: also_in not a list',
     'source: S1¶5', 'source: S1¶5\n    also_in: C1',
     ["18: key 'problems': field 'also_in' must be a list of locators, not 'C1'"]),
    ('shape: also_in item not text',
     'source: S1¶5', 'source: S1¶5\n    also_in: [C1, 5]',
     ["18: key 'problems': field 'also_in' item 2 must be a text, not 5"]),
    ('shape: agrees_with not a list',
     'digits: 2', 'digits: 2\n    agrees_with: land',
     ["22: key 'land_ha': field 'agrees_with' must be a list of keys of derived records, not 'land'"]),
    ('shape: record a number',
     '  problems:\n', '  other: 5\n  problems:\n',
     ["10: key 'other': a record must be a mapping of fields (label: …, value: …), not '5'"]),
    ('shape: record empty',
     '  problems:\n    label', '  other:\n  problems:\n    label',
     ["10: key 'other': a record must be a mapping of fields (label: …, value: …), not nothing"]),
    ('shape: record a list',
     '  problems:\n', '  other: [1]\n  problems:\n',
     ["10: key 'other': a record must be a mapping of fields (label: …, value: …), not a list"]),
    ('shape: facts a list',
     'facts:', 'facts: []\nmore:',
     ["1: 'facts:' must be a mapping of records (key: fields)", "2: unknown top-level key 'more' (the file holds only 'facts:')"]),
    ('shape: key not a name',
     '  problems:\n', '  123:\n    label: x\n  problems:\n',
     ["10: a record key must be a name (letters, digits, _), not '123'"]),
    ('required: source',
     '    source: S1¶5\n', '',
     ["10: key 'problems': missing field(s): source (a record needs label, unit, period, topic, value, qualifier, source)"]),
    ('required: digits (derived)',
     '    digits: 2\n', '',
     ["18: key 'land_ha': missing field(s): digits (a derived record needs label, unit, period, topic, formula, digits)"]),
    ('unknown field, with a suggestion',
     'unit: 个', 'unit: 个\n    vaule: 3',
     ["14: key 'problems': field 'vaule' is unknown: did you mean 'value'?"]),
    ('unknown field: value on a derived record',
     'digits: 2', 'digits: 2\n    value: 3',
     ["22: key 'land_ha': field 'value' is for source records (a derived record has formula and digits instead)"]),
    ('unknown field: digits on a source record',
     'source: S1¶5', 'source: S1¶5\n    digits: 1',
     ["18: key 'problems': field 'digits' is for derived records (with a formula)"]),
    ('allowed: unit',
     'unit: 个', 'unit: 斤',
     ["13: key 'problems': field 'unit' must be one of " + UNITS + ", not '斤'"]),
    ('allowed: scale',
     'unit: 个', 'unit: 个\n    scale: 千',
     ["14: key 'problems': field 'scale' must be one of 万 亿, not '千'"]),
    ('allowed: qualifier',
     'qualifier: more_than', 'qualifier: roughly',
     ["14: key 'problems': field 'qualifier' must be one of exact about more_than, not 'roughly'"]),
    ('allowed: topic',
     'topic: governance', 'topic: weather',
     ["16: key 'problems': field 'topic' must be one of governance, renewal, not 'weather'"]),
    ('allowed: locator',
     'source: S1¶5', 'source: S9¶9',
     ["17: key 'problems': field 'source' names 'S9¶9', which is not a locator of the source (provenance.yaml)"]),
    ('allowed: period form',
     'period: 2023-ytd\n    topic: governance', 'period: last spring\n    topic: governance',
     ["15: key 'problems': field 'period' must be one of the forms 2023, 2023Q1 (quarters 1–4), 2023-04 (months 01–12), 2023-01/2023-05, 2020/2022, 2023-ytd, as-reported, not-stated, not 'last spring'"]),
    ('range: value .nan',
     'value: 470.4', 'value: .nan',
     ["4: key 'land': field 'value' must be a finite number, not .nan"]),
    ('range: value -.inf',
     'value: 470.4', 'value: -.inf',
     ["4: key 'land': field 'value' must be a finite number, not -.inf"]),
    ('range: value beyond 10^15',
     'value: 890', 'value: 1.0e+16',
     ["12: key 'problems': field 'value' must be below 10^15 with at most 4 decimals, not 1e+16"]),
    ('range: value with 5 decimals',
     'value: 890', 'value: 0.00001',
     ["12: key 'problems': field 'value' must be below 10^15 with at most 4 decimals, not 1e-05"]),
    ('range: month 13',
     'period: 2023-ytd\n    topic: governance', 'period: 2023-13\n    topic: governance',
     ["15: key 'problems': field 'period' has a month outside 01–12: '2023-13'"]),
    ('range: month 00 in a span',
     'period: 2023-ytd\n    topic: governance', 'period: 2023-00/2023-05\n    topic: governance',
     ["15: key 'problems': field 'period' has a month outside 01–12: '2023-00/2023-05'"]),
    ('range: quarter 5',
     'period: 2023-ytd\n    topic: governance', 'period: 2023Q5\n    topic: governance',
     ["15: key 'problems': field 'period' must be one of the forms 2023, 2023Q1 (quarters 1–4), 2023-04 (months 01–12), 2023-01/2023-05, 2020/2022, 2023-ytd, as-reported, not-stated, not '2023Q5'"]),
    ('range: span backwards',
     'period: 2023-ytd\n    topic: governance', 'period: 2023-05/2023-01\n    topic: governance',
     ["15: key 'problems': field 'period' runs backwards: '2023-05/2023-01' (write the earlier end first)"]),
    ('range: rank -1',
     'value: 890\n    unit: 个', 'value: -1\n    unit: rank',
     ["12: key 'problems': field 'value' must be a whole number 1 or more for a rank, not -1"]),
    ('range: rank 1.5',
     'value: 890\n    unit: 个', 'value: 1.5\n    unit: rank',
     ["12: key 'problems': field 'value' must be a whole number 1 or more for a rank, not 1.5"]),
    ('range: month unit 13',
     'value: 890\n    unit: 个', 'value: 13\n    unit: 月',
     ["12: key 'problems': field 'value' must be a month, 1 to 12, not 13"]),
    ('range: digits -1',
     'digits: 2', 'digits: -1',
     ["21: key 'land_ha': field 'digits' must be a whole number from 0 to 6 (decimals to round to), not -1"]),
    ('range: digits 7',
     'digits: 2', 'digits: 7',
     ["21: key 'land_ha': field 'digits' must be a whole number from 0 to 6 (decimals to round to), not 7"]),
    ('range: derived rank',
     'unit: 公顷', 'unit: rank',
     ["22: key 'land_ha': field 'unit' cannot be 'rank' on a derived record (a rank or a month is not computed)"]),
    ('duplicate: record',
     '  problems:\n', '  land:\n    label: x\n  problems:\n',
     ["10: key 'land': duplicate key (first defined on line 2)"]),
    ('duplicate: field',
     'unit: 个', 'unit: 个\n    unit: 项',
     ["14: key 'problems': field 'unit' given twice (first on line 13)"]),
    ('duplicate: top-level key',
     'facts:\n', 'facts: {}\nfacts:\n',
     ["2: duplicate top-level key 'facts' (first on line 1)"]),
    ('formula: unknown key',
     'formula: land / 15', 'formula: land / fifteen',
     ["20: key 'land_ha': field 'formula' names unknown key 'fifteen'"]),
    ('formula: cycle',
     'formula: land / 15', 'formula: land_ha / 15',
     ["20: key 'land_ha': field 'formula' refers to itself in a cycle"]),
    ('formula: not an expression',
     'formula: land / 15', 'formula: land /',
     ["20: key 'land_ha': field 'formula' 'land /' is no arithmetic expression"]),
    ('formula: code',
     'formula: land / 15', "formula: __import__('os')",
     ["20: key 'land_ha': field 'formula' may use only keys, numbers, + - * / and brackets"]),
    ('formula: a truth value',
     'formula: land / 15', 'formula: land / True',
     ["20: key 'land_ha': field 'formula' may use only keys, numbers, + - * / and brackets"]),
    ('formula: divides by zero',
     'formula: land / 15', 'formula: land / 0',
     ["20: key 'land_ha': field 'formula' divides by zero"]),
    ('formula: overflows',
     'formula: land / 15', 'formula: land * 1e300 * 1e300',
     ["20: key 'land_ha': field 'formula' gives a result too large to print"]),
    ('conflict: unknown key',
     'source: S1¶5', 'source: S1¶5\n    conflicts_with: nothing',
     ["18: key 'problems': field 'conflicts_with' names unknown key 'nothing'"]),
    ('conflict: itself',
     'source: S1¶5', 'source: S1¶5\n    conflicts_with: problems',
     ["18: key 'problems': field 'conflicts_with' names the record itself"]),
    ('conflict: a derived record',
     'source: S1¶5', 'source: S1¶5\n    conflicts_with: land_ha',
     ["18: key 'problems': field 'conflicts_with' names 'land_ha', a derived record (a conflict is between two figures of the source)"]),
    ('conflict: one way only',
     'source: S1¶5', 'source: S1¶5\n    conflicts_with: land',
     ["18: key 'problems': field 'conflicts_with' names 'land', which must name 'problems' back (a conflict is recorded on both records)"]),
    ('agreement: unknown key',
     'digits: 2', 'digits: 2\n    agrees_with: [nothing]',
     ["22: key 'land_ha': field 'agrees_with' names unknown key 'nothing'"]),
    ('agreement: a source record',
     'digits: 2', 'digits: 2\n    agrees_with: [land]',
     ["22: key 'land_ha': field 'agrees_with' names 'land', a source record (agreements are checked between derived records)"]),
    ('agreement: itself',
     'digits: 2', 'digits: 2\n    agrees_with: [land_ha]',
     ["22: key 'land_ha': field 'agrees_with' names the record itself"]),
    ('note without note_en',
     'unit: 个', 'unit: 个\n    note: 说明',
     ["14: key 'problems': field 'note' needs 'note_en' too (the English edition shows it)"]),
    ('suggestion: 约20',
     'value: 890', 'value: 约20',
     ["12: key 'problems': field 'value' must be a number, not '约20': write value: 20 and qualifier: about"]),
    ('suggestion: 890余',
     'value: 890', 'value: 890余',
     ["12: key 'problems': field 'value' must be a number, not '890余': write value: 890 and qualifier: more_than"]),
    ('suggestion: 1.2万',
     'value: 890', 'value: 1.2万',
     ["12: key 'problems': field 'value' must be a number, not '1.2万': write value: 1.2 and scale: 万"]),
    ('yaml: syntax',
     '    unit: 个', '    unit: [个',
     ["13: YAML syntax error while parsing a flow sequence here: expected ',' or ']', but got ':' on line 14"]),
    ('yaml: tab',
     '    unit: 个', '\tunit: 个',
     ["13: YAML syntax error: found character '\\t' that cannot start any token"]),
    ('yaml: unknown alias',
     '    unit: 个', '    unit: *nothing',
     ["13: YAML syntax error: found undefined alias 'nothing'"]),
    ('yaml: python tag',
     '    unit: 个', '    unit: !!python/object:os.system x',
     ["13: key 'problems': field 'unit' cannot be read: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object:os.system'"]),
    ('yaml: impossible date',
     'period: 2023-ytd\n    topic: governance', 'period: 2023-13-45\n    topic: governance',
     ["15: key 'problems': field 'period' cannot be read: month must be in 1..12"]),
    ('yaml: NUL character',
     '    unit: 个', '    unit: 个\x00',
     ['13: YAML syntax error: unacceptable character #x0000: special characters are not allowed']),
    ('yaml: two documents',
     'facts:', '---\nx: 1\n---\nfacts:',
     ['2: YAML syntax error expected a single document in the stream here: but found another document on line 3']),
    ('suggestion: 1,250余次',
     'value: 890', 'value: 1,250余次',
     ["12: key 'problems': field 'value' must be a number, not '1,250余次': write value: 1250 and qualifier: more_than and unit: 次"]),
    ('no suggestion: 1e16 (YAML reads it as text)',
     'value: 890', 'value: 1e16',
     ["12: key 'problems': field 'value' must be a number, not '1e16'"]),
]


def problems_of(tmp_path, text: str, name="facts.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    data = read_facts(path, LOCATORS, TOPICS)
    return [str(p).removeprefix(f"{name}:") for p in data.problems]


def test_the_good_file_has_no_problem(tmp_path):
    assert problems_of(tmp_path, GOOD) == []


@pytest.mark.parametrize("rule, old, new, expected", FAULTS, ids=[f[0] for f in FAULTS])
def test_planted_fault(tmp_path, rule, old, new, expected):
    assert old in GOOD
    assert problems_of(tmp_path, GOOD.replace(old, new, 1)) == expected


def test_every_problem_in_one_run(tmp_path):
    text = (GOOD.replace("value: 470.4", "value: .nan").replace("value: 890", "value: 约20")
            .replace("period: 2023-ytd\n    topic: governance", "period: 2023-13\n"
                     "    topic: governance")
            .replace("digits: 2", "digits: 2\n    agrees_with: [nothing]"))
    assert problems_of(tmp_path, text) == [
        "4: key 'land': field 'value' must be a finite number, not .nan",
        "12: key 'problems': field 'value' must be a number, not '约20': write value: 20 and "
        "qualifier: about",
        "15: key 'problems': field 'period' has a month outside 01–12: '2023-13'",
        "22: key 'land_ha': field 'agrees_with' names unknown key 'nothing'",
    ]  # land_ha's formula needs land, which is broken: that is land's problem, reported once


@pytest.mark.parametrize("encoded", [
    ("\ufeff" + GOOD).encode("utf-8"),          # a byte-order mark
    GOOD.replace("\n", "\r\n").encode("utf-8"),  # Windows line ends
    ("\ufeff" + GOOD.replace("\n", "\r\n")).encode("utf-8"),
], ids=["bom", "crlf", "bom-crlf"])
def test_bom_and_crlf_read_as_the_same_data(tmp_path, encoded):
    path = tmp_path / "facts.yaml"
    path.write_bytes(encoded)
    data = read_facts(path, LOCATORS, TOPICS)
    assert data.problems == []
    assert {k: (f.text(), f.line) for k, f in data.facts.items()} == {
        "land": ("470.4亩", 2), "problems": ("890余个", 10), "land_ha": ("31.36公顷", 18)}


def test_crlf_problems_keep_their_lines(tmp_path):
    text = GOOD.replace("value: 890", "value: 约20").replace("\n", "\r\n")
    assert problems_of(tmp_path, text) == [
        "12: key 'problems': field 'value' must be a number, not '约20': write value: 20 and "
        "qualifier: about"]


@pytest.mark.parametrize("encoding, line, byte", [("utf-16", 1, "0xff"), ("gb18030", 3, "0xb9")])
def test_other_encodings_are_named(tmp_path, encoding, line, byte):
    path = tmp_path / "facts.yaml"
    path.write_bytes(GOOD.encode(encoding))
    assert [str(p) for p in read_facts(path).problems] == [
        f"facts.yaml:{line}: not UTF-8 text (byte {byte}): save the file as UTF-8"]
