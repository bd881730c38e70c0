"""The site as an app: installable from the browser, and readable when the signal goes.

One object per build; the adapter calls it at four moments:

- ``pages()`` (``on_files``): the offline page of each language (none with ``offline: false``);
- ``prepare(microsites, single)`` (``on_files``, once the kawasan are known): the icons and the
  manifest: a portal installs as the portal, a community's own site as its kawasan;
- ``head(html, page_url)`` (every finished page; ``404.html`` with ``None``): the manifest link,
  the theme colour, the home screen icon, the worker's registration, ``noindex`` on offline pages;
- ``publish(site_dir, specs, microsites)`` (``on_post_build``, before the search index): the
  icons, the manifest, each kawasan's lists and ``sw.js``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PIL import Image, ImageColor

from ...filesystem import write_atomic
from ...media.icons import IconMaker, IconSource
from ..pages.microsite import Microsite
from ..settings import Settings
from ..specs import PageSpec
from ..urls import Urls
from .manifest import FILE as MANIFEST
from .manifest import short_name, theme_colours, web_manifest
from .offline import WORKER, offline_pages, offline_urls, worker_off, worker_script
from .saving import LIST, SiteFiles, kawasan_list, list_bytes, saved_pages

RASTER = (".png", ".jpg", ".jpeg", ".webp")
MIN_ICON = 144  # pixels: the smallest image Chromium installs an app with


@dataclass(frozen=True)
class Look:
    """What mkdocs.yml says about the site's look."""

    site_name: str
    description: str | None = None
    palette: Any = None  # Material's theme.palette
    images: tuple[Path, ...] = ()  # the theme's logo and favicon, where they are the site's own files
    stylesheets: tuple[Path, ...] = ()  # the site's extra_css files (a custom primary colour)
    short_name: str | None = None  # the plugin's option; else made from the name

    @classmethod
    def of(cls, site_name: str, description: str | None, palette: Any, images: Iterable[str | None], folders: Iterable[Path],
           stylesheets: Iterable[str], short: str | None = None) -> Look:
        """The look of a site whose files are in ``folders`` (docs_dir, then the theme's custom_dir)."""
        folders = [f for f in folders if f]
        found = tuple(folder / name for name in images if name and "://" not in name for folder in folders if (folder / name).is_file())
        sheets = tuple(folder / name for name in stylesheets if "://" not in name for folder in folders[:1] if (folder / name).is_file())
        return cls(site_name, description, palette, found, sheets, short)


class WebApp:
    """The manifest, the icons, the offline page, the kawasan's lists and the service worker of one site."""

    def __init__(self, *, offline: bool, languages: Mapping[str, Settings], look: Look, cache_dir: Path,
                 warn: Callable[[str], None] | None = None) -> None:
        self.offline = offline
        self.languages = languages
        self.look = look
        self.colour, self.background = theme_colours(look.palette, look.stylesheets)
        self._settings = next(iter(languages.values()))
        self._icons = IconMaker(cache_dir)
        self._sizes = cache_dir / "stamps" / "offline-sizes.json"
        self._warn = warn
        self._offline = offline_urls(languages)
        self._manifest = b""
        self._touch_icon = ""
        self._heads: dict[str, str] = {}

    def pages(self) -> list[PageSpec]:
        """The offline pages, to be built like the kawasan's."""
        return offline_pages(self.languages) if self.offline else []

    def prepare(self, microsites: Sequence[Microsite], single: bool) -> None:
        """Draw the icons and write the manifest: of the kawasan on its own site, else of the site."""
        site = microsites[0] if single and microsites else None
        name = str(site.kawasan.name) if site else self.look.site_name
        image = next((path for path in self.look.images if _usable(path)), None)
        photo = site.hero_file() if site else None
        source = IconSource(name, _rgb(self.colour), _rgb(self.background), image or photo, "logo" if image else "photo")
        icons = self._icons.make(source, self._warn)
        self._touch_icon = next(icon.url for icon in icons if icon.purpose == "any")
        self._manifest = web_manifest(
            name=name, short=self.look.short_name or short_name(name),
            description=str(site.kawasan.tagline) if site else self.look.description,
            lang=self._settings.translator.lang, theme_colour=self.colour, background=self.background, icons=icons,
        )
        self._heads = {}

    def head(self, html: str, page_url: str | None) -> str:
        """``html`` with the app's links, and the worker's registration, in its head; ``page_url``
        is the page's site-relative URL (``None`` for 404.html, which is served at any address)."""
        root = _path_of(self._settings.urls.site_url) if page_url is None else Urls.relative(page_url, "")
        if root not in self._heads:
            self._heads[root] = self._settings.renderer.render("plpbk/partials/app.html", {
                "root": root, "manifest": MANIFEST, "worker": WORKER, "colour": self.colour,
                "icon": self._touch_icon, "offline": self.offline,
            })
        head = self._heads[root]
        if page_url is not None and page_url in self._offline.values():
            head += '<meta name="robots" content="noindex">\n'
        return html.replace("</head>", head + "</head>", 1)

    def publish(self, site_dir: Path, specs: Iterable[PageSpec], microsites: Iterable[Microsite]) -> None:
        """Write the icons, the manifest and, reading the built pages, each kawasan's lists and the worker."""
        self._icons.publish(site_dir)
        write_atomic(site_dir / MANIFEST, self._manifest)
        if not self.offline:
            write_atomic(site_dir / WORKER, worker_off())
            return
        pages = saved_pages(specs)
        files = SiteFiles(site_dir, self._sizes)
        for site in microsites:
            slug, t = site.plan.slug, site.translator
            data = kawasan_list(files, site.settings.urls, pages.get((slug, t.lang), []), slug=slug, name=str(site.kawasan.name),
                                home=site.url(), proposal=site.proposal_url(), t=t)
            write_atomic(site_dir / site.path(LIST), list_bytes(data))
        write_atomic(site_dir / WORKER, worker_script(files, self._offline))
        files.save()


def _usable(path: Path) -> bool:
    """A raster image large enough for an app icon."""
    if path.suffix.lower() not in RASTER:
        return False
    try:
        with Image.open(path) as im:
            return min(im.size) >= MIN_ICON
    except (OSError, ValueError, Image.DecompressionBombError):
        return False


def _rgb(colour: str) -> tuple[int, int, int]:
    return ImageColor.getrgb(colour)[:3]


def _path_of(site_url: str | None) -> str:
    """The path of the site's root on its server ("/repo/"), for a page served at any address."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"
