"""What community sites publish, for tests that serve it from a loopback server (benchmarks.loopback)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from plpbk_plugin.plan.reading.loading import load_plan
from plpbk_plugin.site.opendata.datasets import feed_announcement, kawasan_data

REPO = Path(__file__).resolve().parents[2]


@cache
def _demo_plan(slug: str) -> Any:
    plan, problems, _warnings = load_plan(REPO / "plans" / slug)
    assert plan is not None, problems
    return plan


UNSAID = object()


def community_data(slug: str, home: str, feed: Any = UNSAID) -> dict[str, Any]:
    """The data.json a community site publishes for a demo kawasan, its own site at ``home``.

    ``feed``: the bytes of the feed.xml served beside it, or ``None`` for none; by default the
    document says nothing of a feed, as data.json did before it announced one (the portal fetches it).
    """
    data = kawasan_data(_demo_plan(slug), site_url_of=lambda path: home + (path + "/" if path else ""),
                        feed=None if feed is UNSAID else feed_announcement(home + "feed.xml", feed))
    if feed is UNSAID:
        del data["feed"]
    return data


def rss(items: Sequence[tuple[str, str, str, str]]) -> bytes:
    """An RSS 2.0 feed of ``(title, link, pubDate, description)`` items, text escaped as feeds do."""
    entries = "".join(
        f"<item><title>{html.escape(title)}</title><link>{html.escape(link)}</link>"
        f"<pubDate>{date}</pubDate><description>{html.escape(text)}</description></item>"
        for title, link, date, text in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Kabar</title>{entries}</channel></rss>'.encode()
