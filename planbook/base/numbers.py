"""How the book writes a number in tables and tooltips: as in prose
(:func:`planbook.base.phrasing.number`), with a dash for a gap."""

from __future__ import annotations

import math

from planbook.base.phrasing import number


def format_number(value: float, digits: int | None = None) -> str:
    """3000.0 → '3000'; 6.5 → '6.5'; a gap → '—': no float noise, no lost digits,
    no thousands separator (as the statistics bureaus print figures)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    try:
        import pandas as pd

        if pd.isna(value):
            return "—"
    except (TypeError, ValueError):
        pass
    return number(float(value), digits)
