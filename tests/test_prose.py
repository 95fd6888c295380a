"""No number is typed into prose: every chapter takes its numbers from the data."""

from __future__ import annotations

import pytest
import yaml

from planbook.paths import REPO_ROOT
from planbook.prose import prose_of, typed_numbers

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
