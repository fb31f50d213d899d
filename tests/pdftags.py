"""Read a tagged PDF as a screen reader gets it: the structure tree, each element's
text (from its marked-content sequences) and language, and the text drawn as
artifacts. pikepdf parses; the fonts' ToUnicode maps turn glyph codes into text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pikepdf


@dataclass
class Element:
    kind: str  # H1, P, L, Table, Figure...
    attrs: pikepdf.Dictionary
    lang: str | None  # its own /Lang
    children: list = field(default_factory=list)  # Element or (page, mcid)

    def text(self, tagged: "TaggedPdf") -> str:
        return "".join(c.text(tagged) if isinstance(c, Element) else tagged.mcid_text.get(c, "")
                       for c in self.children)

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Element):
                yield from c.walk()

    def parts(self):
        """(page, mcid) of every marked-content sequence below, in order."""
        for c in self.children:
            if isinstance(c, Element):
                yield from c.parts()
            else:
                yield c


def _unicode_map(font) -> dict[int, str]:
    """Glyph code -> text, from the font's ToUnicode CMap (bfchar and bfrange)."""
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    found: dict[int, str] = {}
    decode = lambda hexes: bytes.fromhex(hexes).decode("utf-16-be")  # noqa: E731
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            found[int(code, 16)] = decode(uni)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, start in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>",
                                        block):
            first = int(start, 16)
            for offset in range(int(hi, 16) - int(lo, 16) + 1):
                found[int(lo, 16) + offset] = chr(first + offset)
    return found


class TaggedPdf:
    def __init__(self, path):
        self.pdf = pikepdf.open(path)
        self.pages = list(self.pdf.pages)
        self.page_index = {p.obj.objgen: i for i, p in enumerate(self.pages)}
        self.mcid_text: dict[tuple[int, int], str] = {}
        self.mcid_lang: dict[tuple[int, int], str | None] = {}
        self.artifact_text: dict[int, str] = {}
        self.unmarked_text: dict[int, str] = {}  # text in no marked-content sequence
        self._fonts: dict = {}
        for i, page in enumerate(self.pages):
            self.artifact_text[i] = self.unmarked_text[i] = ""
            self._read(i, page.obj, page.obj.get("/Resources", pikepdf.Dictionary()), [])
        catalog = self.pdf.Root
        self.root = self._element(catalog.StructTreeRoot, None)

    # -- content streams ---------------------------------------------------------------
    def _decode(self, font, data: bytes) -> str:
        key = font.objgen
        if key not in self._fonts:
            self._fonts[key] = _unicode_map(font)
        cmap = self._fonts[key]
        return "".join(cmap.get(int.from_bytes(data[i:i + 2], "big"), "\ufffd")
                       for i in range(0, len(data) - 1, 2))

    def _read(self, index: int, stream, resources, marks: list) -> None:
        font = None
        for operands, operator in pikepdf.parse_content_stream(stream):
            op = str(operator)
            if op == "BDC":
                tag, props = operands
                if isinstance(props, pikepdf.Name):  # properties by name from the resources
                    props = resources.Properties[props]
                mcid = props.get("/MCID")
                marks.append(("artifact" if tag == "/Artifact" else
                              (index, int(mcid)) if mcid is not None else None,
                              str(props["/Lang"]) if "/Lang" in props else None))
            elif op == "BMC":
                marks.append(("artifact" if operands[0] == "/Artifact" else None, None))
            elif op == "EMC":
                marks.pop()
            elif op == "Tf":
                font = resources.Font[operands[0]]
            elif op in ("Tj", "TJ", "'", '"'):
                shown = operands[-1]
                pieces = shown if isinstance(shown, pikepdf.Array) else [shown]
                text = "".join(self._decode(font, bytes(p)) for p in pieces
                               if isinstance(p, pikepdf.String))
                self._add(index, marks, text)
            elif op == "Do":
                xobject = resources.XObject[operands[0]]
                if xobject.get("/Subtype") == "/Form":
                    self._read(index, xobject, xobject.get("/Resources", resources), marks)

    def _add(self, index: int, marks: list, text: str) -> None:
        owner = next((m for m in reversed(marks) if m[0] is not None), None)
        if owner is None:
            self.unmarked_text[index] += text
        elif owner[0] == "artifact":
            self.artifact_text[index] += text
        else:
            self.mcid_text[owner[0]] = self.mcid_text.get(owner[0], "") + text
            self.mcid_lang[owner[0]] = owner[1]

    # -- structure tree -----------------------------------------------------------------
    def _element(self, node, page) -> Element:
        kind = str(node.get("/S", "/StructTreeRoot"))[1:]
        lang = str(node["/Lang"]) if "/Lang" in node else None
        element = Element(kind, node, lang)
        page = node.get("/Pg", page)
        kids = node.get("/K")
        if kids is None:
            return element
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, int):
                element.children.append((self.page_index[page.objgen], int(kid)))
            elif isinstance(kid, pikepdf.Dictionary):
                kind_of_kid = kid.get("/Type")
                if kind_of_kid == "/MCR":
                    on = kid.get("/Pg", page)
                    element.children.append((self.page_index[on.objgen], int(kid.MCID)))
                elif kind_of_kid == "/OBJR":
                    continue  # an annotation (a link's area)
                else:
                    element.children.append(self._element(kid, page))
        return element

    def elements(self, kind: str) -> list[Element]:
        return [e for e in self.root.walk() if e.kind == kind]
