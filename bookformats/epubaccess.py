"""What an EPUB needs to pass DAISY Ace and tell readers what it offers.

- Package metadata (schema.org accessibility terms, EPUB Accessibility 1.1):
  how the book can be read and what helps. Each statement is true of this
  book: text and charts (textual, visual); text alone suffices, since every
  chart has alt text and is followed by a table of its data (alternativeText,
  longDescription); contents, an index of terms, headings and a defined order
  for navigation; no flashing, sound or motion. No dcterms:conformsTo: nobody has evaluated the
  book against WCAG, and Ace alone cannot establish conformance.
- The navigation document's <nav epub:type="toc"> gets its ARIA twin,
  role="doc-toc" (Sphinx's template has only the epub:type; the book's copy of it,
  bookformats/epub3/nav.xhtml.jinja, adds it).
- Toctree captions, which Sphinx writes as <p role="heading">, get the
  aria-level ARIA requires of a heading (one below the enclosing section).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docutils import nodes
from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator

ACCESS_MODES = ("textual", "visual")
ACCESS_MODES_SUFFICIENT = ("textual", "textual,visual")
FEATURES = ("tableOfContents", "index", "structuralNavigation", "readingOrder",
            "alternativeText", "longDescription")
HAZARDS = ("none",)


def accessibility_metadata(summary: str) -> list[tuple[str, str]]:
    """(property, escaped value) of each <meta> for content.opf, one statement each
    (bookformats/epub3/content.opf.jinja writes them)."""
    if not summary.strip():
        raise ValueError("bookformats_accessibility_summary is empty: the EPUB needs one")
    entries = [("schema:accessMode", v) for v in ACCESS_MODES]
    entries += [("schema:accessModeSufficient", v) for v in ACCESS_MODES_SUFFICIENT]
    entries += [("schema:accessibilityFeature", v) for v in FEATURES]
    entries += [("schema:accessibilityHazard", v) for v in HAZARDS]
    entries.append(("schema:accessibilitySummary", summary))
    return [(p, escape(v)) for p, v in entries]


class EpubTranslator(HTML5Translator):
    """Sphinx's EPUB translator, with toctree captions that are complete headings."""

    def visit_title(self, node: nodes.title) -> None:
        parent = node.parent
        if isinstance(parent, addnodes.compact_paragraph) and parent.get("toctree"):
            # As in HTML5Translator.visit_title, plus aria-level.
            level = 1 + sum(isinstance(a, nodes.section) for a in _ancestors(parent))
            self.body.append(self.starttag(node, "p", "", CLASS="caption", ROLE="heading",
                                           **{"aria-level": str(min(level, 6))}))
            self.body.append('<span class="caption-text">')
            self.context.append("</span></p>\n")
        else:
            super().visit_title(node)


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node
