"""What the extension keeps between events: the facts, and per document which
facts it uses and which problems it has (kept in the pickled environment so
incremental builds still know about documents they did not re-read)."""

from __future__ import annotations


def lang_of(config) -> str:
    return "en" if (config.language or "").startswith("en") else "zh"


def facts_of(env) -> dict:
    return env.factbook_facts  # loaded afresh at builder-inited


def _store(env, name):
    if not hasattr(env, name):
        setattr(env, name, {})
    return getattr(env, name)


def record_use(env, key):
    _store(env, "factbook_used").setdefault(env.docname, set()).add(key)


def record_problem(env, message):
    _store(env, "factbook_problems").setdefault(env.docname, []).append(message)


def purge_doc(app, env, docname):
    for name in ("factbook_used", "factbook_problems"):
        _store(env, name).pop(docname, None)


def merge_info(app, env, docnames, other):
    for name in ("factbook_used", "factbook_problems"):
        mine, theirs = _store(env, name), _store(other, name)
        for doc in docnames:
            if doc in theirs:
                mine[doc] = theirs[doc]


def used_keys(env) -> set:
    return set().union(*_store(env, "factbook_used").values())


def problems(env) -> list:
    return [p for doc in sorted(_store(env, "factbook_problems"))
            for p in _store(env, "factbook_problems")[doc]]
