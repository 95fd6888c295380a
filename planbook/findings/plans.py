"""What every page says about a plan's verdicts: the counts of its scorecard and the
phrases that state them, from one counter, so the front page, the plan's chapter,
the comparison and the data appendix say the same thing in the same words."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planbook.analysis.achievement import DECIDED, STATUS_ZH, STATUSES
from planbook.analysis.scorecard import Scorecard
from planbook.base.phrasing import PhrasingError, breakdown_en, count_zh, join_zh, none_zh
from planbook.findings.record import Record, data

_EN = {"met": "met", "close": "close", "missed": "missed", "no-data": "no data",
       "not-comparable": "not comparable"}


def verdict_parts(assessed: pd.DataFrame, statuses=DECIDED) -> list[tuple[str, int]]:
    """(label, count) per verdict in ``statuses``; a label says when its verdicts are
    provisional: “达成” + “（暂定）” for one, “（均为暂定）” for several, “（其中1条暂定）”
    for some."""
    parts = []
    for status in statuses:
        mine = assessed[assessed["status"] == status]
        n, n_prov = len(mine), int(mine["provisional"].fillna(False).astype(bool).sum()) \
            if "provisional" in mine else 0
        parts.append((STATUS_ZH[status], n, n_prov))
    return parts


def verdicts_zh(assessed: pd.DataFrame, statuses=DECIDED, measure: str = "条") -> str:
    """“达成4条、接近1条、未达成1条”, each with its provisional note; “” when none."""
    out = []
    tolerated = (int((assessed["status"].eq("met") & assessed["within_tolerance"].fillna(False).astype(bool)).sum())
                 if "within_tolerance" in assessed else 0)
    for label, n, n_prov in verdict_parts(assessed, statuses):
        if not n:
            continue
        notes = []
        if n_prov == n:
            notes.append("暂定" if n == 1 else "均为暂定")
        elif n_prov:
            notes.append(f"其中{count_zh(n_prov, measure)}暂定")
        if label == STATUS_ZH["met"] and tolerated:
            notes.append("在“左右”容差内" if tolerated == n == 1 else
                         f"{'均' if tolerated == n else '其中' + count_zh(tolerated, measure)}在“左右”容差内")
        out.append(f"{label}{count_zh(n, measure)}" + (f"（{'，'.join(notes)}）" if notes else ""))
    total = int(assessed["status"].isin(list(statuses)).sum())
    if sum(n for _, n, _ in verdict_parts(assessed, statuses)) != total:
        raise PhrasingError("verdict parts do not sum to their whole")
    return "、".join(out)


# Up to this many decided targets are named one by one; more are counted by verdict.
NAMED_UP_TO = 2


def decided_zh(assessed: pd.DataFrame, subject: str = "能判定", measure: str = "条") -> str:
    """“能判定的6条：达成4条、接近1条、未达成1条”; with one or two, each is named
    (“能判定的只有1条：食品及农副产品加工产业集群产业规模，达成（下限，暂定）”);
    with none, “没有一条能判定”."""
    decided = assessed[assessed["status"].isin(DECIDED)]
    n = len(decided)
    if n == 0:
        return f"{none_zh(measure)}{subject}"
    if n <= NAMED_UP_TO and "label" in decided and "verdict" in decided:
        named = "；".join(f"{r.label}，{r.verdict}" for r in decided.itertuples())
        return f"{subject}的只有{count_zh(n, measure)}：{named}"
    return f"{subject}的{count_zh(n, measure)}：{verdicts_zh(assessed, measure=measure)}"


def open_zh(counts: dict[str, int], measure: str = "条") -> str:
    """“6条不可比、25条无数据”, only the parts that are not zero; “” when both are."""
    parts = [(n, STATUS_ZH[s]) for s in ("not-comparable", "no-data") for n in [counts[s]] if n]
    return "、".join(f"{count_zh(n, measure)}{label}" for n, label in parts)


@dataclass(frozen=True)
class PlanSummary(Record):
    """A plan's counts (one counter: the scorecard) and the phrases that state them."""
    targets: int
    decided: int
    met: int
    close: int
    missed: int
    no_data: int
    not_comparable: int
    provisional: int
    verdicts: str          # 达成4条、接近1条、未达成1条 (each with its provisional note)
    decided_clause: str    # 能判定的6条：… | 能判定的只有1条：…，达成（暂定） | 没有一条能判定
    open_clause: str       # 6条不可比、25条无数据
    en_verdicts: str       # met 4, close 1 and missed 1
    card: Scorecard = data()


def plan_summary(card: Scorecard) -> PlanSummary:
    a = card.assessed
    c = card.counts
    decided = a[a["status"].isin(DECIDED)]
    if c["decided"] != sum(c[s] for s in DECIDED) or c["targets"] != sum(c[s] for s in STATUSES):
        raise PhrasingError(f"the scorecard of {card.source_id} does not add up: {c}")
    return PlanSummary(
        targets=c["targets"], decided=c["decided"], met=c["met"], close=c["close"],
        missed=c["missed"], no_data=c["no-data"], not_comparable=c["not-comparable"],
        provisional=int(decided["provisional"].astype(bool).sum()),
        verdicts=verdicts_zh(a), decided_clause=decided_zh(a), open_clause=open_zh(c),
        en_verdicts=breakdown_en([(_EN[s], c[s]) for s in DECIDED], total=c["decided"]),
        card=card)


def labels_of(assessed: pd.DataFrame, status: str) -> str:
    """The labels of the targets with ``status``, joined: “甲、乙和丙”."""
    return join_zh(assessed.loc[assessed["status"] == status, "label"])


@dataclass(frozen=True)
class PlanStart(Record):
    """Where the city stood when the plan was written, target by target
    (:mod:`planbook.analysis.baselines`): how many targets have a same-scope baseline and
    how their required pace compares with the trend before the plan."""
    start_year: int
    with_baseline: int
    clause: str        # 6条有计划前的同口径起点：起点已达到1条、快于起点前趋势2条…
    clause_en: str
    table: pd.DataFrame = data()


def plan_start(card: Scorecard, outcomes: pd.DataFrame, sources: pd.DataFrame) -> PlanStart:
    from planbook.analysis.baselines import CLASSES, CLASSES_EN, plan_baselines

    published = sources.set_index("source_id").loc[card.source_id, "published"]
    table = plan_baselines(card, outcomes, sources, published)
    table = table.merge(card.assessed[["target_id", "label", "label_en", "value", "unit", "comparator",
                                       "target_year", "period"]], on="target_id")
    found = table[table["class"] != "no-baseline"]
    n = len(found)
    if n == 0:
        clause = "没有一条目标在本书存档中见到计划前的同口径起点"
        clause_en = "no target has a same-scope figure from before the plan in the archive"
    else:
        parts = [(CLASSES[c], int((found["class"] == c).sum())) for c in CLASSES if c != "no-baseline"]
        clause = (f"{count_zh(n)}目标在本书存档中见到计划前的同口径起点："
                  + "、".join(f"{label}的{count_zh(k)}" for label, k in parts if k))
        clause_en = (f"{n} target{'s' if n != 1 else ''} with a baseline: "
                     + ", ".join(f"{int((found['class'] == c).sum())} {CLASSES_EN[c]}"
                                 for c in CLASSES if c != "no-baseline" and (found["class"] == c).any()))
    return PlanStart(start_year=int(table["start_year"].iloc[0]), with_baseline=n, clause=clause,
                     clause_en=clause_en, table=table)
