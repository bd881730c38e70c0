"""A corpus of broken plans: each case is one mutation of the minimal valid plan.

A case says which problem the loader must report: the field path, the line
(a number, a text to find in kawasan.yml, or ``None``), the file (relative to
the kawasan folder; ``""`` for the folder itself) and, for typos, the suggestion.
A line of ``...`` accepts any line number (an alias bomb stops wherever its
budget runs out).
"""

from __future__ import annotations

import json
import os
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import EllipsisType
from typing import Any

import yaml
from PIL import Image

from plpbk_plugin.plan.reading.attachments import Limits

from .plans import plan, write_jpeg

Mutation = Callable[[dict[str, Any], Path], "str | bytes | None"]


@dataclass(frozen=True)
class Case:
    name: str
    mutate: Mutation
    field: str
    line: int | str | tuple[str, int] | EllipsisType | None
    file: str = "kawasan.yml"
    suggestion: str | None = None
    says: str | None = None
    limits: Limits = field(default_factory=Limits)
    folder: str | None = None
    plan_file: str = "kawasan.yml"

    @property
    def slug(self) -> str:
        return self.folder or self.name.replace("_", "-")


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def build(case: Case, plans_dir: Path) -> Path:
    """Write the case's kawasan folder; return it."""
    folder = plans_dir / case.slug
    write_jpeg(folder / "photos" / "hero.jpg")
    data = plan()
    text = case.mutate(data, folder)
    if text is None:
        text = dump(data)
    (folder / case.plan_file).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return folder


def expected_line(case: Case, folder: Path) -> int | None:
    if case.line is None or case.line is ... or isinstance(case.line, int):
        return case.line
    needle, nth = case.line if isinstance(case.line, tuple) else (case.line, 1)
    text = (folder / case.file).read_text(encoding="utf-8", errors="replace")
    hits = [number for number, line in enumerate(text.split("\n"), 1) if needle in line]
    return hits[nth - 1]


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` × ``height`` pixels but holds almost no data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")


def truncated_jpeg(path: Path) -> None:
    image = Image.effect_noise((128, 128), 80).convert("RGB")
    image.save(path, "JPEG", quality=90)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def alias_bomb() -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def _set(path: str, value: Any) -> Mutation:
    """A mutation setting a dotted path (``projects.0.cost``) to ``value``."""

    def mutate(data: dict[str, Any], folder: Path) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node.setdefault(part, {})
        node[int(last) if last.isdigit() else last] = value

    return mutate


def _text(transform: Callable[[str], str | bytes]) -> Mutation:
    return lambda data, folder: transform(dump(data))


def _drop(key: str) -> Mutation:
    def mutate(data: dict[str, Any], folder: Path) -> None:
        del data[key]

    return mutate


def _then(*steps: Callable[[dict[str, Any], Path], Any]) -> Mutation:
    def mutate(data: dict[str, Any], folder: Path) -> None:
        for step in steps:
            step(data, folder)

    return mutate


def _file(relative: str, content: bytes | Callable[[Path], None]) -> Callable[[dict[str, Any], Path], None]:
    def write(data: dict[str, Any], folder: Path) -> None:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        content(path) if callable(content) else path.write_bytes(content)

    return write


def _symlink_outside(data: dict[str, Any], folder: Path) -> None:
    outside = write_jpeg(folder.parent.parent / "outside.jpg").resolve()
    hero = folder / "photos" / "hero.jpg"
    hero.unlink()
    os.symlink(outside, hero)


def _duplicate_project(data: dict[str, Any], folder: Path) -> None:
    data["projects"].append({**data["projects"][0], "title": "Jalan kedua"})


def _no_date_news(data: dict[str, Any], folder: Path) -> None:
    (folder / "news").mkdir()
    (folder / "news" / "2026-11-02-kabar.md").write_text("---\ntitle: Kabar\n---\nIsi kabar.\n", encoding="utf-8")


RING_OUT_OF_RANGE = [[[110.0, -95.0], [110.1, -6.9], [110.1, -7.0], [110.0, -95.0]]]
CALL = {"id": "ajakan", "title": "Ajakan", "description": "Bantu kami.", "projects": ["jalan-rw-3"]}

CASES = [
    Case("yaml_tab", _text(lambda t: t.replace("\n  kelurahan", "\n\tkelurahan")), "", "kelurahan", says="tab"),
    Case("yaml_quote", _text(lambda t: t.replace("name: Kampung Uji", 'name: "Kampung Uji')), "", 1, says="kutip"),
    Case("yaml_colon", _text(lambda t: t.replace("tagline: Kampung", "tagline:Kampung")), "", "tagline:", says="titik dua"),
    Case("wrong_type", _set("projects.0.title", ["a", "b"]), "projects[0].title", "title:", says="teks"),
    Case("negative_money", _set("projects.0.funding", [{"source": "swadaya", "amount": -5}]),
         "projects[0].funding[0].amount", "amount:", says="-5"),
    Case("dotted_money", _set("projects.0.cost", "1.250.000"), "projects[0].cost", "cost:", says="1250000"),
    Case("key_typo", _set("projects.0.fundng", []), "projects[0].fundng", "fundng:", suggestion="funding"),
    Case("enum_typo", _set("projects.0.sector", "lingkugan"), "projects[0].sector", "sector:", suggestion="lingkungan"),
    Case("duplicate_project_id", _duplicate_project, "projects[1].id", ("id: jalan-rw-03", 2)),
    Case("unknown_call_project", _set("calls", [CALL]), "calls[0].projects[0]", "- jalan-rw-3", suggestion="jalan-rw-03"),
    Case("missing_photo", _set("photos.hero", "photos/heroo.jpg"), "photos.hero", "hero:", suggestion="photos/hero.jpg"),
    Case("corrupt_photo", _file("photos/hero.jpg", b"\xff\xd8\xff\xe0 not really a jpeg" * 20), "photos.hero", "hero:"),
    Case("truncated_jpeg", _file("photos/hero.jpg", truncated_jpeg), "photos.hero", "hero:", says="rusak"),
    Case("oversized_photo", lambda d, f: None, "photos.hero", "hero:", limits=Limits(max_photo_bytes=100), says="batasnya"),
    Case("too_many_pixels", lambda d, f: None, "photos.hero", "hero:", limits=Limits(max_image_pixels=100), says="piksel"),
    Case("decompression_bomb",
         _then(_set("photos.gallery", [{"file": "photos/bomb.png"}]),
               _file("photos/bomb.png", png_header(100_000, 100_000))),
         "photos.gallery[0].file", "bomb.png", says="piksel"),
    Case("path_traversal", _set("documents", [{"title": "RPLP", "file": "../../etc/passwd"}]),
         "documents[0].file", "file: ../../etc/passwd"),
    Case("absolute_path", _set("partners", [{"name": "Mitra", "logo": "/etc/passwd"}]), "partners[0].logo", "logo:"),
    Case("symlink_escape", _symlink_outside, "photos.hero", "hero:", says="luar"),
    Case("fake_pdf", _then(_set("documents", [{"title": "RPLP", "file": "documents/rplp.pdf"}]),
                           _file("documents/rplp.pdf", b"<html>bukan pdf</html>")), "documents[0].file", "file:"),
    Case("coordinates_out_of_range", _set("location.coordinates", {"lat": -95, "lon": 110}),
         "location.coordinates.lat", "lat:"),
    Case("poor_households", _set("profile", {"households": 10, "poor_households": 20}),
         "profile.poor_households", "poor_households:"),
    Case("end_before_start", _then(_set("projects.0.start", "2026-05"), _set("projects.0.end", "2026-04-30")),
         "projects[0].end", "end:"),
    Case("alias_bomb", lambda d, f: alias_bomb(), "", ..., says="bom alias"),
    Case("recursive_alias", lambda d, f: "name: &a\n  - *a\n", "", 1, says="rekursif"),
    Case("empty_file", lambda d, f: "# hanya komentar\n\n", "", None),
    Case("top_level_list", lambda d, f: "- name: Kampung Uji\n- tagline: x\n", "", 1, says="daftar"),
    Case("latin1", _text(lambda t: t.replace("Kampung Uji", "Kampung Kaléng").encode("latin-1")), "", 1, says="UTF-8"),
    Case("duplicate_key", _text(lambda t: t + "name: Kampung Lagi\n"), "name", "name: Kampung Lagi", says="dua kali"),
    Case("javascript_url", _set("partners", [{"name": "Mitra", "url": "javascript:alert(1)"}]), "partners[0].url", "url:"),
    Case("no_contact", _set("organization.contact", {"address": "Jl. Uji 1"}), "organization.contact", "contact:"),
    Case("long_tagline", _set("tagline", "Kampung " * 20), "tagline", "tagline:", says="140"),
    Case("bad_slug_folder", lambda d, f: None, "", None, file="", folder="Tambak Sari", suggestion="tambak-sari"),
    Case("missing_field", _drop("summary"), "summary", 1, says="summary:"),
    Case("multiple_documents", _text(lambda t: t + "---\nname: Lain\n"), "", "---", says="dokumen"),
    Case("unknown_tag", _text(lambda t: t.replace("name: Kampung Uji", "name: !ENV NAMA")), "name", "name:", says="!ENV"),
    Case("non_text_key", _text(lambda t: t + "2026: tahun\n"), "", "2026:", says="2026"),
    Case("news_without_date", _no_date_news, "date", 2, file="news/2026-11-02-kabar.md"),
    Case("news_bad_name", _file("news/kabar.md", b"---\ntitle: x\ndate: 2026-11-02\n---\n"), "", None,
         file="news/kabar.md"),
    Case("boundary_out_of_range",
         _file("boundary.geojson", json.dumps({"type": "Polygon", "coordinates": RING_OUT_OF_RANGE}).encode()),
         "", None, file="boundary.geojson", says="lat"),
    Case("boundary_bad_json", _file("boundary.geojson", b'{\n  "type": "Polygon",\n  "coordinates": [\n}'),
         "", 4, file="boundary.geojson", says="JSON"),
    Case("missing_plan_file", lambda d, f: None, "", None, file="", plan_file="kawasan.yaml", says="kawasan.yaml"),
]
