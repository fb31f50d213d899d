"""factbook: a small Sphinx extension that binds the book's text to its data.

Pipeline: facts.yaml --(load + validate at builder-inited)--> {fact} role,
fact-table and chart directives --(doctree-resolved)--> links per builder;
at the end of reading, every fact must have been used.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.errors import SphinxError
from sphinx.util import logging

from . import charts, roles, state, tables
from .data import FactDataError, load_facts, load_locators

__version__ = "1.0"
logger = logging.getLogger(__name__)


class FactbookError(SphinxError):
    category = "Fact data error"


def load_data(app):
    locators = app.config.factbook_locators
    try:
        facts = load_facts(Path(app.config.factbook_data),
                           load_locators(Path(locators)) if locators else None,
                           app.config.factbook_topics or None)
    except FactDataError as exc:
        raise FactbookError(str(exc)) from None
    app.env.factbook_facts = facts
    charts.generate_charts(app)


def check_facts(app, env):
    """Fail the build, before anything is written, on unknown or unused facts."""
    facts = state.facts_of(env)
    found = state.problems(env)
    data_name = Path(app.config.factbook_data).name
    for key in sorted(set(facts) - state.used_keys(env), key=lambda k: facts[k].line):
        found.append(f"{data_name}:{facts[key].line}: fact {key!r} is never used in the book")
    if found:
        raise FactbookError(f"{len(found)} problem(s):\n" + "\n".join(found))


def setup(app):
    app.add_config_value("factbook_data", "", "env", types=[str])
    app.add_config_value("factbook_locators", "", "env", types=[str])
    app.add_config_value("factbook_chart_module", "", "env", types=[str])
    app.add_config_value("factbook_appendix_doc", "appendix/data", "env", types=[str])
    # {topic key: {"zh": name, "en": name}}: the topics a record may name
    app.add_config_value("factbook_topics", {}, "env", types=[dict])
    app.add_node(roles.fact_ref)
    app.add_role("fact", roles.FactRole())
    app.add_role("fact-period", roles.FactPeriodRole())
    app.add_role("fact-source", roles.FactSourceRole())
    app.add_directive("fact-table", tables.FactTable)
    app.add_directive("chart", charts.ChartDirective)
    app.connect("builder-inited", load_data)
    app.connect("env-purge-doc", state.purge_doc)
    app.connect("env-merge-info", state.merge_info)
    app.connect("env-check-consistency", check_facts)
    app.connect("doctree-resolved", roles.resolve_fact_refs)
    app.connect("doctree-resolved", charts.set_alt_texts)
    return {"version": __version__, "parallel_read_safe": True,
            "parallel_write_safe": True, "env_version": 1}
