"""Images that load lazily without moving the page, and charts sized for phones.

Every `<img>` of the book loads lazily: docutils' own `loading` option (docutils
0.22), set on each image of the HTML build. Once written, each also gets its
intrinsic `width`/`height` (the browser keeps its space before it loads: no layout
shift) and `decoding="async"`. A chart drawn in a narrow variant too (`<name>-narrow.svg`
beside `<name>.svg`, from scripts/charts.py) is wrapped in a `<picture>` whose
source the browser picks below 600 px, so its text stays readable on a phone.
Those are done on the written pages: docutils' HTML writer has no option for them.
A book image that this rewrite does not recognise on a page fails the build
(bookformats/internals.py), rather than going out without its size.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst.directives.images import Image

from bookformats.internals import SubstitutionFailed, reported

NARROW_MEDIA = "(max-width: 599.98px)"
_IMG = re.compile(r'<img ([^>]*?)\s*/?>')
_SRC = re.compile(r'\bsrc="((?:\.\./)*_images/)([^"/]+)\.svg"')
_BOOK_IMAGE = re.compile(r'<img [^>]*\bsrc="(?:\.\./)*_images/[^>]*>')
# docutils 0.22 gave the image directive its `loading` option (and the writer its attribute)
DOCUTILS_LOADING = "loading" in Image.option_spec
_SVG_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)(pt|px)?"[^>]*?\sheight="([\d.]+)(pt|px)?"', re.S)


def svg_size(path: Path) -> tuple[int, int]:
    """The SVG's size in CSS pixels (matplotlib writes points)."""
    m = _SVG_SIZE.search(path.read_text(encoding="utf-8")[:2000])
    if not m:
        raise SubstitutionFailed(f"image sizes: no width and height found in {path}")
    scale = 4 / 3 if m[2] == "pt" else 1
    return round(float(m[1]) * scale), round(float(m[3]) * scale)


def narrow_sources(app) -> dict[str, Path]:
    """Image file name in _images/ -> its narrow variant's source file."""
    found = {}
    for source, (_docs, name) in app.env.images.items():
        path = Path(app.srcdir) / source
        narrow = path.with_name(f"{path.stem}-narrow{path.suffix}")
        if path.suffix == ".svg" and narrow.exists():
            found[name] = narrow
    return found


def rewrite_images(page: str, images: Path, narrow: dict[str, Path]) -> str:
    def replace(m):
        attrs = m[1]
        src = _SRC.search(attrs)
        if not src or "decoding=" in attrs:  # not a book image, or done in an earlier run
            return m[0]
        prefix, stem = src[1], src[2]
        size = svg_size(images / f"{stem}.svg")
        extra = ' decoding="async"' if "loading=" in attrs else ' loading="lazy" decoding="async"'
        if " width=" not in f" {attrs}":
            extra = f' width="{size[0]}" height="{size[1]}"' + extra
        img = f"<img {attrs}{extra} />"
        variant = narrow.get(f"{stem}.svg")
        if variant is None:
            return img
        w, h = svg_size(variant)
        return (f'<picture><source media="{NARROW_MEDIA}" srcset="{prefix}{variant.name}" '
                f'width="{w}" height="{h}" />{img}</picture>')

    new = _IMG.sub(replace, page)
    missed = [m[0] for m in _BOOK_IMAGE.finditer(new) if "decoding=" not in m[0]]
    if missed:
        raise SubstitutionFailed(f"image sizes and <picture>: {len(missed)} book image(s) not "
                                 f"recognised, starting {missed[0]!r}")
    return new


def lazy_images(app, doctree, docname):
    """Every image of the HTML build with loading="lazy", written by docutils."""
    if app.builder.name == "html":
        for image in doctree.findall(nodes.image):
            image.setdefault("loading", "lazy")


@reported
def write_image_attributes(app, exception):
    if exception or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
    images = outdir / "_images"
    narrow = narrow_sources(app)
    for variant in narrow.values():
        shutil.copyfile(variant, images / variant.name)
    for path in sorted(outdir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        try:
            new = rewrite_images(text, images, narrow)
        except SubstitutionFailed as error:
            raise SubstitutionFailed(f"{error} in {path}") from None
        if new != text:
            path.write_text(new, encoding="utf-8")


def setup_images(app):
    if DOCUTILS_LOADING:
        app.connect("doctree-resolved", lazy_images)
    app.connect("build-finished", write_image_attributes)
