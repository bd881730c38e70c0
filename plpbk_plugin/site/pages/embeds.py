"""Cards to embed on a partner's own site: a kawasan's (``/<slug>/sematkan/``) and each call's
(``/<slug>/kemitraan/<call-id>/sematkan/``), with an oEmbed document beside each (``…/sematkan/oembed.json``).

A card is one self-contained HTML file for an ``<iframe>``: inline CSS, its picture inline as a small
WebP, no script and no request to anyone; a link opens the page in a new tab. It stays under
:data:`MAX_CARD_BYTES` (without its picture when the picture would not fit). The card is not a page
of the site: no theme, not in the search index, ``noindex`` for search engines.

Pages announce the oEmbed document (oEmbed 1.0, section 4: ``<link rel="alternate"
type="application/json+oembed">``) for platforms that show a card for a pasted link. Material's script
fetches a ``sitemap.xml`` beside every ``link[rel=alternate]`` it finds (zensical/zensical#908), so a
line of script removes the link before Material reads it: readers that parse the HTML still see it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..specs import join
from ..urls import Urls

EMBED = "sematkan"
OEMBED_FILE = "oembed.json"
MAX_CARD_BYTES = 30 * 1024
WIDTH = 400
HEIGHTS = {"call": 440, "kawasan": 500}
"""The iframe's size in CSS pixels: the card fits it at that width (narrower frames get the same layout)."""
THUMBNAIL = (1200, 630)  # the page's share card, the oEmbed thumbnail


@dataclass(frozen=True)
class Embed:
    """Where a page's card and its oEmbed document live (site-relative paths), and how big the card is."""

    page: str  # the page's path, "tambak-sari/kemitraan/mitra-rob"
    title: str  # the iframe's accessible name
    kind: str  # "call" or "kawasan"

    @property
    def card(self) -> str:
        return join(self.page, EMBED)

    @property
    def document(self) -> str:
        return join(self.card, OEMBED_FILE)

    @property
    def height(self) -> int:
        return HEIGHTS[self.kind]

    def iframe(self, urls: Urls) -> str:
        """The code a partner pastes into their page."""
        src = urls.absolute(urls.page(self.card)) or urls.page(self.card)
        return str(Markup(
            '<iframe src="%s" title="%s" width="%d" height="%d" style="border:0;max-width:100%%" loading="lazy" '
            'sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>') % (src, self.title, WIDTH, self.height))

    def discovery(self, urls: Urls) -> str:
        """The oEmbed discovery link for the page's head (and the line that hides it from Material's script)."""
        href = urls.absolute(self.document)
        if href is None:
            return ""
        return str(Markup(
            '<link rel="alternate" type="application/json+oembed" href="%s" title="%s" data-plpbk-oembed>'
            '<script>document.querySelectorAll("link[data-plpbk-oembed]").forEach(function (l) { l.remove(); });</script>'
        ) % (href, self.title))

    def oembed(self, urls: Urls, *, title: str, provider: str, author: str, author_url: str | None,
               thumbnail: str | None) -> dict[str, Any]:
        """The oEmbed response (type ``rich``) naming the card: what a platform shows for the page's link."""
        document: dict[str, Any] = {
            "version": "1.0",
            "type": "rich",
            "title": title,
            "html": self.iframe(urls),
            "width": WIDTH,
            "height": self.height,
            "provider_name": provider,
            "provider_url": urls.absolute(""),
            "author_name": author,
            "cache_age": 86400,
        }
        if author_url:
            document["author_url"] = author_url
        if thumbnail:
            document.update(thumbnail_url=thumbnail, thumbnail_width=THUMBNAIL[0], thumbnail_height=THUMBNAIL[1])
        return document


def oembed_bytes(document: dict[str, Any]) -> bytes:
    """The oEmbed document as the static file ``oembed.json`` (UTF-8, stable key order)."""
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
