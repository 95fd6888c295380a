"""Each year's targets against their outcomes, set beside the province and the nation, as
the front page and the comparison state them: per place, the years whose growth target
and outcome the archive holds and how they ended; the years a city grew faster or slower
than the province; the years when several places missed together; the compound growth of
each plan's window against the province and the nation; and the count of every annual
target by verdict. All of it from the growth-target panel
(:func:`planbook.analysis.panel.growth_panel`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planbook.analysis.achievement import DECIDED, STATUS_ZH
from planbook.analysis.annual import annual_scorecard
from planbook.analysis.panel import growth_panel, window_growth, window_table
from planbook.base.i18n import place_name
from planbook.base.phrasing import breakdown_zh, count_en, count_zh, join_en, join_zh, number, years_zh
from planbook.data.load import DataPackage
from planbook.findings.record import Quantity, Record, data

_EN = {"met": "met", "close": "close (narrowly missed)", "missed": "missed"}
PLACES = ("china", "jiangsu", "suzhou", "xuzhou")
YEARS = range(2016, 2026)


def _years(values) -> str:
    return join_zh(f"{int(y)}年" for y in values)


@dataclass(frozen=True)
class PlaceGrowthRecord(Record):
    """One place's growth targets and outcomes of the panel's years."""
    years: int                 # years of the panel
    years_with_target: int
    years_with_outcome: int
    met: int
    close: int
    missed: int
    target_years: str          # “2018年、2020年和2023年”
    missing_target_years: str  # years whose target the archive does not hold (“本书存档中未见”)
    no_target_years: str       # years the report set no target (全国2020年)
    missed_years: str
    coverage: str              # 10个年份中，目标见于本书存档的4个、结果见于本书存档的9个
    clause: str                # 苏州有3个年份的增长目标见于本书存档：达成2个、未达成1个
    clause_en: str


def place_growth_record(panel: pd.DataFrame, place: str) -> PlaceGrowthRecord:
    mine = panel[panel["city"] == place]
    found = mine[mine["target_found"]]
    n = len(found)
    counts = {s: int((found["status"] == s).sum()) for s in DECIDED}
    name = place_name(place)
    undecided = n - sum(counts.values())
    verdicts = breakdown_zh([(STATUS_ZH[s], counts[s]) for s in DECIDED]
                            + [("结果在存档中未见", undecided)], "个", total=n)
    if n == 0:
        clause = f"{name}没有一个年份的增长目标见于本书存档"
    elif n == 1:
        only = found.iloc[0]
        ended = STATUS_ZH[only["status"]] if only["status"] in DECIDED else "无法判定"
        clause = f"{name}的增长目标在本书存档中只见到{int(only['year'])}年一个年份，那一年{ended}"
    else:
        clause = f"{name}有{count_zh(n, '个')}年份的增长目标见于本书存档：{verdicts}"
    years = [int(y) for y in found["year"]]
    if n == 1:
        ended = _EN.get(found.iloc[0]["status"], "could not be decided")
        clause_en = f"the archive holds its growth target for one year only ({years[0]}), and it was {ended}"
    elif n:
        clause_en = (f"the archive holds its growth targets for {count_en(n, 'year')} ({join_en(map(str, years))}): "
                     + join_en(f"{_EN[s]} in {counts[s]}" for s in DECIDED if counts[s]))
    else:
        clause_en = "the archive holds none of its growth targets"
    with_outcome = int(mine["first_value"].notna().sum())
    missing = mine[~mine["target_found"] & ~mine["no_target"]]["year"]
    coverage = (f"{count_zh(len(mine), '个')}年份中，本书存档见到目标的"
                + (f"有{count_zh(n, '个')}" if n else "一个也没有")
                + "，见到结果的" + (f"有{count_zh(with_outcome, '个')}" if with_outcome else "一个也没有"))
    return PlaceGrowthRecord(
        years=len(mine), years_with_target=n, years_with_outcome=with_outcome,
        met=counts["met"], close=counts["close"], missed=counts["missed"],
        target_years=_years(years), missing_target_years=_years(missing),
        no_target_years=_years(mine[mine["no_target"]]["year"]),
        missed_years=_years(found.loc[found["status"] == "missed", "year"]),
        coverage=coverage, clause=clause, clause_en=clause_en)


@dataclass(frozen=True)
class VersusProvince(Record):
    """The years a city's first-release growth was above or below the province's."""
    years: int
    above: int
    below: int
    level: int
    above_years: str
    below_years: str
    clause: str        # 徐州在两者都有数字的4个年份都高于江苏（2021年、2022年、2023年和2025年）
    clause_en: str


def versus_province(panel: pd.DataFrame, place: str) -> VersusProvince:
    mine = panel[(panel["city"] == place) & panel["vs_jiangsu"].notna()]
    above = mine[mine["vs_jiangsu"] > 0.05]
    below = mine[mine["vs_jiangsu"] < -0.05]
    level = mine[mine["vs_jiangsu"].abs() <= 0.05]
    name = place_name(place)
    n = len(mine)
    if n == 0:
        clause = f"本书存档中{name}与江苏没有同一年的增速可比"
    elif len(above) == n:
        clause = f"{name}在两者都有数字的{count_zh(n, '个')}年份都高于江苏（{_years(above['year'])}）"
    elif len(below) == n:
        clause = f"{name}在两者都有数字的{count_zh(n, '个')}年份都低于江苏（{_years(below['year'])}）"
    else:
        parts = []
        if len(above):
            parts.append(f"高于江苏的是{_years(above['year'])}")
        if len(below):
            parts.append(f"低于江苏的是{_years(below['year'])}")
        if len(level):
            parts.append(f"与江苏持平的是{_years(level['year'])}")
        clause = f"{name}与江苏都有数字的{count_zh(n, '个')}年份中，" + "，".join(parts)
    clause_en = (f"{place_name(place, 'en')} grew faster than Jiangsu in {len(above)} of the {n} years "
                 f"with figures for both" + (f" ({join_en(map(str, above['year']))})" if len(above) else ""))
    return VersusProvince(years=n, above=len(above), below=len(below), level=len(level),
                          above_years=_years(above["year"]), below_years=_years(below["year"]),
                          clause=clause, clause_en=clause_en)


@dataclass(frozen=True)
class PlanWindow(Record):
    """A plan's window of years: the city's compound growth against the province's and
    the nation's over the same years (derived), or why it cannot be computed."""
    first: int
    last: int
    relation: str      # 快于全省 | 慢于全省 | 与全省持平 | 无法与全省比较
    clause: str        # 2018—2020年，苏州复合年均增长5.3%，江苏5.6%，低0.3个百分点；全国…
    clause_en: str


def plan_window(panel: pd.DataFrame, place: str, first: int, last: int) -> PlanWindow:
    table = window_table(panel, [(place, first, last)]).iloc[0]
    name, span = place_name(place), f"{first}—{last}年"
    if table["value"] is None or pd.isna(table["value"]):
        missing = _years(table["missing"]) if table["missing"] else ""
        clause = (f"{span}，{name}" + (f"{missing}的增速在本书存档中未见" if missing else "有一年只有上限")
                  + "，计划期的复合增速无法计算")
        clause_en = f"{first}–{last}: {place_name(place, 'en')}'s compound growth cannot be computed (a year is missing)"
        return PlanWindow(first=first, last=last, relation="无法与全省比较", clause=clause, clause_en=clause_en)
    own = table["value"]
    marks = []
    if table["bound"]:
        marks.append("含只有下限的年份，是下限")
    if table["estimates"]:
        marks.append(f"{_years(table['estimates'])}为预计数")
    parts = [f"{span}，{name}复合年均增长{number(own, 1)}%（推算" + ("；" + "，".join(marks) if marks else "") + "）"]
    parts_en = [f"{first}–{last}: {place_name(place, 'en')} {number(own, 1)}% a year (compound, derived)"]
    for other in ("jiangsu", "china"):
        value = table[f"{other}_value"]
        if value is None or pd.isna(value):
            missing = table[f"{other}_missing"]
            parts.append(f"{place_name(other)}{_years(missing)}的增速在本书存档中未见" if missing
                         else f"{place_name(other)}无法计算")
            continue
        gap = own - value
        relation = ("高" if gap > 0.05 else "低" if gap < -0.05 else "持平")
        words = (f"{place_name(other)}{number(value, 1)}%，"
                 + (f"{name}{relation}{number(abs(gap), 1)}个百分点" if relation != "持平" else f"{name}与之持平"))
        parts.append(words)
        parts_en.append(f"{place_name(other, 'en')} {number(value, 1)}%")
    versus = table["minus_jiangsu"]
    relation = ("无法与全省比较" if versus is None or pd.isna(versus) else
                "快于全省" if versus > 0.05 else "慢于全省" if versus < -0.05 else "与全省持平")
    return PlanWindow(first=first, last=last, relation=relation, clause="；".join(parts),
                      clause_en="; ".join(parts_en))


@dataclass(frozen=True)
class CommonMiss(Record):
    """Years in which several places missed their growth targets, and by how much."""
    clause: str        # 2022年，全国、江苏和徐州都未达成增长目标，分别低2.5、2.7和3.3个百分点


def common_misses(panel: pd.DataFrame) -> CommonMiss:
    missed = panel[panel["status"] == "missed"]
    parts = []
    for year, group in missed.groupby("year"):
        if len(group) < 2:
            continue
        group = group.assign(_o=group["city"].map({p: i for i, p in enumerate(PLACES)})).sort_values("_o")
        gaps = join_zh(number(-g, 1) for g in group["minus_target"] if pd.notna(g))
        parts.append(f"{int(year)}年，{join_zh(place_name(c) for c in group['city'])}都未达成增长目标"
                     + (f"，分别低{gaps}个百分点" if gaps else ""))
    return CommonMiss(clause="；".join(parts) if parts else "没有哪一年有两地同时未达成增长目标")


@dataclass(frozen=True)
class AnnualTargets(Record):
    """Every annual target of one place, counted by verdict."""
    targets: int
    decided: int
    met: int
    missed: int
    clause: str        # 苏州有15条年度目标可与结果对照：达成11条、未达成4条


def annual_targets(card: pd.DataFrame, place: str) -> AnnualTargets:
    mine = card[card["city"] == place]
    counts = {s: int((mine["status"] == s).sum()) for s in DECIDED}
    decided = sum(counts.values())
    name = place_name(place)
    clause = (f"{name}有{count_zh(decided)}年度目标可与结果对照："
              + breakdown_zh([(STATUS_ZH[s], counts[s]) for s in DECIDED], total=decided)
              if decided else f"{name}没有一条年度目标能与结果对照")
    return AnnualTargets(targets=len(mine), decided=decided, met=counts["met"],
                         missed=counts["missed"], clause=clause)


@dataclass(frozen=True)
class DecidedYear(Record):
    """The latest year of a place whose growth target was decided."""
    year: int
    target: str            # 6.5%左右
    outcome: Quantity
    grade: str
    status: str
    shortfall: Quantity    # target − outcome (points; negative when above)


def latest_decided(panel: pd.DataFrame, place: str) -> DecidedYear:
    mine = panel[(panel["city"] == place) & panel["status"].isin(DECIDED)].sort_values("year")
    if mine.empty:
        raise ValueError(f"no decided growth target for {place}")
    r = mine.iloc[-1]
    return DecidedYear(
        year=int(r["year"]), target=r["target"],
        outcome=Quantity(r["first_value"], "%", 1, grade=r["first_grade"], vintage=r["first_status"],
                         qualifier=r["first_qualifier"], year=int(r["year"]),
                         source_ids=(r["first_source_id"],)),
        grade=r["first_grade"], status=STATUS_ZH[r["status"]],
        shortfall=Quantity(float(r["target_value"]) - float(r["first_value"]), "个百分点", 1,
                           derived=True))


@dataclass(frozen=True)
class AnnualFindings(Record):
    cn: PlaceGrowthRecord
    js: PlaceGrowthRecord
    sz: PlaceGrowthRecord
    xz: PlaceGrowthRecord
    sz_vs_js: VersusProvince
    xz_vs_js: VersusProvince
    sz_window: PlanWindow          # the Suzhou plan's window
    xz_window: PlanWindow          # the Xuzhou cluster plan's window
    xz_fyp_window: PlanWindow      # Xuzhou's 14th five-year period
    common: CommonMiss
    sz_all: AnnualTargets
    xz_all: AnnualTargets
    missed_growth: str             # 全国2022年、江苏2020年…
    xz_latest: DecidedYear
    card: pd.DataFrame = data()
    panel: pd.DataFrame = data()
    relative: pd.DataFrame = data()


def relative_series(panel: pd.DataFrame, places=("china", "suzhou", "xuzhou")) -> pd.DataFrame:
    """Each place's first-release growth minus the province's of the same year, shaped as a
    time series (city, year, value in 百分点, the vintage and the weaker grade of the two)."""
    js = panel[panel["city"] == "jiangsu"].set_index("year")
    rows = []
    for _, r in panel[panel["city"].isin(places) & panel["vs_jiangsu"].notna()].iterrows():
        other = js.loc[r["year"]]
        grade = max(r["first_grade"], other["first_grade"], key=lambda g: "ABC".index(g))
        status = "estimate" if "estimate" in (r["first_status"], other["first_status"]) else r["first_status"]
        rows.append({"city": r["city"], "year": int(r["year"]), "value": round(float(r["vs_jiangsu"]), 10),
                     "unit": "百分点", "qualifier": "=", "status": status, "grade": grade,
                     "outcome_id": r["first_outcome_id"], "source_id": r["first_source_id"],
                     "jiangsu_source_id": other["first_source_id"], "derived": True})
    return pd.DataFrame(rows)


def annual_findings(book: DataPackage, *, sz_window=(2018, 2020), xz_window=(2022, 2025),
                    xz_fyp_window=(2021, 2025)) -> AnnualFindings:
    card = annual_scorecard(book.targets, book.outcomes, book.sources)
    panel = growth_panel(book.targets, book.outcomes, book.sources, book.non_targets, PLACES, YEARS)
    missed = panel[panel["status"] == "missed"].sort_values(["year", "city"])
    return AnnualFindings(
        cn=place_growth_record(panel, "china"), js=place_growth_record(panel, "jiangsu"),
        sz=place_growth_record(panel, "suzhou"), xz=place_growth_record(panel, "xuzhou"),
        sz_vs_js=versus_province(panel, "suzhou"), xz_vs_js=versus_province(panel, "xuzhou"),
        sz_window=plan_window(panel, "suzhou", *sz_window), xz_window=plan_window(panel, "xuzhou", *xz_window),
        xz_fyp_window=plan_window(panel, "xuzhou", *xz_fyp_window), common=common_misses(panel),
        sz_all=annual_targets(card, "suzhou"), xz_all=annual_targets(card, "xuzhou"),
        missed_growth=join_zh(f"{place_name(r.city)}{r.year}年" for r in missed.itertuples()),
        xz_latest=latest_decided(panel, "xuzhou"), card=card, panel=panel,
        relative=relative_series(panel))


__all__ = ["annual_findings", "window_growth", "years_zh"]
