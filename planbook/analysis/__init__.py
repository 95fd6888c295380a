"""Analysed: verdicts, series, scorecards, cluster arithmetic, word rates, city profile (no drawing, no publishing)."""
