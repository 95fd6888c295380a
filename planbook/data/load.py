"""Read the data package's tables with the types the schema gives them."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from planbook.base.paths import DATA_DIR

_PANDAS_TYPES = {"integer": "Int64", "number": "float64", "string": "string",
                 "date": "string", "boolean": "boolean"}


@lru_cache(maxsize=None)
def _schema(data_dir: Path) -> dict:
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: r for r in package["resources"]}


def load(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """The table ``name`` (e.g. ``"targets"``) as a DataFrame typed by its schema.

    Empty cells are missing values (<NA>), never the string "nan".
    """
    resources = _schema(Path(data_dir))
    if name not in resources:
        raise KeyError(f"no resource {name!r} in {data_dir / 'datapackage.json'}; "
                       f"known: {sorted(resources)}")
    resource = resources[name]
    dtypes = {f["name"]: _PANDAS_TYPES[f["type"]] for f in resource["schema"]["fields"]}
    return pd.read_csv(Path(data_dir) / resource["path"], dtype=dtypes,
                       keep_default_na=False, na_values=[""])


class DataPackage:
    """The tables of one data package, each read once (typed by its schema) when a page
    first asks for it: ``book.targets``, ``book.outcomes`` …; ``book.data_dir`` is where
    it lives (the repository's data/ unless PLANBOOK_DATA_DIR points elsewhere)."""

    def __init__(self, data_dir: Path = DATA_DIR):
        self.data_dir = Path(data_dir)
        self._tables: dict[str, pd.DataFrame] = {}

    @property
    def names(self) -> list[str]:
        return list(_schema(self.data_dir))

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_") or name not in _schema(self.data_dir):
            raise AttributeError(name)
        if name not in self._tables:
            self._tables[name] = load(name, self.data_dir)
        return self._tables[name]

    @property
    def grades(self) -> dict[str, str]:
        """source_id → grade."""
        return dict(zip(self.sources["source_id"], self.sources["grade"]))


def analysed_documents(sources: pd.DataFrame | None = None, lang: str = "zh") -> dict[str, str]:
    """The documents the book analyses (sources with an ``analysed_order``), in the
    book's order, with their short chart labels in ``lang``."""
    sources = load("sources") if sources is None else sources
    chosen = sources[sources["analysed_order"].notna()].sort_values("analysed_order")
    column = "short_zh" if lang == "zh" else "short_en"
    return dict(zip(chosen["source_id"], chosen[column]))


def document_labels(lang: str = "zh", sources: pd.DataFrame | None = None) -> dict[str, str]:
    """Short chart labels of the analysed documents in ``lang``."""
    return analysed_documents(sources, lang)


def document_place(source_id: str, sources: pd.DataFrame | None = None,
                   documents: pd.DataFrame | None = None) -> str:
    """One sentence a chapter opens with: what kind of document it is, the years it
    covers, who issued it under which number, and what it is one of, all from
    data/sources.csv and data/documents.csv (an unknown issuer or number is said so)."""
    sources = load("sources") if sources is None else sources
    documents = load("documents") if documents is None else documents
    source = sources.set_index("source_id").loc[source_id]
    doc = documents.set_index("source_id").loc[source_id]
    sentence = f"文件类型：{doc['doc_type_zh']}；所涉年份：{doc['period']}；发文：{source['issuer']}"
    if source["kind"] == "plan":  # only a plan has a document number to look for
        sentence += "，" + (source["doc_number"] if pd.notna(source["doc_number"]) else "文号未见于存档资料")
    sentence += "。"
    if pd.notna(doc["context_zh"]):
        sentence += f"{doc['context_zh']}。"
    return sentence


def distinct_targets(targets):
    """Targets as the book counts them (the counting rule of the method page): the two
    rows of a range (“2—3个”, one ``>=`` and one ``<=`` row sharing a ``range_group``)
    are one target, kept as its lower end; rows that restate other targets as one
    statement (sharing a ``counts_as``, a plan's tier structure) are one target, kept
    as the first; statements that are not targets (an exhortation, “一批” without a
    number) are not in the targets table at all."""
    kept = targets
    if "range_group" in kept:
        upper_end = kept["range_group"].notna() & (kept["comparator"] == "<=")
        kept = kept[~upper_end]
    if "counts_as" in kept:
        later = kept["counts_as"].notna() & kept["counts_as"].duplicated()
        kept = kept[~later]
    return kept


def count_targets(targets) -> int:
    """The number of targets by the book's counting rule (see :func:`distinct_targets`)."""
    return len(distinct_targets(targets))
