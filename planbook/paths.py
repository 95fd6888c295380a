"""Where things live in the repository, so no notebook hard-codes a path."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
BUILD_DIR = REPO_ROOT / "_build"
HTML_DIR = BUILD_DIR / "html"
# Sphinx copies everything under this folder to the root of the built site
# (``html_extra_path`` in _config.yml), so figures exported here during
# notebook execution are published at ``_build/html/figures/<label>.*``.
SITE_EXTRA_DIR = BUILD_DIR / "site-extra"
FIGURE_EXPORT_DIR = SITE_EXTRA_DIR / "figures"
