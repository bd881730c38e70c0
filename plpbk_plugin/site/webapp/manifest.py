"""The web app manifest (``manifest.webmanifest``): what "Tambahkan ke layar utama" installs.

A portal installs as the portal, a community's own site as its kawasan: name, short name, the
theme's colours, the icons (``media/icons``), and ``start_url``/``scope`` relative to the
manifest, so a GitHub Pages project site installs its own folder. Checked in the tests against
SchemaStore's web-manifest schema and by Chromium's installability check.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PIL import ImageColor

from ...media.icons import Icon

FILE = "manifest.webmanifest"
SHORT = 12  # characters a home screen shows under an icon
DEFAULT_PRIMARY = "indigo"
# Material for MkDocs 9's primary colours (--md-primary-fg-color in palette.css), by the name
# mkdocs.yml gives (`theme.palette.primary`; "deep orange" is "deep-orange"). black and white are
# Material's hsla(225deg, 15%, 9%) and white.
PRIMARY = {
    "red": "#ef5552", "pink": "#e92063", "purple": "#ab47bd", "deep-purple": "#7e56c2", "indigo": "#4051b5",
    "blue": "#2094f3", "light-blue": "#02a6f2", "cyan": "#00bdd6", "teal": "#009485", "green": "#4cae4f",
    "light-green": "#8bc34b", "lime": "#cbdc38", "yellow": "#ffec3d", "amber": "#ffc105", "orange": "#ffa724",
    "deep-orange": "#ff6e42", "brown": "#795649", "grey": "#757575", "blue-grey": "#546d78", "black": "#14151a",
    "white": "#ffffff",
}
BACKGROUND = {"default": "#ffffff", "slate": "#1e2129"}  # Material's page background per scheme (slate: hsla(225deg, 15%, 14%))
_CUSTOM = re.compile(r"--md-primary-fg-color\s*:\s*(#[0-9a-fA-F]{3,8}|rgba?\([^)]*\)|hsla?\([^)]*\))")


def theme_colours(palette: Any, stylesheets: Iterable[Path] = ()) -> tuple[str, str]:
    """The theme colour and background colour (``#rrggbb``) of Material's ``theme.palette``.

    ``palette`` is a mapping or a list of them (the first, as Material's templates read it). A
    ``custom`` primary colour is read from the site's stylesheets (``--md-primary-fg-color``).
    """
    first = (palette[0] if palette else {}) if isinstance(palette, Sequence) else palette or {}
    first = first if isinstance(first, Mapping) else {}
    name = str(first.get("primary") or DEFAULT_PRIMARY).strip().lower().replace(" ", "-")
    scheme = str(first.get("scheme") or "default")
    colour = PRIMARY.get(name) or (_custom(stylesheets) if name == "custom" else None) or PRIMARY[DEFAULT_PRIMARY]
    return colour, BACKGROUND.get(scheme, BACKGROUND["default"])


def _custom(stylesheets: Iterable[Path]) -> str | None:
    for path in stylesheets:
        try:
            found = _CUSTOM.search(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
        if found:
            try:
                return hex_colour(ImageColor.getrgb(found.group(1)))
            except ValueError:
                continue
    return None


def hex_colour(rgb: Sequence[int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb[:3])


def short_name(name: str) -> str:
    """A name that fits under a home screen icon: the whole name, else its longest run of whole
    words within 12 characters ("Kampung Nelayan Tambak Sari" → "Tambak Sari"), the first on a tie."""
    name = " ".join(re.sub(r"\([^)]*\)", " ", name).split()) or " ".join(name.split())
    if len(name) <= SHORT:
        return name
    words = name.split()
    runs = [" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)]
    fitting = [run for run in runs if len(run) <= SHORT]
    return max(fitting, key=len) if fitting else name[:SHORT].rstrip()


def web_manifest(*, name: str, short: str, description: str | None, lang: str, theme_colour: str, background: str,
                 icons: Sequence[Icon]) -> bytes:
    """``manifest.webmanifest``: URLs relative to it (it lives at the site's root). No ``id``: a relative
    one resolves against the origin, where project sites of one GitHub account would share it; without
    it the app's id is its start URL, the site's own folder."""
    data: dict[str, Any] = {
        "name": name,
        "short_name": short,
        **({"description": description} if description else {}),
        "lang": lang,
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": theme_colour,
        "background_color": background,
        "icons": [
            {"src": icon.url, "sizes": f"{icon.size}x{icon.size}", "type": "image/png", "purpose": icon.purpose}
            for icon in icons
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
