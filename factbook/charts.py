"""Chart generation hook and the {chart} directive.

The drawing lives in the book's chart module (`factbook_chart_module`, one
function per chart; its contract is in chartspec.py); this module only decides
when to run it and how a chart enters a page.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from bookformats import fonts

from .chartspec import check_chart_module
from bookbuild import syntax_digest
from .state import domain_of, facts_of, fingerprints, lang_of
from .tables import build_table, generated_caption, make_caption
from .words import WORDS

logger = logging.getLogger(__name__)
GENERATED = "_generated/charts"  # inside the source folder, so image paths resolve


def load_chart_module(path: str):
    spec = importlib.util.spec_from_file_location("factbook_chart_module", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    check_chart_module(module, Path(path).name)
    return module


def charts_dir(app) -> Path:
    return Path(app.srcdir) / GENERATED / lang_of(app.config)


@dataclass(frozen=True)
class DrawnChart:
    """What pages need of a chart already drawn: read from the stamp, so a build
    with up-to-date charts never imports the chart script (and matplotlib)."""

    name: str
    keys: tuple
    title: dict
    alt_text: str

    def alt(self, facts, lang):
        return self.alt_text


class _Recording(dict):
    """The facts, noting which ones a chart reads: it is redrawn when one of those
    changes, and only then."""

    def __init__(self, facts):
        super().__init__(facts)
        self.read = set()

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def __iter__(self):
        self.read.update(super().keys())
        return super().__iter__()

    def keys(self):
        self.read.update(super().keys())
        return super().keys()

    def values(self):
        self.read.update(super().keys())
        return super().values()

    def items(self):
        self.read.update(super().keys())
        return super().items()


def generate_charts(app, data_problems: int = 0):
    """Redraw a chart only when its inputs changed: the facts it reads, the chart
    module, or this package (which formats the numbers and labels it shows).
    With problems in the data, the last drawn charts stay (the problems are
    reported; the build fails). Returns the number of problems found.
    Builds of one edition running at once (make -j) take turns here."""
    outdir = charts_dir(app)
    outdir.mkdir(parents=True, exist_ok=True)
    with (outdir / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _generate_charts(app, data_problems)


def _generate_charts(app, data_problems):
    script = Path(app.config.factbook_chart_module)
    lang = lang_of(app.config)
    outdir = charts_dir(app)
    code = hashlib.sha256()
    package = sorted(Path(__file__).parent.glob("*.py"))
    for path in (script, *package, Path(fonts.__file__)):  # and the font stack they use
        code.update(syntax_digest(path.read_bytes()))  # a comment edit redraws nothing
    code.update(lang.encode())
    stamp = outdir / ".inputs.json"
    domain = domain_of(app.env)  # where the pages find the charts (not picklable: no env data)
    facts = facts_of(app.env)
    prints = fingerprints(facts)
    saved = _read_stamp(stamp, code.hexdigest())

    def current(name):
        entry = saved.get("charts", {}).get(name)
        return entry is not None and entry["data"] == _data_digest(entry["reads"], prints) and \
            (outdir / f"{name}.svg").exists()

    if saved.get("complete") and not data_problems and all(
            current(n) for n in saved["charts"]):
        domain.charts = {name: DrawnChart(name, tuple(e["keys"]), e["title"], e["alt"])
                                for name, e in saved["charts"].items()}
        return 0
    try:
        module = load_chart_module(str(script))
    except Exception as exc:  # a located message, not a crash report
        domain.charts = None
        logger.error("the chart module does not load: %s: %s", type(exc).__name__, exc,
                     location=f"{script}:{_line_of(exc, script)}", type="factbook",
                     subtype="charts")
        return 1
    domain.charts = module.CHARTS
    if data_problems:
        return 0
    outdir.mkdir(parents=True, exist_ok=True)
    stale = [name for name in module.CHARTS if not current(name)]
    if stale:
        logger.info("factbook: drawing %d charts into %s", len(stale), outdir)
    failed, entries = 0, {}
    for name, chart in module.CHARTS.items():
        if name not in stale:
            entries[name] = saved["charts"][name]
            continue
        recording = _Recording(facts)
        try:
            module.render(name, recording, lang, outdir)
            alt = chart.alt(recording, lang)
        except Exception as exc:  # name the chart and the module's line, no crash report
            failed += 1
            logger.error("drawing chart %r failed: %s: %s", name, type(exc).__name__, exc,
                         location=f"{script}:{_line_of(exc, script)}", type="factbook",
                         subtype="charts")
            continue
        reads = sorted(recording.read | set(chart.keys))
        entries[name] = {"keys": list(chart.keys), "title": chart.title, "alt": alt,
                         "reads": reads, "data": _data_digest(reads, prints)}
    stamp.write_text(json.dumps({"code": code.hexdigest(), "charts": entries,
                                 "complete": not failed},
                                ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    return failed


def _data_digest(keys, prints) -> str:
    return hashlib.sha256(repr([(k, prints.get(k)) for k in keys]).encode()).hexdigest()


def _read_stamp(stamp: Path, code: str) -> dict:
    """The charts this code drew, with the facts each read; {} if none."""
    try:
        saved = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return saved if saved.get("code") == code else {}


def _line_of(exc: BaseException, script: Path) -> int:
    """The line of the chart script where `exc` arose (its innermost frame there)."""
    if isinstance(exc, SyntaxError) and exc.lineno:
        return exc.lineno
    line, tb = 0, exc.__traceback__
    while tb is not None:
        if Path(tb.tb_frame.f_code.co_filename) == script:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


class ChartDirective(SphinxDirective):
    """:::{chart} name  — a figure drawn from the data, with alt text built from
    the same facts, followed by a table of its numbers. Content = caption."""

    required_arguments = 1
    has_content = True
    option_spec = {"name": directives.unchanged, "width": directives.unchanged}

    def run(self):
        name = self.arguments[0]
        domain = domain_of(self.env)
        charts = domain.charts
        lang = lang_of(self.config)
        if charts is None or name not in charts:
            if charts is not None:  # else the module did not load: reported at its line
                domain.note_problem(self.env.docname, self.lineno,
                                    f"unknown chart {name!r} (known: {', '.join(charts)})",
                                    "chart")
            return [self._figure(nodes.figure(classes=["chart"]), name)]  # references still work
        chart = charts[name]
        facts = facts_of(self.env)
        self.env.note_dependency(self.config.factbook_chart_module)
        for key in chart.keys:
            domain.note_shown(self.env.docname, key)
        figure = nodes.figure(classes=["chart"])
        # The alt text is set when the page is resolved (set_alt_texts): set now,
        # it would go to translators, and it is generated from the data anyway.
        image = nodes.image(uri=f"/{GENERATED}/{lang}/{name}.*", chart=name,
                            width=self.options.get("width", "100%"))
        image.source, image.line = self.get_source_info()  # for messages about it
        if (Path(self.env.srcdir) / GENERATED / lang / f"{name}.svg").exists():
            figure += image  # else it could not be drawn, and that is reported
        self._figure(figure, chart.title[lang])
        data_caption = generated_caption(
            nodes.title, WORDS[lang]["chart_data"].format(chart.title[lang]))
        table = build_table(facts, [k for k in chart.keys if k in facts], lang, data_caption)
        table["classes"].append("chart-data")
        if figure["ids"]:  # the figure's normalised id, as its anchor reads
            table["ids"].append(figure["ids"][0] + "-data")
        return [figure, *_folded_on_the_web(table, lang)]


    def _figure(self, figure, title):
        """The figure with its caption (the directive's content, else the chart's
        title) and its name for references."""
        if self.content:
            raw = "\n".join(self.content)
            figure += make_caption(nodes.caption, self, raw, self.parse_inline(raw)[0])
        else:
            figure += generated_caption(nodes.caption, title)
        self.add_name(figure)
        return figure


# On the website the data table (there for screen readers and for checking) folds
# away under its chart; PDF and EPUB keep it plain, right after the figure. Only
# the html builder's tag selects the fold: the EPUB builder shares the html format.
FOLD = {"zh": "查看数据表", "en": "Show the data table"}


def _folded_on_the_web(table, lang):
    def web_only(html):
        only = addnodes.only(expr="builder_html")
        only += nodes.raw("", html, format="html")
        return only
    return [web_only(f'<details class="chart-data-fold"><summary>{FOLD[lang]}</summary>'),
            table, web_only("</details>")]


def check_alt_texts(app, doctree):
    """No image of the book goes without alt text: a chart's comes from its alt
    function (checked here, set when the page is written), others from the text."""
    charts = domain_of(app.env).charts or {}
    facts = facts_of(app.env)
    for image in doctree.findall(nodes.image):
        name = image.get("chart")
        if name in charts:
            try:
                alt = charts[name].alt(facts, lang_of(app.config))
            except (KeyError, AttributeError):  # a fact it needs is broken: reported there
                continue
        else:
            alt = image.get("alt", "")
        if not alt.strip():
            what = f"chart {name!r}" if name else f"image {image.get('uri', '')!r}"
            domain_of(app.env).note_problem(app.env.docname, _line(image),
                                            f"{what} has no alt text", "alt")


def _line(node) -> int | None:
    """The node's line, else its nearest ancestor's (MyST gives images none)."""
    while node is not None and not node.line:
        node = node.parent
    return node.line if node is not None else None


def set_alt_texts(app, doctree, docname):
    """Alt text of each chart, written from the data in the edition's language
    when the page is written (set earlier, it would go to translators)."""
    charts = domain_of(app.env).charts or {}
    facts = facts_of(app.env)
    for image in doctree.findall(nodes.image):
        name = image.get("chart")
        if name in charts:
            try:
                image["alt"] = charts[name].alt(facts, lang_of(app.config))
            except (KeyError, AttributeError):
                pass
