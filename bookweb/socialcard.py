"""The image that link previews show (Open Graph / Twitter cards), one per edition.

1200 × 630 pixels, drawn with matplotlib from the data file: the book's title and
a few key figures with their periods, in the edition's language. No photograph.
Written into the edition's `_static/` after the HTML build; conf.py points
`ogp_image` at it. Drawn again only when its inputs change (the figures and
labels it shows, the card's settings, this code): most rebuilds change a sentence, and
matplotlib takes half a second per card.
"""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)
WIDTH, HEIGHT, DPI = 1200, 630, 100
FIELD, INK, ACCENT, MUTED = "#0b3954", "#ffffff", "#ffc857", "#c9d6df"


def card_name(edition: str) -> str:
    return f"social-card-{edition}.png"


def draw_card(facts, lang: str, title: str, subtitle: str, keys: list[str], path: Path) -> bool:
    """Draw the card into `path`; False if the title did not fit (reported)."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from bookformats.fonts import MATPLOTLIB_FONTS

    with matplotlib.rc_context(MATPLOTLIB_FONTS):
        fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI, facecolor=FIELD)
        heading = fig.text(0.05, 0.90, title, color=INK, fontsize=34, fontweight="bold", va="top")
        fits = fit_width(fig, heading, 0.90 * WIDTH, smallest=20)
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
    return fits


def fit_width(fig, text, width: float, smallest: int) -> bool:
    """Shrink a one-line text until it fits the card: titles differ in length per edition.
    False if it cannot fit (reported)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    renderer = FigureCanvasAgg(fig).get_renderer()
    while text.get_window_extent(renderer).width > width:
        if text.get_fontsize() <= smallest:
            logger.warning("social card: the title %r does not fit the card", text.get_text(),
                           type="bookweb", subtype="socialcard")
            return False
        text.set_fontsize(text.get_fontsize() - 1)
    return True


def write_social_card(app, exception):
    card = app.config.bookweb_social_card
    if exception or app.builder.name != "html" or not card:
        return
    from factbook.state import facts_of
    facts = facts_of(app.env)  # read at builder-inited
    edition = app.config.bookweb_edition
    lang = "en" if edition == "en" else "zh"
    path = Path(app.outdir) / "_static" / card_name(edition)
    keys = list(card["keys"])
    shown = [(f.text(lang), f.label, f.label_en, f.period_text(lang))
             for f in (facts[k] for k in keys)]  # as the card shows them
    inputs = hashlib.sha256(repr((lang, sorted(card.items()), shown,
                                  Path(__file__).read_bytes())).encode()).hexdigest()
    stamp = Path(app.doctreedir) / f"{card_name(edition)}.inputs"  # not published
    if path.exists() and stamp.exists() and stamp.read_text() == inputs:
        return
    stamp.unlink(missing_ok=True)
    if draw_card(facts, lang, card["title"], card["subtitle"], keys, path):
        stamp.write_text(inputs)  # a title that did not fit is reported again next time


def setup_socialcard(app):
    app.setup_extension("factbook")  # the card shows facts: factbook reads them
    app.connect("build-finished", write_social_card)
