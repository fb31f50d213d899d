#!/usr/bin/env python3
"""Check provenance.yaml against the full source, where it is present.

Every clone checks each figure against its phrase (tests/test_provenance.py); this
checks the phrases and paragraph hashes themselves against the article, which only
this repository's CI has beside it (../shared/source/). It says what it checked.

    python scripts/check_provenance.py [--source DIR] [--provenance FILE]

Exit status 0: every paragraph hash and every phrase matched; 1: a mismatch (each
named), or no source to check against.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def paragraphs(source: Path) -> dict[str, str]:
    """{locator: paragraph} from article.zh.txt and locators.tsv: a paragraph is its
    lines in the article, each stripped, joined by a line break; a line that does not
    open the next locator's paragraph (split by page layout) belongs to the current one."""
    openings = [row.split("\t") for row in
                (source / "locators.tsv").read_text(encoding="utf-8").splitlines()
                if row and not row.startswith("#")]
    found: dict[str, list[str]] = {}
    current, i = None, 0
    for line in (source / "article.zh.txt").read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if not line:
            continue
        if i < len(openings) and line.startswith(openings[i][1].rstrip("…")):
            current, i = openings[i][0], i + 1
        if current is None:
            raise SystemExit(f"{source}/article.zh.txt: text before the first locator: {line[:20]}")
        found.setdefault(current, []).append(line)
    if i < len(openings):
        raise SystemExit(f"{source}/locators.tsv: locator {openings[i][0]} not found in the article")
    return {loc: "\n".join(lines) for loc, lines in found.items()}


def check(source: Path, provenance: Path) -> list[str]:
    doc = yaml.safe_load(provenance.read_text(encoding="utf-8-sig"))
    paras = paragraphs(source)
    problems = []
    recorded = doc["paragraphs"]
    for loc in sorted(paras.keys() - recorded.keys()):
        problems.append(f"{provenance.name}: locator {loc} of the source is missing")
    phrases = 0
    for loc, entry in recorded.items():
        if loc not in paras:
            problems.append(f"{provenance.name}: {loc}: no such paragraph in the source")
            continue
        digest = hashlib.sha256(paras[loc].encode("utf-8")).hexdigest()
        if entry.get("sha256") != digest:
            problems.append(f"{provenance.name}: {loc}: the paragraph's hash differs "
                            f"(the source's is {digest})")
        for key, phrase in (entry.get("phrases") or {}).items():
            phrases += 1
            if str(phrase) not in paras[loc]:
                problems.append(f"{provenance.name}: {loc}: the phrase of {key!r}, "
                                f"{phrase!r}, is not in the paragraph")
    if not problems:
        keys = {k for e in recorded.values() for k in (e.get("phrases") or {})}
        print(f"checked against {source / 'article.zh.txt'}: {len(recorded)} paragraph hashes "
              f"and {phrases} phrases of {len(keys)} figures: all match")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "source")
    parser.add_argument("--provenance", type=Path, default=ROOT / "provenance.yaml")
    args = parser.parse_args(argv)
    if not (args.source / "article.zh.txt").exists():
        print(f"no source at {args.source}: nothing checked (every clone checks each figure "
              "against its phrase: tests/test_provenance.py)")
        return 1
    problems = check(args.source, args.provenance)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
