"""What the book was built with: shown on the reproducibility page."""

from __future__ import annotations

import platform
from importlib import metadata

import pandas as pd

# The direct dependencies a reader would need to match to rebuild the figures.
KEY_PACKAGES = ["jupyter-book", "sphinx", "myst-nb", "pandas", "numpy", "matplotlib",
                "seaborn", "jieba", "jupytext", "mplfonts"]


def environment_frame(packages: list[str] = KEY_PACKAGES) -> pd.DataFrame:
    rows = [("Python", platform.python_version())]
    for name in packages:
        try:
            rows.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            rows.append((name, "未安装"))
    return pd.DataFrame(rows, columns=["软件包", "版本"])


def environment_table(packages: list[str] = KEY_PACKAGES, label: str = "tbl-environment"):
    """The interpreter and key packages as a numbered table (no row index)."""
    from planbook.publish.tables import numbered_table

    return numbered_table(environment_frame(packages), label,
                          "构建本版网站所用的解释器与主要软件包。资料来源：构建环境（importlib.metadata）。")
