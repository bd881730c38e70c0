"""The pages' other languages in sitemap.xml (hreflang), where Material's script does not trip over them.

Material fetches a ``sitemap.xml`` beside every ``<link rel="alternate">`` of a page, expecting
language roots: per-page hreflang links in the HTML head made every page load ask for sitemaps
that do not exist. Search engines read hreflang from the sitemap just as well (Google documents
the three ways as equivalent), so each ``<url>`` lists the page in every language there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape, unescape

XHTML = "http://www.w3.org/1999/xhtml"
_URL = re.compile(r"(<url>\s*<loc>)([^<]*)(</loc>.*?)(\s*</url>)", re.DOTALL)


def add_alternates(sitemap: str, alternates: Mapping[str, Sequence[tuple[str, str]]]) -> str:
    """``sitemap`` with ``<xhtml:link rel="alternate" hreflang>`` at the end of each listed page's ``<url>``
    (the sitemap schema wants extensions after its own elements).

    ``alternates`` maps a page's absolute URL to (language, absolute URL) of it in every language;
    the first language is also the ``x-default``.
    """
    if not alternates:
        return sitemap

    def with_links(match: re.Match[str]) -> str:
        versions = alternates.get(unescape(match.group(2)))
        if not versions or len(versions) < 2:
            return match.group(0)
        links = [*versions, ("x-default", versions[0][1])]
        return match.group(1) + match.group(2) + match.group(3) + "".join(
            f'\n         <xhtml:link rel="alternate" hreflang="{escape(lang)}" href="{escape(url)}"/>' for lang, url in links
        ) + match.group(4)

    sitemap = _URL.sub(with_links, sitemap)
    if "<xhtml:link" in sitemap and f'xmlns:xhtml="{XHTML}"' not in sitemap:
        sitemap = sitemap.replace("<urlset ", f'<urlset xmlns:xhtml="{XHTML}" ', 1)
    return sitemap
