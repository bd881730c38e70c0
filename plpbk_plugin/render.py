"""Jinja rendering of page bodies, with the site's overrides taking precedence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2

from .i18n import Translator

TEMPLATES_DIR = Path(__file__).parent / "templates"


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
        )
        self.env.install_gettext_callables(t.gettext, t.ngettext, newstyle=True)
        self.env.globals.update(t=t)

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        return self.env.get_template(name).render(context)
