"""The portal: a card per kawasan, the generated home, the portal-wide open data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..media.images import Picture
from ..plan.figures import Totals, total_money
from ..plan.loading import Plan
from .feeds import portal_feed
from .maps import map_context
from .microsite import Microsite, picture_context
from .opendata import json_bytes, portal_data, portal_geojson, rencana_csv
from .settings import Settings, language_prefix
from .specs import PageSpec, Share, card_url, join


@dataclass(frozen=True)
class PortalCard:
    """A kawasan as the portal shows it."""

    plan: Plan
    url: str
    totals: Totals
    hero: Path | None


def portal_cards(microsites: Sequence[Microsite]) -> list[PortalCard]:
    """The portal's card of each kawasan, from its microsite."""
    return [PortalCard(plan=site.plan, url=site.url(), totals=site.totals, hero=site.hero_file()) for site in microsites]


def render_portal_cards(
    cards: Sequence[PortalCard], settings: Settings, pictures: Mapping[Path, Picture], here: str
) -> str:
    """The portal's list of kawasan (appended to the site's own index, or the generated home)."""
    t = settings.translator
    total = total_money(c.totals.money for c in cards)
    plans = [c.plan for c in cards]
    features = portal_geojson(plans, url_of=lambda p, path: settings.urls.page(join(settings.prefix, p.slug, path)))
    context = {
        "alternates": portal_alternates(settings),
        "map": map_context(features, settings.tiles, label=t.gettext("Location"), t=t),
        "has_news": any(p.news for p in plans),
        "cards": cards,
        "total": total,
        "site": settings,
        "link": lambda to: settings.urls.relative(here, to),
        "picture": lambda file, **kw: picture_context(pictures, settings.urls, here, file, **kw),
        "here": here,
    }
    return settings.renderer.render("plpbk/body/portal.html", context)


def portal_alternates(settings: Settings) -> tuple[tuple[str, str], ...]:
    """The portal home in every language of the site."""
    return tuple((lang, settings.urls.page(language_prefix(lang, settings.languages))) for lang in settings.languages)


def portal_page(microsites: Sequence[Microsite], settings: Settings, pictures: Mapping[Path, Picture]) -> PageSpec:
    """The generated portal home (used when the site has no docs/index.md, and for other languages)."""
    t = settings.translator
    cards = portal_cards(microsites)
    plans = [card.plan for card in cards]
    body = render_portal_cards(cards, settings, pictures, here=settings.urls.page(settings.prefix))
    total = total_money(c.totals.money for c in cards)
    description = t.ngettext(
        "%(n)d neighbourhood plan looking for partners", "%(n)d neighbourhood plans looking for partners", len(plans)
    ) % {"n": len(plans)}
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
            eyebrow=", ".join(dict.fromkeys(p.kawasan.location.city for p in plans)),
            figure_label=t.gettext("Funding gap"),
            figure_value=t.money(total.gap),
            photo=hero,
            card=card_url(settings.prefix),
        ),
        lang=t.lang,
        alternates=portal_alternates(settings),
    )


def portal_open_data(microsites: Sequence[Microsite], settings: Settings) -> dict[str, bytes]:
    """The portal's data.json, combined CSV and news feed."""
    urls, t = settings.urls, settings.translator
    by_slug = {site.plan.slug: site for site in microsites}
    plans = [site.plan for site in microsites]
    files = {
        "data.json": json_bytes(portal_data(plans, site_url_of=lambda p, path: urls.absolute(by_slug[p.slug].url(path)))),
        "rencana.csv": rencana_csv(plans),
    }
    changes = [item for site in microsites for item in site.ledger_feed()]
    if any(p.news for p in plans) or changes:
        files["feed.xml"] = portal_feed(
            plans,
            title=t.gettext("News from %(name)s") % {"name": settings.site_name},
            link=urls.absolute(""),
            self_url=urls.absolute("feed.xml"),
            item_url=lambda p, post: urls.absolute(by_slug[p.slug].url("kabar", post.slug)),
            lang=t.lang,
            extra=changes,
        )
    return files
