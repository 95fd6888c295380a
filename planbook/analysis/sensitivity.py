"""How much the verdicts depend on reading 左右: every verdict of the book recomputed
with a narrower tolerance for 左右 rate targets, and the ones that change."""

from __future__ import annotations

import pandas as pd

from planbook.analysis.achievement import RATE_CLOSE_BAND, STATUS_ZH, about_tolerance, assess_all

# Target kinds whose verdicts the book states (plans, each year's targets, five-year
# targets and stated expectations).
JUDGED_KINDS = ("plan", "annual", "five-year", "expectation")


def tolerance_sensitivity(targets: pd.DataFrame, outcomes: pd.DataFrame, sources: pd.DataFrame,
                          gaps: pd.DataFrame | None = None, alternative: float = 0.3) -> pd.DataFrame:
    """Every 左右 rate target whose verdict differs when 左右 tolerates ``alternative``
    points below the target instead of the book's :data:`RATE_CLOSE_BAND`: target_id,
    city, year, the verdict under each reading (status codes and words)."""
    chosen = targets[targets["target_kind"].isin(JUDGED_KINDS) & (targets["comparator"] == "~")
                     & targets["unit"].isin(["%", "百分点"])]
    book = assess_all(chosen, outcomes, sources, gaps).set_index("target_id")
    with about_tolerance(alternative):
        narrow = assess_all(chosen, outcomes, sources, gaps).set_index("target_id")
    changed = book.index[book["status"] != narrow["status"]]
    rows = [{"target_id": t, "city": chosen.set_index("target_id").loc[t, "city"],
             "year": int(chosen.set_index("target_id").loc[t, "target_year"]),
             "status": book.loc[t, "status"], "status_narrow": narrow.loc[t, "status"],
             "verdict": STATUS_ZH[book.loc[t, "status"]], "verdict_narrow": STATUS_ZH[narrow.loc[t, "status"]]}
            for t in changed]
    return pd.DataFrame(rows, columns=["target_id", "city", "year", "status", "status_narrow",
                                       "verdict", "verdict_narrow"])


def rate_targets_judged(targets: pd.DataFrame) -> int:
    """How many 左右 rate targets the sensitivity check re-reads."""
    return int((targets["target_kind"].isin(JUDGED_KINDS) & (targets["comparator"] == "~")
                & targets["unit"].isin(["%", "百分点"])).sum())


__all__ = ["tolerance_sensitivity", "rate_targets_judged", "RATE_CLOSE_BAND"]
