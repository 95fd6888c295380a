"""Thin notebooks: a chapter's code loads its findings, glues them with one call and calls
one builder per figure or table; no cell is long, no block repeats across chapters, and the
shared set-up is one import."""

from __future__ import annotations

import re

import pytest
import yaml

from planbook.base.paths import REPO_ROOT

TOC = yaml.safe_load((REPO_ROOT / "_toc.yml").read_text(encoding="utf-8"))
PAGES = [TOC["root"]] + [c["file"] for p in TOC["parts"] for c in p["chapters"]]
MAX_CELL_LINES = 25
REPEATED_BLOCK = 6
SETUP = "from planbook.publish.page import book, glue_findings"


def code_cells(page: str, root=REPO_ROOT) -> list[list[str]]:
    """The code of each code cell (its option header left out), blank lines dropped."""
    text = (root / f"{page}.md").read_text(encoding="utf-8")
    cells = []
    for body in re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```\s*$", text, re.S | re.M):
        lines = body.splitlines()
        if lines and lines[0] == "---":                       # a YAML header (figure caption)
            lines = lines[lines.index("---", 1) + 1:]
        lines = [x for x in lines if x.strip() and not x.startswith(":tags:")]
        cells.append(lines)
    return cells


@pytest.mark.parametrize("page", PAGES)
def test_no_code_cell_is_long(page):
    long = [len(c) for c in code_cells(page) if len(c) > MAX_CELL_LINES]
    assert long == [], f"{page}: cells of {long} lines (at most {MAX_CELL_LINES})"


@pytest.mark.parametrize("page", PAGES)
def test_a_chapter_with_findings_sets_up_with_one_import_and_glues_once(page):
    cells = code_cells(page)
    code = "\n".join("\n".join(c) for c in cells)
    if "glue" not in code:
        return
    assert cells[0][0] == SETUP, f"{page}: the first cell begins with the shared set-up"
    assert code.count("glue_findings(") == 1 and "glue(" not in code.replace("glue_findings(", "")
    assert "import pandas" not in code and "load(" not in code, page


def test_no_block_of_code_repeats_across_chapters():
    seen: dict[tuple[str, ...], str] = {}
    repeated = []
    for page in PAGES:
        lines = [x.strip() for c in code_cells(page) for x in c]
        for i in range(len(lines) - REPEATED_BLOCK + 1):
            block = tuple(lines[i:i + REPEATED_BLOCK])
            if block in seen and seen[block] != page:
                repeated.append((seen[block], page, block[0]))
            seen.setdefault(block, page)
    assert repeated == []


def test_the_check_bites(tmp_path):
    cell = ("```{code-cell} ipython3\n---\nmystnb:\n  figure:\n    name: fig-x\n---\n"
            + "\n".join(f"x{i} = {i}" for i in range(30)) + "\n```\n")
    (tmp_path / "long.md").write_text(cell, encoding="utf-8")
    assert [len(c) for c in code_cells("long", tmp_path)] == [30]
