"""Authoring and build checks the tests and tools run: typed numbers, misplaced bold, glyphs, build warnings, links."""
