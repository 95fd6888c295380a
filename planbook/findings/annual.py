"""Each year's targets against their outcomes, as the front page and the comparison
state them: per place, the years whose growth target the archive holds and how they
ended, and the count of every annual target by verdict."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planbook.analysis.achievement import DECIDED, STATUS_ZH
from planbook.analysis.annual import annual_scorecard, growth_record
from planbook.base.i18n import place_name
from planbook.base.phrasing import breakdown_zh, count_en, count_zh, join_en, join_zh
from planbook.data.load import DataPackage
from planbook.findings.record import Quantity, Record, data

NOT_IN_ARCHIVE = "本书存档中未见"
_EN = {"met": "met", "close": "close (narrowly missed)", "missed": "missed"}


@dataclass(frozen=True)
class PlaceGrowthRecord(Record):
    """One place's growth targets of the years ``first``–``last``."""
    years_with_target: int
    years_without_target: int
    met: int
    close: int
    missed: int
    target_years: str      # “2018年、2020年和2023年”
    missed_years: str      # “2020年” | “”
    clause: str            # 苏州有3个年份的增长目标见于本书存档：达成2个、未达成1个
    clause_en: str


def place_growth_record(record: pd.DataFrame, place: str) -> PlaceGrowthRecord:
    mine = record[record["city"] == place]
    found = mine[mine["target_public"]]
    n = len(found)
    counts = {s: int((found["status"] == s).sum()) for s in DECIDED}
    name = place_name(place)
    verdicts = breakdown_zh([(STATUS_ZH[s], counts[s]) for s in DECIDED], "个")
    if n == 0:
        clause = f"{name}没有一个年份的增长目标见于本书存档"
    elif n == 1:
        only = found.iloc[0]
        ended = STATUS_ZH[only["status"]] if only["status"] in DECIDED else "无法判定"
        clause = f"{name}的增长目标在本书存档中只见到{int(only['year'])}年一个年份，那一年{ended}"
    else:
        clause = f"{name}有{count_zh(n, '个')}年份的增长目标见于本书存档：{verdicts}"
    years = [int(y) for y in found["year"]]
    missed = [int(y) for y in found.loc[found["status"] == "missed", "year"]]
    if n == 1:
        only = found.iloc[0]
        ended = _EN.get(only["status"], "could not be decided")
        clause_en = f"the archive holds its growth target for one year only ({years[0]}), and it was {ended}"
    elif n:
        clause_en = (f"the archive holds its growth targets for {count_en(n, 'year')} ({join_en(map(str, years))}): "
                     + join_en(f"{_EN[s]} in {counts[s]}" for s in DECIDED if counts[s]))
    else:
        clause_en = "the archive holds none of its growth targets"
    return PlaceGrowthRecord(
        years_with_target=n, years_without_target=len(mine) - n,
        met=counts["met"], close=counts["close"], missed=counts["missed"],
        target_years=join_zh(f"{y}年" for y in years), missed_years=join_zh(f"{y}年" for y in missed),
        clause=clause, clause_en=clause_en)


@dataclass(frozen=True)
class DecidedYear(Record):
    """The latest year of a place whose growth target was decided."""
    year: int
    target: str            # 6.5%左右
    outcome: Quantity
    grade: str
    status: str
    shortfall: Quantity    # target − outcome (points; negative when above)


def latest_decided(record: pd.DataFrame, place: str) -> DecidedYear:
    mine = record[(record["city"] == place) & record["status"].isin(DECIDED)].sort_values("year")
    if mine.empty:
        raise ValueError(f"no decided growth target for {place}")
    r = mine.iloc[-1]
    return DecidedYear(
        year=int(r["year"]), target=r["target"],
        outcome=Quantity(r["outcome_value"], "%", 1, grade=r["outcome_grade"],
                         vintage=r["outcome_status"], qualifier=r["outcome_qualifier"],
                         year=int(r["year"]), source_ids=(r["outcome_source_id"],)),
        grade=r["outcome_grade"], status=STATUS_ZH[r["status"]],
        shortfall=Quantity(float(r["target_value"]) - float(r["outcome_value"]), "个百分点", 1,
                           derived=True))


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
class AnnualFindings(Record):
    xz: PlaceGrowthRecord
    sz: PlaceGrowthRecord
    js: PlaceGrowthRecord
    sz_all: AnnualTargets
    xz_all: AnnualTargets
    missed_growth: str     # 苏州2020年、江苏2020年和徐州2022年
    xz_latest: DecidedYear
    card: pd.DataFrame = data()
    record: pd.DataFrame = data()


PLACES = ("xuzhou", "suzhou", "jiangsu")


def annual_findings(book: DataPackage, years=range(2016, 2026)) -> AnnualFindings:
    card = annual_scorecard(book.targets, book.outcomes, book.sources)
    record = growth_record(book.targets, book.outcomes, book.sources, list(PLACES), years)
    growth = card[card["indicator_id"] == "gdp_growth"]
    missed = growth[growth["status"] == "missed"].sort_values(["year", "city"])
    return AnnualFindings(
        xz=place_growth_record(record, "xuzhou"), sz=place_growth_record(record, "suzhou"),
        js=place_growth_record(record, "jiangsu"),
        sz_all=annual_targets(card, "suzhou"), xz_all=annual_targets(card, "xuzhou"),
        xz_latest=latest_decided(record, "xuzhou"),
        missed_growth=join_zh(f"{place_name(r.city)}{r.year}年" for r in missed.itertuples()),
        card=card, record=record)
