"""Page specs: what the adapter turns into one MkDocs page each (no MkDocs here)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .urls import Urls


def join(*parts: str) -> str:
    """A site-relative path from its non-empty parts."""
    return "/".join(part for part in parts if part)


@dataclass(frozen=True)
class Share:
    """What a link preview (WhatsApp, Facebook, X) shows."""

    title: str
    description: str
    eyebrow: str
    figure_label: str
    figure_value: str
    photo: Path | None
    card: str  # site-relative URL of the 1200×630 card, without its extension


@dataclass(frozen=True)
class PageSpec:
    """One generated page."""

    path: str  # "tambak-sari/rencana" ("" for the root)
    kind: str
    title: str
    description: str
    body: str
    share: Share
    slug: str | None = None
    source: Path | None = None
    jsonld: str | None = None
    lang: str = "id"
    alternates: tuple[tuple[str, str], ...] = ()  # (language, site-relative URL) of this page in every language
    head: str = ""  # more for the page's <head> (HTML): the market's filter rules, the oEmbed discovery link

    @property
    def src_uri(self) -> str:
        return Urls.src_uri(self.path)


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str  # site-relative
    kind: str


def card_url(path: str) -> str:
    """Where a page's share card is published (beside the page; the card maker adds the extension)."""
    return f"{path}/og" if path else "og"
