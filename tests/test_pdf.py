"""The PDF edition (`make pdf`, planbook/publish/pdfbuild.py), checked as readers use it:
its text layer (copy, search), every chapter, figure and table, page numbers,
margins, embedded fonts, the stable address on the site.

The PDF is printed by Chromium: where there is none, every check of the PDF
itself is reported as skipped, with the reason (never passed); `make test`
builds the PDF first, and `.ci/run` installs Chromium, so CI always checks it.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from planbook.publish import pdfbuild
from planbook.publish.citation import load_book
from planbook.base.paths import BUILD_DIR, HTML_DIR
from planbook.publish.pdfedition import (NOT_YET_BUILT, PDF_BUILD_PATH, PDF_NAME, PDF_SITE_EXTRA_PATH,
                                 PDF_SITE_PATH, PDF_URL_PATH, pdf_size_text, size_text)

PAGES_DIR = BUILD_DIR / "pdf-pages"       # PNGs of one chapter, for a person to look at
LOOKED_AT = "book/comparison"             # that chapter
MM = 72 / 25.4                            # PDF points per millimetre
EDGE_BAND_MM = 12                         # left/right bands that must stay blank (margin: 20 mm)
NO_CHROMIUM = (f"no Chromium at {pdfbuild.CHROMIUM}: the PDF edition is printed by Chromium "
               "(install Debian's chromium, as .ci/run does, then `make pdf`)")

needs_chromium = pytest.mark.skipif(not Path(pdfbuild.CHROMIUM).exists(), reason=NO_CHROMIUM)


def flat(text: str) -> str:
    """Text without any whitespace: line breaks in the PDF fall anywhere."""
    return re.sub(r"\s+", "", text)


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def pdf_bytes():
    if not Path(pdfbuild.CHROMIUM).exists():
        pytest.skip(NO_CHROMIUM)
    if not PDF_BUILD_PATH.is_file():
        pytest.fail(f"{PDF_BUILD_PATH} does not exist: run `make test` (or `make pdf`)")
    built = PDF_BUILD_PATH.stat().st_mtime
    stale = [p.name for p in (HTML_DIR / "book").glob("*.html") if p.stat().st_mtime > built]
    if stale:
        pytest.fail(f"the PDF is older than the site ({', '.join(stale)}): run `make pdf`")
    return PDF_BUILD_PATH.read_bytes()


@pytest.fixture(scope="module")
def reader(pdf_bytes):
    from pypdf import PdfReader

    with pdfbuild._quiet_pypdf():
        return PdfReader(io.BytesIO(pdf_bytes))


@pytest.fixture(scope="module")
def page_texts(reader):
    with pdfbuild._quiet_pypdf():
        return [page.extract_text() or "" for page in reader.pages]


@pytest.fixture(scope="module")
def text(page_texts):
    return "\n".join(page_texts)


@pytest.fixture(scope="module")
def pdfium_doc(pdf_bytes):
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf_bytes)
    yield document
    document.close()


@pytest.fixture(scope="module")
def destinations(reader):
    with pdfbuild._quiet_pypdf():
        return pdfbuild._destination_pages(reader)


@pytest.fixture(scope="module")
def chapters():
    """(docname, title from the Markdown source) of every page of the book, in order."""
    return [(docname, pdfbuild.chapter_title_from_source(docname))
            for docname, _ in pdfbuild.toc_entries()]


@pytest.fixture(scope="module")
def site_captions():
    """label -> "图 N caption…" / "表 N caption…" of every numbered figure and
    table of the site, as its pages show them."""
    from bs4 import BeautifulSoup

    found = {}
    for page in sorted((HTML_DIR / "book").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for node in soup.select("figure[id], table[id]"):
            caption = node.find(["figcaption", "caption"])
            number = caption.select_one(".caption-number") if caption else None
            body = caption.select_one(".caption-text") if caption else None
            if number is not None and body is not None:
                found[node["id"]] = f"{number.get_text()}{body.get_text()}"
    return found


def site_figure_labels() -> list[str]:
    return sorted(p.name[: -len(".png")] for p in (HTML_DIR / "figures").glob("*.png")
                  if not p.name.endswith((".en.png", ".thumb.png")))


# ---------------------------------------------------------------- the address on the site

def test_pdf_name_is_a_stable_ascii_address():
    assert re.fullmatch(r"[a-z0-9-]+\.pdf", PDF_NAME)
    assert PDF_URL_PATH == f"pdf/{PDF_NAME}"
    assert PDF_SITE_PATH == HTML_DIR / "pdf" / PDF_NAME


def test_size_text():
    assert size_text(850_000) == "850 KB"
    assert size_text(2_345_678) == "2.3 MB"
    assert size_text(10) == "1 KB"


def test_size_text_before_the_pdf_exists(monkeypatch, tmp_path):
    from planbook.publish import pdfedition

    for name in ("PDF_SITE_PATH", "PDF_SITE_EXTRA_PATH", "PDF_BUILD_PATH"):
        monkeypatch.setattr(pdfedition, name, tmp_path / "missing.pdf")
    assert pdfedition.pdf_size_text() == NOT_YET_BUILT


@needs_chromium
def test_published_on_the_site(pdf_bytes):
    for copy in (PDF_SITE_PATH, PDF_SITE_EXTRA_PATH):
        assert copy.is_file(), f"{copy} is missing: `make pdf` publishes the PDF there"
        assert copy.read_bytes() == pdf_bytes, f"{copy} is not the PDF just built"
    assert re.fullmatch(r"\d+(\.\d)? [KM]B", pdf_size_text())


# ---------------------------------------------------------------- the text layer

def test_excluded_code_points_cover_the_radicals():
    assert pdfbuild.excluded(0x2F00) and pdfbuild.excluded(0x2EDA)   # ⼀, ⻚
    assert pdfbuild.excluded(0xF900)
    assert not pdfbuild.excluded(ord("页")) and not pdfbuild.excluded(ord("一"))


def test_print_font_maps_no_radical():
    """The derived font: the ideographs the text needs, and no radical or
    compatibility ideograph that Chromium could write into the text layer."""
    from fontTools.ttLib import TTFont

    from planbook.charts.style import cjk_font_path

    main, punct = pdfbuild.print_fonts("页文十生工程机械“”’", cjk_font_path())
    cmap = TTFont(io.BytesIO(main)).getBestCmap()
    assert all(ord(c) in cmap for c in "页文十生工程机械")
    assert not [c for c in cmap if pdfbuild.excluded(c)]
    assert "glyf" in TTFont(io.BytesIO(main)), "TrueType outlines (embedded as a CID font)"
    punct_cmap = TTFont(io.BytesIO(punct)).getBestCmap()
    original = TTFont(cjk_font_path()).getBestCmap()
    assert punct_cmap[ord("’")] != original[ord("’")], "the proportional apostrophe"


@pytest.mark.parametrize("text, latin", [
    ("Xuzhou’s plan", ["’"]),
    ("the “343” clusters", ["“", "”"]),
    ("方案的“343”集群", []),
    ("的“三大体系”构建", []),
])
def test_latin_punctuation_is_told_from_chinese(text, latin):
    pieces = pdfbuild._latin_punct_pieces(text)
    assert "".join(p for p, _ in pieces) == text
    assert [p for p, is_latin in pieces if is_latin] == latin


@needs_chromium
def test_no_stray_space_between_chinese_characters_in_the_printed_book(pdf_bytes):
    """The PDF is printed from the site's pages, whose wrapped Chinese lines
    planbook.sphinx.cjk has joined; the assembled book must keep it that way."""
    from planbook.sphinx.cjk import stray_spaces

    assembled = pdfbuild.PRINT_HTML.read_text(encoding="utf-8")
    assert stray_spaces(assembled) == []


@needs_chromium
def test_no_radicals_in_the_text_layer(page_texts):
    """Chromium with Noto CJK writes 页 文 十 生 … as Kangxi radicals unless the
    font maps none: the PDF would look right and search nothing."""
    bad = {}
    for number, page in enumerate(page_texts, 1):
        found = sorted({f"{c} U+{ord(c):04X}" for c in page if pdfbuild.excluded(ord(c))})
        if found:
            bad[number] = found
    assert not bad, f"radicals or compatibility ideographs in the text of pages {bad}"


@needs_chromium
def test_every_chinese_character_is_the_books(text):
    """Any other glyph written as the wrong character shows up here: every CJK
    character of the text layer occurs in the HTML that was printed."""
    from bs4 import BeautifulSoup

    printed = BeautifulSoup(pdfbuild.PRINT_HTML.read_text(encoding="utf-8"),
                            "html.parser").get_text()
    source = set(printed)
    foreign = sorted({c for c in text if unicodedata.east_asian_width(c) in ("W", "F")
                      and c not in source})
    assert not foreign, f"characters in the PDF that the book does not contain: {foreign}"


@needs_chromium
@pytest.mark.parametrize("term", ["工程机械", "8458"])
def test_searchable(text, term):
    assert term in flat(text)


@needs_chromium
def test_every_chapter_title(text, chapters):
    missing = [title for _, title in chapters if flat(title) not in flat(text)]
    assert not missing, f"chapter titles not found in the PDF's text: {missing}"


@needs_chromium
def test_cover(page_texts):
    book = load_book()
    cover = flat(page_texts[0])
    for value in (book.title, book.version, book.released):
        assert flat(value) in cover, f"{value!r} is not on the cover"


def _chapter_starts(destinations) -> dict[str, int]:
    return {docname: destinations[pdfbuild.Chapter(docname, None).anchor]
            for docname, _ in pdfbuild.toc_entries()
            if pdfbuild.Chapter(docname, None).anchor in destinations}


@needs_chromium
def test_numbered_chapters(page_texts, chapters, destinations):
    """Each chapter starts a page, under its number: 第 1 章, 第 2 章 … in the
    order of _toc.yml (the opening page and the bibliography have none)."""
    starts = _chapter_starts(destinations)
    assert set(starts) == {d for d, _ in chapters}, "chapters without a link target in the PDF"
    assert list(starts.values()) == sorted(starts.values())
    numbers = []
    for docname, title in chapters:
        first_page = flat(page_texts[starts[docname] - 1])
        match = re.search(r"第(\d+)章" + re.escape(flat(title)), first_page)
        if match:
            numbers.append(int(match.group(1)))
        else:
            assert docname in pdfbuild.UNNUMBERED or docname == chapters[0][0], \
                f"{docname}: no '第 N 章 {title}' on its first page ({starts[docname]})"
    assert numbers == list(range(1, len(numbers) + 1)), numbers
    assert len(numbers) >= 5


@needs_chromium
def test_table_of_contents(reader, pdfium_doc, page_texts, destinations, chapters):
    """The contents follow the cover; each entry links to its chapter or section
    and shows the number of the page that link leads to."""
    starts = _chapter_starts(destinations)
    assert "目录" in flat(page_texts[1])
    checked, wrong = set(), []
    for index in range(1, min(starts.values()) - 1):
        page = reader.pages[index]
        textpage = pdfium_doc[index].get_textpage()
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            target = str(link.get("/Dest", "")).lstrip("/")
            if not target:
                continue
            left, bottom, right, top = (float(v) for v in link["/Rect"])
            entry = textpage.get_text_bounded(left, bottom, right, top).strip()
            shown = re.search(r"(\d+)$", entry)
            if not shown or int(shown.group(1)) != destinations.get(target):
                wrong.append(f"{entry!r} -> page {destinations.get(target)}")
            checked.add(target)
    assert not wrong, "contents entries showing the wrong page: " + "; ".join(wrong[:10])
    chapter_targets = {pdfbuild.Chapter(d, None).anchor for d, _ in chapters}
    assert chapter_targets <= checked, f"chapters not in the contents: {chapter_targets - checked}"


@needs_chromium
def test_page_numbers(pdfium_doc):
    """Every page but the cover shows its number in the bottom margin."""
    wrong = []
    for index in range(len(pdfium_doc)):
        page = pdfium_doc[index]
        width, _ = page.get_size()
        footer = page.get_textpage().get_text_bounded(0, 0, width, 20 * MM).strip()
        expected = "" if index == 0 else str(index + 1)
        if footer != expected:
            wrong.append((index + 1, footer))
    assert not wrong, f"(page, number shown): {wrong[:10]}"


@needs_chromium
def test_outline_lists_the_chapters(reader, chapters):
    def titles(items):
        for item in items:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield flat(item.title)
    outline = list(titles(reader.outline))
    missing = [t for d, t in chapters[1:] if not any(flat(t) in o for o in outline)]
    assert not missing, f"chapters missing from the PDF outline: {missing}"


# ---------------------------------------------------------------- figures and tables

@needs_chromium
def test_every_figure_with_its_caption(text, site_captions):
    labels = site_figure_labels()
    assert labels, f"no figures in {HTML_DIR / 'figures'}"
    missing = [label for label in labels
               if label not in site_captions or flat(site_captions[label]) not in flat(text)]
    assert not missing, f"figures whose number and caption (with its source line) are not " \
                        f"in the PDF: {missing}"
    assert all("资料来源" in site_captions[label] for label in labels)


@needs_chromium
def test_every_table_with_its_caption(text, site_captions):
    tables = {k: v for k, v in site_captions.items() if v.startswith("表")}
    assert tables, "no numbered tables found on the site"
    missing = [label for label, caption in tables.items() if flat(caption) not in flat(text)]
    assert not missing, f"tables whose number and caption are not in the PDF: {missing}"


@needs_chromium
def test_every_figure_image_is_in_the_pdf(reader):
    """Each figure's PNG is embedded at its own resolution (Chromium keeps the
    pixels), so the PDF holds an image of the same size for every figure."""
    from PIL import Image

    wanted = Counter()
    for label in site_figure_labels():
        with Image.open(HTML_DIR / "figures" / f"{label}.png") as image:
            wanted[image.size] += 1
    found: Counter = Counter()
    seen = set()
    for page in reader.pages:
        for ref in (page["/Resources"].get("/XObject") or {}).values():
            image = ref.get_object()
            if image.get("/Subtype") == "/Image" and ref.idnum not in seen:
                seen.add(ref.idnum)
                found[(int(image["/Width"]), int(image["/Height"]))] += 1
    assert sum(found.values()) >= sum(wanted.values())
    short = {size: n for size, n in wanted.items() if found[size] < n}
    assert not short, f"figure images (width, height): count not in the PDF: {short}"


# ---------------------------------------------------------------- fonts

@needs_chromium
def test_fonts_are_embedded_and_are_the_books(reader):
    """Every font is embedded as a font program (no Type 3 glyph procedures, which
    Chromium writes for synthesised bold or a system CFF fallback), and every
    font is one the build derived or copied: no system font crept in."""
    from fontTools.ttLib import TTFont

    allowed = {TTFont(pdfbuild.FONT_DIR / name)["name"].getDebugName(6)
               for name in pdfbuild.FONT_FACES.values()}
    problems, used = [], set()
    for number, page in enumerate(reader.pages, 1):
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            name = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
            used.add(name)
            if font["/Subtype"] == "/Type3":
                problems.append(f"page {number}: Type 3 font")
                continue
            descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for descendant in descendants:
                descriptor = descendant["/FontDescriptor"].get_object()
                if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    problems.append(f"page {number}: {name} is not embedded")
            if name not in allowed:
                problems.append(f"page {number}: {name} is not one of the book's fonts {allowed}")
    assert not problems, "\n".join(sorted(set(problems))[:20])
    assert {"NotoSerifCJKsc-Regular", "NotoSansCJKsc-Regular"} <= used


# ---------------------------------------------------------------- layout

def _print_css() -> str:
    return pdfbuild.PRINT_CSS.read_text(encoding="utf-8")


@needs_chromium
def test_printed_at_full_size(pdfium_doc):
    """Chromium shrinks the whole book to fit the paper if anything is wider than
    the page, and every margin still looks clean: the body text must measure the
    size the stylesheet gives it (Chinese characters are one em wide)."""
    body = re.search(r"html\s*{[^}]*?font-size:\s*([\d.]+)pt", _print_css())
    assert body, "the print stylesheet sets html { font-size: …pt }"
    size = float(body.group(1))
    widths = Counter()
    for index in range(len(pdfium_doc)):
        textpage = pdfium_doc[index].get_textpage()
        for i in range(textpage.count_chars()):
            if "\u4e00" <= textpage.get_text_range(i, 1) <= "\u9fff":
                left, _, right, _ = textpage.get_charbox(i, loose=True)
                widths[round(right - left, 1)] += 1
    assert widths[size] > 2000, f"body text is not {size} pt: {widths.most_common(5)}"


@needs_chromium
def test_nothing_wider_than_the_text_block(pdf_bytes):
    """Laid out for print at the width of the text block, no element reaches past
    it or clips its content (a wide table, a long URL, an image)."""
    from concurrent.futures import ThreadPoolExecutor

    from playwright.sync_api import sync_playwright

    width = pdfbuild.text_block_width_px(_print_css())

    def measure():
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=pdfbuild.CHROMIUM,
                                                 args=pdfbuild.CHROMIUM_FLAGS)
            try:
                return pdfbuild.too_wide(browser, pdfbuild.PRINT_HTML, width)
            finally:
                browser.close()

    # a thread of its own: the browser tests' Playwright session may be running
    with ThreadPoolExecutor(max_workers=1) as pool:
        bad = pool.submit(measure).result()
    assert not bad, "wider than the text block:\n" + "\n".join(bad[:20])


@needs_chromium
def test_page_edges_are_blank(pdfium_doc, destinations):
    """Rendered, every page is white in a band along its left and right edges:
    nothing runs into the margin or off the page. One chapter's pages are saved
    as PNGs for a person to look at."""
    import numpy

    margin = (210 - pdfbuild.text_block_width_px(_print_css()) / 96 * 25.4) / 2
    assert margin > EDGE_BAND_MM + 2, "the bands checked must lie within the page margins"
    scale = 50 / 72
    dirty = []
    for index in range(len(pdfium_doc)):
        pixels = numpy.asarray(pdfium_doc[index].render(scale=scale, grayscale=True)
                               .to_pil().convert("L"))
        band = int(EDGE_BAND_MM * MM * scale)
        for side, strip in (("left", pixels[:, :band]), ("right", pixels[:, -band:])):
            if strip.min() < 245:
                dirty.append(f"page {index + 1} {side}")
    assert not dirty, f"ink within {EDGE_BAND_MM} mm of the page edge: {dirty}"
    starts = sorted(_chapter_starts(destinations).values())
    start = _chapter_starts(destinations)[LOOKED_AT]
    following = next((p for p in starts if p > start), len(pdfium_doc) + 1)
    PAGES_DIR.mkdir(parents=True, exist_ok=True)
    for old in PAGES_DIR.glob("*.png"):
        old.unlink()
    for number in [1, 2, *range(start, following)]:
        pdfium_doc[number - 1].render(scale=100 / 72).to_pil().save(
            PAGES_DIR / f"page-{number:03d}.png")
    assert len(list(PAGES_DIR.glob("*.png"))) >= 3


@needs_chromium
def test_printed_html_loads_nothing_from_outside():
    """The page Chromium printed refers only to local files (the build also
    fails on any request that is not a local file)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(pdfbuild.PRINT_HTML.read_text(encoding="utf-8"), "html.parser")
    resources = [t.get("src") for t in soup.find_all(src=True)]
    resources += [t.get("href") for t in soup.find_all("link", href=True)]
    assert not soup.find_all("script")
    outside = [r for r in resources if re.match(r"^[a-z]+:", r or "") or (r or "").startswith("//")]
    assert not outside, outside


@needs_chromium
def test_links_inside_the_pdf_have_targets(destinations):
    """Cross-references between chapters become links inside the PDF, and each
    one leads to a page; links to downloads go to the site's address."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(pdfbuild.PRINT_HTML.read_text(encoding="utf-8"), "html.parser")
    ids = {node["id"] for node in soup.find_all(id=True)}
    internal = [a["href"][1:] for a in soup.find_all("a", href=True) if a["href"].startswith("#")]
    assert len(internal) > 50
    dangling = sorted({target for target in internal if target not in ids})
    assert not dangling, f"links to ids that the printed book does not have: {dangling[:10]}"
    unplaced = sorted({target for target in internal if target not in destinations})
    assert not unplaced, f"links without a destination page in the PDF: {unplaced[:10]}"
    relative = [a["href"] for a in soup.find_all("a", href=True)
                if not re.match(r"^(#|https?:|mailto:)", a["href"])]
    assert not relative, f"relative links, which mean nothing in a PDF: {relative[:10]}"


@needs_chromium
@pytest.mark.parametrize("page", ["book/intro", "book/cite"])
def test_front_and_citation_pages_link_the_pdf_with_its_size(page, pdf_bytes):
    from planbook.publish.pdfedition import PDF_URL_PATH, SIZE_CLASS, size_text

    text = (HTML_DIR / f"{page}.html").read_text(encoding="utf-8")
    assert f'href="../{PDF_URL_PATH}"' in text
    shown = re.search(rf'<span class="{SIZE_CLASS}">([^<]*)</span>', text).group(1)
    assert shown == size_text(len(pdf_bytes))


def test_fill_size_rewrites_only_the_size(tmp_path):
    from planbook.publish.pdfedition import fill_size

    page = tmp_path / "book" / "intro.html"
    page.parent.mkdir()
    page.write_text('<p>PDF（<span class="pb-pdf-size">尚未生成</span>；A4）</p>', encoding="utf-8")
    (tmp_path / "other.html").write_text("<p>no link</p>", encoding="utf-8")
    assert fill_size(tmp_path, "5.7 MB") == [page]
    assert page.read_text(encoding="utf-8") == '<p>PDF（<span class="pb-pdf-size">5.7 MB</span>；A4）</p>'


def test_fill_size_keeps_the_page_time_stamp(tmp_path):
    """The size is written after printing; the page must not look newer than the PDF."""
    import os

    from planbook.publish.pdfedition import fill_size

    page = tmp_path / "intro.html"
    page.write_text('<p><span class="pb-pdf-size">尚未生成</span></p>', encoding="utf-8")
    os.utime(page, ns=(1_000_000_000, 1_000_000_000))
    fill_size(tmp_path, "5.7 MB")
    assert "5.7 MB" in page.read_text(encoding="utf-8")
    assert page.stat().st_mtime_ns == 1_000_000_000
