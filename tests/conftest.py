"""Shared fixtures. Site tests read the output of `make book`, which `make test`
runs first; a missing site is a failure, never a skip."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from planbook.base.paths import BUILD_DIR, DATA_DIR, HTML_DIR

BUILD_LOG = BUILD_DIR / "build.log"
EXECUTED_DIR = BUILD_DIR / "jupyter_execute"


def _require(path):
    if not path.exists():
        pytest.fail(f"{path} does not exist: run `make test` (it builds the site first)")
    return path


@pytest.fixture(scope="session")
def html_dir():
    return _require(HTML_DIR)


@pytest.fixture(scope="session")
def build_log():
    return _require(BUILD_LOG).read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="session")
def search_index(html_dir):
    text = (html_dir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1: text.rindex(")")])


@pytest.fixture(scope="session")
def executed_notebooks():
    notebooks = sorted(_require(EXECUTED_DIR).rglob("*.ipynb"))
    if not notebooks:
        pytest.fail(f"no executed notebooks under {EXECUTED_DIR}")
    return notebooks


# --- a third plan, added as a reader would add one --------------------------------

PLAN_TEXT = """URL: https://example.org/plan
标题: 示例市产业发展三年计划（2011—2013年）
发布: 2011-02-01
检索: 2026-12-03

示例市产业发展三年计划（2011—2013年）
到2013年，全市地区生产总值达到5000亿元，规上工业总产值超过8000亿元，地区生产总值年均增长6%左右。
"""
OUTCOME_TEXT = """URL: https://example.org/report
标题: 示例市2013年统计公报
发布: 2014-03-01
检索: 2026-12-03

全年实现地区生产总值5210亿元。规上工业总产值7000亿元。地区生产总值比上年增长5.0%，2012年增长6.5%，2011年增长7.0%。
"""


def _append(path: Path, rows: list[dict]) -> None:
    with path.open(encoding="utf-8", newline="") as h:
        fields = csv.DictReader(h).fieldnames
    with path.open("a", encoding="utf-8", newline="") as h:
        writer = csv.DictWriter(h, fieldnames=fields, lineterminator="\n")
        for row in rows:
            writer.writerow({f: row.get(f, "") for f in fields})


@pytest.fixture(scope="module")
def third_plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("book")
    data = root / "data"
    shutil.copytree(DATA_DIR, data)
    for sid, text in [("example-2011-plan", PLAN_TEXT), ("example-2014-bulletin", OUTCOME_TEXT)]:
        path = data / "sources" / f"{sid}.txt"
        path.write_text(text, encoding="utf-8")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        plan = sid.endswith("plan")
        _append(data / "sources.csv", [{
            "source_id": sid, "kind": "plan" if plan else "bulletin", "city": "suzhou",
            "title": "示例市三年计划" if plan else "示例市统计公报", "short_zh": "示例计划" if plan else "",
            "short_en": "Example plan" if plan else "", "analysed_order": "7" if plan else "",
            "issuer": "示例市人民政府", "published": "2011-02-01" if plan else "2014-03-01",
            "date_basis": "issued", "url": "https://example.org/" + sid, "copy": "original",
            "retrieved": "2026-12-03", "grade": "A", "file": f"data/sources/{sid}.txt",
            "sha256": digest}])
    _append(data / "documents.csv", [{"source_id": "example-2011-plan", "doc_type_zh": "三年计划",
                                      "doc_type_en": "Three-year plan", "period": "2011—2013"}])
    plan = "example-2011-plan"
    _append(data / "targets.csv", [
        {"target_id": "ex11-gdp-2013", "source_id": plan, "city": "suzhou", "indicator_id": "gdp",
         "target_year": "2013", "period": "end-of-period", "comparator": ">=", "value": "5000",
         "unit": "亿元", "scope": "全市", "quote": "全市地区生产总值达到5000亿元", "target_kind": "plan"},
        {"target_id": "ex11-output-2013", "source_id": plan, "city": "suzhou",
         "indicator_id": "industrial_output_above_scale", "target_year": "2013",
         "period": "end-of-period", "comparator": ">=", "value": "8000", "unit": "亿元",
         "scope": "全市", "quote": "规上工业总产值超过8000亿元", "target_kind": "plan"},
        {"target_id": "ex11-growth-2013", "source_id": plan, "city": "suzhou",
         "indicator_id": "gdp_growth", "target_year": "2013", "period_start": "2011",
         "period": "average-annual", "comparator": "~", "value": "6", "unit": "%", "scope": "全市",
         "quote": "地区生产总值年均增长6%左右", "target_kind": "plan"},
    ])
    bulletin = "example-2014-bulletin"
    outcome = {"city": "suzhou", "year_basis": "stated", "qualifier": "=", "status": "final",
               "source_id": bulletin}
    _append(data / "outcomes.csv", [
        {**outcome, "outcome_id": "sz.gdp.2013.example-2014-bulletin", "indicator_id": "gdp", "year": "2013",
         "value": "5210", "unit": "亿元", "quote": "全年实现地区生产总值5210亿元"},
        {**outcome, "outcome_id": "sz.industrial_output_above_scale.2013.example-2014-bulletin",
         "indicator_id": "industrial_output_above_scale", "year": "2013", "value": "7000", "unit": "亿元", "quote": "规上工业总产值7000亿元"},
        *[{**outcome, "outcome_id": f"sz.gdp_growth.{y}.example-2014-bulletin", "indicator_id": "gdp_growth", "year": str(y),
           "value": v, "unit": "%", "quote": q}
          for y, v, q in [(2013, "5.0", "地区生产总值比上年增长5.0%"), (2012, "6.5", "2012年增长6.5%"),
                          (2011, "7.0", "2011年增长7.0%")]],
    ])
    return root


