"""The one Sphinx configuration of the book (docs/conf.py loads this file).

Paths are absolute, computed from this file, so the build works from any
working directory and with `sphinx-build docs _build` as typed.

Two editions from the same sources: Chinese (default) and English
(`BOOK_LANG=en`, translations from locales/en/LC_MESSAGES/*.po). Everything
that differs between them is the EDITIONS table of book/editions.py; where each
edition and format lands is book/layout.py (the Makefile reads it too).
"""

import os
import sys
from pathlib import Path
from time import gmtime
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # the local extensions (factbook, bookformats…) and book/

from book import layout  # noqa: E402
from book.editions import EDITIONS, citation, not_found, open_data  # noqa: E402

EDITION = os.environ.get("BOOK_LANG", "zh")
if EDITION not in EDITIONS:
    raise ValueError(f"BOOK_LANG must be one of {', '.join(EDITIONS)}, not {EDITION!r}")
E = EDITIONS[EDITION]
BASENAME = layout.basename(EDITION)

# -- Project -------------------------------------------------------------------
project = E["title"]
author = E["author"]
copyright = E["copyright"]
language = E["language"]
locale_dirs = [str(ROOT / "locales")]
gettext_compact = False  # one catalogue per chapter, so translators work file by file
gettext_uuid = False
gettext_location = False  # no source line numbers: catalogues change only when text does
root_doc = "index"
version = release = "1.0"  # the edition of the book
# The edition date: Sphinx formats SOURCE_DATE_EPOCH (the Makefile sets it to the
# last commit's time) when set, else the day of the build.
today_fmt = E["today_fmt"]

extensions = ["myst_parser", "sphinx_design", "factbook", "bookpublish", "bookformats",
              "sphinx_sitemap", "sphinxext.opengraph", "notfound.extension", "bookweb"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["AUTHORING.md", "MAINTAINING.md"]  # notes for authors and maintainers, not pages of the book
# Sphinx 9.0 flags every translated {term} target as an "inconsistent term reference"
# even when it resolves (sphinx-doc/sphinx#14162); broken references still warn.
suppress_warnings = ["i18n.inconsistent_references"]

# -- Data (factbook extension) -------------------------------------------------
factbook_data = str(ROOT / "facts.yaml")
factbook_chart_module = str(ROOT / "book" / "chart_drawings.py")
factbook_locators = str(ROOT / "provenance.yaml")  # the source's paragraphs, in every clone
factbook_appendix_doc = "appendix/data"
factbook_topics = {  # the book's three parts; each record in facts.yaml names one
    "governance": {"zh": "党建引领基层治理", "en": "Party-led grassroots governance"},
    "projects": {"zh": "项目建设", "en": "Project construction"},
    "renewal": {"zh": "城市更新", "en": "Urban renewal"},
}

# -- Editions and formats (bookformats extension) ---------------------------------
bookformats_downloads = layout.downloads(EDITION)
# the other edition (two editions): its label, and its root seen from this edition's root
bookweb_other_edition = (E["other_label"], layout.other_edition_root(
    EDITION, next(ed for ed in EDITIONS if ed != EDITION)))

# -- Numbering: 图 1.1 / Figure 1.1 ---------------------------------------------------
numfig = True
numfig_secnum_depth = 1
numfig_format = E["numfig"]

# -- HTML --------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = E["title"]
html_static_path = [str(ROOT / "_static")]
html_css_files = ["css/book.css"]
html_favicon = str(ROOT / "_static" / "favicon.svg")  # a drawn bridge icon; browsers ask for one
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "use_download_button": False,  # the theme's button downloads the page, not the book
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "use_edit_page_button": False,
    "use_issues_button": False,
    "use_source_button": False,
    "show_toc_level": 2,
    "search_bar_text": E["search_bar_text"],
    "home_page_in_toc": True,
    "navigation_with_keys": False,
    "navbar_persistent": [],  # search lives in the sidebar; no second search bar on top
    # the language switch (bookweb/editions.py) before the theme's buttons
    "article_header_end": ["edition-switch", "article-header-buttons"],
}
templates_path = [str(ROOT / "_templates")]
# Follow the reader's system setting; left empty, the theme logs a console error.
# labels of the landmarks the overrides in _templates/ add around theme parts
html_context = {"default_mode": "auto", "theme_labels": E["theme_labels"],
                "web_labels": E["web_labels"]}
html_search_language = E["search_language"]
# Chinese: jieba, with the book's own words (老旧小区, 专项债…)
html_search_options = ({"dict": str(ROOT / "book" / "jieba_dict.txt")}
                       if html_search_language == "zh" else {})
# Website only, kept out of the EPUB: it has no search page, and epubcheck rejects :has()
bookweb_site_css = ["css/web.css"]
bookweb_site_js = ["js/search-page.js"]  # loads deferred

# -- Appendices ------------------------------------------------------------------------
# Lettered A, B, … after the numbered chapters (docs/index.md lists them in an
# HTML-only toctree): the HTML numbers their tables A.1, B.1… as the PDF does, and
# the PDF (booktypst/conf) appends them after the chapters.
APPENDICES = ["appendix/data", "appendix/conflicts", "appendix/glossary", "appendix/method"]
bookformats_appendices = APPENDICES

# -- EPUB --------------------------------------------------------------------------------
epub_basename = BASENAME
epub_language = E["epub_language"]
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_show_urls = "no"
epub_cover = (f"_static/cover-{EDITION}.png", "epub-cover.html")
bookformats_cover = E["cover"]  # bookformats draws the image epub_cover names from these
# A stable identifier per edition, so e-readers keep the two apart.
# (The NCX reuses the uid as the identifier, so epubcheck wants the two equal.)
epub_uid = epub_identifier = f"tianqiao-report-2023-{EDITION}"
epub_scheme = "URN"
epub_description = E["subject"]
epub_contributor = author
epub_tocdepth = 2

# -- Website (bookweb extension + sphinx-sitemap, sphinxext-opengraph, sphinx-notfound-page)
# One setting: the URL the site is served from, both editions (Chinese at its root,
# English in en/). Read the Docs' own URL when building there; the default is a
# local preview address: deployments set BOOK_BASE_URL (.github/workflows/pages.yml).
SITE_URL = (os.environ.get("BOOK_BASE_URL") or os.environ.get("READTHEDOCS_CANONICAL_URL")
            or "http://localhost:8000/tianqiao-2023/").rstrip("/") + "/"
html_baseurl = SITE_URL + layout.SITE_DIRS[EDITION]  # canonical links, sitemap, og:url
bookweb_site_url = SITE_URL
bookweb_editions = {ed: (EDITIONS[ed]["epub_language"], layout.SITE_DIRS[ed])  # hreflang, path
                    for ed in EDITIONS}
bookweb_edition = EDITION
bookweb_social_card = {
    "title": E["title"],
    "subtitle": E["subtitle"],
    "keys": ["projects_introduced_amount", "provincial_projects_completion",
             "old_community_investment", "grid_matters_closed"],
}
sitemap_url_scheme = "{link}"
sitemap_locales = [None]  # alternates: bookweb/sitemap.py (sphinx-sitemap assumes <lang>/ dirs)
sitemap_excludes = ["search.html", "genindex.html", "404.html"]
ogp_site_url = html_baseurl
ogp_site_name = E["title"]
ogp_image = f"{html_baseurl}_static/social-card-{EDITION}.png"
ogp_image_alt = E["og_image_alt"]
ogp_social_cards = {"enable": False}  # the card is drawn from the data (bookweb/socialcard.py)
ogp_enable_meta_description = True
ogp_custom_meta_tags = ['<meta property="og:image:width" content="1200" />',
                        '<meta property="og:image:height" content="630" />',
                        '<meta name="twitter:card" content="summary_large_image" />']
notfound_urls_prefix = urlsplit(html_baseurl).path  # absolute links: works at any depth
notfound_context = not_found(EDITION, home=f"{notfound_urls_prefix}index.html")
bookformats_accessibility_summary = E["accessibility_summary"]  # in the EPUB's package metadata


# -- Open data, citation and structured data (bookpublish extension) --------------------
# The facts as CSV + JSON + datapackage.json in each edition's downloads/; the
# data appendix and the front page list them, with sizes. The PDF and EPUB are
# built before the HTML (Makefile), so their sizes are read from the stage.
bookformats_download_sources = {layout.download(EDITION, ext): str(ROOT / layout.staged(EDITION, builder, ext))
                                for builder, ext in ((layout.PDF_BUILDER, "pdf"), ("epub", "epub"))}
bookpublish_open_data = open_data(EDITION, BASENAME, version=release)
bookformats_data_downloads = layout.data_downloads(EDITION)
# One entry per edition for the "how to cite" section and CITATION.cff's checks;
# the year is the edition date's (SOURCE_DATE_EPOCH, as Sphinx's today).
bookpublish_citation = citation(year=gmtime(int(os.environ.get("SOURCE_DATE_EPOCH") or 0) or None).tm_year,
                                version=release, site_dirs=layout.SITE_DIRS)
# The published address (the same BOOK_BASE_URL the HTML's canonical links use);
# unset, the data files link relatively and the BibTeX entries carry no url.
bookpublish_site_url = os.environ.get("BOOK_BASE_URL", "")
