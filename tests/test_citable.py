"""Citable figures and data: stable files, gallery citations, data downloads,
CITATION.cff, release snapshots."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from planbook.publish.citation import load_book
from planbook.data.load import load
from planbook.base.paths import REPO_ROOT
from planbook.analysis.series import preferred_series
from planbook.sphinx.ext import DATA_ZIP, SITE_DATA_DIR, data_files, data_zip_bytes

FIG_EXTS = ("png", "svg", "pdf", "csv", "en.png", "en.svg", "en.pdf")


def chapter_figures(html_dir: Path) -> dict[str, str]:
    """label -> page (relative path) for every figure on every chapter page."""
    found = {}
    for page in sorted((html_dir / "book").glob("*.html")):
        if page.stem == "gallery":
            continue
        for label in re.findall(r'<figure[^>]*id="(fig-[a-z0-9-]+)"', page.read_text(encoding="utf-8")):
            found[label] = f"book/{page.stem}"
    return found


@pytest.fixture(scope="module")
def figures(html_dir):
    found = chapter_figures(html_dir)
    assert len(found) >= 9, found
    return found


def test_every_figure_has_all_its_files(html_dir, figures):
    for label in figures:
        for ext in FIG_EXTS:
            path = html_dir / "figures" / f"{label}.{ext}"
            assert path.is_file() and path.stat().st_size > 0, path


def test_png_is_high_resolution_and_vectors_carry_no_fonts_to_miss(html_dir, figures):
    for label in figures:
        png = (html_dir / "figures" / f"{label}.png").read_bytes()
        width = int.from_bytes(png[16:20], "big")
        assert width >= 1000, (label, width)
        svg = (html_dir / "figures" / f"{label}.svg").read_text(encoding="utf-8")
        assert "<text" not in svg, f"{label}.svg has live text: glyphs must be paths"
        pdf = (html_dir / "figures" / f"{label}.pdf").read_bytes()
        fonts = re.findall(rb"/Subtype\s*/(\w+)", pdf)
        font_types = {f for f in fonts if f in (b"Type1", b"TrueType", b"Type0", b"Type3")}
        assert font_types == {b"Type3"}, (label, font_types)  # glyphs drawn inside the PDF


def test_every_figure_csv_names_its_unit_and_sources(html_dir, figures):
    source_ids = set(load("sources")["source_id"])
    for label in figures:
        with (html_dir / "figures" / f"{label}.csv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert rows, label
        assert "unit" in rows[0] or "单位" in rows[0], label
        column = "source_id" if "source_id" in rows[0] else "source_ids"
        assert column in rows[0], label
        named = {s for r in rows for s in r[column].split(";") if s}
        assert named and named <= source_ids, (label, named - source_ids)


def read_csv(html_dir, label):
    return pd.read_csv(html_dir / "figures" / f"{label}.csv")


def test_cluster_targets_csv_is_what_the_plan_says(html_dir):
    plotted = read_csv(html_dir, "fig-xz-cluster-targets-2025")
    targets = load("targets").set_index("target_id")
    assert len(plotted) == int((load("clusters")["plan_year"] == 2022).sum())
    for _, row in plotted.iterrows():
        assert row["value"] == targets.loc[row["target_id"], "value"]


def test_gdp_csv_rederives_from_the_outcomes(html_dir):
    plotted = read_csv(html_dir, "fig-compare-gdp")
    again = preferred_series(load("outcomes"), load("sources"), "gdp", "亿元", ["xuzhou", "suzhou"])
    assert list(plotted["outcome_id"]) == list(again["outcome_id"])
    assert plotted["value"].round(6).tolist() == again["value"].round(6).tolist()


def test_coverage_csv_rederives_from_the_assessment(html_dir):
    plotted = read_csv(html_dir, "fig-data-coverage")
    from planbook.analysis.scorecard import document_scorecards, status_counts_long

    sources = load("sources")
    again = status_counts_long(document_scorecards(sources), sources)
    assert plotted["count"].tolist() == again["count"].tolist()
    assert plotted["status"].tolist() == again["status"].tolist()


def test_downloads_line_under_every_figure(html_dir, figures):
    for label, page in figures.items():
        text = (html_dir / f"{page}.html").read_text(encoding="utf-8")
        line = re.search(r'<p class="pb-figure-downloads">(.*?)</p>',
                         text[text.index(f'id="{label}"'):], re.S).group(1)
        for ext in ("png", "svg", "pdf", "csv"):
            assert f"../figures/{label}.{ext}" in line, (label, ext)
        assert f"gallery.html#cite-{label}" in line


def test_gallery_lists_every_figure_with_citations_holding_its_stable_url(html_dir, figures):
    gallery = (html_dir / "book" / "gallery.html").read_text(encoding="utf-8")
    book = load_book()
    for label, page in figures.items():
        start = gallery.index(f'id="cite-{label}"')
        item = gallery[start: gallery.index("</section>", start)]
        url = book.page_url(page, label)
        for kind in ("gbt", "bibtex", "apa"):
            block = re.search(rf'<pre class="pb-cite-{kind}">(.*?)</pre>', item, re.S).group(1)
            assert url in block, (label, kind)
        assert "[EB/OL]" in item and book.version in item
        for ext in FIG_EXTS:
            assert f"../figures/{label}.{ext}" in item, (label, ext)
        assert re.search(r"<h3>图\d+", item), label


def test_gallery_citations_name_the_original_sources(html_dir):
    gallery = (html_dir / "book" / "gallery.html").read_text(encoding="utf-8")
    start = gallery.index('id="cite-fig-xz-cluster-targets-2025"')
    item = gallery[start: gallery.index("</section>", start)]
    assert "原始数据来源" in item and "徐州市创新产业集群培育提升工作方案" in item


def test_data_set_is_downloadable_at_stable_paths(html_dir):
    site = html_dir / SITE_DATA_DIR
    package = json.loads((REPO_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert (site / resource["path"]).read_bytes() == \
            (REPO_ROOT / "data" / resource["path"]).read_bytes()
    assert (site / "datapackage.json").is_file()
    with zipfile.ZipFile(site / DATA_ZIP) as archive:
        names = set(archive.namelist())
    assert {f"data/{p.relative_to(REPO_ROOT / 'data').as_posix()}" for p in data_files()} == names
    assert data_zip_bytes() == data_zip_bytes() == (site / DATA_ZIP).read_bytes()
    page = (html_dir / "book" / "data.html").read_text(encoding="utf-8")
    assert f"../{SITE_DATA_DIR}/{DATA_ZIP}" in page and f"../{SITE_DATA_DIR}/targets.csv" in page


def cffconvert(path: Path) -> int:
    exe = Path(sys.executable).parent / "cffconvert"
    return subprocess.run([str(exe), "--validate", "-i", str(path)],
                          capture_output=True).returncode


def test_citation_cff_validates_and_the_validator_bites(tmp_path):
    assert cffconvert(REPO_ROOT / "CITATION.cff") == 0
    broken = tmp_path / "CITATION.cff"
    text = (REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8")
    broken.write_text(text.replace("cff-version: 1.2.0", "cff-version: 1.2.0\ndate-released: soon"),
                      encoding="utf-8")
    assert cffconvert(broken) != 0


def test_version_is_shown_and_kept_in_one_place(html_dir):
    book = load_book()
    intro = (html_dir / "book" / "intro.html").read_text(encoding="utf-8")
    assert f"版本 {book.version}" in intro
    cite = (html_dir / "book" / "cite.html").read_text(encoding="utf-8")
    assert book.version in cite and book.url in cite and "[EB/OL]" in cite and "@misc" in cite
    # the version is typed nowhere else in the book's sources
    for path in list((REPO_ROOT / "book").glob("*.md")) + [REPO_ROOT / "_config.yml"]:
        assert book.version not in path.read_text(encoding="utf-8"), path


def test_references_bib_is_generated_from_the_sources():
    result = subprocess.run([sys.executable, "-m", "planbook.publish.bib", "--check"], cwd=REPO_ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    bib = (REPO_ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    for source_id in load("sources")["source_id"]:
        assert f"@misc{{{source_id}," in bib


def test_release_snapshot(tmp_path):
    subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "dist.py"), str(tmp_path)],
                   check=True, capture_output=True)
    version = load_book().version
    archive = tmp_path / f"xuzhou-suzhou-plans-{version}.tar.gz"
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    assert (tmp_path / f"{archive.name}.sha256").read_text().split()[0] == digest
    manifest = json.loads((tmp_path / f"xuzhou-suzhou-plans-{version}.manifest.json").read_text())
    assert manifest["version"] == version and manifest["archive_sha256"] == digest
    assert re.fullmatch(r"[0-9a-f]{40}|unknown", manifest["commit"])
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.isfile()]
    assert len(members) == manifest["file_count"] == len(manifest["files"])
    assert any(m.name.endswith("/index.html") for m in members)


def test_a_retired_data_file_is_removed_from_the_site(tmp_path):
    """Sphinx copies the extra files over the old site and never deletes; a data file
    removed from the package must not stay published until `make clean`."""
    from planbook.sphinx.ext import remove_retired_files

    extra, site = tmp_path / "extra", tmp_path / "html"
    for root in (extra, site):
        (root / SITE_DATA_DIR / "sources").mkdir(parents=True)
        (root / SITE_DATA_DIR / "outcomes.csv").write_text("id\n")
    (site / SITE_DATA_DIR / "sources" / "retired.txt").write_text("old\n")
    removed = remove_retired_files(site, labels=set(), extra_dir=extra)
    assert [p.name for p in removed] == ["retired.txt"]
    assert (site / SITE_DATA_DIR / "outcomes.csv").is_file()
    assert not (site / SITE_DATA_DIR / "sources" / "retired.txt").exists()
