"""The README's two commands are the ones the Makefile and CI run."""

from __future__ import annotations

import re
import subprocess

from planbook.paths import REPO_ROOT


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
    # planbook.jb is jupyter-book's own command line, with parallel Sphinx jobs
    assert "planbook.jb build" in dry and "--warningiserror" in dry and "--nitpick" in dry
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
