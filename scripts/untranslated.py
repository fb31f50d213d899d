"""The English catalogues against the Chinese text: every message translated, none fuzzy.

`python scripts/untranslated.py [--strict]` extracts the messages of the Chinese
chapters (Sphinx's gettext builder, incremental: 2–4 s) and compares them with
`locales/en/LC_MESSAGES/**/*.po`. Each message without English, or with English
marked `#, fuzzy` (Sphinx ignores it), is one line at its paragraph's line:

  /…/docs/renewal.md:12: WARNING: not translated into English (locales/en/LC_MESSAGES/renewal.po): 实现供地…

The English pages show such a paragraph in Chinese. `make html` runs this after the
English edition (a warning); `--strict` (tests/test_catalogues.py, `make check`)
exits 1 when there is any.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locales" / "en" / "LC_MESSAGES"
HINT = "run `make po`, then translate: locales/TRANSLATING.md"


def extract(out: Path, root: Path = ROOT) -> Path:
    """The message templates of the Chinese text, one .pot per chapter, in out/pot."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-d", str(out / "doctrees"),
         str(root / "docs"), str(out / "pot")],
        cwd=root, capture_output=True, text=True, env={**os.environ, "BOOK_LANG": "zh"})
    # A problem in the data or the text fails it too, but the messages are written
    # all the same; the book's own build reports that problem.
    if not (out / "pot").is_dir():
        raise SystemExit(f"{result.stderr}{result.stdout}extracting the messages failed")
    return out / "pot"


def line_of(doc: Path, msgid: str) -> str:
    """`file:line` where a message's paragraph starts, else the file."""
    if doc.exists():
        first = msgid.splitlines()[0][:30]  # a paragraph joined from lines starts the same
        for number, text in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            if first in text:
                return f"{doc}:{number}"
    return str(doc)


def problems(pot_dir: Path, root: Path = ROOT) -> list[str]:
    """One line per message of the templates in `pot_dir` that the English catalogues
    of `root` lack, or hold marked fuzzy."""
    locale, docs = root / LOCALE.relative_to(ROOT), root / "docs"
    found = []
    for pot in sorted(pot_dir.rglob("*.pot")):
        name = pot.relative_to(pot_dir).with_suffix("")
        po = locale / f"{name}.po"
        shown = po.relative_to(root)
        doc = docs / f"{name}.md"
        with pot.open("rb") as f:
            wanted = [m.id for m in read_po(f) if m.id]
        if not po.exists():
            if wanted:
                found.append(f"{doc}: WARNING: no English catalogue {shown} ({HINT})")
            continue
        with po.open("rb") as f:
            catalogue = read_po(f)
        for msgid in wanted:
            message = catalogue.get(msgid)
            short = msgid.splitlines()[0][:40]
            if message is None or not message.string:
                found.append(f"{line_of(doc, msgid)}: WARNING: not translated into English "
                             f"({shown}): {short}")
            elif message.fuzzy:
                found.append(f"{line_of(doc, msgid)}: WARNING: English marked fuzzy, so not "
                             f"used ({shown}): check it, then delete its `#, fuzzy` line: {short}")
    return found


def main(argv: list[str]) -> int:
    found = problems(extract(ROOT / "_build" / "catalogues"))
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(f"WARNING: {len(found)} message{'s' if len(found) > 1 else ''} of the Chinese "
              f"text {'have' if len(found) > 1 else 'has'} no English yet: the English pages "
              f"show {'them' if len(found) > 1 else 'it'} in Chinese ({HINT})", file=sys.stderr)
    return 1 if found and "--strict" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
