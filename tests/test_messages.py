"""The editor's typical mistakes on the real book (every extension loaded, conf.py as
it is), each message in full and nothing else: a page left out of every toctree names
docs/index.md; a misspelt key gets the key it was probably meant to be; a fact shown
only outside running text is reported with what counts as a use. Sphinx's `dummy`
builder reads and checks the whole book without writing it (seconds)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from helpers import ROOT

COPIED = ["conf.py", "facts.yaml", "provenance.yaml", "docs", "factbook", "bookpublish",
          "bookformats", "bookweb", "bookbuild", "book",
          "locales", "_static", "_templates"]


def test_typical_mistakes_each_one_located_line_with_a_hint(tmp_path):
    book = tmp_path / "project"
    book.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, book / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
        else:
            shutil.copy2(source, book / name)
    if (ROOT.parent / "shared").exists():
        (tmp_path / "shared").symlink_to(ROOT.parent / "shared")
    docs = book / "docs"
    (docs / "parks.md").write_text("# 口袋公园\n\n2023年新增了口袋公园。\n", encoding="utf-8")
    renewal = (docs / "renewal.md").read_text(encoding="utf-8")
    (docs / "renewal.md").write_text(
        renewal.replace("{fact}`land_supplied_parcels`", "{fact}`land_supplied_parcel`"),
        encoding="utf-8")
    for other in docs.rglob("*.md"):  # the fact then stands nowhere else: "never used"
        if other.name != "renewal.md":
            text = other.read_text(encoding="utf-8")
            other.write_text(text.replace("{fact}`land_supplied_parcels`", ""), encoding="utf-8")
    line = 1 + renewal[:renewal.index("{fact}`land_supplied_parcels`")].count("\n")
    data = (book / "facts.yaml").read_text(encoding="utf-8")
    record = 1 + data[:data.index("\n  land_supplied_parcels:\n") + 1].count("\n")

    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "dummy", "-n", "-W", "--keep-going", "-q",
         str(docs), str(tmp_path / "out")], cwd=book, capture_output=True, text=True,
        timeout=300, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{docs}/parks.md: WARNING: document isn't included in any toctree: list it in a "
        "toctree of docs/index.md (or mark it `orphan: true` in its front matter) "
        "[toc.not_included]",
        f"{docs}/renewal.md:{line}: ERROR: unknown fact key 'land_supplied_parcel': "
        "did you mean 'land_supplied_parcels'? [factbook.unknown]",
        f"{book}/facts.yaml:{record}: ERROR: fact 'land_supplied_parcels' is never used in the "
        "book (only {fact}`land_supplied_parcels` in the text counts, not a fact-table or "
        "chart showing it) [factbook.unused]",
        "ERROR: 2 problems in the data and the text (listed above): the build failed",
    ]
