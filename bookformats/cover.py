"""A typographic cover for the EPUB: the book's title on a plain dark field.

No picture: the source's photos are not available and none is invented.
Drawn with matplotlib (already a dependency, for the charts) into a PNG
without timestamps, so the EPUB stays reproducible.
"""

from __future__ import annotations

from pathlib import Path

from .fonts import MATPLOTLIB_FONTS as FONTS
FIELD, TEXT, SOFT_TEXT, RULE = "#0b3d6b", "white", "#cfe3f5", "#E69F00"


def draw_cover(words: dict, path: Path) -> Path:
    """words: {"title", "subtitle", "note"} (newlines break lines) -> PNG at path."""
    # matplotlib only when a cover is drawn: importing it costs every build a second
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context(FONTS):
        fig = Figure(figsize=(6, 9), dpi=200)
        fig.patch.set_facecolor(FIELD)
        # anchored at its foot: a title of three lines grows upwards, clear of the subtitle
        fig.text(0.5, 0.605, words["title"], ha="center", va="bottom", color=TEXT,
                 fontsize=34, fontweight="bold", wrap=True)
        fig.text(0.5, 0.555, words["subtitle"], ha="center", va="center", color=SOFT_TEXT,
                 fontsize=15, wrap=True)
        fig.add_artist(Line2D([0.2, 0.8], [0.5, 0.5], color=RULE, linewidth=2.5))
        fig.text(0.5, 0.12, words["note"], ha="center", va="center", color=SOFT_TEXT,
                 fontsize=11, linespacing=1.6)
        try:
            # the cover keeps its own dark field, whatever the rc default
            fig.savefig(path, format="png", facecolor=fig.get_facecolor(),
                        metadata={"Software": None})
        finally:
            fig.clear()
    return path
