"""How to cite the book: a BibTeX entry per edition ({bibtex-entries}) and, in the
data appendix, each row's key as a link to the row itself, for readers to copy.

The entries are made from conf.py's `bookpublish_citation` (the same titles and
authors the editions print; CITATION.cff is tested against them).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from factbook.state import lang_of

EDITION_NAMES = {"zh": {"zh": "中文版", "en": "英文版"},
                 "en": {"zh": "Chinese edition", "en": "English edition"}}
ENTRIES_HERE = "bookpublish_bibtex_entries"
PERMALINK_TITLE = {"zh": "本条数据的固定链接，可复制", "en": "Permanent link to this record, to copy"}


def edition_url(config, path: str) -> str:
    """The absolute URL of an edition (`path` '' or 'en/'), or '' when the site's
    address is not known (BOOK_BASE_URL unset)."""
    site = config.bookpublish_site_url.rstrip("/")
    return f"{site}/{path}" if site else ""


def this_edition_url(config) -> str:
    lang = lang_of(config)
    paths = [e["path"] for e in config.bookpublish_citation.get("editions", []) if e["lang"] == lang]
    return edition_url(config, paths[0]) if paths else ""


def _braced(text: str) -> str:
    # BibTeX braces must balance; the titles hold none, but a stray one must not break the entry
    return text.replace("{", "(").replace("}", ")")


def bibtex_entry(edition: dict, year: int, version: str, url: str) -> str:
    fields = [("title", edition["title"]), ("subtitle", edition["subtitle"]),
              ("author", "{" + edition["author"] + "}"),  # a group, not "first last"
              ("publisher", edition["author"]), ("year", str(year)), ("version", version),
              ("language", edition["language"]), ("note", edition["note"])]
    if url:
        fields.append(("url", url))
    body = ",\n".join(f"  {name:<9} = {{{_braced(value) if name != 'author' else value}}}"
                      for name, value in fields)
    return f"@book{{{edition['key']},\n{body}\n}}\n"


class BibtexEntries(SphinxDirective):
    """One BibTeX entry per edition, each under the edition's name."""

    def run(self):
        # the page's metadata (which Sphinx drops when the page is read again): a page
        # to read again when this code changes (bookpublish's pages_its_code_affects)
        self.env.metadata[self.env.docname][ENTRIES_HERE] = True
        cite = self.config.bookpublish_citation
        lang = lang_of(self.config)
        result = []
        for edition in cite["editions"]:
            name = EDITION_NAMES[lang][edition["lang"]]
            result.append(nodes.paragraph("", "", nodes.strong(text=name), translatable=False))
            text = bibtex_entry(edition, cite["year"], cite["version"],
                                edition_url(self.config, edition["path"]))
            block = nodes.literal_block(text, text, language="bibtex",
                                        classes=["bibtex-entry"])
            result.append(block)
        return result


def link_appendix_keys(app, doctree, docname):
    """In the data appendix, the key under each label links to its own row."""
    if app.builder.name not in ("html", "dirhtml") or docname != app.config.factbook_appendix_doc:
        return
    title = PERMALINK_TITLE[lang_of(app.config)]
    for table in doctree.findall(nodes.table):
        if "fact-appendix" not in table["classes"]:
            continue
        for row in table.findall(nodes.row):
            ids = [i for i in row["ids"] if i.startswith("fact-")]
            label = next((c for c in row.findall(nodes.entry)
                          if "fact-label" in c["classes"]), None)
            if not ids or label is None:
                continue
            for literal in list(label.findall(nodes.literal)):
                link = nodes.reference("", "", literal.deepcopy(), internal=True,
                                       refuri=f"#{ids[0]}", reftitle=title,
                                       classes=["fact-permalink"])
                literal.replace_self(link)


class PlainEntries(SphinxPostTransform):
    """HTML: the entries as plain preformatted text (no highlighting), their text
    in an inline node, so that the English edition's Chinese runs get marked
    lang="zh-Hans" like the prose (bookformats' marking, priority 800, leaves
    literal blocks' own text alone)."""

    formats = ("html",)
    default_priority = 700

    def run(self, **kwargs) -> None:
        for block in list(self.document.findall(nodes.literal_block)):
            if "bibtex-entry" in block["classes"]:
                text = block.astext()
                block.children = []
                block += nodes.inline("", text)
                block.rawsource = ""  # Sphinx then writes the children, unhighlighted


def setup_citation(app):
    # {"year", "version", "editions": [{lang, key, title, subtitle, author, language,
    #                                   language_tag, path, note}]}
    app.add_config_value("bookpublish_citation", {}, "html", types=[dict])
    app.add_config_value("bookpublish_site_url", "", "html", types=[str])  # BOOK_BASE_URL
    app.add_directive("bibtex-entries", BibtexEntries)
    app.connect("doctree-resolved", link_appendix_keys)
    app.add_post_transform(PlainEntries)
