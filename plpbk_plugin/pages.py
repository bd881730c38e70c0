"""Which pages a site has, and what each shows (no MkDocs here: page specs only)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from markupsafe import Markup

from .contact import ContactLinks, contact_links, github_issue_link
from .exports import json_bytes, kawasan_data, kawasan_geojson, portal_data, portal_geojson, rencana_csv
from .feeds import kawasan_feed, portal_feed
from .figures import Totals, amount_sought, kawasan_totals, project_money, total_money
from .i18n import DEFAULT_LANGUAGE, Translator
from .images import Picture
from .labels import label
from .loader import Plan
from .maps import map_context
from .markup import MarkdownRenderer
from .model import SECTORS, Call, Document, Project
from .social import qr_svg
from .render import Renderer
from .rules import build_date
from .translations import mark_fallbacks
from .structured import kawasan_jsonld, project_jsonld
from .urls import Urls

Mode = Literal["auto", "portal", "single"]


@dataclass(frozen=True)
class Settings:
    """What a build needs to know about the site."""

    site_name: str
    urls: Urls
    t: Translator
    markdown: MarkdownRenderer
    renderer: Renderer
    mode: Mode = "auto"
    repo_url: str | None = None
    tiles: Mapping[str, str] | None = None
    languages: tuple[str, ...] = ("id",)
    today: dt.date = field(default_factory=build_date)

    @property
    def prefix(self) -> str:
        """Where this language's pages live: the site root for the first language, ``en/`` for English."""
        return language_prefix(self.t.lang, self.languages)


def language_prefix(lang: str, languages: Sequence[str]) -> str:
    return "" if not languages or lang == languages[0] else lang


def _join(*parts: str) -> str:
    return "/".join(part for part in parts if part)


@dataclass(frozen=True)
class Share:
    """What a link preview (WhatsApp, Facebook, X) shows."""

    title: str
    description: str
    eyebrow: str
    figure_label: str
    figure_value: str
    photo: Path | None
    card: str  # site-relative URL of the 1200×630 card, without its extension


@dataclass(frozen=True)
class PageSpec:
    """One generated page."""

    path: str  # "tambak-sari/rencana" ("" for the root)
    kind: str
    title: str
    description: str
    body: str
    share: Share
    slug: str | None = None
    source: Path | None = None
    jsonld: str | None = None
    lang: str = "id"
    alternates: tuple[tuple[str, str], ...] = ()  # (language, site-relative URL) of this page in every language

    @property
    def src_uri(self) -> str:
        return Urls.src_uri(self.path)


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str  # site-relative
    kind: str


def in_language(plan: Plan, lang: str) -> Plan:
    """The plan as a page in ``lang`` shows it: translated where ``kawasan.<lang>.yml`` says, marked elsewhere."""
    if lang == DEFAULT_LANGUAGE:
        return plan
    kawasan = plan.translations.get(lang) or mark_fallbacks(plan.kawasan, None)
    return dataclasses.replace(plan, kawasan=kawasan)


def is_single(plans: Sequence[Plan], mode: Mode) -> bool:
    """One kawasan is the whole site unless the site forces a portal."""
    return mode == "single" or (mode == "auto" and len(plans) == 1)


def kawasan_root(plan: Plan, single: bool) -> str:
    """The path prefix of a kawasan's pages: "" for a community's own site."""
    return "" if single else plan.slug


class KawasanPages:
    """The microsite of one kawasan."""

    def __init__(self, plan: Plan, settings: Settings, pictures: Mapping[Path, Picture], single: bool) -> None:
        self.plan = plan
        self.k = plan.kawasan
        self.s = settings
        self.t = settings.t
        self.pictures = pictures
        self._files: dict[str, Path] = {}
        self.home = kawasan_root(plan, single)
        self.root = _join(settings.prefix, self.home)
        self.totals: Totals = kawasan_totals(self.k)
        self.money = {p.id: project_money(p) for p in self.k.projects}
        self.project_by_id = {p.id: p for p in self.k.projects}
        self.open_calls = [c for c in self.k.calls if not c.deadline or c.deadline >= settings.today.isoformat()]
        self.gallery = [g for g in (self.k.photos.gallery if self.k.photos else []) if self._file(g.file) in pictures]

    # -- where things are -------------------------------------------------

    def path(self, *parts: str) -> str:
        return _join(self.root, *parts)

    def data_path(self, *parts: str) -> str:
        """Files shared by every language (open data, documents) live with the first language's pages."""
        return _join(self.home, *parts)

    def alternates(self, *parts: str) -> tuple[tuple[str, str], ...]:
        """This page in every language of the site."""
        languages = self.s.languages
        return tuple(
            (lang, self.s.urls.page(_join(language_prefix(lang, languages), self.home, *parts))) for lang in languages
        )

    def url(self, *parts: str) -> str:
        return self.s.urls.page(self.path(*parts))

    def _file(self, relative: str) -> Path:
        found = self._files.get(relative)
        if found is None:
            found = self._files[relative] = (self.plan.folder / relative).resolve()
        return found

    def has(self, kind: str) -> bool:
        """Whether a page has something to show (an empty page is neither made nor linked)."""
        k = self.k
        return {
            "kemitraan": bool(k.calls or k.partners or k.policy),
            "kabar": bool(self.plan.news),
            "dokumen": bool(k.documents),
            "galeri": bool(self.gallery),
        }.get(kind, True)

    def nav(self) -> list[NavItem]:
        """The microsite's own navigation."""
        entries = [
            ("beranda", self.t.gettext("Home"), ()),
            ("gagasan", self.t.gettext("The idea"), ("gagasan",)),
            ("rencana", self.t.gettext("Projects"), ("rencana",)),
            ("kemitraan", self.t.gettext("Partnership"), ("kemitraan",)),
            ("kabar", self.t.gettext("News"), ("kabar",)),
            ("dokumen", self.t.gettext("Documents"), ("dokumen",)),
            ("galeri", self.t.gettext("Gallery"), ("galeri",)),
        ]
        return [NavItem(text, self.url(*parts), kind) for kind, text, parts in entries if self.has(kind)]

    # -- pages ------------------------------------------------------------

    def pages(self) -> list[PageSpec]:
        k, t = self.k, self.t
        place = self.place()
        specs = [
            self._page(
                "beranda",
                (),
                k.name,
                k.tagline,
                extra={"map": map_context(kawasan_geojson(self.plan, url_of=self.url), self.s.tiles, label=t.gettext("Location"), t=t)},
                jsonld=kawasan_jsonld(self),
            ),
            self._page("gagasan", ("gagasan",), t.gettext("The idea") + " · " + k.name, _first_line(k.transformation.idea)),
            self._page(
                "rencana",
                ("rencana",),
                t.gettext("Projects") + " · " + k.name,
                t.ngettext("%(n)d planned project in %(place)s", "%(n)d planned projects in %(place)s", len(k.projects))
                % {"n": len(k.projects), "place": place},
            ),
        ]
        for project in k.projects:
            specs.append(self._project_page(project))
        if self.has("kemitraan"):
            specs.append(
                self._page(
                    "kemitraan",
                    ("kemitraan",),
                    t.gettext("Partnership") + " · " + k.name,
                    _dot(c.title for c in self.open_calls) or t.gettext("Partners and policy asks of %(name)s") % {"name": k.name},
                )
            )
        if self.has("kabar"):
            specs.append(self._page("kabar", ("kabar",), t.gettext("News") + " · " + k.name, _first_line(self.plan.news[0].meta.title)))
            for post in self.plan.news:
                specs.append(
                    self._page(
                        "post",
                        ("kabar", post.slug),
                        post.meta.title,
                        post.meta.summary or _first_line(post.body) or k.tagline,
                        extra={"post": post},
                        photo=self._file(post.meta.image) if post.meta.image else None,
                    )
                )
        if self.has("dokumen"):
            specs.append(self._page("dokumen", ("dokumen",), t.gettext("Documents") + " · " + k.name, t.gettext("Plans and reports of %(name)s") % {"name": k.name}))
        if self.has("galeri"):
            specs.append(self._page("galeri", ("galeri",), t.gettext("Gallery") + " · " + k.name, t.gettext("Photos of %(name)s") % {"name": k.name}))
        specs.append(self._page("cetak", ("cetak",), t.gettext("Flyer") + " · " + k.name, k.tagline, extra={"qr": self.flyer_qr()}))
        return specs

    def _project_page(self, project: Project) -> PageSpec:
        money = self.money[project.id]
        photo = self._file(project.photos[0].file) if project.photos else None
        return self._page(
            "project",
            ("rencana", project.id),
            project.title + " · " + self.k.name,
            project.summary,
            extra={"project": project, "m": money, "calls": self.calls_for(project)},
            figure=(self.t.gettext("Funding gap"), self.t.money(money.gap)) if money.gap else (self.t.gettext("Cost"), self.t.money(money.cost)),
            photo=photo,
            jsonld=project_jsonld(self, project),
        )

    def _page(
        self,
        kind: str,
        parts: tuple[str, ...],
        title: str,
        description: str,
        *,
        extra: Mapping[str, Any] | None = None,
        figure: tuple[str, str] | None = None,
        photo: Path | None = None,
        jsonld: str | None = None,
    ) -> PageSpec:
        path = self.path(*parts)
        here = self.s.urls.page(path)
        if figure is None:
            figure = (self.t.gettext("Funding gap"), self.t.money(self.totals.money.gap))
        hero = self.hero_file()
        title, description = str(title), str(description)  # plain text from here on (no Fallback marks)
        alternates = self.alternates(*parts)
        share = Share(
            title=title,
            description=description,
            eyebrow=self.k.name + " · " + self.k.location.city,
            figure_label=figure[0],
            figure_value=figure[1],
            photo=photo or hero,
            card=_card_url(path),
        )
        context = {
            **self.context(here),
            **(extra or {}),
            "kind": kind,
            "alternates": alternates,
        }
        body = self.s.renderer.render(f"plpbk/body/{'project' if kind == 'project' else kind}.html", context)
        overlay = self.plan.folder / f"kawasan.{self.t.lang}.yml"
        return PageSpec(
            path=path,
            kind=kind,
            title=title,
            description=description,
            body=body,
            share=share,
            slug=self.plan.slug,
            source=overlay if self.s.prefix and overlay.is_file() else self.plan.source,
            jsonld=jsonld,
            lang=self.t.lang,
            alternates=alternates,
        )

    # -- what templates use ------------------------------------------------

    def context(self, here: str) -> dict[str, Any]:
        t = self.t
        return {
            "k": self.k,
            "plan": self.plan,
            "pages": self,
            "totals": self.totals,
            "money": self.money,
            "here": here,
            "nav": self.nav(),
            "open_calls": self.open_calls,
            "gallery": self.gallery,
            "contact": self.contact_for(),
            "place": self.place(),
            "sectors": SECTORS,
            "label": lambda table, value: label(t, table, value),
            "link": lambda to: self.s.urls.relative(here, to),
            "picture": lambda file, **kw: self.picture(here, file, **kw),
            "md": self.s.renderer.markdown(self.s.markdown),
            "site": self.s,
            "amount_sought": lambda call: amount_sought(call, self.k),
            "issue_link": self.issue_link,
            "project_by_id": self.project_by_id,
            "map": None,
        }

    def place(self) -> str:
        loc = self.k.location
        return ", ".join((loc.kelurahan, loc.kecamatan, loc.city, loc.province))

    def hero_file(self) -> Path | None:
        photos = self.k.photos
        if photos and photos.hero and self._file(photos.hero) in self.pictures:
            return self._file(photos.hero)
        return None

    def picture(self, here: str, file: str | Path, **options: Any) -> dict[str, Any] | None:
        """What the picture fragment needs for one plan photo, or ``None`` if it is not published."""
        path = file if isinstance(file, Path) else self._file(file)
        return picture_context(self.pictures, self.s.urls, here, path, **options)

    def document(self, doc: Document) -> dict[str, str | None]:
        """Where a document file is published, and its size for the visitor."""
        if not doc.file:
            return {"url": None, "size": None}
        source = self._file(doc.file)
        return {"url": self.data_path("dokumen", quote(source.name)), "size": self.t.file_size(source.stat().st_size)}

    def open_data(self) -> dict[str, bytes]:
        """The kawasan's open data files and news feed, by site-relative URL."""
        urls, plan = self.s.urls, self.plan

        def page(path: str) -> str | None:
            return urls.absolute(self.url(path))

        files = {
            self.data_path("data.json"): json_bytes(kawasan_data(plan, site_url_of=page)),
            self.data_path("rencana.csv"): rencana_csv(plan),
            self.data_path("kawasan.geojson"): json_bytes(kawasan_geojson(plan, url_of=page)),
        }
        if plan.news:
            files[self.data_path("feed.xml")] = kawasan_feed(
                plan,
                title=self.t.gettext("News from %(name)s") % {"name": self.k.name},
                link=page("kabar"),
                self_url=urls.absolute(self.data_path("feed.xml")),
                item_url=lambda post: urls.absolute(self.url("kabar", post.slug)),
                lang=self.t.lang,
            )
        return files

    def published_files(self) -> dict[str, Path]:
        """Plan files published as they are (documents), by site-relative URL."""
        return {self.data_path("dokumen", self._file(d.file).name): self._file(d.file) for d in self.k.documents if d.file}

    def flyer_qr(self) -> dict[str, Any] | None:
        """The flyer's QR code to the kawasan home (needs ``site_url``)."""
        target = self.s.urls.absolute(self.url())
        if target is None:
            return None
        return {
            "url": target,
            "svg": Markup(qr_svg(target, title=self.t.gettext("QR code to %(url)s") % {"url": target})),
            "png": self.path("cetak", "qr.png"),
        }

    def calls_for(self, project: Project) -> list[Call]:
        return [c for c in self.open_calls if project.id in c.projects]

    def contact_for(self, call: Call | None = None, project: Project | None = None) -> ContactLinks:
        """The BKM's contact (or a call's own), with a message naming what it is about."""
        t, k = self.t, self.k
        contact = call.contact if call and call.contact else k.organization.contact
        if call:
            message = t.gettext("Hello %(org)s, we would like to respond to the call \"%(call)s\" for %(kawasan)s.") % {
                "org": k.organization.name, "call": call.title, "kawasan": k.name}
            subject = t.gettext("Call for partnership: %(call)s (%(kawasan)s)") % {"call": call.title, "kawasan": k.name}
        elif project:
            message = t.gettext("Hello %(org)s, we would like to support the project \"%(project)s\" in %(kawasan)s.") % {
                "org": k.organization.name, "project": project.title, "kawasan": k.name}
            subject = t.gettext("Support for %(project)s (%(kawasan)s)") % {"project": project.title, "kawasan": k.name}
        else:
            message = t.gettext("Hello %(org)s, we would like to know more about the plan for %(kawasan)s.") % {
                "org": k.organization.name, "kawasan": k.name}
            subject = t.gettext("About the plan for %(kawasan)s") % {"kawasan": k.name}
        return contact_links(contact, message, subject)

    def issue_link(self, about: str) -> str | None:
        title = self.t.gettext("Partnership offer: %(about)s") % {"about": about}
        body = self.t.gettext("Kawasan: %(kawasan)s\nWhat we can offer:\nHow to reach us:") % {"kawasan": self.k.name}
        return github_issue_link(self.s.repo_url, title, body)


def _card_url(path: str) -> str:
    """Where a page's share card is published (beside the page; the card maker adds the extension)."""
    return f"{path}/og" if path else "og"


def _first_line(markdown_text: str) -> str:
    """A plain first sentence-ish line of a Markdown text, for descriptions."""
    for line in markdown_text.splitlines():
        line = line.strip().lstrip("#>*- ").strip()
        if line:
            return line[:200]
    return ""


def _dot(items: Any) -> str:
    return " · ".join(items)


@dataclass(frozen=True)
class PortalCard:
    """A kawasan as the portal shows it."""

    plan: Plan
    url: str
    totals: Totals
    hero: Path | None


def portal_cards(microsites: Sequence[KawasanPages]) -> list[PortalCard]:
    """The portal's card of each kawasan, from its microsite."""
    return [PortalCard(plan=site.plan, url=site.url(), totals=site.totals, hero=site.hero_file()) for site in microsites]


def render_portal_cards(
    cards: Sequence[PortalCard], settings: Settings, pictures: Mapping[Path, Picture], here: str
) -> str:
    """The portal's list of kawasan (appended to the site's own index, or the generated home)."""
    t = settings.t
    total = total_money(c.totals.money for c in cards)
    plans = [c.plan for c in cards]
    features = portal_geojson(plans, url_of=lambda p, path: settings.urls.page(_join(settings.prefix, p.slug, path)))
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


def picture_context(
    pictures: Mapping[Path, Picture], urls: Urls, here: str, file: Path, **options: Any
) -> dict[str, Any] | None:
    """What ``partials/picture.html`` needs for a published photo, or ``None`` if it is not published."""
    pic = pictures.get(file)
    if pic is None:
        return None
    return {"pic": pic, "prefix": urls.relative(here, "") if here else "", **options}


def portal_alternates(settings: Settings) -> tuple[tuple[str, str], ...]:
    """The portal home in every language of the site."""
    return tuple((lang, settings.urls.page(language_prefix(lang, settings.languages))) for lang in settings.languages)


def portal_page(microsites: Sequence[KawasanPages], settings: Settings, pictures: Mapping[Path, Picture]) -> PageSpec:
    """The generated portal home (used when the site has no docs/index.md, and for other languages)."""
    t = settings.t
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
            card=_card_url(settings.prefix),
        ),
        lang=t.lang,
        alternates=portal_alternates(settings),
    )


def portal_open_data(microsites: Sequence[KawasanPages], settings: Settings) -> dict[str, bytes]:
    """The portal's data.json, combined CSV and news feed."""
    urls, t = settings.urls, settings.t
    by_slug = {site.plan.slug: site for site in microsites}
    plans = [site.plan for site in microsites]
    files = {
        "data.json": json_bytes(portal_data(plans, site_url_of=lambda p, path: urls.absolute(by_slug[p.slug].url(path)))),
        "rencana.csv": rencana_csv(plans),
    }
    if any(p.news for p in plans):
        files["feed.xml"] = portal_feed(
            plans,
            title=t.gettext("News from %(name)s") % {"name": settings.site_name},
            link=urls.absolute(""),
            self_url=urls.absolute("feed.xml"),
            item_url=lambda p, post: urls.absolute(by_slug[p.slug].url("kabar", post.slug)),
            lang=t.lang,
        )
    return files
