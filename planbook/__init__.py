"""Shared code for the book 《规划与实绩：徐州与苏州产业政策比较》.

Notebooks stay thin: they call into this package for the chart style
(:mod:`planbook.style`), stable figure files (:mod:`planbook.figures`) and
checks the test-suite shares with the build (:mod:`planbook.checks`).
"""

__version__ = "0.1.0"
