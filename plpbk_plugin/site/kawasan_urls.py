"""Where the pages and files of one kawasan live, in one of the site's languages."""

from __future__ import annotations

from dataclasses import dataclass

from ..plan.model import Call
from .settings import kawasan_path
from .specs import join
from .urls import Urls


@dataclass(frozen=True)
class KawasanUrls:
    """URL rules of a kawasan: its pages under ``root`` (the language's prefix and ``home``), its shared files under ``home``."""

    urls: Urls
    lang: str
    languages: tuple[str, ...]
    home: str  # "" on a community's own site, the kawasan's slug on a portal

    @property
    def root(self) -> str:
        """Where this language's pages of the kawasan live."""
        return kawasan_path(self.lang, self.languages, self.home)

    def path(self, *parts: str) -> str:
        """A page's (or a file's) site-relative path, beside the pages in this language."""
        return join(self.root, *parts)

    def data_path(self, *parts: str) -> str:
        """Files shared by every language (open data, documents) live with the first language's pages."""
        return join(self.home, *parts)

    def url(self, *parts: str) -> str:
        """A page's site-relative URL."""
        return self.urls.page(self.path(*parts))

    def absolute_url(self, *parts: str) -> str | None:
        """A page's absolute URL (needs ``site_url``)."""
        return self.urls.absolute(self.url(*parts))

    def address(self, *parts: str) -> str:
        """A page's absolute URL, or its site-relative one on a site without ``site_url`` (feeds, data files)."""
        return self.absolute_url(*parts) or self.url(*parts)

    def alternates(self, *parts: str) -> tuple[tuple[str, str], ...]:
        """This page in every language of the site."""
        return tuple((lang, self.urls.page(kawasan_path(lang, self.languages, self.home, *parts))) for lang in self.languages)

    def proposal_url(self, call: Call | None = None) -> str:
        """Where a proposal PDF is published, beside the page in its language: the kawasan's, or a call's."""
        return self.path("kemitraan", call.id, "proposal.pdf") if call else self.path("proposal.pdf")

    def flyer_code(self) -> tuple[str, str] | None:
        """The address the flyer's QR code leads to (the kawasan home), and where its PNG is published."""
        target = self.absolute_url()
        return None if target is None else (target, self.path("cetak", "qr.png"))
