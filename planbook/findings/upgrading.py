"""The findings of a plan chapter whose headline is an average-growth target over the
plan's years (the Suzhou three-year action plan): its scorecard, the headline target
against the compound growth of the plan's years, and the truncation of its copy."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from planbook.analysis.achievement import DECIDED, STATUS_ZH, compound_average, pick_outcome
from planbook.analysis.lexicon import body_text, source_texts, targets_per_10k
from planbook.analysis.scorecard import plan_scorecard
from planbook.analysis.series import preferred_series
from planbook.base.paths import REPO_ROOT
from planbook.data.load import DataPackage, analysed_documents, document_place
from planbook.findings.economy import quantity
from planbook.findings.plans import PlanStart, PlanSummary, plan_start, plan_summary
from planbook.findings.record import Quantity, Record, data

_STATUS_EN = {"met": "met", "close": "narrowly missed (close)", "missed": "missed",
              "no-data": "left open (no data)", "not-comparable": "left open (not comparable)"}


@dataclass(frozen=True)
class HeadlineGrowth(Record):
    """An average-annual growth target against the compound growth of the plan's years."""
    target: Quantity
    first_year: int
    last_year: int
    years: dict             # {year: Quantity} of the plan's years
    grades: dict            # {year: grade of that year's figure}
    outcome: Quantity       # compound average (derived)
    gap: Quantity           # target − outcome, in points (derived)
    status: str             # 未达成 …
    status_en: str
    before_last: Quantity   # compound average of the years before the last (derived)
    before_last_below: str  # “已低于目标” | “并不低于目标”
    needed_last: Quantity   # growth the last year alone needed (derived)
    period_average: Quantity | None = None   # a stated average over a longer period
    period_average_source: str = ""


@dataclass(frozen=True)
class UpgradingFindings(Record):
    plan: PlanSummary
    start: PlanStart
    densest: str            # “，是本书所分析文本中量化最密的一份” | “”
    bound_note: str         # “；其中高新技术企业只有一个界，由界判为“接近”” | “”
    doc_place: str
    headline: HeadlineGrowth
    truncated_at: str
    task_sections: int
    related_quote: str      # the words of the one related figure for the leading industries
    growth: pd.DataFrame = data()
    leading: pd.DataFrame = data()


def _bound_note(assessed: pd.DataFrame) -> str:
    bound = assessed[assessed["status"].isin(DECIDED) & (assessed["basis"] == "bound")
                     & (assessed["period"] != "average-annual")]
    if bound.empty:
        return ""
    parts = [f"{r.label}只有一个界，由界判为“{STATUS_ZH[r.status]}”" for r in bound.itertuples()]
    return "；其中" + "；".join(parts)


def headline_growth(book: DataPackage, target: pd.Series, assessed: pd.Series,
                    period_indicator: str | None = None) -> HeadlineGrowth:
    first, last = int(target["period_start"]), int(target["target_year"])
    growth = preferred_series(book.outcomes, book.sources, "gdp_growth", "%", [target["city"]])
    years = {int(r["year"]): quantity(r, 1) for _, r in growth.iterrows() if first <= r["year"] <= last}
    if len(years) != last - first + 1:
        raise ValueError(f"{target['target_id']}: growth of some plan years is missing")
    t = float(target["value"])
    rates = [years[y].value for y in range(first, last + 1)]
    before = compound_average(rates[:-1])
    prior = 1
    for r in rates[:-1]:
        prior *= 1 + r / 100
    needed = ((1 + t / 100) ** len(rates) / prior - 1) * 100
    grade = max(q.grade for q in years.values())
    period = None
    period_source = ""
    if period_indicator:
        rows = book.outcomes[(book.outcomes["indicator_id"] == period_indicator)
                             & (book.outcomes["city"] == target["city"])]
        chosen = pick_outcome(rows.assign(grade=rows["source_id"].map(book.grades)))
        if chosen is not None:
            period = quantity(chosen, 1)
            period_source = chosen["source_id"]
    return HeadlineGrowth(
        target=Quantity(t, "%", None, grade=book.grades[target["source_id"]]),
        first_year=first, last_year=last, years=years,
        grades={y: q.grade for y, q in years.items()},
        outcome=Quantity(float(assessed["outcome_value"]), "%", 1, grade=grade, derived=True),
        gap=Quantity(t - float(assessed["outcome_value"]), "个百分点", 1, derived=True),
        status=assessed["status_zh"], status_en=_STATUS_EN[assessed["status"]],
        before_last=Quantity(before, "%", 1, grade=grade, derived=True),
        before_last_below="已低于目标" if before < t else "并不低于目标",
        needed_last=Quantity(needed, "%", 1, grade=grade, derived=True),
        period_average=period, period_average_source=period_source)


def upgrading_findings(book: DataPackage, plan: str, *, tasks_heading: str,
                       related_indicator: str, period_indicator: str | None = None
                       ) -> UpgradingFindings:
    """``plan``: the plan's source id; ``tasks_heading``: the heading under which its tasks
    are numbered (“二、重点任务”); ``related_indicator``: the one figure of another scope
    quoted for its leading industries; ``period_indicator``: a stated average growth over a
    longer period, quoted for reference."""
    card = plan_scorecard(plan, targets=book.targets, outcomes=book.outcomes, sources=book.sources,
                          indicators=book.indicators, gaps=book.outcome_gaps)
    a = card.assessed
    head = card.targets[(card.targets["period"] == "average-annual")
                        & (card.targets["indicator_id"] == "gdp_growth")].iloc[0]
    head_assessed = a.set_index("target_id").loc[head["target_id"]]
    density = targets_per_10k(book.targets,
                              source_texts(book.sources, list(analysed_documents(book.sources)),
                                           book.documents))
    densest = density.loc[density["per_10k"].idxmax(), "document"] == plan
    doc = book.documents.set_index("source_id").loc[plan]
    archived = (REPO_ROOT / book.sources.set_index("source_id").loc[plan, "file"]).read_text(
        encoding="utf-8")
    body = body_text(archived)
    tasks = body[body.index(tasks_heading):]
    related = book.outcomes[(book.outcomes["indicator_id"] == related_indicator)
                            & (book.outcomes["city"] == head["city"])]
    growth = preferred_series(book.outcomes, book.sources, "gdp_growth", "%",
                              [head["city"], "jiangsu"])
    growth = growth[growth["year"].between(int(head["period_start"]) - 2, int(head["target_year"]))]
    leading = card.targets[card.targets["target_id"].isin(
        book.targets.loc[(book.targets["source_id"] == plan)
                         & book.targets["indicator_id"].str.startswith("output_"), "target_id"])]
    return UpgradingFindings(
        plan=plan_summary(card), start=plan_start(card, book.outcomes, book.sources),
        densest="，是本书所分析文本中量化最密的一份" if densest else "",
        bound_note=_bound_note(a.merge(card.targets[["target_id", "period"]], on="target_id",
                                       suffixes=("", "_t")) if "period" not in a else a),
        doc_place=document_place(plan, book.sources, book.documents),
        headline=headline_growth(book, head, head_assessed, period_indicator),
        truncated_at=str(doc["truncated_at"]),
        task_sections=len(re.findall(r"\(([一二三四五六七八九十]+)\)", tasks)),
        related_quote=str(related.iloc[0]["quote"]),
        growth=growth, leading=leading)
