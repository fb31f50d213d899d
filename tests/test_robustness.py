"""Bad input fails loudly and precisely, the last good site survives, and
builds are reproducible."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import edit, project_copy

# Everything but outputs, environments and the tests themselves.
SKIP = {".git", ".venv", "_build", "node_modules", "tests", ".pytest_cache", "__pycache__"}


@pytest.fixture
def project(tmp_path):
    """A copy of the project (sharing the environment) to break things in; nothing
    beside it: the book needs no ../shared (provenance.yaml)."""
    return project_copy(tmp_path, SKIP, ("_generated", "*.mo"), name="main", shared=False)


def build(project: Path, out: Path, *extra, lang="zh"):
    env = {**os.environ, "BOOK_LANG": lang, "SOURCE_DATE_EPOCH": "1700000000",
           "NO_COLOR": "1"}  # Sphinx colours its lines where CI is set
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-E", "-n", "-W", "--keep-going", "-q", "-b", "html",
         "-d", str(out / ".doctrees"), *extra, str(project / "docs"), str(out)],
        cwd=project, capture_output=True, text=True, env=env, timeout=900)


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if needle in line)


# Planted faults of every kind are proven on the small test project, with the whole
# output asserted (tests/test_schema.py, tests/test_extension.py, tests/test_mutations.py).
# Here: the real book with every extension loaded (bookweb's social card, sitemap and
# icons run at build-finished; factbook's exports): a mistake ends the build right after
# it is listed, with no crash report and no page written.

SUMMARY = "ERROR: 1 problem in the data and the text (listed above): the build failed\n"
FIRST_VALUE = "    value: 3\n    unit: 年\n    qualifier: exact\n"  # three_year_action_span


def plant(project: Path, old: str, new: str) -> int:
    """Put the mistake in; the line where it now stands (found by the test, not the loader)."""
    data = project / "facts.yaml"
    text = data.read_text(encoding="utf-8")
    assert old in text, old
    data.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_yaml_syntax_error_in_the_real_book_is_one_located_line(project, tmp_path, lang):
    line = plant(project, FIRST_VALUE, FIRST_VALUE.replace("value: 3", "value: ["))
    # `[` opens a flow sequence; `unit: 年` is a pair inside it; `qualifier:` is where
    # YAML finds the `]` missing, two lines below.
    result = build(project, tmp_path / "out", lang=lang)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"{project}/facts.yaml:{line}: ERROR: YAML syntax error while parsing a flow sequence"
        f" here: expected ',' or ']', but got ':' on line {line + 2} [factbook.data]\n" + SUMMARY)
    # nothing written: no page, no data file, no social card, no sitemap
    assert [p.name for p in (tmp_path / "out").iterdir()] == [".doctrees"]


@pytest.mark.parametrize("old, new, where, message", [
    ("value: 470.4", "value: .nan", "value: 470.4",
     "key 'land_supplied': field 'value' must be a finite number, not .nan"),
    ("value: 3\n", "value: 约3\n", "value: 3\n",
     "key 'three_year_action_span': field 'value' must be a number, not '约3': write value: 3"
     " and qualifier: about"),
    ("conflicts_with: green_space_added_caption", "conflicts_with: [green_space_added_caption]",
     "conflicts_with: green_space_added_caption",
     "key 'green_space_added': field 'conflicts_with' must be the key of a source record, not a"
     " list"),
    ("period: 2023-ytd", "period: 2023-13", "period: 2023-ytd",
     "key 'joint_meeting_issues_resolved': field 'period' has a month outside 01–12: '2023-13'"),
], ids=["nan", "about", "conflicts-list", "month-13"])
def test_data_mistake_in_the_real_book_english_edition(project, tmp_path, old, new, where, message):
    """The English edition (where `.nan` used to crash a chart): the located line, the
    summary, nothing else."""
    line = plant(project, old, new)
    result = build(project, tmp_path / "out", lang="en")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"{project}/facts.yaml:{line}: ERROR: {message} [factbook.data]\n" \
        + SUMMARY
    assert [p.name for p in (tmp_path / "out").iterdir()] == [".doctrees"]


@pytest.mark.slow
def test_failed_build_leaves_the_last_good_site(project):
    site = project / "_build" / "html"
    site.mkdir(parents=True)
    (site / "index.html").write_text("last good site", encoding="utf-8")
    line = plant(project, FIRST_VALUE, FIRST_VALUE.replace("value: 3", "value: ["))
    # a make of its own (not a sub-make of `make test`), in plain text (Sphinx colours
    # its lines where CI is set)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env.update(SOURCE_DATE_EPOCH="1700000000", NO_COLOR="1")
    result = subprocess.run(["make", "book"], cwd=project, capture_output=True, text=True,
                            env=env, timeout=900)
    assert result.returncode != 0
    located = (f"{project}/facts.yaml:{line}: ERROR: YAML syntax error while parsing a flow"
               f" sequence here: expected ',' or ']', but got ':' on line {line + 2}"
               " [factbook.data]")
    lines = result.stderr.splitlines()
    assert located in lines
    # each edition's build says the same two lines; make names the rule that failed
    assert {ln for ln in lines if not ln.startswith("make")} == {located, SUMMARY.strip()}
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



@pytest.mark.sphinx("html", testroot="factbook", srcdir="robustness-stopped-then-fixed")
def test_after_a_stopped_build_the_fix_leaves_no_page_with_the_old_number(app_params, make_app):
    """A stopped build read the pages showing a changed fact and wrote none; the build
    after the fix must still write them (factbook forgets the stopped build's reading)."""
    args, kwargs = app_params
    first = make_app(*args, **kwargs)
    first.build()
    assert first.statuscode == 0
    src = first.srcdir
    edit(src / "facts.yaml", "value: 890", "value: 891")
    edit(src / "index.md", "# ", "{fact}`nope`\n\n# ")  # and a mistake, in the same save
    stopped = make_app(*args, **kwargs)
    stopped.build()
    assert stopped.statuscode == 1
    edit(src / "index.md", "{fact}`nope`\n\n# ", "# ")
    fixed = make_app(*args, **kwargs)
    fixed.build()
    assert fixed.statuscode == 0
    for page in ("chapter", "places", "data"):
        text = (fixed.outdir / f"{page}.html").read_text(encoding="utf-8")
        assert "891余个" in text and "890余个" not in text, page
