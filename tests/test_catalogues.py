"""The English edition's text, checked from the files themselves, without a built book
(fast enough for `make check`):

- every message of the Chinese chapters has English in locales/en, none marked fuzzy
  (scripts/untranslated.py, which `make html` runs after the English edition);
- the term base (locales/terms.yaml): no variant it lists in an English catalogue,
  nor a listed Chinese variant in a chapter.

tests/test_english.py and tests/test_editorial.py check the same on the built pages.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import yaml

from helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import untranslated  # noqa: E402

TERMS = yaml.safe_load((ROOT / "locales" / "terms.yaml").read_text(encoding="utf-8"))["terms"]
LOCALE = ROOT / "locales" / "en" / "LC_MESSAGES"
ROLE = re.compile(r"\{[\w-]+\}`[^`]*`")  # {fact}`old_community_investment`, {numref}`fig-…`


def test_every_message_translated_and_none_fuzzy(tmp_path):
    templates = untranslated.extract(tmp_path)
    assert len(list(templates.rglob("*.pot"))) >= 10  # every chapter and appendix
    assert untranslated.problems(templates) == []


def test_untranslated_and_fuzzy_messages_named_at_their_line(tmp_path):
    """A new paragraph without English, a fuzzy one, a chapter without a catalogue:
    each named at its paragraph's line, and nothing else."""
    pot, root = tmp_path / "pot", tmp_path / "book"
    (root / "docs").mkdir(parents=True)
    (root / "locales" / "en" / "LC_MESSAGES").mkdir(parents=True)
    (root / "docs" / "parks.md").write_text("# 公园\n\n新增口袋公园。\n\n已译的一段。\n\n改过的一段。\n",
                                            encoding="utf-8")
    (root / "docs" / "more.md").write_text("# 更多\n", encoding="utf-8")
    pot.mkdir()
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    (pot / "parks.pot").write_text(header + "".join(
        f'msgid "{m}"\nmsgstr ""\n\n' for m in ("公园", "新增口袋公园。", "已译的一段。", "改过的一段。")),
        encoding="utf-8")
    (pot / "more.pot").write_text(header + 'msgid "更多"\nmsgstr ""\n', encoding="utf-8")
    (root / "locales" / "en" / "LC_MESSAGES" / "parks.po").write_text(header + textwrap.dedent("""\
        msgid "公园"
        msgstr "Parks"

        msgid "已译的一段。"
        msgstr "A translated paragraph."

        #, fuzzy
        msgid "改过的一段。"
        msgstr "A changed paragraph."
        """), encoding="utf-8")
    assert untranslated.problems(pot, root) == [
        f"{root}/docs/more.md: WARNING: no English catalogue locales/en/LC_MESSAGES/more.po "
        "(run `make po`, then translate: locales/TRANSLATING.md)",
        f"{root}/docs/parks.md:3: WARNING: not translated into English "
        "(locales/en/LC_MESSAGES/parks.po): 新增口袋公园。",
        f"{root}/docs/parks.md:7: WARNING: English marked fuzzy, so not used "
        "(locales/en/LC_MESSAGES/parks.po): check it, then delete its `#, fuzzy` line: 改过的一段。",
    ]


def norm(text: str) -> str:
    """English compared loosely, as tests/test_editorial.py compares it: case, curly
    apostrophes, soft hyphens, hyphens and line breaks aside."""
    text = text.replace("\u2019", "'").replace("\u00ad", "").replace("-", " ")
    return re.sub(r"\s+", " ", text).lower()


def listed_variants(catalogues: dict[str, str], chapters: dict[str, str]) -> list[str]:
    """Each use of a variant the term base lists: English ones in the catalogues'
    translations, Chinese ones in the chapters."""
    found = []
    for name, text in catalogues.items():
        flat = norm(ROLE.sub(" ", text))  # keys and labels in roles are no wording
        found += [f"{name}: {v!r} (say {t['en']!r})" for t in TERMS for v in t.get("avoid", [])
                  if norm(v) in flat]
    for name, text in chapters.items():
        flat = re.sub(r"\s+", "", text)
        found += [f"{name}: {v!r} (say {t['zh']!r})" for t in TERMS for v in t.get("avoid_zh", [])
                  if v in flat]
    return found


def translations() -> dict[str, str]:
    from babel.messages.pofile import read_po
    texts = {}
    for po in sorted(LOCALE.rglob("*.po")):
        with po.open("rb") as f:
            texts[po.relative_to(ROOT).as_posix()] = "\n".join(
                m.string for m in read_po(f) if m.id and isinstance(m.string, str))
    return texts


def chapters() -> dict[str, str]:
    return {md.relative_to(ROOT).as_posix(): md.read_text(encoding="utf-8")
            for md in sorted((ROOT / "docs").rglob("*.md"))
            if "_generated" not in md.parts and md.name != "AUTHORING.md"}


def test_catalogues_and_chapters_use_no_listed_variant():
    texts = translations()
    assert len(texts) >= 10 and all(texts.values())
    assert listed_variants(texts, chapters()) == []


def test_listed_variant_check_can_fail():
    assert listed_variants({"x.po": "In 2023 the Three Strengths went on ({numref}`fig-old-community`)."},
                           {"x.md": "2023年，书记\n联系点继续运行。"}) == [
        "x.po: 'Three Strengths' (say 'Three Strengthenings campaign')",
        "x.md: '书记联系点' (say '书记支部联系点')",
    ]


def test_make_check_runs_the_catalogue_and_term_base_tests():
    """`make check` (no built book) holds them; asked of make with -n."""
    out = subprocess.run(["make", "-n", "check"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    for test in ("tests/test_catalogues.py", "test_editorial.py::test_term_base_is_well_formed",
                 "test_editorial.py::test_glossary_headwords_are_the_term_base",
                 "test_editorial.py::test_data_labels_use_the_term_base",
                 "test_editorial.py::test_chart_labels_use_the_term_base",
                 "test_editorial.py::test_catalogues_hold_no_stale_entries"):
        assert test in out, out
