"""The composition root: the plugin's options, what mkdocs.yml says and the plans, into a finished build.

The MkDocs adapter (``plugin.py``) calls it from its events; ``plpbk export`` calls it for the open
data. It reads the plans, sets up each language, builds the microsites, the portal, its regions and
market, starts the jobs (photos, share cards, proposals) as soon as their inputs exist, and at the
end writes the open data, QR codes, web app and search index into the built site.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from markupsafe import Markup

from ..filesystem import PACKAGE_DIR
from ..i18n import translator
from ..media.images import Picture, plan_images
from ..media.proposal import ProposalError
from ..plan.history.commits import NO_HISTORY, History, read_history
from ..plan.reading.attachments import Limits
from ..plan.reading.loading import LoadResult, load_plans
from .editor.admin import CMS_DIR, admin_files, form_site
from .editor.reference import guide_files
from .generated import front_matter, share_card
from .jobs import Jobs
from .opendata.iati import iati_publisher
from .opendata.sitemap import add_alternates
from .options import Options
from .pages.market import market_page
from .pages.microsite import Microsite, in_language
from .pages.portal import portal_open_data
from .pages.regions import REGIONS
from .rendering.markup import MarkdownRenderer
from .rendering.render import Renderer
from .rendering.search import NOT_INDEXED, SiteSearch, site_search
from .rendering.theme_fixes import fix_theme_html
from .settings import MARKET, Settings, is_single, site_languages
from .sources.communities import Community, Gathered, gather, portal_communities
from .specs import PageSpec, Share
from .urls import Urls
from .webapp.app import Look, WebApp
from .webapp.offline import PAGE as OFFLINE_PAGE
from .webapp.saving import LIST

ASSETS_DIR = PACKAGE_DIR / "assets"
SERVE_REFRESH = 600
"""Seconds `mkdocs serve` keeps the gathered communities between rebuilds."""


class BuildError(Exception):
    """A build that cannot go on: ``problems`` to report one by one, then this message."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


@dataclass(frozen=True)
class Logs:
    info: Callable[[str], None]
    warning: Callable[[str], None]


@dataclass(frozen=True)
class SiteFacts:
    """What the build needs of mkdocs.yml besides the plugin's options."""

    root: Path  # the folder of mkdocs.yml
    site_name: str
    site_url: str | None
    language: str = "id"  # the theme's
    directory_urls: bool = True
    repo_url: str | None = None
    description: str | None = None
    docs_dir: Path | None = None
    custom_dir: Path | None = None
    markdown: MarkdownRenderer = field(default_factory=MarkdownRenderer)
    look: tuple[Any, tuple[str | None, ...], tuple[str, ...]] = (None, (), ())  # theme.palette, (logo, favicon), extra_css
    plugins: tuple[str, ...] = ()  # the other plugins of mkdocs.yml (Material's search)


@dataclass(frozen=True)
class GeneratedFile:
    """A file the build adds to the site's docs: a page (its front matter), a document or an asset."""

    uri: str
    content: str | bytes | None = None
    source: Path | None = None  # an asset, copied as it is
    in_nav: bool | None = None  # a page in the navigation, out of it, or (None) as MkDocs decides
    edit_uri: str | None = None  # the plan file an "Edit this page" opens, relative to docs_dir
    existing: Literal["replace", "keep", "add"] = "replace"  # a site's own file of that name: replaced, kept, or both


class Workshop:
    """What outlives one build in a process (`mkdocs serve`): the jobs of a cache folder, the plans
    read last and the communities gathered last."""

    def __init__(self, logs: Logs, *, serving: bool = False) -> None:
        self.logs = logs
        self.serving = serving
        self.jobs: Jobs | None = None
        self.plans: dict[Path, Any] = {}  # plan folder -> its last load
        self.gathered: tuple[tuple[str, ...], float, list[Gathered]] | None = None

    def jobs_for(self, cache: Path) -> Jobs:
        if self.jobs is None or self.jobs.cache != cache:
            self.jobs = Jobs(cache, self.logs.info)
        return self.jobs

    def gather(self, sources: tuple[str, ...], cache: Path, timeout: float, t: Any) -> list[Gathered]:
        """The communities' data, a warning per failing source; while serving, fetched again after 10 minutes."""
        memo = self.gathered
        if memo and memo[0] == sources and self.serving and time.monotonic() - memo[1] < SERVE_REFRESH:
            return memo[2]
        started = time.monotonic()
        gathered = gather(sources, cache, timeout=timeout)
        self.gathered = (sources, time.monotonic(), gathered)
        self.logs.info(t.gettext("Gathered %(found)d of %(count)d communities in %(seconds).1f s.") % {
            "found": sum(g.community is not None for g in gathered), "count": len(gathered), "seconds": time.monotonic() - started})
        for item in gathered:
            for message in item.messages(t):
                self.logs.warning(message)
        return gathered


@dataclass
class _Pages:
    """The pages of one build, as ``SiteBuild.files()`` made them."""

    specs: dict[str, PageSpec] = field(default_factory=dict)  # by src_uri, the offline pages included
    microsites: list[Microsite] = field(default_factory=list)  # the site's first language
    localized: list[Microsite] = field(default_factory=list)  # every language
    portal: PageSpec | None = None
    market: PageSpec | None = None  # the portal's partnership market, in the site's first language
    portal_index: str | None = None  # the site's own home at the portal's URL ("index.md"), if any
    card_urls: dict[str, str] = field(default_factory=dict)
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (language, slug) -> the kawasan's name


class SiteBuild:
    """One build of a site: ``load()`` the plans and set up the languages, ``files()`` the pages and
    documents, the page hooks while MkDocs renders, ``publish()`` everything else."""

    def __init__(self, options: Options, facts: SiteFacts, workshop: Workshop) -> None:
        self.options, self.facts, self.workshop = options, facts, workshop
        self.cache = (facts.root / options.cache_dir).resolve()
        self.plans_dir = (facts.root / options.plans_dir).resolve()
        self.jobs = workshop.jobs_for(self.cache)
        self.t = translator(facts.language)
        self.plans: LoadResult = LoadResult((), (), ())
        self.languages: dict[str, Settings] = {}
        self.communities: list[Community] = []
        self.search: SiteSearch | None = None
        self.app: WebApp | None = None
        self.pages = _Pages()
        self._pictures: dict[Path, Picture] = {}

    @property
    def settings(self) -> Settings:
        """The site's first language."""
        return next(iter(self.languages.values()))

    @property
    def single(self) -> bool:
        return is_single(self.plans.plans, self.options.mode, gathers=bool(self.options.communities))

    def load(self) -> None:
        """Read and check every plan (``BuildError`` listing the problems) and set up each language."""
        _ = self.t.gettext
        sources = self.options.communities
        self.plans = load_plans(self.plans_dir, lang=self.facts.language, limits=Limits(decoded=self.jobs.images.verified),
                                memo=self.workshop.plans, required=not sources)
        for warning in self.plans.warnings:
            self.workshop.logs.warning(str(warning))
        if self.plans.problems:
            raise BuildError(_("The plans have %(n)d problem(s); see the messages above.") % {"n": len(self.plans.problems)},
                             [str(problem) for problem in self.plans.problems])
        if not self.facts.site_url:
            raise BuildError(_("Set site_url in mkdocs.yml (for example https://<user>.github.io/<repo>/): share previews and "
                               "the flyer's QR code need the public address."))
        languages = site_languages(self.facts.language, self.options.languages)
        if self.options.languages and self.options.languages[0] != languages[0]:
            raise BuildError(_("The first of the plpbk languages must be the theme's language (%(lang)s).") % {"lang": languages[0]})
        self.languages = self._settings(languages, self._history())
        gathered = self.workshop.gather(sources, self.cache, float(self.options.communities_timeout), self.t) if sources else []
        self.communities = portal_communities(gathered, {plan.slug for plan in self.plans.plans})

    def _history(self) -> History:
        if not self.options.history:
            return NO_HISTORY
        history = read_history(self.plans_dir, self.cache, lang=self.facts.language)
        for level, message in history.notes(self.facts.language):
            (self.workshop.logs.warning if level == "warning" else self.workshop.logs.info)(message)
        return history

    def _settings(self, languages: tuple[str, ...], history: History) -> dict[str, Settings]:
        """Each language's settings (the site's first language first)."""
        o, facts = self.options, self.facts
        try:
            iati = iati_publisher(o.iati_org_ref, o.iati_org_name, o.iati_org_type, self.t)
        except ValueError as error:
            raise BuildError(str(error)) from None
        overrides = [facts.custom_dir] if facts.custom_dir else []
        return {
            code: Settings(
                site_name=facts.site_name, urls=Urls(directory_urls=facts.directory_urls, site_url=facts.site_url),
                translator=translator(code), markdown=facts.markdown, renderer=Renderer(translator(code), overrides, self.cache),
                mode=o.mode, repo_url=facts.repo_url, tiles={"url": o.tiles_url, "attribution": o.tiles_attribution},
                languages=languages, history=history.plans, history_authors=o.history_authors, history_feed=o.history_feed,
                qr_codes=self.jobs.qr_codes, group_above=o.group_above, offline=LIST if o.offline else None, iati=iati,
            )
            for code in languages
        }

    def start_site(self) -> None:
        """The web app and the search of a site built by MkDocs."""
        facts = self.facts
        palette, images, css = facts.look
        folders = (facts.docs_dir or facts.root, *([facts.custom_dir] if facts.custom_dir else []))
        look = Look.of(facts.site_name, facts.description, palette, images, folders, css, self.options.short_name)
        self.app = WebApp(offline=self.options.offline, languages=self.languages, look=look, cache_dir=self.cache,
                          warn=self.workshop.logs.warning)
        self.search = site_search(self.options.search, facts.plugins, self.t, serving=self.workshop.serving,
                                  info=self.workshop.logs.info, warn=self.workshop.logs.warning, cache_dir=self.cache)

    def microsites(self) -> tuple[dict[Path, Picture], bool]:
        """Prepare the photos (``BuildError`` naming each that cannot be published); ``(pictures, single)``."""
        plans, images = self.plans.plans, self.jobs.images
        pictures, errors = images.prepare(plan_images(plans))
        if errors:
            raise BuildError(self.t.gettext("Some photos cannot be published; see the messages above."),
                             [f"{error.path}: {error.reason_in(self.t)}" for error in errors])
        single = self.single
        reserved = (REGIONS, MARKET, OFFLINE_PAGE)
        if taken := next((plan.slug for plan in plans if not single and plan.slug in reserved), None):
            raise BuildError(self.t.gettext(
                "plans/%(name)s/: this folder name is an address of the portal itself (/%(name)s/: its regions, its "
                "partnership market or its offline page); rename the folder.") % {"name": taken})
        return pictures, single

    def exported_data(self) -> dict[str, bytes]:
        """``plpbk export``: the open data of the first language's microsites (their photos prepared) and the portal's."""
        self.pages.microsites = self._begin()(self.settings.translator.lang)
        files = self.open_data(embeds=False)
        self.jobs.page_cache.end()
        return files

    def _begin(self) -> Callable[[str], list[Microsite]]:
        """Prepare the photos and the page cache; the function gives a language's microsites."""
        pictures, single = self.microsites()
        print_photos = {path: file for path, picture in pictures.items() if (file := self.jobs.images.print_file(picture))}
        plans = self.plans.plans
        self.jobs.page_cache.begin(self.languages, asdict(self.options), pictures, [plan.folder for plan in plans])
        self._pictures = pictures
        return lambda code: [Microsite(in_language(plan, code), self.languages[code], pictures, single, print_photos) for plan in plans]

    def files(self, has_index: bool) -> list[GeneratedFile]:
        """Every generated page (the language loop), the editors' files and the assets; starts the cards and proposals."""
        sites_in, single, cache = self._begin(), self.single, self.jobs.page_cache
        if single and has_index:
            self.workshop.logs.info("docs/index.md is replaced by the kawasan's Beranda on a single-kawasan site.")
        pages = self.pages = _Pages(portal_index="index.md" if has_index and not single else None)
        specs: list[PageSpec] = []
        for code, settings in self.languages.items():
            sites = sites_in(code)
            portal = None if single else cache.portal(sites, settings, self._pictures, self.communities)
            market = None if single else market_page(sites, self.communities, settings)
            if portal is not None and market is not None:
                specs += [*cache.regions(sites, settings, self._pictures, self.communities), market]
            if settings is self.settings:
                pages.microsites, pages.portal, pages.market = sites, portal, market
                if portal is not None and not has_index:
                    specs.append(portal)
            elif portal is not None:
                specs.append(portal)
            pages.localized += sites
            specs += [spec for site in sites for spec in cache.microsite(site)]
        cache.end()
        self.workshop.logs.info(f"pages from the cache: {len(cache.reused)} microsites and portals; rendered: {len(cache.rendered)}")
        self._start_jobs(specs)
        assert self.app is not None
        offline = self.app.pages()  # the offline pages: no share card of their own (they point to the home's)
        pages.specs = {spec.src_uri: spec for spec in [*specs, *offline]}
        pages.names = {(m.translator.lang, m.plan.slug): str(m.kawasan.name) for m in pages.localized}
        self.app.prepare(pages.microsites, single)
        docs = (self.facts.docs_dir or self.facts.root).resolve()
        return [*(_page_file(spec, docs, (pages.portal, pages.market)) for spec in [*specs, *offline]), *self._editor_files(single)]

    def _start_jobs(self, specs: list[PageSpec]) -> None:
        """The share cards and the proposals, made by worker processes while MkDocs renders the pages."""
        pages = self.pages
        shared = specs + ([pages.portal] if pages.portal_index and pages.portal else [])
        proposals = {url: doc for site in pages.localized for url, doc in self.jobs.page_cache.proposals(site).items()}
        self.jobs.proposals.make(proposals, wait=False)
        pages.card_urls = self.jobs.cards.make({spec.share.card: share_card(spec, self.facts.site_name) for spec in shared}, wait=False)

    def _editor_files(self, single: bool) -> list[GeneratedFile]:
        """The editors' field reference and empty investment matrix, the assets, and the form editor (admin/)."""
        o = self.options
        files = [GeneratedFile(uri, content) for uri, content in guide_files(o.reference_page, o.matrix_template, self.t.lang).items()]
        form = None
        if o.form_editor and self.facts.repo_url and self.plans.plans:  # a portal of communities only: nothing to edit here
            kawasan = [(plan.slug, plan.kawasan.name) for plan in self.plans.plans]
            form = form_site(self.facts.repo_url, self.facts.root, self.plans_dir, kawasan, languages=tuple(self.languages),
                             site_name=self.facts.site_name, site_url=self.facts.site_url or "", single=single)
            if form is None:
                self.workshop.logs.info("No form editor at admin/: repo_url is not a GitHub repository holding the plans.")
        for asset in sorted(p for p in ASSETS_DIR.rglob("*") if p.is_file()):
            uri = "assets/" + asset.relative_to(ASSETS_DIR).as_posix()
            if form is not None or not uri.startswith(CMS_DIR + "/"):  # the editor's 2 MB only where it is used
                files.append(GeneratedFile(uri, source=asset, existing="add"))
        if form is not None:
            files += [GeneratedFile(uri, content, existing="keep") for uri, content in admin_files(form, self.t).items()]
        return files

    def body(self, src_uri: str, html: str) -> str:
        """A generated page's body comes from its spec; the site's own home gets the portal's cards below."""
        spec = self.pages.specs.get(src_uri)
        if spec is not None:
            return spec.body
        if src_uri == self.pages.portal_index and self.pages.portal is not None:
            return html + self.pages.portal.body
        return html

    def page(self, html: str, src_uri: str, url: str, title: str | None, description: str | None) -> str:
        """A rendered page: the theme's markup fixed, the web app's head, the search's field, share metadata and JSON-LD."""
        assert self.app is not None
        pages, main = self.pages, self.settings
        html = self.app.head(fix_theme_html(html, lang=self.facts.language), url)
        spec = pages.specs.get(src_uri) or (pages.portal if src_uri == pages.portal_index else None)
        settings = self.languages[spec.lang] if spec else main
        if self.search is not None:  # the field; the content indexed (not the flyer's, a copy of Beranda's)
            kawasan = (spec.slug, pages.names[spec.lang, spec.slug]) if spec and spec.slug and not self.single else None
            html = self.search.page(html, settings, kawasan, indexed=not (spec and spec.kind in NOT_INDEXED))
        share = spec.share if spec else self._own_share(title, description)
        if share is None:
            return html
        if settings.translator.lang != main.translator.lang:
            html = html.replace(f'<html lang="{main.translator.lang}"', f'<html lang="{settings.translator.lang}"', 1)
        head = settings.renderer.render("plpbk/partials/meta.html", {
            "share": share, "describe": 'name="description"' not in html, "site": settings,
            "page_url": settings.urls.absolute(url), "image_url": settings.urls.absolute(pages.card_urls[share.card]),
            "jsonld": Markup(spec.jsonld) if spec and spec.jsonld else None, "head": Markup(spec.head) if spec else "",
        })
        return html.replace("</head>", head + "</head>", 1)

    def _own_share(self, title: str | None, description: str | None) -> Share | None:
        """A page of the site's own docs: its title, with the portal's (or the kawasan's) card."""
        home = self.pages.portal or self.pages.specs.get("index.md")
        if home is None:
            return None
        return replace(home.share, title=title or home.share.title, description=description or home.share.description)

    def template(self, html: str, name: str) -> str:
        """404.html gets the pages' fixes of the theme's markup; sitemap.xml each generated page's other languages."""
        if name.endswith(".html"):
            assert self.app is not None
            html = self.app.head(fix_theme_html(html, lang=self.facts.language), None)
            return self.search.page(html, self.settings, None, indexed=False) if self.search is not None else html
        return add_alternates(html, self._alternates()) if name == "sitemap.xml" else html

    def _alternates(self) -> dict[str, list[tuple[str, str]]]:
        """Every generated page's absolute URL -> the page in each language (absolute URLs)."""
        urls, pages = self.settings.urls, self.pages
        specs = [*pages.specs.values(), *([pages.portal] if pages.portal_index and pages.portal else [])]
        return {
            str(urls.absolute(urls.page(spec.path))): [(code, str(urls.absolute(url))) for code, url in spec.alternates]
            for spec in specs
            if len(spec.alternates) > 1
        }

    def open_data(self, *, embeds: bool = True) -> dict[str, bytes]:
        """Every kawasan's data files and feed, (``embeds``) its cards to embed, and the portal's files."""
        pages, cache = self.pages, self.jobs.page_cache
        files = {url: data for site in pages.microsites for url, data in cache.open_data(site).items()}
        if embeds:
            files.update({url: data for site in pages.localized for url, data in cache.embeds(site, pages.card_urls).items()})
        if not self.single:
            files.update(portal_open_data(pages.microsites, self.settings, self.communities))
        return files

    def publish(self, site_dir: Path) -> None:
        """Photos, cards, proposals, open data, documents, QR codes, the web app and the search index into the built site."""
        try:
            self.jobs.publish(site_dir)
        except ProposalError as error:
            raise BuildError(self.t.gettext("A proposal PDF cannot be made: %(error)s") % {"error": error}) from None
        for url, data in self.open_data().items():
            (site_dir / url).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / url).write_bytes(data)
        for site in self.pages.microsites:
            for url, source in site.published_files().items():
                copy_file(source, site_dir / url)
        codes = [site.flyer_code() for site in self.pages.localized]
        self.jobs.qr_codes.publish(site_dir, {png: url for url, png in filter(None, codes)})
        assert self.app is not None
        self.app.publish(site_dir, self.pages.specs.values(), self.pages.localized)  # reads the pages and files written above
        if self.search is not None:
            self.search.run(site_dir, background=self.workshop.serving)


def _page_file(spec: PageSpec, docs: Path, in_nav: tuple[PageSpec | None, ...]) -> GeneratedFile:
    """A generated page: its front matter, in the navigation or not, and the plan file its "Edit this page" opens."""
    edit = Path(os.path.relpath(spec.source, docs)).as_posix() if spec.source is not None else None
    return GeneratedFile(spec.src_uri, front_matter(spec), in_nav=spec in in_nav, edit_uri=edit)


def copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
