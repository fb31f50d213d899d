"""The fact-table directive: ordinary docutils tables, so captions, labels and
{numref} work in every builder."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
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
    """A table of facts: measure, value, period. `full` (the data appendix) adds each
    record's key, its source or formula and its notes; a chapter's table leaves where
    a figure stands in the article to the appendix, which each value links to, and
    marks a derived row in its label."""
    h = WORDS[lang]
    h = {**h, "label": h["label"] + (" and data key" if lang == "en" else "与数据键")} if full else h
    columns = (["label", "value", "period", "source", "note"] if full
               else ["label", "value", "period"])
    widths = [27, 13, 14, 24, 22] if full else [50, 24, 26]
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
        if f.derived and not full and h["derived_word"] not in label:
            label += h["derived_label"]
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
                 "value": _para(fact_xref(f, lang)),
                 "period": f.period_text(lang, chapter=not full),
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
