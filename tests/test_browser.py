"""The demo portal in real headless Chromium: loads cleanly, fits a phone, filters and calls to action work."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from helpers.quality_kit import serve
from helpers.sitebuild import REPO, build_site, copy_demo_plans, write_site

pytestmark = pytest.mark.browser
ARTIFACTS = REPO / "artifacts" / "screenshots"
PAGE_TYPES = {
    "portal": "",
    "beranda": "tambak-sari/",
    "gagasan": "tambak-sari/gagasan/",
    "rencana": "tambak-sari/rencana/",
    "project": "tambak-sari/rencana/jalan-rw03/",
    "kemitraan": "tambak-sari/kemitraan/",
    "kabar": "tambak-sari/kabar/",
    "post": "tambak-sari/kabar/gotong-royong-mangrove/",
    "dokumen": "tambak-sari/dokumen/",
    "galeri": "tambak-sari/galeri/",
    "cetak": "tambak-sari/cetak/",
    "young-kawasan": "lorong-garam/",
}
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("demo")
    copy_demo_plans(root)
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)
    write_site(root, site_url="http://127.0.0.1/demo/")
    site = build_site(root)
    with serve(site, "/demo/") as url:
        yield url


@pytest.mark.parametrize("size", SIZES)
def test_every_page_type_loads_cleanly_and_fits(browser, base_url: str, size: str) -> None:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("requestfailed", lambda req: problems.append(f"failed: {req.url}"))
    page.on("response", lambda res: problems.append(f"{res.status}: {res.url}") if res.status >= 400 else None)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, path in PAGE_TYPES.items():
        page.goto(base_url + path, wait_until="load")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} overflows by {overflow}px at {size}"
        broken = page.evaluate("[...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)")
        assert not broken, f"{name}: images that did not load: {broken}"
        page.screenshot(path=str(ARTIFACTS / f"{size}-{name}.png"), full_page=True)
    context.close()
    assert not problems, problems


def test_status_filter_shows_only_matching_projects(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + "tambak-sari/rencana/")
    cards = page.locator(".plpbk-project")
    total = cards.count()
    page.click("label[for=status-completed]")
    visible = [c.get_attribute("data-status") for c in cards.all() if c.is_visible()]
    assert visible and set(visible) == {"completed"} and len(visible) < total
    assert "#completed" in page.url
    page.click("label[for=status-all]")
    assert sum(1 for c in cards.all() if c.is_visible()) == total
    page.close()


def test_status_filter_works_without_javascript(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + "tambak-sari/rencana/")
    page.click("label[for=status-seeking_partners]")
    visible = {c.get_attribute("data-status") for c in page.locator(".plpbk-project").all() if c.is_visible()}
    assert visible == {"seeking_partners"}
    context.close()


def test_calls_to_action_reach_the_bkm(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + "tambak-sari/rencana/")
    page.click(".plpbk-project[data-status=seeking_partners] h3 a")
    link = page.locator(".plpbk-cta a.plpbk-wa")
    assert link.is_visible()
    box = link.bounding_box()
    assert box["height"] >= 48
    href = urlsplit(link.get_attribute("href"))
    assert href.netloc == "wa.me" and href.path.startswith("/62")
    assert "Tambak Sari" in parse_qs(href.query)["text"][0]
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement && document.activeElement.tagName")
    assert focused in {"A", "INPUT", "BUTTON"}
    page.close()


def test_map_is_static_first_and_live_on_request(browser, base_url: str) -> None:
    tile = (Path(__file__).parent / "data" / "tile.png").read_bytes()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.route("https://tile.openstreetmap.org/**", lambda route: route.fulfill(body=tile, content_type="image/png"))
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda req: requested.append(req.url))
    page.goto(base_url + "cigadung-hijau/")
    assert page.locator(".plpbk-map-static svg").is_visible()
    assert page.locator(".plpbk-map-places a").count() >= 1
    assert not [url for url in requested if "leaflet" in url or "openstreetmap" in url]
    page.click("button.plpbk-map-open")
    page.wait_for_selector(".leaflet-container .leaflet-marker-pane, .leaflet-container .leaflet-overlay-pane svg path")
    assert "OpenStreetMap" in page.locator(".leaflet-control-attribution").inner_text()
    assert any("tile.openstreetmap.org" in url for url in requested)
    context.close()
