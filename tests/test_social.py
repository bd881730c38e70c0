"""Share cards and QR codes, checked on the produced files."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp
from PIL import ExifTags, Image, ImageDraw

from plpbk_plugin.media import cards as social
from plpbk_plugin.media import qr
from plpbk_plugin.media.cards import CardMaker, ShareCard
from plpbk_plugin.media.qr import QrCodes


def photo(path: Path) -> Path:
    """A 3000×2000 photo-like JPEG stored sideways with an Orientation tag."""
    size = (3000, 2000)
    im = Image.merge("RGB", (
        Image.linear_gradient("L").resize(size),
        Image.effect_mandelbrot(size, (-2.2, -1.2, 1.0, 1.2), 60),
        Image.effect_noise(size, 40),
    ))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    im.save(path, quality=90, exif=exif)
    return path


def card(photo_path: Path | None = None, **changes) -> ShareCard:
    fields = {
        "title": "Kampung Nelayan Tambak Sari",
        "subtitle": "Penataan kawasan pesisir yang tangguh banjir rob, dengan ruang publik baru untuk 1.200 keluarga.",
        "eyebrow": "Kelurahan Tambak Lorok · Kota Semarang",
        "figure_label": "Kekurangan dana",
        "figure_value": "Rp1.250.000.000",
        "site_name": "PLPBK Kota Semarang",
        "photo": photo_path,
    }
    return ShareCard(**{**fields, **changes})


@pytest.mark.parametrize(("with_photo", "fmt"), [(True, "JPEG"), (False, "PNG")])
def test_card_is_1200x630_under_300_kb_in_the_smaller_format(tmp_path, with_photo, fmt):
    source = photo(tmp_path / "foto.jpg") if with_photo else None
    maker = CardMaker(tmp_path / "cache")
    urls = maker.make({"tambak-sari/kartu": card(source)})
    assert urls == {"tambak-sari/kartu": "tambak-sari/kartu." + {"JPEG": "jpg", "PNG": "png"}[fmt]}
    maker.publish(tmp_path / "site")
    published = tmp_path / "site" / urls["tambak-sari/kartu"]
    with Image.open(published) as im:
        assert (im.size, im.format) == ((1200, 630), fmt)
    assert published.stat().st_size < 300 * 1024
    assert published.stat().st_mode & 0o044 == 0o044, "web server must be able to read it"


def test_unreadable_photo_still_gives_a_designed_card(tmp_path):
    (tmp_path / "rusak.jpg").write_bytes(b"\xff\xd8 rusak")
    maker = CardMaker(tmp_path / "cache")
    urls = maker.make({"k": card(tmp_path / "rusak.jpg"), "tanpa": card(tmp_path / "tidak-ada.jpg")})
    maker.publish(tmp_path / "site")
    for url in urls.values():
        with Image.open(tmp_path / "site" / url) as im:
            assert im.size == (1200, 630)


def test_text_panel_is_dark_and_photo_panel_shows_the_photo(tmp_path):
    maker = CardMaker(tmp_path / "cache")
    url = maker.make({"k": card(photo(tmp_path / "foto.jpg"))})["k"]
    maker.publish(tmp_path / "site")
    with Image.open(tmp_path / "site" / url) as im:
        assert max(im.getpixel((20, 300))) < 60, "white text needs a dark panel"
        assert im.crop((800, 0, 1200, 630)).convert("L").getextrema()[1] > 150


def test_second_make_reuses_the_cached_card(tmp_path, monkeypatch):
    cards = {"a/kartu": card(photo(tmp_path / "foto.jpg")), "b/kartu": card(title="Tanpa foto")}
    CardMaker(tmp_path / "cache").make(cards)
    cached = sorted((tmp_path / "cache" / "cards").iterdir())
    mtimes = [p.stat().st_mtime_ns for p in cached]

    def no_rendering(*args):
        raise AssertionError("rendered again")

    monkeypatch.setattr(social, "_render_to", no_rendering)
    maker = CardMaker(tmp_path / "cache")
    urls = maker.make(cards)
    maker.publish(tmp_path / "site")
    assert sorted((tmp_path / "cache" / "cards").iterdir()) == cached
    assert [p.stat().st_mtime_ns for p in cached] == mtimes
    assert urls == {"a/kartu": "a/kartu.jpg", "b/kartu": "b/kartu.png"}
    assert {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*.*")} == set(urls.values())


def test_changed_text_or_photo_makes_a_new_card(tmp_path):
    source = photo(tmp_path / "foto.jpg")
    maker = CardMaker(tmp_path / "cache")
    maker.make({"k": card(source)})
    maker.make({"k": card(source, figure_value="Rp900.000.000")})
    Image.new("RGB", (800, 600), "orange").save(source)
    maker.make({"k": card(source)})
    assert len(list((tmp_path / "cache" / "cards").iterdir())) == 3


def test_cards_are_byte_identical_across_cold_runs(tmp_path):
    cards = {"a": card(photo(tmp_path / "foto.jpg")), "b": card(accent="#fbc02d"), "c": card()}
    runs = []
    for name in ("x", "y"):
        maker = CardMaker(tmp_path / name / "cache", workers=2)
        urls = maker.make(cards)
        maker.publish(tmp_path / name / "site")
        runs.append({url: (tmp_path / name / "site" / url).read_bytes() for url in urls.values()})
    assert runs[0] == runs[1]


def test_long_text_wraps_to_the_line_limits_with_an_ellipsis():
    draw = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    font = social.dejavu(True, 46)
    lines = social._wrap(draw, "Pembangunan Drainase Lingkungan " * 8, font, 600, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(draw.textlength(line, font=font) <= 600 for line in lines)
    assert social._wrap(draw, "Supercalifragilistik" * 5, font, 600, 2)[0].endswith("…")


def test_card_outside_the_site_is_refused(tmp_path):
    maker = CardMaker(tmp_path / "cache")
    maker.make({"../luar": card()})
    with pytest.raises(ValueError):
        maker.publish(tmp_path / "site")
    assert not list(tmp_path.glob("luar.*"))


def test_qr_png_decodes_to_the_exact_url(tmp_path):
    url = "https://plpbk.example.id/tambak-sari/?utm_source=poster&b=1"
    QrCodes(tmp_path / "cache").publish(tmp_path / "site", {"tambak-sari/cetak/qr.png": url})
    with Image.open(tmp_path / "site" / "tambak-sari" / "cetak" / "qr.png") as im:
        assert [b.text for b in zxingcpp.read_barcodes(im)] == [url]


def test_qr_codes_are_made_once_then_read_from_the_cache(tmp_path, monkeypatch):
    url, title = "https://plpbk.example.id/tambak-sari/", "Kode QR ke Tambak Sari"
    first = QrCodes(tmp_path / "cache")
    svg = first.svg(url, title=title)
    first.publish(tmp_path / "site-1", {"a/qr.png": url})
    assert sorted(p.suffix for p in (tmp_path / "cache" / "qr").iterdir()) == [".png", ".svg"]

    def no_encoding(address):
        raise AssertionError("encoded again")

    monkeypatch.setattr(qr, "_qr", no_encoding)
    again = QrCodes(tmp_path / "cache")  # a new build
    assert again.svg(url, title=title) == svg
    again.publish(tmp_path / "site-2", {"a/qr.png": url})
    assert (tmp_path / "site-2" / "a" / "qr.png").read_bytes() == (tmp_path / "site-1" / "a" / "qr.png").read_bytes()


@pytest.mark.parametrize("damage", [b"", b"\x89PNG\r\n\x1a\n truncated", b"<svg ", b"garbage"])
def test_a_damaged_cached_qr_code_is_made_again(tmp_path, damage):
    url = "https://plpbk.example.id/kali-asin/"
    codes = QrCodes(tmp_path / "cache")
    svg = codes.svg(url, title="QR")
    codes.publish(tmp_path / "site", {"qr.png": url})
    png = (tmp_path / "site" / "qr.png").read_bytes()
    for cached in (tmp_path / "cache" / "qr").iterdir():
        cached.write_bytes(damage)
    again = QrCodes(tmp_path / "cache")
    assert again.svg(url, title="QR") == svg
    again.publish(tmp_path / "site-2", {"qr.png": url})
    assert (tmp_path / "site-2" / "qr.png").read_bytes() == png


def test_qr_codes_without_a_cache_folder(tmp_path):
    codes = QrCodes()
    codes.publish(tmp_path / "site", {"qr.png": "https://plpbk.example.id/"})
    with Image.open(tmp_path / "site" / "qr.png") as im:
        assert [b.text for b in zxingcpp.read_barcodes(im)] == ["https://plpbk.example.id/"]


def test_qr_svg_is_inline_scalable_and_titled():
    svg = QrCodes().svg("https://plpbk.example.id/", title="Kode QR: Tambak Sari & Bandarharjo")
    assert svg.startswith("<svg ") and "viewBox" in svg and "width=" not in svg.split(">")[0]
    assert "<title>Kode QR: Tambak Sari &amp; Bandarharjo</title>" in svg
