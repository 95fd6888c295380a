"""Chart builders the chapters share. Each returns a matplotlib Figure and
takes tidy data, so the exported CSV is exactly what is drawn."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .style import OKABE_ITO


def ranked_bars(data: pd.DataFrame, *, label: str, value: str, group: str,
                group_order: list[str], xlabel: str, title: str | None = None,
                colors: list[str] | None = None, legend_labels: dict[str, str] | None = None):
    """Horizontal bars, one per row of ``data``, coloured and ordered by ``group``.

    Within a group the bars are sorted by ``value`` (largest on top).
    """
    missing = [g for g in data[group].unique() if g not in group_order]
    if missing:
        raise ValueError(f"groups {missing} are not in group_order {group_order}")
    colors = colors or [OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["bluish_green"],
                        OKABE_ITO["reddish_purple"], OKABE_ITO["sky_blue"]]
    rank = {g: i for i, g in enumerate(group_order)}
    ordered = (data.assign(_g=data[group].map(rank))
                   .sort_values(["_g", value], ascending=[True, False])
                   .drop(columns="_g").reset_index(drop=True))
    fig, ax = plt.subplots(figsize=(7.2, 0.42 * len(ordered) + 1.2))
    positions = range(len(ordered))[::-1]
    bar_colors = [colors[rank[g]] for g in ordered[group]]
    ax.barh(list(positions), ordered[value], color=bar_colors)
    ax.set_yticks(list(positions), ordered[label])
    ax.set_xlabel(xlabel)
    if title:
        ax.set_title(title)
    for pos, v in zip(positions, ordered[value]):
        ax.text(v, pos, f" {v:,.0f}", va="center", fontsize=9)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colors[rank[g]]) for g in group_order
               if g in set(ordered[group])]
    legend_labels = legend_labels or {}
    ax.legend(handles, [legend_labels.get(g, g) for g in group_order if g in set(ordered[group])],
              loc="lower right", frameon=False)
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.12)
    return fig
