"""Tables for the book as real, numbered, labelled HTML tables.

A DataFrame shown as a cell output is raw HTML: Sphinx cannot number or label it.
:func:`numbered_table` instead emits MyST Markdown (rendered by myst-nb because
``nb_render_markdown_format`` is ``myst``): a ``{table}`` directive with a
``:name:`` (the stable label, ``tbl-…``) around a pipe table, so the table is
numbered 表 N, can be cited with ``{numref}`` and is indexed by the search.
"""

from __future__ import annotations

import re

import pandas as pd
from IPython.display import Markdown

LABEL_PATTERN = re.compile(r"^tbl-[a-z0-9]+(?:-[a-z0-9]+)*$")
# Characters that MyST would read as markup inside a table cell.
_MARKUP = re.compile(r"([\\|*_`$<>\[\]{}])")


class Raw(str):
    """A cell written in MyST as it is (a {cite} role, say): not escaped."""


def escape_cell(value) -> str:
    if isinstance(value, Raw):
        return str(value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    text = str(value).replace("\n", " ").strip()
    return _MARKUP.sub(r"\\\1", text) if text else "—"


def markdown_table(frame: pd.DataFrame, label: str, caption: str,
                   align: dict[str, str] | None = None) -> str:
    """MyST source of a numbered table; ``align`` maps a column to l, c or r."""
    if not LABEL_PATTERN.match(label):
        raise ValueError(f"table label {label!r} must look like 'tbl-some-name'")
    if frame.empty:
        raise ValueError(f"table {label} has no rows")
    align = align or {}
    marks = {"l": ":--", "c": ":-:", "r": "--:"}
    header = "| " + " | ".join(escape_cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join(marks[align.get(c, "l")] for c in frame.columns) + "|"
    body = ["| " + " | ".join(escape_cell(v) for v in row) + " |"
            for row in frame.itertuples(index=False)]
    return "\n".join([f":::{{table}} {caption}", f":name: {label}", ":align: left", "",
                      header, rule, *body, ":::"])


def numbered_table(frame: pd.DataFrame, label: str, caption: str,
                   align: dict[str, str] | None = None) -> Markdown:
    """Display ``frame`` as table ``label`` with ``caption`` (ending with its source)."""
    return Markdown(markdown_table(frame, label, caption, align))
