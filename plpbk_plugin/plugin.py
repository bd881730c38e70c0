"""The MkDocs adapter: MkDocs events only; the build itself is ``site.build.SiteBuild``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .config import PlpbkConfig
from .i18n import translator
from .site.build import BuildError, GeneratedFile, Logs, SiteBuild, SiteFacts, Workshop
from .site.engines import engine_note
from .site.options import Options, OptionsError
from .site.pages.market import market_nav
from .site.rendering.markup import MarkdownRenderer
from .site.rendering.render import TEMPLATES_DIR, keep_compiled

log = get_plugin_logger(__name__)
CSS = "assets/plpbk/plpbk.css"


class PlpbkPlugin(BasePlugin[PlpbkConfig]):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ is untyped
    """Builds a microsite per kawasan (and a portal) from ``plans/``."""

    def __init__(self) -> None:
        self.workshop = Workshop(Logs(log.info, log.warning))  # kept across the rebuilds of `mkdocs serve`
        self.build: SiteBuild | None = None
        self._engine_noted = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this instance (and its caches) across `serve` rebuilds."""
        self.workshop.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> None:
        """Read the options and every plan, stop on errors, and set up each language."""
        facts = _facts(config)
        t = translator(facts.language)
        if not self._engine_noted:  # once per process, as Material's notice it follows
            self._engine_noted = True
            if (note := engine_note(t)) is not None:
                print(note, file=sys.stderr)
        try:
            options = Options.read(dict(self.config), t, source=Path(config.config_file_path or "mkdocs.yml").name)
        except OptionsError as error:
            raise _failure(BuildError(t.gettext("The plpbk options in mkdocs.yml need fixing."), error.problems)) from None
        self.build = build = SiteBuild(options, facts, self.workshop)
        _theme(config, build.plans_dir, bool(options.communities))  # before loading: `serve` watches plans/ with errors too
        with _reported():
            build.load()
            build.start_site()
        if config.nav and not build.single:
            config.nav = market_nav(config.nav, build.settings.translator.gettext("Partnership market"))

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """In `mkdocs serve`: let the previous build's search index finish first."""
        if self.build is not None and self.build.search is not None:
            self.build.search.wait()

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """The theme's templates, like the plugin's, are compiled once and kept in the cache folder."""
        if self.build is not None:
            keep_compiled(env, self.build.cache)
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add a generated page per page spec, the editors' files and the assets."""
        assert self.build is not None
        with _reported():
            generated = self.build.files(files.get_file_from_path("index.md") is not None)
        for item in generated:
            _add(files, config, item)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Without a ``nav`` in mkdocs.yml, MkDocs makes the market a section holding its page alone: the page it is."""
        spec = self.build.pages.market if self.build else None
        market = files.get_file_from_path(spec.src_uri) if spec else None
        for index, item in enumerate(nav.items):
            if market and market.page and isinstance(item, Section) and item.children == [market.page]:
                nav.items[index], market.page.parent = market.page, None
        return nav

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated page's body comes from the core; the site's own home gets the portal's cards."""
        assert self.build is not None
        return self.build.body(page.file.src_uri, html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Fix the theme's markup; add share metadata and JSON-LD to the head (other languages: sitemap.xml)."""
        assert self.build is not None
        description = page.meta.get("description") or config.site_description
        return self.build.page(output, page.file.src_uri, page.url, page.title, description)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """404.html gets the pages' fixes of the theme's markup; sitemap.xml each page's other languages (hreflang)."""
        assert self.build is not None
        return self.build.template(output_content, template_name)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Publish photos, cards, proposals, open data, documents and QR codes into the built site."""
        assert self.build is not None
        with _reported():
            self.build.publish(Path(config.site_dir))

    def on_shutdown(self) -> None:
        """`mkdocs serve` stops: let a search index being built finish."""
        if self.build is not None and self.build.search is not None:
            self.build.search.wait()


def _facts(config: MkDocsConfig) -> SiteFacts:
    """What the build needs of mkdocs.yml besides the plugin's options."""
    theme = config.theme
    return SiteFacts(
        root=Path(config.config_file_path or ".").resolve().parent, site_name=config.site_name, site_url=config.site_url,
        language=theme.get("language") or "id", directory_urls=config.use_directory_urls, repo_url=config.repo_url,
        description=config.site_description, docs_dir=Path(config.docs_dir),
        custom_dir=Path(theme.custom_dir) if theme.custom_dir else None,
        markdown=MarkdownRenderer(config.markdown_extensions, config.mdx_configs),
        look=(theme.get("palette"), (theme.get("logo"), theme.get("favicon")), tuple(config.extra_css)),
        plugins=tuple(config.plugins),
    )


def _theme(config: MkDocsConfig, plans_dir: Path, gathers: bool) -> None:
    """The plugin's templates and stylesheet, "Edit this page" with a repository, and plans/ watched by `serve`."""
    config.theme.dirs.append(str(TEMPLATES_DIR))
    if CSS not in config.extra_css:
        config.extra_css.append(CSS)
    features = config.theme.setdefault("features", [])
    if config.repo_url and "content.action.edit" not in features:
        features.append("content.action.edit")  # "Edit this page" opens the plan's YAML
    if str(plans_dir) not in config.watch and (plans_dir.is_dir() or not gathers):
        config.watch.append(str(plans_dir))  # a portal of communities may have no plans/ to watch


def _add(files: Files, config: MkDocsConfig, item: GeneratedFile) -> None:
    existing = files.get_file_from_path(item.uri)
    if existing is not None and item.existing == "keep":
        return
    if existing is not None and item.existing == "replace":
        files.remove(existing)
    if item.source is not None:
        files.append(File.generated(config, item.uri, abs_src_path=str(item.source)))
        return
    inclusion = {True: InclusionLevel.INCLUDED, False: InclusionLevel.NOT_IN_NAV, None: InclusionLevel.UNDEFINED}[item.in_nav]
    file = File.generated(config, item.uri, content=item.content or "", inclusion=inclusion)
    if item.edit_uri is not None:
        file.edit_uri = item.edit_uri
    files.append(file)


def _failure(error: BuildError) -> PluginError:
    for problem in error.problems:
        log.error(problem)
    return PluginError(str(error))


@contextmanager
def _reported() -> Iterator[None]:
    """A ``BuildError`` inside becomes MkDocs' ``PluginError``, its problems logged first."""
    try:
        yield
    except BuildError as error:
        raise _failure(error) from None
