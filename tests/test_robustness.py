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


# Planted faults in the data and the text (broken data, unknown fact, missing image,
# broken reference, chart without alt text) are proven on the small test project,
# with the whole output asserted: tests/test_extension.py. Here: what needs the book.


@pytest.mark.slow
def test_failed_build_leaves_the_last_good_site(project):
    site = project / "_build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("last good site", encoding="utf-8")
    edit(project / "facts.yaml", "value: 470.4", "value: [")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    result = subprocess.run(["make", "book"], cwd=project, capture_output=True, text=True,
                            env=env, timeout=900)
    assert result.returncode != 0
    from factbook.data import read_facts
    line = read_facts(project / "facts.yaml").problems[0].line  # where PyYAML notices
    assert f"facts.yaml:{line}: ERROR: YAML syntax error" in result.stderr
    assert "Traceback" not in result.stderr and "report" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"


@pytest.mark.slow
def test_two_clean_builds_are_identical(project, tmp_path):
    for n in (1, 2):
        assert build(project, tmp_path / f"out{n}").returncode == 0
    differ = [p.relative_to(tmp_path / "out1").as_posix()
              for p in (tmp_path / "out1").rglob("*") if p.is_file()
              and ".doctrees" not in p.parts
              and p.read_bytes() != (tmp_path / "out2" / p.relative_to(tmp_path / "out1")).read_bytes()]
    assert differ == []

