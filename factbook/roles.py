"""The {fact} role and its companions {fact-period} and {fact-source}.

{fact} leaves a pending_xref that the fact domain (state.py) resolves per
builder; the companions write their text at once (it is not a number).

In English running text, a small whole number is a word ("four levels", "five
parks"; formatting.in_words), and a figure that opens a sentence is capitalised,
a count up to 99 spelled out ("Twenty-six stations …"); in a table, or standing
alone as a key figure, it keeps its digits. Whether a value sits in a table or
opens a sentence is known once the page is assembled: NumberWords wraps each such
reference before the domain resolves it, and puts the words in after (the wrapper
goes again: the page's markup is the same as with digits).
"""

from __future__ import annotations

import difflib
import re

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole

from .data import hectare_companion
from .formatting import format_value, in_words
from .state import domain_of, fact_xref, facts_of, lang_of

IN_WORDS = "factbook_in_words"  # on a {fact} reference of English running text
SENTENCE_START = "factbook_sentence_start"  # on the wrapper of one that opens a sentence
# the text before a reference ends a sentence: "… stations. " (not "e.g. ", "No. ")
SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bNo)[.!?][”’\"')\]]*\s+$")


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
            known = domain_of(self.env).keys
            if known is not None and key not in known:
                domain.note_problem(docname, self.get_source_info()[1],
                                    unknown_key_message(key, known), "unknown")
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
            # "converted": the hectares are the book's figure, not the article's
            result += [nodes.Text(" ("), fact_xref(hectares, "en"), nodes.Text(", converted)")]
        return result, []

    def make_node(self, fact):
        lang = lang_of(self.config)
        xref = fact_xref(fact, lang)
        if lang == "en" and in_words(fact.value, fact.unit, fact.scale, fact.qualifier,
                                     fact.unit_en):
            xref[IN_WORDS] = True
            # the text navigation keeps of a heading (headings are never in a table)
            xref[0].replace(xref[0][0], nodes.Text(words_text(fact)))
        return xref


def words_text(fact, sentence_start=False) -> str:
    return format_value(fact.value, fact.unit, fact.scale, fact.qualifier, fact.digits, "en",
                        fact.unit_en, words=True, sentence_start=sentence_start)


def opens_sentence(xref) -> bool:
    """The reference is the first thing in its paragraph, or follows a full stop."""
    if not isinstance(xref.parent, nodes.paragraph):
        return False
    index = xref.parent.index(xref)
    before = "".join(node.astext() for node in xref.parent.children[:index])
    return not before.strip() or bool(SENTENCE_END.search(before))


class NumberWords(SphinxPostTransform):
    """English running text: each {fact} outside a table that is written in words
    (a small number, or one that opens a sentence), wrapped to get those words once
    resolved (NumberWordsResolved)."""

    default_priority = 9  # the domain resolves references at 10

    def run(self):
        if lang_of(self.config) != "en":
            return
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("refdomain") != "fact" or _in_table(xref):
                continue
            if len(xref.parent.children) == 1:
                continue  # a key figure on its own keeps digits
            start = opens_sentence(xref)
            if xref.get(IN_WORDS) or start:
                wrapper = nodes.inline("", "", **{IN_WORDS: xref["reftarget"]})
                wrapper[SENTENCE_START] = start
                xref.replace_self(wrapper)
                wrapper += xref


class NumberWordsResolved(SphinxPostTransform):
    default_priority = 11

    def run(self):
        facts = facts_of(self.env)
        for wrapper in list(self.document.findall(nodes.inline)):
            if not wrapper.get(IN_WORDS):
                continue
            fact = facts.get(wrapper[IN_WORDS])
            if fact is not None:
                digits = fact.text("en")
                words = words_text(fact, wrapper.get(SENTENCE_START, False))
                for text in list(wrapper.findall(nodes.Text)):
                    if str(text) == digits:
                        text.parent.replace(text, nodes.Text(words))
            wrapper.replace_self(wrapper.children)


def _in_table(node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.table):
            return True
        parent = parent.parent
    return False


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
