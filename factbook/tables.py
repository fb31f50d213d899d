"""The fact-table directive: ordinary docutils tables, so captions, labels and
{numref} work in every builder."""

from __future__ import annotations

import math
import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .data import readable_formula
from .state import ALL, domain_of, fact_xref, facts_of, lang_of
from .words import WORDS


def _para(*children):
    # Generated from the data: nothing for translators (the English edition
    # renders the data in English itself).
    return nodes.paragraph("", "", *children, translatable=False)


def _row(cells, ids=()):
    """A row; a cell is text, a node, a list of nodes (an empty one leaves the cell
    empty) or a finished entry."""
    row = nodes.row(ids=list(ids))
    for cell in cells:
        if isinstance(cell, nodes.entry):
            row += cell
            continue
        entry = nodes.entry()
        if isinstance(cell, list):
            entry.extend(cell)
        else:
            entry += cell if isinstance(cell, nodes.Node) else _para(nodes.Text(str(cell)))
        row += entry
    return row


def make_caption(cls, directive, raw, nodes_):
    """A title or caption node whose message for translators is the raw MyST
    text ({fact} roles and all), so a changed figure never changes the message."""
    node = cls(raw, "", *nodes_)
    node.source, node.line = directive.get_source_info()
    return node


def generated_caption(cls, text):
    return cls("", text, translatable=False)


def build_table(facts, keys, lang, caption, full=False):
    """A table of facts; `full` adds key, source/formula and notes (the data appendix)."""
    h = WORDS[lang]
    h = {**h, "label": h["label"] + (" and data key" if lang == "en" else "与数据键")} if full else h
    columns = (["label", "value", "period", "source", "note"] if full
               else ["label", "value", "period", "source"])
    # a formula needs room; a locator such as S3¶4 does not
    formulas = any(facts[k].derived for k in keys)
    widths = ([27, 13, 14, 24, 22] if full else
              [30, 18, 20, 32] if formulas else [40, 20, 22, 18])
    table = nodes.table(classes=["fact-table", "colwidths-given"] +
                        (["longtable", "fact-appendix"] if full else []))
    table += caption
    group = nodes.tgroup(cols=len(columns))
    table += group
    for w in widths:
        group += nodes.colspec(colwidth=w)
    thead = nodes.thead()
    group += thead
    thead += _row([h[c] for c in columns])
    tbody = nodes.tbody()
    group += tbody
    for key in keys:
        f = facts[key]
        label = (f.label_en or f.label) if lang == "en" else f.label
        if f.derived:
            source = _para(nodes.Text(h["derived"].format(readable_formula(f, facts, lang))))
        else:
            also = ", " if lang == "en" else "、"
            source = _para(nodes.Text(f.source + (h["also"].format(also.join(f.also_in))
                                                   if f.also_in else "")))
        label_cell = _para(nodes.Text(label))
        if full:  # the key names the record in facts.yaml, for editors
            label_cell = nodes.entry("", label_cell, _para(nodes.literal("", key)),
                                     classes=["fact-label"])
        cells = {"label": label_cell,
                 "value": _para(fact_xref(f, lang)), "period": f.period_text(lang),
                 "source": source}
        if full:
            note = _para()
            if f.conflicts_with in facts:
                note += nodes.Text(h["conflict"])
                note += fact_xref(facts[f.conflicts_with], lang)
                note += nodes.Text(h["located"].format(facts[f.conflicts_with].source))
            text = (f.note_en or f.note) if lang == "en" else f.note
            if text:
                note += nodes.Text(text)
            # most facts have no note: an empty cell, not an empty paragraph (the
            # appendix's rows are most of its page's elements, each styled and laid out)
            cells["note"] = [note] if len(note) else []
        tbody += _row([cells[c] for c in columns], ids=[f"fact-{key}"] if full else ())
    return table


class FactTable(SphinxDirective):
    """:::{fact-table} with :keys: a b c | :topic: renewal | :all:; content = caption."""

    has_content = True
    option_spec = {"keys": directives.unchanged, "topic": directives.unchanged,
                   "all": directives.flag, "name": directives.unchanged,
                   "class": directives.class_option}

    def run(self):
        facts = facts_of(self.env)
        lang = lang_of(self.config)
        full = "all" in self.options
        shows = domain_of(self.env).note_shown
        if full:
            keys = list(facts)
            shows(self.env.docname, ALL)
        elif "topic" in self.options:
            topic = self.options["topic"].strip()
            topics = self.config.factbook_topics
            if topic not in topics:
                return self._error(f"unknown topic {topic!r} (known: {', '.join(topics)})")
            keys = [k for k, f in facts.items() if f.topic == topic]
            shows(self.env.docname, ALL)  # a fact added to the topic joins the table
        elif "keys" in self.options:
            keys = self.options["keys"].split()
            known = domain_of(self.env).keys
            unknown = [k for k in keys if known is not None and k not in known]
            if unknown:
                return self._error(f"unknown fact key(s) {', '.join(map(repr, unknown))}")
            keys = [k for k in keys if k in facts]  # broken records are reported in the data
            for key in keys:
                shows(self.env.docname, key)
        else:
            return self._error("fact-table needs :keys:, :topic: or :all:")
        if self.content:
            raw = "\n".join(self.content)
            caption = make_caption(nodes.title, self, raw, self.parse_inline(raw)[0])
        else:
            topic = self.config.factbook_topics.get(self.options.get("topic", ""), {})
            caption = generated_caption(nodes.title, topic.get(lang, ""))
        table = build_table(facts, keys, lang, caption, full=full)
        table["classes"] += self.options.get("class", [])
        self.add_name(table)
        return [table]

    def _error(self, message):
        domain_of(self.env).note_problem(self.env.docname, self.lineno, message, "table")
        return []


# -- Print ------------------------------------------------------------------------
# Widths in ems of the table's font: a Chinese character is one em; Latin
# letters and figures about half, a space a quarter (xeCJK adds about as much
# between a Chinese character and a Latin one).
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff65]")
_MIXED = re.compile(r"(?<=[\u3400-\u9fff])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[\u3400-\u9fff])")
# value, period, source: the most a column takes, in ems; the label takes the rest,
# at least LABEL_SHARE of the line if it can. A4 less 1in margins is 41 ems of
# 11 pt, 4.4 of them the padding around four cells.
_PRINT_CAPS = {"value": 10, "period": 10, "source": 12}
LINE_EMS, PADDING_EMS = 41, 4.4
LABEL_SHARE = 0.36
# A longer table may break across pages: unbroken, it would leave most of a page
# blank when it does not fit below the text (Table 2.1), or run over the foot of the
# page (a chart's data, long formulas). Long: more rows, or more lines as set, than
# these (a page holds some 50 lines of 11 pt). Charts stand in place (figure_align
# "H" in conf.py), so a table that breaks cannot pass its chart.
LONG_TABLE_ROWS = 10
LONG_TABLE_LINES = 20


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


class PrintTableLayout(SphinxPostTransform):
    """LaTeX only: fact tables set for the page. Columns as wide as their terms
    ("2023年初至报道时", "约286元/平方米" stay on one line), the label column
    taking the rest; long tables break across pages; in the data appendix the
    keys (for editors, on the web) stay out of print, and each record's note goes
    under its source, one column for both (most records have no note)."""

    formats = ("latex",)
    default_priority = 700  # before the LaTeX writer; Sphinx's numbering is done

    def run(self, **kwargs) -> None:
        lang = lang_of(self.config)
        for table in list(self.document.findall(nodes.table)):
            if "fact-table" not in table["classes"]:
                continue
            group = next(iter(table.findall(nodes.tgroup)))
            if "fact-appendix" in table["classes"]:
                self._fold_appendix(group, lang)
            rows = list(group.findall(nodes.row))
            spec, ems = self._spec(rows, lang)
            if (len(rows) > LONG_TABLE_ROWS or _lines(rows, ems) > LONG_TABLE_LINES) \
                    and "longtable" not in table["classes"]:
                table["classes"].append("longtable")
            table.parent.insert(table.parent.index(table), addnodes.tabular_col_spec(spec=spec))

    @staticmethod
    def _fold_appendix(group, lang):
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

    @staticmethod
    def _spec(rows, lang) -> tuple[str, list[float]]:
        """\\X-free column spec: value, period and source in ems, label the rest."""
        body = [r for r in rows if r.parent.tagname == "tbody"]
        widths = []
        for column, cap in zip(("value", "period", "source"), _PRINT_CAPS.values()):
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
        ems = [w + 0.5 for w, _ in widths]
        fixed = "".join(rf"\bookcolumn{{{w:.1f}em}}" for w in ems)
        label = LINE_EMS - PADDING_EMS - sum(ems)
        return (rf"\bookcolumn{{\dimexpr\linewidth-{sum(ems):.1f}em-8\tabcolsep-2pt\relax}}"
                + fixed, [label, *ems])


def _lines(rows, ems: list[float]) -> int:
    """About how many lines the table's rows take, each cell wrapped to its column."""
    return sum(max(math.ceil(_ems(cell.astext()) / width) if width > 0 else 1
                   for cell, width in zip(row.children, ems))
               for row in rows)


def setup_print_tables(app):
    app.add_post_transform(PrintTableLayout)
