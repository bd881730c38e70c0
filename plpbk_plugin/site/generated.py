"""What a build makes of its page specs besides their bodies, for any engine: the photos to prepare,
each generated page's source (front matter only) and its share card."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path

from ..media.cards import Card
from ..media.images import ImageRequest
from ..plan.files import file_refs
from ..plan.loading import Plan
from .market import KIND as MARKET_KIND
from .regions import REGIONS
from .specs import PageSpec

WIDE = frozenset({"portal", REGIONS, MARKET_KIND})
"""Page kinds shown with the site's navigation (portal pages); kawasan pages hide it and draw their own."""


def image_requests(plans: Sequence[Plan]) -> list[ImageRequest]:
    """Every photo and logo the plans name: the file fields of ``files.FILE_FIELDS``, and news images."""
    requests: dict[Path, ImageRequest] = {}
    for plan in plans:
        data = plan.kawasan.model_dump(by_alias=True, exclude_none=True)
        named = [(name, kind) for _, name, kind in file_refs(data) if kind != "document"]
        named += [(post.meta.image, "photo") for post in plan.news if post.meta.image]
        for name, kind in named:
            path = (plan.folder / name).resolve()
            requests.setdefault(path, ImageRequest(path, "logo" if kind == "logo" else "photo"))
    return list(requests.values())


def front_matter(spec: PageSpec) -> str:
    """The generated page's Markdown source: front matter only, the body comes from the core.

    MkDocs' theme templates do not escape, so plan text is escaped here.
    """
    meta = {
        "title": html.escape(spec.title),
        "description": html.escape(spec.description),
        "template": "plpbk/page.html",
        "hide": ["toc"] if spec.kind in WIDE else ["navigation", "toc"],
    }
    return "---\n" + "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()) + "\n---\n"


def share_card(spec: PageSpec, site_name: str) -> Card:
    """The 1200×630 card of a page's link previews."""
    share = spec.share
    return Card(
        title=share.title,
        subtitle=share.description,
        eyebrow=share.eyebrow,
        figure_label=share.figure_label,
        figure_value=share.figure_value,
        site_name=site_name,
        photo=share.photo,
    )
