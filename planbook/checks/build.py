"""Checks the build and the tests share: missing glyphs, build-log warnings."""

from __future__ import annotations

import re

# matplotlib: "Glyph 24037 (\N{CJK UNIFIED IDEOGRAPH-5DE5}) missing from font(s) DejaVu Sans."
# (older releases: "Glyph 24037 missing from current font.")
MISSING_GLYPH = re.compile(r"Glyph \d+ .*?missing from (?:current )?font", re.IGNORECASE)
# Sphinx prints "WARNING:" (and "ERROR:") in its log lines.
SPHINX_PROBLEM = re.compile(r"\b(?:WARNING|ERROR|CRITICAL)\b:")


def missing_glyph_lines(text: str) -> list[str]:
    """Lines of ``text`` that report a glyph missing from the font."""
    return [line for line in text.splitlines() if MISSING_GLYPH.search(line)]


def sphinx_problem_lines(log: str) -> list[str]:
    """Lines of a Sphinx build log that report a warning or an error."""
    return [line for line in log.splitlines() if SPHINX_PROBLEM.search(line)]
