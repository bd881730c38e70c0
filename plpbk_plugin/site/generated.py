"""What a build makes of its page specs besides their bodies, for any engine: each generated page's
source (front matter only) and its share card."""

from __future__ import annotations

import html
import json

from ..media.cards import ShareCard
from .pages.market import KIND as MARKET_KIND
from .pages.regions import REGIONS
from .specs import PageSpec

WIDE = frozenset({"portal", REGIONS, MARKET_KIND})
"""Page kinds shown with the site's navigation (portal pages); kawasan pages hide it and draw their own."""


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


def share_card(spec: PageSpec, site_name: str) -> ShareCard:
    """The 1200×630 card of a page's link previews."""
    share = spec.share
    return ShareCard(
        title=share.title,
        subtitle=share.description,
        eyebrow=share.eyebrow,
        figure_label=share.figure_label,
        figure_value=share.figure_value,
        site_name=site_name,
        photo=share.photo,
    )
