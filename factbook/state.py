"""The facts as a Sphinx domain: what the extension keeps between events.

Per document (pickled with the environment, so an incremental build still knows
the documents it did not re-read, and merged after a parallel read):

- ``uses``: the facts its text cites with {fact} (the "every fact used" check);
- ``shows``: every fact whose data the page shows (text, tables, charts), so a
  change to facts.yaml re-reads exactly the pages that show a changed fact;
- ``problems``: unknown keys, unknown charts, images without alt text.

Per build (attributes of the domain object, which Sphinx does not pickle; set at
builder-inited, so every process of a parallel build has them): the facts, the
data's keys, the chart module's charts, the count of problems found before reading
and the pages that could not be read.

Every {fact} is a ``pending_xref`` that ``resolve_xref`` turns into the value,
per builder, when the page is written: a link to the fact's row in the data
appendix (HTML, EPUB), else the value marked as a fact. Titles copied into tables of contents keep
the value as plain text (Sphinx drops the pending_xref there and keeps its text).
"""

from __future__ import annotations

import hashlib

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.util import logging

from bookformats.words import lang_of  # defined once, for both extensions

from .data import readable_formula

logger = logging.getLogger(__name__)
ALL = "*"  # shows every fact (the data appendix)


def facts_of(env) -> dict:
    return domain_of(env).facts  # loaded afresh at builder-inited


def domain_of(env) -> FactDomain:
    return env.domains["fact"]


def fingerprints(facts: dict) -> dict[str, str]:
    """A digest per fact of everything a page shows about it: its record, and the
    records its formula and conflict note name (their labels appear beside it)."""
    def digest(fact):
        named = [facts.get(k) for k in fact.formula_keys() + [fact.conflicts_with] if k]
        return hashlib.sha256(repr((fact, named)).encode()).hexdigest()
    return {key: digest(fact) for key, fact in facts.items()}


class FactDomain(Domain):
    """Bookkeeping and resolution of {fact} (modelled on sphinx.ext.todo's and
    sphinxcontrib-bibtex's domains)."""

    name = "fact"
    label = "Facts"
    data_version = 1
    initial_data = {"uses": {}, "shows": {}, "problems": {}, "fingerprints": {}}

    # -- per build, not pickled (see the module's docstring) ------------------------
    facts: dict = {}  # key -> Fact, from facts.yaml
    keys: set | None = None  # the data's keys; None: unreadable, so no key is "unknown"
    charts: dict | None = {}  # name -> the chart module's Chart (or as drawn); None: no module
    data_problems: int = 0  # problems of the data, the chart module and page encodings
    unreadable: frozenset = frozenset()  # pages not read (not UTF-8)
    problem_count: int = 0  # problems in the text, counted by check_consistency

    # -- bookkeeping while reading ----------------------------------------------
    def note_use(self, docname: str, key: str) -> None:
        self.data["uses"].setdefault(docname, set()).add(key)
        self.note_shown(docname, key)

    def note_shown(self, docname: str, key: str) -> None:
        self.data["shows"].setdefault(docname, set()).add(key)

    def note_problem(self, docname: str, line: int | None, message: str, kind: str) -> None:
        self.data["problems"].setdefault(docname, []).append((line, message, kind))

    def clear_doc(self, docname: str) -> None:
        for name in ("uses", "shows", "problems"):
            self.data[name].pop(docname, None)

    def merge_domaindata(self, docnames, otherdata) -> None:
        for name in ("uses", "shows", "problems"):
            for doc in docnames:
                if doc in otherdata[name]:
                    self.data[name][doc] = otherdata[name][doc]

    # -- incremental builds ---------------------------------------------------------
    def outdated(self, new_prints: dict[str, str]) -> set[str]:
        """Documents to read again: those showing a fact whose data changed (or
        that was added or removed), and those with problems (which may be fixed
        by now: an unknown key just added to the data)."""
        old = self.data["fingerprints"]
        changed = {k for k in old.keys() | new_prints.keys() if old.get(k) != new_prints.get(k)}
        self.data["fingerprints"] = new_prints
        docs = {doc for doc, keys in self.data["shows"].items()
                if keys & changed or (ALL in keys and changed)}
        return docs | set(self.data["problems"])

    def used_keys(self) -> set[str]:
        return set().union(*self.data["uses"].values())

    # -- the check after reading ---------------------------------------------------
    def check_consistency(self) -> None:
        """Report every problem of every document (also those not re-read this
        time) and every fact no page cites; count them for the build's verdict."""
        self.problem_count = 0
        for doc in sorted(self.data["problems"]):
            for line, message, kind in self.data["problems"][doc]:
                self._report(message, (doc, line), kind)
        if self.unreadable:
            return  # a page could not be read: which facts it uses is not known
        facts = facts_of(self.env)
        data_path = self.env.config.factbook_data
        for key in sorted(set(facts) - self.used_keys(), key=lambda k: facts[k].line):
            self._report(f"fact {key!r} is never used in the book (only {{fact}}`{key}` in "
                         "the text counts, not a fact-table or chart showing it)",
                         f"{data_path}:{facts[key].line}", "unused")

    def _report(self, message, location, kind):
        self.problem_count += 1
        logger.error(message, location=location, type="factbook", subtype=kind)

    # -- resolution per builder ------------------------------------------------------
    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        fact = facts_of(env).get(target)
        if fact is None:  # gone from the data since the page was read
            return None
        lang = lang_of(env.config)
        text = fact.text(lang)
        classes = ["fact"] + (["fact-derived"] if fact.derived else [])
        heading = _in_heading(node)
        if builder.format == "html" and not heading and not _in_own_row(node, fact):
            uri = builder.get_relative_uri(fromdocname, env.config.factbook_appendix_doc)
            return nodes.reference("", text, internal=True, refuri=f"{uri}#fact-{fact.key}",
                                   reftitle=hover_text(fact, facts_of(env), lang),
                                   classes=classes)
        return nodes.inline("", text, classes=classes)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []  # {any} never means a fact


def fact_xref(fact, lang: str) -> addnodes.pending_xref:
    """A fact's value in a page: resolved when the page is written; the text
    inside is what tables of contents and page titles show."""
    classes = ["fact"] + (["fact-derived"] if fact.derived else [])
    return addnodes.pending_xref("", nodes.inline("", fact.text(lang), classes=classes),
                                 refdomain="fact", reftype="value", reftarget=fact.key,
                                 refexplicit=True, refwarn=False)


def hover_text(fact, facts, lang) -> str:
    en = lang == "en"
    colon, semicolon = (": ", "; ") if en else ("：", "；")  # full-width in Chinese
    if fact.derived:
        head = f"{'Derived' if en else '推算'}{colon}{readable_formula(fact, facts, lang)}"
    else:
        head = f"{'Source' if en else '来源'}{colon}{semicolon.join(fact.sources())}"
    return f"{head} · {'Period' if en else '时期'}{colon}{fact.period_text(lang)}"


def _in_heading(node) -> bool:
    """In a section title: shown as plain text there (the page's heading is no
    place for a link, and the same text becomes navigation)."""
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.title):
        parent = parent.parent
    return parent is not None and isinstance(parent.parent, nodes.section)


def _in_own_row(node, fact) -> bool:
    """The value in a fact's own data-appendix row: a link there would go nowhere."""
    row = node.parent
    while row is not None and not isinstance(row, nodes.row):
        row = row.parent
    return row is not None and f"fact-{fact.key}" in row["ids"]
