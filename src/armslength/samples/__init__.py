"""Bundled sample data for ``armslength demo`` (synthetic; no real people)."""
