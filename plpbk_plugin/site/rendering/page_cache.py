"""Rendered pages kept between builds: a kawasan is rendered again only when something that shapes it changed.

The pages of each microsite (one kawasan in one language) and each generated portal home are
stored in ``cache_dir/pages/<key>.json``, the key being a sha256 over everything they are made
from:

- this package (its code and catalogues) and the versions of the libraries that write its HTML;
- the templates, by content: the package's and the site's ``overrides/``;
- the site's settings (name, URLs, languages, mode, map tiles, Markdown extensions) and the
  plugin's options;
- the kawasan's folder, every file by content (plan, overlays, news, documents, photos), its
  history from Git, and where its pages live (a single-kawasan site or a portal);
- the published pictures of its files, and which of its calls are open on the build date (the
  date itself only when a template reads ``today``).

A portal home's key is made of its site's and its microsites' keys. An entry that cannot be read
(damaged, another format) is rendered again and replaced. Entries are kept like photos and share
cards: `mkdocs serve` (which changes site_url) and `mkdocs build` each find their own.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from ...filesystem import PACKAGE_DIR, StampMemo, file_sha256, write_atomic
from ...i18n import Translator
from ...media.images import Picture
from ...media.proposal import Proposal
from ...media.qr import QrCodes
from ..opendata.kawasan_files import embed_files, open_data
from ..pages.microsite import Microsite
from ..pages.page_specs import microsite_specs
from ..pages.portal import portal_cards, portal_page
from ..pages.proposals import prepared, proposals
from ..pages.regions import grouped, region_pages
from ..settings import Settings
from ..sources.communities import Community
from ..specs import PageSpec
from .markup import MarkdownRenderer
from .render import Renderer

PAGE_CACHE_FORMAT = 1
LIBRARIES = ("plpbk-plugin", "jinja2", "markupsafe", "markdown", "pymdown-extensions", "nh3", "babel", "pydantic", "segno")
# A template that reads the build date (`site.today`, `site['today']`): then the date is part of every key.
_READS_TODAY = re.compile(rb"\.\s*today\b|\[\s*['\"]today['\"]\s*\]")


class PageCache:
    """Gives each microsite's pages (and each portal home) from the cache, rendering only what changed."""

    def __init__(self, cache_dir: Path) -> None:
        self._root = cache_dir / "pages"
        self._hashes = StampMemo(cache_dir / "stamps" / "pages.json")  # file stamp -> sha256, between builds
        self._sites: dict[str, str] = {}
        self._pictures: dict[Path, dict[str, Picture]] = {}
        self._keys: dict[Microsite, str] = {}
        self._folders: dict[Path, str] = {}  # kawasan folder -> digest of its files, for this build
        self.rendered: list[str] = []  # entries rendered (not found in the cache) by the current build
        self.reused: list[str] = []

    def begin(self, settings: Mapping[str, Settings], options: Mapping[str, Any], pictures: Mapping[Path, Picture],
              folders: Iterable[Path]) -> None:
        """Start a build: the key of each language's settings, and the published pictures by kawasan folder."""
        self._sites = {lang: site_key(s, options) for lang, s in settings.items()}
        self._pictures = pictures_by_folder(pictures, folders)
        self._keys, self._folders, self.rendered, self.reused = {}, {}, [], []

    def microsite(self, site: Microsite) -> list[PageSpec]:
        """The pages of one microsite."""
        return self._get(f"{site.plan.slug}.{site.settings.translator.lang}", self.key(site), lambda: microsite_specs(site))

    def portal(
        self,
        sites: Sequence[Microsite],
        settings: Settings,
        pictures: Mapping[Path, Picture],
        communities: Sequence[Community] = (),
    ) -> PageSpec:
        """The generated portal home of ``sites`` and the gathered ``communities`` (see ``portal_page``)."""
        return self._get(f"portal.{settings.translator.lang}", self._portal_key(sites, settings, communities),
                         lambda: [portal_page(sites, settings, pictures, communities)])[0]

    def regions(
        self,
        sites: Sequence[Microsite],
        settings: Settings,
        pictures: Mapping[Path, Picture],
        communities: Sequence[Community] = (),
    ) -> list[PageSpec]:
        """The province and city pages of a large portal (see ``region_pages``): made from what the home is."""
        cards = portal_cards(sites, communities)
        if grouped(cards, settings) is None:
            return []  # a portal small enough to show every card on its home has no such pages
        key = _digest([self._portal_key(sites, settings, communities), "regions"])
        return self._get(f"regions.{settings.translator.lang}", key, lambda: region_pages(cards, settings, pictures))

    def _portal_key(self, sites: Sequence[Microsite], settings: Settings, communities: Sequence[Community]) -> str:
        return _digest([self._sites[settings.translator.lang], [self.key(site) for site in sites],
                        [community_key(community) for community in communities]])

    def open_data(self, site: Microsite) -> dict[str, bytes]:
        """The open data files and news feed of one microsite (see ``kawasan_files.open_data``)."""
        return self._files(_digest([self.key(site), "open data"]), lambda: open_data(site))

    def embeds(self, site: Microsite, share_images: Mapping[str, str]) -> dict[str, bytes]:
        """The cards to embed of one microsite and their oEmbed documents (see ``kawasan_files.embed_files``)."""
        images = sorted((key, url) for key, url in share_images.items() if key.startswith(site.root))
        return self._files(_digest([self.key(site), "embeds", images]), lambda: embed_files(site, share_images))

    def proposals(self, site: Microsite) -> dict[str, Proposal]:
        """The documents of the microsite's proposal PDFs (see ``proposals.proposals``), which print the date they were prepared."""
        key = _digest([self.key(site), "proposals", prepared(site).isoformat()])
        html = self._files(key, lambda: {url: doc.html.encode() for url, doc in proposals(site).items()})
        return {url: Proposal(html=doc.decode()) for url, doc in html.items()}

    def _files(self, key: str, make: Callable[[], dict[str, bytes]]) -> dict[str, bytes]:
        entry = self._root / f"{key}.json"
        files = read_files(entry, key)
        if files is None:
            files = make()
            write_files(entry, key, files)
        return files

    def key(self, site: Microsite) -> str:
        """What the microsite's pages are made from, as one hash (see ``microsite_key``)."""
        found = self._keys.get(site)
        if found is None:
            folder = site.plan.folder.resolve()
            if folder not in self._folders:
                self._folders[folder] = folder_digest(folder, self._hashes)
            found = self._keys[site] = microsite_key(
                self._sites[site.settings.translator.lang], site, self._folders[folder], self._pictures.get(folder, {}))
        return found

    def end(self) -> None:
        """Remember the file hashes for the next build."""
        self._hashes.save()

    def _get(self, name: str, key: str, render: Callable[[], list[PageSpec]]) -> list[PageSpec]:
        entry = self._root / f"{key}.json"
        specs = read_entry(entry, key)
        if specs is not None:
            self.reused.append(name)
            return specs
        specs = render()
        self.rendered.append(name)
        write_entry(entry, key, specs)
        return specs


# -- keys ---------------------------------------------------------------------------------------

@cache
def package_fingerprint() -> str:
    """This package's code and catalogues and the library versions: fixed for the life of a process."""
    digest = hashlib.sha256(f"plpbk pages {PAGE_CACHE_FORMAT}\0".encode())
    for path in sorted([*PACKAGE_DIR.rglob("*.py"), *(PACKAGE_DIR / "locale").rglob("*.po")]):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    return digest.hexdigest()


def templates_fingerprint(dirs: Sequence[str]) -> tuple[str, bool]:
    """A hash of every file under the template folders (in their order), and whether one reads ``today``."""
    digest = hashlib.sha256()
    reads_today = False
    for n, folder in enumerate(dirs):
        for root, subdirs, names in os.walk(folder):
            subdirs.sort()
            for name in sorted(names):
                path = os.path.join(root, name)
                try:
                    with open(path, "rb") as f:
                        data = f.read()
                except OSError:
                    data = b"\0unreadable"
                reads_today = reads_today or bool(_READS_TODAY.search(data))
                digest.update(f"{n}\0{os.path.relpath(path, folder)}\0{len(data)}\0".encode() + data)
    return digest.hexdigest(), reads_today


def site_key(settings: Settings, options: Mapping[str, Any]) -> str:
    """What shapes every page of one language: package, templates, the site's settings, the plugin's options."""
    templates, reads_today = templates_fingerprint(settings.renderer.dirs)
    fields = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings)}
    fields["today"] = settings.today if reads_today else None
    fields["history"] = None  # each kawasan's own history is part of its microsite's key
    return _digest([package_fingerprint(), templates, fields, dict(options)])


def microsite_key(site_key: str, site: Microsite, folder_digest: str, pictures: Mapping[str, Picture]) -> str:
    """What shapes the pages of one microsite, beyond its language's ``site_key``."""
    plan = site.plan
    return _digest([
        site_key, plan.slug, str(plan.folder), site.root, site.home, folder_digest,
        sorted(pictures.items()), [call.id for call in site.open_calls], site.history,
    ])


def folder_digest(folder: Path, hashes: StampMemo) -> str:
    """A hash of every file under ``folder``: names and contents (content hashes remembered by file stamp)."""
    digest = hashlib.sha256()
    for root, subdirs, names in os.walk(folder):
        subdirs.sort()
        for name in sorted(names):
            path = Path(root, name)
            digest.update(f"{path.relative_to(folder).as_posix()}\0{file_sha256(path, hashes) or '-'}\0".encode())
    return digest.hexdigest()


def pictures_by_folder(pictures: Mapping[Path, Picture], folders: Iterable[Path]) -> dict[Path, dict[str, Picture]]:
    """The published pictures of each kawasan folder, by path inside the folder."""
    wanted = {folder.resolve() for folder in folders}
    found: dict[Path, dict[str, Picture]] = {}
    for path, picture in pictures.items():
        for parent in path.parents:
            if parent in wanted:
                found.setdefault(parent, {})[path.relative_to(parent).as_posix()] = picture
                break
    return found


def community_key(community: Community) -> str:
    """What a portal card shows of a gathered kawasan: its document (by digest), links, origin and refresh date (not time)."""
    return _digest([community.source, community.slug, community.home, community.digest,
                    community.refreshed.date().isoformat(), community.stale, [dataclasses.astuple(entry) for entry in community.news]])


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, default=_describe, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _describe(value: Any) -> Any:
    """A stable JSON stand-in for what ``json`` cannot write (an unstable one only costs a cache miss)."""
    if isinstance(value, Translator):
        return {"lang": value.lang}
    if isinstance(value, QrCodes):
        return "qr codes"  # kept by content: where does not matter
    if isinstance(value, Renderer):
        return "templates"  # their content is in the key already
    if isinstance(value, MarkdownRenderer):
        return value.options
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"@": type(value).__qualname__, **{f.name: getattr(value, f.name) for f in dataclasses.fields(value)}}
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, value))
    if isinstance(value, (Path, dt.date)):
        return str(value)
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return repr(value)


# -- entries --------------------------------------------------------------------------------------

def read_entry(path: Path, key: str) -> list[PageSpec] | None:
    """The pages stored at ``path`` under ``key``, or ``None`` (missing, another key, damaged)."""
    return _read(path, key, lambda pages: [decode(PageSpec, page) for page in pages])


def write_entry(path: Path, key: str, pages: Sequence[PageSpec]) -> None:
    """Store ``pages`` under ``key`` when they read back exactly as they are (else they are just not kept)."""
    try:
        encoded = [encode(page) for page in pages]
        same = [decode(PageSpec, page) for page in encoded] == list(pages)
    except (TypeError, ValueError, KeyError):
        return
    if same:
        _write(path, key, encoded)


def read_files(path: Path, key: str) -> dict[str, bytes] | None:
    """Files (``{url: bytes}``) stored at ``path`` under ``key``, or ``None``."""
    return _read(path, key, lambda files: {url: base64.b64decode(data, validate=True) for url, data in files.items()})


def write_files(path: Path, key: str, files: Mapping[str, bytes]) -> None:
    _write(path, key, {url: base64.b64encode(data).decode() for url, data in files.items()})


_T = TypeVar("_T")


def _read(path: Path, key: str, decode_value: Callable[[Any], _T]) -> _T | None:
    try:
        data = json.loads(path.read_bytes())
        if data["format"] != PAGE_CACHE_FORMAT or data["key"] != key:
            return None
        return decode_value(data["value"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):  # binascii.Error is a ValueError
        return None


def _write(path: Path, key: str, value: Any) -> None:
    try:
        write_atomic(path, json.dumps({"format": PAGE_CACHE_FORMAT, "key": key, "value": value}, ensure_ascii=False).encode())
    except OSError:  # a read-only cache still works: rendered again next time
        pass


_PLAIN = (str, int, float, bool, type(None))


def encode(value: Any) -> Any:
    """A dataclass of plain values, paths, tuples and mappings as JSON data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (tuple, list)):
        return [encode(item) for item in value]
    if isinstance(value, Mapping):
        return {str(k): encode(v) for k, v in value.items()}
    if type(value) in _PLAIN:
        return value
    raise TypeError(f"{type(value).__qualname__} is not kept in the page cache")


def decode(hint: Any, value: Any) -> Any:
    """The inverse of ``encode`` for a value of type ``hint``; ``TypeError`` when the data does not fit."""
    return _decoder(hint)(value)


@cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function turning JSON data back into a ``hint``, built once per type."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        hints = typing.get_type_hints(hint)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(hint) if f.init]
        return lambda value: hint(**{name: field(value[name]) for name, field in fields})
    if origin in (typing.Union, types.UnionType):
        nullable = type(None) in args
        options = [_decoder(option) for option in args if option is not type(None)]

        def union(value: Any) -> Any:
            if value is None and nullable:
                return None
            for option in options:
                try:
                    return option(value)
                except (TypeError, KeyError, ValueError):
                    continue
            raise TypeError(f"{value!r} is not a {hint}")

        return union
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        return lambda value: tuple(item(v) for v in _typed(list, value))
    if origin is tuple:
        items = [_decoder(a) for a in args]
        return lambda value: tuple(item(v) for item, v in zip(items, _typed(list, value), strict=True))
    if origin is list:
        item = _decoder(args[0])
        return lambda value: [item(v) for v in _typed(list, value)]
    if origin in (dict, Mapping):
        item = _decoder(args[1])
        return lambda value: {_typed(str, k): item(v) for k, v in _typed(dict, value).items()}
    if hint is Path:
        return lambda value: Path(_typed(str, value))
    if hint in _PLAIN:
        return lambda value: _typed(hint, value)
    raise TypeError(f"{hint} is not kept in the page cache")


def _typed(kind: type, value: Any) -> Any:
    if type(value) is not kind:
        raise TypeError(f"{value!r} is not a {kind.__name__}")
    return value
