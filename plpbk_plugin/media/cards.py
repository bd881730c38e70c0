"""Share cards: the 1200×630 Open Graph images of link previews."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import astuple, dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps

from ..filesystem import PACKAGE_DIR, BackgroundFiles, StampMemo, file_sha256, write_atomic
from .images import MAX_PIXELS, ImageError, decode_srgb, encode

SIZE = (1200, 630)
MAX_CARD_BYTES = 300 * 1024
LAYOUT_VERSION = 1
_FONTS = PACKAGE_DIR / "fonts"
# suffix -> (Pillow format, encoder settings; later ones are fallbacks for files over MAX_CARD_BYTES).
# PNG at zlib's default level: `optimize` (level 9) costs 5× the time for ~4 % fewer bytes, and a
# portal of thousands of pages makes thousands of cards.
_FORMATS: dict[str, tuple[str, tuple[dict[str, Any], ...]]] = {
    # Baseline JPEG with the standard Huffman tables: progressive + optimized tables saved ~10 % of a
    # card's bytes for 6× the encoding time (half of a card's cost), and link previews are
    # fetched whole by the apps' crawlers, never shown while loading.
    ".jpg": ("JPEG", tuple({"quality": q, "subsampling": 0} for q in (86, 76, 66))),
    ".png": ("PNG", ({"compress_level": 6},)),
}
_MAX_CHARS = 400  # more than one line of the card can show at its smallest font size
_PANEL = 760  # text panel width when there is a photo
_PLAIN_TEXT_WIDTH = 840  # text width without a photo, clear of the rings
_PAD = 64
_INK = (255, 255, 255)
_MUTED = (214, 222, 221)


@dataclass(frozen=True)
class ShareCard:
    """Text and photo of one share card; strings arrive already localized and formatted."""

    title: str
    subtitle: str
    eyebrow: str
    figure_label: str
    figure_value: str
    site_name: str
    photo: Path | None
    accent: str = "#00897b"


class CardMaker(BackgroundFiles):
    """Renders cards into ``cache_dir/cards/`` (keyed by content), then copies them into the site."""

    def __init__(self, cache_dir: Path, *, workers: int | None = None) -> None:
        super().__init__(cache_dir / "cards", workers)
        self._photos = StampMemo(cache_dir / "stamps" / "cards.json")  # photo stamp -> sha256, between builds

    def make(self, cards: Mapping[str, ShareCard], *, wait: bool = True) -> dict[str, str]:
        """Render (or reuse) each card; keys are site-relative URLs without suffix, e.g. "tambak-sari/kartu".

        Returns each key's URL: the key plus ".jpg" for a card with a photo, ".png" for one
        without. With ``wait=False`` the missing cards are rendered by worker processes while
        the build goes on; ``publish()`` (or ``wait()``) waits for them.
        """
        self._discard()
        photos: dict[Path | None, str | None] = {
            card.photo: file_sha256(card.photo, self._photos) for card in cards.values() if card.photo}
        self._photos.save()
        keys = {stem: _card_key(card, photos.get(card.photo)) for stem, card in cards.items()}
        cached = {key: path for key in set(keys.values()) if (path := self._cached(key))}
        todo = {key: cards[stem] for stem, key in keys.items() if key not in cached}
        suffixes = {key: ".jpg" if photos.get(card.photo) else ".png" for key, card in todo.items()}
        # Cards that share a photo (the same bytes) go to the same worker one after another: decoded once.
        jobs = sorted(todo.items(), key=lambda item: (photos.get(item[1].photo) or "", item[0]))
        self._start(_render_to, [(card, self._root / key, photos.get(card.photo), suffixes[key]) for key, card in jobs])
        if wait:
            self.wait()
        sources = {stem: self._root / f"{key}{suffixes[key]}" if key in suffixes else cached[key] for stem, key in keys.items()}
        self._files = {stem + source.suffix: source for stem, source in sources.items()}
        return {stem: stem + source.suffix for stem, source in sources.items()}

    def _discard(self) -> None:
        """Finish the work of a build that stopped before publishing (``mkdocs serve`` after an error)."""
        try:
            self.wait()
        except Exception:
            pass

    def _cached(self, key: str) -> Path | None:
        return next((p for p in (self._root / f"{key}{suffix}" for suffix in _FORMATS) if p.is_file()), None)


def _card_key(card: ShareCard, photo_sha256: str | None) -> str:
    """sha256 over the layout version, the encoder settings, the card's text and colour, and the photo's hash.

    ``photo_sha256`` is ``None`` without a photo or when it cannot be read (rendered without it).
    """
    text = json.dumps([LAYOUT_VERSION, _FORMATS, astuple(replace(card, photo=None)), photo_sha256])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _render_to(card: ShareCard, base: Path, photo_sha256: str | None = None, suffix: str | None = None) -> None:
    """Render ``card`` and store it at ``base`` + suffix: JPEG for a photo, PNG for flat colour and text.

    A photo never gets smaller as PNG, and flat colour with text stays far below MAX_CARD_BYTES
    as PNG; JPEG lowers its quality to fit. ``suffix`` comes from the caller, who publishes the
    card's URL before the card is rendered.
    """
    im, with_photo = _draw(card, photo_sha256)
    suffix = suffix or (".jpg" if with_photo else ".png")
    fmt, attempts = _FORMATS[suffix]
    write_atomic(base.with_suffix(suffix), encode(im, fmt, attempts, MAX_CARD_BYTES))


def render(card: ShareCard) -> Image.Image:
    """Draw the card: text panel on the left, photo on the right (or a patterned accent field)."""
    return _draw(card)[0]


def _draw(card: ShareCard, photo_sha256: str | None = None) -> tuple[Image.Image, bool]:
    """The card, and whether it shows a photo (an unreadable photo gives the patterned card)."""
    accent = ImageColor.getrgb(card.accent)[:3]
    base, with_photo = _background(card.photo, photo_sha256 or (card.photo, _file_stamp(card.photo)), accent)
    im = base.copy()
    _text(ImageDraw.Draw(im), card, accent, width=_PANEL - 2 * _PAD if with_photo else _PLAIN_TEXT_WIDTH)
    return im, with_photo


def _background(path: Path | None, identity: object, accent: tuple[int, int, int]) -> tuple[Image.Image, bool]:
    """The card without its text, made once per photo and colour (the last few are kept).

    ``identity`` is the photo's content hash (or its path, size and time): the same bytes under
    another name are not decoded again, an edited photo is.
    """
    key = (identity if path else None, accent)
    if key not in _BACKGROUNDS:
        if len(_BACKGROUNDS) >= 8:
            del _BACKGROUNDS[next(iter(_BACKGROUNDS))]
        _BACKGROUNDS[key] = _make_background(path, accent)
    return _BACKGROUNDS[key]


_BACKGROUNDS: dict[tuple[object, tuple[int, int, int]], tuple[Image.Image, bool]] = {}


def _make_background(path: Path | None, accent: tuple[int, int, int]) -> tuple[Image.Image, bool]:
    photo = _photo(path, (SIZE[0] - _PANEL, SIZE[1]))
    panel = _mix(accent, (10, 16, 18), 0.8) if photo else _shade_for_white(accent)
    im = Image.new("RGB", SIZE, panel)
    if photo:
        im.paste(photo, (_PANEL, 0))
        im.paste(accent, (_PANEL, 0, _PANEL + 8, SIZE[1]))
    else:
        _pattern(im, accent)
    return im, photo is not None


def _file_stamp(path: Path | None) -> tuple[int, int] | None:
    try:
        stat = path.stat() if path else None
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns) if stat else None


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


def _text(draw: ImageDraw.ImageDraw, card: ShareCard, accent: tuple[int, int, int], width: int) -> None:
    """Eyebrow, title and subtitle from the top; figure and site name anchored to the bottom."""
    light = _mix(accent, (255, 255, 255), 0.6)
    y = _PAD + 24
    _line(draw, (_PAD, y), card.eyebrow.upper(), dejavu(False, 24), light, width)
    title_font, title = _fit_title(draw, card.title, width)
    y += 24
    for line in title:
        y += round(title_font.size * 1.16)
        draw.text((_PAD, y), line, font=title_font, fill=_INK, anchor="ls")
    y += 16
    for line in _wrap(draw, card.subtitle, dejavu(False, 28), width, 2):
        y += 38
        draw.text((_PAD, y), line, font=dejavu(False, 28), fill=_MUTED, anchor="ls")
    bottom = SIZE[1] - 48
    _line(draw, (_PAD, bottom), card.site_name, dejavu(True, 22), _MUTED, width)
    if card.figure_value:
        draw.rectangle((_PAD, bottom - 132, _PAD + 6, bottom - 48), fill=light)
        _line(draw, (_PAD + 24, bottom - 104), card.figure_label.upper(), dejavu(False, 22), _MUTED, width - 24)
        _line(draw, (_PAD + 24, bottom - 50), card.figure_value, dejavu(True, 48), _INK, width - 24)


def _line(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, font: ImageFont.FreeTypeFont,
          fill: tuple[int, int, int], width: int) -> None:
    """One line of text on baseline ``xy``, ellipsized to ``width``."""
    draw.text(xy, _clip(draw, text, font, width), font=font, fill=fill, anchor="ls")


def _fit_title(draw: ImageDraw.ImageDraw, title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """Largest title size that fits in 3 lines (the smallest size ellipsizes)."""
    for size in (60, 52, 46):
        lines = _wrap(draw, title, dejavu(True, size), width, 3)
        if not lines or not lines[-1].endswith("…"):
            break
    return dejavu(True, size), lines


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap by measured width; overflow is cut with an ellipsis."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] += f" {word}"
        elif len(lines) == max_lines:  # one more line: the text overflows, no need to measure the rest
            lines.append(word)
            break
        else:
            lines.append(word[:_MAX_CHARS])
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += "…"
    return [_clip(draw, line, font, width) for line in lines]


def _clip(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """``text``, or as many whole words (else characters) as fit ``width`` with "…" appended."""
    def fits(candidate: str) -> bool:
        return draw.textlength(candidate, font=font) <= width

    def longest(count: int, fit: Callable[[int], bool]) -> int:
        """The largest n in [0, count] with fit(n) (fit(0) assumed), by bisection: a 5000-character
        name must not cost thousands of measurements of itself."""
        low, high = 0, count
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if fit(middle) else (low, middle - 1)
        return low

    text = text[: _MAX_CHARS + 1]
    if len(text) <= _MAX_CHARS and fits(text):
        return text
    words = text.rstrip(" …").split(" ")
    words = words[: max(1, longest(len(words), lambda n: n == 0 or fits(" ".join(words[:n]) + "…")))]
    text = " ".join(words)
    return text[: longest(len(text), lambda n: n == 0 or fits(text[:n] + "…"))] + "…"


@cache
def dejavu(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"), size)


def _mix(a: tuple[int, ...], b: tuple[int, ...], t: float) -> tuple[int, int, int]:
    """``a`` moved ``t`` of the way towards ``b``."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def _shade_for_white(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    """``colour`` darkened until white text on it reaches WCAG contrast 4.5:1."""
    for step in range(11):
        shade = _mix(colour, (0, 0, 0), step / 10)
        if 1.05 / (luminance(shade) + 0.05) >= 4.5:
            return shade
    return shade


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance."""
    c = [v / 255 for v in rgb]
    c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
