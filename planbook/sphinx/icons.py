"""The theme's icons without Font Awesome's script.

The book's theme (pydata-sphinx-theme, under sphinx-book-theme) draws its two dozen
icons — search, menu, download, light/dark mode … — with Font Awesome's SVG-and-JS
build, ``_static/scripts/fontawesome.js``: 1.4 MB (0.5 MB compressed) that every page
loads, a third of the heaviest page's weight. Here the same icons become one small
stylesheet: the outlines of the solid icons the theme's templates name are taken from
that very file (so they are the theme's icons, at the pinned version) and drawn as CSS
masks in the text colour; the script tag is then removed from every page.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from urllib.parse import quote

from planbook.base.files import write_atomically

ICONS_CSS = "icons.css"
FONTAWESOME_SCRIPT = "_static/scripts/fontawesome.js"
THEME_PACKAGES = ("pydata_sphinx_theme", "sphinx_book_theme")
# The pack of solid icons ends by registering itself under this prefix.
_SOLID_PACK_END = 'd("fas",p)'
_ICON = re.compile(r'[{,]"?([a-z0-9-]+)"?:\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]*","([^"]+)"\]')
_ICON_CLASS = re.compile(r"\bfa-([a-z0-9-]+)")
_NOT_ICONS = {"solid", "regular", "brands", "lg", "xs", "sm", "xl", "2x", "3x", "fw", "spin"}
_SCRIPT_TAG = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{name} is not installed; run `make book` (it installs requirements.txt)")
    return Path(list(spec.submodule_search_locations)[0])


def fontawesome_script() -> Path:
    path = _package_dir("pydata_sphinx_theme") / "theme" / "pydata_sphinx_theme" / "static" / "scripts" / "fontawesome.js"
    if not path.is_file():
        raise RuntimeError(f"the theme's Font Awesome script is not at {path}")
    return path


def solid_icons(script: str) -> dict[str, tuple[int, int, str]]:
    """Every solid icon in Font Awesome's script: name → (width, height, SVG path)."""
    end = script.find(_SOLID_PACK_END)
    start = script.rfind("var p={", 0, end)
    if end < 0 or start < 0:
        raise ValueError("no pack of solid icons found in Font Awesome's script")
    return {m.group(1): (int(m.group(2)), int(m.group(3)), m.group(4))
            for m in _ICON.finditer(script, start, end)}


def theme_icon_names(packages=THEME_PACKAGES) -> list[str]:
    """The icon names the theme's templates and code name (fa-bars, fa-sun …)."""
    names = set()
    for package in packages:
        for path in _package_dir(package).rglob("*"):
            if path.suffix in (".html", ".py") and path.is_file():
                names.update(_ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return sorted(names - _NOT_ICONS)


def icon_css(icons: dict[str, tuple[int, int, str]], names: list[str]) -> str:
    """One rule per icon: an element of class ``fa-<name>`` shows its outline in the
    text colour, one em high, as wide as the icon's proportions."""
    rules = ["/* The theme's Font Awesome icons as CSS masks (planbook/sphinx/icons.py). */",
             ".fa-solid, .fas { display: inline-block; height: 1em; vertical-align: -0.125em; "
             "background-color: currentColor; -webkit-mask: var(--pb-icon) center / contain no-repeat; "
             "mask: var(--pb-icon) center / contain no-repeat; }",
             ".fa-lg { font-size: 1.25em; line-height: 0.05em; vertical-align: -0.2em; }"]
    for name in names:
        if name not in icons:
            continue  # a name that is not a solid icon (a brand, a CSS helper)
        width, height, path = icons[name]
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
        uri = "data:image/svg+xml," + quote(svg, safe=" /:=',.-")
        rules.append(f'.fa-{name} {{ width: {width / height:.4g}em; --pb-icon: url("{uri}"); }}')
    return "\n".join(rules) + "\n"


def write_icon_css(out_dir: Path) -> Path:
    script = fontawesome_script().read_text(encoding="utf-8")
    path = out_dir / ICONS_CSS
    write_atomically(path, icon_css(solid_icons(script), theme_icon_names()).encode("utf-8"))
    return path


def without_fontawesome(page: str) -> str:
    """A built page without the tag that loads Font Awesome's script."""
    return _SCRIPT_TAG.sub("", page)


def strip_fontawesome(site: Path) -> int:
    """Remove the script tag from every page of the built site; returns how many
    pages changed (pages already without it are left as they are)."""
    changed = 0
    for page in site.rglob("*.html"):
        if "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        stripped = without_fontawesome(text)
        if stripped != text:
            write_atomically(page, stripped.encode("utf-8"))
            changed += 1
    return changed
