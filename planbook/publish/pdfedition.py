"""Where the PDF edition of the book is published, for pages that link to it.

``make pdf`` (:mod:`planbook.publish.pdfbuild`) prints the whole book to one PDF and
publishes it at a stable address on the site, ``pdf/<PDF_NAME>``. Importing
this module has no side effects (no browser, no font work, no file written), so
a page or the Sphinx extension can link to the PDF with::

    from planbook.publish.pdfedition import PDF_URL_PATH, pdf_size_text
    f"[PDF版（{pdf_size_text()}）]({rel}{PDF_URL_PATH})"

The PDF is printed from the built site, so it is made *after* the HTML build.
Pages link to it with the ``pdf-edition`` directive (planbook.sphinx.ext), which
writes the size in a ``<span class="pb-pdf-size">``; once the PDF is written,
:func:`fill_size` puts the new size into every page that shows it. Where
Chromium is missing no PDF is made, and the directive says so instead of linking
to a file that will not exist.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from planbook.base.files import write_atomically
from planbook.base.paths import BUILD_DIR, HTML_DIR, SITE_EXTRA_DIR

# The browser that prints the PDF (Debian's chromium; .ci/run installs it).
CHROMIUM = os.environ.get("PLANBOOK_CHROMIUM", "/usr/bin/chromium")

# Stable, ASCII: the address readers and citations keep.
PDF_NAME = "xuzhou-suzhou-plans.pdf"
# Relative to the site root (no leading slash), e.g. f"{rel}{PDF_URL_PATH}".
PDF_URL_PATH = f"pdf/{PDF_NAME}"
# Where `make pdf` writes it first (with the print HTML and fonts beside it).
PDF_BUILD_DIR = BUILD_DIR / "pdf"
PDF_BUILD_PATH = PDF_BUILD_DIR / PDF_NAME
# The published copies: in the built site, and under site-extra so that every
# later site build copies it to the site root again.
PDF_SITE_PATH = HTML_DIR / PDF_URL_PATH
PDF_SITE_EXTRA_PATH = SITE_EXTRA_DIR / PDF_URL_PATH

NOT_YET_BUILT = "尚未生成"


def pdf_path() -> Path | None:
    """The published PDF, or None if `make pdf` has not run yet."""
    for path in (PDF_SITE_PATH, PDF_SITE_EXTRA_PATH, PDF_BUILD_PATH):
        if path.is_file():
            return path
    return None


def size_text(n_bytes: int) -> str:
    """A file size as readers expect it: "850 KB", "2.3 MB" (decimal units)."""
    if n_bytes < 1_000_000:
        return f"{max(1, round(n_bytes / 1000))} KB"
    return f"{n_bytes / 1_000_000:.1f} MB"


def pdf_size_text() -> str:
    """The PDF's size ("2.3 MB"), or "尚未生成" if it has not been built."""
    path = pdf_path()
    return size_text(path.stat().st_size) if path else NOT_YET_BUILT


def can_build() -> bool:
    """Whether this machine can print the PDF edition (it has Chromium)."""
    return Path(CHROMIUM).exists()


SIZE_CLASS = "pb-pdf-size"
_SIZE_SPAN = re.compile(rf'(<span class="{SIZE_CLASS}">)[^<]*(</span>)')


def fill_size(html_dir: Path = HTML_DIR, size: str | None = None) -> list[Path]:
    """Write the PDF's size into every built page that shows it; returns those pages."""
    size = size or pdf_size_text()
    changed = []
    for page in sorted(html_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if SIZE_CLASS not in text:
            continue
        new = _SIZE_SPAN.sub(lambda m: m.group(1) + size + m.group(2), text)
        if new != text:
            # Keep the page's time stamp: the size is written after the PDF is
            # printed, and a newer page would make the PDF look older than the site.
            stamp = page.stat()
            write_atomically(page, new.encode("utf-8"))
            os.utime(page, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
            changed.append(page)
    return changed
