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
import base64
import hashlib
import re
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


# -- the copy check's filter ------------------------------------------------------------
# tests/test_site.py checks that no run of 16 characters of the book's prose copies the
# source. Without the source, it asks a Bloom filter of the source's 12-character runs
# (whitespace dropped, ASCII punctuation made full-width as the Chinese pages write it),
# set for about 1 % false positives: 5 runs in a row (16 characters) are then a copy;
# one run in a hundred answering "yes" by chance leaves the article unreadable from it.
WINDOW, HASHES, BITS_PER_RUN = 12, 7, 10


def normalized(text: str) -> str:
    text = re.sub(r"\s+", "", text)
    return text.translate(str.maketrans(",;:()!?", "，；：（）！？"))  # it mixes both widths


def _positions(run: str, bits: int) -> list[int]:
    digest = hashlib.sha256(run.encode("utf-8")).digest()
    return [int.from_bytes(digest[4 * i:4 * i + 4], "big") % bits for i in range(HASHES)]


def copy_filter(text: str) -> dict:
    text = normalized(text)
    runs = {text[i:i + WINDOW] for i in range(len(text) - WINDOW + 1)}
    bits = len(runs) * BITS_PER_RUN
    array = bytearray((bits + 7) // 8)
    for run in runs:
        for p in _positions(run, bits):
            array[p // 8] |= 1 << (p % 8)
    return {"window": WINDOW, "bits": bits, "filter": base64.b64encode(bytes(array)).decode()}


def unfolded(spec: dict) -> dict:
    """The filter as provenance.yaml holds it (folded into lines), in one piece."""
    return {**spec, "filter": "".join(spec["filter"].split())}


def in_filter(run: str, spec: dict) -> bool:
    array = base64.b64decode(spec["filter"])
    return all(array[p // 8] >> (p % 8) & 1 for p in _positions(run, spec["bits"]))


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
    article = (source / "article.zh.txt").read_text(encoding="utf-8-sig")
    if "copy_filter" in doc and unfolded(doc["copy_filter"]) != copy_filter(article):
        problems.append(f"{provenance.name}: copy_filter is not the source's (write it anew: "
                        "--write-copy-filter)")
    if not problems:
        keys = {k for e in recorded.values() for k in (e.get("phrases") or {})}
        extra = " and the copy filter" if "copy_filter" in doc else ""
        print(f"checked against {source / 'article.zh.txt'}: {len(recorded)} paragraph hashes"
              f"{extra} and {phrases} phrases of {len(keys)} figures: all match")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "source")
    parser.add_argument("--provenance", type=Path, default=ROOT / "provenance.yaml")
    parser.add_argument("--write-copy-filter", action="store_true",
                        help="write the copy check's filter from the source into provenance.yaml")
    args = parser.parse_args(argv)
    if not (args.source / "article.zh.txt").exists():
        print(f"no source at {args.source}: nothing checked (every clone checks each figure "
              "against its phrase: tests/test_provenance.py)")
        return 1
    if args.write_copy_filter:
        spec = copy_filter((args.source / "article.zh.txt").read_text(encoding="utf-8-sig"))
        text = args.provenance.read_text(encoding="utf-8").split("\ncopy_filter:")[0].rstrip("\n")
        lines = [spec["filter"][i:i + 88] for i in range(0, len(spec["filter"]), 88)]
        args.provenance.write_text(
            f"{text}\ncopy_filter:\n  window: {spec['window']}\n  bits: {spec['bits']}\n"
            "  filter: >-\n" + "".join(f"    {line}\n" for line in lines), encoding="utf-8")
    problems = check(args.source, args.provenance)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
