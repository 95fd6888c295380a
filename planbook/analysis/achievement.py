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
not-comparable an outcome exists but cannot decide the target: a bound on the
               wrong side of it, a unit that cannot be converted, a target with no
               year, or figures of another 口径 only.

Bounds
------
An outcome may be a bound rather than a number: ``>`` (超过、突破: above L),
``>=`` (at least L: a count of the items a text names), ``<`` (不足、低于: below U) or
``<~`` (近、接近 U: just below U, read as within the close band below U). A bound stands for every value it allows; if all of
them give the same status, that is the verdict, and it is marked as resting on a
bound (basis ``bound``: “达成（下限）”, “未达成（由界推断）”). If the values it
allows would give different statuses, the target is not comparable.

Provisional verdicts
--------------------
A verdict on an estimate (预计, status ``estimate``) or on a figure whose text
does not say which year it is for (``year_basis`` ``unstated``) is provisional
(“暂定”): it may change when the final figure is published.

Average-annual targets
----------------------
Compounded from each year's growth. When some years are missing, the target is
still decided if the years known settle it under any plausible growth in the
missing years — taken as the range of annual growth the same series records in
the book's data, when it records at least ``MIN_YEARS_FOR_RANGE`` years.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import pandas as pd

STATUSES = ("met", "close", "missed", "no-data", "not-comparable")
STATUS_ZH = {"met": "达成", "close": "接近", "missed": "未达成", "no-data": "无数据",
             "not-comparable": "不可比"}
DECIDED = ("met", "close", "missed")
BASES = ("exact", "bound", "derived", "inferred")
# A series needs this many recorded years before its range of annual growth is used
# as the plausible growth of the years still missing from an average-annual target.
MIN_YEARS_FOR_RANGE = 5


def verdict_label(status: str, basis: str | None = None, provisional: bool = False,
                  within_tolerance: bool = False) -> str:
    """The status in words, saying when it rests on a bound, on an inference rule, within
    the tolerance of 左右, or is provisional: 达成 · 达成（下限） · 未达成（由界推断） ·
    接近（暂定） · 未达成（由点名推断，暂定） · 基本达成（在“左右”容差内）."""
    notes = []
    if status == "met" and within_tolerance:
        return "基本达成（在“左右”容差内" + ("，暂定）" if provisional else "）")
    if status in DECIDED and basis == "bound":
        notes.append("下限" if status == "met" else "由界推断")
    if status in DECIDED and basis == "inferred":
        notes.append("由点名推断")
    if status in DECIDED and provisional:
        notes.append("暂定")
    return STATUS_ZH[status] + (f"（{'，'.join(notes)}）" if notes else "")

LEVEL_CLOSE_BAND = 0.05   # relative: within 5 % below a level target is "close"
RATE_CLOSE_BAND = 0.5     # percentage points below a rate target is "close"
RATE_UNITS = {"%", "百分点"}

# Multiply a value in the key's unit by this to get 亿元 (and so on).
_SCALE = {("万亿元", "亿元"): 1e4, ("亿元", "万亿元"): 1e-4}

# Which vintage of a figure the book uses when several exist for one year:
# the latest published (a census revision, then the final figure, then a figure a
# later document restates without saying which it is, then the preliminary one, then
# a 预计 estimate); within a vintage, the better grade.
STATUS_PREFERENCE = ("revised", "final", "restated", "preliminary", "estimate")
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


def implied_deflator(level_before: float, level_after: float, real_growth: float) -> float:
    """The price change (percent) implied by two nominal levels a year apart and the real
    growth between them: (1 + nominal) / (1 + real) − 1. Derived, not published."""
    if level_before <= 0 or level_after <= 0:
        raise ValueError("levels must be positive")
    return ((level_after / level_before) / (1 + real_growth / 100) - 1) * 100


def nominal_projection(level_before: float, real_growth: float, deflator: float) -> float:
    """Next year's nominal level from this year's, a real growth rate and a price change
    (both percent). Derived, not published."""
    return level_before * (1 + real_growth / 100) * (1 + deflator / 100)


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
    basis: str | None = None               # exact | bound | derived (decided verdicts only)
    provisional: bool = False              # rests on an estimate or a year the text does not state
    qualifier: str | None = None           # the qualifier of the outcome used (=, ~, >, <, <~)
    within_tolerance: bool = False         # met only within the tolerance of 左右 (below the target)

    @property
    def label(self) -> str:
        return verdict_label(self.status, self.basis, self.provisional, self.within_tolerance)


# How far below a 左右 rate target still counts as met (percentage points). The book's
# rule is the close band; :func:`about_tolerance` sets another for a sensitivity check.
_ABOUT_RATE_TOLERANCE: ContextVar[float] = ContextVar("about_rate_tolerance", default=RATE_CLOSE_BAND)


@contextmanager
def about_tolerance(points: float):
    """Judge 左右 rate targets as met within ``points`` below them (instead of the close
    band) while the block runs: how much the verdicts depend on reading 左右."""
    token = _ABOUT_RATE_TOLERANCE.set(points)
    try:
        yield
    finally:
        _ABOUT_RATE_TOLERANCE.reset(token)


def below_within_tolerance(value: float, target: float, comparator: str, status: str) -> bool:
    """A 左右 target met only because 左右 tolerates a shortfall: “基本达成”."""
    return comparator == "~" and status == "met" and value < target


def judge(value: float, target: float, comparator: str, unit: str) -> tuple[str, str]:
    """Status and the rule that decided it, in words a reader can check."""
    rate = unit in RATE_UNITS
    band = RATE_CLOSE_BAND if rate else LEVEL_CLOSE_BAND * target
    band_text = f"{RATE_CLOSE_BAND}个百分点" if rate else f"{LEVEL_CLOSE_BAND:.0%}"
    band2_text = f"{2 * RATE_CLOSE_BAND}个百分点" if rate else f"{2 * LEVEL_CLOSE_BAND:.0%}"
    if comparator == "~" and rate and _ABOUT_RATE_TOLERANCE.get() != RATE_CLOSE_BAND:
        tol = _ABOUT_RATE_TOLERANCE.get()
        if value >= target - tol:
            return "met", f"“左右”目标（容差{tol:g}个百分点）：达成"
        if value >= target - tol - band:
            return "close", f"“左右”目标（容差{tol:g}个百分点）：接近"
        return "missed", f"“左右”目标（容差{tol:g}个百分点）：未达成"
    if comparator == "<=":
        if value <= target:
            return "met", "上限目标：不高于目标，达成"
        if value <= target + band:
            return "close", f"上限目标：超出目标不到{band_text}，接近"
        return "missed", f"上限目标：超出目标{band_text}以上，未达成"
    if comparator == "~":
        if value >= target:
            return "met", "“左右”目标：达到或超过目标，达成"
        if value >= target - band:
            return "met", f"“左右”目标：低于目标，差距在{band_text}以内（“左右”的容差），基本达成"
        if value >= target - 2 * band:
            return "close", f"“左右”目标：低于目标{band_text}至{band2_text}，接近"
        return "missed", f"“左右”目标：低于目标{band2_text}以上，未达成"
    # ">=" and "=" are both a level to reach
    if value >= target:
        return "met", "达到或超过目标，达成"
    if value >= target - band:
        return "close", f"低于目标不到{band_text}，接近"
    return "missed", f"低于目标{band_text}以上，未达成"


def assess(target: pd.Series, outcomes: pd.DataFrame, grades: dict[str, str] | None = None,
           related_only: bool = False) -> Assessment:
    """Assess one target row against the outcomes table.

    ``grades`` maps source_id to grade (for choosing among vintages);
    ``related_only`` says that only figures of another 口径 were found (a string: why
    they cannot decide the target, as the gap log words it).
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
            return Assessment(tid, "not-comparable", _related_words(related_only))
        return Assessment(tid, "no-data", f"本书存档中未见{year}年同口径的数字")
    value = convert(chosen["value"], chosen["unit"], target["unit"])
    if value is None:
        return Assessment(tid, "not-comparable",
                          f"结果单位（{chosen['unit']}）不能换算为目标单位（{target['unit']}）",
                          outcome_ids=[chosen["outcome_id"]])
    provisional = is_provisional(chosen)
    qualifier = chosen["qualifier"]
    t_value = float(target["value"])
    rebased = census_rebased(chosen, outcomes, grades)
    if rebased is not None and qualifier in ("=", "~"):
        status, rule = judge(rebased["value"], t_value, target["comparator"], target["unit"])
        return Assessment(tid, status, f"{rebased['words']}；{rule}", outcome_value=rebased["value"],
                          outcome_ids=rebased["ids"], ratio=rebased["value"] / t_value if t_value else None,
                          gap=rebased["value"] - t_value, derived=True, grade=rebased["grade"],
                          basis="derived", provisional=provisional, qualifier=qualifier,
                          within_tolerance=below_within_tolerance(rebased["value"], t_value,
                                                                  target["comparator"], status))
    common = dict(outcome_ids=[chosen["outcome_id"]], grade=chosen["grade"],
                  provisional=provisional, qualifier=qualifier)
    if qualifier in ("=", "~"):
        status, rule = judge(value, t_value, target["comparator"], target["unit"])
        return Assessment(tid, status, rule, outcome_value=value,
                          ratio=value / t_value if t_value else None, gap=value - t_value,
                          basis="exact",
                          within_tolerance=below_within_tolerance(value, t_value, target["comparator"], status),
                          **common)
    status, rule = _judge_bound(value, qualifier, t_value, target["comparator"], target["unit"])
    if status is None:
        return Assessment(tid, "not-comparable", rule, outcome_value=value, **common)
    return Assessment(tid, status, rule, outcome_value=value, basis="bound", **common)


# The 2020 census (第七次全国人口普查) raised resident populations by about a fifth;
# a per-head figure for 2020 or later divided by an older year's population is re-based.
CENSUS_YEAR = 2020
_GRADE_RANK = {"A": 0, "B": 1, "C": 2}


def census_rebased(chosen, outcomes: pd.DataFrame, grades: dict[str, str]) -> dict | None:
    """A per-head figure whose text divides by an older year's population
    (``per_head_base``), re-based to the census population: value × P(base) ÷ P(census).
    None when the figure needs no re-basing or either population is not recorded."""
    base = chosen.get("per_head_base") if hasattr(chosen, "get") else None
    if base is None or pd.isna(base) or int(chosen["year"]) < CENSUS_YEAR or int(base) >= CENSUS_YEAR:
        return None
    people = outcomes[(outcomes["city"] == chosen["city"])
                      & (outcomes["indicator_id"] == "resident_population")]
    people = people.assign(grade=people["source_id"].map(grades).fillna("C"))
    old = pick_outcome(people[people["year"] == int(base)])
    census = pick_outcome(people[people["year"] == CENSUS_YEAR])
    if old is None or census is None:
        return None
    value = float(chosen["value"]) * float(old["value"]) / float(census["value"])
    grade = max((chosen["grade"], old["grade"], census["grade"]), key=lambda g: _GRADE_RANK.get(g, 2))
    from planbook.base.phrasing import number

    words = (f"原文按{int(base)}年人口计算为{number(chosen['value'])}；按第七次全国人口普查的常住人口重算为"
             f"{number(value, 2)}（推算：{number(chosen['value'])}×{number(old['value'])}"
             f"÷{number(census['value'])}）")
    return {"value": value, "grade": grade, "words": words,
            "ids": [chosen["outcome_id"], old["outcome_id"], census["outcome_id"]]}


def is_provisional(outcome) -> bool:
    return outcome.get("status") == "estimate" or outcome.get("year_basis") == "unstated"


def _related_words(related_only) -> str:
    return related_only if isinstance(related_only, str) else "只有口径不同的数字，不与目标直接比较"


_BOUND_WORDS = {">": "下限（“超过”）", ">=": "下限（“至少”）", "<": "上限（“不足”）",
                "<~": "上侧界（“近”）"}


def _judge_bound(bound: float, qualifier: str, target: float, comparator: str,
                 unit: str) -> tuple[str | None, str]:
    """The verdict a bound allows, or (None, why not) when its values disagree.

    The values a bound allows are probed at the points where the rules change
    (the target and the edges of the close bands) and at the bound itself; a
    bound decides the target only when every probe gives the same status.
    """
    rate = unit in RATE_UNITS
    band = RATE_CLOSE_BAND if rate else LEVEL_CLOSE_BAND * target
    edges = sorted({target, target - band, target - 2 * band, target + band, target + 2 * band})
    eps = 1e-9 * max(1.0, abs(target))
    if qualifier == ">":
        lo, hi = bound + eps, math.inf
    elif qualifier == ">=":
        lo, hi = bound, math.inf
    elif qualifier == "<":
        lo, hi = -math.inf, bound - eps
    else:  # "<~": just below the bound, within the close band below it
        near = RATE_CLOSE_BAND if rate else LEVEL_CLOSE_BAND * bound
        lo, hi = bound - near, bound - eps
    probes = [lo, hi] + [e for e in edges if lo < e < hi] + [e - eps for e in edges if lo < e - eps < hi]
    probes = [p for p in probes if math.isfinite(p)] or [bound]
    if not math.isfinite(lo):
        probes.append(min(edges) - 10 * abs(band) - 1)
    if not math.isfinite(hi):
        probes.append(max(edges) + 10 * abs(band) + 1)
    statuses = {judge(p, target, comparator, unit)[0] for p in probes}
    words = _BOUND_WORDS[qualifier]
    if len(statuses) == 1:
        status = statuses.pop()
        return status, f"结果为{words}：界所允许的数值都{STATUS_ZH[status]}，由界推断为“{STATUS_ZH[status]}”"
    side = "低于" if qualifier in (">", ">=") else "高于"
    return None, (f"结果只给出{words}，界所允许的数值中既有{'、'.join(STATUS_ZH[s] for s in sorted(statuses, key=STATUSES.index))}，"
                  f"无法判定（界{side}目标或跨越判定边界）")


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
        if related_only:
            return Assessment(tid, "not-comparable", _related_words(related_only))
        return Assessment(tid, "no-data", f"{start}—{year}年同口径的年度数字在本书存档中都未见")
    worst_year, worst = max(verdicts, key=lambda v: _SEVERITY[v[1].status])
    years = "、".join(str(y) for y, _ in verdicts)
    return Assessment(tid, worst.status,
                      f"每年目标：逐年判定（有数据的年份：{years}），取最差一年（{worst_year}）；{worst.rule}",
                      outcome_value=worst.outcome_value,
                      outcome_ids=[i for _, a in verdicts for i in a.outcome_ids],
                      ratio=worst.ratio, gap=worst.gap,
                      grade=max((a.grade for _, a in verdicts if a.grade), default=None),
                      basis=worst.basis, provisional=any(a.provisional for _, a in verdicts),
                      qualifier=worst.qualifier, within_tolerance=worst.within_tolerance)


def _assess_average(target, same, year, related_only) -> Assessment:
    """An average-annual growth target over the plan's years, compared on compound growth.

    Missing years do not always leave the target open: if even the highest (lowest)
    annual growth the series records elsewhere, in every missing year, cannot lift
    (pull) the average across the verdict's boundary, the years known decide it."""
    tid = target["target_id"]
    start = int(target.get("period_start")) if pd.notna(target.get("period_start")) else None
    if start is None:
        return Assessment(tid, "not-comparable", "年均目标缺少起始年份")
    years = list(range(start, year + 1))
    picked = {y: pick_outcome(same[same["year"] == y]) for y in years}
    known = {y: p for y, p in picked.items() if p is not None}
    missing = [y for y in years if y not in known]
    bounded = [y for y, p in known.items() if p["qualifier"] not in ("=", "~")]
    ids = [p["outcome_id"] for p in known.values()]
    grade = max((p["grade"] for p in known.values()), default=None)
    provisional = any(is_provisional(p) for p in known.values())
    t_value = float(target["value"])
    if not missing and not bounded:
        note = "；部分年份为约数" if any(p["qualifier"] == "~" for p in known.values()) else ""
        value = compound_average([float(known[y]["value"]) for y in years])
        status, rule = judge(value, t_value, target["comparator"], target["unit"])
        return Assessment(tid, status,
                          f"按{start}—{year}年各年增速复合计算的年均增速（推算值）{note}；{rule}",
                          outcome_value=value, outcome_ids=ids, gap=value - t_value,
                          derived=True, grade=grade, basis="derived", provisional=provisional,
                          within_tolerance=below_within_tolerance(value, t_value, target["comparator"], status))
    if bounded:
        no_decision = Assessment(tid, "not-comparable",
                                 f"{'、'.join(map(str, bounded))}年的增速只是界，无法计算年均增速", outcome_ids=ids)
    elif related_only:
        no_decision = Assessment(tid, "not-comparable", _related_words(related_only), outcome_ids=ids)
    else:
        no_decision = Assessment(tid, "no-data", f"本书存档中未见{'、'.join(map(str, missing))}年的增速，"
                                                 "无法计算年均增速", outcome_ids=ids)
    if not known:
        return no_decision
    record = same[same["qualifier"].isin(["=", "~"])]["value"].astype(float)
    if missing and record.size < MIN_YEARS_FOR_RANGE:
        return no_decision
    low, high = (float(record.min()), float(record.max())) if record.size else (math.nan, math.nan)
    # each year as a range: a known rate is itself; a missing year lies within the series'
    # recorded range; a bound (超过 L / 不足 U) is open on its far side
    ranges = []
    for y in years:
        p = known.get(y)
        if p is None:
            ranges.append((low, high))
        elif p["qualifier"] in (">", ">="):
            ranges.append((float(p["value"]), math.inf))
        elif p["qualifier"] in ("<", "<~"):
            ranges.append((-math.inf, float(p["value"])))
        else:
            ranges.append((float(p["value"]),) * 2)
    def average(rates):
        return math.inf if math.inf in rates else (-math.inf if -math.inf in rates
                                                   else compound_average(rates))
    worst = average([r[0] for r in ranges])
    best = average([r[1] for r in ranges])
    if not (math.isfinite(worst) or math.isfinite(best)):
        return no_decision
    best_status = judge(best, t_value, target["comparator"], target["unit"])[0] \
        if math.isfinite(best) else "met"
    worst_status = judge(worst, t_value, target["comparator"], target["unit"])[0] \
        if math.isfinite(worst) else "missed"
    if best_status != worst_status:
        if bounded and not missing and math.isfinite(worst) and len(bounded) == 1:
            # one year known only as “above L”: say how far the average is known and what
            # that year would have needed
            y = bounded[0]
            others = [float(known[x]["value"]) for x in years if x != y]
            need = ((1 + t_value / 100) ** len(years) / math.prod(1 + r / 100 for r in others) - 1) * 100
            return Assessment(
                tid, "not-comparable",
                f"{y}年的增速只知道超过{float(known[y]['value']):g}%，{start}—{year}年的复合年均增速因此"
                f"不低于{worst:.1f}%；要达到目标，{y}年需增长{need:.1f}%以上，界的两侧结论不同，无法判定",
                outcome_ids=ids, grade=grade, provisional=provisional)
        return no_decision
    parts = []
    if missing:
        parts.append(f"缺少{'、'.join(map(str, missing))}年，以本序列有记录的最低{low:g}%与最高{high:g}%代入")
    if bounded:
        parts.append(f"{'、'.join(map(str, bounded))}年只有界")
    span = (f"{worst:.1f}%—{best:.1f}%" if math.isfinite(worst) and math.isfinite(best)
            else (f"不低于 {worst:.1f}%" if math.isfinite(worst) else f"不高于 {best:.1f}%"))
    rule = (f"{'；'.join(parts)}：{start}—{year}年的复合年均增速{span}，"
            f"结论都是“{STATUS_ZH[best_status]}”")
    if missing and not bounded:
        known_rates = [float(known[y]["value"]) for y in years if y in known]
        need = (((1 + t_value / 100) ** len(years) / math.prod(1 + r / 100 for r in known_rates))
                ** (1 / len(missing)) - 1) * 100
        rule += f"（要达到目标，缺失年份需年均增长 {need:.1f}%）"
    return Assessment(tid, best_status, rule, outcome_value=None, outcome_ids=ids,
                      derived=True, grade=grade, basis="bound", provisional=provisional)


def assess_all(targets: pd.DataFrame, outcomes: pd.DataFrame, sources: pd.DataFrame,
               gaps: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per target: status, rule, outcome value (target unit), ratio, gap."""
    grades = dict(zip(sources["source_id"], sources["grade"]))
    related: dict[str, str | bool] = {}
    if gaps is not None and "related_indicator_id" in gaps:
        for row in gaps[gaps["related_indicator_id"].notna()].itertuples():
            reason = getattr(row, "basis_zh", None)
            related[row.target_id] = reason if isinstance(reason, str) and reason else True
    rows = []
    for _, target in targets.iterrows():
        a = assess(target, outcomes, grades, related_only=related.get(target["target_id"], False))
        rows.append({"target_id": a.target_id, "status": a.status, "status_zh": STATUS_ZH[a.status],
                     "verdict": a.label, "basis": a.basis, "provisional": a.provisional,
                     "within_tolerance": a.within_tolerance,
                     "outcome_qualifier": a.qualifier,
                     "rule": a.rule, "outcome_value": a.outcome_value,
                     "outcome_ids": ";".join(a.outcome_ids), "ratio": a.ratio, "gap": a.gap,
                     "derived": a.derived, "outcome_grade": a.grade})
    return pd.DataFrame(rows)


def collapse_ranges(targets: pd.DataFrame, assessed: pd.DataFrame) -> pd.DataFrame:
    """One verdict per counted target: the two ends of a range (rows sharing a
    ``range_group``) become one row, with the worse of their two verdicts, under the
    lower end's target id."""
    if "range_group" not in targets:
        return assessed
    merged = assessed.merge(targets[["target_id", "range_group", "comparator"]], on="target_id")
    rank = {s: i for i, s in enumerate(("met", "not-comparable", "no-data", "close", "missed"))}
    out = []
    for _, group in merged.groupby(merged["range_group"].fillna(merged["target_id"]), sort=False):
        if len(group) == 1:
            out.append(group.iloc[0])
            continue
        worst = group.loc[group["status"].map(rank).idxmax()].copy()
        worst["target_id"] = group.loc[group["comparator"] != "<=", "target_id"].iloc[0]
        out.append(worst)
    result = pd.DataFrame(out).drop(columns=["range_group", "comparator"])
    order = {t: i for i, t in enumerate(assessed["target_id"])}
    return result.sort_values("target_id", key=lambda c: c.map(order)).reset_index(drop=True)
