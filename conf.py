"""The one Sphinx configuration of the book (docs/conf.py loads this file).

Paths are absolute, computed from this file, so the build works from any
working directory and with `sphinx-build docs _build` as typed.

Two editions from the same sources: Chinese (default) and English
(`BOOK_LANG=en`, translations from locales/en/LC_MESSAGES/*.po). Everything
that differs between them is in the EDITIONS table below.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # the factbook extension package

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
        "other": ("English", "en/"),  # the other edition: label, site path
        "subject": "济南市天桥区2023年“筑基赋能年”：基层治理、项目建设与城市更新",
        "keywords": "天桥区, 济南, 筑基赋能年, 基层治理, 项目建设, 城市更新, 老旧小区改造",
        "cover_note": "依据2023年新闻报道整理 · 数据截至2023年5月\n天桥报告编辑组",
        "epub_language": "zh-CN",
        "search_bar_text": "搜索本书…",
        # labels the theme hard-codes in English (the overrides in _templates/ use them)
        "theme_labels": {"Toggle primary sidebar": "显示或隐藏全书目录",
                         "Toggle secondary sidebar": "显示或隐藏本页目录",
                         "Main": "全书目录"},
    },
    "en": {
        "language": "en",
        "title": "Tianqiao 2023: The Year of Building Foundations",
        "subtitle": "Grassroots governance, project construction and urban renewal in Tianqiao District, Jinan",
        "author": "Tianqiao Report Editors",
        "copyright": "2023–2026, Tianqiao Report Editors; data from the source article",
        "numfig": {"figure": "Figure %s", "table": "Table %s", "code-block": "Listing %s",
                   "section": "Section %s"},
        "downloads": [("PDF", "the complete book typeset on A4, for printing and archiving"),
                      ("EPUB", "e-book for phones and e-readers")],
        "other": ("中文", "../"),
        "subject": "Tianqiao District, Jinan, in 2023: grassroots governance, projects and urban renewal",
        "keywords": "Tianqiao, Jinan, Shandong, grassroots governance, urban renewal, "
                    "old residential communities, investment projects",
        "cover_note": "Based on a 2023 news feature · data through May 2023\nTianqiao Report Editors",
        "epub_language": "en",
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
subtitle = E["subtitle"]
author = E["author"]
copyright = E["copyright"]
language = E["language"]
locale_dirs = [str(ROOT / "locales")]
gettext_compact = False  # one catalogue per chapter, so translators work file by file
gettext_uuid = False
gettext_location = False  # no source line numbers: catalogues change only when text does
root_doc = "index"
version = release = "1.0"  # the edition of the book
# Reproducible dates: the edition date is SOURCE_DATE_EPOCH (the Makefile sets it to
# the last commit's time) when set, else the day of the build.
_when = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())))
today = (f"{_when.tm_year}年{_when.tm_mon}月{_when.tm_mday}日" if EDITION == "zh"
         else time.strftime("%-d %B %Y", _when))

extensions = ["myst_parser", "sphinx_design", "factbook"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["AUTHORING.md", "_generated/**/.inputs.sha256"]
# Sphinx 9.0 flags every translated {term} target as an "inconsistent term reference"
# even when it resolves (sphinx-doc/sphinx#14162); broken references still warn.
suppress_warnings = ["i18n.inconsistent_references"]

# -- Data (factbook extension) -------------------------------------------------
factbook_data = str(ROOT / "facts.yaml")
factbook_charts_script = str(ROOT / "scripts" / "charts.py")
_locators = ROOT.parent / "shared" / "source" / "locators.tsv"
factbook_locators = str(_locators) if _locators.exists() else ""
factbook_appendix_doc = "appendix/data"
factbook_downloads = [(kind, f"downloads/{BASENAME}.{kind.lower()}", text)
                      for kind, text in E["downloads"]]
factbook_other_edition = E["other"]

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
    # the language switch (factbook/editions.py) before the theme's buttons
    "article_header_end": ["edition-switch", "article-header-buttons"],
}
templates_path = [str(ROOT / "_templates")]
# Follow the reader's system setting; left empty, the theme logs a console error.
html_context = {"default_mode": "auto", "theme_labels": E["theme_labels"]}
if EDITION == "zh":  # jieba, with the book's own words (老旧小区, 专项债…)
    html_search_language = "zh"
    html_search_options = {"dict": str(ROOT / "_static" / "search" / "jieba_dict.txt")}

# -- LaTeX / PDF ---------------------------------------------------------------------
# xelatex + xeCJK (Sphinx loads xeCJK itself for zh) with Noto CJK; FreeFont for Latin.
latex_engine = "xelatex"
latex_documents = [(root_doc, f"{BASENAME}.tex", project, author, "manual")]
# The appendix toctree is HTML-only (docs/index.md); LaTeX appends these after \appendix.
latex_appendices = ["appendix/data", "appendix/conflicts", "appendix/glossary", "appendix/method"]
factbook_appendices = latex_appendices  # HTML numbers their tables A.1, B.1… as the PDF does
latex_show_urls = "no"
latex_show_pagerefs = False
_PDF_META = {"title": project, "author": author, "subject": E["subject"],
             "keywords": E["keywords"], "lang": E["epub_language"]}
# Words the PDF's LaTeX needs in each edition.
_TEX = {
    "zh": {"CHAPTER": r"第\thechapter 章", "APPENDIX": r"附录\thechapter",
           "CONTENTS": r"目\quad 录", "LOF": "插图目录", "LOT": "表格目录", "FIG": "图",
           "TAB": "表", "APPNAME": "附录", "SPREAD": "1.25", "INDENT": "2em",
           # xeCJK drops spaces between Chinese characters: ties (~) keep them
           "SOURCE": r"资料来源：2023年新闻报道《天桥：把握“筑基赋能年”总体要求，\\"
                     r"拉升标杆加快发展~奋力谱写全面建设社会主义现代化强区新篇章》\\"
                     r"文/片~记者~李梦瑶；通讯员~王群~田悦（刊载媒体与日期原文未注明）",
           "DATA": "数据截至2023年5月", "PUNCT": ""},
    "en": {"CHAPTER": r"Chapter \thechapter", "APPENDIX": r"Appendix \thechapter",
           "CONTENTS": "Contents", "LOF": "List of Figures", "LOT": "List of Tables",
           "FIG": "Figure", "TAB": "Table", "APPNAME": "Appendix", "SPREAD": "1.1",
           "INDENT": "1.5em",
           # the Chinese title on a line of its own: no bracket left hanging at a line end
           "SOURCE": r"Source: “Tianqiao: grasping the overall requirements of the "
                     r"‘Year of Building Foundations’\ldots”\\《天桥：把握“筑基赋能年”总体要求……》\\"
                     r"a 2023 news feature by Li Mengyao (李梦瑶), with Wang Qun (王群) "
                     r"and Tian Yue (田悦)\\"
                     r"(the publication and its date are not named in the text)",
           "DATA": "Data through May 2023",
           # English quotes and dashes from the Latin font: xeCJK would set them
           # full-width (“Party’ s”), and no glue between them and Chinese words;
           # a justified line stretches its word spaces, not a Chinese name's characters.
           "PUNCT": r'\xeCJKDeclareCharClass{Default}{"2013,"2014,"2018,"2019,"201C,"201D,"2026}'
                    r'\xeCJKsetup{CJKecglue={}, CJKglue={\hskip 0pt}}'},
}[EDITION]


def _tex(text: str) -> str:
    for key, value in _TEX.items():
        text = text.replace(f"@@{key}@@", value)
    return text


latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "fontenc": r"\usepackage{xeCJK}",  # both editions: the English one quotes Chinese names
    "fontpkg": r"""
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic, BoldFont=*Bold, BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique, BoldFont=*Bold, BoldItalicFont=*BoldOblique]
\setmonofont{FreeMono}[Scale=0.9, Extension=.otf, UprightFont=*, ItalicFont=*Oblique, BoldFont=*Bold, BoldItalicFont=*BoldOblique]
\setCJKmainfont{Noto Serif CJK SC}[BoldFont=Noto Serif CJK SC Bold]
\setCJKsansfont{Noto Sans CJK SC}[BoldFont=Noto Sans CJK SC Bold]
\setCJKmonofont{Noto Sans Mono CJK SC}
""",
    "fncychap": "",
    "preamble": _tex(r"""
\xeCJKsetup{CJKspace=false}
@@PUNCT@@
\geometry{headheight=14pt}% fancyhdr's running header needs 13.6pt
% Table cells ragged-right: justified CJK in narrow columns spreads characters apart.
\makeatletter
\newcolumntype{\X}[2]{>{\raggedright\arraybackslash}p{\dimexpr
  (\linewidth-\spx@arrayrulewidth)*#1/#2-\tw@\tabcolsep-\spx@arrayrulewidth\relax}}
\makeatother
% Cells Sphinx wraps in varwidth reset the paragraph shape after any hook can run;
% each of their paragraphs opens with \sphinxAtStartPar, so set it ragged there.
\let\bookorigAtStartPar\sphinxAtStartPar
\AddToHook{env/varwidth/begin}{\def\sphinxAtStartPar{\raggedright\bookorigAtStartPar}}
% Key-figure cards (sphinx-design) in print: two columns of ruled blocks, each
% with its label, its figure set large, and a short description.
\usepackage{multicol}
\newif\ifbookcardvalue
\newenvironment{sphinxclasssd-row}{\par\begin{multicols}{2}\raggedcolumns}{\end{multicols}}
\newenvironment{sphinxclasssd-card}{\par\noindent\begin{minipage}{\linewidth}%
  \setlength{\parindent}{0pt}\setlength{\parskip}{2pt}\raggedright
  \rule{\linewidth}{0.5pt}\par}{\end{minipage}\par\vspace{10pt}}
\newenvironment{sphinxclasssd-card-title}{\small\sffamily\bfseries}{\par\global\bookcardvaluetrue}
\newcommand{\DUrolefact}[1]{\ifbookcardvalue\global\bookcardvaluefalse
  {\Large\sffamily\bfseries #1}\else #1\fi}
\linespread{@@SPREAD@@}
\setlength{\parindent}{@@INDENT@@}
% Chapter titles: 第1章 / Chapter 1; appendices: 附录A / Appendix A
\titleformat{\chapter}[display]{\normalfont\sffamily\bfseries\raggedright}%
  {\Large @@CHAPTER@@}{12pt}{\huge}
\makeatletter
\g@addto@macro\appendix{%
  \titleformat{\chapter}[display]{\normalfont\sffamily\bfseries\raggedright}%
    {\Large @@APPENDIX@@}{12pt}{\huge}%
  \renewcommand{\thefigure}{\thechapter.\arabic{figure}}%  Sphinx numbers with arabic chapters
  \renewcommand{\thetable}{\thechapter.\arabic{table}}}
\makeatother
% Fact keys (long snake_case names) may break after an underscore.
\let\bookorigupquote\sphinxupquote
\protected\def\sphinxupquote#1{\bookorigupquote{\sphinxbreaksattexescapedchars#1}}
% Running headers carry the title only, without the release number.
\makeatletter\AtBeginDocument{\renewcommand{\py@release}{}\renewcommand{\sphinxheadercomma}{}}\makeatother
% Document language in the PDF catalog (xdvipdfmx ignores hyperref's pdflang).
""") + (r"\AtBeginDocument{\special{pdf:put @catalog <</Lang (%(lang)s)>>}}"
        r"\AtBeginDocument{\hypersetup{pdftitle={%(title)s}, pdfauthor={%(author)s}, "
        r"pdfsubject={%(subject)s}, pdfkeywords={%(keywords)s}}}") % _PDF_META,
    "maketitle": _tex(r"""
\pagenumbering{roman}% the title page is front matter too: page i, no number printed
\begin{titlepage}
\centering\sffamily
\vspace*{0.22\textheight}
{\Huge\bfseries """ + project + r"""\par}
\vspace{1.2em}
{\Large """ + subtitle + r"""\par}
\vfill
{\normalsize @@SOURCE@@\par}
\vspace{0.8em}
{\normalsize @@DATA@@\par}
\vspace{2em}
{\large """ + author + r"""\par}
\vspace{0.4em}
{\normalsize """ + today + r"""\par}
\end{titlepage}
\setcounter{page}{2}% titlepage resets the counter; contents follow on page ii
"""),
    # Babel (English) resets these names at \begin{document}, and Sphinx names the
    # contents after the first toctree caption: set them where they are used.
    "tableofcontents": _tex(r"""
\renewcommand{\contentsname}{@@CONTENTS@@}
\renewcommand{\listfigurename}{@@LOF@@}
\renewcommand{\listtablename}{@@LOT@@}
\renewcommand{\figurename}{@@FIG@@}
\renewcommand{\tablename}{@@TAB@@}
\renewcommand{\appendixname}{@@APPNAME@@}
\makeatletter
\def\fnum@figure{\figurename~\thefigure}% 图 1.1 / Figure 1.1, as in HTML
\def\fnum@table{\tablename~\thetable}%
\renewcommand{\chaptermark}[1]{\markboth{\ifx\@chapapp\appendixname @@APPENDIX@@
  \else @@CHAPTER@@\fi\quad #1}{}}
\makeatother
% Contents and both lists are front matter (roman, from the title page on);
% chapter 1 starts at page 1.
\begingroup\parskip 0pt \sphinxtableofcontentshook\tableofcontents\endgroup
\clearpage
\listoffigures
\listoftables
\clearpage
\pagenumbering{arabic}
"""),
    "extraclassoptions": "openany,oneside",
    "printindex": "",
}
latex_domain_indices = False

factbook_cover = {
    "title": {"zh": "天桥 2023\n筑基赋能年报告", "en": "Tianqiao 2023\nThe Year of\nBuilding Foundations"}[EDITION],
    "subtitle": {"zh": "济南市天桥区基层治理、\n项目建设与城市更新",
                 "en": "Grassroots governance, projects\nand urban renewal in Jinan"}[EDITION],
    "note": E["cover_note"],
}

# -- EPUB --------------------------------------------------------------------------------
epub_basename = BASENAME
epub_language = E["epub_language"]
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_show_urls = "no"
epub_cover = (f"_static/cover-{EDITION}.png", "epub-cover.html")
# A stable identifier per edition, so e-readers keep the two apart.
# (The NCX reuses the uid as the identifier, so epubcheck wants the two equal.)
epub_uid = epub_identifier = f"tianqiao-report-2023-{EDITION}"
epub_scheme = "URN"
epub_description = E["subject"]
epub_contributor = author
epub_exclude_files = ["_static/search/jieba_dict.txt", "_static/css/web.css",
                      "_static/js/search-page.js",
                      *(f"_static/cover-{ed}.png" for ed in EDITIONS if ed != EDITION)]
epub_tocdepth = 2


def _add_web_assets(app):
    # Website only: the EPUB has no search, and its CSS checker rejects :has().
    if app.builder.name == "html":
        app.add_css_file("css/web.css")
        app.add_js_file("js/search-page.js", loading_method="defer")


def setup(app):
    app.connect("builder-inited", _add_web_assets)


# -- Website (bookweb extension + sphinx-sitemap, sphinxext-opengraph, sphinx-notfound-page)
# One setting: the URL the site is served from, both editions (Chinese at its root,
# English in en/). Read the Docs' own URL when building there; the default is a
# local preview address: deployments set BOOK_BASE_URL (.github/workflows/pages.yml).
from urllib.parse import urlsplit  # noqa: E402

SITE_URL = (os.environ.get("BOOK_BASE_URL") or os.environ.get("READTHEDOCS_CANONICAL_URL")
            or "http://localhost:8000/tianqiao-2023/").rstrip("/") + "/"
WEB_EDITIONS = {"zh": ("zh-CN", ""), "en": ("en", "en/")}  # hreflang, path under SITE_URL
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
