"""Chart functions: a rate too rare to read is drawn muted, and nothing else changes."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import pandas as pd  # noqa: E402

from planbook.charts.plots import grouped_bars, heatmap  # noqa: E402

FREQ = pd.DataFrame({
    "term": ["集群", "集群", "品牌", "品牌"],
    "doc": ["甲", "乙", "甲", "乙"],
    "rate": [40.0, 12.0, 12.0, 21.0],
    "interpretable": [True, False, True, True],
})


def _white(color) -> bool:
    return mcolors.to_hex(color) == "#ffffff"


def test_grouped_bars_draw_a_muted_rate_hollow_and_keep_the_legend_solid():
    fig = grouped_bars(FREQ, category="term", group="doc", value="rate", ylabel="每万字",
                       horizontal=True, muted="interpretable")
    ax = fig.axes[0]
    faces = [_white(p.get_facecolor()) for p in ax.patches]
    assert faces.count(True) == 1                 # only 乙's 集群 (four occurrences)
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["甲", "乙"]
    assert not any(_white(h.get_facecolor()) for h in legend.legend_handles)


def test_heatmap_puts_a_muted_rate_in_brackets():
    fig = heatmap(FREQ, row="term", column="doc", value="rate", muted="interpretable")
    texts = sorted(t.get_text() for t in fig.axes[0].texts)
    assert "(12.0)" in texts and "12.0" in texts and "40.0" in texts
