"""Where things live in the repository, so no notebook hard-codes a path."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]  # planbook/base/paths.py
# PLANBOOK_DATA_DIR points the build at another copy of the data package (the test
# that breaks a cell on purpose uses it); by default, the repository's data/.
DATA_DIR = Path(os.environ.get("PLANBOOK_DATA_DIR", REPO_ROOT / "data")).resolve()
# PLANBOOK_BUILD_DIR lets a second, independent build (the determinism check)
# write its site and figures elsewhere; it must match jupyter-book's --path-output.
BUILD_DIR = Path(os.environ.get("PLANBOOK_BUILD_DIR", REPO_ROOT / "_build")).resolve()
HTML_DIR = BUILD_DIR / "html"
# Sphinx copies everything under this folder to the root of the built site
# (planbook.sphinx.ext adds it to ``html_extra_path``), so figures exported here
# during notebook execution are published at ``_build/html/figures/<label>.*``.
SITE_EXTRA_DIR = BUILD_DIR / "site-extra"
FIGURE_EXPORT_DIR = SITE_EXTRA_DIR / "figures"
# What planbook.charts.figures measured while rendering each figure (text collisions),
# one JSON per label; read by the tests, not published.
FIGURE_CHECK_DIR = BUILD_DIR / "figure-checks"
# An interactive chart is published beside its static figure as <label>.vl.json
# (Vega-Lite), and <label>.en.vl.json in English, written for this Vega-Lite version
# (vl-convert-python checks them with it; the page bundle is built for it).
INTERACTIVE_SUFFIX = "vl.json"
VEGA_LITE_VERSION = "6.4"
