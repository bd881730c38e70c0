"""QR codes to a page: inline SVG for the page, PNG for download and print, kept in the cache folder."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Mapping
from functools import lru_cache, partial
from pathlib import Path

import segno

from ..filesystem import copy_into, write_atomic

QR_CACHE_FORMAT = 1
SCALE = 10  # PNG pixels per module: 370 px for a kawasan address, sharp on an A4 flyer
BORDER = 4  # the quiet zone the standard asks for, in modules
ERROR = "m"


class QrCodes:
    """QR codes made once per address and kept in ``cache_dir/qr/`` by content, like share cards.

    Encoding an address (choosing the mask) is the slow part: a cached code costs a file read.
    Without a cache folder (``None``) codes are made in memory only.
    """

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._root = cache_dir / "qr" if cache_dir else None

    def svg(self, url: str, *, title: str) -> str:
        """Inline, scalable SVG (dark on white, quiet zone 4) with an accessible title."""
        data, _ = self._get(f"{_key('svg', url, title)}.svg", lambda: qr_svg(url, title=title).encode(), _is_svg)
        return data.decode()

    def publish(self, site_dir: Path, codes: Mapping[str, str]) -> None:
        """Put the PNG (quiet zone 4) of each address at its site-relative URL: ``{url: address}``."""
        for url, address in codes.items():
            data, cached = self._get(f"{_key('png', address, '')}.png", partial(_qr_png, address), _is_png)
            if cached is not None:
                copy_into(site_dir, url, cached)
            else:
                target = site_dir / url
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)

    def _get(self, name: str, make: Callable[[], bytes], valid: Callable[[bytes], bool]) -> tuple[bytes, Path | None]:
        """The file's bytes, and where it is cached (``None`` without a usable cache); damaged files are made again."""
        if self._root is None:
            return make(), None
        path = self._root / name
        try:
            data = path.read_bytes()
            if valid(data):
                return data, path
        except OSError:
            pass
        data = make()
        try:
            write_atomic(path, data)
        except OSError:  # a read-only cache still works: the code is made again next time
            return data, None
        return data, path


def _is_svg(data: bytes) -> bool:
    return data.startswith(b"<svg ") and data.rstrip().endswith(b"</svg>")


def _is_png(data: bytes) -> bool:
    return data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")


def _key(kind: str, url: str, title: str) -> str:
    """sha256 over what the file is made from: format, address, title, sizes and the encoder's version."""
    text = json.dumps([QR_CACHE_FORMAT, kind, url, title, SCALE, BORDER, ERROR, segno.__version__])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@lru_cache(maxsize=1024)
def _qr(url: str) -> segno.QRCode:
    return segno.make_qr(url, error=ERROR)


def qr_svg(url: str, *, title: str) -> str:
    """Inline, scalable SVG QR code (dark on white, quiet zone 4) with an accessible title."""
    svg = _qr(url).svg_inline(
        title=title, border=BORDER, dark="#000", light="#fff", omitsize=True, svgclass="plpbk-qr"
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def _qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    _qr(url).save(buffer, kind="png", scale=SCALE, border=BORDER)
    return buffer.getvalue()
