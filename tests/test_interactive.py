"""Interactive charts: drawn by the same call as the static figure, from the same frame;
every tooltip says what the data say; written and placed on the page deterministically."""

from __future__ import annotations

import json
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from planbook.base.i18n import has_cjk  # noqa: E402
from planbook.charts import interactive  # noqa: E402
from planbook.charts.plots import (city_lines, stacked_status_bars, status_bars,  # noqa: E402
                                   status_marks)
from planbook.charts.style import use_book_style  # noqa: E402
from planbook.data.load import load  # noqa: E402

use_book_style()  # the CJK font, as in every chapter
SOURCES = load("sources").set_index("source_id")


def _series():
    """Two cities; Xuzhou has no 2019 figure, Suzhou's 2020 figure is a lower bound
    from a grade-C source (ids and grades are real rows of data/sources.csv)."""
    def row(city, year, value, qualifier="=", status="final", source="xz-2023-conference-report"):
        return {"city": city, "year": year, "value": value, "unit": "亿元", "qualifier": qualifier,
                "status": status, "grade": SOURCES.loc[source, "grade"], "outcome_id": f"o{year}{city}",
                "source_id": source}
    grade_c = next(s for s, g in SOURCES["grade"].items() if g == "C" and pd.notna(SOURCES.loc[s, "short_zh"]))
    return pd.DataFrame([row("xuzhou", 2018, 6755.2), row("xuzhou", 2020, 7319.8, status="preliminary"),
                         row("xuzhou", 2021, 8117.4),
                         row("suzhou", 2019, 19235.8), row("suzhou", 2020, 20000, ">", source=grade_c)])


def _layer_rows(spec):
    return spec["data"]["values"]


def test_the_static_chart_carries_its_interactive_version_from_the_same_frame():
    series = _series()
    fig = city_lines(series, ylabel="地区生产总值（亿元）")
    spec = interactive.attached(fig)
    plt.close(fig)
    rows = _layer_rows(spec)
    assert len(rows) == len(series)                       # one mark per recorded figure
    assert sorted(r["value"] for r in rows) == sorted(series["value"])
    xuzhou = [r for r in rows if r["series"] == "徐州"]
    assert len({r["segment"] for r in xuzhou}) == 2       # the missing 2019 breaks the line


def test_a_tooltip_states_value_unit_kind_vintage_source_and_grade():
    series = _series()
    rows = _layer_rows(interactive.lines_spec(series, ylabel="地区生产总值（亿元）"))
    bound = next(r for r in rows if r["series"] == "苏州" and r["year"] == 2020)
    source = series.iloc[-1]["source_id"]
    assert bound["tip_value"] == "20000亿元"
    assert bound["tip_qualifier"] == "下限（超过）" and bound["kind"] == "下限（超过）"
    assert bound["tip_vintage"] == "最终数"
    assert bound["tip_source"] == f"{SOURCES.loc[source, 'short_zh']}（C级）" and bound["hollow"]
    preliminary = next(r for r in rows if r["series"] == "徐州" and r["year"] == 2020)
    assert preliminary["tip_vintage"] == "初步数" and preliminary["tip_value"] == "7319.8亿元"


def test_a_source_without_a_short_title_is_named_by_its_headline_or_its_id():
    sid = next(s for s, short in SOURCES["short_zh"].items() if pd.isna(short))
    row = SOURCES.loc[sid]
    zh, en = interactive.source_words([sid]), interactive.source_words([sid], "en")
    assert zh.startswith("《" + str(row["title"])[:10]) and str(row["issuer"]) in zh
    assert zh.endswith(f"{row['grade']}级）") and "None" not in zh and "nan" not in zh
    assert en == f"{sid} (grade {row['grade']})"


def test_the_english_tooltip_is_in_english_and_in_billions():
    rows = _layer_rows(interactive.lines_spec(_series(), ylabel="地区生产总值（亿元）", lang="en"))
    point = next(r for r in rows if r["series"] == "Xuzhou" and r["year"] == 2021)
    assert point["tip_value"] == "811.74 billion yuan" and point["value"] == pytest.approx(811.74)
    assert "(grade " in point["tip_source"]
    assert not any(has_cjk(str(value)) for row in rows for value in row.values())


def test_quantities_are_written_as_the_tables_write_numbers():
    from planbook.base.numbers import format_number

    assert interactive.quantity(18600.0, "亿元") == format_number(18600.0) + "亿元" == "18600亿元"
    assert interactive.quantity(8458, "亿元", "en") == "845.8 billion yuan"   # no float noise
    assert interactive.quantity(3.2, "%") == "3.2%" and interactive.quantity(3.2, "%", "en") == "3.2%"
    assert interactive.quantity(3223.5, "亿美元", "en") == "322.35 billion US dollars"
    with pytest.raises(KeyError, match="UNIT_EN"):
        interactive.quantity(1, "公顷", "en")


def test_a_legend_entry_toggles_its_series_and_every_entry_starts_shown():
    spec = interactive.lines_spec(_series(), ylabel="地区生产总值（亿元）")
    param = spec["layer"][0]["params"][0]
    assert param["bind"] == "legend" and param["select"]["toggle"] == "true"
    assert param["value"] == [{"series": "徐州"}, {"series": "苏州"}]  # the frame's order
    drawn = [layer for layer in spec["layer"][1:] if "transform" in layer]
    assert drawn and all({"filter": {"param": interactive.LEGEND_PARAM}} in layer["transform"]
                         for layer in drawn)


STATUS = pd.DataFrame([
    {"target_id": "t1", "label": "进出口总额", "label_en": "Trade", "target_year": 2020,
     "comparator": "~", "value": 3000.0, "unit": "亿美元", "status": "met", "basis": "exact",
     "provisional": False, "outcome_value": 3223.5, "outcome_qualifier": "=", "ratio": 1.0745,
     "outcome_ids": "", "outcome_grade": "A"},
    {"target_id": "t2", "label": "高新技术企业数", "label_en": "High-tech firms", "target_year": 2020,
     "comparator": ">=", "value": 10000.0, "unit": "家", "status": "missed", "basis": "bound",
     "provisional": True, "outcome_value": 9900.0, "outcome_qualifier": "<~", "ratio": None,
     "outcome_ids": "", "outcome_grade": "C"},
    {"target_id": "t3", "label": "金融资产总量", "label_en": "Financial assets", "target_year": 2020,
     "comparator": ">=", "value": 5.0, "unit": "万亿元", "status": "no-data", "basis": None,
     "provisional": False, "outcome_value": None, "outcome_qualifier": None, "ratio": None,
     "outcome_ids": "", "outcome_grade": None},
])


def test_status_marks_are_the_one_place_the_drawing_rules_live():
    marks = {m["label"]: m for m in status_marks(STATUS)}
    assert marks["进出口总额"]["bar"] and not marks["进出口总额"]["open"]
    assert marks["进出口总额"]["tip_target_value"] == "约3000亿美元（2020年）"
    bound = marks["高新技术企业数"]
    assert bound["bound"] and bound["open"] and bound["hatched"] and bound["provisional"]
    assert bound["text"] == "<99%（暂定）" and bound["tip_outcome"] == "9900家（上侧界（近、接近））"
    assert bound["tip_verdict"] == "未达成（暂定）" and bound["tip_basis"] == "由界判定"
    assert not marks["金融资产总量"]["bar"] and marks["金融资产总量"]["text"] == "无数据"
    fig = status_bars(STATUS)
    spec = interactive.attached(fig)
    plt.close(fig)
    assert [r["label"] for r in spec["data"]["values"]] == list(STATUS["label"])


def test_two_targets_with_one_label_are_refused():
    twice = pd.concat([STATUS.iloc[:1], STATUS.iloc[:1]])
    with pytest.raises(ValueError, match="share a row label"):
        interactive.status_spec(status_marks(twice), xlabel="实际值 ÷ 目标值", xmax=2.25)


def test_the_scorecard_chart_counts_and_shares():
    long = pd.DataFrame([{"计划": "甲", "status": s, "count": c}
                         for s, c in [("met", 3), ("missed", 1), ("no-data", 4),
                                      ("close", 0), ("not-comparable", 0)]])
    fig = stacked_status_bars(long, label="计划")
    rows = interactive.attached(fig)["data"]["values"]
    plt.close(fig)
    assert {r["verdict"]: (r["count"], r["tip_share"]) for r in rows} == {
        "达成": (3, "38%"), "未达成": (1, "12%"), "无数据": (4, "50%")}


def test_a_spec_that_does_not_compile_names_its_figure():
    from planbook.sphinx.interactive import compiled

    assert "signals" in json.loads(compiled(interactive.lines_spec(_series(), ylabel="地区生产总值（亿元）")))
    with pytest.raises(ValueError, match="fig-broken: the interactive chart does not compile"):
        compiled({"mark": "no-such-mark", "data": {"values": []}}, "fig-broken", cache_dir=None)


def test_a_compiled_spec_is_kept_by_its_content(tmp_path):
    from planbook.sphinx.interactive import compiled

    spec = interactive.lines_spec(_series(), ylabel="地区生产总值（亿元）")
    first = compiled(spec, "fig-a", cache_dir=tmp_path)
    assert len(list(tmp_path.iterdir())) == 1 and compiled(spec, "fig-a", cache_dir=tmp_path) == first
    assert first == compiled(spec, "fig-a", cache_dir=None)          # the same as compiling anew
    compiled({**spec, "height": 123}, "fig-a", cache_dir=tmp_path)
    assert len(list(tmp_path.iterdir())) == 2                        # another spec, another entry


def test_export_writes_both_specs_identically_twice_and_removes_a_stale_one(tmp_path):
    from planbook.charts.figures import export_figure

    series = _series()
    build = lambda lang: city_lines(series, ylabel="地区生产总值（亿元）", lang=lang)  # noqa: E731
    for out in ("a", "b"):
        export_figure("fig-test", build, series, outdir=tmp_path / out, check_dir=tmp_path / "c")
    plt.close("all")
    for name in ("fig-test.vl.json", "fig-test.en.vl.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert "徐州" in (tmp_path / "a" / "fig-test.vl.json").read_text(encoding="utf-8")

    def static_only(lang):
        fig, ax = plt.subplots()
        ax.plot([1, 2], [1, 2])
        return fig

    export_figure("fig-test", static_only, series, outdir=tmp_path / "a", check_dir=tmp_path / "c")
    plt.close("all")
    assert not (tmp_path / "a" / "fig-test.vl.json").exists()


def test_export_refuses_chinese_in_the_english_interactive_chart(tmp_path):
    from planbook.charts.figures import export_figure

    series = _series()

    def build(lang):
        fig, ax = plt.subplots()
        ax.plot([1, 2], [1, 2])
        return interactive.attach(fig, interactive.lines_spec(series, ylabel="年份", lang="zh"))

    with pytest.raises(ValueError, match="English interactive chart still shows Chinese"):
        export_figure("fig-test", build, series, outdir=tmp_path, check_dir=tmp_path)
    plt.close("all")
    assert not any(tmp_path.glob("fig-test*"))


# ---------------------------------------------------------------- on the page

def _exported(tmp_path):
    from planbook.charts.figures import export_figure

    series = _series()
    export_figure("fig-test", lambda lang: city_lines(series, ylabel="地区生产总值（亿元）", lang=lang),
                  series, outdir=tmp_path, check_dir=tmp_path / "checks")
    plt.close("all")
    return series


def test_the_views_have_ids_from_the_label_and_the_table_is_the_csv(tmp_path):
    from planbook.sphinx.interactive import views_html

    series = _exported(tmp_path)
    page = views_html("fig-test", tmp_path, rel="../")
    assert page == views_html("fig-test", tmp_path, rel="../")          # nothing varies
    for element_id in ("pb-views-fig-test", "pb-interactive-fig-test", "pb-table-fig-test",
                       "pb-spec-fig-test", "pb-tab-interactive-fig-test", "pb-tab-static-fig-test",
                       "pb-tab-table-fig-test"):
        assert f'id="{element_id}"' in page
    assert not re.findall(r'id="fig-', page)      # the figure's own id stays the only fig- id
    assert page.count("<tr>") == len(series) + 1                        # header + every CSV row
    assert f"共{len(series)}行" in page and 'href="../figures/fig-test.csv"' in page
    assert "<code>unit</code>：亿元" in page                              # a constant column, once
    assert views_html("fig-none", tmp_path) is None


def test_the_inlined_spec_is_compiled_vega_that_cannot_close_its_script(tmp_path):
    from planbook.sphinx.interactive import _inline_json, compiled, views_html

    _exported(tmp_path)
    page = views_html("fig-test", tmp_path)
    inlined = page.split('id="pb-spec-fig-test">', 1)[1].split("</script>", 1)[0]
    vega = json.loads(inlined)
    assert "signals" in vega and "marks" in vega                        # Vega, not Vega-Lite
    assert json.loads(_inline_json(json.dumps({"t": "</script><!--"}))) == {"t": "</script><!--"}
    assert "</script" not in _inline_json(json.dumps({"t": "</script>"}))
    assert compiled(json.loads((tmp_path / "fig-test.vl.json").read_text(encoding="utf-8"))) == inlined


def test_a_phone_gets_a_narrow_variant():
    from planbook.sphinx.interactive import NARROW_LABEL_PX, narrow_below, narrow_variant

    facet = {"facet": {}, "columns": 3, "spec": {"width": 190}}
    assert narrow_variant(facet)["columns"] == 1 and narrow_below(facet) == 190 * 3 + 80
    spec = interactive.status_spec(status_marks(STATUS), xlabel="实际值 ÷ 目标值", xmax=2.25)
    narrow = narrow_variant(spec)
    assert narrow["layer"][0]["encoding"]["color"]["legend"]["columns"] == 2
    assert spec["layer"][0]["encoding"]["color"]["legend"]["columns"] == 3   # left as it was
    assert narrow["layer"][1]["encoding"]["y"]["axis"]["labelLimit"] == NARROW_LABEL_PX
    assert narrow["data"] == spec["data"]                  # the same data, only the layout
    assert narrow_variant({"layer": [], "data": {"values": []}}) is None


def test_only_pages_with_a_chart_load_the_library():
    from planbook.sphinx.interactive import add_scripts_where_needed

    def page(body):
        context = {"body": body, "pathto": lambda name, resource: f"../{name}"}
        add_scripts_where_needed(None, "book/x", "page.html", context, None)
        return context["body"]

    assert page("<p>text</p>") == "<p>text</p>"
    with_chart = page('<div class="pb-figure-views" id="pb-views-fig-a"></div>'
                      '<div class="pb-figure-views" id="pb-views-fig-b"></div>')
    assert with_chart.count('src="../_static/vega-bundle.js"') == 1
    assert with_chart.count('src="../_static/interactive-figures.js"') == 1


def test_the_built_pages_load_the_library_once_and_only_where_there_is_a_chart():
    from planbook.base.paths import HTML_DIR
    from planbook.sphinx.interactive import BUNDLE_NAME, VIEWS_CLASS

    if not (HTML_DIR / "index.html").is_file():
        pytest.fail(f"{HTML_DIR} is not built: run `make book` first")
    with_charts = 0
    for page in HTML_DIR.rglob("*.html"):
        if "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        charts = text.count(f'class="{VIEWS_CLASS}"')
        loads = text.count(f"_static/{BUNDLE_NAME}")
        assert loads == (1 if charts else 0), (page, charts, loads)
        with_charts += bool(charts)
        for label in re.findall(rf'class="{VIEWS_CLASS}" id="pb-views-(fig-[a-z0-9-]+)"', text):
            assert (HTML_DIR / "figures" / f"{label}.vl.json").is_file(), label
    assert with_charts >= 6                      # the chapters, the front page and the data appendix


def test_a_years_target_beside_its_outcomes():
    from planbook.charts.plots import year_bars

    c_source = next(s for s, g in SOURCES["grade"].items() if g == "C")
    bars = pd.DataFrame([
        {"name": "目标", "value": 6.5, "city": "xuzhou", "grade": "B", "source_id": "xz-2023-conference-report"},
        {"name": "徐州", "value": 3.2, "city": "xuzhou", "grade": "C", "source_id": c_source},
        {"name": "江苏", "value": 2.8, "city": "jiangsu", "grade": "B", "source_id": "xz-2023-conference-report"},
    ])
    fig = year_bars(bars, label="name")
    patches = fig.axes[0].patches
    # hatching means a grade-C figure in the status charts: the target is light, never hatched
    assert not any(p.get_hatch() for p in patches)
    assert patches[0].get_facecolor() != patches[2].get_facecolor()
    rows = interactive.attached(fig)["data"]["values"]
    plt.close(fig)
    assert [r["muted"] for r in rows] == [False, True, False]       # grade C outcome: hollow
    assert [r["light"] for r in rows] == [True, False, False]       # the target: light, dashed
    assert [r["group"] for r in rows] == ["徐州", "徐州", "江苏"]
    assert rows[1]["tip_value"] == "3.2%" and rows[1]["tip_source"].endswith("C级）")
