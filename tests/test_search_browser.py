"""Search in real Chromium: nothing loads before the field is used; Pagefind answers in Material's
panel, stems Indonesian, narrows to the current kawasan, and keeps Material's keys."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from helpers.plans import LORONG_GARAM, plan
from helpers.quality_kit import AXE_JS, serve
from helpers.sitebuild import REPO, build_site, write_plan, write_site

pytestmark = pytest.mark.browser
PREFIX = "/portal/"
SHOTS = REPO / "artifacts" / "screenshots"
WCAG_A_AA = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"}


def _plan(name: str, city: str, province: str, projects: list[tuple[str, str, str]]) -> dict[str, Any]:
    data = plan(LORONG_GARAM)
    data["name"] = name
    data["location"].update(city=city, province=province)
    data["projects"] = [
        {"id": pid, "title": title, "summary": summary, "sector": "lingkungan", "cost": 5_000_000, "status": "planned"}
        for pid, title, summary in projects
    ]
    return data


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("search")
    plans = root / "plans"
    write_plan(plans, "tambak-sari", _plan("Kampung Nelayan Tambak Sari", "Kota Semarang", "Jawa Tengah", [
        ("rumah-pompa", "Rumah pompa pengendali rob", "Pompa menyedot air rob dari saluran kampung."),
        ("jalan-rw03", "Peninggian jalan RW 03", "Jalan lebih tinggi agar gang tidak terendam."),
    ]))
    write_plan(plans, "lorong-garam", _plan("Lorong Garam", "Kota Makassar", "Sulawesi Selatan", [
        ("taman-lorong", "Taman lorong", "Penghijauan lorong dengan pot gantung dan pohon peneduh."),
        ("pompa-lorong", "Pompa air bersih lorong", "Pompa dan tandon untuk air bersih warga."),
    ]))
    write_site(root, plugin={"languages": ["id", "en"]}, site_url=f"http://127.0.0.1{PREFIX}")
    site = build_site(root)
    with serve(site, PREFIX) as url:
        yield url


def _open(browser: Any, url: str, size: tuple[int, int] = (1280, 800)) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="networkidle")
    return page, requests


def _search(page: Any, words: str) -> list[dict[str, str]]:
    field = page.locator("input[name=query]")
    field.fill(words)
    page.wait_for_function(
        "w => document.querySelector('.md-search-result__meta').dataset.query === w", arg=words, timeout=15000)
    return page.eval_on_selector_all(
        ".md-search-result__list > li > a:first-child",
        "links => links.map(a => ({url: a.getAttribute('href'), title: a.querySelector('h1').textContent,"
        " tag: (a.querySelector('.md-tag') || {}).textContent || ''}))")


def test_nothing_search_related_loads_before_the_field_is_focused(browser: Any, base: str) -> None:
    page, requests = _open(browser, base + "tambak-sari/rencana/", (390, 844))
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(500)
    assert not [url for url in requests if "pagefind" in url or "search" in url], requests
    page.locator("label.md-header__button[for=__search]").click()  # the magnifier on a phone
    page.wait_for_function("() => document.activeElement && document.activeElement.name === 'query'")
    page.wait_for_load_state("networkidle")
    loaded = [url for url in requests if "pagefind" in url or "search" in url]
    assert any(url.endswith(PREFIX + "assets/plpbk/search.js") for url in loaded)
    assert any(url.endswith(PREFIX + "pagefind/pagefind.js") for url in loaded)
    assert not any("search_index" in url for url in requests)
    page.close()


def test_a_word_of_a_project_title_finds_the_project(browser: Any, base: str) -> None:
    page, _ = _open(browser, base)
    results = _search(page, "peninggian")
    assert results and results[0]["url"].endswith(PREFIX + "tambak-sari/rencana/jalan-rw03/")
    assert results[0]["title"] == "Peninggian jalan RW 03" and results[0]["tag"] == "Kampung Nelayan Tambak Sari"
    page.locator(".md-search-result__list a").first.click()
    page.wait_for_url("**/tambak-sari/rencana/jalan-rw03/")
    page.close()


def test_hijau_finds_penghijauan_indonesian_stemming(browser: Any, base: str) -> None:
    page, _ = _open(browser, base)
    results = _search(page, "hijau")
    assert any(r["url"].endswith(PREFIX + "lorong-garam/rencana/taman-lorong/") for r in results), results
    assert "enghijauan" in page.locator(".md-search-result__list mark").first.text_content()
    page.close()


def test_results_narrow_to_the_current_kawasan(browser: Any, base: str) -> None:
    page, _ = _open(browser, base + "lorong-garam/")
    everywhere = _search(page, "pompa")
    assert {r["tag"] for r in everywhere} == {"Lorong Garam", "Kampung Nelayan Tambak Sari"}
    page.locator("input[name=plpbk-scope]").check()
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').dataset.scope === 'lorong-garam'")
    here = page.eval_on_selector_all(".md-search-result__list > li > a:first-child", "links => links.map(a => a.getAttribute('href'))")
    assert here and all("/lorong-garam/" in url for url in here)
    assert len(here) < len(everywhere)
    page.close()


def test_materials_keys_still_work(browser: Any, base: str) -> None:
    page, _ = _open(browser, base + "tambak-sari/")
    for key in ("/", "s", "f"):
        page.evaluate("document.activeElement && document.activeElement.blur()")
        page.keyboard.press(key)
        assert page.evaluate("document.activeElement.name") == "query", key
        assert page.evaluate("document.getElementById('__search').checked")
        page.wait_for_function("() => !document.querySelector('input[name=plpbk-scope]').tabIndex")  # search.js started
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__search').checked")
        assert page.evaluate("document.activeElement.name") != "query"
    page.keyboard.press("/")
    page.keyboard.type("pompa")
    # the results for the whole word: a loaded machine can type slower than the debounce and show "pomp" first
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').dataset.query === 'pompa'")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first and first.endswith("/")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.name") == "query"
    page.keyboard.press("Enter")
    page.wait_for_url("**/rencana/**")
    page.close()


def test_keys_open_and_close_the_panel_while_search_js_is_still_downloading(browser: Any, base: str) -> None:
    """On slow data the module can take seconds: the panel must answer the keys before it arrives."""
    # No service worker: a request the site's worker answers never reaches page.route, which holds search.js here.
    page = browser.new_page(viewport={"width": 1280, "height": 800}, service_workers="block")
    held: list[Any] = []
    page.route("**/assets/plpbk/search.js", lambda route: held.append(route))
    page.goto(base + "tambak-sari/", wait_until="networkidle")
    page.keyboard.press("/")
    for _ in range(100):  # the route handler runs while Playwright waits
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the first key asks for search.js"
    assert page.evaluate("document.querySelector('input[name=plpbk-scope]').tabIndex") == -1  # not started
    assert page.evaluate("document.activeElement.name") == "query"
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.name") != "query"
    page.keyboard.press("f")
    page.keyboard.press("Shift+Tab")  # the keyboard walks on: the panel must not stay over the page
    assert not page.evaluate("document.getElementById('__search').checked")
    assert not page.evaluate("document.querySelector('[data-plpbk-search]').contains(document.activeElement)")
    held[0].continue_()
    page.keyboard.press("s")
    page.keyboard.type("pompa")
    page.wait_for_selector(".md-search-result__list a")
    page.close()


def test_english_pages_search_the_english_index(browser: Any, base: str) -> None:
    page, requests = _open(browser, base + "en/tambak-sari/")
    assert page.get_attribute("html", "lang") == "en"
    _search(page, "pompa")
    assert any("/pagefind/pagefind.en_" in url for url in requests)
    assert not any("/pagefind/pagefind.id_" in url for url in requests)
    page.close()


@pytest.mark.parametrize("size", [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_results_panel_screenshots(browser: Any, base: str, size: tuple[int, int]) -> None:
    page, _ = _open(browser, base + "lorong-garam/rencana/", size)
    page.keyboard.press("/")
    results = _search(page, "pompa")
    assert results
    panel = page.locator(".md-search__output")
    assert panel.is_visible()
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= size[0] + 1  # fits the screen
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"search-{size[0]}x{size[1]}.png"))
    page.close()


@pytest.mark.parametrize("size", [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_open_results_panel_passes_axe(browser: Any, base: str, size: tuple[int, int]) -> None:
    page, _ = _open(browser, base + "lorong-garam/", size)
    page.keyboard.press("/")
    assert _search(page, "pompa")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = [f"{v['id']} [{v['impact']}] {v['nodes'][0]['target']}" for v in result["violations"]
             if set(v["tags"]) & WCAG_A_AA or v["impact"] in {"serious", "critical"}]
    assert not found, found
    page.close()
