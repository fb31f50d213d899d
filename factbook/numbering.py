"""Appendix numbers in HTML that match the PDF: 表 A.1, not 表 1.

LaTeX letters the appendices (附录A…); Sphinx's HTML numbering only knows the
numbered toctree, so appendix tables would read 表 1, 表 2… Re-number them by
the appendix's letter after Sphinx assigned its numbers.
"""

from __future__ import annotations


def letter_appendices(app, env):
    appendices = app.config.factbook_appendices
    for index, docname in enumerate(appendices):
        letter = chr(ord("A") + index)
        for figtype, numbers in env.toc_fignumbers.get(docname, {}).items():
            counter = 0
            for target, _ in sorted(numbers.items(), key=lambda item: item[1]):
                counter += 1
                numbers[target] = (letter, counter)
    return []


def setup_numbering(app):
    app.add_config_value("factbook_appendices", [], "env", types=[list])
    app.connect("env-get-updated", letter_appendices, priority=900)
