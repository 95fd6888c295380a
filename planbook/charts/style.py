"""One chart style for the whole book: CJK font, palette, city colours.

Call :func:`use_book_style` at the top of every notebook. It registers the
Noto Sans CJK SC font *file* shipped by the ``mplfonts`` package (installed by
requirements.txt, so no system font is needed), puts it first in
``font.family`` with DejaVu Sans as Latin fallback, and applies seaborn's theme
through the same rc so that seaborn cannot reset the font.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib
import matplotlib.font_manager as font_manager
import seaborn as sns

CJK_FONT_FILENAME = "NotoSansCJKsc-Regular.otf"
LATIN_FALLBACK = "DejaVu Sans"

# Okabe–Ito palette: distinguishable under the common colour-vision deficiencies.
OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "bluish_green": "#009E73",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "reddish_purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
PALETTE = list(OKABE_ITO.values())

# One colour per city across every chart of the book.
CITY_COLORS = {
    "xuzhou": OKABE_ITO["blue"],
    "suzhou": OKABE_ITO["vermillion"],
    "jiangsu": "#666666",  # the province is the reference line: neutral grey
    "china": OKABE_ITO["reddish_purple"],
}
CITY_NAMES_ZH = {"xuzhou": "徐州", "suzhou": "苏州", "jiangsu": "江苏", "china": "全国"}

# One colour per verdict (planbook.analysis.achievement), in the order legends list them.
STATUS_COLORS = {"met": "#009E73", "close": "#E69F00", "missed": "#D55E00",
                 "no-data": "#BBBBBB", "not-comparable": "#56B4E9"}
STATUS_ORDER = ["met", "close", "missed", "not-comparable", "no-data"]


def unit_scale(unit: str | None, lang: str) -> float:
    """Factor from the data's unit to the unit a chart shows in ``lang``: English
    charts show billion yuan where the data are in 亿元 (×0.1); everything else as is."""
    return 0.1 if lang == "en" and unit == "亿元" else 1.0

# Fixed so that SVG element ids, and hence the files, are identical across builds.
SVG_HASHSALT = "planbook"


def cjk_font_path() -> Path:
    """Path of the CJK font file inside the installed ``mplfonts`` package.

    The package is located without importing it: importing ``mplfonts``
    changes matplotlib's rc as a side effect.
    """
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "mplfonts is not installed; run `make book` (it installs requirements.txt)"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / "fonts" / CJK_FONT_FILENAME
    if not path.is_file():
        raise RuntimeError(f"CJK font file not found: {path}")
    return path


def register_cjk_font() -> str:
    """Register the CJK font file with matplotlib and return its family name.

    Fonts added with ``addfont`` are not cached, so this runs in every kernel.
    """
    path = cjk_font_path()
    manager = font_manager.fontManager
    manager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    # A system copy of the same family (e.g. Debian's fonts-noto-cjk, which the
    # browser tests install) would tie with ours and could win: in this process,
    # the file the project installs is the only font of that family.
    manager.ttflist = [f for f in manager.ttflist if f.name != family or f.fname == str(path)]
    manager._findfont_cached.cache_clear()
    return family


def book_rc(cjk_family: str) -> dict:
    """The rcParams every chart of the book uses."""
    return {
        "font.family": [cjk_family, LATIN_FALLBACK],
        "axes.unicode_minus": False,
        "axes.titleweight": "normal",  # the CJK font ships one weight only
        "axes.spines.top": False,
        "axes.spines.right": False,
        "figure.dpi": 110,
        "savefig.dpi": 200,
        "savefig.bbox": "tight",
        "svg.hashsalt": SVG_HASHSALT,
        "svg.fonttype": "path",
        # Type 3: glyph outlines drawn in the PDF itself, so every reader renders the
        # CJK text (the OpenType CFF font does not embed cleanly as Type 42)
        "pdf.fonttype": 3,
    }


def use_book_style(context: str = "notebook") -> dict:
    """Apply the book's style (font, seaborn theme, palette); return the rc used."""
    family = register_cjk_font()
    rc = book_rc(family)
    sns.set_theme(context=context, style="whitegrid", palette=PALETTE, rc=rc)
    # seaborn's theme sets font.family from its ``font`` argument before applying
    # rc; re-assert ours so nothing downstream silently loses the CJK glyphs.
    matplotlib.rcParams.update(rc)
    return rc
