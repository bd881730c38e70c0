"""The microsite of one kawasan in one language: its plan, its URLs and its figures, as templates,
the page specs (:mod:`.page_specs`), the open data and the adapter see them."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from ...i18n import DEFAULT_LANGUAGE
from ...media.images import Picture
from ...plan.figures import Totals, kawasan_totals, project_money
from ...plan.model import Call, Document, Plan, Project
from ...plan.reading.overlays import mark_fallbacks
from ..kawasan_urls import KawasanUrls
from ..opendata.feeds import FeedItem
from ..opendata.published import document_link, history_feed, progress_feed, published_files
from ..settings import Settings, kawasan_root
from .contact import ContactLinks, contact_about, partnership_issue_link
from .history import HistoryView


def in_language(plan: Plan, lang: str) -> Plan:
    """The plan as a page in ``lang`` shows it: translated where ``kawasan.<lang>.yml`` says, marked elsewhere."""
    if lang == DEFAULT_LANGUAGE:
        return plan
    kawasan = plan.translations.get(lang) or mark_fallbacks(plan.kawasan, None)
    return dataclasses.replace(plan, kawasan=kawasan)


class Microsite:
    """The microsite of one kawasan (templates see it as ``microsite``, and as ``pages`` in plpbk 0.1's name)."""

    def __init__(
        self,
        plan: Plan,
        settings: Settings,
        pictures: Mapping[Path, Picture],
        single: bool,
        print_photos: Mapping[Path, Path] | None = None,
    ) -> None:
        self.plan = plan
        self.kawasan = plan.kawasan
        self.settings = settings
        self.translator = settings.translator
        self.pictures = pictures
        self.print_photos = print_photos or {}  # photo -> its cached print-size variant (proposal covers)
        self._files: dict[str, Path] = {}
        self.urls = KawasanUrls(settings.urls, settings.translator.lang, settings.languages, kawasan_root(plan, single))
        self.home, self.root = self.urls.home, self.urls.root
        self.totals: Totals = kawasan_totals(self.kawasan)
        self.money = {p.id: project_money(p) for p in self.kawasan.projects}
        self.project_by_id = {p.id: p for p in self.kawasan.projects}
        self.open_calls = [c for c in self.kawasan.calls if not c.deadline or c.deadline >= settings.today.isoformat()]
        self.gallery = [g for g in (self.kawasan.photos.gallery if self.kawasan.photos else []) if self.file(g.file) in pictures]
        self.history = settings.history.get(plan.slug)
        linked = {"rencana": set(self.project_by_id), "kemitraan": {call.id for call in self.kawasan.calls}}  # what the history links to
        self.history_view = HistoryView(
            self.history, self.translator, repo_url=settings.repo_url, authors=settings.history_authors,
            link=lambda section, key: settings.urls.relative(self.url("riwayat"), self.url(section, key)) if key in linked[section] else None,
        ) if self.history else None

    # -- where things are (see ``KawasanUrls``) ----------------------------------------------------

    def path(self, *parts: str) -> str:
        return self.urls.path(*parts)

    def data_path(self, *parts: str) -> str:
        """Files shared by every language (open data, documents) live with the first language's pages."""
        return self.urls.data_path(*parts)

    def url(self, *parts: str) -> str:
        return self.urls.url(*parts)

    def absolute_url(self, *parts: str) -> str | None:
        """A page's absolute URL (needs ``site_url``)."""
        return self.urls.absolute_url(*parts)

    def proposal_url(self, call: Call | None = None) -> str:
        """Where a proposal PDF is published, beside the page in its language: the kawasan's, or a call's."""
        return self.urls.proposal_url(call)

    def flyer_code(self) -> tuple[str, str] | None:
        """The address the flyer's QR code leads to (the kawasan home), and where its PNG is published."""
        return self.urls.flyer_code()

    def file(self, relative: str) -> Path:
        """A file of the plan's folder, as the published photos are keyed."""
        found = self._files.get(relative)
        if found is None:
            found = self._files[relative] = (self.plan.folder / relative).resolve()
        return found

    # -- what there is -----------------------------------------------------------------------------

    def has(self, kind: str) -> bool:
        """Whether a page has something to show (an empty page is neither made nor linked)."""
        return {
            "kabar": bool(self.plan.news),
            "dokumen": True,  # the plan's own investment matrix (rencana-investasi.xlsx) is always there
            "galeri": bool(self.gallery),
            "riwayat": bool(self.history and self.history.entries),
        }.get(kind, True)

    def hero_file(self) -> Path | None:
        photos = self.kawasan.photos
        if photos and photos.hero and self.file(photos.hero) in self.pictures:
            return self.file(photos.hero)
        return None

    def call_projects(self, call: Call) -> list[Project]:
        """The projects a call names, once each, in its order."""
        return [self.project_by_id[pid] for pid in dict.fromkeys(call.projects)]

    def contact_for(self, call: Call | None = None, project: Project | None = None) -> ContactLinks:
        """The BKM's contact (or a call's own), with a message naming what it is about."""
        return contact_about(self.translator, self.kawasan, call=call, project=project)

    def issue_link(self, about: str) -> str | None:
        """A GitHub issue form for a partnership offer, when the site has a repository."""
        return partnership_issue_link(self.translator, self.kawasan, self.settings.repo_url, about)

    # -- published beside the pages (see ``opendata.published``) -------------------------------------

    def document(self, doc: Document) -> dict[str, str | None]:
        """Where a document file is published, and its size for the visitor."""
        return document_link(self.plan, doc, self.urls, self.translator)

    def published_files(self) -> dict[str, Path]:
        """Plan files published as they are (documents), by site-relative URL."""
        return published_files(self.plan, self.urls)

    def has_feed(self) -> bool:
        """A feed of the news, the progress notes with photos, and the plan's changes where the site asks for them."""
        return bool(self.plan.news or self.history_feed() or self.progress_feed())

    def progress_feed(self) -> list[FeedItem]:
        """The progress notes with a published photo, as feed items."""
        return progress_feed(self.plan, self.pictures, self.translator, self.urls)

    def history_feed(self) -> list[FeedItem]:
        """The plan's changes as feed items, when the site's option ``history_feed`` asks for them."""
        return history_feed(self.history_view, self.kawasan.name, self.urls, self.settings.history_feed)
