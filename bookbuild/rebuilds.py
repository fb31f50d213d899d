"""Incremental builds that are both fast and right, so the Makefile needs no -E.

- A change to the code of a local extension (any extension loaded from outside the
  Python installation) re-reads the pages that extension registered with
  `code_affects` (Sphinx itself only notices conf.py): factbook's, the pages that
  show a fact and the front page; bookformats' and bookweb's, which touch every page
  (post-transforms, the written HTML), all of them. An extension that registered
  nothing affects every page. Code is compared by its syntax tree without
  docstrings: an edited comment, docstring or line break re-reads nothing.
- The configuration is saved with the environment as conf.py made it: the
  themes (pydata, book theme) and sphinx-design add template and static folders
  and fill in defaults when the builder starts, after Sphinx compared the
  configuration with the last build's. Saved with those additions, the next
  build would find "the configuration has changed (6 options ...)" every time.

Internals: Sphinx's private `stable_str` (what it compares configurations with), and
the order env-get-updated -> pickling the environment -> env-check-consistency that
the swap of `env.config` relies on; both checked on Sphinx 9.0. On another version
the build warns (-W stops it) and the configuration is saved as Sphinx saves it.

Which pages show which facts (a facts.yaml change re-reads exactly those) is
the fact domain's bookkeeping: factbook/state.py, FactDomain.outdated.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import sys
from pathlib import Path
from typing import Callable

from bookformats.internals import checked

KNOWN_SPHINX = ((9, 0),)
_AS_WRITTEN = "_bookbuild_config_as_written"
_AFFECTS = "_bookbuild_code_affects"  # on the app: {extension: pages(app, env)}
CODE = "bookbuild_code"  # on the environment: {extension: digest of its code}, of the last build

Pages = Callable[..., set]


def EVERY_PAGE(app, env) -> set[str]:  # noqa: N802 (a constant, as callers use it)
    return set(env.found_docs)


def NO_PAGE(app, env) -> set[str]:  # noqa: N802
    return set()


def code_affects(app, extension: str, pages: Pages) -> None:
    """Declare what the code of `extension` (its module or package name) affects:
    `pages(app, env)` gives the pages to read again when that code changed."""
    if not hasattr(app, _AFFECTS):
        setattr(app, _AFFECTS, {})
    getattr(app, _AFFECTS)[extension] = pages


def syntax_digest(source: bytes) -> bytes:
    """The code's syntax tree without docstrings: what runs, not how it reads."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree).encode()


def code_digests(app) -> dict[str, str]:
    """Per project extension (not those installed): a digest of its code."""
    installed = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix)}
    digests = {}
    for name in sorted(app.extensions):  # those of conf.py and those they set up
        file = getattr(sys.modules.get(name), "__file__", None)
        if not file:
            continue
        path = Path(file).resolve()
        if any(path.is_relative_to(prefix) for prefix in installed):
            continue
        digest = hashlib.sha256()
        files = sorted(path.parent.glob("*.py")) if path.name == "__init__.py" else [path]
        for file in files:
            digest.update(syntax_digest(file.read_bytes()))
        digests[name] = digest.hexdigest()
    return digests


def outdated_by_code(app, env, added=None, changed=None, removed=None) -> set[str]:
    """env-get-outdated: the pages to read again because a project extension's code
    changed (once): for each changed extension, what it registered."""
    new = code_digests(app)
    old = getattr(env, CODE, None)
    setattr(env, CODE, new)
    if not isinstance(old, dict):  # a first build, or one saved before this bookkeeping
        return set(env.found_docs)
    affects = getattr(app, _AFFECTS, {})
    docs: set[str] = set()
    for name in old.keys() | new.keys():
        if old.get(name) != new.get(name):
            docs |= affects.get(name, EVERY_PAGE)(app, env)
    return docs & env.found_docs


def remember_config(app, config):
    """After every config-inited handler: the configuration as the project wrote it."""
    from sphinx.util._serialise import stable_str  # what Sphinx compares configs with

    written = {}
    for item in config:
        try:
            written[item.name] = (stable_str(item.value), copy.deepcopy(item.value))
        except Exception:  # a value that cannot be copied is not saved by Sphinx either
            continue
    setattr(config, _AS_WRITTEN, written)  # "_" names are not pickled with the config


def save_config_as_written(app, env):
    """Just before the environment is pickled: give it the written values of
    what the builder's start changed; the build itself keeps the changed ones."""
    from sphinx.util._serialise import stable_str

    written = getattr(app.config, _AS_WRITTEN, {})
    changed = {name: value for name, (text, value) in written.items()
               if name in app.config and stable_str(app.config[name]) != text}
    if changed:
        saved = copy.copy(app.config)  # Sphinx's own pickled form of the config
        for name, value in changed.items():
            setattr(saved, name, value)
        env.config = saved
    return []


def restore_config(app, *args):
    """Right after pickling (or when nothing was pickled): the build's config again."""
    app.env.config = app.config


def setup_rebuilds(app):
    app.connect("env-get-outdated", outdated_by_code)
    if not checked("bookbuild's saved configuration (Sphinx's private stable_str and the "
                   "order of pickling the environment)", "sphinx", KNOWN_SPHINX):
        return
    app.connect("config-inited", remember_config, priority=999)
    app.connect("env-get-updated", save_config_as_written, priority=999)
    app.connect("env-check-consistency", restore_config, priority=0)
    app.connect("write-started", restore_config, priority=0)
