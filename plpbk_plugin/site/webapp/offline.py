"""The service worker (``sw.js``) and the offline page (``offline/``, ``en/offline/``) of a site.

What the worker does is said at the top of ``worker/sw.js``. Here: its settings for one build,
written on the line above its code (the build's id, the offline page of each language, what it
keeps at install: the offline pages and the files they load, and the name of the kawasan's
lists), and the offline page itself. With ``offline: false`` the site gets ``worker/sw-off.js``,
the worker that deletes its caches and unregisters itself, so that visitors who installed an
earlier build's worker are freed of it too.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path

from ...filesystem import PACKAGE_DIR
from ..settings import Settings
from ..specs import PageSpec, Share, card_url, join
from ..urls import Urls
from .saving import LIST, SiteFiles, page_files

WORKER = "sw.js"
PAGE = "offline"  # the offline page's folder, in each language's root
KIND = "offline"
WORKER_DIR = PACKAGE_DIR / "worker"
# A build's id is a hash of what the worker keeps: every page, the files under assets/, the
# kawasan's lists and the manifest. Not Pagefind's index (made from the pages, after them), the
# form editor, the sitemaps (they carry the build's date) or the photos (named by their content:
# a changed photo changes the pages that show it).
_LEFT_OUT = ("pagefind/", "admin/", "assets/plpbk/cms/", "assets/plpbk/img/")
_IN_ID = re.compile(r"^(.+\.html|assets/.+|(.+/)?" + re.escape(LIST) + r"|manifest\.webmanifest)$")


def offline_pages(languages: Mapping[str, Settings]) -> list[PageSpec]:
    """The offline page of each of the site's languages."""
    alternates = tuple((code, s.urls.page(join(s.prefix, PAGE))) for code, s in languages.items())
    specs = []
    for code, settings in languages.items():
        t, urls = settings.translator, settings.urls
        path = join(settings.prefix, PAGE)
        here = urls.page(path)
        body = settings.renderer.render("plpbk/body/offline.html", {
            "site": settings, "kind": KIND, "home": urls.page(settings.prefix),
            "link": lambda to, here=here: Urls.relative(here, to),
        })
        title = t.gettext("Not available offline")
        description = t.gettext("This page has not been saved on this device for reading without signal.")
        share = Share(title=title, description=description, eyebrow=settings.site_name, figure_label="", figure_value="",
                      photo=None, card=card_url(settings.prefix))  # the home's card: nobody shares this page
        specs.append(PageSpec(path=path, kind=KIND, title=title, description=description, body=body, share=share,
                              lang=code, alternates=alternates))
    return specs


def offline_urls(languages: Mapping[str, Settings]) -> dict[str, str]:
    """Each language's root ("" for the first, "en/") → its offline page's URL (site-relative)."""
    return {(s.prefix + "/" if s.prefix else ""): s.urls.page(join(s.prefix, PAGE)) for s in languages.values()}


def build_id(files: SiteFiles) -> str:
    """A short hash of everything the worker keeps (see ``_IN_ID``), the same for the same site."""
    digest = hashlib.sha256()
    for path in _site_paths(files.site_dir):
        if _IN_ID.match(path):
            digest.update(f"{path}\0{files.digest(path)}\0".encode())
    return digest.hexdigest()[:16]


def _site_paths(site_dir: Path) -> list[str]:
    """Every file of the site, but in the folders the id leaves out (not even listed)."""
    found = []
    for folder, subdirs, names in os.walk(site_dir):
        relative = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if relative == "." else relative + "/"
        subdirs[:] = [d for d in subdirs if f"{prefix}{d}/" not in _LEFT_OUT]
        found += [prefix + name for name in names]
    return sorted(found)


def precache(files: SiteFiles, pages: Mapping[str, str]) -> list[str]:
    """What the worker keeps when it is installed: the offline pages and the files they load."""
    found: list[str] = []
    for url in pages.values():
        built = files.site_dir / Urls.built_file(url.removesuffix("index.html"))
        html = built.read_text(encoding="utf-8") if built.is_file() else ""
        for path in [url, *page_files(html, url)]:
            if path not in found:
                found.append(path)
    return found


def worker_script(files: SiteFiles, pages: Mapping[str, str]) -> bytes:
    """``sw.js`` of this build: its settings, then the worker's code."""
    settings = {"build": build_id(files), "offline": dict(pages), "precache": precache(files, pages), "list": LIST}
    code = (WORKER_DIR / "sw.js").read_text(encoding="utf-8")
    return f"const PLPBK = {json.dumps(settings, sort_keys=True, ensure_ascii=False)};\n{code}".encode()


def worker_off() -> bytes:
    """``sw.js`` of a site that turned reading offline off."""
    return (WORKER_DIR / "sw-off.js").read_bytes()
