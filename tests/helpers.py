"""Helpers shared by the test modules (import from here, not from conftest)."""

from __future__ import annotations

import os
import runpy
import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx._cli.util.errors import strip_escape_sequences

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
# Java for a short run of a checker (epubcheck, vnu): the quick compiler alone and one
# garbage-collector thread take half the CPU time; its deeper frames need a larger stack.
JAVA = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss16m"]


def fresh_copy(root: Path, dest: Path) -> Path:
    """A test project copied afresh to `dest` (a test that edits it gets its own)."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(root, dest)
    return dest


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file with `new` (`old` must be there), as an
    editor saves: the file written in place."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def conf_settings(**environment: str) -> dict:
    """conf.py's settings as Sphinx gets them, under these environment variables
    (BOOK_LANG, BOOK_BASE_URL…); the process's environment is left as it was."""
    saved = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    try:
        return runpy.run_path(str(ROOT / "conf.py"))
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def output(app) -> str:
    """Everything a sphinx.testing build said on its warning stream (stderr), without colours."""
    return strip_escape_sequences(app.warning.getvalue())


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def site_pages(site: Path) -> list[str]:
    """Every page of the site, both editions and the 404 page, by its name in the site
    (en/renewal.html); not theme files or downloads."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not any(part.startswith("_") or part == "downloads"
                             for part in p.relative_to(site).parts))


def pages(root: Path) -> list[Path]:
    """The book's pages of one edition (not theme files, downloads, the other edition, or
    the 404 page, which is served at any URL: test_web_browser.py checks it under the site's path)."""
    return sorted(p for p in root.rglob("*.html")
                  if not p.relative_to(root).parts[0].startswith(("_", "downloads", "en"))
                  and p.name != "404.html")


def drawn_texts(fig) -> list[str]:
    """The words a matplotlib figure shows, in drawing order: titles, axis labels, tick
    labels, texts and legend entries of every axes, then the figure's own."""
    texts = []
    for ax in fig.axes:
        texts += [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(),
                  *ax.get_yticklabels(), *ax.texts]
        if ax.get_legend() is not None:
            texts += ax.get_legend().get_texts()
    for legend in fig.legends:
        texts += legend.get_texts()
    texts += fig.texts
    return [t.get_text() for t in texts]


def project_copy(tmp_path: Path, skip: set[str], ignore: tuple[str, ...], name: str = "book",
                 shared: bool = True) -> Path:
    """A copy of the book at tmp_path/<name> to build and edit: its files less `skip`
    and `ignore` patterns, the venv linked, and (`shared`) ../shared beside it when
    there is one."""
    dest = tmp_path / name
    dest.mkdir()
    for src in ROOT.iterdir():
        if src.name in skip:
            continue
        if src.is_dir():
            shutil.copytree(src, dest / src.name, ignore=shutil.ignore_patterns(*ignore))
        else:
            shutil.copy2(src, dest / src.name)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    if shared and (ROOT.parent / "shared").exists():
        (tmp_path / "shared").symlink_to(ROOT.parent / "shared")
    return dest
