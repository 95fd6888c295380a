"""How much of each plan can be checked: targets with an outcome, by grade and status."""

from __future__ import annotations

import pandas as pd

from .achievement import STATUS_ZH, STATUSES, collapse_ranges
from .data import analysed_documents

def coverage_by_plan(targets: pd.DataFrame, outcomes: pd.DataFrame, sources: pd.DataFrame,
                     assessed: pd.DataFrame, plans: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per plan: targets, targets with any same-scope outcome, the best
    grade among those outcomes, and the count of each status."""
    grades = dict(zip(sources["source_id"], sources["grade"]))
    with_grade = outcomes.assign(grade=outcomes["source_id"].map(grades))
    best = (with_grade.groupby(["city", "indicator_id"])["grade"].min().rename("best_grade")
            .reset_index())
    plans = analysed_documents(sources) if plans is None else plans
    rows = []
    assessed = collapse_ranges(targets, assessed)  # a range counts once
    for plan, label in plans.items():
        t = targets[targets["source_id"] == plan].merge(assessed, on="target_id")
        if t.empty:
            continue  # a document the book analyses that sets no countable target
        t = t.merge(best, on=["city", "indicator_id"], how="left")
        row = {"plan": plan, "计划": label, "目标数": len(t),
               "有同口径数字（任一年份）": int(t["best_grade"].notna().sum()),
               "可判定（目标年份）": int(t["status"].isin(["met", "close", "missed"]).sum())}
        for g in ("A", "B", "C"):
            row[f"最佳来源{g}级"] = int((t["best_grade"] == g).sum())
        for s in STATUSES:
            row[STATUS_ZH[s]] = int((t["status"] == s).sum())
        rows.append(row)
    return pd.DataFrame(rows)


def status_counts_long(coverage: pd.DataFrame) -> pd.DataFrame:
    """coverage_by_plan reshaped for a stacked chart: plan, labels, status code, count."""
    cols = {STATUS_ZH[s]: s for s in STATUSES}
    long = coverage.melt(id_vars=["plan", "计划"], value_vars=list(cols), var_name="状态",
                         value_name="count")
    long["status"] = long["状态"].map(cols)
    long["plan_en"] = long["plan"].map(analysed_documents(lang="en"))
    return long
