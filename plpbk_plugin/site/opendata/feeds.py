"""News feeds (RSS 2.0) of a kawasan and of a portal, built with ElementTree.

RSS 2.0 rather than Atom: feed readers, WhatsApp channels' bridges and
automation tools all read it. Items are newest first; every link is absolute;
``pubDate`` is the post's date at 00:00 Western Indonesian Time (UTC+7).
Output depends only on the plans (no build time), so it is byte-stable.
A kawasan without news gets no feed: callers check ``plan.news`` first.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.utils import format_datetime

import markdown

from ...plan.model import NewsItem, Plan

ATOM = "http://www.w3.org/2005/Atom"
MEDIA = "http://search.yahoo.com/mrss/"
WIB = dt.timezone(dt.timedelta(hours=7), "WIB")
DESCRIPTION_CHARS = 400

ET.register_namespace("atom", ATOM)
ET.register_namespace("media", MEDIA)

_INVALID_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TAG = re.compile(r"<[^>]*>")
_NOT_PROSE = re.compile(r"^\s*(?:#|\||<|!\[|```|~~~|---|\*\*\*|___|\[\^|\{:|[-*+] \[)")


def _clean(text: str) -> str:
    """Text without characters XML 1.0 cannot carry."""
    return _INVALID_XML.sub("", text)


def rfc822(date: str) -> str:
    """``2026-11-02`` → ``Mon, 02 Nov 2026 00:00:00 +0700`` (midnight in Jakarta)."""
    day = dt.date.fromisoformat(date)
    return format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=WIB))


def first_paragraph(body: str, limit: int = DESCRIPTION_CHARS) -> str:
    """The first prose paragraph of a Markdown body as plain text (headings, tables, images skipped)."""
    for block in re.split(r"\n\s*\n", body.strip()):
        if not block.strip() or _NOT_PROSE.match(block):
            continue
        text = html.unescape(_TAG.sub("", markdown.markdown(block)))
        text = " ".join(text.split())
        if text:
            return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return ""


def summary(item: NewsItem) -> str:
    """What a feed reader shows under the title: the post's summary, else its first paragraph."""
    return item.meta.summary or first_paragraph(item.body)


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = _clean(text)
    return element


@dataclass(frozen=True)
class FeedImage:
    """A photo an item carries (Media RSS ``media:content``): its absolute address, type, size and caption."""

    url: str
    type: str
    width: int
    height: int
    caption: str = ""


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: a news post, a change of a plan (:mod:`..pages.history`) or a progress note, already worded."""

    title: str
    link: str
    published: dt.datetime
    description: str
    category: str = ""
    image: FeedImage | None = None


def post_item(post: NewsItem, link: str, category: str) -> FeedItem:
    """A news post as a feed item, published at 00:00 WIB on its date."""
    day = dt.date.fromisoformat(post.meta.date)
    return FeedItem(post.meta.title, link, dt.datetime(day.year, day.month, day.day, tzinfo=WIB), summary(post), category)


def _rss(*, title: str, link: str, self_url: str, description: str, lang: str, items: Sequence[FeedItem]) -> bytes:
    """The feed document; ``items`` already newest first."""
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", title)
    _text(channel, "link", link)
    _text(channel, "description", description or title)
    _text(channel, "language", lang)
    ET.SubElement(channel, f"{{{ATOM}}}link", {"href": self_url, "rel": "self", "type": "application/rss+xml"})
    if items:
        _text(channel, "lastBuildDate", format_datetime(items[0].published))
    _text(channel, "generator", "plpbk")
    for item in items:
        entry = ET.SubElement(channel, "item")
        _text(entry, "title", item.title)
        _text(entry, "link", item.link)
        _text(entry, "guid", item.link, isPermaLink="true")
        _text(entry, "pubDate", format_datetime(item.published))
        if item.category:
            _text(entry, "category", item.category)
        if item.description:  # readers treat description as HTML: plain text goes in entity-encoded
            _text(entry, "description", html.escape(item.description, quote=False))
        if item.image:
            _image(entry, item.image)
    ET.indent(rss)
    document: bytes = ET.tostring(rss, encoding="utf-8", xml_declaration=True)  # typeshed: Any for a named encoding
    return document + b"\n"


def _image(entry: ET.Element, image: FeedImage) -> None:
    """``<media:content>``: the photo beside the item's text, with its caption."""
    attrs = {"url": image.url, "type": image.type, "medium": "image", "width": str(image.width), "height": str(image.height)}
    content = ET.SubElement(entry, f"{{{MEDIA}}}content", attrs)
    if image.caption:
        _text(content, f"{{{MEDIA}}}description", image.caption, type="plain")


def _newest(items: Sequence[FeedItem], limit: int | None = None) -> list[FeedItem]:
    """Newest first; items of one moment keep the order they came in."""
    return sorted(items, key=lambda item: item.published, reverse=True)[:limit]


def kawasan_feed(
    plan: Plan,
    *,
    title: str,
    link: str,
    self_url: str,
    item_url: Callable[[NewsItem], str],
    lang: str,
    extra: Sequence[FeedItem] = (),
) -> bytes:
    """``<slug>/feed.xml``: the kawasan's news (and ``extra`` items such as the plan's changes), newest first."""
    k = plan.kawasan
    items = [post_item(post, item_url(post), k.name) for post in _newest_first(plan.news)]
    return _rss(title=title, link=link, self_url=self_url, description=k.tagline, lang=lang, items=_newest([*items, *extra]))


def portal_feed(
    plans: Sequence[Plan],
    *,
    title: str,
    link: str,
    self_url: str,
    item_url: Callable[[Plan, NewsItem], str],
    lang: str,
    description: str = "",
    limit: int | None = 50,
    extra: Sequence[FeedItem] = (),
) -> bytes:
    """The portal's ``/feed.xml``: the news of every kawasan (and ``extra`` items), newest first, at most ``limit``.

    Each item's ``category`` names its kawasan.
    """
    posts = [(plan, post) for plan in plans for post in plan.news]
    posts.sort(key=lambda pair: (pair[0].slug, pair[1].slug))
    posts.sort(key=lambda pair: pair[1].meta.date, reverse=True)
    items = [post_item(post, item_url(plan, post), plan.kawasan.name) for plan, post in posts]
    return _rss(title=title, link=link, self_url=self_url, description=description, lang=lang,
                items=_newest([*items, *extra], limit))


def _newest_first(news: Sequence[NewsItem]) -> list[NewsItem]:
    """Newest first, ties by slug (stable whatever order the caller kept)."""
    return sorted(sorted(news, key=lambda post: post.slug), key=lambda post: post.meta.date, reverse=True)
