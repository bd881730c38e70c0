"""Site search with Pagefind: the index of the finished site, and the header's search field.

Material's own search sends every visitor the whole site's index on the first page they open
(about 2.3 KB per kawasan) and has no Indonesian stemmer. Pagefind (the ``pagefind[bin]`` wheel
ships its program) splits the index into chunks fetched per query, keeps one index per page
language (``<html lang>``: Indonesian stemmed as Indonesian, English as English) and filters by
kawasan. This module:

- renders the field (``plpbk/partials/search.html``: Material's markup, so Material's styles and
  place) and puts it where Material's own search sits in the header;
- marks a page's content for the indexer (``data-pagefind-body`` on Material's content, the
  kawasan as a filter and a result label);
- runs Pagefind over the built site and reports what it indexed, or why it could not; an index
  is kept in the cache folder by the content of every page, so a build whose pages did not
  change copies it instead of running Pagefind again.

Nothing search-related loads before a visitor uses the field: see ``assets/plpbk/search.js``.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import importlib.util
import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from ...filesystem import link_or_copy, temp_sibling
from ...i18n import Translator
from ..settings import Settings
from .render import Renderer

__all__ = ["BUNDLE", "NOT_INDEXED", "IndexReport", "SearchError", "SiteSearch", "add_field", "build_index", "find_pagefind", "mark_page",
           "search_field", "site_search", "unavailable"]

BUNDLE = "pagefind"  # the index's folder in the site
NOT_INDEXED = ("cetak", "offline")  # kinds of page left out of the index: the flyer (a copy of Beranda's content), the offline page
KEPT = 2  # indexes kept in the cache folder: `mkdocs build`'s and `mkdocs serve`'s (another site_url)
# Pagefind's ready-made interfaces, written beside the index; the site uses its own (search.js).
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
_CONTENT = '<div class="md-content" data-md-component="content">'
_HEADER = '<nav class="md-header__inner'
_SOURCE = '<div class="md-header__source">'


@dataclass(frozen=True)
class IndexReport:
    """What Pagefind indexed: pages per language, and how long it took."""

    pages: dict[str, int]
    seconds: float
    cached: bool = False


class SearchError(Exception):
    """Why the index could not be built (in words for the editor)."""


def find_pagefind() -> Path | None:
    """The Pagefind program: ``PAGEFIND_BINARY_PATH``, the ``pagefind[bin]`` wheel's, or one on the PATH."""
    explicit = os.environ.get("PAGEFIND_BINARY_PATH")
    if explicit:
        return Path(explicit) if Path(explicit).is_file() else None
    wheel = importlib.util.find_spec("pagefind_bin")  # the wheel's folder holds the program
    for folder in (wheel.submodule_search_locations or []) if wheel else []:
        for name in ("pagefind_extended", "pagefind", "pagefind_extended.exe", "pagefind.exe"):
            if (Path(folder) / name).is_file():
                return Path(folder) / name
    found = shutil.which("pagefind")
    return Path(found) if found else None


def build_index(site_dir: Path, program: Path, t: Translator, timeout: float = 900, cache_dir: Path | None = None) -> IndexReport:
    """Run Pagefind over ``site_dir``; the index goes to ``site_dir/pagefind/``.

    With a ``cache_dir``, the index of the same pages (by content) and program is copied from
    ``cache_dir/pagefind/`` instead, and a new index is kept there.
    """
    out = site_dir / BUNDLE
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    kept = cache_dir / BUNDLE / index_key(site_dir, program) if cache_dir is not None else None
    if kept is not None and (kept / "pagefind-entry.json").is_file():
        shutil.copytree(kept, out, copy_function=link_or_copy)
        os.utime(kept)  # recently used: the last to be let go
        return _report(out, start, cached=True)
    try:
        done = subprocess.run(
            [str(program), "--site", str(site_dir), "--output-subdir", BUNDLE, "--quiet"],
            capture_output=True, text=True, timeout=timeout, check=False,
        )
    except subprocess.TimeoutExpired:
        raise SearchError(t.gettext("Pagefind did not finish within %(n)d seconds") % {"n": timeout}) from None
    except OSError as error:
        raise SearchError(t.gettext("Pagefind cannot run (%(reason)s)") % {"reason": error.strerror or error}) from None
    entry = out / "pagefind-entry.json"
    if done.returncode != 0 or not entry.is_file():
        said = " ".join((done.stderr or done.stdout or "").split())[-300:]
        raise SearchError(t.gettext("Pagefind stopped with exit code %(code)d: %(output)s") % {"code": done.returncode, "output": said})
    for name in _UNUSED:
        (out / name).unlink(missing_ok=True)
    if kept is not None:
        _keep(out, kept)
    return _report(out, start)


def index_key(site_dir: Path, program: Path) -> str:
    """sha256 over the program (path, size, time) and every page of the site, by path and content."""
    stat = program.stat()
    digest = hashlib.sha256(f"{program.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if not relative.startswith(BUNDLE + "/"):
            digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def _keep(out: Path, kept: Path) -> None:
    """Keep a copy of the index at ``kept`` (and only the latest few indexes); a cache that cannot be written is skipped."""
    try:
        tmp = temp_sibling(kept)
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(out, tmp, copy_function=link_or_copy)
        shutil.rmtree(kept, ignore_errors=True)
        os.replace(tmp, kept)
        older = sorted((p for p in kept.parent.iterdir() if p.is_dir() and not p.name.startswith(".")),
                       key=lambda p: p.stat().st_mtime, reverse=True)[KEPT:]
        for folder in older:
            shutil.rmtree(folder, ignore_errors=True)
    except OSError:
        pass


def _report(out: Path, start: float, *, cached: bool = False) -> IndexReport:
    languages = json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8")).get("languages", {})
    pages = {lang: info.get("page_count", 0) for lang, info in sorted(languages.items())}
    return IndexReport(pages, time.perf_counter() - start, cached)


def search_field(renderer: Renderer, kawasan: tuple[str, str] | None) -> str:
    """The header's search field and results panel; ``kawasan`` (slug, name) offers "only in this kawasan"."""
    context = {"kawasan": {"slug": kawasan[0], "name": kawasan[1]} if kawasan else None}
    return renderer.render("plpbk/partials/search.html", context)


def add_field(page: str, field: str) -> str:
    """``page`` with ``field`` in Material's header, where Material's own search would be."""
    header = page.find(_HEADER)
    end = page.find("</nav>", header) if header >= 0 else -1
    if end < 0:
        return page
    source = page.find(_SOURCE, header, end)
    at = source if source >= 0 else end
    return page[:at] + field + page[at:]


def mark_page(page: str, kawasan: tuple[str, str] | None = None) -> str:
    """``page`` with its content marked for the index, and its kawasan (slug, name) as filter and label."""
    attributes = " data-pagefind-body"
    label = ""
    if kawasan:
        attributes += f' data-pagefind-filter="kawasan:{htmllib.escape(kawasan[0])}"'
        label = f'<span hidden data-pagefind-ignore data-pagefind-meta="kawasan">{htmllib.escape(kawasan[1])}</span>'
    return page.replace(_CONTENT, _CONTENT[:-1] + attributes + ">" + label, 1)


def site_search(
    enabled: bool, plugins: Collection[str], t: Translator, *, serving: bool, info: Callable[[str], None], warn: Callable[[str], None],
    cache_dir: Path | None = None,
) -> SiteSearch | None:
    """The site's search; ``None`` when the site turns it off, keeps Material's own search (whose
    index every visitor downloads) or has no Pagefind program (each said in a warning)."""
    if not enabled:
        return None
    if "material/search" in plugins or "search" in plugins:
        warn(t.gettext(
            "Material's search plugin (plugins: - search) sends every visitor the whole site's index: "
            "remove it from mkdocs.yml, plpbk has its own search (Pagefind)."))
        return None
    program = find_pagefind()
    if program is None:
        warn(unavailable(t, t.gettext('the Pagefind program is missing (pip install "pagefind[bin]")')))
        return None
    if serving:
        info(t.gettext("mkdocs serve: the search index is built in the background after each build."))
    return SiteSearch(program, t, info, warn, cache_dir)


class SiteSearch:
    """The header's field on every page, and Pagefind's index after the build.

    In `mkdocs serve` the index is built in the background, so the preview reloads without waiting
    for it; the next build first waits for the previous index.
    """

    def __init__(self, program: Path, t: Translator, info: Callable[[str], None], warn: Callable[[str], None],
                 cache_dir: Path | None = None) -> None:
        self.program, self.t, self.info, self.warn, self.cache_dir = program, t, info, warn, cache_dir
        self._thread: threading.Thread | None = None
        self._fields: dict[tuple[str, str | None], str] = {}

    def page(self, page: str, settings: Settings, kawasan: tuple[str, str] | None, *, indexed: bool = True) -> str:
        """``page`` with the field (in its language; with "only in" ``kawasan``: slug, name) and, if
        ``indexed``, its content marked for the index."""
        key = (settings.translator.lang, kawasan[0] if kawasan else None)
        if key not in self._fields:
            self._fields[key] = search_field(settings.renderer, kawasan)
        page = add_field(page, self._fields[key])
        return mark_page(page, kawasan) if indexed else page

    def run(self, site_dir: Path, *, background: bool = False) -> None:
        self.wait()
        if background:
            self._thread = threading.Thread(target=self._index, args=(site_dir,), name="pagefind", daemon=True)
            self._thread.start()
        else:
            self._index(site_dir)

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _index(self, site_dir: Path) -> None:
        t = self.t
        try:
            report = build_index(site_dir, self.program, t, cache_dir=self.cache_dir)
        except SearchError as error:
            self.warn(unavailable(t, str(error)))
            return
        pages = ", ".join(f"{lang} {n}" for lang, n in report.pages.items())
        if report.cached:
            self.info(t.gettext("Search index (Pagefind): %(pages)s pages, unchanged (from the cache)") % {"pages": pages})
        else:
            self.info(t.gettext("Search index (Pagefind): %(pages)s pages in %(seconds).1f s") % {"pages": pages, "seconds": report.seconds})


def unavailable(t: Translator, reason: str) -> str:
    """The warning when the index cannot be built."""
    return t.gettext("Search is not available: %(reason)s. The site works without search.") % {"reason": reason}
