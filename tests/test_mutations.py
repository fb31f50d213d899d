"""Property: whatever one mistake an editor makes in facts.yaml or a chapter, the book
either builds with every number printed properly, or fails with located errors only.

Hypothesis mutates the small test project (tests/roots/test-factbook: the same
extensions, a chapter, a data appendix, a chart, the open-data files) at random:
values of the wrong type, out of range or with Chinese marks, deleted, duplicated or
re-indented lines, random characters, other encodings, line ends and byte-order marks.
Each example is one build in this process (a fraction of a second), in English or
Chinese. Asserted:

- no exception escapes the build (a crash report), and nothing says "Traceback";
- a failed build prints at most 15 lines, each `FILE[:LINE]: ERROR|WARNING: …` or the
  summary line, and exit status 1;
- a build that succeeds prints nothing, and no page or data file holds nan, inf,
  None, a number in exponent form or a float's rounding noise.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from sphinx._cli.util.errors import strip_escape_sequences
from sphinx.testing.util import SphinxTestApp

from helpers import ROOT

PROJECT = ROOT / "tests" / "roots" / "test-factbook"
OPEN_DATA = {"basename": "t", "name": "t-facts", "title": "T", "description": "D", "version": "1",
             "author": "A", "keywords": ["k"], "licence": {"name": "notspecified", "title": "n"},
             "source": {"title": "S"}}

# -- mistakes --------------------------------------------------------------------------
FIELDS = ["label", "label_en", "value", "unit", "unit_en", "scale", "qualifier", "period", "topic",
          "source", "also_in", "conflicts_with", "note", "note_en", "formula", "digits",
          "agrees_with"]
BAD_SCALARS = [".nan", "-.nan", ".inf", "-.inf", "-1", "0", "-0.0", "1.0e+16", "1e16", "0.00001",
               "3.14159265", "''", "' '", "~", "null", "true", "no", "[]", "{}", "[1, 2]",
               "{a: 1}", "约20", "890余", "1.2万", "1,250", "２０", "2023-13", "2023Q5", "2023-00",
               "2023-05/2023-01", "2023-01-05", "2023-13-45", "rank", "月", "land", "problems",
               "land_ha", "[land]", "[problems, problems]", "land / 0", "land ** 2",
               "land * 1e300 * 1e300", "-land", "land_ha / 2", "__import__('os')", "!!binary aGk=",
               "!!python/object:os.system x", "*nothing", "&a 1", "'unterminated", "[1,", "S9¶9",
               "S3¶4", "C1", "about", "more_than", "亿", "万", "千", "个", "斤", "governance",
               "weather", "as-reported", "2023-ytd", "1", "7", "13", "470.4", "999999999999999"]
CHAPTER_SNIPPETS = ["{fact}`nope`", "{fact}`land`", "{fact}`LAND`", "{fact-period}`nope`",
                    "{fact-source}`problems`", "{fact}``", "{numref}`tab-nope`",
                    ":::{chart} nope\n:name: fig-x\n图\n:::", ":::{chart} land\n:::",
                    ":::{fact-table}\n:keys: land nope\n表\n:::", ":::{fact-table}\n:topic: weather\n表\n:::",
                    ":::{fact-table}\n:::", "![](missing.png)", "![](/_generated/charts/zh/land.svg)",
                    "```{chart}\n```", ":::", "# ", "(label)=", "[x](#nowhere)", "\\", "{fact}`land`"
                    "{fact}`problems`", "`", "$x$", "<div>", "\t", "\x00", "\ufeff"]


@st.composite
def yaml_value(draw):
    """A value for a field: a listed mistake, or any scalar hypothesis makes, as YAML."""
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(st.sampled_from(BAD_SCALARS))
    value = draw(st.one_of(st.floats(), st.integers(-10**20, 10**20), st.text(max_size=12),
                           st.booleans(), st.none(), st.lists(st.integers(), max_size=2)))
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip() \
        .removesuffix("\n...").removesuffix("...").strip()


@st.composite
def mutated_data(draw, text: str) -> bytes:
    lines = text.splitlines(keepends=True)
    kind = draw(st.sampled_from(["set", "set", "add", "delete", "duplicate", "indent", "char",
                                 "encoding"]))
    field_lines = [i for i, line in enumerate(lines) if re.match(r"^    \w+:", line)]
    if kind in ("set", "add"):
        i = draw(st.sampled_from(field_lines))
        value = draw(yaml_value())
        name = lines[i].split(":")[0].strip() if kind == "set" else draw(st.sampled_from(FIELDS))
        new = f"    {name}: {value}\n"
        lines[i:i + 1] = [new] if kind == "set" else [lines[i], new]
    elif kind == "delete":
        del lines[draw(st.integers(0, len(lines) - 1))]
    elif kind == "duplicate":
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(i, min(len(lines), i + 9)))
        lines[j:j] = lines[i:j] or [lines[i]]
    elif kind == "indent":
        i = draw(st.integers(0, len(lines) - 1))
        lines[i] = draw(st.sampled_from(["  ", " ", "\t"])) + lines[i] if draw(st.booleans()) \
            else lines[i][2:]
    elif kind == "char":
        i = draw(st.integers(0, len(text)))
        joined = "".join(lines)
        return (joined[:i] + draw(st.text(min_size=1, max_size=3)) + joined[i:]).encode(
            "utf-8", "surrogatepass")
    return encode(draw, "".join(lines), kind == "encoding")


def encode(draw, text: str, vary: bool) -> bytes:
    if not vary:
        return text.encode("utf-8")
    how = draw(st.sampled_from(["bom", "crlf", "bom-crlf", "cr", "utf-16", "gb18030", "latin",
                                "truncate"]))
    if how in ("crlf", "bom-crlf"):
        text = text.replace("\n", "\r\n")
    if how == "cr":
        text = text.replace("\n", "\r")
    if how.startswith("bom"):
        return ("\ufeff" + text).encode("utf-8")
    if how in ("utf-16", "gb18030"):
        return text.encode(how, "replace")
    if how == "latin":
        return text.encode("utf-8").replace("亩".encode(), b"\xc4\xb6")
    data = text.encode("utf-8")
    return data[:draw(st.integers(0, len(data)))]


@st.composite
def mutated_chapter(draw, text: str) -> bytes:
    lines = text.splitlines(keepends=True)
    kind = draw(st.sampled_from(["insert", "insert", "delete", "duplicate", "key", "encoding"]))
    if kind == "insert":
        i = draw(st.integers(0, len(lines)))
        lines.insert(i, draw(st.sampled_from(CHAPTER_SNIPPETS)) + "\n")
    elif kind == "delete":
        del lines[draw(st.integers(0, len(lines) - 1))]
    elif kind == "duplicate":
        i = draw(st.integers(0, len(lines) - 1))
        lines.insert(i, lines[i])
    elif kind == "key":
        joined = "".join(lines)
        roles = [m.start(1) for m in re.finditer(r"\{fact[^}]*\}`([^`]*)`", joined)]
        i = draw(st.sampled_from(roles))
        return (joined[:i] + draw(st.text("abcxyz_9 ", min_size=1, max_size=3)) + joined[i:]).encode()
    return encode(draw, "".join(lines), kind == "encoding")


# -- the build and what it may say ----------------------------------------------------------
LOCATED = re.compile(r"^/\S+?(:\d+)?: (ERROR|WARNING|CRITICAL|SEVERE): \S")
SUMMARY = re.compile(r"^ERROR: \d+ problems? in the data and the text \(listed above\): "
                     r"the build failed$")
# nan, inf, None (also right beside Chinese: 约nan亩), exponent forms, rounding noise
NONSENSE = re.compile(r"(?<![A-Za-z])(?:[Nn]a[Nn]|-?[Ii]nf(?:inity)?|None)(?![A-Za-z])"
                      r"|\d[eE][+-]?\d|\d\.\d{5,}|\d{16,}")


def build(data: bytes | None, chapter: bytes | None, language: str) -> tuple[int, str, Path]:
    src = Path(tempfile.mkdtemp(prefix="mutation-")) / "src"
    shutil.copytree(PROJECT, src)
    if data is not None:
        (src / "facts.yaml").write_bytes(data)
    if chapter is not None:
        (src / "chapter.md").write_bytes(chapter)
    warning = io.StringIO()
    app = SphinxTestApp("html", srcdir=src, status=io.StringIO(), warning=warning,
                        freshenv=True, warningiserror=True,  # as the Makefile builds: -W
                        confoverrides={"language": language, "bookpublish_open_data": OPEN_DATA})
    try:
        app.build()  # an exception here is a crash: the test fails with it
    finally:
        app.cleanup()
    said = [line for line in strip_escape_sequences(warning.getvalue()).splitlines()
            if "is already registered" not in line]  # one process, many apps: sphinx.testing's
    return app.statuscode, "\n".join(said), src


SEPARATOR = re.compile(r"[\s,;:|\"'“”‘’()（）\[\]{}<>，；：、]")


def written_by_the_build(pattern: re.Pattern, text: str, typed: str) -> list[str]:
    """The matches of `pattern` in an output that the build wrote: a match whose word
    (up to the spaces around it) stands as such in the mutated input is the editor's
    own text (a label "-.nan"), not a number the build formatted ("约nan亩")."""
    found = []
    for match in pattern.finditer(text):
        # the word around it, between spaces and the marks around fields (CSV, JSON, tables)
        start, end = match.start(), match.end()
        while start > 0 and not SEPARATOR.match(text[start - 1]):
            start -= 1
        while end < len(text) and not SEPARATOR.match(text[end]):
            end += 1
        word = text[start:end]
        if not word or word not in typed:
            found.append(match.group())
    return found


def check(data: bytes | None, chapter: bytes | None, language: str):
    status, said, src = build(data, chapter, language)
    typed = b"\n".join(x for x in (data, chapter) if x).decode("utf-8", "replace")
    try:
        lines = said.splitlines()
        if status == 0:
            assert said == ""
            out = src / "_build" / "html"
            for page in list(out.glob("*.html")) + list((out / "downloads").glob("*.*")):
                text = page.read_text(encoding="utf-8-sig")
                if page.suffix == ".html":
                    text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", text, flags=re.S)
                    found = written_by_the_build(NONSENSE, text, typed)
                else:  # machine values: plain numbers are fine, never nan/inf/None
                    found = written_by_the_build(re.compile(
                        r"(?<![A-Za-z])(?:[Nn]a[Nn]|-?[Ii]nf(?:inity)?|None)(?![A-Za-z])"),
                        text, typed)
                assert found == [], (page.name, found)
        else:
            assert status == 1
            assert 1 <= len(lines) <= 15, said
            assert "Traceback" not in said and "Versions" not in said, said
            assert all(LOCATED.match(line) or SUMMARY.match(line) for line in lines), said
    finally:
        shutil.rmtree(src.parent, ignore_errors=True)


set_hypothesis_home_dir(tempfile.mkdtemp(prefix="hypothesis-"))  # no .hypothesis/ in the clone
DATA = (PROJECT / "facts.yaml").read_text(encoding="utf-8")
CHAPTER = (PROJECT / "chapter.md").read_text(encoding="utf-8")
# A few seconds in `make check`; MUTATION_EXAMPLES=500 for a longer hunt.
EXAMPLES = int(os.environ.get("MUTATION_EXAMPLES", "0"))


def examples(default: int):
    # in CI the same examples every run (Hypothesis' advice: a landing does not hang on
    # the draw); on an editor's machine new ones each time
    return settings(max_examples=EXAMPLES or default, deadline=None, database=None,
                    derandomize=bool(os.environ.get("CI")),
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.slow  # started first: the other tests of `make check` run beside it
@examples(40)
@given(data=mutated_data(DATA), language=st.sampled_from(["zh_CN", "en"]))
def test_any_mistake_in_the_data_is_located_or_harmless(data, language):
    check(data, None, language)


@pytest.mark.slow
@examples(25)  # a chapter that still builds is written out: slower than a data mistake
@given(chapter=mutated_chapter(CHAPTER), language=st.sampled_from(["zh_CN", "en"]))
def test_any_mistake_in_a_chapter_is_located_or_harmless(chapter, language):
    check(None, chapter, language)


def test_the_property_can_fail():
    """The checks above catch what they are for: a crash, an unlocated line, nonsense."""
    bad = DATA.replace("value: 470.4", "value: 470.4\n    qualifier: [").encode()
    check(bad, None, "zh_CN")  # located: passes
    with pytest.raises(AssertionError):
        assert NONSENSE.findall("约nan亩 1e-05 31.360000000000003") == []
    assert NONSENSE.findall("约nan亩 1e-05 31.360000000000003 470.4亩 第一 None inf") == [
        "nan", "1e-0", "1.360000000000003", "None", "inf"]
    assert NONSENSE.findall("information, none of 2023年第一季度 0.5%") == []
    # the editor's own words are not the build's: a label "-.nan" may stand as typed
    assert written_by_the_build(NONSENSE, "约nan亩 标签 -.nan", "label: -.nan") == ["nan"]
    assert written_by_the_build(NONSENSE, 'land,"-.nan",588', "label: -.nan") == []
    assert written_by_the_build(NONSENSE, 'land,约nan亩,588', "label: -.nan") == ["nan"]
    assert not LOCATED.match("Traceback (most recent call last):")
    assert not LOCATED.match("Extension error (bookweb.socialcard):")
    assert LOCATED.match("/p/facts.yaml:3: ERROR: key 'land': field 'value' must be a number")
