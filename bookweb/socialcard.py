"""The image that link previews show (Open Graph / Twitter cards), one per edition.

1200 × 630 pixels, drawn with matplotlib from the data file: the book's title and
a few key figures with their periods, in the edition's language. No photograph.
Written into the edition's `_static/` after the HTML build; conf.py points
`ogp_image` at it.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)
WIDTH, HEIGHT, DPI = 1200, 630, 100
FIELD, INK, ACCENT, MUTED = "#0b3954", "#ffffff", "#ffc857", "#c9d6df"


def card_name(edition: str) -> str:
    return f"social-card-{edition}.png"


def draw_card(facts, lang: str, title: str, subtitle: str, keys: list[str], path: Path):
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    style = {"font.family": "sans-serif",
             "font.sans-serif": ["Noto Sans CJK SC", "DejaVu Sans"]}
    with matplotlib.rc_context(style):
        fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI, facecolor=FIELD)
        heading = fig.text(0.05, 0.90, title, color=INK, fontsize=34, fontweight="bold", va="top")
        fit_width(fig, heading, 0.90 * WIDTH, smallest=24)
        fig.text(0.05, 0.78, subtitle, color=MUTED, fontsize=17, va="top")
        # the key figures in two rows of two: English amounts are long
        for i, key in enumerate(keys[:4]):
            fact = facts[key]
            x, top = 0.05 + (i % 2) * 0.47, 0.62 - (i // 2) * 0.30
            label = fact.label_en if lang == "en" and fact.label_en else fact.label
            fig.add_artist(matplotlib.lines.Line2D([x, x + 0.42], [top, top],
                                                   color=ACCENT, linewidth=3))
            fig.text(x, top - 0.03, fact.text(lang), color=ACCENT, fontsize=30,
                     fontweight="bold", va="top")
            if lang == "en":  # at most two lines, under the figure
                label = textwrap.fill(label, 44, break_long_words=False)
            lines = label.count("\n")
            fig.text(x, top - 0.145, label, color=INK, fontsize=15, va="top", linespacing=1.2)
            fig.text(x, top - 0.205 - lines * 0.045, fact.period_text(lang), color=MUTED,
                     fontsize=12, va="top")
        path.parent.mkdir(parents=True, exist_ok=True)
        # no Software/date chunks: the same data gives the same bytes
        fig.savefig(path, format="png", dpi=DPI, metadata={"Software": None})


def fit_width(fig, text, width: float, smallest: int):
    """Shrink a one-line text until it fits the card: titles differ in length per edition."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    renderer = FigureCanvasAgg(fig).get_renderer()
    while text.get_window_extent(renderer).width > width:
        if text.get_fontsize() <= smallest:
            logger.warning("social card: the title %r does not fit the card", text.get_text(),
                           type="bookweb", subtype="socialcard")
            return
        text.set_fontsize(text.get_fontsize() - 1)


def write_social_card(app, exception):
    card = app.config.bookweb_social_card
    if exception or app.builder.name != "html" or not card:
        return
    from factbook.data import load_facts
    facts = load_facts(Path(app.config.factbook_data))
    edition = app.config.bookweb_edition
    lang = "en" if edition == "en" else "zh"
    path = Path(app.outdir) / "_static" / card_name(edition)
    draw_card(facts, lang, card["title"], card["subtitle"], list(card["keys"]), path)


def setup_socialcard(app):
    app.connect("build-finished", write_social_card)
