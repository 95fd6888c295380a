"""Numbered tables and the typed data loader."""

from __future__ import annotations

import pandas as pd
import pytest

from planbook.data.load import load
from planbook.publish.datatables import format_number, target_counts
from planbook.publish.tables import escape_cell, markdown_table


def test_markdown_table_is_a_labelled_myst_table():
    frame = pd.DataFrame({"指标": ["产业规模"], "数值": ["3,000"]})
    text = markdown_table(frame, "tbl-demo", "示例。资料来源：测试。", align={"数值": "r"})
    lines = text.splitlines()
    assert lines[0] == ":::{table} 示例。资料来源：测试。"
    assert lines[1] == ":name: tbl-demo"
    assert "| 指标 | 数值 |" in lines and "|:--|--:|" in lines
    assert lines[-1] == ":::"


def test_cells_cannot_break_the_table():
    assert escape_cell("a|b") == "a\\|b"
    assert escape_cell("*强调*") == "\\*强调\\*"
    assert escape_cell(None) == "—" and escape_cell(float("nan")) == "—"
    assert escape_cell("第一行\n第二行") == "第一行 第二行"


@pytest.mark.parametrize("label", ["tbl_x", "table-1", "tbl-"])
def test_bad_table_labels_are_refused(label):
    with pytest.raises(ValueError, match="table label"):
        markdown_table(pd.DataFrame({"a": [1]}), label, "c")


def test_empty_tables_are_refused():
    with pytest.raises(ValueError, match="no rows"):
        markdown_table(pd.DataFrame({"a": []}), "tbl-x", "c")


def test_numbers_are_shown_without_float_noise():
    assert [format_number(v) for v in (3000.0, 6.5, 0.1 + 0.2, 2139.49)] == \
        ["3000", "6.5", "0.3", "2139.49"]


def test_loader_types_columns_by_the_schema():
    targets = load("targets")
    assert targets["value"].dtype == "float64"
    assert str(targets["target_year"].dtype) == "Int64"
    # empty cells are missing values, not empty or "nan" strings
    assert targets["period_start"].isna().any() and targets["period_start"].notna().any()
    assert not targets["note"].isin(["", "nan"]).any()
    assert not (targets["scope"] == "nan").any()
    with pytest.raises(KeyError, match="no resource"):
        load("no_such_table")


def test_target_counts_cover_every_target():
    targets = load("targets")
    counts = target_counts(targets)
    assert sum(counts.values()) == len(targets)
    assert set(counts) == set(targets["source_id"])


def test_ranges_are_counted_once():
    from planbook.data.load import distinct_targets
    t = pd.DataFrame({"target_id": ["a-low", "a-high", "b", "c"],
                      "comparator": [">=", "<=", "<=", ">="],
                      "range_group": ["a", "a", pd.NA, pd.NA]})
    # the upper end of a range goes; an upper-bound target that is not a range stays
    assert list(distinct_targets(t)["target_id"]) == ["a-low", "b", "c"]
