"""What the benchmarks share: the machine they ran on, medians of interleaved runs, Debian's Chromium
as Playwright drives it, a built site served as GitHub Pages serves it, and a realistic synthetic plan.

Every benchmark prints :func:`machine` first: figures are comparable only as ratios measured in one
run on one machine (shared and noisy), never across machines.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

import mkdocs as mkdocs_package

from benchmarks.loopback import Loopback

ROOT = Path(__file__).resolve().parents[1]
PHOTO_COUNT = 5  # the photos a synthetic plan names: photos/foto-0.jpg … foto-4.jpg
CHROMIUM = "/usr/bin/chromium"
# api.github.com (Material's repository widget) is left unresolved: no network here, and a Playwright route would
# turn the browser's HTTP cache off, which the service worker relies on.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--host-resolver-rules=MAP api.github.com ~NOTFOUND"]
VIEWPORT = {"width": 390, "height": 844}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # MkDocs 1.6 would print its notice about 2.0 in every build

T = TypeVar("T")


def machine() -> str:
    """When, on what, and how loaded: the first lines every benchmark prints."""
    cpu = "?"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{dt.datetime.now().isoformat(timespec='minutes')} · {platform.platform()} · {cpu} · "
            f"{os.cpu_count()} cores · load average {load}\n"
            f"Python {platform.python_version()} · MkDocs {mkdocs_package.__version__} · "
            f"Material {version('mkdocs-material')} · Pillow {version('pillow')}")


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def interleaved(runs: int, steps: dict[str, Callable[[], T]]) -> dict[str, list[T]]:
    """Each step once per run, in turn (a, b, c, a, b, c, …): a machine's slow minute hits every step alike."""
    results: dict[str, list[T]] = {name: [] for name in steps}
    for _ in range(runs):
        for name, step in steps.items():
            results[name].append(step())
    return results


@contextmanager
def served(site: Path, prefix: str = "/") -> Iterator[tuple[Loopback, str]]:
    """A built site on loopback under ``prefix`` as GitHub Pages serves it (gzip, ETags, 304 for a copy
    checked again): the server (its ``answers``: what each visit cost on the wire) and the site's URL."""
    with Loopback() as server:
        yield server, server.site(prefix, site, etags=True)


# -- a synthetic plan ----------------------------------------------------------------------------

WORDS = ["warga", "gotong", "royong", "saluran", "lorong", "sehat", "terang", "hijau", "bersih", "kampung", "pesisir", "sungai", "sampah", "air", "limbah", "jalan", "paving", "rumah", "layak", "usaha", "kelompok", "ibu", "pemuda", "sekolah", "taman", "mangrove", "nelayan", "bank", "pilah", "kompos", "sumur", "resapan", "tandon", "pompa", "jembatan", "balai", "pelatihan", "modal", "pasar"]
CITIES = (("Kota Semarang", "Jawa Tengah"), ("Kota Makassar", "Sulawesi Selatan"), ("Kota Bandung", "Jawa Barat"),
           ("Kota Surabaya", "Jawa Timur"), ("Kota Medan", "Sumatera Utara"), ("Kota Kupang", "Nusa Tenggara Timur"))


def sentence(i: int, n: int = 12) -> str:
    words = [WORDS[(i * 7 + j * 11) % len(WORDS)] for j in range(n)]
    return " ".join(words).capitalize() + "."


def paragraphs(i: int, count: int = 2) -> str:
    return "\n\n".join(" ".join(sentence(i + p * 5 + s, 10 + s) for s in range(3)) for p in range(count)) + "\n"


def plan_data(i: int, projects: int, photos: bool) -> dict[str, Any]:
    """A realistic, valid kawasan plan: the fields a mature plan fills in."""
    city, province = CITIES[i % len(CITIES)]
    name = f"Kampung Uji {i:03d}"
    sectors = ("lingkungan", "sosial", "ekonomi")
    statuses = ("planned", "seeking_partners", "funded", "in_progress", "completed")
    project_list = []
    for p in range(projects):
        sector = sectors[p % 3]
        cost = 25_000_000 * (p + 2) + 1_000_000 * i
        project: dict[str, Any] = {
            "id": f"program-{p + 1:02d}",
            "title": f"Program {p + 1}: {sentence(i + p, 5)[:-1]}",
            "summary": sentence(i * 3 + p, 16),
            "description": paragraphs(i + p),
            "sector": sector,
            "cost": cost,
            "funding": [
                {"source": "swadaya", "amount": cost // 10, "status": "committed", "partner": f"Warga {name}"},
                {"source": "csr", "amount": cost // 4, "status": "pledged", "partner": "PT Mitra Uji"},
            ],
            "status": statuses[p % len(statuses)],
            "start": "2027-03",
            "end": "2028",
            "beneficiaries": {"households": 40 + p, "people": 160 + 4 * p},
            "needs": [sentence(i + p + 1, 6), sentence(i + p + 2, 5)],
            "updates": [{"date": "2026-10", "text": sentence(i + p + 3, 9)}],
        }
        if sector == "lingkungan":
            project["aspect"] = "drainase"
        if statuses[p % len(statuses)] == "in_progress":
            project["progress"] = 40
        if photos and p % 2 == 0:
            project["photos"] = [{"file": f"photos/foto-{(p // 2) % PHOTO_COUNT}.jpg", "caption": sentence(p, 6)}]
        project_list.append(project)
    data: dict[str, Any] = {
        "name": name,
        "tagline": sentence(i, 14)[:139],
        "summary": paragraphs(i),
        "location": {
            "kelurahan": f"Kelurahan {i:03d}",
            "kecamatan": f"Kecamatan {i % 17:02d}",
            "city": city,
            "province": province,
            "coordinates": {"lat": round(-6.9 + (i % 40) * 0.01, 4), "lon": round(110.4 + (i // 40) * 0.01, 4)},
        },
        "profile": {"population": 3000 + i, "households": 800 + i, "poor_households": 300},
        "organization": {
            "name": f"BKM {name}",
            "description": paragraphs(i + 1, 1),
            "contact": {"whatsapp": "0812-0000-0001", "email": f"bkm{i:03d}@example.org", "phone": "024-000-0001",
                        "address": f"Jalan Uji No. {i}, {city}"},
            "people": [{"name": "Siti Rahma", "role": "Koordinator BKM"}, {"name": "Budi Santoso", "role": "Sekretaris"}],
        },
        "transformation": {
            "idea": paragraphs(i + 2),
            "vision": sentence(i + 4, 12),
            "from": [sentence(i + 5, 6), sentence(i + 6, 6)],
            "to": [sentence(i + 7, 6), sentence(i + 8, 6)],
        },
        "marketing_mix": {key: paragraphs(i + k, 1) for k, key in enumerate(("product", "price", "place", "promotion"))},
        "projects": project_list,
        "calls": [
            {"id": "mitra-lingkungan", "title": "Ajak kami mewujudkan lingkungan sehat", "description": paragraphs(i + 9, 1),
             "partner_types": ["pemerintah", "swasta", "lsm"],
             "projects": [p["id"] for p in project_list if p["status"] == "seeking_partners" or p is project_list[0]]},
            {"id": "mitra-usaha", "title": "Mitra usaha warga", "description": paragraphs(i + 10, 1),
             "partner_types": ["swasta", "perguruan_tinggi"], "projects": [project_list[-1]["id"]], "amount_sought": 90_000_000},
        ],
        "partners": [
            {"name": "PT Mitra Uji", "type": "swasta", "url": "https://example.com/mitra", "contribution": sentence(i, 8), "since": 2025},
            {"name": "Komunitas Peduli Uji", "type": "lsm", "contribution": sentence(i + 1, 8), "since": 2026},
        ],
        "policy": [{"title": "Insentif retribusi bagi RW yang memilah sampah", "description": paragraphs(i + 11, 1),
                    "target": "Pemerintah Kota", "status": "in_discussion"}],
        "documents": [{"title": f"RPLP {name} 2025–2028", "url": "https://example.org/rplp.pdf", "kind": "rplp", "year": 2025}],
    }
    if photos:
        data["photos"] = {
            "hero": "photos/foto-0.jpg",
            "gallery": [{"file": f"photos/foto-{n}.jpg", "caption": sentence(n, 6), "date": "2026-09"} for n in range(PHOTO_COUNT)],
        }
    return data
