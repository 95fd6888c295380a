"""What a reader sees on a built page, checked as an editor would read it: no sentence
from a template (“0条”, “1条，均为”), no machine id (a target, source or indicator id) in
prose or a table, and one spacing rule between numbers (or Latin words) and Chinese."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

# What an editor would strike in generated text.
TEMPLATE_ARTEFACTS = {
    "a zero with a measure word": re.compile(r"(?<![\d.,])0(?:条|个|处|项|次|家)"),
    "“均” of a single item": re.compile(r"(?<![\d.])1(?:条|个|处|项)[^；。]{0,4}均"),
    "an empty clause": re.compile(r"[，；]{2}|（）|：。"),
    "a missing value": re.compile(r"(?<![A-Za-z])(?:nan|None|NaN)(?![A-Za-z])"),
    "float noise": re.compile(r"\d\.\d{5,}"),
}
_CJK = "\u4e00-\u9fff"
SPACED = re.compile(rf"[0-9A-Za-z%][ ]+[{_CJK}]|[{_CJK}][ ]+[0-9A-Za-z]")
# a numbered caption begins “图3 ” / “表3 ” (Sphinx's number, then the caption)
CAPTION_NUMBER = re.compile(r"^(?:图|表)\d+ ")
# words quoted from a source keep their own spacing (“到 2020 年末,全市abc相关”)
QUOTED = re.compile(r"“[^”]*”|「[^」]*」")


def spacing_problem(text: str):
    """The first space between a number (or Latin word) and Chinese outside quotations."""
    return SPACED.search(QUOTED.sub("“”", CAPTION_NUMBER.sub("", text)))


_VOID = {"br", "img", "meta", "link", "input", "hr", "source", "wbr", "col", "area", "base"}
_BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "dd", "dt", "caption"}


class _Reader(HTMLParser):
    """Text of the page's article: prose blocks and table cells, without code, scripts,
    hidden code cells, the figure tabs' machinery or link targets."""

    SKIP_TAGS = {"script", "style", "pre", "svg", "button", "template"}
    # the figure's data view shows its CSV as it is (ids included), like the download
    SKIP_CLASSES = {"cell_input", "pb-view-table", "pb-tabs"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []     # (tag, opened a block)
        self.skip_at: int | None = None              # depth where a skipped element began
        self.blocks: list[tuple[str, str]] = []
        self.current: list[str] | None = None
        self.kind = ""

    def _inside(self, tag: str) -> bool:
        return any(t == tag for t, _ in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        opened = False
        if self.skip_at is None and (tag in self.SKIP_TAGS or classes & self.SKIP_CLASSES):
            self.skip_at = len(self.stack)
        elif tag in _BLOCKS and self.current is None and self._inside("article"):
            self.current, self.kind, opened = [], ("table" if self._inside("table") else "prose"), True
        self.stack.append((tag, opened))

    def handle_endtag(self, tag):
        if not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            t, opened = self.stack.pop()
            if self.skip_at is not None and len(self.stack) <= self.skip_at:
                self.skip_at = None
            if opened and self.current is not None:
                text = "".join(self.current).strip()
                if text:
                    self.blocks.append((self.kind, text))
                self.current = None
            if t == tag:
                break

    def handle_data(self, data):
        if self.skip_at is None and self.current is not None:
            self.current.append(data)


def page_blocks(html: str) -> list[tuple[str, str]]:
    """(kind, text) of each prose block and table cell of a built page's article."""
    reader = _Reader()
    reader.feed(html)
    return reader.blocks


def artefacts(text: str) -> list[str]:
    return [name for name, pattern in TEMPLATE_ARTEFACTS.items() if pattern.search(text)]


def machine_ids(text: str, ids: Iterable[str]) -> list[str]:
    """The ids (of targets, sources, indicators) that ``text`` shows as words."""
    return [i for i in ids if re.search(rf"(?<![\w/.-]){re.escape(i)}(?![\w/.-])", text)]
