"""How much of each plan can be checked: its scorecard's verdicts beside the best
grade of any same-scope outcome (in any year)."""

from __future__ import annotations

import pandas as pd

from planbook.analysis.achievement import STATUS_ZH, STATUSES
from planbook.data.load import analysed_documents
from planbook.analysis.scorecard import Scorecard


def coverage_by_plan(cards: dict[str, Scorecard], outcomes: pd.DataFrame,
                     sources: pd.DataFrame) -> pd.DataFrame:
    """One row per plan: its counted targets, those with any same-scope outcome,
    the best grade among those outcomes, and the count of each verdict (the
    scorecard's counts, so every page counts alike)."""
    grades = dict(zip(sources["source_id"], sources["grade"]))
    with_grade = outcomes.assign(grade=outcomes["source_id"].map(grades))
    best = (with_grade.groupby(["city", "indicator_id"])["grade"].min().rename("best_grade")
            .reset_index())
    labels = analysed_documents(sources)
    rows = []
    for plan, card in cards.items():
        t = card.targets.merge(best, on=["city", "indicator_id"], how="left")
        row = {"plan": plan, "计划": labels[plan], "目标数": card.counts["targets"],
               "有同口径数字（任一年份）": int(t["best_grade"].notna().sum()),
               "可判定（目标年份）": card.counts["decided"]}
        for g in ("A", "B", "C"):
            row[f"最佳来源{g}级"] = int((t["best_grade"] == g).sum())
        for s in STATUSES:
            row[STATUS_ZH[s]] = card.counts[s]
        rows.append(row)
    return pd.DataFrame(rows)
