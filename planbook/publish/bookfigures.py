"""Every figure of the book, one function each: a figure cell of a chapter is one call
here with the page's findings. Each function draws the chart in both languages from the
findings' frames (:func:`planbook.charts.figures.export_figure`) and returns the image the
page shows; the label it writes is the figure's MyST name."""

from __future__ import annotations

from planbook.base.i18n import category_name, CATEGORY_NAMES, pick
from planbook.charts.figures import export_figure
from planbook.charts.plots import (growth_panel_chart, city_lines, framework_diagram, grouped_bars,
                                   heatmap, lineage_chart, ranked_bars, stacked_status_bars, year_bars)
from planbook.charts.style import OKABE_ITO
from planbook.data.load import DataPackage, analysed_documents, document_labels
from planbook.publish.scorecards import status_figure

__all__ = ["status_figure"]


def plan_status_bars(long, label: str, source_ids=None):
    """Stacked verdict counts per plan (the front page's and the appendix's scorecards)."""
    return export_figure(label, lambda lang: stacked_status_bars(long, label=pick(lang, "计划", "plan_en"),
                                                                 lang=lang),
                         data=long, unit="条", source_ids=source_ids)


# --- the front page ---------------------------------------------------------------------

def intro_scorecards(f):
    return plan_status_bars(f.scorecards, "fig-intro-scorecards", f.scorecard_sources)


# --- the framework chapter --------------------------------------------------------------

def framework_structure(f):
    return export_figure(
        "fig-xz-2020-framework", lambda lang: framework_diagram(f.framework, lang=lang),
        data=f.framework[["system_order", "system_zh", "system_en", "component_order",
                          "component_zh", "component_en", "quote", "source_id"]], unit="—")


def framework_quantification(f, book: DataPackage):
    d = f.density_table
    return export_figure(
        "fig-xz-2020-quantification",
        lambda lang: ranked_bars(d, label=pick(lang, "文本", "text_en"), value="per_10k",
                                 group=pick(lang, "是否本章", "group_en"),
                                 group_order=pick(lang, ["本章文本", "其他文本"], ["This chapter", "Other texts"]),
                                 xlabel="每万字量化目标数（条）", colors=[OKABE_ITO["vermillion"], "#999999"],
                                 value_format="{:.1f}", lang=lang),
        data=d[["document", "文本", "text_en", "targets", "characters", "per_10k"]],
        unit="条/万字", source_ids=list(analysed_documents(book.sources)))


# --- the cluster chapter ----------------------------------------------------------------

def cluster_targets(f, tiers: list[str]):
    # the one target on value added (the others are industry size) is drawn apart
    p = f.plotted.assign(value_added=lambda d: d["scope"].str.contains("增加值"))
    tiers_en = list(dict.fromkeys(p.set_index("tier_zh").loc[tiers, "tier_en"]))
    return export_figure(
        "fig-xz-cluster-targets-2025",
        lambda lang: ranked_bars(p, label=f"cluster_{lang}", value="value", group=f"tier_{lang}",
                                 group_order=pick(lang, tiers, tiers_en), xlabel="2025年目标（亿元）",
                                 legend_labels=pick(lang, {t: f"{t}创新产业集群" for t in tiers},
                                                    {t: f"{t} innovation clusters" for t in tiers_en}),
                                 unit="亿元", marked="value_added",
                                 marked_label=pick(lang, "核心产业增加值（其余为产业规模）",
                                                   "Core value added (the others: industry size)"),
                                 marked_note=pick(lang, "（增加值）", " (value added)"),
                                 lang=lang),
        data=p)


def cluster_lineage(book: DataPackage, *, left_year: int, right_year: int, source_ids: list[str]):
    lineage = book.cluster_lineage
    return export_figure(
        "fig-xz-2022-lineage",
        lambda lang: lineage_chart(book.clusters, lineage, left_year=left_year, right_year=right_year,
                                   lang=lang),
        data=lineage[["from_cluster_id", "from_zh", "to_cluster_id", "to_zh", "relation", "basis"]],
        unit="—", source_ids=source_ids)


def cluster_growth_needed(f, source_ids: list[str]):
    objects = {"cm": ("工程机械产业规模", "Construction machinery: industry size"),
               "giants": ("省级以上“小巨人”企业", "Provincial+ “little giant” firms")}
    growth = f.growth.copy()
    for i, lang in enumerate(("zh", "en")):
        growth[f"对象_{lang}"] = growth["key"].map(lambda k: objects[k][i])
    growth["类别"] = "所需年均增速（上限）"
    growth["kind_en"] = "Growth needed per year (upper bound)"
    return export_figure(
        "fig-xz-2022-growth",
        lambda lang: grouped_bars(growth, category=f"对象_{lang}", group=pick(lang, "类别", "kind_en"),
                                  value="增速", ylabel="年均增速（%）", colors=[OKABE_ITO["vermillion"]],
                                  horizontal=True, lang=lang),
        data=growth.assign(性质="推算值"), unit="%", source_ids=source_ids)


# --- the 2023 review --------------------------------------------------------------------

def review_growth(f):
    return export_figure("fig-xz-2023-growth",
                         lambda lang: year_bars(f.bars, label=pick(lang, "项目", "item_en"), value="增速",
                                                lang=lang),
                         data=f.bars, unit="%")


def review_vocabulary(f, terms: list[str]):
    freq = f.freq
    term_en = freq.drop_duplicates("term").set_index("term")["term_en"]
    return export_figure(
        "fig-xz-2023-vocabulary",
        lambda lang: grouped_bars(freq, category=pick(lang, "term", "term_en"),
                                  group=pick(lang, "文本", "text_en"), value="per_10k",
                                  ylabel="每万字出现次数",
                                  category_order=pick(lang, terms, [term_en[t] for t in terms]),
                                  group_order=[document_labels(lang)[d] for d in f.docs],
                                  colors=[OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["sky_blue"],
                                          OKABE_ITO["reddish_purple"]],
                                  horizontal=True, muted="interpretable", lang=lang),
        data=freq[["document", "文本", "text_en", "term", "term_en", "count", "characters", "per_10k",
                   "interpretable"]],
        unit="次/万字", source_ids=f.docs)


# --- the Suzhou chapter -----------------------------------------------------------------

def upgrading_growth(f):
    target = f.headline.target.value
    return export_figure(
        "fig-sz-2018-growth",
        lambda lang: city_lines(f.growth, ylabel="地区生产总值增速（%）", target=target,
                                target_label=pick(lang, f"计划目标：年均{target:g}%左右",
                                                  f"Plan target: about {target:g}% a year"),
                                lang=lang),
        data=f.growth)


def upgrading_leading(f, book: DataPackage):
    leading = f.leading.copy()
    names = book.indicators.set_index("indicator_id")
    leading["产业"] = leading["indicator_id"].map(names["name_zh"])
    leading["industry_en"] = leading["indicator_id"].map(names["name_en"])
    leading["类别"] = "先导产业"
    leading["group_en"] = "Leading industries"
    return export_figure(
        "fig-sz-2018-leading",
        lambda lang: ranked_bars(leading, label=pick(lang, "产业", "industry_en"), value="value",
                                 group=pick(lang, "类别", "group_en"),
                                 group_order=pick(lang, ["先导产业"], ["Leading industries"]),
                                 xlabel="2020年产值目标（亿元）", colors=[OKABE_ITO["vermillion"]],
                                 unit="亿元", lang=lang),
        data=leading[["target_id", "产业", "industry_en", "value", "unit", "scope", "source_id"]])


# --- the comparison ---------------------------------------------------------------------

def compare_gdp(f):
    return export_figure("fig-compare-gdp",
                         lambda lang: city_lines(f.scale.level, ylabel="地区生产总值（亿元）", lang=lang),
                         data=f.scale.level)


def compare_growth(f):
    return export_figure("fig-compare-growth",
                         lambda lang: city_lines(f.scale.growth, ylabel="地区生产总值增速（%）", lang=lang),
                         data=f.scale.growth)


def compare_annual_targets(f, shock_year: int = 2020):
    """The growth-target panel: one panel per place, the nation first."""
    panel, card = f.annual.panel, f.annual.card
    places = list(dict.fromkeys(panel["city"]))
    used = set(panel["target_source_id"].dropna()) | set(panel["first_source_id"].dropna())
    return export_figure(
        "fig-compare-annual-targets",
        lambda lang: growth_panel_chart(panel, places=places, shock_year=shock_year,
                                        shock_label=pick(lang, f"{shock_year}年疫情冲击",
                                                         f"{shock_year}: COVID-19 shock"), lang=lang),
        data=panel.drop(columns=["target_quote"]), unit="%", source_ids=sorted(used))


def compare_relative_growth(f):
    """Each place's first-release growth minus the province's, year by year."""
    rel = f.annual.relative
    return export_figure(
        "fig-compare-vs-jiangsu",
        lambda lang: city_lines(rel, ylabel="高于江苏（百分点）", target=0.0,
                                target_label=pick(lang, "与江苏持平", "Level with Jiangsu"), lang=lang),
        data=rel)


def compare_categories(f, book: DataPackage, plans: dict[str, str]):
    by_cat = f.documents.by_category.copy()
    by_cat["类别"] = by_cat["category"].map(lambda c: category_name(c, "zh"))
    by_cat["category_en"] = by_cat["category"].map(lambda c: category_name(c, "en"))
    by_cat["plan_en"] = by_cat["source_id"].map(document_labels("en", book.sources))
    present = [c for c in CATEGORY_NAMES if c in set(by_cat["category"])]
    return export_figure(
        "fig-compare-categories",
        lambda lang: grouped_bars(by_cat, category=pick(lang, "类别", "category_en"),
                                  group=pick(lang, "计划", "plan_en"), value="目标数",
                                  ylabel="量化目标数（条）", horizontal=True,
                                  category_order=[category_name(c, lang) for c in present],
                                  group_order=pick(lang, list(plans.values()),
                                                   [document_labels("en", book.sources)[p] for p in plans]),
                                  colors=[OKABE_ITO["blue"], OKABE_ITO["vermillion"]], lang=lang),
        data=by_cat[["source_id", "计划", "plan_en", "category", "类别", "category_en", "目标数"]],
        unit="条")


def compare_vocabulary(f, book: DataPackage):
    docs = list(analysed_documents(book.sources))
    freq = f.vocabulary.freq.copy()
    lexicon = book.lexicon
    freq["文本"] = freq["document"].map(analysed_documents(book.sources))
    freq["text_en"] = freq["document"].map(document_labels("en", book.sources))
    freq["term_en"] = freq["term"].map(lexicon.set_index("term")["term_en"])
    return export_figure(
        "fig-compare-vocabulary",
        lambda lang: heatmap(freq, row=pick(lang, "term", "term_en"), column=pick(lang, "文本", "text_en"),
                             value="per_10k", row_order=list(lexicon[pick(lang, "term", "term_en")]),
                             column_order=[document_labels(lang, book.sources)[d] for d in docs],
                             colorbar_label="每万字出现次数", muted="interpretable", lang=lang),
        data=freq[["document", "文本", "text_en", "term", "term_en", "count", "characters", "per_10k",
                   "interpretable"]],
        unit="次/万字", source_ids=docs)


# --- the data appendix ------------------------------------------------------------------

def appendix_coverage(f):
    return plan_status_bars(f.scorecards, "fig-data-coverage", list(f.coverage_table["plan"]))
