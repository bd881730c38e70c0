"""``plpbk import`` and ``plpbk template``: a BKM's spreadsheet into its plan, or nothing written at all."""

from __future__ import annotations

import copy
from pathlib import Path

import openpyxl
import pytest
import yaml

from helpers.matrices import COLUMN, PLAN_TEXT, PROJECT_IDS, ROWS, row, write_xlsx
from plpbk_plugin.cli import main
from plpbk_plugin.plan.reading.loading import load_plans


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def site(make_plan) -> Path:
    """A site whose plan kampung-uji already has the pipe and a road, with comments."""
    return make_plan(text=PLAN_TEXT, slug="kampung-uji").parent.parent


def test_import_writes_the_plan_and_says_what_changed(site: Path, tmp_path: Path, capsys) -> None:
    matrix = write_xlsx(tmp_path / "matriks.xlsx")
    code, out, err = run(capsys, "import", matrix, "--kawasan", "kampung-uji", "--site", site)
    assert (code, err) == (0, "")
    plan = site / "plans" / "kampung-uji" / "kawasan.yml"
    assert out.splitlines() == [
        "Ditambahkan 4 kegiatan: drainase-rt-02, tangki-air, pelatihan-kpp, modal-usaha-perempuan.",
        "Diubah 1 kegiatan: jaringan-pipa-air-minum (Aspek, Lokasi, Baru/Rehab, Pelaksana, Volume, Tahun, Jumlah (Rp), "
        "APBD Kab/Kota, CSR/Swasta, Swadaya, Jiwa, Perempuan, KK, KK miskin, MBR).",
        "Dibiarkan, tidak ada di lembar kerja (--prune menghapusnya): jalan-rw-03.",
        "Profil kumuh: 3 kriteria ditambahkan, 0 diubah, 0 dihapus.",
        f"{plan} sudah ditulis; periksa dengan plpbk validate dan mkdocs serve.",
    ]
    result = load_plans(site / "plans")
    assert result.problems == ()
    (kawasan,) = [p.kawasan for p in result.plans]
    assert [p.id for p in kawasan.projects] == ["jaringan-pipa-air-minum", "jalan-rw-03", *PROJECT_IDS[1:]]
    assert "  # Pipa air: sebagian dana APBD sudah pasti.\n" in plan.read_text(encoding="utf-8")
    code, out, _err = run(capsys, "import", matrix, "--kawasan", "kampung-uji", "--site", site)
    assert code == 0 and out.splitlines()[-1] == f"Tidak ada yang berubah: {plan} tetap seperti semula."


def test_dry_run_writes_nothing(site: Path, tmp_path: Path, capsys) -> None:
    plan = site / "plans" / "kampung-uji" / "kawasan.yml"
    before = plan.read_bytes()
    code, out, _err = run(capsys, "import", write_xlsx(tmp_path / "m.xlsx"), "--site", site, "--dry-run")  # the only kawasan
    assert code == 0 and out.splitlines()[0].startswith("Ditambahkan 4 kegiatan") and out.endswith("--dry-run: tidak ada yang ditulis.\n")
    assert plan.read_bytes() == before


def test_a_broken_matrix_names_every_bad_cell_and_leaves_the_plan(site: Path, tmp_path: Path, capsys) -> None:
    rows = copy.deepcopy(ROWS)
    rows[0][COLUMN["APBD Kab/Kota"]] = "Rp 3OO.000.000"
    rows[2][COLUMN["Tahun"]] = "dua ribu"
    rows[3][COLUMN["Baru/Rehab"]] = "Bru"
    matrix = write_xlsx(tmp_path / "rusak.xlsx", rows)
    plan = site / "plans" / "kampung-uji" / "kawasan.yml"
    before = plan.read_bytes()
    code, out, err = run(capsys, "import", matrix, "--kawasan", "kampung-uji", "--site", site, "--lang", "en")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"warning: {matrix}:Rencana Investasi!O13: APBD Kab/Kota: The total row says Rp500.000.000, but the rows above add up to Rp200.000.000.",
        f"{matrix}:Rencana Investasi!O7: APBD Kab/Kota: Expected an amount in rupiah such as 1500000 or Rp 1.500.000, found “Rp 3OO.000.000”.",
        f"{matrix}:Rencana Investasi!D9: Tahun: Expected a year such as 2027, found “dua ribu”.",
        f"{matrix}:Rencana Investasi!J10: Baru/Rehab: “Bru” is not one of: Baru, Rehab. Did you mean `Baru`?",
        f"3 problems in {matrix}; {plan} was not changed.",
    ]
    assert plan.read_bytes() == before


def test_csv_problems_name_the_line(site: Path, tmp_path: Path, capsys) -> None:
    matrix = tmp_path / "matriks.csv"
    matrix.write_bytes("Kegiatan;Tahun;Jenis;APBN\r\nJalan;2026;L;Rp 1.000.000\r\nSumur;2027;Z;500\r\n".encode("cp1252"))
    code, _out, err = run(capsys, "import", matrix, "--site", site)
    assert code == 1 and err.splitlines()[0] == f"{matrix}:3: Jenis: “Z” bukan salah satu dari: L, S, E."


def test_a_result_the_loader_refuses_is_not_written(site: Path, tmp_path: Path, capsys) -> None:
    # --prune would remove the pipe, which a call names: the plan would not validate
    matrix = write_xlsx(tmp_path / "m.xlsx", [row(Id="sumur", Kegiatan="Sumur resapan", Tahun=2027, **{"Jenis L/S/E": "L"}, Swadaya=5)],
                        totals={}, profile=False)
    plan = site / "plans" / "kampung-uji" / "kawasan.yml"
    before = plan.read_bytes()
    code, out, err = run(capsys, "import", matrix, "--site", site, "--prune")
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == f"Sesudah impor rencana tidak akan valid, jadi {plan} tidak diubah:"
    assert "calls[0].projects[0]" in err and "jaringan-pipa-air-minum" in err
    assert plan.read_bytes() == before


def test_the_plan_must_be_valid_first(make_plan, tmp_path: Path, capsys) -> None:
    folder = make_plan(text=PLAN_TEXT.replace("sector: lingkungan", "sector: lingkugan", 1), slug="kampung-uji")
    code, _out, err = run(capsys, "import", write_xlsx(tmp_path / "m.xlsx"), "--site", folder.parent.parent)
    assert code == 1 and "lingkugan" in err and err.endswith("Perbaiki rencananya dulu (plpbk validate menunjukkan letaknya); belum ada yang diimpor.\n")


def test_which_kawasan(site: Path, make_plan, tmp_path: Path, capsys) -> None:
    matrix = write_xlsx(tmp_path / "m.xlsx")
    make_plan(slug="lorong-garam")
    code, _out, err = run(capsys, "import", matrix, "--site", site)
    assert code == 2 and "--kawasan: kampung-uji, lorong-garam" in err
    code, _out, err = run(capsys, "import", matrix, "--site", site, "--kawasan", "kampung-ujii")
    assert code == 1 and "Tidak ada kawasan `kampung-ujii`" in err and "Mungkin maksud Anda `kampung-uji`?" in err


def test_a_windows_plan_keeps_its_line_ends_and_bom(make_plan, tmp_path: Path, capsys) -> None:
    folder = make_plan(slug="kampung-uji")
    plan = folder / "kawasan.yml"
    plan.write_bytes(b"\xef\xbb\xbf" + PLAN_TEXT.replace("\n", "\r\n").encode("utf-8"))
    code, _out, _err = run(capsys, "import", write_xlsx(tmp_path / "m.xlsx"), "--site", folder.parent.parent)
    data = plan.read_bytes()
    assert code == 0 and data.startswith(b"\xef\xbb\xbf# Rencana Kampung Uji") and b"\n" not in data.replace(b"\r\n", b"")
    assert yaml.safe_load(data.decode("utf-8-sig"))["projects"][2]["id"] == "drainase-rt-02"


def test_template(tmp_path: Path, capsys) -> None:
    path = tmp_path / "rencana-investasi.xlsx"
    code, out, _err = run(capsys, "template", path, "--site", tmp_path)
    assert code == 0 and out == f"{path} sudah ditulis: isi, lalu jalankan plpbk import {path} --kawasan <slug>.\n"
    assert openpyxl.load_workbook(path).sheetnames == ["Rencana Investasi", "Profil Kumuh", "Petunjuk"]
    code, _out, err = run(capsys, "template", path, "--site", tmp_path)
    assert code == 1 and "sudah ada" in err and "--force" in err
    assert run(capsys, "template", path, "--site", tmp_path, "--force")[0] == 0
    code, _out, err = run(capsys, "template", tmp_path / "templat.xls", "--site", tmp_path)
    assert code == 2 and ".xlsx" in err
