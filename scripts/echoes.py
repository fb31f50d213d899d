#!/usr/bin/env python3
"""List the chapter sentences that follow a source sentence too closely: an editor's aid.

The copy check of tests/test_site.py catches copied runs of characters; a sentence can
still keep the article's clause skeleton (the same clauses, verbs and connectives in the
same order) with the words in between changed. This lists, best match first, every
Chinese sentence of docs/ whose Han characters (quoted names and slogans and {roles}
left out) share an in-order subsequence with one source sentence of at least RATIO of
the sentence's length. A listed sentence is a place to read, not a verdict: names and
figures are shared by design. It needs the source (../shared/source, beside this
repository's CI only).

    python scripts/echoes.py [--source DIR] [--ratio 0.6] [--min-chars 12] [FILE.md ...]

Exit status 0 (the list may be empty); 1 when there is no source to compare with.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_provenance import ROOT, paragraphs  # noqa: E402  (one reader of the source)

QUOTED = re.compile(r"“[^”]*”|「[^」]*」")
ROLE = re.compile(r"\{[\w-]+\}`[^`]*`")
HAN = re.compile(r"[\u4e00-\u9fff]")
SENTENCE_END = re.compile(r"(?<=[。；！？])")


def han(text: str) -> str:
    """The Han characters a reader compares: roles, quoted names and slogans dropped."""
    return "".join(HAN.findall(QUOTED.sub("", ROLE.sub("", text))))


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


def common_in_order(a: str, b: str) -> int:
    """Length of the longest common subsequence of a and b."""
    previous = [0] * (len(b) + 1)
    for ca in a:
        current = [0]
        for j, cb in enumerate(b):
            current.append(previous[j] + 1 if ca == cb else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def echoes(chapters: list[Path], source: Path, ratio: float, min_chars: int):
    """(share, file:line, book sentence, locator, source sentence), best first."""
    source_sentences = [(locator, s, han(s)) for locator, text in paragraphs(source).items()
                        for s in sentences(text.replace("\n", "")) if len(han(s)) >= 8]
    found = []
    for chapter in chapters:
        for number, line in enumerate(chapter.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith((":", "#", "`", "|")):
                continue
            for sentence in sentences(line):
                mine = han(sentence)
                if len(mine) < min_chars:
                    continue
                share, shared, locator, theirs = max(
                    ((n / len(mine), n, loc, s) for loc, s, h in source_sentences
                     for n in [common_in_order(mine, h)]), key=lambda row: row[:2])
                if share >= ratio and shared >= min_chars:
                    where = f"{chapter.relative_to(ROOT) if chapter.is_relative_to(ROOT) else chapter}:{number}"
                    found.append((share, where, sentence, locator, theirs))
    return sorted(found, key=lambda row: -row[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "source")
    parser.add_argument("--ratio", type=float, default=0.6)
    parser.add_argument("--min-chars", type=int, default=12)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    if not (args.source / "article.zh.txt").exists():
        print(f"no source at {args.source}: nothing compared")
        return 1
    chapters = args.files or sorted((ROOT / "docs").rglob("*.md"))
    rows = echoes(chapters, args.source, args.ratio, args.min_chars)
    for share, where, sentence, locator, theirs in rows:
        print(f"{share:.2f} {where}\n  book:   {sentence}\n  {locator}: {theirs}")
    print(f"{len(rows)} sentences at or above {args.ratio:.2f} of their characters in a source "
          "sentence's order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
