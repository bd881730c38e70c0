"""Which pages a site has, and what each shows (no MkDocs here: page specs only)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from ...i18n import DEFAULT_LANGUAGE
from ...media.images import Picture
from ...plan.figures import Totals, amount_sought, by_year, kawasan_totals, phases, project_money, total_money, unit_cost
from ...plan.labels import label
from ...plan.model import Call, Document, Plan, Project
from ...plan.reading.overlays import mark_fallbacks
from ...plan.vocabulary import SECTORS
from ..opendata.datasets import kawasan_geojson
from ..opendata.feeds import FeedItem
from ..opendata.jsonld import kawasan_jsonld, project_jsonld
from ..settings import Settings, kawasan_path, kawasan_root, market_path
from ..specs import NavItem, PageSpec, Share, card_url, join
from ..urls import Urls
from .contact import ContactLinks, contact_about, partnership_issue_link
from .embeds import Embed
from .history import HistoryView, feed_items, page_context, updated
from .maps import map_context
from .progress import progress_items, timeline

FLYER_CALLS = 3  # the flyer lists the first few open calls and counts the others


def in_language(plan: Plan, lang: str) -> Plan:
    """The plan as a page in ``lang`` shows it: translated where ``kawasan.<lang>.yml`` says, marked elsewhere."""
    if lang == DEFAULT_LANGUAGE:
        return plan
    kawasan = plan.translations.get(lang) or mark_fallbacks(plan.kawasan, None)
    return dataclasses.replace(plan, kawasan=kawasan)


class Microsite:
    """The microsite of one kawasan."""

    def __init__(
        self,
        plan: Plan,
        settings: Settings,
        pictures: Mapping[Path, Picture],
        single: bool,
        print_photos: Mapping[Path, Path] | None = None,
    ) -> None:
        self.plan = plan
        self.kawasan = plan.kawasan
        self.settings = settings
        self.translator = settings.translator
        self.pictures = pictures
        self.print_photos = print_photos or {}  # photo -> its cached print-size variant (proposal covers)
        self._files: dict[str, Path] = {}
        self.home = kawasan_root(plan, single)
        self.root = kawasan_path(settings.translator.lang, settings.languages, self.home)
        self.totals: Totals = kawasan_totals(self.kawasan)
        self.money = {p.id: project_money(p) for p in self.kawasan.projects}
        self.project_by_id = {p.id: p for p in self.kawasan.projects}
        self.open_calls = [c for c in self.kawasan.calls if not c.deadline or c.deadline >= settings.today.isoformat()]
        self.gallery = [g for g in (self.kawasan.photos.gallery if self.kawasan.photos else []) if self._file(g.file) in pictures]
        self.history = settings.history.get(plan.slug)
        pages = {"rencana": set(self.project_by_id), "kemitraan": {call.id for call in self.kawasan.calls}}  # what the history links to
        self.history_view = HistoryView(
            self.history, self.translator, repo_url=settings.repo_url, authors=settings.history_authors,
            link=lambda section, key: settings.urls.relative(self.url("riwayat"), self.url(section, key)) if key in pages[section] else None,
        ) if self.history else None

    # -- where things are -------------------------------------------------

    def path(self, *parts: str) -> str:
        return join(self.root, *parts)

    def data_path(self, *parts: str) -> str:
        """Files shared by every language (open data, documents) live with the first language's pages."""
        return join(self.home, *parts)

    def alternates(self, *parts: str) -> tuple[tuple[str, str], ...]:
        """This page in every language of the site."""
        languages = self.settings.languages
        return tuple(
            (lang, self.settings.urls.page(kawasan_path(lang, languages, self.home, *parts))) for lang in languages
        )

    def url(self, *parts: str) -> str:
        return self.settings.urls.page(self.path(*parts))

    def absolute_url(self, *parts: str) -> str | None:
        """A page's absolute URL (needs ``site_url``)."""
        return self.settings.urls.absolute(self.url(*parts))

    def _file(self, relative: str) -> Path:
        found = self._files.get(relative)
        if found is None:
            found = self._files[relative] = (self.plan.folder / relative).resolve()
        return found

    def has(self, kind: str) -> bool:
        """Whether a page has something to show (an empty page is neither made nor linked)."""
        return {
            "kabar": bool(self.plan.news),
            "dokumen": True,  # the plan's own investment matrix (rencana-investasi.xlsx) is always there
            "galeri": bool(self.gallery),
            "riwayat": bool(self.history and self.history.entries),
        }.get(kind, True)

    def nav(self) -> list[NavItem]:
        """The microsite's own navigation."""
        entries = [
            ("beranda", self.translator.gettext("Home"), ()),
            ("gagasan", self.translator.gettext("The idea"), ("gagasan",)),
            ("rencana", self.translator.gettext("Projects"), ("rencana",)),
            ("kemitraan", self.translator.gettext("Partnership"), ("kemitraan",)),
            ("kabar", self.translator.gettext("News"), ("kabar",)),
            ("dokumen", self.translator.gettext("Documents"), ("dokumen",)),
            ("galeri", self.translator.gettext("Gallery"), ("galeri",)),
            ("riwayat", self.translator.gettext("History"), ("riwayat",)),
        ]
        return [NavItem(text, self.url(*parts), kind) for kind, text, parts in entries if self.has(kind)]

    # -- pages ------------------------------------------------------------

    def pages(self) -> list[PageSpec]:
        k, t = self.kawasan, self.translator
        place = self.place()
        specs = [
            self._page(
                "beranda",
                (),
                k.name,
                k.tagline,
                extra={"map": map_context(kawasan_geojson(self.plan, url_of=self.url), self.settings.tiles, label=t.gettext("Location"), t=t)},
                jsonld=kawasan_jsonld(self.kawasan, self.absolute_url),
                head=self.embed().discovery(self.settings.urls),
            ),
            self._page("gagasan", ("gagasan",), t.gettext("The idea") + " · " + k.name, _first_line(k.transformation.idea)),
            self._page(
                "rencana",
                ("rencana",),
                t.gettext("Projects") + " · " + k.name,
                t.ngettext("%(n)d planned project in %(place)s", "%(n)d planned projects in %(place)s", len(k.projects))
                % {"n": len(k.projects), "place": place},
                extra={"years": by_year(k)},
            ),
        ]
        for project in k.projects:
            specs.append(self._project_page(project))
        specs.append(
            self._page(
                "kemitraan",
                ("kemitraan",),
                t.gettext("Partnership") + " · " + k.name,
                _dot(c.title for c in self.open_calls) or t.gettext("Projects of %(name)s looking for partners") % {"name": k.name},
                extra={"with_gap": self.projects_with_gap(), "closed_calls": [c for c in k.calls if c not in self.open_calls],
                       "embed": self.embed()},
            )
        )
        specs += [self._call_page(call) for call in k.calls]
        if self.has("kabar"):
            specs.append(self._page("kabar", ("kabar",), t.gettext("News") + " · " + k.name, _first_line(self.plan.news[0].meta.title)))
            for post in self.plan.news:
                specs.append(
                    self._page(
                        "tulisan",
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
        if self.history_view and self.has("riwayat"):
            about = t.gettext("What changed in the plan of %(name)s, and when") % {"name": k.name}
            specs.append(self._page("riwayat", ("riwayat",), t.gettext("History") + " · " + k.name, about, extra=page_context(self.history_view)))
        flyer = {"qr": self.flyer_qr(), "flyer_calls": FLYER_CALLS, "proposal_url": self.settings.urls.absolute(self.proposal_url())}
        specs.append(self._page("cetak", ("cetak",), t.gettext("Flyer") + " · " + k.name, k.tagline, extra=flyer))
        return specs

    def _project_page(self, project: Project) -> PageSpec:
        money = self.money[project.id]
        photo = self._file(project.photos[0].file) if project.photos else None
        return self._page(
            "proyek",
            ("rencana", project.id),
            project.title + " · " + self.kawasan.name,
            project.summary,
            extra={"project": project, "m": money, "calls": self.calls_for(project), "phases": phases(project), "unit_cost": unit_cost(project),
                   "timeline": timeline(project)},
            figure=(self.translator.gettext("Funding gap"), self.translator.money(money.gap)) if money.gap else (self.translator.gettext("Cost"), self.translator.money(money.cost)),
            photo=photo,
            jsonld=project_jsonld(self.kawasan, project, self.absolute_url),
        )

    def _call_page(self, call: Call) -> PageSpec:
        """One call for partnership: what is asked, its projects, how to respond; its own share card."""
        projects = self.call_projects(call)
        sought = self.sought(call)
        return self._page(
            "ajakan",
            ("kemitraan", call.id),
            call.title + " · " + self.kawasan.name,
            _first_line(call.description) or self.kawasan.tagline,
            extra={
                "call": call,
                "projects": projects,
                "sought": sought,
                "call_money": total_money(self.money[p.id] for p in projects),
                "closed": call not in self.open_calls,
                "embed": self.embed(call),
            },
            figure=(self.translator.gettext("Amount sought"), self.translator.money(sought)) if sought else None,
            photo=self.call_photo(call),
            head=self.embed(call).discovery(self.settings.urls),
        )

    def call_photo(self, call: Call) -> Path | None:
        """The photo of a call: the first published photo of its projects."""
        photos = (self._file(p.photos[0].file) for p in self.call_projects(call) if p.photos)
        return next((photo for photo in photos if photo in self.pictures), None)

    def embed(self, call: Call | None = None) -> Embed:
        """The card of the kawasan, or of one of its calls, to embed on another site (``embeds.Embed``)."""
        t, name = self.translator, str(self.kawasan.name)
        if call is None:
            return Embed(self.path(), t.gettext("%(name)s: the plan and its calls for partnership") % {"name": name}, "kawasan")
        return Embed(self.path("kemitraan", call.id), t.gettext("Call for partnership: %(title)s (%(name)s)") % {"title": str(call.title), "name": name}, "call")

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
        head: str = "",
    ) -> PageSpec:
        path = self.path(*parts)
        here = self.settings.urls.page(path)
        if figure is None:
            figure = (self.translator.gettext("Funding gap"), self.translator.money(self.totals.money.gap))
        hero = self.hero_file()
        title, description = str(title), str(description)  # plain text from here on (no Fallback marks)
        alternates = self.alternates(*parts)
        share = Share(
            title=title,
            description=description,
            eyebrow=self.kawasan.name + " · " + self.kawasan.location.city,
            figure_label=figure[0],
            figure_value=figure[1],
            photo=photo or hero,
            card=card_url(path),
        )
        context = {
            **self.context(here),
            **(extra or {}),
            "kind": kind,
            "alternates": alternates,
        }
        body = self.settings.renderer.render(f"plpbk/body/{kind}.html", context)
        overlay = self.plan.folder / f"kawasan.{self.translator.lang}.yml"
        return PageSpec(
            path=path,
            kind=kind,
            title=title,
            description=description,
            body=body,
            share=share,
            slug=self.plan.slug,
            source=overlay if self.settings.prefix and overlay.is_file() else self.plan.source,
            jsonld=jsonld,
            head=head,
            lang=self.translator.lang,
            alternates=alternates,
        )

    # -- what templates use ------------------------------------------------

    def context(self, here: str) -> dict[str, Any]:
        t = self.translator
        return {
            "kawasan": self.kawasan,
            "plan": self.plan,
            "microsite": self,
            "k": self.kawasan,  # the names of plpbk 0.1, kept for sites' template overrides
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
            "link": lambda to: self.settings.urls.relative(here, to),
            "picture": lambda file, **kw: self.picture(here, file, **kw),
            "md": self.settings.renderer.markdown(self.settings.markdown),
            "site": self.settings,
            "amount_sought": self.sought,
            "issue_link": self.issue_link,
            "project_by_id": self.project_by_id,
            "map": None,
            "updated": updated(self.history, t, self.url("riwayat") if self.has("riwayat") else None),
            "market_url": self.settings.urls.page(market_path(t.lang, self.settings.languages)) if self.home else None,
        }

    def place(self) -> str:
        loc = self.kawasan.location
        return ", ".join((loc.kelurahan, loc.kecamatan, loc.city, loc.province))

    def hero_file(self) -> Path | None:
        photos = self.kawasan.photos
        if photos and photos.hero and self._file(photos.hero) in self.pictures:
            return self._file(photos.hero)
        return None

    def picture(self, here: str, file: str | Path, **options: Any) -> dict[str, Any] | None:
        """What the picture fragment needs for one plan photo, or ``None`` if it is not published."""
        path = file if isinstance(file, Path) else self._file(file)
        return picture_context(self.pictures, self.settings.urls, here, path, **options)

    def document(self, doc: Document) -> dict[str, str | None]:
        """Where a document file is published, and its size for the visitor."""
        if not doc.file:
            return {"url": None, "size": None}
        source = self._file(doc.file)
        return {"url": self.data_path("dokumen", quote(source.name)), "size": self.translator.file_size(source.stat().st_size)}

    def has_feed(self) -> bool:
        """A feed of the news, the progress notes with photos, and the plan's changes where the site asks for them."""
        return bool(self.plan.news or self.history_feed() or self.progress_feed())

    def progress_feed(self) -> list[FeedItem]:
        """The progress notes with a published photo, as feed items (see ``progress.progress_items``)."""
        urls = self.settings.urls
        return progress_items(self.kawasan, self.plan.folder, self.pictures, self.translator,
                              page_url=lambda p: urls.absolute(self.url("rencana", p.id)) or self.url("rencana", p.id),
                              file_url=lambda url: urls.absolute(url) or url)

    def history_feed(self) -> list[FeedItem]:
        """The plan's changes as feed items, when the site's option ``history_feed`` asks for them."""
        if not (self.settings.history_feed and self.history_view and self.has("riwayat")):
            return []
        page = self.settings.urls.absolute(self.url("riwayat")) or self.url("riwayat")
        return feed_items(self.history_view, self.kawasan.name, lambda anchor: f"{page}#{anchor}")

    def published_files(self) -> dict[str, Path]:
        """Plan files published as they are (documents), by site-relative URL."""
        return {self.data_path("dokumen", self._file(d.file).name): self._file(d.file) for d in self.kawasan.documents if d.file}

    def flyer_qr(self) -> dict[str, Any] | None:
        """The flyer's QR code to the kawasan home (needs ``site_url``)."""
        code = self.flyer_code()
        if code is None:
            return None
        target, png = code
        title = self.translator.gettext("QR code to %(url)s") % {"url": target}
        return {"url": target, "svg": Markup(self.settings.qr_codes.svg(target, title=title)), "png": png}

    def flyer_code(self) -> tuple[str, str] | None:
        """The address the flyer's QR code leads to (the kawasan home), and where its PNG is published."""
        target = self.absolute_url()
        return None if target is None else (target, self.path("cetak", "qr.png"))

    def sought(self, call: Call) -> int | None:
        """What a call asks for: its own amount, else the gaps of its projects."""
        return amount_sought(call, self.kawasan)

    def call_projects(self, call: Call) -> list[Project]:
        """The projects a call names, once each, in its order."""
        return [self.project_by_id[pid] for pid in dict.fromkeys(call.projects)]

    def projects_with_gap(self) -> list[Project]:
        """Projects still short of money, the largest gap first."""
        return sorted((p for p in self.kawasan.projects if self.money[p.id].gap), key=lambda p: -self.money[p.id].gap)

    def proposal_url(self, call: Call | None = None) -> str:
        """Where a proposal PDF is published, beside the page in its language: the kawasan's, or a call's."""
        return self.path("kemitraan", call.id, "proposal.pdf") if call else self.path("proposal.pdf")

    def print_photo(self) -> Path | None:
        """The kawasan's photo at print size (a cached JPEG variant), for the proposals' cover."""
        hero = self.hero_file()
        return self.print_photos.get(hero) if hero else None

    def calls_for(self, project: Project) -> list[Call]:
        return [c for c in self.open_calls if project.id in c.projects]

    def contact_for(self, call: Call | None = None, project: Project | None = None) -> ContactLinks:
        """The BKM's contact (or a call's own), with a message naming what it is about."""
        return contact_about(self.translator, self.kawasan, call=call, project=project)

    def issue_link(self, about: str) -> str | None:
        """A GitHub issue form for a partnership offer, when the site has a repository."""
        return partnership_issue_link(self.translator, self.kawasan, self.settings.repo_url, about)

def _first_line(markdown_text: str) -> str:
    """A plain first sentence-ish line of a Markdown text, for descriptions."""
    for line in markdown_text.splitlines():
        line = line.strip().lstrip("#>*- ").strip()
        if line:
            return line[:200]
    return ""


def _dot(items: Any) -> str:
    return " · ".join(items)


def picture_context(
    pictures: Mapping[Path, Picture], urls: Urls, here: str, file: Path, **options: Any
) -> dict[str, Any] | None:
    """What ``partials/picture.html`` needs for a published photo, or ``None`` if it is not published."""
    pic = pictures.get(file)
    if pic is None:
        return None
    return {"pic": pic, "prefix": urls.relative(here, "") if here else "", **options}
