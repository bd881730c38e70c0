"""A synthetic worst case for print layouts: very long names and texts, many projects and calls."""

from __future__ import annotations

from pathlib import Path

import yaml

_WORDS = ("Penataan", "Kawasan", "Permukiman", "Nelayan", "Pesisir", "Berkelanjutan", "Bersama", "Warga",
          "Kelurahan", "Mandiri", "Tangguh", "Sejahtera")


def _long(words: int, start: int = 0) -> str:
    return " ".join(_WORDS[(start + i) % len(_WORDS)] for i in range(words))


def long_plan(n_projects: int = 30, n_calls: int = 12) -> dict:
    """A valid kawasan.yml with every text at a length editors could plausibly reach, and more."""
    projects = [
        {
            "id": f"proyek-{i:02d}",
            "title": f"{_long(14, i)} tahap {i}",
            "summary": _long(40, i) + ".",
            "sector": ("lingkungan", "sosial", "ekonomi")[i % 3],
            "cost": 987_654_321_000 + i * 1_000_003,
            "funding": [{"source": "swadaya", "amount": 12_345_678 * (i + 1), "status": "received", "partner": _long(10, i)}],
            "status": "seeking_partners",
            "needs": [_long(12, i), _long(9, i + 3)],
        }
        for i in range(n_projects)
    ]
    calls = [
        {
            "id": f"ajakan-{i:02d}",
            "title": f"{_long(24, i)} ajakan {i}",
            "description": "\n\n".join(_long(60, j) + "." for j in range(3)),
            "partner_types": ["swasta", "pemerintah", "perguruan_tinggi", "lsm", "donor"],
            "projects": [f"proyek-{i:02d}", f"proyek-{(i + 1) % n_projects:02d}"],
            "deadline": "2099-12-31",
        }
        for i in range(n_calls)
    ]
    return {
        "name": _long(40),
        "tagline": (_long(30))[:140].strip(),
        "summary": "\n\n".join(_long(80, j) + "." for j in range(4)),
        "location": {"kelurahan": _long(8), "kecamatan": _long(8, 2), "city": "Kota " + _long(6, 4), "province": _long(5, 6)},
        "profile": {"population": 123456, "households": 34567, "poor_households": 12345},
        "organization": {
            "name": "BKM " + _long(20, 1),
            "description": _long(50) + ".",
            "contact": {
                "whatsapp": "+62 812-3456-7890",
                "email": "sekretariat.badan.keswadayaan.masyarakat.penataan.kawasan@contoh-yang-panjang-sekali.example.org",
                "phone": "021-1234-5678",
                "address": _long(30, 5),
            },
            "people": [{"name": _long(4, i), "role": _long(6, i)} for i in range(8)],
        },
        "transformation": {
            "idea": "\n\n".join(_long(90, j) + "." for j in range(6)),
            "vision": _long(40) + ".",
            "from": [_long(15, i) for i in range(6)],
            "to": [_long(15, i + 1) for i in range(6)],
        },
        "projects": projects,
        "calls": calls,
        "partners": [{"name": _long(8, i), "type": "swasta", "contribution": _long(25, i)} for i in range(6)],
        "policy": [{"title": _long(16, i), "description": _long(50, i), "target": _long(6, i), "status": "proposed"} for i in range(4)],
    }


def write_long_plan(plans_dir: Path, slug: str = "kawasan-dengan-nama-yang-sangat-panjang", **options: int) -> Path:
    folder = plans_dir / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kawasan.yml").write_text(yaml.safe_dump(long_plan(**options), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder
