"""Read the data package's tables with the types the schema gives them."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .paths import DATA_DIR

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


# The five documents the book analyses, in the order the chapters take them,
# with the short labels charts use.
ANALYSED_DOCUMENTS = {
    "xz-2020-modern-industrial-system": "徐州 2020 论述",
    "xz-2022-cluster-plan": "徐州 2022 集群方案",
    "xz-2023-conference-report": "徐州 2023 大会报道",
    "xz-2023-gongxin-commentary": "徐州 2023 工信局评论",
    "sz-2018-industrial-upgrading-plan": "苏州 2018 行动计划",
}

ANALYSED_DOCUMENTS_EN = {
    "xz-2020-modern-industrial-system": "Xuzhou 2020 article",
    "xz-2022-cluster-plan": "Xuzhou 2022 cluster plan",
    "xz-2023-conference-report": "Xuzhou 2023 conference report",
    "xz-2023-gongxin-commentary": "Xuzhou 2023 industry-bureau commentary",
    "sz-2018-industrial-upgrading-plan": "Suzhou 2018 action plan",
}


def document_labels(lang: str = "zh") -> dict[str, str]:
    """Short chart labels of the analysed documents in ``lang``."""
    return ANALYSED_DOCUMENTS if lang == "zh" else ANALYSED_DOCUMENTS_EN


def distinct_targets(targets):
    """Targets counted once: a range (“2—3个”) is recorded as two rows, ``…-min``
    (>=) and ``…-max`` (<=); the upper row is dropped here so prose counts it once."""
    ids = set(targets["target_id"])
    upper = targets["target_id"].str.endswith("-max") & targets["target_id"].map(
        lambda t: t[:-4] + "-min" in ids)
    return targets[~upper]
