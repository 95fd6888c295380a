"""Drawn: the book's chart style, the chart builders and the stable figure files."""
