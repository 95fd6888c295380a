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

from planbook.base.paths import REPO_ROOT

PER = 10_000
# A rate that rests on fewer occurrences than this is shown (muted) but not read as
# an emphasis of the text: with four occurrences one sentence more or less changes it
# by a quarter.
MIN_TERM_COUNT = 5


def body_text(archived: str, body_from: str | None = None, body_until: str | None = None) -> str:
    """The document itself: the archive's header block and 〔…〕 notes removed,
    whitespace dropped. ``body_from`` / ``body_until`` (data/documents.csv) cut the
    text to the document's own body: from the line that is ``body_from`` up to the
    line that begins with ``body_until`` (a covering notice and annexes left out)."""
    lines = archived.splitlines()
    # the header is the first block of "key: value" lines, up to the first blank line
    if lines and lines[0].startswith("URL:"):
        blank = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
        lines = lines[blank + 1:]
    if body_from:
        start = next(i for i, line in enumerate(lines) if line.strip() == body_from.strip())
        lines = lines[start:]
    if body_until:
        end = next(i for i, line in enumerate(lines) if i > 0 and line.strip().startswith(body_until.strip()))
        lines = lines[:end]
    text = "\n".join(line for line in lines if not line.strip().startswith("〔"))
    return re.sub(r"\s+", "", text)


def term_frequencies(texts: dict[str, str], terms: list[str]) -> pd.DataFrame:
    """Long table: document, term, count, characters, per_10k, and interpretable
    (count at least :data:`MIN_TERM_COUNT`)."""
    rows = []
    for doc, text in texts.items():
        n = len(text)
        if n == 0:
            raise ValueError(f"document {doc!r} has no body text")
        for term in terms:
            count = text.count(term)
            rows.append({"document": doc, "term": term, "count": count, "characters": n,
                         "per_10k": count / n * PER, "interpretable": count >= MIN_TERM_COUNT})
    return pd.DataFrame(rows)


def source_texts(sources: pd.DataFrame, source_ids: list[str],
                 documents: pd.DataFrame | None = None) -> dict[str, str]:
    """Body texts of the given archived sources, keyed by source_id: for an analysed
    document, only its own body as data/documents.csv marks it."""
    from planbook.data.load import load

    files = sources.set_index("source_id")["file"]
    documents = load("documents") if documents is None else documents
    marks = documents.set_index("source_id")
    texts = {}
    for sid in source_ids:
        archived = (REPO_ROOT / files[sid]).read_text(encoding="utf-8")
        if sid in marks.index:
            row = marks.loc[sid]
            texts[sid] = body_text(archived, _or_none(row["body_from"]), _or_none(row["body_until"]))
        else:
            texts[sid] = body_text(archived)
    return texts


def _or_none(value):
    return None if pd.isna(value) else str(value)


def targets_per_10k(targets: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """How densely each document quantifies: its number of targets (counted by the
    book's rule, :func:`planbook.data.load.distinct_targets`) per 10,000 characters of body
    text. Columns: document, targets, characters, per_10k."""
    from planbook.data.load import distinct_targets

    counts = distinct_targets(targets).groupby("source_id").size()
    rows = [{"document": doc, "targets": int(counts.get(doc, 0)), "characters": len(text),
             "per_10k": counts.get(doc, 0) / len(text) * PER} for doc, text in texts.items()]
    return pd.DataFrame(rows)


def readable_rate(freq: pd.DataFrame, document: str, term: str) -> float:
    """The per-10,000 rate of ``term`` in ``document`` for a sentence that reads it as
    an emphasis; an error if it rests on fewer than :data:`MIN_TERM_COUNT`
    occurrences, so prose can never interpret a rate the chart shows muted."""
    row = freq[(freq["document"] == document) & (freq["term"] == term)]
    if row.empty:
        raise KeyError(f"no frequency of {term!r} in {document!r}")
    row = row.iloc[0]
    if row["count"] < MIN_TERM_COUNT:
        raise ValueError(f"{term!r} occurs {row['count']} times in {document!r}, fewer than "
                         f"{MIN_TERM_COUNT}: its rate is not to be interpreted")
    return float(row["per_10k"])


def term_count(freq: pd.DataFrame, document: str, term: str) -> int:
    """How often ``term`` occurs in ``document`` (a count can always be stated)."""
    row = freq[(freq["document"] == document) & (freq["term"] == term)]
    if row.empty:
        raise KeyError(f"no frequency of {term!r} in {document!r}")
    return int(row.iloc[0]["count"])
