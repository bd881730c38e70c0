"""Promotion acceptance: real builds with phone-sized photos, share cards, the flyer's QR code, the cache.

The fixture site is built once per module from realistic inputs: six 4000×3000 phone JPEGs
(gradients, blotches and sensor grain, 4–6 MB each), one photo stored sideways with EXIF
Orientation = 6 and a GPS IFD, and a transparent PNG partner logo. Everything is checked in
the built files, the way a visitor, WhatsApp's link preview or a phone camera meets them.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from mkdocs.commands.build import build
from mkdocs.config import load_config
from PIL import ExifTags, Image, ImageDraw

from benchmarks.photos import PHONE_MAKE, phone_exif, scene
from helpers.plans import LORONG_GARAM, plan
from helpers.quality_kit import serve
from helpers.sitebuild import build_site, meta, page, write_plan, write_site
from plpbk_plugin.media import images

pytestmark = pytest.mark.slow  # real site builds

SITE_URL = "https://contoh.github.io/portal/"
SLUG = "tambak-sari"
KAWASAN_URL = SITE_URL + SLUG + "/"
LARGE_PHOTOS = ["hero", "jalan", "sumur", "pasar", "mangrove", "perahu"]  # 4000×3000 each
ROTATED = "rapat-warga"
ROTATED_ALT = "Rapat warga di balai RW"
EXIF_MARKER = PHONE_MAKE  # Make tag of every source photo; must not reach the site
RASTER = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"}
IMAGE_SUFFIXES = RASTER | {".svg", ".ico"}
PROJECTS = ["jalan-rw03", "sumur-bor", "kerja-bakti"]
KB = 1024


# -- realistic inputs ---------------------------------------------------------


def phone_photo(path: Path, seed: int, size: tuple[int, int] = (4000, 3000)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    scene(size, seed).save(path, "JPEG", quality=92, exif=phone_exif())
    return path


def sideways_photo(path: Path, seed: int) -> Path:
    """Upright it is 3000×4000 with a red band at the top; stored as 4000×3000 pixels + Orientation 6."""
    upright = scene((4000, 3000), seed).transpose(Image.Transpose.ROTATE_270)
    ImageDraw.Draw(upright).rectangle((0, 0, upright.width, upright.height // 10), fill=(220, 30, 30))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # a viewer turns it 90° clockwise (Orientation 6)
    path.parent.mkdir(parents=True, exist_ok=True)
    stored.save(path, "JPEG", quality=92, exif=phone_exif(orientation=6))
    return path


def logo_png(path: Path) -> Path:
    im = Image.new("RGBA", (1200, 600), (0, 0, 0, 0))
    draw = ImageDraw.Draw(im)
    draw.ellipse((40, 40, 560, 560), fill=(0, 137, 123, 255))
    draw.rounded_rectangle((620, 200, 1160, 400), 40, fill=(240, 160, 30, 230))
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path)
    return path


PROMOTED: dict[str, Any] = {
    "name": "Kampung Nelayan Tambak Sari",
    "tagline": "Dari kampung rob menjadi kampung bahari yang kering dan mandiri",
    "summary": "Warga RW 03–05 menata kampungnya sendiri.",
    "location": {"kelurahan": "Tambakrejo", "kecamatan": "Gayamsari", "city": "Kota Semarang",
                 "province": "Jawa Tengah", "coordinates": {"lat": -6.95, "lon": 110.43}},
    "organization": {"name": "BKM Sari Bahari", "contact": {"whatsapp": "0812-3456-7890", "email": "bkm@contoh.id"}},
    "transformation": {"idea": "Dari warga yang menunggu menjadi warga yang **berdaya**."},
    "projects": [
        {"id": "jalan-rw03", "title": "Peninggian jalan RW 03", "summary": "Jalan setinggi 60 cm.",
         "sector": "lingkungan", "aspect": "jalan", "cost": 1_000_000, "status": "seeking_partners",
         "funding": [{"source": "swadaya", "amount": 200_000}],
         "photos": [{"file": "photos/jalan.jpg", "caption": "Jalan saat rob"}]},
        {"id": "sumur-bor", "title": "Sumur bor komunal", "summary": "Air bersih untuk 120 KK.",
         "sector": "lingkungan", "aspect": "air_minum", "cost": 450_000_000, "status": "planned",
         "photos": [{"file": "photos/sumur.jpg", "caption": "Antre air"}]},
        {"id": "kerja-bakti", "title": "Kerja bakti bulanan", "summary": "Tenaga warga.",
         "sector": "sosial", "cost": 0, "status": "in_progress"},
    ],
    "calls": [
        {"id": "mitra-jalan", "title": "Mitra jalan & drainase", "description": "Kami mencari mitra.",
         "projects": ["jalan-rw03"], "deadline": "2099-12-31"},
        {"id": "mitra-air", "title": "Mitra air bersih", "description": "Sumur dan pipa.",
         "projects": ["sumur-bor"]},
    ],
    "partners": [{"name": "PT Laut Biru", "type": "swasta", "logo": "logos/laut.png", "contribution": "Bibit mangrove"}],
    "photos": {
        "hero": "photos/hero.jpg",
        "gallery": [
            {"file": "photos/pasar.jpg", "caption": "Pasar ikan pagi"},
            {"file": "photos/mangrove.jpg", "caption": "Penanaman mangrove"},
            {"file": "photos/perahu.jpg", "caption": "Perahu nelayan"},
            {"file": f"photos/{ROTATED}.jpg", "caption": ROTATED_ALT},
        ],
    },
}
"""A kawasan with photos of every kind: hero, gallery (one rotated), projects, a partner's logo."""


SMALL = plan(LORONG_GARAM, projects=LORONG_GARAM["projects"][:1], photos={"hero": "photos/hero.jpg"})
"""A young plan with one project and a hero photo."""


# -- fixtures -------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    root: Path
    site: Path


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("promotion")
    folder = write_plan(root / "plans", SLUG, plan(PROMOTED))
    for seed, name in enumerate(LARGE_PHOTOS):
        phone_photo(folder / "photos" / f"{name}.jpg", seed)
    sideways_photo(folder / "photos" / f"{ROTATED}.jpg", 99)
    logo_png(folder / "logos" / "laut.png")
    small = write_plan(root / "plans", "lorong-garam", plan(SMALL))
    phone_photo(small / "photos" / "hero.jpg", 7, (1600, 1200))
    write_site(root, site_url=SITE_URL)
    images._MEMO.clear()  # as in a fresh `mkdocs build`
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    return Built(root, root / "site")


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("single")
    folder = write_plan(root / "plans", "lorong-garam", plan(SMALL))
    phone_photo(folder / "photos" / "hero.jpg", 11, (1600, 1200))
    write_site(root, site_url="https://bkm-garam.github.io/situs/")
    return build_site(root)


def site_images(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())


@dataclass(frozen=True)
class Pic:
    """One <picture> element as a browser sees it; URLs resolved to files in the site."""

    webp: list[tuple[Path, int]]
    fallback: list[tuple[Path, int]]
    src: Path
    width: int
    height: int
    alt: str | None


def pictures(site: Path, path: str) -> list[Pic]:
    here = site / path
    found = []
    for block in re.findall(r"<picture>.*?</picture>", page(site, path), re.S):
        source = re.search(r'<source type="image/webp" srcset="([^"]*)"', block)
        img = re.search(r"<img ([^>]*)>", block).group(1)
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', img))

        def entries(srcset: str) -> list[tuple[Path, int]]:
            out = []
            for item in htmllib.unescape(srcset).split(","):
                url, descriptor = item.split()
                out.append(((here / url).resolve(), int(descriptor.removesuffix("w"))))
            return out

        found.append(Pic(
            webp=entries(source.group(1)) if source else [],
            fallback=entries(attrs.get("srcset", "")) if attrs.get("srcset") else [],
            src=(here / htmllib.unescape(attrs["src"])).resolve(),
            width=int(attrs.get("width", 0)),
            height=int(attrs.get("height", 0)),
            alt=htmllib.unescape(attrs["alt"]) if "alt" in attrs else None,
        ))
    return found


def og_image(site: Path, path: str, site_url: str = SITE_URL) -> Path:
    """The page's og:image as a file in the site, after checking its URL is absolute under site_url."""
    url = meta(page(site, path), "og:image")
    assert url, f"{path or '/'}: no og:image"
    assert url.startswith(site_url), url
    local = site / url.removeprefix(site_url)
    assert local.is_file(), url
    return local


# -- images ---------------------------------------------------------------------


def test_inputs_are_phone_sized(portal: Built) -> None:
    """Guard: the fixture really gives the pipeline multi-megabyte 4000×3000 photos."""
    photos = portal.root / "plans" / SLUG / "photos"
    for name in [*LARGE_PHOTOS, ROTATED]:
        source = photos / f"{name}.jpg"
        with Image.open(source) as im:
            assert im.size == (4000, 3000)
        assert source.stat().st_size > 3 * KB * KB, name


def test_no_image_in_the_site_is_over_400_kb(portal: Built) -> None:
    files = site_images(portal.site)
    published = [p for p in files if "assets/plpbk/img" in p.as_posix()]
    assert len(published) >= 7 * 6  # 7 photos × 3 widths × (WebP + JPEG), plus the logo
    too_big = {str(p.relative_to(portal.site)): p.stat().st_size // KB for p in files if p.stat().st_size > 400 * KB}
    assert not too_big, too_big


def test_hero_offers_two_widths_webp_size_and_alt(portal: Built) -> None:
    hero = pictures(portal.site, SLUG)[0]  # the first picture on Beranda
    assert len(hero.webp) >= 2 and len(hero.fallback) >= 2
    assert len({w for _, w in hero.webp}) >= 2
    assert hero.alt == "Kampung Nelayan Tambak Sari"
    for file, width in hero.webp + hero.fallback:
        with Image.open(file) as im:
            assert im.width == width, file.name  # srcset descriptors tell the truth
            assert im.format == ("WEBP" if (file, width) in hero.webp else "JPEG")
    with Image.open(hero.src) as im:
        assert (hero.width, hero.height) == im.size
        assert abs(hero.width / hero.height - 4 / 3) < 0.01


def test_sideways_photo_is_published_upright(portal: Built) -> None:
    pic = next(p for p in pictures(portal.site, f"{SLUG}/galeri") if p.alt == ROTATED_ALT)
    assert pic.height > pic.width
    for file, _ in pic.webp + pic.fallback:
        with Image.open(file) as im:
            im = im.convert("RGB")
            assert im.height > im.width, file.name
            top = im.crop((0, 0, im.width, im.height // 25)).resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
            bottom = im.crop((0, im.height * 9 // 10, im.width, im.height)).resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
            assert top[0] > 170 and top[1] < 80 and top[2] < 80, (file.name, top)  # the red band is on top
            assert not (bottom[0] > 170 and bottom[1] < 80), (file.name, bottom)


def test_no_published_image_carries_exif_or_gps(portal: Built) -> None:
    for file in site_images(portal.site):
        if file.suffix.lower() not in RASTER:
            continue
        data = file.read_bytes()
        assert EXIF_MARKER.encode() not in data, file
        assert b"Exif\x00\x00" not in data, file
        with Image.open(io.BytesIO(data)) as im:
            exif = im.getexif()
            assert not exif, (file, dict(exif))
            assert not exif.get_ifd(ExifTags.IFD.GPSInfo), file
            assert "exif" not in im.info, file


def test_transparent_logo_stays_transparent(portal: Built) -> None:
    logo = next(p for p in pictures(portal.site, f"{SLUG}/kemitraan") if p.alt and "PT Laut Biru" in p.alt)
    for file, _ in logo.fallback + logo.webp:
        with Image.open(file) as im:
            assert im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info, (file.name, im.mode)
            assert im.convert("RGBA").getchannel("A").getextrema()[0] == 0, file.name


# -- share cards ----------------------------------------------------------------


def test_kawasan_project_and_call_pages_have_their_own_card(portal: Built) -> None:
    paths = [SLUG, *(f"{SLUG}/rencana/{p}" for p in PROJECTS), f"{SLUG}/kemitraan"]
    cards = {path: og_image(portal.site, path) for path in paths}
    for path, card in cards.items():
        assert card.stat().st_size <= 300 * KB, (path, card.stat().st_size)
        with Image.open(card) as im:
            assert im.size == (1200, 630), path
        html = page(portal.site, path)
        assert meta(html, "og:image:width") == "1200" and meta(html, "og:image:height") == "630"
    assert len(set(cards.values())) == len(paths)  # every page its own URL ...
    digests = {hashlib.sha256(card.read_bytes()).hexdigest() for card in cards.values()}
    assert len(digests) == len(paths)  # ... and its own picture
    kemitraan = page(portal.site, f"{SLUG}/kemitraan")
    assert "Mitra jalan" in meta(kemitraan, "og:description")  # the calls' card names the calls


@pytest.mark.parametrize("which", ["portal", "single"])
def test_every_page_has_an_og_image(which: str, request: pytest.FixtureRequest) -> None:
    if which == "portal":
        site, site_url = request.getfixturevalue("portal").site, SITE_URL
    else:
        site, site_url = request.getfixturevalue("single"), "https://bkm-garam.github.io/situs/"
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    pages = [p for p in pages if not p.endswith("sematkan")]  # cards to embed: documents for other sites' frames
    assert len(pages) >= (12 if which == "portal" else 4), pages
    for path in pages:
        path = "" if path == "." else path
        card = og_image(site, path, site_url)
        with Image.open(card) as im:
            assert im.size == (1200, 630), path


@pytest.fixture(scope="module")
def own_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A portal whose editors wrote their own home page and an "about" page in docs/."""
    root = tmp_path_factory.mktemp("own-pages")
    for slug, seed in (("lorong-garam", 21), ("kedua", 22)):
        folder = write_plan(root / "plans", slug, plan(SMALL, name=slug.replace("-", " ").title()))
        phone_photo(folder / "photos" / "hero.jpg", seed, (800, 600))
    write_site(root, site_url=SITE_URL)
    (root / "docs" / "index.md").write_text("# Portal kampung kami\n\nSelamat datang.\n", encoding="utf-8")
    (root / "docs" / "tentang.md").write_text("# Tentang portal\n\nSiapa kami.\n", encoding="utf-8")
    return build_site(root)


@pytest.mark.parametrize("path", [
    "",
    "tentang",
])
def test_site_own_pages_have_share_metadata(own_pages: Path, path: str) -> None:
    """site-map.md, "Every page": also the pages the site's editors write themselves."""
    html = page(own_pages, path)
    for prop in ["og:title", "og:url", "og:image", "description"]:
        assert meta(html, prop), (path, prop)
    og_image(own_pages, path)


# -- the flyer's QR code --------------------------------------------------------


def decode_qr(im: Image.Image) -> list[str]:
    return [b.text for b in zxingcpp.read_barcodes(im) if b.format == zxingcpp.BarcodeFormat.QRCode]


def test_flyer_qr_png_reads_as_the_kawasan_url(portal: Built) -> None:
    html = page(portal.site, f"{SLUG}/cetak")
    assert 'href="qr.png"' in html  # the download link on the flyer
    with Image.open(portal.site / SLUG / "cetak" / "qr.png") as im:
        assert decode_qr(im.convert("L")) == [KAWASAN_URL]


@pytest.fixture(scope="module")
def served(portal: Built, tmp_path_factory: pytest.TempPathFactory):
    """The site over HTTP on 127.0.0.1, under site_url's path (/portal/)."""
    with serve(portal.site, "/portal/") as url:
        yield url


@pytest.mark.browser
def test_flyer_page_qr_reads_as_the_kawasan_url_in_chromium(browser: Any, served: str) -> None:
    context = browser.new_context(viewport={"width": 1000, "height": 1400}, device_scale_factor=2)
    try:
        tab = context.new_page()
        response = tab.goto(served + f"{SLUG}/cetak/", wait_until="load")
        assert response is not None and response.ok
        for media in ("screen", "print"):
            tab.emulate_media(media=media)
            qr = tab.locator(".plpbk-flyer .plpbk-qr svg")
            assert qr.count() == 1
            shot = Image.open(io.BytesIO(qr.screenshot()))
            assert min(shot.size) >= 100, (media, shot.size)
            assert decode_qr(shot.convert("L")) == [KAWASAN_URL], media
    finally:
        context.close()


# -- the cache ------------------------------------------------------------------


def _made(cache: Path, *kinds: str) -> dict[Path, int]:
    """Every file the image, card and proposal workers wrote into the cache, with when it was written."""
    return {p: p.stat().st_mtime_ns for kind in kinds for p in (cache / kind).rglob("*") if p.is_file()}


def test_second_build_reuses_the_cache(portal: Built) -> None:
    """The cause of a fast second build, counted: no image, share card or proposal is made again."""
    cache = portal.root / ".cache" / "plpbk"
    assert cache.is_dir() and any(cache.rglob("*.webp"))
    made = _made(cache, "img", "cards", "proposals")
    images._MEMO.clear()  # a second `mkdocs build` is a new process: only the disk cache carries over
    again = portal.root / "site-again"
    build(load_config(str(portal.root / "mkdocs.yml"), site_dir=str(again)))
    assert _made(cache, "img", "cards", "proposals") == made  # nothing encoded, drawn or printed again
    before = {p.relative_to(portal.site): p.read_bytes() for p in site_images(portal.site)}
    after = {p.relative_to(again): p.read_bytes() for p in site_images(again)}
    assert after == before  # the same images, byte for byte
    shutil.rmtree(again)
