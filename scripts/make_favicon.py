"""Draw the book's icon: two bars in the city colours (Xuzhou, Suzhou) under a dashed
target line — what was promised, and what happened.

Writes _static/favicon.svg (browsers that take SVG), _static/favicon.ico (16, 32 and
48 px, also copied to the site root, where browsers look by default) and
_static/apple-touch-icon.png (180 px). The files are committed; rerun this script
only when the design changes.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

from planbook.charts.style import CITY_COLORS

STATIC = Path(__file__).resolve().parents[1] / "_static"
SIZE = 64                      # design grid; everything below is in its units
BACKGROUND = "#ffffff"
FRAME = "#333333"
BARS = [(14, 30, CITY_COLORS["xuzhou"]), (36, 18, CITY_COLORS["suzhou"])]  # x, top, colour
BAR_WIDTH, BASE = 14, 54
TARGET_Y = 22                  # the dashed target line


def svg() -> str:
    bars = "".join(f'<rect x="{x}" y="{top}" width="{BAR_WIDTH}" height="{BASE - top}" fill="{c}"/>'
                   for x, top, c in BARS)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
            f'<rect x="2" y="2" width="60" height="60" rx="10" fill="{BACKGROUND}" '
            f'stroke="{FRAME}" stroke-width="4"/>{bars}'
            f'<line x1="9" y1="{TARGET_Y}" x2="55" y2="{TARGET_Y}" stroke="{FRAME}" '
            f'stroke-width="4" stroke-dasharray="6 4"/></svg>\n')


def raster(pixels: int) -> Image.Image:
    scale = 8 * pixels / SIZE  # draw large, then shrink: smooth edges
    big = Image.new("RGBA", (8 * pixels,) * 2, (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    s = lambda v: round(v * scale)  # noqa: E731
    draw.rounded_rectangle([s(2), s(2), s(62), s(62)], radius=s(10), fill=BACKGROUND,
                           outline=FRAME, width=s(4))
    for x, top, colour in BARS:
        draw.rectangle([s(x), s(top), s(x + BAR_WIDTH), s(BASE)], fill=colour)
    x = 9
    while x < 55:
        draw.line([s(x), s(TARGET_Y), s(min(x + 6, 55)), s(TARGET_Y)], fill=FRAME, width=s(4))
        x += 10
    return big.resize((pixels, pixels), Image.LANCZOS)


def main() -> None:
    (STATIC / "favicon.svg").write_text(svg(), encoding="utf-8")
    buffer = io.BytesIO()
    raster(48).save(buffer, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    (STATIC / "favicon.ico").write_bytes(buffer.getvalue())
    raster(180).convert("RGB").save(STATIC / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
