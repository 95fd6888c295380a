"""Shared code for the book 《规划与实绩：徐州与苏州产业政策比较》.

Notebooks stay thin: they call into this package for the chart style
(:mod:`planbook.charts.style`), stable figure files (:mod:`planbook.charts.figures`) and
checks the test-suite shares with the build (:mod:`planbook.checks.build`).
"""

__version__ = "0.1.0"
