"""Synthetic phone photos: photo-like pixels (slow to compress, like real ones) and a phone's EXIF."""

from __future__ import annotations

import functools
import random
from pathlib import Path

from PIL import ExifTags, Image, ImageChops, ImageDraw

PHONE_MAKE = "PonselUji-7391"  # the Make tag of every generated photo: it must never reach a published site


@functools.cache
def _grain(size: tuple[int, int]) -> Image.Image:
    """Sensor-like luminance noise, made once per size and shifted per photo (effect_noise is slow)."""
    return Image.effect_noise(size, 10).convert("RGB")


def scene(size: tuple[int, int], seed: int) -> Image.Image:
    """A photo-like RGB image: gradients, soft colour clouds, mid-frequency texture, shapes, grain."""
    rnd = random.Random(seed)
    small = (size[0] // 4, size[1] // 4)
    channels = []
    for _ in range(3):
        clouds = Image.effect_noise((small[0] // 50 + 2, small[1] // 50 + 2), 60).resize(small, Image.Resampling.BICUBIC)
        texture = Image.effect_noise((small[0] // 4, small[1] // 4), 40).resize(small, Image.Resampling.BILINEAR)
        gradient = Image.linear_gradient("L").rotate(rnd.choice([0, 90, 180, 270])).resize(small)
        channels.append(Image.blend(Image.blend(gradient, clouds, 0.5), texture, 0.3))
    im = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(im)
    for _ in range(60):  # roofs, walls, boats
        x, y, s = rnd.randrange(small[0]), rnd.randrange(small[1]), rnd.randrange(10, 150)
        draw.rectangle((x, y, x + s, y + s // 2), fill=tuple(rnd.randrange(256) for _ in range(3)))
    im = im.resize(size, Image.Resampling.BICUBIC)
    grain = ImageChops.offset(_grain(size), rnd.randrange(size[0]), rnd.randrange(size[1]))
    return ImageChops.add(im, grain, 1.0, -128)


def phone_exif(orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: maker, orientation and a GPS position (all of which must be stripped)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = PHONE_MAKE
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (6.0, 57.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (110.0, 25.0, 48.0)
    return exif


def make_photos(folder: Path, n: int, size: tuple[int, int] = (4000, 3000)) -> list[Path]:
    """``n`` phone photos (every fourth in portrait) named ``foto-0.jpg``, ``foto-1.jpg``, … in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"foto-{i}.jpg"
        orientation = 6 if i % 4 == 3 else 1  # every fourth photo was taken in portrait
        scene(size, i).save(path, "JPEG", quality=92, exif=phone_exif(orientation))
        paths.append(path)
    return paths
