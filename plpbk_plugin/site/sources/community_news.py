"""The news of a community site, read from the ``feed.xml`` it publishes beside its ``data.json``.

The feed is untrusted XML: it is parsed with defusedxml (no DTD, no entities, so no entity
bombs and no external files), only ``<item>``s with a title and a date are kept, at most
:data:`MAX_ITEMS` of them, titles and summaries become plain text (tags removed with the
sanitizer, then shortened), and an item whose link is not http(s) is left out.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from xml.etree.ElementTree import Element, ParseError

import nh3
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

MAX_ITEMS = 20
TITLE_CHARS = 300
SUMMARY_CHARS = 400
FEED_FILE = "feed.xml"


@dataclass(frozen=True)
class NewsEntry:
    """One news item of a community, as the portal's feed repeats it."""

    title: str
    published: dt.datetime  # with its time zone (UTC when the feed gives none)
    url: str
    summary: str


def strip_html(text: str | None, limit: int) -> str:
    """Text without markup, whitespace folded, at most ``limit`` characters."""
    text = html.unescape(nh3.clean(text or "", tags=set(), clean_content_tags={"script", "style"}))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def read_feed(body: bytes, link_ok: Callable[[str], bool]) -> tuple[NewsEntry, ...] | str:
    """The newest items of an RSS 2.0 feed, or the parser's complaint."""
    try:
        root = fromstring(body)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        return str(exc)[:160] or type(exc).__name__
    if not isinstance(root, Element) or root.tag != "rss":
        return "not an RSS feed"
    entries = []
    for item in root.iterfind("./channel/item"):
        title = strip_html(item.findtext("title"), TITLE_CHARS)
        published = _published(item.findtext("pubDate"))
        if not title or published is None:
            continue
        link = (item.findtext("link") or "").strip()
        if link_ok(link):
            entries.append(NewsEntry(title, published, link, strip_html(item.findtext("description"), SUMMARY_CHARS)))
    entries.sort(key=lambda entry: entry.published, reverse=True)
    return tuple(entries[:MAX_ITEMS])


_WHITESPACE = re.compile(r"\s+")


def _published(value: str | None) -> dt.datetime | None:
    """An RFC 822 date (``Mon, 02 Nov 2026 00:00:00 +0700``), or ``None``."""
    if not value:
        return None
    try:
        when = parsedate_to_datetime(_WHITESPACE.sub(" ", value.strip()))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)
