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


def _tier_plan(named_own: int, named_other: int = 0, status: str = "final"):
    """A plan with the 343 tiers and six clusters of ≥1000亿 (one on value added), and
    a source naming ``named_own`` clusters above 1000亿 on their own indicator and
    ``named_other`` on another basis (the value-added cluster, named by size)."""
    tiers = [("t3000", "innovation_clusters_3000yi_count", 1), ("t2000", "innovation_clusters_2000yi_count", 1),
             ("t1000", "innovation_clusters_1000yi_count", 4), ("t500", "innovation_clusters_500yi_count", 4)]
    sizes = [("c1", "size_a", 3000), ("c2", "size_b", 2000), ("c3", "size_c", 1000), ("c4", "va_d", 1000),
             ("c5", "size_e", 1000), ("c6", "size_f", 1000), ("c7", "size_g", 500)]
    targets = pd.DataFrame(
        [{"target_id": t, "indicator_id": i, "value": float(v), "target_year": 2025} for t, i, v in tiers]
        + [{"target_id": t, "indicator_id": i, "value": float(v), "target_year": 2025} for t, i, v in sizes])
    clusters = pd.DataFrame([{"cluster_id": f"k{t}", "target_id": t, "cluster_zh": f"集群{t}"}
                             for t, _, _ in sizes])
    own = [i for t, i, _ in sizes if not i.startswith("va")][:named_own]
    rows = [{"outcome_id": f"o-{i}", "city": "x", "indicator_id": i, "year": 2025, "value": 1000.0,
             "unit": "亿元", "qualifier": ">", "status": status, "source_id": "s", "year_basis": "stated"}
            for i in own]
    if named_other:
        rows.append({"outcome_id": "o-size-d", "city": "x", "indicator_id": "size_d", "year": 2025,
                     "value": 1000.0, "unit": "亿元", "qualifier": ">", "status": status, "source_id": "s",
                     "year_basis": "stated"})
    outcomes = pd.DataFrame(rows, columns=["outcome_id", "city", "indicator_id", "year", "value", "unit",
                                           "qualifier", "status", "source_id", "year_basis"])
    gaps = pd.DataFrame({"target_id": ["c4"], "related_indicator_id": ["size_d"]})
    return targets, outcomes, clusters, gaps


SOURCES = pd.DataFrame({"source_id": ["s"], "grade": ["B"]})


def test_a_tier_structure_short_of_its_count_by_the_named_list_rule():
    targets, outcomes, clusters, gaps = _tier_plan(3, 1, status="estimate")
    check = size_class_check(targets, outcomes, SOURCES, clusters, gaps)
    assert check["planned"] == 6 and check["named"] == 4 and len(check["own"]) == 3
    assert check["other"] == ["集群c4"]
    assert check["status"] == "missed" and check["verdict"] == "未达成（由点名推断，暂定）"
    assert "3至4个之间" in check["rule"] and "无法判定" in check["rule"]   # states both readings


def test_a_tier_structure_met_when_every_cluster_is_named_on_its_own_definition():
    targets, outcomes, clusters, gaps = _tier_plan(5, 0)
    assert size_class_check(targets, outcomes, SOURCES, clusters, gaps)["status"] == "missed"
    targets, outcomes, clusters, gaps = _tier_plan(5, 1)
    # 5 on the plan's definitions, 6 named: the two ends disagree, so even the rule cannot decide
    assert size_class_check(targets, outcomes, SOURCES, clusters, gaps)["status"] == "not-comparable"


def test_a_tier_structure_with_nothing_named():
    targets, outcomes, clusters, gaps = _tier_plan(0, 0)
    assert size_class_check(targets, outcomes, SOURCES, clusters, gaps)["status"] == "no-data"
