"""The book's two editions: everything the Chinese and the English edition differ in.

One table, EDITIONS (titles, the words of the cover, the EPUB's and PDF's metadata, the
data package's words, the 404 page…), and the settings derived from it that are the
book's content rather than Sphinx settings: the open data's description, the citation
entries. conf.py reads this module; where each edition lands
on the site is book/layout.py.
"""

from __future__ import annotations


EDITIONS = {
    "zh": {
        "language": "zh_CN",
        "title": "天桥 2023：“筑基赋能年”报告",
        "subtitle": "济南市天桥区基层党建引领基层治理、项目建设与城市更新",
        "author": "天桥报告编辑组",
        "copyright": "2023–2026，天桥报告编辑组；数据来自原报道",
        "numfig": {"figure": "图 %s", "table": "表 %s", "code-block": "代码 %s",
                   "section": "第 %s 节"},
        "downloads": [("PDF", "A4 排版的完整版，适合打印和存档"),
                      ("EPUB", "电子书格式，适合手机和电子阅读器")],
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
        "cover": {"title": "天桥 2023\n“筑基赋能年”报告",
                  "subtitle": "济南市天桥区基层党建引领基层治理、\n项目建设与城市更新",
                  "note": "依据一篇报道2023年工作的新闻整理\n原文注明的截止时间最晚为2023年5月\n天桥报告编辑组"},
        # search: jieba, with the book's own words (老旧小区, 专项债…: conf.py names the dictionary)
        "search_language": "zh",
        "search_bar_text": "搜索本书…",
        # labels the theme hard-codes in English (the overrides in _templates/ use them)
        "theme_labels": {"Toggle primary sidebar": "显示或隐藏全书目录",
                         "Toggle secondary sidebar": "显示或隐藏本页目录",
                         "Main": "全书目录"},
        # the source article, as the data package and the BibTeX entries name it
        "source_article": "新闻特稿《天桥：把握“筑基赋能年”总体要求，拉升标杆加快发展 奋力谱写全面建设社会主义"
                          "现代化强区新篇章》，文/片 记者 李梦瑶；通讯员 王群 田悦（刊载媒体与日期原文未注明，从内容推断刊于2023年）",
        "language_name": "Chinese",  # in the BibTeX entry
        # the open data (bookpublish): the data package's title after the book's, its description
        "data_title": "——全书数据",
        "data_description": "书中每一个数字一行：数值、单位、约/余、时期、原文位置；推算值附公式，原文自相矛盾处互相指明。",
        # No licence has been chosen for the book; the figures are facts reported by the source.
        "licence_title": "未指定许可：数字是原报道所载的事实；使用时请注明本书和原报道",
        # the data files the appendix lists: (label, file in downloads/ ({basename}: the edition's), description)
        "data_downloads": [("CSV", "{basename}-facts.csv", "全书数据表，UTF-8 编码（带 BOM，电子表格软件可直接打开中文）"),
                           ("JSON", "{basename}-facts.json", "同样的数据，供程序读取"),
                           ("datapackage.json", "datapackage.json", "Frictionless 数据包说明：各列的含义、类型和来源")],
        # the website: the social card's alt text, landmark labels of the overrides in _templates/
        "og_image_alt": "本书标题与四个关键数字",
        "web_labels": {"Book title": "书名"},
        # the 404 page ({home}: the front page's absolute address)
        "not_found": {"title": "页面未找到",
                      "body": "<h1>页面未找到</h1><p>这个地址没有对应的页面。请从"
                              '<a href="{home}">本书首页</a>或目录继续阅读。</p>'},
    },
    "en": {
        "language": "en",
        "title": "Tianqiao 2023: A Report on the Year of Building Foundations and Empowerment",
        "subtitle": "Grassroots governance led by Party building, project construction and urban renewal in Tianqiao District, Jinan",
        "author": "Tianqiao Report Editors",
        "copyright": "2023–2026, Tianqiao Report Editors; data from the source article",
        "numfig": {"figure": "Figure %s", "table": "Table %s", "code-block": "Listing %s",
                   "section": "Section %s"},
        "downloads": [("PDF", "the complete book typeset on A4, for printing and archiving"),
                      ("EPUB", "e-book for phones and e-readers")],
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
        "search_language": "en",
        "search_bar_text": "Search this book…",
        "theme_labels": {},
        "source_article": "《天桥：把握“筑基赋能年”总体要求，拉升标杆加快发展 奋力谱写全面建设社会主义现代化强区新篇章》 "
                          "(“Tianqiao: grasping the overall requirements of the ‘Year of Building Foundations and Empowerment’…”), "
                          "a news feature by Li Mengyao (李梦瑶), with correspondents Wang Qun (王群) and Tian Yue (田悦); "
                          "the publication and its date are not named in the text (its content places it in 2023)",
        "language_name": "English",
        "data_title": " — the book's data",
        "data_description": "One row per figure of the book: value, unit, qualifier (约/余), period and place in "
                            "the source; derived values with their formula; where the source contradicts itself, "
                            "the two records name each other.",
        "licence_title": "No licence specified: the figures are facts reported by the source "
                         "article; cite the book and the article",
        "data_downloads": [("CSV", "{basename}-facts.csv", "the book's data table, UTF-8 with a byte-order mark "
                            "(spreadsheet programs open the Chinese correctly)"),
                           ("JSON", "{basename}-facts.json", "the same data, for programs"),
                           ("datapackage.json", "datapackage.json", "Frictionless data package: what each column "
                            "means, its type, and the source")],
        "og_image_alt": "The book's title and four key figures",
        "web_labels": {},
        "not_found": {"title": "Page not found",
                      "body": "<h1>Page not found</h1><p>There is no page at this address. Continue from "
                              '<a href="{home}">the book’s front page</a> '
                              "or the contents.</p>"},
    },
}


def open_data(edition: str, basename: str, version: str) -> dict:
    """The data package's metadata (bookpublish_open_data)."""
    e = EDITIONS[edition]
    return {
        "basename": basename,
        "name": f"tianqiao-2023-facts-{edition}",
        "title": e["title"] + e["data_title"],
        "description": e["data_description"],
        "version": version,
        "author": e["author"],
        "keywords": [k.strip() for k in e["keywords"].split(",")],
        "licence": {"name": "notspecified", "title": e["licence_title"]},
        "source": {"title": e["source_article"]},
    }


def citation(year: int, version: str, site_dirs: dict[str, str]) -> dict:
    """One entry per edition for the "how to cite" section and CITATION.cff's checks
    (bookpublish_citation); `site_dirs`: where each edition lives on the site."""
    return {
        "year": year,
        "version": version,
        "editions": [{"lang": ed, "key": f"tianqiao2023{ed}", "title": e["title"],
                      "subtitle": e["subtitle"], "author": e["author"],
                      "language": e["language_name"], "language_tag": e["epub_language"],
                      "path": site_dirs[ed], "note": e["source_article"]}
                     for ed, e in EDITIONS.items()],
    }


def not_found(edition: str, home: str) -> dict:
    """The 404 page's title and body; `home` is the front page's absolute address."""
    page = EDITIONS[edition]["not_found"]
    return {"title": page["title"], "body": page["body"].replace("{home}", home)}
