"""Responsive image pipeline: real files in tmp_path, checked the way a site visitor or editor would."""

from __future__ import annotations

import hashlib
import io
import zlib
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageCms, ImageDraw

from plpbk_plugin.media import images
from plpbk_plugin.media.images import ImageError, ImagePipeline, ImageRequest, Picture


def phone_photo(path: Path, size: tuple[int, int] = (4000, 3000), orientation: int = 6) -> Path:
    """A photo-like JPEG as a phone writes it: sideways pixels + Orientation tag, GPS, ICC, comment."""
    im = Image.merge("RGB", (
        Image.linear_gradient("L").resize(size),
        Image.effect_mandelbrot(size, (-2.2, -1.2, 1.0, 1.2), 60),
        Image.radial_gradient("L").resize(size),
    ))
    im = Image.blend(im, Image.effect_noise(size, 24).convert("RGB"), 0.25)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (6.0, 57.0, 12.5)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    im.save(path, quality=92, exif=exif, icc_profile=icc, comment=b"rumah pak RT")
    return path


def logo_png(path: Path) -> Path:
    im = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    ImageDraw.Draw(im).ellipse((50, 25, 550, 275), fill=(0, 137, 123, 255))
    im.save(path)
    return path


def all_files(picture: Picture) -> list:
    return [*picture.modern, *picture.fallback]


@pytest.fixture(scope="module")
def phone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Picture, Path]:
    """One cold run over a 4000×3000 phone photo: (source, picture, published site dir)."""
    root = tmp_path_factory.mktemp("phone")
    source = phone_photo(root / "foto.jpg")
    pipeline = ImagePipeline(root / "cache")
    pictures, errors = pipeline.prepare([ImageRequest(source, "photo")])
    pipeline.publish(root / "site")
    assert errors == []
    return source, pictures[source], root / "site"


def test_phone_photo_becomes_upright_webp_and_jpeg_at_three_widths(phone):
    _, picture, site = phone
    assert [v.width for v in picture.modern] == [480, 960, 1600]
    assert [v.width for v in picture.fallback] == [480, 960, 1600]
    assert {v.mime for v in picture.modern} == {"image/webp"}
    assert {v.mime for v in picture.fallback} == {"image/jpeg"}
    assert (picture.width, picture.height) == (1600, 2133)
    for variant in all_files(picture):
        with Image.open(site / variant.url) as im:
            assert im.size == (variant.width, variant.height)
            assert im.height > im.width, "EXIF orientation 6 must be applied"
            assert im.get_format_mimetype() == variant.mime


def test_published_photos_carry_no_metadata(phone):
    _, picture, site = phone
    for variant in all_files(picture):
        data = (site / variant.url).read_bytes()
        with Image.open(io.BytesIO(data)) as im:
            assert not im.getexif()
            assert not {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment"} & im.info.keys()
        assert b"PhoneMaker" not in data and b"rumah pak RT" not in data


def test_every_file_is_under_400_kb(phone):
    _, picture, site = phone
    for variant in all_files(picture):
        assert (site / variant.url).stat().st_size < 400 * 1024, variant
        assert (site / variant.url).stat().st_mode & 0o044 == 0o044, "web server must be able to read it"


def test_srcset_prefixes_urls_for_pages_at_any_depth(phone):
    _, picture, _ = phone
    key = picture.modern[0].url.split("/")[-1].split("-")[0]
    assert picture.srcset("modern", "../../") == ", ".join(
        f"../../assets/plpbk/img/{key}-{w}.webp {w}w" for w in (480, 960, 1600)
    )
    assert picture.srcset().startswith(f"assets/plpbk/img/{key}-480.jpg 480w, ")


def test_transparent_logo_keeps_alpha_in_png_and_webp(tmp_path):
    source = logo_png(tmp_path / "logo.png")
    pipeline = ImagePipeline(tmp_path / "cache")
    pictures, errors = pipeline.prepare([ImageRequest(source, "logo")])
    pipeline.publish(tmp_path / "site")
    picture = pictures[source]
    assert errors == []
    assert [(v.width, v.height) for v in picture.fallback] == [(160, 80), (320, 160)]
    assert {v.mime for v in picture.fallback} == {"image/png"}
    for variant in all_files(picture):
        with Image.open(tmp_path / "site" / variant.url) as im:
            assert im.mode == "RGBA"
            assert im.getpixel((0, 0))[3] == 0, "corner stays transparent"
            assert im.getpixel((im.width // 2, im.height // 2))[3] == 255


def test_small_photo_is_not_upscaled(tmp_path):
    source = tmp_path / "kecil.jpg"
    Image.new("RGB", (300, 200), "teal").save(source)
    pictures, errors = ImagePipeline(tmp_path / "cache").prepare([ImageRequest(source, "photo")])
    assert errors == []
    assert [(v.width, v.height) for v in all_files(pictures[source])] == [(300, 200), (300, 200)]


def bomb_png(path: Path) -> None:
    """A tiny PNG whose header claims 50000×50000 pixels."""
    buffer = io.BytesIO()
    Image.new("L", (10, 10)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    ihdr = (50000).to_bytes(4, "big") * 2 + data[24:29]
    data[16:29] = ihdr
    data[29:33] = zlib.crc32(b"IHDR" + ihdr).to_bytes(4, "big")
    path.write_bytes(bytes(data))


def truncated_jpeg(path: Path) -> None:
    buffer = io.BytesIO()
    Image.effect_noise((800, 600), 50).convert("RGB").save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue()[: buffer.tell() // 2])


BAD_SOURCES = {
    "rusak.jpg": lambda p: p.write_bytes(b"bukan gambar sama sekali" * 10),
    "terpotong.jpg": truncated_jpeg,
    "bom.png": bomb_png,
    "animasi.gif": lambda p: Image.new("P", (40, 40)).save(p, "GIF"),
    "peta.bmp": lambda p: Image.new("RGB", (40, 40)).save(p, "BMP"),
    "hilang.jpg": lambda p: None,
}


def test_bad_sources_become_errors_and_leave_no_cache_entries(tmp_path):
    good = phone_photo(tmp_path / "baik.jpg", size=(640, 480), orientation=1)
    bad = []
    for name, make in BAD_SOURCES.items():
        make(tmp_path / name)
        bad.append(tmp_path / name)
    pipeline = ImagePipeline(tmp_path / "cache", workers=2)
    pictures, errors = pipeline.prepare([ImageRequest(p, "photo") for p in [*bad, good]])
    assert list(pictures) == [good]
    assert sorted(e.path for e in errors) == sorted(bad)
    for error in errors:
        assert isinstance(error, ImageError) and error.reason and str(error.path) in str(error)
    reasons = {e.path.name: e.reason for e in errors}
    assert reasons["hilang.jpg"] == "berkas tidak ditemukan"
    assert reasons["terpotong.jpg"] == "berkas rusak atau terpotong"
    assert reasons["bom.png"].startswith("gambar terlalu besar")
    assert "JPEG/PNG/WebP" in reasons["animasi.gif"] and "JPEG/PNG/WebP" in reasons["peta.bmp"]
    assert len(list((tmp_path / "cache" / "img").iterdir())) == 1, "only the good photo is cached"


def test_size_limits_are_checked_before_decoding(tmp_path):
    source = phone_photo(tmp_path / "foto.jpg", size=(4000, 3000), orientation=1)
    _, errors = ImagePipeline(tmp_path / "a", max_pixels=10_000_000).prepare([ImageRequest(source, "photo")])
    assert errors[0].reason == "gambar terlalu besar (4000×3000 piksel, batas 10.000.000)"
    _, errors = ImagePipeline(tmp_path / "b", max_bytes=1024).prepare([ImageRequest(source, "photo")])
    assert errors[0].reason.startswith("berkas terlalu besar (")


def test_unchanged_photo_is_reused_from_cache_without_encoding(tmp_path, monkeypatch):
    source = phone_photo(tmp_path / "foto.jpg", size=(2000, 1500))
    first, _ = ImagePipeline(tmp_path / "cache").prepare([ImageRequest(source, "photo")])
    files = sorted((tmp_path / "cache").rglob("*.*"))
    mtimes = [f.stat().st_mtime_ns for f in files]

    def no_encoding(*args):
        raise AssertionError("encoded again")

    monkeypatch.setattr(images, "_build", no_encoding)
    monkeypatch.setattr(images, "_MEMO", {})  # a fresh process: hash + manifest only
    second, errors = ImagePipeline(tmp_path / "cache").prepare([ImageRequest(source, "photo")])
    assert (second, errors) == (first, [])
    assert [f.stat().st_mtime_ns for f in sorted((tmp_path / "cache").rglob("*.*"))] == mtimes

    def no_hashing(*args):
        raise AssertionError("hashed again")

    monkeypatch.setattr(hashlib, "file_digest", no_hashing)  # same process (mkdocs serve): memo only
    assert ImagePipeline(tmp_path / "cache").prepare([ImageRequest(source, "photo")]) == (first, [])


def test_edited_photo_is_processed_again(tmp_path):
    source = phone_photo(tmp_path / "foto.jpg", size=(1000, 750))
    pipeline = ImagePipeline(tmp_path / "cache")
    first, _ = pipeline.prepare([ImageRequest(source, "photo")])
    Image.new("RGB", (1000, 750), "orange").save(source)
    second, _ = pipeline.prepare([ImageRequest(source, "photo")])
    assert first[source].modern[0].url != second[source].modern[0].url


def test_publish_writes_exactly_the_variant_files(tmp_path):
    photo = phone_photo(tmp_path / "foto.jpg", size=(1200, 900), orientation=1)
    logo = logo_png(tmp_path / "logo.png")
    pipeline = ImagePipeline(tmp_path / "cache")
    pictures, _ = pipeline.prepare([ImageRequest(photo, "photo"), ImageRequest(logo, "logo")])
    pipeline.publish(tmp_path / "site")
    written = {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert written == {v.url for p in pictures.values() for v in all_files(p)}
    assert len(written) == 2 * 2 + 2 * 2  # photo: 480, 960; logo: 160, 320


def test_output_bytes_are_identical_across_cold_runs(tmp_path):
    sources = [phone_photo(tmp_path / "foto.jpg", size=(2000, 1500)), logo_png(tmp_path / "logo.png")]
    requests = [ImageRequest(sources[0], "photo"), ImageRequest(sources[1], "logo")]
    runs = []
    for name in ("a", "b"):
        pipeline = ImagePipeline(tmp_path / name / "cache", workers=2)
        pictures, _ = pipeline.prepare(requests)
        pipeline.publish(tmp_path / name / "site")
        runs.append({v.url: (tmp_path / name / "site" / v.url).read_bytes()
                     for p in pictures.values() for v in all_files(p)})
    assert runs[0] == runs[1]


def test_many_images_are_processed_in_parallel_with_a_progress_line(tmp_path):
    sources = []
    for i in range(11):
        sources.append(tmp_path / f"foto{i}.png")
        Image.new("RGB", (200, 100), (i * 20, 80, 120)).save(sources[-1])
    lines: list[str] = []
    pictures, errors = ImagePipeline(tmp_path / "cache", workers=2, log=lines.append).prepare(
        ImageRequest(p, "photo") for p in sources
    )
    assert errors == [] and set(pictures) == set(sources)
    assert lines == ["plpbk: memproses 11 gambar …"]
