"""Shared fixtures. Output tests read the real site built by `make book`
(`make test` builds it first); extension tests use Sphinx's own fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from helpers import ROOT, SITE

sys.path.insert(0, str(ROOT))  # factbook, bookformats

pytest_plugins = ("sphinx.testing.fixtures",)


def pytest_collection_modifyitems(items):
    """The slow tests first: `make test` runs one worker per core (pytest-xdist) and
    hands each the next test when it is free, so the long ones start early and run side
    by side; a long test started last would leave the other core idle until it ends."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def rootdir():
    return ROOT / "tests" / "roots"


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").exists():
        pytest.fail("no built site: run `make book` first (make test does)")
    return SITE


@pytest.fixture(scope="session")
def facts():
    from factbook.data import load_facts
    return load_facts(ROOT / "facts.yaml")
