"""Responsive images: each source decoded once into WebP plus JPEG/PNG variants, cached by content."""

from __future__ import annotations

import hashlib
import io
import json
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal, NamedTuple

from PIL import ExifTags, Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

from ..filesystem import StampMemo, copy_into, parallel_map, write_folder
from ..i18n import N_, Translator, translator
from ..plan.model import Plan
from ..plan.reading.attachments import file_refs

URL_DIR = "assets/plpbk/img"
WIDTHS: dict[str, tuple[int, ...]] = {"photo": (480, 960, 1600), "logo": (160, 320)}
MAX_OUTPUT_BYTES = 400 * 1024
MAX_PIXELS = 40_000_000
MANIFEST = "picture.json"
_FORMAT_VERSION = 1
_INPUT_FORMATS = ("JPEG", "PNG", "WEBP")
_SRGB = ImageCms.createProfile("sRGB")


class _Encoding(NamedTuple):
    format: str
    ext: str
    attempts: tuple[dict[str, Any], ...]  # later entries: fallbacks for files over MAX_OUTPUT_BYTES


_ENCODINGS = {
    "image/webp": _Encoding("WEBP", "webp", tuple({"quality": q, "method": 5} for q in (78, 68, 58))),
    "image/jpeg": _Encoding("JPEG", "jpg", tuple({"quality": q, "progressive": True, "optimize": True} for q in (80, 70, 60))),
    "image/png": _Encoding("PNG", "png", ({"optimize": True},)),
}
_SETTINGS = json.dumps([_FORMAT_VERSION, URL_DIR, WIDTHS, MAX_OUTPUT_BYTES, _ENCODINGS], sort_keys=True)



_UNSUPPORTED = N_("not a JPEG/PNG/WebP image, or the file is damaged")
_CORRUPT = N_("the file is damaged or cut short")

_Stamp = tuple[Path, Path, int, int, str]  # (cache root, source, mtime_ns, size, kind)
_MEMO: dict[_Stamp, tuple[str, Picture]] = {}  # stamp -> (cache key, Picture): `mkdocs serve` rebuilds skip hashing
_SETTINGS_TAG = hashlib.sha256(_SETTINGS.encode()).hexdigest()[:12]


class ImageError(Exception):
    """A source image that cannot be published: an English message id and its values, for the editor."""

    def __init__(self, path: Path, message: str, values: dict[str, int] | None = None) -> None:
        super().__init__(path, message, values)
        self.path = path
        self.message = message
        self.values = values or {}

    def reason_in(self, t: Translator) -> str:
        """The reason in ``t``'s language, numbers and sizes in its format."""
        values = {
            key: t.file_size(value) if key in ("size", "limit_bytes") else t.number(value) if key == "limit" else value
            for key, value in self.values.items()
        }
        return t.gettext(self.message) % values

    @property
    def reason(self) -> str:
        """The reason in Indonesian."""
        return self.reason_in(translator("id"))

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Variant:
    """One encoded file; ``url`` is site-relative POSIX without a leading slash."""

    url: str
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class Picture:
    """All variants of one source; width/height are those of the largest variant."""

    width: int
    height: int
    modern: tuple[Variant, ...]
    fallback: tuple[Variant, ...]

    def srcset(self, which: Literal["modern", "fallback"] = "fallback", prefix: str = "") -> str:
        """``srcset`` value, each URL prefixed (e.g. with the page's relative path to the site root)."""
        return ", ".join(f"{prefix}{v.url} {v.width}w" for v in getattr(self, which))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Picture:
        """Inverse of ``dataclasses.asdict``."""
        return cls(
            data["width"],
            data["height"],
            tuple(Variant(**v) for v in data["modern"]),
            tuple(Variant(**v) for v in data["fallback"]),
        )


@dataclass(frozen=True)
class ImageRequest:
    """A source to publish: photos get widths 480/960/1600, logos 160/320; never upscaled."""

    path: Path
    kind: Literal["photo", "logo"]


class ImagePipeline:
    """Makes and caches image variants under ``cache_dir/img/<key>/``, then copies them into the site."""

    def __init__(
        self,
        cache_dir: Path,
        *,
        workers: int | None = None,
        max_pixels: int = MAX_PIXELS,
        max_bytes: int = 25 * 1024 * 1024,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self._root = cache_dir / "img"
        self._stamps = StampMemo(cache_dir / "stamps" / "img.json")  # source stamp -> cache key, between builds
        self._workers = workers
        self._max_pixels = max_pixels
        self._max_bytes = max_bytes
        self._log = log
        self._files: dict[str, Path] = {}  # url -> cached file, from the last prepare()

    def prepare(self, requests: Iterable[ImageRequest]) -> tuple[dict[Path, Picture], list[ImageError]]:
        """Make (or reuse from cache) every variant; all problems returned, not raised."""
        self._files = {}
        pictures: dict[Path, Picture] = {}
        errors: list[ImageError] = []
        todo: dict[str, list[tuple[ImageRequest, _Stamp]]] = {}  # key -> requests with identical bytes
        for request in requests:
            try:
                stamp, key, picture = self._lookup(request)
            except ImageError as error:
                errors.append(error)
                continue
            if picture is None:
                todo.setdefault(key, []).append((request, stamp))
            else:
                pictures[request.path] = self._remember(key, picture)
        if len(todo) > 10 and self._log:
            self._log(f"plpbk: memproses {len(todo)} gambar …")
        jobs = [(group[0][0].path, group[0][0].kind, self._root / key, self._max_pixels) for key, group in todo.items()]
        for (key, group), result in zip(todo.items(), parallel_map(_build, jobs, self._workers)):
            for request, stamp in group:
                if isinstance(result, ImageError):
                    errors.append(ImageError(request.path, result.reason))
                else:
                    pictures[request.path] = self._remember(key, result)
                    _MEMO[stamp] = key, result
        self._stamps.save()
        return pictures, errors

    def verified(self, path: Path) -> bool:
        """Whether these very bytes were decoded into the cache before, so a plan check may skip decoding them.

        Unknown stamps (a fresh clone in CI) cost one hash of the file, which prepare() then reuses.
        """
        try:
            resolved, stat = path.resolve(), path.stat()
        except OSError:
            return False
        stamps = {kind: StampMemo.stamp(resolved, stat, f"{kind}|{_SETTINGS_TAG}") for kind in WIDTHS}
        for stamp in stamps.values():
            key = self._stamps.get(stamp)
            if key is not None and (self._root / key / MANIFEST).is_file():
                return True
        try:
            with path.open("rb") as f:
                content = hashlib.file_digest(f, "sha256")
        except OSError:
            return False
        for kind, stamp in stamps.items():
            digest = content.copy()
            digest.update(f"\0{kind}\0{_SETTINGS}".encode())
            key = digest.hexdigest()[:16]
            if (self._root / key / MANIFEST).is_file():
                self._stamps.put(stamp, key)
                return True
        return False

    def print_file(self, picture: Picture, max_width: int = 1200) -> Path | None:
        """The cached JPEG (or PNG) variant of ``picture`` for print: the widest up to ``max_width``."""
        fitting = [v for v in picture.fallback if v.width <= max_width] or list(picture.fallback[:1])
        return self._files.get(max(fitting, key=lambda v: v.width).url) if fitting else None

    def publish(self, site_dir: Path) -> None:
        """Copy every variant of the last ``prepare()`` into ``site_dir`` at its URL."""
        for url, source in self._files.items():
            copy_into(site_dir, url, source)

    def _remember(self, key: str, picture: Picture) -> Picture:
        """Note the cached files of ``picture`` for publish()."""
        for variant in picture.modern + picture.fallback:
            self._files[variant.url] = self._root / key / PurePosixPath(variant.url).name
        return picture

    def _lookup(self, request: ImageRequest) -> tuple[_Stamp, str, Picture | None]:
        """Memo stamp, cache key and cached Picture (None on a miss) for one request."""
        path = request.path
        try:
            stat = path.stat()
        except OSError:
            raise ImageError(path, N_("file not found")) from None
        if stat.st_size > self._max_bytes:
            raise ImageError(
                path, N_("file too large (%(size)s, limit %(limit_bytes)s)"), {"size": stat.st_size, "limit_bytes": self._max_bytes}
            )
        resolved = path.resolve()
        stamp = (self._root, resolved, stat.st_mtime_ns, stat.st_size, request.kind)
        if stamp in _MEMO and (self._root / _MEMO[stamp][0] / MANIFEST).is_file():
            self._stamps.put(StampMemo.stamp(resolved, stat, f"{request.kind}|{_SETTINGS_TAG}"), _MEMO[stamp][0])
            return stamp, *_MEMO[stamp]
        disk_stamp = StampMemo.stamp(resolved, stat, f"{request.kind}|{_SETTINGS_TAG}")
        key = self._stamps.get(disk_stamp)
        if key is None:
            with path.open("rb") as f:
                digest = hashlib.file_digest(f, "sha256")
            digest.update(f"\0{request.kind}\0{_SETTINGS}".encode())
            key = digest.hexdigest()[:16]
            self._stamps.put(disk_stamp, key)
        try:
            picture = Picture.from_dict(json.loads((self._root / key / MANIFEST).read_text()))
        except (OSError, ValueError, KeyError, TypeError):
            return stamp, key, None
        _MEMO[stamp] = key, picture
        return stamp, key, picture


def decode_srgb(path: Path, *, max_pixels: int, cover: tuple[int, int] = (1, 1)) -> Image.Image:
    """Decode a JPEG/PNG/WebP upright, in sRGB (RGB, or RGBA if alpha is used), without metadata.

    The result is shrunk (never enlarged) to the smallest size that still covers ``cover``
    (width, height); JPEGs are already decoded at reduced scale where possible.
    Raises ImageError for anything that cannot be decoded safely.
    """
    im: Image.Image
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=_INPUT_FORMATS) as im:
                if im.width * im.height > max_pixels:
                    raise ImageError(
                        path,
                        N_("image too large (%(width)d×%(height)d pixels, limit %(limit)s)"),
                        {"width": im.width, "height": im.height, "limit": max_pixels},
                    )
                _draft(im, cover)
                im.load()
                ImageOps.exif_transpose(im, in_place=True)
    except ImageError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(path, N_("image too large (more than %(limit)s pixels)"), {"limit": max_pixels}) from None
    except UnidentifiedImageError:
        raise ImageError(path, _UNSUPPORTED) from None
    except Exception:  # Pillow signals damaged data with many exception types
        raise ImageError(path, _CORRUPT) from None
    mode = "RGBA" if im.has_transparency_data else "RGB"
    if im.mode not in (mode, "CMYK"):  # CMYK needs its ICC profile to become RGB
        im = im.convert(mode)
    im = _to_srgb(_shrink(im, cover), mode)
    if mode == "RGBA" and im.getchannel("A").getextrema() == (255, 255):
        im = im.convert("RGB")
    im.info = {}
    return im


def _draft(im: ImageFile.ImageFile, cover: tuple[int, int]) -> None:
    """Let the JPEG decoder scale down by 1/2, 1/4 or 1/8 while still covering ``cover`` once upright."""
    width, height = cover
    if im.getexif().get(ExifTags.Base.Orientation) in (5, 6, 7, 8):
        width, height = height, width
    im.draft(None, (max(width, 1), max(height, 1)))


def _shrink(im: Image.Image, cover: tuple[int, int]) -> Image.Image:
    """Scale down to the smallest size covering ``cover``; never enlarge."""
    scale = max(cover[0] / im.width, cover[1] / im.height)
    if scale >= 1:
        return im
    size = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _to_srgb(im: Image.Image, mode: str) -> Image.Image:
    """Convert to sRGB in ``mode`` via the embedded ICC profile; without a usable one, assume sRGB."""
    if icc := im.info.get("icc_profile"):
        try:
            srgb = ImageCms.profileToProfile(im, io.BytesIO(icc), _SRGB, outputMode=mode)
            if srgb is not None:  # None only when converting in place
                return srgb
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
    return im.convert(mode)


def _build(path: Path, kind: str, entry: Path, max_pixels: int) -> Picture | ImageError:
    """Decode ``path`` once, encode all its variants and store them atomically in ``entry``."""
    try:
        im = decode_srgb(path, max_pixels=max_pixels, cover=(max(WIDTHS[kind]), 1))
    except ImageError as error:
        return error
    fallback_mime = "image/png" if im.mode == "RGBA" else "image/jpeg"
    widths = [w for w in WIDTHS[kind] if w <= im.width] or [im.width]
    files: dict[str, bytes] = {}
    variants: dict[str, list[Variant]] = {"image/webp": [], fallback_mime: []}
    for width in widths:
        size = (width, max(1, round(im.height * width / im.width)))
        scaled = im if size == im.size else im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        for mime, found in variants.items():
            encoding = _ENCODINGS[mime]
            name = f"{entry.name}-{width}.{encoding.ext}"
            files[name] = encode(scaled, encoding.format, encoding.attempts)
            found.append(Variant(f"{URL_DIR}/{name}", *size, mime))
    largest = variants[fallback_mime][-1]
    picture = Picture(largest.width, largest.height, tuple(variants["image/webp"]), tuple(variants[fallback_mime]))
    _store(entry, files, picture)
    return picture


def small_webp(path: Path, size: tuple[int, int] = (480, 240), budget: int = 12 * 1024) -> bytes | None:
    """A small cover-cropped WebP of a photo, for a page that carries its picture inline (an embeddable card);
    ``None`` when it cannot be read or does not fit ``budget`` bytes."""
    try:
        im = ImageOps.fit(decode_srgb(path, max_pixels=MAX_PIXELS, cover=size), size).convert("RGB")
    except ImageError:
        return None
    data = encode(im, "WEBP", tuple({"quality": q, "method": 6} for q in (62, 48, 34)), budget)
    return data if len(data) <= budget else None


def encode(im: Image.Image, fmt: str, attempts: Sequence[dict[str, Any]], budget: int = MAX_OUTPUT_BYTES) -> bytes:
    """Encode with the first settings in ``attempts`` that fit ``budget`` bytes (else the last)."""
    for options in attempts:
        buffer = io.BytesIO()
        im.save(buffer, fmt, **options)
        if buffer.tell() <= budget:
            break
    return buffer.getvalue()


def _store(entry: Path, files: dict[str, bytes], picture: Picture) -> None:
    """The variants and their manifest, written at once."""
    write_folder(entry, {**files, MANIFEST: json.dumps(asdict(picture)).encode()})


def plan_images(plans: Sequence[Plan]) -> list[ImageRequest]:
    """Every photo and logo the plans name: the file fields of ``files.FILE_FIELDS``, and news images."""
    requests: dict[Path, ImageRequest] = {}
    for plan in plans:
        data = plan.kawasan.model_dump(by_alias=True, exclude_none=True)
        named = [(name, kind) for _, name, kind in file_refs(data) if kind != "document"]
        named += [(post.meta.image, "photo") for post in plan.news if post.meta.image]
        for name, kind in named:
            path = (plan.folder / name).resolve()
            requests.setdefault(path, ImageRequest(path, kind))
    return list(requests.values())
