"""Share cards (1200×630 Open Graph images) and QR codes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import astuple, dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import segno
from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps

from .images import MAX_PIXELS, ImageError, copy_into, decode_srgb, encode, parallel_map, write_atomic

SIZE = (1200, 630)
MAX_CARD_BYTES = 300 * 1024
LAYOUT_VERSION = 1
_FONTS = Path(__file__).parent / "fonts"
# suffix -> (Pillow format, encoder settings; later ones are fallbacks for files over MAX_CARD_BYTES)
_FORMATS: dict[str, tuple[str, tuple[dict[str, Any], ...]]] = {
    ".jpg": ("JPEG", tuple({"quality": q, "subsampling": 0, "progressive": True, "optimize": True} for q in (86, 76, 66))),
    ".png": ("PNG", ({"optimize": True},)),
}
_PANEL = 760  # text panel width when there is a photo
_PLAIN_TEXT_WIDTH = 840  # text width without a photo, clear of the rings
_PAD = 64
_INK = (255, 255, 255)
_MUTED = (214, 222, 221)


@dataclass(frozen=True)
class Card:
    """Text and photo of one share card; strings arrive already localized and formatted."""

    title: str
    subtitle: str
    eyebrow: str
    figure_label: str
    figure_value: str
    site_name: str
    photo: Path | None
    accent: str = "#00897b"


class CardMaker:
    """Renders cards into ``cache_dir/cards/`` (keyed by content), then copies them into the site."""

    def __init__(self, cache_dir: Path, *, workers: int | None = None) -> None:
        self._root = cache_dir / "cards"
        self._workers = workers
        self._files: dict[str, Path] = {}  # url -> cached file, from the last make()

    def make(self, cards: Mapping[str, Card]) -> dict[str, str]:
        """Render (or reuse) each card; keys are site-relative URLs without suffix, e.g. "tambak-sari/kartu".

        Returns each key's URL: the key plus ".jpg" or ".png", whichever encodes smaller.
        """
        keys = {stem: _card_key(card) for stem, card in cards.items()}
        todo = {key: cards[stem] for stem, key in keys.items() if not self._cached(key)}
        parallel_map(_render_to, [(card, self._root / key) for key, card in todo.items()], self._workers)
        sources = {stem: self._cached(key) for stem, key in keys.items()}
        self._files = {stem + source.suffix: source for stem, source in sources.items()}
        return {stem: stem + source.suffix for stem, source in sources.items()}

    def publish(self, site_dir: Path) -> None:
        """Copy every card of the last ``make()`` to ``site_dir/<url>``."""
        for url, source in self._files.items():
            copy_into(site_dir, url, source)

    def _cached(self, key: str) -> Path | None:
        return next((p for p in (self._root / f"{key}{suffix}" for suffix in _FORMATS) if p.is_file()), None)


def qr_svg(url: str, *, title: str) -> str:
    """Inline, scalable SVG QR code (dark on white, quiet zone 4) with an accessible title."""
    svg = segno.make_qr(url, error="m").svg_inline(
        title=title, border=4, dark="#000", light="#fff", omitsize=True, svgclass="plpbk-qr"
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def qr_png(url: str, path: Path, *, scale: int = 10) -> None:
    """Write a QR code PNG (quiet zone 4) for download or print."""
    path.parent.mkdir(parents=True, exist_ok=True)
    segno.make_qr(url, error="m").save(path, kind="png", scale=scale, border=4)


def _card_key(card: Card) -> str:
    """sha256 over the layout version, the card's text and colour, and the photo's bytes."""
    digest = hashlib.sha256(json.dumps([LAYOUT_VERSION, astuple(replace(card, photo=None))]).encode())
    if card.photo:
        try:
            digest.update(card.photo.read_bytes())
        except OSError:
            pass  # rendered without the photo
    return digest.hexdigest()[:16]


def _render_to(card: Card, base: Path) -> None:
    """Render ``card`` and store the smaller of its JPEG and PNG encodings at ``base`` + suffix."""
    im = render(card)
    encoded = {suffix: encode(im, fmt, attempts, MAX_CARD_BYTES) for suffix, (fmt, attempts) in _FORMATS.items()}
    suffix = min(encoded, key=lambda s: len(encoded[s]))
    write_atomic(base.with_suffix(suffix), encoded[suffix])


def render(card: Card) -> Image.Image:
    """Draw the card: text panel on the left, photo on the right (or a patterned accent field)."""
    accent = ImageColor.getrgb(card.accent)[:3]
    photo = _photo(card.photo, (SIZE[0] - _PANEL, SIZE[1]))
    panel = _mix(accent, (10, 16, 18), 0.8) if photo else _shade_for_white(accent)
    im = Image.new("RGB", SIZE, panel)
    if photo:
        im.paste(photo, (_PANEL, 0))
        im.paste(accent, (_PANEL, 0, _PANEL + 8, SIZE[1]))
    else:
        _pattern(im, accent)
    _text(ImageDraw.Draw(im), card, accent, width=_PANEL - 2 * _PAD if photo else _PLAIN_TEXT_WIDTH)
    return im


def _photo(path: Path | None, size: tuple[int, int]) -> Image.Image | None:
    """The photo cover-cropped to ``size``, or None when absent or unreadable."""
    if path is None:
        return None
    try:
        photo = decode_srgb(path, max_pixels=MAX_PIXELS, cover=size)
    except ImageError:
        return None
    return ImageOps.fit(photo.convert("RGB"), size, Image.Resampling.LANCZOS)


def _pattern(im: Image.Image, accent: tuple[int, int, int]) -> None:
    """Subtle dot grid fading to the right plus two large rings."""
    overlay = Image.new("RGBA", SIZE)
    draw = ImageDraw.Draw(overlay)
    for x in range(600, SIZE[0], 28):
        alpha = (x - 600) * 40 // 600
        for y in range(14, SIZE[1], 28):
            draw.ellipse((x - 2, y - 2, x + 2, y + 2), fill=(255, 255, 255, alpha))
    tint = (*_mix(accent, (255, 255, 255), 0.3), 46)
    draw.ellipse((840, -180, 1420, 400), outline=tint, width=36)
    draw.ellipse((980, 330, 1360, 710), outline=tint, width=18)
    im.paste(overlay, mask=overlay)


def _text(draw: ImageDraw.ImageDraw, card: Card, accent: tuple[int, int, int], width: int) -> None:
    """Eyebrow, title and subtitle from the top; figure and site name anchored to the bottom."""
    light = _mix(accent, (255, 255, 255), 0.6)
    y = _PAD + 24
    _line(draw, (_PAD, y), card.eyebrow.upper(), _font(False, 24), light, width)
    title_font, title = _fit_title(draw, card.title, width)
    y += 24
    for line in title:
        y += round(title_font.size * 1.16)
        draw.text((_PAD, y), line, font=title_font, fill=_INK, anchor="ls")
    y += 16
    for line in _wrap(draw, card.subtitle, _font(False, 28), width, 2):
        y += 38
        draw.text((_PAD, y), line, font=_font(False, 28), fill=_MUTED, anchor="ls")
    bottom = SIZE[1] - 48
    _line(draw, (_PAD, bottom), card.site_name, _font(True, 22), _MUTED, width)
    if card.figure_value:
        draw.rectangle((_PAD, bottom - 132, _PAD + 6, bottom - 48), fill=light)
        _line(draw, (_PAD + 24, bottom - 104), card.figure_label.upper(), _font(False, 22), _MUTED, width - 24)
        _line(draw, (_PAD + 24, bottom - 50), card.figure_value, _font(True, 48), _INK, width - 24)


def _line(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, font: ImageFont.FreeTypeFont,
          fill: tuple[int, int, int], width: int) -> None:
    """One line of text on baseline ``xy``, ellipsized to ``width``."""
    draw.text(xy, _clip(draw, text, font, width), font=font, fill=fill, anchor="ls")


def _fit_title(draw: ImageDraw.ImageDraw, title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """Largest title size that fits in 3 lines (the smallest size ellipsizes)."""
    for size in (60, 52, 46):
        lines = _wrap(draw, title, _font(True, size), width, 3)
        if not lines or not lines[-1].endswith("…"):
            break
    return _font(True, size), lines


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap by measured width; overflow is cut with an ellipsis."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += "…"
    return [_clip(draw, line, font, width) for line in lines]


def _clip(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """``text``, or as many whole words (else characters) as fit ``width`` with "…" appended."""
    def fits(candidate: str) -> bool:
        return draw.textlength(candidate, font=font) <= width

    if fits(text):
        return text
    words = text.rstrip(" …").split(" ")
    while len(words) > 1 and not fits(" ".join(words) + "…"):
        words.pop()
    text = " ".join(words)
    while text and not fits(text + "…"):
        text = text[:-1]
    return text + "…"


@cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"), size)


def _mix(a: tuple[int, ...], b: tuple[int, ...], t: float) -> tuple[int, int, int]:
    """``a`` moved ``t`` of the way towards ``b``."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def _shade_for_white(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    """``colour`` darkened until white text on it reaches WCAG contrast 4.5:1."""
    for step in range(11):
        shade = _mix(colour, (0, 0, 0), step / 10)
        if 1.05 / (_luminance(shade) + 0.05) >= 4.5:
            return shade
    return shade


def _luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance."""
    c = [v / 255 for v in rgb]
    c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
