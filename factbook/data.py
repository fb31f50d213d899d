"""Load and validate the data file; compute derived facts.

Every error names the file, the line and the key, so that an editor can go
straight to the record at fault.
"""

from __future__ import annotations

import ast
import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from .formatting import format_period, format_value, valid_period
from .units import QUALIFIERS, SCALES, UNITS

REQUIRED = {"label", "unit", "period", "topic"}
SOURCE_FIELDS = {"value", "qualifier", "source"}
DERIVED_FIELDS = {"formula", "digits"}
OPTIONAL = {"scale", "also_in", "conflicts_with", "note", "note_en", "agrees_with",
            "label_en", "unit_en"}


class FactDataError(Exception):
    """A problem in the data file, located by file, line and key."""

    def __init__(self, path, line, key, message):
        self.path, self.line, self.key = path, line, key
        self.message = f"{'key ' + repr(key) + ': ' if key else ''}{message}"
        super().__init__(f"{f'{path}:{line}' if line else path}: {self.message}")


@dataclass
class Fact:
    key: str
    label: str
    value: float
    unit: str
    period: str
    topic: str
    line: int
    qualifier: str = "exact"
    scale: str = ""
    source: str = ""
    also_in: list = field(default_factory=list)
    conflicts_with: str = ""
    note: str = ""
    label_en: str = ""
    note_en: str = ""
    unit_en: str = ""
    formula: str = ""
    digits: int | None = None
    agrees_with: list = field(default_factory=list)

    @property
    def derived(self) -> bool:
        return bool(self.formula)

    @property
    def amount(self) -> float:
        """The value with its scale applied (69.9万 -> 699000)."""
        return self.value * SCALES.get(self.scale, 1)

    def text(self, lang: str = "zh") -> str:
        return format_value(self.value, self.unit, self.scale, self.qualifier,
                            self.digits, lang, self.unit_en)

    def period_text(self, lang: str = "zh") -> str:
        return format_period(self.period, lang)

    def sources(self) -> list[str]:
        return [self.source, *self.also_in] if self.source else []

    def formula_keys(self) -> list[str]:
        return formula_inputs(self.formula) if self.formula else []


class _Loader(yaml.SafeLoader):
    """SafeLoader that reports duplicate keys instead of silently keeping the last."""

    problems: list


def _construct_mapping(loader, node, deep=False):
    seen, first = {}, []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            loader.problems.append(FactDataError(
                loader.name, key_node.start_mark.line + 1, key,
                f"duplicate key (first defined on line {seen[key]})"))
        else:
            seen[key] = key_node.start_mark.line + 1
            first.append((key_node, value_node))
    node.value = first  # the first definition counts; the others are reported
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_locators(path: Path) -> set[str]:
    locs = set()
    for row in path.read_text(encoding="utf-8").splitlines():
        if row and not row.startswith("#"):
            locs.add(row.split("\t", 1)[0])
    return locs


@dataclass
class FactData:
    """What the data file holds: the facts that passed every check, every problem
    found (all of them, in file order), and the keys the file names at all (so a
    reference to a broken record is not also reported as unknown)."""

    facts: dict[str, Fact]
    problems: list[FactDataError]
    keys: set[str] | None  # None: the file could not be read as YAML


def read_facts(path: Path, locators: set[str] | None = None,
               topics: Iterable[str] | None = None) -> FactData:
    """Read, validate and evaluate the data file, collecting every problem.
    locators: the source locators a record may cite; topics: the topic keys a
    record may name (conf.py: factbook_topics). None: not checked."""
    path = Path(path)
    shown = path.name
    text = path.read_text(encoding="utf-8")
    loader = _Loader(text)
    loader.name, loader.problems = shown, []
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return FactData({}, [FactDataError(shown, mark.line + 1 if mark else 0, None,
                                           f"YAML syntax error: {exc.problem}")], None)
    finally:
        loader.dispose()
    problems = loader.problems
    if not isinstance(data, dict) or not isinstance(data.get("facts"), dict):
        return FactData({}, [FactDataError(shown, 1, None, "the file must hold a mapping 'facts:'")],
                        None)
    lines = _key_lines(root)
    facts = {}
    for key, rec in data["facts"].items():
        fact, found = _make_fact(shown, lines.get(key, 0), key, rec, locators, topics)
        if fact is not None:
            facts[key] = fact
        problems += found
    keys = set(data["facts"])
    problems += _check_links(shown, facts, keys)
    problems += _evaluate_derived(shown, facts, keys)
    problems.sort(key=lambda p: p.line or 0)
    return FactData(facts, problems, keys)


def load_facts(path: Path, locators: set[str] | None = None,
               topics: Iterable[str] | None = None) -> dict[str, Fact]:
    """The facts of a faultless data file; raise the first FactDataError otherwise
    (read_facts gives all of them)."""
    data = read_facts(path, locators, topics)
    if data.problems:
        raise data.problems[0]
    return data.facts


def _key_lines(root) -> dict[str, int]:
    for k, v in root.value:
        if k.value == "facts" and isinstance(v, yaml.MappingNode):
            return {kn.value: kn.start_mark.line + 1 for kn, _ in v.value}
    return {}


def _make_fact(path, line, key, rec, locators, topics) -> tuple[Fact | None, list[FactDataError]]:
    """The record as a Fact, or None and every problem found in it."""
    problems = []

    def fail(msg):
        problems.append(FactDataError(path, line, key, msg))

    if not isinstance(key, str) or not key.isidentifier():
        fail("keys must be identifiers (letters, digits, _)")
    if not isinstance(rec, dict):
        fail("a record must be a mapping of fields")
        return None, problems
    derived = "formula" in rec
    needed = REQUIRED | (DERIVED_FIELDS if derived else SOURCE_FIELDS)
    missing = sorted(needed - rec.keys())
    if missing:  # the checks below need these fields
        fail(f"missing field(s): {', '.join(missing)}")
        return None, problems
    unknown = sorted(rec.keys() - needed - OPTIONAL - ({"qualifier"} if derived else set()))
    if unknown:
        fail(f"unknown field(s): {', '.join(unknown)}")
    if "note" in rec and "note_en" not in rec:
        fail("field 'note' needs 'note_en' too (the English edition shows it)")
    if isinstance(rec.get("period"), int) and not isinstance(rec["period"], bool):
        rec["period"] = str(rec["period"])  # `period: 2023` reads as a number
    texts = {name: rec[name] for name in ("label", "unit", "period", "topic")
             if isinstance(rec[name], str) and rec[name].strip()}
    for name in ("label", "unit", "period", "topic"):
        if name not in texts:
            fail(f"field '{name}' must be a non-empty text")
    if "unit" in texts and texts["unit"] not in UNITS:
        fail(f"unknown unit {rec['unit']!r} (known: {' '.join(UNITS)})")
    if rec.get("scale", "") not in ("", *SCALES):
        fail(f"scale must be one of {', '.join(SCALES)}")
    if "period" in texts and not valid_period(texts["period"]):
        fail(f"period {rec['period']!r} is not of a known form (2023, 2023Q1, 2023-04, "
             "2023-01/2023-05, 2020/2022, 2023-ytd, as-reported, not-stated)")
    if "topic" in texts and topics is not None and texts["topic"] not in topics:
        fail(f"topic must be one of {', '.join(topics)}")
    qualifier = rec.get("qualifier", "exact")
    if qualifier not in QUALIFIERS:
        fail(f"qualifier must be one of {', '.join(QUALIFIERS)}")
    if derived:
        if not isinstance(rec["formula"], str):
            fail("field 'formula' must be a text")
        if not isinstance(rec["digits"], int) or isinstance(rec["digits"], bool):
            fail("field 'digits' must be a whole number")
        value, source = 0.0, ""
    else:
        value = rec["value"]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            fail(f"field 'value' must be a number, not {value!r}")
        source = rec["source"]
        for loc in [source, *rec.get("also_in", [])]:
            if locators is not None and loc not in locators:
                fail(f"source {loc!r} is not a locator of locators.tsv")
    if problems:
        return None, problems
    return Fact(key=key, label=rec["label"], value=value, unit=rec["unit"],
                period=rec["period"], topic=rec["topic"], line=line, qualifier=qualifier,
                scale=rec.get("scale", ""), source=source, also_in=rec.get("also_in", []),
                conflicts_with=rec.get("conflicts_with", ""), note=rec.get("note", ""),
                label_en=rec.get("label_en", ""), note_en=rec.get("note_en", ""),
                unit_en=rec.get("unit_en", ""),
                formula=rec.get("formula", ""),
                digits=rec.get("digits"), agrees_with=rec.get("agrees_with", [])), []


def _check_links(path, facts, keys) -> list[FactDataError]:
    """Conflict and agreement links name existing records, and conflicts go both ways.
    A link to a broken record (in `keys`, not in `facts`) is that record's problem."""
    problems = []
    for f in facts.values():
        other = f.conflicts_with
        if other and other in keys and other not in facts:
            pass
        elif other:
            if other not in keys:
                problems.append(FactDataError(path, f.line, f.key,
                                              f"conflicts_with names unknown key {other!r}"))
            elif facts[other].conflicts_with != f.key:
                problems.append(FactDataError(
                    path, f.line, f.key, f"conflict with {other!r} must be recorded on both records"))
        for name in f.agrees_with:
            if name not in keys:
                problems.append(FactDataError(path, f.line, f.key,
                                              f"agrees_with names unknown key {name!r}"))
    return problems


_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
        ast.Div: operator.truediv}


_SYMBOLS = {"/": " ÷ ", "*": " × ", "-": " − ", "+": " + "}


def readable_formula(fact: Fact, facts: dict, lang: str = "zh") -> str:
    """The formula with labels for keys and proper operators, for readers."""
    import re

    def token(m):
        if m.group("op"):  # operators are replaced in the same pass as keys,
            return _SYMBOLS[m.group("op")]  # so hyphens inside labels stay as they are
        other = facts.get(m.group("key"))
        if other is None:
            return m.group("key")
        return (other.label_en or other.label) if lang == "en" else other.label

    return re.sub(r"(?P<key>[A-Za-z_][A-Za-z0-9_]*)|\s*(?P<op>[-+*/])\s*", token, fact.formula)


def hectare_companion(facts: dict, key: str):
    """The derived fact converting `key` (an area in 亩) to hectares, if any:
    the English edition writes such areas as "588 mu (39.2 ha)"."""
    for fact in facts.values():
        if fact.derived and fact.unit == "公顷" and fact.formula.replace(" ", "") == f"{key}/15":
            return fact
    return None


def formula_inputs(formula: str) -> list[str]:
    tree = ast.parse(formula, mode="eval")
    return [n.id for n in ast.walk(tree) if isinstance(n, ast.Name)]


class _Unavailable(Exception):
    """A formula input is broken; its own problem is reported, not this one."""


def _evaluate_derived(path, facts, keys) -> list[FactDataError]:
    """Evaluate formulas in dependency order; drop from `facts` every derived fact
    that cannot be computed, and return the problems (each reported once, on the
    record at fault).

    Keys in a formula stand for amounts with their scale applied (166亿 -> 1.66e10),
    so formulas read in plain units; a derived record's own `scale` only sets how
    the result is written."""
    done, failed, problems = set(), set(), []

    def value_of(key, stack):
        """The fact's amount: its value with the scale applied (2亿 -> 2e8)."""
        if key in failed or (key in keys and key not in facts):
            raise _Unavailable
        f = facts[key]
        if not f.derived or key in done:
            return f.amount
        if key in stack:
            raise FactDataError(path, f.line, key, "formula refers to itself in a cycle")
        try:
            tree = ast.parse(f.formula, mode="eval")
        except SyntaxError:
            raise FactDataError(path, f.line, key, f"formula {f.formula!r} is not valid") from None

        def ev(node):
            if isinstance(node, ast.Expression):
                return ev(node.body)
            if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
                return _OPS[type(node.op)](ev(node.left), ev(node.right))
            if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
                return node.value
            if isinstance(node, ast.Name):
                if node.id not in keys:
                    raise FactDataError(path, f.line, key, f"formula names unknown key {node.id!r}")
                return value_of(node.id, stack | {key})
            raise FactDataError(path, f.line, key,
                                "formulas may use only keys, numbers, + - * / and brackets")

        try:
            f.value = ev(tree) / SCALES.get(f.scale, 1)
        except ZeroDivisionError:
            raise FactDataError(path, f.line, key, "formula divides by zero") from None
        # A result is exact only if all inputs are exact and rounding loses nothing.
        inexact_input = any(facts[n].qualifier != "exact" for n in formula_inputs(f.formula))
        rounded = abs(round(f.value, f.digits) - f.value) > 1e-9
        f.qualifier = "about" if inexact_input or rounded else "exact"
        done.add(key)
        return f.amount

    for key in list(facts):
        try:
            value_of(key, frozenset())
        except FactDataError as exc:
            if exc.key not in failed:
                problems.append(exc)
            failed.update({exc.key, key})
        except _Unavailable:
            failed.add(key)
    for key in failed:
        facts.pop(key, None)
    for f in facts.values():
        for other in f.agrees_with:
            if other not in facts:
                continue  # reported already
            a = format_value(f.value, f.unit, f.scale, "exact", f.digits)
            b = format_value(facts[other].value, facts[other].unit, facts[other].scale,
                             "exact", facts[other].digits)
            if a != b:
                problems.append(FactDataError(path, f.line, f.key,
                                              f"derived value {a} disagrees with {other} = {b}"))
    return problems
