"""Investment matrices as BKMs keep them, built in the tests: title rows with merged cells, a two-row
header, a row of column numbers, section headings, money typed as text (``Rp 300.000.000``),
decimals with a comma, a project in two yearly phases (its Kegiatan merged over both rows), a
total row and the signatures under it; beside it the slum profile. The same rows as a CSV file
written by Indonesian Excel (``;``, cp1252, CRLF).

The figures, worked out (what the pages, data.json and rencana.csv must show):

- ``jaringan-pipa-air-minum``: 2.500 m in 2026 (APBD Rp300.000.000 + swadaya Rp25.000.000) and
  1.450 m in 2027 (APBD Rp200.000.000 + swadaya Rp50.000.000): 3.950 m for Rp575.000.000, i.e.
  Rp145.570 per m (575.000.000 ÷ 3.950 = 145.569,6); planned APBD Rp500.000.000, swadaya Rp75.000.000.
- ``drainase-rt-02``: 80 m in 2026, BLM Rp120.000.000 + swadaya Rp15.000.000 = Rp135.000.000.
- ``tangki-air``: 2 unit in 2027, Hibah/DAK Rp60.000.000.
- ``pelatihan-kpp``: 3,5 hari in 2026, swadaya Rp12.500.000.
- ``modal-usaha-perempuan``: 2028, CSR/Swasta Rp75.000.000.
- Total Rp857.500.000 planned (APBD 500.000.000, BLM 120.000.000, Hibah 60.000.000, CSR 75.000.000,
  swadaya 102.500.000); 2026: Rp472.500.000, 2027: Rp310.000.000, 2028: Rp75.000.000.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

HEADER_TOP = ["No", "Id", "Kegiatan", "Tahun", "Jenis L/S/E", "Aspek", "Lokasi", "Volume", "Satuan", "Baru/Rehab",
              "Pelaksana", "Sumber dana (Rp)", *[None] * 8, "Jumlah (Rp)", "Penerima manfaat", *[None] * 4]
HEADER = ["No", "Id", "Kegiatan", "Tahun", "Jenis L/S/E", "Aspek", "Lokasi", "Volume", "Satuan", "Baru/Rehab", "Pelaksana",
          "APBN", "APBN K/L lain", "APBD Provinsi", "APBD Kab/Kota", "BLM/BDI", "Hibah/DAK", "CSR/Swasta", "Swadaya", "Lainnya",
          "Jumlah (Rp)", "Jiwa", "Perempuan", "KK", "KK miskin", "MBR"]
COLUMN = {name: index for index, name in enumerate(HEADER)}


def row(**values: Any) -> list[Any]:
    cells: list[Any] = [None] * len(HEADER)
    for name, value in values.items():
        cells[COLUMN[name.replace("_", " ")]] = value
    return cells


ROWS = [
    row(No=1, Id="jaringan-pipa-air-minum", Kegiatan="Jaringan pipa air minum", Tahun=2026, **{"Jenis L/S/E": "L"}, Aspek="Air minum",
        Lokasi="RW 01–RW 03", Volume="2.500", Satuan="m", **{"Baru/Rehab": "Baru"}, Pelaksana="KSM Tirta Makmur",
        **{"APBD Kab/Kota": "Rp 300.000.000"}, Swadaya="25.000.000", **{"Jumlah (Rp)": "Rp 325.000.000"},
        Jiwa=610, Perempuan=305, KK=150, **{"KK miskin": 61}, MBR=120),
    row(Id="jaringan-pipa-air-minum", Tahun=2027, Volume="1.450", Satuan="m", **{"APBD Kab/Kota": "Rp 200.000.000"},
        Swadaya="50.000.000", **{"Jumlah (Rp)": "Rp 250.000.000"}),
    row(No=2, Kegiatan="Drainase RT 02", Tahun=2026, **{"Jenis L/S/E": "L"}, Aspek="drainase", Lokasi="RT 02/RW 03", Volume=80,
        Satuan="m", **{"Baru/Rehab": "Rehab"}, Pelaksana="KSM Bangun Bersama", **{"BLM/BDI": 120_000_000}, Swadaya="Rp15.000.000,00",
        KK=42),
    row(No=3, Id="tangki-air", Kegiatan="Tangki air komunal", Tahun="2027", **{"Jenis L/S/E": "l"}, Aspek="Air bersih",
        Lokasi="RT 04", Volume=2, Satuan="unit", **{"Baru/Rehab": "baru", "Hibah/DAK": 60_000_000.0}),
    row(No=4, Id="pelatihan-kpp", Kegiatan="Pelatihan pengelola air (KPP)", Tahun=2026, **{"Jenis L/S/E": "S"},
        Volume="3,5", Satuan="hari", Swadaya="12.500.000,-"),
    row(No=5, Id="modal-usaha-perempuan", Kegiatan="Modal usaha kelompok perempuan", Tahun=2028, **{"Jenis L/S/E": "E"},
        **{"CSR/Swasta": "Rp 75.000.000"}, Perempuan=25),
]
SECTIONS = {0: "A. LINGKUNGAN", 4: "B. SOSIAL", 5: "C. EKONOMI"}  # a heading before the row at this index
TOTALS = {"APBD Kab/Kota": 500_000_000, "BLM/BDI": 120_000_000, "Hibah/DAK": 60_000_000, "CSR/Swasta": 75_000_000,
          "Swadaya": 102_500_000, "Jumlah (Rp)": 857_500_000}
PROFILE_HEADER = ["Aspek", "Kriteria", "Volume", "Satuan", "Persen", "Target persen", "Tahun target"]
PROFILE_ROWS = [
    ["Air minum", "Kebutuhan air minum tidak terpenuhi", 31, "KK", 1.0, 0, 2029],  # 100 % as a percentage cell
    ["Bangunan", "Ketidakteraturan bangunan", 16, "unit", "57%", 20, 2029],
    ["drainase", "Genangan lebih dari 30 cm", "1,2", "ha", 40, 5, "2028"],
]

# A plan that already has the pipe (APBD money committed, a planned CSR line) and a road, with comments to keep.
PLAN_TEXT = """\
# Rencana Kampung Uji: komentar ini harus tetap ada.
name: Kampung Uji
tagline: Kampung uji yang bersih dan berdaya.
summary: Rencana uji.
location: {kelurahan: Uji, kecamatan: Uji, city: Kota Uji, province: Jawa Tengah}
organization:
  name: BKM Uji
  contact:
    whatsapp: "0812 3456 7890"
transformation:
  idea: Warga merencanakan kampungnya sendiri.

projects:
  # Pipa air: sebagian dana APBD sudah pasti.
  - id: jaringan-pipa-air-minum
    title: Jaringan pipa air minum
    summary: Pipa untuk tiga RW.
    description: |
      Uraian yang ditulis warga; impor tidak menyentuhnya.
    sector: lingkungan
    cost: 500000000
    funding:
      - source: apbd_kota
        amount: 300000000
        status: committed   # sudah pasti
        partner: Pemerintah Kota Uji
      - source: csr
        amount: 40000000
        status: planned
        partner: PT Air Jernih
    status: in_progress
    progress: 20
    start: 2026-02

  - id: jalan-rw-03
    title: Jalan RW 03
    summary: Paving jalan lingkungan.
    sector: lingkungan
    cost: 1000
    status: planned

calls:
  - id: ajak-pipa
    title: Ajakan pipa
    description: Bantu.
    projects: [jaringan-pipa-air-minum]
"""

PROJECT_IDS = ["jaringan-pipa-air-minum", "drainase-rt-02", "tangki-air", "pelatihan-kpp", "modal-usaha-perempuan"]


def write_xlsx(path: Path, rows: list[list[Any]] | None = None, *, totals: dict[str, int] | None = None, profile: bool = True) -> Path:
    """The realistic matrix as an .xlsx workbook (``rows`` replaces the data rows, ``totals`` the total row)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Rencana Investasi"
    width = len(HEADER)
    sheet.cell(1, 1, "RENCANA INVESTASI 5 TAHUN KAWASAN KAMPUNG UJI (2026–2030)")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(2, 1, "Kelurahan Uji, Kecamatan Uji, Kota Uji — disepakati rembug warga 12 Januari 2026")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    for index, (top, bottom) in enumerate(zip(HEADER_TOP, HEADER), start=1):
        if top is not None:
            sheet.cell(4, index, top)
        if top == bottom:  # one header cell over both header rows
            sheet.merge_cells(start_row=4, start_column=index, end_row=5, end_column=index)
        else:
            sheet.cell(5, index, bottom)
    sheet.merge_cells(start_row=4, start_column=COLUMN["APBN"] + 1, end_row=4, end_column=COLUMN["Lainnya"] + 1)
    sheet.merge_cells(start_row=4, start_column=COLUMN["Jiwa"] + 1, end_row=4, end_column=COLUMN["MBR"] + 1)
    for index in range(width):
        sheet.cell(6, index + 1, f"({index + 1})")
    number = 7
    data = ROWS if rows is None else rows
    for index, cells in enumerate(data):
        if rows is None and index in SECTIONS:
            sheet.cell(number, 1, SECTIONS[index])
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=width)
            number += 1
        for column, value in enumerate(cells, start=1):
            if value is not None:
                sheet.cell(number, column, value)
        if rows is None and index == 0:  # the two phases of the pipe share their Kegiatan and Jenis cells
            for name in ("Kegiatan", "Jenis L/S/E", "Aspek", "Lokasi", "Pelaksana", "No"):
                sheet.merge_cells(start_row=number, start_column=COLUMN[name] + 1, end_row=number + 1, end_column=COLUMN[name] + 1)
        if rows is None and index == 0:
            sheet.cell(number, COLUMN["Jumlah (Rp)"] + 1).number_format = "#,##0"
        number += 1
    sheet.cell(number, 1, "JUMLAH")
    sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=COLUMN["Pelaksana"] + 1)
    for name, amount in (TOTALS if totals is None else totals).items():
        sheet.cell(number, COLUMN[name] + 1, amount)
    sheet.cell(number + 2, COLUMN["Kegiatan"] + 1, "Mengetahui,")
    sheet.cell(number + 3, COLUMN["Kegiatan"] + 1, "Koordinator BKM")
    sheet.cell(number + 3, COLUMN["Swadaya"] + 1, "Lurah Uji")
    if profile:
        kumuh = book.create_sheet("Profil kumuh")
        kumuh.cell(1, 1, "PROFIL KUMUH KAWASAN")
        kumuh.merge_cells("A1:G1")
        for index, name in enumerate(PROFILE_HEADER, start=1):
            kumuh.cell(3, index, name)
        for number, cells in enumerate(PROFILE_ROWS, start=4):
            for index, value in enumerate(cells, start=1):
                cell = kumuh.cell(number, index, value)
                if isinstance(value, float) and index == 5:
                    cell.number_format = "0%"
    book.save(path)
    return path


def csv_text(rows: list[list[Any]] | None = None, delimiter: str = ";") -> str:
    """The same matrix as Indonesian Excel saves it as CSV: one header row, a merged cell's text in its first row."""
    lines = [["RENCANA INVESTASI 5 TAHUN KAWASAN KAMPUNG UJI (2026–2030)"], [], HEADER]
    for index, cells in enumerate(ROWS if rows is None else rows):
        if rows is None and index in SECTIONS:
            lines.append([SECTIONS[index]])
        lines.append(list(cells))  # a merged cell's text is in its first row only, as Excel writes it
    lines.append(["JUMLAH", *[None] * (len(HEADER) - 1)])
    for name, amount in TOTALS.items():
        lines[-1][COLUMN[name]] = f"{amount:,}".replace(",", ".")
    return "\r\n".join(delimiter.join(_csv_cell(v, delimiter) for v in line) for line in lines) + "\r\n"


def _csv_cell(value: Any, delimiter: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return f'"{text}"' if delimiter in text or '"' in text else text
