"""Shared fixtures. Output tests read the real site built by `make book`
(`make test` builds it first); extension tests use Sphinx's own fixtures."""

from __future__ import annotations

import os
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


# -- no silent skips -------------------------------------------------------------------
# Under make (`make test`, `make check`) and in CI every tool the tests use has been
# installed by the project's own steps; a test that would skip for want of one means
# that step is broken, so it fails and names the step. Run by hand (`pytest tests/x.py`
# on a machine without Chromium, say), a skip stays a skip.
STRICT = bool(os.environ.get("MAKELEVEL") or os.environ.get("CI"))
INSTALL_STEPS = [  # words of a skip reason -> the step that installs what it needs
    (("chromium", "qpdf", "epubcheck", "java", "debian"),
     "scripts/system-deps.sh test (Debian packages; the Makefile's _build/.testdeps rule)"),
    (("vnu", "ace", "npm", "axe", "node"),
     "npm ci (package-lock.json; the Makefile's _build/.testdeps rule)"),
    (("cffconvert",), ".venv/tools/cffconvert (the Makefile's $(CFFCONVERT) rule)"),
    (("site", "built", "pdf was not built"), "make book"),
]


def install_step(reason: str) -> str:
    low = reason.lower()
    for words, step in INSTALL_STEPS:
        if any(w in low for w in words):
            return step
    return "make test's install steps (Makefile: _build/.testdeps, $(CFFCONVERT), book)"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if STRICT and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = (f"{item.nodeid} would skip under make/CI ({reason.removeprefix('Skipped: ')}): "
                           f"a tool make test installs is missing; its install step is "
                           f"{install_step(reason)}")


# -- a build that stops after listing its problems ----------------------------------------
# factbook ends a build with problems right after the consistency check (BuildStopped, a
# SystemExit: no later hook of any extension runs). A sphinx.testing app then returns
# from build() like any finished build: the test reads app.statuscode and the output.
def _build_until_stopped(build):
    def run(self, *args, **kwargs):
        from factbook import BuildStopped
        try:
            build(self, *args, **kwargs)
        except BuildStopped:
            pass
    return run


from sphinx.testing.util import SphinxTestApp  # noqa: E402

SphinxTestApp.build = _build_until_stopped(SphinxTestApp.build)


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
