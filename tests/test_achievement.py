"""The achievement rules, on small hand-made tables (not the book's data)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from planbook.achievement import (assess, assess_all, cagr, compound_average, convert,
                                  pick_outcome, required_growth)


def target(**kw):
    row = dict(target_id="t", city="xuzhou", indicator_id="size", target_year=2025,
               period="end-of-period", comparator=">=", value=1000.0, unit="亿元",
               period_start=pd.NA)
    row.update(kw)
    return pd.Series(row)


def outcomes(*rows):
    base = dict(city="xuzhou", indicator_id="size", year=2025, unit="亿元", qualifier="=",
                status="final", source_id="s-a")
    table = [dict(base, outcome_id=f"o{i}", **r) for i, r in enumerate(rows)]
    return pd.DataFrame(table, columns=["outcome_id", "city", "indicator_id", "year", "value",
                                        "unit", "qualifier", "status", "source_id"])


GRADES = {"s-a": "A", "s-b": "B", "s-c": "C"}


@pytest.mark.parametrize("value, status", [(1000, "met"), (1200, "met"), (960, "close"),
                                           (950, "close"), (949, "missed"), (500, "missed")])
def test_level_target(value, status):
    assert assess(target(), outcomes(dict(value=value)), GRADES).status == status


def test_ratio_and_gap_are_computed():
    a = assess(target(), outcomes(dict(value=800)), GRADES)
    assert a.ratio == pytest.approx(0.8) and a.gap == pytest.approx(-200)
    assert a.outcome_ids == ["o0"]


@pytest.mark.parametrize("value, status", [(6.6, "met"), (6.5, "met"), (6.2, "close"),
                                           (5.9, "missed")])
def test_rate_target_uses_percentage_points(value, status):
    t = target(unit="%", value=6.5, comparator=">=", indicator_id="g")
    o = outcomes(dict(value=value, unit="%", indicator_id="g"))
    assert assess(t, o, GRADES).status == status


@pytest.mark.parametrize("value, status", [(7.0, "met"), (6.6, "met"), (6.4, "close"),
                                           (5.9, "missed"), (8.0, "met")])
def test_about_target_tolerates_its_own_band(value, status):
    t = target(unit="%", value=7.0, comparator="~", indicator_id="g")
    o = outcomes(dict(value=value, unit="%", indicator_id="g"))
    assert assess(t, o, GRADES).status == status


def test_upper_bound_target():
    t = target(comparator="<=", value=3.0, unit="个")
    assert assess(t, outcomes(dict(value=3, unit="个")), GRADES).status == "met"
    assert assess(t, outcomes(dict(value=4, unit="个")), GRADES).status == "missed"


def test_lower_bound_outcomes_are_bounds():
    # "超过 1700亿" says nothing about reaching 3000亿
    t = target(value=3000.0)
    a = assess(t, outcomes(dict(value=1700, qualifier=">")), GRADES)
    assert a.status == "not-comparable" and "下限" in a.rule
    # but "超过 3200亿" does prove a 3000亿 target met
    a = assess(t, outcomes(dict(value=3200, qualifier=">")), GRADES)
    assert a.status == "met" and "下限" in a.rule


def test_units_convert_between_yi_and_wanyi():
    t = target(value=1.0, unit="万亿元")
    a = assess(t, outcomes(dict(value=9537.12, unit="亿元")), GRADES)
    assert a.outcome_value == pytest.approx(0.953712)
    assert a.status == "close"
    assert convert(1, "亿美元", "亿元") is None


def test_unconvertible_units_are_not_comparable():
    t = target(unit="亿美元", value=3000.0)
    assert assess(t, outcomes(dict(value=20000, unit="亿元")), GRADES).status == "not-comparable"


def test_other_scope_never_matches():
    o = outcomes(dict(value=5000, indicator_id="size_revenue"))
    assert assess(target(), o, GRADES).status == "no-data"
    assert assess(target(), o, GRADES, related_only=True).status == "not-comparable"


def test_target_without_year_is_not_comparable():
    assert assess(target(target_year=pd.NA), outcomes(dict(value=1)), GRADES).status == \
        "not-comparable"


def test_average_annual_growth_is_compounded():
    t = target(period="average-annual", comparator="~", value=7.0, unit="%", indicator_id="g",
               target_year=2020, period_start=2018)
    o = outcomes(*[dict(year=y, value=v, unit="%", indicator_id="g")
                   for y, v in [(2018, 6.8), (2019, 5.6), (2020, 3.4)]])
    a = assess(t, o, GRADES)
    expected = ((1.068 * 1.056 * 1.034) ** (1 / 3) - 1) * 100
    assert a.outcome_value == pytest.approx(expected)
    assert a.derived and a.status == "missed" and len(a.outcome_ids) == 3
    # one year missing: no average can be computed
    assert assess(t, o[o["year"] != 2019], GRADES).status == "no-data"


def test_annual_target_is_judged_on_its_worst_year():
    t = target(period="annual", value=300.0, unit="项", period_start=2023, target_year=2025)
    o = outcomes(dict(year=2023, value=320, unit="项"), dict(year=2024, value=250, unit="项"))
    a = assess(t, o, GRADES)
    assert a.status == "missed" and "2024" in a.rule
    assert assess(t, o.iloc[:1], GRADES).status == "met"
    assert assess(t, o.iloc[:0], GRADES).status == "no-data"
    # figures of another scope only: no year counts as having data
    other = o.assign(indicator_id="other")
    verdict = assess(t, other, GRADES, related_only=True)
    assert verdict.status == "not-comparable" and "有数据的年份" not in verdict.rule


def test_vintage_and_grade_preference():
    o = outcomes(dict(value=1, status="preliminary", source_id="s-a"),
                 dict(value=2, status="final", source_id="s-c"),
                 dict(value=3, status="final", source_id="s-b"))
    chosen = pick_outcome(o.assign(grade=o["source_id"].map(GRADES)))
    assert chosen["value"] == 3  # final beats preliminary; B beats C
    assert pick_outcome(o.iloc[:0].assign(grade=[])) is None


def test_growth_helpers():
    assert cagr(100, 121, 2) == pytest.approx(10.0)
    assert required_growth(1700, 3000, 3) == pytest.approx(((3000 / 1700) ** (1 / 3) - 1) * 100)
    assert compound_average([10, 10]) == pytest.approx(10.0)
    assert compound_average([0]) == 0
    with pytest.raises(ValueError):
        cagr(0, 10, 1)
    with pytest.raises(ValueError):
        compound_average([])
    assert math.isclose(compound_average([5, -5]), (math.sqrt(1.05 * 0.95) - 1) * 100)


def test_assess_all_returns_one_row_per_target():
    targets = pd.DataFrame([target(target_id="a"), target(target_id="b", indicator_id="x")])
    sources = pd.DataFrame({"source_id": ["s-a"], "grade": ["A"]})
    result = assess_all(targets, outcomes(dict(value=1100)), sources)
    assert list(result["target_id"]) == ["a", "b"]
    assert list(result["status"]) == ["met", "no-data"]


def test_the_grade_of_the_figure_used_is_reported():
    o = outcomes(dict(value=1100, source_id="s-c"))
    assert assess(target(), o, GRADES).grade == "C"
    sources = pd.DataFrame({"source_id": ["s-c"], "grade": ["C"]})
    assert assess_all(pd.DataFrame([target()]), o, sources)["outcome_grade"].tolist() == ["C"]
