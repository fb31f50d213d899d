"""The contract between factbook and the book's chart module.

`factbook_chart_module` names a Python file (in this book, book/chart_drawings.py)
that factbook loads at builder-inited. It must provide:

    CHARTS: dict[str, Chart]      every chart a page may name in {chart}
    render(name, facts, lang, outdir) -> list[Path]
                                  write outdir/<name>.svg (HTML, EPUB) without
                                  timestamps; optionally outdir/<name>-narrow.svg, a phone
                                  variant the website picks with <picture> (bookweb)

facts maps keys to factbook.data.Fact; lang is "zh" or "en". A chart is redrawn
only when a fact it read (draw and alt), the chart module or the factbook
package changed; its alt text is kept with it, so a build with every chart up to
date does not import the chart module at all.
This module imports nothing of Sphinx, so the chart module can import it freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol


@dataclass(frozen=True)
class Chart:
    name: str
    keys: tuple[str, ...]   # the facts whose numbers the chart shows (for the table beside it)
    title: dict             # {'zh': ..., 'en': ...}
    draw: Callable          # (facts, lang, narrow=False) -> matplotlib.figure.Figure; no
                            # file I/O; narrow: the phone variant (render draws both)
    alt: Callable           # (facts, lang) -> alt text with the numbers


class ChartModule(Protocol):
    CHARTS: dict[str, Chart]

    def render(self, name: str, facts: dict, lang: str, outdir: Path) -> list[Path]: ...


def check_chart_module(module, where: str) -> None:
    """Fail early, naming the file, when the chart module breaks the contract."""
    missing = [name for name in ("CHARTS", "render") if not hasattr(module, name)]
    if missing:
        raise TypeError(f"{where}: the chart module lacks {', '.join(missing)}")
    wrong = [name for name, chart in module.CHARTS.items()
             if not isinstance(chart, Chart) or chart.name != name]
    if wrong:
        raise TypeError(f"{where}: CHARTS entries must be factbook.chartspec.Chart "
                        f"under their own name: {', '.join(wrong)}")
