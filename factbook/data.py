"""Load and validate the data file; compute derived facts.

Every problem names the file, the line of the field at fault (or of the record),
the record and the field, so that an editor can go straight to it; all of them
are found in one run. The record's schema is declared in schema.py; here: reading
the YAML with its line numbers, duplicate keys, and the rules between records
(formulas, conflicts, agreements).
"""

from __future__ import annotations

import ast
import math
import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from .formatting import format_value
from .schema import DerivedRecord, shown, validate_record
from .units import SCALES


class FactDataError(Exception):
    """A problem in the data file, located by file, line, key and field."""

    def __init__(self, path, line, key, message, field_name=None):
        self.path, self.line, self.key, self.field = path, line, key, field_name
        subject = f"key {key!r}: " if key else ""
        if field_name:
            subject += f"field {field_name!r} "
        self.message = subject + message
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
    # the line of each field (and of each list item, as (field, index)): for messages only
    lines: dict = field(default_factory=dict, repr=False, compare=False)

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

    def period_text(self, lang: str = "zh", chapter: bool = False) -> str:
        from .formatting import format_period
        return format_period(self.period, lang, chapter)

    def sources(self) -> list[str]:
        return [self.source, *self.also_in] if self.source else []

    def formula_keys(self) -> list[str]:
        return formula_inputs(self.formula) if self.formula else []

    def line_of(self, name: str, item: int | None = None) -> int:
        return self.lines.get((name, item) if item is not None else name,
                              self.lines.get(name, self.line))


def load_locators(path: Path) -> set[str]:
    """The locators a record may cite: the paragraphs of provenance.yaml (or, from the
    source's own folder, the first column of locators.tsv)."""
    path = Path(path)
    if path.suffix in (".yaml", ".yml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        return set(doc["paragraphs"])
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
    shown_path = path.name
    problems: list[FactDataError] = []

    def fail(line, key, message, field_name=None):
        problems.append(FactDataError(shown_path, line, key, message, field_name))

    unreadable = FactData({}, problems, None)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is fine
    except UnicodeDecodeError as exc:
        fail(raw[:exc.start].count(b"\n") + 1, None,
             f"not UTF-8 text (byte 0x{raw[exc.start]:02x}): save the file as UTF-8")
        return unreadable
    loader = None
    try:
        loader = yaml.SafeLoader(text)
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        found, opened = exc.problem_mark, exc.context_mark
        if found and opened and exc.context and opened.line < found.line:
            # an unclosed [ { or quote: the mistake is where it opened, not where YAML noticed
            fail(opened.line + 1, None, f"YAML syntax error {exc.context} here: {exc.problem}"
                                        f" on line {found.line + 1}")
        else:
            mark = found or opened
            fail(mark.line + 1 if mark else 1, None, f"YAML syntax error: {exc.problem or exc}")
        return unreadable
    except yaml.YAMLError as exc:  # a character YAML does not allow (the reader's error)
        position = getattr(exc, "position", 0)
        fail(text[:position].count("\n") + 1, None, f"YAML syntax error: {exc}".split("\n")[0])
        return unreadable
    finally:
        if loader is not None:
            loader.dispose()

    records = _records_node(root, fail)
    if records is None:
        return unreadable
    facts, keys = {}, set()
    context = {"locators": locators, "topics": list(topics) if topics is not None else None}
    for key_node, rec_node in _unique(records, fail, "record"):
        key, line = key_node.value, key_node.start_mark.line + 1
        keys.add(key)
        fact = _make_fact(loader, key, line, rec_node, context, fail)
        if fact is not None:
            facts[key] = fact
    _check_links(facts, keys, fail)
    _evaluate_derived(facts, keys, fail)
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


def _line(node) -> int:
    return node.start_mark.line + 1


def _records_node(root, fail):
    """The mapping under `facts:`, or None (reported) if the file has none."""
    if not isinstance(root, yaml.MappingNode):
        fail(_line(root) if root is not None else 1, None,
             "the file must hold a mapping 'facts:' (one record per key)")
        return None
    found = None
    for key_node, value_node in _unique(root, fail, "top-level key"):
        if key_node.value != "facts":
            fail(_line(key_node), None, f"unknown top-level key {key_node.value!r} "
                                        "(the file holds only 'facts:')")
        elif not isinstance(value_node, yaml.MappingNode):
            fail(_line(key_node), None, "'facts:' must be a mapping of records (key: fields)")
        else:
            found = value_node
    if found is None and root.value and all(k.value != "facts" for k, _ in root.value):
        fail(1, None, "the file must hold a mapping 'facts:' (one record per key)")
    return found


def _unique(mapping, fail, what, key=None):
    """The (key node, value node) pairs of a mapping, each name once: a key that is no
    plain name or comes again is reported (the first definition counts)."""
    seen = {}
    for key_node, value_node in mapping.value:
        line = _line(key_node)
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(name, str) or (what == "record" and not name.isidentifier()):
            fail(line, key, f"{'a record key' if what == 'record' else 'a ' + what} must be a "
                            f"name (letters, digits, _), not {_node_text(key_node)}")
            continue
        if name in seen:
            if what == "record":
                fail(line, name, f"duplicate key (first defined on line {seen[name]})")
            elif what == "field":
                fail(line, key, f"given twice (first on line {seen[name]})", name)
            else:
                fail(line, None, f"duplicate {what} {name!r} (first on line {seen[name]})")
            continue
        seen[name] = line
        yield key_node, value_node


def _node_text(node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return repr(node.value)
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


def _make_fact(loader, key, line, rec_node, context, fail) -> Fact | None:
    """The record as a Fact, or None and every problem found in it reported."""
    if not isinstance(rec_node, yaml.MappingNode):
        empty = isinstance(rec_node, yaml.ScalarNode) and not rec_node.value
        fail(line, key, "a record must be a mapping of fields (label: …, value: …), not "
                        + ("nothing" if empty else _node_text(rec_node)))
        return None
    rec, lines, broken = {}, {}, set()
    for field_node, value_node in _unique(rec_node, fail, "field", key):
        name = field_node.value
        lines[name] = _line(field_node)
        if isinstance(value_node, yaml.SequenceNode):
            for i, item in enumerate(value_node.value):
                lines[(name, i)] = _line(item)
        try:
            rec[name] = loader.construct_object(value_node, deep=True)
        except Exception as exc:  # a YAML tag or a date that cannot be read
            problem = getattr(exc, "problem", None) or str(exc)
            fail(lines[name], key, f"cannot be read: {problem}", name)
            broken.add(name)
            rec[name] = None  # present, so not also "missing"; its problem is reported
    model, found = validate_record(rec, context)
    for p in found:
        if p.field in broken:
            continue
        where = lines.get((p.field, p.item), lines.get(p.field, line)) if p.field else line
        fail(where, key, p.message, p.field)
    if model is None or broken:
        return None
    values = model.model_dump(exclude_none=True)
    values.pop("qualifier", None) if isinstance(model, DerivedRecord) else None
    return Fact(key=key, line=line, lines=lines,
                value=values.pop("value", 0.0), source=values.pop("source", ""),
                **{k: v for k, v in values.items() if k in Fact.__dataclass_fields__})


def _check_links(facts, keys, fail):
    """Conflict and agreement links name existing records of the right kind, and
    conflicts go both ways. A link to a broken record (in `keys`, not in `facts`) is
    that record's problem."""
    for f in facts.values():
        other = f.conflicts_with
        where = f.line_of("conflicts_with")
        if other and other not in keys:
            fail(where, f.key, f"names unknown key {other!r}", "conflicts_with")
        elif other == f.key:
            fail(where, f.key, "names the record itself", "conflicts_with")
        elif other and other in facts:
            if facts[other].derived:
                fail(where, f.key, f"names {other!r}, a derived record (a conflict is between "
                                   "two figures of the source)", "conflicts_with")
            elif facts[other].conflicts_with != f.key:
                fail(where, f.key, f"names {other!r}, which must name {f.key!r} back "
                                   "(a conflict is recorded on both records)", "conflicts_with")
        for i, name in enumerate(f.agrees_with):
            where = f.line_of("agrees_with", i)
            if name not in keys:
                fail(where, f.key, f"names unknown key {name!r}", "agrees_with")
            elif name == f.key:
                fail(where, f.key, "names the record itself", "agrees_with")
            elif name in facts and not facts[name].derived:
                fail(where, f.key, f"names {name!r}, a source record (agreements are checked "
                                   "between derived records)", "agrees_with")


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


class _FormulaProblem(Exception):
    def __init__(self, key, message):
        self.key, self.message = key, message


def _evaluate_derived(facts, keys, fail):
    """Evaluate formulas in dependency order; drop from `facts` every derived fact
    that cannot be computed, and report the problems (each once, on the record at
    fault, at its formula's line).

    Keys in a formula stand for amounts with their scale applied (166亿 -> 1.66e10),
    so formulas read in plain units; a derived record's own `scale` only sets how
    the result is written."""
    done, failed = set(), set()

    def value_of(key, stack):
        """The fact's amount: its value with the scale applied (2亿 -> 2e8)."""
        if key in failed or (key in keys and key not in facts):
            raise _Unavailable
        f = facts[key]
        if not f.derived or key in done:
            return f.amount
        if key in stack:
            raise _FormulaProblem(key, "refers to itself in a cycle")
        try:
            tree = ast.parse(f.formula.strip(), mode="eval")
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            raise _FormulaProblem(key, f"{shown(f.formula)} is no arithmetic expression") from None

        def ev(node):
            if isinstance(node, ast.Expression):
                return ev(node.body)
            if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
                return _OPS[type(node.op)](ev(node.left), ev(node.right))
            if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
                    and not isinstance(node.value, bool):
                return node.value
            if isinstance(node, ast.Name):
                if node.id not in keys:
                    raise _FormulaProblem(key, f"names unknown key {node.id!r}")
                if node.id in facts and facts[node.id].unit in ("rank", "月"):
                    raise _FormulaProblem(key, f"names {node.id!r}, a rank or month, not an amount")
                return value_of(node.id, stack | {key})
            raise _FormulaProblem(key, "may use only keys, numbers, + - * / and brackets")

        try:
            result = ev(tree) / SCALES.get(f.scale, 1)
        except ZeroDivisionError:
            raise _FormulaProblem(key, "divides by zero") from None
        except (OverflowError, RecursionError):
            result = math.inf
        if not math.isfinite(result) or abs(result) >= 1e15:
            raise _FormulaProblem(key, "gives a result too large to print")
        f.value = result
        # A result is exact only if all inputs are exact and rounding loses nothing.
        inexact_input = any(facts[n].qualifier != "exact" for n in formula_inputs(f.formula))
        rounded = abs(round(f.value, f.digits) - f.value) > 1e-9
        f.qualifier = "about" if inexact_input or rounded else "exact"
        done.add(key)
        return f.amount

    for key in list(facts):
        try:
            value_of(key, frozenset())
        except _FormulaProblem as exc:
            if exc.key not in failed:
                bad = facts[exc.key]
                fail(bad.line_of("formula"), exc.key, exc.message, "formula")
            failed.update({exc.key, key})
        except _Unavailable:
            failed.add(key)
    for key in failed:
        facts.pop(key, None)
    for f in facts.values():
        for i, other in enumerate(f.agrees_with):
            if other not in facts or not facts[other].derived:
                continue  # reported already
            a = format_value(f.value, f.unit, f.scale, "exact", f.digits)
            b = format_value(facts[other].value, facts[other].unit, facts[other].scale,
                             "exact", facts[other].digits)
            if a != b:
                fail(f.line_of("agrees_with", i), f.key,
                     f"names {other!r} = {b}, which disagrees with this record's {a}",
                     "agrees_with")
