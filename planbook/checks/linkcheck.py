"""Offline check of a built site: every internal link and anchor resolves.

External links (http, https, mailto) are not fetched: this machine has no
internet; `make linkcheck` runs Sphinx's own linkcheck for them, non-blocking.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") == "preconnect"):
                self.links.append(attrs[key])


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return collector


def broken_links(html_dir: Path) -> list[str]:
    """'page: link (why)' for every internal link or anchor that does not resolve."""
    pages = sorted(p for p in html_dir.rglob("*.html") if "_static" not in p.parts)
    parsed = {p: _parse(p) for p in pages}
    problems = []
    for page, info in parsed.items():
        for link in info.links:
            scheme = urlparse(link).scheme
            if scheme in ("http", "https", "mailto", "data", "javascript") or link.startswith("//"):
                continue
            target_url, fragment = urldefrag(link)
            target_path = urlparse(target_url).path  # drop ?digest=… cache busters
            target = page if not target_path else (page.parent / unquote(target_path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            rel = page.relative_to(html_dir).as_posix()
            if not target.exists():
                problems.append(f"{rel}: {link} (no such file)")
                continue
            if fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if fragment not in ids and not re.fullmatch(r"top|", fragment):
                    problems.append(f"{rel}: {link} (no anchor #{fragment})")
    return problems
