"""The cluster plan's arithmetic, on the book's targets and on small tables."""

from __future__ import annotations

import pandas as pd
import pytest

from planbook.analysis.clusterplan import growth_needed, scope_sums, size_class_check, tier_structure
from planbook.data.load import load


def test_the_plans_tier_structure_matches_its_cluster_targets():
    structure = tier_structure(load("targets"), load("clusters"))
    assert list(structure["level"]) == [3000, 2000, 1000, 500]
    assert structure["consistent"].all()


def test_scope_sums_keep_value_added_apart():
    t = pd.DataFrame({"target_id": ["a", "b", "c"],
                      "indicator_id": ["cluster_scale_x", "digital_economy_core_value_added",
                                       "cluster_scale_y"],
                      "value": [3000.0, 1000.0, 500.0]})
    sums = scope_sums(t).set_index("口径")
    assert sums.loc["产业规模", "目标合计"] == 3500 and sums.loc["增加值", "目标合计"] == 1000


def test_growth_needed_from_a_lower_bound_and_achieved_growth():
    targets = pd.DataFrame([{"target_id": "t", "city": "xuzhou", "indicator_id": "x",
                             "target_year": 2025, "value": 3000.0, "unit": "亿元"}])
    outcomes = pd.DataFrame([
        {"outcome_id": "o1", "city": "xuzhou", "indicator_id": "x", "year": 2021,
         "value": 1500.0, "unit": "亿元", "qualifier": "=", "status": "final", "source_id": "s"},
        {"outcome_id": "o2", "city": "xuzhou", "indicator_id": "x", "year": 2022,
         "value": 1700.0, "unit": "亿元", "qualifier": ">", "status": "final", "source_id": "s"},
    ])
    sources = pd.DataFrame({"source_id": ["s"], "grade": ["B"]})
    row = growth_needed(targets, outcomes, sources, ["t"]).iloc[0]
    assert row["latest_year"] == 2022 and row["latest_is_lower_bound"]
    assert row["needed_growth"] == pytest.approx(((3000 / 1700) ** (1 / 3) - 1) * 100)
    assert row["achieved_growth"] is None  # a bound cannot give an achieved rate


def test_lag_years_exact_and_lower_bound():
    from planbook.analysis.series import lag_years
    xz = pd.DataFrame({"year": [2020, 2024], "value": [7000.0, 9500.0]})
    sz = pd.DataFrame({"year": [2010, 2012, 2015], "value": [9000.0, 12000.0, 14000.0]})
    exact = lag_years(xz, sz)
    assert exact["lead_year"] == 2010 and exact["lag"] == 14 and not exact["lower_bound"]
    late = pd.DataFrame({"year": [2017, 2020], "value": [17000.0, 20000.0]})
    bound = lag_years(xz, late)
    assert bound["lower_bound"] and bound["lag"] == 7


def _tier_targets():
    rows = [("t3000", "innovation_clusters_3000yi_count", 1), ("t2000", "innovation_clusters_2000yi_count", 1),
            ("t1000", "innovation_clusters_1000yi_count", 4), ("t500", "innovation_clusters_500yi_count", 4)]
    return pd.DataFrame([{"target_id": t, "indicator_id": i, "value": float(v), "target_year": 2025}
                         for t, i, v in rows])


def _count_outcome(value, **extra):
    row = {"outcome_id": "o", "city": "xuzhou", "indicator_id": "xz_clusters_over_1000yi_count",
           "year": 2025, "value": float(value), "unit": "个", "qualifier": "=", "status": "final",
           "source_id": "s", "year_basis": "stated"}
    row.update(extra)
    return pd.DataFrame([row])


SOURCES = pd.DataFrame({"source_id": ["s"], "grade": ["B"]})


def test_size_class_check_compares_the_tiers_with_a_reported_count():
    check = size_class_check(_tier_targets(), _count_outcome(4), SOURCES)
    assert check["planned"] == 6 and check["reported"] == 4
    assert check["status"] == "missed" and check["verdict"] == "未达成"
    assert "不能据此判定是哪一档" in check["rule"]


def test_size_class_check_met_and_provisional():
    check = size_class_check(_tier_targets(), _count_outcome(6, status="estimate"), SOURCES)
    assert check["status"] == "met" and check["provisional"] and check["verdict"] == "达成（暂定）"


def test_size_class_check_without_a_count():
    empty = _count_outcome(4).iloc[0:0]
    assert size_class_check(_tier_targets(), empty, SOURCES)["status"] == "no-data"
