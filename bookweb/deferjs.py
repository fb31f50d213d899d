"""Scripts that do not hold up the first paint.

Sphinx, sphinx-design and the book theme add their scripts to <head> as plain
<script> tags, which block the parser; on a phone (Lighthouse, slow 4G) the page
then painted about 1.7 s after it had loaded. Each such script gets `defer`, and
each inline one (the theme's `DOCUMENTATION_OPTIONS.pagename = …`) becomes a module
script: deferred and module scripts run in document order once the page is
parsed, so every script still sees the ones before it. The search page keeps its
scripts as they are (its search code expects them in place at once).

Internals: the scripts in the page context are Sphinx's private `_JavaScript`
objects (their attributes and the way js_tag renders them), checked on Sphinx
9.0; on another version the build warns (-W stops it) and scripts stay as they are.
"""

from __future__ import annotations

from bookformats.internals import checked, expect_match, reported

KNOWN_SPHINX = ((9, 0),)
KEEP_ON = {"search"}


def deferred(script):
    from sphinx.builders.html._assets import _JavaScript  # the type Sphinx renders with js_tag

    if not isinstance(script, _JavaScript):
        return script
    attrs = dict(script.attributes)
    if script.filename:
        if {"async", "defer"} & attrs.keys() or attrs.get("type") == "module":
            return script
        attrs["defer"] = "defer"
    elif "body" in attrs and "type" not in attrs:
        attrs["type"] = "module"  # inline scripts cannot take defer; modules are deferred
    else:
        return script
    return _JavaScript(script.filename, priority=script.priority, **attrs)


@reported
def defer_scripts(app, pagename, templatename, context, doctree):
    if app.builder.name != "html" or pagename in KEEP_ON or "script_files" not in context:
        return
    scripts = [deferred(s) for s in context["script_files"]]
    changed = sum(new is not old for new, old in zip(scripts, context["script_files"]))
    expect_match("deferred scripts", changed, pagename)
    context["script_files"] = scripts


def setup_deferjs(app):
    if not checked("bookweb's deferred scripts (Sphinx's private _JavaScript)", "sphinx",
                   KNOWN_SPHINX):
        return
    # after the themes (priority 500), which add the page's inline scripts in this event
    app.connect("html-page-context", defer_scripts, priority=900)
