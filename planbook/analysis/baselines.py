"""Where a city stood when a plan was written, and how ambitious each target was.

For each counted target of a plan: the latest same-scope figure before the plan
(the baseline: year, value, grade), the annual pace the target required from it, the
pace of the years before the plan (the trend, where two figures before the plan exist),
and the pace achieved (where the target year's figure is a number). One rule calls a
target

- ``already``   the baseline already met it (“起点已达到”);
- ``ambitious`` it required a pace faster than the trend by more than the margin;
- ``on-trend``  it required about the trend's pace (within the margin either way);
- ``modest``    it required a pace slower than the trend by more than the margin;
- ``no-trend``  no trend to compare with (one figure before the plan, or none);
- ``no-baseline`` no same-scope figure before the plan.

Paces are compound growth in percent a year for levels and counts, and percentage points
a year for shares and rates; the margins are :data:`LEVEL_MARGIN` and
:data:`SHARE_MARGIN`. A target of growth itself (年均增速) is compared directly with the
average growth of the years before the plan. Everything here is derived and labelled so.
"""

from __future__ import annotations

import math

import pandas as pd

from planbook.analysis.achievement import convert, judge, pick_outcome

LEVEL_MARGIN = 1.0   # percent a year: how far a required growth pace may differ from the trend
SHARE_MARGIN = 0.2   # percentage points a year, for shares and rates
RATE_UNITS = {"%", "百分点"}
CLASSES = {"already": "起点已达到", "ambitious": "快于起点前趋势", "on-trend": "与起点前趋势相当",
           "modest": "慢于起点前趋势", "no-trend": "无起点前趋势可比", "no-baseline": "本书存档中未见起点"}
CLASSES_EN = {"already": "already met at the start", "ambitious": "faster than the trend",
              "on-trend": "about the trend", "modest": "slower than the trend",
              "no-trend": "no trend to compare", "no-baseline": "no baseline in the archive"}
NUMBERS = ("=", "~")


def plan_start_year(published: str) -> int:
    """The last year whose figures a plan could have seen: a plan issued in the first half
    of a year starts from the year before; one issued later, from its own year."""
    text = str(published)
    year = int(text[:4])
    month = int(text[5:7]) if len(text) >= 7 else 1
    return year if month >= 7 else year - 1


def _pace(start: float, end: float, years: int, share: bool) -> float | None:
    if years <= 0:
        return None
    if share:
        return (end - start) / years
    if start <= 0 or end <= 0:
        return None
    return ((end / start) ** (1 / years) - 1) * 100


def _rows(outcomes, grades, target) -> pd.DataFrame:
    same = outcomes[(outcomes["city"] == target["city"]) & (outcomes["indicator_id"] == target["indicator_id"])]
    return same.assign(grade=same["source_id"].map(grades).fillna("C"))


def baseline_of(target: pd.Series, outcomes: pd.DataFrame, grades: dict[str, str], start_year: int,
                outcome_value: float | None = None) -> dict:
    """The baseline, the paces and the class of one target (see the module docstring)."""
    share = target["unit"] in RATE_UNITS
    growth_target = target["period"] in ("average-annual", "annual") and share
    rows = _rows(outcomes, grades, target)
    before = rows[rows["year"] <= start_year]
    out = {"target_id": target["target_id"], "baseline_year": None, "baseline_value": None,
           "baseline_qualifier": None, "baseline_grade": None, "baseline_outcome_id": None,
           "trend_from": None, "trend_pace": None, "required_pace": None, "achieved_pace": None,
           "pace_unit": "百分点/年" if share and not growth_target else "%/年", "class": "no-baseline",
           "bound": False}
    if before.empty:
        return out
    latest_year = int(before["year"].max())
    base = pick_outcome(before[before["year"] == latest_year])
    value = convert(base["value"], base["unit"], target["unit"])
    if value is None:
        return out
    out.update(baseline_year=latest_year, baseline_value=value, baseline_qualifier=base["qualifier"],
               baseline_grade=base["grade"], baseline_outcome_id=base["outcome_id"],
               bound=base["qualifier"] not in NUMBERS)
    t_value, t_year = float(target["value"]), int(target["target_year"])
    numbers = before[before["qualifier"].isin(NUMBERS)]
    if growth_target:
        # a target of growth: the years before the plan averaged this much growth
        earlier = numbers.sort_values("year")
        if len(earlier) >= 2:
            from planbook.analysis.achievement import compound_average

            out["trend_from"] = int(earlier["year"].min())
            out["trend_pace"] = compound_average([float(v) for v in earlier["value"]])
        out["required_pace"] = t_value
        if outcome_value is not None and not pd.isna(outcome_value):
            out["achieved_pace"] = float(outcome_value)
        already = False
    else:
        already = judge(value, t_value, target["comparator"], target["unit"])[0] == "met" \
            and base["qualifier"] in NUMBERS + (">", ">=")
        out["required_pace"] = _pace(value, t_value, t_year - latest_year, share)
        earliest = numbers[numbers["year"] < latest_year].sort_values("year")
        if len(earliest) and base["qualifier"] in NUMBERS:
            first = earliest.iloc[0]
            first_value = convert(first["value"], first["unit"], target["unit"])
            if first_value is not None:
                out["trend_from"] = int(first["year"])
                out["trend_pace"] = _pace(first_value, value, latest_year - int(first["year"]), share)
        if outcome_value is not None and not pd.isna(outcome_value) and base["qualifier"] in NUMBERS:
            out["achieved_pace"] = _pace(value, float(outcome_value), t_year - latest_year, share)
    margin = SHARE_MARGIN if share and not growth_target else LEVEL_MARGIN
    if already:
        out["class"] = "already"
    elif out["trend_pace"] is None or out["required_pace"] is None or math.isnan(out["trend_pace"]):
        out["class"] = "no-trend"
    elif out["required_pace"] > out["trend_pace"] + margin:
        out["class"] = "ambitious"
    elif out["required_pace"] < out["trend_pace"] - margin:
        out["class"] = "modest"
    else:
        out["class"] = "on-trend"
    return out


def plan_baselines(card, outcomes: pd.DataFrame, sources: pd.DataFrame, published: str) -> pd.DataFrame:
    """One row per counted target of a plan's scorecard (:mod:`planbook.analysis.scorecard`)."""
    grades = dict(zip(sources["source_id"], sources["grade"]))
    start = plan_start_year(published)
    rows = []
    for _, t in card.assessed.iterrows():
        if "group_target" in t or pd.isna(t.get("target_year")):
            pass
        outcome = t["outcome_value"] if t["status"] in ("met", "close", "missed") and t.get("basis") == "exact" \
            else (t["outcome_value"] if t.get("basis") == "derived" else None)
        rows.append(baseline_of(t, outcomes, grades, start, outcome))
    frame = pd.DataFrame(rows)
    frame["class_zh"] = frame["class"].map(CLASSES)
    frame["start_year"] = start
    return frame
