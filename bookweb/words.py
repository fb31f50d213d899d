"""Every word bookweb itself puts on a page, per edition language, in one table.

The book's own words (titles, the other edition's label) come from conf.py.
"""

WORDS = {
    "zh": {"read_this_page": "阅读本页中文版", "html_lang": "zh-CN"},
    "en": {"read_this_page": "Read this page in English", "html_lang": "en"},
}
