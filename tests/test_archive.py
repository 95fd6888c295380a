"""The archived source texts are exactly what the cleaning script makes of the seeds."""

from __future__ import annotations

import subprocess
import sys

import pytest

from planbook.base.paths import DATA_DIR, REPO_ROOT

SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS_DIR.is_dir(),
                    reason=f"the original seed documents are not beside this clone ({SEEDS_DIR})")
def test_cleaning_the_seeds_reproduces_the_archive(tmp_path):
    subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "archive_seeds.py"),
                    str(SEEDS_DIR), str(tmp_path)], check=True, capture_output=True)
    made = sorted(p.name for p in tmp_path.glob("*.txt"))
    assert made, "the script wrote nothing"
    for name in made:
        assert (tmp_path / name).read_bytes() == (DATA_DIR / "sources" / name).read_bytes(), name


def test_suzhou_truncation_is_kept_and_marked():
    text = (DATA_DIR / "sources" / "sz-2018-industrial-upgrading-plan.txt").read_text(
        encoding="utf-8")
    body = text.rstrip().splitlines()
    assert "到 2020 年末,全市abc相关" in body[-3] or "到 2020 年末,全市abc相关" in "\n".join(body[-4:])
    assert "截断" in body[-1]
    # the doubled text was removed: the plan's opening sentence appears once
    assert text.count("为全面深入贯彻党的十九大精神") == 1


def test_pdf_and_web_furniture_is_gone():
    plan = (DATA_DIR / "sources" / "xz-2022-cluster-plan.txt").read_text(encoding="utf-8")
    assert "高亮" not in plan and "— 13 —" not in plan
    sz = (DATA_DIR / "sources" / "sz-2018-industrial-upgrading-plan.txt").read_text(
        encoding="utf-8")
    assert "— 4 —" not in sz
    news = (DATA_DIR / "sources" / "xz-2023-conference-report.txt").read_text(encoding="utf-8")
    assert "供图" not in news
    assert news.count("迎来了崭新机遇") == 1
