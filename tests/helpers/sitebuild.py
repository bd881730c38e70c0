"""Helpers for tests that build real sites into a temporary folder."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from PIL import ExifTags, Image

REPO = Path(__file__).resolve().parents[2]


def write_photo(path: Path, size: tuple[int, int] = (1200, 800), colour: str = "#2a9d8f", mode: str = "RGB") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new(mode, size, colour)
    image.save(path)


def write_plan(plans: Path, slug: str, data: dict[str, Any], news: dict[str, str] | None = None) -> Path:
    folder = plans / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kawasan.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name, text in (news or {}).items():
        (folder / "news").mkdir(exist_ok=True)
        (folder / "news" / name).write_text(text, encoding="utf-8")
    return folder


def write_site(root: Path, *, plugin: dict[str, Any] | None = None, language: str = "id", **extra: Any) -> Path:
    config = {
        "site_name": "Uji Portal",
        "site_url": "https://contoh.github.io/portal/",
        "theme": {"name": "material", "language": language, "font": False},
        "plugins": [{"plpbk": plugin or {}}],
        "markdown_extensions": ["admonition", "attr_list"],
        **extra,
    }
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root


# Pagefind writes its filter and metadata chunks (and the entry file naming them) in hash-map order,
# which varies between runs (Pagefind/pagefind#638: its word index and fragments are stable since
# 1.3, these are not). Builds are compared on them by what they describe: pages per language.
PAGEFIND_UNSTABLE = re.compile(r"^pagefind/(filter/|pagefind\.[^/]*\.pf_meta$|pagefind-entry\.json$)")


def comparable(files: dict[str, bytes]) -> dict[str, bytes]:
    """A built site's files (relative path → bytes) with Pagefind's run-dependent files summarised."""
    kept = {name: data for name, data in files.items() if not PAGEFIND_UNSTABLE.match(name)}
    if "pagefind/pagefind-entry.json" in files:
        languages = json.loads(files["pagefind/pagefind-entry.json"])["languages"]
        kept["pagefind: pages per language"] = json.dumps({k: v["page_count"] for k, v in sorted(languages.items())}).encode()
    return kept


def build_site(root: Path, **overrides: Any) -> Path:
    """Build ``root/mkdocs.yml`` into ``root/site`` and return the site folder."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), **overrides)
    build(config)
    return root / "site"


def copy_demo_plans(target: Path) -> Path:
    shutil.copytree(REPO / "plans", target / "plans")
    return target / "plans"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def meta(html: str, prop: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def isolated_build(root: Path, **overrides: Any) -> Path:
    """``build_site`` with a plugin instance of its own, as in a fresh `mkdocs build` process.

    MkDocs keeps one instance of a plugin that defines ``on_startup`` for the whole process, and
    plugin.py makes its image and card caches once: without this, every later in-process build
    would use (and write into) the cache folder of the first one.
    """
    MkDocsConfig.plugins.plugin_cache.pop("plpbk", None)
    try:
        return build_site(root, **overrides)
    finally:
        MkDocsConfig.plugins.plugin_cache.pop("plpbk", None)


def small_copy(source: Path, target: Path) -> None:
    """A demo kawasan with every photo and logo replaced by a small image of the same format.

    The JPEGs carry what a phone writes: camera make, GPS position and a comment (none of it
    may be published).
    """
    shutil.copytree(source, target)
    for index, path in enumerate(sorted(target.rglob("*"))):
        if path.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp"):
            with Image.open(path) as im:
                fmt, mode = im.format, ("RGBA" if im.mode in ("RGBA", "LA", "P") else "RGB")
            small = Image.new(mode, (64 + index, 40), (30, 120 + index % 100, 110))
            if fmt == "JPEG":
                exif = Image.Exif()
                exif[ExifTags.Base.Make] = "PhoneMaker"
                gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
                gps[ExifTags.GPS.GPSLatitudeRef] = "S"
                gps[ExifTags.GPS.GPSLatitude] = (6.0, 57.0, 12.5)
                small.save(path, fmt, exif=exif, comment=b"rumah pak RT")
            else:
                small.save(path, fmt)
