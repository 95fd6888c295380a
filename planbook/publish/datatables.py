"""The data chapter's tables: sources, indicators, targets, stated facts.

Each returns a numbered table (see :mod:`planbook.publish.tables`) whose caption ends
with its source line, built only from the data package's tables.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from planbook.analysis.series import VINTAGE_ZH
from planbook.base.numbers import format_number  # noqa: F401  (the chapters import it from here)
from planbook.publish.tables import escape_cell, numbered_table

COMPARATOR_SYMBOLS = {">=": "≥", "~": "≈", "=": "=", "<=": "≤"}
QUALIFIER_SYMBOLS = {"=": "=", ">": ">", ">=": "≥", "~": "≈", "<": "<", "<~": "近"}
PERIOD_ZH = {"end-of-period": "期末", "annual": "每年", "cumulative": "累计",
             "average-annual": "年均"}
KIND_ZH = {"plan": "规划", "commentary": "评论", "news": "新闻", "bulletin": "统计公报",
           "work-report": "政府工作报告", "release": "发布", "other": "其他"}
from planbook.base.i18n import PLACE_NAMES  # noqa: E402

CITY_ZH = {place: names[0] for place, names in PLACE_NAMES.items()}


def source_line(sources: pd.DataFrame, source_ids: Iterable[str]) -> str:
    """'资料来源：publisher《title》（published，X级）[n]；…' for the given sources."""
    rows = sources.set_index("source_id").loc[list(dict.fromkeys(source_ids))]
    parts = [f"{escape_cell(r.issuer)}《{escape_cell(r.title)}》（{r.published}，{r.grade}级）{{cite}}`{r.Index}`"
             for r in rows.itertuples()]
    return "资料来源：" + "；".join(parts) + "。"


def target_counts(targets: pd.DataFrame) -> dict[str, int]:
    return {k: int(v) for k, v in targets.groupby("source_id").size().items()}


def source_table(sources: pd.DataFrame, label: str = "tbl-sources"):
    from planbook.publish.tables import Raw

    frame = pd.DataFrame({
        "资料": [Raw(f"{escape_cell(r.title)}（{escape_cell(r.issuer)}；{CITY_ZH.get(r.city, r.city)}，"
                     f"{KIND_ZH[r.kind]}）{{cite}}`{r.source_id}`") for r in sources.itertuples()],
        "发布": sources["published"],
        "等级": sources["grade"],
        "说明": sources["note"].fillna("—"),
    })
    return numbered_table(frame, label, "本书所用资料来源及其等级。资料来源：data/sources.csv。")


def indicator_table(indicators: pd.DataFrame, label: str = "tbl-indicators"):
    """The dictionary in brief: how many indicators each category holds, with examples
    (the whole dictionary is a download)."""
    from planbook.base.i18n import category_name

    rows = []
    for category, group in indicators.groupby("category", sort=False):
        rows.append({"类别": category_name(category, "zh"), "指标数": len(group),
                     "例": "、".join(group["name_zh"].head(3)) + ("等" if len(group) > 3 else "")})
    frame = pd.DataFrame(rows).sort_values("指标数", ascending=False, kind="stable")
    return numbered_table(frame, label, f"指标字典概览：{len(indicators)}个指标按类别计数。"
                          "每个指标的中英文名、单位、定义与口径见 data/indicators.csv。"
                          "资料来源：data/indicators.csv。", align={"指标数": "r"})


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
    caption = f"规划目标（共{len(frame)}条）。{source_line(sources, source_ids)}"
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


# decimals of a derived outcome (a compound average, a ratio) by the target's unit
DERIVED_DIGITS = {"%": 1, "百分点": 1}


def outcome_cell(value, unit: str, qualifier: str | None, derived: bool) -> str:
    """An outcome as the assessment table shows it: “> 1000”, “≈ 3.7”, “5.3（推算）”."""
    if value is None or pd.isna(value):
        return "—"
    digits = DERIVED_DIGITS.get(unit, 0) if derived else None
    text = format_number(float(value), digits)
    mark = QUALIFIER_SYMBOLS.get(qualifier or "=", "") if qualifier not in (None, "=") else ""
    return f"{mark} {text}".strip() + ("（推算）" if derived else "")


_QUALIFIER_WORDS = {"=": "", "~": "约", ">": "超过", ">=": "至少", "<": "不足", "<~": "近"}


def baseline_cell(row) -> str:
    """A target's baseline as a table cell: “2017年约2.85%（A级）”, or that the archive has none."""
    if row.get("baseline_year") is None or pd.isna(row.get("baseline_year")):
        return "本书存档中未见"
    mark = _QUALIFIER_WORDS.get(row["baseline_qualifier"], "")
    return (f"{int(row['baseline_year'])}年{mark}{format_number(row['baseline_value'])}{row['unit']}"
            f"（{row['baseline_grade']}级）")


def assessment_table(targets: pd.DataFrame, assessed: pd.DataFrame, indicators: pd.DataFrame,
                     sources: pd.DataFrame, source_ids: list[str], label: str,
                     outcomes: pd.DataFrame | None = None, baselines: pd.DataFrame | None = None):
    """Each target of the given source(s) beside its assessed outcome and verdict, in
    Chinese: the target as the plan words it, no ids (they stay in the CSV download)."""
    from planbook.analysis.achievement import STATUS_ZH as VERDICT_ZH

    chosen = targets[targets["source_id"].isin(source_ids)].merge(assessed, on="target_id")
    names = indicators.set_index("indicator_id")["name_zh"]
    qualifiers = outcomes.set_index("outcome_id")["qualifier"] if outcomes is not None else pd.Series(dtype=str)
    first = chosen["outcome_ids"].map(lambda ids: str(ids).split(";")[0] if isinstance(ids, str) and ids else "")
    result = [outcome_cell(v, u, qualifiers.get(i) if i in qualifiers.index else None, bool(d))
              for v, u, i, d in zip(chosen["outcome_value"], chosen["unit"], first, chosen["derived"])]
    frame = pd.DataFrame({
        "指标": chosen["indicator_id"].map(names),
        "年份": chosen["target_year"].astype("string").fillna("—"),
        **({"起点": chosen["target_id"].map({r["target_id"]: baseline_cell(r)
                                             for _, r in baselines.iterrows()}).fillna("—")}
           if baselines is not None else {}),
        "目标": chosen["comparator"].map(COMPARATOR_SYMBOLS) + " "
        + chosen["value"].map(format_number) + chosen["unit"],
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


def gaps_table(cards: dict, gaps: pd.DataFrame, labels: dict[str, str], label: str = "tbl-gaps"):
    """The gap log in brief: per document, how many counted targets have no figure of
    the same scope, how many have one only of another scope, and how many of the
    targets carry a search record (the log itself is a download)."""
    rows = []
    for sid, card in cards.items():
        ids = set(card.assessed["target_id"])
        rows.append({"文本": labels[sid], "目标数": card.counts["targets"],
                     "无数据": card.counts["no-data"], "不可比": card.counts["not-comparable"],
                     "有检索记录": int(gaps["target_id"].isin(ids).sum())})
    frame = pd.DataFrame(rows)
    return numbered_table(frame, label, "各文本的缺口：没有同口径数字（无数据）与只有其他口径数字（不可比）的目标数，"
                          "以及写有检索记录的目标数。逐条的检索内容与近似线索见 data/outcome_gaps.csv。"
                          "资料来源：data/targets.csv、data/outcomes.csv、data/outcome_gaps.csv。",
                          align={c: "r" for c in ("目标数", "无数据", "不可比", "有检索记录")})


def series_gaps_table(series_gaps: pd.DataFrame, label: str):
    rows = series_gaps[series_gaps["series"] == "outcome"]
    frame = (rows.groupby(["city", "indicator_id"])["year"]
             .apply(lambda ys: "、".join(str(y) for y in sorted(ys))).reset_index())
    frame = pd.DataFrame({"城市": frame["city"].map(CITY_ZH),
                          "指标": frame["indicator_id"].map({"gdp": "地区生产总值",
                                                             "gdp_growth": "地区生产总值增速"}),
                          "缺少的年份": frame["year"]})
    return numbered_table(frame, label, "地区生产总值序列中没有可用数字的年份。资料来源：data/series_gaps.csv。")


def _mark(qualifier: str) -> str:
    """The sign a reader sees before a figure: "" for exact, "≈ ", "> ", "近 " …"""
    return "" if qualifier == "=" else QUALIFIER_SYMBOLS.get(qualifier, "") + " "


def _figure(qualifier: str, value: float, unit: str) -> str:
    """A recorded figure as a reader reads it: "≈ 2.1万亿元", "> 1000亿元", "8458亿元"."""
    return f"{_mark(qualifier)}{format_number(value)}{unit}"


def conflicts_table(rows: pd.DataFrame, sources: pd.DataFrame, label: str,
                    indicators: pd.DataFrame | None = None):
    """One row per city, indicator and year with several recorded figures: each figure
    with its qualifier, vintage and grade, and the one the book uses."""
    from planbook.analysis.achievement import pick_outcome

    grades = sources.set_index("source_id")["grade"]
    names = ({} if indicators is None else dict(zip(indicators["indicator_id"], indicators["name_zh"])))
    rows = rows.assign(grade=rows["source_id"].map(grades))
    out = []
    for (city, indicator, year), group in rows.groupby(["city", "indicator_id", "year"], sort=True):
        used = pick_outcome(group)
        figures = "；".join(f"{_figure(r.qualifier, r.value, r.unit)}（{VINTAGE_ZH.get(r.status, r.status)}，"
                            f"{r.grade}级）" for r in group.itertuples())
        out.append({"城市": CITY_ZH[city], "指标": names.get(indicator, indicator), "年份": str(year),
                    "各来源的数字": figures,
                    "采用": f"{_figure(used['qualifier'], used['value'], used['unit'])}（{used['grade']}级）"})
    return numbered_table(pd.DataFrame(out), label,
                          "同一城市、指标和年份的多条数字及本书采用的一条（规则见方法页）。"
                          "资料来源：data/outcomes.csv 所列各来源。")


def instruments_table(instruments: pd.DataFrame, plans: dict[str, str], label: str,
                      missing: dict[str, str] | None = None):
    """What the plans commit to do, side by side: one row per instrument, one column
    per plan (``plans``: source_id → column heading), each cell the plan's own words
    in 「」; a plan without a passage shows ``missing[source_id]`` (default “未见”)."""
    missing = missing or {}
    rows = []
    for _, group in instruments.sort_values(["order"], kind="stable").groupby("order", sort=True):
        row = {"政策工具与机制": group["instrument_zh"].iloc[0]}
        for sid, heading in plans.items():
            quotes = group.loc[group["source_id"] == sid, "quote"]
            row[heading] = "；".join(f"「{q}」" for q in quotes) if len(quotes) else missing.get(sid, "未见")
        rows.append(row)
    return numbered_table(pd.DataFrame(rows), label,
                          "两份计划承诺采取的政策工具与推进机制（原文摘引）。"
                          "资料来源：data/instruments.csv，引文逐字核对于存档全文。")


def cluster_status_table(clusters: pd.DataFrame, status: pd.DataFrame, sources: pd.DataFrame,
                         label: str, not_found: str = "本书存档中未见"):
    """Each cluster of a plan (``clusters``: cluster_id, cluster_zh, tier_zh), its
    place in Jiangsu's cluster system and its national status where a source states
    it (data/cluster_status.csv), with the source's grade; otherwise ``not_found``."""
    grades = sources.set_index("source_id")["grade"]
    rows = []
    for cluster in clusters.itertuples():
        mine = status[status["cluster_id"] == cluster.cluster_id]
        cells = {}
        for level, heading in [("provincial", "江苏省集群体系"), ("national", "国家级称号")]:
            found = mine[mine["level"] == level]
            cells[heading] = ("；".join(f"{r.status_zh}（{int(r.year)}，{grades[r.source_id]}级）"
                                       for r in found.itertuples()) or not_found)
        rows.append({"集群": cluster.cluster_zh, "类别": cluster.tier_zh, **cells})
    return numbered_table(pd.DataFrame(rows), label,
                          "徐州“343”创新产业集群在江苏省集群体系与国家级集群中的位置。"
                          "资料来源：data/cluster_status.csv 所列来源（等级见括号）。")


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# decimals shown per profile row; None: as recorded (format_number)
_PROFILE_DIGITS = {"population": 2, "gdp": None, "gdp_per_head": 0, "secondary_share": 1,
                   "tertiary_share": 1, "industrial_output": None}


def profile_table(cells: dict, sources: pd.DataFrame, years: tuple[int, ...], label: str):
    """The two-city profile (:func:`planbook.analysis.profile.city_profile`) as a table: one row
    per indicator and year, one column per city; each cell the figure with its grade
    and vintage (or “本书计算” for a ratio) and a circled note number pointing to its
    source in the caption; a gap is “本书存档中未见”."""
    from planbook.analysis.profile import CITIES, ROWS, profile_sources

    used = profile_sources(cells)
    if len(used) > len(_CIRCLED):
        raise ValueError(f"the profile rests on {len(used)} sources; note marks exist for {len(_CIRCLED)}")
    notes = {sid: _CIRCLED[i] for i, sid in enumerate(used)}
    rows = []
    for year in years:
        for key, label_zh, _ in ROWS:
            row = {"指标": label_zh, "年份": str(year)}
            for city in CITIES:
                cell = cells[(key, year, city)]
                if not cell.found:
                    row[CITY_ZH[city]] = "本书存档中未见"
                    continue
                digits = _PROFILE_DIGITS[key]
                number = format_number(cell.value, digits)
                mark = _mark(cell.qualifier)
                basis = "本书计算" if cell.computed else VINTAGE_ZH.get(cell.status, cell.status)
                refs = "".join(notes[s] for s in cell.source_ids)
                row[CITY_ZH[city]] = f"{mark}{number}{cell.unit}（{basis}，{cell.grade}级，{refs}）"
            rows.append(row)
    listed = sources.set_index("source_id")
    caption = ("两市概况：常住人口、地区生产总值（当年价）、人均地区生产总值、产业结构与规模以上工业总产值。"
               "“本书计算”为两个记录数字之比（人均值以年末或普查日常住人口计，统计部门以年平均人口计，二者略有出入；"
               "比重以同年地区生产总值为分母），等级取两者中较低的一个。资料来源："
               + "；".join(f"{n}{listed.loc[s, 'title']}（{listed.loc[s, 'published']}，{listed.loc[s, 'grade']}级）"
                          for s, n in notes.items()) + "。")
    return numbered_table(pd.DataFrame(rows), label, caption)


def quoted_notes(notes: pd.DataFrame, section: str, about: Iterable[str] | None = None):
    """The context quotes of one ``section`` (data/context_notes.csv) as a Markdown
    list: topic, the source's own words in quotation marks, and its citation."""
    from IPython.display import Markdown

    chosen = notes[notes["section"] == section]
    if about is not None:
        chosen = chosen[chosen["about"].isin(list(about))]
    if chosen.empty:
        raise ValueError(f"no context notes for section {section!r} about {about!r}")
    from planbook.base.i18n import language_of

    mark = {"en": "（英文原文）", "zh-Hant": "（繁体原文）"}
    return Markdown("\n".join(f"- {escape_cell(r.topic_zh)}：“{escape_cell(r.quote)}”"
                              f"{mark.get(language_of(r.quote), '')}{{cite}}`{r.source_id}`"
                              for r in chosen.itertuples()))
