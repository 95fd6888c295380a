"""Interactive versions of the book's charts, as Vega-Lite specifications.

The static figure stays the figure of record. The chart builders of
:mod:`planbook.charts.plots` draw it and, from the same frame and in the same call,
describe the same chart for the browser with one of the ``*_spec`` functions here;
the description rides on the matplotlib Figure (:func:`attach`), and
:func:`planbook.charts.figures.export_figure` writes it beside the static files as
``<label>.vl.json`` (and ``<label>.en.vl.json``). :mod:`planbook.sphinx.ext` puts the
Chinese one on the page, with the Vega bundle that vl-convert-python ships.

Every mark's tooltip says what the book knows about it: city, year, value with its
unit, what kind of figure it is (exact, about, a bound), its vintage, its source's
short title and grade; for a target, the target and its verdict. The words are
written here, in Python, so the browser shows exactly what the data say.

A legend entry hides or shows its series: each chart has one point selection bound
to its legend (:func:`_legend_toggle`), with every entry selected at first; clicking
an entry toggles it, and the marks keep only the selected entries. Hiding the last
one shows all again (an empty selection selects everything).
"""

from __future__ import annotations

import functools
import json
import math

import pandas as pd

from planbook.analysis.achievement import STATUS_ZH
from planbook.analysis.series import VINTAGE_ZH
from planbook.base.i18n import pick, tr
from planbook.base.numbers import format_number
from planbook.charts.style import (CITY_COLORS, CITY_NAMES_ZH, STATUS_COLORS, STATUS_ORDER,
                                   unit_scale)

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier, never fetched
# The page's own fonts first, then the CJK fonts readers are likely to have.
FONT = ('system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", '
        '"Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif')
LEGEND_PARAM = "shown"
# Axis labels with spaces (document names) on several lines, as the static charts wrap them
WRAP_AT_SPACES = "split(datum.label, ' ')"
_ATTRIBUTE = "_planbook_interactive"

QUALIFIER_WORDS = {"=": ("精确数", "exact"), "~": ("约数（约、左右）", "approximate (about)"),
                   ">": ("下限（超过）", "lower bound (over)"),
                   "<": ("上侧界（不足、低于）", "upper bound (under)"),
                   "<~": ("上侧界（近、接近）", "just below (nearly)"),
                   ">=": ("下限（至少，点名的个数）", "lower bound (at least, the number named)")}
VINTAGE_EN = {"preliminary": "preliminary", "final": "final", "revised": "revised", "restated": "restated later",
              "estimate": "estimate"}
COMPARATOR_MARKS = {">=": "≥", "<=": "≤", "=": "", "~": "约"}
BASIS_WORDS = {"exact": ("由精确数判定", "from an exact figure"),
               "bound": ("由界判定", "from a bound"),
               "derived": ("由推算的年均增速判定", "from a derived average rate"),
               "inferred": ("由点名推断（未点名的按未达门槛计）", "inferred from the items named (the rest taken as below)")}
# English names of the data's units (a unit without one is an error, as in i18n.tr);
# 亿 amounts are written in billions in English (as style.unit_scale draws 亿元).
UNIT_EN = {"亿元": "billion yuan", "万亿元": "trillion yuan", "亿美元": "billion US dollars",
           "%": "%", "百分点": "percentage points", "家": "", "个": "", "项": "", "件": "",
           "人": "people", "万元/亩": "10,000 yuan per mu", "万元/人": "10,000 yuan per person",
           "指数": "(index)", "元": "yuan", "条": "", "次/万字": "per 10,000 characters",
           "条/万字": "per 10,000 characters"}
_SCALED_EN = {"亿元": 0.1, "亿美元": 0.1}


# ---------------------------------------------------------------- the spec on a figure

def attach(fig, spec: dict):
    """Let ``fig`` carry its interactive version (written by export_figure)."""
    setattr(fig, _ATTRIBUTE, spec)
    return fig


def attached(fig) -> dict | None:
    return getattr(fig, _ATTRIBUTE, None)


def _clean(value):
    """JSON-safe and stable: NaN/NA become null, numpy scalars plain numbers,
    floats rounded to 10 significant digits (no binary noise in the page)."""
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return float(f"{value:.10g}")
    return value


def texts(node):
    """Every string in a spec (keys and values): what a reader may see of it."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from texts(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from texts(value)
    elif isinstance(node, str):
        yield node


def to_json(spec: dict) -> str:
    """The spec as the page and the download carry it: keys sorted, no spaces."""
    return json.dumps(_clean(spec), ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)


# ---------------------------------------------------------------- words for a tooltip

def quantity(value, unit: str, lang: str = "zh") -> str:
    """``value`` in ``unit`` as a reader reads it, written as the tables write numbers:
    8,458亿元 / 845.8 billion yuan."""
    if value is None or pd.isna(value):
        return pick(lang, "无", "none")
    if lang == "zh":
        return f"{format_number(value)}{unit}"
    try:
        name = UNIT_EN[unit]
    except KeyError:
        raise KeyError(f"no English name for the unit {unit!r}: add it to "
                       "planbook/charts/interactive.py UNIT_EN") from None
    scaled = float(value) * _SCALED_EN.get(unit, 1.0)
    scaled = round(scaled, 10)  # 8458 × 0.1 is 845.8, not 845.8000000000001
    return f"{format_number(scaled)}{name}" if name in ("%",) else f"{format_number(scaled)} {name}".strip()


def qualifier_words(qualifier, lang: str = "zh") -> str:
    if qualifier is None or pd.isna(qualifier):
        return pick(lang, "—", "—")
    return pick(lang, *QUALIFIER_WORDS[qualifier])


def vintage_words(status, lang: str = "zh") -> str:
    if status is None or pd.isna(status):
        return "—"
    return VINTAGE_ZH[status] if lang == "zh" else VINTAGE_EN[status]


def verdict_words(status, lang: str = "zh") -> str:
    return tr(STATUS_ZH[status], lang)


def city_name(city: str, lang: str = "zh") -> str:
    return tr(CITY_NAMES_ZH.get(city, city), lang)


@functools.lru_cache(maxsize=4)
def _tables(data_dir: str) -> tuple[dict, dict]:
    from pathlib import Path

    from planbook.data.load import load

    sources = load("sources", Path(data_dir)).set_index("source_id")
    outcomes = load("outcomes", Path(data_dir)).set_index("outcome_id")
    return sources.to_dict("index"), outcomes["source_id"].to_dict()


def _lookups() -> tuple[dict, dict]:
    from planbook.base.paths import DATA_DIR

    return _tables(str(DATA_DIR))


def source_words(source_ids, lang: str = "zh") -> str:
    """Each source's short title and grade: 徐州 2023 高质量发展大会报道（B 级）."""
    sources, _ = _lookups()
    if isinstance(source_ids, str):
        source_ids = [s for s in source_ids.split(";") if s]
    parts = []
    for sid in dict.fromkeys(s for s in source_ids if s and not pd.isna(s)):
        row = sources.get(sid)
        if row is None:
            raise KeyError(f"source {sid!r} is not in data/sources.csv")
        parts.append(_source_words(sid, row, lang))
    return pick(lang, "；", "; ").join(parts) or pick(lang, "无", "none")


TITLE_CHARACTERS = 32  # a long headline is cut here in a tooltip (the data table has the id)


def _source_words(sid: str, row: dict, lang: str) -> str:
    """A source as a tooltip names it: its short title where the data give one (the
    analysed documents), else its headline, publisher and date in Chinese, its id in
    English (the headlines are Chinese); always its grade."""
    short = row.get("short_zh" if lang == "zh" else "short_en")
    if isinstance(short, str) and short:
        return pick(lang, f"{short}（{row['grade']}级）", f"{short} (grade {row['grade']})")
    if lang != "zh":
        return f"{sid} (grade {row['grade']})"
    title = str(row["title"])
    if len(title) > TITLE_CHARACTERS:
        title = title[:TITLE_CHARACTERS - 1] + "…"
    return f"《{title}》（{row['issuer']}，{row['published']}；{row['grade']}级）"


def outcome_source_ids(outcome_ids) -> list[str]:
    """The sources of the outcomes ``outcome_ids`` (a list or a ;-joined string)."""
    _, outcomes = _lookups()
    if outcome_ids is None or (not isinstance(outcome_ids, list) and pd.isna(outcome_ids)):
        return []
    if isinstance(outcome_ids, str):
        outcome_ids = [i for i in outcome_ids.split(";") if i]
    return [outcomes[i] for i in outcome_ids]


# ---------------------------------------------------------------- common parts

def _base(lang: str, description: str, *, height: int | None = 300, width="container") -> dict:
    spec = {
        "$schema": SCHEMA,
        "description": description,
        "config": {
            "font": FONT,
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "titleFontWeight": "normal",
                     "gridColor": "#e6e6e6", "domainColor": "#888888", "tickColor": "#888888"},
            "legend": {"orient": "bottom", "labelFontSize": 11, "titleFontSize": 11,
                       "titleFontWeight": "normal", "symbolStrokeWidth": 1.5,
                       "labelLimit": 260},
            "view": {"stroke": None},
            "header": {"labelFontSize": 13, "title": None},
        },
        "usermeta": {"planbook": {"lang": lang, "legendParam": LEGEND_PARAM}},
    }
    if width is not None:
        spec["width"] = width
        if width == "container":  # as wide as the page's text column, at any screen width
            spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    if height is not None:
        spec["height"] = height
    return spec


def _tooltip(fields: list[tuple[str, str]], lang: str) -> list[dict]:
    """Tooltip channels: (data key, title in Chinese) pairs, titles put into ``lang``."""
    return [{"field": key, "type": "nominal", "title": tr(title, lang)} for key, title in fields]


def _legend_toggle(field: str, domain: list[str], colors: list[str], *, title=None,
                   symbol: str = "circle") -> dict:
    """A layer that draws nothing and carries the legend of ``field`` with the point
    selection bound to it (every entry selected at first; a click toggles one)."""
    # entries in rows of at most three (two for long names), so a phone shows them all
    columns = min(len(domain), 2 if max(len(v) for v in domain) > 8 else 3)
    return {
        "data": {"values": [{field: value} for value in domain]},
        "mark": {"type": "point", "size": 0, "filled": True},
        "encoding": {"color": {"field": field, "type": "nominal",
                               "scale": {"domain": domain, "range": colors},
                               "legend": {"title": title, "symbolType": symbol,
                                          "columns": columns}}},
        "params": [{"name": LEGEND_PARAM, "bind": "legend",
                    "select": {"type": "point", "fields": [field], "toggle": "true"},
                    "value": [{field: value} for value in domain]}],
    }


def _only_shown() -> dict:
    return {"filter": {"param": LEGEND_PARAM}}


# ---------------------------------------------------------------- time series by city

MARKER_KINDS = [("exact", "精确数或约数", "circle"), ("lower", "下限（超过）", "triangle-up"),
                ("upper", "上侧界（近、不足）", "triangle-down"), ("estimate", "预计数", "diamond")]
_KIND_OF_QUALIFIER = {"=": "exact", "~": "exact", ">": "lower", ">=": "lower", "<": "upper", "<~": "upper"}
_KIND_WORDS_EN = {"精确数或约数": "Exact or approximate", "下限（超过）": "Lower bound (over)",
                  "上侧界（近、不足）": "Upper bound (nearly, under)", "预计数": "Estimate"}


def _kind_word(key: str, lang: str) -> str:
    zh = next(word for k, word, _ in MARKER_KINDS if k == key)
    return zh if lang == "zh" else _KIND_WORDS_EN[zh]


def point_kind(qualifier: str, status: str) -> str:
    """Which marker a recorded figure gets (as in the static chart)."""
    return "estimate" if status == "estimate" else _KIND_OF_QUALIFIER[qualifier]


def lines_spec(series: pd.DataFrame, *, ylabel: str, target=None, target_label=None,
               lang: str = "zh") -> dict:
    """One line per city joining its numbers (a gap where a year is missing or a
    figure is only a bound), a marker per recorded
    figure whose shape says what kind of figure it is, hollow for grade C; an
    optional horizontal target line. ``series`` as :func:`planbook.analysis.series.preferred_series`."""
    cities = list(dict.fromkeys(series["city"]))
    names = [city_name(c, lang) for c in cities]
    rows = []
    for city, group in series.groupby("city", sort=False):
        previous, run = None, 0
        for _, point in group.sort_values("year").iterrows():
            year = int(point["year"])
            number = point["qualifier"] in ("=", "~")
            # the line joins numbers only: a missing year or a bound breaks it
            if previous is not None and (year != previous + 1 or not number):
                run += 1
            previous = year if number else None
            unit = point["unit"]
            rows.append({
                "series": city_name(city, lang), "year": year,
                "value": float(point["value"]) * unit_scale(unit, lang),
                "segment": f"{city}-{run}", "on_line": bool(number),
                "kind": _kind_word(point_kind(point["qualifier"], point["status"]), lang),
                "hollow": point["grade"] == "C",
                "tip_city": city_name(city, lang), "tip_year": str(year),
                "tip_value": quantity(point["value"], unit, lang),
                "tip_qualifier": qualifier_words(point["qualifier"], lang),
                "tip_vintage": vintage_words(point["status"], lang),
                "tip_source": source_words([point["source_id"]], lang),
            })
    years = [r["year"] for r in rows]
    x = {"field": "year", "type": "quantitative", "title": tr("年份", lang),
         "scale": {"domain": [min(years) - 0.5, max(years) + 0.5], "nice": False},
         "axis": {"format": "d", "tickMinStep": 1, "grid": False}}
    y = {"field": "value", "type": "quantitative", "title": tr(ylabel, lang),
         "scale": {"zero": False}}
    color = {"field": "series", "type": "nominal",
             "scale": {"domain": names, "range": [CITY_COLORS[c] for c in cities]}}
    kinds = [_kind_word(k, lang) for k, _, _ in MARKER_KINDS
             if _kind_word(k, lang) in {r["kind"] for r in rows}]
    shapes = {_kind_word(k, lang): shape for k, _, shape in MARKER_KINDS}
    layers = [
        _legend_toggle("series", names, [CITY_COLORS[c] for c in cities]),
        {"mark": {"type": "line", "strokeWidth": 1.8},
         "transform": [_only_shown(), {"filter": "datum.on_line"}],
         "encoding": {"x": x, "y": y, "color": color, "detail": {"field": "segment"}}},
        {"mark": {"type": "point", "filled": True, "size": 70, "strokeWidth": 1.5, "opacity": 1},
         "transform": [_only_shown()],
         "encoding": {
             "x": x, "y": y,
             "stroke": color,
             "fill": {"condition": {"test": "datum.hollow", "value": "white"}, **color},
             # no legend for the shapes (Vega-Lite would draw its symbols blank here):
             # the caption explains them and the tooltip says each point's kind in words
             "shape": {"field": "kind", "type": "nominal", "legend": None, "scale": {
                 "domain": kinds, "range": [shapes[k] for k in kinds]}},
             "tooltip": _tooltip([("tip_city", "城市"), ("tip_year", "年份"), ("tip_value", "数值"),
                                  ("tip_qualifier", "数字类型"), ("tip_vintage", "数据版本"),
                                  ("tip_source", "来源")], lang)}},
    ]
    if target is not None:
        layers.append({
            "data": {"values": [{"target": float(target), "tip_target": target_label or ""}]},
            "mark": {"type": "rule", "strokeDash": [5, 3], "color": "#444444", "strokeWidth": 1.2},
            "encoding": {"y": {"field": "target", "type": "quantitative"},
                         "tooltip": _tooltip([("tip_target", "目标")], lang)}})
        if target_label:
            layers.append({
                "data": {"values": [{"target": float(target), "text": target_label}]},
                "mark": {"type": "text", "align": "right", "baseline": "bottom", "dy": -3,
                         "color": "#444444", "fontSize": 11, "x": "width"},
                "encoding": {"y": {"field": "target", "type": "quantitative"},
                             "text": {"field": "text"}}})
    spec = _base(lang, tr(ylabel, lang))
    spec.update({"data": {"values": rows}, "layer": layers})
    return spec


# ---------------------------------------------------------------- target against outcome

def status_spec(marks: list[dict], *, xlabel: str, xmax: float, lang: str = "zh") -> dict:
    """One row per target (``marks`` from :func:`planbook.charts.plots.status_marks`):
    a bar of the outcome ÷ target coloured by the verdict (open for a bound or a
    grade-C figure, dashed when provisional), a square and words where no ratio
    is drawn; the tooltip gives the target, the outcome, the verdict and the sources."""
    statuses = [verdict_words(s, lang) for s in STATUS_ORDER]
    colors = [STATUS_COLORS[s] for s in STATUS_ORDER]
    labels = [m["label"] for m in marks]
    if len(set(labels)) != len(labels):
        raise ValueError(f"two targets share a row label: {sorted({l for l in labels if labels.count(l) > 1})}")
    y = {"field": "label", "type": "nominal", "sort": labels, "title": None,
         "scale": {"domain": labels}, "axis": {"labelLimit": 230, "labelFontSize": 11}}
    color = {"field": "verdict", "type": "nominal",
             "scale": {"domain": statuses, "range": colors}}
    tips = _tooltip([("tip_target", "目标"), ("tip_target_value", "目标值"),
                     ("tip_verdict", "核对结果"), ("tip_outcome", "实际值"),
                     ("tip_ratio", "实际值 ÷ 目标值"), ("tip_basis", "判定依据"),
                     ("tip_outcome_source", "结果来源")], lang)
    x_scale = {"domain": [0, xmax], "nice": False}
    layers = [
        _legend_toggle("verdict", statuses, colors, symbol="square"),
        {"transform": [_only_shown(), {"filter": "datum.bar"}],
         "mark": {"type": "bar", "height": {"band": 0.7}, "strokeWidth": 1.4},
         "encoding": {
             "y": y, "x": {"field": "shown", "type": "quantitative", "title": tr(xlabel, lang),
                           "scale": x_scale, "axis": {"format": ".0%"}},
             "color": color, "stroke": color,
             "fillOpacity": {"condition": {"test": "datum.open", "value": 0.12}, "value": 1},
             "strokeDash": {"condition": {"test": "datum.provisional", "value": [4, 2]},
                            "value": [1, 0]},
             "tooltip": tips}},
        {"transform": [_only_shown(), {"filter": "!datum.bar"}],
         "mark": {"type": "point", "shape": "square", "filled": True, "size": 60},
         "encoding": {"y": y, "x": {"datum": 0.03, "type": "quantitative", "scale": x_scale},
                      "color": color, "tooltip": tips}},
        {"transform": [_only_shown()],
         "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 10.5, "color": "#444444"},
         "encoding": {"y": y, "x": {"field": "text_at", "type": "quantitative", "scale": x_scale},
                      "text": {"field": "text"}, "tooltip": tips}},
        {"data": {"values": [{"one": 1}]},
         "mark": {"type": "rule", "strokeDash": [5, 3], "color": "#333333"},
         "encoding": {"x": {"field": "one", "type": "quantitative", "scale": x_scale}}},
    ]
    spec = _base(lang, tr(xlabel, lang), height=None)
    # a fixed height (not a step): a width that fits the page needs a continuous height
    spec.update({"data": {"values": marks}, "layer": layers, "height": 26 * len(marks)})
    return spec


def stacked_spec(rows: list[dict], *, plans: list[str], xlabel: str, lang: str = "zh") -> dict:
    """One bar per plan split by verdict; ``rows``: plan, verdict (words), count, tooltip."""
    statuses = [verdict_words(s, lang) for s in STATUS_ORDER]
    colors = [STATUS_COLORS[s] for s in STATUS_ORDER]
    color = {"field": "verdict", "type": "nominal",
             "scale": {"domain": statuses, "range": colors}, "sort": statuses}
    y = {"field": "plan", "type": "nominal", "sort": plans, "title": None,
         "scale": {"domain": plans}, "axis": {"labelLimit": 200}}
    order = {"field": "order", "type": "quantitative"}
    tips = _tooltip([("plan", "计划"), ("verdict", "核对结果"), ("tip_count", "条数"),
                     ("tip_share", "占该计划的比例")], lang)
    layers = [
        _legend_toggle("verdict", statuses, colors, symbol="square"),
        {"transform": [_only_shown()],
         "mark": {"type": "bar", "height": {"band": 0.65}, "strokeWidth": 1.4},
         "encoding": {"y": y, "x": {"field": "count", "type": "quantitative", "stack": "zero",
                                    "title": tr(xlabel, lang)},
                      # a provisional part: white with a dashed outline, as in the static chart
                      "color": color, "stroke": {**color, "legend": None},
                      "fill": {"condition": {"test": "datum.provisional", "value": "white"}, **color,
                               "legend": None},
                      "strokeDash": {"condition": {"test": "datum.provisional", "value": [4, 2]},
                                     "value": [1, 0]},
                      "order": order, "tooltip": tips}},
    ]
    spec = _base(lang, tr(xlabel, lang), height=None)
    spec.update({"data": {"values": rows}, "layer": layers, "height": 34 * len(plans)})
    return spec


# ---------------------------------------------------------------- each year's target

def panel_spec(panel: pd.DataFrame, *, places: list[str], ylabel: str, shock_year=None,
               shock_label=None, lang: str = "zh") -> dict:
    """Year by year and place by place (one panel each): the growth target (a band for a
    range, a dash for the rest, dashed for “左右”, “未设目标” where none was set), the
    first-release outcome (a dot coloured by the verdict, grey without a target in the
    archive, its shape the kind of figure, hollow for grade C), a cross for a later final
    figure; the line joins numbers only. ``panel``: :func:`planbook.analysis.panel.growth_panel`."""
    verdicts = [verdict_words(s, lang) for s in ("met", "close", "missed")] + [tr("存档中未见目标", lang)]
    colors = [STATUS_COLORS[s] for s in ("met", "close", "missed")] + ["#888888"]
    rows = []
    for place in places:
        sub = panel[panel["city"] == place].sort_values("year")
        run, previous = 0, None
        for _, r in sub.iterrows():
            has_outcome = pd.notna(r["first_value"])
            number = has_outcome and r["first_qualifier"] in ("=", "~")
            if not number or (previous is not None and r["year"] != previous + 1):
                run += 1
            previous = int(r["year"]) if number else None
            if not (r["target_found"] or has_outcome or r["no_target"]):
                continue
            status = r["status"] if r["target_found"] and r["status"] in ("met", "close", "missed") else None
            kind = "range" if r["comparator"] == "range" else ("about" if r["comparator"] == "~" else "level")
            target_words = (r["target"] if lang == "zh" else
                            r["target"].replace("左右", " (about)").replace("以上", " or more").replace("—", "–")) \
                if r["target_found"] else (tr("未设目标", lang) if r["no_target"] else tr("存档中未见目标", lang))
            year = int(r["year"])
            rows.append({
                "place": city_name(place, lang), "year": year, "year_lo": year - 0.34, "year_hi": year + 0.34,
                "target": float(r["target_value"]) if r["target_found"] else None,
                "target_high": float(r["target_high"]) if r["target_found"] and kind == "range" else None,
                "target_kind": kind if r["target_found"] else None, "no_target": bool(r["no_target"]),
                "outcome": float(r["first_value"]) if has_outcome else None,
                "final": float(r["final_value"]) if pd.notna(r.get("final_value")) else None,
                "on_line": bool(number), "segment": f"{place}-{run}",
                "verdict": verdict_words(status, lang) if status else tr("存档中未见目标", lang),
                "kind": (_kind_word(point_kind(r["first_qualifier"], r["first_status"]), lang)
                         if has_outcome else None),
                "hollow": r["first_grade"] == "C",
                "tip_city": city_name(place, lang), "tip_year": str(year), "tip_target": target_words,
                "tip_outcome": (quantity(r["first_value"], "%", lang)
                                + ("" if r["first_qualifier"] == "=" else
                                   pick(lang, "（", " (") + qualifier_words(r["first_qualifier"], lang)
                                   + pick(lang, "）", ")"))) if has_outcome else pick(lang, "本书存档中未见", "not in the archive"),
                "tip_vintage": vintage_words(r["first_status"], lang) if has_outcome else "—",
                "tip_final": (quantity(r["final_value"], "%", lang) + pick(lang, "（", " (")
                              + vintage_words(r["final_status"], lang) + pick(lang, "）", ")"))
                             if pd.notna(r.get("final_value")) else "—",
                "tip_verdict": (pick(lang, r["verdict"], verdict_words(status, lang)
                                     + (" (provisional)" if r.get("provisional") else ""))
                                if status else pick(lang, "无从核对", "cannot be checked")),
                "tip_target_source": source_words([r["target_source_id"]], lang) if r["target_found"] else "—",
                "tip_outcome_source": source_words([r["first_source_id"]], lang) if has_outcome else "—",
            })
    years = sorted(panel["year"].unique())
    x = {"field": "year", "type": "quantitative", "title": None,
         "scale": {"domain": [int(years[0]) - 0.6, int(years[-1]) + 0.6], "nice": False},
         "axis": {"format": "d", "values": [int(y) for y in years if y % 2 == 0], "grid": False}}
    y = {"type": "quantitative", "title": tr(ylabel, lang)}
    tips = _tooltip([("tip_city", "城市"), ("tip_year", "年份"), ("tip_target", "目标"),
                     ("tip_outcome", "实际增速"), ("tip_vintage", "数据版本"), ("tip_final", "最终数或修订数"),
                     ("tip_verdict", "核对结果"), ("tip_target_source", "目标来源"),
                     ("tip_outcome_source", "结果来源")], lang)
    color = {"field": "verdict", "type": "nominal", "scale": {"domain": verdicts, "range": colors}}
    kinds = [_kind_word(k, lang) for k, _, _ in MARKER_KINDS]
    shapes = {_kind_word(k, lang): shape for k, _, shape in MARKER_KINDS}
    layers = [
        _legend_toggle("verdict", verdicts, colors),
        {"transform": [{"filter": "datum.on_line"}],
         "mark": {"type": "line", "color": "#BBBBBB", "strokeWidth": 1},
         "encoding": {"x": x, "y": {**y, "field": "outcome"}, "detail": {"field": "segment"}}},
        {"transform": [{"filter": "datum.target_kind == 'range'"}],
         "mark": {"type": "rect", "fill": "#CCCCCC", "stroke": "#222222", "strokeWidth": 1},
         "encoding": {"x": {**x, "field": "year_lo"}, "x2": {"field": "year_hi"},
                      "y": {**y, "field": "target"}, "y2": {"field": "target_high"}, "tooltip": tips}},
        {"transform": [{"filter": "datum.target != null && datum.target_kind != 'range'"}],
         "mark": {"type": "tick", "orient": "horizontal", "color": "#222222", "thickness": 2.2, "size": 14},
         "encoding": {"x": x, "y": {**y, "field": "target"},
                      "strokeDash": {"condition": {"test": "datum.target_kind == 'about'", "value": [4, 2]},
                                     "value": [1, 0]},
                      "tooltip": tips}},
        {"transform": [{"filter": "datum.no_target"}],
         "mark": {"type": "text", "angle": 270, "align": "left", "baseline": "middle", "fontSize": 10,
                  "color": "#444444", "dy": 0},
         "encoding": {"x": x, "y": {"value": 225}, "text": {"value": tr("未设目标", lang)},
                      "tooltip": tips}},
        {"transform": [{"filter": "datum.outcome != null"}, _only_shown()],
         "mark": {"type": "point", "filled": True, "size": 60, "strokeWidth": 1.5, "opacity": 1},
         "encoding": {"x": x, "y": {**y, "field": "outcome"}, "stroke": color,
                      "fill": {"condition": {"test": "datum.hollow", "value": "white"}, **color},
                      "shape": {"field": "kind", "type": "nominal", "legend": None,
                                "scale": {"domain": kinds, "range": [shapes[k] for k in kinds]}},
                      "tooltip": tips}},
        {"transform": [{"filter": "datum.final != null"}],
         "mark": {"type": "point", "shape": "cross", "size": 30, "color": "#222222", "filled": True,
                  "xOffset": 6},
         "encoding": {"x": x, "y": {**y, "field": "final"}, "tooltip": tips}},
    ]
    if shock_year is not None:
        layers.append({"data": {"values": [{"year": int(shock_year), "label": shock_label or ""}]},
                       "mark": {"type": "rule", "strokeDash": [2, 3], "color": "#777777"},
                       "encoding": {"x": {"field": "year", "type": "quantitative"}}})
    spec = _base(lang, tr(ylabel, lang), height=None, width=None)
    spec.update({
        "data": {"values": rows},
        "facet": {"field": "place", "type": "nominal", "title": None,
                  "sort": [city_name(c, lang) for c in places]},
        "columns": len(places),
        "spec": {"width": 150, "height": 230, "layer": layers},
        "resolve": {"scale": {"y": "shared"}},
    })
    return spec


# ---------------------------------------------------------------- bars and cells

def bars_spec(rows: list[dict], *, categories: list[str], groups: list[str], colors: list[str],
              value_title: str, horizontal: bool, lang: str = "zh",
              tips: list[tuple[str, str]], stacked_groups: bool = False) -> dict:
    """Bars of ``value`` by ``category``, one per ``group`` side by side (or, with
    ``stacked_groups``, one bar per category coloured by its group); ``muted`` rows
    are drawn as outlines. Rows carry their own tooltip keys."""
    cat_axis = {"field": "category", "type": "nominal", "sort": categories, "title": None,
                "scale": {"domain": categories},
                "axis": {"labelLimit": 230} if horizontal else {"labelAngle": 0,
                                                                 "labelExpr": WRAP_AT_SPACES}}
    val_axis = {"field": "value", "type": "quantitative", "title": tr(value_title, lang)}
    color = {"field": "group", "type": "nominal",
             "scale": {"domain": groups, "range": colors}}
    # outlined: a muted row (a rate too rare to read, a grade-C figure); light: a row
    # marked ``light`` (a target beside outcomes; dashed outlines mean provisional elsewhere)
    encoding = {"color": color, "stroke": color,
                "fillOpacity": {"condition": [{"test": "datum.muted", "value": 0.1},
                                              {"test": "datum.light", "value": 0.3}], "value": 1},
                "tooltip": _tooltip(tips, lang)}
    encoding.update({"y": cat_axis, "x": val_axis} if horizontal else {"x": cat_axis, "y": val_axis})
    side_by_side = not stacked_groups and len(groups) > 1
    if side_by_side:
        offset = {"field": "group", "type": "nominal", "sort": groups, "scale": {"domain": groups}}
        encoding["yOffset" if horizontal else "xOffset"] = offset
    layers = [_legend_toggle("group", groups, colors, symbol="square"),
              {"transform": [_only_shown()],
               "mark": {"type": "bar", "strokeWidth": 1.2,
                        **({"height": {"band": 0.8}} if horizontal else {"width": {"band": 0.6}})},
               "encoding": encoding}]
    spec = _base(lang, tr(value_title, lang), height=None)
    bars_per_category = len(groups) if side_by_side else 1
    spec.update({"data": {"values": rows}, "layer": layers,
                 "height": (len(categories) * (bars_per_category * 10 + 8)) if horizontal else 300})
    return spec


def cells_spec(rows: list[dict], *, row_order: list[str], column_order: list[str],
               value_title: str, lang: str = "zh", tips: list[tuple[str, str]]) -> dict:
    """A grid of cells coloured by ``value`` with the value written in each; ``muted``
    cells stay white and their value is bracketed (as in the static heatmap)."""
    x = {"field": "column", "type": "nominal", "sort": column_order, "title": None,
         # below the grid: a label on several lines grows downwards, away from the cells
         "axis": {"orient": "bottom", "labelAngle": 0, "labelExpr": WRAP_AT_SPACES,
                  "labelLimit": {"expr": "bandwidth('x') - 2"}}}  # no label runs into the next
    y = {"field": "row", "type": "nominal", "sort": row_order, "title": None}
    top = max([r["value"] for r in rows if not r["muted"]] or [1])
    spec = _base(lang, tr(value_title, lang), height=None)
    spec.update({
        "data": {"values": rows}, "height": 24 * len(row_order),
        "layer": [
            {"mark": {"type": "rect", "stroke": "#ffffff"},
             "encoding": {"x": x, "y": y,
                          "color": {"condition": {"test": "datum.muted", "value": "#ffffff"},
                                    "field": "value", "type": "quantitative",
                                    "scale": {"scheme": "blues", "domain": [0, top]},
                                    "legend": {"title": tr(value_title, lang), "orient": "bottom",
                                               "direction": "horizontal"}},
                          "tooltip": _tooltip(tips, lang)}},
            {"mark": {"type": "text", "fontSize": 10.5},
             "encoding": {"x": x, "y": y, "text": {"field": "text"},
                          "color": {"condition": {"test": f"!datum.muted && datum.value > {0.6 * top}",
                                                  "value": "white"}, "value": "#222222"},
                          "tooltip": _tooltip(tips, lang)}},
        ]})
    return spec
