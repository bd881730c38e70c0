"""Open data (data.json, rencana.csv, kawasan.geojson) and the map fragment."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource

from helpers.demobuild import DemoBuild
from helpers.plans import BASE
from helpers.plans import plan as new_plan
from helpers.sitebuild import REPO
from helpers.sitebuild import write_plan as write_plan_folder
from plpbk_plugin.i18n import translator
from plpbk_plugin.plan.model import Kawasan, Plan
from plpbk_plugin.plan.reading.loading import load_plans
from plpbk_plugin.site.opendata import datasets as exports
from plpbk_plugin.site.opendata.jsonld import project_jsonld
from plpbk_plugin.site.pages.maps import DEFAULT_TILES, map_context
from plpbk_plugin.site.rendering.render import Renderer
from plpbk_plugin.site.sources.communities import Community, read_document
from plpbk_plugin.site.urls import Urls

SCHEMA_DIR = REPO / "plpbk_plugin" / "schema"
URLS = Urls(site_url="https://contoh.github.io/portal/")

# Hand-computed: secured = committed + received, gap = max(0, cost - secured).
EXPECTED = {
    "jalan": {"cost": 1_000_000, "secured": 400_000, "pledged": 200_000, "gap": 600_000},
    "formula": {"cost": 500_000, "secured": 700_000, "pledged": 0, "gap": 0},
    "plus": {"cost": 0, "secured": 0, "pledged": 0, "gap": 0},
    "minus": {"cost": 250_000, "secured": 0, "pledged": 0, "gap": 250_000},
    "at": {"cost": 10, "secured": 10, "pledged": 0, "gap": 0},
}
BOUNDARY = {
    "type": "Feature",
    "properties": {},
    "geometry": {
        "type": "Polygon",
        "coordinates": [[[110.4301234567, -6.9501], [110.432, -6.9501], [110.432, -6.952], [110.4301234567, -6.9501]]],
    },
}


def page_url(slug: str):
    """Absolute page URL inside a kawasan of a portal, as the plugin wires it."""
    return lambda path: URLS.absolute(URLS.page(f"{slug}/{path}"))


def load(plans_dir: Path) -> dict[str, Plan]:
    result = load_plans(plans_dir)
    assert not result.problems, [str(p) for p in result.problems]
    return {plan.slug: plan for plan in result.plans}


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    folder = write_plan_folder(tmp_path / "plans", "kampung-uji", new_plan(BASE))
    (folder / "boundary.geojson").write_text(json.dumps(BOUNDARY), encoding="utf-8")
    return load(tmp_path / "plans")["kampung-uji"]


@pytest.fixture(scope="module")
def demo() -> dict[str, Plan]:
    return load(REPO / "plans")


def validator() -> jsonschema.protocols.Validator:
    resources = [
        (schema["$id"], Resource.from_contents(schema))
        for schema in (json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")) for name in ("data.schema.json", "kawasan.schema.json"))
    ]
    schema = json.loads((SCHEMA_DIR / "data.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, registry=Registry().with_resources(resources), format_checker=cls.FORMAT_CHECKER)


# --- data.json ---------------------------------------------------------------------------------


def test_data_json_projects_totals_and_calls(plan: Plan) -> None:
    data = exports.kawasan_data(plan, site_url_of=page_url(plan.slug))
    assert (data["format"], data["version"], data["slug"]) == ("plpbk-kawasan", 1, "kampung-uji")
    assert data["url"] == "https://contoh.github.io/portal/kampung-uji/"
    assert [p["id"] for p in data["projects"]] == list(EXPECTED)
    for row in data["projects"]:
        assert {k: row[k] for k in ("cost", "secured", "pledged", "gap")} == EXPECTED[row["id"]]
    first = data["projects"][0]
    assert first["url"] == "https://contoh.github.io/portal/kampung-uji/rencana/jalan/"
    assert (first["sector"], first["aspect"], first["status"], first["progress"], first["start"], first["end"]) == (
        "lingkungan", "jalan", "in_progress", 40, "2026-03", "2027")
    assert data["projects"][1]["aspect"] is None and data["projects"][1]["progress"] is None
    totals = data["totals"]
    for key in ("cost", "secured", "pledged", "gap"):
        assert totals[key] == sum(e[key] for e in EXPECTED.values())
    assert totals["gap"] == 850_000  # the sum of the gaps: the over-funded project does not fill others
    assert totals["gap"] != totals["cost"] - totals["secured"]
    assert totals["swadaya_share"] == round(100_010 / 1_100_010, 4) == 0.0909
    assert totals["projects"] == 5
    assert totals["projects_by_status"] == {"planned": 2, "seeking_partners": 0, "funded": 1, "in_progress": 1, "completed": 1}
    assert data["calls"] == [
        {"id": "ajak-jalan", "title": "Ajakan jalan", "projects": ["jalan", "minus"], "amount_sought": 850_000, "deadline": None},
        {"id": "ajak-tetap", "title": "Ajakan tetap", "projects": [], "amount_sought": 50, "deadline": "2027-01-31"},
    ]


def test_data_json_holds_the_whole_plan(plan: Plan) -> None:
    data = exports.kawasan_data(plan, site_url_of=page_url(plan.slug))
    kawasan = data["kawasan"]
    assert kawasan["transformation"]["from"] == ["Banjir"]  # keys as in kawasan.yml (aliases)
    assert "profile" not in kawasan  # empty values left out
    assert Kawasan.model_validate(kawasan) == plan.kawasan


def test_data_json_without_site_url(plan: Plan) -> None:
    data = exports.kawasan_data(plan, site_url_of=lambda path: None)
    assert data["url"] is None and all(p["url"] is None for p in data["projects"])
    validator().validate(data)


def test_data_json_validates_against_schema(plan: Plan, demo: dict[str, Plan]) -> None:
    check = validator()
    for each in [plan, *demo.values()]:
        check.validate(exports.kawasan_data(each, site_url_of=page_url(each.slug)))
    broken = exports.kawasan_data(plan, site_url_of=page_url(plan.slug))
    broken["projects"][0]["gap"] = -1
    with pytest.raises(jsonschema.ValidationError):
        check.validate(broken)


def test_demo_figures_match_the_yaml_by_hand(demo: dict[str, Plan]) -> None:
    """Recompute every demo project's figures from the raw YAML with the formulas of plan-format.md."""
    for slug, each in demo.items():
        raw = yaml.safe_load((REPO / "plans" / slug / "kawasan.yml").read_text(encoding="utf-8"))
        data = exports.kawasan_data(each, site_url_of=page_url(slug))
        rows = {row["id"]: row for row in data["projects"]}
        gaps = 0
        for project in raw["projects"]:
            lines = project.get("funding", [])
            secured = sum(line["amount"] for line in lines if line.get("status", "committed") in ("committed", "received"))
            pledged = sum(line["amount"] for line in lines if line.get("status") == "pledged")
            gap = max(0, project["cost"] - secured)
            gaps += gap
            row = rows[project["id"]]
            assert (row["cost"], row["secured"], row["pledged"], row["gap"]) == (project["cost"], secured, pledged, gap)
        totals = data["totals"]
        assert totals["gap"] == gaps
        for key in ("cost", "secured", "pledged", "gap"):
            assert totals[key] == sum(row[key] for row in data["projects"])
        assert totals["projects"] == len(raw["projects"]) == sum(totals["projects_by_status"].values())


def test_json_bytes_are_stable_and_readable(plan: Plan, tmp_path: Path) -> None:
    first = exports.json_bytes(exports.kawasan_data(plan, site_url_of=page_url(plan.slug)))
    again = load(tmp_path / "plans")["kampung-uji"]  # a fresh load of the same files
    assert first == exports.json_bytes(exports.kawasan_data(again, site_url_of=page_url(plan.slug)))
    text = first.decode("utf-8")
    assert text.endswith("}\n") and "\n  \"calls\"" in text
    assert "Kampung <Uji> & Co" in text  # UTF-8, not \u escapes
    keys = list(json.loads(text))
    assert keys == sorted(keys)


def test_portal_data(demo: dict[str, Plan]) -> None:
    plans = list(demo.values())
    data = exports.portal_data(plans, site_url_of=lambda p, path: page_url(p.slug)(path))
    assert (data["format"], data["version"]) == ("plpbk-portal", 1)
    assert [k["slug"] for k in data["kawasan"]] == [p.slug for p in plans]
    tambak = next(k for k in data["kawasan"] if k["slug"] == "tambak-sari")
    assert tambak["url"] == "https://contoh.github.io/portal/tambak-sari/"
    assert tambak["data"] == "https://contoh.github.io/portal/tambak-sari/data.json"
    assert (tambak["city"], tambak["province"]) == ("Kota Semarang", "Jawa Tengah")
    own = exports.kawasan_data(demo["tambak-sari"], site_url_of=page_url("tambak-sari"))
    assert tambak["totals"] == own["totals"]
    for key in ("cost", "secured", "pledged", "gap", "projects"):
        assert data["totals"][key] == sum(k["totals"][key] for k in data["kawasan"])
    assert data["totals"]["kawasan"] == 3
    assert exports.json_bytes(data) == exports.json_bytes(
        exports.portal_data(plans, site_url_of=lambda p, path: page_url(p.slug)(path)))


# --- rencana.csv ---------------------------------------------------------------------------------


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_one_row_per_project(plan: Plan) -> None:
    data = exports.rencana_csv(plan)
    header = data[3:].decode().split("\r\n")[0]
    assert header == "id,title,sector,aspect,status,progress,cost,secured,pledged,gap,start,end,volume,unit,place,years,planned"
    rows = read_csv(data)
    assert [r["id"] for r in rows] == list(EXPECTED)
    for row in rows:
        assert {k: int(row[k]) for k in ("cost", "secured", "pledged", "gap")} == EXPECTED[row["id"]]
    assert rows[0]["title"] == "Jalan RW 03" and rows[0]["progress"] == "40" and rows[0]["end"] == "2027"
    assert rows[1]["aspect"] == "" and rows[1]["progress"] == ""
    assert data == exports.rencana_csv(plan)


def test_csv_injection_guarded(plan: Plan) -> None:
    titles = {r["id"]: r["title"] for r in read_csv(exports.rencana_csv(plan))}
    assert titles["formula"] == "'=HYPERLINK(\"http://evil\",\"klik\")"
    assert titles["plus"] == "'+62 nomor"
    assert titles["minus"] == "'-1 atau @warga"
    assert titles["at"] == "'@SUM(A1)"
    assert titles["jalan"] == "Jalan RW 03"


def test_portal_csv_has_a_kawasan_column(demo: dict[str, Plan]) -> None:
    data = exports.rencana_csv(list(demo.values()))
    assert data[3:].startswith(b"kawasan,id,title,")
    rows = read_csv(data)
    assert len(rows) == sum(len(p.kawasan.projects) for p in demo.values())
    assert {r["kawasan"] for r in rows} == set(demo)
    by_id = {(r["kawasan"], r["id"]): r for r in rows}
    for slug, each in demo.items():
        for row in exports.kawasan_data(each, site_url_of=page_url(slug))["projects"]:
            assert int(by_id[(slug, row["id"])]["gap"]) == row["gap"]


# --- kawasan.geojson -----------------------------------------------------------------------------


def test_geojson_points_are_lon_lat(plan: Plan) -> None:
    collection = exports.kawasan_geojson(plan, url_of=page_url(plan.slug))
    assert collection["type"] == "FeatureCollection"
    kinds = [f["properties"]["kind"] for f in collection["features"]]
    assert kinds == ["boundary", "kawasan", "project"]  # only the located project
    boundary, centre, project = collection["features"]
    assert boundary["geometry"]["type"] == "Polygon"
    assert boundary["geometry"]["coordinates"][0][0] == [110.430123, -6.9501]
    assert centre["geometry"] == {"type": "Point", "coordinates": [110.43, -6.95]}
    assert centre["properties"]["name"] == "Kampung <Uji> & Co"
    assert centre["properties"]["url"] == "https://contoh.github.io/portal/kampung-uji/"
    assert centre["properties"]["totals"]["gap"] == 850_000
    assert project["geometry"] == {"type": "Point", "coordinates": [110.431235, -6.951235]}
    props = project["properties"]
    assert (props["id"], props["status"], props["sector"]) == ("jalan", "in_progress", "lingkungan")
    assert (props["cost"], props["secured"], props["gap"]) == (1_000_000, 400_000, 600_000)
    assert props["url"] == "https://contoh.github.io/portal/kampung-uji/rencana/jalan/"
    for feature in collection["features"]:
        if feature["geometry"]["type"] == "Point":
            lon, lat = feature["geometry"]["coordinates"]
            assert 95 < lon < 141 and -11 < lat < 6  # Indonesia, in RFC 7946 order
    assert exports.json_bytes(collection) == exports.json_bytes(exports.kawasan_geojson(plan, url_of=page_url(plan.slug)))


def test_geojson_of_demo_plans(demo: dict[str, Plan]) -> None:
    cigadung = exports.kawasan_geojson(demo["cigadung-hijau"], url_of=page_url("cigadung-hijau"))
    assert [f["properties"]["kind"] for f in cigadung["features"]] == ["boundary", "kawasan", "project"]
    assert cigadung["features"][1]["geometry"]["coordinates"] == [107.6205, -6.8712]
    lorong = exports.kawasan_geojson(demo["lorong-garam"], url_of=page_url("lorong-garam"))
    assert lorong["features"] == []  # no coordinates anywhere
    portal = exports.portal_geojson(list(demo.values()), url_of=lambda p, path: page_url(p.slug)(path))
    assert [f["properties"]["slug"] for f in portal["features"]] == ["cigadung-hijau", "tambak-sari"]


# --- the map fragment ----------------------------------------------------------------------------


def render_map(context_map: dict[str, Any] | None, here: str) -> str:
    return Renderer(translator("id")).render(
        "plpbk/partials/map.html", {"map": context_map, "link": lambda to: Urls.relative(here, to)}
    )


def test_map_fragment_svg_list_and_config(plan: Plan) -> None:
    site_relative = lambda path: URLS.page(f"kampung-uji/{path}")  # noqa: E731
    features = exports.kawasan_geojson(plan, url_of=site_relative)
    context = map_context(features, label="Peta <Kampung> & Co", t=translator("id"))
    html = render_map(context, here="kampung-uji/")
    svg = html[html.index("<svg"): html.index("</svg>")]
    assert 'viewBox="0 0 640 400"' in svg and svg.count("<path ") == 1 and svg.count("<circle ") == 2
    assert re.search(r'<path d="M[\d. ]+( L[\d. ]+)+ Z"', svg)
    assert '<a href="rencana/jalan/"><circle' in svg and '<a href="./"><circle' in svg
    assert "<title>Jalan RW 03 (Berjalan · Kekurangan dana Rp600.000)</title>" in svg
    for x, y in re.findall(r'cx="([\d.]+)" cy="([\d.]+)"', svg):
        assert 0 <= float(x) <= 640 and 0 <= float(y) <= 400
    assert "Peta &lt;Kampung&gt; &amp; Co" in html and "Peta <Kampung>" not in html
    places = html[html.index('<ul class="plpbk-map-places"'): html.index("</ul>")]
    assert '<a href="./">Kampung &lt;Uji&gt; &amp; Co</a>' in places and '<a href="rencana/jalan/">Jalan RW 03</a>' in places
    script = re.search(r'<div class="plpbk-map-live" data-plpbk-map [^>]*hidden>\s*<script type="application/json">(.*?)</script>', html, re.S)
    assert script and "<" not in script.group(1) and "\\u003c" in script.group(1)
    config = json.loads(script.group(1))
    assert config["base"] == "../" and config["tiles"] == DEFAULT_TILES
    assert config["tiles"]["url"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert config["label"] == "Peta <Kampung> & Co"
    assert config["features"]["features"][2]["geometry"]["coordinates"] == [110.431235, -6.951235]
    assert config["features"]["features"][2]["properties"]["popup"]["url"] == "kampung-uji/rencana/jalan/"
    (south, west), (north, east) = config["bounds"]
    assert south < -6.95 < north and west < 110.43 < east
    assert 'data-leaflet="../assets/plpbk/leaflet/"' in html  # Leaflet loads only on request
    assert "leaflet.js" not in html
    assert '<script defer src="../assets/plpbk/map.js"></script>' in html
    assert html == render_map(map_context(features, label="Peta <Kampung> & Co", t=translator("id")), here="kampung-uji/")


def test_map_json_cannot_close_its_script(plan: Plan) -> None:
    features = exports.kawasan_geojson(plan, url_of=lambda path: URLS.page(f"kampung-uji/{path}"))
    features["features"][2]["properties"]["title"] = "</script><script>alert(1)</script>"
    html = render_map(map_context(features, label="Peta"), here="kampung-uji/")
    assert html.count("</script>") == 2  # the config and map.js
    assert "<script>alert(1)" not in html


def test_portal_map_and_no_map_without_coordinates(demo: dict[str, Plan]) -> None:
    features = exports.portal_geojson(list(demo.values()), url_of=lambda p, path: URLS.page(f"{p.slug}/{path}"))
    html = render_map(map_context(features, {"url": "https://tiles.example/{z}/{x}/{y}.png", "attribution": "Contoh"}, label="Peta"), here="")
    assert '<a href="tambak-sari/">Kampung Nelayan Tambak Sari</a>' in html
    assert '<a href="cigadung-hijau/"><circle' in html
    assert '"url": "https://tiles.example/{z}/{x}/{y}.png"' in html
    assert 'data-leaflet="assets/plpbk/leaflet/"' in html
    lorong = exports.kawasan_geojson(demo["lorong-garam"], url_of=lambda path: URLS.page(path))
    assert map_context(lorong, label="Peta") is None
    assert render_map(None, here="").strip() == ""


def test_map_of_a_single_point_is_centred(demo: dict[str, Plan]) -> None:
    features = exports.portal_geojson([demo["tambak-sari"]], url_of=lambda p, path: URLS.page(path))
    context = map_context(features, label="Peta")
    assert context is not None
    point = context["svg"]["points"][0]
    assert (point["x"], point["y"]) == ("320", "200")


@pytest.mark.slow
def test_export_command_writes_what_the_build_publishes(tmp_path: Path, demo_site: DemoBuild) -> None:
    """`plpbk export` gives the build's open data files, byte for byte, without building."""
    import shutil

    from plpbk_plugin.cli import main

    shutil.copytree(REPO / "plans", tmp_path / "plans")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    shutil.copytree(REPO / "overrides", tmp_path / "overrides")
    assert main(["export", "--site", str(tmp_path), "--out", str(tmp_path / "out")]) == 0
    exported = {p.relative_to(tmp_path / "out"): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert Path("data.json") in exported and Path("tambak-sari/rencana.csv") in exported
    assert Path("tambak-sari/rencana-investasi.xlsx") in exported
    assert {Path("iati.xml"), Path("tambak-sari/iati.xml"), Path("kemitraan.csv")} <= set(exported)  # the demo sets iati_org_ref
    assert not (tmp_path / "site").exists()
    site = demo_site.site  # the demo, built once per run as its workflow builds it
    for path, data in exported.items():
        assert (site / path).read_bytes() == data, path
    # each data.json names the sha256 of the feed beside it (a portal then fetches the feed only when it changed)
    for data_json in site.glob("*/data.json"):
        feed, announced = data_json.parent / "feed.xml", json.loads(data_json.read_bytes())["feed"]
        if feed.is_file():
            assert announced == {"url": f"https://plpbk-demo.github.io/plpbk/{data_json.parent.name}/feed.xml",
                                 "sha256": hashlib.sha256(feed.read_bytes()).hexdigest()}
        else:
            assert announced is None


def test_a_data_json_from_before_the_investment_matrix_still_reads(demo: dict[str, Plan]) -> None:
    """A community that has not upgraded publishes data.json without planned money, volumes, years or a slum
    profile: the schema still accepts it and a portal still gathers it (the new figures are optional)."""
    data = exports.kawasan_data(demo["tambak-sari"], site_url_of=page_url("tambak-sari"))
    new_fields = {"planned", "volume", "unit", "place", "years"}
    assert new_fields <= set(data["projects"][0]) and "planned" in data["totals"]
    old = copy.deepcopy(data)
    old["projects"] = [{k: v for k, v in row.items() if k not in new_fields} for row in old["projects"]]
    del old["totals"]["planned"]
    del old["kawasan"]["slum"]
    for project in old["kawasan"]["projects"]:
        for key in ("kind", "volume", "place", "schedule", "executor", "upkeep"):
            project.pop(key, None)
        project["funding"] = [{k: v for k, v in line.items() if k != "in_kind"} for line in project.get("funding", [])
                              if line.get("status") != "planned"]
        for key in ("women", "poor_households", "low_income"):
            project.get("beneficiaries", {}).pop(key, None)
    validator().validate(old)
    found = read_document(json.dumps(old).encode(), "https://bkm.example.org/data.json", dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    assert isinstance(found, Community) and found.totals.money.planned == 0
    assert found.totals.money.gap == data["totals"]["gap"]  # planned money never closed a gap


def test_jsonld_funders_leave_out_sources_only_planned(demo: dict[str, Plan]) -> None:
    kawasan = demo["cigadung-hijau"].kawasan
    project = next(p for p in kawasan.projects if p.id == "sumur-resapan")
    assert any(line.status == "planned" and line.partner for line in project.funding)
    data = json.loads(project_jsonld(kawasan, project, lambda *parts: None))
    assert data["funder"] == [{"@type": "Organization", "name": "Warga RW 06 dan RW 08"}]  # not the Dinas only planned
