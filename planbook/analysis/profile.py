"""The two cities side by side: population, GDP, GDP per head, structure and
industrial output for the same years, each cell a recorded figure (with its
source, grade and vintage) or a figure the book computes from recorded ones,
and a gap where no source holds the number."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planbook.analysis.series import preferred_series

CITIES = ("xuzhou", "suzhou")


@dataclass(frozen=True)
class Cell:
    """One city's figure for one row and year of the profile."""
    value: float | None          # None: no recorded figure (a gap)
    unit: str
    qualifier: str = "="
    status: str = ""
    grade: str = ""
    source_ids: tuple[str, ...] = ()
    computed: bool = False       # the book's division of two recorded figures

    @property
    def found(self) -> bool:
        return self.value is not None


def _series(outcomes, sources, indicator, unit):
    if not (outcomes["indicator_id"] == indicator).any():
        return pd.DataFrame(columns=["city", "year", "value", "qualifier", "status", "grade",
                                     "source_id"])
    return preferred_series(outcomes, sources, indicator, unit, list(CITIES))


def _recorded(series: pd.DataFrame, city: str, year: int, unit: str) -> Cell:
    row = series[(series["city"] == city) & (series["year"] == year)]
    if row.empty:
        return Cell(None, unit)
    r = row.iloc[0]
    return Cell(float(r["value"]), unit, r["qualifier"], r["status"], r["grade"], (r["source_id"],))


def _ratio(top: Cell, bottom: Cell, unit: str, scale: float) -> Cell:
    """top / bottom × scale, only from two exact or rounded figures (never a bound)."""
    usable = {"=", "~"}
    if not (top.found and bottom.found and top.qualifier in usable and bottom.qualifier in usable):
        return Cell(None, unit)
    grade = max(top.grade, bottom.grade)          # "C" > "B" > "A": the weaker grade
    qualifier = "~" if "~" in (top.qualifier, bottom.qualifier) else "="
    return Cell(top.value / bottom.value * scale, unit, qualifier, "", grade,
                tuple(dict.fromkeys(top.source_ids + bottom.source_ids)), computed=True)


# (row key, Chinese label, English label)
ROWS = (
    ("population", "常住人口", "Resident population"),
    ("gdp", "地区生产总值（当年价）", "GDP (current prices)"),
    ("gdp_per_head", "人均地区生产总值（当年价）", "GDP per head (current prices)"),
    ("secondary_share", "第二产业增加值占GDP比重", "Secondary sector, share of GDP"),
    ("tertiary_share", "第三产业增加值占GDP比重", "Tertiary sector, share of GDP"),
    ("industrial_output", "规模以上工业总产值", "Gross output of industry above designated size"),
)


def city_profile(outcomes: pd.DataFrame, sources: pd.DataFrame,
                 years: tuple[int, ...]) -> dict[tuple[str, int, str], Cell]:
    """{(row key, year, city): Cell} for every row of :data:`ROWS`, year and city.

    A stated figure is used where the data hold one (GDP per head, the services
    share); otherwise GDP per head is GDP ÷ resident population (year-end or
    census-day population, where the statistics bureau divides by the year's
    average) and a sector's share is its value added ÷ GDP, both marked as the
    book's computation and graded by the weaker of the two inputs."""
    population = _series(outcomes, sources, "resident_population", "人")
    gdp = _series(outcomes, sources, "gdp", "亿元")
    per_head = _series(outcomes, sources, "gdp_per_capita", "元")
    secondary = _series(outcomes, sources, "secondary_industry_value_added", "亿元")
    tertiary = _series(outcomes, sources, "tertiary_industry_value_added", "亿元")
    services_share = _series(outcomes, sources, "services_share_of_gdp", "%")
    output = _series(outcomes, sources, "industrial_output_above_scale", "万亿元")
    cells = {}
    for year in years:
        for city in CITIES:
            pop = _recorded(population, city, year, "人")
            total = _recorded(gdp, city, year, "亿元")
            stated_per_head = _recorded(per_head, city, year, "元")
            stated_share = _recorded(services_share, city, year, "%")
            cells[("population", year, city)] = Cell(
                None if pop.value is None else pop.value / 1e4, "万人", pop.qualifier, pop.status,
                pop.grade, pop.source_ids)
            cells[("gdp", year, city)] = total
            cells[("gdp_per_head", year, city)] = (
                stated_per_head if stated_per_head.found else _ratio(total, pop, "元", 1e8))
            cells[("secondary_share", year, city)] = _ratio(
                _recorded(secondary, city, year, "亿元"), total, "%", 100)
            cells[("tertiary_share", year, city)] = (
                stated_share if stated_share.found
                else _ratio(_recorded(tertiary, city, year, "亿元"), total, "%", 100))
            cells[("industrial_output", year, city)] = _recorded(output, city, year, "万亿元")
    return cells


def profile_sources(cells: dict) -> list[str]:
    """The source ids the profile's cells rest on, in the order of first use."""
    order = {key: i for i, (key, _, _) in enumerate(ROWS)}
    ordered = sorted(cells.items(), key=lambda kv: (kv[0][1], order[kv[0][0]], CITIES.index(kv[0][2])))
    return list(dict.fromkeys(s for _, cell in ordered for s in cell.source_ids))


def ratio_of(cells: dict, key: str, year: int, over: str = "suzhou",
             under: str = "xuzhou") -> float | None:
    """cells[over] / cells[under] for one row and year (e.g. how many times Xuzhou's
    GDP per head Suzhou's is); None if either is a gap."""
    a, b = cells[(key, year, over)], cells[(key, year, under)]
    return None if not (a.found and b.found) else a.value / b.value
