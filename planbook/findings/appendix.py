"""The findings of the method page and the data appendix: the rules' parameters as the
package sets them, and what the data package holds (sources by grade, copies, outcomes,
gaps, disagreements, each plan's coverage)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planbook.analysis.achievement import CENSUS_YEAR, LEVEL_CLOSE_BAND, MIN_YEARS_FOR_RANGE, RATE_CLOSE_BAND
from planbook.analysis.baselines import LEVEL_MARGIN, SHARE_MARGIN
from planbook.analysis.clusterplan import NAMED_LIST_RULE
from planbook.analysis.coverage import coverage_by_plan
from planbook.analysis.lexicon import MIN_TERM_COUNT
from planbook.analysis.scorecard import document_scorecards, status_counts_long
from planbook.analysis.series import conflicts
from planbook.base.phrasing import count_zh
from planbook.data.load import DataPackage, distinct_targets
from planbook.findings.plans import plan_summary
from planbook.findings.record import Quantity, Record, data


@dataclass(frozen=True)
class MethodFindings(Record):
    level_band: str
    rate_band: Quantity
    min_years_range: int
    ranges: int
    non_targets: int
    annual_targets: int
    five_year_targets: int
    min_term_count: int
    inference_rule: str
    census_year: int
    level_margin: Quantity
    share_margin: Quantity
    non_target_table: pd.DataFrame = data()


def method_findings(book: DataPackage) -> MethodFindings:
    t = book.targets
    return MethodFindings(
        level_band=f"{LEVEL_CLOSE_BAND:.0%}", rate_band=Quantity(RATE_CLOSE_BAND, "个百分点"),
        min_years_range=MIN_YEARS_FOR_RANGE, ranges=int(t["range_group"].nunique()),
        non_targets=len(book.non_targets), annual_targets=int((t["target_kind"] == "annual").sum()),
        five_year_targets=int((t["target_kind"] == "five-year").sum()), min_term_count=MIN_TERM_COUNT,
        inference_rule=NAMED_LIST_RULE, census_year=CENSUS_YEAR,
        level_margin=Quantity(LEVEL_MARGIN, "个百分点"), share_margin=Quantity(SHARE_MARGIN, "个百分点"), non_target_table=book.non_targets)


@dataclass(frozen=True)
class Coverage(Record):
    """How much of one plan can be checked."""
    targets: int
    with_figure: int
    decided: int
    clause: str       # 26条目标中，有同口径数字（不论哪一年）的4条，能在目标年份判定的1条


@dataclass(frozen=True)
class AppendixFindings(Record):
    sources: int
    targets: int
    target_rows: int
    indicators: int
    intact_copies: int
    intact_copies_a: int
    tampered_copies: int
    corroborated: int
    excluded_hosts: int
    outcomes: int
    outcome_sources: int
    sources_a: int
    sources_b: int
    sources_c: int
    gap_targets: int
    series_gaps: int
    conflict_groups: int
    coverage: dict          # {"xz": Coverage, "sz": Coverage}
    cards: dict = data()
    coverage_table: pd.DataFrame = data()
    scorecards: pd.DataFrame = data()
    conflict_rows: pd.DataFrame = data()
    summaries: dict = data()


def _coverage(row) -> Coverage:
    n, with_, decided = int(row["目标数"]), int(row["有同口径数字（任一年份）"]), int(row["可判定（目标年份）"])
    clause = f"{count_zh(n)}目标中，"
    clause += (f"有同口径数字（不论哪一年）的{count_zh(with_)}，" if with_ else "没有一条有同口径数字，")
    clause += f"能在目标年份判定的{count_zh(decided)}" if decided else "没有一条能在目标年份判定"
    return Coverage(targets=n, with_figure=with_, decided=decided, clause=clause)


def appendix_findings(book: DataPackage, *, plans: dict[str, str]) -> AppendixFindings:
    """``plans``: {key: source id} of the plans whose coverage the text states."""
    s, t, o = book.sources, book.targets, book.outcomes
    cards = document_scorecards(s, targets=t, outcomes=o, indicators=book.indicators,
                                gaps=book.outcome_gaps)
    coverage = coverage_by_plan(cards, o, s)
    by_plan = coverage.set_index("plan")
    rows = conflicts(o)
    plan_rows = t[t["target_kind"] == "plan"]
    gaps = book.outcome_gaps
    return AppendixFindings(
        sources=len(s), targets=len(distinct_targets(plan_rows)), target_rows=len(plan_rows),
        indicators=len(book.indicators),
        intact_copies=int((s["copy"] == "intact-copy").sum()),
        intact_copies_a=int(((s["copy"] == "intact-copy") & (s["grade"] == "A")).sum()),
        tampered_copies=int((s["copy"] == "tampered-copy").sum()),
        corroborated=int(o["corroborated_by"].notna().sum()), excluded_hosts=len(book.excluded_hosts),
        outcomes=len(o), outcome_sources=int(s["source_id"].isin(o["source_id"]).sum()),
        sources_a=int((s["grade"] == "A").sum()), sources_b=int((s["grade"] == "B").sum()),
        sources_c=int((s["grade"] == "C").sum()),
        gap_targets=len(distinct_targets(t[t["target_id"].isin(gaps["target_id"])])),
        series_gaps=int((book.series_gaps["series"] == "outcome").sum()),
        conflict_groups=int(rows.groupby(["city", "indicator_id", "year"]).ngroups) if len(rows) else 0,
        coverage={key: _coverage(by_plan.loc[sid]) for key, sid in plans.items()},
        cards=cards, coverage_table=coverage, scorecards=status_counts_long(cards, s),
        conflict_rows=rows, summaries={sid: plan_summary(c) for sid, c in cards.items()})
