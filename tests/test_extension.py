"""The factbook extension on a small test project, through sphinx.testing."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sphinx.errors import SphinxError

pytestmark = pytest.mark.sphinx("html", testroot="factbook", freshenv=True)


def html_of(app, name):
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def test_fact_role_renders_value_link_and_source(app):
    app.build()
    page = html_of(app, "chapter")
    land = page.select_one('a.fact[href="data.html#fact-land"]')
    assert land is not None and land.get_text() == "470.4亩"
    assert "S3¶4" in land["title"] and "2023年初至报道时" in land["title"]
    assert page.select_one('a.fact[href="data.html#fact-problems"]').get_text() == "890余个"
    derived = page.select_one('a.fact-derived[href="data.html#fact-land_ha"]')
    assert derived.get_text() == "31.36公顷" and "推算：供地面积 ÷ 15" in derived["title"]
    text = page.get_text()
    assert "时期为2023年初至报道时" in text and "来源S3¶4" in text


def test_fact_tables_are_numbered_and_referable(app):
    app.build()
    page = html_of(app, "chapter")
    ref = page.select_one('a.reference[href="#tab-some"]')
    assert ref is not None and ref.get_text().startswith("表")
    table = page.select_one("table#tab-some")
    assert "部分数据" in table.caption.get_text()
    data = html_of(app, "data")
    assert data.select_one("tr#fact-land") and data.select_one("tr#fact-land_ha")
    assert "推算" in data.select_one("tr#fact-land_ha").get_text()


def test_chart_has_alt_text_caption_and_table(app):
    app.build()
    page = html_of(app, "chapter")
    fig = page.select_one("figure#fig-land")
    img = fig.find("img")
    assert img["alt"] == "柱状图：供地470.4亩"
    assert img["src"].endswith("land.svg")
    assert page.select_one("table#fig-land-data") is not None
    assert page.select_one('a.reference[href="#fig-land"]').get_text().startswith("图")


def test_unknown_key_fails_naming_key_document_and_line(app):
    (app.srcdir / "chapter.md").write_text(
        (app.srcdir / "chapter.md").read_text(encoding="utf-8") + "\n再加{fact}`nope`。\n",
        encoding="utf-8")
    with pytest.raises(SphinxError) as info:
        app.build()
    assert "chapter.md:18: unknown fact key 'nope'" in str(info.value)
    assert "unknown fact key 'nope'" in app.warning.getvalue()


def test_unused_fact_fails_naming_data_line(app):
    chapter = app.srcdir / "chapter.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("化解问题{fact}`problems`，", ""),
                       encoding="utf-8")
    with pytest.raises(SphinxError) as info:
        app.build()
    assert "facts.yaml:10: fact 'problems' is never used in the book" in str(info.value)


def test_broken_data_fails_before_reading(make_app, sphinx_test_tempdir, rootdir):
    import shutil
    src = sphinx_test_tempdir / "factbook-broken"
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree(rootdir / "test-factbook", src)
    data = src / "facts.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("value: 890", "value: lots"),
                    encoding="utf-8")
    with pytest.raises(SphinxError) as info:
        make_app("html", srcdir=src)
    assert "facts.yaml:10: key 'problems': field 'value' must be a number" in str(info.value)


def test_charts_redrawn_only_when_their_inputs_change(app, monkeypatch):
    """Data file, chart script and the package that formats labels are the inputs."""
    from pathlib import Path

    from factbook import charts

    app.build()
    svg = charts.charts_dir(app) / "land.svg"

    def redrawn() -> bool:
        svg.unlink()  # render() writes it again only if it runs
        svg.touch()
        before = svg.stat().st_size
        charts.generate_charts(app)
        return svg.stat().st_size != before

    assert not redrawn()  # nothing changed
    formatting = Path(charts.__file__).with_name("formatting.py")
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: real_read(self) + (
        b"# edited" if self == formatting else b""))
    assert redrawn()  # a change to the number formatting redraws
    monkeypatch.undo()
    assert redrawn()  # and changing it back redraws again
    data = Path(app.config.factbook_data)
    data.write_text(data.read_text(encoding="utf-8") + "\n# comment\n", encoding="utf-8")
    assert redrawn()
    assert not redrawn()


@pytest.mark.sphinx("html", testroot="factbook", freshenv=True, parallel=2)
def test_parallel_read_merges_fact_uses(app):
    """-j 2: each process reads some documents; the facts they use come back
    through env-merge-info, so none is wrongly reported unused."""
    assert app.parallel == 2 and app.is_parallel_allowed("read")
    app.build()
    assert app.statuscode == 0
    page = html_of(app, "chapter")
    assert page.select_one('a.fact[href="data.html#fact-land"]').get_text() == "470.4亩"


@pytest.mark.sphinx("html", testroot="factbook", freshenv=True, parallel=2)
def test_parallel_read_merges_problems(app):
    (app.srcdir / "chapter.md").write_text(
        (app.srcdir / "chapter.md").read_text(encoding="utf-8") + "\n再加{fact}`nope`。\n",
        encoding="utf-8")
    with pytest.raises(SphinxError) as info:
        app.build()
    assert "chapter.md:18: unknown fact key 'nope'" in str(info.value)


def latex_of(app) -> str:
    (tex,) = app.outdir.glob("*.tex")
    return tex.read_text(encoding="utf-8")


@pytest.mark.sphinx("latex", testroot="factbook", freshenv=True)
def test_latex_gets_plain_values_tables_and_chart_pdfs(app):
    app.build()
    tex = latex_of(app)
    assert r"\DUrole{fact}{470.4亩}" in tex and r"\DUrole{fact}{890余个}" in tex
    assert "data.html" not in tex and "fact-land" not in tex  # no web links in print
    assert r"\sphinxincludegraphics" in tex and "{{land}.pdf}" in tex
    assert "部分数据" in tex and "图表数据：土地" in tex


@pytest.mark.sphinx("html", testroot="factbook", freshenv=True, confoverrides={"language": "en"})
def test_english_edition_forms_and_language_spans(app):
    app.build()
    page = html_of(app, "chapter")
    values = [a.get_text() for a in page.select("a.fact")]
    assert values[:3] == ["470.4 mu", "31.36 ha", "31.36 ha"]  # mu gets its hectares beside
    assert page.select_one('a.fact[href="data.html#fact-problems"]').get_text() == "more than 890"
    assert "2023, year to date of the report" in page.get_text()
    caption = page.select_one("table#fig-land-data caption .caption-text")
    assert caption.get_text() == "Data for the chart: Land"
    # the untranslated Chinese words are marked as Chinese (bookformats.langspans)
    assert [s.get_text() for s in page.select('span[lang="zh-Hans"]')][:1] == ["章"]


@pytest.mark.sphinx("latex", testroot="factbook", freshenv=True, confoverrides={"language": "en"})
def test_english_latex_ties_figures(app):
    app.build()
    tex = latex_of(app)
    # In running text never broken between number and unit (a no-break space is a
    # tie in LaTeX); narrow table cells keep every break point.
    text = next(line for line in tex.splitlines() if line.startswith("今年供地"))
    assert "\\DUrole{fact}{470.4\u00a0mu}" in text and "{more than\u00a0890}" in text
    assert " mu" not in text and " ha" not in text
    cell = tex.index(r"\begin{varwidth}")
    assert "\\DUrole{fact}{470.4 mu}" in tex[cell:]
