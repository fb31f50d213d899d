"""The factbook extension on a small test project, through sphinx.testing.

Tests that edit the project get a source folder of their own (`srcdir=`), so
no edit leaks into another test.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sphinx._cli.util.errors import strip_escape_sequences

from factbook.state import facts_of
from helpers import edit, fresh_copy, output

pytestmark = pytest.mark.sphinx("html", testroot="factbook")  # one shared build, reused


def html_of(app, name):
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def test_clean_build_says_nothing_and_succeeds(app):
    app.build()
    assert output(app) == ""
    assert app.statuscode == 0


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
    # a value in its own appendix row is no link to itself
    assert data.select_one("tr#fact-land a.fact") is None
    assert data.select_one("tr#fact-land span.fact").get_text() == "470.4亩"


def test_chart_has_alt_text_caption_and_table(app):
    app.build()
    page = html_of(app, "chapter")
    fig = page.select_one("figure#fig-land")
    img = fig.find("img")
    assert img["alt"] == "柱状图：供地470.4亩"
    assert img["src"].endswith("land.svg")
    assert page.select_one("table#fig-land-data") is not None
    assert page.select_one('a.reference[href="#fig-land"]').get_text().startswith("图")


# -- problems: every one located, all in one run, one summary line, exit 1 --------------

@pytest.mark.sphinx("html", testroot="factbook", srcdir="factbook-text-problems")
def test_text_problems_listed_with_file_and_line(app):
    src = app.srcdir
    edit(src / "chapter.md", "化解问题{fact}`problems`", "化解问题{fact}`problemz`")
    edit(src / "chapter.md", ":::{chart} land", ":::{chart} lands")
    with (src / "places.md").open("a", encoding="utf-8") as f:
        f.write("\n![](/_generated/charts/zh/land.svg)\n")
    edit(src / "places.md", "正文里的{fact}`problems`", "正文里的{fact}`problems`{fact}`nope`")
    app.build()
    assert app.statuscode == 1
    assert output(app) == (
        f"{src}/chapter.md:3: ERROR: unknown fact key 'problemz': did you mean 'problems'?"
        " [factbook.unknown]\n"
        f"{src}/chapter.md:5: ERROR: unknown chart 'lands' (known: land) [factbook.chart]\n"
        f"{src}/places.md:21: ERROR: unknown fact key 'nope' [factbook.unknown]\n"
        f"{src}/places.md:33: ERROR: image '_generated/charts/zh/land.svg' has no alt text"
        " [factbook.alt]\n"
        "ERROR: 4 problems in the data and the text (listed above): the build failed\n")


@pytest.mark.sphinx("html", testroot="factbook", srcdir="factbook-unused")
def test_unused_fact_named_at_its_data_line(app):
    edit(app.srcdir / "chapter.md", "化解问题{fact}`problems`，", "")
    edit(app.srcdir / "places.md", "# 各处的{fact}`problems`", "# 各处")
    edit(app.srcdir / "places.md", "提示里的{fact}`problems`\n正文里的{fact}`problems`", "提示\n正文")
    app.build()
    assert app.statuscode == 1
    assert output(app) == (
        f"{app.srcdir}/facts.yaml:10: ERROR: fact 'problems' is never used in the book (only"
        " {fact}`problems` in the text counts, not a fact-table or chart showing it)"
        " [factbook.unused]\n"
        "ERROR: 1 problem in the data and the text (listed above): the build failed\n")


@pytest.mark.sphinx("html", testroot="factbook", srcdir="factbook-data-problems")
def test_data_problems_listed_all_at_once(app_params, make_app, rootdir):
    args, kwargs = app_params
    src = fresh_copy(rootdir / "test-factbook", kwargs["srcdir"])
    data = src / "facts.yaml"
    edit(data, "value: 890", "value: lots")                       # wrong type (line 10)
    edit(data, "formula: land / 15", "formula: land / fifteen")   # unknown key in a formula
    data.write_text(data.read_text(encoding="utf-8") + (
        "  land:\n    label: again\n"                               # duplicate key
        "  other:\n    label: x\n    value: 1\n    unit: 斤\n    qualifier: exact\n"
        "    period: 2023\n    topic: renewal\n    source: S1¶1\n    conflicts_with: land\n"),
        encoding="utf-8")
    app = make_app(*args, **kwargs)
    app.build()
    assert app.statuscode == 1
    assert output(app) == (
        f"{data}:12: ERROR: key 'problems': field 'value' must be a number, not 'lots'"
        " [factbook.data]\n"
        f"{data}:20: ERROR: key 'land_ha': field 'formula' names unknown key 'fifteen'"
        " [factbook.data]\n"
        f"{data}:25: ERROR: key 'land': duplicate key (first defined on line 2) [factbook.data]\n"
        f"{data}:30: ERROR: key 'other': field 'unit' must be one of 个 项 次 件 户 支 处 宗 场 类 级 张"
        " 年 月 倍 亩 公顷 平方米 千米 公里 元 元每平方米 元每户 % 个百分点 rank, not '斤'"
        " [factbook.data]\n"
        "ERROR: 4 problems in the data and the text (listed above): the build failed\n")


@pytest.mark.sphinx("html", testroot="factbook", srcdir="factbook-yaml-syntax")
def test_yaml_syntax_error_alone_is_reported(app_params, make_app, rootdir):
    """An unreadable data file is one problem: no follow-up "unknown key" for
    every {fact} in the book."""
    args, kwargs = app_params
    src = fresh_copy(rootdir / "test-factbook", kwargs["srcdir"])
    edit(src / "facts.yaml", "    unit: 个", "    unit: [个")
    app = make_app(*args, **kwargs)
    app.build()
    assert app.statuscode == 1
    assert output(app) == (
        f"{src}/facts.yaml:13: ERROR: YAML syntax error while parsing a flow sequence here:"
        " expected ',' or ']', but got ':' on line 14 [factbook.data]\n"
        "ERROR: 1 problem in the data and the text (listed above): the build failed\n")


@pytest.mark.sphinx("html", testroot="factbook", srcdir="factbook-redraw")
def test_charts_redrawn_only_when_their_inputs_change(app, monkeypatch):
    """The facts a chart reads, the chart script and the package that formats its
    labels are its inputs; any other change to the data file leaves it alone."""
    from pathlib import Path

    from factbook import charts, load_data

    app.build()
    svg = charts.charts_dir(app) / "land.svg"

    def redrawn() -> bool:
        svg.unlink()  # render() writes it again only if it runs
        svg.touch()
        before = svg.stat().st_size
        load_data(app)  # as each build starts: read the data, draw what is out of date
        return svg.stat().st_size != before

    assert not redrawn()  # nothing changed
    formatting = Path(charts.__file__).with_name("formatting.py")
    real_read = Path.read_bytes

    def edited(addition):
        monkeypatch.setattr(Path, "read_bytes", lambda self: real_read(self) + (
            addition if self == formatting else b""))

    edited(b"\n# a comment\n")
    assert not redrawn()  # a comment: the code is the same
    edited(b"\nEDITED = True\n")
    assert redrawn()  # a change to the number formatting redraws
    monkeypatch.undo()
    assert redrawn()  # and changing it back redraws again
    data = Path(app.config.factbook_data)
    data.write_text(data.read_text(encoding="utf-8") + "\n# comment\n", encoding="utf-8")
    assert not redrawn()  # no fact changed
    edit(data, "value: 890", "value: 891")
    assert not redrawn()  # a fact the chart does not read
    edit(data, "value: 470.4", "value: 470.5")
    assert redrawn()  # a fact the chart reads
    assert not redrawn()


def test_console_shows_located_problems_and_exit_status(tmp_path, rootdir):
    """What an editor sees: `sphinx-build` as the Makefile runs it prints each
    problem as file:line: message and one summary line, exits 1, and prints no
    crash report (no traceback, no "Versions", no invitation to report a bug)."""
    import os
    import shutil
    import subprocess
    import sys

    from helpers import ROOT

    src = tmp_path / "project"
    shutil.copytree(rootdir / "test-factbook", src)
    edit(src / "facts.yaml", "value: 890", "value: lots")
    edit(src / "chapter.md", "{fact}`land_ha`", "{fact}`land_hectares`")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "-q", str(src),
         str(tmp_path / "out")], capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"})
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{src}/facts.yaml:12: ERROR: key 'problems': field 'value' must be a number, not 'lots'"
        " [factbook.data]\n"
        f"{src}/chapter.md:3: ERROR: unknown fact key 'land_hectares': did you mean 'land_ha'?"
        " [factbook.unknown]\n"
        f"{src}/facts.yaml:18: ERROR: fact 'land_ha' is never used in the book (only"
        " {fact}`land_ha` in the text counts, not a fact-table or chart showing it)"
        " [factbook.unused]\n"
        "ERROR: 3 problems in the data and the text (listed above): the build failed\n")


# -- {fact} anywhere MyST allows inline markup, in every builder the book uses ------------

def test_fact_anywhere_html(app):
    app.build()
    assert output(app) == ""
    page = html_of(app, "places")
    # section titles: the value as plain text (no link in a heading)
    assert page.h1.get_text().rstrip("¶") == "各处的890余个" and page.h1.select("a.fact") == []
    h2 = page.select_one("h2")
    assert h2.get_text().rstrip("¶") == "标题里的470.4亩" and h2.select_one("span.fact")
    assert page.title.get_text().startswith("各处的890余个")
    # ... and as text in the navigation: the book's contents, the page's own contents
    index = html_of(app, "index")
    assert [a.get_text() for a in index.select(".toctree-wrapper a")] == [
        "章", "各处的890余个", "标题里的470.4亩", "数据"]
    assert "标题里的470.4亩" in [a.get_text() for a in page.select(".sphinxsidebar a")]
    chapter = html_of(app, "chapter")  # the link to the next page, named by its title
    assert chapter.select_one('link[rel="next"]')["title"] == "各处的890余个"
    assert chapter.select_one('p.topless a[href="places.html"]').get_text() == "各处的890余个"

    def value_in(selector, key="land"):
        node = page.select_one(selector)
        assert node is not None, selector
        link = node.select_one(f'a.fact[href="data.html#fact-{key}"]')
        assert link is not None, node
        return link.get_text()

    assert value_in("figure#fig-places figcaption") == "470.4亩"       # caption
    assert value_in("table#tab-places caption") == "470.4亩"           # table title
    assert value_in("table:not(.fact-table) tbody td:nth-child(2)") == "470.4亩"          # table cell
    assert value_in(".admonition .admonition-title", "problems") == "890余个"
    assert value_in(".admonition p:not(.admonition-title)", "problems") == "890余个"
    assert value_in("dl.glossary dd") == "470.4亩"                     # glossary definition
    assert value_in("aside.footnote") == "470.4亩"                     # footnote


@pytest.mark.sphinx("epub", testroot="factbook", freshenv=True,
                    confoverrides={"version": "1", "copyright": "test",
                                   "bookformats_accessibility_summary": "A test."})
def test_fact_anywhere_epub(app):
    app.build()
    assert output(app) == ""
    nav = (app.outdir / "nav.xhtml").read_text(encoding="utf-8")
    ncx = (app.outdir / "toc.ncx").read_text(encoding="utf-8")
    for title in ("各处的890余个", "标题里的470.4亩"):
        assert f">{title}</a>" in nav and f"<text>{title}</text>" in ncx
    page = (app.outdir / "places.xhtml").read_text(encoding="utf-8")
    assert 'href="data.xhtml#fact-land"' in page


@pytest.mark.sphinx("gettext", testroot="factbook", srcdir="factbook-gettext")
def test_fact_anywhere_gettext(app):
    """Translators get the markup, never the number: a changed figure asks for no
    new translation."""
    app.build()
    assert output(app) == ""
    pot = (app.outdir / "places.pot").read_text(encoding="utf-8")
    for msgid in ("各处的{fact}`problems`", "标题里的{fact}`land`", "图注里的{fact}`land`",
                  "表题里的{fact}`land`", "{fact}`land`", "提示里的{fact}`problems`",
                  "面积为{fact}`land`。", "脚注里的{fact}`land`。"):
        assert f'msgid "{msgid}"' in pot, msgid
    assert "470.4" not in pot and "890" not in pot


@pytest.mark.sphinx("html", testroot="factbook", freshenv=True,
                    confoverrides={"html_theme": "sphinx_book_theme"})
def test_fact_in_titles_of_the_book_theme_navigation(app):
    """The book's theme: the sidebar and the page's own contents list."""
    app.build()
    assert output(app) == ""
    page = html_of(app, "places")
    assert [a.get_text() for a in page.select("nav.bd-docs-nav a")] == [
        "章", "各处的890余个", "数据"]
    assert [a.get_text() for a in page.select("nav#pst-page-toc-nav a")] == ["标题里的470.4亩"]


# -- planted faults the book's own build must refuse (the small project proves it) ------

@pytest.mark.sphinx("html", testroot="factbook", srcdir="factbook-missing-image",
                    warningiserror=True)
def test_missing_image_fails_naming_document(app):
    with (app.srcdir / "chapter.md").open("a", encoding="utf-8") as f:
        f.write("\n![示意图](missing-picture.png)\n")
    app.build()
    assert app.statuscode == 1
    assert output(app) == (
        f"{app.srcdir}/chapter.md:18: WARNING: image file not readable: missing-picture.png"
        " [image.not_readable]\n")


@pytest.mark.sphinx("html", testroot="factbook", srcdir="factbook-broken-ref",
                    warningiserror=True)
def test_broken_cross_reference_fails_naming_document_and_line(app):
    edit(app.srcdir / "chapter.md", "{numref}`fig-land`", "{numref}`fig-lands`")
    app.build()
    assert app.statuscode == 1
    assert output(app) == (
        f"{app.srcdir}/chapter.md:16: WARNING: undefined label: 'fig-lands' [ref.numref]\n")


@pytest.mark.sphinx("html", testroot="factbook", srcdir="factbook-chart-alt")
def test_chart_without_alt_text_fails_at_each_use(app_params, make_app, rootdir):
    args, kwargs = app_params
    src = fresh_copy(rootdir / "test-factbook", kwargs["srcdir"])
    edit(src / "charts_stub.py", """lambda facts, lang: f"柱状图：供地{facts['land'].text(lang)}\"""",
         'lambda facts, lang: ""')
    app = make_app(*args, **kwargs)
    app.build()
    assert app.statuscode == 1
    assert output(app) == (
        f"{src}/chapter.md:5: ERROR: chart 'land' has no alt text [factbook.alt]\n"
        f"{src}/places.md:5: ERROR: chart 'land' has no alt text [factbook.alt]\n"
        "ERROR: 2 problems in the data and the text (listed above): the build failed\n")


@pytest.mark.sphinx("html", testroot="factbook", freshenv=True, parallel=2)
def test_parallel_read_merges_fact_uses(app):
    """-j 2: each process reads some documents; the facts they use come back
    through env-merge-info, so none is wrongly reported unused."""
    assert app.parallel == 2 and app.is_parallel_allowed("read")
    app.build()
    assert app.statuscode == 0
    page = html_of(app, "chapter")
    assert page.select_one('a.fact[href="data.html#fact-land"]').get_text() == "470.4亩"


@pytest.mark.sphinx("html", testroot="factbook", freshenv=True, parallel=2,
                    srcdir="factbook-parallel-problems")
def test_parallel_read_merges_problems(app):
    (app.srcdir / "chapter.md").write_text(
        (app.srcdir / "chapter.md").read_text(encoding="utf-8") + "\n再加{fact}`nope`。\n",
        encoding="utf-8")
    app.build()
    assert app.statuscode == 1
    assert output(app) == (
        f"{app.srcdir}/chapter.md:18: ERROR: unknown fact key 'nope' [factbook.unknown]\n"
        "ERROR: 1 problem in the data and the text (listed above): the build failed\n")


@pytest.mark.sphinx("html", testroot="factbook", freshenv=True, confoverrides={"language": "en"})
def test_english_edition_forms_and_language_spans(app):
    app.build()
    page = html_of(app, "chapter")
    values = [a.get_text() for a in page.select("a.fact")]
    assert values[:3] == ["470.4 mu", "31.36 ha", "31.36 ha"]  # mu gets its hectares beside
    assert page.select_one('a.fact[href="data.html#fact-problems"]').get_text() == "more than 890"
    assert "January 2023 to the article’s date" in page.get_text()
    caption = page.select_one("table#fig-land-data caption .caption-text")
    assert caption.get_text() == "Land (chart data)"
    # the untranslated Chinese words are marked as Chinese (bookformats.langspans)
    assert [s.get_text() for s in page.select('span[lang="zh-Hans"]')][:1] == ["章"]


@pytest.mark.sphinx("typst", testroot="factbook", freshenv=True,
                    confoverrides={"language": "en", "extensions": [
                        "myst_parser", "factbook", "bookpublish", "bookformats", "bookweb", "booktypst"]})
def test_english_pdf_ties_figures(app):
    app.build()
    assert output(app) == ""
    (typ,) = [path for path in app.outdir.glob("*.typ") if path.name != "book.typ"]
    source = typ.read_text(encoding="utf-8")
    # In running text never broken between number and unit (booktypst/ties.py: a
    # no-break space); narrow table cells keep every break point.
    text = next(line for line in source.splitlines() if "供地" in line)
    assert "#fact[470\\.4\u00a0mu]" in text and "#fact[more than\u00a0890]" in text
    assert "#fact[31\\.36\u00a0ha]" in text and " mu" not in text and " ha" not in text
    cell = source.index("table(")
    assert "#fact[470\\.4 mu]" in source[cell:]


# -- incremental builds: exactly the pages showing a changed fact are read again ---------

@pytest.mark.sphinx("html", testroot="factbook", srcdir="factbook-incremental")
def test_changed_fact_rereads_the_pages_showing_it_and_no_page_is_stale(app_params, make_app):
    args, kwargs = app_params
    first = make_app(*args, **kwargs)
    first.build()
    assert first.statuscode == 0
    data = first.srcdir / "facts.yaml"
    edit(data, "value: 890", "value: 891")       # `problems`: chapter, places, the appendix
    second = make_app(*args, **kwargs)            # the next build, on the saved environment
    second.build()
    assert pages_read(second) == {"chapter", "places", "data"}  # not index: it shows no fact
    for page in ("chapter", "places", "data"):
        text = html_of(second, page).get_text()
        assert "891余个" in text and "890余个" not in text, page
    # (a second app in one process re-registers Sphinx's own nodes: that notice aside)
    assert [line for line in output(second).splitlines()
            if "is already registered" not in line] == []
    third = make_app(*args, **kwargs)             # nothing changed: nothing read
    third.build()
    assert pages_read(third) == set()


def pages_read(app) -> set[str]:
    status = strip_escape_sequences(app.status.getvalue())
    return {line.split()[-1] for line in status.splitlines()
            if line.startswith("reading sources... [")}


OPEN_DATA = {"basename": "t", "name": "t-facts", "title": "T", "description": "D", "version": "1",
             "author": "A", "keywords": ["k"], "licence": {"name": "notspecified", "title": "n"},
             "source": {"title": "S"}}


@pytest.mark.sphinx("html", testroot="factbook", freshenv=True,
                    confoverrides={"bookpublish_open_data": OPEN_DATA})
def test_open_data_files_hold_every_record(app):
    import csv
    import io
    import json
    app.build()
    raw = (app.outdir / "downloads" / "t-facts.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    facts = facts_of(app.env)
    assert [r["key"] for r in rows] == list(facts)
    land = next(r for r in rows if r["key"] == "land")
    assert (land["value"], land["value_as_printed"], land["sources"], land["link"]) == (
        "470.4", "470.4亩", "S3¶4", "data.html#fact-land")
    derived = next(r for r in rows if r["key"] == "land_ha")
    assert (derived["derived"], derived["formula"], derived["formula_as_printed"]) == (
        "true", "land / 15", "供地面积 ÷ 15")
    doc = json.loads((app.outdir / "downloads" / "t-facts.json").read_text(encoding="utf-8"))
    assert [r["key"] for r in doc["facts"]] == list(facts)
    package = json.loads((app.outdir / "downloads" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["resources"][0]["path"] == "t-facts.csv"
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="factbook", srcdir="factbook-missing-link")
def test_a_missing_link_target_is_one_warning(app_params, make_app, rootdir):
    """MyST asks every domain for a link's target: the book's domains answer (nothing),
    so a missing target is the one warning, with no word of theirs."""
    args, kwargs = app_params
    src = fresh_copy(rootdir / "test-factbook", kwargs["srcdir"])
    edit(src / "chapter.md", "# ", "[x](#nowhere)\n# ")
    app = make_app(*args, **kwargs)
    app.build()
    assert output(app) == (f"{src}/chapter.md:1: WARNING: 'myst' cross-reference target not "
                           "found: 'nowhere' [myst.xref_missing]\n")
