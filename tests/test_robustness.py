"""Bad input fails loudly and precisely, the last good site survives, and
builds are reproducible."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

# Everything but outputs, environments and the tests themselves.
SKIP = {".git", ".venv", "_build", "node_modules", "tests", ".pytest_cache", "__pycache__"}


@pytest.fixture
def project(tmp_path):
    """A copy of the project (sharing the environment) to break things in."""
    dest = tmp_path / "main"
    dest.mkdir()
    for src in ROOT.iterdir():
        name = src.name
        if name in SKIP:
            continue
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("_generated", "*.mo"))
        else:
            shutil.copy2(src, dest / name)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    shared = ROOT.parent / "shared"
    if shared.exists():
        (tmp_path / "shared").symlink_to(shared)
    return dest


def build(project: Path, out: Path, *extra, lang="zh"):
    env = {**os.environ, "BOOK_LANG": lang, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-E", "-n", "-W", "--keep-going", "-q", "-b", "html",
         "-d", str(out / ".doctrees"), *extra, str(project / "docs"), str(out)],
        cwd=project, capture_output=True, text=True, env=env, timeout=900)


def edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if needle in line)


def test_broken_data_names_file_line_and_key(project, tmp_path):
    edit(project / "facts.yaml", "value: 470.4", "value: 四百七十")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    line = line_of(project / "facts.yaml", "  land_supplied:")
    assert f"facts.yaml:{line}: key 'land_supplied': field 'value' must be a number" in result.stderr


def test_unknown_fact_names_document_and_line(project, tmp_path):
    edit(project / "docs" / "renewal.md", "{fact}`land_supplied`", "{fact}`land_suplied`")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    line = line_of(project / "docs" / "renewal.md", "land_suplied")
    assert f"renewal.md:{line}: unknown fact key 'land_suplied'" in result.stderr


def test_missing_image_names_document_and_line(project, tmp_path):
    with (project / "docs" / "outlook.md").open("a", encoding="utf-8") as f:
        f.write("\n![示意图](missing-picture.png)\n")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "outlook.md:" in result.stderr and "missing-picture.png" in result.stderr


def test_broken_cross_reference_names_document_and_line(project, tmp_path):
    edit(project / "docs" / "renewal.md", "{numref}`fig-land`", "{numref}`fig-lands`")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    line = line_of(project / "docs" / "renewal.md", "fig-lands")
    assert f"renewal.md:{line}" in result.stderr and "fig-lands" in result.stderr


def test_missing_alt_text_is_caught(project, tmp_path):
    """A chart whose alt text came out empty would fail the site checks; here the
    build itself refuses a chart script whose alt function returns nothing."""
    edit(project / "book" / "chart_drawings.py", "def alt_pipes(facts, lang):",
         "def alt_pipes(facts, lang):\n    return ''\n\n\ndef _unused_alt_pipes(facts, lang):")
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "pipes" in result.stderr and "alt text" in result.stderr


def test_failed_build_leaves_the_last_good_site(project):
    site = project / "_build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("last good site", encoding="utf-8")
    edit(project / "facts.yaml", "value: 470.4", "value: [")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    result = subprocess.run(["make", "book"], cwd=project, capture_output=True, text=True,
                            env=env, timeout=900)
    assert result.returncode != 0
    assert "facts.yaml:" in result.stdout + result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"


def test_two_clean_builds_are_identical(project, tmp_path):
    for n in (1, 2):
        assert build(project, tmp_path / f"out{n}").returncode == 0
    differ = [p.relative_to(tmp_path / "out1").as_posix()
              for p in (tmp_path / "out1").rglob("*") if p.is_file()
              and ".doctrees" not in p.parts
              and p.read_bytes() != (tmp_path / "out2" / p.relative_to(tmp_path / "out1")).read_bytes()]
    assert differ == []


def test_pdf_rebuilds_byte_identical(site, tmp_path):
    """The shipped PDF, typeset again from its LaTeX sources with the same
    SOURCE_DATE_EPOCH (read back from the PDF's creation date), comes out the same."""
    latex = ROOT / "_build" / "stage" / "zh" / "latex"
    work = tmp_path / "latex"
    shutil.copytree(latex, work, ignore=shutil.ignore_patterns(
        "*.pdf", "*.aux", "*.toc", "*.lof", "*.lot", "*.out", "*.log", "*.fls", "*.fdb_latexmk",
        "*.xdv", "*.idx", "*.ind", "*.ilg"))
    for chart in latex.glob("*.pdf"):  # the charts, not the book
        if not chart.name.startswith("tianqiao-"):
            shutil.copy2(chart, work / chart.name)
    shipped = site / "downloads" / "tianqiao-2023-zh.pdf"
    from pypdf import PdfReader
    epoch = int(PdfReader(str(shipped)).metadata.creation_date.timestamp())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "FORCE_SOURCE_DATE": "1"}
    subprocess.run(["make", "-C", str(work), "LATEXMKOPTS=-quiet -interaction=nonstopmode",
                    "all-pdf"], env=env, capture_output=True, check=True, timeout=600)
    assert (work / shipped.name).read_bytes() == shipped.read_bytes()
