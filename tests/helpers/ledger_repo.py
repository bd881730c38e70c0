"""A kawasan site in a throwaway Git repository with a known history (for the Riwayat tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers.gitrepo import GitRepo
from helpers.plans import plan

BASE: dict[str, Any] = {
    "name": "Kampung Nelayan Tambak Sari",
    "tagline": "Kampung nelayan yang aman dari rob.",
    "summary": "Rencana uji.",
    "location": {"kelurahan": "Tambak Lorok", "kecamatan": "Semarang Utara", "city": "Kota Semarang", "province": "Jawa Tengah"},
    "organization": {"name": "BKM Tambak Sari", "contact": {"whatsapp": "0812 3456 7890"}},
    "transformation": {"idea": "Warga merencanakan kampungnya sendiri."},
    "calls": [{"id": "air-dan-tanggul", "title": "Air dan tanggul", "description": "Mari bermitra.",
               "projects": ["tanggul-rob", "air-bersih"]}],
    "projects": [
        {
            "id": "tanggul-rob",
            "title": "Tanggul penahan rob",
            "summary": "Tanggul sepanjang pantai.",
            "sector": "lingkungan",
            "cost": 1_500_000_000,
            "status": "seeking_partners",
            "funding": [
                {"source": "swadaya", "amount": 92_500_000, "status": "received"},
                {"source": "apbd_kota", "amount": 900_000_000, "status": "committed", "partner": "Pemerintah Kota Semarang"},
                {"source": "csr", "amount": 300_000_000, "status": "pledged", "partner": "PT Samudra Energi"},
            ],
        },
        {
            "id": "air-bersih",
            "title": "Air bersih",
            "summary": "Sambungan air bersih untuk 120 KK.",
            "sector": "lingkungan",
            "cost": 1_000,
            "status": "seeking_partners",
        },
    ],
}
DATES = ("2026-03-02T09:00:00+07:00", "2026-06-15T14:00:00+07:00", "2026-09-30T20:00:00+07:00")
AUTHOR_EMAIL = "siti.aminah@example.org"


def ledger_repo(root: Path, *, other: str | None = None) -> GitRepo:
    """Three dated commits to ``plans/tambak-sari``: the plan; the pledge of PT Samudra Energi becomes a
    commitment; Air bersih starts (status) and its cost is revised. ``other`` adds a second kawasan in
    the first commit (a portal)."""
    repo = GitRepo(root)
    data = plan(BASE)
    repo.write_plan("tambak-sari", data)
    if other:
        repo.write_plan(other, plan(BASE, name="Kampung Lain", calls=[], projects=[{**BASE["projects"][1], "status": "planned"}]))
    repo.commit("Rencana pertama", DATES[0], email=AUTHOR_EMAIL)
    data["projects"][0]["funding"][2]["status"] = "committed"
    repo.write_plan("tambak-sari", data)
    repo.commit("Janji PT Samudra Energi menjadi komitmen", DATES[1], email=AUTHOR_EMAIL)
    data["projects"][1]["status"] = "in_progress"
    data["projects"][1]["cost"] = 1_250_000
    repo.write_plan("tambak-sari", data)
    repo.commit("Air bersih mulai dikerjakan", DATES[2], email=AUTHOR_EMAIL)
    return repo
