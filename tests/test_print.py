"""The print editions: the PDF and the EPUB as shipped inside the site."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from helpers import JAVA, ROOT, drawn_texts, soup

PDF = "downloads/tianqiao-2023-zh.pdf"
EPUB = "downloads/tianqiao-2023-zh.epub"
# Each edition's files, as shipped in the site.
FILES = {"zh": ("downloads/tianqiao-2023-zh.pdf", "downloads/tianqiao-2023-zh.epub"),
         "en": ("en/downloads/tianqiao-2023-en.pdf", "en/downloads/tianqiao-2023-en.epub")}


def run(*cmd) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdf(site):
    path = site / PDF
    assert path.exists(), "the PDF is not in the site"
    return path


@pytest.fixture(scope="module")
def pdf_text(pdf):
    return run("pdftotext", "-layout", str(pdf), "-")


@pytest.mark.parametrize("edition", FILES)
def test_fonts_embedded_and_subset(site, edition):
    pdf = site / FILES[edition][0]
    rows = run("pdffonts", str(pdf)).splitlines()[2:]
    assert rows
    for row in rows:
        cols = row.split()
        # name type [encoding...] emb sub uni object ID
        emb, sub = cols[-5], cols[-4]
        assert emb == "yes", row
        assert sub == "yes" or "Type 3" in row, row
    assert any("NotoSerifCJK" in r or "NotoSansCJK" in r for r in rows)


def test_key_facts_in_text(pdf_text, facts):
    flat = re.sub(r"\s+", "", pdf_text)
    for key in ("land_supplied", "joint_meeting_issues_resolved", "old_community_investment",
                "projects_introduced_amount", "provincial_projects_completion",
                "green_space_added", "green_space_added_caption", "time_progress_district"):
        assert facts[key].text("zh") in flat, key


def test_chinese_text_has_no_stray_spaces(pdf, site):
    """Runs of Chinese text from the chapters stand in the PDF exactly: no space
    crept in between characters (line ends inside a paragraph join without one)."""
    # The body area only (A4 minus running header and footer), pages joined.
    raw = run("pdftotext", "-raw", "-x", "0", "-y", "70", "-W", "595", "-H", "700",
              str(pdf), "-").replace("\n", "").replace("\f", "")
    han_run = re.compile(r"[\u4e00-\u9fff，。、；：“”（）《》]{8,}")
    checked = 0
    for chapter in ("preface", "governance", "projects", "renewal", "outlook"):
        doc = soup(site / f"{chapter}.html")
        for para in doc.select("article p"):
            for run_ in han_run.findall(para.get_text()):
                assert run_ in raw, (chapter, run_)
                checked += 1
    assert checked > 100


def test_deliberate_spaces_between_chinese_words_survive(pdf_text):
    """xeCJK drops spaces between CJK characters; the source's headline, its
    subheadings and its byline need theirs ("王群 田悦" is two people)."""
    flat = re.sub(r" {2,}", " ", re.sub(r"[ \t]*\n[ \t]*", "", pdf_text))
    for phrase in ("统筹谋划 守正创新", "抓落实 项目建设", "王群 田悦"):
        assert phrase in flat, phrase


def test_structure_and_numbering(pdf_text):
    # the contents' heading, 目\quad 录, on a line of its own
    assert re.search(r"^\s*目\s+录\s*$", pdf_text, re.M)
    assert "插图目录" in pdf_text and "表格目录" in pdf_text
    assert re.search(r"第\s*1\s*章", pdf_text)
    # numbered as in HTML, with the space: 图 4.1, 表 2.1
    assert re.search(r"图 4\.1", pdf_text) and re.search(r"表 2\.1", pdf_text)
    assert "附录" in pdf_text and "数据说明" in pdf_text and "数据表" in pdf_text


def test_no_spread_out_table_text(pdf):
    """Narrow table cells are ragged-right, so CJK characters are not spread apart."""
    raw = run("pdftotext", "-raw", str(pdf), "-")
    spread = re.findall(r"(?:[\u4e00-\u9fff] ){4,}[\u4e00-\u9fff]", raw)
    assert spread == []


def test_outline_metadata_and_pages(pdf):
    from pypdf import PdfReader
    reader = PdfReader(str(pdf))
    assert 20 <= len(reader.pages) <= 200
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert any("城市更新" in t for t in titles), titles
    meta = reader.metadata
    assert "天桥" in meta.title and meta.author
    assert "天桥区" in meta.get("/Keywords", "") and meta.get("/Subject")
    assert reader.trailer["/Root"].get("/Lang") == "zh-CN"
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4


@pytest.mark.skipif(not shutil.which("qpdf"), reason="needs qpdf")
@pytest.mark.parametrize("edition", FILES)
def test_qpdf_check(site, edition):
    pdf = site / FILES[edition][0]
    result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


EPUBCHECK = Path("/usr/share/java/epubcheck.jar")  # Debian's epubcheck


@pytest.mark.skipif(not EPUBCHECK.exists(), reason="needs Debian's epubcheck")
@pytest.mark.parametrize("edition", FILES)
@pytest.mark.slow
def test_epubcheck_clean(site, edition):
    result = subprocess.run([*JAVA, "-jar", str(EPUBCHECK), str(site / FILES[edition][1])],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No errors or warnings" in result.stdout or "0 fatals / 0 errors" in result.stdout


def test_epub_metadata_and_content(site, facts):
    with zipfile.ZipFile(site / EPUB) as z:
        opf = z.read("content.opf").decode()
        assert "<dc:language>zh-CN</dc:language>" in opf
        assert "<dc:title>天桥 2023" in opf
        cover_id = re.search(r'<meta name="cover" content="([^"]+)"', opf).group(1)
        assert re.search(rf'id="{cover_id}" href="_static/cover-zh.png"', opf)
        names = z.namelist()
        assert any(n.endswith(".svg") or n.endswith(".png") for n in names if "_images" in n)
        renewal = z.read("renewal.xhtml").decode()
        assert facts["land_supplied"].text("zh") in renewal


@pytest.mark.parametrize("edition", FILES)
def test_epub_identity_cover_and_page_language(site, edition):
    """Each edition is its own book to a reading system: its own identifier,
    an EPUB 3 cover (image and page), its language on every page."""
    lang = {"zh": "zh-CN", "en": "en"}[edition]
    with zipfile.ZipFile(site / FILES[edition][1]) as z:
        opf = z.read("content.opf").decode()
        uid = re.search(r'unique-identifier="([^"]+)"', opf).group(1)
        identifier = re.search(rf'<dc:identifier id="{uid}">([^<]+)<', opf).group(1)
        assert identifier.endswith(f"-{edition}") and "unknown" not in opf
        assert re.search(rf'href="_static/cover-{edition}.png"[^>]*properties="cover-image"', opf)
        assert not any(re.search(r"cover-(?!%s)\w+\.png" % edition, n) for n in z.namelist())
        assert "epub-cover.xhtml" in z.namelist()
        for name in z.namelist():
            if name.endswith(".xhtml") and name != "nav.xhtml":
                head = z.read(name).decode()[:400]
                assert f'lang="{lang}" xml:lang="{lang}"' in head, name


def test_download_links_resolve(site):
    for page in ("index.html", "renewal.html", "appendix/data.html"):
        doc = soup(site / page)
        hrefs = [a["href"] for a in doc.select("a[href]") if "downloads/" in a["href"]]
        assert any(h.endswith(".pdf") for h in hrefs) and any(h.endswith(".epub") for h in hrefs), page
        for href in hrefs:
            assert ((site / page).parent / href).resolve().exists(), href


def test_no_build_machine_paths(site):
    needles = ("/work/", "/root/", "/tmp/", "/home/", "/usr/")
    for path in site.rglob("*"):
        if path.suffix in {".html", ".js", ".css", ".svg", ".txt", ".xhtml", ".inv"}:
            text = path.read_text(encoding="utf-8", errors="ignore")
            assert not any(n in text for n in needles), path
    for pdf, epub in FILES.values():
        with zipfile.ZipFile(site / epub) as z:
            for name in z.namelist():
                assert not any(n in z.read(name).decode("utf-8", "ignore") for n in needles), name
        raw = (site / pdf).read_bytes().decode("latin-1")
        assert not any(n in raw for n in needles), pdf
        assert not any(n in run("pdftotext", str(site / pdf), "-") for n in needles), pdf


def test_english_pdf_holds_english_figures(site, facts):
    text = re.sub(r"\s+", " ", run("pdftotext", str(site / FILES["en"][0]), "-"))
    for key in ("projects_introduced_amount", "old_community_floor_area", "land_expropriated",
                "joint_meeting_issues_resolved", "old_community_investment"):
        assert facts[key].text("en") in text, key
    assert "Chapter 1" in text and "Contents" in text and "List of Figures" in text
    assert "Figure 4.1: " in text and "Table 2.1: " in text and "Table A.1: " in text
    from pypdf import PdfReader
    reader = PdfReader(str(site / FILES["en"][0]))
    assert reader.trailer["/Root"].get("/Lang") == "en"
    assert reader.metadata.title.startswith("Tianqiao 2023")


def test_english_epub_metadata(site, facts):
    with zipfile.ZipFile(site / FILES["en"][1]) as z:
        opf = z.read("content.opf").decode()
        assert "<dc:language>en</dc:language>" in opf and "<dc:title>Tianqiao 2023" in opf
        assert facts["land_supplied"].text("en") in z.read("renewal.xhtml").decode()


@pytest.mark.parametrize("edition", FILES)
def test_internal_links_land_on_the_right_page(site, edition):
    """Every internal link has a destination on a page of the book; links to figures
    and tables ({numref} in the text, the entries of the lists) land on the page
    whose caption carries that number. The number is read from the page under the
    link's area, as a reader sees it."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject
    path = site / FILES[edition][0]
    reader = PdfReader(str(path))
    names = reader.named_destinations
    fig, tab = ("图", "表") if edition == "zh" else ("Figure", "Table")
    numbered = re.compile(rf"({fig}|{tab})\s([0-9A-D]+\.\d+)")
    texts: dict[int, str] = {}

    def page_text(number: int) -> str:
        if number not in texts:
            texts[number] = run("pdftotext", "-f", str(number + 1), "-l", str(number + 1),
                                str(path), "-")
        return texts[number]

    links = 0
    reached = set()  # the numbers of the figures and tables a checked link lands on
    for index, page in enumerate(reader.pages):
        height = float(page.mediabox.height)
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link" or "/URI" in (annot.get("/A") or {}):
                continue
            links += 1
            dest = annot.get("/Dest") or (annot.get("/A") or {}).get("/D")
            dest = dest.get_object() if dest is not None else dest
            if isinstance(dest, ArrayObject):
                target = reader.get_page_number(dest[0].get_object())
            else:
                assert str(dest) in names, dest
                target = reader.get_destination_page_number(names[str(dest)])
            assert 0 <= target < len(reader.pages), dest
            # a link broken across lines has one quadrilateral per line (its /Rect
            # spans both lines whole, and takes in the words beside the link)
            points = [float(v) for v in annot.get("/QuadPoints") or []]
            quads = [points[i:i + 8] for i in range(0, len(points), 8)] or [
                [float(v) for v in annot["/Rect"]] * 2]
            shown = " ".join(run(
                "pdftotext", "-f", str(index + 1), "-l", str(index + 1),
                # a point of room around the area: pdftotext keeps only the words
                # whose box lies inside, and a one-line entry is barely taller than its text
                "-x", str(int(min(q[0::2]))), "-y", str(int(height - max(q[1::2])) - 1),
                "-W", str(int(max(q[0::2]) - min(q[0::2])) + 1),
                "-H", str(int(max(q[1::2]) - min(q[1::2])) + 3),
                str(path), "-").strip() for q in quads)
            m = numbered.search(shown)  # the area may take in a neighbouring mark
            if not m:
                continue
            caption = re.compile(rf"^{m[1]} {re.escape(m[2])}(:|\s|$)", re.M)
            assert caption.search(page_text(target)), (shown, target + 1)
            reached.add(m[2])
    # every numbered figure and table is reached by a link (at least its entry in the
    # list of figures or tables) that lands on the page of its caption
    captions = set(re.findall(rf"^(?:{fig}|{tab}) ([0-9A-D]+\.\d+)(?::|\s)",
                              run("pdftotext", str(path), "-"), re.M))
    assert links > 100 and len(captions) >= 5 and reached == captions, (links, captions, reached)


@pytest.mark.parametrize("edition", FILES)
def test_epub_cover_is_legible(site, edition):
    """The cover is an opaque dark field with light title text on it (a white
    field would hide the white title)."""
    import io

    from PIL import Image
    with zipfile.ZipFile(site / FILES[edition][1]) as z:
        cover = Image.open(io.BytesIO(z.read(f"_static/cover-{edition}.png"))).convert("RGBA")
    corner = cover.getpixel((5, 5))
    assert corner[3] == 255 and sum(corner[:3]) / 3 < 100, corner
    histogram = cover.convert("L").histogram()
    light = sum(histogram[231:]) / sum(histogram)
    assert light > 0.005, light


@pytest.mark.parametrize("edition", FILES)
def test_front_matter_roman_and_chapter_one_on_page_one(site, edition):
    from pypdf import PdfReader
    path = site / FILES[edition][0]
    reader = PdfReader(str(path))
    labels = reader.page_labels
    lof = "插图目录" if edition == "zh" else "List of Figures"
    chapter = re.compile(r"^\s*(第\s*1\s*章|Chapter 1)\s*$", re.M)
    first_lof = first_chapter = None
    for i in range(min(12, len(reader.pages))):
        text = run("pdftotext", "-f", str(i + 1), "-l", str(i + 1), str(path), "-")
        if first_lof is None and text.lstrip().startswith(lof):
            first_lof = i
        if first_chapter is None and chapter.search(text):
            first_chapter = i
    assert first_lof is not None and re.fullmatch(r"[ivxl]+", labels[first_lof]), labels[:10]
    assert first_chapter is not None and labels[first_chapter] == "1", labels[:10]
    front = labels[:first_chapter]  # title page included: i, ii, iii ... each once
    assert all(re.fullmatch(r"[ivxl]+", label) for label in front), front
    assert len(set(front)) == len(front), front


@pytest.mark.parametrize("edition", FILES)
def test_nothing_sticks_into_the_margins(site, edition):
    """Every word stands inside the text area: 2.5 cm margins left and right (a
    table too wide, a code line too long or an unbreakable name would cross them).
    Only punctuation at a line's end hangs into the right margin, as Typst sets it
    (at most half an em of 11 pt type)."""
    path = site / FILES[edition][0]
    rows = [line.split("\t") for line in run("pdftotext", "-tsv", str(path), "-").splitlines()[1:]]
    margin = 2.5 / 2.54 * 72
    outside = []
    for level, page, *_, left, top, width, height, conf, text in rows:
        if level != "5":
            continue
        hang = 5.5 if re.search(r"[\u3000-\u303f\uff01-\uff65,.;:’”)\-–—\u00ad]$", text) else 0
        opening = 5.5 if re.match(r"[“‘（《(]", text) else 0
        if float(left) < margin - 1 - opening or float(left) + float(width) > 595.3 - margin + 1 + hang:
            outside.append((page, text, round(float(left)), round(float(left) + float(width))))
    assert len(rows) > 5000, len(rows)
    assert outside == []


# -- Typesetting: fonts, tables, pages, citations, headings ------------------------------

NOTO_CJK = Path("/usr/share/fonts/opentype/noto")  # Debian's fonts-noto-cjk
# The faces of Debian's .ttc files (fc-query): Japanese is index 0, Simplified Chinese 2.
TTC_FACE = {"jp": 0, "sc": 2}


def _outline(glyphs, name) -> list:
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    pen = DecomposingRecordingPen(glyphs)
    glyphs[name].draw(pen)
    return pen.value


def _embedded_cjk_outlines(path: Path, chars: str) -> dict[str, list[tuple[str, list]]]:
    """{character: [(font name, outline)]}: each embedded Noto CJK font's outline of
    each character, found through the font's ToUnicode map and its CFF charset."""
    import io

    import pikepdf
    from fontTools.cffLib import CFFFontSet
    found: dict[str, list] = {ch: [] for ch in chars}
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Subtype") != "/Type0":
                continue
            name = str(obj.BaseFont)
            if "CJK" not in name:
                continue
            cmap = obj.ToUnicode.read_bytes().decode("latin-1")
            codes = {bytes.fromhex(u).decode("utf-16-be"): int(c, 16) for c, u in
                     re.findall(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>", cmap)}
            font = obj.DescendantFonts[0]
            cff = CFFFontSet()
            cff.decompile(io.BytesIO(font.FontDescriptor.FontFile3.read_bytes()), None)
            top = cff[cff.fontNames[0]]
            order = top.getGlyphOrder()
            for ch in chars:
                if ch in codes:  # Identity-H: the code is the CID, the CID's glyph in the charset
                    cid = codes[ch]
                    glyph = next((g for g in order if g == f"cid{cid:05d}"), None) \
                        or (order[cid] if cid < len(order) else None)
                    found[ch].append((name, _outline(top.CharStrings, glyph)))
    return found


@pytest.mark.parametrize("edition", FILES)
def test_no_type3_fonts_and_simplified_chinese_glyphs(site, edition):
    """Chart text is real text (no Type 3 font); every CJK font is a Simplified
    Chinese face of Noto CJK (no JP, KR, TC or HK face), and the glyphs drawn are that
    face's: 房 and 骨, whose Japanese forms differ (房 with the top of 戸), have the
    outlines of Debian's SC face and not those of its JP face."""
    from fontTools.ttLib import TTFont
    path = site / FILES[edition][0]
    fonts = run("pdffonts", str(path))
    assert "Type 3" not in fonts, fonts
    cjk = re.findall(r"^\S+\+(\S*CJK\S*)", fonts, re.M)
    assert cjk and all(re.match(r"Noto(Sans|Serif|SansMono)CJKsc-", f) for f in cjk), cjk
    found = _embedded_cjk_outlines(path, "房骨")
    assert found["房"], "房 (黄岗保障房) not found in the PDF's fonts"
    for ch, drawn in found.items():
        for name, outline in drawn:
            family = "Serif" if "Serif" in name else "Sans"
            weight = "Bold" if "Bold" in name else "Regular"
            ttc = NOTO_CJK / f"Noto{family}CJK-{weight}.ttc"
            faces = {}
            for face, index in TTC_FACE.items():
                font = TTFont(ttc, fontNumber=index, lazy=True)
                glyphs = font.getGlyphSet()
                faces[face] = _outline(glyphs, font.getBestCmap()[ord(ch)])
            assert faces["sc"] != faces["jp"], ch  # the check can tell them apart
            assert outline == faces["sc"], (ch, name)


@pytest.mark.parametrize("edition", FILES)
def test_chart_text_is_searchable(site, facts, edition):
    """Every word a chart draws comes out of the PDF as the words they are: its labels,
    ticks and values ("202 3" is what a search found in Type 3 text)."""
    from factbook.charts import load_chart_module
    text = re.sub(r"\s+", "", run("pdftotext", str(site / FILES[edition][0]), "-"))
    module = load_chart_module(str(ROOT / "book" / "chart_drawings.py"))
    lang = "zh" if edition == "zh" else "en"
    checked = 0
    for name, chart in module.CHARTS.items():
        for drawn in drawn_texts(chart.draw(facts, lang)):
            for words in drawn.split("\n"):  # a label's lines (a rotated one comes out last first)
                words = re.sub(r"\s+", "", words.replace("\u2212", "-"))
                if words:
                    assert words in text, (name, words)
                    checked += 1
    assert checked >= 10  # a chart's words, not an empty walk


def _raw_lines(path: Path) -> list[str]:
    return [line.strip() for line in run("pdftotext", "-raw", str(path), "-").splitlines()]


@pytest.mark.parametrize("edition", FILES)
def test_table_terms_are_not_broken(site, facts, edition):
    """Periods and values stay on one line in the tables ("2023年初至报道/时",
    "约286元/平方/米" were broken); English breaks only between words. In the page
    laid out as text, a table's cells are columns: a term ending one column's line
    must not go on in the same column of the next line."""
    text = run("pdftotext", "-layout", str(site / FILES[edition][0]), "-")
    lines = [[(m.start(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", line)]
             for line in text.splitlines()]
    terms = {t for f in facts.values() for t in (f.period_text(edition), f.text(edition))
             if len(t) > 3}
    broken, cells = [], 0
    for row, below in zip(lines, lines[1:]):
        if len(row) < 3:  # not a table row: prose breaks where it must
            continue
        cells += 1
        for column, cell in row[1:]:
            after = [c for start, c in below if abs(start - column) <= 1]
            if not after:
                continue
            for term in terms:
                for cut in range(1, len(term)):
                    head, tail = term[:cut].rstrip(), term[cut:].lstrip()
                    if edition == "en" and (term[cut - 1] == " " or term[cut] == " "):
                        continue  # a break between words
                    if cell.endswith(head) and after[0].startswith(tail) and term not in cell:
                        broken.append((cell, after[0]))
    assert cells > 100, cells
    assert broken == []


@pytest.mark.parametrize("edition", FILES)
def test_fact_keys_stay_out_of_print(site, facts, edition):
    """The data appendix names each record's key on the web (a link to its row);
    in print the keys were broken mid-token ("secretary_contact_/points")."""
    text = run("pdftotext", str(site / FILES[edition][0]), "-")
    keys = [k for k in facts if "_" in k and k in text]
    assert keys == []
    assert "secretary_contact" not in text
    # nor named in the column heading ("Measure and data key" on the web)
    heading = {"zh": "数据键", "en": "data key"}[edition]
    assert heading not in text and "（键）" not in text and "(key)" not in text


@pytest.mark.parametrize("edition", FILES)
def test_no_page_left_mostly_blank(site, edition):
    """A page's text runs to at least the lower half of the page, unless a chapter
    or appendix starts on the next one (Table 2.1 left four fifths of a page blank)."""
    path = site / FILES[edition][0]
    rows = [line.split("\t") for line in run("pdftotext", "-tsv", str(path), "-").splitlines()[1:]]
    bottom: dict[int, float] = {}
    first: dict[int, str] = {}
    for level, page, *_, top, width, height, conf, text in rows:
        y = float(top) + float(height)
        if level == "5" and 70 < float(top) and y < 760:  # body words, not header or footer
            bottom[int(page)] = max(bottom.get(int(page), 0), y)
            first.setdefault(int(page), text)
    from pypdf import PdfReader
    body = PdfReader(str(path)).page_labels.index("1") + 1  # contents and lists aside
    pages = [p for p in sorted(bottom) if p >= body]
    opener = re.compile(r"^(第|附录|Chapter|Appendix)")
    blank = [p for p in pages[:-1] if bottom[p] < 0.5 * 842
             and not opener.match(first.get(p + 1, "")) and p + 1 in first]
    assert len(pages) > 20
    assert blank == [], blank


@pytest.mark.parametrize("edition", FILES)
def test_citation_block_is_copy_safe(site, edition):
    """The BibTeX entries copied from the PDF are the HTML's, but for line breaks
    at spaces: no visible-space or continuation marks, no spaces added around
    Chinese ("{ 天桥 2023 ：…}"), no break inside a word or a Chinese run, no
    running head or "continued" note from a page break inside an entry."""
    prefix = "" if edition == "zh" else "en/"
    html = [pre.get_text() for pre in
            soup(site / f"{prefix}appendix/data.html").select("pre.bibtex-entry")]
    assert len(html) == 2, len(html)
    raw = run("pdftotext", "-raw", str(site / FILES[edition][0]), "-")
    collapse = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    for entry in html:
        start = raw.index(entry.split(",")[0])
        copied = raw[start:raw.index("\n}", start) + 2]
        assert "\u2423" not in copied and "\u21aa" not in copied  # ␣ ↪
        assert collapse(copied) == collapse(entry)


def test_english_headings_are_whole_and_not_hyphenated(site):
    """Every section heading of the English PDF is set whole, its words never
    hyphenated ("… One up-/grade"); every caption's first line ends with a whole
    word ("residen-/tial")."""
    from pypdf import PdfReader
    path = site / FILES["en"][0]
    reader = PdfReader(str(path))
    labels = reader.page_labels
    first = labels.index("1")
    body = run("pdftotext", "-raw", "-f", str(first + 1), "-x", "0", "-y", "70", "-W", "595",
               "-H", "700", str(path), "-")
    flat = re.sub(r"\s+", " ", body)
    chapters = [o for o in reader.outline if not isinstance(o, list)]
    numbers = [str(i + 1) for i in range(len(chapters) - 4)] + list("ABCD")
    index = -1
    checked = 0
    for entry in reader.outline:
        if not isinstance(entry, list):
            index += 1
            continue
        for n, section in enumerate(e for e in entry if not isinstance(e, list)):
            # the bookmark is the heading as printed, its number first
            number, _, title = section.title.partition(" ")
            assert number == f"{numbers[index]}.{n + 1}" and title, section.title
            assert section.title in flat, section.title
            checked += 1
    assert checked > 30, checked
    for line in body.splitlines():
        if re.match(r"(Figure|Table) [0-9A-D]+\.\d+: ", line):
            assert not line.rstrip().endswith("-"), line


def test_english_contents_have_leader_dots(site):
    """Every section entry of the contents ends with leader dots and its page
    (3.1, as long as the line, had none)."""
    from pypdf import PdfReader
    path = site / FILES["en"][0]
    labels = PdfReader(str(path)).page_labels
    lof = next(i for i in range(len(labels))
               if run("pdftotext", "-f", str(i + 1), "-l", str(i + 1), str(path), "-")
               .lstrip().startswith("List of Figures"))
    contents = run("pdftotext", "-layout", "-f", "2", "-l", str(lof), str(path), "-")
    entries = 0
    for line in contents.splitlines():
        if re.search(r"\s\d+$", line) and re.match(r"\s*[0-9A-D]+\.\d+\s", line):
            assert re.search(r"\. \. \.\s+\d+$", line), line
            entries += 1
    # A wrapped entry ends on a line without its number: count them too.
    assert entries >= 35, entries


def test_english_chinese_names_are_not_split(site):
    """A Chinese name in the English text stays on one line ("(数/智中枢"): a line
    ending in a Han character is never followed by one starting with the next
    character of the same name (a break at a space, as in the BibTeX note, is fine)."""
    path = site / FILES["en"][0]
    lines = _raw_lines(path)
    han = re.compile(r"[\u4e00-\u9fff]")
    text = ""
    for page in ("governance", "projects", "renewal", "outlook", "appendix/glossary"):
        text += soup(site / "en" / f"{page}.html").get_text()
    splits = [(a[-6:], b[:6]) for a, b in zip(lines, lines[1:])
              if a and b and han.match(a[-1]) and han.match(b[0]) and a[-2:] + b[:2] in text]
    assert splits == []


def test_chinese_terms_as_in_html(pdf, pdf_text):
    """"大数据+小网格" without spaces around the plus, as in HTML; glossary terms
    referred to in the text upright, as in HTML ("23155工作体系" was slanted)."""
    from pypdf import PdfReader
    flat = re.sub(r"\s+", " ", pdf_text)
    assert "大数据+小网格" in flat and "大数据 + 小网格" not in flat
    fonts = []

    def visit(text, cm, tm, font, size):
        if "23155" in text and font is not None:
            fonts.append(str(font.get("/BaseFont")))

    for page in PdfReader(str(pdf)).pages:
        page.extract_text(visitor_text=visit)
    assert fonts and not [f for f in fonts if "Italic" in f], fonts


@pytest.mark.parametrize("edition", FILES)
def test_continued_tables_continue_with_rows(site, edition):
    """A table continued on a page brings at least one of its rows there, not only
    its heading and closing rule (Table 2.1 once did)."""
    path = site / FILES[edition][0]
    marker = "接上页" if edition == "zh" else "continued from previous page"
    pages = run("pdftotext", "-layout", str(path), "-").split("\f")
    continued = 0
    for page in pages:
        lines = page.splitlines()
        for i, line in enumerate(lines):
            if marker in line:
                continued += 1
                rows = [row for row in lines[i + 2:i + 6]
                        if len(re.findall(r"\S+(?: \S+)*", row)) >= 3]
                assert rows, page[:400]
    assert continued >= 3, continued
