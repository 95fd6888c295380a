#!/usr/bin/env python3
"""Two clean builds must give the same figure files and data downloads, byte for byte.

Builds the book a second time, from scratch, into _build/determinism (its own
execution cache, its own figure exports, via PLANBOOK_BUILD_DIR), then compares
the sha256 of every file under figures/ and dataset/ (the interactive charts' specs
included), the generated scripts and styles in _static/ (the chart library, the page
script, the icons), and each page's interactive-figure markup (tabs, inlined spec,
data table) with the main build in _build/html. Prints the differences and exits 1
if there is any.
Run by `make test` after `make book`.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAIN_HTML = REPO / "_build" / "html"
SECOND_ROOT = REPO / "_build" / "determinism"
COMPARED = ("figures", "dataset")
GENERATED_STATIC = ("_static/vega-bundle.js", "_static/interactive-figures.js", "_static/icons.css")
# One figure's views on a page, from its opening tag to the end of its inlined spec
VIEWS = re.compile(r'<div class="pb-figure-views" id="([^"]+)".*?</script></div>', re.S)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digests(html: Path) -> dict[str, str]:
    found = {}
    for folder in COMPARED:
        for path in sorted((html / folder).rglob("*")):
            if path.is_file():
                found[path.relative_to(html).as_posix()] = _sha(path.read_bytes())
    for name in GENERATED_STATIC:
        if (html / name).is_file():
            found[name] = _sha((html / name).read_bytes())
    for page in sorted(html.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for match in VIEWS.finditer(text):
            found[f"{page.relative_to(html).as_posix()}#{match.group(1)}"] = _sha(match.group(0).encode("utf-8"))
    return found


def main() -> int:
    if not (MAIN_HTML / "figures").is_dir():
        print(f"{MAIN_HTML} has no figures: run `make book` first", file=sys.stderr)
        return 2
    first = digests(MAIN_HTML)
    shutil.rmtree(SECOND_ROOT, ignore_errors=True)
    env = dict(os.environ, PLANBOOK_BUILD_DIR=str(SECOND_ROOT / "_build"))
    log = SECOND_ROOT.with_suffix(".log")
    SECOND_ROOT.mkdir(parents=True)
    with log.open("w", encoding="utf-8") as handle:
        result = subprocess.run([sys.executable, "-m", "planbook.sphinx.jb", "build", str(REPO), "--path-output",
                                 str(SECOND_ROOT), "--nitpick", "--warningiserror", "--keep-going"],
                                env=env, stdout=handle, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        print(f"the second build failed; see {log}", file=sys.stderr)
        return 1
    second = digests(SECOND_ROOT / "_build" / "html")
    differ = sorted(k for k in first.keys() & second.keys() if first[k] != second[k])
    only_first = sorted(first.keys() - second.keys())
    only_second = sorted(second.keys() - first.keys())
    for name in differ:
        print(f"DIFFERENT  {name}")
    for name in only_first:
        print(f"ONLY IN MAIN BUILD  {name}")
    for name in only_second:
        print(f"ONLY IN SECOND BUILD  {name}")
    if differ or only_first or only_second:
        print(f"determinism: {len(differ) + len(only_first) + len(only_second)} of "
              f"{len(first)} files differ between two clean builds")
        return 1
    print(f"determinism: {len(first)} files and interactive figures (figures, data downloads, "
          "generated scripts, the figures' markup on the pages) identical across two clean builds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
