"""What "Simpan untuk dibaca offline" saves of a kawasan: its list, ``offline.json``.

Each kawasan has a list per language, beside its Beranda in that language: the pages a visitor
reads (Beranda, Gagasan, Rencana and every project, Kemitraan and every call, Kabar and every
post, Riwayat), the files those pages load (stylesheets, scripts, the icon, and each photo once at
phone size: the 480 px WebP, a logo's 320 px), and the kawasan's proposal PDF. Each file comes
with a short hash of its content, so that the worker of a new build downloads only what changed,
and with what it costs to download (text gzipped, as GitHub Pages sends it); the total is said in
the language's format ("± 1,2 MB"). Files are read from the built site, once each.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import json
import posixpath
import re
import zlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ...filesystem import write_atomic
from ...i18n import Translator
from ..specs import PageSpec
from ..urls import Urls

LIST = "offline.json"
KINDS = ("beranda", "gagasan", "rencana", "proyek", "kemitraan", "ajakan", "kabar", "tulisan", "riwayat")
"""The pages a saved kawasan holds (not the flyer, the documents' list or the gallery)."""
PHONE = 480  # the widest photo variant saved: what a phone's screen needs
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".geojson", ".webmanifest", ".txt")
_TAG = re.compile(r"<(img|source|script|link)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r'\s([a-zA-Z][a-zA-Z-]*)="([^"]*)"')
_PHOTO = re.compile(r"^(assets/plpbk/img/[0-9a-f]{16})-(\d+)\.([a-z]+)$")
_LOADED_BY_LINK = {"stylesheet", "icon"}


class SiteFiles:
    """The files of a built site, each read once: a short hash of its content and what it costs to download.

    Compressed sizes are kept in ``memo`` (a JSON file of content hash → bytes) between builds: a
    build compresses only the files that changed.
    """

    def __init__(self, site_dir: Path, memo: Path | None = None) -> None:
        self.site_dir = site_dir
        self._memo = memo
        self._known: dict[str, int] = _load(memo)
        self._used: dict[str, int] = {}
        self._files: dict[str, tuple[str, int] | None] = {}

    def digest(self, path: str) -> str | None:
        """sha256 (hex) of a site-relative file, ``None`` if the site has no such file."""
        found = self._read(path)
        return found[0] if found else None

    def cost(self, path: str) -> int:
        """Bytes the file costs over the network."""
        found = self._read(path)
        return found[1] if found else 0

    def read(self, path: str) -> bytes | None:
        """A file's bytes (``None`` if the site has none), its hash and cost noted on the way."""
        try:
            data = (self.site_dir / path).read_bytes()
        except OSError:
            self._files[path] = None
            return None
        if path not in self._files:
            digest = hashlib.sha256(data).hexdigest()
            size = len(data)
            if path.endswith(COMPRESSED):
                known = self._known.get(digest)
                size = known if known is not None else len(zlib.compress(data, 6))
                self._used[digest] = size
            self._files[path] = (digest, size)
        return data

    def _read(self, path: str) -> tuple[str, int] | None:
        if path not in self._files:
            self.read(path)
        return self._files[path]

    def save(self) -> None:
        """Keep the compressed sizes of this build's files for the next."""
        if self._memo is not None and self._used != self._known:
            try:
                write_atomic(self._memo, json.dumps(self._used, sort_keys=True).encode())
            except OSError:  # a read-only cache: sizes are computed again next time
                pass


def _load(memo: Path | None) -> dict[str, int]:
    try:
        data = json.loads(memo.read_text(encoding="utf-8")) if memo else {}
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, int)} if isinstance(data, dict) else {}


def page_files(html: str, page_url: str) -> list[str]:
    """The site's files a page loads (site-relative): stylesheets, icon, scripts, and each photo once at phone size."""
    found: list[str] = []
    photos: dict[str, list[tuple[int, str, str]]] = {}  # photo -> (width, format, path) of each variant named
    for tag, attributes in _TAG.findall(html):
        attrs = {name.lower(): htmllib.unescape(value) for name, value in _ATTR.findall(attributes)}
        tag = tag.lower()
        if tag == "link":
            refs = [attrs.get("href", "")] if _LOADED_BY_LINK & set(attrs.get("rel", "").split()) else []
        elif tag == "script":
            refs = [attrs.get("src", "")]
        else:
            refs = [attrs.get("src", ""), *(c.split()[0] for c in attrs.get("srcset", "").split(",") if c.strip())]
        for ref in refs:
            path = resolve(page_url, ref)
            if path is None:
                continue
            photo = _PHOTO.match(path)
            if photo:
                photos.setdefault(photo.group(1), []).append((int(photo.group(2)), photo.group(3), path))
            elif path not in found:
                found.append(path)
    return found + [_phone_size(variants) for variants in photos.values()]


def _phone_size(variants: list[tuple[int, str, str]]) -> str:
    """The variant a phone needs: WebP where there is one, the widest up to PHONE pixels (else the narrowest)."""
    webp = [v for v in variants if v[1] == "webp"] or variants
    fitting = [v for v in webp if v[0] <= PHONE]
    return (max(fitting) if fitting else min(webp))[2]


def resolve(page_url: str, ref: str) -> str | None:
    """The site-relative path of a reference made on the page at ``page_url``; ``None`` for other
    sites, absolute paths, data and fragments."""
    return _resolve_in(page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/", ref)


@lru_cache(maxsize=1 << 14)  # the pages of a folder name the same stylesheets and scripts
def _resolve_in(folder: str, ref: str) -> str | None:
    ref = ref.strip().split("#")[0].split("?")[0]
    if not ref or ref.startswith(("/", "data:")) or ":" in ref.split("/")[0]:
        return None
    path = posixpath.normpath(posixpath.join(folder, ref))
    return None if path.startswith("..") or path == "." else path


def kawasan_list(files: SiteFiles, urls: Urls, pages: Sequence[PageSpec], *, slug: str, name: str, home: str,
                 proposal: str | None, t: Translator) -> dict[str, Any]:
    """One kawasan's list in one language: its pages (URL and title), every file with hash and cost, the total."""
    entries: dict[str, tuple[str, int]] = {}  # URL -> (short hash, cost)

    def add(url: str, file: str) -> None:
        digest = files.digest(file)
        if digest is not None and url not in entries:
            entries[url] = (digest[:12], files.cost(file))

    listed = []
    for spec in pages:
        url, built = urls.page(spec.path), Urls.built_file(spec.path)
        data = files.read(built)
        if data is None:
            continue
        html = data.decode("utf-8", errors="replace")
        add(url, built)
        listed.append({"url": url, "title": t.gettext("Home") if spec.kind == "beranda" else spec.title.removesuffix(" · " + name)})
        for path in page_files(html, url):
            add(path, unquote(path))
    if proposal:
        add(proposal, unquote(proposal))
    total = sum(cost for _, cost in entries.values())
    return {
        "kawasan": slug,
        "name": name,
        "lang": t.lang,
        "home": home,
        "bytes": total,
        "size": t.gettext("about %(size)s") % {"size": t.file_size(total)},
        "pages": listed,
        "files": [[path, digest, cost] for path, (digest, cost) in entries.items()],
    }


def list_bytes(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def saved_pages(specs: Iterable[PageSpec]) -> dict[tuple[str, str], list[PageSpec]]:
    """The pages each kawasan's list saves, by (slug, language), in the site's order."""
    found: dict[tuple[str, str], list[PageSpec]] = {}
    for spec in specs:
        if spec.slug and spec.kind in KINDS:
            found.setdefault((spec.slug, spec.lang), []).append(spec)
    return found
