"""Fact tables in print: the data appendix folded, columns as wide as their terms.

factbook's fact tables have three columns (label, value, period) in a chapter and,
in the data appendix, two more (source, notes) and each record's key, for editors
on the web; print folds the notes into the source column.
"""

from __future__ import annotations

import re

from docutils import nodes

from factbook.tables import _para
from factbook.words import WORDS

# Widths in ems of the table's font: a Chinese character is one em; Latin
# letters and figures about half, a space a quarter (about as much again between a
# Chinese character and a Latin one).
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff65]")
_MIXED = re.compile(r"(?<=[\u3400-\u9fff])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[\u3400-\u9fff])")
# value, period, source: the most a column takes, in ems; the label takes the rest,
# at least LABEL_SHARE of the line if it can. A4 less 1in margins is 41 ems of
# 11 pt, 4.4 of them the padding around four cells.
_CAPS = {"value": 10, "period": 10, "source": 12}
LINE_EMS, PADDING_EMS = 41, 4.4
LABEL_SHARE = 0.36


def _ems(text: str) -> float:
    return sum(1 if _CJK.match(ch) else 0.25 if ch == " " else 0.5 for ch in text) + \
        0.25 * len(_MIXED.findall(text))


def _natural(text: str, lang: str, whole: bool) -> tuple[float, float]:
    """(width of the text on one line, width of its longest unbreakable piece).
    English breaks at spaces; Chinese between characters, but a `whole` cell (a
    value, a period) is kept on one line up to the cap."""
    if lang == "en":
        pieces = text.split()
    elif whole:
        pieces = [text]
    else:
        pieces = re.split(r"\s+|" + _CJK.pattern, text)
    return _ems(text), max((_ems(p) for p in pieces), default=0)


def column_ems(rows, lang: str) -> list[float]:
    """The widths of the value, period and (in the appendix) source columns in ems,
    each as wide as its terms ("2023年初至报道时", "约286元/平方米" stay on one line)
    up to its cap; the label column takes the rest."""
    body = [r for r in rows if r.parent.tagname == "tbody"]
    widths = []
    for column, cap in list(_CAPS.items())[:len(rows[0].children) - 1]:
        index = 1 + len(widths)
        one_line = longest = 0.0  # widest paragraph on one line; longest term
        for row in rows:
            header = row.parent.tagname == "thead"  # a heading is a term: kept whole
            for para in row.children[index].findall(nodes.paragraph):
                line, piece = _natural(para.astext(), lang, header or column != "source")
                one_line, longest = max(one_line, line), max(longest, min(piece, cap))
        widths.append((min(one_line, cap) if body else cap, longest))
    # Too wide together: each column gives up room down to its longest term.
    room = LINE_EMS * (1 - LABEL_SHARE) - PADDING_EMS
    total, floor = sum(w for w, _ in widths), sum(p for _, p in widths)
    if total > room:
        k = max(0.0, (room - floor) / (total - floor)) if total > floor else 0.0
        widths = [(p + (w - p) * k, p) for w, p in widths]
    return [w + 0.5 for w, _ in widths]


def fold_appendix(group: nodes.tgroup, lang: str) -> None:
    """The data appendix's table for print: the keys out, each record's note under
    its source, one column for both (most records have no note)."""
    for literal in list(group.findall(nodes.literal)):  # the keys
        literal.parent.parent.remove(literal.parent)
    for row in group.findall(nodes.row):
        source, note = row.children[3], row.children[4]
        if row.parent.tagname == "thead":
            label = row.children[0]  # the keys are out of print: not "… and data key"
            label.clear()
            label += _para(nodes.Text(WORDS[lang]["label"]))
            joined = WORDS[lang]["source"] + (" / " if lang == "en" else "／") + \
                WORDS[lang]["note"]
            source.clear()
            source += _para(nodes.Text(joined))
        else:
            source.extend(list(note.children))
        row.remove(note)
    group.remove(list(group.findall(nodes.colspec))[-1])
    group["cols"] = 4
