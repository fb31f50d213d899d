"""The typst builder: one PDF of the whole book."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.errors import SphinxError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.console import darkgreen
from sphinx.util.nodes import inline_all_toctrees

from .tables import fold_appendix
from .translator import TypstTranslator

logger = logging.getLogger(__name__)
DESIGN = Path(__file__).with_name("book.typ")


class TypstError(SphinxError):
    category = "Typst failed"


class FoldAppendixForPrint(SphinxPostTransform):
    """The data appendix in print: keys out, each note under its source (tables.py)."""

    formats = ("typst",)
    default_priority = 700

    def run(self, **kwargs) -> None:
        from factbook.state import lang_of

        for table in list(self.document.findall(nodes.table)):
            if "fact-appendix" in table["classes"]:
                group = next(iter(table.findall(nodes.tgroup)))
                fold_appendix(group, lang_of(self.config))


class TypstBuilder(Builder):
    name = "typst"
    format = "typst"
    epilog = "The PDF is in %(outdir)s."
    # SVG first: the charts are drawn again with their text as text (draw_charts)
    supported_image_types = ["image/svg+xml", "application/pdf", "image/png", "image/jpeg"]
    supported_remote_images = False

    def init(self) -> None:
        self.docnames: set[str] = set()

    def get_outdated_docs(self):
        return "all documents"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return "%" + docname

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def prepare_writing(self, docnames) -> None:
        pass

    def write_documents(self, _docnames) -> None:
        root = self.config.root_doc
        basename = self.config.booktypst_basename
        tree = self.assemble_doctree(root, list(self.config.booktypst_appendices))
        images = self.outdir / "images"
        images.mkdir(parents=True, exist_ok=True)
        charts = self.draw_charts(images)
        for image in tree.findall(nodes.image):
            name = image.get("chart")
            if name in charts:
                image["typst_path"] = f"images/{charts[name]}"
            else:
                source = Path(self.srcdir) / image["uri"]
                shutil.copyfile(source, images / source.name)
                image["typst_path"] = f"images/{source.name}"
        translator = TypstTranslator(tree, self)
        tree.walkabout(translator)
        (self.outdir / "book.typ").write_bytes(DESIGN.read_bytes())
        source = self.outdir / f"{basename}.typ"
        source.write_text(translator.astext(), encoding="utf-8")
        self.compile(source, self.outdir / f"{basename}.pdf")

    def assemble_doctree(self, root: str, appendices: list[str]) -> nodes.document:
        """The root document with its toctrees inlined, then the appendices (as
        Sphinx's LaTeX builder assembles a book), references resolved for print."""
        self.docnames = {root, *appendices}
        tree = self.env.get_doctree(root)
        tree["docname"] = root
        largetree = inline_all_toctrees(self, self.docnames, root, tree, darkgreen, [root])
        largetree["docname"] = root
        for docname in appendices:
            appendix = self.env.get_doctree(docname)
            appendix["docname"] = docname
            largetree.append(appendix)
        self.env.resolve_references(largetree, root, self)
        for pending in list(largetree.findall(addnodes.pending_xref)):
            pending.replace_self(pending.children or [nodes.Text("")])
        return largetree

    def draw_charts(self, outdir: Path) -> dict[str, str]:
        """The book's charts as SVG with their text as text (svg.fonttype 'none'):
        Typst sets it in the named fonts (Noto Sans CJK SC), so chart text stays
        searchable, with no Type 3 font. The HTML's SVGs draw text as paths."""
        path = self.config.factbook_chart_module
        if not path:
            return {}
        from factbook.charts import load_chart_module
        from factbook.state import facts_of, lang_of

        module = load_chart_module(path)
        module.STYLE = {**module.STYLE, "svg.fonttype": "none"}
        lang, facts, drawn = lang_of(self.config), facts_of(self.env), {}
        scratch = outdir / "scratch"
        for name in module.CHARTS:
            module.render(name, facts, lang, scratch)
            shutil.copyfile(scratch / f"{name}.svg", outdir / f"chart-{name}.svg")
            drawn[name] = f"chart-{name}.svg"
        shutil.rmtree(scratch)
        return drawn

    def compile(self, source: Path, pdf: Path) -> None:
        import typst

        epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
        standards = [s for s in os.environ.get("BOOKTYPST_STANDARDS", "ua-1").split(",") if s]
        try:
            typst.compile(str(source), output=str(pdf), root=str(self.outdir),
                          pdf_standards=standards, timestamp=epoch,
                          sys_inputs={"epoch": str(epoch)})
        except Exception as exc:  # the compiler's diagnostics, one per line
            raise TypstError(str(exc)) from None

    def finish(self) -> None:
        pass
