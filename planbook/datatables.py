"""The data chapter's tables: sources, indicators, targets, stated facts.

Each returns a numbered table (see :mod:`planbook.tables`) whose caption ends
with its source line, built only from the data package's tables.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .series import VINTAGE_ZH
from .tables import numbered_table

COMPARATOR_SYMBOLS = {">=": "≥", "~": "≈", "=": "=", "<=": "≤"}
QUALIFIER_SYMBOLS = {"=": "=", ">": ">", "~": "≈", "<": "<", "<~": "近"}
PERIOD_ZH = {"end-of-period": "期末", "annual": "每年", "cumulative": "累计",
             "average-annual": "年均"}
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
        "资料": sources["title"] + "（" + sources["issuer"].fillna("发布者未识别") + "；"
        + sources["city"].map(CITY_ZH) + "，" + sources["kind"].map(KIND_ZH) + "）",
        "发布": sources["published"],
        "等级": sources["grade"],
        "说明": sources["note"].fillna("—"),
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
        "状态": chosen["status"].map(VINTAGE_ZH),
        "等级": chosen["source_id"].map(grades),
        "原文": chosen["quote"],
    })
    caption = f"实际结果。{source_line(sources, chosen['source_id'])}"
    return numbered_table(frame, label, caption, align={"数值": "r"})


def assessment_table(targets: pd.DataFrame, assessed: pd.DataFrame, indicators: pd.DataFrame,
                     sources: pd.DataFrame, source_ids: list[str], label: str,
                     outcomes: pd.DataFrame | None = None):
    """Each target of the given source(s) beside its assessed outcome and status."""
    from .achievement import STATUS_ZH as VERDICT_ZH

    chosen = targets[targets["source_id"].isin(source_ids)].merge(assessed, on="target_id")
    names = indicators.set_index("indicator_id")["name_zh"]
    result = chosen["outcome_value"].map(format_number)
    if outcomes is not None:
        # show a bound or an approximate figure as such ("> 1,000", "≈ 3.7")
        qualifiers = outcomes.set_index("outcome_id")["qualifier"]
        first = chosen["outcome_ids"].map(lambda ids: str(ids).split(";")[0] if ids else "")
        marks = first.map(lambda i: QUALIFIER_SYMBOLS.get(qualifiers.get(i, "="), "")
                          if i in qualifiers.index and qualifiers.get(i) != "=" else "")
        result = (marks + " " + result).str.strip()
    result = result.where(~chosen["derived"], result + "（推算）")
    frame = pd.DataFrame({
        "编号": chosen["target_id"],
        "指标": chosen["indicator_id"].map(names),
        "年份": chosen["target_year"].astype("string").fillna("—"),
        "目标": chosen["comparator"].map(COMPARATOR_SYMBOLS) + " "
        + chosen["value"].map(format_number) + " " + chosen["unit"],
        "结果": result,
        "状态": chosen["verdict"] if "verdict" in chosen else chosen["status"].map(VERDICT_ZH),
        "判定依据": chosen["rule"],
    })
    used = list(source_ids)
    if outcomes is not None:
        ids = [i for ids in chosen["outcome_ids"] for i in str(ids).split(";") if i]
        used += list(outcomes.loc[outcomes["outcome_id"].isin(ids), "source_id"])
    caption = f"目标与实际结果。{source_line(sources, used)}"
    return numbered_table(frame, label, caption, align={"结果": "r"})


def coverage_table(coverage: pd.DataFrame, label: str):
    frame = coverage.drop(columns=["plan"])
    return numbered_table(frame, label, "各规划目标的结果覆盖与核对状态（条）。"
                          "资料来源：data/targets.csv、data/outcomes.csv、data/sources.csv。")


def gaps_table(gaps: pd.DataFrame, targets: pd.DataFrame, indicators: pd.DataFrame, label: str):
    names = indicators.set_index("indicator_id")["name_zh"]
    merged = gaps.merge(targets[["target_id", "indicator_id"]], on="target_id", how="left")
    frame = pd.DataFrame({
        "目标": merged["target_id"],
        "指标": merged["indicator_id"].map(names),
        "缺少年份": merged["years_missing"],
        "检索内容": merged["what_searched"].str.slice(0, 160),
        "近似线索（未采用）": merged["near_misses"].fillna("").str.slice(0, 200),
        "另一口径的已记录指标": merged["related_indicator_id"].map(names),
    })
    return numbered_table(frame, label, "至少缺少一个年份同口径结果的目标及检索记录（检索内容与线索截取前若干字，全文见数据文件）。"
                          "资料来源：data/outcome_gaps.csv。")


def series_gaps_table(series_gaps: pd.DataFrame, label: str):
    rows = series_gaps[series_gaps["series"] == "outcome"]
    frame = (rows.groupby(["city", "indicator_id"])["year"]
             .apply(lambda ys: "、".join(str(y) for y in sorted(ys))).reset_index())
    frame = pd.DataFrame({"城市": frame["city"].map(CITY_ZH),
                          "指标": frame["indicator_id"].map({"gdp": "地区生产总值",
                                                             "gdp_growth": "地区生产总值增速"}),
                          "缺少的年份": frame["year"]})
    return numbered_table(frame, label, "地区生产总值序列中没有可用数字的年份。资料来源：data/series_gaps.csv。")


def conflicts_table(rows: pd.DataFrame, sources: pd.DataFrame, label: str):
    grades = sources.set_index("source_id")["grade"]
    frame = pd.DataFrame({
        "城市": rows["city"].map(CITY_ZH),
        "指标": rows["indicator_id"],
        "年份": rows["year"].astype("string"),
        "限定": rows["qualifier"].map(QUALIFIER_SYMBOLS),
        "数值": rows["value"].map(format_number),
        "单位": rows["unit"],
        "状态": rows["status"].map(VINTAGE_ZH),
        "来源": rows["source_id"],
        "等级": rows["source_id"].map(grades),
    })
    return numbered_table(frame, label, "同一城市、指标和年份的多条数字。资料来源：data/outcomes.csv。",
                          align={"数值": "r"})
