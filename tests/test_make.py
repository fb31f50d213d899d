"""Make-level dependencies: nothing rebuilds when nothing changed; a changed
chapter, data file or chart script rebuilds the PDF (asked of make with -n)."""

from __future__ import annotations

import subprocess

import pytest

from helpers import ROOT


def dry_run(*args) -> str:
    """What `make book` would run now (-n: print, do not run; -W: as if changed)."""
    return subprocess.run(["make", "-n", *args, "book"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout


def test_second_make_book_does_nothing(site):
    out = dry_run()
    assert "sphinx-build" not in out and "all-pdf" not in out, out


@pytest.mark.parametrize("changed", ["docs/renewal.md", "facts.yaml", "book/chart_drawings.py",
                                     "book/bookstyle.sty", "locales/en/LC_MESSAGES/renewal.po"])
def test_a_change_rebuilds_the_pdf(site, changed):
    out = dry_run("-W", changed)
    assert "-b latex" in out and "all-pdf" in out, out
    assert "mv _build/html.next _build/html" in out  # and the site is swapped in


@pytest.mark.parametrize("changed", ["scripts/bench.py", "scripts/system-deps.sh"])
def test_a_changed_tool_rebuilds_nothing(site, changed):
    """Tools around the build are not inputs of the book."""
    out = dry_run("-W", changed)
    assert "sphinx-build" not in out and "all-pdf" not in out, out
    assert "_build/html.next" not in out, out
