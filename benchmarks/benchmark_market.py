#!/usr/bin/env python3
"""The partnership market at scale: a portal's /kemitraan/ with 1,000 open calls (prints figures; not a test).

    .venv/bin/python benchmarks/benchmark_market.py                  # 1,000 calls: 250 communities × 4 calls
    .venv/bin/python benchmarks/benchmark_market.py --calls 200 --skip browser

Makes community sites' data.json files (the plans of benchmarks/benchmark.py spread over 34 provinces, each
with its calls: deadlines over two years, every partner type, amounts from Rp25 juta to Rp2,5 miliar or
none), serves them on loopback and builds a portal that gathers them (`mkdocs build` in a fresh process;
no kawasan of its own, so no proposal is printed). Then, in Debian's Chromium via Playwright (390×844,
gzip as on GitHub Pages, no cache, no scrolling): the first load of /kemitraan/ (target ≤ 200 KB), the
page's HTML raw and gzipped, its filter rules, and how long plpbk.js takes to apply a filter (median of
interleaved repeats over the sector, partner, amount and region filters).
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from benchmarks.benchmark import bench_weight
from benchmarks.common import CHROMIUM, CHROMIUM_ARGS, ENV, VIEWPORT, machine, plan_data, served
from plpbk_plugin.plan.model import Kawasan, Plan
from plpbk_plugin.plan.vocabulary import PARTNER_TYPES
from plpbk_plugin.site.opendata.datasets import json_bytes, kawasan_data

TARGET_KB = 200
STEPS = ("build", "browser")
PLACES = (
    ("Kota Banda Aceh", "Aceh"), ("Kota Medan", "Sumatera Utara"), ("Kota Padang", "Sumatera Barat"), ("Kota Pekanbaru", "Riau"),
    ("Kota Jambi", "Jambi"), ("Kota Palembang", "Sumatera Selatan"), ("Kota Bengkulu", "Bengkulu"), ("Kota Bandar Lampung", "Lampung"),
    ("Kota Pangkal Pinang", "Kepulauan Bangka Belitung"), ("Kota Batam", "Kepulauan Riau"), ("Kota Jakarta Utara", "DKI Jakarta"),
    ("Kota Bandung", "Jawa Barat"), ("Kota Bekasi", "Jawa Barat"), ("Kota Semarang", "Jawa Tengah"), ("Kota Surakarta", "Jawa Tengah"),
    ("Kota Yogyakarta", "DI Yogyakarta"), ("Kota Surabaya", "Jawa Timur"), ("Kota Malang", "Jawa Timur"), ("Kota Serang", "Banten"),
    ("Kota Denpasar", "Bali"), ("Kota Mataram", "Nusa Tenggara Barat"), ("Kota Kupang", "Nusa Tenggara Timur"),
    ("Kota Pontianak", "Kalimantan Barat"), ("Kota Palangka Raya", "Kalimantan Tengah"), ("Kota Banjarmasin", "Kalimantan Selatan"),
    ("Kota Samarinda", "Kalimantan Timur"), ("Kota Tarakan", "Kalimantan Utara"), ("Kota Manado", "Sulawesi Utara"),
    ("Kota Palu", "Sulawesi Tengah"), ("Kota Makassar", "Sulawesi Selatan"), ("Kota Kendari", "Sulawesi Tenggara"),
    ("Kota Gorontalo", "Gorontalo"), ("Kabupaten Mamuju", "Sulawesi Barat"), ("Kota Ambon", "Maluku"), ("Kota Ternate", "Maluku Utara"),
    ("Kota Sorong", "Papua Barat Daya"), ("Kota Jayapura", "Papua"),
)
AMOUNTS = (25_000_000, 80_000_000, 150_000_000, 350_000_000, 600_000_000, 900_000_000, 1_500_000_000, 2_500_000_000, None)


def community(i: int, base: str, projects: int, calls: int) -> dict[str, Any]:
    """The data.json of a community site built by plpbk, its own site at ``base``, with ``calls`` open calls."""
    data = plan_data(i, projects, photos=False)
    city, province = PLACES[i % len(PLACES)]
    data["location"].update(city=city, province=province)
    ids = [p["id"] for p in data["projects"]]
    data["calls"] = [
        {
            "id": f"ajakan-{c + 1}",
            "title": f"Ajakan {c + 1}: mitra untuk {data['projects'][c % len(ids)]['title'][:60]}",
            "description": "Kami mencari mitra untuk menuntaskan kegiatan ini bersama warga.",
            "partner_types": [PARTNER_TYPES[(i + c) % len(PARTNER_TYPES)], PARTNER_TYPES[(i + 3 * c + 1) % len(PARTNER_TYPES)]],
            "projects": ids[c % len(ids): c % len(ids) + 2],
            **({"amount_sought": amount} if (amount := AMOUNTS[(i + c) % len(AMOUNTS)]) else {}),
            **({"deadline": f"{2027 + (i + c) % 2}-{(i * 7 + c) % 12 + 1:02d}-{(i + c) % 28 + 1:02d}"} if (i + c) % 10 else {}),
        }
        for c in range(calls)
    ]
    plan = Plan(f"k-{i:04d}", Path("."), Path("kawasan.yml"), Kawasan.model_validate(data), (), None, {})
    return kawasan_data(plan, site_url_of=lambda path: base + (path + "/" if path else ""))  # what plpbk itself publishes


def build_portal(work: Path, calls: int, per: int, projects: int) -> tuple[Path, float]:
    sources = work / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    with served(sources) as (_, base):  # the communities' sites, asked while the portal builds
        return _build_portal(work, sources, base, calls, per, projects)


def _build_portal(work: Path, sources: Path, base: str, calls: int, per: int, projects: int) -> tuple[Path, float]:
    count = -(-calls // per)
    urls = []
    for i in range(1, count + 1):
        home = f"{base}bkm-{i:04d}/"
        target = sources / f"bkm-{i:04d}" / "data.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(json_bytes(community(i, home, projects, min(per, calls - (i - 1) * per))))
        urls.append(home + "data.json")
    portal = work / "portal"
    (portal / "docs").mkdir(parents=True, exist_ok=True)
    config = {
        "site_name": "Portal Pasar Uji",
        "site_url": "https://contoh.github.io/portal/",
        "theme": {"name": "material", "language": "id", "font": False},
        "plugins": [{"plpbk": {"mode": "portal", "communities": urls, "search": False, "history": False}}],
        "extra": {"generator": False},
    }
    (portal / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(portal / "mkdocs.yml"), "-d", str(portal / "site")],
                          capture_output=True, text=True, cwd=portal, env=ENV)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stderr[-3000:]}")
    return portal / "site", elapsed


def page_figures(site: Path) -> list[str]:
    html = (site / "kemitraan" / "index.html").read_bytes()
    text = html.decode()
    listed = text.count('<li class="plpbk-market-call"')
    style = re.search(r"<style>(.*?)</style>", text.split("</head>")[0], re.S)
    rules = style.group(1).count(",") + 1 if style else 0
    radios = text.count('type="radio"')
    return ["", f"/kemitraan/: {listed} open calls listed, {radios} filter buttons, {rules} filter rules in the head",
            f"  index.html {len(html) / 1024:.1f} KB raw, {len(gzip.compress(html, 6)) / 1024:.1f} KB gzip"
            f" (filter rules {len(style.group(0).encode()) / 1024 if style else 0:.1f} KB raw);"
            f" kemitraan.csv {(site / 'kemitraan.csv').stat().st_size / 1024:.1f} KB"]


def bench_filters(site: Path, repeats: int) -> list[str]:
    """Milliseconds from choosing a filter to the list being filtered by plpbk.js (count updated), per filter."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {}
    with served(site, "/portal/") as (_, home), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport=VIEWPORT).new_page()
        page.goto(home + "kemitraan/", wait_until="networkidle")
        groups = page.evaluate("[...document.querySelectorAll('fieldset[data-filter]')].map(f => f.getAttribute('data-filter'))")
        for _ in range(repeats):  # interleaved: each round chooses a value of every filter, then clears it
            for group in groups:
                took = page.evaluate("""(group) => {
                    const set = document.querySelector(`fieldset[data-filter="${group}"]`);
                    const input = set.querySelectorAll('input')[1];
                    const start = performance.now();
                    input.checked = true; input.dispatchEvent(new Event('change', {bubbles: true}));
                    const took = performance.now() - start;
                    set.querySelector("input[value='']").checked = true; set.dispatchEvent(new Event('change', {bubbles: true}));
                    return took; }""", group)
                times.setdefault(group, []).append(took)
        browser.close()
    detail = ", ".join(f"{group} {statistics.median(values):.1f} ms" for group, values in times.items())
    return ["", f"Applying a filter with plpbk.js (median of {repeats}): {detail}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1000, help="open calls in all (default 1000)")
    parser.add_argument("--per", type=int, default=4, help="calls per community (default 4)")
    parser.add_argument("--projects", type=int, default=6, help="projects per community (default 6)")
    parser.add_argument("--dpr", type=float, default=2.0, help="device pixel ratio for the first load (default 2)")
    parser.add_argument("--repeats", type=int, default=7, help="repeats of the filter timing (default 7)")
    parser.add_argument("--skip", nargs="+", choices=("browser",), default=[], help="steps to leave out")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build in DIR and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    print(f"plpbk market benchmark: {args.calls} calls from {-(-args.calls // args.per)} community sites, on loopback")
    print(machine(), flush=True)
    with tempfile.TemporaryDirectory(prefix="plpbk-market-") as tmp:
        work = args.keep or Path(tmp)
        site, seconds = build_portal(work, args.calls, args.per, args.projects)
        lines = ["", f"Portal build (gathering every source, one `mkdocs build`): {seconds:.1f} s", *page_figures(site)]
        print("\n".join(lines), flush=True)
        if "browser" not in args.skip:
            weight = bench_weight(site, args.dpr, (("market", "kemitraan/"),))
            total = re.search(r"market\s+([\d.]+) KB", "\n".join(weight))
            verdict = "met" if total and float(total.group(1)) <= TARGET_KB else "NOT MET"
            print("\n".join([*weight, f"  target ≤ {TARGET_KB} KB: {verdict}", *bench_filters(site, args.repeats)]), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
