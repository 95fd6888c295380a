"""Was a target met? One rule book for every chart and table of the book.

For each target the assessment picks the outcome of the same city, the same
indicator (so the same 口径: an indicator id names one scope) and the target's
year, converts it to the target's unit, and applies the rule of the target's
comparator and period. Every derived number (a compound average, a ratio, a
required growth rate) is computed here and labelled ``derived``; none is typed.

Statuses
--------
met            the outcome reaches the target.
close          the outcome falls short by no more than the close band:
               5 % of a level target, or 0.5 percentage points of a rate target.
               For 左右 (``~``) targets the tolerance of 左右 itself counts as met,
               and the close band is twice as wide.
missed         the outcome falls short by more than that.
no-data        no outcome of the same scope was found (see outcome_gaps.csv).
not-comparable an outcome exists but cannot decide the target: a lower bound
               (“超过 X”) below the target, a unit that cannot be converted, a
               target with no year, or figures of another 口径 only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

STATUSES = ("met", "close", "missed", "no-data", "not-comparable")
STATUS_ZH = {"met": "达成", "close": "接近", "missed": "未达成", "no-data": "无数据",
             "not-comparable": "不可比"}

LEVEL_CLOSE_BAND = 0.05   # relative: within 5 % below a level target is "close"
RATE_CLOSE_BAND = 0.5     # percentage points below a rate target is "close"
RATE_UNITS = {"%", "百分点"}

# Multiply a value in the key's unit by this to get 亿元 (and so on).
_SCALE = {("万亿元", "亿元"): 1e4, ("亿元", "万亿元"): 1e-4}

# Which vintage of a figure the book uses when several exist for one year:
# the latest published (a census revision, then the final figure, then the
# preliminary one, then a 预计 estimate); within a vintage, the better grade.
STATUS_PREFERENCE = ("revised", "final", "preliminary", "estimate")
GRADE_PREFERENCE = ("A", "B", "C")


def convert(value: float, unit: str, to_unit: str) -> float | None:
    """``value`` from ``unit`` to ``to_unit``; None where the units do not convert."""
    if unit == to_unit:
        return float(value)
    factor = _SCALE.get((unit, to_unit))
    return None if factor is None else float(value) * factor


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate in percent from ``start`` to ``end`` over ``years``."""
    if years <= 0 or start <= 0 or end <= 0:
        raise ValueError(f"CAGR needs positive values and years (got {start}, {end}, {years})")
    return ((end / start) ** (1 / years) - 1) * 100


def required_growth(latest: float, target: float, years: float) -> float:
    """Annual growth in percent needed to go from ``latest`` to ``target`` in ``years``."""
    return cagr(latest, target, years)


def compound_average(rates_percent: list[float]) -> float:
    """Average annual growth (percent) equivalent to the given annual growth rates."""
    if not rates_percent:
        raise ValueError("no growth rates to average")
    product = math.prod(1 + r / 100 for r in rates_percent)
    return (product ** (1 / len(rates_percent)) - 1) * 100


def pick_outcome(candidates: pd.DataFrame) -> pd.Series | None:
    """The row the book uses among several outcomes for one city, indicator and year."""
    if candidates.empty:
        return None
    ranked = candidates.assign(
        _status=candidates["status"].map({s: i for i, s in enumerate(STATUS_PREFERENCE)}),
        _grade=candidates["grade"].map({g: i for i, g in enumerate(GRADE_PREFERENCE)}),
        _exact=(candidates["qualifier"] != "=").astype(int),
    ).sort_values(["_status", "_exact", "_grade", "outcome_id"])
    return ranked.iloc[0].drop(["_status", "_exact", "_grade"])


@dataclass
class Assessment:
    target_id: str
    status: str
    rule: str
    outcome_value: float | None = None     # in the target's unit
    outcome_ids: list[str] = field(default_factory=list)
    ratio: float | None = None             # outcome / target (levels)
    gap: float | None = None               # outcome − target, in the target's unit
    derived: bool = False                  # the outcome value was computed, not published
    grade: str | None = None               # the worst grade among the outcomes used


def _judge(value: float, target: float, comparator: str, unit: str) -> tuple[str, str]:
    """Status and the rule that decided it, in words a reader can check."""
    rate = unit in RATE_UNITS
    band = RATE_CLOSE_BAND if rate else LEVEL_CLOSE_BAND * target
    band_text = f"{RATE_CLOSE_BAND} 个百分点" if rate else f"{LEVEL_CLOSE_BAND:.0%}"
    band2_text = f"{2 * RATE_CLOSE_BAND} 个百分点" if rate else f"{2 * LEVEL_CLOSE_BAND:.0%}"
    if comparator == "<=":
        if value <= target:
            return "met", "上限目标：不高于目标，达成"
        if value <= target + band:
            return "close", f"上限目标：超出目标不到 {band_text}，接近"
        return "missed", f"上限目标：超出目标 {band_text} 以上，未达成"
    if comparator == "~":
        if value >= target - band:
            return "met", f"“左右”目标：达到目标或低于目标不到 {band_text}，达成"
        if value >= target - 2 * band:
            return "close", f"“左右”目标：低于目标 {band_text} 至 {band2_text}，接近"
        return "missed", f"“左右”目标：低于目标 {band2_text} 以上，未达成"
    # ">=" and "=" are both a level to reach
    if value >= target:
        return "met", "达到或超过目标，达成"
    if value >= target - band:
        return "close", f"低于目标不到 {band_text}，接近"
    return "missed", f"低于目标 {band_text} 以上，未达成"


def assess(target: pd.Series, outcomes: pd.DataFrame, grades: dict[str, str] | None = None,
           related_only: bool = False) -> Assessment:
    """Assess one target row against the outcomes table.

    ``grades`` maps source_id to grade (for choosing among vintages);
    ``related_only`` says that only figures of another 口径 were found.
    """
    grades = grades or {}
    tid = target["target_id"]
    outcomes = outcomes.assign(grade=outcomes["source_id"].map(grades).fillna("C"))
    same = outcomes[(outcomes["city"] == target["city"])
                    & (outcomes["indicator_id"] == target["indicator_id"])]
    if pd.isna(target["target_year"]):
        return Assessment(tid, "not-comparable", "目标未给出年份，无法与某一年的结果对照")
    year = int(target["target_year"])

    if target["period"] == "average-annual":
        return _assess_average(target, same, year, related_only)
    if target["period"] == "annual" and pd.notna(target.get("period_start")):
        return _assess_each_year(target, same, year, grades, related_only)

    chosen = pick_outcome(same[same["year"] == year])
    if chosen is None:
        if related_only:
            return Assessment(tid, "not-comparable", "只有口径不同的数字，不与目标直接比较")
        return Assessment(tid, "no-data", f"未找到 {year} 年同口径的数字")
    value = convert(chosen["value"], chosen["unit"], target["unit"])
    if value is None:
        return Assessment(tid, "not-comparable",
                          f"结果单位（{chosen['unit']}）不能换算为目标单位（{target['unit']}）",
                          outcome_ids=[chosen["outcome_id"]])
    if chosen["qualifier"] == ">" and value < target["value"]:
        return Assessment(tid, "not-comparable", "结果只给出低于目标的下限（“超过”），无法判定",
                          outcome_value=value, outcome_ids=[chosen["outcome_id"]])
    status, rule = _judge(value, float(target["value"]), target["comparator"], target["unit"])
    if chosen["qualifier"] == ">":
        rule += "；结果为下限（“超过”），下限已达到目标"
    return Assessment(tid, status, rule, outcome_value=value, outcome_ids=[chosen["outcome_id"]],
                      ratio=value / float(target["value"]) if target["value"] else None,
                      gap=value - float(target["value"]), grade=chosen["grade"])


_SEVERITY = {"met": 0, "not-comparable": 1, "close": 2, "missed": 3}


def _assess_each_year(target, same, year, grades, related_only) -> Assessment:
    """An every-year target (每年…): each year of the window with a figure is judged;
    the target's status is that of its worst year."""
    tid = target["target_id"]
    start = int(target["period_start"])
    verdicts = []
    for y in range(start, year + 1):
        one = target.copy()
        one["target_year"], one["period"] = y, "end-of-period"
        a = assess(one, same, grades, related_only)
        if a.outcome_ids:  # a same-scope figure exists for this year
            verdicts.append((y, a))
    if not verdicts:
        status = "not-comparable" if related_only else "no-data"
        return Assessment(tid, status, f"{start}—{year} 年均未找到同口径的年度数字")
    worst_year, worst = max(verdicts, key=lambda v: _SEVERITY[v[1].status])
    years = "、".join(str(y) for y, _ in verdicts)
    return Assessment(tid, worst.status,
                      f"每年目标：逐年判定（有数据的年份：{years}），取最差一年（{worst_year}）；{worst.rule}",
                      outcome_value=worst.outcome_value,
                      outcome_ids=[i for _, a in verdicts for i in a.outcome_ids],
                      ratio=worst.ratio, gap=worst.gap,
                      grade=max((a.grade for _, a in verdicts if a.grade), default=None))


def _assess_average(target, same, year, related_only) -> Assessment:
    """An average-annual growth target over the plan's years, compared on compound growth."""
    tid = target["target_id"]
    start = int(target.get("period_start")) if pd.notna(target.get("period_start")) else None
    if start is None:
        return Assessment(tid, "not-comparable", "年均目标缺少起始年份")
    years = list(range(start, year + 1))
    picked = [pick_outcome(same[same["year"] == y]) for y in years]
    missing = [y for y, p in zip(years, picked) if p is None]
    if missing:
        status = "not-comparable" if related_only else "no-data"
        return Assessment(tid, status, f"缺少 {', '.join(map(str, missing))} 年的增速，无法计算年均增速",
                          outcome_ids=[p["outcome_id"] for p in picked if p is not None])
    if any(p["qualifier"] != "=" for p in picked):
        # "约 7%" style figures still enter the compound average; the rule says so.
        note = "；部分年份为约数"
    else:
        note = ""
    value = compound_average([float(p["value"]) for p in picked])
    status, rule = _judge(value, float(target["value"]), target["comparator"], target["unit"])
    return Assessment(tid, status, f"按 {start}—{year} 年各年增速复合计算的年均增速（推算值）{note}；{rule}",
                      outcome_value=value, outcome_ids=[p["outcome_id"] for p in picked],
                      gap=value - float(target["value"]), derived=True,
                      grade=max(p["grade"] for p in picked))


def assess_all(targets: pd.DataFrame, outcomes: pd.DataFrame, sources: pd.DataFrame,
               gaps: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per target: status, rule, outcome value (target unit), ratio, gap."""
    grades = dict(zip(sources["source_id"], sources["grade"]))
    related = set()
    if gaps is not None and "related_indicator_id" in gaps:
        related = set(gaps.loc[gaps["related_indicator_id"].notna(), "target_id"])
    rows = []
    for _, target in targets.iterrows():
        a = assess(target, outcomes, grades, related_only=target["target_id"] in related)
        rows.append({"target_id": a.target_id, "status": a.status, "status_zh": STATUS_ZH[a.status],
                     "rule": a.rule, "outcome_value": a.outcome_value,
                     "outcome_ids": ";".join(a.outcome_ids), "ratio": a.ratio, "gap": a.gap,
                     "derived": a.derived, "outcome_grade": a.grade})
    return pd.DataFrame(rows)
