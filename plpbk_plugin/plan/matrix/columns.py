"""The investment matrix as a spreadsheet: its sheets and columns, and a project as the sheet shows it.

A real RTPLP keeps its *Rencana Investasi 5 Tahun* in a spreadsheet: one row per activity and
year with its Tridaya type, slum aspect, place, volume, new or rehabilitation, executor, the
planned amount from each source and the beneficiaries; beside it the slum profile. These are
the columns ``plpbk import`` reads, ``plpbk template`` writes and each kawasan publishes as
``rencana-investasi.xlsx``. Headers match without regard to case and spaces, and a few names
real matrices use are accepted too (``APBN PUPR``, ``Non-Pemerintah``, ``Jumlah``).

A :class:`SheetProject` is what the sheet says of one project. :func:`sheet_project` gives the
same for a project of the plan, so an import can tell which fields the sheet really changes and
the published sheet says exactly what the plan holds. The sheet's money per source counts every
funding line of that source (planned, pledged, committed or received): it is the plan's mix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ...i18n import N_, translator
from ..figures import YearCost, phases
from ..model import Project
from ..problems import display

SHEET_PLAN = "Rencana Investasi"
SHEET_PROFILE = "Profil Kumuh"
SHEET_HELP = "Petunjuk"
MAX_ROWS = 5000
"""Rows a sheet may hold (a real matrix has tens; a sheet formatted to its last row has a million)."""


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its key, its header in the template, how its cells read, its meaning."""

    key: str
    header: str
    kind: str  # text, slug, year, date, sector, aspect, kind, decimal, money, count, percent
    help: str  # an English message id, translated on the Petunjuk sheet
    example: str = ""
    aliases: tuple[str, ...] = ()
    required: bool = False
    width: int = 13


PLAN_COLUMNS = (
    Column("id", "Id", "slug", N_("The project's id on the site (lowercase letters, digits, hyphens). Rows with the same id are the yearly phases of one project. Empty: made from Kegiatan."), "pipa-air-rw01", ("Kode kegiatan",), width=20),
    Column("title", "Kegiatan", "text", N_("The activity, as it should read on the site."), "Jaringan pipa air minum", ("Nama kegiatan", "Uraian kegiatan"), True, 34),
    Column("summary", "Ringkasan", "text", N_("One sentence for visitors. Empty: a sentence made from the activity, its volume and place."), "", width=40),
    Column("year", "Tahun", "year", N_("The year of this phase."), "2026", ("Tahun pelaksanaan", "Tahun anggaran"), True, 8),
    Column("sector", "Jenis", "sector", N_("Tridaya type: L (environment), S (social) or E (economic)."), "L", ("Jenis L/S/E", "L/S/E", "Tridaya"), True, 7),
    Column("aspect", "Aspek", "aspect", N_("The slum aspect, from the drop-down list (for environment activities)."), "Air minum", ("Aspek kumuh",), width=18),
    Column("place", "Lokasi", "text", N_("Where in the kawasan: RT/RW, dusun, street."), "RT 02/RW 03", ("Lokasi RT/RW", "Lokasi (RT/RW)", "Letak"), width=18),
    Column("volume", "Volume", "decimal", N_("How much, as a number (decimals with a comma: 3,5). Phases of one project add up."), "3.950", width=10),
    Column("unit", "Satuan", "text", N_("The unit of the volume: m, m2, unit, SR, KK."), "m", width=8),
    Column("kind", "Baru/Rehab", "kind", N_("Baru (new) or Rehab (rehabilitation or upgrade)."), "Baru", ("Baru / Rehab",), width=11),
    Column("executor", "Pelaksana", "text", N_("Who carries it out: KSM, Pokja, contractor."), "KSM Tirta Makmur", ("KSM", "Pelaksana (KSM)"), width=18),
    Column("apbn", "APBN", "money", N_("Planned from the national budget (APBN), in rupiah."), "", ("APBN PUPR",)),
    Column("apbn_kl", "APBN K/L lain", "money", N_("Planned from other ministries' national budget, in rupiah."), "", ("APBN K/L", "APBN KL lain")),
    Column("apbd_provinsi", "APBD Provinsi", "money", N_("Planned from the provincial budget, in rupiah."), "", ("APBD Prov",)),
    Column("apbd_kota", "APBD Kab/Kota", "money", N_("Planned from the city or regency budget, in rupiah."), "350.000.000", ("APBD Kab/Kota/BUMD", "APBD Kota", "APBD Kabupaten")),
    Column("blm", "BLM/BDI", "money", N_("Planned from the programme grant (BLM/BDI), in rupiah."), "", ("BLM", "BDI")),
    Column("hibah", "Hibah/DAK", "money", N_("Planned from grants or special allocations (Hibah/DAK) and donors, in rupiah."), "", ("Hibah", "DAK")),
    Column("swasta", "CSR/Swasta", "money", N_("Planned from companies (CSR) and other private parties, in rupiah."), "", ("CSR", "Swasta", "Non-Pemerintah", "Non Pemerintah")),
    Column("swadaya", "Swadaya", "money", N_("Planned from the community itself (swadaya), in rupiah."), "25.000.000", ("Masyarakat", "Swadaya masyarakat")),
    Column("other", "Lainnya", "money", N_("Planned from other sources, in rupiah."), "", ("Lain-lain",)),
    Column("cost", "Biaya", "money", N_("The cost of this phase. Empty: the sum of the sources."), "375.000.000", ("Jumlah", "Total", "Jumlah biaya", "Total biaya", "Biaya total", "Jumlah dana"), width=15),
    Column("people", "Jiwa", "count", N_("Beneficiaries: people."), "610", width=8),
    Column("women", "Perempuan", "count", N_("Beneficiaries: women."), "305", ("Jiwa perempuan",), width=10),
    Column("households", "KK", "count", N_("Beneficiaries: households."), "150", width=8),
    Column("poor_households", "KK miskin", "count", N_("Beneficiaries: poor households."), "61", width=9),
    Column("low_income", "MBR", "count", N_("Beneficiaries: low-income people (MBR)."), "120", width=8),
)
PROFILE_COLUMNS = (
    Column("aspect", "Aspek", "aspect", N_("The slum aspect, from the drop-down list."), "Air minum", ("Aspek kumuh",), True, 18),
    Column("criterion", "Kriteria", "text", N_("The criterion, as the slum profile words it."), "Kebutuhan air minum tidak terpenuhi", ("Kriteria kumuh", "Indikator"), True, 40),
    Column("amount", "Volume", "decimal", N_("How much is affected today, as a number."), "31", required=True, width=10),
    Column("unit", "Satuan", "text", N_("The unit of the volume: KK, unit, m, ha."), "KK", required=True, width=8),
    Column("percent", "Persen", "percent", N_("The share affected today, 0–100."), "100", ("Persen awal", "Persentase"), True, 9),
    Column("target_percent", "Target persen", "percent", N_("The share still affected in the target year, 0–100."), "0", ("Target",), True, 9),
    Column("target_year", "Tahun target", "year", N_("The year the target is to be reached."), "2029", required=True, width=9),
    Column("now_percent", "Persen terkini", "percent", N_("The latest measure, 0–100 (may be empty)."), "45", ("Persen sekarang",), width=9),
    Column("measured", "Tanggal ukur", "date", N_("When the latest measure was taken: 2026-10 or 2026-10-31."), "2026-10", ("Tanggal pengukuran",), width=12),
)
IGNORED = ("No", "No.", "Nomor", "Kode", "Skala", "Sub-komponen", "Komponen", "Jumlah kegiatan", "Keterangan", "Catatan")
"""Headers real matrices carry that the plan does not keep: read past without a word."""

SOURCE_COLUMNS = tuple(column.key for column in PLAN_COLUMNS if column.kind == "money" and column.key != "cost")
"""The money columns; each names the source its planned funding lines get."""
COVERS = {key: (key,) for key in SOURCE_COLUMNS} | {"hibah": ("hibah", "donor"), "swasta": ("swasta", "csr")}
"""The sources each money column counts: donors' grants with Hibah/DAK, CSR with CSR/Swasta."""
COLUMN_OF = {source: column for column, sources in COVERS.items() for source in sources}
COUNTS = ("people", "women", "households", "poor_households", "low_income")


def header_key(text: str) -> str:
    """A header as matched: case, spaces and a trailing ``(Rp)`` ignored."""
    return re.sub(r"\(rp\)$|\(rupiah\)$", "", re.sub(r"\s+", "", text.lower()))


def headers(columns: tuple[Column, ...]) -> dict[str, Column]:
    """Every accepted header (matched form) → its column."""
    found = {header_key(alias): column for column in columns for alias in column.aliases}
    found.update({header_key(column.header): column for column in columns})
    return found


@dataclass(frozen=True)
class SheetProject:
    """One project as the investment matrix says it."""

    id: str
    title: str
    sector: str
    summary: str | None = None
    aspect: str | None = None
    place: str | None = None
    volume: int | float | None = None
    unit: str | None = None
    kind: str | None = None
    executor: str | None = None
    phases: tuple[YearCost, ...] = ()
    money: Mapping[str, int] = field(default_factory=dict)  # money column → amount; no zeros
    counts: Mapping[str, int] = field(default_factory=dict)  # people, women, households… → number; no empty ones


def sheet_project(project: Project) -> SheetProject:
    """A project of the plan as the sheet shows it: its phases, its money per column (every status)."""
    money: dict[str, int] = {}
    for line in project.funding:
        if line.amount:
            column = COLUMN_OF[line.source]
            money[column] = money.get(column, 0) + line.amount
    counts = project.beneficiaries.model_dump(exclude_none=True) if project.beneficiaries else {}
    return SheetProject(
        id=project.id,
        title=project.title,
        sector=project.sector,
        summary=project.summary,
        aspect=project.aspect,
        place=project.place,
        volume=project.volume.amount if project.volume else None,
        unit=project.volume.unit if project.volume else None,
        kind=project.kind,
        executor=project.executor,
        phases=phases(project),
        money={column: money[column] for column in SOURCE_COLUMNS if column in money},
        counts={name: counts[name] for name in COUNTS if name in counts},
    )


@dataclass(frozen=True)
class SheetProblem:
    """A problem in a spreadsheet: file, sheet and cell (a CSV: its line), column and message."""

    file: Path
    sheet: str | None
    where: str
    column: str
    message: str
    suggestion: str | None = None
    lang: str = "id"

    def __str__(self) -> str:
        place = display(self.file)
        if self.sheet:
            place += f":{self.sheet}" + (f"!{self.where}" if self.where else "")
        elif self.where:
            place += f":{self.where}"
        text = self.message
        if self.suggestion:
            text += " " + translator(self.lang).gettext("Did you mean `%(suggestion)s`?") % {"suggestion": self.suggestion}
        return f"{place}: {self.column}: {text}" if self.column else f"{place}: {text}"
