"""The form editor at /admin/ in real headless Chromium: it loads, opens a kawasan, saves valid YAML.

The site is built from the demo plans with a GitHub ``repo_url`` and served on loopback. The CMS
talks to GitHub only after sign-in; here the first test loads the real configuration (sign-in
screen, no configuration error), the others swap the backend for Sveltia's ``test-repo``, a
repository kept in the browser's private file system (OPFS) that the test fills with the plans.
The CMS's web fonts (jsDelivr), its update check (unpkg) and GitHub's status are answered locally;
any other request off the site fails the test.
"""

from __future__ import annotations

import base64
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml

from helpers.quality_kit import serve
from helpers.sitebuild import REPO, build_site, copy_demo_plans, write_site
from plpbk_plugin.plan.reading.loading import load_plan

pytestmark = pytest.mark.browser
ARTIFACTS = REPO / "artifacts" / "screenshots"
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
T = TypeVar("T")
FONTS = REPO / "node_modules" / "@fontsource-variable"
ICON_FONT = FONTS / "material-symbols-outlined" / "files" / "material-symbols-outlined-latin-wght-normal.woff2"
TEXT_FONT = FONTS / "source-sans-3" / "files" / "source-sans-3-latin-wght-normal.woff2"
FALLBACK_FONT = REPO / "plpbk_plugin" / "fonts" / "DejaVuSans.ttf"
CMS_VERSION = re.search(r'^VERSION = "([^"]+)"', (REPO / "scripts" / "vendor_cms.py").read_text(encoding="utf-8"), re.M)
TEST_REPO = "sveltia-cms-test"  # the OPFS folder of Sveltia's test-repo backend
SEED = """async ([folder, files]) => {
  const root = await navigator.storage.getDirectory();
  const top = await root.getDirectoryHandle(folder, {create: true});
  for (const [path, data] of Object.entries(files)) {
    let dir = top;
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const writable = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(Uint8Array.from(atob(data), c => c.charCodeAt(0)));
    await writable.close();
  }
}"""
READ = """async ([folder, path]) => {
  try {
    let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
    const bytes = new Uint8Array(await (await (await dir.getFileHandle(parts.at(-1))).getFile()).arrayBuffer());
    let text = ''; for (const b of bytes) text += String.fromCharCode(b); return btoa(text);
  } catch (error) {  // not written yet, or being rewritten (NotFoundError, NotReadableError)
    return null;
  }
}"""
LIST = """async (folder) => {
  const out = [];
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries())
      if (handle.kind === 'directory') await walk(handle, prefix + name + '/'); else out.push(prefix + name);
  }
  await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle(folder), '');
  return out;
}"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> dict[str, Any]:
    """The demo plans built with a GitHub repo_url, served on loopback under /demo/."""
    root = tmp_path_factory.mktemp("editor")
    copy_demo_plans(root)
    write_site(
        root, site_url="http://127.0.0.1/demo/", repo_url="https://github.com/plpbk-demo/plpbk",
        plugin={"languages": ["id", "en"]},
    )
    site = build_site(root)
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    with serve(site, "/demo/") as url:
        yield {"root": root, "url": url + "admin/", "config": config}


def open_editor(browser, demo: dict[str, Any], size: str, config: dict[str, Any] | None = None):
    """A page on /admin/ that records problems: console errors, page errors, failed or foreign requests."""
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("response", lambda res: problems.append(f"{res.status}: {res.url}") if res.status >= 400 else None)

    def offsite(route) -> None:
        url = route.request.url
        if url.startswith("https://cdn.jsdelivr.net/fontsource/fonts/"):  # the CMS's web fonts
            font = ICON_FONT if "material-symbols" in url else TEXT_FONT
            route.fulfill(path=str(font if font.is_file() else FALLBACK_FONT), content_type="font/woff2")
        elif url == "https://unpkg.com/@sveltia/cms/package.json":  # the CMS's update check
            route.fulfill(json={"version": CMS_VERSION.group(1)})
        elif url == "https://www.githubstatus.com/api/v2/status.json":  # GitHub's incident banner
            route.fulfill(json={"status": {"indicator": "none", "description": "All Systems Operational"}})
        else:
            problems.append(f"request off the site: {url}")
            route.abort()

    page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), offsite)
    if config is not None:
        page.route("**/admin/config.yml*", lambda route: route.fulfill(body=yaml.safe_dump(config), content_type="application/yaml"))
    page.goto(demo["url"])
    return context, page, problems


def with_test_repo(config: dict[str, Any]) -> dict[str, Any]:
    return {**config, "backend": {"name": "test-repo"}}


def seed(page, demo: dict[str, Any]) -> None:
    """The plans, as they sit in the repository, into the test backend's folder."""
    folder = next(c for c in demo["config"]["collections"] if c["name"] == "rencana")["folder"]
    plans = demo["root"] / "plans"
    files = {
        f"{folder}/{path.relative_to(plans).as_posix()}": base64.b64encode(path.read_bytes()).decode()
        for path in sorted(plans.rglob("*")) if path.is_file()
    }
    page.evaluate(SEED, [TEST_REPO, files])


def until(page, probe: Callable[[], T], done: Callable[[T], bool]) -> T:
    """``probe()`` once ``done`` holds on it, else its last value after 10 s: a commit lands in the
    test repository a moment after Save."""
    value = probe()
    for _ in range(100):
        if done(value):
            break
        page.wait_for_timeout(100)
        value = probe()
    return value


def read_saved(page, path: str, done: Callable[[bytes], bool] = bool) -> bytes:
    """The file at `path` in the test repository once `done` holds on its content."""

    def read() -> bytes | None:
        encoded = page.evaluate(READ, [TEST_REPO, path])
        return None if encoded is None else base64.b64decode(encoded)

    data = until(page, read, lambda data: data is not None and done(data))
    assert data is not None and done(data), f"{path} was not saved as expected: {data and data[:500]!r}"
    return data


def sign_in_to_test_repo(page, demo: dict[str, Any]) -> None:
    page.get_by_role("button", name="Work with Test Repository").wait_for()
    seed(page, demo)
    page.get_by_role("button", name="Work with Test Repository").click()
    page.get_by_text("Rencana kawasan", exact=True).first.wait_for()


def open_plans(page) -> None:
    """The plans collection (a phone shows the list of collections first)."""
    page.get_by_text("Rencana kawasan", exact=True).first.click()
    page.get_by_text("Kampung Nelayan Tambak Sari", exact=True).wait_for()


def scroll_until(page, text: str, tries: int = 60) -> bool:
    """Scroll the form (it renders as it scrolls) until ``text`` shows."""
    target = page.get_by_text(text, exact=True)
    for _ in range(tries):
        if target.count() and target.first.is_visible():
            return True
        page.mouse.move(page.viewport_size["width"] // 2, page.viewport_size["height"] // 2)
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(60)
    return False


def test_the_real_configuration_loads_and_asks_for_a_token(browser, demo) -> None:
    context, page, problems = open_editor(browser, demo, "phone")
    page.get_by_role("button", name="Sign In Using Access Token").wait_for()
    assert "error in the CMS configuration" not in page.inner_text("body")
    assert page.title().endswith("penyunting rencana")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "phone-admin-sign-in.png"))
    context.close()
    assert not problems, problems


@pytest.mark.parametrize("size", SIZES)
def test_a_kawasan_opens_with_its_projects(browser, demo, size: str) -> None:
    context, page, problems = open_editor(browser, demo, size, with_test_repo(demo["config"]))
    sign_in_to_test_repo(page, demo)
    body = page.inner_text("body")
    assert "error in the CMS configuration" not in body
    for label in ("Rencana kawasan", "Terjemahan (English)", "Kabar: Kampung Nelayan Tambak Sari"):
        assert label in body, label
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    open_plans(page)
    page.screenshot(path=str(ARTIFACTS / f"{size}-admin-collection.png"))
    page.get_by_text("Kampung Nelayan Tambak Sari", exact=True).click()
    page.get_by_text("Nama kawasan", exact=True).wait_for()
    page.screenshot(path=str(ARTIFACTS / f"{size}-admin-kawasan.png"))
    plan, _errors, _warnings = load_plan(demo["root"] / "plans" / "tambak-sari")
    assert plan is not None
    for project in plan.kawasan.projects:  # every project shows in the form, by its title
        assert scroll_until(page, project.title), project.title
    page.get_by_text(plan.kawasan.projects[-1].title, exact=True).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"{size}-admin-projects.png"))
    context.close()
    assert not problems, problems


def upload(page, field_text: str, photo: Path, shown: str) -> None:
    """Replace the image of the field showing ``field_text`` with ``photo``; wait until it shows ``shown``."""
    assert scroll_until(page, field_text), field_text
    field = page.locator("section, div").filter(has=page.get_by_text(field_text, exact=True))
    field = field.filter(has=page.get_by_role("button", name="Replace")).last
    field.get_by_role("button", name="Replace").first.click()
    page.locator("[role=dialog] input[type=file]").first.set_input_files(str(photo))
    page.get_by_role("dialog").get_by_text(photo.stem.lower().replace(" ", "-"), exact=False).first.wait_for()
    page.get_by_role("dialog").get_by_role("button", name="Insert").click()
    page.get_by_text(shown, exact=True).wait_for()


def test_saving_writes_a_valid_plan_and_uploads_into_the_kawasan(browser, demo, tmp_path: Path) -> None:
    context, page, problems = open_editor(browser, demo, "desktop", with_test_repo(demo["config"]))
    sign_in_to_test_repo(page, demo)
    folder = next(c for c in demo["config"]["collections"] if c["name"] == "rencana")["folder"]
    open_plans(page)
    page.get_by_text("Kampung Nelayan Tambak Sari", exact=True).click()
    page.get_by_role("textbox", name="Slogan").fill("Kampung nelayan yang menata diri melawan rob, kini lewat formulir.")
    photo, logo = tmp_path / "Foto Balai Warga.png", tmp_path / "Logo Mitra Baru.png"
    for path in (photo, logo):
        shutil.copy(REPO / "tests" / "data" / "tile.png", path)
    # a partner's logo: the field's own folder (logos/), inside the kawasan's folder
    assert scroll_until(page, "PT Samudra Energi Nusantara")
    partner = page.locator("div, section, li").filter(has=page.get_by_text("PT Samudra Energi Nusantara", exact=True))
    partner.filter(has=page.get_by_role("button", name="Expand")).last.get_by_role("button", name="Expand").first.click()
    upload(page, "logos/samudra-energi.png", logo, "logos/logo-mitra-baru.webp")
    # the hero photo: the collection's folder (photos/)
    upload(page, "photos/kampung-tambak-sari.jpg", photo, "photos/foto-balai-warga.webp")
    page.get_by_role("button", name="Save").first.click()
    expected = {f"{folder}/tambak-sari/photos/foto-balai-warga.webp", f"{folder}/tambak-sari/logos/logo-mitra-baru.webp"}
    files = until(page, lambda: set(page.evaluate(LIST, TEST_REPO)), expected.issubset)
    assert expected <= files, sorted(files)  # renamed without spaces, scaled, WebP, each in its folder
    saved = tmp_path / "plans" / "tambak-sari"
    shutil.copytree(demo["root"] / "plans" / "tambak-sari", saved)
    for name in ("photos/foto-balai-warga.webp", "logos/logo-mitra-baru.webp"):
        (saved / name).write_bytes(read_saved(page, f"{folder}/tambak-sari/{name}"))
    plan_file = read_saved(page, f"{folder}/tambak-sari/kawasan.yml", lambda data: b"kini lewat formulir." in data)
    (saved / "kawasan.yml").write_bytes(plan_file)
    plan, errors, _warnings = load_plan(saved)
    assert errors == [] and plan is not None, [str(error) for error in errors]
    assert plan.kawasan.tagline.endswith("kini lewat formulir.")
    assert plan.kawasan.photos is not None and plan.kawasan.photos.hero == "photos/foto-balai-warga.webp"
    assert plan.kawasan.partners[0].logo == "logos/logo-mitra-baru.webp"
    original, _errors, _warnings = load_plan(demo["root"] / "plans" / "tambak-sari")
    assert original is not None and plan.kawasan.projects == original.kawasan.projects  # untouched fields stay as they were
    context.close()
    assert not problems, problems


def test_a_translation_saves_a_valid_overlay(browser, demo, tmp_path: Path) -> None:
    context, page, problems = open_editor(browser, demo, "phone", with_test_repo(demo["config"]))
    sign_in_to_test_repo(page, demo)
    folder = next(c for c in demo["config"]["collections"] if c["name"] == "terjemahan-en")["folder"]
    page.get_by_text("Terjemahan (English)", exact=True).first.click()
    page.get_by_text("cigadung-hijau", exact=True).click()
    page.get_by_role("textbox", name="Slogan").fill("A hillside kampung, now translated in a form.")
    page.get_by_role("button", name="Save").first.click()
    overlay = read_saved(page, f"{folder}/cigadung-hijau/kawasan.en.yml", lambda data: b"now translated in a form" in data)
    saved = tmp_path / "cigadung-hijau"
    shutil.copytree(demo["root"] / "plans" / "cigadung-hijau", saved)
    (saved / "kawasan.en.yml").write_bytes(overlay)
    plan, errors, _warnings = load_plan(saved)
    assert errors == [] and plan is not None, [str(error) for error in errors]
    english = plan.translations["en"]
    assert english.tagline == "A hillside kampung, now translated in a form."
    assert english.projects[0].title == "Community waste sorting site (TPS3R)"  # matched by id, kept
    context.close()
    assert not problems, problems
