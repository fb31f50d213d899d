"""Typographic forms of facts and periods, in Chinese and English."""

from __future__ import annotations

import re

from babel.numbers import format_compact_decimal

from .units import SCALES, UNITS, ZH_UNIT_TEXT

ZH_NUMERALS = "〇一二三四五六七八九十"
EN_ORDINALS = {1: "first", 2: "second", 3: "third"}
# English prose writes small whole numbers as words ("four levels", "five parks");
# tables, measures with a symbol (km, m², %, ha, mu) and money keep digits.
EN_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
EN_WORD_KINDS = {"count", "suffix", "times"}
EN_DIGITS_ONLY = {"mu", "ha", "m²", "km", "%", "percentage points"}
# A sentence does not open with digits (Chicago 9.5): there a count up to 99 is
# spelled out ("Twenty-six stations were rebuilt"); ten lines, so no library.
EN_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen")
EN_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July",
             "August", "September", "October", "November", "December"]


def number_text(value: float, digits: int | None = None) -> str:
    """The number as written: integers without a decimal point, floats as
    given (3.11 stays 3.11), derived values rounded to `digits`."""
    if digits is not None:
        value = round(value, digits)
        if digits == 0:
            return str(int(value))
        return f"{value:.{digits}f}".rstrip("0").rstrip(".")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def grouped(value: float, digits: int | None = None) -> str:
    """English digit grouping: 699000 -> 699,000."""
    text = number_text(value, digits)
    whole, dot, frac = text.partition(".")
    return f"{int(whole):,}{dot}{frac}"


def format_zh(value, unit, scale="", qualifier="exact", digits=None) -> str:
    if unit == "rank":
        return "第" + ZH_NUMERALS[int(value)] if value <= 10 else f"第{number_text(value)}"
    text = number_text(value, digits) + (scale or "")
    if qualifier == "more_than":
        text += "余"
    text += ZH_UNIT_TEXT.get(unit, unit)
    return "约" + text if qualifier == "about" else text


def _en_money(amount: float) -> tuple[str, bool]:
    """A CNY amount in English and whether that form drops digits of it (then the
    text says "about"): 16.6 billion, 332 million (Babel's long compact form, two
    decimals at most); an amount that would lose digits in billions is written in
    whole millions (28.28亿 -> 2,828 million), so the source's exact figure stays
    exact; below a million, grouped digits."""
    if abs(amount) < 1e6:
        return grouped(amount, 0), False
    size = 1e9 if abs(amount) >= 1e9 else 1e6
    loses = abs(round(amount / size, 2) - amount / size) > 1e-9
    if size == 1e9 and loses and abs(round(amount / 1e6) - amount / 1e6) < 1e-9:
        return f"{grouped(amount / 1e6)} million", False
    return format_compact_decimal(amount, format_type="long", fraction_digits=2,
                                  locale="en"), loses


def in_words(value, unit, scale="", qualifier="exact", unit_en="") -> bool:
    """Whether English prose writes this value as a word: an exact whole number
    from one to nine, counted or with a noun (not a measure with a symbol)."""
    word, kind = (unit_en, "suffix") if unit_en else UNITS[unit]
    return (qualifier == "exact" and not scale and float(value).is_integer()
            and 1 <= value <= 9 and kind in EN_WORD_KINDS and word not in EN_DIGITS_ONLY)


def spelled(n: int) -> str:
    """1..99 in English words: 26 -> "twenty-six"."""
    if n < 10:
        return EN_NUMBER_WORDS[n - 1]
    if n < 20:
        return EN_TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return EN_TENS[tens - 2] + (f"-{EN_NUMBER_WORDS[ones - 1]}" if ones else "")


def in_words_at_start(value, unit, scale="", qualifier="exact", unit_en="") -> bool:
    """Whether a sentence that opens with this value spells it out: a count as for
    in_words, up to 99 (a larger count, or a measure, keeps digits: recast the sentence)."""
    word, kind = (unit_en, "suffix") if unit_en else UNITS[unit]
    return (qualifier == "exact" and not scale and float(value).is_integer()
            and 1 <= value <= 99 and kind in EN_WORD_KINDS and word not in EN_DIGITS_ONLY)


def format_en(value, unit, scale="", qualifier="exact", digits=None, unit_en="",
              words=False, sentence_start=False) -> str:
    """words: the running text's form, small whole numbers as words (in_words);
    sentence_start: the form that opens a sentence, capitalised ("Twenty-six",
    "More than 890")."""
    # a record's own English unit word (unit_en) goes after the number, like "km"
    word, kind = (unit_en, "suffix") if unit_en else UNITS[unit]
    if kind == "rank":
        return EN_ORDINALS.get(int(value), f"No. {number_text(value)}")
    if kind == "month":
        return EN_MONTHS[int(value) - 1]
    amount = value * SCALES.get(scale or "", 1)
    if scale:  # the scale is applied, so the digits of the source no longer apply
        amount = round(amount, 6)
    number = grouped(amount, digits) if not scale else grouped(amount)
    if sentence_start and in_words_at_start(value, unit, scale, qualifier, unit_en):
        number = spelled(int(value))
    elif words and in_words(value, unit, scale, qualifier, unit_en):
        number = EN_NUMBER_WORDS[int(value) - 1]
    if kind == "money":
        money, rounded = _en_money(amount)
        if rounded and qualifier == "exact":
            qualifier = "about"
        text = f"{word.split()[0]} {money}" + (
            " " + " ".join(word.split()[1:]) if " " in word else "")
    elif kind == "tight":
        text = number + word
    elif kind == "times":
        text = f"{number} times"
    elif kind == "count" or not word:
        text = number
    else:
        text = f"{number} {word}"
    prefix = {"about": "about ", "more_than": "more than "}.get(qualifier, "")
    text = prefix + text
    return text[:1].upper() + text[1:] if sentence_start else text


def format_value(value, unit, scale="", qualifier="exact", digits=None, lang="zh",
                 unit_en="", words=False, sentence_start=False) -> str:
    if lang.startswith("en"):
        return format_en(value, unit, scale, qualifier, digits, unit_en, words, sentence_start)
    return format_zh(value, unit, scale, qualifier, digits)


# A year, quarter or month, or a range of months (2023-01/2023-05) or years (2020/2022).
# YYYY-ytd: from the start of that year to the report ("今年以来" in a news report).
_YTD_RE = re.compile(r"^(?P<year>\d{4})-ytd$")
_PERIOD_RE = re.compile(
    r"^(?P<y1>\d{4})(?:Q(?P<q>[1-4])|-(?P<m1>\d{2}))?"
    r"(?:/(?P<y2>\d{4})(?:-(?P<m2>\d{2}))?)?$")
YTD_TEXT = ("{year}年初至报道时", "January {year} to the article’s date")
SPECIAL_PERIODS = {
    "as-reported": ("报道时的状况", "as at the article’s date"),
    "not-stated": ("原文未说明", "not stated in the article"),
}
# A chapter's table speaks as the chapter does (the method states the rule once): a year
# to date as "2023年以来", and no period where the article gives none; the data
# appendix, which every value links to, keeps the exact labels above.
CHAPTER_YTD_TEXT = ("{year}年以来", "since the start of {year}")
CHAPTER_UNDATED = "—"


def valid_period(period: str) -> bool:
    if period in SPECIAL_PERIODS or _YTD_RE.match(period):
        return True
    m = _PERIOD_RE.match(period)
    if not m or not m["y2"]:
        return bool(m)
    # both ends of a range have the same precision: months or whole years
    return not m["q"] and bool(m["m1"]) == bool(m["m2"])


def format_period(period: str, lang: str = "zh", chapter: bool = False) -> str:
    """The period's label; `chapter` gives the chapters' wording (see CHAPTER_YTD_TEXT)."""
    en = lang.startswith("en")
    if period in SPECIAL_PERIODS:
        return CHAPTER_UNDATED if chapter else SPECIAL_PERIODS[period][1 if en else 0]
    if ytd := _YTD_RE.match(period):
        return (CHAPTER_YTD_TEXT if chapter else YTD_TEXT)[1 if en else 0].format(year=ytd["year"])
    m = _PERIOD_RE.match(period)
    y1, q, m1, y2, m2 = m["y1"], m["q"], m["m1"], m["y2"], m["m2"]
    if y2 and not m2:
        return f"{y1}–{y2}" if en else f"{y1}—{y2}年"
    if y2:
        if en:
            return f"{EN_MONTHS[int(m1) - 1]}–{EN_MONTHS[int(m2) - 1]} {y2}"
        return f"{y1}年{int(m1)}—{int(m2)}月"
    if q:
        return f"Q{q} {y1}" if en else f"{y1}年第{ZH_NUMERALS[int(q)]}季度"
    if m1:
        return f"{EN_MONTHS[int(m1) - 1]} {y1}" if en else f"{y1}年{int(m1)}月"
    return y1 if en else f"{y1}年"
