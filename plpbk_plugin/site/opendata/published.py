"""What a kawasan publishes beside its pages, from its ``Plan`` and its URLs: the items its feed adds to
the news (progress photos, the plan's changes) and its documents."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote

from ...i18n import Translator
from ...media.images import Picture
from ...plan.model import Document, Plan
from ..kawasan_urls import KawasanUrls
from ..pages.history import HistoryView, feed_items
from ..pages.progress import progress_items
from .feeds import FeedItem


def progress_feed(plan: Plan, pictures: Mapping[Path, Picture], t: Translator, urls: KawasanUrls) -> list[FeedItem]:
    """The progress notes with a published photo, as feed items (see ``progress.progress_items``)."""
    return progress_items(plan.kawasan, plan.folder, pictures, t,
                          page_url=lambda project: urls.address("rencana", project.id),
                          file_url=lambda url: urls.urls.absolute(url) or url)


def history_feed(view: HistoryView | None, name: str, urls: KawasanUrls, wanted: bool) -> list[FeedItem]:
    """The plan's changes as feed items, when the site's option ``history_feed`` asks for them (``wanted``)."""
    if not (wanted and view and view.history.entries):
        return []
    page = urls.address("riwayat")
    return feed_items(view, name, lambda anchor: f"{page}#{anchor}")


def published_files(plan: Plan, urls: KawasanUrls) -> dict[str, Path]:
    """Plan files published as they are (documents), by site-relative URL."""
    files = [(plan.folder / doc.file).resolve() for doc in plan.kawasan.documents if doc.file]
    return {urls.data_path("dokumen", source.name): source for source in files}


def document_link(plan: Plan, doc: Document, urls: KawasanUrls, t: Translator) -> dict[str, str | None]:
    """Where a document file is published, and its size for the visitor."""
    if not doc.file:
        return {"url": None, "size": None}
    source = (plan.folder / doc.file).resolve()
    return {"url": urls.data_path("dokumen", quote(source.name)), "size": t.file_size(source.stat().st_size)}
