"""The chart style registers the CJK font, and the glyph check notices boxes."""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import seaborn as sns  # noqa: E402

from planbook.charts import style  # noqa: E402
from planbook.checks.build import missing_glyph_lines  # noqa: E402

CHINESE = "徐州工程机械产业集群（亿元）"


def render_warnings(text: str) -> list[str]:
    """Draw ``text`` with the current rc and return every warning message."""
    fig, ax = plt.subplots()
    ax.set_title(text)
    ax.set_xlabel(text)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)
    return [str(w.message) for w in caught]


@pytest.fixture
def clean_rc():
    with matplotlib.rc_context():
        yield


def test_book_style_puts_the_cjk_font_first_with_a_latin_fallback(clean_rc):
    rc = style.use_book_style()
    family = matplotlib.rcParams["font.family"]
    assert family[0] == "Noto Sans CJK SC"
    assert family[1] == style.LATIN_FALLBACK
    assert rc["svg.hashsalt"] == matplotlib.rcParams["svg.hashsalt"] == style.SVG_HASHSALT


def test_font_comes_from_the_installed_file_not_the_system(clean_rc):
    path = style.cjk_font_path()
    assert path.name == style.CJK_FONT_FILENAME
    assert "site-packages" in path.parts
    style.use_book_style()
    resolved = matplotlib.font_manager.findfont(
        matplotlib.font_manager.FontProperties(family=matplotlib.rcParams["font.family"]))
    assert resolved == str(path)


def test_chinese_renders_without_missing_glyphs(clean_rc):
    style.use_book_style()
    messages = render_warnings(CHINESE)
    assert missing_glyph_lines("\n".join(messages)) == []


def test_glyph_check_bites_when_the_font_is_not_registered(clean_rc):
    # The same text with matplotlib's default font must produce the warning
    # that the build and the tests look for: otherwise the check is blind.
    matplotlib.rcParams["font.family"] = ["DejaVu Sans"]
    messages = render_warnings(CHINESE)
    assert missing_glyph_lines("\n".join(messages)), messages


def test_a_bare_seaborn_theme_would_drop_the_font_but_ours_keeps_it(clean_rc):
    style.use_book_style()
    sns.set_theme()  # what a careless notebook might do
    assert matplotlib.rcParams["font.family"][0] != "Noto Sans CJK SC"
    style.use_book_style()
    assert matplotlib.rcParams["font.family"][0] == "Noto Sans CJK SC"


def test_city_colours_are_fixed_and_distinct():
    from planbook.data.load import load

    # one colour for every place the data speaks of (data/entities.csv), no two alike
    assert set(style.CITY_COLORS) == set(load("entities")["entity_id"])
    assert len(set(style.CITY_COLORS.values())) == len(style.CITY_COLORS)
    assert style.CITY_COLORS["xuzhou"] in style.PALETTE
    assert style.CITY_COLORS["suzhou"] in style.PALETTE
