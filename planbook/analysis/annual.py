"""Each year's targets against its outcomes.

Every January a city's government work report (or the plan-execution report beside
it) sets the year's main expected targets — GDP growth at the least — and a year
later reports what happened. These annual targets are recorded in ``targets.csv``
with ``target_kind == "annual"`` (and five-year-plan targets with ``"five-year"``);
this module sets each against its outcome with the book's one rule book
(:func:`planbook.analysis.achievement.assess`), so the year-by-year comparison of the two
cities uses exactly the verdicts of the plan chapters.
"""

from __future__ import annotations

import pandas as pd

from planbook.analysis.achievement import STATUS_ZH, assess, pick_outcome

DECIDED = ("met", "close", "missed")
COMPARATOR_ZH = {">=": "以上", "~": "左右", "=": "", "<=": "以下"}


def target_wording(value: float, unit: str, comparator: str) -> str:
    """A target as a reader writes it: 6 % 左右 → "6%左右"."""
    number = f"{value:g}"
    unit = "" if unit == "%" else unit
    suffix = COMPARATOR_ZH.get(comparator, "")
    return f"{number}{'%' if not unit else unit}{suffix}"


def annual_scorecard(targets: pd.DataFrame, outcomes: pd.DataFrame, sources: pd.DataFrame,
                     kinds: tuple[str, ...] = ("annual",)) -> pd.DataFrame:
    """One row per target of the given kinds: city, year, indicator, the target and its
    source, the outcome used and its source, and the verdict (status codes of
    :mod:`planbook.analysis.achievement`)."""
    grades = dict(zip(sources["source_id"], sources["grade"]))
    chosen = targets[targets["target_kind"].isin(kinds)]
    rows = []
    for _, target in chosen.iterrows():
        a = assess(target, outcomes, grades)
        outcome = None
        if a.outcome_ids and target["period"] != "average-annual":
            outcome = outcomes.set_index("outcome_id").loc[a.outcome_ids[0]]
        rows.append({
            "target_id": target["target_id"], "city": target["city"],
            "year": int(target["target_year"]), "indicator_id": target["indicator_id"],
            "period": target["period"],
            "target_value": float(target["value"]), "comparator": target["comparator"],
            "unit": target["unit"],
            "target": target_wording(float(target["value"]), target["unit"], target["comparator"]),
            "target_source_id": target["source_id"], "target_grade": grades.get(target["source_id"]),
            "outcome_value": a.outcome_value,
            "outcome_qualifier": None if outcome is None else outcome["qualifier"],
            "outcome_status": None if outcome is None else outcome["status"],
            "outcome_source_id": None if outcome is None else outcome["source_id"],
            "outcome_ids": ";".join(a.outcome_ids),
            "outcome_grade": a.grade, "derived": a.derived,
            "status": a.status, "status_zh": STATUS_ZH[a.status], "verdict": a.label,
            "provisional": a.provisional, "rule": a.rule,
        })
    columns = ["target_id", "city", "year", "indicator_id", "period", "target_value", "comparator",
               "unit", "target", "target_source_id", "target_grade", "outcome_value",
               "outcome_qualifier", "outcome_status", "outcome_source_id", "outcome_ids",
               "outcome_grade", "derived", "status", "status_zh", "verdict", "provisional", "rule"]
    return (pd.DataFrame(rows, columns=columns)
            .sort_values(["city", "year", "indicator_id"]).reset_index(drop=True))


def verdict_counts(card: pd.DataFrame) -> pd.DataFrame:
    """Targets, decided, and each verdict, per city (status codes as columns)."""
    out = []
    for city, group in card.groupby("city", sort=False):
        row = {"city": city, "targets": len(group),
               "decided": int(group["status"].isin(DECIDED).sum())}
        for status in DECIDED:
            row[status] = int((group["status"] == status).sum())
        out.append(row)
    return pd.DataFrame(out)


def year_values(outcomes: pd.DataFrame, sources: pd.DataFrame, year: int,
                rows: list[tuple[str, dict[str, str]]]) -> pd.DataFrame:
    """The figure the book uses (:func:`pick_outcome`) for each row and city in ``year``.

    ``rows`` is a list of (label, {city: indicator_id}); a city without an indicator,
    or without a recorded figure, gets an empty cell. Returns one row per label and
    city with the value, unit, qualifier, status, grade and outcome/source ids.
    """
    grades = dict(zip(sources["source_id"], sources["grade"]))
    with_grade = outcomes.assign(grade=outcomes["source_id"].map(grades))
    out = []
    for label, per_city in rows:
        for city, indicator in per_city.items():
            chosen = pick_outcome(with_grade[(with_grade["city"] == city)
                                             & (with_grade["indicator_id"] == indicator)
                                             & (with_grade["year"] == year)])
            out.append({"label": label, "city": city, "indicator_id": indicator, "year": year,
                        "value": None if chosen is None else float(chosen["value"]),
                        "unit": None if chosen is None else chosen["unit"],
                        "qualifier": None if chosen is None else chosen["qualifier"],
                        "status": None if chosen is None else chosen["status"],
                        "grade": None if chosen is None else chosen["grade"],
                        "outcome_id": None if chosen is None else chosen["outcome_id"],
                        "source_id": None if chosen is None else chosen["source_id"]})
    return pd.DataFrame(out)
