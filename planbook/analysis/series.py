"""Time series the chapters plot: one value per city and year, chosen by the
book's rule (see :func:`planbook.analysis.achievement.pick_outcome`) and converted to one
unit, with the grade, vintage and qualifier of the figure kept beside it."""

from __future__ import annotations

import pandas as pd

from planbook.analysis.achievement import convert, pick_outcome

# The vintage of a recorded figure (outcomes.csv `status`), as readers see it.
VINTAGE_ZH = {"preliminary": "初步数", "final": "最终数", "revised": "修订数", "restated": "后来重述的数字",
              "estimate": "预计数"}


def preferred_series(outcomes: pd.DataFrame, sources: pd.DataFrame, indicator_id: str,
                     unit: str, cities: list[str] | None = None) -> pd.DataFrame:
    """city, year, value (in ``unit``), qualifier, status, grade, outcome_id, source_id."""
    grades = dict(zip(sources["source_id"], sources["grade"]))
    rows = outcomes[outcomes["indicator_id"] == indicator_id]
    if cities is not None:
        rows = rows[rows["city"].isin(cities)]
    rows = rows.assign(grade=rows["source_id"].map(grades))
    chosen = []
    for (_, _), group in rows.groupby(["city", "year"]):
        best = pick_outcome(group)
        value = convert(best["value"], best["unit"], unit)
        if value is None:
            raise ValueError(f"{best['outcome_id']}: {best['unit']} does not convert to {unit}")
        chosen.append({"city": best["city"], "year": int(best["year"]), "value": value,
                       "unit": unit, "qualifier": best["qualifier"], "status": best["status"],
                       "grade": best["grade"], "outcome_id": best["outcome_id"],
                       "source_id": best["source_id"]})
    columns = ["city", "year", "value", "unit", "qualifier", "status", "grade", "outcome_id",
               "source_id"]
    return pd.DataFrame(chosen, columns=columns).sort_values(["city", "year"]).reset_index(
        drop=True)


def conflicts(outcomes: pd.DataFrame, tolerance: float = 1e-9) -> pd.DataFrame:
    """Every city/indicator/year for which the recorded figures differ
    (after converting to the unit of the first), with all their rows."""
    out = []
    for (city, ind, year), group in outcomes.groupby(["city", "indicator_id", "year"]):
        if len(group) < 2:
            continue
        first_unit = group["unit"].iloc[0]
        values = [convert(v, u, first_unit) for v, u in zip(group["value"], group["unit"])]
        comparable = [v for v in values if v is not None]
        differ = (len(set(group["qualifier"])) > 1 or len(set(group["status"])) > 1
                  or (comparable and max(comparable) - min(comparable) > tolerance))
        if differ:
            out.append(group.assign(value_in_first_unit=values, first_unit=first_unit))
    if not out:
        return outcomes.iloc[0:0]
    return pd.concat(out).sort_values(["city", "indicator_id", "year", "outcome_id"])


def years_behind(lagging: pd.DataFrame, leading: pd.DataFrame) -> tuple[int, int] | None:
    """(year, lead_year): the lagging series' latest year, and the latest year in
    which the leading series was at or below that level. None if never."""
    if lagging.empty or leading.empty:
        return None
    last = lagging.sort_values("year").iloc[-1]
    earlier = leading[leading["value"] <= last["value"]]
    if earlier.empty:
        return None
    return int(last["year"]), int(earlier["year"].max())


def lag_years(lagging: pd.DataFrame, leading: pd.DataFrame) -> dict:
    """How many years the lagging city's latest level trails the leading city's.

    Returns latest_year, latest_value, lead_year (the latest year in which the
    leading series was at or below that level), lag, and lower_bound: True
    when the leading series is already above that level in its first recorded
    year, so the lag is at least ``latest_year - first year`` and possibly more.
    """
    last = lagging.sort_values("year").iloc[-1]
    leading = leading.sort_values("year")
    earlier = leading[leading["value"] <= last["value"]]
    if earlier.empty:
        first = leading.iloc[0]
        return {"latest_year": int(last["year"]), "latest_value": float(last["value"]),
                "lead_year": int(first["year"]), "lead_value": float(first["value"]),
                "lag": int(last["year"]) - int(first["year"]), "lower_bound": True}
    lead = earlier.iloc[-1]
    return {"latest_year": int(last["year"]), "latest_value": float(last["value"]),
            "lead_year": int(lead["year"]), "lead_value": float(lead["value"]),
            "lag": int(last["year"]) - int(lead["year"]), "lower_bound": False}


def latest_figure(series: pd.DataFrame, city: str) -> pd.Series | None:
    """The latest year's figure of ``city`` in a :func:`preferred_series` that is a
    number (exact or rounded), not a bound; None if there is none."""
    numbers = series[(series["city"] == city) & series["qualifier"].isin(["=", "~"])]
    return None if numbers.empty else numbers.sort_values("year").iloc[-1]
