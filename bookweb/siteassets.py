"""CSS and JavaScript for the website only, never packed into the EPUB.

The EPUB has no search page (search-page.js), and epubcheck's CSS checker
rejects selectors such as :has() (web.css). Files are named relative to
html_static_path; scripts load deferred.
"""

from __future__ import annotations


def _site_files(config) -> list[str]:
    return [*config.bookweb_site_css, *config.bookweb_site_js]


def keep_out_of_epub(app, config):
    config.epub_exclude_files = [*config.epub_exclude_files,
                                 *(f"_static/{path}" for path in _site_files(config))]


def add_to_site_pages(app):
    if app.builder.name != "html":  # the website builder only (the EPUB's is "epub")
        return
    for path in app.config.bookweb_site_css:
        app.add_css_file(path)
    for path in app.config.bookweb_site_js:
        app.add_js_file(path, loading_method="defer")


def setup(app):
    app.add_config_value("bookweb_site_css", [], "html", types=[list])
    app.add_config_value("bookweb_site_js", [], "html", types=[list])
    app.connect("config-inited", keep_out_of_epub)
    app.connect("builder-inited", add_to_site_pages)
