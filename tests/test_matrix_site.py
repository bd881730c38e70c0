"""A realistic investment matrix imported, validated and built: the pages, data.json, rencana.csv, the proposal and
the published rencana-investasi.xlsx show its volumes, places, years, planned mix and indicators with the sheet's
figures (worked out in helpers/matrices.py), and the published workbook imports back without changing a byte."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from referencing import Registry, Resource

from helpers import pdfcheck
from helpers.matrices import PLAN_TEXT, PROJECT_IDS, write_xlsx
from helpers.plans import write_jpeg
from helpers.sitebuild import build_site, write_site
from plpbk_plugin.cli import main
from plpbk_plugin.plan.reading.loading import load_plans

pytestmark = pytest.mark.slow  # a real site build

PACKAGE = Path(__file__).resolve().parent.parent / "plpbk_plugin"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Kampung Uji (the pipe with APBD money committed, a road) with the realistic matrix imported, built in id and en."""
    root = tmp_path_factory.mktemp("matriks")
    folder = root / "plans" / "kampung-uji"
    write_jpeg(folder / "photos" / "hero.jpg")
    (folder / "kawasan.yml").write_text(PLAN_TEXT, encoding="utf-8")
    assert main(["import", str(write_xlsx(root / "matriks.xlsx")), "--site", str(root)]) == 0
    write_site(root, plugin={"languages": ["id", "en"], "history": False, "search": False, "matrix_template": "panduan/templat.xlsx"})
    (root / "docs" / "panduan").mkdir()
    (root / "docs" / "panduan" / "impor.md").write_text("# Impor\n\n[Unduh templat](templat.xlsx)\n", encoding="utf-8")
    return build_site(root, strict=True)


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text(html: str) -> str:
    """The page as a visitor reads it: tags gone, spaces squeezed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" ,", ",")


def test_the_project_page_shows_volume_place_years_and_the_planned_mix(built: Path) -> None:
    seen = text(page(built, "rencana/jaringan-pipa-air-minum"))
    for shown in (
        "Volume 3.950 m", "Biaya per satuan Rp145.570 per m", "Lokasi RW 01–RW 03", "Baru atau rehabilitasi Baru",
        "Pelaksana KSM Tirta Makmur", "2026 Rp325.000.000", "2027 Rp250.000.000", "Total Rp575.000.000",
        "Perempuan di antaranya 305", "KK miskin di antaranya 61", "Masyarakat berpenghasilan rendah (MBR) 120",
        "Dana terhimpun Rp300.000.000", "Kekurangan dana Rp275.000.000", "Direncanakan, belum dijanjikan Rp275.000.000",
    ):
        assert shown in seen, shown
    # the planned sources apart from the secured money: APBD 500.000.000 planned minus 300.000.000 committed, swadaya 75.000.000
    secured, planned = seen.split("Sumber dana dalam rencana investasi")
    assert "Pemerintah Kota Uji" in secured and "Komitmen Rp300.000.000" in secured and "Rp200.000.000" not in secured
    assert "APBD kota/kabupaten — Rp200.000.000" in planned and "Swadaya masyarakat — Rp75.000.000" in planned
    assert "Jaringan pipa air minum" in text(page(built, "en/rencana/jaringan-pipa-air-minum"))
    english = text(page(built, "en/rencana/jaringan-pipa-air-minum"))
    assert "Cost per unit Rp145.570 per m" in english and "Sources in the investment plan" in english


def test_rencana_has_a_year_by_year_view(built: Path) -> None:
    html = page(built, "rencana")
    section = text(html.split('id="per-tahun"')[1].split("</table>")[0])
    # 2026: pipe 325.000.000 + drainage 135.000.000 + training 12.500.000 = 472.500.000; the pipe's 300.000.000
    # committed pays its first phase first; 2027: pipe 250.000.000 + tank 60.000.000; 2028: 75.000.000
    rows = re.findall(r"(20\d\d|Tahun belum ditentukan) (.*?) (Rp[\d.]+) (Rp[\d.]+) (Rp[\d.]+)", section)
    assert [(year, cost, secured, gap) for year, _what, cost, secured, gap in rows] == [
        ("2026", "Rp472.500.000", "Rp300.000.000", "Rp172.500.000"),
        ("2027", "Rp310.000.000", "Rp0", "Rp310.000.000"),
        ("2028", "Rp75.000.000", "Rp0", "Rp75.000.000"),
        ("Tahun belum ditentukan", "Rp1.000", "Rp0", "Rp1.000"),  # the road has no date
    ]
    assert "Jaringan pipa air minum, Drainase RT 02, Pelatihan pengelola air (KPP)" in rows[0][1]
    assert "3.950 m · RW 01–RW 03 · 2026–2027" in text(html)  # the project card


def test_gagasan_and_beranda_show_from_and_to(built: Path) -> None:
    gagasan = page(built, "gagasan")
    seen = text(gagasan)
    assert "Dari → menuju, terukur" in seen
    assert "Air minum: Kebutuhan air minum tidak terpenuhi Dari 100% 31 KK Menuju, pada 2029 0%" in seen
    assert "Bangunan: Ketidakteraturan bangunan Dari 57% 16 unit Menuju, pada 2029 20%" in seen
    assert "Drainase: Genangan lebih dari 30 cm Dari 40% 1,2 ha Menuju, pada 2028 5%" in seen
    bars = re.findall(r'<span class="plpbk-meter-bar"([^>]*)>', gagasan)
    assert len(bars) == 6 and all('aria-hidden="true"' in bar for bar in bars)  # the text says it; the bars only draw it
    beranda = text(page(built, ""))
    assert "Air minum: Kebutuhan air minum tidak terpenuhi dari 100% menuju 0% pada 2029" in beranda
    assert "Drinking water: Kebutuhan air minum tidak terpenuhi from 100% to 0% by 2029" in text(page(built, "en"))


def test_data_json_and_rencana_csv_carry_the_sheet(built: Path) -> None:
    data = json.loads((built / "data.json").read_text(encoding="utf-8"))
    schemas = [json.loads((PACKAGE / "schema" / name).read_text(encoding="utf-8")) for name in ("data.schema.json", "kawasan.schema.json")]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
    jsonschema.Draft202012Validator(schemas[0], registry=registry).validate(data)
    rows = {row["id"]: row for row in data["projects"]}
    assert list(rows) == ["jaringan-pipa-air-minum", "jalan-rw-03", *PROJECT_IDS[1:]]
    pipe = rows["jaringan-pipa-air-minum"]
    assert (pipe["volume"], pipe["unit"], pipe["place"], pipe["years"]) == (3950, "m", "RW 01–RW 03", [2026, 2027])
    assert (pipe["cost"], pipe["secured"], pipe["planned"], pipe["gap"]) == (575_000_000, 300_000_000, 275_000_000, 275_000_000)
    assert (rows["pelatihan-kpp"]["volume"], rows["pelatihan-kpp"]["unit"]) == (3.5, "hari")
    # planned: 857.500.000 in the sheet, less the 300.000.000 the plan already had committed for the pipe
    assert (data["totals"]["planned"], data["totals"]["secured"]) == (557_500_000, 300_000_000)
    assert [i["percent"] for i in data["kawasan"]["slum"]["indicators"]] == [100, 57, 40]
    assert data["kawasan"]["projects"][0]["schedule"] == [{"year": 2026, "cost": 325_000_000}, {"year": 2027, "cost": 250_000_000}]
    table = list(csv.DictReader(io.StringIO((built / "rencana.csv").read_bytes()[3:].decode("utf-8"), newline="")))
    by_id = {row["id"]: row for row in table}
    assert {k: by_id["jaringan-pipa-air-minum"][k] for k in ("volume", "unit", "place", "years", "planned", "cost")} == {
        "volume": "3950", "unit": "m", "place": "RW 01–RW 03", "years": "2026 2027", "planned": "275000000", "cost": "575000000"}
    assert by_id["tangki-air"]["planned"] == "60000000" and by_id["jalan-rw-03"]["years"] == ""


def test_the_published_workbook_imports_back_unchanged(built: Path) -> None:
    workbook = built / "rencana-investasi.xlsx"
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == ["Rencana Investasi", "Profil Kumuh", "Petunjuk"]
    assert 'href="rencana-investasi.xlsx"' in page(built, "")  # the open-data links
    assert 'href="../rencana-investasi.xlsx"' in page(built, "dokumen")
    root = built.parent
    plan = root / "plans" / "kampung-uji" / "kawasan.yml"
    before = plan.read_bytes()
    assert main(["import", str(workbook), "--site", str(root)]) == 0
    assert plan.read_bytes() == before
    assert load_plans(root / "plans").problems == ()


def test_the_guide_gets_the_template_from_the_code(built: Path) -> None:
    template = built / "panduan" / "templat.xlsx"
    assert openpyxl.load_workbook(template).sheetnames == ["Rencana Investasi", "Profil Kumuh", "Petunjuk"]
    assert 'href="../templat.xlsx"' in page(built, "panduan/impor")


def test_the_proposal_shows_from_and_to(built: Path) -> None:
    said = re.sub(r"\s+", " ", pdfcheck.text(built / "proposal.pdf"))
    assert "Dari → menuju, terukur" in said
    assert "Air minum: Kebutuhan air minum tidak terpenuhi" in said and "31 KK" in said
    assert "3.950 m · RW 01–RW 03 · 2026–2027" in said
