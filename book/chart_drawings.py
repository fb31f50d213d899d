"""The book's charts: one drawing function per chart, (facts, lang) -> Figure.

Part of the build: factbook loads this module (conf.py: factbook_chart_module)
and calls ``render`` when the data, this file or factbook changed; the contract
(``CHARTS`` of ``Chart``, ``render``) is factbook/chartspec.py.

Every number drawn or written here comes from the facts passed in (values from
``fact.amount``, labels from ``fact.text(lang)``); this file holds only words,
colours and layout. ``render`` writes ``<name>.svg`` (HTML, text as paths) without
timestamps; the PDF's builder (booktypst) draws its own, with text as text.

Self-check: ``python book/chart_drawings.py OUTDIR`` draws every chart in Chinese
and English into ``OUTDIR/zh`` and ``OUTDIR/en``.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # factbook, when run by hand
from factbook.chartspec import Chart  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

# ---------------------------------------------------------------- style ----

# Okabe–Ito, safe for the common forms of colour blindness.
BLUE, ORANGE, GREEN, SKY, VERMILLION, PURPLE = (
    "#0072B2", "#E69F00", "#009E73", "#56B4E9", "#D55E00", "#CC79A7")
INK, GREY, LIGHT = "#222222", "#666666", "#DDDDDD"

# Bars are coloured by the period a figure covers, so that year-to-date counts and
# states at the time of the report are not read as one series.
PERIOD_COLOURS = {"2023-ytd": BLUE, "as-reported": ORANGE}
OTHER_PERIOD_COLOURS = (GREEN, VERMILLION, PURPLE, SKY)

STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": __import__("bookformats.fonts").fonts.SANS,  # the book's one font stack
    "font.size": 10,
    "axes.titlesize": 10,
    "axes.labelsize": 10,
    "axes.labelcolor": INK,
    "axes.edgecolor": GREY,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.unicode_minus": False,  # plain hyphen-minus on axes (no negatives here anyway)
    "xtick.color": GREY,
    "ytick.color": GREY,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "text.color": INK,
    # white, not transparent: the charts stay legible on a dark page
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    # reproducible, self-contained files
    "svg.fonttype": "path",     # no <text>: no web fonts needed, same look everywhere
    "svg.hashsalt": "tianqiao",
    "path.simplify": True,
}
FIGSIZE = (7.5, 4.0)
# Phones get a narrow variant of each chart (`<name>-narrow.svg`; the HTML picks it
# with <picture> below 600 px): 3.8 in wide, so 9-pt text shows at 11 px or more in
# a 342-px column; taller, labels wrap shorter, legends stack (see render). Each
# draw function takes `narrow` (the contract: draw(facts, lang, narrow=False)) and
# passes it on to the helpers below that lay out for phones.
NARROW_WIDTH, NARROW_TALLER = 3.8, 1.5


def _figure(size=FIGSIZE, narrow=False) -> Figure:
    # A pyplot-free Figure: nothing registered globally, nothing to leak.
    if narrow:
        size = (NARROW_WIDTH, size[1] * NARROW_TALLER)
    return Figure(figsize=size, layout="constrained")


def _styled(draw):
    """Run a drawing function inside the book's rc settings (fonts are bound
    to the text objects when they are created)."""
    @functools.wraps(draw)
    def wrapper(facts, lang, narrow=False):
        with matplotlib.rc_context(STYLE):
            return draw(facts, lang, narrow)
    return wrapper


def _en(lang: str) -> bool:
    return lang.startswith("en")


def _pick(words: dict, lang: str) -> str:
    return words["en" if _en(lang) else "zh"]


def _wrap(text: str, lang: str, width_en: int = 26, width_zh: int = 13, narrow=False) -> str:
    """Break a label into lines between words, never inside one: at spaces in
    English, at word boundaries in Chinese (jieba with the book's dictionary).
    A word longer than the width keeps a line of its own."""
    if narrow:
        width_en, width_zh = min(width_en, 16), min(width_zh, 8)
    if _en(lang):
        return textwrap.fill(text, width_en, break_long_words=False, break_on_hyphens=False)
    lines = [""]
    for word in _words_zh(text):
        if lines[-1] and len(lines[-1]) + len(word) > width_zh:
            lines.append("")
        lines[-1] += word
    return "\n".join(lines)


# Chinese breaks: closing marks and 的 stay with the word before them, opening
# marks with the word after; a number with its decimal point and sign is one word.
_CLOSING, _OPENING = set("）》”’，、。；：！？%的"), set("（《“‘")
_NUMBER = re.compile(r"[0-9.,%+\-]+")


@functools.cache
def _segmenter():
    import jieba
    jieba.setLogLevel(logging.WARNING)  # no start-up chatter in the build output
    tokenizer = jieba.Tokenizer()
    book_words = Path(__file__).with_name("jieba_dict.txt")
    if book_words.exists():  # a copy of this module elsewhere (the recipe's test) has jieba's own
        with book_words.open("rb") as words:  # jieba leaves a path open
            tokenizer.load_userdict(words)
    return tokenizer


def _words_zh(text: str) -> list[str]:
    words: list[str] = []
    glue = False  # the previous token was an opening mark
    for token in _segmenter().cut(text, HMM=False):
        joins = words and (glue or token in _CLOSING
                           or (_NUMBER.fullmatch(token) and _NUMBER.fullmatch(words[-1][-1])))
        if joins:
            words[-1] += token
        else:
            words.append(token)
        glue = token in _OPENING
    return words


def _label(fact, lang: str) -> str:
    """A fact's label exactly as its data table row gives it (factbook/tables.py)."""
    return (fact.label_en or fact.label) if _en(lang) else fact.label


def _lower_first(text: str) -> str:
    """'Visits by Party secretaries' -> 'visits by Party secretaries'."""
    return text[:1].lower() + text[1:]


def _join(items: list[str], lang: str) -> str:
    if _en(lang):
        return "; ".join(items)
    return "；".join(items)


def _period_colours(facts, keys) -> dict[str, str]:
    colours, spare = {}, list(OTHER_PERIOD_COLOURS)
    for key in keys:
        period = facts[key].period
        if period not in colours:
            colours[period] = PERIOD_COLOURS.get(period) or spare.pop(0)
    return colours


# --------------------------------------------------------- bar helpers ----

def _items(items):
    """A chart's bars as (key, words): `items` are fact keys (labelled as the fact's
    table row) or (key, {"zh": …, "en": …}) pairs (the recipe in docs/AUTHORING.md)."""
    return [(i, None) if isinstance(i, str) else tuple(i) for i in items]


def _bar_label(facts, key, words, lang):
    return _pick(words, lang) if words else _label(facts[key], lang)


def _hbars(facts, lang, items, xlabel, value_text=None, sort=True, size=FIGSIZE, narrow=False):
    """Horizontal bars, one per fact, labelled as the fact's table row (or the words
    given with it); bars coloured by period with a legend when the periods differ;
    the value label is fact.text(lang)."""
    value_text = value_text or (lambda key: facts[key].text(lang))
    words = dict(_items(items))
    keys = list(words)
    if sort:  # largest on top
        keys.sort(key=lambda k: facts[k].amount)
    else:
        keys.reverse()
    colours = _period_colours(facts, keys)
    if len(colours) == 1:
        colours = {p: BLUE for p in colours}
    fig = _figure(size, narrow)
    ax = fig.add_subplot()
    ys = range(len(keys))
    values = [facts[k].amount for k in keys]
    ax.barh(ys, values, height=0.62, color=[colours[facts[k].period] for k in keys],
            zorder=2)
    top = max(values)
    for y, key, v in zip(ys, keys, values):
        ax.text(v + top * 0.012, y, value_text(key), va="center", ha="left", fontsize=9.5,
                zorder=3)
    ax.set_yticks(list(ys), [_wrap(_bar_label(facts, k, words[k], lang), lang, narrow=narrow)
                             for k in keys])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(xlabel, linespacing=1.5)
    ax.set_xlim(0, top * (1.6 if narrow else 1.32))
    ax.set_ylim(-0.6, len(keys) - 0.4)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4 if narrow else 6, steps=[1, 2, 2.5, 5, 10]))
    if _en(lang):  # English groups digits (3,033), as fact.text does; Chinese does not
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,g}"))
    ax.grid(axis="x", color=LIGHT, linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    if len(colours) > 1:
        order = list(PERIOD_COLOURS)
        periods = sorted(colours, key=lambda p: order.index(p) if p in order else len(order))
        handles = [Patch(color=colours[p], label=facts[next(k for k in keys if facts[k].period == p)]
                         .period_text(lang)) for p in periods]
        handles.insert(0, Patch(color="none", label=_pick(PERIOD_TITLE, lang)))
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.01), ncols=3,
                  borderaxespad=0, handlelength=1.4, columnspacing=1.4)
    return fig


PERIOD_TITLE = {"zh": "统计时段：", "en": "Period covered:"}


def _one_period(facts, keys, lang) -> str:
    """The period the facts share, written out; empty when they differ or the article
    states none."""
    periods = {facts[k].period for k in keys}
    if len(periods) != 1 or periods == {"not-stated"}:
        return ""
    return facts[next(iter(keys))].period_text(lang)


def _bar_alt(facts, lang, kind, title, items, value_text=None):
    value_text = value_text or (lambda key: facts[key].text(lang))
    bars = _items(items)
    period = _one_period(facts, [k for k, _ in bars], lang)
    if _en(lang):
        parts = [f"{_lower_first(_bar_label(facts, k, w, lang))}, {value_text(k)}" for k, w in bars]
        return (f"{kind} of {_lower_first(title['en'])}{', ' + period if period else ''}: "
                + _join(parts, lang) + ".")
    parts = [f"{_bar_label(facts, k, w, lang)}{value_text(k)}" for k, w in bars]
    return f"{kind}：{period}{title['zh']}。" + _join(parts, lang) + "。"


HBAR = {"zh": "横向条形图", "en": "Horizontal bar chart"}


# ====================================================== 1. key projects ====
# One unit (per cent of the annual investment plan) and one period (January–May
# 2023): what each level completed against the schedule benchmark.

LEVELS = (
    ("provincial", {"zh": "省级重点项目", "en": "Provincial key projects"}),
    ("municipal", {"zh": "市级重点项目", "en": "Municipal key projects"}),
    ("district", {"zh": "区级重点项目", "en": "District key projects"}),
)
KEY_PROJECTS_KEYS = tuple(
    k for level, _ in LEVELS
    for k in (f"{level}_projects_completion", f"time_progress_{level}", f"{level}_projects_ahead"))
KEY_PROJECTS_TITLE = {"zh": "重点项目完成年度投资计划的比例与时间进度",
                      "en": "Key projects: share of the annual investment plan completed, "
                            "against the schedule benchmark"}
COMPLETED = {"zh": "完成年度投资计划的比例", "en": "Share of annual investment plan completed"}
BENCHMARK = {"zh": "时间进度（推算）", "en": "Schedule benchmark (derived)"}
AHEAD = {"zh": "超出时间进度", "en": "Lead over the schedule benchmark"}
AHEAD_BY = {"zh": "超出", "en": "ahead by"}


@_styled
def draw_key_projects(facts, lang, narrow=False):
    """Share of the annual investment plan completed, per level, against the
    schedule benchmark implied by the data, with the lead in percentage points."""
    fig = _figure(narrow=narrow)
    ax = fig.add_subplot()
    width, shift = 0.4, 0.22  # bars sit left of centre, leaving room for the lead
    period = facts["provincial_projects_completion"].period_text(lang)
    for i, (level, words) in enumerate(LEVELS):
        done = facts[f"{level}_projects_completion"]
        tp = facts[f"time_progress_{level}"]
        ahead = facts[f"{level}_projects_ahead"]
        x = i - shift
        ax.bar(x, done.amount, width=width, color=BLUE, zorder=2)
        ax.text(x, done.amount + 1.5, done.text(lang), ha="center", va="bottom",
                fontsize=11, fontweight="bold", zorder=3)
        ax.hlines(tp.amount, x - width / 2 - 0.06, x + width / 2 + 0.06, colors=INK,
                  linestyles=(0, (4, 2)), linewidth=1.4, zorder=4)
        ax_x = x + width / 2 + 0.07
        ax.annotate("", xy=(ax_x, done.amount), xytext=(ax_x, tp.amount),
                    arrowprops=dict(arrowstyle="<->", color=VERMILLION, linewidth=1.2,
                                    shrinkA=0, shrinkB=0), zorder=3)
        lead = _pick(AHEAD_BY, lang) + "\n" + _wrap(ahead.text(lang), lang, *((10, 5) if narrow else (16, 8)),
                                                      narrow=narrow)
        if narrow:  # no room beside the arrow on a phone: the lead stands above the bar
            ax.text(x, done.amount + 8.5, lead, ha="center", va="bottom", fontsize=9,
                    color=VERMILLION, linespacing=1.1, zorder=3)
        else:
            ax.text(ax_x + 0.04, (done.amount + tp.amount) / 2, lead, ha="left", va="center",
                    fontsize=9, color=VERMILLION, linespacing=1.15, zorder=3)
    ax.set_xticks([i - shift for i in range(len(LEVELS))], [_pick(w, lang) for _, w in LEVELS])
    ax.tick_params(axis="x", length=0)
    ax.set_xlim(-0.6, len(LEVELS) - 0.3)
    ax.set_ylim(0, 112 if narrow else 100)
    ax.set_yticks(range(0, 101, 20))
    ax.set_ylabel(_wrap(f"{_pick(COMPLETED, lang)} (%)" if _en(lang) else f"{COMPLETED['zh']}（%）",
                        lang, 30, 16, narrow=narrow) + f"\n{period}", linespacing=1.5)
    ax.grid(axis="y", color=LIGHT, linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    tp_text = _one_period_value(facts, [f"time_progress_{level}" for level, _ in LEVELS], lang)
    handles = [
        Patch(color=BLUE, label=_pick(COMPLETED, lang)),
        Line2D([], [], color=INK, linestyle=(0, (4, 2)), linewidth=1.4,
               label=_pick(BENCHMARK, lang)
               + ((" " if _en(lang) else "") + tp_text if tp_text else "")),
        Line2D([], [], color=VERMILLION, marker=r"$\updownarrow$", linestyle="none",
               markersize=10, label=_pick(AHEAD, lang)),
    ]
    ax.legend(handles=handles, loc="lower left", ncols=3 if not _en(lang) else 2, fontsize=9,
              bbox_to_anchor=(0, 1.01), borderaxespad=0, handlelength=1.8)
    return fig


def _one_period_value(facts, keys, lang) -> str:
    """The value the facts share (the three derived benchmarks agree); empty if not."""
    values = {facts[k].text(lang) for k in keys}
    return values.pop() if len(values) == 1 else ""


def alt_key_projects(facts, lang):
    period = facts["provincial_projects_completion"].period_text(lang)
    if _en(lang):
        parts = [f"{_pick(w, lang).lower()} had completed "
                 f"{facts[f'{lv}_projects_completion'].text(lang)}"
                 f" of their annual investment plan, against a derived schedule benchmark of "
                 f"{facts[f'time_progress_{lv}'].text(lang)}, "
                 f"{facts[f'{lv}_projects_ahead'].text(lang)} ahead" for lv, w in LEVELS]
        return (f"Bar chart of the share of the annual investment plan completed by key "
                f"projects, {period}: " + "; ".join(parts)
                + " (for the derivation, see Notes on the data).")
    parts = [f"{_pick(w, lang)}完成年度投资计划的{facts[f'{lv}_projects_completion'].text(lang)}，"
             f"推算的时间进度{facts[f'time_progress_{lv}'].text(lang)}，"
             f"超出{facts[f'{lv}_projects_ahead'].text(lang)}" for lv, w in LEVELS]
    return (f"柱状图：{period}重点项目完成年度投资计划的比例。" + "；".join(parts)
            + "（推算方法见“数据说明”）。")


# =========================================================== registry ====

def _keys(items):
    """The fact keys of a chart's (key, label) pairs (the recipe in docs/AUTHORING.md uses it)."""
    return tuple(k for k, _ in items)


CHARTS: dict[str, Chart] = {c.name: c for c in (
    Chart("key_projects", KEY_PROJECTS_KEYS, KEY_PROJECTS_TITLE, draw_key_projects, alt_key_projects),
)}


def render(name: str, facts: dict, lang: str, outdir: Path) -> list[Path]:
    """Draw one chart and write outdir/<name>.svg, and outdir/<name>-narrow.svg
    for phones."""
    chart = CHARTS[name]
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    svg = outdir / f"{name}.svg"
    narrow = outdir / f"{name}-narrow.svg"
    with matplotlib.rc_context(STYLE):
        fig = chart.draw(facts, lang)
        try:
            fig.savefig(svg, format="svg", metadata={"Date": None})
        finally:
            fig.clear()
        fig = _for_phones(chart.draw(facts, lang, narrow=True), lang)
        try:
            fig.savefig(narrow, format="svg", metadata={"Date": None})
        finally:
            fig.clear()
    for path in (svg, narrow):
        _tidy_svg(path)
    return [svg, narrow]


def _for_phones(fig: Figure, lang: str) -> Figure:
    """The narrow variant's finishing touches: legends move under the chart in one
    column, and long category labels on the x axis wrap."""
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None:
            labels = [textwrap.fill(t.get_text(), 34, break_long_words=False) if _en(lang)
                      else t.get_text() for t in legend.get_texts()]
            handles = legend.legend_handles
            legend.remove()
            fig.legend(handles, labels, loc="outside lower left", ncols=1, fontsize=9,
                       handlelength=1.6)
        labels = [t.get_text() for t in ax.get_xticklabels()]
        if sum(map(len, labels)) > (24 if _en(lang) else 12):
            ax.set_xticks(ax.get_xticks(), [_wrap(t, lang, 10, 4, narrow=True) for t in labels])
    return fig


def _tidy_svg(svg: Path) -> None:
    """Make matplotlib's SVG valid for EPUB readers (epubcheck):
    - drop the SVG 1.1 DOCTYPE: EPUB 3 forbids its external DTD entities, and
      browsers never needed it;
    - give empty glyphs (the space) a path: SVG 1.1 requires `d` on <path>."""
    text = svg.read_text(encoding="utf-8")
    start = text.find("<!DOCTYPE")
    if start != -1:
        end = text.index(">", start) + 1
        text = text[:start] + text[end:].lstrip("\n")
    text = re.sub(r'<path id="([^"]+)" transform=', r'<path id="\1" d="M 0 0" transform=', text)
    svg.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    import warnings

    from factbook.data import load_facts

    root = Path(__file__).resolve().parents[1]

    if len(sys.argv) != 2:
        sys.exit(f"usage: {Path(sys.argv[0]).name} OUTDIR")
    facts = load_facts(root / "facts.yaml")
    out = Path(sys.argv[1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph (tofu) is a failure
        for lang in ("zh", "en"):
            for name, chart in CHARTS.items():
                missing = [k for k in chart.keys if k not in facts]
                assert not missing, f"{name}: unknown keys {missing}"
                alt = chart.alt(facts, lang)
                assert any(ch.isdigit() for ch in alt), f"{name}: alt text without numbers"
                paths = render(name, facts, lang, out / lang)
                for path in paths:
                    assert path.stat().st_size > 0, path
                svg = paths[0].read_text(encoding="utf-8")
                assert "<text" not in svg, f"{name}: SVG holds <text>"
                print(f"{lang} {name}: {', '.join(p.name for p in paths)}")
                print(f"    alt: {alt}")
