"""The {fact} role and its companions; resolution per builder."""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from .data import hectare_companion, readable_formula
from .state import facts_of, lang_of, record_problem, record_use

logger = logging.getLogger(__name__)


class fact_ref(nodes.Inline, nodes.TextElement):
    """A fact's value, resolved per builder once the target page is known."""


class FactRole(SphinxRole):
    """{fact}`key` -> the value with unit and qualifier, linked to the data appendix."""

    counted = True

    def run(self):
        key = self.text.strip()
        facts = facts_of(self.env)
        source, line = self.get_source_info()
        if key not in facts:
            msg = f"unknown fact key {key!r}"
            logger.warning(msg, location=(self.env.docname, line), type="fact", subtype="unknown")
            record_problem(self.env, f"{self.env.doc2path(self.env.docname)}:{line}: {msg}")
            return [nodes.problematic(self.rawtext, self.rawtext)], []
        self.env.note_dependency(self.config.factbook_data)
        if self.counted:
            record_use(self.env, key)
        result = [self.make_node(facts[key])]
        hectares = hectare_companion(facts, key) if self.counted else None
        if hectares is not None and lang_of(self.config) == "en":
            # English readers get mu with hectares beside: "588 mu (39.2 ha)",
            # the hectares a derived fact of their own (linked, marked derived).
            record_use(self.env, hectares.key)
            result += [nodes.Text(" ("), make_fact_node(hectares, "en"), nodes.Text(")")]
        return result, []

    def make_node(self, fact):
        return make_fact_node(fact, lang_of(self.config))


def make_fact_node(fact, lang):
    node = fact_ref(fact.text(lang), fact.text(lang), key=fact.key)
    node["classes"] += ["fact"] + (["fact-derived"] if fact.derived else [])
    return node


class FactPeriodRole(FactRole):
    counted = False

    def make_node(self, fact):
        return nodes.inline(text=fact.period_text(lang_of(self.config)), classes=["fact-period"])


class FactSourceRole(FactRole):
    counted = False

    def make_node(self, fact):
        en = lang_of(self.config) == "en"
        text = (", " if en else "、").join(fact.sources()) if fact.sources() else (
            "derived" if en else "推算")
        return nodes.inline(text=text, classes=["fact-source"])


def hover_text(fact, facts, lang) -> str:
    en = lang == "en"
    colon, semicolon = (": ", "; ") if en else ("：", "；")  # full-width in Chinese
    if fact.derived:
        head = f"{'Derived' if en else '推算'}{colon}{readable_formula(fact, facts, lang)}"
    else:
        head = f"{'Source' if en else '来源'}{colon}{semicolon.join(fact.sources())}"
    return f"{head} · {'Period' if en else '时期'}{colon}{fact.period_text(lang)}"


def _in_own_row(node, fact) -> bool:
    """The value in a fact's own data-appendix row: a link there would go nowhere."""
    row = node.parent
    while row is not None and not isinstance(row, nodes.row):
        row = row.parent
    return row is not None and f"fact-{fact.key}" in row["ids"]


def resolve_fact_refs(app, doctree, docname):
    """HTML-like builders get a link to the fact's row with the source on hover;
    others (LaTeX) get the plain value: the appendix carries the sources."""
    facts = facts_of(app.env)
    lang = lang_of(app.config)
    html = app.builder.format == "html"
    for node in list(doctree.findall(fact_ref)):
        fact = facts.get(node["key"])
        if fact is None:
            continue
        if html and not _in_own_row(node, fact):
            uri = app.builder.get_relative_uri(docname, app.config.factbook_appendix_doc)
            new = nodes.reference("", node.astext(), internal=True,
                                  refuri=f"{uri}#fact-{fact.key}",
                                  reftitle=hover_text(fact, facts, lang),
                                  classes=node["classes"])
        else:
            new = nodes.inline("", node.astext(), classes=node["classes"])
        node.replace_self(new)
