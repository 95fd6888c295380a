"""Outcome coverage: every figure or its gap is recorded; scopes never mix."""

from __future__ import annotations


from planbook.analysis.achievement import assess_all
from planbook.data.load import load

CITIES = ("xuzhou", "suzhou", "jiangsu")
YEARS = range(2015, 2026)
# the nation is a benchmark for the growth-target panel's years
BENCHMARKS = {"china": range(2016, 2026)}


def test_every_gdp_year_has_a_figure_or_a_recorded_gap():
    outcomes, gaps = load("outcomes"), load("series_gaps")
    have = set(zip(outcomes["city"], outcomes["indicator_id"], outcomes["year"]))
    missing = set(zip(gaps.loc[gaps["series"] == "outcome", "city"],
                      gaps.loc[gaps["series"] == "outcome", "indicator_id"],
                      gaps.loc[gaps["series"] == "outcome", "year"]))
    for city, years in [*((c, YEARS) for c in CITIES), *BENCHMARKS.items()]:
        for indicator in ("gdp", "gdp_growth"):
            for year in years:
                key = (city, indicator, year)
                assert key in have or key in missing, f"{key}: neither a figure nor a gap"
    assert not (have & missing), f"gaps recorded where figures exist: {sorted(have & missing)}"


def test_every_target_has_an_outcome_or_a_recorded_gap():
    targets, outcomes, sources = load("targets"), load("outcomes"), load("sources")
    gaps = load("outcome_gaps")
    assessed = assess_all(targets, outcomes, sources, gaps)
    decided = set(assessed.loc[assessed["status"].isin(["met", "close", "missed"]), "target_id"])
    undecided = set(targets["target_id"]) - decided
    assert undecided <= set(gaps["target_id"]), sorted(undecided - set(gaps["target_id"]))


def test_gap_rows_say_what_was_searched():
    gaps = load("outcome_gaps")
    assert gaps["what_searched"].str.len().min() > 10


def test_related_figures_of_another_scope_exist_and_differ_from_the_target():
    targets, outcomes, gaps = load("targets"), load("outcomes"), load("outcome_gaps")
    related = gaps.dropna(subset=["related_indicator_id"]).merge(targets, on="target_id")
    assert not related.empty
    for _, row in related.iterrows():
        assert row["related_indicator_id"] != row["indicator_id"]
        assert (outcomes["indicator_id"] == row["related_indicator_id"]).any(), row["target_id"]


def test_outcome_statuses_and_vintages_are_consistent():
    outcomes = load("outcomes")
    estimates = outcomes[outcomes["quote"].str.contains("预计")]
    assert (estimates["status"] == "estimate").all(), estimates["outcome_id"].tolist()


def test_assessments_cover_every_status_we_define():
    targets, outcomes, sources = load("targets"), load("outcomes"), load("sources")
    assessed = assess_all(targets, outcomes, sources, load("outcome_gaps"))
    from planbook.analysis.achievement import STATUSES
    assert len(assessed) == len(targets)
    assert set(assessed["status"]) <= set(STATUSES)
    merged = assessed.merge(targets, on="target_id").dropna(subset=["ratio"])
    assert not merged.empty
    assert (merged["ratio"] - merged["outcome_value"] / merged["value"]).abs().max() < 1e-9
    decided = assessed["status"].isin(["met", "close", "missed"])
    assert assessed.loc[decided, "outcome_value"].notna().all()
    assert assessed.loc[assessed["status"] == "no-data", "outcome_value"].isna().all()
