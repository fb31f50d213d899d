"""Chart generation hook and the {chart} directive.

The drawing lives in scripts/charts.py (one function per chart); this module
only decides when to run it and how a chart enters a page.
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

from .state import facts_of, lang_of, record_problem
from .tables import build_table

logger = logging.getLogger(__name__)
GENERATED = "_generated/charts"  # inside the source folder, so image paths resolve
_CHARTS: dict = {}  # the chart script's CHARTS, by script path (not picklable: kept off env)


def load_chart_module(path: str):
    spec = importlib.util.spec_from_file_location("factbook_chart_script", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


def charts_dir(app) -> Path:
    return Path(app.srcdir) / GENERATED / lang_of(app.config)


def static_dir(app) -> Path:
    """Generated files that builders copy as static files (the EPUB cover)."""
    return Path(app.srcdir) / "_generated" / "static"


def add_static_dir(app, config):
    path = Path(app.srcdir) / "_generated" / "static"
    path.mkdir(parents=True, exist_ok=True)
    config.html_static_path.append(str(path))


def generate_charts(app):
    """Redraw the charts only when the data file or the chart script changed."""
    script = Path(app.config.factbook_charts_script)
    module = load_chart_module(str(script))
    _CHARTS[str(script)] = module.CHARTS
    outdir = charts_dir(app)
    digest = hashlib.sha256()
    for path in (Path(app.config.factbook_data), script):
        digest.update(path.read_bytes())
    digest.update(lang_of(app.config).encode())
    digest.update(repr(sorted(app.config.factbook_cover.items())).encode())
    stamp = outdir / ".inputs.sha256"
    expected = [outdir / f"{name}.{ext}" for name in module.CHARTS for ext in ("svg", "pdf")]
    if app.config.factbook_cover:
        expected.append(static_dir(app) / f"cover-{lang_of(app.config)}.png")
    if stamp.exists() and stamp.read_text() == digest.hexdigest() and all(
            p.exists() for p in expected):
        return
    outdir.mkdir(parents=True, exist_ok=True)
    logger.info("factbook: drawing %d charts into %s", len(module.CHARTS), outdir)
    try:
        for name in module.CHARTS:
            module.render(name, facts_of(app.env), lang_of(app.config), outdir)
    except Exception as exc:  # name the chart script in the error
        raise ExtensionError(f"{script.name}: drawing charts failed: {exc}") from exc
    cover = app.config.factbook_cover
    if cover and hasattr(module, "render_cover"):
        module.render_cover(cover, static_dir(app) / f"cover-{lang_of(app.config)}.png")
    stamp.write_text(digest.hexdigest())


class ChartDirective(SphinxDirective):
    """:::{chart} name  — a figure drawn from the data, with alt text built from
    the same facts, followed by a table of its numbers. Content = caption."""

    required_arguments = 1
    has_content = True
    option_spec = {"name": directives.unchanged, "width": directives.unchanged}

    def run(self):
        name = self.arguments[0]
        charts = _CHARTS[str(self.config.factbook_charts_script)]
        lang = lang_of(self.config)
        if name not in charts:
            msg = f"unknown chart {name!r} (known: {', '.join(charts)})"
            record_problem(self.env, f"{self.env.doc2path(self.env.docname)}:{self.lineno}: {msg}")
            return [self.state_machine.reporter.warning(msg, line=self.lineno)]
        chart = charts[name]
        facts = facts_of(self.env)
        self.env.note_dependency(self.config.factbook_data)
        self.env.note_dependency(self.config.factbook_charts_script)
        figure = nodes.figure(classes=["chart"])
        image = nodes.image(uri=f"/{GENERATED}/{lang}/{name}.*", alt=chart.alt(facts, lang),
                            width=self.options.get("width", "100%"))
        figure += image
        caption_nodes, _ = self.parse_inline("\n".join(self.content) or chart.title[lang],
                                             lineno=self.lineno)
        figure += nodes.caption("", "", *caption_nodes)
        self.add_name(figure)
        data_caption = [nodes.Text(("Data for the chart: " if lang == "en" else "图表数据：")
                                   + chart.title[lang])]
        table = build_table(facts, list(chart.keys), lang, data_caption)
        table["classes"].append("chart-data")
        if figure["ids"]:  # the figure's normalised id, as its anchor reads
            table["ids"].append(figure["ids"][0] + "-data")
        return [figure, table]
