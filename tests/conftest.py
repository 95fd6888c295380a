"""Shared fixtures. Site tests read the output of `make book`, which `make test`
runs first; a missing site is a failure, never a skip."""

from __future__ import annotations

import json

import pytest

from planbook.base.paths import BUILD_DIR, HTML_DIR

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
