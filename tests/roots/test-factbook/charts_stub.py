"""A stand-in for book/chart_drawings.py: the same contract, trivial drawings."""
from factbook.chartspec import Chart

CHARTS = {"land": Chart("land", ("land", "land_ha"), {"zh": "土地", "en": "Land"}, None,
                        lambda facts, lang: f"柱状图：供地{facts['land'].text(lang)}")}


def render(name, facts, lang, outdir):
    (outdir / f"{name}.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    (outdir / f"{name}.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return [outdir / f"{name}.svg", outdir / f"{name}.pdf"]
