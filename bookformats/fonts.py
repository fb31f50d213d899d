"""The typefaces of everything the book draws with matplotlib: its charts
(book/chart_drawings.py), the EPUB cover (bookformats/cover.py) and the social
card (bookweb/socialcard.py). Noto Sans CJK SC sets Chinese and Latin alike (the
Debian fonts the PDF uses too); DejaVu Sans, which matplotlib ships, is the fallback.
Changing it redraws the charts (factbook/charts.py hashes this file with their code).
"""

SANS = ["Noto Sans CJK SC", "DejaVu Sans"]
MATPLOTLIB_FONTS = {"font.family": "sans-serif", "font.sans-serif": SANS}
