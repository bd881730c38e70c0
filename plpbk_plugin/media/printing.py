"""WeasyPrint, the proposals' printer: an HTML document to A4 PDF bytes with the shipped DejaVu.

Importing WeasyPrint costs about half a second, so this module is imported only by the job that
prints a proposal (``proposal._print_to``), never by a build that finds every PDF in its cache.
Only the shipped fonts and ``data:`` URLs are read: a plan's Markdown that names a web image never
makes the build wait on the network.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import weasyprint
from PIL import ImageFile
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from ..filesystem import PACKAGE_DIR

# Importing WeasyPrint makes every Pillow decode of the process accept truncated files; the checks of
# the plans' photos must not (a cut-off upload is reported to the editor), so that is undone here.
ImageFile.LOAD_TRUNCATED_IMAGES = False

FONTS = PACKAGE_DIR / "fonts"
FONT_FACES = "\n".join(
    f'@font-face {{ font-family: "DejaVu Sans"; font-weight: {weight}; font-style: {style}; src: url("{(FONTS / name).as_uri()}"); }}'
    for weight, style, name in (
        ("normal", "normal", "DejaVuSans.ttf"),
        ("bold", "normal", "DejaVuSans-Bold.ttf"),
        ("normal", "italic", "DejaVuSans.ttf"),  # no oblique face is shipped: the upright one, never a system font
        ("bold", "italic", "DejaVuSans-Bold.ttf"),
    )
)


def print_pdf(html: str) -> bytes:
    """A complete HTML document as PDF bytes: A4 (the document's @page), DejaVu embedded (subset), text selectable."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # unsupported CSS of an override is not the editor's problem
    fonts, faces = _fonts()
    document = weasyprint.HTML(string=html, url_fetcher=_FontsAndData())
    pdf: bytes = document.write_pdf(stylesheets=[faces], font_config=fonts, uncompressed_pdf=False, custom_metadata=False)
    return pdf


@cache
def _fonts() -> tuple[FontConfiguration, weasyprint.CSS]:
    """The shipped DejaVu faces, loaded once per process and shared by all its documents."""
    fonts = FontConfiguration()
    return fonts, weasyprint.CSS(string=FONT_FACES, font_config=fonts, url_fetcher=_FontsAndData())


class _FontsAndData(URLFetcher):  # type: ignore[misc]  # WeasyPrint is untyped: its URLFetcher is Any to mypy
    """A WeasyPrint URL fetcher that reads the shipped fonts and ``data:`` URLs, nothing else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file", "data"})

    def fetch(self, url: str, headers: Any = None) -> Any:
        parts = urlsplit(url)
        if parts.scheme == "file" and not Path(unquote(parts.path)).resolve().is_relative_to(FONTS.resolve()):
            raise ValueError(f"not read while printing a proposal: {url[:200]}")
        if parts.scheme not in ("file", "data"):
            raise ValueError(f"not fetched while printing a proposal: {url[:200]}")
        return super().fetch(url, headers)
