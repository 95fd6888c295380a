"""The interactive figures on the site: the library once per page, each chart in
place of its static image, one click from it and from its data.

For every figure whose ``figures/<label>.vl.json`` exists (written by
:func:`planbook.charts.figures.export_figure`), the figure gets three views, as tabs
above its caption: 交互图 (the Vega-Lite chart, shown first), 静态图 (the PNG, the
figure of record that the caption, downloads, citation and PDF refer to) and 数据表
(the rows of ``figures/<label>.csv``, the file offered for download).

The Vega-Lite spec (the download) is compiled here, at build time, by vl-convert-python
(a pinned requirement) into a Vega spec that is inlined in the page: the page works
offline and from a file, and the browser only draws it. Vega with vega-embed,
bundled by vl-convert-python, is written once to ``_static/vega-bundle.js`` (again only
when the pinned versions change) and loaded, with ``static/interactive-figures.js``
(tabs, tooltips), only by pages that have an interactive figure. Without JavaScript,
and in print, only the static figure shows. Every id on the page derives from
the figure label (``pb-<view>-<label>``: ids that begin ``fig-`` are the figures' own),
so two builds give the same HTML.
"""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path

from planbook.base.files import write_atomically
from planbook.base.paths import BUILD_DIR, FIGURE_EXPORT_DIR, INTERACTIVE_SUFFIX, VEGA_LITE_VERSION

VENDOR_DIR = BUILD_DIR / "vendor-static"   # added to html_static_path: published as _static/
BUNDLE_NAME = "vega-bundle.js"
# Not in the repository's _static/: jupyter-book adds every script there to every page.
PAGE_SCRIPT = "interactive-figures.js"
PAGE_SCRIPT_SOURCE = Path(__file__).parent / "static" / PAGE_SCRIPT
VIEWS_CLASS = "pb-figure-views"
VIEWS = (("interactive", "交互图"), ("static", "静态图"), ("table", "数据表"))


def bundle_header() -> str:
    import vl_convert

    return (f"/*! Vega {vl_convert.get_vega_version()}, vega-embed {vl_convert.get_vega_embed_version()} "
            f"and Vega-Lite {VEGA_LITE_VERSION} (BSD-3-Clause licences), bundled by "
            f"vl-convert-python {getattr(vl_convert, '__version__', '')} for planbook's "
            "interactive figures. */\n")


def write_bundle(out_dir: Path = VENDOR_DIR) -> Path:
    """Vega with vega-embed as one classic script that defines ``window.vegaEmbed``;
    rewritten only when the pinned versions change. (vl-convert bundles Vega only
    through vega-embed: its ``vega`` name comes out empty.) Wrapped in a function so
    its top-level names stay out of the page's."""
    import vl_convert

    path = out_dir / BUNDLE_NAME
    header = bundle_header()
    if path.is_file() and path.read_text(encoding="utf-8").startswith(header):
        return path
    code = vl_convert.javascript_bundle("window.vegaEmbed = vegaEmbed;", vl_version=VEGA_LITE_VERSION)
    write_atomically(path, (header + "(function () {\n" + code + "\n})();\n").encode("utf-8"))
    return path


def publish_scripts(out_dir: Path = VENDOR_DIR) -> None:
    """The library bundle and the page script, into the folder published as _static/."""
    write_bundle(out_dir)
    write_atomically(out_dir / PAGE_SCRIPT, PAGE_SCRIPT_SOURCE.read_bytes())


def spec_path(label: str, export_dir: Path = FIGURE_EXPORT_DIR) -> Path:
    return export_dir / f"{label}.{INTERACTIVE_SUFFIX}"


def _inline_json(text: str) -> str:
    """JSON that cannot end its <script> element early."""
    return text.replace("</", "<\\/").replace("<!--", "<\\u0021--")


COMPILED_DIR = BUILD_DIR / "vega-compiled"   # compiled specs by content, for rebuilds


def compiled(spec: dict, label: str = "", cache_dir: Path | None = COMPILED_DIR) -> str:
    """The Vega spec of a Vega-Lite spec, as stable JSON (the pinned compiler, sorted
    keys). A spec that does not compile stops the build with the figure's label, so a
    broken chart never reaches a page as an empty box. Results are kept by the hash of
    the spec and the Vega-Lite version, so a rebuild does not start the compiler again."""
    import hashlib

    import vl_convert

    key = hashlib.sha256((VEGA_LITE_VERSION + json.dumps(spec, sort_keys=True, ensure_ascii=False))
                         .encode("utf-8")).hexdigest()
    cached = cache_dir / f"{key}.json" if cache_dir is not None else None
    if cached is not None and cached.is_file():
        return cached.read_text(encoding="utf-8")
    try:
        vega = vl_convert.vegalite_to_vega(spec, vl_version=VEGA_LITE_VERSION)
    except Exception as error:  # vl-convert raises ValueError with Vega-Lite's message
        raise ValueError(f"{label or 'a figure'}: the interactive chart does not compile: {error}") from None
    text = json.dumps(vega, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if cached is not None:
        write_atomically(cached, text.encode("utf-8"))
    return text


NARROW_BELOW_PX = 560      # a column narrower than this (a phone) gets the narrow variant
NARROW_LABEL_PX = 110      # row labels are cut here on a phone (the tooltip gives them whole)


def narrow_variant(spec: dict) -> dict | None:
    """The same chart for a phone's column: panels side by side (a facet) one under
    another, legends in rows of at most two entries, long row labels cut shorter.
    None when nothing would change."""

    def narrow(node):
        if isinstance(node, dict):
            out = {k: narrow(v) for k, v in node.items()}
            legend = out.get("legend")
            if isinstance(legend, dict) and legend.get("columns", 0) > 2:
                out["legend"] = {**legend, "columns": 2}
            axis = out.get("axis")
            limit = axis.get("labelLimit") if isinstance(axis, dict) else None
            if isinstance(limit, (int, float)) and limit > NARROW_LABEL_PX:  # not an expression
                out["axis"] = {**axis, "labelLimit": NARROW_LABEL_PX}
            return out
        if isinstance(node, list):
            return [narrow(v) for v in node]
        return node

    variant = narrow(spec)
    if "facet" in variant and variant.get("columns", 1) > 1:
        variant["columns"] = 1
    return None if variant == spec else variant


def narrow_below(spec: dict) -> int:
    """The column width (px) under which a page shows the narrow variant."""
    if "facet" in spec and spec.get("columns", 1) > 1:
        return max(NARROW_BELOW_PX, spec["spec"]["width"] * spec["columns"] + 80)  # + the y axis
    return NARROW_BELOW_PX


def data_table_html(label: str, export_dir: Path = FIGURE_EXPORT_DIR, rel: str = "") -> str:
    """The rows of ``<label>.csv`` as an HTML table; a column with the same value in
    every row (a unit, the list of sources) is written once under the table."""
    path = export_dir / f"{label}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    constant = [i for i in range(len(header)) if len(rows) > 1 and len({r[i] for r in rows}) == 1]
    shown = [i for i in range(len(header)) if i not in constant]
    e = html.escape
    head = "".join(f"<th>{e(header[i])}</th>" for i in shown)
    body = "".join("<tr>" + "".join(f"<td>{e(r[i])}</td>" for i in shown) + "</tr>" for r in rows)
    notes = "".join(f"<li><code>{e(header[i])}</code>：{e(rows[0][i])}</li>" for i in constant)
    return (f'<p class="pb-view-note">共{len(rows)}行，即<a href="{rel}figures/{label}.csv" download>'
            f"{label}.csv</a>的全部内容（与下载的文件相同）。</p>"
            f'<div class="pb-view-scroll"><table class="table pb-figure-data"><thead><tr>{head}</tr>'
            f"</thead><tbody>{body}</tbody></table></div>"
            + (f'<p class="pb-view-note">每一行都相同的列：</p><ul class="pb-view-note">{notes}</ul>'
               if notes else ""))


def views_html(label: str, export_dir: Path = FIGURE_EXPORT_DIR, rel: str = "") -> str | None:
    """The tabs, the interactive chart's box with its spec, and the data table of one
    figure; None when the figure has no interactive version."""
    path = spec_path(label, export_dir)
    if not path.is_file():
        return None
    spec = json.loads(path.read_text(encoding="utf-8"))
    narrow = narrow_variant(spec)
    scripts = f'<script type="application/json" id="pb-spec-{label}">{_inline_json(compiled(spec, label))}</script>'
    if narrow is not None:
        scripts += (f'<script type="application/json" id="pb-spec-narrow-{label}" '
                    f'data-below="{narrow_below(spec)}">{_inline_json(compiled(narrow, label))}</script>')
    tabs = "".join(
        f'<button type="button" role="tab" id="pb-tab-{key}-{label}" data-view="{key}" '
        f'aria-controls="pb-{key}-{label}" aria-selected="{str(key == "interactive").lower()}">{name}</button>'
        for key, name in VIEWS)
    return (f'<div class="{VIEWS_CLASS}" id="pb-views-{label}" data-figure="{label}" hidden>'
            f'<div class="pb-view-tabs" role="tablist" aria-label="图的视图">{tabs}</div>'
            f'<div class="pb-view-interactive" id="pb-interactive-{label}" role="tabpanel" '
            f'aria-labelledby="pb-tab-interactive-{label}"></div>'
            f'<div class="pb-view-table" id="pb-table-{label}" role="tabpanel" '
            f'aria-labelledby="pb-tab-table-{label}" hidden>{data_table_html(label, export_dir, rel)}</div>'
            f"{scripts}</div>")


def add_scripts_where_needed(app, pagename, templatename, context, doctree):
    """Only pages with an interactive figure load the library (once) and the page
    script, at the end of the page's body. (``app.add_js_file`` here would also
    register them for every page written after this one.)"""
    body = context.get("body", "")
    if f'class="{VIEWS_CLASS}"' in body:
        pathto = context["pathto"]
        context["body"] = body + "".join(f'<script src="{pathto("_static/" + name, 1)}"></script>'
                                         for name in (BUNDLE_NAME, PAGE_SCRIPT))
