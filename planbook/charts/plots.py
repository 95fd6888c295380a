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

from planbook.base.i18n import pick, tr
from planbook.base.numbers import format_number
from planbook.charts import interactive
from planbook.charts.style import (CITY_COLORS, CITY_NAMES_ZH, OKABE_ITO, PALETTE, STATUS_COLORS,
                                   STATUS_ORDER, unit_scale)

CITY_NAMES = CITY_NAMES_ZH
_STATUS_ZH = {"met": "达成", "close": "接近", "missed": "未达成", "no-data": "无数据",
              "not-comparable": "不可比"}
TIER_COLORS = [OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["bluish_green"],
               OKABE_ITO["reddish_purple"], OKABE_ITO["sky_blue"]]


def status_label(status: str, lang: str = "zh") -> str:
    return tr(_STATUS_ZH[status], lang)


# ----------------------------------------------------------------------------
# Ranked horizontal bars (targets by tier, documents by density).

def ranked_bars(data: pd.DataFrame, *, label: str, value: str, group: str,
                group_order: list[str], xlabel: str, title: str | None = None,
                colors: list[str] | None = None, legend_labels: dict[str, str] | None = None,
                value_format: str = "{:.0f}", unit: str | None = None,
                marked: str | None = None, marked_label: str | None = None,
                marked_note: str | None = None, lang: str = "zh"):
    """Horizontal bars, one per row of ``data``, coloured and ordered by ``group``.

    Within a group the bars are sorted by ``value`` (largest on top). ``unit`` is the
    data's unit: values in 亿元 are drawn in billion yuan on the English figure. Rows
    where the boolean column ``marked`` is true (a target of another scope) are drawn
    white with a dotted edge, their value followed by ``marked_note`` and the legend
    entry ``marked_label`` (both in ``lang``).
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
    flags = ordered[marked].astype(bool).tolist() if marked else [False] * len(ordered)
    bar_colors = [colors[rank[g]] for g in ordered[group]]
    for pale in (False, True):
        chosen = [i for i, f in enumerate(flags) if f == pale]
        if chosen:
            ax.barh([positions[i] for i in chosen], [float(ordered[value].iloc[i]) * scale for i in chosen],
                    color=["white" if pale else bar_colors[i] for i in chosen],
                    edgecolor=[bar_colors[i] for i in chosen], linestyle=":" if pale else "-",
                    linewidth=1.4)
    ax.set_yticks(positions, ordered[label])
    ax.set_xlabel(tr(xlabel, lang))
    if title:
        ax.set_title(tr(title, lang))
    for pos, v, f in zip(positions, ordered[value] * scale, flags):
        words = (value_format if scale == 1 else "{:.0f}").format(v)
        ax.text(v, pos, " " + words + (marked_note if f and marked_note else ""), va="center",
                fontsize=9)
    present = [g for g in group_order if g in set(ordered[group])]
    handles = [plt.Rectangle((0, 0), 1, 1, color=colors[rank[g]]) for g in present]
    legend_labels = legend_labels or {}
    names_shown = [tr(legend_labels.get(g, g), lang) for g in present]
    if any(flags) and marked_label:
        handles.append(plt.Rectangle((0, 0), 1, 1, fc="white", ec="#555555", ls=":"))
        names_shown.append(marked_label)
    ax.legend(handles, names_shown, loc="lower right", frameon=False)
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.12)
    names = [tr(legend_labels.get(g, g), lang) for g in present]
    rows = [{"category": r[label], "group": tr(legend_labels.get(r[group], r[group]), lang),
             "value": float(r[value]) * scale, "muted": bool(marked) and bool(r[marked]),
             "tip_category": r[label], "tip_group": tr(legend_labels.get(r[group], r[group]), lang),
             "tip_value": (interactive.quantity(r[value], unit, lang) if unit
                           else format_number(r[value]))}
            for _, r in ordered.iterrows()]
    return interactive.attach(fig, interactive.bars_spec(
        rows, categories=list(ordered[label]), groups=names, colors=[colors[rank[g]] for g in present],
        value_title=xlabel, horizontal=True, stacked_groups=True, lang=lang,
        tips=[("tip_category", "项目"), ("tip_group", "类别"), ("tip_value", xlabel)]))


# ----------------------------------------------------------------------------
# Time series by city: every chart of GDP levels or growth uses this.

def city_lines(series, *, ylabel: str, title: str | None = None, target=None,
               target_label: str | None = None, lang: str = "zh"):
    """One line per city with the book's city colours.

    Grade-C points are hollow; 预计 estimates are drawn as diamonds, lower bounds
    ("超过") as upward and upper-side bounds ("近", "不足") as downward triangles, so a reader sees what kind
    of figure each point is; the line joins numbers only, so a missing year or a bound
    (a marker, never a vertex) leaves a gap in it.
    ``target`` draws a horizontal reference line labelled ``target_label``
    (already in ``lang``).
    """
    fig, ax = plt.subplots(figsize=(7.2, 4.2))
    markers = {"=": "o", "~": "o", ">": "^", ">=": "^", "<": "v", "<~": "v"}
    units = set(series["unit"]) if "unit" in series else set()
    scale = unit_scale(units.pop() if len(units) == 1 else None, lang)
    recorded = series
    series = series.assign(value=series["value"] * scale)
    for city, group in series.groupby("city", sort=False):
        color = CITY_COLORS[city]
        # the line joins numbers only: a missing year or a bound (a marker, not a value)
        # breaks it
        numbers = group[group["qualifier"].isin(["=", "~"])]
        full = numbers.set_index("year")["value"].reindex(
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
    handles += [Line2D([], [], marker="o", ls="", color="#555555", label=tr("A/B级", lang)),
                Line2D([], [], marker="o", ls="", markerfacecolor="white", color="#555555",
                       label=tr("C级（空心）", lang)),
                Line2D([], [], marker="D", ls="", color="#555555", label=tr("预计数", lang)),
                Line2D([], [], marker="^", ls="", color="#555555", label=tr("下限（“超过”）", lang))]
    if series["qualifier"].isin(["<", "<~"]).any():
        handles.append(Line2D([], [], marker="v", ls="", color="#555555",
                              label=tr("上侧界（“近”“不足”）", lang)))
    # below the axes: a legend inside may cover a point in one language and not the other
    ax.legend(handles=handles, frameon=False, fontsize=8.5, ncol=4, loc="upper center",
              bbox_to_anchor=(0.5, -0.14))
    return interactive.attach(fig, interactive.lines_spec(
        recorded, ylabel=ylabel, target=target, target_label=target_label, lang=lang))


# ----------------------------------------------------------------------------
# Status of each target against its outcome.

STATUS_XMAX = 2.25  # the ratio axis ends here; longer bars are cut at 200 %


def status_marks(table, *, label: str = "label", status: str = "status", ratio: str = "ratio",
                 lang: str = "zh") -> list[dict]:
    """What the status chart draws for each target, and what its tooltip says: the one
    place the rules below are applied, for the static and the interactive chart.

    - a verdict on an exact figure: a solid bar of the ratio;
    - a verdict that rests on a bound (column ``basis`` = "bound"): an open bar up to
      the bound's ratio with ≥ (a lower bound) or < (an upper-side bound) before the
      percentage — the true ratio is only known to lie on that side;
    - a provisional verdict (column ``provisional``: an estimate, or a year the text
      does not state): a dashed outline and “暂定”;
    - a figure from a grade-C source (column ``outcome_grade``): hatched.
    Targets with no verdict get no bar, only a status mark and words, so a gap is as
    visible as a result.
    """
    table = table.reset_index(drop=True)
    has = lambda c: c in table.columns  # noqa: E731
    marks = []
    for _, row in table.iterrows():
        basis = row["basis"] if has("basis") and pd.notna(row["basis"]) else "exact"
        provisional = bool(row["provisional"]) if has("provisional") and pd.notna(row["provisional"]) else False
        grade_c = has("outcome_grade") and row["outcome_grade"] == "C"
        value = row[ratio]
        bound_like = basis in ("bound", "inferred")   # only a side of the true ratio is known
        if bound_like and has("outcome_value") and has("value") and pd.notna(row["outcome_value"]):
            value = float(row["outcome_value"]) / float(row["value"])
        decided = row[status] in ("met", "close", "missed")
        bar = decided and value is not None and not pd.isna(value)
        outcome = row["outcome_value"] if has("outcome_value") else None
        unit = row["unit"] if has("unit") else ""
        sign = ""
        if bar:
            shown = min(float(value), 2.0)
            if basis == "inferred":
                sign = "≤"
            elif basis == "bound":
                sign = "≥" if row.get("outcome_qualifier") in (">", ">=") else "<"
            text = f"{sign}{float(value):.0%}" + (tr("（暂定）", lang) if provisional else "")
            ratio_words = text
        else:
            shown = None
            text = status_label(row[status], lang)
            ratio_words = "—"
            if decided and outcome is not None and pd.notna(outcome) and has("value") and has("unit"):
                # a rate target decided on a derived rate (a compound average): no ratio
                # is meaningful, so the two rates are written out
                ratio_words = (f"{float(outcome):.1f}{unit} " + tr("对目标", lang)
                               + f" {float(row['value']):g}{unit}"
                               + (tr("（推算）", lang) if basis == "derived" else ""))
                text += ("：" if lang == "zh" else ": ") + ratio_words
        qualifier = row.get("outcome_qualifier") if has("outcome_qualifier") else None
        if basis == "derived" and outcome is not None and pd.notna(outcome):
            outcome = round(float(outcome), 1)  # a computed average: as precise as its inputs
        outcome_words = (interactive.quantity(outcome, unit, lang)
                         + ("" if qualifier is None or pd.isna(qualifier) or qualifier == "=" else
                            pick(lang, "（", " (") + interactive.qualifier_words(qualifier, lang)
                            + pick(lang, "）", ")")))
        comparator = row["comparator"] if has("comparator") and pd.notna(row["comparator"]) else "="
        target_words = (pick(lang, interactive.COMPARATOR_MARKS.get(comparator, ""),
                             {">=": "≥ ", "<=": "≤ ", "~": "about "}.get(comparator, ""))
                        + interactive.quantity(row["value"], unit, lang)
                        + (pick(lang, f"（{int(row['target_year'])}年）", f" (in {int(row['target_year'])})")
                           if has("target_year") and pd.notna(row["target_year"]) else ""))
        ids = row["outcome_ids"] if has("outcome_ids") else None
        marks.append({
            "label": row[label], "status": row[status],
            "verdict": interactive.verdict_words(row[status], lang),
            "bar": bool(bar), "shown": shown, "sign": sign, "open": bool(bar and (bound_like or grade_c)),
            "bound": bool(bar and bound_like), "hatched": bool(bar and grade_c),
            "provisional": bool(bar and provisional), "text": text,
            "text_at": (shown + 0.02) if bar else 0.07,
            "tip_target": row[label], "tip_target_value": target_words,
            "tip_verdict": interactive.verdict_words(row[status], lang)
                           + (tr("（暂定）", lang) if provisional and decided else ""),
            "tip_outcome": outcome_words, "tip_ratio": ratio_words,
            "tip_basis": pick(lang, *interactive.BASIS_WORDS[basis]) if decided else "—",
            "tip_outcome_source": interactive.source_words(interactive.outcome_source_ids(ids), lang),
        })
    return marks


def status_bars(table, *, label: str = "label", status: str = "status",
                ratio: str = "ratio", xlabel: str = "实际值 ÷ 目标值", lang: str = "zh"):
    """One bar per target: the outcome as a share of the target, coloured by status
    (the rules are those of :func:`status_marks`)."""
    marks = status_marks(table, label=label, status=status, ratio=ratio, lang=lang)
    fig, ax = plt.subplots(figsize=(7.6, 0.34 * len(marks) + 1.4))
    positions = list(range(len(marks)))[::-1]
    used = set()
    for pos, mark in zip(positions, marks):
        color = STATUS_COLORS[mark["status"]]
        if mark["bar"]:
            ax.barh(pos, mark["shown"], color="white" if mark["open"] else color, edgecolor=color,
                    hatch="///" if mark["hatched"] else None, height=0.7,
                    linestyle="--" if mark["provisional"] else "-", linewidth=1.4)
            ax.text(mark["text_at"], pos, mark["text"], va="center", fontsize=8)
            used.update(k for k in ("bound", "hatched", "provisional") if mark[k])
        else:
            ax.scatter([0.03], [pos], marker="s", s=36, color=color, zorder=3)
            ax.text(mark["text_at"], pos, mark["text"], va="center", fontsize=8.5, color="#555555")
    ax.axvline(1.0, color="#333333", lw=1, ls="--")
    ax.set_yticks(positions, [m["label"] for m in marks])
    ax.set_xlabel(tr(xlabel, lang))
    ax.set_xlim(0, STATUS_XMAX)
    ax.grid(axis="y", visible=False)
    handles = [plt.Rectangle((0, 0), 1, 1, color=STATUS_COLORS[s]) for s in STATUS_ORDER]
    labels = [status_label(s, lang) for s in STATUS_ORDER]
    if "bound" in used:
        handles.append(plt.Rectangle((0, 0), 1, 1, fc="white", ec="#555555"))
        labels.append(tr("由界或点名推断判定（空框，≥、< 或 ≤）", lang))
    if "provisional" in used:
        handles.append(plt.Rectangle((0, 0), 1, 1, fc="white", ec="#555555", ls="--"))
        labels.append(tr("暂定（虚线框）", lang))
    if "hatched" in used:
        handles.append(plt.Rectangle((0, 0), 1, 1, fc="white", ec="#555555", hatch="///"))
        labels.append(tr("C级来源（斜线）", lang))
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.62 / (0.34 * len(marks) + 0.5)),
              frameon=False, fontsize=8.5, ncol=4)
    return interactive.attach(fig, interactive.status_spec(marks, xlabel=xlabel, xmax=STATUS_XMAX,
                                                           lang=lang))


def stacked_status_bars(long, *, label: str, status: str = "status", value: str = "count",
                        provisional: str = "provisional", xlabel: str = "目标数（条）", lang: str = "zh"):
    """One horizontal bar per plan, split by achievement status (status codes); the
    provisional part of a verdict (column ``provisional``: how many of ``value``) is drawn
    as in the status charts, with a dashed outline and a white fill."""
    plans = list(dict.fromkeys(long[label]))
    has_provisional = provisional in long and long[provisional].fillna(0).sum() > 0
    fig, ax = plt.subplots(figsize=(7.4, 0.6 * len(plans) + 1.4))
    left = [0.0] * len(plans)
    positions = list(range(len(plans)))[::-1]
    for st in STATUS_ORDER:
        of = [long[(long[label] == p) & (long[status] == st)] for p in plans]
        vals = [float(o[value].sum()) for o in of]
        soft = [float(o[provisional].sum()) if provisional in o else 0.0 for o in of]
        firm = [v - p for v, p in zip(vals, soft)]
        ax.barh(positions, firm, left=left, color=STATUS_COLORS[st], label=status_label(st, lang),
                height=0.6)
        if any(soft):
            ax.barh(positions, soft, left=[a + f for a, f in zip(left, firm)], color="white",
                    edgecolor=STATUS_COLORS[st], linestyle="--", linewidth=1.4, height=0.6)
        for pos, start, v in zip(positions, left, vals):
            if v >= 2:
                ax.text(start + v / 2, pos, f"{v:.0f}", ha="center", va="center", fontsize=8.5,
                        color="white" if st != "no-data" else "#333333")
        left = [a + b for a, b in zip(left, vals)]
    ax.set_yticks(positions, plans)
    ax.set_xlabel(tr(xlabel, lang))
    ax.grid(axis="y", visible=False)
    handles, labels = ax.get_legend_handles_labels()
    if has_provisional:
        handles.append(plt.Rectangle((0, 0), 1, 1, fc="white", ec="#555555", ls="--"))
        labels.append(tr("暂定（虚线框）", lang))
    # below the axis title, at a fixed distance whatever the number of bars
    ax.legend(handles, labels, frameon=False, ncol=6 if has_provisional else 5, fontsize=8.5,
              loc="upper center", bbox_to_anchor=(0.5, -0.72 / (0.6 * len(plans) + 0.4)))
    rows = []
    for plan in plans:
        of_plan = long[long[label] == plan]
        total = float(of_plan[value].sum())
        for order, st in enumerate(STATUS_ORDER):
            mine = of_plan[of_plan[status] == st]
            count = float(mine[value].sum())
            soft = float(mine[provisional].sum()) if provisional in mine else 0.0
            for part, n, dashed in (("firm", count - soft, False), ("provisional", soft, True)):
                if n:
                    rows.append({"plan": plan, "verdict": status_label(st, lang), "count": n,
                                 "order": 2 * order + dashed, "provisional": dashed,
                                 "tip_count": pick(lang, f"{n:.0f}条", f"{n:.0f}")
                                              + (tr("（暂定）", lang) if dashed else ""),
                                 "tip_share": f"{n / total:.0%}" if total else "—"})
    return interactive.attach(fig, interactive.stacked_spec(rows, plans=plans, xlabel=xlabel,
                                                            lang=lang))


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
    # below the axes, so it never covers a bar
    ax.legend(handles=handles, frameon=False, fontsize=9, loc="upper center",
              bbox_to_anchor=(0.5, -0.7 / size[1] - 0.08), ncol=min(len(groups), 4))
    rows = [{"category": r[category], "group": r[group], "value": float(r[value]),
             "muted": bool(muted) and not bool(r[muted]),
             "tip_category": r[category], "tip_group": r[group],
             "tip_value": format_number(r[value])
                          + (pick(lang, "（次数太少，不作解读）", " (too few occurrences to read)")
                             if muted and not bool(r[muted]) else "")}
            for _, r in data.iterrows() if r[group] in groups and r[category] in cats]
    return interactive.attach(fig, interactive.bars_spec(
        rows, categories=cats, groups=groups, colors=[colors[i % len(colors)] for i in range(len(groups))],
        value_title=ylabel, horizontal=horizontal, lang=lang,
        tips=[("tip_category", "项目"), ("tip_group", "系列"), ("tip_value", ylabel)]))


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
    cells = []
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            v, ok = float(grid.values[i, j]), bool(readable.values[i, j])
            words = fmt.format(v) if ok else "(" + fmt.format(v) + ")"
            cells.append({"row": r, "column": c, "value": v, "muted": not ok, "text": words,
                          "tip_row": r, "tip_column": c,
                          "tip_value": words + ("" if ok else pick(lang, "（次数太少，不作解读）",
                                                                   " (too few occurrences to read)"))})
    return interactive.attach(fig, interactive.cells_spec(
        cells, row_order=rows, column_order=cols, value_title=colorbar_label, lang=lang,
        tips=[("tip_row", "项目"), ("tip_column", "系列"), ("tip_value", colorbar_label)]))


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
    heads = {"zh": (f"{left_year}年主导产业集群", f"{right_year}年“343”创新产业集群"),
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
# One year's target beside that year's outcomes.

def year_bars(bars, *, label: str, value: str = "value", city: str = "city", grade: str = "grade",
              source: str = "source_id", ylabel: str = "地区生产总值增速（%）", unit: str = "%",
              lang: str = "zh"):
    """One bar per row of ``bars``, in order: the first row is the target (a light
    fill), the others outcomes in their city's colour, hollow for a grade-C figure;
    each bar is labelled with its value and grade. ``label`` is the column of bar names
    in ``lang``. (Hatching means a grade-C figure in the status charts, so a target is
    never hatched.)"""
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    colors = [CITY_COLORS[c] for c in bars[city]]
    # the target is light; a grade-C figure is hollow (book-wide convention)
    faces = ["#DDE8F3"] + ["white" if g == "C" else c for g, c in zip(bars[grade][1:], colors[1:])]
    ax.bar([wrap_label(t, 7) for t in bars[label]], bars[value],
           color=faces, edgecolor=colors, linewidth=1.6)
    for i, (v, g) in enumerate(zip(bars[value], bars[grade])):
        ax.text(i, v + 0.1, pick(lang, f"{v:.1f}%（{g}级）", f"{v:.1f}% (grade {g})"),
                ha="center", fontsize=9)
    ax.set_ylabel(tr(ylabel, lang))
    ax.set_ylim(0, bars[value].max() * 1.15)  # room for the value labels
    ax.grid(axis="x", visible=False)
    names = [tr(CITY_NAMES.get(c, c), lang) for c in dict.fromkeys(bars[city])]
    rows = [{"category": r[label], "group": tr(CITY_NAMES.get(r[city], r[city]), lang),
             "value": float(r[value]), "muted": i > 0 and r[grade] == "C", "light": i == 0,
             "tip_category": r[label], "tip_value": interactive.quantity(r[value], unit, lang),
             "tip_source": interactive.source_words([r[source]], lang)}
            for i, (_, r) in enumerate(bars.iterrows())]
    return interactive.attach(fig, interactive.bars_spec(
        rows, categories=list(bars[label]), groups=names,
        colors=[CITY_COLORS[c] for c in dict.fromkeys(bars[city])], value_title=ylabel,
        horizontal=False, stacked_groups=True, lang=lang,
        tips=[("tip_category", "项目"), ("tip_value", "数值"), ("tip_source", "来源")]))


# ----------------------------------------------------------------------------
# Each year's growth target against its outcome, one panel per place.

def growth_panel_chart(panel, *, places: list[str], ylabel: str = "地区生产总值增速（%）",
                       shock_year: int | None = None, shock_label: str | None = None,
                       lang: str = "zh"):
    """Year by year and place by place (one panel each, the nation first): the growth
    target — a shaded band for a range, a dashed dash for 左右, a solid dash for 以上 or an
    exact number, “未设目标” where the year's report set none — and the first-release
    outcome, a dot coloured by the verdict (grey where the target is not in the archive),
    its shape saying what kind of figure it is (a triangle for a bound, a diamond for an
    estimate, whose verdict is provisional), hollow for grade C; a small cross marks a
    later final or revised figure. The line joins first-release numbers only, so a
    missing year or a bound breaks it. ``panel``: :func:`planbook.analysis.panel.growth_panel`."""
    years = sorted(panel["year"].unique())
    fig, axes = plt.subplots(1, len(places), figsize=(2.5 * len(places) + 0.9, 4.0),
                             sharey=True, squeeze=False)
    markers = {"~": "o", "=": "o", ">": "^", ">=": "^", "<": "v", "<~": "v"}
    for ax, place in zip(axes[0], places):
        sub = panel[panel["city"] == place].set_index("year")
        numbers = sub["first_value"].where(sub["first_qualifier"].isin(["=", "~"]))
        ax.plot(numbers.reindex(range(min(years), max(years) + 1)).index,
                numbers.reindex(range(min(years), max(years) + 1)).values,
                color="#BBBBBB", lw=1, zorder=1)
        for year, row in sub.iterrows():
            if row["target_found"]:
                comparator = row["comparator"]
                if comparator == "range":
                    ax.add_patch(plt.Rectangle((year - 0.34, row["target_value"]), 0.68,
                                               row["target_high"] - row["target_value"], fc="#CCCCCC",
                                               ec="#222222", lw=1.2, zorder=2))
                else:
                    ax.hlines(row["target_value"], year - 0.34, year + 0.34, color="#222222", lw=2.2,
                              zorder=2, linestyles="dashed" if comparator == "~" else "solid")
            elif row["no_target"]:
                # mid-height, clear of the outcome (a shock year's outcome sits low)
                ax.annotate(tr("未设目标", lang), xy=(year, 0.55), xycoords=("data", "axes fraction"),
                            xytext=(-3, 0), textcoords="offset points", ha="right", fontsize=7,
                            rotation=90, va="center", color="#444444")
            if pd.notna(row["first_value"]):
                status = row["status"] if row["target_found"] and row["status"] in ("met", "close", "missed") else None
                color = STATUS_COLORS[status] if status else "#888888"
                marker = "D" if row["first_status"] == "estimate" else markers[row["first_qualifier"]]
                hollow = row["first_grade"] == "C"
                ax.scatter([year], [row["first_value"]], marker=marker, s=44, zorder=3,
                           facecolors="white" if hollow else color, edgecolors=color, linewidths=1.5)
            if pd.notna(row.get("final_value")):
                ax.scatter([year + 0.28], [row["final_value"]], marker="x", s=22, color="#222222",
                           linewidths=1.1, zorder=3)
        if shock_year is not None:
            ax.axvline(shock_year, color="#777777", ls=":", lw=1, zorder=0)
            if shock_label:
                ax.annotate(shock_label, xy=(shock_year, 1), xycoords=("data", "axes fraction"),
                            xytext=(2, -3), textcoords="offset points", fontsize=6.5, color="#555555",
                            rotation=90, va="top", ha="left")
        ax.set_title(tr(CITY_NAMES[place], lang), fontsize=11)
        ax.set_xticks([y for y in years if y % 2 == 0])
        ax.set_xlim(min(years) - 0.6, max(years) + 0.6)
        ax.tick_params(axis="x", labelsize=8, labelrotation=45)
    axes[0][0].set_ylabel(tr(ylabel, lang))
    handles = [plt.Rectangle((0, 0), 1, 1, fc="#CCCCCC", ec="#222222", label=tr("目标（区间）", lang)),
               Line2D([], [], color="#222222", lw=2.2, ls="--", label=tr("目标（左右）", lang)),
               Line2D([], [], color="#222222", lw=2.2, label=tr("目标（以上或确数）", lang))]
    handles += [Line2D([], [], marker="o", ls="", color=STATUS_COLORS[s], label=status_label(s, lang))
                for s in ("met", "close", "missed")]
    handles += [Line2D([], [], marker="o", ls="", color="#888888", label=tr("存档中未见目标", lang)),
                Line2D([], [], marker="o", ls="", markerfacecolor="white", color="#555555",
                       label=tr("C级（空心）", lang)),
                Line2D([], [], marker="D", ls="", color="#555555", label=tr("预计数（判定暂定）", lang)),
                Line2D([], [], marker="^", ls="", color="#555555", label=tr("下限（“超过”）", lang)),
                Line2D([], [], marker="x", ls="", color="#222222", label=tr("最终数或修订数", lang))]
    fig.legend(handles=handles, loc="lower center", ncol=4, frameon=False, fontsize=7.5,
               bbox_to_anchor=(0.5, -0.04))
    fig.subplots_adjust(bottom=0.33, wspace=0.08, left=0.08, right=0.99, top=0.91)
    return interactive.attach(fig, interactive.panel_spec(panel, places=places, ylabel=ylabel,
                                                          shock_year=shock_year, shock_label=shock_label,
                                                          lang=lang))
