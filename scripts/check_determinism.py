#!/usr/bin/env python3
"""Two clean builds must give the same figure files and data downloads, byte for byte.

Builds the book a second time, from scratch, into _build/determinism (its own
execution cache, its own figure exports, via PLANBOOK_BUILD_DIR), then compares
the sha256 of every file under figures/ and dataset/ with the main build in
_build/html. Prints the differences and exits 1 if there is any.
Run by `make test` after `make book`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAIN_HTML = REPO / "_build" / "html"
SECOND_ROOT = REPO / "_build" / "determinism"
COMPARED = ("figures", "dataset")


def digests(html: Path) -> dict[str, str]:
    found = {}
    for folder in COMPARED:
        for path in sorted((html / folder).rglob("*")):
            if path.is_file():
                found[path.relative_to(html).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
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
    print(f"determinism: {len(first)} files (figures and data downloads) identical "
          "across two clean builds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
