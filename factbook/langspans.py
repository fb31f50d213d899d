"""Mark Chinese words in the English edition's HTML with lang="zh-Hans".

The English text names policies with their Chinese and pinyin on first use.
Marked up, screen readers switch voice and browsers pick a Simplified Chinese
font (unmarked, they may fall back to a Japanese or serif CJK face).
LaTeX needs none of this: xeCJK switches fonts by character.
"""

from __future__ import annotations

import re

from docutils import nodes

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run starts with a Han character and may go on through CJK punctuation.
CHINESE_RUN = re.compile(f"[{HAN}][{HAN}\u3000-\u303f\uff01-\uff65·（）《》]*")
SKIP = (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment, nodes.image)


def mark_chinese(app, doctree, docname):
    if app.builder.format != "html" or not str(app.config.language).startswith("en"):
        return
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, SKIP) or not CHINESE_RUN.search(text):
            continue
        pieces, last = [], 0
        for m in CHINESE_RUN.finditer(text):
            pieces.append(nodes.Text(text[last:m.start()]))
            pieces.append(nodes.inline("", m.group(), classes=["language-zh-Hans"]))
            last = m.end()
        pieces.append(nodes.Text(text[last:]))
        parent.replace(text, [p for p in pieces if not isinstance(p, nodes.Text) or str(p)])


def setup_langspans(app):
    # After the fact links are resolved (priority 500), so their text is marked too.
    app.connect("doctree-resolved", mark_chinese, priority=800)
