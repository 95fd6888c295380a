"""The achievement rules, on small hand-made tables (not the book's data)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from planbook.analysis.achievement import (assess, assess_all, cagr, compound_average, convert,
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


# ------------------------------------------------------------ bounds from both sides

def test_just_below_the_target_is_close_by_bound():
    # 高新技术企业数量近万家 against 超过 10000 家
    t = target(value=10000.0, unit="家")
    a = assess(t, outcomes(dict(value=10000, unit="家", qualifier="<~")), GRADES)
    assert (a.status, a.basis) == ("close", "bound")
    assert a.label == "接近（由界推断）" and a.ratio is None


def test_upper_bound_well_below_the_target_is_missed():
    t = target(value=10000.0, unit="家")
    a = assess(t, outcomes(dict(value=9000, unit="家", qualifier="<")), GRADES)
    assert (a.status, a.basis) == ("missed", "bound")
    assert a.label == "未达成（由界推断）"


def test_upper_bound_that_straddles_the_close_band_decides_nothing():
    # 不足 9800: the value may be within 5 % of 10000 (close) or far below it (missed)
    t = target(value=10000.0, unit="家")
    a = assess(t, outcomes(dict(value=9800, unit="家", qualifier="<")), GRADES)
    assert a.status == "not-comparable" and "无法判定" in a.rule


def test_upper_bound_above_the_target_decides_nothing():
    t = target(value=1000.0)
    a = assess(t, outcomes(dict(value=1200, qualifier="<")), GRADES)
    assert a.status == "not-comparable"


def test_lower_bound_meets_an_about_target():
    t = target(value=1000.0, comparator="~")
    a = assess(t, outcomes(dict(value=1000, qualifier=">")), GRADES)
    assert (a.status, a.basis, a.label) == ("met", "bound", "达成（下限）")


def test_upper_target_is_met_by_an_upper_bound():
    t = target(value=3.0, comparator="<=", unit="个")
    assert assess(t, outcomes(dict(value=2, unit="个", qualifier="<")), GRADES).status == "met"


@pytest.mark.parametrize("extra, provisional", [(dict(status="estimate"), True),
                                                (dict(year_basis="unstated"), True),
                                                (dict(year_basis="stated"), False),
                                                (dict(status="final"), False)])
def test_estimates_and_unstated_years_are_provisional(extra, provisional):
    o = outcomes(dict(value=1200, **extra))
    if "year_basis" not in o:
        o["year_basis"] = extra.get("year_basis", "stated")
    a = assess(target(), o, GRADES)
    assert a.status == "met" and a.provisional is provisional
    assert ("暂定" in a.label) is provisional


def test_verdict_labels():
    from planbook.analysis.achievement import verdict_label
    assert verdict_label("met") == "达成"
    assert verdict_label("met", "bound", True) == "达成（下限，暂定）"
    assert verdict_label("missed", "bound") == "未达成（由界推断）"
    assert verdict_label("no-data", "bound", True) == "无数据"


# ------------------------------------------------------------ average-annual from the years known

def _growth_series(values: dict[int, float]):
    return outcomes(*[dict(year=y, value=v, unit="%", indicator_id="g") for y, v in values.items()])


def test_average_target_decided_when_the_known_years_rule_it_out():
    # 7 % a year for 2018-2020; 2018 and 2019 known; the series never grew faster than 7.0 %
    t = target(period="average-annual", comparator="~", value=7.0, unit="%", indicator_id="g",
               target_year=2020, period_start=2018)
    o = _growth_series({2015: 7.0, 2016: 6.9, 2017: 6.5, 2018: 5.0, 2019: 5.0, 2021: 6.2})
    a = assess(t, o, GRADES)
    assert (a.status, a.basis) == ("missed", "bound")
    assert "2020" in a.rule and "需年均增长" in a.rule


def test_average_target_stays_open_when_the_missing_year_could_decide_it():
    t = target(period="average-annual", comparator="~", value=7.0, unit="%", indicator_id="g",
               target_year=2020, period_start=2018)
    o = _growth_series({2015: 9.0, 2016: 8.5, 2017: 7.0, 2018: 6.8, 2019: 6.9, 2021: 3.0})
    assert assess(t, o, GRADES).status == "no-data"


def test_average_target_needs_a_long_enough_record_to_bound_the_missing_years():
    t = target(period="average-annual", comparator="~", value=7.0, unit="%", indicator_id="g",
               target_year=2020, period_start=2018)
    o = _growth_series({2018: 5.0, 2019: 5.0})
    assert assess(t, o, GRADES).status == "no-data"


def test_implied_deflator_and_nominal_projection():
    from planbook.analysis.achievement import implied_deflator, nominal_projection
    # 5 % nominal with 3 % real growth is a price rise of about 1.94 %
    d = implied_deflator(100.0, 105.0, 3.0)
    assert d == pytest.approx((1.05 / 1.03 - 1) * 100)
    assert nominal_projection(100.0, 3.0, d) == pytest.approx(105.0)
    # falling prices: nominal below real
    assert implied_deflator(100.0, 103.0, 5.0) < 0
    with pytest.raises(ValueError):
        implied_deflator(0, 1, 1)


def test_average_with_a_lower_bounded_year():
    # 2021 is only "超过 7.4%": the average can be decided only if the bound settles it
    t = target(period="average-annual", comparator="=", value=6.0, unit="%", indicator_id="g",
               target_year=2022, period_start=2020)
    o = _growth_series({2020: 3.4, 2022: 2.0})
    o = pd.concat([o, outcomes(dict(year=2021, value=7.4, unit="%", indicator_id="g",
                                    qualifier=">"))], ignore_index=True)
    assert assess(t, o, GRADES).status == "not-comparable"      # could still reach 6 %
    t_low = target(period="average-annual", comparator="=", value=4.0, unit="%", indicator_id="g",
                   target_year=2022, period_start=2020)
    a = assess(t_low, o, GRADES)
    assert (a.status, a.basis) == ("met", "bound")               # the bound alone gives > 4.2 %
