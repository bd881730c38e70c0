"""The investment matrix: cells as people type them, sheets as BKMs keep them, the merge into kawasan.yml,
and the workbook a plan publishes (which imports back unchanged)."""

from __future__ import annotations

import copy
import io
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from helpers.matrices import COLUMN, HEADER, PLAN_TEXT, PROJECT_IDS, ROWS, csv_text, row, write_xlsx
from helpers.plans import BASE, MINIMAL_PLAN, RICH
from helpers.sitebuild import REPO
from plpbk_plugin.plan.figures import YearCost
from plpbk_plugin.plan.matrix import cells
from plpbk_plugin.plan.matrix.columns import PLAN_COLUMNS, PROFILE_COLUMNS, SheetProject
from plpbk_plugin.plan.matrix.importing import Imported, aspect_names, import_tables
from plpbk_plugin.plan.matrix.merge import merge
from plpbk_plugin.plan.matrix.reading import read_matrix
from plpbk_plugin.plan.matrix.workbook import workbook_bytes
from plpbk_plugin.plan.model import Kawasan
from plpbk_plugin.plan.reading.loading import load_plan, parse_kawasan

real_localtime = time.localtime
PIPE = SheetProject(
    id="jaringan-pipa-air-minum", title="Jaringan pipa air minum", sector="lingkungan", aspect="air_minum", place="RW 01–RW 03",
    volume=3950, unit="m", kind="baru", executor="KSM Tirta Makmur",
    phases=(YearCost(2026, 325_000_000), YearCost(2027, 250_000_000)), money={"apbd_kota": 500_000_000, "swadaya": 75_000_000},
    counts={"people": 610, "women": 305, "households": 150, "poor_households": 61, "low_income": 120},
)


def imported(path: Path) -> Imported:
    return import_tables(read_matrix(path))


@pytest.mark.parametrize(("reader", "typed", "value"), [
    (cells.money, 1_500_000, 1_500_000), (cells.money, 1_500_000.0, 1_500_000), (cells.money, "1.500.000", 1_500_000),
    (cells.money, "Rp 1.500.000", 1_500_000), (cells.money, "Rp1.500.000,00", 1_500_000), (cells.money, "1.500.000,-", 1_500_000),
    (cells.money, "1,500,000", 1_500_000), (cells.money, "Rp. 750000", 750_000), (cells.money, "-", None), (cells.money, " ", None),
    (cells.decimal, "3,5", 3.5), (cells.decimal, "3.5", 3.5), (cells.decimal, "3.950", 3950), (cells.decimal, "1.500,75", 1500.75),
    (cells.decimal, 80, 80), (cells.decimal, 2.0, 2), (cells.count, "1.046", 1046),
    (cells.percent, "57%", 57), (cells.percent, "57,5 %", 57.5), (cells.percent, 40, 40), (cells.year, "2027", 2027),
    (cells.year, 2026.0, 2026), (cells.date, "2026-10", "2026-10"), (cells.sector, "l", "lingkungan"), (cells.sector, "Ekonomi", "ekonomi"),
    (cells.kind, "Rehabilitasi", "rehab"), (cells.kind, "BARU", "baru"),
])
def test_cells_read_values_as_people_type_them(reader: Any, typed: Any, value: Any) -> None:
    assert reader(typed) == value


def test_a_percentage_cell_holds_a_fraction() -> None:
    assert cells.percent(0.57, formatted=True) == 57 and cells.percent(1.0, formatted=True) == 100


@pytest.mark.parametrize(("reader", "typed", "says"), [
    (cells.money, "Rp 1.5OO.000", "Expected an amount in rupiah"), (cells.money, "1.500.000,50", "Expected whole rupiah"),
    (cells.money, -5, "Expected an amount in rupiah"), (cells.decimal, "80 m", "Write only the number here"),
    (cells.year, "20266", "Expected a year"), (cells.year, "2026/27", "Expected a year"), (cells.percent, "120%", "from 0 to 100"),
    (cells.sector, "X", "is not one of: L, S, E"), (cells.count, "3,5", "Expected a whole number"),
])
def test_cells_refuse_what_they_cannot_hold(reader: Any, typed: Any, says: str) -> None:
    with pytest.raises(cells.CellError) as error:
        reader(typed)
    assert says in error.value.message % error.value.values


def test_aspects_by_key_or_name_in_either_language() -> None:
    names = aspect_names()
    assert [cells.aspect(v, names) for v in ("air_minum", "Air Minum", "drinking water", "Air bersih", "jalan lingkungan")] == [
        "air_minum", "air_minum", "air_minum", "air_minum", "jalan"]
    with pytest.raises(cells.CellError) as error:
        cells.aspect("Air minim", names)
    assert error.value.suggestion == "Air minum"


def test_a_realistic_matrix_reads_into_projects(tmp_path: Path) -> None:
    # title rows with merged cells, a two-row header, column numbers, section headings, money as text, a project
    # in two yearly phases whose Kegiatan is merged over both rows, a total row, signatures, the profile sheet
    found = imported(write_xlsx(tmp_path / "matriks.xlsx"))
    assert found.problems == [] and found.warnings == []
    assert [p.id for p in found.projects] == PROJECT_IDS
    assert found.projects[0] == PIPE
    drainage, tank, training, business = found.projects[1:]
    assert (drainage.phases, drainage.money, drainage.kind, drainage.counts) == (
        (YearCost(2026, 135_000_000),), {"blm": 120_000_000, "swadaya": 15_000_000}, "rehab", {"households": 42})
    assert (tank.aspect, tank.volume, tank.unit, tank.money) == ("air_minum", 2, "unit", {"hibah": 60_000_000})  # "Air bersih"
    assert (training.sector, training.volume, training.unit, training.phases) == ("sosial", 3.5, "hari", (YearCost(2026, 12_500_000),))
    assert (business.sector, business.money, business.counts) == ("ekonomi", {"swasta": 75_000_000}, {"women": 25})
    assert found.indicators == [
        {"aspect": "air_minum", "criterion": "Kebutuhan air minum tidak terpenuhi", "amount": 31, "unit": "KK", "percent": 100,
         "target_percent": 0, "target_year": 2029},
        {"aspect": "bangunan", "criterion": "Ketidakteraturan bangunan", "amount": 16, "unit": "unit", "percent": 57,
         "target_percent": 20, "target_year": 2029},
        {"aspect": "drainase", "criterion": "Genangan lebih dari 30 cm", "amount": 1.2, "unit": "ha", "percent": 40,
         "target_percent": 5, "target_year": 2028},
    ]


@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "cp1252"), (";", "utf-8-sig"), (",", "utf-8")])
def test_the_same_matrix_as_csv_gives_the_same_projects(tmp_path: Path, delimiter: str, encoding: str) -> None:
    sheet = imported(write_xlsx(tmp_path / "matriks.xlsx"))
    path = tmp_path / "matriks.csv"
    path.write_bytes(csv_text(delimiter=delimiter).encode(encoding))  # CRLF line ends, as Excel on Windows writes them
    found = imported(path)
    assert found.problems == [] and found.warnings == []
    assert found.projects == sheet.projects and found.indicators is None


def test_a_total_that_disagrees_is_a_warning(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "matriks.xlsx", totals={"APBD Kab/Kota": 450_000_000, "Swadaya": 102_500_000})
    found = imported(path)
    assert found.problems == [] and len(found.projects) == 5
    assert [str(w) for w in found.warnings] == [
        f"{path}:Rencana Investasi!O16: APBD Kab/Kota: Baris jumlah menulis Rp450.000.000, padahal baris-baris di atasnya "
        "berjumlah Rp500.000.000."]


def test_a_broken_matrix_names_every_bad_cell(tmp_path: Path) -> None:
    rows = copy.deepcopy(ROWS)
    rows[0][COLUMN["APBD Kab/Kota"]] = "Rp 1.5OO.000"
    rows[1][COLUMN["Tahun"]] = "20266"
    rows[2][COLUMN["Jenis L/S/E"]] = "X"
    rows[3][COLUMN["Aspek"]] = "Air minim"
    rows[4][COLUMN["Volume"]] = "3,5 hari"
    rows[4][COLUMN["Swadaya"]] = "12.500.000,50"
    rows.append(row(Tahun=2027, **{"Jenis L/S/E": "S"}, Swadaya=1_000))  # no Kegiatan
    rows.append(row(Kegiatan="Kebun gizi", Tahun=2027, **{"KK miskin": 12}, KK=10))  # no Jenis; more poor households than households
    path = write_xlsx(tmp_path / "rusak.xlsx", rows, totals={}, profile=False)
    assert [str(p).removeprefix(f"{path}:") for p in imported(path).problems] == [
        "Rencana Investasi!O7: APBD Kab/Kota: Seharusnya jumlah rupiah seperti 1500000 atau Rp 1.500.000, tertulis “Rp 1.5OO.000”.",
        "Rencana Investasi!D8: Tahun: Seharusnya tahun seperti 2027, tertulis “20266”.",
        "Rencana Investasi!E9: Jenis L/S/E: “X” bukan salah satu dari: L, S, E.",
        "Rencana Investasi!F10: Aspek: “Air minim” bukan salah satu dari: Bangunan, Jalan lingkungan, Air minum, Drainase, Air limbah, "
        "Persampahan, Proteksi kebakaran, Ruang terbuka, Lainnya. Mungkin maksud Anda `Air minum`?",
        "Rencana Investasi!H11: Volume: Tulis angkanya saja di sini, tertulis “3,5 hari”; satuannya di kolomnya sendiri.",
        "Rencana Investasi!S11: Swadaya: Seharusnya rupiah utuh (tanpa sen), tertulis “12.500.000,50”.",
        "Rencana Investasi!C13: Kegiatan: Wajib diisi: sel ini kosong.",
        "Rencana Investasi!E14: Jenis L/S/E: Wajib diisi: tulis L, S, atau E.",
        "Rencana Investasi!Y14: KK miskin: Jumlah KK miskin (12) tidak boleh melebihi jumlah KK (10).",
    ]


def test_header_problems_name_their_cells(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Matriks kegiatan"])
    sheet.append(["Kegiatan", "Tahun", "APBD Kab/Kot", "Kelurahan", "No", "APBN", "APBN"])
    sheet.append(["Jalan", 2026, 5, "Uji", 1, 7, 8])
    path = tmp_path / "judul.xlsx"
    book.save(path)
    found = imported(path)
    assert [str(p).removeprefix(f"{path}:") for p in found.problems] == [
        "Sheet!C2: APBD Kab/Kot: Kolom tidak dikenal. Mungkin maksud Anda `APBD Kab/Kota`?",
        "Sheet!G2: APBN: Kolom ini muncul dua kali; yang pertama di F2.",
        "Sheet!A2: Jenis: Kolom ini wajib ada; tambahkan di baris judul kolom.",
    ]
    assert [str(p).removeprefix(f"{path}:") for p in found.warnings] == [
        "Sheet!D2: Kelurahan: Kolom ini tidak dibaca: plpbk tidak mengenalnya."]
    sheet.delete_rows(2)
    book.save(path)
    (problem,) = imported(path).problems
    assert "Kegiatan" in str(problem) and "baris dengan sel `Kegiatan`" in str(problem)


def test_files_it_cannot_read(tmp_path: Path) -> None:
    old = tmp_path / "matriks.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    (problem,) = imported(old).problems
    assert str(problem) == f"{old}: plpbk membaca berkas .xlsx dan .csv, bukan .xls. Simpan dari Excel sebagai .xlsx, atau sebagai CSV."
    fake = tmp_path / "matriks.xlsx"
    fake.write_text("bukan zip")
    (problem,) = imported(fake).problems
    assert "buku kerja Excel" in str(problem)


# --- into kawasan.yml ----------------------------------------------------------------------------



def merged(text: str, found: Imported, **options: Any) -> Any:
    kawasan, problems = parse_kawasan(text, Path("kawasan.yml"))
    assert kawasan is not None, problems
    return merge(text, kawasan, found, **options)


def test_the_sheet_wins_for_its_columns_and_the_rest_stays(tmp_path: Path) -> None:
    found = imported(write_xlsx(tmp_path / "matriks.xlsx"))
    result = merged(PLAN_TEXT, found)
    assert result.problems == [] and result.warnings == []
    assert result.added == PROJECT_IDS[1:] and result.kept == ["jalan-rw-03"]
    assert result.changed == {"jaringan-pipa-air-minum": [
        "Aspek", "Lokasi", "Baru/Rehab", "Pelaksana", "Volume", "Tahun", "Jumlah (Rp)", "APBD Kab/Kota", "CSR/Swasta", "Swadaya",
        "Jiwa", "Perempuan", "KK", "KK miskin", "MBR"]}
    text = result.text
    assert text.startswith("# Rencana Kampung Uji: komentar ini harus tetap ada.\n")
    for kept in ("  # Pipa air: sebagian dana APBD sudah pasti.\n", "        status: committed   # sudah pisti\n".replace("pisti", "pasti"),
                 "      Uraian yang ditulis warga; impor tidak menyentuhnya.\n", "    progress: 20\n", "    projects: [jaringan-pipa-air-minum]\n",
                 "location: {kelurahan: Uji, kecamatan: Uji, city: Kota Uji, province: Jawa Tengah}\n"):
        assert kept in text, kept
    data = yaml.safe_load(text)
    pipe = data["projects"][0]
    # APBD: the sheet plans 500.000.000, 300.000.000 of it is committed already → planned 200.000.000;
    # CSR/Swasta: the sheet has none → the planned CSR line goes; swadaya 75.000.000 is new and planned
    assert pipe["funding"] == [
        {"source": "apbd_kota", "amount": 300_000_000, "status": "committed", "partner": "Pemerintah Kota Uji"},
        {"source": "apbd_kota", "amount": 200_000_000, "status": "planned"},
        {"source": "swadaya", "amount": 75_000_000, "status": "planned"},
    ]
    assert (pipe["cost"], pipe["schedule"]) == (575_000_000, [{"year": 2026, "cost": 325_000_000}, {"year": 2027, "cost": 250_000_000}])
    assert (pipe["status"], pipe["summary"], pipe["volume"]) == ("in_progress", "Pipa untuk tiga RW.", {"amount": 3950, "unit": "m"})
    assert list(pipe) == ["id", "title", "summary", "description", "sector", "aspect", "kind", "volume", "place", "cost", "schedule",
                          "funding", "status", "progress", "start", "executor", "beneficiaries"]
    new = data["projects"][2]
    assert new == {"id": "drainase-rt-02", "title": "Drainase RT 02", "summary": "Drainase RT 02, 80 m, di RT 02/RW 03.",
                   "sector": "lingkungan", "aspect": "drainase", "kind": "rehab", "volume": {"amount": 80, "unit": "m"},
                   "place": "RT 02/RW 03", "cost": 135_000_000, "schedule": [{"year": 2026, "cost": 135_000_000}],
                   "funding": [{"source": "blm", "amount": 120_000_000, "status": "planned"},
                               {"source": "swadaya", "amount": 15_000_000, "status": "planned"}],
                   "status": "planned", "executor": "KSM Bangun Bersama", "beneficiaries": {"households": 42}}
    assert data["projects"][4]["summary"] == "Pelatihan pengelola air (KPP), 3,5 hari."
    assert [i["criterion"] for i in data["slum"]["indicators"]] == [
        "Kebutuhan air minum tidak terpenuhi", "Ketidakteraturan bangunan", "Genangan lebih dari 30 cm"]
    assert list(data)[:6] == ["name", "tagline", "summary", "location", "slum", "organization"]
    assert "\n\ncalls:\n" in text  # the blank line before the next section stays there
    again = merged(text, found)
    assert (again.text, again.added, again.changed) == (text, [], {})  # importing the same sheet again changes nothing


def test_money_already_recorded_counts_toward_the_sheet(tmp_path: Path) -> None:
    rows = [row(Id="jaringan-pipa-air-minum", Kegiatan="Jaringan pipa air minum", Tahun=2026, **{"Jenis L/S/E": "L"},
                **{"APBD Kab/Kota": 250_000_000})]
    result = merged(PLAN_TEXT, imported(write_xlsx(tmp_path / "m.xlsx", rows, totals={}, profile=False)))
    (warning,) = result.warnings
    assert "APBD Kab/Kota" in str(warning) and "Rp300.000.000" in str(warning) and "Rp250.000.000" in str(warning)
    funding = yaml.safe_load(result.text)["projects"][0]["funding"]
    assert funding == [{"source": "apbd_kota", "amount": 300_000_000, "status": "committed", "partner": "Pemerintah Kota Uji"}]


def test_prune_removes_what_the_sheet_no_longer_has(tmp_path: Path) -> None:
    found = imported(write_xlsx(tmp_path / "matriks.xlsx"))
    result = merged(PLAN_TEXT, found, prune=True)
    assert result.removed == ["jalan-rw-03"] and result.kept == []
    assert [p["id"] for p in yaml.safe_load(result.text)["projects"]] == PROJECT_IDS


def test_a_phase_without_a_year_is_refused_for_a_new_project(tmp_path: Path) -> None:
    rows = [row(Kegiatan="Kebun gizi", **{"Jenis L/S/E": "E"}, Swadaya=5_000_000)]
    path = write_xlsx(tmp_path / "m.xlsx", rows, totals={}, profile=False)
    result = merged(PLAN_TEXT, imported(path))
    assert [str(p) for p in result.problems] == [f"{path}:Rencana Investasi!D7: Tahun: Wajib diisi: tulis tahun tahapan ini."]


# --- the workbook a plan publishes -----------------------------------------------------------------


@pytest.mark.parametrize("slug", ["tambak-sari", "cigadung-hijau", "lorong-garam"])
def test_the_published_workbook_imports_back_unchanged(tmp_path: Path, slug: str) -> None:
    plan, errors, _warnings = load_plan(REPO / "plans" / slug)
    assert plan is not None, errors
    path = tmp_path / "rencana-investasi.xlsx"
    path.write_bytes(workbook_bytes(plan.kawasan))
    found = imported(path)
    assert found.problems == [] and found.warnings == []
    text = plan.source.read_text(encoding="utf-8")
    result = merge(text, plan.kawasan, found)
    assert result.text == text and result.changed == {} and result.added == [] and result.kept == []


@pytest.mark.parametrize("data", [MINIMAL_PLAN, BASE, RICH], ids=["minimal", "base", "rich"])
def test_any_plan_survives_the_round_trip(tmp_path: Path, data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    kawasan = Kawasan.model_validate(data)
    path = tmp_path / "rencana-investasi.xlsx"
    path.write_bytes(workbook_bytes(kawasan, lang="en"))
    result = merge(text, kawasan, imported(path))
    assert result.problems == [] and result.text == text


def test_the_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = workbook_bytes()
    monkeypatch.setattr(time, "localtime", lambda *seconds: real_localtime(2_000_000_000))  # another day (zip entries are dated)
    assert workbook_bytes() == data  # the same bytes every time: fixed dates inside
    monkeypatch.undo()
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Rencana Investasi", "Profil Kumuh", "Petunjuk"]
    plan, profile, guide = (book[name] for name in book.sheetnames)
    assert [c.value for c in plan[4]] == [c.header for c in PLAN_COLUMNS]
    assert [c.value for c in profile[4]] == [c.header for c in PROFILE_COLUMNS]
    assert plan.freeze_panes == "C5" and profile.freeze_panes == "C5"
    lists = {str(v.sqref)[0]: v.formula1 for v in plan.data_validations.dataValidation}
    assert lists == {"E": '"L,S,E"', "F": '"Bangunan,Jalan lingkungan,Air minum,Drainase,Air limbah,Persampahan,Proteksi kebakaran,'
                     'Ruang terbuka,Lainnya"', "J": '"Baru,Rehab"'}
    explained = {(r[0].value, r[1].value) for r in guide.iter_rows(min_row=2) if r[1].value}
    assert {("Rencana Investasi", c.header) for c in PLAN_COLUMNS} | {("Profil Kumuh", c.header) for c in PROFILE_COLUMNS} <= explained
    text = " ".join(str(c.value) for r in guide.iter_rows() for c in r if c.value)
    assert "Cara mengisi buku kerja ini" in text and "Jenis Tridaya: L (lingkungan), S (sosial), atau E (ekonomi)." in text
    path = tmp_path / "kosong.xlsx"
    path.write_bytes(data)
    found = imported(path)
    assert (found.problems, found.projects, found.indicators) == ([], [], [])


def test_the_header_row_of_the_template_matches_the_test_sheet() -> None:
    assert {c.header for c in PLAN_COLUMNS} - {"Id", "Ringkasan", "Biaya", "Jenis"} <= set(HEADER)


def test_new_keys_keep_the_comments_where_they_belong() -> None:
    from plpbk_plugin.plan.matrix import yaml_edit

    text = (
        "profile:\n  households: 10\n\n# --- Lembaga ---\norganization:\n  name: BKM\n"
        "projects:\n  - id: a\n    end: 2027   # tahun saja\n\n  - id: b\n    end: 2028   # juga tahun\n\n# --- Ajakan ---\ncalls: []\n"
    )
    yaml, doc = yaml_edit.load(text)
    yaml_edit.put(doc, "slum", yaml_edit.mapping([("area_ha", 3)]), ("profile", "slum", "organization"))
    yaml_edit.put(doc["projects"][1], "executor", "KSM", ("id", "end", "executor"))
    yaml_edit.append(doc["projects"], yaml_edit.mapping([("id", "c")]))
    assert yaml_edit.dump(yaml, doc) == (
        "profile:\n  households: 10\n\nslum:\n  area_ha: 3\n\n# --- Lembaga ---\norganization:\n  name: BKM\n"
        "projects:\n  - id: a\n    end: 2027   # tahun saja\n\n  - id: b\n    end: 2028   # juga tahun\n    executor: KSM\n\n"
        "  - id: c\n\n# --- Ajakan ---\ncalls: []\n"
    )
    yaml_edit.remove(doc["projects"], 2)
    yaml_edit.drop(doc["projects"][1], "executor")
    yaml_edit.drop(doc, "slum")
    assert yaml_edit.dump(yaml, doc) == text


def test_a_sheet_without_money_changes_no_cost(tmp_path: Path) -> None:
    # a list of activities with their places only: the costs and schedules of the plan stay
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Id", "Kegiatan", "Tahun", "Jenis", "Lokasi"])
    sheet.append(["jaringan-pipa-air-minum", "Jaringan pipa air minum", 2026, "L", "RW 01"])
    path = tmp_path / "lokasi.xlsx"
    book.save(path)
    result = merged(PLAN_TEXT, imported(path))
    assert result.problems == [] and result.changed == {"jaringan-pipa-air-minum": ["Lokasi"]}
    pipe = yaml.safe_load(result.text)["projects"][0]
    assert (pipe["place"], pipe["cost"], "schedule" in pipe) == ("RW 01", 500_000_000, False)
