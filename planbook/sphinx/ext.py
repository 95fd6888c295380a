"""Sphinx extension: stable downloads, the figure gallery and the version footer.

* Every figure (a MyST figure whose label starts with ``fig-``) gets a line of
  download links under it — PNG, SVG, PDF, the plotted data as CSV, the English
  versions, the interactive chart's Vega-Lite spec — and a link to its citation in
  the gallery; a figure with an interactive version also gets its views
  (:mod:`planbook.sphinx.interactive`). The files live at
  ``figures/<label>.<ext>`` at the site root (written by
  :func:`planbook.charts.figures.save_figure`), so their addresses depend only on the
  label, unlike Sphinx's hashed ``_downloads/`` paths.
* ``{figure-gallery}`` renders every figure of the book with its number,
  caption, chapter, downloads and ready citations (GB/T 7714, BibTeX, APA).
* ``{data-downloads}`` lists the data package's files and a zip of them, which
  this extension publishes at ``dataset/`` at the site root.
* The book's version (from CITATION.cff, the one place it is kept) is shown in
  the footer and used as Sphinx's version.
"""

from __future__ import annotations

import csv
import html
import io
import json
import shutil
import zipfile
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from planbook.sphinx.cjk import join_text, setup_transform
from planbook.publish.citation import (FigureRef, figure_apa, figure_bibtex, figure_gbt7714, figure_url,
                       load_book)
from planbook.base.files import write_atomically
from planbook.base.paths import (DATA_DIR, FIGURE_CHECK_DIR, FIGURE_EXPORT_DIR, INTERACTIVE_SUFFIX,
                                  REPO_ROOT, SITE_EXTRA_DIR)
from planbook.sphinx.icons import ICONS_CSS, strip_fontawesome, write_icon_css
from planbook.sphinx.interactive import (VENDOR_DIR, add_scripts_where_needed, publish_scripts,
                                         spec_path)
from planbook.sphinx.interactive import views_html as interactive_views

DATA_ZIP = "xuzhou-suzhou-plans-data.zip"
FIGURE_FORMATS = ("png", "svg", "pdf")
GALLERY_DOC = "book/gallery"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)   # fixed, so the zip is byte-identical across builds


# ---------------------------------------------------------------- data downloads

def data_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """The files of the data package, in a fixed order: descriptor, tables, archives."""
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    tables = [data_dir / r["path"] for r in package["resources"]]
    archives = sorted((data_dir / "sources").glob("*"))
    return [data_dir / "datapackage.json", *tables, *archives]


def data_zip_bytes(data_dir: Path = DATA_DIR) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in data_files(data_dir):
            info = zipfile.ZipInfo(f"data/{path.relative_to(data_dir).as_posix()}", _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


# Published at the site root under this name. Not "data": Sphinx applies
# exclude_patterns (which keep the repository's data/ out of the sources) to
# the extra files too.
SITE_DATA_DIR = "dataset"


def publish_data(data_dir: Path = DATA_DIR, out_dir: Path = SITE_EXTRA_DIR / SITE_DATA_DIR) -> None:
    """Copy the data package to the site (``dataset/``) with a zip of all of it."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    for path in data_files(data_dir):
        write_atomically(out_dir / path.relative_to(data_dir), path.read_bytes())
    write_atomically(out_dir / DATA_ZIP, data_zip_bytes(data_dir))


# Icons browsers request from the site root whatever the page says (the favicon
# for non-HTML files, the touch icon on phones): published there, so no 404.
ROOT_ICONS = ("favicon.ico", "apple-touch-icon.png")


def publish_root_icons(static_dir: Path = REPO_ROOT / "_static", out_dir: Path = SITE_EXTRA_DIR) -> None:
    for name in ROOT_ICONS:
        write_atomically(out_dir / name, (static_dir / name).read_bytes())


# ---------------------------------------------------------------- figures

def figure_links(label: str, rel: str, exists=lambda p: True) -> str:
    """HTML of the download links of one figure; ``rel`` leads to the site root."""
    links = [f'<a href="{rel}figures/{label}.{ext}" download>{ext.upper()}</a>'
             for ext in FIGURE_FORMATS]
    links.append(f'<a href="{rel}figures/{label}.csv" download>CSV（所绘数据）</a>')
    english = [f'<a href="{rel}figures/{label}.en.{ext}" download>{ext.upper()}</a>'
               for ext in FIGURE_FORMATS if exists(FIGURE_EXPORT_DIR / f"{label}.en.{ext}")]
    if exists(spec_path(label)):
        links.append(f'<a href="{rel}figures/{label}.{INTERACTIVE_SUFFIX}" download>Vega-Lite（交互图）</a>')
        if exists(FIGURE_EXPORT_DIR / f"{label}.en.{INTERACTIVE_SUFFIX}"):
            english.append(f'<a href="{rel}figures/{label}.en.{INTERACTIVE_SUFFIX}" download>Vega-Lite</a>')
    parts = "下载：" + " · ".join(links)
    if english:
        parts += "；English：" + " · ".join(english)
    return parts


def figure_sources(label: str, sources: dict[str, dict]) -> tuple[str, ...]:
    """Titles of the original sources named in the figure's data file."""
    path = FIGURE_EXPORT_DIR / f"{label}.csv"
    if not path.is_file():
        return ()
    ids: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for column in ("source_id", "source_ids"):
                for sid in (row.get(column) or "").split(";"):
                    if sid and sid not in ids:
                        ids.append(sid)
    return tuple(f"{sources[s]['title']}（{sources[s]['issuer']}，{sources[s]['grade']}级）"
                 if s in sources else s for s in ids)


def _figure_label(figure: nodes.figure) -> str | None:
    return next((i for i in figure["ids"] if i.startswith("fig-")), None)


def collect_figures(app, env) -> list[str]:
    """After reading: every labelled figure of the book, in reading order of the TOC."""
    order = [env.config.root_doc] + [d for d in _toc_order(env) if d != env.config.root_doc]
    found = []
    for docname in order:
        if docname not in env.found_docs:
            continue
        doctree = env.get_doctree(docname)
        for figure in doctree.findall(nodes.figure):
            label = _figure_label(figure)
            if label is None:
                continue
            caption = figure.next_node(nodes.caption)
            # the caption as read, before the post-transform joins its wrapped lines
            text = join_text(caption.astext())[0] if caption else label
            found.append({"label": label, "docname": docname, "caption": text})
    env.planbook_figures = found
    return []


def _toc_order(env) -> list[str]:
    seen, order = set(), []

    def walk(doc):
        if doc in seen:
            return
        seen.add(doc)
        order.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)
    walk(env.config.root_doc)
    return order


def _title(caption: str) -> str:
    return caption.split("。")[0].strip().rstrip("：:")


def _number(env, docname: str, label: str) -> str | None:
    number = env.toc_fignumbers.get(docname, {}).get("figure", {}).get(label)
    return ".".join(map(str, number)) if number else None


class gallery_placeholder(nodes.General, nodes.Element):
    pass


class FigureGallery(SphinxDirective):
    def run(self):
        return [gallery_placeholder()]


class DataDownloads(SphinxDirective):
    def run(self):
        rel = "../" * self.env.docname.count("/")
        items = [f'<li><a href="{rel}{SITE_DATA_DIR}/{DATA_ZIP}" download>全部数据（zip：数据表、datapackage.json、存档原文）</a></li>']
        for path in data_files():
            name = path.relative_to(DATA_DIR).as_posix()
            if name.startswith("sources/"):
                continue
            items.append(f'<li><a href="{rel}{SITE_DATA_DIR}/{name}" download>{html.escape(name)}</a></li>')
        items.append(f'<li>存档原文：<code>{SITE_DATA_DIR}/sources/&lt;source_id&gt;.txt</code>'
                     "（每份资料一份，见资料来源表）</li>")
        return [nodes.raw("", "<ul class=\"pb-data-downloads\">" + "".join(items) + "</ul>",
                          format="html")]


class PdfEdition(SphinxDirective):
    """The line that links the PDF edition, with its size (filled in again by
    planbook.publish.pdfbuild once the PDF is printed, since that happens after the site)."""

    def run(self):
        from planbook.publish.pdfedition import PDF_NAME, PDF_URL_PATH, SIZE_CLASS, can_build, pdf_size_text

        if can_build():
            rel = "../" * self.env.docname.count("/")
            body = (f'全书PDF版：<a href="{rel}{PDF_URL_PATH}" download>{PDF_NAME}</a>'
                    f'（<span class="{SIZE_CLASS}">{html.escape(pdf_size_text())}</span>；'
                    "A4，有目录、页码与全部图表，可离线阅读、标注和按页引用）")
        else:
            body = "PDF版由make pdf在装有Chromium的机器上生成；本次构建的机器没有Chromium，因此没有生成。"
        return [nodes.raw("", f'<p class="pb-pdf-edition">{body}</p>', format="html")]


def _gallery_html(app, env, rel: str) -> str:
    book = load_book()
    with (DATA_DIR / "sources.csv").open(encoding="utf-8", newline="") as handle:
        sources = {r["source_id"]: r for r in csv.DictReader(handle)}
    parts = []
    for fig in getattr(env, "planbook_figures", []):
        number = _number(env, fig["docname"], fig["label"])
        ref = FigureRef(label=fig["label"], title=_title(fig["caption"]), docname=fig["docname"],
                        number=number, sources=figure_sources(fig["label"], sources))
        chapter = env.titles[fig["docname"]].astext()
        page = f'{rel}{fig["docname"]}.html#{fig["label"]}'
        e = html.escape
        parts.append(f"""
<section class="pb-gallery-item" id="cite-{fig['label']}">
<h3>图{e(number or '')}　{e(ref.title)}</h3>
<a href="{page}"><img src="{rel}figures/{fig['label']}.thumb.png" alt="{e(ref.title)}"
 style="max-width:100%;width:360px;border:1px solid #ddd"></a>
<p>{e(fig['caption'])}</p>
<p>所在章节：<a href="{page}">{e(chapter)}</a>　稳定标签：<code>{fig['label']}</code></p>
<p>{figure_links(fig['label'], rel, exists=lambda p: p.exists())}</p>
<p>稳定地址：<code>{e(figure_url(book, ref))}</code></p>
<details><summary>如何引用这张图</summary>
<p>GB/T 7714-2015</p><pre class="pb-cite-gbt">{e(figure_gbt7714(book, ref))}</pre>
<p>BibTeX</p><pre class="pb-cite-bibtex">{e(figure_bibtex(book, ref))}</pre>
<p>APA</p><pre class="pb-cite-apa">{e(figure_apa(book, ref))}</pre>
</details>
</section>""")
    return "\n".join(parts)


def on_doctree_resolved(app, doctree, docname):
    if app.builder.format != "html":
        return
    rel = "../" * docname.count("/")
    for figure in list(doctree.findall(nodes.figure)):
        label = _figure_label(figure)
        if label is None:
            continue
        line = (f'<p class="pb-figure-downloads">{figure_links(label, rel, lambda p: p.exists())}'
                f' · <a href="{rel}{GALLERY_DOC}.html#cite-{label}">如何引用</a></p>')
        parent = figure.parent
        parent.insert(parent.index(figure) + 1, nodes.raw("", line, format="html"))
        views = interactive_views(label, rel=rel)
        if views:  # above the static image, inside the figure: the caption stays below both
            figure.insert(0, nodes.raw("", views, format="html"))
    for placeholder in list(doctree.findall(gallery_placeholder)):
        placeholder.replace_self(nodes.raw("", _gallery_html(app, app.env, rel), format="html"))


def remove_retired_files(site_dir: Path, labels: set[str], extra_dir: Path = SITE_EXTRA_DIR) -> list[Path]:
    """Files of the built site that the book no longer publishes: figure files whose
    label is gone, and data files no longer in the data package. Sphinx copies the
    extra files over the old site but never deletes, so without this a retired file
    stays published until ``make clean``. Returns the removed paths."""
    removed = []
    if labels:
        for folder in (FIGURE_EXPORT_DIR, FIGURE_CHECK_DIR, site_dir / "figures"):
            removed += [p for p in folder.glob("fig-*.*") if p.name.split(".")[0] not in labels]
    published = site_dir / SITE_DATA_DIR
    if published.is_dir():
        removed += [p for p in published.rglob("*")
                    if p.is_file() and not (extra_dir / p.relative_to(site_dir)).is_file()]
    for path in removed:
        path.unlink()
    return removed


def on_build_finished(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    remove_retired_files(Path(app.outdir), {f["label"] for f in getattr(app.env, "planbook_figures", [])})
    strip_fontawesome(Path(app.outdir))  # its icons come from _static/icons.css


def drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    """Each script once per page. Inline scripts registered before the builder exists
    come back a second time with the file name "" instead of None, so sphinx-thebe's
    configuration (part of jupyter-book) was on every page twice and its second copy
    redeclared its ``const`` names: an uncaught SyntaxError on every page."""
    unique, seen = [], set()
    for script in context.get("script_files", []):
        key = (str(getattr(script, "filename", script) or ""),  # None and "" are both inline
               tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"][:] = unique  # in place: later handlers append to this list


def create_execution_cache(app):
    """Create myst-nb's execution cache before a parallel read. Otherwise two
    worker processes executing their first notebooks both find no database and
    both create its tables, and one fails ("table nbcache already exists")."""
    config = getattr(app.env, "mystnb_config", None)
    if config is None or config.execution_mode != "cache" or app.parallel <= 1:
        return
    from jupyter_cache.cache.db import create_db

    path = Path(config.execution_cache_path)
    path.mkdir(parents=True, exist_ok=True)
    create_db(path).dispose()


def on_config_inited(app, config):
    book = load_book()
    config.version = config.release = book.version
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = (f"<p>版本 {html.escape(book.version)}（{html.escape(book.released)} 发布）"
                               "· 引用方式见“如何引用本书”一页。</p>")
    config.html_theme_options = options
    (SITE_EXTRA_DIR / "figures").mkdir(parents=True, exist_ok=True)
    # the interactive figures' library and page script, and the theme's icons as a
    # stylesheet (instead of Font Awesome's script), published in _static/
    publish_scripts()
    write_icon_css(VENDOR_DIR)
    config.html_static_path = [*config.html_static_path, str(VENDOR_DIR)]
    publish_data()
    publish_root_icons()
    # figures exported during execution and the data set are published at the site root
    config.html_extra_path = [*config.html_extra_path, str(SITE_EXTRA_DIR)]
    # the book's versions of theme components (the author line without a stray space)
    config.templates_path = [str(Path(__file__).parent / "templates"), *config.templates_path]


def setup(app):
    setup_transform(app)  # no stray space where Chinese prose was wrapped in the source
    app.add_node(gallery_placeholder)
    app.add_directive("figure-gallery", FigureGallery)
    app.add_directive("data-downloads", DataDownloads)
    app.add_directive("pdf-edition", PdfEdition)
    app.add_css_file(ICONS_CSS)
    # before Sphinx validates html_extra_path (which must exist) at priority 800
    app.connect("config-inited", on_config_inited, priority=100)
    # after myst-nb has resolved the cache path in its own builder-inited handler
    app.connect("builder-inited", create_execution_cache, priority=900)
    app.connect("env-updated", collect_figures)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("html-page-context", add_scripts_where_needed, priority=100)
    app.connect("html-page-context", drop_duplicate_scripts, priority=999)
    app.connect("build-finished", on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
