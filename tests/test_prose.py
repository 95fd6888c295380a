"""Authoring checks on every chapter's source: no number typed into prose (numbers
come from the data), no bold that MyST cannot open or close, no typed space before
a reference."""

from __future__ import annotations

import pytest
import yaml

from planbook.base.paths import REPO_ROOT
from planbook.checks.authoring import bold_against_punctuation, check, spaces_before_roles
from planbook.checks.prose import prose_of, typed_numbers

TOC = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
PAGES = [TOC["root"]] + [c["file"] for p in TOC["parts"] for c in p["chapters"]]


@pytest.mark.parametrize("page", PAGES)
def test_no_typed_numbers_in_prose(page):
    text = (REPO_ROOT / f"{page}.md").read_text(encoding="utf-8")
    assert typed_numbers(text) == []


def test_the_check_bites():
    sample = "徐州 2022 年增长{glue:text}`g:.1f`%，目标为 6.5%。见 {numref}`fig-a-1`。\n"
    assert typed_numbers(sample) == ["徐州 2022 年增长%，目标为 6.5%。见 。"]
    assert typed_numbers("“343”方案（徐委发〔2022〕33号）于 2022 年印发。") == []


def test_code_cells_and_options_are_not_prose():
    sample = "```{code-cell} ipython3\nx = 3000\n```\n:::{table} 表\n:name: tbl-x\n:::\n正文\n"
    assert "3000" not in prose_of(sample)


@pytest.mark.parametrize("page", PAGES)
def test_no_misplaced_bold_or_space_before_a_reference(page):
    text = (REPO_ROOT / f"{page}.md").read_text(encoding="utf-8")
    assert [p.at(f"{page}.md") for p in check(text)] == []


@pytest.mark.parametrize("good", [
    "这是 **“重要”** 的", "这是“**重要**”的", "**徐州**的目标", "目标：**8458 亿元**。",
    "```\n这是**“代码”**的\n```", "行内 `a**“b”**c` 代码",
])
def test_bold_that_commonmark_opens_and_closes_passes(good):
    assert bold_against_punctuation(good) == []


@pytest.mark.parametrize("bad, line, column", [
    ("这是**“重要”**的", 1, 3),
    ("第一行\n说明**（暂定）**之后", 2, 3),
    ("**重要**和**“关键”**两项", 1, 8),
    ("“**重要”**的", 1, 7),   # opens, but cannot close after ” before 的
])
def test_bold_against_full_width_punctuation_is_found_with_its_line(bad, line, column):
    problems = bold_against_punctuation(bad)
    assert [(p.line, p.column) for p in problems] == [(line, column)]
    assert problems[0].at("book/x.md").startswith(f"book/x.md:{line}:{column}: ")


def test_a_space_typed_before_a_reference_is_found():
    assert [(p.line, p.column) for p in spaces_before_roles("规则见 {ref}`data-x`。\n见{ref}`y`")] == [(1, 4)]
    assert spaces_before_roles("see {ref}`x` and 2022 {cite}`y`") == []
