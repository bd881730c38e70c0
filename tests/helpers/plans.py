"""Plans for tests: one builder, :func:`plan`, over a few bases (the minimal plan, a rich one full of
characters that must be escaped, a base for open data, a young plan of Lorong Garam)."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PIL import Image

from .sitebuild import write_photo, write_plan

MINIMAL_PLAN: dict[str, Any] = {
    "name": "Kampung Uji",
    "tagline": "Kampung uji yang bersih dan berdaya.",
    "summary": "Rencana uji.",
    "location": {"kelurahan": "Uji", "kecamatan": "Uji", "city": "Kota Uji", "province": "Jawa Tengah"},
    "organization": {"name": "BKM Uji", "contact": {"whatsapp": "0812 3456 7890"}},
    "transformation": {"idea": "Warga merencanakan kampungnya sendiri."},
    "projects": [
        {
            "id": "jalan-rw-03",
            "title": "Jalan RW 03",
            "summary": "Paving jalan lingkungan.",
            "sector": "lingkungan",
            "cost": 1000,
            "status": "planned",
        }
    ],
    "photos": {"hero": "photos/hero.jpg"},
}


DROP = object()
"""An override that removes the field: ``plan(photos=DROP)``."""


def plan(base: Mapping[str, Any] = MINIMAL_PLAN, /, **overrides: Any) -> dict[str, Any]:
    """A fresh copy of ``base`` (the minimal valid plan) with ``overrides``, to mutate at will.

    A keyword replaces a field (``plan(name="Kampung Lain", calls=[])``); a path to a nested field
    joins its parts, keys or list indices, with ``__`` (``plan(location__city="Kota Uji",
    projects__0__cost=0)``); :data:`DROP` removes the field (``plan(photos=DROP)``).
    """
    data = copy.deepcopy(dict(base))
    for path, value in overrides.items():
        *parents, last = [int(part) if part.isdigit() else part for part in path.split("__")]
        node: Any = data
        for part in parents:
            node = node[part]
        if value is DROP:
            del node[last]
        else:
            node[last] = copy.deepcopy(value)
    return data


def write_jpeg(path: Path, size: tuple[int, int] = (16, 16)) -> Path:
    """A tiny valid JPEG."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (40, 120, 90)).save(path, "JPEG")
    return path

BASE: dict[str, Any] = {
    "name": "Kampung <Uji> & Co",
    "tagline": "Tagline uji.",
    "summary": "Ringkasan.",
    "location": {
        "kelurahan": "Uji",
        "kecamatan": "Uji",
        "city": "Kota Uji",
        "province": "Jawa Tengah",
        "coordinates": {"lat": -6.95, "lon": 110.43},
    },
    "organization": {"name": "BKM Uji", "contact": {"whatsapp": "0812 3456 7890"}},
    "transformation": {"idea": "Gagasan.", "from": ["Banjir"], "to": ["Kering"]},
    "projects": [
        {
            "id": "jalan",
            "title": "Jalan RW 03",
            "summary": "Paving.",
            "sector": "lingkungan",
            "aspect": "jalan",
            "cost": 1_000_000,
            "status": "in_progress",
            "progress": 40,
            "start": "2026-03",
            "end": "2027",
            "location": {"lat": -6.951234567, "lon": 110.431234567},
            "funding": [
                {"source": "swadaya", "amount": 100_000, "status": "received"},
                {"source": "blm", "amount": 300_000},
                {"source": "csr", "amount": 200_000, "status": "pledged", "partner": "PT Uji"},
            ],
        },
        {
            "id": "formula",
            "title": "=HYPERLINK(\"http://evil\",\"klik\")",
            "summary": "Lebih dana.",
            "sector": "sosial",
            "cost": 500_000,
            "status": "funded",
            "funding": [{"source": "apbd_kota", "amount": 700_000}],
        },
        {"id": "plus", "title": "+62 nomor", "summary": "Nol.", "sector": "ekonomi", "cost": 0, "status": "planned"},
        {"id": "minus", "title": "-1 atau @warga", "summary": "S.", "sector": "ekonomi", "cost": 250_000, "status": "planned"},
        {"id": "at", "title": "@SUM(A1)", "summary": "S.", "sector": "ekonomi", "cost": 10, "status": "completed",
         "funding": [{"source": "swadaya", "amount": 10}]},
    ],
    "calls": [
        {"id": "ajak-jalan", "title": "Ajakan jalan", "description": "Bantu.", "projects": ["jalan", "minus"]},
        {"id": "ajak-tetap", "title": "Ajakan tetap", "description": "Bantu.", "amount_sought": 50, "deadline": "2027-01-31"},
    ],
}


RICH_NAME = 'Kampung "Nelayan" & <Tambak>'


RICH: dict[str, Any] = {
    "name": RICH_NAME,
    "tagline": "Dari rob menuju <script>alert('tag')</script> kemandirian",
    "summary": "Ringkasan dengan [tautan jahat](javascript:alert(1)) dan <script>alert('md')</script> **tebal**.",
    "location": {
        "kelurahan": "Tambaksari",
        "kecamatan": "Gayamsari",
        "city": "Kota Semarang",
        "province": "Jawa Tengah",
        "coordinates": {"lat": -6.95, "lon": 110.43},
    },
    "profile": {"population": 3000, "households": 1000, "poor_households": 300},
    "organization": {
        "name": "BKM Sari Bahari",
        "description": "Relawan <img src=x onerror=alert(1)> warga.",
        "contact": {"whatsapp": "0812-3456-7890", "email": "bkm@contoh.id", "phone": "024 7654321"},
        "people": [{"name": "Siti Aminah", "role": "Koordinator"}],
    },
    "transformation": {"idea": "Dari warga yang menunggu menjadi warga yang **berdaya**.", "from": ["Rob"], "to": ["Kering"]},
    "marketing_mix": {"product": "Rencana", "policy": "Perda rob"},
    "projects": [
        {
            "id": "jalan-rw03",
            "title": "Peninggian jalan RW 03",
            "summary": "Jalan setinggi 60 cm agar gang tidak terendam.",
            "sector": "lingkungan",
            "aspect": "jalan",
            "cost": 1_000_000,
            "status": "seeking_partners",
            "funding": [
                {"source": "swadaya", "amount": 200_000},
                {"source": "csr", "amount": 300_000, "status": "pledged", "partner": "PT Laut"},
                {"source": "blm", "amount": 100_000, "status": "received"},
            ],
            "progress": 10,
            "start": "2026-05",
            "end": "2027",
            "needs": ["Tenaga ahli jalan"],
            "updates": [{"date": "2026-06-01", "text": "Survei"}, {"date": "2026-09-01", "text": "Tender"}],
        },
        {
            "id": "kerja-bakti",
            "title": "Kerja bakti bulanan",
            "summary": "Tenaga warga, tanpa biaya.",
            "sector": "sosial",
            "cost": 0,
            "status": "in_progress",
        },
        {
            "id": "olahan-ikan",
            "title": "Rumah produksi olahan ikan",
            "summary": "Dana lebih dari biaya.",
            "sector": "ekonomi",
            "cost": 500_000,
            "status": "funded",
            "funding": [{"source": "apbd_kota", "amount": 650_000}],
        },
    ],
    "calls": [
        {
            "id": "mitra-jalan",
            "title": "Mitra jalan & drainase",
            "description": "Kami mencari mitra.",
            "partner_types": ["swasta", "pemerintah"],
            "projects": ["jalan-rw03", "olahan-ikan"],
            "deadline": "2099-12-31",
            "contact": {"whatsapp": "+62 811 222 333", "email": "jalan@contoh.id"},
        },
        {"id": "relawan", "title": "Relawan", "description": "Ajak kampus.", "amount_sought": 12_345},
    ],
    "partners": [{"name": "PT Laut", "type": "swasta", "url": "https://laut.example.org", "logo": "logos/laut.png", "contribution": "Bibit mangrove"}],
    "policy": [{"title": "Perda rob", "status": "in_discussion", "target": "Pemerintah Kota"}],
    "documents": [{"title": "RPLP 2025", "file": "documents/rplp.pdf", "kind": "rplp", "year": 2025}],
    "photos": {"hero": "photos/hero.jpg", "gallery": [{"file": "photos/hero.jpg", "caption": "Gang saat rob"}]},
}
"""Edge cases: markup in plain and Markdown fields, zero-cost, over-funded, pledged money."""


LORONG_GARAM: dict[str, Any] = {
    "name": "Lorong Garam",
    "tagline": "Kampung kecil di Makassar",
    "summary": "Rencana muda.",
    "location": {"kelurahan": "A", "kecamatan": "B", "city": "Kota Makassar", "province": "Sulawesi Selatan"},
    "organization": {"name": "BKM Garam", "contact": {"email": "garam@contoh.id"}},
    "transformation": {"idea": "Bersama."},
    "projects": [
        {"id": f"p{i}", "title": f"Proyek {i}", "summary": "Satu kalimat.", "sector": "lingkungan", "cost": 1000 * i, "status": "planned"}
        for i in (1, 2)
    ],
}
"""A young plan without photos: two projects."""


def make_rich(plans: Path) -> None:
    folder = write_plan(
        plans,
        "tambak-sari",
        plan(RICH),
        news={
            "2026-01-05-awal.md": "---\ntitle: Awal\ndate: 2026-01-05\n---\nPertama.\n",
            "2026-11-02-gotong-royong.md": "---\ntitle: Gotong royong\ndate: 2026-11-02\nsummary: Warga menanam mangrove.\n---\nIsi kabar.\n",
        },
    )
    write_photo(folder / "photos" / "hero.jpg", (1600, 1000))
    write_photo(folder / "logos" / "laut.png", (300, 150), (0, 0, 0, 0), mode="RGBA")
    (folder / "documents").mkdir()
    (folder / "documents" / "rplp.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
