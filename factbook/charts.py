"""Chart generation hook and the {chart} directive.

The drawing lives in the book's chart module (`factbook_chart_module`, one
function per chart; its contract is in chartspec.py); this module only decides
when to run it and how a chart enters a page.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .chartspec import check_chart_module
from .state import facts_of, lang_of, record_problem
from .tables import build_table, generated_caption, make_caption
from .words import WORDS

logger = logging.getLogger(__name__)
GENERATED = "_generated/charts"  # inside the source folder, so image paths resolve
_CHARTS: dict = {}  # the chart module's CHARTS, by its path (not picklable: kept off env)


def load_chart_module(path: str):
    spec = importlib.util.spec_from_file_location("factbook_chart_module", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    check_chart_module(module, Path(path).name)
    return module


def charts_dir(app) -> Path:
    return Path(app.srcdir) / GENERATED / lang_of(app.config)


def generate_charts(app):
    """Redraw the charts only when their inputs changed: the data file, the chart
    module, or this package (which formats the numbers and labels they show)."""
    script = Path(app.config.factbook_chart_module)
    module = load_chart_module(str(script))
    _CHARTS[str(script)] = module.CHARTS
    outdir = charts_dir(app)
    digest = hashlib.sha256()
    package = sorted(Path(__file__).parent.glob("*.py"))
    for path in (Path(app.config.factbook_data), script, *package):
        digest.update(path.read_bytes())
    digest.update(lang_of(app.config).encode())
    stamp = outdir / ".inputs.sha256"
    expected = [outdir / f"{name}.{ext}" for name in module.CHARTS for ext in ("svg", "pdf")]
    if stamp.exists() and stamp.read_text() == digest.hexdigest() and all(
            p.exists() for p in expected):
        return
    outdir.mkdir(parents=True, exist_ok=True)
    logger.info("factbook: drawing %d charts into %s", len(module.CHARTS), outdir)
    try:
        for name in module.CHARTS:
            module.render(name, facts_of(app.env), lang_of(app.config), outdir)
    except Exception as exc:  # name the chart module in the error
        raise ExtensionError(f"{script.name}: drawing charts failed: {exc}") from exc
    stamp.write_text(digest.hexdigest())


class ChartDirective(SphinxDirective):
    """:::{chart} name  — a figure drawn from the data, with alt text built from
    the same facts, followed by a table of its numbers. Content = caption."""

    required_arguments = 1
    has_content = True
    option_spec = {"name": directives.unchanged, "width": directives.unchanged}

    def run(self):
        name = self.arguments[0]
        charts = _CHARTS[str(self.config.factbook_chart_module)]
        lang = lang_of(self.config)
        if name not in charts:
            msg = f"unknown chart {name!r} (known: {', '.join(charts)})"
            record_problem(self.env, f"{self.env.doc2path(self.env.docname)}:{self.lineno}: {msg}")
            return [self.state_machine.reporter.warning(msg, line=self.lineno)]
        chart = charts[name]
        facts = facts_of(self.env)
        self.env.note_dependency(self.config.factbook_data)
        self.env.note_dependency(self.config.factbook_chart_module)
        figure = nodes.figure(classes=["chart"])
        # The alt text is set when the page is resolved (set_alt_texts): set now,
        # it would go to translators, and it is generated from the data anyway.
        image = nodes.image(uri=f"/{GENERATED}/{lang}/{name}.*", chart=name,
                            width=self.options.get("width", "100%"))
        image.source, image.line = self.get_source_info()  # for messages about it
        figure += image
        if self.content:
            raw = "\n".join(self.content)
            figure += make_caption(nodes.caption, self, raw, self.parse_inline(raw)[0])
        else:
            figure += generated_caption(nodes.caption, chart.title[lang])
        self.add_name(figure)
        data_caption = generated_caption(
            nodes.title, WORDS[lang]["chart_data"].format(chart.title[lang]))
        table = build_table(facts, list(chart.keys), lang, data_caption)
        table["classes"].append("chart-data")
        if figure["ids"]:  # the figure's normalised id, as its anchor reads
            table["ids"].append(figure["ids"][0] + "-data")
        return [figure, table]


def set_alt_texts(app, doctree, docname):
    """Alt text of each chart, written from the data in the edition's language;
    and no image of the book goes without alt text."""
    charts = _CHARTS.get(str(app.config.factbook_chart_module), {})
    facts = facts_of(app.env)
    for image in doctree.findall(nodes.image):
        name = image.get("chart")
        if name in charts:
            image["alt"] = charts[name].alt(facts, lang_of(app.config))
        if not image.get("alt", "").strip():
            what = f"chart {name!r}" if name else f"image {image.get('uri', '')!r}"
            logger.warning("%s has no alt text", what, location=image,
                           type="factbook", subtype="alt")
