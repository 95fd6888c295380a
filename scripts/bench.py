#!/usr/bin/env python3
"""Build benchmark: this book against the sample book `jupyter-book create` makes,
built with the same environment on the same machine, in the same run.

For each book: clean build time, cached rebuild with no change, rebuild after
touching one page, executed pages, site size and the heaviest page with its
images, scripts and styles, raw and gzip-compressed as a web server sends it
(planbook/checks/pageweight.py). Reports ratios per executed page against the
sample book, and checks the targets (clean build per executed page within 1.5x the
sample; cached rebuild under 15 % of the clean build; no page over 1.5 MB
compressed with everything it loads; site under 25 MB). Shows the previous run's
figures beside this run's. Writes bench/results.json and bench/RESULTS.md.
A measurement script, not a test: it reports figures and never fails a build.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from planbook.checks.pageweight import LIMIT_BYTES, page_weights  # noqa: E402

WORK = REPO / "_build" / "bench"
OUT = REPO / "bench"
# The same command `make book` uses (jupyter-book's CLI with parallel jobs), for
# both books, so the comparison is like for like.
JB = [sys.executable, "-m", "planbook.sphinx.jb"]
MB = 1024 * 1024


def build(source: Path, output: Path, env: dict) -> float:
    start = time.perf_counter()
    log = output.with_suffix(".log")
    with log.open("a", encoding="utf-8") as handle:
        subprocess.run([*JB, "build", str(source), "--path-output", str(output)],
                       env=env, check=True, stdout=handle, stderr=subprocess.STDOUT)
    return time.perf_counter() - start


def executed_pages(output: Path) -> int:
    return len(list((output / "_build" / "jupyter_execute").rglob("*.ipynb")))


def site_size(html: Path) -> int:
    return sum(p.stat().st_size for p in html.rglob("*") if p.is_file())


def measure(name: str, source: Path, touch: Path, env: dict) -> dict:
    output = WORK / name
    shutil.rmtree(output, ignore_errors=True)
    output.mkdir(parents=True)
    clean = build(source, output, env)
    cached = build(source, output, env)
    touch.touch()
    touched = build(source, output, env)
    html = output / "_build" / "html"
    heaviest = page_weights(html)[0]  # with everything it loads, compressed as served
    pages = executed_pages(output)
    return {"clean_build_s": round(clean, 2), "cached_rebuild_s": round(cached, 2),
            "touched_rebuild_s": round(touched, 2), "touched_page": touch.name,
            "executed_pages": pages,
            "clean_per_executed_page_s": round(clean / max(pages, 1), 2),
            "site_mb": round(site_size(html) / MB, 2),
            "heaviest_page": heaviest.page, "heaviest_page_mb": round(heaviest.raw / MB, 3),
            "heaviest_page_gzip_mb": round(heaviest.gzip / MB, 3)}


def main() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    sample_src = WORK / "sample-source"
    shutil.rmtree(sample_src, ignore_errors=True)
    subprocess.run([*JB, "create", str(sample_src)], check=True, capture_output=True)
    env = dict(os.environ)
    book_env = dict(env, PLANBOOK_BUILD_DIR=str(WORK / "book" / "_build"))
    sample = measure("sample", sample_src, sample_src / "markdown-notebooks.md", env)
    book = measure("book", REPO, REPO / "book" / "xz-2022-clusters.md", book_env)
    ratio = book["clean_per_executed_page_s"] / sample["clean_per_executed_page_s"]
    checks = {
        "clean build per executed page within 1.5x the sample book": ratio <= 1.5,
        "cached rebuild under 15% of the clean build":
            book["cached_rebuild_s"] < 0.15 * book["clean_build_s"],
        "no page heavier than 1.5 MB compressed, with its images, scripts and styles":
            book["heaviest_page_gzip_mb"] * MB <= LIMIT_BYTES,
        "whole site under 25 MB": book["site_mb"] < 25,
    }
    results = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(),
                    "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1)},
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "book": book, "sample_book": sample,
        "ratios": {"clean_per_executed_page_vs_sample": round(ratio, 2),
                   "cached_vs_clean": round(book["cached_rebuild_s"] / book["clean_build_s"], 3),
                   "touched_vs_clean": round(book["touched_rebuild_s"] / book["clean_build_s"], 3)},
        "targets_met": checks,
    }
    OUT.mkdir(exist_ok=True)
    previous = {}
    if (OUT / "results.json").is_file():  # the last run's figures, shown beside this run's
        previous = json.loads((OUT / "results.json").read_text(encoding="utf-8"))
    results["previous_run"] = {"measured": previous.get("measured"), "book": previous.get("book", {})}
    (OUT / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n",
                                      encoding="utf-8")
    rows = [("clean build (s)", "clean_build_s"), ("cached rebuild, no change (s)", "cached_rebuild_s"),
            ("rebuild after touching one page (s)", "touched_rebuild_s"),
            ("executed pages", "executed_pages"), ("clean build per executed page (s)", "clean_per_executed_page_s"),
            ("site size (MB)", "site_mb"),
            ("heaviest page with what it loads, raw (MB)", "heaviest_page_mb"),
            ("heaviest page with what it loads, gzip (MB)", "heaviest_page_gzip_mb"),
            ("heaviest page", "heaviest_page")]
    m = results["machine"]
    lines = ["# Build benchmark", "",
             f"Measured {results['measured']} on {m['cpus']} CPUs, {m['memory_gb']} GB, "
             f"Python {m['python']}, {m['platform']} (`make bench`).", "",
             "| measure | this book | this book, previous run | sample book |", "|---|---|---|---|"]
    before = results["previous_run"]["book"]
    lines += [f"| {label} | {book[key]} | {before.get(key, '—')} | {sample[key]} |" for label, key in rows]
    if results["previous_run"]["measured"]:
        lines += ["", f"Previous run: {results['previous_run']['measured']}."]
    lines += ["", "| ratio | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in results["ratios"].items()]
    lines += ["", "| target | met |", "|---|---|"]
    lines += [f"| {k} | {'yes' if v else 'NO'} |" for k, v in checks.items()]
    (OUT / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
