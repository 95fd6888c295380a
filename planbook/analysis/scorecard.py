"""One scorecard for every plan: its counted targets, their verdicts and the counts
a chapter glues, all from the plan's source id, so a new plan is new data, not new
code, and the same count has one definition on every page. What a page shows of a
scorecard (status figure, assessment table, glued counts) is
:mod:`planbook.publish.scorecards`."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from planbook.analysis.achievement import STATUSES, assess_all, collapse_ranges
from planbook.data.load import distinct_targets, load

PERIOD_PREFIX = {"average-annual": ("年均", "Average annual: "),
                 "annual": ("每年", "Each year: "),
                 "cumulative": ("累计", "Cumulative: ")}
COUNT_KEYS = ("targets", "decided", "met", "close", "missed", "no-data", "not-comparable")


def target_labels(targets: pd.DataFrame, indicators: pd.DataFrame, lang: str = "zh") -> pd.Series:
    """A chart label per target: the indicator's name, prefixed by the kind of target
    where that matters (年均 …, 每年 …, 累计 …)."""
    column = "name_zh" if lang == "zh" else "name_en"
    names = targets["indicator_id"].map(indicators.set_index("indicator_id")[column])
    prefix = targets["period"].map(lambda p: PERIOD_PREFIX.get(p, ("", ""))[0 if lang == "zh" else 1])
    return prefix + names


@dataclass
class Scorecard:
    """The targets a plan counts (one row per range), each with its verdict."""
    source_id: str
    targets: pd.DataFrame
    assessed: pd.DataFrame
    counts: dict[str, int]
    outcome_source_ids: list[str] = field(default_factory=list)


GROUP_LABELS = {"tier": ("千亿级以上集群个数（分档结构）", "Clusters of ¥100 bn and more (tier structure)")}


def collapse_groups(plan: pd.DataFrame, assessed: pd.DataFrame, *, targets, outcomes, sources, gaps,
                    clusters) -> pd.DataFrame:
    """One verdict per ``counts_as`` group (rows that restate other targets as one
    statement), under the first row's id. A plan's tier structure is judged as a whole
    (:func:`planbook.analysis.clusterplan.tier_verdict`); any other group takes the worst
    verdict of its rows."""
    from planbook.analysis.achievement import STATUS_ZH
    from planbook.analysis.clusterplan import is_tier_structure, tier_verdict

    if "counts_as" not in plan or plan["counts_as"].isna().all():
        return assessed
    rank = {s: i for i, s in enumerate(("met", "not-comparable", "no-data", "close", "missed"))}
    out = assessed.set_index("target_id")
    for group, rows in plan[plan["counts_as"].notna()].groupby("counts_as", sort=False):
        first = rows["target_id"].iloc[0]
        if is_tier_structure(rows):
            result = tier_verdict(rows, clusters[clusters["target_id"].isin(plan["target_id"])],
                                  targets, outcomes, sources, gaps)
            a = result["assessment"]
            out.loc[first, ["status", "status_zh", "verdict", "basis", "provisional", "rule",
                            "outcome_value", "outcome_ids", "ratio", "outcome_grade",
                            "outcome_qualifier", "within_tolerance", "derived", "gap"]] = [
                a.status, STATUS_ZH[a.status], a.label, a.basis, a.provisional, a.rule,
                a.outcome_value, ";".join(a.outcome_ids), a.ratio, a.grade, a.qualifier, False,
                False, None]
            out.loc[first, "group_target"] = float(result["planned"])
        else:
            worst = out.loc[rows["target_id"]].assign(_r=lambda f: f["status"].map(rank))["_r"].idxmax()
            out.loc[first] = out.loc[worst]
        out = out.drop(index=[t for t in rows["target_id"] if t != first])
    return out.reset_index()


def plan_scorecard(source_id: str, *, targets: pd.DataFrame | None = None,
                   outcomes: pd.DataFrame | None = None, sources: pd.DataFrame | None = None,
                   indicators: pd.DataFrame | None = None,
                   gaps: pd.DataFrame | None = None, clusters: pd.DataFrame | None = None) -> Scorecard:
    """The scorecard of the plan ``source_id`` (tables default to the data package)."""
    targets = load("targets") if targets is None else targets
    outcomes = load("outcomes") if outcomes is None else outcomes
    sources = load("sources") if sources is None else sources
    indicators = load("indicators") if indicators is None else indicators
    gaps = load("outcome_gaps") if gaps is None else gaps
    clusters = load("clusters") if clusters is None else clusters
    plan = targets[targets["source_id"] == source_id]
    if plan.empty:
        raise ValueError(f"no targets for source {source_id!r} in targets.csv")
    counted = distinct_targets(plan)
    assessed = collapse_ranges(plan, assess_all(plan, outcomes, sources, gaps))
    assessed = collapse_groups(plan, assessed, targets=targets, outcomes=outcomes, sources=sources,
                               gaps=gaps, clusters=clusters)
    table = counted.merge(assessed, on="target_id")
    table["label"] = target_labels(table, indicators, "zh")
    table["label_en"] = target_labels(table, indicators, "en")
    if "group_target" in table:
        # a tier structure is judged as the count of clusters it asks for at the threshold
        grouped = table["group_target"].notna()
        table.loc[grouped, "label"] = GROUP_LABELS["tier"][0]
        table.loc[grouped, "label_en"] = GROUP_LABELS["tier"][1]
        table.loc[grouped, "value"] = table.loc[grouped, "group_target"]
        table.loc[grouped, "comparator"] = ">="
        table = table.drop(columns="group_target")
        counted = table[list(counted.columns)]
    counts = {"targets": len(table),
              "decided": int(table["status"].isin(["met", "close", "missed"]).sum())}
    counts.update({s: int((table["status"] == s).sum()) for s in STATUSES})
    used = [i for ids in table["outcome_ids"] for i in str(ids).split(";") if i]
    outcome_sources = sorted(set(outcomes.loc[outcomes["outcome_id"].isin(used), "source_id"]))
    return Scorecard(source_id, counted, table, counts, outcome_sources)


def document_scorecards(sources: pd.DataFrame | None = None, **tables) -> dict[str, Scorecard]:
    """The scorecard of every analysed document that sets targets, in reading order
    (``tables`` as for :func:`plan_scorecard`)."""
    from planbook.data.load import analysed_documents

    sources = load("sources") if sources is None else sources
    targets = tables.pop("targets", None)
    targets = load("targets") if targets is None else targets
    setting = set(targets.loc[targets["target_kind"] == "plan", "source_id"])
    return {sid: plan_scorecard(sid, targets=targets, sources=sources, **tables)
            for sid in analysed_documents(sources) if sid in setting}


def status_rows(key: str, label_zh: str, label_en: str, statuses: pd.Series,
                provisional: pd.Series | None = None) -> list[dict]:
    """How many of ``statuses`` (verdict codes, one per counted target) are in each
    verdict, and how many of those are provisional (``provisional``: a flag per target):
    one row per verdict, the long form a stacked status chart takes."""
    from planbook.analysis.achievement import STATUS_ZH

    statuses = pd.Series(list(statuses))
    flags = (pd.Series([False] * len(statuses)) if provisional is None
             else pd.Series(list(provisional)).fillna(False).astype(bool))
    return [{"plan": key, "计划": label_zh, "plan_en": label_en, "status": status,
             "状态": STATUS_ZH[status], "count": int((statuses == status).sum()),
             "provisional": int(((statuses == status) & flags).sum())}
            for status in STATUSES]


def status_counts_long(cards: dict[str, Scorecard], sources: pd.DataFrame) -> pd.DataFrame:
    """Scorecard counts reshaped for a stacked status chart: one row per document
    and verdict (with how many are provisional), with the document's labels in both
    languages."""
    from planbook.data.load import analysed_documents

    zh, en = analysed_documents(sources), analysed_documents(sources, lang="en")
    return pd.DataFrame([row for sid, card in cards.items()
                         for row in status_rows(sid, zh[sid], en[sid], card.assessed["status"],
                                                card.assessed["provisional"])])
