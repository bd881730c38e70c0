#!/usr/bin/env python3
"""Build speed and page weight of plpbk against plain MkDocs + Material (prints figures; not a test).

    .venv/bin/python benchmarks/benchmark.py                      # 25 and 100 kawasan × 8 projects, photos
    .venv/bin/python benchmarks/benchmark.py --no-photos --runs 5
    .venv/bin/python benchmarks/benchmark.py --kawasan 10 40 --skip browser serve

Generates synthetic portals of N kawasan × M projects in a temporary folder (each kawasan with a
hero, a gallery, project photos, calls, partners, a policy ask, a document link and a news post;
the photos are a few generated pictures copied into every kawasan) and, for each N, a plain
MkDocs + Material site with the same pages: the same URLs, the same visible text (taken from the
plugin build's search index), all out of the nav, built with the same theme, extensions and
search plugin. Every build is a `mkdocs build` in a fresh process, on this machine; the runs are
interleaved (cold, warm, plain, cold, warm, plain, …) and each figure is the median of --runs.

  - cold  build: no .cache/plpbk (every image variant and share card made, on all cores)
  - warm  build: the cache of the previous build in place (steady state of `mkdocs serve`
                 and of a CI that keeps .cache/plpbk between runs)
  - plain build: the same pages as plain Markdown, no plugin

Then: scaling to 4× the kawasan (time and the HTML size of one kawasan's pages); a rebuild in
`mkdocs serve` after editing one plan (until the served page shows the edit); the image work
(cold vs cached, per photo, against a bare Pillow decode); the first-load weight of a kawasan home
and a project page in Debian's Chromium via Playwright (390×844, no scrolling, gzip as on GitHub
Pages, photos below the fold not counted); Lighthouse's mobile performance score (median of 3)
when node_modules/.bin/lighthouse is installed (`scripts/dev test` installs it); reading offline (the
service worker's files, what it fetches after a first visit, and what saving a kawasan downloads
against the size its button announces). Last ("firstload",
--first-load-kawasan, default 20 and 200): portals as a site publishes them (plpbk with its Pagefind
search, no Material search), the first load of the portal home, a kawasan home and a project page,
and the bytes the header search downloads before focus, on focus and on the first queries.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from benchmarks.common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ENV,
    PHOTO_COUNT,
    ROOT,
    VIEWPORT,
    machine,
    median,
    paragraphs,
    plan_data,
    sentence,
    served,
)
from benchmarks.photos import make_photos

SITE_URL = "https://contoh.github.io/portal/"
BASE_PATH = "/portal/"
PHOTO_SIZE = (2000, 1500)  # a phone photo as editors usually send it (WhatsApp-sized or a little more)
TARGETS = {
    "warm": 1.2,
    "cold": 3.0,
    "scale": 4.4,
    "weight_kb": 200,
    "lighthouse": 95,
}
STEPS = ("builds", "profile", "serve", "images", "browser", "lighthouse", "offline", "firstload")

# -- the synthetic sites ---------------------------------------------------------------------

_THEME: dict[str, Any] = {
    "name": "material",
    "language": "id",
    "font": False,
    "palette": {"primary": "teal", "accent": "deep orange"},
    "features": ["navigation.footer", "content.action.edit"],
}
_MARKDOWN_EXTENSIONS: list[Any] = ["admonition", "attr_list", "tables", {"toc": {"permalink": True}}]
def news_post(i: int, photos: bool) -> str:
    meta = {"title": f"Kerja bakti bersama di Kampung Uji {i:03d}", "date": "2026-10-20", "summary": sentence(i + 12, 14)}
    if photos:
        meta["image"] = "photos/foto-1.jpg"
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + paragraphs(i + 13, 3)


def plugins(plugin: bool, search: bool) -> list[Any]:
    """The plugins of a benchmark site: plpbk (its own search is Pagefind) or plain MkDocs with Material's
    search, each with the search a site of that kind ships or without search."""
    if plugin:
        return ["plpbk"] if search else [{"plpbk": {"search": False}}]
    return ["search"] if search else []


def site_config(plugin: bool, search: bool = True, **extra: Any) -> dict[str, Any]:
    return {
        "site_name": "Portal Uji Kinerja",
        "site_url": SITE_URL,
        "repo_url": "https://github.com/contoh/portal",
        "edit_uri": "edit/main/docs/",
        "theme": dict(_THEME),
        "plugins": plugins(plugin, search),
        "extra": {"generator": False},
        "markdown_extensions": list(_MARKDOWN_EXTENSIONS),
        **extra,
    }


def write_yaml(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_plugin_site(root: Path, kawasan: int, projects: int, photos: list[Path] | None, search: bool = True,
                     link: bool = False) -> Path:
    """A portal of ``kawasan`` plans; its docs/ is empty (the plugin makes the home page).

    The photos are copied into every kawasan as an editor would add them (``link``: hard-linked,
    for the second copy of a portal).
    """
    (root / "docs").mkdir(parents=True, exist_ok=True)
    write_yaml(root / "mkdocs.yml", site_config(plugin=True, search=search))
    for i in range(1, kawasan + 1):
        folder = root / "plans" / f"k-{i:03d}"
        write_yaml(folder / "kawasan.yml", plan_data(i, projects, photos is not None))
        (folder / "news").mkdir(parents=True, exist_ok=True)
        (folder / "news" / "2026-10-20-kerja-bakti.md").write_text(news_post(i, photos is not None), encoding="utf-8")
        for photo in photos or []:
            (folder / "photos").mkdir(exist_ok=True)
            target = folder / "photos" / photo.name
            if not link or _hard_link(photo, target) is False:
                shutil.copyfile(photo, target)
    return root


def _hard_link(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
    except OSError:
        return False
    return True


def make_plain_site(root: Path, plugin_site: Path, search: bool = True) -> tuple[Path, int]:
    """The plugin site's pages as plain Markdown: same URLs, same visible text, all but the home out of the nav.

    The text is read from the built pages themselves (each page of the sitemap, its article:
    headings and the text under them), whatever search the plugin site ships.
    """
    docs = root / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    pages = page_texts(plugin_site / "site")
    for location, sections in pages.items():
        src = (location.rstrip("/") + "/index.md") if location else "index.md"
        lines = []
        for level, title, text in sections:
            if title:
                lines.append(f"{'#' * level} {title}\n")
            if text:
                lines.append(text + "\n")
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines), encoding="utf-8")
    write_yaml(root / "mkdocs.yml", site_config(plugin=False, search=search, not_in_nav="/*/\n"))
    return root, len(pages)


def page_texts(site_dir: Path) -> dict[str, list[tuple[int, str, str]]]:
    """Each page of a built site's sitemap: its sections as (heading level, heading, text under it)."""
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    pages = {}
    for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap):
        location = html.unescape(loc)[len(SITE_URL):]
        reader = _ArticleText()
        reader.feed((site_dir / location / "index.html").read_text(encoding="utf-8"))
        pages[location] = reader.sections
    return pages


class _ArticleText(HTMLParser):
    """The visible text of Material's article, cut at its headings (h1–h3)."""

    HEADINGS = ("h1", "h2", "h3")
    HIDDEN = ("script", "style", "svg")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[tuple[int, str, str]] = []
        self._depth = 0  # <article> nesting, counted from the content article; 0: outside it
        self._hidden = 0
        self._level, self._in_heading = 1, False
        self._title: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" and (self._depth or "md-content__inner" in (dict(attrs).get("class") or "")):
            self._depth += 1
        elif self._depth and tag in self.HIDDEN:
            self._hidden += 1
        elif self._depth and tag in self.HEADINGS:
            self._flush()
            self._level, self._in_heading = int(tag[1]), True

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._depth:
            self._depth -= 1
            if not self._depth:
                self._flush()
        elif self._depth and tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        elif self._depth and tag in self.HEADINGS:
            self._in_heading = False

    def handle_data(self, data: str) -> None:
        if self._depth and not self._hidden:
            (self._title if self._in_heading else self._text).append(data)

    def _flush(self) -> None:
        title, text = (" ".join(" ".join(parts).replace("#", "").replace("¶", "").split()) for parts in (self._title, self._text))
        if title or text:
            self.sections.append((self._level, title, text))
        self._title, self._text = [], []


# -- builds ----------------------------------------------------------------------------------

class Timing:
    """Wall and CPU seconds (the build process and its workers) of one build."""

    def __init__(self, wall: float, cpu: float) -> None:
        self.wall, self.cpu = wall, cpu


def mkdocs(site: Path) -> Timing:
    """``mkdocs build`` of ``site`` in a fresh process."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml"), "-d", str(site / "site")]
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=site, stdout=out, stderr=subprocess.STDOUT, env=ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            out.seek(0)
            raise SystemExit(f"mkdocs build failed in {site}:\n{out.read().decode(errors='replace')[-4000:]}")
    return Timing(wall, usage.ru_utime + usage.ru_stime)


def cold_build(site: Path) -> Timing:
    shutil.rmtree(site / ".cache", ignore_errors=True)
    return mkdocs(site)


def html_size(site_dir: Path, path: str) -> int:
    return (site_dir / path / "index.html").stat().st_size


BUILDS = ("cold", "warm", "edited", "plain", "warm_nosearch", "plain_nosearch")


def edit_plan(site: Path, token: str) -> Callable[[], None]:
    """Change one plan's tagline (as an editor would); returns the function that puts it back."""
    plan = site / "plans" / "k-001" / "kawasan.yml"
    original = plan.read_text(encoding="utf-8")
    write_yaml(plan, {**yaml.safe_load(original), "tagline": f"Tagline diubah {token}"})
    return lambda: plan.write_text(original, encoding="utf-8")


def bench_builds(work: Path, sizes: Sequence[int], projects: int, photos: list[Path] | None, runs: int) -> dict[int, dict[str, Any]]:
    """Interleaved runs of each build kind (BUILDS) per portal size; medians of wall and CPU time.

    ``edited``: a warm build after changing one plan (restored afterwards). The ``_nosearch``
    pair compares the builds without any search: the plugin site's copy without search (its own
    folder and cache, warmed once) against the plain site without Material's search plugin.
    """
    results: dict[int, dict[str, Any]] = {}
    for n in sizes:
        plugin_site = make_plugin_site(work / f"plugin-{n}", n, projects, photos)
        quiet_site = make_plugin_site(work / f"plugin-{n}-nosearch", n, projects, photos, search=False, link=True)
        mkdocs(make_plugin_site(work / "warm-up", 2, projects, photos))  # OS caches, Python bytecode
        timings: dict[str, list[Timing]] = {kind: [] for kind in BUILDS}
        for run in range(runs):
            timings["cold"].append(cold_build(plugin_site))
            if run == 0:  # the plain sites: the pages of this build, as Markdown
                plain_site, pages = make_plain_site(work / f"plain-{n}", plugin_site)
                quiet_plain, _ = make_plain_site(work / f"plain-{n}-nosearch", plugin_site, search=False)
                for site in (plain_site, quiet_plain, quiet_site):
                    mkdocs(site)
            timings["warm"].append(mkdocs(plugin_site))
            restore = edit_plan(plugin_site, f"{run}-{time.time_ns()}")
            try:
                timings["edited"].append(mkdocs(plugin_site))
            finally:
                restore()
            timings["plain"].append(mkdocs(plain_site))
            timings["warm_nosearch"].append(mkdocs(quiet_site))
            timings["plain_nosearch"].append(mkdocs(quiet_plain))
            print(f"  {n} kawasan, run {run + 1}/{runs}: " + ", ".join(
                f"{kind} {t[-1].wall:.1f} s" for kind, t in timings.items()), flush=True)
        site = plugin_site / "site"
        results[n] = {
            "pages": pages,
            "site": plugin_site,
            **{kind: median([t.wall for t in ts]) for kind, ts in timings.items()},
            **{f"{kind}_cpu": median([t.cpu for t in ts]) for kind, ts in timings.items()},
            "home_bytes": html_size(site, "k-001"),
            "project_bytes": html_size(site, "k-001/rencana/program-01"),
            "plain_home_bytes": html_size(plain_site / "site", "k-001"),
        }
    return results


def report_builds(results: dict[int, dict[str, Any]]) -> list[str]:
    lines = ["", "Builds (median wall time; CPU = the build process and its workers; edited = warm after changing one plan)",
             f"{'kawasan':>8} {'pages':>6} {'plain':>8} {'warm':>8} {'edited':>8} {'cold':>8} {'warm/plain':>11}"
             f" {'edited/plain':>13} {'cold/plain':>11} {'CPU warm/plain':>15} {'CPU cold/plain':>15}"]
    for n, r in results.items():
        lines.append(
            f"{n:>8} {r['pages']:>6} {r['plain']:>7.2f}s {r['warm']:>7.2f}s {r['edited']:>7.2f}s {r['cold']:>7.2f}s"
            f" {r['warm'] / r['plain']:>10.2f}× {r['edited'] / r['plain']:>12.2f}× {r['cold'] / r['plain']:>10.2f}×"
            f" {r['warm_cpu'] / r['plain_cpu']:>14.2f}× {r['cold_cpu'] / r['plain_cpu']:>14.2f}×")
    lines.append(f"targets: warm ≤ {TARGETS['warm']}× (aim ≤ 1.0×), cold ≤ {TARGETS['cold']}× plain MkDocs + Material, "
                 f"each with the search it ships ({', '.join(map(str, plugins(True, True)))} / {', '.join(map(str, plugins(False, True)))})")
    lines += ["", "Without search (no search plugin on either side)",
              f"{'kawasan':>8} {'plain':>8} {'warm':>8} {'warm/plain':>11} {'CPU warm/plain':>15}"]
    for n, r in results.items():
        lines.append(f"{n:>8} {r['plain_nosearch']:>7.2f}s {r['warm_nosearch']:>7.2f}s"
                     f" {r['warm_nosearch'] / r['plain_nosearch']:>10.2f}× {r['warm_nosearch_cpu'] / r['plain_nosearch_cpu']:>14.2f}×")
    if len(results) > 1:
        small, large = min(results), max(results)
        factor = large / small
        lines.append("")
        lines.append(f"Scaling {small} → {large} kawasan ({factor:g}×; target ≤ {factor * TARGETS['scale'] / 4:.2f}× the time)")
        for kind in ("warm", "cold", "plain"):
            lines.append(f"  {kind:<6} {results[small][kind]:7.2f}s → {results[large][kind]:7.2f}s = "
                         f"{results[large][kind] / results[small][kind]:.2f}×")
        for key, label in (("home_bytes", "kawasan home"), ("project_bytes", "project page")):
            a, b = results[small][key], results[large][key]
            lines.append(f"  HTML of a {label}: {a:,} B with {small} kawasan, {b:,} B with {large} ({b - a:+,} B)")
    return lines


def bench_profile(site: Path, top: int = 12) -> list[str]:
    """cProfile of one warm build of ``site``: where its time goes, and the plugin's slowest functions."""
    import pstats

    mkdocs(site)  # settle: the builds before may have left an edited plan restored
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "build.prof"
        command = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "-q",
                   "-f", str(site / "mkdocs.yml"), "-d", str(site / "site")]
        subprocess.run(command, cwd=site, env=ENV, check=True, capture_output=True)
        stats = pstats.Stats(str(out))
    raw = stats.stats  # type: ignore[attr-defined]

    def cumulative(where: str, names: Sequence[str]) -> float:
        return sum(cum for (filename, _, name), (_, _, _, cum, _) in raw.items() if where in filename and name in names)

    total = cumulative("mkdocs/commands/build.py", ["build"])
    events = ["on_config", "on_files", "on_nav", "on_page_content", "on_post_page", "on_post_template", "on_post_build"]
    ours = {name: cumulative("plpbk_plugin/plugin.py", [name]) for name in events}
    search = cumulative("material/plugins/search/plugin.py", ["on_page_context", "on_post_build", "on_config"])
    lines = ["", f"Profile of one warm build of {site.name} (cProfile, whose overhead inflates Python-heavy work): "
                 f"build {total:.1f} s"]
    lines += [f"  plpbk {name:<17} {seconds:6.2f} s {seconds / total:6.1%}" for name, seconds in ours.items() if seconds]
    lines.append(f"  Material's search indexer {search:6.2f} s {search / total:6.1%}")
    rest = total - sum(ours.values()) - search
    lines.append(f"  the rest (MkDocs, Markdown, theme templates, files) {rest:6.2f} s {rest / total:6.1%}")
    slowest = [(cum, f"{Path(filename).parent.name}/{Path(filename).name}:{line} {name}")
               for (filename, line, name), (_, _, _, cum, _) in raw.items()
               if "plpbk_plugin" in filename and not filename.endswith(".html") and name != "<module>" and name not in events]
    lines.append(f"  plpbk's {top} slowest functions within those events (cumulative):")
    lines += [f"    {cum:6.2f} s  {where}" for cum, where in sorted(slowest, reverse=True)[:top]]
    return lines


# -- mkdocs serve ----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(predicate: Callable[[], bool], timeout: float, step: float = 0.05) -> float | None:
    """Seconds until ``predicate()`` holds (polled), or None after ``timeout``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(step)
    return None


def bench_serve(site: Path, edits: int = 3) -> list[str]:
    """Start `mkdocs serve`, edit one plan's tagline, time until the served kawasan home shows it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}{BASE_PATH}k-001/"
    plan = site / "plans" / "k-001" / "kawasan.yml"
    original = plan.read_text(encoding="utf-8")
    log = site / "serve.log"
    reloads: list[float] = []
    builds: list[float] = []
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(site / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
            cwd=site, stdout=out, stderr=subprocess.STDOUT, env=ENV, start_new_session=True)
        try:
            started = wait_for(lambda: proc.poll() is not None or fetch(url) is not None, timeout=600, step=0.2)
            if started is None or proc.poll() is not None:
                return ["", f"mkdocs serve: did not start (see {log})"]
            for i in range(edits):
                token = f"Penanda muat ulang {i} {time.time_ns()}"
                time.sleep(1.0)  # let the watcher settle after the previous build
                write_yaml(plan, {**yaml.safe_load(original), "tagline": token})
                seconds = wait_for(lambda token=token: token in (fetch(url) or ""), timeout=300, step=0.05)
                if seconds is None:
                    return ["", f"mkdocs serve: the edit did not show within 300 s (see {log})"]
                reloads.append(seconds)
        finally:
            plan.write_text(original, encoding="utf-8")
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    text = log.read_text(errors="replace")
    builds = [float(x) for x in re.findall(r"Documentation built in ([0-9.]+) seconds", text)]
    rebuild = f"; MkDocs' own log: first build {builds[0]:.2f} s, rebuilds {median(builds[1:]):.2f} s (median)" if len(builds) > 1 else ""
    return ["", f"mkdocs serve, after editing one plan: the served page shows the edit in "
                f"{median(reloads):.2f} s (median of {len(reloads)}: {', '.join(f'{r:.2f}' for r in reloads)}){rebuild}",
            f"  (startup until the first page was served: {started:.1f} s)"]


# -- images ----------------------------------------------------------------------------------

def bench_images(work: Path, photos: list[Path]) -> list[str]:
    """Per photo: bare decode vs the pipeline cold and cached; per share card: cold vs cached."""
    from PIL import Image

    from plpbk_plugin.media import images
    from plpbk_plugin.media.cards import CardMaker, ShareCard
    from plpbk_plugin.media.images import ImagePipeline, ImageRequest

    copies = []
    for n, photo in enumerate(photos * 2):  # ten distinct files (a byte appended): nothing shared
        copy = work / "image-bench" / f"{n}-{photo.name}"
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(photo.read_bytes() + bytes([n]))
        copies.append(copy)
    requests = [ImageRequest(p, "photo") for p in copies]

    def decode_all() -> None:
        for path in copies:
            with Image.open(path) as im:
                im.load()

    def timed(fn: Callable[[], Any]) -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    decode = timed(decode_all)
    cache = work / "image-bench" / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    images._MEMO.clear()
    cold = timed(lambda: ImagePipeline(cache).prepare(requests))
    images._MEMO.clear()  # a new build process: the disk cache only
    warm = timed(lambda: ImagePipeline(cache).prepare(requests))
    cards = {f"k-{i:03d}/rencana/program-{j}/og": ShareCard(
        f"Program {j}: perbaikan saluran lorong {i}", sentence(i + j, 14), f"Kampung Uji {i:03d} · Kota Semarang",
        "Kekurangan dana", f"Rp{i + j + 1}.250.000.000", "Portal Uji Kinerja", photo)
        for i, photo in enumerate(copies) for j in range(4)}
    cards_cold = timed(lambda: CardMaker(cache).make(cards))
    cards_warm = timed(lambda: CardMaker(cache).make(cards))
    n, c = len(copies), len(cards)
    return [
        "",
        f"Images ({n} photos {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]}, {sum(p.stat().st_size for p in copies) / n / 1e6:.1f} MB each; "
        f"{os.cpu_count()} cores)",
        f"  bare Pillow decode           {decode / n * 1000:8.1f} ms/photo   1.00×",
        f"  pipeline, cold (all cores)   {cold / n * 1000:8.1f} ms/photo {cold / decode:6.2f}× decode (6 variants: WebP + JPEG × 3 widths)",
        f"  pipeline, cached (new build) {warm / n * 1000:8.1f} ms/photo {warm / decode:6.2f}× decode",
        f"  share cards, cold            {cards_cold / c * 1000:8.1f} ms/card  ({c} cards, 4 per photo)",
        f"  share cards, cached          {cards_warm / c * 1000:8.1f} ms/card",
    ]


# -- first-load weight -----------------------------------------------------------------------

PAGES = (("kawasan home", "k-001/"), ("project page", "k-001/rencana/program-01/"))


def bench_weight(site: Path, dpr: float, pages: Sequence[tuple[str, str]] = PAGES) -> list[str]:
    """Bytes over the wire of a first visit (an empty cache), without scrolling; photos below the fold not
    counted. What the server sent beyond the page's own requests is the service worker's, counted as
    "worker": sw.js, the offline pages it keeps at install, and the files it checks again (the page it
    keeps comes from the HTTP cache)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return ["", "First-load weight: skipped (playwright is not installed: pip install -e '.[test]')"]
    if not Path(CHROMIUM).exists():
        return ["", f"First-load weight: skipped ({CHROMIUM} is missing: apt-get install chromium)"]
    lines = ["", f"First-load weight ({VIEWPORT['width']}×{VIEWPORT['height']} at {dpr:g}× pixels, Chromium via Playwright, "
                 f"gzip, no scrolling; target ≤ {TARGETS['weight_kb']} KB)"]
    weights: list[tuple[str, int, int]] = []
    with served(site, BASE_PATH) as (server, base), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for label, path in pages:
                context = browser.new_context(viewport=VIEWPORT, device_scale_factor=dpr, is_mobile=True, has_touch=True)
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")  # a new context's cache is empty: a first visit
                server.answers.clear()
                kinds: dict[str, tuple[str, str]] = {}
                sizes: dict[str, int] = {}
                cdp.on("Network.responseReceived", lambda e, kinds=kinds: kinds.__setitem__(e["requestId"], (e["response"]["url"], e["type"])))
                cdp.on("Network.loadingFinished", lambda e, sizes=sizes: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
                page.goto(base + path, wait_until="load")
                page.wait_for_load_state("networkidle")
                page.evaluate("""async () => {  // the worker installed, and the page it keeps kept
                    if (!navigator.serviceWorker || !document.querySelector('link[rel=manifest]')) return;
                    const registration = await navigator.serviceWorker.getRegistration();
                    if (!registration) return;
                    await navigator.serviceWorker.ready;
                    for (let i = 0; i < 50 && !(await caches.match(location.href)); i++) await new Promise(r => setTimeout(r, 100));
                }""")
                page.wait_for_timeout(300)
                above = set(page.evaluate(
                    "() => [...document.images].filter(i => i.currentSrc && i.getBoundingClientRect().top < innerHeight)"
                    ".map(i => i.currentSrc)"))
                counted: dict[str, int] = {}
                below = index = 0
                for request_id, size in sizes.items():
                    url, kind = kinds.get(request_id, ("?", "Other"))
                    if kind == "Image" and url not in above:
                        below += size
                        continue
                    if "search_index.json" in url or "/pagefind/" in url:
                        index += size
                        kind = "search index"
                    counted[kind] = counted.get(kind, 0) + size
                worker = sum(answer.size for answer in server.answers) - sum(sizes.values())  # what the server sent that the page did not ask for
                if worker > 512:
                    counted["worker"] = worker
                total = sum(counted.values())
                detail = ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(counted.items(), key=lambda kv: -kv[1]))
                lines.append(f"  {label:<13} {total / 1024:7.1f} KB in {len(sizes)} requests of the page ({detail} KB)"
                             f"{f'; below the fold, not counted: {below / 1024:.1f} KB' if below else ''}")
                weights.append((label, total, index))
                context.close()
        finally:
            browser.close()
    if any(index for _, _, index in weights):
        lines.append("  (Material fetches the whole search index on the first visit: it grows with the portal)")
    return lines


def bench_lighthouse(site: Path, runs: int = 3) -> list[str]:
    tool = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not tool.exists():
        return ["", "Lighthouse: skipped: run scripts/dev test first to install npm tools"]
    lines = ["", f"Lighthouse {_lighthouse_version(tool)} mobile performance (median of {runs}; target ≥ {TARGETS['lighthouse']})"]
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    env = {**ENV, "CHROME_PATH": CHROMIUM}
    with served(site, BASE_PATH) as (server, base), tempfile.TemporaryDirectory() as tmp:
        for label, path in PAGES:
            scores, metrics = [], []
            for run in range(runs):
                out = Path(tmp) / f"lh-{run}.json"
                done = subprocess.run(
                    [str(tool), base + path, "--quiet", "--output=json", f"--output-path={out}",
                     "--only-categories=performance", f"--chrome-flags={flags}", "--blocked-url-patterns=https://api.github.com/*"],
                    capture_output=True, text=True, env=env, timeout=300)
                if done.returncode != 0 or not out.exists():
                    lines.append(f"  {label}: lighthouse failed: {done.stderr.strip()[-300:]}")
                    break
                report = json.loads(out.read_text())
                scores.append(round(report["categories"]["performance"]["score"] * 100))
                audits = report["audits"]
                metrics.append((audits["first-contentful-paint"]["numericValue"], audits["largest-contentful-paint"]["numericValue"],
                                audits["total-blocking-time"]["numericValue"], audits["cumulative-layout-shift"]["numericValue"]))
            if scores:
                fcp, lcp, tbt, cls = (median([m[i] for m in metrics]) for i in range(4))
                lines.append(f"  {label:<13} {median(scores):5.0f}  (runs {', '.join(map(str, scores))}; "
                             f"FCP {fcp / 1000:.1f} s, LCP {lcp / 1000:.1f} s, TBT {tbt:.0f} ms, CLS {cls:.3f})")
    return lines


def _lighthouse_version(tool: Path) -> str:
    done = subprocess.run([str(tool), "--version"], capture_output=True, text=True)
    return done.stdout.strip() or "?"


# -- reading offline: what the worker costs, and what "Simpan untuk dibaca offline" downloads --

def bench_offline(site: Path, dpr: float, kawasan: str = "k-001/") -> list[str]:
    """The worker's files, the first visit of a kawasan home (the page's bytes and the worker's), and a
    save of that kawasan: the bytes the worker downloads against the size its list announces."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return ["", "Reading offline: skipped (playwright is not installed)"]
    if not (site / "sw.js").is_file() or not (site / kawasan / "offline.json").is_file():
        return ["", "Reading offline: skipped (the site has no service worker: offline: false?)"]

    def gz(path: Path) -> str:
        data = path.read_bytes()
        return f"{len(data) / 1024:.1f} KB ({len(gzip.compress(data, 6)) / 1024:.1f} KB gzip)"

    listed = json.loads((site / kawasan / "offline.json").read_text(encoding="utf-8"))
    lines = ["", f"Reading offline ({VIEWPORT['width']}×{VIEWPORT['height']} at {dpr:g}×, Chromium via Playwright, gzip)",
             f"  sw.js {gz(site / 'sw.js')}; manifest.webmanifest {gz(site / 'manifest.webmanifest')}; "
             f"{kawasan}offline.json {gz(site / kawasan / 'offline.json')}"]
    with served(site, BASE_PATH) as (server, base), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=VIEWPORT, device_scale_factor=dpr, is_mobile=True, has_touch=True)
            page = context.new_page()
            server.answers.clear()
            page.goto(base + kawasan, wait_until="load")
            loaded = sum(answer.size for answer in server.answers)
            page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1000)
            visit = sum(answer.size for answer in server.answers)
            lines.append(f"  first visit of {kawasan} (scrolling nowhere): {visit / 1024:.1f} KB sent by the server, "
                         f"{loaded / 1024:.1f} KB of them until the page's load event, then the worker's "
                         f"{(visit - loaded) / 1024:.1f} KB (sw.js, the offline pages, files checked again)")
            server.answers.clear()
            page.locator("[data-plpbk-offline] [data-save]").click()
            page.wait_for_selector("[data-plpbk-offline][data-state=saved]", timeout=300_000)
            lines.append(f"  \"Simpan untuk dibaca offline\" on {kawasan}: the button says {listed['size']} ({listed['bytes'] / 1024:.1f} KB, "
                         f"{len(listed['pages'])} pages, {len(listed['files'])} files); the server then sent "
                         f"{sum(answer.size for answer in server.answers) / 1024:.1f} KB in {len(server.answers)} answers "
                         "(files the browser held are checked, not sent again)")
            context.close()
        finally:
            browser.close()
    return lines


# -- first load at 20 and 200 kawasan, and what search downloads (issue 14) -----------------

FIRST_LOAD_PAGES = (("portal home", ""), ("kawasan home", "k-001/"), ("project page", "k-001/rencana/program-01/"))


def bench_first_load(work: Path, sizes: Sequence[int], projects: int, photos: list[Path] | None, dpr: float) -> list[str]:
    """First load of the portal home, a kawasan home and a project page at each portal size, and the
    bytes the header search downloads before and after a visitor uses it."""
    lines = ["", f"First load and search at {' and '.join(map(str, sizes))} kawasan (plpbk with Pagefind, no Material search)"]
    for n in sizes:
        root = work / f"firstload-{n}"
        if not (root / "site" / "pagefind").is_dir():
            timing = cold_build(make_plugin_site(root, n, projects, photos))
            print(f"  first load: {n} kawasan built in {timing.wall:.0f} s", flush=True)
        lines += ["", f"— portal of {n} kawasan —"] + bench_weight(root / "site", dpr, FIRST_LOAD_PAGES)
        lines += bench_search_bytes(root / "site", n)
    return lines


def bench_search_bytes(site: Path, kawasan: int) -> list[str]:
    """Bytes (gzip, cumulative) for search on a kawasan home: before the field is focused, on focus, on two queries.

    Counted at the server: whoever asks (the page, Pagefind's web worker, the site's service worker)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return ["", "Search bytes: skipped (playwright is not installed)"]
    last = f"k-{kawasan:03d}"
    queries = (f"Kampung Uji {kawasan:03d}", "mangrove")
    steps: list[tuple[str, int, int]] = []
    with served(site, BASE_PATH) as (server, base), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=VIEWPORT, is_mobile=True, has_touch=True)
            page = context.new_page()

            def note(label: str) -> None:
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)
                found = [a.size for a in server.answers if "/pagefind/" in a.path or "search" in a.path]
                steps.append((label, len(found), sum(found)))

            server.answers.clear()
            page.goto(base + "k-001/", wait_until="networkidle")
            note("before the field is focused")
            page.locator("input[name=query]").focus()
            page.wait_for_function("() => document.querySelector('.md-search-result__meta').dataset.query === ''")
            note("on focus (search.js, pagefind.js, its worker, WebAssembly and metadata)")
            for query in queries:
                page.locator("input[name=query]").fill(query)
                page.wait_for_function("q => document.querySelector('.md-search-result__meta').dataset.query === q", arg=query)
                hits = page.eval_on_selector_all(".md-search-result__list > li > a:first-child", "a => a.map(x => x.getAttribute('href'))")
                first = "yes" if hits and f"/{last}/" in hits[0] else "no"
                note(f"after the query \"{query}\" ({len(hits)} results shown; {last} first: {first})")
            context.close()
        finally:
            browser.close()
    bundle = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    lines = ["", f"Header search on the {kawasan}-kawasan portal (gzip, cumulative; the whole index on disk: {bundle / 1e6:.1f} MB)"]
    lines += [f"  {label}: {count} requests, {size / 1024:.1f} KB" for label, count, size in steps]
    return lines


# -- main ------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kawasan", type=int, nargs="+", default=[25, 100], metavar="N",
                        help="portal sizes (default: 25 100; the smallest and largest give the scaling)")
    parser.add_argument("--projects", type=int, default=8, metavar="M", help="projects per kawasan (default 8)")
    parser.add_argument("--photos", action=argparse.BooleanOptionalAction, default=True,
                        help="hero, gallery, project and news photos in every kawasan (default: on)")
    parser.add_argument("--runs", type=int, default=3, help="interleaved runs per build kind (median; default 3)")
    parser.add_argument("--dpr", type=float, default=2.0, help="device pixel ratio for the first-load weight (default 2)")
    parser.add_argument("--first-load-kawasan", type=int, nargs="+", default=[20, 200], metavar="N",
                        help="portal sizes for the first-load and search figures (default: 20 200)")
    parser.add_argument("--skip", nargs="+", choices=STEPS, default=[], help="steps to leave out")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build in DIR and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)

    print(f"plpbk benchmark: {' and '.join(map(str, args.kawasan))} kawasan × {args.projects} projects, "
          f"{'with' if args.photos else 'without'} photos, {args.runs} runs")
    print(machine(), flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="plpbk-benchmark-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        photos = make_photos(work / "photos", PHOTO_COUNT, PHOTO_SIZE) if args.photos else None
        lines: list[str] = []
        sizes = sorted(set(args.kawasan))
        results: dict[int, dict[str, Any]] = {}
        if "builds" not in args.skip:
            results = bench_builds(work, sizes, args.projects, photos, args.runs)
            lines += report_builds(results)
            print("\n".join(lines), flush=True)
        small = work / f"plugin-{sizes[0]}"
        if not (small / "site").is_dir():
            make_plugin_site(small, sizes[0], args.projects, photos)
            mkdocs(small)
        for step, run in (
            ("profile", lambda: bench_profile(work / f"plugin-{sizes[-1]}") if (work / f"plugin-{sizes[-1]}" / "site").is_dir() else []),
            ("serve", lambda: bench_serve(small)),
            ("images", lambda: bench_images(work, photos) if photos else ["", "Images: skipped (--no-photos)"]),
            ("browser", lambda: [line for n in sizes if (work / f"plugin-{n}" / "site").is_dir()
                                 for line in ["", f"— portal of {n} kawasan —"] + bench_weight(work / f"plugin-{n}" / "site", args.dpr)]),
            ("lighthouse", lambda: bench_lighthouse(small / "site")),
            ("offline", lambda: bench_offline(small / "site", args.dpr)),
            ("firstload", lambda: bench_first_load(work, args.first_load_kawasan, args.projects, photos, args.dpr)),
        ):
            if step not in args.skip:
                more = run()
                print("\n".join(more), flush=True)
                lines += more
    print(f"\n(benchmark took {(time.perf_counter() - started) / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
