"""Mark Chinese words in the English edition's HTML with lang="zh-Hans".

The English text names policies with their Chinese and pinyin on first use.
Marked up, screen readers switch voice and browsers pick a Simplified Chinese
font (unmarked, they may fall back to a Japanese or serif CJK face).
The PDF marks its own (booktypst/translator.py).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run starts with a Han character and may go on through CJK punctuation.
CHINESE_RUN = re.compile(f"[{HAN}][{HAN}\u3000-\u303f\uff01-\uff65·（）《》]*")
SKIP = (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment, nodes.image)


class MarkChineseRuns(SphinxPostTransform):
    """HTML-format builders (the site and the EPUB), English edition only."""

    formats = ("html",)
    # After Sphinx's own post-transforms (references at 10),
    # so the text it generates is marked too.
    default_priority = 800

    def is_supported(self) -> bool:
        return super().is_supported() and str(self.config.language).startswith("en")

    def run(self, **kwargs) -> None:
        for text in list(self.document.findall(nodes.Text)):
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


def setup(app):
    app.add_post_transform(MarkChineseRuns)
