"""A portal's partnership market (``/kemitraan/``): every open call of every kawasan, in one list.

The portal's own kawasan and the community sites it gathers, each call linking to its own page (a
community's on that community's site) and its proposal, sorted by deadline (calls without one last),
calls past their deadline apart. Filters for sector, partner type, region (province, then city) and
amount sought are radio buttons whose effect is CSS alone (rules for the values present, in the page's
head, with ``:has()``); ``plpbk.js`` adds the shareable state in the URL query, the count and chips.
``kemitraan.csv`` beside it holds the same calls for spreadsheets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from ...i18n import DEFAULT_LANGUAGE, Translator
from ...plan.figures import amount_sought, project_money, total_money
from ...plan.labels import label
from ...plan.model import Call, Kawasan
from ...plan.reading.overlays import Fallback
from ...plan.slugs import slugify
from ...plan.vocabulary import PARTNER_TYPES, SECTORS
from ..opendata.datasets import csv_file
from ..settings import MARKET, Settings, language_prefix, market_path
from ..sources.communities import Community
from ..specs import PageSpec, Share, card_url
from ..urls import Urls
from .microsite import Microsite
from .regions import OTHER

KIND = "pasar"
MARKET_CSV = f"{MARKET}.csv"
BANDS = (("kecil", 0, 100_000_000), ("menengah", 100_000_000, 500_000_000), ("besar", 500_000_000, 1_000_000_000),
         ("sangat-besar", 1_000_000_000, None))
"""Amounts sought, in three bands (lower bound included); a call that names no amount is ``tanpa``."""
NO_AMOUNT = "tanpa"
CSV_COLUMNS = ("status", "deadline", "kawasan", "kawasan_name", "city", "province", "id", "title", "amount_sought",
               "projects_gap", "partner_types", "sectors", "url", "proposal", "source")


@dataclass(frozen=True)
class MarketCall:
    """One call as the market lists it. ``url`` and ``proposal`` are site-relative for the portal's own
    kawasan, absolute for a community's (``None``: the community gives no address)."""

    id: str
    title: str
    kawasan: str
    slug: str
    city: str
    province: str
    sought: int | None
    gap: int | None  # the funding gap of the projects it supports (None: it names none)
    partner_types: tuple[str, ...]
    sectors: tuple[str, ...]
    deadline: str | None
    url: str | None
    proposal: str | None
    source: str | None = None  # a gathered call: the community's data.json

    @property
    def band(self) -> str:
        if self.sought is None:
            return NO_AMOUNT
        return next(name for name, low, high in BANDS if self.sought >= low and (high is None or self.sought < high))

    @property
    def regions(self) -> tuple[str, str]:
        """The call's province and city as filter values (``jawa-tengah``, ``jawa-tengah--kota-semarang``)."""
        province = slugify(self.province) or OTHER
        return province, f"{province}--{slugify(self.city) or OTHER}"

    def is_open(self, today: dt.date) -> bool:
        return not self.deadline or self.deadline >= today.isoformat()


def _call(kawasan: Kawasan, call: Call, **where: Any) -> MarketCall:
    by_id = {p.id: p for p in kawasan.projects}
    projects = [by_id[pid] for pid in dict.fromkeys(call.projects) if pid in by_id]
    return MarketCall(
        id=call.id, title=call.title, kawasan=kawasan.name, city=kawasan.location.city, province=kawasan.location.province,
        sought=amount_sought(call, kawasan), gap=total_money(project_money(p) for p in projects).gap if projects else None,
        partner_types=tuple(call.partner_types), sectors=tuple(dict.fromkeys(p.sector for p in projects)),
        deadline=call.deadline, **where,
    )


def own_calls(site: Microsite) -> list[MarketCall]:
    """The calls of one of the portal's microsites, linking to their pages in the microsite's language."""
    return [_call(site.kawasan, call, slug=site.plan.slug, url=site.url("kemitraan", call.id), proposal=site.proposal_url(call))
            for call in site.kawasan.calls]


def community_calls(community: Community) -> list[MarketCall]:
    """The calls of a gathered kawasan, from the portal's summary of it, linking to the community's own call
    page and, beside it, its proposal (plpbk's URL rules: ``kemitraan/<id>/proposal.pdf``)."""
    summary = community.kawasan
    return [MarketCall(id=call.id, title=call.title, kawasan=summary.name, slug=community.slug, city=summary.location.city,
                       province=summary.location.province, sought=call.amount_sought, gap=call.gap,
                       partner_types=call.partner_types, sectors=call.sectors, deadline=call.deadline, url=call.url,
                       proposal=urljoin(call.url, "proposal.pdf") if call.url else None, source=community.source)
            for call in summary.calls]


def market_calls(sites: Sequence[Microsite], communities: Sequence[Community]) -> list[MarketCall]:
    """Every call of the portal, by deadline (calls without one last), then kawasan and title."""
    calls = [*(c for site in sites for c in own_calls(site)), *(c for community in communities for c in community_calls(community))]
    return sorted(calls, key=lambda c: (c.deadline is None, c.deadline or "", str(c.kawasan).casefold(), str(c.title).casefold()))


# -- filters ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """One value of a filter, with how many open calls have it; a province's cities are its ``children``."""

    value: str
    label: str
    count: int
    children: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class Filter:
    """A group of radio buttons (``name``, as in the URL query) over one data attribute of the listed calls."""

    name: str
    legend: str
    attribute: str
    choices: tuple[Choice, ...]


def filters(calls: Sequence[MarketCall], t: Translator) -> list[Filter]:
    """The market's filters over ``calls``: only values some call has, in a fixed order (regions by name)."""
    sectors = Counter(s for c in calls for s in c.sectors)
    partners = Counter(p for c in calls for p in c.partner_types)
    bands = Counter(c.band for c in calls)
    money = {name: (t.gettext("Under %(amount)s") % {"amount": t.money(high or 0)} if not low else
                    t.gettext("%(amount)s or more") % {"amount": t.money(low)} if high is None else
                    t.gettext("%(low)s to %(high)s") % {"low": t.money(low), "high": t.money(high)}) for name, low, high in BANDS}
    money[NO_AMOUNT] = t.gettext("No amount given")
    return [
        Filter("sektor", t.gettext("Sector"), "s",
               tuple(Choice(s, label(t, "sector", s), sectors[s]) for s in SECTORS if sectors[s])),
        Filter("mitra", t.gettext("Who is invited"), "m",
               tuple(Choice(p, label(t, "partner_type", p), partners[p]) for p in PARTNER_TYPES if partners[p])),
        Filter("dana", t.gettext("Amount sought"), "d",
               tuple(Choice(b, money[b], bands[b]) for b in (*(n for n, _, _ in BANDS), NO_AMOUNT) if bands[b])),
        Filter("wilayah", t.gettext("Province and city"), "w", _regions(calls)),
    ]


def _regions(calls: Sequence[MarketCall]) -> tuple[Choice, ...]:
    names: dict[str, Counter[str]] = {}
    counts: Counter[str] = Counter()
    cities: dict[str, set[str]] = {}
    for call in calls:
        province, city = call.regions
        for key, name in ((province, call.province), (city, call.city)):
            names.setdefault(key, Counter())[" ".join(str(name).split())] += 1
            counts[key] += 1
        cities.setdefault(province, set()).add(city)

    def named(key: str) -> str:
        return names[key].most_common(1)[0][0]  # the spelling most calls use

    return tuple(
        Choice(p, named(p), counts[p], tuple(Choice(c, named(c), counts[c]) for c in sorted(cities[p], key=lambda k: named(k).casefold())))
        for p in sorted(cities, key=lambda k: named(k).casefold())
    )


def filter_css(groups: Iterable[Filter]) -> str:
    """The rules that make the filters work without JavaScript: a checked value hides the calls without it."""
    rules = []
    for group in groups:
        for choice in (c for top in group.choices for c in (top, *top.children)):
            rules.append(f'.plpbk-market:has(#pasar-{group.name}-{choice.value}:checked) '
                         f'.plpbk-market-call:not([data-{group.attribute}~="{choice.value}"])')
    return f"<style>{','.join(rules)}{{display:none}}</style>" if rules else ""


# -- the page and the file ----------------------------------------------------------------------------


def market_page(sites: Sequence[Microsite], communities: Sequence[Community], settings: Settings) -> PageSpec:
    """``/kemitraan/`` (``/en/kemitraan/``): the open calls with their filters, then the closed ones."""
    t, urls, lang = settings.translator, settings.urls, settings.translator.lang
    calls = [_marked(call, lang) for call in market_calls(sites, communities)]
    open_calls = [c for c in calls if c.is_open(settings.today)]
    path = market_path(lang, settings.languages)
    here = urls.page(path)
    groups = filters(open_calls, t)
    sought = sum(c.sought or 0 for c in open_calls)
    kawasan = len({c.slug for c in open_calls})
    description = t.ngettext("%(n)d open call for partnership from %(k)d neighbourhoods",
                             "%(n)d open calls for partnership from %(k)d neighbourhoods", len(open_calls)) % {"n": len(open_calls), "k": kawasan}
    alternates = tuple((code, urls.page(market_path(code, settings.languages))) for code in settings.languages)
    context = {
        "calls": open_calls,
        "closed": sorted((c for c in calls if not c.is_open(settings.today)), key=lambda c: c.deadline or "", reverse=True),
        "filters": groups,
        "sought": sought,
        "kawasan_count": kawasan,
        "csv": MARKET_CSV,
        "home": urls.page(language_prefix(lang, settings.languages)),
        "site": settings,
        "alternates": alternates,
        "label": lambda table, value: label(t, table, value),
        "link": lambda to: to if "://" in to else urls.relative(here, to),
        "here": here,
    }
    hero = next((site.hero_file() for site in sites if site.kawasan.calls and site.hero_file()), None)
    title = t.gettext("Partnership market")
    return PageSpec(
        path=path,
        kind=KIND,
        title=title,
        description=description,
        body=settings.renderer.render(f"plpbk/body/{KIND}.html", context),
        share=Share(title=f"{title} · {settings.site_name}", description=description, eyebrow=settings.site_name,
                    figure_label=t.gettext("Amount sought"), figure_value=t.money(sought), photo=hero, card=card_url(path)),
        lang=lang,
        alternates=alternates,
        head=filter_css(groups),
    )


def _marked(call: MarketCall, lang: str) -> MarketCall:
    """A community's text on a page in another language: marked as written in Indonesian."""
    if call.source is None or lang == DEFAULT_LANGUAGE:
        return call
    return dataclasses.replace(call, title=Fallback(call.title), kawasan=Fallback(call.kawasan))


def market_csv(sites: Sequence[Microsite], communities: Sequence[Community], settings: Settings) -> bytes:
    """``kemitraan.csv``: every call, open ones first (by deadline), with absolute addresses (UTF-8 with BOM, CRLF)."""
    calls = market_calls(sites, communities)
    today, absolute = settings.today, settings.urls.absolute

    def address(url: str | None) -> str | None:
        return url if url is None or "://" in url else absolute(url)

    rows = [
        ("open" if c.is_open(today) else "closed", c.deadline, c.slug, c.kawasan, c.city, c.province, c.id, c.title, c.sought,
         c.gap, " ".join(c.partner_types), " ".join(c.sectors), address(c.url), address(c.proposal), c.source)
        for c in sorted(calls, key=lambda c: not c.is_open(today))
    ]
    return csv_file(CSV_COLUMNS, rows)


def market_link(settings: Settings) -> str:
    """The site-relative address of the market in the settings' language (for links from other pages)."""
    return settings.urls.page(market_path(settings.translator.lang, settings.languages))


def market_nav(nav: list[Any], title: str) -> list[Any]:
    """A site's ``nav`` (mkdocs.yml) with the market after its first entry (the home), unless it names it already."""
    source = Urls.src_uri(MARKET)

    def names(entry: Any) -> bool:
        if isinstance(entry, dict):
            return any(names(value) for value in entry.values())
        if isinstance(entry, list):
            return any(names(item) for item in entry)
        return bool(entry == source)

    return nav if names(nav) else [*nav[:1], {title: source}, *nav[1:]]
