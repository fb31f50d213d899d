"""Keep the spaces that stand between two Chinese characters in the PDF.

xeCJK drops a space between CJK characters (CJKspace=false), which is right for
line ends in TeX sources but also swallows the deliberate ones: the space
between the two halves of the source's headline and subheadings, or between
the names in its byline ("王群 田悦"). A no-break space becomes `~` in LaTeX,
which xeCJK keeps. HTML and EPUB keep spaces anyway.
"""

from __future__ import annotations

import re

from docutils import nodes

from .langspans import HAN, SKIP

SPACE_BETWEEN_CJK = re.compile(f"(?<=[{HAN}\u3000-\u303f\uff01-\uff65]) (?=[{HAN}\u3000-\u303f\uff01-\uff65])")


def keep_cjk_spaces(app, doctree, docname):
    if app.builder.format != "latex":
        return
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, SKIP) or not SPACE_BETWEEN_CJK.search(text):
            continue
        parent.replace(text, nodes.Text(SPACE_BETWEEN_CJK.sub("\u00a0", text)))


def setup_cjkspaces(app):
    app.connect("doctree-resolved", keep_cjk_spaces, priority=800)
