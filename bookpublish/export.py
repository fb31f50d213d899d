"""The facts as open data: a CSV, a JSON file and a Frictionless data package
per edition, written into the HTML edition's `downloads/` beside its PDF and EPUB.

Each row is made by the same code that renders the book: `Fact.text` (the
{fact} role and the appendix's value cells), `Fact.period_text` and
`readable_formula` (the appendix's period and formula cells), so the files
cannot disagree with the pages. Every record of the data file becomes one row,
derived ones included, in the data file's order.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from docutils.utils.smartquotes import smartyPants

from factbook.data import readable_formula
from factbook.formatting import number_text
from factbook.state import facts_of, lang_of
from factbook.units import QUALIFIERS, SCALES

from .citation import this_edition_url

# name, type, (Chinese title, English title), (Chinese, English) description
COLUMNS = [
    ("key", "string", ("键", "Key"),
     ("数据记录在 facts.yaml 中的名称，全书唯一", "the record's name in facts.yaml, unique")),
    ("label", "string", ("指标", "Measure"),
     ("这个数字衡量什么", "what the figure measures")),
    ("value", "number", ("数值", "Value"),
     ("原文写出的数字，不含“万”“亿”；推算值按所列位数四舍五入",
      "the number as the source writes it, before 万/亿; derived values rounded as printed")),
    ("scale", "string", ("数量级", "Scale"),
     ("原文与数字连写的“万”或“亿”，没有则空", "万 (10,000) or 亿 (100,000,000) written with "
      "the number, if any")),
    ("amount", "number", ("折算数值", "Amount"),
     ("乘上“万”“亿”之后的数值", "the value with its scale applied")),
    ("unit", "string", ("单位", "Unit"),
     ("数据文件中的单位或量词（中文）", "the unit or measure word of the data file (Chinese)")),
    ("qualifier", "string", ("限定", "Qualifier"),
     ("exact 为确数，about 为“约”，more_than 为“余”",
      "exact; about (约, approximately); more_than (余, more than)")),
    ("value_as_printed", "string", ("书中写法", "As printed"),
     ("本版书中印出的数值", "the value as this edition prints it")),
    ("period", "string", ("时期代码", "Period code"),
     ("2023、2023Q1、2023-04、2023-01/2023-05、2020/2022、2023-ytd（年初至报道时）、"
      "as-reported（报道时的状况）、not-stated（原文未说明）",
      "2023, 2023Q1, 2023-04, 2023-01/2023-05, 2020/2022, 2023-ytd (January to the "
      "article's date), as-reported (state at the article's date), not-stated (not stated in "
      "the article)")),
    ("period_as_printed", "string", ("时期", "Period"),
     ("本版书中写出的时期", "the period as this edition prints it")),
    ("topic", "string", ("主题代码", "Topic code"),
     ("主题的代码，名称见 topic_label", "the topic's code; its name is in topic_label")),
    ("topic_label", "string", ("主题", "Topic"), ("主题名称", "the topic's name")),
    ("sources", "string", ("原文位置", "Source locators"),
     ("数字在原文中的位置代码，多处以“; ”分隔（见附录“方法与来源”）；推算值为空",
      "where the figure stands in the source article, several separated by \"; \" "
      "(see the appendix Method and sources); empty for derived values")),
    ("derived", "boolean", ("推算", "Derived"),
     ("true 表示不是原文给出的，而是由程序按公式算出",
      "true if computed by the book's code from other records, not given by the source")),
    ("formula", "string", ("公式", "Formula"),
     ("推算公式，以键表示", "the formula over keys, for derived values")),
    ("formula_as_printed", "string", ("公式写法", "Formula as printed"),
     ("书中写出的公式", "the formula as this edition prints it")),
    ("conflicts_with", "string", ("与之冲突", "Conflicts with"),
     ("原文给出不同数值的另一条记录的键", "key of the record where the source gives a "
      "different value for the same thing")),
    ("note", "string", ("说明", "Note"), ("数据表中的说明", "the data appendix's note")),
    ("link", "string", ("固定链接", "Link"),
     ("本条数据在数据表附录中的行（书的网址未知时为相对于本版首页的地址）",
      "the record's row in the data appendix (relative to the edition's front page when "
      "the book's address is not known)")),
]
FIELDS = [name for name, *_ in COLUMNS]


def _number(value: float):
    """A JSON number without float noise: 3.11, 16600000000, 39.2."""
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value


def typographer(config):
    """Sphinx's smart quotes, as the pages get them (secretaries' -> secretaries’)."""
    lang = config.language or "en"
    if not config.smartquotes or lang in config.smartquotes_excludes.get("languages", []):
        return lambda text: text
    return lambda text: smartyPants(text, config.smartquotes_action, language=lang) if text else text


def fact_rows(facts: dict, lang: str, link_base: str, topics: dict,
              typography=lambda text: text) -> list[dict]:
    """One row per record of the data file, as the edition `lang` prints it.
    `link_base` is the data appendix page's URL; rows link to `#fact-<key>`;
    `topics` is conf.py's factbook_topics; `typography` is what the pages'
    text goes through (smart quotes)."""
    t = typography
    rows = []
    for key, f in facts.items():
        value = float(number_text(f.value, f.digits)) if f.derived else f.value
        rows.append({
            "key": key,
            "label": t((f.label_en or f.label) if lang == "en" else f.label),
            "value": _number(value),
            "scale": f.scale or None,
            "amount": _number(value * SCALES.get(f.scale, 1)),
            "unit": f.unit,
            "qualifier": f.qualifier,
            "value_as_printed": t(f.text(lang)),
            "period": f.period,
            "period_as_printed": t(f.period_text(lang)),
            "topic": f.topic,
            "topic_label": t(topics[f.topic][lang]) if f.topic in topics else None,
            "sources": f.sources(),
            "derived": f.derived,
            "formula": f.formula or None,
            "formula_as_printed": t(readable_formula(f, facts, lang)) if f.derived else None,
            "conflicts_with": f.conflicts_with or None,
            "note": t((f.note_en or f.note) if lang == "en" else f.note) or None,
            "link": f"{link_base}#fact-{key}",
        })
    return rows


def csv_bytes(rows: list[dict]) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "sources": "; ".join(row["sources"]),
                         "derived": "true" if row["derived"] else "false"})
    return out.getvalue().encode("utf-8-sig")


def json_bytes(rows: list[dict], meta: dict) -> bytes:
    doc = {**meta, "fields": FIELDS, "facts": rows}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def datapackage_bytes(csv_name: str, lang: str, meta: dict, topics: list) -> bytes:
    """A Frictionless data package (v1 spec, which every tool reads) for the CSV."""
    i = 1 if lang == "en" else 0
    fields = []
    for name, kind, titles, descriptions in COLUMNS:
        field = {"name": name, "type": kind, "title": titles[i], "description": descriptions[i]}
        if name == "key":
            field["constraints"] = {"required": True, "unique": True}
        elif name == "qualifier":
            field["constraints"] = {"required": True, "enum": list(QUALIFIERS)}
        elif name == "topic":
            field["constraints"] = {"required": True, "enum": topics}
        elif name == "scale":
            field["constraints"] = {"enum": list(SCALES)}
        elif name in ("label", "value", "amount", "unit", "value_as_printed", "period",
                      "period_as_printed", "derived", "link"):
            field["constraints"] = {"required": True}
        fields.append(field)
    package = {
        "name": meta["name"],
        "title": meta["title"],
        "description": meta["description"],
        "version": meta["version"],
        "licenses": [meta["licence"]],
        "sources": [meta["source"]],
        "contributors": [{"title": meta["author"], "role": "author"}],
        "keywords": meta["keywords"],
        "resources": [{
            "name": "facts",
            "path": csv_name,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",  # with a byte-order mark, which CSV readers skip
            "title": meta["title"],
            "schema": {
                "fields": fields,
                "missingValues": [""],
                "primaryKey": ["key"],
                "foreignKeys": [{"fields": ["conflicts_with"],
                                 "reference": {"resource": "", "fields": ["key"]}}],
            },
        }],
    }
    return (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def file_names(basename: str) -> dict[str, str]:
    """The files under downloads/, by kind."""
    return {"csv": f"{basename}-facts.csv", "json": f"{basename}-facts.json",
            "datapackage": "datapackage.json"}


def open_data_files(app) -> dict[str, bytes]:
    """{path under the edition's root: content} for this edition."""
    config = app.config
    lang = lang_of(config)
    meta = dict(config.bookpublish_open_data)
    names = file_names(meta.pop("basename"))
    base = this_edition_url(config)  # '' (relative links) when the address is not known
    link_base = f"{base}{config.factbook_appendix_doc}.html"
    facts = facts_of(app.env)
    topics = config.factbook_topics
    rows = fact_rows(facts, lang, link_base, topics, typographer(config))
    topic_keys = list(topics) or sorted({f.topic for f in facts.values()})
    json_meta = {"title": meta["title"], "edition": lang, "version": meta["version"],
                 "description": meta["description"], "licence": meta["licence"],
                 "source": meta["source"]}
    return {f"downloads/{names['csv']}": csv_bytes(rows),
            f"downloads/{names['json']}": json_bytes(rows, json_meta),
            f"downloads/{names['datapackage']}": datapackage_bytes(names["csv"], lang, meta,
                                                                      topic_keys)}


def write_open_data(app, builder=None):
    """Written when writing starts (after every check: broken data is never written),
    before the pages, so the download list can give their sizes."""
    if app.builder.name not in ("html", "dirhtml") or not app.config.bookpublish_open_data:
        return
    for path, content in open_data_files(app).items():
        target = Path(app.outdir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != content:
            target.write_bytes(content)


def setup_export(app):
    # {basename, name, title, description, version, author, keywords, licence, source}
    app.add_config_value("bookpublish_open_data", {}, "html", types=[dict])
    app.connect("write-started", write_open_data)
