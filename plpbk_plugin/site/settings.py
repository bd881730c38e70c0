"""What a build knows about the site: its name, URLs, language(s), renderers and options."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..i18n import Translator, normalize_language
from ..media.qr import QrCodes
from ..plan.history.commits import PlanHistory
from ..plan.model import Plan
from ..plan.rules import build_date
from .rendering.markup import MarkdownRenderer
from .rendering.render import Renderer
from .specs import join
from .urls import Urls

Mode = Literal["auto", "portal", "single"]
MARKET = "kemitraan"
"""A portal's partnership market: ``/kemitraan/`` (and ``/kemitraan.csv``), like a kawasan's own Kemitraan page."""


@dataclass(frozen=True)
class IatiPublisher:
    """The organisation that reports the site's activities to IATI (options ``iati_org_ref``, ``iati_org_name``, ``iati_org_type``)."""

    ref: str  # its IATI organisation identifier, e.g. from the org-id.guide register it is listed in
    name: str | None = None  # None: the BKM's name on a community's own site, the site's name on a portal
    type: str = "24"  # IATI OrganisationType: 24 Partner Country based NGO (a BKM); 11 Local Government…


@dataclass(frozen=True)
class Settings:
    """What a build needs to know about the site."""

    site_name: str
    urls: Urls
    translator: Translator
    markdown: MarkdownRenderer
    renderer: Renderer
    mode: Mode = "auto"
    repo_url: str | None = None
    tiles: Mapping[str, str] | None = None
    languages: tuple[str, ...] = ("id",)
    group_above: int = 12  # a portal with more kawasan groups its home by province and city
    today: dt.date = field(default_factory=build_date)
    history: Mapping[str, PlanHistory] = field(default_factory=dict)
    """Each kawasan's changes from Git (by slug); empty without a Git history."""
    history_authors: bool = False
    history_feed: bool = False
    qr_codes: QrCodes = field(default_factory=QrCodes)  # where the flyers' QR codes are kept between builds
    offline: str | None = None
    """The file name of a kawasan's list for reading offline (beside its Beranda); ``None``: no offline reading."""
    iati: IatiPublisher | None = None  # who publishes the site's IATI activity files (none: no iati.xml)

    @property
    def prefix(self) -> str:
        """Where this language's pages live: the site root for the first language, ``en/`` for English."""
        return language_prefix(self.translator.lang, self.languages)


def site_languages(theme_language: str | None, configured: Sequence[str]) -> tuple[str, ...]:
    """The site's languages: the theme's first, then those of the plugin's ``languages`` option."""
    return tuple(dict.fromkeys([normalize_language(theme_language), *configured]))


def language_prefix(lang: str, languages: Sequence[str]) -> str:
    return "" if not languages or lang == languages[0] else lang


def is_single(plans: Sequence[Plan], mode: Mode, gathers: bool = False) -> bool:
    """One kawasan is the whole site unless the site forces a portal or gathers community sites."""
    return not gathers and (mode == "single" or (mode == "auto" and len(plans) == 1))


def market_path(lang: str, languages: Sequence[str]) -> str:
    """Where a portal's partnership market lives in one of the site's languages."""
    return join(language_prefix(lang, languages), MARKET)


def kawasan_root(plan: Plan, single: bool) -> str:
    """The path prefix of a kawasan's pages: "" for a community's own site."""
    return "" if single else plan.slug


def kawasan_path(lang: str, languages: Sequence[str], home: str, *parts: str) -> str:
    """Where a page of the kawasan at ``home`` lives in one of the site's languages."""
    return join(language_prefix(lang, languages), home, *parts)
