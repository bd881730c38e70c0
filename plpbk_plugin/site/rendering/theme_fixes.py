"""Fixes of mkdocs-material's own markup that no template block reaches.

Pure string rewrites of a finished page, safe to run twice. The plugin applies them in
``on_post_page`` (every page) and ``on_post_template`` (``404.html``, which MkDocs renders
as a static template). Each fix is narrow: it matches Material's exact markup and leaves
anything else (a site's own overrides, page content) alone.

- ``autocomplete="off"`` on the theme's hidden drawer and search checkboxes: the
  attribute is not allowed on checkboxes (the Nu HTML Checker's error on every page).
- The search ``role="dialog"`` has no accessible name (axe ``aria-dialog-name``): it gets
  the search field's own, already translated, label.
- On a page outside the navigation (``not_in_nav``) with a table of contents, the contents'
  title ``<label for="__toc">`` names a checkbox that only the navigation renders (the Nu HTML
  Checker's error): the label loses its ``for``.
- A Markdown table wider than a phone scrolls inside the box Material's script wraps it in, and
  nothing in that box takes the keyboard's focus (axe ``scrollable-region-focusable``): the
  table itself becomes focusable, so keyboard users can scroll it too.
"""

from __future__ import annotations

import html as htmllib
import re

from ...i18n import languages, translator

__all__ = ["fix_theme_html"]

# <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
_TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="[a-z]+" type="checkbox" id="__[a-z]+") autocomplete="off"(\s*/?>)')
# <div class="md-search" data-md-component="search" role="dialog">
_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog">')
_SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input"[^>]*?\saria-label="([^"]*)"')
# <label class="md-nav__title" for="__toc"> without <input ... id="__toc">
_TOC_TITLE = '<label class="md-nav__title" for="__toc">'


def fix_theme_html(html: str, *, lang: str) -> str:
    """``html`` (a whole page rendered by Material) with the theme's known markup faults fixed."""
    html = _TOGGLE.sub(r"\1\2", html)
    match = _DIALOG.search(html)
    if match:
        label = _SEARCH_LABEL.search(html, match.end())
        name = label.group(1) if label and label.group(1).strip() else htmllib.escape(_search_name(lang))
        html = html[: match.start()] + f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{name}">' + html[match.end():]
    if _TOC_TITLE in html and 'id="__toc"' not in html:
        html = html.replace(_TOC_TITLE, '<label class="md-nav__title">')
    return html.replace("<table>\n", '<table tabindex="0">\n')


def _search_name(lang: str) -> str:
    """"Search" in the theme's language, from the catalogues (in English, the messages' own language, without one)."""
    code = lang.replace("_", "-").split("-")[0].lower()
    return translator(code).gettext("Search") if code in languages() else "Search"
