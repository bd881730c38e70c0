"""Jinja rendering of page bodies, with the site's overrides taking precedence."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .i18n import DEFAULT_LANGUAGE, Translator, language_name
from .translations import Fallback

TEMPLATES_DIR = Path(__file__).parent / "templates"


def plain(value: Any) -> Any:
    """Text for an attribute or an SVG title: no language mark around an untranslated text."""
    return str(value) if isinstance(value, Fallback) else value


def _mark_fallback(value: Any) -> Any:
    """An untranslated plan text in running HTML carries the language it is written in."""
    if isinstance(value, Fallback):
        return Markup('<span lang="%s">%s</span>') % (DEFAULT_LANGUAGE, escape(str(value)))
    return value


class Renderer:
    """Renders ``plpbk/…`` templates; a file of the same name in an override folder wins."""

    def __init__(self, t: Translator, override_dirs: Sequence[Path] = ()) -> None:
        loaders = [jinja2.FileSystemLoader(str(d)) for d in override_dirs if d.is_dir()]
        loaders.append(jinja2.FileSystemLoader(str(TEMPLATES_DIR)))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            finalize=_mark_fallback,
        )
        self.env.install_gettext_callables(t.gettext, t.ngettext, newstyle=True)
        self.env.globals.update(t=t, language_name=language_name)
        self.env.filters["plain"] = plain

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
