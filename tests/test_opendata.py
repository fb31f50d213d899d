"""The facts as open data, the citation and the structured data, on the built site:
the CSV and JSON hold every record of facts.yaml with its values, and agree
with the rendered data appendix; the data package validates (frictionless);
CITATION.cff validates (cffconvert); the BibTeX entries parse (bibtexparser);
the front pages carry JSON-LD pointing at the files; the download lists name
the true sizes."""

from __future__ import annotations

import codecs
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest
import yaml
from bs4 import BeautifulSoup

from bookformats.downloads import size_text
from factbook.units import SCALES
from helpers import ROOT, conf_settings

EDITIONS = {"zh": "", "en": "en/"}  # edition -> folder in the site
BIN = Path(sys.executable).parent
CFFCONVERT = ROOT / ".venv" / "tools" / "cffconvert" / "bin" / "cffconvert"


def downloads(site, edition):
    return site / EDITIONS[edition] / "downloads"


def page(site, edition, name):
    path = site / EDITIONS[edition] / f"{name}.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def csv_rows(site, edition):
    raw = (downloads(site, edition) / f"tianqiao-2023-{edition}-facts.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8), "spreadsheets need the byte-order mark"
    assert raw.count(codecs.BOM_UTF8) == 1
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


# The derived records' values as the CSV gives them, worked out by hand from the source's
# figures and rounded to the record's digits (54.2 − 12.6 = 41.6; 588 ÷ 15 = 39.2;
# 470.4 ÷ 15 = 31.36 → 31.4; 131.2 ÷ 15 = 8.747 → 8.7; 3033 ÷ 15 = 202.2; 14万 ÷ 1.4万 = 10).
DERIVED_VALUES = {
    "time_progress_provincial": "41.6", "time_progress_municipal": "41.6",
    "time_progress_district": "41.6",
    "land_expropriated_ha": "39.2", "land_supplied_ha": "31.4",
    "land_listing_ha": "8.7", "land_approved_unsupplied_ha": "202.2",
    "green_space_conflict_ratio": "10", "greenway_conflict_ratio": "10",
}


def number(text):
    value = float(text)
    return int(value) if value.is_integer() else value


@pytest.mark.parametrize("edition", EDITIONS)
def test_csv_holds_every_record_of_the_data_file_and_nothing_else(site, facts, edition):
    rows = csv_rows(site, edition)
    assert [r["key"] for r in rows] == list(facts)  # the data file's order, derived ones too
    raw = yaml.safe_load((ROOT / "facts.yaml").read_text(encoding="utf-8"))["facts"]
    assert [r["key"] for r in rows] == list(raw)


@pytest.mark.parametrize("edition", EDITIONS)
def test_csv_values_equal_the_data_file(site, facts, edition):
    raw = yaml.safe_load((ROOT / "facts.yaml").read_text(encoding="utf-8"))["facts"]
    for row in csv_rows(site, edition):
        key, f, rec = row["key"], facts[row["key"]], raw[row["key"]]
        if f.derived:  # computed by code: rounded as the book prints it
            assert row["value"] == DERIVED_VALUES[key], key
            assert row["formula"] == rec["formula"] and row["sources"] == "", key
            assert row["derived"] == "true", key
        else:  # given by the source: exactly the data file's number
            assert number(row["value"]) == rec["value"], key
            assert row["qualifier"] == rec["qualifier"], key
            assert row["sources"].split("; ") == [rec["source"], *rec.get("also_in", [])], key
            assert row["derived"] == "false" and row["formula"] == "", key
        assert row["qualifier"] == f.qualifier, key
        assert row["scale"] == rec.get("scale", ""), key
        assert number(row["amount"]) == pytest.approx(
            number(row["value"]) * SCALES.get(row["scale"], 1)), key
        assert row["unit"] == rec["unit"] and row["topic"] == rec["topic"], key
        assert row["period"] == str(rec["period"]), key
        assert row["conflicts_with"] == rec.get("conflicts_with", ""), key
        label = rec.get("label_en", rec["label"]) if edition == "en" else rec["label"]
        assert row["label"].replace("’", "'") == label, key  # the pages' smart quotes


@pytest.mark.parametrize("edition", EDITIONS)
def test_csv_equals_the_rendered_appendix(site, facts, edition):
    """What a reader sees in the appendix is what the spreadsheet shows."""
    appendix = page(site, edition, "appendix/data")
    rows = csv_rows(site, edition)
    table_rows = appendix.select("table.fact-appendix tbody tr")
    assert [tr["id"] for tr in table_rows] == [f"fact-{r['key']}" for r in rows]
    for row, tr in zip(rows, table_rows):
        label, value, period, source, note = tr.find_all("td", recursive=False)
        key = row["key"]
        assert label.find("p").get_text(strip=True) == row["label"], key
        assert label.select_one("a.fact-permalink").get_text(strip=True) == key
        assert value.get_text(strip=True) == row["value_as_printed"], key
        assert period.get_text(strip=True) == row["period_as_printed"], key
        text = source.get_text(strip=True)
        if row["derived"] == "true":
            assert row["formula_as_printed"] in text, key
        else:
            assert text.startswith(row["sources"].split("; ")[0]), key
            assert all(loc in text for loc in row["sources"].split("; ")), key
        if row["note"]:
            assert row["note"] in note.get_text(), key
        elif not row["conflicts_with"]:  # nothing to say: an empty cell (fewer elements to lay out)
            assert note.contents == [], key
        if row["conflicts_with"]:
            other = next(r for r in rows if r["key"] == row["conflicts_with"])
            assert other["value_as_printed"] in note.get_text(), key
        assert row["link"].endswith(f"appendix/data.html#fact-{key}"), key


@pytest.mark.parametrize("edition", EDITIONS)
def test_json_holds_the_same_records_as_the_csv(site, edition):
    doc = json.loads((downloads(site, edition) / f"tianqiao-2023-{edition}-facts.json")
                     .read_text(encoding="utf-8"))
    assert doc["edition"] == edition
    rows = csv_rows(site, edition)
    assert doc["fields"] == list(rows[0])
    assert len(doc["facts"]) == len(rows)
    for rec, row in zip(doc["facts"], rows):
        as_csv = {k: ("" if v is None else "; ".join(v) if k == "sources"
                      else ("true" if v else "false") if k == "derived" else str(v))
                  for k, v in rec.items()}
        assert as_csv == row, row["key"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_data_package_validates(site, facts, edition):
    package = downloads(site, edition) / "datapackage.json"
    meta = json.loads(package.read_text(encoding="utf-8"))
    assert [r["path"] for r in meta["resources"]] == [f"tianqiao-2023-{edition}-facts.csv"]
    assert meta["licenses"] and meta["sources"]
    out = subprocess.run([str(BIN / "frictionless"), "validate", "--json", str(package)],
                         capture_output=True, text=True, cwd=package.parent)
    report = json.loads(out.stdout)
    assert out.returncode == 0 and report["valid"], out.stdout[:3000]
    (task,) = report["tasks"]
    assert task["errors"] == [] and task["warnings"] == []
    assert task["stats"]["rows"] == len(facts)
    assert task["stats"]["fields"] == len(meta["resources"][0]["schema"]["fields"])


def test_data_package_check_can_fail(site, tmp_path):
    """The validator reads the values: a qualifier outside the schema is an error."""
    for name in ("datapackage.json", "tianqiao-2023-zh-facts.csv"):
        (tmp_path / name).write_bytes((downloads(site, "zh") / name).read_bytes())
    csv_file = tmp_path / "tianqiao-2023-zh-facts.csv"
    csv_file.write_bytes(csv_file.read_bytes().replace(b",exact,", b",roughly,", 1))
    out = subprocess.run([str(BIN / "frictionless"), "validate", "--json",
                          str(tmp_path / "datapackage.json")], capture_output=True, text=True)
    report = json.loads(out.stdout)
    assert out.returncode != 0 and not report["valid"]
    assert [e["type"] for e in report["tasks"][0]["errors"]] == ["constraint-error"]


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", ["index", "appendix/data"])
def test_download_lists_name_true_sizes(site, edition, name):
    lists = page(site, edition, name).select("ul.book-downloads")
    assert lists, "no download list"
    hrefs = []
    for item in (li for ul in lists for li in ul.find_all("li")):
        link = item.find("a")
        target = (site / EDITIONS[edition] / Path(name).parent / link["href"]).resolve()
        assert target.is_file(), link["href"]
        size = item.select_one(".download-size")
        assert size is not None, f"{link['href']}: no size"
        shown = size.get_text().strip("（）() ")
        assert shown == size_text(target.stat().st_size), link["href"]
        hrefs.append(Path(link["href"]).name)
    expected = {f"tianqiao-2023-{edition}-facts.csv", f"tianqiao-2023-{edition}-facts.json",
                "datapackage.json"}
    if name == "index":
        expected |= {f"tianqiao-2023-{edition}.pdf", f"tianqiao-2023-{edition}.epub"}
    assert sorted(hrefs) == sorted(expected)


def test_citation_cff_is_valid_and_matches_the_book():
    if not CFFCONVERT.exists():
        pytest.fail("cffconvert is not installed: `make test` installs it")
    out = subprocess.run([str(CFFCONVERT), "--validate", "-i", str(ROOT / "CITATION.cff")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr[-2000:]
    assert out.stdout.strip() == "Citation metadata are valid according to schema version 1.2.0."
    assert out.stderr == ""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    zh, en = conf_settings(BOOK_LANG="zh"), conf_settings(BOOK_LANG="en")
    assert cff["title"] == f"{zh['project']} / {en['project']}"
    assert cff["authors"] == [{"name": zh["author"], "alias": en["author"]}]
    assert cff["preferred-citation"]["title"] == zh["project"]
    assert str(cff["version"]) == zh["release"] == cff["preferred-citation"]["edition"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_bibtex_entries_parse(site, edition):
    section = page(site, edition, "appendix/data").select_one("section#how-to-cite")
    blocks = [pre.get_text() for pre in section.select("pre.bibtex-entry")]
    assert len(blocks) == 2
    library = bibtexparser.parse_string("\n".join(blocks))
    assert library.failed_blocks == [] and len(library.entries) == 2
    for entry, ed in zip(library.entries, EDITIONS):
        settings = conf_settings(BOOK_LANG=ed)
        fields = {f.key: f.value for f in entry.fields}
        assert entry.entry_type == "book" and entry.key == f"tianqiao2023{ed}"
        assert fields["title"] == settings["project"]
        assert fields["author"] == "{" + settings["author"] + "}"  # a group, not a person
        assert fields["version"] == settings["release"]
        assert 2023 <= int(fields["year"]) <= 2100
        assert "李梦瑶" in fields["note"]
    assert library.entries[0]["year"] == library.entries[1]["year"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_front_page_json_ld_describes_book_and_dataset(site, edition):
    front = page(site, edition, "index")
    scripts = front.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    graph = json.loads(scripts[0].string)["@graph"]
    types = {item["@type"]: item for item in graph}
    assert set(types) == {"Book", "Dataset"}
    assert types["Book"]["name"] == conf_settings(BOOK_LANG=edition)["project"]
    assert types["Dataset"]["subjectOf"] == {"@id": types["Book"]["@id"]}
    formats = {}
    for dist in types["Dataset"]["distribution"]:
        assert dist["@type"] == "DataDownload"
        target = site / EDITIONS[edition] / dist["contentUrl"]
        assert target.is_file(), dist["contentUrl"]
        formats[dist["encodingFormat"]] = target.suffix
    assert formats == {"text/csv": ".csv", "application/json": ".json"}
    # the front page only
    assert not page(site, edition, "governance").select('script[type="application/ld+json"]')


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_appendix_row_links_to_itself(site, facts, edition):
    rows = page(site, edition, "appendix/data").select("table.fact-appendix tbody tr")
    assert len(rows) == len(facts)
    for tr in rows:
        assert tr.select_one("a.fact-permalink")["href"] == f"#{tr['id']}"


@pytest.mark.parametrize("edition, site_url, expected", [
    ("en", "https://example.org/book/", "https://example.org/book/en/"),
    ("zh", "https://example.org/book", "https://example.org/book/"),
    ("en", "", ""),  # address unknown: the files link relatively
])
def test_edition_address_from_book_base_url(edition, site_url, expected):
    from types import SimpleNamespace

    from bookpublish.citation import this_edition_url
    config = SimpleNamespace(language=edition, bookpublish_site_url=site_url,
                             bookpublish_citation=conf_settings(BOOK_LANG=edition)["bookpublish_citation"])
    assert this_edition_url(config) == expected
