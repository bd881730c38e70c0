"""IATI activity files: every iati.xml of a built portal is valid against IATI's own 2.03 XSD (vendored in
tests/data/iati-2.03/, validated with lxml), holds one activity per project, and adds up to the plan."""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from lxml import etree
from mkdocs.exceptions import Abort, PluginError

from helpers.sitebuild import REPO, build_site, page, write_site
from plpbk_plugin.i18n import translator
from plpbk_plugin.plan.model import Kawasan
from plpbk_plugin.plan.vocabulary import ASPECTS, SECTORS
from plpbk_plugin.site.opendata.iati import SECTORS as DAC
from plpbk_plugin.site.opendata.iati import iati_publisher, sector

XSD = Path(__file__).parent / "data" / "iati-2.03" / "iati-activities-schema.xsd"
REF = "AA-AAA-123456789"  # the identifier of IATI's own annotated example, for a fictional publisher
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DEMO = ("tambak-sari", "cigadung-hijau", "lorong-garam")


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))  # includes iati-common.xsd and xml.xsd from the same folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("iati")
    for slug in DEMO:
        shutil.copytree(REPO / "plans" / slug, root / "plans" / slug)
    write_site(root, plugin={"languages": ["id", "en"], "iati_org_ref": REF, "iati_org_name": "Forum BKM Contoh", "iati_org_type": 22})
    return build_site(root)


def _plan(slug: str) -> Kawasan:
    return Kawasan.model_validate(yaml.safe_load((REPO / "plans" / slug / "kawasan.yml").read_text(encoding="utf-8")))


def _amounts(activity: etree._Element, path: str) -> dict[str, int]:
    found: dict[str, int] = defaultdict(int)
    for element in activity.iterfind(path):
        code = element.getparent().find("transaction-type").get("code") if path.startswith("transaction") else "budget"
        found[code] += int(element.text)
    return found


@pytest.mark.slow
def test_every_iati_file_is_valid_2_03_with_one_activity_per_project(built: Path, schema: etree.XMLSchema) -> None:
    files = {path.relative_to(built).as_posix(): path for path in built.rglob("iati.xml")}
    assert set(files) == {"iati.xml", *(f"{slug}/iati.xml" for slug in DEMO)}
    for name, path in files.items():
        document = etree.parse(str(path))
        assert schema.validate(document), f"{name}: {schema.error_log}"
        root = document.getroot()
        assert root.get("version") == "2.03"
        slugs = sorted(DEMO) if name == "iati.xml" else [name.split("/")[0]]
        expected = [f"{REF}-{slug}-{p.id}" for slug in slugs for p in _plan(slug).projects]
        assert [a.findtext("iati-identifier") for a in root.iterfind("iati-activity")] == expected


@pytest.mark.slow
def test_transactions_and_budgets_add_up_to_the_plan(built: Path) -> None:
    root = etree.parse(str(built / "iati.xml")).getroot()
    activities = {a.findtext("iati-identifier"): a for a in root.iterfind("iati-activity")}
    checked = 0
    for slug in DEMO:
        for project in _plan(slug).projects:
            activity = activities[f"{REF}-{slug}-{project.id}"]
            by_status = defaultdict(int)
            for line in project.funding:
                by_status[line.status] += line.amount
            transactions = _amounts(activity, "transaction/value")
            assert transactions.get("13", 0) == by_status["pledged"], project.id
            assert transactions.get("11", 0) == by_status["committed"], project.id
            assert transactions.get("1", 0) == by_status["received"], project.id
            assert set(transactions) <= {"1", "11", "13"}
            planned = sum(int(v.text) for v in activity.iterfind("planned-disbursement/value"))
            assert planned == by_status["planned"], project.id
            assert sum(int(v.text) for v in activity.iterfind("budget/value")) == project.cost, project.id
            for transaction in activity.iterfind("transaction"):
                assert transaction.find("provider-org/narrative").text  # whoever gave it, by name
            checked += len(project.funding)
    assert checked > 20


@pytest.mark.slow
def test_an_activity_says_who_what_where_and_in_which_languages(built: Path) -> None:
    root = etree.parse(str(built / "cigadung-hijau" / "iati.xml")).getroot()
    activity = next(a for a in root.iterfind("iati-activity") if a.findtext("iati-identifier").endswith("-tps3r-rw07"))
    assert (activity.get("default-currency"), activity.get(LANG)) == ("IDR", "id")
    reporting = activity.find("reporting-org")
    assert (reporting.get("ref"), reporting.get("type"), reporting.findtext("narrative")) == (REF, "22", "Forum BKM Contoh")
    titles = {n.get(LANG): n.text for n in activity.iterfind("title/narrative")}
    assert titles == {None: "TPS3R dan pemilahan sampah dari rumah", "en": "Community waste sorting site (TPS3R)"}  # and the overlay's
    project = next(p for p in _plan("cigadung-hijau").projects if p.id == "tps3r-rw07")
    assert activity.find("activity-status").get("code") == {"in_progress": "2", "completed": "4"}.get(project.status, "1")
    point = activity.find("location/point")
    assert point.get("srsName") == "http://www.opengis.net/def/crs/EPSG/0/4326"
    assert point.findtext("pos") == f"{project.location.lat} {project.location.lon}"
    assert activity.find("location/exactness").get("code") == "1"
    dac = activity.find("sector[@vocabulary='1']")
    assert (dac.get("code"), dac.get("percentage")) == ("14050", "100")  # persampahan: waste management/disposal
    assert activity.find("sector[@vocabulary='99']").get("code") == "lingkungan.persampahan"
    assert activity.find("document-link").get("url") == "https://contoh.github.io/portal/cigadung-hijau/rencana/tps3r-rw07/"
    untranslated = next(a for a in root.iterfind("iati-activity") if a.findtext("iati-identifier").endswith("-drainase-gang-rw05"))
    assert [n.get(LANG) for n in untranslated.iterfind("title/narrative")] == [None]  # no English title that is not English


@pytest.mark.slow
def test_iati_files_are_linked_from_the_open_data(built: Path) -> None:
    assert '<a href="../iati.xml" type="application/xml">iati.xml (IATI)</a>' in page(built, "tambak-sari/rencana")
    assert '<a href="iati.xml" type="application/xml">iati.xml (IATI)</a>' in page(built, "")


def test_every_sector_and_aspect_has_a_dac_code() -> None:
    assert {key for key in DAC if key[0] == "lingkungan"} == {("lingkungan", aspect) for aspect in (*ASPECTS, None)}
    assert {key[0] for key in DAC} == set(SECTORS)
    assert all(len(code) == 5 and code.isdigit() for code, _ in DAC.values())
    assert all(sector(p)[0] in {code for code, _ in DAC.values()} for slug in DEMO for p in _plan(slug).projects)


def test_the_publisher_option_is_checked() -> None:
    t = translator("id")
    assert iati_publisher(None, None, 24, t) is None
    assert iati_publisher(" XI-IATI-1001 ", None, "11", t).ref == "XI-IATI-1001"
    for wrong in ("BKM Sari Bahari", "1234", "xi-iati-1001", "XI-IATI-"):
        with pytest.raises(ValueError, match="bukan pengenal organisasi IATI"):
            iati_publisher(wrong, None, 24, t)
    with pytest.raises(ValueError, match="bukan kode OrganisationType IATI"):
        iati_publisher("XI-IATI-1001", None, 25, t)


@pytest.mark.slow
def test_without_a_publisher_there_is_no_iati_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    shutil.copytree(REPO / "plans" / "lorong-garam", tmp_path / "plans" / "lorong-garam")
    site = build_site(write_site(tmp_path))
    assert not list(site.rglob("iati.xml")) and "iati.xml" not in page(site, "")
    write_site(tmp_path, plugin={"iati_org_ref": "BKM Lorong Garam"})
    with pytest.raises((PluginError, Abort)):
        build_site(tmp_path)
    assert "iati_org_ref: BKM Lorong Garam bukan pengenal organisasi IATI" in caplog.text
