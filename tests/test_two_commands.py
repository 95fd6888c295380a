"""The README's two commands are the ones the Makefile and CI run."""

from __future__ import annotations

import re
import subprocess

from planbook.base.paths import REPO_ROOT


def first_code_block(markdown: str) -> list[str]:
    match = re.search(r"```[a-z]*\n(.*?)```", markdown, re.S)
    assert match, "README has no code block"
    return [line.split("#")[0].strip() for line in match.group(1).splitlines()
            if line.split("#")[0].strip()]


def test_readme_opens_with_the_two_commands():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert first_code_block(readme) == ["make book", "make test"]


def test_makefile_provides_both_commands():
    for target in ("book", "test", "serve"):
        result = subprocess.run(["make", "-n", target], cwd=REPO_ROOT,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    dry = subprocess.run(["make", "-n", "book"], cwd=REPO_ROOT, capture_output=True,
                         text=True).stdout
    # planbook.sphinx.jb is jupyter-book's own command line, with parallel Sphinx jobs
    assert "planbook.sphinx.jb build" in dry and "--warningiserror" in dry and "--nitpick" in dry
    assert "--keep-going" in dry


def test_ci_runs_make_test_strictly():
    script = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in script
    assert re.search(r"^\s*make test\b", script, re.M)


def test_requirements_are_pinned_exactly():
    lines = [line.strip() for line in
             (REPO_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines
    for line in lines:
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.]+", line), line
    assert "jupyter-book==1.0.4.post1" in lines


def test_make_book_stops_on_bad_data_with_file_row_and_column(tmp_path):
    """A new user breaks one cell and runs `make book`: the build stops before any
    notebook runs, says where the problem is, and leaves the last site as it was."""
    import csv
    import shutil

    from planbook.base.paths import DATA_DIR, HTML_DIR

    broken = tmp_path / "data"
    shutil.copytree(DATA_DIR, broken)
    with (broken / "outcomes.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    line = next(i for i, r in enumerate(rows, start=2) if r["value"] == "8458")
    text = (broken / "outcomes.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    text[line - 1] = text[line - 1].replace(",8458,", ",84五8,", 1)
    (broken / "outcomes.csv").write_text("".join(text), encoding="utf-8")
    index = HTML_DIR / "index.html"
    before = index.stat().st_mtime_ns if index.exists() else None
    result = subprocess.run(["make", "book", f"PLANBOOK_DATA_DIR={broken}"], cwd=REPO_ROOT,
                            capture_output=True, text=True,
                            env={**__import__("os").environ, "PLANBOOK_DATA_DIR": str(broken)})
    assert result.returncode != 0
    assert f"data/outcomes.csv:{line}:value:" in result.stderr
    assert "84五8" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "planbook.sphinx.jb build" not in result.stdout  # stopped before the build
    if before is not None:
        assert index.stat().st_mtime_ns == before
