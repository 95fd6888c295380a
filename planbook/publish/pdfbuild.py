"""The PDF edition: the whole book printed by Chromium into one PDF.

``python -m planbook.publish.pdfbuild`` (``make pdf``, after ``make book``):

1. **One HTML file** (``_build/pdf/book.html``) is assembled from the built site's
   chapter pages in ``_toc.yml`` order: a cover (title, authors, version and date
   from CITATION.cff), a table of contents, then every chapter, numbered, with its
   figures, tables, captions and source lines exactly as the site shows them.
   Code cells, "#" permalinks and download lines are left out; links between
   chapters become links inside the PDF, links to downloads point at the site.
2. **Fonts.** Chromium's PDF backend writes each glyph's text as the *first*
   code point that the font maps to it; Noto CJK maps 页 文 十 生 … also from the
   Kangxi and CJK radicals (U+2E80–U+2FDF) and compatibility ideographs
   (U+F900–U+FAFF), so copied or searched text comes out as ⻚ ⽂ ⼗ ⽣. The build
   derives, with fontTools, copies of the Noto Serif and Sans CJK SC fonts that
   the ``mplfonts`` package installs (the sans one is the charts' font), subset
   to the characters of the book and **without** those code points, with
   TrueType outlines (Chromium embeds those as CID fonts; CFF outlines, and any
   bold or italic it has to synthesise, become Type 3 glyph procedures). The
   print stylesheet (``planbook/publish/static/planbook-print.css``) uses them through
   @font-face — serif for text, sans for headings and emphasis, no synthesised
   weights — with matplotlib's DejaVu fonts for symbols and code: no system
   font is used. A character that none of these fonts has fails the build.
3. **Print.** Debian's Chromium (Playwright drives it; no browser download)
   prints A4 pages, with page numbers from CSS page-margin boxes, a PDF outline
   and tagged structure. It prints twice: the second time with the page numbers
   of the table of contents, read from the first PDF's link destinations.
   Anything wider than the text block fails the build first (Chromium would
   shrink the whole book to fit the paper), as does any request that is not for
   a local file: nothing is fetched from outside.
4. **Publish** at ``_build/pdf/<name>``, ``_build/html/pdf/<name>`` and
   ``_build/site-extra/pdf/<name>`` (see :mod:`planbook.publish.pdfedition`).

``tests/test_pdf.py`` checks the result (text layer, figures, margins, fonts).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import html
import io
import logging
import os
import posixpath
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from planbook.publish.citation import book_gbt7714, load_book
from planbook.base.files import write_atomically
from planbook.base.paths import HTML_DIR, REPO_ROOT
from planbook.publish.pdfedition import (CHROMIUM, PDF_BUILD_DIR, PDF_BUILD_PATH, PDF_SITE_EXTRA_PATH,
                         PDF_SITE_PATH, fill_size, size_text)

# As in tests/browser/conftest.py (GUIDE §10), plus no network at all.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-quic", "--disable-domain-reliability"]

TOC_PATH = REPO_ROOT / "_toc.yml"
CFF_PATH = REPO_ROOT / "CITATION.cff"
# Not in _static/: jupyter-book adds every stylesheet there to every page of the site.
PRINT_CSS = Path(__file__).parent / "static" / "planbook-print.css"
PRINT_HTML = PDF_BUILD_DIR / "book.html"
FONT_DIR = PDF_BUILD_DIR / "fonts"

# Code points removed from the print font (see the module docstring).
EXCLUDED_RANGES = ((0x2E80, 0x2FDF), (0xF900, 0xFAFF))
# Pages whose chapter gets no number (a bibliography is not a chapter).
UNNUMBERED = {"book/references"}
# The root page's heading is the book's title, which the cover already shows.
ROOT_TITLE = "导言"
# Figures are drawn at their own size (savefig.dpi in planbook.charts.style), at most
# the width of the text.
DEFAULT_FIGURE_DPI = 200
PDF_TITLE_SUFFIX = "（PDF 版）"


def excluded(codepoint: int) -> bool:
    return any(lo <= codepoint <= hi for lo, hi in EXCLUDED_RANGES)


class PdfBuildError(RuntimeError):
    pass


def _inside(node, names: tuple[str, ...]) -> bool:
    """Whether ``node`` lies within an element named one of ``names`` (faster
    than BeautifulSoup's find_parent, which this build calls for every string)."""
    return any(parent.name in names for parent in node.parents)


def _short(text: str, limit: int = 12) -> bool:
    """A table cell short enough never to break (a date, a grade, a number):
    no space, at most ``limit`` columns (a Chinese character counts two)."""
    import unicodedata

    width = sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)
    return 0 < width <= limit and not any(c.isspace() for c in text)


def _latin_punct_pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is Latin-context punctuation): a quote or an
    ellipsis whose nearest letters on both sides (quotes skipped) are not CJK."""
    def is_cjk(char: str) -> bool:
        return bool(re.match(f"[{_CJK}]", char))

    def neighbour(index: int, step: int) -> str | None:
        index += step
        while 0 <= index < len(text):
            if not text[index].isspace() and text[index] not in _LATIN_PUNCT:
                return text[index]
            index += step
        return None

    pieces: list[tuple[str, bool]] = []
    start = 0
    for index, char in enumerate(text):
        if char not in _LATIN_PUNCT:
            continue
        left, right = neighbour(index, -1), neighbour(index, 1)
        if (left or right) and not any(c is not None and is_cjk(c) for c in (left, right)):
            if index > start:
                pieces.append((text[start:index], False))
            pieces.append((char, True))
            start = index + 1
    if start < len(text) or not pieces:
        pieces.append((text[start:], False))
    return pieces


# ---------------------------------------------------------------- the book's parts

@dataclass
class Chapter:
    docname: str                 # book/xz-2022-clusters
    part: str | None             # the part caption in _toc.yml
    number: int | None = None    # chapter number in the PDF (None: unnumbered)
    title: str = ""              # the page's heading, as on the site
    pdf_title: str = ""          # as the PDF shows it
    # (number, title, anchor in the PDF) of each top-level section
    sections: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.docname.replace("/", "-")

    @property
    def anchor(self) -> str:
        return f"ch-{self.slug}"

    @property
    def label(self) -> str:
        return f"第 {self.number} 章" if self.number else ""


def toc_entries(toc_path: Path = TOC_PATH) -> list[tuple[str, str | None]]:
    """(docname, part caption) of every page of the book, in reading order."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))

    def docname(entry: dict) -> str:
        name = entry["file"]
        return name[: -len(Path(name).suffix)] if Path(name).suffix in (".md", ".ipynb") else name

    entries: list[tuple[str, str | None]] = [(docname({"file": toc["root"]}), None)]

    def add(items, part):
        for item in items or []:
            if "file" in item:
                entries.append((docname(item), part))
            add(item.get("sections"), part)
            add(item.get("chapters"), part)

    for part in toc.get("parts") or []:
        add(part.get("chapters"), part.get("caption"))
    add(toc.get("chapters"), None)
    return entries


def chapter_title_from_source(docname: str) -> str:
    """The first "# " heading of the chapter's Markdown source."""
    for line in (REPO_ROOT / f"{docname}.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise PdfBuildError(f"{docname}.md has no '# ' heading")


# ---------------------------------------------------------------- assembling the HTML

_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_REMOVED = ("script", "style", "a.headerlink", "details.above-input", "div.cell_input",
            "p.pb-figure-downloads", "p.pb-pdf-edition", "div.pb-figure-views", "div.toctree-wrapper", "button",
            "noscript")
# The gallery keeps, per figure, the GB/T 7714 citation; BibTeX and APA stay on the site.
_GALLERY_DROPPED = ("pre.pb-cite-bibtex", "pre.pb-cite-apa")
# Quotes and ellipses within Latin text take the CJK font's proportional forms
# (its default forms are full-width, which reads "Xuzhou’ s").
_LATIN_PUNCT = "\u2018\u2019\u201c\u201d\u2026"
_BREAK_AFTER = re.compile(r"([_/])")
# Characters no print font has, and what the PDF shows instead.
PRINT_SUBSTITUTES = {"\u2705": "\u2714", "\u274c": "\u2718"}


class _Assembler:
    def __init__(self, html_dir: Path, out_html: Path):
        from bs4 import BeautifulSoup

        self.BeautifulSoup = BeautifulSoup
        self.html_dir = html_dir
        self.out_dir = out_html.parent
        self.book = load_book()
        self.chapters: list[Chapter] = []
        self.docnames: set[str] = set()
        self.images: list[Path] = []
        self._last_part: str | None = None

    # -- links and ids
    def anchor(self, docname: str, fragment: str) -> str:
        return f"{docname.replace('/', '-')}--{fragment}"

    def resolve_href(self, href: str, docname: str) -> str:
        if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I):      # http:, mailto: …
            return href
        path, _, fragment = href.partition("#")
        if not path:
            target = docname
        else:
            site_path = posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))
            if site_path.endswith(".html") and site_path[:-5] in self.docnames:
                target = site_path[:-5]
            else:                       # a download or a page outside the book
                return self.book.url + site_path + (f"#{fragment}" if fragment else "")
        if not fragment:
            return "#" + Chapter(target, None).anchor
        return "#" + self.anchor(target, fragment)

    def image_src(self, src: str, docname: str) -> str:
        site_path = posixpath.normpath(posixpath.join(posixpath.dirname(docname), src))
        path = self.html_dir / site_path
        if not path.is_file():
            raise PdfBuildError(f"{docname}: image {src} is not in the built site ({path})")
        self.images.append(path)
        return os.path.relpath(path, self.out_dir).replace(os.sep, "/")

    # -- one chapter
    def chapter_html(self, chapter: Chapter) -> str:
        page = self.html_dir / f"{chapter.docname}.html"
        if not page.is_file():
            raise PdfBuildError(f"{page} is missing: run `make book` first")
        soup = self.BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.bd-article") or soup.select_one("article")
        if article is None:
            raise PdfBuildError(f"{page} has no <article>")
        for selector in _REMOVED:
            for node in article.select(selector):
                node.decompose()
        dropped = 0
        for selector in _GALLERY_DROPPED:
            for node in article.select(selector):
                label = node.find_previous_sibling()
                if label is not None and label.name == "p":
                    label.decompose()
                node.decompose()
                dropped += 1
        for details in article.select("details"):
            details["open"] = ""
        h1 = article.find("h1")
        if h1 is None:
            raise PdfBuildError(f"{page} has no <h1>")
        if dropped:
            note = soup.new_tag("p", attrs={"class": "pb-note"})
            note.string = ("PDF 版中每张图只列出 GB/T 7714 格式的引用；"
                           "BibTeX 与 APA 格式见网站上的本页。")
            h1.insert_after(note)
        chapter.title = " ".join(h1.get_text().split())
        chapter.pdf_title = chapter.title
        if chapter.number is None and chapter.part is None and chapter.title == self.book.title:
            chapter.pdf_title = ROOT_TITLE
        h1.clear()
        if chapter.label:
            number = soup.new_tag("span", attrs={"class": "pb-chapter-number"})
            number.string = chapter.label
            h1.append(number)
        h1.append(chapter.pdf_title)

        # ids: prefixed per chapter, so that id1, id2 … of two pages cannot clash
        for node in article.find_all(id=True):
            node["id"] = self.anchor(chapter.docname, node["id"])
        for link in article.find_all("a", href=True):
            link["href"] = self.resolve_href(link["href"], chapter.docname)
        for img in article.find_all("img", src=True):
            self._set_image(img, chapter.docname)

        # section numbers (N.M) for the top-level sections of a numbered chapter
        top = article.find("section")
        for index, section in enumerate(top.find_all("section", recursive=False) if top else [], 1):
            h2 = section.find("h2")
            if h2 is None or not section.get("id"):
                continue
            title = " ".join(h2.get_text().split())
            number = f"{chapter.number}.{index}" if chapter.number else ""
            if number:
                tag = soup.new_tag("span", attrs={"class": "pb-section-number"})
                tag.string = number
                h2.insert(0, tag)
            chapter.sections.append((number, title, section["id"]))

        for cell in article.select("td, th"):
            if _short(cell.get_text().strip()):
                cell["class"] = [*cell.get("class", []), "pb-nowrap"]
        self._fix_text(article, soup)
        part = ""
        if chapter.part and chapter.part != self._last_part:
            part = f'<div class="pb-part">{html.escape(chapter.part)}</div>\n'
        self._last_part = chapter.part
        body = "".join(str(child) for child in article.children)
        classes = "pb-chapter" + (" pb-unnumbered" if not chapter.number else "")
        return (f'<section class="{classes}" id="{chapter.anchor}" '
                f'data-docname="{chapter.docname}">\n{part}{body}\n</section>')

    def _set_image(self, img, docname: str) -> None:
        from PIL import Image

        img["src"] = self.image_src(img["src"], docname)
        for attribute in ("loading", "srcset"):
            img.attrs.pop(attribute, None)
        if img.find_parent("figure") is not None:
            with Image.open(self.images[-1]) as image:
                dpi = (image.info.get("dpi") or (DEFAULT_FIGURE_DPI,))[0] or DEFAULT_FIGURE_DPI
                width = image.size[0] / float(dpi)
            # the figure at the size it was drawn; the stylesheet caps it at the text width
            img["style"] = f"width:{width:.2f}in"

    def _fix_text(self, article, soup) -> None:
        """Latin-context quotes wrapped for their proportional forms; emoji no font has replaced."""
        from bs4 import NavigableString

        strings = [t for t in article.find_all(string=True)
                   if type(t) is NavigableString and not _inside(t, ("pre", "code"))]
        for text in strings:
            # (soft line breaks between Chinese characters are already gone from
            # the site: planbook.sphinx.cjk joins them when the page is built)
            new = str(text)
            for char, substitute in PRINT_SUBSTITUTES.items():
                new = new.replace(char, substitute)
            pieces = _latin_punct_pieces(new)
            in_table = _BREAK_AFTER.search(new) and _inside(text, ("td", "th"))
            if len(pieces) == 1 and new == text and not in_table:
                continue
            nodes = []
            for piece, latin in pieces:
                if latin:
                    span = soup.new_tag("span", attrs={"class": "pb-latin-punct"})
                    span.string = piece
                    nodes.append(span)
                elif in_table:
                    # identifiers and paths in narrow columns may break after _ and /
                    for part in _BREAK_AFTER.split(piece):
                        if part:
                            nodes.append(NavigableString(part))
                        if _BREAK_AFTER.fullmatch(part or ""):
                            nodes.append(soup.new_tag("wbr"))
                else:
                    nodes.append(NavigableString(piece))
            text.replace_with(*nodes)

    # -- the whole book
    def assemble(self) -> str:
        entries = toc_entries()
        self.docnames = {d for d, _ in entries}
        number = 0
        for index, (docname, part) in enumerate(entries):
            chapter = Chapter(docname, part)
            if index > 0 and docname not in UNNUMBERED:
                number += 1
                chapter.number = number
            self.chapters.append(chapter)
        bodies = [self.chapter_html(c) for c in self.chapters]
        return self.document(bodies)

    def cover_html(self) -> str:
        book, e = self.book, html.escape
        cff = yaml.safe_load(CFF_PATH.read_text(encoding="utf-8"))
        licence = cff.get("license")
        return f"""<section class="pb-cover" id="pb-cover">
<div class="pb-cover-main">
<div class="pb-cover-title">{e(book.title)}</div>
<div class="pb-cover-edition">PDF 版</div>
<div class="pb-cover-authors">{e('，'.join(book.authors))}</div>
<div class="pb-cover-version">版本 {e(book.version)}　·　{e(book.released)} 发布</div>
</div>
<div class="pb-cover-foot">
<p>网站：<a href="{e(book.url)}">{e(book.url)}</a>（图表下载、数据与各图的引用格式）</p>
<p>引用本书：{e(book_gbt7714(book))}</p>
{f'<p>许可：{e(str(licence))}</p>' if licence else ''}
<p>本 PDF 由网站的同一次构建生成，内容、图表编号与网站一致。</p>
</div>
</section>"""

    def toc_html(self) -> str:
        e = html.escape
        rows, part = [], None
        for chapter in self.chapters:
            if chapter.part and chapter.part != part:
                rows.append(f'<div class="pb-toc-part">{e(chapter.part)}</div>')
            part = chapter.part
            rows.append(self._toc_row("pb-toc-chapter", chapter.label, chapter.pdf_title,
                                      chapter.anchor))
            for number, title, anchor in chapter.sections:
                rows.append(self._toc_row("pb-toc-section", number, title, anchor))
        return ('<nav class="pb-toc" id="pb-toc"><h1 class="pb-toc-heading">目录</h1>\n'
                + "\n".join(rows) + "\n</nav>")

    @staticmethod
    def _toc_row(kind: str, number: str, title: str, anchor: str) -> str:
        e = html.escape
        number_span = f'<span class="pb-toc-num">{e(number)}</span>' if number else ""
        return (f'<a class="pb-toc-row {kind}" href="#{e(anchor)}">{number_span}'
                f'<span class="pb-toc-title">{e(title)}</span><span class="pb-toc-fill"></span>'
                f'<span class="pb-toc-page" data-target="{e(anchor)}">000</span></a>')

    def document(self, bodies: list[str]) -> str:
        book, e = self.book, html.escape
        header = book.title.replace("\\", "\\\\").replace('"', '\\"')
        return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{e(book.title)}{PDF_TITLE_SUFFIX}</title>
<meta name="author" content="{e('，'.join(book.authors))}">
<link rel="stylesheet" href="fonts/fonts.css">
<link rel="stylesheet" href="{PRINT_CSS.name}">
<style>
@page {{ @top-center {{ content: "{header}"; }} }}
@page cover {{ @top-center {{ content: none; }} }}
</style>
</head>
<body>
{self.cover_html()}
{self.toc_html()}
{chr(10).join(bodies)}
</body>
</html>
"""


# ---------------------------------------------------------------- fonts

def _package_file(package: str, *parts: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise PdfBuildError(f"{package} is not installed: run `make book`")
    path = Path(list(spec.submodule_search_locations)[0], *parts)
    if not path.is_file():
        raise PdfBuildError(f"font file not found: {path}")
    return path


def _cff_to_truetype(font) -> None:
    """Replace CFF outlines by TrueType (quadratic) ones, in place: Chromium
    embeds a TrueType font as a CID font (FontFile2), a CFF one as Type 3 glyphs."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name in order:
        advance, _ = hmtx[name]
        hmtx[name] = (advance, getattr(glyf[name], "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    maxp.maxZones = 1
    for name in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, name, 0)
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"


def _subset(font, unicodes, features) -> None:
    from fontTools import subset

    options = subset.Options()
    options.layout_features = features
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables += ["VORG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def _pwid_alternates(font) -> dict[str, str]:
    """glyph -> its proportional-width form (the font's 'pwid' feature)."""
    gsub = font["GSUB"].table if "GSUB" in font else None
    mapping: dict[str, str] = {}
    for record in gsub.FeatureList.FeatureRecord if gsub else []:
        if record.FeatureTag != "pwid":
            continue
        for index in record.Feature.LookupListIndex:
            for sub in gsub.LookupList.Lookup[index].SubTable:
                sub = getattr(sub, "ExtSubTable", sub)
                mapping.update(getattr(sub, "mapping", None) or {})
    return mapping


def _saved(font) -> bytes:
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def print_fonts(text: str, source: Path) -> tuple[bytes, bytes]:
    """Two fonts for print from the CJK font ``source``, both with TrueType
    outlines and no code point in EXCLUDED_RANGES:

    * the font subset to the characters of ``text``;
    * a small one whose quotes and ellipsis are the proportional forms, for
      those characters between Latin words (``.pb-latin-punct``): Chromium
      applies no 'pwid' feature here, and the full-width forms read "Xuzhou’ s".
    """
    from fontTools.ttLib import TTFont

    codepoints = {ord(c) for c in text if not excluded(ord(c))} | set(range(0x20, 0x7F))
    font = TTFont(source)
    _subset(font, codepoints, ["*"])
    subset_bytes = _saved(font)

    for table in font["cmap"].tables:
        for codepoint in [c for c in table.cmap if excluded(c)]:
            del table.cmap[codepoint]
    _cff_to_truetype(font)
    main = _saved(font)

    punct = TTFont(io.BytesIO(subset_bytes))
    alternates = _pwid_alternates(punct)
    wanted = {ord(c) for c in _LATIN_PUNCT}
    for table in punct["cmap"].tables:
        for codepoint in wanted & set(table.cmap):
            table.cmap[codepoint] = alternates.get(table.cmap[codepoint], table.cmap[codepoint])
    _subset(punct, wanted, [])
    _cff_to_truetype(punct)
    return main, _saved(punct)


# Change when print_fonts changes, so that cached fonts are derived again.
FONT_RECIPE = "1: subset, no radicals, TrueType outlines, proportional Latin punctuation"
SERIF_FONT_FILENAME = "NotoSerifCJKsc-Regular.otf"   # beside the sans one in mplfonts
FONT_FACES = {
    # family in the print stylesheet: file name in FONT_DIR
    "PB Serif": "pb-serif-cjk.ttf",     # body text (宋体 style)
    "PB Sans": "pb-sans-cjk.ttf",       # headings, emphasis, tables (黑体 style)
    "PB Serif Latin": "pb-serif-latin-punct.ttf",   # quotes between Latin words
    "PB Sans Latin": "pb-sans-latin-punct.ttf",
    "PB Symbols": "DejaVuSans.ttf",     # symbols that the CJK fonts lack
    "PB Mono": "DejaVuSansMono.ttf",    # code
}


def write_fonts(text: str, font_dir: Path = FONT_DIR) -> dict[str, Path]:
    """The print fonts and fonts/fonts.css, all from installed packages: the two
    CJK faces of ``mplfonts`` (derived for ``text``), DejaVu from matplotlib."""
    from planbook.charts.style import cjk_font_path

    sans = cjk_font_path()
    font_dir.mkdir(parents=True, exist_ok=True)
    characters = "".join(sorted(set(text)))
    for family, source in (("PB Sans", sans), ("PB Serif", sans.with_name(SERIF_FONT_FILENAME))):
        if not source.is_file():
            raise PdfBuildError(f"font file not found: {source}")
        main_path = font_dir / FONT_FACES[family]
        punct_path = font_dir / FONT_FACES[f"{family} Latin"]
        # derived again only when the book's characters, the source or the recipe change
        stat = source.stat()
        key = hashlib.sha256(f"{FONT_RECIPE}|{EXCLUDED_RANGES}|{_LATIN_PUNCT}|{source}|"
                             f"{stat.st_size}|{stat.st_mtime_ns}|"
                             f"{characters}".encode("utf-8")).hexdigest()
        key_path = main_path.with_suffix(".key")
        if (main_path.is_file() and punct_path.is_file() and key_path.is_file()
                and key_path.read_text() == key):
            continue
        main, punct = print_fonts(text, source)
        write_atomically(main_path, main)
        write_atomically(punct_path, punct)
        write_atomically(key_path, key.encode("ascii"))
    for family in ("PB Symbols", "PB Mono"):
        name = FONT_FACES[family]
        shutil.copyfile(_package_file("matplotlib", "mpl-data", "fonts", "ttf", name), font_dir / name)
    css = "".join(f'@font-face {{ font-family: "{family}"; src: url("{name}"); }}\n'
                  for family, name in FONT_FACES.items())
    write_atomically(font_dir / "fonts.css", css.encode("utf-8"))
    return {family: font_dir / name for family, name in FONT_FACES.items()}


def missing_glyphs(text: str, fonts) -> list[str]:
    """Characters of ``text`` that none of ``fonts`` has (they would print as
    boxes, or in a system font with its radicals): "✅ U+2705"."""
    import unicodedata

    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for path in fonts:
        covered |= set(TTFont(path).getBestCmap())
    return [f"{c} U+{ord(c):04X}" for c in sorted(set(text))
            if ord(c) not in covered and not c.isspace()
            and unicodedata.category(c) not in ("Cc", "Cf", "Zs", "Zl", "Zp")]


# ---------------------------------------------------------------- printing

FILL_TOC = """pages => {
  for (const span of document.querySelectorAll('.pb-toc-page')) {
    const page = pages[span.dataset.target];
    span.textContent = page === undefined ? '?' : String(page);
  }
}"""
WAIT_FOR_IMAGES = """() => Promise.all([...document.images].map(img => img.complete ? null :
  new Promise(done => { img.onload = img.onerror = done; })))"""
BROKEN_IMAGES = "() => [...document.images].filter(i => !(i.naturalWidth > 0)).map(i => i.src)"


@contextlib.contextmanager
def _quiet_pypdf():
    """Chromium's trailer undercounts its objects by a few; pypdf says so on
    every read ("Object count … exceeds defined trailer size"), harmlessly."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def destination_pages(pdf: bytes) -> dict[str, int]:
    """Named destinations of a PDF (the ids that links point to) -> page (1-based)."""
    from pypdf import PdfReader

    with _quiet_pypdf():
        return _destination_pages(PdfReader(io.BytesIO(pdf)))


def _destination_pages(reader) -> dict[str, int]:
    pages = {}
    for name, destination in reader.named_destinations.items():
        try:
            pages[name.lstrip("/")] = reader.get_destination_page_number(destination) + 1
        except Exception:   # a destination without a page
            continue
    return pages


# Elements reaching past the text block, or clipping what they hold, when the
# page is laid out for print at the width of the text block.
OVERFLOWING = """width => {
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : '') +
      ' «' + (el.textContent || el.getAttribute('src') || '').trim().slice(0, 40) + '»';
  const bad = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.left < -0.5 || box.right > width + 0.5)
      bad.push(describe(el) + ' spans ' + Math.round(box.left) + '–' + Math.round(box.right) + 'px');
    const style = getComputedStyle(el);
    if (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
      bad.push(describe(el) + ' clips its content');
  }
  return bad;
}"""


def text_block_width_px(css: str) -> int:
    """A4 width less the stylesheet's left and right page margins, in CSS px."""
    margins = re.search(r"@page\s*{[^@]*?margin:\s*([\d.]+)mm\s+([\d.]+)mm\s+([\d.]+)mm\s+"
                        r"([\d.]+)mm", css)
    if not margins:
        raise PdfBuildError("the print stylesheet must set @page { margin: T R B L } in mm")
    return int((210 - float(margins.group(2)) - float(margins.group(4))) / 25.4 * 96)


def too_wide(browser, html_path: Path, width: int) -> list[str]:
    """What in the printed HTML is wider than the text block. Chromium would
    shrink the whole book to fit the paper, and every margin would still look clean."""
    page = browser.new_page(viewport={"width": width, "height": 1000})
    try:
        page.emulate_media(media="print")
        page.goto(html_path.resolve().as_uri(), wait_until="load")
        page.evaluate(WAIT_FOR_IMAGES)
        page.evaluate("() => document.fonts.ready.then(() => true)")
        return page.evaluate(OVERFLOWING, width)
    finally:
        page.close()


PRINT_OPTIONS = dict(prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
TOC_TARGETS = "() => [...document.querySelectorAll('.pb-toc-page')].map(s => s.dataset.target)"


def print_pdf(html_path: Path, chromium: str = CHROMIUM, max_passes: int = 4) -> tuple[bytes, dict]:
    """Print ``html_path``; then, until the contents show the pages their links
    lead to, load it afresh, write those page numbers into the contents and print
    again (two passes, unless filling in the numbers moves a page break).
    Each pass loads the page anew: printing one loaded page twice can break its
    pages differently."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    failed: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()

            def guard(route):
                url = route.request.url
                if url.startswith(("file:", "data:", "blob:")):
                    route.continue_()
                else:
                    outside.append(url)
                    route.abort()

            page.route("**/*", guard)
            page.on("request", lambda r: r.url.startswith(("file:", "data:", "blob:"))
                    or outside.append(r.url))
            page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))

            def load(toc_pages: dict[str, int] | None) -> None:
                page.goto(html_path.resolve().as_uri(), wait_until="load")
                page.evaluate(WAIT_FOR_IMAGES)
                page.evaluate("() => document.fonts.ready.then(() => true)")
                broken = page.evaluate(BROKEN_IMAGES)
                fonts = page.evaluate("() => [...document.fonts].map(f => [f.family, f.status])")
                problems = [f"request leaving the machine: {u}" for u in outside]
                problems += [f"failed request: {u}" for u in failed]
                problems += [f"image did not load: {u}" for u in broken]
                problems += [f"font {family} {status}" for family, status in fonts
                             if status != "loaded"]
                if problems:
                    raise PdfBuildError("printing the book:\n  " + "\n  ".join(problems))
                if toc_pages is not None:
                    page.evaluate(FILL_TOC, toc_pages)

            wide = too_wide(browser, html_path,
                            text_block_width_px(PRINT_CSS.read_text(encoding="utf-8")))
            if wide:
                raise PdfBuildError("wider than the text block (Chromium would print the whole "
                                    "book scaled down):\n  " + "\n  ".join(wide[:20]))
            load(None)
            targets = page.evaluate(TOC_TARGETS)
            shown: dict[str, int] | None = None
            for passes in range(1, max_passes + 1):
                pdf = page.pdf(**PRINT_OPTIONS)
                pages = destination_pages(pdf)
                missing = [t for t in targets if t not in pages]
                if missing:
                    raise PdfBuildError(f"no page found for table-of-contents entries {missing}")
                wanted = {t: pages[t] for t in targets}
                if wanted == shown:
                    break
                shown = wanted
                load(shown)
            else:
                raise PdfBuildError(f"table-of-contents page numbers did not settle in "
                                    f"{max_passes} passes")
        finally:
            browser.close()
    return pdf, {"passes": passes, "toc": wanted}


def with_metadata(pdf: bytes) -> bytes:
    from pypdf import PdfWriter

    book = load_book()
    with _quiet_pypdf():
        writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.add_metadata({
        "/Title": book.title,
        "/Author": "，".join(book.authors),
        "/Subject": f"{book.title}（PDF 版），版本 {book.version}，{book.released} 发布。{book.url}",
        "/Keywords": "产业政策; 徐州; 苏州; 创新产业集群; 规划目标",
        "/Creator": "planbook.publish.pdfbuild (Chromium)",
    })
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- the whole build

def build(html_dir: Path = HTML_DIR, chromium: str = CHROMIUM) -> dict:
    started = time.monotonic()
    if not (html_dir / "index.html").is_file():
        raise PdfBuildError(f"{html_dir} is not built: run `make book` first")
    PDF_BUILD_DIR.mkdir(parents=True, exist_ok=True)
    assembler = _Assembler(html_dir, PRINT_HTML)
    document = assembler.assemble()
    css = PRINT_CSS.read_text(encoding="utf-8")
    write_atomically(PDF_BUILD_DIR / PRINT_CSS.name, css.encode("utf-8"))
    fonts = write_fonts(document + css)
    visible = assembler.BeautifulSoup(document, "html.parser").get_text()
    missing = missing_glyphs(visible, fonts.values())
    if missing:
        raise PdfBuildError("characters that no print font has (add a font, or a substitute "
                            f"in PRINT_SUBSTITUTES): {', '.join(missing)}")
    write_atomically(PRINT_HTML, document.encode("utf-8"))
    assembled = time.monotonic()

    pdf, stats = print_pdf(PRINT_HTML, chromium)
    pdf = with_metadata(pdf)
    printed = time.monotonic()

    write_atomically(PDF_BUILD_PATH, pdf)
    for copy in (PDF_SITE_PATH, PDF_SITE_EXTRA_PATH):
        write_atomically(copy, pdf)
    fill_size(html_dir, size_text(len(pdf)))  # the pages that link the PDF show its size
    from pypdf import PdfReader

    report = {
        "pdf": str(PDF_BUILD_PATH),
        "published": [str(PDF_SITE_PATH), str(PDF_SITE_EXTRA_PATH)],
        "bytes": len(pdf),
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "chapters": [{"docname": c.docname, "number": c.number, "title": c.pdf_title,
                      "page": stats["toc"].get(c.anchor)} for c in assembler.chapters],
        "print_passes": stats["passes"],
        "seconds": {"assemble_and_fonts": round(assembled - started, 1),
                    "print": round(printed - assembled, 1),
                    "total": round(time.monotonic() - started, 1)},
    }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-without-chromium", action="store_true",
                        help="exit 0 with a message (instead of 1) where Chromium is missing")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"PDF edition skipped: no Chromium at {CHROMIUM} (install Debian's chromium, "
              "as .ci/run does, or set PLANBOOK_CHROMIUM)", file=sys.stderr)
        return 0 if args.skip_without_chromium else 1
    try:
        report = build()
    except PdfBuildError as error:
        print(f"PDF edition failed: {error}", file=sys.stderr)
        return 1
    import json

    write_atomically(PDF_BUILD_DIR / "report.json",
                     json.dumps(report, ensure_ascii=False, indent=1).encode("utf-8"))
    print(f"PDF edition: {os.path.relpath(PDF_BUILD_PATH)} — {report['pages']} pages, "
          f"{size_text(report['bytes'])}, {report['print_passes']} print passes, "
          f"{report['seconds']['total']} s; published at {os.path.relpath(PDF_SITE_PATH)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
