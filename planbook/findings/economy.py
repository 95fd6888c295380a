"""Findings about the economies themselves (GDP, growth), shared by the front page and
the comparison: the latest figure of each city, how many years one city's output trails
the other's, and each city's year-by-year record against its growth targets."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planbook.analysis.series import lag_years, latest_figure, preferred_series
from planbook.base.phrasing import count_zh
from planbook.data.load import DataPackage
from planbook.findings.record import Quantity, Record, data

# decimals printed for each unit the book states
DIGITS = {"亿元": 0, "万亿元": 2, "%": 1, "百分点": 1, "个百分点": 1}


def quantity(row, digits: int | None = None, *, unit: str | None = None,
             derived: bool = False) -> Quantity:
    """A chosen figure (a row of a preferred series or an outcomes row with ``grade``)
    as a :class:`Quantity`."""
    unit = unit if unit is not None else row["unit"]
    return Quantity(float(row["value"]), unit, digits, grade=row.get("grade"),
                    vintage=row.get("status"), derived=derived,
                    qualifier=row.get("qualifier", "="), year=int(row["year"]),
                    source_ids=(row["source_id"],) if row.get("source_id") else ())


def gdp_levels(book: DataPackage, cities=("xuzhou", "suzhou")) -> pd.DataFrame:
    """The GDP series (亿元) of the cities, one figure per city and year."""
    return preferred_series(book.outcomes, book.sources, "gdp", "亿元", list(cities))


@dataclass(frozen=True)
class LatestGdp(Record):
    year: int
    gdp: Quantity
    vintage: str       # 初步数 …
    grade: str


def latest_gdp(level: pd.DataFrame, city: str) -> LatestGdp:
    """The city's latest GDP that is a number (not a bound)."""
    row = latest_figure(level, city)
    if row is None:
        raise ValueError(f"no GDP figure for {city}")
    q = quantity(row, 0, unit="亿元")
    return LatestGdp(year=q.year, gdp=q, vintage=q.vintage_zh, grade=q.grade)


@dataclass(frozen=True)
class GdpLag(Record):
    """How far the lagging city's latest nominal GDP trails the leading city's series."""
    latest_year: int
    latest: Quantity
    latest_vintage: str
    latest_grade: str
    lead_year: int
    lead: Quantity
    lead_vintage: str
    years: int
    clause: str        # 落后苏州6年 | 至少落后苏州6年
    clause_en: str


def gdp_lag(level: pd.DataFrame, lagging: str = "xuzhou", leading: str = "suzhou",
            leading_name: str = "苏州") -> GdpLag:
    numbers = level[level["qualifier"].isin(["=", "~"])]   # exact or rounded, not bounds
    lag = lag_years(numbers[numbers["city"] == lagging], numbers[numbers["city"] == leading])
    last = numbers[(numbers["city"] == lagging) & (numbers["year"] == lag["latest_year"])].iloc[0]
    lead = numbers[(numbers["city"] == leading) & (numbers["year"] == lag["lead_year"])].iloc[0]
    at_least = "至少" if lag["lower_bound"] else ""
    years = lag["lag"]
    return GdpLag(
        latest_year=lag["latest_year"], latest=quantity(last, 0, unit="亿元"),
        latest_vintage=quantity(last).vintage_zh, latest_grade=last["grade"],
        lead_year=lag["lead_year"], lead=quantity(lead, 0, unit="亿元"),
        lead_vintage=quantity(lead).vintage_zh, years=years,
        clause=f"{at_least}落后{leading_name}{count_zh(years, '年')}",
        clause_en=f"{'at least ' if at_least else ''}{years} year{'s' if years != 1 else ''}")


@dataclass(frozen=True)
class GdpOverview(Record):
    """The front page's and the comparison's statement about the two economies."""
    xz: LatestGdp
    sz: LatestGdp
    lag: GdpLag
    level: pd.DataFrame = data()


def gdp_overview(book: DataPackage) -> GdpOverview:
    level = gdp_levels(book)
    return GdpOverview(xz=latest_gdp(level, "xuzhou"), sz=latest_gdp(level, "suzhou"),
                       lag=gdp_lag(level), level=level)
