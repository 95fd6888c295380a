"""A chapter's set-up and its glue, one call each.

Every chapter's first hidden cell is::

    from planbook.publish.page import book, glue_findings

``book`` is the data package (each table read once, when first used) and the charts'
style is applied; ``glue_findings(record)`` glues every field of a page's findings record
(:mod:`planbook.findings`) under its key, so the prose reads them with
``{glue:text}`key``` and nothing on the page is computed in the notebook.
"""

from __future__ import annotations

from planbook.charts.style import use_book_style
from planbook.data.load import DataPackage
from planbook.findings.record import Record

use_book_style()
book = DataPackage()


def glue_findings(record: Record) -> None:
    """Glue every statement of ``record`` under its key."""
    from myst_nb import glue

    texts = record.glue_texts()
    for key, text in texts.items():
        glue(key, text, display=False)

