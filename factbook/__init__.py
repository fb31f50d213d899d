"""factbook: a small Sphinx extension that binds the book's text to its data.

Pipeline: facts.yaml --(load + validate at builder-inited)--> {fact} role,
fact-table and chart directives --(fact domain: pending_xref resolved per
builder)--> pages; after reading, every problem is reported with its file and
line, every fact must have been used, and any problem fails the build. Publishing the
facts (open data files, citation, JSON-LD) is the `bookpublish` extension's.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import ENV_PICKLE_FILENAME
from sphinx.util import logging

import bookbuild

from . import charts, roles, state, tables
from .data import load_locators, read_facts

__version__ = "1.0"
logger = logging.getLogger(__name__)


def load_data(app):
    """Read facts.yaml; report each of its problems at its line (the build goes
    on reading the text, so one run shows every problem, and then fails)."""
    locators = app.config.factbook_locators
    data_path = Path(app.config.factbook_data)
    data = read_facts(data_path, load_locators(Path(locators)) if locators else None,
                      app.config.factbook_topics or None)
    for problem in data.problems:
        logger.error(problem.message, location=f"{data_path}:{problem.line}",
                     type="factbook", subtype="data")
    domain = state.domain_of(app.env)
    domain.facts, domain.keys = data.facts, data.keys
    domain.unreadable = frozenset()
    domain.data_problems = len(data.problems) + charts.generate_charts(app, len(data.problems))


def check_encodings(app, env, docnames):
    """A page that is not text in the source encoding (UTF-8) is reported at the line of
    its first bad byte and left unread (Sphinx itself would stop with a crash report);
    something else is read instead, so the verdict still comes."""
    unreadable = set()
    for docname in list(docnames):
        path = env.doc2path(docname)
        raw = path.read_bytes()
        try:
            raw.decode(app.config.source_encoding)
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].count(b"\n") + 1
            logger.error("not UTF-8 text (byte 0x%02x): save the file as UTF-8", raw[exc.start],
                         location=f"{path}:{line}",
                         type="factbook", subtype="encoding")
            docnames.remove(docname)
            env.project.docnames.discard(docname)  # not in this build at all
            unreadable.add(docname)
    domain = state.domain_of(env)
    domain.unreadable = frozenset(unreadable)
    if unreadable:
        domain.data_problems += len(unreadable)
        readable = sorted(env.found_docs - set(docnames))
        if not docnames and readable:
            docnames.append(app.config.root_doc if app.config.root_doc in readable
                            else readable[0])


def outdated_docs(app, env, added, changed, removed):
    """Pages to read again besides those Sphinx finds: those that show a fact
    whose data changed, and those with problems."""
    docs = state.domain_of(env).outdated(state.fingerprints(state.facts_of(env)))
    if state.domain_of(env).data_problems:  # at least one page read, so the verdict comes
        docs.add(app.config.root_doc)
    return docs


def pages_its_code_affects(app, env) -> set[str]:
    """What a change of factbook's code re-reads (bookbuild): the pages that show a
    fact, and the front page."""
    return set(state.domain_of(env).data["shows"]) | {app.config.root_doc}


class BuildStopped(SystemExit):
    """The build ends here, with exit status 1: the problems are listed and nothing
    is written. A SystemExit, not an Exception: Sphinx then neither prints a crash
    report nor emits `build-finished`, so no extension's later hook (pages, social
    card, sitemap, exports) runs on broken data or text."""


def verdict(app, env):
    """After every problem is listed: one line, and the build ends (exit 1) before
    anything is written."""
    domain = state.domain_of(env)
    count = domain.data_problems + domain.problem_count
    if count:
        app.statuscode = 1
        logger.error("%d problem%s in the data and the text (listed above): the build failed",
                     count, "" if count == 1 else "s")
        # This build read pages and wrote none: the next one reads them all again (as Sphinx
        # does after an exception), or a page read here would never be written.
        (Path(app.doctreedir) / ENV_PICKLE_FILENAME).unlink(missing_ok=True)
        raise BuildStopped(1)


def setup(app):
    app.setup_extension("bookbuild")
    bookbuild.code_affects(app, "factbook", pages_its_code_affects)
    app.add_config_value("factbook_data", "", "env", types=[str])
    app.add_config_value("factbook_locators", "", "env", types=[str])
    app.add_config_value("factbook_chart_module", "", "env", types=[str])
    app.add_config_value("factbook_appendix_doc", "appendix/data", "env", types=[str])
    # {topic key: {"zh": name, "en": name}}: the topics a record may name
    app.add_config_value("factbook_topics", {}, "env", types=[dict])
    app.add_domain(state.FactDomain)
    app.add_role("fact", roles.FactRole())
    app.add_role("fact-period", roles.FactPeriodRole())
    app.add_role("fact-source", roles.FactSourceRole())
    app.add_post_transform(roles.NumberWords)
    app.add_post_transform(roles.NumberWordsResolved)
    app.add_directive("fact-table", tables.FactTable)
    app.add_directive("chart", charts.ChartDirective)
    app.connect("builder-inited", load_data)
    app.connect("env-get-outdated", outdated_docs)
    app.connect("env-before-read-docs", check_encodings)
    app.connect("doctree-read", charts.check_alt_texts)
    app.connect("env-check-consistency", verdict, priority=900)  # after every other check
    app.connect("doctree-resolved", charts.set_alt_texts)
    return {"version": __version__, "parallel_read_safe": True,
            "parallel_write_safe": True, "env_version": 2}
