"""Citations of the book and of each figure, built from CITATION.cff.

CITATION.cff is the one place for title, authors, version, release date and
address; the footer, the "how to cite" page and the gallery all read it here.
Figure citations credit the book and name the original data producers, as Our
World in Data does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from planbook.base.paths import REPO_ROOT
from planbook.findings.record import Record

CFF_PATH = REPO_ROOT / "CITATION.cff"


@dataclass(frozen=True)
class Book:
    title: str
    authors: tuple[str, ...]
    version: str
    released: str        # YYYY-MM-DD
    url: str             # ends with "/"

    @property
    def year(self) -> str:
        return self.released[:4]

    def page_url(self, docname: str, anchor: str | None = None) -> str:
        return f"{self.url}{docname}.html" + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=None)
def load_book(path: Path = CFF_PATH) -> Book:
    cff = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    authors = tuple(a.get("name") or " ".join(x for x in (a.get("given-names"),
                                                           a.get("family-names")) if x)
                    for a in cff["authors"])
    url = str(cff["url"])
    return Book(title=cff["title"], authors=authors, version=str(cff["version"]),
                released=str(cff["date-released"]), url=url if url.endswith("/") else url + "/")


@dataclass(frozen=True)
class Edition(Record):
    """What the cite page states about this edition."""
    version: str
    released: str


def edition(book: Book | None = None) -> Edition:
    book = book or load_book()
    return Edition(version=book.version, released=book.released)


def _bib_escape(text: str) -> str:
    return text.replace("{", "(").replace("}", ")").replace("%", r"\%").replace("&", r"\&")


# ---------------------------------------------------------------- the book

def book_gbt7714(book: Book, accessed: str = "引用日期") -> str:
    return (f"{'，'.join(book.authors)}. {book.title}[EB/OL]. 版本 {book.version}. "
            f"({book.released})[{accessed}]. {book.url}.")


def book_apa(book: Book) -> str:
    return (f"{', '.join(book.authors)}. ({book.year}). {book.title} (Version {book.version}) "
            f"[Data set and online book]. {book.url}")


def book_bibtex(book: Book, key: str = "xuzhou_suzhou_plans") -> str:
    return "\n".join([
        f"@misc{{{key},",
        f"  author = {{{{{_bib_escape(' and '.join(book.authors))}}}}},",
        f"  title = {{{_bib_escape(book.title)}}},",
        f"  year = {{{book.year}}},",
        f"  version = {{{book.version}}},",
        f"  url = {{{book.url}}},",
        f"  note = {{发布于 {book.released}}},",
        "}",
    ])


# ---------------------------------------------------------------- one figure

@dataclass(frozen=True)
class FigureRef:
    label: str           # fig-…
    title: str           # the caption's first sentence
    docname: str         # e.g. book/xz-2022-clusters
    number: str | None   # "7" as Sphinx numbered it (may change between editions)
    sources: tuple[str, ...]   # titles of the original data sources


def figure_url(book: Book, fig: FigureRef) -> str:
    return book.page_url(fig.docname, fig.label)


def figure_gbt7714(book: Book, fig: FigureRef, accessed: str = "引用日期") -> str:
    source_note = f" 原始数据来源：{'；'.join(fig.sources)}。" if fig.sources else ""
    return (f"{'，'.join(book.authors)}. {fig.title}[EB/OL]//{book.title}. 版本 {book.version}. "
            f"({book.released})[{accessed}]. {figure_url(book, fig)}.{source_note}")


def figure_apa(book: Book, fig: FigureRef) -> str:
    source_note = f" Data: {'; '.join(fig.sources)}." if fig.sources else ""
    return (f"{', '.join(book.authors)}. ({book.year}). {fig.title} [Figure]. In {book.title} "
            f"(Version {book.version}). {figure_url(book, fig)}{source_note}")


def figure_bibtex(book: Book, fig: FigureRef) -> str:
    key = fig.label.replace("-", "_")
    note = f"原始数据来源：{'；'.join(fig.sources)}" if fig.sources else ""
    return "\n".join([
        f"@misc{{{key},",
        f"  author = {{{{{_bib_escape(' and '.join(book.authors))}}}}},",
        f"  title = {{{_bib_escape(fig.title)}}},",
        f"  howpublished = {{{_bib_escape(book.title)}, 版本 {book.version}}},",
        f"  year = {{{book.year}}},",
        f"  url = {{{figure_url(book, fig)}}},",
        f"  note = {{{_bib_escape(note)}}},",
        "}",
    ])
