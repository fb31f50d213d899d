"""Structured data on each edition's front page: JSON-LD for the book (schema.org
`Book`) and its data (`Dataset`, whose `distribution` is the CSV and the JSON),
so search engines and reference tools can find both.

Made from the same configuration as the BibTeX entries and the data package.
"""

from __future__ import annotations

import json

from factbook.state import lang_of

from .citation import edition_url, this_edition_url
from .export import file_names

MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}


def front_page_graph(config) -> dict:
    lang = lang_of(config)
    cite, data = config.bookpublish_citation, config.bookpublish_open_data
    edition = next(e for e in cite["editions"] if e["lang"] == lang)
    base = this_edition_url(config)  # '' -> URLs relative to the front page
    author = {"@type": "Organization", "name": edition["author"]}
    source = {"@type": "NewsArticle", "description": data["source"]["title"],
              "inLanguage": "zh-CN"}
    names = file_names(data["basename"])
    book = {
        "@type": "Book", "@id": f"{base}#book", "name": edition["title"],
        "alternativeHeadline": edition["subtitle"], "inLanguage": config.epub_language,
        "author": author, "publisher": author, "version": cite["version"],
        "copyrightYear": cite["year"], "isBasedOn": source,
        "bookFormat": "https://schema.org/EBook",
        "workTranslation" if lang == "zh" else "translationOfWork": [
            {"@type": "Book", "name": e["title"], "inLanguage": e["language_tag"],
             **({"url": edition_url(config, e["path"])} if edition_url(config, e["path"]) else {})}
            for e in cite["editions"] if e["lang"] != lang],
    }
    dataset = {
        "@type": "Dataset", "@id": f"{base}#data", "name": data["title"],
        "description": data["description"], "inLanguage": config.epub_language,
        "creator": author, "version": data["version"], "keywords": data["keywords"],
        "isBasedOn": source, "subjectOf": {"@id": f"{base}#book"},
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": MEDIA_TYPES[kind],
             "contentUrl": f"{base}downloads/{names[kind]}"} for kind in ("csv", "json")],
    }
    if base:
        book["url"] = dataset["url"] = base
    return {"@context": "https://schema.org", "@graph": [book, dataset]}


def add_front_page_jsonld(app, pagename, templatename, context, doctree):
    if (app.builder.name != "html" or pagename != app.config.root_doc
            or not app.config.bookpublish_open_data or not app.config.bookpublish_citation):
        return
    text = json.dumps(front_page_graph(app.config), ensure_ascii=False, indent=1)
    text = text.replace("</", "<\\/")  # nothing in it may close the script element
    context["metatags"] = (context.get("metatags", "") +
                           f'\n<script type="application/ld+json">\n{text}\n</script>\n')


def setup_jsonld(app):
    app.connect("html-page-context", add_front_page_jsonld)
