"""The one Sphinx configuration of the book (docs/conf.py loads this file).

Paths are absolute, computed from this file, so the build works from any
working directory and with `sphinx-build docs _build` as typed.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # the factbook extension package

# -- Project -------------------------------------------------------------------
project = "天桥 2023：筑基赋能年报告"
subtitle = "济南市天桥区基层治理、项目建设与城市更新"
author = "天桥报告编辑组"
copyright = "2023–2026，天桥报告编辑组；数据来自原报道"
language = "zh_CN"
root_doc = "index"
version = release = "1.0"  # the edition of the book
# Reproducible dates: the edition date is SOURCE_DATE_EPOCH (the Makefile sets it to
# the last commit's time) when set, else the day of the build.
_when = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())))
today = f"{_when.tm_year}年{_when.tm_mon}月{_when.tm_mday}日"

extensions = ["myst_parser", "sphinx_design", "factbook"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["AUTHORING.md", "_generated/**/.inputs.sha256"]
suppress_warnings = []

# -- Data (factbook extension) -------------------------------------------------
factbook_data = str(ROOT / "facts.yaml")
factbook_charts_script = str(ROOT / "scripts" / "charts.py")
_locators = ROOT.parent / "shared" / "source" / "locators.tsv"
factbook_locators = str(_locators) if _locators.exists() else ""
factbook_appendix_doc = "appendix/data"
factbook_downloads = [
    ("PDF", "downloads/tianqiao-2023-zh.pdf", "A4 排版的完整版，适合打印和存档"),
    ("EPUB", "downloads/tianqiao-2023-zh.epub", "电子书格式，适合手机和电子阅读器"),
]

# -- Numbering: 图 1.1, 表 1.1 ------------------------------------------------------
numfig = True
numfig_secnum_depth = 1
numfig_format = {"figure": "图 %s", "table": "表 %s", "code-block": "代码 %s", "section": "第 %s 节"}

# -- HTML --------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "天桥 2023：筑基赋能年报告"
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
    "home_page_in_toc": True,
    "navigation_with_keys": False,
}
# Follow the reader's system setting; left empty, the theme logs a console error.
html_context = {"default_mode": "auto"}
html_search_language = "zh"
html_search_options = {"dict": str(ROOT / "_static" / "search" / "jieba_dict.txt")}

# -- LaTeX / PDF ---------------------------------------------------------------------
# xelatex + xeCJK (Sphinx loads xeCJK itself for zh) with Noto CJK; FreeFont for Latin.
latex_engine = "xelatex"
latex_documents = [(root_doc, "tianqiao-2023-zh.tex", project, author, "manual")]
# The appendix toctree is HTML-only (docs/index.md); LaTeX appends these after \appendix.
latex_appendices = ["appendix/data", "appendix/conflicts", "appendix/glossary", "appendix/method"]
factbook_appendices = latex_appendices  # HTML numbers their tables A.1, B.1… as the PDF does
latex_show_urls = "no"
latex_show_pagerefs = False
_PDF_META = {
    "title": project,
    "author": author,
    "subject": "济南市天桥区2023年“筑基赋能年”：基层治理、项目建设与城市更新",
    "keywords": "天桥区, 济南, 筑基赋能年, 基层治理, 项目建设, 城市更新, 老旧小区改造",
}
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "fontpkg": r"""
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic, BoldFont=*Bold, BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf, UprightFont=*, ItalicFont=*Oblique, BoldFont=*Bold, BoldItalicFont=*BoldOblique]
\setmonofont{FreeMono}[Scale=0.9, Extension=.otf, UprightFont=*, ItalicFont=*Oblique, BoldFont=*Bold, BoldItalicFont=*BoldOblique]
\setCJKmainfont{Noto Serif CJK SC}[BoldFont=Noto Serif CJK SC Bold]
\setCJKsansfont{Noto Sans CJK SC}[BoldFont=Noto Sans CJK SC Bold]
\setCJKmonofont{Noto Sans Mono CJK SC}
""",
    "fncychap": "",
    "preamble": r"""
\xeCJKsetup{CJKspace=false}
% Table cells ragged-right: justified CJK in narrow columns spreads characters apart.
\makeatletter
\newcolumntype{\X}[2]{>{\raggedright\arraybackslash}p{\dimexpr
  (\linewidth-\spx@arrayrulewidth)*#1/#2-\tw@\tabcolsep-\spx@arrayrulewidth\relax}}
\makeatother
\AddToHook{env/varwidth/begin}{\raggedright}% cells with several paragraphs
\linespread{1.25}
\setlength{\parindent}{2em}
% Chinese chapter titles: 第1章 … ; appendices: 附录A …
\titleformat{\chapter}[display]{\normalfont\sffamily\bfseries\raggedright}%
  {\Large 第\thechapter 章}{12pt}{\huge}
\makeatletter
\g@addto@macro\appendix{%
  \titleformat{\chapter}[display]{\normalfont\sffamily\bfseries\raggedright}%
    {\Large 附录\thechapter}{12pt}{\huge}%
  \renewcommand{\thefigure}{\thechapter.\arabic{figure}}%  Sphinx numbers with arabic chapters
  \renewcommand{\thetable}{\thechapter.\arabic{table}}}
\makeatother
% Fact keys (long snake_case names) may break after an underscore.
\let\bookorigupquote\sphinxupquote
\protected\def\sphinxupquote#1{\bookorigupquote{\sphinxbreaksattexescapedchars#1}}
% Running headers carry the title only, without "发行版本 1.0".
\makeatletter\AtBeginDocument{\renewcommand{\py@release}{}\renewcommand{\sphinxheadercomma}{}}\makeatother
% Document language in the PDF catalog (xdvipdfmx ignores hyperref's pdflang).
\AtBeginDocument{\special{pdf:put @catalog <</Lang (zh-CN)>>}}
""" + r"\AtBeginDocument{\hypersetup{pdftitle={%(title)s}, pdfauthor={%(author)s}, "
    r"pdfsubject={%(subject)s}, pdfkeywords={%(keywords)s}, pdflang={zh-CN}}}" % _PDF_META,
    "maketitle": r"""
\begin{titlepage}
\centering\sffamily
\vspace*{0.22\textheight}
{\Huge\bfseries 天桥 2023：筑基赋能年报告\par}
\vspace{1.2em}
{\Large 济南市天桥区基层治理、项目建设与城市更新\par}
\vfill
{\normalsize 资料来源：2023年新闻报道《天桥：把握“筑基赋能年”总体要求，\\拉升标杆加快发展 奋力谱写全面建设社会主义现代化强区新篇章》\\
文/片 记者 李梦瑶；通讯员 王群 田悦（刊载媒体与日期原文未注明）\par}
\vspace{0.8em}
{\normalsize 数据截至2023年5月\par}
\vspace{2em}
{\large 天桥报告编辑组\par}
\vspace{0.4em}
{\normalsize \makeatletter\@date\makeatother\par}
\end{titlepage}
""",
    # Babel (English) resets these names at \begin{document}, and Sphinx names the
    # contents after the first toctree caption: set them where they are used.
    "tableofcontents": r"""
\renewcommand{\contentsname}{目\quad 录}
\renewcommand{\listfigurename}{插图目录}
\renewcommand{\listtablename}{表格目录}
\renewcommand{\figurename}{图}
\renewcommand{\tablename}{表}
\renewcommand{\appendixname}{附录}
\makeatletter
\renewcommand{\chaptermark}[1]{\markboth{\ifx\@chapapp\appendixname 附录\thechapter
  \else 第\thechapter 章\fi\quad #1}{}}
\makeatother
\sphinxtableofcontents
\listoffigures
\listoftables
\clearpage
""",
    "extraclassoptions": "openany,oneside",
    "printindex": "",
}
latex_domain_indices = False

factbook_cover = {
    "title": "天桥 2023\n筑基赋能年报告",
    "subtitle": "济南市天桥区基层治理、\n项目建设与城市更新",
    "note": "依据2023年新闻报道整理 · 数据截至2023年5月\n天桥报告编辑组",
}

# -- EPUB --------------------------------------------------------------------------------
epub_basename = "tianqiao-2023-zh"
epub_language = "zh-CN"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_show_urls = "no"
epub_cover = ("_static/cover-zh.png", "")
epub_exclude_files = ["_static/search/jieba_dict.txt", "_static/cover-zh.png.map"]
epub_tocdepth = 2
