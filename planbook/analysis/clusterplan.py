"""A cluster plan's own arithmetic, the check of its tier structure, and the growth its
targets require."""

from __future__ import annotations

import re

import pandas as pd

from planbook.analysis.achievement import cagr, convert, is_provisional, judge, pick_outcome, required_growth

_COUNT_INDICATOR = r"innovation_clusters_(\d+)yi_count"


def cluster_targets(targets: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """The size targets of a plan's clusters: the targets that clusters.csv names."""
    return targets[targets["target_id"].isin(clusters["target_id"].dropna())]


def tier_structure(targets: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """The plan's stated cluster-count structure (3000亿级 ×1 …) beside the count of
    cluster targets at each level, so the two halves of the plan can be checked
    against each other. Columns: level (亿元), stated, counted, consistent."""
    counts = targets[targets["indicator_id"].str.match(_COUNT_INDICATOR)]
    sizes = cluster_targets(targets, clusters)
    rows = []
    for _, row in counts.iterrows():
        level = int(re.match(_COUNT_INDICATOR, row["indicator_id"]).group(1))
        counted = int((sizes["value"] == level).sum())
        rows.append({"level": level, "stated": int(row["value"]), "counted": counted,
                     "consistent": counted == int(row["value"])})
    return pd.DataFrame(rows).sort_values("level", ascending=False).reset_index(drop=True)


def scope_sums(cluster_targets: pd.DataFrame) -> pd.DataFrame:
    """Sum of the cluster targets by the 口径 their indicator measures: adding them
    all together mixes 产业规模 with 增加值, which the book shows rather than does."""
    kind = cluster_targets["indicator_id"].map(
        lambda i: "增加值" if "value_added" in i else "产业规模")
    return (cluster_targets.assign(口径=kind).groupby("口径")
            .agg(目标数=("target_id", "size"), 目标合计=("value", "sum")).reset_index())


def growth_needed(targets: pd.DataFrame, outcomes: pd.DataFrame, sources: pd.DataFrame,
                  target_ids: list[str]) -> pd.DataFrame:
    """For each target: the latest same-scope figure before the target year, the
    annual growth needed from it to reach the target (derived), and the annual
    growth achieved between the earliest and latest figures (derived, where two
    exist). A lower-bound figure ("超过") makes the needed growth an upper bound."""
    grades = dict(zip(sources["source_id"], sources["grade"]))
    rows = []
    for tid in target_ids:
        t = targets.set_index("target_id").loc[tid]
        same = outcomes[(outcomes["city"] == t["city"])
                        & (outcomes["indicator_id"] == t["indicator_id"])
                        & (outcomes["year"] < int(t["target_year"]))]
        same = same.assign(grade=same["source_id"].map(grades))
        years = sorted(same["year"].unique())
        row = {"target_id": tid, "target_value": float(t["value"]), "unit": t["unit"],
               "target_year": int(t["target_year"]), "latest_year": None, "latest_value": None,
               "latest_is_lower_bound": None, "needed_growth": None, "achieved_growth": None,
               "outcome_ids": ""}
        if years:
            latest = pick_outcome(same[same["year"] == years[-1]])
            value = convert(latest["value"], latest["unit"], t["unit"])
            row.update(latest_year=int(latest["year"]), latest_value=value,
                       latest_is_lower_bound=latest["qualifier"] == ">",
                       outcome_ids=latest["outcome_id"])
            if value and value > 0:
                row["needed_growth"] = required_growth(value, float(t["value"]),
                                                       int(t["target_year"]) - int(latest["year"]))
            if len(years) >= 2:
                first = pick_outcome(same[same["year"] == years[0]])
                first_value = convert(first["value"], first["unit"], t["unit"])
                if first_value and first["qualifier"] == "=" and latest["qualifier"] == "=":
                    row["achieved_growth"] = cagr(first_value, value, years[-1] - years[0])
        rows.append(row)
    return pd.DataFrame(rows)


# The inference rule for a tier structure checked against the clusters a source names.
NAMED_LIST_RULE = (
    "一场回顾成就的发布会点名规模超过某一门槛的集群时，被视为列全了这些集群，"
    "未点名的集群按低于门槛计。这里成立的理由：“建设现代化产业体系”专场是“十四五”成就系列发布会之一，"
    "目的正是列举成绩，漏报一个已过千亿的集群只会低估本市的成绩。")
TIER_THRESHOLD = 1000


def tier_verdict(tier_rows: pd.DataFrame, cluster_rows: pd.DataFrame, targets: pd.DataFrame,
                 outcomes: pd.DataFrame, sources: pd.DataFrame, gaps: pd.DataFrame | None = None,
                 threshold: int = TIER_THRESHOLD) -> dict:
    """The plan's tier structure (“3000亿级1个、2000亿级1个、1000亿级4个、500亿级4个”),
    counted as one target: how many clusters should be at or above ``threshold`` 亿元,
    against the clusters a source names above it in the target year.

    Each planned cluster at or above the threshold is looked up among the outcomes of
    that year that are at least the threshold: on the plan's own definition (the
    indicator of the cluster's target) or only on another basis (an indicator recorded
    as related in the gap log, e.g. 规模 where the plan targets 增加值). Taken as it is,
    the record is a lower bound (the source does not say *only* these) and decides
    nothing; with the inference rule :data:`NAMED_LIST_RULE` the count on the plan's
    definitions lies between the clusters evidenced on them and all the clusters named,
    and the verdict holds if both ends give it. Returns the verdict (an
    :class:`~planbook.analysis.achievement.Assessment`) and the counts behind it."""
    from planbook.analysis.achievement import Assessment, STATUS_ZH

    grades = dict(zip(sources["source_id"], sources["grade"]))
    tiers = [(int(re.match(_COUNT_INDICATOR, r["indicator_id"]).group(1)), int(r["value"]), r)
             for _, r in tier_rows.iterrows()]
    planned = sum(n for level, n, _ in tiers if level >= threshold)
    year = int(tier_rows["target_year"].max())
    tier_words = "、".join(f"{level}亿级{n}个" for level, n, _ in sorted(tiers, key=lambda t: -t[0])
                           if level >= threshold)
    related = {} if gaps is None or "related_indicator_id" not in gaps else \
        {t: i for t, i in zip(gaps["target_id"], gaps["related_indicator_id"]) if isinstance(i, str)}
    sizes = targets.set_index("target_id")
    big = [r for r in cluster_rows.itertuples() if pd.notna(r.target_id)
           and float(sizes.loc[r.target_id, "value"]) >= threshold]
    this_year = outcomes[(outcomes["year"] == year)
                         & outcomes["qualifier"].isin([">", ">=", "=", "~"])]
    this_year = this_year[this_year["value"].astype(float) >= threshold]
    own, other, ids, provisional = [], [], [], False
    for cluster in big:
        indicator = sizes.loc[cluster.target_id, "indicator_id"]
        mine = this_year[this_year["indicator_id"] == indicator]
        if mine.empty and related.get(cluster.target_id):
            theirs = this_year[this_year["indicator_id"] == related[cluster.target_id]]
            if not theirs.empty:
                other.append(cluster.cluster_zh)
                ids.append(theirs.iloc[0]["outcome_id"])
                provisional |= any(is_provisional(r) for _, r in theirs.iterrows())
            continue
        if not mine.empty:
            own.append(cluster.cluster_zh)
            ids.append(mine.iloc[0]["outcome_id"])
            provisional |= any(is_provisional(r) for _, r in mine.iterrows())
    named = len(own) + len(other)
    # the source's own count of the clusters above the threshold, where one is recorded
    counted = outcomes[(outcomes["indicator_id"] == f"xz_clusters_over_{threshold}yi_count")
                       & (outcomes["year"] == year)]
    count = pick_outcome(counted.assign(grade=counted["source_id"].map(grades)))
    if count is not None:
        ids.insert(0, count["outcome_id"])
        provisional |= is_provisional(count)
    if named == 0:
        return {"assessment": Assessment("", "no-data", f"本书存档中未见{year}年规模达到{threshold}亿元的集群"),
                "planned": planned, "year": year, "tiers": tier_words, "named": 0, "own": [],
                "other": [], "threshold": threshold}
    low, high = judge(len(own), planned, ">=", "个")[0], judge(named, planned, ">=", "个")[0]
    grade = max((grades.get(outcomes.set_index("outcome_id").loc[i, "source_id"], "C") for i in ids),
                default=None)
    basis_words = (f"分档目标合计要求{planned}个集群达到{threshold}亿元以上（{tier_words}）；"
                   f"来源点名{named}个“超千亿”的集群（{'、'.join(own + other)}），没有说只有这些；"
                   + (f"其中{'、'.join(other)}是按另一口径点名的，按方案自己的口径有据的是{len(own)}个。"
                      if other else f"{named}个都按方案自己的口径。"))
    if low == high:
        status = low
        rule = (basis_words + f"按点名推断（未点名的集群按低于{threshold}亿元计），按方案口径的个数在"
                f"{len(own)}至{named}个之间，结论都是“{STATUS_ZH[status]}”；不作此推断则只知道至少{len(own)}个，无法判定")
        a = Assessment("", status, rule, outcome_value=float(named), outcome_ids=ids, grade=grade,
                       basis="inferred", provisional=provisional, qualifier=">=",
                       ratio=named / planned if planned else None)
    else:
        a = Assessment("", "not-comparable",
                       basis_words + "即使按点名推断，个数的上下两端也得出不同结论，无法判定",
                       outcome_ids=ids, grade=grade, provisional=provisional, qualifier=">=")
    return {"assessment": a, "planned": planned, "year": year, "tiers": tier_words, "named": named,
            "own": own, "other": other, "threshold": threshold}


def size_class_check(targets: pd.DataFrame, outcomes: pd.DataFrame, sources: pd.DataFrame,
                     clusters: pd.DataFrame, gaps: pd.DataFrame | None = None,
                     threshold: int = TIER_THRESHOLD) -> dict:
    """The verdict on a plan's tier structure (:func:`tier_verdict`) with the counts a
    page states: planned, year, tiers, named, evidenced on the plan's definitions."""
    tier_rows = targets[targets["indicator_id"].str.match(_COUNT_INDICATOR)]
    cluster_rows = clusters[clusters["target_id"].isin(targets["target_id"])]
    result = tier_verdict(tier_rows, cluster_rows, targets, outcomes, sources, gaps, threshold)
    a = result["assessment"]
    return {**result, "status": a.status, "provisional": a.provisional, "verdict": a.label,
            "rule": a.rule, "outcome_ids": ";".join(a.outcome_ids),
            "target_ids": ";".join(tier_rows["target_id"])}


def is_tier_structure(rows: pd.DataFrame) -> bool:
    """Whether the rows of a counts_as group are a plan's tier structure."""
    return bool(len(rows)) and rows["indicator_id"].str.match(_COUNT_INDICATOR).all()


def lineage_summary(clusters: pd.DataFrame, lineage: pd.DataFrame, to_year: int = 2022) -> dict:
    """How the clusters of the ``to_year`` plan descend from earlier ones: the links
    the texts state (same name), those that are the book's interpretation, and the
    clusters with no earlier counterpart (in plan order)."""
    links = lineage[lineage["from_cluster_id"].notna()]
    later = clusters[clusters["plan_year"] == to_year]
    unlinked = later[~later["cluster_id"].isin(links["to_cluster_id"])].sort_values("order")
    return {"links_in_text": int((links["basis"] == "text").sum()),
            "links_interpreted": int((links["basis"] != "text").sum()),
            "unlinked": unlinked}
