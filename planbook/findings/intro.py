"""The front page: the book at a glance. Every statement here is one the chapters make,
read from the same findings functions (a plan's summary, the tier check, the GDP
overview, the growth records), so the front page cannot say otherwise than a chapter."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planbook.analysis.scorecard import document_scorecards, status_counts_long
from planbook.base.phrasing import count_en, count_zh, none_zh
from planbook.data.load import DataPackage, analysed_documents
from planbook.findings.annual import AnnualFindings, annual_findings
from planbook.findings.clusters import TierCheck, tier_check
from planbook.findings.economy import GdpOverview, gdp_overview
from planbook.findings.framework import Commitments, commitments
from planbook.findings.plans import PlanSummary, decided_zh, plan_summary
from planbook.findings.record import Record, data
from planbook.findings.upgrading import HeadlineGrowth, headline_growth


@dataclass(frozen=True)
class IntroFindings(Record):
    texts: int                 # documents the book analyses
    documents: int             # of them, documents that set targets
    all_targets: int
    all_decided: int
    all_decided_clause: str    # 能判定的目标有7条 | 没有一条目标能判定
    sz: PlanSummary
    xz: PlanSummary
    size: TierCheck
    other_documents: int
    other_targets: int
    other_clause: str          # 没有一条能判定 / 能判定的1条：…
    gdp: GdpOverview
    annual: AnnualFindings
    framework: Commitments
    sz_headline: HeadlineGrowth
    sources: int
    outcomes: int
    no_data: int
    en_documents: str          # “5 texts”
    scorecards: pd.DataFrame = data()
    scorecard_sources: list = data()


def intro_findings(book: DataPackage, *, sz_plan: str, xz_plan: str, framework: str) -> IntroFindings:
    cards = document_scorecards(book.sources, targets=book.targets, outcomes=book.outcomes,
                                indicators=book.indicators, gaps=book.outcome_gaps)
    others = [c for sid, c in cards.items() if sid not in (sz_plan, xz_plan)]
    other_assessed = pd.concat([c.assessed for c in others]) if others else None
    all_decided = sum(c.counts["decided"] for c in cards.values())
    annual = annual_findings(book)
    long = status_counts_long({sid: cards[sid] for sid in (sz_plan, xz_plan)}, book.sources)
    used = {s for sid in (sz_plan, xz_plan) for s in cards[sid].outcome_source_ids}
    sz_card = cards[sz_plan]
    head = sz_card.targets[(sz_card.targets["period"] == "average-annual")
                           & (sz_card.targets["indicator_id"] == "gdp_growth")].iloc[0]
    return IntroFindings(
        texts=len(analysed_documents(book.sources)), documents=len(cards),
        all_targets=sum(c.counts["targets"] for c in cards.values()), all_decided=all_decided,
        all_decided_clause=(f"能判定的目标有{count_zh(all_decided)}" if all_decided
                            else f"{none_zh()}目标能判定"),
        sz=plan_summary(sz_card), xz=plan_summary(cards[xz_plan]),
        size=tier_check(book, xz_plan),
        other_documents=len(others), other_targets=sum(c.counts["targets"] for c in others),
        other_clause=decided_zh(other_assessed) if other_assessed is not None else "",
        gdp=gdp_overview(book), annual=annual, framework=commitments(book, framework),
        sz_headline=headline_growth(book, head, sz_card.assessed.set_index("target_id").loc[head["target_id"]]),
        sources=len(book.sources), outcomes=len(book.outcomes),
        no_data=sum(c.counts["no-data"] for c in cards.values()),
        en_documents=count_en(len(cards), "text"),
        scorecards=long, scorecard_sources=[sz_plan, xz_plan] + sorted(used - {sz_plan, xz_plan}))
