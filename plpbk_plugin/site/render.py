"""Jinja rendering of page bodies, with the site's overrides taking precedence."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..i18n import DEFAULT_LANGUAGE, Translator, language_name
from ..plan.overlays import Fallback

TEMPLATES_DIR = Path(__file__).parents[1] / "templates"


def plain(value: Any) -> Any:
    """Text for an attribute or an SVG title: no language mark around an untranslated text."""
    return str(value) if isinstance(value, Fallback) else value


def _mark_fallback(value: Any) -> Any:
    """An untranslated plan text in running HTML carries the language it is written in."""
    if isinstance(value, Fallback):
        return Markup('<span lang="%s">%s</span>') % (DEFAULT_LANGUAGE, escape(str(value)))
    return value


_ENVIRONMENTS: dict[tuple[Translator, tuple[str, ...]], tuple[tuple[tuple[str, int], ...], jinja2.Environment]] = {}


def _signature(dirs: Sequence[str]) -> tuple[tuple[str, int], ...]:
    """Every file under the template folders with its modification time."""
    found = []
    for folder in dirs:
        for root, _, names in os.walk(folder):
            for name in names:
                path = os.path.join(root, name)
                try:
                    found.append((path, os.stat(path).st_mtime_ns))
                except OSError:
                    pass
    return tuple(sorted(found))


class Renderer:
    """Renders ``plpbk/…`` templates; a file of the same name in an override folder wins."""

    def __init__(self, t: Translator, override_dirs: Sequence[Path] = ()) -> None:
        dirs = [str(d) for d in override_dirs if d.is_dir()] + [str(TEMPLATES_DIR)]
        self.dirs = tuple(dirs)  # where templates are looked up, in order
        # One environment per language and folders, kept while no template file changes: `mkdocs
        # serve` rebuilds then reuse the compiled templates, and no include stats its file.
        key, signature = (t, tuple(dirs)), _signature(dirs)
        cached = _ENVIRONMENTS.get(key)
        if cached is not None and cached[0] == signature:
            self.env = cached[1]
            return
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(d) for d in dirs]),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            finalize=_mark_fallback,
            auto_reload=False,
        )
        self.env.install_gettext_callables(t.gettext, t.ngettext, newstyle=True)
        self.env.globals.update(t=t, language_name=language_name)
        self.env.filters["plain"] = plain
        _ENVIRONMENTS[key] = signature, self.env

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        return self.env.get_template(name).render(context)

    @staticmethod
    def markdown(convert: Callable[[str], str]) -> Callable[[str | None], Markup]:
        """The ``md()`` of the templates: safe HTML, in a block marked with its language when untranslated."""

        def md(text: str | None) -> Markup:
            html = Markup(convert(text))
            if isinstance(text, Fallback) and html:
                return Markup('<div lang="%s">%s</div>') % (DEFAULT_LANGUAGE, html)
            return html

        return md
