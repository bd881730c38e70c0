#!/usr/bin/env python3
"""A national portal of community sites: build time, peak memory, first-load weight and reachability (prints figures; not a test).

    .venv/bin/python benchmarks/benchmark_communities.py                    # 10,000 communities, 34 provinces
    .venv/bin/python benchmarks/benchmark_communities.py --communities 1000 --runs 3 --skip browser

Makes N synthetic community data.json files (the plans of benchmarks/benchmark.py, spread over the 34
provinces of Indonesia and 58 of their cities, every fifth with a news feed), serves them from a
loopback HTTP server that answers ETag requests with 304 as GitHub Pages does, and builds a portal
whose mkdocs.yml lists them all under `communities:` and has no plans of its own. Each build is a
`mkdocs build` in a fresh process, timed, with its peak memory (the process's maximum resident set):

  - first build: no .cache/plpbk (every source downloaded, checked and rendered)
  - daily rebuild: .cache/plpbk kept from the build before, every source answers 304 Not Modified

Then: the first-load weight of the portal home in Debian's Chromium via Playwright (390×844,
gzip as on GitHub Pages, no scrolling), and reachability: every community's own site must be
linked from the portal's pages within a few clicks of the home (a crawl of the built portal).
Goals: first build ≤ 90 s and ≤ 512 MB, daily rebuild ≤ 20 s, home ≤ 200 KB, every community
≤ 3 clicks from the home.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, deque
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml

from benchmarks.common import CHROMIUM, CHROMIUM_ARGS, ENV, VIEWPORT, machine, median, plan_data, served
from benchmarks.loopback import Loopback, Reply
from plpbk_plugin.plan.figures import kawasan_totals
from plpbk_plugin.plan.model import Kawasan
from plpbk_plugin.site.opendata.datasets import feed_announcement, json_bytes, project_row, project_url, totals_dict

TARGETS = {"build_s": 90, "memory_mb": 512, "rebuild_s": 20, "weight_kb": 200, "taps": 3}
STEPS = ("builds", "browser", "reach")
_PLACES = (  # the 34 provinces, each with its capital and (for most) a second city: (city, province, lat, lon)
    ("Kota Banda Aceh", "Aceh", 5.55, 95.32), ("Kota Lhokseumawe", "Aceh", 5.18, 97.15),
    ("Kota Medan", "Sumatera Utara", 3.59, 98.67), ("Kota Pematangsiantar", "Sumatera Utara", 2.96, 99.06),
    ("Kota Padang", "Sumatera Barat", -0.95, 100.35), ("Kota Bukittinggi", "Sumatera Barat", -0.31, 100.37),
    ("Kota Pekanbaru", "Riau", 0.51, 101.45), ("Kota Dumai", "Riau", 1.67, 101.45),
    ("Kota Batam", "Kepulauan Riau", 1.13, 104.05), ("Kota Tanjungpinang", "Kepulauan Riau", 0.92, 104.45),
    ("Kota Jambi", "Jambi", -1.61, 103.61), ("Kota Palembang", "Sumatera Selatan", -2.98, 104.76),
    ("Kota Lubuklinggau", "Sumatera Selatan", -3.30, 102.86), ("Kota Pangkalpinang", "Kepulauan Bangka Belitung", -2.13, 106.11),
    ("Kota Bengkulu", "Bengkulu", -3.80, 102.27), ("Kota Bandar Lampung", "Lampung", -5.43, 105.26),
    ("Kota Metro", "Lampung", -5.11, 105.31), ("Kota Jakarta Utara", "DKI Jakarta", -6.13, 106.88),
    ("Kota Jakarta Timur", "DKI Jakarta", -6.23, 106.90), ("Kota Serang", "Banten", -6.12, 106.15),
    ("Kota Tangerang", "Banten", -6.18, 106.63), ("Kota Bandung", "Jawa Barat", -6.91, 107.61),
    ("Kota Bekasi", "Jawa Barat", -6.24, 106.99), ("Kota Cirebon", "Jawa Barat", -6.71, 108.56),
    ("Kota Semarang", "Jawa Tengah", -6.97, 110.42), ("Kota Surakarta", "Jawa Tengah", -7.57, 110.82),
    ("Kota Pekalongan", "Jawa Tengah", -6.89, 109.68), ("Kota Yogyakarta", "DI Yogyakarta", -7.80, 110.36),
    ("Kota Surabaya", "Jawa Timur", -7.25, 112.75), ("Kota Malang", "Jawa Timur", -7.98, 112.63),
    ("Kota Kediri", "Jawa Timur", -7.82, 112.01), ("Kota Denpasar", "Bali", -8.65, 115.22),
    ("Kota Mataram", "Nusa Tenggara Barat", -8.58, 116.12), ("Kota Bima", "Nusa Tenggara Barat", -8.46, 118.73),
    ("Kota Kupang", "Nusa Tenggara Timur", -10.18, 123.60), ("Kota Pontianak", "Kalimantan Barat", -0.03, 109.33),
    ("Kota Singkawang", "Kalimantan Barat", 0.91, 108.98), ("Kota Palangka Raya", "Kalimantan Tengah", -2.21, 113.92),
    ("Kota Banjarmasin", "Kalimantan Selatan", -3.32, 114.59), ("Kota Banjarbaru", "Kalimantan Selatan", -3.44, 114.83),
    ("Kota Samarinda", "Kalimantan Timur", -0.50, 117.15), ("Kota Balikpapan", "Kalimantan Timur", -1.24, 116.85),
    ("Kota Tarakan", "Kalimantan Utara", 3.30, 117.63), ("Kota Manado", "Sulawesi Utara", 1.47, 124.84),
    ("Kota Bitung", "Sulawesi Utara", 1.44, 125.19), ("Kota Gorontalo", "Gorontalo", 0.54, 123.06),
    ("Kota Palu", "Sulawesi Tengah", -0.90, 119.87), ("Kabupaten Mamuju", "Sulawesi Barat", -2.68, 118.89),
    ("Kota Makassar", "Sulawesi Selatan", -5.15, 119.43), ("Kota Parepare", "Sulawesi Selatan", -4.01, 119.62),
    ("Kota Kendari", "Sulawesi Tenggara", -3.97, 122.51), ("Kota Baubau", "Sulawesi Tenggara", -5.47, 122.60),
    ("Kota Ambon", "Maluku", -3.70, 128.18), ("Kota Ternate", "Maluku Utara", 0.79, 127.38),
    ("Kota Sorong", "Papua Barat", -0.88, 131.26), ("Kabupaten Manokwari", "Papua Barat", -0.86, 134.08),
    ("Kota Jayapura", "Papua", -2.53, 140.72), ("Kabupaten Merauke", "Papua", -8.49, 140.40),
)


# -- the synthetic communities -----------------------------------------------------------------


def community_data(i: int, base: str, projects: int, feed: bytes | None, announce: bool) -> dict[str, Any]:
    """The data.json a community site built by plpbk publishes (its own site at ``base``); ``announce``: it names its
    feed and the sha256 of its bytes, as data.json does from plpbk 0.2.0 (without: as 0.1 published it)."""
    data = plan_data(i, projects, photos=False)
    city, province, lat, lon = _PLACES[i % len(_PLACES)]
    data["location"].update(city=city, province=province,
                            coordinates={"lat": round(lat + (i % 13) * 0.004, 4), "lon": round(lon + (i % 11) * 0.004, 4)})
    kawasan = Kawasan.model_validate(data)
    return {
        "format": "plpbk-kawasan",
        "version": 1,
        "slug": f"k-{i:05d}",
        "url": base,
        "kawasan": kawasan.model_dump(mode="json", by_alias=True, exclude_none=True),
        "projects": [project_row(p, base + project_url(p) + "/") for p in kawasan.projects],
        "totals": totals_dict(kawasan_totals(kawasan)),
        "calls": [],
        **({"feed": feed_announcement(base + "feed.xml", feed)} if announce else {}),
    }


def community_feed(i: int, base: str) -> bytes:
    items = "".join(
        f"<item><title>Kabar {n} dari Kampung Uji {i:05d}</title><link>{base}kabar/kabar-{n}/</link>"
        f"<pubDate>Mon, {2 + n:02d} Nov 2026 00:00:00 +0700</pubDate><description>Kerja bakti warga ke-{n}.</description></item>"
        for n in range(3)
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Kabar</title>{items}</channel></rss>'.encode()


class Sources:
    """The communities' sites on a loopback server: data.json (and feed.xml) with ETags, 304 when unchanged."""

    def __init__(self, count: int, projects: int, announce: bool = True) -> None:
        self.server = Loopback()
        self.size = 0  # bytes of every file served
        self.urls = []
        for i in range(1, count + 1):
            home = self.server.url(f"/bkm-{i:05d}/")
            feed = community_feed(i, home) if i % 5 == 0 else None
            self.urls.append(self._put(f"/bkm-{i:05d}/data.json", json_bytes(community_data(i, home, projects, feed, announce))))
            if feed is not None:
                self._put(f"/bkm-{i:05d}/feed.xml", feed, "application/rss+xml")

    def _put(self, path: str, body: bytes, kind: str = "application/json") -> str:
        self.size += len(body)
        return self.server.route(path, Reply(body, content_type=kind, etag=f'"{hashlib.sha1(body).hexdigest()[:16]}"', gzip=True))

    def hits(self) -> dict[int, int]:
        """Answers by status since the last ``server.answers.clear()``."""
        return dict(sorted(Counter(answer.status for answer in self.server.answers).items()))

    def __enter__(self) -> Sources:
        self.server.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.__exit__(*exc)


def make_portal(root: Path, urls: list[str]) -> Path:
    config = {
        "site_name": "Portal Komunitas Uji",
        "site_url": "https://contoh.github.io/portal/",
        "theme": {"name": "material", "language": "id", "font": False},
        "plugins": [{"plpbk": {"mode": "portal", "communities": urls}}],
        "markdown_extensions": ["admonition", "attr_list", "tables"],
    }
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


# -- builds ------------------------------------------------------------------------------------


def build(site: Path) -> tuple[float, float, str]:
    """One `mkdocs build` in a fresh process: seconds, peak memory (MB, the process's maximum resident set), its log."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", str(site / "mkdocs.yml"), "-d", str(site / "site")],
                                   stdout=subprocess.DEVNULL, stderr=log, text=True, cwd=site,
                                   env=ENV)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - started
        log.seek(0)
        text = log.read()
    if process.returncode != 0:
        raise SystemExit(f"build failed:\n{text[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, text


_GATHERED = re.compile(r"(\d+) dari (\d+) komunitas terhimpun dalam ([\d.]+) detik")


def _gathered(log: str) -> str:
    """The plugin's own figure: how many sources it gathered, in how long."""
    found = _GATHERED.search(log)
    return f"{found.group(1)}/{found.group(2)} gathered in {found.group(3)} s" if found else "no gathering logged"


BUILDS = {"first": "first build (no .cache/plpbk)", "daily": "daily rebuild (cache kept, every source 304)"}


def bench_builds(site: Path, sources: Sources, runs: int) -> list[str]:
    """First builds and daily rebuilds, interleaved; medians, and the plugin's gathering time and the server's answers of the last pair."""
    times: dict[str, list[float]] = {kind: [] for kind in BUILDS}
    memory: dict[str, list[float]] = {kind: [] for kind in BUILDS}
    notes: dict[str, str] = {}
    warnings: list[str] = []
    for _ in range(runs):
        subprocess.run(["rm", "-rf", str(site / ".cache"), str(site / "site")], check=True)
        for kind in BUILDS:
            sources.server.answers.clear()
            elapsed, peak, log = build(site)
            times[kind].append(elapsed)
            memory[kind].append(peak)
            notes[kind] = f"{_gathered(log)}; answers {sources.hits()}"
            warnings = [line for line in log.splitlines() if "WARNING" in line]
    goals = {"first": f"≤ {TARGETS['build_s']} s, ≤ {TARGETS['memory_mb']} MB", "daily": f"≤ {TARGETS['rebuild_s']} s"}
    lines = ["", f"Builds (median of {runs}, each a fresh `mkdocs build`)"]
    for kind, name in BUILDS.items():
        seconds, peak = median(times[kind]), median(memory[kind])
        met = seconds <= (TARGETS["build_s"] if kind == "first" else TARGETS["rebuild_s"])
        met = met and (kind != "first" or peak <= TARGETS["memory_mb"])
        lines.append(f"  {name}: {seconds:6.1f} s, peak {peak:6.0f} MB (goal {goals[kind]}: {'met' if met else 'NOT MET'}; "
                     f"all runs {', '.join(f'{t:.1f}' for t in times[kind])} s)")
        lines.append(f"      {notes[kind]}")
    lines.append(f"  warnings: {len(warnings)}" + (f" (first: {warnings[0]})" if warnings else ""))
    return lines


# -- first load --------------------------------------------------------------------------------


def bench_weight(site_dir: Path, dpr: float) -> list[str]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return ["", "First load: skipped (playwright is not installed: pip install -e '.[test]')"]
    if not Path(CHROMIUM).exists():
        return ["", f"First load: skipped ({CHROMIUM} is missing)"]
    with served(site_dir, "/portal/") as (_, home), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=VIEWPORT, device_scale_factor=dpr, is_mobile=True, has_touch=True)
            context.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort())  # nothing beyond loopback
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            kinds: dict[str, str] = {}
            sizes: dict[str, int] = {}
            cdp.on("Network.responseReceived", lambda e: kinds.__setitem__(e["requestId"], e["type"]))
            cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
            page.goto(home, wait_until="load")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            by_kind: dict[str, int] = {}
            for request_id, size in sizes.items():
                kind = kinds.get(request_id, "Other")
                by_kind[kind] = by_kind.get(kind, 0) + size
            html_bytes = (site_dir / "index.html").stat().st_size
        finally:
            browser.close()
    total = sum(by_kind.values())
    detail = ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(by_kind.items(), key=lambda kv: -kv[1]))
    verdict = "met" if total <= TARGETS["weight_kb"] * 1024 else "NOT MET"
    return ["", f"First load of the portal home ({VIEWPORT['width']}×{VIEWPORT['height']}, gzip, no scrolling; "
                f"target ≤ {TARGETS['weight_kb']} KB)",
            f"  {total / 1024:.1f} KB in {len(sizes)} requests ({detail} KB): {verdict}",
            f"  index.html {html_bytes / 1024:.1f} KB uncompressed, {len(gzip.compress((site_dir / 'index.html').read_bytes(), 6)) / 1024:.1f} KB gzip"]


# -- reachability ------------------------------------------------------------------------------

_HREF = re.compile(r'<a\s[^>]*?href="([^"#]*)', re.IGNORECASE)


def bench_reach(site_dir: Path, homes: list[str]) -> list[str]:
    """Taps from the portal home to each community's own site, following the portal's own links."""
    site_url = "https://contoh.github.io/portal/"
    taps: dict[str, int] = {}
    seen = {"index.html": 0}
    queue = deque(["index.html"])
    while queue:
        page = queue.popleft()
        depth = seen[page]
        text = (site_dir / page).read_text(encoding="utf-8")
        for href in _HREF.findall(text):
            target = urljoin(site_url + page, href.replace("&amp;", "&"))
            if not target.startswith(site_url):
                taps.setdefault(target, depth + 1)
                continue
            local = urlsplit(target).path[len(urlsplit(site_url).path):]
            local = local + "index.html" if local.endswith("/") or not local else local
            if local.endswith(".html") and local not in seen and (site_dir / local).is_file():
                seen[local] = depth + 1
                queue.append(local)
    reached = [taps[h] for h in homes if h in taps]
    worst = max(reached) if reached else None
    verdict = "met" if len(reached) == len(homes) and worst is not None and worst <= TARGETS["taps"] else "NOT MET"
    return ["", f"Reachability (links from the portal home to each community's own site; target: all, ≤ {TARGETS['taps']} taps)",
            f"  {len(reached)} of {len(homes)} communities linked; taps: "
            + (f"median {median(reached):g}, most {worst}" if reached else "none") + f": {verdict}",
            f"  portal pages crawled: {len(seen)}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communities", type=int, default=10_000, metavar="N", help="community sites (default 10000)")
    parser.add_argument("--projects", type=int, default=8, metavar="M", help="projects per community (default 8)")
    parser.add_argument("--runs", type=int, default=1, help="first build + daily rebuild pairs (median; default 1)")
    parser.add_argument("--dpr", type=float, default=2.0, help="device pixel ratio for the first load (default 2)")
    parser.add_argument("--skip", nargs="+", choices=STEPS, default=[], help="steps to leave out")
    parser.add_argument("--earlier-data-json", action="store_true",
                        help="sources publish data.json as plpbk did before it named its feed (every feed is fetched)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build in DIR and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    print(f"plpbk communities benchmark: {args.communities} community sites × {args.projects} projects, on loopback")
    print(machine(), flush=True)
    with tempfile.TemporaryDirectory(prefix="plpbk-communities-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        with Sources(args.communities, args.projects, announce=not args.earlier_data_json) as sources:
            print(f"(made {args.communities} data.json files in {time.perf_counter() - started:.1f} s, "
                  f"{sources.size / 1024 / 1024:.1f} MB)", flush=True)
            site = make_portal(work / "portal", sources.urls)
            lines: list[str] = []
            if "builds" in args.skip:
                build(site)
            else:
                lines += bench_builds(site, sources, args.runs)
                print("\n".join(lines), flush=True)
        homes = [url.removesuffix("data.json") for url in sources.urls]
        for step, run in (("browser", lambda: bench_weight(site / "site", args.dpr)), ("reach", lambda: bench_reach(site / "site", homes))):
            if step not in args.skip:
                more = run()
                print("\n".join(more), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
