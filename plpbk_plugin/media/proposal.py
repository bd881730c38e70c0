"""Proposal PDFs: HTML documents (rendered by the site from its templates) printed to A4.

Each PDF is cached under ``cache_dir/proposals/`` by a hash of its HTML, the layout version and
the printer's version, and printed by worker processes while the pages build (like the share
cards). A photo travels inside the document as a ``data:`` URL, so the PDF does not depend on the
folder a site is built in. The printer itself (WeasyPrint) lives in ``printing`` and is imported
only by a job that prints.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from ..filesystem import BackgroundFiles, write_atomic

MAX_PROPOSAL_BYTES = 1536 * 1024
LAYOUT_VERSION = 2  # the printer's settings and font faces (printing.py); raise it when they change


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
    """sha256 over the layout version, WeasyPrint's version and the document."""
    return hashlib.sha256(json.dumps([LAYOUT_VERSION, _printer_version(), proposal.html]).encode()).hexdigest()[:20]


@cache
def _printer_version() -> str:
    return metadata.version("weasyprint")


def _print_to(url: str, proposal: Proposal, target: Path) -> None:
    """Print one proposal into the cache (a worker's job)."""
    from .printing import print_pdf  # deferred: WeasyPrint's import is paid only when something is printed

    pdf = print_pdf(proposal.html)
    if len(pdf) > MAX_PROPOSAL_BYTES:
        raise ProposalError(f"{url}: {len(pdf) // 1024} KB > {MAX_PROPOSAL_BYTES // 1024} KB")
    write_atomic(target, pdf)
