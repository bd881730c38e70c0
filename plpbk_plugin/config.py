"""The plugin's options in mkdocs.yml (``plugins: - plpbk: {...}``), generated from :class:`Options`.

MkDocs checks each option's type here; the adapter then reads the values into ``Options``, whose
checks (ranges, choices, options that cannot go together) are the command line's too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption, Config

from .i18n import languages
from .site.options import MODES, option_kinds

_MKDOCS: dict[str, Callable[[Any], BaseConfigOption[Any]]] = {
    "text": lambda default: c.Type(str, default=default),
    "optional": lambda default: c.Optional(c.Type(str)),
    "flag": lambda default: c.Type(bool, default=default),
    "texts": lambda default: c.ListOfItems(c.Type(str), default=list(default)),
    "languages": lambda default: c.ListOfItems(c.Choice(languages()), default=list(default)),
    "mode": lambda default: c.Choice(MODES, default=default),
    "seconds": lambda default: c.Type((int, float), default=default),
    "count": lambda default: c.Type(int, default=default),
    "code": lambda default: c.Type((int, str), default=default),
}

if TYPE_CHECKING:  # the adapter reads the values into Options; to the type checker this is a plain Config

    class PlpbkConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ is untyped
        """Options of the ``plpbk`` plugin."""

else:
    PlpbkConfig = type("PlpbkConfig", (Config,), {
        "__doc__": "Options of the ``plpbk`` plugin: see :class:`plpbk_plugin.site.options.Options`.",
        "__module__": __name__,
        **{name: _MKDOCS[kind](default) for name, (kind, default) in option_kinds().items()},
    })
