"""Chart builders the chapters share.

Each takes tidy data and returns a matplotlib Figure, so the exported CSV is
exactly what is drawn. Each takes ``lang`` ("zh" or "en"): chart chrome goes
through :func:`planbook.base.i18n.tr`; data labels are chosen by the caller from the
data's Chinese or English columns.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Patch

from planbook.base.i18n import tr
from planbook.charts.style import CITY_COLORS, OKABE_ITO, PALETTE

CITY_NAMES = {"xuzhou": "徐州", "suzhou": "苏州", "jiangsu": "江苏"}
STATUS_COLORS = {"met": "#009E73", "close": "#E69F00", "missed": "#D55E00",
                 "no-data": "#BBBBBB", "not-comparable": "#56B4E9"}
STATUS_ORDER = ["met", "close", "missed", "not-comparable", "no-data"]
_STATUS_ZH = {"met": "达成", "close": "接近", "missed": "未达成", "no-data": "无数据",
              "not-comparable": "不可比"}
TIER_COLORS = [OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["bluish_green"],
               OKABE_ITO["reddish_purple"], OKABE_ITO["sky_blue"]]


def unit_scale(unit: str | None, lang: str) -> float:
    """Factor from the data's unit to the unit a chart shows in ``lang``: English
    charts show billion yuan where the data are in 亿元 (×0.1); everything else as is."""
    return 0.1 if lang == "en" and unit == "亿元" else 1.0


def status_label(status: str, lang: str = "zh") -> str:
    return tr(_STATUS_ZH[status], lang)


# ----------------------------------------------------------------------------
# Ranked horizontal bars (targets by tier, documents by density).

def ranked_bars(data: pd.DataFrame, *, label: str, value: str, group: str,
                group_order: list[str], xlabel: str, title: str | None = None,
                colors: list[str] | None = None, legend_labels: dict[str, str] | None = None,
                value_format: str = "{:,.0f}", unit: str | None = None, lang: str = "zh"):
    """Horizontal bars, one per row of ``data``, coloured and ordered by ``group``.

    Within a group the bars are sorted by ``value`` (largest on top). ``unit`` is the
    data's unit: values in 亿元 are drawn in billion yuan on the English figure.
    """
    scale = unit_scale(unit, lang)
    missing = [g for g in data[group].unique() if g not in group_order]
    if missing:
        raise ValueError(f"groups {missing} are not in group_order {group_order}")
    colors = colors or TIER_COLORS
    rank = {g: i for i, g in enumerate(group_order)}
    ordered = (data.assign(_g=data[group].map(rank))
                   .sort_values(["_g", value], ascending=[True, False])
                   .drop(columns="_g").reset_index(drop=True))
    fig, ax = plt.subplots(figsize=(7.2, 0.42 * len(ordered) + 1.2))
    positions = list(range(len(ordered)))[::-1]
    ax.barh(positions, ordered[value] * scale, color=[colors[rank[g]] for g in ordered[group]])
    ax.set_yticks(positions, ordered[label])
    ax.set_xlabel(tr(xlabel, lang))
    if title:
        ax.set_title(tr(title, lang))
    for pos, v in zip(positions, ordered[value] * scale):
        ax.text(v, pos, " " + (value_format if scale == 1 else "{:,.0f}").format(v), va="center",
                fontsize=9)
    present = [g for g in group_order if g in set(ordered[group])]
    handles = [plt.Rectangle((0, 0), 1, 1, color=colors[rank[g]]) for g in present]
    legend_labels = legend_labels or {}
    ax.legend(handles, [tr(legend_labels.get(g, g), lang) for g in present],
              loc="lower right", frameon=False)
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.12)
    return fig


# ----------------------------------------------------------------------------
# Time series by city: every chart of GDP levels or growth uses this.

def city_lines(series, *, ylabel: str, title: str | None = None, target=None,
               target_label: str | None = None, lang: str = "zh"):
    """One line per city with the book's city colours.

    Grade-C points are hollow; 预计 estimates are drawn as diamonds, lower bounds
    ("超过") as upward and upper-side bounds ("近", "不足") as downward triangles, so a reader sees what kind
    of figure each point is; a missing year leaves a gap in the line.
    ``target`` draws a horizontal reference line labelled ``target_label``
    (already in ``lang``).
    """
    fig, ax = plt.subplots(figsize=(7.2, 4.2))
    markers = {"=": "o", "~": "o", ">": "^", "<": "v", "<~": "v"}
    units = set(series["unit"]) if "unit" in series else set()
    scale = unit_scale(units.pop() if len(units) == 1 else None, lang)
    series = series.assign(value=series["value"] * scale)
    for city, group in series.groupby("city", sort=False):
        color = CITY_COLORS[city]
        full = group.set_index("year")["value"].reindex(
            range(int(group["year"].min()), int(group["year"].max()) + 1))
        ax.plot(full.index, full.values, color=color, lw=1.8,
                label=tr(CITY_NAMES.get(city, city), lang), zorder=2)
        for _, point in group.iterrows():
            marker = "D" if point["status"] == "estimate" else markers[point["qualifier"]]
            hollow = point["grade"] == "C"
            ax.scatter(point["year"], point["value"], marker=marker, s=42, zorder=3,
                       facecolors="white" if hollow else color, edgecolors=color, linewidths=1.4)
    if target is not None:
        ax.axhline(target, color="#444444", ls="--", lw=1)
        if target_label:
            ax.annotate(target_label, xy=(1, target), xycoords=("axes fraction", "data"),
                        ha="right", va="bottom", fontsize=9, color="#444444")
    ax.set_ylabel(tr(ylabel, lang))
    ax.set_xlabel(tr("年份", lang))
    years = sorted(series["year"].unique())
    if years:
        ax.set_xticks(range(min(years), max(years) + 1))
    if title:
        ax.set_title(tr(title, lang))
    handles, _ = ax.get_legend_handles_labels()
    handles += [Line2D([], [], marker="o", ls="", color="#555555", label=tr("A/B 级", lang)),
                Line2D([], [], marker="o", ls="", markerfacecolor="white", color="#555555",
                       label=tr("C 级（空心）", lang)),
                Line2D([], [], marker="D", ls="", color="#555555", label=tr("预计数", lang)),
                Line2D([], [], marker="^", ls="", color="#555555", label=tr("下限（“超过”）", lang))]
    if series["qualifier"].isin(["<", "<~"]).any():
        handles.append(Line2D([], [], marker="v", ls="", color="#555555",
                              label=tr("上侧界（“近”“不足”）", lang)))
    ax.legend(handles=handles, frameon=False, fontsize=8.5, ncol=2, loc="best")
    return fig


# ----------------------------------------------------------------------------
# Status of each target against its outcome.

def status_bars(table, *, label: str = "label", status: str = "status",
                ratio: str = "ratio", xlabel: str = "实际值 ÷ 目标值", lang: str = "zh"):
    """One bar per target: the outcome as a share of the target, coloured by status.

    - a verdict on an exact figure: a solid bar of the ratio;
    - a verdict that rests on a bound (column ``basis`` = "bound"): an open bar up to
      the bound's ratio with ≥ (a lower bound) or < (an upper-side bound) before the
      percentage — the true ratio is only known to lie on that side;
    - a provisional verdict (column ``provisional``: an estimate, or a year the text
      does not state): a dashed outline and “暂定”;
    - a figure from a grade-C source (column ``outcome_grade``): hatched.
    Targets with no verdict get no bar, only a status mark and word, so a gap is as
    visible as a result.
    """
    table = table.reset_index(drop=True)
    has = lambda c: c in table.columns  # noqa: E731
    fig, ax = plt.subplots(figsize=(7.6, 0.34 * len(table) + 1.4))
    positions = list(range(len(table)))[::-1]
    used = set()
    for pos, (_, row) in zip(positions, table.iterrows()):
        color = STATUS_COLORS[row[status]]
        basis = row["basis"] if has("basis") else "exact"
        provisional = bool(row["provisional"]) if has("provisional") and pd.notna(row["provisional"]) else False
        grade_c = has("outcome_grade") and row["outcome_grade"] == "C"
        value = row[ratio]
        if basis == "bound" and has("outcome_value") and has("value") and pd.notna(row["outcome_value"]):
            value = float(row["outcome_value"]) / float(row["value"])
        if row[status] in ("met", "close", "missed") and value is not None and not pd.isna(value):
            shown = min(float(value), 2.0)
            bound = basis == "bound"
            open_bar = bound or grade_c
            ax.barh(pos, shown, color="white" if open_bar else color, edgecolor=color,
                    hatch="///" if grade_c else None, height=0.7,
                    linestyle="--" if provisional else "-", linewidth=1.4)
            sign = ""
            if bound:
                sign = "≥" if row.get("outcome_qualifier") == ">" else "<"
                used.add("bound")
            text = f"{sign}{float(value):.0%}" + (tr("（暂定）", lang) if provisional else "")
            ax.text(shown + 0.02, pos, text, va="center", fontsize=8)
            used.update({"c"} if grade_c else set())
            used.update({"provisional"} if provisional else set())
        else:
            ax.scatter([0.03], [pos], marker="s", s=36, color=color, zorder=3)
            words = status_label(row[status], lang)
            if (row[status] in ("met", "close", "missed") and has("outcome_value")
                    and pd.notna(row["outcome_value"]) and has("value") and has("unit")):
                # a rate target decided on a derived rate (a compound average): no ratio
                # is meaningful, so the two rates are written out
                words += (("：" if lang == "zh" else ": ") + f"{float(row['outcome_value']):.1f}{row['unit']} "
                          + tr("对目标", lang) + f" {float(row['value']):g}{row['unit']}"
                          + (tr("（推算）", lang) if row.get("basis") == "derived" else ""))
            ax.text(0.07, pos, words, va="center", fontsize=8.5, color="#555555")
    ax.axvline(1.0, color="#333333", lw=1, ls="--")
    ax.set_yticks(positions, table[label])
    ax.set_xlabel(tr(xlabel, lang))
    ax.set_xlim(0, 2.25)
    ax.grid(axis="y", visible=False)
    handles = [plt.Rectangle((0, 0), 1, 1, color=STATUS_COLORS[s]) for s in STATUS_ORDER]
    labels = [status_label(s, lang) for s in STATUS_ORDER]
    if "bound" in used:
        handles.append(plt.Rectangle((0, 0), 1, 1, fc="white", ec="#555555"))
        labels.append(tr("由界判定（空框，≥ 或 <）", lang))
    if "provisional" in used:
        handles.append(plt.Rectangle((0, 0), 1, 1, fc="white", ec="#555555", ls="--"))
        labels.append(tr("暂定（虚线框）", lang))
    if "c" in used:
        handles.append(plt.Rectangle((0, 0), 1, 1, fc="white", ec="#555555", hatch="///"))
        labels.append(tr("C 级来源（斜线）", lang))
    ax.legend(handles, labels, loc="lower right", frameon=False, fontsize=8.5)
    return fig


def stacked_status_bars(long, *, label: str, status: str = "status", value: str = "count",
                        xlabel: str = "目标数（条）", lang: str = "zh"):
    """One horizontal bar per plan, split by achievement status (status codes)."""
    plans = list(dict.fromkeys(long[label]))
    fig, ax = plt.subplots(figsize=(7.4, 0.6 * len(plans) + 1.4))
    left = [0.0] * len(plans)
    positions = list(range(len(plans)))[::-1]
    for st in STATUS_ORDER:
        vals = [float(long[(long[label] == p) & (long[status] == st)][value].sum()) for p in plans]
        ax.barh(positions, vals, left=left, color=STATUS_COLORS[st],
                label=status_label(st, lang), height=0.6)
        for pos, start, v in zip(positions, left, vals):
            if v >= 2:
                ax.text(start + v / 2, pos, f"{v:.0f}", ha="center", va="center", fontsize=8.5,
                        color="white" if st != "no-data" else "#333333")
        left = [a + b for a, b in zip(left, vals)]
    ax.set_yticks(positions, plans)
    ax.set_xlabel(tr(xlabel, lang))
    ax.grid(axis="y", visible=False)
    ax.legend(frameon=False, ncol=5, fontsize=8.5, loc="upper center", bbox_to_anchor=(0.5, -0.18))
    return fig


# ----------------------------------------------------------------------------
# Grouped bars (lexicon frequencies, counts by category, growth rates).

def grouped_bars(data, *, category: str, group: str, value: str, ylabel: str,
                 group_order: list[str] | None = None, category_order: list[str] | None = None,
                 colors: list[str] | None = None, horizontal: bool = False,
                 muted: str | None = None, lang: str = "zh"):
    """Bars of ``value`` for each ``category``, one bar per ``group`` side by side.
    Rows where the boolean column ``muted`` is False (e.g. a rate on too few
    occurrences to read) are drawn pale, with an outline only."""
    groups = group_order or list(dict.fromkeys(data[group]))
    cats = category_order or list(dict.fromkeys(data[category]))
    colors = colors or PALETTE
    width = 0.8 / len(groups)
    size = (7.2, 0.22 * len(cats) * len(groups) + 1.6) if horizontal else (7.6, 4.4)
    fig, ax = plt.subplots(figsize=size)
    idx = np.arange(len(cats))
    for i, g in enumerate(groups):
        rows = data[data[group] == g].set_index(category).reindex(cats)
        sub = rows[value].fillna(0)
        offset = idx + (i - (len(groups) - 1) / 2) * width
        color = colors[i % len(colors)]
        shown = rows[muted].fillna(True).astype(bool).values if muted else np.ones(len(cats), bool)
        faces = [color if ok else "white" for ok in shown]
        if horizontal:  # first category on top
            ax.barh(-offset, sub.values, height=width, color=faces, edgecolor=color, linewidth=0.8,
                    label=g)
        else:
            ax.bar(offset, sub.values, width=width, color=faces, edgecolor=color, linewidth=0.8,
                   label=g)
    if horizontal:
        ax.set_yticks(-idx, cats)
        ax.set_xlabel(tr(ylabel, lang))
        ax.grid(axis="y", visible=False)
    else:
        ax.set_xticks(idx, [wrap_label(c, 5) for c in cats])
        ax.set_ylabel(tr(ylabel, lang))
        ax.grid(axis="x", visible=False)
    # legend keys are solid whatever the first bar of a group looks like (it may be muted)
    handles = [Patch(facecolor=colors[i % len(colors)], edgecolor=colors[i % len(colors)], label=g)
               for i, g in enumerate(groups)]
    ax.legend(handles=handles, frameon=False, fontsize=9)
    return fig


def heatmap(data, *, row: str, column: str, value: str, row_order=None, column_order=None,
            colorbar_label: str = "", fmt: str = "{:.1f}", muted: str | None = None,
            lang: str = "zh"):
    """A labelled heatmap (rows × columns) with each cell's value written in it. Cells
    whose boolean column ``muted`` is False are not coloured and their value is
    written in parentheses (shown, but not to be read as an emphasis)."""
    rows = row_order or list(dict.fromkeys(data[row]))
    cols = column_order or list(dict.fromkeys(data[column]))
    grid = (data.pivot_table(index=row, columns=column, values=value, aggfunc="sum")
            .reindex(index=rows, columns=cols).fillna(0))
    readable = pd.DataFrame(True, index=grid.index, columns=grid.columns)
    if muted:
        flags = data.set_index([row, column])[muted].astype(bool)
        readable = pd.DataFrame([[bool(flags.get((r, c), True)) for c in cols] for r in rows],
                                index=grid.index, columns=grid.columns)
    fig, ax = plt.subplots(figsize=(1.3 * len(cols) + 2.4, 0.34 * len(rows) + 1.4))
    image = ax.imshow(grid.where(readable, 0).values, cmap="Blues", aspect="auto",
                      vmin=0, vmax=float(grid.values.max()) or 1)
    ax.set_xticks(np.arange(len(cols)), [wrap_label(c, 7) for c in cols])
    ax.set_yticks(np.arange(len(rows)), rows)
    ax.tick_params(axis="x", labelrotation=0, labelsize=8.5)
    ax.grid(False)
    top = grid.values.max() or 1
    for i in range(len(rows)):
        for j in range(len(cols)):
            v = grid.values[i, j]
            if readable.values[i, j]:
                ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=7.5,
                        color="white" if v > 0.6 * top else "#222222")
            else:
                ax.text(j, i, "(" + fmt.format(v) + ")", ha="center", va="center", fontsize=7.5,
                        color="#888888")
    bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label(tr(colorbar_label, lang))
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    return fig


# ----------------------------------------------------------------------------
# Diagrams of the plans' structure.

def wrap_label(text: str, width: int) -> str:
    """``text`` on lines of about ``width`` Chinese characters: text with spaces
    wraps at spaces (a Latin letter counted as half a character), text without
    them every ``width`` characters. For labels that would run into each other."""
    if " " in text:
        import textwrap
        return "\n".join(textwrap.wrap(text, width * 2, break_long_words=False, break_on_hyphens=False))
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def framework_diagram(framework, *, lang: str = "zh"):
    """The three systems of the 2020 framework as columns of boxes: the system on
    top, its components below, in text order."""
    systems = (framework.sort_values(["system_order", "component_order"])
               .groupby("system_order", sort=True))
    n_rows = int(framework.groupby("system_order").size().max())
    fig, ax = plt.subplots(figsize=(7.8, 1.25 * (n_rows + 1) + 0.6))
    ax.set_xlim(0, 3)
    ax.set_ylim(-(n_rows + 0.2), 1.25)
    ax.axis("off")
    for col, (_, group) in enumerate(systems):
        color = TIER_COLORS[col % len(TIER_COLORS)]
        head = group.iloc[0]
        ax.add_patch(FancyBboxPatch((col + 0.06, 0.2), 0.88, 0.85,
                                    boxstyle="round,pad=0.02", fc=color, ec=color))
        ax.text(col + 0.5, 0.62, wrap_label(head[f"system_{lang}"], 12), ha="center", va="center",
                color="white", fontsize=12 if lang == "zh" else 10)
        for row, (_, comp) in enumerate(group.iterrows(), start=1):
            y = -row + 0.05
            ax.add_patch(FancyBboxPatch((col + 0.06, y), 0.88, 0.8, boxstyle="round,pad=0.02",
                                        fc="white", ec=color, lw=1.4))
            ax.text(col + 0.5, y + 0.4, wrap_label(comp[f"component_{lang}"], 12), ha="center",
                    va="center", fontsize=9.5 if lang == "zh" else 8.5)
            ax.annotate("", xy=(col + 0.5, y + 0.82), xytext=(col + 0.5, y + 1.02),
                        arrowprops=dict(arrowstyle="-", color=color, lw=1.2))
    return fig


def lineage_chart(clusters, lineage, *, left_year: int, right_year: int, lang: str = "zh"):
    """Clusters of one plan (left) linked to those of the next (right).

    Solid lines follow from the texts' wording; dashed lines are the book's
    interpretation (cluster_lineage.csv says which).
    """
    left = clusters[clusters["plan_year"] == left_year].sort_values("order")
    right = clusters[clusters["plan_year"] == right_year].sort_values("order")
    tiers = ["优势", "新兴", "特色"]
    tier_colors = dict(zip(tiers, TIER_COLORS))
    n = max(len(left), len(right))
    fig, ax = plt.subplots(figsize=(7.6, 0.5 * n + 1.4))
    ax.set_xlim(-0.1, 1.1)
    ax.set_ylim(-n, 0.8)
    ax.axis("off")

    def ys(count):
        step = n / count
        return [-(i + 0.5) * step for i in range(count)]

    name = f"cluster_{lang}"
    left_y = dict(zip(left["cluster_id"], ys(len(left))))
    right_y = dict(zip(right["cluster_id"], ys(len(right))))
    for _, c in left.iterrows():
        ax.text(0.28, left_y[c["cluster_id"]], c[name], ha="right", va="center",
                fontsize=10 if lang == "zh" else 8.5,
                bbox=dict(boxstyle="round", fc="#EEEEEE", ec="#999999"))
    for _, c in right.iterrows():
        ax.text(0.72, right_y[c["cluster_id"]], c[name], ha="left", va="center",
                fontsize=10 if lang == "zh" else 8.5, color="white",
                bbox=dict(boxstyle="round", fc=tier_colors.get(c["tier_zh"], "#666666"),
                          ec="none"))
    for _, link in lineage.iterrows():
        if pd.isna(link["from_cluster_id"]) or link["to_cluster_id"] not in right_y:
            continue
        style = "-" if link["basis"] == "text" else "--"
        ax.plot([0.3, 0.7], [left_y[link["from_cluster_id"]], right_y[link["to_cluster_id"]]],
                ls=style, color="#555555", lw=1.3)
    heads = {"zh": (f"{left_year} 年主导产业集群", f"{right_year} 年“343”创新产业集群"),
             "en": (f"{left_year} lead clusters", f"{right_year} “343” innovation clusters")}
    ax.text(0.28, 0.45, heads[lang][0], ha="right", fontsize=10.5)
    ax.text(0.72, 0.45, heads[lang][1], ha="left", fontsize=10.5)
    handles = [Line2D([], [], color="#555555", ls="-", label=tr("文本直接对应", lang)),
               Line2D([], [], color="#555555", ls="--", label=tr("本书解读", lang))]
    handles += [plt.Rectangle((0, 0), 1, 1, color=c, label=tr(f"{t}集群", lang))
                for t, c in tier_colors.items()]
    ax.legend(handles=handles, loc="lower center", ncol=5, frameon=False, fontsize=8.5,
              bbox_to_anchor=(0.5, -0.08))
    return fig


# ----------------------------------------------------------------------------
# Each year's target against its outcome, one panel per city.

def annual_targets_chart(record, *, cities: list[str], ylabel: str = "地区生产总值增速（%）",
                         shock_year: int | None = None, shock_label: str | None = None,
                         lang: str = "zh"):
    """Year by year, the growth target (a black dash) and the outcome (a dot coloured by
    the verdict; grey where no target is public; hollow for a grade-C figure).

    ``record`` has one row per city and year (see :func:`planbook.analysis.annual.growth_record`).
    ``shock_year`` draws a dotted vertical line labelled ``shock_label`` (in ``lang``).
    """
    years = sorted(record["year"].unique())
    fig, axes = plt.subplots(1, len(cities), figsize=(2.7 * len(cities) + 0.8, 3.9),
                             sharey=True, squeeze=False)
    for ax, city in zip(axes[0], cities):
        sub = record[record["city"] == city].set_index("year")
        known = sub[sub["outcome_public"]]
        ax.plot(known.index, known["outcome_value"], color="#BBBBBB", lw=1, zorder=1)
        for year, row in sub.iterrows():
            if row["target_public"]:
                ax.hlines(row["target_value"], year - 0.32, year + 0.32, color="#222222",
                          lw=2.2, zorder=2, linestyles="solid" if row["comparator"] != "~" else "dashed")
            if row["outcome_public"]:
                status = row["status"] if row["target_public"] else None
                color = STATUS_COLORS.get(status, "#888888") if status in ("met", "close", "missed") \
                    else "#888888"
                marker = {"~": "o", "=": "o", ">": "^", "<": "v", "<~": "v"}[row["outcome_qualifier"]]
                hollow = row["outcome_grade"] == "C"
                ax.scatter([year], [row["outcome_value"]], marker=marker, s=46, zorder=3,
                           facecolors="white" if hollow else color, edgecolors=color, linewidths=1.5)
        if shock_year is not None:
            ax.axvline(shock_year, color="#777777", ls=":", lw=1, zorder=0)
        ax.set_title(tr(CITY_NAMES[city], lang), fontsize=11)
        ax.set_xticks([y for y in years if y % 2 == 0])
        ax.set_xlim(min(years) - 0.6, max(years) + 0.6)
        ax.tick_params(axis="x", labelsize=8.5)
    axes[0][0].set_ylabel(tr(ylabel, lang))
    if shock_year is not None and shock_label:
        axes[0][0].annotate(shock_label, xy=(shock_year, 0), xycoords=("data", "axes fraction"),
                            xytext=(3, 4), textcoords="offset points", fontsize=7.5,
                            color="#555555", rotation=90, va="bottom")
    handles = [Line2D([], [], color="#222222", lw=2.2, label=tr("目标", lang)),
               Line2D([], [], color="#222222", lw=2.2, ls="--", label=tr("目标（左右）", lang))]
    handles += [Line2D([], [], marker="o", ls="", color=STATUS_COLORS[s], label=status_label(s, lang))
                for s in ("met", "close", "missed")]
    handles += [Line2D([], [], marker="o", ls="", color="#888888", label=tr("无公开目标", lang)),
                Line2D([], [], marker="o", ls="", markerfacecolor="white", color="#555555",
                       label=tr("C 级（空心）", lang))]
    fig.legend(handles=handles, loc="lower center", ncol=4, frameon=False, fontsize=8,
               bbox_to_anchor=(0.5, -0.02))
    fig.subplots_adjust(bottom=0.27, wspace=0.08, left=0.09, right=0.98, top=0.9)
    return fig
