"""Stable, deterministic figure files.

Every chart of the book is written by :func:`save_figure` to
``<outdir>/<label>.png|.svg|.pdf`` (and ``<label>.csv`` with the plotted data).
The paths depend only on the label and the bytes only on the figure: no dates,
no software stamps, a fixed SVG hash salt. Each file is written to a temporary
name first and moved into place, so a failure never leaves a half-written file.
"""

from __future__ import annotations

import io
import json
import re
from contextlib import contextmanager
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from planbook.base.files import write_atomically
from planbook.base.paths import FIGURE_CHECK_DIR, FIGURE_EXPORT_DIR, INTERACTIVE_SUFFIX
from planbook.charts import interactive
from planbook.charts.style import SVG_HASHSALT

LABEL_PATTERN = re.compile(r"^fig-[a-z0-9]+(?:-[a-z0-9]+)*$")

# Metadata keys set to None are omitted by matplotlib's writers.
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}
FORMATS = ("png", "svg", "pdf")


def check_label(label: str) -> str:
    """A figure label is the MyST name of the figure, e.g. ``fig-cluster-targets``."""
    if not LABEL_PATTERN.match(label):
        raise ValueError(
            f"figure label {label!r} must look like 'fig-some-name' "
            "(lower-case ascii letters, digits and single hyphens)"
        )
    return label


# The gallery shows small previews, so its page stays light.
THUMBNAIL_WIDTH = 360


def render(fig: Figure, fmt: str, dpi: float | None = None) -> bytes:
    """The bytes of ``fig`` in ``fmt``, free of timestamps and software stamps."""
    if fmt not in _METADATA:
        raise ValueError(f"unknown figure format {fmt!r}; expected one of {FORMATS}")
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT}):
        fig.savefig(buffer, format=fmt, metadata=_METADATA[fmt],
                    **({"dpi": dpi} if dpi else {}))
    return buffer.getvalue()


def save_figure(fig: Figure, label: str, data=None, outdir: Path | None = None,
                formats: tuple[str, ...] = FORMATS, suffix: str = "") -> dict[str, Path]:
    """Write ``fig`` (and the plotted ``data``, a DataFrame) as stable files
    ``<label><suffix>.<ext>``.

    Every format is rendered in memory first; files are written only when all
    renderings succeeded. Returns the written paths by extension.
    """
    check_label(label)
    if suffix not in ("", ".en"):
        raise ValueError(f"unknown figure suffix {suffix!r}")
    outdir = Path(outdir) if outdir is not None else FIGURE_EXPORT_DIR
    payloads = {fmt: render(fig, fmt) for fmt in formats}
    if data is not None:
        payloads["csv"] = data.to_csv(index=False, lineterminator="\n").encode("utf-8")
    written = {}
    for ext, payload in payloads.items():
        path = outdir / f"{label}{suffix}.{ext}"
        write_atomically(path, payload)
        written[ext] = path
    return written


def with_provenance(data, unit: str | None = None, source_ids=None):
    """The plotted data with the columns every figure's CSV must carry: its unit
    and the ids of its original sources (see data/sources.csv)."""
    data = data.copy()
    if "unit" not in data.columns and "单位" not in data.columns:
        if unit is None:
            raise ValueError("the plotted data has no unit column: pass unit=")
        data["unit"] = unit
    if "source_id" not in data.columns and "source_ids" not in data.columns:
        if not source_ids:
            raise ValueError("the plotted data has no source_id column: pass source_ids=")
        data["source_ids"] = ";".join(source_ids)
    return data


def text_in(fig: Figure) -> list[str]:
    """Every piece of text drawn in ``fig`` (after it has been rendered)."""
    from matplotlib.text import Text
    return [t.get_text() for t in fig.findobj(Text) if t.get_text() and t.get_visible()]


# ---------------------------------------------------------------- colliding text

# Two boxes that overlap by less than this (in pixels at the figure's dpi, in both
# directions) only touch: glyph boxes include the font's ascent and descent.
COLLISION_TOLERANCE_PX = 1.0


@contextmanager
def recording_drawn_text():
    """While active, every text matplotlib actually draws (tick labels of visible
    ticks, annotations, legend entries, titles …) is recorded with its box in
    display coordinates. Texts that exist but are not drawn (ticks outside the view)
    are not, which is why this watches drawing instead of listing the figure's texts.
    Boxes are axis-aligned: exact for horizontal and vertical text, larger than
    the glyphs for text at other angles (which may then be reported)."""
    from matplotlib.text import Text

    drawn: list[tuple[str, tuple[float, float, float, float]]] = []
    # savefig may draw twice (a first pass measures the tight bounding box): keep
    # each text's last drawing only
    last: dict[int, tuple[str, tuple[float, float, float, float]]] = {}
    original = Text.draw

    def draw(self, renderer):
        original(self, renderer)
        text = self.get_text()
        if self.get_visible() and text.strip():
            box = self.get_window_extent(renderer)
            last[id(self)] = (text, (box.x0, box.y0, box.x1, box.y1))

    Text.draw = draw
    try:
        yield drawn
    finally:
        Text.draw = original
        drawn.extend(last.values())


def collisions(drawn, tolerance: float = COLLISION_TOLERANCE_PX) -> list[tuple[str, str]]:
    """Pairs of drawn texts whose boxes overlap by more than ``tolerance`` pixels in
    both directions."""
    found = []
    for i, (text_a, (ax0, ay0, ax1, ay1)) in enumerate(drawn):
        for text_b, (bx0, by0, bx1, by1) in drawn[i + 1:]:
            overlap_x = min(ax1, bx1) - max(ax0, bx0)
            overlap_y = min(ay1, by1) - max(ay0, by0)
            if overlap_x > tolerance and overlap_y > tolerance:
                found.append((text_a, text_b))
    return found


def legend_covers_data(fig: Figure) -> list[str]:
    """The legends (of an axes or of the figure) whose box covers a data mark: a point of
    a line or a scatter, or a bar. Measured after the figure has been drawn; each hit
    is named by the legend's first entry and the mark's kind."""
    import numpy as np
    from matplotlib.collections import PathCollection
    from matplotlib.patches import Rectangle

    renderer = fig.canvas.get_renderer()
    legends = [(ax.get_legend(), [ax]) for ax in fig.axes if ax.get_legend() is not None]
    legends += [(legend, list(fig.axes)) for legend in fig.legends]
    found = []
    for legend, axes in legends:
        box = legend.get_window_extent(renderer)
        name = (legend.get_texts()[0].get_text() if legend.get_texts() else "legend")

        def inside(points) -> bool:
            points = np.asarray(points, dtype=float).reshape(-1, 2)
            points = points[np.isfinite(points).all(axis=1)]
            return bool(((points[:, 0] > box.x0) & (points[:, 0] < box.x1)
                         & (points[:, 1] > box.y0) & (points[:, 1] < box.y1)).any())
        for ax in axes:
            for line in ax.get_lines():
                xy = line.get_transform().transform(line.get_xydata()) if line.get_visible() else []
                if len(xy) > 1:   # points along each segment, so a line crossing the box counts
                    t = np.linspace(0, 1, 25)[:, None]
                    xy = np.concatenate([a + t * (b - a) for a, b in zip(xy[:-1], xy[1:])])
                if len(xy) and inside(xy):
                    found.append(f"{name}: line")
            for coll in ax.collections:
                if isinstance(coll, PathCollection) and coll.get_visible() and len(coll.get_offsets()):
                    if inside(coll.get_offset_transform().transform(coll.get_offsets())):
                        found.append(f"{name}: point")
            for patch in ax.patches:
                if isinstance(patch, Rectangle) and patch.get_visible() and patch.get_width() and patch.get_height():
                    b = patch.get_window_extent(renderer)
                    if min(b.x1, box.x1) - max(b.x0, box.x0) > 1 and min(b.y1, box.y1) - max(b.y0, box.y0) > 1:
                        found.append(f"{name}: bar")
    return sorted(set(found))


def render_checked(fig: Figure) -> tuple[dict[str, bytes], dict]:
    """Every format of ``fig``, and what the PNG rendering drew: how many texts, which
    of them collide, and which legends cover a data mark."""
    with recording_drawn_text() as drawn:
        png = render(fig, "png")
    covered = legend_covers_data(fig)
    payloads = {"png": png, **{fmt: render(fig, fmt) for fmt in FORMATS if fmt != "png"}}
    return payloads, {"texts": len(drawn), "collisions": [list(pair) for pair in collisions(drawn)],
                      "legend_over_data": covered}


def thumbnail_of(png: bytes, width: int = THUMBNAIL_WIDTH) -> bytes:
    """A small copy of a PNG (for the gallery), scaled without re-rendering."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        height = round(image.height * width / image.width)
        small = image.convert("RGBA").resize((width, height), Image.LANCZOS)
        out = io.BytesIO()
        small.save(out, format="PNG")
    return out.getvalue()


def export_figure(label: str, build, data, *, unit: str | None = None, source_ids=None,
                  outdir: Path | None = None, check_dir: Path | None = None):
    """Build the figure in Chinese and in English from the same code path
    (``build(lang)`` returns a Figure) and write both, with the plotted data.

    Writes ``<label>.png|svg|pdf|csv``, ``<label>.en.png|svg|pdf`` and a gallery
    thumbnail, and, where the chart builder attached one (:mod:`planbook.charts.interactive`),
    the interactive chart drawn from the same frame as ``<label>.vl.json`` / ``.en.vl.json``; refuses an English figure that still shows Chinese; nothing is
    written unless every rendering succeeded. Returns the Chinese PNG as an
    IPython image, so the page shows exactly the file readers download (and the
    figure is not rendered a second time by the notebook's inline backend).
    What the rendering drew (texts, colliding pairs) per language goes to
    ``<check_dir>/<label>.json`` for the tests.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image

    from planbook.base.i18n import has_cjk

    check_label(label)
    data = with_provenance(data, unit, source_ids)
    figures = {lang: build(lang) for lang in ("zh", "en")}
    try:
        rendered = {lang: render_checked(fig) for lang, fig in figures.items()}  # ticks exist now
        payloads = {lang: files for lang, (files, _) in rendered.items()}
        checks = {"label": label, **{lang: check for lang, (_, check) in rendered.items()}}
        leaked = [t for t in text_in(figures["en"]) if has_cjk(t)]
        if leaked:
            raise ValueError(f"{label}: the English figure still shows Chinese: {leaked[:5]}")
        specs = {lang: interactive.attached(fig) for lang, fig in figures.items()}
    finally:
        for fig in figures.values():
            plt.close(fig)
    if (specs["zh"] is None) != (specs["en"] is None):
        raise ValueError(f"{label}: only one language has an interactive chart")
    if specs["zh"] is not None:
        leaked = sorted({t for t in interactive.texts(specs["en"]) if has_cjk(t)})
        if leaked:
            raise ValueError(f"{label}: the English interactive chart still shows Chinese: {leaked[:5]}")
        # (the spec is compiled, and so checked, when the page is built: planbook.sphinx.interactive)
    outdir = Path(outdir) if outdir is not None else FIGURE_EXPORT_DIR
    files = {f"{label}.{fmt}": payload for fmt, payload in payloads["zh"].items()}
    files.update({f"{label}.en.{fmt}": payload for fmt, payload in payloads["en"].items()})
    if specs["zh"] is not None:
        # the interactive chart, beside the static files (shown on the page by planbook.sphinx.ext)
        files[f"{label}.{INTERACTIVE_SUFFIX}"] = interactive.to_json(specs["zh"]).encode("utf-8")
        files[f"{label}.en.{INTERACTIVE_SUFFIX}"] = interactive.to_json(specs["en"]).encode("utf-8")
    files[f"{label}.csv"] = data.to_csv(index=False, lineterminator="\n").encode("utf-8")
    files[f"{label}.thumb.png"] = thumbnail_of(payloads["zh"]["png"])
    for name, payload in files.items():
        write_atomically(outdir / name, payload)
    if specs["zh"] is None:  # a chart that lost its interactive version: no stale spec left
        for stale in (f"{label}.{INTERACTIVE_SUFFIX}", f"{label}.en.{INTERACTIVE_SUFFIX}"):
            (outdir / stale).unlink(missing_ok=True)
    check_dir = Path(check_dir) if check_dir is not None else FIGURE_CHECK_DIR
    write_atomically(check_dir / f"{label}.json",
                     json.dumps(checks, ensure_ascii=False, indent=1).encode("utf-8"))
    return Image(data=payloads["zh"]["png"], format="png")
