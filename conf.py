"""The one Sphinx configuration of the book (docs/conf.py loads this file).

Paths are absolute, computed from this file, so the build works from any
working directory and with `sphinx-build docs _build` as typed.

Two editions from the same sources: Chinese (default) and English
(`BOOK_LANG=en`, translations from locales/en/LC_MESSAGES/*.po). Everything
that differs between them is in the EDITIONS table below.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # the local extensions: factbook (facts), bookformats (editions, formats)

EDITIONS = {
    "zh": {
        "language": "zh_CN",
        "title": "天桥 2023：筑基赋能年报告",
        "subtitle": "济南市天桥区基层治理、项目建设与城市更新",
        "author": "天桥报告编辑组",
        "copyright": "2023–2026，天桥报告编辑组；数据来自原报道",
        "numfig": {"figure": "图 %s", "table": "表 %s", "code-block": "代码 %s",
                   "section": "第 %s 节"},
        "downloads": [("PDF", "A4 排版的完整版，适合打印和存档"),
                      ("EPUB", "电子书格式，适合手机和电子阅读器")],
        "path": "",  # where the edition lives on the site (the one place this is said)
        "other_label": "English",  # the language switch's link to the other edition
        "subject": "济南市天桥区2023年“筑基赋能年”：基层治理、项目建设与城市更新",
        "keywords": "天桥区, 济南, 筑基赋能年, 基层治理, 项目建设, 城市更新, 老旧小区改造",
        "today_fmt": "%Y年%-m月%-d日",  # the edition date (SOURCE_DATE_EPOCH when set)
        "epub_language": "zh-CN",
        # the EPUB's accessibility summary: true of the features bookformats/epubaccess.py declares
        "accessibility_summary": "可重排的电子书：有目录，章节标题分级，便于跳转。每幅图表都配有文字说明，"
                                 "图后附有列出全部数值的数据表，只读文字也能获得全部信息。"
                                 "书中没有闪烁、声音或动画。本书未经独立评估，不声明符合任何 WCAG 等级。",
        # the EPUB cover (bookformats draws it; newlines break lines)
        "cover": {"title": "天桥 2023\n筑基赋能年报告",
                  "subtitle": "济南市天桥区基层治理、\n项目建设与城市更新",
                  "note": "依据一篇报道2023年工作的新闻整理\n原文注明的截止时间最晚为2023年5月\n天桥报告编辑组"},
        # search: jieba, with the book's own words (老旧小区, 专项债…)
        "search": ("zh", {"dict": str(ROOT / "book" / "jieba_dict.txt")}),
        "search_bar_text": "搜索本书…",
        # labels the theme hard-codes in English (the overrides in _templates/ use them)
        "theme_labels": {"Toggle primary sidebar": "显示或隐藏全书目录",
                         "Toggle secondary sidebar": "显示或隐藏本页目录",
                         "Main": "全书目录"},
    },
    "en": {
        "language": "en",
        "title": "Tianqiao 2023: A Report on the Year of Building Foundations and Empowerment",
        "subtitle": "Grassroots governance, project construction and urban renewal in Tianqiao District, Jinan",
        "author": "Tianqiao Report Editors",
        "copyright": "2023–2026, Tianqiao Report Editors; data from the source article",
        "numfig": {"figure": "Figure %s", "table": "Table %s", "code-block": "Listing %s",
                   "section": "Section %s"},
        "downloads": [("PDF", "the complete book typeset on A4, for printing and archiving"),
                      ("EPUB", "e-book for phones and e-readers")],
        "path": "en/",
        "other_label": "中文",
        "subject": "Tianqiao District, Jinan, in 2023: grassroots governance, projects and urban renewal",
        "keywords": "Tianqiao, Jinan, Shandong, grassroots governance, urban renewal, "
                    "old residential compounds, investment projects",
        "today_fmt": "%-d %B %Y",
        "epub_language": "en",
        "accessibility_summary": "A reflowable e-book with a table of contents and headings in order "
                                 "for navigation. Every chart has a text alternative and is followed "
                                 "by a table of its data, so the text alone carries all the "
                                 "information. There is no flashing, sound or motion. The book has "
                                 "not been independently evaluated and makes no claim of conformance "
                                 "to a WCAG level.",
        "cover": {"title": "Tianqiao 2023\nReport on the Year of\nBuilding Foundations\nand Empowerment",
                  "subtitle": "Grassroots governance, projects\nand urban renewal in Jinan",
                  "note": "Based on a news feature on 2023\nthe latest end date it gives is May 2023\nTianqiao Report Editors"},
        "search": ("en", {}),
        "search_bar_text": "Search this book…",
        "theme_labels": {},
    },
}
EDITION = os.environ.get("BOOK_LANG", "zh")
if EDITION not in EDITIONS:
    raise ValueError(f"BOOK_LANG must be one of {', '.join(EDITIONS)}, not {EDITION!r}")
E = EDITIONS[EDITION]
BASENAME = f"tianqiao-2023-{EDITION}"

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

extensions = ["myst_parser", "sphinx_design", "factbook", "bookpublish", "bookformats"]
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
bookformats_downloads = [(kind, f"downloads/{BASENAME}.{kind.lower()}", text)
                         for kind, text in E["downloads"]]
# the other edition (two editions): its label, and its root seen from this edition's root
_OTHER = next(ed for ed in EDITIONS if ed != EDITION)
bookweb_other_edition = (E["other_label"],
                         "../" * E["path"].count("/") + EDITIONS[_OTHER]["path"])

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
html_context = {"default_mode": "auto", "theme_labels": E["theme_labels"]}
html_search_language, html_search_options = E["search"]
# Website only, kept out of the EPUB: it has no search page, and epubcheck rejects :has()
bookweb_site_css = ["css/web.css"]
bookweb_site_js = ["js/search-page.js"]  # loads deferred

# -- LaTeX / PDF ---------------------------------------------------------------------
# xelatex + xeCJK; fonts, page design and the edition's words in book/bookstyle.sty.
latex_engine = "xelatex"
latex_documents = [(root_doc, f"{BASENAME}.tex", project, author, "manual")]
# The appendix toctree is HTML-only (docs/index.md); LaTeX appends these after \appendix.
latex_appendices = ["appendix/data", "appendix/conflicts", "appendix/glossary", "appendix/method"]
bookformats_appendices = latex_appendices  # HTML numbers their tables A.1, B.1… as the PDF does
latex_show_urls = "no"
latex_show_pagerefs = False
latex_additional_files = [str(ROOT / "book" / "bookstyle.sty")]  # the PDF's look
# The edition's metadata for bookstyle.sty, as macros: \booksubtitle, \booklang…
_LATEX_WORDS = {"subtitle": E["subtitle"], "subject": E["subject"], "keywords": E["keywords"],
                "lang": E["epub_language"]}
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "fontenc": r"\usepackage{xeCJK}",  # both editions: the English one quotes Chinese names
    "fontpkg": "",  # bookstyle.sty sets the fonts
    "fvset": "",  # and the verbatim style
    "fncychap": "",
    "preamble": "".join(rf"\newcommand{{\book{name}}}{{{text}}}" "\n"
                        for name, text in _LATEX_WORDS.items())
                + rf"\usepackage[{EDITION}]{{bookstyle}}",
    "maketitle": r"\bookmaketitle",  # title page, page i
    "tableofcontents": r"\booktableofcontents",  # contents and lists in roman numbers
    "extraclassoptions": "openany,oneside",
    "printindex": "",
    # a chart stands where the text puts it, before its data table (which may break
    # across pages): a floating chart could land after its own table
    "figure_align": "H",
}
latex_domain_indices = False

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
from urllib.parse import urlsplit  # noqa: E402

SITE_URL = (os.environ.get("BOOK_BASE_URL") or os.environ.get("READTHEDOCS_CANONICAL_URL")
            or "http://localhost:8000/tianqiao-2023/").rstrip("/") + "/"
WEB_EDITIONS = {ed: (EDITIONS[ed]["epub_language"], EDITIONS[ed]["path"])  # hreflang, path
                for ed in EDITIONS}
html_baseurl = SITE_URL + WEB_EDITIONS[EDITION][1]  # canonical links, sitemap, og:url
extensions += ["sphinx_sitemap", "sphinxext.opengraph", "notfound.extension", "bookweb"]
bookweb_site_url = SITE_URL
bookweb_editions = WEB_EDITIONS
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
ogp_image_alt = {"zh": "本书标题与四个关键数字", "en": "The book's title and four key figures"}[EDITION]
ogp_social_cards = {"enable": False}  # the card is drawn from the data (bookweb/socialcard.py)
ogp_enable_meta_description = True
ogp_custom_meta_tags = ['<meta property="og:image:width" content="1200" />',
                        '<meta property="og:image:height" content="630" />',
                        '<meta name="twitter:card" content="summary_large_image" />']
# labels of the landmarks the overrides in _templates/ add around theme parts
html_context["web_labels"] = {"zh": {"Book title": "书名"}, "en": {}}[EDITION]
notfound_urls_prefix = urlsplit(html_baseurl).path  # absolute links: works at any depth
notfound_context = {
    "zh": {"title": "页面未找到",
           "body": "<h1>页面未找到</h1><p>这个地址没有对应的页面。请从"
                   f'<a href="{notfound_urls_prefix}index.html">本书首页</a>或目录继续阅读。</p>'},
    "en": {"title": "Page not found",
           "body": "<h1>Page not found</h1><p>There is no page at this address. Continue from "
                   f'<a href="{notfound_urls_prefix}index.html">the book’s front page</a> '
                   "or the contents.</p>"},
}[EDITION]
bookformats_accessibility_summary = E["accessibility_summary"]  # in the EPUB's package metadata


# -- Open data, citation and structured data (bookpublish extension) --------------------
# The facts as CSV + JSON + datapackage.json in each edition's downloads/; the
# data appendix and the front page list them, with sizes. The PDF and EPUB are
# built before the HTML (Makefile), so their sizes are read from the stage.
from time import gmtime  # noqa: E402

_STAGE = ROOT / "_build" / "stage" / EDITION
bookformats_download_sources = {f"downloads/{BASENAME}.pdf": str(_STAGE / "typst" / f"{BASENAME}.pdf"),
                                f"downloads/{BASENAME}.epub": str(_STAGE / "epub" / f"{BASENAME}.epub")}
_SOURCE_ARTICLE = {
    "zh": "新闻报道《天桥：把握“筑基赋能年”总体要求，拉升标杆加快发展 奋力谱写全面建设社会主义"
          "现代化强区新篇章》，文/片 记者 李梦瑶；通讯员 王群 田悦（刊载媒体与日期原文未注明，从内容推断刊于2023年）",
    "en": "《天桥：把握“筑基赋能年”总体要求，拉升标杆加快发展 奋力谱写全面建设社会主义现代化强区新篇章》 "
          "(“Tianqiao: grasping the overall requirements of the ‘Year of Building Foundations and Empowerment’…”), "
          "a news feature by Li Mengyao (李梦瑶), with Wang Qun (王群) and Tian Yue (田悦); "
          "the publication and its date are not named in the text (its content places it in 2023)",
}
bookpublish_open_data = {
    "basename": BASENAME,
    "name": f"tianqiao-2023-facts-{EDITION}",
    "title": E["title"] + {"zh": "——全书数据", "en": " — the book's data"}[EDITION],
    "description": {
        "zh": "书中每一个数字一行：数值、单位、约/余、时期、原文位置；推算值附公式，原文自相矛盾处互相指明。",
        "en": "One row per figure of the book: value, unit, qualifier (约/余), period and place in "
              "the source; derived values with their formula; where the source contradicts itself, "
              "the two records name each other."}[EDITION],
    "version": release,
    "author": author,
    "keywords": [k.strip() for k in E["keywords"].split(",")],
    # No licence has been chosen for the book; the figures are facts reported by the source.
    "licence": {"name": "notspecified",
                "title": {"zh": "未指定许可：数字是原报道所载的事实；使用时请注明本书和原报道",
                          "en": "No licence specified: the figures are facts reported by the source "
                                "article; cite the book and the article"}[EDITION]},
    "source": {"title": _SOURCE_ARTICLE[EDITION]},
}
bookformats_data_downloads = [
    (label, f"downloads/{name}", text) for label, name, text in {
        "zh": [("CSV", f"{BASENAME}-facts.csv", "全书数据表，UTF-8 编码（带 BOM，电子表格软件可直接打开中文）"),
               ("JSON", f"{BASENAME}-facts.json", "同样的数据，供程序读取"),
               ("datapackage.json", "datapackage.json", "Frictionless 数据包说明：各列的含义、类型和来源")],
        "en": [("CSV", f"{BASENAME}-facts.csv", "the book's data table, UTF-8 with a byte-order mark "
                "(spreadsheet programs open the Chinese correctly)"),
               ("JSON", f"{BASENAME}-facts.json", "the same data, for programs"),
               ("datapackage.json", "datapackage.json", "Frictionless data package: what each column "
                "means, its type, and the source")],
    }[EDITION]]
# One entry per edition for the "how to cite" section and CITATION.cff's checks.
bookpublish_citation = {
    # the year of the edition date (SOURCE_DATE_EPOCH, as Sphinx's today)
    "year": gmtime(int(os.environ.get("SOURCE_DATE_EPOCH") or 0) or None).tm_year,
    "version": release,
    "editions": [{"lang": ed, "key": f"tianqiao2023{ed}", "title": EDITIONS[ed]["title"],
                  "subtitle": EDITIONS[ed]["subtitle"], "author": EDITIONS[ed]["author"],
                  "language": {"zh": "Chinese", "en": "English"}[ed],
                  "language_tag": EDITIONS[ed]["epub_language"],
                  "path": EDITIONS[ed]["path"], "note": _SOURCE_ARTICLE[ed]}
                 for ed in EDITIONS],
}
# The published address (the same BOOK_BASE_URL the HTML's canonical links use);
# unset, the data files link relatively and the BibTeX entries carry no url.
bookpublish_site_url = os.environ.get("BOOK_BASE_URL", "")
