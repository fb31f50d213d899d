"""Appendix numbers in HTML that match the PDF: 表 A.1, not 表 1.

The PDF letters the appendices (附录A…); Sphinx's HTML numbering only knows the
numbered toctree, so appendix tables would read 表 1, 表 2… Re-number them by
the appendix's letter after Sphinx assigned its numbers.
"""

from __future__ import annotations

from .internals import checked

# Internals: Sphinx has no API to renumber figures, so this rewrites
# `env.toc_fignumbers` ({docname: {figtype: {id: (numbers)}}}), which the HTML
# writer reads for 表 1.1-style numbers. Checked against Sphinx 9.0 (the pinned
# one); on another version the build warns (and -W stops it) until checked again.
KNOWN_SPHINX = ((9, 0),)


def letter_appendices(app, builder):
    env = builder.env
    appendices = app.config.bookformats_appendices
    for index, docname in enumerate(appendices):
        letter = chr(ord("A") + index)
        for figtype, numbers in env.toc_fignumbers.get(docname, {}).items():
            counter = 0
            for target, _ in sorted(numbers.items(), key=lambda item: item[1]):
                counter += 1
                numbers[target] = (letter, counter)


def setup(app):
    app.add_config_value("bookformats_appendices", [], "env", types=[list])
    if not checked("bookformats' appendix numbers (Sphinx's env.toc_fignumbers)", "sphinx",
                   KNOWN_SPHINX):
        return
    # When writing starts: after Sphinx assigned its numbers (its TocTreeCollector's
    # env-get-updated handler) and saved the environment. Lettered before saving, the
    # next build would find every appendix's numbers "changed" (Sphinx's own are
    # numeric) and write those pages again each time.
    app.connect("write-started", letter_appendices)
