"""The findings of a cluster plan's chapter (Xuzhou's “343” plan): its clusters and
tiers, its own arithmetic, its scorecard, the check of its tier structure, and the
growth its targets required — the tier check and the scorecard also read by the front
page."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planbook.analysis.clusterplan import (cluster_targets, growth_needed, lineage_summary, scope_sums,
                                           size_class_check, tier_structure)
from planbook.analysis.scorecard import plan_scorecard
from planbook.base.phrasing import join_zh
from planbook.data.load import DataPackage, document_place
from planbook.findings.plans import PlanStart, PlanSummary, plan_start, plan_summary
from planbook.findings.record import Quantity, Record, data


@dataclass(frozen=True)
class TierCheck(Record):
    """The plan's tiers read as a count of clusters above a size, against the clusters a
    source names above it (the plan's scorecard counts this as one target)."""
    planned: int
    year: int
    tiers: str
    reported: int            # clusters named above the threshold
    evidenced: int           # of them, named on the plan's own definitions
    other_basis: str         # the ones named on another basis (数字经济) | “”
    verdict: str
    rule: str
    inference_rule: str      # the rule the verdict rests on, as the method page states it


def tier_check(book: DataPackage, plan: str) -> TierCheck:
    from planbook.analysis.clusterplan import NAMED_LIST_RULE

    plan_targets = book.targets[book.targets["source_id"] == plan]
    size = size_class_check(plan_targets, book.outcomes, book.sources, book.clusters, book.outcome_gaps)
    return TierCheck(planned=size["planned"], year=size["year"], tiers=size["tiers"],
                     reported=size["named"], evidenced=len(size["own"]),
                     other_basis=join_zh(size["other"]), verdict=size["verdict"], rule=size["rule"],
                     inference_rule=NAMED_LIST_RULE)


@dataclass(frozen=True)
class NeededGrowth(Record):
    """From the latest same-scope figure before the target year to the target."""
    start_year: int
    start: Quantity
    target: Quantity
    needed: Quantity


@dataclass(frozen=True)
class ClusterFindings(Record):
    plan: PlanSummary
    start: PlanStart
    doc_place: str
    clusters: int
    tiers: int
    tier: dict              # {tier name: clusters in it}
    max_target: Quantity
    max_cluster: str
    scale_clusters: int
    scale_sum: Quantity
    value_added_sum: Quantity
    naive_sum: Quantity
    structure_levels: str
    structure_agrees: str    # 一致 | 不一致
    size: TierCheck
    clusters_2020: int
    links_in_text: int
    new_clusters: int
    new_cluster_names: str
    cm: NeededGrowth
    giants: NeededGrowth
    economy_pace: Quantity   # the city's nominal GDP growth over the same years (derived)
    economy_first: int
    economy_last: int
    total_2025: Quantity
    sales_2025: Quantity
    total_share_of_sales: Quantity
    plotted: pd.DataFrame = data()
    structure: pd.DataFrame = data()
    growth: pd.DataFrame = data()
    card: object = data()


def growth_targets_start_year(book, target_id) -> int:
    return int(growth_needed(book.targets, book.outcomes, book.sources, [target_id]).iloc[0]["latest_year"])


def _needed(book, target_id) -> NeededGrowth:
    row = growth_needed(book.targets, book.outcomes, book.sources, [target_id]).iloc[0]
    unit = row["unit"]
    return NeededGrowth(start_year=int(row["latest_year"]),
                        start=Quantity(row["latest_value"], unit, None),
                        target=Quantity(row["target_value"], unit, None),
                        needed=Quantity(row["needed_growth"], "%", 1, derived=True))


def cluster_findings(book: DataPackage, plan: str, *, tiers: list[str],
                     growth_targets: dict[str, str], total_indicator: str,
                     sales_indicator: str) -> ClusterFindings:
    """``tiers``: the plan's tier names in order; ``growth_targets``: {"cm": target id,
    "giants": target id}, the two targets with a same-scope figure at the plan's start;
    ``total_indicator`` / ``sales_indicator``: the reported total of the clusters and the
    city's invoiced industrial sales, set side by side."""
    card = plan_scorecard(plan, targets=book.targets, outcomes=book.outcomes, sources=book.sources,
                          indicators=book.indicators, gaps=book.outcome_gaps)
    clusters = book.clusters
    plan_targets = book.targets[book.targets["source_id"] == plan]
    sizes = cluster_targets(plan_targets, clusters)
    mine = clusters[clusters["source_id"] == plan]
    plotted = (mine.merge(book.targets, on="target_id", suffixes=("", "_target"))
               [["cluster_zh", "cluster_en", "tier_zh", "tier_en", "value", "unit", "scope",
                 "target_id", "source_id"]])
    structure = tier_structure(book.targets, clusters)
    sums = scope_sums(sizes).set_index("口径")
    top = plotted.loc[plotted["value"].idxmax()]
    plan_year = int(mine["plan_year"].iloc[0])
    descent = lineage_summary(clusters, book.cluster_lineage, to_year=plan_year)

    def latest(indicator):
        rows = book.outcomes[book.outcomes["indicator_id"] == indicator].sort_values("year")
        return rows.iloc[-1]
    total, sales = latest(total_indicator), latest(sales_indicator)
    from planbook.analysis.achievement import cagr
    from planbook.analysis.series import preferred_series

    gdp = preferred_series(book.outcomes, book.sources, "gdp", "亿元", [plan_targets["city"].iloc[0]])
    gdp = gdp[gdp["qualifier"].isin(["=", "~"])].set_index("year")
    first_year = int(growth_targets_start_year(book, growth_targets["cm"]))
    last_year = int(gdp.index.max())
    cm, giants = _needed(book, growth_targets["cm"]), _needed(book, growth_targets["giants"])
    growth = pd.DataFrame([
        {"key": key, "增速": g.needed.value, "起点年份": g.start_year, "起点": g.start.value,
         "起点为下限": True, "目标": g.target.value,
         "outcome_ids": growth_needed(book.targets, book.outcomes, book.sources,
                                      [tid]).iloc[0]["outcome_ids"]}
        for key, g, tid in (("cm", cm, growth_targets["cm"]), ("giants", giants, growth_targets["giants"]))])
    return ClusterFindings(
        plan=plan_summary(card), start=plan_start(card, book.outcomes, book.sources), doc_place=document_place(plan, book.sources, book.documents),
        clusters=len(plotted), tiers=int(plotted["tier_zh"].nunique()),
        tier={t: int((plotted["tier_zh"] == t).sum()) for t in tiers},
        max_target=Quantity(top["value"], "亿元"), max_cluster=top["cluster_zh"],
        scale_clusters=int(sums.loc["产业规模", "目标数"]),
        scale_sum=Quantity(sums.loc["产业规模", "目标合计"], "亿元"),
        value_added_sum=Quantity(sums.loc["增加值", "目标合计"], "亿元"),
        naive_sum=Quantity(sizes["value"].sum(), "亿元"),
        structure_levels=join_zh((f"{v}亿级" for v in structure["level"]), last="、"),
        structure_agrees="一致" if structure["consistent"].all() else "不一致",
        size=tier_check(book, plan),
        clusters_2020=int((clusters["plan_year"] < plan_year).sum()),
        links_in_text=descent["links_in_text"], new_clusters=len(descent["unlinked"]),
        new_cluster_names=join_zh(descent["unlinked"]["cluster_zh"]),
        cm=cm, giants=giants,
        economy_pace=Quantity(cagr(float(gdp.loc[first_year, "value"]), float(gdp.loc[last_year, "value"]),
                                   last_year - first_year), "%", 1, derived=True),
        economy_first=first_year, economy_last=last_year,
        total_2025=Quantity(total["value"], total["unit"], None, vintage=total["status"],
                            year=int(total["year"])),
        sales_2025=Quantity(sales["value"], sales["unit"], None, vintage=sales["status"],
                            year=int(sales["year"])),
        total_share_of_sales=Quantity(float(total["value"]) / float(sales["value"]) * 100, "%", 0,
                                      derived=True),
        plotted=plotted, structure=structure, growth=growth, card=card)
