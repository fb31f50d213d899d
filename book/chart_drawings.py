"""The book's charts: one drawing function per chart, (facts, lang) -> Figure.

Part of the build: factbook loads this module (conf.py: factbook_chart_module)
and calls ``render`` when the data, this file or factbook changed; the contract
(``CHARTS`` of ``Chart``, ``render``) is factbook/chartspec.py.

Every number drawn or written here comes from the facts passed in (values from
``fact.amount``, labels from ``fact.text(lang)``); this file holds only words,
colours and layout. ``render`` writes ``<name>.svg`` (HTML, text as paths) and
``<name>.pdf`` (LaTeX, Type 3 fonts), both without timestamps.

Self-check: ``python book/chart_drawings.py OUTDIR`` draws every chart in Chinese
and English into ``OUTDIR/zh`` and ``OUTDIR/en``.
"""

from __future__ import annotations

import functools
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
from matplotlib.patches import FancyBboxPatch, Patch  # noqa: E402
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
    "pdf.fonttype": 3,          # Noto CJK as Type 42 gives malformed PDFs
    "svg.fonttype": "path",     # no <text>: no web fonts needed, same look everywhere
    "svg.hashsalt": "tianqiao",
    "path.simplify": True,
}
FIGSIZE = (7.5, 4.0)
# Phones get a narrow variant of each chart (`<name>-narrow.svg`; the HTML picks it
# with <picture> below 600 px): 3.8 in wide, so 9-pt text shows at 11 px or more in
# a 342-px column; taller, labels wrap shorter, legends stack (see render).
NARROW_WIDTH, NARROW_TALLER = 3.8, 1.5
_narrow = False  # set by render() while it draws the narrow variant


def _figure(size=FIGSIZE) -> Figure:
    # A pyplot-free Figure: nothing registered globally, nothing to leak.
    if _narrow:
        size = (NARROW_WIDTH, size[1] * NARROW_TALLER)
    return Figure(figsize=size, layout="constrained")


def _styled(draw):
    """Run a drawing function inside the book's rc settings (fonts are bound
    to the text objects when they are created)."""
    @functools.wraps(draw)
    def wrapper(facts, lang):
        with matplotlib.rc_context(STYLE):
            return draw(facts, lang)
    return wrapper


def _en(lang: str) -> bool:
    return lang.startswith("en")


def _pick(words: dict, lang: str) -> str:
    return words["en" if _en(lang) else "zh"]


def _wrap(text: str, lang: str, width_en: int = 26, width_zh: int = 13) -> str:
    """Break a label into lines: at spaces in English, every n characters in Chinese."""
    if _narrow:
        width_en, width_zh = min(width_en, 16), min(width_zh, 8)
    if _en(lang):
        return textwrap.fill(text, width_en, break_long_words=False)
    return "\n".join(text[i:i + width_zh] for i in range(0, len(text), width_zh))


def _lower_first(text: str) -> str:
    """'Visits by Party secretaries' -> 'visits by Party secretaries'."""
    return text[:1].lower() + text[1:]


def _balanced(text: str) -> str:
    """Break an English text at the space that gives the most even two lines."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces:
        return text
    cut = min(spaces, key=lambda i: max(i, len(text) - i - 1))
    return text[:cut] + "\n" + text[cut + 1:]


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

def _hbars(facts, lang, items, xlabel, value_text=None, sort=True, size=FIGSIZE):
    """Horizontal bars, one per (key, label words); bars coloured by period with
    a legend when the periods differ; the value label is fact.text(lang)."""
    value_text = value_text or (lambda key: facts[key].text(lang))
    items = list(items)
    if sort:  # largest on top
        items.sort(key=lambda kv: facts[kv[0]].amount)
    else:
        items.reverse()
    keys = [k for k, _ in items]
    colours = _period_colours(facts, keys)
    if len(colours) == 1:
        colours = {p: BLUE for p in colours}
    fig = _figure(size)
    ax = fig.add_subplot()
    ys = range(len(items))
    values = [facts[k].amount for k in keys]
    ax.barh(ys, values, height=0.62, color=[colours[facts[k].period] for k in keys],
            zorder=2)
    top = max(values)
    for y, key, v in zip(ys, keys, values):
        ax.text(v + top * 0.012, y, value_text(key), va="center", ha="left", fontsize=9.5,
                zorder=3)
    ax.set_yticks(list(ys), [_wrap(_pick(w, lang), lang) for _, w in items])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(xlabel)
    ax.set_xlim(0, top * 1.32)
    ax.set_ylim(-0.6, len(items) - 0.4)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
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


def _bar_alt(facts, lang, kind, title, items, value_text=None):
    value_text = value_text or (lambda key: facts[key].text(lang))
    if _en(lang):
        parts = [f"{_lower_first(w['en'])}, {value_text(k)}" for k, w in items]
        return f"{kind} of {_lower_first(title['en'])}: " + _join(parts, lang) + "."
    parts = [f"{_pick(w, lang)}{value_text(k)}" for k, w in items]
    return f"{kind}：{title['zh']}。" + _join(parts, lang) + "。"


HBAR = {"zh": "横向条形图", "en": "Horizontal bar chart"}


# ====================================================== 1. key projects ====

LEVELS = (
    ("provincial", {"zh": "省级重点项目", "en": "Provincial key projects"}),
    ("municipal", {"zh": "市级重点项目", "en": "Municipal key projects"}),
    ("district", {"zh": "区级重点项目", "en": "District key projects"}),
)
KEY_PROJECTS_KEYS = tuple(
    k for level, _ in LEVELS
    for k in (f"{level}_projects_completion", f"time_progress_{level}", f"{level}_projects_ahead"))


@_styled
def draw_key_projects(facts, lang):
    """Share of the annual investment plan completed, per level, against the
    schedule benchmark implied by the data, with the lead in percentage points."""
    fig = _figure()
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
        lead = (f"ahead by\n{_balanced(ahead.text(lang))}" if _en(lang)
                else f"超出\n{ahead.text(lang)}")
        if _narrow:  # the next bar is close: three short lines
            lead = _pick({"zh": "超出\n", "en": "ahead by\n"}, lang) + _wrap(ahead.text(lang), lang, 10, 5)
        ax.text(ax_x + 0.04, (done.amount + tp.amount) / 2, lead, ha="left", va="center",
                fontsize=9, color=VERMILLION, linespacing=1.15, zorder=3)
    ax.set_xticks([i - shift for i in range(len(LEVELS))], [_pick(w, lang) for _, w in LEVELS])
    ax.tick_params(axis="x", length=0)
    ax.set_xlim(-0.6, len(LEVELS) - 0.3)
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.set_ylabel(_pick({"zh": f"完成年度投资计划的比例（%）\n{period}",
                         "en": f"Share of annual investment plan completed (%)\n{period}"}, lang),
                  linespacing=1.5)
    ax.grid(axis="y", color=LIGHT, linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    tps = {facts[f"time_progress_{level}"].text(lang) for level, _ in LEVELS}
    tp_text = tps.pop() if len(tps) == 1 else ""
    handles = [
        Patch(color=BLUE, label=_pick({"zh": "完成年度投资计划的比例",
                                        "en": "Share completed"}, lang)),
        Line2D([], [], color=INK, linestyle=(0, (4, 2)), linewidth=1.4,
               label=_pick({"zh": "时间进度（推算）", "en": "Schedule benchmark (derived)"}, lang)
               + ((" " if _en(lang) else "") + tp_text if tp_text else "")),
        Line2D([], [], color=VERMILLION, marker=r"$\updownarrow$", linestyle="none",
               markersize=10, label=_pick({"zh": "超出时间进度", "en": "Lead over schedule benchmark"},
                                          lang)),
    ]
    ax.legend(handles=handles, loc="lower left", ncols=3, fontsize=9,
              bbox_to_anchor=(0, 1.01), borderaxespad=0, handlelength=1.8)
    return fig


def alt_key_projects(facts, lang):
    period = facts["provincial_projects_completion"].period_text(lang)
    if _en(lang):
        parts = [f"{_pick(w, lang).lower()} had completed "
                 f"{facts[f'{lv}_projects_completion'].text(lang)}"
                 f" of their annual investment plan, against a schedule benchmark of "
                 f"{facts[f'time_progress_{lv}'].text(lang)}, "
                 f"{facts[f'{lv}_projects_ahead'].text(lang)} ahead" for lv, w in LEVELS]
        return (f"Bar chart of key-project investment progress, {period}: "
                + "; ".join(parts) + ". The schedule benchmark is derived from the lead figures.")
    parts = [f"{_pick(w, lang)}完成年度投资计划的{facts[f'{lv}_projects_completion'].text(lang)}，"
             f"时间进度{facts[f'time_progress_{lv}'].text(lang)}，"
             f"超出{facts[f'{lv}_projects_ahead'].text(lang)}" for lv, w in LEVELS]
    return f"柱状图：{period}重点项目投资进度。" + "；".join(parts) + "。时间进度由超出的百分点推算。"


# ============================================================ 2. pipes ====

PIPES = (
    ("rain_pipes_laid", {"zh": "雨水管道", "en": "Rainwater pipes laid"}),
    ("sewage_pipes_laid", {"zh": "污水管道", "en": "Sewage pipes laid"}),
    ("telecom_lines_sorted", {"zh": "梳理的通信线路", "en": "Telecom lines reorganised"}),
)
PIPES_TITLE = {"zh": "雨污分流与通信线路改造", "en": "Rain–sewage separation and telecom lines"}


@_styled
def draw_pipes(facts, lang):
    """Lengths of rain and sewage pipes laid and telecom lines tidied up."""
    return _hbars(facts, lang, PIPES,
                  _pick({"zh": "长度（千米，均为约数）", "en": "Length (km, all approximate)"}, lang),
                  size=(7.5, 3.0))


def alt_pipes(facts, lang):
    return _bar_alt(facts, lang, _pick(HBAR, lang), PIPES_TITLE, PIPES)


# ============================================================= 3. land ====

LAND = (
    ("land_expropriated", {"zh": "完成集体土地征收", "en": "Collective land expropriated"}),
    ("land_supplied", {"zh": "已供地", "en": "Land supplied"}),
    ("land_listing", {"zh": "正在挂牌公告", "en": "Land currently listed for sale"}),
    ("land_approved_unsupplied", {"zh": "已批待供", "en": "Approved but not yet supplied"}),
)
LAND_KEYS = tuple(k for key, _ in LAND for k in (key, f"{key}_ha"))
LAND_TITLE = {"zh": "土地征收与供应", "en": "Land expropriation and supply"}


def _land_text(facts, lang):
    def text(key):
        mu, ha = facts[key].text(lang), facts[f"{key}_ha"].text(lang)
        return f"{mu} ({ha})" if _en(lang) else f"{mu}（{ha}）"
    return text


@_styled
def draw_land(facts, lang):
    """Land expropriated, supplied, listed and approved-but-unsupplied, in mu with hectares."""
    return _hbars(facts, lang, LAND, _pick({"zh": "面积（亩）", "en": "Area (mu)"}, lang),
                  value_text=_land_text(facts, lang), sort=False)


def alt_land(facts, lang):
    return _bar_alt(facts, lang, _pick(HBAR, lang), LAND_TITLE, LAND, _land_text(facts, lang))


# ================================================ 4. governance counts ====

GOVERNANCE = (
    ("joint_meeting_issues_resolved", {"zh": "联席会议化解的问题",
                                       "en": "Problems resolved through the joint-meeting system"}),
    ("secretary_contact_points", {"zh": "书记支部联系点",
                                  "en": "Secretaries' branch contact points"}),
    ("secretary_visits", {"zh": "书记调研走访", "en": "Fact-finding visits by Party secretaries"}),
    ("urgent_issues_solved", {"zh": "破解的急难愁盼问题", "en": "Pressing public concerns resolved"}),
    ("grid_matters_closed", {"zh": "办结的网格事项", "en": "Grid matters closed"}),
)
GOVERNANCE_TITLE = {"zh": "党建引领基层治理的工作量", "en": "Grassroots governance in numbers"}


@_styled
def draw_governance_counts(facts, lang):
    """Counts of issues resolved, contact points, visits and matters closed."""
    note = {"zh": "数量（“余”表示多于此数）", "en": "Number (where a label says more than, the true number is higher)"}
    return _hbars(facts, lang, GOVERNANCE, _pick(note, lang))


def alt_governance_counts(facts, lang):
    return _bar_alt(facts, lang, _pick(HBAR, lang), GOVERNANCE_TITLE, GOVERNANCE)


# ========================================================== 5. studios ====

STUDIOS_TITLE = {"zh": "书记工作室", "en": "Secretaries' studios"}


STUDIOS = (
    ("studios_2020", {"zh": "{period}建立的社区书记工作室",
                      "en": "Community secretaries' studios set up in {period}"}),
    ("studios_new_2022", {"zh": "{period}新创建命名的基层党组织书记工作室",
                          "en": "Secretaries' studios newly created and named in {period}"}),
)
STUDIOS_SUM = {"zh": "两批相加（推算，{period}）：{value}",
               "en": "Both batches added together (derived, {period}): {value}"}


@_styled
def draw_studios(facts, lang):
    """The two batches the source gives (2020 and 2022) side by side, each in its
    own year; their sum is a derived figure spanning both, drawn as a bracket, not
    as a bar: the source gives no number of studios in operation."""
    total = facts["studios_two_batches_sum"]
    fig = _figure()
    ax = fig.add_subplot()
    width, colours = 0.5, (SKY, BLUE)
    xs = range(len(STUDIOS))
    for x, (key, words), colour in zip(xs, STUDIOS, colours):
        fact = facts[key]
        ax.bar(x, fact.amount, width=width, color=colour, zorder=2,
               label=_pick(words, lang).format(period=fact.period_text(lang)))
        ax.text(x, fact.amount + total.amount * 0.02, fact.text(lang), ha="center",
                va="bottom", fontsize=11, fontweight="bold", zorder=3)
    top = max(facts[key].amount for key, _ in STUDIOS)
    bracket = top + total.amount * 0.16
    left, right = xs[0] - width / 2, xs[-1] + width / 2
    ax.plot([left, left, right, right],
            [bracket - total.amount * 0.04, bracket, bracket, bracket - total.amount * 0.04],
            color=GREY, linewidth=1.0, linestyle=(0, (4, 2)), zorder=3)
    ax.text((left + right) / 2, bracket + total.amount * 0.02,
            _pick(STUDIOS_SUM, lang).format(period=total.period_text(lang), value=total.text(lang)),
            ha="center", va="bottom", fontsize=10, color=INK, zorder=3)
    ax.set_xticks(list(xs), [facts[key].period_text(lang) for key, _ in STUDIOS])
    ax.tick_params(axis="x", length=0)
    ax.set_xlim(-0.7, len(STUDIOS) - 0.3)
    ax.set_ylim(0, bracket + total.amount * 0.3)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    ax.set_ylabel(_pick({"zh": "工作室数量（个）", "en": "Number of studios"}, lang))
    ax.grid(axis="y", color=LIGHT, linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", fontsize=9)
    return fig


def alt_studios(facts, lang):
    total = facts["studios_two_batches_sum"]
    parts = [f"{_pick(words, lang).format(period=facts[key].period_text(lang))}"
             f"{', ' if _en(lang) else ''}{facts[key].text(lang)}" for key, words in STUDIOS]
    summed = _pick(STUDIOS_SUM, lang).format(period=total.period_text(lang), value=total.text(lang))
    if _en(lang):
        return (f"Bar chart of secretaries' studios, one bar per batch: {_lower_first(parts[0])}; "
                f"{_lower_first(parts[1])}. {summed}; the source gives no number of studios "
                f"in operation.")
    return (f"柱状图：书记工作室，每批一根柱。{parts[0]}；{parts[1]}。{summed}；"
            f"原文没有给出在运行的工作室总数。")


# ====================================== 6. old residential compounds ====

OLD_COMMUNITY = (
    ("old_community_projects", {"zh": "改造项目", "en": "Renovation projects"}),
    ("old_community_floor_area", {"zh": "建筑面积", "en": "Floor area"}),
    ("old_community_households", {"zh": "涉及居民", "en": "Households covered"}),
    ("old_community_investment", {"zh": "总投资", "en": "Total investment"}),
    ("renovation_investment_per_m2", {"zh": "每平方米建筑面积投资", "en": "Investment per m²"}),
    ("renovation_investment_per_household", {"zh": "每户投资", "en": "Investment per household"}),
)
OLD_COMMUNITY_TITLE = {"zh": "老旧小区改造的规模", "en": "Scale of the renovation of old residential compounds"}
DERIVED_MARK = {"zh": "推算", "en": "derived"}


@_styled
def draw_old_community(facts, lang):
    """Small multiples: one big-number tile per measure (each has its own unit)."""
    fig = _figure()
    fig.get_layout_engine().set(w_pad=0.06, h_pad=0.06, wspace=0.04, hspace=0.04)
    axes = fig.subplots(*((3, 2) if _narrow else (2, 3)))
    for ax, (key, words) in zip(axes.flat, OLD_COMMUNITY):
        fact = facts[key]
        ax.set_axis_off()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        tile = FancyBboxPatch((0.02, 0.03), 0.96, 0.94, boxstyle="round,pad=0,rounding_size=0.04",
                              transform=ax.transAxes, clip_on=False,
                              facecolor="white" if fact.derived else "#EAF3FA",
                              edgecolor=BLUE if not fact.derived else GREY,
                              linestyle="-" if not fact.derived else (0, (4, 2)), linewidth=1.1)
        ax.add_patch(tile)
        value = fact.text(lang)
        lines = _balanced(value) if _en(lang) and len(value) > 14 else value
        size = (17 if "\n" not in lines else 15) - (4 if _narrow else 0)
        ax.text(0.5, 0.6, lines, ha="center", va="center", fontsize=size, fontweight="bold",
                color=BLUE if not fact.derived else INK, linespacing=1.1,
                transform=ax.transAxes)
        label = _pick(words, lang)
        if fact.derived:
            label += f"\n({_pick(DERIVED_MARK, lang)})" if _en(lang) else f"\n（{DERIVED_MARK['zh']}）"
        ax.text(0.5, 0.32, label, linespacing=1.3, ha="center", va="top", fontsize=9.5, color=GREY,
                transform=ax.transAxes)
    return fig


def alt_old_community(facts, lang):
    def item(key, words):
        fact = facts[key]
        mark = ""
        if fact.derived:
            mark = f" ({_pick(DERIVED_MARK, lang)})" if _en(lang) else f"（{DERIVED_MARK['zh']}）"
        return (f"{_lower_first(words['en'])}{mark}, {fact.text(lang)}" if _en(lang)
                else f"{words['zh']}{mark}{fact.text(lang)}")
    period = facts["old_community_projects"].period_text(lang)
    parts = [item(k, w) for k, w in OLD_COMMUNITY]
    if _en(lang):
        return (f"Six number tiles on the renovation of old residential compounds in {period}: "
                + "; ".join(parts) + ".")
    return f"六个数字图块：{period}老旧小区改造的规模。" + "；".join(parts) + "。"


# ======================================================= 7. investment ====

INVESTMENT = (
    ("projects_planned", {"zh": "策划的项目", "en": "Projects planned"}),
    ("provincial_municipal_key_projects", {"zh": "区级领导包挂的省市重点项目",
                                           "en": "Provincial and municipal key projects "
                                                 "under district leaders"}),
    ("green_transition_projects", {"zh": "区级领导包挂的新旧动能转换项目",
                                   "en": "Projects replacing old growth drivers, under district leaders"}),
    ("legal_adviser_projects", {"zh": "配备专项法律顾问的重点项目",
                                "en": "Key projects with a dedicated legal adviser"}),
    ("projects_introduced", {"zh": "引进的重点项目", "en": "Key projects attracted"}),
    ("special_bond_projects", {"zh": "获批专项债的项目",
                               "en": "Projects granted special-purpose bonds"}),
)
INVESTMENT_TITLE = {"zh": "项目建设的数量", "en": "Project pipeline counts"}


@_styled
def draw_investment(facts, lang):
    """Counts along the project pipeline, from planning to financing."""
    return _hbars(facts, lang, INVESTMENT,
                  _pick({"zh": "项目数量（个）", "en": "Number of projects"}, lang))


def alt_investment(facts, lang):
    return _bar_alt(facts, lang, _pick(HBAR, lang), INVESTMENT_TITLE, INVESTMENT)


# =========================================================== registry ====

def _keys(items):
    return tuple(k for k, _ in items)


CHARTS: dict[str, Chart] = {c.name: c for c in (
    Chart("key_projects", KEY_PROJECTS_KEYS,
          {"zh": "重点项目投资进度与时间进度", "en": "Key projects against the schedule benchmark"},
          draw_key_projects, alt_key_projects),
    Chart("pipes", (*_keys(PIPES), "pipes_total"), PIPES_TITLE, draw_pipes, alt_pipes),
    Chart("land", LAND_KEYS, LAND_TITLE, draw_land, alt_land),
    Chart("governance_counts", _keys(GOVERNANCE), GOVERNANCE_TITLE,
          draw_governance_counts, alt_governance_counts),
    Chart("studios", ("studios_2020", "studios_new_2022", "studios_two_batches_sum"), STUDIOS_TITLE,
          draw_studios, alt_studios),
    Chart("old_community", _keys(OLD_COMMUNITY), OLD_COMMUNITY_TITLE,
          draw_old_community, alt_old_community),
    Chart("investment", _keys(INVESTMENT), INVESTMENT_TITLE, draw_investment, alt_investment),
)}


def render(name: str, facts: dict, lang: str, outdir: Path) -> list[Path]:
    """Draw one chart and write outdir/<name>.svg and outdir/<name>.pdf, and
    outdir/<name>-narrow.svg for phones."""
    global _narrow
    chart = CHARTS[name]
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    svg, pdf = outdir / f"{name}.svg", outdir / f"{name}.pdf"
    narrow = outdir / f"{name}-narrow.svg"
    with matplotlib.rc_context(STYLE):
        fig = chart.draw(facts, lang)
        try:
            fig.savefig(svg, format="svg", metadata={"Date": None})
            fig.savefig(pdf, format="pdf", metadata={"CreationDate": None})
        finally:
            fig.clear()
        _narrow = True
        try:
            fig = _for_phones(chart.draw(facts, lang), lang)
            fig.savefig(narrow, format="svg", metadata={"Date": None})
            fig.clear()
        finally:
            _narrow = False
    for path in (svg, narrow):
        _tidy_svg(path)
    return [svg, pdf, narrow]


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
            ax.set_xticks(ax.get_xticks(), [_wrap(t, lang, 12, 4) for t in labels])
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
