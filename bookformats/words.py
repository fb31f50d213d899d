"""Every word bookformats itself puts on a page, per edition language, in one table.

The book's own words (titles, download descriptions) come from conf.py.
"""

WORDS = {
    "zh": {"download_book": "下载本书", "colon": "：", "size": "（{}）"},
    "en": {"download_book": "Download the book", "colon": ": ", "size": " ({})"},
}


def lang_of(config) -> str:
    """The edition's language, "zh" or "en" (factbook uses this one too)."""
    return "en" if (config.language or "").startswith("en") else "zh"
