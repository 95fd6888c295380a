"""The findings of the chapter on a framework text without targets (Xuzhou's 2020
“three systems” article): its structure, its few numeric commitments and why none can be
checked, its density beside the other texts — the commitments also read by the front page."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planbook.analysis.achievement import DECIDED, assess_all
from planbook.analysis.clusterplan import lineage_summary
from planbook.analysis.lexicon import source_texts, targets_per_10k
from planbook.base.phrasing import count_en, count_zh, join_zh, none_zh
from planbook.data.load import DataPackage, analysed_documents, document_labels, document_place
from planbook.findings.record import Quantity, Record, data


@dataclass(frozen=True)
class Commitments(Record):
    """A text's numeric commitments: how many, how many with a year, how many checkable."""
    total: int
    with_year: int
    decided: int
    clause: str        # 写下1处带数字的承诺，没有一处写明年份，因此没有一处能与统计对照
    clause_en: str
    assessed: pd.DataFrame = data()


def commitments(book: DataPackage, doc: str) -> Commitments:
    mine = book.targets[book.targets["source_id"] == doc]
    assessed = assess_all(mine, book.outcomes, book.sources, book.outcome_gaps)
    total, with_year = len(mine), int(mine["target_year"].notna().sum())
    decided = int(assessed["status"].isin(DECIDED).sum())
    m = "处"
    if total == 0:
        clause = "没有写下带数字的承诺"
    else:
        clause = f"写下{count_zh(total, m)}带数字的承诺，"
        if with_year == 0:
            clause += f"{none_zh(m)}写明年份，因此{none_zh(m)}能与统计对照"
        else:
            clause += (f"写明年份的{count_zh(with_year, m)}，"
                       + (f"能与统计对照的{count_zh(decided, m)}" if decided else f"{none_zh(m)}能与统计对照"))
    if total == 1:
        clause_en = "one numeric commitment, " + ("with a target year" if with_year else "with no target year")
    else:
        clause_en = (f"{count_en(total, 'numeric commitment')}, "
                     + (f"{with_year} with a target year" if with_year else "none with a target year"))
    return Commitments(total=total, with_year=with_year, decided=decided, clause=clause,
                       clause_en=clause_en,
                       assessed=assessed)


@dataclass(frozen=True)
class FrameworkFindings(Record):
    doc_place: str
    systems: int
    components: int
    components_per_system: int
    lead_clusters: int
    lead_cluster_names: str
    commitments: Commitments
    characters: int
    density: Quantity
    densest_text: str
    densest: Quantity
    parks_quote: str
    urban_quote: str
    urban_bn: Quantity          # the yearly investment in billion yuan, for the abstract
    clusters_later: int
    links_in_text: int
    new_clusters: int
    framework: pd.DataFrame = data()
    lead: pd.DataFrame = data()
    density_table: pd.DataFrame = data()


def framework_findings(book: DataPackage, doc: str, *, parks_indicator: str,
                       urban_target: str) -> FrameworkFindings:
    """``parks_indicator``: the stated fact about industrial parks; ``urban_target``: the
    yearly urban-construction investment commitment."""
    framework, clusters = book.framework_2020, book.clusters
    lead = clusters[clusters["source_id"] == doc].sort_values("order")
    year = int(lead["plan_year"].iloc[0])
    density = targets_per_10k(book.targets, source_texts(book.sources,
                                                         list(analysed_documents(book.sources)),
                                                         book.documents))
    density["文本"] = density["document"].map(analysed_documents(book.sources))
    density["text_en"] = density["document"].map(document_labels("en", book.sources))
    density["是否本章"] = density["document"].eq(doc).map({True: "本章文本", False: "其他文本"})
    density["group_en"] = density["document"].eq(doc).map({True: "This chapter", False: "Other texts"})
    own = density.set_index("document").loc[doc]
    others = density[density["document"] != doc]
    top = others.loc[others["per_10k"].idxmax()]
    facts = book.outcomes[book.outcomes["source_id"] == doc].set_index("indicator_id")["quote"]
    urban = book.targets.set_index("target_id").loc[urban_target]
    if urban["unit"] != "亿元":
        raise ValueError(f"{urban_target}: expected a value in 亿元, got {urban['unit']}")
    later = clusters[clusters["plan_year"] > year]
    descent = lineage_summary(clusters, book.cluster_lineage, to_year=int(later["plan_year"].min()))
    return FrameworkFindings(
        doc_place=document_place(doc, book.sources, book.documents),
        systems=int(framework["system_id"].nunique()), components=len(framework),
        components_per_system=int(framework.groupby("system_id").size().max()),
        lead_clusters=len(lead), lead_cluster_names=join_zh(lead["cluster_zh"]),
        commitments=commitments(book, doc), characters=int(own["characters"]),
        density=Quantity(own["per_10k"], "条", 1, derived=True),
        densest_text=top["文本"], densest=Quantity(top["per_10k"], "条", 1, derived=True),
        parks_quote=facts[parks_indicator], urban_quote=urban["quote"],
        urban_bn=Quantity(float(urban["value"]) / 10, "billion yuan", 0, derived=True),
        clusters_later=int((clusters["plan_year"] == later["plan_year"].min()).sum()),
        links_in_text=descent["links_in_text"], new_clusters=len(descent["unlinked"]),
        framework=framework, lead=lead, density_table=density)
