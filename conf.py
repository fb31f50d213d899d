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
today_fmt = "%Y年%m月%d日"
# Reproducible dates: SOURCE_DATE_EPOCH pins "today" when set.
if "SOURCE_DATE_EPOCH" in os.environ:
    today = time.strftime("%Y-%m-%d", time.gmtime(int(os.environ["SOURCE_DATE_EPOCH"])))

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

# -- Numbering: 图 1.1, 表 1.1 ------------------------------------------------------
numfig = True
numfig_secnum_depth = 1
numfig_format = {"figure": "图 %s", "table": "表 %s", "code-block": "代码 %s", "section": "第 %s 节"}

# -- HTML --------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "天桥 2023：筑基赋能年报告"
html_static_path = [str(ROOT / "_static")]
html_css_files = ["css/book.css"]
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
html_search_language = "zh"
html_search_options = {"dict": str(ROOT / "_static" / "search" / "jieba_dict.txt")}

# -- LaTeX / PDF ---------------------------------------------------------------------
latex_engine = "xelatex"
latex_documents = [(root_doc, "tianqiao-2023-zh.tex", project, author, "manual")]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "fontpkg": r"""
\setmainfont{FreeSerif}
\setsansfont{FreeSans}
\setmonofont{FreeMono}
""",
    "preamble": r"""
\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK SC}
\setCJKsansfont{Noto Sans CJK SC}
\setCJKmonofont{Noto Sans Mono CJK SC}
\xeCJKsetup{CJKspace=false}
""",
    "babel": "",
    "polyglossia": "",
    "fncychap": "",
}
latex_show_urls = "no"

# -- EPUB --------------------------------------------------------------------------------
epub_basename = "tianqiao-2023-zh"
epub_language = "zh-CN"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_show_urls = "no"
