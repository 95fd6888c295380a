"""The data chapter's tables: sources, indicators, targets, stated facts.

Each returns a numbered table (see :mod:`planbook.tables`) whose caption ends
with its source line, built only from the data package's tables.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .tables import numbered_table

COMPARATOR_SYMBOLS = {">=": "≥", "~": "≈", "=": "=", "<=": "≤"}
QUALIFIER_SYMBOLS = {"=": "=", ">": ">", "~": "≈"}
PERIOD_ZH = {"end-of-period": "期末", "annual": "每年", "cumulative": "累计",
             "average-annual": "年均"}
STATUS_ZH = {"preliminary": "初步数", "final": "最终数", "revised": "修订数", "estimate": "估计数"}
KIND_ZH = {"plan": "规划", "commentary": "评论", "news": "新闻", "bulletin": "统计公报",
           "work-report": "政府工作报告", "release": "发布", "other": "其他"}
CITY_ZH = {"xuzhou": "徐州", "suzhou": "苏州", "jiangsu": "江苏"}


def format_number(value: float) -> str:
    """3000.0 → '3,000'; 6.5 → '6.5': no float noise, no lost digits."""
    if pd.isna(value):
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def source_line(sources: pd.DataFrame, source_ids: Iterable[str]) -> str:
    """'资料来源：title（issuer, published；等级 X）；…' for the given sources."""
    rows = sources.set_index("source_id").loc[list(dict.fromkeys(source_ids))]
    parts = [f"{r.title}（{r.published}，{r.grade} 级）" for r in rows.itertuples()]
    return "资料来源：" + "；".join(parts) + "。"


def target_counts(targets: pd.DataFrame) -> dict[str, int]:
    return {k: int(v) for k, v in targets.groupby("source_id").size().items()}


def source_table(sources: pd.DataFrame, label: str = "tbl-sources"):
    frame = pd.DataFrame({
        "编号": sources["source_id"],
        "类型": sources["kind"].map(KIND_ZH),
        "城市": sources["city"].map(CITY_ZH),
        "标题": sources["title"],
        "发布者": sources["issuer"],
        "发布": sources["published"],
        "等级": sources["grade"],
        "说明": sources["note"],
    })
    return numbered_table(frame, label, "本书所用资料来源及其等级。资料来源：data/sources.csv。")


def indicator_table(indicators: pd.DataFrame, label: str = "tbl-indicators"):
    frame = pd.DataFrame({
        "指标": indicators["indicator_id"],
        "中文名": indicators["name_zh"],
        "英文名": indicators["name_en"],
        "类别": indicators["category"],
        "单位": indicators["unit"],
        "定义与口径": indicators["definition"],
    })
    return numbered_table(frame, label, "指标字典。资料来源：data/indicators.csv。")


def targets_table(targets: pd.DataFrame, indicators: pd.DataFrame, sources: pd.DataFrame,
                  source_ids: str | list[str], label: str):
    """Every target of the given source(s), in file order, with its verbatim quote."""
    source_ids = [source_ids] if isinstance(source_ids, str) else list(source_ids)
    chosen = targets[targets["source_id"].isin(source_ids)]
    if chosen.empty:
        raise ValueError(f"no targets for {source_ids}")
    names = indicators.set_index("indicator_id")["name_zh"]
    frame = pd.DataFrame({
        "编号": chosen["target_id"],
        "指标": chosen["indicator_id"].map(names),
        "年份": chosen["target_year"].astype("string").fillna("—"),
        "类型": chosen["period"].map(PERIOD_ZH),
        "比较": chosen["comparator"].map(COMPARATOR_SYMBOLS),
        "目标值": chosen["value"].map(format_number),
        "单位": chosen["unit"],
        "口径": chosen["scope"],
        "原文": chosen["quote"],
    })
    caption = f"规划目标（共 {len(frame)} 条）。{source_line(sources, source_ids)}"
    return numbered_table(frame, label, caption, align={"目标值": "r"})


def outcomes_table(outcomes: pd.DataFrame, indicators: pd.DataFrame, sources: pd.DataFrame,
                   label: str, source_ids: list[str] | None = None):
    chosen = outcomes if source_ids is None else outcomes[outcomes["source_id"].isin(source_ids)]
    names = indicators.set_index("indicator_id")["name_zh"]
    grades = sources.set_index("source_id")["grade"]
    frame = pd.DataFrame({
        "城市": chosen["city"].map(CITY_ZH),
        "指标": chosen["indicator_id"].map(names),
        "年份": chosen["year"].astype("string"),
        "限定": chosen["qualifier"].map(QUALIFIER_SYMBOLS),
        "数值": chosen["value"].map(format_number),
        "单位": chosen["unit"],
        "状态": chosen["status"].map(STATUS_ZH),
        "等级": chosen["source_id"].map(grades),
        "原文": chosen["quote"],
    })
    caption = f"实际结果。{source_line(sources, chosen['source_id'])}"
    return numbered_table(frame, label, caption, align={"数值": "r"})
