"""How the pages state a word rate: a rate that rests on enough occurrences is read
(“每万字12次”); one that does not is stated as a count and not read (“只出现3次”)."""

from __future__ import annotations

import pandas as pd

from planbook.analysis.lexicon import MIN_TERM_COUNT, term_count
from planbook.base.phrasing import number


def rate_zh(freq: pd.DataFrame, document: str, term: str, digits: int = 0, *, lead: bool = True) -> str:
    """“每万字12次” (``lead``: the first of a list) or “12次” (the rest of it); below the
    minimum count, the count itself: “全文只出现3次” / “没有出现”."""
    n = term_count(freq, document, term)
    if n >= MIN_TERM_COUNT:
        row = freq[(freq["document"] == document) & (freq["term"] == term)].iloc[0]
        return f"{'每万字' if lead else ''}{number(row['per_10k'], digits)}次"
    return f"全文只出现{n}次" if n else "全文没有出现"


def times_zh(n: int) -> str:
    """A count of occurrences: “出现12次”, “没有出现”."""
    return f"出现{n}次" if n else "没有出现"
