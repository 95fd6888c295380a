"""What a page shows of a plan's scorecard (:mod:`planbook.analysis.scorecard`): its
status figure in both languages with all downloads, its assessment table and its
glued counts, one call each, the same for every plan."""

from __future__ import annotations


from planbook.analysis.scorecard import Scorecard
from planbook.base.i18n import pick
from planbook.charts.figures import export_figure
from planbook.charts.plots import status_bars
from planbook.publish.datatables import assessment_table as _assessment_table

STATUS_FIGURE_COLUMNS = ["target_id", "label", "label_en", "target_year", "comparator", "value",
                         "unit", "status", "verdict", "basis", "provisional", "outcome_value",
                         "outcome_qualifier", "ratio", "outcome_ids", "outcome_grade"]


def status_figure(card: Scorecard, label: str):
    """Write the plan's status chart ``label`` (zh and en, PNG/SVG/PDF/CSV) and return its image."""
    return export_figure(
        label,
        lambda lang: status_bars(card.assessed, label=pick(lang, "label", "label_en"), lang=lang),
        data=card.assessed[STATUS_FIGURE_COLUMNS],
        source_ids=[card.source_id] + card.outcome_source_ids)


def assessment_table(card: Scorecard, label: str, book, start=None):
    """The plan's numbered table of targets, baselines (``start``: the plan's
    :class:`~planbook.findings.plans.PlanStart`), outcomes and verdicts (``book``: the data
    package)."""
    verdicts = card.assessed.drop(columns=[c for c in card.targets.columns
                                           if c in card.assessed.columns and c != "target_id"])
    return _assessment_table(card.targets, verdicts, book.indicators, book.sources, [card.source_id],
                             label, book.outcomes, None if start is None else start.table)
