"""Ties in the PDF: deliberate spaces and figures kept in one piece.

- A deliberate space between Chinese words (between the two halves of the
  source's headline and subheadings, or between the names in its byline,
  "王群 田悦") becomes a no-break space: the pair never parts at a line end.
- An English figure should not break across lines between "CNY" and "332
  million" or between "3" and "years": inside {fact} values in running text
  (not in narrow table cells), the spaces next to a number become no-break
  spaces. HTML and EPUB reflow; they keep theirs.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from bookformats.langspans import HAN, SKIP

CJK = f"{HAN}\u3000-\u303f\uff01-\uff65"
SPACE_BETWEEN_CJK = re.compile(f"(?<=[{CJK}]) (?=[{CJK}])")
SPACE_BY_NUMBER = re.compile(r"(?<=\d) (?=\S)|(?<=\S) (?=\d)")


def _replace_text(node: nodes.Node, pattern: re.Pattern) -> None:
    for text in list(node.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, SKIP) or not pattern.search(text):
            continue
        parent.replace(text, nodes.Text(pattern.sub("\u00a0", text)))


class TieSpaces(SphinxPostTransform):
    """The PDF only: HTML and EPUB reflow; they keep their spaces."""

    formats = ("typst",)
    # After Sphinx's own post-transforms (references at 10) and the appendix's fold (700).
    default_priority = 800

    def run(self, **kwargs) -> None:
        _replace_text(self.document, SPACE_BETWEEN_CJK)
        for fact in self.document.findall(lambda n: isinstance(n, nodes.Element)
                                          and "fact" in n.get("classes", [])):
            if not _in_table(fact):  # narrow cells need every break they can get
                _replace_text(fact, SPACE_BY_NUMBER)


def _in_table(node: nodes.Node) -> bool:
    while node is not None:
        if isinstance(node, nodes.entry):
            return True
        node = node.parent
    return False

