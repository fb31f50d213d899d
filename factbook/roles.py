"""The {fact} role and its companions {fact-period} and {fact-source}.

{fact} leaves a pending_xref that the fact domain (state.py) resolves per
builder; the companions write their text at once (it is not a number).
"""

from __future__ import annotations

import difflib

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from .data import hectare_companion
from .state import domain_of, fact_xref, facts_of, lang_of


class FactRole(SphinxRole):
    """{fact}`key` -> the value with unit and qualifier, linked to the data appendix."""

    counted = True  # a use for the "every fact used" check

    def run(self):
        key = self.text.strip()
        facts = facts_of(self.env)
        domain = domain_of(self.env)
        docname = self.env.docname
        if key not in facts:
            # A record the data file has but could not accept is reported there.
            if self.env.factbook_keys is not None and key not in self.env.factbook_keys:
                domain.note_problem(docname, self.get_source_info()[1],
                                    unknown_key_message(key, self.env.factbook_keys), "unknown")
            return [nodes.problematic(self.rawtext, self.rawtext)], []
        fact = facts[key]
        if self.counted:
            domain.note_use(docname, key)
        else:
            domain.note_shown(docname, key)
        result = [self.make_node(fact)]
        hectares = hectare_companion(facts, key) if self.counted else None
        if hectares is not None and lang_of(self.config) == "en":
            # English readers get mu with hectares beside: "588 mu (39.2 ha)",
            # the hectares a derived fact of their own (linked, marked derived).
            domain.note_use(docname, hectares.key)
            result += [nodes.Text(" ("), fact_xref(hectares, "en"), nodes.Text(")")]
        return result, []

    def make_node(self, fact):
        return fact_xref(fact, lang_of(self.config))


def unknown_key_message(key: str, keys) -> str:
    """"unknown fact key 'x'", with the data file's closest key when one is close
    (a misspelling: difflib's default cutoff)."""
    close = difflib.get_close_matches(key, sorted(keys), n=1)
    return f"unknown fact key {key!r}" + (f": did you mean {close[0]!r}?" if close else "")


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
