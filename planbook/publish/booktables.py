"""The tables a chapter shows that are not a whole data table: each built from the
page's findings, one call per table cell. Reader tables speak Chinese: no ids (they stay
in the CSV downloads and tooltips), sources named by who published them and when, with
a citation link; derived values rounded and marked."""

from __future__ import annotations

import pandas as pd

from planbook.base.i18n import language_of, place_name
from planbook.base.numbers import format_number
from planbook.base.phrasing import number
from planbook.findings.record import VINTAGE_ZH
from planbook.publish.datatables import baseline_cell
from planbook.publish.tables import Raw, escape_cell, numbered_table


def source_cell(sources: pd.DataFrame, source_id: str) -> Raw:
    """“苏州市人民政府，2018-02-11（A级）[12]”: who published it, when, its grade, and a
    link to the reference list."""
    r = sources.set_index("source_id").loc[source_id]
    return Raw(f"{escape_cell(r['issuer'])}，{r['published']}（{r['grade']}级）{{cite}}`{source_id}`")


def wording_cell(quote: str) -> str:
    """A target's words as the source gives them; a paraphrase in English or a copy in
    traditional characters says so."""
    return {"en": "（英文转述）", "zh-Hant": "（繁体副本）"}.get(language_of(quote), "") + quote


def annual_targets_table(f, book, label: str = "tbl-compare-annual-targets"):
    card = f.annual.card
    names = book.indicators.set_index("indicator_id")["name_zh"]
    targets = book.targets.set_index("target_id")
    rows = []
    for r in card.itertuples():
        t = targets.loc[r.target_id]
        rows.append({
            "地区": place_name(r.city), "年份": str(r.year), "指标": names[r.indicator_id],
            "目标（原文）": wording_cell(t["quote"]),
            "结果": "—" if pd.isna(r.outcome_value) else format_number(round(float(r.outcome_value), 2)),
            "核对": r.status_zh,
            "目标来源": source_cell(book.sources, r.target_source_id),
            "结果来源": (source_cell(book.sources, r.outcome_source_id) if isinstance(r.outcome_source_id, str)
                     else "本书存档中未见"),
        })
    return numbered_table(pd.DataFrame(rows), label,
                          "每年的主要预期目标与结果（目标的单位见原文；结果与目标同单位）。"
                          "资料来源：各行所列来源，逐条见 data/targets.csv 与 data/outcomes.csv。")


_QUALIFIER_WORD = {"=": "", "~": "约", ">": "超过", ">=": "至少", "<": "不足", "<~": "近"}


def checkpoint_table(f, book, label: str = "tbl-compare-2025"):
    checkpoint = f.checkpoint

    def cell(r):
        if pd.isna(r["value"]):
            return "本书存档中未见"
        return (f"{_QUALIFIER_WORD[r['qualifier']]}{format_number(r['value'])}"
                f"（{VINTAGE_ZH[r['status']]}，{r['grade']}级）")
    checkpoint = checkpoint.assign(cell=checkpoint.apply(cell, axis=1))
    order = list(dict.fromkeys(checkpoint["label"]))
    wide = (checkpoint.pivot_table(index="label", columns="city", values="cell", aggfunc="first", sort=False)
            .reindex(order).reindex(columns=["xuzhou", "suzhou"]).fillna("不以此口径报告"))
    wide.columns = [place_name(c) for c in wide.columns]
    wide = wide.reset_index().rename(columns={"label": "2025年"})
    used = sorted(set(checkpoint["source_id"].dropna()))
    caption = ("两市2025年的结果（2026年初公布）。“不以此口径报告”表示该市不以此口径发布数字。资料来源："
               + "；".join(f"{{cite}}`{s}`" for s in used) + "。")
    return numbered_table(wide, label, caption)


def trillion_table(f, book, label: str = "tbl-compare-trillion"):
    steps = f.trillion.steps.copy()
    ids = set(book.sources["source_id"])
    steps["来源"] = [source_cell(book.sources, s) if s in ids else s for s in steps["来源"]]
    return numbered_table(steps, label,
                          "徐州2025年万亿目标的检验：由已记录的数字推算名义总量，并与公布数对照"
                          "（推算值在代码中计算，标为推算）。资料来源：表中各行所列来源。")


def style_table(f, label: str = "tbl-compare-style"):
    return numbered_table(f.documents.style, label,
                          "两份计划的期限与量化程度。资料来源：徐委发〔2022〕33号与苏州行动计划（A级）；"
                          "计数见 data/targets.csv。")


def coverage_table(coverage: pd.DataFrame, label: str, caption: str):
    return numbered_table(coverage.drop(columns=["plan"]), label, caption)


def structure_table(f, label: str = "tbl-xz-2022-structure"):
    s = f.structure
    frame = pd.DataFrame({"集群级别（亿元）": s["level"].map(number), "方案所列个数": s["stated"],
                          "按集群目标计数": s["counted"],
                          "一致": s["consistent"].map({True: "是", False: "否"})})
    return numbered_table(frame, label, "集群数量结构与各集群目标的对照。资料来源：徐委发〔2022〕33号（A级）。")


def size_class_table(f, label: str = "tbl-xz-2022-size-class"):
    s = f.size
    frame = pd.DataFrame([{"千亿级集群（个）：方案分档合计": s.planned, "分档": s.tiers,
                           f"{s.year}年点名的“超千亿”集群（个）": s.reported,
                           "其中按方案口径有据（个）": s.evidenced, "核对": s.verdict,
                           "判定依据": s.rule}])
    return numbered_table(frame, label,
                          "方案的分档结构与报告的千亿级集群个数。资料来源：徐委发〔2022〕33号（A级）；"
                          "国际在线江苏频道对2025-12-17发布会的报道（B级）。")


def shifts_table(f, label: str = "tbl-xz-2023-shifts"):
    s = f.shifts_table
    frame = s[["shift_order", "shift_zh", "dimension_zh", "aim_zh", "key_measures", "quote"]].rename(
        columns={"shift_order": "序号", "shift_zh": "转变", "dimension_zh": "维度", "aim_zh": "目标",
                 "key_measures": "主要举措（本书概括）", "quote": "原文"})
    return numbered_table(frame, label, "市工信局2023年评论提出的转变。资料来源：徐州日报2023-04-11（B级）。")


def review_vs_2025_table(f, label: str = "tbl-xz-2023-vs-2025"):
    rows = [
        ("地区生产总值", f"{f.gdp22.text}亿元（初步数）", f"≥ {f.gdp_target.text}万亿元",
         f"名义年均须增长{f.gdp_needed.text}%（推算值）"),
        ("省级以上专精特新“小巨人”企业", f"> {f.giants22.text}家（累计）", f"≥ {f.giants_target.text}家",
         "以下限计，已完成目标的大部分"),
        ("上市企业", f"新增{f.new_listed.text}家（当年）", f"制造业上市企业 ≥ {f.listed_target.text}家（存量）",
         "口径不同，不可比"),
        ("“四上”企业", f"净增{f.net_new_firms.text}家", "—", "方案未设目标"),
    ]
    return numbered_table(pd.DataFrame(rows, columns=["指标", "2022年", "2025年目标", "对照"]), label,
                          "2022年的数字与2025年目标。资料来源：徐州2023年大会报道（C级）、徐委发〔2022〕33号（A级）、"
                          "现代快报转述的徐州“十四五”规划目标（B级）。")


def documents_table(book, plans: list[str], labels: dict[str, str], label: str = "tbl-documents"):
    docs = book.documents.merge(book.sources[["source_id", "issuer", "doc_number", "kind"]], on="source_id")
    docs = docs[docs["source_id"].isin(plans)]
    frame = pd.DataFrame({
        "文本": docs["source_id"].map(labels), "类型": docs["doc_type_zh"], "期限": docs["period"],
        "发文": docs["issuer"], "文号": docs["doc_number"].fillna("存档资料中未见"),
        "所处位置": docs["context_zh"].fillna("—")})
    return numbered_table(frame, label, "两份规划是什么文件。资料来源：data/documents.csv、data/sources.csv"
                                        "（“所处位置”一栏的引文见 documents.csv）。")


REASON_ZH = {"exhortation": "号召，不是目标", "no-number": "没有数量", "no-year": "没有年份"}


def non_targets_table(f, book, label: str = "tbl-non-targets"):
    n = f.non_target_table
    labels = {sid: short for sid, short in zip(book.sources["source_id"], book.sources["short_zh"])
              if isinstance(short, str)}
    frame = pd.DataFrame({"文本": n["source_id"].map(labels), "原文": n["quote"],
                          "不计为目标的理由": n["reason"].map(REASON_ZH), "说明": n["note"]})
    return numbered_table(frame, label, "含有数字但不计为目标的表述。资料来源：data/non_targets.csv。")


def targets_by_document_table(f, labels: dict[str, str], label: str = "tbl-targets"):
    rows = [{"文本": labels[sid], "目标（条）": card.counts["targets"],
             "目标年份": "、".join(str(int(y)) for y in sorted(card.targets["target_year"].dropna().unique())) or "未写明",
             "可判定（条）": card.counts["decided"]} for sid, card in f.cards.items()]
    return numbered_table(pd.DataFrame(rows), label, "各文本的量化目标（区间计为一条）。资料来源：data/targets.csv；判定见各章。",
                          align={"目标（条）": "r", "可判定（条）": "r"})


def excluded_hosts_table(book, label: str = "tbl-excluded-hosts"):
    e = book.excluded_hosts
    return numbered_table(pd.DataFrame({"站点": e["host"], "排除理由": e["reason"]}), label,
                          "排除的站点及理由（含其子域名）。资料来源：data/excluded_hosts.csv。")


def commitments_table(f, book, doc: str, label: str = "tbl-xz-2020-commitments"):
    """A text's numeric commitments beside their verdicts (a framework chapter)."""
    from planbook.publish.datatables import assessment_table

    return assessment_table(book.targets, f.commitments.assessed, book.indicators, book.sources, [doc],
                            label, book.outcomes)


def _signed(value) -> str:
    from planbook.base.phrasing import signed

    return "—" if value is None or pd.isna(value) else signed(float(value), 1)


def panel_table(f, book, label: str = "tbl-compare-growth-panel"):
    """The growth-target panel, every column: the target in its report's words, the
    first-release and the final outcome with vintage and grade, the verdict, and the
    derived differences (outcome − target, against the province and the nation, the
    target against the year before)."""
    from planbook.analysis.series import VINTAGE_ZH

    panel = f.annual.panel
    rows = []
    for r in panel.itertuples():
        if r.target_found:
            target = f"{r.target}：{wording_cell(r.target_quote)}"
        else:
            target = "未设具体目标" if r.no_target else "本书存档中未见"
        first = ("本书存档中未见" if pd.isna(r.first_value) else
                 f"{_QUALIFIER_WORD[r.first_qualifier]}{format_number(r.first_value)}%"
                 f"（{VINTAGE_ZH[r.first_status]}，{r.first_grade}级）")
        final = ("—" if pd.isna(r.final_value) else
                 f"{format_number(r.final_value)}%（{VINTAGE_ZH[r.final_status]}，{r.final_grade}级）")
        rows.append({"地区": place_name(r.city), "年份": str(r.year), "增长目标（原文）": target,
                     "结果（首次公布）": first, "最终或修订": final,
                     "核对": r.verdict if isinstance(r.verdict, str) else "—",
                     "结果−目标": _signed(r.minus_target), "对江苏": _signed(r.vs_jiangsu),
                     "对全国": _signed(r.vs_china), "目标−上年结果": _signed(r.ambition)})
    used = sorted(set(panel["target_source_id"].dropna()) | set(panel["first_source_id"].dropna()))
    return numbered_table(
        pd.DataFrame(rows), label,
        "全国、江苏与两市各年的地区生产总值增长目标与结果（%；差值为百分点，由本书推算）。"
        "“结果−目标”以区间的下端、“左右”与“以上”的数值为目标；“对江苏”“对全国”用同一年的首次公布数；"
        "“目标−上年结果”是目标比上一年的首次公布数高出多少。只有界的结果不计算差值。资料来源："
        + "；".join(f"{{cite}}`{s}`" for s in used) + "。",
        align={c: "r" for c in ("结果−目标", "对江苏", "对全国", "目标−上年结果")})


def _pace(value, unit: str) -> str:
    from planbook.base.phrasing import number

    return "—" if value is None or pd.isna(value) else f"{number(float(value), 1)}{unit}"


def baseline_table(start, book, label: str, plan_name: str):
    """A plan's targets that have a same-scope baseline: the baseline, the pace the target
    required from it, the trend before the plan, the pace achieved, and the class."""
    t = start.table[start.table["class"] != "no-baseline"]
    if t.empty:
        return None
    rows = []
    for _, r in t.iterrows():
        unit = r["pace_unit"]
        trend = ("—" if r["trend_pace"] is None or pd.isna(r["trend_pace"]) else
                 f"{_pace(r['trend_pace'], unit)}（{int(r['trend_from'])}—{int(r['baseline_year'])}年）")
        required = _pace(r["required_pace"], unit) + ("（起点为下限，是上限）" if r["bound"] and unit == "%/年" else "")
        rows.append({"目标": r["label"], "起点": baseline_cell(r),
                     "目标值": f"{COMPARATOR_SYMBOL.get(r['comparator'], '')}{format_number(r['value'])}{r['unit']}"
                              f"（{int(r['target_year'])}年）",
                     "所需年均": required, "起点前趋势": trend, "实际年均": _pace(r["achieved_pace"], unit),
                     "判断": r["class_zh"]})
    return numbered_table(pd.DataFrame(rows), label,
                          f"{plan_name}有计划前同口径起点的目标：起点、目标所需的年均节奏、起点之前的趋势与实际的年均节奏"
                          "（推算值；水平与个数为年均增速，比重为每年百分点，增速目标直接与此前的年均增速相比）。"
                          "判断的界线见方法页。资料来源：data/targets.csv、data/outcomes.csv 所列来源。")


COMPARATOR_SYMBOL = {">=": "≥", "~": "≈", "=": "", "<=": "≤"}
