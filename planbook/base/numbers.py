"""How the book writes a number, in tables, tooltips and prose alike."""

from __future__ import annotations

import math


def format_number(value: float) -> str:
    """3000.0 → '3,000'; 6.5 → '6.5': no float noise, no lost digits."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    try:
        import pandas as pd

        if pd.isna(value):
            return "—"
    except (TypeError, ValueError):
        pass
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")
