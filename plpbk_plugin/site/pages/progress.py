"""A project's progress notes as a dated timeline with photo evidence: on its page and in the kawasan's feed.

Each note (``projects[].updates[]``) gets a stable anchor from its date (``kemajuan-2026-11-10``, ``-2``
for a second note of the same day), so the feed and the Riwayat can link to it. A note with photos
becomes a feed item carrying its first published photo (Media RSS ``media:content``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ...i18n import Translator
from ...media.images import Picture, Variant
from ...plan.model import Kawasan, Project, Update
from ..opendata.feeds import WIB, FeedImage, FeedItem

ANCHOR = "kemajuan"
FEED_WIDTH = 960
"""The photo variant a feed item carries: the largest JPEG up to this width (readers show it in a column)."""


@dataclass(frozen=True)
class Step:
    """One progress note, where it is on the project page."""

    anchor: str
    update: Update


def timeline(project: Project) -> list[Step]:
    """The project's notes, newest first; notes of one day keep the plan's order and anchors."""
    seen: dict[str, int] = {}
    steps = []
    for update in project.updates:
        n = seen[str(update.date)] = seen.get(str(update.date), 0) + 1
        steps.append(Step(f"{ANCHOR}-{update.date}" + (f"-{n}" if n > 1 else ""), update))
    return sorted(steps, key=lambda step: str(step.update.date), reverse=True)


def published(date: str) -> dt.datetime:
    """A note's date (``2026``, ``2026-11`` or ``2026-11-10``) as midnight in Jakarta on its first day."""
    parts = [int(part) for part in date.split("-")] + [1, 1]
    return dt.datetime(parts[0], parts[1], parts[2], tzinfo=WIB)


def feed_variant(picture: Picture) -> Variant:
    """The JPEG (or PNG) variant a feed reader gets: the widest up to :data:`FEED_WIDTH`, else the smallest."""
    fitting = [v for v in picture.fallback if v.width <= FEED_WIDTH]
    return fitting[-1] if fitting else picture.fallback[0]


def with_photos(kawasan: Kawasan, folder: Path, pictures: Mapping[Path, Picture]) -> bool:
    """Whether a progress note of the kawasan has a published photo (then its feed has progress items)."""
    return any((folder / photo.file).resolve() in pictures
               for project in kawasan.projects for update in project.updates for photo in update.photos)


def progress_items(
    kawasan: Kawasan,
    folder: Path,
    pictures: Mapping[Path, Picture],
    t: Translator,
    *,
    page_url: Callable[[Project], str],
    file_url: Callable[[str], str],
) -> list[FeedItem]:
    """The notes with a published photo as feed items, linking to their place on the project page.

    ``page_url``: a project's absolute page address; ``file_url``: a site-relative file's absolute address.
    """
    items = []
    for project in kawasan.projects:
        for step in timeline(project):
            photos = [(photo, pictures.get((folder / photo.file).resolve())) for photo in step.update.photos]
            shown = [(photo, picture) for photo, picture in photos if picture is not None]
            if not shown:
                continue
            photo, picture = shown[0]
            variant = feed_variant(picture)
            image = FeedImage(file_url(variant.url), variant.mime, variant.width, variant.height, photo.caption or "")
            items.append(FeedItem(
                title=t.gettext("Progress: %(project)s") % {"project": project.title},
                link=f"{page_url(project)}#{step.anchor}",
                published=published(str(step.update.date)),
                description=step.update.text,
                category=kawasan.name,
                image=image,
            ))
    return items
