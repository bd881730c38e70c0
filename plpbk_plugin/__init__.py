"""MkDocs plugin turning community settlement plans into public microsites."""

__version__ = "0.2.0"
"""The package's version, its one source: the wheel's metadata (hatchling reads it), ``plpbk --version``,
and the requirement ``plpbk init`` writes into a new site."""
