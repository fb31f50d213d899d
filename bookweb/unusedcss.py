"""The theme's stylesheet without the rules that no page of the edition can use.

pydata-sphinx-theme ships one stylesheet, Bootstrap and the theme together (300 KB,
45 KB gzip), that every page loads before it can paint; the book's pages use about a
fifth of its rules. Once the pages are written, a rule goes when each of its selectors
names a class or id found in no page and no script of the edition (scripts add their
classes by name, such as Bootstrap's `show`; the few it builds from parts keep their
rules by prefix). Rules naming no class or id (elements, `:root`, the
`[data-theme=dark]` colours), `@font-face`, `@keyframes` and licence comments stay.
This is PurgeCSS's rule (an npm tool); written here with tinycss2, the CSS parser
WeasyPrint uses, so that building the book needs no Node.

Internals: the stylesheet's place and the class prefixes Bootstrap's script composes
are pydata-sphinx-theme 0.20's (checked); on another version the build warns (-W
stops it) and the stylesheet stays whole. A stylesheet missing, or one from which no
rule goes, fails the build (bookformats/internals.py).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import tinycss2

from bookformats.internals import SubstitutionFailed, checked, reported

from .icons import pydata_theme

KNOWN_THEME = ((0, 20),)
THEME_CSS = "_static/styles/pydata-sphinx-theme.css"
# classes that Bootstrap's script composes (`bs-${name}-auto`) and its tooltips
KEPT_PREFIXES = ("bs-", "tooltip", "popover")
GROUPING = {"media", "supports", "layer", "container"}  # at-rules holding rules
_WORD = re.compile(r"[\w-]+")
_NAME = re.compile(r"[.#](-?[A-Za-z_][\w-]*)")  # class and id names in a selector
_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def words_in(outdir: Path) -> set[str]:
    """Every word of the edition's pages and scripts (the search index is data)."""
    words: set[str] = set()
    for path in [*outdir.rglob("*.html"), *outdir.rglob("*.js")]:
        if path.name != "searchindex.js":
            words.update(_WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return words


def selector_can_match(selector: str, words: set[str]) -> bool:
    if "\\" in selector:  # an escaped name: not worth parsing, keep it
        return True
    # what is inside :not(), :is(), :has() or [attr=…] is not required (conservative)
    while True:
        bare = _PARENS.sub("", selector)
        if bare == selector:
            break
        selector = bare
    return all(name in words or name.startswith(KEPT_PREFIXES)
               for name in _NAME.findall(selector))


def _selectors(prelude) -> list[str]:
    """A rule's selector list, split at its top-level commas."""
    parts, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    return [tinycss2.serialize(p).strip() for p in parts]


def _trim(rules, words: set[str]) -> list[str]:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            used = [s for s in _selectors(rule.prelude) if selector_can_match(s, words)]
            if used:
                out.append(",".join(used) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content:
            inner = _trim(tinycss2.parse_rule_list(rule.content, skip_whitespace=True), words)
            if inner:
                out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "comment":
            if rule.value.startswith("!"):  # a licence
                out.append(f"/*{rule.value}*/")
        elif rule.type != "whitespace":
            out.append(rule.serialize())
    return out


def trim_css(text: str, words: set[str]) -> str:
    return "".join(_trim(tinycss2.parse_stylesheet(text, skip_whitespace=True), words))


@reported
def write_trimmed_css(app, exception):
    if exception or not pydata_theme(app):
        return
    outdir = Path(app.outdir)
    css = outdir / THEME_CSS
    if not css.exists():
        raise SubstitutionFailed(f"unused CSS rules: no theme stylesheet {css}")
    text = css.read_text(encoding="utf-8")  # Sphinx copies the whole file on every build
    # Parsing takes most of a second: the last result is kept beside the doctrees, for
    # as long as the file and the pages' words that name its classes stay the same
    # (`make live` rebuilds a page in a few seconds).
    names = set(_NAME.findall(text)) & words_in(outdir)
    key = hashlib.sha256("\0".join([text, *sorted(names)]).encode()).hexdigest()
    cache = Path(app.doctreedir) / "bookweb-unusedcss.css"
    if cache.exists() and cache.read_text(encoding="utf-8").startswith(f"/* {key} */"):
        trimmed = cache.read_text(encoding="utf-8").split("\n", 1)[1]
    else:
        trimmed = trim_css(text, names)
        cache.write_text(f"/* {key} */\n{trimmed}", encoding="utf-8")
    if len(trimmed) >= len(text):
        raise SubstitutionFailed(f"unused CSS rules: none found in {css}")
    css.write_text(trimmed, encoding="utf-8")


def setup_unusedcss(app):
    if not checked("bookweb's trimmed stylesheet (the theme's CSS and Bootstrap's classes)",
                   "pydata-sphinx-theme", KNOWN_THEME):
        return
    # after bookweb/icons.py (priority 500), whose inline SVG icons carry their classes
    app.connect("build-finished", write_trimmed_css, priority=800)
