"""The portal: a card per kawasan, the generated home, the portal-wide open data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ...media.images import Picture
from ...plan.figures import Totals, total_money
from ...plan.model import Kawasan, Plan
from ..opendata.datasets import DATA_FILE, PLAN_CSV, json_bytes, portal_data, portal_geojson, rencana_csv
from ..opendata.feeds import FeedItem, portal_feed
from ..opendata.iati import FILE as IATI_FILE
from ..opendata.iati import iati_xml
from ..settings import Settings, language_prefix
from ..sources.communities import Community
from ..sources.community_summary import Summary
from ..specs import PageSpec, Share, card_url, join
from .maps import map_context
from .market import MARKET_CSV, market_csv, market_link
from .microsite import Microsite
from .progress import with_photos
from .regions import cities_geojson, grouped
from .template_context import picture_context


@dataclass(frozen=True)
class PortalCard:
    """A kawasan as the portal shows it: one of this site's microsites, or a community's own site."""

    slug: str
    kawasan: Kawasan | Summary  # a gathered kawasan: what the portal keeps of it
    url: str | None  # site-relative for a microsite; absolute for a community's site (None: shown unlinked)
    totals: Totals
    hero: Path | None = None
    plan: Plan | None = None  # a microsite's plan
    community: Community | None = None  # a gathered kawasan: where it comes from, when it was refreshed


def portal_cards(microsites: Sequence[Microsite], communities: Sequence[Community] = ()) -> list[PortalCard]:
    """The portal's card of each kawasan: from its microsite, then each gathered community."""
    cards = [PortalCard(site.plan.slug, site.kawasan, site.url(), site.totals, site.hero_file(), plan=site.plan) for site in microsites]
    return cards + [PortalCard(c.slug, c.kawasan, c.home, c.totals, community=c) for c in communities]


def render_portal_cards(
    cards: Sequence[PortalCard], settings: Settings, pictures: Mapping[Path, Picture], here: str
) -> str:
    """The portal's list of kawasan (appended to the site's own index, or the generated home)."""
    t = settings.translator
    total = total_money(c.totals.money for c in cards)

    def url_of(place: Plan | Community, path: str) -> str | None:
        if isinstance(place, Community):
            return place.url(path)
        return settings.urls.page(join(settings.prefix, place.slug, path))

    regions = grouped(cards, settings)
    if regions:  # a point per city: the home stays light however many kawasan
        features = cities_geojson(regions, settings)
    else:
        features = portal_geojson([place for place in (c.community or c.plan for c in cards) if place], url_of=url_of)
    history = settings.history if settings.history_feed else {}
    changes = any(history[c.plan.slug].entries for c in cards if c.plan and c.plan.slug in history)
    changes = changes or any(with_photos(c.plan.kawasan, c.plan.folder, pictures) for c in cards if c.plan)
    context = {
        "alternates": portal_alternates(settings),
        "map": map_context(features, settings.tiles, label=t.gettext("Location"), t=t),
        "has_news": any(c.community.news if c.community else c.plan and c.plan.news for c in cards) or changes,
        "cards": cards,
        "regions": regions,
        "area_url": lambda region: settings.urls.page(region.path(settings.prefix)),
        "total": total,
        "site": settings,
        "link": lambda to: settings.urls.relative(here, to),
        "picture": lambda file, **kw: picture_context(pictures, settings.urls, here, file, **kw),
        "here": here,
        "market_url": market_link(settings),
    }
    return settings.renderer.render("plpbk/body/portal.html", context)


def portal_alternates(settings: Settings) -> tuple[tuple[str, str], ...]:
    """The portal home in every language of the site."""
    return tuple((lang, settings.urls.page(language_prefix(lang, settings.languages))) for lang in settings.languages)


def portal_page(
    microsites: Sequence[Microsite],
    settings: Settings,
    pictures: Mapping[Path, Picture],
    communities: Sequence[Community] = (),
) -> PageSpec:
    """The generated portal home (used when the site has no docs/index.md, and for other languages)."""
    t = settings.translator
    cards = portal_cards(microsites, communities)
    body = render_portal_cards(cards, settings, pictures, here=settings.urls.page(settings.prefix))
    total = total_money(c.totals.money for c in cards)
    description = t.ngettext(
        "%(n)d neighbourhood plan looking for partners", "%(n)d neighbourhood plans looking for partners", len(cards)
    ) % {"n": len(cards)}
    hero = next((c.hero for c in cards if c.hero), None)
    return PageSpec(
        path=settings.prefix,
        kind="portal",
        title=settings.site_name,
        description=description,
        body=body,
        share=Share(
            title=settings.site_name,
            description=description,
            eyebrow=", ".join(dict.fromkeys(c.kawasan.location.city for c in cards)),
            figure_label=t.gettext("Funding gap"),
            figure_value=t.money(total.gap),
            photo=hero,
            card=card_url(settings.prefix),
        ),
        lang=t.lang,
        alternates=portal_alternates(settings),
    )


def portal_open_data(
    microsites: Sequence[Microsite], settings: Settings, communities: Sequence[Community] = ()
) -> dict[str, bytes]:
    """The portal's data.json, combined CSV, its calls' CSV, news feed and IATI file (its own kawasan only):
    its own kawasan, then the gathered ones."""
    urls, t = settings.urls, settings.translator
    by_slug = {site.plan.slug: site for site in microsites}
    plans = [site.plan for site in microsites]

    def address(url: str) -> str:
        return urls.absolute(url) or url  # without site_url: site-relative, as in the kawasan feeds
    files = {
        DATA_FILE: json_bytes(portal_data(
            plans, site_url_of=lambda p, path: urls.absolute(by_slug[p.slug].url(path)), communities=communities
        )),
        PLAN_CSV: rencana_csv([*plans, *communities]),
        MARKET_CSV: market_csv(microsites, communities, settings),
    }
    if settings.iati is not None and microsites:
        files[IATI_FILE] = iati_xml(microsites, settings.iati)
    changes = [item for site in microsites for item in (*site.history_feed(), *site.progress_feed())]
    gathered = [FeedItem(e.title, e.url, e.published, e.summary, c.kawasan.name) for c in communities for e in c.news]
    if any(p.news for p in plans) or changes or gathered:
        files["feed.xml"] = portal_feed(
            plans,
            title=t.gettext("News from %(name)s") % {"name": settings.site_name},
            link=address(""),
            self_url=address("feed.xml"),
            item_url=lambda p, post: address(by_slug[p.slug].url("kabar", post.slug)),
            lang=t.lang,
            extra=[*changes, *gathered],
        )
    return files
