"""Reading offline in real Chromium, on a portal served like a GitHub Pages project site (under
/<repo>/, with site_url saying so), the signal cut with Playwright's offline mode: the worker
registers for the site's folder and keeps only the page being read; pages read before open
offline; a saved kawasan opens offline, pages never visited included, and can be removed; a page
that is not kept gives the offline page, which lists what is; a new build shows online and
reaches the saved kawasan; the form editor is never cached; offline: false removes the worker; the
site installs (Chromium's own check, and Lighthouse's manifest parser); axe finds nothing on the
new parts. Screenshots of the save box (before, during, after saving) and the offline page, at
phone and desktop sizes, go to artifacts/offline/."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError

from helpers import quality_kit as kit
from helpers.plans import LORONG_GARAM, make_rich, plan
from helpers.sitebuild import REPO, isolated_build, small_copy, write_plan, write_site

pytestmark = pytest.mark.browser

PREFIX = "/rencana-kota/"  # a project site: https://<account>.github.io/rencana-kota/
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
ARTIFACTS = REPO / "artifacts" / "offline"
WCAG_A_AA = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"}
CACHES = """async () => {
    const found = {};
    for (const name of await caches.keys()) found[name] = (await (await caches.open(name)).keys()).map(r => r.url);
    return found;
}"""
CACHED = "url => caches.match(url).then(Boolean)"
SAVED_TEXT = "([url, text]) => caches.match(url).then(r => r ? r.text() : '').then(t => t.includes(text))"


GATE = threading.Event()
"""Closed, it holds proposal.pdf back: a save stays in progress as long as a test needs."""
GATE.set()


def _gated(path: str) -> None:
    if path.endswith("proposal.pdf"):
        GATE.wait(60)


# Files are sent with ``Cache-Control: no-cache`` (GitHub Pages sends max-age=600): offline, the
# browser's own HTTP cache then cannot answer, so what opens offline comes from the worker's caches.
SERVED = {"cache_control": "no-cache", "hold": _gated}


@dataclass
class Site:
    root: Path
    url: str


def _write(root: Path, port: int, **plugin: Any) -> None:
    if not (root / "plans").exists():
        make_rich(root / "plans")
        write_plan(root / "plans", "lorong-garam", plan(LORONG_GARAM))
    write_site(root, plugin={"languages": ["id", "en"], "cache_dir": str(root.parent / "cache"), **plugin},
               site_url=f"http://127.0.0.1:{port}{PREFIX}", repo_url="https://github.com/contoh/rencana-kota",
               theme={"name": "material", "language": "id", "font": False, "palette": {"primary": "teal"}})


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("offline") / "situs"
    server = kit.bind()
    _write(root, server.port)
    with kit.serve(isolated_build(root), PREFIX, server, **SERVED) as url:
        yield Site(root, url)


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[Site, Any]]:
    """A site of its own, for a test that builds it again; and its server."""
    root = tmp_path / "situs"
    server = kit.bind()
    _write(root, server.port)
    with kit.serve(isolated_build(root), PREFIX, server, **SERVED) as url:
        yield Site(root, url), server


def _visitor(browser: Any, size: str = "phone") -> Any:
    width, height = SIZES[size]
    return browser.new_context(viewport={"width": width, "height": height})


def _open(page: Any, url: str) -> None:
    page.goto(url, wait_until="load")


def _controlled(page: Any) -> None:
    """Wait until the worker controls the page and has kept it."""
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    _until(page, CACHED, page.url)


def _until(page: Any, script: str, arg: Any = None, polls: int = 150) -> None:
    """Wait until ``script`` (which may return a promise: page.wait_for_function does not wait for
    one) gives a truthy value; at most ``polls`` tries, 200 ms apart."""
    for _ in range(polls):
        if page.evaluate(script, arg):
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"still false: {script} ({arg})")


def _save(page: Any) -> None:
    page.locator("[data-plpbk-offline] [data-save]").click()
    page.wait_for_selector("[data-plpbk-offline][data-state=saved]", timeout=60_000)


def _with_saved_kawasan(browser: Any, site: Site, size: str = "phone") -> tuple[Any, Any]:
    """A visitor who opened tambak-sari's Beranda and saved the kawasan: the context and its page."""
    context = _visitor(browser, size)
    page = context.new_page()
    _open(page, site.url + "tambak-sari/")
    _controlled(page)
    _save(page)
    return context, page


def _shot(page: Any, name: str, size: str, locator: str | None = None) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if locator:
        page.locator(locator).scroll_into_view_if_needed()
        page.evaluate(f"document.querySelector({locator!r}).scrollIntoView({{block: 'center'}})")
    page.screenshot(path=str(ARTIFACTS / f"{name}-{size}.png"), animations="disabled")


def _is_offline_page(page: Any) -> bool:
    return page.locator("[data-plpbk-offline-page]").count() == 1


def test_a_first_visit_registers_the_worker_for_the_sites_folder_and_keeps_only_that_page(browser: Any, site: Site) -> None:
    context = _visitor(browser)
    fetched: list[str] = []
    context.on("request", lambda request: fetched.append(request.url) if request.service_worker else None)
    page = context.new_page()
    _open(page, site.url + "tambak-sari/rencana/jalan-rw03/")
    _controlled(page)
    assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)") == site.url
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == site.url + "sw.js"
    page.wait_for_load_state("networkidle")
    kept = [url for urls in page.evaluate(CACHES).values() for url in urls]
    assert all(url.startswith(site.url) for url in kept), kept
    pages = {url for url in kept if url.endswith("/")}
    assert pages == {site.url + "tambak-sari/rencana/jalan-rw03/", site.url + "offline/", site.url + "en/offline/"}
    assert not [url for url in fetched if re.search(r"/(lorong-garam|tambak-sari)/(?!rencana/jalan-rw03/$)", url)], fetched
    context.close()


def test_pages_read_online_open_offline_and_others_give_the_offline_page(browser: Any, site: Site) -> None:
    context = _visitor(browser)
    page = context.new_page()
    _open(page, site.url + "tambak-sari/rencana/")
    _controlled(page)
    _open(page, site.url + "tambak-sari/rencana/jalan-rw03/")
    _until(page, CACHED, page.url)
    context.set_offline(True)
    _open(page, site.url + "tambak-sari/rencana/")
    assert page.locator("h1").first.inner_text().startswith("Rencana") and not _is_offline_page(page)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"  # styled: its CSS is kept too
    _open(page, site.url + "tambak-sari/rencana/jalan-rw03/")
    assert page.locator("h1").first.inner_text() == "Peninggian jalan RW 03"
    _open(page, site.url + "tambak-sari/gagasan/")
    assert _is_offline_page(page) and page.locator("h1").inner_text() == "Halaman ini belum tersedia offline"
    assert page.evaluate("document.documentElement.lang") == "id"
    links = page.eval_on_selector_all(".plpbk-offline-read a", "links => links.map(a => a.href)")
    assert set(links) == {site.url + "tambak-sari/rencana/", site.url + "tambak-sari/rencana/jalan-rw03/"}
    _open(page, site.url + "en/lorong-garam/")
    assert _is_offline_page(page) and page.locator("h1").inner_text() == "This page is not available offline"
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator("a.md-button", has_text="Go to the home page").click()  # the offline page's links lead into the site
    page.wait_for_url(site.url + "en/")
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_saved_kawasan_opens_offline_never_visited_pages_included_and_can_be_removed(browser: Any, site: Site, size: str) -> None:
    context = _visitor(browser, size)
    page = context.new_page()
    _open(page, site.url + "tambak-sari/")
    _controlled(page)
    box = page.locator("[data-plpbk-offline]")
    box.wait_for(state="visible")
    page.wait_for_function("document.querySelector('[data-plpbk-offline] [data-size]').textContent.includes('±')")
    label = " ".join(page.locator("[data-plpbk-offline] [data-save]").inner_text().split())
    assert re.fullmatch(r"Simpan untuk dibaca offline \(± \d+(,\d)? (KB|MB)\)", label), label
    _shot(page, "simpan-sebelum", size, "[data-plpbk-offline]")
    GATE.clear()  # the proposal waits: the save is shown in progress
    try:
        page.locator("[data-plpbk-offline] [data-save]").click()
        page.wait_for_function("document.querySelector('[data-plpbk-offline] progress').value >= 10")
        assert page.locator("[data-plpbk-offline] [data-save]").is_disabled()
        assert re.fullmatch(r"Menyimpan… \d+%", page.locator("[data-plpbk-offline] [data-status]").inner_text())
        _shot(page, "simpan-sedang", size, "[data-plpbk-offline]")
    finally:
        GATE.set()
    page.wait_for_selector("[data-plpbk-offline][data-state=saved]", timeout=60_000)
    assert page.locator("[data-plpbk-offline] [data-status]").inner_text().startswith("Tersimpan di perangkat ini: ")
    assert page.locator("[data-plpbk-offline] [data-remove]").is_visible()
    _shot(page, "simpan-sesudah", size, "[data-plpbk-offline]")
    page.reload(wait_until="load")  # the saved state is read from the cache
    page.wait_for_selector("[data-plpbk-offline][data-state=saved]")

    context.set_offline(True)
    _open(page, site.url + "tambak-sari/rencana/olahan-ikan/")  # never visited
    assert not _is_offline_page(page) and page.locator("h1").first.is_visible()
    _open(page, site.url + "tambak-sari/kemitraan/")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("[...document.images].every(i => i.complete)")
    photos = page.evaluate("[...document.images].filter(i => i.currentSrc.includes('/assets/plpbk/img/')).map(i => [i.currentSrc, i.naturalWidth])")
    assert photos and all(width for _, width in photos), photos  # the partners' logos, whatever width the page asks for
    _open(page, site.url + "tambak-sari/")
    page.wait_for_function("[...document.images].every(i => i.complete)")
    assert page.evaluate("document.querySelector('.plpbk-hero-img').naturalWidth") > 0
    assert page.evaluate("fetch('proposal.pdf').then(r => r.headers.get('content-type'))") == "application/pdf"
    _open(page, site.url + "lorong-garam/")
    assert _is_offline_page(page)
    assert page.eval_on_selector_all(".plpbk-offline-kawasan > li > a", "links => links.map(a => [a.textContent, a.href])") == [
        [_kawasan_name(site), site.url + "tambak-sari/"]]
    page.locator(".plpbk-offline-kawasan summary").click()
    page.locator(".plpbk-offline-kawasan details a", has_text="Peninggian jalan RW 03").click()  # a saved page from the list, offline
    page.wait_for_url(site.url + "tambak-sari/rencana/jalan-rw03/")
    assert not _is_offline_page(page)
    _open(page, site.url + "lorong-garam/")
    _shot(page, "halaman-offline", size)

    context.set_offline(False)
    _open(page, site.url + "tambak-sari/")
    page.wait_for_selector("[data-plpbk-offline][data-state=saved]")
    page.locator("[data-plpbk-offline] [data-remove]").click()
    page.wait_for_selector("[data-plpbk-offline][data-state=idle]")
    assert page.locator("[data-plpbk-offline] [data-status]").inner_text() == "Sudah dihapus dari perangkat ini."
    context.set_offline(True)
    _open(page, site.url + "tambak-sari/rencana/olahan-ikan/")
    assert _is_offline_page(page)
    context.close()


def _kawasan_name(site: Site) -> str:
    return yaml.safe_load((site.root / "plans" / "tambak-sari" / "kawasan.yml").read_text(encoding="utf-8"))["name"]


def test_the_form_editor_is_never_cached(browser: Any, site: Site) -> None:
    context = _visitor(browser, "desktop")
    page = context.new_page()
    _open(page, site.url)
    _controlled(page)
    _open(page, site.url + "admin/")
    page.wait_for_load_state("networkidle")
    page.evaluate("fetch('config.yml').then(r => r.text())")
    _open(page, site.url + "tambak-sari/")
    _until(page, CACHED, page.url)
    kept = [url for urls in page.evaluate(CACHES).values() for url in urls]
    assert site.url + "tambak-sari/" in kept
    assert not [url for url in kept if "/admin/" in url or "/cms/" in url], kept
    context.set_offline(True)
    with pytest.raises(PlaywrightError, match="ERR_INTERNET_DISCONNECTED"):  # not even the offline page: admin/ is left to the browser
        _open(page, site.url + "admin/")
    context.close()


def _build_id(site: Site) -> str:
    worker = (site.root / "site" / "sw.js").read_text(encoding="utf-8")
    return json.loads(worker.split("\n", 1)[0].removeprefix("const PLPBK = ").removesuffix(";"))["build"]


def test_a_new_build_shows_online_and_reaches_the_saved_kawasan(browser: Any, fresh: tuple[Site, Any]) -> None:
    site, server = fresh
    context, page = _with_saved_kawasan(browser, site)
    old = _build_id(site)
    plan = site.root / "plans" / "tambak-sari" / "kawasan.yml"
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    renamed = "Peninggian jalan RW 03 setinggi 80 cm"
    data["projects"][0]["title"] = renamed
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    isolated_build(site.root)
    assert _build_id(site) != old

    context.set_offline(True)  # offline, the saved copy of the old build
    _open(page, site.url + "tambak-sari/rencana/jalan-rw03/")
    assert renamed not in page.locator("h1").first.inner_text()
    context.set_offline(False)
    page.reload(wait_until="load")  # back online: the new text at once
    assert page.locator("h1").first.inner_text().startswith(renamed)
    # the new build's worker takes over, drops the old build's cache and brings the saved kawasan up to date
    _until(page, "names => caches.keys().then(found => JSON.stringify(found.sort()) === JSON.stringify(names.sort()))",
           [f"plpbk {site.url} {_build_id(site)}", f"plpbk {site.url} saved"])
    _until(page, SAVED_TEXT, [site.url + "tambak-sari/rencana/", renamed])
    context.set_offline(True)
    _open(page, site.url + "tambak-sari/rencana/")  # not read since the new build: from the refreshed saved kawasan
    assert renamed in page.locator(".md-content").inner_text()
    context.close()


def test_acceptance_the_demo_portal_served_like_github_pages(browser: Any, tmp_path: Path) -> None:
    """The demo portal under /<repo>/, with GitHub Pages' ten minutes of HTTP caching: save a kawasan,
    go offline, open a project page never visited: it shows; a page not saved gives the offline page;
    back online after a rebuild, the new text shows (by following a link, not by reloading)."""
    root = tmp_path / "demo"
    root.mkdir()
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, root / name)
    for folder in sorted(p for p in (REPO / "plans").iterdir() if p.is_dir()):
        small_copy(folder, root / "plans" / folder.name)
    server = kit.bind()
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_url"] = f"http://127.0.0.1:{server.port}/plpbk/"
    config["plugins"] = [{"plpbk": {**config["plugins"][0]["plpbk"], "cache_dir": str(tmp_path / "cache")}}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with kit.serve(isolated_build(root), "/plpbk/", server) as url:
        context = _visitor(browser)
        page = context.new_page()
        _open(page, url + "tambak-sari/")
        _controlled(page)
        page.get_by_role("button", name="Simpan untuk dibaca offline").click()
        page.wait_for_selector("[data-plpbk-offline][data-state=saved]", timeout=60_000)
        context.set_offline(True)
        _open(page, url + "tambak-sari/rencana/kelas-pesisir/")
        assert page.locator("h1").first.inner_text() == "Kelas belajar anak pesisir"
        _open(page, url + "lorong-garam/rencana/")
        assert _is_offline_page(page)
        context.set_offline(False)
        plan = root / "plans" / "tambak-sari" / "kawasan.yml"
        plan.write_text(plan.read_text(encoding="utf-8").replace("title: Kelas belajar anak pesisir", "title: Kelas belajar anak pesisir dan nelayan muda"),
                        encoding="utf-8")
        isolated_build(root)
        _open(page, url + "tambak-sari/rencana/")
        page.locator(".md-content a", has_text="Kelas belajar anak pesisir").first.click()
        page.wait_for_url(url + "tambak-sari/rencana/kelas-pesisir/")
        assert page.locator("h1").first.inner_text() == "Kelas belajar anak pesisir dan nelayan muda"
        context.close()


def test_turning_offline_off_removes_the_worker_and_its_caches(browser: Any, fresh: tuple[Site, Any]) -> None:
    site, server = fresh
    context, page = _with_saved_kawasan(browser, site)
    assert page.evaluate("caches.keys()")
    _write(site.root, server.port, offline=False)
    isolated_build(site.root)
    _open(page, site.url + "tambak-sari/rencana/")  # the browser checks the worker at each visit
    _until(page, "navigator.serviceWorker.getRegistrations().then(r => !r.length)")
    _until(page, "caches.keys().then(names => !names.length)")
    page.reload(wait_until="load")
    assert page.evaluate("navigator.serviceWorker.controller") is None
    assert page.locator("[data-plpbk-offline]").count() == 0
    context.close()


def test_the_site_installs_with_its_manifest_icons_and_theme_colour(browser: Any, site: Site, tmp_path: Path) -> None:
    """Chromium's own installability check (DevTools' Page.getInstallabilityErrors) in a profile that
    is not incognito (where installing is refused), and what Lighthouse's removed PWA audits checked,
    with Lighthouse 12's manifest parser: no warning, a theme colour (in the manifest and the page),
    a 512 px icon for the splash screen, a maskable icon."""
    profile = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=str(kit.CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
    try:
        page = profile.new_page()
        _open(page, site.url + "tambak-sari/")
        _controlled(page)
        cdp = profile.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        app = cdp.send("Page.getAppManifest")
        assert app["url"] == site.url + "manifest.webmanifest" and app["errors"] == []
        assert app["manifest"]["startUrl"] == app["manifest"]["scope"] == site.url
        assert app["manifest"]["themeColor"] == "rgba(0,148,133,1)"
        assert page.locator('meta[name="theme-color"]').get_attribute("content") == "#009485"
        for icon in app["manifest"]["icons"]:
            assert page.evaluate("url => fetch(url).then(r => r.ok && r.headers.get('content-type'))", icon["url"]) == "image/png"
    finally:
        profile.close()
    manifest = (site.root / "site" / "manifest.webmanifest").read_text(encoding="utf-8")
    parser = kit.require(kit.NODE_MODULES / "lighthouse" / "core" / "lib" / "manifest-parser.js", "Lighthouse (npm)")
    script = (
        f"import {{parseManifest}} from {json.dumps(str(parser))};"
        "let text = ''; process.stdin.on('data', c => text += c).on('end', () => {"
        f" const m = parseManifest(text, {json.dumps(site.url + 'manifest.webmanifest')}, {json.dumps(site.url)});"
        " const warnings = []; const walk = (o, at) => { if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) {"
        "  if (k === 'warning' && v) warnings.push(at + ': ' + v); else if (k !== 'raw') walk(v, at + '.' + k); } };"
        " walk(m, 'manifest'); const v = m.value;"
        " console.log(JSON.stringify({warnings, theme: v.theme_color.value, background: v.background_color.value,"
        "  display: v.display.value, name: v.name.value, short: v.short_name.value, start: v.start_url.value,"
        "  icons: v.icons.value.map(i => ({sizes: i.value.sizes.value, purpose: i.value.purpose.value, type: i.value.type.value}))}));});"
    )
    done = subprocess.run([kit.node(), "--input-type=module", "-e", script], input=manifest, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    parsed = json.loads(done.stdout)
    assert parsed["warnings"] == [] and parsed["display"] == "standalone" and parsed["start"] == site.url
    assert parsed["theme"] == "#009485" and parsed["background"] == "#ffffff" and parsed["name"] and parsed["short"]
    assert {"512x512"} <= {size for icon in parsed["icons"] for size in icon["sizes"]}
    assert any("maskable" in icon["purpose"] for icon in parsed["icons"]) and all(i["type"] == "image/png" for i in parsed["icons"])


@pytest.mark.parametrize("size", SIZES)
def test_axe_finds_nothing_on_the_save_box_and_the_offline_page(browser: Any, site: Site, size: str) -> None:
    axe_js = kit.require(kit.AXE_JS, "axe-core (npm)")  # missing, the test fails saying how to install it
    context = _visitor(browser, size)
    page = context.new_page()
    found: list[str] = []

    def axe(where: str, part: str = "html") -> None:
        """axe on ``part`` of the page (on Beranda, the box: the whole page is test_quality's, on the demo)."""
        page.add_script_tag(path=str(axe_js))
        result = page.evaluate("part => axe.run(part, {resultTypes: ['violations']})", part)
        found.extend(f"{where}: {v['id']} [{v['impact']}]: {v['nodes'][0]['target']}" for v in result["violations"]
                     if set(v["tags"]) & WCAG_A_AA or v["impact"] in {"serious", "critical"})

    _open(page, site.url + "tambak-sari/")
    _controlled(page)
    page.wait_for_function("document.querySelector('[data-plpbk-offline] [data-size]').textContent")
    axe("beranda, before saving", "[data-plpbk-offline]")
    _save(page)
    axe("beranda, saved", "[data-plpbk-offline]")
    _open(page, site.url + "offline/")
    axe("offline page")
    context.set_offline(True)
    _open(page, site.url + "en/lorong-garam/rencana/")
    assert _is_offline_page(page)
    axe("offline page in English, in place of a page not kept")
    context.close()
    assert not found, "\n".join(found)


def test_no_javascript_no_save_box(browser: Any, site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _open(page, site.url + "tambak-sari/")
    assert page.locator("[data-plpbk-offline]").count() == 1 and not page.locator("[data-plpbk-offline]").is_visible()
    context.close()
