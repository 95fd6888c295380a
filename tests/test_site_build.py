"""The built site: strict build, Chinese search, Chinese numbering, no boxes."""

from __future__ import annotations

import json
import re

import yaml

from planbook.checks.build import missing_glyph_lines, sphinx_problem_lines
from planbook.base.paths import REPO_ROOT


def toc_pages() -> list[str]:
    toc = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [chapter["file"] for chapter in part["chapters"]]
    return pages


def test_build_log_reports_success_and_no_warnings(build_log):
    assert "build succeeded" in build_log
    assert "build finished with problems" not in build_log
    assert sphinx_problem_lines(build_log) == []


def test_every_toc_page_is_built(html_dir):
    for page in toc_pages():
        assert (html_dir / f"{page}.html").is_file(), page


def test_only_toc_pages_are_in_the_site(html_dir):
    built = {p.relative_to(html_dir).with_suffix("").as_posix()
             for p in html_dir.rglob("*.html") if "_static" not in p.parts}
    pages = set(toc_pages())
    # Sphinx's own pages and the root redirect are allowed besides the chapters.
    extra = built - pages - {"index", "search", "genindex"}
    assert extra == set(), f"pages outside _toc.yml were built: {sorted(extra)}"
    for excluded in ("README", "data", "tests", ".venv"):
        assert not (html_dir / excluded).exists()
        assert not (html_dir / f"{excluded}.html").exists()


def test_search_index_holds_chinese_words(search_index):
    terms = set(search_index["terms"]) | set(search_index["titleterms"])
    for word in ("工程机械", "苏州", "徐州", "集群"):
        assert word in terms, f"{word!r} is not a search term"
    # jieba segments words; without it Sphinx indexes no Chinese word at all.
    chinese = [t for t in terms if re.search(r"[\u4e00-\u9fff]{2,}", t)]
    assert len(chinese) > 50


def test_theme_and_numbering_speak_chinese(html_dir):
    chapter = (html_dir / "book" / "xz-2022-clusters.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in chapter or '<html lang="zh_CN"' in chapter
    assert "搜索" in chapter  # the theme's search button
    assert re.search(r"图\d+", chapter), "figures are numbered 图N"
    assert "Fig. 1" not in chapter


def test_no_missing_glyphs_in_build_log(build_log):
    assert missing_glyph_lines(build_log) == []


def test_no_missing_glyphs_or_stderr_in_executed_notebooks(executed_notebooks):
    for path in executed_notebooks:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            for output in cell.get("outputs", []):
                text = json.dumps(output, ensure_ascii=False)
                assert missing_glyph_lines(text.replace("\\n", "\n")) == [], path
                assert output.get("name") != "stderr", f"{path}: stderr output {text[:200]}"


def test_executed_figures_exported_with_stable_names(html_dir):
    chapter = (html_dir / "book" / "xz-2022-clusters.html").read_text(encoding="utf-8")
    labels = set(re.findall(r'id="(fig-[a-z0-9-]+)"', chapter))
    assert labels, "the chart page has labelled figures"
    for label in labels:
        for ext in ("png", "svg", "pdf", "csv"):
            assert (html_dir / "figures" / f"{label}.{ext}").is_file(), f"{label}.{ext}"


def test_no_stray_space_between_chinese_characters_in_any_page(html_dir):
    """A source line break inside Chinese prose must not reach the reader as a space."""
    from planbook.sphinx.cjk import stray_spaces

    found = {page: stray_spaces((html_dir / f"{page}.html").read_text(encoding="utf-8"))
             for page in toc_pages()}
    assert {page: spaces for page, spaces in found.items() if spaces} == {}


def test_every_page_names_an_icon_that_exists(html_dir):
    """No 404 for the favicon on any page (a console error in every browser)."""
    for page in toc_pages():
        path = html_dir / f"{page}.html"
        hrefs = re.findall(r'<link rel="(?:shortcut )?icon" href="([^"]+)"', path.read_text(encoding="utf-8"))
        assert hrefs, f"{page} names no icon"
        for href in hrefs:
            assert (path.parent / href).resolve().is_file(), f"{page}: {href}"
    for name in ("favicon.ico", "apple-touch-icon.png"):
        assert (html_dir / name).is_file(), name


def test_no_text_collides_in_any_figure_in_either_language(html_dir):
    """Each figure was checked while it was rendered (planbook.charts.figures): no two
    drawn texts (tick labels, annotations, legend entries, titles) overlap."""
    from planbook.base.paths import FIGURE_CHECK_DIR

    labels = sorted({p.name.split(".")[0] for p in (html_dir / "figures").glob("fig-*.png")})
    assert labels
    found = {}
    for label in labels:
        path = FIGURE_CHECK_DIR / f"{label}.json"
        assert path.is_file(), f"{label} was not checked: rebuild (make clean; make book)"
        record = json.loads(path.read_text(encoding="utf-8"))
        for lang in ("zh", "en"):
            assert record[lang]["texts"] > 0, f"{label} ({lang}): no text recorded"
            if record[lang]["collisions"]:
                found[f"{label} ({lang})"] = record[lang]["collisions"]
    assert found == {}


def test_no_legend_covers_the_data_in_any_figure(html_dir):
    """Each figure's legends were measured against its data marks while it was rendered:
    no legend box covers a point, a line or a bar, in either language."""
    from planbook.base.paths import FIGURE_CHECK_DIR

    labels = sorted({p.name.split(".")[0] for p in (html_dir / "figures").glob("fig-*.png")})
    found = {}
    for label in labels:
        record = json.loads((FIGURE_CHECK_DIR / f"{label}.json").read_text(encoding="utf-8"))
        for lang in ("zh", "en"):
            if record[lang].get("legend_over_data", ["not measured: rebuild"]):
                found[f"{label} ({lang})"] = record[lang].get("legend_over_data", ["not measured"])
    assert found == {}
