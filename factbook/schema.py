"""The declared schema of one record of facts.yaml (pydantic 2).

Two kinds of record: a *source* record gives a figure of the article (value,
qualifier, source locator); a *derived* record gives a formula over other keys and
the digits to round to. Each field is declared once, here, with its type, whether
it is required, its allowed values and ranges; `description` is what the error
message says the field must be. Rules that involve several records (formulas,
conflicts, agreements) are in data.py, which also maps every problem to its line.
"""

from __future__ import annotations

import math
import re
from typing import Annotated

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      StrictInt, StrictStr, ValidationError, ValidationInfo)

from .formatting import valid_period
from .units import QUALIFIERS, SCALES, UNITS

PERIOD_FORMS = ("2023, 2023Q1 (quarters 1–4), 2023-04 (months 01–12), 2023-01/2023-05, "
                "2020/2022, 2023-ytd, as-reported, not-stated")
MAX_VALUE = 10**15  # larger numbers, or more than 4 decimals, print in exponent form


def shown(value) -> str:
    """A value as an editor wrote it, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (an empty field)"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (int, float)):
        text = repr(value).replace("nan", ".nan").replace("inf", ".inf")
        return text if len(text) <= 24 else f"{text[:12]}… ({len(text)} digits)"
    if isinstance(value, str):
        return repr(value)
    return f"{type(value).__name__} {value}"  # a date, bytes (YAML tags)


# -- the checks one field at a time (a ValueError's text is the message) ---------------

def _number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"must be a number, not {shown(value)}{_number_hint(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"must be a finite number, not {shown(value)}")
    if abs(value) >= MAX_VALUE or round(value, 4) != value:
        raise ValueError(f"must be below 10^15 with at most 4 decimals, not {shown(value)}")
    return value


_CHINESE_NUMBER = re.compile(
    r"^(?P<about>约|近|大约)?\s*(?P<digits>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?P<scale>万|亿)?\s*"
    r"(?P<more>余|多)?\s*(?P<rest>.*)$")


def _number_hint(value) -> str:
    """How to write a figure the way the source prints it (约20, 890余, 1.2万)."""
    if not isinstance(value, str):
        return ""
    m = _CHINESE_NUMBER.match(value.strip())
    if not m:
        return ""
    parts = [f"value: {m['digits'].replace(',', '')}"]
    if m["about"]:
        parts.append("qualifier: about")
    if m["more"]:
        parts.append("qualifier: more_than")
    if m["scale"]:
        parts.append(f"scale: {m['scale']}")
    if m["rest"] and m["rest"] not in UNITS:
        return ""  # not a figure with its Chinese marks: no guess
    if m["rest"]:
        parts.append(f"unit: {m['rest']}")
    return ": write " + " and ".join(parts)


def _text(value):
    if not isinstance(value, str):
        raise ValueError(f"must be a text, not {shown(value)}")
    if not value.strip():
        raise ValueError("must be a non-empty text")
    return value


def _period(value):
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # `period: 2023` reads as a number
    _text(value)
    if not valid_period(value):
        raise ValueError(f"must be one of the forms {PERIOD_FORMS}, not {shown(value)}")
    months = [int(m) for m in re.findall(r"(?<=\d{4}-)(\d{2})", value)]
    if any(not 1 <= m <= 12 for m in months):
        raise ValueError(f"has a month outside 01–12: {shown(value)}")
    ends = value.split("/")
    if len(ends) == 2 and ends[0] > ends[1]:
        raise ValueError(f"runs backwards: {shown(value)} (write the earlier end first)")
    return value


def _topic(value, info: ValidationInfo):
    topics = (info.context or {}).get("topics")
    if topics is not None and value not in topics:
        raise ValueError(f"must be one of {', '.join(topics)}, not {shown(value)}")
    return value


def _locator(value, info: ValidationInfo):
    locators = (info.context or {}).get("locators")
    if locators is not None and value not in locators:
        raise ValueError(f"names {shown(value)}, which is not a locator of the source "
                         "(provenance.yaml)")
    return value


def _key(value):
    if not value.isidentifier():
        raise ValueError(f"must name a record (letters, digits, _), not {shown(value)}")
    return value


def _one_of(choices):
    def check(value):
        if value not in choices:
            raise ValueError(f"must be one of {' '.join(choices)}, not {shown(value)}")
        return value
    return check


Text = Annotated[str, BeforeValidator(_text)]
Key = Annotated[StrictStr, AfterValidator(_key)]
Locator = Annotated[Text, AfterValidator(_locator)]


class _Record(BaseModel):
    """The fields both kinds of record have."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    label: Text = Field(description="what the number measures, in the book's words")
    label_en: Text = Field(None, description="the label in English")
    unit: Annotated[str, BeforeValidator(_one_of(tuple(UNITS)))] = Field(
        description="a unit of factbook/units.py")
    unit_en: Text = Field(None, description="an English noun for the measure word")
    scale: Annotated[str, BeforeValidator(_one_of(tuple(SCALES)))] = Field(
        None, description="万 or 亿")
    period: Annotated[str, BeforeValidator(_period)] = Field(description="a period")
    topic: Annotated[Text, AfterValidator(_topic)] = Field(description="a topic key")
    note: Text = Field(None, description="a remark for the data appendix")
    note_en: Text = Field(None, description="the remark in English")


class SourceRecord(_Record):
    """A figure as the source article prints it."""

    value: Annotated[float | int, BeforeValidator(_number)] = Field(
        description="a number")
    qualifier: Annotated[str, BeforeValidator(_one_of(QUALIFIERS))] = Field(
        description="exact, about (约) or more_than (余)")
    source: Locator = Field(description="a locator of the source")
    also_in: list[Locator] = Field([], description="a list of locators")
    conflicts_with: Key = Field(None, description="the key of a source record")


class DerivedRecord(_Record):
    """A figure computed from others."""

    formula: Text = Field(description="an arithmetic expression over keys")
    digits: Annotated[StrictInt, Field(ge=0, le=6)] = Field(
        description="a whole number from 0 to 6 (decimals to round to)")
    qualifier: Annotated[str, BeforeValidator(_one_of(QUALIFIERS))] = Field(
        None, description="exact, about or more_than (computed anyway)")
    agrees_with: list[Key] = Field([], description="a list of keys of derived records")


SOURCE_ONLY = set(SourceRecord.model_fields) - set(DerivedRecord.model_fields)
DERIVED_ONLY = set(DerivedRecord.model_fields) - set(SourceRecord.model_fields)


def required(model) -> list[str]:
    return [name for name, f in model.model_fields.items() if f.is_required()]


class FieldProblem(Exception):
    """One problem in one record: the field (None: the record), the list item, the text."""

    def __init__(self, field: str | None, message: str, item: int | None = None):
        self.field, self.item, self.message = field, item, message
        super().__init__(message)


def validate_record(rec: dict, context: dict) -> tuple[SourceRecord | DerivedRecord | None,
                                                          list[FieldProblem]]:
    """The record as a model, or None and every problem in it."""
    model = DerivedRecord if "formula" in rec else SourceRecord
    problems = []
    if "note" in rec and "note_en" not in rec:
        problems.append(FieldProblem("note", "needs 'note_en' too (the English edition shows it)"))
    try:
        result = model.model_validate(rec, context=context)
    except ValidationError as exc:
        problems += _translate(exc, model, rec)
        return None, problems
    if model is SourceRecord and result.unit == "rank" and not (
            result.value >= 1 and float(result.value).is_integer()):
        problems.append(FieldProblem("value", f"must be a whole number 1 or more for a rank, "
                                              f"not {shown(result.value)}"))
    if model is SourceRecord and result.unit == "月" and not (
            1 <= result.value <= 12 and float(result.value).is_integer()):
        problems.append(FieldProblem("value", f"must be a month, 1 to 12, not {shown(result.value)}"))
    if model is DerivedRecord and result.unit in ("rank", "月"):
        problems.append(FieldProblem("unit", f"cannot be {shown(result.unit)} on a derived record "
                                             "(a rank or a month is not computed)"))
    return (None if problems else result), problems


def _translate(exc: ValidationError, model, rec) -> list[FieldProblem]:
    missing, found = [], []
    for err in exc.errors(include_url=False):
        loc = err["loc"]
        name = str(loc[0]) if loc else None
        item = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
        kind = err["type"]
        if kind == "missing":
            missing.append(name)
        elif kind == "extra_forbidden":
            found.append(FieldProblem(name, _unknown_field(name, model)))
        elif kind == "value_error":
            text = str(err["ctx"]["error"])
            found.append(FieldProblem(name, f"item {item + 1} {text}" if item is not None
                                      else text, item))
        else:  # a type or range the declaration states: say what the field must be
            value = rec.get(name)
            what = model.model_fields[name].description
            bad = err.get("input", value)
            where = f" (item {item + 1} is {shown(bad)})" if item is not None else \
                f", not {shown(bad)}"
            found.append(FieldProblem(name, f"must be {what}{where}", item))
    if missing:
        kind = "derived record" if model is DerivedRecord else "record"
        found.insert(0, FieldProblem(None, f"missing field(s): {', '.join(sorted(missing))}"
                                           f" (a {kind} needs {', '.join(required(model))})"))
    return found


def _unknown_field(name, model) -> str:
    import difflib
    if model is DerivedRecord and name in SOURCE_ONLY:
        return "is for source records (a derived record has formula and digits instead)"
    if model is SourceRecord and name in DERIVED_ONLY:
        return "is for derived records (with a formula)"
    known = sorted(set(SourceRecord.model_fields) | set(DerivedRecord.model_fields))
    close = difflib.get_close_matches(str(name), known, n=1)
    return "is unknown" + (f": did you mean '{close[0]}'?" if close else
                           f" (fields: {', '.join(known)})")

