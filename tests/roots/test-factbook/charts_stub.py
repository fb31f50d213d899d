"""A stand-in for book/chart_drawings.py: the same contract, trivial drawings."""
from factbook.chartspec import Chart

CHARTS = {"land": Chart("land", ("land", "land_ha"), {"zh": "土地", "en": "Land"}, None,
                        lambda facts, lang: f"柱状图：供地{facts['land'].text(lang)}")}
STYLE = {}  # matplotlib settings; booktypst draws with its own SVG text setting on top


def render(name, facts, lang, outdir):
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / f"{name}.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    return [outdir / f"{name}.svg"]
