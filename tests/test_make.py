"""Make-level dependencies: nothing rebuilds when nothing changed; a changed
chapter, data file, chart script or build variable rebuilds (asked of make with -n);
and, building a copy: a deleted chapter leaves no page, an untranslated one is warned
of, an error both editions find is printed once."""

from __future__ import annotations

import os
import subprocess

import pytest

from helpers import ROOT, project_copy


def dry_run(*args) -> str:
    """What `make book` would run now (-n: print, do not run; -W: as if changed)."""
    return subprocess.run(["make", "-n", *args, "book"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout


def test_second_make_book_does_nothing(site):
    out = dry_run()
    assert "sphinx-build" not in out, out


@pytest.mark.parametrize("changed", ["docs/renewal.md", "facts.yaml", "book/chart_drawings.py",
                                     "booktypst/book.typ", "booktypst/translator.py",
                                     "locales/en/LC_MESSAGES/renewal.po"])
def test_a_change_rebuilds_the_pdf(site, changed):
    out = dry_run("-W", changed)
    assert "-b typst -c booktypst/conf" in out, out
    assert "mv _build/html.next _build/html" in out  # and the site is swapped in


@pytest.mark.parametrize("changed", ["scripts/bench.py", "scripts/system-deps.sh"])
def test_a_changed_tool_rebuilds_nothing(site, changed):
    """Tools around the build are not inputs of the book."""
    out = dry_run("-W", changed)
    assert "sphinx-build" not in out, out
    assert "_build/html.next" not in out, out


def stamp_text() -> str:
    stamp = ROOT / "_build" / "variables"
    return stamp.read_text(encoding="utf-8") if stamp.exists() else ""


@pytest.mark.parametrize("variable, value", [
    ("BOOK_BASE_URL", "https://example.org/tianqiao-2023/"),
    ("READTHEDOCS_CANONICAL_URL", "https://tianqiao.readthedocs.io/zh/latest/"),
    ("SOURCE_DATE_EPOCH", "1700000000"),
])
def test_a_changed_build_variable_rebuilds_every_format(site, variable, value):
    """A build variable is an input like a file: a new value rebuilds every format of
    both editions (the PDF made again by Typst), and a dry run writes nothing."""
    before = stamp_text()
    out = subprocess.run(["make", "-n", "book"], cwd=ROOT, capture_output=True, text=True,
                         check=True, env={**os.environ, variable: value}).stdout
    for edition in ("zh", "en"):
        for builder in ("html", "typst -c booktypst/conf", "epub"):
            assert f"-b {builder} -n -W --keep-going -q -d _build/doctrees/{edition}-" in out, out
    assert "mv _build/html.next _build/html" in out
    assert stamp_text() == before  # the dry run left the last build's values
    assert dry_run().count("sphinx-build") == 0  # and the next plain build does nothing


@pytest.fixture
def project(tmp_path):
    """A copy of the project without its build, to build and edit."""
    return project_copy(tmp_path, {".git", ".venv", "_build", "node_modules", ".pytest_cache"},
                        ("*.mo", "__pycache__", "_generated"))


def make_html(project) -> subprocess.CompletedProcess:
    # a make of its own, as an editor runs it: not a sub-make of `make test` (whose
    # jobserver it would be told about and could not use)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", "html"], cwd=project, capture_output=True, text=True,
                          timeout=900, env={**env, "NO_COLOR": "1"})


@pytest.mark.slow
def test_the_editors_loop_in_a_copy(project):
    """`make html` after the edits of issue 23: a chapter added (its page in both
    editions, the English warned of its missing translation), the chapter deleted (no
    page left behind), then a misspelt key (its error printed once, though both editions
    report it, before make's own lines)."""
    built = make_html(project)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "WARNING" not in built.stderr, built.stderr
    stage = project / "_build" / "stage"

    parks = project / "docs" / "parks.md"
    parks.write_text("---\norphan: true\n---\n\n# 口袋公园\n\n2023年新增口袋公园。\n", encoding="utf-8")
    built = make_html(project)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (stage / "zh" / "html" / "parks.html").exists()
    assert (stage / "en" / "html" / "parks.html").exists()
    assert built.stderr.splitlines() == [
        f"{parks}: WARNING: no English catalogue locales/en/LC_MESSAGES/parks.po "
        "(run `make po`, then translate: locales/TRANSLATING.md)",
        "WARNING: 1 message of the Chinese text has no English yet: the English pages show "
        "it in Chinese (run `make po`, then translate: locales/TRANSLATING.md)",
    ]

    parks.unlink()
    built = make_html(project)
    assert built.returncode == 0, built.stdout + built.stderr
    assert sorted(stage.rglob("parks*")) == []
    assert (stage / "zh" / "html" / "renewal.html").exists()

    chapter = project / "docs" / "renewal.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("`land_supplied_parcels`", "`land_supplied_parcelz`"),
                       encoding="utf-8")
    line = 1 + text[:text.index("`land_supplied_parcels`")].count("\n")
    built = make_html(project)
    assert built.returncode != 0
    problems = [f"{chapter}:{line}: ERROR: unknown fact key 'land_supplied_parcelz': "
                "did you mean 'land_supplied_parcels'? [factbook.unknown]",
                "ERROR: 1 problem in the data and the text (listed above): the build failed"]
    lines = built.stderr.splitlines()
    assert lines[:2] == problems, built.stderr
    assert all(line.startswith("make: ***") for line in lines[2:]), built.stderr
