"""Images that load lazily without moving the page, and charts sized for phones.

Every `<img>` of the book gets its intrinsic `width`/`height` (the browser keeps
its space before it loads: no layout shift), `loading="lazy"` and
`decoding="async"`. A chart drawn in a narrow variant too (`<name>-narrow.svg`
beside `<name>.svg`, from scripts/charts.py) is wrapped in a `<picture>` whose
source the browser picks below 600 px, so its text stays readable on a phone.
Done on the written pages: docutils' HTML writer has no hook for these attributes.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

NARROW_MEDIA = "(max-width: 599.98px)"
_IMG = re.compile(r'<img ([^>]*?)\s*/?>')
_SRC = re.compile(r'\bsrc="((?:\.\./)*_images/)([^"/]+)\.svg"')
_SVG_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)(pt|px)?"[^>]*?\sheight="([\d.]+)(pt|px)?"', re.S)


def svg_size(path: Path) -> tuple[int, int] | None:
    """The SVG's size in CSS pixels (matplotlib writes points)."""
    m = _SVG_SIZE.search(path.read_text(encoding="utf-8")[:2000])
    if not m:
        return None
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
        if not src or "loading=" in attrs:  # not a book image, or done in an earlier run
            return m[0]
        prefix, stem = src[1], src[2]
        size = svg_size(images / f"{stem}.svg")
        extra = ' loading="lazy" decoding="async"'
        if size and " width=" not in f" {attrs}":
            extra = f' width="{size[0]}" height="{size[1]}"' + extra
        img = f"<img {attrs}{extra} />"
        variant = narrow.get(f"{stem}.svg")
        if variant is None:
            return img
        w, h = svg_size(variant) or (0, 0)
        return (f'<picture><source media="{NARROW_MEDIA}" srcset="{prefix}{variant.name}" '
                f'width="{w}" height="{h}" />{img}</picture>')

    return _IMG.sub(replace, page)


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
        new = rewrite_images(text, images, narrow)
        if new != text:
            path.write_text(new, encoding="utf-8")


def setup_images(app):
    app.connect("build-finished", write_image_attributes)
