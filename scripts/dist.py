#!/usr/bin/env python3
"""Release snapshot of the built site, so a citation can point to an exact edition.

Writes to dist/ (or the folder given as the first argument):
  xuzhou-suzhou-plans-<version>.tar.gz         the whole of _build/html
  xuzhou-suzhou-plans-<version>.tar.gz.sha256  its checksum (sha256sum format)
  xuzhou-suzhou-plans-<version>.manifest.json  version, commit, build date, file count,
                                                and the sha256 of every file in the site
The archive lists files in sorted order with fixed owners and times, so the same
site gives the same archive bytes. Every file is written under a temporary name
and moved into place.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from planbook.publish.citation import load_book  # noqa: E402
from planbook.base.files import write_atomically as write  # noqa: E402

HTML = REPO / "_build" / "html"


def site_files(html: Path) -> list[Path]:
    return sorted(p for p in html.rglob("*") if p.is_file())


def tarball(html: Path, prefix: str) -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in site_files(html):
            info = tarfile.TarInfo(f"{prefix}/{path.relative_to(html).as_posix()}")
            data = path.read_bytes()
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(data))
    packed = io.BytesIO()
    with gzip.GzipFile(fileobj=packed, mode="wb", mtime=0, filename="") as gz:
        gz.write(raw.getvalue())
    return packed.getvalue()


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(out_dir: Path) -> int:
    if not (HTML / "index.html").is_file():
        print(f"{HTML} is not built: run `make book` first", file=sys.stderr)
        return 2
    book = load_book()
    name = f"xuzhou-suzhou-plans-{book.version}"
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = tarball(HTML, name)
    digest = hashlib.sha256(archive).hexdigest()
    files = site_files(HTML)
    manifest = {
        "title": book.title,
        "version": book.version,
        "released": book.released,
        "commit": commit(),
        # the time the newest file of the site was written
        "built": dt.datetime.fromtimestamp(max(p.stat().st_mtime for p in site_files(HTML)),
                                           dt.timezone.utc).isoformat(timespec="seconds"),
        "file_count": len(files),
        "archive": f"{name}.tar.gz",
        "archive_sha256": digest,
        "files": {p.relative_to(HTML).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                  for p in files},
    }
    write(out_dir / f"{name}.tar.gz", archive)
    write(out_dir / f"{name}.tar.gz.sha256", f"{digest}  {name}.tar.gz\n".encode())
    write(out_dir / f"{name}.manifest.json",
          (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    print(f"{out_dir / (name + '.tar.gz')}: {len(files)} files, sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "dist"))
