"""What each page of the built site weighs as a reader's browser receives it: the
HTML with every image, script and stylesheet it loads from the site, raw and as a
web server sends it gzip-compressed (level 6, the common default). A file shared by
pages (the chart library, the theme's scripts) counts for every page that loads it:
a reader who opens one page downloads all of it.

``python -m planbook.checks.pageweight [site]`` prints the heaviest pages;
``scripts/bench.py`` reports the heaviest; ``tests/test_page_weight.py`` holds every
page under the limit.
"""

from __future__ import annotations

import gzip
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LIMIT_BYTES = 1.5 * 1024 * 1024   # per page, gzip-compressed, with everything it loads
_ASSET = re.compile(r'<(?:img|script)\b[^>]*\bsrc="([^"]+)"|<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"')


@dataclass(frozen=True)
class PageWeight:
    page: str
    raw: int
    gzip: int
    assets: int


@lru_cache(maxsize=None)
def _sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6, mtime=0))


def page_assets(page: Path, html: Path) -> list[Path]:
    """The site's files that ``page`` loads: images, scripts, stylesheets (not links
    a reader may follow, nor anything off the site)."""
    text = page.read_text(encoding="utf-8", errors="replace")
    found = []
    for match in _ASSET.finditer(text):
        src = (match.group(1) or match.group(2)).split("?")[0].split("#")[0]
        if not src or src.startswith(("http:", "https:", "data:", "//")):
            continue
        path = (page.parent / src).resolve()
        if path.is_file() and html.resolve() in path.parents and path not in found:
            found.append(path)
    return found


def page_weights(html: Path) -> list[PageWeight]:
    """Every page of the site, heaviest (compressed) first."""
    weights = []
    for page in sorted(html.rglob("*.html")):
        if "_static" in page.parts:
            continue
        files = [page, *page_assets(page, html)]
        raw = sum(_sizes(f)[0] for f in files)
        packed = sum(_sizes(f)[1] for f in files)
        weights.append(PageWeight(page.relative_to(html).as_posix(), raw, packed, len(files) - 1))
    return sorted(weights, key=lambda w: (-w.gzip, w.page))


def main(argv: list[str]) -> int:
    from planbook.base.paths import HTML_DIR

    html = Path(argv[0]) if argv else HTML_DIR
    weights = page_weights(html)
    mb = 1024 * 1024
    for w in weights[:8]:
        print(f"{w.gzip / mb:6.3f} MB gzip  {w.raw / mb:6.3f} MB raw  {w.assets:3d} files  {w.page}")
    heaviest = weights[0]
    print(f"heaviest page: {heaviest.page} — {heaviest.gzip / mb:.3f} MB compressed "
          f"(limit {LIMIT_BYTES / mb:.1f} MB), {heaviest.raw / mb:.3f} MB raw")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
