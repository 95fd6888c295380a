"""The two-city profile: recorded figures where stated, the book's ratios where not,
never a ratio built on a bound, and the weaker grade of the two inputs."""

import pandas as pd
import pytest

from planbook.analysis.profile import city_profile, profile_sources, ratio_of

SOURCES = pd.DataFrame({"source_id": ["a", "b", "c"], "grade": ["A", "B", "C"]})


def _outcomes(rows):
    columns = ["city", "indicator_id", "year", "value", "unit", "qualifier", "status", "source_id"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["outcome_id"] = [f"o{i}" for i in range(len(frame))]
    frame["year_basis"] = "stated"
    return frame


def test_gdp_per_head_is_computed_from_gdp_and_population_with_the_weaker_grade():
    outcomes = _outcomes([
        ("xuzhou", "gdp", 2020, 8000, "亿元", "=", "final", "a"),
        ("xuzhou", "resident_population", 2020, 9_000_000, "人", "=", "final", "c"),
    ])
    cell = city_profile(outcomes, SOURCES, (2020,))[("gdp_per_head", 2020, "xuzhou")]
    assert cell.computed and cell.grade == "C"
    assert cell.value == pytest.approx(8000e8 / 9_000_000)
    assert cell.source_ids == ("a", "c")


def test_a_stated_figure_is_used_before_a_computed_one():
    outcomes = _outcomes([
        ("suzhou", "gdp", 2020, 20000, "亿元", "=", "final", "a"),
        ("suzhou", "tertiary_industry_value_added", 2020, 10000, "亿元", "=", "final", "a"),
        ("suzhou", "services_share_of_gdp", 2020, 52.5, "%", "=", "final", "b"),
    ])
    cell = city_profile(outcomes, SOURCES, (2020,))[("tertiary_share", 2020, "suzhou")]
    assert not cell.computed and cell.value == 52.5 and cell.source_ids == ("b",)


def test_no_ratio_rests_on_a_bound_and_a_missing_input_is_a_gap():
    outcomes = _outcomes([
        ("suzhou", "gdp", 2020, 2, "万亿元", ">", "preliminary", "b"),
        ("suzhou", "resident_population", 2020, 12_000_000, "人", "=", "final", "b"),
        ("xuzhou", "gdp", 2020, 8000, "亿元", "=", "final", "a"),
    ])
    cells = city_profile(outcomes, SOURCES, (2020,))
    assert not cells[("gdp_per_head", 2020, "suzhou")].found      # GDP only a lower bound
    assert not cells[("gdp_per_head", 2020, "xuzhou")].found      # no population
    assert not cells[("secondary_share", 2020, "xuzhou")].found   # nothing recorded
    assert ratio_of(cells, "gdp_per_head", 2020) is None


def test_population_is_shown_in_ten_thousands_and_sources_are_listed_once_in_order():
    outcomes = _outcomes([
        ("xuzhou", "resident_population", 2020, 9_083_790, "人", "=", "final", "c"),
        ("suzhou", "resident_population", 2020, 12_748_262, "人", "=", "final", "c"),
        ("xuzhou", "gdp", 2020, 7319.77, "亿元", "=", "final", "b"),
    ])
    cells = city_profile(outcomes, SOURCES, (2020,))
    assert cells[("population", 2020, "xuzhou")].value == pytest.approx(908.379)
    assert ratio_of(cells, "population", 2020) == pytest.approx(12_748_262 / 9_083_790)
    assert profile_sources(cells) == ["c", "b"]
