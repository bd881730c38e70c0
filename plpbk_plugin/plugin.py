"""The MkDocs adapter: MkDocs events only; everything else lives in the core modules."""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .config import PlpbkConfig
from .filesystem import PACKAGE_DIR
from .i18n import Translator, translator
from .media.cards import CardMaker
from .media.images import ImagePipeline, Picture, plan_images
from .media.proposal import ProposalError, ProposalMaker
from .media.qr import QrCodes
from .plan.history.commits import NO_HISTORY, History, read_history
from .plan.reading.attachments import Limits
from .plan.reading.loading import LoadResult, load_plans
from .site.editor.admin import CMS_DIR, FormSite, admin_files, form_site
from .site.editor.reference import guide_files
from .site.engines import engine_note
from .site.generated import front_matter, share_card
from .site.opendata.iati import iati_publisher
from .site.opendata.sitemap import add_alternates
from .site.pages.market import market_nav, market_page
from .site.pages.microsite import Microsite, in_language
from .site.pages.portal import portal_open_data
from .site.pages.regions import REGIONS
from .site.rendering.markup import MarkdownRenderer
from .site.rendering.page_cache import PageCache
from .site.rendering.render import TEMPLATES_DIR, Renderer, keep_compiled
from .site.rendering.search import NOT_INDEXED, SiteSearch, site_search
from .site.rendering.theme_fixes import fix_theme_html
from .site.settings import MARKET, Settings, is_single, site_languages
from .site.sources.communities import Community, Gathered, gather, portal_communities
from .site.sources.fetching import allowed
from .site.specs import PageSpec, Share
from .site.urls import Urls
from .site.webapp.app import Look, WebApp
from .site.webapp.offline import PAGE as OFFLINE_PAGE
from .site.webapp.saving import LIST

log = get_plugin_logger(__name__)
ASSETS_DIR = PACKAGE_DIR / "assets"
CSS = "assets/plpbk/plpbk.css"
MAX_TIMEOUT = 120
"""Seconds one community source may be given at most: a build never waits on a silent site for long."""
SERVE_REFRESH = 600
"""Seconds `mkdocs serve` keeps the gathered communities between rebuilds."""


class PlpbkPlugin(BasePlugin[PlpbkConfig]):
    """Builds a microsite per kawasan (and a portal) from ``plans/``."""

    def __init__(self) -> None:
        self.plans_dir = Path("plans")
        self.result: LoadResult | None = None
        self._cache: Path | None = None
        self._plans: dict[Path, Any] = {}  # plan folder -> its last load, for `mkdocs serve` rebuilds
        self.specs: dict[str, PageSpec] = {}
        self.pictures: dict[Path, Picture] = {}
        self.images: ImagePipeline | None = None
        self.cards: CardMaker | None = None
        self.pages: PageCache | None = None
        self.qr_codes: QrCodes | None = None
        self.proposals: ProposalMaker | None = None
        self.settings: Settings | None = None
        self.portal_index: str | None = None
        self.portal: PageSpec | None = None
        self.market: PageSpec | None = None  # the portal's partnership market, in the site's first language
        self.microsites: list[Microsite] = []
        self.localized: list[Microsite] = []
        self.languages: dict[str, Settings] = {}
        self.card_urls: dict[str, str] = {}
        self.history: History = NO_HISTORY
        self.communities: list[Community] = []
        self._gathered: tuple[tuple[str, ...], float, list[Gathered]] | None = None  # for `mkdocs serve` rebuilds
        self._serving = False
        self._engine_noted = False
        self.search: SiteSearch | None = None
        self.app: WebApp | None = None
        self.single = False
        self._names: dict[tuple[str, str], str] = {}  # (language, slug) -> the kawasan's name

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance (and its caches) across `serve` rebuilds."""
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> None:
        """Read and check every plan, stop on errors, and set up each language's settings."""
        base = Path(config.config_file_path or ".").resolve().parent
        self.plans_dir = (base / self.config.plans_dir).resolve()
        cache = (base / self.config.cache_dir).resolve()
        config.theme.dirs.append(str(TEMPLATES_DIR))
        if CSS not in config.extra_css:
            config.extra_css.append(CSS)
        features = config.theme.setdefault("features", [])
        if config.repo_url and "content.action.edit" not in features:
            features.append("content.action.edit")  # "Edit this page" opens the plan's YAML
        if str(self.plans_dir) not in config.watch and (self.plans_dir.is_dir() or not self.config.communities):
            config.watch.append(str(self.plans_dir))  # a portal of communities may have no plans/ to watch
        lang = config.theme.get("language") or "id"
        if not self._engine_noted:  # once per process, as Material's notice it follows
            self._engine_noted = True
            if (note := engine_note(translator(lang))) is not None:
                print(note, file=sys.stderr)
        if self.images is None or self._cache != cache:  # one instance serves every build of a process
            self._cache = cache
            self.images = ImagePipeline(cache, log=log.info)
            self.cards = CardMaker(cache)
            self.pages = PageCache(cache)
            self.qr_codes = QrCodes(cache)
            self.proposals = ProposalMaker(cache)
        sources = tuple(self.config.communities)
        if sources:
            _check_sources(sources, self.config.mode, self.config.communities_timeout, translator(lang))
        self.result = load_plans(
            self.plans_dir, lang=lang, limits=Limits(decoded=self.images.verified), memo=self._plans, required=not sources
        )
        for warning in self.result.warnings:
            log.warning(str(warning))
        if self.result.problems:
            for problem in self.result.problems:
                log.error(str(problem))
            raise PluginError(translator(lang).gettext("The plans have %(n)d problem(s); see the messages above.") % {"n": len(self.result.problems)})
        if not config.site_url:
            raise PluginError(translator(lang).gettext(
                "Set site_url in mkdocs.yml (for example https://<user>.github.io/<repo>/): share previews and the flyer's QR code need the public address."))
        languages = site_languages(lang, self.config.languages)
        if self.config.languages and self.config.languages[0] != languages[0]:
            raise PluginError(translator(lang).gettext(
                "The first of the plpbk languages must be the theme's language (%(lang)s).") % {"lang": languages[0]})
        self.history = read_history(self.plans_dir, cache, lang=lang) if self.config.history else NO_HISTORY
        for level, message in self.history.notes(lang):
            (log.warning if level == "warning" else log.info)(message)
        try:
            iati = iati_publisher(self.config.iati_org_ref, self.config.iati_org_name, self.config.iati_org_type, translator(lang))
        except ValueError as error:
            raise PluginError(str(error)) from None
        override_dirs = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        markdown = MarkdownRenderer(config.markdown_extensions, config.mdx_configs)
        self.languages = {
            code: Settings(
                site_name=config.site_name,
                urls=Urls(directory_urls=config.use_directory_urls, site_url=config.site_url),
                translator=translator(code),
                markdown=markdown,
                renderer=Renderer(translator(code), override_dirs, cache),
                mode=self.config.mode,
                repo_url=config.repo_url,
                tiles={"url": self.config.tiles_url, "attribution": self.config.tiles_attribution},
                languages=languages,
                history=self.history.plans,
                history_authors=self.config.history_authors,
                history_feed=self.config.history_feed,
                qr_codes=self.qr_codes,
                group_above=self.config.group_above,
                offline=LIST if self.config.offline else None,
                iati=iati,
            )
            for code in languages
        }
        self.settings = self.languages[languages[0]]
        look = Look.of(config.site_name, config.site_description, config.theme.get("palette"), (config.theme.get("logo"), config.theme.get("favicon")),
                       (Path(config.docs_dir), *override_dirs), config.extra_css, self.config.short_name)
        self.app = WebApp(offline=self.config.offline, languages=self.languages, look=look, cache_dir=cache, warn=log.warning)
        if config.nav and not is_single(self.result.plans, self.config.mode, gathers=bool(sources)):
            config.nav = market_nav(config.nav, self.settings.translator.gettext("Partnership market"))
        self.communities = self._gather(sources, cache) if sources else []
        self.search = site_search(self.config.search, config.plugins, self.settings.translator, serving=self._serving,
                                  info=log.info, warn=log.warning, cache_dir=cache)

    def _gather(self, sources: tuple[str, ...], cache: Path) -> list[Community]:
        """The communities' kawasan, a warning per failing source; while serving, fetched again after 10 minutes."""
        t = self.settings.translator
        memo = self._gathered
        if memo and memo[0] == sources and self._serving and time.monotonic() - memo[1] < SERVE_REFRESH:
            gathered = memo[2]
        else:
            started = time.monotonic()
            gathered = gather(sources, cache, timeout=float(self.config.communities_timeout))
            self._gathered = (sources, time.monotonic(), gathered)
            found = sum(g.community is not None for g in gathered)
            log.info(t.gettext("Gathered %(found)d of %(count)d communities in %(seconds).1f s.")
                     % {"found": found, "count": len(gathered), "seconds": time.monotonic() - started})
            for item in gathered:
                for message in item.messages(t):
                    log.warning(message)
        return portal_communities(gathered, {plan.slug for plan in self.result.plans})

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """In `mkdocs serve`: let the previous build's search index finish first."""
        if self.search is not None:
            self.search.wait()

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """The theme's templates, like the plugin's, are compiled once and kept in the cache folder."""
        if self._cache is not None:
            keep_compiled(env, self._cache)
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Prepare the photos, then add a generated page per page spec, the field reference and the assets."""
        assert self.result is not None and self.settings is not None and self.images is not None and self.pages is not None
        plans = self.result.plans
        self.pictures, errors = self.images.prepare(plan_images(plans))
        if errors:
            for error in errors:
                log.error(f"{error.path}: {error.reason_in(self.settings.translator)}")
            raise PluginError(self.settings.translator.gettext("Some photos cannot be published; see the messages above."))
        single = self.single = is_single(plans, self.settings.mode, gathers=bool(self.config.communities))
        _ = self.settings.translator.gettext
        reserved = (REGIONS, MARKET, OFFLINE_PAGE)
        if taken := next((plan.slug for plan in plans if not single and plan.slug in reserved), None):
            raise PluginError(_("plans/%(name)s/: this folder name is an address of the portal itself (/%(name)s/: its regions, its "
                                "partnership market or its offline page); rename the folder.") % {"name": taken})
        user_index = files.get_file_from_path("index.md")
        if single and user_index is not None:
            log.info("docs/index.md is replaced by the kawasan's Beranda on a single-kawasan site.")
            files.remove(user_index)
            user_index = None
        self.portal_index = "index.md" if (user_index is not None and not single) else None
        print_photos = {path: self.images.print_file(picture) for path, picture in self.pictures.items()}
        self.microsites, self.localized = [], []
        self.pages.begin(self.languages, dict(self.config), self.pictures, [plan.folder for plan in plans])
        specs = []
        for code, settings in self.languages.items():
            localized = [in_language(plan, code) for plan in plans]
            sites = [Microsite(plan, settings, self.pictures, single, print_photos) for plan in localized]
            portal = None if single else self.pages.portal(sites, settings, self.pictures, self.communities)
            market = None if single else market_page(sites, self.communities, settings)
            if portal is not None:
                specs += [*self.pages.regions(sites, settings, self.pictures, self.communities), market]
            if settings is self.settings:
                self.microsites, self.portal, self.market = sites, portal, market
                if portal is not None and user_index is None:
                    specs.append(portal)
            elif portal is not None:
                specs.append(portal)
            self.localized += sites
            specs += [spec for site in sites for spec in self.pages.microsite(site)]
        self.pages.end()
        log.debug(f"pages from the cache: {len(self.pages.reused)} microsites and portals; rendered: {len(self.pages.rendered)}")
        self.specs = {spec.src_uri: spec for spec in specs}
        self._names = {(m.translator.lang, m.plan.slug): str(m.kawasan.name) for m in self.localized}
        shared = specs + ([self.portal] if self.portal_index else [])
        self.card_urls = self.cards.make({spec.share.card: share_card(spec, config.site_name) for spec in shared}, wait=False)
        self.proposals.make({url: doc for site in self.localized for url, doc in self.pages.proposals(site).items()}, wait=False)
        offline = self.app.pages()  # the offline pages: no share card of their own (they point to the home's)
        self.specs.update((spec.src_uri, spec) for spec in offline)
        self.app.prepare(self.microsites, single)
        docs_dir = Path(config.docs_dir).resolve()
        for spec in specs + offline:
            existing = files.get_file_from_path(spec.src_uri)
            if existing is not None:
                files.remove(existing)
            file = File.generated(
                config,
                spec.src_uri,
                content=front_matter(spec),
                inclusion=InclusionLevel.INCLUDED if spec in (self.portal, self.market) else InclusionLevel.NOT_IN_NAV,
            )
            if spec.source is not None:
                file.edit_uri = Path(os.path.relpath(spec.source, docs_dir)).as_posix()
            files.append(file)
        # the editors' field reference, generated from the model, and the empty investment matrix to download
        for uri, content in guide_files(self.config.reference_page, self.config.matrix_template, self.settings.translator.lang).items():
            existing = files.get_file_from_path(uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, uri, content=content))
        form = self._form_site(config, single)
        for asset in sorted(p for p in ASSETS_DIR.rglob("*") if p.is_file()):
            uri = "assets/" + asset.relative_to(ASSETS_DIR).as_posix()
            if form is not None or not uri.startswith(CMS_DIR + "/"):  # the editor's 2 MB only where it is used
                files.append(File.generated(config, uri, abs_src_path=str(asset)))
        if form is not None:
            for uri, content in admin_files(form, self.settings.translator).items():
                if files.get_file_from_path(uri) is None:  # a site's own docs/admin/ wins
                    files.append(File.generated(config, uri, content=content))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Without a ``nav`` in mkdocs.yml, MkDocs makes the market a section holding its page alone: the page it is."""
        market = files.get_file_from_path(self.market.src_uri) if self.market else None
        for index, item in enumerate(nav.items):
            if market and isinstance(item, Section) and item.children == [market.page]:
                nav.items[index], market.page.parent = market.page, None
        return nav

    def _form_site(self, config: MkDocsConfig, single: bool) -> FormSite | None:
        """The form editor's view of this site, when it has one (``repo_url`` on GitHub)."""
        assert self.result is not None and self.settings is not None
        if not self.config.form_editor or not config.repo_url or not self.result.plans:
            return None  # no plans of its own (a portal of communities only): nothing to edit here
        kawasan = [(plan.slug, plan.kawasan.name) for plan in self.result.plans]
        root = Path(config.config_file_path or ".").resolve().parent
        form = form_site(
            config.repo_url, root, self.plans_dir, kawasan, languages=tuple(self.languages),
            site_name=config.site_name, site_url=config.site_url or "", single=single,
        )
        if form is None:
            log.info("No form editor at admin/: repo_url is not a GitHub repository holding the plans.")
        return form

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated page's body comes from the core; the site's own home gets the portal's cards."""
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            return spec.body
        if page.file.src_uri == self.portal_index:  # the site's own home, at the portal's URL: its cards below
            return html + self.portal.body
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Fix the theme's markup; add share metadata and JSON-LD to the head (other languages: sitemap.xml)."""
        output = self.app.head(fix_theme_html(output, lang=config.theme.get("language") or "id"), page.url)
        spec = self.specs.get(page.file.src_uri)
        if spec is None and page.file.src_uri == self.portal_index:
            spec = self.portal
        if self.search is not None:  # the field; the content indexed (not the flyer's, a copy of Beranda's)
            kawasan = (spec.slug, self._names[spec.lang, spec.slug]) if spec and spec.slug and not self.single else None
            settings = self.languages[spec.lang] if spec else self.settings
            output = self.search.page(output, settings, kawasan, indexed=not (spec and spec.kind in NOT_INDEXED))
        share = spec.share if spec else self._site_share(page, config)
        if share is None:
            return output
        main = self.settings.translator.lang
        settings = self.languages[spec.lang] if spec else self.settings
        if settings.translator.lang != main:
            output = output.replace(f'<html lang="{main}"', f'<html lang="{settings.translator.lang}"', 1)
        head = settings.renderer.render(
            "plpbk/partials/meta.html",
            {
                "share": share,
                "describe": 'name="description"' not in output,
                "site": settings,
                "page_url": settings.urls.absolute(page.url),
                "image_url": settings.urls.absolute(self.card_urls[share.card]),
                "jsonld": Markup(spec.jsonld) if spec and spec.jsonld else None,
                "head": Markup(spec.head) if spec else "",
            },
        )
        return output.replace("</head>", head + "</head>", 1)

    def _open_data(self) -> dict[str, bytes]:
        """Every kawasan's data files and feed, its cards to embed, and the portal's files."""
        files = {url: data for site in self.microsites for url, data in self.pages.open_data(site).items()}
        files.update({url: data for site in self.localized for url, data in self.pages.embeds(site, self.card_urls).items()})
        if self.portal is not None:
            files.update(portal_open_data(self.microsites, self.settings, self.communities))
        return files

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """404.html is rendered as a static template: it gets the same fixes of the theme's markup.
        sitemap.xml gets each generated page's other languages (hreflang)."""
        if template_name.endswith(".html"):
            output_content = self.app.head(fix_theme_html(output_content, lang=config.theme.get("language") or "id"), None)
            if self.search is not None:
                output_content = self.search.page(output_content, self.settings, None, indexed=False)
            return output_content
        if template_name == "sitemap.xml":
            return add_alternates(output_content, self._alternates())
        return output_content

    def _alternates(self) -> dict[str, list[tuple[str, str]]]:
        """Every generated page's absolute URL -> the page in each language (absolute URLs)."""
        urls = self.settings.urls
        specs = [*self.specs.values(), *([self.portal] if self.portal_index and self.portal else [])]
        return {
            str(urls.absolute(urls.page(spec.path))): [(code, str(urls.absolute(url))) for code, url in spec.alternates]
            for spec in specs
            if len(spec.alternates) > 1
        }

    def _site_share(self, page: Page, config: MkDocsConfig) -> Share | None:
        """A page of the site's own docs: its title, with the portal's (or the kawasan's) card."""
        home = self.portal or self.specs.get("index.md")
        if home is None:
            return None
        description = page.meta.get("description") or config.site_description or home.share.description
        return replace(home.share, title=page.title or home.share.title, description=description)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Publish photos, cards, proposals, open data, documents and QR codes into the built site."""
        site_dir = Path(config.site_dir)
        self.images.publish(site_dir)
        self.cards.publish(site_dir)
        try:
            self.proposals.publish(site_dir)
        except ProposalError as error:
            raise PluginError(self.settings.translator.gettext("A proposal PDF cannot be made: %(error)s") % {"error": error}) from None
        for url, data in self._open_data().items():
            _write(site_dir / url, data)
        for pages in self.microsites:
            for url, source in pages.published_files().items():
                target = site_dir / url
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        codes = [site.flyer_code() for site in self.localized]
        self.qr_codes.publish(site_dir, {png: url for url, png in filter(None, codes)})
        self.app.publish(site_dir, self.specs.values(), self.localized)  # reads the pages and files written above
        if self.search is not None:
            self.search.run(site_dir, background=self._serving)

    def on_shutdown(self) -> None:
        """`mkdocs serve` stops: let a search index being built finish."""
        if self.search is not None:
            self.search.wait()


def _check_sources(sources: Sequence[str], mode: str, timeout: float, t: Translator) -> None:
    """Communities need a portal, addresses that may be gathered, and a timeout that bounds the build."""
    if not 0 < timeout <= MAX_TIMEOUT:
        raise PluginError(t.gettext("communities_timeout: give a number of seconds above 0 and at most %(max)d.") % {"max": MAX_TIMEOUT})
    if mode == "single":
        raise PluginError(t.gettext("A site of one kawasan (mode: single) cannot gather communities: use mode: portal."))
    refused = [url for url in sources if not allowed(url)]
    if refused:
        raise PluginError(t.gettext(
            "communities: %(urls)s: only https addresses can be gathered (plain http only on this computer: localhost, 127.0.0.1)."
        ) % {"urls": ", ".join(refused)})


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)

