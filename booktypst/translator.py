"""docutils nodes -> Typst markup, for the nodes the book uses.

Text is escaped character by character (every ASCII punctuation mark gets a
backslash, which Typst reads as the character itself), so no sentence of the
book can become markup. Structure is written with Typst's own elements, which
its PDF export tags: heading (H1-H3), par (P), list/enum/terms (L, LI), table
with table.header (Table, TH), figure with image alt (Figure /Alt), footnote.
"""

from __future__ import annotations

import re
import string

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.i18n import format_date

logger = logging.getLogger(__name__)

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# as bookformats/langspans.py: a run starts with a Han character and may go on
# through CJK punctuation
CHINESE_RUN = re.compile(f"[{HAN}][{HAN}\u3000-\u303f\uff01-\uff65·（）《》]*")
ESCAPED = set(string.punctuation)
# where a long Chinese run in the English text may break: after closing, before opening punctuation
RUN_PIECES = re.compile(r"(?<=[）》，、：；。”])|(?=[（《“])")

# What each edition prints around the book.
WORDS = {
    "zh": {"contents": "目　录", "figures": "插图目录", "tables": "表格目录",
           "chapter": "第{}章", "appendix": "附录{}",
           "source": "资料来源：新闻特稿《天桥：把握“筑基赋能年”总体要求，\\\n"
                     "拉升标杆加快发展\u00a0奋力谱写全面建设社会主义现代化强区新篇章》\\\n"
                     "文/片\u00a0记者\u00a0李梦瑶；通讯员\u00a0王群\u00a0田悦（刊载媒体与日期原文未注明，"
                     "从内容推断刊于2023年）",
           "dataline": "原文注明的截止时间最晚为2023年5月，多数数字未注明截止日期"},
    "en": {"contents": "Contents", "figures": "List of Figures", "tables": "List of Tables",
           "chapter": "Chapter {}", "appendix": "Appendix {}",
           "source": "Source: “Tianqiao: grasping the overall requirements of the ‘Year of "
                     "Building Foundations and Empowerment’…”\\\n《天桥：把握“筑基赋能年”总体要求……》\\\n"
                     "a news feature by Li Mengyao (李梦瑶), with Wang Qun (王群) and Tian Yue (田悦)\\\n"
                     "(the publication and its date are not named in the text; its content "
                     "places it in 2023)",
           "dataline": "The latest end date the article gives is May 2023; most figures carry none"},
}


def escape(text: str) -> str:
    """Text as Typst markup that shows exactly that text."""
    out = []
    for ch in text:
        if ch in ESCAPED:
            out.append("\\" + ch)
        elif ch in "\n\r\t":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


# The width of a literal block's line, in ems of its monospaced type: Latin 0.6,
# CJK 1 (book.typ: 0.85 x 10.5 pt type on a 16 cm measure, less the block's inset).
LITERAL_EMS = 48


def wrap_at_spaces(line: str) -> str:
    """A long line of a literal block (the BibTeX entries) broken at its spaces, so
    Typst never breaks it inside a word or a Chinese run: copied, the text is the
    HTML's but for line breaks at spaces."""
    def ems(text):
        return sum(1.0 if re.match(f"[{HAN}\u3000-\u303f\uff01-\uff65“”‘’]", ch) else 0.6
                   for ch in text)
    indent = len(line) - len(line.lstrip(" "))
    out, current = [], ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current else word
        if current.strip() and ems(candidate) > LITERAL_EMS:
            out.append(current)
            current = " " * (indent + 2) + word
        else:
            current = candidate
    out.append(current)
    return "\n".join(out)


def string_literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def label_name(docname: str, ident: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.:-]", "-", f"{docname.replace('/', '.')}:{ident}")


class TypstTranslator(nodes.NodeVisitor):
    def __init__(self, document: nodes.document, builder) -> None:
        super().__init__(document)
        self.builder = builder
        self.config = builder.config
        self.lang = "en" if str(self.config.language).startswith("en") else "zh"
        self.body: list[str] = []
        self.docnames = [document.get("docname", self.config.root_doc)]
        self.section_level = 0
        self.title_seen = False
        self.in_appendix = False
        self.in_raw = 0
        self.footnotes: dict[str, nodes.footnote] = {}
        self.labels: dict[tuple[str, str], str] = {}  # (docname, id) -> label
        self.doc_labels: dict[str, str] = {}  # docname -> its first section's label
        self.attached: set[str] = set()
        self._collect(document)

    # -- first pass: labels of every target, footnotes ------------------------------
    def _collect(self, document) -> None:
        def walk(node, docname):
            if isinstance(node, addnodes.start_of_file):
                docname = node["docname"]
            elif isinstance(node, nodes.document) and node is not document:
                docname = node.get("docname", docname)
            if isinstance(node, nodes.Element):
                if isinstance(node, nodes.footnote):
                    for ident in node["ids"]:
                        self.footnotes[ident] = node
                if node.get("ids"):
                    primary = label_name(docname, node["ids"][0])
                    for ident in node["ids"]:
                        self.labels[(docname, ident)] = primary
                    if isinstance(node, nodes.section) and docname not in self.doc_labels:
                        self.doc_labels[docname] = primary
                for child in node.children:
                    walk(child, docname)
        walk(document, self.docnames[0])

    @property
    def docname(self) -> str:
        return self.docnames[-1]

    def astext(self) -> str:
        return "".join(self.body)

    def out(self, text: str) -> None:
        self.body.append(text)

    def render(self, node_or_nodes) -> str:
        """The markup of nodes, written apart from the body."""
        saved, self.body = self.body, []
        for node in (node_or_nodes if isinstance(node_or_nodes, list) else [node_or_nodes]):
            node.walkabout(self)
        text, self.body = "".join(self.body), saved
        return text

    def render_children(self, node) -> str:
        return self.render(list(node.children))

    def anchor(self, node) -> str:
        """A label for the node's ids (the first; the others are aliases of it)."""
        if not node.get("ids"):
            return ""
        label = self.labels.get((self.docname, node["ids"][0]))
        if not label or label in self.attached:
            return ""
        self.attached.add(label)
        return f"<{label}>"

    def metadata_anchor(self, node) -> str:
        label = self.anchor(node)
        return f"#metadata(none){label}" if label else ""

    # -- the document ----------------------------------------------------------------
    def visit_document(self, node) -> None:
        if node is not self.document:  # an appendix (the builder appends them)
            if not self.in_appendix:
                self.in_appendix = True
                self.out("\n\n#show: appendix\n\n")
            self.docnames.append(node.get("docname", self.docname))
            self.section_level = 0
            return
        words = WORDS[self.lang]
        cfg = self.config
        title = cfg.project
        date = format_date(cfg.today_fmt or "%b %d, %Y", language=cfg.language)
        extra = cfg.booktypst_words
        keywords = [k.strip() for k in extra.get("keywords", "").split(",") if k.strip()]
        self.out('#import "book.typ": *\n')
        self.out(f"#show: book.with(lang: {string_literal(self.lang)}, "
                 f"title: {string_literal(title)}, author: {string_literal(cfg.author)}, "
                 f"description: {string_literal(extra.get('subject', ''))}, "
                 f"keywords: ({', '.join(string_literal(k) for k in keywords)}{',' if keywords else ''}), "
                 f"epoch: int(sys.inputs.at(\"epoch\", default: \"0\")), "
                 f"chapter-label: n => {string_literal(words['chapter'])}.replace(\"{{}}\", n), "
                 f"appendix-label: n => {string_literal(words['appendix'])}.replace(\"{{}}\", n))\n\n")
        self.out(f"#cover(title: [{self.text_markup(title)}], "
                 f"subtitle: [{self.text_markup(extra.get('subtitle', ''))}], "
                 f"source: [{self.lines_markup(words['source'])}], "
                 f"dataline: [{self.text_markup(words['dataline'])}], "
                 f"author: [{self.text_markup(cfg.author)}], date: [{self.text_markup(date)}])\n\n")
        self.out(f"#front-matter(contents: [{escape(words['contents'])}], "
                 f"figures: [{escape(words['figures'])}], tables: [{escape(words['tables'])}])\n\n")

    def depart_document(self, node) -> None:
        if node is not self.document:
            self.docnames.pop()

    def lines_markup(self, text: str) -> str:
        return " \\\n".join(self.text_markup(line) for line in text.split("\\\n"))

    def text_markup(self, text: str) -> str:
        """Text; in the English edition its Chinese runs marked as Chinese."""
        if self.lang != "en" or self.in_raw:
            return escape(text)
        out, last = [], 0
        for m in CHINESE_RUN.finditer(text):
            out.append(escape(text[last:m.start()]))
            # a name stays on one line ("(数/智中枢" was split); a long run breaks
            # only at its punctuation ("…发展（济南）/有限公司"), or anywhere if still long
            for piece in filter(None, RUN_PIECES.split(m.group())):
                whole = len(piece) <= 16
                out.append(f"#zh(whole: {'true' if whole else 'false'})[{escape(piece)}]")
            last = m.end()
        out.append(escape(text[last:]))
        return "".join(out)

    def visit_start_of_file(self, node) -> None:
        self.docnames.append(node["docname"])

    def depart_start_of_file(self, node) -> None:
        self.docnames.pop()

    # -- sections ---------------------------------------------------------------------
    def visit_section(self, node) -> None:
        self.section_level += 1

    def depart_section(self, node) -> None:
        self.section_level -= 1

    def heading_level(self) -> int:
        # the root document's own title is the cover's; its sections are chapters
        return self.section_level - (0 if self.in_appendix else 1)

    def visit_title(self, node) -> None:
        parent = node.parent
        if isinstance(parent, nodes.section):
            if not self.title_seen and not self.in_appendix:
                self.title_seen = True  # the book's title: on the cover
                raise nodes.SkipNode
            level = self.heading_level()
            label = self.anchor(parent)
            self.out(f"\n\n#heading(level: {level})[{self.render_children(node).strip()}]"
                     f"{label}\n\n")
            raise nodes.SkipNode
        if isinstance(parent, nodes.table):
            raise nodes.SkipNode  # written by visit_table
        if isinstance(parent, (nodes.topic, nodes.sidebar, nodes.Admonition)):
            self.out(f"\n\n#rubric[{self.render_children(node)}]\n\n")
            raise nodes.SkipNode
        self.unknown_visit(node)

    def visit_rubric(self, node) -> None:
        self.out(f"\n\n#rubric[{self.render_children(node)}]\n\n")
        raise nodes.SkipNode

    # -- blocks -----------------------------------------------------------------------
    def visit_paragraph(self, node) -> None:
        self.out("\n\n" + self.metadata_anchor(node))

    def depart_paragraph(self, node) -> None:
        self.out("\n\n")

    def visit_compound(self, node) -> None:
        pass

    def depart_compound(self, node) -> None:
        pass

    def visit_container(self, node) -> None:
        classes = node.get("classes", [])
        if "sd-row" in classes:
            cols = [self.render(col) for col in node.children]
            self.out("\n\n#cards(" + ", ".join(f"[{c.strip()}]" for c in cols) + ")\n\n")
            raise nodes.SkipNode
        if "sd-card" in classes:
            self.out(f"#card[{self.render_children(node).strip()}]")
            raise nodes.SkipNode
        if "sd-card-title" in classes:
            self.out(f"#card-title[{self.render_children(node).strip()}]")
            raise nodes.SkipNode
        if "sd-card-body" in classes:
            parts = []
            for child in node.children:
                if "sd-card-title" in child.get("classes", []):
                    parts.append(self.render(child))
                elif (isinstance(child, nodes.paragraph) and len(child) == 1
                      and isinstance(child[0], nodes.Element)
                      and "fact" in child[0].get("classes", [])):
                    parts.append(f"#card-value[{self.render_children(child).strip()}]")
                else:
                    parts.append(self.render(child))
            self.out("".join(parts))
            raise nodes.SkipNode

    def depart_container(self, node) -> None:
        pass

    def visit_bullet_list(self, node) -> None:
        self.out("\n\n#list(" + ", ".join(f"[{self.item(i)}]" for i in node.children) + ")\n\n")
        raise nodes.SkipNode

    def visit_enumerated_list(self, node) -> None:
        start = node.get("start", 1)
        self.out(f"\n\n#enum(start: {start}, "
                 + ", ".join(f"[{self.item(i)}]" for i in node.children) + ")\n\n")
        raise nodes.SkipNode

    def item(self, item) -> str:
        if len(item.children) == 1 and isinstance(item[0], nodes.paragraph):
            return self.metadata_anchor(item[0]) + self.render_children(item[0]).strip()
        return self.render_children(item).strip()

    def visit_definition_list(self, node) -> None:
        items = []
        for entry in node.children:
            terms = [c for c in entry.children if isinstance(c, nodes.term)]
            definition = next((c for c in entry.children if isinstance(c, nodes.definition)), None)
            term = "; ".join(self.metadata_anchor(t) + self.render_children(t).strip()
                             for t in terms)
            described = self.item(definition) if definition is not None else ""
            items.append(f"terms.item([{term}], [{described}])")
        self.out("\n\n#terms(" + ", ".join(items) + ")\n\n")
        raise nodes.SkipNode

    def visit_glossary(self, node) -> None:
        pass

    def depart_glossary(self, node) -> None:
        pass

    def visit_literal_block(self, node) -> None:
        text = "\n".join(wrap_at_spaces(line) for line in node.astext().split("\n"))
        self.out(f"\n\n#raw(block: true, {string_literal(text)})\n\n")
        raise nodes.SkipNode

    def visit_block_quote(self, node) -> None:
        self.out(f"\n\n#quote(block: true)[{self.render_children(node).strip()}]\n\n")
        raise nodes.SkipNode

    def visit_line_block(self, node) -> None:
        lines = [self.render_children(line).strip() for line in node.findall(nodes.line)]
        self.out("\n\n" + " \\\n".join(lines) + "\n\n")
        raise nodes.SkipNode

    def visit_transition(self, node) -> None:
        self.out("\n\n#line(length: 100%, stroke: 0.4pt)\n\n")
        raise nodes.SkipNode

    def visit_topic(self, node) -> None:
        self.out(f"\n\n#block(inset: 8pt, stroke: 0.4pt)[{self.render_children(node).strip()}]\n\n")
        raise nodes.SkipNode

    visit_sidebar = visit_topic

    def visit_admonition(self, node) -> None:
        self.visit_topic(node)

    # -- figures and tables -----------------------------------------------------------
    def visit_figure(self, node) -> None:
        image = next(node.findall(nodes.image), None)
        caption = next((c for c in node.children if isinstance(c, nodes.caption)), None)
        legend = next((c for c in node.children if isinstance(c, nodes.legend)), None)
        # the figure's body as code: the image, with its legend under it if any
        body = self.image_call(image).lstrip("#") if image is not None else "[]"
        if legend is not None:
            body = f"[#{body} {self.render_children(legend).strip()}]"
        cap = f", caption: [{self.render_children(caption).strip()}]" if caption is not None else ""
        label = self.anchor(node)
        self.out(f"\n\n#figure({body}{cap}){label}\n\n")
        raise nodes.SkipNode

    def image_call(self, image) -> str:
        path = image.get("typst_path", image.get("uri"))
        alt = image.get("alt", "")
        width = image.get("width", "100%")
        if not re.fullmatch(r"\d+(\.\d+)?%", str(width)):
            width = "100%"
        return f"#image({string_literal(path)}, width: {width}, alt: {string_literal(alt)})"

    def visit_image(self, node) -> None:
        self.out(self.image_call(node))
        raise nodes.SkipNode

    def visit_table(self, node) -> None:
        group = next(node.findall(nodes.tgroup))
        colspecs = [c for c in group.children if isinstance(c, nodes.colspec)]
        columns = self.columns(node, group, colspecs)
        cells = []
        for part in group.children:
            if isinstance(part, (nodes.thead, nodes.tbody)):
                rows = []
                for row in part.children:
                    anchor = self.metadata_anchor(row)
                    for i, entry in enumerate(row.children):
                        content = self.render_children(entry).strip()
                        if i == 0 and anchor:
                            content = anchor + content
                        span = ""
                        if entry.get("morerows"):
                            span += f"rowspan: {entry['morerows'] + 1}, "
                        if entry.get("morecols"):
                            span += f"colspan: {entry['morecols'] + 1}, "
                        rows.append(f"table.cell({span}[{content}])" if span else f"[{content}]")
                if isinstance(part, nodes.thead):
                    cells.append("table.header(" + ", ".join(rows) + ")")
                    cells.append("table.hline(stroke: 0.5pt)")
                else:
                    cells.extend(rows)
        title = next((c for c in node.children if isinstance(c, nodes.title)), None)
        if title is not None and cells and cells[-1].endswith("]"):
            # marks the page of the last row (book.typ: table-across)
            cells[-1] = cells[-1][:-1] + "#table-end()]"
        table = (f"table(columns: {columns}, table.hline(stroke: 0.8pt), "
                 + ", ".join(cells) + ", table.hline(stroke: 0.8pt))")
        label = self.anchor(node)
        if title is not None:
            self.out(f"\n\n#table-room()\n#figure({table}, kind: table, "
                     f"caption: [{self.render_children(title).strip()}]){label}\n\n")
        else:
            self.out(f"\n\n#{table}\n\n")
        raise nodes.SkipNode

    def columns(self, table, group, colspecs) -> str:
        count = len(colspecs) or group.get("cols", 1)
        if "fact-table" in table.get("classes", []) and count in (3, 4):
            # value, period (and source) as wide as their terms (tables.py), the label the rest
            from factbook.state import lang_of

            from .tables import column_ems
            ems = column_ems(list(group.findall(nodes.row)), lang_of(self.config))
            # plus the cell's inset (the widths are of the text alone)
            return "(1fr, " + ", ".join(f"{w + 1:.1f}em" for w in ems) + ")"
        widths = [c.get("colwidth", 1) for c in colspecs] or [1] * count
        return "(" + ", ".join(f"{w}fr" for w in widths) + ",)"

    # -- inline -----------------------------------------------------------------------
    def visit_Text(self, node) -> None:
        self.out(self.text_markup(str(node)))

    def depart_Text(self, node) -> None:
        pass

    def visit_emphasis(self, node) -> None:
        self.out(f"#emph[{self.render_children(node)}]")
        raise nodes.SkipNode

    visit_title_reference = visit_emphasis

    def visit_strong(self, node) -> None:
        self.out(f"#strong[{self.render_children(node)}]")
        raise nodes.SkipNode

    def visit_literal(self, node) -> None:
        self.out(f"#raw({string_literal(node.astext())})")
        raise nodes.SkipNode

    def visit_superscript(self, node) -> None:
        self.out(f"#super[{self.render_children(node)}]")
        raise nodes.SkipNode

    def visit_subscript(self, node) -> None:
        self.out(f"#sub[{self.render_children(node)}]")
        raise nodes.SkipNode

    def visit_inline(self, node) -> None:
        if "fact" in node.get("classes", []):
            self.out(f"#fact[{self.render_children(node)}]")
            raise nodes.SkipNode

    def depart_inline(self, node) -> None:
        pass

    def visit_PassthroughTextElement(self, node) -> None:  # sphinx-design's card title wrapper
        pass

    def depart_PassthroughTextElement(self, node) -> None:
        pass

    def visit_abbreviation(self, node) -> None:
        pass

    def depart_abbreviation(self, node) -> None:
        pass

    def visit_reference(self, node) -> None:
        text = self.render_children(node)
        uri = node.get("refuri", "")
        if uri and not uri.startswith("%"):
            self.out(f"#link({string_literal(uri)})[{text}]")
            raise nodes.SkipNode
        if uri.startswith("%"):
            docname, _, ident = uri[1:].partition("#")
        else:
            docname, ident = self.docname, node.get("refid", "")
        label = self.labels.get((docname, ident)) if ident else self.doc_labels.get(docname)
        numref = any("std-numref" in c.get("classes", []) for c in node.findall(nodes.inline))
        if label and numref:
            self.out(f"#ref(<{label}>)")
        elif label:
            self.out(f"#link(<{label}>)[{text}]")
        else:
            self.out(text)
        raise nodes.SkipNode

    def visit_number_reference(self, node) -> None:
        self.visit_reference(node)

    def visit_target(self, node) -> None:
        self.out(self.metadata_anchor(node))
        raise nodes.SkipNode

    def visit_footnote_reference(self, node) -> None:
        footnote = self.footnotes.get(node.get("refid", ""))
        if footnote is None:
            raise nodes.SkipNode
        body = [c for c in footnote.children if not isinstance(c, nodes.label)]
        self.out(f"#footnote[{self.render(body).strip()}]")
        raise nodes.SkipNode

    def visit_footnote(self, node) -> None:
        raise nodes.SkipNode  # written where it is referred to

    def visit_problematic(self, node) -> None:
        self.out(escape(node.astext()))
        raise nodes.SkipNode

    def skip(self, node) -> None:
        raise nodes.SkipNode

    # not printed: index entries, comments, other formats' raw markup, leftover toctrees
    visit_index = visit_comment = visit_substitution_definition = visit_toctree = skip
    visit_only = visit_meta = visit_download_reference = skip

    def visit_raw(self, node) -> None:
        if node.get("format") == "typst":
            self.out(node.astext())
        raise nodes.SkipNode

    def unknown_visit(self, node) -> None:
        logger.warning("booktypst: no Typst for node %s: its children are written as they are",
                       node.__class__.__name__, location=node, type="booktypst")

    def unknown_departure(self, node) -> None:
        pass
