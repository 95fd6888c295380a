"""Published: numbered tables, citations and bibliography, the PDF edition, what a page shows of a scorecard."""
