"""Proposal PDFs: HTML documents (rendered by the site from its templates) printed to A4 by WeasyPrint.

Each PDF is cached under ``cache_dir/proposals/`` by a hash of its HTML, the files it shows and
the printer's version, and printed by worker processes while the pages build (like the share
cards). Only the shipped DejaVu fonts and ``data:`` URLs are read: a plan's Markdown that names a
web image never makes the build wait on the network, and a photo travels inside the document (so
the PDF does not depend on the folder a site is built in).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import weasyprint
from PIL import ImageFile
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .cache import BackgroundFiles, write_atomic

# Importing WeasyPrint makes every Pillow decode of the process accept truncated files; the checks of
# the plans' photos must not (a cut-off upload is reported to the editor), so that is undone here.
ImageFile.LOAD_TRUNCATED_IMAGES = False

FONTS = Path(__file__).parents[1] / "fonts"
MAX_PROPOSAL_BYTES = 1536 * 1024
LAYOUT_VERSION = 1
_FONT_FACES = "\n".join(
    f'@font-face {{ font-family: "DejaVu Sans"; font-weight: {weight}; font-style: {style}; src: url("{(FONTS / name).as_uri()}"); }}'
    for weight, style, name in (
        ("normal", "normal", "DejaVuSans.ttf"),
        ("bold", "normal", "DejaVuSans-Bold.ttf"),
        ("normal", "italic", "DejaVuSans.ttf"),  # no oblique face is shipped: the upright one, never a system font
        ("bold", "italic", "DejaVuSans-Bold.ttf"),
    )
)


class ProposalError(Exception):
    """A proposal that cannot be printed (named by its URL)."""


@dataclass(frozen=True)
class Proposal:
    """One PDF to make: a complete HTML document (its pictures as ``data:`` URLs)."""

    html: str


class ProposalMaker(BackgroundFiles):
    """Prints proposals into ``cache_dir/proposals/`` (keyed by content) and copies them into the site."""

    def __init__(self, cache_dir: Path, *, workers: int | None = None) -> None:
        super().__init__(cache_dir / "proposals", workers)

    def make(self, proposals: Mapping[str, Proposal], *, wait: bool = True) -> None:
        """Print (or reuse) each proposal; keys are site-relative URLs ending in ``.pdf``.

        With ``wait=False`` the missing ones are printed by worker processes while the build
        goes on; ``publish()`` (or ``wait()``) waits for them.
        """
        self.wait()
        keys = {url: _key(proposal) for url, proposal in proposals.items()}
        todo = {key for key in keys.values() if not (self._root / f"{key}.pdf").is_file()}
        jobs = [(url, proposals[url], self._root / f"{key}.pdf") for url, key in sorted(keys.items()) if key in todo]
        self._start(_print_to, list({job[2]: job for job in jobs}.values()))
        self._files = {url: self._root / f"{key}.pdf" for url, key in keys.items()}
        if wait:
            self.wait()


def _key(proposal: Proposal) -> str:
    """sha256 over the layout version, WeasyPrint's version, the fonts and the document."""
    return hashlib.sha256(json.dumps([LAYOUT_VERSION, weasyprint.__version__, _FONT_FACES, proposal.html]).encode()).hexdigest()[:20]


def _print_to(url: str, proposal: Proposal, target: Path) -> None:
    try:
        pdf = print_pdf(proposal)
    except ProposalError as error:
        raise ProposalError(f"{url}: {error}") from None
    write_atomic(target, pdf)


def print_pdf(proposal: Proposal) -> bytes:
    """The proposal as PDF bytes: A4, DejaVu embedded (subset), text selectable."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # unsupported CSS of an override is not the editor's problem
    fonts, faces = _fonts()
    document = weasyprint.HTML(string=proposal.html, url_fetcher=_FontsAndData())
    pdf = document.write_pdf(
        stylesheets=[faces],
        font_config=fonts,
        uncompressed_pdf=False,
        custom_metadata=False,
    )
    if len(pdf) > MAX_PROPOSAL_BYTES:
        raise ProposalError(f"{len(pdf) // 1024} KB > {MAX_PROPOSAL_BYTES // 1024} KB")
    return pdf


@cache
def _fonts() -> tuple[FontConfiguration, weasyprint.CSS]:
    """The shipped DejaVu faces, loaded once per process and shared by all its proposals."""
    fonts = FontConfiguration()
    return fonts, weasyprint.CSS(string=_FONT_FACES, font_config=fonts, url_fetcher=_FontsAndData())


class _FontsAndData(URLFetcher):
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
