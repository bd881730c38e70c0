"""The portal by province and city: a home that stays light however many kawasan a portal lists.

Above ``group_above`` kawasan, the portal home lists the provinces with their cities (counts and
figures) instead of every card, and each province and city gets a page: the province's lists its
cities, the city's shows the cards of its kawasan. URLs are short and Indonesian, the same in every
language: ``/wilayah/<province>/`` and ``/wilayah/<province>/<city>/`` (``/en/wilayah/…`` in English).
Grouping reads only what every portal card has (its kawasan's name and place, figures, photo), so kawasan
gathered from other sites group like local ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ...media.images import Picture
from ...plan.figures import MoneyFigures, Totals, total_money
from ...plan.model import Kawasan
from ...plan.slugs import slugify
from ..settings import Settings, language_prefix
from ..sources.community_summary import Summary
from ..specs import PageSpec, Share, card_url, join
from .template_context import picture_context

REGIONS = "wilayah"
OTHER = "lainnya"  # a province or city whose name makes no slug


class RegionEntry(Protocol):
    """What grouping needs of a portal card: its kawasan (name and place: a plan or a gathered summary), figures and photo."""

    @property
    def kawasan(self) -> Kawasan | Summary: ...

    @property
    def totals(self) -> Totals: ...

    @property
    def hero(self) -> Path | None: ...


@dataclass(frozen=True)
class Region:
    """A province or a city, with the portal cards in it."""

    name: str
    parts: tuple[str, ...]  # ("jawa-barat",) or ("jawa-barat", "kota-bandung")
    cards: tuple[Any, ...]
    money: MoneyFigures
    areas: tuple[Region, ...] = ()  # a province's cities

    def path(self, prefix: str = "") -> str:
        """The site-relative path of the region's page, under a language prefix."""
        return join(prefix, REGIONS, *self.parts)


def group(cards: Sequence[RegionEntry]) -> list[Region]:
    """The provinces of the cards, each with its cities, in alphabetical order."""
    provinces: dict[str, list[RegionEntry]] = {}
    for card in cards:
        provinces.setdefault(slugify(card.kawasan.location.province) or OTHER, []).append(card)
    regions = []
    for key, members in provinces.items():
        cities: dict[str, list[RegionEntry]] = {}
        for card in members:
            cities.setdefault(slugify(card.kawasan.location.city) or OTHER, []).append(card)
        areas = [_region([key, city], [c.kawasan.location.city for c in found], found) for city, found in cities.items()]
        regions.append(_region([key], [c.kawasan.location.province for c in members], members, sorted(areas, key=_order)))
    return sorted(regions, key=_order)


def _region(parts: list[str], names: list[str], cards: Sequence[RegionEntry], areas: Sequence[Region] = ()) -> Region:
    name = Counter(" ".join(n.split()) for n in names).most_common(1)[0][0]  # the spelling most cards use
    return Region(
        name=name,
        parts=tuple(parts),
        cards=tuple(sorted(cards, key=lambda c: str(c.kawasan.name).casefold())),
        money=total_money(c.totals.money for c in cards),
        areas=tuple(areas),
    )


def _order(region: Region) -> str:
    return region.name.casefold()


def region_pages(cards: Sequence[RegionEntry], settings: Settings, pictures: Mapping[Path, Picture]) -> list[PageSpec]:
    """A page per province (its cities) and per city (its kawasan's cards), when the portal groups."""
    specs: list[PageSpec] = []
    for province in grouped(cards, settings) or ():
        specs.append(_page(province, (), settings, pictures))
        specs += [_page(city, (province,), settings, pictures) for city in province.areas]
    return specs


def _page(region: Region, parents: tuple[Region, ...], settings: Settings, pictures: Mapping[Path, Picture]) -> PageSpec:
    t, urls = settings.translator, settings.urls
    path = region.path(settings.prefix)
    here = urls.page(path)
    count = len(region.cards)
    description = t.ngettext(
        "%(n)d neighbourhood plan in %(place)s", "%(n)d neighbourhood plans in %(place)s", count
    ) % {"n": count, "place": region.name}
    alternates = tuple(
        (lang, urls.page(region.path(language_prefix(lang, settings.languages)))) for lang in settings.languages
    )
    context = {
        "region": region,
        "parents": [(parent, urls.page(parent.path(settings.prefix))) for parent in parents],
        "home": urls.page(settings.prefix),
        "cards": region.cards,
        "area_url": lambda area: urls.page(area.path(settings.prefix)),
        "total": region.money,
        "site": settings,
        "prefix": settings.prefix,
        "alternates": alternates,
        "link": lambda to: urls.relative(here, to),
        "picture": lambda file, **kw: picture_context(pictures, urls, here, file, **kw),
        "here": here,
    }
    return PageSpec(
        path=path,
        kind=REGIONS,
        title=region.name,
        description=description,
        body=settings.renderer.render(f"plpbk/body/{REGIONS}.html", context),
        share=Share(
            title=region.name,
            description=description,
            eyebrow=settings.site_name,
            figure_label=t.gettext("Funding gap"),
            figure_value=t.money(region.money.gap),
            photo=next((c.hero for c in region.cards if c.hero), None),
            card=card_url(path),
        ),
        lang=t.lang,
        alternates=alternates,
    )


def cities_geojson(provinces: Sequence[Region], settings: Settings) -> dict[str, Any]:
    """A point per city (the middle of its kawasan), linked to the city's page: the map of a grouped portal home,
    as light with 10,000 kawasan as with 20."""
    t, features = settings.translator, []
    for city in (city for province in provinces for city in province.areas):
        located = [c.kawasan.location.coordinates for c in city.cards if c.kawasan.location.coordinates is not None]
        if not located:
            continue
        n = len(city.cards)
        middle = [round(sum(float(p.lon) for p in located) / len(located), 6), round(sum(float(p.lat) for p in located) / len(located), 6)]
        properties = {"kind": "kawasan", "name": city.name, "url": settings.urls.page(city.path(settings.prefix)),
                      "tagline": t.ngettext("%(num)d neighbourhood", "%(num)d neighbourhoods", n) % {"num": n}}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": middle}, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def grouped(cards: Sequence[RegionEntry], settings: Settings) -> list[Region] | None:
    """The portal's provinces and cities, when it lists more kawasan than the site groups above."""
    return group(cards) if len(cards) > settings.group_above else None
