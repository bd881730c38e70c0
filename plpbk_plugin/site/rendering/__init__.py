"""Rendering pages: Jinja templates, Markdown, Material's markup fixes, the page cache, search."""
