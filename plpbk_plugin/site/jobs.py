"""The build's jobs on files: photos, share cards, proposals, QR codes and compiled pages, each kept
in the cache folder between builds (and between the rebuilds of `mkdocs serve`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..media.cards import CardMaker
from ..media.images import ImagePipeline
from ..media.proposal import ProposalMaker
from ..media.qr import QrCodes
from .rendering.page_cache import PageCache


class Jobs:
    """The makers of one cache folder; the photos are prepared first, the cards and the proposals
    are made by worker processes while MkDocs renders the pages, and all are published at the end."""

    def __init__(self, cache: Path, info: Callable[[str], None]) -> None:
        self.cache = cache
        self.images = ImagePipeline(cache, log=info)
        self.cards = CardMaker(cache)
        self.page_cache = PageCache(cache)
        self.qr_codes = QrCodes(cache)
        self.proposals = ProposalMaker(cache)

    def publish(self, site_dir: Path) -> None:
        """Photos, cards and proposals into the built site (waiting for the workers still at it)."""
        self.images.publish(site_dir)
        self.cards.publish(site_dir)
        self.proposals.publish(site_dir)
