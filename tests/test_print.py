"""The print editions: the PDF and the EPUB as shipped inside the site."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from helpers import JAVA, ROOT, soup

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
    assert "目" in pdf_text and "插图目录" in pdf_text and "表格目录" in pdf_text
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
    """Every internal link has a destination; links to figures and tables ({numref})
    land on the page whose caption carries that number."""
    from pypdf import PdfReader
    path = site / FILES[edition][0]
    reader = PdfReader(str(path))
    names = reader.named_destinations
    fig, tab = ("图", "表") if edition == "zh" else ("Figure", "Table")
    texts = {}
    links = checked = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if annot.get("/Subtype") != "/Link" or not action or action.get("/S") != "/GoTo":
                continue
            links += 1
            name = str(action["/D"])
            assert name in names, name
            kind, _, number = name.partition(".")
            if kind not in ("figure", "table"):
                continue
            target = reader.get_destination_page_number(names[name])
            if target not in texts:
                texts[target] = run("pdftotext", "-f", str(target + 1), "-l", str(target + 1),
                                    str(path), "-")
            caption = f"{fig if kind == 'figure' else tab} {number}:"
            assert caption in texts[target], (name, target + 1)
            checked += 1
    assert links > 100 and checked >= 10, (links, checked)


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
def test_typesetting_has_no_overfull_or_underfull_lines(edition):
    """Nothing sticks into the margin, no line is stretched to gaps (ragged
    table cells, tied figures, headers tall enough)."""
    log = ROOT / "_build" / "stage" / edition / "latex" / f"tianqiao-2023-{edition}.log"
    if not log.exists():
        pytest.skip("no LaTeX log: the PDF was not built here")
    text = log.read_text(encoding="utf-8", errors="replace")
    for problem in ("Overfull \\hbox", "Underfull \\hbox", "headheight is too small"):
        assert problem not in text, problem
