"""The findings layer: every page's statements come from one function each, on the real
data and on a small synthetic package; a statement two pages make has one value; the
counts a sentence states add up to its whole; no template artefact reaches a phrase."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import pytest

from planbook.analysis.scorecard import plan_scorecard
from planbook.data.load import DataPackage
from planbook.findings.appendix import appendix_findings, method_findings
from planbook.findings.cities import cities_findings
from planbook.findings.clusters import cluster_findings
from planbook.findings.comparison import comparison_findings
from planbook.findings.framework import commitments, framework_findings
from planbook.findings.intro import intro_findings
from planbook.findings.plans import decided_zh, plan_summary, verdicts_zh
from planbook.findings.record import Quantity, Record, data
from planbook.findings.review import review_findings
from planbook.findings.upgrading import upgrading_findings

SZ, XZ = "sz-2018-industrial-upgrading-plan", "xz-2022-cluster-plan"
XZ20 = "xz-2020-modern-industrial-system"
# What an editor would strike: a zero with a measure word, “均” of one item, an empty clause.
ARTEFACTS = [re.compile(r"(?<![\d.])0(?:条|个|处|项|次|家)"), re.compile(r"(?<!\d)1(?:条|个|处|项)[^；。]{0,4}均"),
             re.compile(r"，，|；；|：$|、$|（）"), re.compile(r"\bnan\b|\bNone\b")]


@pytest.fixture(scope="module")
def book():
    return DataPackage()


@pytest.fixture(scope="module")
def pages(book):
    return {
        "intro": intro_findings(book, sz_plan=SZ, xz_plan=XZ, framework=XZ20),
        "method": method_findings(book),
        "cities": cities_findings(book, xz_plan=XZ, sz_plan=SZ),
        "framework": framework_findings(book, XZ20, parks_indicator="featured_industrial_parks",
                                        urban_target="xz20-urban-construction-investment-annual"),
        "clusters": cluster_findings(book, XZ, tiers=["优势", "新兴", "特色"],
                                     growth_targets={"cm": "xz22-cluster-construction-machinery-2025",
                                                     "giants": "xz22-little-giants-2025"},
                                     total_indicator="xz_343_cluster_total_size",
                                     sales_indicator="xz_industrial_invoiced_sales"),
        "review": review_findings(book, news="xz-2023-conference-report",
                                  commentary="xz-2023-gongxin-commentary", plan=XZ,
                                  edz="xz-2023-edz-investment-report", target22="xz-wr-2022-gdp-growth",
                                  five_year_target="xz-14fyp-2025-gdp-level",
                                  giants_target="xz22-little-giants-2025",
                                  listed_target="xz22-listed-manufacturing-enterprises-2025",
                                  renovation_target="xz23c-tech-renovation-projects-annual"),
        "upgrading": upgrading_findings(book, SZ, tasks_heading="二、重点任务",
                                        related_indicator="pharma_industrial_output",
                                        period_indicator="gdp_growth_avg_13th_fyp"),
        "comparison": comparison_findings(book, plans={XZ: "徐州2022集群方案", SZ: "苏州2018行动计划"},
                                          five_year_target="xz-14fyp-2025-gdp-level"),
        "appendix": appendix_findings(book, plans={"xz": XZ, "sz": SZ}),
    }


def test_every_page_has_a_record_whose_statements_are_text(pages):
    for name, record in pages.items():
        texts = record.glue_texts()
        assert len(texts) >= 5, name
        assert all(isinstance(t, str) for t in texts.values()), name


def test_no_template_artefact_in_any_statement(pages):
    found = [(name, key, text) for name, record in pages.items()
             for key, text in record.glue_texts().items() for pattern in ARTEFACTS if pattern.search(text)]
    assert found == []


def test_a_finding_stated_on_two_pages_has_one_value(pages):
    intro, comparison = pages["intro"].glue_texts(), pages["comparison"].glue_texts()
    chapter = pages["upgrading"].glue_texts()
    for key in ("targets", "decided", "met", "close", "missed", "decided_clause", "open_clause"):
        assert intro[f"sz_{key}"] == comparison[f"sz_{key}"] == chapter[f"plan_{key}"], key
        assert intro[f"xz_{key}"] == comparison[f"xz_{key}"] == pages["clusters"].glue_texts()[f"plan_{key}"], key
    clusters = pages["clusters"].glue_texts()
    for key in ("planned", "year", "reported", "verdict"):
        assert intro[f"size_{key}"] == clusters[f"size_{key}"], key
    for key in ("sz_clause", "xz_clause", "missed_growth"):
        assert intro[f"annual_{key}"] == comparison[f"annual_{key}"], key
    for key in ("lead_year", "clause", "latest_year"):
        assert intro[f"gdp_lag_{key}"] == comparison[f"scale_lag_{key}"], key
    assert intro["sz_headline_outcome"] == chapter["headline_outcome"]


def _numbers(text: str) -> list[int]:
    """The counts a sentence states, leaving out the notes in parentheses (“其中1条暂定”)."""
    return [int(n) for n in re.findall(r"(\d+)(?:条|个)", re.sub(r"（[^）]*）", "", text))]


@pytest.mark.parametrize("plan", [SZ, XZ])
def test_a_plans_sentence_sums_to_its_whole(book, plan):
    card = plan_scorecard(plan, targets=book.targets, outcomes=book.outcomes, sources=book.sources,
                          indicators=book.indicators, gaps=book.outcome_gaps)
    s = plan_summary(card)
    assert s.met + s.close + s.missed == s.decided
    assert s.decided + s.no_data + s.not_comparable == s.targets == len(card.assessed)
    # “能判定的6条：达成4条、接近1条、未达成1条”: the first number is the sum of the rest;
    # “能判定的只有1条：甲，达成（暂定）”: as many named as counted
    head, *parts = _numbers(s.decided_clause)
    if "只有" in s.decided_clause:
        assert head == s.decided == len(s.decided_clause.split("：", 1)[1].split("；"))
    else:
        assert head == s.decided == sum(parts)
    assert sum(_numbers(s.open_clause)) == s.no_data + s.not_comparable


def test_zero_one_and_many_in_verdict_sentences():
    def frame(statuses, provisional):
        return pd.DataFrame({"status": statuses, "provisional": provisional})
    assert decided_zh(frame(["no-data", "not-comparable"], [False, False])) == "没有一条能判定"
    assert decided_zh(frame(["met", "no-data"], [True, False])) == "能判定的1条：达成1条（暂定）"
    assert verdicts_zh(frame(["met", "met"], [True, True])) == "达成2条（均为暂定）"
    assert verdicts_zh(frame(["met", "met", "missed"], [True, False, False])) == "达成2条（其中1条暂定）、未达成1条"


def test_a_text_without_dated_commitments_is_said_so(book):
    c = commitments(book, XZ20)
    assert c.with_year == 0 and "没有一处写明年份" in c.clause and "0处" not in c.clause


def test_the_findings_of_a_third_plan_in_a_synthetic_package(third_plan):
    book = DataPackage(third_plan / "data")
    card = plan_scorecard("example-2011-plan", targets=book.targets, outcomes=book.outcomes,
                          sources=book.sources, indicators=book.indicators, gaps=book.outcome_gaps)
    s = plan_summary(card)
    assert (s.targets, s.decided, s.met, s.missed) == (3, 3, s.met, 1) and s.met >= 1
    head, *parts = _numbers(s.decided_clause)
    assert head == 3 == sum(parts)
    assert "未达成1条" in s.verdicts and not any(p.search(s.decided_clause) for p in ARTEFACTS)
    assert s.en_verdicts.startswith("met ")


def test_a_record_refuses_bare_floats_and_colliding_keys():
    @dataclass(frozen=True)
    class Bad(Record):
        share: float

    with pytest.raises(TypeError):
        Bad(0.5).glue_texts()

    @dataclass(frozen=True)
    class Inner(Record):
        clause: str

    @dataclass(frozen=True)
    class Colliding(Record):
        a: Inner
        a_clause: str
        table: pd.DataFrame = data(default=None)

    with pytest.raises(ValueError, match="a_clause"):
        Colliding(Inner("x"), "y").glue_texts()
    with pytest.raises(ValueError):
        Quantity(5.257, "%", derived=True)          # a derived value states its precision
    assert Quantity(5.257, "%", 1, derived=True).text == "5.3"
