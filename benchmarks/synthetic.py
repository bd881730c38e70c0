"""Synthetic big sites: a kawasan with thousands of projects, a portal of hundreds of kawasan."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from PIL import Image

SECTORS = ("lingkungan", "sosial", "ekonomi")
STATUSES = ("planned", "seeking_partners", "funded", "in_progress", "completed")
SOURCES = ("swadaya", "blm", "apbd_kota", "csr", "donor")


def big_kawasan(projects: int, *, name: str = "Kampung Besar", seed: int = 0) -> dict[str, Any]:
    """A valid plan with ``projects`` projects (funding, updates, needs, locations), calls naming them."""
    items = []
    for i in range(projects):
        status = STATUSES[(i + seed) % len(STATUSES)]
        cost = 5_000_000 + 137_000 * ((i * 7919 + seed) % 997)
        funding = [{"source": "swadaya", "amount": cost // 10}]
        if status in ("funded", "in_progress", "completed"):
            funding.append({"source": SOURCES[i % len(SOURCES)], "amount": cost - cost // 10, "status": "received"})
        elif status == "seeking_partners":
            funding.append({"source": "csr", "amount": cost // 5, "status": "pledged", "partner": f"PT Mitra {i % 40}"})
        project: dict[str, Any] = {
            "id": f"proyek-{i:05d}",
            "title": f"Proyek {i}: penataan gang dan saluran RT {i % 20 + 1:02d}",
            "summary": "Warga menata lingkungannya bersama BKM dan mitra.",
            "description": f"Uraian **proyek {i}** dengan [tautan](https://contoh.example/{i}).\n\n- butir satu\n- butir dua",
            "sector": SECTORS[i % 3],
            "cost": cost,
            "status": status,
            "funding": funding,
            "start": f"20{25 + i % 3}-0{1 + i % 9}",
            "updates": [{"date": "2026-05-01", "text": "Musyawarah warga."}],
            "needs": ["Tenaga ahli", "Bahan bangunan"],
            "location": {"lat": round(-6.95 + (i % 100) / 10_000, 6), "lon": round(110.43 + (i // 100) / 10_000, 6)},
        }
        if status == "completed":
            project["progress"] = 100
        items.append(project)
    seeking = [p["id"] for p in items if p["status"] == "seeking_partners"]
    calls = [
        {
            "id": f"ajakan-{c}",
            "title": f"Ajakan kemitraan {c + 1}",
            "description": "Kami mencari mitra untuk proyek berikut.",
            "partner_types": ["swasta", "pemerintah"],
            "projects": seeking[c::10],
        }
        for c in range(min(10, len(seeking)))
    ]
    return {
        "name": name,
        "tagline": f"{name}: rencana warga untuk kampung yang layak huni.",
        "summary": "Rencana penataan lingkungan permukiman berbasis komunitas.",
        "location": {
            "kelurahan": "Tambaksari",
            "kecamatan": "Gayamsari",
            "city": "Kota Semarang",
            "province": "Jawa Tengah",
            "coordinates": {"lat": -6.95, "lon": 110.43},
        },
        "profile": {"population": 20_000, "households": 5_000, "poor_households": 1_200},
        "organization": {"name": f"BKM {name}", "contact": {"whatsapp": "0812 3456 7890", "email": "bkm@contoh.id"}},
        "transformation": {"idea": "Dari warga yang menunggu menjadi warga yang **merencanakan**."},
        "projects": items,
        "calls": calls,
        "partners": [{"name": "PT Mitra 1", "type": "swasta", "url": "https://contoh.example"}],
        "policy": [{"title": "Perwali penataan kampung", "status": "proposed"}],
    }


def write_site(root: Path, plans: dict[str, dict[str, Any]], *, photo: Path | None = None, news: bool = False) -> Path:
    """``root/mkdocs.yml`` and ``root/plans/<slug>/`` for each plan (a hero photo copied when given)."""
    for slug, data in plans.items():
        folder = root / "plans" / slug
        folder.mkdir(parents=True)
        if photo is not None:
            (folder / "photos").mkdir()
            shutil.copy(photo, folder / "photos" / "hero.jpg")
            data = {**data, "photos": {"hero": "photos/hero.jpg"}}
        if news:
            (folder / "news").mkdir()
            (folder / "news" / "2026-11-02-kabar.md").write_text(
                "---\ntitle: Kerja bakti\ndate: 2026-11-02\n---\nWarga bergotong royong.\n", encoding="utf-8"
            )
        (folder / "kawasan.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = {
        "site_name": "Uji Besar",
        "site_url": "https://contoh.github.io/besar/",
        "theme": {"name": "material", "language": "id", "font": False},
        "plugins": [{"plpbk": {"cache_dir": ".cache/plpbk"}}],
        "markdown_extensions": ["admonition", "attr_list"],
    }
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root


def one_big_kawasan(root: Path, projects: int = 1500) -> Path:
    return write_site(root, {"kampung-besar": big_kawasan(projects)})


def big_portal(root: Path, kawasan: int = 500, projects: int = 6, photos: bool = True) -> Path:
    photo = None
    if photos:
        photo = root / "hero.jpg"
        root.mkdir(parents=True, exist_ok=True)
        Image.linear_gradient("L").convert("RGB").resize((1200, 800)).save(photo, quality=85)
    plans = {f"kawasan-{i:04d}": big_kawasan(projects, name=f"Kampung {i}", seed=i) for i in range(kawasan)}
    return write_site(root, plans, photo=photo, news=True)
