"""Measure a PDF for issue 20: `python -m booktypst.measure FILE.pdf [...]`.

Walks the structure tree with pikepdf (counts of each structure type, Figures
and their /Alt, /Lang of the document and of spans), reads the catalogue
(/MarkInfo, ViewerPreferences /DisplayDocTitle, PDF/UA identification), the
fonts (pdffonts: Type 3, JP/KR/TC CJK faces), pages and size.
"""

from __future__ import annotations

import collections
import re
import subprocess
import sys
from pathlib import Path

import pikepdf


def walk(node, counts, figures, langs, depth=0):
    if isinstance(node, pikepdf.Array):
        for kid in node:
            walk(kid, counts, figures, langs, depth)
        return
    if not isinstance(node, pikepdf.Dictionary):
        return
    kind = node.get("/S")
    if kind is not None:
        counts[str(kind)[1:]] += 1
        if "/Lang" in node:
            langs[str(node.Lang)] += 1
        if str(kind) == "/Figure":
            figures.append(str(node.get("/Alt", "")))
    kids = node.get("/K")
    if kids is not None:
        walk(kids, counts, figures, langs, depth + 1)


def measure(path: Path) -> dict:
    result = {"file": str(path), "bytes": path.stat().st_size}
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        result["pages"] = len(pdf.pages)
        result["lang"] = str(root.get("/Lang", ""))
        result["marked"] = bool(root.get("/MarkInfo", {}).get("/Marked", False))
        prefs = root.get("/ViewerPreferences", {})
        result["display_doc_title"] = bool(prefs.get("/DisplayDocTitle", False))
        result["title"] = str(pdf.docinfo.get("/Title", "")) if pdf.docinfo else ""
        meta = pdf.open_metadata()
        result["pdfuaid_part"] = meta.get("pdfuaid:part", "")
        result["outline_items"] = sum(1 for _ in _outline(pdf))
        counts, figures, langs = collections.Counter(), [], collections.Counter()
        tree = root.get("/StructTreeRoot")
        if tree is not None:
            walk(tree.get("/K"), counts, figures, langs)
        result["structure"] = dict(sorted(counts.items()))
        result["figures"] = len(figures)
        result["figures_without_alt"] = sum(1 for alt in figures if not alt.strip())
        result["figure_alts"] = [alt[:90] for alt in figures]
        result["element_langs"] = dict(langs)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    result["fonts"] = len(rows)
    result["type3"] = sum(1 for r in rows if "Type 3" in r)
    result["cjk_faces"] = sorted({m.group(1) for r in rows
                                  for m in [re.search(r"CJK(jp|kr|tc|hk|sc)", r, re.I)] if m})
    result["not_embedded"] = sum(1 for r in rows if len(r.split()) > 4 and r.split()[-5] == "no")
    return result


def _outline(pdf):
    with pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            yield item
            stack.extend(item.children)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        for key, value in measure(Path(name)).items():
            print(f"{key}: {value}")
        print()
