"""A plan is data: no document is named in the package, and a third plan written
into a copy of the data package is validated and scored with no code change."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

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


# --- a third plan, added as a reader would add one (the `third_plan` fixture, conftest.py)


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
