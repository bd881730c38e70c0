"""The quality tests' sites and browser helpers: the demo portal and a single-kawasan site, built and
served under their site_url paths as GitHub Pages serves them, with one page of each type found in
each; a Chromium context at a named size that reaches only the served site; Lighthouse; whether
keyboard focus shows.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageChops

from . import quality_kit as kit
from .sitebuild import REPO

ARTIFACTS = REPO / "artifacts" / "quality"
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
SECTIONS = ("gagasan", "rencana", "kemitraan", "kabar", "dokumen", "galeri", "cetak", "sematkan")
WCAG_A_AA = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"}
LIGHTHOUSE_CATEGORIES = ("accessibility", "best-practices", "seo")  # speed is measured by benchmarks/benchmark.py, not tested
LIGHTHOUSE_MIN = {"accessibility": 1.0, "best-practices": 0.95, "seo": 1.0}
# Material's repository widget asks api.github.com for stars and the latest release when
# repo_url is set. Online it answers; offline (CI) the request fails and Lighthouse counts the
# failure as a console error. Blocked here, as it would be by a visitor's tracker blocker.
LIGHTHOUSE_BLOCKED = "https://api.github.com/*"


@dataclass
class Site:
    """A built, served site and the page of each type to look at."""

    name: str
    folder: Path
    url: str
    pages: dict[str, str] = field(default_factory=dict)  # page type -> path under url
    kawasan: dict[str, dict[str, Any]] = field(default_factory=dict)  # path prefix -> its data.json

    def page_url(self, kind: str) -> str:
        return self.url + self.pages[kind]


def build_sites(stack: ExitStack, folder: Callable[[str], Path]) -> dict[str, Site]:
    """The demo portal (with one page of the site's own docs, a project with an unsafe link) and a
    single-kawasan site, built and served until ``stack`` closes; ``folder(name)`` makes a temporary folder."""
    cache = folder("plpbk-cache")  # shared: the single site reuses the portal's photos
    portal_root = folder("portal")
    for name in ("plans", "docs", "overrides"):
        shutil.copytree(REPO / name, portal_root / name)
    shutil.copy(REPO / "mkdocs.yml", portal_root / "mkdocs.yml")
    add_unsafe_link(portal_root / "plans" / "lorong-garam" / "kawasan.yml")
    single_root = folder("single")
    shutil.copytree(REPO / "plans" / "cigadung-hijau", single_root / "plans" / "cigadung-hijau")
    shutil.copytree(REPO / "overrides", single_root / "overrides")
    (single_root / "docs").mkdir()
    shutil.copy(REPO / "mkdocs.yml", single_root / "mkdocs.yml")
    built: dict[str, Site] = {}
    for name, root, prefix, drop in (("portal", portal_root, "/demo/", ()), ("single", single_root, "/cigadung/", ("nav",))):
        server = kit.bind()
        site = kit.build(root, f"http://127.0.0.1:{server.port}{prefix}", plpbk={"cache_dir": str(cache)}, drop=drop)
        url = stack.enter_context(kit.serve(site, prefix, server))
        built[name] = discover(Site(name, site, url))
    return built


def add_unsafe_link(plan_file: Path) -> None:
    """A project whose Markdown had a javascript: link: the sanitizer removes the address, the page stays valid HTML."""
    data = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    data["projects"][0]["description"] = "Lihat [gambar rencana](javascript:alert(1)) di balai warga."
    plan_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def discover(site: Site) -> Site:
    """One page of each type in the built site: from the first kawasan (in the site's first
    language) that has it, every kawasan's Beranda, the other languages' homes, a docs page."""
    pages = sorted(p.parent.relative_to(site.folder).as_posix() for p in site.folder.rglob("index.html"))
    pages = ["" if p == "." else p + "/" for p in pages]
    homes = [p for p in pages if p + "rencana/" in pages and p + "gagasan/" in pages]
    depth = min(h.count("/") for h in homes)
    for home in homes:
        if home.count("/") == depth and (site.folder / home / "data.json").is_file():
            site.kawasan[home] = json.loads((site.folder / home / "data.json").read_text(encoding="utf-8"))

    def owner(path: str) -> str | None:
        """The kawasan home that ``path`` belongs to."""
        for home in sorted(homes, key=len, reverse=True):
            rest = path[len(home):] if path.startswith(home) else None
            if rest is not None and (rest == "" or rest.split("/")[0] in SECTIONS):
                return home
        return None

    found: dict[str, str] = {}
    if "" not in homes:
        found["portal"] = ""
    for home in homes:
        if home.count("/") > depth:
            found.setdefault(f"beranda {home.split('/')[0]}", home)  # one per other language
            continue
        if "beranda" in found:
            found[f"beranda {home.strip('/')}"] = home
        found.setdefault("beranda", home)
        for section in SECTIONS:
            if home + section + "/" in pages:
                found.setdefault(section, home + section + "/")
        for kind, section in (("project", "rencana"), ("post", "kabar"), ("ajakan", "kemitraan")):
            children = [p for p in pages if p.startswith(home + section + "/") and p.count("/") == home.count("/") + 2]
            if children:
                found.setdefault(kind, children[0])
    cards = [p for p in pages if "kemitraan/" in p and p.endswith("/sematkan/")]
    if cards:
        found["sematkan ajakan"] = cards[0]  # a call's card to embed (the kawasan's is the section "sematkan")
    if "" not in homes and "kemitraan/" in pages:
        found["pasar"] = "kemitraan/"  # the portal's partnership market
    docs = []
    for path in (p for p in pages if p and owner(p) is None and p != "admin/" and not p.endswith("kemitraan/")):  # admin/: the form editor
        if path.endswith("offline/"):  # the offline page (each language's), linked from nowhere: the worker shows it
            found.setdefault("offline", path)
        elif any(h.startswith(path) for h in homes):
            found[f"portal {path.strip('/')}"] = path  # the portal home in another language
        else:
            docs.append(path)
    if docs:  # the site's own pages: the first, and the biggest (long tables, many links)
        found["docs"] = docs[0]
        biggest = max(docs, key=lambda p: (site.folder / p / "index.html").stat().st_size)
        if biggest != docs[0]:
            found["docs big"] = biggest
    found["404"] = "halaman-yang-tidak-ada/"
    site.pages = found
    return site


def new_context(browser: Any, size: str, **options: Any) -> Any:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    # Only the served site is reachable, as in CI: anything else fails at once instead of waiting.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    return context


def is_local(url: str) -> bool:
    return url.startswith("http://127.0.0.1:")


def open_page(page: Any, url: str, *, idle: bool = False) -> None:
    page.goto(url, wait_until="load")
    if idle:
        page.wait_for_load_state("networkidle")


def lighthouse(url: str, out: Path) -> dict[str, Any]:
    env = dict(os.environ, CHROME_PATH=str(kit.CHROMIUM))
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
    result = kit.run(
        [kit.node(), str(kit.LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}", f"--chrome-flags={flags}",
         f"--blocked-url-patterns={LIGHTHOUSE_BLOCKED}"],
        timeout=180, env=env,
    )
    if result.returncode != 0 or not out.is_file():
        raise AssertionError(f"Lighthouse failed on {url} (exit {result.returncode}): {result.stderr[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def focus_changes_pixels(page: Any, box: dict[str, float]) -> bool:
    """Whether the focused element looks different from the same element unfocused."""
    pad = 6
    viewport = page.viewport_size
    clip = {
        "x": max(0, box["x"] - pad), "y": max(0, box["y"] - pad),
        "width": min(box["width"] + 2 * pad, viewport["width"] - max(0, box["x"] - pad)),
        "height": min(box["height"] + 2 * pad, viewport["height"] - max(0, box["y"] - pad)),
    }
    if clip["width"] <= 0 or clip["height"] <= 0:
        return False
    focused = Image.open(io.BytesIO(page.screenshot(clip=clip, animations="disabled"))).convert("RGB")
    page.evaluate("window.__plpbkFocused = document.activeElement; document.activeElement.blur()")
    plain = Image.open(io.BytesIO(page.screenshot(clip=clip, animations="disabled"))).convert("RGB")
    page.evaluate("window.__plpbkFocused.focus({focusVisible: true})")
    changed = ImageChops.difference(focused, plain).convert("L").histogram()[41:]  # pixels that changed clearly
    return sum(changed) >= 20


def rupiah(amount: int) -> str:
    return "Rp" + f"{amount:,}".replace(",", ".")

