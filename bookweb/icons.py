"""The theme's icons as inline SVG, written into each page at build time.

pydata-sphinx-theme loads Font Awesome's SVG framework (`fontawesome.js`, 1.5 MB)
to turn a dozen empty `<i class="fa-solid fa-…">` (or `<span>`) tags into `<svg>` in the browser.
The same SVG paths, taken from the theme's own copy of that script (so they follow
theme upgrades), are written into the pages once the HTML is out; the template
(`_templates/layout.html`) no longer loads the script and the site ships without it.

Internals: the shape of the theme's minified fontawesome.js, its icon markup and
its stylesheet's icon-font rules, checked on pydata-sphinx-theme 0.20; on another
version the build warns (-W stops it) and the pages keep the theme's markup. Each
of the three must match (a page without an icon, a script without icons, a
stylesheet without icon-font rules fail the build: bookformats/internals.py).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

from sphinx.util import logging

from bookformats.internals import SubstitutionFailed, checked, expect_match, reported, substitute

KNOWN_THEME = ((0, 20),)
PYDATA_THEMES = {"pydata_sphinx_theme", "sphinx_book_theme"}  # the themes with this markup
logger = logging.getLogger(__name__)


def pydata_theme(app) -> bool:
    """The website built with a theme of this markup (the test project uses Sphinx's own)."""
    return app.builder.name == "html" and app.config.html_theme in PYDATA_THEMES


# pack prefixes in class names -> the pack name fontawesome.js registers them under
PACKS = {"fas": "fas", "fa-solid": "fas", "far": "far", "fa-regular": "far",
         "fab": "fab", "fa-brands": "fab"}
NOT_ICON_NAMES = {"fa-lg", "fa-fw", "fa-xs", "fa-sm", "fa-xl", "fa-2xl", "fa-2xs",
                  *PACKS}
# `name:[width,height,[aliases],"unicode","path"]` (the key is quoted when not an identifier)
_ICON = re.compile(r'(?:"([a-z0-9-]+)"|\b([a-z][a-z0-9]*)):\[(\d+),(\d+),\[([^\]]*)\],"[0-9a-f]+","([^"]+)"\]')
_PACK_END = re.compile(r'\("(fas|far|fab)",[a-z]\)')
_I_TAG = re.compile(r'<(?:i|span) class="([^"]*\bfa-[^"]*)"([^>]*)>\s*</(?:i|span)>')


def fontawesome_script() -> Path:
    import pydata_sphinx_theme
    return (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
            / "static" / "scripts" / "fontawesome.js")


@lru_cache(maxsize=None)
def icon_table(script: Path) -> dict[tuple[str, str], tuple[int, int, str]]:
    """(pack, name) -> (width, height, path) for every icon in fontawesome.js."""
    text = script.read_text(encoding="utf-8")
    table, start = {}, 0
    for end in _PACK_END.finditer(text):
        for m in _ICON.finditer(text, start, end.start()):
            name = m[1] or m[2]
            entry = (int(m[3]), int(m[4]), m[6])
            table.setdefault((end[1], name), entry)
            for alias in re.findall(r'"([a-z0-9-]+)"', m[5]):
                table.setdefault((end[1], alias), entry)
        start = end.end()
    expect_match("Font Awesome icons read from the theme's fontawesome.js", len(table), str(script))
    return table


def svg_for(classes: str, attrs: str, table) -> str | None:
    names = classes.split()
    pack = next((PACKS[n] for n in names if n in PACKS), "fas")
    icon = next((n[3:] for n in names if n.startswith("fa-") and n not in NOT_ICON_NAMES
                 and (pack, n[3:]) in table), None)
    if icon is None:
        return None
    width, height, path = table[(pack, icon)]
    if "aria-hidden" not in attrs:
        attrs += ' aria-hidden="true"'
    # SVG has no title attribute (vnu); as a <title> child it would join the name of the
    # button around it (axe: label-content-name-mismatch), which has its own label
    attrs = re.sub(r'\s+title="[^"]*"', "", attrs)
    return (f'<svg class="{html.escape(classes)} svg-inline--fa"{attrs} '
            f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">'
            f'<path fill="currentColor" d="{path}"></path></svg>')


def inline_icons(page: str, table) -> tuple[str, list[str]]:
    """The page with every Font Awesome `<i>` as inline SVG, and the unknown icons."""
    unknown = []

    def replace(m):
        svg = svg_for(m[1], m[2], table)
        if svg is None:
            unknown.append(m[0])
            return m[0]
        return svg

    return _I_TAG.sub(replace, page), unknown


@reported
def write_inline_icons(app, exception):
    if exception or not pydata_theme(app):
        return
    table = icon_table(fontawesome_script())
    outdir = Path(app.outdir)
    for path in sorted(outdir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        new, unknown = inline_icons(text, table)
        if "_static" not in path.relative_to(outdir).parts:  # every page shows the header's icons
            expect_match("Font Awesome icons as inline SVG", new.count(" svg-inline--fa"), str(path))
        for tag in unknown:
            logger.warning("no Font Awesome icon for %s", tag, location=str(path),
                           type="bookweb", subtype="icon")
        if new != text:
            path.write_text(new, encoding="utf-8")
    trim_icon_font_css(outdir / "_static" / "styles" / "pydata-sphinx-theme.css")
    # Nothing loads it any more (the theme's layout is overridden): keep the site small.
    (outdir / "_static" / "scripts" / "fontawesome.js").unlink(missing_ok=True)
    (outdir / "_static" / "scripts" / "fontawesome.js.map").unlink(missing_ok=True)


# `.fa-name{--fa:"\f123"}`: one rule per icon of the Font Awesome web font (2,000+),
# for icons drawn with the font; the site draws its icons as SVG.
_ICON_FONT_RULE = re.compile(r'\.fa-[a-z0-9-]+(?:,\.fa-[a-z0-9-]+)*\{--fa:"[^"]*"\}')


def trim_icon_font_css(css: Path):
    """Drop the icon font's per-icon rules from the theme's stylesheet, which every
    page loads before it can render (a quarter of its size)."""
    if not css.exists():
        raise SubstitutionFailed(f"the icon font's rules: no theme stylesheet {css}")
    text = css.read_text(encoding="utf-8")  # Sphinx copies it afresh on every build
    css.write_text(substitute("the icon font's rules", _ICON_FONT_RULE, "", text, where=str(css)),
                   encoding="utf-8")


def setup_icons(app):
    if not checked("bookweb's inline icons (the theme's fontawesome.js and markup)",
                   "pydata-sphinx-theme", KNOWN_THEME):
        return
    app.connect("build-finished", write_inline_icons)
