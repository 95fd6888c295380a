"""One counting rule: every count the built pages glue, every status chart and every
table agrees with the count recomputed from the data."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from planbook.data.load import count_targets, distinct_targets, load
from planbook.base.paths import BUILD_DIR, HTML_DIR
from planbook.analysis.scorecard import plan_scorecard

EXECUTED = BUILD_DIR / "jupyter_execute" / "book"
PLANS = {"sz-2018-plan": "sz-2018-industrial-upgrading-plan",
         "xz-2022-clusters": "xz-2022-cluster-plan"}
STATUS_FIGURES = {"sz-2018-industrial-upgrading-plan": "fig-sz-2018-status",
                  "xz-2022-cluster-plan": "fig-xz-2022-status"}


def glued(page: str) -> dict[str, str]:
    path = EXECUTED / f"{page}.glue.json"
    if not path.is_file():
        pytest.fail(f"{path} is missing: build the book first (make book)")
    return {k: v["data"]["text/plain"].strip("'") for k, v in json.loads(path.read_text()).items()}


KEYS = {"targets": "targets", "decided": "decided", "met": "met", "close": "close", "missed": "missed",
        "no-data": "no_data", "not-comparable": "not_comparable"}


@pytest.mark.parametrize("page, plan", PLANS.items())
def test_plan_chapters_glue_the_scorecard_counts(page, plan):
    values = glued(page)
    counts = plan_scorecard(plan).counts
    for key, value in counts.items():
        assert int(values[f"plan_{KEYS[key]}"]) == value, (page, key)
    assert counts["targets"] == count_targets(load("targets").query("source_id == @plan"))
    assert counts["decided"] == counts["met"] + counts["close"] + counts["missed"]
    assert sum(counts[s] for s in ("met", "close", "missed", "no-data", "not-comparable")) == \
        counts["targets"]


@pytest.mark.parametrize("plan, label", STATUS_FIGURES.items())
def test_status_charts_have_one_row_per_counted_target(plan, label):
    plotted = pd.read_csv(HTML_DIR / "figures" / f"{label}.csv")
    counts = plan_scorecard(plan).counts
    assert len(plotted) == counts["targets"]
    assert plotted["target_id"].is_unique
    for status in ("met", "close", "missed", "no-data", "not-comparable"):
        assert int((plotted["status"] == status).sum()) == counts[status], status


def test_comparison_counts_agree_with_the_data():
    values = glued("comparison")
    targets = load("targets")
    for key, plan in (("sz", "sz-2018-industrial-upgrading-plan"), ("xz", "xz-2022-cluster-plan")):
        counts = plan_scorecard(plan).counts
        assert int(values[f"documents_{key}_targets"]) == counts["targets"]
        for name, value in counts.items():
            assert int(values[f"{key}_{KEYS[name]}"]) == value, (key, name)
        assert count_targets(targets[targets["source_id"] == plan]) == counts["targets"]


def test_data_chapter_counts_agree_with_the_data():
    values = glued("data")
    targets = load("targets")
    plan_rows = targets[targets["target_kind"] == "plan"]
    assert int(values["targets"]) == len(distinct_targets(plan_rows))
    for key, plan in (("sz", "sz-2018-industrial-upgrading-plan"), ("xz", "xz-2022-cluster-plan")):
        counts = plan_scorecard(plan).counts
        assert int(values[f"coverage_{key}_targets"]) == counts["targets"] == \
            count_targets(plan_rows[plan_rows["source_id"] == plan])
        assert int(values[f"coverage_{key}_decided"]) == counts["decided"]


def test_a_range_and_a_restated_structure_count_once_and_a_non_target_not_at_all():
    targets = load("targets")
    grouped = targets["range_group"].dropna()
    together = targets["counts_as"].dropna()
    assert len(grouped) == 2 * grouped.nunique()
    assert len(together) >= 2 * together.nunique() > 0
    assert len(distinct_targets(targets)) == \
        len(targets) - grouped.nunique() - (len(together) - together.nunique())
    quotes = set(targets["quote"])
    assert not set(load("non_targets")["quote"]) & quotes


def test_front_page_glues_the_scorecard_counts():
    """The book at a glance counts as the chapters do."""
    from planbook.analysis.scorecard import document_scorecards

    values = glued("intro")
    cards = document_scorecards()
    assert int(values["documents"]) == len(cards)
    assert int(values["all_targets"]) == sum(c.counts["targets"] for c in cards.values())
    assert int(values["all_decided"]) == sum(c.counts["decided"] for c in cards.values())
    for key, plan in (("sz", "sz-2018-industrial-upgrading-plan"), ("xz", "xz-2022-cluster-plan")):
        for name, value in plan_scorecard(plan).counts.items():
            assert int(values[f"{key}_{KEYS[name]}"]) == value, (key, name)
    plotted = pd.read_csv(HTML_DIR / "figures" / "fig-intro-scorecards.csv")
    for plan in ("sz-2018-industrial-upgrading-plan", "xz-2022-cluster-plan"):
        counts = plan_scorecard(plan).counts
        rows = plotted[plotted["plan"] == plan].set_index("status")["count"]
        assert {s: int(rows[s]) for s in rows.index} == {s: counts[s] for s in rows.index}


def _html_table(page: str, label: str) -> list[dict[str, str]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((HTML_DIR / "book" / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.find("table", id=label)
    assert table is not None, f"{label} is not on {page}"
    head = [th.get_text(strip=True) for th in table.find("thead").find_all("th")]
    return [dict(zip(head, (td.get_text(strip=True) for td in tr.find_all("td"))))
            for tr in table.find("tbody").find_all("tr")]


def test_one_count_one_counter_on_every_page():
    """For each plan, the front-page chart, the plan's status chart, the appendix chart,
    the comparison table and the glued sentences state the same counts."""
    from planbook.analysis.achievement import STATUS_ZH
    from planbook.data.load import analysed_documents

    labels = analysed_documents()
    intro = pd.read_csv(HTML_DIR / "figures" / "fig-intro-scorecards.csv")
    appendix = pd.read_csv(HTML_DIR / "figures" / "fig-data-coverage.csv")
    table = {row["计划"]: row for row in _html_table("comparison", "tbl-compare-achievement")}
    glued_intro, glued_cmp = glued("intro"), glued("comparison")
    for key, plan in (("sz", "sz-2018-industrial-upgrading-plan"), ("xz", "xz-2022-cluster-plan")):
        counts = plan_scorecard(plan).counts
        status_chart = pd.read_csv(HTML_DIR / "figures" / f"{STATUS_FIGURES[plan]}.csv")
        for status in ("met", "close", "missed", "no-data", "not-comparable"):
            expected = counts[status]
            assert int(intro.query("plan == @plan and status == @status")["count"].sum()) == expected
            assert int(appendix.query("plan == @plan and status == @status")["count"].sum()) == expected
            assert int((status_chart["status"] == status).sum()) == expected
            assert int(table[labels[plan]][STATUS_ZH[status]]) == expected, (plan, status)
            assert int(glued_intro[f"{key}_{KEYS[status]}"]) == int(glued_cmp[f"{key}_{KEYS[status]}"]) == expected
        assert int(table[labels[plan]]["目标数"]) == counts["targets"]
        assert int(table[labels[plan]]["可判定（目标年份）"]) == counts["decided"]


def test_the_development_zone_text_counts_its_targets_by_the_rule():
    targets = load("targets")
    assert int(glued("xz-2023-review")["edz_targets"]) == \
        count_targets(targets[targets["source_id"] == "xz-2023-edz-investment-report"])
