"""The growth-target panel: for each place (the nation, the province, the two cities)
and year, the GDP growth target its work report set, the first-release outcome and the
final one where recorded, the verdict, and the derived columns that set a verdict
against something — one rule each:

- ``minus_target``: first-release outcome − target (the low end of a range, the value
  of 左右 or 以上), in percentage points;
- ``vs_jiangsu`` / ``vs_china``: first-release outcome − the province's / the nation's
  first-release outcome of the same year (the same vintage on both sides; empty where
  either is only a bound);
- ``ambition``: target − the place's own first-release outcome of the year before
  (how far above last year's growth the target was set).

And, for a window of years, the compound growth of a place, the province and the nation
over the same years (:func:`window_growth`). Every derived value is computed here from
recorded figures and is marked as derived where a page shows it.
"""

from __future__ import annotations

import math

import pandas as pd

from planbook.analysis.achievement import DECIDED, STATUS_ZH, assess_all, collapse_ranges, compound_average

PLACES = ("china", "jiangsu", "suzhou", "xuzhou")
# The first release of a year's growth: the preliminary figure, else an estimate.
FIRST_RELEASE = ("preliminary", "estimate", "restated", "final", "revised")
LATER = ("revised", "final")
NUMBERS = ("=", "~")


def target_wording(comparator: str, low: float, high: float | None = None) -> str:
    """“6.5%左右”, “6%以上”, “6.5%—7%”, “7%”."""
    from planbook.base.phrasing import number

    if comparator == "range":
        return f"{number(low)}%—{number(high)}%"
    return f"{number(low)}%" + {"~": "左右", ">=": "以上"}.get(comparator, "")


def _first(rows: pd.DataFrame) -> pd.Series | None:
    """The first release among a year's recorded figures (the better grade first)."""
    if rows.empty:
        return None
    rank = {s: i for i, s in enumerate(FIRST_RELEASE)}
    grades = {"A": 0, "B": 1, "C": 2}
    return rows.assign(_s=rows["status"].map(rank), _g=rows["grade"].map(grades),
                       _n=(~rows["qualifier"].isin(NUMBERS)).astype(int)) \
        .sort_values(["_s", "_n", "_g", "outcome_id"]).iloc[0]


def _later(rows: pd.DataFrame) -> pd.Series | None:
    later = rows[rows["status"].isin(LATER)]
    if later.empty:
        return None
    return later.assign(_s=later["status"].map({"revised": 0, "final": 1})).sort_values(["_s", "outcome_id"]).iloc[0]


def growth_panel(targets: pd.DataFrame, outcomes: pd.DataFrame, sources: pd.DataFrame,
                 non_targets: pd.DataFrame | None = None, places=PLACES,
                 years=range(2016, 2026)) -> pd.DataFrame:
    """One row per place and year (see the module's docstring for the derived columns)."""
    from planbook.base.i18n import language_of

    grades = dict(zip(sources["source_id"], sources["grade"]))
    annual = targets[(targets["target_kind"] == "annual") & (targets["indicator_id"] == "gdp_growth")]
    verdicts = collapse_ranges(annual, assess_all(annual, outcomes, sources)).set_index("target_id")
    growth = outcomes[outcomes["indicator_id"] == "gdp_growth"].assign(
        grade=lambda f: f["source_id"].map(grades).fillna("C"))
    untargeted = set()
    if non_targets is not None and "city" in non_targets:
        nt = non_targets[(non_targets["reason"] == "no-target") & (non_targets["indicator_id"] == "gdp_growth")]
        untargeted = {(c, int(y)) for c, y in zip(nt["city"], nt["year"])}
    rows = []
    for place in places:
        for year in years:
            mine = annual[(annual["city"] == place) & (annual["target_year"] == year)]
            row = {"city": place, "year": year, "target_found": not mine.empty,
                   "no_target": (place, year) in untargeted}
            if not mine.empty:
                low_row = mine[mine["comparator"] != "<="].iloc[0]
                high = mine.loc[mine["comparator"] == "<=", "value"]
                comparator = "range" if len(high) else low_row["comparator"]
                v = verdicts.loc[low_row["target_id"]]
                row.update(
                    target_id=low_row["target_id"], comparator=comparator,
                    target_value=float(low_row["value"]),
                    target_high=float(high.iloc[0]) if len(high) else (
                        float(low_row["value"]) if comparator in ("~", "=") else math.nan),
                    target=target_wording(comparator, float(low_row["value"]),
                                          float(high.iloc[0]) if len(high) else None),
                    target_quote=low_row["quote"], target_language=language_of(low_row["quote"]),
                    target_source_id=low_row["source_id"], target_grade=grades.get(low_row["source_id"]),
                    status=v["status"], verdict=v["verdict"], provisional=bool(v["provisional"]),
                    within_tolerance=bool(v.get("within_tolerance", False)))
            year_rows = growth[(growth["city"] == place) & (growth["year"] == year)]
            first, later = _first(year_rows), _later(year_rows)
            if first is not None:
                row.update(first_value=float(first["value"]), first_qualifier=first["qualifier"],
                           first_status=first["status"], first_grade=first["grade"],
                           first_source_id=first["source_id"], first_outcome_id=first["outcome_id"])
            if later is not None and (first is None or later["outcome_id"] != first["outcome_id"]):
                row.update(final_value=float(later["value"]), final_status=later["status"],
                           final_grade=later["grade"], final_source_id=later["source_id"])
            rows.append(row)
    panel = pd.DataFrame(rows)
    for column in ("target_value", "target_high", "first_value", "final_value"):
        if column not in panel:
            panel[column] = math.nan
    for column in ("comparator", "target", "status", "verdict", "first_qualifier", "first_status",
                   "first_grade", "first_source_id", "final_status", "target_source_id", "target_language"):
        if column not in panel:
            panel[column] = None
    number = panel["first_qualifier"].isin(NUMBERS)
    first = panel["first_value"].where(number)
    panel["outcome_is_bound"] = panel["first_value"].notna() & ~number
    panel["minus_target"] = first - panel["target_value"]

    def same_year(place):
        other = panel[panel["city"] == place].set_index("year")["first_value"].where(
            panel[panel["city"] == place].set_index("year")["first_qualifier"].isin(NUMBERS))
        return panel["year"].map(other)
    panel["vs_jiangsu"] = (first - same_year("jiangsu")).where(panel["city"] != "jiangsu")
    panel["vs_china"] = (first - same_year("china")).where(panel["city"] != "china")
    previous = panel.assign(year=panel["year"] + 1).set_index(["city", "year"])["first_value"].where(
        panel.assign(year=panel["year"] + 1).set_index(["city", "year"])["first_qualifier"].isin(NUMBERS))
    panel["previous_first"] = [previous.get((c, y), math.nan) for c, y in zip(panel["city"], panel["year"])]
    panel["ambition"] = panel["target_value"] - panel["previous_first"]
    return panel


def window_growth(panel: pd.DataFrame, place: str, first: int, last: int) -> dict:
    """Compound average growth of ``place`` over ``first``–``last`` from first-release
    figures: the value (derived) where every year is a number; where some year is only a
    lower bound, the value is a lower bound (``bound`` True); where a year is missing,
    no value and the missing years listed."""
    mine = panel[(panel["city"] == place) & panel["year"].between(first, last)].set_index("year")
    years = list(range(first, last + 1))
    missing = [y for y in years if y not in mine.index or pd.isna(mine.loc[y, "first_value"])]
    estimates = [y for y in years if y not in missing and mine.loc[y, "first_status"] == "estimate"]
    bounds = [y for y in years if y not in missing and mine.loc[y, "first_qualifier"] not in NUMBERS]
    upper = [y for y in bounds if mine.loc[y, "first_qualifier"] in ("<", "<~")]
    result = {"place": place, "first": first, "last": last, "value": None, "bound": bool(bounds),
              "missing": missing, "estimates": estimates, "bounds": bounds}
    if missing or upper:
        return result
    result["value"] = compound_average([float(mine.loc[y, "first_value"]) for y in years])
    return result


def window_table(panel: pd.DataFrame, windows: list[tuple[str, int, int]],
                 benchmarks=("jiangsu", "china")) -> pd.DataFrame:
    """For each (place, first, last): the compound growth of the place, the province and
    the nation over the same years, and the differences (derived; a lower bound marked)."""
    rows = []
    for place, first, last in windows:
        own = window_growth(panel, place, first, last)
        row = {"place": place, "first": first, "last": last, "value": own["value"],
               "bound": own["bound"], "missing": own["missing"], "estimates": own["estimates"]}
        for other in benchmarks:
            theirs = window_growth(panel, other, first, last)
            row[f"{other}_value"] = theirs["value"]
            row[f"{other}_bound"] = theirs["bound"]
            row[f"{other}_missing"] = theirs["missing"]
            row[f"minus_{other}"] = (own["value"] - theirs["value"]
                                     if own["value"] is not None and theirs["value"] is not None
                                     and not theirs["bound"] else None)
        rows.append(row)
    return pd.DataFrame(rows)


def decided(panel: pd.DataFrame) -> pd.DataFrame:
    """The rows whose target was judged."""
    return panel[panel["status"].isin(DECIDED)]


__all__ = ["growth_panel", "window_growth", "window_table", "target_wording", "decided", "STATUS_ZH"]
