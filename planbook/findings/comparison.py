"""The findings of the comparison chapter: the two economies' scale and paths, each
year's targets against their outcomes, the 2025 checkpoint, what kind of documents the
two plans are, what they commit to do, how much of each can be checked, and the words
they use."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planbook.analysis.achievement import (LEVEL_CLOSE_BAND, RATE_CLOSE_BAND, STATUS_ZH,
                                           convert, implied_deflator, judge, nominal_projection)
from planbook.analysis.annual import annual_scorecard, year_values
from planbook.analysis.coverage import coverage_by_plan
from planbook.analysis.lexicon import (MIN_TERM_COUNT, readable_rate, source_texts, targets_per_10k,
                                       term_count, term_frequencies)
from planbook.analysis.profile import city_profile, ratio_of
from planbook.analysis.scorecard import plan_scorecard
from planbook.analysis.series import preferred_series
from planbook.base.i18n import place_name
from planbook.base.phrasing import count_zh, join_zh, number
from planbook.data.load import DataPackage, analysed_documents, distinct_targets
from planbook.findings.annual import AnnualFindings, annual_findings
from planbook.findings.economy import GdpLag, gdp_lag
from planbook.findings.plans import PlanSummary, plan_summary
from planbook.findings.record import Quantity, Record, data
from planbook.findings.vocabulary import times_zh


PLACES = ("xuzhou", "suzhou", "jiangsu", "china")


def shock_clause(growth: pd.DataFrame, shock_year: int, min_years: int = 3) -> str:
    """What the recorded growth says about the shock year: each place's growth that year
    (or that the archive holds none), and the year of each place's lowest recorded growth."""
    numbers = growth[growth["qualifier"].isin(["=", "~"])]
    places = [p for p in PLACES if (numbers["city"] == p).any()]
    that_year = numbers[numbers["year"] == shock_year].set_index("city")["value"]
    have = [p for p in places if p in that_year.index]
    parts = []
    if have:
        parts.append(f"{shock_year}年是新冠疫情冲击之年："
                     + "，".join(f"{place_name(p)}增长{number(that_year[p], 1)}%" for p in have))
    missing = [p for p in places if p not in have]
    if missing:
        parts.append(f"{join_zh(place_name(p) for p in missing)}{shock_year}年的增速在本书存档中未见")
    lows: dict[int, list[tuple[str, float]]] = {}
    for p in places:
        mine = numbers[numbers["city"] == p]
        if len(mine) >= min_years:
            low = mine.loc[mine["value"].idxmin()]
            lows.setdefault(int(low["year"]), []).append((p, float(low["value"])))
    lowest = []
    for year, items in sorted(lows.items()):
        names = join_zh(place_name(p) for p, _ in items)
        values = "、".join(f"{number(v, 1)}%" for _, v in items)
        lowest.append(f"{names}的{'都' if len(items) > 1 else ''}在{year}年（{values}）")
    if lowest:
        parts.append("本书记录的年份中，增速的最低点，" + "，".join(lowest))
    return "；".join(parts)


@dataclass(frozen=True)
class Scale(Record):
    population_ratio_2022: Quantity
    per_head_ratio_2022: Quantity
    lag: GdpLag
    sz_years: int
    sz_first_year: int
    xz_years: int
    xz_first_year: int
    common_years: int
    common_year: int
    common_ratio: Quantity
    shock_clause: str       # 2020年是新冠疫情冲击之年：苏州增长3.4%…；本书记录的年份中…最低点在…
    level: pd.DataFrame = data()
    growth: pd.DataFrame = data()


def _scale(book: DataPackage, shock_year: int) -> Scale:
    level = preferred_series(book.outcomes, book.sources, "gdp", "亿元", ["xuzhou", "suzhou"])
    growth = preferred_series(book.outcomes, book.sources, "gdp_growth", "%")
    exact = level[level["qualifier"] == "="]
    both = exact.pivot_table(index="year", columns="city", values="value").dropna()
    profile = city_profile(book.outcomes, book.sources, (2022,))
    shock = shock_clause(growth, shock_year)
    first = {c: int(level.loc[level["city"] == c, "year"].min()) for c in ("xuzhou", "suzhou")}
    n = {c: int((level["city"] == c).sum()) for c in ("xuzhou", "suzhou")}
    return Scale(
        population_ratio_2022=Quantity(ratio_of(profile, "population", 2022), "倍", 1, derived=True),
        per_head_ratio_2022=Quantity(ratio_of(profile, "gdp_per_head", 2022), "倍", 1, derived=True),
        lag=gdp_lag(level), sz_years=n["suzhou"], sz_first_year=first["suzhou"],
        xz_years=n["xuzhou"], xz_first_year=first["xuzhou"], common_years=len(both),
        common_year=int(both.index.max()),
        common_ratio=Quantity(both.iloc[-1]["suzhou"] / both.iloc[-1]["xuzhou"], "倍", 1, derived=True),
        shock_clause=shock, level=level, growth=growth)


@dataclass(frozen=True)
class YearOutcomes(Record):
    """One year's targets of one place: how many, and which ended how."""
    targets: int
    clause: str            # 达成的是研发投入强度、企业研发投入增速…；未达成的是…


def _year_outcomes(card: pd.DataFrame, indicators: pd.DataFrame, place: str, year: int) -> YearOutcomes:
    mine = card[(card["city"] == place) & (card["year"] == year)]
    names = indicators.set_index("indicator_id")["name_zh"]
    parts = []
    for status in ("missed", "close", "met"):
        chosen = mine[mine["status"] == status]
        if len(chosen):
            parts.append(f"{STATUS_ZH[status]}的是{join_zh(chosen['indicator_id'].map(names))}")
    return YearOutcomes(targets=len(mine), clause="；".join(parts))


@dataclass(frozen=True)
class TrillionTest(Record):
    """A five-year level target tested from a growth estimate and the province's prices."""
    target: Quantity             # 万亿元
    outcome: Quantity            # published level (亿元)
    outcome_grade: str
    gap: Quantity                # target − outcome (亿元)
    status: str
    base: Quantity               # the city's level the year before (亿元)
    growth: Quantity             # the city's real growth (estimate)
    province_before: Quantity
    province_after: Quantity
    province_growth: Quantity
    deflator: Quantity           # derived
    estimate: Quantity           # derived nominal level
    estimate_gap: Quantity
    estimate_status: str
    band: Quantity               # the 左右 tolerance read as ± this
    low: Quantity
    high: Quantity
    difference: Quantity         # published − estimate
    level_band: str              # 5%
    steps: pd.DataFrame = data()


def _point(book, place, indicator, year):
    rows = year_values(book.outcomes, book.sources, year, [("x", {place: indicator})])
    return rows.iloc[0]


def _trillion(book: DataPackage, target_id: str) -> TrillionTest:
    card = annual_scorecard(book.targets, book.outcomes, book.sources, kinds=("five-year",))
    target = card[card["target_id"] == target_id].iloc[0]
    place, year = target["city"], int(target["year"])
    published = _point(book, place, "gdp", year)
    base, g = _point(book, place, "gdp", year - 1), _point(book, place, "gdp_growth", year)
    p0, p1 = _point(book, "jiangsu", "gdp", year - 1), _point(book, "jiangsu", "gdp", year)
    pg = _point(book, "jiangsu", "gdp_growth", year)
    to_yi = lambda r: convert(r["value"], r["unit"], "亿元")  # noqa: E731
    deflator = implied_deflator(to_yi(p0), to_yi(p1), float(pg["value"]))
    estimate = nominal_projection(to_yi(base), float(g["value"]), deflator)
    band = RATE_CLOSE_BAND
    low = nominal_projection(to_yi(base), float(g["value"]) - band, deflator)
    high = nominal_projection(to_yi(base), float(g["value"]) + band, deflator)
    goal = convert(float(target["target_value"]), target["unit"], "亿元")
    q = lambda r, d, u: Quantity(float(r["value"]), u, d, grade=r["grade"], vintage=r["status"],  # noqa: E731
                                 qualifier=r["qualifier"], year=int(r["year"]),
                                 source_ids=(r["source_id"],))
    cite = lambda r: r["source_id"]  # noqa: E731  (a table names it by publisher, date and grade)
    steps = pd.DataFrame([
        {"步骤": f"{place_name(place)}{year - 1}年地区生产总值（亿元）", "数值": number(to_yi(base)), "来源": cite(base)},
        {"步骤": f"{place_name(place)}{year}年实际增速（%，预计“左右”）", "数值": number(float(g["value"])), "来源": cite(g)},
        {"步骤": f"江苏{year - 1}年地区生产总值（亿元）", "数值": number(to_yi(p0)), "来源": cite(p0)},
        {"步骤": f"江苏{year}年地区生产总值（亿元）", "数值": number(to_yi(p1)), "来源": cite(p1)},
        {"步骤": f"江苏{year}年实际增速（%）", "数值": number(float(pg["value"])), "来源": cite(pg)},
        {"步骤": f"江苏{year}年隐含价格变化（%，推算）", "数值": number(deflator, 2), "来源": "由上面三行计算"},
        {"步骤": f"{place_name(place)}{year}年名义总量（亿元，推算）", "数值": number(estimate, 0),
         "来源": f"{year - 1}年总量 ×（1+实际增速）×（1+价格变化）"},
        {"步骤": f"{place_name(place)}{year}年名义总量（亿元，公布数）", "数值": number(to_yi(published)),
         "来源": cite(published)},
    ])
    return TrillionTest(
        target=Quantity(target["target_value"], target["unit"]),
        outcome=q(published, 2, "亿元"), outcome_grade=published["grade"],
        gap=Quantity(goal - to_yi(published), "亿元", 2, derived=True), status=target["status_zh"],
        base=q(base, 2, "亿元"), growth=q(g, 1, "%"), province_before=q(p0, 0, p0["unit"]),
        province_after=q(p1, 1, p1["unit"]), province_growth=q(pg, 1, "%"),
        deflator=Quantity(deflator, "%", 2, derived=True),
        estimate=Quantity(estimate, "亿元", 0, derived=True),
        estimate_gap=Quantity(goal - estimate, "亿元", 0, derived=True),
        estimate_status=STATUS_ZH[judge(estimate, goal, ">=", "亿元")[0]],
        band=Quantity(band, "个百分点", None), low=Quantity(low, "亿元", 0, derived=True),
        high=Quantity(high, "亿元", 0, derived=True),
        difference=Quantity(to_yi(published) - estimate, "亿元", 0, derived=True),
        level_band=f"{LEVEL_CLOSE_BAND:.0%}", steps=steps)


@dataclass(frozen=True)
class DocumentsCompared(Record):
    xz_targets: int
    xz_categories: int
    sz_targets: int
    sz_categories: int
    by_category: pd.DataFrame = data()
    style: pd.DataFrame = data()


def _documents(book: DataPackage, plans: dict[str, str]) -> DocumentsCompared:
    chosen = distinct_targets(book.targets[book.targets["source_id"].isin(plans)]).merge(
        book.indicators[["indicator_id", "category"]], on="indicator_id")
    by_cat = chosen.groupby(["source_id", "category"]).size().rename("目标数").reset_index()
    by_cat["计划"] = by_cat["source_id"].map(plans)
    density = targets_per_10k(book.targets, source_texts(book.sources, list(plans),
                                                         book.documents)).set_index("document")
    rows = []
    for sid, label in plans.items():
        t = distinct_targets(book.targets[book.targets["source_id"] == sid])
        pub = book.sources.set_index("source_id").loc[sid]
        rows.append({"计划": label,
                     "发布": str(pub["published"]) + ("（副本上载日）" if pub["date_basis"] == "copy-posted" else ""),
                     "目标年份": int(t["target_year"].max()), "量化目标（条）": len(t),
                     "每万字量化目标（条）": number(density.loc[sid, "per_10k"], 1),
                     "每年类目标（条）": int((t["period"] == "annual").sum()),
                     "年均类目标（条）": int((t["period"] == "average-annual").sum()),
                     "累计类目标（条）": int((t["period"] == "cumulative").sum()),
                     "期末水平目标（条）": int((t["period"] == "end-of-period").sum())})
    keys = list(plans)
    n = {sid: len(distinct_targets(book.targets[book.targets["source_id"] == sid])) for sid in keys}
    cats = {sid: int(chosen.loc[chosen["source_id"] == sid, "category"].nunique()) for sid in keys}
    xz, sz = keys
    return DocumentsCompared(xz_targets=n[xz], xz_categories=cats[xz], sz_targets=n[sz],
                             sz_categories=cats[sz], by_category=by_cat, style=pd.DataFrame(rows))


@dataclass(frozen=True)
class Instruments(Record):
    chain_leader: str        # 出现12次 | 没有出现
    chain_owner: str
    lead_departments: str    # 市发改委3个、市工信局5个…
    sz_without: int


@dataclass(frozen=True)
class Vocabulary(Record):
    cluster_xz: Quantity
    cluster_sz: str          # 只出现2次
    brand_sz: Quantity
    brand_xz: Quantity
    min_count: int
    freq: pd.DataFrame = data()


@dataclass(frozen=True)
class Checkpoint2025(Record):
    """A 2025 level a place was reported to expect, tested like the five-year target."""
    target: Quantity
    outcome: Quantity
    outcome_grade: str
    verdict: str
    source_grade: str


@dataclass(frozen=True)
class Expectations(Record):
    """What a government was reported to expect outside a work report, judged apart."""
    count: int
    clause: str        # 苏州2020年“……”：达成；……
    sz_2025: Checkpoint2025 | None = None


def _expectations(book: DataPackage) -> Expectations:
    card = annual_scorecard(book.targets, book.outcomes, book.sources, kinds=("expectation",))
    quotes = book.targets.set_index("target_id")["quote"]
    from planbook.base.i18n import language_of

    starts = book.targets.set_index("target_id")["period_start"]
    mark = {"en": "（英文原文）", "zh-Hant": "（繁体副本）"}
    parts = []
    for r in card.itertuples():
        start = starts[r.target_id]
        years = f"{int(start)}—{r.year}年" if pd.notna(start) else f"{r.year}年"
        quote = quotes[r.target_id]
        parts.append(f"{place_name(r.city)}{years}“{quote}”{mark.get(language_of(quote), '')}："
                     f"{r.verdict}（{r.rule}）")
    sz = card[(card["city"] == "suzhou") & (card["year"] == 2025) & (card["indicator_id"] == "gdp")]
    checkpoint = None
    if len(sz):
        r = sz.iloc[0]
        outcome = book.outcomes.set_index("outcome_id").loc[r["outcome_ids"].split(";")[0]]
        checkpoint = Checkpoint2025(
            target=Quantity(r["target_value"], r["unit"]), outcome=Quantity(outcome["value"], outcome["unit"]),
            outcome_grade=book.grades[outcome["source_id"]], verdict=r["verdict"],
            source_grade=book.grades[r["target_source_id"]])
    return Expectations(count=len(card), clause="；".join(parts) if parts else "本书没有记录这样的预期",
                        sz_2025=checkpoint)


@dataclass(frozen=True)
class Sensitivity(Record):
    """How many verdicts change if 左右 tolerates less."""
    alternative: Quantity
    book_tolerance: Quantity
    judged: int
    changed: int
    clause: str        # 其中2条的判定会改变：苏州2020年服务业增加值占GDP比重由达成变为接近；……


def _sensitivity(book: DataPackage, alternative: float = 0.3) -> Sensitivity:
    from planbook.analysis.sensitivity import rate_targets_judged, tolerance_sensitivity

    changed = tolerance_sensitivity(book.targets, book.outcomes, book.sources, book.outcome_gaps,
                                    alternative)
    names = book.indicators.set_index("indicator_id")["name_zh"]
    indicator = book.targets.set_index("target_id")["indicator_id"]
    if changed.empty:
        clause = "没有一条判定会改变"
    else:
        clause = (f"有{count_zh(len(changed))}的判定会改变：" + "；".join(
            f"{place_name(r.city)}{r.year}年{names[indicator[r.target_id]]}由{r.verdict}变为{r.verdict_narrow}"
            for r in changed.itertuples()))
    return Sensitivity(alternative=Quantity(alternative, "个百分点", 1),
                       book_tolerance=Quantity(RATE_CLOSE_BAND, "个百分点", 1),
                       judged=rate_targets_judged(book.targets), changed=len(changed), clause=clause)


@dataclass(frozen=True)
class ComparisonFindings(Record):
    scale: Scale
    annual: AnnualFindings
    sz2020: YearOutcomes
    expectations: Expectations
    sensitivity: Sensitivity
    trillion: TrillionTest
    documents: DocumentsCompared
    instruments: Instruments
    xz: PlanSummary
    sz: PlanSummary
    vocabulary: Vocabulary
    checkpoint: pd.DataFrame = data()
    coverage: pd.DataFrame = data()


CHECKPOINT_ROWS = [
    ("地区生产总值（亿元）", {"xuzhou": "gdp", "suzhou": "gdp"}),
    ("地区生产总值实际增速（%）", {"xuzhou": "gdp_growth", "suzhou": "gdp_growth"}),
    ("规模以上工业总产值（万亿元）", {"suzhou": "industrial_output_above_scale"}),
    ("工业开票销售收入（亿元）", {"xuzhou": "xz_industrial_invoiced_sales"}),
    ("高新技术产业产值占规上工业比重（%）", {"suzhou": "high_tech_industry_output_share"}),
    ("“343”创新产业集群总规模（亿元）", {"xuzhou": "xz_343_cluster_total_size"}),
]


def comparison_findings(book: DataPackage, *, plans: dict[str, str], five_year_target: str,
                        shock_year: int = 2020) -> ComparisonFindings:
    """``plans``: {source id: label} of the Xuzhou plan, then the Suzhou plan;
    ``five_year_target``: the five-year GDP target tested at the 2025 checkpoint."""
    xz_plan, sz_plan = list(plans)
    cards = {sid: plan_scorecard(sid, targets=book.targets, outcomes=book.outcomes,
                                 sources=book.sources, indicators=book.indicators,
                                 gaps=book.outcome_gaps) for sid in plans}
    annual = annual_findings(book)
    full_xz = (book.data_dir.parent / book.sources.set_index("source_id").loc[xz_plan, "file"]) \
        .read_text(encoding="utf-8")
    leads = book.clusters.query("source_id == @xz_plan")["lead_department"].value_counts()
    instruments = book.instruments
    docs = list(analysed_documents(book.sources))
    freq = term_frequencies(source_texts(book.sources, docs, book.documents), list(book.lexicon["term"]))
    return ComparisonFindings(
        scale=_scale(book, shock_year), annual=annual,
        sz2020=_year_outcomes(annual.card, book.indicators, "suzhou", shock_year),
        expectations=_expectations(book), sensitivity=_sensitivity(book),
        trillion=_trillion(book, five_year_target),
        documents=_documents(book, plans),
        instruments=Instruments(
            chain_leader=times_zh(full_xz.count("链长") + full_xz.count("群长")),
            chain_owner=times_zh(full_xz.count("链主")),
            lead_departments=join_zh((f"{dept}{count_zh(n, '个')}" for dept, n in leads.items()), last="、"),
            sz_without=int(instruments["instrument_id"].nunique()
                           - instruments.loc[instruments["source_id"] == sz_plan, "instrument_id"].nunique())),
        xz=plan_summary(cards[xz_plan]), sz=plan_summary(cards[sz_plan]),
        vocabulary=Vocabulary(
            cluster_xz=Quantity(readable_rate(freq, xz_plan, "集群"), "次", 0, derived=True),
            cluster_sz=f"只出现{term_count(freq, sz_plan, '集群')}次",
            brand_sz=Quantity(readable_rate(freq, sz_plan, "品牌"), "次", 0, derived=True),
            brand_xz=Quantity(readable_rate(freq, xz_plan, "品牌"), "次", 0, derived=True),
            min_count=MIN_TERM_COUNT, freq=freq),
        checkpoint=year_values(book.outcomes, book.sources, 2025, CHECKPOINT_ROWS),
        coverage=coverage_by_plan(cards, book.outcomes, book.sources))
