"""A plan is data: no document is named in the package, and a third plan written
into a copy of the data package is validated and scored with no code change."""

import csv
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from planbook.base.paths import DATA_DIR, REPO_ROOT

PACKAGE = REPO_ROOT / "planbook"


def _ids_of_the_books_data() -> set[str]:
    sources = pd.read_csv(DATA_DIR / "sources.csv", dtype=str)
    targets = pd.read_csv(DATA_DIR / "targets.csv", dtype=str)
    clusters = pd.read_csv(DATA_DIR / "clusters.csv", dtype=str)
    # ids of rows (cluster_id, target_id) begin with a plan's code: "xz22-", "cl22-", "sz18-"
    prefixes = {re.match(r"[a-z]+\d+[a-z]*-", i).group(0)
                for i in list(targets["target_id"]) + list(clusters["cluster_id"])
                if re.match(r"[a-z]+\d+[a-z]*-", i)}
    return set(sources["source_id"]) | prefixes


def test_no_source_id_or_plan_prefix_is_named_in_the_package():
    names = _ids_of_the_books_data()
    assert len(names) > 50  # the check reads the real data
    found = [(path.relative_to(REPO_ROOT).as_posix(), name)
             for path in sorted(PACKAGE.rglob("*.py"))
             for name in names if name in path.read_text(encoding="utf-8")]
    assert found == []


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


def _run(code: str, root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLANBOOK_DATA_DIR": str(root / "data"),
           "PLANBOOK_BUILD_DIR": str(root / "_build"), "MPLBACKEND": "Agg"}
    return subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)


def test_a_third_plan_validates(third_plan):
    result = _run("from planbook.data.validate import main; raise SystemExit(main())", third_plan)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_third_plan_is_scored_and_drawn_without_code_changes(third_plan):
    code = """
import json
from planbook.analysis.scorecard import plan_scorecard
from planbook.publish.scorecards import status_figure
card = plan_scorecard("example-2011-plan")
status_figure(card, "fig-example-status")
print(json.dumps({"counts": card.counts,
                  "status": dict(zip(card.assessed["target_id"], card.assessed["status"]))}))
"""
    result = _run(code, third_plan)
    assert result.returncode == 0, result.stderr
    import json
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["status"] == {"ex11-gdp-2013": "met", "ex11-output-2013": "missed",
                                "ex11-growth-2013": report["status"]["ex11-growth-2013"]}
    # 7.0, 6.5, 5.0 compound to about 6.2 %: "about 6 %" is met or close, never missing
    assert report["status"]["ex11-growth-2013"] in {"met", "close"}
    assert report["counts"]["targets"] == 3 and report["counts"]["decided"] == 3
    figures = third_plan / "_build" / "site-extra" / "figures"
    for name in ["fig-example-status.png", "fig-example-status.en.png", "fig-example-status.svg",
                 "fig-example-status.pdf", "fig-example-status.csv"]:
        assert (figures / name).is_file(), name
