"""QR codes to a page: inline SVG for the page, PNG for download and print."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import segno


@lru_cache(maxsize=1024)
def _qr(url: str) -> segno.QRCode:
    return segno.make_qr(url, error="m")


@lru_cache(maxsize=1024)
def qr_svg(url: str, *, title: str) -> str:
    """Inline, scalable SVG QR code (dark on white, quiet zone 4) with an accessible title."""
    svg = _qr(url).svg_inline(
        title=title, border=4, dark="#000", light="#fff", omitsize=True, svgclass="plpbk-qr"
    )
    return svg.replace("<svg ", '<svg role="img" ', 1)


def qr_png(url: str, path: Path, *, scale: int = 10) -> None:
    """Write a QR code PNG (quiet zone 4) for download or print."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_qr_png(url, scale))


@lru_cache(maxsize=1024)
def _qr_png(url: str, scale: int) -> bytes:
    buffer = io.BytesIO()
    _qr(url).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
