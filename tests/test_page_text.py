"""The built pages read as edited text: no template artefact, no machine id in prose or
a reader table, and no space between a number (or a Latin word) and Chinese."""

from __future__ import annotations

import re

import pytest

from planbook.base.paths import HTML_DIR
from planbook.checks.pagetext import artefacts, machine_ids, page_blocks, spacing_problem
from planbook.data.load import load

PAGES = sorted(p.stem for p in (HTML_DIR / "book").glob("*.html") if p.stem != "references") \
    if (HTML_DIR / "book").is_dir() else []
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _ids() -> list[str]:
    ids = set(load("targets")["target_id"]) | set(load("sources")["source_id"])
    ids |= {i for i in load("indicators")["indicator_id"] if "_" in i}
    return sorted(ids, key=len, reverse=True)


IDS = _ids()


def _blocks(page: str):
    path = HTML_DIR / "book" / f"{page}.html"
    if not path.is_file():
        pytest.fail(f"{path} is missing: build the book first (make book)")
    return page_blocks(path.read_text(encoding="utf-8"))


def test_the_site_is_built():
    assert len(PAGES) >= 12


@pytest.mark.parametrize("page", PAGES)
def test_no_template_artefact_on_the_page(page):
    found = [(kind, text[:80], artefacts(text)) for kind, text in _blocks(page) if artefacts(text)]
    assert found == []


@pytest.mark.parametrize("page", PAGES)
def test_no_machine_id_in_prose_or_reader_tables(page):
    found = [(text[:60], machine_ids(text, IDS)) for _, text in _blocks(page) if machine_ids(text, IDS)]
    assert found == []


@pytest.mark.parametrize("page", PAGES)
def test_one_spacing_rule_between_numbers_and_chinese(page):
    found = [m.group(0) + " … " + text[:60] for kind, text in _blocks(page)
             if kind == "prose" and len(_CJK.findall(text)) > len(text) / 4
             for m in [spacing_problem(text)] if m]
    assert found == []


def test_the_checks_bite():
    html = ("<article><p>能判定的0条，写明年份的1条，均为暂定；结果5.257221%</p>"
            "<table><tr><td>xz22-little-giants-2025</td></tr></table>"
            "<pre>0条 inside code is not prose</pre><p>徐州 2022 年</p><p>规则见（<code>a.py</code>）</p></article>")
    blocks = page_blocks(html)
    assert [k for k, _ in blocks] == ["prose", "table", "prose", "prose"]
    assert artefacts(blocks[3][1]) == []
    assert set(artefacts(blocks[0][1])) == {"a zero with a measure word", "“均” of a single item",
                                            "float noise"}
    assert machine_ids(blocks[1][1], IDS) == ["xz22-little-giants-2025"]
    assert spacing_problem(blocks[2][1]) and not spacing_problem("所见副本在“到 2020 年末”处截断")
