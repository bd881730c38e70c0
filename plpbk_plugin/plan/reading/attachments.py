"""Reading the files a plan names, safely.

Every file must resolve (symlinks followed) inside its kawasan folder, be a
regular file within a size limit, and really be what it claims: photos and
logos decodable JPEG/PNG/WebP of bounded pixel count, documents of an allowed
kind (a PDF starting with ``%PDF-``), the boundary a WGS84 (Multi)Polygon.
Failures raise :class:`FileError` with a translated message.
"""

from __future__ import annotations

import codecs
import json
import os
import warnings
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from PIL import Image, UnidentifiedImageError

from ...i18n import translator
from ..rules import Finding, nearest

MiB = 1024 * 1024
IMAGE_FORMATS = {
    "JPEG": (".jpg", ".jpeg"),
    "MPO": (".jpg", ".jpeg"),  # a phone camera's JPEG with a second picture inside
    "PNG": (".png",),
    "WEBP": (".webp",),
}
IMAGE_EXTENSIONS = frozenset(ext for exts in IMAGE_FORMATS.values() for ext in exts)
DOCUMENT_EXTENSIONS = frozenset(
    {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".csv"}
)
BOUNDARY_FILE = "boundary.geojson"

FileKind = Literal["photo", "logo", "document"]
FILE_FIELDS: tuple[tuple[str, FileKind], ...] = (
    ("photos.hero", "photo"),
    ("photos.gallery[].file", "photo"),
    ("projects[].photos[].file", "photo"),
    ("projects[].updates[].photos[].file", "photo"),
    ("partners[].logo", "logo"),
    ("documents[].file", "document"),
)
"""Where kawasan.yml names files (``[]``: every item of a list), and their kind."""


@dataclass(frozen=True)
class Limits:
    """Resource limits for reading one plan: a hostile file fails fast, in bounded memory."""

    max_yaml_bytes: int = 1 * MiB
    max_photo_bytes: int = 15 * MiB
    max_document_bytes: int = 30 * MiB
    max_boundary_bytes: int = 5 * MiB
    max_image_pixels: int = 60_000_000
    max_yaml_nodes: int = 100_000
    max_depth: int = 64
    decoded: Callable[[Path], bool] | None = field(default=None, compare=False, repr=False)
    """Photos known to decode completely (the image cache holds their exact bytes): not decoded again."""


class FileError(Exception):
    """A file a plan names is unusable; ``message`` is translated, ``line`` is in that file."""

    def __init__(self, message: str, line: int | None = None, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.suggestion = suggestion


def resolve_inside(folder: Path, name: str, lang: str) -> Path:
    """The regular file ``name`` inside ``folder``, symlinks followed; else :class:`FileError`."""
    _ = translator(lang).gettext
    base = folder.resolve()
    try:
        target = (base / name).resolve()
    except (OSError, RuntimeError, ValueError):
        raise FileError(_("`%(file)s` cannot be resolved (a symlink loop?).") % {"file": name}) from None
    if not target.is_relative_to(base):
        raise FileError(
            _("`%(file)s` points outside the kawasan folder; only files inside `%(folder)s/` can be used.")
            % {"file": name, "folder": folder.name}
        )
    if not target.exists():
        raise FileError(
            _("File `%(file)s` not found in `%(folder)s/`.") % {"file": name, "folder": folder.name},
            suggestion=nearest(name, [other for other in _files_in(base) if other != name]),
        )
    if not target.is_file():
        raise FileError(_("`%(file)s` is not a file (a folder?).") % {"file": name})
    return target


def _files_in(base: Path, cap: int = 2000) -> list[str]:
    """Relative names of (at most ``cap``) files under ``base``, for "did you mean" hints."""
    names: list[str] = []
    for root, _dirs, files in os.walk(base):
        names.extend(Path(root, f).relative_to(base).as_posix() for f in files)
        if len(names) >= cap:
            break
    return names[:cap]


def read_text(path: Path, max_bytes: int, lang: str) -> str:
    """A UTF-8 text file (a BOM is allowed) of at most ``max_bytes``."""
    _ = translator(lang).gettext
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        message = _("`%(file)s` cannot be read: %(error)s.")
        raise FileError(message % {"file": path.name, "error": exc.strerror}) from None
    if len(data) > max_bytes:
        raise FileError(_too_big(path, max_bytes, lang))
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FileError(
            _("The file is not UTF-8 text (byte 0x%(byte)02X on line %(line)s); save it again as UTF-8.")
            % {"byte": data[exc.start], "line": line},
            line=line,
        ) from None


def _too_big(path: Path, limit: int, lang: str) -> str:
    t = translator(lang)
    message = t.gettext("`%(file)s` is %(size)s; the limit is %(limit)s. Make it smaller.")
    return message % {"file": path.name, "size": t.file_size(path.stat().st_size), "limit": t.file_size(limit)}


def check_image(path: Path, name: str, limits: Limits, lang: str) -> None:
    """A JPEG, PNG or WebP within the size and pixel limits that decodes completely."""
    t = translator(lang)
    _ = t.gettext
    if path.suffix.lower() not in IMAGE_EXTENSIONS:
        raise FileError(_("`%(file)s` is not a JPEG, PNG or WebP photo.") % {"file": name})
    if path.stat().st_size > limits.max_photo_bytes:
        raise FileError(_too_big(path, limits.max_photo_bytes, lang))
    too_many_pixels = _(
        "`%(file)s` has too many pixels (limit %(limit)s); resize it, e.g. to 2000 pixels wide."
    ) % {"file": name, "limit": t.number(limits.max_image_pixels)}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.format not in IMAGE_FORMATS:
                    raise FileError(
                        _("`%(file)s` is a %(format)s image; use JPEG, PNG or WebP.")
                        % {"file": name, "format": image.format}
                    )
                if image.width * image.height > limits.max_image_pixels:
                    raise FileError(too_many_pixels)
                if limits.decoded is None or not limits.decoded(path):
                    if image.format in ("JPEG", "MPO"):  # decode at 1/8 scale: cheap, yet reads every byte
                        image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
                    image.load()
    except Image.DecompressionBombError:
        raise FileError(too_many_pixels) from None
    except UnidentifiedImageError:
        raise FileError(_("`%(file)s` is not a readable JPEG, PNG or WebP image.") % {"file": name}) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise FileError(
            _("`%(file)s` is damaged or incomplete (%(error)s); export or upload it again.")
            % {"file": name, "error": exc}
        ) from None


def check_document(path: Path, name: str, limits: Limits, lang: str) -> None:
    """A PDF or office document within the size limit; a ``.pdf`` must be a real PDF."""
    _ = translator(lang).gettext
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_EXTENSIONS:
        raise FileError(
            _("`%(file)s` is not an allowed document type (%(types)s).")
            % {"file": name, "types": ", ".join(sorted(DOCUMENT_EXTENSIONS))}
        )
    if path.stat().st_size > limits.max_document_bytes:
        raise FileError(_too_big(path, limits.max_document_bytes, lang))
    if suffix == ".pdf":
        with path.open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                raise FileError(_("`%(file)s` is not a PDF file (it does not start with %%PDF-).") % {"file": name})


_CHECKS = {"photo": check_image, "logo": check_image, "document": check_document}


def file_refs(data: Any) -> Iterator[tuple[str, str, FileKind]]:
    """``(field path, file name, kind)`` of each file raw plan data names; wrong shapes are skipped."""
    for pattern, kind in FILE_FIELDS:
        for path, value in _walk(data, pattern.split("."), ""):
            if isinstance(value, str) and value.strip():
                yield path, value.strip(), kind


def _walk(node: Any, parts: list[str], path: str) -> Iterator[tuple[str, Any]]:
    if not parts:
        yield path, node
        return
    key = parts[0].removesuffix("[]")
    if not isinstance(node, dict) or key not in node:
        return
    child_path = f"{path}.{key}" if path else key
    if not parts[0].endswith("[]"):
        yield from _walk(node[key], parts[1:], child_path)
    elif isinstance(node[key], list):
        for index, item in enumerate(node[key]):
            yield from _walk(item, parts[1:], f"{child_path}[{index}]")


def check_file(folder: Path, name: str, kind: str, limits: Limits, lang: str) -> Path:
    """The safe, checked path of a file of ``kind`` ("photo", "logo" or "document") named by a plan."""
    path = resolve_inside(folder, name, lang)
    _CHECKS[kind](path, name, limits, lang)
    return path


def check_files(data: Any, folder: Path, limits: Limits, lang: str, skip: Collection[str] = ()) -> list[Finding]:
    """A finding for each unusable file named in kawasan.yml (paths in ``skip`` already have an error)."""
    findings: list[Finding] = []
    seen: dict[tuple[str, str], FileError | None] = {}
    for path, name, kind in file_refs(data):
        if path in skip:
            continue
        if (name, kind) not in seen:
            try:
                check_file(folder, name, kind, limits, lang)
                seen[name, kind] = None
            except FileError as exc:
                seen[name, kind] = exc
        if error := seen[name, kind]:
            findings.append(Finding(path, error.message, error.suggestion))
    return findings


def read_boundary(folder: Path, limits: Limits, lang: str) -> dict[str, Any]:
    """The kawasan boundary as one Polygon or MultiPolygon geometry (WGS84, ``[lon, lat]``)."""
    _ = translator(lang).gettext
    path = resolve_inside(folder, BOUNDARY_FILE, lang)
    text = read_text(path, limits.max_boundary_bytes, lang)
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise FileError(
            _("Not valid JSON (%(error)s at column %(column)s).") % {"error": exc.msg, "column": exc.colno},
            line=exc.lineno,
        ) from None
    except (ValueError, RecursionError):
        raise FileError(_("Not valid GeoJSON: NaN, Infinity or too deep nesting.")) from None
    polygons = list(_polygons(data))
    if not polygons:
        raise FileError(_("No Polygon or MultiPolygon found; draw the boundary as a polygon (e.g. on geojson.io)."))
    for geometry in polygons:
        _check_geometry(geometry, lang)
    if len(polygons) == 1:
        return {"type": polygons[0]["type"], "coordinates": polygons[0]["coordinates"]}
    return {
        "type": "MultiPolygon",
        "coordinates": [
            part
            for g in polygons
            for part in (g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]])
        ],
    }


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def _polygons(obj: Any) -> Iterator[dict[str, Any]]:
    """The Polygon/MultiPolygon geometries in a geometry, Feature or FeatureCollection."""
    if not isinstance(obj, dict):
        return
    kind = obj.get("type")
    if kind in ("Polygon", "MultiPolygon"):
        yield obj
    elif kind == "Feature":
        yield from _polygons(obj.get("geometry"))
    elif kind == "FeatureCollection" and isinstance(obj.get("features"), list):
        for feature in obj["features"]:
            yield from _polygons(feature)


def _check_geometry(geometry: dict[str, Any], lang: str) -> None:
    _ = translator(lang).gettext
    coordinates = geometry.get("coordinates")
    polygons = coordinates if geometry["type"] == "MultiPolygon" else [coordinates]
    if not isinstance(polygons, list) or not polygons:
        raise FileError(_("A %(type)s without coordinates.") % {"type": geometry["type"]})
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise FileError(_("A polygon must be a list of rings of [lon, lat] positions."))
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4 or ring[0] != ring[-1]:
                raise FileError(
                    _("Each polygon ring needs at least 4 positions and must end where it starts.")
                )
            for position in ring:
                _check_position(position, lang)


def _check_position(position: Any, lang: str) -> None:
    _ = translator(lang).gettext
    numbers = (
        isinstance(position, list)
        and len(position) in (2, 3)
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in position)
    )
    if not numbers:
        raise FileError(_("Position %(position)s is not [lon, lat].") % {"position": json.dumps(position)[:60]})
    lon, lat = position[0], position[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise FileError(
            _("Position %(position)s is out of range: GeoJSON writes [lon, lat], lon −180…180, lat −90…90.")
            % {"position": json.dumps(position)}
        )
