"""A large portal's home groups its kawasan by province and city, with a page for each."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from helpers import quality_kit as kit
from helpers.plans import LORONG_GARAM, plan
from helpers.sitebuild import build_site, page, write_plan, write_site
from plpbk_plugin.plan.figures import total_money
from plpbk_plugin.site.pages.regions import group

PLACES = [("Kota Semarang", "Jawa Tengah")] * 5 + [("Kabupaten Demak", "Jawa Tengah")] * 3 + [
    ("Kota Makassar", "Sulawesi Selatan")] * 4 + [("Kota Bandung", "Jawa Barat")] * 2


@dataclass(frozen=True)
class _Money:
    cost: int
    secured: int
    pledged: int
    gap: int
    planned: int = 0


@dataclass(frozen=True)
class _Totals:
    money: _Money


@dataclass(frozen=True)
class _Place:
    city: str
    province: str


@dataclass(frozen=True)
class _Kawasan:
    name: str
    location: _Place


@dataclass(frozen=True)
class _Card:
    kawasan: _Kawasan
    url: str
    totals: _Totals
    hero: Path | None = None


def _card(name: str, city: str, province: str, gap: int) -> _Card:
    return _Card(_Kawasan(name, _Place(city, province)), f"{name.lower()}/", _Totals(_Money(gap * 2, gap, 0, gap)))


def test_cards_group_by_province_then_city_in_alphabetical_order() -> None:
    cards = [
        _card("Zeta", "Kota Semarang", "Jawa Tengah", 10),
        _card("Alfa", "Kota  semarang", "Jawa  Tengah", 5),  # another spelling of the same places
        _card("Beta", "Kabupaten Demak", "Jawa Tengah", 1),
        _card("Gama", "Kota Bandung", "Jawa Barat", 7),
        _card("Delta", "Kota Semarang", "Jawa Tengah", 3),
    ]
    regions = group(cards)
    assert [r.name for r in regions] == ["Jawa Barat", "Jawa Tengah"]
    tengah = regions[1]
    assert tengah.parts == ("jawa-tengah",) and tengah.path("en") == "en/wilayah/jawa-tengah"
    assert [c.name for c in tengah.areas] == ["Kabupaten Demak", "Kota Semarang"]
    semarang = tengah.areas[1]
    assert semarang.path() == "wilayah/jawa-tengah/kota-semarang"
    assert [c.kawasan.name for c in semarang.cards] == ["Alfa", "Delta", "Zeta"]
    assert semarang.money.gap == 18 and tengah.money.gap == 19
    assert tengah.money.gap == total_money(c.totals.money for c in cards if "Tengah" in c.kawasan.location.province).gap


def _portal(root: Path, places: list[tuple[str, str]], *, located: bool = False, **plugin: object) -> Path:
    for i, (city, province) in enumerate(places):
        data = plan(LORONG_GARAM)
        data["name"] = f"Kampung Uji {i:02d}"
        data["location"].update(city=city, province=province)
        if located:
            data["location"]["coordinates"] = {"lat": -7 + i * 0.01, "lon": 110 + i * 0.01}
        write_plan(root / "plans", f"kampung-{i:02d}", data)
    write_site(root, plugin={"languages": ["id", "en"], **plugin}, site_url="https://contoh.github.io/portal/")
    return build_site(root)


def _links(html: str, here: str) -> set[str]:
    return {urljoin(here, href).split("#")[0] for href in re.findall(r'href="([^"#:]*)"', html) if not href.endswith((".json", ".csv", ".xml"))}


@pytest.mark.slow
def test_a_large_portal_home_lists_provinces_and_cities_and_every_kawasan_is_two_taps_away(tmp_path: Path) -> None:
    site = _portal(tmp_path, PLACES, group_above=12)
    home = page(site, "")
    assert "plpbk-card" not in home  # no card list on the home
    for name in ("Jawa Barat", "Jawa Tengah", "Sulawesi Selatan", "Kota Semarang", "Kabupaten Demak", "Kota Makassar"):
        assert f">{name}</a>" in home
    assert home.index(">Jawa Barat<") < home.index(">Jawa Tengah<") < home.index(">Sulawesi Selatan<")
    assert 'href="wilayah/jawa-tengah/"' in home and 'href="wilayah/jawa-tengah/kota-semarang/"' in home
    assert "14 kawasan" in home and "8 kawasan" in home
    province = page(site, "wilayah/jawa-tengah")
    assert 'href="kabupaten-demak/"' in province and 'href="kota-semarang/"' in province and "plpbk-card" not in province
    city = page(site, "wilayah/jawa-tengah/kota-semarang")
    assert city.count('class="plpbk-card"') == 5 and 'href="../../../kampung-00/"' in city
    assert "<title>Kota Semarang" in city and 'aria-current="page">Kota Semarang<' in city
    english = page(site, "en/wilayah/jawa-tengah/kota-semarang")
    assert '<html lang="en"' in english and 'href="../../../kampung-00/"' in english  # /en/kampung-00/
    # every kawasan within two taps of the home
    reached: set[str] = set()
    frontier = {"/portal/"}
    for _ in range(2):
        nxt = set()
        for url in frontier:
            path = site / url.removeprefix("/portal/") / "index.html"
            if path.is_file():
                nxt |= _links(path.read_text(encoding="utf-8"), url)
        reached |= nxt
        frontier = nxt
    assert {f"/portal/kampung-{i:02d}/" for i in range(len(PLACES))} <= reached


@pytest.mark.slow
def test_a_large_portal_maps_its_cities_and_rebuilds_its_region_pages_from_the_cache(tmp_path: Path) -> None:
    """The home's map: a point per city linking to its page (light however many kawasan); a rebuild renders none again."""
    site = _portal(tmp_path, PLACES, located=True, group_above=12)
    places = re.search(r'<ul class="plpbk-map-places".*?</ul>', page(site, ""), re.S)
    assert places is not None
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a> <span class="plpbk-map-detail">· (\d+) kawasan</span>', places.group())
    assert sorted(links) == sorted([
        ("wilayah/jawa-barat/kota-bandung/", "Kota Bandung", "2"), ("wilayah/jawa-tengah/kabupaten-demak/", "Kabupaten Demak", "3"),
        ("wilayah/jawa-tengah/kota-semarang/", "Kota Semarang", "5"), ("wilayah/sulawesi-selatan/kota-makassar/", "Kota Makassar", "4"),
    ])
    MkDocsConfig.plugins.plugin_cache.pop("plpbk", None)  # a new `mkdocs build`
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "again"))
    build(config)
    pages = config.plugins["plpbk"].build.jobs.page_cache
    assert {"regions.id", "regions.en"} <= set(pages.reused) and not [n for n in pages.rendered if n.startswith("regions.")]
    MkDocsConfig.plugins.plugin_cache.pop("plpbk", None)
    assert page(tmp_path / "again", "wilayah/jawa-tengah/kota-semarang") == page(site, "wilayah/jawa-tengah/kota-semarang")


@pytest.mark.slow
def test_a_small_portal_keeps_its_card_list(tmp_path: Path) -> None:
    site = _portal(tmp_path, PLACES[:3])
    home = page(site, "")
    assert home.count('class="plpbk-card"') == 3 and "wilayah/" not in home
    assert not (site / "wilayah").exists()


WCAG_A_AA = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"}
REGION_PAGES = ("", "wilayah/jawa-tengah/", "wilayah/jawa-tengah/kota-semarang/", "en/wilayah/jawa-tengah/kota-semarang/")


@pytest.mark.browser
def test_region_pages_pass_axe_and_the_nu_html_checker(browser: Any, tmp_path: Path) -> None:
    for tool in (kit.AXE_JS, kit.VNU_JAR):
        kit.require(tool, tool.name)
    site = _portal(tmp_path, PLACES, group_above=12)
    found = []
    with kit.serve(site, "/portal/") as url:
        for width, height in ((390, 844), (1280, 800)):
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in REGION_PAGES:
                page.goto(url + path, wait_until="networkidle")
                assert page.evaluate("document.documentElement.scrollWidth") <= width, path  # no sideways scrolling
                page.add_script_tag(path=str(kit.AXE_JS))
                for violation in page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]:
                    if set(violation["tags"]) & WCAG_A_AA or violation["impact"] in {"serious", "critical"}:
                        found.append(f"{width}px {path or '/'}: {violation['id']} {violation['nodes'][0]['target']}")
            page.close()
    assert not found, "\n".join(found)
    files = [str(site / path / "index.html") for path in REGION_PAGES]
    result = kit.run([kit.java(), "-Xss1m", "-jar", str(kit.VNU_JAR), "--format", "json", "--errors-only", *files], timeout=300)
    errors = [m for m in json.loads(result.stderr or result.stdout)["messages"] if m.get("type") in {"error", "non-document-error"}]
    assert not errors, [(m.get("url", "").split("/site/")[-1], m.get("message")) for m in errors]
