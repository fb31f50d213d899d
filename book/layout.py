"""Where each edition and format of the book lands: the one definition.

conf.py reads it (the download links, the language switch, the sizes of the staged
PDF and EPUB); the Makefile reads it through `python3 -m book.layout`, which prints
these facts as make variables (one `NAME:=value` per word, no spaces in a value).
Standard library only: make runs it with the system Python, before the venv exists.
"""

from __future__ import annotations

from book.editions import EDITIONS

BUILD = "_build"
STAGE = f"{BUILD}/stage"  # each format of each edition, built apart: STAGE/<edition>/<builder>
SITE = f"{BUILD}/html"  # the assembled site, both editions
SITE_DIRS = {"zh": "", "en": "en/"}  # where each edition lives in the site (Chinese at the root)
DOWNLOADS = "downloads/"  # the PDF, EPUB and data files, in each edition's folder
PDF_BUILDER = "typst"  # the tagged PDF (booktypst/); its stage folder is named after it
assert SITE_DIRS.keys() == EDITIONS.keys(), "every edition, and only those, has a place in the site"


def basename(edition: str) -> str:
    """The file name of the edition's PDF, EPUB and data files, without extension."""
    return f"tianqiao-2023-{edition}"


def download(edition: str, extension: str) -> str:
    """A download of the edition, relative to the edition's folder in the site."""
    return f"{DOWNLOADS}{basename(edition)}.{extension}"


def downloads(edition: str) -> list[tuple[str, str, str]]:
    """The PDF and EPUB each page offers (bookformats_downloads): (label, path, description)."""
    return [(kind, download(edition, kind.lower()), text)
            for kind, text in EDITIONS[edition]["downloads"]]


def data_downloads(edition: str) -> list[tuple[str, str, str]]:
    """The data files the data appendix lists (bookformats_data_downloads)."""
    return [(label, DOWNLOADS + name.format(basename=basename(edition)), text)
            for label, name, text in EDITIONS[edition]["data_downloads"]]


def staged(edition: str, builder: str, extension: str) -> str:
    """The book file a Sphinx builder makes for the edition, relative to the project root."""
    return f"{STAGE}/{edition}/{builder}/{basename(edition)}.{extension}"


def other_edition_root(edition: str, other: str) -> str:
    """The other edition's root, relative to this edition's root."""
    return "../" * SITE_DIRS[edition].count("/") + SITE_DIRS[other]


def make_variables() -> list[str]:
    words = [f"BUILD:={BUILD}", f"STAGE:={STAGE}", f"SITE:={SITE}", f"DOWNLOADS:={DOWNLOADS}",
             "EDITIONS:="]
    for edition, folder in SITE_DIRS.items():
        words += [f"EDITIONS+={edition}", f"SITE_DIR.{edition}:={folder}",
                  f"PDF.{edition}:={staged(edition, PDF_BUILDER, 'pdf')}",
                  f"EPUB.{edition}:={staged(edition, 'epub', 'epub')}"]
    assert not any(" " in word for word in words)
    return words


if __name__ == "__main__":
    print("\n".join(make_variables()))
