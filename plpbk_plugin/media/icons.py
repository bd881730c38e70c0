"""The web app's icons: 192 and 512 px PNGs and a maskable 512, for the home screen.

Drawn from the site's own logo (shown whole, on the background colour), else a photo (the
kawasan's, filling the square), else the site's initials on its theme colour. Kept in
``cache_dir/icons/<key>/`` by everything they are drawn from, like the share cards, and
published under content-named URLs (``assets/plpbk/icons/<key>-512.png``).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image, ImageDraw, ImageOps

from ..filesystem import copy_into, write_folder
from .cards import dejavu, luminance
from .images import MAX_PIXELS, ImageError, decode_srgb

URL_DIR = "assets/plpbk/icons"
SIZES = (192, 512)
MASKABLE = 512
LAYOUT_VERSION = 1
_LOGO_AREA = {"any": 0.84, "maskable": 0.56}  # share of the side a logo may take; maskable: inside the safe zone
_Rgb = tuple[int, int, int]


@dataclass(frozen=True)
class IconSource:
    """What the icons are drawn from; without an ``image``, the ``name``'s initials."""

    name: str
    colour: _Rgb  # the theme colour
    background: _Rgb
    image: Path | None = None
    kind: Literal["logo", "photo"] = "photo"


@dataclass(frozen=True)
class Icon:
    """One published icon; ``url`` is site-relative."""

    url: str
    size: int
    purpose: Literal["any", "maskable"]


class IconMaker:
    """Draws (or finds in the cache) a site's icons, then copies them into the built site."""

    def __init__(self, cache_dir: Path) -> None:
        self._root = cache_dir / "icons"
        self._files: dict[str, Path] = {}

    def make(self, source: IconSource, warn: Callable[[str], None] | None = None) -> list[Icon]:
        """The icons of ``source``; an image that cannot be read gives way to the initials (with a warning)."""
        try:
            return self._make(source)
        except ImageError as error:
            if warn:
                warn(str(error))
            return self._make(IconSource(source.name, source.colour, source.background))

    def publish(self, site_dir: Path) -> None:
        for url, path in self._files.items():
            copy_into(site_dir, url, path)

    def _make(self, source: IconSource) -> list[Icon]:
        key = icon_key(source)
        entry = self._root / key
        wanted: list[tuple[int, Literal["any", "maskable"]]] = [(size, "any") for size in SIZES] + [(MASKABLE, "maskable")]
        names = {(size, purpose): f"{key}-{'maskable-' if purpose == 'maskable' else ''}{size}.png" for size, purpose in wanted}
        if not all((entry / name).is_file() for name in names.values()):
            write_folder(entry, {name: encode(draw(source, size, purpose), photo=source.image is not None and source.kind == "photo")
                           for (size, purpose), name in names.items()})
        self._files = {f"{URL_DIR}/{name}": entry / name for name in names.values()}
        return [Icon(f"{URL_DIR}/{name}", size, purpose) for (size, purpose), name in names.items()]


def icon_key(source: IconSource) -> str:
    """sha256 over the image's bytes (or the name), the colours and the layout."""
    digest = hashlib.sha256(f"{LAYOUT_VERSION}\0{source.kind}\0{source.colour}\0{source.background}\0".encode())
    if source.image is not None:
        with source.image.open("rb") as f:
            digest.update(hashlib.file_digest(f, "sha256").digest())
    else:
        digest.update(initials(source.name).encode())
    return digest.hexdigest()[:16]


def draw(source: IconSource, size: int, purpose: Literal["any", "maskable"]) -> Image.Image:
    """One square icon of ``size`` pixels (RGB)."""
    if source.image is None:
        return _initials_icon(source, size)
    im = decode_srgb(source.image, max_pixels=MAX_PIXELS, cover=(size, size))
    if source.kind == "photo":  # a photo fills the square; a mask only trims its edges
        return ImageOps.fit(im.convert("RGB"), (size, size), Image.Resampling.LANCZOS)
    canvas = Image.new("RGB", (size, size), source.background)
    side = round(size * _LOGO_AREA[purpose])
    logo = ImageOps.contain(im, (side, side), Image.Resampling.LANCZOS)
    canvas.paste(logo, ((size - logo.width) // 2, (size - logo.height) // 2), logo if logo.mode == "RGBA" else None)
    return canvas


def initials(name: str) -> str:
    """Up to two letters: the first of the name's first two words ("Portal Rencana Kawasan" → "PR")."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in name).split() if w]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def _initials_icon(source: IconSource, size: int) -> Image.Image:
    """The initials, white (or near-black on a light colour), on the theme colour; inside the maskable safe zone."""
    im = Image.new("RGB", (size, size), source.colour)
    text = initials(source.name)
    ink = (255, 255, 255) if 1.05 / (luminance(source.colour) + 0.05) >= 3 else (26, 26, 26)
    pen = ImageDraw.Draw(im)
    type_size = round(size * (0.36 if len(text) > 1 else 0.44))
    pen.text((size / 2, size / 2), text, font=dejavu(True, type_size), fill=ink, anchor="mm")
    return im


def encode(im: Image.Image, *, photo: bool) -> bytes:
    """A PNG; a photo in 256 colours (a third of the bytes, no visible loss at icon sizes)."""
    if photo:
        im = im.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.FLOYDSTEINBERG)
    buffer = io.BytesIO()
    im.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
