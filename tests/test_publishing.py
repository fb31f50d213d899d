"""The four downloads are files a publisher can ship: accessible EPUBs (DAISY Ace
finds nothing, and the accessibility metadata is true), PDFs that name their
language and title and are tagged, and all four byte-identical whoever builds them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT

# Each edition's downloads, as shipped in the site.
DOWNLOADS = {"zh": ("downloads/tianqiao-2023-zh.pdf", "downloads/tianqiao-2023-zh.epub"),
             "en": ("en/downloads/tianqiao-2023-en.pdf", "en/downloads/tianqiao-2023-en.epub")}
LANGS = {"zh": "zh-CN", "en": "en"}

ACE = ROOT / "node_modules" / ".bin" / "ace-puppeteer"
CHROMIUM = Path("/usr/bin/chromium")


# -- EPUB accessibility ---------------------------------------------------------------

def ace_violations(report: dict) -> list[str]:
    """Every failed check in Ace's report.json: impact, rule, page and the element."""
    found = []
    for page in report["assertions"]:
        for check in page["assertions"]:
            result = check["earl:result"]
            if result["earl:outcome"] != "pass":
                test = check["earl:test"]
                found.append(f'{test["earl:impact"]} {test["dct:title"]} in '
                             f'{page["earl:testSubject"]["url"]}: '
                             f'{result.get("dct:description", "")} {result.get("html", "")}'.strip())
    return found


@pytest.mark.skipif(not ACE.exists(), reason="needs npm @daisy/ace (make test installs it)")
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
@pytest.mark.parametrize("edition", DOWNLOADS)
@pytest.mark.slow
def test_ace_finds_no_violations(site, edition, tmp_path):
    epub = site / DOWNLOADS[edition][1]
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM)}
    result = subprocess.run([str(ACE), "--force", "--silent", "--outdir", str(tmp_path), str(epub)],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert ace_violations(report) == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    present = set(report["a11y-metadata"]["present"])
    assert {"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
            "schema:accessibilityHazard", "schema:accessibilitySummary"} <= present


def package_metadata(opf: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for prop, value in re.findall(r'<meta property="([^"]+)">([^<]*)</meta>', opf):
        found.setdefault(prop, []).append(value)
    return found


@pytest.mark.parametrize("edition", DOWNLOADS)
def test_accessibility_metadata_is_true(site, edition):
    """What the package claims, the content bears out: alt text on every image,
    a data table after every chart (long descriptions), a table of contents
    with its ARIA role, headings in the pages; no conformance claim."""
    with zipfile.ZipFile(site / DOWNLOADS[edition][1]) as z:
        meta = package_metadata(z.read("content.opf").decode())
        assert meta["schema:accessMode"] == ["textual", "visual"]
        assert meta["schema:accessModeSufficient"] == ["textual", "textual,visual"]
        assert meta["schema:accessibilityFeature"] == [
            "tableOfContents", "index", "structuralNavigation", "readingOrder",
            "alternativeText", "longDescription"]
        assert meta["schema:accessibilityHazard"] == ["none"]
        [summary] = meta["schema:accessibilitySummary"]
        chinese = len(re.findall(r"[\u4e00-\u9fff]", summary))
        assert (chinese > 40) if edition == "zh" else (chinese == 0 and "chart" in summary)
        assert "dcterms:conformsTo" not in meta  # nobody has evaluated it against WCAG

        nav = BeautifulSoup(z.read("nav.xhtml"), "html.parser").find("nav")
        assert nav["epub:type"] == "toc" and nav["role"] == "doc-toc"
        assert len(nav.find_all("a")) > 20
        # its heading in the edition's language (the page is lang="zh-CN" too)
        assert nav.h1.get_text() == {"zh": "目录", "en": "Table of Contents"}[edition]

        index = BeautifulSoup(z.read("genindex.xhtml"), "html.parser")
        assert len(index.select("table.indextable a[href]")) > 50  # the glossary's terms

        charts = images = 0
        for name in z.namelist():
            if not name.endswith(".xhtml") or name == "nav.xhtml":
                continue
            page = BeautifulSoup(z.read(name), "html.parser")
            for img in page.find_all("img"):
                images += 1
                assert img.get("alt", "").strip(), f"{name}: {img}"
            for figure in page.select("figure.chart"):
                charts += 1
                table = figure.find_next_sibling()
                assert table is not None and table.name == "table" \
                    and "chart-data" in table["class"], f"{name}: {figure['id']} has no data table"
            for caption in page.select('[role="heading"]'):
                assert caption.get("aria-level") in {"1", "2", "3", "4", "5", "6"}, caption
        assert charts >= 1 and images >= charts


# -- PDF language and title --------------------------------------------------------------

@pytest.mark.parametrize("edition", DOWNLOADS)
def test_pdf_states_language_and_shows_title(site, edition):
    from pypdf import PdfReader
    reader = PdfReader(str(site / DOWNLOADS[edition][0]))
    catalog = reader.trailer["/Root"]
    assert catalog.get("/Lang") == LANGS[edition]
    assert catalog["/ViewerPreferences"].get("/DisplayDocTitle") == True  # noqa: E712 (a PDF boolean)
    assert reader.metadata.title.startswith({"zh": "天桥 2023：", "en": "Tianqiao 2023:"}[edition])
    # The README tells screen-reader users the PDF is tagged (tests/test_pdf_tags.py
    # walks the tree): keep that true.
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712


# -- reproducible downloads ------------------------------------------------------------------

def built_at(download: Path) -> int:
    """The SOURCE_DATE_EPOCH a download was built with, as it records it."""
    if download.suffix == ".pdf":
        from pypdf import PdfReader
        return int(PdfReader(str(download)).metadata.creation_date.timestamp())
    with zipfile.ZipFile(download) as z:
        stamp = re.search(r'<meta property="dcterms:modified">([^<]+)<',
                          z.read("content.opf").decode())[1]
    return int(datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S%z").timestamp())


@pytest.mark.slow
def test_downloads_identical_when_built_from_a_clone_elsewhere(site, tmp_path):
    """Clone the committed book to another path (another name, another parent),
    build only the PDFs and EPUBs there, and compare them with the site's.

    Each format is built with the SOURCE_DATE_EPOCH the site's copy records. The
    Makefile takes it from the last commit, so a format built before a commit
    that changed no source carries the earlier date; `make` rightly does not
    rebuild it for that, and the date is not what this test is about."""
    clone = tmp_path / "elsewhere" / "another-name"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=300)
    shared = ROOT.parent / "shared"  # conf.py reads the source locators from ../shared
    if shared.exists():
        (clone.parent / "shared").symlink_to(shared)
    (clone / ".venv").symlink_to(ROOT / ".venv")

    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    for fmt, index in (("pdf", 0), ("epub", 1)):
        epoch = built_at(site / DOWNLOADS["zh"][index])
        # -o: the shared environment and system packages count as ready, not to be redone.
        result = subprocess.run(["make", "-o", ".venv/.installed", "-o", "_build/.sysdeps", fmt],
                                cwd=clone, capture_output=True, text=True, timeout=1800,
                                env={**env, "SOURCE_DATE_EPOCH": str(epoch)})
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    built = {"zh": ("_build/stage/zh/typst/tianqiao-2023-zh.pdf",
                    "_build/stage/zh/epub/tianqiao-2023-zh.epub"),
             "en": ("_build/stage/en/typst/tianqiao-2023-en.pdf",
                    "_build/stage/en/epub/tianqiao-2023-en.epub")}
    differ = [shipped for ed in DOWNLOADS for shipped, other in zip(DOWNLOADS[ed], built[ed])
              if (site / shipped).read_bytes() != (clone / other).read_bytes()]
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout
    assert differ == [], ("differ from a clean build of the last commit elsewhere"
                          + (f"; uncommitted changes (commit them first):\n{dirty}" if dirty else ""))
