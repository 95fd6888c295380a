"""Pages stay light: each page with everything it loads, compressed as a web server sends
it, is under the limit; the theme's icons come from a small stylesheet instead of
Font Awesome's 1.4 MB script."""

from __future__ import annotations

import gzip
import re

import pytest

from planbook.base.paths import HTML_DIR
from planbook.checks.pageweight import LIMIT_BYTES, page_weights
from planbook.sphinx import icons


def test_a_page_weighs_what_it_loads_from_the_site(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "lib.js").write_text("x" * 5000)
    (tmp_path / "_static" / "style.css").write_text("a{}" * 100)
    (tmp_path / "img.png").write_bytes(bytes(range(256)) * 10)
    page = ('<link rel="stylesheet" href="_static/style.css?v=1"><script src="_static/lib.js"></script>'
            '<script src="https://cdn.example.org/x.js"></script><img src="img.png"><img src="img.png">'
            '<a href="other.html">a link is not loaded</a>')
    (tmp_path / "a.html").write_text(page)
    (tmp_path / "b.html").write_text('<script src="_static/lib.js"></script>')
    weights = {w.page: w for w in page_weights(tmp_path)}
    a, b = weights["a.html"], weights["b.html"]
    assert a.assets == 3                          # css, js, the image once; nothing off the site
    assert a.raw == len(page.encode()) + 5000 + 300 + 2560
    assert b.raw == len(b'<script src="_static/lib.js"></script>') + 5000   # a shared file counts for each page
    expected = sum(len(gzip.compress(data, compresslevel=6, mtime=0)) for data in
                   (b'<script src="_static/lib.js"></script>', b"x" * 5000))
    assert b.gzip == expected
    assert list(weights) == [w.page for w in page_weights(tmp_path)]   # heaviest first


def _built():
    if not (HTML_DIR / "index.html").is_file():
        pytest.fail(f"{HTML_DIR} is not built: run `make book` first")


def test_no_page_is_over_the_limit_compressed():
    _built()
    heavy = [(w.page, round(w.gzip / 1024 / 1024, 3)) for w in page_weights(HTML_DIR) if w.gzip > LIMIT_BYTES]
    assert heavy == [], f"pages over {LIMIT_BYTES / 1024 / 1024} MB compressed"


def test_the_solid_icons_are_read_from_the_themes_own_script():
    found = icons.solid_icons(icons.fontawesome_script().read_text(encoding="utf-8"))
    assert len(found) > 1000
    width, height, path = found["bars"]
    assert (width, height) == (448, 512) and path.startswith("M")
    names = icons.theme_icon_names()
    assert "magnifying-glass" in names and "solid" not in names and "lg" not in names


def test_each_icon_becomes_one_rule_in_its_proportions():
    css = icons.icon_css({"bars": (448, 512, "M0 96C0 78z"), "sun": (512, 512, "M1 1z")},
                         ["bars", "sun", "square-github"])
    assert ".fa-bars { width: 0.875em;" in css and ".fa-sun { width: 1em;" in css
    assert "square-github" not in css                          # not a solid icon: no rule
    assert "viewBox='0 0 448 512'" in css.replace("%3C", "<").replace("%3E", ">")
    assert "#" not in css.split("--pb-icon")[1]               # the data URI is escaped


def test_the_script_tag_goes_and_nothing_else():
    page = ('<head>\n  <script defer src="../_static/scripts/bootstrap.js?digest=1"></script>\n'
            '  <script defer src="../_static/scripts/fontawesome.js?digest=1"></script>\n</head>')
    assert icons.without_fontawesome(page) == ('<head>\n  <script defer src="../_static/scripts/'
                                               'bootstrap.js?digest=1"></script>\n</head>')


def test_the_built_site_loads_no_font_awesome_script_and_styles_every_icon_it_shows():
    _built()
    css = (HTML_DIR / "_static" / icons.ICONS_CSS).read_text(encoding="utf-8")
    styled = set(re.findall(r"\.fa-([a-z0-9-]+) \{ width", css))
    for page in HTML_DIR.rglob("*.html"):
        if "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        assert "fontawesome.js" not in text, page
        if "<body" not in text:
            continue  # the root's redirect to the front page
        assert f"_static/{icons.ICONS_CSS}" in text, page
        shown = {name for cls in re.findall(r'<i class="([^"]*\bfa-solid\b[^"]*)"', text)
                 for name in re.findall(r"\bfa-([a-z0-9-]+)", cls)} - {"solid", "lg"}
        assert shown <= styled, (page, shown - styled)
