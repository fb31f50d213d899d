"""Fences around what Sphinx, docutils and the theme do not promise.

Where no API exists, the book's extensions use a private name or rewrite what a
library wrote. Each such place goes through one of these two guards, so that an
upgrade shows itself in the build instead of quietly changing the book:

- `checked()`: a private internal, or a library's exact markup, is used only on the
  versions it was checked against. On any other the build warns, naming it (with
  -W, as the Makefile builds, that stops the build), and the caller leaves its touch
  out — the pattern of bookformats/numbering.py.
- `substitute()` and `replace_once()`: a substitution on text a library wrote that
  matches nothing fails the build with an error naming it; `expect_match()` does the
  same for a count a caller kept itself. They raise SubstitutionFailed; an event
  handler wrapped in `reported` (any function: `reporting`) turns it into one located error line and a failed
  build (exit status 1, as factbook's problems), not Sphinx's crash report.
"""

from __future__ import annotations

import functools
import re
from importlib.metadata import version as installed_version

from sphinx.errors import SphinxError
from sphinx.util import logging

logger = logging.getLogger(__name__)


class SubstitutionFailed(SphinxError):
    category = "A substitution matched nothing"


def version_of(distribution: str) -> tuple[int, ...]:
    """(major, minor) of an installed distribution: "sphinx", "docutils", "pydata-sphinx-theme"."""
    return tuple(int(part) for part in re.findall(r"\d+", installed_version(distribution))[:2])


def checked(what: str, distribution: str, known: tuple[tuple[int, int], ...]) -> bool:
    """True on a version `what` was checked against; else a warning, and False."""
    found = version_of(distribution)
    if found in known:
        return True
    logger.warning("%s is unchecked on %s %s (checked on %s): left out until checked again",
                   what, distribution, ".".join(map(str, found)),
                   ", ".join(".".join(map(str, v)) for v in known),
                   type="bookformats", subtype="internals")
    return False


def expect_match(name: str, count: int, where: str = "") -> None:
    if not count:
        raise SubstitutionFailed(f"{name}: matched nothing{f' in {where}' if where else ''}; "
                                 "the library's output changed, check this substitution again")


def substitute(name: str, pattern: re.Pattern, replacement, text: str, count: int = 0,
               where: str = "") -> str:
    """pattern.sub(), failing the build when the pattern matches nothing."""
    new, done = pattern.subn(replacement, text, count)
    expect_match(name, done, where)
    return new


def replace_once(name: str, old: str, new: str, text: str, where: str = "") -> str:
    """text.replace(old, new, 1), failing the build when `old` is not in the text."""
    expect_match(name, text.count(old), where)
    return text.replace(old, new, 1)


def report(app, failure: SubstitutionFailed) -> None:
    logger.error("%s", failure, type="bookformats", subtype="substitution")
    app.statuscode = 1


def reporting(app, function, fallback=lambda *args: None):
    """`function`, whose SubstitutionFailed fails `app`'s build as one error line; it
    then returns fallback(*args) (an event handler: None; a template filter: its text)."""
    @functools.wraps(function)
    def run(*args):
        try:
            return function(*args)
        except SubstitutionFailed as failure:
            report(app, failure)
            return fallback(*args)
    return run


def reported(handler):
    """An event handler (app first) whose SubstitutionFailed fails the build as an error."""
    @functools.wraps(handler)
    def run(app, *args):
        return reporting(app, handler)(app, *args)
    return run
