"""Policy vocabulary: how often each term of a documented lexicon occurs in each
archived text, per 10,000 characters of body text.

The lexicon (data/lexicon.csv) lists each term with its theme and why it is
counted. Counting is plain substring counting on the body text (the metadata
header of an archived file and editorial 〔…〕 notes are excluded, whitespace is
ignored). Overlapping terms are counted independently: 产业链 also counts as 链,
by design, and the lexicon says so.
"""

from __future__ import annotations

import re

import pandas as pd

from .paths import REPO_ROOT

PER = 10_000


def body_text(archived: str) -> str:
    """The document itself: the archive's header block and 〔…〕 notes removed,
    whitespace dropped."""
    lines = archived.splitlines()
    # the header is the first block of "key: value" lines, up to the first blank line
    if lines and lines[0].startswith("URL:"):
        blank = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
        lines = lines[blank + 1:]
    text = "\n".join(line for line in lines if not line.strip().startswith("〔"))
    return re.sub(r"\s+", "", text)


def term_frequencies(texts: dict[str, str], terms: list[str]) -> pd.DataFrame:
    """Long table: document, term, count, characters, per_10k."""
    rows = []
    for doc, text in texts.items():
        n = len(text)
        if n == 0:
            raise ValueError(f"document {doc!r} has no body text")
        for term in terms:
            count = text.count(term)
            rows.append({"document": doc, "term": term, "count": count, "characters": n,
                         "per_10k": count / n * PER})
    return pd.DataFrame(rows)


def source_texts(sources: pd.DataFrame, source_ids: list[str]) -> dict[str, str]:
    """Body texts of the given archived sources, keyed by source_id."""
    files = sources.set_index("source_id")["file"]
    return {sid: body_text((REPO_ROOT / files[sid]).read_text(encoding="utf-8"))
            for sid in source_ids}


def targets_per_10k(targets: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """How densely each document quantifies: its number of targets (counted by the
    book's rule, :func:`planbook.data.distinct_targets`) per 10,000 characters of body
    text. Columns: document, targets, characters, per_10k."""
    from .data import distinct_targets

    counts = distinct_targets(targets).groupby("source_id").size()
    rows = [{"document": doc, "targets": int(counts.get(doc, 0)), "characters": len(text),
             "per_10k": counts.get(doc, 0) / len(text) * PER} for doc, text in texts.items()]
    return pd.DataFrame(rows)
