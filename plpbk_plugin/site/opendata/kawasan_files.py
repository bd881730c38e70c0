"""The files a kawasan publishes beside its pages: its open data and news feed, and its cards to embed.

``data.json``, ``rencana.csv``, ``kawasan.geojson`` and the investment matrix always; ``riwayat.csv`` from a
Git history; ``iati.xml`` when the site names its IATI publisher; ``feed.xml`` when there are news, progress photos or (where the site asks) the plan's changes.
They live with the pages of the site's first language (:meth:`KawasanUrls.data_path`). The cards to embed
(:mod:`.embeds`) and their oEmbed documents live beside the pages they show, in every language.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Mapping
from typing import Any

from ...media.images import small_webp
from ...plan.figures import amount_sought, total_money
from ...plan.matrix.workbook import TEMPLATE_DATE, workbook_bytes
from ..pages.embeds import MAX_CARD_BYTES, Embed, oembed_bytes
from ..pages.history import HISTORY_CSV, commit_url, riwayat_csv
from ..pages.microsite import Microsite
from ..pages.page_specs import call_photo, embed_of
from ..specs import card_url
from .datasets import (
    DATA_FILE,
    GEOJSON_FILE,
    MATRIX_FILE,
    PLAN_CSV,
    feed_announcement,
    json_bytes,
    kawasan_data,
    kawasan_geojson,
    rencana_csv,
)
from .feeds import kawasan_feed
from .iati import FILE as IATI_FILE
from .iati import iati_xml


def open_data(site: Microsite) -> dict[str, bytes]:
    """The kawasan's open data files and news feed, by site-relative URL."""
    urls, plan, t = site.settings.urls, site.plan, site.translator

    def page(path: str) -> str | None:
        return urls.absolute(site.url(path))

    def address(path: str) -> str:
        return page(path) or site.url(path)

    feed = kawasan_feed(
        plan,
        title=t.gettext("News from %(name)s") % {"name": site.kawasan.name},
        link=address("kabar" if plan.news else "riwayat" if site.history_feed() else "rencana"),
        self_url=urls.absolute(site.data_path("feed.xml")) or site.data_path("feed.xml"),
        item_url=lambda post: address(f"kabar/{post.slug}"),
        lang=t.lang,
        extra=[*site.history_feed(), *site.progress_feed()],
    ) if site.has_feed() else None
    files = {
        site.data_path(DATA_FILE): json_bytes(kawasan_data(
            plan, site_url_of=page, history=site.history, commit_url_of=lambda sha: commit_url(site.settings.repo_url, sha),
            feed=feed_announcement(urls.absolute(site.data_path("feed.xml")), feed))),
        site.data_path(PLAN_CSV): rencana_csv(plan),
        site.data_path(GEOJSON_FILE): json_bytes(kawasan_geojson(plan, url_of=page)),
    }
    changed = site.history.last_updated if site.history else None
    modified = dt.datetime.combine(changed, dt.time()) if changed else TEMPLATE_DATE
    files[site.data_path(MATRIX_FILE)] = workbook_bytes(plan.kawasan, lang=t.lang, modified=modified)
    if site.history and site.history.entries:
        files[site.data_path(HISTORY_CSV)] = riwayat_csv(site.history)
    if site.settings.iati is not None:
        files[site.data_path(IATI_FILE)] = iati_xml([site], site.settings.iati)
    if feed is not None:
        files[site.data_path("feed.xml")] = feed
    return files


def embed_files(site: Microsite, share_images: Mapping[str, str]) -> dict[str, bytes]:
    """The kawasan's card and each call's, with their oEmbed documents, in the microsite's language.

    ``share_images``: each page's share card (``<path>/og`` → its file), the oEmbed thumbnail.
    """
    t, k, urls = site.translator, site.kawasan, site.settings.urls
    cards: list[tuple[Embed, dict[str, Any]]] = [(embed_of(site), {
        "title": k.name, "eyebrow": t.gettext("Neighbourhood plan"), "tagline": k.tagline, "m": site.totals.money,
        "figures": [(t.gettext("Total cost"), site.totals.money.cost, False), (t.gettext("Secured"), site.totals.money.secured, False),
                    (t.gettext("Funding gap"), site.totals.money.gap, True)],
        "note": t.ngettext("%(num)d open call for partnership", "%(num)d open calls for partnership", len(site.open_calls))
        % {"num": len(site.open_calls)}, "link_text": t.gettext("See the plan"), "photo": site.hero_file(),
    })]
    for call in k.calls:
        sought, projects = amount_sought(call, k), site.call_projects(call)
        closed = call not in site.open_calls
        deadline = (t.gettext("This call closed on %(date)s.") if closed else t.gettext("Deadline: %(date)s")) % {
            "date": t.date(call.deadline)} if call.deadline else ""
        cards.append((embed_of(site, call), {
            "title": call.title, "eyebrow": t.gettext("Call for partnership"), "tagline": None, "note": deadline,
            "m": total_money(site.money[p.id] for p in projects) if projects else None,
            "figures": [(t.gettext("Amount sought"), sought, True)] if sought is not None else [],
            "link_text": t.gettext("See the call"), "photo": call_photo(site, call) or site.hero_file(),
        }))
    files = {}
    for embed, values in cards:
        page_url = urls.absolute(urls.page(embed.page)) or urls.page(embed.page)
        source = site.print_photos.get(values.pop("photo")) if values.get("photo") else None
        picture = small_webp(source) if source else None
        context = {**values, "kind": embed.kind, "place": f"{k.name} · {k.location.city}", "page_url": page_url,
                   "height": embed.height, "site": site.settings}
        html = _card(site, context, picture)
        files[urls.built_file(embed.card)] = html
        share = share_images.get(card_url(embed.page))
        files[embed.document] = oembed_bytes(embed.oembed(
            urls, title=str(values["title"]), provider=site.settings.site_name, author=str(k.organization.name),
            author_url=urls.absolute(site.url()), thumbnail=urls.absolute(share) if share else None))
    return files


def _card(site: Microsite, context: dict[str, Any], picture: bytes | None) -> bytes:
    """The card's HTML, with its picture inline when the whole still fits :data:`MAX_CARD_BYTES`."""
    render = site.settings.renderer.render
    if picture is not None:
        html = render("plpbk/embed/card.html", {**context, "picture": "data:image/webp;base64," + base64.b64encode(picture).decode()})
        if len(html.encode()) <= MAX_CARD_BYTES:
            return html.encode()
    return render("plpbk/embed/card.html", {**context, "picture": None}).encode()
