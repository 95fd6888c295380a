"""The findings of the chapter on the 2023 texts that review Xuzhou's 2022: the year's
growth against its target and the province, the commentary's shifts, the words the texts
favour, and the 2022 figures beside the 2025 targets."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planbook.analysis.achievement import assess_all, required_growth
from planbook.analysis.lexicon import source_texts, term_frequencies
from planbook.analysis.series import preferred_series
from planbook.data.load import DataPackage, analysed_documents, count_targets, document_labels
from planbook.findings.economy import quantity
from planbook.findings.record import Quantity, Record, data
from planbook.findings.vocabulary import rate_zh

TERMS = ["集群", "链", "创新", "数字", "智能", "绿色", "项目", "企业", "品牌", "质量", "高质量发展"]


@dataclass(frozen=True)
class ReviewFindings(Record):
    gdp22: Quantity
    growth22: Quantity
    target22: Quantity
    status22: str
    shortfall22: Quantity
    js22: Quantity
    stated_gap: Quantity
    derived_gap: Quantity
    gap_agrees: str            # 一致 | 不一致
    h1_gap: Quantity
    net_new_firms: Quantity
    new_listed: Quantity
    giants22: Quantity
    shifts: int
    renovation_quote: str
    priorities: int
    edz_priorities: int
    edz_targets: int
    rate: dict                 # {“项目_plan”: “每万字12次”, …}
    gdp_target: Quantity       # 万亿元
    gdp_needed: Quantity
    giants_target: Quantity
    giants_needed: Quantity
    listed_target: Quantity
    bars: pd.DataFrame = data()
    freq: pd.DataFrame = data()
    shifts_table: pd.DataFrame = data()
    docs: list = data()


def review_findings(book: DataPackage, *, news: str, commentary: str, plan: str, edz: str,
                    target22: str, five_year_target: str, giants_target: str,
                    listed_target: str, renovation_target: str) -> ReviewFindings:
    """The source ids of the conference report (``news``), the commentary, the cluster plan
    and the development-zone report; the target ids the chapter sets the 2022 figures against."""
    grades = book.grades
    facts = book.outcomes[book.outcomes["source_id"] == news].assign(
        grade=lambda f: f["source_id"].map(grades)).set_index("indicator_id")
    growth = preferred_series(book.outcomes, book.sources, "gdp_growth", "%")
    js = growth[(growth["city"] == "jiangsu") & (growth["year"] == 2022)].iloc[0]
    t = book.targets.set_index("target_id")
    tgt = t.loc[target22]
    assessed = assess_all(book.targets[book.targets["target_id"] == target22], book.outcomes,
                          book.sources, book.outcome_gaps).iloc[0]
    xz = facts.loc["gdp_growth"]

    def fact(indicator, digits=None, unit=None):
        row = facts.loc[indicator].copy()
        row["year"] = int(row["year"])
        return quantity(row, digits, unit=unit)
    stated = float(facts.loc["gdp_growth_gap_vs_province", "value"])
    derived = float(xz["value"]) - float(js["value"])
    docs = [plan, commentary, news, edz]
    freq = term_frequencies(source_texts(book.sources, docs, book.documents), TERMS)
    freq["文本"] = freq["document"].map(analysed_documents(book.sources))
    freq["text_en"] = freq["document"].map(document_labels("en", book.sources))
    freq["term_en"] = freq["term"].map(book.lexicon.set_index("term")["term_en"])
    # each sentence names the documents in this order; the first says “每万字”
    orders = {"项目": [plan, news, commentary, edz], "质量": [news, commentary, plan],
              "集群": [commentary, plan, edz, news]}
    names = {plan: "plan", news: "conf", commentary: "com", edz: "edz"}
    rate = {f"{term}_{names[doc]}": rate_zh(freq, doc, term, lead=(i == 0))
            for term, docs in orders.items() for i, doc in enumerate(docs)}
    gdp_target = t.loc[five_year_target]
    gdp22 = float(facts.loc["gdp", "value"])
    giants = float(facts.loc["little_giant_enterprises_provincial", "value"])
    giants_t = float(t.loc[giants_target, "value"])
    bars = pd.DataFrame([
        {"项目": "徐州年度目标（左右）", "item_en": "Xuzhou target (about)", "增速": float(tgt["value"]),
         "city": "xuzhou", "source_id": tgt["source_id"], "grade": grades[tgt["source_id"]]},
        {"项目": "徐州实际（初步数）", "item_en": "Xuzhou outcome (preliminary)", "增速": float(xz["value"]),
         "city": "xuzhou", "source_id": news, "grade": grades[news]},
        {"项目": "江苏实际", "item_en": "Jiangsu outcome", "增速": float(js["value"]), "city": "jiangsu",
         "source_id": js["source_id"], "grade": js["grade"]},
    ]).assign(年份=2022)
    shifts = book.shifts_2023
    return ReviewFindings(
        gdp22=fact("gdp", 0), growth22=fact("gdp_growth", 1),
        target22=Quantity(tgt["value"], "%", 1, grade=grades[tgt["source_id"]]),
        status22=assessed["status_zh"],
        shortfall22=Quantity(float(tgt["value"]) - float(xz["value"]), "个百分点", 1, derived=True),
        js22=quantity(js, 1), stated_gap=fact("gdp_growth_gap_vs_province", 1),
        derived_gap=Quantity(derived, "个百分点", 1, derived=True),
        gap_agrees="一致" if abs(stated - derived) < 0.05 else "不一致",
        h1_gap=fact("gdp_growth_gap_vs_h1", 1),
        net_new_firms=fact("above_scale_enterprises_net_increase", 0),
        new_listed=fact("new_listed_enterprises", 0), giants22=fact("little_giant_enterprises_provincial", 0),
        shifts=len(shifts), renovation_quote=t.loc[renovation_target, "quote"],
        priorities=int((book.priorities_2023["source_id"] == news).sum()),
        edz_priorities=int((book.priorities_2023["source_id"] == edz).sum()),
        edz_targets=count_targets(book.targets[book.targets["source_id"] == edz]),
        rate=rate,
        gdp_target=Quantity(gdp_target["value"], gdp_target["unit"]),
        gdp_needed=Quantity(required_growth(gdp22, float(gdp_target["value"]) * 1e4, 3), "%", 1,
                            derived=True),
        giants_target=Quantity(giants_t, "家"),
        giants_needed=Quantity(required_growth(giants, giants_t, 3), "%", 1, derived=True),
        listed_target=Quantity(t.loc[listed_target, "value"], "家"),
        bars=bars, freq=freq, shifts_table=shifts, docs=docs)
