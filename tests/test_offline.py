"""Reading offline and installing the site, in the built files: the manifest (valid against
SchemaStore's web-manifest schema, vendored in tests/data/web-manifest/ with its licence), the
icons, the links in every page's head, the offline pages, each kawasan's list and the worker.
The browser's side is tests/test_offline_browser.py."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import zlib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from mkdocs.exceptions import Abort
from PIL import Image

from helpers.plans import LORONG_GARAM, make_rich, plan
from helpers.sitebuild import build_site, isolated_build, page, write_photo, write_plan, write_site
from plpbk_plugin.i18n import translator
from plpbk_plugin.media.icons import IconMaker, IconSource, initials
from plpbk_plugin.site.webapp.manifest import PRIMARY, short_name, theme_colours
from plpbk_plugin.site.webapp.saving import page_files, resolve

SCHEMA = Path(__file__).parent / "data" / "web-manifest" / "web-manifest.json"
TEAL = (0, 148, 133)


# -- pieces --------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "short"), [
    ("Lorong Garam", "Lorong Garam"),
    ("Kampung Nelayan Tambak Sari", "Tambak Sari"),
    ("Cigadung Hijau", "Cigadung"),
    ("Portal Rencana Kawasan (contoh)", "Rencana"),
    ("Kelurahanpanjangsekali", "Kelurahanpan"),
])
def test_short_name_fits_under_an_icon(name: str, short: str) -> None:
    assert short_name(name) == short
    assert len(short_name(name)) <= 12


def test_theme_colours_follow_materials_palette() -> None:
    assert theme_colours({"primary": "teal"}) == ("#009485", "#ffffff")
    assert theme_colours({"primary": "deep orange", "scheme": "slate"}) == ("#ff6e42", "#1e2129")
    assert theme_colours([{"primary": "red", "media": "(prefers-color-scheme: light)"}, {"primary": "blue"}])[0] == "#ef5552"
    assert theme_colours(None) == (PRIMARY["indigo"], "#ffffff")  # Material's default
    assert theme_colours({"primary": "no-such-colour"})[0] == PRIMARY["indigo"]


def test_a_custom_primary_colour_is_read_from_the_sites_stylesheet(tmp_path: Path) -> None:
    css = tmp_path / "extra.css"
    css.write_text(":root > * {\n  --md-primary-fg-color: #8A2BE2;\n  --md-primary-fg-color--light: #aaa;\n}\n", encoding="utf-8")
    assert theme_colours({"primary": "custom"}, [tmp_path / "missing.css", css]) == ("#8a2be2", "#ffffff")
    assert theme_colours({"primary": "custom"}, [])[0] == PRIMARY["indigo"]


def test_a_page_loads_its_styles_scripts_and_each_photo_once_at_phone_size() -> None:
    html = """<head><link rel="icon" href="../assets/images/favicon.png"><link rel="canonical" href="https://x.org/a/">
    <link rel="stylesheet" href="../assets/a.css?v=1"><link rel="manifest" href="../manifest.webmanifest">
    <script src="../assets/b.js"></script><script>inline()</script><script src="https://cdn.example/x.js"></script></head>
    <picture><source type="image/webp" srcset="../assets/plpbk/img/0123456789abcdef-480.webp 480w, ../assets/plpbk/img/0123456789abcdef-960.webp 960w">
    <img src="../assets/plpbk/img/0123456789abcdef-960.jpg" srcset="../assets/plpbk/img/0123456789abcdef-480.jpg 480w, ../assets/plpbk/img/0123456789abcdef-960.jpg 960w"></picture>
    <img src="../assets/plpbk/img/fedcba9876543210-320.webp" srcset="../assets/plpbk/img/fedcba9876543210-160.webp 160w, ../assets/plpbk/img/fedcba9876543210-320.webp 320w">
    <img src="data:image/png;base64,xx"><img src="/elsewhere/x.png"><img src="gambar &amp; peta.png">"""
    assert page_files(html, "tambak-sari/") == [
        "assets/images/favicon.png", "assets/a.css", "assets/b.js", "tambak-sari/gambar & peta.png",
        "assets/plpbk/img/0123456789abcdef-480.webp", "assets/plpbk/img/fedcba9876543210-320.webp",
    ]
    assert resolve("a/b/", "../../../x.css") is None and resolve("", "javascript:x") is None
    assert resolve("a/index.html", "b.css") == "a/b.css"


def _near(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Colours equal but for JPEG's rounding."""
    return all(abs(x - y) <= 3 for x, y in zip(a, b))


def _colours(png: Path) -> int:
    with Image.open(png) as im:
        return len(im.convert("RGB").getcolors(1 << 20) or [])


def test_icons_from_a_logo_a_photo_or_the_initials(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGBA", (300, 150), (200, 30, 30, 255)).save(logo)
    photo = tmp_path / "foto.jpg"
    write_photo(photo, (1200, 800), "#2a9d8f")
    maker = IconMaker(tmp_path / "cache")
    for source in (IconSource("Portal", TEAL, (255, 255, 255), logo, "logo"), IconSource("Portal", TEAL, (255, 255, 255), photo),
                   IconSource("Portal Rencana", TEAL, (255, 255, 255))):
        icons = maker.make(source)
        assert [(i.size, i.purpose) for i in icons] == [(192, "any"), (512, "any"), (512, "maskable")]
        site = tmp_path / "site"
        maker.publish(site)
        for icon in icons:
            assert re.fullmatch(r"assets/plpbk/icons/[0-9a-f]{16}-(maskable-)?\d+\.png", icon.url)
            with Image.open(site / icon.url) as im:
                assert im.format == "PNG" and im.size == (icon.size, icon.size)
        big = site / icons[1].url
        with Image.open(big) as im:
            corner, centre = im.convert("RGB").getpixel((2, 2)), im.convert("RGB").getpixel((256, 256))
        if source.kind == "logo" and source.image:  # the whole logo on the background
            assert corner == (255, 255, 255) and centre == (200, 30, 30)
        elif source.image:  # the photo fills the square
            assert _near(corner, (42, 157, 143)) and _near(centre, (42, 157, 143))
        else:  # white initials on the theme colour
            assert corner == TEAL and _colours(big) > 2
    assert initials("portal rencana kawasan") == "PR" and initials("(contoh)") == "C" and initials("—") == "?"


def test_icons_are_kept_in_the_cache_and_a_broken_logo_gives_way_to_the_initials(tmp_path: Path) -> None:
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"\x89PNG not really")
    said: list[str] = []
    maker = IconMaker(tmp_path / "cache")
    icons = maker.make(IconSource("Kampung Uji", TEAL, (255, 255, 255), broken, "logo"), said.append)
    assert said and "logo.png" in said[0]
    cached = tmp_path / "cache" / "icons" / icons[0].url.split("/")[-1].split("-")[0] / icons[0].url.split("/")[-1]
    stamp = cached.stat().st_mtime_ns
    again = IconMaker(tmp_path / "cache").make(IconSource("Kampung Uji", TEAL, (255, 255, 255)))
    assert again == icons and cached.stat().st_mtime_ns == stamp  # drawn once


# -- built sites -----------------------------------------------------------------------------


def _portal(root: Path, **plugin: Any) -> Path:
    make_rich(root / "plans")
    write_plan(root / "plans", "lorong-garam", plan(LORONG_GARAM))
    write_site(root, plugin={"languages": ["id", "en"], **plugin}, repo_url="https://github.com/contoh/portal",
               theme={"name": "material", "language": "id", "font": False, "palette": {"primary": "teal"}})
    return root


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return isolated_build(_portal(tmp_path_factory.mktemp("portal")))


def _list(site: Path, path: str) -> dict[str, Any]:
    return json.loads((site / path).read_text(encoding="utf-8"))


def _head(html: str) -> str:
    return html.split("</head>", 1)[0]


@pytest.mark.slow
def test_the_manifest_is_valid_and_installs_the_portal(portal: Path) -> None:
    manifest = json.loads((portal / "manifest.webmanifest").read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(manifest)
    assert manifest["name"] == "Uji Portal" and manifest["short_name"] == "Uji Portal" and manifest["lang"] == "id"
    assert manifest["start_url"] == manifest["scope"] == "./" and manifest["display"] == "standalone" and "id" not in manifest
    assert manifest["theme_color"] == "#009485" and manifest["background_color"] == "#ffffff"
    sizes = {(icon["sizes"], icon.get("purpose")) for icon in manifest["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in manifest["icons"]:
        assert icon["type"] == "image/png" and not icon["src"].startswith(("/", "http"))
        with Image.open(portal / icon["src"]) as im:
            assert f"{im.width}x{im.height}" == icon["sizes"]


@pytest.mark.slow
def test_every_page_links_the_manifest_and_registers_the_worker_relative_to_the_site(portal: Path) -> None:
    # the form editor and the cards to embed (a partner's iframe: nothing but themselves) are not pages of the site
    pages = [p for p in portal.rglob("index.html")
             if not p.relative_to(portal).as_posix().startswith("admin/") and p.parent.name != "sematkan"]
    assert len(pages) > 30
    for path in pages:
        head = _head(path.read_text(encoding="utf-8"))
        depth = len(path.relative_to(portal).parts) - 1
        root = "../" * depth or "./"
        assert f'<link rel="manifest" href="{root}manifest.webmanifest">' in head, path
        assert '<meta name="theme-color" content="#009485">' in head, path
        assert f'new URL("{root}", document.baseURI)' in head and 'sw.register(root + "sw.js", {scope: root})' in head, path
    missing = _head((portal / "404.html").read_text(encoding="utf-8"))  # served at any address: the site's path
    assert '<link rel="manifest" href="/portal/manifest.webmanifest">' in missing and 'new URL("/portal/"' in missing
    assert "serviceWorker" not in (portal / "admin" / "index.html").read_text(encoding="utf-8")  # the editor registers nothing


@pytest.mark.slow
def test_offline_pages_in_each_language_are_out_of_the_index(portal: Path) -> None:
    for path, lang, heading in (("offline", "id", "Halaman ini belum tersedia offline"), ("en/offline", "en", "This page is not available offline")):
        html = page(portal, path)
        assert f'<html lang="{lang}"' in html and f"<h1>{heading}</h1>" in html
        assert '<meta name="robots" content="noindex">' in _head(html)
        assert "data-pagefind-body" not in html and "data-plpbk-offline-page" in html
    assert "Membaca tanpa sinyal" in page(portal, "offline") and "Reading without signal" in page(portal, "en/offline")
    indexed = json.loads((portal / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
    assert indexed  # and the offline pages are not among the pages a search returns (no data-pagefind-body)


@pytest.mark.slow
def test_beranda_offers_to_save_its_kawasan_hidden_without_javascript(portal: Path) -> None:
    html = page(portal, "tambak-sari")
    box = re.search(r'<section class="plpbk-offline"[^>]*>', html)
    assert box and " hidden" in box.group(0) and 'data-list="offline.json"' in box.group(0)
    assert "Simpan untuk dibaca offline" in html and "Menyimpan… {percent}%" in html
    assert '<script src="../assets/plpbk/offline.js" defer></script>' in html
    english = page(portal, "en/tambak-sari")
    assert 'data-list="offline.json"' in english and "Save for offline reading" in english
    for other in ("tambak-sari/rencana", "tambak-sari/gagasan", ""):
        assert "data-plpbk-offline " not in page(portal, other)


@pytest.mark.slow
def test_a_kawasan_list_holds_its_pages_in_the_language_their_files_and_the_proposal(portal: Path) -> None:
    data = _list(portal, "tambak-sari/offline.json")
    assert data["kawasan"] == "tambak-sari" and data["lang"] == "id" and data["home"] == "tambak-sari/"
    urls = [p["url"] for p in data["pages"]]
    assert urls[0] == "tambak-sari/" and data["pages"][0]["title"] == "Beranda"
    for expected in ("gagasan/", "rencana/", "rencana/jalan-rw03/", "kemitraan/", "kabar/", "kabar/awal/"):
        assert "tambak-sari/" + expected in urls
    for left_out in ("cetak/", "dokumen/", "galeri/"):
        assert "tambak-sari/" + left_out not in urls
    files = {path: (digest, cost) for path, digest, cost in data["files"]}
    assert set(urls) <= set(files) and "tambak-sari/proposal.pdf" in files
    assert any(p.startswith("assets/stylesheets/main.") for p in files) and "assets/plpbk/offline.js" in files
    photos = [p for p in files if p.startswith("assets/plpbk/img/")]
    assert photos and all(p.endswith(".webp") and int(p.rsplit("-", 1)[1].split(".")[0]) <= 480 for p in photos)
    assert not [p for p in files if "admin" in p or "/cms/" in p or p.startswith("pagefind/")]
    for path, (digest, cost) in files.items():
        built = portal / (path + "index.html" if path.endswith("/") else path)
        raw = built.read_bytes()
        assert digest == hashlib.sha256(raw).hexdigest()[:12], path
        assert cost == (len(zlib.compress(raw, 6)) if path.endswith(("/", ".css", ".js")) else len(raw)), path
    assert data["bytes"] == sum(cost for _, cost in files.values())
    assert data["size"] == "± " + translator("id").file_size(data["bytes"])
    english = _list(portal, "en/tambak-sari/offline.json")
    assert english["lang"] == "en" and english["size"].startswith("about ")
    assert all(p["url"].startswith("en/tambak-sari/") for p in english["pages"]) and "en/tambak-sari/proposal.pdf" in {f[0] for f in english["files"]}
    assert {p["url"] for p in _list(portal, "lorong-garam/offline.json")["pages"]} >= {"lorong-garam/", "lorong-garam/rencana/p1/"}


@pytest.mark.slow
def test_the_worker_carries_the_build_and_keeps_only_the_offline_pages_at_install(portal: Path) -> None:
    worker = (portal / "sw.js").read_text(encoding="utf-8")
    settings = json.loads(worker.split("\n", 1)[0].removeprefix("const PLPBK = ").removesuffix(";"))
    assert re.fullmatch(r"[0-9a-f]{16}", settings["build"]) and settings["list"] == "offline.json"
    assert settings["offline"] == {"": "offline/", "en/": "en/offline/"}
    assert settings["precache"][0] == "offline/" and "en/offline/" in settings["precache"]
    kawasan = [p for p in settings["precache"] if "tambak-sari" in p or "lorong-garam" in p or p.endswith(".webp")]
    assert not kawasan  # nothing of a kawasan before the visitor asks
    assert all((portal / (p + "index.html" if p.endswith("/") else p)).is_file() for p in settings["precache"])
    assert "self.registration.unregister" not in worker and "admin\\/" in worker


@pytest.mark.slow
def test_the_build_id_follows_the_pages(tmp_path: Path) -> None:
    root = _portal(tmp_path / "a")
    first = json.loads((isolated_build(root) / "sw.js").read_text().split("\n", 1)[0][len("const PLPBK = "):-1])["build"]
    again = json.loads((isolated_build(root) / "sw.js").read_text().split("\n", 1)[0][len("const PLPBK = "):-1])["build"]
    plan = root / "plans" / "lorong-garam" / "kawasan.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Rencana muda.", "Rencana yang tumbuh."), encoding="utf-8")
    changed = json.loads((isolated_build(root) / "sw.js").read_text().split("\n", 1)[0][len("const PLPBK = "):-1])["build"]
    assert first == again != changed


@pytest.mark.slow
def test_a_community_site_installs_as_its_kawasan_with_its_photo(tmp_path: Path) -> None:
    make_rich(tmp_path / "plans")
    write_site(tmp_path, plugin={"short_name": "Tambak Sari"})
    site = isolated_build(tmp_path)
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    plan = yaml.safe_load((tmp_path / "plans" / "tambak-sari" / "kawasan.yml").read_text(encoding="utf-8"))
    assert manifest["name"] == plan["name"] and manifest["short_name"] == "Tambak Sari"
    assert manifest["description"] == plan["tagline"] and manifest["theme_color"] == PRIMARY["indigo"]
    with Image.open(site / manifest["icons"][1]["src"]) as im:
        assert _near(im.convert("RGB").getpixel((5, 5)), (42, 157, 143)) and _near(im.convert("RGB").getpixel((400, 300)), (42, 157, 143))
    data = _list(site, "offline.json")
    assert data["home"] == "" and data["pages"][0]["url"] == "" and "proposal.pdf" in {f[0] for f in data["files"]}
    assert (site / "offline" / "index.html").is_file()
    assert 'data-list="offline.json"' in page(site, "")


@pytest.mark.slow
def test_the_sites_own_logo_makes_the_icons(tmp_path: Path) -> None:
    make_rich(tmp_path / "plans")
    (tmp_path / "docs" / "gambar").mkdir(parents=True)
    Image.new("RGB", (400, 400), (10, 20, 200)).save(tmp_path / "docs" / "gambar" / "logo.png")
    write_site(tmp_path, theme={"name": "material", "language": "id", "font": False, "logo": "gambar/logo.png"})
    site = isolated_build(tmp_path)
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    with Image.open(site / manifest["icons"][2]["src"]) as im:  # maskable: the logo inside the safe zone
        assert im.convert("RGB").getpixel((256, 256)) == (10, 20, 200) and im.convert("RGB").getpixel((40, 40)) == (255, 255, 255)


@pytest.mark.slow
def test_offline_false_ships_the_worker_that_removes_itself_and_keeps_the_manifest(tmp_path: Path) -> None:
    site = isolated_build(_portal(tmp_path, offline=False))
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert "self.registration.unregister()" in worker and "caches.delete" in worker and "fetch" not in worker
    assert not (site / "offline").exists() and not (site / "tambak-sari" / "offline.json").exists()
    html = page(site, "tambak-sari")
    assert "data-plpbk-offline" not in html and "serviceWorker" not in html and "offline.js" not in html
    assert '<link rel="manifest" href="../manifest.webmanifest">' in html and (site / "manifest.webmanifest").is_file()


@pytest.mark.slow
def test_a_kawasan_folder_named_offline_is_refused_on_a_portal(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write_plan(tmp_path / "plans", "offline", plan(LORONG_GARAM))
    write_plan(tmp_path / "plans", "lorong-garam", plan(LORONG_GARAM))
    write_site(tmp_path)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path)
    assert "plans/offline/: nama folder ini dipakai portal sebagai alamatnya sendiri (/offline/" in caplog.text
