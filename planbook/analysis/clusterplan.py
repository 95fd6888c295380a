"""The 2022 cluster plan's own arithmetic, and the growth its targets require."""

from __future__ import annotations

import re

import pandas as pd

from planbook.analysis.achievement import judge, is_provisional, cagr, convert, pick_outcome, required_growth, \
    verdict_label

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


def size_class_check(targets: pd.DataFrame, outcomes: pd.DataFrame, sources: pd.DataFrame,
                     threshold: int = 1000, reported_indicator: str = "xz_clusters_over_1000yi_count"
                     ) -> dict:
    """The plan's tier structure against a reported count of clusters above a size.

    The tiers (e.g. 3000亿级 ×1, 2000亿级 ×1, 1000亿级 ×4) imply how many clusters
    should be at or above ``threshold`` 亿元; a source that counts the clusters above
    that size (e.g. “四大产业集群规模均超千亿”) decides that implied count, though not
    which tier fell short. Returns the planned count with its tiers, the reported
    count, and a verdict by the book's rules."""
    grades = dict(zip(sources["source_id"], sources["grade"]))
    counts = targets[targets["indicator_id"].str.match(_COUNT_INDICATOR)]
    tiers = [(int(re.match(_COUNT_INDICATOR, r["indicator_id"]).group(1)), int(r["value"]), r)
             for _, r in counts.iterrows()]
    at_or_above = [(level, n) for level, n, _ in tiers if level >= threshold]
    planned = sum(n for _, n in at_or_above)
    year = int(counts["target_year"].max())
    reported_rows = outcomes[(outcomes["indicator_id"] == reported_indicator)
                             & (outcomes["year"] == year)]
    reported = pick_outcome(reported_rows.assign(grade=reported_rows["source_id"].map(grades)))
    result = {"threshold": threshold, "year": year, "planned": planned,
              "tiers": "、".join(f"{level}亿级{n}个" for level, n in sorted(at_or_above, reverse=True)),
              "target_ids": ";".join(r["target_id"] for level, _, r in tiers if level >= threshold),
              "reported": None, "outcome_id": None, "status": "no-data",
              "provisional": False, "verdict": verdict_label("no-data"), "rule": ""}
    if reported is None:
        result["rule"] = f"本书存档中未见{year}年规模超过{threshold}亿元的集群个数"
        return result
    status, rule = judge(float(reported["value"]), float(planned), ">=", "个")
    provisional = is_provisional(reported)
    result.update(reported=int(reported["value"]), outcome_id=reported["outcome_id"],
                  status=status, provisional=provisional,
                  verdict=verdict_label(status, "exact", provisional),
                  rule=(f"分档目标合计要求{planned}个集群达到{threshold}亿元以上（{result['tiers']}）；"
                        f"报告的个数为 {int(reported['value'])}；{rule}。"
                        "这只说明分档结构没有全部实现，不能据此判定是哪一档落空"))
    return result


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
